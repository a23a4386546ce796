//! `stat`: display file status.

use kernel::{NodeType, Stat};

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::files::{self, MountTable};
use common::limits::Budget;
use common::mode::mode_string;
use common::quote::quote;
use common::time;
use common::users::Users;

const HELP: &str = "Usage: stat [OPTION]... FILE...
Display file status.

  -L, --dereference     follow links (there are no symbolic links here, so
                        this changes nothing)
  -f, --file-system     display file system status: not available here (the
                        file server protocol has no file system query)
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \\n in FORMAT
  -t, --terse           print the information in terse form
      --help     display this help and exit
      --version  output version information and exit

The valid format sequences for files:

  %a   permission bits in octal (note '#' and '0' printf flags)
  %A   permission bits and file type in human readable form
  %b   number of blocks allocated (see %B)
  %B   the size in bytes of each block reported by %b
  %d   device number in decimal
  %D   device number in hex
  %Hd  major device number in decimal
  %Ld  minor device number in decimal
  %f   raw mode in hex
  %F   file type
  %g   group ID of owner
  %G   group name of owner
  %h   number of hard links
  %i   inode number
  %m   mount point
  %n   file name
  %N   quoted file name
  %o   optimal I/O transfer size hint
  %s   total size, in bytes
  %r   device type in decimal
  %R   device type in hex
  %Hr  major device type in decimal, for character/block device special files
  %Lr  minor device type in decimal, for character/block device special files
  %t   major device type in hex, for character/block device special files
  %T   minor device type in hex, for character/block device special files
  %u   user ID of owner
  %U   user name of owner
  %w   time of file birth, human-readable; - if unknown
  %W   time of file birth, seconds since Epoch; 0 if unknown
  %x   time of last access, human-readable
  %X   time of last access, seconds since Epoch
  %y   time of last data modification, human-readable
  %Y   time of last data modification, seconds since Epoch
  %z   time of last status change, human-readable
  %Z   time of last status change, seconds since Epoch

%X, %Y, %Z and %W take a precision (%.3Y) for fractions of a second.

What the numbers mean here: the inode is the file's qid; the device is the
number of the device or server the file lives on, in the order the
namespace mounted them (#/ is 0; major 0); device types are 0 (devices
have no numbers).
Files have no access time, so %x and %X show the modification time, and no
birth time (%w is -, %W is 0). Blocks are counted as a memory file system
does: the size rounded up to 4 KiB, in 512-byte units, and none for
directories. A directory has 2 links plus one per subdirectory. Times are
in UTC.
";

const SPEC: &[Opt] = &[
    flag("dereference", 'L'),
    flag("file-system", 'f'),
    value("format", 'c'),
    long("printf", Arg::Required),
    flag("terse", 't'),
];

const TERSE: &str = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o";

/// A file being described.
struct Info<'a> {
    name: &'a str,
    st: Stat,
    /// The absolute name (for %m and the device number), if known.
    abs: Option<String>,
}

/// What a format sequence stands for.
enum Val {
    Str(String),
    /// A number and its conversion: `u` decimal, `d` signed decimal, `o`
    /// octal, `x` hex.
    Num(i128, char),
    /// Seconds and nanoseconds (%X %Y %Z %W take a precision).
    Time(i64, u32),
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.has("file-system") {
        cmd.error("--file-system is not supported: the file server protocol has no file system query")
            .await;
        return cmd.finish(1).await;
    }
    let fmt_given = opts
        .list
        .iter()
        .rev()
        .find(|(n, _)| *n == "format" || *n == "printf")
        .map(|(n, v)| (*n, v.clone().unwrap_or_default()));
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    // -c and -t end each use with a newline (after the format, so a `%`
    // at its end stays a literal `%`).
    let newline = fmt_given.as_ref().map_or(opts.has("terse"), |(n, _)| *n == "format");
    let (format, escapes) = match fmt_given {
        Some(("printf", f)) => (f, true),
        Some((_, f)) => (f, false),
        None if opts.has("terse") => (TERSE.to_string(), false),
        None => (String::new(), false),
    };
    let format = if escapes {
        match unescape(&mut cmd, &format).await {
            Some(f) => f,
            None => return cmd.finish(1).await,
        }
    } else {
        format.into_bytes()
    };
    if let Err(msg) = check(&format, Budget::of(&cmd.p)) {
        cmd.error(msg).await;
        return cmd.finish(1).await;
    }
    let users = Users::load(&cmd.p).await;
    let mut status = 0;
    for name in &opts.operands {
        let info = match lookup(&cmd, name).await {
            Ok(i) => i,
            Err(e) => {
                cmd.error(format!("cannot statx {}: {}", quote(name), e.strerror()))
                    .await;
                status = 1;
                continue;
            }
        };
        let fmt = if format.is_empty() {
            default_format(info.st.kind).into_bytes()
        } else {
            format.clone()
        };
        let mut text = render(&cmd, &fmt, &info, &users).await;
        if newline {
            text.push(b'\n');
        }
        cmd.out.write(&text).await;
    }
    cmd.finish(status).await
}

