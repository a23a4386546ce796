//! `kill`: post notes to processes through `/proc` (Plan 9's way: a note
//! is a string written to `/proc/N/note`; `kill` itself goes to
//! `/proc/N/ctl`). Unix signal names map to notes through the kernel's
//! table, so `kill -INT` posts `interrupt` and `kill -9` kills.

use kernel::Errno;
use kernel::proc::SIGNALS;

use common::cli::Cmd;
use common::signal::by_spec;

const HELP: &str = "Usage: kill [-s NOTE | -SIGNAL] PID...
   or: kill -l [SIGNAL]...
Post a note to each process, through /proc/PID/note (or /proc/PID/ctl
for kill).

  -s NOTE        post NOTE: a signal name (INT, SIGINT) or number, or any
                 other text, which is posted as it is (Plan 9 notes are strings)
  -SIGNAL        a signal by name or number, such as -9 or -HUP
  -l [SIGNAL]    list signal names, or translate between names and numbers
  -L             list signals as a table of numbers, names and notes
      --help     display this help and exit
      --version  output version information and exit

The default is TERM (the note 'term'). Signal 0 only checks that the
process exists.
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let args = cmd.args.clone();
    let mut rest: &[String] = &args;
    // The note to post; None for signal 0 (check only).
    let mut note: Option<String> = Some("term".into());
    match rest.first().map(String::as_str) {
        None => return cmd.usage_error("not enough arguments", 1).await,
        Some("--help") => return cmd.help(HELP).await,
        Some("--version") => return cmd.version().await,
        Some("-l") => return list(&mut cmd, &rest[1..]).await,
        Some("-L") => {
            let mut text = String::new();
            for (n, name, note) in SIGNALS {
                text.push_str(&format!("{n:2} {name:<7} {note}\n"));
            }
            cmd.out.write_str(&text).await;
            return cmd.finish(0).await;
        }
        Some("-s") => {
            let Some(spec) = rest.get(1) else {
                return cmd.usage_error("option requires an argument -- 's'", 1).await;
            };
            // Any text that is not a signal is a note in its own right.
            note = match (spec.as_str(), by_spec(spec)) {
                ("0", _) => None,
                (_, Some(s)) => Some(s.2.to_string()),
                (text, None) => Some(text.to_string()),
            };
            rest = &rest[2..];
        }
        Some(a) if a.len() > 1 && a.starts_with('-') && a != "--" => {
            let spec = &a[1..];
            note = match (spec, by_spec(spec)) {
                ("0", _) => None,
                (_, Some(s)) => Some(s.2.to_string()),
                _ => return cmd.usage_error(format!("unknown signal '{spec}'"), 1).await,
            };
            rest = &rest[1..];
        }
        Some(_) => {}
    }
    if rest.first().map(String::as_str) == Some("--") {
        rest = &rest[1..];
    }
    if rest.is_empty() {
        return cmd.usage_error("no process ID specified", 1).await;
    }
    let mut status = 0;
    for a in rest {
        if !is_pid(a) {
            cmd.error(format!("failed to parse argument: '{a}'")).await;
            status = 1;
            continue;
        }
        if let Err(e) = post(&cmd, a, note.as_deref()).await {
            let msg = match e.code() {
                Errno::ENOENT | Errno::ESRCH => "No such process".to_string(),
                _ => e.strerror().to_string(),
            };
            cmd.error(format!("({a}): {msg}")).await;
            status = 1;
        }
    }
    cmd.finish(status).await
}

fn is_pid(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Post `note` to process `pid` through /proc; `None` checks that it exists.
async fn post(cmd: &Cmd, pid: &str, note: Option<&str>) -> kernel::Result<()> {
    let dir = format!("/proc/{pid}");
    match note {
        None => {
            // A zombie (or a Broken one) has already ended: there is
            // nothing to signal.
            let status = cmd.p.read_file(&format!("{dir}/status")).await?;
            let state = status.get(56..62);
            if state == Some(b"Zombie".as_slice()) || state == Some(b"Broken".as_slice()) {
                return Err(Errno::ESRCH.into());
            }
            Ok(())
        }
        Some("kill") => cmd.p.write_file(&format!("{dir}/ctl"), b"kill").await,
        Some(n) => cmd.p.write_file(&format!("{dir}/note"), n.as_bytes()).await,
    }
}

/// `kill -l`: every name on one line, or translate each operand.
async fn list(cmd: &mut Cmd, names: &[String]) -> i32 {
    if names.is_empty() {
        let all: Vec<&str> = SIGNALS.iter().map(|s| s.1).collect();
        let text = format!("{}\n", all.join(" "));
        cmd.out.write_str(&text).await;
        return cmd.finish(0).await;
    }
    let mut status = 0;
    for n in names {
        // An exit status above 128 names the signal that caused it.
        let spec = match n.parse::<i32>() {
            Ok(v) if v > 128 => (v - 128).to_string(),
            _ => n.clone(),
        };
        match by_spec(&spec) {
            Some((num, name, _)) => {
                let text = if spec.parse::<i32>().is_ok() {
                    format!("{name}\n")
                } else {
                    format!("{num}\n")
                };
                cmd.out.write_str(&text).await;
            }
            None => {
                cmd.error(format!("unknown signal name '{n}'")).await;
                status = 1;
            }
        }
    }
    cmd.finish(status).await
}
