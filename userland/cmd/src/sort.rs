//! `sort`: sort, merge, or check lines of text files.
//!
//! All input goes into one buffer; lines are ranges of it. Without keys a
//! line is sorted by an 8-byte big-endian prefix and then its bytes; with
//! keys the first key's span is found once per line (as GNU caches it) and
//! the comparison follows GNU's `compare`/`keycompare` exactly, including
//! the last-resort comparison of whole lines unless `-s` or `-u`. Sorting
//! is unstable when that last resort makes stability invisible.

mod compare;

use std::cmp::Ordering;

use kernel::{Errno, OpenFlags};

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::io::Input;

use compare::is_blank;

const HELP: &str = "Usage: sort [OPTION]... [FILE]...
  or:  sort [OPTION]... --files0-from=F
Write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
Ordering options:

  -b, --ignore-leading-blanks  ignore leading blanks
  -d, --dictionary-order      consider only blanks and alphanumeric characters
  -f, --ignore-case           fold lower case to upper case characters
  -g, --general-numeric-sort  compare according to general numerical value
  -i, --ignore-nonprinting    consider only printable characters
  -M, --month-sort            compare (unknown) < 'JAN' < ... < 'DEC'
  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)
  -n, --numeric-sort          compare according to string numerical value
  -R, --random-sort           shuffle, but group identical keys
      --random-source=FILE    get random bytes from FILE
  -r, --reverse               reverse the result of comparisons
      --sort=WORD             sort according to WORD:
                                general-numeric -g, human-numeric -h, month -M,
                                numeric -n, random -R, version -V
  -V, --version-sort          natural sort of (version) numbers within text

Other options:

      --batch-size=NMERGE   accepted for compatibility (merging is in memory)
  -c, --check, --check=diagnose-first  check for sorted input; do not sort
  -C, --check=quiet, --check=silent  like -c, but do not report first bad line
      --compress-program=PROG  accepted for compatibility (no temporary files)
      --files0-from=F       read input from the files specified by
                            NUL-terminated names in file F;
                            If F is - then read names from standard input
  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type
  -m, --merge               merge already sorted files; do not sort
  -o, --output=FILE         write result to FILE instead of standard output
  -s, --stable              stabilize sort by disabling last-resort comparison
  -S, --buffer-size=SIZE    accepted for compatibility (input is held in memory)
  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition
  -T, --temporary-directory=DIR  accepted for compatibility (no temporary files)
      --parallel=N          accepted for compatibility (one thread sorts)
  -u, --unique              with -c, check for strict ordering;
                              without -c, output only the first of an equal run
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

KEYDEF is F[.C][OPTS][,F[.C][OPTS]] for start and stop position, where F is a
field number and C a character position in the field; both are origin 1, and
the stop position defaults to the line's end.  If neither -t nor -b is in
effect, characters in a field are counted from the beginning of the preceding
whitespace.  OPTS is one or more single-letter ordering options [bdfgiMhnRrV],
which override global ordering options for that key.  If no key is given, use
the entire line as the key.

SIZE may be followed by the following multiplicative suffixes:
% 1% of memory, b 1, K 1024 (default), and so on for M, G, T, P, E, Z, Y, R, Q.

Lines are compared byte by byte (the C locale).
";

const SPEC: &[Opt] = &[
    flag("ignore-leading-blanks", 'b'),
    flag("dictionary-order", 'd'),
    flag("ignore-case", 'f'),
    flag("general-numeric-sort", 'g'),
    flag("human-numeric-sort", 'h'),
    flag("ignore-nonprinting", 'i'),
    flag("month-sort", 'M'),
    flag("numeric-sort", 'n'),
    flag("random-sort", 'R'),
    flag("reverse", 'r'),
    flag("version-sort", 'V'),
    long("random-source", Arg::Required),
    long("sort", Arg::Required),
    long("batch-size", Arg::Required),
    long("check", Arg::Optional),
    flag("c", 'c'),
    flag("C", 'C'),
    long("compress-program", Arg::Required),
    long("files0-from", Arg::Required),
    value("key", 'k'),
    flag("merge", 'm'),
    value("output", 'o'),
    flag("stable", 's'),
    value("buffer-size", 'S'),
    value("field-separator", 't'),
    value("temporary-directory", 'T'),
    long("parallel", Arg::Required),
    flag("unique", 'u'),
    flag("zero-terminated", 'z'),
];

/// Field positions "none": the key starts at the line's start or ends at
/// its end.
const NONE: usize = usize::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ignore {
    None,
    /// `-d`: only blanks and alphanumerics count.
    Dictionary,
    /// `-i`: only printable bytes count.
    Nonprinting,
}

impl Ignore {
    fn ignores(self, c: u8) -> bool {
        match self {
            Ignore::None => false,
            Ignore::Dictionary => !c.is_ascii_alphanumeric() && !is_blank(c),
            Ignore::Nonprinting => !(32..127).contains(&c),
        }
    }
}

/// A key: GNU's `struct keyfield` (0-based field and character counts).
#[derive(Clone, Debug)]
struct Key {
    sword: usize,
    schar: usize,
    eword: usize,
    echar: usize,
    skipsblanks: bool,
    skipeblanks: bool,
    ignore: Ignore,
    translate: bool,
    numeric: bool,
    general: bool,
    human: bool,
    month: bool,
    random: bool,
    version: bool,
    reverse: bool,
}

impl Key {
    fn whole_line() -> Key {
        Key {
            sword: NONE,
            schar: 0,
            eword: NONE,
            echar: 0,
            skipsblanks: false,
            skipeblanks: false,
            ignore: Ignore::None,
            translate: false,
            numeric: false,
            general: false,
            human: false,
            month: false,
            random: false,
            version: false,
            reverse: false,
        }
    }

