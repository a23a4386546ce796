//! exec: PATH lookup, exec bits, `#!` interpreters, 127/126, and exec
//! replacing a process.

use kernel::exec::failure_status;
use kernel::{Errno, SpawnOpts, StatChanges, Status, Target};

use crate::support::{boot, capture, passed};

async fn script(p: &kernel::Proc, name: &str, text: &str, mode: u32) {
    p.write_file(name, text.as_bytes()).await.unwrap();
    p.wstat(
        name,
        &StatChanges {
            mode: Some(mode),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

#[test]
fn names_without_a_slash_go_through_path() {
    passed(boot().run(|p| async move {
        let (_, out) = capture(&p, Target::Path("echoargs".into()), &["echoargs", "a", "b"]).await;
        assert_eq!(out, "a b\n");
        p.mkdir("/tmp/bin", 0o755).await.unwrap();
        script(&p, "/tmp/bin/hello", "#!/bin/echoargs from-script\n", 0o755).await;
        p.setenv("PATH", "/nowhere:/tmp/bin:/bin").unwrap();
        let (_, out) = capture(&p, Target::Path("hello".into()), &["hello", "x"]).await;
        assert_eq!(
            out, "from-script /tmp/bin/hello x\n",
            "interpreter, its argument, the script, the args"
        );
        // The child's PATH, when given, is what the lookup uses.
        let env = kernel::Env::from([("PATH".to_string(), "/bin".to_string())]);
        let opts = SpawnOpts {
            env: Some(env),
            ..Default::default()
        };
        let e = p.spawn(Target::Path("hello".into()), opts).await.unwrap_err();
        assert_eq!(failure_status(&e), 127);
        0
    }));
}

#[test]
fn not_found_is_127_and_not_runnable_is_126() {
    passed(boot().run(|p| async move {
        let e = p
            .spawn(Target::Path("no-such-command".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!((e.code(), failure_status(&e)), (Errno::ENOENT, 127));
        let e = p
            .spawn(Target::Path("/tmp/missing".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!(failure_status(&e), 127);
        script(&p, "/tmp/noexec", "#!/bin/true\n", 0o644).await;
        let e = p
            .spawn(Target::Path("/tmp/noexec".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!((e.code(), failure_status(&e)), (Errno::EACCES, 126));
        script(&p, "/tmp/plain", "echo no interpreter line\n", 0o755).await;
        let e = p
            .spawn(Target::Path("/tmp/plain".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!((e.code(), failure_status(&e)), (Errno::ENOEXEC, 126));
        let e = p
            .spawn(Target::Path("/tmp".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!((e.code(), failure_status(&e)), (Errno::EISDIR, 126));
        // In a PATH search a non-executable file is skipped, and reported
        // only if nothing else is found.
        p.setenv("PATH", "/tmp:/bin").unwrap();
        script(&p, "/tmp/true", "", 0o644).await;
        let pid = p
            .spawn(Target::Path("true".into()), SpawnOpts::default())
            .await
            .unwrap();
        assert_eq!(
            p.wait(pid).await.unwrap().code,
            0,
            "found /bin/true after skipping /tmp/true"
        );
        let e = p
            .spawn(Target::Path("noexec".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::EACCES);
        0
    }));
}

#[test]
fn interpreters_chain_up_to_a_limit() {
    passed(boot().run(|p| async move {
        script(&p, "/tmp/s0", "#!/bin/echoargs\n", 0o755).await;
        for i in 1..=5 {
            script(&p, &format!("/tmp/s{i}"), &format!("#!/tmp/s{}\n", i - 1), 0o755).await;
        }
        let (_, out) = capture(&p, Target::Path("/tmp/s2".into()), &["s2", "arg"]).await;
        assert_eq!(out, "/tmp/s0 /tmp/s1 /tmp/s2 arg\n");
        let e = p
            .spawn(Target::Path("/tmp/s5".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!((e.code(), failure_status(&e)), (Errno::ELOOP, 126));
        script(&p, "/tmp/bad", "#!/no/such/interpreter\n", 0o755).await;
        let e = p
            .spawn(Target::Path("/tmp/bad".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::ENOENT);
        script(&p, "/tmp/empty", "#!\n", 0o755).await;
        let e = p
            .spawn(Target::Path("/tmp/empty".into()), SpawnOpts::default())
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::ENOEXEC);
        0
    }));
}

#[test]
fn exec_replaces_the_program_in_place() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        p.set_cloexec(r, true).unwrap();
        let child = Target::oneshot(move |c| async move {
            let pid = c.pid();
            c.setenv("BEFORE", "exec").unwrap();
            // On failure exec returns the error.
            let e = c.exec(Target::Path("no-such".into()), vec![]).await;
            assert_eq!(e.code(), Errno::ENOENT);
            c.dup2(w, 1).await.unwrap();
            let e = c
                .exec(
                    Target::Path("echoargs".into()),
                    vec!["echoargs".into(), pid.to_string()],
                )
                .await;
            panic!("exec returned {e}");
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        p.close(w).await.unwrap();
        let out = p.read_to_end(r).await.unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{pid}\n"),
            "same pid, same fds"
        );
        assert_eq!(p.wait(pid).await.unwrap(), Status::exited(0));
        0
    }));
}
