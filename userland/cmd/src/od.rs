//! `od`: dump files in octal and other formats, byte for byte as GNU
//! coreutils 9.1's `od` (on a little-endian machine with 8-byte longs).

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::multi::MultiInput;
use common::quote::quote;
use common::size::parse_size;

const HELP: &str = "Usage: od [OPTION]... [FILE]...
  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]
  or:  od --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]

Write an unambiguous representation, octal bytes by default,
of FILE to standard output.  With more than one FILE argument,
concatenate them in the listed order to form the input.

With no FILE, or when FILE is -, read standard input.

If first and second call formats both apply, the second format is assumed
if the last operand begins with + or (if there are 2 operands) a digit.
An OFFSET operand means -j OFFSET.  LABEL is the pseudo-address
at first byte printed, incremented when dump is progressing.
For OFFSET and LABEL, a 0x or 0X prefix indicates hexadecimal;
suffixes may be . for octal and b for multiply by 512.

Mandatory arguments to long options are mandatory for short options too.
  -A, --address-radix=RADIX   output format for file offsets; RADIX is one
                                of [doxn], for Decimal, Octal, Hex or None
      --endian={big|little}   swap input bytes according the specified order
  -j, --skip-bytes=BYTES      skip BYTES input bytes first
  -N, --read-bytes=BYTES      limit dump to BYTES input bytes
  -S BYTES, --strings[=BYTES]  output strings of at least BYTES graphic chars;
                                3 is implied when BYTES is not specified
  -t, --format=TYPE           select output format or formats
  -v, --output-duplicates     do not use * to mark line suppression
  -w[BYTES], --width[=BYTES]  output BYTES bytes per output line;
                                32 is implied when BYTES is not specified
      --traditional           accept arguments in third form above
      --help     display this help and exit
      --version  output version information and exit


Traditional format specifications may be intermixed; they accumulate:
  -a   same as -t a,  select named characters, ignoring high-order bit
  -b   same as -t o1, select octal bytes
  -c   same as -t c,  select printable characters or backslash escapes
  -d   same as -t u2, select unsigned decimal 2-byte units
  -f   same as -t fF, select floats
  -i   same as -t dI, select decimal ints
  -l   same as -t dL, select decimal longs
  -o   same as -t o2, select octal 2-byte units
  -s   same as -t d2, select decimal 2-byte units
  -x   same as -t x2, select hexadecimal 2-byte units


TYPE is made up of one or more of these specifications:
  a          named character, ignoring high-order bit
  c          printable character or backslash escape
  d[SIZE]    signed decimal, SIZE bytes per integer
  f[SIZE]    floating point, SIZE bytes per float
  o[SIZE]    octal, SIZE bytes per integer
  u[SIZE]    unsigned decimal, SIZE bytes per integer
  x[SIZE]    hexadecimal, SIZE bytes per integer

SIZE is a number.  For TYPE in [doux], SIZE may also be C for
sizeof(char), S for sizeof(short), I for sizeof(int) or L for
sizeof(long).  If TYPE is f, SIZE may also be F for sizeof(float)
or D for sizeof(double).  (Long double, fL or f16, is not provided.)

Adding a z suffix to any type displays printable characters at the end of
each output line.


BYTES is hex with 0x or 0X prefix, and may have a multiplier suffix:
  b    512
  KB   1000
  K    1024
  MB   1000*1000
  M    1024*1024
and so on for G, T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
";

const SPEC: &[Opt] = &[
    value("address-radix", 'A'),
    flag("a", 'a'),
    flag("B", 'B'),
    flag("b", 'b'),
    flag("c", 'c'),
    flag("D", 'D'),
    flag("d", 'd'),
    flag("e", 'e'),
    flag("F", 'F'),
    flag("f", 'f'),
    flag("H", 'H'),
    flag("h", 'h'),
    flag("I", 'I'),
    flag("i", 'i'),
    value("skip-bytes", 'j'),
    flag("L", 'L'),
    flag("l", 'l'),
    value("read-bytes", 'N'),
    flag("O", 'O'),
    flag("o", 'o'),
    // -S takes a value; --strings may go without one.
    long("strings", Arg::Optional),
    value("S", 'S'),
    flag("s", 's'),
    value("format", 't'),
    flag("output-duplicates", 'v'),
    Opt {
        long: "width",
        short: Some('w'),
        arg: Arg::Optional,
    },
    flag("X", 'X'),
    flag("x", 'x'),
    long("traditional", Arg::No),
    long("endian", Arg::Required),
];

