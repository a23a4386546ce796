//! The kernel: the process table, the device table, and the life of a
//! process.
//!
//! The life of a process:
//!
//! 1. **spawn** makes a table entry (a new pid: pids only grow) with its
//!    groups chosen rfork-style, and starts a tokio task.
//! 2. The task **runs** the program under a supervisor that races it against
//!    the process's control requests. `exit` and a note that ends the process
//!    drop the program's future at its current await point (every blocked
//!    call is cancel-safe); `exec` drops it and starts the new program in the
//!    same process. A panic ends only that process, with reason `panic: ...`.
//! 3. **finish** closes the process's files (so pipe readers see EOF before
//!    anyone is told the process ended), gives its children to the kernel,
//!    records the status and wakes its waiters. The entry stays as a zombie
//!    until the parent waits for it; a process whose parent is gone is
//!    reaped at once.

use std::collections::BTreeMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use futures_util::FutureExt;
use parking_lot::{Mutex, RwLock};

use crate::clock::{Clock, Entropy};
use crate::dup::DupFs;
use crate::error::{Errno, Error, Result};
use crate::exec::Loader;
use crate::fd::{self, FdEntry, FdTable, OpenFile};
use crate::grants::Grants;
use crate::limits::{GroupCount, ProcLimits, Space};
use crate::ns::{Devices, Last, Namespace};
use crate::path;
use crate::pipe::Pipe;
use crate::proc::{Control, Env, Groups, Identity, Pid, Process, Status};
use crate::program::{ProgramFuture, Start};
use crate::proto::{Caller, Fileserver, OpenFlags};
use crate::syscall::{Proc, Target};

pub use crate::limits::Limits;

/// What a kernel is built from.
pub struct KernelConfig {
    /// The root fileserver, registered as device `#/`.
    pub root: Arc<dyn Fileserver>,
    pub clock: Arc<Clock>,
    pub entropy: Arc<Entropy>,
    /// The host's limits: the first process's hard and soft limits, and the
    /// ceiling of every process's.
    pub limits: Limits,
    /// The system's name (`uname -n`, `/dev/sysname`).
    pub sysname: String,
    /// What the host grants (network addresses, ...): see `grants.rs`.
    pub grants: Grants,
    /// Binary formats exec runs besides native programs and `#!` scripts
    /// (see `exec.rs`): fixed for the kernel's life.
    pub loaders: Vec<Arc<dyn Loader>>,
}

impl KernelConfig {
    /// A kernel on `root` with the host clock and entropy.
    pub fn new(root: Arc<dyn Fileserver>) -> Self {
        KernelConfig {
            root,
            clock: Clock::real(),
            entropy: Entropy::from_host(),
            limits: Limits::default(),
            sysname: "ninebox".to_string(),
            grants: Grants::new(),
            loaders: Vec::new(),
        }
    }
}

/// What the init process starts with.
pub struct InitSpec {
    pub target: Target,
    pub argv: Vec<String>,
    pub env: Env,
    pub cwd: String,
    pub ns: Namespace,
    /// Files for fds 0, 1, 2, ... in order.
    pub stdio: Vec<Arc<OpenFile>>,
    pub identity: Identity,
}

/// Why a whole system was stopped ([`Kernel::halt`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Halt {
    /// The status the run ends with (124 for a timeout).
    pub code: i32,
    /// What to tell the user: `time limit reached (30s); raise it with
    /// --timeout N`.
    pub message: String,
}

pub struct Kernel {
    procs: RwLock<BTreeMap<Pid, Arc<Process>>>,
    next_pid: AtomicU32,
    pub devices: Devices,
    pub clock: Arc<Clock>,
    pub entropy: Arc<Entropy>,
    /// The host's limits (see [`KernelConfig::limits`]).
    pub limits: Limits,
    /// Bytes held by every in-memory file system of the system.
    pub fs_space: Arc<Space>,
    /// CPU time of every process so far, and the system's limit on it.
    cpu_total_ns: AtomicU64,
    cpu_total_limit_ns: u64,
    /// Host threads commands hold now (see [`Kernel::thread_slot`]).
    threads: Arc<std::sync::atomic::AtomicUsize>,
    halted: Mutex<Option<Halt>>,
    pub sysname: String,
    /// Fixed when the kernel is made: nothing inside can add a grant.
    pub grants: Grants,
    /// The binary formats exec knows (see [`KernelConfig::loaders`]).
    pub loaders: Vec<Arc<dyn Loader>>,
    pub(crate) mount_ids: AtomicU64,
}

