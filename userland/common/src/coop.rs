//! Giving the runtime its thread back.
//!
//! Every process is a task on one current-thread runtime: a loop that never
//! awaits something that blocks keeps every other process, `kill`, Ctrl-C
//! and the timers behind `--timeout` from running. Commands therefore call
//! [`step`] once per unit of work that can take microseconds (a chunk read
//! or written, a record, a regex search, a sort run), and a [`Ticker`] in
//! loops whose steps take nanoseconds. Both spend tokio's cooperative
//! budget (128 units a turn): the call that finds it spent yields, so a
//! busy process gives way every few milliseconds and a calm one never does.

use tokio::task::coop::consume_budget;

/// One unit of work done: yields if this turn's budget is spent.
pub async fn step() {
    consume_budget().await;
}

/// Steps a [`Ticker`] counts per unit of budget.
const TICKS_PER_STEP: u32 = 256;

/// A counter for loops with tiny steps (a byte, a line, an awk opcode):
/// [`Ticker::tick`] spends budget only every 256 ticks, so the check costs
/// an increment and a compare.
#[derive(Default, Debug)]
pub struct Ticker(u32);

impl Ticker {
    pub const fn new() -> Ticker {
        Ticker(0)
    }

    /// Count a tick; every 256th spends a unit of budget.
    #[inline]
    pub async fn tick(&mut self) {
        self.0 = self.0.wrapping_add(1);
        if self.0.is_multiple_of(TICKS_PER_STEP) {
            step().await;
        }
    }

    /// Count `n` ticks at once (a loop that handles a run of bytes).
    #[inline]
    pub async fn ticks(&mut self, n: usize) {
        let before = self.0 / TICKS_PER_STEP;
        self.0 = self.0.wrapping_add(n.min(u32::MAX as usize / 2) as u32);
        if self.0 / TICKS_PER_STEP != before {
            step().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A spinning task that ticks lets another task run on a current-thread
    /// runtime.
    #[test]
    fn a_ticking_loop_lets_others_run() {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        rt.block_on(async {
            let stop = Arc::new(AtomicBool::new(false));
            let s = stop.clone();
            // At most ten million steps: without yields the other task
            // would run only after them, and the loop would see no stop.
            let spinner = tokio::spawn(async move {
                let mut t = Ticker::new();
                for n in 0..10_000_000u64 {
                    if s.load(Ordering::Relaxed) {
                        return n;
                    }
                    t.tick().await;
                }
                u64::MAX
            });
            let other = tokio::spawn(async move {
                stop.store(true, Ordering::Relaxed);
            });
            other.await.unwrap();
            let steps = spinner.await.unwrap();
            assert!(steps < 1_000_000, "the spinner yielded only after {steps} steps");
        });
    }
}
