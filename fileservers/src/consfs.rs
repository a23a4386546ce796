//! ConsFS, `#c` bound after DevFS on `/dev`: the console, `/dev/cons/`
//! with `data`, `ctl` and `size` (the seed's layout of Plan 9's cons(3)),
//! and beside it Plan 9's `#c` files:
//!
//! | file      | read                                                    |
//! |-----------|---------------------------------------------------------|
//! | `consctl` | write-only, as Plan 9's: `rawon`/`rawoff`, as `cons/ctl` (which reads back `cooked` or `raw`) |
//! | `pid`     | the reader's pid, 11 digits and a blank (Plan 9's form) |
//! | `ppid`    | its parent's pid, the same way                          |
//! | `user`    | the reader's user name                                  |
//! | `sysname` | the system's name                                       |
//! | `cputime` | the reader's times: user, system, real, and its reaped children's, ms, 11 digits and a blank each |
//! | `time`    | seconds, nanoseconds, ticks and ticks per second since the epoch, fixed width |
//!
//! The per-process files answer for whoever reads them (every protocol
//! call carries its caller), rendered once per open.
//!
//! ConsFS owns the line discipline, as 9front's kbdfs does, so it behaves
//! the same whatever is at the other end (a host terminal, a test, later a
//! remote client). The host side calls [`Console::input`] with keystrokes
//! and drains [`Console::take_output`] to the screen.
//!
//! * Cooked mode (the default): input is echoed and edited: backspace or
//!   DEL erase a character, ^U the line, ^W a word; a line is released to
//!   readers at newline; ^D at the start of a line makes one read return 0
//!   (end of file), elsewhere it releases the line without a newline; ^C
//!   discards the line and interrupts the foreground note group, ^Z
//!   discards it and posts `tstp` to that group (which stops the processes
//!   that do not catch notes: job control). A read returns at most one
//!   line.
//! * Raw mode: writing `rawon` to `ctl` (or `consctl`) gives raw mode for as
//!   long as that file stays open (or until `rawoff`): no echo, no editing,
//!   every byte delivered at once, ^C, ^Z and ^D included.
//! * `size` reads `cols rows\n` and follows [`Console::resize`].
//!
//! One write's bytes reach the screen together, never split by another
//! writer's; a reader blocked on input is woken by a note like any blocking
//! read (the wait is cancel-safe: nothing is taken until it is returned).

use std::collections::{HashSet, VecDeque};
use std::fmt::Write as _;
use std::sync::{Arc, Weak};

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Dirent, Dirtab, Entry, Open};
use kernel::{Caller, Clock, DirEntry, Errno, Error, Handle, Kernel, Result};
use parking_lot::Mutex;
use tokio::sync::Notify;

/// Output not yet taken by the host beyond which writers wait.
const OUTPUT_LIMIT: usize = 256 * 1024;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Root,
    Dir,
    Data,
    Ctl,
    Size,
    Consctl,
    Cputime,
    Pid,
    Ppid,
    Sysname,
    Time,
    User,
}

const TABLE: Dirtab<Node> = Dirtab(&[
    Dirent::dir("/", Node::Root),
    Dirent::dir("/cons", Node::Dir),
    Dirent::file("/cons/ctl", 0o660, Node::Ctl),
    Dirent::stream("/cons/data", 0o666, Node::Data),
    Dirent::file("/cons/size", 0o444, Node::Size),
    Dirent::file("/consctl", 0o220, Node::Consctl),
    Dirent::file("/cputime", 0o444, Node::Cputime),
    Dirent::file("/pid", 0o444, Node::Pid),
    Dirent::file("/ppid", 0o444, Node::Ppid),
    Dirent::file("/sysname", 0o444, Node::Sysname),
    Dirent::file("/time", 0o444, Node::Time),
    Dirent::file("/user", 0o444, Node::User),
]);

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

