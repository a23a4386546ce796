use std::time::Duration;

use fileservers::conformance::{self, Profile};
use kernel::{Errno, Identity, OpenFlags, Proc, ProcState, SpawnOpts, Target};

use crate::run;
use crate::system::{kernel, run_as_init, start, text, user};

async fn spawn(p: &Proc, name: &str, argv: &[&str]) -> u32 {
    let opts = SpawnOpts {
        argv: argv.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    p.spawn(Target::Path(name.into()), opts).await.unwrap()
}

/// Wait until `pid` is in `state` (the child has to get going first).
async fn until_state(p: &Proc, pid: u32, state: ProcState) {
    for _ in 0..200 {
        if p.kernel().process(pid).is_some_and(|c| c.state() == state) {
            return;
        }
        p.sleep(Duration::from_millis(1)).await.unwrap();
    }
    panic!("process {pid} never reached {state:?}");
}

#[test]
fn passes_conformance() {
    // The suite calls as pid 1, which is the init running it.
    run_as_init(|p| async move {
        let procfs = p.kernel().devices.get("#p").unwrap();
        conformance::check(procfs, Profile::FIXED).await;
        0
    });
}

#[test]
fn lists_live_processes_and_self() {
    run_as_init(|p| async move {
        let child = spawn(&p, "sleeper", &["sleeper", "x"]).await;
        let names: Vec<String> = p.readdir("/proc").await.unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["self", &p.pid().to_string(), &child.to_string()]);
        let files: Vec<String> = p
            .readdir(&format!("/proc/{child}"))
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(
            files,
            [
                "args", "argv", "ctl", "cwd", "env", "fd", "fds", "limits", "note", "noteid", "notepg", "ns", "ppid",
                "status", "wait"
            ]
        );
        assert_eq!(text(&p, "/proc/self/ppid").await, "0\n");
        assert_eq!(text(&p, &format!("/proc/{child}/ppid")).await, format!("{}\n", p.pid()));
        p.kill(child, "kill").unwrap();
        p.wait(child).await.unwrap();
        assert_eq!(
            p.stat(&format!("/proc/{child}")).await.unwrap_err().code(),
            Errno::ENOENT,
            "a reaped process is gone"
        );
        0
    });
}

#[test]
fn status_shows_name_user_state_and_pids() {
    run_as_init(|p| async move {
        let child = spawn(&p, "sleeper", &["/bin/sleeper", "60"]).await;
        until_state(&p, child, ProcState::Sleep).await;
        let status = text(&p, &format!("/proc/{child}/status")).await;
        // Plan 9's fixed fields: 28, 28 and 12 bytes, then 12-byte numbers.
        assert_eq!(&status[..28], format!("{:<28}", "sleeper"));
        assert_eq!(&status[28..56], format!("{:<28}", "user"));
        assert_eq!(&status[56..68], format!("{:<12}", "Sleep"));
        let nums: Vec<u64> = status[68..].split_whitespace().map(|n| n.parse().unwrap()).collect();
        assert_eq!(nums.len(), 11);
        assert_eq!(nums[9], u64::from(child));
        assert_eq!(nums[10], u64::from(p.pid()));
        let mine = text(&p, "/proc/self/status").await;
        assert!(mine.starts_with("init "), "{mine}");
        assert!(mine[56..68].starts_with("Pread"), "reading its own status: {mine}");
        p.kill(child, "kill").unwrap();
        0
    });
}

