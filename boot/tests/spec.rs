//! The spec-case runner: Oils-style case files under `tests/spec/`, one
//! test per case, each run through the `ninebox` binary as a user would.
//!
//! Format (every directive is a shell comment, so a file is a script):
//!
//! ```text
//! #### name
//! script lines
//! ## stdout: one line            (or ## STDOUT: ... ## END, ## stdout-json: "...")
//! ## stderr: one line            (or ## STDERR: ... ## END; checked only if given)
//! ## status: N                   (default 0)
//! ## bash_diff: why ninebox differs from bash on purpose
//! ## skip: why this case does not run
//! ## stderr-contains: text         (stderr must contain it; repeatable)
//! ## limits: procs=20 string=1M   (passed as --limit procs=20 --limit string=1M)
//! ```
//!
//! `## limits:` and `## bash_diff:` before a file's first case apply to
//! every case of the file; a case's own `## limits:` adds to the file's
//! (the later setting of a name wins), an empty `## bash_diff:` takes the
//! file's back (the case is checked against bash). A case with limits is bounded by
//! them, not only by the runner's 20 s.
//!
//! `NINEBOX_SPEC_SHELL=bash` runs every case (except `bash_diff` ones) with
//! the host's bash instead, to check the expectations themselves.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Clone, Debug, Default)]
pub struct Case {
    pub file: String,
    pub name: String,
    pub line: usize,
    pub script: String,
    pub stdout: String,
    pub stderr: Option<String>,
    pub status: i32,
    pub bash_diff: Option<String>,
    pub skip: Option<String>,
    pub stderr_contains: Vec<String>,
    /// `--limit` arguments, the file's first.
    pub limits: Vec<String>,
}

/// Every case of every `*.test.sh` under `dir`, in file order.
pub fn load(dir: &Path) -> Vec<Case> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let rel = f
            .strip_prefix(dir)
            .unwrap_or(&f)
            .to_string_lossy()
            .trim_end_matches(".test.sh")
            .replace('/', "::");
        cases.extend(parse(&rel, &text));
    }
    cases
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.to_string_lossy().ends_with(".test.sh") {
            out.push(p);
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::from_str::<String>(s.trim()).unwrap_or_else(|e| panic!("bad JSON string {s}: {e}"))
}

pub fn parse(file: &str, text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    // What the lines before the first case set for every case.
    let mut defaults = Case {
        file: file.to_string(),
        ..Default::default()
    };
    let mut cur: Option<Case> = None;
    let mut block: Option<(bool, String)> = None; // (is_stdout, text)
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if let Some((is_stdout, buf)) = block.as_mut() {
            if bare == "## END" {
                let c = cur.as_mut().expect("a block is inside a case");
                if *is_stdout {
                    c.stdout = std::mem::take(buf);
                } else {
                    c.stderr = Some(std::mem::take(buf));
                }
                block = None;
            } else {
                buf.push_str(line);
            }
            continue;
        }
        if let Some(name) = bare.strip_prefix("#### ") {
            cases.extend(cur.take());
            cur = Some(Case {
                name: name.trim().to_string(),
                line: i + 1,
                ..defaults.clone()
            });
            continue;
        }
        let in_case = cur.is_some();
        let c = cur.as_mut().unwrap_or(&mut defaults);
        if let Some(d) = bare.strip_prefix("## ") {
            let (key, val) = d
                .split_once(':')
                .map(|(k, v)| (k, v.strip_prefix(' ').unwrap_or(v)))
                .unwrap_or((d, ""));
            match key {
                "stdout" => c.stdout = format!("{val}\n"),
                "stdout-json" => c.stdout = json_string(val),
                "STDOUT" => block = Some((true, String::new())),
                "stderr" => c.stderr = Some(format!("{val}\n")),
                "stderr-json" => c.stderr = Some(json_string(val)),
                "STDERR" => block = Some((false, String::new())),
                "status" => {
                    c.status = val
                        .trim()
                        .parse()
                        .unwrap_or_else(|_| panic!("{file}:{}: bad status", i + 1))
                }
                // An empty reason takes back a file's `bash_diff`.
                "bash_diff" => c.bash_diff = (!val.trim().is_empty()).then(|| val.to_string()),
                "skip" => c.skip = Some(val.to_string()),
                "stderr-contains" => c.stderr_contains.push(val.to_string()),
                "limits" => c.limits.extend(val.split_whitespace().map(str::to_string)),
                _ => panic!("{file}:{}: unknown directive {key}", i + 1),
            }
            continue;
        }
        if in_case {
            c.script.push_str(line);
        }
    }
    cases.extend(cur);
    for c in &mut cases {
        // As the cases were checked against bash: trailing blank lines go,
        // one newline ends the script.
        let trimmed = c.script.trim_end_matches(['\n', ' ', '\t']).to_string();
        c.script = format!("{trimmed}\n");
    }
    cases
}

