//! `diff`: compare files line by line, as GNU diffutils 3.8.
//!
//! The edit script comes from the `similar` crate's Myers algorithm. Where
//! several minimal scripts exist, it may choose other hunks than GNU diff
//! (whose heuristics differ on ties); the output formats, headers, exit
//! statuses and directory walks are GNU's.

use std::collections::HashMap;

use kernel::{Errno, NodeType, Stat};
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::cmp::{parse, usage};
use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::io::Input;
use common::time;

const HELP: &str = "Usage: diff [OPTION]... FILES
Compare FILES line by line.

Mandatory arguments to long options are mandatory for short options too.
  -q, --brief                   report only when files differ
  -s, --report-identical-files  report when two files are the same
  -c, -C NUM, --context[=NUM]   output NUM (default 3) lines of copied context
  -u, -U NUM, --unified[=NUM]   output NUM (default 3) lines of unified context
  -r, --recursive                 recursively compare any subdirectories found
  -N, --new-file                  treat absent files as empty
  -i, --ignore-case               ignore case differences in file contents
  -b, --ignore-space-change       ignore changes in the amount of white space
  -w, --ignore-all-space          ignore all white space
  -B, --ignore-blank-lines        ignore changes where lines are all blank
  -a, --text                      treat all files as text
      --label LABEL             use LABEL instead of file name and timestamp
                                  (can be repeated)
      --normal                  output a normal diff (the default)
      --help               display this help and exit
  -v, --version            output version information and exit

FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.
If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.

Hunks are found with the Myers algorithm; where several smallest sets of
changes exist, the one shown may differ from GNU diff's.
";

const SPEC: &[Opt] = &[
    flag("brief", 'q'),
    flag("report-identical-files", 's'),
    flag("c", 'c'),
    value("C", 'C'),
    long("context", Arg::Optional),
    flag("u", 'u'),
    value("U", 'U'),
    long("unified", Arg::Optional),
    flag("recursive", 'r'),
    flag("new-file", 'N'),
    flag("ignore-case", 'i'),
    flag("ignore-space-change", 'b'),
    flag("ignore-all-space", 'w'),
    flag("ignore-blank-lines", 'B'),
    flag("text", 'a'),
    long("label", Arg::Required),
    long("normal", Arg::No),
    flag("version", 'v'),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Normal,
    Unified(usize),
    Context(usize),
}

struct Opts {
    format: Format,
    brief: bool,
    identical: bool,
    recursive: bool,
    new_file: bool,
    icase: bool,
    space_change: bool,
    all_space: bool,
    blank_lines: bool,
    text: bool,
    labels: Vec<String>,
    /// The options as given, for `diff -r a/f b/f` lines.
    switches: String,
}

fn context_len(v: &str) -> Result<usize, String> {
    v.parse().map_err(|_| format!("invalid context length '{v}'"))
}

fn options(parsed: &common::cli::Opts, args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        format: Format::Normal,
        brief: false,
        identical: false,
        recursive: false,
        new_file: false,
        icase: false,
        space_change: false,
        all_space: false,
        blank_lines: false,
        text: false,
        labels: Vec::new(),
        switches: switches(args, &parsed.operands),
    };
    for (name, val) in &parsed.list {
        let v = val.as_deref();
        match *name {
            "brief" => o.brief = true,
            "report-identical-files" => o.identical = true,
            "c" => o.format = Format::Context(3),
            "C" => o.format = Format::Context(context_len(v.unwrap_or(""))?),
            "context" => o.format = Format::Context(v.map_or(Ok(3), context_len)?),
            "u" => o.format = Format::Unified(3),
            "U" => o.format = Format::Unified(context_len(v.unwrap_or(""))?),
            "unified" => o.format = Format::Unified(v.map_or(Ok(3), context_len)?),
            "normal" => o.format = Format::Normal,
            "recursive" => o.recursive = true,
            "new-file" => o.new_file = true,
            "ignore-case" => o.icase = true,
            "ignore-space-change" => o.space_change = true,
            "ignore-all-space" => o.all_space = true,
            "ignore-blank-lines" => o.blank_lines = true,
            "text" => o.text = true,
            "label" => o.labels.push(v.unwrap_or("").to_string()),
            _ => {}
        }
    }
    Ok(o)
}

