//! Buffered output and chunked, line-oriented input over fds.
//!
//! Commands stream: they read in 64 KiB chunks and write through a 64 KiB
//! buffer, so memory stays bounded whatever the input size. Output to the
//! console is flushed at each newline, as stdio line-buffers a terminal.

use kernel::{Errno, Fd, OpenFlags, Proc};
use memchr::memchr;

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
        }
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
            if let Err(e) = self.p.write(self.fd, data).await {
                self.failed = Some(e);
            }
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

    /// Write out everything queued; answers the first error seen.
    pub async fn flush(&mut self) -> kernel::Result<()> {
        if !self.buf.is_empty() && self.failed.is_none() {
            let buf = std::mem::take(&mut self.buf);
            if let Err(e) = self.p.write(self.fd, &buf).await {
                self.failed = Some(e);
            }
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
    /// delimiter is returned as it is.
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
                    kernel::bytes::extend(line, avail);
                    self.pos = self.buf.len();
                }
            }
        }
    }

    /// A line, newline included.
    pub async fn read_line(&mut self, p: &Proc, line: &mut Vec<u8>) -> kernel::Result<bool> {
        self.read_until(p, b'\n', line).await
    }

    /// Everything left.
    pub async fn read_all(&mut self, p: &Proc) -> kernel::Result<Vec<u8>> {
        let mut out = self.buf.split_off(self.pos.min(self.buf.len()));
        self.buf.clear();
        self.pos = 0;
        while let Some(c) = self.chunk(p).await? {
            if out.is_empty() {
                out = c;
            } else {
                kernel::bytes::extend(&mut out, &c);
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