/// What a field shows.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Kind {
    Signed,
    Unsigned,
    Octal,
    Hex,
    Float,
    Named,
    Char,
}

/// One output format (`-t` element).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Format {
    kind: Kind,
    /// Bytes per datum.
    size: usize,
    /// Characters a field needs, without its leading space.
    width: usize,
    /// The `z` suffix: printable characters at the end of the line.
    trailer: bool,
    /// Padding shared out among a line's fields.
    pad: usize,
}

const OCT_DIGITS: [usize; 9] = [0, 3, 6, 8, 11, 14, 16, 19, 22];
const SIGNED_DIGITS: [usize; 9] = [1, 4, 6, 8, 11, 13, 16, 18, 20];
const UNSIGNED_DIGITS: [usize; 9] = [0, 3, 5, 8, 10, 13, 15, 17, 20];

/// Decode a `-t` string into formats, or GNU's message.
fn decode_formats(s: &str) -> Result<Vec<Format>, String> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        i += 1;
        let (kind, size) = match c {
            b'd' | b'o' | b'u' | b'x' => {
                let size = match b.get(i) {
                    Some(b'C') => 1,
                    Some(b'S') => 2,
                    Some(b'I') => 4,
                    Some(b'L') => 8,
                    _ => 0,
                };
                let size = if size > 0 {
                    i += 1;
                    size
                } else {
                    let n = digits(b, &mut i).map_err(|()| format!("invalid type string {}", quote(s)))?;
                    match n {
                        None => 4,
                        Some(n @ (1 | 2 | 4 | 8)) => n,
                        Some(n) => {
                            return Err(format!(
                                "invalid type string {};\nthis system doesn't provide a {n}-byte integral type",
                                quote(s)
                            ));
                        }
                    }
                };
                let kind = match c {
                    b'd' => Kind::Signed,
                    b'o' => Kind::Octal,
                    b'u' => Kind::Unsigned,
                    _ => Kind::Hex,
                };
                (kind, size)
            }
            b'f' => {
                let size = match b.get(i) {
                    Some(b'F') => 4,
                    Some(b'D') => 8,
                    Some(b'L') => 16,
                    _ => 0,
                };
                let size = if size > 0 {
                    i += 1;
                    size
                } else {
                    let n = digits(b, &mut i).map_err(|()| format!("invalid type string {}", quote(s)))?;
                    n.unwrap_or(8)
                };
                if size != 4 && size != 8 {
                    return Err(format!(
                        "invalid type string {};\nthis system doesn't provide a {size}-byte floating point type",
                        quote(s)
                    ));
                }
                (Kind::Float, size)
            }
            b'a' => (Kind::Named, 1),
            b'c' => (Kind::Char, 1),
            _ => {
                let shown = String::from_utf8_lossy(&b[i - 1..]).chars().next().unwrap_or('?');
                return Err(format!("invalid character '{shown}' in type string {}", quote(s)));
            }
        };
        let width = match kind {
            Kind::Signed => SIGNED_DIGITS[size],
            Kind::Unsigned => UNSIGNED_DIGITS[size],
            Kind::Octal => OCT_DIGITS[size],
            Kind::Hex => size * 2,
            Kind::Float if size == 4 => 15,
            Kind::Float => 24,
            Kind::Named | Kind::Char => 3,
        };
        let trailer = b.get(i) == Some(&b'z');
        if trailer {
            i += 1;
        }
        out.push(Format {
            kind,
            size,
            width,
            trailer,
            pad: 0,
        });
    }
    Ok(out)
}

