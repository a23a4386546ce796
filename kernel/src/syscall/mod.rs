//! The syscall surface: [`Proc`], the handle every program receives.
//!
//! Each method is one system call made by the process the handle belongs
//! to. The methods are split by area as Plan 9's `sysfile.c` and
//! `sysproc.c` are: [`sysfile`] (files, fds, pipes), [`sysns`] (bind, mount,
//! /srv posts), [`sysproc`] (spawn, exec, wait, rfork, environment, time),
//! [`sysnote`] (notes). Names are resolved against the process's working directory, cleaned
//! lexically, checked (NUL, length), and walked through its namespace before
//! any fileserver sees them.
//!
//! Calls that can block (reads, writes, waits, sleeps, anything that reaches
//! a server) show a state in `/proc` while they wait. If the process catches
//! notes, a note arriving while it waits makes the call fail with `EINTR`;
//! if it does not, the note ends the process (see `proc.rs`).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use parking_lot::Mutex;

use crate::chan::Chan;
use crate::error::{Errno, Error, Result};
use crate::fd::FdTable;
use crate::kernel::Kernel;
use crate::limits::{Limits, ProcLimits};
use crate::ns::{Last, Loc, Namespace};
use crate::path;
use crate::proc::{Env, Pid, ProcState, Process};
use crate::proto::Caller;

mod sysfile;
mod sysnote;
mod sysns;
mod sysproc;

pub use sysns::Post;
pub use sysproc::{SpawnOpts, Target};

/// The most a single read asks a server for (an "iounit"): a bigger count
/// would only make a server allocate a huge buffer at once.
pub const MAX_READ: usize = 16 << 20;

/// Where `seek` measures from.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SeekFrom {
    Start(u64),
    Current(i64),
    End(i64),
}

/// A process's handle on the kernel.
#[derive(Clone)]
pub struct Proc {
    kernel: Arc<Kernel>,
    me: Arc<Process>,
    /// The process whose namespace names resolve in, if not this one's
    /// own (see [`Proc::viewing`]).
    view: Option<Arc<Process>>,
}

/// Sets the process state for the duration of a blocking call.
struct StateGuard<'a>(&'a Process);

impl<'a> StateGuard<'a> {
    fn enter(p: &'a Process, s: ProcState) -> Self {
        p.set_state(s);
        StateGuard(p)
    }
}

impl Drop for StateGuard<'_> {
    fn drop(&mut self) {
        self.0.set_state(ProcState::Running);
    }
}

fn interrupted() -> Error {
    Error::with_detail(Errno::EINTR, "interrupted")
}

impl Proc {
    pub(crate) fn new(kernel: Arc<Kernel>, me: Arc<Process>) -> Proc {
        Proc { kernel, me, view: None }
    }

    /// This process, resolving names in the namespace of process `pid` as
    /// that process has it at each call (binds it makes later show).
    /// Identity, fds, state and notes stay this process's own. The 9P
    /// exporter serves an attach with aname `pid` this way.
    pub fn viewing(&self, pid: Pid) -> Result<Proc> {
        let target = self
            .kernel
            .process(pid)
            .filter(|p| !p.is_zombie())
            .ok_or_else(|| Error::with_detail(Errno::ESRCH, "process does not exist"))?;
        Ok(Proc {
            view: Some(target),
            ..self.clone()
        })
    }

    /// The limits this process runs under now (its soft limits: the
    /// host's, as lowered by `ulimit` here or in an ancestor).
    pub fn limits(&self) -> Arc<Limits> {
        self.me.limits()
    }

    /// The soft and the hard limits.
    pub fn proc_limits(&self) -> ProcLimits {
        self.me.proc_limits()
    }

    /// Change this process's limits (`ulimit`): hard limits only go down,
    /// soft ones up to the hard ones. Children inherit both.
    pub fn set_limits(&self, soft: Option<&Limits>, hard: Option<&Limits>) -> Result<()> {
        self.me.change_limits(soft, hard)
    }

