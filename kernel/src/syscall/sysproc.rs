//! Processes: spawn, exec, exit, wait, rfork, the environment, time
//! (Plan 9's `sysproc.c`).

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use super::Proc;
use crate::error::{Errno, Error, Result};
use crate::exec::Lookup;
use crate::fd::{Fd, FdEntry};
use crate::path;
use crate::proc::{Change, Control, Env, Pid, ProcState, Status, WaitFor};
use crate::program::{OneShot, Program, Start};
use crate::rfork::{Rfork, Share, fork_groups};

/// What to run.
pub enum Target {
    /// A command name or path, resolved through `$PATH` (see `exec.rs`).
    Path(String),
    /// A native program directly.
    Program(Program),
    /// A closure run once (a forked subshell).
    OneShot(OneShot),
}

impl Target {
    pub fn oneshot<F, Fut>(f: F) -> Target
    where
        F: FnOnce(Proc) -> Fut + Send + 'static,
        Fut: Future<Output = i32> + Send + 'static,
    {
        Target::OneShot(Box::new(move |p| Box::pin(f(p))))
    }
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Path(p) => write!(f, "Path({p})"),
            Target::Program(p) => write!(f, "{p:?}"),
            Target::OneShot(_) => f.write_str("OneShot"),
        }
    }
}

/// How to spawn a process.
#[derive(Clone, Debug)]
pub struct SpawnOpts {
    /// The argv; for [`Target::Path`] `argv[0]` defaults to the path.
    pub argv: Vec<String>,
    /// The child's environment (applied after `rfork.env`).
    pub env: Option<Env>,
    /// The child's working directory (default: the parent's).
    pub cwd: Option<String>,
    /// What the child shares with the caller (default [`Rfork::FORK`]:
    /// private copies of everything, the caller's note group).
    pub rfork: Rfork,
    /// Applied to the child's table after `rfork.fds`: put the parent's fd
    /// `.1` at the child's `.0`, or close the child's `.0` for `None`.
    pub fd_map: Vec<(Fd, Option<Fd>)>,
}

impl Default for SpawnOpts {
    fn default() -> Self {
        SpawnOpts {
            argv: Vec::new(),
            env: None,
            cwd: None,
            rfork: Rfork::FORK,
            fd_map: Vec::new(),
        }
    }
}

impl Proc {
    pub fn getenv(&self, key: &str) -> Option<String> {
        self.env_group().lock().get(key).cloned()
    }

    pub fn setenv(&self, key: &str, value: &str) -> Result<()> {
        if key.is_empty() || key.contains('=') || key.contains('\0') || value.contains('\0') {
            return Err(Errno::EINVAL.into());
        }
        self.env_group().lock().insert(key.to_string(), value.to_string());
        Ok(())
    }

    pub fn unsetenv(&self, key: &str) {
        self.env_group().lock().remove(key);
    }

    pub fn environ(&self) -> Env {
        self.env_group().lock().clone()
    }

    /// Make the environment group (`/env`, `/proc/N/env`) hold exactly
    /// `env`: a shell's exported variables, written before it runs a
    /// command as rc rewrites `/env`. Cheap when nothing changed.
    pub fn set_environ(&self, env: &Env) {
        let group = self.env_group();
        let mut g = group.lock();
        if *g != *env {
            *g = env.clone();
        }
    }

