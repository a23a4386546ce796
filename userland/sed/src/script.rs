//! Compiling sed scripts: the `-e` and `-f` pieces, in order, into one
//! list of commands, following GNU sed 4.9's parser (`compile.c`) closely
//! enough that its error messages, with their `char N` positions, come out
//! the same.

use super::pattern::{Flags, Pattern};

/// Where a script piece came from, for error messages.
#[derive(Clone, Debug)]
pub enum Origin {
    /// The Nth `-e` (or the script operand), counted from 1.
    Expr(usize),
    /// A `-f` file.
    File(String),
}

/// A compile error: the message (after `sed: `) and the exit status.
#[derive(Debug, PartialEq, Eq)]
pub struct Error {
    pub msg: String,
    pub status: i32,
}

/// GNU's status for a bad script.
pub const EXIT_BAD_USAGE: i32 = 1;
/// GNU's status for a fatal run-time problem.
pub const EXIT_PANIC: i32 = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addr {
    Line(u64),
    Last,
    /// An index into [`Program::regexes`]; None reuses the last regex used.
    Regex(Option<usize>),
    /// `first~step`
    Step(u64, u64),
    /// `addr,+N` (second address only)
    Plus(u64),
    /// `addr,~N` (second address only)
    Tilde(u64),
    /// `+0` or `~0`: matches everywhere; as a second address it ends the
    /// range at once.
    Null,
}

/// Where `w` output goes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Sink {
    Stdout,
    Stderr,
    /// An index into [`Program::wfiles`].
    File(usize),
}

/// Case conversion bits of a replacement part (GNU's `\U \L \u \l \E`).
pub const UPPER: u8 = 1;
pub const LOWER: u8 = 2;
pub const UPPER_FIRST: u8 = 4;
pub const LOWER_FIRST: u8 = 8;
pub const ONE_SHOT: u8 = UPPER_FIRST | LOWER_FIRST;

/// Literal text, then optionally a group (`&` is group 0), under a case
/// conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub prefix: Vec<u8>,
    pub group: Option<usize>,
    pub case: u8,
}

#[derive(Debug)]
pub struct Subst {
    pub regex: Option<usize>,
    pub replacement: Vec<Part>,
    /// The highest `\N` used.
    pub max_ref: usize,
    pub global: bool,
    /// Bit 1: print before `e`; bit 2: print after it.
    pub print: u8,
    /// Replace the Nth match (0: the first).
    pub nth: u64,
    pub eval: bool,
    pub write: Option<Sink>,
    /// A UTF-8 locale: case conversions and empty matches go by
    /// characters.
    pub utf8: bool,
}

#[derive(Debug)]
pub enum Kind {
    /// `{`: the index of its `}`.
    Block(usize),
    EndBlock,
    Label(String),
    /// `b`, `t`, `T`: the command to go to (the program's length: the end).
    Branch(u8, usize),
    /// `a`, `i`, `c` text (None: `a\` with nothing after it).
    Append(Option<Vec<u8>>),
    Insert(Option<Vec<u8>>),
    Change(Option<Vec<u8>>),
    /// `e`: a command, or None to run the pattern space.
    Exec(Option<Vec<u8>>),
    LineNumber,
    Delete,
    DeleteFirst,
    FileName,
    Get,
    GetAppend,
    Hold,
    HoldAppend,
    List(Option<usize>),
    Next,
    NextAppend,
    Print,
    PrintFirst,
    /// `q` and `Q`, with the exit status if one was given.
    Quit(Option<u64>),
    QuitSilent(Option<u64>),
    /// `r FILE`; false for `0r` (insert before the first line).
    Read(String, bool),
    /// `R FILE`: an index into [`Program::rfiles`].
    ReadLine(usize),
    Write(Sink),
    WriteFirst(Sink),
    Subst(Box<Subst>),
    Translate(Box<[u8; 256]>),
    Zap,
    Exchange,
}

#[derive(Debug)]
pub struct Command {
    pub a1: Option<Addr>,
    pub a2: Option<Addr>,
    pub bang: bool,
    pub kind: Kind,
}

/// A compiled script.
#[derive(Default)]
pub struct Program {
    pub cmds: Vec<Command>,
    pub regexes: Vec<Pattern>,
    /// How each regex was written, for `--debug`.
    pub regex_src: Vec<(Vec<u8>, Flags)>,
    pub wfiles: Vec<String>,
    pub rfiles: Vec<String>,
    /// `#n` on the first line of the first script piece.
    pub quiet: bool,
    /// Where a run-time script error (no previous regex) is reported.
    pub last_origin: Option<(Origin, u64)>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pattern")
    }
}

/// What changes how a script is read.
#[derive(Copy, Clone, Debug, Default)]
pub struct Dialect {
    pub extended: bool,
    /// --posix: GNU extensions are errors.
    pub posix: bool,
    /// --sandbox: no e, r or w.
    pub sandbox: bool,
    /// A UTF-8 locale: regexes match characters.
    pub utf8: bool,
}

