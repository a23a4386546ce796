//! `ninebox mount NAME|ADDR MOUNTPOINT [--aname PID] [--ro]`: a running
//! system's namespace on a host directory, through FUSE (the `fuser`
//! crate's pure-Rust mount), as a 9P2000 client of the system's exporter.
//!
//! The bridge keeps one walked (never opened) fid per inode the kernel
//! has looked up, counted by lookups and clunked when the kernel forgets
//! the inode; an open makes a fid of its own (a clone of the inode's,
//! opened), clunked on release. Inode numbers are qid paths (the root's
//! is inode 1). Errors are read as 9pfuse reads them (see
//! [`net9::errors::fuse_errno`]).
//!
//! FUSE calls arrive on `fuser`'s threads; each runs its 9P requests as a
//! task on the command's tokio runtime and waits for the answer. No lock
//! is held across a request.
//!
//! The design and its limits are in `specs/9p.md`, "FUSE mount".

use std::collections::HashMap;
use std::ffi::OsStr;
use std::future::Future;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use fuser::{
    Config, FileAttr, FileHandle, FileType, FopenFlags, Generation, INodeNo, MountOption, OpenAccMode, OpenFlags,
    RenameFlags, ReplyAttr, ReplyCreate, ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry, ReplyOpen, ReplyStatfs,
    ReplyWrite, Request, TimeOrNow, WriteFlags,
};
use kernel::{Errno, Error, Result};
use net9::{Client, Walked};
use p9::{Stat, mode, perm};
use parking_lot::Mutex;
use tokio::runtime::Handle;

/// How long the kernel may cache an attribute or a name (9pfuse's one
/// second: the system changes underneath without telling).
const TTL: Duration = Duration::from_secs(1);

/// FUSE request threads: a blocked read (a pipe, `/proc/N/wait`) holds one.
const THREADS: usize = 4;

/// The mount's subtype (the kernel lists it where it supports subtypes).
const SUBTYPE: &str = "ninebox";

/// The mount's source in `/proc/mounts`: `ninebox:` and the system; how
/// a stale mount is known as ours.
const FSNAME_PREFIX: &str = "ninebox:";

/// What to mount, where and how.
#[derive(Clone, Debug)]
pub struct MountOpts {
    /// A system's name or a dial string.
    pub system: String,
    pub mountpoint: PathBuf,
    /// Attach to this process's namespace instead of the exporter's.
    pub aname: Option<u64>,
    pub read_only: bool,
}

fn fail(code: Errno, what: impl Into<String>) -> Error {
    Error::with_detail(code, what.into())
}

/// Mount and serve until SIGTERM, SIGINT or SIGHUP, an unmount from
/// outside, or the system hanging up; unmount on the way out.
pub async fn run(opts: MountOpts) -> Result<i32> {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int), Ok(mut hup)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
        signal(SignalKind::hangup()),
    ) else {
        return Err(fail(Errno::EIO, "mount: cannot catch SIGTERM"));
    };
    let point = prepare_mountpoint(&opts.mountpoint)?;
    if !have_fuse_device() {
        return Err(fail(
            Errno::ENOENT,
            "mount: /dev/fuse is missing: this host has no FUSE (load the fuse module)",
        ));
    }
    let aname = opts.aname.map(|p| p.to_string()).unwrap_or_default();
    let (client, root) = crate::remote::connect(&opts.system, &aname).await?;
    refuse_inside_served_tree(&client, root, &point).await?;
    let bridge = Bridge::new(client.clone(), root, opts.read_only).await?;
    let mut config = Config::default();
    config.mount_options = vec![
        MountOption::FSName(format!("{FSNAME_PREFIX}{}", option_safe(&opts.system))),
        MountOption::Subtype(SUBTYPE.into()),
        MountOption::NoSuid,
        MountOption::NoDev,
        if opts.read_only {
            MountOption::RO
        } else {
            MountOption::RW
        },
    ];
    config.n_threads = Some(THREADS);
    let at = point.clone();
    let session = tokio::task::spawn_blocking(move || fuser::Session::new(bridge, &at, &config))
        .await
        .map_err(|_| fail(Errno::EIO, "mount: the mount thread failed"))?
        .map_err(|e| {
            let how = if e.raw_os_error() == Some(nix::libc::EPERM) {
                " (mounting FUSE needs root here: there is no fusermount)"
            } else {
                ""
            };
            fail(Errno::EPERM, format!("mount: {}: {e}{how}", point.display()))
        })?;
    let bg = session
        .spawn()
        .map_err(|e| fail(Errno::EIO, format!("mount: cannot start the FUSE session: {e}")))?;
    println!("ninebox: {} mounted on {}", opts.system, point.display());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let mut tick = tokio::time::interval(Duration::from_millis(100));
    let why = loop {
        tokio::select! {
            _ = term.recv() => break None,
            _ = int.recv() => break None,
            _ = hup.recv() => break None,
            _ = tick.tick() => {
                if bg.guard.is_finished() {
                    break None;
                }
                if client.is_hungup() {
                    break Some(format!("{}: the system hung up", opts.system));
                }
            }
        }
    };
    let at = point.clone();
    let left = tokio::task::spawn_blocking(move || unmount(&at, bg)).await;
    if let Ok(Err(e)) = left {
        eprintln!("ninebox: mount: {}: {e}", point.display());
    }
    match why {
        Some(e) => Err(fail(
            Errno::EHUNGUP,
            format!("mount: {e}; unmounted {}", point.display()),
        )),
        None => Ok(0),
    }
}

