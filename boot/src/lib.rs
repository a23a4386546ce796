//! Booting ninebox: the root file system, the kernel, the namespace, and
//! the first process.
//!
//! The boot namespace (what `ns` prints in a fresh shell):
//!
//! ```text
//! bind  '#z' /dev          DevFS: null, zero, random, urandom
//! bind -a '#d' /dev        the dup device: /dev/stdin, /dev/fd/N
//! bind -a '#c' /dev        the console: /dev/cons/, consctl, pid, user, time...
//! bind  '#d/fd' /fd        Plan 9's /fd
//! bind  '#p' /proc         ProcFS
//! bind -c '#s' /srv         SrvFS, one registry for the whole system
//! bind -c '#e' /env         EnvFS: the caller's environment
//! bind  '#n' /n            MntGen: any /n/NAME is a mount point
//! bind -c '#t' /tmp        a MemoryFS of its own
//! bind  /bin /usr/bin      so #!/usr/bin/env works
//! cd /home/user
//! ```
//!
//! The letters are Plan 9's where Plan 9 has the device (`#c #d #e #p #s
//! #|`); `#z`, `#n` and `#t` are ninebox's own.
//!
//! on a root MemoryFS holding every native command in `/bin` (exec nodes),
//! `/etc/passwd`, and a home for `user` (uid 1000). The first process,
//! `init` (pid 1), builds that namespace, runs `sh` with the caller's argv
//! as its child (pid 2), and ends with the shell's status.

pub mod binds;
pub mod console;
pub mod fuse;
pub mod hostio;
pub mod mcp;
pub mod remote;
pub mod sandbox;
pub mod serve;
pub mod state;

use std::sync::Arc;

use fileservers::{ConsFs, Console, Devices, Environ, MemoryFs, Names, Procs, Srv};
use kernel::clock::FIXED_EPOCH_MS;
use kernel::limits::Space;
use kernel::{
    Caller, Clock, Entropy, Env, InitSpec, Kernel, KernelConfig, Limits, OpenFile, OpenFlags, Process, Program, Status,
    Target,
};

use self::hostio::{HostOut, Stream};

pub const USER: &str = "user";
pub const UID: u32 = 1000;
pub const HOME: &str = "/home/user";

/// The boot namespace, applied by init and read by `newns`.
pub const NAMESPACE_FILE: &str = "/lib/namespace";

const NAMESPACE: &str = "\
# The namespace every process starts from (see namespace(6)).
bind '#z' /dev
bind -a '#d' /dev
bind -a '#c' /dev
bind '#d/fd' /fd
bind '#p' /proc
bind -c '#s' /srv
bind -c '#e' /env
bind '#n' /n
bind -c '#t' /tmp
bind /bin /usr/bin
cd /home/user
";

/// How to boot.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Make the run reproducible: the clock starts at 2026-01-01T00:00:00Z
    /// and every random byte comes from this seed.
    pub seed: Option<u64>,
    /// What the system may use (see `specs/limits.md`): the kernel's limits
    /// and the ceiling of every process's, the run's timeout included.
    /// [`Limits::standard`] by default.
    pub limits: Limits,
    /// Persist the system's trees in a store (`--state`).
    pub state: Option<state::StateConfig>,
    /// The addresses programs inside may dial (`--net`); none by default.
    pub net: net9::DialPolicy,
    /// Host directories to mount (`--bind`).
    pub binds: Vec<binds::Bind>,
}

/// A booted system, before or while its first process runs.
pub struct System {
    pub kernel: Arc<Kernel>,
    pub root: Arc<MemoryFs>,
    pub tmp: Arc<MemoryFs>,
    /// The console, `#c`: the host terminal in an interactive session.
    pub console: Arc<ConsFs>,
    /// The host's stdout and stderr, counted against the `output` limit.
    pub out: Arc<HostOut>,
    /// Host directories posted for init to mount.
    binds: parking_lot::Mutex<Vec<binds::Posted>>,
}

/// What an interactive session prints first.
pub const BANNER: &str = concat!(
    "ninebox ",
    env!("CARGO_PKG_VERSION"),
    ": a Plan 9-style system in one process.\n",
    "Type 'help' for the commands, 'exit' or Ctrl-D to leave.\n\n",
);

