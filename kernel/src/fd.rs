//! File descriptors: per-process tables of shared open-file records.
//!
//! Three layers, as in Unix and gVisor: the fd table maps small numbers to
//! entries; an entry points to an [`OpenFile`] (server, handle, offset,
//! flags, the name it was opened by); the server owns what the handle means.
//! `dup` and inheritance share one `OpenFile`, so they share its offset; an
//! independent `open` makes a new one. The server's `close` runs when the
//! last reference goes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::chan::Chan;
use crate::error::{Errno, Error, Result};
use crate::proto::{Caller, Handle, NodeType, Opaque, OpenFlags, OpenResult, Qid, Stat};

pub type Fd = u32;

/// An open file, shared by every fd that refers to it.
pub struct OpenFile {
    pub chan: Chan,
    pub handle: Handle,
    pub qid: Qid,
    pub flags: OpenFlags,
    /// The name the file was opened by (what `/proc/N/fd` shows).
    pub name: String,
    offset: AtomicU64,
    /// Serialises position updates on seekable files so that two writers
    /// sharing the record never write at the same offset. Streams do not
    /// take it: a console reader must not block a console writer.
    pos_lock: tokio::sync::Mutex<()>,
    closed: AtomicBool,
}

impl OpenFile {
    pub fn new(chan: Chan, handle: Handle, qid: Qid, flags: OpenFlags, name: String) -> Arc<OpenFile> {
        Arc::new(OpenFile {
            chan,
            handle,
            qid,
            flags,
            name,
            offset: AtomicU64::new(0),
            pos_lock: tokio::sync::Mutex::new(()),
            closed: AtomicBool::new(false),
        })
    }

    /// The open file an `open` answered on `chan`: a new record for a new
    /// open, or the existing one a server handed back.
    pub fn from_open(chan: Chan, answer: OpenResult, flags: OpenFlags, name: String) -> Result<Arc<OpenFile>> {
        match answer {
            OpenResult::Opened(o) => Ok(OpenFile::new(chan, o.handle, o.qid, flags, name)),
            OpenResult::Existing(file) => OpenFile::from_opaque(file, flags),
        }
    }

    /// The open file as a server holds it (`OpenResult::Existing`, a post
    /// in `/srv`).
    pub fn to_opaque(self: &Arc<Self>) -> Opaque {
        self.clone()
    }

    /// An open file a server answered `open` with, for an open asking for
    /// `flags`: the same record (and offset), if the access asked for is
    /// a subset of the file's own.
    pub fn from_opaque(o: Opaque, flags: OpenFlags) -> Result<Arc<OpenFile>> {
        let file = o
            .downcast::<OpenFile>()
            .map_err(|_| Error::with_detail(Errno::EINVAL, "server answered an open with a foreign object"))?;
        if (flags.read && !file.flags.read) || (flags.write && !file.flags.write) {
            return Err(Errno::EACCES.into());
        }
        Ok(file)
    }

    /// Streams (devices, pipes, the console) have no meaningful offset.
    pub fn is_stream(&self) -> bool {
        self.qid.kind == NodeType::Device
    }

    pub fn offset(&self) -> u64 {
        self.offset.load(Ordering::Relaxed)
    }

    pub(crate) fn set_offset(&self, off: u64) {
        self.offset.store(off, Ordering::Relaxed)
    }

    /// Read at the current offset and advance it.
    pub async fn read(&self, who: &Caller, count: usize) -> Result<Vec<u8>> {
        if !self.flags.read {
            return Err(Errno::EBADF.into());
        }
        let _pos = if self.is_stream() {
            None
        } else {
            Some(self.pos_lock.lock().await)
        };
        let off = self.offset();
        let data = self.chan.server.read(who, self.handle, off, count).await?;
        self.offset.fetch_add(data.len() as u64, Ordering::Relaxed);
        Ok(data)
    }

    /// One write at the current offset; the server may write less than
    /// asked (the syscall layer loops).
    pub async fn write_some(&self, who: &Caller, data: &[u8]) -> Result<usize> {
        if !self.flags.write {
            return Err(Errno::EBADF.into());
        }
        let _pos = if self.is_stream() {
            None
        } else {
            Some(self.pos_lock.lock().await)
        };
        let off = self.offset();
        let n = self.chan.server.write(who, self.handle, off, data).await?;
        if self.flags.append && !self.is_stream() {
            // The server wrote at the end; where that is, only it knows.
            // Keep the offset moving forward so reads through a read-write
            // append fd see sensible positions.
            self.offset.fetch_add(n as u64, Ordering::Relaxed);
        } else {
            self.offset.store(off + n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }

    /// Metadata of the file, from its server through the handle: the same
    /// file whatever has been renamed since it was opened.
    pub async fn stat(&self, who: &Caller) -> Result<Stat> {
        self.chan.server.fstat(who, self.handle).await
    }

    /// Close on the server. Called once, by whoever drops the last
    /// reference explicitly (see [`release`]).
    async fn close(self, who: &Caller) -> Result<()> {
        self.closed.store(true, Ordering::Relaxed);
        self.chan.server.close(who, self.handle).await
    }
}

impl Drop for OpenFile {
    /// The last reference went away without an explicit close (a task was
    /// cancelled while holding it). `Drop` cannot await, so the close runs
    /// as its own task, as the kernel; nothing is leaked.
    fn drop(&mut self) {
        if self.closed.load(Ordering::Relaxed) {
            return;
        }
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            let server = self.chan.server.clone();
            let handle = self.handle;
            rt.spawn(async move {
                let _ = server.close(&Caller::KERNEL, handle).await;
            });
        }
    }
}

impl std::fmt::Debug for OpenFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenFile")
            .field("name", &self.name)
            .field("offset", &self.offset())
            .finish()
    }
}