/// Unmount `point` (lazily if it is busy) and wait a little for the
/// session to end.
fn unmount(point: &Path, bg: fuser::BackgroundSession) -> std::io::Result<()> {
    let mut result = Ok(());
    if !bg.guard.is_finished() {
        match nix::mount::umount(point) {
            Ok(()) => {}
            Err(nix::errno::Errno::EBUSY) => {
                result = nix::mount::umount2(point, nix::mount::MntFlags::MNT_DETACH).map_err(std::io::Error::from);
            }
            Err(nix::errno::Errno::EINVAL) => {} // already unmounted from outside
            Err(e) => result = Err(e.into()),
        }
    }
    for _ in 0..50 {
        if bg.guard.is_finished() {
            let _ = bg.join();
            return result;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Still busy after a lazy unmount: the process ends and the kernel
    // aborts the connection.
    result
}

/// A string safe inside a mount option (no commas or blanks).
fn option_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c == ',' || c.is_whitespace() { '_' } else { c })
        .collect()
}

/// The mount point as an absolute path, a stale ninebox mount on it (a
/// crashed `ninebox mount`: stat answers ENOTCONN) removed first.
fn prepare_mountpoint(given: &Path) -> Result<PathBuf> {
    let shown = given.display().to_string();
    let abs = if given.is_absolute() {
        given.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| net9::dial::host_error(&shown, &e))?
            .join(given)
    };
    let abs = match (abs.parent(), abs.file_name()) {
        (Some(dir), Some(name)) => dir
            .canonicalize()
            .map_err(|e| net9::dial::host_error(&shown, &e))?
            .join(name),
        _ => abs,
    };
    match std::fs::metadata(&abs) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(fail(Errno::ENOTDIR, format!("mount: {shown}: Not a directory"))),
        Err(e) if e.raw_os_error() == Some(nix::libc::ENOTCONN) => match mounted(&abs) {
            Some((_, true)) => {
                nix::mount::umount2(&abs, nix::mount::MntFlags::MNT_DETACH).map_err(|e| {
                    fail(
                        Errno::EIO,
                        format!("mount: {shown}: cannot remove the stale mount: {e}"),
                    )
                })?;
                eprintln!("ninebox: mount: removed a stale ninebox mount on {}", abs.display());
            }
            other => {
                let kind = other.map_or("unknown".to_string(), |(t, _)| t);
                return Err(fail(
                    Errno::EBUSY,
                    format!("mount: {shown}: a dead mount of another program ({kind}) is there; unmount it first"),
                ));
            }
        },
        Err(e) => return Err(net9::dial::host_error(&format!("mount: {shown}"), &e)),
    }
    if mounted(&abs).is_some_and(|(_, ours)| ours) {
        return Err(fail(
            Errno::EBUSY,
            format!("mount: {shown}: a ninebox mount is already there"),
        ));
    }
    let canon = abs.canonicalize().map_err(|e| net9::dial::host_error(&shown, &e))?;
    Ok(canon)
}

/// The topmost mount on `point`, from `/proc/self/mountinfo`: its
/// filesystem type, and whether it is one of ours (a FUSE mount whose
/// source is `ninebox:...`).
fn mounted(point: &Path) -> Option<(String, bool)> {
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let want = point.to_str()?;
    info.lines().rev().find_map(|line| {
        let fields: Vec<&str> = line.split(' ').collect();
        let dash = fields.iter().position(|f| *f == "-")?;
        if unescape_mountinfo(fields.get(4)?) != want {
            return None;
        }
        let fstype = fields.get(dash + 1)?.to_string();
        let source = unescape_mountinfo(fields.get(dash + 2).unwrap_or(&""));
        let ours = fstype.starts_with("fuse") && source.starts_with(FSNAME_PREFIX);
        Some((fstype, ours))
    })
}

