//! The library API (`boot::sandbox`): state kept between calls, the
//! native file calls, bad input refused with clear errors, and every limit
//! bounding a call. Each test runs on a thread of its own and fails if it
//! takes more than 30 seconds.

use std::time::{Duration, Instant};

use boot::sandbox::{Error, ExecOptions, Kind, Sandbox};
use kernel::{Errno, Program};
use libtest_mimic::{Failed, Trial};

use crate::cli::expect;

fn trial(name: &str, f: fn() -> Result<(), Failed>) -> Trial {
    Trial::test(format!("sandbox::{name}"), move || {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(Duration::from_secs(30))
            .map_err(|_| Failed::from("timed out after 30s"))?
    })
}

fn ok<T>(r: Result<T, Error>) -> Result<T, Failed> {
    r.map_err(|e| Failed::from(e.to_string()))
}

fn sandbox() -> Result<Sandbox, Failed> {
    ok(Sandbox::builder().seed(1).build())
}

fn bad_path(r: Result<impl std::fmt::Debug, Error>, what: &str) -> Result<(), Failed> {
    match r {
        Err(Error::BadPath { .. }) => Ok(()),
        other => Err(format!("{what}: expected a BadPath error, got {other:?}").into()),
    }
}

fn errno<T: std::fmt::Debug>(r: Result<T, Error>, want: Errno, what: &str) -> Result<(), Failed> {
    match r {
        Err(Error::Fs { errno, .. }) if errno == want => Ok(()),
        other => Err(format!("{what}: expected {want:?}, got {other:?}").into()),
    }
}

