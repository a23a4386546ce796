//! `find`: search for files in a directory hierarchy, as GNU findutils'
//! find does.
//!
//! The command line is parsed into an expression tree ([`parse`]), then
//! each starting point is walked depth-first in directory (readdir) order,
//! evaluating the expression on every file ([`eval`]). A file is only
//! statted when a test needs more than its name and kind, so a plain
//! `find . -name '*.c'` costs one readdir per directory.
//!
//! Here there are no symbolic links (`-L`, `-H`, `-P`, `-follow` change
//! nothing, `-lname` never matches, `-xtype` is `-type`) and no access
//! times (the `a` tests and `%a`/`%A` use the modification time).
//! `-xdev`/`-mount` stay on the starting point's device or server, as the
//! namespace listing tells them apart.

mod eval;
mod parse;
mod printf;

use std::collections::HashMap;

use kernel::{Errno, NodeType, Proc, Stat};

use common::cli::Cmd;
use common::files::{self, MountTable};
use common::io::{Input, Output};
use common::quotearg::quote_locale;
use common::users::Users;

use parse::{Expr, Parsed};

const HELP: &str = "Usage: find [-H] [-L] [-P] [-Olevel] [starting-point...] [expression]

Search the directory trees rooted at each starting point (default: .),
evaluating the expression on every file, left to right, and printing the
names for which it is true when it contains no action.

Operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2

Positional options (always true):
      -daystart -follow -nowarn -regextype -warn

Normal options (always true, specified before other expressions):
      -depth -files0-from FILE -maxdepth LEVELS -mindepth LEVELS
       -mount -noleaf -xdev -ignore_readdir_race -noignore_readdir_race

Tests (N can be +N or -N or N):
      -amin N -anewer FILE -atime N -cmin N -cnewer FILE -ctime N
      -empty -false -executable -gid N -group NAME -ilname PATTERN
      -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN
      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE
      -newerXY REFERENCE -nouser -nogroup -path PATTERN -perm [-/]MODE
      -readable -regex PATTERN -size N[bcwkMG] -true -type [bcdpflsD]
      -uid N -user NAME -wholename PATTERN -writable -xtype [bcdpfls]

Actions:
      -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print
      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit
      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;
      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;

Other common options:
      --help                   display this help and exit
      --version                output version information and exit

Here there are no symbolic links and no access or birth times: -L, -H,
-P and -follow change nothing, -lname and -ilname never match, -xtype is
-type, and the access-time tests and %a/%A use the modification time.
-xdev and -mount do not descend into directories of another device or
server of the namespace; %D numbers those devices.
Blocks (%b, %k, -ls) count a file's data in whole 4 KiB pages, as du
does; %F is 'unknown'.
";

/// A file being looked at: what the walk knows, and its stat once a test
/// asked for it.
pub struct FileCtx {
    pub path: String,
    /// The starting point it was found under.
    pub start: usize,
    pub depth: usize,
    pub kind: NodeType,
    pub st: Option<Stat>,
    /// The stat failed (reported once).
    pub stat_failed: bool,
}

/// One output stream: standard output, or a file of `-fprint` and friends.
pub struct Sink {
    pub name: String,
    pub out: Output,
    pub tty: bool,
}

