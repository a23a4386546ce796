//! The command line: -c with $0 and arguments, scripts from files and from
//! stdin, --seed reproducibility, --help and --version, exit statuses.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Failed, Trial};

pub fn ninebox(bin: &Path, args: &[&str], stdin: &[u8]) -> Result<(String, String, i32), Failed> {
    ninebox_env(bin, args, stdin, &[])
}

fn ninebox_env(bin: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Result<(String, String, i32), Failed> {
    let mut child = Command::new(bin)
        .args(args)
        .env_remove("NINEBOX_LIMITS")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failed::from(e.to_string()))?;
    let mut input = child.stdin.take().expect("piped");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = wait_with_timeout(child)?;
    let _ = writer.join();
    Ok(out)
}

fn wait_with_timeout(child: std::process::Child) -> Result<(String, String, i32), Failed> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .map_err(|_| Failed::from("timed out"))?
        .map_err(|e| Failed::from(e.to_string()))?;
    Ok((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    ))
}

pub fn expect<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Result<(), Failed> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: expected {want:?}, got {got:?}").into())
    }
}

/// Run `bin` with `args` (output thrown away) and answer its status and
/// the peak resident memory the host saw, in KiB: `VmHWM` from
/// `/proc/PID/status`, read until the process ends (the last reading is
/// the peak, as the figure only grows).
fn peak_rss(bin: &Path, args: &[&str]) -> Result<(i32, u64), Failed> {
    let mut child = Command::new(bin)
        .args(args)
        .env_remove("NINEBOX_LIMITS")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Failed::from(e.to_string()))?;
    let status_file = format!("/proc/{}/status", child.id());
    let started = std::time::Instant::now();
    let mut peak = 0;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(st) = child.try_wait().map_err(|e| Failed::from(e.to_string()))? {
            return Ok((st.code().unwrap_or(-1), peak));
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{args:?} did not end within 60 s").into());
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The issue's probes, each alone under `--limits strict`.
const STRICT_PROBES: &[&str] = &[
    "truncate -s 9237207K a",
    "printf '%*d' 1e11 1",
    "stat -c '%-9226854775808b' /",
    "jq -n '\"x\"*1e11'",
    "jq -n 'def f(n): 1+f(n+1); f(0)'",
    "awk 'BEGIN{NF=1e18}'",
    "echo a | tr a '[x*99999999999]'",
    "head -c 30G /dev/zero > /tmp/big",
    "yes > /tmp/f",
    "x=$(yes)",
    "a=(); while :; do a+=(xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx); done",
    "x=a; while :; do x=$x$x; done",
    "echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}",
    "eval \"$(printf '%.0s(' $(seq 100000))\"",
    ":(){ :|:& };:",
];

fn trial(name: &str, bin: &Path, f: fn(&Path) -> Result<(), Failed>) -> Trial {
    let bin: PathBuf = bin.to_path_buf();
    Trial::test(format!("cli::{name}"), move || f(&bin))
}

pub fn trials(bin: &Path) -> Vec<Trial> {
    vec![
        trial("c_with_name_and_args", bin, |b| {
            let (out, _, st) = ninebox(b, &["-c", "echo $0 $# $1 $2", "prog", "one", "two"], b"")?;
            expect("stdout", out.as_str(), "prog 2 one two\n")?;
            expect("status", st, 0)
        }),
        trial("exit_status_passes_through", bin, |b| {
            let (_, _, st) = ninebox(b, &["-c", "exit 42"], b"")?;
            expect("status", st, 42)
        }),
        trial("stdout_and_stderr_are_separate", bin, |b| {
            let (out, err, _) = ninebox(b, &["-c", "echo out; echo err >&2"], b"")?;
            expect("stdout", out.as_str(), "out\n")?;
            expect("stderr", err.as_str(), "err\n")
        }),
        trial("host_stdin_is_fd_0", bin, |b| {
            let (out, _, _) = ninebox(b, &["-c", "read a; read b; echo \"$b $a\""], b"first\nsecond\n")?;
            expect("stdout", out.as_str(), "second first\n")
        }),
        trial("script_on_stdin_reads_its_own_lines", bin, |b| {
            let (out, _, st) = ninebox(b, &[], b"read x\nhello there\necho \"got: $x\"\n")?;
            expect("stdout", out.as_str(), "got: hello there\n")?;
            expect("status", st, 0)
        }),
        trial("script_file_with_args", bin, |b| {
            let dir = std::env::temp_dir().join(format!("ninebox-cli-{}", std::process::id()));
            std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
            let f = dir.join("s.sh");
            std::fs::write(&f, "echo \"$0:$1\"\nnosuch\n").map_err(|e| Failed::from(e.to_string()))?;
            let path = f.to_string_lossy().into_owned();
            let (out, err, st) = ninebox(b, &[&path, "arg"], b"")?;
            let _ = std::fs::remove_dir_all(&dir);
            expect("stdout", out, format!("{path}:arg\n"))?;
            expect("stderr", err, format!("{path}: line 2: nosuch: command not found\n"))?;
            expect("status", st, 127)
        }),
        trial("missing_script_file", bin, |b| {
            let (_, err, st) = ninebox(b, &["/nonexistent/script.sh"], b"")?;
            expect("status", st, 127)?;
            expect(
                "stderr",
                err.as_str(),
                "ninebox: /nonexistent/script.sh: No such file or directory\n",
            )
        }),
        trial("seed_makes_runs_reproducible", bin, |b| {
            // Random bytes from /dev/random and $RANDOM, and the clock's
            // seconds (which start at the fixed epoch under --seed).
            let script = "echo $RANDOM $RANDOM; read -r -N 16 r < /dev/random; printf '%q\\n' \"$r\"; \
                          read -r secs rest < /dev/time; echo $secs";
            let a = ninebox(b, &["--seed", "7", "-c", script], b"")?;
            let c = ninebox(b, &["--seed", "7", "-c", script], b"")?;
            let d = ninebox(b, &["--seed", "8", "-c", script], b"")?;
            expect("status", a.2, 0)?;
            expect("same seed, same output", &a.0, &c.0)?;
            let lines: Vec<&str> = a.0.lines().collect();
            expect("lines", lines.len(), 3)?;
            expect("the clock starts at 2026-01-01T00:00:00Z", lines[2], "1767225600")?;
            let d_lines: Vec<&str> = d.0.lines().collect();
            if lines[..2] == d_lines[..2] {
                return Err("different seeds gave the same random output".into());
            }
            Ok(())
        }),
        trial("help_and_version", bin, |b| {
            let (out, _, st) = ninebox(b, &["--help"], b"")?;
            expect("status", st, 0)?;
            if !out.contains("--seed") || !out.contains("-c <SCRIPT>") {
                return Err(format!("--help does not describe the options:\n{out}").into());
            }
            let (out, _, _) = ninebox(b, &["--version"], b"")?;
            expect("version", out.trim(), &format!("ninebox {}", env!("CARGO_PKG_VERSION")))
        }),
        trial("help_lists_the_limits_and_their_profiles", bin, |b| {
            let (out, _, _) = ninebox(b, &["--help"], b"")?;
            for want in [
                "--limits <PROFILE>",
                "--limit <NAME=VALUE>",
                "--timeout <TIME>",
                "procs",
                "fs-total",
                "NINEBOX_LIMITS",
            ] {
                if !out.contains(want) {
                    return Err(format!("--help does not mention {want}:\n{out}").into());
                }
            }
            Ok(())
        }),
        trial("timeout_ends_the_run_with_124_and_says_so", bin, |b| {
            // TM-RES-008
            let (out, err, st) = ninebox(b, &["--timeout", "300ms", "-c", "echo start; sleep 30; echo end"], b"")?;
            expect("status", st, 124)?;
            expect("stdout", out.as_str(), "start\n")?;
            expect(
                "stderr",
                err.as_str(),
                "ninebox: time limit reached (300ms); raise it with --timeout N\n",
            )
        }),
        trial("timeout_ends_a_busy_loop", bin, |b| {
            let (_, err, st) = ninebox(b, &["--timeout", "300ms", "-c", "while :; do :; done"], b"")?;
            expect("status", st, 124)?;
            expect("says why", err.contains("time limit reached"), true)
        }),
        trial("output_is_cut_with_a_final_line", bin, |b| {
            // TM-RES-006
            let (out, err, st) = ninebox(b, &["--limit", "output=1K", "-c", "yes; echo after"], b"")?;
            expect("stdout is cut at the limit", out.len(), 1024)?;
            expect(
                "stderr",
                err.as_str(),
                "ninebox: output limit reached (1 KiB); raise it with --limit output=N\n",
            )?;
            expect("status", st, 1)
        }),
        trial("limit_options_are_checked", bin, |b| {
            for args in [
                &["--limit", "procs"][..],
                &["--limit", "nope=1"],
                &["--limit", "procs=-1"],
                &["--limits", "loose"],
                &["--timeout", "soon"],
            ] {
                let mut a = args.to_vec();
                a.extend(["-c", "echo ran"]);
                let (out, err, st) = ninebox(b, &a, b"")?;
                expect("status", st, 2)?;
                expect("nothing ran", out.as_str(), "")?;
                if !err.starts_with("ninebox: ") {
                    return Err(format!("{args:?}: {err}").into());
                }
            }
            Ok(())
        }),
        trial("ninebox_limits_is_a_ceiling", bin, |b| {
            // TM-ESC-001: the host's setting wins over an option asking for more.
            let env = [("NINEBOX_LIMITS", "procs=20")];
            let script = "for i in $(seq 30); do sleep 5 & done; echo looped";
            let (out, err, _) = ninebox_env(b, &["--limit", "procs=1000", "-c", script], b"", &env)?;
            expect("the script went on", out.as_str(), "looped\n")?;
            expect(
                "warning first",
                err.starts_with("ninebox: procs=1000 is above NINEBOX_LIMITS; using 20\n"),
                true,
            )?;
            expect(
                "the ceiling refused",
                err.contains("fork: process limit reached (20); raise it with --limit procs=N"),
                true,
            )?;
            let (_, err, st) = ninebox_env(b, &["-c", "true"], b"", &[("NINEBOX_LIMITS", "procs=x")])?;
            expect("bad NINEBOX_LIMITS", st, 2)?;
            expect("says so", err.contains("NINEBOX_LIMITS"), true)
        }),
        trial("json_prints_one_object", bin, |b| {
            let (out, err, st) = ninebox(b, &["--json", "-c", "echo out; echo err >&2; exit 5"], b"")?;
            expect("host stderr", err.as_str(), "")?;
            expect("status", st, 5)?;
            let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| Failed::from(format!("{e}: {out}")))?;
            expect("one line", out.lines().count(), 1)?;
            expect("stdout", v["stdout"].as_str(), Some("out\n"))?;
            expect("stderr", v["stderr"].as_str(), Some("err\n"))?;
            expect("status field", v["status"].as_i64(), Some(5))?;
            expect("wait", v["wait"].as_str(), Some("sh 2: exit 5"))?;
            expect("truncated", v["truncated"].as_bool(), Some(false))
        }),
        trial("json_base64_where_not_utf8", bin, |b| {
            let (out, _, st) = ninebox(b, &["--json", "-c", r"printf 'a\377b'; printf ok >&2"], b"")?;
            expect("status", st, 0)?;
            let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| Failed::from(format!("{e}: {out}")))?;
            expect("no stdout string", v.get("stdout"), None)?;
            expect("stdout_base64", v["stdout_base64"].as_str(), Some("Yf9i"))?;
            expect("stderr", v["stderr"].as_str(), Some("ok"))?;
            expect("wait", v["wait"].as_str(), Some(""))
        }),
        trial("json_with_stdin_timeout_and_output_limit", bin, |b| {
            let (out, _, st) = ninebox(b, &["--json"], b"echo from stdin\n")?;
            expect(
                "script from stdin",
                (out.contains(r#""stdout":"from stdin\n""#), st),
                (true, 0),
            )?;
            let (out, _, st) = ninebox(b, &["--json", "-c", "read x; echo \"got $x\""], b"line\n")?;
            expect("stdin", (out.contains(r#""stdout":"got line\n""#), st), (true, 0))?;
            let (out, _, st) = ninebox(
                b,
                &["--json", "--timeout", "300ms", "-c", "echo a; while :; do :; done"],
                b"",
            )?;
            let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| Failed::from(format!("{e}: {out}")))?;
            expect("timeout status", (st, v["status"].as_i64()), (124, Some(124)))?;
            expect("timeout stdout", v["stdout"].as_str(), Some("a\n"))?;
            expect(
                "timeout stderr",
                v["stderr"].as_str(),
                Some("ninebox: time limit reached (300ms); raise it with --timeout N\n"),
            )?;
            let (out, _, _) = ninebox(b, &["--json", "--limit", "output=100", "-c", "yes"], b"")?;
            let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| Failed::from(format!("{e}: {out}")))?;
            expect(
                "cut",
                (v["stdout"].as_str().map(str::len), v["truncated"].as_bool()),
                (Some(100), Some(true)),
            )
        }),
        trial("strict_probes_stay_within_256_mib", bin, |b| {
            // TM-RES-001, -003, -004, -005, -009, -002; TM-CMD-001, -002: with
            // --limits strict no probe takes the host process past a fixed
            // resident size, and each ends (the strict timeout bounds it;
            // most fail, a few such as tr's repeat succeed within limits).
            let mut report = Vec::new();
            for probe in STRICT_PROBES {
                let (status, kib) = peak_rss(b, &["--limits", "strict", "--timeout", "10s", "-c", probe])?;
                report.push(format!("{kib:>8} KiB  status {status:>3}  {probe}"));
                if kib > 256 * 1024 {
                    return Err(format!("{probe}: peak RSS {kib} KiB\n{}", report.join("\n")).into());
                }
            }
            eprintln!("cli::strict_probes peak RSS:\n{}", report.join("\n"));
            Ok(())
        }),
        trial("bad_option_is_a_usage_error", bin, |b| {
            let (_, err, st) = ninebox(b, &["--no-such-option"], b"")?;
            expect("status", st, 2)?;
            if !err.contains("--no-such-option") {
                return Err(format!("stderr does not name the option: {err}").into());
            }
            Ok(())
        }),
    ]
}
