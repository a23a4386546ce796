//! ConsFS, `#c` bound after DevFS on `/dev`: the console, `/dev/cons/`
//! with `data`, `ctl` and `size` (the seed's layout of Plan 9's cons(3)).
//!
//! ConsFS owns the line discipline, as 9front's kbdfs does, so it behaves
//! the same whatever is at the other end (a host terminal, a test, later a
//! remote client). The host side calls [`ConsFs::input`] with keystrokes
//! and drains [`ConsFs::take_output`] to the screen.
//!
//! * Cooked mode (the default): input is echoed and edited: backspace or
//!   DEL erase a character, ^U the line, ^W a word; a line is released to
//!   readers at newline; ^D at the start of a line makes one read return 0
//!   (end of file), elsewhere it releases the line without a newline; ^C
//!   discards the line and interrupts the foreground note group. A read
//!   returns at most one line.
//! * Raw mode: writing `rawon` to `ctl` gives raw mode for as long as that
//!   ctl stays open (or until `rawoff`): no echo, no editing, every byte
//!   delivered at once, ^C and ^D included.
//! * `size` reads `cols rows\n` and follows [`ConsFs::resize`].
//!
//! One write's bytes reach the screen together, never split by another
//! writer's; a reader blocked on input is woken by a note like any blocking
//! read (the wait is cancel-safe: nothing is taken until it is returned).

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kernel::{Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat};
use parking_lot::Mutex;
use tokio::sync::Notify;

/// Output not yet taken by the host beyond which writers wait.
const OUTPUT_LIMIT: usize = 256 * 1024;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Node {
    Root,
    Dir,
    Data,
    Ctl,
    Size,
}

const FILES: [(&str, Node, u32, u64); 3] = [
    ("ctl", Node::Ctl, 0o660, 3),
    ("data", Node::Data, 0o666, 2),
    ("size", Node::Size, 0o444, 4),
];

fn node(path: &str) -> Result<Node> {
    match path {
        "/" => Ok(Node::Root),
        "/cons" => Ok(Node::Dir),
        p => {
            let name = p.strip_prefix("/cons/").ok_or(Errno::ENOENT)?;
            FILES
                .iter()
                .find(|f| f.0 == name)
                .map(|f| f.1)
                .ok_or_else(|| Errno::ENOENT.into())
        }
    }
}

/// Input released to readers.
enum Record {
    Bytes(Vec<u8>),
    /// ^D at the start of a line: one read answers end of file.
    Eof,
}

struct State {
    ready: VecDeque<Record>,
    /// The line being edited (cooked mode).
    line: Vec<u8>,
    /// ctl handles that turned raw mode on.
    raw: HashSet<u64>,
    output: Vec<u8>,
    size: (u16, u16),
    /// The host's input has ended: reads answer end of file.
    hungup: bool,
}

type Interrupt = Box<dyn Fn() + Send + Sync>;

pub struct ConsFs {
    state: Mutex<State>,
    /// Input was released (or the console hung up).
    input_ready: Notify,
    /// Output is waiting for the host.
    output_ready: Notify,
    /// The host took output: blocked writers may go on.
    output_taken: Notify,
    interrupt: Mutex<Option<Interrupt>>,
    handles: Mutex<HashMap<u64, Node>>,
    next: AtomicU64,
}

impl ConsFs {
    pub fn new(cols: u16, rows: u16) -> ConsFs {
        ConsFs {
            state: Mutex::new(State {
                ready: VecDeque::new(),
                line: Vec::new(),
                raw: HashSet::new(),
                output: Vec::new(),
                size: (cols, rows),
                hungup: false,
            }),
            input_ready: Notify::new(),
            output_ready: Notify::new(),
            output_taken: Notify::new(),
            interrupt: Mutex::new(None),
            handles: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
        }
    }

    /// What ^C does in cooked mode (boot posts `interrupt` to the
    /// session's foreground note group).
    pub fn on_interrupt(&self, f: impl Fn() + Send + Sync + 'static) {
        *self.interrupt.lock() = Some(Box::new(f));
    }

    pub fn is_raw(&self) -> bool {
        !self.state.lock().raw.is_empty()
    }

    pub fn resize(&self, cols: u16, rows: u16) {
        self.state.lock().size = (cols, rows);
    }

