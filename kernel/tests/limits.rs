//! Budgets the kernel enforces: processes in the system and in a note
//! group, fds per process, CPU time per process and per system, counted
//! memory, host threads; limits inherited and lowered, never raised; a
//! process ended by a limit or a panic says why on its stderr.

use std::time::Duration;

use kernel::{Errno, Limits, Proc, SpawnOpts, Status, Target};

use crate::support::{boot_with, capture, passed};

fn limits(spec: &str) -> Limits {
    let mut l = Limits::standard();
    l.apply(spec).unwrap();
    l
}

/// A child that waits until its parent closes fd 0's pipe.
fn waiter() -> Target {
    Target::oneshot(|c: Proc| async move {
        let _ = c.read(0, 1).await;
        0
    })
}

#[test]
fn spawn_beyond_the_process_limit_is_eagain_with_a_message() {
    // TM-RES-002: a fork bomb stops at `procs`.
    let sys = boot_with(limits("procs=8"));
    passed(sys.run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let opts = SpawnOpts {
            fd_map: vec![(0, Some(r)), (w, None)],
            ..Default::default()
        };
        let mut pids = Vec::new();
        let err = loop {
            match p.spawn(waiter(), opts.clone()).await {
                Ok(pid) => pids.push(pid),
                Err(e) => break e,
            }
            assert!(pids.len() < 100, "the limit never refused");
        };
        // init and 7 children make 8.
        assert_eq!(pids.len(), 7);
        assert_eq!(err.code(), Errno::EAGAIN);
        assert_eq!(
            err.to_string(),
            "process limit reached (8); raise it with --limit procs=N"
        );
        p.close(w).await.unwrap();
        p.close(r).await.unwrap();
        for pid in pids {
            assert_eq!(p.wait(pid).await.unwrap(), Status::exited(0));
        }
        // Reaped children free their slots.
        let (_, out) = capture(&p, Target::Path("echoargs".into()), &["echoargs", "again"]).await;
        assert_eq!(out, "again\n");
        0
    }));
}

#[test]
fn a_note_group_has_a_limit_of_its_own() {
    let sys = boot_with(limits("group-procs=3"));
    passed(sys.run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let opts = SpawnOpts {
            fd_map: vec![(0, Some(r)), (w, None)],
            ..Default::default()
        };
        let a = p.spawn(waiter(), opts.clone()).await.unwrap();
        let b = p.spawn(waiter(), opts.clone()).await.unwrap();
        let e = p.spawn(waiter(), opts.clone()).await.unwrap_err();
        assert_eq!(e.code(), Errno::EAGAIN);
        assert!(e.to_string().contains("--limit group-procs=N"), "{e}");
        // A new group starts counting afresh.
        let fresh = SpawnOpts {
            rfork: kernel::Rfork {
                new_note_group: true,
                ..opts.rfork
            },
            ..opts.clone()
        };
        let c = p.spawn(waiter(), fresh).await.unwrap();
        p.close(w).await.unwrap();
        p.close(r).await.unwrap();
        for pid in [a, b, c] {
            p.wait(pid).await.unwrap();
        }
        0
    }));
}

#[test]
fn limits_are_inherited_and_only_lowered() {
    let sys = boot_with(limits("fds=64"));
    passed(sys.run(|p| async move {
        assert_eq!(p.limits().max_fds, 64);
        let mut lower = (*p.limits()).clone();
        lower.max_fds = 8;
        p.set_limits(Some(&lower), Some(&lower)).unwrap();
        // Raising the hard limit again is refused.
        let e = p.set_limits(None, Some(&limits("fds=64"))).unwrap_err();
        assert_eq!(e.code(), Errno::EPERM);
        assert_eq!(p.limits().max_fds, 8);
        // The child starts with the lowered limits and hits EMFILE at 8.
        let child = Target::oneshot(|c: Proc| async move {
            if c.limits().max_fds != 8 {
                return 1;
            }
            loop {
                match c.open("/dev/null", kernel::OpenFlags::READ).await {
                    Ok(fd) if fd < 8 => {}
                    Ok(_) => return 2,
                    Err(e) if e.is(Errno::EMFILE) => return 0,
                    Err(_) => return 3,
                }
            }
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(0));
        0
    }));
}

#[test]
fn a_soft_limit_may_rise_to_the_hard_one() {
    let sys = boot_with(limits("fds=64"));
    passed(sys.run(|p| async move {
        let mut soft = (*p.limits()).clone();
        soft.max_fds = 4;
        p.set_limits(Some(&soft), None).unwrap();
        assert_eq!(p.limits().max_fds, 4);
        soft.max_fds = 64;
        p.set_limits(Some(&soft), None).unwrap();
        assert_eq!(p.limits().max_fds, 64);
        soft.max_fds = 65;
        assert!(p.set_limits(Some(&soft), None).is_err());
        0
    }));
}

/// Spin through checkpoints until ended.
fn spinner() -> Target {
    Target::oneshot(|c: Proc| async move {
        loop {
            if c.checkpoint().await.is_err() {
                return 9;
            }
        }
    })
}

#[test]
fn a_process_over_its_cpu_limit_ends_with_152_and_says_why() {
    // TM-RES-007
    let sys = boot_with(limits("cpu=50ms"));
    passed(sys.run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let opts = SpawnOpts {
            argv: vec!["spin".into()],
            fd_map: vec![(2, Some(w)), (r, None)],
            ..Default::default()
        };
        let pid = p.spawn(spinner(), opts).await.unwrap();
        p.close(w).await.unwrap();
        let err = String::from_utf8(p.read_to_end(r).await.unwrap()).unwrap();
        let s = p.wait(pid).await.unwrap();
        assert_eq!(s.code, 152);
        assert_eq!(s.reason.as_deref(), Some("cpu time limit exceeded (50ms)"));
        assert_eq!(
            err,
            "spin: cpu time limit reached (50ms); raise it with --limit cpu=N\n"
        );
        0
    }));
}