    /// No ordering option of its own (reverse aside).
    fn is_default(&self) -> bool {
        !(self.ignore != Ignore::None
            || self.translate
            || self.skipsblanks
            || self.skipeblanks
            || self.numeric
            || self.general
            || self.human
            || self.month
            || self.version
            || self.random)
    }

    fn special(&self) -> bool {
        self.numeric || self.general || self.human || self.month || self.random || self.version
    }

    /// GNU's `set_ordering`: apply option letters; answers the rest.
    fn set_ordering<'a>(&mut self, s: &'a str, start: bool, end: bool) -> &'a str {
        for (i, c) in s.char_indices() {
            match c {
                'b' => {
                    self.skipsblanks |= start;
                    self.skipeblanks |= end;
                }
                'd' => self.ignore = Ignore::Dictionary,
                'f' => self.translate = true,
                'g' => self.general = true,
                'h' => self.human = true,
                'i' => {
                    if self.ignore == Ignore::None {
                        self.ignore = Ignore::Nonprinting;
                    }
                }
                'M' => self.month = true,
                'n' => self.numeric = true,
                'R' => self.random = true,
                'r' => self.reverse = true,
                'V' => self.version = true,
                _ => return &s[i..],
            }
        }
        ""
    }

    /// The letters of its ordering options, for GNU's incompatibility
    /// message.
    fn opts_text(&self) -> String {
        let mut s = String::new();
        let flags = [
            (self.skipsblanks || self.skipeblanks, 'b'),
            (self.ignore == Ignore::Dictionary, 'd'),
            (self.translate, 'f'),
            (self.general, 'g'),
            (self.human, 'h'),
            (self.ignore == Ignore::Nonprinting, 'i'),
            (self.month, 'M'),
            (self.numeric, 'n'),
            (self.random, 'R'),
            (self.reverse, 'r'),
            (self.version, 'V'),
        ];
        for (on, c) in flags {
            if on {
                s.push(c);
            }
        }
        s
    }
}

/// A count in a key spec (`parse_field_count`): the value and the rest.
fn field_count<'a>(s: &'a str, what: &str) -> Result<(usize, &'a str), String> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return Err(format!("{what}: invalid count at start of '{s}'"));
    }
    let v = s[..n].parse::<usize>().unwrap_or(NONE);
    Ok((v, &s[n..]))
}

/// Parse `-k POS1[,POS2]`.
fn parse_key(spec: &str) -> Result<Key, String> {
    let bad = |why: &str| format!("{why}: invalid field specification '{spec}'");
    let mut key = Key::whole_line();
    let (sword, mut s) = field_count(spec, "invalid number at field start")?;
    if sword == 0 {
        return Err(bad("field number is zero"));
    }
    key.sword = sword - 1;
    if let Some(rest) = s.strip_prefix('.') {
        let (schar, r) = field_count(rest, "invalid number after '.'")?;
        if schar == 0 {
            return Err(bad("character offset is zero"));
        }
        key.schar = schar - 1;
        s = r;
    }
    if key.sword == 0 && key.schar == 0 {
        key.sword = NONE;
    }
    s = key.set_ordering(s, true, false);
    if let Some(rest) = s.strip_prefix(',') {
        let (eword, r) = field_count(rest, "invalid number after ','")?;
        if eword == 0 {
            return Err(bad("field number is zero"));
        }
        key.eword = eword - 1;
        s = r;
        if let Some(rest) = s.strip_prefix('.') {
            let (echar, r) = field_count(rest, "invalid number after '.'")?;
            key.echar = echar;
            s = r;
        }
        s = key.set_ordering(s, false, true);
    } else {
        key.eword = NONE;
        key.echar = 0;
    }
    if !s.is_empty() {
        return Err(bad("stray character in field spec"));
    }
    Ok(key)
}

/// `+POS1 [-POS2]`, the obsolete key syntax, rewritten as `-k`.
fn obsolete_keys(args: &mut Vec<String>) {
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--" {
            break;
        }
        if let Some(k) = obsolete_key(&args[i], args.get(i + 1).map(String::as_str)) {
            let used = if k.1 { 2 } else { 1 };
            args.splice(i..i + used, ["-k".to_string(), k.0]);
            i += 2;
            continue;
        }
        i += 1;
    }
}

/// One `+A.x[opts]` (and a following `-B.y[opts]`): the `-k` text and
/// whether the second argument was used.
fn obsolete_key(arg: &str, next: Option<&str>) -> Option<(String, bool)> {
    let rest = arg.strip_prefix('+')?;
    let (a, x, opts1) = obsolete_pos(rest)?;
    let mut key = Key::whole_line();
    if !key.set_ordering(opts1, true, false).is_empty() {
        return None;
    }
    let mut text = format!("{}.{}{opts1}", a + 1, x + 1);
    let mut used = false;
    if let Some(n) = next.and_then(|n| n.strip_prefix('-'))
        && n.starts_with(|c: char| c.is_ascii_digit())
        && let Some((b, y, opts2)) = obsolete_pos(n)
    {
        used = true;
        if y == 0 {
            text.push_str(&format!(",{}{opts2}", b.max(1)));
        } else {
            text.push_str(&format!(",{}.{y}{opts2}", b + 1));
        }
    }
    Some((text, used))
}

