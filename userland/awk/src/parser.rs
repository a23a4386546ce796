//! A recursive-descent parser for POSIX awk, producing [`ast::Program`].
//! Operator precedence, loosest first: `?:` and assignment, `||`, `&&`,
//! `in`, `~ !~`, relational (with `cmd | getline`), concatenation,
//! `+ -`, `* / %`, unary `! - +`, `^`, `++ --`, `$`, grouping.

use std::collections::HashMap;

use super::ast::*;
use super::lexer::{Lexer, Tok};

/// The special variables, by slot.
pub const SPECIALS: &[&str] = &[
    "NF", "NR", "FNR", "FS", "OFS", "ORS", "RS", "FILENAME", "SUBSEP", "RSTART", "RLENGTH", "CONVFMT", "OFMT",
    "ENVIRON", "ARGC", "ARGV",
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
    pub const COUNT: u32 = 16;
}

type PResult<T> = Result<T, String>;

struct Snapshot<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    text: String,
    line: usize,
}

pub struct Parser<'a> {
    lex: Lexer<'a>,
    tok: Tok,
    text: String,
    line: usize,
    globals: HashMap<String, u32>,
    prog: Program,
    /// Parameters of the function being parsed.
    locals: Option<Vec<String>>,
    /// Inside print's unparenthesized argument list: `>` redirects.
    no_gt: bool,
    loop_depth: usize,
    /// In BEGIN/END or a function (where `next` is improper in BEGIN/END).
    in_begin_end: bool,
}

pub fn parse(src: &[u8]) -> PResult<Program> {
    let mut p = Parser {
        lex: Lexer::new(src),
        tok: Tok::Newline,
        text: String::new(),
        line: 1,
        globals: HashMap::new(),
        prog: Program::default(),
        locals: None,
        no_gt: false,
        loop_depth: 0,
        in_begin_end: false,
    };
    for name in SPECIALS {
        p.global(name);
    }
    p.advance()?;
    p.program()?;
    p.prog.eof_line = p.line;
    Ok(p.prog)
}

fn is_special(name: &str) -> bool {
    SPECIALS.contains(&name)
}

impl<'a> Parser<'a> {
    fn advance(&mut self) -> PResult<()> {
        self.tok = self
            .lex
            .next()
            .map_err(|e| if e.starts_with("line") { e } else { e.to_string() })?;
        self.text = self.lex.text.clone();
        self.line = self.lex.tok_line;
        Ok(())
    }

