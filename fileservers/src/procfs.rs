//! ProcFS, `#p` at `/proc`: the process table as files (Plan 9's proc(3)).
//!
//! ```text
//! /proc/self            the caller's own directory
//! /proc/N/args          argv as rc-quoted words (Plan 9)
//! /proc/N/argv          argv as a JSON array (the seed's form)
//! /proc/N/ctl           write: kill, interrupt, hangup, stop, start, startstop,
//!                       waitstop, hang, nohang, close N, closefiles
//! /proc/N/cwd           the current directory
//! /proc/N/env           the environment as a JSON object
//! /proc/N/fd            Plan 9's fd listing: the cwd, then one line per fd
//! /proc/N/fds           fd → {path, mode, offset} as JSON
//! /proc/N/limits        each limit: soft, hard, the use counted, whose use
//! /proc/N/note          write: post the note written
//! /proc/N/noteid        the note group; write a group's id to join it
//! /proc/N/notepg        write: post the note to N's note group but the writer
//! /proc/N/ns            the namespace as replayable bind/mount lines, then cd
//! /proc/N/ppid          the parent's pid
//! /proc/N/status        Plan 9's status line (name, user, state, times)
//! /proc/N/wait          a read blocks until N ends and answers its wait message
//! ```
//!
//! Nothing is stored: every read generates its text from the live process
//! table, so what a reader sees is never stale. Zombies keep their
//! directory until reaped; a process that is gone answers ENOENT. Writes
//! anywhere but `ctl`, `note`, `notepg` and `noteid` answer EPERM, and only
//! the process's own user (or uid 0) may write those.

use std::fmt::Write as _;
use std::sync::{Arc, Weak};

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Entry, Open, Opening, bad_ctl};
use kernel::fd;
use kernel::ns::quote;
use kernel::{Caller, DirEntry, Errno, Error, Kernel, NodeType, OpenFlags, Pid, Process, Result, Stat};

/// The files of a process directory, in listing order.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum File {
    Args,
    Argv,
    Ctl,
    Cwd,
    Env,
    Fd,
    Fds,
    Limits,
    Note,
    Noteid,
    Notepg,
    Ns,
    Ppid,
    Status,
    Wait,
}

const FILES: [(&str, File, u32); 15] = [
    ("args", File::Args, 0o444),
    ("argv", File::Argv, 0o444),
    ("ctl", File::Ctl, 0o200),
    ("cwd", File::Cwd, 0o444),
    ("env", File::Env, 0o444),
    ("fd", File::Fd, 0o444),
    ("fds", File::Fds, 0o444),
    ("limits", File::Limits, 0o444),
    ("note", File::Note, 0o200),
    ("noteid", File::Noteid, 0o664),
    ("notepg", File::Notepg, 0o200),
    ("ns", File::Ns, 0o444),
    ("ppid", File::Ppid, 0o444),
    ("status", File::Status, 0o444),
    ("wait", File::Wait, 0o400),
];

/// `wait` is a stream (a read blocks until a child ends), so it is a
/// device, as walkers that skip devices (`grep -r`, TM-RES-015) need; the
/// rest are files.
fn kind_of(f: File) -> NodeType {
    match f {
        File::Wait => NodeType::Device,
        _ => NodeType::File,
    }
}

/// The qid of `/proc/self` (pid directories start at 1 << 8).
const SELF_QID: u64 = 1;

/// What a path names.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Root,
    /// A process directory; `true` when reached as `self`.
    Dir(Pid, bool),
    File(Pid, File),
}

/// What an open keeps besides its node: for `wait` the process itself, so
/// a wait begun before the process is reaped still finishes; for `ctl` and
/// `note` who opened it, as Plan 9 checks writes against the opener.
#[derive(Default)]
pub enum State {
    #[default]
    Plain,
    Control(Caller),
    Wait(Arc<Process>),
}

pub struct Procs {
    kernel: Weak<Kernel>,
}

pub type ProcFs = DevServer<Procs>;

impl Procs {
    pub fn server(kernel: Weak<Kernel>) -> ProcFs {
        DevServer::new(Procs { kernel })
    }

    fn kernel(&self) -> Result<Arc<Kernel>> {
        self.kernel
            .upgrade()
            .ok_or_else(|| Error::with_detail(Errno::ENOENT, "the system is shut down"))
    }

