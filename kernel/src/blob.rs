//! Blob: a fileserver holding one read-only file of fixed bytes, `/data`.
//!
//! What a shell needs for a heredoc or a here-string: a seekable file with
//! known content, without a pipe (which would block a writer once 64 KiB
//! wait for a reader that has not started) or a temporary file in a
//! namespace that may not have `/tmp`.

use std::collections::HashMap;

use async_trait::async_trait;
use parking_lot::Mutex;

use crate::error::{Errno, Result};
use crate::proto::{Caller, DirEntry, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, Stat};

pub struct Blob {
    data: Vec<u8>,
    /// Open handles: number → is the root directory.
    handles: Mutex<(u64, HashMap<u64, bool>)>,
}

impl Blob {
    pub fn new(data: Vec<u8>) -> Blob {
        Blob {
            data,
            handles: Mutex::new((1, HashMap::new())),
        }
    }

    pub const QID: Qid = Qid {
        path: 1,
        version: 0,
        kind: NodeType::File,
    };

    /// Open `/data` without going through a namespace.
    pub fn open_data(&self) -> Opened {
        Opened {
            handle: self.new_handle(false),
            qid: Blob::QID,
        }
    }

    fn new_handle(&self, dir: bool) -> Handle {
        let mut h = self.handles.lock();
        let id = h.0;
        h.0 += 1;
        h.1.insert(id, dir);
        Handle(id)
    }
}

#[async_trait]
impl Fileserver for Blob {
    fn name(&self) -> &str {
        "blob"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        let dir = match path {
            "/" => true,
            "/data" => false,
            _ => return Err(Errno::ENOENT.into()),
        };
        if flags.writes() {
            return Err(if dir { Errno::EISDIR } else { Errno::EPERM }.into());
        }
        let qid = if dir {
            Qid {
                path: 0,
                version: 0,
                kind: NodeType::Dir,
            }
        } else {
            Blob::QID
        };
        Ok(Opened {
            handle: self.new_handle(dir),
            qid,
        }
        .into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        match self.handles.lock().1.get(&h.0) {
            None => return Err(Errno::EBADF.into()),
            Some(true) => return Err(Errno::EISDIR.into()),
            Some(false) => {}
        }
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(self.data.len());
        let end = start + count.min(self.data.len() - start);
        Ok(crate::bytes::to_vec(&self.data[start..end]))
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        match self.handles.lock().1.remove(&h.0) {
            Some(_) => Ok(()),
            None => Err(Errno::EBADF.into()),
        }
    }

    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        let dir = *self.handles.lock().1.get(&h.0).ok_or(Errno::EBADF)?;
        self.stat(who, if dir { "/" } else { "/data" }).await
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        match path {
            "/" => Ok(Stat::new("/", NodeType::Dir, 0, 0)),
            "/data" => {
                let mut st = Stat::new("data", NodeType::File, self.data.len() as u64, 0);
                st.mode = Some(0o444);
                st.qid = 1;
                Ok(st)
            }
            p if p.starts_with("/data/") => Err(Errno::ENOTDIR.into()),
            _ => Err(Errno::ENOENT.into()),
        }
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match path {
            "/" => Ok(vec![DirEntry::new("data", NodeType::File)]),
            "/data" => Err(Errno::ENOTDIR.into()),
            _ => Err(Errno::ENOENT.into()),
        }
    }
}
