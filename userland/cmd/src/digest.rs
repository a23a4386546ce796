//! `md5sum`, `sha1sum`, `sha224sum`, `sha256sum`, `sha384sum`,
//! `sha512sum`, `b2sum` and `cksum`: print or check message digests.
//!
//! One program, as GNU's `digest.c` is: the tools differ only in their
//! algorithm, their default output style, and (for `cksum`) the choice
//! of algorithm with `-a`. Files are read in chunks, so memory stays
//! bounded whatever their size.

use blake2::Blake2bVar;
use blake2::digest::{Update, VariableOutput};
use sha2::Digest;

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::io::Input;
use common::quote::{quote, quotef};

/// The algorithms, in the order `cksum -a` lists them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Algo {
    Sysv,
    Bsd,
    Crc,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Blake2b,
    Sm3,
}

const ALGOS: [(&str, Algo); 11] = [
    ("bsd", Algo::Bsd),
    ("sysv", Algo::Sysv),
    ("crc", Algo::Crc),
    ("md5", Algo::Md5),
    ("sha1", Algo::Sha1),
    ("sha224", Algo::Sha224),
    ("sha256", Algo::Sha256),
    ("sha384", Algo::Sha384),
    ("sha512", Algo::Sha512),
    ("blake2b", Algo::Blake2b),
    ("sm3", Algo::Sm3),
];

impl Algo {
    /// The tag of BSD-style lines (`MD5 (f) = ...`).
    fn tag(self) -> &'static str {
        match self {
            Algo::Sysv => "SYSV",
            Algo::Bsd => "BSD",
            Algo::Crc => "CRC",
            Algo::Md5 => "MD5",
            Algo::Sha1 => "SHA1",
            Algo::Sha224 => "SHA224",
            Algo::Sha256 => "SHA256",
            Algo::Sha384 => "SHA384",
            Algo::Sha512 => "SHA512",
            Algo::Blake2b => "BLAKE2b",
            Algo::Sm3 => "SM3",
        }
    }

    /// Digest size in bits (the largest, for BLAKE2b).
    fn bits(self) -> usize {
        match self {
            Algo::Sysv | Algo::Bsd => 16,
            Algo::Crc => 32,
            Algo::Md5 => 128,
            Algo::Sha1 => 160,
            Algo::Sha224 => 224,
            Algo::Sha256 | Algo::Sm3 => 256,
            Algo::Sha384 => 384,
            Algo::Sha512 | Algo::Blake2b => 512,
        }
    }

    /// The old checksums print a sum and a size, and cannot be checked.
    fn is_legacy(self) -> bool {
        matches!(self, Algo::Sysv | Algo::Bsd | Algo::Crc)
    }

    fn from_tag(tag: &str) -> Option<Algo> {
        ALGOS.iter().map(|(_, a)| *a).find(|a| a.tag() == tag)
    }
}

/// A digest being computed.
enum Hasher {
    Sysv(u32),
    Bsd(u16),
    Crc(u32),
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Blake2b(Box<Blake2bVar>),
    Sm3(sm3::Sm3),
}

