//! The device-table helper: what every synthetic server shares, after
//! Plan 9's `dev.c` and `Dirtab`, Redox's `HandleMap` and gVisor's
//! `DynamicBytesSource`.
//!
//! * [`Handles`]: a map from handle numbers, never reused, to what each
//!   open holds.
//! * [`Dirtab`]: a static directory table with generic lookup, stat and
//!   listing.
//! * [`Rendered`] and [`readstr`]: generated text is rendered once per open
//!   (at the read from offset 0) and read in slices, so a reader reading in
//!   small chunks never sees a torn file.
//! * [`Device`] and [`DevServer`]: a server written as a table of files and
//!   a few hooks. `DevServer` answers the whole protocol: it checks open
//!   flags against each file's kind and mode, keeps the handles, renders
//!   text, answers `fstat` through the handle and refuses what the device
//!   does not do. A server such as `/dev/sysname` is a page (see
//!   `specs/protocol.md`).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use parking_lot::Mutex;

use crate::error::{Errno, Error, Result};
use crate::path;
use crate::proto::{
    Caller, DirEntry, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, SrvCapable, Stat,
};

/// Open handles: numbers never reused, each mapped to what the open holds.
pub struct Handles<T> {
    next: AtomicU64,
    map: Mutex<HashMap<u64, Arc<T>>>,
}

impl<T> Default for Handles<T> {
    fn default() -> Self {
        Handles {
            next: AtomicU64::new(1),
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<T> Handles<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// A new handle for `value`.
    pub fn insert(&self, value: T) -> Handle {
        self.insert_with(|_| value)
    }

    /// A new handle whose value needs to know its own number.
    pub fn insert_with(&self, make: impl FnOnce(Handle) -> T) -> Handle {
        let h = Handle(self.next.fetch_add(1, Ordering::Relaxed));
        self.map.lock().insert(h.0, Arc::new(make(h)));
        h
    }

    /// What `h` holds; `EBADF` for a handle that is not open.
    pub fn get(&self, h: Handle) -> Result<Arc<T>> {
        self.map.lock().get(&h.0).cloned().ok_or_else(|| Errno::EBADF.into())
    }

    /// Close `h`, answering what it held.
    pub fn remove(&self, h: Handle) -> Result<Arc<T>> {
        self.map.lock().remove(&h.0).ok_or_else(|| Errno::EBADF.into())
    }

    /// The open values, for a server that acts on all of them.
    pub fn values(&self) -> Vec<Arc<T>> {
        self.map.lock().values().cloned().collect()
    }
}

/// The slice of `text` a read at `offset` of `count` bytes answers
/// (Plan 9's `readstr`).
pub fn readstr(text: &[u8], offset: u64, count: usize) -> Vec<u8> {
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
    let end = start.saturating_add(count).min(text.len());
    text[start..end].to_vec()
}

/// Generated text held by one open: rendered at a read from offset 0 (the
/// first read, or a reader starting over), then read in slices.
#[derive(Default)]
pub struct Rendered(Mutex<Option<Arc<[u8]>>>);

impl Rendered {
    pub fn read(&self, offset: u64, count: usize, render: impl FnOnce() -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        let mut slot = self.0.lock();
        let text = match &*slot {
            Some(t) if offset > 0 => t.clone(),
            _ => {
                let t: Arc<[u8]> = render()?.into();
                *slot = Some(t.clone());
                t
            }
        };
        Ok(readstr(&text, offset, count))
    }
}

/// One file of a static table.
#[derive(Copy, Clone, Debug)]
pub struct Dirent<K: 'static> {
    /// The cleaned path inside the server (`/`, `/cons`, `/cons/data`).
    pub path: &'static str,
    pub kind: NodeType,
    pub mode: u32,
    pub key: K,
}

impl<K: Copy> Dirent<K> {
    pub const fn dir(path: &'static str, key: K) -> Self {
        Dirent {
            path,
            kind: NodeType::Dir,
            mode: 0o555,
            key,
        }
    }

    /// A file of generated text or control messages.
    pub const fn file(path: &'static str, mode: u32, key: K) -> Self {
        Dirent {
            path,
            kind: NodeType::File,
            mode,
            key,
        }
    }