impl Kernel {
    pub fn new(config: KernelConfig) -> Arc<Kernel> {
        Arc::new_cyclic(|me| {
            let k = Kernel {
                procs: RwLock::new(BTreeMap::new()),
                next_pid: AtomicU32::new(1),
                devices: Devices::default(),
                clock: config.clock,
                entropy: config.entropy,
                fs_space: Space::new("fs-total", config.limits.fs_total, None),
                cpu_total_ns: AtomicU64::new(0),
                cpu_total_limit_ns: config
                    .limits
                    .cpu_total
                    .map_or(u64::MAX, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)),
                threads: Arc::default(),
                halted: Mutex::new(None),
                limits: config.limits,
                sysname: config.sysname,
                grants: config.grants,
                loaders: config.loaders,
                mount_ids: AtomicU64::new(1),
            };
            k.devices.register('/', config.root);
            k.devices.register('d', Arc::new(DupFs::new(me.clone())));
            let capacity = k.limits.pipe_capacity;
            k.devices
                .register_fresh('|', move || Arc::new(Pipe::unopened(capacity)));
            k
        })
    }

    /// A namespace holding only the root device.
    pub fn clean_namespace(&self) -> Namespace {
        let root = self.devices.get("#/").expect("the root device is registered at boot");
        Namespace::new(crate::chan::Chan::new(root, "/"))
    }

    // ---- the process table ----

    pub fn process(&self, pid: Pid) -> Option<Arc<Process>> {
        self.procs.read().get(&pid).cloned()
    }

    /// Every process in the table (live and zombie), by pid.
    pub fn processes(&self) -> Vec<Arc<Process>> {
        self.procs.read().values().cloned().collect()
    }

    pub fn pids(&self) -> Vec<Pid> {
        self.procs.read().keys().copied().collect()
    }

    /// Post a note to a process (see `proc.rs` for what notes do).
    pub fn post_note(&self, pid: Pid, note: &str) -> Result<()> {
        let p = self
            .process(pid)
            .ok_or_else(|| Error::with_detail(Errno::ESRCH, "process does not exist"))?;
        self.deliver(&p, note)
    }

    /// Post a note to every live process of a note group.
    pub fn post_note_group(&self, noteid: Pid, note: &str) -> usize {
        self.post_note_group_except(noteid, note, 0)
    }

    /// Post a note to every live process of a note group but `except`
    /// (Plan 9's `notepg`, which spares the writer).
    pub fn post_note_group_except(&self, noteid: Pid, note: &str, except: Pid) -> usize {
        let targets: Vec<_> = self
            .processes()
            .into_iter()
            .filter(|p| p.noteid() == noteid && !p.is_zombie() && p.pid != except)
            .collect();
        targets.iter().filter(|p| self.deliver(p, note).is_ok()).count()
    }

    fn deliver(&self, p: &Process, note: &str) -> Result<()> {
        if p.post_note(note)? {
            self.tell_parent(p);
        }
        Ok(())
    }

    /// Continue a stopped process (the `start` ctl message); `EINVAL` if
    /// it is not stopped.
    pub fn resume(&self, pid: Pid) -> Result<()> {
        let p = self
            .process(pid)
            .ok_or_else(|| Error::with_detail(Errno::ESRCH, "process does not exist"))?;
        if !p.set_continued() {
            return Err(Error::with_detail(Errno::EINVAL, "process not stopped"));
        }
        self.tell_parent(&p);
        Ok(())
    }

    /// Stop `p` because of `note`, telling its parent.
    pub(crate) fn stop_process(&self, p: &Process, note: &str) {
        if p.set_stopped(note) {
            self.tell_parent(p);
        }
    }

    /// Wake the waits of `p`'s parent: a child stopped or continued.
    fn tell_parent(&self, p: &Process) {
        if let Some(parent) = self.process(p.ppid()) {
            parent.child_change.notify_waiters();
        }
    }

    /// Move `p` into the note group `noteid`, which a live process of the
    /// same user must be in (Plan 9's write to `/proc/N/noteid`).
    pub fn join_note_group(&self, p: &Process, noteid: Pid) -> Result<()> {
        if p.noteid() == noteid {
            return Ok(());
        }
        let member = self
            .processes()
            .into_iter()
            .find(|q| q.noteid() == noteid && !q.is_zombie())
            .ok_or_else(|| Error::with_detail(Errno::ESRCH, "no such note group"))?;
        if member.uid != p.uid {
            return Err(Error::with_detail(Errno::EPERM, "note group of another user"));
        }
        p.join_group(noteid, member.group())
    }

    /// A rename happened: move every mount point and member at or under
    /// the old name, in every namespace, to the new one, so a binding stays
    /// with its file (Plan 9 keys them by qid; the kernel, which performs
    /// every rename, keeps the paths current instead).
    pub(crate) fn renamed(&self, r: &crate::chan::Rename) {
        let mut seen = std::collections::HashSet::new();
        for p in self.processes() {
            let group = p.groups.lock().ns.clone();
            if !seen.insert(Arc::as_ptr(&group) as usize) {
                continue;
            }
            let mut g = group.lock();
            if let Some(ns) = g.renamed(r) {
                *g = Arc::new(ns);
            }
        }
    }

    // ---- the whole system ----

    /// Stop the whole system: every process is killed, no new one starts,
    /// and the run ends with `code` (the first halt stands). The host
    /// prints `message`.
    pub fn halt(&self, code: i32, message: String) {
        {
            let mut h = self.halted.lock();
            if h.is_some() {
                return;
            }
            *h = Some(Halt { code, message });
        }
        for p in self.processes() {
            let _ = p.post_note("kill");
        }
    }

    /// Why the system was halted, if it was.
    pub fn halted(&self) -> Option<Halt> {
        self.halted.lock().clone()
    }

    /// CPU time all processes have used, in nanoseconds.
    pub fn cpu_total_ns(&self) -> u64 {
        self.cpu_total_ns.load(Ordering::Relaxed)
    }

    /// Count `ns` of CPU time against `me` and the system: a process over
    /// its `cpu` limit is asked to end (status 152), a system over
    /// `cpu-total` is halted. Every poll of a program is charged here;
    /// work a program has done on another thread for its process is too
    /// ([`Proc::charge_cpu`]).
    pub(crate) fn charge_cpu(&self, me: &Process, ns: u64) {
        me.add_cpu(ns);
        let total = self.cpu_total_ns.fetch_add(ns, Ordering::Relaxed) + ns;
        if total > self.cpu_total_limit_ns {
            let l = &self.limits;
            self.halt(152, l.reached("cpu-total"));
        } else if me.over_cpu() {
            let l = me.limits();
            let status = Status {
                code: 152,
                reason: Some(format!("cpu time limit exceeded ({})", show_limit(&l, "cpu"))),
            };
            me.request(Control::End(status, l.reached("cpu")));
        }
    }

    /// Processes in the table, zombies included.
    pub fn proc_count(&self) -> usize {
        self.procs.read().len()
    }

    /// A host thread for work that cannot run on the runtime, counted
    /// against the `threads` limit of `who`: the slot is given back when
    /// the answered guard drops.
    pub fn thread_slot(&self, who: &Process) -> Result<ThreadSlot> {
        let max = who.limit(|l| l.max_threads);
        let taken = self
            .threads
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| (n < max).then_some(n + 1));
        match taken {
            Ok(_) => Ok(ThreadSlot(self.threads.clone())),
            Err(_) => Err(who.limits().error(Errno::EAGAIN, "threads")),
        }
    }

    /// Host threads held now.
    pub fn threads_in_use(&self) -> usize {
        self.threads.load(Ordering::Relaxed)
    }

    // ---- spawning ----

    /// Open `name` in `ns` for a process that does not exist yet (boot
    /// opens the console this way).
    pub async fn open_in(&self, ns: &Namespace, who: &Caller, name: &str, flags: OpenFlags) -> Result<Arc<OpenFile>> {
        let name = path::clean(name);
        path::check(&name)?;
        let loc = ns.walk(&self.devices, who, &name, Last::Translate).await?;
        let chan = loc.chan().clone();
        let answer = chan.server.open(who, &chan.path, flags).await?;
        OpenFile::from_open(chan, answer, flags, name)
    }

    /// Start the first process. Its parent is the kernel (pid 0), so its
    /// entry goes when it ends; use [`Process::exited`] for its status.
    pub fn spawn_init(self: &Arc<Self>, spec: InitSpec) -> Result<Arc<Process>> {
        let mut fds = FdTable::default();
        for (i, f) in spec.stdio.into_iter().enumerate() {
            fds.install(
                i as fd::Fd,
                FdEntry {
                    file: f,
                    cloexec: false,
                },
                self.limits.max_fds,
            )?;
        }
        let argv = if spec.argv.is_empty() {
            vec![target_name(&spec.target)]
        } else {
            spec.argv
        };
        let groups = Groups {
            argv: argv.into(),
            cwd: spec.cwd.into(),
            umask: 0o022,
            ns: Arc::new(Mutex::new(Arc::new(spec.ns))),
            env: Arc::new(Mutex::new(spec.env)),
            fds: Arc::new(Mutex::new(fds)),
        };
        let program = match spec.target {
            Target::Program(p) => Start::Program(p),
            Target::OneShot(f) => Start::OneShot(f),
            Target::Path(_) => {
                return Err(Error::with_detail(Errno::EINVAL, "init must be a program"));
            }
        };
        let limits = ProcLimits::new(self.limits.clone());
        self.start(0, None, spec.identity, groups, program, limits)
    }

    /// Run a program as init and wait for it: the simplest way to use a
    /// kernel (tests, one-shot tools).
    pub async fn run(self: &Arc<Self>, spec: InitSpec) -> Result<Status> {
        let p = self.spawn_init(spec)?;
        Ok(p.exited().await)
    }

    /// Make the table entry and start the task, within the process limits
    /// of `limits` (the new process's, copied from its parent): `procs`
    /// counts the table, `group-procs` the live processes of the note group
    /// it joins (the parent's `noteid`, or a new one).
    pub(crate) fn start(
        self: &Arc<Self>,
        ppid: Pid,
        noteid: Option<(Pid, Arc<GroupCount>)>,
        identity: Identity,
        groups: Groups,
        start: Start,
        limits: ProcLimits,
    ) -> Result<Arc<Process>> {
        if self.halted.lock().is_some() {
            return Err(Error::with_detail(Errno::EAGAIN, "the system is halted"));
        }
        let group = match &noteid {
            Some((_, g)) => g.clone(),
            None => Arc::new(GroupCount::default()),
        };
        if !group.join(limits.soft.max_group_procs) {
            return Err(limits.soft.error(Errno::EAGAIN, "group-procs"));
        }
        let mut procs = self.procs.write();
        if procs.len() >= limits.soft.max_procs {
            drop(procs);
            group.leave();
            return Err(limits.soft.error(Errno::EAGAIN, "procs"));
        }
        let pid = self.next_pid.fetch_add(1, Ordering::Relaxed);
        let p = Arc::new(Process::new(
            pid,
            ppid,
            (noteid.map_or(pid, |(id, _)| id), group),
            identity,
            self.clock.now_ms(),
            groups,
            limits,
        ));
        procs.insert(pid, p.clone());
        let parent = procs.get(&ppid).cloned();
        drop(procs);
        if let Some(parent) = parent {
            parent.children.lock().push(pid);
            // A hung parent's child inherits the bit and, spawning being
            // fork and exec in one, starts stopped.
            if parent.hangs() {
                p.set_hang(true);
                p.set_stopped("stop");
            }
        }
        let kernel = self.clone();
        let proc = p.clone();
        tokio::spawn(async move { kernel.supervise(proc, start).await });
        Ok(p)
    }

    // ---- running ----

    /// Run the process's program(s) until it ends, then finish it.
    async fn supervise(self: Arc<Self>, me: Arc<Process>, mut start: Start) {
        let status = loop {
            let p = Proc::new(self.clone(), me.clone());
            let fut = Accounted {
                fut: start.run(p),
                me: me.clone(),
                kernel: self.clone(),
            };
            let outcome = tokio::select! {
                biased;
                c = control(&me) => Outcome::Control(c),
                r = AssertUnwindSafe(fut).catch_unwind() => match r {
                    // A request made in the program's last poll still counts:
                    // a process that wrote to a closed pipe and then returned
                    // ended by the note.
                    Ok(code) => match me.take_control() {
                        Some(c) => Outcome::Control(c),
                        None => Outcome::Done(Status::exited(code)),
                    },
                    Err(payload) => {
                        let msg = panic_message(&*payload);
                        let status = Status {
                            code: 134,
                            reason: Some(format!("panic: {msg}")),
                        };
                        Outcome::Control(Control::End(status, format!("internal error: {msg}")))
                    }
                },
            };
            match outcome {
                Outcome::Done(s) => break s,
                Outcome::Control(Control::Exit(code)) => break Status::exited(code),
                Outcome::Control(Control::End(status, message)) => {
                    tell(&me, &message, ToStderr::Unix).await;
                    break status;
                }
                Outcome::Control(Control::Note(note)) => {
                    if note == "kill" {
                        break Status {
                            code: 137,
                            reason: Some("killed".to_string()),
                        };
                    }
                    // A fault: Plan 9 says `suicide` and leaves the process
                    // Broken. A write on a closed pipe ends as quietly as
                    // SIGPIPE does on Unix (`yes | head` says nothing).
                    if note.starts_with("sys: ") {
                        me.set_broken();
                        if note != "sys: write on closed pipe" {
                            tell(&me, &format!("suicide: {note}"), ToStderr::Plan9).await;
                        }
                    }
                    break Status::noted(&note);
                }
                Outcome::Control(Control::Exec(next, argv)) => {
                    let closing = {
                        let mut g = me.groups.lock();
                        g.argv = argv.into();
                        let fds = g.fds.clone();
                        drop(g);
                        let mut t = fds.lock();
                        t.take_cloexec()
                    };
                    for f in closing {
                        let _ = fd::release(f, &me.caller()).await;
                    }
                    me.set_catching(false);
                    if me.hangs() {
                        self.stop_process(&me, "stop");
                    }
                    start = next;
                }
            }
        };
        self.finish(&me, status).await;
    }

    /// The end of a process (see the module documentation).
    async fn finish(&self, me: &Arc<Process>, status: Status) {
        me.group().leave();
        // Close files first, unless another live process shares the table.
        let table = {
            let mut g = me.groups.lock();
            std::mem::replace(&mut g.fds, Arc::new(Mutex::new(FdTable::default())))
        };
        if let Some(table) = Arc::into_inner(table) {
            let files = table.into_inner().take_all();
            for f in files {
                let _ = fd::release(f, &me.caller()).await;
            }
        }
        // Drop the namespace and environment now rather than when the zombie
        // is reaped.
        {
            let mut g = me.groups.lock();
            g.ns = Arc::new(Mutex::new(Arc::new(self.clean_namespace())));
            g.env = Arc::new(Mutex::new(Env::new()));
        }
        let parent = {
            let mut procs = self.procs.write();
            let children = std::mem::take(&mut *me.children.lock());
            for c in children {
                match procs.get(&c) {
                    Some(child) if child.is_zombie() => {
                        procs.remove(&c);
                    }
                    Some(child) => child.set_ppid(0),
                    None => {}
                }
            }
            me.set_exited(status);
            let parent = procs.get(&me.ppid()).filter(|p| !p.is_zombie()).cloned();
            if parent.is_none() {
                procs.remove(&me.pid);
            }
            parent
        };
        if let Some(parent) = parent {
            parent.child_change.notify_waiters();
        }
    }

    /// Reap a zombie child of `parent`: remove it from the table and answer
    /// its status.
    pub(crate) fn reap(&self, parent: &Process, pid: Pid) -> Option<Status> {
        let mut procs = self.procs.write();
        let child = procs.get(&pid)?;
        if child.ppid() != parent.pid || !child.is_zombie() {
            return None;
        }
        let status = child.status();
        parent.add_child_cpu(child);
        procs.remove(&pid);
        parent.children.lock().retain(|&c| c != pid);
        status
    }
}

