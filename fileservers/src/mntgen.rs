//! MntGen, `#n` at `/n`: a directory in which every name is an empty
//! directory, to mount on (Plan 9's mntgen(4)). `mount /srv/x /n/x` needs
//! no `mkdir` first, and nobody's /n fills up with stale mount points.
//!
//! A listing of the root shows the names that have been looked up (the
//! mount points in use, and any name someone walked to); `rmdir /n/NAME`
//! forgets one. Nothing can be created here: mounted trees are where
//! files go.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Entry};
use kernel::{Caller, Clock, DirEntry, Errno, NodeType, Result, Stat};
use parking_lot::Mutex;

pub struct Names {
    clock: Arc<Clock>,
    /// Names looked up so far, with their qid and when first seen.
    names: Mutex<BTreeMap<String, (u64, u64)>>,
    /// Qids are never reused, so a forgotten name that comes back is a new
    /// directory.
    next: AtomicU64,
}

pub type MntGen = DevServer<Names>;

impl Names {
    pub fn server(clock: Arc<Clock>) -> MntGen {
        DevServer::new(Names {
            clock,
            names: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(1),
        })
    }
}

#[async_trait]
impl Device for Names {
    /// The qid: 0 for the root.
    type Key = u64;
    type State = ();

    fn name(&self) -> &str {
        "mntgen"
    }

    /// The directory a path names, recording a new name.
    fn lookup(&self, _who: &Caller, path: &str) -> Result<Entry<u64>> {
        let rel = path.trim_start_matches('/');
        let (name, qid, mtime) = if rel.is_empty() {
            ("/".to_string(), 0, 0)
        } else if rel.contains('/') {
            // Every generated directory is empty.
            return Err(Errno::ENOENT.into());
        } else {
            let mut names = self.names.lock();
            let now = self.clock.now_ms();
            let &mut (qid, mtime) = names
                .entry(rel.to_string())
                .or_insert_with(|| (self.next.fetch_add(1, Ordering::Relaxed), now));
            (rel.to_string(), qid, mtime)
        };
        let mut stat = Stat::new(name, NodeType::Dir, 0, mtime);
        stat.mode = Some(0o555);
        stat.qid = qid;
        Ok(Entry { key: qid, stat })
    }

    fn list(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if self.lookup(who, path)?.key != 0 {
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
    async fn remove(&self, _who: &Caller, entry: &Entry<u64>) -> Result<()> {
        if entry.key == 0 {
            return Err(Errno::EPERM.into());
        }
        self.names.lock().retain(|_, (qid, _)| *qid != entry.key);
        Ok(())
    }
}