    /// A stream: no offsets, reads may block.
    pub const fn stream(path: &'static str, mode: u32, key: K) -> Self {
        Dirent {
            path,
            kind: NodeType::Device,
            mode,
            key,
        }
    }
}

/// A static directory table. A file's qid path is its index plus `base`,
/// so a device that generates several tables (one per process) keeps them
/// apart.
pub struct Dirtab<K: 'static>(pub &'static [Dirent<K>]);

impl<K: Copy> Dirtab<K> {
    /// The entry at `path`: `ENOTDIR` when a file stands where a directory
    /// would have to be, `ENOENT` otherwise.
    pub fn lookup(&self, path: &str, base: u64) -> Result<Entry<K>> {
        if let Some(i) = self.0.iter().position(|d| d.path == path) {
            return Ok(self.entry(i, base));
        }
        let through_file = self
            .0
            .iter()
            .any(|d| !d.kind.is_dir() && path.strip_prefix(d.path).is_some_and(|rest| rest.starts_with('/')));
        Err(if through_file { Errno::ENOTDIR } else { Errno::ENOENT }.into())
    }

    fn entry(&self, i: usize, base: u64) -> Entry<K> {
        let d = &self.0[i];
        let mut stat = Stat::new(path::base(d.path), d.kind, 0, 0);
        stat.mode = Some(d.mode);
        stat.qid = base + i as u64;
        Entry { key: d.key, stat }
    }

    /// The listing of the directory at `path`.
    pub fn list(&self, path: &str) -> Result<Vec<DirEntry>> {
        let dir = self.lookup(path, 0)?;
        if !dir.stat.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        Ok(self
            .0
            .iter()
            .filter(|d| d.path != path && path::split_last(d.path).0 == path)
            .map(|d| DirEntry::new(path::base(d.path), d.kind))
            .collect())
    }
}

/// A file as a device's lookup answers it: the device's key for it and its
/// metadata (the name is the last element).
#[derive(Clone, Debug)]
pub struct Entry<K> {
    pub key: K,
    pub stat: Stat,
}

/// What a handle of a [`DevServer`] holds.
pub struct Open<K, S> {
    pub handle: Handle,
    pub key: K,
    /// The path it was opened at, and the file's metadata then.
    pub path: String,
    pub stat: Stat,
    pub flags: OpenFlags,
    /// Whatever else the device keeps per open.
    pub state: S,
    text: Rendered,
}

impl<K, S> Open<K, S> {
    /// The qid `open` answered.
    pub fn qid(&self) -> Qid {
        Qid {
            path: self.stat.qid,
            version: 0,
            kind: self.stat.kind,
        }
    }
}

