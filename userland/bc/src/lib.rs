//! `bc`: the arbitrary-precision calculator (POSIX bc, with GNU bc 1.07's
//! extensions and messages).
//!
//! Input is read a line at a time and each top-level statement runs as
//! soon as it is complete, so bc works at the console as well as on a
//! pipe. A syntax error is reported with its file and line and bc goes on
//! with the next line; a runtime error abandons its statement; the status
//! stays 0 for both, as GNU bc's does. `quit` ends bc the moment it is
//! read, `halt` when it runs.

mod exec;
mod num;
mod parse;

use kernel::Errno;

use common::cli::{Arg, Cmd, Opt, flag, long};

use exec::{Flow, Machine};
use parse::{Error, Item, Parser};

const HELP: &str = "usage: bc [options] [file ...]
  -h  --help         print this usage and exit
  -l  --mathlib      use the predefined math routines
  -q  --quiet        don't print initial banner
  -v  --version      print version information and exit

bc reads each FILE, then standard input. With -l, scale is 20 and the
functions s(x) c(x) a(x) l(x) e(x) j(n,x) are defined. BC_LINE_LENGTH
sets the width at which long numbers are broken with a backslash (70;
0 for never). There is no start-up banner, so -q changes nothing.
A result may have up to 1000000 digits.
";

const SPEC: &[Opt] = &[
    flag("mathlib", 'l'),
    flag("quiet", 'q'),
    Opt {
        long: "help",
        short: Some('h'),
        arg: Arg::No,
    },
    Opt {
        long: "version",
        short: Some('v'),
        arg: Arg::No,
    },
    long("standard", Arg::No),
];

const MATH: &str = include_str!("math.bc");

/// The most digits a result may have.
const MAX_DIGITS: usize = 1_000_000;

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.has("standard") {
        return cmd
            .usage_error("--standard is not available: GNU extensions are always on", 1)
            .await;
    }
    let line_length = match cmd.p.getenv("BC_LINE_LENGTH").map(|v| v.trim().parse::<i64>()) {
        Some(Ok(0)) => 0,
        Some(Ok(n)) if n >= 3 => n as usize,
        _ => 70,
    };
    // A digit takes under half a byte, but big-number arithmetic runs
    // without a yield: a million digits keeps one operation within a
    // second or two, so Ctrl-C and timeouts still act promptly.
    let max_digits = cmd.p.limits().max_alloc.saturating_mul(2).min(MAX_DIGITS);
    let mut bc = Bc {
        m: Machine::new(cmd.p.clone(), max_digits, line_length),
        pending: String::new(),
        line: 1,
        source: String::new(),
    };
    if opts.has("mathlib") {
        bc.source = "(math library)".into();
        if let Done::Stop = bc.feed(&mut cmd, MATH, true).await {
            return bc.finish(&mut cmd).await;
        }
    }
    for file in &opts.operands {
        let text = match cmd.p.read_file(file).await {
            Ok(t) => t,
            Err(e) => {
                let msg = if e.is(Errno::ENOENT) {
                    format!("File {file} is unavailable.")
                } else {
                    format!("{file}: {}", e.strerror())
                };
                let _ = cmd.p.write(2, format!("{msg}\n").as_bytes()).await;
                return 1;
            }
        };
        bc.source = file.clone();
        bc.line = 1;
        bc.pending.clear();
        if let Done::Stop = bc.feed(&mut cmd, &String::from_utf8_lossy(&text), true).await {
            return bc.finish(&mut cmd).await;
        }
    }
    bc.source = "(standard_in)".into();
    bc.line = 1;
    bc.pending.clear();
    let p = cmd.p.clone();
    loop {
        match p.read(0, 64 * 1024).await {
            Ok(data) if data.is_empty() => break,
            Ok(data) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                if let Done::Stop = bc.feed(&mut cmd, &text, false).await {
                    return bc.finish(&mut cmd).await;
                }
            }
            Err(e) => {
                let _ = p
                    .write(2, format!("bc: read error: {}\n", e.strerror()).as_bytes())
                    .await;
                break;
            }
        }
    }
    let _ = bc.feed(&mut cmd, "", true).await;
    bc.finish(&mut cmd).await
}

enum Done {
    More,
    Stop,
}

struct Bc {
    m: Machine,
    /// Text read but not yet run (an unfinished statement).
    pending: String,
    /// The line `pending` starts on.
    line: usize,
    /// Where the text comes from, for messages.
    source: String,
}

impl Bc {
    async fn finish(&mut self, cmd: &mut Cmd) -> i32 {
        self.flush(cmd).await;
        cmd.finish(0).await
    }

