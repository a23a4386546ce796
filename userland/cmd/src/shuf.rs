//! `shuf`: random permutations of lines (GNU coreutils 9.1).
//!
//! The random numbers are drawn exactly as gnulib's `randint` draws them
//! from a byte stream, and the permutation is gnulib's `randperm`, so
//! `--random-source=FILE` gives GNU's output byte for byte. Without it the
//! bytes come from the system's entropy, which `ninebox --seed N` makes
//! reproducible.

use rustc_hash::FxHashMap;

use kernel::Proc;

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::io::{Input, Output};
use common::quote::{quote, quotef};

const HELP: &str = "Usage: shuf [OPTION]... [FILE]
  or:  shuf -e [OPTION]... [ARG]...
  or:  shuf -i LO-HI [OPTION]...
Write a random permutation of the input lines to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -e, --echo                treat each ARG as an input line
  -i, --input-range=LO-HI   treat each number LO through HI as an input line
  -n, --head-count=COUNT    output at most COUNT lines
  -o, --output=FILE         write result to FILE instead of standard output
      --random-source=FILE  get random bytes from FILE
  -r, --repeat              output lines can be repeated
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Without --random-source the bytes come from the system's entropy source
(reproducible when the system runs with --seed).
";

const SPEC: &[Opt] = &[
    flag("echo", 'e'),
    value("input-range", 'i'),
    value("head-count", 'n'),
    value("output", 'o'),
    long("random-source", Arg::Required),
    flag("repeat", 'r'),
    flag("zero-terminated", 'z'),
];

/// GNU reads at most this much before it switches to reservoir sampling
/// for `-n` (and always does for input whose size it cannot know).
const RESERVOIR_MIN_INPUT: u64 = 8192 * 1024;

/// A fatal error: the message to print (status 1).
struct Fail(String);

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    match run(&mut cmd, &opts).await {
        Ok(status) => status,
        Err(Fail(msg)) => {
            cmd.error(msg).await;
            cmd.finish(1).await;
            1
        }
    }
}

/// Where the lines come from.
enum Lines {
    /// Lines (with their delimiters) held in memory.
    Held(Vec<Vec<u8>>),
    /// The numbers `lo..=hi`.
    Range(u64, u64),
}

impl Lines {
    fn len(&self) -> u64 {
        match self {
            Lines::Held(v) => v.len() as u64,
            Lines::Range(lo, hi) => hi.wrapping_sub(*lo).wrapping_add(1),
        }
    }

    fn write(&self, out: &mut Vec<u8>, i: u64, eol: u8) {
        match self {
            Lines::Held(v) => out.extend_from_slice(&v[i as usize]),
            Lines::Range(lo, _) => {
                out.extend_from_slice((lo + i).to_string().as_bytes());
                out.push(eol);
            }
        }
    }
}