const SANDBOX: &str = "e/r/w commands disabled in sandbox mode";
const MISSING_FILENAME: &str = "missing filename in r/R/w/W commands";
const EXPECTED_SLASH: &str = "expected \\ after `a', `c' or `i'";
const UNKNOWN_S_OPT: &str = "unknown option to `s'";
const ONE_ADDR: &str = "command only uses one address";

/// Which rules apply while turning `\X` escapes into bytes.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Text {
    /// a/i/c text and `y` strings: `\X` is X.
    Buffer,
    /// `s` replacement: unknown escapes stay for the replacement parser.
    Replacement,
    /// Regex: unknown escapes stay for the regex compiler.
    Regex,
}

/// The compiler: one instance reads every script piece in turn.
pub struct Compiler {
    dialect: Dialect,
    prog: Program,
    // The piece being read.
    text: Vec<u8>,
    pos: usize,
    origin: Origin,
    line: u64,
    first_script: bool,
    // Open `{`s: their command index and where they were.
    blocks: Vec<(usize, Origin, u64)>,
    jumps: Vec<(usize, String)>,
    labels: Vec<(String, usize)>,
    /// An a/i/c text still being read (`a\` at the end of a piece): its
    /// command and the text so far.
    pending: Option<(usize, Vec<u8>)>,
    seen_v: bool,
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

impl Compiler {
    pub fn new(dialect: Dialect) -> Compiler {
        Compiler {
            dialect,
            prog: Program::default(),
            text: Vec::new(),
            pos: 0,
            origin: Origin::Expr(0),
            line: 0,
            first_script: true,
            blocks: Vec::new(),
            jumps: Vec::new(),
            labels: Vec::new(),
            pending: None,
            seen_v: false,
        }
    }

    /// Options met after some pieces apply to the pieces that follow.
    pub fn set_dialect(&mut self, dialect: Dialect) {
        // `v` turns --posix off for the rest of the script.
        let posix = dialect.posix && !self.seen_v;
        self.dialect = Dialect { posix, ..dialect };
    }

    /// Compile one piece (an `-e` string, or a `-f` file's contents).
    pub fn add(&mut self, text: Vec<u8>, origin: Origin) -> Result<(), Error> {
        self.line = if matches!(origin, Origin::File(_)) { 1 } else { 0 };
        self.text = text;
        self.pos = 0;
        self.origin = origin;
        let r = self.compile();
        self.prog.last_origin = Some((self.origin.clone(), self.line));
        self.first_script = false;
        r
    }

    /// Check what needs the whole script and resolve branches.
    pub fn finish(mut self) -> Result<Program, Error> {
        if let Some((_, origin, line)) = self.blocks.last().cloned() {
            self.origin = origin;
            self.line = line;
            // GNU reports an unclosed `{` at char 0 of its piece.
            self.pos = 0;
            return Err(self.err("unmatched `{'"));
        }
        if let Some((idx, text)) = self.pending.take() {
            // An a/i/c text cut off by the end of the script is kept as
            // written (GNU does not process its escapes).
            let text = (!text.is_empty()).then_some(text);
            self.set_text(idx, text);
        }
        let end = self.prog.cmds.len();
        for (idx, name) in std::mem::take(&mut self.jumps) {
            // The last definition of a label wins, as in GNU sed.
            let target = match self.labels.iter().rev().find(|(l, _)| *l == name) {
                Some((_, t)) => *t,
                None if name.is_empty() => end,
                None => {
                    return Err(Error {
                        msg: format!("can't find label for jump to `{name}'"),
                        status: EXIT_PANIC,
                    });
                }
            };
            if let Kind::Branch(_, t) = &mut self.prog.cmds[idx].kind {
                *t = target;
            }
        }
        Ok(self.prog)
    }

    fn err(&self, why: &str) -> Error {
        let msg = match &self.origin {
            Origin::File(name) => format!("file {name} line {}: {why}", self.line),
            Origin::Expr(n) => format!("-e expression #{n}, char {}: {why}", self.pos),
        };
        Error {
            msg,
            status: EXIT_BAD_USAGE,
        }
    }

