//! `head`: output the first part of files.

use std::collections::VecDeque;

use kernel::{Errno, SeekFrom};

use common::cli::{Cmd, flag, long, value};
use common::io::Input;
use common::lines::LastRecords;

const HELP: &str = "Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
";

const SPEC: &[common::cli::Opt] = &[
    value("bytes", 'c'),
    value("lines", 'n'),
    flag("quiet", 'q'),
    long("silent", common::cli::Arg::No),
    flag("verbose", 'v'),
    flag("zero-terminated", 'z'),
];

/// What to print of each file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Amount {
    /// The first N lines / bytes.
    Lines(u64),
    Bytes(u64),
    /// All but the last N.
    AllButLines(u64),
    AllButBytes(u64),
}

/// A count with GNU's multiplier suffixes (`1K`, `2MB`, `1m`, `b`); the
/// message on error is GNU's (without the "invalid number of ..." part).
pub fn parse_count(s: &str) -> Result<u64, String> {
    let s = s.strip_prefix('+').unwrap_or(s);
    // GNU head and tail also take a lowercase m.
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let fixed;
    let s = if s[digits..].starts_with('m') {
        fixed = format!("{}M{}", &s[..digits], &s[digits + 1..]);
        fixed.as_str()
    } else {
        s
    };
    if digits == 0 {
        return Err(String::new());
    }
    match common::size::parse_size(s, "b") {
        Ok(n) => Ok(n),
        Err(e) if e == "value too large" => Err(": Value too large for defined data type".to_string()),
        Err(_) => Err(String::new()),
    }
}

/// `head -5`, `head -5c`, `head -2kv`: GNU's obsolete first argument,
/// rewritten into ordinary options (or an error message).
fn obsolete(args: &mut Vec<String>) -> Result<(), String> {
    let Some(first) = args.first() else { return Ok(()) };
    let b = first.as_bytes();
    if b.len() < 2 || b[0] != b'-' || !b[1].is_ascii_digit() {
        return Ok(());
    }
    let end = 1 + first[1..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(first.len() - 1);
    let mut number = first[1..end].to_string();
    let mut lines = true;
    let mut mult = None;
    let mut extra = Vec::new();
    for c in first[end..].chars() {
        match c {
            'c' => {
                lines = false;
                mult = None;
            }
            'b' | 'k' | 'm' => {
                lines = false;
                mult = Some(c);
            }
            'l' => lines = true,
            'q' => extra.push("-q".to_string()),
            'v' => extra.push("-v".to_string()),
            'z' => extra.push("-z".to_string()),
            _ => return Err(format!("invalid trailing option -- {c}")),
        }
    }
    if let Some(m) = mult {
        number.push(m);
    }
    let opt = if lines { "-n" } else { "-c" };
    args.splice(0..1, [opt.to_string(), number].into_iter().chain(extra));
    Ok(())
}

fn amount(opts: &common::cli::Opts) -> Result<Amount, String> {
    // The last of -n and -c wins.
    let last = opts.list.iter().rev().find(|(n, _)| *n == "lines" || *n == "bytes");
    let Some((name, Some(v))) = last else {
        return Ok(Amount::Lines(10));
    };
    let lines = *name == "lines";
    let (elide, num) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.as_str()),
    };
    let what = if lines { "lines" } else { "bytes" };
    let n = parse_count(num).map_err(|e| format!("invalid number of {what}: '{num}'{e}"))?;
    Ok(match (lines, elide) {
        (true, false) => Amount::Lines(n),
        (false, false) => Amount::Bytes(n),
        (true, true) => Amount::AllButLines(n),
        (false, true) => Amount::AllButBytes(n),
    })
}

