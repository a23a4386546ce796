//! `ls`: list directory contents, as GNU coreutils' ls does under
//! LC_ALL=C and TZ=UTC.
//!
//! What ninebox's file systems have and GNU's would show differently:
//! * Block counts (`-s`, `total`): MemoryFS stores no blocks; a file
//!   counts whole 4 KiB pages for its data and a directory nothing, the
//!   model du and stat use (`common::files::allocated`).
//! * Link counts: a file has 1; a directory 2 plus its subdirectories, as
//!   on a Unix file system (there are no hard links to count).
//! * Inode numbers (`-i`) are the files' qids.
//! * Devices have no major/minor numbers: `-l` shows their size.
//! * There are no symbolic links (`-L`, `-H` change nothing) and no access
//!   or birth times (`-u`, `--time=atime` are rejected).

use std::sync::atomic::{AtomicBool, Ordering};

use kernel::{NodeType, Proc, Stat};

use common::argmatch::argmatch;
use common::bytes::from_os;
use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::files;
use common::mode::mode_string;
use common::pattern::Pattern;
use common::quote::quote as quoteaf;
use common::quotearg::{self, Style};
use common::size::human;
use common::time;
use common::users::Users;

const HELP: &str = "Usage: ls [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftvSUX nor --sort is specified.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
      --author               with -l, print the author of each file
  -b, --escape               print C-style escapes for nongraphic characters
  -B, --ignore-backups       do not list implied entries ending with ~
  -c                         with -lt: sort by, and show, ctime (time of last
                             change of file status information);
                             with -l: show ctime and sort by name;
                             otherwise: sort by ctime, newest first
  -C                         list entries by columns
      --color[=WHEN]         color the output WHEN; more info below
  -d, --directory            list directories themselves, not their contents
  -f                         list all entries in directory order
  -F, --classify[=WHEN]      append indicator (one of */=>@|) to entries WHEN
      --file-type            likewise, except do not append '*'
      --format=WORD          across -x, commas -m, horizontal -x, long -l,
                             single-column -1, verbose -l, vertical -C
      --full-time            like -l --time-style=full-iso
  -g                         like -l, but do not list owner
      --group-directories-first
                             group directories before files;
                             can be augmented with a --sort option, but any
                             use of --sort=none (-U) disables grouping
  -G, --no-group             in a long listing, don't print group names
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
      --si                   likewise, but use powers of 1000 not 1024
  -H, --dereference-command-line
                             follow symbolic links listed on the command line
                             (there are none here: no effect)
      --hide=PATTERN         do not list implied entries matching shell PATTERN
                             (overridden by -a or -A)
      --indicator-style=WORD
                             append indicator with style WORD to entry names:
                             none (default), slash (-p),
                             file-type (--file-type), classify (-F)
  -i, --inode                print the index number (qid) of each file
  -I, --ignore=PATTERN       do not list implied entries matching shell PATTERN
  -k, --kibibytes            default to 1024-byte blocks for file system usage;
                             used only with -s and per directory totals
                             (already the default)
  -l                         use a long listing format
  -L, --dereference          show information for the file a symbolic link
                             references (there are none here: no effect)
  -m                         fill width with a comma separated list of entries
  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs
  -N, --literal              print entry names without quoting
  -o                         like -l, but do not list group information
  -p, --indicator-style=slash
                             append / indicator to directories
  -q, --hide-control-chars   print ? instead of nongraphic characters
      --show-control-chars   show nongraphic characters as-is (the default,
                             unless output is the console)
  -Q, --quote-name           enclose entry names in double quotes
      --quoting-style=WORD   use quoting style WORD for entry names:
                             literal, locale, shell, shell-always,
                             shell-escape, shell-escape-always, c, escape
                             (overrides QUOTING_STYLE environment variable)
  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -s, --size                 print the allocated size of each file, in blocks
  -S                         sort by file size, largest first
      --sort=WORD            sort by WORD instead of name: none (-U), size (-S),
                             time (-t), version (-v), extension (-X), width
      --time=WORD            with -l, show time WORD instead of modification
                             time: ctime, status (there are no access or birth
                             times here); with --sort=time, sort by it
      --time-style=TIME_STYLE
                             time/date format with -l; see TIME_STYLE below
  -t                         sort by time, newest first; see --time
  -T, --tabsize=COLS         assume tab stops at each COLS instead of 8
  -U                         do not sort; list entries in directory order
  -v                         natural sort of (version) numbers within text
  -w, --width=COLS           set output width to COLS.  0 means no limit
  -x                         list entries by lines instead of by columns
  -X                         sort alphabetically by entry extension
      --zero                 end each output line with NUL, not newline
  -1                         list one file per line
      --help        display this help and exit
      --version     output version information and exit

The TIME_STYLE argument can be full-iso, long-iso, iso, locale, or +FORMAT.
FORMAT is interpreted like in date(1).  If FORMAT is FORMAT1<newline>FORMAT2,
then FORMAT1 applies to non-recent files and FORMAT2 to recent files.
TIME_STYLE prefixed with 'posix-' takes effect only outside the POSIX locale.
Also the TIME_STYLE environment variable sets the default style to use.
Times are shown in UTC.

The WHEN argument defaults to 'always' and can also be 'auto' or 'never'.

Using color to distinguish file types is disabled both by default and
with --color=never.  With --color=auto, ls emits color codes only when
standard output is the console.  The LS_COLORS environment variable can
change the settings.

On the console (standard output on /dev/cons) ls lists in columns as wide
as the console, quotes names as the shell would and shows control
characters as ?; elsewhere one name per line, as they are. The width is
-w, else the console's, else $COLUMNS, else 80.

Here a file's blocks are its data in whole 4 KiB pages and a directory
has none (memory file systems keep no blocks), a directory's link count
is 2 plus its subdirectories, and -i shows qids.

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).
";

