//! Small pieces the file commands share: stat with GNU's trailing-slash
//! rule, same-file checks, the words `stat` and `rm -i` use for file
//! types, GNU's base names, and `-i` prompts.

use kernel::{Errno, NodeType, Proc, Stat};

use super::cli::Cmd;
use super::io::Input;

/// Stat an operand as a Unix kernel would: a name ending in `/` must be a
/// directory (`a/` on a file is `ENOTDIR`). The kernel here cleans names
/// lexically, so the check is made here.
pub async fn stat(p: &Proc, name: &str) -> kernel::Result<Stat> {
    let st = p.stat(name).await?;
    if has_trailing_slash(name) && !st.is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    Ok(st)
}

/// True for `a/` (`/` alone is a directory anyway).
pub fn has_trailing_slash(name: &str) -> bool {
    name.len() > 1 && name.ends_with('/')
}

/// Whether two stats describe the same file. The protocol has no device
/// number, so a qid (unique within one server) is compared along with
/// the rest of the metadata; files on two servers that agree on all of it
/// are the only false match.
pub fn same_file(a: &Stat, b: &Stat) -> bool {
    a.qid == b.qid
        && a.kind == b.kind
        && a.size == b.size
        && a.mtime == b.mtime
        && a.ctime() == b.ctime()
        && a.mode() == b.mode()
        && a.uid() == b.uid()
        && a.gid() == b.gid()
}

/// The bytes a file occupies, as a memory file system allocates them
/// (tmpfs-like): file data in whole 4 KiB pages, nothing for directories
/// and devices. `du` and `df` count this; `stat %b` shows it in 512-byte
/// blocks.
pub fn allocated(st: &Stat) -> u64 {
    match st.kind {
        NodeType::File => st.size.div_ceil(PAGE) * PAGE,
        _ => 0,
    }
}

/// The page size of that model (also `stat %o`, the I/O block).
pub const PAGE: u64 = 4096;

/// GNU's words for a file's type (`stat %F`, `rm -i`).
pub fn type_word(st: &Stat) -> &'static str {
    match st.kind {
        NodeType::Dir => "directory",
        NodeType::Device => "character special file",
        NodeType::File if st.size == 0 => "regular empty file",
        NodeType::File => "regular file",
    }
}

