//! Suites written in Python against the real binary, each run with the
//! python of a venv that `.ci/setup.d` makes (`.ci/venv.sh`). The python
//! is the suite's environment variable, else the venv at its known path;
//! without either the trial is reported as ignored and says why on
//! stderr: it never passes without running.

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Failed, Trial};

/// The whole suite's limit (each takes a few seconds).
const LIMIT_SECS: &str = "600";

/// One pytest suite: `tests/DIR`, run with `NINEBOX_BIN` set to the binary.
pub struct Suite {
    /// The trial's name.
    pub name: &'static str,
    /// The variable `.ci/setup.d` exports with the venv's python.
    pub var: &'static str,
    /// `target/ci/venv-VENV`.
    pub venv: &'static str,
    /// The setup script that makes the venv (for the skip message).
    pub setup: &'static str,
    /// The tests, under `tests/`.
    pub dir: &'static str,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

impl Suite {
    /// The venv's python, or why there is none.
    fn python(&self) -> Result<PathBuf, String> {
        if let Some(p) = std::env::var_os(self.var).filter(|p| !p.is_empty()) {
            let p = PathBuf::from(p);
            return if p.exists() {
                Ok(p)
            } else {
                Err(format!("{}={} does not exist", self.var, p.display()))
            };
        }
        let venv = workspace().join(format!("target/ci/venv-{}/bin/python", self.venv));
        if venv.exists() {
            Ok(venv)
        } else {
            Err(format!(
                "{} is not set and there is no venv at {} (make it with `bash .ci/setup.d/{}`)",
                self.var,
                venv.display(),
                self.setup
            ))
        }
    }

    /// The trial: the suite run, or ignored with the reason printed.
    pub fn trial(&'static self, bin: &Path) -> Trial {
        match self.python() {
            Ok(py) => {
                let bin = bin.to_path_buf();
                Trial::test(self.name, move || self.run(&py, &bin))
            }
            Err(why) => {
                eprintln!("{}: skipped: {why}", self.name);
                Trial::test(self.name, || Ok(())).with_ignored_flag(true)
            }
        }
    }

    fn run(&self, py: &Path, bin: &Path) -> Result<(), Failed> {
        let out = Command::new("timeout")
            .arg(LIMIT_SECS)
            .arg(py)
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
            .arg(format!("tests/{}", self.dir))
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
                eprintln!("{}: pytest: {summary}", self.name);
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
}
