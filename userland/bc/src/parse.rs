//! bc's grammar (POSIX, with GNU bc's extensions: long names, `else`,
//! `print`, `continue`, `halt`, `read()`, `last`, `&&`/`||`/`!`,
//! relations anywhere, `#` comments, `return x`, `*a[]` parameters).
//! Operator precedence is GNU's yacc table: `||` < `&&` < `!` <
//! relations < assignment < `+ -` < `* / %` < `^` < unary `-` < `++ --`.

use std::sync::Arc;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(String),
    Name(String),
    Str(String),
    Op(&'static str),
    Newline,
    Semi,
    Eof,
}

pub const KEYWORDS: &[&str] = &[
    "auto", "break", "continue", "define", "else", "for", "halt", "ibase", "if", "last", "length", "limits", "obase",
    "print", "quit", "read", "return", "scale", "sqrt", "while",
];

/// A syntax error at a line, or input that ends inside a construct (read
/// more and try again).
#[derive(Debug, PartialEq)]
pub enum Error {
    Syntax(usize, String),
    Incomplete,
    /// `quit` was read: bc ends here, whatever surrounds it.
    Quit,
}

const OPS: &[&str] = &[
    "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "==", "<=", ">=", "!=", "&&", "||", "+", "-", "*", "/", "%", "^",
    "=", "<", ">", "!", "(", ")", "[", "]", "{", "}", ",",
];

/// A token, its line, and the byte offset where it starts.
pub type Token = (Tok, usize, usize);

/// Split `src` into tokens with their lines and offsets.
pub fn lex(src: &str, first_line: usize) -> Result<Vec<Token>, Error> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = first_line;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\x0c' => i += 1,
            b'\\' if b.get(i + 1) == Some(&b'\n') => {
                i += 2;
                line += 1;
            }
            b'\n' => {
                // GNU counts the newline as read when it reports an error
                // at it: the error is on the next line.
                out.push((Tok::Newline, line + 1, i));
                line += 1;
                i += 1;
            }
            b';' => {
                out.push((Tok::Semi, line, i));
                i += 1;
            }
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                loop {
                    if i + 1 >= b.len() {
                        return Err(Error::Incomplete);
                    }
                    if b[i] == b'*' && b[i + 1] == b'/' {
                        i += 2;
                        break;
                    }
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    j += 1;
                }
                if j >= b.len() {
                    return Err(Error::Incomplete);
                }
                let text = &src[start..j];
                out.push((Tok::Str(text.to_string()), line, start - 1));
                line += text.matches('\n').count();
                i = j + 1;
            }
            b'0'..=b'9' | b'A'..=b'Z' | b'.' => {
                let start = i;
                let mut seen_dot = false;
                let mut text = String::new();
                while i < b.len() {
                    match b[i] {
                        b'0'..=b'9' | b'A'..=b'Z' => text.push(b[i] as char),
                        b'.' if !seen_dot => {
                            seen_dot = true;
                            text.push('.');
                        }
                        b'\\' if b.get(i + 1) == Some(&b'\n') => {
                            i += 1;
                            line += 1;
                        }
                        _ => break,
                    }
                    i += 1;
                }
                if text == "." {
                    out.push((Tok::Name("last".into()), line, start));
                } else {
                    out.push((Tok::Num(text), line, start));
                }
            }
            b'a'..=b'z' | b'_' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'a'..=b'z' | b'0'..=b'9' | b'_') {
                    i += 1;
                }
                out.push((Tok::Name(src[start..i].to_string()), line, start));
            }
            _ => {
                let rest = &src[i..];
                match OPS.iter().find(|op| rest.starts_with(**op)) {
                    Some(op) => {
                        out.push((Tok::Op(op), line, i));
                        i += op.len();
                    }
                    None => {
                        let ch = rest.chars().next().unwrap_or('?');
                        return Err(Error::Syntax(line, format!("illegal character: {ch}")));
                    }
                }
            }
        }
    }
    out.push((Tok::Eof, line, b.len()));
    Ok(out)
}

