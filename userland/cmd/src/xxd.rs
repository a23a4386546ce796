//! `xxd`: make a hex dump or turn one back into bytes, as vim's xxd
//! (the 2022-01-14 release) does, with its own option syntax: options
//! come first, each may be spelled out (`-cols 8`, `-ps`), a value may be
//! attached (`-c8`), and `--opt` means `-opt`.

use kernel::{Fd, OpenFlags, Proc, SeekFrom};

use common::cli::Cmd;
use common::io::Input;

const VERSION: &str = "xxd 2022-01-14 by Juergen Weigert et al.";

const USAGE: &str = "Usage:
       xxd [options] [infile [outfile]]
    or
       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -n name     set the variable name used in C include output (-i).
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version: \"xxd 2022-01-14 by Juergen Weigert et al.\".
";

/// The most bytes a line may show.
const COLS: i64 = 256;

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Style {
    Normal,
    Postscript,
    Include,
    Bits,
    LittleEndian,
}

#[derive(Debug)]
struct Settings {
    style: Style,
    autoskip: bool,
    upper: bool,
    capitalize: bool,
    decimal: bool,
    revert: bool,
    ebcdic: bool,
    cols: Option<i64>,
    group: Option<i64>,
    display_off: u64,
    /// `-s`: the value, `+` (relative) and `-` (from the end).
    seek: i64,
    seek_given: bool,
    rel_seek: bool,
    neg_seek: bool,
    length: Option<i64>,
    name: Option<String>,
    files: Vec<String>,
}

/// C's `strtol(s, NULL, 0)`: leading blanks, a sign, 0x or 0 prefixes,
/// and whatever digits follow (0 if none).
fn strtol(s: &str) -> i64 {
    let t = s.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, body) =
        if (t.starts_with("0x") || t.starts_with("0X")) && t.as_bytes().get(2).is_some_and(u8::is_ascii_hexdigit) {
            (16, &t[2..])
        } else if t.starts_with('0') {
            (8, t)
        } else {
            (10, t)
        };
    let mut n: i64 = 0;
    for c in body.chars() {
        let Some(d) = c.to_digit(radix) else { break };
        n = n.saturating_mul(i64::from(radix)).saturating_add(i64::from(d));
    }
    if neg { n.saturating_neg() } else { n }
}

enum Parsed {
    Run(Box<Settings>),
    Usage,
    Version,
}