    /// Start a new process (fork and exec in one). Answers its pid, or why
    /// the target cannot run (`ENOENT`, `EACCES`, `ENOEXEC`, ...; see
    /// [`crate::exec::failure_status`]).
    pub async fn spawn(&self, target: Target, opts: SpawnOpts) -> Result<Pid> {
        if opts.rfork.fds == Share::Share && !opts.fd_map.is_empty() {
            return Err(Error::with_detail(Errno::EINVAL, "fd_map with a shared fd table"));
        }
        let (start, argv) = self.prepare(target, opts.argv.clone(), opts.env.as_ref()).await?;
        let max_fds = self.max_fds();
        let parent = self.me.groups.lock();
        let mut groups = fork_groups(&self.kernel, &parent, &opts.rfork, true);
        if let Some(e) = opts.env {
            *groups.env.lock() = e;
        }
        if !opts.fd_map.is_empty() {
            let ptable = parent.fds.lock();
            let mut t = groups.fds.lock();
            for &(child, src) in &opts.fd_map {
                match src {
                    Some(src) => {
                        let file = ptable.get(src)?;
                        // Whatever the copied table held at `child` is
                        // shared with the parent: dropping our reference
                        // closes nothing.
                        let _ = t.install(child, FdEntry { file, cloexec: false }, max_fds)?;
                    }
                    None => {
                        let _ = t.remove(child);
                    }
                }
            }
        }
        if let Some(c) = &opts.cwd {
            groups.cwd = path::resolve(&parent.cwd, c).into();
        }
        groups.argv = argv.into();
        drop(parent);
        let noteid = (!opts.rfork.new_note_group).then(|| (self.me.noteid(), self.me.group()));
        let p = self.kernel.start(
            self.me.pid,
            noteid,
            self.me.identity(),
            groups,
            start,
            self.me.proc_limits(),
        )?;
        Ok(p.pid)
    }

    /// Resolve a target to what the task starts and its argv.
    async fn prepare(&self, target: Target, argv: Vec<String>, env: Option<&Env>) -> Result<(Start, Vec<String>)> {
        match target {
            Target::Path(name) => {
                let argv = if argv.is_empty() { vec![name.clone()] } else { argv };
                let ns = self.ns();
                let cwd = self.cwd();
                let path_var = match env {
                    Some(e) => e.get("PATH").cloned(),
                    None => self.getenv("PATH"),
                };
                let lookup = Lookup {
                    ns: &ns,
                    devices: &self.kernel.devices,
                    who: self.caller(),
                    cwd: &cwd,
                    path_var: path_var.as_deref(),
                    max_depth: self.me.limit(|l| l.max_interpreter_depth),
                    loaders: &self.kernel.loaders,
                    max_image: self.me.limit(|l| l.max_alloc),
                    by: self,
                };
                let r = self.blocking(ProcState::Open, lookup.resolve(&name, argv)).await?;
                Ok((Start::Program(r.program), r.argv))
            }
            Target::Program(p) => {
                let argv = if argv.is_empty() {
                    vec![p.name().to_string()]
                } else {
                    argv
                };
                Ok((Start::Program(p), argv))
            }
            // A forked copy of the caller: like a Unix fork, it keeps the
            // caller's argv unless given one.
            Target::OneShot(f) => {
                let argv = if argv.is_empty() { self.me.argv().to_vec() } else { argv };
                Ok((Start::OneShot(f), argv))
            }
        }
    }

    /// Replace this process's program, keeping its pid and fds (those
    /// marked close-on-exec are closed). Returns only on failure.
    pub async fn exec(&self, target: Target, argv: Vec<String>) -> Error {
        match self.prepare(target, argv, None).await {
            Ok((start, argv)) => {
                self.me.request(Control::Exec(start, argv));
                std::future::pending::<()>().await;
                unreachable!("the supervisor drops this future")
            }
            Err(e) => e,
        }
    }

    /// End this process with `code`. Never returns.
    pub async fn exit(&self, code: i32) -> Infallible {
        self.me.request(Control::Exit(code));
        std::future::pending().await
    }

    /// Wait for the child `pid` to end and reap it.
    pub async fn wait(&self, pid: Pid) -> Result<Status> {
        let (_, change) = self.wait_change(Some(pid), WaitFor::default()).await?;
        Ok(exited(change))
    }

    /// Wait for any child to end and reap it.
    pub async fn wait_any(&self) -> Result<(Pid, Status)> {
        let (pid, change) = self.wait_change(None, WaitFor::default()).await?;
        Ok((pid, exited(change)))
    }

    /// Reap a child that has already ended, if there is one. `ECHILD` if
    /// there are no children at all.
    pub fn try_wait_any(&self) -> Result<Option<(Pid, Status)>> {
        let r = self.try_wait_change(None, WaitFor::default())?;
        Ok(r.map(|(pid, c)| (pid, exited(c))))
    }

