//! `tar`: create, list and extract archives as GNU tar 1.34.
//!
//! Archives are written in GNU tar's default format (`gnu`: ustar
//! headers with the old GNU magic, `././@LongLink` members for long
//! names) or, with `--format=ustar`, in POSIX ustar (long names split
//! into prefix and name). Reading accepts both, v7 headers, and pax
//! extended headers (path, linkpath, size, mtime). `-z` compresses with
//! flate2 through `common/gz.rs`; reading detects gzip data by itself,
//! as GNU does for files.
//!
//! Options are position-sensitive where GNU's are: `-C DIR` changes the
//! directory for the file operands that follow it.

use std::future::Future;
use std::pin::Pin;

use kernel::{Errno, Fd, NodeType, OpenFlags, Stat, StatChanges};

use common::cli::{Arg, Cmd, Mode, Opt, Opts, flag, long, value};
use common::files::same_file;
use common::gz::{Deflater, GzError, Member, Src, read_header};
use common::io::{Input, Output};
use common::time;
use common::users::Users;

const HELP: &str = "Usage: tar [OPTION...] [FILE]...
GNU 'tar' saves many files together into a single tape or disk archive, and can
restore individual files from the archive.

Examples:
  tar -cf archive.tar foo bar  # Create archive.tar from files foo and bar.
  tar -tvf archive.tar         # List all files in archive.tar verbosely.
  tar -xf archive.tar          # Extract all files from archive.tar.

 Main operation mode:

  -c, --create               create a new archive
  -t, --list                 list the contents of an archive
  -x, --extract, --get       extract files from an archive

 Device selection and switching:

  -f, --file=ARCHIVE         use archive file ARCHIVE (- for standard
                             input or output, the default)

 Overwrite control:

  -k, --keep-old-files       don't replace existing files when extracting,
                             treat them as errors
      --skip-old-files       don't replace existing files when extracting,
                             silently skip over them
      --overwrite            overwrite existing files when extracting (the
                             default)

 Handling of file attributes:

      --group=NAME[:GID]     force NAME as group for added files
  -m, --touch                don't extract file modified time
      --numeric-owner        always use numbers for user/group names
      --owner=NAME[:UID]     force NAME as owner for added files
  -p, --preserve-permissions, --same-permissions
                             extract information about file permissions
                             (default for superuser)
      --no-same-permissions  apply the user's umask when extracting
                             permissions (default for ordinary users)
      --same-owner           try extracting files with the same ownership
                             as exists in the archive (default for superuser)
      --no-same-owner        extract files as yourself (default for ordinary
                             users)
      --sort=ORDER           directory sorting order: none, name (both sort
                             by name here)

 Archive format selection:

  -H, --format=FORMAT        create archive of the given format: gnu (the
                             default), oldgnu, ustar

 Compression options:

  -z, --gzip, --gunzip, --ungzip   filter the archive through gzip

 Local file name selection:

  -C, --directory=DIR        change to directory DIR
      --exclude=PATTERN      exclude files, given as a PATTERN
  -i, --ignore-zeros         ignore zeroed blocks in archive (means EOF)
  -P, --absolute-names       don't strip leading '/'s from file names
      --strip-components=NUMBER   strip NUMBER leading components from file
                             names on extraction
  -T, --files-from=FILE      get names to extract or create from FILE
      --wildcards            use wildcards for member names
      --no-wildcards         match member names exactly (the default)

 Informative output:

      --full-time            print file time to its full resolution
  -O, --to-stdout            extract files to standard output
  -v, --verbose              verbosely list files processed

  -?, --help                 give this help list
      --usage                give a short usage message
      --version              print program version

Mandatory or optional arguments to long options are also mandatory or optional
for any corresponding short options.

There are no symbolic or hard links in ninebox: hard links in an archive are
extracted as copies, symbolic links and device nodes are reported and skipped.
";

const USAGE: &str = "Usage: tar [-ckmOpPtvxz?] [-C DIR] [-f ARCHIVE] [-H FORMAT] [-T FILE]
            [--directory=DIR] [--exclude=PATTERN] [--file=ARCHIVE]
            [--format=FORMAT] [--strip-components=NUMBER] [--to-stdout]
            [--verbose] [--help] [--usage] [--version] [FILE...]
";

const SPEC: &[Opt] = &[
    flag("create", 'c'),
    flag("extract", 'x'),
    long("get", Arg::No),
    flag("list", 't'),
    value("file", 'f'),
    value("directory", 'C'),
    flag("gzip", 'z'),
    long("gunzip", Arg::No),
    long("ungzip", Arg::No),
    flag("verbose", 'v'),
    flag("preserve-permissions", 'p'),
    long("same-permissions", Arg::No),
    long("no-same-permissions", Arg::No),
    long("same-owner", Arg::No),
    long("no-same-owner", Arg::No),
    long("strip-components", Arg::Required),
    flag("to-stdout", 'O'),
    flag("keep-old-files", 'k'),
    long("skip-old-files", Arg::No),
    long("overwrite", Arg::No),
    flag("touch", 'm'),
    long("numeric-owner", Arg::No),
    long("owner", Arg::Required),
    long("group", Arg::Required),
    value("format", 'H'),
    long("wildcards", Arg::No),
    long("no-wildcards", Arg::No),
    long("exclude", Arg::Required),
    long("sort", Arg::Required),
    long("full-time", Arg::No),
    flag("absolute-names", 'P'),
    flag("ignore-zeros", 'i'),
    value("files-from", 'T'),
    flag("help", '?'),
    long("usage", Arg::No),
];

/// Short options that take an argument, for the traditional `tar cf X`.
const WITH_ARG: &str = "fCHT";

const BLOCK: usize = 512;
/// GNU's default record: 20 blocks.
const RECORD: u64 = 10240;

/// A fatal error: the message was printed; GNU's "Error is not
/// recoverable" follows.
struct Fatal;

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Create,
    List,
    Extract,
}

/// Options and operands in their order (`-C` applies to what follows).
enum Item {
    Dir(String),
    Name(String),
}