/// The arguments that are not the operands, as GNU repeats them.
fn switches(args: &[String], operands: &[String]) -> String {
    let mut rest: Vec<&String> = args.iter().collect();
    for op in operands.iter().rev() {
        if let Some(i) = rest.iter().rposition(|a| *a == op) {
            rest.remove(i);
        }
    }
    rest.retain(|a| *a != "--");
    rest.iter().map(|a| format!(" {a}")).collect()
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let parsed = match parse(&mut cmd, SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let args = cmd.args.clone();
    let o = match options(&parsed, &args) {
        Ok(o) => o,
        Err(msg) => return usage(&mut cmd, msg).await,
    };
    let ops = &parsed.operands;
    match ops.len() {
        0 => return usage(&mut cmd, "missing operand after 'diff'").await,
        1 => return usage(&mut cmd, format!("missing operand after '{}'", ops[0])).await,
        2 => {}
        _ => return usage(&mut cmd, format!("extra operand '{}'", ops[2])).await,
    }
    let mut d = Differ { cmd: &mut cmd, o };
    let status = d.top(&ops[0], &ops[1]).await;
    cmd.finish(status).await
}

struct Differ<'c> {
    cmd: &'c mut Cmd,
    o: Opts,
}

/// One side of a comparison: its name and what it is (`None`: absent,
/// for `-N`).
struct Side {
    name: String,
    stat: Option<Stat>,
}

