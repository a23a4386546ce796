//! The library API: a ninebox system kept running in the host process,
//! driven by calls that return structured results.
//!
//! A [`Sandbox`] is made by a [`Builder`] ([`Sandbox::builder`]): the
//! limits, a seed, environment variables, host directories to mount, and
//! extra native commands. It boots one system on a thread of its own and
//! keeps it until it is dropped, so what one call does (a file written, a
//! process left running) is there for the next.
//!
//! - [`Sandbox::exec`] runs a script in a fresh `sh` and returns its
//!   [`Output`]: stdout, stderr, the exit status and Plan 9's wait
//!   message. Each script gets a private copy of the namespace and the
//!   environment, so binds and `export`s end with it; the files it writes
//!   stay.
//! - [`Sandbox::read_file`], [`Sandbox::write_file`], [`Sandbox::list`],
//!   [`Sandbox::glob`], [`Sandbox::remove`], [`Sandbox::mkdir`] and
//!   [`Sandbox::stat`] are system calls made by the sandbox's first
//!   process (as the user `user`, in the boot namespace), never shell
//!   text: a path is a path, whatever characters it holds.
//!
//! Paths are absolute or relative to the home directory, `/home/user`;
//! a path with a `..` element or a NUL byte is refused
//! ([`Error::BadPath`]).
//!
//! The limits apply to every call: each script runs under the
//! `timeout` (ended with status 124), its stdout and stderr together
//! under `output` (cut with a final line saying so, [`Output::truncated`]),
//! and the system's processes, files and memory under the rest.
//!
//! The calls block the calling thread until the answer comes (from async
//! code, call them in `spawn_blocking`); any thread may call, and calls
//! from several threads run concurrently in the sandbox.
//!
//! (The README's example, run as a test.)
//!
//! ```
//! use std::time::Duration;
//! use boot::sandbox::Sandbox;
//!
//! let sb = Sandbox::builder()
//!     .profile("strict")
//!     .timeout(Duration::from_secs(5))
//!     .env("GREETING", "hello")
//!     .build()?;
//! sb.write_file("notes/todo.txt", b"buy milk\n")?;
//! let out = sb.exec("echo $GREETING; cat notes/todo.txt; exit 3")?;
//! assert_eq!(out.stdout, b"hello\nbuy milk\n");
//! assert_eq!((out.status, out.wait), (3, format!("sh {}: exit 3", out.pid)));
//! assert!(sb.read_file("../etc/passwd").is_err()); // `..` and NUL are refused
//! # Ok::<(), boot::sandbox::Error>(())
//! ```
#![warn(missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use kernel::limits::Unit;
use kernel::{Env, Errno, Limits, OpenFile, Pid, Proc, ProcState, Program, Rfork, Share, SpawnOpts, Target};
use tokio::sync::mpsc;
use userland::common::pattern::Pattern;

use crate::binds::Bind;
use crate::hostio::{self, HostIo, HostOut, Stream};
use crate::{Config, HOME, System};

/// How long a call may wait for the sandbox past its own time limit
/// before it gives up on a sandbox that does not answer.
const GRACE: Duration = Duration::from_secs(5);

/// The most directories one [`Sandbox::glob`] or recursive
/// [`Sandbox::remove`] visits.
const MAX_WALK: usize = 100_000;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The builder was given something it cannot use (an unknown limit, a
    /// bad value, an environment variable with `=` or NUL, a command name
    /// with `/`).
    #[error("{0}")]
    Config(String),
    /// A call was given something it cannot use (a NUL byte in a script,
    /// a bad environment variable).
    #[error("{0}")]
    Invalid(String),
    /// The system did not start (a host directory that cannot be bound,
    /// say).
    #[error("cannot start: {0}")]
    Start(String),
    /// A path the sandbox refuses to look up: empty, with a NUL byte, or
    /// with a `..` element.
    #[error("{path:?}: {reason}")]
    BadPath {
        /// The path as given.
        path: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// A system call failed: the file does not exist, is a directory,
    /// permission was denied, a limit was reached...
    #[error("{path}: {message}")]
    Fs {
        /// The path, made absolute.
        path: String,
        /// The error number.
        errno: Errno,
        /// The error text (a limit's own message when a limit refused).
        message: String,
    },
    /// The sandbox is gone (its system halted, or it did not answer
    /// within its time limit and was given up on).
    #[error("the sandbox is not running: {0}")]
    Stopped(String),
}

impl Error {
    /// True if the file (or a directory on its path) does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Fs { errno, .. } if *errno == Errno::ENOENT)
    }

    fn fs(path: &str, e: &kernel::Error) -> Error {
        Error::Fs {
            path: path.to_string(),
            errno: e.code(),
            message: kernel::limits::describe(e).to_string(),
        }
    }
}

/// What a script did: everything it wrote and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Everything written to fd 1.
    pub stdout: Vec<u8>,
    /// Everything written to fd 2.
    pub stderr: Vec<u8>,
    /// The exit status as a shell sees it: 0 for success, 128 + N for a
    /// process ended by a note, 124 past the time limit, 126 or 127 when
    /// the shell could not start.
    pub status: i32,
    /// Plan 9's wait message: empty for success, else `sh PID: exit N`,
    /// `sh PID: NOTE` for a note, or `sh PID: time limit reached (...)`.
    pub wait: String,
    /// The shell's pid (0 if it could not start).
    pub pid: Pid,
    /// True if the output limit cut stdout or stderr: the rest was
    /// dropped and stderr ends with a line saying so.
    pub truncated: bool,
}

