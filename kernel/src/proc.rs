//! The process record: identity, state, notes, and what the kernel keeps
//! after exit.
//!
//! A process is a tokio task running a program (see `kernel.rs` for its
//! life). Its namespace, environment and fd table are *groups*: shared with
//! other processes or private copies, chosen rfork-style at spawn.
//!
//! Notes (Plan 9's signals) are strings. `kill` ends the process at once.
//! What another note does to a process that does not catch notes is its
//! [`NoteAction`]: most end it, with the note as its reason and a 128+n
//! status; `stop` and `tstp` stop it, `cont` continues it, `chld`, `urg` and
//! `winch` are ignored (the Unix default actions). A process that catches
//! notes finds them queued, and a syscall it is blocked in fails with
//! `EINTR`; `stop` cannot be caught, and `cont` continues a catching
//! process too.
//!
//! A stopped process runs none of its program until it is continued: the
//! kernel stops polling its task (see `Accounted` in `kernel.rs`), so the
//! stop takes effect at the program's next await. Notes that would end it
//! wait until it is continued, except `kill`.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU32, AtomicU64, Ordering};
use std::task::{Context, Waker};
use std::time::Instant;

use parking_lot::Mutex;
use tokio::sync::{Notify, watch};

use crate::error::{Errno, Error, Result};
use crate::fd::FdTable;
use crate::limits::{GroupCount, Limits, ProcLimits};
use crate::ns::Namespace;
use crate::program::Start;
use crate::proto::Caller;

pub type Pid = u32;

/// Who a process runs as: the numbers for permission checks, and the name
/// that listings show (Plan 9 processes carry their user's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    pub user: Arc<str>,
}

impl Identity {
    pub fn new(uid: u32, gid: u32, user: &str) -> Identity {
        Identity {
            uid,
            gid,
            user: user.into(),
        }
    }
}

/// A process's environment: sorted, so listings are stable.
pub type Env = BTreeMap<String, String>;

/// Notes longer than this are refused (Plan 9's ERRMAX - 1).
pub const NOTE_MAX: usize = 127;
/// Pending notes beyond this many are dropped, as Plan 9 drops past NNOTE.
pub const NOTES_PENDING_MAX: usize = 32;

/// What a process is doing, as `/proc/N/status` and `ps` show it. While a
/// process is blocked in a syscall the state names the call (`Pread`).
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ProcState {
    Running = 0,
    Pread,
    Pwrite,
    Open,
    Await,
    Sleep,
    Zombie,
    /// Ended by a `sys:` note (a fault), until reaped.
    Broken,
    /// Stopped by `stop`, `tstp` or a `stop` ctl message, until continued.
    Stopped,
}

impl ProcState {
    pub fn name(self) -> &'static str {
        match self {
            ProcState::Running => "Running",
            ProcState::Pread => "Pread",
            ProcState::Pwrite => "Pwrite",
            ProcState::Open => "Open",
            ProcState::Await => "Await",
            ProcState::Sleep => "Sleep",
            ProcState::Zombie => "Zombie",
            ProcState::Broken => "Broken",
            ProcState::Stopped => "Stopped",
        }
    }

    fn from_u8(v: u8) -> ProcState {
        match v {
            1 => ProcState::Pread,
            2 => ProcState::Pwrite,
            3 => ProcState::Open,
            4 => ProcState::Await,
            5 => ProcState::Sleep,
            6 => ProcState::Zombie,
            7 => ProcState::Broken,
            8 => ProcState::Stopped,
            _ => ProcState::Running,
        }
    }
}

/// How a process ended: a numeric status as a shell sees it, and for an
/// abnormal end the reason (`killed`, the note text, `panic: ...`), as
/// Plan 9 keeps an exit string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub code: i32,
    pub reason: Option<String>,
}

impl Status {
    pub fn exited(code: i32) -> Status {
        Status { code, reason: None }
    }

    /// The status of a process ended by `note`.
    pub fn noted(note: &str) -> Status {
        Status {
            code: 128 + note_number(note),
            reason: Some(note.to_string()),
        }
    }

    pub fn success(&self) -> bool {
        self.code == 0
    }

    /// Plan 9's wait message text: empty for success, otherwise
    /// `prog pid: reason`.
    pub fn wait_msg(&self, prog: &str, pid: Pid) -> String {
        match (&self.reason, self.code) {
            (None, 0) => String::new(),
            (None, code) => format!("{prog} {pid}: exit {code}"),
            (Some(r), _) => format!("{prog} {pid}: {r}"),
        }
    }
}