async fn run(cmd: &mut Cmd, opts: &common::cli::Opts) -> Result<i32, Fail> {
    let eol = if opts.has("zero-terminated") { 0 } else { b'\n' };
    let repeat = opts.has("repeat");
    let mut head: Option<u64> = None;
    for v in opts.values("head-count") {
        match decimal_or_huge(v) {
            Some(Some(n)) => head = Some(head.map_or(n, |h| h.min(n))),
            // GNU takes a count too big for its type as "no limit".
            Some(None) => {}
            None => return Err(Fail(format!("invalid line count: {}", quote(v)))),
        }
    }
    let single = |name: &str, what: &str| -> Result<Option<String>, Fail> {
        let vals = opts.values(name);
        match vals.first() {
            Some(first) if vals.iter().any(|v| v != first) => Err(Fail(format!("multiple {what} specified"))),
            v => Ok(v.map(|s| s.to_string())),
        }
    };
    let output = single("output", "output files")?;
    let source = single("random-source", "random sources")?;
    if opts.values("input-range").len() > 1 {
        return Err(Fail("multiple -i options specified".into()));
    }
    let range = match opts.value("input-range") {
        Some(text) => Some(parse_range(text)?),
        None => None,
    };
    let echo = opts.has("echo");
    if echo && range.is_some() {
        return Ok(cmd.usage_error("cannot combine -e and -i options", 1).await);
    }
    let extra = match range {
        Some(_) => opts.operands.first(),
        None if !echo => opts.operands.get(1),
        None => None,
    };
    if let Some(x) = extra {
        return Ok(cmd.usage_error(format!("extra operand {}", quote(x)), 1).await);
    }
    let max = cmd.p.limits().max_alloc;
    let mut rand = RandInt::new(match &source {
        Some(name) => Bytes::File(name.clone(), open(&cmd.p, name).await?),
        None => Bytes::System,
    });

    // The input, or (for reservoir sampling) the sample itself.
    let mut sampled = false;
    let lines = if let Some((lo, hi)) = range {
        Lines::Range(lo, hi)
    } else if echo {
        Lines::Held(
            opts.operands
                .iter()
                .map(|a| {
                    let mut l = a.as_bytes().to_vec();
                    l.push(eol);
                    l
                })
                .collect(),
        )
    } else {
        let name = opts.operands.first().map_or("-", String::as_str);
        if head == Some(0) && !repeat {
            Lines::Held(Vec::new())
        } else {
            let mut input = open(&cmd.p, name).await?;
            let reservoir = match head {
                Some(k) if !repeat => !small_file(&cmd.p, &input).await || k == 0,
                _ => false,
            };
            let lines = if reservoir {
                sampled = true;
                read_reservoir(&cmd.p, &mut input, eol, head.unwrap_or(0), &mut rand, max).await?
            } else {
                read_lines(&cmd.p, &mut input, eol, max).await?
            };
            input.close(&cmd.p).await;
            Lines::Held(lines)
        }
    };

    // The output file is opened only now, after the input is read, so
    // `shuf f -o f` shuffles f in place.
    let out_fd = match &output {
        Some(name) => match cmd.p.open(name, kernel::OpenFlags::WRITE).await {
            Ok(fd) => fd,
            Err(e) => return Err(Fail(format!("{}: {}", quotef(name), e.strerror()))),
        },
        None => 1,
    };
    let mut out = Output::new(cmd.p.clone(), out_fd);
    let n = lines.len();
    let mut buf = Vec::new();
    if repeat {
        let count = head.unwrap_or(u64::MAX);
        if count > 0 && n == 0 {
            return Err(Fail("no lines to repeat".into()));
        }
        for _ in 0..count {
            let j = rand.choose(&cmd.p, n).await?;
            lines.write(&mut buf, j, eol);
            flush_some(cmd, &mut out, &mut buf).await?;
        }
    } else {
        let h = if sampled { n } else { head.map_or(n, |k| k.min(n)) };
        let perm = randperm(&cmd.p, &mut rand, h, n, max).await?;
        for j in perm {
            lines.write(&mut buf, j, eol);
            flush_some(cmd, &mut out, &mut buf).await?;
        }
    }
    out.write(&buf).await;
    let status = match out.flush().await {
        Ok(()) => 0,
        Err(e) if e.is(kernel::Errno::EPIPE) => 1,
        Err(e) => return Err(Fail(format!("write error: {}", e.strerror()))),
    };
    if output.is_some() {
        let _ = cmd.p.close(out_fd).await;
    }
    Ok(status)
}

/// Hand a full buffer to the output and let the system run (a `-r` run
/// has no end of its own: `head` or Ctrl-C ends it).
async fn flush_some(cmd: &Cmd, out: &mut Output, buf: &mut Vec<u8>) -> Result<(), Fail> {
    if buf.len() >= 32 * 1024 {
        out.write(buf).await;
        buf.clear();
        if out.failed() {
            return Err(Fail("write error".into()));
        }
    }
    cmd.p.checkpoint().await.map_err(|_| Fail("interrupted".into()))
}

