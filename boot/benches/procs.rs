//! Scale benchmark: 10,000 sleeping processes in one system.
//!
//!     cargo bench -p ninebox --bench procs
//!
//! Targets (issue 6): `ps` over them in under 0.5 s, at most 100 MB
//! resident for the whole system, and one read of `/proc/N/status` in
//! under 20 µs. The processes are real `/bin/sleep` programs spawned by a
//! process of the system; `ps` runs as a user would run it (`sh -c 'ps >
//! /dev/null'`); resident memory is the host process's, read from the
//! host's /proc/self/statm.

use std::time::{Duration, Instant};

use kernel::{Caller, OpenFlags, SpawnOpts, Target};

const PROCS: usize = 10_000;
const READS: usize = 20_000;

/// The host process's resident set, in bytes.
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

async fn run_sh(system: &boot::System, script: &str) -> Duration {
    let k = &system.kernel;
    let ns = k.clean_namespace();
    let null = k
        .open_in(&ns, &Caller::KERNEL, "#z/null", OpenFlags::READWRITE)
        .await
        .expect("open #z/null");
    let t = Instant::now();
    let init = system
        .start(
            vec!["sh".into(), "-c".into(), script.into()],
            vec![null.clone(), null.clone(), null],
        )
        .expect("start sh");
    let st = init.exited().await;
    assert_eq!(st.code, 0, "{script}: {st:?}");
    t.elapsed()
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let before = rss();
    let (spawn_time, after, ps_times, read_time) = boot::block_on(async move {
        let system = boot::System::new(&boot::Config::default());
        // A parent that spawns the sleepers and keeps them as its children.
        let (tx, rx) = tokio::sync::oneshot::channel();
        let spawner = Target::oneshot(move |p| async move {
            let t = Instant::now();
            let mut pids = Vec::with_capacity(PROCS);
            for _ in 0..PROCS {
                let opts = SpawnOpts {
                    argv: vec!["sleep".into(), "1000".into()],
                    ..Default::default()
                };
                pids.push(
                    p.spawn(Target::Path("/bin/sleep".into()), opts)
                        .await
                        .expect("spawn sleep"),
                );
            }
            // Let every sleeper reach its sleep.
            let _ = p.sleep(Duration::from_millis(200)).await;
            let _ = tx.send((t.elapsed(), pids));
            let _ = p.sleep(Duration::from_secs(3600)).await;
            0
        });
        let k = &system.kernel;
        let ns = k.clean_namespace();
        let null = k
            .open_in(&ns, &Caller::KERNEL, "#z/null", OpenFlags::READWRITE)
            .await
            .expect("open #z/null");
        let _holder = k
            .spawn_init(kernel::InitSpec {
                target: spawner,
                argv: vec!["spawner".into()],
                env: kernel::Env::from([("PATH".to_string(), "/bin".to_string())]),
                cwd: "/".into(),
                ns,
                stdio: vec![null.clone(), null.clone(), null],
                identity: kernel::Identity::new(1000, 1000, "user"),
            })
            .expect("start the spawner");
        let (spawn_time, pids) = rx.await.expect("the sleepers started");
        let after = rss();

        let mut ps_times = Vec::new();
        for _ in 0..3 {
            ps_times.push(run_sh(&system, "ps > /dev/null").await);
        }

        // One process reading one status file again and again (through
        // the device name, as /proc is bound only in the boot namespace).
        let target = pids[PROCS / 2];
        let (tx, rx) = tokio::sync::oneshot::channel();
        let reader = Target::oneshot(move |p| async move {
            let path = format!("#p/{target}/status");
            let t = Instant::now();
            for _ in 0..READS {
                let data = p.read_file(&path).await.expect("read status");
                assert!(data.len() > 60);
            }
            let _ = tx.send(t.elapsed() / READS as u32);
            0
        });
        let r = k
            .spawn_init(kernel::InitSpec {
                target: reader,
                argv: vec!["reader".into()],
                env: kernel::Env::new(),
                cwd: "/".into(),
                ns: k.clean_namespace(),
                stdio: Vec::new(),
                identity: kernel::Identity::new(1000, 1000, "user"),
            })
            .expect("start the reader");
        let read_time = rx.await.expect("reads done");
        r.exited().await;
        (spawn_time, after, ps_times, read_time)
    });
    let ps_best = ps_times.iter().min().copied().unwrap_or_default();
    println!("ninebox scale benchmark: {PROCS} sleeping processes\n");
    println!(
        "spawning them                 {:>9.1} ms",
        spawn_time.as_secs_f64() * 1e3
    );
    verdict("ps over them (best of 3)", ps_best.as_secs_f64() * 1e3, "ms", 500.0);
    verdict("resident memory, whole system", after as f64 / 1e6, "MB", 100.0);
    println!(
        "  (of which before boot: {:.1} MB; per process: {:.1} KB)",
        before as f64 / 1e6,
        after.saturating_sub(before) as f64 / PROCS as f64 / 1e3
    );
    verdict("read /proc/N/status", read_time.as_secs_f64() * 1e6, "µs", 20.0);
}

fn verdict(name: &str, value: f64, unit: &str, limit: f64) {
    let v = if value < limit { "meets target" } else { "MISSES target" };
    println!("{name:<30} {value:>9.1} {unit:<3} target under {limit} {unit}: {v}");
}
