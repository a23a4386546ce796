//! The system clock and the entropy source.
//!
//! Both are shared objects the kernel hands to the servers that need them
//! (MemoryFS for timestamps, DevFS for `/dev/time` and `/dev/random`). A
//! seeded system (`--seed N`) starts its clock at a fixed instant and draws
//! every random byte from one seeded generator, so a script run twice gives
//! the same bytes.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use parking_lot::Mutex;
use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha12Rng;

/// 2026-01-01T00:00:00Z: where a seeded system's clock starts.
pub const FIXED_EPOCH_MS: u64 = 1_767_225_600_000;

/// Wall-clock time as the system sees it: a start instant plus the real time
/// elapsed since boot.
#[derive(Debug)]
pub struct Clock {
    base_ns: u128,
    start: Instant,
}

impl Clock {
    /// A clock that reads the host's time.
    pub fn real() -> Arc<Clock> {
        let base = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
        Arc::new(Clock {
            base_ns: base.as_nanos(),
            start: Instant::now(),
        })
    }

    /// A clock that starts at `epoch_ms` and then runs at real speed.
    pub fn starting_at(epoch_ms: u64) -> Arc<Clock> {
        Arc::new(Clock {
            base_ns: u128::from(epoch_ms) * 1_000_000,
            start: Instant::now(),
        })
    }

    /// Nanoseconds since the Unix epoch.
    pub fn now_ns(&self) -> u128 {
        self.base_ns + self.start.elapsed().as_nanos()
    }

    /// Milliseconds since the Unix epoch (the protocol's time unit).
    pub fn now_ms(&self) -> u64 {
        (self.now_ns() / 1_000_000) as u64
    }

    /// Time since boot.
    pub fn uptime(&self) -> Duration {
        self.start.elapsed()
    }
}

/// The one source of randomness in a system.
#[derive(Debug)]
pub struct Entropy {
    rng: Mutex<ChaCha12Rng>,
}

impl Entropy {
    /// Seeded from the host's entropy.
    pub fn from_host() -> Arc<Entropy> {
        Arc::new(Entropy {
            rng: Mutex::new(ChaCha12Rng::from_rng(&mut rand::rng())),
        })
    }

    /// Reproducible: the same seed gives the same bytes.
    pub fn seeded(seed: u64) -> Arc<Entropy> {
        Arc::new(Entropy {
            rng: Mutex::new(ChaCha12Rng::seed_from_u64(seed)),
        })
    }

    pub fn fill(&self, buf: &mut [u8]) {
        self.rng.lock().fill_bytes(buf);
    }

    pub fn bytes(&self, n: usize) -> Vec<u8> {
        let mut v = vec![0; n];
        self.fill(&mut v);
        v
    }

    pub fn u64(&self) -> u64 {
        self.rng.lock().random()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_entropy_repeats() {
        let a = Entropy::seeded(42).bytes(32);
        let b = Entropy::seeded(42).bytes(32);
        assert_eq!(a, b);
        assert_ne!(a, Entropy::seeded(43).bytes(32));
    }

    #[test]
    fn fixed_clock_starts_at_epoch() {
        let c = Clock::starting_at(FIXED_EPOCH_MS);
        let now = c.now_ms();
        assert!((FIXED_EPOCH_MS..FIXED_EPOCH_MS + 60_000).contains(&now));
    }
}