const SPEC: &[Opt] = &[
    flag("all", 'a'),
    flag("almost-all", 'A'),
    long("author", Arg::No),
    flag("escape", 'b'),
    flag("ignore-backups", 'B'),
    flag("c", 'c'),
    flag("C", 'C'),
    long("color", Arg::Optional),
    flag("directory", 'd'),
    flag("f", 'f'),
    Opt {
        long: "classify",
        short: Some('F'),
        arg: Arg::Optional,
    },
    long("file-type", Arg::No),
    long("format", Arg::Required),
    long("full-time", Arg::No),
    flag("g", 'g'),
    long("group-directories-first", Arg::No),
    flag("no-group", 'G'),
    flag("human-readable", 'h'),
    long("si", Arg::No),
    flag("dereference-command-line", 'H'),
    long("dereference-command-line-symlink-to-dir", Arg::No),
    long("hide", Arg::Required),
    long("indicator-style", Arg::Required),
    flag("inode", 'i'),
    value("ignore", 'I'),
    flag("kibibytes", 'k'),
    flag("l", 'l'),
    flag("dereference", 'L'),
    flag("m", 'm'),
    flag("numeric-uid-gid", 'n'),
    flag("literal", 'N'),
    flag("o", 'o'),
    flag("p", 'p'),
    flag("hide-control-chars", 'q'),
    long("show-control-chars", Arg::No),
    flag("quote-name", 'Q'),
    long("quoting-style", Arg::Required),
    flag("reverse", 'r'),
    flag("recursive", 'R'),
    flag("size", 's'),
    flag("S", 'S'),
    long("sort", Arg::Required),
    long("time", Arg::Required),
    long("time-style", Arg::Required),
    flag("t", 't'),
    value("tabsize", 'T'),
    flag("U", 'U'),
    flag("v", 'v'),
    value("width", 'w'),
    flag("x", 'x'),
    flag("X", 'X'),
    long("zero", Arg::No),
    flag("1", '1'),
];

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Format {
    Long,
    One,
    Columns,
    Across,
    Commas,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum SortBy {
    Name,
    None,
    Time,
    Size,
    Extension,
    Version,
    Width,
}

/// Which entries stay hidden: GNU's ignore modes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Hidden {
    /// Dotfiles and --hide/-I patterns.
    Default,
    /// Only `.` and `..` (and -I patterns).
    DotAndDotDot,
    /// Nothing but -I patterns.
    Minimal,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Indicator {
    None,
    Slash,
    FileType,
    Classify,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum TimeKind {
    Mtime,
    Ctime,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum When {
    Always,
    Never,
    Auto,
}

const WHENS: &[(&str, When)] = &[
    ("always", When::Always),
    ("yes", When::Always),
    ("force", When::Always),
    ("never", When::Never),
    ("no", When::Never),
    ("none", When::Never),
    ("auto", When::Auto),
    ("tty", When::Auto),
    ("if-tty", When::Auto),
];

/// strftime formats for old and recent files.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TimeStyle {
    old: String,
    recent: String,
}

impl TimeStyle {
    fn locale() -> TimeStyle {
        TimeStyle {
            old: "%b %e  %Y".into(),
            recent: "%b %e %H:%M".into(),
        }
    }

    fn same(f: &str) -> TimeStyle {
        TimeStyle {
            old: f.into(),
            recent: f.into(),
        }
    }

    /// A `--time-style` word, or `None` if it is not one.
    fn parse(style: &str) -> Option<TimeStyle> {
        if let Some(f) = style.strip_prefix('+') {
            return Some(match f.split_once('\n') {
                Some((old, recent)) => TimeStyle {
                    old: old.into(),
                    recent: recent.into(),
                },
                None => TimeStyle::same(f),
            });
        }
        // `posix-` styles apply only outside the POSIX locale, and this is
        // always the C locale.
        if style.starts_with("posix-") {
            return Some(TimeStyle::locale());
        }
        Some(match style {
            "full-iso" => TimeStyle::same("%Y-%m-%d %H:%M:%S.%N %z"),
            "long-iso" => TimeStyle::same("%Y-%m-%d %H:%M"),
            "iso" => TimeStyle {
                old: "%Y-%m-%d ".into(),
                recent: "%m-%d %H:%M".into(),
            },
            "locale" => TimeStyle::locale(),
            _ => return None,
        })
    }
}

/// SGR codes for file kinds (LS_COLORS).
#[derive(Clone, Debug)]
struct Colors {
    left: String,
    right: String,
    end: Option<String>,
    reset: String,
    normal: Option<String>,
    file: Option<String>,
    dir: Option<String>,
    exec: Option<String>,
    device: Option<String>,
    setuid: Option<String>,
    setgid: Option<String>,
    sticky: Option<String>,
    other_writable: Option<String>,
    sticky_other_writable: Option<String>,
    clear_eol: String,
    /// `*.ext` (or any `*suffix`) entries, in order.
    suffixes: Vec<(String, String)>,
}

impl Colors {
    /// GNU ls's built-in table, used when LS_COLORS is not set.
    fn builtin() -> Colors {
        let s = |x: &str| Some(x.to_string());
        Colors {
            left: "\x1b[".into(),
            right: "m".into(),
            end: None,
            reset: "0".into(),
            normal: None,
            file: None,
            dir: s("01;34"),
            exec: s("01;32"),
            device: s("01;33"),
            setuid: s("37;41"),
            setgid: s("30;43"),
            sticky: s("37;44"),
            other_writable: s("34;42"),
            sticky_other_writable: s("30;42"),
            clear_eol: "\x1b[K".into(),
            suffixes: Vec::new(),
        }
    }

    /// The built-in table updated by `LS_COLORS`; `Err` with GNU's
    /// complaints if it cannot be parsed (color is then turned off).
    fn from_env(spec: &str) -> Result<Colors, Vec<String>> {
        let unparsable = || vec!["unparsable value for LS_COLORS environment variable".to_string()];
        let mut c = Colors::builtin();
        for item in spec.split(':').filter(|i| !i.is_empty()) {
            let (key, val) = item.split_once('=').ok_or_else(unparsable)?;
            let val = unescape(val).ok_or_else(unparsable)?;
            let opt = (!val.is_empty()).then(|| val.clone());
            if let Some(suffix) = key.strip_prefix('*') {
                c.suffixes.push((suffix.to_string(), val));
                continue;
            }
            match key {
                "lc" => c.left = val,
                "rc" => c.right = val,
                "ec" => c.end = opt,
                "rs" => c.reset = val,
                "no" => c.normal = opt,
                "fi" => c.file = opt,
                "di" => c.dir = opt,
                "ex" => c.exec = opt,
                "cd" => c.device = opt,
                "su" => c.setuid = opt,
                "sg" => c.setgid = opt,
                "st" => c.sticky = opt,
                "ow" => c.other_writable = opt,
                "tw" => c.sticky_other_writable = opt,
                "cl" => c.clear_eol = val,
                // Kinds that do not exist here (links, pipes, sockets...).
                "ln" | "pi" | "so" | "bd" | "or" | "mi" | "do" | "ca" | "mh" => {}
                _ => {
                    let mut v = vec![format!("unrecognized prefix: {}", quotearg::quote_locale(key))];
                    v.extend(unparsable());
                    return Err(v);
                }
            }
        }
        Ok(c)
    }

    /// The color of a file, if it has one.
    fn of(&self, name: &str, kind: NodeType, mode: u32) -> Option<&str> {
        let code = match kind {
            NodeType::Dir => {
                if mode & 0o1002 == 0o1002 && self.sticky_other_writable.is_some() {
                    &self.sticky_other_writable
                } else if mode & 0o002 != 0 && self.other_writable.is_some() {
                    &self.other_writable
                } else if mode & 0o1000 != 0 && self.sticky.is_some() {
                    &self.sticky
                } else {
                    &self.dir
                }
            }
            NodeType::Device => &self.device,
            NodeType::File => {
                let special = if mode & 0o4000 != 0 && self.setuid.is_some() {
                    &self.setuid
                } else if mode & 0o2000 != 0 && self.setgid.is_some() {
                    &self.setgid
                } else if mode & 0o111 != 0 && self.exec.is_some() {
                    &self.exec
                } else {
                    &None
                };
                if special.is_some() {
                    special
                } else if let Some(code) = self.suffix(name) {
                    return Some(code);
                } else {
                    &self.file
                }
            }
        };
        code.as_deref()
    }

    /// A suffix color: an exact-case match first, then any case.
    fn suffix(&self, name: &str) -> Option<&str> {
        let exact = self.suffixes.iter().rev().find(|(s, _)| name.ends_with(s.as_str()));
        let found = exact.or_else(|| {
            let lower = name.to_ascii_lowercase();
            self.suffixes
                .iter()
                .rev()
                .find(|(s, _)| lower.ends_with(&s.to_ascii_lowercase()))
        });
        found.map(|(_, c)| c.as_str()).filter(|c| !c.is_empty())
    }

    fn start(&self, code: &str) -> String {
        format!("{}{code}{}", self.left, self.right)
    }

    fn stop(&self) -> String {
        match &self.end {
            Some(e) => e.clone(),
            None => format!("{}{}{}", self.left, self.reset, self.right),
        }
    }
}

/// LS_COLORS escapes: `\e`, `\a`..., octal `\NNN`, `^X`.
fn unescape(v: &str) -> Option<String> {
    let b = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 1;
                let c = *b.get(i)?;
                match c {
                    b'0'..=b'7' => {
                        let mut n = 0u32;
                        let mut k = 0;
                        while k < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                            n = n * 8 + u32::from(b[i] - b'0');
                            i += 1;
                            k += 1;
                        }
                        out.push(n as u8);
                        continue;
                    }
                    b'e' => out.push(0x1b),
                    b'a' => out.push(7),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'v' => out.push(11),
                    b'?' => out.push(127),
                    b'_' => out.push(b' '),
                    _ => out.push(c),
                }
            }
            b'^' => {
                i += 1;
                let c = *b.get(i)?;
                out.push(if c == b'?' { 127 } else { c & 0x1f });
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

struct Config {
    format: Format,
    sort: SortBy,
    reverse: bool,
    hidden: Hidden,
    indicator: Indicator,
    time: TimeKind,
    recursive: bool,
    directory: bool,
    inode: bool,
    blocks: bool,
    human: Option<bool>,
    owner: bool,
    group: bool,
    author: bool,
    numeric: bool,
    colors: Option<Colors>,
    time_style: TimeStyle,
    dirs_first: bool,
    quoting: Style,
    /// Characters the quoting style must escape too (indicators, ` `).
    quote_extra: Vec<u8>,
    hide_control: bool,
    width: usize,
    tabsize: usize,
    ignore: Vec<Pattern>,
    hide: Vec<Pattern>,
    eol: u8,
}

impl Config {
    /// Whether names that stay unquoted get a space so that they line up
    /// with quoted ones.
    fn align_quotes(&self) -> bool {
        let styles = matches!(self.quoting, Style::Shell | Style::ShellEscape | Style::CMaybe);
        let formats =
            self.format == Format::Long || (matches!(self.format, Format::Columns | Format::Across) && self.width > 0);
        styles && formats
    }

    /// Whether entries need a stat beyond what readdir tells.
    fn needs_stat(&self) -> bool {
        self.format == Format::Long
            || matches!(self.sort, SortBy::Time | SortBy::Size)
            || self.blocks
            || self.inode
            || self.indicator == Indicator::Classify
            || self.colors.is_some()
    }
}

enum Setup {
    Run(Box<Config>),
    Exit(i32),
}

/// A width or tab size: digits, a number too large meaning "no limit" as
/// GNU's saturating parse has it.
fn count(s: &str) -> Option<usize> {
    let t = s.trim_start();
    let digits = t.strip_prefix('+').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().unwrap_or(usize::MAX))
}

/// `$COLORTERM` is set, or `$TERM` names a terminal GNU's color database
/// knows.
fn color_terminal(p: &Proc) -> bool {
    if p.getenv("COLORTERM").is_some_and(|c| !c.is_empty()) {
        return true;
    }
    let Some(term) = p.getenv("TERM") else {
        return false;
    };
    const TERMS: &[&str] = &[
        "Eterm",
        "ansi",
        "*color*",
        "con[0-9]*x[0-9]*",
        "cons25",
        "console",
        "cygwin",
        "*direct*",
        "dtterm",
        "gnome",
        "hurd",
        "jfbterm",
        "konsole",
        "kterm",
        "linux",
        "linux-c",
        "mlterm",
        "putty",
        "rxvt*",
        "screen*",
        "st",
        "terminator",
        "tmux*",
        "vt100",
        "xterm*",
    ];
    let t = from_os(&term);
    TERMS.iter().any(|pat| Pattern::parse(pat).matches(&t))
}

/// A number as C's `strtoumax(s, 0)` reads `$COLUMNS`: leading blanks,
/// `0x` for hex, a leading 0 for octal.
fn c_number(s: &str) -> Option<usize> {
    let t = s.trim_start();
    let (digits, radix) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (h, 16)
    } else if t.len() > 1 && t.starts_with('0') {
        (&t[1..], 8)
    } else {
        (t, 10)
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    usize::from_str_radix(digits, radix).ok()
}

/// The width of the console standard output is on: its `size` file
/// (`cols rows`) next to its `data`.
async fn console_columns(p: &Proc) -> Option<usize> {
    let name = p.fd_name(1).ok().filter(|n| n.contains("cons"))?;
    let size = format!("{}/size", name.rsplit_once('/')?.0);
    let text = p.read_file(&size).await.ok()?;
    let cols = String::from_utf8_lossy(&text)
        .split_whitespace()
        .next()?
        .parse::<usize>()
        .ok()?;
    (cols > 0).then_some(cols)
}

async fn configure(cmd: &mut Cmd, opts: &Opts) -> Setup {
    let tty = common::io::is_console(&cmd.p, 1);
    let mut format = if tty { Format::Columns } else { Format::One };
    let mut format_set = false;
    let mut sort = SortBy::Name;
    let mut sort_set = false;
    let mut time = TimeKind::Mtime;
    let mut color = When::Never;
    let mut time_style: Option<String> = None;
    let mut quoting: Option<Style> = None;
    let mut hide_control = tty;
    let mut width: Option<String> = None;
    let mut tabsize: Option<String> = None;
    let mut c = Config {
        format,
        sort,
        reverse: false,
        hidden: Hidden::Default,
        indicator: Indicator::None,
        time,
        recursive: false,
        directory: false,
        inode: false,
        blocks: false,
        human: None,
        owner: true,
        group: true,
        author: false,
        numeric: false,
        colors: None,
        time_style: TimeStyle::locale(),
        dirs_first: false,
        quoting: Style::Literal,
        quote_extra: Vec::new(),
        hide_control,
        width: 80,
        tabsize: 8,
        ignore: Vec::new(),
        hide: Vec::new(),
        eol: b'\n',
    };
    for (name, v) in &opts.list {
        let arg = v.as_deref();
        match *name {
            "all" => c.hidden = Hidden::Minimal,
            "almost-all" => c.hidden = Hidden::DotAndDotDot,
            "author" => c.author = true,
            "escape" => quoting = Some(Style::Escape),
            "ignore-backups" => {
                c.ignore.push(Pattern::parse("*~"));
                c.ignore.push(Pattern::parse(".*~"));
            }
            "c" => time = TimeKind::Ctime,
            "C" => (format, format_set) = (Format::Columns, true),
            "color" => {
                color = match arg {
                    None => When::Always,
                    Some(_) => match argmatch("--color", arg.unwrap_or(""), WHENS) {
                        Ok(w) => w,
                        Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                    },
                }
            }
            "directory" => c.directory = true,
            "f" => {
                c.hidden = Hidden::Minimal;
                (sort, sort_set) = (SortBy::None, true);
                if format == Format::Long {
                    format = if tty { Format::Columns } else { Format::One };
                }
                c.blocks = false;
                color = When::Never;
            }
            "classify" => {
                let when = match arg {
                    None => When::Always,
                    Some(_) => match argmatch("--classify", arg.unwrap_or(""), WHENS) {
                        Ok(w) => w,
                        Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                    },
                };
                if when == When::Always || (when == When::Auto && tty) {
                    c.indicator = Indicator::Classify;
                }
            }
            "file-type" => c.indicator = Indicator::FileType,
            "format" => {
                let words = [
                    ("verbose", Format::Long),
                    ("long", Format::Long),
                    ("commas", Format::Commas),
                    ("horizontal", Format::Across),
                    ("across", Format::Across),
                    ("vertical", Format::Columns),
                    ("single-column", Format::One),
                ];
                match argmatch("--format", arg.unwrap_or(""), &words) {
                    Ok(f) => (format, format_set) = (f, true),
                    Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                }
            }
            "full-time" => {
                (format, format_set) = (Format::Long, true);
                time_style = Some("full-iso".into());
            }
            "g" => {
                (format, format_set) = (Format::Long, true);
                c.owner = false;
            }
            "group-directories-first" => c.dirs_first = true,
            "no-group" => c.group = false,
            "human-readable" => c.human = Some(false),
            "si" => c.human = Some(true),
            "hide" => c.hide.push(Pattern::parse(&from_os(arg.unwrap_or("")))),
            "indicator-style" => {
                let words = [
                    ("none", Indicator::None),
                    ("slash", Indicator::Slash),
                    ("file-type", Indicator::FileType),
                    ("classify", Indicator::Classify),
                ];
                match argmatch("--indicator-style", arg.unwrap_or(""), &words) {
                    Ok(i) => c.indicator = i,
                    Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                }
            }
            "inode" => c.inode = true,
            "ignore" => c.ignore.push(Pattern::parse(&from_os(arg.unwrap_or("")))),
            "l" => (format, format_set) = (Format::Long, true),
            "m" => (format, format_set) = (Format::Commas, true),
            "numeric-uid-gid" => {
                (format, format_set) = (Format::Long, true);
                c.numeric = true;
            }
            "literal" => quoting = Some(Style::Literal),
            "o" => {
                (format, format_set) = (Format::Long, true);
                c.group = false;
            }
            "p" => c.indicator = Indicator::Slash,
            "hide-control-chars" => hide_control = true,
            "show-control-chars" => hide_control = false,
            "quote-name" => quoting = Some(Style::C),
            "quoting-style" => {
                let words: Vec<(&str, Style)> = Style::NAMES
                    .iter()
                    .filter(|n| **n != "c-maybe")
                    .filter_map(|n| Style::from_name(n).map(|s| (*n, s)))
                    .collect();
                match argmatch("--quoting-style", arg.unwrap_or(""), &words) {
                    Ok(s) => quoting = Some(s),
                    Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                }
            }
            "reverse" => c.reverse = true,
            "recursive" => c.recursive = true,
            "size" => c.blocks = true,
            "S" => (sort, sort_set) = (SortBy::Size, true),
            "sort" => {
                let words = [
                    ("none", SortBy::None),
                    ("time", SortBy::Time),
                    ("size", SortBy::Size),
                    ("extension", SortBy::Extension),
                    ("version", SortBy::Version),
                    ("width", SortBy::Width),
                ];
                match argmatch("--sort", arg.unwrap_or(""), &words) {
                    Ok(s) => (sort, sort_set) = (s, true),
                    Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                }
            }
            "time" => {
                let words = [("ctime", TimeKind::Ctime), ("status", TimeKind::Ctime)];
                match argmatch("--time", arg.unwrap_or(""), &words) {
                    Ok(t) => time = t,
                    Err(m) => return Setup::Exit(cmd.usage_error(m, 1).await),
                }
            }
            "time-style" => time_style = arg.map(str::to_string),
            "t" => (sort, sort_set) = (SortBy::Time, true),
            "tabsize" => tabsize = arg.map(str::to_string),
            "U" => (sort, sort_set) = (SortBy::None, true),
            "v" => (sort, sort_set) = (SortBy::Version, true),
            "width" => width = arg.map(str::to_string),
            "x" => (format, format_set) = (Format::Across, true),
            "X" => (sort, sort_set) = (SortBy::Extension, true),
            "zero" => {
                c.eol = 0;
                hide_control = false;
                if !format_set {
                    format = Format::One;
                }
                color = When::Never;
                quoting = Some(Style::Literal);
            }
            // As GNU: -1 does not undo -l.
            "1" if format != Format::Long => (format, format_set) = (Format::One, true),
            // -k, -L, -H and --dereference-command-line-symlink-to-dir:
            // nothing to do here (see the help).
            _ => {}
        }
    }
    // -c alone (no -l, no explicit sort) sorts by that time.
    if time == TimeKind::Ctime && !sort_set && format != Format::Long {
        sort = SortBy::Time;
    }
    c.format = format;
    c.sort = sort;
    c.time = time;
    c.hide_control = hide_control;
    c.quoting = quoting
        .or_else(|| cmd.p.getenv("QUOTING_STYLE").and_then(|q| Style::from_name(&q)))
        .unwrap_or(if tty { Style::ShellEscape } else { Style::Literal });
    if c.quoting == Style::Escape {
        c.quote_extra.push(b' ');
    }
    match c.indicator {
        Indicator::FileType => c.quote_extra.extend_from_slice(b"*=>@|"),
        Indicator::Classify => c.quote_extra.extend_from_slice(b"=>@|"),
        _ => {}
    }
    if let Err(status) = set_widths(cmd, &mut c, width, tabsize).await {
        return Setup::Exit(status);
    }
    if c.format == Format::Long
        && let Err(status) = set_time_style(cmd, &mut c, time_style).await
    {
        return Setup::Exit(status);
    }
    if color == When::Always || (color == When::Auto && tty) {
        c.colors = colors(cmd).await;
    }
    if c.sort == SortBy::None {
        c.dirs_first = false;
    }
    Setup::Run(Box::new(c))
}

/// `-w` (else `$COLUMNS`) and `-T` (else `$TABSIZE`); `Err` is the exit
/// status after GNU's message.
async fn set_widths(cmd: &mut Cmd, c: &mut Config, width: Option<String>, tabsize: Option<String>) -> Result<(), i32> {
    match width {
        Some(w) => match count(&w) {
            Some(n) => c.width = n,
            None => {
                cmd.error(format!("invalid line width: {}", quoteaf(&w))).await;
                return Err(2);
            }
        },
        None => {
            if let Some(v) = cmd.p.getenv("COLUMNS").filter(|v| !v.is_empty()) {
                match c_number(&v) {
                    Some(n) => c.width = n,
                    None => {
                        let msg = format!(
                            "ignoring invalid width in environment variable COLUMNS: {}",
                            quotearg::quote_locale(&v)
                        );
                        cmd.error(msg).await;
                    }
                }
            }
            // The terminal's own width wins, as GNU's TIOCGWINSZ.
            if let Some(cols) = console_columns(&cmd.p).await {
                c.width = cols;
            }
        }
    }
    match tabsize {
        Some(t) => match count(&t) {
            Some(n) => c.tabsize = n,
            None => {
                cmd.error(format!("invalid tab size: {}", quoteaf(&t))).await;
                return Err(2);
            }
        },
        None => {
            if let Some(n) = cmd.p.getenv("TABSIZE").and_then(|v| v.parse::<usize>().ok()) {
                c.tabsize = n;
            }
        }
    }
    Ok(())
}

/// `--time-style` (else `$TIME_STYLE`), checked only for long listings as
/// GNU does.
async fn set_time_style(cmd: &mut Cmd, c: &mut Config, style: Option<String>) -> Result<(), i32> {
    let Some(s) = style.or_else(|| cmd.p.getenv("TIME_STYLE")) else {
        return Ok(());
    };
    match TimeStyle::parse(&s) {
        Some(ts) => {
            c.time_style = ts;
            Ok(())
        }
        None => {
            let msg = format!(
                "invalid argument {} for 'time style'\nValid arguments are:\n  - [posix-]full-iso\n  - [posix-]long-iso\n  - [posix-]iso\n  - [posix-]locale\n  - +FORMAT (e.g., +%H:%M) for a 'date'-style format",
                quotearg::quote_locale(&s)
            );
            Err(cmd.usage_error(msg, 2).await)
        }
    }
}

/// The color table: `$LS_COLORS`, or the built-in one for a terminal GNU
/// knows to have colors; `None` (after GNU's complaint) if LS_COLORS is
/// unparsable.
async fn colors(cmd: &mut Cmd) -> Option<Colors> {
    match cmd.p.getenv("LS_COLORS").filter(|s| !s.is_empty()) {
        None if color_terminal(&cmd.p) => Some(Colors::builtin()),
        None => None,
        Some(spec) => match Colors::from_env(&spec) {
            Ok(colors) => Some(colors),
            Err(msgs) => {
                for m in msgs {
                    cmd.error(m).await;
                }
                None
            }
        },
    }
}

/// A file to show.
struct Entry {
    /// The name as shown: the operand as given, or the directory entry.
    name: String,
    /// Where to stat it.
    path: String,
    kind: NodeType,
    st: Option<Stat>,
    /// Link count (directories: 2 + subdirectories).
    nlink: u64,
}

impl Entry {
    fn mode(&self) -> u32 {
        self.st.as_ref().map_or(0, Stat::mode)
    }

    fn size(&self) -> u64 {
        self.st.as_ref().map_or(0, |s| s.size)
    }

    /// 1 KiB blocks of the memory file system model (whole 4 KiB pages
    /// for file data, nothing for directories), as du and stat count.
    fn blocks(&self) -> u64 {
        self.st.as_ref().map_or(0, |st| files::allocated(st) / 1024)
    }

    fn time_ms(&self, kind: TimeKind) -> u64 {
        match (&self.st, kind) {
            (Some(s), TimeKind::Mtime) => s.mtime,
            (Some(s), TimeKind::Ctime) => s.ctime(),
            (None, _) => 0,
        }
    }
}

/// A directory waiting to be listed.
struct Pending {
    name: String,
    cmdline: bool,
    /// Directories above it in the -R walk (0 for an operand).
    depth: usize,
}

struct Ls {
    cmd: Cmd,
    c: Box<Config>,
    users: Option<Users>,
    status: i32,
    /// Whether directory headers are printed (`dir:`).
    headers: bool,
    /// No header printed yet (the first one needs no blank line before it).
    first_header: bool,
    now_ms: u64,
    /// The zone dates are shown in (`TZ`).
    zone: time::Zone,
    /// A color has been output (the first one is preceded by a reset).
    used_color: AtomicBool,
    /// -R: the directories being listed above the current one, with their
    /// devices (a bind of a directory beneath itself is found by qid, as
    /// GNU finds a loop by dev/ino).
    above: Vec<(String, Stat)>,
    mounts: Option<files::MountTable>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let c = match configure(&mut cmd, &opts).await {
        Setup::Run(c) => c,
        Setup::Exit(status) => return status,
    };
    let users = if c.format == Format::Long && !c.numeric && (c.owner || c.group || c.author) {
        Some(Users::load(&cmd.p).await)
    } else {
        None
    };
    let now_ms = cmd.p.now_ms();
    let zone = time::Zone::of(&cmd.p);
    let mut ls = Ls {
        cmd,
        c,
        users,
        status: 0,
        headers: true,
        first_header: true,
        now_ms,
        zone,
        used_color: AtomicBool::new(false),
        above: Vec::new(),
        mounts: None,
    };
    ls.run(opts.operands).await;
    let status = ls.status;
    ls.cmd.finish(status).await
}

impl Ls {
    async fn run(&mut self, operands: Vec<String>) {
        let n_operands = operands.len();
        let operands = if operands.is_empty() {
            vec![".".to_string()]
        } else {
            operands
        };
        let mut files = Vec::new();
        for op in &operands {
            match files::stat(&self.cmd.p, op).await {
                Ok(st) => {
                    let mut e = Entry {
                        name: op.clone(),
                        path: op.clone(),
                        kind: st.kind,
                        st: Some(st),
                        nlink: 1,
                    };
                    e.nlink = self.nlink(&e.path, e.kind, None).await;
                    files.push(e);
                }
                Err(e) => {
                    self.cmd
                        .error(format!("cannot access {}: {}", quoteaf(op), e.strerror()))
                        .await;
                    self.status = 2;
                }
            }
        }
        self.sort(&mut files);
        let (dirs, files): (Vec<Entry>, Vec<Entry>) = if self.c.directory {
            (Vec::new(), files)
        } else {
            files.into_iter().partition(|e| e.kind == NodeType::Dir)
        };
        if !files.is_empty() {
            self.print_entries(&files).await;
            if !dirs.is_empty() {
                self.cmd.out.write(&[self.c.eol]).await;
            }
        } else if n_operands <= 1 && dirs.len() == 1 {
            self.headers = false;
        }
        let mut stack: Vec<Pending> = dirs
            .into_iter()
            .rev()
            .map(|e| Pending {
                name: e.name,
                cmdline: true,
                depth: 0,
            })
            .collect();
        while let Some(d) = stack.pop() {
            let subdirs = self.list_dir(&d).await;
            for s in subdirs.into_iter().rev() {
                stack.push(s);
            }
        }
    }

    /// The link count: 1 for a file, 2 + subdirectories for a directory.
    /// `listing` is the directory's entries when already read.
    async fn nlink(&self, path: &str, kind: NodeType, listing: Option<&[kernel::DirEntry]>) -> u64 {
        if kind != NodeType::Dir || self.c.format != Format::Long {
            return 1;
        }
        let count = |es: &[kernel::DirEntry]| es.iter().filter(|e| e.kind == NodeType::Dir).count() as u64;
        match listing {
            Some(es) => 2 + count(es),
            None => match self.cmd.p.readdir(path).await {
                Ok(es) => 2 + count(&es),
                Err(_) => 2,
            },
        }
    }

    /// GNU's `file_ignored`. Patterns match as fnmatch with FNM_PERIOD: a
    /// leading `.` only by a literal `.`.
    fn hidden(&self, name: &str) -> bool {
        let matches = |pats: &[Pattern]| {
            if pats.is_empty() {
                return false;
            }
            let latin = from_os(name);
            pats.iter()
                .any(|p| p.matches(&latin) && (!name.starts_with('.') || p.starts_with_dot()))
        };
        let dots = match self.c.hidden {
            Hidden::Default => name.starts_with('.'),
            Hidden::DotAndDotDot => name == "." || name == "..",
            Hidden::Minimal => false,
        };
        dots || (self.c.hidden == Hidden::Default && matches(&self.c.hide)) || matches(&self.c.ignore)
    }

    /// -R: whether `d` is one of the directories being listed above it
    /// (GNU's `visit_dir`); if not, it is one of them now.
    async fn loops(&mut self, d: &Pending) -> bool {
        self.above.truncate(d.depth);
        let Ok(st) = self.cmd.p.stat(&d.name).await else {
            return false;
        };
        let p = self.cmd.p.clone();
        let mounts = self.mounts.get_or_insert_with(|| files::MountTable::load(&p));
        let dev = p.abs(&d.name).map(|a| mounts.device_of(&a)).unwrap_or_default();
        if self.above.iter().any(|(d, a)| *d == dev && files::same_file(a, &st)) {
            return true;
        }
        self.above.push((dev, st));
        false
    }

    /// List one directory; answers its subdirectories for -R, in order.
    async fn list_dir(&mut self, d: &Pending) -> Vec<Pending> {
        if self.c.recursive && self.loops(d).await {
            self.cmd
                .error(format!(
                    "{}: not listing already-listed directory",
                    common::quote::quotef(&d.name)
                ))
                .await;
            self.status = 2;
            return Vec::new();
        }
        let listing = match self.cmd.p.readdir(&d.name).await {
            Ok(l) => l,
            Err(e) => {
                self.cmd
                    .error(format!("cannot open directory {}: {}", quoteaf(&d.name), e.strerror()))
                    .await;
                self.status = if d.cmdline { 2 } else { self.status.max(1) };
                return Vec::new();
            }
        };
        if self.c.recursive || self.headers {
            if !self.first_header {
                self.cmd.out.write(&[self.c.eol]).await;
            }
            self.first_header = false;
            // GNU quotes a header with the style alone plus ':' (its
            // dirname options): -b's escaped space and -F's indicator
            // characters are for the entries.
            let mut header = self.quote(&d.name, b":");
            header.extend_from_slice(b":");
            header.push(self.c.eol);
            self.cmd.out.write(&header).await;
        }
        let mut entries = Vec::with_capacity(listing.len() + 2);
        if self.c.hidden == Hidden::Minimal {
            for dot in [".", ".."] {
                if !self.hidden(dot) {
                    entries.push(self.entry(&d.name, dot, NodeType::Dir).await);
                }
            }
        }
        for de in &listing {
            if self.hidden(&de.name) {
                continue;
            }
            entries.push(self.entry(&d.name, &de.name, de.kind).await);
        }
        if self.c.format == Format::Long {
            // `.` is the directory itself: its subdirectories are known.
            for e in entries.iter_mut().filter(|e| e.name == ".") {
                e.nlink = 2 + listing.iter().filter(|x| x.kind == NodeType::Dir).count() as u64;
            }
        }
        self.sort(&mut entries);
        if self.c.format == Format::Long || self.c.blocks {
            let total: u64 = entries.iter().map(Entry::blocks).sum();
            let text = format!("total {}", self.block_text(total));
            self.cmd.out.write_str(&text).await;
            self.cmd.out.write(&[self.c.eol]).await;
        }
        self.print_entries(&entries).await;
        if !self.c.recursive {
            return Vec::new();
        }
        entries
            .into_iter()
            .filter(|e| e.kind == NodeType::Dir && e.name != "." && e.name != "..")
            .map(|e| Pending {
                name: e.path,
                cmdline: false,
                depth: d.depth + 1,
            })
            .collect()
    }

    /// An entry of directory `dir`, statted if the listing needs it.
    async fn entry(&mut self, dir: &str, name: &str, kind: NodeType) -> Entry {
        let path = if dir.ends_with('/') {
            format!("{dir}{name}")
        } else {
            format!("{dir}/{name}")
        };
        let mut e = Entry {
            name: name.to_string(),
            path,
            kind,
            st: None,
            nlink: 1,
        };
        if self.c.needs_stat() {
            match self.cmd.p.stat(&e.path).await {
                Ok(st) => {
                    e.kind = st.kind;
                    e.st = Some(st);
                }
                Err(err) => {
                    self.cmd
                        .error(format!("cannot access {}: {}", quoteaf(&e.path), err.strerror()))
                        .await;
                    self.status = self.status.max(1);
                }
            }
            if name != "." {
                e.nlink = self.nlink(&e.path, e.kind, None).await;
            }
        }
        e
    }

    fn sort(&self, entries: &mut [Entry]) {
        if self.c.sort == SortBy::None {
            return;
        }
        let c = &self.c;
        let base = |a: &Entry, b: &Entry| -> std::cmp::Ordering {
            let by_name = || a.name.as_bytes().cmp(b.name.as_bytes());
            match c.sort {
                SortBy::Name | SortBy::None => by_name(),
                SortBy::Time => b.time_ms(c.time).cmp(&a.time_ms(c.time)).then_with(by_name),
                SortBy::Size => b.size().cmp(&a.size()).then_with(by_name),
                SortBy::Extension => extension(&a.name).cmp(extension(&b.name)).then_with(by_name),
                SortBy::Version => filevercmp(a.name.as_bytes(), b.name.as_bytes()).then_with(by_name),
                SortBy::Width => self
                    .name_width(&a.name)
                    .cmp(&self.name_width(&b.name))
                    .then_with(by_name),
            }
        };
        entries.sort_by(|a, b| {
            if c.dirs_first {
                let (ad, bd) = (a.kind == NodeType::Dir, b.kind == NodeType::Dir);
                if ad != bd {
                    return bd.cmp(&ad);
                }
            }
            if c.reverse { base(b, a) } else { base(a, b) }
        });
    }

    /// A name in the chosen quoting style, with `?` for control characters
    /// under -q.
    fn quote(&self, name: &str, extra: &[u8]) -> Vec<u8> {
        let mut q = quotearg::quote_bytes(self.c.quoting, extra, name.as_bytes());
        if self.c.hide_control {
            for b in q.iter_mut() {
                if !(0x20..0x7f).contains(b) {
                    *b = b'?';
                }
            }
        }
        q
    }

    /// Columns a quoted name takes (unprintable bytes take none).
    fn name_width(&self, name: &str) -> usize {
        self.quote(name, &self.c.quote_extra)
            .iter()
            .filter(|b| (0x20..0x7f).contains(*b))
            .count()
    }

    fn block_text(&self, blocks: u64) -> String {
        match self.c.human {
            Some(si) => human(blocks * 1024, si),
            None => blocks.to_string(),
        }
    }

    fn indicator(&self, e: &Entry) -> Option<u8> {
        match (e.kind, self.c.indicator) {
            (_, Indicator::None) => None,
            (NodeType::Dir, _) => Some(b'/'),
            (NodeType::File, Indicator::Classify) if e.mode() & 0o111 != 0 => Some(b'*'),
            _ => None,
        }
    }

    /// Print a group of entries in the chosen format.
    async fn print_entries(&mut self, entries: &[Entry]) {
        if entries.is_empty() {
            return;
        }
        let cells = self.cells(entries);
        match self.c.format {
            Format::Long => self.print_long(entries, &cells).await,
            Format::One => {
                for cell in &cells {
                    let mut line = cell.render(self, 0);
                    line.push(self.c.eol);
                    self.cmd.out.write(&line).await;
                }
            }
            Format::Commas => self.print_separated(&cells, b',').await,
            // No width limit: one line, names two spaces apart.
            Format::Columns | Format::Across if self.c.width == 0 => self.print_separated(&cells, b' ').await,
            Format::Columns | Format::Across => self.print_grid(&cells).await,
        }
    }

    /// The name part of each entry, with its frills (inode, blocks,
    /// quoting, color, indicator).
    fn cells(&self, entries: &[Entry]) -> Vec<Shown> {
        let some_quoted = self.c.align_quotes()
            && entries
                .iter()
                .any(|e| quotearg::changed(e.name.as_bytes(), &self.quote(&e.name, &self.c.quote_extra)));
        let long = self.c.format == Format::Long;
        let commas = self.c.format == Format::Commas;
        let inodes: Vec<String> = entries.iter().map(inode_text).collect();
        let blocks: Vec<String> = entries.iter().map(|e| self.block_text(e.blocks())).collect();
        let inode_w = if commas {
            0
        } else {
            inodes.iter().map(String::len).max().unwrap_or(0)
        };
        let block_w = if commas {
            0
        } else {
            blocks.iter().map(String::len).max().unwrap_or(0)
        };
        entries
            .iter()
            .zip(inodes.into_iter().zip(blocks))
            .map(|(e, (ino, blk))| {
                let mut prefix = String::new();
                // Long listings print these in their own columns.
                if !long {
                    if self.c.inode {
                        prefix.push_str(&format!("{ino:>inode_w$} "));
                    }
                    if self.c.blocks {
                        prefix.push_str(&format!("{blk:>block_w$} "));
                    }
                }
                let quoted = self.quote(&e.name, &self.c.quote_extra);
                let pad = some_quoted && !quotearg::changed(e.name.as_bytes(), &quoted);
                let mut name = Vec::new();
                if pad {
                    name.push(b' ');
                }
                name.extend_from_slice(&quoted);
                let width = name.iter().filter(|b| (0x20..0x7f).contains(*b)).count();
                let color = self
                    .c
                    .colors
                    .as_ref()
                    .and_then(|c| c.of(&e.name, e.kind, e.mode()).map(str::to_string));
                let ind = self.indicator(e);
                Shown {
                    prefix,
                    name,
                    width,
                    color,
                    indicator: ind,
                }
            })
            .collect()
    }

    async fn print_long(&mut self, entries: &[Entry], cells: &[Shown]) {
        let rows: Vec<LongRow> = entries.iter().map(|e| self.long_row(e)).collect();
        let w = |f: &dyn Fn(&LongRow) -> usize| rows.iter().map(f).max().unwrap_or(0);
        let inode_w = w(&|r| cells_len(&r.inode));
        let block_w = w(&|r| cells_len(&r.blocks));
        let nlink_w = w(&|r| r.nlink.len());
        let owner_w = w(&|r| r.owner.as_ref().map_or(0, |o| o.text().len()));
        let group_w = w(&|r| r.group.as_ref().map_or(0, |o| o.text().len()));
        let author_w = w(&|r| r.author.as_ref().map_or(0, |o| o.text().len()));
        let size_w = w(&|r| r.size.len());
        for (r, cell) in rows.iter().zip(cells) {
            let mut line = String::new();
            if let Some(i) = &r.inode {
                line.push_str(&format!("{i:>inode_w$} "));
            }
            if let Some(b) = &r.blocks {
                line.push_str(&format!("{b:>block_w$} "));
            }
            line.push_str(&format!("{} {:>nlink_w$} ", r.mode, r.nlink));
            for (id, width) in [(&r.owner, owner_w), (&r.group, group_w), (&r.author, author_w)] {
                if let Some(id) = id {
                    line.push_str(&id.padded(width));
                    line.push(' ');
                }
            }
            line.push_str(&format!("{:>size_w$} {} ", r.size, r.time));
            let start = line.len();
            let mut bytes = line.into_bytes();
            bytes.extend_from_slice(&cell.render_name(self, start));
            bytes.push(self.c.eol);
            self.cmd.out.write(&bytes).await;
        }
    }

    fn long_row(&self, e: &Entry) -> LongRow {
        let st = e.st.as_ref();
        let id = |n: u32, name: Option<&str>| match name {
            Some(s) if !self.c.numeric => Id::Name(s.to_string()),
            _ => Id::Num(n),
        };
        let users = self.users.as_ref();
        let uid = st.map_or(0, Stat::uid);
        let gid = st.map_or(0, Stat::gid);
        let owner = self.c.owner.then(|| id(uid, users.and_then(|u| u.user_name(uid))));
        let group = self.c.group.then(|| id(gid, users.and_then(|u| u.group_name(gid))));
        let author = self.c.author.then(|| id(uid, users.and_then(|u| u.user_name(uid))));
        let size = match self.c.human {
            Some(si) => human(e.size(), si),
            None => e.size().to_string(),
        };
        LongRow {
            inode: self.c.inode.then(|| inode_text(e)),
            blocks: self.c.blocks.then(|| self.block_text(e.blocks())),
            mode: mode_string(e.kind, e.mode()),
            nlink: e.nlink.to_string(),
            owner,
            group,
            author,
            size,
            time: self.time_text(e.time_ms(self.c.time)),
        }
    }

    fn time_text(&self, ms: u64) -> String {
        date_column(&self.c.time_style, ms, self.now_ms, &self.zone)
    }

    /// `-m` (and unlimited-width columns): names separated by `sep` and a
    /// space, a new line where the next would not fit.
    async fn print_separated(&mut self, cells: &[Shown], sep: u8) {
        let width = self.c.width;
        let mut pos = 0;
        let mut out = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            let len = if width == 0 { 0 } else { cell.len() };
            if i > 0 {
                out.push(sep);
                if width == 0 || pos + len + 2 < width {
                    pos += 2;
                    out.push(b' ');
                } else {
                    pos = 0;
                    out.push(self.c.eol);
                }
            }
            out.extend_from_slice(&cell.render(self, pos));
            pos += len;
        }
        out.push(self.c.eol);
        self.cmd.out.write(&out).await;
    }

    /// Columns (`-C`, down then across) or rows (`-x`), as many as the
    /// width allows.
    async fn print_grid(&mut self, cells: &[Shown]) {
        let across = self.c.format == Format::Across;
        let lens: Vec<usize> = cells.iter().map(Shown::len).collect();
        let widths = layout(&lens, self.c.width, across);
        let cols = widths.len().max(1);
        let n = cells.len();
        let rows = n.div_ceil(cols);
        let mut out = Vec::new();
        for row in 0..rows {
            let mut pos = 0;
            let mut col = 0;
            let mut i = if across { row * cols } else { row };
            loop {
                out.extend_from_slice(&cells[i].render(self, pos));
                let next = if across { i + 1 } else { i + rows };
                let last_in_row = if across {
                    col + 1 >= cols || next >= n
                } else {
                    next >= n
                };
                if last_in_row {
                    break;
                }
                indent(&mut out, pos + lens[i], pos + widths[col], self.c.tabsize);
                pos += widths[col];
                col += 1;
                i = next;
            }
            out.push(self.c.eol);
        }
        self.cmd.out.write(&out).await;
    }
}