impl Output {
    /// The output as `ninebox --json` prints it: `stdout`, `stderr` (or
    /// `stdout_base64`, `stderr_base64` where the bytes are not UTF-8),
    /// `status`, `wait` and `truncated`.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().build()?;
    /// let out = sb.exec(r"echo hi; printf '\377' >&2; exit 1")?;
    /// let json = out.to_json();
    /// assert_eq!(json["stdout"], "hi\n");
    /// assert_eq!(json["stderr_base64"], "/w==");
    /// assert_eq!(json["status"], 1);
    /// assert_eq!(json["wait"], format!("sh {}: exit 1", out.pid));
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        to_json(self)
    }

    /// Stdout as text (invalid UTF-8 replaced by U+FFFD).
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Stderr as text (invalid UTF-8 replaced by U+FFFD).
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// [`Output::to_json`].
pub fn to_json(out: &Output) -> serde_json::Value {
    use base64::Engine as _;
    let mut o = serde_json::Map::new();
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        match std::str::from_utf8(bytes) {
            Ok(s) => o.insert(name.into(), s.into()),
            Err(_) => o.insert(
                format!("{name}_base64"),
                base64::engine::general_purpose::STANDARD.encode(bytes).into(),
            ),
        };
    }
    o.insert("status".into(), out.status.into());
    o.insert("wait".into(), out.wait.clone().into());
    o.insert("truncated".into(), out.truncated.into());
    serde_json::Value::Object(o)
}

/// What a script runs with besides its text ([`Sandbox::exec_with`]).
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// The script's fd 0 (empty by default: reads see end of file).
    pub stdin: Vec<u8>,
    /// `$1`, `$2`...; `$0` is `sh`.
    pub args: Vec<String>,
    /// Variables set for this script only, over the sandbox's.
    pub env: Vec<(String, String)>,
    /// The working directory (default: the home directory).
    pub cwd: Option<String>,
    /// A time limit for this script; it cannot be longer than the
    /// sandbox's `timeout` limit.
    pub timeout: Option<Duration>,
}

/// The kind of a file.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A plain file (native commands in `/bin` are files too).
    File,
    /// A directory.
    Dir,
    /// A device or stream (`/dev/null`, the console, a pipe).
    Device,
}

impl Kind {
    fn of(t: kernel::NodeType) -> Kind {
        match t {
            kernel::NodeType::File => Kind::File,
            kernel::NodeType::Dir => Kind::Dir,
            kernel::NodeType::Device => Kind::Device,
        }
    }
}

/// A file's metadata ([`Sandbox::stat`], [`Sandbox::list`],
/// [`Sandbox::glob`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// The absolute path.
    pub path: String,
    /// The last element of the path (`/` for the root).
    pub name: String,
    /// File, directory or device.
    pub kind: Kind,
    /// Bytes (0 for directories and streams).
    pub size: u64,
    /// Permission bits, where the server keeps them.
    pub mode: Option<u32>,
    /// Last modification, in milliseconds since the Unix epoch (0 if not
    /// kept).
    pub mtime_ms: u64,
    /// The owner's uid, where the server keeps it.
    pub uid: Option<u32>,
}

/// A process in the sandbox ([`Sandbox::processes`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessInfo {
    /// Its pid.
    pub pid: Pid,
    /// Its parent's pid.
    pub ppid: Pid,
    /// Its note group.
    pub noteid: Pid,
    /// The program's name (the last element of `argv[0]`).
    pub name: String,
    /// Its arguments, `argv[0]` first.
    pub argv: Vec<String>,
    /// Its owner.
    pub user: String,
    /// What it is doing, as `ps` says it (`Running`, `Sleep`, `Wait`...).
    pub state: String,
    /// CPU time used, in milliseconds.
    pub cpu_ms: u64,
    /// Time since it started, in milliseconds.
    pub real_ms: u64,
    /// Bytes of counted memory it holds.
    pub mem: u64,
}

impl Metadata {
    /// True for a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Dir
    }
}

/// Makes a [`Sandbox`]. Every setting is checked by [`Builder::build`],
/// which reports the first bad one.
///
/// ```
/// use std::time::Duration;
/// use boot::sandbox::Sandbox;
///
/// let sb = Sandbox::builder()
///     .profile("strict")
///     .limit("procs", "64")
///     .timeout(Duration::from_secs(5))
///     .build()?;
/// assert_eq!(sb.limits().max_procs, 64);
/// assert!(Sandbox::builder().limit("nosuch", "1").build().is_err());
/// # Ok::<(), boot::sandbox::Error>(())
/// ```
#[derive(Default)]
pub struct Builder {
    limits: Option<Limits>,
    errors: Vec<String>,
    overrides: Vec<(String, String)>,
    timeout: Option<Option<Duration>>,
    seed: Option<u64>,
    env: Vec<(String, String)>,
    binds: Vec<Bind>,
    commands: Vec<(String, Program)>,
}

