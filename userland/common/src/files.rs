//! Small pieces the file commands share: stat with GNU's trailing-slash
//! rule, same-file checks, the words `stat` and `rm -i` use for file
//! types, GNU's base names, and `-i` prompts.

use kernel::{Errno, NodeType, Proc, Stat};

use super::cli::Cmd;
use super::io::Input;

/// Stat an operand as a Unix kernel would. The kernel here resolves `.`
/// and `..` lexically, so `f/.`, `f/..` and `f/` would name something even
/// when `f` is a file; a Unix kernel answers `ENOTDIR`, and so does this.
pub async fn stat(p: &Proc, name: &str) -> kernel::Result<Stat> {
    let st = p.stat(name).await?;
    if has_trailing_slash(name) && !st.is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    // Whatever precedes a `.` or `..` component must be a directory.
    let mut end = 0;
    for comp in name.split('/') {
        if (comp == "." || comp == "..") && end > 0 {
            let prefix = &name[..end - 1];
            if !prefix.is_empty() && !p.stat(prefix).await?.is_dir() {
                return Err(Errno::ENOTDIR.into());
            }
        }
        end += comp.len() + 1;
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

/// Whether reading `fd` would read back what this process writes to its
/// standard output: both are the same regular file (GNU cat's and grep's
/// "input file is output file" test, by qid where GNU has dev/ino). The
/// input's stat, if so.
pub async fn is_own_output(p: &Proc, fd: kernel::Fd) -> Option<Stat> {
    if fd == 1 {
        return None;
    }
    let out = p.fstat(1).await.ok()?;
    if out.kind != NodeType::File {
        return None;
    }
    let st = p.fstat(fd).await.ok()?;
    (st.kind == NodeType::File && same_file(&st, &out)).then_some(st)
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

impl Mount {
    /// A bind of a directory (not of a device or a server): another view
    /// of files that live elsewhere.
    pub fn is_dir_bind(&self) -> bool {
        self.bind && !self.source.starts_with('#')
    }
}

/// The caller's mounts, read once from the namespace listing: where each
/// mount point is, and which device or server a name's file lives on
/// (what a Unix `st_dev` would tell; the protocol's stat has no device).
pub struct MountTable {
    /// In the order they were made, the root (`#/` on `/`) first.
    pub mounts: Vec<Mount>,
    /// The distinct mount points, in order of first appearance.
    pub points: Vec<String>,
}

impl MountTable {
    pub fn load(p: &Proc) -> MountTable {
        MountTable::parse(&p.ns_text())
    }

    pub fn parse(ns: &str) -> MountTable {
        let mut mounts = vec![Mount {
            point: "/".to_string(),
            source: "#/".to_string(),
            bind: true,
        }];
        for line in ns.lines() {
            // The listing quotes rc-style, as namespace files do.
            let words = crate::nsfile::split(line, &|_| None).unwrap_or_default();
            let Some((verb, rest)) = words.split_first() else {
                continue;
            };
            let args: Vec<&String> = rest.iter().filter(|w| !w.starts_with('-')).collect();
            if (verb == "bind" || verb == "mount") && args.len() >= 2 {
                mounts.push(Mount {
                    point: args[1].clone(),
                    source: args[0].clone(),
                    bind: verb == "bind",
                });
            }
        }
        let mut points: Vec<String> = Vec::new();
        for m in &mounts {
            if !points.contains(&m.point) {
                points.push(m.point.clone());
            }
        }
        MountTable { mounts, points }
    }

    pub fn is_point(&self, abs: &str) -> bool {
        self.points.iter().any(|p| p == abs)
    }

    /// The mount point holding the absolute, clean name `abs`: the
    /// longest one that is a prefix of it.
    pub fn point_of(&self, abs: &str) -> &str {
        self.head_in(abs, self.mounts.len())
            .map_or("/", |i| self.mounts[i].point.as_str())
    }

    /// Among the first `limit` mounts, the index of the first member of
    /// the mount point holding `abs`.
    fn head_in(&self, abs: &str, limit: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (i, m) in self.mounts[..limit].iter().enumerate() {
            let longer = best.is_none_or(|b| m.point.len() > self.mounts[b].point.len());
            if is_under(&m.point, abs) && longer {
                best = Some(i);
            }
        }
        best
    }

    /// The device or server the file named `abs` lives on (`#/`, `#t`, a
    /// /srv name), following binds of directories to where they led when
    /// they were made (a bind holds on to the directory, as on Plan 9).
    pub fn device_of(&self, abs: &str) -> String {
        let mut path = abs.to_string();
        let mut limit = self.mounts.len();
        while let Some(i) = self.head_in(&path, limit) {
            let m = &self.mounts[i];
            if !m.is_dir_bind() {
                return m.source.clone();
            }
            let rest = if m.point == "/" {
                &path[..]
            } else {
                &path[m.point.len()..]
            };
            path = format!("{}/{}", m.source.trim_end_matches('/'), rest.trim_start_matches('/'));
            if path.len() > 1 {
                path = path.trim_end_matches('/').to_string();
            }
            // Only what was mounted before this bind can be behind it.
            limit = i;
        }
        "#/".to_string()
    }

    /// The first member mounted on `point` (the one a union shows first).
    pub fn head(&self, point: &str) -> Option<&Mount> {
        self.mounts.iter().find(|m| m.point == point)
    }

    /// A number for the device of `abs`: its place among the namespace's
    /// devices and servers, in the order they were mounted (`#/` is 0).
    pub fn device_number(&self, abs: &str) -> usize {
        let dev = self.device_of(abs);
        let mut seen: Vec<&str> = Vec::new();
        for m in self.mounts.iter().filter(|m| !m.is_dir_bind()) {
            if !seen.contains(&m.source.as_str()) {
                seen.push(&m.source);
            }
        }
        seen.iter().position(|d| *d == dev).unwrap_or(seen.len())
    }
}

/// True if the absolute name `path` is `dir` or below it.
pub fn is_under(dir: &str, path: &str) -> bool {
    dir == "/" || path == dir || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// Whether the names `a` and `b` (with their stats) are the same file:
/// the same metadata ([`same_file`]) on the same device.
pub fn identical(p: &Proc, a: &str, sa: &Stat, b: &str, sb: &Stat) -> bool {
    if !same_file(sa, sb) {
        return false;
    }
    match (p.abs(a), p.abs(b)) {
        (Ok(x), Ok(y)) if x == y => true,
        (Ok(x), Ok(y)) => {
            let t = MountTable::load(p);
            t.device_of(&x) == t.device_of(&y)
        }
        _ => false,
    }
}

/// What `chmod`/`chown`/`chgrp` did to one file, for their `-v`/`-c` lines.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    Retained,
    Failed,
}

/// How much `chmod`/`chown`/`chgrp` report: nothing, changes (`-c`), or
/// every file (`-v`).
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Verbosity {
    Off,
    Changes,
    High,
}

impl Verbosity {
    /// Whether a file with this outcome gets a line.
    pub fn reports(self, outcome: Outcome) -> bool {
        match self {
            Verbosity::Off => false,
            Verbosity::Changes => outcome == Outcome::Changed,
            Verbosity::High => true,
        }
    }
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
    fn rc_quoted_mount_points() {
        let t = MountTable::parse("bind '/tmp/it''s' '/n/a b'\n");
        assert_eq!(t.points, ["/", "/n/a b"]);
    }

    const BOOT_NS: &str = "bind '#d' /dev\nbind -a '#f' /dev\nbind -c '#t' /tmp\nbind /bin /usr/bin\ncd /home/user\n";

    #[test]
    fn mount_lookup() {
        let t = MountTable::parse(BOOT_NS);
        assert_eq!(t.points, ["/", "/dev", "/tmp", "/usr/bin"]);
        assert_eq!(t.point_of("/home/user"), "/");
        assert_eq!(t.point_of("/dev"), "/dev");
        assert_eq!(t.point_of("/dev/null"), "/dev");
        assert_eq!(t.point_of("/devx"), "/");
        assert_eq!(t.point_of("/usr/bin/ls"), "/usr/bin");
        assert!(t.is_point("/tmp") && !t.is_point("/home"));
    }

    #[test]
    fn devices() {
        let t = MountTable::parse(BOOT_NS);
        assert_eq!(t.device_of("/"), "#/");
        assert_eq!(t.device_of("/tmp"), "#t");
        assert_eq!(t.device_of("/tmp/x"), "#t");
        assert_eq!(t.device_of("/usr/bin/ls"), "#/");
        assert_eq!(t.device_number("/home/user"), 0);
        assert_eq!(t.device_number("/dev/null"), 1);
        assert_eq!(t.device_number("/tmp"), 3);
        // A bind leads where its source led when it was made.
        let t = MountTable::parse("bind /tmp /home/user/d\nbind '#t' /tmp\n");
        assert_eq!(t.device_of("/home/user/d/x"), "#/");
        let t = MountTable::parse("bind '#t' /tmp\nbind /tmp /home/user/d\n");
        assert_eq!(t.device_of("/home/user/d/x"), "#t");
        // A bind into itself ends.
        let t = MountTable::parse("bind /a /a/b\n");
        assert_eq!(t.device_of("/a/b/c"), "#/");
    }
}