/// The Unix signals and the notes that stand for them: (number, name,
/// note). Shells map `kill -INT` and `trap ... INT` through this table, and
/// a process ended by a note gets status 128 + the number.
pub const SIGNALS: &[(i32, &str, &str)] = &[
    (1, "HUP", "hangup"),
    (2, "INT", "interrupt"),
    (3, "QUIT", "quit"),
    (4, "ILL", "sys: illegal instruction"),
    (5, "TRAP", "sys: trap"),
    (6, "ABRT", "abort"),
    (7, "BUS", "sys: bus error"),
    (8, "FPE", "sys: fp exception"),
    (9, "KILL", "kill"),
    (10, "USR1", "usr1"),
    (11, "SEGV", "sys: segmentation violation"),
    (12, "USR2", "usr2"),
    (13, "PIPE", "sys: write on closed pipe"),
    (14, "ALRM", "alarm"),
    (15, "TERM", "term"),
    (16, "STKFLT", "stkflt"),
    (17, "CHLD", "chld"),
    (18, "CONT", "cont"),
    (19, "STOP", "stop"),
    (20, "TSTP", "tstp"),
    (21, "TTIN", "ttin"),
    (22, "TTOU", "ttou"),
    (23, "URG", "urg"),
    (24, "XCPU", "xcpu"),
    (25, "XFSZ", "xfsz"),
    (26, "VTALRM", "vtalrm"),
    (27, "PROF", "prof"),
    (28, "WINCH", "winch"),
    (29, "IO", "io"),
    (30, "PWR", "pwr"),
    (31, "SYS", "sys: bad system call"),
];

/// What a note does to a process that does not catch notes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum NoteAction {
    /// End the process (most notes).
    End,
    /// Nothing (`chld`, `urg`, `winch`).
    Ignore,
    /// Stop it (`stop`, `tstp`, `ttin`, `ttou`); `stop` cannot be caught.
    Stop,
    /// Continue it if stopped (`cont`), caught or not.
    Continue,
}

/// The default action of a note, as Unix has one per signal.
pub fn note_action(note: &str) -> NoteAction {
    match note {
        "stop" | "tstp" | "ttin" | "ttou" => NoteAction::Stop,
        "cont" => NoteAction::Continue,
        "chld" | "urg" | "winch" => NoteAction::Ignore,
        _ => NoteAction::End,
    }
}

/// A change of a child that a parent's wait reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// It ended (and is reaped).
    Exited(Status),
    /// It stopped, by this note (`stop`, `tstp`, ...).
    Stopped(String),
    /// It was continued.
    Continued,
}

/// Which changes besides an end a wait reports (Unix's `WUNTRACED` and
/// `WCONTINUED`).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct WaitFor {
    pub stopped: bool,
    pub continued: bool,
}

impl WaitFor {
    /// Ends and stops: what a job-control shell waits for.
    pub const STOPPED: WaitFor = WaitFor {
        stopped: true,
        continued: false,
    };
}

/// The Unix signal number that stands for a note, for 128+n statuses.
/// A note that adds detail after a colon (`sys: trap: out of bounds
/// memory access`) counts as the note it details (`sys: trap`, 5). Notes
/// without a Unix counterpart count as a termination request (15).
pub fn note_number(note: &str) -> i32 {
    SIGNALS
        .iter()
        .find(|(_, _, n)| note == *n || note.strip_prefix(n).is_some_and(|rest| rest.starts_with(": ")))
        .map(|(num, _, _)| *num)
        .unwrap_or(15)
}

/// A request to the task running the process, acted on at its next await.
#[derive(Debug)]
pub(crate) enum Control {
    Exit(i32),
    Exec(Start, Vec<String>),
    /// End by a note the process does not catch (`kill` included).
    Note(String),
    /// End with this status, telling the process's stderr why (a limit it
    /// reached).
    End(Status, String),
}

impl Control {
    /// Requests that end the process whatever else was asked.
    fn ends(&self) -> bool {
        matches!(self, Control::Note(_) | Control::End(..))
    }
}

struct Notes {
    pending: VecDeque<String>,
    catching: bool,
}

/// Stop and continue, and the change not yet reported to the parent.
#[derive(Default)]
struct Job {
    /// The task to wake when continued.
    waker: Option<Waker>,
    report: Option<Change>,
}