    fn process(&self, pid: Pid) -> Result<Arc<Process>> {
        self.kernel()?.process(pid).ok_or_else(|| Errno::ENOENT.into())
    }

    /// Resolve a path, checking that the process exists.
    fn node(&self, who: &Caller, path: &str) -> Result<Node> {
        let mut parts = path.split('/').filter(|s| !s.is_empty());
        let Some(first) = parts.next() else {
            return Ok(Node::Root);
        };
        let (pid, is_self) = match first {
            "self" => (who.pid, true),
            n => (parse_pid(n).ok_or(Errno::ENOENT)?, false),
        };
        self.process(pid)?;
        let node = match parts.next() {
            None => Node::Dir(pid, is_self),
            Some(name) => {
                let file = FILES.iter().find(|f| f.0 == name).ok_or(Errno::ENOENT)?.1;
                Node::File(pid, file)
            }
        };
        if parts.next().is_some() {
            return Err(Errno::ENOTDIR.into());
        }
        Ok(node)
    }

    /// The text of a readable file, generated now.
    fn text(&self, p: &Process, file: File) -> Result<Vec<u8>> {
        let kernel = self.kernel()?;
        let s = match file {
            File::Args => {
                let words: Vec<String> = p.argv().iter().map(|a| quote(a)).collect();
                format!("{}\n", words.join(" "))
            }
            File::Argv => json(&serde_json::Value::from(p.argv().to_vec())),
            File::Cwd => format!("{}\n", p.cwd()),
            File::Env => {
                let map: serde_json::Map<String, serde_json::Value> =
                    p.env().into_iter().map(|(k, v)| (k, v.into())).collect();
                json(&serde_json::Value::Object(map))
            }
            File::Fd => fd_text(&kernel, p),
            File::Fds => fds_json(p),
            File::Limits => limits_text(&kernel, p),
            File::Ns => p.namespace().render(&p.cwd()),
            File::Noteid => format!("{}\n", p.noteid()),
            File::Ppid => format!("{}\n", p.ppid()),
            File::Status => status_line(p),
            File::Ctl | File::Note | File::Notepg | File::Wait => return Err(Errno::EPERM.into()),
        };
        Ok(s.into_bytes())
    }

    /// Act on a write to `ctl` or `note`.
    async fn control(&self, who: &Caller, pid: Pid, file: File, data: &[u8]) -> Result<()> {
        let p = self.process(pid)?;
        if who.uid != 0 && who.uid != p.uid {
            return Err(Errno::EPERM.into());
        }
        let text = String::from_utf8_lossy(data);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        if p.is_zombie() {
            return Err(Error::with_detail(Errno::ESRCH, "process exited"));
        }
        let kernel = self.kernel()?;
        match file {
            File::Note => return kernel.post_note(pid, text),
            File::Notepg => {
                // The note is checked as any note is, even if the group has
                // nobody else in it.
                if text.is_empty() || text.len() > kernel::proc::NOTE_MAX {
                    return Err(Error::with_detail(Errno::EINVAL, "bad note"));
                }
                kernel.post_note_group_except(p.noteid(), text, who.pid);
                return Ok(());
            }
            File::Noteid => {
                let id = parse_pid(text.trim()).ok_or_else(bad_ctl)?;
                return kernel.join_note_group(&p, id);
            }
            _ => {}
        }
        let mut words = text.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some(note @ ("kill" | "interrupt" | "hangup" | "stop")), None, _) => kernel.post_note(pid, note),
            (Some("start"), None, _) => kernel.resume(pid),
            (Some("waitstop"), None, _) => p.until_stopped().await,
            (Some("startstop"), None, _) => {
                kernel.resume(pid)?;
                p.until_stopped().await
            }
            (Some(hang @ ("hang" | "nohang")), None, _) => {
                p.set_hang(hang == "hang");
                Ok(())
            }
            (Some("close"), Some(n), None) => {
                let fd: fd::Fd = n.parse().map_err(|_| bad_ctl())?;
                let entry = p.fds().lock().remove(fd)?;
                fd::release(entry.file, who).await
            }
            (Some("closefiles"), None, _) => {
                let table = p.fds();
                let fds: Vec<fd::Fd> = table.lock().iter().map(|(fd, _)| fd).collect();
                for fd in fds {
                    let entry = table.lock().remove(fd);
                    if let Ok(e) = entry {
                        let _ = fd::release(e.file, who).await;
                    }
                }
                Ok(())
            }
            _ => Err(bad_ctl()),
        }
    }
}

