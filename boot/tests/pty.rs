//! End-to-end tests of the real binary in a pseudo-terminal, driven by
//! tmux: what a person at a terminal sees. Each test has its own tmux
//! server (`-L`), waits for screen text with a time limit, and kills the
//! server when done. Without tmux these tests are reported as ignored
//! (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use libtest_mimic::{Failed, Trial};

struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    /// Start ninebox in a new 100x30 tmux session; record the terminal
    /// settings before and after it runs.
    fn start(bin: &Path, name: &str) -> Result<Tmux, Failed> {
        let socket = format!("ninebox-test-{}-{name}", std::process::id());
        let dir = std::env::temp_dir().join(&socket);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Failed::from(e.to_string()))?;
        let script = format!(
            "stty -g > {d}/before; {bin}; echo \"EXIT:$?\"; stty -g > {d}/after; sleep 60",
            d = dir.display(),
            bin = bin.display()
        );
        let t = Tmux { socket, dir };
        t.tmux(&["new-session", "-d", "-x", "100", "-y", "30", "sh", "-c", &script])?;
        t.wait_for(PROMPT)?;
        Ok(t)
    }

    fn tmux(&self, args: &[&str]) -> Result<String, Failed> {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .map_err(|e| Failed::from(format!("tmux: {e}")))?;
        if !out.status.success() {
            return Err(format!("tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn keys(&self, keys: &[&str]) -> Result<(), Failed> {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        self.tmux(&args).map(|_| ())
    }

    fn screen(&self) -> Result<String, Failed> {
        self.tmux(&["capture-pane", "-t", "0", "-p"])
    }

    /// Wait (at most 10 s) until `text` is on the screen `times` times.
    fn wait_count(&self, text: &str, times: usize) -> Result<String, Failed> {
        let start = Instant::now();
        loop {
            let s = self.screen()?;
            if s.matches(text).count() >= times {
                return Ok(s);
            }
            if start.elapsed() > Duration::from_secs(10) {
                return Err(format!("timed out waiting for {text:?} x{times}; the screen:\n{s}").into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for(&self, text: &str) -> Result<String, Failed> {
        self.wait_count(text, 1)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn trial(name: &str, bin: &Path, f: fn(&Path) -> Result<(), Failed>) -> Trial {
    let bin = bin.to_path_buf();
    Trial::test(format!("pty::{name}"), move || f(&bin)).with_ignored_flag(!have_tmux())
}

// capture-pane drops trailing blanks, so the prompt is matched without its own.
const PROMPT: &str = "user@ninebox:~$";

pub fn trials(bin: &Path) -> Vec<Trial> {
    vec![
        trial("typed_echo_prints", bin, |b| {
            let t = Tmux::start(b, "echo")?;
            t.keys(&["echo hi", "Enter"])?;
            let s = t.wait_count(PROMPT, 2)?;
            if !s.contains("echo hi\nhi\n") {
                return Err(format!("no output:\n{s}").into());
            }
            Ok(())
        }),
        trial("ctrl_c_stops_a_foreground_sleep", bin, |b| {
            let t = Tmux::start(b, "ctrlc")?;
            t.keys(&["sleep 100", "Enter"])?;
            t.wait_for("sleep 100\n")?;
            // Give the command a moment to start; it must still be running.
            std::thread::sleep(Duration::from_millis(200));
            let s = t.screen()?;
            if s.matches(PROMPT).count() != 1 {
                return Err(format!("sleep is not running:\n{s}").into());
            }
            t.keys(&["C-c"])?;
            t.wait_for("^C")?;
            t.wait_count(PROMPT, 2)?;
            t.keys(&["echo st=$?", "Enter"])?;
            t.wait_for("st=130")?;
            Ok(())
        }),
        trial("arrow_up_recalls_the_last_line", bin, |b| {
            let t = Tmux::start(b, "up")?;
            t.keys(&["echo recalled", "Enter"])?;
            t.wait_count(PROMPT, 2)?;
            t.keys(&["Up", "Enter"])?;
            t.wait_count("recalled\n", 3)?;
            Ok(())
        }),
        trial("tab_completes_bin", bin, |b| {
            let t = Tmux::start(b, "tab")?;
            t.keys(&["ls /b", "Tab"])?;
            t.wait_for("ls /bin/")?;
            Ok(())
        }),
        trial("less_pages_searches_and_quits", bin, |b| {
            let t = Tmux::start(b, "less")?;
            t.keys(&["seq 200 | less", "Enter"])?;
            t.wait_for("\n29\n:")?;
            t.keys(&["Space"])?;
            t.wait_for("\n58\n:")?;
            // less puts the matching line at the top of the screen.
            t.keys(&["/", "150", "Enter"])?;
            t.wait_for("150\n151\n152\n")?;
            t.keys(&["G"])?;
            t.wait_for("200\n(END)")?;
            t.keys(&["q"])?;
            t.wait_count(PROMPT, 2)?;
            t.keys(&["echo st=$?", "Enter"])?;
            t.wait_for("st=0")?;
            Ok(())
        }),
        trial("more_quits_at_the_end", bin, |b| {
            let t = Tmux::start(b, "more")?;
            t.keys(&["seq 40 | more", "Enter"])?;
            t.wait_for("--More--(")?;
            t.keys(&["Space"])?;
            // The first prompt has scrolled away: 40 lines on 30 rows.
            t.wait_for("40\nuser@ninebox:~$")?;
            t.keys(&["echo st=$?", "Enter"])?;
            t.wait_for("st=0")?;
            Ok(())
        }),
        trial("ctrl_d_exits_and_restores_the_terminal", bin, |b| {
            let t = Tmux::start(b, "ctrld")?;
            t.keys(&["C-d"])?;
            t.wait_for("EXIT:0")?;
            let before = std::fs::read_to_string(t.dir.join("before")).map_err(|e| Failed::from(e.to_string()));
            // `after` is written right after EXIT is printed.
            let start = Instant::now();
            let after = loop {
                match std::fs::read_to_string(t.dir.join("after")) {
                    Ok(a) if !a.is_empty() => break a,
                    _ if start.elapsed() > Duration::from_secs(10) => return Err("no stty -g after exit".into()),
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            };
            if before? != after {
                return Err("the terminal settings changed".into());
            }
            Ok(())
        }),
    ]
}
