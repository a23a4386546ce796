//! `cmp`: compare two files byte by byte, as GNU diffutils 3.8.

use common::cli::{Cmd, Mode, Opt, Opts as Parsed, flag, value};
use common::io::Input;
use common::size::parse_size;

const HELP: &str = "Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
Compare two files byte by byte.

The optional SKIP1 and SKIP2 specify the number of bytes to skip
at the beginning of each file (zero by default).

Mandatory arguments to long options are mandatory for short options too.
  -b, --print-bytes          print differing bytes
  -i, --ignore-initial=SKIP         skip first SKIP bytes of both inputs
  -i, --ignore-initial=SKIP1:SKIP2  skip first SKIP1 bytes of FILE1 and
                                      first SKIP2 bytes of FILE2
  -l, --verbose              output byte numbers and differing byte values
  -n, --bytes=LIMIT          compare at most LIMIT bytes
  -s, --quiet, --silent      suppress all normal output
      --help                 display this help and exit
  -v, --version              output version information and exit

SKIP values may be followed by the following multiplicative suffixes:
kB 1000, K 1024, MB 1,000,000, M 1,048,576,
GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.

If a FILE is '-' or missing, read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
";

const SPEC: &[Opt] = &[
    flag("print-bytes", 'b'),
    value("ignore-initial", 'i'),
    flag("verbose", 'l'),
    value("bytes", 'n'),
    flag("quiet", 's'),
    common::cli::long("silent", common::cli::Arg::No),
    flag("version", 'v'),
];

/// Parse options as diffutils and patch do: usage errors say `cmp: Try ...`.
pub async fn parse(cmd: &mut Cmd, spec: &[Opt], help: &str) -> Result<Parsed, i32> {
    match Parsed::parse(&cmd.args, spec, Mode::Permute) {
        Ok(o) if o.has("help") => Err(cmd.help(help).await),
        Ok(o) if o.has("version") => Err(cmd.version().await),
        Ok(o) => Ok(o),
        Err(msg) => Err(usage(cmd, msg).await),
    }
}