/// A pid directory name: canonical decimal only.
fn parse_pid(s: &str) -> Option<Pid> {
    s.parse::<Pid>().ok().filter(|p| p.to_string() == s && *p > 0)
}

fn qid_of(node: Node) -> u64 {
    match node {
        Node::Root => 0,
        Node::Dir(_, true) => SELF_QID,
        Node::Dir(pid, false) => u64::from(pid) << 8,
        Node::File(pid, f) => {
            let i = FILES.iter().position(|x| x.1 == f).unwrap_or(0) as u64;
            (u64::from(pid) << 8) | (i + 1)
        }
    }
}

fn json(v: &serde_json::Value) -> String {
    format!("{v}\n")
}

/// The program's name: argv[0] without its directory.
fn prog_name(p: &Process) -> String {
    let argv = p.argv();
    let a0 = argv.first().map(String::as_str).unwrap_or("");
    a0.rsplit('/').next().unwrap_or(a0).to_string()
}

/// Plan 9's status: name, user and state in 28-, 28- and 12-byte fields,
/// then numbers as 11 digits and a blank each: user, system and real time
/// (ms), the same for children, memory (KB), base and current priority;
/// ninebox adds the pid and the parent's pid.
fn status_line(p: &Process) -> String {
    let mut s = String::new();
    field(&mut s, &prog_name(p), 28);
    field(&mut s, &p.user, 28);
    field(&mut s, p.state().name(), 12);
    let nums = [
        p.cpu_ms(),
        0,
        p.real_ms(),
        p.children_cpu_ns() / 1_000_000,
        0,
        0,
        p.mem() / 1024,
        10,
        10,
        u64::from(p.pid),
        u64::from(p.ppid()),
    ];
    for n in nums {
        let _ = write!(s, "{n:>11} ");
    }
    s.push('\n');
    s
}

/// Append `text` cut to `width - 1` bytes (at a character boundary) and
/// padded with blanks to `width` bytes, so fields sit at fixed byte offsets.
fn field(out: &mut String, text: &str, width: usize) {
    let mut end = text.len().min(width - 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    out.push_str(&text[..end]);
    out.extend(std::iter::repeat_n(' ', width - end));
}

/// `/proc/N/limits`: the process's limits and what it uses of them.
fn limits_text(kernel: &Kernel, p: &Process) -> String {
    kernel::limits::table(&p.proc_limits(), |i| match i.name {
        "procs" => Some(kernel.processes().len() as u64),
        "fds" => Some(p.fds().lock().len() as u64),
        "cpu" => Some(p.cpu_ms()),
        "mem" => Some(p.mem()),
        "fs-total" => Some(kernel.fs_space.used()),
        _ => None,
    })
}

fn mode_letters(flags: &OpenFlags) -> &'static str {
    match (flags.read, flags.write) {
        (true, true) => "rw",
        (false, true) => "w",
        _ => "r",
    }
}

/// Plan 9's `/proc/N/fd`: the cwd, then per fd its number, mode, device
/// letter and number, qid (path, version, type), iounit, offset and name.
fn fd_text(kernel: &Kernel, p: &Process) -> String {
    let mut s = format!("{}\n", p.cwd());
    let table = p.fds();
    let files: Vec<(fd::Fd, Arc<kernel::OpenFile>)> = table.lock().iter().map(|(fd, e)| (fd, e.file.clone())).collect();
    for (n, f) in files {
        // A device made per open (a pipe, `#|`) is not in the device
        // table; the name it was opened by still says which it is.
        let dev = kernel
            .devices
            .letter_of(&f.chan.server)
            .or_else(|| f.name.strip_prefix('#').and_then(|n| n.chars().next()))
            .unwrap_or('M');
        let qtype = if f.qid.kind == NodeType::Dir { 0x80 } else { 0 };
        let _ = writeln!(
            s,
            "{n:3} {:<2} {dev} {:4} ({:016x} {} {qtype:02x}) {:5} {:8} {}",
            mode_letters(&f.flags),
            0,
            f.qid.path,
            f.qid.version,
            0,
            f.offset(),
            f.name
        );
    }
    s
}

