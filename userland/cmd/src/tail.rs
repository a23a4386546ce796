//! `tail`: output the last part of files, and follow them as they grow.
//!
//! A regular file is read from its end backwards; a pipe is read to its end
//! keeping only the chunks that can still hold the last N lines, so memory
//! stays near N lines whatever the input size. `-f` polls with `sleep`
//! until a note ends the process (or the `--pid` process is gone).

use std::collections::VecDeque;
use std::time::Duration;

use kernel::{Errno, Fd, NodeType, SeekFrom};

use super::head::parse_count;
use common::cli::{Arg, Cmd, Opts, flag, long, value};
use common::io::Input;
use common::lines::LastRecords;

const HELP: &str = "Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -f, --follow[={name|descriptor}]
                           output appended data as the file grows;
                             an absent option argument means 'descriptor'
  -F                       same as --follow=name --retry
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to skip NUM-1 lines at the start
      --max-unchanged-stats=N
                           accepted for compatibility; files are polled by
                             name at every interval, so it changes nothing
      --pid=PID            with -f, terminate after process ID, PID dies
  -q, --quiet, --silent    never output headers giving file names
      --retry              keep trying to open a file if it is inaccessible
  -s, --sleep-interval=N   with -f, sleep for approximately N seconds
                             (default 1.0) between iterations
  -v, --verbose            always output headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

NUM may have a multiplier suffix:
b 512, kB 1000, K 1024, MB 1000*1000, M 1024*1024,
GB 1000*1000*1000, G 1024*1024*1024, and so on for T, P, E.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

With --follow (-f), tail defaults to following the file descriptor, which
means that even if a tail'ed file is renamed, tail will continue to track
its end.  Use --follow=name to track the file by name instead, reopening it
when it is removed and created again.
";

const SPEC: &[common::cli::Opt] = &[
    value("bytes", 'c'),
    long("follow", Arg::Optional),
    flag("f", 'f'),
    flag("F", 'F'),
    value("lines", 'n'),
    long("max-unchanged-stats", Arg::Required),
    long("pid", Arg::Required),
    flag("quiet", 'q'),
    long("silent", Arg::No),
    long("retry", Arg::No),
    value("sleep-interval", 's'),
    flag("verbose", 'v'),
    flag("zero-terminated", 'z'),
    flag("0", '0'),
    flag("1", '1'),
    flag("2", '2'),
    flag("3", '3'),
    flag("4", '4'),
    flag("5", '5'),
    flag("6", '6'),
    flag("7", '7'),
    flag("8", '8'),
    flag("9", '9'),
];

/// What to print of each file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Amount {
    lines: bool,
    /// `+N`: start at line/byte N; otherwise the last N.
    from_start: bool,
    n: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Follow {
    Descriptor,
    Name,
}

struct Settings {
    amount: Amount,
    delim: u8,
    follow: Option<Follow>,
    retry: bool,
    pid: Option<u32>,
    sleep: Duration,
    headers: bool,
}

/// GNU's obsolete forms: `tail -5`, `tail +5`, `tail -5c`, `tail -f`,
/// `tail +2cf`, allowed only with at most one file operand. Answers the
/// amount and whether to follow, and removes the argument.
fn obsolete(args: &mut Vec<String>) -> Result<Option<(Amount, bool)>, String> {
    let applies = match args.len() {
        1 => true,
        2 => !(args[1].starts_with('-') && args[1].len() > 1),
        3 => args[1] == "--",
        _ => false,
    };
    if !applies {
        return Ok(None);
    }
    let a = args[0].as_bytes();
    let from_start = match a.first() {
        Some(b'+') => true,
        Some(b'-') => {
            // "-" is stdin and "-c" needs a value: not the obsolete form.
            let rest = &a[1..];
            let probe = if rest.first() == Some(&b'c') {
                rest.get(1)
            } else {
                rest.first()
            };
            if probe.is_none() {
                return Ok(None);
            }
            false
        }
        _ => return Ok(None),
    };
    let mut i = 1;
    while i < a.len() && a[i].is_ascii_digit() {
        i += 1;
    }
    let digits = &args[0][1..i];
    let mut lines = true;
    let mut default = 10u64;
    match a.get(i) {
        Some(b'b') => {
            default *= 512;
            lines = false;
            i += 1;
        }
        Some(b'c') => {
            lines = false;
            i += 1;
        }
        Some(b'l') => i += 1,
        _ => {}
    }
    let mut follow = false;
    if a.get(i) == Some(&b'f') {
        follow = true;
        i += 1;
    }
    if i != a.len() {
        return Ok(None);
    }
    let n = if digits.is_empty() {
        default
    } else {
        let n: u64 = digits.parse().map_err(|_| format!("invalid number: '{}'", args[0]))?;
        if a[digits.len() + 1..].first() == Some(&b'b') {
            n.checked_mul(512)
                .ok_or_else(|| format!("invalid number: '{}'", args[0]))?
        } else {
            n
        }
    };
    args.remove(0);
    Ok(Some((Amount { lines, from_start, n }, follow)))
}