async fn lookup<'a>(cmd: &Cmd, name: &'a str) -> kernel::Result<Info<'a>> {
    if name == "-" {
        let st = cmd.p.fstat(0).await?;
        let abs = cmd.p.fd_name(0).ok().filter(|n| n.starts_with('/'));
        return Ok(Info { name, st, abs });
    }
    let st = files::stat(&cmd.p, name).await?;
    Ok(Info {
        name,
        st,
        abs: cmd.p.abs(name).ok(),
    })
}

fn default_format(kind: NodeType) -> String {
    let device = if kind == NodeType::Device {
        "Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n"
    } else {
        "Device: %Hd,%Ld\tInode: %-11i Links: %h\n"
    };
    format!(
        "  File: %n\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n{device}\
         Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n\
         Access: %x\nModify: %y\nChange: %z\n Birth: %w\n"
    )
}

/// `--printf` escapes: `\n`, `\t`, `\ooo`, `\xHH`, ...; an unknown one is
/// printed without its backslash, after a warning.
async fn unescape(cmd: &mut Cmd, f: &str) -> Option<Vec<u8>> {
    let b = f.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c) = b.get(i) else {
            cmd.error("warning: backslash at end of format").await;
            out.push(b'\\');
            break;
        };
        i += 1;
        match c {
            b'0'..=b'7' => {
                let mut n = u32::from(c - b'0');
                let mut k = 1;
                while k < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    n = n * 8 + u32::from(b[i] - b'0');
                    i += 1;
                    k += 1;
                }
                out.push((n & 0xff) as u8);
            }
            b'x' if b.get(i).is_some_and(u8::is_ascii_hexdigit) => {
                let mut n = 0u32;
                let mut k = 0;
                while k < 2 && i < b.len() && b[i].is_ascii_hexdigit() {
                    n = n * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    k += 1;
                }
                out.push(n as u8);
            }
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'e' => out.push(0x1b),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'"' | b'\\' => out.push(c),
            _ => {
                let shown = String::from_utf8_lossy(&[c]).into_owned();
                cmd.error(format!("warning: unrecognized escape '\\{shown}'")).await;
                out.push(c);
            }
        }
    }
    Some(out)
}

/// One `%` sequence: flags, width, precision, conversion.
struct Directive {
    flags: Vec<u8>,
    width: Option<usize>,
    /// `Some(None)` for a `.` without digits.
    prec: Option<Option<usize>>,
    conv: Vec<u8>,
    len: usize,
}