/// The date column: the recent format within six months before now, the
/// old one otherwise (the future included). A time equal to now counts as
/// recent: at millisecond resolution GNU's clock would already be later.
fn date_column(style: &TimeStyle, ms: u64, now_ms: u64, zone: &time::Zone) -> String {
    const HALF_YEAR_MS: u64 = 31_556_952 / 2 * 1000;
    let recent = ms <= now_ms && now_ms - ms < HALF_YEAR_MS;
    let fmt = if recent { &style.recent } else { &style.old };
    time::format_in(fmt, (ms / 1000) as i64, ((ms % 1000) * 1_000_000) as u32, zone)
}

fn inode_text(e: &Entry) -> String {
    e.st.as_ref().map_or("?".into(), |s| s.qid.to_string())
}

fn cells_len(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, String::len)
}

/// Spaces (and tabs, at tab stops) from column `from` to `to`.
fn indent(out: &mut Vec<u8>, mut from: usize, to: usize, tabsize: usize) {
    while from < to {
        if tabsize != 0 && to / tabsize > (from + 1) / tabsize {
            out.push(b'\t');
            from += tabsize - from % tabsize;
        } else {
            out.push(b' ');
            from += 1;
        }
    }
}

/// The column widths for the most columns that fit in `width` (GNU's
/// search: each candidate column count keeps its widths as names are
/// added, and the largest count still within the width wins).
fn layout(lens: &[usize], width: usize, across: bool) -> Vec<usize> {
    let n = lens.len();
    if n == 0 {
        return vec![0];
    }
    let max_idx = if width == 0 {
        n
    } else {
        (width / 3 + usize::from(!width.is_multiple_of(3))).max(1)
    };
    let max_cols = max_idx.min(n);
    // For each candidate count (i + 1 columns): still valid, line length,
    // column widths.
    let mut valid = vec![true; max_cols];
    let mut line_len: Vec<usize> = (0..max_cols).map(|i| (i + 1) * 3).collect();
    let mut cols: Vec<Vec<usize>> = (0..max_cols).map(|i| vec![3; i + 1]).collect();
    for (idx, &len) in lens.iter().enumerate() {
        for i in 0..max_cols {
            if !valid[i] {
                continue;
            }
            let c = if across { idx % (i + 1) } else { idx / n.div_ceil(i + 1) };
            let real = len + if c == i { 0 } else { 2 };
            if cols[i][c] < real {
                line_len[i] += real - cols[i][c];
                cols[i][c] = real;
                valid[i] = width == 0 || line_len[i] < width;
            }
        }
    }
    let mut best = max_cols;
    while best > 1 && !valid[best - 1] {
        best -= 1;
    }
    cols.swap_remove(best - 1)
}