fn obsolete_pos(s: &str) -> Option<(usize, usize, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    let a = s[..n].parse().ok()?;
    let mut rest = &s[n..];
    let mut x = 0;
    if let Some(r) = rest.strip_prefix('.') {
        let m = r.bytes().take_while(u8::is_ascii_digit).count();
        x = r[..m].parse().ok()?;
        rest = &r[m..];
    }
    Some((a, x, rest))
}

/// How lines are compared.
struct Sorter {
    keys: Vec<Key>,
    tab: Option<u8>,
    unique: bool,
    stable: bool,
    /// The global -r, for the last-resort comparison.
    reverse: bool,
    seed: [u64; 2],
}

/// The byte range of a key within a line.
type Span = (usize, usize);

impl Sorter {
    /// GNU's `begfield`.
    fn begfield(&self, line: &[u8], key: &Key) -> usize {
        let lim = line.len();
        let mut ptr = 0;
        if key.sword != NONE {
            let mut sword = key.sword;
            match self.tab {
                Some(t) => {
                    while ptr < lim && sword > 0 {
                        sword -= 1;
                        while ptr < lim && line[ptr] != t {
                            ptr += 1;
                        }
                        if ptr < lim {
                            ptr += 1;
                        }
                    }
                }
                None => {
                    while ptr < lim && sword > 0 {
                        sword -= 1;
                        while ptr < lim && is_blank(line[ptr]) {
                            ptr += 1;
                        }
                        while ptr < lim && !is_blank(line[ptr]) {
                            ptr += 1;
                        }
                    }
                }
            }
        }
        if key.skipsblanks {
            while ptr < lim && is_blank(line[ptr]) {
                ptr += 1;
            }
        }
        if key.sword == NONE {
            return ptr;
        }
        ptr.saturating_add(key.schar).min(lim)
    }

    /// GNU's `limfield`.
    fn limfield(&self, line: &[u8], key: &Key) -> usize {
        let lim = line.len();
        if key.eword == NONE {
            return lim;
        }
        let mut eword = key.eword;
        let echar = key.echar;
        if echar == 0 {
            eword = eword.saturating_add(1);
        }
        let mut ptr = 0;
        match self.tab {
            Some(t) => {
                while ptr < lim && eword > 0 {
                    eword -= 1;
                    while ptr < lim && line[ptr] != t {
                        ptr += 1;
                    }
                    if ptr < lim && (eword > 0 || echar != 0) {
                        ptr += 1;
                    }
                }
            }
            None => {
                while ptr < lim && eword > 0 {
                    eword -= 1;
                    while ptr < lim && is_blank(line[ptr]) {
                        ptr += 1;
                    }
                    while ptr < lim && !is_blank(line[ptr]) {
                        ptr += 1;
                    }
                }
            }
        }
        if echar != 0 {
            if key.skipeblanks {
                while ptr < lim && is_blank(line[ptr]) {
                    ptr += 1;
                }
            }
            ptr = ptr.saturating_add(echar).min(lim);
        }
        ptr
    }

    fn span(&self, line: &[u8], key: &Key) -> Span {
        let lim = self.limfield(line, key);
        let beg = self.begfield(line, key);
        (beg, lim)
    }

    fn first_span(&self, line: &[u8]) -> Span {
        match self.keys.first() {
            Some(k) => self.span(line, k),
            None => (0, line.len()),
        }
    }

    /// GNU's `compare`: the keys, then (unless -s or -u) whole lines.
    fn compare(&self, a: &[u8], b: &[u8], first: Option<(Span, Span)>) -> Ordering {
        self.compare_from(a, b, first, 0)
    }

    /// `compare` with the keys before `from` known to be equal.
    fn compare_from(&self, a: &[u8], b: &[u8], first: Option<(Span, Span)>, from: usize) -> Ordering {
        if !self.keys.is_empty() {
            let d = self.keycompare(a, b, first, from);
            if d != Ordering::Equal || self.unique || self.stable {
                return d;
            }
        }
        let d = a.cmp(b);
        if self.reverse { d.reverse() } else { d }
    }

    fn keycompare(&self, a: &[u8], b: &[u8], first: Option<(Span, Span)>, from: usize) -> Ordering {
        for (i, key) in self.keys.iter().enumerate().skip(from) {
            let (sa, sb) = match (i, first) {
                (0, Some(f)) => f,
                _ => (self.span(a, key), self.span(b, key)),
            };
            let ta = if sa.1 > sa.0 { &a[sa.0..sa.1] } else { &[][..] };
            let tb = if sb.1 > sb.0 { &b[sb.0..sb.1] } else { &[][..] };
            let d = self.key_cmp(key, ta, tb);
            if d != Ordering::Equal {
                return if key.reverse { d.reverse() } else { d };
            }
        }
        Ordering::Equal
    }

    fn key_cmp(&self, key: &Key, ta: &[u8], tb: &[u8]) -> Ordering {
        if key.special() {
            if key.ignore != Ignore::None || key.translate {
                let fa = filtered(key, ta);
                let fb = filtered(key, tb);
                return self.special_cmp(key, &fa, &fb);
            }
            return self.special_cmp(key, ta, tb);
        }
        if key.ignore != Ignore::None {
            return cmp_with_ignore(key, ta, tb);
        }
        if key.translate {
            let fold = |c: &u8| c.to_ascii_uppercase();
            return ta.iter().map(fold).cmp(tb.iter().map(fold));
        }
        ta.cmp(tb)
    }

    fn special_cmp(&self, key: &Key, a: &[u8], b: &[u8]) -> Ordering {
        if key.numeric {
            compare::numeric(a, b)
        } else if key.general {
            compare::general(a, b)
        } else if key.human {
            compare::human(a, b)
        } else if key.month {
            compare::month(a).cmp(&compare::month(b))
        } else if key.random {
            compare::random_hash(self.seed, a)
                .cmp(&compare::random_hash(self.seed, b))
                .then_with(|| a.cmp(b))
        } else {
            compare::version(a, b)
        }
    }
}

