//! `tree`: list the contents of directories in a tree-like format, as
//! tree 2.x does. Lines are drawn in ASCII (`|--`, `` `-- ``) unless the
//! locale (LC_ALL, LC_CTYPE, LANG) or --charset says UTF-8 (`├──`).

use kernel::{NodeType, Proc};

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::files::same_file;
use common::walk::join;

const HELP: &str = "Usage: tree [OPTION]... [DIRECTORY]...
List the contents of directories in a tree-like format.

  -a            All files are listed (names starting with '.' too).
  -N            Print names as they are (no escapes).
  -q            Print non-printable characters in names as '?'.
  -d            List directories only.
  -f            Print the full path prefix for each file.
  -i            Don't print indentation lines.
  -L level      Descend only level directories deep.
  -F            Append '/' to directories and '*' to executables.
  -r            Sort files in reverse order.
  -U            Leave files unsorted (in the order the server lists them).
  --dirsfirst   List directories before files.
  --noreport    Turn off file/directory count at end of tree listing.
  --charset X   Use charset X (ascii or utf-8) for the indentation lines.
      --help     display this help and exit
      --version  output version information and exit

Names sort in byte order (tree's order under LC_ALL=C).
";

const SPEC: &[Opt] = &[
    flag("a", 'a'),
    flag("N", 'N'),
    flag("q", 'q'),
    flag("d", 'd'),
    flag("f", 'f'),
    flag("i", 'i'),
    value("L", 'L'),
    flag("F", 'F'),
    flag("r", 'r'),
    flag("U", 'U'),
    long("dirsfirst", Arg::No),
    long("noreport", Arg::No),
    long("charset", Arg::Required),
];

struct Options {
    all: bool,
    names: Names,
    dirs_only: bool,
    full_path: bool,
    no_indent: bool,
    max_level: Option<usize>,
    classify: bool,
    reverse: bool,
    unsorted: bool,
    dirs_first: bool,
    lines: &'static Lines,
}

/// How names are printed.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Names {
    /// tree's default: escapes for what a terminal would not show.
    Escaped,
    /// -N
    Raw,
    /// -q: `?` for non-printable characters.
    Question,
}

/// The pieces an indentation is drawn with.
struct Lines {
    utf8: bool,
    branch: &'static str,
    last: &'static str,
    pipe: &'static str,
    blank: &'static str,
}

const ASCII: Lines = Lines {
    utf8: false,
    branch: "|-- ",
    last: "`-- ",
    pipe: "|   ",
    blank: "    ",
};

/// tree's UTF-8 set: the vertical line is followed by no-break spaces.
const UTF8: Lines = Lines {
    utf8: true,
    branch: "\u{251c}\u{2500}\u{2500} ",
    last: "\u{2514}\u{2500}\u{2500} ",
    pipe: "\u{2502}\u{a0}\u{a0} ",
    blank: "    ",
};

#[derive(Default)]
struct Counts {
    dirs: u64,
    files: u64,
}

/// A directory being listed: its entries left to print, and the drawing
/// that precedes its entries.
struct Level {
    path: String,
    /// Its identity, to stop at a directory bound inside itself.
    stat: Option<kernel::Stat>,
    entries: Vec<(String, NodeType)>,
    next: usize,
    indent: String,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let max_level = match opts.value("L") {
        Some(l) => match l.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                cmd.error("Invalid level, must be greater than 0.").await;
                return cmd.finish(1).await;
            }
        },
        None => None,
    };
    let utf8 = match opts.value("charset") {
        Some(c) => is_utf8(c),
        None => common::locale::Charset::of(&cmd.p).is_utf8(),
    };
    let names = if opts.has("N") {
        Names::Raw
    } else if opts.has("q") {
        Names::Question
    } else {
        Names::Escaped
    };
    let o = Options {
        all: opts.has("a"),
        names,
        dirs_only: opts.has("d"),
        full_path: opts.has("f"),
        no_indent: opts.has("i"),
        max_level,
        classify: opts.has("F"),
        reverse: opts.has("r"),
        unsorted: opts.has("U"),
        dirs_first: opts.has("dirsfirst"),
        lines: if utf8 { &UTF8 } else { &ASCII },
    };
    let roots = if opts.operands.is_empty() {
        vec![".".to_string()]
    } else {
        opts.operands.clone()
    };
    let mut counts = Counts::default();
    let mut status = 0;
    for root in &roots {
        if !list_root(&mut cmd, root, &o, &mut counts).await {
            status = 2;
        }
    }
    if !opts.has("noreport") {
        let dirs = plural(counts.dirs, "directory", "directories");
        let text = if o.dirs_only {
            format!("\n{dirs}\n")
        } else {
            format!("\n{dirs}, {}\n", plural(counts.files, "file", "files"))
        };
        cmd.out.write(text.as_bytes()).await;
    }
    cmd.finish(status).await
}