/// The name column of one entry.
struct Shown {
    prefix: String,
    /// Quoted (and padded) name bytes.
    name: Vec<u8>,
    width: usize,
    color: Option<String>,
    indicator: Option<u8>,
}

impl Shown {
    /// Columns it takes, frills included.
    fn len(&self) -> usize {
        self.prefix.len() + self.width + usize::from(self.indicator.is_some())
    }

    /// Prefix, name and indicator, starting at column `start`.
    fn render(&self, ls: &Ls, start: usize) -> Vec<u8> {
        let mut out = self.prefix.clone().into_bytes();
        out.extend_from_slice(&self.render_name(ls, start + self.prefix.len()));
        out
    }

    /// The name, colored if it has a color, then its indicator.
    fn render_name(&self, ls: &Ls, start: usize) -> Vec<u8> {
        let mut out = Vec::new();
        match (&ls.c.colors, &self.color) {
            (Some(colors), Some(code)) => {
                if !ls.used_color.swap(true, Ordering::Relaxed) {
                    out.extend_from_slice(colors.stop().as_bytes());
                }
                out.extend_from_slice(colors.start(code).as_bytes());
                out.extend_from_slice(&self.name);
                out.extend_from_slice(colors.stop().as_bytes());
                let w = ls.c.width;
                // A name that may wrap past the edge clears to its end.
                if w > 0 && start / w != (start + self.name.len()).saturating_sub(1) / w {
                    out.extend_from_slice(colors.clear_eol.as_bytes());
                }
            }
            _ => out.extend_from_slice(&self.name),
        }
        if let Some(i) = self.indicator {
            out.push(i);
        }
        out
    }
}