/// A decimal size after a type letter: `Ok(None)` if there is none,
/// `Err` if it overflows.
fn digits(b: &[u8], i: &mut usize) -> Result<Option<usize>, ()> {
    let start = *i;
    let mut n: usize = 0;
    while let Some(d) = b.get(*i).filter(|c| c.is_ascii_digit()) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(usize::from(d - b'0')))
            .filter(|n| *n <= i32::MAX as usize)
            .ok_or(())?;
        *i += 1;
    }
    Ok((*i > start).then_some(n))
}

/// GNU's `xstrtoumax(s, 0, "bEGKkMmPTYZ0")` for BYTES: decimal, 0x hex or
/// 0 octal, then a multiplier suffix.
fn parse_bytes(s: &str) -> Result<u64, BytesError> {
    let t = s.trim_start();
    if t.starts_with('-') {
        return Err(BytesError::Invalid);
    }
    let (radix, body) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (16, h)
    } else if t.len() > 1 && t.starts_with('0') {
        (8, &t[1..])
    } else {
        (10, t)
    };
    let end = body.find(|c: char| !c.is_digit(radix)).unwrap_or(body.len());
    let (num, suffix) = body.split_at(end);
    if num.is_empty() && radix != 8 {
        return Err(BytesError::Invalid);
    }
    let n = if num.is_empty() {
        0
    } else {
        u64::from_str_radix(num, radix).map_err(|_| BytesError::TooLarge)?
    };
    if suffix.is_empty() {
        return Ok(n);
    }
    // GNU takes `m` as `M` here.
    let suffix = suffix.replacen('m', "M", 1);
    match parse_size(&format!("1{suffix}"), "b") {
        Ok(m) => n.checked_mul(m).ok_or(BytesError::TooLarge),
        Err(e) if e.contains("too large") => Err(BytesError::TooLarge),
        Err(_) => Err(BytesError::Suffix),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum BytesError {
    Invalid,
    Suffix,
    TooLarge,
}

/// xstrtol_fatal's messages.
fn bytes_message(err: BytesError, opt: &str, arg: &str) -> String {
    match err {
        BytesError::Invalid => format!("invalid {opt} argument {}", quote(arg)),
        BytesError::Suffix => format!("invalid suffix in {opt} argument {}", quote(arg)),
        BytesError::TooLarge => format!("{opt} argument {} too large", quote(arg)),
    }
}

/// A traditional `[+]OFFSET[.][b]` operand. GNU 9.1 reads it with
/// `xstrtoumax(s, radix, "Bb")`, which takes the `.` that picks decimal
/// for a bad suffix: only octal and hex offsets get through.
fn parse_old_offset(s: &str) -> Option<u64> {
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.is_empty() || s.contains('.') {
        return None;
    }
    let (radix, body) = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => (16, h),
        None => (8, s),
    };
    let end = body.find(|c: char| !c.is_digit(radix)).unwrap_or(body.len());
    let (num, rest) = body.split_at(end);
    if num.is_empty() {
        return None;
    }
    let n = u64::from_str_radix(num, radix).ok()?;
    match rest {
        "" => Some(n),
        "b" => n.checked_mul(512),
        "B" => n.checked_mul(1024),
        _ => None,
    }
}

/// How addresses look.
#[derive(Clone, Copy)]
struct Address {
    /// 8, 10, 16, or 0 for none.
    radix: u32,
    pad: usize,
    /// `--traditional` LABEL: the pseudo-address minus the skip.
    label: Option<u64>,
}

impl Address {
    fn plain(&self, a: u64) -> String {
        let s = match self.radix {
            8 => format!("{a:o}"),
            10 => format!("{a}"),
            16 => format!("{a:x}"),
            _ => return String::new(),
        };
        format!("{s:0>width$}", width = self.pad)
    }

    /// The address at the start of a line (or alone at the end).
    fn show(&self, a: u64) -> String {
        match self.label {
            None => self.plain(a),
            Some(off) if self.radix == 0 => format!("({:07o})", a.wrapping_add(off)),
            Some(off) => format!("{} ({})", self.plain(a), self.plain(a.wrapping_add(off))),
        }
    }
}