fn fds_json(p: &Process) -> String {
    let table = p.fds();
    let mut map = serde_json::Map::new();
    for (n, e) in table.lock().iter() {
        let f = &e.file;
        map.insert(
            n.to_string(),
            serde_json::json!({"path": f.name, "mode": mode_letters(&f.flags), "offset": f.offset()}),
        );
    }
    json(&serde_json::Value::Object(map))
}

/// Plan 9's await text: `pid utime stime rtime 'msg'`.
fn wait_text(p: &Process, status: &kernel::Status) -> String {
    let msg = status.wait_msg(&prog_name(p), p.pid);
    format!("{} {} {} {} {}", p.pid, p.cpu_ms(), 0, p.real_ms(), quote(&msg))
}

#[async_trait]
impl Device for Procs {
    type Key = Node;
    type State = State;

    fn name(&self) -> &str {
        "procfs"
    }

    fn lookup(&self, who: &Caller, path: &str) -> Result<Entry<Node>> {
        let node = self.node(who, path)?;
        let mut st = match node {
            Node::Root => {
                let mut st = Stat::new("/", NodeType::Dir, 0, 0);
                st.mode = Some(0o555);
                st
            }
            Node::Dir(pid, is_self) => {
                let p = self.process(pid)?;
                let name = if is_self { "self".to_string() } else { pid.to_string() };
                let mut st = Stat::new(name, NodeType::Dir, 0, p.start_ms);
                st.mode = Some(0o555);
                st.uid = Some(p.uid);
                st.gid = Some(p.gid);
                st
            }
            Node::File(pid, f) => {
                let p = self.process(pid)?;
                let (name, _, mode) = FILES.iter().find(|x| x.1 == f).copied().ok_or(Errno::ENOENT)?;
                let mut st = Stat::new(name, kind_of(f), 0, p.start_ms);
                st.mode = Some(mode);
                st.uid = Some(p.uid);
                st.gid = Some(p.gid);
                st
            }
        };
        st.qid = qid_of(node);
        Ok(Entry { key: node, stat: st })
    }

    fn list(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match self.node(who, path)? {
            Node::Root => {
                let mut v = vec![DirEntry::new("self", NodeType::Dir)];
                let pids = self.kernel()?.pids();
                v.extend(pids.into_iter().map(|p| DirEntry::new(p.to_string(), NodeType::Dir)));
                Ok(v)
            }
            Node::Dir(..) => Ok(FILES.iter().map(|f| DirEntry::new(f.0, kind_of(f.1))).collect()),
            Node::File(..) => Err(Errno::ENOTDIR.into()),
        }
    }

    async fn open(&self, who: &Caller, entry: &Entry<Node>, flags: OpenFlags) -> Result<Opening<State>> {
        Ok(Opening::New(match entry.key {
            Node::File(_, File::Noteid) if !flags.write => State::Plain,
            Node::File(pid, File::Ctl | File::Note | File::Notepg | File::Noteid) => {
                let p = self.process(pid)?;
                if who.uid != 0 && who.uid != p.uid {
                    return Err(Errno::EPERM.into());
                }
                State::Control(*who)
            }
            Node::File(pid, File::Wait) => State::Wait(self.process(pid)?),
            _ => State::Plain,
        }))
    }

    fn render(&self, _who: &Caller, open: &Open<Node, State>) -> Result<Vec<u8>> {
        match open.key {
            Node::File(pid, f) => self.text(&*self.process(pid)?, f),
            _ => Err(Errno::EISDIR.into()),
        }
    }

    async fn read(&self, who: &Caller, open: &Open<Node, State>, offset: u64, count: usize) -> Result<Vec<u8>> {
        let State::Wait(p) = &open.state else {
            return kernel::dev::render_read(self, who, open, offset, count);
        };
        // The message is read once, at offset 0; a wait can be interrupted
        // like any blocking read.
        if offset > 0 {
            return Ok(Vec::new());
        }
        let status = p.exited().await;
        Ok(wait_text(p, &status).into_bytes())
    }

    async fn write(&self, _who: &Caller, open: &Open<Node, State>, _offset: u64, data: &[u8]) -> Result<usize> {
        match (&open.state, open.key) {
            (State::Control(opener), Node::File(pid, file)) => {
                self.control(opener, pid, file, data).await?;
                Ok(data.len())
            }
            _ => Err(Errno::EPERM.into()),
        }
    }
}