/// mountinfo writes space, tab, newline and backslash as `\ooo`.
fn unescape_mountinfo(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && b.len() >= i + 4 && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            let v = b[i + 1..i + 4].iter().fold(0u32, |v, c| v * 8 + u32::from(c - b'0'));
            out.push((v & 0xff) as u8);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Refuse a mount point inside a host directory the system itself serves
/// (`--bind HOSTDIR:...`): the system's view of that directory would
/// contain the mount, whose every request goes back into the system, so
/// a `find` or `du` from either side would recurse without end. Each
/// bind is posted as `/srv/host.N`, whose text names its host directory.
async fn refuse_inside_served_tree(client: &Client, root: u32, point: &Path) -> Result<()> {
    let mut op = client.op();
    let dir = op.fid();
    if op.walk(root, dir, &["srv"]).await.is_err() {
        return Ok(());
    }
    let names: Vec<String> = read_dir_records(&mut op, dir)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.name)
        .filter(|n| n.starts_with("host."))
        .collect();
    for name in names {
        let fid = op.fid();
        // From the root: the directory's fid is open now.
        if op.walk(root, fid, &["srv", &name]).await.is_err() || op.open(fid, mode::OREAD).await.is_err() {
            continue;
        }
        let text = op.read(fid, 0, 4096).await.unwrap_or_default();
        let _ = op.clunk(fid).await;
        let text = String::from_utf8_lossy(&text);
        let Some(host) = text
            .trim()
            .strip_prefix("host directory ")
            .and_then(|t| t.rsplit_once(" ("))
            .map(|(p, _)| PathBuf::from(p))
        else {
            continue;
        };
        let host = host.canonicalize().unwrap_or(host);
        if point.starts_with(&host) {
            op.finish().await;
            return Err(fail(
                Errno::EINVAL,
                format!(
                    "mount: {}: inside {}, a host directory the system serves (/srv/{name}): \
                     the mount would contain itself; choose a mount point outside it",
                    point.display(),
                    host.display()
                ),
            ));
        }
    }
    op.finish().await;
    Ok(())
}

/// Every stat record of the directory `fid` (walked, not open): it is
/// opened and read to the end. The fid is the op's.
async fn read_dir_records(op: &mut net9::Op, fid: u32) -> Result<Vec<Stat>> {
    op.open(fid, mode::OREAD).await?;
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let data = op.read(fid, offset, u32::MAX).await?;
        if data.is_empty() {
            return Ok(out);
        }
        offset += data.len() as u64;
        out.extend(Stat::decode_all(&data).map_err(|e| fail(Errno::EIO, format!("9P protocol botch: {e:?}")))?);
    }
}

/// The FUSE side: `fuser` calls it on its threads.
struct Bridge {
    rt: Handle,
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    read_only: bool,
    uid: u32,
    gid: u32,
    /// The root's qid path: inode 1.
    root_qid: u64,
    nodes: Mutex<HashMap<u64, Node>>,
    handles: Mutex<Handles>,
}

/// An inode the kernel knows: a walked fid, the path it was walked by
/// (kept so that a rename can walk new fids for what lies below), and
/// how many lookups the kernel has not yet forgotten.
struct Node {
    fid: u32,
    path: String,
    lookups: u64,
}

#[derive(Default)]
struct Handles {
    next: u64,
    open: HashMap<u64, Open>,
}

/// An open file or directory: its own opened fid.
#[derive(Clone)]
struct Open {
    fid: u32,
    append: bool,
    /// A directory's entries, read whole at opendir.
    entries: Option<Arc<Vec<Entry>>>,
}

struct Entry {
    ino: u64,
    kind: FileType,
    name: String,
}

fn child(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn elems(path: &str) -> Vec<&str> {
    path.split('/').filter(|e| !e.is_empty()).collect()
}

fn name_of(name: &OsStr) -> Result<String> {
    name.to_str()
        .map(str::to_string)
        .ok_or_else(|| fail(Errno::EINVAL, "a name that is not UTF-8"))
}

/// The errno for a kernel error from the client: the server's text read
/// as 9pfuse reads it, or the code of an error made here.
fn errno(e: &Error) -> fuser::Errno {
    let n = match e.detail() {
        // The server's text (the client read its code from it).
        Some(text) if net9::errors::from_wire(text) == e.code() => net9::errors::fuse_errno(text),
        _ => net9::errors::linux(e.code()),
    };
    fuser::Errno::from_i32(n)
}

/// A write on a `--ro` mount: the text reads as EROFS (9pfuse's rule).
fn erofs() -> Error {
    fail(Errno::EPERM, "read-only file system")
}

fn time(secs: u32) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::from(secs))
}