pub fn trials() -> Vec<Trial> {
    vec![
        trial("files_persist_between_calls", || {
            let sb = sandbox()?;
            let out = ok(sb.exec("mkdir -p proj && echo made > proj/a.txt && cd proj && export X=1"))?;
            expect("status", out.status, 0)?;
            expect("read", ok(sb.read_file("proj/a.txt"))?, b"made\n".to_vec())?;
            ok(sb.write_file("/tmp/deep/er/b.txt", b"written"))?;
            let out = ok(sb.exec("cat /tmp/deep/er/b.txt; echo; pwd; echo \"X=$X\""))?;
            // Files stay; the working directory and exports end with the
            // script.
            expect("stdout", out.stdout_text().as_str(), "written\n/home/user\nX=\n")?;
            ok(sb.remove("proj", true))?;
            expect("gone", ok(sb.exec("test -e proj; echo $?"))?.stdout, b"1\n".to_vec())
        }),
        trial("status_and_wait_message", || {
            let sb = sandbox()?;
            let out = ok(sb.exec("true"))?;
            expect("success", (out.status, out.wait.as_str()), (0, ""))?;
            let out = ok(sb.exec("echo out; echo err >&2; exit 7"))?;
            expect("stdout", out.stdout.clone(), b"out\n".to_vec())?;
            expect("stderr", out.stderr.clone(), b"err\n".to_vec())?;
            expect("status", out.status, 7)?;
            expect("wait", out.wait, format!("sh {}: exit 7", out.pid))?;
            let out = ok(sb.exec("kill -9 $$"))?;
            expect("killed", out.status, 137)?;
            expect("wait", out.wait, format!("sh {}: killed", out.pid))?;
            let out = ok(sb.exec("nosuchcommand"))?;
            expect("not found", out.status, 127)
        }),
        trial("exec_options", || {
            let sb = ok(Sandbox::builder().env("BASE", "b").build())?;
            ok(sb.mkdir("work"))?;
            let opts = ExecOptions {
                stdin: b"line one\nline two\n".to_vec(),
                args: vec!["first".into(), "second arg".into()],
                env: vec![("EXTRA".into(), "e".into())],
                cwd: Some("work".into()),
                timeout: None,
            };
            let out = ok(sb.exec_with("echo \"$# $2 $BASE$EXTRA\"; pwd; wc -l", opts))?;
            expect(
                "stdout",
                out.stdout_text().as_str(),
                "2 second arg be\n/home/user/work\n2\n",
            )?;
            // The extra variable was for that script only.
            expect("env", ok(sb.exec("echo \"$BASE-$EXTRA\""))?.stdout, b"b-\n".to_vec())
        }),
        trial("bad_paths_are_refused", || {
            let sb = sandbox()?;
            for p in [
                "",
                "../etc/passwd",
                "/home/user/../../etc",
                "a/..",
                "with\0nul",
                "/tmp/\0",
            ] {
                bad_path(sb.read_file(p), &format!("read_file {p:?}"))?;
                bad_path(sb.write_file(p, b"x"), &format!("write_file {p:?}"))?;
                bad_path(sb.list(p), &format!("list {p:?}"))?;
                bad_path(sb.glob(p), &format!("glob {p:?}"))?;
                bad_path(sb.remove(p, true), &format!("remove {p:?}"))?;
                bad_path(sb.mkdir(p), &format!("mkdir {p:?}"))?;
                bad_path(sb.stat(p), &format!("stat {p:?}"))?;
            }
            bad_path(sb.remove("/", true), "remove /")?;
            let cwd = ExecOptions {
                cwd: Some("../..".into()),
                ..Default::default()
            };
            bad_path(sb.exec_with("pwd", cwd), "cwd ../..")?;
            match sb.exec("echo a\0b") {
                Err(Error::Invalid(m)) => expect("message", m.as_str(), "the script holds a NUL byte")?,
                other => return Err(format!("NUL in a script: {other:?}").into()),
            }
            // A name that only looks odd is a name.
            ok(sb.write_file("odd name; rm -rf $HOME `x`", b"safe"))?;
            expect(
                "odd name",
                ok(sb.exec("cat 'odd name; rm -rf $HOME `x`'"))?.stdout,
                b"safe".to_vec(),
            )
        }),
        trial("missing_files_and_wrong_kinds", || {
            let sb = sandbox()?;
            let e = sb.read_file("nope.txt").unwrap_err();
            expect("not found", e.is_not_found(), true)?;
            expect(
                "message",
                e.to_string().as_str(),
                "/home/user/nope.txt: No such file or directory",
            )?;
            errno(sb.stat("/no/such"), Errno::ENOENT, "stat")?;
            errno(sb.list("/no/such"), Errno::ENOENT, "list")?;
            errno(sb.remove("/no/such", false), Errno::ENOENT, "remove")?;
            errno(sb.read_file("/etc"), Errno::EISDIR, "read a directory")?;
            errno(sb.list("/etc/passwd"), Errno::ENOTDIR, "list a file")?;
            errno(sb.mkdir("/etc/passwd/x"), Errno::ENOTDIR, "mkdir under a file")?;
            errno(
                sb.write_file("/etc/passwd/x", b""),
                Errno::ENOTDIR,
                "write under a file",
            )?;
            ok(sb.write_file("d/f", b"1"))?;
            match sb.remove("d", false) {
                Err(Error::Fs { .. }) => {}
                other => return Err(format!("removing a full directory: {other:?}").into()),
            }
            ok(sb.remove("d", true))?;
            errno(sb.stat("d"), Errno::ENOENT, "removed")?;
            errno(
                sb.exec_with(
                    "pwd",
                    ExecOptions {
                        cwd: Some("/nonexistent".into()),
                        ..Default::default()
                    },
                ),
                Errno::ENOENT,
                "a missing cwd",
            )?;
            errno(
                sb.exec_with(
                    "pwd",
                    ExecOptions {
                        cwd: Some("/etc/passwd".into()),
                        ..Default::default()
                    },
                ),
                Errno::ENOTDIR,
                "a file as cwd",
            )
        }),
        trial("list_glob_stat_mkdir", || {
            let sb = sandbox()?;
            for f in ["src/a.rs", "src/b.rs", "src/.hidden.rs", "src/sub/c.rs", "README.md"] {
                ok(sb.write_file(f, f.as_bytes()))?;
            }
            ok(sb.mkdir("src/empty/deeper"))?;
            ok(sb.mkdir("src/empty/deeper"))?;
            let names: Vec<String> = ok(sb.list("src"))?.into_iter().map(|m| m.name).collect();
            expect(
                "list",
                names,
                vec![".hidden.rs", "a.rs", "b.rs", "empty", "sub"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
            )?;
            let paths = |v: Vec<boot::sandbox::Metadata>| v.into_iter().map(|m| m.path).collect::<Vec<_>>();
            expect(
                "glob *.rs",
                paths(ok(sb.glob("src/*.rs"))?),
                vec!["/home/user/src/a.rs".to_string(), "/home/user/src/b.rs".into()],
            )?;
            expect(
                "glob **",
                paths(ok(sb.glob("/home/user/**/c.rs"))?),
                vec!["/home/user/src/sub/c.rs".to_string()],
            )?;
            expect(
                "glob .*",
                paths(ok(sb.glob("src/.*.rs"))?),
                vec!["/home/user/src/.hidden.rs".to_string()],
            )?;
            expect(
                "glob [ab]",
                paths(ok(sb.glob("src/[b].rs"))?),
                vec!["/home/user/src/b.rs".to_string()],
            )?;
            expect("no match", ok(sb.glob("src/*.py"))?.len(), 0)?;
            let st = ok(sb.stat("src/sub/c.rs"))?;
            expect(
                "stat",
                (st.kind, st.size, st.name.as_str(), st.uid),
                (Kind::File, 12, "c.rs", Some(1000)),
            )?;
            expect("stat dir", ok(sb.stat("/"))?.kind, Kind::Dir)?;
            expect("device", ok(sb.stat("/dev/null"))?.kind, Kind::Device)
        }),
        trial("a_script_that_never_ends_is_bounded", || {
            let sb = ok(Sandbox::builder().timeout(Duration::from_millis(300)).build())?;
            let t = Instant::now();
            let out = ok(sb.exec("echo begun; sleep 1000 & while :; do :; done"))?;
            expect("status", out.status, 124)?;
            expect("stdout", out.stdout.clone(), b"begun\n".to_vec())?;
            expect(
                "stderr",
                out.stderr_text().as_str(),
                "ninebox: time limit reached (300ms); raise it with --timeout N\n",
            )?;
            expect(
                "wait",
                out.wait,
                format!("sh {}: time limit reached (300ms); raise it with --timeout N", out.pid),
            )?;
            expect("bounded", t.elapsed() < Duration::from_secs(5), true)?;
            // A shorter limit for one script; the sandbox goes on.
            let short = ExecOptions {
                timeout: Some(Duration::from_millis(50)),
                ..Default::default()
            };
            expect("shorter", ok(sb.exec_with("sleep 10", short))?.status, 124)?;
            let out = ok(sb.exec("ps"))?;
            // init, this sh and ps: nothing of the killed scripts is left.
            expect(
                &format!("processes in {}", out.stdout_text()),
                out.stdout_text().lines().count(),
                4,
            )
        }),
        trial("output_past_the_limit_is_cut", || {
            let sb = ok(Sandbox::builder().limit("output", "1K").build())?;
            let out = ok(sb.exec("yes 0123456789"))?;
            expect("truncated", out.truncated, true)?;
            expect("stdout length", out.stdout.len(), 1024)?;
            expect(
                "stderr",
                out.stderr_text().as_str(),
                "\nninebox: output limit reached (1 KiB); raise it with --limit output=N\n",
            )?;
            expect("a failed write ends the loop", out.status, 1)?;
            let out = ok(sb.exec("echo fine"))?;
            expect(
                "the next script has its own budget",
                (out.stdout, out.truncated),
                (b"fine\n".to_vec(), false),
            )
        }),
        trial("builder_checks_its_settings", || {
            for (b, what) in [
                (Sandbox::builder().profile("lax"), "profile"),
                (Sandbox::builder().limit("nosuch", "1"), "limit name"),
                (Sandbox::builder().limit("procs", "many"), "limit value"),
                (Sandbox::builder().env("A=B", "x"), "env name"),
                (Sandbox::builder().env("A", "x\0y"), "env value"),
                (
                    Sandbox::builder().command("a/b", Program::new("x", |_| async { 0 })),
                    "command name",
                ),
            ] {
                match b.build() {
                    Err(Error::Config(_)) => {}
                    other => return Err(format!("{what}: expected a Config error, got {other:?}").into()),
                }
            }
            let sb = ok(Sandbox::builder().profile("strict").limit("procs", "20").build())?;
            expect("procs", sb.limits().max_procs, 20)?;
            expect("strict timeout", sb.limits().timeout, Some(Duration::from_secs(30)))?;
            let out = ok(sb.exec("for i in $(seq 40); do sleep 5 & done 2>/dev/null; wait; echo done"))?;
            expect("procs limit holds", out.stdout_text().as_str(), "done\n")?;
            let t = Instant::now();
            let procs = ok(sb.exec("for i in $(seq 40); do (sleep 0.2) & done; wait"))?;
            expect("spawns refused", procs.stderr_text().contains("process limit"), true)?;
            expect("quick", t.elapsed() < Duration::from_secs(10), true)
        }),
        trial("extra_commands_seed_and_binds", || {
            let hello = Program::new("hello", |p| async move {
                let n = p.argv().len() - 1;
                match p.write(1, format!("hello with {n} args\n").as_bytes()).await {
                    Ok(_) => 0,
                    Err(_) => 1,
                }
            });
            let host = tempfile::tempdir().map_err(|e| Failed::from(e.to_string()))?;
            std::fs::write(host.path().join("data.txt"), "from host\n").map_err(|e| Failed::from(e.to_string()))?;
            let bind: boot::binds::Bind = format!("{}:/mnt/host", host.path().display())
                .parse()
                .map_err(Failed::from)?;
            let sb = ok(Sandbox::builder().seed(7).command("hello", hello).bind(bind).build())?;
            expect(
                "command",
                ok(sb.exec("hello a b"))?.stdout,
                b"hello with 2 args\n".to_vec(),
            )?;
            expect("bind", ok(sb.read_file("/mnt/host/data.txt"))?, b"from host\n".to_vec())?;
            match sb.write_file("/mnt/host/new", b"x") {
                Err(Error::Fs { .. }) => {}
                other => return Err(format!("a read-only bind took a write: {other:?}").into()),
            }
            expect("host untouched", host.path().join("new").exists(), false)?;
            let draw = "od -An -tx1 -N8 /dev/random; date +%Y";
            let one = ok(ok(Sandbox::builder().seed(7).build())?.exec(draw))?.stdout;
            let two = ok(ok(Sandbox::builder().seed(7).build())?.exec(draw))?.stdout;
            expect("seeded", one, two)
        }),
        trial("concurrent_calls_keep_their_output_apart", || {
            let sb = std::sync::Arc::new(sandbox()?);
            let workers: Vec<_> = (0..8)
                .map(|i| {
                    let sb = sb.clone();
                    std::thread::spawn(move || -> Result<(), String> {
                        for j in 0..5 {
                            let out = sb
                                .exec(&format!("echo {i}-{j}; echo e{i} >&2; echo {i} > f{i}"))
                                .map_err(|e| e.to_string())?;
                            if out.stdout != format!("{i}-{j}\n").into_bytes()
                                || out.stderr != format!("e{i}\n").into_bytes()
                            {
                                return Err(format!("worker {i}: {out:?}"));
                            }
                            let got = sb.read_file(&format!("f{i}")).map_err(|e| e.to_string())?;
                            if got != format!("{i}\n").into_bytes() {
                                return Err(format!("worker {i} read {got:?}"));
                            }
                        }
                        Ok(())
                    })
                })
                .collect();
            for w in workers {
                w.join()
                    .map_err(|_| Failed::from("a worker panicked"))?
                    .map_err(Failed::from)?;
            }
            Ok(())
        }),
        trial("a_dropped_sandbox_stops", || {
            let sb = sandbox()?;
            ok(sb.exec("sleep 1000 &"))?;
            drop(sb);
            // Killing pid 1 from inside ends the sandbox: calls say so.
            let sb = sandbox()?;
            let _ = sb.exec("kill -9 1");
            match sb.exec("echo still") {
                Err(Error::Stopped(_)) => Ok(()),
                Ok(out) if out.stdout == b"still\n" => Ok(()),
                other => Err(format!("after kill 1: {other:?}").into()),
            }
        }),
    ]
}