/// A server written as a table of files and hooks; [`DevServer`] does the
/// rest. Only `name`, `lookup` and `list` are required; every hook has the
/// protocol's default answer.
#[async_trait]
pub trait Device: Send + Sync + 'static {
    /// What names a file inside the device.
    type Key: Copy + Send + Sync + 'static;
    /// What each open keeps besides the key (most devices: `()`).
    type State: Default + Send + Sync + 'static;

    fn name(&self) -> &str;

    /// The file at `path` (a table device: `TABLE.lookup(path, 0)`).
    fn lookup(&self, who: &Caller, path: &str) -> Result<Entry<Self::Key>>;

    /// The directory at `path` (a table device: `TABLE.list(path)`).
    fn list(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>>;

    /// Check an open of `entry` (after the generic checks of
    /// [`check_open`]) and make its state, or answer an existing open file
    /// instead.
    async fn open(&self, who: &Caller, entry: &Entry<Self::Key>, flags: OpenFlags) -> Result<Opening<Self::State>> {
        let _ = (who, entry, flags);
        Ok(Opening::New(Self::State::default()))
    }

    /// Create a missing `path` and open it: the new file and the state of
    /// the open (default: nothing can be created here).
    async fn create(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<(Entry<Self::Key>, Self::State)> {
        let _ = (who, path, flags);
        Err(Errno::EPERM.into())
    }

    /// The text of a generated file, rendered once per open.
    fn render(&self, who: &Caller, open: &Open<Self::Key, Self::State>) -> Result<Vec<u8>> {
        let _ = (who, open);
        Err(Errno::EPERM.into())
    }

    /// A read; the default serves [`Device::render`]'s text
    /// ([`render_read`]). Streams override it.
    async fn read(
        &self,
        who: &Caller,
        open: &Open<Self::Key, Self::State>,
        offset: u64,
        count: usize,
    ) -> Result<Vec<u8>> {
        render_read(self, who, open, offset, count)
    }

    async fn write(
        &self,
        who: &Caller,
        open: &Open<Self::Key, Self::State>,
        offset: u64,
        data: &[u8],
    ) -> Result<usize> {
        let _ = (who, open, offset, data);
        Err(Errno::EPERM.into())
    }

    /// The handle is closing.
    async fn close(&self, who: &Caller, open: &Open<Self::Key, Self::State>) {
        let _ = (who, open);
    }

    async fn remove(&self, who: &Caller, entry: &Entry<Self::Key>) -> Result<()> {
        let _ = (who, entry);
        Err(Errno::EPERM.into())
    }

    /// True if the device honours `OpenFlags::rclose` (its `close` hook
    /// removes the file); others refuse such an open.
    fn removes_on_close(&self) -> bool {
        false
    }

    /// The srv side interface, for a device that holds posted servers.
    fn as_srv(&self) -> Option<&dyn SrvCapable> {
        None
    }
}

/// A read of a generated file: the open's text, rendered by
/// [`Device::render`] at the read from offset 0.
pub fn render_read<D: Device + ?Sized>(
    dev: &D,
    who: &Caller,
    open: &Open<D::Key, D::State>,
    offset: u64,
    count: usize,
) -> Result<Vec<u8>> {
    open.text.read(offset, count, || dev.render(who, open))
}

/// What [`Device::open`] answers: a new open with its state, or an open
/// file that already exists (a posted fd).
pub enum Opening<S> {
    New(S),
    Existing(crate::proto::Opaque),
}

/// The protocol for a [`Device`].
pub struct DevServer<D: Device> {
    pub dev: D,
    handles: Handles<Open<D::Key, D::State>>,
}

impl<D: Device> DevServer<D> {
    pub fn new(dev: D) -> Self {
        DevServer {
            dev,
            handles: Handles::new(),
        }
    }

    /// Every open handle, for a device that acts on all of them.
    pub fn opens(&self) -> Vec<Arc<Open<D::Key, D::State>>> {
        self.handles.values()
    }
}

/// The device's own methods (a console's `input`, say) through its server.
impl<D: Device> std::ops::Deref for DevServer<D> {
    type Target = D;

    fn deref(&self) -> &D {
        &self.dev
    }
}

/// The checks every synthetic file makes of an open: directories are not
/// written, files without write permission refuse writers.
pub fn check_open(stat: &Stat, flags: OpenFlags) -> Result<()> {
    if stat.is_dir() && flags.writes() {
        return Err(Errno::EISDIR.into());
    }
    if flags.writes() && stat.mode() & 0o222 == 0 {
        return Err(Errno::EPERM.into());
    }
    if flags.read && stat.mode() & 0o444 == 0 {
        return Err(Errno::EPERM.into());
    }
    Ok(())
}

#[async_trait]
impl<D: Device> Fileserver for DevServer<D> {
    fn name(&self) -> &str {
        self.dev.name()
    }

    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if flags.rclose && !self.dev.removes_on_close() {
            return Err(Error::with_detail(Errno::EINVAL, "remove on close not supported"));
        }
        let (entry, state) = match self.dev.lookup(who, path) {
            Ok(_) if flags.create && flags.exclusive => return Err(Errno::EEXIST.into()),
            Ok(entry) => {
                check_open(&entry.stat, flags)?;
                match self.dev.open(who, &entry, flags).await? {
                    Opening::New(s) => (entry, s),
                    Opening::Existing(file) => return Ok(OpenResult::Existing(file)),
                }
            }
            Err(e) if e.is(Errno::ENOENT) && flags.create => {
                // A new name needs its directory: `create /a/b` with no
                // `/a` is ENOENT whatever the device could create.
                let (dir, _) = path::split_last(path);
                if !self.dev.lookup(who, dir)?.stat.is_dir() {
                    return Err(Errno::ENOTDIR.into());
                }
                self.dev.create(who, path, flags).await?
            }
            Err(e) => return Err(e),
        };
        let qid = Qid {
            path: entry.stat.qid,
            version: 0,
            kind: entry.stat.kind,
        };
        let handle = self.handles.insert_with(|handle| Open {
            handle,
            key: entry.key,
            path: path.to_string(),
            stat: entry.stat,
            flags,
            state,
            text: Rendered::default(),
        });
        Ok(Opened { handle, qid }.into())
    }

    async fn read(&self, who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let open = self.handles.get(h)?;
        if open.stat.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        if !open.flags.read {
            return Err(Errno::EBADF.into());
        }
        self.dev.read(who, &open, offset, count).await
    }

    async fn write(&self, who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let open = self.handles.get(h)?;
        if !open.flags.write {
            return Err(Errno::EBADF.into());
        }
        self.dev.write(who, &open, offset, data).await
    }

    async fn close(&self, who: &Caller, h: Handle) -> Result<()> {
        let open = self.handles.remove(h)?;
        self.dev.close(who, &open).await;
        Ok(())
    }

    /// The file as it is now if its path still names it; as it was at
    /// open if the name has gone or names another file since.
    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        let open = self.handles.get(h)?;
        match self.dev.lookup(who, &open.path) {
            Ok(e) if e.stat.qid == open.stat.qid => Ok(e.stat),
            _ => Ok(open.stat.clone()),
        }
    }

    async fn stat(&self, who: &Caller, path: &str) -> Result<Stat> {
        Ok(self.dev.lookup(who, path)?.stat)
    }

    async fn readdir(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        self.dev.list(who, path)
    }

    async fn remove(&self, who: &Caller, path: &str) -> Result<()> {
        let entry = self.dev.lookup(who, path)?;
        self.dev.remove(who, &entry).await
    }

    fn as_srv(&self) -> Option<&dyn SrvCapable> {
        self.dev.as_srv()
    }
}

