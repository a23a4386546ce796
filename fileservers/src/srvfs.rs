//! SrvFS, `#s` at `/srv`: the registry where servers are posted and from
//! which any process mounts them (Plan 9's srv(3)).
//!
//! One instance serves a whole system, so a post is seen by every process
//! whatever its namespace. Posting is programmatic (`SrvCapable::post`,
//! reached through `Proc::post`), not a file write: the thing posted is a
//! fileserver object, not bytes. Reading `/srv/NAME` describes the post;
//! `remove` withdraws it, and mounts already made keep their server.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kernel::proto::SrvCapable;
use kernel::{
    Caller, Clock, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat,
};
use parking_lot::Mutex;

struct Post {
    server: Arc<dyn Fileserver>,
    description: String,
    qid: u64,
    mtime: u64,
}

pub struct SrvFs {
    clock: Arc<Clock>,
    posts: Mutex<BTreeMap<String, Post>>,
    /// Open handles: the bytes each one reads (a description, or nothing
    /// for the directory).
    handles: Mutex<HashMap<u64, Option<Arc<[u8]>>>>,
    next: AtomicU64,
}

impl SrvFs {
    pub fn new(clock: Arc<Clock>) -> SrvFs {
        SrvFs {
            clock,
            posts: Mutex::new(BTreeMap::new()),
            handles: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
        }
    }

    /// The post a path names: `/NAME` and nothing deeper.
    fn name_of(path: &str) -> Result<&str> {
        let name = path.strip_prefix('/').unwrap_or(path);
        if name.contains('/') {
            // Posts are files: nothing lies below them.
            return Err(Errno::ENOTDIR.into());
        }
        Ok(name)
    }

    fn id(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }
}

#[async_trait]
impl Fileserver for SrvFs {
    fn name(&self) -> &str {
        "srvfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<Opened> {
        flags.validate()?;
        if path == "/" && flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        if flags.writes() || flags.create {
            return Err(Error::with_detail(
                Errno::EPERM,
                "posting is done by a program, not by writing",
            ));
        }
        let (bytes, qid) = if path == "/" {
            (
                None,
                Qid {
                    path: 0,
                    version: 0,
                    kind: NodeType::Dir,
                },
            )
        } else {
            let posts = self.posts.lock();
            let post = posts.get(Self::name_of(path)?).ok_or(Errno::ENOENT)?;
            let qid = Qid {
                path: post.qid,
                version: 0,
                kind: NodeType::File,
            };
            (Some(Arc::from(post.description.as_bytes())), qid)
        };
        let h = self.id();
        self.handles.lock().insert(h, bytes);
        Ok(Opened { handle: Handle(h), qid })
    }

    async fn read(&self, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let data = match self.handles.lock().get(&h.0) {
            None => return Err(Errno::EBADF.into()),
            Some(None) => return Err(Errno::EISDIR.into()),
            Some(Some(d)) => d.clone(),
        };
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(data.len());
        let end = start.saturating_add(count).min(data.len());
        Ok(data[start..end].to_vec())
    }

    async fn write(&self, h: Handle, _offset: u64, _data: &[u8]) -> Result<usize> {
        match self.handles.lock().get(&h.0) {
            None => Err(Errno::EBADF.into()),
            Some(_) => Err(Errno::EPERM.into()),
        }
    }

    async fn close(&self, h: Handle) -> Result<()> {
        match self.handles.lock().remove(&h.0) {
            Some(_) => Ok(()),
            None => Err(Errno::EBADF.into()),
        }
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        if path == "/" {
            let mut st = Stat::new("/", NodeType::Dir, 0, 0);
            st.mode = Some(0o777);
            return Ok(st);
        }
        let name = Self::name_of(path)?;
        let posts = self.posts.lock();
        let post = posts.get(name).ok_or(Errno::ENOENT)?;
        let mut st = Stat::new(name, NodeType::File, post.description.len() as u64, post.mtime);
        st.mode = Some(0o444);
        st.qid = post.qid;
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if path != "/" {
            let name = Self::name_of(path)?;
            return if self.posts.lock().contains_key(name) {
                Err(Errno::ENOTDIR.into())
            } else {
                Err(Errno::ENOENT.into())
            };
        }
        Ok(self
            .posts
            .lock()
            .keys()
            .map(|n| DirEntry::new(n.clone(), NodeType::File))
            .collect())
    }

    /// `rm /srv/NAME` withdraws the post.
    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        if path == "/" {
            return Err(Errno::EPERM.into());
        }
        self.unpost(Self::name_of(path)?)
    }

    fn as_srv(&self) -> Option<&dyn SrvCapable> {
        Some(self)
    }
}

impl SrvCapable for SrvFs {
    fn post(&self, name: &str, server: Arc<dyn Fileserver>, description: String) -> Result<()> {
        if name.is_empty() || name.contains('/') || name == "." || name == ".." {
            return Err(Error::with_detail(Errno::EINVAL, "bad service name"));
        }
        if name.len() > 255 {
            return Err(Errno::ENAMETOOLONG.into());
        }
        let mut posts = self.posts.lock();
        if posts.contains_key(name) {
            return Err(Errno::EEXIST.into());
        }
        let mut description = description;
        if !description.ends_with('\n') {
            description.push('\n');
        }
        let post = Post {
            server,
            description,
            qid: self.id(),
            mtime: self.clock.now_ms(),
        };
        posts.insert(name.to_string(), post);
        Ok(())
    }

    fn lookup(&self, name: &str) -> Result<Arc<dyn Fileserver>> {
        self.posts
            .lock()
            .get(name)
            .map(|p| p.server.clone())
            .ok_or_else(|| Errno::ENOENT.into())
    }

    fn unpost(&self, name: &str) -> Result<()> {
        match self.posts.lock().remove(name) {
            Some(_) => Ok(()),
            None => Err(Errno::ENOENT.into()),
        }
    }
}
