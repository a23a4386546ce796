//! `ninebox serve`: a system that keeps running, its namespace exported
//! over 9P on the addresses it listens on.
//!
//! [`Server::start`] boots a system (the same [`System`] as `-c` and the
//! interactive session), listens, and starts pid 1, which applies the
//! boot namespace, runs the `--init` script, mounts [`RunFs`] on
//! `/mnt/run` and then serves 9P connections until it gets a note.
//! [`Server::shutdown`] posts `hangup` to every process and waits for
//! them; the listeners go with pid 1, and their socket files with them.
//! Other front ends (an HTTP one, say) use `Server` the same way.

use std::sync::Arc;
use std::time::Duration;

use kernel::{Errno, Proc, ProcState, Process, Target};
use net9::dial::{self, Addr, Listener};
use net9::export::{Export, accept_all};
use net9::runfs::RunFs;

use crate::{Config, System};

/// Where the run control files are mounted in the exported namespace.
pub const RUN_DIR: &str = "/mnt/run";

/// How to serve.
#[derive(Clone, Debug, Default)]
pub struct ServeOpts {
    /// The system's name (`ninebox attach NAME`).
    pub name: String,
    /// Where to listen; none means the named socket in
    /// [`dial::socket_dir`].
    pub listen: Vec<Addr>,
    /// A script pid 1 runs before it serves.
    pub init: Option<String>,
}

/// A running system and where it listens.
pub struct Server {
    pub system: System,
    init: Arc<Process>,
    addrs: Vec<Addr>,
}

impl Server {
    /// Boot, listen, and start serving. An address that cannot be
    /// listened on fails the start before anything runs.
    pub async fn start(config: &Config, opts: ServeOpts) -> kernel::Result<Server> {
        let addrs = if opts.listen.is_empty() {
            vec![Addr::of_system(&opts.name)?]
        } else {
            opts.listen.clone()
        };
        let mut listeners = Vec::new();
        for a in &addrs {
            listeners.push(dial::listen(a).await?);
        }
        let addrs = listeners.iter().map(|l| l.addr().clone()).collect();
        let system = System::new(config);
        system
            .bind_hosts(&config.binds)
            .map_err(|e| kernel::Error::with_detail(Errno::EINVAL, e))?;
        system.console.hangup();
        let stdio = system.host_stdio().await?;
        let init_script = opts.init.clone();
        let init = system.start_with(stdio, move |p| pid1(p, init_script, listeners))?;
        Ok(Server { system, init, addrs })
    }

    /// The addresses listened on (a TCP port 0 resolved).
    pub fn addrs(&self) -> &[Addr] {
        &self.addrs
    }

    /// Pid 1's status once it ended (a failed `--init`, or shutdown).
    pub async fn exited(&self) -> i32 {
        self.init.exited().await.code
    }

    /// Post `hangup` to every process and wait for the system to end;
    /// what is left after `grace` is killed.
    pub async fn shutdown(&self, grace: Duration) -> i32 {
        let k = &self.system.kernel;
        for p in k.processes() {
            let _ = k.post_note(p.pid, "hangup");
        }
        if tokio::time::timeout(grace, self.init.exited()).await.is_err() {
            k.halt(1, "shutdown: processes did not end on hangup".into());
        }
        self.init.exited().await;
        // The others end on their notes; give them the chance.
        for _ in 0..100 {
            if k.processes().iter().all(|p| p.is_zombie()) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        0
    }
}

/// Pid 1 of a served system.
async fn pid1(p: Proc, init: Option<String>, listeners: Vec<Listener>) -> i32 {
    if let Some(script) = init {
        let opts = kernel::SpawnOpts {
            argv: vec!["sh".into(), "-c".into(), script],
            ..Default::default()
        };
        let code = match p.spawn(Target::Path("/bin/sh".into()), opts).await {
            Ok(pid) => p.wait(pid).await.map_or(1, |s| s.code),
            Err(e) => {
                let _ = p.write(2, format!("ninebox serve: --init: {e}\n").as_bytes()).await;
                1
            }
        };
        if code != 0 {
            let _ = p
                .write(
                    2,
                    format!("ninebox serve: --init exited with status {code}\n").as_bytes(),
                )
                .await;
            return code;
        }
    }
    if let Err(e) = mount_run(&p).await {
        let _ = p.write(2, format!("ninebox serve: {RUN_DIR}: {e}\n").as_bytes()).await;
        return 1;
    }
    let export = match Export::new(p.clone(), "/") {
        Ok(e) => e,
        Err(e) => {
            let _ = p.write(2, format!("ninebox serve: {e}\n").as_bytes()).await;
            return 1;
        }
    };
    let r = p.blocking(ProcState::Pread, accept_all(export, listeners)).await;
    match r {
        Ok(()) => 0,
        Err(e) => {
            let _ = p.write(2, format!("ninebox serve: {e}\n").as_bytes()).await;
            1
        }
    }
}

async fn mount_run(p: &Proc) -> kernel::Result<()> {
    p.mkdir(RUN_DIR, 0o755)
        .await
        .or_else(|e| if e.is(Errno::EEXIST) { Ok(()) } else { Err(e) })?;
    let fs = RunFs::new(p.clone());
    p.mount(fs, "#run", RUN_DIR, kernel::MountFlags::default(), "").await
}
