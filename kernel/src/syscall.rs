//! The syscall surface: [`Proc`], the handle every program receives.
//!
//! Each method is one system call made by the process the handle belongs
//! to. Names are resolved against the process's working directory, cleaned
//! lexically, checked (NUL, length), and walked through its namespace before
//! any fileserver sees them.
//!
//! Calls that can block (reads, writes, waits, sleeps, anything that reaches
//! a server) show a state in `/proc` while they wait. If the process catches
//! notes, a note arriving while it waits makes the call fail with `EINTR`;
//! if it does not, the note ends the process (see `proc.rs`).

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use parking_lot::Mutex;

use crate::dup;
use crate::error::{Errno, Error, Result};
use crate::exec::Lookup;
use crate::fd::{self, Fd, FdEntry, FdTable, OpenFile};
use crate::kernel::{Kernel, Limits, Share, SpawnOpts, Target};
use crate::limits::ProcLimits;
use crate::ns::{self, Chan, Last, Loc, MountFlags, Namespace, Source};
use crate::path;
use crate::pipe::{Pipe, READ_END, WRITE_END};
use crate::proc::{Control, Env, Groups, Pid, ProcState, Process, Status};
use crate::program::Start;
use crate::proto::{Caller, DirEntry, Fileserver, OpenFlags, Stat, StatChanges};

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

/// rfork on the calling process: which groups to replace, and how.
#[derive(Copy, Clone, Debug, Default)]
pub struct Rfork {
    /// `Copy` (rfork n) or `Clean` (rfork N); `None` or `Share` keeps it.
    pub ns: Option<Share>,
    pub env: Option<Share>,
    pub fds: Option<Share>,
    /// Start a new note group (rfork s).
    pub new_note_group: bool,
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
        Caller {
            pid: self.me.pid,
            uid: self.me.uid,
            gid: self.me.gid,
        }
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

    // ---- files ----

    /// Open (or create, with `flags.create`) a file; answers the lowest
    /// free fd.
    pub async fn open(&self, name: &str, flags: OpenFlags) -> Result<Fd> {
        let file = self.open_file(name, flags).await?;
        self.install(file, 0, false)
    }

    /// Open a file without giving it an fd (the record can be installed
    /// later, or handed to another process).
    pub async fn open_file(&self, name: &str, mut flags: OpenFlags) -> Result<Arc<OpenFile>> {
        let name = self.abs(name)?;
        flags.validate()?;
        let chan = if flags.create {
            self.create_target(&name).await?
        } else {
            self.walk(&name, Last::Translate).await?.chan().clone()
        };
        if self.kernel.is_dup(&chan.server)
            && let Some(fd) = dup::fd_of(&chan.path)
        {
            // The dup device: the caller's own open file, not a server's.
            return dup::reopen(self.file(fd).map_err(|_| Error::from(Errno::ENOENT))?, flags);
        }
        flags.perm &= !self.me.umask() & 0o7777;
        let who = self.caller();
        let opened = self
            .blocking(ProcState::Open, chan.server.open(&who, &chan.path, flags))
            .await?;
        Ok(OpenFile::new(chan, opened.handle, opened.qid, flags, name))
    }

    /// Put an open file in the table at the lowest free fd at or above
    /// `min`.
    pub fn install(&self, file: Arc<OpenFile>, min: Fd, cloexec: bool) -> Result<Fd> {
        self.fd_group()
            .lock()
            .alloc(FdEntry { file, cloexec }, min, self.max_fds())
    }

    /// The open file behind `fd`.
    pub fn file(&self, fd: Fd) -> Result<Arc<OpenFile>> {
        self.fd_group().lock().get(fd)
    }

    pub async fn read(&self, fd: Fd, count: usize) -> Result<Vec<u8>> {
        let file = self.file(fd)?;
        self.blocking(ProcState::Pread, file.read(count.min(MAX_READ))).await
    }