/// The error of a control file given a message it does not know.
pub fn bad_ctl() -> Error {
    Error::with_detail(Errno::EINVAL, "bad process or channel control request")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Copy, Clone, Debug, PartialEq)]
    enum K {
        Root,
        Cons,
        Data,
    }

    const TAB: Dirtab<K> = Dirtab(&[
        Dirent::dir("/", K::Root),
        Dirent::dir("/cons", K::Cons),
        Dirent::stream("/cons/data", 0o666, K::Data),
    ]);

    #[test]
    fn table_lookup_and_list() {
        assert_eq!(TAB.lookup("/cons/data", 0).unwrap().key, K::Data);
        assert_eq!(TAB.lookup("/cons/data", 0).unwrap().stat.name, "data");
        assert_eq!(TAB.lookup("/", 0).unwrap().stat.name, "/");
        assert_eq!(TAB.lookup("/cons/data/x", 0).unwrap_err().code(), Errno::ENOTDIR);
        assert_eq!(TAB.lookup("/nope", 0).unwrap_err().code(), Errno::ENOENT);
        let names: Vec<_> = TAB.list("/").unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["cons"]);
        assert_eq!(TAB.list("/cons/data").unwrap_err().code(), Errno::ENOTDIR);
    }

    #[test]
    fn text_renders_once_per_open() {
        let r = Rendered::default();
        let mut n = 0;
        let mut render = || {
            n += 1;
            Ok(format!("render {n}\n").into_bytes())
        };
        assert_eq!(r.read(0, 3, &mut render).unwrap(), b"ren");
        assert_eq!(r.read(3, 100, &mut render).unwrap(), b"der 1\n");
        assert_eq!(r.read(9, 100, &mut render).unwrap(), b"");
        // Starting over renders again.
        assert_eq!(r.read(0, 100, &mut render).unwrap(), b"render 2\n");
    }
}