/// The CRC of POSIX `cksum`: polynomial 0x04C11DB7, most significant bit
/// first.
const fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u32) << 24;
        let mut k = 0;
        while k < 8 {
            c = if c & 0x8000_0000 != 0 {
                (c << 1) ^ 0x04C1_1DB7
            } else {
                c << 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

static CRC_TABLE: [u32; 256] = crc_table();

fn crc_update(mut crc: u32, data: &[u8]) -> u32 {
    for &b in data {
        crc = (crc << 8) ^ CRC_TABLE[((crc >> 24) as u8 ^ b) as usize];
    }
    crc
}

/// The finished POSIX CRC: the length goes in too, low byte first, only
/// its significant bytes.
fn crc_finish(mut crc: u32, mut len: u64) -> u32 {
    while len > 0 {
        crc = crc_update(crc, &[len as u8]);
        len >>= 8;
    }
    !crc
}

impl Hasher {
    /// `bits` is the BLAKE2b length (a multiple of 8, at most 512).
    fn new(algo: Algo, bits: usize) -> Hasher {
        match algo {
            Algo::Sysv => Hasher::Sysv(0),
            Algo::Bsd => Hasher::Bsd(0),
            Algo::Crc => Hasher::Crc(0),
            Algo::Md5 => Hasher::Md5(md5::Md5::new()),
            Algo::Sha1 => Hasher::Sha1(sha1::Sha1::new()),
            Algo::Sha224 => Hasher::Sha224(sha2::Sha224::new()),
            Algo::Sha256 => Hasher::Sha256(sha2::Sha256::new()),
            Algo::Sha384 => Hasher::Sha384(sha2::Sha384::new()),
            Algo::Sha512 => Hasher::Sha512(sha2::Sha512::new()),
            Algo::Blake2b => {
                let n = (bits / 8).clamp(1, 64);
                match Blake2bVar::new(n) {
                    Ok(h) => Hasher::Blake2b(Box::new(h)),
                    // Every length 1..=64 is valid; keep a full-size one.
                    Err(_) => Hasher::Sha512(sha2::Sha512::new()),
                }
            }
            Algo::Sm3 => Hasher::Sm3(sm3::Sm3::new()),
        }
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sysv(s) => {
                for &b in data {
                    *s = s.wrapping_add(u32::from(b));
                }
            }
            Hasher::Bsd(s) => {
                for &b in data {
                    *s = s.rotate_right(1).wrapping_add(u16::from(b));
                }
            }
            Hasher::Crc(c) => *c = crc_update(*c, data),
            Hasher::Md5(h) => Digest::update(h, data),
            Hasher::Sha1(h) => Digest::update(h, data),
            Hasher::Sha224(h) => Digest::update(h, data),
            Hasher::Sha256(h) => Digest::update(h, data),
            Hasher::Sha384(h) => Digest::update(h, data),
            Hasher::Sha512(h) => Digest::update(h, data),
            Hasher::Blake2b(h) => Update::update(h.as_mut(), data),
            Hasher::Sm3(h) => Digest::update(h, data),
        }
    }

    /// The digest bytes (big-endian for the old sums).
    fn finish(self, len: u64) -> Vec<u8> {
        match self {
            Hasher::Sysv(s) => {
                let r = (s & 0xffff) + (s >> 16);
                let sum = (r & 0xffff) + (r >> 16);
                (sum as u16).to_be_bytes().to_vec()
            }
            Hasher::Bsd(s) => s.to_be_bytes().to_vec(),
            Hasher::Crc(c) => crc_finish(c, len).to_be_bytes().to_vec(),
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Blake2b(h) => {
                let mut out = vec![0u8; h.output_size()];
                // The buffer has exactly the output size.
                let _ = h.finalize_variable(&mut out);
                out
            }
            Hasher::Sm3(h) => h.finalize().to_vec(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Which program is running.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Prog {
    /// md5sum, sha*sum, b2sum.
    Fixed(Algo),
    Cksum,
}

fn help(name: &str, prog: Prog) -> String {
    let mut h = format!("Usage: {name} [OPTION]... [FILE]...\n");
    match prog {
        Prog::Cksum => h.push_str("Print or verify checksums.\nBy default use the 32 bit CRC algorithm.\n"),
        Prog::Fixed(a) => h.push_str(&format!(
            "Print or check {} ({}-bit) checksums.\n",
            a.tag().to_uppercase(),
            a.bits()
        )),
    }
    h.push_str("\nWith no FILE, or when FILE is -, read standard input.\n");
    if prog == Prog::Cksum || prog == Prog::Fixed(Algo::Blake2b) {
        h.push_str("\nMandatory arguments to long options are mandatory for short options too.\n");
    }
    if prog == Prog::Cksum {
        h.push_str("  -a, --algorithm=TYPE  select the digest type to use.  See DIGEST below.\n");
    } else {
        h.push_str("  -b, --binary          read in binary mode\n");
    }
    h.push_str("  -c, --check           read checksums from the FILEs and check them\n");
    if prog == Prog::Cksum || prog == Prog::Fixed(Algo::Blake2b) {
        h.push_str(
            "  -l, --length=BITS     digest length in bits; must not exceed the max for\n                          the blake2 algorithm and must be a multiple of 8\n",
        );
    }
    if prog == Prog::Cksum {
        h.push_str(
            "      --tag             create a BSD-style checksum (the default)\n      --untagged        create a reversed style checksum, without digest type\n",
        );
    } else {
        h.push_str(
            "      --tag             create a BSD-style checksum\n  -t, --text            read in text mode (default)\n",
        );
    }
    h.push_str(
        "  -z, --zero            end each output line with NUL, not newline,
                          and disable file name escaping

The following five options are useful only when verifying checksums:
      --ignore-missing  don't fail or report status for missing files
      --quiet           don't print OK for each successfully verified file
      --status          don't output anything, status code shows success
      --strict          exit non-zero for improperly formatted checksum lines
  -w, --warn            warn about improperly formatted checksum lines

",
    );
    if prog == Prog::Cksum {
        h.push_str("      --debug           indicate which implementation used\n");
    }
    h.push_str("      --help     display this help and exit\n      --version  output version information and exit\n");
    if prog == Prog::Cksum {
        h.push_str(
            "
DIGEST determines the digest algorithm and default output format:
  sysv      (equivalent to sum -s)
  bsd       (equivalent to sum -r)
  crc       (equivalent to cksum)
  md5       (equivalent to md5sum)
  sha1      (equivalent to sha1sum)
  sha224    (equivalent to sha224sum)
  sha256    (equivalent to sha256sum)
  sha384    (equivalent to sha384sum)
  sha512    (equivalent to sha512sum)
  blake2b   (equivalent to b2sum)
  sm3       (only available through cksum)

When checking, the input should be a former output of this program,
or equivalent standalone program.
",
        );
    } else {
        h.push_str(
            "
When checking, the input should be a former output of this program.
The default mode is to print a line with: checksum, a space,
a character indicating input mode ('*' for binary, ' ' for text
or where binary is insignificant), and name for each FILE.

There is no difference between binary mode and text mode here.
",
        );
    }
    h
}

const SUM_SPEC: &[Opt] = &[
    flag("binary", 'b'),
    flag("check", 'c'),
    long("tag", Arg::No),
    flag("text", 't'),
    flag("zero", 'z'),
    long("ignore-missing", Arg::No),
    long("quiet", Arg::No),
    long("status", Arg::No),
    long("strict", Arg::No),
    flag("warn", 'w'),
];

const B2_SPEC: &[Opt] = &[
    flag("binary", 'b'),
    flag("check", 'c'),
    value("length", 'l'),
    long("tag", Arg::No),
    flag("text", 't'),
    flag("zero", 'z'),
    long("ignore-missing", Arg::No),
    long("quiet", Arg::No),
    long("status", Arg::No),
    long("strict", Arg::No),
    flag("warn", 'w'),
];

const CKSUM_SPEC: &[Opt] = &[
    value("algorithm", 'a'),
    flag("check", 'c'),
    value("length", 'l'),
    long("tag", Arg::No),
    long("untagged", Arg::No),
    flag("zero", 'z'),
    long("ignore-missing", Arg::No),
    long("quiet", Arg::No),
    long("status", Arg::No),
    long("strict", Arg::No),
    flag("warn", 'w'),
    long("debug", Arg::No),
];

/// What the options ask for.
struct Settings {
    algo: Algo,
    /// Whether `-a` was given (cksum): then untagged lines may be checked.
    algo_given: bool,
    bits: usize,
    binary: bool,
    tagged: bool,
    delim: u8,
    quiet: bool,
    status_only: bool,
    strict: bool,
    warn: bool,
    ignore_missing: bool,
    /// Whether FILE operands were given (the old sums name them only then).
    args: bool,
}

pub async fn md5sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Md5)).await
}

pub async fn sha1sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Sha1)).await
}

