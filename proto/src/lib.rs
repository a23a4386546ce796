//! The fileserver protocol: the one trait every server implements, its
//! types and its errors, and nothing else.
//!
//! A crate of its own so that a fileserver, a 9P codec or an outside program
//! can depend on the protocol without depending on the kernel (as ripgrep's
//! `grep-matcher` stands apart from the searcher). The kernel re-exports it
//! as `kernel::proto`.
//!
//! Everything a process touches is a fileserver behind this trait: the
//! in-memory root, `/dev`, `/proc`, the console, pipes, and servers run by
//! processes. The kernel resolves names through the caller's namespace and
//! hands each server a path *inside that server*, already cleaned: always
//! absolute, `/` for the server's root, never containing `.`, `..`, empty
//! elements or NUL. A server never sees a name it could escape with.
//!
//! Rules every implementation follows (checked by the conformance suite in
//! `ninebox-fileservers`):
//!
//! * **Handles are opaque.** `open` returns a [`Handle`] the kernel stores and
//!   passes back to `read`, `write`, `fstat` and `close`; it never looks
//!   inside. A handle number is never reused by the same server, so a stale
//!   handle answers `EBADF` instead of reaching someone else's file.
//! * **Offsets are the kernel's.** `read` and `write` take an explicit offset
//!   (like `pread`/`pwrite`); servers of streams ignore it.
//! * **Methods a server does not support answer `EPERM`** (the default body
//!   of every path method; handle methods answer `EBADF`), so a small server
//!   is small.
//! * **Every call says who is asking** ([`Caller`]), handle calls included:
//!   a per-caller file (`/dev/pid`) answers the process that reads it.
//! * **Futures must be cancel-safe.** The kernel cancels a blocked call (a
//!   note arrived, the caller was killed) by dropping its future. A dropped
//!   `read` must not have consumed data; a dropped `write` must not have
//!   written part of its data unless it would have returned that count.
//! * **Identity:** every file has a [`Qid`] path unique within its server for
//!   the server's lifetime, so a 9P exporter can hand out stable qids, and
//!   `fstat` answers for the file a handle is open on, whatever its name is
//!   now.
//!
//! Optional abilities are accessors answering `None` by default
//! ([`Fileserver::as_exec`], [`Fileserver::as_srv`]), so adding one to the
//! protocol changes no existing server.

pub mod error;

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;

pub use crate::error::{Errno, Error, Result, err};

/// What kind of node a name refers to. There are no symlinks: the protocol
/// has no way to make one.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeType {
    File,
    Dir,
    /// A synthetic stream or device (`/dev/null`, a pipe, the console).
    /// The kernel treats these as unseekable streams.
    Device,
}

impl NodeType {
    pub fn is_dir(self) -> bool {
        self == NodeType::Dir
    }
}

/// Who is asking. The kernel passes it with every call, so servers can
/// answer `/proc/self` and `/dev/pid` and check permissions without hacks.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Default)]
pub struct Caller {
    pub pid: u32,
    pub uid: u32,
    pub gid: u32,
}

impl Caller {
    /// The identity the kernel uses for its own calls (boot, exec lookups).
    pub const KERNEL: Caller = Caller { pid: 0, uid: 0, gid: 0 };
}

/// How a file is opened. A struct of booleans rather than a bitfield, as in
/// the seed protocol: `{ write: true, create: true }` cannot be misread.
///
/// Servers reject combinations they do not support with `EINVAL` (for
/// example `truncate` without `write`) or `EPERM` (a read-only server asked
/// to write).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct OpenFlags {
    pub read: bool,
    pub write: bool,
    /// Create the file if it does not exist.
    pub create: bool,
    /// With `create`: fail with `EEXIST` if it does exist.
    pub exclusive: bool,
    /// Truncate to zero length on open (needs `write`).
    pub truncate: bool,
    /// Every write goes to the end of the file, whatever the offset.
    pub append: bool,
    /// Remove the file when this open closes (9P's ORCLOSE): how a server
    /// posts itself in `/srv` so that the post goes with it. A server that
    /// cannot do it refuses the open with `EINVAL`.
    pub rclose: bool,
    /// Permission bits for a file this open creates. The kernel has already
    /// applied the caller's umask.
    pub perm: u32,
}

impl Default for OpenFlags {
    fn default() -> Self {
        OpenFlags::READ
    }
}

impl OpenFlags {
    pub const READ: OpenFlags = OpenFlags {
        read: true,
        write: false,
        create: false,
        exclusive: false,
        truncate: false,
        append: false,
        rclose: false,
        perm: 0o666,
    };
    /// Write, creating or truncating: what `>` does.
    pub const WRITE: OpenFlags = OpenFlags {
        read: false,
        write: true,
        create: true,
        truncate: true,
        ..OpenFlags::READ
    };
    /// Append, creating: what `>>` does.
    pub const APPEND: OpenFlags = OpenFlags {
        read: false,
        write: true,
        create: true,
        append: true,
        ..OpenFlags::READ
    };
    pub const READWRITE: OpenFlags = OpenFlags {
        read: true,
        write: true,
        ..OpenFlags::READ
    };