fn settings(opts: &Opts, obsolete: Option<(Amount, bool)>, files: usize) -> Result<Settings, String> {
    if let Some((name, _)) = opts
        .list
        .iter()
        .find(|(n, _)| n.len() == 1 && n.as_bytes()[0].is_ascii_digit())
    {
        return Err(format!("option used in invalid context -- {name}"));
    }
    let mut amount = obsolete.map_or(
        Amount {
            lines: true,
            from_start: false,
            n: 10,
        },
        |(a, _)| a,
    );
    if let Some((name, Some(v))) = opts.list.iter().rev().find(|(n, _)| *n == "lines" || *n == "bytes") {
        let lines = *name == "lines";
        let (from_start, num) = match v.as_bytes().first() {
            Some(b'+') => (true, &v[1..]),
            Some(b'-') => (false, &v[1..]),
            _ => (false, v.as_str()),
        };
        let what = if lines { "lines" } else { "bytes" };
        let n = parse_count(num).map_err(|e| format!("invalid number of {what}: '{v}'{e}"))?;
        amount = Amount { lines, from_start, n };
    }
    let mut follow = obsolete.and_then(|(_, f)| f.then_some(Follow::Descriptor));
    let mut retry = opts.has("retry");
    for (name, v) in &opts.list {
        match (*name, v.as_deref()) {
            ("follow" | "f", None | Some("descriptor")) => follow = Some(Follow::Descriptor),
            ("follow", Some("name")) => follow = Some(Follow::Name),
            ("follow", Some(other)) => {
                return Err(format!(
                    "invalid argument '{other}' for '--follow'\nValid arguments are:\n  - 'descriptor'\n  - 'name'"
                ));
            }
            ("F", _) => {
                follow = Some(Follow::Name);
                retry = true;
            }
            _ => {}
        }
    }
    let pid = match opts.value("pid") {
        Some(v) => Some(v.parse::<u32>().map_err(|_| format!("invalid PID: '{v}'"))?),
        None => None,
    };
    let sleep = match opts.value("sleep-interval") {
        Some(v) => {
            let secs: f64 = v
                .parse()
                .ok()
                .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                .ok_or_else(|| format!("invalid number of seconds: '{v}'"))?;
            Duration::from_secs_f64(secs)
        }
        None => Duration::from_secs(1),
    };
    if let Some(v) = opts.value("max-unchanged-stats")
        && v.parse::<u64>().is_err()
    {
        return Err(format!(
            "invalid maximum number of unchanged stats between opens: '{v}'"
        ));
    }
    let headers = match opts
        .list
        .iter()
        .rev()
        .find(|(n, _)| matches!(*n, "quiet" | "silent" | "verbose"))
    {
        Some((n, _)) => *n == "verbose",
        None => files > 1,
    };
    Ok(Settings {
        amount,
        delim: if opts.has("zero-terminated") { 0 } else { b'\n' },
        follow,
        retry,
        pid,
        sleep,
        headers,
    })
}