impl System {
    pub fn new(config: &Config) -> System {
        let (clock, entropy) = match config.seed {
            Some(seed) => (Clock::starting_at(FIXED_EPOCH_MS), Entropy::seeded(seed)),
            None => (Clock::real(), Entropy::from_host()),
        };
        let root = Arc::new(MemoryFs::new(clock.clone()));
        populate(&root);
        let tmp = Arc::new(MemoryFs::new(clock.clone()).with_root_mode(0o1777));
        let mut kc = KernelConfig::new(root.clone());
        kc.clock = clock.clone();
        kc.entropy = entropy.clone();
        kc.grants = kernel::Grants::new().with(config.net.clone());
        kc.limits = config.limits.clone();
        #[cfg(feature = "wasm")]
        kc.loaders.push(wasm::loader());
        let kernel = Kernel::new(kc);
        // `/` and `/tmp` each hold up to `fs` bytes, and all file systems
        // together up to `fs-total`.
        for fs in [&root, &tmp] {
            fs.set_space(Space::new("fs", config.limits.fs_bytes, Some(kernel.fs_space.clone())));
        }
        let me = Arc::downgrade(&kernel);
        kernel.devices.register('t', tmp.clone());
        kernel.devices.register('z', Arc::new(Devices::server(entropy)));
        kernel.devices.register('p', Arc::new(Procs::server(me.clone())));
        kernel
            .devices
            .register('s', Arc::new(Srv::server(clock.clone(), me.clone())));
        kernel.devices.register('e', Arc::new(Environ::server(me.clone())));
        kernel.devices.register('n', Arc::new(Names::server(clock.clone())));
        let console = Arc::new(Console::server(80, 24, clock, me));
        kernel.devices.register('c', console.clone());
        System {
            kernel,
            root,
            tmp,
            console,
            out: HostOut::new(&config.limits),
            binds: parking_lot::Mutex::new(Vec::new()),
        }
    }

    /// Grant host directories: each is mounted by init at its guest path.
    pub fn bind_hosts(&self, binds: &[binds::Bind]) -> Result<(), String> {
        let posted = binds::post_all(self, binds)?;
        self.binds.lock().extend(posted);
        Ok(())
    }

    /// Start pid 1: build the boot namespace, then run `sh` with `argv`
    /// (`argv[0]` included) on the given stdio and end with its status.
    pub fn start(&self, argv: Vec<String>, stdio: Vec<Arc<OpenFile>>) -> kernel::Result<Arc<Process>> {
        self.start_session(argv, stdio, None)
    }

    /// `start`, printing `banner` first. The shell gets a note group of
    /// its own, which is where the console's Ctrl-C goes.
    pub fn start_session(
        &self,
        argv: Vec<String>,
        stdio: Vec<Arc<OpenFile>>,
        banner: Option<&'static str>,
    ) -> kernel::Result<Arc<Process>> {
        let console = self.console.clone();
        self.start_with(stdio, move |p| async move {
            if let Some(b) = banner {
                let _ = p.write(1, b.as_bytes()).await;
            }
            let opts = kernel::SpawnOpts {
                argv,
                rfork: kernel::Rfork {
                    new_note_group: true,
                    ..kernel::Rfork::FORK
                },
                ..Default::default()
            };
            match p.spawn(Target::Path("/bin/sh".into()), opts).await {
                Ok(pid) => {
                    let kernel = p.kernel().clone();
                    console.on_interrupt(move |note| {
                        kernel.post_note_group(pid, note);
                    });
                    match p.wait(pid).await {
                        Ok(status) => status.code,
                        Err(e) => {
                            let _ = p.write(2, format!("init: wait: {e}\n").as_bytes()).await;
                            1
                        }
                    }
                }
                Err(e) => {
                    let _ = p.write(2, format!("init: /bin/sh: {e}\n").as_bytes()).await;
                    kernel::exec::failure_status(&e)
                }
            }
        })
    }

