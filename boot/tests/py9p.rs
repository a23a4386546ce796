//! The exporter's wire conformance suite with an independent client:
//! `tests/9p/` (pytest with python-9p) against the real `ninebox serve`.
//!
//! The python is `NINEBOX_PY9P` (`.ci/setup.d/30-python-9p.sh` exports
//! it), else the venv that script makes at `target/ci/venv-9p`. Without
//! either the trial is reported as ignored and says why on stderr; it
//! never passes without running.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Failed, Trial};

const NAME: &str = "serve::python_9p_conformance";
/// The whole suite's limit (it takes a few seconds).
const LIMIT_SECS: &str = "600";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The venv's python, or why there is none.
fn python() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("NINEBOX_PY9P").filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        return if p.exists() {
            Ok(p)
        } else {
            Err(format!("NINEBOX_PY9P={} does not exist", p.display()))
        };
    }
    let venv = workspace().join("target/ci/venv-9p/bin/python");
    if venv.exists() {
        Ok(venv)
    } else {
        Err(format!(
            "NINEBOX_PY9P is not set and there is no venv at {} (make it with `bash .ci/setup.d/30-python-9p.sh`)",
            venv.display()
        ))
    }
}

pub fn trials(bin: &Path) -> Vec<Trial> {
    let py = match python() {
        Ok(p) => p,
        Err(why) => {
            eprintln!("{NAME}: skipped: {why}");
            return vec![Trial::test(NAME, || Ok(())).with_ignored_flag(true)];
        }
    };
    let bin = bin.to_path_buf();
    vec![Trial::test(NAME, move || run(&py, &bin))]
}

fn run(py: &Path, bin: &Path) -> Result<(), Failed> {
    let out = Command::new("timeout")
        .arg(LIMIT_SECS)
        .arg(py)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/9p"])
        .current_dir(workspace())
        .env("NINEBOX_BIN", bin)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| Failed::from(format!("run {}: {e}", py.display())))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    match out.status.code() {
        Some(0) if summary.contains(" passed") => {
            // Said with the suite's name in front: not a closing line of its own.
            eprintln!("{NAME}: pytest: {summary}");
            Ok(())
        }
        Some(124) => Err(format!("pytest did not end within {LIMIT_SECS} s:\n{stdout}").into()),
        Some(5) => Err("pytest collected no tests".into()),
        code => Err(format!(
            "pytest exited {code:?}:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into()),
    }
}
