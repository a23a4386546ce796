//! Buffered output and chunked, line-oriented input over fds.
//!
//! Commands stream: they read in 64 KiB chunks and write through a 64 KiB
//! buffer, so memory stays bounded whatever the input size. Output to the
//! console is flushed at each newline, as stdio line-buffers a terminal.
//! Each chunk read or written is a step of [`coop`] (so a command streaming
//! `/dev/zero` still lets `kill` run), and a line or a whole input held in
//! memory stops at the process's `max_alloc` limit with an error naming it.

use kernel::{Errno, Fd, OpenFlags, Proc};
use memchr::memchr;

use super::coop;
use super::limits::Budget;

const CHUNK: usize = 64 * 1024;

/// Whether `fd` is the console (what isatty answers on Unix).
pub fn is_console(p: &Proc, fd: Fd) -> bool {
    console_name(p, fd).is_some()
}

/// The console's name as a user opens it (`/dev/cons/data`), if `fd` is
/// the console: what `ttyname` answers on Unix. The boot sequence opens it
/// by its device name (`#c/cons/data`), which the namespace shows in /dev.
pub fn console_name(p: &Proc, fd: Fd) -> Option<String> {
    let name = p.fd_name(fd).ok()?;
    if !name.contains("cons") {
        return None;
    }
    Some(match name.strip_prefix("#c/") {
        Some(rest) => format!("/dev/{rest}"),
        None => name,
    })
}

/// A buffered writer on an fd.
pub struct Output {
    p: Proc,
    fd: Fd,
    buf: Vec<u8>,
    /// The first write error; later writes are dropped.
    failed: Option<kernel::Error>,
    console: Option<bool>,
    /// Set by [`Output::exit_on_error`]: the command's name and failure
    /// status.
    fatal: Option<(String, i32)>,
}

impl Output {
    pub fn new(p: Proc, fd: Fd) -> Output {
        Output {
            p,
            fd,
            // Allocated at the first write: a program that never writes
            // (a sleeping one, of thousands) costs nothing here.
            buf: Vec::new(),
            failed: None,
            console: None,
            fatal: None,
        }
    }

    /// End the process at the first failed write, as GNU tools do on
    /// standard output: `name: write error: No space left on device` and
    /// `status`. A closed pipe ends it by its note instead. Without this, a
    /// failed write is kept for [`Output::flush`] to answer.
    pub fn exit_on_error(&mut self, name: &str, status: i32) {
        self.fatal = Some((name.to_string(), status));
    }

    fn is_console(&mut self) -> bool {
        *self.console.get_or_insert_with(|| is_console(&self.p, self.fd))
    }

    /// Queue bytes; write out when the buffer is full (or at a newline on
    /// the console).
    pub async fn write(&mut self, data: &[u8]) {
        if self.failed.is_some() {
            return;
        }
        if data.len() >= CHUNK && self.buf.is_empty() {
            self.put(data).await;
            return;
        }
        if self.buf.capacity() == 0 {
            self.buf.reserve(CHUNK);
        }
        kernel::bytes::extend(&mut self.buf, data);
        if self.buf.len() >= CHUNK || (self.is_console() && data.contains(&b'\n')) {
            let _ = self.flush().await;
        }
    }

    pub async fn write_str(&mut self, s: &str) {
        self.write(s.as_bytes()).await;
    }

    /// Write `data` to the fd, a step of work; a failure is kept, or ends
    /// the process (see [`Output::exit_on_error`]).
    async fn put(&mut self, data: &[u8]) {
        let result = self.p.write(self.fd, data).await;
        // A write to a pipe nobody reads posted a note that ends the
        // process: yielding lets it take effect now.
        coop::step().await;
        let Err(e) = result else { return };
        if let Some((name, status)) = &self.fatal {
            if e.is(Errno::EPIPE) {
                tokio::task::yield_now().await;
            }
            let text = format!("{name}: write error: {}\n", super::limits::describe(&e));
            let _ = self.p.write(2, text.as_bytes()).await;
            match self.p.exit(*status).await {}
        }
        self.failed = Some(e);
    }