/// Whether a `--charset` name is UTF-8.
fn is_utf8(charset: &str) -> bool {
    let l = charset.to_ascii_lowercase();
    l.contains("utf-8") || l.contains("utf8")
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// List one root; false if it could not be found.
async fn list_root(cmd: &mut Cmd, root: &str, o: &Options, counts: &mut Counts) -> bool {
    let p = cmd.p.clone();
    let st = match p.stat(root).await {
        Ok(st) if st.is_dir() => st,
        Ok(_) => {
            // tree shows a file given as a root as an unopenable directory.
            counts.files += 1;
            let shown = show_name(root, o.names, o.lines.utf8);
            cmd.out
                .write(format!("{shown}  [error opening dir]\n").as_bytes())
                .await;
            return true;
        }
        Err(_) => {
            let shown = show_name(root, o.names, o.lines.utf8);
            cmd.out
                .write(format!("{shown}  [error opening dir]\n").as_bytes())
                .await;
            return false;
        }
    };
    let suffix = if o.classify && st.is_dir() { "/" } else { "" };
    let shown = show_name(root, o.names, o.lines.utf8);
    cmd.out.write(format!("{shown}{suffix}\n").as_bytes()).await;
    let Ok(top) = entries(&p, root, o).await else {
        return true;
    };
    if !top.is_empty() {
        counts.dirs += 1;
    }
    let mut stack = vec![Level {
        path: root.to_string(),
        stat: Some(st),
        entries: top,
        next: 0,
        indent: String::new(),
    }];
    while let Some(level) = stack.last_mut() {
        let Some((name, kind)) = level.entries.get(level.next).cloned() else {
            stack.pop();
            continue;
        };
        level.next += 1;
        let is_last = level.next == level.entries.len();
        let path = join(&level.path, &name);
        let indent = level.indent.clone();
        let depth = stack.len();
        let mut line = String::new();
        if !o.no_indent {
            line.push_str(&indent);
            line.push_str(if is_last { o.lines.last } else { o.lines.branch });
        }
        line.push_str(&show_name(
            if o.full_path { &path } else { &name },
            o.names,
            o.lines.utf8,
        ));
        if o.classify {
            line.push_str(classify(&p, &path, kind).await);
        }
        if kind != NodeType::Dir {
            counts.files += 1;
            line.push('\n');
            cmd.out.write(line.as_bytes()).await;
            continue;
        }
        counts.dirs += 1;
        if o.max_level.is_some_and(|m| depth >= m) {
            line.push('\n');
            cmd.out.write(line.as_bytes()).await;
            continue;
        }
        let here = p.stat(&path).await.ok();
        let cycle = here
            .as_ref()
            .is_some_and(|h| stack.iter().any(|l| l.stat.as_ref().is_some_and(|s| same_file(s, h))));
        if cycle {
            line.push_str("  [recursive, not followed]\n");
            cmd.out.write(line.as_bytes()).await;
            continue;
        }
        match entries(&p, &path, o).await {
            Ok(children) => {
                line.push('\n');
                cmd.out.write(line.as_bytes()).await;
                let more = if is_last { o.lines.blank } else { o.lines.pipe };
                stack.push(Level {
                    path,
                    stat: here,
                    entries: children,
                    next: 0,
                    indent: if o.no_indent { String::new() } else { indent + more },
                });
            }
            Err(_) => {
                line.push_str("  [error opening dir]\n");
                cmd.out.write(line.as_bytes()).await;
            }
        }
    }
    true
}

/// A name as tree prints it. In a UTF-8 locale a character that is not
/// printable becomes `\ooo`; otherwise (bytes) `\ ` for a space, `\\`,
/// C escapes for `\a`..`\r`, and `\ooo` for other unprintable bytes.
fn show_name(name: &str, how: Names, utf8: bool) -> String {
    if how == Names::Raw {
        return name.to_string();
    }
    let question = how == Names::Question;
    let mut out = String::new();
    if utf8 {
        for c in name.chars() {
            match c {
                _ if !c.is_control() => out.push(c),
                _ if question => out.push('?'),
                _ => out.push_str(&format!("\\{:03o}", c as u32)),
            }
        }
        return out;
    }
    for b in name.bytes() {
        match b {
            7..=13 => {
                out.push('\\');
                out.push(b"abtnvfr"[usize::from(b - 7)] as char);
            }
            b'\\' | b' ' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ if question => out.push('?'),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out
}

/// `/` for directories, `*` for executable files.
async fn classify(p: &Proc, path: &str, kind: NodeType) -> &'static str {
    match kind {
        NodeType::Dir => "/",
        NodeType::File if p.stat(path).await.is_ok_and(|s| s.is_executable()) => "*",
        _ => "",
    }
}

/// A directory's entries as tree shows them: filtered and sorted.
async fn entries(p: &Proc, dir: &str, o: &Options) -> kernel::Result<Vec<(String, NodeType)>> {
    let mut v: Vec<(String, NodeType)> = p
        .readdir(dir)
        .await?
        .into_iter()
        .filter(|e| o.all || !e.name.starts_with('.'))
        .filter(|e| !o.dirs_only || e.kind == NodeType::Dir)
        .map(|e| (e.name, e.kind))
        .collect();
    if !o.unsorted {
        v.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        v.dedup_by(|a, b| a.0 == b.0);
        if o.reverse {
            v.reverse();
        }
    }
    if o.dirs_first {
        // Stable: each group keeps its order.
        v.sort_by_key(|(_, k)| *k != NodeType::Dir);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_tree() {
        // From tree 2.1.0.
        assert_eq!(show_name("a b", Names::Escaped, false), "a\\ b");
        assert_eq!(show_name("x\\y", Names::Escaped, false), "x\\\\y");
        assert_eq!(show_name("t\tb", Names::Escaped, false), "t\\tb");
        assert_eq!(show_name("n\nl", Names::Escaped, false), "n\\nl");
        assert_eq!(show_name("é", Names::Escaped, false), "\\303\\251");
        assert_eq!(show_name("q'x\"", Names::Escaped, false), "q'x\"");
        assert_eq!(show_name("a b", Names::Escaped, true), "a b");
        assert_eq!(show_name("n\nl", Names::Escaped, true), "n\\012l");
        assert_eq!(show_name("é", Names::Escaped, true), "é");
        assert_eq!(show_name("t\tb", Names::Question, false), "t\\tb");
        assert_eq!(show_name("é", Names::Question, false), "??");
    }
}