/// Settings for a dump.
struct Dump {
    formats: Vec<Format>,
    per_line: usize,
    addr: Address,
    /// Collapse repeated lines into `*`.
    abbreviate: bool,
    swap: bool,
}

/// C's `%.{prec}g` (glibc rounds exactly, as Rust's formatting does).
fn fmt_g(x: f64, prec: usize) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.to_string();
    }
    let prec = prec.max(1);
    let e = format!("{:.*e}", prec - 1, x);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if exp < -4 || exp >= prec as i32 {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mant), exp.unsigned_abs())
    } else {
        let decimals = (prec as i32 - 1 - exp).max(0) as usize;
        strip(&format!("{x:.decimals$}"))
    }
}

/// gnulib's `ftoastr`: the shortest `%g` that reads back as the same
/// float, trying precisions from FLT_DIG (DBL_DIG) up.
fn float_text(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => {
            let x = f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            let start = if x.abs() < f32::MIN_POSITIVE { 1 } else { 6 };
            for prec in start..9 {
                let s = fmt_g(f64::from(x), prec);
                if s.parse::<f32>().is_ok_and(|y| y == x) {
                    return s;
                }
            }
            fmt_g(f64::from(x), 9)
        }
        _ => {
            let mut a = [0u8; 8];
            a.copy_from_slice(&bytes[..8]);
            let x = f64::from_le_bytes(a);
            let start = if x.abs() < f64::MIN_POSITIVE { 1 } else { 15 };
            for prec in start..17 {
                let s = fmt_g(x, prec);
                if s.parse::<f64>().is_ok_and(|y| y == x) {
                    return s;
                }
            }
            fmt_g(x, 17)
        }
    }
}

const NAMES: [&str; 33] = [
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr", "so", "si", "dle",
    "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp",
];

fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// The text of one datum (`bytes` in file order, already swapped).
fn datum_text(f: &Format, bytes: &[u8]) -> String {
    let mut le = [0u8; 8];
    le[..bytes.len()].copy_from_slice(bytes);
    let u = u64::from_le_bytes(le);
    match f.kind {
        Kind::Signed => {
            let shift = 64 - 8 * f.size as u32;
            format!("{}", ((u << shift) as i64) >> shift)
        }
        Kind::Unsigned => format!("{u}"),
        Kind::Octal => format!("{u:0w$o}", w = f.width),
        Kind::Hex => format!("{u:0w$x}", w = f.width),
        Kind::Float => float_text(bytes),
        Kind::Named => {
            let c = bytes[0] & 0x7f;
            match c {
                127 => "del".to_string(),
                0..=32 => NAMES[c as usize].to_string(),
                _ => (c as char).to_string(),
            }
        }
        Kind::Char => {
            let c = bytes[0];
            match c {
                0 => "\\0".to_string(),
                7 => "\\a".to_string(),
                8 => "\\b".to_string(),
                12 => "\\f".to_string(),
                b'\n' => "\\n".to_string(),
                b'\r' => "\\r".to_string(),
                b'\t' => "\\t".to_string(),
                11 => "\\v".to_string(),
                _ if is_print(c) => (c as char).to_string(),
                _ => format!("{c:03o}"),
            }
        }
    }
}

impl Dump {
    /// The lines for one block (`data` is zero-padded to a whole number of
    /// data; `n` is how many bytes were really read).
    fn block(&self, offset: u64, data: &[u8], n: usize, out: &mut String) {
        for (k, f) in self.formats.iter().enumerate() {
            if k == 0 {
                out.push_str(&self.addr.show(offset));
            } else {
                out.push_str(&" ".repeat(self.addr.pad));
            }
            let fields = self.per_line / f.size;
            let blank = (self.per_line - n) / f.size;
            let mut pad_left = f.pad;
            for i in (blank + 1..=fields).rev() {
                let next_pad = f.pad * (i - 1) / fields;
                let width = pad_left - next_pad + f.width;
                let at = (fields - i) * f.size;
                let mut bytes = data[at..at + f.size].to_vec();
                if self.swap {
                    bytes.reverse();
                }
                let text = datum_text(f, &bytes);
                out.push_str(&format!("{text:>width$}"));
                pad_left = next_pad;
            }
            if f.trailer {
                let pad = f.pad * blank / fields;
                out.push_str(&" ".repeat(blank * f.width + pad));
                out.push_str("  >");
                for &c in &data[..n] {
                    out.push(if is_print(c) { c as char } else { '.' });
                }
                out.push('<');
            }
            out.push('\n');
        }
    }
}