/// A file being followed.
struct Tracked {
    name: String,
    fd: Option<Fd>,
    qid: u64,
    /// How much of it has been printed (its offset).
    pos: u64,
}

/// Where output last came from, for headers.
struct Headers {
    on: bool,
    first: bool,
    last: Option<usize>,
}

impl Headers {
    async fn show(&mut self, cmd: &mut Cmd, index: usize, name: &str) {
        if self.on && self.last != Some(index) {
            let name = if name == "-" { "standard input" } else { name };
            let sep = if self.first { "" } else { "\n" };
            cmd.out.write_str(&format!("{sep}==> {name} <==\n")).await;
        }
        self.first = false;
        self.last = Some(index);
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let obs = match obsolete(&mut cmd.args) {
        Ok(o) => o,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let files = opts.files();
    let set = match settings(&opts, obs, files.len()) {
        Ok(s) => s,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let p = cmd.p.clone();
    let mut status = 0;
    let mut headers = Headers {
        on: set.headers,
        first: true,
        last: None,
    };
    let mut tracked = Vec::new();
    for (index, f) in files.iter().enumerate() {
        let input = match Input::open(&p, f).await {
            Ok(i) => Some(i),
            Err(e) if e.is(Errno::EISDIR) => None,
            Err(e) => {
                cmd.error(format!("cannot open '{f}' for reading: {}", e.strerror()))
                    .await;
                status = 1;
                if set.follow == Some(Follow::Name) && set.retry && f != "-" {
                    tracked.push((
                        index,
                        Tracked {
                            name: f.clone(),
                            fd: None,
                            qid: 0,
                            pos: 0,
                        },
                    ));
                }
                continue;
            }
        };
        headers.show(&mut cmd, index, f).await;
        let Some(mut input) = input else {
            cmd.error(format!("error reading '{f}': Is a directory")).await;
            status = 1;
            continue;
        };
        if let Err(e) = tail(&mut cmd, &mut input, set.amount, set.delim).await {
            cmd.error(format!("error reading '{f}': {}", e.strerror())).await;
            status = 1;
        }
        match followable(&cmd, &input, &set).await {
            Some((qid, pos)) => tracked.push((
                index,
                Tracked {
                    name: f.clone(),
                    fd: Some(input.fd()),
                    qid,
                    pos,
                },
            )),
            None => input.close(&p).await,
        }
    }
    if set.follow.is_none() {
        return cmd.finish(status).await;
    }
    if tracked.is_empty() {
        if status != 0 {
            cmd.error("no files remaining").await;
        }
        return cmd.finish(status).await;
    }
    let _ = cmd.out.flush().await;
    follow(&mut cmd, &set, &mut tracked, &mut headers).await;
    cmd.finish(status).await
}

/// A regular file opened by name (not stdin's pipe) can be followed:
/// answers its identity and size.
async fn followable(cmd: &Cmd, input: &Input, set: &Settings) -> Option<(u64, u64)> {
    set.follow?;
    let st = cmd.p.fstat(input.fd()).await.ok()?;
    if st.kind != NodeType::File {
        return None;
    }
    let pos = cmd.p.seek(input.fd(), SeekFrom::Current(0)).await.ok()?;
    Some((st.qid, pos))
}

async fn tail(cmd: &mut Cmd, input: &mut Input, amount: Amount, delim: u8) -> kernel::Result<()> {
    if amount.from_start {
        return from_start(cmd, input, amount, delim).await;
    }
    let seekable = cmd.p.file(input.fd()).is_ok_and(|f| !f.is_stream());
    if seekable
        && let Ok(st) = cmd.p.fstat(input.fd()).await
        && let Ok(here) = cmd.p.seek(input.fd(), SeekFrom::Current(0)).await
    {
        return if amount.lines {
            last_lines_seekable(cmd, input.fd(), (here, st.size), amount.n, delim).await
        } else {
            let start = st.size.saturating_sub(amount.n).max(here);
            cmd.p.seek(input.fd(), SeekFrom::Start(start)).await?;
            copy_rest(cmd, input.fd()).await.map(|_| ())
        };
    }
    if amount.lines {
        last_lines_stream(cmd, input, amount.n, delim).await
    } else {
        last_bytes_stream(cmd, input, amount.n).await
    }
}

/// Copy from an fd to its end.
async fn copy_rest(cmd: &mut Cmd, fd: Fd) -> kernel::Result<u64> {
    let mut n = 0;
    loop {
        let data = cmd.p.read(fd, 64 * 1024).await?;
        if data.is_empty() {
            return Ok(n);
        }
        n += data.len() as u64;
        cmd.out.write(&data).await;
    }
}

/// `+N`: skip N-1 lines or bytes, then copy the rest.
async fn from_start(cmd: &mut Cmd, input: &mut Input, amount: Amount, delim: u8) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut skip = amount.n.saturating_sub(1);
    while let Some(chunk) = input.chunk(&p).await? {
        let mut start = 0;
        if skip > 0 {
            if amount.lines {
                start = chunk.len();
                for i in memchr::memchr_iter(delim, &chunk) {
                    skip -= 1;
                    if skip == 0 {
                        start = i + 1;
                        break;
                    }
                }
            } else {
                start = (chunk.len() as u64).min(skip) as usize;
                skip -= start as u64;
            }
        }
        cmd.out.write(&chunk[start..]).await;
    }
    Ok(())
}

/// The last `n` lines of a seekable file (between the offset `here` and
/// its end): scan backwards from the end for the delimiter preceding them.
async fn last_lines_seekable(cmd: &mut Cmd, fd: Fd, span: (u64, u64), n: u64, delim: u8) -> kernel::Result<()> {
    const BLOCK: u64 = 64 * 1024;
    let (here, size) = span;
    let mut start = here;
    if n == 0 {
        start = size;
    } else {
        let mut end = size;
        let mut need = n;
        // The delimiter ending the file ends the last line; it is not
        // one that precedes a wanted line.
        let mut skip_final = true;
        'scan: while end > here {
            let from = end.saturating_sub(BLOCK).max(here);
            cmd.p.seek(fd, SeekFrom::Start(from)).await?;
            let block = read_exact(cmd, fd, (end - from) as usize).await?;
            let mut limit = block.len();
            if skip_final {
                skip_final = false;
                if block.last() == Some(&delim) {
                    limit -= 1;
                }
            }
            for i in memchr::memrchr_iter(delim, &block[..limit]) {
                need -= 1;
                if need == 0 {
                    start = from + i as u64 + 1;
                    break 'scan;
                }
            }
            end = from;
        }
    }
    cmd.p.seek(fd, SeekFrom::Start(start)).await?;
    copy_rest(cmd, fd).await?;
    Ok(())
}

async fn read_exact(cmd: &Cmd, fd: Fd, len: usize) -> kernel::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let data = cmd.p.read(fd, len - out.len()).await?;
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
    }
    Ok(out)
}