    fn inchar(&mut self) -> Option<u8> {
        let c = *self.text.get(self.pos)?;
        self.pos += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn savchar(&mut self, c: Option<u8>) {
        if let Some(c) = c {
            if c == b'\n' && self.line > 0 {
                self.line -= 1;
            }
            self.pos -= 1;
        }
    }

    fn in_nonblank(&mut self) -> Option<u8> {
        loop {
            let c = self.inchar();
            if !c.is_some_and(is_blank) {
                return c;
            }
        }
    }

    /// After a command: only blanks, then `;`, a newline, `}`, `#` or the end.
    fn end_of_cmd(&mut self) -> Result<(), Error> {
        let c = self.in_nonblank();
        match c {
            Some(b'}' | b'#') => self.savchar(c),
            None | Some(b'\n' | b';') => {}
            Some(_) => return Err(self.err("extra characters after command")),
        }
        Ok(())
    }

    fn in_integer(&mut self, first: Option<u8>) -> u64 {
        let mut n: u64 = 0;
        let mut c = first;
        while let Some(d @ b'0'..=b'9') = c {
            n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
            c = self.inchar();
        }
        self.savchar(c);
        n
    }

    fn compile(&mut self) -> Result<(), Error> {
        if let Some((idx, buf)) = self.pending.take()
            && let Some(text) = self.read_text(idx, buf, Some(b'\n'))?
        {
            self.set_text(idx, Some(text));
        }
        loop {
            let mut c = self.inchar();
            while c.is_some_and(|c| c == b';' || is_space(c)) {
                c = self.inchar();
            }
            if c.is_none() {
                return Ok(());
            }
            let mut cmd = Command {
                a1: None,
                a2: None,
                bang: false,
                kind: Kind::EndBlock,
            };
            if let Some(a) = self.address(c)? {
                if matches!(a, Addr::Plus(_) | Addr::Tilde(_)) {
                    return Err(self.err("invalid usage of +N or ~N as first address"));
                }
                cmd.a1 = Some(a);
                c = self.in_nonblank();
                if c == Some(b',') {
                    let c2 = self.in_nonblank();
                    match self.address(c2)? {
                        Some(a2) => cmd.a2 = Some(a2),
                        None => return Err(self.err("unexpected `,'")),
                    }
                    c = self.in_nonblank();
                }
                if cmd.a1 == Some(Addr::Line(0))
                    && ((cmd.a2.is_none() && c != Some(b'r'))
                        || cmd.a2.as_ref().is_some_and(|a| !matches!(a, Addr::Regex(_)))
                        || self.dialect.posix)
                {
                    return Err(self.err("invalid usage of line address 0"));
                }
            }
            if c == Some(b'!') {
                cmd.bang = true;
                c = self.in_nonblank();
                if c == Some(b'!') {
                    return Err(self.err("multiple `!'s"));
                }
            }
            if self.dialect.posix {
                match c {
                    Some(x @ (b'e' | b'F' | b'v' | b'z' | b'L' | b'Q' | b'T' | b'R' | b'W')) => {
                        return Err(self.unknown(x));
                    }
                    Some(b'a' | b'i' | b'l' | b'=' | b'r') if cmd.a2.is_some() => return Err(self.err(ONE_ADDR)),
                    _ => {}
                }
            }
            let Some(ch) = c else {
                return Err(self.err("missing command"));
            };
            if let Some(kind) = self.command(ch, &mut cmd)? {
                cmd.kind = kind;
                self.prog.cmds.push(cmd);
            }
        }
    }

    fn unknown(&self, c: u8) -> Error {
        let mut e = self.err("");
        e.msg.push_str("unknown command: `");
        // The byte as it is (GNU prints the raw byte).
        e.msg.push_str(&String::from_utf8_lossy(&[c]));
        e.msg.push('\'');
        e
    }

    /// Parse the command `ch` (its addresses already in `cmd`). None for
    /// what leaves no command behind (comments, `v`).
    fn command(&mut self, ch: u8, cmd: &mut Command) -> Result<Option<Kind>, Error> {
        let idx = self.prog.cmds.len();
        let kind = match ch {
            b'#' => {
                if cmd.a1.is_some() {
                    return Err(self.err("comments don't accept any addresses"));
                }
                let mut c = self.inchar();
                if c == Some(b'n') && self.first_script && self.line < 2 && self.pos == 2 {
                    self.prog.quiet = true;
                }
                while c.is_some_and(|c| c != b'\n') {
                    c = self.inchar();
                }
                return Ok(None);
            }
            b'v' => {
                let version = self.read_label();
                let wanted = if version.is_empty() { "4.0" } else { &version };
                if version_newer(wanted, "4.9") {
                    return Err(self.err("expected newer version of sed"));
                }
                self.dialect.posix = false;
                self.seen_v = true;
                return Ok(None);
            }
            b'{' => {
                self.blocks.push((idx, self.origin.clone(), self.line));
                Kind::Block(0)
            }
            b'}' => {
                let Some((open, _, _)) = self.blocks.pop() else {
                    return Err(self.err("unexpected `}'"));
                };
                if cmd.a1.is_some() {
                    return Err(self.err("`}' doesn't want any addresses"));
                }
                self.end_of_cmd()?;
                if let Kind::Block(end) = &mut self.prog.cmds[open].kind {
                    *end = idx;
                }
                Kind::EndBlock
            }
            b'e' => {
                if self.dialect.sandbox {
                    return Err(self.err(SANDBOX));
                }
                let c = self.in_nonblank();
                if c.is_none() || c == Some(b'\n') {
                    Kind::Exec(None)
                } else {
                    Kind::Exec(self.text_command(c, idx)?)
                }
            }
            b'a' | b'i' | b'c' => {
                let c = self.in_nonblank();
                let text = self.text_command(c, idx)?;
                match ch {
                    b'a' => Kind::Append(text),
                    b'i' => Kind::Insert(text),
                    _ => Kind::Change(text),
                }
            }
            b':' => {
                if cmd.a1.is_some() {
                    return Err(self.err(": doesn't want any addresses"));
                }
                let label = self.read_label();
                if label.is_empty() {
                    return Err(self.err("\":\" lacks a label"));
                }
                self.labels.push((label.clone(), idx));
                Kind::Label(label)
            }
            b'b' | b't' | b'T' => {
                let label = self.read_label();
                self.jumps.push((idx, label));
                Kind::Branch(ch, 0)
            }
            b'q' | b'Q' | b'l' => {
                if ch != b'l' && cmd.a2.is_some() {
                    return Err(self.err(ONE_ADDR));
                }
                let c = self.in_nonblank();
                let arg = if c.is_some_and(|c| c.is_ascii_digit()) && !self.dialect.posix {
                    Some(self.in_integer(c))
                } else {
                    self.savchar(c);
                    None
                };
                self.end_of_cmd()?;
                match ch {
                    b'q' => Kind::Quit(arg),
                    b'Q' => Kind::QuitSilent(arg),
                    _ => Kind::List(arg.map(|n| usize::try_from(n).unwrap_or(usize::MAX))),
                }
            }
            b'=' | b'd' | b'D' | b'F' | b'g' | b'G' | b'h' | b'H' | b'n' | b'N' | b'p' | b'P' | b'z' | b'x' => {
                self.end_of_cmd()?;
                match ch {
                    b'=' => Kind::LineNumber,
                    b'd' => Kind::Delete,
                    b'D' => Kind::DeleteFirst,
                    b'F' => Kind::FileName,
                    b'g' => Kind::Get,
                    b'G' => Kind::GetAppend,
                    b'h' => Kind::Hold,
                    b'H' => Kind::HoldAppend,
                    b'n' => Kind::Next,
                    b'N' => Kind::NextAppend,
                    b'p' => Kind::Print,
                    b'P' => Kind::PrintFirst,
                    b'z' => Kind::Zap,
                    _ => Kind::Exchange,
                }
            }
            b'r' => {
                let name = self.read_filename()?;
                if name.is_empty() {
                    return Err(self.err(MISSING_FILENAME));
                }
                let name = String::from_utf8_lossy(&name).into_owned();
                // `0r FILE` puts the file before the first line.
                if cmd.a1 == Some(Addr::Line(0)) && cmd.a2.is_none() {
                    cmd.a1 = Some(Addr::Line(1));
                    Kind::Read(name, false)
                } else {
                    Kind::Read(name, true)
                }
            }
            b'R' => {
                let name = self.read_filename()?;
                if name.is_empty() {
                    return Err(self.err(MISSING_FILENAME));
                }
                let name = String::from_utf8_lossy(&name).into_owned();
                let i = match self.prog.rfiles.iter().position(|n| *n == name) {
                    Some(i) => i,
                    None => {
                        self.prog.rfiles.push(name);
                        self.prog.rfiles.len() - 1
                    }
                };
                Kind::ReadLine(i)
            }
            b'w' | b'W' => {
                let sink = self.out_file()?;
                if ch == b'w' {
                    Kind::Write(sink)
                } else {
                    Kind::WriteFirst(sink)
                }
            }
            b's' => Kind::Subst(Box::new(self.subst()?)),
            b'y' => Kind::Translate(self.translate()?),
            _ => return Err(self.unknown(ch)),
        };
        Ok(Some(kind))
    }

    /// The text of a/i/c (and `e CMD`): `\` then the text, or (GNU) the
    /// text on the same line. None while the text goes on in the next
    /// script piece (`-e 'a\' -e 'text'`).
    fn text_command(&mut self, c: Option<u8>, idx: usize) -> Result<Option<Vec<u8>>, Error> {
        let Some(c) = c else {
            return Err(self.err(EXPECTED_SLASH));
        };
        let leadin = if c == b'\\' {
            self.inchar()
        } else {
            if self.dialect.posix {
                return Err(self.err(EXPECTED_SLASH));
            }
            self.savchar(Some(c));
            Some(b'\n')
        };
        self.read_text(idx, Vec::new(), leadin)
    }

    /// Read a/i/c text (for command `idx`, `buf` holding what came before)
    /// up to an unescaped newline; `leadin` is its first byte (`\n` for
    /// none; None when the piece ended right after `a\`). None when the
    /// piece ends first: the text is left pending.
    fn read_text(&mut self, idx: usize, mut buf: Vec<u8>, leadin: Option<u8>) -> Result<Option<Vec<u8>>, Error> {
        let Some(leadin) = leadin else {
            self.pending = Some((idx, buf));
            return Ok(None);
        };
        if leadin != b'\n' {
            buf.push(leadin);
        }
        let mut c = self.inchar();
        while let Some(ch) = c {
            if ch == b'\n' {
                break;
            }
            let mut ch = Some(ch);
            if ch == Some(b'\\') {
                ch = self.inchar();
                if ch.is_some() {
                    buf.push(b'\\');
                }
            }
            let Some(ch) = ch else {
                buf.push(b'\n');
                self.pending = Some((idx, buf));
                return Ok(None);
            };
            buf.push(ch);
            c = self.inchar();
        }
        buf.push(b'\n');
        Ok(Some(self.normalize(&buf, Text::Buffer)?))
    }

    fn set_text(&mut self, idx: usize, text: Option<Vec<u8>>) {
        if let Some(cmd) = self.prog.cmds.get_mut(idx) {
            match &mut cmd.kind {
                Kind::Append(t) | Kind::Insert(t) | Kind::Change(t) | Kind::Exec(t) => *t = text,
                _ => {}
            }
        }
    }

    /// A label for `:`, `b`, `t`, `T`, `v`: up to a blank, `;`, `}`, `#` or
    /// the end of the line.
    fn read_label(&mut self) -> String {
        let mut b = Vec::new();
        let mut c = self.in_nonblank();
        while let Some(ch) = c {
            if ch == b'\n' || is_blank(ch) || ch == b';' || ch == b'}' || ch == b'#' {
                break;
            }
            b.push(ch);
            c = self.inchar();
        }
        self.savchar(c);
        String::from_utf8_lossy(&b).into_owned()
    }

    /// A file name for r, R, w, W and `s///w`: the rest of the line.
    fn read_filename(&mut self) -> Result<Vec<u8>, Error> {
        if self.dialect.sandbox {
            return Err(self.err(SANDBOX));
        }
        let mut b = Vec::new();
        let mut c = self.in_nonblank();
        while let Some(ch) = c {
            if ch == b'\n' {
                break;
            }
            b.push(ch);
            c = self.inchar();
        }
        Ok(b)
    }

    /// The output of `w`, `W` and `s///w`: one sink per distinct name.
    fn out_file(&mut self) -> Result<Sink, Error> {
        let name = self.read_filename()?;
        if name.is_empty() {
            return Err(self.err(MISSING_FILENAME));
        }
        let name = String::from_utf8_lossy(&name).into_owned();
        if !self.dialect.posix {
            match name.as_str() {
                "/dev/stdout" => return Ok(Sink::Stdout),
                "/dev/stderr" => return Ok(Sink::Stderr),
                _ => {}
            }
        }
        let i = match self.prog.wfiles.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                self.prog.wfiles.push(name);
                self.prog.wfiles.len() - 1
            }
        };
        Ok(Sink::File(i))
    }

