//! `timeout`: run a command and signal it if it outlives a duration (GNU
//! coreutils 9.1).
//!
//! As GNU's timeout puts the command in a process group of its own, the
//! command starts a note group of its own here, so the signal reaches the
//! command's children too; `--foreground` keeps it in ours and signals only
//! the command. Notes that reach timeout itself (an interrupt from the
//! console) are passed on to the command, as GNU forwards signals.

use std::time::Duration;

use kernel::{Errno, Pid, ProcState, Rfork, SpawnOpts, Status};

use common::cli::{Arg, Cmd, Mode, Opt, flag, long, value};
use common::quote::quote;
use common::signal::by_spec;
use common::spawn::spawn_command;

use crate::sleep::parse_interval;

const HELP: &str = "Usage: timeout [OPTION] DURATION COMMAND [ARG]...
  or:  timeout [OPTION]
Start COMMAND, and kill it if still running after DURATION.

Mandatory arguments to long options are mandatory for short options too.
      --preserve-status
                 exit with the same status as COMMAND, even when the
                   command times out
      --foreground
                 when not running timeout directly from a shell prompt,
                   allow COMMAND to read from the TTY and get TTY signals;
                   in this mode, children of COMMAND will not be timed out
  -k, --kill-after=DURATION
                 also send a KILL signal if COMMAND is still running
                   this long after the initial signal was sent
  -s, --signal=SIGNAL
                 specify the signal to be sent on timeout;
                   SIGNAL may be a name like 'HUP' or a number;
                   see 'kill -l' for a list of signals
  -v, --verbose  diagnose to stderr any signal sent upon timeout
      --help        display this help and exit
      --version     output version information and exit

DURATION is a floating point number with an optional suffix:
's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.
A duration of 0 disables the associated timeout.

Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.
The TERM signal kills any process that does not block or catch that signal.
It may be necessary to use the KILL signal, since this signal can't be caught.

EXIT status:
  124  if COMMAND times out, and --preserve-status is not specified
  125  if the timeout command itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)
  -    the exit status of COMMAND otherwise
";

const SPEC: &[Opt] = &[
    long("preserve-status", Arg::No),
    long("foreground", Arg::No),
    value("kill-after", 'k'),
    value("signal", 's'),
    flag("verbose", 'v'),
];

const TIMED_OUT: i32 = 124;
const CANCELED: i32 = 125;
const CANNOT_RUN: i32 = 126;
const NOT_FOUND: i32 = 127;
const KILLED: i32 = 128 + 9;

/// The signal to send on timeout: its name (for `-v`) and its note; signal
/// 0 has no note and only reports.
struct Signal {
    name: &'static str,
    note: Option<&'static str>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse_with(SPEC, HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.len() < 2 {
        return try_help(&mut cmd).await;
    }
    let signal = match opts.value("signal") {
        None => Signal {
            name: "TERM",
            note: Some("term"),
        },
        Some("0") => Signal {
            name: "EXIT",
            note: None,
        },
        Some(spec) => match by_spec(spec) {
            Some((_, name, note)) => Signal { name, note: Some(note) },
            None => {
                cmd.error(format!("{}: invalid signal", quote(spec))).await;
                return try_help(&mut cmd).await;
            }
        },
    };
    let mut durations = Vec::new();
    for text in [Some(opts.operands[0].as_str()), opts.value("kill-after")] {
        let Some(text) = text else { continue };
        match parse_interval(text) {
            Some(secs) => durations.push(secs),
            None => {
                cmd.error(format!("invalid time interval {}", quote(text))).await;
                return try_help(&mut cmd).await;
            }
        }
    }
    let run = Run {
        limit: delay(durations[0]),
        kill_after: durations.get(1).copied().and_then(delay),
        signal,
        foreground: opts.has("foreground"),
        verbose: opts.has("verbose"),
        name: opts.operands[1].clone(),
    };
    let spawn = SpawnOpts {
        argv: opts.operands[1..].to_vec(),
        rfork: Rfork {
            new_note_group: !run.foreground,
            ..Rfork::FORK
        },
        ..Default::default()
    };
    let pid = match spawn_command(&cmd.p, spawn).await {
        Ok(pid) => pid,
        Err(e) => {
            let status = if e.is(Errno::ENOENT) || e.is(Errno::ENOTDIR) {
                NOT_FOUND
            } else {
                CANNOT_RUN
            };
            cmd.error(format!("failed to run command {}: {}", quote(&run.name), e.strerror()))
                .await;
            return status;
        }
    };
    let (status, timed_out) = run.supervise(&cmd, pid).await;
    // A command ended by KILL shows it, as GNU lets users tell a forced end.
    let code = if timed_out && status.reason.is_some() && status.code == KILLED {
        KILLED
    } else if timed_out && !opts.has("preserve-status") {
        TIMED_OUT
    } else {
        status.code
    };
    cmd.finish(code).await
}