    /// The host's input: keystrokes as bytes.
    pub fn input(&self, bytes: &[u8]) {
        let mut interrupted = false;
        {
            let mut st = self.state.lock();
            if st.raw.is_empty() {
                for &b in bytes {
                    interrupted |= cook(&mut st, b);
                }
            } else {
                st.ready.push_back(Record::Bytes(bytes.to_vec()));
            }
        }
        self.input_ready.notify_waiters();
        self.output_ready.notify_waiters();
        if interrupted && let Some(f) = self.interrupt.lock().as_ref() {
            f();
        }
    }

    /// The host's input has ended (or there is none, for a script):
    /// readers get end of file. Output still goes to whoever drains it.
    pub fn hangup(&self) {
        self.state.lock().hungup = true;
        self.input_ready.notify_waiters();
    }

    /// Everything written (and echoed) so far, without waiting.
    pub fn try_take_output(&self) -> Vec<u8> {
        let out = std::mem::take(&mut self.state.lock().output);
        self.output_taken.notify_waiters();
        out
    }

    /// Wait for output and take all of it.
    pub async fn take_output(&self) -> Vec<u8> {
        loop {
            let notified = self.output_ready.notified();
            let out = self.try_take_output();
            if !out.is_empty() {
                return out;
            }
            notified.await;
        }
    }

    fn emit(&self, data: &[u8]) {
        self.state.lock().output.extend_from_slice(data);
        self.output_ready.notify_waiters();
    }

    /// Take input for a reader: at most one line in cooked mode, whatever
    /// has arrived in raw mode.
    fn take_input(st: &mut State, count: usize) -> Option<Vec<u8>> {
        let raw = !st.raw.is_empty();
        let mut out = Vec::new();
        while out.len() < count {
            match st.ready.front_mut() {
                None => break,
                Some(Record::Eof) => {
                    if out.is_empty() {
                        st.ready.pop_front();
                        return Some(out);
                    }
                    break;
                }
                Some(Record::Bytes(b)) => {
                    let n = (count - out.len()).min(b.len());
                    out.extend(b.drain(..n));
                    if b.is_empty() {
                        st.ready.pop_front();
                    }
                    if !raw {
                        break;
                    }
                }
            }
        }
        if out.is_empty() {
            if st.hungup {
                return Some(out);
            }
            return None;
        }
        Some(out)
    }

    fn handle(&self, h: Handle) -> Result<Node> {
        self.handles
            .lock()
            .get(&h.0)
            .copied()
            .ok_or_else(|| Errno::EBADF.into())
    }

    fn control(&self, h: Handle, text: &str) -> Result<()> {
        let mut st = self.state.lock();
        for word in text.split_whitespace() {
            match word {
                "rawon" => {
                    st.raw.insert(h.0);
                }
                "rawoff" => {
                    st.raw.remove(&h.0);
                }
                _ => return Err(Error::with_detail(Errno::EINVAL, "unknown control message")),
            }
        }
        Ok(())
    }
}

/// Erase the last character of the line (UTF-8 aware); true if one went.
fn erase_char(line: &mut Vec<u8>) -> bool {
    let Some(mut i) = line.len().checked_sub(1) else {
        return false;
    };
    while i > 0 && line[i] & 0xc0 == 0x80 {
        i -= 1;
    }
    line.truncate(i);
    true
}

/// One byte of cooked input; true for an interrupt.
fn cook(st: &mut State, b: u8) -> bool {
    const ERASE: &[u8] = b"\x08 \x08";
    match b {
        b'\r' | b'\n' => {
            let mut line = std::mem::take(&mut st.line);
            line.push(b'\n');
            st.ready.push_back(Record::Bytes(line));
            st.output.push(b'\n');
        }
        0x04 => {
            if st.line.is_empty() {
                st.ready.push_back(Record::Eof);
            } else {
                let line = std::mem::take(&mut st.line);
                st.ready.push_back(Record::Bytes(line));
            }
        }
        0x08 | 0x7f => {
            if erase_char(&mut st.line) {
                st.output.extend_from_slice(ERASE);
            }
        }
        0x15 => {
            while erase_char(&mut st.line) {
                st.output.extend_from_slice(ERASE);
            }
        }
        0x17 => {
            while st.line.last() == Some(&b' ') && erase_char(&mut st.line) {
                st.output.extend_from_slice(ERASE);
            }
            while st.line.last().is_some_and(|&c| c != b' ') && erase_char(&mut st.line) {
                st.output.extend_from_slice(ERASE);
            }
        }
        0x03 => {
            st.line.clear();
            st.output.extend_from_slice(b"^C\n");
            return true;
        }
        _ => {
            st.line.push(b);
            st.output.push(b);
        }
    }
    false
}