impl Side {
    fn is_dir(&self) -> bool {
        self.stat.as_ref().is_some_and(|s| s.kind == NodeType::Dir)
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

fn base(name: &str) -> &str {
    name.trim_end_matches('/').rsplit('/').next().unwrap_or(name)
}

impl Differ<'_> {
    async fn stat(&mut self, name: &str) -> Result<Option<Stat>, i32> {
        if name == "-" {
            return Ok(None);
        }
        match self.cmd.p.stat(name).await {
            Ok(st) => Ok(Some(st)),
            Err(e) => {
                self.cmd.error_at(name, &e).await;
                Err(2)
            }
        }
    }

    async fn top(&mut self, a: &str, b: &str) -> i32 {
        let sa = self.cmd.p.stat(a).await;
        let sb = self.cmd.p.stat(b).await;
        let absent = |r: &kernel::Result<Stat>| r.as_ref().is_err_and(|e| e.is(Errno::ENOENT));
        // -N makes a missing operand an empty file, if the other exists.
        let (sa, sb) = match (sa, sb) {
            (sa, Ok(sb)) if self.o.new_file && absent(&sa) && a != "-" => (None, Some(sb)),
            (Ok(sa), sb) if self.o.new_file && absent(&sb) && b != "-" => (Some(sa), None),
            _ => {
                let sa = match self.stat(a).await {
                    Ok(s) => s,
                    Err(st) => return st,
                };
                let sb = match self.stat(b).await {
                    Ok(s) => s,
                    Err(st) => return st,
                };
                (sa, sb)
            }
        };
        let mut a = Side {
            name: a.to_string(),
            stat: sa,
        };
        let mut b = Side {
            name: b.to_string(),
            stat: sb,
        };
        // A file and a directory: the file against its namesake inside.
        if a.is_dir() && !b.is_dir() && b.stat.is_some() {
            a.name = join(&a.name, base(&b.name));
            a.stat = match self.stat(&a.name.clone()).await {
                Ok(s) => s,
                Err(st) => return st,
            };
        } else if b.is_dir() && !a.is_dir() && a.stat.is_some() {
            b.name = join(&b.name, base(&a.name));
            b.stat = match self.stat(&b.name.clone()).await {
                Ok(s) => s,
                Err(st) => return st,
            };
        } else if a.name == "-" && b.is_dir() || b.name == "-" && a.is_dir() {
            self.cmd.error("cannot compare '-' to a directory").await;
            return 2;
        }
        if a.is_dir() && b.is_dir() {
            return Box::pin(self.dirs(&a.name, &b.name)).await;
        }
        self.files(&a, &b, false).await
    }

    /// Compare two directories' entries, in byte order of their names.
    async fn dirs(&mut self, a: &str, b: &str) -> i32 {
        let list = |r: kernel::Result<Vec<kernel::DirEntry>>| -> kernel::Result<Vec<String>> {
            let mut names: Vec<String> = r?.into_iter().map(|e| e.name).collect();
            names.sort();
            Ok(names)
        };
        let na = match list(self.cmd.p.readdir(a).await) {
            Ok(n) => n,
            Err(e) => {
                self.cmd.error_at(a, &e).await;
                return 2;
            }
        };
        let nb = match list(self.cmd.p.readdir(b).await) {
            Ok(n) => n,
            Err(e) => {
                self.cmd.error_at(b, &e).await;
                return 2;
            }
        };
        let mut all: Vec<&String> = na.iter().chain(nb.iter()).collect();
        all.sort();
        all.dedup();
        let mut status = 0;
        for name in all {
            let (pa, pb) = (join(a, name), join(b, name));
            let in_a = na.binary_search(name).is_ok();
            let in_b = nb.binary_search(name).is_ok();
            let st = self.entry(&pa, &pb, in_a, in_b, a, b, name).await;
            status = status.max(st);
        }
        status
    }

    #[allow(clippy::too_many_arguments)]
    async fn entry(&mut self, pa: &str, pb: &str, in_a: bool, in_b: bool, a: &str, b: &str, name: &str) -> i32 {
        if !(self.o.new_file || in_a && in_b) {
            let dir = if in_a { a } else { b };
            self.say(&format!("Only in {dir}: {name}\n")).await;
            return 1;
        }
        let sa = if in_a { self.stat(pa).await } else { Ok(None) };
        let sb = if in_b { self.stat(pb).await } else { Ok(None) };
        let (Ok(sa), Ok(sb)) = (sa, sb) else {
            return 2;
        };
        let sa = Side {
            name: pa.to_string(),
            stat: sa,
        };
        let sb = Side {
            name: pb.to_string(),
            stat: sb,
        };
        let (da, db) = (sa.is_dir(), sb.is_dir());
        if da && db || (da || db) && (sa.stat.is_none() || sb.stat.is_none()) {
            if !self.o.recursive {
                if da && db {
                    self.say(&format!("Common subdirectories: {pa} and {pb}\n")).await;
                    return 0;
                }
                let dir = if in_a { a } else { b };
                self.say(&format!("Only in {dir}: {name}\n")).await;
                return 1;
            }
            return self.absent_dir(&sa, &sb).await;
        }
        if da != db {
            let kind = |d: bool| if d { "directory" } else { "regular file" };
            self.say(&format!(
                "File {pa} is a {} while file {pb} is a {}\n",
                kind(da),
                kind(db)
            ))
            .await;
            return 1;
        }
        self.files(&sa, &sb, true).await
    }

    /// Recurse into a directory pair, one side possibly absent (`-N`).
    async fn absent_dir(&mut self, a: &Side, b: &Side) -> i32 {
        if a.stat.is_some() && b.stat.is_some() {
            return Box::pin(self.dirs(&a.name, &b.name)).await;
        }
        let (present, a_side) = if a.stat.is_some() {
            (&a.name, true)
        } else {
            (&b.name, false)
        };
        let mut names: Vec<String> = match self.cmd.p.readdir(present).await {
            Ok(es) => es.into_iter().map(|e| e.name).collect(),
            Err(e) => {
                self.cmd.error_at(present, &e).await;
                return 2;
            }
        };
        names.sort();
        let mut status = 0;
        for name in names {
            let (pa, pb) = (join(&a.name, &name), join(&b.name, &name));
            let st = Box::pin(self.entry(&pa, &pb, a_side, !a_side, &a.name, &b.name, &name)).await;
            status = status.max(st);
        }
        status
    }

    async fn say(&mut self, text: &str) {
        self.cmd.out.write(text.as_bytes()).await;
    }

    async fn read(&mut self, side: &Side) -> Result<Vec<u8>, i32> {
        if side.stat.is_none() && side.name != "-" {
            return Ok(Vec::new());
        }
        let p = self.cmd.p.clone();
        let mut input = match Input::open(&p, &side.name).await {
            Ok(i) => i,
            Err(e) => {
                self.cmd.error_at(&side.name, &e).await;
                return Err(2);
            }
        };
        let data = input.read_all(&p).await;
        input.close(&p).await;
        data.map_err(|_| 2)
    }

    /// Compare two files; `nested` when inside a directory walk.
    async fn files(&mut self, a: &Side, b: &Side, nested: bool) -> i32 {
        let ta = match self.read(a).await {
            Ok(t) => t,
            Err(st) => return st,
        };
        let tb = match self.read(b).await {
            Ok(t) => t,
            Err(st) => return st,
        };
        if ta == tb {
            if self.o.identical {
                self.say(&format!("Files {} and {} are identical\n", a.name, b.name))
                    .await;
            }
            return 0;
        }
        let binary = !self.o.text && (memchr::memchr(0, &ta).is_some() || memchr::memchr(0, &tb).is_some());
        if binary {
            self.say(&format!("Binary files {} and {} differ\n", a.name, b.name))
                .await;
            return 1;
        }
        let la = Lines::new(&ta);
        let lb = Lines::new(&tb);
        let changes = changes(&la, &lb, &self.o);
        if changes.is_empty() {
            if self.o.identical {
                self.say(&format!("Files {} and {} are identical\n", a.name, b.name))
                    .await;
            }
            return 0;
        }
        if self.o.brief {
            self.say(&format!("Files {} and {} differ\n", a.name, b.name)).await;
            return 1;
        }
        let mut out = Vec::new();
        if nested {
            out.extend_from_slice(format!("diff{} {} {}\n", self.o.switches, a.name, b.name).as_bytes());
        }
        match self.o.format {
            Format::Normal => normal(&la, &lb, &changes, &mut out),
            Format::Unified(n) | Format::Context(n) => {
                let unified = matches!(self.o.format, Format::Unified(_));
                let ha = self.header(a, 0, unified);
                let hb = self.header(b, 1, unified);
                let (ma, mb) = if unified { ("---", "+++") } else { ("***", "---") };
                out.extend_from_slice(format!("{ma} {ha}\n{mb} {hb}\n").as_bytes());
                for h in hunks(&changes, n, la.len(), lb.len()) {
                    if unified {
                        unified_hunk(&la, &lb, &h, &mut out);
                    } else {
                        context_hunk(&la, &lb, &h, &mut out);
                    }
                }
            }
        }
        self.cmd.out.write(&out).await;
        1
    }

    /// `name\tmtime` for a unified or context header, or the `--label`.
    fn header(&self, side: &Side, which: usize, unified: bool) -> String {
        if let Some(l) = self.o.labels.get(which) {
            return l.clone();
        }
        let ms = match &side.stat {
            Some(st) => st.mtime,
            None if side.name == "-" => self.cmd.p.now_ms(),
            None => 0,
        };
        let (secs, nanos) = ((ms / 1000) as i64, (ms % 1000) as u32 * 1_000_000);
        let when = if unified {
            time::format("%Y-%m-%d %H:%M:%S.%N %z", secs, nanos)
        } else {
            time::format("%a %b %e %H:%M:%S %Y", secs, nanos)
        };
        format!("{}\t{when}", side.name)
    }
}

/// A file's lines, without their newlines; the last may lack one.
struct Lines<'a> {
    lines: Vec<&'a [u8]>,
    /// The last line has no newline.
    noeol: bool,
}