#[test]
fn argv_env_cwd_fds_and_ns() {
    run_as_init(|p| async move {
        p.setenv("GREETING", "hi \"there\"").unwrap();
        p.chdir("/tmp").await.unwrap();
        let child = spawn(&p, "sleeper", &["sleeper", "it's", "two words"]).await;
        let dir = format!("/proc/{child}");
        assert_eq!(
            text(&p, &format!("{dir}/argv")).await,
            "[\"sleeper\",\"it's\",\"two words\"]\n"
        );
        assert_eq!(text(&p, &format!("{dir}/args")).await, "sleeper 'it''s' 'two words'\n");
        let env: serde_json::Value = serde_json::from_str(&text(&p, &format!("{dir}/env")).await).unwrap();
        assert_eq!(env["GREETING"], "hi \"there\"");
        assert_eq!(text(&p, &format!("{dir}/cwd")).await, "/tmp\n");
        let fds: serde_json::Value = serde_json::from_str(&text(&p, &format!("{dir}/fds")).await).unwrap();
        assert_eq!(fds["1"]["path"], "#z/null");
        assert_eq!(fds["1"]["mode"], "rw");
        let fd = text(&p, &format!("{dir}/fd")).await;
        let mut lines = fd.lines();
        assert_eq!(lines.next(), Some("/tmp"));
        let first = lines.next().unwrap();
        assert!(first.starts_with("  0 rw z "), "{first}");
        assert!(first.ends_with(" #z/null"), "{first}");
        let ns = text(&p, &format!("{dir}/ns")).await;
        assert_eq!(ns, "bind  '#p' /proc\nbind  '#z' /dev\nbind -c '#s' /srv\ncd /tmp\n");
        p.kill(child, "kill").unwrap();
        0
    });
}

#[test]
fn ctl_and_note_end_processes_and_close_fds() {
    run_as_init(|p| async move {
        let a = spawn(&p, "sleeper", &["sleeper"]).await;
        p.write_file(&format!("/proc/{a}/ctl"), b"kill\n").await.unwrap();
        let st = p.wait(a).await.unwrap();
        assert_eq!((st.code, st.reason.as_deref()), (137, Some("killed")));

        let b = spawn(&p, "sleeper", &["sleeper"]).await;
        p.write_file(&format!("/proc/{b}/note"), b"hangup").await.unwrap();
        assert_eq!(p.wait(b).await.unwrap().code, 129);

        // `close 0` takes the fd out of a blocked reader's table; the read
        // already under way finishes (at end of file, once we close the
        // writing end), as a Unix read does when another thread closes.
        let (r, w) = p.pipe().unwrap();
        let opts = SpawnOpts {
            argv: vec!["reader".into()],
            fd_map: vec![(0, Some(r)), (r, None), (w, None)],
            ..Default::default()
        };
        let c = p.spawn(Target::Path("reader".into()), opts).await.unwrap();
        p.close(r).await.unwrap();
        until_state(&p, c, ProcState::Pread).await;
        p.write_file(&format!("/proc/{c}/ctl"), b"close 0").await.unwrap();
        let fds: serde_json::Value = serde_json::from_str(&text(&p, &format!("/proc/{c}/fds")).await).unwrap();
        assert!(fds.get("0").is_none(), "fd 0 is closed: {fds}");
        p.close(w).await.unwrap();
        assert_eq!(p.wait(c).await.unwrap().code, 0);

        let d = spawn(&p, "sleeper", &["sleeper"]).await;
        let e = p
            .write_file(&format!("/proc/{d}/ctl"), b"frobnicate")
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::EINVAL);
        assert_eq!(e.to_string(), "bad process or channel control request");
        p.kill(d, "kill").unwrap();
        0
    });
}

#[test]
fn wait_file_blocks_until_the_process_ends() {
    run_as_init(|p| async move {
        let child = spawn(&p, "sleeper", &["sleeper"]).await;
        let fd = p.open(&format!("/proc/{child}/wait"), OpenFlags::READ).await.unwrap();
        let killer = p.clone();
        let kill_later = async move {
            killer.sleep(Duration::from_millis(20)).await.unwrap();
            killer.kill(child, "interrupt").unwrap();
        };
        let (msg, ()) = tokio::join!(p.read(fd, 200), kill_later);
        let msg = String::from_utf8(msg.unwrap()).unwrap();
        let fields: Vec<&str> = msg.splitn(5, ' ').collect();
        assert_eq!(fields[0], child.to_string());
        assert_eq!(fields[4], format!("'sleeper {child}: interrupt'"));
        assert!(
            p.read(fd, 200).await.unwrap().is_empty(),
            "one message, then end of file"
        );
        0
    });
}

