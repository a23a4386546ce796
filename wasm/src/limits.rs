//! A guest's memory counted against its process's `mem` limit.
//!
//! Linear memory and tables grow through this limiter: each growth is
//! charged to the process ([`kernel::Proc::charge_mem`], what
//! `/proc/N/limits` shows as the `mem` use) before wasmtime makes it, and
//! a growth past the limit is refused (`memory.grow` answers -1, so
//! `malloc` answers NULL), never made and then noticed. Everything is
//! given back when the guest's store goes.

use kernel::Proc;
use wasmtime::ResourceLimiter;

/// Host memory a table element stands for (a function reference).
const TABLE_ELEMENT_BYTES: u64 = 8;

pub struct MemLimiter {
    proc: Proc,
    charged: u64,
    /// Why the last growth was refused (the limit's message).
    pub refused: Option<String>,
}

impl MemLimiter {
    pub fn new(proc: Proc) -> MemLimiter {
        MemLimiter {
            proc,
            charged: 0,
            refused: None,
        }
    }

    fn grow(&mut self, bytes: u64) -> bool {
        match self.proc.charge_mem(bytes) {
            Ok(()) => {
                self.charged += bytes;
                true
            }
            Err(e) => {
                self.refused = Some(kernel::limits::describe(&e).to_string());
                false
            }
        }
    }
}

impl ResourceLimiter for MemLimiter {
    fn memory_growing(&mut self, current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(self.grow(desired.saturating_sub(current) as u64))
    }

    fn table_growing(&mut self, current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        let elements = desired.saturating_sub(current) as u64;
        Ok(self.grow(elements.saturating_mul(TABLE_ELEMENT_BYTES)))
    }
}

impl Drop for MemLimiter {
    fn drop(&mut self) {
        self.proc.release_mem(self.charged);
    }
}
