//! The shell's syntax tree.
//!
//! Words keep their quoting structure until expansion, because quoting
//! decides what is split and globbed. Every command remembers the line it
//! started on, for `$LINENO` and error messages.

use std::sync::Arc;

/// A word as written: a sequence of parts, and its source text (for
/// printing functions as bash does; empty for words the shell makes).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub parts: Vec<Part>,
    pub raw: String,
}

impl Word {
    pub fn literal(s: &str) -> Word {
        Word {
            parts: vec![Part::Lit(s.to_string())],
            raw: s.to_string(),
        }
    }

    pub fn from_parts(parts: Vec<Part>) -> Word {
        Word {
            parts,
            raw: String::new(),
        }
    }

    /// The word's text if it is made only of unquoted literal text.
    pub fn as_plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }

    /// True if any part of the word is quoted (so it is never removed as
    /// empty and, for a heredoc delimiter, means no expansion).
    pub fn has_quotes(&self) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p, Part::Quoted(_) | Part::DQuoted(_)))
    }

    /// The text with quotes removed and no expansion (heredoc delimiters,
    /// function names, `case` patterns printed in traces).
    pub fn unquoted_text(&self) -> String {
        let mut s = String::new();
        for p in &self.parts {
            p.push_raw(&mut s);
        }
        s
    }
}

/// One part of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Unquoted text: may hold glob characters, braces, a leading tilde.
    Lit(String),
    /// Literal quoted text: `'...'`, `$'...'` (already decoded), `\c`, and
    /// the plain text inside double quotes.
    Quoted(String),
    /// `"..."`: its parts are expanded but never split or globbed.
    DQuoted(Vec<Part>),
    /// `$name`, `${...}`.
    Param(Box<ParamExp>),
    /// `$(...)` or backquotes, parsed.
    CmdSub(Arc<List>),
    /// `<(...)` or `>(...)`: the list runs connected to a pipe, and the
    /// word becomes the pipe's name, `/dev/fd/N`.
    ProcSub(Arc<List>, ProcDir),
    /// `$((...))`: the expression text, expanded before evaluation.
    Arith(Word),
    /// An argument of a declaration builtin written as an assignment
    /// (`declare x=(1 2)`, `local y=$z`): expanded as an assignment.
    AssignArg(Box<Assign>),
}

impl Part {
    fn push_raw(&self, s: &mut String) {
        match self {
            Part::Lit(t) | Part::Quoted(t) => s.push_str(t),
            Part::DQuoted(ps) => {
                for p in ps {
                    p.push_raw(s);
                }
            }
            Part::Param(p) => {
                s.push('$');
                s.push_str(&p.name.text());
            }
            Part::CmdSub(_) => s.push_str("$(...)"),
            Part::ProcSub(_, ProcDir::Read) => s.push_str("<(...)"),
            Part::ProcSub(_, ProcDir::Write) => s.push_str(">(...)"),
            Part::Arith(_) => s.push_str("$((...))"),
            Part::AssignArg(a) => s.push_str(&a.name),
        }
    }
}

/// Which way a process substitution's pipe runs, seen from the command
/// that gets its name: `<(list)` is read, `>(list)` is written.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum ProcDir {
    Read,
    Write,
}

/// The parameter a `$` expansion names.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamName {
    Var(String),
    Positional(usize),
    /// `$@ $* $# $? $- $$ $! $0`
    Special(char),
}

impl ParamName {
    pub fn text(&self) -> String {
        match self {
            ParamName::Var(v) => v.clone(),
            ParamName::Positional(n) => n.to_string(),
            ParamName::Special(c) => c.to_string(),
        }
    }
}

