//! HostIo: the host's standard input, output and error as a fileserver
//! (`stdin`, `stdout`, `stderr`), so a scripted boot's fds 0, 1 and 2 are
//! ordinary open files.
//!
//! Output is written to the host at once (as bash's is), so the host sees
//! stdout and stderr interleaved as the script wrote them. Input is read by
//! a host thread, started at the first read, into a buffer that every
//! reader shares: reads are cancel-safe, and bytes one process did not take
//! stay for the next.
//!
//! Everything the run writes to the host (stdout, stderr, and in a scripted
//! run the console) counts against the `output` limit ([`HostOut`]). The
//! write that reaches it is cut there, a final line on stderr says so, and
//! every later write fails with `EFBIG` (`File too large`), as a file at
//! its size limit does.
//!
//! The same [`HostOut`] can keep what is written in memory instead
//! ([`HostOut::capture`]): that is how `ninebox --json` and the library's
//! [`crate::sandbox::Sandbox::exec`] collect a script's stdout and stderr,
//! with the very same limit and cut.

use std::io::{Read, Write};
use std::sync::Arc;

use async_trait::async_trait;
use kernel::{
    Caller, DirEntry, Errno, Error, Fileserver, Handle, Limits, NodeType, OpenFlags, OpenResult, Opened, Qid, Result,
    Stat,
};
use parking_lot::Mutex;
use tokio::sync::mpsc;

const FILES: [&str; 3] = ["stdin", "stdout", "stderr"];

struct Input {
    /// The chunk being handed out, and how much of it is gone. Whole
    /// chunks move to the reader without a copy when it asks for enough.
    chunk: Vec<u8>,
    pos: usize,
    eof: bool,
    rx: Option<mpsc::Receiver<Vec<u8>>>,
    started: bool,
}

/// The host's stdout and stderr, with the bytes written to them counted
/// against the `output` limit.
pub struct HostOut {
    state: Mutex<OutState>,
    /// Where the bytes go.
    sink: Sink,
    limit: u64,
    /// The message that replaces what is cut.
    message: String,
}

/// The host's streams, or two buffers in memory.
enum Sink {
    Host,
    Memory,
}

struct OutState {
    /// What a memory sink holds: stdout, stderr.
    kept: [Vec<u8>; 2],
    written: u64,
    cut: bool,
    /// The last byte written, so the final line starts on a line of its
    /// own.
    last: u8,
}

/// Which host stream.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout = 0,
    Stderr = 1,
}

impl HostOut {
    /// Write to the host's stdout and stderr.
    pub fn new(limits: &Limits) -> Arc<HostOut> {
        HostOut::with_sink(limits, Sink::Host)
    }

    /// Keep what is written in memory ([`HostOut::take`]), with the same
    /// limit: the cut's final line goes to the kept stderr.
    pub fn capture(limits: &Limits) -> Arc<HostOut> {
        HostOut::with_sink(limits, Sink::Memory)
    }

    fn with_sink(limits: &Limits, sink: Sink) -> Arc<HostOut> {
        Arc::new(HostOut {
            sink,
            state: Mutex::new(OutState {
                kept: [Vec::new(), Vec::new()],
                written: 0,
                cut: false,
                last: b'\n',
            }),
            limit: limits.output,
            message: limits.reached("output"),
        })
    }

    /// Write `data` to the host: all of it, the part within the limit and
    /// the final line, or (once cut) nothing, answering `EFBIG`.
    pub fn write(&self, stream: Stream, data: &[u8]) -> Result<usize> {
        let mut st = self.state.lock();
        if st.cut {
            return Err(self.full());
        }
        let room = self.limit - st.written;
        let cut = (data.len() as u64) > room;
        let part = if cut { &data[..room as usize] } else { data };
        let r = self.emit(&mut st, stream, part);
        st.written += part.len() as u64;
        if let Some(&b) = part.last() {
            st.last = b;
        }
        if cut {
            st.cut = true;
            let nl = if st.last == b'\n' { "" } else { "\n" };
            let line = format!("{nl}ninebox: {}\n", self.message);
            let _ = self.emit(&mut st, Stream::Stderr, line.as_bytes());
        }
        r?;
        if cut { Err(self.full()) } else { Ok(data.len()) }
    }

    fn emit(&self, st: &mut OutState, stream: Stream, data: &[u8]) -> Result<()> {
        match self.sink {
            Sink::Host => host_write(stream, data),
            Sink::Memory => {
                st.kept[stream as usize].extend_from_slice(data);
                Ok(())
            }
        }
    }

    /// Take what a memory sink kept so far: (stdout, stderr). A host
    /// sink keeps nothing.
    pub fn take(&self) -> (Vec<u8>, Vec<u8>) {
        let mut st = self.state.lock();
        let [out, err] = std::mem::take(&mut st.kept);
        (out, err)
    }

    /// True once the output limit cut what was written.
    pub fn truncated(&self) -> bool {
        self.state.lock().cut
    }

    fn full(&self) -> Error {
        Error::with_detail(Errno::EFBIG, self.message.clone())
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.state.lock().written
    }
}

