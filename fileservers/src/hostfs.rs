//! HostFs: a directory of the host, granted by the host (`--bind`).
//!
//! Every operation is relative to one directory handle opened at bind time
//! (`cap-std`), which on Linux resolves each name with `openat2` and
//! `RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS`: `..` above the root, absolute
//! symlinks, relative symlinks climbing out, `/proc/self/root`-style magic
//! links and a symlink swapped in during a walk are all refused by the host
//! kernel, whatever the name. The kernel's own name cleaning runs before
//! that, and this server refuses unclean names itself too, so three layers
//! stand between a name and the host.
//!
//! Decisions:
//! * **Blocking calls run on a bounded pool**: at most [`POOL`] host calls
//!   at once on tokio's blocking threads, whatever the number of processes,
//!   so a slow disk queues requests instead of growing threads.
//! * **Only files and directories.** FIFOs, sockets and device nodes are
//!   listed as devices and refused at open (a FIFO would hold a thread
//!   forever); every open is non-blocking for that reason too.
//! * **Owners stay the host's**, with one mapping ([`HostFs::with_owner`],
//!   as a user namespace maps one id): files of the host user running
//!   ninebox show as the guest user's, so the guest owns what it creates.
//!   `wstat` may change mode, size and mtime; changing an owner is refused
//!   (`EPERM`): the guest's users are not the host's.
//! * **Read-only binds** answer `EPERM` to every change, like any server
//!   that does not support an operation.
//! * **No set-id bits**: creating or chmodding with set-uid or set-gid is
//!   masked or refused, so the guest can never plant a set-id program in
//!   the host's tree.
//! * **Hard-linked files are refused** (`EACCES`): a file with more than
//!   one link may be the same inode as a file outside the directory, and
//!   nothing inside can tell. The guest cannot make hard links (the
//!   protocol has no such call), so only the host's own links are affected.
//! * An escape attempt is `EACCES` with the detail "outside the bound host
//!   directory".

use std::collections::HashMap;
use std::io;
use std::os::unix::fs::FileExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use cap_std::fs::{Dir, DirBuilder, MetadataExt, OpenOptions, OpenOptionsExt, Permissions, PermissionsExt};
use kernel::proto::OpenResult;
use kernel::{
    Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat, StatChanges,
};
use parking_lot::Mutex;
use tokio::sync::Semaphore;

/// The mode bits a guest may set on a host file: never set-uid or
/// set-gid, which would hand the host user's identity to whoever runs the
/// file on the host.
const PERM_BITS: u32 = 0o1777;

/// Host calls in flight at once, for the whole server.
pub const POOL: usize = 8;

struct Open {
    file: std::fs::File,
    flags: OpenFlags,
    is_dir: bool,
    /// The server path it was opened by, kept up to date by renames so
    /// `fstat` answers the file's name now.
    path: Mutex<String>,
}

pub struct HostFs {
    dir: Arc<Dir>,
    root: PathBuf,
    read_only: bool,
    pool: Semaphore,
    next: AtomicU64,
    opens: Mutex<HashMap<u64, Arc<Open>>>,
    ids: Ids,
}

/// The host's (uid, gid) that show as the guest's (uid, gid).
#[derive(Copy, Clone, Debug)]
struct Ids {
    host: (u32, u32),
    guest: Option<(u32, u32)>,
}

impl Ids {
    fn uid(&self, host: u32) -> u32 {
        match self.guest {
            Some((u, _)) if host == self.host.0 => u,
            _ => host,
        }
    }

    fn gid(&self, host: u32) -> u32 {
        match self.guest {
            Some((_, g)) if host == self.host.1 => g,
            _ => host,
        }
    }
}

impl HostFs {
    /// Grant the host directory `path`; `read_only` refuses every change.
    pub fn open(path: impl AsRef<Path>, read_only: bool) -> io::Result<HostFs> {
        let root = path.as_ref().to_path_buf();
        let dir = Dir::open_ambient_dir(&root, cap_std::ambient_authority())?;
        Ok(HostFs {
            dir: Arc::new(dir),
            root,
            read_only,
            pool: Semaphore::new(POOL),
            next: AtomicU64::new(1),
            opens: Mutex::new(HashMap::new()),
            ids: Ids {
                host: (rustix::process::geteuid().as_raw(), rustix::process::getegid().as_raw()),
                guest: None,
            },
        })
    }

