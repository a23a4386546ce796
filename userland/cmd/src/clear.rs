//! `clear`: clear the terminal screen (ncurses 6.4's `clear`).
//!
//! The sequences come from a small table of the terminal types people
//! run (the terminfo `clear` and `E3` capabilities of each). Without
//! `TERM`, a console on standard output is the host terminal ninebox
//! drives, which speaks xterm's sequences; anything else is an error, as
//! ncurses gives it.

use common::cli::{Cmd, Opt, flag, value};

const HELP: &str = "Usage: clear [options]

Options:
  -T TERM     use this instead of $TERM
  -V          print curses-version
  -x          do not try to clear scrollback

Known terminal types: xterm*, screen*, tmux*, linux, vt100, vt102, vt220,
ansi, rxvt*, alacritty, foot, kitty; dumb cannot be cleared.  Without
TERM the console is cleared as an xterm.
";

const SPEC: &[Opt] = &[
    value("term", 'T'),
    flag("curses-version", 'V'),
    flag("no-scrollback", 'x'),
];

/// The terminfo `clear` and `E3` (clear scrollback) strings of a known
/// type; `clear` is empty for one that cannot clear (dumb).
fn caps(term: &str) -> Option<(&'static str, &'static str)> {
    const XTERM: (&str, &str) = ("\x1b[H\x1b[2J", "\x1b[3J");
    let family = |prefix: &str| term == prefix || term.starts_with(&format!("{prefix}-"));
    Some(match term {
        "dumb" => ("", ""),
        _ if family("xterm") || family("alacritty") || family("foot") || family("kitty") => XTERM,
        _ if family("rxvt") => ("\x1b[H\x1b[2J", ""),
        _ if family("tmux") || family("linux") => ("\x1b[H\x1b[J", "\x1b[3J"),
        _ if family("screen") || family("vt100") || family("vt102") || family("vt220") || family("ansi") => {
            ("\x1b[H\x1b[J", "")
        }
        _ => return None,
    })
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.has("curses-version") {
        cmd.out.write_str("ncurses 6.4 (ninebox)\n").await;
        return cmd.finish(0).await;
    }
    if !opts.operands.is_empty() {
        cmd.error("too many arguments").await;
        return cmd.finish(1).await;
    }
    let term = opts.value("term").map(str::to_string).or_else(|| cmd.p.getenv("TERM"));
    let (clear, e3) = match term.as_deref() {
        Some("") | None if common::io::is_console(&cmd.p, 1) => caps("xterm").unwrap_or_default(),
        None | Some("") => {
            let _ = cmd.p.write(2, b"TERM environment variable not set.\n").await;
            return 1;
        }
        Some(t) => match caps(t) {
            Some(c) => c,
            None => {
                let _ = cmd
                    .p
                    .write(2, format!("'{t}': unknown terminal type.\n").as_bytes())
                    .await;
                return 1;
            }
        },
    };
    if clear.is_empty() {
        return 1;
    }
    let text = if opts.has("no-scrollback") {
        clear.to_string()
    } else {
        format!("{clear}{e3}")
    };
    cmd.out.write_str(&text).await;
    cmd.finish(0).await
}