    /// An address starting with `c`, or None (nothing consumed) if `c`
    /// does not start one.
    fn address(&mut self, c: Option<u8>) -> Result<Option<Addr>, Error> {
        let Some(ch) = c else {
            return Ok(None);
        };
        let ext = !self.dialect.posix;
        match ch {
            b'/' | b'\\' => {
                let delim = if ch == b'\\' { self.inchar() } else { Some(ch) };
                let Some(re) = self.match_slash(delim, true) else {
                    return Err(self.err("unterminated address regex"));
                };
                let mut flags = Flags::default();
                loop {
                    let c = self.in_nonblank();
                    match c {
                        Some(b'I') if ext => flags.icase = true,
                        Some(b'M') if ext => flags.newline = true,
                        _ => {
                            self.savchar(c);
                            return Ok(Some(Addr::Regex(self.regex(re, flags, 0)?)));
                        }
                    }
                }
            }
            b'0'..=b'9' => {
                let n = self.in_integer(c);
                let c = self.in_nonblank();
                if c != Some(b'~') || !ext {
                    self.savchar(c);
                    return Ok(Some(Addr::Line(n)));
                }
                let c = self.in_nonblank();
                let step = self.in_integer(c);
                Ok(Some(if step > 0 { Addr::Step(n, step) } else { Addr::Line(n) }))
            }
            b'+' | b'~' if ext => {
                let c = self.in_nonblank();
                let step = self.in_integer(c);
                Ok(Some(match (step, ch) {
                    (0, _) => Addr::Null,
                    (n, b'+') => Addr::Plus(n),
                    (n, _) => Addr::Tilde(n),
                }))
            }
            b'$' => Ok(Some(Addr::Last)),
            _ => Ok(None),
        }
    }