fn host_write(stream: Stream, data: &[u8]) -> Result<()> {
    let r = match stream {
        Stream::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(data).and_then(|_| out.flush())
        }
        Stream::Stderr => {
            let mut err = std::io::stderr().lock();
            err.write_all(data).and_then(|_| err.flush())
        }
    };
    match r {
        Ok(()) => Ok(()),
        // A closed host pipe is a closed pipe here too.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Errno::EPIPE.into()),
        Err(_) => Err(Errno::EIO.into()),
    }
}

/// Open one of a [`HostIo`]'s files (`/stdin`, `/stdout`, `/stderr`),
/// read-only or write-only as it allows.
pub async fn open(host: &Arc<HostIo>, name: &str) -> Result<Arc<kernel::OpenFile>> {
    let flags = if name == "/stdin" {
        OpenFlags::READ
    } else {
        OpenFlags {
            read: false,
            write: true,
            ..OpenFlags::READ
        }
    };
    let server: Arc<dyn Fileserver> = host.clone();
    let answer = server.open(&Caller::KERNEL, name, flags).await?;
    kernel::OpenFile::from_open(kernel::Chan::new(server, name), answer, flags, format!("#h{name}"))
}

pub struct HostIo {
    input: tokio::sync::Mutex<Input>,
    handles: Mutex<(u64, std::collections::HashMap<u64, usize>)>,
    out: Arc<HostOut>,
}

impl HostIo {
    pub fn new(out: Arc<HostOut>) -> Arc<HostIo> {
        Arc::new(HostIo {
            out,
            input: tokio::sync::Mutex::new(Input {
                chunk: Vec::new(),
                pos: 0,
                eof: false,
                rx: None,
                started: false,
            }),
            handles: Mutex::new((1, Default::default())),
        })
    }

    fn file(&self, h: Handle) -> Result<usize> {
        self.handles
            .lock()
            .1
            .get(&h.0)
            .copied()
            .ok_or_else(|| Errno::EBADF.into())
    }
}

/// Read the host's stdin on a thread of its own, in chunks.
fn start_reader() -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel(4);
    std::thread::Builder::new()
        .name("ninebox-stdin".into())
        .spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.blocking_send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        })
        .expect("spawn the stdin reader");
    rx
}

#[async_trait]
impl Fileserver for HostIo {
    fn name(&self) -> &str {
        "hostio"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        let idx = FILES
            .iter()
            .position(|f| path.strip_prefix('/') == Some(f))
            .ok_or(Errno::ENOENT)?;
        if (idx == 0 && flags.writes()) || (idx > 0 && flags.read && !flags.write) {
            return Err(Errno::EPERM.into());
        }
        let mut h = self.handles.lock();
        let id = h.0;
        h.0 += 1;
        h.1.insert(id, idx);
        Ok(Opened {
            handle: Handle(id),
            qid: Qid {
                path: idx as u64 + 1,
                version: 0,
                kind: NodeType::Device,
            },
        }
        .into())
    }

    async fn read(&self, _who: &Caller, h: Handle, _offset: u64, count: usize) -> Result<Vec<u8>> {
        if self.file(h)? != 0 {
            return Err(Errno::EBADF.into());
        }
        let mut input = self.input.lock().await;
        loop {
            let left = input.chunk.len() - input.pos;
            if left > 0 {
                if input.pos == 0 && count >= left {
                    return Ok(std::mem::take(&mut input.chunk));
                }
                let n = count.min(left);
                let start = input.pos;
                input.pos += n;
                return Ok(input.chunk[start..start + n].to_vec());
            }
            if input.eof {
                return Ok(Vec::new());
            }
            if !input.started {
                input.started = true;
                input.rx = Some(start_reader());
            }
            // Receiving is cancel-safe: a chunk is either here or still in
            // the channel.
            let chunk = match input.rx.as_mut() {
                Some(rx) => rx.recv().await,
                None => None,
            };
            match chunk {
                Some(c) => {
                    input.chunk = c;
                    input.pos = 0;
                }
                None => input.eof = true,
            }
        }
    }

    async fn write(&self, _who: &Caller, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        let stream = match self.file(h)? {
            1 => Stream::Stdout,
            2 => Stream::Stderr,
            _ => return Err(Errno::EBADF.into()),
        };
        self.out.write(stream, data)
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        match self.handles.lock().1.remove(&h.0) {
            Some(_) => Ok(()),
            None => Err(Errno::EBADF.into()),
        }
    }

    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        let idx = self.file(h)?;
        self.stat(who, &format!("/{}", FILES[idx])).await
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        if path == "/" {
            return Ok(Stat::new("/", NodeType::Dir, 0, 0));
        }
        let idx = FILES
            .iter()
            .position(|f| path.strip_prefix('/') == Some(f))
            .ok_or(Errno::ENOENT)?;
        let mut st = Stat::new(FILES[idx], NodeType::Device, 0, 0);
        st.mode = Some(if idx == 0 { 0o444 } else { 0o222 });
        st.qid = idx as u64 + 1;
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if path != "/" {
            self.stat(&Caller::KERNEL, path).await?;
            return Err(Errno::ENOTDIR.into());
        }
        Ok(FILES.iter().map(|f| DirEntry::new(*f, NodeType::Device)).collect())
    }
}