#[test]
fn a_system_over_its_cpu_limit_halts() {
    // TM-RES-007
    let sys = boot_with(limits("cpu-total=50ms"));
    let kernel = sys.kernel.clone();
    let s = sys.run(|p| async move {
        let pid = p.spawn(spinner(), SpawnOpts::default()).await.unwrap();
        let _ = p.wait(pid).await;
        0
    });
    assert_eq!(s.code, 137, "init is killed with the rest");
    let halt = kernel.halted().expect("halted");
    assert_eq!(halt.code, 152);
    assert!(halt.message.contains("--limit cpu-total=N"), "{}", halt.message);
}

#[test]
fn a_halted_system_starts_nothing() {
    let sys = boot_with(Limits::standard());
    let kernel = sys.kernel.clone();
    let s = sys.run(move |p| async move {
        let pid = p.spawn(spinner(), SpawnOpts::default()).await.unwrap();
        p.sleep(Duration::from_millis(5)).await.unwrap();
        p.kernel().halt(124, "time limit reached".into());
        // init itself is being killed; this call may or may not run.
        let _ = p.spawn(spinner(), SpawnOpts::default()).await;
        let _ = p.wait(pid).await;
        0
    });
    assert_eq!(s.code, 137);
    assert_eq!(kernel.halted().unwrap().code, 124);
    assert_eq!(kernel.proc_count(), 0, "every process ended");
}

#[test]
fn a_panic_says_internal_error_on_stderr() {
    // TM-RES-013: a panic ends only the process it happened in.
    let sys = boot_with(Limits::standard());
    passed(sys.run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let bad = Target::oneshot(|_c| async move {
            let n: Option<i32> = "x".parse().ok();
            n.expect("a value")
        });
        let opts = SpawnOpts {
            argv: vec!["/bin/bad".into()],
            fd_map: vec![(2, Some(w)), (r, None)],
            ..Default::default()
        };
        let pid = p.spawn(bad, opts).await.unwrap();
        p.close(w).await.unwrap();
        let err = String::from_utf8(p.read_to_end(r).await.unwrap()).unwrap();
        let s = p.wait(pid).await.unwrap();
        assert_eq!(s.code, 134);
        assert_eq!(s.reason.as_deref(), Some("panic: a value"));
        assert_eq!(s.wait_msg("bad", pid), format!("bad {pid}: panic: a value"));
        assert_eq!(err, "bad: internal error: a value\n");
        0
    }));
}

#[test]
fn counted_memory_is_refused_past_the_limit() {
    // TM-RES-001
    let sys = boot_with(limits("mem=1K"));
    passed(sys.run(|p| async move {
        p.charge_mem(1000).unwrap();
        let e = p.charge_mem(100).unwrap_err();
        assert_eq!(e.code(), Errno::ENOMEM);
        assert_eq!(
            e.to_string(),
            "memory limit reached (1 KiB); raise it with --limit mem=N"
        );
        assert_eq!(p.process().mem(), 1000, "a refused charge counts nothing");
        p.release_mem(1000);
        p.charge_mem(1024).unwrap();
        0
    }));
}

#[test]
fn thread_slots_are_counted() {
    // TM-RES-012
    let sys = boot_with(limits("threads=2"));
    passed(sys.run(|p| async move {
        let k = p.kernel().clone();
        let a = k.thread_slot(p.process()).unwrap();
        let _b = k.thread_slot(p.process()).unwrap();
        let e = k.thread_slot(p.process()).err().unwrap();
        assert_eq!(
            e.to_string(),
            "thread limit reached (2); raise it with --limit threads=N"
        );
        drop(a);
        assert_eq!(k.threads_in_use(), 1);
        k.thread_slot(p.process()).unwrap();
        0
    }));
}