/// An owner or group: names are left-aligned, numbers right-aligned.
enum Id {
    Name(String),
    Num(u32),
}

impl Id {
    fn text(&self) -> String {
        match self {
            Id::Name(s) => s.clone(),
            Id::Num(n) => n.to_string(),
        }
    }

    fn padded(&self, width: usize) -> String {
        match self {
            Id::Name(s) => format!("{s:<width$}"),
            Id::Num(n) => format!("{n:>width$}"),
        }
    }
}

struct LongRow {
    inode: Option<String>,
    blocks: Option<String>,
    mode: String,
    nlink: String,
    owner: Option<Id>,
    group: Option<Id>,
    author: Option<Id>,
    size: String,
    time: String,
}

/// What `-X` sorts by: from the last `.` on (or nothing).
fn extension(name: &str) -> &[u8] {
    match name.rfind('.') {
        Some(i) => &name.as_bytes()[i..],
        None => b"",
    }
}

/// gnulib's `filevercmp`: names compared as version strings (`a2` before
/// `a10`), suffixes like `.tar.gz` set aside first.
pub fn filevercmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    if a == b {
        return Equal;
    }
    // Empty, ".", ".." and hidden names come first, in that order.
    for special in [&b""[..], b".", b".."] {
        if a == special {
            return Less;
        }
        if b == special {
            return Greater;
        }
    }
    match (a.first() == Some(&b'.'), b.first() == Some(&b'.')) {
        (true, false) => return Less,
        (false, true) => return Greater,
        (true, true) => return filevercmp_body(&a[1..], &b[1..]),
        _ => {}
    }
    filevercmp_body(a, b)
}

