//! Pipes: a bounded byte buffer between a read end and a write end.
//!
//! A pipe is a tiny fileserver of its own with two files, `data` (the read
//! end) and `data1` (the write end), so pipe fds go through exactly the same
//! open-file machinery as any other file. Unlike Plan 9's bidirectional
//! pipes these are Unix pipes, one direction, byte streams without message
//! boundaries: that is what sh and the GNU tools expect.
//!
//! * A read blocks until there is data, then answers what is there (up to
//!   the count). With no data and no writer left it answers EOF (empty).
//! * A write blocks while the buffer is full and answers as soon as it has
//!   copied some bytes (the kernel loops until everything is written). A
//!   write of at most [`PIPE_BUF`] bytes is atomic: it waits until all of it
//!   fits. With no reader left a write fails with `EPIPE` (the kernel then
//!   posts `sys: write on closed pipe` to the writer).
//! * Both are cancel-safe: bytes move only in the poll that answers.
//!
//! The buffer is a queue of chunks, one per write (small writes share a
//! chunk). A write copies its bytes once; a read that wants at least a whole
//! chunk takes the chunk itself, so a transfer costs one copy, not two.

use std::collections::VecDeque;
use std::pin::pin;

use async_trait::async_trait;
use parking_lot::Mutex;
use tokio::sync::Notify;

use crate::error::{Errno, Result};
use crate::proto::{Caller, DirEntry, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, Stat};

/// Writes up to this size are never interleaved with other writes.
pub const PIPE_BUF: usize = 4096;
/// The default buffer size.
pub const DEFAULT_CAPACITY: usize = 64 * 1024;

/// The handle of the read end.
pub const READ_END: Handle = Handle(0);
/// The handle of the write end.
pub const WRITE_END: Handle = Handle(1);

/// Writes smaller than this are appended to the last chunk.
const SMALL: usize = 4096;

#[derive(Default)]
struct Chunks {
    queue: VecDeque<Vec<u8>>,
    /// Bytes of the first chunk already read.
    head: usize,
    /// Bytes buffered (not yet read).
    len: usize,
}

impl Chunks {
    fn push(&mut self, data: &[u8]) {
        self.len += data.len();
        if data.len() < SMALL {
            if let Some(last) = self.queue.back_mut()
                && last.len() + data.len() <= last.capacity()
            {
                last.extend_from_slice(data);
                return;
            }
            let mut v = Vec::with_capacity(SMALL);
            v.extend_from_slice(data);
            self.queue.push_back(v);
        } else {
            self.queue.push_back(crate::bytes::to_vec(data));
        }
    }

    /// Take up to `n` bytes from the front.
    fn take(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.len);
        self.len -= n;
        // The common large transfer: hand over a whole chunk without copying.
        if self.head == 0 && self.queue.front().is_some_and(|c| c.len() == n) {
            return self.queue.pop_front().expect("checked");
        }
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let front = self.queue.front_mut().expect("len counts queued bytes");
            let avail = &front[self.head..];
            let k = avail.len().min(n - out.len());
            crate::bytes::extend(&mut out, &avail[..k]);
            self.head += k;
            if self.head == front.len() {
                self.queue.pop_front();
                self.head = 0;
            }
        }
        out
    }
}

struct State {
    buf: Chunks,
    readers: u32,
    writers: u32,
    /// Open handles: even numbers are read ends, odd ones write ends.
    open: std::collections::HashSet<u64>,
    next: u64,
}

pub struct Pipe {
    state: Mutex<State>,
    capacity: usize,
    /// Data arrived or the last writer left.
    readable: Notify,
    /// Space freed or the last reader left.
    writable: Notify,
}

impl Pipe {
    /// A pipe with one open read end ([`READ_END`]) and one open write end
    /// ([`WRITE_END`]), as `pipe()` makes.
    pub fn new(capacity: usize) -> Pipe {
        let p = Pipe::unopened(capacity);
        {
            let mut st = p.state.lock();
            st.readers = 1;
            st.writers = 1;
            st.open.extend([READ_END.0, WRITE_END.0]);
        }
        p
    }