/// The last `n` lines of a stream: keep only the chunks that may still
/// hold them.
async fn last_lines_stream(cmd: &mut Cmd, input: &mut Input, n: u64, delim: u8) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut window = LastRecords::new(n, delim);
    while let Some(chunk) = input.chunk(&p).await? {
        window.push(chunk);
        while window.pop_done().is_some() {}
    }
    let (rest, start) = window.finish();
    cmd.out.write(&rest[start..]).await;
    Ok(())
}

async fn last_bytes_stream(cmd: &mut Cmd, input: &mut Input, n: u64) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut held: VecDeque<Vec<u8>> = VecDeque::new();
    let mut total: u64 = 0;
    while let Some(chunk) = input.chunk(&p).await? {
        total += chunk.len() as u64;
        held.push_back(chunk);
        while held.len() > 1 && total - held[0].len() as u64 >= n {
            if let Some(c) = held.pop_front() {
                total -= c.len() as u64;
            }
        }
    }
    let mut skip = total.saturating_sub(n);
    for c in held {
        let from = (c.len() as u64).min(skip) as usize;
        skip -= from as u64;
        cmd.out.write(&c[from..]).await;
    }
    Ok(())
}

/// Poll the tracked files until a note ends us or `--pid` dies.
async fn follow(cmd: &mut Cmd, set: &Settings, tracked: &mut [(usize, Tracked)], headers: &mut Headers) {
    loop {
        let watched_gone = set
            .pid
            .is_some_and(|pid| cmd.p.kernel().process(pid).is_none_or(|pr| pr.is_zombie()));
        for (index, t) in tracked.iter_mut() {
            if set.follow == Some(Follow::Name) {
                check_name(cmd, t, set.retry).await;
            }
            poll_one(cmd, *index, t, headers).await;
        }
        let _ = cmd.out.flush().await;
        if watched_gone {
            return;
        }
        if cmd.p.sleep(set.sleep).await.is_err() {
            return;
        }
    }
}