/// xxd's option loop: an option is recognized by its first two
/// characters; values come attached or as the next argument.
fn parse_args(args: &[String]) -> Parsed {
    let mut s = Settings {
        style: Style::Normal,
        autoskip: false,
        upper: false,
        capitalize: false,
        decimal: false,
        revert: false,
        ebcdic: false,
        cols: None,
        group: None,
        display_off: 0,
        seek: 0,
        seek_given: false,
        rel_seek: true,
        neg_seek: false,
        length: None,
        name: None,
        files: Vec::new(),
    };
    let mut i = 0;
    // The value of an option: attached (unless the rest spells the option
    // out), else the next argument.
    fn value<'a>(args: &'a [String], i: &mut usize, rest: &'a str, long_tail: &[&str]) -> Option<&'a str> {
        if !rest.is_empty() && !long_tail.iter().any(|t| rest.starts_with(t)) {
            return Some(rest);
        }
        *i += 1;
        args.get(*i).map(String::as_str)
    }
    while i < args.len() {
        let a = args[i].as_str();
        let pp = if a.starts_with("--") && a.len() > 2 { &a[1..] } else { a };
        if pp == "--" {
            i += 1;
            break;
        }
        if !pp.starts_with('-') || pp.len() < 2 {
            break;
        }
        let rest = &pp[2..];
        match &pp[..2] {
            "-a" => s.autoskip = !s.autoskip,
            "-b" => s.style = Style::Bits,
            "-e" => s.style = Style::LittleEndian,
            "-u" => s.upper = true,
            "-p" => s.style = Style::Postscript,
            "-i" => s.style = Style::Include,
            "-C" => s.capitalize = true,
            "-d" => s.decimal = true,
            "-r" => s.revert = true,
            "-E" => s.ebcdic = true,
            "-v" => return Parsed::Version,
            "-c" if rest.starts_with("apitalize") => s.capitalize = true,
            "-c" => match value(args, &mut i, rest, &["ols"]) {
                Some(v) => s.cols = Some(strtol(v)),
                None => return Parsed::Usage,
            },
            "-g" => match value(args, &mut i, rest, &["roup"]) {
                Some(v) => s.group = Some(strtol(v)),
                None => return Parsed::Usage,
            },
            "-o" => {
                let attached = !rest.is_empty() && !rest.starts_with("ffset");
                match value(args, &mut i, rest, &["ffset"]) {
                    Some(v) if attached => s.display_off = strtol(v) as u64,
                    Some(v) => {
                        let v = v.strip_prefix('+').unwrap_or(v);
                        s.display_off = match v.strip_prefix('-') {
                            Some(n) => (strtol(n) as u64).wrapping_neg(),
                            None => strtol(v) as u64,
                        };
                    }
                    None => return Parsed::Usage,
                }
            }
            "-s" => match value(args, &mut i, rest, &["kip", "eek"]) {
                Some(v) => {
                    s.seek_given = true;
                    s.rel_seek = v.starts_with('+');
                    let v = v.strip_prefix('+').unwrap_or(v);
                    s.neg_seek = v.starts_with('-');
                    let v = v.strip_prefix('-').unwrap_or(v);
                    s.seek = strtol(v);
                }
                None => return Parsed::Usage,
            },
            "-l" => match value(args, &mut i, rest, &["en"]) {
                Some(v) => s.length = Some(strtol(v)),
                None => return Parsed::Usage,
            },
            "-n" => match value(args, &mut i, rest, &["ame"]) {
                Some(v) => s.name = Some(v.to_string()),
                None => return Parsed::Usage,
            },
            _ => return Parsed::Usage,
        }
        i += 1;
    }
    s.files = args[i.min(args.len())..].to_vec();
    if s.files.len() > 2 {
        return Parsed::Usage;
    }
    Parsed::Run(Box::new(s))
}

async fn say(cmd: &mut Cmd, text: &str) {
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, text.as_bytes()).await;
}