type Interrupt = Box<dyn Fn(&'static str) + Send + Sync>;

pub struct Console {
    state: Mutex<State>,
    /// Input was released (or the console hung up).
    input_ready: Notify,
    /// Output is waiting for the host.
    output_ready: Notify,
    /// The host took output: blocked writers may go on.
    output_taken: Notify,
    interrupt: Mutex<Option<Interrupt>>,
    clock: Arc<Clock>,
    kernel: Weak<Kernel>,
}

/// The console as a fileserver.
pub type ConsFs = DevServer<Console>;

impl Console {
    /// The console of the system `kernel` (the per-process files answer
    /// for its processes), `cols` by `rows`.
    pub fn server(cols: u16, rows: u16, clock: Arc<Clock>, kernel: Weak<Kernel>) -> ConsFs {
        DevServer::new(Console::new(cols, rows, clock, kernel))
    }

    fn new(cols: u16, rows: u16, clock: Arc<Clock>, kernel: Weak<Kernel>) -> Console {
        Console {
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
            clock,
            kernel,
        }
    }

    /// What ^C and ^Z do in cooked mode: `f` gets the note, `interrupt`
    /// or `tstp` (boot posts it to the session's foreground note group).
    pub fn on_interrupt(&self, f: impl Fn(&'static str) + Send + Sync + 'static) {
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
        let mut notes = Vec::new();
        {
            let mut st = self.state.lock();
            if st.raw.is_empty() {
                for &b in bytes {
                    notes.extend(cook(&mut st, b));
                }
            } else {
                st.ready.push_back(Record::Bytes(bytes.to_vec()));
            }
        }
        self.input_ready.notify_waiters();
        self.output_ready.notify_waiters();
        if let Some(f) = self.interrupt.lock().as_ref() {
            for note in notes {
                f(note);
            }
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

    /// A message written to `cons/ctl` or `consctl` through handle `h`.
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

/// One byte of cooked input; the note it posts, if any.
fn cook(st: &mut State, b: u8) -> Option<&'static str> {
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
            return Some("interrupt");
        }
        0x1a => {
            st.line.clear();
            st.output.extend_from_slice(b"^Z\n");
            return Some("tstp");
        }
        _ => {
            st.line.push(b);
            st.output.push(b);
        }
    }
    None
}

/// Plan 9's fixed-width number: 11 digits right-justified and a blank.
fn number(out: &mut String, n: u64) {
    let _ = write!(out, "{n:>11} ");
}

#[async_trait]
impl Device for Console {
    type Key = Node;
    type State = ();

    fn name(&self) -> &str {
        "consfs"
    }

    fn lookup(&self, _who: &Caller, path: &str) -> Result<Entry<Node>> {
        TABLE.lookup(path, 0)
    }

    fn list(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        TABLE.list(path)
    }

    fn render(&self, who: &Caller, open: &Open<Node, ()>) -> Result<Vec<u8>> {
        let mut s = String::new();
        match open.key {
            Node::Size => {
                let (cols, rows) = self.state.lock().size;
                let _ = writeln!(s, "{cols} {rows}");
            }
            Node::Ctl => s.push_str(if self.is_raw() { "raw\n" } else { "cooked\n" }),
            Node::Time => {
                let ns = self.clock.now_ns();
                let ticks = self.clock.uptime().as_millis();
                let _ = write!(s, "{:>11} {:>21} {:>21} {:>21} ", ns / 1_000_000_000, ns, ticks, 1000);
            }
            Node::Sysname => {
                let k = self.kernel.upgrade().ok_or(Errno::ENOENT)?;
                s.push_str(&k.sysname);
            }
            Node::Pid | Node::Ppid | Node::User | Node::Cputime => {
                let k = self.kernel.upgrade().ok_or(Errno::ENOENT)?;
                let p = k.process(who.pid).ok_or(Errno::ESRCH)?;
                match open.key {
                    Node::Pid => number(&mut s, u64::from(p.pid)),
                    Node::Ppid => number(&mut s, u64::from(p.ppid())),
                    Node::User => s.push_str(&p.user),
                    _ => {
                        let child = p.children_cpu_ns() / 1_000_000;
                        for n in [p.cpu_ms(), 0, p.real_ms(), child, 0, 0] {
                            number(&mut s, n);
                        }
                    }
                }
            }
            Node::Root | Node::Dir | Node::Data => return Err(Errno::EISDIR.into()),
            // Write-only; opening it for reading is refused before this.
            Node::Consctl => return Err(Errno::EPERM.into()),
        }
        Ok(s.into_bytes())
    }

    async fn read(&self, who: &Caller, open: &Open<Node, ()>, offset: u64, count: usize) -> Result<Vec<u8>> {
        if open.key != Node::Data {
            return kernel::dev::render_read(self, who, open, offset, count);
        }
        loop {
            let notified = self.input_ready.notified();
            if let Some(data) = Self::take_input(&mut self.state.lock(), count) {
                return Ok(data);
            }
            notified.await;
        }
    }

    async fn write(&self, _who: &Caller, open: &Open<Node, ()>, _offset: u64, data: &[u8]) -> Result<usize> {
        match open.key {
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
            Node::Ctl | Node::Consctl => {
                self.control(open.handle, &String::from_utf8_lossy(data))?;
                Ok(data.len())
            }
            _ => Err(Errno::EPERM.into()),
        }
    }

    /// Raw mode lasts only while the ctl that asked for it is open.
    async fn close(&self, _who: &Caller, open: &Open<Node, ()>) {
        self.state.lock().raw.remove(&open.handle.0);
    }
}
