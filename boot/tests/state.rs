//! `--state`: files outlive the run, snapshots and restore inside, the
//! store's errors at the CLI.

use std::path::{Path, PathBuf};

use libtest_mimic::{Failed, Trial};

use crate::cli::{expect, ninebox};

/// A fresh directory for one test's store files.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Result<Scratch, Failed> {
        let dir = std::env::temp_dir().join(format!("ninebox-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
        Ok(Scratch(dir))
    }

    fn file(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn trial(name: &str, bin: &Path, f: fn(&Path) -> Result<(), Failed>) -> Trial {
    let bin: PathBuf = bin.to_path_buf();
    Trial::test(format!("state::{name}"), move || f(&bin))
}

pub fn trials(bin: &Path) -> Vec<Trial> {
    vec![
        trial("a_second_run_sees_the_first_runs_files", bin, |b| {
            let s = Scratch::new("second")?;
            let db = s.file("my.db");
            let (_, err, st) = ninebox(
                b,
                &[
                    "--state",
                    &db,
                    "-c",
                    "echo kept > notes; mkdir -p d/e; printf x > d/e/f; chmod 600 notes",
                ],
                b"",
            )?;
            expect("first run", (st, err.as_str()), (0, ""))?;
            let (out, err, st) = ninebox(
                b,
                &["--state", &db, "-c", "cat notes d/e/f; stat -c %a notes; echo /tmp/*"],
                b"",
            )?;
            expect("stderr", err.as_str(), "")?;
            expect("stdout", out.as_str(), "kept\nx600\n/tmp/*\n")?;
            expect("status", st, 0)?;
            // Without --state nothing is there.
            let (out, _, _) = ninebox(b, &["-c", "cat notes 2>&1"], b"")?;
            expect("no state", out.as_str(), "cat: notes: No such file or directory\n")
        }),
        // A native command removed comes back (every boot installs them);
        // one overwritten by a script stays that script.
        trial("persist_all_keeps_etc_and_tmp_but_bin_is_rebuilt", bin, |b| {
            let s = Scratch::new("all")?;
            let db = s.file("all.db");
            let first = "echo 10.0.0.1 db >> /etc/hosts; echo t > /tmp/t; rm /bin/rev; echo > /bin/tac";
            let (_, err, st) = ninebox(b, &["--state", &db, "--persist", "all", "-c", first], b"")?;
            expect("first run", (st, err.as_str()), (0, ""))?;
            let (out, err, st) = ninebox(
                b,
                &[
                    "--state",
                    &db,
                    "--persist",
                    "all",
                    "-c",
                    "cat /etc/hosts /tmp/t; echo ab | rev; echo ab | tac",
                ],
                b"",
            )?;
            expect("stderr", err.as_str(), "")?;
            expect("stdout", out.as_str(), "10.0.0.1 db\nt\nba\n")?;
            expect("status", st, 0)
        }),
        trial("snapshot_restore_snapdiff", bin, |b| {
            let s = Scratch::new("snap")?;
            let db = s.file("s.db");
            let script = "echo one > f; snapshot -m 'the first' v1 > /dev/null; echo two > f; echo new > g; \
                          snapshot > /tmp/id; snapdiff v1 $(cat /tmp/id); restore v1; cat f; ls; \
                          snapshots | wc -l; snapshots | grep -c '(v1) the first'";
            let (out, err, st) = ninebox(b, &["--state", &db, "-c", script], b"")?;
            expect("stderr", err.as_str(), "")?;
            expect(
                "stdout",
                out.as_str(),
                "M\t/home/user/f\nA\t/home/user/g\none\nf\n2\n1\n",
            )?;
            expect("status", st, 0)?;
            // The restored state is what the exit commit kept.
            let (out, _, _) = ninebox(b, &["--state", &db, "-c", "cat f; ls; restore v1"], b"")?;
            expect("next run", out.as_str(), "one\nf\n")
        }),
        trial("bad_names_are_errors", bin, |b| {
            let s = Scratch::new("names")?;
            let db = s.file("s.db");
            let script = "snapshot v1 >/dev/null; snapshot v1; echo $?; restore nope; echo $?; snapshot 'a b'; echo $?; \
                          restore; echo $?; snapdiff v1; echo $?; snapshot ../x; echo $?";
            let (out, err, _) = ninebox(b, &["--state", &db, "-c", script], b"")?;
            expect("statuses", out.as_str(), "1\n1\n1\n1\n1\n1\n")?;
            expect(
                "stderr",
                err.as_str(),
                "snapshot: v1: a snapshot of that name exists\n\
                 restore: nope: no such snapshot\n\
                 snapshot: a b: not a valid snapshot name\n\
                 restore: missing operand\nTry 'restore --help' for more information.\n\
                 snapdiff: missing operand\nTry 'snapdiff --help' for more information.\n\
                 snapshot: ../x: not a valid snapshot name\n",
            )
        }),
        trial("without_state_the_commands_say_so", bin, |b| {
            let (_, err, st) = ninebox(b, &["-c", "snapshot"], b"")?;
            expect("status", st, 1)?;
            expect(
                "stderr",
                err.as_str(),
                "snapshot: no store: start ninebox with --state FILE to keep snapshots\n",
            )
        }),
        trial("a_file_that_is_not_a_store_is_refused", bin, |b| {
            let s = Scratch::new("junk")?;
            let db = s.file("junk.db");
            std::fs::write(&db, vec![b'x'; 4096]).map_err(|e| Failed::from(e.to_string()))?;
            let (out, err, st) = ninebox(b, &["--state", &db, "-c", "echo ran"], b"")?;
            expect("status", st, 1)?;
            expect("stdout", out.as_str(), "")?;
            if !err.starts_with(&format!("ninebox: {db}: ")) || !err.contains("not a database") {
                return Err(format!("stderr: {err:?}").into());
            }
            // And the file is left as it was.
            let after = std::fs::read(&db).map_err(|e| Failed::from(e.to_string()))?;
            expect("file untouched", after == vec![b'x'; 4096], true)
        }),
        trial("an_unwritable_store_is_a_clear_error", bin, |b| {
            let (_, err, st) = ninebox(b, &["--state", "/nonexistent/dir/s.db", "-c", "echo ran"], b"")?;
            expect("status", st, 1)?;
            if !err.starts_with("ninebox: /nonexistent/dir/s.db: ") {
                return Err(format!("stderr: {err:?}").into());
            }
            let (_, err, st) = ninebox(b, &["--state", "s3://bucket/x", "-c", "echo ran"], b"")?;
            expect("status", st, 1)?;
            expect(
                "stderr",
                err.as_str(),
                "ninebox: s3://bucket/x: unknown store scheme 's3' (use a file name)\n",
            )
        }),
        trial("branches_are_separate", bin, |b| {
            let s = Scratch::new("branch")?;
            let db = s.file("s.db");
            ninebox(b, &["--state", &db, "-c", "echo main > f"], b"")?;
            ninebox(b, &["--state", &db, "--ref", "work", "-c", "echo work > f"], b"")?;
            let (a, _, _) = ninebox(b, &["--state", &db, "-c", "cat f"], b"")?;
            let (w, _, _) = ninebox(b, &["--state", &db, "--ref", "work", "-c", "cat f"], b"")?;
            expect("main, work", (a.as_str(), w.as_str()), ("main\n", "work\n"))
        }),
    ]
}