    /// Reap child `pid` if it has ended; `None` while it runs.
    pub fn try_wait(&self, pid: Pid) -> Result<Option<Status>> {
        let r = self.try_wait_change(Some(pid), WaitFor::default())?;
        Ok(r.map(|(_, c)| exited(c)))
    }

    /// Wait for the child `pid` (or any child, for `None`) to end, or to
    /// stop or continue if `want` asks for those (Unix's `waitpid` with
    /// `WUNTRACED`/`WCONTINUED`). An ended child is reaped; a stop or a
    /// continue is reported once. `ECHILD` without such a child.
    pub async fn wait_change(&self, pid: Option<Pid>, want: WaitFor) -> Result<(Pid, Change)> {
        self.blocking(ProcState::Await, async {
            loop {
                let mut notified = pin!(self.me.child_change.notified());
                notified.as_mut().enable();
                if let Some(r) = self.try_wait_change(pid, want)? {
                    return Ok(r);
                }
                notified.await;
            }
        })
        .await
    }

    /// [`Proc::wait_change`] without blocking (`WNOHANG`): `None` while no
    /// child has anything to report.
    pub fn try_wait_change(&self, pid: Option<Pid>, want: WaitFor) -> Result<Option<(Pid, Change)>> {
        let one = |pid: Pid| -> Option<(Pid, Change)> {
            if let Some(s) = self.kernel.reap(&self.me, pid) {
                return Some((pid, Change::Exited(s)));
            }
            if want == WaitFor::default() {
                return None;
            }
            let c = self.kernel.process(pid)?.take_report(want)?;
            Some((pid, c))
        };
        match pid {
            Some(pid) if self.me.children.lock().contains(&pid) => Ok(one(pid)),
            Some(_) => Err(Error::with_detail(Errno::ECHILD, "no such child")),
            None => {
                let children = self.me.children.lock().clone();
                if children.is_empty() {
                    return Err(Error::with_detail(Errno::ECHILD, "no living children"));
                }
                Ok(children.into_iter().find_map(one))
            }
        }
    }

    /// Stop this process as a `stop` note would (a shell with no trap for
    /// `tstp` stops itself this way); it runs on once continued.
    pub async fn stop_self(&self, note: &str) {
        self.kernel.stop_process(&self.me, note);
        // The task is not polled again until the process is continued.
        tokio::task::yield_now().await;
    }

    /// The children not yet reaped.
    pub fn children(&self) -> Vec<Pid> {
        self.me.children.lock().clone()
    }

    pub async fn sleep(&self, d: Duration) -> Result<()> {
        self.blocking(ProcState::Sleep, async {
            tokio::time::sleep(d).await;
            Ok(())
        })
        .await
    }

    /// Milliseconds since the epoch, from the system clock.
    pub fn now_ms(&self) -> u64 {
        self.kernel.clock.now_ms()
    }

    /// Nanoseconds since the epoch, from the system clock.
    pub fn now_ns(&self) -> u128 {
        self.kernel.clock.now_ns()
    }

    /// Count CPU time this process used off the runtime (a thread that
    /// compiled for it) as if its program had run that long: the `cpu`
    /// and `cpu-total` limits see it.
    pub fn charge_cpu(&self, d: Duration) {
        let ns = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.kernel.charge_cpu(&self.me, ns);
    }

    /// Random bytes from the system's entropy source.
    pub fn random(&self, n: usize) -> Vec<u8> {
        self.kernel.entropy.bytes(n)
    }

    /// Change this process's own groups (rfork without RFPROC): the same
    /// choice and the same function as `spawn`'s.
    pub fn rfork(&self, r: Rfork) {
        {
            let mut g = self.me.groups.lock();
            *g = fork_groups(&self.kernel, &g, &r, false);
        }
        if r.new_note_group {
            self.me.new_group(self.me.pid);
        }
    }
}

/// The status of a change a wait without `WaitFor` flags reports.
fn exited(c: Change) -> Status {
    match c {
        Change::Exited(s) => s,
        // Not asked for, so never reported.
        Change::Stopped(_) | Change::Continued => Status::exited(0),
    }
}