    /// Write all of `data`. A note caught part-way answers the count
    /// written so far; writing to a pipe nobody reads fails with `EPIPE` and
    /// posts `sys: write on closed pipe` to the writer.
    pub async fn write(&self, fd: Fd, data: &[u8]) -> Result<usize> {
        let file = self.file(fd)?;
        let mut done = 0;
        while done < data.len() {
            match self.blocking(ProcState::Pwrite, file.write_some(&data[done..])).await {
                Ok(0) => return Err(Error::with_detail(Errno::EIO, "short write")),
                Ok(n) => done += n,
                Err(e) if e.is(Errno::EINTR) && done > 0 => return Ok(done),
                Err(e) => {
                    if e.is(Errno::EPIPE) {
                        let _ = self.me.post_note("sys: write on closed pipe");
                    }
                    return Err(e);
                }
            }
        }
        Ok(done)
    }

    pub async fn close(&self, fd: Fd) -> Result<()> {
        let entry = self.fd_group().lock().remove(fd)?;
        fd::release(entry.file).await
    }

    pub async fn seek(&self, fd: Fd, pos: SeekFrom) -> Result<u64> {
        let file = self.file(fd)?;
        if file.is_stream() {
            return Err(Errno::ESPIPE.into());
        }
        let base: i128 = match pos {
            SeekFrom::Start(n) => {
                file.set_offset(n);
                return Ok(n);
            }
            SeekFrom::Current(d) => i128::from(file.offset()) + i128::from(d),
            SeekFrom::End(d) => i128::from(self.fstat(fd).await?.size) + i128::from(d),
        };
        let off = u64::try_from(base).map_err(|_| Error::new(Errno::EINVAL))?;
        file.set_offset(off);
        Ok(off)
    }

    /// The channel `name` resolves to (a union's first member), for a
    /// program that talks to the server behind a name itself: the 9P
    /// exporter tells files of different servers apart by it.
    pub async fn chan(&self, name: &str) -> Result<Chan> {
        let name = self.abs(name)?;
        Ok(self.walk(&name, Last::Translate).await?.chan().clone())
    }