    async fn flush(&mut self, cmd: &mut Cmd) {
        let out = std::mem::take(&mut self.m.out);
        cmd.out.write(&out).await;
        cmd.out.flush_if_console().await;
    }

    async fn message(&mut self, cmd: &mut Cmd, text: String) {
        self.flush(cmd).await;
        let _ = cmd.out.flush().await;
        let _ = cmd.p.write(2, format!("{text}\n").as_bytes()).await;
    }

    async fn warnings(&mut self, cmd: &mut Cmd) {
        for w in std::mem::take(&mut self.m.warn) {
            let f = self.m.func_name();
            self.message(cmd, format!("Runtime warning (func={f}): {w}")).await;
        }
    }

    /// Add `text` and run every statement it completes; `last` says no
    /// more text follows (an unfinished statement is then an error).
    async fn feed(&mut self, cmd: &mut Cmd, text: &str, last: bool) -> Done {
        self.pending.push_str(text);
        loop {
            // Only whole lines are parsed until the input ends, so a
            // statement typed at the console runs when its line does.
            let upto = if last {
                self.pending.len()
            } else {
                match self.pending.rfind('\n') {
                    Some(i) => i + 1,
                    None => return Done::More,
                }
            };
            let chunk = self.pending[..upto].to_string();
            let toks = match parse::lex(&chunk, self.line) {
                Ok(t) => t,
                Err(Error::Incomplete) if !last => return Done::More,
                Err(Error::Incomplete) => {
                    let line = self.line + chunk.matches('\n').count();
                    self.syntax(cmd, line, "end of file").await;
                    self.pending.clear();
                    return Done::More;
                }
                Err(Error::Syntax(line, msg)) => {
                    self.syntax(cmd, line, &msg).await;
                    self.skip_line(&chunk, line);
                    continue;
                }
                Err(Error::Quit) => return Done::Stop,
            };
            let mut parser = Parser::new(toks);
            // How much of `chunk` has been taken off `pending`.
            let mut base = 0;
            loop {
                let start = parser.offset();
                match parser.item() {
                    Ok(None) => {
                        self.consume(&chunk[base..]);
                        return Done::More;
                    }
                    Ok(Some(item)) => {
                        let end = parser.offset();
                        self.consume(&chunk[base..end]);
                        base = end;
                        if let Done::Stop = self.run(cmd, item).await {
                            return Done::Stop;
                        }
                    }
                    Err(Error::Incomplete) if !last => {
                        self.consume(&chunk[base..start]);
                        return Done::More;
                    }
                    Err(Error::Incomplete) => {
                        let line = self.line + chunk[base..start].matches('\n').count();
                        self.syntax(cmd, line, "syntax error").await;
                        self.pending.clear();
                        return Done::More;
                    }
                    Err(Error::Syntax(line, msg)) => {
                        self.syntax(cmd, line, &msg).await;
                        parser.recover();
                        let at = parser.offset();
                        self.consume(&chunk[base..at]);
                        base = at;
                    }
                    Err(Error::Quit) => return Done::Stop,
                }
            }
        }
    }

    /// Drop `done` (the start of the pending text), keeping count of
    /// lines.
    fn consume(&mut self, done: &str) {
        self.line += done.matches('\n').count();
        self.pending.drain(..done.len());
    }

    fn skip_line(&mut self, chunk: &str, line: usize) {
        // Drop everything up to and including the bad line.
        let mut at = 0;
        let mut l = self.line;
        for (i, b) in chunk.bytes().enumerate() {
            if b == b'\n' {
                at = i + 1;
                if l >= line {
                    break;
                }
                l += 1;
            }
        }
        if at == 0 {
            at = chunk.len();
        }
        self.consume(&chunk[..at]);
    }

    async fn syntax(&mut self, cmd: &mut Cmd, line: usize, msg: &str) {
        let text = format!("{} {line}: {msg}", self.source);
        self.message(cmd, text).await;
    }

    async fn run(&mut self, cmd: &mut Cmd, item: Item) -> Done {
        match item {
            Item::Define(name, f) => {
                self.m.define(name, f);
                Done::More
            }
            Item::Stmt(s, _line) => {
                let r = self.m.top(&s).await;
                self.warnings(cmd).await;
                match r {
                    Ok(()) => {
                        self.flush(cmd).await;
                        Done::More
                    }
                    Err(Flow::Halt) => Done::Stop,
                    Err(Flow::Error(msg)) => {
                        let f = self.m.func_name();
                        self.message(cmd, format!("Runtime error (func={f}): {msg}")).await;
                        Done::More
                    }
                    Err(_) => Done::More,
                }
            }
        }
    }
}