pub async fn main(mut cmd: Cmd) -> i32 {
    if let Err(msg) = obsolete(&mut cmd.args) {
        return cmd.usage_error(msg, 1).await;
    }
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let amount = match amount(&opts) {
        Ok(a) => a,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let delim = if opts.has("zero-terminated") { 0 } else { b'\n' };
    let files = opts.files();
    // The last of -q and -v wins.
    let headers = match opts
        .list
        .iter()
        .rev()
        .find(|(n, _)| matches!(*n, "quiet" | "silent" | "verbose"))
    {
        Some((n, _)) => *n == "verbose",
        None => files.len() > 1,
    };
    let p = cmd.p.clone();
    let mut status = 0;
    let mut first = true;
    for f in &files {
        let mut input = match Input::open(&p, f).await {
            Ok(i) => Some(i),
            Err(e) if e.is(Errno::EISDIR) => None,
            Err(e) => {
                cmd.error(format!("cannot open '{f}' for reading: {}", e.strerror()))
                    .await;
                status = 1;
                continue;
            }
        };
        if headers {
            let name = if f == "-" { "standard input" } else { f };
            let sep = if first { "" } else { "\n" };
            cmd.out.write_str(&format!("{sep}==> {name} <==\n")).await;
        }
        first = false;
        let r = match input.as_mut() {
            Some(input) => head(&mut cmd, input, amount, delim).await,
            None => Err(Errno::EISDIR.into()),
        };
        if let Err(e) = r {
            cmd.error(format!("error reading '{f}': {}", e.strerror())).await;
            status = 1;
        }
        if let Some(input) = input {
            input.close(&p).await;
        }
    }
    cmd.finish(status).await
}

async fn head(cmd: &mut Cmd, input: &mut Input, amount: Amount, delim: u8) -> kernel::Result<()> {
    match amount {
        Amount::Lines(n) => first_lines(cmd, input, n, delim).await,
        Amount::Bytes(n) => first_bytes(cmd, input, n).await,
        Amount::AllButLines(n) => all_but_lines(cmd, input, n, delim).await,
        Amount::AllButBytes(n) => all_but_bytes(cmd, input, n).await,
    }
}

/// Leave a seekable input's offset just after what was printed, as GNU
/// head does, so `(head -n 1; cat) < f` works.
async fn give_back(cmd: &Cmd, input: &Input, unread: usize) {
    if unread > 0
        && let Ok(file) = cmd.p.file(input.fd())
        && !file.is_stream()
    {
        let _ = cmd.p.seek(input.fd(), SeekFrom::Current(-(unread as i64))).await;
    }
}

async fn first_lines(cmd: &mut Cmd, input: &mut Input, n: u64, delim: u8) -> kernel::Result<()> {
    if n == 0 {
        return Ok(());
    }
    let p = cmd.p.clone();
    let mut left = n;
    while let Some(chunk) = input.chunk(&p).await? {
        let mut end = chunk.len();
        for i in memchr::memchr_iter(delim, &chunk) {
            left -= 1;
            if left == 0 {
                end = i + 1;
                break;
            }
        }
        cmd.out.write(&chunk[..end]).await;
        if left == 0 {
            give_back(cmd, input, chunk.len() - end).await;
            return Ok(());
        }
    }
    Ok(())
}

async fn first_bytes(cmd: &mut Cmd, input: &mut Input, n: u64) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut left = n;
    while left > 0 {
        let Some(chunk) = input.chunk(&p).await? else { break };
        let take = (chunk.len() as u64).min(left) as usize;
        cmd.out.write(&chunk[..take]).await;
        left -= take as u64;
        if left == 0 {
            give_back(cmd, input, chunk.len() - take).await;
        }
    }
    Ok(())
}

/// Everything but the last `n` lines: hold back chunks until enough
/// delimiters follow them (memory stays near `n` lines).
async fn all_but_lines(cmd: &mut Cmd, input: &mut Input, n: u64, delim: u8) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut window = LastRecords::new(n, delim);
    while let Some(chunk) = input.chunk(&p).await? {
        window.push(chunk);
        while let Some(done) = window.pop_done() {
            cmd.out.write(&done).await;
        }
    }
    let (rest, start) = window.finish();
    cmd.out.write(&rest[..start]).await;
    Ok(())
}

/// Everything but the last `n` bytes.
async fn all_but_bytes(cmd: &mut Cmd, input: &mut Input, n: u64) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut held: VecDeque<Vec<u8>> = VecDeque::new();
    let mut total: u64 = 0;
    while let Some(chunk) = input.chunk(&p).await? {
        total += chunk.len() as u64;
        held.push_back(chunk);
        while let Some(front) = held.front() {
            let len = front.len() as u64;
            if total - len < n {
                break;
            }
            total -= len;
            if let Some(c) = held.pop_front() {
                cmd.out.write(&c).await;
            }
        }
    }
    let mut print = total.saturating_sub(n);
    for c in held {
        let take = (c.len() as u64).min(print) as usize;
        cmd.out.write(&c[..take]).await;
        print -= take as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn obsolete_syntax() {
        let mut a = args(&["-5", "f"]);
        obsolete(&mut a).unwrap();
        assert_eq!(a, ["-n", "5", "f"]);
        let mut a = args(&["-2kv"]);
        obsolete(&mut a).unwrap();
        assert_eq!(a, ["-c", "2k", "-v"]);
        let mut a = args(&["-3c"]);
        obsolete(&mut a).unwrap();
        assert_eq!(a, ["-c", "3"]);
        assert_eq!(
            obsolete(&mut args(&["-9x"])).unwrap_err(),
            "invalid trailing option -- x"
        );
        let mut a = args(&["-n", "5"]);
        obsolete(&mut a).unwrap();
        assert_eq!(a, ["-n", "5"]);
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("1K"), Ok(1024));
        assert_eq!(parse_count("2m"), Ok(2 << 20));
        assert_eq!(parse_count("1kB"), Ok(1000));
        assert_eq!(parse_count("+3"), Ok(3));
        assert!(parse_count("x").is_err());
        assert!(parse_count("").is_err());
        assert!(
            parse_count("99999999999999999999999")
                .unwrap_err()
                .contains("too large")
        );
    }
}