impl Bridge {
    async fn new(client: Client, root: u32, read_only: bool) -> Result<Bridge> {
        let mut op = client.op();
        let st = op.stat(root).await?;
        op.finish().await;
        let mut nodes = HashMap::new();
        nodes.insert(
            INodeNo::ROOT.0,
            Node {
                fid: root,
                path: "/".into(),
                lookups: u64::MAX,
            },
        );
        Ok(Bridge {
            rt: Handle::current(),
            inner: Arc::new(Inner {
                client,
                read_only,
                uid: nix::unistd::getuid().as_raw(),
                gid: nix::unistd::getgid().as_raw(),
                root_qid: st.qid.path,
                nodes: Mutex::new(nodes),
                handles: Mutex::new(Handles::default()),
            }),
        })
    }

    /// Run `f` on the runtime and wait for it.
    fn call<T, F>(&self, f: impl FnOnce(Arc<Inner>) -> F) -> Result<T>
    where
        T: Send + 'static,
        F: Future<Output = Result<T>> + Send + 'static,
    {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let fut = f(self.inner.clone());
        self.rt.spawn(async move {
            let _ = tx.send(fut.await);
        });
        rx.recv()
            .unwrap_or_else(|_| Err(fail(Errno::EIO, "i/o on hung-up channel")))
    }
}

impl Inner {
    /// Inode numbers are qid paths; the root's is 1. Paths 0 and 1 of
    /// other files (which the exporter never makes: its paths carry a
    /// server number in the top 16 bits) move to the top half.
    fn ino_of(&self, qid_path: u64) -> u64 {
        if qid_path == self.root_qid {
            INodeNo::ROOT.0
        } else if qid_path <= 1 {
            qid_path | 1 << 63
        } else {
            qid_path
        }
    }

    fn attr(&self, st: &Stat) -> FileAttr {
        let dir = st.qid.is_dir();
        let size = if dir { 0 } else { st.length };
        FileAttr {
            ino: INodeNo(self.ino_of(st.qid.path)),
            size,
            blocks: size.div_ceil(512),
            atime: time(st.atime),
            mtime: time(st.mtime),
            ctime: time(st.mtime),
            crtime: time(st.mtime),
            kind: if dir {
                FileType::Directory
            } else {
                FileType::RegularFile
            },
            perm: (st.mode & 0o777) as u16,
            // 1 for a directory: "unknown", so find(1) does not count
            // subdirectories by links.
            nlink: 1,
            uid: self.uid,
            gid: self.gid,
            rdev: 0,
            blksize: 8192,
            flags: 0,
        }
    }

    /// The fid and path of inode `ino`.
    fn node(&self, ino: u64) -> Result<(u32, String)> {
        self.nodes
            .lock()
            .get(&ino)
            .map(|n| (n.fid, n.path.clone()))
            .ok_or_else(|| fail(Errno::ENOENT, "file does not exist"))
    }

    fn writable(&self) -> Result<()> {
        if self.read_only { Err(erofs()) } else { Ok(()) }
    }

    /// Count a lookup of the file walked to `fid` at `path`: the op keeps
    /// the fid for a new inode, or clunks it when the inode is known.
    fn remember(&self, op: &mut net9::Op, fid: u32, path: String, st: &Stat) {
        let ino = self.ino_of(st.qid.path);
        let mut nodes = self.nodes.lock();
        match nodes.get_mut(&ino) {
            Some(n) => n.lookups = n.lookups.saturating_add(1),
            None => {
                nodes.insert(ino, Node { fid, path, lookups: 1 });
                op.keep(fid);
            }
        }
    }

    async fn lookup(self: Arc<Self>, parent: u64, name: String) -> Result<FileAttr> {
        let (pfid, ppath) = self.node(parent)?;
        let mut op = self.client.op();
        let fid = op.fid();
        op.walk(pfid, fid, &[&name]).await.map_err(Walked::into_error)?;
        let st = op.stat(fid).await?;
        self.remember(&mut op, fid, child(&ppath, &name), &st);
        op.finish().await;
        Ok(self.attr(&st))
    }

    fn forget(&self, ino: u64, n: u64) {
        if ino == INodeNo::ROOT.0 {
            return;
        }
        let gone = {
            let mut nodes = self.nodes.lock();
            match nodes.get_mut(&ino) {
                Some(node) if node.lookups <= n => nodes.remove(&ino),
                Some(node) => {
                    node.lookups -= n;
                    None
                }
                None => None,
            }
        };
        if let Some(node) = gone {
            self.client.clunk_later(node.fid);
        }
    }