/// `-F`: notice a file removed, replaced or created under its name.
async fn check_name(cmd: &mut Cmd, t: &mut Tracked, retry: bool) {
    let p = cmd.p.clone();
    match p.stat(&t.name).await {
        Err(e) => {
            if let Some(fd) = t.fd.take() {
                cmd.error(format!("'{}' has become inaccessible: {}", t.name, e.strerror()))
                    .await;
                let _ = p.close(fd).await;
            }
        }
        Ok(st) if t.fd.is_none() || st.qid != t.qid => {
            if !retry && t.fd.is_none() {
                return;
            }
            let Ok(fd) = p.open(&t.name, kernel::OpenFlags::READ).await else {
                return;
            };
            let msg = if t.fd.is_some() {
                "has been replaced;  following new file"
            } else {
                "has appeared;  following new file"
            };
            cmd.error(format!("'{}' {msg}", t.name)).await;
            if let Some(old) = t.fd.replace(fd) {
                let _ = p.close(old).await;
            }
            t.qid = st.qid;
            t.pos = 0;
        }
        Ok(_) => {}
    }
}

/// Print what was appended to a followed file since the last look.
async fn poll_one(cmd: &mut Cmd, index: usize, t: &mut Tracked, headers: &mut Headers) {
    let Some(fd) = t.fd else { return };
    let p = cmd.p.clone();
    let Ok(st) = p.fstat(fd).await else { return };
    if st.size < t.pos {
        cmd.error(format!("{}: file truncated", t.name)).await;
        t.pos = 0;
    }
    if st.size == t.pos {
        return;
    }
    if p.seek(fd, SeekFrom::Start(t.pos)).await.is_err() {
        return;
    }
    let mut shown = false;
    loop {
        let Ok(data) = p.read(fd, 64 * 1024).await else { break };
        if data.is_empty() {
            break;
        }
        if !shown {
            headers.show(cmd, index, &t.name).await;
            shown = true;
        }
        t.pos += data.len() as u64;
        cmd.out.write(&data).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    fn amount(lines: bool, from_start: bool, n: u64) -> Amount {
        Amount { lines, from_start, n }
    }

    #[test]
    fn obsolete_forms() {
        let mut a = args(&["-5", "f"]);
        assert_eq!(obsolete(&mut a).unwrap(), Some((amount(true, false, 5), false)));
        assert_eq!(a, ["f"]);
        let mut a = args(&["+2cf"]);
        assert_eq!(obsolete(&mut a).unwrap(), Some((amount(false, true, 2), true)));
        let mut a = args(&["-f", "x"]);
        assert_eq!(obsolete(&mut a).unwrap(), Some((amount(true, false, 10), true)));
        let mut a = args(&["-3b"]);
        assert_eq!(obsolete(&mut a).unwrap(), Some((amount(false, false, 1536), false)));
        assert_eq!(obsolete(&mut args(&["-5", "a", "b"])).unwrap(), None);
        assert_eq!(obsolete(&mut args(&["-n", "5"])).unwrap(), None);
        assert_eq!(obsolete(&mut args(&["-c"])).unwrap(), None);
        assert_eq!(obsolete(&mut args(&["-"])).unwrap(), None);
        assert_eq!(obsolete(&mut args(&["-5x"])).unwrap(), None);
    }
}