fn lcm(a: usize, b: usize) -> usize {
    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 { a } else { gcd(b, a % b) }
    }
    a / gcd(a, b) * b
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    match run(&mut cmd, opts).await {
        Ok(status) | Err(status) => status,
    }
}

/// Settings from the options, or the status to exit with.
struct Settings {
    formats: Vec<Format>,
    addr: Address,
    skip: u64,
    limit: Option<u64>,
    width: Option<usize>,
    strings: Option<u64>,
    abbreviate: bool,
    swap: bool,
    modern: bool,
    traditional: bool,
}

async fn fail(cmd: &mut Cmd, msg: String) -> i32 {
    cmd.error(msg).await;
    cmd.finish(1).await
}

async fn settings(cmd: &mut Cmd, opts: &Opts) -> Result<Settings, i32> {
    let mut s = Settings {
        formats: Vec::new(),
        addr: Address {
            radix: 8,
            pad: 7,
            label: None,
        },
        skip: 0,
        limit: None,
        width: None,
        strings: None,
        abbreviate: true,
        swap: false,
        modern: false,
        traditional: false,
    };
    let mut bad_format = false;
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        let old = match *name {
            "a" => Some("a"),
            "b" => Some("o1"),
            "c" => Some("c"),
            "D" => Some("u4"),
            "d" => Some("u2"),
            "e" | "F" => Some("fD"),
            "f" => Some("fF"),
            "H" | "X" => Some("x4"),
            "i" => Some("dI"),
            "l" | "I" | "L" => Some("dL"),
            "O" => Some("o4"),
            "o" | "B" => Some("o2"),
            "s" => Some("d2"),
            "x" | "h" => Some("x2"),
            _ => None,
        };
        if let Some(t) = old {
            s.formats.extend(decode_formats(t).unwrap_or_default());
            continue;
        }
        if *name != "traditional" && *name != "endian" {
            s.modern = true;
        }
        match *name {
            "address-radix" => {
                s.addr = match v.chars().next() {
                    Some('d') => Address {
                        radix: 10,
                        pad: 7,
                        label: None,
                    },
                    Some('o') => Address {
                        radix: 8,
                        pad: 7,
                        label: None,
                    },
                    Some('x') => Address {
                        radix: 16,
                        pad: 6,
                        label: None,
                    },
                    Some('n') => Address {
                        radix: 0,
                        pad: 0,
                        label: None,
                    },
                    c => {
                        let c = c.map(String::from).unwrap_or_default();
                        let msg = format!("invalid output address radix '{c}'; it must be one character from [doxn]");
                        return Err(fail(cmd, msg).await);
                    }
                }
            }
            "skip-bytes" | "read-bytes" => {
                let n = match parse_bytes(v) {
                    Ok(n) => n,
                    Err(e) => {
                        let opt = option_shown(cmd, name);
                        return Err(fail(cmd, bytes_message(e, &opt, v)).await);
                    }
                };
                if *name == "skip-bytes" {
                    s.skip = n;
                } else {
                    s.limit = Some(n);
                }
            }
            "strings" | "S" => {
                let n = if v.is_empty() {
                    3
                } else {
                    match parse_bytes(v) {
                        Ok(n) => n,
                        Err(e) => {
                            let opt = option_shown(cmd, name);
                            return Err(fail(cmd, bytes_message(e, &opt, v)).await);
                        }
                    }
                };
                s.strings = Some(n);
            }
            "format" => match decode_formats(v) {
                Ok(f) => s.formats.extend(f),
                Err(msg) => {
                    cmd.error(msg).await;
                    bad_format = true;
                }
            },
            "output-duplicates" => s.abbreviate = false,
            "width" => {
                s.width = Some(if v.is_empty() {
                    32
                } else {
                    match v.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => {
                            let opt = option_shown(cmd, name);
                            let msg = bytes_message(BytesError::Invalid, &opt, v);
                            return Err(fail(cmd, msg).await);
                        }
                    }
                })
            }
            "traditional" => s.traditional = true,
            "endian" => match v {
                "little" | "littl" | "litt" | "lit" | "li" | "l" => s.swap = false,
                "big" | "bi" | "b" => s.swap = true,
                _ => {
                    let msg = format!(
                        "invalid argument {} for '--endian'\nValid arguments are:\n  - 'little'\n  - 'big'",
                        quote(v)
                    );
                    return Err(cmd.usage_error(msg, 1).await);
                }
            },
            _ => {}
        }
    }
    if bad_format {
        return Err(cmd.finish(1).await);
    }
    if s.strings.is_some() && !s.formats.is_empty() {
        return Err(fail(cmd, "no type may be specified when dumping strings".to_string()).await);
    }
    Ok(s)
}