    /// The stat of inode `ino`; ENOENT if its fid now names another file
    /// (it was removed or renamed over).
    async fn stat(&self, ino: u64) -> Result<Stat> {
        let (fid, _) = self.node(ino)?;
        let mut op = self.client.op();
        let st = op.stat(fid).await?;
        op.finish().await;
        if self.ino_of(st.qid.path) != ino {
            return Err(fail(Errno::ENOENT, "file does not exist"));
        }
        Ok(st)
    }

    async fn getattr(self: Arc<Self>, ino: u64) -> Result<FileAttr> {
        let st = self.stat(ino).await?;
        Ok(self.attr(&st))
    }

    async fn setattr(self: Arc<Self>, ino: u64, change: Change) -> Result<FileAttr> {
        let cur = self.stat(ino).await?;
        let mut want = Stat::dont_touch();
        let mut any = false;
        if change.uid.is_some_and(|u| u != self.uid) || change.gid.is_some_and(|g| g != self.gid) {
            // Every file shows as the mounting user's; the system's users
            // have no host numbers to change to.
            return Err(fail(Errno::EPERM, "operation not permitted"));
        }
        if let Some(m) = change.mode {
            want.mode = (cur.mode & perm::DMDIR) | (m & 0o777);
            any |= want.mode != cur.mode;
        }
        if let Some(size) = change.size {
            want.length = size;
            any = true;
        }
        if let Some(t) = change.mtime {
            want.mtime = t;
            any = true;
        }
        if any {
            self.writable()?;
            let (fid, _) = self.node(ino)?;
            let mut op = self.client.op();
            op.wstat(fid, want).await?;
            op.finish().await;
            let st = self.stat(ino).await?;
            return Ok(self.attr(&st));
        }
        Ok(self.attr(&cur))
    }

    fn add_handle(&self, open: Open) -> u64 {
        let mut h = self.handles.lock();
        h.next += 1;
        let fh = h.next;
        h.open.insert(fh, open);
        fh
    }

    fn handle(&self, fh: u64) -> Result<Open> {
        self.handles
            .lock()
            .open
            .get(&fh)
            .cloned()
            .ok_or_else(|| fail(Errno::EBADF, "bad file handle"))
    }

    async fn open(self: Arc<Self>, ino: u64, flags: i32, dir: bool) -> Result<u64> {
        let (nfid, _) = self.node(ino)?;
        let m = if dir { mode::OREAD } else { omode(flags) };
        if m & 3 != mode::OREAD || m & mode::OTRUNC != 0 {
            self.writable()?;
        }
        let mut op = self.client.op();
        let fid = op.fid();
        op.walk(nfid, fid, &[]).await.map_err(Walked::into_error)?;
        let entries = if dir {
            let records = read_dir_records(&mut op, fid).await?;
            let mut entries = vec![
                Entry {
                    ino,
                    kind: FileType::Directory,
                    name: ".".into(),
                },
                Entry {
                    ino: INodeNo::ROOT.0,
                    kind: FileType::Directory,
                    name: "..".into(),
                },
            ];
            entries.extend(records.into_iter().map(|s| Entry {
                ino: self.ino_of(s.qid.path),
                kind: if s.qid.is_dir() {
                    FileType::Directory
                } else {
                    FileType::RegularFile
                },
                name: s.name,
            }));
            Some(Arc::new(entries))
        } else {
            op.open(fid, m).await?;
            None
        };
        op.keep(fid);
        op.finish().await;
        Ok(self.add_handle(Open {
            fid,
            append: flags & nix::libc::O_APPEND != 0,
            entries,
        }))
    }

    async fn release(self: Arc<Self>, fh: u64) -> Result<()> {
        let Some(open) = self.handles.lock().open.remove(&fh) else {
            return Ok(());
        };
        let mut op = self.client.op();
        op.clunk(open.fid).await?;
        op.finish().await;
        Ok(())
    }

    async fn read(self: Arc<Self>, fh: u64, offset: u64, size: u32) -> Result<Vec<u8>> {
        let open = self.handle(fh)?;
        let mut op = self.client.op();
        let mut out = Vec::with_capacity(size as usize);
        while out.len() < size as usize {
            let want = (size as usize - out.len()) as u32;
            let data = op.read(open.fid, offset + out.len() as u64, want).await?;
            let short = data.len() < want.min(self.client.iounit()) as usize;
            out.extend_from_slice(&data);
            // A short read is the end, or one message of a stream.
            if data.is_empty() || short {
                break;
            }
        }
        op.finish().await;
        Ok(out)
    }