/// Read the sequence starting after a `%` at `b[0]`. `Err` carries the
/// text of an incomplete one.
fn directive(b: &[u8]) -> Result<Option<Directive>, String> {
    let mut i = 1;
    let flags_start = i;
    while i < b.len() && b"-#+ 0'".contains(&b[i]) {
        i += 1;
    }
    let flags = b[flags_start..i].to_vec();
    let num = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        // Saturating: an absurd width is refused by `check`, not dropped.
        (*i > s).then(|| {
            b[s..*i].iter().fold(0usize, |v, d| {
                v.saturating_mul(10).saturating_add(usize::from(d - b'0'))
            })
        })
    };
    let width = num(&mut i);
    let prec = if b.get(i) == Some(&b'.') {
        i += 1;
        Some(num(&mut i))
    } else {
        None
    };
    let incomplete = || String::from_utf8_lossy(&b[..i.min(b.len())]).into_owned();
    let Some(&c) = b.get(i) else {
        return if i == 1 { Ok(None) } else { Err(incomplete()) };
    };
    i += 1;
    let conv = if c == b'H' || c == b'L' {
        match b.get(i) {
            Some(&n @ (b'd' | b'r')) => {
                i += 1;
                vec![c, n]
            }
            // Alone, an unknown sequence (printed as `?`).
            _ => vec![c],
        }
    } else {
        vec![c]
    };
    Ok(Some(Directive {
        flags,
        width,
        prec,
        conv,
        len: i,
    }))
}