/// A key with ignored bytes dropped and case folded (for the special
/// comparisons, which GNU makes on such a copy).
fn filtered(key: &Key, s: &[u8]) -> Vec<u8> {
    s.iter()
        .filter(|&&c| !key.ignore.ignores(c))
        .map(|&c| if key.translate { c.to_ascii_uppercase() } else { c })
        .collect()
}

/// GNU's `CMP_WITH_IGNORE`.
fn cmp_with_ignore(key: &Key, a: &[u8], b: &[u8]) -> Ordering {
    let tr = |c: u8| if key.translate { c.to_ascii_uppercase() } else { c };
    let (mut i, mut j) = (0, 0);
    loop {
        while i < a.len() && key.ignore.ignores(a[i]) {
            i += 1;
        }
        while j < b.len() && key.ignore.ignores(b[j]) {
            j += 1;
        }
        if !(i < a.len() && j < b.len()) {
            break;
        }
        let d = tr(a[i]).cmp(&tr(b[j]));
        if d != Ordering::Equal {
            return d;
        }
        i += 1;
        j += 1;
    }
    (i < a.len()).cmp(&(j < b.len()))
}

/// Everything decided from the options.
struct Config {
    sorter: Sorter,
    eol: u8,
    check: Option<bool>,
    merge: bool,
    output: Option<String>,
    files: Vec<String>,
}

/// An error and the status it exits with.
struct Fail(String, i32);

fn fail(msg: impl Into<String>) -> Fail {
    Fail(msg.into(), 2)
}

/// GNU's `-S` check (the value itself is not used).
fn check_buffer_size(v: &str) -> Result<(), String> {
    let n = v.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return Err(format!("invalid -S argument '{v}'"));
    }
    match &v[n..] {
        "" | "%" | "b" | "K" | "k" | "M" | "m" | "G" | "g" | "T" | "t" | "P" | "p" | "E" | "e" | "Z" | "z" | "Y"
        | "y" | "R" | "r" | "Q" | "q" => Ok(()),
        _ => Err(format!("invalid suffix in -S argument '{v}'")),
    }
}

async fn configure(cmd: &mut Cmd, opts: &Opts) -> Result<Config, Fail> {
    let mut gkey = Key::whole_line();
    let mut keys = Vec::new();
    let mut tab: Option<u8> = None;
    let mut check: Option<bool> = None;
    let mut output: Option<String> = None;
    let mut random_source = None;
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "ignore-leading-blanks" => {
                gkey.set_ordering("b", true, true);
            }
            "dictionary-order" => {
                gkey.set_ordering("d", true, true);
            }
            "ignore-case" => {
                gkey.set_ordering("f", true, true);
            }
            "general-numeric-sort" => {
                gkey.set_ordering("g", true, true);
            }
            "human-numeric-sort" => {
                gkey.set_ordering("h", true, true);
            }
            "ignore-nonprinting" => {
                gkey.set_ordering("i", true, true);
            }
            "month-sort" => {
                gkey.set_ordering("M", true, true);
            }
            "numeric-sort" => {
                gkey.set_ordering("n", true, true);
            }
            "random-sort" => {
                gkey.set_ordering("R", true, true);
            }
            "reverse" => {
                gkey.set_ordering("r", true, true);
            }
            "version-sort" => {
                gkey.set_ordering("V", true, true);
            }
            "sort" => {
                let words = [
                    ("general-numeric", "g"),
                    ("human-numeric", "h"),
                    ("month", "M"),
                    ("numeric", "n"),
                    ("random", "R"),
                    ("version", "V"),
                ];
                let letter = common::argmatch::argmatch("--sort", v, &words).map_err(|m| Fail(m, 1))?;
                gkey.set_ordering(letter, true, true);
            }
            "c" => check = Some(true),
            "C" => check = Some(false),
            "check" => {
                let words = [("quiet", false), ("silent", false), ("diagnose-first", true)];
                check = Some(v.is_empty() || common::argmatch::argmatch("--check", v, &words).map_err(|m| Fail(m, 1))?);
            }
            "key" => keys.push(parse_key(v).map_err(fail)?),
            "output" => {
                if output.as_deref().is_some_and(|o| o != v) {
                    return Err(fail("multiple output files specified"));
                }
                output = Some(v.to_string());
            }
            "field-separator" => {
                let b = v.as_bytes();
                let t = match b {
                    [] => return Err(fail("empty tab")),
                    [c] => *c,
                    b"\\0" => 0,
                    _ => return Err(fail(format!("multi-character tab '{v}'"))),
                };
                if tab.is_some_and(|old| old != t) {
                    return Err(fail("incompatible tabs"));
                }
                tab = Some(t);
            }
            "buffer-size" => check_buffer_size(v).map_err(fail)?,
            "parallel" => match v.parse::<u64>() {
                Ok(0) => return Err(fail("number in parallel must be nonzero")),
                Ok(_) => {}
                Err(_) => return Err(fail(format!("invalid number of parallel threads: '{v}'"))),
            },
            "batch-size" => match v.parse::<u64>() {
                Ok(n) if n >= 2 => {}
                _ => return Err(fail(format!("invalid --batch-size argument '{v}'"))),
            },
            "random-source" => random_source = Some(v.to_string()),
            _ => {}
        }
    }
    // Keys without ordering options of their own take the global ones.
    for key in &mut keys {
        if key.is_default() && !key.reverse {
            let (s, e) = (key.sword, key.schar);
            let (ew, ec) = (key.eword, key.echar);
            *key = Key {
                sword: s,
                schar: e,
                eword: ew,
                echar: ec,
                ..gkey.clone()
            };
        }
    }
    if keys.is_empty() && !gkey.is_default() {
        keys.push(gkey.clone());
    }
    for key in &keys {
        let kinds = [key.numeric, key.general, key.human, key.month]
            .iter()
            .filter(|b| **b)
            .count()
            + usize::from(key.version || key.random || key.ignore != Ignore::None);
        if kinds > 1 {
            let mut k = key.clone();
            k.skipsblanks = false;
            k.skipeblanks = false;
            k.reverse = false;
            return Err(fail(format!("options '-{}' are incompatible", k.opts_text())));
        }
    }
    if let Some(c) = check
        && output.is_some()
    {
        let letter = if c { 'c' } else { 'C' };
        return Err(fail(format!("options '-{letter}o' are incompatible")));
    }
    let mut files = opts.operands.clone();
    if let Some(f0) = opts.value("files0-from") {
        if !files.is_empty() {
            return Err(Fail(
                format!(
                    "extra operand '{}'\nfile operands cannot be combined with --files0-from",
                    files[0]
                ),
                2,
            ));
        }
        files = files0(cmd, f0).await?;
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    if check.is_some() && files.len() > 1 {
        return Err(fail(format!("extra operand '{}' not allowed with -c", files[1])));
    }
    let seed = seed(cmd, random_source.as_deref()).await?;
    Ok(Config {
        sorter: Sorter {
            keys,
            tab,
            unique: opts.has("unique"),
            stable: opts.has("stable"),
            reverse: gkey.reverse,
            seed,
        },
        eol: if opts.has("zero-terminated") { 0 } else { b'\n' },
        check,
        merge: opts.has("merge"),
        output,
        files,
    })
}