impl Builder {
    /// Start from a profile of limits: `standard` (the default), `strict`
    /// or `unlimited` (see `specs/limits.md`).
    pub fn profile(mut self, name: &str) -> Builder {
        match Limits::profile(name) {
            Some(l) => self.limits = Some(l),
            None => self
                .errors
                .push(format!("limits profile {name}: expected standard, strict or unlimited")),
        }
        self
    }

    /// Start from these limits instead of a profile.
    pub fn limits(mut self, limits: Limits) -> Builder {
        self.limits = Some(limits);
        self
    }

    /// Set one limit by name, as `--limit NAME=VALUE` does
    /// (`limit("output", "1M")`, `limit("timeout", "30s")`); applied after
    /// the profile, in order.
    pub fn limit(mut self, name: &str, value: &str) -> Builder {
        self.overrides.push((name.to_string(), value.to_string()));
        self
    }

    /// The time each script may take (the `timeout` limit); past it the
    /// script's processes are killed and [`Sandbox::exec`] answers
    /// status 124.
    pub fn timeout(mut self, t: Duration) -> Builder {
        self.timeout = Some(Some(t));
        self
    }

    /// Make the sandbox reproducible: the clock starts at
    /// 2026-01-01T00:00:00Z and every random byte comes from `seed`.
    pub fn seed(mut self, seed: u64) -> Builder {
        self.seed = Some(seed);
        self
    }

    /// An environment variable every script sees.
    pub fn env(mut self, key: &str, value: &str) -> Builder {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Mount a host directory (as `--bind` does): nothing inside can reach
    /// outside it.
    pub fn bind(mut self, bind: Bind) -> Builder {
        self.binds.push(bind);
        self
    }

    /// Install a native program as `/bin/NAME`.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    /// use kernel::Program;
    ///
    /// let hello = Program::new("hello", |p| async move {
    ///     let who = p.argv().get(1).cloned().unwrap_or_default();
    ///     match p.write(1, format!("hello, {who}\n").as_bytes()).await {
    ///         Ok(_) => 0,
    ///         Err(_) => 1,
    ///     }
    /// });
    /// let sb = Sandbox::builder().command("hello", hello).build()?;
    /// assert_eq!(sb.exec("hello world | tr a-z A-Z")?.stdout, b"HELLO, WORLD\n");
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn command(mut self, name: &str, program: Program) -> Builder {
        self.commands.push((name.to_string(), program));
        self
    }

    /// The limits the settings make.
    fn resolved_limits(&self) -> Result<Limits, Error> {
        if let Some(e) = self.errors.first() {
            return Err(Error::Config(e.clone()));
        }
        let mut l = self.limits.clone().unwrap_or_default();
        for (name, value) in &self.overrides {
            l.set(name, value).map_err(|e| Error::Config(format!("limit {e}")))?;
        }
        if let Some(t) = self.timeout {
            l.timeout = t;
        }
        Ok(l)
    }

    /// Check the settings, boot the system and start its first process.
    pub fn build(self) -> Result<Sandbox, Error> {
        let limits = self.resolved_limits()?;
        for (k, v) in &self.env {
            if k.is_empty() || k.contains(['=', '\0']) || v.contains('\0') {
                return Err(Error::Config(format!(
                    "environment variable {k:?}: a name must be non-empty without '=' or NUL, a value without NUL"
                )));
            }
        }
        for (name, _) in &self.commands {
            if name.is_empty() || name.contains(['/', '\0']) || name == "." || name == ".." {
                return Err(Error::Config(format!("command name {name:?}: expected a file name")));
            }
        }
        let config = Config {
            seed: self.seed,
            limits: limits.clone(),
            binds: self.binds,
            ..Default::default()
        };
        let (jobs, rx) = mpsc::unbounded_channel();
        let (ready_tx, ready_rx) = std_mpsc::channel();
        let (env, commands) = (self.env, self.commands);
        std::thread::Builder::new()
            .name("ninebox-sandbox".into())
            .stack_size(512 << 20)
            .spawn(move || system_thread(config, env, commands, rx, ready_tx))
            .map_err(|e| Error::Start(format!("cannot start the system's thread: {e}")))?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok(Sandbox { jobs, limits }),
            Ok(Err(e)) => Err(Error::Start(e)),
            Err(_) => Err(Error::Start("the system ended while starting".into())),
        }
    }
}

/// A job for the first process: a call made with its `Proc`.
type Job = Box<dyn FnOnce(Proc) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

/// A running ninebox system. Dropping it stops the system: every process
/// in it is killed.
pub struct Sandbox {
    jobs: mpsc::UnboundedSender<Job>,
    limits: Limits,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox").field("limits", &self.limits).finish()
    }
}