    /// Write out everything queued; answers the first error seen.
    pub async fn flush(&mut self) -> kernel::Result<()> {
        if !self.buf.is_empty() && self.failed.is_none() {
            let buf = std::mem::take(&mut self.buf);
            self.put(&buf).await;
            self.buf = buf;
            self.buf.clear();
        }
        match &self.failed {
            Some(e) => Err(e.clone()),
            None => Ok(()),
        }
    }

    /// Flush only when writing to the console (so a prompt or error shows
    /// up in order there).
    pub async fn flush_if_console(&mut self) {
        if self.is_console() {
            let _ = self.flush().await;
        }
    }

    pub fn failed(&self) -> bool {
        self.failed.is_some()
    }
}

/// A file or stdin being read.
pub struct Input {
    fd: Fd,
    /// Opened by us (closed by [`Input::close`]); stdin is not ours.
    owned: bool,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl Input {
    /// Open `name` for reading; `-` is standard input.
    pub async fn open(p: &Proc, name: &str) -> kernel::Result<Input> {
        if name == "-" {
            return Ok(Input::from_fd(0));
        }
        let fd = p.open(name, OpenFlags::READ).await?;
        let st = p.fstat(fd).await;
        if st.is_ok_and(|s| s.is_dir()) {
            let _ = p.close(fd).await;
            return Err(Errno::EISDIR.into());
        }
        Ok(Input {
            fd,
            owned: true,
            buf: Vec::new(),
            pos: 0,
            eof: false,
        })
    }

    pub fn from_fd(fd: Fd) -> Input {
        Input {
            fd,
            owned: false,
            buf: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    pub fn fd(&self) -> Fd {
        self.fd
    }

    /// Refill the buffer; false at end of input.
    async fn fill(&mut self, p: &Proc) -> kernel::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let data = p.read(self.fd, CHUNK).await?;
        coop::step().await;
        if data.is_empty() {
            self.eof = true;
            return Ok(false);
        }
        self.buf = data;
        self.pos = 0;
        Ok(true)
    }

    /// The next chunk, or `None` at the end.
    pub async fn chunk(&mut self, p: &Proc) -> kernel::Result<Option<Vec<u8>>> {
        if self.pos < self.buf.len() {
            let rest = self.buf.split_off(self.pos);
            self.buf.clear();
            self.pos = 0;
            return Ok(Some(rest));
        }
        if !self.fill(p).await? {
            return Ok(None);
        }
        self.pos = self.buf.len();
        Ok(Some(std::mem::take(&mut self.buf)))
    }

    /// Read up to and including the next `delim` into `line` (cleared
    /// first). False at the end with nothing read; a last line without its
    /// delimiter is returned as it is. A line longer than the process's
    /// `max_alloc` is an error (`line too long (limit 256 MiB)`).
    pub async fn read_until(&mut self, p: &Proc, delim: u8, line: &mut Vec<u8>) -> kernel::Result<bool> {
        line.clear();
        loop {
            if self.pos >= self.buf.len() && !self.fill(p).await? {
                return Ok(!line.is_empty());
            }
            let avail = &self.buf[self.pos..];
            match memchr(delim, avail) {
                Some(i) => {
                    line.extend_from_slice(&avail[..=i]);
                    self.pos += i + 1;
                    return Ok(true);
                }
                None => {
                    // Only a line spanning chunks can outgrow the limit.
                    Budget::of(p).extend(line, avail, "line too long")?;
                    self.pos = self.buf.len();
                }
            }
        }
    }

    /// A line, newline included.
    pub async fn read_line(&mut self, p: &Proc, line: &mut Vec<u8>) -> kernel::Result<bool> {
        self.read_until(p, b'\n', line).await
    }

    /// Everything left, up to the process's `max_alloc` limit (`input too
    /// large (limit 256 MiB)` beyond).
    pub async fn read_all(&mut self, p: &Proc) -> kernel::Result<Vec<u8>> {
        let budget = Budget::of(p);
        let mut out = self.buf.split_off(self.pos.min(self.buf.len()));
        self.buf.clear();
        self.pos = 0;
        while let Some(c) = self.chunk(p).await? {
            if out.is_empty() {
                out = c;
            } else {
                budget.extend(&mut out, &c, "input")?;
            }
        }
        Ok(out)
    }

    pub async fn close(self, p: &Proc) {
        if self.owned {
            let _ = p.close(self.fd).await;
        }
    }
}
