//! Evaluating find's expression on one file: tests, then actions.

use std::future::Future;
use std::pin::Pin;

use kernel::{Errno, NodeType, OpenFlags, SpawnOpts, Stat};

use super::parse::{Access, Action, Batch, Cmp, Exec, Expr, PermKind, Test, TimeField};
use super::printf::{self, Field, Format, Seg};
use super::{FileCtx, Find};
use common::files;
use common::mode::mode_string;
use common::quotearg::quote_locale;
use common::spawn::spawn_command;
use common::time::{self, Zone};

/// Room for `-exec ... {} +` command lines, as xargs' default.
const BATCH_CHARS: usize = 128 * 1024;

type BoxBool<'a> = Pin<Box<dyn Future<Output = bool> + Send + 'a>>;

/// The last part of a path, trailing slashes aside (`-name` looks at it).
fn base_for_match(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return if path.is_empty() { "" } else { "/" };
    }
    match t.rfind('/') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}

/// gnulib's `base_name`: the last part, keeping one trailing slash.
fn base_name(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    if t.is_empty() {
        return if path.is_empty() { "" } else { "/" };
    }
    let start = t.rfind('/').map_or(0, |i| i + 1);
    let end = if path.len() > t.len() { t.len() + 1 } else { t.len() };
    &path[start..end]
}

/// `%h`: what precedes the name `%f` shows, its trailing slashes cut
/// (`a/b/`, `a//b` and `/tmp/a//` give `a`, `a/` and `/tmp`, `/x` gives
/// the empty string); a name with nothing before it is cut at its last slash, as
/// GNU find does (`a/` gives `a`, `//` gives `/`, `/` the empty string),
/// and a name without a slash gives `.`.
fn dir_part(path: &str) -> &str {
    let t = path.trim_end_matches('/');
    let start = if t.is_empty() {
        0
    } else {
        t.rfind('/').map_or(0, |i| i + 1)
    };
    if start > 0 {
        // Only the slash before the name goes: `a//b` gives `a/`.
        return &path[..start - 1];
    }
    match path.rfind('/') {
        None => ".",
        Some(i) => &path[..i],
    }
}