/// What a run produced.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// Run a command with no stdin, a time limit, and captured output.
pub fn run(cmd: Command, limit: Duration) -> Result<Outcome, String> {
    run_as(cmd, limit, None)
}

/// [`run`], with the output pipes given to `owner` (so a case run as
/// nobody can reopen them as `/dev/stdout` and `/dev/stderr`).
fn run_as(mut cmd: Command, limit: Duration, owner: Option<u32>) -> Result<Outcome, String> {
    let (mut out, out_w) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
    let (mut err, err_w) = std::io::pipe().map_err(|e| format!("pipe: {e}"))?;
    if let Some(id) = owner {
        for fd in [&out_w, &err_w] {
            std::os::unix::fs::fchown(fd, Some(id), Some(id)).map_err(|e| format!("fchown: {e}"))?;
        }
    }
    cmd.stdin(Stdio::null()).stdout(out_w).stderr(err_w);
    let mut child = cmd.spawn().map_err(|e| format!("spawn: {e}"))?;
    // The write ends now belong to the child alone.
    drop(cmd);
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    Ok(Outcome {
        stdout,
        stderr,
        status: status.code().unwrap_or(128 + 9),
    })
}

/// Run a case in ninebox.
pub fn run_ninebox(bin: &Path, case: &Case) -> Result<Outcome, String> {
    let mut cmd = Command::new(bin);
    for l in &case.limits {
        cmd.arg("--limit").arg(l);
    }
    cmd.arg("-c").arg(&case.script);
    cmd.env_clear().env("LC_ALL", "C");
    run(cmd, Duration::from_secs(20))
}

/// Run a case in the host's bash, as the expectations were written.
pub fn run_bash(case: &Case) -> Result<Outcome, String> {
    let dir = std::env::temp_dir().join(format!("ninebox-spec-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    // Never as root: a case may set the clock, kill processes or write
    // anywhere. As root the runner gives the directory to nobody and runs
    // bash as nobody.
    let mut cmd = if running_as_root() {
        std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY)).map_err(|e| format!("chown: {e}"))?;
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "bash"]);
        c
    } else {
        Command::new("bash")
    };
    cmd.arg("-c").arg(&case.script).arg("sh").current_dir(&dir);
    cmd.env_clear()
        .env("HOME", "/home/user")
        .env("USER", "user")
        .env("PATH", host_path())
        .env("LC_ALL", "C")
        .env("TZ", "UTC");
    let owner = running_as_root().then_some(NOBODY);
    let r = run_as(cmd, Duration::from_secs(20), owner);
    let _ = std::fs::remove_dir_all(&dir);
    r
}

/// nobody's uid and gid (nogroup), which host bash runs as under root.
const NOBODY: u32 = 65534;

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// The host's PATH for the cases: `/usr/bin:/bin`, with `awk` meaning GNU
/// awk (the reference) even where the system's awk is mawk.
fn host_path() -> String {
    static PATH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATH.get_or_init(|| {
        let plain = "/usr/bin:/bin".to_string();
        let Some(gawk) = ["/usr/bin/gawk", "/bin/gawk"].iter().find(|p| Path::new(p).exists()) else {
            return plain;
        };
        // One directory for every run (made once, never removed: it holds
        // only the link).
        let dir = std::env::temp_dir().join("ninebox-spec-bin");
        let link = dir.join("awk");
        let made =
            std::fs::create_dir_all(&dir).is_ok() && (link.exists() || std::os::unix::fs::symlink(gawk, &link).is_ok());
        if made {
            format!("{}:{plain}", dir.display())
        } else {
            plain
        }
    })
    .clone()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Compare an outcome with a case's expectations.
pub fn check(case: &Case, got: &Outcome) -> Result<(), String> {
    let mut problems = Vec::new();
    if got.stdout != case.stdout {
        problems.push(format!(
            "stdout differs\n--- expected\n{}--- got\n{}---",
            case.stdout, got.stdout
        ));
    }
    if got.status != case.status {
        problems.push(format!("status: expected {}, got {}", case.status, got.status));
    }
    if let Some(want) = &case.stderr
        && &got.stderr != want
    {
        problems.push(format!(
            "stderr differs\n--- expected\n{want}--- got\n{}---",
            got.stderr
        ));
    }
    for want in &case.stderr_contains {
        if !got.stderr.contains(want.as_str()) {
            problems.push(format!("stderr lacks {want:?}"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{}:{} `{}`\n--- script\n{}{}\n(stderr was:\n{})",
        case.file,
        case.line,
        case.name,
        case.script,
        problems.join("\n"),
        got.stderr
    ))
}