/// The option as the user spelled it, for xstrtol_fatal's messages: `-j`
/// or `--skip-bytes`.
fn option_shown(cmd: &Cmd, long: &str) -> String {
    let short = SPEC.iter().find(|o| o.long == long).and_then(|o| o.short);
    let long_used = cmd.args.iter().any(|a| {
        a.strip_prefix("--")
            .is_some_and(|b| b.len() > 1 && long.starts_with(b.split('=').next().unwrap_or(b)))
    });
    match short {
        Some(c) if !long_used => format!("-{c}"),
        _ => format!("--{long}"),
    }
}

async fn run(cmd: &mut Cmd, opts: Opts) -> Result<i32, i32> {
    let mut s = settings(cmd, &opts).await?;
    let mut files = opts.operands.clone();
    operands_old_style(cmd, &mut s, &mut files).await?;
    if s.formats.is_empty() {
        s.formats = decode_formats("oS").unwrap_or_default();
    }
    let end = match s.limit {
        Some(n) => Some(s.skip.checked_add(n).ok_or(())),
        None => None,
    };
    let end = match end {
        Some(Err(())) => return Err(fail(cmd, "skip-bytes + read-bytes is too large".to_string()).await),
        Some(Ok(e)) => Some(e),
        None => None,
    };
    if files.is_empty() {
        files.push("-".to_string());
    }
    let mut input = MultiInput::new(files);
    if input.skip(cmd, s.skip).await > 0 {
        cmd.error("cannot skip past end of combined input").await;
        input.close(&cmd.p.clone()).await;
        return Err(cmd.finish(1).await);
    }
    if let Some(min) = s.strings {
        dump_strings(cmd, &mut input, &s, min, end).await;
    } else {
        let dump = layout(cmd, &s).await;
        dump_blocks(cmd, &mut input, &dump, s.skip, end).await;
    }
    input.close(&cmd.p.clone()).await;
    let status = if input.ok { 0 } else { 1 };
    Ok(cmd.finish(status).await)
}