/// Find a bad directive before printing anything: an incomplete one
/// (`'%5': invalid directive`) or a width or precision past the process's
/// buffer limit.
fn check(f: &[u8], budget: Budget) -> Result<(), String> {
    let mut i = 0;
    while i < f.len() {
        if f[i] == b'%' {
            match directive(&f[i..]).map_err(|bad| format!("{}: invalid directive", quote(&bad)))? {
                Some(d) => {
                    budget
                        .check("width", d.width.unwrap_or(0) as u64)
                        .map_err(|e| e.to_string())?;
                    budget
                        .check("precision", d.prec.flatten().unwrap_or(0) as u64)
                        .map_err(|e| e.to_string())?;
                    i += d.len
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    Ok(())
}

async fn render(cmd: &Cmd, f: &[u8], info: &Info<'_>, users: &Users) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if f[i] != b'%' {
            out.push(f[i]);
            i += 1;
            continue;
        }
        let d = match directive(&f[i..]) {
            Ok(Some(d)) => d,
            _ => {
                // A lone `%` at the end (checked formats have no other).
                out.push(b'%');
                i += 1;
                continue;
            }
        };
        i += d.len;
        if d.conv == b"%" {
            out.push(b'%');
            continue;
        }
        let val = value_of(cmd, &d.conv, info, users).await;
        out.extend_from_slice(&apply(&d, val));
    }
    out
}

fn ms_time(ms: u64) -> Val {
    Val::Time((ms / 1000) as i64, (ms % 1000) as u32 * 1_000_000)
}

/// `%x`-style times: local wall clock with nanoseconds and the offset.
fn human_time(ms: u64, zone: &time::Zone) -> String {
    let secs = (ms / 1000) as i64;
    let nanos = (ms % 1000) as u32 * 1_000_000;
    time::format_in("%Y-%m-%d %H:%M:%S.%N %z", secs, nanos, zone)
}

/// The `st_mode` type bits.
fn type_bits(kind: NodeType) -> u32 {
    match kind {
        NodeType::File => 0o100000,
        NodeType::Dir => 0o040000,
        NodeType::Device => 0o020000,
    }
}

async fn value_of(cmd: &Cmd, conv: &[u8], info: &Info<'_>, users: &Users) -> Val {
    let st = &info.st;
    let abs = info.abs.as_deref().unwrap_or("/");
    let device = || MountTable::load(&cmd.p).device_number(abs);
    match conv {
        b"a" => Val::Num(i128::from(st.mode() & 0o7777), 'o'),
        b"A" => Val::Str(mode_string(st.kind, st.mode())),
        b"b" => Val::Num(i128::from(files::allocated(st) / 512), 'u'),
        b"B" => Val::Num(512, 'u'),
        b"d" | b"Ld" => Val::Num(device() as i128, 'u'),
        b"D" => Val::Num(device() as i128, 'x'),
        b"Hd" | b"Hr" | b"Lr" | b"r" => Val::Num(0, 'u'),
        b"R" | b"t" | b"T" => Val::Num(0, 'x'),
        b"f" => Val::Num(i128::from(type_bits(st.kind) | st.mode() & 0o7777), 'x'),
        b"F" => Val::Str(files::type_word(st).to_string()),
        b"g" => Val::Num(i128::from(st.gid()), 'u'),
        b"G" => Val::Str(users.group_name(st.gid()).unwrap_or("UNKNOWN").to_string()),
        b"h" => Val::Num(i128::from(links(cmd, info).await), 'u'),
        b"i" => Val::Num(i128::from(st.qid), 'u'),
        b"m" => Val::Str(MountTable::load(&cmd.p).point_of(abs).to_string()),
        b"n" => Val::Str(info.name.to_string()),
        b"N" => Val::Str(quote(info.name)),
        b"o" => Val::Num(i128::from(files::PAGE), 'u'),
        b"s" => Val::Num(i128::from(st.size), 'd'),
        b"u" => Val::Num(i128::from(st.uid()), 'u'),
        b"U" => Val::Str(users.user_name(st.uid()).unwrap_or("UNKNOWN").to_string()),
        b"w" => Val::Str("-".to_string()),
        b"W" => Val::Time(0, 0),
        b"x" | b"y" => Val::Str(human_time(st.mtime, &time::Zone::of(&cmd.p))),
        b"X" | b"Y" => ms_time(st.mtime),
        b"z" => Val::Str(human_time(st.ctime(), &time::Zone::of(&cmd.p))),
        b"Z" => ms_time(st.ctime()),
        _ => Val::Str("?".to_string()),
    }
}

/// Links: 1 for a file; for a directory its entry, its `.`, and the `..`
/// of each subdirectory.
async fn links(cmd: &Cmd, info: &Info<'_>) -> u64 {
    if !info.st.is_dir() {
        return 1;
    }
    let name = info.abs.as_deref().unwrap_or(info.name);
    match cmd.p.readdir(name).await {
        Ok(entries) => 2 + entries.iter().filter(|e| e.kind.is_dir()).count() as u64,
        Err(_) => 2,
    }
}

/// Print a value under a directive's flags, width and precision, as C's
/// printf would.
fn apply(d: &Directive, v: Val) -> Vec<u8> {
    let left = d.flags.contains(&b'-');
    match v {
        Val::Str(s) => {
            let mut b = s.into_bytes();
            if let Some(Some(p)) = d.prec {
                b.truncate(p);
            } else if let Some(None) = d.prec {
                b.clear();
            }
            pad(b, d.width.unwrap_or(0), left)
        }
        Val::Num(n, conv) => format_int(n, conv, &d.flags, d.width, d.prec.map(|p| p.unwrap_or(0))),
        Val::Time(secs, nanos) => format_time(secs, nanos, d),
    }
}

fn pad(mut b: Vec<u8>, width: usize, left: bool) -> Vec<u8> {
    if b.len() >= width {
        return b;
    }
    let fill = vec![b' '; width - b.len()];
    if left {
        b.extend_from_slice(&fill);
        b
    } else {
        let mut out = fill;
        out.extend_from_slice(&b);
        out
    }
}

fn format_int(n: i128, conv: char, flags: &[u8], width: Option<usize>, prec: Option<usize>) -> Vec<u8> {
    let mag = n.unsigned_abs();
    let mut digits = match conv {
        'o' => format!("{mag:o}"),
        'x' => format!("{mag:x}"),
        _ => mag.to_string(),
    };
    if let Some(p) = prec {
        if p == 0 && mag == 0 {
            digits.clear();
        }
        while digits.len() < p {
            digits.insert(0, '0');
        }
    }
    let alt = flags.contains(&b'#');
    let prefix = match conv {
        'o' if alt && !digits.starts_with('0') => "0",
        'x' if alt && mag != 0 => "0x",
        'd' if n < 0 => "-",
        'd' if flags.contains(&b'+') => "+",
        'd' if flags.contains(&b' ') => " ",
        _ => "",
    };
    let width = width.unwrap_or(0);
    let left = flags.contains(&b'-');
    if flags.contains(&b'0') && !left && prec.is_none() && prefix.len() + digits.len() < width {
        let zeros = "0".repeat(width - prefix.len() - digits.len());
        return format!("{prefix}{zeros}{digits}").into_bytes();
    }
    pad(format!("{prefix}{digits}").into_bytes(), width, left)
}

/// `%Y` and friends: seconds, and with a precision a fraction whose
/// digits the width leaves room for (GNU's `out_epoch_sec`).
fn format_time(secs: i64, nanos: u32, d: &Directive) -> Vec<u8> {
    let Some(prec) = d.prec else {
        return format_int(i128::from(secs), 'd', &d.flags, d.width, None);
    };
    let prec = prec.unwrap_or(9);
    if prec == 0 {
        return format_int(i128::from(secs), 'd', &d.flags, d.width, None);
    }
    let width = d.width.unwrap_or(0);
    let left = d.flags.contains(&b'-');
    // Right-aligned, the width goes to the seconds; left-aligned, the
    // whole is padded after the fraction.
    let sec_width = if left {
        None
    } else {
        width.checked_sub(1 + prec).filter(|w| *w > 1)
    };
    let mut out = format_int(i128::from(secs), 'd', &d.flags, sec_width, None);
    let shown = prec.min(9);
    let frac = format!("{nanos:09}");
    out.push(b'.');
    out.extend_from_slice(&frac.as_bytes()[..shown]);
    out.extend(std::iter::repeat_n(b'0', prec - shown));
    if left {
        out = pad(out, width, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(spec: &str, v: Val) -> String {
        let d = directive(format!("%{spec}").as_bytes()).unwrap().unwrap();
        String::from_utf8(apply(&d, v)).unwrap()
    }

    #[test]
    fn printf_like() {
        // From GNU stat 9.1.
        assert_eq!(fmt("a", Val::Num(0o644, 'o')), "644");
        assert_eq!(fmt("#a", Val::Num(0o644, 'o')), "0644");
        assert_eq!(fmt("04a", Val::Num(0o644, 'o')), "0644");
        assert_eq!(fmt("10.3A", Val::Str("-rw-r--r--".into())), "       -rw");
        assert_eq!(fmt("f", Val::Num(0o100644, 'x')), "81a4");
        assert_eq!(fmt("#f", Val::Num(0o100644, 'x')), "0x81a4");
        assert_eq!(fmt("5s", Val::Num(0, 'd')), "    0");
        assert_eq!(fmt("-5s", Val::Num(0, 'd')), "0    ");
        assert_eq!(fmt("010s", Val::Num(0, 'd')), "0000000000");
        assert_eq!(fmt("+5s", Val::Num(0, 'd')), "   +0");
        assert_eq!(fmt(" 5s", Val::Num(0, 'd')), "    0");
        assert_eq!(fmt(".3Y", Val::Time(1_767_225_600, 0)), "1767225600.000");
        assert_eq!(fmt(".Y", Val::Time(1_767_225_600, 0)), "1767225600.000000000");
        assert_eq!(fmt(".0Y", Val::Time(1_767_225_600, 0)), "1767225600");
        assert_eq!(fmt("10.2Y", Val::Time(1_767_225_600, 0)), "1767225600.00");
        assert_eq!(fmt("15.2Y", Val::Time(5, 500_000_000)), "           5.50");
        assert_eq!(fmt("-15.2Y", Val::Time(5, 500_000_000)), "5.50           ");
    }

    #[test]
    fn bad_directives() {
        let b = Budget { max: 1 << 20 };
        assert_eq!(check(b"%5", b), Err("'%5': invalid directive".to_string()));
        assert_eq!(check(b"x%", b), Ok(()));
        assert_eq!(check(b"%H", b), Ok(()));
        assert_eq!(check(b"%n %Hd", b), Ok(()));
        assert_eq!(
            check(b"%-9226854775808b", b),
            Err("width too large (limit 1 MiB)".to_string())
        );
        assert_eq!(
            check(b"%.99999999999999999999999n", b),
            Err("precision too large (limit 1 MiB)".to_string())
        );
    }
}