    async fn write(self: Arc<Self>, fh: u64, offset: u64, data: Vec<u8>) -> Result<u32> {
        self.writable()?;
        let open = self.handle(fh)?;
        let mut op = self.client.op();
        let offset = if open.append {
            op.stat(open.fid).await?.length
        } else {
            offset
        };
        let mut done = 0;
        while done < data.len() {
            let n = op.write(open.fid, offset + done as u64, &data[done..]).await?;
            if n == 0 {
                break;
            }
            done += n as usize;
        }
        op.finish().await;
        Ok(done as u32)
    }

    async fn create(self: Arc<Self>, parent: u64, name: String, m: u32, flags: i32) -> Result<(FileAttr, u64)> {
        self.writable()?;
        let (pfid, ppath) = self.node(parent)?;
        let mut op = self.client.op();
        let fid = op.fid();
        op.walk(pfid, fid, &[]).await.map_err(Walked::into_error)?;
        op.create(fid, &name, m & 0o777, omode(flags)).await?;
        let nfid = op.fid();
        op.walk(pfid, nfid, &[&name]).await.map_err(Walked::into_error)?;
        let st = op.stat(nfid).await?;
        self.remember(&mut op, nfid, child(&ppath, &name), &st);
        op.keep(fid);
        op.finish().await;
        let fh = self.add_handle(Open {
            fid,
            append: flags & nix::libc::O_APPEND != 0,
            entries: None,
        });
        Ok((self.attr(&st), fh))
    }

    async fn mkdir(self: Arc<Self>, parent: u64, name: String, m: u32) -> Result<FileAttr> {
        self.writable()?;
        let (pfid, ppath) = self.node(parent)?;
        let mut op = self.client.op();
        let fid = op.fid();
        op.walk(pfid, fid, &[]).await.map_err(Walked::into_error)?;
        op.create(fid, &name, perm::DMDIR | (m & 0o777), mode::OREAD).await?;
        op.clunk(fid).await?;
        let nfid = op.fid();
        op.walk(pfid, nfid, &[&name]).await.map_err(Walked::into_error)?;
        let st = op.stat(nfid).await?;
        self.remember(&mut op, nfid, child(&ppath, &name), &st);
        op.finish().await;
        Ok(self.attr(&st))
    }

    /// unlink (`dir` false) and rmdir (`dir` true): Tremove, after
    /// checking the kind, since a Plan 9 remove takes either.
    async fn remove(self: Arc<Self>, parent: u64, name: String, dir: bool) -> Result<()> {
        self.writable()?;
        let (pfid, _) = self.node(parent)?;
        let mut op = self.client.op();
        let fid = op.fid();
        let qids = op.walk(pfid, fid, &[&name]).await.map_err(Walked::into_error)?;
        match (qids.first().is_some_and(|q| q.is_dir()), dir) {
            (true, false) => return Err(fail(Errno::EISDIR, "is a directory")),
            (false, true) => return Err(fail(Errno::ENOTDIR, "not a directory")),
            _ => {}
        }
        op.remove(fid).await?;
        op.finish().await;
        Ok(())
    }

    /// A rename within one directory is a Twstat of the name; across
    /// directories 9P has none, and the answer is EXDEV (as 9pfuse's), so
    /// that mv(1) copies and removes. An existing target is removed first
    /// (POSIX replaces it; a Plan 9 wstat refuses): not atomic.
    async fn rename(
        self: Arc<Self>,
        parent: u64,
        name: String,
        newparent: u64,
        newname: String,
        flags: u32,
    ) -> Result<()> {
        self.writable()?;
        if flags & RenameFlags::RENAME_EXCHANGE.bits() != 0 || flags & RenameFlags::RENAME_WHITEOUT.bits() != 0 {
            return Err(fail(Errno::EINVAL, "invalid argument"));
        }
        if parent != newparent {
            return Err(fail(Errno::EXDEV, "cross-directory rename"));
        }
        if name == newname {
            return Ok(());
        }
        let (pfid, ppath) = self.node(parent)?;
        let mut op = self.client.op();
        let fid = op.fid();
        let qids = op.walk(pfid, fid, &[&name]).await.map_err(Walked::into_error)?;
        let src_dir = qids.first().is_some_and(|q| q.is_dir());
        let mut want = Stat::dont_touch();
        want.name = newname.clone();
        match op.wstat(fid, want.clone()).await {
            Err(e) if e.is(Errno::EEXIST) && flags & RenameFlags::RENAME_NOREPLACE.bits() == 0 => {
                let target = op.fid();
                let q = op.walk(pfid, target, &[&newname]).await.map_err(Walked::into_error)?;
                match (src_dir, q.first().is_some_and(|q| q.is_dir())) {
                    (false, true) => return Err(fail(Errno::EISDIR, "is a directory")),
                    (true, false) => return Err(fail(Errno::ENOTDIR, "not a directory")),
                    _ => {}
                }
                op.remove(target).await?;
                op.wstat(fid, want).await?;
            }
            r => r?,
        }
        op.finish().await;
        self.renamed(&child(&ppath, &name), &child(&ppath, &newname)).await;
        Ok(())
    }