#[test]
fn only_ctl_and_note_are_writable() {
    run_as_init(|p| async move {
        let me = p.pid();
        for f in [
            "status", "argv", "env", "ns", "fd", "fds", "cwd", "args", "ppid", "wait",
        ] {
            let e = p
                .open(&format!("/proc/{me}/{f}"), OpenFlags::READWRITE)
                .await
                .unwrap_err();
            assert_eq!(e.code(), Errno::EPERM, "{f}");
        }
        assert_eq!(
            p.open("/proc/self/ctl", OpenFlags::READ).await.unwrap_err().code(),
            Errno::EPERM
        );
        // The mount has no create flag, so the kernel refuses before ProcFS.
        assert_eq!(p.mkdir("/proc/x", 0o755).await.unwrap_err().code(), Errno::EACCES);
        let procfs = p.kernel().devices.get("#p").unwrap();
        let who = kernel::Caller {
            pid: me,
            uid: 1000,
            gid: 1000,
        };
        assert_eq!(procfs.mkdir(&who, "/x", 0o755).await.unwrap_err().code(), Errno::EPERM);
        assert_eq!(p.stat("/proc/99999").await.unwrap_err().code(), Errno::ENOENT);
        assert_eq!(p.stat("/proc/self/nonesuch").await.unwrap_err().code(), Errno::ENOENT);
        0
    });
}

#[test]
fn another_users_process_cannot_be_controlled() {
    run(async {
        let k = kernel();
        let other = start(&k, Identity::new(2000, 2000, "other"), |p| async move {
            let _ = p.sleep(Duration::from_secs(3600)).await;
            0
        })
        .await;
        let victim = other.pid;
        let me = start(&k, user(), move |p| async move {
            let e = p.write_file(&format!("/proc/{victim}/ctl"), b"kill").await.unwrap_err();
            assert_eq!(e.code(), Errno::EPERM);
            let status = text(&p, &format!("/proc/{victim}/status")).await;
            assert_eq!(&status[28..33], "other", "status is world-readable");
            0
        })
        .await;
        assert_eq!(me.exited().await.code, 0);
        k.post_note(victim, "kill").unwrap();
    });
}

#[test]
fn ctl_stops_starts_and_waits_for_a_stop() {
    run_as_init(|p| async move {
        let c = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        let ctl = format!("/proc/{c}/ctl");
        until_state(&p, c, ProcState::Sleep).await;
        p.write_file(&ctl, b"stop").await.unwrap();
        assert_eq!(&text(&p, &format!("/proc/{c}/status")).await[56..68], "Stopped     ");
        // waitstop answers at once for a stopped process.
        p.write_file(&ctl, b"waitstop").await.unwrap();
        p.write_file(&ctl, b"start").await.unwrap();
        until_state(&p, c, ProcState::Sleep).await;
        let e = p.write_file(&ctl, b"start").await.unwrap_err();
        assert_eq!(e.code(), Errno::EINVAL, "start of a process that is not stopped");
        // waitstop blocks until someone stops it.
        let stopper = p.clone();
        let stop_later = async move {
            stopper.sleep(Duration::from_millis(10)).await.unwrap();
            stopper.kill(c, "stop").unwrap();
        };
        let (r, ()) = tokio::join!(p.write_file(&ctl, b"waitstop"), stop_later);
        r.unwrap();
        assert_eq!(p.kernel().process(c).unwrap().state(), ProcState::Stopped);
        // startstop: continue, then wait for the next stop.
        let (r, ()) = tokio::join!(p.write_file(&ctl, b"startstop"), async {
            p.sleep(Duration::from_millis(10)).await.unwrap();
            p.kill(c, "tstp").unwrap();
        });
        r.unwrap();
        p.write_file(&ctl, b"kill").await.unwrap();
        assert_eq!(p.wait(c).await.unwrap().code, 137);
        0
    });
}

#[test]
fn waitstop_on_a_process_that_ends_fails() {
    run_as_init(|p| async move {
        let c = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        let ctl = format!("/proc/{c}/ctl");
        let fd = p.open(&ctl, OpenFlags::WRITE).await.unwrap();
        let (r, ()) = tokio::join!(p.write(fd, b"waitstop"), async {
            p.sleep(Duration::from_millis(10)).await.unwrap();
            p.kill(c, "kill").unwrap();
        });
        assert_eq!(r.unwrap_err().code(), Errno::ESRCH);
        p.wait(c).await.unwrap();
        0
    });
}

