//! `patch`: apply unified diffs to files, as GNU patch 2.7.6.
//!
//! Hunks apply where their line numbers say, else at the nearest offset
//! where their lines match, else with fuzz (up to two context lines at
//! each end ignored); hunks that do not apply go to `FILE.rej`, and the
//! original is kept as `FILE.orig` when the patch did not fit exactly.
//! Only unified diffs are read (what `diff -u` and `diff -ru` write).

use kernel::{OpenFlags, Proc};

use common::cli::{Cmd, flag, long, value};
use common::io::Input;

const HELP: &str = "Usage: patch [OPTION]... [ORIGFILE [PATCHFILE]]

Apply a unified diff (read from standard input or PATCHFILE) to files.

  -p NUM  --strip=NUM  Strip NUM leading components from file names
                       (default: use the base name).
  -i PATCHFILE  --input=PATCHFILE  Read patch from PATCHFILE instead of stdin.
  -o FILE  --output=FILE  Output patched files to FILE.
  -R  --reverse  Assume patches were created with old and new files swapped.
  -N  --forward  Ignore patches that seem to be reversed or already applied.
  -b  --backup  Back up the original contents of each file (FILE.orig).
  -F NUM  --fuzz NUM  Set the fuzz factor to NUM lines (default 2).
  --dry-run  Do not actually change any files; just print what would happen.
  -s  --quiet  --silent  Work silently unless an error occurs.
  -f  --force  (accepted: patch never asks questions here; it answers no)
  -t  --batch  (accepted: as -f)
  --help  Display this help and exit.
  -v  --version  Display version information and exit.

Exit status is 0 if all hunks applied, 1 if some did not, 2 if trouble.
";

const SPEC: &[common::cli::Opt] = &[
    value("strip", 'p'),
    value("input", 'i'),
    value("output", 'o'),
    flag("reverse", 'R'),
    flag("forward", 'N'),
    flag("backup", 'b'),
    value("fuzz", 'F'),
    long("dry-run", common::cli::Arg::No),
    flag("quiet", 's'),
    long("silent", common::cli::Arg::No),
    flag("force", 'f'),
    flag("batch", 't'),
    flag("version", 'v'),
];

struct Opts {
    strip: Option<usize>,
    input: Option<String>,
    output: Option<String>,
    reverse: bool,
    forward: bool,
    backup: bool,
    fuzz: usize,
    dry_run: bool,
    quiet: bool,
}

/// A line of a file or hunk: its text and whether a newline ends it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    text: Vec<u8>,
    eol: bool,
}

#[derive(Clone, Debug)]
struct Hunk {
    old_start: usize,
    new_start: usize,
    /// `(' ' | '-' | '+', line)`.
    lines: Vec<(u8, Line)>,
    /// The hunk as the patch had it, for the reject file.
    raw: Vec<u8>,
}

impl Hunk {
    fn side(&self, old: bool) -> Vec<&Line> {
        let skip = if old { b'+' } else { b'-' };
        self.lines.iter().filter(|(t, _)| *t != skip).map(|(_, l)| l).collect()
    }

    fn reversed(&self) -> Hunk {
        let flip = |t: u8| match t {
            b'+' => b'-',
            b'-' => b'+',
            t => t,
        };
        Hunk {
            old_start: self.new_start,
            new_start: self.old_start,
            lines: self.lines.iter().map(|(t, l)| (flip(*t), l.clone())).collect(),
            raw: self.raw.clone(),
        }
    }

    /// Leading and trailing context lines.
    fn context(&self) -> (usize, usize) {
        let pre = self.lines.iter().take_while(|(t, _)| *t == b' ').count();
        let post = self.lines.iter().rev().take_while(|(t, _)| *t == b' ').count();
        (pre, post)
    }
}

#[derive(Debug)]
struct FilePatch {
    old_name: String,
    new_name: String,
    old_time: String,
    new_time: String,
    hunks: Vec<Hunk>,
    /// Line of the patch where this file's header started (1-based).
    line: usize,
}

/// A `---`/`+++` header value: the name, and the time after a tab.
fn name_and_time(text: &[u8]) -> (String, String) {
    let text = String::from_utf8_lossy(text).into_owned();
    match text.split_once('\t') {
        Some((n, t)) => (n.to_string(), t.to_string()),
        None => (text.trim_end().to_string(), String::new()),
    }
}

/// `-a,b` → (a, b); a lone `-a` means one line.
fn hunk_range(s: &str) -> Option<(usize, usize)> {
    match s.split_once(',') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => Some((s.parse().ok()?, 1)),
    }
}

