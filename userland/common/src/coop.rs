//! Giving the runtime its thread back.
//!
//! Every process is a task on one current-thread runtime: a loop that never
//! awaits something that blocks keeps every other process, `kill`, Ctrl-C
//! and the timers behind `--timeout` from running. Commands therefore call
//! [`step`] once per unit of work that can take microseconds (a chunk read
//! or written, a record, a regex search, a sort run), and a [`Ticker`] in
//! loops whose steps take nanoseconds. Both go through the kernel's
//! [`Proc::checkpoint`]: a kill or a note pending for the process takes
//! effect there at once, and every 256th call yields so that the others
//! run.

use kernel::Proc;

/// One unit of work done: the process's checkpoint. A command does not
/// catch notes, so the checkpoint's `EINTR` (for a shell that does) is
/// not an error here.
pub async fn step(p: &Proc) {
    let _ = p.checkpoint().await;
}

/// Ticks a [`Ticker`] counts per step.
const TICKS_PER_STEP: u32 = 64;

/// A counter for loops with tiny steps (a byte, a line, an awk opcode):
/// [`Ticker::tick`] takes a step only every 64 ticks, so the check costs
/// an increment and a compare.
#[derive(Default, Debug)]
pub struct Ticker(u32);

impl Ticker {
    pub const fn new() -> Ticker {
        Ticker(0)
    }

    /// Count a tick; every 64th is a [`step`].
    #[inline]
    pub async fn tick(&mut self, p: &Proc) {
        self.0 = self.0.wrapping_add(1);
        if self.0.is_multiple_of(TICKS_PER_STEP) {
            step(p).await;
        }
    }

    /// Count `n` ticks at once (a loop that handles a run of bytes).
    #[inline]
    pub async fn ticks(&mut self, p: &Proc, n: usize) {
        let before = self.0 / TICKS_PER_STEP;
        self.0 = self.0.wrapping_add(n.min(u32::MAX as usize / 2) as u32);
        if self.0 / TICKS_PER_STEP != before {
            step(p).await;
        }
    }
}