/// Drop `who`'s reference to an open file, closing it on its server if it
/// was the last.
pub async fn release(file: Arc<OpenFile>, who: &Caller) -> Result<()> {
    match Arc::into_inner(file) {
        Some(f) => f.close(who).await,
        None => Ok(()),
    }
}

/// One slot of a table.
#[derive(Clone, Debug)]
pub struct FdEntry {
    pub file: Arc<OpenFile>,
    /// Not inherited by spawned processes, closed on exec.
    pub cloexec: bool,
}

/// A process's (or a group's) fd table.
#[derive(Clone, Debug, Default)]
pub struct FdTable {
    slots: Vec<Option<FdEntry>>,
}

impl FdTable {
    pub fn get(&self, fd: Fd) -> Result<Arc<OpenFile>> {
        self.entry(fd).map(|e| e.file.clone())
    }

    pub fn entry(&self, fd: Fd) -> Result<&FdEntry> {
        self.slots
            .get(fd as usize)
            .and_then(|s| s.as_ref())
            .ok_or_else(|| Errno::EBADF.into())
    }

    pub fn set_cloexec(&mut self, fd: Fd, on: bool) -> Result<()> {
        match self.slots.get_mut(fd as usize).and_then(|s| s.as_mut()) {
            Some(e) => {
                e.cloexec = on;
                Ok(())
            }
            None => Err(Errno::EBADF.into()),
        }
    }

    /// Put `entry` at the lowest free number at or above `min`.
    pub fn alloc(&mut self, entry: FdEntry, min: Fd, max: usize) -> Result<Fd> {
        let start = min as usize;
        let free = (start..self.slots.len()).find(|&i| self.slots[i].is_none());
        let i = free.unwrap_or(self.slots.len().max(start));
        if i >= max {
            return Err(Errno::EMFILE.into());
        }
        if i >= self.slots.len() {
            self.slots.resize(i + 1, None);
        }
        self.slots[i] = Some(entry);
        Ok(i as Fd)
    }

    /// Put `entry` at `fd`, answering what was there (for the caller to
    /// release).
    pub fn install(&mut self, fd: Fd, entry: FdEntry, max: usize) -> Result<Option<FdEntry>> {
        let i = fd as usize;
        if i >= max {
            return Err(Errno::EBADF.into());
        }
        if i >= self.slots.len() {
            self.slots.resize(i + 1, None);
        }
        Ok(self.slots[i].replace(entry))
    }

    pub fn remove(&mut self, fd: Fd) -> Result<FdEntry> {
        let e = self
            .slots
            .get_mut(fd as usize)
            .and_then(|s| s.take())
            .ok_or(Errno::EBADF)?;
        while matches!(self.slots.last(), Some(None)) {
            self.slots.pop();
        }
        Ok(e)
    }

    /// The table a spawned process inherits: every entry not marked
    /// close-on-exec, sharing the open files.
    pub fn inherit(&self) -> FdTable {
        let mut t = FdTable {
            slots: self
                .slots
                .iter()
                .map(|s| s.as_ref().filter(|e| !e.cloexec).cloned())
                .collect(),
        };
        while matches!(t.slots.last(), Some(None)) {
            t.slots.pop();
        }
        t
    }

    /// Remove the close-on-exec entries (exec does this).
    pub fn take_cloexec(&mut self) -> Vec<Arc<OpenFile>> {
        let mut out = Vec::new();
        for s in self.slots.iter_mut() {
            if s.as_ref().is_some_and(|e| e.cloexec) {
                out.push(s.take().expect("checked").file);
            }
        }
        out
    }

    /// Empty the table, answering every open file for release.
    pub fn take_all(&mut self) -> Vec<Arc<OpenFile>> {
        self.slots.drain(..).flatten().map(|e| e.file).collect()
    }

    /// The open fds in order.
    pub fn iter(&self) -> impl Iterator<Item = (Fd, &FdEntry)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|e| (i as Fd, e)))
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