impl<'a> Lines<'a> {
    fn new(text: &'a [u8]) -> Lines<'a> {
        let mut lines: Vec<&[u8]> = text.split(|&c| c == b'\n').collect();
        let noeol = !text.is_empty() && !text.ends_with(b"\n");
        // split leaves an empty piece after a final newline (or for no text).
        if !noeol {
            lines.pop();
        }
        Lines { lines, noeol }
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Write line `i` with `prefix`, and GNU's marker if it lacks a newline.
    fn put(&self, prefix: &[u8], i: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(prefix);
        out.extend_from_slice(self.lines[i]);
        out.push(b'\n');
        if self.noeol && i + 1 == self.lines.len() {
            out.extend_from_slice(b"\\ No newline at end of file\n");
        }
    }
}

/// A line as the options compare it.
fn key(line: &[u8], o: &Opts) -> Vec<u8> {
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r');
    let mut k: Vec<u8> = if o.all_space {
        line.iter().copied().filter(|c| !space(c)).collect()
    } else if o.space_change {
        let mut k = Vec::with_capacity(line.len());
        let mut in_space = false;
        for &c in line {
            if space(&c) {
                in_space = true;
                continue;
            }
            if in_space {
                k.push(b' ');
            }
            in_space = false;
            k.push(c);
        }
        k
    } else {
        line.to_vec()
    };
    if o.icase {
        k.make_ascii_lowercase();
    }
    k
}

/// One change: old lines `a0..a1` became new lines `b0..b1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Change {
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
}

/// The changes between two files, as GNU groups them.
fn changes(a: &Lines, b: &Lines, o: &Opts) -> Vec<Change> {
    // Lines become numbers (equal keys, equal numbers); a last line without
    // a newline differs from the same text with one, as in GNU diff.
    let mut ids: HashMap<(Vec<u8>, bool), u32> = HashMap::new();
    let mut number = |l: &Lines, i: usize| {
        let last = l.noeol && i + 1 == l.len();
        let next = ids.len() as u32;
        *ids.entry((key(l.lines[i], o), last)).or_insert(next)
    };
    let na: Vec<u32> = (0..a.len()).map(|i| number(a, i)).collect();
    let nb: Vec<u32> = (0..b.len()).map(|i| number(b, i)).collect();
    let mut out: Vec<Change> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &na, &nb) {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let (_, ra, rb) = op.as_tag_tuple();
        match out.last_mut() {
            Some(c) if c.a1 == ra.start && c.b1 == rb.start => {
                c.a1 = ra.end;
                c.b1 = rb.end;
            }
            _ => out.push(Change {
                a0: ra.start,
                a1: ra.end,
                b0: rb.start,
                b1: rb.end,
            }),
        }
    }
    if o.blank_lines {
        let blank = |l: &Lines, r: std::ops::Range<usize>| r.into_iter().all(|i| key(l.lines[i], o).is_empty());
        out.retain(|c| !(blank(a, c.a0..c.a1) && blank(b, c.b0..c.b1)));
    }
    out
}

