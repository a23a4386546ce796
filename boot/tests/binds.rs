//! `--bind`: host directories inside, read-only by default, writes only
//! with `:rw`, nothing outside reachable, bad specs refused.

use std::path::Path;

use libtest_mimic::{Failed, Trial};

use crate::cli::{expect, ninebox};

fn trial(name: &str, bin: &Path, f: fn(&Path) -> Result<(), Failed>) -> Trial {
    let bin = bin.to_path_buf();
    Trial::test(format!("binds::{name}"), move || f(&bin))
}

fn fixture() -> Result<tempfile::TempDir, Failed> {
    let t = tempfile::tempdir().map_err(|e| Failed::from(e.to_string()))?;
    let io = |e: std::io::Error| Failed::from(e.to_string());
    std::fs::create_dir(t.path().join("root")).map_err(io)?;
    std::fs::write(t.path().join("root/f"), "from the host\n").map_err(io)?;
    std::fs::write(t.path().join("secret"), "outside\n").map_err(io)?;
    std::os::unix::fs::symlink("../secret", t.path().join("root/up")).map_err(io)?;
    Ok(t)
}

pub fn trials(bin: &Path) -> Vec<Trial> {
    vec![
        trial("read_only_by_default", bin, |b| {
            let t = fixture()?;
            let spec = format!("{}:/mnt/host", t.path().join("root").display());
            let script = "cat /mnt/host/f; echo x > /mnt/host/new; echo $?; rm /mnt/host/f; echo $?; ls /srv";
            let (out, _, st) = ninebox(b, &["--bind", &spec, "-c", script], b"")?;
            expect("stdout", out.as_str(), "from the host\n1\n1\nhost.0\n")?;
            expect("status", st, 0)?;
            expect("nothing created", t.path().join("root/new").exists(), false)?;
            expect("nothing removed", t.path().join("root/f").exists(), true)
        }),
        trial("read_write_reaches_the_host", bin, |b| {
            let t = fixture()?;
            let spec = format!("{}:/work/data:rw", t.path().join("root").display());
            let script = "cd /work/data && echo made > new && mkdir -p a/b && mv new a/b/ && cat a/b/new";
            let (out, err, st) = ninebox(b, &["--bind", &spec, "-c", script], b"")?;
            expect("run", (out.as_str(), err.as_str(), st), ("made\n", "", 0))?;
            let got =
                std::fs::read_to_string(t.path().join("root/a/b/new")).map_err(|e| Failed::from(e.to_string()))?;
            expect("on the host", got.as_str(), "made\n")
        }),
        trial("nothing_outside_is_reachable", bin, |b| {
            let t = fixture()?;
            let spec = format!("{}:/mnt/host:rw", t.path().join("root").display());
            let script = "cat /mnt/host/up; cat /mnt/host/../secret; cd /mnt/host/.. && pwd; echo x > /mnt/host/up";
            let (out, err, _) = ninebox(b, &["--bind", &spec, "-c", script], b"")?;
            expect("stdout", out.as_str(), "/mnt\n")?;
            expect(
                "stderr",
                err.as_str(),
                "cat: /mnt/host/up: Permission denied\n\
                 cat: /mnt/host/../secret: No such file or directory\n\
                 sh: line 1: /mnt/host/up: Permission denied\n",
            )?;
            let secret = std::fs::read_to_string(t.path().join("secret")).map_err(|e| Failed::from(e.to_string()))?;
            expect("outside untouched", secret.as_str(), "outside\n")
        }),
        trial("bad_specs_are_refused", bin, |b| {
            for (spec, want) in [
                (
                    "/nonexistent/dir:/x",
                    "ninebox: --bind /nonexistent/dir: No such file or directory\n",
                ),
                ("relative", ""),
                ("/tmp:/", ""),
                ("/tmp:guest", ""),
                ("/tmp:/x:cow", ""),
            ] {
                let (out, err, st) = ninebox(b, &["--bind", spec, "-c", "echo ran"], b"")?;
                expect("no run", out.as_str(), "")?;
                if st == 0 || (!want.is_empty() && err != want) || !err.contains(spec.split(':').next().unwrap_or(spec))
                {
                    return Err(format!("--bind {spec}: status {st}, stderr {err:?}").into());
                }
            }
            Ok(())
        }),
    ]
}