    /// Read up to the delimiter `delim`: `\` + delimiter is the delimiter
    /// itself (but `\&` stays escaped in a replacement), `\` + newline a
    /// newline, and in a regex a bracket expression may hold the delimiter.
    /// None if the line or piece ends first.
    fn match_slash(&mut self, delim: Option<u8>, regex: bool) -> Option<Vec<u8>> {
        let mut b = Vec::new();
        let mut last;
        loop {
            last = self.inchar();
            let Some(ch) = last else { break };
            if ch == b'\n' {
                break;
            }
            if Some(ch) == delim {
                return Some(b);
            }
            if ch == b'\\' {
                last = self.inchar();
                let Some(e) = last else { break };
                if e != b'\n' && (Some(e) != delim || (!regex && e == b'&')) {
                    b.push(b'\\');
                }
                b.push(e);
                continue;
            }
            if ch == b'[' && regex {
                b.push(ch);
                last = self.snarf_char_class(&mut b);
                if last != Some(b']') {
                    break;
                }
                b.push(b']');
                continue;
            }
            b.push(ch);
        }
        if last == Some(b'\n') {
            self.savchar(last);
        }
        None
    }

    /// Copy a bracket expression (after its `[`) up to, not including,
    /// its closing `]`; answers that `]`, or the newline or end that cut
    /// it short.
    fn snarf_char_class(&mut self, b: &mut Vec<u8>) -> Option<u8> {
        // 0: plain; 1: after `[`; 2: inside [: :], [. .] or [= =]; 3: after
        // the closing `:` `.` or `=`.
        let mut state = 0;
        let mut delim = 0;
        let mut c = self.inchar();
        if c == Some(b'^') {
            b.push(b'^');
            c = self.inchar();
        }
        if c == Some(b']') {
            b.push(b']');
            c = self.inchar();
        }
        loop {
            let ch = c?;
            match ch {
                b'\n' => return c,
                b'.' | b':' | b'=' if state == 1 => {
                    delim = ch;
                    state = 2;
                }
                b'.' | b':' | b'=' if state == 2 && ch == delim => state = 3,
                b'[' => {
                    if state == 0 {
                        state = 1;
                    }
                }
                b']' if state == 0 || state == 1 => return c,
                _ => {
                    if ch == b']' && state == 3 {
                        state = 0;
                    }
                    state &= !1;
                }
            }
            b.push(ch);
            c = self.inchar();
        }
    }