    /// True if the flags ask to change the file.
    pub fn writes(&self) -> bool {
        self.write || self.truncate || self.append
    }

    /// The checks every server applies before looking at a name.
    pub fn validate(&self) -> Result<()> {
        if !self.read && !self.write {
            return Err(Error::with_detail(Errno::EINVAL, "open for neither read nor write"));
        }
        if (self.truncate || self.append) && !self.write {
            return Err(Error::with_detail(Errno::EINVAL, "truncate or append without write"));
        }
        Ok(())
    }
}

/// A server's handle for an open file. Opaque to the kernel.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle(pub u64);

/// A file's identity within its server (9P's qid): `path` is unique for the
/// server's lifetime, `version` changes when the content does.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Qid {
    pub path: u64,
    pub version: u32,
    pub kind: NodeType,
}

/// A new open of one of the server's own files: the handle and the
/// identity of what was opened.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub handle: Handle,
    pub qid: Qid,
}

/// Something only the kernel looks inside, which a server may hold and hand
/// back: an open file the kernel made (answered by `open` as
/// [`OpenResult::Existing`]) or the native program an exec node carries.
/// Servers store and return it; they never need to know its type.
pub type Opaque = Arc<dyn Any + Send + Sync>;

/// What `open` answers (Redox's `OpenResult`, Plan 9's `devsrv` open).
#[derive(Clone)]
pub enum OpenResult {
    /// The server opened one of its files.
    Opened(Opened),
    /// An open file that already exists, shared with whoever else holds it
    /// (its offset too): the caller's own fd N for the dup device, a posted
    /// fd for `/srv`. The kernel checks the access asked for against the
    /// file's own.
    Existing(Opaque),
}

impl OpenResult {
    /// The new open, if the server made one rather than answering an
    /// existing file.
    pub fn opened(self) -> Option<Opened> {
        match self {
            OpenResult::Opened(o) => Some(o),
            OpenResult::Existing(_) => None,
        }
    }
}

impl From<Opened> for OpenResult {
    fn from(o: Opened) -> Self {
        OpenResult::Opened(o)
    }
}

impl fmt::Debug for OpenResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenResult::Opened(o) => write!(f, "{o:?}"),
            OpenResult::Existing(_) => f.write_str("Existing"),
        }
    }
}

/// Metadata of a node. `mode`, `uid`, `gid` and `ctime` are optional, as in
/// the seed: a server reports what it naturally has and the accessors apply
/// the defaults (0644 for files and devices, 0755 for directories, owner 0,
/// ctime = mtime).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    /// The last element of the name (the kernel replaces it with the name
    /// the caller used, so a mounted server's root shows as `proc`, not `/`).
    pub name: String,
    /// Bytes; 0 if unknown or a stream.
    pub size: u64,
    pub kind: NodeType,
    /// Milliseconds since the epoch; 0 if not tracked.
    pub mtime: u64,
    pub mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub ctime: Option<u64>,
    /// Unique within the server (see [`Qid`]).
    pub qid: u64,
}

impl Stat {
    /// A stat with only the four required fields.
    pub fn new(name: impl Into<String>, kind: NodeType, size: u64, mtime: u64) -> Self {
        Stat {
            name: name.into(),
            size,
            kind,
            mtime,
            mode: None,
            uid: None,
            gid: None,
            ctime: None,
            qid: 0,
        }
    }

    /// Permission bits, with the seed's defaults when the server has none.
    pub fn mode(&self) -> u32 {
        self.mode.unwrap_or(match self.kind {
            NodeType::Dir => 0o755,
            NodeType::File | NodeType::Device => 0o644,
        })
    }

    pub fn uid(&self) -> u32 {
        self.uid.unwrap_or(0)
    }

    pub fn gid(&self) -> u32 {
        self.gid.unwrap_or(0)
    }

    pub fn ctime(&self) -> u64 {
        self.ctime.unwrap_or(self.mtime)
    }

    pub fn is_dir(&self) -> bool {
        self.kind == NodeType::Dir
    }

    /// True if any execute bit is set.
    pub fn is_executable(&self) -> bool {
        self.mode() & 0o111 != 0
    }
}

/// One entry of a directory listing. Listings never contain `.` or `..`:
/// those are names the kernel handles lexically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DirEntry {
    pub name: String,
    pub kind: NodeType,
}

impl DirEntry {
    pub fn new(name: impl Into<String>, kind: NodeType) -> Self {
        DirEntry {
            name: name.into(),
            kind,
        }
    }
}

/// A partial metadata change for `wstat`: only the fields that are `Some`
/// change, all or nothing. `size` truncates or extends a file (9P's length).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct StatChanges {
    pub mode: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub mtime: Option<u64>,
    pub size: Option<u64>,
}