/// The last component of a name, trailing slashes ignored (`a/b/` is
/// `b`, `/` is `/`), as GNU's `last_component` and `basename` see it.
pub fn base_name(name: &str) -> &str {
    let trimmed = name.trim_end_matches('/');
    if trimmed.is_empty() {
        return if name.is_empty() { "" } else { "/" };
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// The directory part of a name, as `dirname` prints it (`a/b` is `a`,
/// `a` is `.`, `/a` is `/`, `a//b//` is `a`).
pub fn dir_name(name: &str) -> &str {
    let b = name.as_bytes();
    let mut end = b.len();
    // Strip trailing slashes, then the last component, then the slashes
    // before it.
    while end > 1 && b[end - 1] == b'/' {
        end -= 1;
    }
    while end > 0 && b[end - 1] != b'/' {
        end -= 1;
    }
    if end == 0 {
        return ".";
    }
    while end > 1 && b[end - 1] == b'/' {
        end -= 1;
    }
    &name[..end]
}

/// Asks `-i` questions on stderr and reads the answers from stdin, one
/// line each. An answer starting with `y` or `Y` is yes; end of input is
/// no.
pub struct Prompter {
    input: Input,
}

impl Default for Prompter {
    fn default() -> Self {
        Prompter {
            input: Input::from_fd(0),
        }
    }
}

impl Prompter {
    /// Print `name: question` (no newline) and read the answer.
    pub async fn ask(&mut self, cmd: &mut Cmd, question: &str) -> bool {
        cmd.out.flush().await.ok();
        let text = format!("{}: {question}", cmd.name);
        let _ = cmd.p.write(2, text.as_bytes()).await;
        let p = cmd.p.clone();
        let mut line = Vec::new();
        match self.input.read_line(&p, &mut line).await {
            Ok(true) => matches!(line.first(), Some(b'y' | b'Y')),
            _ => false,
        }
    }
}

/// One member of a mount point of the caller's namespace, from its
/// `ns` listing (`bind '#d' /dev`, `mount -c /srv/ram /n/ram spec`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// Where it is mounted.
    pub point: String,
    /// What is there: a device (`#t`), a posted server, or for a bind of a
    /// path, that path.
    pub source: String,
    /// True for `bind`, false for `mount`.
    pub bind: bool,
}

/// The namespace's mounts in the order they were made, the root (`#/` on
/// `/`) first.
pub fn mounts(p: &Proc) -> Vec<Mount> {
    let mut out = vec![Mount {
        point: "/".to_string(),
        source: "#/".to_string(),
        bind: true,
    }];
    for line in p.ns_text().lines() {
        let words = shell_words(line);
        let Some((verb, rest)) = words.split_first() else {
            continue;
        };
        let args: Vec<&String> = rest.iter().filter(|w| !w.starts_with('-')).collect();
        if (verb == "bind" || verb == "mount") && args.len() >= 2 {
            out.push(Mount {
                point: args[1].clone(),
                source: args[0].clone(),
                bind: verb == "bind",
            });
        }
    }
    out
}

/// The distinct mount points of `mounts`, in order of first appearance.
pub fn mount_points(mounts: &[Mount]) -> Vec<&str> {
    let mut points: Vec<&str> = Vec::new();
    for m in mounts {
        if !points.contains(&m.point.as_str()) {
            points.push(&m.point);
        }
    }
    points
}

/// The index (in `points`) of the mount point holding the absolute,
/// cleaned name `abs`: the longest one that is a prefix of it.
pub fn mount_index(points: &[&str], abs: &str) -> usize {
    let mut best = (0, 0);
    for (i, pt) in points.iter().enumerate() {
        let inside = abs == *pt || *pt == "/" || (abs.starts_with(pt) && abs.as_bytes().get(pt.len()) == Some(&b'/'));
        if inside && pt.len() >= best.1 {
            best = (i, pt.len());
        }
    }
    best.0
}

/// Split a line of the `ns` listing into words (`'...'` quoting, with
/// `'\''` for a quote inside).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '\\' => {
                in_word = true;
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names() {
        assert_eq!(base_name("a/b"), "b");
        assert_eq!(base_name("a/b/"), "b");
        assert_eq!(base_name("b"), "b");
        assert_eq!(base_name("/"), "/");
        assert_eq!(base_name("//"), "/");
        assert_eq!(base_name(""), "");
    }

    #[test]
    fn dir_names() {
        assert_eq!(dir_name("a/b"), "a");
        assert_eq!(dir_name("a/b/"), "a");
        assert_eq!(dir_name("a"), ".");
        assert_eq!(dir_name("/a"), "/");
        assert_eq!(dir_name("/"), "/");
        assert_eq!(dir_name("//"), "/");
        assert_eq!(dir_name("a//b//"), "a");
        assert_eq!(dir_name(""), ".");
        assert_eq!(dir_name("a/"), ".");
    }

    #[test]
    fn ns_words() {
        assert_eq!(shell_words("bind -a '#f' /dev"), ["bind", "-a", "#f", "/dev"]);
        assert_eq!(shell_words("bind 'it'\\''s' /x"), ["bind", "it's", "/x"]);
    }

    #[test]
    fn mount_lookup() {
        let points = ["/", "/dev", "/tmp", "/usr/bin"];
        assert_eq!(mount_index(&points, "/home/user"), 0);
        assert_eq!(mount_index(&points, "/dev"), 1);
        assert_eq!(mount_index(&points, "/dev/null"), 1);
        assert_eq!(mount_index(&points, "/devx"), 0);
        assert_eq!(mount_index(&points, "/usr/bin/ls"), 3);
    }
}