/// `xxd: msg` and the status.
async fn die(cmd: &mut Cmd, status: i32, msg: &str) -> i32 {
    say(cmd, &format!("xxd: {msg}\n")).await;
    cmd.finish(status).await
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let mut s = match parse_args(&cmd.args) {
        Parsed::Run(s) => s,
        Parsed::Usage => {
            say(&mut cmd, USAGE).await;
            return cmd.finish(1).await;
        }
        Parsed::Version => {
            say(&mut cmd, &format!("{VERSION}\n")).await;
            return cmd.finish(0).await;
        }
    };
    let default_cols = match s.style {
        Style::Postscript => 30,
        Style::Include => 12,
        Style::Bits => 6,
        Style::Normal | Style::LittleEndian => 16,
    };
    let cols = match s.cols {
        Some(c) if c != 0 || s.style == Style::Postscript => c,
        _ => default_cols,
    };
    let grouped = matches!(s.style, Style::Normal | Style::Bits | Style::LittleEndian);
    if (s.style == Style::Postscript && cols < 0)
        || (s.style != Style::Postscript && cols < 1)
        || (grouped && cols > COLS)
    {
        return die(&mut cmd, 1, &format!("invalid number of columns (max. {COLS}).")).await;
    }
    let group = match s.group {
        Some(g) if g >= 1 && g <= cols => {
            if s.style == Style::LittleEndian && g & (g - 1) != 0 {
                return die(&mut cmd, 1, "number of octets per group must be a power of 2 with -e.").await;
            }
            g
        }
        Some(_) => cols,
        None => match s.style {
            Style::Bits => 1.min(cols),
            Style::Normal => 2.min(cols),
            Style::LittleEndian => 4.min(cols),
            Style::Postscript | Style::Include => cols,
        },
    };
    let p = cmd.p.clone();
    let stdin = s.files.first().is_none_or(|f| f == "-");
    let input = if stdin {
        Input::from_fd(0)
    } else {
        match Input::open(&p, &s.files[0]).await {
            Ok(i) => i,
            // A directory opens, and fails at the first read.
            Err(e) if e.is(kernel::Errno::EISDIR) => return die(&mut cmd, 2, e.strerror()).await,
            Err(e) => return die(&mut cmd, 2, &format!("{}: {}", s.files[0], e.strerror())).await,
        }
    };
    let out_fd = match s.files.get(1).filter(|f| *f != "-") {
        None => 1,
        Some(name) => {
            let flags = OpenFlags {
                read: false,
                write: true,
                create: true,
                truncate: !s.revert,
                ..OpenFlags::READ
            };
            match p.open(name, flags).await {
                Ok(fd) => fd,
                Err(e) => return die(&mut cmd, 3, &format!("{name}: {}", e.strerror())).await,
            }
        }
    };
    let mut src = Source {
        input,
        buf: Vec::new(),
        pos: 0,
    };
    let status = if s.revert {
        match s.style {
            Style::Normal | Style::Postscript => {
                let base = if s.neg_seek { -s.seek } else { s.seek };
                revert(&mut cmd, &mut src, out_fd, cols, s.style, base).await
            }
            _ => die(&mut cmd, 255, "Sorry, cannot revert this type of hexdump").await,
        }
    } else {
        if let Err(status) = seek_input(&mut cmd, &mut src, &mut s, stdin).await {
            return status;
        }
        let mut w = Writer::new(p.clone(), out_fd);
        let r = match s.style {
            Style::Include => include(&mut cmd, &mut src, &mut w, &s, cols, stdin).await,
            Style::Postscript => postscript(&mut cmd, &mut src, &mut w, &s, cols).await,
            _ => dump(&mut cmd, &mut src, &mut w, &s, cols, group).await,
        };
        match r {
            Ok(()) => match w.flush().await {
                Ok(()) => 0,
                Err(e) if e.is(kernel::Errno::EPIPE) => 1,
                Err(e) => die(&mut cmd, 3, e.strerror()).await,
            },
            Err(status) => status,
        }
    };
    if out_fd != 1 {
        let _ = p.close(out_fd).await;
    }
    src.input.close(&p).await;
    status
}

/// The input, read a byte at a time (from 64 KiB chunks).
struct Source {
    input: Input,
    buf: Vec<u8>,
    pos: usize,
}

impl Source {
    async fn byte(&mut self, cmd: &mut Cmd) -> Result<Option<u8>, i32> {
        if self.pos >= self.buf.len() {
            match self.input.chunk(&cmd.p).await {
                Ok(Some(c)) => {
                    self.buf = c;
                    self.pos = 0;
                }
                Ok(None) => return Ok(None),
                Err(e) => return Err(die(cmd, 2, e.strerror()).await),
            }
        }
        self.pos += 1;
        Ok(Some(self.buf[self.pos - 1]))
    }
}

/// Output with the seeks `-r` needs (a pipe cannot seek: zeros are
/// written instead, as xxd does).
struct Writer {
    p: Proc,
    fd: Fd,
    buf: Vec<u8>,
}

