//! `split`: split a file into pieces named PREFIXaa, PREFIXab, ...

use kernel::{Fd, NodeType, OpenFlags, Proc};

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::io::{Input, Output};
use common::quote::{quote, quotef};
use common::size::parse_size;

const HELP: &str = "Usage: split [OPTION]... [FILE [PREFIX]]
Output pieces of FILE to PREFIXaa, PREFIXab, ...;
default size is 1000 lines, and default PREFIX is 'x'.

With no FILE, or when FILE is -, read standard input.

  -a, --suffix-length=N   generate suffixes of length N (default 2)
      --additional-suffix=SUFFIX  append an additional SUFFIX to file names
  -b, --bytes=SIZE        put SIZE bytes per output file
  -C, --line-bytes=SIZE   put at most SIZE bytes of records per output file
  -d                      use numeric suffixes starting at 0, not alphabetic
      --numeric-suffixes[=FROM]  same as -d, but allow setting the start value
  -x                      use hex suffixes starting at 0, not alphabetic
      --hex-suffixes[=FROM]  same as -x, but allow setting the start value
  -e, --elide-empty-files  do not generate empty output files with '-n'
  -l, --lines=NUMBER      put NUMBER lines/records per output file
  -n, --number=CHUNKS     generate CHUNKS output files; see explanation below
  -t, --separator=SEP     use SEP instead of newline as the record separator;
                            '\\0' (zero) specifies the NUL character
  -u, --unbuffered        immediately copy input to output with '-n r/...'
      --verbose           print a diagnostic just before each
                            output file is opened
      --help     display this help and exit
      --version  output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

CHUNKS may be:
  N       split into N files based on size of input
  K/N     output Kth of N to stdout
  l/N     split into N files without splitting lines/records
  l/K/N   output Kth of N to stdout without splitting lines/records
  r/N     like 'l' but use round robin distribution
  r/K/N   likewise but only output Kth of N to stdout
";