    /// Show the files of the host user running ninebox as owned by the
    /// guest's `uid` and `gid`.
    pub fn with_owner(mut self, uid: u32, gid: u32) -> HostFs {
        self.ids.guest = Some((uid, gid));
        self
    }

    /// The host directory this server grants.
    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Run `f` on the blocking pool with the root directory.
    async fn host<T: Send + 'static>(&self, f: impl FnOnce(&Dir) -> io::Result<T> + Send + 'static) -> Result<T> {
        self.host_try(move |dir| f(dir).map_err(host_error)).await
    }

    /// `host` for a body that makes refusals of its own.
    async fn host_try<T: Send + 'static>(&self, f: impl FnOnce(&Dir) -> Result<T> + Send + 'static) -> Result<T> {
        let _permit = self
            .pool
            .acquire()
            .await
            .map_err(|_| Error::with_detail(Errno::EIO, "hostfs: closed"))?;
        let dir = self.dir.clone();
        match tokio::task::spawn_blocking(move || f(&dir)).await {
            Ok(r) => r,
            Err(_) => Err(Error::with_detail(Errno::EIO, "hostfs: host call failed")),
        }
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            Err(Error::with_detail(Errno::EPERM, "read-only host directory"))
        } else {
            Ok(())
        }
    }

    fn handle(&self, h: Handle) -> Result<Arc<Open>> {
        self.opens.lock().get(&h.0).cloned().ok_or_else(|| Errno::EBADF.into())
    }
}

/// The path relative to the root for a cleaned server path: `.` for `/`.
/// Anything the kernel would never send is refused here too.
fn rel(path: &str) -> Result<PathBuf> {
    if !path.starts_with('/') || path.contains('\0') {
        return Err(Error::with_detail(Errno::EINVAL, "path must be absolute and clean"));
    }
    let elems: Vec<&str> = path.split('/').filter(|e| !e.is_empty()).collect();
    if elems.iter().any(|e| *e == "." || *e == "..") {
        return Err(Error::with_detail(Errno::EINVAL, "path must be clean"));
    }
    if elems.is_empty() {
        return Ok(PathBuf::from("."));
    }
    Ok(elems.iter().collect())
}

fn last(path: &str) -> String {
    path.rsplit('/').find(|e| !e.is_empty()).unwrap_or("/").to_string()
}

fn host_error(e: io::Error) -> Error {
    let outside = || Error::with_detail(Errno::EACCES, "outside the bound host directory");
    let code = match e.raw_os_error() {
        Some(libc::ENOENT) => Errno::ENOENT,
        Some(libc::EACCES) => Errno::EACCES,
        Some(libc::EPERM) => Errno::EPERM,
        Some(libc::EEXIST) => Errno::EEXIST,
        Some(libc::ENOTDIR) => Errno::ENOTDIR,
        Some(libc::EISDIR) => Errno::EISDIR,
        Some(libc::ENOTEMPTY) => Errno::ENOTEMPTY,
        Some(libc::ENAMETOOLONG) => Errno::ENAMETOOLONG,
        Some(libc::ELOOP) => Errno::ELOOP,
        Some(libc::ENOSPC) | Some(libc::EDQUOT) => Errno::ENOSPC,
        Some(libc::EFBIG) => Errno::EFBIG,
        Some(libc::EBUSY) => Errno::EBUSY,
        Some(libc::EINVAL) => Errno::EINVAL,
        // A FIFO without a reader, opened non-blocking.
        Some(libc::ENXIO) => return Error::with_detail(Errno::EPERM, "not a regular file or directory"),
        Some(libc::EROFS) => return Error::with_detail(Errno::EPERM, "read-only host file system"),
        // openat2 answers EXDEV for a resolution that leaves the root.
        Some(libc::EXDEV) => return outside(),
        Some(_) => Errno::EIO,
        None if e.kind() == io::ErrorKind::PermissionDenied => return outside(),
        None => Errno::EIO,
    };
    if code == Errno::EIO {
        return Error::with_detail(Errno::EIO, format!("host: {e}"));
    }
    code.into()
}

fn kind_of(ft: cap_std::fs::FileType) -> NodeType {
    if ft.is_dir() {
        NodeType::Dir
    } else if ft.is_file() {
        NodeType::File
    } else {
        NodeType::Device
    }
}