fn parse_hunk_header(line: &[u8]) -> Option<(usize, usize, usize, usize)> {
    let text = std::str::from_utf8(line).ok()?;
    let rest = text.strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let (new, _) = rest.split_once(" @@")?;
    let (a, b) = hunk_range(old)?;
    let (c, d) = hunk_range(new)?;
    Some((a, b, c, d))
}

/// Split the patch into files and hunks; text around them is ignored.
fn parse_patch(data: &[u8]) -> Result<Vec<FilePatch>, String> {
    let mut lines: Vec<&[u8]> = data.split(|&c| c == b'\n').collect();
    if data.ends_with(b"\n") || data.is_empty() {
        lines.pop();
    }
    let mut files = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let is_header = lines[i].starts_with(b"--- ") && lines.get(i + 1).is_some_and(|l| l.starts_with(b"+++ "));
        if !is_header {
            i += 1;
            continue;
        }
        let (old_name, old_time) = name_and_time(&lines[i][4..]);
        let (new_name, new_time) = name_and_time(&lines[i + 1][4..]);
        let mut fp = FilePatch {
            old_name,
            new_name,
            old_time,
            new_time,
            hunks: Vec::new(),
            line: i + 1,
        };
        i += 2;
        while let Some((a, mut b, c, mut d)) = lines.get(i).and_then(|l| parse_hunk_header(l)) {
            let mut hunk = Hunk {
                old_start: a,
                new_start: c,
                lines: Vec::new(),
                raw: Vec::new(),
            };
            hunk.raw.extend_from_slice(lines[i]);
            hunk.raw.push(b'\n');
            i += 1;
            while (b > 0 || d > 0) && i < lines.len() {
                let l = lines[i];
                let (tag, text) = match l.first() {
                    Some(&t @ (b' ' | b'-' | b'+')) => (t, &l[1..]),
                    None => (b' ', l),
                    _ => {
                        return Err(format!(
                            "malformed patch at line {}: {}",
                            i + 1,
                            String::from_utf8_lossy(l)
                        ));
                    }
                };
                match tag {
                    b' ' => {
                        b = b.saturating_sub(1);
                        d = d.saturating_sub(1);
                    }
                    b'-' => b = b.saturating_sub(1),
                    _ => d = d.saturating_sub(1),
                }
                hunk.lines.push((
                    tag,
                    Line {
                        text: text.to_vec(),
                        eol: true,
                    },
                ));
                hunk.raw.extend_from_slice(l);
                hunk.raw.push(b'\n');
                i += 1;
                if lines.get(i).is_some_and(|l| l.starts_with(b"\\")) {
                    if let Some((_, last)) = hunk.lines.last_mut() {
                        last.eol = false;
                    }
                    hunk.raw.extend_from_slice(lines[i]);
                    hunk.raw.push(b'\n');
                    i += 1;
                }
            }
            fp.hunks.push(hunk);
        }
        files.push(fp);
    }
    Ok(files)
}

/// A name with `strip` leading components removed (`None`: the base name).
fn strip_name(name: &str, strip: Option<usize>) -> String {
    match strip {
        None => name.rsplit('/').next().unwrap_or(name).to_string(),
        Some(n) => {
            let mut rest = name;
            for _ in 0..n {
                match rest.split_once('/') {
                    Some((_, r)) => rest = r.trim_start_matches('/'),
                    None => break,
                }
            }
            rest.to_string()
        }
    }
}

/// `/dev/null`, or a time at the epoch as `diff -N` writes for absent files.
fn absent(name: &str, time: &str) -> bool {
    name == "/dev/null" || time.starts_with("1970-01-01 00:00:00") || time.starts_with("Thu Jan  1 00:00:00 1970")
}

fn to_lines(data: &[u8]) -> Vec<Line> {
    let mut parts: Vec<&[u8]> = data.split(|&c| c == b'\n').collect();
    let eol_last = data.ends_with(b"\n") || data.is_empty();
    if eol_last {
        parts.pop();
    }
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Line {
            text: t.to_vec(),
            eol: i + 1 < n || eol_last,
        })
        .collect()
}