/// What a process shares with others: chosen at spawn and by rfork.
pub(crate) struct Groups {
    pub argv: Arc<[String]>,
    pub cwd: Arc<str>,
    pub umask: u32,
    pub ns: Arc<Mutex<Arc<Namespace>>>,
    pub env: Arc<Mutex<Env>>,
    pub fds: Arc<Mutex<FdTable>>,
}

/// A process table entry.
pub struct Process {
    pub pid: Pid,
    ppid: AtomicU32,
    noteid: AtomicU32,
    pub uid: u32,
    pub gid: u32,
    /// The user's name, for listings.
    pub user: Arc<str>,
    state: AtomicU8,
    /// Clock time (ms since the epoch) when the process started.
    pub start_ms: u64,
    started: Instant,
    cpu_ns: AtomicU64,
    /// CPU time of reaped children and their reaped descendants (Unix's
    /// `cutime`), for `time` and `times`.
    children_cpu_ns: AtomicU64,
    ticks: AtomicU32,
    pub(crate) groups: Mutex<Groups>,
    notes: Mutex<Notes>,
    /// Mirrors `notes.catching` and "some note is pending", so the syscall
    /// path can check both without taking the lock.
    catching: AtomicBool,
    noted: AtomicBool,
    /// Woken when a note is queued, to interrupt a blocked syscall.
    pub(crate) note_signal: Notify,
    control: Mutex<Option<Control>>,
    pub(crate) control_signal: Notify,
    pub(crate) children: Mutex<Vec<Pid>>,
    /// Woken when a child ends, stops or is continued.
    pub(crate) child_change: Notify,
    exit: watch::Sender<Option<Status>>,
    /// Mirrors "stopped", read on every poll of the task.
    stopped: AtomicBool,
    job: Mutex<Job>,
    /// Woken when the process stops, continues or ends (`waitstop`).
    pub(crate) changed: Notify,
    /// Stop after the next exec (the `hang` ctl message); inherited.
    hang: AtomicBool,
    /// Ended by a `sys:` note: shown as Broken until reaped.
    broken: AtomicBool,
    limits: Mutex<ProcLimits>,
    /// The soft CPU limit in nanoseconds, read on every poll.
    cpu_limit_ns: AtomicU64,
    /// The live processes of this process's note group.
    group: Mutex<Arc<GroupCount>>,
    /// Bytes of counted memory held (see [`Limits::max_mem`]).
    mem: AtomicU64,
}

impl Process {
    pub(crate) fn new(
        pid: Pid,
        ppid: Pid,
        (noteid, group): (Pid, Arc<GroupCount>),
        id: Identity,
        start_ms: u64,
        groups: Groups,
        limits: ProcLimits,
    ) -> Process {
        Process {
            cpu_limit_ns: AtomicU64::new(cpu_ns_limit(&limits.soft)),
            limits: Mutex::new(limits),
            group: Mutex::new(group),
            mem: AtomicU64::new(0),
            pid,
            ppid: AtomicU32::new(ppid),
            noteid: AtomicU32::new(noteid),
            uid: id.uid,
            gid: id.gid,
            user: id.user,
            state: AtomicU8::new(ProcState::Running as u8),
            start_ms,
            started: Instant::now(),
            cpu_ns: AtomicU64::new(0),
            children_cpu_ns: AtomicU64::new(0),
            ticks: AtomicU32::new(0),
            groups: Mutex::new(groups),
            notes: Mutex::new(Notes {
                pending: VecDeque::new(),
                catching: false,
            }),
            catching: AtomicBool::new(false),
            noted: AtomicBool::new(false),
            note_signal: Notify::new(),
            control: Mutex::new(None),
            control_signal: Notify::new(),
            children: Mutex::new(Vec::new()),
            child_change: Notify::new(),
            exit: watch::channel(None).0,
            stopped: AtomicBool::new(false),
            job: Mutex::new(Job::default()),
            changed: Notify::new(),
            hang: AtomicBool::new(false),
            broken: AtomicBool::new(false),
        }
    }

    pub fn identity(&self) -> Identity {
        Identity {
            uid: self.uid,
            gid: self.gid,
            user: self.user.clone(),
        }
    }

    /// The process as servers see it.
    pub fn caller(&self) -> Caller {
        Caller {
            pid: self.pid,
            uid: self.uid,
            gid: self.gid,
        }
    }

