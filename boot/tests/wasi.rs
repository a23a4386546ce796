//! WASI executables through the real binary.
//!
//! Two kinds of guest, each reached inside through a read-only `--bind`:
//!
//! * `/wat`: the hand-written modules of `tests/wasi/wat/*.wat`, assembled
//!   here (the `wat` crate) with a truncated and a malformed module beside
//!   them: bad input, traps, limits, on a fresh clone without clang.
//! * `/wasi`: the C programs of `tests/wasi/*.c`, compiled by
//!   `.ci/setup.d/50-wasi-clang.sh` into `$NINEBOX_WASI_DIR` (else
//!   `target/ci/wasi`). Without them their cases are reported as ignored
//!   and the reason is printed: they never pass without running.
//!
//! The cases are spec files (`tests/wasi/*.test.sh`, the format of
//! `boot/tests/spec.rs`); the few that need two runs or a clock are
//! trials of their own below.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use libtest_mimic::{Failed, Trial};

use crate::spec;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The compiled C programs, or why there are none.
fn programs() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("NINEBOX_WASI_DIR").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.join("hello.wasm").exists() {
            Ok(p)
        } else {
            Err(format!("NINEBOX_WASI_DIR={} holds no hello.wasm", p.display()))
        };
    }
    let p = workspace().join("target/ci/wasi");
    if p.join("hello.wasm").exists() {
        Ok(p)
    } else {
        Err(format!(
            "NINEBOX_WASI_DIR is not set and {} holds no programs (build them with `bash .ci/setup.d/50-wasi-clang.sh`)",
            p.display()
        ))
    }
}

/// The hand-written modules, assembled once per test run into a
/// temporary directory (removed by the OS; it holds a few KiB).
fn modules() -> Result<&'static Path, String> {
    static DIR: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ninebox-wat-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let src = workspace().join("tests/wasi/wat");
        let mut n = 0;
        for e in std::fs::read_dir(&src).map_err(|e| format!("{}: {e}", src.display()))? {
            let path = e.map_err(|e| e.to_string())?.path();
            if path.extension().is_none_or(|x| x != "wat") {
                continue;
            }
            let bytes = wat::parse_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_stem()
                .expect("a .wat file has a stem")
                .to_string_lossy()
                .to_string();
            write_exec(&dir.join(format!("{name}.wasm")), &bytes)?;
            if name == "hi" {
                // The same module cut in half, and the magic with garbage.
                write_exec(&dir.join("truncated.wasm"), &bytes[..bytes.len() / 2])?;
                write_exec(&dir.join("garbage.wasm"), b"\0asm\x01\0\0\0this is not a section")?;
            }
            n += 1;
        }
        if n == 0 {
            return Err(format!("no .wat files in {}", src.display()));
        }
        Ok(dir)
    })
    .as_ref()
    .map(PathBuf::as_path)
    .map_err(Clone::clone)
}

fn write_exec(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())
}

/// `ninebox` with both guest directories bound (the programs' only if
/// they exist) and `args` before the script.
fn ninebox(bin: &Path, args: &[&str], script: &str) -> Result<Command, String> {
    let mut cmd = Command::new(bin);
    cmd.arg("--bind").arg(format!("{}:/wat:ro", modules()?.display()));
    if let Ok(p) = programs() {
        cmd.arg("--bind").arg(format!("{}:/wasi:ro", p.display()));
    }
    cmd.args(args).arg("-c").arg(script);
    cmd.env_clear().env("LC_ALL", "C");
    Ok(cmd)
}

fn run(bin: &Path, args: &[&str], script: &str) -> Result<spec::Outcome, Failed> {
    let cmd = ninebox(bin, args, script).map_err(Failed::from)?;
    spec::run(cmd, Duration::from_secs(30)).map_err(Failed::from)
}

/// The case files and what each needs.
const FILES: &[(&str, bool)] = &[("modules.test.sh", false), ("programs.test.sh", true)];

pub fn trials(bin: &Path) -> Vec<Trial> {
    let mut out = Vec::new();
    if !cfg!(feature = "wasm") {
        eprintln!("wasi: skipped: ninebox was built without the `wasm` feature");
        return out;
    }
    let dir = workspace().join("tests/wasi");
    let missing = programs().err();
    if let Some(why) = &missing {
        eprintln!("wasi: the cases of tests/wasi/programs.test.sh are skipped: {why}");
    }
    for (file, needs_programs) in FILES {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = file.trim_end_matches(".test.sh");
        for case in spec::parse(&format!("wasi::{stem}"), &text) {
            let name = format!("wasi::{stem}::{}", case.name);
            let ignored = case.skip.is_some() || (*needs_programs && missing.is_some());
            let bin = bin.to_path_buf();
            out.push(
                Trial::test(name, move || {
                    let limits: Vec<String> = case
                        .limits
                        .iter()
                        .flat_map(|l| ["--limit".to_string(), l.clone()])
                        .collect();
                    let args: Vec<&str> = limits.iter().map(String::as_str).collect();
                    let got = run(&bin, &args, &case.script)?;
                    spec::check(&case, &got).map_err(Failed::from)
                })
                .with_ignored_flag(ignored),
            );
        }
    }
    let needs = |name: &str, f: fn(&Path) -> Result<(), Failed>| {
        let bin = bin.to_path_buf();
        Trial::test(format!("wasi::{name}"), move || f(&bin)).with_ignored_flag(missing.is_some())
    };
    out.push(needs("seeded_runs_print_the_same_bytes_and_times", seeded_runs_repeat));
    out
}

/// Two runs with `--seed 7` see the same random bytes and the same clock
/// (seconds), and a run with another seed other bytes.
fn seeded_runs_repeat(bin: &Path) -> Result<(), Failed> {
    let script = "/wasi/random.wasm 32; /wasi/clock.wasm | head -1; cat /dev/random | head -c 4 | od -An -tx1";
    let a = run(bin, &["--seed", "7"], script)?;
    let b = run(bin, &["--seed", "7"], script)?;
    let c = run(bin, &["--seed", "8"], script)?;
    if a.status != 0 || a.stdout.lines().count() != 3 {
        return Err(format!("status {}, stdout {:?}, stderr {:?}", a.status, a.stdout, a.stderr).into());
    }
    if a.stdout != b.stdout {
        return Err(format!("two runs with --seed 7 differ:\n{}---\n{}", a.stdout, b.stdout).into());
    }
    // 2026-01-01T00:00:00Z, where a seeded clock starts.
    if !a.stdout.contains("realtime 2026-01-01 00:0") {
        return Err(format!("the seeded clock did not start at 2026-01-01: {}", a.stdout).into());
    }
    if a.stdout.lines().next() == c.stdout.lines().next() {
        return Err(format!("--seed 8 gave the same bytes as --seed 7: {}", c.stdout).into());
    }
    Ok(())
}
