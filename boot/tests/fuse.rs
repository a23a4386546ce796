//! `ninebox mount`: the real binary serves a system on a temp unix
//! socket and mounts it with FUSE on a temp directory; GNU tools of the
//! host then work on the mount. Every process started here is ended by
//! pid, and every mount unmounted (`umount -l` as a last resort).
//!
//! Without `/dev/fuse` these tests are ignored, and say why; if mounting
//! is refused with EPERM, each test prints that it is skipped and why.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use libtest_mimic::{Failed, Trial};

/// The longest any one step may take.
const STEP: Duration = Duration::from_secs(20);

static NEXT: AtomicUsize = AtomicUsize::new(0);

type R = Result<(), Failed>;

/// A served system, the mounts made of it, and a private directory.
struct Fixture {
    bin: PathBuf,
    dir: PathBuf,
    serve: Option<Child>,
    mounts: Vec<(Child, PathBuf)>,
    /// Other processes to end (a `ninebox run` left running).
    others: Vec<Child>,
}

/// What starting a mount came to.
enum Mounted {
    Yes(PathBuf),
    /// The host refused the mount with EPERM: the message.
    Refused(String),
}

fn kill(pid: u32, sig: &str) {
    let _ = Command::new("kill").args([sig, &pid.to_string()]).status();
}

/// Wait up to `limit` for `child` to end.
fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if let Ok(Some(st)) = child.try_wait() {
            return Some(st);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// End `child`: SIGTERM, then SIGKILL after `grace`.
fn end(child: &mut Child, grace: Duration) -> Option<std::process::ExitStatus> {
    if let Ok(Some(st)) = child.try_wait() {
        return Some(st);
    }
    kill(child.id(), "-TERM");
    let st = wait(child, grace);
    if st.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    st
}

/// Whether `point` is a mount point now (from /proc/self/mountinfo).
fn is_mounted(point: &Path) -> bool {
    let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
    let want = point.display().to_string();
    info.lines().any(|l| l.split(' ').nth(4).is_some_and(|p| p == want))
}

/// The first line `child` prints, within `STEP`.
fn first_line(child: &mut Child) -> Option<String> {
    let out = child.stdout.take()?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(out).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(STEP).ok().filter(|l| !l.is_empty())
}

fn stderr_of(child: &mut Child) -> String {
    let mut s = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut s);
    }
    s
}

impl Fixture {
    /// Serve a system booted with `init` (and `extra` serve options).
    fn start(bin: &Path, init: &str, extra: &[String]) -> Result<Fixture, Failed> {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("ninebox-fuse-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
        let mut f = Fixture {
            bin: bin.to_path_buf(),
            dir,
            serve: None,
            mounts: Vec::new(),
            others: Vec::new(),
        };
        let mut serve = Command::new(bin)
            .args(["serve", "--name", "fusetest", "--listen", &f.addr(), "--init", init])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Failed::from(format!("serve: {e}")))?;
        let line = first_line(&mut serve);
        f.serve = Some(serve);
        match line {
            Some(l) if l.contains("serving on") => Ok(f),
            other => Err(format!("serve printed {other:?}").into()),
        }
    }