    pub fn ppid(&self) -> Pid {
        self.ppid.load(Ordering::Relaxed)
    }

    pub(crate) fn set_ppid(&self, ppid: Pid) {
        self.ppid.store(ppid, Ordering::Relaxed)
    }

    /// The note group: processes that receive a console interrupt together.
    pub fn noteid(&self) -> Pid {
        self.noteid.load(Ordering::Relaxed)
    }

    pub(crate) fn set_noteid(&self, id: Pid) {
        self.noteid.store(id, Ordering::Relaxed)
    }

    /// The live-process count of the note group.
    pub(crate) fn group(&self) -> Arc<GroupCount> {
        self.group.lock().clone()
    }

    /// Move to a new note group of its own (rfork s).
    pub(crate) fn new_group(&self, id: Pid) {
        let fresh = Arc::new(GroupCount::default());
        fresh.enter();
        self.switch_group(id, fresh);
    }

    /// Move to the existing note group `id`, counted by `count`, within
    /// this process's `group-procs` limit.
    pub(crate) fn join_group(&self, id: Pid, count: Arc<GroupCount>) -> Result<()> {
        let l = self.limits();
        if !count.join(l.max_group_procs) {
            return Err(l.error(Errno::EAGAIN, "group-procs"));
        }
        self.switch_group(id, count);
        Ok(())
    }

    fn switch_group(&self, id: Pid, count: Arc<GroupCount>) {
        let old = std::mem::replace(&mut *self.group.lock(), count);
        old.leave();
        self.set_noteid(id);
    }

    // ---- limits ----

    /// The soft limits in force.
    pub fn limits(&self) -> Arc<Limits> {
        self.limits.lock().soft.clone()
    }

    /// The soft and hard limits.
    pub fn proc_limits(&self) -> ProcLimits {
        self.limits.lock().clone()
    }

    /// Read one soft limit without taking a reference.
    pub fn limit<T>(&self, f: impl FnOnce(&Limits) -> T) -> T {
        f(&self.limits.lock().soft)
    }

    /// Change the limits as `ulimit` does (see [`ProcLimits::change`]).
    pub(crate) fn change_limits(&self, soft: Option<&Limits>, hard: Option<&Limits>) -> Result<()> {
        let mut l = self.limits.lock();
        l.change(soft, hard)?;
        self.cpu_limit_ns.store(cpu_ns_limit(&l.soft), Ordering::Relaxed);
        Ok(())
    }

    /// True once the process has used more CPU than its soft limit.
    pub(crate) fn over_cpu(&self) -> bool {
        self.cpu_ns.load(Ordering::Relaxed) > self.cpu_limit_ns.load(Ordering::Relaxed)
    }

    /// Bytes of counted memory held.
    pub fn mem(&self) -> u64 {
        self.mem.load(Ordering::Relaxed)
    }

    pub(crate) fn mem_counter(&self) -> &AtomicU64 {
        &self.mem
    }

    pub fn state(&self) -> ProcState {
        let s = ProcState::from_u8(self.state.load(Ordering::Relaxed));
        if s != ProcState::Zombie && s != ProcState::Broken && self.is_stopped() {
            return ProcState::Stopped;
        }
        s
    }

    pub(crate) fn set_state(&self, s: ProcState) {
        self.state.store(s as u8, Ordering::Relaxed)
    }

    pub fn argv(&self) -> Arc<[String]> {
        self.groups.lock().argv.clone()
    }

    pub fn cwd(&self) -> Arc<str> {
        self.groups.lock().cwd.clone()
    }

    pub fn umask(&self) -> u32 {
        self.groups.lock().umask
    }

    /// A snapshot of the namespace (cheap: the namespace is copy-on-write).
    pub fn namespace(&self) -> Arc<Namespace> {
        let g = self.groups.lock().ns.clone();
        g.lock().clone()
    }

    pub fn env(&self) -> Env {
        let g = self.groups.lock().env.clone();
        g.lock().clone()
    }

    /// The environment group itself (possibly shared with other
    /// processes), for the env device to change.
    pub fn env_group(&self) -> Arc<Mutex<Env>> {
        self.groups.lock().env.clone()
    }

    /// The fd table (possibly shared with other processes).
    pub fn fds(&self) -> Arc<Mutex<FdTable>> {
        self.groups.lock().fds.clone()
    }

