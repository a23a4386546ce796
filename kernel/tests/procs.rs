//! Processes: pids, wait, zombies, orphans, panics, exit and exec.

use std::time::Duration;

use kernel::{Errno, OpenFlags, SpawnOpts, Status, Target};

use crate::support::{boot, capture, passed};

#[test]
fn pids_increase_and_are_never_reused() {
    passed(boot().run(|p| async move {
        let mut last = p.pid();
        for _ in 0..20 {
            let pid = p
                .spawn(Target::Path("true".into()), SpawnOpts::default())
                .await
                .unwrap();
            assert!(pid > last);
            last = pid;
            p.wait(pid).await.unwrap();
        }
        0
    }));
}

#[test]
fn wait_returns_status_and_reaps() {
    passed(boot().run(|p| async move {
        let pid = p
            .spawn(
                Target::Path("exit".into()),
                SpawnOpts {
                    argv: vec!["exit".into(), "7".into()],
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        p.sleep(Duration::from_millis(10)).await.unwrap();
        let zombie = p.kernel().process(pid).expect("a zombie stays until reaped");
        assert!(zombie.is_zombie());
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(7));
        assert!(p.kernel().process(pid).is_none(), "reaped");
        assert_eq!(p.wait(pid).await.unwrap_err().code(), Errno::ECHILD);
        assert_eq!(p.wait(1).await.unwrap_err().code(), Errno::ECHILD, "not our child");
        0
    }));
}

#[test]
fn wait_any_reaps_each_child_once() {
    passed(boot().run(|p| async move {
        let mut pids = Vec::new();
        for code in [3, 4, 5] {
            let opts = SpawnOpts {
                argv: vec!["exit".into(), code.to_string()],
                ..Default::default()
            };
            pids.push(p.spawn(Target::Path("exit".into()), opts).await.unwrap());
        }
        let mut got = Vec::new();
        for _ in 0..3 {
            let (pid, s) = p.wait_any().await.unwrap();
            got.push((pid, s.code));
        }
        got.sort();
        assert_eq!(got, pids.iter().copied().zip([3, 4, 5]).collect::<Vec<_>>());
        assert_eq!(p.wait_any().await.unwrap_err().code(), Errno::ECHILD);
        assert_eq!(p.try_wait_any().unwrap_err().code(), Errno::ECHILD);
        0
    }));
}

#[test]
fn try_wait_reaps_only_an_ended_child_and_charges_its_time() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        // The child spins for a while (CPU time the parent should inherit),
        // then waits for the parent's word before it exits.
        let child = Target::oneshot(move |c| async move {
            let t = std::time::Instant::now();
            let mut x = 0u64;
            while t.elapsed() < Duration::from_millis(20) {
                x = std::hint::black_box(x.wrapping_add(1));
            }
            c.read(r, 1).await.unwrap();
            0
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        p.sleep(Duration::from_millis(5)).await.unwrap();
        assert_eq!(p.try_wait(pid).unwrap(), None, "still running");
        assert_eq!(p.process().children_cpu_ns(), 0);
        p.write(w, b"x").await.unwrap();
        let status = loop {
            if let Some(s) = p.try_wait(pid).unwrap() {
                break s;
            }
            p.sleep(Duration::from_millis(1)).await.unwrap();
        };
        assert_eq!(status, Status::exited(0));
        assert!(
            p.process().children_cpu_ns() >= 15_000_000,
            "the child's spin is charged to its parent"
        );
        assert_eq!(p.try_wait(pid).unwrap_err().code(), Errno::ECHILD, "reaped once");
        0
    }));
}

#[test]
fn orphans_are_reaped_by_the_kernel() {
    passed(boot().run(|p| async move {
        // A middle process starts a grandchild that outlives it, and
        // reports the grandchild's pid as its status.
        let middle = Target::oneshot(|c| async move {
            let grandchild = Target::oneshot(|g| async move {
                let _ = g.sleep(Duration::from_millis(50)).await;
                0
            });
            c.spawn(grandchild, SpawnOpts::default())
                .await
                .map(|pid| pid as i32)
                .unwrap_or(-1)
        });
        let mid = p.spawn(middle, SpawnOpts::default()).await.unwrap();
        let grandchild = p.wait(mid).await.unwrap().code as u32;
        let orphan = p.kernel().process(grandchild).expect("the grandchild lives on");
        assert_eq!(orphan.ppid(), 0, "given to the kernel");
        assert_eq!(orphan.exited().await, Status::exited(0));
        assert!(p.kernel().process(grandchild).is_none(), "no zombie left behind");
        0
    }));
}

#[test]
fn a_panic_ends_only_that_process() {
    let sys = boot();
    passed(sys.run(|p| async move {
        let bad = Target::oneshot(|_c| async move {
            let v: Vec<u8> = Vec::new();
            #[allow(clippy::indexing_slicing)]
            let _ = v[3];
            0
        });
        let pid = p.spawn(bad, SpawnOpts::default()).await.unwrap();
        let s = p.wait(pid).await.unwrap();
        assert_eq!(s.code, 134);
        assert!(
            s.reason
                .as_deref()
                .unwrap_or("")
                .starts_with("panic: index out of bounds"),
            "{s:?}"
        );
        // Everything else keeps working.
        let (_, out) = capture(&p, Target::Path("echoargs".into()), &["echoargs", "alive"]).await;
        assert_eq!(out, "alive\n");
        0
    }));
}

#[test]
fn exit_ends_the_process_from_anywhere() {
    passed(boot().run(|p| async move {
        let child = Target::oneshot(|c| async move {
            let _ = c.exit(42).await;
            unreachable!("exit does not return")
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(42));
        0
    }));
}

#[test]
fn finished_processes_close_their_files() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let child = Target::oneshot(move |c| async move {
            let _ = c.write(w, b"bye").await;
            0
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        p.close(w).await.unwrap();
        assert_eq!(p.read_to_end(r).await.unwrap(), b"bye", "EOF came when the child ended");
        p.wait(pid).await.unwrap();
        0
    }));
}

#[test]
fn env_and_cwd_are_copied_at_spawn() {
    passed(boot().run(|p| async move {
        p.setenv("COLOR", "blue").unwrap();
        p.chdir("/tmp").await.unwrap();
        let child = Target::oneshot(|c| async move {
            let ok = c.getenv("COLOR").as_deref() == Some("blue") && c.cwd() == "/tmp";
            c.setenv("COLOR", "red").unwrap();
            c.write_file("rel", b"r").await.unwrap();
            if ok { 0 } else { 1 }
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        assert_eq!(
            p.getenv("COLOR").as_deref(),
            Some("blue"),
            "the child changed its own copy"
        );
        assert_eq!(
            p.read_file("/tmp/rel").await.unwrap(),
            b"r",
            "relative names use the cwd"
        );
        assert_eq!(p.setenv("A=B", "x").unwrap_err().code(), Errno::EINVAL);
        let opts = SpawnOpts {
            env: Some(kernel::Env::from([("ONLY".to_string(), "this".to_string())])),
            cwd: Some("..".into()),
            ..Default::default()
        };
        let child = Target::oneshot(|c| async move {
            let env = c.environ();
            if env.len() == 1 && env["ONLY"] == "this" && c.cwd() == "/" {
                0
            } else {
                1
            }
        });
        let pid = p.spawn(child, opts).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        let fd = p.open("rel", OpenFlags::READ).await.unwrap();
        p.close(fd).await.unwrap();
        0
    }));
}
