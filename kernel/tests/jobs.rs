//! Job control: stopping and continuing processes, waits that report a
//! stop, the notes whose default is to stop, continue or be ignored, the
//! `hang` bit, and the Broken state of a process ended by a fault.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use kernel::{Change, Errno, Proc, ProcState, SpawnOpts, Status, Target, WaitFor};

use crate::support::{boot, passed};

/// A child that counts forever, a millisecond at a time.
async fn counter(p: &Proc, catch: bool) -> (u32, Arc<AtomicU64>) {
    let n = Arc::new(AtomicU64::new(0));
    let n2 = n.clone();
    let child = Target::oneshot(move |c: Proc| async move {
        c.catch_notes(catch);
        loop {
            n2.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = c.sleep(Duration::from_millis(1)).await {
                let note = c.take_note().unwrap_or_default();
                return if e.is(Errno::EINTR) && note == "tstp" { 7 } else { 8 };
            }
        }
    });
    let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
    (pid, n)
}

async fn settle(p: &Proc) {
    p.sleep(Duration::from_millis(15)).await.unwrap();
}

#[test]
fn a_stopped_process_makes_no_progress_until_continued() {
    passed(boot().run(|p| async move {
        let (pid, n) = counter(&p, false).await;
        settle(&p).await;
        p.kill(pid, "stop").unwrap();
        assert_eq!(p.kernel().process(pid).unwrap().state(), ProcState::Stopped);
        settle(&p).await;
        let at_stop = n.load(Ordering::Relaxed);
        settle(&p).await;
        assert_eq!(n.load(Ordering::Relaxed), at_stop, "it ran while stopped");
        p.kill(pid, "cont").unwrap();
        settle(&p).await;
        assert!(n.load(Ordering::Relaxed) > at_stop, "it did not go on");
        assert_ne!(p.kernel().process(pid).unwrap().state(), ProcState::Stopped);
        p.kill(pid, "kill").unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 137);
        0
    }));
}

#[test]
fn a_wait_for_stops_reports_each_stop_once_then_the_end() {
    passed(boot().run(|p| async move {
        let (pid, _) = counter(&p, false).await;
        p.kill(pid, "tstp").unwrap();
        let got = p.wait_change(None, WaitFor::STOPPED).await.unwrap();
        assert_eq!(got, (pid, Change::Stopped("tstp".into())));
        assert_eq!(
            p.try_wait_change(Some(pid), WaitFor::STOPPED).unwrap(),
            None,
            "reported once"
        );
        // A second stop of a stopped process is no new change.
        p.kill(pid, "stop").unwrap();
        assert_eq!(p.try_wait_change(Some(pid), WaitFor::STOPPED).unwrap(), None);
        p.kill(pid, "cont").unwrap();
        let all = WaitFor {
            stopped: true,
            continued: true,
        };
        assert_eq!(p.wait_change(Some(pid), all).await.unwrap(), (pid, Change::Continued));
        p.kill(pid, "term").unwrap();
        let (_, end) = p.wait_change(Some(pid), all).await.unwrap();
        assert_eq!(end, Change::Exited(Status::noted("term")));
        assert_eq!(
            p.try_wait_change(Some(pid), all).unwrap_err().code(),
            Errno::ECHILD,
            "reaped"
        );
        0
    }));
}

#[test]
fn a_plain_wait_does_not_return_for_a_stop() {
    passed(boot().run(|p| async move {
        let (pid, _) = counter(&p, false).await;
        p.kill(pid, "stop").unwrap();
        assert_eq!(p.try_wait(pid).unwrap(), None);
        assert_eq!(p.try_wait_any().unwrap(), None);
        p.kill(pid, "kill").unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 137);
        0
    }));
}