impl Writer {
    fn new(p: Proc, fd: Fd) -> Writer {
        Writer {
            p,
            fd,
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    async fn put(&mut self, data: &[u8]) -> kernel::Result<()> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> kernel::Result<()> {
        if !self.buf.is_empty() {
            let data = std::mem::take(&mut self.buf);
            self.p.write(self.fd, &data).await?;
        }
        Ok(())
    }

    async fn seek(&mut self, pos: SeekFrom) -> bool {
        if self.flush().await.is_err() {
            return false;
        }
        self.p.seek(self.fd, pos).await.is_ok()
    }
}

/// `-s`: position the input (by seeking when it can, else by reading).
async fn seek_input(cmd: &mut Cmd, src: &mut Source, s: &mut Settings, stdin: bool) -> Result<(), i32> {
    if !(s.seek != 0 || s.neg_seek || !s.rel_seek) || !s.seek_given {
        return Ok(());
    }
    let p = cmd.p.clone();
    let fd = src.input.fd();
    let target = if s.rel_seek {
        SeekFrom::Current(if s.neg_seek { -s.seek } else { s.seek })
    } else if s.neg_seek {
        SeekFrom::End(-s.seek)
    } else {
        SeekFrom::Start(s.seek.max(0) as u64)
    };
    let seekable = !stdin || p.fstat(fd).await.is_ok_and(|st| st.kind == kernel::NodeType::File);
    let sought = if seekable { p.seek(fd, target).await.ok() } else { None };
    match sought {
        Some(pos) => s.seek = pos as i64,
        None if s.neg_seek => return Err(die(cmd, 4, "Sorry, cannot seek.").await),
        None => {
            for _ in 0..s.seek {
                if src.byte(cmd).await?.is_none() {
                    return Err(die(cmd, 4, "Sorry, cannot seek.").await);
                }
            }
        }
    }
    Ok(())
}

async fn write_or_die(cmd: &mut Cmd, w: &mut Writer, data: &[u8]) -> Result<(), i32> {
    match w.put(data).await {
        Ok(()) => Ok(()),
        // The closed pipe's note ends the process; nothing to say.
        Err(e) if e.is(kernel::Errno::EPIPE) => Err(1),
        Err(e) => Err(die(cmd, 3, e.strerror()).await),
    }
}

/// `-i`: a C array (and its length, when the input has a name).
async fn include(
    cmd: &mut Cmd,
    src: &mut Source,
    w: &mut Writer,
    s: &Settings,
    cols: i64,
    stdin: bool,
) -> Result<(), i32> {
    let name = s.name.clone().or_else(|| (!stdin).then(|| s.files[0].clone()));
    let ident = name.as_ref().map(|n| {
        let mut id = String::new();
        if n.starts_with(|c: char| c.is_ascii_digit()) {
            id.push_str("__");
        }
        for c in n.bytes() {
            id.push(match c {
                _ if c.is_ascii_alphanumeric() && s.capitalize => c.to_ascii_uppercase() as char,
                _ if c.is_ascii_alphanumeric() => c as char,
                _ => '_',
            });
        }
        id
    });
    if let Some(id) = &ident {
        write_or_die(cmd, w, format!("unsigned char {id}[] = {{\n").as_bytes()).await?;
    }
    let mut n: i64 = 0;
    while s.length.is_none_or(|l| l < 0 || n < l) {
        let Some(c) = src.byte(cmd).await? else { break };
        let lead = if n % cols != 0 {
            ", "
        } else if n == 0 {
            "  "
        } else {
            ",\n  "
        };
        let item = if s.upper {
            format!("{lead}0X{c:02X}")
        } else {
            format!("{lead}0x{c:02x}")
        };
        write_or_die(cmd, w, item.as_bytes()).await?;
        n += 1;
    }
    if n > 0 {
        write_or_die(cmd, w, b"\n").await?;
    }
    if let Some(id) = &ident {
        let len = if s.capitalize { "LEN" } else { "len" };
        write_or_die(cmd, w, format!("}};\nunsigned int {id}_{len} = {n};\n").as_bytes()).await?;
    }
    Ok(())
}

fn hex_digits(upper: bool) -> &'static [u8; 16] {
    if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    }
}

