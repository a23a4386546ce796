//! `grep`, `egrep`, `fgrep`: print lines that match patterns.
//!
//! The options and their interplay follow GNU grep 3.8 (under `LC_ALL=C`):
//! which option overrides which (`-q` over `-l`/`-L` over `-c`), when file
//! names are shown, how context groups are separated, binary files, exit
//! statuses. The search itself ([`search`]) runs one regex over a whole
//! buffer of lines ([`matcher`]).

mod matcher;
mod search;

use kernel::{Errno, NodeType, OpenFlags};

use common::cli::{Arg, Cmd, Mode, Opt, Opts, flag, long, value};
use common::pattern::Pattern;
use matcher::Dialect;
use search::Search;

const HELP: &str = "Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -P, --perl-regexp         PATTERNS are Perl-style regular expressions (the
                            Rust regex dialect; look-around and
                            back-references run line by line)
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -f, --file=FILE           take PATTERNS from FILE
  -i, --ignore-case         ignore case distinctions in patterns and data
      --no-ignore-case      do not ignore case distinctions (default)
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines
  -z, --null-data           a data line ends in 0 byte, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
  -V, --version             display version information and exit
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       flush output on every line
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
      --label=LABEL         use LABEL as the standard input file name prefix
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
      --binary-files=TYPE   assume that binary files are TYPE;
                            TYPE is 'binary', 'text', or 'without-match'
  -a, --text                equivalent to --binary-files=text
  -I                        equivalent to --binary-files=without-match
  -d, --directories=ACTION  how to handle directories;
                            ACTION is 'read', 'recurse', or 'skip'
  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;
                            ACTION is 'read' or 'skip'
  -r, --recursive           like --directories=recurse
  -R, --dereference-recursive  likewise, but follow the /dev/fd aliases (the
                            only links there are) and read devices
      --include=GLOB        search only files that match GLOB (a file pattern)
      --exclude=GLOB        skip files that match GLOB
      --exclude-from=FILE   skip files that match any file pattern from FILE
      --exclude-dir=GLOB    skip directories that match GLOB
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE
  -T, --initial-tab         make tabs line up (if needed)
  -Z, --null                print 0 byte after FILE name

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --group-separator=SEP  print SEP on line between matches with context
      --no-group-separator  do not print separator for matches with context
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'
  -U, --binary              no effect (there is no text mode to leave)

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.
";