/// The sandbox's thread: boot, run pid 1 until the sandbox is dropped,
/// then kill what is left.
fn system_thread(
    config: Config,
    env: Vec<(String, String)>,
    commands: Vec<(String, Program)>,
    rx: mpsc::UnboundedReceiver<Job>,
    ready: std_mpsc::Sender<Result<(), String>>,
) {
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            let _ = ready.send(Err(format!("cannot make a runtime: {e}")));
            return;
        }
    };
    rt.block_on(async move {
        let system = System::new(&config);
        for (name, program) in commands {
            if let Err(e) = system.root.install_program(&format!("/bin/{name}"), program) {
                let _ = ready.send(Err(format!("/bin/{name}: {e}")));
                return;
            }
        }
        if let Err(e) = system.bind_hosts(&config.binds) {
            let _ = ready.send(Err(e));
            return;
        }
        system.console.hangup();
        // Nothing reads the console: what is written to /dev/cons is
        // dropped, so that writers never wait.
        let console = system.console.clone();
        let pump = tokio::spawn(async move {
            loop {
                drop(console.take_output().await);
            }
        });
        // Pid 1's own messages (a bind that fails to mount).
        let boot_out = HostOut::capture(&config.limits);
        let stdio = match boot_stdio(&boot_out).await {
            Ok(s) => s,
            Err(e) => {
                let _ = ready.send(Err(format!("cannot open pid 1's stdio: {e}")));
                return;
            }
        };
        let (up_tx, up_rx) = tokio::sync::oneshot::channel();
        let init = match system.start_with(stdio, move |p| pid1(p, env, rx, up_tx)) {
            Ok(init) => init,
            Err(e) => {
                let _ = ready.send(Err(e.to_string()));
                return;
            }
        };
        tokio::select! {
            up = up_rx => match up {
                Ok(Ok(())) => { let _ = ready.send(Ok(())); }
                Ok(Err(e)) => { let _ = ready.send(Err(e)); }
                Err(_) => {}
            },
            _ = init.exited() => {}
        }
        if init.is_zombie() {
            let (_, err) = boot_out.take();
            let _ = ready.send(Err(String::from_utf8_lossy(&err).trim_end().to_string()));
        }
        init.exited().await;
        system.kernel.halt(0, "the sandbox was dropped".into());
        for _ in 0..100 {
            if system.kernel.processes().iter().all(|p| p.is_zombie()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        pump.abort();
    });
}

/// Pid 1's stdio: fd 0 empty, fds 1 and 2 kept by `out`.
async fn boot_stdio(out: &Arc<HostOut>) -> kernel::Result<Vec<Arc<OpenFile>>> {
    let host = HostIo::new(out.clone());
    Ok(vec![
        empty_input(),
        hostio::open(&host, "/stdout").await?,
        hostio::open(&host, "/stderr").await?,
    ])
}

/// An open file that is at its end.
fn empty_input() -> Arc<OpenFile> {
    let blob = kernel::blob::Blob::new(Vec::new());
    let opened = blob.open_data();
    OpenFile::new(
        kernel::Chan::new(Arc::new(blob), "/data"),
        opened.handle,
        opened.qid,
        kernel::OpenFlags::READ,
        "#|/stdin".into(),
    )
}

/// Pid 1 of a sandbox: set the environment, then run each call it is
/// handed on a task of its own, until the sandbox is dropped.
async fn pid1(
    p: Proc,
    env: Vec<(String, String)>,
    mut rx: mpsc::UnboundedReceiver<Job>,
    up: tokio::sync::oneshot::Sender<Result<(), String>>,
) -> i32 {
    for (k, v) in &env {
        if let Err(e) = p.setenv(k, v) {
            let _ = up.send(Err(format!("environment variable {k}: {e}")));
            return 1;
        }
    }
    let _ = up.send(Ok(()));
    loop {
        match p.blocking(ProcState::Pread, async { Ok(rx.recv().await) }).await {
            Ok(Some(job)) => drop(tokio::spawn(job(p.clone()))),
            Ok(None) | Err(_) => return 0,
        }
    }
}

/// How to run one shell ([`run_shell`]).
pub(crate) struct Run {
    /// The shell's argv, `sh` first.
    pub argv: Vec<String>,
    /// Its whole environment (default: the caller's).
    pub env: Option<Env>,
    /// Its working directory (default: the caller's).
    pub cwd: Option<String>,
    /// Past this the shell's note group is killed and the status is 124.
    pub timeout: Option<Duration>,
}

/// How a shell ended.
#[derive(Clone, Debug)]
pub(crate) struct Ended {
    pub status: i32,
    pub wait: String,
    pub pid: Pid,
}

/// Run `sh` as a child of `p` in a note group of its own, with `stdio`
/// as its fds 0, 1 and 2 and nothing else open, and wait for it within
/// `run.timeout`. Past the timeout the shell and every process it started
/// (background jobs included) are killed and `out` gets the limit's message on stderr. The one way a
/// script is run for [`Sandbox::exec`] and for `ninebox --json`.
pub(crate) async fn run_shell(p: &Proc, run: Run, stdio: [Arc<OpenFile>; 3], out: &HostOut) -> Ended {
    let failed = |e: &kernel::Error| Ended {
        status: kernel::exec::failure_status(e),
        wait: format!("sh: {e}"),
        pid: 0,
    };
    let mut fds = Vec::new();
    for f in stdio {
        match p.install(f, 3, true) {
            Ok(fd) => fds.push(fd),
            Err(e) => {
                for fd in fds {
                    let _ = p.close(fd).await;
                }
                let _ = out.write(Stream::Stderr, format!("sh: {e}\n").as_bytes());
                return failed(&e);
            }
        }
    }
    let opts = SpawnOpts {
        argv: run.argv,
        env: run.env,
        cwd: run.cwd,
        rfork: Rfork {
            fds: Share::Clean,
            new_note_group: true,
            ..Rfork::FORK
        },
        fd_map: (0u32..).zip(fds.iter()).map(|(i, &fd)| (i, Some(fd))).collect(),
    };
    let spawned = p.spawn(Target::Path("/bin/sh".into()), opts).await;
    for fd in fds {
        let _ = p.close(fd).await;
    }
    let pid = match spawned {
        Ok(pid) => pid,
        Err(e) => {
            let _ = out.write(Stream::Stderr, format!("sh: {e}\n").as_bytes());
            return failed(&e);
        }
    };
    let waited = match run.timeout {
        Some(t) => tokio::time::timeout(t, p.wait(pid)).await.ok(),
        None => Some(p.wait(pid).await),
    };
    match waited {
        Some(Ok(st)) => Ended {
            status: st.code,
            wait: st.wait_msg("sh", pid),
            pid,
        },
        Some(Err(e)) => Ended {
            status: 1,
            wait: format!("sh {pid}: wait: {e}"),
            pid,
        },
        None => {
            kill_tree(p.kernel(), pid, p.process().noteid());
            let _ = tokio::time::timeout(GRACE, p.wait(pid)).await;
            let ms = run.timeout.map_or(0, |t| t.as_millis() as u64);
            let message = kernel::limits::reached("timeout", ms);
            let _ = out.write(Stream::Stderr, format!("ninebox: {message}\n").as_bytes());
            Ended {
                status: 124,
                wait: format!("sh {pid}: {message}"),
                pid,
            }
        }
    }
}

/// Kill `root`, every process descended from it, and every process of
/// their note groups (the shell starts each background job in a note
/// group of its own). The tree is taken before any note is posted: once a
/// parent is gone its children no longer name it.
/// The caller's own note group (`spare`) is never joined, so a script
/// that moved into it cannot take the caller down with it.
fn kill_tree(kernel: &kernel::Kernel, root: Pid, spare: Pid) {
    let procs = kernel.processes();
    let mut pids = std::collections::HashSet::from([root]);
    let mut groups = std::collections::HashSet::from([root]);
    loop {
        let before = (pids.len(), groups.len());
        for q in &procs {
            if q.noteid() != spare && (pids.contains(&q.ppid()) || groups.contains(&q.noteid())) {
                pids.insert(q.pid);
                groups.insert(q.noteid());
            }
        }
        if (pids.len(), groups.len()) == before {
            break;
        }
    }
    for q in procs {
        if pids.contains(&q.pid) && !q.is_zombie() {
            let _ = kernel.post_note(q.pid, "kill");
        }
    }
}

/// A path made absolute (relative ones are under the home directory)
/// and clean, or why it is refused.
pub(crate) fn guest_path(path: &str) -> Result<String, Error> {
    let bad = |reason| {
        Err(Error::BadPath {
            path: path.to_string(),
            reason,
        })
    };
    if path.is_empty() {
        return bad("empty path");
    }
    if path.contains('\0') {
        return bad("a path cannot hold a NUL byte");
    }
    if path.split('/').any(|e| e == "..") {
        return bad("a path cannot hold a '..' element");
    }
    Ok(if path.starts_with('/') {
        kernel::path::clean(path)
    } else {
        kernel::path::clean(&format!("{HOME}/{path}"))
    })
}

/// `dir/name`, for a clean absolute `dir`.
fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

async fn stat_in(p: &Proc, path: &str) -> Result<Metadata, Error> {
    let st = p.stat(path).await.map_err(|e| Error::fs(path, &e))?;
    Ok(Metadata {
        path: path.to_string(),
        name: if path == "/" { "/".into() } else { st.name },
        kind: Kind::of(st.kind),
        size: st.size,
        mode: st.mode,
        mtime_ms: st.mtime,
        uid: st.uid,
    })
}

/// The entries of a directory, each stat'ed, by name; a union's
/// duplicates once.
async fn list_in(p: &Proc, dir: &str) -> Result<Vec<Metadata>, Error> {
    let st = stat_in(p, dir).await?;
    if !st.is_dir() {
        return Err(Error::fs(dir, &Errno::ENOTDIR.into()));
    }
    let mut names: Vec<String> = p
        .readdir(dir)
        .await
        .map_err(|e| Error::fs(dir, &e))?
        .into_iter()
        .map(|e| e.name)
        .collect();
    names.sort();
    names.dedup();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        // An entry that went away between the listing and the stat is
        // left out.
        if let Ok(m) = stat_in(p, &join(dir, &name)).await {
            out.push(m);
        }
    }
    Ok(out)
}