struct Tar {
    op: Op,
    verbose: usize,
    gzip: bool,
    same_perms: bool,
    same_owner: bool,
    strip: usize,
    to_stdout: bool,
    keep_old: bool,
    skip_old: bool,
    touch: bool,
    numeric: bool,
    owner: Option<(String, u32)>,
    group: Option<(String, u32)>,
    ustar: bool,
    wildcards: bool,
    excludes: Vec<String>,
    full_time: bool,
    absolute: bool,
    ignore_zeros: bool,
    /// Something went wrong (exit status 2 at the end).
    failed: bool,
    warned_slash: bool,
    users: Users,
    /// Where `-v` lists go: stderr when the archive or data is on stdout.
    list_to_stderr: bool,
    /// The width of `user/group size` in long lines: it only grows.
    ugswidth: usize,
    /// The directories being archived above the current one, with their
    /// devices: one of them again beneath itself (a bind) is a loop, found
    /// by qid as GNU tools find one by dev/ino.
    above: Vec<(String, Stat)>,
    mounts: Option<common::files::MountTable>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let args = traditional(&cmd.args);
    let (opts, items) = match parse(&args) {
        Ok(x) => x,
        Err(msg) => {
            // argp's usage errors exit with 64 (EX_USAGE), tar's own with 2.
            usage(&mut cmd, &msg).await;
            return cmd.finish(64).await;
        }
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    if opts.has("usage") {
        return cmd.help(USAGE).await;
    }
    if opts.has("version") {
        return cmd.version().await;
    }
    let ops: Vec<Op> = opts
        .list
        .iter()
        .filter_map(|(n, _)| match *n {
            "create" => Some(Op::Create),
            "extract" | "get" => Some(Op::Extract),
            "list" => Some(Op::List),
            _ => None,
        })
        .collect();
    let Some(&op) = ops.first() else {
        let msg = "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options";
        return usage(&mut cmd, msg).await;
    };
    if ops.iter().any(|o| *o != op) {
        let msg = "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option";
        return usage(&mut cmd, msg).await;
    }
    let root = cmd.p.caller().uid == 0;
    let mut t = Tar {
        op,
        verbose: opts.count("verbose"),
        gzip: opts.has("gzip") || opts.has("gunzip") || opts.has("ungzip"),
        same_perms: root,
        same_owner: root,
        strip: 0,
        to_stdout: opts.has("to-stdout"),
        keep_old: false,
        skip_old: false,
        touch: opts.has("touch"),
        numeric: opts.has("numeric-owner"),
        owner: None,
        group: None,
        ustar: false,
        wildcards: false,
        excludes: opts.values("exclude").iter().map(|s| s.to_string()).collect(),
        full_time: opts.has("full-time"),
        absolute: opts.has("absolute-names"),
        ignore_zeros: opts.has("ignore-zeros"),
        failed: false,
        above: Vec::new(),
        mounts: None,
        warned_slash: false,
        users: Users::load(&cmd.p).await,
        list_to_stderr: false,
        ugswidth: 19,
    };
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "preserve-permissions" | "same-permissions" => t.same_perms = true,
            "no-same-permissions" => t.same_perms = false,
            "same-owner" => t.same_owner = true,
            "no-same-owner" => t.same_owner = false,
            "keep-old-files" => (t.keep_old, t.skip_old) = (true, false),
            "skip-old-files" => (t.keep_old, t.skip_old) = (false, true),
            "overwrite" => (t.keep_old, t.skip_old) = (false, false),
            "wildcards" => t.wildcards = true,
            "no-wildcards" => t.wildcards = false,
            "strip-components" => match v.parse() {
                Ok(n) => t.strip = n,
                Err(_) => {
                    let msg = format!("Invalid number of elements: '{v}'");
                    return usage(&mut cmd, &msg).await;
                }
            },
            "format" => match v {
                "gnu" | "oldgnu" => t.ustar = false,
                "ustar" => t.ustar = true,
                "v7" | "posix" | "pax" | "star" => {
                    let msg = format!("format '{v}' is not supported here (gnu, oldgnu, ustar are)");
                    return usage(&mut cmd, &msg).await;
                }
                _ => return usage(&mut cmd, &format!("Invalid archive format '{v}'")).await,
            },
            "sort" if !matches!(v, "none" | "name") => {
                let msg = format!("invalid argument '{v}' for '--sort'\nValid arguments are:\n  - 'none'\n  - 'name'");
                return usage(&mut cmd, &msg).await;
            }
            "owner" | "group" => {
                let Some(id) = t.owner_spec(name, v) else {
                    let what = if *name == "owner" { "user" } else { "group" };
                    return usage(&mut cmd, &format!("'{v}': Invalid {what}")).await;
                };
                if *name == "owner" {
                    t.owner = Some(id);
                } else {
                    t.group = Some(id);
                }
            }
            _ => {}
        }
    }
    let archive = opts.value("file").unwrap_or("-").to_string();
    let mut items = items;
    for list in opts.values("files-from") {
        match read_names(&mut cmd, list).await {
            Ok(names) => items.extend(names.into_iter().map(Item::Name)),
            Err(()) => return fatal_exit(&mut cmd).await,
        }
    }
    if op == Op::Create && !items.iter().any(|i| matches!(i, Item::Name(_))) {
        return usage(&mut cmd, "Cowardly refusing to create an empty archive").await;
    }
    let status = match op {
        Op::Create => t.create(&mut cmd, &archive, &items).await,
        Op::List | Op::Extract => t.read_archive(&mut cmd, &archive, &items).await,
    };
    match status {
        Err(Fatal) => fatal_exit(&mut cmd).await,
        Ok(()) if t.failed => {
            say(&mut cmd, "tar: Exiting with failure status due to previous errors\n").await;
            cmd.finish(2).await
        }
        Ok(()) => cmd.finish(0).await,
    }
}

/// Messages go out as they are, after standard output.
async fn say(cmd: &mut Cmd, text: &str) {
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, text.as_bytes()).await;
}

async fn usage(cmd: &mut Cmd, msg: &str) -> i32 {
    let text = format!("tar: {msg}\nTry 'tar --help' or 'tar --usage' for more information.\n");
    say(cmd, &text).await;
    cmd.finish(2).await
}

async fn fatal_exit(cmd: &mut Cmd) -> i32 {
    say(cmd, "tar: Error is not recoverable: exiting now\n").await;
    cmd.finish(2).await
}

/// GNU's traditional syntax: a first argument without `-` is a bundle of
/// letters, whose arguments follow in order (`tar cf a.tar -C d f`).
fn traditional(args: &[String]) -> Vec<String> {
    let Some(first) = args.first() else {
        return Vec::new();
    };
    if first.starts_with('-') || first.is_empty() {
        return args.to_vec();
    }
    let mut out = Vec::new();
    let mut rest = args[1..].iter();
    for c in first.chars() {
        out.push(format!("-{c}"));
        if WITH_ARG.contains(c)
            && let Some(v) = rest.next()
        {
            out.push(v.clone());
        }
    }
    out.extend(rest.cloned());
    out
}

/// The options, and the operands with the `-C` options among them.
fn parse(args: &[String]) -> Result<(Opts, Vec<Item>), String> {
    let mut all = Opts::default();
    let mut items = Vec::new();
    let mut rest = args;
    loop {
        let o = Opts::parse(rest, SPEC, Mode::StopAtOperand)?;
        for (n, v) in &o.list {
            if *n == "directory" {
                items.push(Item::Dir(v.clone().unwrap_or_default()));
            }
        }
        all.list.extend(o.list);
        if o.operands.is_empty() {
            break;
        }
        // Where the first operand was: after it, options may come again,
        // unless `--` ended them.
        let at = rest.len() - o.operands.len();
        if at > 0 && rest[at - 1] == "--" {
            items.extend(o.operands.into_iter().map(Item::Name));
            break;
        }
        items.push(Item::Name(rest[at].clone()));
        rest = &rest[at + 1..];
    }
    Ok((all, items))
}

/// Names from a `-T` file, one a line.
async fn read_names(cmd: &mut Cmd, list: &str) -> Result<Vec<String>, ()> {
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, list).await {
        Ok(i) => i,
        Err(e) => {
            say(cmd, &format!("tar: {list}: Cannot open: {}\n", e.strerror())).await;
            return Err(());
        }
    };
    let mut names = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_line(&p, &mut line).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                say(cmd, &format!("tar: {list}: Read error: {}\n", e.strerror())).await;
                return Err(());
            }
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if !line.is_empty() {
            names.push(String::from_utf8_lossy(&line).into_owned());
        }
    }
    input.close(&p).await;
    Ok(names)
}

// ---------------------------------------------------------------------
// Headers.

/// A member's header, as read or to be written.
#[derive(Clone, Debug, Default, PartialEq)]
struct Header {
    name: String,
    mode: u32,
    uid: u32,
    gid: u32,
    size: u64,
    mtime: i64,
    kind: u8,
    link: String,
    uname: String,
    gname: String,
    major: u32,
    minor: u32,
}

/// Write `v` in octal into `field`: digits then a NUL, zero-padded.
fn put_octal(field: &mut [u8], v: u64) {
    let digits = field.len() - 1;
    let s = format!("{v:0digits$o}");
    if s.len() > digits {
        // Too big for octal: GNU's base-256 (a leading 0x80 byte).
        field.fill(0);
        field[0] = 0x80;
        let bytes = v.to_be_bytes();
        let len = field.len();
        let take = bytes.len().min(len - 1);
        field[len - take..].copy_from_slice(&bytes[bytes.len() - take..]);
        return;
    }
    field[..digits].copy_from_slice(s.as_bytes());
    field[digits] = 0;
}

fn put_str(field: &mut [u8], s: &[u8]) {
    let n = s.len().min(field.len());
    field[..n].copy_from_slice(&s[..n]);
}