    /// Start pid 1 as `body`, once it has built the boot namespace; every
    /// way of running a system (`-c`, a session, `serve`) boots here.
    pub fn start_with<F, Fut>(&self, stdio: Vec<Arc<OpenFile>>, body: F) -> kernel::Result<Arc<Process>>
    where
        F: FnOnce(kernel::Proc) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = i32> + Send + 'static,
    {
        let host_binds = self.binds.lock().clone();
        let env: Env = [
            ("HOME", HOME),
            ("USER", USER),
            ("LOGNAME", USER),
            ("PATH", "/bin"),
            ("SHELL", "/bin/sh"),
            ("PWD", HOME),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let init = Target::oneshot(move |p| async move {
            // The namespace comes from /lib/namespace, as on Plan 9, so
            // `newns` rebuilds exactly the boot namespace.
            if let Err(e) = userland::common::nsfile::apply_file(&p, NAMESPACE_FILE).await {
                let _ = p.write(2, format!("boot: {e}\n").as_bytes()).await;
                return 1;
            }
            if let Err(e) = binds::mount_all(&p, &host_binds).await {
                let _ = p.write(2, format!("boot: {e}\n").as_bytes()).await;
                return 1;
            }
            body(p).await
        });
        self.kernel.spawn_init(InitSpec {
            target: init,
            argv: vec!["init".into()],
            env,
            cwd: HOME.into(),
            ns: self.kernel.clean_namespace(),
            stdio,
            identity: kernel::Identity::new(UID, UID, USER),
        })
    }

    /// Open the host's stdin, stdout and stderr as fds 0, 1, 2.
    pub async fn host_stdio(&self) -> kernel::Result<Vec<Arc<OpenFile>>> {
        stdio_on(&self.out).await
    }
}

/// The host's stdin, and `out`'s stdout and stderr, as fds 0, 1, 2.
async fn stdio_on(out: &Arc<HostOut>) -> kernel::Result<Vec<Arc<OpenFile>>> {
    let host = hostio::HostIo::new(out.clone());
    let mut files = Vec::new();
    for name in ["/stdin", "/stdout", "/stderr"] {
        files.push(hostio::open(&host, name).await?);
    }
    Ok(files)
}

/// The root file system: directories, `/etc` files, and the commands.
fn populate(root: &MemoryFs) {
    let dirs: [(&str, u32, u32); 15] = [
        ("/bin", 0o755, 0),
        ("/dev", 0o755, 0),
        ("/env", 0o755, 0),
        ("/etc", 0o755, 0),
        ("/fd", 0o555, 0),
        ("/home", 0o755, 0),
        ("/lib", 0o755, 0),
        ("/mnt", 0o755, 0),
        ("/n", 0o755, 0),
        ("/proc", 0o555, 0),
        ("/root", 0o700, 0),
        ("/srv", 0o755, 0),
        ("/tmp", 0o1777, 0),
        ("/usr/bin", 0o755, 0),
        (HOME, 0o755, UID),
    ];
    for (d, mode, uid) in dirs {
        root.mkdir_all(d, mode, uid, uid)
            .expect("boot: a fresh tree takes these directories");
    }
    let files = [
        (NAMESPACE_FILE, NAMESPACE.to_string()),
        (
            "/etc/passwd",
            format!("root:x:0:0:root:/root:/bin/sh\n{USER}:x:{UID}:{UID}:{USER}:{HOME}:/bin/sh\n"),
        ),
        ("/etc/group", format!("root:x:0:\n{USER}:x:{UID}:\n")),
        ("/etc/hostname", "ninebox\n".to_string()),
    ];
    for (path, text) in files {
        root.put_file(path, text.as_bytes(), 0o644, 0, 0)
            .expect("boot: /etc is writable");
    }
    for (name, program) in userland::programs() {
        install(root, name, program);
    }
}

fn install(root: &MemoryFs, name: &str, program: Program) {
    root.install_program(&format!("/bin/{name}"), program)
        .expect("boot: /bin takes exec nodes");
}

impl System {
    /// Wait for `init` to end, within the run's `timeout`: past it the
    /// system is halted (status 124). Answers the run's status: init's, or
    /// the halt's when the system was halted (a timeout, `cpu-total`).
    pub async fn wait(&self, init: &Process) -> i32 {
        let timeout = self.kernel.limits.timeout;
        let ended = async {
            match timeout {
                Some(t) => tokio::time::timeout(t, init.exited()).await.ok(),
                None => Some(init.exited().await),
            }
        };
        let status: Status = match ended.await {
            Some(s) => s,
            None => {
                self.kernel.halt(124, self.kernel.limits.reached("timeout"));
                init.exited().await
            }
        };
        match self.kernel.halted() {
            Some(h) => h.code,
            None => status.code,
        }
    }
}

/// Boot, run `sh` with `argv` on the host's stdio, and answer its status.
/// There is no terminal: the console's input is at its end, and what is
/// written to `/dev/cons` goes to the host's stderr. A halted run (a limit
/// of the whole system reached) ends with the halt's message on stderr.
pub async fn run(config: &Config, argv: Vec<String>) -> i32 {
    let system = System::new(config);
    let persistence = match attach_state(&system, config).await {
        Ok(p) => p,
        Err(code) => return code,
    };
    let stdio = match system.host_stdio().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("ninebox: cannot open the host's stdio: {e}");
            return 1;
        }
    };
    system.console.hangup();
    let console = system.console.clone();
    let out = system.out.clone();
    let pump = tokio::spawn(async move {
        loop {
            let data = console.take_output().await;
            let _ = out.write(Stream::Stderr, &data);
        }
    });
    let code = match system.start(argv, stdio) {
        Ok(init) => system.wait(&init).await,
        Err(e) => {
            eprintln!("ninebox: cannot start: {e}");
            1
        }
    };
    pump.abort();
    let _ = system.out.write(Stream::Stderr, &system.console.try_take_output());
    report_halt(&system);
    finish_state(persistence, config, code).await
}