/// `-p`: plain hex, `cols` bytes a line (0: one line).
async fn postscript(cmd: &mut Cmd, src: &mut Source, w: &mut Writer, s: &Settings, cols: i64) -> Result<(), i32> {
    let hex = hex_digits(s.upper);
    let mut left = cols;
    let mut n: i64 = 0;
    while s.length.is_none_or(|l| l < 0 || n < l) {
        let Some(e) = src.byte(cmd).await? else { break };
        write_or_die(cmd, w, &[hex[usize::from(e >> 4)], hex[usize::from(e & 15)]]).await?;
        n += 1;
        if cols > 0 {
            left -= 1;
            if left == 0 {
                write_or_die(cmd, w, b"\n").await?;
                left = cols;
            }
        }
    }
    if cols == 0 || left < cols {
        write_or_die(cmd, w, b"\n").await?;
    }
    Ok(())
}

/// EBCDIC to ASCII, for bytes from 64 up (`-E`).
const ETOA64: [u8; 192] = [
    0o040, 0o240, 0o241, 0o242, 0o243, 0o244, 0o245, 0o246, 0o247, 0o250, 0o325, 0o056, 0o074, 0o050, 0o053, 0o174,
    0o046, 0o251, 0o252, 0o253, 0o254, 0o255, 0o256, 0o257, 0o260, 0o261, 0o041, 0o044, 0o052, 0o051, 0o073, 0o176,
    0o055, 0o057, 0o262, 0o263, 0o264, 0o265, 0o266, 0o267, 0o270, 0o271, 0o313, 0o054, 0o045, 0o137, 0o076, 0o077,
    0o272, 0o273, 0o274, 0o275, 0o276, 0o277, 0o300, 0o301, 0o302, 0o140, 0o072, 0o043, 0o100, 0o047, 0o075, 0o042,
    0o303, 0o141, 0o142, 0o143, 0o144, 0o145, 0o146, 0o147, 0o150, 0o151, 0o304, 0o305, 0o306, 0o307, 0o310, 0o311,
    0o312, 0o152, 0o153, 0o154, 0o155, 0o156, 0o157, 0o160, 0o161, 0o162, 0o136, 0o314, 0o315, 0o316, 0o317, 0o320,
    0o321, 0o345, 0o163, 0o164, 0o165, 0o166, 0o167, 0o170, 0o171, 0o172, 0o322, 0o323, 0o324, 0o133, 0o326, 0o327,
    0o330, 0o331, 0o332, 0o333, 0o334, 0o335, 0o336, 0o337, 0o340, 0o341, 0o342, 0o343, 0o344, 0o135, 0o346, 0o347,
    0o173, 0o101, 0o102, 0o103, 0o104, 0o105, 0o106, 0o107, 0o110, 0o111, 0o350, 0o351, 0o352, 0o353, 0o354, 0o355,
    0o175, 0o112, 0o113, 0o114, 0o115, 0o116, 0o117, 0o120, 0o121, 0o122, 0o356, 0o357, 0o360, 0o361, 0o362, 0o363,
    0o134, 0o237, 0o123, 0o124, 0o125, 0o126, 0o127, 0o130, 0o131, 0o132, 0o364, 0o365, 0o366, 0o367, 0o370, 0o371,
    0o060, 0o061, 0o062, 0o063, 0o064, 0o065, 0o066, 0o067, 0o070, 0o071, 0o372, 0o373, 0o374, 0o375, 0o376, 0o377,
];

/// `-a`: a run of all-zero lines shows as its first line and `*` (the
/// last line of the input always shows).
struct Autoskip {
    zero_seen: u32,
    first_zero: Vec<u8>,
}

impl Autoskip {
    /// xxd's `xxdline`: `nz` is the count of nonzero bytes in the line (1
    /// when not skipping), or -1 to flush at the end.
    async fn line(&mut self, cmd: &mut Cmd, w: &mut Writer, l: &[u8], nz: i64) -> Result<(), i32> {
        if nz == 0 && self.zero_seen == 1 {
            self.first_zero = l.to_vec();
        }
        let seen = self.zero_seen;
        if nz == 0 {
            self.zero_seen += 1;
        }
        if nz != 0 || seen == 0 {
            if nz != 0 {
                if nz < 0 {
                    self.zero_seen = self.zero_seen.saturating_sub(1);
                }
                if self.zero_seen == 2 {
                    let z = std::mem::take(&mut self.first_zero);
                    write_or_die(cmd, w, &z).await?;
                }
                if self.zero_seen > 2 {
                    write_or_die(cmd, w, b"*\n").await?;
                }
            }
            if nz >= 0 || self.zero_seen > 0 {
                write_or_die(cmd, w, l).await?;
            }
            if nz != 0 {
                self.zero_seen = 0;
            }
        }
        Ok(())
    }
}