/// One 512-byte header block.
fn header_block(h: &Header, ustar: bool, name: &[u8], prefix: &[u8]) -> [u8; BLOCK] {
    let mut b = [0u8; BLOCK];
    put_str(&mut b[0..100], name);
    put_octal(&mut b[100..108], u64::from(h.mode));
    put_octal(&mut b[108..116], u64::from(h.uid));
    put_octal(&mut b[116..124], u64::from(h.gid));
    put_octal(&mut b[124..136], h.size);
    put_octal(&mut b[136..148], h.mtime.max(0) as u64);
    b[156] = h.kind;
    put_str(&mut b[157..257], h.link.as_bytes());
    if ustar {
        b[257..263].copy_from_slice(b"ustar\0");
        b[263..265].copy_from_slice(b"00");
    } else {
        b[257..265].copy_from_slice(b"ustar  \0");
    }
    put_str(&mut b[265..297], h.uname.as_bytes());
    put_str(&mut b[297..329], h.gname.as_bytes());
    if ustar || matches!(h.kind, b'3' | b'4') {
        put_octal(&mut b[329..337], u64::from(h.major));
        put_octal(&mut b[337..345], u64::from(h.minor));
    }
    put_str(&mut b[345..500], prefix);
    let sum: u32 = b.iter().map(|&c| u32::from(c)).sum::<u32>() + 8 * u32::from(b' ')
        - b[148..156].iter().map(|&c| u32::from(c)).sum::<u32>();
    let s = format!("{sum:06o}");
    b[148..154].copy_from_slice(s.as_bytes());
    b[154] = 0;
    b[155] = b' ';
    b
}

/// Split a long name for ustar: a prefix of up to 155 bytes and a name
/// of up to 100, divided at a slash.
fn ustar_split(name: &[u8]) -> Option<(&[u8], &[u8])> {
    if name.len() <= 100 {
        return Some((b"", name));
    }
    (0..name.len())
        .rev()
        .filter(|&i| name[i] == b'/' && i <= 155 && i > 0)
        .map(|i| (&name[..i], &name[i + 1..]))
        .find(|(_, n)| n.len() <= 100 && !n.is_empty())
}

/// Parse an octal (or base-256) numeric field.
fn get_num(field: &[u8]) -> Option<u64> {
    if field.first().is_some_and(|&c| c & 0x80 != 0) {
        let mut v: u64 = u64::from(field[0] & 0x7f);
        for &c in &field[1..] {
            v = v.checked_mul(256)?.checked_add(u64::from(c))?;
        }
        return Some(v);
    }
    let s: Vec<u8> = field
        .iter()
        .copied()
        .skip_while(|&c| c == b' ')
        .take_while(|&c| c != 0 && c != b' ')
        .collect();
    if s.is_empty() {
        return Some(0);
    }
    let text = std::str::from_utf8(&s).ok()?;
    u64::from_str_radix(text, 8).ok()
}