    /// Count `grow` more bytes of this process's memory against its `mem`
    /// limit (the shell's variables), or refuse with ENOMEM and a message
    /// naming the limit, counting nothing.
    pub fn charge_mem(&self, grow: u64) -> Result<()> {
        let max = self.me.limit(|l| l.max_mem);
        let counter = self.me.mem_counter();
        counter
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |used| {
                used.checked_add(grow).filter(|&t| t <= max)
            })
            .map(|_| ())
            .map_err(|_| self.me.limits().error(Errno::ENOMEM, "mem"))
    }

    /// Give back bytes counted by [`Proc::charge_mem`].
    pub fn release_mem(&self, bytes: u64) {
        let _ = self
            .me
            .mem_counter()
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |u| Some(u.saturating_sub(bytes)));
    }

    fn max_fds(&self) -> usize {
        self.me.limit(|l| l.max_fds)
    }

    pub fn kernel(&self) -> &Arc<Kernel> {
        &self.kernel
    }

    pub fn process(&self) -> &Arc<Process> {
        &self.me
    }

    pub fn pid(&self) -> Pid {
        self.me.pid
    }

    pub fn ppid(&self) -> Pid {
        self.me.ppid()
    }

    pub fn argv(&self) -> Arc<[String]> {
        self.me.argv()
    }

    pub fn caller(&self) -> Caller {
        self.me.caller()
    }

    /// The working directory (a cleaned absolute name).
    pub fn cwd(&self) -> String {
        self.me.cwd().to_string()
    }

    /// Resolve, clean and check a name.
    pub fn abs(&self, name: &str) -> Result<String> {
        if name.is_empty() {
            return Err(Errno::ENOENT.into());
        }
        let full = path::resolve(&self.me.cwd(), name);
        path::check(&full)?;
        Ok(full)
    }

    /// The process whose namespace this handle resolves names in.
    fn ns_owner(&self) -> &Arc<Process> {
        self.view.as_ref().unwrap_or(&self.me)
    }

    fn ns(&self) -> Arc<Namespace> {
        self.ns_owner().namespace()
    }

    fn ns_group(&self) -> Arc<Mutex<Arc<Namespace>>> {
        self.ns_owner().groups.lock().ns.clone()
    }

    fn fd_group(&self) -> Arc<Mutex<FdTable>> {
        self.me.groups.lock().fds.clone()
    }

    fn env_group(&self) -> Arc<Mutex<Env>> {
        self.me.groups.lock().env.clone()
    }

    /// Run a call that may block: show `state` while it runs, and fail it
    /// with `EINTR` if the process catches notes and one arrives. Programs
    /// use it for waits of their own (a server waiting for requests shows
    /// as `Pread`, as on Plan 9).
    pub async fn blocking<T>(&self, state: ProcState, fut: impl Future<Output = Result<T>>) -> Result<T> {
        let _state = StateGuard::enter(&self.me, state);
        if !self.me.catches_notes() {
            return fut.await;
        }
        let mut notified = pin!(self.me.note_signal.notified());
        notified.as_mut().enable();
        if self.me.has_pending_note() {
            return Err(interrupted());
        }
        tokio::select! {
            biased;
            _ = notified => Err(interrupted()),
            r = fut => r,
        }
    }

    async fn walk(&self, name: &str, last: Last) -> Result<Loc> {
        let ns = self.ns();
        let who = self.caller();
        self.blocking(ProcState::Open, ns.walk(&self.kernel.devices, &who, name, last))
            .await
    }

    /// The channel a new name `name` is created on (or the existing file of
    /// that name).
    async fn create_target(&self, name: &str) -> Result<Chan> {
        let ns = self.ns();
        let who = self.caller();
        self.blocking(ProcState::Open, async {
            match parent_and_elem(name) {
                None => Ok(ns
                    .walk(&self.kernel.devices, &who, name, Last::Translate)
                    .await?
                    .chan()
                    .clone()),
                Some((dir, elem)) => {
                    let parent = ns.walk(&self.kernel.devices, &who, dir, Last::Translate).await?;
                    ns.create_target(&who, parent, elem).await
                }
            }
        })
        .await
    }
}

/// The parent directory and last element of a cleaned name, or `None` for
/// a root (`/`, `#x`).
fn parent_and_elem(name: &str) -> Option<(&str, &str)> {
    let (dev, rest) = path::split_device(name);
    let i = rest.rfind('/')?;
    let elem = &rest[i + 1..];
    if elem.is_empty() {
        return None;
    }
    // `#c/x` → (`#c`, `x`); `/x` → (`/`, `x`); `/a/x` → (`/a`, `x`).
    let cut = dev.map_or(0, str::len) + i;
    let dir = if cut == 0 { "/" } else { &name[..cut] };
    Some((dir, elem))
}

#[cfg(test)]
mod tests {
    use super::parent_and_elem;

    #[test]
    fn parents() {
        assert_eq!(parent_and_elem("/"), None);
        assert_eq!(parent_and_elem("#c"), None);
        assert_eq!(parent_and_elem("/x"), Some(("/", "x")));
        assert_eq!(parent_and_elem("/a/x"), Some(("/a", "x")));
        assert_eq!(parent_and_elem("#c/x"), Some(("#c", "x")));
        assert_eq!(parent_and_elem("#c/a/x"), Some(("#c/a", "x")));
    }
}