/// The names in a `--files0-from` file.
async fn files0(cmd: &mut Cmd, from: &str) -> Result<Vec<String>, Fail> {
    let p = cmd.p.clone();
    let data = match Input::open(&p, from).await {
        Ok(mut i) => {
            let d = i.read_all(&p).await;
            i.close(&p).await;
            d
        }
        Err(e) => Err(e),
    }
    .map_err(|e| fail(format!("cannot open '{from}' for reading: {}", e.strerror())))?;
    let mut parts: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    // A final NUL ends the last name; it does not start an empty one.
    if data.is_empty() || data.ends_with(&[0]) {
        parts.pop();
    }
    let mut names = Vec::new();
    for (i, name) in parts.iter().enumerate() {
        if name.is_empty() {
            return Err(fail(format!("{from}:{}: invalid zero-length file name", i + 1)));
        }
        names.push(String::from_utf8_lossy(name).into_owned());
    }
    if names.is_empty() {
        return Err(fail(format!("no input from '{from}'")));
    }
    Ok(names)
}

/// The -R salt: from --random-source, else from the system's entropy.
async fn seed(cmd: &mut Cmd, source: Option<&str>) -> Result<[u64; 2], Fail> {
    let bytes = match source {
        Some(f) => {
            let p = cmd.p.clone();
            let mut data = Vec::new();
            if let Ok(mut i) = Input::open(&p, f).await {
                while data.len() < 16 {
                    match i.chunk(&p).await {
                        Ok(Some(c)) => data.extend_from_slice(&c),
                        _ => break,
                    }
                }
                i.close(&p).await;
            } else {
                return Err(fail(format!("{f}: No such file or directory")));
            }
            if data.len() < 16 {
                return Err(fail(format!("{f}: end of file")));
            }
            data
        }
        None => cmd.p.random(16),
    };
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[..8]);
    let a = u64::from_le_bytes(w);
    w.copy_from_slice(&bytes[8..16]);
    Ok([a, u64::from_le_bytes(w)])
}

pub async fn main(mut cmd: Cmd) -> i32 {
    obsolete_keys(&mut cmd.args);
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let cfg = match configure(&mut cmd, &opts).await {
        Ok(c) => c,
        Err(Fail(msg, status)) => {
            if status == 1 {
                return cmd.usage_error(msg, status).await;
            }
            cmd.error(msg).await;
            return cmd.finish(status).await;
        }
    };
    let status = match run(&mut cmd, &cfg).await {
        Ok(s) => s,
        Err(Fail(msg, status)) => {
            cmd.error(msg).await;
            status
        }
    };
    cmd.finish(status).await
}

async fn run(cmd: &mut Cmd, cfg: &Config) -> Result<i32, Fail> {
    if let Some(diagnose) = cfg.check {
        return check(cmd, cfg, diagnose).await;
    }
    let mut data = Vec::new();
    let mut bounds = Vec::with_capacity(cfg.files.len());
    for f in &cfg.files {
        read_into(cmd, f, cfg.eol, &mut data).await?;
        bounds.push(data.len());
    }
    let lines = split_lines(&data, cfg.eol);
    let order = if cfg.merge {
        merge(&cfg.sorter, &data, &lines, &bounds)
    } else {
        sort(&cfg.sorter, &data, lines)
    };
    if let Some(path) = &cfg.output {
        let p = cmd.p.clone();
        let fd = p
            .open(path, OpenFlags::WRITE)
            .await
            .map_err(|e| fail(format!("open failed: {path}: {}", e.strerror())))?;
        cmd.out = common::io::Output::new(p, fd);
    }
    write_lines(cmd, &data, &order, cfg.eol).await;
    Ok(0)
}