/// Boot and run `sh` with `argv` as [`run`] does, with the host's stdin
/// as fd 0 but its stdout and stderr (and the console) kept, under the
/// `output` limit, by the same capture as [`sandbox::Sandbox::exec`]:
/// answers the shell's [`sandbox::Output`]. The run's `timeout` ends the
/// shell's processes with status 124; a halted system (`cpu-total`)
/// answers the halt's status, and its message ends stderr.
pub async fn run_captured(config: &Config, argv: Vec<String>) -> sandbox::Output {
    let system = System::new(config);
    let out = HostOut::capture(&config.limits);
    let failed = |status: i32, message: String| {
        let _ = out.write(Stream::Stderr, format!("ninebox: {message}\n").as_bytes());
        let (stdout, stderr) = out.take();
        sandbox::Output {
            stdout,
            stderr,
            status,
            wait: message,
            pid: 0,
            truncated: out.truncated(),
        }
    };
    if let Err(e) = system.bind_hosts(&config.binds) {
        return failed(1, e);
    }
    let persistence = match &config.state {
        Some(cfg) => match state::Persistence::attach(&system, cfg).await {
            Ok(p) => Some(p),
            Err(e) => return failed(1, e.to_string()),
        },
        None => None,
    };
    let stdio = match stdio_on(&out).await {
        Ok(s) => s,
        Err(e) => return failed(1, format!("cannot open the host's stdio: {e}")),
    };
    system.console.hangup();
    let console = system.console.clone();
    let pump_out = out.clone();
    let pump = tokio::spawn(async move {
        loop {
            let data = console.take_output().await;
            let _ = pump_out.write(Stream::Stderr, &data);
        }
    });
    let ended = Arc::new(parking_lot::Mutex::new(None));
    let slot = ended.clone();
    let shell_out = out.clone();
    let timeout = config.limits.timeout;
    let files: [Arc<OpenFile>; 3] = [stdio[0].clone(), stdio[1].clone(), stdio[2].clone()];
    let started = system.start_with(stdio, move |p| async move {
        let run = sandbox::Run {
            argv,
            env: None,
            cwd: None,
            timeout,
        };
        let e = sandbox::run_shell(&p, run, files, &shell_out).await;
        let status = e.status;
        *slot.lock() = Some(e);
        status
    });
    let init_status = match started {
        Ok(init) => init.exited().await,
        Err(e) => {
            pump.abort();
            return failed(1, format!("cannot start: {e}"));
        }
    };
    pump.abort();
    let _ = out.write(Stream::Stderr, &system.console.try_take_output());
    let ended = ended.lock().take();
    let (mut status, wait, pid) = match ended {
        Some(e) => (e.status, e.wait, e.pid),
        None => (init_status.code, init_status.wait_msg("init", 1), 0),
    };
    if let Some(h) = system.kernel.halted() {
        let _ = out.write(Stream::Stderr, format!("ninebox: {}\n", h.message).as_bytes());
        status = h.code;
    }
    if let (Some(p), Some(cfg)) = (persistence, &config.state)
        && let Err(e) = p.finish(&cfg.location).await
    {
        let _ = out.write(Stream::Stderr, format!("ninebox: state not saved: {e}\n").as_bytes());
        if status == 0 {
            status = 1;
        }
    }
    let (stdout, stderr) = out.take();
    sandbox::Output {
        stdout,
        stderr,
        status,
        wait,
        pid,
        truncated: out.truncated(),
    }
}