const SPEC: &[Opt] = &[
    value("suffix-length", 'a'),
    long("additional-suffix", Arg::Required),
    value("bytes", 'b'),
    value("line-bytes", 'C'),
    flag("d", 'd'),
    long("numeric-suffixes", Arg::Optional),
    flag("x", 'x'),
    long("hex-suffixes", Arg::Optional),
    flag("elide-empty-files", 'e'),
    value("lines", 'l'),
    value("number", 'n'),
    value("separator", 't'),
    flag("unbuffered", 'u'),
    long("verbose", Arg::No),
];

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Chunking {
    Bytes,
    Lines,
    RoundRobin,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Mode {
    Lines(u64),
    Bytes(u64),
    LineBytes(u64),
    /// -n: the kind, the one chunk to print (if any), how many.
    Chunks(Chunking, Option<u64>, u64),
}

/// Output file names: PREFIX, a suffix over an alphabet, the additional
/// suffix. Without -a (and -n), the suffix widens when it runs out, as
/// GNU's does: after `yz` comes `zaaa`.
struct Namer {
    prefix: String,
    alphabet: &'static [u8],
    index: Vec<usize>,
    extra: String,
    auto: bool,
    started: bool,
}

impl Namer {
    fn next(&mut self) -> Option<String> {
        if self.started && !self.increment() {
            return None;
        }
        self.started = true;
        let mut name = self.prefix.clone();
        name.extend(self.index.iter().map(|&i| self.alphabet[i] as char));
        name.push_str(&self.extra);
        Some(name)
    }

    fn increment(&mut self) -> bool {
        let last = self.alphabet.len() - 1;
        for i in (0..self.index.len()).rev() {
            self.index[i] += 1;
            if self.auto && i == 0 && self.index[0] == last {
                // Widen: the last letter joins the prefix.
                self.prefix.push(self.alphabet[last] as char);
                self.index = vec![0; self.index.len() + 1];
                return true;
            }
            if self.index[i] <= last {
                return true;
            }
            self.index[i] = 0;
        }
        false
    }
}

/// The file being written, opened on first use.
struct Sink {
    p: Proc,
    /// The input's name, for read errors.
    input: String,
    namer: Namer,
    verbose: bool,
    current: Option<(Fd, Output)>,
}

impl Sink {
    /// Close the current file and open the next one.
    async fn open_next(&mut self, cmd: &mut Cmd) -> Result<(), String> {
        self.close().await?;
        let name = self
            .namer
            .next()
            .ok_or_else(|| "output file suffixes exhausted".to_string())?;
        if self.verbose {
            cmd.out
                .write(format!("creating file {}\n", quote(&name)).as_bytes())
                .await;
        }
        let fd = self
            .p
            .open(&name, OpenFlags::WRITE)
            .await
            .map_err(|e| format!("{}: {}", quotef(&name), e.strerror()))?;
        self.current = Some((fd, Output::new(self.p.clone(), fd)));
        Ok(())
    }

    async fn write(&mut self, data: &[u8]) -> Result<(), String> {
        if let Some((_, out)) = self.current.as_mut() {
            out.write(data).await;
        }
        Ok(())
    }

    async fn close(&mut self) -> Result<(), String> {
        if let Some((fd, mut out)) = self.current.take() {
            let r = out.flush().await;
            let _ = self.p.close(fd).await;
            r.map_err(|e| format!("write error: {}", e.strerror()))?;
        }
        Ok(())
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mode = match mode(&opts) {
        Ok(m) => m,
        Err((msg, usage)) => {
            if usage {
                return cmd.usage_error(msg, 1).await;
            }
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    if opts.operands.len() > 2 {
        return cmd
            .usage_error(format!("extra operand {}", quote(&opts.operands[2])), 1)
            .await;
    }
    let file = opts.operands.first().map_or("-", String::as_str).to_string();
    let prefix = opts.operands.get(1).map_or("x", String::as_str).to_string();
    // The suffix is as many digits as -a says: sized before it is made.
    if let Some(a) = opts.value("suffix-length")
        && let Ok(n) = a.parse::<u64>()
        && let Err(e) = common::limits::Budget::of(&cmd.p).check_items("suffix length", n, 8)
    {
        cmd.error(e).await;
        return cmd.finish(1).await;
    }
    let namer = match namer(&opts, prefix, mode) {
        Ok(n) => n,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let sep = match opts.value("separator") {
        None => b'\n',
        Some("\\0") => b'\0',
        Some(s) if s.len() == 1 => s.as_bytes()[0],
        Some("") => {
            cmd.error("empty record separator").await;
            return cmd.finish(1).await;
        }
        Some(s) => {
            cmd.error(format!("multi-character separator {}", quote(s))).await;
            return cmd.finish(1).await;
        }
    };
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, &file).await {
        Ok(i) => i,
        // A directory opens on Unix; reading it (or sizing it) fails.
        Err(e) if e.is(kernel::Errno::EISDIR) => {
            let sizing = if matches!(mode, Mode::Chunks(..)) {
                ": cannot determine file size"
            } else {
                ""
            };
            cmd.error(format!("{}{sizing}: {}", quotef(&file), e.strerror())).await;
            return cmd.finish(1).await;
        }
        Err(e) => {
            cmd.error(format!("cannot open {} for reading: {}", quote(&file), e.strerror()))
                .await;
            return cmd.finish(1).await;
        }
    };

    let mut sink = Sink {
        p: p.clone(),
        input: file.clone(),
        namer,
        verbose: opts.has("verbose"),
        current: None,
    };
    let elide = opts.has("elide-empty-files");
    let r = match mode {
        Mode::Lines(n) => by_lines(&mut cmd, &mut input, &mut sink, n, sep).await,
        Mode::Bytes(n) => by_bytes(&mut cmd, &mut input, &mut sink, n).await,
        Mode::LineBytes(n) => by_line_bytes(&mut cmd, &mut input, &mut sink, n, sep).await,
        Mode::Chunks(kind, k, n) => match size_of(&p, &input, &file).await {
            Ok(size) => {
                let c = Chunks {
                    k,
                    n,
                    size,
                    unbuffered: opts.has("unbuffered"),
                    elide,
                    sep,
                };
                match kind {
                    Chunking::Bytes => byte_chunks(&mut cmd, &mut input, &mut sink, c).await,
                    Chunking::Lines => line_chunks(&mut cmd, &mut input, &mut sink, c).await,
                    Chunking::RoundRobin => round_robin(&mut cmd, &mut input, &mut sink, c).await,
                }
            }
            Err(msg) => Err(msg),
        },
    };
    let r = match r {
        Ok(()) => sink.close().await,
        Err(e) => {
            let _ = sink.close().await;
            Err(e)
        }
    };
    input.close(&p).await;
    match r {
        Ok(()) => cmd.finish(0).await,
        Err(msg) => {
            cmd.error(msg).await;
            cmd.finish(1).await
        }
    }
}

/// The splitting asked for; `Err((message, is_usage))`.
fn mode(opts: &Opts) -> Result<Mode, (String, bool)> {
    let mut chosen: Option<Mode> = None;
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        let m = match *name {
            "lines" => Mode::Lines(positive(v, "lines", "")?),
            "bytes" => Mode::Bytes(positive(v, "bytes", "b")?),
            "line-bytes" => Mode::LineBytes(positive(v, "bytes", "b")?),
            "number" => chunks(v)?,
            _ => continue,
        };
        if chosen.is_some_and(|c| std::mem::discriminant(&c) != std::mem::discriminant(&m)) {
            return Err(("cannot split in more than one way".to_string(), true));
        }
        chosen = Some(m);
    }
    Ok(chosen.unwrap_or(Mode::Lines(1000)))
}

fn positive(v: &str, what: &str, extra: &str) -> Result<u64, (String, bool)> {
    match parse_size(v, extra) {
        Ok(0) => Err((
            format!("invalid number of {what}: {}: Numerical result out of range", quote(v)),
            false,
        )),
        Ok(n) => Ok(n),
        Err(_) => Err((format!("invalid number of {what}: {}", quote(v)), false)),
    }
}

/// `N`, `K/N`, `l/N`, `l/K/N`, `r/N`, `r/K/N`.
fn chunks(v: &str) -> Result<Mode, (String, bool)> {
    let (kind, rest) = match v.split_once('/') {
        Some(("l", r)) => (Chunking::Lines, r),
        Some(("r", r)) => (Chunking::RoundRobin, r),
        _ => (Chunking::Bytes, v),
    };
    let bad_n = |s: &str| (format!("invalid number of chunks: {}", quote(s)), false);
    let num = |s: &str| s.parse::<u64>().map_err(|_| bad_n(s));
    let (k, n) = match rest.split_once('/') {
        Some((k, n)) => (Some(k), n),
        None => (None, rest),
    };
    let n = num(n)?;
    if n == 0 {
        return Err((
            format!(
                "invalid number of chunks: {}: Numerical result out of range",
                quote("0")
            ),
            false,
        ));
    }
    let k = match k {
        Some(k) => {
            let kv = k
                .parse::<u64>()
                .map_err(|_| (format!("invalid chunk number: {}", quote(k)), false))?;
            if kv == 0 || kv > n {
                return Err((
                    format!("invalid chunk number: {}: Numerical result out of range", quote(k)),
                    false,
                ));
            }
            Some(kv)
        }
        None => None,
    };
    Ok(Mode::Chunks(kind, k, n))
}

fn namer(opts: &Opts, prefix: String, mode: Mode) -> Result<Namer, String> {
    let mut alphabet: &'static [u8] = b"abcdefghijklmnopqrstuvwxyz";
    let mut from: Option<&str> = None;
    for (name, v) in &opts.list {
        match *name {
            "d" => (alphabet, from) = (b"0123456789", None),
            "numeric-suffixes" => (alphabet, from) = (b"0123456789", v.as_deref()),
            "x" => (alphabet, from) = (b"0123456789abcdef", None),
            "hex-suffixes" => (alphabet, from) = (b"0123456789abcdef", v.as_deref()),
            _ => {}
        }
    }
    let given_len = match opts.value("suffix-length") {
        Some(a) => Some(
            a.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("invalid suffix length: {}", quote(a)))?,
        ),
        None => None,
    };
    let mut len = given_len.unwrap_or(2);
    if let Mode::Chunks(_, None, n) = mode {
        // Enough letters for every chunk.
        let mut needed = 0;
        let mut left = n - 1;
        while left > 0 {
            needed += 1;
            left /= alphabet.len() as u64;
        }
        if needed > len {
            if given_len.is_some() {
                return Err(format!("the suffix length needs to be at least {needed}"));
            }
            len = needed;
        }
    }
    let mut index = vec![0; len];
    if let Some(f) = from {
        let digits: Option<Vec<usize>> = f
            .chars()
            .map(|c| c.to_digit(alphabet.len() as u32).map(|d| d as usize))
            .collect();
        let digits = digits.ok_or_else(|| format!("invalid number: {}", quote(f)))?;
        let digits: Vec<usize> = digits.into_iter().skip_while(|d| *d == 0).collect();
        if digits.len() > len {
            return Err("numerical suffix start value is too large for the suffix length".to_string());
        }
        index[len - digits.len()..].copy_from_slice(&digits);
    }
    Ok(Namer {
        prefix,
        alphabet,
        index,
        extra: opts.value("additional-suffix").unwrap_or("").to_string(),
        auto: given_len.is_none() && from.is_none() && !matches!(mode, Mode::Chunks(..)),
        started: false,
    })
}

async fn by_lines(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, n: u64, sep: u8) -> Result<(), String> {
    let p = cmd.p.clone();
    let mut line = Vec::new();
    let mut count = n;
    while input
        .read_until(&p, sep, &mut line)
        .await
        .map_err(|e| sink.read_error(e))?
    {
        if count == n {
            sink.open_next(cmd).await?;
            count = 0;
        }
        sink.write(&line).await?;
        count += 1;
    }
    Ok(())
}

impl Sink {
    /// GNU's message for a failed read: `split: NAME: error`.
    fn read_error(&self, e: kernel::Error) -> String {
        format!("{}: {}", quotef(&self.input), e.strerror())
    }
}

async fn by_bytes(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, n: u64) -> Result<(), String> {
    let p = cmd.p.clone();
    let mut room = 0u64;
    while let Some(chunk) = input.chunk(&p).await.map_err(|e| sink.read_error(e))? {
        let mut data = &chunk[..];
        while !data.is_empty() {
            if room == 0 {
                sink.open_next(cmd).await?;
                room = n;
            }
            let take = data.len().min(usize::try_from(room).unwrap_or(usize::MAX));
            sink.write(&data[..take]).await?;
            room -= take as u64;
            data = &data[take..];
        }
    }
    Ok(())
}

/// -C: whole records while they fit; a record longer than SIZE is cut
/// into SIZE pieces.
async fn by_line_bytes(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, n: u64, sep: u8) -> Result<(), String> {
    let p = cmd.p.clone();
    let mut line = Vec::new();
    let mut used = 0u64;
    let mut open = false;
    while input
        .read_until(&p, sep, &mut line)
        .await
        .map_err(|e| sink.read_error(e))?
    {
        let mut rest = &line[..];
        while !rest.is_empty() {
            let len = rest.len() as u64;
            if open && used + len <= n {
                sink.write(rest).await?;
                used += len;
                break;
            }
            if open && used > 0 {
                open = false;
                continue;
            }
            sink.open_next(cmd).await?;
            open = true;
            used = 0;
            let take = rest.len().min(usize::try_from(n).unwrap_or(usize::MAX));
            sink.write(&rest[..take]).await?;
            used += take as u64;
            rest = &rest[take..];
        }
    }
    Ok(())
}

/// -n needs the input's size: a regular file's.
async fn size_of(p: &Proc, input: &Input, name: &str) -> Result<u64, String> {
    match p.fstat(input.fd()).await {
        Ok(st) if st.kind == NodeType::File => Ok(st.size),
        _ => Err(format!("{}: cannot determine file size", quotef(name))),
    }
}

#[derive(Copy, Clone)]
struct Chunks {
    k: Option<u64>,
    n: u64,
    size: u64,
    /// -u: each record goes out as soon as it is read (round robin).
    unbuffered: bool,
    elide: bool,
    sep: u8,
}

impl Chunks {
    /// Every chunk but the last has this many bytes (at least one).
    fn chunk_size(&self) -> u64 {
        (self.size / self.n).max(1)
    }
}

/// Where chunk output goes: the kth chunk to stdout, or each chunk to its
/// file (empty ones skipped with -e).
struct ChunkOut {
    /// The chunk being written (1-based) and whether its file is open.
    chunk: u64,
    opened: u64,
}

impl ChunkOut {
    async fn write(&mut self, cmd: &mut Cmd, sink: &mut Sink, c: &Chunks, data: &[u8]) -> Result<(), String> {
        match c.k {
            Some(k) if k == self.chunk => {
                cmd.out.write(data).await;
                Ok(())
            }
            Some(_) => Ok(()),
            None => {
                self.open_to(cmd, sink, c, self.chunk).await?;
                sink.write(data).await
            }
        }
    }

    /// Make sure files exist up to chunk `upto` (empty ones unless -e).
    async fn open_to(&mut self, cmd: &mut Cmd, sink: &mut Sink, c: &Chunks, upto: u64) -> Result<(), String> {
        while self.opened < upto {
            self.opened += 1;
            if c.elide && self.opened < upto {
                continue;
            }
            sink.open_next(cmd).await?;
        }
        Ok(())
    }

    /// At the end: the files of the chunks no data reached.
    async fn finish(&mut self, cmd: &mut Cmd, sink: &mut Sink, c: &Chunks) -> Result<(), String> {
        if c.k.is_none() && !c.elide {
            self.open_to(cmd, sink, c, c.n).await?;
        }
        Ok(())
    }
}

async fn byte_chunks(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, c: Chunks) -> Result<(), String> {
    let p = cmd.p.clone();
    let cs = c.chunk_size();
    let mut out = ChunkOut { chunk: 1, opened: 0 };
    let mut pos = 0u64;
    while let Some(chunk) = input.chunk(&p).await.map_err(|e| sink.read_error(e))? {
        let mut data = &chunk[..];
        while !data.is_empty() {
            let end = if out.chunk >= c.n { u64::MAX } else { out.chunk * cs };
            let take = data.len().min(usize::try_from(end - pos).unwrap_or(usize::MAX));
            if take == 0 {
                out.chunk += 1;
                continue;
            }
            out.write(cmd, sink, &c, &data[..take]).await?;
            pos += take as u64;
            data = &data[take..];
        }
        if c.k.is_some_and(|k| out.chunk > k) {
            break;
        }
    }
    out.finish(cmd, sink, &c).await
}

/// l/N: chunk i ends with the first record that reaches byte i*size/N
/// (the last one takes the rest); a record spanning several chunk ends
/// leaves the chunks it skipped empty.
async fn line_chunks(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, c: Chunks) -> Result<(), String> {
    let p = cmd.p.clone();
    let cs = c.chunk_size();
    let end_of = |chunk: u64| {
        if chunk >= c.n {
            c.size.saturating_sub(1)
        } else {
            chunk * cs - 1
        }
    };
    let mut out = ChunkOut { chunk: 1, opened: 0 };
    let mut written = 0u64;
    let mut line = Vec::new();
    while input
        .read_until(&p, c.sep, &mut line)
        .await
        .map_err(|e| sink.read_error(e))?
    {
        out.write(cmd, sink, &c, &line).await?;
        written += line.len() as u64;
        let ended = line.last() == Some(&c.sep);
        if ended && written > end_of(out.chunk) {
            out.chunk += 1;
            while out.chunk <= c.n && end_of(out.chunk) < written {
                if c.k.is_none() {
                    out.open_to(cmd, sink, &c, out.chunk).await?;
                }
                out.chunk += 1;
            }
        }
        if c.k.is_some_and(|k| out.chunk > k) {
            break;
        }
    }
    out.finish(cmd, sink, &c).await
}

async fn round_robin(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, c: Chunks) -> Result<(), String> {
    let p = cmd.p.clone();
    if c.k.is_none() {
        // Every file is written in turn: keep them all open.
        return round_robin_files(cmd, input, sink, c).await;
    }
    let mut line = Vec::new();
    let mut i = 0u64;
    while input
        .read_until(&p, c.sep, &mut line)
        .await
        .map_err(|e| sink.read_error(e))?
    {
        if Some(i % c.n + 1) == c.k {
            cmd.out.write(&line).await;
            if c.unbuffered {
                cmd.out
                    .flush()
                    .await
                    .map_err(|e| format!("write error: {}", e.strerror()))?;
            }
        }
        i += 1;
    }
    Ok(())
}

async fn round_robin_files(cmd: &mut Cmd, input: &mut Input, sink: &mut Sink, c: Chunks) -> Result<(), String> {
    let p = cmd.p.clone();
    let mut files: Vec<(Fd, Output)> = Vec::new();
    let mut line = Vec::new();
    let mut i = 0u64;
    let mut result = Ok(());
    while input
        .read_until(&p, c.sep, &mut line)
        .await
        .map_err(|e| sink.read_error(e))?
    {
        let slot = (i % c.n) as usize;
        if slot == files.len() {
            if let Err(e) = sink.open_next(cmd).await {
                result = Err(e);
                break;
            }
            if let Some(f) = sink.current.take() {
                files.push(f);
            }
        }
        if let Some((_, out)) = files.get_mut(slot) {
            out.write(&line).await;
            if c.unbuffered
                && let Err(e) = out.flush().await
            {
                result = Err(format!("write error: {}", e.strerror()));
                break;
            }
        }
        i += 1;
    }
    while result.is_ok() && !c.elide && (files.len() as u64) < c.n {
        result = sink.open_next(cmd).await;
        if let Some(f) = sink.current.take() {
            files.push(f);
        }
    }
    for (fd, mut out) in files {
        let r = out.flush().await;
        let _ = p.close(fd).await;
        if result.is_ok() {
            result = r.map_err(|e| format!("write error: {}", e.strerror()));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn namer(alphabet: &'static [u8], len: usize, auto: bool) -> Namer {
        Namer {
            prefix: "x".into(),
            alphabet,
            index: vec![0; len],
            extra: String::new(),
            auto,
            started: false,
        }
    }

    #[test]
    fn names_widen_as_gnu() {
        let mut n = namer(b"abcdefghijklmnopqrstuvwxyz", 2, true);
        let names: Vec<String> = (0..652).filter_map(|_| n.next()).collect();
        assert_eq!(names[0], "xaa");
        assert_eq!(names[649], "xyz");
        assert_eq!(names[650], "xzaaa");
        assert_eq!(names[651], "xzaab");
        let mut d = namer(b"0123456789", 2, true);
        let names: Vec<String> = (0..91).filter_map(|_| d.next()).collect();
        assert_eq!(names[89], "x89");
        assert_eq!(names[90], "x9000");
    }

    #[test]
    fn names_run_out() {
        let mut n = namer(b"ab", 1, false);
        assert_eq!(n.next().as_deref(), Some("xa"));
        assert_eq!(n.next().as_deref(), Some("xb"));
        assert_eq!(n.next(), None);
    }

    #[test]
    fn chunk_specs() {
        assert_eq!(chunks("3"), Ok(Mode::Chunks(Chunking::Bytes, None, 3)));
        assert_eq!(chunks("2/3"), Ok(Mode::Chunks(Chunking::Bytes, Some(2), 3)));
        assert_eq!(chunks("l/2/3"), Ok(Mode::Chunks(Chunking::Lines, Some(2), 3)));
        assert_eq!(chunks("r/4"), Ok(Mode::Chunks(Chunking::RoundRobin, None, 4)));
        assert!(chunks("0").is_err());
        assert!(chunks("4/3").is_err());
        assert!(chunks("x").is_err());
    }
}
