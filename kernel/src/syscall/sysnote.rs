//! Notes: posting, catching, and the points where they take effect.

use super::{Proc, interrupted};
use crate::error::Result;
use crate::proc::Pid;

impl Proc {
    /// Post a note to a process (`kill` ends it at once).
    pub fn kill(&self, pid: Pid, note: &str) -> Result<()> {
        self.kernel.post_note(pid, note)
    }

    /// Post a note to every process of a note group.
    pub fn kill_group(&self, noteid: Pid, note: &str) -> usize {
        self.kernel.post_note_group(noteid, note)
    }

    /// Catch notes instead of being ended by them (`kill` is never caught).
    pub fn catch_notes(&self, on: bool) {
        self.me.set_catching(on)
    }

    /// The oldest pending note, if any.
    pub fn take_note(&self) -> Option<String> {
        self.me.take_note()
    }

    /// A point where a long computation lets the system act: a note that
    /// ends the process takes effect here, a caught note answers `EINTR`,
    /// and other processes get to run now and then.
    pub async fn checkpoint(&self) -> Result<()> {
        if self.me.control_pending() {
            tokio::task::yield_now().await;
        }
        if self.me.catches_notes() && self.me.has_pending_note() {
            return Err(interrupted());
        }
        if self.me.tick() {
            tokio::task::yield_now().await;
        }
        Ok(())
    }
}