/// Say why a halted system stopped (past any output limit: this is the
/// host's own message).
fn report_halt(system: &System) {
    if let Some(h) = system.kernel.halted() {
        eprintln!("ninebox: {}", h.message);
    }
}

/// An interactive session on the host terminal (already in raw mode):
/// the console is the shell's stdin, stdout and stderr.
pub async fn interactive(config: &Config) -> i32 {
    let system = System::new(config);
    let persistence = match attach_state(&system, config).await {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (cols, rows) = console::size();
    system.console.resize(cols, rows);
    let k = &system.kernel;
    let ns = k.clean_namespace();
    let cons = match k
        .open_in(&ns, &Caller::KERNEL, "#c/cons/data", OpenFlags::READWRITE)
        .await
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("ninebox: cannot open the console: {e}");
            return 1;
        }
    };
    console::spawn_input(system.console.clone());
    let pump = tokio::spawn(console::pump_output(system.console.clone(), true));
    let signals = tokio::spawn(console::exit_on_signals());
    let argv = vec!["sh".to_string(), "-i".to_string()];
    let code = match system.start_session(argv, vec![cons.clone(), cons.clone(), cons], Some(BANNER)) {
        Ok(init) => system.wait(&init).await,
        Err(e) => {
            eprintln!("ninebox: cannot start: {e}");
            1
        }
    };
    pump.abort();
    signals.abort();
    console::flush_output(&system.console, true);
    report_halt(&system);
    finish_state(persistence, config, code).await
}

/// Mount the host's `--bind` directories, and restore the store's state
/// into a fresh system if `--state` asked.
/// A store that cannot be used ends the run before anything starts: a
/// user who asked for persistence must not work in a system that loses
/// everything.
async fn attach_state(system: &System, config: &Config) -> Result<Option<state::Persistence>, i32> {
    if let Err(e) = system.bind_hosts(&config.binds) {
        console::restore();
        eprintln!("ninebox: {e}");
        return Err(1);
    }
    let Some(cfg) = &config.state else {
        return Ok(None);
    };
    match state::Persistence::attach(system, cfg).await {
        Ok(p) => Ok(Some(p)),
        Err(e) => {
            console::restore();
            eprintln!("ninebox: {e}");
            Err(1)
        }
    }
}

/// The last commit; a failure is reported and makes the status 1.
async fn finish_state(persistence: Option<state::Persistence>, config: &Config, code: i32) -> i32 {
    let (Some(p), Some(cfg)) = (persistence, &config.state) else {
        return code;
    };
    match p.finish(&cfg.location).await {
        Ok(()) => code,
        Err(e) => {
            eprintln!("ninebox: state not saved: {e}");
            if code == 0 { 1 } else { code }
        }
    }
}

/// Run `f` on a current-thread runtime, on a thread with a large stack
/// (deep shell recursion is polled as nested futures), and answer what it
/// answers.
pub fn block_on<T: Send + 'static>(f: impl std::future::Future<Output = T> + Send + 'static) -> T {
    std::thread::Builder::new()
        .name("ninebox".into())
        .stack_size(512 << 20)
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            rt.block_on(f)
        })
        .expect("spawn the system thread")
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Keep quiet about panics that end a single process: the process's status
/// reports them. Panics elsewhere print as usual.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !kernel::kernel::in_program() {
            // A panic of ninebox itself: give the terminal back first.
            console::restore();
            default(info);
        }
    }));
}
