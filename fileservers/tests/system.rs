//! A small live system for the servers that need one (ProcFS, SrvFS and
//! process-served fileservers): a MemoryFS root with ProcFS at /proc, SrvFS
//! at /srv and DevFS at /dev, and a test body run as init.

use std::future::Future;
use std::sync::Arc;

use fileservers::{Devices, MemoryFs, Procs, Srv};
use kernel::{
    Clock, Entropy, Env, Identity, InitSpec, Kernel, KernelConfig, MountFlags, OpenFlags, Proc, Program, Status, Target,
};

use crate::run;

pub fn kernel() -> Arc<Kernel> {
    let clock = Clock::real();
    let root = Arc::new(MemoryFs::new(clock.clone()));
    for d in ["/bin", "/dev", "/proc", "/srv", "/n/a", "/n/b", "/tmp"] {
        root.mkdir_all(d, 0o777, 0, 0).unwrap();
    }
    let programs: [(&str, Program); 2] = [
        (
            "sleeper",
            Program::new("sleeper", |p| async move {
                let _ = p.sleep(std::time::Duration::from_secs(3600)).await;
                0
            }),
        ),
        (
            "reader",
            // Blocks reading fd 0 until end of file.
            Program::new("reader", |p| async move {
                loop {
                    match p.read(0, 100).await {
                        Ok(d) if d.is_empty() => return 0,
                        Ok(_) => {}
                        Err(_) => return 1,
                    }
                }
            }),
        ),
    ];
    for (name, prog) in programs {
        root.install_program(&format!("/bin/{name}"), prog).unwrap();
    }
    let mut config = KernelConfig::new(root);
    config.clock = clock.clone();
    config.entropy = Entropy::seeded(7);
    let kernel = Kernel::new(config);
    kernel
        .devices
        .register('z', Arc::new(Devices::server(Entropy::seeded(7))));
    kernel
        .devices
        .register('p', Arc::new(Procs::server(Arc::downgrade(&kernel))));
    kernel
        .devices
        .register('s', Arc::new(Srv::server(clock, Arc::downgrade(&kernel))));
    kernel
}

/// Start `body` as a process of `kernel` running as `identity`, with /proc,
/// /srv and /dev bound and stdio on /dev/null.
pub async fn start<F, Fut>(kernel: &Arc<Kernel>, identity: Identity, body: F) -> Arc<kernel::Process>
where
    F: FnOnce(Proc) -> Fut + Send + 'static,
    Fut: Future<Output = i32> + Send + 'static,
{
    let setup = move |p: Proc| async move {
        for (new, old) in [("#p", "/proc"), ("#z", "/dev")] {
            p.bind(new, old, MountFlags::REPLACE).await.unwrap();
        }
        // As Plan 9's namespace does: `bind -c '#s' /srv`.
        p.bind("#s", "/srv", MountFlags::REPLACE.with_create()).await.unwrap();
        body(p).await
    };
    let ns = kernel.clean_namespace();
    let null = kernel
        .open_in(&ns, &kernel::Caller::KERNEL, "#z/null", OpenFlags::READWRITE)
        .await
        .unwrap();
    kernel
        .spawn_init(InitSpec {
            target: Target::oneshot(setup),
            argv: vec!["init".into()],
            env: Env::from([("PATH".to_string(), "/bin".to_string())]),
            cwd: "/".into(),
            ns,
            stdio: vec![null.clone(), null.clone(), null],
            identity,
        })
        .unwrap()
}

pub fn user() -> Identity {
    Identity::new(1000, 1000, "user")
}

/// Run `body` as init of a fresh system and check that it succeeded.
pub fn run_as_init<F, Fut>(body: F)
where
    F: FnOnce(Proc) -> Fut + Send + 'static,
    Fut: Future<Output = i32> + Send + 'static,
{
    run(async move {
        let k = kernel();
        let init = start(&k, user(), body).await;
        let status = init.exited().await;
        assert_eq!(status, Status::exited(0), "test program failed: {:?}", status.reason);
    });
}

/// Read a whole file as text.
pub async fn text(p: &Proc, path: &str) -> String {
    String::from_utf8(p.read_file(path).await.unwrap_or_else(|e| panic!("{path}: {e}"))).unwrap()
}
