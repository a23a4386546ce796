//! SrvFS, `#s` at `/srv`: the registry where servers and open files are
//! posted and from which any process reaches them (Plan 9's srv(3)).
//!
//! One instance serves a whole system, so a post is seen by every process
//! whatever its namespace. Two ways to post:
//!
//! * **An open file, Plan 9's way.** `create` the entry for writing only
//!   (`exec 5>/srv/name`), then write the number of an fd of yours
//!   (`echo 3 >&5`): the entry now holds that open file. Opening the entry
//!   answers *the same* open file (its offset is shared; a pipe end becomes
//!   a named pipe). A second write answers `inappropriate use of fd`;
//!   opening an entry with nothing posted yet answers `device shut down`;
//!   `rm` releases it. An entry created with remove-on-close
//!   (`OpenFlags::rclose`) goes when that creating fd closes, so a server
//!   that dies takes its post with it.
//! * **A fileserver, from a program** (`SrvCapable::post`, reached through
//!   `Proc::post`): the thing posted is a server object, not bytes, and
//!   `mount /srv/NAME dir` mounts it. Reading the entry describes the post.
//!
//! `remove` withdraws either kind; mounts already made keep their server.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Weak};

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Entry, Open, Opening};
use kernel::proto::SrvCapable;
use kernel::{
    Caller, Clock, DirEntry, Errno, Error, Fd, Fileserver, Kernel, NodeType, Opaque, OpenFlags, Result, Stat,
};
use parking_lot::Mutex;

/// What an entry holds.
enum Posted {
    /// Created, waiting for the fd to be written.
    Nothing,
    File(Opaque),
    Server(Arc<dyn Fileserver>, String),
}

struct Post {
    what: Posted,
    qid: u64,
    mtime: u64,
    uid: u32,
}

pub struct Srv {
    clock: Arc<Clock>,
    kernel: Weak<Kernel>,
    posts: Mutex<BTreeMap<String, Post>>,
    next: AtomicU64,
}

pub type SrvFs = DevServer<Srv>;

/// What an open of an entry keeps: for the open that created it, the
/// entry's qid and whether it goes when this open closes.
#[derive(Default)]
pub struct Creator {
    qid: Option<u64>,
    rclose: bool,
}

/// The key of a file: the root, or the qid of a post.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Root,
    Post(u64),
}

impl Srv {
    /// The registry of the system `kernel` (whose processes' fds are what
    /// a write posts).
    pub fn server(clock: Arc<Clock>, kernel: Weak<Kernel>) -> SrvFs {
        DevServer::new(Srv {
            clock,
            kernel,
            posts: Mutex::new(BTreeMap::new()),
            next: AtomicU64::new(1),
        })
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

    fn check_name(name: &str) -> Result<()> {
        if name.is_empty() || name.contains('/') || name == "." || name == ".." {
            return Err(Error::with_detail(Errno::EINVAL, "bad service name"));
        }
        if name.len() > 255 {
            return Err(Errno::ENAMETOOLONG.into());
        }
        Ok(())
    }

    fn entry(name: &str, post: &Post) -> Entry<Node> {
        let (size, mode) = match &post.what {
            Posted::Server(_, description) => (description.len() as u64, 0o444),
            _ => (0, 0o600),
        };
        let mut stat = Stat::new(name, NodeType::File, size, post.mtime);
        stat.mode = Some(mode);
        stat.uid = Some(post.uid);
        stat.qid = post.qid;
        Entry {
            key: Node::Post(post.qid),
            stat,
        }
    }

    fn new_post(&self, what: Posted, uid: u32) -> Post {
        Post {
            what,
            qid: self.next.fetch_add(1, Ordering::Relaxed),
            mtime: self.clock.now_ms(),
            uid,
        }
    }

    /// Remove the post named `name` if it is still the one with `qid`.
    fn withdraw(&self, qid: u64) {
        self.posts.lock().retain(|_, p| p.qid != qid);
    }

    /// The open file the writer's fd `text` names.
    fn writers_file(&self, who: &Caller, text: &str) -> Result<Opaque> {
        let fd: Fd = text
            .trim()
            .parse()
            .map_err(|_| Error::with_detail(Errno::EINVAL, "not an fd number"))?;
        let kernel = self.kernel.upgrade().ok_or(Errno::ENOENT)?;
        let p = kernel.process(who.pid).ok_or(Errno::ESRCH)?;
        let file = p
            .fds()
            .lock()
            .get(fd)
            .map_err(|_| Error::with_detail(Errno::EBADF, "fd out of range or not open"))?;
        Ok(file.to_opaque())
    }
}

fn inappropriate() -> Error {
    Error::with_detail(Errno::EBUSY, "inappropriate use of fd")
}

#[async_trait]
impl Device for Srv {
    type Key = Node;
    type State = Creator;

    fn name(&self) -> &str {
        "srvfs"
    }

    fn lookup(&self, _who: &Caller, path: &str) -> Result<Entry<Node>> {
        if path == "/" {
            let mut stat = Stat::new("/", NodeType::Dir, 0, 0);
            stat.mode = Some(0o777);
            return Ok(Entry { key: Node::Root, stat });
        }
        let name = Srv::name_of(path)?;
        let posts = self.posts.lock();
        let post = posts.get(name).ok_or(Errno::ENOENT)?;
        Ok(Srv::entry(name, post))
    }