/// Append a file's bytes, ending them with the delimiter.
async fn read_into(cmd: &mut Cmd, f: &str, eol: u8, data: &mut Vec<u8>) -> Result<(), Fail> {
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, f).await {
        Ok(i) => i,
        Err(e) if e.is(Errno::EISDIR) => return Err(fail(format!("read failed: {f}: Is a directory"))),
        Err(e) => return Err(fail(format!("cannot read: {f}: {}", e.strerror()))),
    };
    let start = data.len();
    loop {
        match input.chunk(&p).await {
            Ok(Some(c)) => {
                if data.is_empty() {
                    *data = c;
                } else {
                    kernel::bytes::extend(data, &c);
                }
            }
            Ok(None) => break,
            Err(e) => {
                input.close(&p).await;
                return Err(fail(format!("read failed: {f}: {}", e.strerror())));
            }
        }
    }
    input.close(&p).await;
    if data.len() > start && data.last() != Some(&eol) {
        data.push(eol);
    }
    Ok(())
}

/// A line: its start and length (without the delimiter) in the buffer.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    len: usize,
}

fn split_lines(data: &[u8], eol: u8) -> Vec<Line> {
    let mut lines = Vec::with_capacity(data.len() / 32 + 1);
    let mut start = 0;
    for i in memchr::memchr_iter(eol, data) {
        lines.push(Line { start, len: i - start });
        start = i + 1;
    }
    lines
}

fn text<'a>(data: &'a [u8], l: &Line) -> &'a [u8] {
    &data[l.start..l.start + l.len]
}

/// The first eight bytes, big-endian: comparing these decides most
/// comparisons without touching the lines.
fn prefix(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    let n = s.len().min(8);
    w[..n].copy_from_slice(&s[..n]);
    u64::from_be_bytes(w)
}

/// Sort, answering the lines in output order (duplicates removed for -u).
fn sort(sorter: &Sorter, data: &[u8], lines: Vec<Line>) -> Vec<Line> {
    let Some(key0) = sorter.keys.first() else {
        return sort_plain(sorter, data, lines);
    };
    let mode = Precomputed::for_key(key0);
    let mut recs: Vec<Rec> = lines
        .into_iter()
        .map(|line| {
            let t = text(data, &line);
            let span = sorter.first_span(t);
            let key = if span.1 > span.0 { &t[span.0..span.1] } else { &[][..] };
            Rec {
                line,
                span,
                pre: mode.value(key, key0),
            }
        })
        .collect();
    let cmp = |a: &Rec, b: &Rec| {
        let (ta, tb) = (text(data, &a.line), text(data, &b.line));
        let spans = Some((a.span, b.span));
        if mode == Precomputed::Nothing {
            return sorter.compare(ta, tb, spans);
        }
        if a.pre != b.pre {
            let d = a.pre.cmp(&b.pre);
            return if key0.reverse { d.reverse() } else { d };
        }
        if mode.equal_means_equal_keys(a.pre) {
            sorter.compare_from(ta, tb, spans, 1)
        } else {
            sorter.compare(ta, tb, spans)
        }
    };
    if sorter.stable || sorter.unique {
        recs.sort_by(cmp);
    } else {
        // The last-resort comparison leaves only identical lines equal.
        recs.sort_unstable_by(cmp);
    }
    if sorter.unique {
        recs.dedup_by(|b, a| cmp(a, b) == Ordering::Equal);
    }
    recs.into_iter().map(|r| r.line).collect()
}

/// A line ready for sorting: its first key's span and a 64-bit value
/// computed once from that key, whose order decides most comparisons.
struct Rec {
    line: Line,
    span: Span,
    pre: u64,
}

/// What `Rec::pre` holds for the first key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Precomputed {
    Nothing,
    /// The key's first eight bytes (folded with -f): a difference there
    /// decides; equal prefixes need the full comparison.
    Prefix,
    /// `-n`: sign, integer digit count and leading digits (see
    /// [`numeric_prefix`]); equal values need the full comparison.
    Numeric,
    /// `-h`: the unit, then the `-n` summary (shortened); equal values
    /// need the full comparison.
    Human,
    /// `-g`: the value itself, order-preserving; equal values mean equal keys.
    General,
    /// `-M`: the month number, which decides the key.
    Month,
}

/// The `-n` summary of every key equal to zero (and of non-numbers).
const NUMERIC_ZERO: u64 = 1 << 62;

impl Precomputed {
    fn for_key(key: &Key) -> Precomputed {
        if key.ignore != Ignore::None || key.random || key.version {
            return Precomputed::Nothing;
        }
        if key.month {
            return if key.translate {
                Precomputed::Nothing
            } else {
                Precomputed::Month
            };
        }
        if key.human {
            return if key.translate {
                Precomputed::Nothing
            } else {
                Precomputed::Human
            };
        }
        match (key.numeric, key.general, key.translate) {
            (true, _, false) => Precomputed::Numeric,
            (_, true, false) => Precomputed::General,
            (false, false, _) => Precomputed::Prefix,
            _ => Precomputed::Nothing,
        }
    }

    /// Whether two keys with this same value are equal keys (so the
    /// comparison can go on with the next key).
    fn equal_means_equal_keys(self, pre: u64) -> bool {
        match self {
            Precomputed::General | Precomputed::Month => true,
            Precomputed::Numeric => pre == NUMERIC_ZERO,
            Precomputed::Human => pre == human_code(0, NUMERIC_ZERO),
            Precomputed::Nothing | Precomputed::Prefix => false,
        }
    }