/// GNU's bare usage failure: the "Try" line and status 125.
async fn try_help(cmd: &mut Cmd) -> i32 {
    let text = format!("Try '{} --help' for more information.\n", cmd.name);
    let _ = cmd.p.write(2, text.as_bytes()).await;
    CANCELED
}

/// A duration in seconds as a delay; 0 means none. Durations too long for
/// a timer (`inf`, `1e300`) never fire.
fn delay(secs: f64) -> Option<Duration> {
    (secs > 0.0).then(|| Duration::try_from_secs_f64(secs).ok()).flatten()
}

struct Run {
    limit: Option<Duration>,
    kill_after: Option<Duration>,
    signal: Signal,
    foreground: bool,
    verbose: bool,
    name: String,
}

impl Run {
    /// Wait for the command, signalling it when its time is up (and with
    /// KILL after `-k` more); answers its status and whether it timed out.
    async fn supervise(&self, cmd: &Cmd, pid: Pid) -> (Status, bool) {
        let p = &cmd.p;
        p.catch_notes(true);
        let mut timed_out = false;
        let mut alarm = self.limit.map(|d| tokio::time::Instant::now() + d);
        loop {
            let wait = p.wait(pid);
            let expired = async {
                match alarm {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending().await,
                }
            };
            let ended = p
                .blocking(ProcState::Await, async {
                    tokio::select! {
                        r = wait => r.map(Some),
                        () = expired => Ok(None),
                    }
                })
                .await;
            match ended {
                Ok(Some(status)) => return (status, timed_out),
                Ok(None) if !timed_out => {
                    timed_out = true;
                    self.send(cmd, pid, self.signal.name, self.signal.note).await;
                    alarm = self.kill_after.map(|d| tokio::time::Instant::now() + d);
                }
                Ok(None) => {
                    self.send(cmd, pid, "KILL", Some("kill")).await;
                    alarm = None;
                }
                Err(e) if e.is(Errno::EINTR) => {
                    if let Some(note) = p.take_note() {
                        self.forward(cmd, pid, &note);
                    }
                }
                // Only EINTR can fail a wait for our own child; should the
                // kernel ever answer otherwise, the command is beyond reach.
                Err(_) => return (Status::exited(CANCELED), timed_out),
            }
        }
    }

    async fn send(&self, cmd: &Cmd, pid: Pid, name: &str, note: Option<&str>) {
        if self.verbose {
            let text = format!("{}: sending signal {name} to command {}\n", cmd.name, quote(&self.name));
            let _ = cmd.p.write(2, text.as_bytes()).await;
        }
        if let Some(note) = note {
            self.forward(cmd, pid, note);
        }
    }

    /// Post `note` to the command (and, unless `--foreground`, to every
    /// process of its note group).
    fn forward(&self, cmd: &Cmd, pid: Pid, note: &str) {
        if self.foreground {
            let _ = cmd.p.kill(pid, note);
        } else {
            cmd.p.kill_group(pid, note);
        }
    }
}