/// `n` or `n,m` (1-based, inclusive) for a normal diff.
fn range(from: usize, to: usize) -> String {
    if to <= from + 1 {
        format!("{}", from + 1)
    } else {
        format!("{},{}", from + 1, to)
    }
}

fn normal(a: &Lines, b: &Lines, changes: &[Change], out: &mut Vec<u8>) {
    for c in changes {
        let head = if c.a0 == c.a1 {
            format!("{}a{}\n", c.a0, range(c.b0, c.b1))
        } else if c.b0 == c.b1 {
            format!("{}d{}\n", range(c.a0, c.a1), c.b0)
        } else {
            format!("{}c{}\n", range(c.a0, c.a1), range(c.b0, c.b1))
        };
        out.extend_from_slice(head.as_bytes());
        for i in c.a0..c.a1 {
            a.put(b"< ", i, out);
        }
        if c.a0 < c.a1 && c.b0 < c.b1 {
            out.extend_from_slice(b"---\n");
        }
        for i in c.b0..c.b1 {
            b.put(b"> ", i, out);
        }
    }
}

/// Changes close enough to share context, and the lines the hunk spans.
struct Hunk<'c> {
    changes: &'c [Change],
    a0: usize,
    a1: usize,
    b0: usize,
    b1: usize,
}

fn hunks(changes: &[Change], n: usize, len_a: usize, len_b: usize) -> Vec<Hunk<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let mut j = i + 1;
        while j < changes.len() && changes[j].a0 - changes[j - 1].a1 <= 2 * n {
            j += 1;
        }
        let (first, last) = (changes[i], changes[j - 1]);
        let before = n.min(first.a0).min(first.b0);
        let after = n.min(len_a - last.a1).min(len_b - last.b1);
        out.push(Hunk {
            changes: &changes[i..j],
            a0: first.a0 - before,
            a1: last.a1 + after,
            b0: first.b0 - before,
            b1: last.b1 + after,
        });
        i = j;
    }
    out
}

/// A unified range: `start,count`, `start` for one line, `before,0` for none.
fn unified_range(from: usize, to: usize) -> String {
    match to - from {
        0 => format!("{from},0"),
        1 => format!("{}", from + 1),
        n => format!("{},{n}", from + 1),
    }
}