    fn value(self, k: &[u8], key: &Key) -> u64 {
        match self {
            Precomputed::Nothing => 0,
            Precomputed::Prefix if key.translate => {
                let mut w = [0u8; 8];
                for (d, s) in w.iter_mut().zip(k) {
                    *d = s.to_ascii_uppercase();
                }
                u64::from_be_bytes(w)
            }
            Precomputed::Prefix => prefix(k),
            Precomputed::Numeric => numeric_prefix(k),
            Precomputed::Human => human_prefix(k),
            Precomputed::Month => u64::from(compare::month(k)),
            Precomputed::General => general_value(k),
        }
    }
}

/// An order-preserving summary of a `-n` key: 2 bits of class (negative,
/// zero, positive), then 12 bits of integer-digit count and 12 leading
/// significant digits of the magnitude (inverted for negatives). When two
/// differ, `numcompare` would order the keys the same way.
fn numeric_prefix(k: &[u8]) -> u64 {
    let mut i = k.iter().take_while(|&&c| is_blank(c)).count();
    let neg = k.get(i) == Some(&b'-');
    i += usize::from(neg);
    while k.get(i) == Some(&b'0') {
        i += 1;
    }
    let int_start = i;
    while k.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int_digits = &k[int_start..i];
    let mut frac: &[u8] = &[];
    if k.get(i) == Some(&b'.') {
        let f = i + 1;
        let n = k[f..].iter().take_while(|c| c.is_ascii_digit()).count();
        frac = &k[f..f + n];
    }
    if int_digits.is_empty() && frac.iter().all(|&c| c == b'0') {
        return NUMERIC_ZERO;
    }
    const CAP: u64 = 4095;
    let len = int_digits.len() as u64;
    let mut mag = len.min(CAP) << 48;
    if len < CAP {
        let mut shift = 44i32;
        for &d in int_digits.iter().chain(frac).take(12) {
            mag |= u64::from(d - b'0') << shift;
            shift -= 4;
        }
    }
    if neg { !mag & ((1 << 62) - 1) } else { (2 << 62) | mag }
}

/// An order-preserving summary of a `-h` key: its unit order (-8 to 8),
/// then the `-n` summary with its last five bits dropped (which can only
/// make unequal keys look equal, never reorder them).
fn human_prefix(k: &[u8]) -> u64 {
    let k = compare::skip_blanks(k);
    human_code(compare::unit_order(k), numeric_prefix(k))
}

fn human_code(unit: i32, numeric: u64) -> u64 {
    (((unit + 8) as u64) << 59) | (numeric >> 5)
}

/// An order-preserving code for a `-g` key: conversion failures, then
/// NaNs, then numbers by value (-0 equal to 0).
fn general_value(k: &[u8]) -> u64 {
    match compare::strtod(k) {
        None => 0,
        Some(v) if v.is_nan() => 1,
        Some(v) => {
            let bits = if v == 0.0 { 0 } else { v.to_bits() };
            if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
        }
    }
}

/// Whole lines as bytes (optionally reversed).
fn sort_plain(sorter: &Sorter, data: &[u8], lines: Vec<Line>) -> Vec<Line> {
    let mut recs: Vec<(u64, Line)> = lines.into_iter().map(|l| (prefix(text(data, &l)), l)).collect();
    let cmp = |a: &(u64, Line), b: &(u64, Line)| a.0.cmp(&b.0).then_with(|| text(data, &a.1).cmp(text(data, &b.1)));
    if sorter.reverse {
        recs.sort_unstable_by(|a, b| cmp(b, a));
    } else {
        recs.sort_unstable_by(cmp);
    }
    if sorter.unique {
        recs.dedup_by(|b, a| cmp(a, b) == Ordering::Equal);
    }
    recs.into_iter().map(|(_, l)| l).collect()
}

/// `-m`: merge the inputs (each assumed sorted) as GNU does, taking from
/// the earliest input on ties.
fn merge(sorter: &Sorter, data: &[u8], lines: &[Line], bounds: &[usize]) -> Vec<Line> {
    let mut heads: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    for &end in bounds {
        let from = i;
        while i < lines.len() && lines[i].start < end {
            i += 1;
        }
        heads.push(from..i);
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    loop {
        let mut best: Option<usize> = None;
        for (k, h) in heads.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            best = match best {
                Some(b)
                    if sorter.compare(text(data, &lines[heads[b].start]), text(data, &lines[h.start]), None)
                        != Ordering::Greater =>
                {
                    Some(b)
                }
                _ => Some(k),
            };
        }
        let Some(b) = best else { break };
        let line = lines[heads[b].start];
        heads[b].start += 1;
        if sorter.unique
            && let Some(last) = out.last()
            && sorter.compare(text(data, last), text(data, &line), None) == Ordering::Equal
        {
            continue;
        }
        out.push(line);
    }
    out
}

async fn write_lines(cmd: &mut Cmd, data: &[u8], order: &[Line], eol: u8) {
    let mut out = Vec::with_capacity(64 * 1024);
    for l in order {
        out.extend_from_slice(text(data, l));
        out.push(eol);
        if out.len() >= 64 * 1024 {
            cmd.out.write(&out).await;
            out.clear();
        }
    }
    cmd.out.write(&out).await;
}

