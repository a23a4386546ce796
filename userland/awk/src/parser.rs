//! A recursive-descent parser for POSIX awk, producing [`ast::Program`].
//! Operator precedence, loosest first: `?:` and assignment, `||`, `&&`,
//! `in`, `~ !~`, relational (with `cmd | getline`), concatenation,
//! `+ -`, `* / %`, unary `! - +`, `^`, `++ --`, `$`, grouping.

use common::limits::Depth;
use std::collections::HashMap;

use super::ast::*;
use super::lexer::{Lexer, Tok};
use super::source::{Diag, Sources};

/// The special variables, by slot.
pub const SPECIALS: &[&str] = &[
    "NF",
    "NR",
    "FNR",
    "FS",
    "OFS",
    "ORS",
    "RS",
    "FILENAME",
    "SUBSEP",
    "RSTART",
    "RLENGTH",
    "CONVFMT",
    "OFMT",
    "ENVIRON",
    "ARGC",
    "ARGV",
    "IGNORECASE",
    "FPAT",
    "PROCINFO",
    "ARGIND",
    "RT",
    "ERRNO",
    "FIELDWIDTHS",
];

/// gawk's special variables that this awk does not have: a program that
/// names one is refused (status 2) rather than run with the name inert.
pub const GAWK_ONLY: &[&str] = &[
    "BINMODE",
    "FUNCTAB",
    "LINT",
    "PREC",
    "ROUNDMODE",
    "SYMTAB",
    "TEXTDOMAIN",
];

pub mod slot {
    pub const NF: u32 = 0;
    pub const NR: u32 = 1;
    pub const FNR: u32 = 2;
    pub const FS: u32 = 3;
    pub const OFS: u32 = 4;
    pub const ORS: u32 = 5;
    pub const RS: u32 = 6;
    pub const FILENAME: u32 = 7;
    pub const SUBSEP: u32 = 8;
    pub const RSTART: u32 = 9;
    pub const RLENGTH: u32 = 10;
    pub const CONVFMT: u32 = 11;
    pub const OFMT: u32 = 12;
    pub const ENVIRON: u32 = 13;
    pub const ARGC: u32 = 14;
    pub const ARGV: u32 = 15;
    pub const IGNORECASE: u32 = 16;
    pub const FPAT: u32 = 17;
    pub const PROCINFO: u32 = 18;
    pub const ARGIND: u32 = 19;
    pub const RT: u32 = 20;
    pub const ERRNO: u32 = 21;
    pub const FIELDWIDTHS: u32 = 22;
    pub const COUNT: u32 = 23;
}

type PResult<T> = Result<T, Diag>;

struct Snapshot<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    pos: usize,
}

pub struct Parser<'a> {
    lex: Lexer<'a>,
    sources: &'a Sources,
    tok: Tok,
    /// Where the current token starts.
    pos: usize,
    /// Where the token before it starts.
    prev_start: usize,
    globals: HashMap<String, u32>,
    prog: Program,
    /// Parameters of the function being parsed.
    locals: Option<Vec<String>>,
    /// Inside print's unparenthesized argument list: `>` redirects.
    no_gt: bool,
    loop_depth: usize,
    /// Nesting of statements and expressions, against the nesting limit.
    nest: Depth,
    /// In BEGIN or END (where `next` is an error), and which.
    in_begin_end: Option<&'static str>,
}

/// Parse the program's text (all its sources, joined), nesting no deeper
/// than `nest` allows.
pub fn parse(sources: &Sources, nest: Depth) -> PResult<Program> {
    let mut p = Parser {
        lex: Lexer::new(&sources.text),
        sources,
        tok: Tok::Newline,
        pos: 0,
        prev_start: 0,
        globals: HashMap::new(),
        prog: Program::default(),
        locals: None,
        no_gt: false,
        loop_depth: 0,
        nest,
        in_begin_end: None,
    };
    for name in SPECIALS {
        p.global(name);
    }
    p.advance()?;
    p.program()?;
    p.prog.warnings = std::mem::take(&mut p.lex.warnings);
    Ok(p.prog)
}

fn not_a_variable(name: &str) -> String {
    format!("function `{name}' called with space between name and `(',\nor used as a variable or an array")
}

fn is_special(name: &str) -> bool {
    SPECIALS.contains(&name)
}

impl<'a> Parser<'a> {
    fn advance(&mut self) -> PResult<()> {
        self.prev_start = self.pos;
        self.tok = self.lex.next()?;
        self.pos = self.lex.start;
        Ok(())
    }