const USAGE: &str = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/// Short options without a long name get an untypable one, so they can
/// never be reached (or made ambiguous) through `--`.
const SPEC: &[Opt] = &[
    flag("extended-regexp", 'E'),
    flag("fixed-strings", 'F'),
    flag("basic-regexp", 'G'),
    flag("perl-regexp", 'P'),
    value("regexp", 'e'),
    value("file", 'f'),
    flag("ignore-case", 'i'),
    flag("\u{1}y", 'y'),
    long("no-ignore-case", Arg::No),
    flag("word-regexp", 'w'),
    flag("line-regexp", 'x'),
    flag("null-data", 'z'),
    flag("no-messages", 's'),
    flag("invert-match", 'v'),
    flag("version", 'V'),
    value("max-count", 'm'),
    flag("byte-offset", 'b'),
    flag("line-number", 'n'),
    long("line-buffered", Arg::No),
    flag("with-filename", 'H'),
    flag("no-filename", 'h'),
    long("label", Arg::Required),
    flag("only-matching", 'o'),
    flag("quiet", 'q'),
    long("silent", Arg::No),
    long("binary-files", Arg::Required),
    flag("text", 'a'),
    flag("\u{1}I", 'I'),
    value("directories", 'd'),
    value("devices", 'D'),
    flag("recursive", 'r'),
    flag("dereference-recursive", 'R'),
    long("include", Arg::Required),
    long("exclude", Arg::Required),
    long("exclude-from", Arg::Required),
    long("exclude-dir", Arg::Required),
    flag("files-without-match", 'L'),
    flag("files-with-matches", 'l'),
    flag("count", 'c'),
    flag("initial-tab", 'T'),
    flag("null", 'Z'),
    value("before-context", 'B'),
    value("after-context", 'A'),
    value("context", 'C'),
    long("group-separator", Arg::Required),
    long("no-group-separator", Arg::No),
    long("color", Arg::Optional),
    long("colour", Arg::Optional),
    flag("binary", 'U'),
    flag("unix-byte-offsets", 'u'),
    value("\u{1}X", 'X'),
];

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BinaryFiles {
    Binary,
    Text,
    WithoutMatch,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ListFiles {
    None,
    Matching,
    NonMatching,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Directories {
    Read,
    Skip,
    Recurse,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Devices {
    /// GNU's default: read devices named on the command line, skip those
    /// met while recursing.
    ReadCommandLine,
    Read,
    Skip,
}

/// GREP_COLORS capabilities (GNU's defaults).
#[derive(Clone, Debug)]
pub struct Colors {
    pub selected_match: String,
    pub context_match: String,
    pub selected_line: String,
    pub context_line: String,
    pub file: String,
    pub line_num: String,
    pub byte_num: String,
    pub sep: String,
    /// `ne`: no "erase in line" after each sequence.
    pub no_erase: bool,
    /// `rv`: with -v, swap the selected and context line colors.
    pub reverse: bool,
}

impl Default for Colors {
    fn default() -> Colors {
        Colors {
            selected_match: "01;31".into(),
            context_match: "01;31".into(),
            selected_line: String::new(),
            context_line: String::new(),
            file: "35".into(),
            line_num: "32".into(),
            byte_num: "32".into(),
            sep: "36".into(),
            no_erase: false,
            reverse: false,
        }
    }
}

impl Colors {
    /// Apply a GREP_COLORS value; like GNU, stop at the first malformed
    /// entry and ignore unknown names.
    fn parse(&mut self, spec: &str) {
        for item in spec.split(':') {
            let (name, val) = match item.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (item, None),
            };
            if let Some(v) = val
                && !v.bytes().all(|b| b == b';' || b.is_ascii_digit())
            {
                return;
            }
            let v = val.map(str::to_string);
            match (name, v) {
                ("mt", Some(v)) => {
                    self.selected_match = v.clone();
                    self.context_match = v;
                }
                ("ms", Some(v)) => self.selected_match = v,
                ("mc", Some(v)) => self.context_match = v,
                ("sl", Some(v)) => self.selected_line = v,
                ("cx", Some(v)) => self.context_line = v,
                ("fn", Some(v)) => self.file = v,
                ("ln", Some(v)) => self.line_num = v,
                ("bn", Some(v)) => self.byte_num = v,
                ("se", Some(v)) => self.sep = v,
                ("ne", _) => self.no_erase = true,
                ("rv", _) => self.reverse = true,
                _ => {}
            }
        }
    }
}

/// Everything the search needs to know, settled from the options.
pub struct Config {
    pub invert: bool,
    pub count: bool,
    pub list: ListFiles,
    /// -q: stop everything at the first selected line.
    pub exit_on_match: bool,
    pub only_matching: bool,
    pub line_number: bool,
    pub byte_offset: bool,
    /// -Z
    pub null_after_name: bool,
    pub eol: u8,
    /// Context lines; -1 when not asked for (GNU then prints no group
    /// separators).
    pub before: i64,
    pub after: i64,
    pub max_count: i64,
    pub binary_files: BinaryFiles,
    pub line_buffered: bool,
    pub align_tabs: bool,
    pub colors: Option<Colors>,
    pub group_separator: Option<String>,
    pub out_quiet: bool,
    pub done_on_match: bool,
}

/// What happened to one input.
pub struct Outcome {
    /// Selected lines.
    pub count: i64,
    pub error: Option<kernel::Error>,
    /// -m stopped the search: the offset (from where reading began) just
    /// after the last selected line.
    pub stopped_after: Option<u64>,
}

/// File selection: --include/--exclude (in order) and --exclude-dir.
#[derive(Default)]
struct Filters {
    files: Vec<(bool, Pattern)>,
    dirs: Vec<Pattern>,
}

/// Match a glob against a whole name, or (for command-line names, which
/// GNU does not anchor) against any part after a `/`.
fn glob_matches(p: &Pattern, name: &str, anchored: bool) -> bool {
    if p.matches(name) {
        return true;
    }
    !anchored
        && name
            .match_indices('/')
            .any(|(i, _)| !name[i + 1..].starts_with('/') && p.matches(&name[i + 1..]))
}

impl Filters {
    /// GNU's rule: the last pattern that matches decides; if none does, a
    /// file is excluded only when the first option was --include.
    fn file_excluded(&self, name: &str, anchored: bool) -> bool {
        if self.files.is_empty() {
            return false;
        }
        for (include, p) in self.files.iter().rev() {
            if glob_matches(p, name, anchored) {
                return !include;
            }
        }
        self.files[0].0
    }

    fn dir_excluded(&self, name: &str, anchored: bool) -> bool {
        self.dirs.iter().any(|p| glob_matches(p, name, anchored))
    }
}

/// State of the whole run.
struct Run {
    cfg: Config,
    filters: Filters,
    directories: Directories,
    devices: Devices,
    suppress_errors: bool,
    label: String,
    /// 1 yes, 0 no, -1: only if the single operand is a directory.
    out_file: i8,
    omit_dot_slash: bool,
    dereference: bool,
    errseen: bool,
    /// Some file had a selected line.
    matched: bool,
    /// -q saw a match: stop now.
    done: bool,
    search: Search,
}

/// Turn GNU's `-NUM` context options into `--context=NUM`: digits may
/// come alone (`-5`) or among other flags (`-n5`, `-5n`); the digits of
/// one argument form one number.
fn context_digits(args: &[String]) -> Vec<String> {
    let takes_value = |c: char| SPEC.iter().any(|o| o.short == Some(c) && o.arg == Arg::Required);
    let long_takes_value = |name: &str| {
        let hits: Vec<&Opt> = SPEC.iter().filter(|o| o.long.starts_with(name)).collect();
        let exact = SPEC.iter().find(|o| o.long == name);
        match (exact, hits.as_slice()) {
            (Some(o), _) => o.arg == Arg::Required,
            (None, [o]) => o.arg == Arg::Required,
            _ => false,
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.extend(args[i - 1..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            out.push(a.clone());
            if !body.contains('=') && long_takes_value(body) && i < args.len() {
                out.push(args[i].clone());
                i += 1;
            }
            continue;
        }
        if a.len() < 2 || !a.starts_with('-') {
            out.push(a.clone());
            continue;
        }
        let mut digits = String::new();
        let mut rest = String::from("-");
        let mut value_next = false;
        let mut chars = a[1..].chars();
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            rest.push(c);
            if takes_value(c) {
                let v: String = chars.by_ref().collect();
                value_next = v.is_empty();
                rest.push_str(&v);
                break;
            }
        }
        if !digits.is_empty() {
            out.push(format!("--context={digits}"));
        }
        if rest != "-" {
            out.push(rest);
        }
        if value_next && i < args.len() {
            out.push(args[i].clone());
            i += 1;
        }
    }
    out
}

/// GNU's context length: a non-negative decimal number.
fn context_length(s: &str) -> Result<i64, String> {
    let t = s.trim_start();
    let digits = t.strip_prefix('+').unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(digits.parse().unwrap_or(i64::MAX));
    }
    Err(format!("{s}: invalid context length argument"))
}

/// GNU's -m: any integer; negative means no limit, overflow saturates.
fn max_count(s: &str) -> Option<i64> {
    let t = s.trim_start();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().unwrap_or(i64::MAX);
    Some(if neg { -n } else { n })
}

pub async fn main(cmd: Cmd) -> i32 {
    run(cmd, None).await
}

pub async fn egrep(cmd: Cmd) -> i32 {
    run(cmd, Some(Dialect::Extended)).await
}

pub async fn fgrep(cmd: Cmd) -> i32 {
    run(cmd, Some(Dialect::Fixed)).await
}

/// A fatal error: the message and status 2.
async fn die(cmd: &mut Cmd, msg: impl std::fmt::Display) -> i32 {
    cmd.error(msg).await;
    cmd.finish(2).await
}

async fn usage(cmd: &mut Cmd, msg: Option<String>) -> i32 {
    if let Some(m) = msg {
        cmd.error(m).await;
    }
    let _ = cmd.p.write(2, USAGE.as_bytes()).await;
    cmd.finish(2).await
}

/// Options as parsed, before they become a [`Config`].
struct Parsed {
    dialect: Option<Dialect>,
    keys: Option<Vec<u8>>,
    icase: bool,
    words: bool,
    lines: bool,
    cfg: Config,
    directories: Directories,
    devices: Devices,
    filters: Filters,
    suppress_errors: bool,
    label: String,
    filename_option: i8,
    color: Option<u8>,
    default_context: i64,
    last_recursive: bool,
    /// -R: follow aliases, and read devices met while recursing.
    dereference: bool,
    warnings: Vec<String>,
}

async fn run(mut cmd: Cmd, forced: Option<Dialect>) -> i32 {
    // egrep and fgrep are `grep -E` / `grep -F`, and speak as grep.
    cmd.name = "grep".to_string();
    let args = context_digits(&cmd.args);
    let opts = match Opts::parse(&args, SPEC, Mode::Permute) {
        Ok(o) => o,
        Err(msg) => return usage(&mut cmd, Some(msg)).await,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    let mut parsed = match parse_options(&mut cmd, &opts, forced).await {
        Ok(p) => p,
        Err(status) => return status,
    };
    if opts.has("version") {
        return cmd.version().await;
    }
    for w in std::mem::take(&mut parsed.warnings) {
        cmd.error(format!("warning: {w}")).await;
    }
    let mut operands = opts.operands.clone();
    let keys = match parsed.keys.take() {
        Some(k) => k,
        None => {
            if operands.is_empty() {
                return usage(&mut cmd, None).await;
            }
            let pat = operands.remove(0);
            let mut k = pat.into_bytes();
            if parsed.dialect != Some(Dialect::Fixed) && k.starts_with(b"\\-") {
                k.remove(0);
            }
            k.push(b'\n');
            k
        }
    };
    finish_setup(cmd, parsed, keys, operands).await
}

async fn parse_options(cmd: &mut Cmd, opts: &Opts, forced: Option<Dialect>) -> Result<Parsed, i32> {
    let mut p = Parsed {
        dialect: forced,
        keys: None,
        icase: false,
        words: false,
        lines: false,
        cfg: Config {
            invert: false,
            count: false,
            list: ListFiles::None,
            exit_on_match: false,
            only_matching: false,
            line_number: false,
            byte_offset: false,
            null_after_name: false,
            eol: b'\n',
            before: -1,
            after: -1,
            max_count: i64::MAX,
            binary_files: BinaryFiles::Binary,
            line_buffered: false,
            align_tabs: false,
            colors: None,
            group_separator: Some("--".to_string()),
            out_quiet: false,
            done_on_match: false,
        },
        directories: Directories::Read,
        devices: Devices::ReadCommandLine,
        filters: Filters::default(),
        suppress_errors: false,
        label: "(standard input)".to_string(),
        filename_option: 0,
        color: None,
        default_context: -1,
        last_recursive: false,
        dereference: false,
        warnings: Vec::new(),
    };
    for (name, val) in &opts.list {
        let v = val.as_deref().unwrap_or("");
        apply_option(cmd, &mut p, name, v, val.is_some()).await?;
    }
    Ok(p)
}

fn set_dialect(p: &mut Parsed, d: Dialect) -> Result<(), String> {
    match p.dialect {
        Some(old) if old != d => Err("conflicting matchers specified".to_string()),
        _ => {
            p.dialect = Some(d);
            Ok(())
        }
    }
}

async fn apply_option(cmd: &mut Cmd, p: &mut Parsed, name: &str, v: &str, has_value: bool) -> Result<(), i32> {
    let fail = |m: String| m;
    let r: Result<(), String> = match name {
        "extended-regexp" => set_dialect(p, Dialect::Extended),
        "fixed-strings" => set_dialect(p, Dialect::Fixed),
        "basic-regexp" => set_dialect(p, Dialect::Basic),
        "perl-regexp" => set_dialect(p, Dialect::Perl),
        "\u{1}X" => match v {
            "grep" => set_dialect(p, Dialect::Basic),
            "egrep" => set_dialect(p, Dialect::Extended),
            "fgrep" => set_dialect(p, Dialect::Fixed),
            "perl" => set_dialect(p, Dialect::Perl),
            _ => Err(format!("invalid matcher {v}")),
        },
        "regexp" => {
            let k = p.keys.get_or_insert_with(Vec::new);
            k.extend_from_slice(v.as_bytes());
            k.push(b'\n');
            Ok(())
        }
        "file" => match read_pattern_file(cmd, v).await {
            Ok(data) => {
                let k = p.keys.get_or_insert_with(Vec::new);
                if !data.is_empty() {
                    k.extend_from_slice(&data);
                    if data.last() != Some(&b'\n') {
                        k.push(b'\n');
                    }
                }
                Ok(())
            }
            Err(e) => Err(format!("{v}: {}", e.strerror())),
        },
        "ignore-case" | "\u{1}y" => {
            p.icase = true;
            Ok(())
        }
        "no-ignore-case" => {
            p.icase = false;
            Ok(())
        }
        "word-regexp" => {
            p.words = true;
            Ok(())
        }
        "line-regexp" => {
            p.lines = true;
            Ok(())
        }
        "null-data" => {
            p.cfg.eol = 0;
            Ok(())
        }
        "no-messages" => {
            p.suppress_errors = true;
            Ok(())
        }
        "invert-match" => {
            p.cfg.invert = true;
            Ok(())
        }
        "max-count" => match max_count(v) {
            Some(n) => {
                p.cfg.max_count = if n < 0 { i64::MAX } else { n };
                Ok(())
            }
            None => Err("invalid max count".to_string()),
        },
        "byte-offset" => {
            p.cfg.byte_offset = true;
            Ok(())
        }
        "line-number" => {
            p.cfg.line_number = true;
            Ok(())
        }
        "line-buffered" => {
            p.cfg.line_buffered = true;
            Ok(())
        }
        "with-filename" => {
            p.filename_option = 1;
            Ok(())
        }
        "no-filename" => {
            p.filename_option = -1;
            Ok(())
        }
        "label" => {
            p.label = v.to_string();
            Ok(())
        }
        "only-matching" => {
            p.cfg.only_matching = true;
            Ok(())
        }
        "quiet" | "silent" => {
            p.cfg.exit_on_match = true;
            Ok(())
        }
        "binary-files" => match v {
            "binary" => set(&mut p.cfg.binary_files, BinaryFiles::Binary),
            "text" => set(&mut p.cfg.binary_files, BinaryFiles::Text),
            "without-match" => set(&mut p.cfg.binary_files, BinaryFiles::WithoutMatch),
            _ => Err("unknown binary-files type".to_string()),
        },
        "text" => set(&mut p.cfg.binary_files, BinaryFiles::Text),
        "\u{1}I" => set(&mut p.cfg.binary_files, BinaryFiles::WithoutMatch),
        "directories" => match v {
            "read" => set(&mut p.directories, Directories::Read),
            "skip" => set(&mut p.directories, Directories::Skip),
            "recurse" => {
                p.last_recursive = true;
                set(&mut p.directories, Directories::Recurse)
            }
            _ => {
                // GNU's argmatch failure: its own message, and status 2
                // through usage... but argmatch exits with 1 here.
                cmd.error(format!(
                    "invalid argument '{v}' for '--directories'\nValid arguments are:\n  - 'read'\n  - 'recurse'\n  - 'skip'"
                ))
                .await;
                let _ = cmd.p.write(2, USAGE.as_bytes()).await;
                return Err(cmd.finish(1).await);
            }
        },
        "devices" => match v {
            "read" => set(&mut p.devices, Devices::Read),
            "skip" => set(&mut p.devices, Devices::Skip),
            _ => Err("unknown devices method".to_string()),
        },
        "recursive" | "dereference-recursive" => {
            p.last_recursive = true;
            p.dereference |= name == "dereference-recursive";
            set(&mut p.directories, Directories::Recurse)
        }
        "include" | "exclude" => {
            p.filters.files.push((name == "include", Pattern::parse(v)));
            Ok(())
        }
        "exclude-from" => match read_pattern_file(cmd, v).await {
            Ok(data) => {
                for line in String::from_utf8_lossy(&data).lines() {
                    p.filters.files.push((false, Pattern::parse(line)));
                }
                Ok(())
            }
            Err(e) => Err(format!("{v}: {}", e.strerror())),
        },
        "exclude-dir" => {
            let trimmed = v.trim_end_matches('/');
            let pat = if trimmed.is_empty() && !v.is_empty() {
                "/"
            } else {
                trimmed
            };
            p.filters.dirs.push(Pattern::parse(pat));
            Ok(())
        }
        "files-without-match" => set(&mut p.cfg.list, ListFiles::NonMatching),
        "files-with-matches" => set(&mut p.cfg.list, ListFiles::Matching),
        "count" => {
            p.cfg.count = true;
            Ok(())
        }
        "initial-tab" => {
            p.cfg.align_tabs = true;
            Ok(())
        }
        "null" => {
            p.cfg.null_after_name = true;
            Ok(())
        }
        "before-context" => context_length(v).map(|n| p.cfg.before = n),
        "after-context" => context_length(v).map(|n| p.cfg.after = n),
        "context" => context_length(v).map(|n| p.default_context = n),
        "group-separator" => {
            p.cfg.group_separator = Some(v.to_string());
            Ok(())
        }
        "no-group-separator" => {
            p.cfg.group_separator = None;
            Ok(())
        }
        "color" | "colour" => {
            let w = v.to_ascii_lowercase();
            match (has_value, w.as_str()) {
                (false, _) | (true, "auto" | "tty" | "if-tty") => p.color = Some(2),
                (true, "always" | "yes" | "force") => p.color = Some(1),
                (true, "never" | "no" | "none") => p.color = Some(0),
                _ => {
                    // GNU shows its help (on stderr) and succeeds.
                    let _ = cmd.p.write(2, HELP.as_bytes()).await;
                    return Err(cmd.finish(0).await);
                }
            }
            Ok(())
        }
        "binary" => Ok(()),
        "unix-byte-offsets" => {
            p.warnings.push("--unix-byte-offsets (-u) is obsolete".to_string());
            Ok(())
        }
        _ => Ok(()),
    };
    match r {
        Ok(()) => Ok(()),
        Err(m) => Err(die(cmd, fail(m)).await),
    }
}

fn set<T>(slot: &mut T, v: T) -> Result<(), String> {
    *slot = v;
    Ok(())
}

async fn read_pattern_file(cmd: &mut Cmd, name: &str) -> kernel::Result<Vec<u8>> {
    if name == "-" {
        return cmd.p.read_to_end(0).await;
    }
    let fd = cmd.p.open(name, OpenFlags::READ).await?;
    let r = cmd.p.read_to_end(fd).await;
    let _ = cmd.p.close(fd).await;
    r
}

/// Whether --color=auto colors: standard output is the console and the
/// terminal is not a dumb one.
fn should_colorize(cmd: &Cmd) -> bool {
    let tty = cmd.p.fd_name(1).is_ok_and(|n| n.contains("cons"));
    let term = cmd.p.getenv("TERM");
    tty && term.is_some_and(|t| !t.is_empty() && t != "dumb")
}

async fn finish_setup(mut cmd: Cmd, mut p: Parsed, keys: Vec<u8>, operands: Vec<String>) -> i32 {
    // Split the keys (each ends in a newline) into patterns.
    let mut keys = keys;
    let mut patterns: Vec<Vec<u8>> = Vec::new();
    if keys.is_empty() {
        // -f with an empty file: no pattern matches nothing.
        p.cfg.invert = !p.cfg.invert;
        p.lines = false;
        p.words = false;
        patterns.push(Vec::new());
    } else {
        keys.pop();
        patterns.extend(keys.split(|&b| b == b'\n').map(<[u8]>::to_vec));
        // Repeated patterns change nothing but the work.
        let mut seen = std::collections::HashSet::new();
        patterns.retain(|x| seen.insert(x.clone()));
    }
    let single_empty = patterns.len() == 1 && patterns[0].is_empty();

    let cfg = &mut p.cfg;
    if cfg.exit_on_match {
        cfg.list = ListFiles::None;
    }
    if cfg.exit_on_match || cfg.list != ListFiles::None {
        cfg.count = false;
        if cfg.max_count == i64::MAX {
            cfg.done_on_match = true;
        }
    }
    cfg.out_quiet = cfg.count || cfg.done_on_match || cfg.exit_on_match;
    if cfg.after < 0 {
        cfg.after = p.default_context;
    }
    if cfg.before < 0 {
        cfg.before = p.default_context;
    }
    // Matching cannot succeed: fail without reading anything.
    if (cfg.max_count == 0 || (single_empty && cfg.invert && !p.lines && !p.words))
        && cfg.list != ListFiles::NonMatching
    {
        return cmd.finish(1).await;
    }
    let color = match p.color {
        Some(1) => true,
        Some(2) => should_colorize(&cmd),
        _ => false,
    };
    if color {
        let mut c = Colors::default();
        if let Some(legacy) = cmd.p.getenv("GREP_COLOR")
            && !legacy.is_empty()
            && legacy.bytes().all(|b| b == b';' || b.is_ascii_digit())
        {
            c.selected_match = legacy.clone();
            c.context_match = legacy.clone();
            if let Some(gc) = cmd.p.getenv("GREP_COLORS") {
                c.parse(&gc);
            }
            if c.selected_match == legacy || c.context_match == legacy {
                cmd.error(format!(
                    "warning: GREP_COLOR='{legacy}' is deprecated; use GREP_COLORS='mt={legacy}'"
                ))
                .await;
            }
        } else if let Some(gc) = cmd.p.getenv("GREP_COLORS") {
            c.parse(&gc);
        }
        cfg.colors = Some(c);
    }

    let spec = matcher::Spec {
        patterns: &patterns,
        dialect: p.dialect.unwrap_or(Dialect::Basic),
        icase: p.icase,
        words: p.words,
        lines: p.lines,
        eol: cfg.eol,
        utf8: common::locale::Charset::of(&cmd.p).is_utf8(),
    };
    let matcher = match matcher::build(&spec) {
        Ok((m, warnings)) => {
            for w in warnings {
                cmd.error(format!("warning: {w}")).await;
            }
            m
        }
        Err(e) => return die(&mut cmd, e).await,
    };

    let n = operands.len();
    let out_file = if p.filename_option == 0 && n <= 1 {
        if p.directories == Directories::Recurse { -1 } else { 0 }
    } else {
        i8::from(p.filename_option >= 0)
    };
    let (files, omit_dot_slash) = if n > 0 {
        (operands, false)
    } else if p.directories == Directories::Recurse && p.last_recursive {
        (vec![".".to_string()], true)
    } else {
        (vec!["-".to_string()], false)
    };
    let mut run = Run {
        search: Search::new(matcher),
        cfg: p.cfg,
        filters: p.filters,
        directories: p.directories,
        devices: if p.dereference && p.devices == Devices::ReadCommandLine {
            Devices::Read
        } else {
            p.devices
        },
        suppress_errors: p.suppress_errors,
        label: p.label,
        out_file,
        omit_dot_slash,
        dereference: p.dereference,
        errseen: false,
        matched: false,
        done: false,
    };
    for f in &files {
        run.command_line_arg(&mut cmd, f).await;
        if run.done {
            return cmd.finish(0).await;
        }
    }
    let status = if run.errseen {
        2
    } else if run.matched {
        0
    } else {
        1
    };
    cmd.finish(status).await
}

/// A directory's device and stat, for finding loops.
async fn dir_id(
    p: &kernel::Proc,
    mounts: &mut Option<common::files::MountTable>,
    path: &str,
) -> Option<(String, kernel::Stat)> {
    let st = p.stat(path).await.ok()?;
    let table = mounts.get_or_insert_with(|| common::files::MountTable::load(p));
    let dev = p.abs(path).map(|a| table.device_of(&a)).unwrap_or_default();
    Some((dev, st))
}

impl Run {
    /// Report a file's error (unless -s); the run's status becomes 2.
    async fn suppressible_error(&mut self, cmd: &mut Cmd, name: &str, e: &kernel::Error) {
        if !self.suppress_errors {
            cmd.error(format!("{name}: {}", common::limits::describe(e))).await;
        }
        self.errseen = true;
    }

    fn skip_devices(&self, command_line: bool) -> bool {
        self.devices == Devices::Skip || (self.devices == Devices::ReadCommandLine && !command_line)
    }

    async fn command_line_arg(&mut self, cmd: &mut Cmd, arg: &str) {
        if arg == "-" {
            let name = self.label.clone();
            if self.out_file < 0 {
                self.out_file = 0;
            }
            self.grep_fd(cmd, 0, &name, None).await;
            return;
        }
        let st = match cmd.p.stat(arg).await {
            Ok(s) => s,
            Err(e) => return self.suppressible_error(cmd, arg, &e).await,
        };
        let is_dir = st.kind == NodeType::Dir;
        if st.kind == NodeType::Device && self.skip_devices(true) {
            return;
        }
        if self.skipped_file(arg, true, is_dir) {
            return;
        }
        if self.out_file < 0 {
            self.out_file = i8::from(is_dir);
        }
        if is_dir {
            match self.directories {
                Directories::Recurse => self.recurse(cmd, arg).await,
                Directories::Skip => {}
                Directories::Read => {
                    let e = kernel::Error::from(Errno::EISDIR);
                    self.suppressible_error(cmd, arg, &e).await;
                }
            }
            return;
        }
        self.grep_file(cmd, arg, arg, Some(&st)).await;
    }

    /// GNU's `skipped_file`: the --include/--exclude/--exclude-dir rules
    /// (anchored for names met while recursing).
    fn skipped_file(&self, name: &str, command_line: bool, is_dir: bool) -> bool {
        if !is_dir {
            return self.filters.file_excluded(name, !command_line);
        }
        if self.directories == Directories::Skip {
            return true;
        }
        if command_line && self.omit_dot_slash {
            return false;
        }
        self.filters.dir_excluded(name, !command_line)
    }

    /// Walk a directory depth-first, in name order, as fts would (GNU
    /// lists in directory order, which is unspecified).
    async fn recurse(&mut self, cmd: &mut Cmd, root: &str) {
        let mut stack: Vec<(String, std::vec::IntoIter<kernel::DirEntry>)> = Vec::new();
        // The directories on the stack, with their devices: one of them
        // again beneath itself (a bind) is a loop, found by qid as GNU
        // finds it by dev/ino.
        let mut mounts = None;
        let mut above: Vec<Option<(String, kernel::Stat)>> = Vec::new();
        match self.list_dir(cmd, root).await {
            Some(entries) => {
                stack.push((root.to_string(), entries));
                above.push(dir_id(&cmd.p, &mut mounts, root).await);
            }
            None => return,
        }
        while let Some((dir, entries)) = stack.last_mut() {
            let Some(ent) = entries.next() else {
                stack.pop();
                above.pop();
                continue;
            };
            let path = join(dir, &ent.name);
            let is_dir = ent.kind == NodeType::Dir;
            if self.skipped_file(&ent.name, false, is_dir) {
                continue;
            }
            if is_dir {
                let id = dir_id(&cmd.p, &mut mounts, &path).await;
                if let Some((dev, st)) = &id
                    && above
                        .iter()
                        .flatten()
                        .any(|(d, a)| d == dev && common::files::same_file(a, st))
                {
                    if !self.suppress_errors {
                        let shown = self.shown_name(&path);
                        cmd.error(format!("{shown}: warning: recursive directory loop")).await;
                    }
                    continue;
                }
                if let Some(sub) = self.list_dir(cmd, &path).await {
                    stack.push((path, sub));
                    above.push(id);
                }
                continue;
            }
            // The fd device's files (/dev/fd/N, /dev/stdin...) are aliases
            // of other files, as symlinks are on Linux: -r does not follow
            // them. And a directory entry may be a device in disguise.
            if !self.dereference && is_fd_alias(&cmd.p, &path) {
                continue;
            }
            let kind = match cmd.p.stat(&path).await {
                Ok(st) => st.kind,
                Err(_) => ent.kind,
            };
            if kind == NodeType::Device && self.skip_devices(false) {
                continue;
            }
            let shown = self.shown_name(&path);
            self.grep_file(cmd, &path, &shown, None).await;
            if self.done {
                return;
            }
        }
    }

    async fn list_dir(&mut self, cmd: &mut Cmd, dir: &str) -> Option<std::vec::IntoIter<kernel::DirEntry>> {
        match cmd.p.readdir(dir).await {
            Ok(mut v) => {
                v.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
                Some(v.into_iter())
            }
            Err(e) => {
                let shown = self.shown_name(dir);
                self.suppressible_error(cmd, &shown, &e).await;
                None
            }
        }
    }

    fn shown_name(&self, path: &str) -> String {
        if self.omit_dot_slash
            && let Some(rest) = path.strip_prefix("./")
        {
            return rest.to_string();
        }
        path.to_string()
    }

    async fn grep_file(&mut self, cmd: &mut Cmd, path: &str, shown: &str, st: Option<&kernel::Stat>) {
        let fd = match cmd.p.open(path, OpenFlags::READ).await {
            Ok(fd) => fd,
            Err(e) => return self.suppressible_error(cmd, shown, &e).await,
        };
        let size = match st {
            Some(s) => Some(s.clone()),
            None => cmd.p.fstat(fd).await.ok(),
        };
        self.grep_fd(cmd, fd, shown, size.as_ref()).await;
        let _ = cmd.p.close(fd).await;
    }

    async fn grep_fd(&mut self, cmd: &mut Cmd, fd: kernel::Fd, name: &str, st: Option<&kernel::Stat>) {
        // GNU grep does not search what it writes (it would find its own
        // output again, without end).
        if !self.cfg.out_quiet
            && self.cfg.list == ListFiles::None
            && self.cfg.max_count > 1
            && common::files::is_own_output(&cmd.p, fd).await.is_some()
        {
            if !self.suppress_errors {
                cmd.error(format!("{name}: input file is also the output")).await;
            }
            self.errseen = true;
            return;
        }
        let size = st.filter(|s| s.kind == NodeType::File).map(|s| s.size);
        let out_file = self.out_file > 0;
        // Where standard input was: after -m, GNU leaves it just past the
        // last selected line, for the next reader (`grep -m1 x; cat`).
        let start = if fd == 0 {
            cmd.p.seek(0, kernel::SeekFrom::Current(0)).await.ok()
        } else {
            None
        };
        let outcome = self.search.grep(cmd, &self.cfg, fd, name, out_file, size).await;
        if let (Some(start), Some(after)) = (start, outcome.stopped_after)
            && self.cfg.list == ListFiles::None
        {
            let _ = cmd.p.seek(0, kernel::SeekFrom::Start(start + after)).await;
        }
        if let Some(e) = &outcome.error {
            self.suppressible_error(cmd, name, e).await;
        }
        if self.search.exit_now {
            self.done = true;
            self.matched = true;
            return;
        }
        let cfg = &self.cfg;
        if cfg.count {
            let mut line = Vec::new();
            if out_file {
                self.search.file_name(cfg, name, &mut line);
                if cfg.null_after_name {
                    line.push(0);
                } else {
                    self.search.sep(cfg, b':', &mut line);
                }
            }
            line.extend_from_slice(format!("{}\n", outcome.count).as_bytes());
            cmd.out.write(&line).await;
        }
        let selected = outcome.count > 0;
        self.matched |= selected;
        let listed = match cfg.list {
            ListFiles::Matching => selected,
            ListFiles::NonMatching => !selected,
            ListFiles::None => false,
        };
        if listed {
            let mut line = Vec::new();
            self.search.file_name(cfg, name, &mut line);
            line.push(if cfg.null_after_name { 0 } else { b'\n' });
            cmd.out.write(&line).await;
        }
        if cfg.line_buffered {
            let _ = cmd.out.flush().await;
        }
    }
}

/// Whether `path` names one of the fd device's aliases of open files.
fn is_fd_alias(p: &kernel::Proc, path: &str) -> bool {
    p.abs(path)
        .is_ok_and(|a| a.starts_with("/dev/fd/") || matches!(a.as_str(), "/dev/stdin" | "/dev/stdout" | "/dev/stderr"))
}

/// `dir/name`, as fts builds paths (one trailing slash of the root is not
/// doubled).
fn join(dir: &str, name: &str) -> String {
    match dir.strip_suffix('/') {
        Some(d) => format!("{d}/{name}"),
        None => format!("{dir}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn digits_become_context() {
        assert_eq!(context_digits(&s(&["-5", "x"])), s(&["--context=5", "x"]));
        assert_eq!(context_digits(&s(&["-n2", "x"])), s(&["--context=2", "-n", "x"]));
        assert_eq!(context_digits(&s(&["-e", "-5"])), s(&["-e", "-5"]));
        assert_eq!(context_digits(&s(&["-e5"])), s(&["-e5"]));
        assert_eq!(context_digits(&s(&["-m", "3", "-1"])), s(&["-m", "3", "--context=1"]));
        assert_eq!(context_digits(&s(&["--regexp", "-5"])), s(&["--regexp", "-5"]));
        assert_eq!(context_digits(&s(&["--", "-5"])), s(&["--", "-5"]));
    }

    #[test]
    fn numbers_as_gnu() {
        assert_eq!(context_length("3"), Ok(3));
        assert!(context_length("-1").is_err() && context_length("x").is_err());
        assert_eq!(max_count("-1"), Some(-1));
        assert_eq!(max_count("x"), None);
    }

    #[test]
    fn include_exclude_rules() {
        let f = |rules: &[(bool, &str)]| Filters {
            files: rules.iter().map(|(i, p)| (*i, Pattern::parse(p))).collect(),
            dirs: Vec::new(),
        };
        let only_c = f(&[(true, "*.c")]);
        assert!(!only_c.file_excluded("a.c", true) && only_c.file_excluded("a.h", true));
        let no_c = f(&[(false, "*.c")]);
        assert!(no_c.file_excluded("a.c", true) && !no_c.file_excluded("a.h", true));
        let both = f(&[(false, "a*"), (true, "*b")]);
        assert!(!both.file_excluded("ab", true), "the last match decides");
        assert!(both.file_excluded("ax", true));
        assert!(!both.file_excluded("zz", true), "no match: the first was --exclude");
        assert!(glob_matches(&Pattern::parse("*.c"), "d/x.c", false));
        assert!(glob_matches(&Pattern::parse("x.c"), "d/x.c", false));
        assert!(!glob_matches(&Pattern::parse("x.c"), "d/x.c", true));
    }

    #[test]
    fn grep_colors() {
        let mut c = Colors::default();
        c.parse("ms=01;32:fn=34:ne");
        assert_eq!(c.selected_match, "01;32");
        assert_eq!(c.file, "34");
        assert!(c.no_erase);
        let mut c = Colors::default();
        c.parse("mt=7:ln=x:fn=1");
        assert_eq!((c.selected_match.as_str(), c.context_match.as_str()), ("7", "7"));
        assert_eq!(c.file, "35", "parsing stops at a bad value");
    }
}