fn stat_of(name: String, m: &cap_std::fs::Metadata, ids: &Ids) -> Stat {
    let kind = kind_of(m.file_type());
    let ms = |secs: i64, nsec: i64| (secs.max(0) as u64) * 1000 + (nsec.max(0) as u64) / 1_000_000;
    Stat {
        name,
        size: if kind == NodeType::File { m.size() } else { 0 },
        kind,
        mtime: ms(m.mtime(), m.mtime_nsec()),
        mode: Some(m.mode() & 0o7777),
        uid: Some(ids.uid(m.uid())),
        gid: Some(ids.gid(m.gid())),
        ctime: Some(ms(m.ctime(), m.ctime_nsec())),
        qid: m.ino(),
    }
}

fn qid_of(st: &Stat) -> Qid {
    // The version changes with the content: mtime and size together.
    let version = (st.mtime ^ st.size.rotate_left(32)) as u32;
    Qid {
        path: st.qid,
        version,
        kind: st.kind,
    }
}

#[async_trait]
impl Fileserver for HostFs {
    fn name(&self) -> &str {
        "hostfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if path == "/" && flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        if flags.writes() || flags.create {
            self.writable()?;
        }
        let rel = rel(path)?;
        let ids = self.ids;
        let (file, st) = self
            .host_try(move |dir| {
                let mut o = OpenOptions::new();
                // Truncation waits for the checks below: a hard link must
                // be refused before anything is written through it.
                o.read(flags.read || !flags.write)
                    .write(flags.write)
                    .append(flags.append)
                    .mode(flags.perm & PERM_BITS)
                    .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
                if flags.create && flags.exclusive {
                    o.create_new(true);
                } else if flags.create {
                    o.create(true);
                }
                let file = if rel == Path::new(".") {
                    if flags.writes() {
                        return Err(Errno::EISDIR.into());
                    }
                    dir.open(".").map_err(host_error)?
                } else {
                    dir.open_with(&rel, &o).map_err(host_error)?
                };
                let m = file.metadata().map_err(host_error)?;
                let st = stat_of(String::new(), &m, &ids);
                match st.kind {
                    NodeType::Dir if flags.writes() => return Err(Errno::EISDIR.into()),
                    NodeType::Device => {
                        return Err(Error::with_detail(Errno::EPERM, "not a regular file or directory"));
                    }
                    NodeType::File if m.nlink() > 1 => {
                        return Err(Error::with_detail(
                            Errno::EACCES,
                            "a hard-linked file (it may be outside the bound host directory)",
                        ));
                    }
                    _ => {}
                }
                let file = file.into_std();
                if flags.truncate {
                    file.set_len(0).map_err(host_error)?;
                }
                Ok((file, st))
            })
            .await?;
        let h = self.next.fetch_add(1, Ordering::Relaxed);
        let is_dir = st.kind.is_dir();
        let path = Mutex::new(path.to_string());
        self.opens.lock().insert(
            h,
            Arc::new(Open {
                file,
                flags,
                is_dir,
                path,
            }),
        );
        Ok(Opened {
            handle: Handle(h),
            qid: qid_of(&st),
        }
        .into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let o = self.handle(h)?;
        if !o.flags.read {
            return Err(Errno::EBADF.into());
        }
        if o.is_dir {
            return Err(Errno::EISDIR.into());
        }
        let count = count.min(1 << 20);
        self.host(move |_| {
            let mut buf = vec![0; count];
            let n = o.file.read_at(&mut buf, offset)?;
            buf.truncate(n);
            Ok(buf)
        })
        .await
    }

    async fn write(&self, _who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let o = self.handle(h)?;
        if !o.flags.write {
            return Err(Errno::EBADF.into());
        }
        let data = data.to_vec();
        // With O_APPEND the host appends whatever the offset.
        self.host(move |_| {
            o.file.write_all_at(&data, offset)?;
            Ok(data.len())
        })
        .await
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        self.opens
            .lock()
            .remove(&h.0)
            .map(|_| ())
            .ok_or_else(|| Errno::EBADF.into())
    }