/// Make `path` and its missing parents.
async fn mkdir_in(p: &Proc, path: &str) -> Result<(), Error> {
    let mut at = String::new();
    for elem in path.split('/').filter(|e| !e.is_empty()) {
        at.push('/');
        at.push_str(elem);
        match p.stat(&at).await {
            Ok(st) if st.kind.is_dir() => continue,
            Ok(_) => return Err(Error::fs(&at, &Errno::ENOTDIR.into())),
            Err(e) if e.is(Errno::ENOENT) => {}
            Err(e) => return Err(Error::fs(&at, &e)),
        }
        match p.mkdir(&at, 0o777).await {
            Ok(()) => {}
            // Made meanwhile by someone else.
            Err(e) if e.is(Errno::EEXIST) => {}
            Err(e) => return Err(Error::fs(&at, &e)),
        }
    }
    Ok(())
}

async fn remove_in(p: &Proc, path: &str, recursive: bool) -> Result<(), Error> {
    if path == "/" {
        return Err(Error::BadPath {
            path: path.into(),
            reason: "the root cannot be removed",
        });
    }
    let top = stat_in(p, path).await?;
    if !(recursive && top.is_dir()) {
        return p.remove(path).await.map_err(|e| Error::fs(path, &e));
    }
    // Every directory under `path`, parents before children; the files
    // go as they are found, the directories afterwards, deepest first.
    let mut dirs = vec![path.to_string()];
    let mut i = 0;
    while i < dirs.len() {
        if dirs.len() > MAX_WALK {
            return Err(Error::fs(
                path,
                &kernel::Error::with_detail(Errno::E2BIG, "too many directories"),
            ));
        }
        let dir = dirs[i].clone();
        for e in list_in(p, &dir).await? {
            if e.is_dir() {
                dirs.push(e.path);
            } else {
                p.remove(&e.path).await.map_err(|err| Error::fs(&e.path, &err))?;
            }
        }
        i += 1;
    }
    for d in dirs.iter().rev() {
        p.remove(d).await.map_err(|e| Error::fs(d, &e))?;
    }
    Ok(())
}