/// The normal, `-b` and `-e` dumps, laid out in a line buffer the way xxd
/// computes its columns.
async fn dump(cmd: &mut Cmd, src: &mut Source, w: &mut Writer, s: &Settings, cols: i64, group: i64) -> Result<(), i32> {
    let hex = hex_digits(s.upper);
    let cols = cols as usize;
    let group = group as usize;
    let grplen = if s.style == Style::Bits {
        8 * group + 1
    } else {
        2 * group + 1
    };
    let ascii_at = (grplen * cols - 1) / group;
    let line_len = 40 + ascii_at + 3 + cols + 2;
    let mut l = vec![b' '; line_len];
    let mut skip = Autoskip {
        zero_seen: 0,
        first_zero: Vec::new(),
    };
    let (mut p, mut n, mut nonzero, mut c) = (0usize, 0i64, 0i64, 0usize);
    let mut addrlen = 9;
    while s.length.is_none_or(|len| len < 0 || n < len) {
        let Some(mut e) = src.byte(cmd).await? else { break };
        if p == 0 {
            let a = (n as u64).wrapping_add(s.seek as u64).wrapping_add(s.display_off);
            let addr = if s.decimal {
                format!("{a:08}:")
            } else {
                format!("{a:08x}:")
            };
            addrlen = addr.len();
            l.resize(addrlen.max(40) + ascii_at + 3 + cols + 2, b' ');
            l.fill(b' ');
            l[..addrlen].copy_from_slice(addr.as_bytes());
        }
        let x = if s.style == Style::LittleEndian {
            p ^ (group - 1)
        } else {
            p
        };
        c = addrlen + 1 + (grplen * x) / group;
        if s.style == Style::Bits {
            for i in (0..8).rev() {
                l[c] = if e & (1 << i) != 0 { b'1' } else { b'0' };
                c += 1;
            }
        } else {
            l[c] = hex[usize::from(e >> 4)];
            l[c + 1] = hex[usize::from(e & 15)];
        }
        if e != 0 {
            nonzero += 1;
        }
        if s.ebcdic {
            e = if e < 64 { b'.' } else { ETOA64[usize::from(e - 64)] };
        }
        c = ascii_at + addrlen + 3 + p;
        l[c] = if (32..127).contains(&e) { e } else { b'.' };
        c += 1;
        n += 1;
        p += 1;
        if p == cols {
            l[c] = b'\n';
            let line = l[..=c].to_vec();
            skip.line(cmd, w, &line, if s.autoskip { nonzero } else { 1 }).await?;
            nonzero = 0;
            p = 0;
        }
    }
    if p > 0 {
        l[c] = b'\n';
        let line = l[..=c].to_vec();
        skip.line(cmd, w, &line, 1).await?;
    } else if s.autoskip {
        let line = l[..=c.min(l.len() - 1)].to_vec();
        skip.line(cmd, w, &line, -1).await?;
    }
    Ok(())
}

fn hex_value(c: u8) -> i32 {
    match c {
        b'0'..=b'9' => i32::from(c - b'0'),
        b'a'..=b'f' => i32::from(c - b'a') + 10,
        b'A'..=b'F' => i32::from(c - b'A') + 10,
        _ => -1,
    }
}