pub async fn sha224sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Sha224)).await
}

pub async fn sha256sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Sha256)).await
}

pub async fn sha384sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Sha384)).await
}

pub async fn sha512sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Sha512)).await
}

pub async fn b2sum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Fixed(Algo::Blake2b)).await
}

pub async fn cksum(cmd: Cmd) -> i32 {
    run(cmd, Prog::Cksum).await
}

async fn run(mut cmd: Cmd, prog: Prog) -> i32 {
    let help_text = help(&cmd.name, prog);
    let spec = match prog {
        Prog::Cksum => CKSUM_SPEC,
        Prog::Fixed(Algo::Blake2b) => B2_SPEC,
        Prog::Fixed(_) => SUM_SPEC,
    };
    let opts = match cmd.parse(spec, &help_text).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let settings = match settings(&mut cmd, prog, &opts).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let check = opts.has("check");
    let files = if opts.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        opts.operands.clone()
    };
    let mut ok = true;
    for f in &files {
        ok &= if check {
            check_file(&mut cmd, &settings, prog, f).await
        } else {
            print_digest(&mut cmd, &settings, f).await
        };
    }
    cmd.finish(if ok { 0 } else { 1 }).await
}

/// Read the options, with GNU's checks of what goes together.
async fn settings(cmd: &mut Cmd, prog: Prog, opts: &Opts) -> Result<Settings, i32> {
    let check = opts.has("check");
    let mut s = Settings {
        algo: match prog {
            Prog::Fixed(a) => a,
            Prog::Cksum => Algo::Crc,
        },
        algo_given: false,
        bits: 0,
        binary: false,
        tagged: prog == Prog::Cksum,
        delim: if opts.has("zero") { 0 } else { b'\n' },
        quiet: opts.has("quiet"),
        status_only: opts.has("status"),
        strict: opts.has("strict"),
        warn: opts.has("warn"),
        ignore_missing: opts.has("ignore-missing"),
        args: !opts.operands.is_empty(),
    };
    // The last of --tag, --untagged, -b, -t decides the style.
    for (name, _) in &opts.list {
        match *name {
            "tag" => s.tagged = true,
            "untagged" => s.tagged = false,
            "binary" => s.binary = true,
            "text" => s.binary = false,
            "quiet" => {
                s.quiet = true;
                s.status_only = false;
                s.warn = false;
            }
            "status" => {
                s.status_only = true;
                s.quiet = false;
                s.warn = false;
            }
            "warn" => {
                s.warn = true;
                s.status_only = false;
                s.quiet = false;
            }
            _ => {}
        }
    }
    if let Some(a) = opts.value("algorithm") {
        match ALGOS.iter().find(|(n, _)| *n == a) {
            Some((_, algo)) => {
                s.algo = *algo;
                s.algo_given = true;
            }
            None => {
                let mut msg = format!("invalid argument {} for '--algorithm'\nValid arguments are:", quote(a));
                for (n, _) in ALGOS {
                    msg.push_str(&format!("\n  - '{n}'"));
                }
                return Err(cmd.usage_error(msg, 1).await);
            }
        }
    }
    s.bits = s.algo.bits();
    if let Some(l) = opts.value("length") {
        s.bits = length_bits(cmd, s.algo, l).await?;
    }
    let meaningless = |what: &str| format!("the {what} option is meaningless when verifying checksums");
    let only_check = |what: &str| format!("the {what} option is meaningful only when verifying checksums");
    let problem = if check && s.algo_given && s.algo.is_legacy() {
        cmd.error("--check is not supported with --algorithm={bsd,sysv,crc}")
            .await;
        return Err(cmd.finish(1).await);
    } else if check && opts.has("tag") && prog != Prog::Cksum {
        Some(meaningless("--tag"))
    } else if check && (opts.has("binary") || opts.has("text")) {
        Some("the --binary and --text options are meaningless when verifying checksums".to_string())
    } else if check && opts.has("zero") {
        Some("the --zero option is not supported when verifying checksums".to_string())
    } else if !check && opts.has("ignore-missing") {
        Some(only_check("--ignore-missing"))
    } else if !check && opts.has("status") {
        Some(only_check("--status"))
    } else if !check && opts.has("warn") {
        Some(only_check("--warn"))
    } else if !check && opts.has("quiet") {
        Some(only_check("--quiet"))
    } else if !check && opts.has("strict") {
        Some(only_check("--strict"))
    } else {
        None
    };
    if let Some(msg) = problem {
        return Err(cmd.usage_error(msg, 1).await);
    }
    if opts.has("debug") && s.algo == Algo::Crc {
        // There is one implementation: a table-driven one.
        cmd.error("using generic hardware support").await;
    }
    Ok(s)
}