    /// Milliseconds the process's program has spent running.
    pub fn cpu_ms(&self) -> u64 {
        self.cpu_ns.load(Ordering::Relaxed) / 1_000_000
    }

    /// Nanoseconds the process's program has spent running.
    pub fn cpu_ns(&self) -> u64 {
        self.cpu_ns.load(Ordering::Relaxed)
    }

    /// Nanoseconds its reaped children (and theirs) spent running.
    pub fn children_cpu_ns(&self) -> u64 {
        self.children_cpu_ns.load(Ordering::Relaxed)
    }

    pub(crate) fn add_cpu(&self, ns: u64) {
        self.cpu_ns.fetch_add(ns, Ordering::Relaxed);
    }

    /// Charge a reaped child's time to its parent, as wait does on Unix.
    pub(crate) fn add_child_cpu(&self, child: &Process) {
        let ns = child.cpu_ns() + child.children_cpu_ns();
        self.children_cpu_ns.fetch_add(ns, Ordering::Relaxed);
    }

    /// Count a checkpoint; true every 256th, when a busy program should
    /// let others run.
    pub(crate) fn tick(&self) -> bool {
        self.ticks.fetch_add(1, Ordering::Relaxed) % 256 == 255
    }

    /// Milliseconds since the process started.
    pub fn real_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// The exit status, once the process has ended.
    pub fn status(&self) -> Option<Status> {
        self.exit.borrow().clone()
    }

    pub fn is_zombie(&self) -> bool {
        self.exit.borrow().is_some()
    }

    /// Wait until the process has ended (any task may wait; nothing is
    /// reaped).
    pub async fn exited(&self) -> Status {
        let mut rx = self.exit.subscribe();
        let guard = rx.wait_for(|s| s.is_some()).await;
        match guard {
            Ok(s) => s.clone().expect("waited for Some"),
            // The sender lives in `self`, so it cannot be gone while we
            // borrow `self`.
            Err(_) => Status::exited(0),
        }
    }

    pub(crate) fn set_exited(&self, status: Status) {
        let broken = self.broken.load(Ordering::Relaxed);
        self.set_state(if broken { ProcState::Broken } else { ProcState::Zombie });
        self.exit.send_replace(Some(status));
        self.changed.notify_waiters();
    }

    pub(crate) fn set_broken(&self) {
        self.broken.store(true, Ordering::Relaxed);
    }

    // ---- stop and continue ----

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    /// Stop the process because of `note`; false if it already was.
    pub(crate) fn set_stopped(&self, note: &str) -> bool {
        {
            let mut j = self.job.lock();
            if self.is_stopped() || self.is_zombie() {
                return false;
            }
            self.stopped.store(true, Ordering::Release);
            j.report = Some(Change::Stopped(note.to_string()));
        }
        self.changed.notify_waiters();
        true
    }