/// `-r`: xxd's `huntype`. Each line of a normal dump has an address, then
/// up to `cols` bytes in hex; two garbage characters in a row end the
/// data. `-p` input is just hex digits, whitespace ignored.
async fn revert(cmd: &mut Cmd, src: &mut Source, fd: Fd, cols: i64, style: Style, base: i64) -> i32 {
    let mut w = Writer::new(cmd.p.clone(), fd);
    match revert_loop(cmd, src, &mut w, cols, style, base).await {
        Ok(()) => {}
        Err(status) => return status,
    }
    if let Err(e) = w.flush().await {
        if e.is(kernel::Errno::EPIPE) {
            return 1;
        }
        return die(cmd, 3, e.strerror()).await;
    }
    w.seek(SeekFrom::End(0)).await;
    cmd.finish(0).await
}

async fn revert_loop(
    cmd: &mut Cmd,
    src: &mut Source,
    w: &mut Writer,
    cols: i64,
    style: Style,
    base: i64,
) -> Result<(), i32> {
    let ps = style == Style::Postscript;
    let (mut ign_garb, mut n1, mut n2) = (true, -1i32, 0i32);
    let mut p = cols;
    let (mut have_off, mut want_off) = (0i64, 0i64);
    while let Some(mut c) = src.byte(cmd).await? {
        if c == b'\r' {
            continue;
        }
        if ps && matches!(c, b' ' | b'\n' | b'\t') {
            continue;
        }
        let n3 = n2;
        n2 = n1;
        n1 = hex_value(c);
        if n1 == -1 && ign_garb {
            continue;
        }
        ign_garb = false;
        if !ps && p >= cols {
            if n1 < 0 {
                p = 0;
                continue;
            }
            want_off = (want_off << 4) | i64::from(n1);
            continue;
        }
        if base + want_off != have_off {
            let target = base + want_off;
            if w.seek(SeekFrom::Current(target - have_off)).await {
                have_off = target;
            }
            if target < have_off {
                let _ = w.flush().await;
                return Err(die(cmd, 5, "Sorry, cannot seek backwards.").await);
            }
            while have_off < target {
                write_or_die(cmd, w, &[0]).await?;
                have_off += 1;
            }
        }
        if n2 >= 0 && n1 >= 0 {
            write_or_die(cmd, w, &[((n2 << 4) | n1) as u8]).await?;
            have_off += 1;
            want_off += 1;
            n1 = -1;
            if !ps {
                p += 1;
                if p >= cols {
                    c = skip_to_eol(cmd, src, c).await?;
                }
            }
        } else if n1 < 0 && n2 < 0 && n3 < 0 {
            c = skip_to_eol(cmd, src, c).await?;
        }
        if c == b'\n' {
            if !ps {
                want_off = 0;
            }
            p = cols;
            ign_garb = true;
        }
    }
    Ok(())
}

/// Pass over the rest of a line; answers `\n`, or 0 at the end.
async fn skip_to_eol(cmd: &mut Cmd, src: &mut Source, mut c: u8) -> Result<u8, i32> {
    while c != b'\n' {
        match src.byte(cmd).await? {
            Some(b) => c = b,
            None => return Ok(0),
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_strtol() {
        assert_eq!(strtol("0x10"), 16);
        assert_eq!(strtol("010"), 8);
        assert_eq!(strtol(" 12abc"), 12);
        assert_eq!(strtol("-3"), -3);
        assert_eq!(strtol("x"), 0);
    }

    fn run(args: &[&str]) -> Parsed {
        parse_args(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn options() {
        let Parsed::Run(s) = run(&["-c8", "-ps", "-len", "4", "f"]) else {
            panic!("usage")
        };
        assert_eq!(
            (s.cols, s.style, s.length, s.files.len()),
            (Some(8), Style::Postscript, Some(4), 1)
        );
        assert!(matches!(run(&["-x"]), Parsed::Usage));
        assert!(matches!(run(&["--version"]), Parsed::Version));
        assert!(matches!(run(&["a", "b", "c"]), Parsed::Usage));
        let Parsed::Run(s) = run(&["-s", "+-3"]) else {
            panic!("usage")
        };
        assert!(s.rel_seek && s.neg_seek && s.seek == 3);
    }
}