fn filevercmp_body(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (ap, bp) = (&a[..a.len() - suffix_len(a)], &b[..b.len() - suffix_len(b)]);
    let r = if ap == bp {
        std::cmp::Ordering::Equal
    } else {
        verrevcmp(ap, bp)
    };
    if r == std::cmp::Ordering::Equal {
        verrevcmp(a, b)
    } else {
        r
    }
}

/// The length of a file suffix: the longest tail matching
/// `(\.[A-Za-z~][A-Za-z0-9~]*)*`.
fn suffix_len(s: &[u8]) -> usize {
    let mut start = s.len();
    let mut i = s.len();
    // Scan backwards for runs `.X...` that qualify.
    loop {
        let mut j = i;
        while j > 0 && (s[j - 1].is_ascii_alphanumeric() || s[j - 1] == b'~') {
            j -= 1;
        }
        if j == 0 || s[j - 1] != b'.' || j == i || !(s[j].is_ascii_alphabetic() || s[j] == b'~') {
            break;
        }
        // `.` at j - 1 starts a valid suffix element; a name that is only
        // a suffix keeps its first element as the name.
        if j - 1 == 0 {
            break;
        }
        start = j - 1;
        i = j - 1;
    }
    s.len() - start
}

fn order(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(c) if c.is_ascii_digit() => 0,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(b'~') => -1,
        Some(c) => i32::from(c) + 256,
    }
}

