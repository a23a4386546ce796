//! Notes: kill, interrupt and hangup of a process blocked in a read.

use std::time::Duration;

use kernel::{Errno, ProcState, SpawnOpts, Status, Target};

use crate::support::{boot, passed};

/// Spawn a child blocked reading a pipe nobody writes; answer its pid and
/// the pipe's write end (held, so the read cannot see EOF).
async fn blocked_reader(p: &kernel::Proc, catch: bool) -> (u32, u32, u32) {
    let (r, w) = p.pipe().unwrap();
    let (rr, rw) = p.pipe().unwrap();
    let child = Target::oneshot(move |c| async move {
        c.catch_notes(catch);
        let res = c.read(r, 10).await;
        // Report what the read answered and which note came.
        let report = match res {
            Ok(d) => format!("data {}", d.len()),
            Err(e) => format!("{} {}", e.code(), c.take_note().unwrap_or_default()),
        };
        let _ = c.write(rw, report.as_bytes()).await;
        5
    });
    let opts = SpawnOpts {
        fd_map: vec![(w, None), (rr, None)],
        ..Default::default()
    };
    let pid = p.spawn(child, opts).await.unwrap();
    p.close(rw).await.unwrap();
    p.sleep(Duration::from_millis(10)).await.unwrap();
    assert_eq!(p.kernel().process(pid).unwrap().state(), ProcState::Pread);
    (pid, w, rr)
}

#[test]
fn kill_ends_a_blocked_process_at_once() {
    passed(boot().run(|p| async move {
        let (pid, _w, report) = blocked_reader(&p, true).await;
        p.kill(pid, "kill").unwrap();
        let s = p.wait(pid).await.unwrap();
        assert_eq!(
            (s.code, s.reason.as_deref()),
            (137, Some("killed")),
            "kill cannot be caught"
        );
        assert_eq!(
            p.read_to_end(report).await.unwrap(),
            b"",
            "its fds were closed, nothing reported"
        );
        assert_eq!(p.kill(pid, "kill").unwrap_err().code(), Errno::ESRCH);
        0
    }));
}

#[test]
fn interrupt_ends_a_process_that_does_not_catch_it() {
    passed(boot().run(|p| async move {
        for (note, code) in [("interrupt", 130), ("hangup", 129)] {
            let (pid, _w, _report) = blocked_reader(&p, false).await;
            p.kill(pid, note).unwrap();
            let s = p.wait(pid).await.unwrap();
            assert_eq!((s.code, s.reason.as_deref()), (code, Some(note)));
        }
        0
    }));
}

#[test]
fn a_caught_interrupt_makes_the_read_fail_with_eintr() {
    passed(boot().run(|p| async move {
        let (pid, _w, report) = blocked_reader(&p, true).await;
        p.kill(pid, "interrupt").unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(5), "the process went on");
        assert_eq!(p.read_to_end(report).await.unwrap(), b"EINTR interrupt");
        0
    }));
}

#[test]
fn notes_reach_sleepers_and_waiters() {
    passed(boot().run(|p| async move {
        let sleeper = Target::oneshot(|c| async move {
            let _ = c.sleep(Duration::from_secs(60)).await;
            0
        });
        let pid = p.spawn(sleeper, SpawnOpts::default()).await.unwrap();
        p.sleep(Duration::from_millis(5)).await.unwrap();
        assert_eq!(p.kernel().process(pid).unwrap().state(), ProcState::Sleep);
        p.kill(pid, "alarm").unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 142);
        // A parent blocked in wait is interrupted too when it catches.
        let long = Target::oneshot(|c| async move {
            let _ = c.sleep(Duration::from_secs(60)).await;
            0
        });
        let child = p.spawn(long, SpawnOpts::default()).await.unwrap();
        p.catch_notes(true);
        let me = p.pid();
        let k = p.kernel().clone();
        let poster = Target::oneshot(move |_c| async move { k.post_note(me, "interrupt").map(|_| 0).unwrap_or(1) });
        let pp = p.spawn(poster, SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(child).await.unwrap_err().code(), Errno::EINTR);
        assert_eq!(p.take_note().as_deref(), Some("interrupt"));
        p.kill(child, "kill").unwrap();
        assert_eq!(p.wait(child).await.unwrap().code, 137);
        assert_eq!(p.wait(pp).await.unwrap().code, 0);
        0
    }));
}

#[test]
fn a_busy_process_is_ended_at_a_checkpoint() {
    passed(boot().run(|p| async move {
        let spinner = Target::oneshot(|c| async move {
            loop {
                if c.checkpoint().await.is_err() {
                    return 1;
                }
            }
        });
        let pid = p.spawn(spinner, SpawnOpts::default()).await.unwrap();
        p.sleep(Duration::from_millis(5)).await.unwrap();
        p.kill(pid, "interrupt").unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 130);
        0
    }));
}

#[test]
fn bad_notes_are_refused() {
    passed(boot().run(|p| async move {
        assert_eq!(p.kill(p.pid(), "").unwrap_err().code(), Errno::EINVAL);
        assert_eq!(p.kill(p.pid(), &"x".repeat(200)).unwrap_err().code(), Errno::EINVAL);
        assert_eq!(p.kill(99_999, "kill").unwrap_err().code(), Errno::ESRCH);
        0
    }));
}