/// POSIX's `od [FILE] [[+]OFFSET[.][b]]` and `--traditional`'s LABEL.
async fn operands_old_style(cmd: &mut Cmd, s: &mut Settings, files: &mut Vec<String>) -> Result<(), i32> {
    if s.modern && !s.traditional {
        return Ok(());
    }
    let starts_plus = |x: &str| x.starts_with('+');
    match files.len() {
        1 if (s.traditional || starts_plus(&files[0])) => {
            if let Some(o) = parse_old_offset(&files[0]) {
                s.skip = o;
                files.clear();
            }
        }
        2 if (s.traditional || starts_plus(&files[1]) || files[1].starts_with(|c: char| c.is_ascii_digit())) => {
            if let Some(o2) = parse_old_offset(&files[1]) {
                match parse_old_offset(&files[0]).filter(|_| s.traditional) {
                    Some(o1) => {
                        s.skip = o1;
                        s.addr.label = Some(o2.wrapping_sub(o1));
                        files.clear();
                    }
                    None => {
                        s.skip = o2;
                        files.truncate(1);
                    }
                }
            }
        }
        3 if s.traditional => {
            if let (Some(o1), Some(o2)) = (parse_old_offset(&files[1]), parse_old_offset(&files[2])) {
                s.skip = o1;
                s.addr.label = Some(o2.wrapping_sub(o1));
                files.truncate(1);
            }
        }
        _ => {}
    }
    if s.traditional && files.len() > 1 {
        cmd.error(format!("extra operand {}", quote(&files[1]))).await;
        cmd.error("compatibility mode supports at most one file").await;
        let text = format!("Try '{} --help' for more information.\n", cmd.name);
        let _ = cmd.p.write(2, text.as_bytes()).await;
        return Err(cmd.finish(1).await);
    }
    if s.addr.label.is_some() && s.addr.radix == 0 {
        s.addr.radix = 8;
        s.addr.pad = 7;
    }
    Ok(())
}

/// Bytes per line and each format's padding, as GNU computes them.
async fn layout(cmd: &mut Cmd, s: &Settings) -> Dump {
    let l = s.formats.iter().fold(1, |acc, f| lcm(acc, f.size));
    let per_line = match s.width {
        Some(w) if w != 0 && w % l == 0 => w,
        Some(w) => {
            cmd.error(format!("warning: invalid width {w}; using {l} instead"))
                .await;
            l
        }
        None if l < 16 => l * (16 / l),
        None => l,
    };
    let mut formats = s.formats.clone();
    let widest = formats
        .iter()
        .map(|f| (f.width + 1) * (per_line / f.size))
        .max()
        .unwrap_or(0);
    for f in &mut formats {
        f.pad = widest - f.width * (per_line / f.size);
    }
    Dump {
        formats,
        per_line,
        addr: s.addr,
        abbreviate: s.abbreviate,
        swap: s.swap,
    }
}

async fn dump_blocks(cmd: &mut Cmd, input: &mut MultiInput, d: &Dump, start: u64, end: Option<u64>) {
    let mut offset = start;
    let mut prev: Option<Vec<u8>> = None;
    let mut prev_equal = false;
    let mut block = Vec::with_capacity(d.per_line);
    let mut text = String::new();
    let l = d.formats.iter().fold(1, |acc, f| lcm(acc, f.size));
    loop {
        let want = match end {
            Some(e) if offset >= e => 0,
            Some(e) => (e - offset).min(d.per_line as u64) as usize,
            None => d.per_line,
        };
        if want == 0 {
            block.clear();
            break;
        }
        input.read(cmd, want, &mut block).await;
        if block.len() < d.per_line {
            break;
        }
        if d.abbreviate && prev.as_deref() == Some(&block[..]) {
            if !prev_equal {
                cmd.out.write(b"*\n").await;
                prev_equal = true;
            }
        } else {
            prev_equal = false;
            text.clear();
            d.block(offset, &block, block.len(), &mut text);
            cmd.out.write(text.as_bytes()).await;
        }
        offset += block.len() as u64;
        match prev.as_mut() {
            Some(p) => p.clone_from(&block),
            None => prev = Some(block.clone()),
        }
    }
    if !block.is_empty() {
        let n = block.len();
        let padded = n.div_ceil(l) * l;
        block.resize(d.per_line.max(padded), 0);
        text.clear();
        d.block(offset, &block, n, &mut text);
        cmd.out.write(text.as_bytes()).await;
        offset += n as u64;
    }
    if d.addr.radix != 0 || d.addr.label.is_some() {
        let line = format!("{}\n", d.addr.show(offset));
        cmd.out.write(line.as_bytes()).await;
    }
}