#[async_trait]
impl Fileserver for ConsFs {
    fn name(&self) -> &str {
        "consfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<Opened> {
        flags.validate()?;
        let n = node(path)?;
        if flags.create && !matches!(n, Node::Data | Node::Ctl) {
            return Err(Errno::EPERM.into());
        }
        let kind = match n {
            Node::Root | Node::Dir => {
                if flags.writes() {
                    return Err(Errno::EISDIR.into());
                }
                NodeType::Dir
            }
            Node::Size if flags.writes() => return Err(Errno::EPERM.into()),
            Node::Data => NodeType::Device,
            _ => NodeType::File,
        };
        let h = self.next.fetch_add(1, Ordering::Relaxed);
        self.handles.lock().insert(h, n);
        let qpath = FILES
            .iter()
            .find(|f| f.1 == n)
            .map_or(u64::from(n == Node::Dir), |f| f.3);
        Ok(Opened {
            handle: Handle(h),
            qid: Qid {
                path: qpath,
                version: 0,
                kind,
            },
        })
    }

    async fn read(&self, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        match self.handle(h)? {
            Node::Root | Node::Dir => Err(Errno::EISDIR.into()),
            Node::Data => loop {
                let notified = self.input_ready.notified();
                if let Some(data) = Self::take_input(&mut self.state.lock(), count) {
                    return Ok(data);
                }
                notified.await;
            },
            n @ (Node::Size | Node::Ctl) => {
                let st = self.state.lock();
                let text = if n == Node::Size {
                    format!("{} {}\n", st.size.0, st.size.1)
                } else if st.raw.is_empty() {
                    "cooked\n".to_string()
                } else {
                    "raw\n".to_string()
                };
                let start = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
                let end = start.saturating_add(count).min(text.len());
                Ok(text.as_bytes()[start..end].to_vec())
            }
        }
    }

    async fn write(&self, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        match self.handle(h)? {
            Node::Data => {
                // Wait while the host is behind, then put the whole write
                // out at once.
                loop {
                    let taken = self.output_taken.notified();
                    if self.state.lock().output.len() < OUTPUT_LIMIT {
                        break;
                    }
                    taken.await;
                }
                self.emit(data);
                Ok(data.len())
            }
            Node::Ctl => {
                self.control(h, &String::from_utf8_lossy(data))?;
                Ok(data.len())
            }
            Node::Size => Err(Errno::EPERM.into()),
            Node::Root | Node::Dir => Err(Errno::EISDIR.into()),
        }
    }

    async fn close(&self, h: Handle) -> Result<()> {
        match self.handles.lock().remove(&h.0) {
            Some(_) => {
                // Raw mode lasts only while the ctl that asked for it is open.
                self.state.lock().raw.remove(&h.0);
                Ok(())
            }
            None => Err(Errno::EBADF.into()),
        }
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let n = node(path)?;
        let mut st = match n {
            Node::Root => Stat::new("/", NodeType::Dir, 0, 0),
            Node::Dir => Stat::new("cons", NodeType::Dir, 0, 0),
            _ => {
                let f = FILES.iter().find(|f| f.1 == n).ok_or(Errno::ENOENT)?;
                let kind = if n == Node::Data {
                    NodeType::Device
                } else {
                    NodeType::File
                };
                let mut st = Stat::new(f.0, kind, 0, 0);
                st.mode = Some(f.2);
                st.qid = f.3;
                st
            }
        };
        if matches!(n, Node::Root | Node::Dir) {
            st.mode = Some(0o555);
            st.qid = u64::from(n == Node::Dir);
        }
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match node(path)? {
            Node::Root => Ok(vec![DirEntry::new("cons", NodeType::Dir)]),
            Node::Dir => Ok(FILES
                .iter()
                .map(|f| {
                    let kind = if f.1 == Node::Data {
                        NodeType::Device
                    } else {
                        NodeType::File
                    };
                    DirEntry::new(f.0, kind)
                })
                .collect()),
            _ => Err(Errno::ENOTDIR.into()),
        }
    }
}