/// `${...}` in full.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamExp {
    pub name: ParamName,
    /// `${a[i]}`: the subscript as written (`@` and `*` included).
    pub index: Option<Word>,
    /// `${!name}`: indirection (or, with `[@]`, the keys of an array).
    pub indirect: bool,
    pub op: ParamOp,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamOp {
    None,
    /// `${#x}`
    Length,
    /// `${x-w}` / `${x:-w}` and the like; `colon` also treats empty as unset.
    Default {
        colon: bool,
        word: Word,
    },
    Assign {
        colon: bool,
        word: Word,
    },
    Error {
        colon: bool,
        word: Word,
    },
    Alt {
        colon: bool,
        word: Word,
    },
    /// `${x#p}` / `${x##p}`
    TrimPrefix {
        longest: bool,
        pattern: Word,
    },
    /// `${x%p}` / `${x%%p}`
    TrimSuffix {
        longest: bool,
        pattern: Word,
    },
    /// `${x/p/r}`, `${x//p/r}`, `${x/#p/r}`, `${x/%p/r}`
    Replace {
        mode: ReplaceMode,
        pattern: Word,
        with: Word,
    },
    /// `${x^}`, `${x^^}`, `${x,}`, `${x,,}` with an optional pattern.
    Case {
        upper: bool,
        all: bool,
        pattern: Word,
    },
    /// `${x:off}` / `${x:off:len}`: arithmetic texts.
    Slice {
        offset: Word,
        length: Option<Word>,
    },
    /// `${!prefix*}` / `${!prefix@}`
    Names {
        at: bool,
    },
    /// `${x@Q}` and the other transformations: the operator letter.
    Transform(Option<char>),
    /// A malformed `${...}` (its text): an error when expanded.
    Bad(String),
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum ReplaceMode {
    First,
    All,
    Prefix,
    Suffix,
}

/// A list of and-or lists, each run in the foreground or the background.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub and_or: AndOr,
    pub background: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Connector {
    And,
    Or,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    /// `time` (or `time -p`) before it.
    pub time: Option<Timed>,
    pub bang: bool,
    pub commands: Vec<Command>,
    /// For each `|` between commands: true for `|&` (stderr too).
    pub stderr_too: Vec<bool>,
    pub line: u32,
}

/// How a timed pipeline reports: through `TIMEFORMAT`, or POSIX's fixed
/// format (`time -p`).
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Timed {
    Format,
    Posix,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple(Simple),
    Compound(Compound, Vec<Redir>),
    Function(Arc<Function>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: String,
    pub body: Compound,
    pub redirs: Vec<Redir>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Simple {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
    pub line: u32,
    /// The command as bash prints it (`$BASH_COMMAND`, `jobs`).
    pub text: Arc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assign {
    pub name: String,
    pub index: Option<Word>,
    pub append: bool,
    pub value: AssignValue,
    /// As written, for printing.
    pub raw: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AssignValue {
    Scalar(Word),
    /// `(a b [k]=v)`: elements with optional keys.
    Array(Vec<(Option<Word>, Word)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Compound {
    Group(List),
    Subshell(List),
    If {
        arms: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    Loop {
        until: bool,
        cond: List,
        body: List,
    },
    /// `for var [in words]; do body; done`, or with `select` the same
    /// loop with each value picked from a menu.
    For {
        var: String,
        words: Option<Vec<Word>>,
        body: List,
        select: bool,
    },
    ArithFor {
        init: Word,
        cond: Word,
        step: Word,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<CaseArm>,
    },
    /// `(( expr ))`
    Arith(Word),
    /// `[[ expr ]]`
    Cond(Cond),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseArm {
    pub patterns: Vec<Word>,
    pub body: List,
    pub end: CaseEnd,
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum CaseEnd {
    /// `;;`
    Break,
    /// `;&`: run the next arm's body too.
    FallThrough,
    /// `;;&`: go on testing the next patterns.
    Continue,
}

/// A `[[ ]]` expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    Not(Box<Cond>),
    /// `( expr )`: kept for printing.
    Paren(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
    /// `-f file`, `-n str`, ...
    Unary(String, Word),
    /// `a == b`, `a -lt b`, `a =~ re`, ...
    Binary(Word, String, Word),
    /// A lone word: true if non-empty.
    Word(Word),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    /// The fd redirected; `None` means the operator's default (0 or 1).
    pub fd: Option<u32>,
    /// `{name}>file`: the shell picks an fd (10 or above) and stores its
    /// number in `name`; `{name}>&-` closes the fd `name` holds.
    pub var: Option<String>,
    pub op: RedirOp,
    pub target: Word,
    /// For a heredoc, how it was written: (delimiter word, body, `<<-`).
    pub heredoc: Option<Arc<(String, String, bool)>>,
}

#[derive(Copy, Clone, Debug, PartialEq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>`
    Out,
    /// `>|`
    Clobber,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `<&`
    DupIn,
    /// `>&`
    DupOut,
    /// `&>`
    OutErr,
    /// `&>>`
    AppendErr,
    /// `<<` and `<<-`: the target is the body, already read.
    HereDoc,
    /// `<<<`
    HereString,
}