/// The files matching a pattern of path elements: `*`, `?` and `[...]`
/// within an element, `**` for any number of directories. Names starting
/// with `.` match only an element that starts with `.`.
async fn glob_in(p: &Proc, pattern: &str) -> Result<Vec<Metadata>, Error> {
    let elems: Vec<&str> = pattern.split('/').filter(|e| !e.is_empty()).collect();
    let mut found = std::collections::BTreeMap::new();
    // (a directory, the index of the element to match in it)
    let mut todo = vec![("/".to_string(), 0usize)];
    let mut seen = std::collections::HashSet::new();
    let mut visited = 0usize;
    while let Some((dir, i)) = todo.pop() {
        if !seen.insert((dir.clone(), i)) {
            continue;
        }
        let Some(&elem) = elems.get(i) else {
            if let Ok(m) = stat_in(p, &dir).await {
                found.insert(dir, m);
            }
            continue;
        };
        let pat = Pattern::parse(elem);
        if elem != "**" && !pat.has_meta() {
            let next = join(&dir, &pat.as_literal().unwrap_or_default());
            if p.stat(&next).await.is_ok() {
                todo.push((next, i + 1));
            }
            continue;
        }
        visited += 1;
        if visited > MAX_WALK {
            return Err(Error::fs(
                pattern,
                &kernel::Error::with_detail(Errno::E2BIG, "the pattern visits too many directories"),
            ));
        }
        let Ok(entries) = list_in(p, &dir).await else {
            continue;
        };
        for e in entries {
            if e.name.starts_with('.') && !elem.starts_with('.') {
                continue;
            }
            if elem == "**" {
                if e.is_dir() {
                    todo.push((e.path.clone(), i));
                }
            } else if pat.matches(&e.name) {
                todo.push((e.path.clone(), i + 1));
            }
        }
        if elem == "**" {
            todo.push((dir, i + 1));
        }
    }
    Ok(found.into_values().collect())
}

