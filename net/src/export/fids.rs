//! A connection's fid table.
//!
//! A fid names a file by its path in one view of a namespace (the
//! exporter's, or a process's by aname). [`Fid`] values are immutable:
//! open, create and a rename replace the table's entry, so a request
//! never holds a lock while it waits on a server.

use std::sync::Arc;

use kernel::{Errno, OpenFile, Proc, Result};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;

use super::stat::Users;
use super::wire_error;

/// The namespace an attach chose.
pub(crate) struct View {
    pub proc: Proc,
    /// The exported root: `..` never walks above it.
    pub root: String,
    pub users: Users,
}

pub(crate) struct Fid {
    pub view: Arc<View>,
    /// The file's name in the view's namespace (cleaned, absolute).
    pub path: String,
    pub qid: p9::Qid,
    pub open: Option<Arc<Open>>,
}

/// An open fid.
pub(crate) struct Open {
    pub io: Io,
    /// Remove the file when the fid is clunked (ORCLOSE).
    pub rclose: bool,
}

pub(crate) enum Io {
    File(Arc<OpenFile>),
    /// A directory: read as stat records, see `ops::read_dir`.
    Dir(tokio::sync::Mutex<DirRead>),
}

/// Where a directory read stands: the names listed at offset 0, how many
/// were answered, and the byte offset the next read must give.
#[derive(Default)]
pub(crate) struct DirRead {
    pub names: Vec<String>,
    pub next: usize,
    pub offset: u64,
    /// An encoded record that did not fit the last read's count.
    pub pending: Option<Vec<u8>>,
}

#[derive(Default)]
pub(crate) struct Table {
    fids: Mutex<FxHashMap<u32, Arc<Fid>>>,
}

impl Table {
    pub fn get(&self, fid: u32) -> Result<Arc<Fid>> {
        self.fids
            .lock()
            .get(&fid)
            .cloned()
            .ok_or_else(|| wire_error(Errno::EBADF, "unknown fid"))
    }

    /// Add a new fid; `duplicate fid` if the number is taken.
    pub fn insert(&self, fid: u32, f: Fid) -> Result<()> {
        let mut fids = self.fids.lock();
        if fids.contains_key(&fid) {
            return Err(wire_error(Errno::EBADF, "duplicate fid"));
        }
        fids.insert(fid, Arc::new(f));
        Ok(())
    }

    /// Replace `old` (still the entry of `fid`) with `new`: false if the
    /// fid was clunked or changed meanwhile.
    pub fn replace(&self, fid: u32, old: &Arc<Fid>, new: Fid) -> bool {
        let mut fids = self.fids.lock();
        match fids.get_mut(&fid) {
            Some(cur) if Arc::ptr_eq(cur, old) => {
                *cur = Arc::new(new);
                true
            }
            _ => false,
        }
    }

    pub fn remove(&self, fid: u32) -> Result<Arc<Fid>> {
        self.fids
            .lock()
            .remove(&fid)
            .ok_or_else(|| wire_error(Errno::EBADF, "unknown fid"))
    }

    pub fn take_all(&self) -> Vec<Arc<Fid>> {
        self.fids.lock().drain().map(|(_, f)| f).collect()
    }
}