fn unified_hunk(a: &Lines, b: &Lines, h: &Hunk, out: &mut Vec<u8>) {
    let head = format!("@@ -{} +{} @@\n", unified_range(h.a0, h.a1), unified_range(h.b0, h.b1));
    out.extend_from_slice(head.as_bytes());
    let mut i = h.a0;
    for c in h.changes {
        while i < c.a0 {
            a.put(b" ", i, out);
            i += 1;
        }
        for k in c.a0..c.a1 {
            a.put(b"-", k, out);
        }
        for k in c.b0..c.b1 {
            b.put(b"+", k, out);
        }
        i = c.a1;
    }
    while i < h.a1 {
        a.put(b" ", i, out);
        i += 1;
    }
}

/// A context range: `from,to`, one number for one line (or none).
fn context_range(from: usize, to: usize) -> String {
    if to > from + 1 {
        format!("{},{}", from + 1, to)
    } else {
        format!("{}", to)
    }
}

fn context_hunk(a: &Lines, b: &Lines, h: &Hunk, out: &mut Vec<u8>) {
    out.extend_from_slice(b"***************\n");
    out.extend_from_slice(format!("*** {} ****\n", context_range(h.a0, h.a1)).as_bytes());
    if h.changes.iter().any(|c| c.a0 < c.a1) {
        context_side(a, h, h.a0, h.a1, true, out);
    }
    out.extend_from_slice(format!("--- {} ----\n", context_range(h.b0, h.b1)).as_bytes());
    if h.changes.iter().any(|c| c.b0 < c.b1) {
        context_side(b, h, h.b0, h.b1, false, out);
    }
}

/// One side of a context hunk: `- `/`+ ` for lines only removed/added,
/// `! ` for lines of a change with both sides, `  ` for context.
fn context_side(l: &Lines, h: &Hunk, from: usize, to: usize, old: bool, out: &mut Vec<u8>) {
    let mut i = from;
    for c in h.changes {
        let (s, e) = if old { (c.a0, c.a1) } else { (c.b0, c.b1) };
        while i < s {
            l.put(b"  ", i, out);
            i += 1;
        }
        let mark: &[u8] = match (c.a0 < c.a1, c.b0 < c.b1) {
            (true, true) => b"! ",
            _ if old => b"- ",
            _ => b"+ ",
        };
        for k in s..e {
            l.put(mark, k, out);
        }
        i = e;
    }
    while i < to {
        l.put(b"  ", i, out);
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> Opts {
        Opts {
            format: Format::Normal,
            brief: false,
            identical: false,
            recursive: false,
            new_file: false,
            icase: false,
            space_change: false,
            all_space: false,
            blank_lines: false,
            text: false,
            labels: Vec::new(),
            switches: String::new(),
        }
    }

    fn normal_of(a: &str, b: &str) -> String {
        let (la, lb) = (Lines::new(a.as_bytes()), Lines::new(b.as_bytes()));
        let mut out = Vec::new();
        normal(&la, &lb, &changes(&la, &lb, &opts()), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn normal_format() {
        assert_eq!(normal_of("a\nb\nc\n", "a\nx\nc\n"), "2c2\n< b\n---\n> x\n");
        assert_eq!(normal_of("a\nc\n", "a\nb\nc\n"), "1a2\n> b\n");
        assert_eq!(normal_of("a\nb\nc\n", "a\nc\n"), "2d1\n< b\n");
        assert_eq!(
            normal_of("a\nb", "a\nb\n"),
            "2c2\n< b\n\\ No newline at end of file\n---\n> b\n"
        );
        assert_eq!(normal_of("", "x\ny\n"), "0a1,2\n> x\n> y\n");
    }

    #[test]
    fn ranges() {
        assert_eq!(unified_range(0, 0), "0,0");
        assert_eq!(unified_range(2, 3), "3");
        assert_eq!(unified_range(2, 5), "3,3");
        assert_eq!(context_range(0, 2), "1,2");
        assert_eq!(context_range(2, 3), "3");
        assert_eq!(context_range(2, 2), "2");
    }

    #[test]
    fn whitespace_keys() {
        let mut o = opts();
        o.space_change = true;
        assert_eq!(key(b"a  b \t", &o), b"a b");
        o.all_space = true;
        assert_eq!(key(b" a b ", &o), b"ab");
    }

    #[test]
    fn switches_keep_options() {
        let args: Vec<String> = ["-ru", "a", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(switches(&args, &args[1..]), " -ru");
    }
}