impl StatChanges {
    pub fn is_empty(&self) -> bool {
        *self == StatChanges::default()
    }
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(Error::with_detail(
        Errno::EPERM,
        format!("{what} not supported by this server"),
    ))
}

/// The protocol. See the crate documentation for the rules.
///
/// Path methods (`open`, `stat`, `readdir`, `mkdir`, `remove`, `rename`,
/// `wstat`) take a cleaned path inside the server; handle methods (`read`,
/// `write`, `fstat`, `close`) take the handle `open` returned. Every method
/// takes the caller.
#[async_trait]
pub trait Fileserver: Send + Sync + 'static {
    /// A short name for listings and debugging (`memfs`, `devfs`, ...).
    fn name(&self) -> &str;

    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        let _ = (who, path, flags);
        unsupported("open")
    }

    /// Read up to `count` bytes at `offset`. An empty answer means end of
    /// file. A stream may block until data arrives.
    async fn read(&self, who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let _ = (who, h, offset, count);
        Err(Errno::EBADF.into())
    }

    /// Write `data` at `offset` and answer how many bytes were written.
    async fn write(&self, who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let _ = (who, h, offset, data);
        Err(Errno::EBADF.into())
    }

    async fn close(&self, who: &Caller, h: Handle) -> Result<()> {
        let _ = (who, h);
        Err(Errno::EBADF.into())
    }

    /// Metadata of the file `h` is open on (9P's Tstat on a fid): the same
    /// file after a rename, and `ENOENT` never for a removed file still
    /// open. The name is the file's own last element.
    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        let _ = (who, h);
        Err(Errno::EBADF.into())
    }

    async fn stat(&self, who: &Caller, path: &str) -> Result<Stat> {
        let _ = (who, path);
        unsupported("stat")
    }

    async fn readdir(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let _ = (who, path);
        unsupported("readdir")
    }

    /// Make a directory with the given permission bits (umask applied).
    async fn mkdir(&self, who: &Caller, path: &str, perm: u32) -> Result<()> {
        let _ = (who, path, perm);
        unsupported("mkdir")
    }

    /// Remove a file or an empty directory (`ENOTEMPTY` otherwise).
    async fn remove(&self, who: &Caller, path: &str) -> Result<()> {
        let _ = (who, path);
        unsupported("remove")
    }

    /// Rename within this server. The kernel answers `EXDEV` itself for a
    /// rename between two servers, so a server never sees one.
    async fn rename(&self, who: &Caller, from: &str, to: &str) -> Result<()> {
        let _ = (who, from, to);
        unsupported("rename")
    }

    async fn wstat(&self, who: &Caller, path: &str, changes: &StatChanges) -> Result<()> {
        let _ = (who, path, changes);
        unsupported("wstat")
    }

    /// Data a read of `h` answered that never reached the reader: the
    /// read was abandoned (a note interrupted it) after the server had
    /// answered. A server whose reads consume (a queue's `dequeue`) takes
    /// the data back, so that an interrupted read loses nothing; the
    /// default drops it, as a read of a plain file loses nothing anyway.
    /// Called at most once per answered read, possibly from another task.
    fn unread(&self, who: &Caller, h: Handle, data: Vec<u8>) {
        let _ = (who, h, data);
    }

    /// The exec side interface: a server whose nodes can carry native
    /// programs (MemoryFS) answers `Some`.
    fn as_exec(&self) -> Option<&dyn ExecCapable> {
        None
    }

    /// The srv side interface: a server that holds posted servers (SrvFS)
    /// answers `Some`.
    fn as_srv(&self) -> Option<&dyn SrvCapable> {
        None
    }
}

impl fmt::Debug for dyn Fileserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fileserver({})", self.name())
    }
}

/// A server whose files can carry native executables. Native programs are
/// closures and cannot be turned into bytes, so they travel beside the
/// content, not in it, as [`Opaque`] values only the kernel runs.
pub trait ExecCapable: Send + Sync {
    /// The native program carried by the file at `path`, if any.
    fn executable(&self, path: &str) -> Option<Opaque>;

    /// Attach `program` to the file at `path`, creating the file (mode
    /// 0755, owner root) if it does not exist.
    fn install(&self, path: &str, program: Opaque) -> Result<()>;
}

/// A server that holds posted servers: a rendezvous where one process posts
/// a fileserver and others mount it.
pub trait SrvCapable: Send + Sync {
    /// Post `server` under `name` with a one-line description. `EEXIST` if
    /// the name is taken.
    fn post(&self, name: &str, server: Arc<dyn Fileserver>, description: String) -> Result<()>;

    /// The server posted under `name`.
    fn lookup(&self, name: &str) -> Result<Arc<dyn Fileserver>>;

    /// Remove the post; mounts already made keep working.
    fn unpost(&self, name: &str) -> Result<()>;
}