fn from_lines(lines: &[Line]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in lines {
        out.extend_from_slice(&l.text);
        if l.eol {
            out.push(b'\n');
        }
    }
    out
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match super::cmp::parse(&mut cmd, SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut o = Opts {
        strip: None,
        input: None,
        output: None,
        reverse: false,
        forward: false,
        backup: false,
        fuzz: 2,
        dry_run: false,
        quiet: false,
    };
    for (name, val) in &opts.list {
        let v = val.clone().unwrap_or_default();
        match *name {
            "strip" => match v.parse() {
                Ok(n) => o.strip = Some(n),
                Err(_) => return trouble(&mut cmd, &format!("strip count {v} is not a number")).await,
            },
            "fuzz" => match v.parse() {
                Ok(n) => o.fuzz = n,
                Err(_) => return trouble(&mut cmd, &format!("fuzz factor {v} is not a number")).await,
            },
            "input" => o.input = Some(v),
            "output" => o.output = Some(v),
            "reverse" => o.reverse = true,
            "forward" => o.forward = true,
            "backup" => o.backup = true,
            "dry-run" => o.dry_run = true,
            "quiet" | "silent" => o.quiet = true,
            _ => {}
        }
    }
    let mut operands = opts.operands.clone();
    if operands.len() > 2 {
        return super::cmp::usage(&mut cmd, format!("extra operand '{}'", operands[2])).await;
    }
    let target = if operands.is_empty() {
        None
    } else {
        Some(operands.remove(0))
    };
    if let Some(pf) = operands.pop() {
        o.input = Some(pf);
    }
    let p = cmd.p.clone();
    let source = o.input.clone().unwrap_or_else(|| "-".into());
    let data = match read(&p, &source).await {
        Ok(d) => d,
        Err(e) => return trouble(&mut cmd, &format!("Can't open patch file {source} : {}", e.strerror())).await,
    };
    let files = match parse_patch(&data) {
        Ok(f) => f,
        Err(msg) => return trouble(&mut cmd, &msg).await,
    };
    if files.is_empty() {
        return trouble(&mut cmd, "Only garbage was found in the patch input.").await;
    }
    let mut status = 0;
    for fp in files {
        let st = apply_file(&mut cmd, &o, fp, target.as_deref()).await;
        status = status.max(st);
    }
    cmd.finish(status).await
}

/// GNU patch's fatal message: `patch: **** msg`, exit 2.
async fn trouble(cmd: &mut Cmd, msg: &str) -> i32 {
    cmd.error(format!("**** {msg}")).await;
    cmd.finish(2).await
}

async fn read(p: &Proc, name: &str) -> kernel::Result<Vec<u8>> {
    let mut input = Input::open(p, name).await?;
    let data = input.read_all(p).await;
    input.close(p).await;
    data
}

async fn write(p: &Proc, name: &str, data: &[u8]) -> kernel::Result<()> {
    let fd = p.open(name, OpenFlags::WRITE).await?;
    let r = p.write(fd, data).await;
    let _ = p.close(fd).await;
    r.map(|_| ())
}

async fn exists(p: &Proc, name: &str) -> bool {
    p.stat(name).await.is_ok()
}

/// Where a hunk went.
enum Placed {
    /// At old-file line index, with this fuzz.
    At(usize, usize),
    Failed,
}

/// Find where `old` (a hunk's old side) matches `lines`, near `expected`
/// and not before `floor`, ignoring `fuzz` context lines at each end.
fn find(lines: &[Line], old: &[&Line], expected: usize, floor: usize, skip: (usize, usize)) -> Option<usize> {
    let (pre, post) = skip;
    let core = &old[pre..old.len() - post];
    let fits = |at: usize| {
        at + pre + core.len() <= lines.len() && core.iter().enumerate().all(|(k, l)| lines[at + pre + k].text == l.text)
    };
    let max = lines.len().max(expected) + 1;
    for delta in 0..=max {
        let tries = [
            expected.checked_add(delta),
            if delta > 0 { expected.checked_sub(delta) } else { None },
        ];
        for at in tries.into_iter().flatten() {
            if at >= floor && fits(at) {
                return Some(at);
            }
        }
    }
    None
}

fn place(lines: &[Line], h: &Hunk, offset: isize, floor: usize, max_fuzz: usize) -> Placed {
    let old = h.side(true);
    let start = if old.is_empty() {
        h.old_start
    } else {
        h.old_start.saturating_sub(1)
    };
    let expected = (start as isize + offset).max(0) as usize;
    let (pre, post) = h.context();
    for fuzz in 0..=max_fuzz {
        let skip = (pre.min(fuzz), post.min(fuzz));
        if fuzz > 0 && skip == (0, 0) {
            break;
        }
        if let Some(at) = find(lines, &old, expected, floor, skip) {
            return Placed::At(at, fuzz);
        }
    }
    Placed::Failed
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

async fn apply_file(cmd: &mut Cmd, o: &Opts, mut fp: FilePatch, target: Option<&str>) -> i32 {
    let p = cmd.p.clone();
    let (mut creates, mut deletes) = (absent(&fp.old_name, &fp.old_time), absent(&fp.new_name, &fp.new_time));
    if o.reverse {
        // The file names keep their order; what the hunks do is swapped.
        std::mem::swap(&mut creates, &mut deletes);
        fp.hunks = fp.hunks.iter().map(Hunk::reversed).collect();
    }
    let name = match target {
        Some(t) => t.to_string(),
        None => {
            let old = strip_name(&fp.old_name, o.strip);
            let new = strip_name(&fp.new_name, o.strip);
            if fp.old_name != "/dev/null" && !absent(&fp.old_name, &fp.old_time) && exists(&p, &old).await {
                old
            } else if fp.new_name != "/dev/null" && (exists(&p, &new).await || creates) {
                new
            } else if creates {
                old
            } else {
                cmd.out
                    .write(format!("can't find file to patch at input line {}\n", fp.line + 2).as_bytes())
                    .await;
                cmd.out.write(b"No file to patch.  Skipping patch.\n").await;
                let n = fp.hunks.len();
                cmd.out
                    .write(format!("{n} out of {n} hunk{} ignored\n", plural(n)).as_bytes())
                    .await;
                return 1;
            }
        }
    };
    let present = exists(&p, &name).await;
    let original = if present {
        match read(&p, &name).await {
            Ok(d) => d,
            Err(e) => {
                cmd.error(format!("**** Can't open file {name} : {}", e.strerror()))
                    .await;
                return 2;
            }
        }
    } else {
        Vec::new()
    };
    let verb = if o.dry_run { "checking" } else { "patching" };
    let shown = match &o.output {
        Some(out) => format!("{verb} file {out} (read from {name})\n"),
        None => format!("{verb} file {name}\n"),
    };
    if !o.quiet {
        cmd.out.write(shown.as_bytes()).await;
    }
    let n = fp.hunks.len();
    // Not on a terminal, GNU patch answers its questions "no".
    let ignore_all = |_: &mut Cmd, what: String| {
        let tail = if o.forward {
            "  Skipping patch.\n"
        } else {
            "  Assume -R? [n] \nApply anyway? [n] \nSkipping patch.\n"
        };
        what + tail
    };
    if creates && present && !original.is_empty() {
        let msg = ignore_all(
            cmd,
            format!("The next patch would create the file {name},\nwhich already exists!"),
        );
        cmd.out.write(msg.as_bytes()).await;
        cmd.out
            .write(format!("{n} out of {n} hunk{} ignored\n", plural(n)).as_bytes())
            .await;
        return 1;
    }
    if deletes && !present {
        let msg = ignore_all(
            cmd,
            format!("The next patch would delete the file {name},\nwhich does not exist!"),
        );
        cmd.out.write(msg.as_bytes()).await;
        cmd.out
            .write(format!("{n} out of {n} hunk{} ignored\n", plural(n)).as_bytes())
            .await;
        return 1;
    }
    let lines = to_lines(&original);
    let (result, failed, inexact, reversed) = apply_hunks(cmd, o, &lines, &fp.hunks).await;
    if reversed {
        let msg = ignore_all(cmd, "Reversed (or previously applied) patch detected!".to_string());
        cmd.out.write(msg.as_bytes()).await;
    }
    let rej_name = format!("{}.rej", o.output.as_deref().unwrap_or(&name));
    if !failed.is_empty() {
        let (what, count) = if reversed {
            ("ignored", n)
        } else {
            ("FAILED", failed.len())
        };
        let mut msg = format!("{count} out of {n} hunk{} {what}", plural(n));
        if !o.dry_run {
            msg.push_str(&format!(" -- saving rejects to file {rej_name}"));
        }
        msg.push('\n');
        cmd.out.write(msg.as_bytes()).await;
    }
    if o.dry_run {
        return i32::from(!failed.is_empty());
    }
    if reversed {
        write_rej(cmd, &fp, &failed, &name, &rej_name).await;
        return 1;
    }
    let out_name = o.output.clone().unwrap_or_else(|| name.clone());
    if (o.backup || (!failed.is_empty() || inexact) && o.output.is_none()) && present {
        let _ = write(&p, &format!("{name}.orig"), &original).await;
    }
    let data = from_lines(&result);
    let r = if deletes && data.is_empty() && o.output.is_none() {
        p.remove(&name).await
    } else {
        write(&p, &out_name, &data).await
    };
    if let Err(e) = r {
        cmd.error(format!("**** Can't create file {out_name} : {}", e.strerror()))
            .await;
        return 2;
    }
    if !failed.is_empty() {
        write_rej(cmd, &fp, &failed, &name, &rej_name).await;
    }
    i32::from(!failed.is_empty())
}

/// Write the rejected hunks to `rej`.
async fn write_rej(cmd: &mut Cmd, fp: &FilePatch, failed: &[usize], name: &str, rej: &str) {
    let stamp = |t: &str| if t.is_empty() { String::new() } else { format!("\t{t}") };
    let mut text = format!("--- {name}{}\n+++ {name}{}\n", stamp(&fp.old_time), stamp(&fp.new_time)).into_bytes();
    for &i in failed {
        text.extend_from_slice(&fp.hunks[i].raw);
    }
    let _ = write(&cmd.p, rej, &text).await;
}

/// Apply the hunks in order. Answers the new lines, the failed hunks'
/// indices, whether any applied inexactly, and whether the patch looks
/// reversed (its first hunk only fits the other way round).
async fn apply_hunks(cmd: &mut Cmd, o: &Opts, lines: &[Line], hunks: &[Hunk]) -> (Vec<Line>, Vec<usize>, bool, bool) {
    let mut out: Vec<Line> = Vec::new();
    let mut next = 0;
    let mut offset: isize = 0;
    let mut failed = Vec::new();
    let mut inexact = false;
    for (k, h) in hunks.iter().enumerate() {
        let placed = place(lines, h, offset, next, o.fuzz);
        let (at, fuzz) = match placed {
            Placed::At(at, fuzz) => (at, fuzz),
            Placed::Failed => {
                let looks_reversed = k == 0
                    && !h.side(true).is_empty()
                    && matches!(place(lines, &h.reversed(), 0, 0, 0), Placed::At(..));
                if looks_reversed {
                    return (lines.to_vec(), (0..hunks.len()).collect(), true, true);
                }
                let start = h.old_start as isize + offset;
                if !o.quiet {
                    cmd.out
                        .write(format!("Hunk #{} FAILED at {}.\n", k + 1, start.max(0)).as_bytes())
                        .await;
                }
                failed.push(k);
                continue;
            }
        };
        let old = h.side(true);
        let new = h.side(false);
        let (pre, post) = h.context();
        let skip = (pre.min(fuzz), post.min(fuzz));
        let start = if old.is_empty() {
            h.old_start
        } else {
            h.old_start.saturating_sub(1)
        };
        let this_offset = at as isize - start as isize;
        out.extend_from_slice(&lines[next..at + skip.0]);
        let new_at = out.len();
        out.extend(new[skip.0..new.len() - skip.1].iter().map(|l| (*l).clone()));
        next = at + old.len() - skip.1;
        if fuzz > 0 || this_offset != 0 {
            inexact = true;
            let mut msg = format!("Hunk #{} succeeded at {}", k + 1, new_at + 1 - skip.0);
            if fuzz > 0 {
                msg.push_str(&format!(" with fuzz {fuzz}"));
            }
            if this_offset != 0 {
                let n = this_offset.unsigned_abs();
                msg.push_str(&format!(" (offset {this_offset} line{})", plural(n)));
            }
            msg.push_str(".\n");
            if !o.quiet {
                cmd.out.write(msg.as_bytes()).await;
            }
        }
        offset = this_offset;
    }
    out.extend_from_slice(&lines[next.min(lines.len())..]);
    (out, failed, inexact, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_strip() {
        assert_eq!(strip_name("a/b/c", None), "c");
        assert_eq!(strip_name("a/b/c", Some(1)), "b/c");
        assert_eq!(strip_name("a/b/c", Some(0)), "a/b/c");
        assert_eq!(strip_name("/x/y", Some(1)), "x/y");
    }

    #[test]
    fn parses_unified() {
        let p = b"diff -u a b\n--- a/f\t2026-01-01\n+++ b/f\t2026-01-02\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n\\ No newline at end of file\n";
        let files = parse_patch(p).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].old_name, "a/f");
        assert_eq!(files[0].new_time, "2026-01-02");
        let h = &files[0].hunks[0];
        assert_eq!(h.lines.len(), 3);
        assert!(!h.lines[2].1.eol);
    }

    #[test]
    fn finds_offsets() {
        let lines = to_lines(b"0\n0\n1\n2\n3\n");
        let l = |s: &str| Line {
            text: s.as_bytes().to_vec(),
            eol: true,
        };
        let (a, b) = (l("1"), l("2"));
        assert_eq!(find(&lines, &[&a, &b], 0, 0, (0, 0)), Some(2));
        assert_eq!(find(&lines, &[&a, &b], 0, 3, (0, 0)), None);
    }
}