/// Everything a run shares.
pub struct Find {
    pub p: Proc,
    pub starts: Vec<String>,
    pub sinks: Vec<Sink>,
    pub status: i32,
    pub quit: bool,
    /// -prune said not to descend into the current file.
    pub pruned: bool,
    pub depth_first: bool,
    pub mindepth: usize,
    pub maxdepth: usize,
    pub ignore_race: bool,
    pub xdev: bool,
    /// The namespace's mounts (for -xdev and %D).
    pub mounts: Option<MountTable>,
    /// -xdev: the device of the current starting point.
    pub start_dev: String,
    pub now_ms: u64,
    /// The zone times print in (`TZ`).
    pub zone: common::time::Zone,
    pub users: Option<Users>,
    pub stdin: Option<Input>,
    /// Pending `-exec ... +` argument lists, by exec node.
    pub batches: HashMap<usize, parse::Batch>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let p = cmd.p.clone();
    let args = cmd.args.clone();
    let parsed = match parse::parse(&mut cmd, &args).await {
        Ok(Parsed::Run(p)) => p,
        Ok(Parsed::Help) => return cmd.help(HELP).await,
        Ok(Parsed::Version) => return cmd.version().await,
        Err(status) => return status,
    };
    let mut sinks = vec![Sink {
        name: "standard output".into(),
        out: Output::new(p.clone(), 1),
        tty: p.fd_name(1).is_ok_and(|n| n.contains("cons")),
    }];
    sinks.extend(parsed.sinks);
    let users = if parsed.needs_users {
        Some(Users::load(&p).await)
    } else {
        None
    };
    let mounts = (parsed.xdev || parsed.needs_mounts).then(|| MountTable::load(&p));
    let mut f = Find {
        p: p.clone(),
        starts: parsed.starts,
        sinks,
        status: 0,
        quit: false,
        pruned: false,
        depth_first: parsed.depth_first,
        mindepth: parsed.mindepth,
        maxdepth: parsed.maxdepth,
        ignore_race: parsed.ignore_race,
        xdev: parsed.xdev,
        mounts,
        zone: common::time::Zone::of(&p),
        start_dev: String::new(),
        now_ms: parsed.now_ms,
        users,
        stdin: None,
        batches: HashMap::new(),
    };
    let expr = parsed.expr;
    for i in 0..f.starts.len() {
        if f.quit {
            break;
        }
        f.walk(&expr, i).await;
    }
    f.flush_batches(&expr).await;
    let mut status = f.status;
    for (i, s) in f.sinks.iter_mut().enumerate() {
        if let Err(e) = s.out.flush().await
            && !e.is(Errno::EPIPE)
        {
            let mut msg = format!("find: {}: {}\n", quote_locale(&s.name), e.strerror());
            if i == 0 {
                // And what closing standard output adds, as GNU's close_stdout.
                msg.push_str(&format!("find: write error: {}\n", e.strerror()));
            }
            let _ = f.p.write(2, msg.as_bytes()).await;
            status = 1;
        }
    }
    status
}

/// A child path: GNU adds no slash after one that ends in `/`.
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

enum Step {
    Visit(FileCtx),
    /// -depth: the directory itself, after its contents.
    After(FileCtx),
}

impl Find {
    /// `find: msg` on stderr, after what is pending on stdout (as glibc's
    /// error() flushes it).
    pub async fn error(&mut self, msg: impl std::fmt::Display) {
        let _ = self.sinks[0].out.flush().await;
        let text = format!("find: {msg}\n");
        let _ = self.p.write(2, text.as_bytes()).await;
    }