    pub async fn stat(&self, name: &str) -> Result<Stat> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        let mut st = self
            .blocking(ProcState::Open, chan.server.stat(&who, &chan.path))
            .await?;
        st.name = path::base(&name).to_string();
        Ok(st)
    }

    /// Stat an open file (through the server, by the name it was opened at).
    pub async fn fstat(&self, fd: Fd) -> Result<Stat> {
        let file = self.file(fd)?;
        let who = self.caller();
        let mut st = self
            .blocking(ProcState::Open, file.chan.server.stat(&who, &file.chan.path))
            .await?;
        st.name = path::base(&file.name).to_string();
        Ok(st)
    }

    /// List a directory. A union lists every member in order, duplicates
    /// included (as Plan 9 does); a member that fails is skipped unless
    /// every member fails.
    pub async fn readdir(&self, name: &str) -> Result<Vec<DirEntry>> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let who = self.caller();
        self.blocking(ProcState::Open, async {
            let mut out = Vec::new();
            let mut first_err = None;
            let mut any_ok = false;
            for c in loc.chans() {
                match c.server.readdir(&who, &c.path).await {
                    Ok(entries) => {
                        any_ok = true;
                        out.extend(entries);
                    }
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            match (any_ok, first_err) {
                (false, Some(e)) => Err(e),
                _ => Ok(out),
            }
        })
        .await
    }

    /// Make a directory; `perm` is masked by the umask.
    pub async fn mkdir(&self, name: &str, perm: u32) -> Result<()> {
        let name = self.abs(name)?;
        if parent_and_elem(&name).is_none() {
            return Err(Errno::EEXIST.into());
        }
        let chan = self.create_target(&name).await?;
        let who = self.caller();
        let perm = perm & !self.me.umask() & 0o7777;
        self.blocking(ProcState::Open, chan.server.mkdir(&who, &chan.path, perm))
            .await
    }

    pub async fn remove(&self, name: &str) -> Result<()> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        self.blocking(ProcState::Open, chan.server.remove(&who, &chan.path))
            .await
    }

    /// Rename within one server; between two servers `EXDEV`.
    pub async fn rename(&self, from: &str, to: &str) -> Result<()> {
        let from = self.abs(from)?;
        let to = self.abs(to)?;
        let src = self.walk(&from, Last::Translate).await?.chan().clone();
        if parent_and_elem(&to).is_none() {
            return Err(Errno::EBUSY.into());
        }
        let dst = self.create_target(&to).await?;
        if src.server_id() != dst.server_id() {
            return Err(Errno::EXDEV.into());
        }
        let who = self.caller();
        self.blocking(ProcState::Open, src.server.rename(&who, &src.path, &dst.path))
            .await
    }

    pub async fn wstat(&self, name: &str, changes: &StatChanges) -> Result<()> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        self.blocking(ProcState::Open, chan.server.wstat(&who, &chan.path, changes))
            .await
    }

    pub async fn chdir(&self, name: &str) -> Result<()> {
        let name = self.abs(name)?;
        let st = self.stat(&name).await?;
        if !st.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        self.me.groups.lock().cwd = name.into();
        Ok(())
    }

    /// The name an fd was opened by (Plan 9's fd2path).
    pub fn fd_name(&self, fd: Fd) -> Result<String> {
        Ok(self.file(fd)?.name.clone())
    }

    pub fn set_cloexec(&self, fd: Fd, on: bool) -> Result<()> {
        self.fd_group().lock().set_cloexec(fd, on)
    }

    /// The fds open in this process, in order.
    pub fn fds(&self) -> Vec<Fd> {
        self.fd_group().lock().iter().map(|(fd, _)| fd).collect()
    }

    pub fn umask(&self) -> u32 {
        self.me.umask()
    }

    /// Set the umask, answering the old one.
    pub fn set_umask(&self, mask: u32) -> u32 {
        std::mem::replace(&mut self.me.groups.lock().umask, mask & 0o777)
    }

    // ---- environment ----

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

    // ---- pipes and fds ----

    /// Make a pipe: answers (read end, write end).
    pub fn pipe(&self) -> Result<(Fd, Fd)> {
        let (r, w) = self.pipe_files();
        let table = self.fd_group();
        let mut t = table.lock();
        let max = self.max_fds();
        let rfd = t.alloc(
            FdEntry {
                file: r,
                cloexec: false,
            },
            0,
            max,
        )?;
        match t.alloc(
            FdEntry {
                file: w,
                cloexec: false,
            },
            0,
            max,
        ) {
            Ok(wfd) => Ok((rfd, wfd)),
            Err(e) => {
                // Dropping the read end closes it in the background.
                let _ = t.remove(rfd);
                Err(e)
            }
        }
    }

    /// The two open files of a new pipe, not yet in any table.
    pub fn pipe_files(&self) -> (Arc<OpenFile>, Arc<OpenFile>) {
        let pipe: Arc<dyn Fileserver> = Arc::new(Pipe::new(self.me.limit(|l| l.pipe_capacity)));
        let end = |h, name: &str, flags| {
            OpenFile::new(
                Chan::new(pipe.clone(), format!("/{name}")),
                h,
                Pipe::qid(h),
                flags,
                format!("#|/{name}"),
            )
        };
        let r = end(READ_END, "data", OpenFlags::READ);
        let w = end(
            WRITE_END,
            "data1",
            OpenFlags {
                read: false,
                write: true,
                ..OpenFlags::READ
            },
        );
        (r, w)
    }

    /// A read-only, seekable open file holding `data` (heredocs,
    /// here-strings), named `name` in listings.
    pub fn open_bytes(&self, data: Vec<u8>, name: &str) -> Arc<OpenFile> {
        let blob = crate::blob::Blob::new(data);
        let opened = blob.open_data();
        let server: Arc<dyn Fileserver> = Arc::new(blob);
        OpenFile::new(
            Chan::new(server, "/data"),
            opened.handle,
            opened.qid,
            OpenFlags::READ,
            name.to_string(),
        )
    }

    /// Duplicate `fd` to the lowest free number.
    pub fn dup(&self, fd: Fd) -> Result<Fd> {
        self.dup_min(fd, 0)
    }

    /// Duplicate `fd` to the lowest free number at or above `min`.
    pub fn dup_min(&self, fd: Fd, min: Fd) -> Result<Fd> {
        let max = self.max_fds();
        let table = self.fd_group();
        let mut t = table.lock();
        let file = t.get(fd)?;
        t.alloc(FdEntry { file, cloexec: false }, min, max)
    }

    /// Make `new` refer to what `old` refers to, closing what `new` had.
    pub async fn dup2(&self, old: Fd, new: Fd) -> Result<Fd> {
        let max = self.max_fds();
        let previous = {
            let table = self.fd_group();
            let mut t = table.lock();
            let file = t.get(old)?;
            if old == new {
                return Ok(new);
            }
            t.install(new, FdEntry { file, cloexec: false }, max)?
        };
        if let Some(e) = previous {
            let _ = fd::release(e.file).await;
        }
        Ok(new)
    }

    // ---- processes ----

    /// Start a new process (fork and exec in one). Answers its pid, or why
    /// the target cannot run (`ENOENT`, `EACCES`, `ENOEXEC`, ...; see
    /// [`crate::exec::failure_status`]).
    pub async fn spawn(&self, target: Target, opts: SpawnOpts) -> Result<Pid> {
        let (start, argv) = self.prepare(target, opts.argv.clone(), opts.env.as_ref()).await?;
        let max_fds = self.max_fds();
        let parent = self.me.groups.lock();
        let ns = match opts.ns {
            Share::Copy => Arc::new(Mutex::new(parent.ns.lock().clone())),
            Share::Share => parent.ns.clone(),
            Share::Clean => Arc::new(Mutex::new(Arc::new(self.kernel.clean_namespace()))),
        };
        let env = match opts.env_share {
            Share::Copy => Arc::new(Mutex::new(parent.env.lock().clone())),
            Share::Share => parent.env.clone(),
            Share::Clean => Arc::new(Mutex::new(Env::new())),
        };
        if let Some(e) = opts.env {
            *env.lock() = e;
        }
        let fds = {
            let ptable = parent.fds.lock();
            match opts.fds {
                Share::Share if !opts.fd_map.is_empty() => {
                    return Err(Error::with_detail(Errno::EINVAL, "fd_map with a shared fd table"));
                }
                Share::Share => parent.fds.clone(),
                share => {
                    let mut t = match share {
                        Share::Copy => ptable.inherit(),
                        _ => FdTable::default(),
                    };
                    for &(child, src) in &opts.fd_map {
                        match src {
                            Some(src) => {
                                let file = ptable.get(src)?;
                                // Whatever the copied table held at `child`
                                // is shared with the parent: dropping our
                                // reference closes nothing.
                                let _ = t.install(child, FdEntry { file, cloexec: false }, max_fds)?;
                            }
                            None => {
                                let _ = t.remove(child);
                            }
                        }
                    }
                    Arc::new(Mutex::new(t))
                }
            }
        };
        let cwd: Arc<str> = match &opts.cwd {
            Some(c) => path::resolve(&parent.cwd, c).into(),
            None => parent.cwd.clone(),
        };
        let groups = Groups {
            argv: argv.into(),
            cwd,
            umask: parent.umask,
            ns,
            env,
            fds,
        };
        drop(parent);
        let noteid = (!opts.new_note_group).then(|| (self.me.noteid(), self.me.group()));
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
        self.blocking(ProcState::Await, async {
            loop {
                let mut notified = pin!(self.me.child_exit.notified());
                notified.as_mut().enable();
                if !self.me.children.lock().contains(&pid) {
                    return Err(Error::with_detail(Errno::ECHILD, "no such child"));
                }
                if let Some(s) = self.kernel.reap(&self.me, pid) {
                    return Ok(s);
                }
                notified.await;
            }
        })
        .await
    }

    /// Wait for any child to end and reap it.
    pub async fn wait_any(&self) -> Result<(Pid, Status)> {
        self.blocking(ProcState::Await, async {
            loop {
                let mut notified = pin!(self.me.child_exit.notified());
                notified.as_mut().enable();
                if let Some(r) = self.try_wait_any()? {
                    return Ok(r);
                }
                notified.await;
            }
        })
        .await
    }

    /// Reap a child that has already ended, if there is one. `ECHILD` if
    /// there are no children at all.
    pub fn try_wait_any(&self) -> Result<Option<(Pid, Status)>> {
        let children = self.me.children.lock().clone();
        if children.is_empty() {
            return Err(Error::with_detail(Errno::ECHILD, "no living children"));
        }
        for pid in children {
            if let Some(s) = self.kernel.reap(&self.me, pid) {
                return Ok(Some((pid, s)));
            }
        }
        Ok(None)
    }

    /// Reap child `pid` if it has ended; `None` while it runs.
    pub fn try_wait(&self, pid: Pid) -> Result<Option<Status>> {
        if !self.me.children.lock().contains(&pid) {
            return Err(Error::with_detail(Errno::ECHILD, "no such child"));
        }
        Ok(self.kernel.reap(&self.me, pid))
    }

    /// The children not yet reaped.
    pub fn children(&self) -> Vec<Pid> {
        self.me.children.lock().clone()
    }

    /// Post a note to a process (`kill` ends it at once).
    pub fn kill(&self, pid: Pid, note: &str) -> Result<()> {
        self.kernel.post_note(pid, note)
    }

    /// Post a note to every process of a note group.
    pub fn kill_group(&self, noteid: Pid, note: &str) -> usize {
        self.kernel.post_note_group(noteid, note)
    }

    /// Catch notes instead of being ended by them (`kill` is never caught).
    pub fn catch_notes(&self, on: bool) {
        self.me.set_catching(on)
    }

    /// The oldest pending note, if any.
    pub fn take_note(&self) -> Option<String> {
        self.me.take_note()
    }

    /// A point where a long computation lets the system act: a note that
    /// ends the process takes effect here, a caught note answers `EINTR`,
    /// and other processes get to run now and then.
    pub async fn checkpoint(&self) -> Result<()> {
        if self.me.control_pending() {
            tokio::task::yield_now().await;
        }
        if self.me.catches_notes() && self.me.has_pending_note() {
            return Err(interrupted());
        }
        if self.me.tick() {
            tokio::task::yield_now().await;
        }
        Ok(())
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

    /// Random bytes from the system's entropy source.
    pub fn random(&self, n: usize) -> Vec<u8> {
        self.kernel.entropy.bytes(n)
    }

    // ---- namespace ----

    /// `bind new old`: make `old` show `new` (see `ns.rs`).
    pub async fn bind(&self, new: &str, old: &str, flags: MountFlags) -> Result<()> {
        let new_name = self.abs(new)?;
        let old_name = self.abs(old)?;
        let newloc = self.walk(&new_name, Last::Translate).await?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let who = self.caller();
        let (nst, ost) = self
            .blocking(ProcState::Open, async {
                let n = newloc.chan().server.stat(&who, &newloc.chan().path).await?;
                let o = oldchan.server.stat(&who, &oldchan.path).await?;
                Ok((n, o))
            })
            .await?;
        ns::check_kinds(nst.kind, ost.kind, flags)?;
        let members = match newloc {
            Loc::Plain(c) => vec![(c, flags, Source::Bind(new_name))],
            Loc::Mounted(ms) => {
                // Binding a union copies its members: the first takes the
                // new flags, the rest follow it.
                let mut v = vec![(ms[0].to.clone(), flags, Source::Bind(new_name))];
                for m in ms.iter().skip(1) {
                    let f = MountFlags {
                        order: ns::MountOrder::After,
                        ..m.flags
                    };
                    v.push((m.to.clone(), f, m.source.clone()));
                }
                v
            }
        };
        self.attach(oldchan, &old_name, members, flags);
        Ok(())
    }

    /// Mount `server` on the directory `old`. `source` is the name the
    /// namespace listing gives it (a /srv path or a `#x` device); `spec`
    /// selects a subtree of the server (9P's aname).
    pub async fn mount(
        &self,
        server: Arc<dyn Fileserver>,
        source: &str,
        old: &str,
        flags: MountFlags,
        spec: &str,
    ) -> Result<()> {
        let old_name = self.abs(old)?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let who = self.caller();
        let ost = self
            .blocking(ProcState::Open, oldchan.server.stat(&who, &oldchan.path))
            .await?;
        if !ost.is_dir() {
            return Err(Error::with_detail(Errno::ENOTDIR, "mount point is not a directory"));
        }
        let root = path::clean(&format!("/{spec}"));
        path::check(&root)?;
        let to = Chan::new(server, root);
        let st = self.blocking(ProcState::Open, to.server.stat(&who, &to.path)).await?;
        if !st.is_dir() {
            return Err(Error::with_detail(Errno::ENOTDIR, "mounted tree is not a directory"));
        }
        let source = Source::Mount {
            srv: source.to_string(),
            spec: spec.to_string(),
        };
        self.attach(oldchan, &old_name, vec![(to, flags, source)], flags);
        Ok(())
    }

    /// Mount the server posted at `srv` (a file of a srv-capable server,
    /// such as `/srv/NAME`) on `old`.
    pub async fn mount_srv(&self, srv: &str, old: &str, flags: MountFlags, spec: &str) -> Result<()> {
        let srv_name = self.abs(srv)?;
        let server = self.posted(&srv_name).await?;
        self.mount(server, &srv_name, old, flags, spec).await
    }

    /// The server posted at `name`.
    pub async fn posted(&self, name: &str) -> Result<Arc<dyn Fileserver>> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let srv = chan
            .server
            .as_srv()
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, "not a posted server"))?;
        srv.lookup(chan.path.trim_start_matches('/'))
    }

    /// Post `server` as `name` (a file in a srv-capable directory, such as
    /// `/srv/NAME`) for any process to mount. The post lasts while the
    /// answered [`Post`] lives, like a Plan 9 server's post made with
    /// ORCLOSE; [`Post::leave`] keeps it after the poster has gone.
    pub async fn post(&self, name: &str, server: Arc<dyn Fileserver>, description: &str) -> Result<Post> {
        let name = self.abs(name)?;
        let (dir, elem) =
            parent_and_elem(&name).ok_or_else(|| Error::with_detail(Errno::EINVAL, "bad service name"))?;
        let loc = self.walk(dir, Last::Translate).await?;
        let registry = loc.chan().server.clone();
        registry
            .as_srv()
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, "not a srv directory"))?
            .post(elem, server.clone(), description.to_string())?;
        Ok(Post {
            registry: Some(registry),
            name: elem.to_string(),
            server,
        })
    }

    fn attach(&self, old: Chan, old_name: &str, members: Vec<(Chan, MountFlags, Source)>, flags: MountFlags) {
        let group = self.ns_group();
        let mut g = group.lock();
        Arc::make_mut(&mut g).attach(old, old_name, members, flags, &self.kernel.mount_ids);
    }

    /// `unmount [new] old`: remove `new` from the mount point `old`, or
    /// everything mounted there.
    pub async fn unmount(&self, new: Option<&str>, old: &str) -> Result<()> {
        let old_name = self.abs(old)?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let new = match new {
            Some(n) => {
                let n = self.abs(n)?;
                // A /srv name that no longer resolves still matches by name.
                let chan = match self.walk(&n, Last::Translate).await {
                    Ok(loc) => Some(loc.chan().clone()),
                    Err(_) => None,
                };
                Some((chan, n))
            }
            None => None,
        };
        let group = self.ns_group();
        let mut g = group.lock();
        let new = new.as_ref().map(|(c, n)| (c.as_ref(), n.as_str()));
        Arc::make_mut(&mut g).detach(&oldchan, new)
    }

    /// Change this process's own groups (rfork without RFPROC).
    pub fn rfork(&self, r: Rfork) {
        let mut g = self.me.groups.lock();
        match r.ns {
            Some(Share::Copy) => {
                let ns = g.ns.lock().clone();
                g.ns = Arc::new(Mutex::new(ns));
            }
            Some(Share::Clean) => g.ns = Arc::new(Mutex::new(Arc::new(self.kernel.clean_namespace()))),
            _ => {}
        }
        match r.env {
            Some(Share::Copy) => {
                let env = g.env.lock().clone();
                g.env = Arc::new(Mutex::new(env));
            }
            Some(Share::Clean) => g.env = Arc::new(Mutex::new(Env::new())),
            _ => {}
        }
        match r.fds {
            Some(Share::Copy) => {
                let t = g.fds.lock().clone();
                g.fds = Arc::new(Mutex::new(t));
            }
            Some(Share::Clean) => {
                // The old table stays open for whoever else shares it; if
                // nobody does, its files close as their records drop.
                g.fds = Arc::new(Mutex::new(FdTable::default()));
            }
            _ => {}
        }
        drop(g);
        if r.new_note_group {
            self.me.new_group(self.me.pid);
        }
    }

    /// The namespace as replayable lines ending with `cd` (what
    /// `/proc/N/ns` shows).
    pub fn ns_text(&self) -> String {
        self.ns().render(&self.me.cwd())
    }

    // ---- conveniences ----

    /// Read a whole file.
    pub async fn read_file(&self, name: &str) -> Result<Vec<u8>> {
        let fd = self.open(name, OpenFlags::READ).await?;
        let r = self.read_to_end(fd).await;
        let _ = self.close(fd).await;
        r
    }

    /// Read from `fd` until end of file.
    pub async fn read_to_end(&self, fd: Fd) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let chunk = self.read(fd, 64 * 1024).await?;
            if chunk.is_empty() {
                return Ok(out);
            }
            if out.is_empty() {
                out = chunk;
            } else {
                out.extend_from_slice(&chunk);
            }
        }
    }

    /// Create or truncate a file and write `data` to it.
    pub async fn write_file(&self, name: &str, data: &[u8]) -> Result<()> {
        let fd = self.open(name, OpenFlags::WRITE).await?;
        let r = self.write(fd, data).await;
        let c = self.close(fd).await;
        r?;
        c
    }
}

/// A server posted by [`Proc::post`]; withdrawn when dropped, unless
/// [`left`](Post::leave) in place.
pub struct Post {
    registry: Option<Arc<dyn Fileserver>>,
    name: String,
    server: Arc<dyn Fileserver>,
}

impl Post {
    /// Keep the post after this guard (and its process) has gone.
    pub fn leave(mut self) {
        self.registry = None;
    }
}

impl Drop for Post {
    fn drop(&mut self) {
        let Some(registry) = self.registry.take() else { return };
        let Some(srv) = registry.as_srv() else { return };
        // Withdraw only our own post: the name may have been removed and
        // taken by another server since.
        if srv
            .lookup(&self.name)
            .is_ok_and(|s| std::ptr::addr_eq(Arc::as_ptr(&s), Arc::as_ptr(&self.server)))
        {
            let _ = srv.unpost(&self.name);
        }
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