/// `-l BITS`: only for BLAKE2b, a multiple of 8 up to 512; 0 is the
/// default length.
async fn length_bits(cmd: &mut Cmd, algo: Algo, l: &str) -> Result<usize, i32> {
    let n: Option<usize> = l.parse().ok();
    let detail = match n {
        None => None,
        Some(_) if algo != Algo::Blake2b => {
            cmd.error("--length is only supported with --algorithm=blake2b").await;
            return Err(cmd.finish(1).await);
        }
        Some(0) => return Ok(512),
        Some(n) if n % 8 != 0 => Some("length is not a multiple of 8".to_string()),
        Some(n) if n > 512 => Some("maximum digest length for 'BLAKE2b' is 512 bits".to_string()),
        Some(n) => return Ok(n),
    };
    cmd.error(format!("invalid length: {}", quote(l))).await;
    if let Some(d) = detail {
        cmd.error(d).await;
    }
    Err(cmd.finish(1).await)
}

/// Digest one file; `None` (after a message) if it could not be read.
/// `Some(None)` is a missing file skipped by --ignore-missing.
async fn digest_file(cmd: &mut Cmd, algo: Algo, bits: usize, name: &str, ignore_missing: bool) -> DigestResult {
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, name).await {
        Ok(i) => i,
        Err(e) => {
            if ignore_missing && e.is(kernel::Errno::ENOENT) {
                return DigestResult::Missing;
            }
            cmd.error_at(&quotef(name), &e).await;
            return DigestResult::Failed;
        }
    };
    let mut h = Hasher::new(algo, bits);
    let mut len = 0u64;
    let r = loop {
        match input.chunk(&p).await {
            Ok(Some(c)) => {
                len += c.len() as u64;
                h.update(&c);
            }
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    input.close(&p).await;
    match r {
        Ok(()) => DigestResult::Done(h.finish(len), len),
        Err(e) => {
            cmd.error_at(&quotef(name), &e).await;
            DigestResult::Failed
        }
    }
}

enum DigestResult {
    Done(Vec<u8>, u64),
    Missing,
    Failed,
}

/// Whether a name needs GNU's escaping (a leading `\` on the line).
fn problematic(name: &str) -> bool {
    name.bytes().any(|b| matches!(b, b'\\' | b'\n' | b'\r'))
}

fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out
}