fn secs(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

fn time_of(st: &Stat, field: TimeField) -> u64 {
    match field {
        TimeField::M => st.mtime,
        TimeField::C => st.ctime(),
    }
}

/// `Sat Nov 22 04:03:57.1234567890 2026`: GNU find's %t (with its
/// trailing tenth digit).
fn ctime_text(ms: u64, zone: &Zone) -> String {
    let (s, ns) = ((ms / 1000) as i64, ((ms % 1000) * 1_000_000) as u32);
    format!(
        "{}.{ns:09}0 {}",
        time::format_in("%a %b %e %H:%M:%S", s, ns, zone),
        time::format_in("%Y", s, ns, zone)
    )
}

fn time_field_text(ms: u64, k: u8, zone: &Zone) -> String {
    let (s, ns) = ((ms / 1000) as i64, ((ms % 1000) * 1_000_000) as u32);
    let local = |f: &str, s, ns| time::format_in(f, s, ns, zone);
    match k {
        b'@' => format!("{s}.{ns:09}0"),
        b'+' => format!("{}.{ns:09}0", local("%Y-%m-%d+%H:%M:%S", s, ns)),
        b'S' => format!("{}.{ns:09}0", local("%S", s, ns)),
        b'T' => format!("{}.{ns:09}0", local("%H:%M:%S", s, ns)),
        k => local(&format!("%{}", k as char), s, ns),
    }
}

impl Find {
    pub fn eval<'a>(&'a mut self, e: &'a Expr, f: &'a mut FileCtx) -> BoxBool<'a> {
        Box::pin(async move {
            match e {
                Expr::And(list) => {
                    for (i, e) in list.iter().enumerate() {
                        if (i > 0 && self.quit) || !self.eval(e, f).await {
                            return false;
                        }
                    }
                    true
                }
                Expr::Or(list) => {
                    for (i, e) in list.iter().enumerate() {
                        if i > 0 && self.quit {
                            return false;
                        }
                        if self.eval(e, f).await {
                            return true;
                        }
                    }
                    false
                }
                Expr::Comma(list) => {
                    let mut last = false;
                    for (i, e) in list.iter().enumerate() {
                        if i > 0 && self.quit {
                            return false;
                        }
                        last = self.eval(e, f).await;
                    }
                    last
                }
                Expr::Not(a) => !self.eval(a, f).await,
                Expr::True => true,
                Expr::False => false,
                Expr::Test(t) => self.test(t, f).await,
                Expr::Action(a) => self.act(a, f).await,
            }
        })
    }

    async fn test(&mut self, t: &Test, f: &mut FileCtx) -> bool {
        match t {
            Test::Name(g) => g.matches(base_for_match(&f.path)),
            Test::Path(g) => g.matches(&f.path),
            Test::Regex(re) => {
                let hay = f.path.as_bytes();
                re.find_at(hay, 0) == Some((0, hay.len()))
            }
            Test::Type(kinds) => kinds.contains(&f.kind),
            Test::Empty => match f.kind {
                NodeType::Dir => match self.p.readdir(&f.path).await {
                    Ok(es) => es.is_empty(),
                    Err(e) => {
                        self.error(format!("{}: {}", quote_locale(&f.path), e.strerror())).await;
                        self.status = 1;
                        false
                    }
                },
                NodeType::File => self.stat(f).await.is_some_and(|s| s.size == 0),
                NodeType::Device => false,
            },
            Test::Links(cmp, n) => {
                let links = self.nlink(f).await;
                cmp.test(links, *n)
            }
            _ => {
                let now = self.now_ms;
                let caller = self.p.caller();
                let Some(st) = self.stat(f).await.cloned() else {
                    return false;
                };
                self.stat_test(t, &st, now, caller)
            }
        }
    }

    /// Tests that look at the stat.
    fn stat_test(&self, t: &Test, st: &Stat, _now: u64, caller: kernel::Caller) -> bool {
        match t {
            Test::Time {
                field,
                cmp,
                reference,
                window,
            } => {
                let ts = secs(time_of(st, *field));
                match cmp {
                    Cmp::Gt => ts > *reference,
                    Cmp::Lt => ts < *reference,
                    Cmp::Eq => {
                        let delta = ts - reference;
                        delta > 0.0 && delta <= *window
                    }
                }
            }
            Test::Newer { field, reference } => secs(time_of(st, *field)) > *reference,
            Test::Size { cmp, n, unit } => cmp.test(st.size.div_ceil(*unit), *n),
            Test::Perm { kind, file, dir } => {
                let mode = st.mode() & 0o7777;
                let want = if st.is_dir() { *dir } else { *file };
                match kind {
                    PermKind::Exact => mode == want,
                    PermKind::AtLeast => mode & want == want,
                    PermKind::Any => want == 0 || mode & want != 0,
                }
            }
            Test::Uid(cmp, n) => cmp.test(u64::from(st.uid()), *n),
            Test::Gid(cmp, n) => cmp.test(u64::from(st.gid()), *n),
            Test::NoUser => self.users().is_some_and(|u| u.user_name(st.uid()).is_none()),
            Test::NoGroup => self.users().is_some_and(|u| u.group_name(st.gid()).is_none()),
            Test::Inum(cmp, n) => cmp.test(st.qid, *n),
            Test::Access(a) => access(st, caller, *a),
            _ => false,
        }
    }

    async fn act(&mut self, a: &Action, f: &mut FileCtx) -> bool {
        match a {
            Action::Print(sink) => {
                let mut line = self.shown(*sink, &f.path);
                line.push(b'\n');
                self.sinks[*sink].out.write(&line).await;
                true
            }
            Action::Print0(sink) => {
                let mut line = f.path.as_bytes().to_vec();
                line.push(0);
                self.sinks[*sink].out.write(&line).await;
                true
            }
            Action::Printf(sink, fmt) => {
                let text = self.render(fmt, f).await;
                self.sinks[*sink].out.write(&text).await;
                true
            }
            Action::Ls(sink) => {
                let line = self.ls_line(f).await;
                if let Some(line) = line {
                    self.sinks[*sink].out.write(&line).await;
                }
                true
            }
            Action::Delete => self.delete(f).await,
            Action::Prune => {
                self.pruned = true;
                true
            }
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Exec(x) => self.exec(x, f).await,
        }
    }

    /// A name as -print shows it: on the console, unprintable bytes are
    /// `?`.
    fn shown(&self, sink: usize, path: &str) -> Vec<u8> {
        let mut b = path.as_bytes().to_vec();
        if self.sinks[sink].tty {
            for c in b.iter_mut() {
                if *c < 0x20 || *c == 0x7f {
                    *c = b'?';
                }
            }
        }
        b
    }

    async fn delete(&mut self, f: &mut FileCtx) -> bool {
        if f.path == "." {
            return true;
        }
        match self.p.remove(&f.path).await {
            Ok(()) => true,
            Err(e) if e.is(Errno::ENOENT) && self.ignore_race => true,
            Err(e) => {
                self.error(format!("cannot delete {}: {}", quote_locale(&f.path), e.strerror()))
                    .await;
                self.status = 1;
                false
            }
        }
    }

    /// `-ls`: GNU's `ls -dils`-like line.
    async fn ls_line(&mut self, f: &mut FileCtx) -> Option<Vec<u8>> {
        let nlink = self.nlink(f).await;
        let now = self.now_ms;
        let st = self.stat(f).await?.clone();
        let users = self.users();
        let user = users
            .and_then(|u| u.user_name(st.uid()))
            .map_or_else(|| st.uid().to_string(), str::to_string);
        let group = users
            .and_then(|u| u.group_name(st.gid()))
            .map_or_else(|| st.gid().to_string(), str::to_string);
        let blocks = files::allocated(&st) / 1024;
        const HALF_YEAR_MS: u64 = 31_556_952 / 2 * 1000;
        let recent = st.mtime <= now && now - st.mtime <= HALF_YEAR_MS;
        let fmt = if recent { "%b %e %H:%M" } else { "%b %e  %Y" };
        let date = time::format_in(fmt, (st.mtime / 1000) as i64, 0, &self.zone);
        let line = format!(
            "{:>9} {:>6} {} {:>3} {:<8} {:<8} {:>8} {} ",
            st.qid,
            blocks,
            mode_string(st.kind, st.mode()),
            nlink,
            user,
            group,
            st.size,
            date
        );
        let mut out = line.into_bytes();
        out.extend_from_slice(&self.shown(0, &f.path));
        out.push(b'\n');
        Some(out)
    }

    /// A `-printf` format for one file.
    async fn render(&mut self, fmt: &Format, f: &mut FileCtx) -> Vec<u8> {
        let mut out = Vec::new();
        for seg in &fmt.segs {
            match seg {
                Seg::Lit(b) => out.extend_from_slice(b),
                Seg::Stop => break,
                Seg::Dir(flags, field) => {
                    let text = self.field(*field, flags, f).await;
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        out
    }

    async fn field(&mut self, field: Field, flags: &str, f: &mut FileCtx) -> String {
        let start = self.starts[f.start].clone();
        let s = |v: &str| printf::text(v, flags);
        match field {
            Field::Path => s(&f.path),
            Field::Base => s(base_name(&f.path)),
            Field::Dir => s(dir_part(&f.path)),
            Field::Start => s(&start),
            Field::Relative => {
                let rest = f.path.strip_prefix(start.as_str()).unwrap_or(&f.path);
                s(rest.trim_start_matches('/'))
            }
            Field::Depth => printf::decimal(f.depth as i64, flags),
            Field::Type => s(match f.kind {
                NodeType::File => "f",
                NodeType::Dir => "d",
                NodeType::Device => "c",
            }),
            Field::Links => {
                let n = self.nlink(f).await;
                s(&n.to_string())
            }
            Field::Device => {
                let n = match (&self.mounts, self.p.abs(&f.path)) {
                    (Some(m), Ok(abs)) => m.device_number(&abs),
                    _ => 0,
                };
                s(&n.to_string())
            }
            Field::FsType => s("unknown"),
            Field::LinkTarget | Field::Context => s(""),
            _ => {
                let Some(st) = self.stat(f).await.cloned() else {
                    return String::new();
                };
                self.stat_field(field, flags, &st)
            }
        }
    }

    fn stat_field(&self, field: Field, flags: &str, st: &Stat) -> String {
        let s = |v: &str| printf::text(v, flags);
        let kib = files::allocated(st) / 1024;
        match field {
            Field::Size => s(&st.size.to_string()),
            Field::Blocks512 => s(&(kib * 2).to_string()),
            Field::Blocks1k => s(&kib.to_string()),
            Field::ModeOctal => printf::octal(st.mode() & 0o7777, flags),
            Field::ModeText => s(&mode_string(st.kind, st.mode())),
            Field::Inode => s(&st.qid.to_string()),
            Field::Uid => s(&st.uid().to_string()),
            Field::Gid => s(&st.gid().to_string()),
            Field::User => s(&self
                .users()
                .and_then(|u| u.user_name(st.uid()))
                .map_or_else(|| st.uid().to_string(), str::to_string)),
            Field::Group => s(&self
                .users()
                .and_then(|u| u.group_name(st.gid()))
                .map_or_else(|| st.gid().to_string(), str::to_string)),
            Field::Sparseness => {
                let v = if st.size == 0 {
                    1.0
                } else {
                    (kib * 1024) as f64 / st.size as f64
                };
                printf::general(v, flags)
            }
            Field::Time(which, k) => {
                let ms = if which == b'c' { st.ctime() } else { st.mtime };
                match k {
                    None => s(&ctime_text(ms, &self.zone)),
                    Some(k) => s(&time_field_text(ms, k, &self.zone)),
                }
            }
            _ => String::new(),
        }
    }

    /// `-exec`, `-execdir`, `-ok`, `-okdir`.
    async fn exec(&mut self, x: &Exec, f: &mut FileCtx) -> bool {
        let (arg, cwd) = if x.in_dir {
            // The name keeps one trailing slash, as GNU's base_name.
            let dir = dir_part(f.path.trim_end_matches('/')).to_string();
            let base = base_name(&f.path);
            (
                if base.starts_with('/') {
                    base.to_string()
                } else {
                    format!("./{base}")
                },
                Some(dir),
            )
        } else {
            (f.path.clone(), None)
        };
        if x.plus {
            self.add_to_batch(x, arg, cwd).await;
            return true;
        }
        if x.ask && !self.ask(&x.argv[0], &f.path).await {
            return false;
        }
        let argv: Vec<String> = x.argv.iter().map(|a| a.replace("{}", &arg)).collect();
        match self.run(argv, cwd, x.ask).await {
            Some(code) => code == 0,
            None => false,
        }
    }

    /// `-ok`: ask on stderr, read the answer from stdin.
    async fn ask(&mut self, program: &str, path: &str) -> bool {
        let _ = self.sinks[0].out.flush().await;
        let prompt = format!("< {program} ... {path} > ? ");
        let _ = self.p.write(2, prompt.as_bytes()).await;
        let p = self.p.clone();
        let input = self.stdin.get_or_insert_with(|| common::io::Input::from_fd(0));
        let mut line = Vec::new();
        match input.read_line(&p, &mut line).await {
            Ok(true) => matches!(line.first(), Some(b'y' | b'Y')),
            _ => false,
        }
    }

    async fn add_to_batch(&mut self, x: &Exec, arg: String, cwd: Option<String>) {
        let needs_flush = match self.batches.get(&x.id) {
            Some(b) => b.dir != cwd || b.chars + arg.len() + 1 > BATCH_CHARS,
            None => false,
        };
        if needs_flush && let Some(b) = self.batches.remove(&x.id) {
            self.run_batch(b).await;
        }
        let b = self.batches.entry(x.id).or_insert_with(|| {
            let template: Vec<String> = x.argv.clone();
            let chars = template.iter().map(|a| a.len() + 1).sum();
            Batch {
                template,
                dir: cwd,
                args: Vec::new(),
                chars,
            }
        });
        b.chars += arg.len() + 1;
        b.args.push(arg);
    }

    async fn run_batch(&mut self, b: Batch) {
        if b.args.is_empty() {
            return;
        }
        let mut argv = b.template;
        argv.extend(b.args);
        match self.run(argv, b.dir, false).await {
            Some(0) => {}
            _ => self.status = 1,
        }
    }

    /// Run what `-exec ... +` gathered.
    pub async fn flush_batches(&mut self, _expr: &Expr) {
        let mut ids: Vec<usize> = self.batches.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            if let Some(b) = self.batches.remove(&id) {
                self.run_batch(b).await;
            }
        }
    }

    /// Run a command and wait for it; `None` if it could not be run (the
    /// error is reported).
    async fn run(&mut self, argv: Vec<String>, cwd: Option<String>, stdin_null: bool) -> Option<i32> {
        // What find printed so far comes before what the command prints.
        for s in self.sinks.iter_mut() {
            let _ = s.out.flush().await;
        }
        let mut null = None;
        if stdin_null && let Ok(fd) = self.p.open("/dev/null", OpenFlags::READ).await {
            null = Some(fd);
        }
        let opts = SpawnOpts {
            argv: argv.clone(),
            cwd,
            fd_map: null.map(|fd| vec![(0, Some(fd))]).unwrap_or_default(),
            ..Default::default()
        };
        let r = spawn_command(&self.p, opts).await;
        if let Some(fd) = null {
            let _ = self.p.close(fd).await;
        }
        match r {
            Ok(pid) => match self.p.wait(pid).await {
                Ok(st) => Some(st.code),
                Err(_) => Some(1),
            },
            Err(e) => {
                self.error(format!("{}: {}", quote_locale(&argv[0]), e.strerror()))
                    .await;
                None
            }
        }
    }
}

/// access(2) for the caller: root reads and writes anything and runs
/// anything with an x bit (or searches any directory).
fn access(st: &Stat, who: kernel::Caller, a: Access) -> bool {
    let mode = st.mode();
    if who.uid == 0 {
        return match a {
            Access::Read | Access::Write => true,
            Access::Exec => st.is_dir() || mode & 0o111 != 0,
        };
    }
    let shift = if who.uid == st.uid() {
        6
    } else if who.gid == st.gid() {
        3
    } else {
        0
    };
    let bit = match a {
        Access::Read => 4,
        Access::Write => 2,
        Access::Exec => 1,
    };
    (mode >> shift) & bit != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts() {
        assert_eq!(base_for_match("d/"), "d");
        assert_eq!(base_for_match("./a/b"), "b");
        assert_eq!(base_for_match("/"), "/");
        assert_eq!(base_name("d//"), "d/");
        assert_eq!(base_name("d/b"), "b");
        assert_eq!(base_name("."), ".");
        assert_eq!(dir_part("d//b"), "d/");
        assert_eq!(dir_part("d/"), "d");
        assert_eq!(dir_part("a"), ".");
        assert_eq!(dir_part("/etc"), "", "GNU find: `find /etc -printf %h` is empty");
        assert_eq!(dir_part("a/b//"), "a");
    }

    #[test]
    fn times() {
        let ms = 1_583_298_367_123;
        let utc = Zone::utc();
        assert_eq!(ctime_text(ms, &utc), "Wed Mar  4 05:06:07.1230000000 2020");
        assert_eq!(time_field_text(ms, b'@', &utc), "1583298367.1230000000");
        assert_eq!(time_field_text(ms, b'+', &utc), "2020-03-04+05:06:07.1230000000");
        assert_eq!(time_field_text(ms, b'k', &utc), " 5");
    }
}