    /// A pipe with no end open yet, as attaching `#|` makes: `data` and
    /// `data1` open like files.
    pub fn unopened(capacity: usize) -> Pipe {
        Pipe {
            state: Mutex::new(State {
                buf: Chunks::default(),
                readers: 0,
                writers: 0,
                open: std::collections::HashSet::new(),
                next: 1,
            }),
            capacity: capacity.max(PIPE_BUF),
            readable: Notify::new(),
            writable: Notify::new(),
        }
    }

    pub fn qid(h: Handle) -> Qid {
        Qid {
            path: h.0,
            version: 0,
            kind: NodeType::Device,
        }
    }

    /// Bytes waiting to be read.
    pub fn buffered(&self) -> usize {
        self.state.lock().buf.len
    }

    /// True if `h` is open and is the kind of end `end` is.
    fn is_open(&self, h: Handle, end: Handle) -> bool {
        h.0 & 1 == end.0 && self.state.lock().open.contains(&h.0)
    }

    fn end(path: &str) -> Result<Handle> {
        match path {
            "/data" => Ok(READ_END),
            "/data1" => Ok(WRITE_END),
            _ => Err(Errno::ENOENT.into()),
        }
    }
}

#[async_trait]
impl Fileserver for Pipe {
    fn name(&self) -> &str {
        "pipe"
    }

    async fn read(&self, _who: &Caller, h: Handle, _offset: u64, count: usize) -> Result<Vec<u8>> {
        if !self.is_open(h, READ_END) {
            return Err(Errno::EBADF.into());
        }
        if count == 0 {
            return Ok(Vec::new());
        }
        loop {
            let mut notified = pin!(self.readable.notified());
            notified.as_mut().enable();
            {
                let mut st = self.state.lock();
                if st.buf.len > 0 {
                    let data = st.buf.take(count);
                    drop(st);
                    self.writable.notify_waiters();
                    return Ok(data);
                }
                if st.writers == 0 {
                    return Ok(Vec::new());
                }
            }
            notified.await;
        }
    }

    async fn write(&self, _who: &Caller, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        if !self.is_open(h, WRITE_END) {
            return Err(Errno::EBADF.into());
        }
        if data.is_empty() {
            return Ok(0);
        }
        // An atomic write waits for room for all of it; a large one takes
        // whatever room there is.
        let need = if data.len() <= PIPE_BUF { data.len() } else { 1 };
        loop {
            let mut notified = pin!(self.writable.notified());
            notified.as_mut().enable();
            {
                let mut st = self.state.lock();
                if st.readers == 0 {
                    return Err(Errno::EPIPE.into());
                }
                let room = self.capacity - st.buf.len;
                if room >= need {
                    let n = room.min(data.len());
                    st.buf.push(&data[..n]);
                    drop(st);
                    self.readable.notify_waiters();
                    return Ok(n);
                }
            }
            notified.await;
        }
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        let mut st = self.state.lock();
        if !st.open.remove(&h.0) {
            return Err(Errno::EBADF.into());
        }
        match Handle(h.0 & 1) {
            READ_END if st.readers > 0 => {
                st.readers -= 1;
                if st.readers == 0 {
                    // Nobody will read what is left: free it now.
                    st.buf = Chunks::default();
                    drop(st);
                    self.writable.notify_waiters();
                }
                Ok(())
            }
            WRITE_END if st.writers > 0 => {
                st.writers -= 1;
                if st.writers == 0 {
                    drop(st);
                    self.readable.notify_waiters();
                }
                Ok(())
            }
            _ => Err(Errno::EBADF.into()),
        }
    }