    /// After a rename of `old` to `new`, walk new fids for the inodes at
    /// or below `old` (the exporter's fids name files by path).
    async fn renamed(&self, old: &str, new: &str) {
        let below = format!("{old}/");
        let moved: Vec<(u64, u32, String)> = self
            .nodes
            .lock()
            .iter()
            .filter(|(_, n)| n.path == old || n.path.starts_with(&below))
            .map(|(&ino, n)| (ino, n.fid, format!("{new}{}", &n.path[old.len()..])))
            .collect();
        let Ok((root, _)) = self.node(INodeNo::ROOT.0) else {
            return;
        };
        for (ino, oldfid, path) in moved {
            let mut op = self.client.op();
            let fid = op.fid();
            if op.walk(root, fid, &elems(&path)).await.is_err() {
                op.finish().await;
                continue;
            }
            let swapped = {
                let mut nodes = self.nodes.lock();
                match nodes.get_mut(&ino) {
                    Some(n) if n.fid == oldfid => {
                        n.fid = fid;
                        n.path = path;
                        true
                    }
                    _ => false,
                }
            };
            if swapped {
                op.keep(fid);
                let _ = op.clunk(oldfid).await;
            }
            op.finish().await;
        }
    }
}

/// What a setattr asks to change (atime is not kept by the system: its
/// files' atime is their mtime).
struct Change {
    mode: Option<u32>,
    uid: Option<u32>,
    gid: Option<u32>,
    size: Option<u64>,
    mtime: Option<u32>,
}

/// The 9P open mode for open(2) flags.
fn omode(flags: i32) -> u8 {
    let acc = match OpenFlags(flags).acc_mode() {
        OpenAccMode::O_RDONLY => mode::OREAD,
        OpenAccMode::O_WRONLY => mode::OWRITE,
        OpenAccMode::O_RDWR => mode::ORDWR,
    };
    if flags & nix::libc::O_TRUNC != 0 {
        acc | mode::OTRUNC
    } else {
        acc
    }
}

fn secs(t: TimeOrNow) -> u32 {
    let t = match t {
        TimeOrNow::SpecificTime(t) => t,
        TimeOrNow::Now => SystemTime::now(),
    };
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs().min(u64::from(u32::MAX - 1)) as u32)
}

/// Attributes and entries carry generation 0: a qid path is never reused
/// for another file while the system runs.
const GEN: Generation = Generation(0);