    /// Compile a regex (raw, as read between delimiters); None for the
    /// empty regex, which reuses the last one. `refs` is the highest `\N`
    /// the replacement uses.
    fn regex(&mut self, raw: Vec<u8>, flags: Flags, refs: usize) -> Result<Option<usize>, Error> {
        if raw.is_empty() {
            if flags != Flags::default() {
                return Err(self.err("cannot specify modifiers on empty regexp"));
            }
            return Ok(None);
        }
        let re = self.normalize(&raw, Text::Regex)?;
        let pat = Pattern::new(&re, flags, self.dialect.extended, self.dialect.utf8).map_err(|e| self.err(&e))?;
        if refs > pat.groups() && !self.dialect.posix {
            return Err(self.err(&format!("invalid reference \\{refs} on `s' command's RHS")));
        }
        self.prog.regexes.push(pat);
        self.prog.regex_src.push((re, flags));
        Ok(Some(self.prog.regexes.len() - 1))
    }

    fn subst(&mut self) -> Result<Subst, Error> {
        let delim = self.inchar();
        const UNTERMINATED: &str = "unterminated `s' command";
        let Some(re) = self.match_slash(delim, true) else {
            return Err(self.err(UNTERMINATED));
        };
        let Some(rhs) = self.match_slash(delim, false) else {
            return Err(self.err(UNTERMINATED));
        };
        let (replacement, max_ref) = self.replacement(&rhs)?;
        let mut s = Subst {
            utf8: self.dialect.utf8,
            regex: None,
            replacement,
            max_ref,
            global: false,
            print: 0,
            nth: 0,
            eval: false,
            write: None,
        };
        let flags = self.subst_flags(&mut s)?;
        s.regex = self.regex(re, flags, max_ref)?;
        if s.eval && self.dialect.sandbox {
            return Err(self.err(SANDBOX));
        }
        Ok(s)
    }

    fn subst_flags(&mut self, s: &mut Subst) -> Result<Flags, Error> {
        let mut flags = Flags::default();
        let ext = !self.dialect.posix;
        loop {
            let c = self.in_nonblank();
            match c {
                Some(b'i' | b'I') if ext => flags.icase = true,
                Some(b'm' | b'M') if ext => flags.newline = true,
                Some(b'e') if ext => s.eval = true,
                Some(b'p') => {
                    if s.print != 0 {
                        return Err(self.err("multiple `p' options to `s' command"));
                    }
                    s.print |= 1 << u8::from(s.eval);
                }
                Some(b'g') => {
                    if s.global {
                        return Err(self.err("multiple `g' options to `s' command"));
                    }
                    s.global = true;
                }
                Some(b'w') => {
                    s.write = Some(self.out_file()?);
                    return Ok(flags);
                }
                Some(b'0'..=b'9') => {
                    if s.nth != 0 {
                        return Err(self.err("multiple number options to `s' command"));
                    }
                    s.nth = self.in_integer(c);
                    if s.nth == 0 {
                        return Err(self.err("number option to `s' command may not be zero"));
                    }
                }
                Some(b'}' | b'#') => {
                    self.savchar(c);
                    return Ok(flags);
                }
                None | Some(b'\n' | b';') => return Ok(flags),
                Some(b'\r') if self.inchar() == Some(b'\n') => return Ok(flags),
                _ => return Err(self.err(UNKNOWN_S_OPT)),
            }
        }
    }