    async fn walk(&mut self, expr: &Expr, start: usize) {
        let path = self.starts[start].clone();
        let st = match files::stat(&self.p, &path).await {
            Ok(st) => st,
            Err(e) => {
                self.error(format!("{}: {}", quote_locale(&path), e.strerror())).await;
                self.status = 1;
                return;
            }
        };
        if self.xdev {
            self.start_dev = self.device_of(&path);
        }
        let root = FileCtx {
            path,
            start,
            depth: 0,
            kind: st.kind,
            st: Some(st),
            stat_failed: false,
        };
        let mut stack = vec![Step::Visit(root)];
        // The directories above the one being visited, with their devices:
        // a directory that is one of them again is a loop (a bind of a
        // directory beneath itself), found by qid as GNU finds it by
        // dev/ino.
        let mut above: Vec<(String, String, Stat)> = Vec::new();
        while let Some(step) = stack.pop() {
            if self.quit {
                return;
            }
            match step {
                Step::After(mut f) => self.visit(expr, &mut f).await,
                Step::Visit(mut f) => {
                    if f.kind == NodeType::Dir {
                        above.truncate(f.depth);
                        if let Some(st) = self.stat(&mut f).await.cloned() {
                            let dev = self.device_of_loaded(&f.path);
                            if let Some((first, _, _)) =
                                above.iter().find(|(_, d, a)| *d == dev && files::same_file(a, &st))
                            {
                                let msg = format!(
                                    "File system loop detected; {} is part of the same file system loop as {}.",
                                    quote_locale(&f.path),
                                    quote_locale(first)
                                );
                                self.error(msg).await;
                                self.status = 1;
                                continue;
                            }
                            above.push((f.path.clone(), dev, st));
                        }
                    }
                    self.pruned = false;
                    if !self.depth_first {
                        self.visit(expr, &mut f).await;
                        if self.quit {
                            return;
                        }
                    }
                    let descend = f.kind == NodeType::Dir && f.depth < self.maxdepth && !self.pruned;
                    let descend = descend && !(f.depth > 0 && self.crosses_mount(&f.path));
                    if !descend {
                        if self.depth_first {
                            self.visit(expr, &mut f).await;
                        }
                        continue;
                    }
                    let entries = match self.p.readdir(&f.path).await {
                        Ok(e) => e,
                        Err(e) => {
                            self.error(format!("{}: {}", quote_locale(&f.path), e.strerror())).await;
                            self.status = 1;
                            Vec::new()
                        }
                    };
                    let (path, start, depth) = (f.path.clone(), f.start, f.depth);
                    if self.depth_first {
                        stack.push(Step::After(f));
                    }
                    for e in entries.into_iter().rev() {
                        stack.push(Step::Visit(FileCtx {
                            path: join(&path, &e.name),
                            start,
                            depth: depth + 1,
                            kind: e.kind,
                            st: None,
                            stat_failed: false,
                        }));
                    }
                }
            }
        }
    }

    /// The device or server a name lives on.
    pub fn device_of(&self, path: &str) -> String {
        match (&self.mounts, self.p.abs(path)) {
            (Some(m), Ok(abs)) => m.device_of(&abs),
            _ => String::new(),
        }
    }

    /// The device a name lives on, the mount table read on first use.
    fn device_of_loaded(&mut self, path: &str) -> String {
        if self.mounts.is_none() {
            self.mounts = Some(MountTable::load(&self.p));
        }
        self.device_of(path)
    }

    /// -xdev: is this directory on another device than the starting point?
    fn crosses_mount(&self, path: &str) -> bool {
        self.xdev && self.device_of(path) != self.start_dev
    }

    async fn visit(&mut self, expr: &Expr, f: &mut FileCtx) {
        if f.depth < self.mindepth {
            return;
        }
        self.eval(expr, f).await;
    }

    /// The file's stat, fetched on first use; `None` if it failed.
    pub async fn stat<'a>(&mut self, f: &'a mut FileCtx) -> Option<&'a Stat> {
        if f.st.is_none() && !f.stat_failed {
            match self.p.stat(&f.path).await {
                Ok(st) => f.st = Some(st),
                Err(e) => {
                    f.stat_failed = true;
                    if !(self.ignore_race && e.is(Errno::ENOENT)) {
                        self.error(format!("{}: {}", quote_locale(&f.path), e.strerror())).await;
                        self.status = 1;
                    }
                }
            }
        }
        f.st.as_ref()
    }

    /// Link count as a Unix file system has it: 2 + subdirectories for a
    /// directory, 1 otherwise.
    pub async fn nlink(&mut self, f: &FileCtx) -> u64 {
        if f.kind != NodeType::Dir {
            return 1;
        }
        match self.p.readdir(&f.path).await {
            Ok(es) => 2 + es.iter().filter(|e| e.kind == NodeType::Dir).count() as u64,
            Err(_) => 2,
        }
    }

    pub fn users(&self) -> Option<&Users> {
        self.users.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join("d", "x"), "d/x");
        assert_eq!(join("d/", "x"), "d/x");
        assert_eq!(join("d//", "x"), "d//x");
        assert_eq!(join("/", "x"), "/x");
    }
}
