//! find's command line: options, starting points, and the expression,
//! parsed into a tree with GNU's precedence and messages.

use kernel::{NodeType, OpenFlags};

use super::Sink;
use super::printf::Format;
use common::bytes::from_os;
use common::cli::Cmd;
use common::io::Output;
use common::mode::ModeChange;
use common::pattern::Pattern;
use common::quotearg::quote_locale;
use common::regex::{Options, Regex, Syntax};
use common::time;
use common::users::Users;

const DAY: f64 = 86400.0;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Eq,
    Gt,
}

impl Cmp {
    pub fn test(self, value: u64, n: u64) -> bool {
        match self {
            Cmp::Lt => value < n,
            Cmp::Eq => value == n,
            Cmp::Gt => value > n,
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TimeField {
    /// Modification time (also standing in for the access time).
    M,
    C,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum PermKind {
    Exact,
    AtLeast,
    Any,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    Exec,
}

/// A shell pattern for -name and -path, with -iname's case folding.
pub struct Glob {
    pub pat: Pattern,
    pub icase: bool,
}

impl Glob {
    fn new(text: &str, icase: bool) -> Glob {
        let t = from_os(text);
        let t = if icase { t.to_ascii_lowercase() } else { t };
        Glob {
            pat: Pattern::parse(&t),
            icase,
        }
    }

    pub fn matches(&self, s: &str) -> bool {
        let s = from_os(s);
        if self.icase {
            self.pat.matches(&s.to_ascii_lowercase())
        } else {
            self.pat.matches(&s)
        }
    }
}

pub enum Test {
    Name(Glob),
    Path(Glob),
    Regex(Regex),
    /// Kinds that can match (`-type f,d`); letters for kinds that do not
    /// exist here match nothing.
    Type(Vec<NodeType>),
    /// GNU's time window: the comparison (already inverted for "age"),
    /// the reference in seconds, and the window for `Eq`.
    Time {
        field: TimeField,
        cmp: Cmp,
        reference: f64,
        window: f64,
    },
    Newer {
        field: TimeField,
        reference: f64,
    },
    Size {
        cmp: Cmp,
        n: u64,
        unit: u64,
    },
    Empty,
    Perm {
        kind: PermKind,
        file: u32,
        dir: u32,
    },
    Uid(Cmp, u64),
    Gid(Cmp, u64),
    NoUser,
    NoGroup,
    Links(Cmp, u64),
    Inum(Cmp, u64),
    Access(Access),
}

pub enum Action {
    Print(usize),
    Print0(usize),
    Printf(usize, Format),
    Ls(usize),
    Delete,
    Exec(Exec),
    Prune,
    Quit,
}

/// `-exec` and friends.
pub struct Exec {
    pub id: usize,
    /// The command with its `{}`s still in it.
    pub argv: Vec<String>,
    /// `{} +`: gather names into one command line.
    pub plus: bool,
    /// `-execdir`: run in the file's directory with `./name`.
    pub in_dir: bool,
    /// `-ok`: ask first.
    pub ask: bool,
}

/// A pending `-exec ... {} +` command line.
pub struct Batch {
    pub template: Vec<String>,
    pub dir: Option<String>,
    pub args: Vec<String>,
    pub chars: usize,
}

pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Comma(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    True,
    False,
    Test(Test),
    Action(Action),
}

pub struct Setup {
    pub starts: Vec<String>,
    pub expr: Expr,
    pub sinks: Vec<Sink>,
    pub depth_first: bool,
    pub mindepth: usize,
    pub maxdepth: usize,
    pub ignore_race: bool,
    pub xdev: bool,
    pub now_ms: u64,
    pub needs_users: bool,
    /// %D needs the namespace's devices.
    pub needs_mounts: bool,
}

pub enum Parsed {
    Run(Box<Setup>),
    Help,
    Version,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum RegexType {
    Emacs,
    Basic,
    Extended,
}

const REGEX_TYPES: &[(&str, RegexType)] = &[
    ("findutils-default", RegexType::Emacs),
    ("ed", RegexType::Basic),
    ("emacs", RegexType::Emacs),
    ("gnu-awk", RegexType::Extended),
    ("grep", RegexType::Basic),
    ("posix-awk", RegexType::Extended),
    ("awk", RegexType::Extended),
    ("posix-basic", RegexType::Basic),
    ("posix-egrep", RegexType::Extended),
    ("egrep", RegexType::Extended),
    ("posix-extended", RegexType::Extended),
    ("posix-minimal-basic", RegexType::Basic),
    ("sed", RegexType::Basic),
];

/// Whether an argument starts the expression (GNU's
/// `looks_like_expression`): `-x`, `(`, `!`, and, after the first
/// starting point, `)` and `,`.
fn looks_like_expression(arg: &str, leading: bool) -> bool {
    match arg.as_bytes() {
        [b'-', _, ..] => true,
        [b')' | b','] => !leading,
        [b'!' | b'('] => true,
        _ => false,
    }
}

/// Options that apply to the whole run wherever they appear (GNU warns
/// when they follow a test).
const GLOBAL_OPTIONS: &[&str] = &[
    "-depth",
    "-d",
    "-maxdepth",
    "-mindepth",
    "-mount",
    "-xdev",
    "-noleaf",
    "-ignore_readdir_race",
    "-noignore_readdir_race",
];

struct Parser<'a> {
    cmd: &'a mut Cmd,
    toks: &'a [String],
    pos: usize,
    regex_type: RegexType,
    warnings: bool,
    /// Start of "today" for time tests (now - 1 day, or midnight with
    /// -daystart).
    day_start: f64,
    now: f64,
    users: Option<Users>,
    needs_users: bool,
    needs_mounts: bool,
    sinks: Vec<Sink>,
    exec_count: usize,
    has_action: bool,
    has_prune: bool,
    has_delete: bool,
    depth_set: bool,
    depth_first: bool,
    mindepth: usize,
    maxdepth: usize,
    ignore_race: bool,
    xdev: bool,
    /// The last test or action seen (for the option-order warning).
    last_non_option: Option<String>,
    /// `-help`/`-version` met.
    info: Option<Parsed>,
}

type R<T> = Result<T, String>;

pub async fn parse(cmd: &mut Cmd, args: &[String]) -> Result<Parsed, i32> {
    let mut i = 0;
    // Leading options: -H -L -P (no symbolic links here), -O level, -D.
    while i < args.len() {
        match args[i].as_str() {
            "-H" | "-L" | "-P" => i += 1,
            "--" => {
                i += 1;
                break;
            }
            "--help" if i == 0 => return Ok(Parsed::Help),
            "--version" if i == 0 => return Ok(Parsed::Version),
            "-D" => {
                cmd.error("debug options are not supported").await;
                return Err(1);
            }
            a if a.starts_with("-O") && a[2..].bytes().all(|b| b.is_ascii_digit()) => i += 1,
            _ => break,
        }
    }
    let mut starts = Vec::new();
    while i < args.len() && !looks_like_expression(&args[i], true) {
        starts.push(args[i].clone());
        i += 1;
    }
    if starts.is_empty() {
        starts.push(".".to_string());
    }
    let now_ms = cmd.p.now_ms();
    let now = now_ms as f64 / 1000.0;
    let warnings = cmd.p.fd_name(0).is_ok_and(|n| n.contains("cons"));
    let toks = &args[i..];
    let mut p = Parser {
        cmd,
        toks,
        pos: 0,
        regex_type: RegexType::Emacs,
        warnings,
        day_start: now - DAY,
        now,
        users: None,
        needs_users: false,
        needs_mounts: false,
        sinks: Vec::new(),
        exec_count: 0,
        has_action: false,
        has_prune: false,
        has_delete: false,
        depth_set: false,
        depth_first: false,
        mindepth: 0,
        maxdepth: usize::MAX,
        ignore_race: false,
        xdev: false,
        last_non_option: None,
        info: None,
    };
    let expr = match p.top().await {
        Ok(e) => e,
        Err(msg) => {
            if let Some(info) = p.info.take() {
                return Ok(info);
            }
            if !msg.is_empty() {
                p.cmd.error(msg).await;
            }
            return Err(1);
        }
    };
    if let Some(info) = p.info.take() {
        return Ok(info);
    }
    if p.has_delete && p.has_prune && !p.depth_set {
        p.cmd
            .error("The -delete action automatically turns on -depth, but -prune does nothing when -depth is in effect.  If you want to carry on anyway, just explicitly use the -depth option.")
            .await;
        return Err(1);
    }
    let expr = if p.has_action {
        expr
    } else {
        and(expr, Expr::Action(Action::Print(0)))
    };
    Ok(Parsed::Run(Box::new(Setup {
        starts,
        expr,
        sinks: p.sinks,
        depth_first: p.depth_first || p.has_delete,
        mindepth: p.mindepth,
        maxdepth: p.maxdepth,
        ignore_race: p.ignore_race,
        xdev: p.xdev,
        now_ms,
        needs_users: p.needs_users,
        needs_mounts: p.needs_mounts,
    })))
}

fn and(a: Expr, b: Expr) -> Expr {
    match a {
        Expr::True => b,
        a => Expr::And(Box::new(a), Box::new(b)),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }

    fn next(&mut self) -> Option<String> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    async fn top(&mut self) -> R<Expr> {
        if self.toks.is_empty() {
            return Ok(Expr::True);
        }
        let e = self.comma().await?;
        if self.info.is_some() {
            return Err(String::new());
        }
        match self.peek() {
            None => Ok(e),
            Some(")") => Err("you have too many ')'".into()),
            Some(t) => Err(format!("paths must precede expression: `{t}'")),
        }
    }

    async fn comma(&mut self) -> R<Expr> {
        let mut left = Box::pin(self.or()).await?;
        while self.peek() == Some(",") {
            self.pos += 1;
            self.need_operand(",")?;
            let right = Box::pin(self.or()).await?;
            left = Expr::Comma(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn need_operand(&self, op: &str) -> R<()> {
        match self.peek() {
            None => Err(format!("expected an expression after '{op}'")),
            Some(")") => Err(format!("expected an expression between '{op}' and ')'")),
            _ => Ok(()),
        }
    }

    async fn or(&mut self) -> R<Expr> {
        let mut left = self.and().await?;
        while let Some(op @ ("-o" | "-or")) = self.peek() {
            let op = op.to_string();
            self.pos += 1;
            self.need_operand(&op)?;
            let right = self.and().await?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    async fn and(&mut self) -> R<Expr> {
        let mut left = self.not().await?;
        loop {
            match self.peek() {
                Some(op @ ("-a" | "-and")) => {
                    let op = op.to_string();
                    self.pos += 1;
                    self.need_operand(&op)?;
                }
                Some(")" | "," | "-o" | "-or") | None => break,
                Some(_) => {}
            }
            let right = self.not().await?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    async fn not(&mut self) -> R<Expr> {
        if let Some(op @ ("!" | "-not")) = self.peek() {
            let op = op.to_string();
            self.pos += 1;
            self.need_operand(&op)?;
            let inner = Box::pin(self.not()).await?;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary().await
    }

    async fn primary(&mut self) -> R<Expr> {
        let Some(t) = self.next() else {
            return Err("expected an expression".into());
        };
        match t.as_str() {
            "(" => {
                match self.peek() {
                    None => {
                        return Err("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '('".into());
                    }
                    Some(")") => return Err("invalid expression; empty parentheses are not allowed.".into()),
                    _ => {}
                }
                let e = Box::pin(self.comma()).await?;
                if self.next().as_deref() != Some(")") {
                    return Err(
                        "invalid expression; I was expecting to find a ')' somewhere but did not see one.".into(),
                    );
                }
                Ok(e)
            }
            "-o" | "-or" | "-a" | "-and" | "," => Err(format!(
                "invalid expression; you have used a binary operator '{t}' with nothing before it."
            )),
            ")" => Err("you have too many ')'".into()),
            _ if t.starts_with('-') && t.len() > 1 => self.predicate(&t).await,
            _ => Err(format!("paths must precede expression: `{t}'")),
        }
    }

    fn arg(&mut self, pred: &str) -> R<String> {
        self.next().ok_or_else(|| format!("missing argument to `{pred}'"))
    }

    async fn warn(&mut self, msg: impl std::fmt::Display) {
        if self.warnings {
            self.cmd.error(format!("warning: {msg}")).await;
        }
    }

    /// A global option after a test: GNU's warning, then the option.
    async fn global_option(&mut self, name: &str) {
        if let Some(prev) = self.last_non_option.clone() {
            self.warn(format!(
                "you have specified the global option {name} after the argument {prev}, but global options are not positional, i.e., {name} affects tests specified before it as well as those specified after it.  Please specify global options before other arguments."
            ))
            .await;
        }
    }

    async fn predicate(&mut self, name: &str) -> R<Expr> {
        if GLOBAL_OPTIONS.contains(&name) {
            self.global_option(name).await;
            return self.option(name).await;
        }
        let positional = [
            "-daystart",
            "-follow",
            "-regextype",
            "-warn",
            "-nowarn",
            "-help",
            "--help",
            "-version",
            "--version",
        ];
        if positional.contains(&name) {
            return self.option(name).await;
        }
        let e = self.test_or_action(name).await?;
        self.last_non_option = Some(name.to_string());
        Ok(e)
    }

    async fn option(&mut self, name: &str) -> R<Expr> {
        match name {
            "-depth" => {
                self.depth_first = true;
                self.depth_set = true;
            }
            "-d" => {
                self.warn("the -d option is deprecated; please use -depth instead, because the latter is a POSIX-compliant feature.")
                    .await;
                self.depth_first = true;
                self.depth_set = true;
            }
            "-maxdepth" | "-mindepth" => {
                let a = self.arg(name)?;
                if a.is_empty() || !a.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(format!(
                        "Expected a positive decimal integer argument to {name}, but got {}",
                        quote_locale(&a)
                    ));
                }
                let n: usize = a.parse().map_err(|_| format!("{a}: Numerical result out of range"))?;
                if name == "-maxdepth" {
                    self.maxdepth = n;
                } else {
                    self.mindepth = n;
                }
            }
            "-mount" | "-xdev" => self.xdev = true,
            "-noleaf" | "-follow" => {}
            "-ignore_readdir_race" => self.ignore_race = true,
            "-noignore_readdir_race" => self.ignore_race = false,
            "-daystart" => {
                // Midnight (UTC) starting today.
                let day = (self.now / DAY).floor() * DAY;
                self.day_start = day;
            }
            "-regextype" => {
                let a = self.arg(name)?;
                match REGEX_TYPES.iter().find(|(n, _)| *n == a) {
                    Some((_, t)) => self.regex_type = *t,
                    None => {
                        let names: Vec<String> = REGEX_TYPES.iter().map(|(n, _)| quote_locale(n)).collect();
                        return Err(format!(
                            "Unknown regular expression type {}; valid types are {}.",
                            quote_locale(&a),
                            names.join(", ")
                        ));
                    }
                }
            }
            "-warn" => self.warnings = true,
            "-nowarn" => self.warnings = false,
            "-help" | "--help" => {
                self.info = Some(Parsed::Help);
                return Err(String::new());
            }
            "-version" | "--version" => {
                self.info = Some(Parsed::Version);
                return Err(String::new());
            }
            _ => {}
        }
        Ok(Expr::True)
    }

    async fn test_or_action(&mut self, name: &str) -> R<Expr> {
        let test = |t| Ok(Expr::Test(t));
        match name {
            "-true" => Ok(Expr::True),
            "-false" => Ok(Expr::False),
            "-name" | "-iname" => {
                let a = self.arg(name)?;
                if a.contains('/') && a != "/" {
                    self.warn(format!(
                        "{} matches against basenames only, but the given pattern contains a directory separator ({}), thus the expression will evaluate to false all the time.  Did you mean {}?",
                        quote_locale(name),
                        quote_locale("/"),
                        quote_locale("-wholename")
                    ))
                    .await;
                }
                test(Test::Name(Glob::new(&a, name == "-iname")))
            }
            "-path" | "-wholename" | "-ipath" | "-iwholename" => {
                let a = self.arg(name)?;
                test(Test::Path(Glob::new(&a, name.starts_with("-i"))))
            }
            "-lname" | "-ilname" => {
                // No symbolic links: nothing matches.
                self.arg(name)?;
                Ok(Expr::False)
            }
            "-regex" | "-iregex" => {
                let a = self.arg(name)?;
                test(Test::Regex(self.regex(&a, name == "-iregex")?))
            }
            "-type" | "-xtype" => {
                let a = self.arg(name)?;
                test(Test::Type(type_list(&a, name)?))
            }
            "-mtime" | "-atime" | "-ctime" => {
                let a = self.arg(name)?;
                test(self.time_test(&a, name, DAY)?)
            }
            "-mmin" | "-amin" | "-cmin" => {
                let a = self.arg(name)?;
                test(self.time_test(&a, name, 60.0)?)
            }
            "-newer" | "-anewer" | "-cnewer" => {
                let a = self.arg(name)?;
                let field = if name == "-cnewer" { TimeField::C } else { TimeField::M };
                let st = self
                    .cmd
                    .p
                    .stat(&a)
                    .await
                    .map_err(|e| format!("{}: {}", quote_locale(&a), e.strerror()))?;
                // The reference is the file's modification time in all three.
                test(Test::Newer {
                    field,
                    reference: st.mtime as f64 / 1000.0,
                })
            }
            _ if name.starts_with("-newer") && name.len() == 8 => self.newer_xy(name).await,
            "-size" => {
                let a = self.arg(name)?;
                test(size_test(&a)?)
            }
            "-empty" => test(Test::Empty),
            "-perm" => {
                let a = self.arg(name)?;
                let t = perm_test(&a)?;
                if let Test::Perm {
                    kind: PermKind::Any,
                    file: 0,
                    ..
                } = t
                {
                    self.cmd
                        .error(format!(
                            "warning: you have specified a mode pattern {a} (which is equivalent to /000). The meaning of -perm /000 has now been changed to be consistent with -perm -000; that is, while it used to match no files, it now matches all files."
                        ))
                        .await;
                }
                test(t)
            }
            "-uid" | "-gid" | "-links" | "-inum" => {
                let a = self.arg(name)?;
                let (cmp, n) = number(&a).ok_or_else(|| format!("invalid argument `{a}' to `{name}'"))?;
                test(match name {
                    "-uid" => Test::Uid(cmp, n),
                    "-gid" => Test::Gid(cmp, n),
                    "-links" => Test::Links(cmp, n),
                    _ => Test::Inum(cmp, n),
                })
            }
            "-user" | "-group" => {
                let a = self.arg(name)?;
                test(self.owner_test(&a, name == "-user").await?)
            }
            "-nouser" | "-nogroup" => {
                self.load_users().await;
                test(if name == "-nouser" { Test::NoUser } else { Test::NoGroup })
            }
            "-readable" => test(Test::Access(Access::Read)),
            "-writable" => test(Test::Access(Access::Write)),
            "-executable" => test(Test::Access(Access::Exec)),
            "-print" => self.action(Action::Print(0)),
            "-print0" => self.action(Action::Print0(0)),
            "-printf" => {
                let a = self.arg(name)?;
                let f = self.format(&a).await?;
                self.action(Action::Printf(0, f))
            }
            "-ls" => {
                self.load_users().await;
                self.action(Action::Ls(0))
            }
            "-fprint" | "-fprint0" | "-fls" => {
                let a = self.arg(name)?;
                let sink = self.sink(&a).await?;
                if name == "-fls" {
                    self.load_users().await;
                }
                self.action(match name {
                    "-fprint" => Action::Print(sink),
                    "-fprint0" => Action::Print0(sink),
                    _ => Action::Ls(sink),
                })
            }
            "-fprintf" => {
                let file = self.arg(name)?;
                let fmt = self.arg(name)?;
                let sink = self.sink(&file).await?;
                let f = self.format(&fmt).await?;
                self.action(Action::Printf(sink, f))
            }
            "-delete" => {
                self.has_delete = true;
                self.action(Action::Delete)
            }
            "-prune" => {
                self.has_prune = true;
                Ok(Expr::Action(Action::Prune))
            }
            "-quit" => Ok(Expr::Action(Action::Quit)),
            "-exec" | "-execdir" | "-ok" | "-okdir" => {
                let e = self.exec(name)?;
                self.action(Action::Exec(e))
            }
            _ => Err(format!("unknown predicate `{name}'")),
        }
    }

    fn action(&mut self, a: Action) -> R<Expr> {
        self.has_action = true;
        Ok(Expr::Action(a))
    }

    async fn load_users(&mut self) {
        self.needs_users = true;
        if self.users.is_none() {
            self.users = Some(Users::load(&self.cmd.p).await);
        }
    }

    async fn format(&mut self, text: &str) -> R<Format> {
        let (f, warnings) = Format::parse(text)?;
        for w in warnings {
            self.cmd.error(format!("warning: {w}")).await;
        }
        if f.needs_users() {
            self.load_users().await;
        }
        self.needs_mounts |= f.needs_mounts();
        Ok(f)
    }

    /// The output of `-fprint FILE` and friends, shared by name.
    async fn sink(&mut self, file: &str) -> R<usize> {
        match file {
            "/dev/stdout" => return Ok(0),
            "/dev/stderr" => {
                if let Some(i) = self.sinks.iter().position(|s| s.name == "standard error") {
                    return Ok(i + 1);
                }
                self.sinks.push(Sink {
                    name: "standard error".into(),
                    out: Output::new(self.cmd.p.clone(), 2),
                    tty: self.cmd.p.fd_name(2).is_ok_and(|n| n.contains("cons")),
                });
                return Ok(self.sinks.len());
            }
            _ => {}
        }
        if let Some(i) = self.sinks.iter().position(|s| s.name == file) {
            return Ok(i + 1);
        }
        let fd = self
            .cmd
            .p
            .open(file, OpenFlags::WRITE)
            .await
            .map_err(|e| format!("{}: {}", quote_locale(file), e.strerror()))?;
        self.sinks.push(Sink {
            name: file.to_string(),
            out: Output::new(self.cmd.p.clone(), fd),
            tty: false,
        });
        Ok(self.sinks.len())
    }

    fn regex(&self, pattern: &str, icase: bool) -> R<Regex> {
        let bytes = pattern.as_bytes();
        let (text, syntax) = match self.regex_type {
            RegexType::Emacs => (emacs_to_extended(bytes), Syntax::Extended),
            RegexType::Basic => (bytes.to_vec(), Syntax::Basic),
            RegexType::Extended => (bytes.to_vec(), Syntax::Extended),
        };
        let opts = Options {
            syntax,
            icase,
            escapes: false,
            utf8: common::locale::Charset::of(&self.cmd.p).is_utf8(),
        };
        // GNU quotes the pattern plainly here.
        Regex::new(&text, opts).map_err(|e| format!("failed to compile regular expression '{pattern}': {e}"))
    }

    fn time_test(&self, arg: &str, name: &str, unit: f64) -> R<Test> {
        let bad = || format!("invalid argument `{arg}' to `{name}'");
        let (cmp, rest) = match arg.as_bytes().first() {
            Some(b'+') => (Cmp::Gt, &arg[1..]),
            Some(b'-') => (Cmp::Lt, &arg[1..]),
            _ => (Cmp::Eq, arg),
        };
        let n: f64 = rest.parse().map_err(|_| bad())?;
        if !n.is_finite() || rest.starts_with(['+', '-']) || rest.is_empty() {
            return Err(bad());
        }
        // Days count from the start of "today", minutes from now.
        let mut origin = if unit == DAY {
            self.day_start
        } else {
            self.day_start + DAY
        };
        // The sense inverts: "more than N days old" is "before the reference".
        let cmp = match cmp {
            Cmp::Gt => Cmp::Lt,
            Cmp::Lt => {
                if unit == DAY {
                    origin += DAY - 1.0;
                }
                Cmp::Gt
            }
            Cmp::Eq => Cmp::Eq,
        };
        let field = if name.starts_with("-c") {
            TimeField::C
        } else {
            TimeField::M
        };
        Ok(Test::Time {
            field,
            cmp,
            reference: origin - n * unit,
            window: unit,
        })
    }

    async fn newer_xy(&mut self, name: &str) -> R<Expr> {
        let b = name.as_bytes();
        let (x, y) = (b[6], b[7]);
        let valid = |c: u8, t_ok: bool| matches!(c, b'a' | b'B' | b'c' | b'm') || (t_ok && c == b't');
        if !valid(x, false) || !valid(y, true) {
            return Err(format!("invalid predicate `{name}'"));
        }
        let a = self.arg(name)?;
        if x == b'B' || y == b'B' {
            return Err("This system does not provide a way to find the birth time of a file.".into());
        }
        let reference = if y == b't' {
            let now = (self.now.floor() as i64, ((self.now.fract()) * 1e9) as u32);
            let zone = time::Zone::of(&self.cmd.p);
            let (s, ns) = time::parse(&a, now, &zone).map_err(|_| {
                format!(
                    "I cannot figure out how to interpret {} as a date or time",
                    quote_locale(&a)
                )
            })?;
            s as f64 + f64::from(ns) / 1e9
        } else {
            let st = self
                .cmd
                .p
                .stat(&a)
                .await
                .map_err(|e| format!("{}: {}", quote_locale(&a), e.strerror()))?;
            let ms = if y == b'c' { st.ctime() } else { st.mtime };
            ms as f64 / 1000.0
        };
        let field = if x == b'c' { TimeField::C } else { TimeField::M };
        Ok(Expr::Test(Test::Newer { field, reference }))
    }

    async fn owner_test(&mut self, a: &str, user: bool) -> R<Test> {
        self.load_users().await;
        let users = self.users.as_ref();
        let id = if user {
            users.and_then(|u| u.uid_of(a)).map(|(uid, _)| uid)
        } else {
            users.and_then(|u| u.gid_of(a))
        };
        let id = id.or_else(|| a.parse::<u32>().ok().filter(|_| a.bytes().all(|b| b.is_ascii_digit())));
        match (id, user) {
            (Some(n), true) => Ok(Test::Uid(Cmp::Eq, u64::from(n))),
            (Some(n), false) => Ok(Test::Gid(Cmp::Eq, u64::from(n))),
            (None, true) => Err(format!("{} is not the name of a known user", quote_locale(a))),
            (None, false) => Err(format!("{} is not the name of an existing group", quote_locale(a))),
        }
    }

    fn exec(&mut self, name: &str) -> R<Exec> {
        let start = self.pos;
        let ask = name.starts_with("-ok");
        let mut end = None;
        let mut plus = false;
        let mut i = start;
        while i < self.toks.len() {
            let t = self.toks[i].as_str();
            if t == ";" {
                end = Some(i);
                break;
            }
            if t == "+" && !ask && i > start {
                let prev = self.toks[i - 1].as_str();
                if prev == "{}" {
                    end = Some(i);
                    plus = true;
                    break;
                }
                if prev.contains("{}") {
                    return Err(format!(
                        "In {} the {} must appear by itself, but you specified {}",
                        quote_locale(&format!("{name} ... {{}} +")),
                        quote_locale("{}"),
                        quote_locale(prev)
                    ));
                }
            }
            i += 1;
        }
        let Some(end) = end else {
            return Err(format!("missing argument to `{name}'"));
        };
        if end == start {
            return Err(format!("missing argument to `{name}'"));
        }
        let mut argv: Vec<String> = self.toks[start..end].to_vec();
        if plus {
            argv.pop();
        }
        self.pos = end + 1;
        let in_dir = name.ends_with("dir");
        if in_dir {
            check_path_for_execdir(&self.cmd.p.getenv("PATH").unwrap_or_default())?;
        }
        let id = self.exec_count;
        self.exec_count += 1;
        Ok(Exec {
            id,
            argv,
            plus,
            in_dir,
            ask,
        })
    }
}

/// GNU refuses -execdir when `$PATH` has a relative entry: the command
/// would be looked up in the directory being searched.
fn check_path_for_execdir(path: &str) -> R<()> {
    for dir in path.split(':') {
        if dir.is_empty() || dir == "." {
            return Err("The current directory is included in the PATH environment variable, which is insecure in combination with the -execdir action of find.  Please remove the current directory from your $PATH (that is, remove \".\", doubled colons, or leading or trailing colons)".into());
        }
        if !dir.starts_with('/') {
            return Err(format!(
                "The relative path {} is included in the PATH environment variable, which is insecure in combination with the -execdir action of find.  Please remove that entry from $PATH",
                quote_locale(dir)
            ));
        }
    }
    Ok(())
}

/// `[+-]N`: a comparison and a decimal number.
fn number(a: &str) -> Option<(Cmp, u64)> {
    let (cmp, rest) = match a.as_bytes().first() {
        Some(b'+') => (Cmp::Gt, &a[1..]),
        Some(b'-') => (Cmp::Lt, &a[1..]),
        _ => (Cmp::Eq, a),
    };
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok().map(|n| (cmp, n))
}

fn type_list(a: &str, name: &str) -> R<Vec<NodeType>> {
    if a.is_empty() {
        return Err(format!("Arguments to {name} should contain at least one letter"));
    }
    let mut kinds = Vec::new();
    let mut seen = Vec::new();
    let b = a.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !b"bcdpflsD".contains(&c) {
            return Err(format!("Unknown argument to {name}: {}", c as char));
        }
        if seen.contains(&c) {
            return Err(format!(
                "Duplicate file type '{}' in the argument list to {name}",
                c as char
            ));
        }
        seen.push(c);
        match c {
            b'f' => kinds.push(NodeType::File),
            b'd' => kinds.push(NodeType::Dir),
            b'c' => kinds.push(NodeType::Device),
            _ => {}
        }
        i += 1;
        if i < b.len() {
            if b[i] != b',' {
                return Err(format!("Must separate multiple arguments to {name} using: ','"));
            }
            i += 1;
            if i == b.len() {
                return Err(format!(
                    "Last file type in list argument to {name} is missing, i.e., list is ending on: ','"
                ));
            }
        }
    }
    Ok(kinds)
}

fn size_test(a: &str) -> R<Test> {
    let last = a.chars().last().unwrap_or(' ');
    let (body, unit) = match last {
        'b' => (&a[..a.len() - 1], 512),
        'c' => (&a[..a.len() - 1], 1),
        'w' => (&a[..a.len() - 1], 2),
        'k' => (&a[..a.len() - 1], 1024),
        'M' => (&a[..a.len() - 1], 1024 * 1024),
        'G' => (&a[..a.len() - 1], 1024 * 1024 * 1024),
        c if c.is_ascii_digit() => (a, 512),
        c => return Err(format!("invalid -size type `{c}'")),
    };
    let digits = body.trim_start_matches(['+', '-']);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits.parse::<u64>().is_err() {
        return Err(format!("Invalid argument `{a}' to -size"));
    }
    let (cmp, n) = number(body).ok_or_else(|| format!("invalid argument `{a}' to `-size'"))?;
    Ok(Test::Size { cmp, n, unit })
}

fn perm_test(a: &str) -> R<Test> {
    let bad = || format!("invalid mode {}", quote_locale(a));
    let (kind, rest) = match a.as_bytes().first() {
        Some(b'-') => (PermKind::AtLeast, &a[1..]),
        Some(b'/') => (PermKind::Any, &a[1..]),
        _ => (PermKind::Exact, a),
    };
    if rest.is_empty() {
        return Err(bad());
    }
    if rest.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        let m = u32::from_str_radix(rest, 8).map_err(|_| bad())?;
        if m > 0o7777 {
            return Err(bad());
        }
        return Ok(Test::Perm { kind, file: m, dir: m });
    }
    // A symbolic mode applied to 0 with no umask, as GNU's mode_adjust.
    let change = ModeChange::parse(rest).ok_or_else(bad)?;
    let file = change.apply(0, false, 0).0;
    let dir = change.apply(0, true, 0).0;
    Ok(Test::Perm { kind, file, dir })
}

/// Emacs regular expressions (find's default) in POSIX extended syntax:
/// `\(`, `\)`, `\|` group and alternate, bare `( ) | { }` are literal,
/// and `^`, `$`, `*`, `+`, `?` are special only where emacs has them so.
pub fn emacs_to_extended(p: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(p.len() + 8);
    let mut i = 0;
    // At the start of the pattern, a group or an alternative.
    let mut at_start = true;
    while i < p.len() {
        let c = p[i];
        let was_start = at_start;
        at_start = false;
        match c {
            b'\\' if i + 1 < p.len() => {
                let n = p[i + 1];
                i += 2;
                match n {
                    b'(' | b'|' => {
                        out.push(n);
                        at_start = true;
                    }
                    b')' => out.push(b')'),
                    b'{' | b'}' => out.extend_from_slice(&[b'\\', n]),
                    _ => out.extend_from_slice(&[b'\\', n]),
                }
                continue;
            }
            b'(' | b')' | b'|' | b'{' | b'}' => out.extend_from_slice(&[b'\\', c]),
            b'*' | b'+' | b'?' if was_start => out.extend_from_slice(&[b'\\', c]),
            b'^' if !was_start => out.extend_from_slice(b"\\^"),
            b'$' => {
                let at_end = i + 1 == p.len() || p[i + 1..].starts_with(b"\\)") || p[i + 1..].starts_with(b"\\|");
                if at_end {
                    out.push(b'$');
                } else {
                    out.extend_from_slice(b"\\$");
                }
            }
            b'[' => {
                // A bracket expression goes over as it is.
                let start = i;
                i += 1;
                if i < p.len() && p[i] == b'^' {
                    i += 1;
                }
                if i < p.len() && p[i] == b']' {
                    i += 1;
                }
                while i < p.len() && p[i] != b']' {
                    i += 1;
                }
                let end = (i + 1).min(p.len());
                out.extend_from_slice(&p[start..end]);
                i = end;
                continue;
            }
            b'^' => {
                out.push(b'^');
                at_start = true;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perm_args() {
        let masks = |a: &str| match perm_test(a) {
            Ok(Test::Perm { file, dir, .. }) => (file, dir),
            _ => panic!("{a}"),
        };
        assert_eq!(masks("-u=rwX"), (0o600, 0o700));
        assert_eq!(masks("u=rw,g=u"), (0o660, 0o660));
        assert_eq!(masks("-u+s"), (0o4000, 0o4000));
        assert_eq!(masks("a=r"), (0o444, 0o444));
        assert!(perm_test("+644").is_err());
        assert!(perm_test("x").is_err());
        assert!(matches!(
            perm_test("-644"),
            Ok(Test::Perm {
                kind: PermKind::AtLeast,
                file: 0o644,
                ..
            })
        ));
        assert!(matches!(
            perm_test("/u=x,g=x"),
            Ok(Test::Perm {
                kind: PermKind::Any,
                file: 0o110,
                ..
            })
        ));
    }

    #[test]
    fn types() {
        assert_eq!(type_list("f,d", "-type").unwrap(), [NodeType::File, NodeType::Dir]);
        assert_eq!(
            type_list("ff", "-type").unwrap_err(),
            "Must separate multiple arguments to -type using: ','"
        );
        assert_eq!(type_list("x", "-type").unwrap_err(), "Unknown argument to -type: x");
        assert!(type_list("f,", "-type").unwrap_err().starts_with("Last file type"));
        assert!(type_list("l", "-type").unwrap().is_empty());
    }

    #[test]
    fn sizes() {
        assert!(matches!(
            size_test("+1k"),
            Ok(Test::Size {
                cmp: Cmp::Gt,
                n: 1,
                unit: 1024
            })
        ));
        assert!(matches!(
            size_test("10"),
            Ok(Test::Size {
                cmp: Cmp::Eq,
                n: 10,
                unit: 512
            })
        ));
        assert_eq!(size_test("5x").err().unwrap(), "invalid -size type `x'");
        assert_eq!(size_test("-").err().unwrap(), "invalid -size type `-'");
    }

    #[test]
    fn emacs_syntax() {
        let t = |p: &str| String::from_utf8(emacs_to_extended(p.as_bytes())).unwrap();
        assert_eq!(t(".*\\.c"), ".*\\.c");
        assert_eq!(t("\\(a\\|b\\)+"), "(a|b)+");
        assert_eq!(t("(x)"), "\\(x\\)");
        assert_eq!(t("a{2}"), "a\\{2\\}");
        assert_eq!(t("*a"), "\\*a");
        assert_eq!(t("a^b$"), "a\\^b$");
        assert_eq!(t("[(|)]x"), "[(|)]x");
    }

    #[test]
    fn expression_starts() {
        assert!(looks_like_expression("-name", true));
        assert!(!looks_like_expression("-", true));
        assert!(looks_like_expression("(", true));
        assert!(!looks_like_expression(")", true));
        assert!(!looks_like_expression("(x", true));
    }
}
