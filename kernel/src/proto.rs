//! The fileserver protocol: ten async methods every server implements.
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
//!   passes back to `read`, `write` and `close`; it never looks inside. A
//!   handle number is never reused by the same server, so a stale handle
//!   answers `EBADF` instead of reaching someone else's file.
//! * **Offsets are the kernel's.** `read` and `write` take an explicit offset
//!   (like `pread`/`pwrite`); servers of streams ignore it.
//! * **Methods a server does not support answer `EPERM`** (the default body
//!   of every method), so a small server is small.
//! * **Futures must be cancel-safe.** The kernel cancels a blocked call (a
//!   note arrived, the caller was killed) by dropping its future. A dropped
//!   `read` must not have consumed data; a dropped `write` must not have
//!   written part of its data unless it would have returned that count.
//! * **Identity:** every file has a [`Qid`] path unique within its server for
//!   the server's lifetime, so a 9P exporter can hand out stable qids.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;

use crate::error::{Errno, Error, Result};
use crate::program::Program;

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

/// Who is asking. The kernel passes it with every path operation so servers
/// can answer `/proc/self` and, later, check permissions without hacks.
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

/// What `open` answers: the handle and the identity of what was opened.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    pub handle: Handle,
    pub qid: Qid,
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

/// The protocol. See the module documentation for the rules.
///
/// Path methods (`open`, `stat`, `readdir`, `mkdir`, `remove`, `rename`,
/// `wstat`) take a cleaned path inside the server and the caller; handle
/// methods (`read`, `write`, `close`) take the handle `open` returned.
#[async_trait]
pub trait Fileserver: Send + Sync + 'static {
    /// A short name for listings and debugging (`memfs`, `devfs`, ...).
    fn name(&self) -> &str;

    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<Opened> {
        let _ = (who, path, flags);
        unsupported("open")
    }

    /// Read up to `count` bytes at `offset`. An empty answer means end of
    /// file. A stream may block until data arrives.
    async fn read(&self, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let _ = (h, offset, count);
        Err(Errno::EBADF.into())
    }

    /// Write `data` at `offset` and answer how many bytes were written.
    async fn write(&self, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let _ = (h, offset, data);
        Err(Errno::EBADF.into())
    }

    async fn close(&self, h: Handle) -> Result<()> {
        let _ = h;
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
/// content, not in it.
pub trait ExecCapable: Send + Sync {
    /// The native program carried by the file at `path`, if any.
    fn executable(&self, path: &str) -> Option<Program>;

    /// Attach `program` to the file at `path`, creating the file (mode
    /// 0755, owner root) if it does not exist.
    fn install(&self, path: &str, program: Program) -> Result<()>;
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