async fn print_digest(cmd: &mut Cmd, s: &Settings, name: &str) -> bool {
    let (digest, len) = match digest_file(cmd, s.algo, s.bits, name, false).await {
        DigestResult::Done(d, l) => (d, l),
        _ => return false,
    };
    let line = format_line(s, name, &digest, len);
    cmd.out.write(line.as_bytes()).await;
    cmd.out.write(&[s.delim]).await;
    true
}

/// One output line, without its terminator.
fn format_line(s: &Settings, name: &str, digest: &[u8], len: u64) -> String {
    let shown = |line: &mut String| {
        if s.args {
            line.push(' ');
            line.push_str(name);
        }
    };
    let value = u32::from_be_bytes(match digest {
        [a, b, c, d] => [*a, *b, *c, *d],
        [a, b] => [0, 0, *a, *b],
        _ => [0; 4],
    });
    match s.algo {
        Algo::Crc => {
            let mut line = format!("{value} {len}");
            shown(&mut line);
            return line;
        }
        Algo::Bsd => {
            let mut line = format!("{value:05} {:>5}", len.div_ceil(1024));
            shown(&mut line);
            return line;
        }
        Algo::Sysv => {
            let mut line = format!("{value} {}", len.div_ceil(512));
            shown(&mut line);
            return line;
        }
        _ => {}
    }
    let escape = s.delim == b'\n' && problematic(name);
    let shown_name = if escape { escape_name(name) } else { name.to_string() };
    let mut line = String::new();
    if escape {
        line.push('\\');
    }
    if s.tagged {
        line.push_str(s.algo.tag());
        if s.algo == Algo::Blake2b && s.bits < 512 {
            line.push_str(&format!("-{}", s.bits));
        }
        line.push_str(&format!(" ({shown_name}) = {}", hex(digest)));
    } else {
        line.push_str(&hex(digest));
        line.push(' ');
        line.push(if s.binary { '*' } else { ' ' });
        line.push_str(&shown_name);
    }
    line
}