impl fuser::Filesystem for Bridge {
    fn lookup(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEntry) {
        let r = name_of(name).and_then(|name| self.call(|i| i.lookup(parent.0, name)));
        match r {
            Ok(attr) => reply.entry(&TTL, &attr, GEN),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn forget(&self, _req: &Request, ino: INodeNo, nlookup: u64) {
        let _rt = self.rt.enter();
        self.inner.forget(ino.0, nlookup);
    }

    fn getattr(&self, _req: &Request, ino: INodeNo, _fh: Option<FileHandle>, reply: ReplyAttr) {
        match self.call(|i| i.getattr(ino.0)) {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn setattr(
        &self,
        _req: &Request,
        ino: INodeNo,
        mode: Option<u32>,
        uid: Option<u32>,
        gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        mtime: Option<TimeOrNow>,
        _ctime: Option<SystemTime>,
        _fh: Option<FileHandle>,
        _crtime: Option<SystemTime>,
        _chgtime: Option<SystemTime>,
        _bkuptime: Option<SystemTime>,
        _flags: Option<fuser::BsdFileFlags>,
        reply: ReplyAttr,
    ) {
        let change = Change {
            mode,
            uid,
            gid,
            size,
            mtime: mtime.map(secs),
        };
        match self.call(|i| i.setattr(ino.0, change)) {
            Ok(attr) => reply.attr(&TTL, &attr),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn mkdir(&self, _req: &Request, parent: INodeNo, name: &OsStr, mode: u32, _umask: u32, reply: ReplyEntry) {
        match name_of(name).and_then(|name| self.call(|i| i.mkdir(parent.0, name, mode))) {
            Ok(attr) => reply.entry(&TTL, &attr, GEN),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn unlink(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        match name_of(name).and_then(|name| self.call(|i| i.remove(parent.0, name, false))) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn rmdir(&self, _req: &Request, parent: INodeNo, name: &OsStr, reply: ReplyEmpty) {
        match name_of(name).and_then(|name| self.call(|i| i.remove(parent.0, name, true))) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn rename(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        newparent: INodeNo,
        newname: &OsStr,
        flags: RenameFlags,
        reply: ReplyEmpty,
    ) {
        let r = name_of(name).and_then(|name| {
            let newname = name_of(newname)?;
            self.call(|i| i.rename(parent.0, name, newparent.0, newname, flags.bits()))
        });
        match r {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn open(&self, _req: &Request, ino: INodeNo, flags: OpenFlags, reply: ReplyOpen) {
        match self.call(|i| i.open(ino.0, flags.0, false)) {
            // Direct I/O: the sizes of synthetic files (/proc, /dev) say
            // nothing of what a read gets, so the page cache cannot be used.
            Ok(fh) => reply.opened(FileHandle(fh), FopenFlags::FOPEN_DIRECT_IO),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn read(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        size: u32,
        _flags: OpenFlags,
        _lock_owner: Option<fuser::LockOwner>,
        reply: ReplyData,
    ) {
        match self.call(|i| i.read(fh.0, offset, size)) {
            Ok(data) => reply.data(&data),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn write(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        offset: u64,
        data: &[u8],
        _write_flags: WriteFlags,
        _flags: OpenFlags,
        _lock_owner: Option<fuser::LockOwner>,
        reply: ReplyWrite,
    ) {
        let data = data.to_vec();
        match self.call(|i| i.write(fh.0, offset, data)) {
            Ok(n) => reply.written(n),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn flush(&self, _req: &Request, _ino: INodeNo, _fh: FileHandle, _lock_owner: fuser::LockOwner, reply: ReplyEmpty) {
        // Writes go to the system as they come: nothing is buffered here.
        reply.ok();
    }

    fn fsync(&self, _req: &Request, _ino: INodeNo, _fh: FileHandle, _datasync: bool, reply: ReplyEmpty) {
        reply.ok();
    }

    fn release(
        &self,
        _req: &Request,
        _ino: INodeNo,
        fh: FileHandle,
        _flags: OpenFlags,
        _lock_owner: Option<fuser::LockOwner>,
        _flush: bool,
        reply: ReplyEmpty,
    ) {
        match self.call(|i| i.release(fh.0)) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn opendir(&self, _req: &Request, ino: INodeNo, flags: OpenFlags, reply: ReplyOpen) {
        match self.call(|i| i.open(ino.0, flags.0, true)) {
            Ok(fh) => reply.opened(FileHandle(fh), FopenFlags::empty()),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn readdir(&self, _req: &Request, _ino: INodeNo, fh: FileHandle, offset: u64, mut reply: ReplyDirectory) {
        let entries = match self.inner.handle(fh.0) {
            Ok(Open {
                entries: Some(entries), ..
            }) => entries,
            Ok(_) => return reply.error(fuser::Errno::ENOTDIR),
            Err(e) => return reply.error(errno(&e)),
        };
        for (i, e) in entries.iter().enumerate().skip(offset as usize) {
            if reply.add(INodeNo(e.ino), (i + 1) as u64, e.kind, &e.name) {
                break;
            }
        }
        reply.ok();
    }

    fn releasedir(&self, _req: &Request, _ino: INodeNo, fh: FileHandle, _flags: OpenFlags, reply: ReplyEmpty) {
        match self.call(|i| i.release(fh.0)) {
            Ok(()) => reply.ok(),
            Err(e) => reply.error(errno(&e)),
        }
    }

    fn statfs(&self, _req: &Request, _ino: INodeNo, reply: ReplyStatfs) {
        // 9P2000 has no statfs: no block or file counts are known.
        reply.statfs(0, 0, 0, 0, 0, 8192, 255, 8192);
    }

    fn create(
        &self,
        _req: &Request,
        parent: INodeNo,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        flags: i32,
        reply: ReplyCreate,
    ) {
        match name_of(name).and_then(|name| self.call(|i| i.create(parent.0, name, mode, flags))) {
            Ok((attr, fh)) => reply.created(&TTL, &attr, GEN, FileHandle(fh), FopenFlags::FOPEN_DIRECT_IO),
            Err(e) => reply.error(errno(&e)),
        }
    }
}

/// Whether this host has the FUSE device.
pub fn have_fuse_device() -> bool {
    std::fs::metadata("/dev/fuse").is_ok_and(|m| m.file_type().is_char_device())
}