    fn addr(&self) -> String {
        format!("unix!{}", self.dir.join("sock").display())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// `ninebox mount ADDR DIR/name ARGS...`, once it says it is mounted.
    fn mount(&mut self, name: &str, args: &[&str]) -> Result<Mounted, Failed> {
        let point = self.path(name);
        match std::fs::create_dir(&point) {
            // A stale mount there answers EEXIST too.
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e.to_string().into()),
            _ => {}
        }
        let mut child = Command::new(&self.bin)
            .arg("mount")
            .arg(self.addr())
            .arg(&point)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| Failed::from(format!("mount: {e}")))?;
        match first_line(&mut child) {
            Some(l) if l.contains("mounted on") => {
                self.mounts.push((child, point.clone()));
                Ok(Mounted::Yes(point))
            }
            line => {
                end(&mut child, Duration::from_secs(5));
                let err = stderr_of(&mut child);
                if err.contains("Operation not permitted") || err.contains("EPERM") {
                    return Ok(Mounted::Refused(err.trim().to_string()));
                }
                Err(format!("mount printed {line:?}, stderr {err:?}").into())
            }
        }
    }

    /// The `i`th mount's process.
    fn mount_proc(&mut self, i: usize) -> &mut Child {
        &mut self.mounts[i].0
    }

    /// `ninebox ARGS...` to the end: stdout, stderr, status.
    fn ninebox(&self, args: &[&str]) -> (String, String, Option<i32>) {
        run(Command::new("timeout")
            .arg(STEP.as_secs().to_string())
            .arg(&self.bin)
            .args(args))
    }

    /// Stop the server: SIGTERM, and its status.
    fn stop_server(&mut self) -> Option<std::process::ExitStatus> {
        self.serve.as_mut().and_then(|s| end(s, Duration::from_secs(10)))
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        for (child, point) in &mut self.mounts {
            end(child, Duration::from_secs(5));
            if is_mounted(point) {
                let _ = Command::new("umount").arg("-l").arg(&*point).status();
            }
        }
        for child in &mut self.others {
            end(child, Duration::from_secs(5));
        }
        if let Some(s) = &mut self.serve {
            end(s, Duration::from_secs(10));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(cmd: &mut Command) -> (String, String, Option<i32>) {
    match cmd.stdin(Stdio::null()).output() {
        Ok(out) => (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            out.status.code(),
        ),
        Err(e) => (String::new(), e.to_string(), None),
    }
}

/// A host shell script, `$M` the mount point: stdout, stderr, status.
fn host_sh(mount: &Path, script: &str) -> (String, String, Option<i32>) {
    run(Command::new("timeout")
        .arg(STEP.as_secs().to_string())
        .args(["bash", "-c", script])
        .env("M", mount)
        .env("LC_ALL", "C")
        .env("TZ", "UTC"))
}

fn check(what: &str, got: (String, String, Option<i32>), out: &str, err: &str, code: i32) -> R {
    if got != (out.to_string(), err.to_string(), Some(code)) {
        return Err(format!(
            "{what}:\n got stdout {:?}\n want       {out:?}\n got stderr {:?}\n want       {err:?}\n got status {:?}, want {code}",
            got.0, got.1, got.2
        )
        .into());
    }
    Ok(())
}

/// Mount, or report the test skipped (EPERM) and answer None.
fn mount_or_skip(f: &mut Fixture, test: &str, name: &str, args: &[&str]) -> Result<Option<PathBuf>, Failed> {
    match f.mount(name, args)? {
        Mounted::Yes(p) => Ok(Some(p)),
        Mounted::Refused(why) => {
            eprintln!("fuse::{test}: SKIPPED: mounting FUSE failed with EPERM on this host: {why}");
            Ok(None)
        }
    }
}

const TOOLS: &str = r#"set -e
cd "$M/tmp"
echo one > f
echo two >> f
cat f
mkdir -p d/e/g
echo hello > d/e/g/h
mv f f2
ls
mv f2 d/e/
ls d/e
cp -r d c
find c | sort
grep -r hello c
printf 'b\na\nc\n' > s
sort s
wc -l < s
wc -c < d/e/f2
mv d dd
head -1 dd/e/f2
mv dd d
tar cf arch.tar c s
mkdir x
tar xf arch.tar -C x
find x | sort
cmp c/e/g/h x/c/e/g/h
touch -d '2020-01-02 03:04:05' s
stat -c '%Y %s %F' s
touch new
chmod 640 s
stat -c '%a' s new
rm -r c x arch.tar
ls -la | awk 'NR > 1 { print $1, $NF }'
"#;

const TOOLS_OUT: &str = "one\ntwo\nd\nf2\nf2\ng\nc\nc/e\nc/e/f2\nc/e/g\nc/e/g/h\nc/e/g/h:hello\na\nb\nc\n3\n8\none\n\
                         x\nx/c\nx/c/e\nx/c/e/f2\nx/c/e/g\nx/c/e/g/h\nx/s\n1577934245 6 regular file\n640\n644\n\
                         drwxrwxrwx .\ndrwxr-xr-x ..\ndrwxr-xr-x d\n-rw-r--r-- new\n-rw-r----- s\n";

const ERRORS: &str = r#"cd "$M/tmp"
mkdir -p full/sub
cat nope
echo x > nodir/x
rmdir full
mkdir full
rm full
cat s/x
rmdir s
mv s full/sub/s2 && cat full/sub/s2
mv full/sub/s2 s
echo status $?
"#;

const ERRORS_ERR: &str = "cat: nope: No such file or directory\n\
                          bash: line 4: nodir/x: No such file or directory\n\
                          rmdir: failed to remove 'full': Directory not empty\n\
                          mkdir: cannot create directory 'full': File exists\n\
                          rm: cannot remove 'full': Is a directory\n\
                          cat: s/x: Not a directory\n\
                          rmdir: failed to remove 's': Not a directory\n";

pub fn trials(bin: &Path) -> Vec<Trial> {
    let fuse = Path::new("/dev/fuse").exists();
    if !fuse {
        eprintln!("fuse: SKIPPED (ignored): /dev/fuse is missing on this host, so nothing can be mounted");
    }
    let t = |name: &str, f: fn(&Path) -> R| {
        let bin = bin.to_path_buf();
        Trial::test(format!("fuse::{name}"), move || f(&bin)).with_ignored_flag(!fuse)
    };
    vec![
        t("gnu_tools_work_on_a_mounted_system", gnu_tools),
        t("errors_read_as_a_unix_user_expects", errors),
        t("proc_is_readable_and_aname_shows_a_process_namespace", proc_and_aname),
        t("read_only_refuses_writes_and_a_hangup_unmounts", read_only),
        t("a_stale_mount_is_removed_and_sigterm_unmounts", stale),
        t("bad_mounts_are_refused_with_a_reason", refusals),
    ]
}

fn gnu_tools(bin: &Path) -> R {
    let mut f = Fixture::start(bin, "mkdir -p /tmp", &[])?;
    let Some(m) = mount_or_skip(&mut f, "gnu_tools_work_on_a_mounted_system", "mnt", &[])? else {
        return Ok(());
    };
    check("host tools", host_sh(&m, TOOLS), TOOLS_OUT, "", 0)?;
    // The changes are the system's own: seen from inside it.
    let got = f.ninebox(&["run", &f.addr(), "-c", "ls /tmp /tmp/d/e; cat /tmp/d/e/f2"]);
    check("inside", got, "/tmp:\nd\nnew\ns\n\n/tmp/d/e:\nf2\ng\none\ntwo\n", "", 0)
}

fn errors(bin: &Path) -> R {
    let mut f = Fixture::start(bin, "echo abc >/tmp/s", &[])?;
    let Some(m) = mount_or_skip(&mut f, "errors_read_as_a_unix_user_expects", "mnt", &[])? else {
        return Ok(());
    };
    check("errors", host_sh(&m, ERRORS), "abc\nstatus 0\n", ERRORS_ERR, 0)
}

fn proc_and_aname(bin: &Path) -> R {
    let init = "mkdir -p /tmp/x /tmp/y && echo inx >/tmp/x/f";
    let mut f = Fixture::start(bin, init, &[])?;
    let test = "proc_is_readable_and_aname_shows_a_process_namespace";
    let Some(all) = mount_or_skip(&mut f, test, "all", &[])? else {
        return Ok(());
    };
    let (out, err, code) = host_sh(
        &all,
        r#"head -c 4 "$M/proc/1/status"; echo; cat "$M/proc/1/status" | wc -l"#,
    );
    check("proc", (out, err, code), "init\n1\n", "", 0)?;
    // A process with a namespace of its own, kept running by a `ninebox
    // run` that the fixture ends.
    let script = "rfork n; bind /tmp/x /tmp/y; echo $$; sleep 100";
    let mut runner = Command::new(&f.bin)
        .args(["run", &f.addr(), "-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Failed::from(format!("run: {e}")))?;
    let line = first_line(&mut runner);
    f.others.push(runner);
    let pid = line.unwrap_or_default().trim().to_string();
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("run printed {pid:?}").into());
    }
    let Some(its) = mount_or_skip(&mut f, test, "its", &["--aname", &pid])? else {
        return Ok(());
    };
    check("its view", host_sh(&its, r#"cat "$M/tmp/y/f""#), "inx\n", "", 0)?;
    check(
        "the system's view",
        host_sh(&all, r#"ls -A "$M/tmp/y" | wc -l"#),
        "0\n",
        "",
        0,
    )?;
    // What the process is doing, from the host.
    let status = format!(r#"cut -c1-2 "$M/proc/{pid}/status""#);
    check("its status", host_sh(&all, &status), "sh\n", "", 0)
}

fn read_only(bin: &Path) -> R {
    let mut f = Fixture::start(bin, "echo abc >/tmp/s", &[])?;
    let Some(m) = mount_or_skip(
        &mut f,
        "read_only_refuses_writes_and_a_hangup_unmounts",
        "mnt",
        &["--ro"],
    )?
    else {
        return Ok(());
    };
    let script = r#"cd "$M/tmp"; cat s; echo x > new; echo y >> s; mkdir d; rm s; chmod 600 s; cat s"#;
    let err = "bash: line 1: new: Read-only file system\n\
               bash: line 1: s: Read-only file system\n\
               mkdir: cannot create directory 'd': Read-only file system\n\
               rm: cannot remove 's': Read-only file system\n\
               chmod: changing permissions of 's': Read-only file system\n";
    check("ro", host_sh(&m, script), "abc\nabc\n", err, 0)?;
    // The system goes: the mount hangs up and unmounts itself.
    f.stop_server();
    let st = wait(f.mount_proc(0), STEP);
    let err = stderr_of(f.mount_proc(0));
    match st.map(|s| s.code()) {
        Some(Some(1)) if err.contains("hung up") && !is_mounted(&m) => Ok(()),
        other => Err(format!(
            "after the server stopped: status {other:?}, stderr {err:?}, mounted {}",
            is_mounted(&m)
        )
        .into()),
    }
}

fn stale(bin: &Path) -> R {
    let mut f = Fixture::start(bin, "echo abc >/tmp/s", &[])?;
    let test = "a_stale_mount_is_removed_and_sigterm_unmounts";
    let Some(m) = mount_or_skip(&mut f, test, "mnt", &[])? else {
        return Ok(());
    };
    // A crash: the mount is left, dead.
    let _ = f.mount_proc(0).kill();
    let _ = f.mount_proc(0).wait();
    let (_, err, code) = host_sh(&m, r#"stat "$M""#);
    if code == Some(0) || !err.contains("Transport endpoint is not connected") {
        return Err(format!("after the crash, stat answered {err:?} {code:?}").into());
    }
    let Some(again) = mount_or_skip(&mut f, test, "mnt", &[])? else {
        return Ok(());
    };
    check("remounted", host_sh(&again, r#"cat "$M/tmp/s""#), "abc\n", "", 0)?;
    let st = end(f.mount_proc(1), STEP);
    let err = stderr_of(f.mount_proc(1));
    if !err.contains("removed a stale ninebox mount") {
        return Err(format!("the second mount said {err:?}").into());
    }
    match st.map(|s| s.code()) {
        Some(Some(0)) if !is_mounted(&m) => Ok(()),
        other => Err(format!("SIGTERM: status {other:?}, still mounted: {}", is_mounted(&m)).into()),
    }
}

fn refusals(bin: &Path) -> R {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let host = std::env::temp_dir().join(format!("ninebox-fuse-host-{}-{n}", std::process::id()));
    std::fs::create_dir_all(host.join("sub")).map_err(|e| Failed::from(e.to_string()))?;
    let bind = format!("{}:/h:rw", host.display());
    let r = (|| -> R {
        let f = Fixture::start(bin, "echo abc >/tmp/s", &["--bind".into(), bind])?;
        // Inside a host directory the system serves.
        let sub = host.join("sub");
        let (_, err, code) = f.ninebox(&["mount", &f.addr(), &sub.display().to_string()]);
        if code != Some(1) || !err.contains("a host directory the system serves") {
            return Err(format!("inside the served tree: {err:?} {code:?}").into());
        }
        // No such system.
        let gone = format!("unix!{}", f.path("nosock").display());
        let (_, err, code) = f.ninebox(&["mount", &gone, &sub.display().to_string()]);
        if code != Some(1) || !err.contains("no such running system") {
            return Err(format!("no system: {err:?} {code:?}").into());
        }
        // A file is no mount point; nor is a missing directory.
        let file = f.path("file");
        std::fs::write(&file, "x").map_err(|e| Failed::from(e.to_string()))?;
        let (_, err, code) = f.ninebox(&["mount", &f.addr(), &file.display().to_string()]);
        if code != Some(1) || !err.contains("Not a directory") {
            return Err(format!("a file: {err:?} {code:?}").into());
        }
        let missing = f.path("missing");
        let (_, err, code) = f.ninebox(&["mount", &f.addr(), &missing.display().to_string()]);
        if code != Some(1) || !err.contains("No such file or directory") {
            return Err(format!("missing: {err:?} {code:?}").into());
        }
        // A pid that is no process.
        let dir = f.path("d");
        std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
        let (_, err, code) = f.ninebox(&["mount", &f.addr(), &dir.display().to_string(), "--aname", "99999"]);
        if code != Some(1) || err.is_empty() || is_mounted(&dir) {
            return Err(format!("bad aname: {err:?} {code:?}").into());
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&host);
    r
}