/// `LO-HI`, both decimal (blanks and `+` allowed before each, as
/// strtoul allows). `N-(N-1)` is the empty range, which GNU accepts.
fn parse_range(text: &str) -> Result<(u64, u64), Fail> {
    let bad = || Fail(format!("invalid input range: {}", quote(text)));
    let (lo, hi) = text.split_once('-').ok_or_else(bad)?;
    let (lo, hi) = (decimal(lo).ok_or_else(bad)?, decimal(hi).ok_or_else(bad)?);
    let whole = lo == 0 && hi == u64::MAX;
    if (lo <= hi && !whole) || lo == hi.wrapping_add(1) {
        Ok((lo, hi))
    } else {
        Err(bad())
    }
}

/// A count as `xstrtoul` reads one: blanks, an optional `+`, digits.
/// `Some(None)` for digits too many for 64 bits.
fn decimal_or_huge(s: &str) -> Option<Option<u64>> {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let s = s.strip_prefix('+').unwrap_or(s);
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u64>().ok())
}

fn decimal(s: &str) -> Option<u64> {
    decimal_or_huge(s).flatten()
}

async fn open(p: &Proc, name: &str) -> Result<Input, Fail> {
    Input::open(p, name)
        .await
        .map_err(|e| Fail(format!("{}: {}", quotef(name), e.strerror())))
}

/// Whether the input is a regular file GNU would read whole before
/// choosing (size known and at most 8 MiB).
async fn small_file(p: &Proc, input: &Input) -> bool {
    match p.fstat(input.fd()).await {
        Ok(st) if st.kind == kernel::NodeType::File => st.size <= RESERVOIR_MIN_INPUT,
        _ => false,
    }
}

fn too_big() -> Fail {
    Fail("memory exhausted".into())
}

/// Every line, each with its delimiter (one is added to a last line
/// without one).
async fn read_lines(p: &Proc, input: &mut Input, eol: u8, max: usize) -> Result<Vec<Vec<u8>>, Fail> {
    let mut lines = Vec::new();
    let mut total = 0usize;
    let mut line = Vec::new();
    while input.read_until(p, eol, &mut line).await.map_err(read_error)? {
        total += line.len() + 1;
        if total > max {
            return Err(too_big());
        }
        if line.last() != Some(&eol) {
            line.push(eol);
        }
        lines.push(std::mem::take(&mut line));
        p.checkpoint().await.map_err(|_| Fail("interrupted".into()))?;
    }
    Ok(lines)
}

fn read_error(e: kernel::Error) -> Fail {
    Fail(format!("read error: {}", e.strerror()))
}

/// GNU's reservoir sampling: keep the first `k` lines, then let line
/// `n` replace slot `randint(n + 1)` when that falls inside the reservoir.
async fn read_reservoir(
    p: &Proc,
    input: &mut Input,
    eol: u8,
    k: u64,
    rand: &mut RandInt,
    max: usize,
) -> Result<Vec<Vec<u8>>, Fail> {
    let mut kept: Vec<Vec<u8>> = Vec::new();
    let mut size = 0usize;
    let mut seen: u64 = 0;
    let mut line = Vec::new();
    if k == 0 {
        return Ok(kept);
    }
    loop {
        let slot = if seen < k {
            Some(seen as usize)
        } else {
            let j = rand.choose(p, seen + 1).await?;
            (j < k).then_some(j as usize)
        };
        if !input.read_until(p, eol, &mut line).await.map_err(read_error)? {
            break;
        }
        if line.last() != Some(&eol) {
            line.push(eol);
        }
        seen += 1;
        match slot {
            Some(i) if i == kept.len() => {
                size += line.len();
                kept.push(std::mem::take(&mut line));
            }
            Some(i) => {
                size = size - kept[i].len() + line.len();
                kept[i] = std::mem::take(&mut line);
            }
            None => {}
        }
        if size > max {
            return Err(too_big());
        }
        p.checkpoint().await.map_err(|_| Fail("interrupted".into()))?;
    }
    Ok(kept)
}

