//! Several files read as one stream (`od`, `xxd`-like dumps): the next
//! file is opened when the one before it ends, and a file that cannot be
//! opened is reported (`od: nope: No such file or directory`) and passed
//! over, as GNU `od` does.

use kernel::{NodeType, Proc};

use super::cli::Cmd;
use super::io::Input;
use super::quote::quotef;

pub struct MultiInput {
    names: Vec<String>,
    next: usize,
    cur: Option<(String, Input)>,
    /// Bytes read from the current file but not handed out yet.
    pending: Vec<u8>,
    pos: usize,
    /// The current file was opened by name and nothing was read from it.
    fresh: bool,
    /// False once any file failed to open or read.
    pub ok: bool,
}

impl MultiInput {
    pub fn new(names: Vec<String>) -> MultiInput {
        MultiInput {
            names,
            next: 0,
            cur: None,
            pending: Vec::new(),
            pos: 0,
            fresh: false,
            ok: true,
        }
    }

    /// Make sure a file is open; false when all are done.
    async fn open_next(&mut self, cmd: &mut Cmd) -> bool {
        while self.cur.is_none() {
            let Some(name) = self.names.get(self.next).cloned() else {
                return false;
            };
            self.next += 1;
            match Input::open(&cmd.p, &name).await {
                Ok(i) => {
                    self.fresh = name != "-";
                    self.cur = Some((name, i));
                }
                Err(e) => {
                    cmd.error_at(&quotef(&name), &e).await;
                    self.ok = false;
                }
            }
        }
        true
    }

    async fn close_current(&mut self, p: &Proc) {
        if let Some((_, i)) = self.cur.take() {
            i.close(p).await;
        }
    }

    /// The next bytes available (at most `max`), or an empty vector at the
    /// end of the last file.
    async fn some(&mut self, cmd: &mut Cmd, max: usize) -> Vec<u8> {
        loop {
            if self.pos < self.pending.len() {
                let end = (self.pos + max).min(self.pending.len());
                let out = self.pending[self.pos..end].to_vec();
                self.pos = end;
                return out;
            }
            if !self.open_next(cmd).await {
                return Vec::new();
            }
            let p = cmd.p.clone();
            let Some((name, input)) = self.cur.as_mut() else {
                continue;
            };
            self.fresh = false;
            match input.chunk(&p).await {
                Ok(Some(c)) => {
                    self.pending = c;
                    self.pos = 0;
                }
                Ok(None) => self.close_current(&p).await,
                Err(e) => {
                    let name = quotef(name);
                    cmd.error_at(&name, &e).await;
                    self.ok = false;
                    self.close_current(&p).await;
                }
            }
        }
    }

    /// Fill `buf` with up to `n` bytes (fewer only at the very end).
    pub async fn read(&mut self, cmd: &mut Cmd, n: usize, buf: &mut Vec<u8>) {
        buf.clear();
        while buf.len() < n {
            let got = self.some(cmd, n - buf.len()).await;
            if got.is_empty() {
                break;
            }
            buf.extend_from_slice(&got);
        }
    }

    /// One byte, or `None` at the end.
    pub async fn byte(&mut self, cmd: &mut Cmd) -> Option<u8> {
        self.some(cmd, 1).await.first().copied()
    }

    /// Skip `n` bytes; answers how many could not be skipped (the input
    /// was shorter). Whole regular files are passed over by their size.
    pub async fn skip(&mut self, cmd: &mut Cmd, mut n: u64) -> u64 {
        while n > 0 {
            let left = (self.pending.len() - self.pos) as u64;
            if left > 0 {
                let k = left.min(n);
                self.pos += k as usize;
                n -= k;
                continue;
            }
            if !self.open_next(cmd).await {
                break;
            }
            if let Some((_, input)) = &self.cur {
                let st = cmd.p.fstat(input.fd()).await;
                // A fresh regular file no bigger than what is left to skip
                // need not be read.
                if let Ok(st) = st
                    && st.kind == NodeType::File
                    && st.size > 0
                    && st.size <= n
                    && self.fresh
                {
                    n -= st.size;
                    let p = cmd.p.clone();
                    self.close_current(&p).await;
                    continue;
                }
            }
            let chunk = self.some(cmd, usize::try_from(n).unwrap_or(usize::MAX)).await;
            if chunk.is_empty() {
                break;
            }
            n -= chunk.len() as u64;
        }
        n
    }

    pub async fn close(&mut self, p: &Proc) {
        self.close_current(p).await;
    }
}