#[derive(Clone, Debug)]
pub enum Expr {
    Num(Arc<str>),
    Load(Place),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// `place = e` or `place op= e` (`op` without the `=`).
    Assign(Place, Option<&'static str>, Box<Expr>),
    /// `++x`, `x--`...: the place, +1 or -1, whether the new value is the
    /// result.
    Step(Place, i64, bool),
    Call(String, Vec<Arg>),
    Length(Box<Expr>),
    ScaleOf(Box<Expr>),
    Sqrt(Box<Expr>),
    Read,
}

#[derive(Clone, Debug)]
pub enum Place {
    Var(String),
    Elem(String, Box<Expr>),
    Scale,
    Ibase,
    Obase,
    Last,
}

#[derive(Clone, Debug)]
pub enum Arg {
    Value(Expr),
    Array(String),
}

#[derive(Clone, Debug)]
pub enum PrintItem {
    Str(String),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub enum Stmt {
    Expr(Expr),
    Str(String),
    Print(Vec<PrintItem>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    For(Option<Expr>, Option<Expr>, Option<Expr>, Box<Stmt>),
    Block(Vec<Stmt>),
    Break,
    Continue,
    Return(Option<Expr>),
    Halt,
    Limits,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub array: bool,
    /// `*a[]`: the caller's array itself, not a copy.
    pub by_ref: bool,
}

#[derive(Clone, Debug)]
pub struct Func {
    pub params: Vec<Param>,
    pub autos: Vec<(String, bool)>,
    pub body: Vec<Stmt>,
}

/// One top-level item.
#[derive(Debug)]
pub enum Item {
    Stmt(Stmt, usize),
    Define(String, Arc<Func>),
}

pub struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// Loops around the current statement (break/continue need one).
    loops: usize,
    in_func: bool,
}

type Res<T> = Result<T, Error>;

impl Parser {
    pub fn new(toks: Vec<Token>) -> Parser {
        Parser {
            toks,
            pos: 0,
            loops: 0,
            in_func: false,
        }
    }

    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }

    fn line(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn is_name(&self, name: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == name)
    }

    fn error<T>(&self) -> Res<T> {
        match self.peek() {
            Tok::Eof => Err(Error::Incomplete),
            _ => Err(Error::Syntax(self.line(), "syntax error".into())),
        }
    }

    fn expect(&mut self, op: &str) -> Res<()> {
        if self.is_op(op) {
            self.pos += 1;
            Ok(())
        } else {
            self.error()
        }
    }

    fn skip_newlines(&mut self) {
        while *self.peek() == Tok::Newline {
            self.pos += 1;
        }
    }

    /// The byte offset of the next token.
    pub fn offset(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].2
    }

    /// Skip to just after the next newline (error recovery).
    pub fn recover(&mut self) {
        while !matches!(self.peek(), Tok::Newline | Tok::Eof) {
            self.pos += 1;
        }
        if *self.peek() == Tok::Newline {
            self.pos += 1;
        }
    }

    /// The next top-level item; `None` at the end of the tokens.
    pub fn item(&mut self) -> Res<Option<Item>> {
        loop {
            match self.peek() {
                Tok::Newline | Tok::Semi => self.pos += 1,
                Tok::Eof => return Ok(None),
                _ => break,
            }
        }
        if self.is_name("quit") {
            return Err(Error::Quit);
        }
        let line = self.line();
        if self.is_name("define") {
            self.pos += 1;
            let (name, f) = self.define()?;
            return Ok(Some(Item::Define(name, f)));
        }
        let s = self.stmt()?;
        self.end_of_stmt()?;
        Ok(Some(Item::Stmt(s, line)))
    }

    fn end_of_stmt(&mut self) -> Res<()> {
        match self.peek() {
            Tok::Newline | Tok::Semi => {
                self.pos += 1;
                Ok(())
            }
            Tok::Eof => Err(Error::Incomplete),
            Tok::Op("}") => Ok(()),
            _ => self.error(),
        }
    }

    fn name(&mut self) -> Res<String> {
        match self.next() {
            Tok::Name(n) if !KEYWORDS.contains(&n.as_str()) => Ok(n),
            _ => {
                self.pos -= 1;
                self.error()
            }
        }
    }

    fn define(&mut self) -> Res<(String, Arc<Func>)> {
        let name = self.name()?;
        self.expect("(")?;
        let mut params = Vec::new();
        while !self.is_op(")") {
            let by_ref = self.is_op("*");
            if by_ref {
                self.pos += 1;
            }
            let pname = self.name()?;
            let array = self.is_op("[");
            if array {
                self.pos += 1;
                self.expect("]")?;
            } else if by_ref {
                return self.error();
            }
            params.push(Param {
                name: pname,
                array,
                by_ref,
            });
            if !self.is_op(")") {
                self.expect(",")?;
            }
        }
        self.pos += 1;
        self.skip_newlines();
        self.expect("{")?;
        self.skip_newlines();
        let mut autos = Vec::new();
        if self.is_name("auto") {
            self.pos += 1;
            loop {
                let aname = self.name()?;
                let array = self.is_op("[");
                if array {
                    self.pos += 1;
                    self.expect("]")?;
                }
                autos.push((aname, array));
                if self.is_op(",") {
                    self.pos += 1;
                } else {
                    break;
                }
            }
            match self.peek() {
                Tok::Newline | Tok::Semi => self.pos += 1,
                _ => return self.error(),
            }
        }
        let was = self.in_func;
        self.in_func = true;
        let body = self.stmts_until_brace();
        self.in_func = was;
        let body = body?;
        Ok((name, Arc::new(Func { params, autos, body })))
    }