/// gnulib's `randperm_new`: the first `h` entries of a random
/// permutation of `0..n`, by `h` swaps. A map stands in for the array when
/// `n` is much bigger than `h` (GNU's sparse case gives the same result).
async fn randperm(p: &Proc, rand: &mut RandInt, h: u64, n: u64, max: usize) -> Result<Vec<u64>, Fail> {
    if h.saturating_mul(8) > max as u64 {
        return Err(too_big());
    }
    let mut out = Vec::with_capacity(h as usize);
    if h == 1 {
        out.push(rand.choose(p, n).await?);
        return Ok(out);
    }
    let mut moved: FxHashMap<u64, u64> = FxHashMap::default();
    for i in 0..h {
        let j = i + rand.choose(p, n - i).await?;
        let vi = moved.get(&i).copied().unwrap_or(i);
        let vj = moved.get(&j).copied().unwrap_or(j);
        moved.insert(j, vi);
        moved.remove(&i);
        out.push(vj);
        if i % 4096 == 0 {
            p.checkpoint().await.map_err(|_| Fail("interrupted".into()))?;
        }
    }
    Ok(out)
}

/// Where random bytes come from.
enum Bytes {
    System,
    /// `--random-source`: the file's bytes in order; running out is an
    /// error.
    File(String, Input),
}

/// gnulib's `randint_source`: uniform integers from a byte stream,
/// keeping leftover randomness between draws so no byte is wasted.
struct RandInt {
    bytes: Bytes,
    pending: Vec<u8>,
    randnum: u64,
    randmax: u64,
}

impl RandInt {
    fn new(bytes: Bytes) -> RandInt {
        RandInt {
            bytes,
            pending: Vec::new(),
            randnum: 0,
            randmax: 0,
        }
    }

    async fn read(&mut self, p: &Proc, n: usize) -> Result<Vec<u8>, Fail> {
        match &mut self.bytes {
            Bytes::System => Ok(p.random(n)),
            Bytes::File(name, input) => {
                while self.pending.len() < n {
                    match input.chunk(p).await {
                        Ok(Some(c)) => self.pending.extend_from_slice(&c),
                        Ok(None) => return Err(Fail(format!("{}: end of file", quote(name)))),
                        Err(e) => return Err(Fail(format!("{}: {}", quote(name), e.strerror()))),
                    }
                }
                Ok(self.pending.drain(..n).collect())
            }
        }
    }

    /// A uniform integer in `0..n` (n > 0): `randint_choose`.
    async fn choose(&mut self, p: &Proc, n: u64) -> Result<u64, Fail> {
        self.genmax(p, n - 1).await
    }

    /// A uniform integer in `0..=genmax`: `randint_genmax`.
    async fn genmax(&mut self, p: &Proc, genmax: u64) -> Result<u64, Fail> {
        let choices = genmax.wrapping_add(1);
        loop {
            if self.randmax < genmax {
                let mut need = 0;
                let mut rmax = self.randmax;
                while rmax < genmax {
                    rmax = (rmax << 8) | 0xff;
                    need += 1;
                }
                for b in self.read(p, need).await? {
                    self.randnum = (self.randnum << 8) | b as u64;
                    self.randmax = (self.randmax << 8) | 0xff;
                }
            }
            if self.randmax == genmax {
                let r = self.randnum;
                self.randnum = 0;
                self.randmax = 0;
                return Ok(r);
            }
            let excess = self.randmax - genmax;
            let unusable = excess % choices;
            let last_usable = self.randmax - unusable;
            let reduced = self.randnum % choices;
            if self.randnum <= last_usable {
                self.randnum /= choices;
                self.randmax = excess / choices;
                return Ok(reduced);
            }
            self.randnum = reduced;
            self.randmax = unusable - 1;
        }
    }
}