    async fn fstat(&self, _who: &Caller, h: Handle) -> Result<Stat> {
        let o = self.handle(h)?;
        let ids = self.ids;
        self.host(move |_| {
            let m = cap_std::fs::Metadata::from_just_metadata(o.file.metadata()?);
            Ok(stat_of(last(&o.path.lock()), &m, &ids))
        })
        .await
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let rel = rel(path)?;
        let name = last(path);
        let ids = self.ids;
        self.host(move |dir| {
            let m = if rel == Path::new(".") {
                dir.dir_metadata()?
            } else {
                dir.metadata(&rel)?
            };
            Ok(stat_of(name, &m, &ids))
        })
        .await
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let rel = rel(path)?;
        self.host(move |dir| {
            let mut out = Vec::new();
            for entry in dir.read_dir(&rel)? {
                let entry = entry?;
                // Names the protocol cannot carry are not shown.
                let Ok(name) = entry.file_name().into_string() else {
                    continue;
                };
                let ft = entry.file_type()?;
                let kind = if ft.is_symlink() {
                    // What it leads to, if that is inside; a link that
                    // leads out (or nowhere) lists as a file that will
                    // not open.
                    dir.metadata(rel.join(&name))
                        .map(|m| kind_of(m.file_type()))
                        .unwrap_or(NodeType::File)
                } else {
                    kind_of(ft)
                };
                out.push(DirEntry::new(name, kind));
            }
            out.sort();
            Ok(out)
        })
        .await
    }

    async fn mkdir(&self, _who: &Caller, path: &str, perm: u32) -> Result<()> {
        self.writable()?;
        if path == "/" {
            return Err(Errno::EEXIST.into());
        }
        let rel = rel(path)?;
        self.host(move |dir| {
            let mut b = DirBuilder::new();
            cap_std::fs::DirBuilderExt::mode(&mut b, perm & PERM_BITS);
            dir.create_dir_with(&rel, &b)
        })
        .await
    }

    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        self.writable()?;
        if path == "/" {
            return Err(Errno::EBUSY.into());
        }
        let rel = rel(path)?;
        self.host(move |dir| {
            if dir.symlink_metadata(&rel)?.is_dir() {
                dir.remove_dir(&rel)
            } else {
                dir.remove_file(&rel)
            }
        })
        .await
    }

    async fn rename(&self, _who: &Caller, from: &str, to: &str) -> Result<()> {
        self.writable()?;
        if from == "/" || to == "/" {
            return Err(Errno::EBUSY.into());
        }
        let (rfrom, rto) = (rel(from)?, rel(to)?);
        self.host(move |dir| dir.rename(&rfrom, dir, &rto)).await?;
        for o in self.opens.lock().values() {
            let mut p = o.path.lock();
            if *p == from {
                *p = to.to_string();
            } else if let Some(rest) = p.strip_prefix(from).filter(|r| r.starts_with('/')) {
                *p = format!("{to}{rest}");
            }
        }
        Ok(())
    }

    async fn wstat(&self, _who: &Caller, path: &str, changes: &StatChanges) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        self.writable()?;
        let rel = rel(path)?;
        let ch = *changes;
        let ids = self.ids;
        self.host(move |dir| {
            let m = if rel == Path::new(".") {
                dir.dir_metadata()?
            } else {
                dir.metadata(&rel)?
            };
            // All or nothing: refuse what cannot be done before doing any.
            if ch.uid.is_some_and(|u| u != ids.uid(m.uid())) || ch.gid.is_some_and(|g| g != ids.gid(m.gid())) {
                return Err(io::Error::from_raw_os_error(libc::EPERM));
            }
            if ch.mode.is_some_and(|m| m & !PERM_BITS & 0o7777 != 0) {
                return Err(io::Error::from_raw_os_error(libc::EPERM));
            }
            // A hard link may be an outside file's inode (see open).
            if m.is_file() && m.nlink() > 1 {
                return Err(io::Error::from_raw_os_error(libc::EACCES));
            }
            if ch.size.is_some() && m.is_dir() {
                return Err(io::Error::from_raw_os_error(libc::EISDIR));
            }
            if let Some(size) = ch.size {
                dir.open_with(&rel, OpenOptions::new().write(true))?
                    .into_std()
                    .set_len(size)?;
            }
            if let Some(mode) = ch.mode {
                dir.set_permissions(&rel, Permissions::from_mode(mode & 0o7777))?;
            }
            if let Some(mtime) = ch.mtime {
                let t = std::time::UNIX_EPOCH + std::time::Duration::from_millis(mtime);
                let f = if m.is_dir() {
                    dir.open_dir(&rel)?.into_std_file()
                } else {
                    dir.open(&rel)?.into_std()
                };
                f.set_times(std::fs::FileTimes::new().set_modified(t))?;
            }
            Ok(())
        })
        .await
    }
}