    /// Statements up to the closing `}` (consumed).
    fn stmts_until_brace(&mut self) -> Res<Vec<Stmt>> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                Tok::Newline | Tok::Semi => self.pos += 1,
                Tok::Op("}") => {
                    self.pos += 1;
                    return Ok(out);
                }
                Tok::Eof => return Err(Error::Incomplete),
                Tok::Name(n) if n == "quit" => return Err(Error::Quit),
                _ => {
                    out.push(self.stmt()?);
                    self.end_of_stmt()?;
                }
            }
        }
    }

    fn stmt(&mut self) -> Res<Stmt> {
        let tok = self.peek().clone();
        match tok {
            Tok::Str(s) => {
                self.pos += 1;
                Ok(Stmt::Str(s))
            }
            Tok::Op("{") => {
                self.pos += 1;
                Ok(Stmt::Block(self.stmts_until_brace()?))
            }
            Tok::Newline | Tok::Semi => Ok(Stmt::Block(Vec::new())),
            Tok::Name(n) => match n.as_str() {
                "quit" => Err(Error::Quit),
                "if" => {
                    self.pos += 1;
                    self.expect("(")?;
                    let cond = self.expr()?;
                    self.expect(")")?;
                    self.skip_newlines();
                    let then = self.stmt()?;
                    let otherwise = if self.is_name("else") {
                        self.pos += 1;
                        self.skip_newlines();
                        Some(Box::new(self.stmt()?))
                    } else {
                        None
                    };
                    Ok(Stmt::If(cond, Box::new(then), otherwise))
                }
                "while" => {
                    self.pos += 1;
                    self.expect("(")?;
                    let cond = self.expr()?;
                    self.expect(")")?;
                    self.skip_newlines();
                    let body = self.loop_body()?;
                    Ok(Stmt::While(cond, Box::new(body)))
                }
                "for" => {
                    self.pos += 1;
                    self.expect("(")?;
                    let init = self.opt_expr(";")?;
                    self.expect_semi()?;
                    let cond = self.opt_expr(";")?;
                    self.expect_semi()?;
                    let step = self.opt_expr(")")?;
                    self.expect(")")?;
                    self.skip_newlines();
                    let body = self.loop_body()?;
                    Ok(Stmt::For(init, cond, step, Box::new(body)))
                }
                "break" | "continue" => {
                    if self.loops == 0 {
                        return self.error();
                    }
                    self.pos += 1;
                    Ok(if n == "break" { Stmt::Break } else { Stmt::Continue })
                }
                "return" => {
                    if !self.in_func {
                        return self.error();
                    }
                    self.pos += 1;
                    match self.peek() {
                        Tok::Newline | Tok::Semi | Tok::Op("}") | Tok::Eof => Ok(Stmt::Return(None)),
                        _ => Ok(Stmt::Return(Some(self.expr()?))),
                    }
                }
                "halt" => {
                    self.pos += 1;
                    Ok(Stmt::Halt)
                }
                "limits" => {
                    self.pos += 1;
                    Ok(Stmt::Limits)
                }
                "print" => {
                    self.pos += 1;
                    let mut items = Vec::new();
                    loop {
                        match self.peek().clone() {
                            Tok::Str(s) => {
                                self.pos += 1;
                                items.push(PrintItem::Str(s));
                            }
                            _ => items.push(PrintItem::Expr(self.expr()?)),
                        }
                        if self.is_op(",") {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    Ok(Stmt::Print(items))
                }
                _ => Ok(Stmt::Expr(self.expr()?)),
            },
            _ => Ok(Stmt::Expr(self.expr()?)),
        }
    }

    fn loop_body(&mut self) -> Res<Stmt> {
        self.loops += 1;
        let body = self.stmt();
        self.loops -= 1;
        body
    }

    fn expect_semi(&mut self) -> Res<()> {
        if *self.peek() == Tok::Semi {
            self.pos += 1;
            Ok(())
        } else {
            self.error()
        }
    }

    fn opt_expr(&mut self, end: &str) -> Res<Option<Expr>> {
        let at_end = match self.peek() {
            Tok::Semi => end == ";",
            Tok::Op(o) => *o == end,
            _ => false,
        };
        if at_end { Ok(None) } else { Ok(Some(self.expr()?)) }
    }

    pub fn expr(&mut self) -> Res<Expr> {
        let mut left = self.and()?;
        while self.is_op("||") {
            self.pos += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Res<Expr> {
        let mut left = self.not()?;
        while self.is_op("&&") {
            self.pos += 1;
            let right = self.not()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not(&mut self) -> Res<Expr> {
        if self.is_op("!") {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.rel()
    }

    fn rel(&mut self) -> Res<Expr> {
        let mut left = self.assign()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("==" | "!=" | "<" | "<=" | ">" | ">=")) => *o,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.assign()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn assign(&mut self) -> Res<Expr> {
        let start = self.pos;
        if let Ok(place) = self.place() {
            let op = match self.peek() {
                Tok::Op("=") => Some(None),
                Tok::Op("+=") => Some(Some("+")),
                Tok::Op("-=") => Some(Some("-")),
                Tok::Op("*=") => Some(Some("*")),
                Tok::Op("/=") => Some(Some("/")),
                Tok::Op("%=") => Some(Some("%")),
                Tok::Op("^=") => Some(Some("^")),
                _ => None,
            };
            if let Some(op) = op {
                self.pos += 1;
                let value = self.assign()?;
                return Ok(Expr::Assign(place, op, Box::new(value)));
            }
        }
        self.pos = start;
        self.additive()
    }

    fn additive(&mut self) -> Res<Expr> {
        let mut left = self.term()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("+" | "-")) => *o,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.term()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn term(&mut self) -> Res<Expr> {
        let mut left = self.power()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("*" | "/" | "%")) => *o,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.power()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
    }

    fn power(&mut self) -> Res<Expr> {
        let base = self.unary()?;
        if self.is_op("^") {
            self.pos += 1;
            let exp = self.power()?;
            return Ok(Expr::Bin("^", Box::new(base), Box::new(exp)));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Res<Expr> {
        if self.is_op("-") {
            self.pos += 1;
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        for (op, delta) in [("++", 1), ("--", -1)] {
            if self.is_op(op) {
                self.pos += 1;
                let place = self.place()?;
                return Ok(Expr::Step(place, delta, true));
            }
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Res<Expr> {
        let start = self.pos;
        if let Ok(place) = self.place() {
            for (op, delta) in [("++", 1), ("--", -1)] {
                if self.is_op(op) {
                    self.pos += 1;
                    return Ok(Expr::Step(place, delta, false));
                }
            }
            if !self.is_op("(") {
                return Ok(Expr::Load(place));
            }
        }
        self.pos = start;
        self.primary()
    }

    /// A variable, an array element, or one of the special variables.
    fn place(&mut self) -> Res<Place> {
        let Tok::Name(n) = self.peek().clone() else {
            return self.error();
        };
        let place = match n.as_str() {
            "scale" if !self.next_is_paren() => Place::Scale,
            "ibase" => Place::Ibase,
            "obase" => Place::Obase,
            "last" => Place::Last,
            _ if KEYWORDS.contains(&n.as_str()) => return self.error(),
            _ => {
                self.pos += 1;
                if self.is_op("[") {
                    self.pos += 1;
                    let index = self.expr()?;
                    self.expect("]")?;
                    return Ok(Place::Elem(n, Box::new(index)));
                }
                if self.is_op("(") {
                    self.pos -= 1;
                    return self.error();
                }
                return Ok(Place::Var(n));
            }
        };
        self.pos += 1;
        Ok(place)
    }

    fn next_is_paren(&self) -> bool {
        matches!(self.toks.get(self.pos + 1), Some((Tok::Op("("), _, _)))
    }

    fn primary(&mut self) -> Res<Expr> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Num(n.into())),
            Tok::Op("(") => {
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Name(n) => {
                let builtin = |p: &mut Parser, f: fn(Box<Expr>) -> Expr| -> Res<Expr> {
                    p.expect("(")?;
                    let e = p.expr()?;
                    p.expect(")")?;
                    Ok(f(Box::new(e)))
                };
                match n.as_str() {
                    "length" => builtin(self, Expr::Length),
                    "sqrt" => builtin(self, Expr::Sqrt),
                    "scale" => builtin(self, Expr::ScaleOf),
                    "read" => {
                        self.expect("(")?;
                        self.expect(")")?;
                        Ok(Expr::Read)
                    }
                    _ if KEYWORDS.contains(&n.as_str()) => {
                        self.pos -= 1;
                        self.error()
                    }
                    _ => {
                        self.expect("(")?;
                        let mut args = Vec::new();
                        while !self.is_op(")") {
                            // `a[]` passes the whole array.
                            let is_array = matches!(self.peek(), Tok::Name(_))
                                && matches!(self.toks.get(self.pos + 1), Some((Tok::Op("["), _, _)))
                                && matches!(self.toks.get(self.pos + 2), Some((Tok::Op("]"), _, _)));
                            if is_array {
                                let name = self.name()?;
                                self.pos += 2;
                                args.push(Arg::Array(name));
                            } else {
                                args.push(Arg::Value(self.expr()?));
                            }
                            if !self.is_op(")") {
                                self.expect(",")?;
                            }
                        }
                        self.pos += 1;
                        Ok(Expr::Call(n, args))
                    }
                }
            }
            _ => {
                self.pos -= 1;
                self.error()
            }
        }
    }
}