/// Debian's version comparison.
fn verrevcmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let mut first_diff = 0;
        while (i < a.len() && !a[i].is_ascii_digit()) || (j < b.len() && !b[j].is_ascii_digit()) {
            let ac = order(a.get(i).copied().filter(|c| !c.is_ascii_digit()));
            let bc = order(b.get(j).copied().filter(|c| !c.is_ascii_digit()));
            if ac != bc {
                return ac.cmp(&bc);
            }
            if i < a.len() && !a[i].is_ascii_digit() {
                i += 1;
            }
            if j < b.len() && !b[j].is_ascii_digit() {
                j += 1;
            }
        }
        while i < a.len() && a[i] == b'0' {
            i += 1;
        }
        while j < b.len() && b[j] == b'0' {
            j += 1;
        }
        while i < a.len() && a[i].is_ascii_digit() && j < b.len() && b[j].is_ascii_digit() {
            if first_diff == 0 {
                first_diff = i32::from(a[i]) - i32::from(b[j]);
            }
            i += 1;
            j += 1;
        }
        if i < a.len() && a[i].is_ascii_digit() {
            return std::cmp::Ordering::Greater;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            return std::cmp::Ordering::Less;
        }
        if first_diff != 0 {
            return first_diff.cmp(&0);
        }
    }
    std::cmp::Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_order() {
        let mut v: Vec<&[u8]> = vec![b"a10", b"a2", b"a1.tar.gz", b"a1", b".x", b"b", b"a1.5"];
        v.sort_by(|a, b| filevercmp(a, b));
        let got: Vec<String> = v.iter().map(|s| String::from_utf8_lossy(s).into_owned()).collect();
        assert_eq!(got, [".x", "a1", "a1.tar.gz", "a1.5", "a2", "a10", "b"]);
    }

    #[test]
    fn grid_layout() {
        // Seven names of these lengths fit on one 80-column line.
        let w = layout(&[1, 3, 1, 1, 3, 3, 4], 80, false);
        assert_eq!(w, [3, 5, 3, 3, 5, 5, 4]);
        // Three columns of width 6 in 14 columns: two columns.
        let w = layout(&[4, 4, 4, 4], 14, false);
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn tabs_to_columns() {
        let mut out = Vec::new();
        indent(&mut out, 6, 8, 8);
        assert_eq!(out, b"\t");
        out.clear();
        indent(&mut out, 1, 3, 8);
        assert_eq!(out, b"  ");
    }

    #[test]
    fn recent_and_old_dates() {
        let now = 1_795_320_000_000; // 2026-11-22
        let style = TimeStyle::locale();
        assert_eq!(
            date_column(&style, now - 3_600_000, now, &time::Zone::utc()),
            "Nov 22 03:00"
        );
        assert_eq!(
            date_column(&style, 1_577_836_800_000, now, &time::Zone::utc()),
            "Jan  1  2020"
        );
        assert_eq!(
            date_column(&style, now + 60_000, now, &time::Zone::utc()),
            "Nov 22  2026",
            "the future is old"
        );
        assert_eq!(date_column(&style, now, now, &time::Zone::utc()), "Nov 22 04:00");
    }

    #[test]
    fn columns_variable() {
        assert_eq!(c_number("80"), Some(80));
        assert_eq!(c_number(" 30"), Some(30));
        assert_eq!(c_number("010"), Some(8));
        assert_eq!(c_number("0x20"), Some(32));
        assert_eq!(c_number("0"), Some(0));
        assert_eq!(c_number("-5"), None);
        assert_eq!(c_number("x"), None);
    }

    #[test]
    fn time_styles() {
        assert_eq!(TimeStyle::parse("iso").unwrap().old, "%Y-%m-%d ");
        assert_eq!(TimeStyle::parse("posix-iso"), Some(TimeStyle::locale()));
        assert_eq!(TimeStyle::parse("+%Y\n%H").unwrap().recent, "%H");
        assert_eq!(TimeStyle::parse("bogus"), None);
    }
}