    fn snapshot(&self) -> Snapshot<'a> {
        Snapshot {
            lex: self.lex.clone(),
            tok: self.tok.clone(),
            text: self.text.clone(),
            line: self.line,
        }
    }

    fn restore(&mut self, s: Snapshot<'a>) {
        self.lex = s.lex;
        self.tok = s.tok;
        self.text = s.text;
        self.line = s.line;
    }

    /// The token after the current one, without consuming anything.
    fn peek(&mut self) -> Tok {
        let mut l = self.lex.clone();
        l.next().unwrap_or(Tok::Eof)
    }

    fn error<T>(&self) -> PResult<T> {
        Err(match self.tok {
            Tok::Eof => format!("line {}: syntax error at or near end of file", self.line),
            _ => format!(
                "line {}: syntax error at or near {}",
                self.line,
                self.tok.describe(&self.text)
            ),
        })
    }

    fn expect(&mut self, t: Tok) -> PResult<()> {
        if self.tok == t {
            return self.advance();
        }
        match (&t, &self.tok) {
            (Tok::RParen, Tok::Newline | Tok::Eof) => Err(format!("line {}: missing ) near end of line", self.line)),
            (Tok::RParen, Tok::RBrace) => Err(format!("line {}: missing ) near }}", self.line)),
            (Tok::RBrace, Tok::Eof) => Err(format!("line {}: missing }} near end of file", self.line)),
            _ => self.error(),
        }
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

    fn var(&mut self, name: &str) -> Var {
        if let Some(locals) = &self.locals
            && let Some(i) = locals.iter().position(|l| l == name)
        {
            return Var::Local(i as u32);
        }
        Var::Global(self.global(name))
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
            Tok::Begin | Tok::End => {
                let is_begin = self.tok == Tok::Begin;
                self.advance()?;
                self.skip_newlines()?;
                if self.tok != Tok::LBrace {
                    return self.error();
                }
                self.in_begin_end = true;
                let body = self.block()?;
                self.in_begin_end = false;
                if is_begin {
                    self.prog.begin.push(body);
                } else {
                    self.prog.end.push(body);
                }
            }
            Tok::Function => self.function()?,
            Tok::LBrace => {
                let body = self.block()?;
                self.prog.rules.push(Rule {
                    pattern: Pattern::All,
                    action: Some(body),
                });
            }
            _ => {
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
                self.prog.rules.push(Rule { pattern, action });
            }
        }
        Ok(())
    }

    fn function(&mut self) -> PResult<()> {
        self.advance()?;
        let name = match &self.tok {
            Tok::Name(n) | Tok::FuncName(n) => n.clone(),
            _ => return self.error(),
        };
        if is_special(&name) {
            return Err(format!("line {}: illegal reference to variable {name}", self.line));
        }
        if self.prog.funcs.iter().any(|f| f.name == name) {
            return Err(format!("line {}: redefinition of {name}", self.line));
        }
        self.advance()?;
        self.expect(Tok::LParen)?;
        let mut params: Vec<String> = Vec::new();
        while let Tok::Name(p) = &self.tok {
            let p = p.clone();
            if is_special(&p) {
                return Err(format!("line {}: illegal reference to variable {p}", self.line));
            }
            if params.contains(&p) {
                return Err(format!("line {}: {p} is duplicated in argument list", self.line));
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

    fn stmt(&mut self) -> PResult<Stmt> {
        let line = self.line;
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
                if self.in_begin_end {
                    return Err(format!("line {line}: improper use of {}", self.text));
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
                    return Err(format!("line {line}: return outside function body"));
                }
                self.advance()?;
                let e = if self.ends_simple() { None } else { Some(self.expr()?) };
                Stmt::Return(e)
            }
            Tok::Break | Tok::Continue => {
                if self.loop_depth == 0 {
                    let what = if self.tok == Tok::Break { "break" } else { "continue" };
                    return Err(format!("line {line}: {what} statement outside of loop"));
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
                let v = self.var(&n);
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
                        let v = self.var(&n);
                        let arr = self.var(&a);
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
            return Err(format!("line {}: no arguments in call to printf", self.line));
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
            let arr = self.var(&a);
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
            self.advance()?;
            let rhs = self.unary()?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> PResult<Expr> {
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
                _ => self.power()?,
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
                let re = self.lex.regex(self.tok == Tok::DivAssign)?;
                // Checked here so that an error names the regex's line.
                if let Err(e) = super::regex::translate(&re) {
                    return Err(format!(
                        "line {}: regular expression compile failed ({e})\n{}",
                        self.lex.line,
                        String::from_utf8_lossy(&re)
                    ));
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
                let line = self.line;
                self.advance()?;
                // As in mawk, `f (x)` calls f when f is already defined.
                if self.tok == Tok::LParen && self.prog.funcs.iter().any(|f| f.name == n) {
                    self.advance()?;
                    let args = self.expr_list_until(Tok::RParen)?;
                    return Ok(Expr::Call(n, args, line));
                }
                let v = self.var(&n);
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
                let line = self.line;
                self.advance()?;
                self.expect(Tok::LParen)?;
                let args = self.expr_list_until(Tok::RParen)?;
                Ok(Expr::Call(n, args, line))
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
                let arr = self.var(&a);
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
                let v = self.var(&n);
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
        let line = self.line;
        self.advance()?;
        if self.tok != Tok::LParen {
            if b == Builtin::Length {
                return Ok(Expr::Builtin(b, Vec::new()));
            }
            return self.error();
        }
        self.advance()?;
        let wrong = || format!("line {line}: wrong number of arguments in call to {}", b.name());
        match b {
            Builtin::Split => {
                let saved = self.no_gt;
                self.no_gt = false;
                let r = self.split_args();
                self.no_gt = saved;
                return r.map_err(|e| if e.is_empty() { wrong() } else { e });
            }
            Builtin::Sub | Builtin::Gsub => {
                let mut args = self.expr_list_until(Tok::RParen)?;
                if args.len() < 2 || args.len() > 3 {
                    return Err(wrong());
                }
                let target = if args.len() == 3 {
                    match args.pop() {
                        Some(Expr::Lv(lv)) => lv,
                        Some(Expr::Paren(p)) if matches!(*p, Expr::Lv(_)) => match *p {
                            Expr::Lv(lv) => lv,
                            _ => return self.error(),
                        },
                        _ => return Err(format!("line {line}: type error in arg(3) in call to {}", b.name())),
                    }
                } else {
                    LValue::Field(Box::new(Expr::Num(0.0)))
                };
                let repl = args.pop().unwrap_or(Expr::Str(Vec::new()));
                let re = args.pop().unwrap_or(Expr::Str(Vec::new()));
                return Ok(Expr::Sub(
                    b == Builtin::Gsub,
                    Box::new(re),
                    Box::new(repl),
                    Box::new(target),
                ));
            }
            _ => {}
        }
        let args = self.expr_list_until(Tok::RParen)?;
        let (lo, hi) = b.arity();
        if args.len() < lo || args.len() > hi {
            return Err(wrong());
        }
        if b == Builtin::Length
            && let [Expr::Lv(LValue::Var(v))] = args.as_slice()
        {
            return Ok(Expr::LengthOf(*v));
        }
        Ok(Expr::Builtin(b, args))
    }

    /// `split(s, a [, fs])` after the `(`. An empty error means the
    /// argument count is wrong.
    fn split_args(&mut self) -> PResult<Expr> {
        let s = self.expr()?;
        if self.tok != Tok::Comma {
            return Err(String::new());
        }
        self.advance()?;
        let Tok::Name(a) = self.tok.clone() else {
            return self.error();
        };
        self.advance()?;
        let arr = self.var(&a);
        let fs = if self.tok == Tok::Comma {
            self.advance()?;
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        self.skip_newlines()?;
        if self.tok == Tok::Comma {
            return Err(String::new());
        }
        self.expect(Tok::RParen)?;
        Ok(Expr::Split(Box::new(s), arr, fs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(src: &str) -> String {
        parse(src.as_bytes()).unwrap_err()
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

    #[test]
    fn mawk_errors() {
        assert_eq!(err("BEGIN{x=}"), "line 1: syntax error at or near }");
        assert_eq!(err("BEGIN{print 1,,2}"), "line 1: syntax error at or near ,");
        assert_eq!(err("{ if x }"), "line 1: syntax error at or near x");
        assert_eq!(err("{print $1"), "line 2: missing } near end of file");
        assert_eq!(err("BEGIN { next }"), "line 1: improper use of next");
        assert_eq!(err("BEGIN{return}"), "line 1: return outside function body");
        assert_eq!(err("BEGIN{break}"), "line 1: break statement outside of loop");
        assert_eq!(
            err("BEGIN{print substr(\"a\")}"),
            "line 1: wrong number of arguments in call to substr"
        );
        assert_eq!(err("BEGIN{printf}"), "line 1: no arguments in call to printf");
        assert_eq!(err("function f(x,x){}"), "line 1: x is duplicated in argument list");
        assert_eq!(err("function NR(){}"), "line 1: illegal reference to variable NR");
        assert_eq!(err("\nBEGIN {\n  y = (2\n}"), "line 3: missing ) near end of line");
    }
}