impl Sandbox {
    /// A builder with the standard limits, the real clock and host
    /// entropy, and nothing bound.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Hand `f` to pid 1 and wait for its answer, at most `bound` (and a
    /// grace period).
    fn call<T, F, Fut>(&self, bound: Option<Duration>, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(Proc) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, Error>> + Send + 'static,
    {
        let gone = || Error::Stopped("the system has ended".into());
        let (tx, rx) = std_mpsc::sync_channel(1);
        let job: Job = Box::new(move |p| {
            Box::pin(async move {
                let _ = tx.send(f(p).await);
            })
        });
        self.jobs.send(job).map_err(|_| gone())?;
        match bound {
            Some(b) => match rx.recv_timeout(b + GRACE) {
                Ok(r) => r,
                Err(std_mpsc::RecvTimeoutError::Timeout) => Err(Error::Stopped(format!(
                    "no answer within {} of the time limit",
                    Unit::Time.show(GRACE.as_millis() as u64)
                ))),
                Err(std_mpsc::RecvTimeoutError::Disconnected) => Err(gone()),
            },
            None => rx.recv().map_err(|_| gone())?,
        }
    }

    /// Run `script` in a fresh `sh` (`sh -c SCRIPT`) with empty stdin, in
    /// the home directory, and wait for it to end.
    ///
    /// A failing script is not an error: its status says how it ended.
    /// The error cases are bad input (a NUL byte in the script, a working
    /// directory that is not one) and a sandbox that is no longer running.
    /// Without a `timeout` limit (the standard profile has none) a script
    /// that never ends is waited for forever.
    ///
    /// ```
    /// use std::time::Duration;
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().timeout(Duration::from_millis(300)).build()?;
    /// let out = sb.exec("echo start; while :; do :; done")?;
    /// assert_eq!(out.status, 124);
    /// assert_eq!(out.stdout, b"start\n");
    /// assert!(out.stderr_text().contains("time limit reached"));
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn exec(&self, script: &str) -> Result<Output, Error> {
        self.exec_with(script, ExecOptions::default())
    }

    /// [`Sandbox::exec`] with stdin, arguments, variables, a working
    /// directory or a shorter time limit.
    ///
    /// ```
    /// use boot::sandbox::{ExecOptions, Sandbox};
    ///
    /// let sb = Sandbox::builder().build()?;
    /// sb.mkdir("/tmp/work")?;
    /// let out = sb.exec_with(
    ///     r#"pwd; echo "$1 $WHO"; tr a-z A-Z"#,
    ///     ExecOptions {
    ///         stdin: b"from stdin\n".to_vec(),
    ///         args: vec!["arg".into()],
    ///         env: vec![("WHO".into(), "me".into())],
    ///         cwd: Some("/tmp/work".into()),
    ///         ..Default::default()
    ///     },
    /// )?;
    /// assert_eq!(out.stdout_text(), "/tmp/work\narg me\nFROM STDIN\n");
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn exec_with(&self, script: &str, opts: ExecOptions) -> Result<Output, Error> {
        let nul = |what: &str| Error::Invalid(format!("{what} holds a NUL byte"));
        if script.contains('\0') {
            return Err(nul("the script"));
        }
        if opts.args.iter().any(|a| a.contains('\0')) {
            return Err(nul("an argument"));
        }
        for (k, v) in &opts.env {
            if k.is_empty() || k.contains(['=', '\0']) || v.contains('\0') {
                return Err(Error::Invalid(format!(
                    "environment variable {k:?}: a name must be non-empty without '=' or NUL, a value without NUL"
                )));
            }
        }
        let cwd = opts.cwd.as_deref().map(guest_path).transpose()?;
        let timeout = match (opts.timeout, self.limits.timeout) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let limits = self.limits.clone();
        let mut argv = vec!["sh".to_string(), "-c".to_string(), script.to_string(), "sh".to_string()];
        argv.extend(opts.args);
        self.call(timeout, move |p| async move {
            if let Some(dir) = &cwd {
                let st = stat_in(&p, dir).await?;
                if !st.is_dir() {
                    return Err(Error::fs(dir, &Errno::ENOTDIR.into()));
                }
            }
            let env = (!opts.env.is_empty()).then(|| {
                let mut env = p.environ();
                env.extend(opts.env);
                env
            });
            let out = HostOut::capture(&limits);
            let host = HostIo::new(out.clone());
            let files = match (
                hostio::open(&host, "/stdout").await,
                hostio::open(&host, "/stderr").await,
            ) {
                (Ok(o), Ok(e)) => [p.open_bytes(opts.stdin, "#|/stdin"), o, e],
                (Err(e), _) | (_, Err(e)) => return Err(Error::fs("#h", &e)),
            };
            let run = Run {
                argv,
                env,
                cwd: cwd.or_else(|| Some(HOME.to_string())),
                timeout,
            };
            let ended = run_shell(&p, run, files, &out).await;
            let (stdout, stderr) = out.take();
            Ok(Output {
                stdout,
                stderr,
                status: ended.status,
                wait: ended.wait,
                pid: ended.pid,
                truncated: out.truncated(),
            })
        })
    }

    /// The bound of a file call: the time limit, if there is one.
    fn file_call<T, F, Fut>(&self, path: &str, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(Proc, String) -> Fut + Send + 'static,
        Fut: Future<Output = Result<T, Error>> + Send + 'static,
    {
        let path = guest_path(path)?;
        self.call(self.limits.timeout, move |p| f(p, path))
    }

    /// The whole contents of a file.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().build()?;
    /// assert!(sb.read_file("/etc/hostname")?.starts_with(b"ninebox"));
    /// let missing = sb.read_file("no/such/file").unwrap_err();
    /// assert!(missing.is_not_found());
    /// assert_eq!(missing.to_string(), "/home/user/no/such/file: No such file or directory");
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn read_file(&self, path: &str) -> Result<Vec<u8>, Error> {
        self.file_call(path, |p, path| async move {
            let st = stat_in(&p, &path).await?;
            if st.is_dir() {
                return Err(Error::fs(&path, &Errno::EISDIR.into()));
            }
            p.read_file(&path).await.map_err(|e| Error::fs(&path, &e))
        })
    }

    /// Create or replace a file with `data`, making its missing parent
    /// directories.
    pub fn write_file(&self, path: &str, data: &[u8]) -> Result<(), Error> {
        let data = data.to_vec();
        self.file_call(path, |p, path| async move {
            if let Some((parent, _)) = path.rsplit_once('/')
                && !parent.is_empty()
            {
                mkdir_in(&p, parent).await?;
            }
            p.write_file(&path, &data).await.map_err(|e| Error::fs(&path, &e))
        })
    }

    /// The entries of a directory, sorted by name.
    ///
    /// ```
    /// use boot::sandbox::{Kind, Sandbox};
    ///
    /// let sb = Sandbox::builder().build()?;
    /// sb.write_file("src/main.rs", b"fn main() {}\n")?;
    /// sb.mkdir("src/bin")?;
    /// let names: Vec<(String, Kind, u64)> =
    ///     sb.list("src")?.into_iter().map(|m| (m.name, m.kind, m.size)).collect();
    /// assert_eq!(names, [("bin".into(), Kind::Dir, 0), ("main.rs".into(), Kind::File, 13)]);
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn list(&self, path: &str) -> Result<Vec<Metadata>, Error> {
        self.file_call(path, |p, path| async move { list_in(&p, &path).await })
    }

    /// The files whose paths match `pattern`, sorted: `*`, `?` and
    /// `[...]` match within one path element, `**` any number of
    /// directories. Relative patterns are under the home directory.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().build()?;
    /// for f in ["a.txt", "b.md", "deep/er/c.txt"] {
    ///     sb.write_file(f, b"x")?;
    /// }
    /// let paths: Vec<String> = sb.glob("**/*.txt")?.into_iter().map(|m| m.path).collect();
    /// assert_eq!(paths, ["/home/user/a.txt", "/home/user/deep/er/c.txt"]);
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn glob(&self, pattern: &str) -> Result<Vec<Metadata>, Error> {
        self.file_call(pattern, |p, pattern| async move { glob_in(&p, &pattern).await })
    }

    /// Remove a file or an empty directory; with `recursive`, a directory
    /// and everything in it.
    pub fn remove(&self, path: &str, recursive: bool) -> Result<(), Error> {
        self.file_call(
            path,
            move |p, path| async move { remove_in(&p, &path, recursive).await },
        )
    }

    /// Make a directory and its missing parents; one that exists already
    /// is not an error.
    pub fn mkdir(&self, path: &str) -> Result<(), Error> {
        self.file_call(path, |p, path| async move { mkdir_in(&p, &path).await })
    }

    /// A file's metadata.
    pub fn stat(&self, path: &str) -> Result<Metadata, Error> {
        self.file_call(path, |p, path| async move { stat_in(&p, &path).await })
    }

    /// Rename (move) a file or directory; both paths are checked as every
    /// path is. The file server does the move, so both must be on the same
    /// one (`EXDEV` otherwise), and a mount point cannot be moved.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().build()?;
    /// sb.write_file("a.txt", b"x")?;
    /// sb.rename("a.txt", "sub/b.txt")?;
    /// assert_eq!(sb.read_file("sub/b.txt")?, b"x");
    /// assert!(sb.stat("a.txt").unwrap_err().is_not_found());
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn rename(&self, from: &str, to: &str) -> Result<(), Error> {
        let to = guest_path(to)?;
        self.file_call(from, move |p, from| async move {
            stat_in(&p, &from).await?;
            if let Some((parent, _)) = to.rsplit_once('/')
                && !parent.is_empty()
            {
                mkdir_in(&p, parent).await?;
            }
            p.rename(&from, &to).await.map_err(|e| Error::fs(&from, &e))
        })
    }

    /// Every live process in the sandbox, by pid (pid 1 is the sandbox's
    /// own first process; a script's shell and what it left running in
    /// the background follow).
    pub fn processes(&self) -> Result<Vec<ProcessInfo>, Error> {
        self.call(self.limits.timeout, |p| async move {
            let mut out: Vec<ProcessInfo> = p
                .kernel()
                .processes()
                .into_iter()
                .filter(|q| !q.is_zombie())
                .map(|q| {
                    let argv: Vec<String> = q.argv().to_vec();
                    let a0 = argv.first().map(String::as_str).unwrap_or("");
                    ProcessInfo {
                        pid: q.pid,
                        ppid: q.ppid(),
                        noteid: q.noteid(),
                        name: a0.rsplit('/').next().unwrap_or(a0).to_string(),
                        user: q.user.to_string(),
                        state: q.state().name().to_string(),
                        cpu_ms: q.cpu_ms(),
                        real_ms: q.real_ms(),
                        mem: q.mem(),
                        argv,
                    }
                })
                .collect();
            out.sort_by_key(|q| q.pid);
            Ok(out)
        })
    }

    /// Post the note `note` (`kill`, `interrupt`, `hangup`...) to process
    /// `pid`, as writing it to `/proc/PID/note` does. Pid 1, the
    /// sandbox's own first process, cannot be sent a note this way.
    ///
    /// ```
    /// use boot::sandbox::Sandbox;
    ///
    /// let sb = Sandbox::builder().build()?;
    /// sb.exec("sleep 1000 &")?;
    /// let sleeper = sb.processes()?.into_iter().find(|q| q.name == "sleep").unwrap();
    /// sb.kill(sleeper.pid, "kill")?;
    /// # for _ in 0..100 {
    /// #     if !sb.processes()?.iter().any(|q| q.pid == sleeper.pid) { break; }
    /// #     std::thread::sleep(std::time::Duration::from_millis(10));
    /// # }
    /// assert!(!sb.processes()?.iter().any(|q| q.pid == sleeper.pid));
    /// assert!(sb.kill(1, "kill").is_err());
    /// # Ok::<(), boot::sandbox::Error>(())
    /// ```
    pub fn kill(&self, pid: Pid, note: &str) -> Result<(), Error> {
        if pid <= 1 {
            return Err(Error::Invalid(format!(
                "pid {pid}: the sandbox's first process cannot be sent a note"
            )));
        }
        if note.is_empty() || note.contains('\0') {
            return Err(Error::Invalid("a note must be non-empty without NUL".into()));
        }
        let note = note.to_string();
        self.call(self.limits.timeout, move |p| async move {
            p.kernel()
                .post_note(pid, &note)
                .map_err(|e| Error::fs(&format!("/proc/{pid}/note"), &e))
        })
    }
}