    /// `data` opens for reading and `data1` for writing: these pipes run
    /// one way (see the module documentation).
    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if path == "/" {
            return Err(Errno::EISDIR.into());
        }
        let end = Pipe::end(path)?;
        if (end == READ_END && flags.writes()) || (end == WRITE_END && flags.read) {
            return Err(Errno::EACCES.into());
        }
        let mut st = self.state.lock();
        let h = st.next * 2 + end.0;
        st.next += 1;
        st.open.insert(h);
        if end == READ_END {
            st.readers += 1;
        } else {
            st.writers += 1;
        }
        Ok(Opened {
            handle: Handle(h),
            qid: Pipe::qid(end),
        }
        .into())
    }

    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        if !self.state.lock().open.contains(&h.0) {
            return Err(Errno::EBADF.into());
        }
        self.stat(who, if h.0 & 1 == 0 { "/data" } else { "/data1" }).await
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        if path == "/" {
            return Ok(Stat::new("/", NodeType::Dir, 0, 0));
        }
        let h = Pipe::end(path)?;
        let mut st = Stat::new(&path[1..], NodeType::Device, self.buffered() as u64, 0);
        st.mode = Some(0o600);
        st.qid = h.0;
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if path != "/" {
            Pipe::end(path)?;
            return Err(Errno::ENOTDIR.into());
        }
        Ok(vec![
            DirEntry::new("data", NodeType::Device),
            DirEntry::new("data1", NodeType::Device),
        ])
    }
}

#[cfg(test)]
mod tests {
    use futures_util::FutureExt;

    use super::*;

    const K: Caller = Caller::KERNEL;

    #[test]
    fn a_small_write_waits_for_room_for_all_of_it() {
        let pipe = Pipe::new(PIPE_BUF);
        let first = vec![1u8; PIPE_BUF - 100];
        assert_eq!(
            pipe.write(&K, WRITE_END, 0, &first).now_or_never(),
            Some(Ok(PIPE_BUF - 100))
        );
        // 100 bytes of room: a 3000-byte write must not put 100 of them in.
        assert!(
            pipe.write(&K, WRITE_END, 0, &[2; 3000]).now_or_never().is_none(),
            "an atomic write was split"
        );
        assert_eq!(pipe.buffered(), PIPE_BUF - 100);
        // A write larger than PIPE_BUF takes what room there is.
        assert_eq!(
            pipe.write(&K, WRITE_END, 0, &[3; PIPE_BUF + 1]).now_or_never(),
            Some(Ok(100))
        );
    }

    #[test]
    fn a_dropped_read_takes_nothing() {
        let pipe = Pipe::new(PIPE_BUF);
        // Nothing buffered: the read is pending, and dropping it is harmless.
        assert!(pipe.read(&K, READ_END, 0, 10).now_or_never().is_none());
        assert_eq!(pipe.write(&K, WRITE_END, 0, b"abc").now_or_never(), Some(Ok(3)));
        assert_eq!(pipe.read(&K, READ_END, 0, 10).now_or_never(), Some(Ok(b"abc".to_vec())));
    }

    #[test]
    fn chunks_split_and_join() {
        let mut c = Chunks::default();
        c.push(b"ab");
        c.push(b"cd");
        c.push(&[b'x'; SMALL]);
        assert_eq!(c.take(3), b"abc");
        assert_eq!(c.take(1), b"d");
        assert_eq!(c.take(SMALL + 10).len(), SMALL);
        assert_eq!(c.len, 0);
        assert!(c.queue.is_empty());
    }

    #[test]
    fn ends_are_checked() {
        let pipe = Pipe::new(PIPE_BUF);
        assert_eq!(
            pipe.read(&K, WRITE_END, 0, 1)
                .now_or_never()
                .unwrap()
                .unwrap_err()
                .code(),
            Errno::EBADF
        );
        assert_eq!(
            pipe.write(&K, READ_END, 0, b"x")
                .now_or_never()
                .unwrap()
                .unwrap_err()
                .code(),
            Errno::EBADF
        );
        assert!(pipe.close(&K, READ_END).now_or_never().unwrap().is_ok());
        assert_eq!(
            pipe.close(&K, READ_END).now_or_never().unwrap().unwrap_err().code(),
            Errno::EBADF
        );
        assert_eq!(
            pipe.write(&K, WRITE_END, 0, b"x")
                .now_or_never()
                .unwrap()
                .unwrap_err()
                .code(),
            Errno::EPIPE
        );
    }
}