/// `-c` / `-C`: report the first line out of order.
async fn check(cmd: &mut Cmd, cfg: &Config, diagnose: bool) -> Result<i32, Fail> {
    let f = &cfg.files[0];
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, f).await {
        Ok(i) => i,
        Err(e) if e.is(Errno::EISDIR) => return Err(fail(format!("read failed: {f}: Is a directory"))),
        Err(e) => return Err(fail(format!("cannot read: {f}: {}", e.strerror()))),
    };
    let mut prev: Option<Vec<u8>> = None;
    let mut line = Vec::new();
    let mut n = 0u64;
    let sorter = &cfg.sorter;
    loop {
        match input.read_until(&p, cfg.eol, &mut line).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(fail(format!("read failed: {f}: {}", e.strerror()))),
        }
        n += 1;
        let body = if line.last() == Some(&cfg.eol) {
            &line[..line.len() - 1]
        } else {
            &line[..]
        };
        if let Some(pv) = &prev {
            let d = sorter.compare(pv, body, None);
            if d == Ordering::Greater || (sorter.unique && d == Ordering::Equal) {
                if diagnose {
                    let shown = String::from_utf8_lossy(body);
                    cmd.error(format!("{f}:{n}: disorder: {shown}")).await;
                }
                input.close(&p).await;
                return Ok(1);
            }
        }
        let buf = prev.get_or_insert_with(Vec::new);
        buf.clear();
        buf.extend_from_slice(body);
    }
    input.close(&p).await;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorter(keys: &[&str], tab: Option<u8>) -> Sorter {
        Sorter {
            keys: keys.iter().map(|k| parse_key(k).unwrap()).collect(),
            tab,
            unique: false,
            stable: false,
            reverse: false,
            seed: [1, 2],
        }
    }

    fn sorted(s: &Sorter, input: &str) -> String {
        let data = input.as_bytes();
        let lines = split_lines(data, b'\n');
        sort(s, data, lines)
            .iter()
            .map(|l| format!("{}\n", String::from_utf8_lossy(text(data, l))))
            .collect()
    }

    #[test]
    fn key_specs() {
        assert_eq!(
            parse_key("0").unwrap_err(),
            "field number is zero: invalid field specification '0'"
        );
        assert_eq!(
            parse_key("1.0").unwrap_err(),
            "character offset is zero: invalid field specification '1.0'"
        );
        assert_eq!(
            parse_key("a").unwrap_err(),
            "invalid number at field start: invalid count at start of 'a'"
        );
        assert_eq!(
            parse_key("1x").unwrap_err(),
            "stray character in field spec: invalid field specification '1x'"
        );
        let k = parse_key("2,3nr").unwrap();
        assert_eq!((k.sword, k.eword, k.echar), (1, 2, 0));
        assert!(k.numeric && k.reverse && !k.skipsblanks);
        let k = parse_key("1.2b,1.4").unwrap();
        assert_eq!((k.sword, k.schar, k.eword, k.echar), (0, 1, 0, 4));
        assert!(k.skipsblanks && !k.skipeblanks);
    }

    #[test]
    fn fields_include_leading_blanks_without_t() {
        let s = sorter(&["2,2"], None);
        let line = b"a  b c";
        let k = &s.keys[0];
        assert_eq!(s.span(line, k), (1, 4));
        let s = sorter(&["2,2"], Some(b':'));
        assert_eq!(s.span(b"a:b:c", &s.keys[0]), (2, 3));
        let s = sorter(&["2.2,2.3"], Some(b':'));
        assert_eq!(s.span(b"a:bcde:f", &s.keys[0]), (3, 5));
    }

    #[test]
    fn keyed_sorting() {
        assert_eq!(sorted(&sorter(&["2"], None), "x b\ny a\n"), "y a\nx b\n");
        assert_eq!(
            sorted(&sorter(&["2,2n"], Some(b',')), "a,10\nb,9\nc,x\n"),
            "c,x\nb,9\na,10\n"
        );
        assert_eq!(
            sorted(&sorter(&["1,1", "2,2nr"], None), "a 1\na 2\nb 0\n"),
            "a 2\na 1\nb 0\n"
        );
    }

    #[test]
    fn numeric_prefixes_agree_with_numcompare() {
        let items: [&[u8]; 16] = [
            b"-12.5",
            b"-3",
            b"-0",
            b"",
            b"abc",
            b"0.05",
            b"0.5",
            b"1",
            b"1.50",
            b"1.5",
            b"9",
            b"10",
            b" 10.01",
            b"0099",
            b"-0.001",
            b"123456789012345678",
        ];
        for a in items {
            for b in items {
                let (pa, pb) = (numeric_prefix(a), numeric_prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), compare::numeric(a, b), "{a:?} {b:?}");
                }
            }
        }
        assert_eq!(numeric_prefix(b"1.5"), numeric_prefix(b"1.50"));
    }

    #[test]
    fn human_prefixes_agree() {
        let items: [&[u8]; 10] = [
            b"-2G", b"-1K", b"0", b"abc", b"5", b"1.5K", b"2k", b"10K", b"1M", b" 3M",
        ];
        for a in items {
            for b in items {
                let (pa, pb) = (human_prefix(a), human_prefix(b));
                if pa != pb {
                    assert_eq!(pa.cmp(&pb), compare::human(a, b), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn general_values_keep_order() {
        let items: [&[u8]; 8] = [b"abc", b"nan", b"-inf", b"-1e3", b"-0", b"0", b"1e-3", b"inf"];
        for w in items.windows(2) {
            assert!(general_value(w[0]) <= general_value(w[1]), "{:?}", w);
        }
        assert_eq!(general_value(b"-0"), general_value(b"0"));
    }

    #[test]
    fn obsolete_key_syntax() {
        let mut a: Vec<String> = ["+1", "-2", "f", "+0.1n"].iter().map(|s| s.to_string()).collect();
        obsolete_keys(&mut a);
        assert_eq!(a, ["-k", "2.1,2", "f", "-k", "1.2n"]);
    }
}
