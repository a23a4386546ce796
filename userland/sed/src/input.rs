//! Reading input lines, with the look-ahead sed's `$` needs.

use kernel::{Errno, Fd, OpenFlags, Proc};
use memchr::memchr;

const CHUNK: usize = 64 * 1024;

/// An open input file (or stdin).
pub struct Source {
    fd: Fd,
    owned: bool,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    /// A directory opened as input: reading it fails as on Unix.
    dir: bool,
    /// -u: read no more than needed, so what follows stays for the next
    /// reader of a shared stdin.
    unbuffered: bool,
}

impl Source {
    pub fn stdin(unbuffered: bool) -> Source {
        Source::from_fd(0, false, unbuffered)
    }

    fn from_fd(fd: Fd, owned: bool, unbuffered: bool) -> Source {
        Source {
            fd,
            owned,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            dir: false,
            unbuffered,
        }
    }

    /// Open a file; a directory opens, and fails at the first read.
    pub async fn open(p: &Proc, name: &str, unbuffered: bool) -> kernel::Result<Source> {
        let fd = p.open(name, OpenFlags::READ).await?;
        let mut s = Source::from_fd(fd, true, unbuffered);
        s.dir = p.fstat(fd).await.is_ok_and(|st| st.is_dir());
        Ok(s)
    }

    pub fn is_stdin(&self) -> bool {
        self.fd == 0
    }

    pub fn is_dir(&self) -> bool {
        self.dir
    }

    async fn fill(&mut self, p: &Proc) -> kernel::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.dir {
            return Err(Errno::EISDIR.into());
        }
        let want = if self.unbuffered { 1 } else { CHUNK };
        let data = p.read(self.fd, want).await?;
        if data.is_empty() {
            self.eof = true;
            return Ok(false);
        }
        self.buf = data;
        self.pos = 0;
        Ok(true)
    }

    /// Whether another line follows.
    pub async fn has_more(&mut self, p: &Proc) -> kernel::Result<bool> {
        if self.pos < self.buf.len() {
            return Ok(true);
        }
        self.fill(p).await
    }

    /// Append the next line, without its delimiter, to `out`. None at the
    /// end; otherwise whether the delimiter was there.
    pub async fn read_line(&mut self, p: &Proc, delim: u8, out: &mut Vec<u8>) -> kernel::Result<Option<bool>> {
        let mut got = false;
        loop {
            if self.pos >= self.buf.len() && !self.fill(p).await? {
                return Ok(got.then_some(false));
            }
            got = true;
            let avail = &self.buf[self.pos..];
            match memchr(delim, avail) {
                Some(i) => {
                    out.extend_from_slice(&avail[..i]);
                    self.pos += i + 1;
                    return Ok(Some(true));
                }
                None => {
                    out.extend_from_slice(avail);
                    self.pos = self.buf.len();
                }
            }
        }
    }

    /// The next line with its delimiter, as `R` appends it.
    pub async fn read_raw_line(&mut self, p: &Proc, delim: u8) -> kernel::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        Ok(match self.read_line(p, delim, &mut line).await? {
            Some(true) => {
                line.push(delim);
                Some(line)
            }
            Some(false) => Some(line),
            None => None,
        })
    }

    /// Start over (R files, for each new file under -s/-i).
    pub async fn rewind(&mut self, p: &Proc) {
        if p.seek(self.fd, kernel::SeekFrom::Start(0)).await.is_ok() {
            self.buf.clear();
            self.pos = 0;
            self.eof = false;
        }
    }

    pub async fn close(self, p: &Proc) {
        if self.owned {
            let _ = p.close(self.fd).await;
        }
    }
}