    /// Split a replacement into parts, exactly as GNU's setup_replacement
    /// does (the case conversion rules depend on where parts begin).
    fn replacement(&self, raw: &[u8]) -> Result<(Vec<Part>, usize), Error> {
        let text = self.normalize(raw, Text::Replacement)?;
        let mut parts: Vec<Part> = Vec::new();
        let mut max_ref = 0;
        let (mut case, mut saved) = (0u8, 0u8);
        let mut start = 0;
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                b'\\' => {
                    let mut part = Part {
                        prefix: text[start..i].to_vec(),
                        group: None,
                        case,
                    };
                    case = saved;
                    i += 1;
                    match text.get(i) {
                        None => part.prefix.push(b'\\'),
                        Some(&e) if self.dialect.posix && !e.is_ascii_digit() => part.prefix.push(e),
                        Some(&e) => match e {
                            b'0'..=b'9' => {
                                let n = usize::from(e - b'0');
                                max_ref = max_ref.max(n);
                                part.group = Some(n);
                            }
                            b'L' => (case, saved) = (LOWER, LOWER),
                            b'U' => (case, saved) = (UPPER, UPPER),
                            b'E' => (case, saved) = (0, 0),
                            b'l' => {
                                saved = case;
                                case |= LOWER_FIRST;
                            }
                            b'u' => {
                                saved = case;
                                case |= UPPER_FIRST;
                            }
                            // Any other escaped byte is itself.
                            _ => part.prefix.push(e),
                        },
                    }
                    parts.push(part);
                    i += 1;
                    start = i;
                }
                b'&' => {
                    parts.push(Part {
                        prefix: text[start..i].to_vec(),
                        group: Some(0),
                        case,
                    });
                    case = saved;
                    i += 1;
                    start = i;
                }
                _ => i += 1,
            }
        }
        if start < text.len() {
            parts.push(Part {
                prefix: text[start..].to_vec(),
                group: None,
                case,
            });
        }
        Ok((parts, max_ref))
    }

    fn translate(&mut self) -> Result<Box<[u8; 256]>, Error> {
        const UNTERMINATED: &str = "unterminated `y' command";
        let delim = self.inchar();
        let Some(src) = self.match_slash(delim, false) else {
            return Err(self.err(UNTERMINATED));
        };
        let src = self.normalize(&src, Text::Buffer)?;
        let Some(dst) = self.match_slash(delim, false) else {
            return Err(self.err(UNTERMINATED));
        };
        let dst = self.normalize(&dst, Text::Buffer)?;
        if src.len() != dst.len() {
            return Err(self.err("strings for `y' command are different lengths"));
        }
        let mut table = Box::new([0u8; 256]);
        for (i, t) in table.iter_mut().enumerate() {
            *t = i as u8;
        }
        for (&s, &d) in src.iter().zip(&dst) {
            table[usize::from(s)] = d;
        }
        self.end_of_cmd()?;
        Ok(table)
    }

    /// Turn `\n`, `\t`, `\xHH`, `\dNNN`, `\oNNN`, `\cX` and friends into
    /// bytes (GNU's normalize_text). Other escapes are dropped to their
    /// byte in text, kept for the regex or replacement parser otherwise.
    fn normalize(&self, buf: &[u8], kind: Text) -> Result<Vec<u8>, Error> {
        let mut q = Vec::with_capacity(buf.len());
        // Inside a bracket expression under --posix, escapes stay as they
        // are: 0 outside, -1 inside, or the delimiter of [: :] [. .] [= =].
        let mut bracket: i32 = 0;
        let mut i = 0;
        while i < buf.len() {
            let c = buf[i];
            if c == b'\\' && i + 1 < buf.len() && bracket == 0 {
                let e = buf[i + 1];
                let simple = match e {
                    b'a' => Some(0x07),
                    b'f' => Some(0x0c),
                    b'\n' | b'n' => Some(b'\n'),
                    b'r' => Some(b'\r'),
                    b't' => Some(b'\t'),
                    b'v' => Some(0x0b),
                    _ => None,
                };
                if let Some(b) = simple {
                    q.push(b);
                    i += 2;
                    continue;
                }
                match e {
                    b'd' | b'x' | b'o' => {
                        let base = match e {
                            b'd' => 10,
                            b'x' => 16,
                            _ => 8,
                        };
                        let (b, next) = convert_number(buf, i + 1, base);
                        if kind == Text::Replacement && (b == b'&' || b == b'\\') {
                            q.push(b'\\');
                        }
                        q.push(b);
                        i = next;
                    }
                    b'c' => {
                        let Some(&x) = buf.get(i + 2) else {
                            if kind != Text::Buffer {
                                q.push(b'\\');
                            }
                            i += 2;
                            continue;
                        };
                        q.push(x.to_ascii_uppercase() ^ 0x40);
                        i += 3;
                        if x == b'\\' {
                            if buf.get(i) != Some(&b'\\') {
                                return Err(self.err("recursive escaping after \\c not allowed"));
                            }
                            i += 1;
                        }
                    }
                    _ => {
                        if kind != Text::Buffer {
                            q.push(b'\\');
                        }
                        q.push(e);
                        i += 2;
                    }
                }
                continue;
            }
            if kind == Text::Regex && self.dialect.posix {
                match c {
                    b'[' if bracket == 0 => bracket = -1,
                    b':' | b'.' | b'=' if bracket == -1 && i > 0 && buf[i - 1] == b'[' => bracket = i32::from(c),
                    b']' if bracket == -1 => bracket = 0,
                    b']' if bracket > 0
                        && i >= 2
                        && i32::from(buf[i - 2]) != bracket
                        && i32::from(buf[i - 1]) == bracket =>
                    {
                        bracket = -1
                    }
                    _ => {}
                }
            }
            q.push(c);
            i += 1;
        }
        Ok(q)
    }
}