    fn snapshot(&self) -> Snapshot<'a> {
        Snapshot {
            lex: self.lex.clone(),
            tok: self.tok.clone(),
            pos: self.pos,
        }
    }

    fn restore(&mut self, s: Snapshot<'a>) {
        self.lex = s.lex;
        self.tok = s.tok;
        self.pos = s.pos;
    }

    /// The token after the current one, without consuming anything.
    fn peek(&mut self) -> Tok {
        let mut l = self.lex.clone();
        l.next().unwrap_or(Tok::Eof)
    }

    /// `f` one level deeper (a statement or an operand): `fatal: program
    /// nested too deeply (limit 1000)` past the limit, long before the
    /// stack would overflow.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let pos = self.pos;
        self.nest.enter("program").map_err(|e| Diag::fatal(pos, e))?;
        let r = f(self);
        self.nest.leave();
        r
    }

    /// gawk's syntax error at the current token: a caret under it, or
    /// "unexpected newline or end of string" at the end of a line or of
    /// the program.
    fn error<T>(&self) -> PResult<T> {
        Err(self.syntax_error())
    }

    fn syntax_error(&self) -> Diag {
        match self.tok {
            Tok::Eof => Diag::AtEnd(self.sources.index_of(self.pos)),
            // The newline gawk's own end of a command-line text stands for.
            Tok::Newline if self.sources.is_cmdline_end(self.pos) => Diag::AtEnd(self.sources.index_of(self.pos)),
            Tok::Newline => Diag::Syntax {
                pos: self.pos,
                msg: "unexpected newline or end of string".into(),
                newline: true,
            },
            _ => Diag::syntax(self.pos, "syntax error"),
        }
    }

    fn expect(&mut self, t: Tok) -> PResult<()> {
        if self.tok == t {
            return self.advance();
        }
        self.error()
    }

    fn skip_newlines(&mut self) -> PResult<()> {
        while self.tok == Tok::Newline {
            self.advance()?;
        }
        Ok(())
    }

    fn skip_terminators(&mut self) -> PResult<()> {
        while matches!(self.tok, Tok::Newline | Tok::Semi) {
            self.advance()?;
        }
        Ok(())
    }

    fn global(&mut self, name: &str) -> u32 {
        if let Some(&g) = self.globals.get(name) {
            return g;
        }
        let g = self.prog.globals.len() as u32;
        self.prog.globals.push(name.to_string());
        self.globals.insert(name.to_string(), g);
        g
    }

    /// A variable by name, used at `at` (for the message when the name is
    /// a function's: gawk's error, also for `f (x)` with a blank; a
    /// function defined later meets the name as a variable's).
    fn var(&mut self, name: &str, at: usize) -> PResult<Var> {
        if let Some(locals) = &self.locals
            && let Some(i) = locals.iter().position(|l| l == name)
        {
            return Ok(Var::Local(i as u32));
        }
        if self.prog.funcs.iter().any(|f| f.name == name) {
            return Err(Diag::error(at, not_a_variable(name)));
        }
        if GAWK_ONLY.contains(&name) {
            return Err(Diag::fatal(
                at,
                format!("`{name}' is a gawk variable that this awk does not implement"),
            ));
        }
        Ok(Var::Global(self.global(name)))
    }

    // ---- program structure ----

    /// Items are separated by newlines and at most one `;` (mawk rejects `;;`).
    fn program(&mut self) -> PResult<()> {
        self.skip_newlines()?;
        while self.tok != Tok::Eof {
            self.item()?;
            self.skip_newlines()?;
            if self.tok == Tok::Semi {
                self.advance()?;
                self.skip_newlines()?;
            }
        }
        Ok(())
    }

    fn item(&mut self) -> PResult<()> {
        match self.tok.clone() {
            Tok::Begin | Tok::End | Tok::BeginFile | Tok::EndFile => {
                let kind = self.tok.clone();
                self.advance()?;
                self.skip_newlines()?;
                if self.tok != Tok::LBrace {
                    return self.error();
                }
                self.in_begin_end = Some(match kind {
                    Tok::Begin => "BEGIN",
                    Tok::End => "END",
                    Tok::BeginFile => "BEGINFILE",
                    _ => "ENDFILE",
                });
                let body = self.block()?;
                self.in_begin_end = None;
                match kind {
                    Tok::Begin => self.prog.begin.push(body),
                    Tok::End => self.prog.end.push(body),
                    Tok::BeginFile => self.prog.beginfile.push(body),
                    _ => self.prog.endfile.push(body),
                }
            }
            Tok::Function => self.function()?,
            Tok::LBrace => {
                let pos = self.pos;
                let body = self.block()?;
                self.prog.rules.push(Rule {
                    pattern: Pattern::All,
                    action: Some(body),
                    pos,
                });
            }
            _ => {
                let pos = self.pos;
                let first = self.expr()?;
                let pattern = if self.tok == Tok::Comma {
                    self.advance()?;
                    let second = self.expr()?;
                    Pattern::Range(first, second)
                } else {
                    Pattern::Expr(first)
                };
                let action = if self.tok == Tok::LBrace {
                    Some(self.block()?)
                } else {
                    match self.tok {
                        Tok::Newline | Tok::Semi | Tok::Eof => None,
                        _ => return self.error(),
                    }
                };
                self.prog.rules.push(Rule { pattern, action, pos });
            }
        }
        Ok(())
    }

    fn function(&mut self) -> PResult<()> {
        let at = self.pos;
        self.advance()?;
        let name = match &self.tok {
            Tok::Name(n) | Tok::FuncName(n) => n.clone(),
            _ => return self.error(),
        };
        // A name already used as a variable (or a special one) cannot
        // become a function.
        let used = self.globals.contains_key(&name) || self.prog.funcs.iter().any(|f| f.name == name);
        if used {
            return Err(Diag::error(at, format!("function name `{name}' previously defined")));
        }
        self.advance()?;
        self.expect(Tok::LParen)?;
        let mut params: Vec<String> = Vec::new();
        while let Tok::Name(p) = &self.tok {
            let p = p.clone();
            let problem = if is_special(&p) {
                Some(format!("cannot use special variable `{p}' as a function parameter"))
            } else if p == name {
                Some("cannot use function name as parameter name".to_string())
            } else {
                params.iter().position(|q| *q == p).map(|k| {
                    format!(
                        "parameter #{}, `{p}', duplicates parameter #{}",
                        params.len() + 1,
                        k + 1
                    )
                })
            };
            if let Some(problem) = problem {
                return Err(Diag::error(at, format!("function `{name}': {problem}")));
            }
            params.push(p);
            self.advance()?;
            if self.tok == Tok::Comma {
                self.advance()?;
                self.skip_newlines()?;
            } else {
                break;
            }
        }
        self.expect(Tok::RParen)?;
        self.skip_newlines()?;
        if self.tok != Tok::LBrace {
            return self.error();
        }
        self.locals = Some(params.clone());
        let body = self.block()?;
        self.locals = None;
        self.prog.funcs.push(Func { name, params, body });
        Ok(())
    }

    /// `{ statements }`
    fn block(&mut self) -> PResult<Vec<Stmt>> {
        self.expect(Tok::LBrace)?;
        let mut body = Vec::new();
        loop {
            self.skip_terminators()?;
            if self.tok == Tok::RBrace {
                self.advance()?;
                return Ok(body);
            }
            if self.tok == Tok::Eof {
                return self.expect(Tok::RBrace).map(|_| body);
            }
            body.push(self.stmt()?);
        }
    }

    // ---- statements ----

    /// End of a simple statement: `;`, a newline, or before `}`.
    fn end_simple(&mut self) -> PResult<()> {
        match self.tok {
            Tok::Semi | Tok::Newline => self.advance(),
            Tok::RBrace | Tok::Eof => Ok(()),
            _ => self.error(),
        }
    }

    fn body_stmt(&mut self) -> PResult<Stmt> {
        self.skip_newlines()?;
        if self.tok == Tok::Semi {
            self.advance()?;
            return Ok(Stmt::Block(Vec::new()));
        }
        self.stmt()
    }

    fn loop_body(&mut self) -> PResult<Stmt> {
        self.loop_depth += 1;
        let body = self.body_stmt();
        self.loop_depth -= 1;
        body
    }

    /// A statement, marked with where it starts (for messages about it).
    fn stmt(&mut self) -> PResult<Stmt> {
        self.nested(Self::stmt_at)
    }

    fn stmt_at(&mut self) -> PResult<Stmt> {
        let pos = self.pos;
        Ok(Stmt::At(pos, Box::new(self.bare_stmt()?)))
    }

    fn bare_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos;
        let s = match self.tok.clone() {
            Tok::LBrace => return Ok(Stmt::Block(self.block()?)),
            Tok::Semi => {
                self.advance()?;
                return Ok(Stmt::Block(Vec::new()));
            }
            Tok::If => {
                self.advance()?;
                self.expect(Tok::LParen)?;
                let cond = self.expr()?;
                self.expect(Tok::RParen)?;
                let then = self.body_stmt()?;
                let snap = self.snapshot();
                self.skip_terminators()?;
                if self.tok == Tok::Else {
                    self.advance()?;
                    let els = self.body_stmt()?;
                    return Ok(Stmt::If(cond, Box::new(then), Some(Box::new(els))));
                }
                self.restore(snap);
                return Ok(Stmt::If(cond, Box::new(then), None));
            }
            Tok::While => {
                self.advance()?;
                self.expect(Tok::LParen)?;
                let cond = self.expr()?;
                self.expect(Tok::RParen)?;
                if self.tok == Tok::Semi {
                    self.advance()?;
                    return Ok(Stmt::While(cond, Box::new(Stmt::Block(Vec::new()))));
                }
                let body = self.loop_body()?;
                return Ok(Stmt::While(cond, Box::new(body)));
            }
            Tok::Do => {
                self.advance()?;
                let body = self.loop_body()?;
                self.skip_terminators()?;
                if self.tok != Tok::While {
                    return self.error();
                }
                self.advance()?;
                self.expect(Tok::LParen)?;
                let cond = self.expr()?;
                self.expect(Tok::RParen)?;
                Stmt::Do(Box::new(body), cond)
            }
            Tok::For => return self.for_stmt(),
            Tok::Next | Tok::Nextfile => {
                let word = if self.tok == Tok::Next { "next" } else { "nextfile" };
                if let Some(rule) = self.in_begin_end
                    && (word == "next" || rule != "BEGINFILE")
                {
                    return Err(Diag::error(pos, format!("`{word}' used in {rule} action")));
                }
                let s = if self.tok == Tok::Next {
                    Stmt::Next
                } else {
                    Stmt::Nextfile
                };
                self.advance()?;
                s
            }
            Tok::Exit => {
                self.advance()?;
                let e = if self.ends_simple() { None } else { Some(self.expr()?) };
                Stmt::Exit(e)
            }
            Tok::Return => {
                if self.locals.is_none() {
                    return Err(Diag::syntax(pos, "`return' used outside function context"));
                }
                self.advance()?;
                let e = if self.ends_simple() { None } else { Some(self.expr()?) };
                Stmt::Return(e)
            }
            Tok::Break | Tok::Continue => {
                if self.loop_depth == 0 {
                    let msg = if self.tok == Tok::Break {
                        "`break' is not allowed outside a loop or switch"
                    } else {
                        "`continue' is not allowed outside a loop"
                    };
                    return Err(Diag::error(pos, msg));
                }
                let s = if self.tok == Tok::Break {
                    Stmt::Break
                } else {
                    Stmt::Continue
                };
                self.advance()?;
                s
            }
            Tok::Delete => {
                self.advance()?;
                let Tok::Name(n) = self.tok.clone() else {
                    return self.error();
                };
                let v = self.var(&n, self.pos)?;
                self.advance()?;
                if self.tok == Tok::LBracket {
                    self.advance()?;
                    let subs = self.expr_list_until(Tok::RBracket)?;
                    Stmt::Delete(v, Some(subs))
                } else {
                    Stmt::Delete(v, None)
                }
            }
            Tok::Print | Tok::Printf => self.print_stmt()?,
            _ => Stmt::Expr(self.expr()?),
        };
        self.end_simple()?;
        Ok(s)
    }

    fn ends_simple(&self) -> bool {
        matches!(self.tok, Tok::Semi | Tok::Newline | Tok::RBrace | Tok::Eof)
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        self.advance()?;
        self.expect(Tok::LParen)?;
        // for (name in array)
        if let Tok::Name(n) = self.tok.clone() {
            let snap = self.snapshot();
            self.advance()?;
            if self.tok == Tok::In {
                self.advance()?;
                if let Tok::Name(a) = self.tok.clone() {
                    self.advance()?;
                    if self.tok == Tok::RParen {
                        self.advance()?;
                        let v = self.var(&n, self.pos)?;
                        let arr = self.var(&a, self.pos)?;
                        let body = self.loop_body()?;
                        return Ok(Stmt::ForIn(v, arr, Box::new(body)));
                    }
                }
            }
            self.restore(snap);
        }
        let init = if self.tok == Tok::Semi {
            None
        } else {
            Some(Box::new(self.simple_stmt()?))
        };
        self.expect(Tok::Semi)?;
        self.skip_newlines()?;
        let cond = if self.tok == Tok::Semi {
            None
        } else {
            Some(self.expr()?)
        };
        self.expect(Tok::Semi)?;
        self.skip_newlines()?;
        let step = if self.tok == Tok::RParen {
            None
        } else {
            Some(Box::new(self.simple_stmt()?))
        };
        self.expect(Tok::RParen)?;
        if self.tok == Tok::Semi {
            self.advance()?;
            return Ok(Stmt::For(init, cond, step, Box::new(Stmt::Block(Vec::new()))));
        }
        let body = self.loop_body()?;
        Ok(Stmt::For(init, cond, step, Box::new(body)))
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        match self.tok {
            Tok::Print | Tok::Printf => self.print_stmt(),
            _ => Ok(Stmt::Expr(self.expr()?)),
        }
    }

    fn print_stmt(&mut self) -> PResult<Stmt> {
        let is_printf = self.tok == Tok::Printf;
        self.advance()?;
        let mut args = Vec::new();
        if !self.ends_simple() && !matches!(self.tok, Tok::Gt | Tok::Append | Tok::Pipe) {
            let saved = self.no_gt;
            self.no_gt = true;
            let r = self.print_args();
            self.no_gt = saved;
            args = r?;
        }
        if is_printf && args.is_empty() {
            return Err(Diag::fatal(self.pos, "printf: no arguments"));
        }
        let redirect = match self.tok {
            Tok::Gt | Tok::Append | Tok::Pipe => {
                let kind = match self.tok {
                    Tok::Gt => Redirect::File,
                    Tok::Append => Redirect::Append,
                    _ => Redirect::Pipe,
                };
                self.advance()?;
                let saved = self.no_gt;
                self.no_gt = true;
                let target = self.concat();
                self.no_gt = saved;
                Some((kind, target?))
            }
            _ => None,
        };
        Ok(if is_printf {
            Stmt::Printf(args, redirect)
        } else {
            Stmt::Print(args, redirect)
        })
    }

    fn print_args(&mut self) -> PResult<Vec<Expr>> {
        let mut args = vec![self.expr()?];
        while self.tok == Tok::Comma {
            self.advance()?;
            args.push(self.expr()?);
        }
        if args.len() == 1
            && let Expr::Grouping(_) = &args[0]
            && let Some(Expr::Grouping(list)) = args.pop()
        {
            return Ok(list);
        }
        Ok(args)
    }

    /// Comma-separated expressions up to `close` (consumed).
    fn expr_list_until(&mut self, close: Tok) -> PResult<Vec<Expr>> {
        let saved = self.no_gt;
        self.no_gt = false;
        let mut list = Vec::new();
        let r = (|| {
            self.skip_newlines()?;
            if self.tok != close {
                list.push(self.expr()?);
                while self.tok == Tok::Comma {
                    self.advance()?;
                    list.push(self.expr()?);
                }
            }
            self.skip_newlines()?;
            self.expect(close)
        })();
        self.no_gt = saved;
        r.map(|_| list)
    }

    // ---- expressions ----

    pub fn expr(&mut self) -> PResult<Expr> {
        let lhs = self.or_expr()?;
        let op = match self.tok {
            Tok::Assign => Some(None),
            Tok::AddAssign => Some(Some(BinOp::Add)),
            Tok::SubAssign => Some(Some(BinOp::Sub)),
            Tok::MulAssign => Some(Some(BinOp::Mul)),
            Tok::DivAssign => Some(Some(BinOp::Div)),
            Tok::ModAssign => Some(Some(BinOp::Mod)),
            Tok::PowAssign => Some(Some(BinOp::Pow)),
            _ => None,
        };
        if let Some(op) = op {
            let Expr::Lv(lv) = lhs else {
                return self.error();
            };
            self.advance()?;
            self.skip_newlines()?;
            let rhs = self.expr()?;
            return Ok(Expr::Assign(Box::new(lv), op, Box::new(rhs)));
        }
        if self.tok == Tok::Question {
            self.advance()?;
            self.skip_newlines()?;
            let a = self.expr()?;
            self.skip_newlines()?;
            self.expect(Tok::Colon)?;
            self.skip_newlines()?;
            let b = self.expr()?;
            return Ok(Expr::Cond(Box::new(lhs), Box::new(a), Box::new(b)));
        }
        Ok(lhs)
    }

    fn or_expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.and_expr()?;
        while self.tok == Tok::Or {
            self.advance()?;
            let rhs = self.and_expr()?;
            lhs = Expr::Or(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn and_expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.in_expr()?;
        while self.tok == Tok::And {
            self.advance()?;
            let rhs = self.in_expr()?;
            lhs = Expr::And(Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn in_expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.match_expr()?;
        while self.tok == Tok::In {
            self.advance()?;
            let Tok::Name(a) = self.tok.clone() else {
                return self.error();
            };
            self.advance()?;
            let arr = self.var(&a, self.pos)?;
            lhs = Expr::In(vec![lhs], arr);
        }
        Ok(lhs)
    }

    fn match_expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.rel_expr()?;
        while matches!(self.tok, Tok::Tilde | Tok::NoMatch) {
            let neg = self.tok == Tok::NoMatch;
            self.advance()?;
            let rhs = self.rel_expr()?;
            lhs = Expr::Match(neg, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn rel_expr(&mut self) -> PResult<Expr> {
        let mut lhs = self.concat()?;
        loop {
            // `cmd | getline [var]`
            if self.tok == Tok::Pipe && self.peek() == Tok::Getline {
                self.advance()?;
                self.advance()?;
                let target = self.opt_lvalue()?;
                lhs = Expr::Getline(GetlineSrc::Cmd(Box::new(lhs)), target.map(Box::new));
                continue;
            }
            break;
        }
        let op = match self.tok {
            Tok::Lt => CmpOp::Lt,
            Tok::Le => CmpOp::Le,
            Tok::Gt if !self.no_gt => CmpOp::Gt,
            Tok::Ge => CmpOp::Ge,
            Tok::Eq => CmpOp::Eq,
            Tok::Ne => CmpOp::Ne,
            _ => return Ok(lhs),
        };
        self.advance()?;
        let rhs = self.concat()?;
        Ok(Expr::Cmp(op, Box::new(lhs), Box::new(rhs)))
    }

    /// Whether the current token can start an operand of concatenation.
    fn starts_operand(&self) -> bool {
        matches!(
            self.tok,
            Tok::Name(_)
                | Tok::FuncName(_)
                | Tok::Builtin(_)
                | Tok::Number(_)
                | Tok::Str(_)
                | Tok::Dollar
                | Tok::Not
                | Tok::LParen
                | Tok::Minus
                | Tok::Plus
                | Tok::Incr
                | Tok::Decr
        )
    }

    fn concat(&mut self) -> PResult<Expr> {
        let first = self.additive()?;
        if !self.starts_operand() || matches!(self.tok, Tok::Minus | Tok::Plus | Tok::Not) {
            return Ok(first);
        }
        let mut parts = vec![first];
        while self.starts_operand() && !matches!(self.tok, Tok::Minus | Tok::Plus | Tok::Not) {
            if self.tok == Tok::Getline {
                break;
            }
            parts.push(self.additive()?);
        }
        Ok(Expr::Concat(parts))
    }

    fn additive(&mut self) -> PResult<Expr> {
        let mut lhs = self.multiplicative()?;
        while matches!(self.tok, Tok::Plus | Tok::Minus) {
            let op = if self.tok == Tok::Plus { BinOp::Add } else { BinOp::Sub };
            self.advance()?;
            let rhs = self.multiplicative()?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn multiplicative(&mut self) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        while matches!(self.tok, Tok::Star | Tok::Slash | Tok::Percent) {
            let op = match self.tok {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => BinOp::Mod,
            };
            let at = self.pos;
            self.advance()?;
            let rhs = self.unary()?;
            // gawk folds constants as it parses: dividing two of them by
            // zero is an error before anything runs.
            if let (Expr::Num(_), Expr::Num(d)) = (&lhs, &rhs)
                && *d == 0.0
                && op != BinOp::Mul
            {
                let msg = match op {
                    BinOp::Div => "division by zero attempted",
                    _ => "division by zero attempted in `%'",
                };
                return Err(Diag::error(at, msg));
            }
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> PResult<Expr> {
        self.nested(Self::unary_at)
    }

    fn unary_at(&mut self) -> PResult<Expr> {
        match self.tok {
            Tok::Not => {
                self.advance()?;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            Tok::Minus => {
                self.advance()?;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Tok::Plus => {
                self.advance()?;
                Ok(Expr::Plus(Box::new(self.unary()?)))
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> PResult<Expr> {
        let base = self.postfix()?;
        if self.tok == Tok::Caret {
            self.advance()?;
            // Right-associative, and the exponent may carry a sign.
            let exp = match self.tok {
                Tok::Minus | Tok::Plus | Tok::Not => self.unary()?,
                _ => self.nested(Self::power)?,
            };
            return Ok(Expr::Binary(BinOp::Pow, Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> PResult<Expr> {
        let e = self.primary()?;
        if let Expr::Lv(lv) = &e
            && matches!(self.tok, Tok::Incr | Tok::Decr)
        {
            let delta = if self.tok == Tok::Incr { 1.0 } else { -1.0 };
            self.advance()?;
            return Ok(Expr::Incr(false, delta, Box::new(lv.clone())));
        }
        Ok(e)
    }

    fn primary(&mut self) -> PResult<Expr> {
        match self.tok.clone() {
            Tok::Number(n) => {
                self.advance()?;
                Ok(Expr::Num(n))
            }
            Tok::Str(s) => {
                self.advance()?;
                Ok(Expr::Str(s))
            }
            Tok::Slash | Tok::DivAssign => {
                let at = self.pos;
                let re = self.lex.regex(self.tok == Tok::DivAssign)?;
                // Checked here so that an error names the regex's line.
                if let Err(e) = super::regex::translate(&re, false) {
                    return Err(Diag::error(at, format!("{e}: /{}/", String::from_utf8_lossy(&re))));
                }
                self.advance()?;
                Ok(Expr::Regex(re))
            }
            Tok::Dollar => {
                self.advance()?;
                let e = self.field_operand()?;
                Ok(Expr::Lv(LValue::Field(Box::new(e))))
            }
            Tok::Incr | Tok::Decr => {
                let delta = if self.tok == Tok::Incr { 1.0 } else { -1.0 };
                self.advance()?;
                match self.primary()? {
                    Expr::Lv(lv) => Ok(Expr::Incr(true, delta, Box::new(lv))),
                    _ => self.error(),
                }
            }
            Tok::Minus | Tok::Plus | Tok::Not => self.unary(),
            Tok::LParen => {
                self.advance()?;
                let saved = self.no_gt;
                self.no_gt = false;
                let r = self.paren_rest();
                self.no_gt = saved;
                r
            }
            Tok::Name(n) => {
                let at = self.pos;
                self.advance()?;
                let v = self.var(&n, at)?;
                if self.tok == Tok::LBracket {
                    self.advance()?;
                    let subs = self.expr_list_until(Tok::RBracket)?;
                    if subs.is_empty() {
                        return self.error();
                    }
                    return Ok(Expr::Lv(LValue::Index(v, subs)));
                }
                Ok(Expr::Lv(LValue::Var(v)))
            }
            Tok::FuncName(n) => {
                let at = self.pos;
                self.advance()?;
                self.expect(Tok::LParen)?;
                let args = self.expr_list_until(Tok::RParen)?;
                Ok(Expr::Call(n, args, at))
            }
            Tok::Builtin(b) => self.builtin(b),
            Tok::Getline => {
                self.advance()?;
                let target = self.opt_lvalue()?;
                if self.tok == Tok::Lt {
                    self.advance()?;
                    let file = self.postfix_operand()?;
                    return Ok(Expr::Getline(GetlineSrc::File(Box::new(file)), target.map(Box::new)));
                }
                Ok(Expr::Getline(GetlineSrc::Main, target.map(Box::new)))
            }
            _ => self.error(),
        }
    }

    /// After `(`: a parenthesized expression, or a list for `in` / print.
    fn paren_rest(&mut self) -> PResult<Expr> {
        let first = self.expr()?;
        if self.tok == Tok::Comma {
            let mut list = vec![first];
            while self.tok == Tok::Comma {
                self.advance()?;
                list.push(self.expr()?);
            }
            self.expect(Tok::RParen)?;
            if self.tok == Tok::In {
                self.advance()?;
                let Tok::Name(a) = self.tok.clone() else {
                    return self.error();
                };
                self.advance()?;
                let arr = self.var(&a, self.pos)?;
                return Ok(Expr::In(list, arr));
            }
            return Ok(Expr::Grouping(list));
        }
        self.expect(Tok::RParen)?;
        Ok(Expr::Paren(Box::new(first)))
    }

    /// What `$` applies to: a primary, with `++`/`--` or a sign before it.
    fn field_operand(&mut self) -> PResult<Expr> {
        match self.tok {
            Tok::Minus => {
                self.advance()?;
                Ok(Expr::Neg(Box::new(self.field_operand()?)))
            }
            Tok::Plus => {
                self.advance()?;
                Ok(Expr::Plus(Box::new(self.field_operand()?)))
            }
            Tok::Not => {
                self.advance()?;
                Ok(Expr::Not(Box::new(self.field_operand()?)))
            }
            _ => self.primary(),
        }
    }

    /// The file after `getline <`: a primary with postfix operators.
    fn postfix_operand(&mut self) -> PResult<Expr> {
        let saved = self.no_gt;
        self.no_gt = true;
        let r = self.postfix();
        self.no_gt = saved;
        r
    }

    /// An lvalue after `getline`, if one follows.
    fn opt_lvalue(&mut self) -> PResult<Option<LValue>> {
        match self.tok.clone() {
            Tok::Dollar => {
                self.advance()?;
                let e = self.field_operand()?;
                Ok(Some(LValue::Field(Box::new(e))))
            }
            Tok::Name(n) => {
                self.advance()?;
                let v = self.var(&n, self.pos)?;
                if self.tok == Tok::LBracket {
                    self.advance()?;
                    let subs = self.expr_list_until(Tok::RBracket)?;
                    return Ok(Some(LValue::Index(v, subs)));
                }
                Ok(Some(LValue::Var(v)))
            }
            _ => Ok(None),
        }
    }

    fn builtin(&mut self, b: Builtin) -> PResult<Expr> {
        self.advance()?;
        if self.tok != Tok::LParen {
            if b == Builtin::Length {
                return Ok(Expr::Builtin(b, Vec::new()));
            }
            return self.error();
        }
        self.advance()?;
        let mut args = self.expr_list_until(Tok::RParen)?;
        // gawk points at the call's `)`.
        let (lo, hi) = b.arity();
        if matches!(b, Builtin::And | Builtin::Or | Builtin::Xor) && args.len() < 2 {
            let msg = format!("{}: called with less than two arguments", b.name());
            return Err(Diag::fatal(self.prev_start, msg));
        }
        if args.len() < lo || args.len() > hi {
            let msg = format!("{} is invalid as number of arguments for {}", args.len(), b.name());
            return Err(Diag::syntax(self.prev_start, msg));
        }
        match b {
            Builtin::Split | Builtin::Patsplit => {
                let name = b.name();
                let array = |e: &Expr, which: &str| match e {
                    Expr::Lv(LValue::Var(v)) => Ok(*v),
                    _ => Err(Diag::fatal(
                        self.pos,
                        format!("{name}: {which} argument is not an array"),
                    )),
                };
                let seps = args.get(3).map(|e| array(e, "fourth")).transpose()?;
                let arr = array(&args[1], "second")?;
                args.truncate(3);
                let fs = (args.len() == 3).then(|| args.pop()).flatten().map(Box::new);
                let s = args.swap_remove(0);
                Ok(Expr::Split(b == Builtin::Patsplit, Box::new(s), arr, fs, seps))
            }
            Builtin::Match if args.len() == 3 => {
                let Some(Expr::Lv(LValue::Var(arr))) = args.pop() else {
                    return Err(Diag::fatal(self.pos, "match: third argument is not an array"));
                };
                let re = args.pop().unwrap_or(Expr::Str(Vec::new()));
                let s = args.pop().unwrap_or(Expr::Str(Vec::new()));
                Ok(Expr::MatchArr(Box::new(s), Box::new(re), arr))
            }
            Builtin::Asort | Builtin::Asorti => {
                let name = b.name();
                let array = |e: &Expr, which: &str| match e {
                    Expr::Lv(LValue::Var(v)) => Ok(*v),
                    _ => Err(Diag::fatal(
                        self.pos,
                        format!("{name}: {which} argument is not an array"),
                    )),
                };
                let src = array(&args[0], "first")?;
                let dest = args.get(1).map(|e| array(e, "second")).transpose()?;
                let how = (args.len() == 3).then(|| args.pop()).flatten().map(Box::new);
                Ok(Expr::Sort(b == Builtin::Asorti, src, dest, how))
            }
            Builtin::Sub | Builtin::Gsub => {
                let mut setup = None;
                let target = if args.len() == 3 {
                    match args.pop() {
                        Some(Expr::Lv(lv)) => lv,
                        Some(Expr::Paren(p)) if matches!(*p, Expr::Lv(_)) => match *p {
                            Expr::Lv(lv) => lv,
                            _ => return self.error(),
                        },
                        // A constant: matched and counted, changed nowhere.
                        Some(c @ (Expr::Str(_) | Expr::Num(_))) => {
                            let scratch = LValue::Var(Var::Global(self.global(" sub target")));
                            setup = Some(Expr::Assign(Box::new(scratch.clone()), None, Box::new(c)));
                            scratch
                        }
                        _ => {
                            let msg = format!("{} third parameter is not a changeable object", b.name());
                            return Err(Diag::syntax(self.pos, msg));
                        }
                    }
                } else {
                    LValue::Field(Box::new(Expr::Num(0.0)))
                };
                let repl = args.pop().unwrap_or(Expr::Str(Vec::new()));
                let re = args.pop().unwrap_or(Expr::Str(Vec::new()));
                let sub = Expr::Sub(b == Builtin::Gsub, Box::new(re), Box::new(repl), Box::new(target));
                Ok(match setup {
                    Some(a) => Expr::Seq(Box::new(a), Box::new(sub)),
                    None => sub,
                })
            }
            Builtin::Length if matches!(args.as_slice(), [Expr::Lv(LValue::Var(_))]) => {
                let Some(Expr::Lv(LValue::Var(v))) = args.pop() else {
                    return self.error();
                };
                Ok(Expr::LengthOf(v))
            }
            _ => Ok(Expr::Builtin(b, args)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Sources {
        let mut s = Sources::default();
        s.push("cmd. line", text.as_bytes(), true);
        s
    }

    fn parse(text: &[u8]) -> PResult<Program> {
        super::parse(&src(std::str::from_utf8(text).unwrap()), Depth::default())
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        // A thousand unoptimised levels need more than a test thread's
        // stack; programs run on the system's big one.
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(nesting_cases)
            .unwrap()
            .join()
            .unwrap();
    }

    fn nesting_cases() {
        for text in [
            format!("BEGIN{{x={}1{}}}", "(".repeat(5000), ")".repeat(5000)),
            format!("BEGIN{{x={}1}}", "!".repeat(5000)),
            format!("BEGIN{{x=2{}}}", "^2".repeat(5000)),
            format!("BEGIN{}{}", "{".repeat(5000), "}".repeat(5000)),
            format!("BEGIN{{{}x=1}}", "if(1)".repeat(5000)),
        ] {
            let e = err(&text);
            assert!(e.contains("fatal: program nested too deeply (limit 1000)"), "{e}");
        }
        let ok = format!("BEGIN{{x={}1{}}}", "(".repeat(100), ")".repeat(100));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    /// The message gawk prints for a program that does not parse.
    fn err(text: &str) -> String {
        let s = src(text);
        let d = parse(text.as_bytes()).unwrap_err();
        s.render("awk", &d)
    }

    #[test]
    fn parses_programs() {
        let p =
            parse(b"BEGIN { x = 1 } /re/ { print $1, $2 > \"f\" } END { print x }\nfunction f(a, b) { return a+b }")
                .unwrap();
        assert_eq!(p.begin.len(), 1);
        assert_eq!(p.rules.len(), 1);
        assert_eq!(p.end.len(), 1);
        assert_eq!(p.funcs[0].params, ["a", "b"]);
        let p = parse(b"NR==1, NR==3").unwrap();
        assert!(matches!(p.rules[0].pattern, Pattern::Range(..)));
        assert!(p.rules[0].action.is_none());
        parse(b"{ if (x) print; else print \"no\" }").unwrap();
        parse(b"{ for (k in a) delete a[k]; for (i = 0; i < 3; i++) ; }").unwrap();
        parse(b"{ while ((getline line < \"f\") > 0) n++; \"cmd\" | getline; print (1,2) > \"o\" }").unwrap();
        parse(b"{ if ((1,2) in a) print 2^-1, -2^2, !x, a ? b : c }").unwrap();
    }

    // Messages from gawk 5.2.
    #[test]
    fn gawk_errors() {
        let caret = |text: &str, col: usize, msg: &str| {
            format!(
                "awk: cmd. line:1: {text}\nawk: cmd. line:1: {}^ {msg}\n",
                " ".repeat(col)
            )
        };
        assert_eq!(err("BEGIN{x=}"), caret("BEGIN{x=}", 8, "syntax error"));
        assert_eq!(err("BEGIN{print 1,,2}"), caret("BEGIN{print 1,,2}", 14, "syntax error"));
        assert_eq!(err("{ if x }"), caret("{ if x }", 5, "syntax error"));
        assert_eq!(
            err("{print $1"),
            caret("{print $1", 9, "unexpected newline or end of string")
        );
        assert_eq!(
            err("BEGIN { next }"),
            "awk: cmd. line:1: error: `next' used in BEGIN action\n"
        );
        assert_eq!(
            err("BEGIN{return}"),
            caret("BEGIN{return}", 6, "`return' used outside function context")
        );
        assert_eq!(
            err("function f(x,x){}"),
            "awk: cmd. line:1: error: function `f': parameter #2, `x', duplicates parameter #1\n"
        );
        assert_eq!(
            err("\nBEGIN {\n  y = (2\n}"),
            "awk: cmd. line:4:   y = (2\nawk: cmd. line:4:         ^ unexpected newline or end of string\n"
        );
    }
}
