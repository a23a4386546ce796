//! The dup device `#d`: a process's own fds as files, Plan 9's devdup.
//!
//! ```text
//! /fd/0 /fd/1 ...           one file per open fd of the caller
//! /stdin /stdout /stderr    fds 0, 1 and 2
//! ```
//!
//! Boot binds it after DevFS on `/dev`, so `/dev/stdin`, `/dev/stderr` and
//! `/dev/fd/N` work as scripts expect. Opening one of these files gives a
//! new fd sharing the caller's open file N (its offset too), as
//! `dup` does and as Plan 9 and bash's redirections do: opening `fd/N`
//! answers the caller's open file N itself ([`OpenResult::Existing`]), and
//! the kernel checks that the access asked for is a subset of the fd's.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use async_trait::async_trait;
use parking_lot::Mutex;

use crate::error::{Errno, Error, Result};
use crate::fd::{Fd, OpenFile};
use crate::kernel::Kernel;
use crate::proto::{Caller, DirEntry, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, Stat};

/// The names at the device's root that stand for fds.
const STDIO: [(&str, Fd); 3] = [("stdin", 0), ("stdout", 1), ("stderr", 2)];

pub struct DupFs {
    kernel: Weak<Kernel>,
    /// Open directory handles and the directory each is open on (fd files
    /// are never opened here).
    handles: Mutex<(u64, HashMap<u64, String>)>,
}

/// The fd a path inside the device names, if it names one.
pub fn fd_of(path: &str) -> Option<Fd> {
    if let Some(n) = path.strip_prefix("/fd/") {
        // Canonical decimal only, so `/fd/01` is not a second name for 1.
        return n.parse::<Fd>().ok().filter(|fd| fd.to_string() == n);
    }
    let name = path.strip_prefix('/')?;
    STDIO.iter().find(|(s, _)| *s == name).map(|&(_, fd)| fd)
}

/// The qid path of a directory (`/` 1, `/fd` 2) or of fd N (N + 16).
fn qid_path(path: &str) -> Option<u64> {
    match path {
        "/" => Some(1),
        "/fd" => Some(2),
        _ => fd_of(path).map(|fd| u64::from(fd) + 16),
    }
}

impl DupFs {
    pub fn new(kernel: Weak<Kernel>) -> DupFs {
        DupFs {
            kernel,
            handles: Mutex::new((1, HashMap::new())),
        }
    }

    /// The caller's open file `fd`.
    fn file(&self, who: &Caller, fd: Fd) -> Result<Arc<OpenFile>> {
        let kernel = self.kernel.upgrade().ok_or(Errno::ENOENT)?;
        let p = kernel.process(who.pid).ok_or(Errno::ENOENT)?;
        p.fds().lock().get(fd).map_err(|_| Error::from(Errno::ENOENT))
    }

    /// The caller's fd numbers, with the kind of what each refers to (so
    /// a listing agrees with stat, which reports the file behind the fd).
    fn fds(&self, who: &Caller) -> Vec<(Fd, NodeType)> {
        let Some(p) = self.kernel.upgrade().and_then(|k| k.process(who.pid)) else {
            return Vec::new();
        };
        p.fds().lock().iter().map(|(fd, e)| (fd, e.file.qid.kind)).collect()
    }
}

#[async_trait]
impl Fileserver for DupFs {
    fn name(&self) -> &str {
        "dup"
    }

    /// An fd file answers the caller's open file itself; a directory opens
    /// here.
    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if let Some(fd) = fd_of(path) {
            return Ok(OpenResult::Existing(self.file(who, fd)?.to_opaque()));
        }
        let st = self.stat(who, path).await?;
        if flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        let mut h = self.handles.lock();
        let id = h.0;
        h.0 += 1;
        h.1.insert(id, path.to_string());
        Ok(Opened {
            handle: Handle(id),
            qid: Qid {
                path: st.qid,
                version: 0,
                kind: NodeType::Dir,
            },
        }
        .into())
    }

    async fn read(&self, _who: &Caller, h: Handle, _offset: u64, _count: usize) -> Result<Vec<u8>> {
        if self.handles.lock().1.contains_key(&h.0) {
            Err(Errno::EISDIR.into())
        } else {
            Err(Errno::EBADF.into())
        }
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        if self.handles.lock().1.remove(&h.0).is_some() {
            Ok(())
        } else {
            Err(Errno::EBADF.into())
        }
    }

    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        let path = self.handles.lock().1.get(&h.0).cloned().ok_or(Errno::EBADF)?;
        self.stat(who, &path).await
    }

    /// A directory, or what the fd refers to (as Linux's `/dev/stdin`
    /// stats the file behind the link), under the name asked for.
    async fn stat(&self, who: &Caller, path: &str) -> Result<Stat> {
        let qid = qid_path(path).ok_or(Errno::ENOENT)?;
        let mut st = match fd_of(path) {
            None => {
                let mut st = Stat::new(if path == "/" { "/" } else { "fd" }, NodeType::Dir, 0, 0);
                st.mode = Some(0o555);
                st
            }
            Some(fd) => {
                let file = self.file(who, fd)?;
                match file.stat(who).await {
                    Ok(st) => st,
                    Err(_) => Stat::new("", file.qid.kind, 0, 0),
                }
            }
        };
        st.name = path
            .rsplit('/')
            .next()
            .filter(|s| !s.is_empty())
            .unwrap_or("/")
            .to_string();
        st.qid = qid;
        Ok(st)
    }

    async fn readdir(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match path {
            "/" => {
                let fds = self.fds(who);
                let kind = |n: Fd| fds.iter().find(|f| f.0 == n).map_or(NodeType::File, |f| f.1);
                let mut v = vec![DirEntry::new("fd", NodeType::Dir)];
                v.extend(STDIO.iter().map(|&(s, n)| DirEntry::new(s, kind(n))));
                Ok(v)
            }
            "/fd" => Ok(self
                .fds(who)
                .into_iter()
                .map(|(fd, kind)| DirEntry::new(fd.to_string(), kind))
                .collect()),
            p if fd_of(p).is_some() => Err(Errno::ENOTDIR.into()),
            _ => Err(Errno::ENOENT.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fd_of;

    #[test]
    fn names_of_fds() {
        assert_eq!(fd_of("/fd/0"), Some(0));
        assert_eq!(fd_of("/fd/12"), Some(12));
        assert_eq!(fd_of("/stderr"), Some(2));
        assert_eq!(fd_of("/fd/01"), None);
        assert_eq!(fd_of("/fd/x"), None);
        assert_eq!(fd_of("/fd"), None);
        assert_eq!(fd_of("/"), None);
    }
}