fn get_str(field: &[u8]) -> String {
    let end = field.iter().position(|&c| c == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

/// Whether a block's checksum is right (GNU accepts signed sums too).
fn checksum_ok(b: &[u8; BLOCK]) -> bool {
    let Some(stored) = get_num(&b[148..156]) else {
        return false;
    };
    let (mut unsigned, mut signed) = (0i64, 0i64);
    for (i, &c) in b.iter().enumerate() {
        let c = if (148..156).contains(&i) { b' ' } else { c };
        unsigned += i64::from(c);
        signed += i64::from(c as i8);
    }
    stored as i64 == unsigned || stored as i64 == signed
}

fn parse_header(b: &[u8; BLOCK]) -> Header {
    let mut name = get_str(&b[0..100]);
    if &b[257..263] == b"ustar\0" {
        let prefix = get_str(&b[345..500]);
        if !prefix.is_empty() {
            name = format!("{prefix}/{name}");
        }
    }
    Header {
        name,
        mode: get_num(&b[100..108]).unwrap_or(0) as u32,
        uid: get_num(&b[108..116]).unwrap_or(0) as u32,
        gid: get_num(&b[116..124]).unwrap_or(0) as u32,
        size: get_num(&b[124..136]).unwrap_or(0),
        mtime: get_num(&b[136..148]).unwrap_or(0) as i64,
        kind: b[156],
        link: get_str(&b[157..257]),
        uname: get_str(&b[265..297]),
        gname: get_str(&b[297..329]),
        major: get_num(&b[329..337]).unwrap_or(0) as u32,
        minor: get_num(&b[337..345]).unwrap_or(0) as u32,
    }
}

/// Records of a pax extended header: `LEN key=value\n`.
fn pax_records(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let Some(sp) = rest.iter().position(|&c| c == b' ') else {
            break;
        };
        let Some(len) = std::str::from_utf8(&rest[..sp])
            .ok()
            .and_then(|s| s.parse::<usize>().ok())
        else {
            break;
        };
        if len <= sp + 1 || len > rest.len() {
            break;
        }
        let rec = &rest[sp + 1..len];
        let rec = rec.strip_suffix(b"\n").unwrap_or(rec);
        if let Some(eq) = rec.iter().position(|&c| c == b'=') {
            out.push((String::from_utf8_lossy(&rec[..eq]).into_owned(), rec[eq + 1..].to_vec()));
        }
        rest = &rest[len..];
    }
    out
}

/// `ls -l`-style mode letters for a header.
fn mode_string(h: &Header) -> String {
    let kind = match h.kind {
        b'5' => 'd',
        b'2' => 'l',
        b'3' => 'c',
        b'4' => 'b',
        b'6' => 'p',
        b'1' => 'h',
        _ => '-',
    };
    let m = h.mode;
    let bit = |mask: u32, c: char| if m & mask != 0 { c } else { '-' };
    let special = |x: bool, s: bool, lower: char, upper: char| match (x, s) {
        (true, true) => lower,
        (false, true) => upper,
        (true, false) => 'x',
        (false, false) => '-',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    s.push(bit(0o400, 'r'));
    s.push(bit(0o200, 'w'));
    s.push(special(m & 0o100 != 0, m & 0o4000 != 0, 's', 'S'));
    s.push(bit(0o040, 'r'));
    s.push(bit(0o020, 'w'));
    s.push(special(m & 0o010 != 0, m & 0o2000 != 0, 's', 'S'));
    s.push(bit(0o004, 'r'));
    s.push(bit(0o002, 'w'));
    s.push(special(m & 0o001 != 0, m & 0o1000 != 0, 't', 'T'));
    s
}

/// GNU tar's default quoting of names (the `escape` style).
fn escape_name(name: &str) -> String {
    let mut s = String::new();
    for &c in name.as_bytes() {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            0x07 => s.push_str("\\a"),
            0x08 => s.push_str("\\b"),
            0x0c => s.push_str("\\f"),
            b'\r' => s.push_str("\\r"),
            0x0b => s.push_str("\\v"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\{c:03o}")),
        }
    }
    s
}

/// A shell-style pattern match (`*`, `?`, `[...]`), `*` crossing `/` as
/// GNU tar's default for member names.
fn glob(pat: &[u8], s: &[u8]) -> bool {
    let (mut p, mut i) = (0, 0);
    let (mut star_p, mut star_i) = (None, 0);
    while i < s.len() {
        let step = match pat.get(p) {
            Some(b'*') => {
                star_p = Some(p);
                star_i = i;
                p += 1;
                continue;
            }
            Some(b'?') => Some(p + 1),
            Some(b'[') => class(pat, p, s[i]),
            Some(b'\\') if p + 1 < pat.len() => (pat[p + 1] == s[i]).then_some(p + 2),
            Some(&c) => (c == s[i]).then_some(p + 1),
            None => None,
        };
        match step {
            Some(np) => {
                p = np;
                i += 1;
            }
            None => match star_p {
                Some(sp) => {
                    p = sp + 1;
                    star_i += 1;
                    i = star_i;
                }
                None => return false,
            },
        }
    }
    pat[p..].iter().all(|&c| c == b'*')
}

/// Match a bracket expression at `pat[p]`; answers where it ends.
fn class(pat: &[u8], p: usize, c: u8) -> Option<usize> {
    let mut k = p + 1;
    let negate = matches!(pat.get(k), Some(b'!') | Some(b'^'));
    if negate {
        k += 1;
    }
    let mut hit = false;
    let mut first = true;
    while k < pat.len() && (first || pat[k] != b']') {
        first = false;
        let lo = pat[k];
        if k + 2 < pat.len() && pat[k + 1] == b'-' && pat[k + 2] != b']' {
            hit |= (lo..=pat[k + 2]).contains(&c);
            k += 3;
        } else {
            hit |= lo == c;
            k += 1;
        }
    }
    if k >= pat.len() {
        // No closing bracket: a literal `[`.
        return (c == b'[').then_some(p + 1);
    }
    (hit != negate).then_some(k + 1)
}

fn has_wildcards(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Whether an exclude pattern matches a name or any of its tails after
/// a `/` (GNU's default: unanchored).
fn excluded(patterns: &[String], name: &str) -> bool {
    let name = name.trim_end_matches('/');
    patterns.iter().any(|pat| {
        let pat = pat.trim_end_matches('/').as_bytes();
        let mut tail = name;
        loop {
            if glob(pat, tail.as_bytes()) {
                return true;
            }
            match tail.find('/') {
                Some(i) => tail = &tail[i + 1..],
                None => return false,
            }
        }
    })
}

/// The name left after removing `n` leading components (`None`: nothing).
fn strip_components(name: &str, n: usize) -> Option<String> {
    if n == 0 {
        return Some(name.to_string());
    }
    let mut rest = name;
    for _ in 0..n {
        let t = rest.trim_start_matches('/');
        let i = t.find('/')?;
        rest = &t[i..];
    }
    let rest = rest.trim_start_matches('/');
    (!rest.is_empty()).then(|| rest.to_string())
}

// ---------------------------------------------------------------------
// Writing.

/// The archive being written: blocks, padded to whole records at the
/// end, compressed with -z.
struct Writer {
    out: Output,
    gz: Option<Deflater>,
    written: u64,
}

impl Writer {
    async fn put(&mut self, data: &[u8]) {
        self.written += data.len() as u64;
        match &mut self.gz {
            Some(d) => {
                let z = d.push(data);
                self.out.write(&z).await;
            }
            None => self.out.write(data).await,
        }
    }

    /// The end-of-archive blocks and the record padding.
    async fn finish(mut self) -> kernel::Result<()> {
        let mut end = (self.written + 2 * BLOCK as u64).div_ceil(RECORD) * RECORD;
        end -= self.written;
        let zeros = vec![0u8; end as usize];
        self.put(&zeros).await;
        if let Some(d) = self.gz.take() {
            let z = d.finish();
            self.out.write(&z).await;
        }
        self.out.flush().await
    }
}

type Boxed<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

impl Tar {
    /// `NAME`, `NAME:ID`, `+ID` or `ID` for --owner and --group.
    fn owner_spec(&self, which: &str, v: &str) -> Option<(String, u32)> {
        let lookup = |n: &str| {
            if which == "owner" {
                self.users.uid_of(n).map(|(u, _)| u)
            } else {
                self.users.gid_of(n)
            }
        };
        let name_of = |id: u32| {
            if which == "owner" {
                self.users.user_name(id).map(str::to_string)
            } else {
                self.users.group_name(id).map(str::to_string)
            }
        };
        if let Some((n, id)) = v.split_once(':') {
            return Some((n.to_string(), id.parse().ok()?));
        }
        if let Some(id) = v.strip_prefix('+') {
            let id = id.parse().ok()?;
            return Some((name_of(id).unwrap_or_default(), id));
        }
        if let Some(id) = lookup(v) {
            return Some((v.to_string(), id));
        }
        let id: u32 = v.parse().ok()?;
        Some((name_of(id).unwrap_or_default(), id))
    }

    async fn create(&mut self, cmd: &mut Cmd, archive: &str, items: &[Item]) -> Result<(), Fatal> {
        let p = cmd.p.clone();
        let (fd, archive_stat) = if archive == "-" {
            self.list_to_stderr = true;
            (1, None)
        } else {
            let flags = OpenFlags {
                perm: 0o666,
                ..OpenFlags::WRITE
            };
            match p.open(archive, flags).await {
                Ok(fd) => (fd, p.fstat(fd).await.ok()),
                Err(e) => {
                    say(cmd, &format!("tar: {archive}: Cannot open: {}\n", e.strerror())).await;
                    return Err(Fatal);
                }
            }
        };
        let gz = self.gzip.then(|| Deflater::new(6, None, 0));
        let mut w = Writer {
            out: Output::new(p.clone(), fd),
            gz: None,
            written: 0,
        };
        if let Some((d, header)) = gz {
            w.out.write(&header).await;
            w.gz = Some(d);
        }
        let mut r = Ok(());
        for item in items {
            match item {
                Item::Dir(d) => {
                    if let Err(e) = p.chdir(d).await {
                        say(cmd, &format!("tar: {d}: Cannot open: {}\n", e.strerror())).await;
                        r = Err(Fatal);
                        break;
                    }
                }
                Item::Name(n) => {
                    let stored = self.member_name(cmd, n).await;
                    self.add(cmd, &mut w, n.clone(), stored, &archive_stat).await;
                }
            }
        }
        let done = w.finish().await;
        if fd != 1 {
            let _ = p.close(fd).await;
        }
        if let Err(e) = done
            && !e.is(Errno::EPIPE)
        {
            say(cmd, &format!("tar: {archive}: Cannot write: {}\n", e.strerror())).await;
            return Err(Fatal);
        }
        r
    }

    /// The name stored for an operand: without leading slashes (said once).
    async fn member_name(&mut self, cmd: &mut Cmd, name: &str) -> String {
        if self.absolute || !name.starts_with('/') {
            return name.to_string();
        }
        if !self.warned_slash {
            self.warned_slash = true;
            say(cmd, "tar: Removing leading `/' from member names\n").await;
        }
        let s = name.trim_start_matches('/');
        if s.is_empty() { "/".to_string() } else { s.to_string() }
    }

    /// Add a file or a directory tree.
    fn add<'a>(
        &'a mut self,
        cmd: &'a mut Cmd,
        w: &'a mut Writer,
        path: String,
        name: String,
        archive: &'a Option<Stat>,
    ) -> Boxed<'a, ()> {
        Box::pin(async move {
            let p = cmd.p.clone();
            if excluded(&self.excludes, &name) {
                return;
            }
            let st = match p.stat(&path).await {
                Ok(st) => st,
                Err(e) => {
                    say(
                        cmd,
                        &format!("tar: {}: Cannot stat: {}\n", escape_name(&path), e.strerror()),
                    )
                    .await;
                    self.failed = true;
                    return;
                }
            };
            if archive.as_ref().is_some_and(|a| same_file(a, &st)) {
                say(
                    cmd,
                    &format!("tar: {}: file is the archive; not dumped\n", escape_name(&path)),
                )
                .await;
                return;
            }
            match st.kind {
                NodeType::Dir => self.add_dir(cmd, w, path, name, &st, archive).await,
                NodeType::File => self.add_file(cmd, w, &path, name, &st).await,
                NodeType::Device => {
                    say(
                        cmd,
                        &format!("tar: {}: Unknown file type; file ignored\n", escape_name(&path)),
                    )
                    .await;
                    self.failed = true;
                }
            }
        })
    }

    fn header_for(&self, name: String, st: &Stat, kind: u8) -> Header {
        let (uid, gid) = (st.uid(), st.gid());
        let (uname, uid) = match &self.owner {
            Some((n, id)) => (n.clone(), *id),
            None => (self.users.user_name(uid).unwrap_or("").to_string(), uid),
        };
        let (gname, gid) = match &self.group {
            Some((n, id)) => (n.clone(), *id),
            None => (self.users.group_name(gid).unwrap_or("").to_string(), gid),
        };
        Header {
            name,
            mode: st.mode() & 0o7777,
            uid,
            gid,
            size: if kind == b'0' { st.size } else { 0 },
            mtime: (st.mtime / 1000) as i64,
            kind,
            uname: if self.numeric { String::new() } else { uname },
            gname: if self.numeric { String::new() } else { gname },
            ..Header::default()
        }
    }

    /// The header block(s) of a member: a long-name member first if the
    /// name does not fit.
    async fn write_header(&mut self, cmd: &mut Cmd, w: &mut Writer, h: &Header) -> bool {
        let name = h.name.as_bytes();
        if self.ustar {
            let Some((prefix, base)) = ustar_split(name) else {
                let why = if name.len() > 256 { "max 256" } else { "cannot be split" };
                let text = format!(
                    "tar: {}: file name is too long ({why}); not dumped\n",
                    escape_name(&h.name)
                );
                say(cmd, &text).await;
                self.failed = true;
                return false;
            };
            w.put(&header_block(h, true, base, prefix)).await;
            return true;
        }
        if name.len() > 100 {
            let long = Header {
                name: "././@LongLink".to_string(),
                size: name.len() as u64 + 1,
                kind: b'L',
                uname: "root".to_string(),
                gname: "root".to_string(),
                ..Header::default()
            };
            w.put(&header_block(&long, false, long.name.as_bytes(), b"")).await;
            let mut data = name.to_vec();
            data.push(0);
            data.resize(data.len().div_ceil(BLOCK) * BLOCK, 0);
            w.put(&data).await;
        }
        w.put(&header_block(h, false, name, b"")).await;
        true
    }

    async fn verbose_create(&mut self, cmd: &mut Cmd, h: &Header) {
        if self.verbose == 0 {
            return;
        }
        let line = if self.verbose > 1 {
            self.long_line(h)
        } else {
            format!("{}\n", escape_name(&h.name))
        };
        self.list_out(cmd, &line).await;
    }

    async fn list_out(&mut self, cmd: &mut Cmd, text: &str) {
        if self.list_to_stderr {
            say(cmd, text).await;
        } else {
            cmd.out.write_str(text).await;
        }
    }

    async fn add_dir(
        &mut self,
        cmd: &mut Cmd,
        w: &mut Writer,
        path: String,
        name: String,
        st: &Stat,
        archive: &Option<Stat>,
    ) {
        let p = cmd.p.clone();
        let mounts = self.mounts.get_or_insert_with(|| common::files::MountTable::load(&p));
        let dev = p.abs(&path).map(|a| mounts.device_of(&a)).unwrap_or_default();
        if self.above.iter().any(|(d, a)| *d == dev && same_file(a, st)) {
            say(
                cmd,
                &format!("tar: {}: File system loop detected; not dumped\n", escape_name(&path)),
            )
            .await;
            self.failed = true;
            return;
        }
        self.above.push((dev, st.clone()));
        self.add_dir_entries(cmd, w, path, name, st, archive).await;
        self.above.pop();
    }

    async fn add_dir_entries(
        &mut self,
        cmd: &mut Cmd,
        w: &mut Writer,
        path: String,
        name: String,
        st: &Stat,
        archive: &Option<Stat>,
    ) {
        let p = cmd.p.clone();
        let entries = p.readdir(&path).await;
        let dname = if name.ends_with('/') {
            name.clone()
        } else {
            format!("{name}/")
        };
        let h = self.header_for(dname.clone(), st, b'5');
        if self.write_header(cmd, w, &h).await {
            self.verbose_create(cmd, &h).await;
        }
        let mut names: Vec<String> = match entries {
            Ok(e) => e.into_iter().map(|e| e.name).collect(),
            Err(e) => {
                say(
                    cmd,
                    &format!("tar: {}: Cannot open: {}\n", escape_name(&path), e.strerror()),
                )
                .await;
                self.failed = true;
                return;
            }
        };
        names.sort();
        names.dedup();
        for n in names {
            let child = if path.ends_with('/') {
                format!("{path}{n}")
            } else {
                format!("{path}/{n}")
            };
            self.add(cmd, w, child, format!("{dname}{n}"), archive).await;
        }
    }

    async fn add_file(&mut self, cmd: &mut Cmd, w: &mut Writer, path: &str, name: String, st: &Stat) {
        let p = cmd.p.clone();
        let mut input = match Input::open(&p, path).await {
            Ok(i) => i,
            Err(e) => {
                say(
                    cmd,
                    &format!("tar: {}: Cannot open: {}\n", escape_name(path), e.strerror()),
                )
                .await;
                self.failed = true;
                return;
            }
        };
        let h = self.header_for(name, st, b'0');
        if !self.write_header(cmd, w, &h).await {
            input.close(&p).await;
            return;
        }
        self.verbose_create(cmd, &h).await;
        // Exactly the size in the header goes out, whatever happens to
        // the file meanwhile (GNU pads with zeros and complains).
        let mut left = h.size;
        while left > 0 {
            match input.chunk(&p).await {
                Ok(Some(c)) => {
                    let n = (c.len() as u64).min(left) as usize;
                    w.put(&c[..n]).await;
                    left -= n as u64;
                }
                Ok(None) => break,
                Err(e) => {
                    say(
                        cmd,
                        &format!("tar: {}: Read error: {}\n", escape_name(path), e.strerror()),
                    )
                    .await;
                    self.failed = true;
                    break;
                }
            }
        }
        if left > 0 {
            let text = format!(
                "tar: {}: File shrank by {left} bytes; padding with zeros\n",
                escape_name(path)
            );
            say(cmd, &text).await;
            self.failed = true;
            w.put(&vec![0u8; left as usize]).await;
        }
        let pad = (BLOCK - (h.size % BLOCK as u64) as usize) % BLOCK;
        w.put(&vec![0u8; pad]).await;
        input.close(&p).await;
    }

    /// The `-tv` line: `mode user/group size date time name`.
    fn long_line(&mut self, h: &Header) -> String {
        let user = if h.uname.is_empty() || self.numeric {
            h.uid.to_string()
        } else {
            h.uname.clone()
        };
        let group = if h.gname.is_empty() || self.numeric {
            h.gid.to_string()
        } else {
            h.gname.clone()
        };
        let size = if matches!(h.kind, b'3' | b'4') {
            format!("{},{}", h.major, h.minor)
        } else {
            h.size.to_string()
        };
        // GNU widens the column as it goes, never narrows it.
        let pad = user.len() + 1 + group.len() + 1 + size.len();
        self.ugswidth = self.ugswidth.max(pad);
        let width = self.ugswidth - pad + size.len();
        let t = time::tm(h.mtime);
        let mut date = format!("{}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.min);
        if self.full_time {
            date.push_str(&format!(":{:02}", t.sec));
        }
        let mut line = format!(
            "{} {user}/{group} {size:>width$} {date} {}",
            mode_string(h),
            escape_name(&h.name)
        );
        match h.kind {
            b'1' => line.push_str(&format!(" link to {}", escape_name(&h.link))),
            b'2' => line.push_str(&format!(" -> {}", escape_name(&h.link))),
            _ => {}
        }
        line.push('\n');
        line
    }
}

// ---------------------------------------------------------------------
// Reading.

/// Where archive bytes come from: as they are, or through gunzip.
struct Reader {
    src: Src,
    gz: bool,
    member: Option<Member>,
    gz_done: bool,
    buf: Vec<u8>,
    pos: usize,
    /// The archive's name for messages (`stdin` for gzip's).
    gz_name: String,
}

/// Why reading stopped.
enum ReadError {
    Eof,
    /// The input ended inside a block.
    Partial,
    Fatal,
}

impl Reader {
    /// More decompressed (or raw) bytes; false at the end.
    async fn more(&mut self, cmd: &mut Cmd) -> Result<bool, ReadError> {
        let p = cmd.p.clone();
        if !self.gz {
            return match self.src.input.chunk(&p).await {
                Ok(Some(c)) => {
                    self.buf.drain(..self.pos);
                    self.pos = 0;
                    self.buf.extend_from_slice(&c);
                    Ok(true)
                }
                Ok(None) => Ok(false),
                Err(e) => {
                    say(cmd, &format!("tar: Read error: {}\n", e.strerror())).await;
                    Err(ReadError::Fatal)
                }
            };
        }
        loop {
            if self.gz_done {
                return Ok(false);
            }
            if self.member.is_none() && !self.start_member(cmd).await? {
                self.gz_done = true;
                return Ok(false);
            }
            let Some(m) = self.member.as_mut() else {
                continue;
            };
            match m.next(&mut self.src, &p).await {
                Ok(Some(c)) => {
                    self.buf.drain(..self.pos);
                    self.pos = 0;
                    self.buf.extend_from_slice(&c);
                    return Ok(true);
                }
                Ok(None) => {
                    let out = m.out_len;
                    if m.check(out).is_err() {
                        let text = format!("\ngzip: {}: invalid compressed data--crc error\n", self.gz_name);
                        return Err(self.gzip_failed(cmd, &text).await);
                    }
                    self.member = None;
                }
                Err(GzError::UnexpectedEof) => {
                    let text = format!("\ngzip: {}: unexpected end of file\n", self.gz_name);
                    return Err(self.gzip_failed(cmd, &text).await);
                }
                Err(_) => {
                    let text = format!("\ngzip: {}: invalid compressed data--format violated\n", self.gz_name);
                    return Err(self.gzip_failed(cmd, &text).await);
                }
            }
        }
    }

    async fn gzip_failed(&mut self, cmd: &mut Cmd, text: &str) -> ReadError {
        say(cmd, &format!("{text}tar: Child returned status 1\n")).await;
        ReadError::Fatal
    }

    /// Read a gzip member's header; false when the input is over (after
    /// the first member, trailing bytes are ignored).
    async fn start_member(&mut self, cmd: &mut Cmd) -> Result<bool, ReadError> {
        let p = cmd.p.clone();
        let first = self.src.consumed == 0;
        let m0 = self.src.byte(&p).await.ok().flatten();
        let m1 = match m0 {
            Some(_) => self.src.byte(&p).await.ok().flatten(),
            None => None,
        };
        if m0 == Some(0x1f) && m1 == Some(0x8b) {
            match read_header(&mut self.src, &p).await {
                Ok(_) => {
                    self.member = Some(Member::new());
                    return Ok(true);
                }
                Err(_) => {
                    let text = format!("\ngzip: {}: unexpected end of file\n", self.gz_name);
                    return Err(self.gzip_failed(cmd, &text).await);
                }
            }
        }
        if first {
            let text = if m0.is_none() {
                format!("\ngzip: {}: unexpected end of file\n", self.gz_name)
            } else {
                format!("\ngzip: {}: not in gzip format\n", self.gz_name)
            };
            return Err(self.gzip_failed(cmd, &text).await);
        }
        Ok(false)
    }

    /// The next 512-byte block; `Eof` at a clean end, an error message
    /// for a partial block.
    async fn block(&mut self, cmd: &mut Cmd) -> Result<[u8; BLOCK], ReadError> {
        while self.buf.len() - self.pos < BLOCK {
            if !self.more(cmd).await? {
                if self.buf.len() > self.pos {
                    return Err(ReadError::Partial);
                }
                return Err(ReadError::Eof);
            }
        }
        let mut b = [0u8; BLOCK];
        b.copy_from_slice(&self.buf[self.pos..self.pos + BLOCK]);
        self.pos += BLOCK;
        Ok(b)
    }

    /// Up to `n` bytes of member data (at least one), for streaming.
    async fn data(&mut self, cmd: &mut Cmd, n: u64) -> Result<Vec<u8>, ReadError> {
        if self.buf.len() == self.pos && !self.more(cmd).await? {
            say(cmd, "tar: Unexpected EOF in archive\n").await;
            return Err(ReadError::Fatal);
        }
        let avail = self.buf.len() - self.pos;
        let take = (n.min(avail as u64)) as usize;
        let out = self.buf[self.pos..self.pos + take].to_vec();
        self.pos += take;
        Ok(out)
    }

    /// Skip a member's data and padding.
    async fn skip(&mut self, cmd: &mut Cmd, size: u64) -> Result<(), ReadError> {
        let mut left = padded(size);
        while left > 0 {
            let c = self.data(cmd, left).await?;
            left -= c.len() as u64;
        }
        Ok(())
    }

    /// A whole member's data (for long names and pax headers).
    async fn read_all(&mut self, cmd: &mut Cmd, size: u64) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut left = size;
        while left > 0 {
            let c = self.data(cmd, left).await?;
            left -= c.len() as u64;
            out.extend_from_slice(&c);
        }
        let pad = padded(size) - size;
        let mut left = pad;
        while left > 0 {
            let c = self.data(cmd, left).await?;
            left -= c.len() as u64;
        }
        Ok(out)
    }
}

fn padded(size: u64) -> u64 {
    size.div_ceil(BLOCK as u64) * BLOCK as u64
}

/// A name operand for -t/-x and whether it matched something.
struct Wanted {
    name: String,
    found: bool,
}

/// A directory whose mode and time are set once its contents are in.
struct DelayedDir {
    path: String,
    mode: u32,
    mtime: i64,
    uid: u32,
    gid: u32,
}

impl Tar {
    async fn read_archive(&mut self, cmd: &mut Cmd, archive: &str, items: &[Item]) -> Result<(), Fatal> {
        let p = cmd.p.clone();
        let input = if archive == "-" {
            Input::from_fd(0)
        } else {
            match Input::open(&p, archive).await {
                Ok(i) => i,
                Err(e) => {
                    say(cmd, &format!("tar: {archive}: Cannot open: {}\n", e.strerror())).await;
                    return Err(Fatal);
                }
            }
        };
        if self.op == Op::Extract && self.to_stdout {
            self.list_to_stderr = true;
        }
        let mut r = Reader {
            src: Src::new(input),
            gz: self.gzip,
            member: None,
            gz_done: false,
            buf: Vec::new(),
            pos: 0,
            gz_name: "stdin".to_string(),
        };
        if !self.gzip {
            // Compressed data without -z: GNU finds out by itself for a
            // file and refuses for a pipe.
            match r.more(cmd).await {
                Ok(true) if r.buf.starts_with(&[0x1f, 0x8b]) => {
                    if archive == "-" {
                        say(cmd, "tar: Archive is compressed. Use -z option\n").await;
                        return Err(Fatal);
                    }
                    let head = std::mem::take(&mut r.buf);
                    r.src.unread(head);
                    r.gz = true;
                }
                Ok(_) => {}
                Err(_) => return Err(Fatal),
            }
        }
        let mut wanted: Vec<Wanted> = Vec::new();
        for item in items {
            match item {
                Item::Dir(d) => {
                    if let Err(e) = p.chdir(d).await {
                        say(cmd, &format!("tar: {d}: Cannot open: {}\n", e.strerror())).await;
                        return Err(Fatal);
                    }
                }
                Item::Name(n) => wanted.push(Wanted {
                    name: n.clone(),
                    found: false,
                }),
            }
        }
        if !self.wildcards && wanted.iter().any(|w| has_wildcards(&w.name)) {
            let text = "tar: Pattern matching characters used in file names\n\
                        tar: Use --wildcards to enable pattern matching, or --no-wildcards to suppress this warning\n";
            say(cmd, text).await;
        }
        let mut dirs = Vec::new();
        let result = self.members(cmd, &mut r, &mut wanted, &mut dirs).await;
        for d in dirs.iter().rev() {
            self.set_dir_stat(cmd, d).await;
        }
        r.src.input.close(&p).await;
        result?;
        for w in &wanted {
            if !w.found {
                say(cmd, &format!("tar: {}: Not found in archive\n", escape_name(&w.name))).await;
                self.failed = true;
            }
        }
        Ok(())
    }

    fn selected(&self, wanted: &mut [Wanted], name: &str) -> bool {
        if wanted.is_empty() {
            return true;
        }
        let m = name.trim_end_matches('/');
        let mut any = false;
        for w in wanted.iter_mut() {
            let n = w.name.trim_end_matches('/');
            let hit = if self.wildcards && has_wildcards(n) {
                glob(n.as_bytes(), m.as_bytes())
                    || m.char_indices()
                        .filter(|&(_, c)| c == '/')
                        .any(|(i, _)| glob(n.as_bytes(), &m.as_bytes()[..i]))
            } else {
                m == n || (m.starts_with(n) && m.as_bytes().get(n.len()) == Some(&b'/')) || n.is_empty()
            };
            if hit {
                w.found = true;
                any = true;
            }
        }
        any
    }

    async fn members(
        &mut self,
        cmd: &mut Cmd,
        r: &mut Reader,
        wanted: &mut [Wanted],
        dirs: &mut Vec<DelayedDir>,
    ) -> Result<(), Fatal> {
        let mut first = true;
        let mut long_name: Option<String> = None;
        let mut long_link: Option<String> = None;
        let mut pax: Vec<(String, Vec<u8>)> = Vec::new();
        let mut skipping = false;
        loop {
            let b = match r.block(cmd).await {
                Ok(b) => b,
                Err(ReadError::Partial) if !first => {
                    say(cmd, "tar: Unexpected EOF in archive\n").await;
                    return Err(Fatal);
                }
                Err(ReadError::Eof | ReadError::Partial) => {
                    if first {
                        say(cmd, "tar: This does not look like a tar archive\n").await;
                        self.failed = true;
                    }
                    return Ok(());
                }
                Err(ReadError::Fatal) => return Err(Fatal),
            };
            if b.iter().all(|&c| c == 0) {
                // The end (an archive of nothing but end blocks is fine),
                // unless -i: then archives may follow one another.
                if self.ignore_zeros {
                    first = false;
                    continue;
                }
                return Ok(());
            }
            if !checksum_ok(&b) {
                if first {
                    say(cmd, "tar: This does not look like a tar archive\n").await;
                    say(cmd, "tar: Skipping to next header\n").await;
                    self.failed = true;
                    first = false;
                    skipping = true;
                    continue;
                }
                if !skipping {
                    say(cmd, "tar: Skipping to next header\n").await;
                    self.failed = true;
                    skipping = true;
                }
                continue;
            }
            first = false;
            skipping = false;
            let mut h = parse_header(&b);
            match h.kind {
                b'L' | b'K' | b'x' | b'g' => {
                    let data = match r.read_all(cmd, h.size).await {
                        Ok(d) => d,
                        Err(_) => return Err(Fatal),
                    };
                    let text = || {
                        let end = data.iter().position(|&c| c == 0).unwrap_or(data.len());
                        String::from_utf8_lossy(&data[..end]).into_owned()
                    };
                    match h.kind {
                        b'L' => long_name = Some(text()),
                        b'K' => long_link = Some(text()),
                        b'x' => pax = pax_records(&data),
                        _ => {}
                    }
                    continue;
                }
                _ => {}
            }
            if let Some(n) = long_name.take() {
                h.name = n;
            }
            if let Some(l) = long_link.take() {
                h.link = l;
            }
            for (k, v) in pax.drain(..) {
                let s = String::from_utf8_lossy(&v).into_owned();
                match k.as_str() {
                    "path" => h.name = s,
                    "linkpath" => h.link = s,
                    "size" => h.size = s.parse().unwrap_or(h.size),
                    "mtime" => {
                        let secs = s.split('.').next().unwrap_or("0");
                        h.mtime = secs.parse().unwrap_or(h.mtime);
                    }
                    "uname" => h.uname = s,
                    "gname" => h.gname = s,
                    "uid" => h.uid = s.parse().unwrap_or(h.uid),
                    "gid" => h.gid = s.parse().unwrap_or(h.gid),
                    _ => {}
                }
            }
            // Data follows only for files (and unknown types).
            let data_size = if matches!(h.kind, b'1' | b'2' | b'3' | b'4' | b'5' | b'6') {
                0
            } else {
                h.size
            };
            if !self.selected(wanted, &h.name) {
                if r.skip(cmd, data_size).await.is_err() {
                    return Err(Fatal);
                }
                continue;
            }
            let done = match self.op {
                Op::List => self.list_member(cmd, r, &h, data_size).await,
                _ => self.extract_member(cmd, r, &h, data_size, dirs).await,
            };
            if done.is_err() {
                return Err(Fatal);
            }
        }
    }

    async fn list_member(&mut self, cmd: &mut Cmd, r: &mut Reader, h: &Header, size: u64) -> Result<(), ReadError> {
        let line = if self.verbose > 0 {
            self.long_line(h)
        } else {
            format!("{}\n", escape_name(&h.name))
        };
        cmd.out.write_str(&line).await;
        r.skip(cmd, size).await
    }

    /// Where a member goes: stripped, relative; `None` to skip it.
    async fn target_path(&mut self, cmd: &mut Cmd, name: &str) -> Option<String> {
        let name = strip_components(name, self.strip)?;
        let mut name = name.as_str();
        if !self.absolute && name.starts_with('/') {
            if !self.warned_slash {
                self.warned_slash = true;
                say(cmd, "tar: Removing leading `/' from member names\n").await;
            }
            name = name.trim_start_matches('/');
            if name.is_empty() {
                return None;
            }
        }
        if !self.absolute && name.split('/').any(|c| c == "..") {
            say(cmd, &format!("tar: {}: Member name contains '..'\n", escape_name(name))).await;
            self.failed = true;
            return None;
        }
        Some(name.to_string())
    }

    async fn extract_member(
        &mut self,
        cmd: &mut Cmd,
        r: &mut Reader,
        h: &Header,
        size: u64,
        dirs: &mut Vec<DelayedDir>,
    ) -> Result<(), ReadError> {
        let Some(path) = self.target_path(cmd, &h.name).await else {
            return r.skip(cmd, size).await;
        };
        if self.verbose > 0 {
            let line = if self.verbose > 1 {
                self.long_line(h)
            } else {
                format!("{}\n", escape_name(&h.name))
            };
            self.list_out(cmd, &line).await;
        }
        if self.to_stdout {
            if matches!(h.kind, b'0' | 0 | b'7') {
                return self.copy_data(cmd, r, size, Sink::Stdout).await;
            }
            return r.skip(cmd, size).await;
        }
        match h.kind {
            b'5' => {
                let path = path.trim_end_matches('/').to_string();
                self.make_dir(cmd, &path, h, dirs).await;
                r.skip(cmd, size).await
            }
            b'0' | 0 | b'7' => self.extract_file(cmd, r, h, &path, size).await,
            b'1' => {
                self.extract_link(cmd, h, &path).await;
                r.skip(cmd, size).await
            }
            b'2' => {
                let text = format!(
                    "tar: {}: Cannot create symlink to '{}': Operation not supported\n",
                    escape_name(&path),
                    escape_name(&h.link)
                );
                say(cmd, &text).await;
                self.failed = true;
                r.skip(cmd, size).await
            }
            b'3' | b'4' | b'6' => {
                say(
                    cmd,
                    &format!("tar: {}: Cannot mknod: Operation not supported\n", escape_name(&path)),
                )
                .await;
                self.failed = true;
                r.skip(cmd, size).await
            }
            k => {
                // GNU extracts unknown types as regular files, with a warning.
                let text = format!(
                    "tar: {}: Unknown file type '{}', extracted as normal file\n",
                    escape_name(&path),
                    k as char
                );
                say(cmd, &text).await;
                self.extract_file(cmd, r, h, &path, size).await
            }
        }
    }

    /// The mode a member gets: as stored with -p (or as root), else
    /// without the umask's bits.
    fn member_mode(&self, cmd: &Cmd, h: &Header) -> u32 {
        if self.same_perms {
            h.mode & 0o7777
        } else {
            h.mode & 0o777 & !cmd.p.umask()
        }
    }

    /// Make the parents of `path` as needed.
    async fn make_parents(&mut self, cmd: &mut Cmd, path: &str) {
        let p = cmd.p.clone();
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            let dir = &path[..at + i];
            at += i + 1;
            if dir.is_empty() || dir == "." {
                continue;
            }
            if p.stat(dir).await.is_err() {
                let _ = p.mkdir(dir, 0o777 & !p.umask()).await;
            }
        }
    }

    async fn make_dir(&mut self, cmd: &mut Cmd, path: &str, h: &Header, dirs: &mut Vec<DelayedDir>) {
        let p = cmd.p.clone();
        if path.is_empty() || path == "." {
            return;
        }
        self.make_parents(cmd, path).await;
        match p.stat(path).await {
            Ok(st) if st.is_dir() => {}
            Ok(_) if self.keep_old => {
                say(cmd, &format!("tar: {}: Cannot mkdir: File exists\n", escape_name(path))).await;
                self.failed = true;
                return;
            }
            _ => {
                // Make it writable for now; the real mode comes at the end.
                let _ = p.remove(path).await;
                if let Err(e) = p.mkdir(path, 0o700).await {
                    say(
                        cmd,
                        &format!("tar: {}: Cannot mkdir: {}\n", escape_name(path), e.strerror()),
                    )
                    .await;
                    self.failed = true;
                    return;
                }
            }
        }
        dirs.push(DelayedDir {
            path: path.to_string(),
            mode: self.member_mode(cmd, h),
            mtime: h.mtime,
            uid: h.uid,
            gid: h.gid,
        });
    }

    async fn set_dir_stat(&mut self, cmd: &mut Cmd, d: &DelayedDir) {
        let changes = StatChanges {
            mode: Some(d.mode),
            mtime: (!self.touch).then_some(d.mtime.max(0) as u64 * 1000),
            ..StatChanges::default()
        };
        let _ = cmd.p.wstat(&d.path, &changes).await;
        if self.same_owner {
            let owner = StatChanges {
                uid: Some(d.uid),
                gid: Some(d.gid),
                ..StatChanges::default()
            };
            let _ = cmd.p.wstat(&d.path, &owner).await;
        }
    }

    /// Open a member's file for writing, as GNU does about what is there.
    /// `None`: skip the data (after any message).
    async fn open_target(&mut self, cmd: &mut Cmd, path: &str) -> Option<Fd> {
        let p = cmd.p.clone();
        self.make_parents(cmd, path).await;
        if let Ok(st) = p.stat(path).await {
            if self.skip_old {
                return None;
            }
            if self.keep_old {
                say(cmd, &format!("tar: {}: Cannot open: File exists\n", escape_name(path))).await;
                self.failed = true;
                return None;
            }
            if st.is_dir() {
                if let Err(e) = p.remove(path).await {
                    let text = format!("tar: {}: Cannot open: {}\n", escape_name(path), e.strerror());
                    say(cmd, &text).await;
                    self.failed = true;
                    return None;
                }
            } else {
                let _ = p.remove(path).await;
            }
        }
        let flags = OpenFlags {
            perm: 0o600,
            ..OpenFlags::WRITE
        };
        match p.open(path, flags).await {
            Ok(fd) => Some(fd),
            Err(e) => {
                say(
                    cmd,
                    &format!("tar: {}: Cannot open: {}\n", escape_name(path), e.strerror()),
                )
                .await;
                self.failed = true;
                None
            }
        }
    }

    async fn extract_file(
        &mut self,
        cmd: &mut Cmd,
        r: &mut Reader,
        h: &Header,
        path: &str,
        size: u64,
    ) -> Result<(), ReadError> {
        let Some(fd) = self.open_target(cmd, path).await else {
            return r.skip(cmd, size).await;
        };
        let res = self.copy_data(cmd, r, size, Sink::File(fd, path.to_string())).await;
        let _ = cmd.p.close(fd).await;
        res?;
        self.set_file_stat(cmd, path, h).await;
        Ok(())
    }

    async fn set_file_stat(&mut self, cmd: &mut Cmd, path: &str, h: &Header) {
        let changes = StatChanges {
            mode: Some(self.member_mode(cmd, h)),
            mtime: (!self.touch).then_some(h.mtime.max(0) as u64 * 1000),
            ..StatChanges::default()
        };
        if let Err(e) = cmd.p.wstat(path, &changes).await {
            say(
                cmd,
                &format!("tar: {}: Cannot change mode: {}\n", escape_name(path), e.strerror()),
            )
            .await;
            self.failed = true;
        }
        if self.same_owner {
            let uid = self.users.uid_of(&h.uname).map_or(h.uid, |(u, _)| u);
            let gid = self.users.gid_of(&h.gname).unwrap_or(h.gid);
            let owner = StatChanges {
                uid: Some(uid),
                gid: Some(gid),
                ..StatChanges::default()
            };
            let _ = cmd.p.wstat(path, &owner).await;
        }
    }

    /// A hard link: there are none here, so the file it names is copied.
    async fn extract_link(&mut self, cmd: &mut Cmd, h: &Header, path: &str) {
        let p = cmd.p.clone();
        let Some(target) = strip_components(&h.link, self.strip) else {
            return;
        };
        let target = if self.absolute {
            target
        } else {
            target.trim_start_matches('/').to_string()
        };
        let data = match Input::open(&p, &target).await {
            Ok(mut i) => {
                let d = i.read_all(&p).await;
                i.close(&p).await;
                d
            }
            Err(e) => Err(e),
        };
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                let text = format!(
                    "tar: {}: Cannot hard link to '{}': {}\n",
                    escape_name(path),
                    escape_name(&target),
                    e.strerror()
                );
                say(cmd, &text).await;
                self.failed = true;
                return;
            }
        };
        let Some(fd) = self.open_target(cmd, path).await else {
            return;
        };
        let _ = p.write(fd, &data).await;
        let _ = p.close(fd).await;
        if let Ok(st) = p.stat(&target).await {
            let changes = StatChanges {
                mode: Some(st.mode() & 0o7777),
                mtime: Some(st.mtime),
                ..StatChanges::default()
            };
            let _ = p.wstat(path, &changes).await;
        }
    }

    /// A member's data to a file or stdout, and its padding skipped.
    async fn copy_data(&mut self, cmd: &mut Cmd, r: &mut Reader, size: u64, sink: Sink) -> Result<(), ReadError> {
        let mut left = size;
        let mut write_failed = false;
        while left > 0 {
            let c = r.data(cmd, left).await?;
            left -= c.len() as u64;
            if write_failed {
                continue;
            }
            match &sink {
                Sink::Stdout => cmd.out.write(&c).await,
                Sink::File(fd, path) => {
                    if let Err(e) = cmd.p.write(*fd, &c).await {
                        say(
                            cmd,
                            &format!("tar: {}: Cannot write: {}\n", escape_name(path), e.strerror()),
                        )
                        .await;
                        self.failed = true;
                        write_failed = true;
                    }
                }
            }
        }
        let mut pad = padded(size) - size;
        while pad > 0 {
            let c = r.data(cmd, pad).await?;
            pad -= c.len() as u64;
        }
        Ok(())
    }
}

