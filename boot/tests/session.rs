//! Interactive sessions driven in-process: a booted system whose console
//! gets injected keystrokes, and whose screen output is read back. No
//! terminal is needed; the PTY tests (`pty.rs`) cover the host side.

use std::sync::Arc;
use std::time::Duration;

use kernel::{Caller, OpenFlags, Process};
use libtest_mimic::{Failed, Trial};

struct Session {
    system: boot::System,
    init: Arc<Process>,
    screen: String,
    /// Where the next `until` starts looking.
    seen: usize,
}

impl Session {
    async fn start() -> Result<Session, Failed> {
        let system = boot::System::new(&boot::Config {
            seed: Some(1),
            ..Default::default()
        });
        let k = &system.kernel;
        let ns = k.clean_namespace();
        let cons = k
            .open_in(&ns, &Caller::KERNEL, "#c/cons/data", OpenFlags::READWRITE)
            .await
            .map_err(|e| Failed::from(e.to_string()))?;
        let argv = vec!["sh".to_string(), "-i".to_string()];
        let init = system
            .start_session(argv, vec![cons.clone(), cons.clone(), cons], Some(boot::BANNER))
            .map_err(|e| Failed::from(e.to_string()))?;
        let mut s = Session {
            system,
            init,
            screen: String::new(),
            seen: 0,
        };
        s.until("user@ninebox:~$ ").await?;
        Ok(s)
    }

    fn typed(&self, keys: &str) {
        self.system.console.input(keys.as_bytes());
    }

    /// Wait (at most 10 s) until `needle` appears in new output.
    async fn until(&mut self, needle: &str) -> Result<(), Failed> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(i) = self.screen[self.seen..].find(needle) {
                self.seen += i + needle.len();
                return Ok(());
            }
            match tokio::time::timeout_at(deadline, self.system.console.take_output()).await {
                Ok(out) => self.screen.push_str(&String::from_utf8_lossy(&out)),
                Err(_) => {
                    return Err(format!(
                        "timed out waiting for {needle:?}; the screen after the last match:\n{}",
                        &self.screen[self.seen..]
                    )
                    .into());
                }
            }
        }
    }

    /// Type a command line and wait for the next prompt.
    async fn run(&mut self, line: &str) -> Result<(), Failed> {
        self.typed(line);
        self.typed("\r");
        self.until("$ ").await
    }

    async fn exit_status(&self) -> Result<i32, Failed> {
        match tokio::time::timeout(Duration::from_secs(10), self.init.exited()).await {
            Ok(s) => Ok(s.code),
            Err(_) => Err("the session did not end".into()),
        }
    }
}

fn trial<F, Fut>(name: &str, f: F) -> Trial
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(), Failed>> + Send + 'static,
{
    Trial::test(format!("session::{name}"), move || boot::block_on(f()))
}

pub fn trials() -> Vec<Trial> {
    vec![
        trial("banner_and_prompt", || async {
            let mut s = Session::start().await?;
            if !s.screen.starts_with("ninebox ") || !s.screen.contains("'help'") {
                return Err(format!("no banner: {:?}", s.screen).into());
            }
            s.typed("cd /tmp\r");
            s.until("user@ninebox:/tmp$ ").await?;
            s.typed("PS1='[\\w]> '\r");
            s.until("[/tmp]> ").await
        }),
        trial("echo_runs_and_prints", || async {
            let mut s = Session::start().await?;
            s.typed("echo hi\r");
            s.until("echo hi\nhi\n").await
        }),
        trial("arrow_up_recalls_the_previous_line", || async {
            let mut s = Session::start().await?;
            s.run("echo first").await?;
            s.typed("\x1b[A");
            s.until("echo first").await?;
            s.typed("\r");
            s.until("first\n").await
        }),
        trial("tab_completes_paths_and_commands", || async {
            let mut s = Session::start().await?;
            s.typed("ls /b\t");
            s.until("/bin/").await?;
            s.typed("\x15");
            s.typed("ech\t");
            s.until("o ").await?;
            s.typed("done\r");
            s.until("done\n").await
        }),
        trial("ctrl_c_interrupts_the_foreground_only", || async {
            let mut s = Session::start().await?;
            s.run("while :; do :; done &").await?;
            s.typed("cat\r");
            s.until("cat\n").await?;
            s.typed("\x03");
            s.until("^C").await?;
            s.until("$ ").await?;
            s.typed("echo status $?\r");
            s.until("status 130\n").await?;
            s.typed("jobs\r");
            s.until("Running").await?;
            s.run("kill %1").await
        }),
        trial("ctrl_c_abandons_the_line", || async {
            let mut s = Session::start().await?;
            s.typed("echo never\x03");
            s.until("^C\n").await?;
            s.typed("echo status $?\r");
            s.until("status 130\n").await
        }),
        trial("ctrl_d_ends_the_session", || async {
            let s = Session::start().await?;
            s.typed("(exit 3)\r");
            s.typed("\x04");
            let code = s.exit_status().await?;
            if code != 3 {
                return Err(format!("exit status {code}, want the last status 3").into());
            }
            Ok(())
        }),
        trial("history_is_saved_and_searched", || async {
            let mut s = Session::start().await?;
            s.run("echo alpha").await?;
            s.run("for i in 1 2; do\recho n$i\rdone").await?;
            s.typed("history\r");
            s.until("    1  echo alpha\n    2  for i in 1 2; do echo n$i; done\n")
                .await?;
            s.typed("\x12alp");
            s.until("echo alpha").await?;
            s.typed("\r");
            s.until("alpha\n").await
        }),
        trial("editing_keys", || async {
            let mut s = Session::start().await?;
            // Type, go home, insert, go to the end, erase a word.
            s.typed("cho one two\x01e\x05\x17three\r");
            s.until("one three\n").await?;
            // Left arrow and insert in the middle; Delete.
            s.typed("echo ac\x1b[Db\r");
            s.until("abc\n").await?;
            s.typed("echo xyz\x1b[D\x1b[D\x1b[3~\r");
            s.until("xz\n").await
        }),
        trial("help_lists_builtins_and_commands", || async {
            let mut s = Session::start().await?;
            s.run("help").await?;
            for word in ["cd", "rfork", "programs in /bin", "ps", "cat"] {
                if !s.screen.contains(word) {
                    return Err(format!("help does not mention {word}").into());
                }
            }
            Ok(())
        }),
        trial("continuation_lines_use_ps2", || async {
            let mut s = Session::start().await?;
            s.typed("if true\r");
            s.until("> ").await?;
            s.typed("then echo yes; fi\r");
            s.until("yes\n").await
        }),
    ]
}
