//! The parsed program. Names are already resolved: globals to slots,
//! function parameters to frame slots; calls by name (checked later).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    Global(u32),
    Local(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Length,
    Substr,
    Index,
    Split,
    Sub,
    Gsub,
    Match,
    Sprintf,
    Tolower,
    Toupper,
    Sin,
    Cos,
    Atan2,
    Exp,
    Log,
    Sqrt,
    Int,
    Rand,
    Srand,
    Close,
    System,
    Fflush,
    Gensub,
    Systime,
    Strftime,
    Mktime,
    Asort,
    Asorti,
    Patsplit,
    Strtonum,
    And,
    Or,
    Xor,
    Lshift,
    Rshift,
    Compl,
}

impl Builtin {
    pub fn from_name(s: &str) -> Option<Builtin> {
        use Builtin::*;
        Some(match s {
            "length" => Length,
            "substr" => Substr,
            "index" => Index,
            "split" => Split,
            "sub" => Sub,
            "gsub" => Gsub,
            "match" => Match,
            "sprintf" => Sprintf,
            "tolower" => Tolower,
            "toupper" => Toupper,
            "sin" => Sin,
            "cos" => Cos,
            "atan2" => Atan2,
            "exp" => Exp,
            "log" => Log,
            "sqrt" => Sqrt,
            "int" => Int,
            "rand" => Rand,
            "srand" => Srand,
            "close" => Close,
            "system" => System,
            "fflush" => Fflush,
            "gensub" => Gensub,
            "systime" => Systime,
            "strftime" => Strftime,
            "mktime" => Mktime,
            "asort" => Asort,
            "asorti" => Asorti,
            "patsplit" => Patsplit,
            "strtonum" => Strtonum,
            "and" => And,
            "or" => Or,
            "xor" => Xor,
            "lshift" => Lshift,
            "rshift" => Rshift,
            "compl" => Compl,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Length => "length",
            Substr => "substr",
            Index => "index",
            Split => "split",
            Sub => "sub",
            Gsub => "gsub",
            Match => "match",
            Sprintf => "sprintf",
            Tolower => "tolower",
            Toupper => "toupper",
            Sin => "sin",
            Cos => "cos",
            Atan2 => "atan2",
            Exp => "exp",
            Log => "log",
            Sqrt => "sqrt",
            Int => "int",
            Rand => "rand",
            Srand => "srand",
            Close => "close",
            System => "system",
            Fflush => "fflush",
            Gensub => "gensub",
            Systime => "systime",
            Strftime => "strftime",
            Mktime => "mktime",
            Asort => "asort",
            Asorti => "asorti",
            Patsplit => "patsplit",
            Strtonum => "strtonum",
            And => "and",
            Or => "or",
            Xor => "xor",
            Lshift => "lshift",
            Rshift => "rshift",
            Compl => "compl",
        }
    }

    /// The allowed argument counts.
    pub fn arity(self) -> (usize, usize) {
        use Builtin::*;
        match self {
            Length => (0, 1),
            Substr => (2, 3),
            Index => (2, 2),
            Split => (2, 4),
            Sub | Gsub => (2, 3),
            Match => (2, 3),
            Sprintf => (1, usize::MAX),
            Tolower | Toupper => (1, 1),
            Sin | Cos | Exp | Log | Sqrt | Int => (1, 1),
            Atan2 => (2, 2),
            Rand => (0, 0),
            Srand => (0, 1),
            Close => (1, 1),
            System => (1, 1),
            Fflush => (0, 1),
            Gensub => (3, 4),
            Systime => (0, 0),
            Strftime => (0, 3),
            Mktime => (1, 2),
            Asort | Asorti => (1, 3),
            Patsplit => (2, 4),
            Strtonum | Compl => (1, 1),
            And | Or | Xor => (2, usize::MAX),
            Lshift | Rshift => (2, 2),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Redirect {
    File,
    Append,
    Pipe,
}

#[derive(Clone, Debug)]
pub enum GetlineSrc {
    /// Plain `getline`: the main input.
    Main,
    File(Box<Expr>),
    Cmd(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum LValue {
    Var(Var),
    Field(Box<Expr>),
    Index(Var, Vec<Expr>),
}

#[derive(Clone, Debug)]
pub enum Expr {
    Num(f64),
    Str(Vec<u8>),
    /// A regex literal standing alone: `$0 ~ /re/`.
    Regex(Vec<u8>),
    Lv(LValue),
    Assign(Box<LValue>, Option<BinOp>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `a ~ b` (negated: `!~`).
    Match(bool, Box<Expr>, Box<Expr>),
    Concat(Vec<Expr>),
    Neg(Box<Expr>),
    Plus(Box<Expr>),
    /// `++x` / `x--`: pre, delta.
    Incr(bool, f64, Box<LValue>),
    In(Vec<Expr>, Var),
    /// A user function call: name, args, where the call is.
    Call(String, Vec<Expr>, usize),
    Builtin(Builtin, Vec<Expr>),
    /// `split(s, a [, fs [, seps]])` (or `patsplit`, when the flag is
    /// set, with `fpat` for `fs`): the arrays apart.
    Split(bool, Box<Expr>, Var, Option<Box<Expr>>, Option<Var>),
    /// `match(s, re, arr)`: gawk's groups into arr.
    MatchArr(Box<Expr>, Box<Expr>, Var),
    /// `asort` (false) or `asorti` (true): source, destination, how.
    Sort(bool, Var, Option<Var>, Option<Box<Expr>>),
    /// Evaluate the first, then give the second.
    Seq(Box<Expr>, Box<Expr>),
    /// `sub`/`gsub`(re, repl, target).
    Sub(bool, Box<Expr>, Box<Expr>, Box<LValue>),
    /// `length(name)`: an array or a scalar, known after type inference.
    LengthOf(Var),
    Getline(GetlineSrc, Option<Box<LValue>>),
    /// `(a, b)`: only valid as print's argument list.
    Grouping(Vec<Expr>),
    /// A parenthesized expression (so `print (a > b)` is a comparison).
    Paren(Box<Expr>),
}

#[derive(Clone, Debug)]
pub enum Stmt {
    /// A statement and where it starts in the program text.
    At(usize, Box<Stmt>),
    Expr(Expr),
    Print(Vec<Expr>, Option<(Redirect, Expr)>),
    Printf(Vec<Expr>, Option<(Redirect, Expr)>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Box<Stmt>>, Box<Stmt>),
    ForIn(Var, Var, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Nextfile,
    Exit(Option<Expr>),
    Return(Option<Expr>),
    Break,
    Continue,
    Delete(Var, Option<Vec<Expr>>),
}

#[derive(Clone, Debug)]
pub enum Pattern {
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub pattern: Pattern,
    /// None: print the record.
    pub action: Option<Vec<Stmt>>,
    /// Where the rule starts.
    pub pos: usize,
}

#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, Default)]
pub struct Program {
    pub begin: Vec<Vec<Stmt>>,
    pub end: Vec<Vec<Stmt>>,
    pub beginfile: Vec<Vec<Stmt>>,
    pub endfile: Vec<Vec<Stmt>>,
    pub rules: Vec<Rule>,
    pub funcs: Vec<Func>,
    /// Global names by slot.
    pub globals: Vec<String>,
    /// What the lexer warned about (unknown escapes).
    pub warnings: Vec<super::source::Diag>,
}