/// `\dNNN`, `\oNNN`, `\xHH` at `buf[at]` (the letter): the byte and the
/// index after the digits. With no digits the byte is the letter itself.
fn convert_number(buf: &[u8], at: usize, base: u32) -> (u8, usize) {
    let mut n: u32 = 0;
    let mut max = 1;
    let mut p = at + 1;
    while p < buf.len() && max <= 255 {
        let Some(d) = (buf[p] as char).to_digit(16) else { break };
        if d >= base {
            break;
        }
        n = n * base + d;
        p += 1;
        max *= base;
    }
    if p == at + 1 { (buf[at], p) } else { (n as u8, p) }
}

/// strverscmp-style: is version `a` newer than `b`?
fn version_newer(a: &str, b: &str) -> bool {
    let parse = |s: &str| -> Vec<u64> { s.split('.').map(|x| x.parse().unwrap_or(0)).collect() };
    parse(a) > parse(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(script: &str) -> Result<Program, Error> {
        let mut c = Compiler::new(Dialect::default());
        c.add(script.as_bytes().to_vec(), Origin::Expr(1))?;
        c.finish()
    }

    fn error(script: &str) -> String {
        compile(script).err().map(|e| e.msg).unwrap_or_default()
    }

    // Messages and positions checked with GNU sed 4.9.
    #[test]
    fn error_positions() {
        assert_eq!(error("s/a/b"), "-e expression #1, char 5: unterminated `s' command");
        assert_eq!(error("s/a/b/z"), "-e expression #1, char 7: unknown option to `s'");
        assert_eq!(error("p x"), "-e expression #1, char 3: extra characters after command");
        assert_eq!(error("k"), "-e expression #1, char 1: unknown command: `k'");
        assert_eq!(error("{p"), "-e expression #1, char 0: unmatched `{'");
        assert_eq!(error("1,p"), "-e expression #1, char 3: unexpected `,'");
        assert_eq!(
            error("y/ab/c/"),
            "-e expression #1, char 7: strings for `y' command are different lengths"
        );
        assert_eq!(error("b nowhere"), "can't find label for jump to `nowhere'");
        assert_eq!(error("0p"), "-e expression #1, char 2: invalid usage of line address 0");
    }

    #[test]
    fn addresses_and_labels() {
        let prog = compile("0,/x/p;3~2d;/a/,+2{:l;bl}").unwrap();
        assert_eq!(prog.cmds[0].a1, Some(Addr::Line(0)));
        assert_eq!(prog.cmds[0].a2, Some(Addr::Regex(Some(0))));
        assert_eq!(prog.cmds[1].a1, Some(Addr::Step(3, 2)));
        assert_eq!(prog.cmds[2].a2, Some(Addr::Plus(2)));
        assert!(matches!(prog.cmds[2].kind, Kind::Block(5)));
        assert!(matches!(prog.cmds[4].kind, Kind::Branch(b'b', 3)));
        // `2~0` is line 2, and `#n` first makes the script quiet.
        assert_eq!(compile("2~0p").unwrap().cmds[0].a1, Some(Addr::Line(2)));
        assert!(compile("#n\np").unwrap().quiet);
        // (GNU does not look past the `n`.)
        assert!(compile("#nx\np").unwrap().quiet);
        assert!(!compile(" #n\np").unwrap().quiet);
    }

    #[test]
    fn replacement_parts() {
        let prog = compile(r"s/\(a\)/x\1&\n\U\1/").unwrap();
        let Kind::Subst(s) = &prog.cmds[0].kind else {
            panic!("not s")
        };
        assert_eq!(s.max_ref, 1);
        let groups: Vec<_> = s
            .replacement
            .iter()
            .map(|p| (p.prefix.clone(), p.group, p.case))
            .collect();
        assert_eq!(
            groups,
            vec![
                (b"x".to_vec(), Some(1), 0),
                (Vec::new(), Some(0), 0),
                (b"\n".to_vec(), None, 0),
                (Vec::new(), Some(1), UPPER),
            ]
        );
    }

    #[test]
    fn numeric_escapes() {
        assert_eq!(convert_number(b"\\x41z", 1, 16), (b'A', 4));
        assert_eq!(convert_number(b"\\d065", 1, 10), (b'A', 5));
        assert_eq!(convert_number(b"\\o101", 1, 8), (b'A', 5));
        assert_eq!(
            convert_number(b"\\xg", 1, 16),
            (b'x', 2),
            "no digits: the letter itself"
        );
        assert!(version_newer("4.10", "4.9") && !version_newer("4.2", "4.9"));
    }
}