enum Outcome {
    Done(Status),
    Control(Control),
}

/// How a message to a process's stderr is introduced.
enum ToStderr {
    /// `prog: message`, as a Unix program reports.
    Unix,
    /// `prog pid: message`, as Plan 9's kernel prints `suicide: ...`.
    Plan9,
}

/// Tell a process's stderr why it is ending (`prog: internal error: ...`,
/// a limit it reached, a fault). A stderr nobody reads does not hold the
/// end up: the message is dropped after a moment.
async fn tell(me: &Process, message: &str, form: ToStderr) {
    let Ok(file) = me.fds().lock().get(2) else { return };
    let prog = me
        .argv()
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
        .unwrap_or_default();
    let text = match form {
        ToStderr::Unix => format!("{prog}: {message}\n"),
        ToStderr::Plan9 => format!("{prog} {}: {message}\n", me.pid),
    };
    let write = async {
        let mut data = text.as_bytes();
        while !data.is_empty() {
            match file.write_some(&me.caller(), data).await {
                Ok(0) | Err(_) => return,
                Ok(n) => data = &data[n..],
            }
        }
    };
    let _ = tokio::time::timeout(std::time::Duration::from_millis(100), write).await;
}

/// A guard for a host thread counted against the `threads` limit.
pub struct ThreadSlot(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for ThreadSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Wait for the next control request of `me`.
async fn control(me: &Process) -> Control {
    loop {
        let notified = me.control_signal.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if let Some(c) = me.take_control() {
            return c;
        }
        notified.await;
    }
}

fn target_name(t: &Target) -> String {
    match t {
        Target::Path(p) => p.clone(),
        Target::Program(p) => p.name().to_string(),
        Target::OneShot(_) => "oneshot".to_string(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown".to_string()
    }
}

thread_local! {
    static IN_PROGRAM: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while the current thread is running a program's code. A panic hook
/// uses it to stay quiet about panics that only end one process.
pub fn in_program() -> bool {
    IN_PROGRAM.with(|c| c.get())
}

/// A program's future, timed: every poll adds to the process's CPU time
/// and the system's, and a process over its CPU limit (or a system over
/// its) is ended.
struct Accounted {
    fut: ProgramFuture,
    me: Arc<Process>,
    kernel: Arc<Kernel>,
}

impl Future for Accounted {
    type Output = i32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i32> {
        struct Flag(bool);
        impl Drop for Flag {
            // Runs on unwind too, so a panicking program cannot leave the
            // thread marked.
            fn drop(&mut self) {
                IN_PROGRAM.with(|c| c.set(self.0));
            }
        }
        if !self.me.may_run(cx) {
            return Poll::Pending;
        }
        let t0 = Instant::now();
        let _flag = Flag(IN_PROGRAM.with(|c| c.replace(true)));
        let r = self.fut.as_mut().poll(cx);
        let ns = t0.elapsed().as_nanos() as u64;
        self.kernel.charge_cpu(&self.me, ns);
        r
    }
}

fn show_limit(l: &Limits, name: &str) -> String {
    crate::limits::info(name).map_or_else(String::new, |i| i.unit.show(i.get(l)))
}