/// A usage error, diffutils style; exit status 2.
pub async fn usage(cmd: &mut Cmd, msg: impl std::fmt::Display) -> i32 {
    cmd.error(msg).await;
    let name = cmd.name.clone();
    cmd.error(format!("Try '{name} --help' for more information.")).await;
    cmd.finish(2).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Report {
    First,
    All,
    Silent,
}

struct Opts {
    report: Report,
    bytes: bool,
    limit: Option<u64>,
    skip: [u64; 2],
}

/// A `--ignore-initial`/`--bytes` value, or GNU's complaint about it.
fn number(s: &str, what: &str) -> Result<u64, String> {
    parse_size(s, "").map_err(|_| format!("invalid --{what} value '{s}'"))
}

fn parse_skip(s: &str) -> Result<[u64; 2], String> {
    match s.split_once(':') {
        Some((a, b)) => Ok([number(a, "ignore-initial")?, number(b, "ignore-initial")?]),
        None => {
            let n = number(s, "ignore-initial")?;
            Ok([n, n])
        }
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match parse(&mut cmd, SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut o = Opts {
        report: Report::First,
        bytes: false,
        limit: None,
        skip: [0, 0],
    };
    for (name, val) in &opts.list {
        let val = val.as_deref().unwrap_or("");
        let parsed = match *name {
            "print-bytes" => {
                o.bytes = true;
                Ok(())
            }
            "verbose" => {
                o.report = Report::All;
                Ok(())
            }
            "quiet" | "silent" => {
                o.report = Report::Silent;
                Ok(())
            }
            "bytes" => number(val, "bytes").map(|n| o.limit = Some(n)),
            "ignore-initial" => parse_skip(val).map(|s| o.skip = s),
            _ => Ok(()),
        };
        if let Err(msg) = parsed {
            return usage(&mut cmd, msg).await;
        }
    }
    let ops = &opts.operands;
    if ops.is_empty() {
        return usage(&mut cmd, "missing operand after 'cmp'").await;
    }
    for (i, s) in ops.iter().enumerate().skip(2).take(2) {
        match number(s, "ignore-initial") {
            Ok(n) => o.skip[i - 2] = n,
            Err(msg) => return usage(&mut cmd, msg).await,
        }
    }
    if ops.len() > 4 {
        return usage(&mut cmd, format!("extra operand '{}'", ops[4])).await;
    }
    let names = [ops[0].clone(), ops.get(1).cloned().unwrap_or_else(|| "-".into())];
    let status = compare(&mut cmd, &names, &o).await;
    cmd.finish(status).await
}

/// An input being compared: its name, its unread bytes, and whether it ended.
struct Side {
    name: String,
    input: Input,
    buf: Vec<u8>,
    pos: usize,
}

impl Side {
    /// The next byte, `None` at the end.
    async fn byte(&mut self, cmd: &Cmd) -> kernel::Result<Option<u8>> {
        if self.pos == self.buf.len() {
            match self.input.chunk(&cmd.p).await? {
                Some(data) => {
                    self.buf = data;
                    self.pos = 0;
                }
                None => return Ok(None),
            }
        }
        self.pos += 1;
        Ok(self.buf.get(self.pos - 1).copied())
    }

    async fn skip(&mut self, cmd: &Cmd, mut n: u64) -> kernel::Result<()> {
        while n > 0 && self.byte(cmd).await?.is_some() {
            n -= 1;
        }
        Ok(())
    }
}

async fn open_side(cmd: &mut Cmd, name: &str, silent: bool) -> Option<Side> {
    match Input::open(&cmd.p, name).await {
        Ok(input) => Some(Side {
            name: name.to_string(),
            input,
            buf: Vec::new(),
            pos: 0,
        }),
        Err(e) => {
            if !silent {
                cmd.error_at(name, &e).await;
            }
            None
        }
    }
}

/// How wide `-l` prints byte numbers: the digits of the largest it can print.
async fn offset_width(cmd: &Cmd, names: &[String; 2], o: &Opts) -> usize {
    let mut max = o.limit.unwrap_or(i64::MAX as u64);
    for (name, skip) in names.iter().zip(o.skip) {
        if name == "-" {
            continue;
        }
        if let Ok(st) = cmd.p.stat(name).await {
            max = max.min(st.size.saturating_sub(skip));
        }
    }
    max.to_string().len()
}

async fn compare(cmd: &mut Cmd, names: &[String; 2], o: &Opts) -> i32 {
    let silent = o.report == Report::Silent;
    let a = open_side(cmd, &names[0], silent).await;
    let b = open_side(cmd, &names[1], silent).await;
    let (Some(mut a), Some(mut b)) = (a, b) else {
        return 2;
    };
    let width = offset_width(cmd, names, o).await;
    let status = match run(cmd, &mut a, &mut b, o, width).await {
        Ok(s) => s,
        Err((name, e)) => {
            if !silent {
                cmd.error_at(&name, &e).await;
            }
            2
        }
    };
    a.input.close(&cmd.p).await;
    b.input.close(&cmd.p).await;
    status
}

type Failure = (String, kernel::Error);

async fn run(cmd: &mut Cmd, a: &mut Side, b: &mut Side, o: &Opts, width: usize) -> Result<i32, Failure> {
    let fail = |s: &Side| {
        let name = s.name.clone();
        move |e| (name, e)
    };
    a.skip(cmd, o.skip[0]).await.map_err(fail(a))?;
    b.skip(cmd, o.skip[1]).await.map_err(fail(b))?;
    let mut at: u64 = 0;
    let mut newlines: u64 = 0;
    let mut last = None;
    let mut differ = false;
    while o.limit.is_none_or(|l| at < l) {
        let x = a.byte(cmd).await.map_err(fail(a))?;
        let y = b.byte(cmd).await.map_err(fail(b))?;
        let (x, y) = match (x, y) {
            (Some(x), Some(y)) => (x, y),
            (None, None) => break,
            (xe, _) => {
                let short = if xe.is_none() { &a.name } else { &b.name };
                if o.report != Report::Silent {
                    let _ = cmd.out.flush().await;
                    cmd.error(eof_message(short, at, newlines, last, o.report)).await;
                }
                return Ok(1);
            }
        };
        at += 1;
        if x != y {
            differ = true;
            match o.report {
                Report::Silent => return Ok(1),
                Report::First => {
                    // GNU's C-locale wording: "char", but "byte" with -b.
                    let unit = if o.bytes { "byte" } else { "char" };
                    let mut msg = format!("{} {} differ: {unit} {at}, line {}", a.name, b.name, newlines + 1);
                    if o.bytes {
                        msg.push_str(&format!(" is {x:3o} {} {y:3o} {}", sprintc(x), sprintc(y)));
                    }
                    msg.push('\n');
                    cmd.out.write(msg.as_bytes()).await;
                    return Ok(1);
                }
                Report::All => {
                    let line = if o.bytes {
                        format!("{at:width$} {x:3o} {:<4} {y:3o} {}\n", sprintc(x), sprintc(y))
                    } else {
                        format!("{at:width$} {x:3o} {y:3o}\n")
                    };
                    cmd.out.write(line.as_bytes()).await;
                }
            }
        }
        if x == b'\n' {
            newlines += 1;
        }
        last = Some(x);
    }
    Ok(i32::from(differ))
}

/// `EOF on f after byte N, line L` (or `in line L` mid-line; `-l` leaves
/// the line out; nothing read at all: `which is empty`).
fn eof_message(name: &str, at: u64, newlines: u64, last: Option<u8>, report: Report) -> String {
    if at == 0 {
        return format!("EOF on {name} which is empty");
    }
    if report == Report::All {
        return format!("EOF on {name} after byte {at}");
    }
    if last == Some(b'\n') {
        format!("EOF on {name} after byte {at}, line {newlines}")
    } else {
        format!("EOF on {name} after byte {at}, in line {}", newlines + 1)
    }
}

/// A byte as `cmp -b` shows it: `^J`, `M-a`, `M-^?`.
fn sprintc(c: u8) -> String {
    let mut s = String::new();
    let mut c = c;
    if c >= 128 {
        s.push_str("M-");
        c -= 128;
    }
    match c {
        0..=31 => {
            s.push('^');
            s.push((c + 64) as char);
        }
        127 => s.push_str("^?"),
        c => s.push(c as char),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_print_as_gnu() {
        assert_eq!(sprintc(b'a'), "a");
        assert_eq!(sprintc(b'\n'), "^J");
        assert_eq!(sprintc(0x80), "M-^@");
        assert_eq!(sprintc(0xff), "M-^?");
        assert_eq!(sprintc(0xe9), "M-i");
    }

    #[test]
    fn eof_wording() {
        assert_eq!(
            eof_message("s", 2, 0, Some(b'b'), Report::First),
            "EOF on s after byte 2, in line 1"
        );
        assert_eq!(
            eof_message("p", 3, 1, Some(b'\n'), Report::First),
            "EOF on p after byte 3, line 1"
        );
        assert_eq!(eof_message("e", 0, 0, None, Report::First), "EOF on e which is empty");
        assert_eq!(
            eof_message("p", 3, 1, Some(b'\n'), Report::All),
            "EOF on p after byte 3"
        );
    }

    #[test]
    fn skips() {
        assert_eq!(parse_skip("1:2").unwrap(), [1, 2]);
        assert_eq!(parse_skip("1K").unwrap(), [1024, 1024]);
        assert_eq!(parse_skip("x").unwrap_err(), "invalid --ignore-initial value 'x'");
    }
}