    fn list(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if path != "/" {
            Device::lookup(self, who, path)?;
            return Err(Errno::ENOTDIR.into());
        }
        Ok(self
            .posts
            .lock()
            .keys()
            .map(|n| DirEntry::new(n.clone(), NodeType::File))
            .collect())
    }

    /// An entry with a file posted answers that file; one with nothing
    /// posted yet cannot be opened; a server's entry reads its description.
    async fn open(&self, _who: &Caller, entry: &Entry<Node>, flags: OpenFlags) -> Result<Opening<Creator>> {
        if flags.create || flags.truncate {
            return Err(Errno::EEXIST.into());
        }
        let Node::Post(qid) = entry.key else {
            return Ok(Opening::New(Creator::default()));
        };
        let posts = self.posts.lock();
        match posts.values().find(|p| p.qid == qid).map(|p| &p.what) {
            Some(Posted::File(f)) => Ok(Opening::Existing(f.clone())),
            Some(Posted::Server(..)) if flags.writes() => Err(inappropriate()),
            Some(Posted::Server(..)) => Ok(Opening::New(Creator::default())),
            Some(Posted::Nothing) => Err(Error::with_detail(Errno::EIO, "device shut down")),
            None => Err(Errno::ENOENT.into()),
        }
    }

    /// `create` makes an empty entry, for writing only (Plan 9 refuses any
    /// other mode).
    async fn create(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<(Entry<Node>, Creator)> {
        let name = Srv::name_of(path)?;
        Srv::check_name(name)?;
        if flags.read {
            return Err(Errno::EACCES.into());
        }
        let mut posts = self.posts.lock();
        if posts.contains_key(name) {
            return Err(Errno::EEXIST.into());
        }
        let post = self.new_post(Posted::Nothing, who.uid);
        let entry = Srv::entry(name, &post);
        let creator = Creator {
            qid: Some(post.qid),
            rclose: flags.rclose,
        };
        posts.insert(name.to_string(), post);
        Ok((entry, creator))
    }

    fn render(&self, _who: &Caller, open: &Open<Node, Creator>) -> Result<Vec<u8>> {
        let posts = self.posts.lock();
        match posts.values().find(|p| Node::Post(p.qid) == open.key).map(|p| &p.what) {
            Some(Posted::Server(_, description)) => Ok(description.clone().into_bytes()),
            Some(_) => Err(inappropriate()),
            None => Err(Errno::ENOENT.into()),
        }
    }

    /// The creator writes the number of the fd to post, once.
    async fn write(&self, who: &Caller, open: &Open<Node, Creator>, _offset: u64, data: &[u8]) -> Result<usize> {
        let Some(qid) = open.state.qid else {
            return Err(inappropriate());
        };
        let text = std::str::from_utf8(data).map_err(|_| Error::with_detail(Errno::EINVAL, "not an fd number"))?;
        let file = self.writers_file(who, text)?;
        let mut posts = self.posts.lock();
        let post = posts.values_mut().find(|p| p.qid == qid).ok_or(Errno::ENOENT)?;
        if !matches!(post.what, Posted::Nothing) {
            return Err(inappropriate());
        }
        post.what = Posted::File(file);
        Ok(data.len())
    }

    async fn close(&self, _who: &Caller, open: &Open<Node, Creator>) {
        if let (Some(qid), true) = (open.state.qid, open.state.rclose) {
            self.withdraw(qid);
        }
    }

    /// `rm /srv/NAME` withdraws the post.
    async fn remove(&self, _who: &Caller, entry: &Entry<Node>) -> Result<()> {
        match entry.key {
            Node::Root => Err(Errno::EPERM.into()),
            Node::Post(qid) => {
                self.withdraw(qid);
                Ok(())
            }
        }
    }

    fn removes_on_close(&self) -> bool {
        true
    }

    fn as_srv(&self) -> Option<&dyn SrvCapable> {
        Some(self)
    }
}

impl SrvCapable for Srv {
    fn post(&self, name: &str, server: Arc<dyn Fileserver>, description: String) -> Result<()> {
        Srv::check_name(name)?;
        let mut posts = self.posts.lock();
        if posts.contains_key(name) {
            return Err(Errno::EEXIST.into());
        }
        let mut description = description;
        if !description.ends_with('\n') {
            description.push('\n');
        }
        let post = self.new_post(Posted::Server(server, description), 0);
        posts.insert(name.to_string(), post);
        Ok(())
    }

    fn lookup(&self, name: &str) -> Result<Arc<dyn Fileserver>> {
        match self.posts.lock().get(name).map(|p| &p.what) {
            Some(Posted::Server(s, _)) => Ok(s.clone()),
            Some(Posted::File(_)) => Err(Error::with_detail(Errno::EINVAL, "posted file is not a fileserver")),
            Some(Posted::Nothing) => Err(Error::with_detail(Errno::EIO, "device shut down")),
            None => Err(Errno::ENOENT.into()),
        }
    }

    fn unpost(&self, name: &str) -> Result<()> {
        match self.posts.lock().remove(name) {
            Some(_) => Ok(()),
            None => Err(Errno::ENOENT.into()),
        }
    }
}