#[test]
fn notes_that_default_to_nothing_leave_the_process_running() {
    passed(boot().run(|p| async move {
        let (pid, n) = counter(&p, false).await;
        for note in ["chld", "urg", "winch", "cont"] {
            p.kill(pid, note).unwrap();
        }
        settle(&p).await;
        let before = n.load(Ordering::Relaxed);
        settle(&p).await;
        assert!(n.load(Ordering::Relaxed) > before, "it still runs");
        assert_eq!(p.try_wait(pid).unwrap(), None);
        p.kill(pid, "kill").unwrap();
        p.wait(pid).await.unwrap();
        0
    }));
}

#[test]
fn an_ending_note_waits_for_continue_but_kill_does_not() {
    passed(boot().run(|p| async move {
        let (a, _) = counter(&p, false).await;
        p.kill(a, "stop").unwrap();
        p.kill(a, "term").unwrap();
        settle(&p).await;
        assert_eq!(p.try_wait(a).unwrap(), None, "held while stopped");
        assert_eq!(p.kernel().process(a).unwrap().state(), ProcState::Stopped);
        p.kill(a, "cont").unwrap();
        assert_eq!(p.wait(a).await.unwrap(), Status::noted("term"));

        let (b, _) = counter(&p, false).await;
        p.kill(b, "stop").unwrap();
        p.kill(b, "kill").unwrap();
        assert_eq!(p.wait(b).await.unwrap().code, 137);
        0
    }));
}

#[test]
fn tstp_is_caught_but_stop_is_not() {
    passed(boot().run(|p| async move {
        let (pid, _) = counter(&p, true).await;
        settle(&p).await;
        p.kill(pid, "stop").unwrap();
        assert_eq!(p.kernel().process(pid).unwrap().state(), ProcState::Stopped);
        p.kernel().resume(pid).unwrap();
        assert_eq!(p.kernel().resume(pid).unwrap_err().code(), Errno::EINVAL, "not stopped");
        // The catcher sees tstp as a note: its sleep is interrupted.
        p.kill(pid, "tstp").unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(7));
        0
    }));
}

#[test]
fn a_process_can_stop_itself_and_be_continued() {
    passed(boot().run(|p| async move {
        let child = Target::oneshot(|c: Proc| async move {
            c.stop_self("tstp").await;
            3
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        let got = p.wait_change(Some(pid), WaitFor::STOPPED).await.unwrap();
        assert_eq!(got.1, Change::Stopped("tstp".into()));
        p.kill(pid, "cont").unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(3));
        0
    }));
}

#[test]
fn a_hung_parents_children_start_stopped() {
    passed(boot().run(|p| async move {
        p.process().set_hang(true);
        let pid = p
            .spawn(Target::Path("true".into()), SpawnOpts::default())
            .await
            .unwrap();
        p.process().set_hang(false);
        let got = p.wait_change(Some(pid), WaitFor::STOPPED).await.unwrap();
        assert_eq!(got.1, Change::Stopped("stop".into()));
        p.kernel().resume(pid).unwrap();
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(0));
        0
    }));
}

#[test]
fn a_fault_note_says_suicide_and_leaves_the_process_broken() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let child = Target::oneshot(|c: Proc| async move {
            let _ = c.sleep(Duration::from_secs(30)).await;
            0
        });
        let opts = SpawnOpts {
            argv: vec!["/bin/faulty".into()],
            fd_map: vec![(2, Some(w)), (r, None)],
            ..Default::default()
        };
        let pid = p.spawn(child, opts).await.unwrap();
        p.close(w).await.unwrap();
        p.kill(pid, "sys: segmentation violation").unwrap();
        let err = String::from_utf8(p.read_to_end(r).await.unwrap()).unwrap();
        assert_eq!(err, format!("faulty {pid}: suicide: sys: segmentation violation\n"));
        let proc = p.kernel().process(pid).unwrap();
        proc.exited().await;
        assert_eq!(proc.state(), ProcState::Broken);
        let s = p.wait(pid).await.unwrap();
        assert_eq!(s, Status::noted("sys: segmentation violation"));
        assert_eq!(s.code, 139);
        0
    }));
}