enum Sink {
    Stdout,
    File(Fd, String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn traditional_syntax() {
        assert_eq!(
            traditional(&args(&["cvf", "a.tar", "x"])),
            args(&["-c", "-v", "-f", "a.tar", "x"])
        );
        assert_eq!(traditional(&args(&["-cf", "a.tar"])), args(&["-cf", "a.tar"]));
        assert_eq!(
            traditional(&args(&["xCf", "d", "a.tar"])),
            args(&["-x", "-C", "d", "-f", "a.tar"])
        );
    }

    #[test]
    fn operands_and_dirs_in_order() {
        let (o, items) = parse(&args(&["-cf", "a", "x", "-C", "d", "y", "-v", "--", "-z"])).unwrap();
        assert!(o.has("verbose"));
        let v: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Dir(d) => format!("C:{d}"),
                Item::Name(n) => n.clone(),
            })
            .collect();
        assert_eq!(v, ["x", "C:d", "y", "-z"]);
    }

    #[test]
    fn header_round_trip() {
        let h = Header {
            name: "d/f".into(),
            mode: 0o644,
            uid: 1000,
            gid: 1000,
            size: 12,
            mtime: 1_767_225_600,
            kind: b'0',
            uname: "user".into(),
            gname: "user".into(),
            ..Header::default()
        };
        let b = header_block(&h, false, h.name.as_bytes(), b"");
        assert!(checksum_ok(&b));
        assert_eq!(parse_header(&b), h);
        assert_eq!(&b[148..156], b"010157\0 ");
        let long = "a/".repeat(70) + "file";
        let (prefix, name) = ustar_split(long.as_bytes()).unwrap();
        let b = header_block(&h, true, name, prefix);
        assert_eq!(parse_header(&b).name, long);
    }

    #[test]
    fn numbers() {
        assert_eq!(get_num(b"0000644\0"), Some(0o644));
        assert_eq!(get_num(b"  644 \0"), Some(0o644));
        assert_eq!(get_num(&[0x80, 0, 0, 0, 0, 0, 1, 0]), Some(256));
        assert_eq!(get_num(b"\0\0\0"), Some(0));
        assert_eq!(get_num(b"9\0"), None);
    }

    #[test]
    fn strip() {
        assert_eq!(strip_components("a/b/c", 1).as_deref(), Some("b/c"));
        assert_eq!(strip_components("a/", 1), None);
        assert_eq!(strip_components("a/b/", 1).as_deref(), Some("b/"));
        assert_eq!(strip_components("f", 0).as_deref(), Some("f"));
    }

    #[test]
    fn globs() {
        assert!(glob(b"*.txt", b"d/a.txt"));
        assert!(glob(b"a?c", b"abc"));
        assert!(glob(b"[a-c]x", b"bx"));
        assert!(!glob(b"[!a-c]x", b"bx"));
        assert!(!glob(b"*.txt", b"a.txt.gz"));
        assert!(excluded(&["*.o".to_string()], "d/x.o"));
        assert!(excluded(&["skip".to_string()], "d/skip/"));
        assert!(!excluded(&["skip".to_string()], "d/skipper"));
    }

    #[test]
    fn modes() {
        let h = Header {
            mode: 0o4755,
            kind: b'0',
            ..Header::default()
        };
        assert_eq!(mode_string(&h), "-rwsr-xr-x");
        let h = Header {
            mode: 0o1777,
            kind: b'5',
            ..Header::default()
        };
        assert_eq!(mode_string(&h), "drwxrwxrwt");
    }
}