    /// Continue a stopped process; false if it was not stopped.
    pub(crate) fn set_continued(&self) -> bool {
        let waker = {
            let mut j = self.job.lock();
            if !self.is_stopped() {
                return false;
            }
            self.stopped.store(false, Ordering::Release);
            j.report = Some(Change::Continued);
            j.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
        // Notes held while it was stopped take effect now.
        self.control_signal.notify_waiters();
        self.changed.notify_waiters();
        true
    }

    /// May the task run its program now? If not, it is woken when the
    /// process is continued.
    pub(crate) fn may_run(&self, cx: &Context<'_>) -> bool {
        if !self.is_stopped() {
            return true;
        }
        let mut j = self.job.lock();
        if !self.is_stopped() {
            return true;
        }
        j.waker = Some(cx.waker().clone());
        false
    }

    /// The stop or continue not yet reported, if `want` asks for it.
    pub(crate) fn take_report(&self, want: WaitFor) -> Option<Change> {
        let mut j = self.job.lock();
        let wanted = match &j.report {
            Some(Change::Stopped(_)) => want.stopped,
            Some(Change::Continued) => want.continued,
            _ => false,
        };
        if wanted { j.report.take() } else { None }
    }

    /// Wait until the process is stopped; `ESRCH` once it has ended.
    pub async fn until_stopped(&self) -> Result<()> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_zombie() {
                return Err(Error::with_detail(Errno::ESRCH, "process exited"));
            }
            if self.is_stopped() {
                return Ok(());
            }
            notified.await;
        }
    }

    /// Stop after the next exec (`hang`), or not (`nohang`).
    pub fn set_hang(&self, on: bool) {
        self.hang.store(on, Ordering::Relaxed)
    }

    pub(crate) fn hangs(&self) -> bool {
        self.hang.load(Ordering::Relaxed)
    }

    // ---- notes ----

    pub fn catches_notes(&self) -> bool {
        self.catching.load(Ordering::Acquire)
    }

    pub(crate) fn set_catching(&self, on: bool) {
        let mut n = self.notes.lock();
        n.catching = on;
        self.catching.store(on, Ordering::Release);
        if !on {
            n.pending.clear();
            self.noted.store(false, Ordering::Release);
        }
    }

    pub fn has_pending_note(&self) -> bool {
        self.noted.load(Ordering::Acquire)
    }

    pub(crate) fn take_note(&self) -> Option<String> {
        let mut n = self.notes.lock();
        let note = n.pending.pop_front();
        self.noted.store(!n.pending.is_empty(), Ordering::Release);
        note
    }

    /// Deliver a note (see the module documentation). Answers whether the
    /// process stopped or continued, which its parent's waits must hear of.
    pub(crate) fn post_note(&self, note: &str) -> Result<bool> {
        if note.len() > NOTE_MAX || note.is_empty() {
            return Err(Error::with_detail(Errno::EINVAL, "bad note"));
        }
        if self.is_zombie() {
            return Err(Error::with_detail(Errno::ESRCH, "process exited"));
        }
        let catching = self.catches_notes();
        let changed = match note_action(note) {
            NoteAction::Stop if note == "stop" || !catching => return Ok(self.set_stopped(note)),
            NoteAction::Continue => {
                let changed = self.set_continued();
                if !catching {
                    return Ok(changed);
                }
                changed
            }
            NoteAction::Ignore if !catching => return Ok(false),
            _ => false,
        };
        if note != "kill" {
            let mut n = self.notes.lock();
            if n.catching {
                if n.pending.len() < NOTES_PENDING_MAX {
                    n.pending.push_back(note.to_string());
                }
                self.noted.store(true, Ordering::Release);
                drop(n);
                self.note_signal.notify_waiters();
                return Ok(changed);
            }
        }
        self.request(Control::Note(note.to_string()));
        Ok(changed)
    }

    // ---- control of the task ----

    /// Ask the task to act. A note that ends the process wins over an exit
    /// or exec already asked for; otherwise the first request stands.
    pub(crate) fn request(&self, c: Control) {
        {
            let mut slot = self.control.lock();
            let replace = match &*slot {
                None => true,
                Some(old) => !old.ends() && c.ends(),
            };
            if replace {
                *slot = Some(c);
            }
        }
        self.control_signal.notify_waiters();
    }

    /// The request to act on now. While the process is stopped, a note
    /// that would end it waits (`kill` does not).
    pub(crate) fn take_control(&self) -> Option<Control> {
        let mut slot = self.control.lock();
        let held = self.is_stopped() && matches!(&*slot, Some(Control::Note(n)) if n != "kill");
        if held { None } else { slot.take() }
    }

    /// True if the task has been asked to end or exec.
    pub fn control_pending(&self) -> bool {
        self.control.lock().is_some()
    }
}

fn cpu_ns_limit(l: &Limits) -> u64 {
    l.cpu
        .map_or(u64::MAX, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

impl std::fmt::Debug for Process {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Process")
            .field("pid", &self.pid)
            .field("ppid", &self.ppid())
            .field("state", &self.state())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_statuses() {
        assert_eq!(Status::noted("interrupt").code, 130);
        assert_eq!(Status::noted("kill").code, 137);
        assert_eq!(Status::noted("sys: write on closed pipe").code, 141);
        assert_eq!(Status::noted("hangup").code, 129);
        assert_eq!(Status::noted("whatever").code, 143);
        assert_eq!(Status::noted("sys: trap: out of bounds memory access").code, 133);
        assert_eq!(Status::noted("sys: trapeze").code, 143);
    }

    #[test]
    fn wait_messages() {
        assert_eq!(Status::exited(0).wait_msg("cat", 7), "");
        assert_eq!(Status::exited(2).wait_msg("cat", 7), "cat 7: exit 2");
        assert_eq!(Status::noted("interrupt").wait_msg("cat", 7), "cat 7: interrupt");
    }
}
