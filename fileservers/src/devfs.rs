//! DevFS: the synthetic devices of `/dev`.
//!
//! | file      | read                                   | write     |
//! |-----------|----------------------------------------|-----------|
//! | `null`    | end of file                            | discarded |
//! | `zero`    | zero bytes                             | discarded |
//! | `random`  | bytes from the system entropy source   | discarded |
//! | `urandom` | the same (there is one source)         | discarded |
//! | `time`    | Plan 9's `/dev/time`: seconds, nanoseconds, ticks and ticks per second since the epoch, fixed width | refused |
//!
//! Every device is a stream (`NodeType::Device`). The tree cannot be
//! changed: `mkdir`, `remove`, `rename` and `wstat` answer `EPERM`. Random
//! bytes come from the kernel's one entropy source, so a seeded system reads
//! the same bytes every run.

use std::collections::HashMap;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{
    Caller, Clock, DirEntry, Entropy, Errno, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat,
};
use parking_lot::Mutex;

/// The most a device read answers at once.
const IOUNIT: usize = 1 << 20;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Dev {
    Root,
    Null,
    Random,
    Time,
    Urandom,
    Zero,
}

/// Sorted by name, so the listing is stable. The index is the qid.
const DEVICES: [(&str, Dev, u32); 5] = [
    ("null", Dev::Null, 0o666),
    ("random", Dev::Random, 0o666),
    ("time", Dev::Time, 0o444),
    ("urandom", Dev::Urandom, 0o666),
    ("zero", Dev::Zero, 0o666),
];

pub struct DevFs {
    clock: Arc<Clock>,
    entropy: Arc<Entropy>,
    handles: Mutex<(u64, HashMap<u64, Dev>)>,
}

impl DevFs {
    pub fn new(clock: Arc<Clock>, entropy: Arc<Entropy>) -> DevFs {
        DevFs {
            clock,
            entropy,
            handles: Mutex::new((1, HashMap::new())),
        }
    }

    fn find(path: &str) -> Result<(Dev, u32, u64)> {
        if path == "/" {
            return Ok((Dev::Root, 0o555, 0));
        }
        let name = path.strip_prefix('/').unwrap_or(path);
        let (first, deeper) = match name.split_once('/') {
            Some((first, _)) => (first, true),
            None => (name, false),
        };
        let found = DEVICES
            .iter()
            .enumerate()
            .find(|(_, (n, _, _))| *n == first)
            .map(|(i, &(_, d, mode))| (d, mode, i as u64 + 1));
        match (found, deeper) {
            (Some(_), true) => Err(Errno::ENOTDIR.into()),
            (Some(f), false) => Ok(f),
            (None, _) => Err(Errno::ENOENT.into()),
        }
    }

    fn device(&self, h: Handle) -> Result<Dev> {
        self.handles
            .lock()
            .1
            .get(&h.0)
            .copied()
            .ok_or_else(|| Errno::EBADF.into())
    }

    /// `/dev/time`'s text, as Plan 9 formats it.
    fn time_text(&self) -> String {
        let ns = self.clock.now_ns();
        let ticks = self.clock.uptime().as_millis();
        format!("{:>11} {:>21} {:>21} {:>21} ", ns / 1_000_000_000, ns, ticks, 1000)
    }
}

#[async_trait]
impl Fileserver for DevFs {
    fn name(&self) -> &str {
        "devfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<Opened> {
        flags.validate()?;
        let (dev, mode, qid) = DevFs::find(path)?;
        if flags.create && flags.exclusive {
            return Err(Errno::EEXIST.into());
        }
        if dev == Dev::Root && flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        if flags.writes() && mode & 0o222 == 0 {
            return Err(Errno::EPERM.into());
        }
        let mut h = self.handles.lock();
        let id = h.0;
        h.0 += 1;
        h.1.insert(id, dev);
        let kind = if dev == Dev::Root {
            NodeType::Dir
        } else {
            NodeType::Device
        };
        Ok(Opened {
            handle: Handle(id),
            qid: Qid {
                path: qid,
                version: 0,
                kind,
            },
        })
    }

    async fn read(&self, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let count = count.min(IOUNIT);
        Ok(match self.device(h)? {
            Dev::Root => return Err(Errno::EISDIR.into()),
            Dev::Null => Vec::new(),
            Dev::Zero => vec![0; count],
            Dev::Random | Dev::Urandom => self.entropy.bytes(count),
            Dev::Time => {
                let text = self.time_text().into_bytes();
                let start = (offset as usize).min(text.len());
                let end = (start + count).min(text.len());
                text[start..end].to_vec()
            }
        })
    }

    async fn write(&self, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        match self.device(h)? {
            Dev::Root => Err(Errno::EISDIR.into()),
            Dev::Time => Err(Errno::EPERM.into()),
            _ => Ok(data.len()),
        }
    }

    async fn close(&self, h: Handle) -> Result<()> {
        match self.handles.lock().1.remove(&h.0) {
            Some(_) => Ok(()),
            None => Err(Errno::EBADF.into()),
        }
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let (dev, mode, qid) = DevFs::find(path)?;
        let (name, kind) = match dev {
            Dev::Root => ("/", NodeType::Dir),
            _ => (path.trim_start_matches('/'), NodeType::Device),
        };
        let mut st = Stat::new(name, kind, 0, 0);
        st.mode = Some(mode);
        st.qid = qid;
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match DevFs::find(path)?.0 {
            Dev::Root => Ok(DEVICES
                .iter()
                .map(|(n, _, _)| DirEntry::new(*n, NodeType::Device))
                .collect()),
            _ => Err(Errno::ENOTDIR.into()),
        }
    }
}
