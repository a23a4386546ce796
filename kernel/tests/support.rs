//! A small system for kernel tests: MemoryFS root with /bin, /tmp (its own
//! MemoryFS, mounted with create), /dev (DevFS), and a few native programs.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use fileservers::{Devices, MemoryFs};
use kernel::{
    Clock, Entropy, Env, InitSpec, Kernel, KernelConfig, MountFlags, OpenFlags, Proc, Program, Status, Target,
};

pub struct Sys {
    pub kernel: Arc<Kernel>,
}

/// Write argv[1..] joined by spaces and a newline to fd 1.
async fn echoargs(p: Proc) -> i32 {
    let argv = p.argv();
    let line = format!("{}\n", argv[1..].join(" "));
    match p.write(1, line.as_bytes()).await {
        Ok(_) => 0,
        Err(_) => 1,
    }
}

/// Copy fd 0 to fd 1.
async fn cat(p: Proc) -> i32 {
    loop {
        match p.read(0, 8192).await {
            Ok(d) if d.is_empty() => return 0,
            Ok(d) => {
                if p.write(1, &d).await.is_err() {
                    return 1;
                }
            }
            Err(_) => return 1,
        }
    }
}

/// Exit with the status given as argv[1].
async fn exit_with(p: Proc) -> i32 {
    p.argv().get(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

pub fn boot() -> Sys {
    boot_with(kernel::Limits::standard())
}

/// A system under `limits`.
pub fn boot_with(limits: kernel::Limits) -> Sys {
    let clock = Clock::real();
    let entropy = Entropy::seeded(1);
    let root = Arc::new(MemoryFs::new(clock.clone()));
    for d in ["/bin", "/tmp", "/dev", "/n", "/home/user"] {
        root.mkdir_all(d, 0o755, 0, 0).unwrap();
    }
    let programs: [(&str, Program); 5] = [
        ("true", Program::new("true", |_p| async { 0 })),
        ("false", Program::new("false", |_p| async { 1 })),
        ("echoargs", Program::new("echoargs", echoargs)),
        ("cat", Program::new("cat", cat)),
        ("exit", Program::new("exit", exit_with)),
    ];
    for (name, prog) in programs {
        root.install_program(&format!("/bin/{name}"), prog).unwrap();
    }
    let tmp = Arc::new(MemoryFs::new(clock.clone()));
    let mut config = KernelConfig::new(root.clone());
    config.clock = clock.clone();
    config.entropy = entropy.clone();
    config.limits = limits;
    let kernel = Kernel::new(config);
    kernel.devices.register('t', tmp);
    kernel.devices.register('z', Arc::new(Devices::server(entropy)));
    Sys { kernel }
}

impl Sys {
    /// Run `body` as init (with /tmp and /dev bound, stdio on /dev/null)
    /// and answer its status. Fails the test after 20 seconds.
    pub fn run<F, Fut>(&self, body: F) -> Status
    where
        F: FnOnce(Proc) -> Fut + Send + 'static,
        Fut: Future<Output = i32> + Send + 'static,
    {
        let kernel = self.kernel.clone();
        block_on(async move {
            let setup = move |p: Proc| async move {
                p.bind("#t", "/tmp", MountFlags::REPLACE.with_create()).await.unwrap();
                p.bind("#z", "/dev", MountFlags::REPLACE).await.unwrap();
                body(p).await
            };
            let ns = kernel.clean_namespace();
            let who = kernel::Caller::KERNEL;
            let null = kernel
                .open_in(&ns, &who, "#z/null", OpenFlags::READWRITE)
                .await
                .unwrap();
            let spec = InitSpec {
                target: Target::oneshot(setup),
                argv: vec!["init".into()],
                env: Env::from([("PATH".to_string(), "/bin".to_string())]),
                cwd: "/".into(),
                ns,
                stdio: vec![null.clone(), null.clone(), null],
                identity: kernel::Identity::new(1000, 1000, "user"),
            };
            kernel.run(spec).await.unwrap()
        })
    }
}

/// Block on a future on a fresh current-thread runtime, with a time limit.
pub fn block_on<T>(f: impl Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(20), f)
                .await
                .expect("test timed out")
        })
}

/// Assert inside a test program: on failure, panic with the message (the
/// panic ends the init process and the test sees status 134).
#[macro_export]
macro_rules! check_eq {
    ($a:expr, $b:expr $(, $($msg:tt)*)?) => {
        assert_eq!($a, $b $(, $($msg)*)?)
    };
}

/// The status a passing test program returns.
pub fn passed(s: Status) {
    assert_eq!(s, Status::exited(0), "test program failed: {:?}", s.reason);
}

/// Spawn `argv` with fd 1 on a new pipe and answer (pid, everything it
/// wrote).
pub async fn capture(p: &Proc, target: Target, argv: &[&str]) -> (u32, String) {
    let (r, w) = p.pipe().unwrap();
    let opts = kernel::SpawnOpts {
        argv: argv.iter().map(|s| s.to_string()).collect(),
        fd_map: vec![(1, Some(w)), (r, None)],
        ..Default::default()
    };
    let pid = p.spawn(target, opts).await.unwrap();
    p.close(w).await.unwrap();
    let out = p.read_to_end(r).await.unwrap();
    p.close(r).await.unwrap();
    (pid, String::from_utf8(out).unwrap())
}