#[test]
fn hang_stops_children_at_their_start() {
    run_as_init(|p| async move {
        p.write_file("/proc/self/ctl", b"hang").await.unwrap();
        let c = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        p.write_file("/proc/self/ctl", b"nohang").await.unwrap();
        assert_eq!(p.kernel().process(c).unwrap().state(), ProcState::Stopped);
        let d = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        until_state(&p, d, ProcState::Sleep).await;
        for pid in [c, d] {
            p.kill(pid, "kill").unwrap();
            p.wait(pid).await.unwrap();
        }
        0
    });
}

#[test]
fn garbage_to_ctl_is_refused_and_changes_nothing() {
    run_as_init(|p| async move {
        let c = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        until_state(&p, c, ProcState::Sleep).await;
        let ctl = format!("/proc/{c}/ctl");
        let long = "x".repeat(5000);
        for bad in [
            "stop now",
            "close",
            "close x",
            "close -1",
            "hang 1",
            "\0\x7f",
            "kill kill",
            &long,
        ] {
            let e = p.write_file(&ctl, bad.as_bytes()).await.unwrap_err();
            assert_eq!(e.to_string(), "bad process or channel control request", "{bad:?}");
        }
        assert_eq!(p.kernel().process(c).unwrap().state(), ProcState::Sleep);
        let e = p
            .write_file(&format!("/proc/{c}/note"), "n".repeat(128).as_bytes())
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::EINVAL, "a note over 127 bytes");
        for bad in ["abc", "0", "-3", "99999"] {
            assert!(
                p.write_file(&format!("/proc/{c}/noteid"), bad.as_bytes())
                    .await
                    .is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(p.kernel().process(c).unwrap().noteid(), p.process().noteid());
        p.kill(c, "kill").unwrap();
        p.wait(c).await.unwrap();
        0
    });
}

#[test]
fn noteid_and_notepg_name_and_reach_a_note_group() {
    run_as_init(|p| async move {
        let fresh = SpawnOpts {
            argv: vec!["sleeper".into(), "60".into()],
            rfork: kernel::Rfork {
                new_note_group: true,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let a = p.spawn(Target::Path("sleeper".into()), fresh.clone()).await.unwrap();
        let b = p.spawn(Target::Path("sleeper".into()), fresh).await.unwrap();
        let c = spawn(&p, "sleeper", &["sleeper", "60"]).await;
        assert_eq!(text(&p, &format!("/proc/{a}/noteid")).await, format!("{a}\n"));
        assert_eq!(text(&p, &format!("/proc/{c}/noteid")).await, format!("{}\n", p.pid()));
        // b joins a's group; a note to the group reaches both, not c.
        p.write_file(&format!("/proc/{b}/noteid"), a.to_string().as_bytes())
            .await
            .unwrap();
        assert_eq!(text(&p, &format!("/proc/{b}/noteid")).await, format!("{a}\n"));
        p.write_file(&format!("/proc/{a}/notepg"), b"hangup").await.unwrap();
        assert_eq!(p.wait(a).await.unwrap().code, 129);
        assert_eq!(p.wait(b).await.unwrap().code, 129);
        // notepg spares the writer: init's group holds init and c.
        p.write_file("/proc/self/notepg", b"interrupt").await.unwrap();
        assert_eq!(p.wait(c).await.unwrap().code, 130);
        0
    });
}

#[test]
fn every_json_file_parses() {
    run_as_init(|p| async move {
        p.setenv("Q", "a \"quoted\" \\ value\n").unwrap();
        let c = spawn(&p, "sleeper", &["sleeper", "it's", "\u{1F600}"]).await;
        for pid in [p.pid().to_string(), c.to_string(), "self".to_string()] {
            for f in ["argv", "env", "fds"] {
                let path = format!("/proc/{pid}/{f}");
                // Read in small pieces, as a pipe reader may: one open sees
                // one rendering.
                let fd = p.open(&path, OpenFlags::READ).await.unwrap();
                let mut all = Vec::new();
                loop {
                    let d = p.read(fd, 7).await.unwrap();
                    if d.is_empty() {
                        break;
                    }
                    all.extend(d);
                }
                p.close(fd).await.unwrap();
                let text = String::from_utf8(all).unwrap();
                let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
                assert!(v.is_ok(), "{path}: {text:?}");
                assert!(
                    text.ends_with("}\n") || text.ends_with("]\n"),
                    "{path}: one value and a newline"
                );
            }
        }
        p.kill(c, "kill").unwrap();
        0
    });
}
