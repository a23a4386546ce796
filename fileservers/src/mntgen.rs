//! MntGen, `#n` at `/n`: a directory in which every name is an empty
//! directory, to mount on (Plan 9's mntgen(4)). `mount /srv/x /n/x` needs
//! no `mkdir` first, and nobody's /n fills up with stale mount points.
//!
//! A listing of the root shows the names that have been looked up (the
//! mount points in use, and any name someone walked to); `rmdir /n/NAME`
//! forgets one. Nothing can be created here: mounted trees are where
//! files go.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kernel::{Caller, Clock, DirEntry, Errno, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat};
use parking_lot::Mutex;

pub struct MntGen {
    clock: Arc<Clock>,
    /// Names looked up so far, with their qid and when first seen.
    names: Mutex<BTreeMap<String, (u64, u64)>>,
    handles: Mutex<HashSet<u64>>,
    next: AtomicU64,
}

impl MntGen {
    pub fn new(clock: Arc<Clock>) -> MntGen {
        MntGen {
            clock,
            names: Mutex::new(BTreeMap::new()),
            handles: Mutex::new(HashSet::new()),
            next: AtomicU64::new(1),
        }
    }

    /// The directory a path names, recording a new name: (name, qid, mtime).
    fn lookup(&self, path: &str) -> Result<(String, u64, u64)> {
        let rel = path.trim_start_matches('/');
        if rel.is_empty() {
            return Ok(("/".to_string(), 0, 0));
        }
        if rel.contains('/') {
            // Every generated directory is empty.
            return Err(Errno::ENOENT.into());
        }
        let mut names = self.names.lock();
        let now = self.clock.now_ms();
        let next = &self.next;
        let (qid, mtime) = *names
            .entry(rel.to_string())
            .or_insert_with(|| (next.fetch_add(1, Ordering::Relaxed), now));
        Ok((rel.to_string(), qid, mtime))
    }
}

#[async_trait]
impl Fileserver for MntGen {
    fn name(&self) -> &str {
        "mntgen"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<Opened> {
        flags.validate()?;
        if flags.create {
            return Err(Errno::EPERM.into());
        }
        let (_, qid, _) = self.lookup(path)?;
        if flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        let h = self.next.fetch_add(1, Ordering::Relaxed);
        self.handles.lock().insert(h);
        Ok(Opened {
            handle: Handle(h),
            qid: Qid {
                path: qid,
                version: 0,
                kind: NodeType::Dir,
            },
        })
    }

    async fn read(&self, h: Handle, _offset: u64, _count: usize) -> Result<Vec<u8>> {
        if self.handles.lock().contains(&h.0) {
            Err(Errno::EISDIR.into())
        } else {
            Err(Errno::EBADF.into())
        }
    }

    async fn close(&self, h: Handle) -> Result<()> {
        if self.handles.lock().remove(&h.0) {
            Ok(())
        } else {
            Err(Errno::EBADF.into())
        }
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let (name, qid, mtime) = self.lookup(path)?;
        let mut st = Stat::new(name, NodeType::Dir, 0, mtime);
        st.mode = Some(0o555);
        st.qid = qid;
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let (name, _, _) = self.lookup(path)?;
        if name != "/" {
            return Ok(Vec::new());
        }
        Ok(self
            .names
            .lock()
            .keys()
            .map(|n| DirEntry::new(n.clone(), NodeType::Dir))
            .collect())
    }

    /// Forget a name (it comes back at the next lookup).
    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        let rel = path.trim_start_matches('/');
        if rel.is_empty() || rel.contains('/') {
            return Err(Errno::EPERM.into());
        }
        match self.names.lock().remove(rel) {
            Some(_) => Ok(()),
            None => Err(Errno::ENOENT.into()),
        }
    }
}