/// A checksum line, taken apart.
#[derive(Debug, PartialEq, Eq)]
struct Entry {
    algo: Algo,
    bits: usize,
    hex: String,
    name: Vec<u8>,
}

/// How the lines of one check file are read: the algorithm when fixed,
/// and whether the file turned out to be in BSD `sum -r`-like reversed
/// form (`HASH NAME` with one space), which may not be mixed with the
/// standard form.
struct Parser {
    prog: Prog,
    algo: Algo,
    algo_given: bool,
    bits: usize,
    bsd_reversed: Option<bool>,
}

fn is_white(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Undo `\\`, `\n` and `\r`; `None` for anything else after a backslash.
fn unescape(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'\\' => {
                i += 1;
                match s.get(i) {
                    Some(b'n') => out.push(b'\n'),
                    Some(b'r') => out.push(b'\r'),
                    Some(b'\\') => out.push(b'\\'),
                    _ => return None,
                }
            }
            0 => return None,
            c => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

impl Parser {
    fn hex_len(&self, algo: Algo, bits: usize) -> usize {
        if algo == Algo::Blake2b {
            bits / 4
        } else {
            algo.bits() / 4
        }
    }

    fn valid_hex(s: &[u8], len: usize) -> bool {
        s.len() == len && s.iter().all(u8::is_ascii_hexdigit)
    }

    /// Parse one line (no newline). `None` if it is not properly formatted.
    fn parse(&mut self, line: &[u8]) -> Option<Entry> {
        let mut i = line.iter().take_while(|c| is_white(**c)).count();
        let escaped = line.get(i) == Some(&b'\\');
        if escaped {
            i += 1;
        }
        let mut algo = self.algo;
        if self.prog == Prog::Cksum && !self.algo_given {
            // Without -a, only tagged lines of the new algorithms.
            let rest = &line[i..];
            let end = rest
                .iter()
                .position(|&c| is_white(c) || c == b'-' || c == b'(')
                .unwrap_or(rest.len());
            let tagged = std::str::from_utf8(&rest[..end]).ok().and_then(Algo::from_tag)?;
            if tagged.is_legacy() {
                return None;
            }
            algo = tagged;
            self.algo = tagged;
        }
        let tag = algo.tag().as_bytes();
        if line[i..].starts_with(tag) {
            return self.parse_tagged(line, i + tag.len(), algo, escaped);
        }
        self.parse_untagged(line, i, algo, escaped)
    }

    /// `TAG[-BITS] (NAME) = HEX`, from just after the tag.
    fn parse_tagged(&mut self, line: &[u8], mut i: usize, algo: Algo, escaped: bool) -> Option<Entry> {
        let mut bits = algo.bits();
        if algo == Algo::Blake2b {
            match line.get(i) {
                Some(b'-') => {
                    let digits: Vec<u8> = line[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .copied()
                        .collect();
                    let n: usize = std::str::from_utf8(&digits).ok()?.parse().ok()?;
                    if n == 0 || n > 512 || !n.is_multiple_of(8) {
                        return None;
                    }
                    bits = n;
                    i += 1 + digits.len();
                }
                Some(b'(') | Some(b' ') => {}
                _ => return None,
            }
        } else if !matches!(line.get(i), Some(b'(') | Some(b' ')) {
            return None;
        }
        if line.get(i) == Some(&b' ') {
            i += 1;
        }
        if line.get(i) != Some(&b'(') {
            return None;
        }
        let rest = &line[i + 1..];
        let close = rest.iter().rposition(|&c| c == b')')?;
        let raw_name = &rest[..close];
        let name = if escaped {
            unescape(raw_name)?
        } else {
            raw_name.to_vec()
        };
        let mut j = close + 1;
        while rest.get(j).is_some_and(|c| is_white(*c)) {
            j += 1;
        }
        if rest.get(j) != Some(&b'=') {
            return None;
        }
        j += 1;
        while rest.get(j).is_some_and(|c| is_white(*c)) {
            j += 1;
        }
        let digest = &rest[j..];
        if !Self::valid_hex(digest, self.hex_len(algo, bits)) {
            return None;
        }
        Some(Entry {
            algo,
            bits,
            hex: String::from_utf8_lossy(digest).to_ascii_lowercase(),
            name,
        })
    }

    /// `HEX  NAME`, `HEX *NAME`, or the reversed `HEX NAME`.
    fn parse_untagged(&mut self, line: &[u8], i: usize, algo: Algo, escaped: bool) -> Option<Entry> {
        let mut bits = if algo == Algo::Blake2b { self.bits } else { algo.bits() };
        let rest = &line[i..];
        if algo == Algo::Blake2b {
            // The length comes from the digest itself.
            let n = rest.iter().take_while(|c| c.is_ascii_hexdigit()).count();
            if n < 2 || n % 2 != 0 || n > 128 {
                return None;
            }
            bits = n * 4;
        }
        let hex_len = self.hex_len(algo, bits);
        if rest.len() < hex_len + 2 + usize::from(rest.first() == Some(&b'\\')) {
            return None;
        }
        let end = rest.iter().position(|&c| is_white(c))?;
        let digest = &rest[..end];
        if !Self::valid_hex(digest, hex_len) {
            return None;
        }
        let mut j = end + 1;
        let after = &rest[j..];
        if after.len() == 1 || (after.first() != Some(&b' ') && after.first() != Some(&b'*')) {
            if self.bsd_reversed == Some(false) {
                return None;
            }
            self.bsd_reversed = Some(true);
        } else if self.bsd_reversed != Some(true) {
            self.bsd_reversed = Some(false);
            j += 1;
        }
        let raw_name = &rest[j..];
        let name = if escaped {
            unescape(raw_name)?
        } else {
            raw_name.to_vec()
        };
        Some(Entry {
            algo,
            bits,
            hex: String::from_utf8_lossy(digest).to_ascii_lowercase(),
            name,
        })
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("WARNING: {n} {}", if n == 1 { one } else { many })
}

/// `-c`: check the sums listed in `list`. True if all is well.
async fn check_file(cmd: &mut Cmd, s: &Settings, prog: Prog, list: &str) -> bool {
    let p = cmd.p.clone();
    let is_stdin = list == "-";
    let shown = if is_stdin {
        "standard input".to_string()
    } else {
        list.to_string()
    };
    let mut input = match Input::open(&p, list).await {
        Ok(i) => i,
        Err(e) => {
            cmd.error_at(&quotef(list), &e).await;
            return false;
        }
    };
    let mut parser = Parser {
        prog,
        algo: s.algo,
        algo_given: s.algo_given,
        bits: s.bits,
        bsd_reversed: None,
    };
    let mut counts = Counts::default();
    let mut line = Vec::new();
    let mut line_no = 0u64;
    loop {
        match input.read_line(&p, &mut line).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                cmd.error(format!("{}: read error: {}", quotef(&shown), e.strerror()))
                    .await;
                input.close(&p).await;
                return false;
            }
        }
        line_no += 1;
        if line.first() == Some(&b'#') {
            continue;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if line.is_empty() {
            continue;
        }
        let entry = parser.parse(&line).filter(|e| !(is_stdin && e.name == b"-"));
        match entry {
            None => {
                counts.misformatted += 1;
                if s.warn {
                    let msg = format!(
                        "{}: {line_no}: improperly formatted {} checksum line",
                        quotef(&shown),
                        parser.algo.tag()
                    );
                    cmd.error(msg).await;
                }
            }
            Some(e) => check_entry(cmd, s, &e, &mut counts).await,
        }
    }
    input.close(&p).await;
    report(cmd, s, &shown, &counts).await
}

#[derive(Default)]
struct Counts {
    misformatted: u64,
    properly_formatted: bool,
    matched: bool,
    mismatched: u64,
    unreadable: u64,
}

async fn check_entry(cmd: &mut Cmd, s: &Settings, e: &Entry, counts: &mut Counts) {
    counts.properly_formatted = true;
    let name = String::from_utf8_lossy(&e.name).into_owned();
    // Here (unlike in the digest lines) only a newline calls for escaping.
    let escape = !s.status_only && name.contains('\n');
    let shown = if escape {
        format!("\\{}", escape_name(&name))
    } else {
        name.clone()
    };
    match digest_file(cmd, e.algo, e.bits, &name, s.ignore_missing).await {
        DigestResult::Failed => {
            counts.unreadable += 1;
            if !s.status_only {
                cmd.out.write_str(&format!("{shown}: FAILED open or read\n")).await;
            }
        }
        DigestResult::Missing => {}
        DigestResult::Done(d, _) => {
            let good = hex(&d) == e.hex;
            if good {
                counts.matched = true;
            } else {
                counts.mismatched += 1;
            }
            if !(s.status_only || good && s.quiet) {
                let word = if good { "OK" } else { "FAILED" };
                cmd.out.write_str(&format!("{shown}: {word}\n")).await;
            }
        }
    }
}

/// The summary warnings after a check file; true if it all checked out.
async fn report(cmd: &mut Cmd, s: &Settings, shown: &str, c: &Counts) -> bool {
    if !c.properly_formatted {
        cmd.error(format!("{}: no properly formatted checksum lines found", quotef(shown)))
            .await;
    } else if !s.status_only {
        if c.misformatted > 0 {
            cmd.error(plural(
                c.misformatted,
                "line is improperly formatted",
                "lines are improperly formatted",
            ))
            .await;
        }
        if c.unreadable > 0 {
            cmd.error(plural(
                c.unreadable,
                "listed file could not be read",
                "listed files could not be read",
            ))
            .await;
        }
        if c.mismatched > 0 {
            cmd.error(plural(
                c.mismatched,
                "computed checksum did NOT match",
                "computed checksums did NOT match",
            ))
            .await;
        }
        if s.ignore_missing && !c.matched {
            cmd.error(format!("{}: no file was verified", quotef(shown))).await;
        }
    }
    c.properly_formatted
        && c.mismatched == 0
        && c.unreadable == 0
        && (!s.strict || c.misformatted == 0)
        && (!s.ignore_missing || c.matched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(algo: Algo, data: &[u8]) -> Vec<u8> {
        let mut h = Hasher::new(algo, 512);
        h.update(data);
        h.finish(data.len() as u64)
    }

    #[test]
    fn old_sums() {
        // cksum, sum -r and sum -s of "abc\n".
        assert_eq!(
            u32::from_be_bytes(sum(Algo::Crc, b"abc\n").try_into().unwrap()),
            1112837078
        );
        assert_eq!(sum(Algo::Bsd, b"abc\n"), 8288u16.to_be_bytes());
        assert_eq!(sum(Algo::Sysv, b"abc\n"), 304u16.to_be_bytes());
        assert_eq!(crc_finish(0, 0), 4294967295);
    }

    #[test]
    fn digests() {
        assert_eq!(hex(&sum(Algo::Md5, b"abc\n")), "0bee89b07a248e27c83fc3d5951213c1");
        let mut h = Hasher::new(Algo::Blake2b, 64);
        h.update(b"abc\n");
        assert_eq!(hex(&h.finish(4)), "f82a8208702cda5b");
    }

    fn parser(prog: Prog, algo: Algo) -> Parser {
        Parser {
            prog,
            algo,
            algo_given: false,
            bits: algo.bits(),
            bsd_reversed: None,
        }
    }

    #[test]
    fn check_lines() {
        let md5 = "0bee89b07a248e27c83fc3d5951213c1";
        let mut p = parser(Prog::Fixed(Algo::Md5), Algo::Md5);
        let e = p.parse(format!("{md5}  a b").as_bytes()).unwrap();
        assert_eq!(e.name, b"a b");
        assert_eq!(p.parse(format!("{md5} *c").as_bytes()).unwrap().name, b"c");
        assert_eq!(p.parse(format!("\\{md5}  x\\ny").as_bytes()).unwrap().name, b"x\ny");
        assert!(p.parse(format!("\\{md5}  x\\ty").as_bytes()).is_none());
        assert_eq!(p.parse(format!("MD5 (f) = {md5}").as_bytes()).unwrap().name, b"f");
        assert!(p.parse(b"junk").is_none());
        assert!(p.parse(format!("{md5}0  a").as_bytes()).is_none());
        let mut c = parser(Prog::Cksum, Algo::Crc);
        let e = c.parse(b"BLAKE2b-64 (a) = f82a8208702cda5b").unwrap();
        assert_eq!((e.algo, e.bits), (Algo::Blake2b, 64));
        assert!(c.parse(format!("{md5}  a").as_bytes()).is_none());
    }
}