/// `-S N`: runs of at least N printable characters ended by a NUL.
async fn dump_strings(cmd: &mut Cmd, input: &mut MultiInput, s: &Settings, min: u64, end: Option<u64>) {
    let mut address = s.skip;
    let mut buf: Vec<u8> = Vec::new();
    'outer: loop {
        if let Some(e) = end
            && (e < min || e - min <= address)
        {
            break;
        }
        buf.clear();
        while (buf.len() as u64) < min {
            let Some(c) = input.byte(cmd).await else {
                break 'outer;
            };
            address += 1;
            if !is_print(c) {
                continue 'outer;
            }
            buf.push(c);
        }
        loop {
            // At the limit, what was gathered is shown as if it ended there.
            if end.is_some_and(|e| address >= e) {
                break;
            }
            let Some(c) = input.byte(cmd).await else {
                break 'outer;
            };
            address += 1;
            if c == 0 {
                break;
            }
            if !is_print(c) {
                continue 'outer;
            }
            buf.push(c);
        }
        let mut line = String::new();
        if s.addr.radix != 0 || s.addr.label.is_some() {
            // Wraps as GNU's does when -N cuts a string short.
            line.push_str(&s.addr.show(address.wrapping_sub(buf.len() as u64 + 1)));
            line.push(' ');
        }
        // Only printable bytes were gathered (GNU's escapes for \a, \n...
        // there can never apply).
        line.extend(buf.iter().map(|&c| c as char));
        line.push('\n');
        cmd.out.write(line.as_bytes()).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_format() {
        assert_eq!(fmt_g(1.0, 6), "1");
        assert_eq!(fmt_g(0.1, 6), "0.1");
        assert_eq!(fmt_g(1e27, 8), "1e+27");
        assert_eq!(fmt_g(1.5e-5, 6), "1.5e-05");
        assert_eq!(fmt_g(123456.0, 6), "123456");
        assert_eq!(fmt_g(1234567.0, 6), "1.23457e+06");
        assert_eq!(fmt_g(-0.0, 6), "-0");
        assert_eq!(fmt_g(f64::NAN, 6), "nan");
    }

    #[test]
    fn shortest_floats() {
        assert_eq!(float_text(&1.0f32.to_le_bytes()), "1");
        assert_eq!(float_text(&0.1f32.to_le_bytes()), "0.1");
        assert_eq!(float_text(&1.1431415e27f32.to_le_bytes()), "1.1431415e+27");
        assert_eq!(
            float_text(&8.765776478827897e228f64.to_le_bytes()),
            "8.765776478827897e+228"
        );
        assert_eq!(float_text(&2.0f64.to_le_bytes()), "2");
    }

    #[test]
    fn type_strings() {
        let f = decode_formats("x1zd2").unwrap();
        assert_eq!((f[0].kind, f[0].size, f[0].trailer), (Kind::Hex, 1, true));
        assert_eq!((f[1].kind, f[1].size, f[1].width), (Kind::Signed, 2, 6));
        assert_eq!(decode_formats("d").unwrap()[0].size, 4);
        assert_eq!(decode_formats("fD").unwrap()[0].size, 8);
        assert!(decode_formats("x3").unwrap_err().contains("3-byte integral type"));
        assert_eq!(
            decode_formats("y").unwrap_err(),
            "invalid character 'y' in type string 'y'"
        );
    }

    #[test]
    fn byte_counts() {
        assert_eq!(parse_bytes("0x10"), Ok(16));
        assert_eq!(parse_bytes("010"), Ok(8));
        assert_eq!(parse_bytes("1k"), Ok(1024));
        assert_eq!(parse_bytes("2b"), Ok(1024));
        assert_eq!(parse_bytes("1m"), Ok(1 << 20));
        assert_eq!(parse_bytes("1KB"), Ok(1000));
        assert_eq!(parse_bytes("1x"), Err(BytesError::Suffix));
        assert_eq!(parse_bytes("x"), Err(BytesError::Invalid));
        assert_eq!(parse_bytes("99999999999999999999999"), Err(BytesError::TooLarge));
        assert_eq!(parse_old_offset("+10"), Some(8));
        assert_eq!(parse_old_offset("10."), None);
        assert_eq!(parse_old_offset("0x10"), Some(16));
        assert_eq!(parse_old_offset("1b"), Some(512));
        assert_eq!(parse_old_offset("x"), None);
    }
}
