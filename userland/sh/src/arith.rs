//! Shell arithmetic: `$((...))`, `((...))`, `let`, `declare -i`, array
//! subscripts.
//!
//! 64-bit signed integers with wrapping overflow (as bash's intmax_t), C
//! operators and precedence, short-circuit `&&`, `||` and `?:` (the
//! untaken side is never evaluated, so its assignments do not happen). A
//! variable named in an expression is read and, if its value is not a
//! number, evaluated as an expression itself, as bash does (`x=1+2; echo
//! $((x*2))` prints 6).
//!
//! An expression is parsed once (a Pratt parser) into a tree that is then
//! evaluated; [`Cache`] keeps parsed trees by text so a loop's condition is
//! parsed once. Error messages are bash's, naming the expression and the
//! text from the offending token.

use std::collections::HashMap;
use std::sync::Arc;

/// What arithmetic needs from the shell: variables to read and set.
pub trait Vars {
    /// The value of `name` (or `name[index]`); empty when unset.
    fn get(&mut self, name: &str, index: Option<&str>) -> Result<String, String>;
    fn set(&mut self, name: &str, index: Option<&str>, value: i64) -> Result<(), String>;
    /// True if `name` is an associative array (its subscripts are strings).
    fn is_assoc(&self, name: &str) -> bool;
}

/// Parsed expressions by text.
#[derive(Clone)]
pub struct Cache {
    map: HashMap<String, Arc<Parsed>>,
    /// How deep an expression may nest (the process's `nest` limit).
    max_nest: usize,
}

/// Expressions kept before the cache is emptied (bounded memory for
/// scripts that build expressions dynamically).
const CACHE_MAX: usize = 512;

impl Default for Cache {
    fn default() -> Cache {
        Cache::new(kernel::Limits::standard().max_nest)
    }
}

impl Cache {
    /// A cache for expressions nesting at most `max_nest` deep.
    pub fn new(max_nest: usize) -> Cache {
        Cache {
            map: HashMap::new(),
            max_nest,
        }
    }

    /// The nesting limit expressions are parsed under.
    pub fn max_nest(&self) -> usize {
        self.max_nest
    }

    fn get(&mut self, src: &str) -> Result<Arc<Parsed>, String> {
        if let Some(p) = self.map.get(src) {
            return Ok(p.clone());
        }
        let p = Arc::new(parse(src, self.max_nest)?);
        if self.map.len() >= CACHE_MAX {
            self.map.clear();
        }
        self.map.insert(src.to_string(), p.clone());
        Ok(p)
    }
}

/// A parsed expression and its source (for messages).
pub struct Parsed {
    src: String,
    /// Token start offsets (chars), for error tokens.
    starts: Vec<usize>,
    expr: Option<Expr>,
    /// The tree's height: evaluating it takes as many frames.
    height: usize,
}

#[derive(Clone, Debug)]
enum Expr {
    Num(i64),
    Place(Place),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    BitNot(Box<Expr>),
    /// `++x` / `--x` (`true` for increment).
    Pre(Place, bool),
    /// `x++` / `x--`.
    Post(Place, bool),
    /// An operator with the index of its right operand's first token.
    Binary(Op, Box<Expr>, Box<Expr>, usize),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `x = e`, `x += e`, ...
    Assign(Option<Op>, Place, Box<Expr>, usize),
    Comma(Box<Expr>, Box<Expr>),
}

#[derive(Clone, Debug)]
struct Place {
    name: String,
    /// A subscript's text, evaluated (or not, for associative arrays) when
    /// used.
    index: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    Indexed(String, String),
    Op(&'static str),
    LParen,
    RParen,
}

const OPS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=",
    "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "=", ",",
];

/// Evaluate `expr` (already expanded text) without a cache.
pub fn eval(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    eval_cached(expr, vars, &mut Cache::default())
}

/// Evaluate `expr`, parsing it only if `cache` has not seen it.
pub fn eval_cached(expr: &str, vars: &mut dyn Vars, cache: &mut Cache) -> Result<i64, String> {
    let parsed = cache.get(expr)?;
    let mut ev = Eval {
        vars,
        p: &parsed,
        cache,
        depth: 0,
        frames: 0,
    };
    ev.run()
}

fn tokenize(s: &str, max_nest: usize) -> Result<Vec<(Tok, usize)>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '#' || cs[i] == '_' || cs[i] == '@') {
                i += 1;
            }
            let text: String = cs[start..i].iter().collect();
            let n = parse_number(&text).map_err(|e| format!("{text}: {e} (error token is \"{text}\")"))?;
            out.push((Tok::Num(n), start));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            let name: String = cs[start..i].iter().collect();
            if i < cs.len() && cs[i] == '[' {
                let mut depth = 0;
                let mut j = i;
                while j < cs.len() {
                    match cs[j] {
                        // Each level is evaluated in turn: `a[a[a[...]]]`
                        // nests as deep as it has brackets.
                        '[' if depth >= max_nest => {
                            let limit = kernel::limits::reached("nest", max_nest as u64);
                            return Err(format!("{name}: {limit}"));
                        }
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if j >= cs.len() {
                    let rest: String = cs[start..].iter().collect();
                    return Err(format!("{s}: bad array subscript (error token is \"{rest}\")"));
                }
                let sub: String = cs[i + 1..j].iter().collect();
                out.push((Tok::Indexed(name, sub), start));
                i = j + 1;
            } else {
                out.push((Tok::Name(name), start));
            }
            continue;
        }
        if c == '(' || c == ')' {
            out.push((if c == '(' { Tok::LParen } else { Tok::RParen }, start));
            i += 1;
            continue;
        }
        let rest: String = cs[i..cs.len().min(i + 3)].iter().collect();
        match OPS.iter().find(|op| rest.starts_with(*op)) {
            Some(op) => {
                out.push((Tok::Op(op), start));
                i += op.len();
            }
            None => {
                let tail: String = cs[i..].iter().collect();
                return Err(format!(
                    "{s}: syntax error: invalid arithmetic operator (error token is \"{tail}\")"
                ));
            }
        }
    }
    Ok(out)
}

/// `123`, `0x1f`, `017`, `2#1011`, `36#z`, `64#@`.
pub fn parse_number(text: &str) -> Result<i64, &'static str> {
    let (base, digits) = if let Some((b, d)) = text.split_once('#') {
        let base: u32 = b.parse().map_err(|_| "invalid number")?;
        if !(2..=64).contains(&base) {
            return Err("invalid arithmetic base");
        }
        (base, d)
    } else if let Some(h) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        (16, h)
    } else if text.len() > 1 && text.starts_with('0') {
        (8, &text[1..])
    } else {
        (10, text)
    };
    if digits.is_empty() {
        return Err("invalid number");
    }
    let mut v: i64 = 0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' if base <= 36 => c as u32 - 'A' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 36,
            '@' => 62,
            '_' => 63,
            _ => return Err("invalid number"),
        };
        if d >= base {
            return Err("value too great for base");
        }
        v = v.wrapping_mul(i64::from(base)).wrapping_add(i64::from(d));
    }
    Ok(v)
}

// ---- parsing ----

fn parse(src: &str, max_nest: usize) -> Result<Parsed, String> {
    let toks = tokenize(src, max_nest)?;
    let starts = toks.iter().map(|t| t.1).collect();
    if toks.is_empty() {
        return Ok(Parsed {
            src: src.to_string(),
            starts,
            expr: None,
            height: 0,
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        src,
        depth: 0,
        height: 0,
        max_nest,
    };
    let e = p.expr(0)?;
    if p.pos < p.toks.len() {
        return Err(p.error("syntax error in expression"));
    }
    Ok(Parsed {
        src: src.to_string(),
        starts,
        expr: Some(e),
        height: p.height,
    })
}

/// A precedence-climbing parser. Both the parser's recursion (`depth`)
/// and the height of the tree it builds (`height`, of the expression
/// returned last: `1+1+...` is built by a loop but evaluated and dropped
/// recursively) stay within `max_nest`.
struct Parser<'a> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    src: &'a str,
    depth: usize,
    height: usize,
    max_nest: usize,
}

/// bash's message: the expression, what went wrong, and the text from the
/// token at `tok` (the last token at the end).
fn message(src: &str, starts: &[usize], what: &str, tok: usize) -> String {
    let at = starts.get(tok).copied().unwrap_or(src.chars().count());
    let token: String = src.chars().skip(at).collect();
    format!("{}: {what} (error token is \"{}\")", src.trim(), token.trim_end())
}

/// Binding powers: (left, right). Right-associative operators bind
/// tighter on the left.
fn infix(op: &str) -> Option<(u8, u8)> {
    Some(match op {
        "," => (1, 2),
        "=" | "*=" | "/=" | "%=" | "+=" | "-=" | "<<=" | ">>=" | "&=" | "^=" | "|=" => (4, 3),
        "?" => (6, 5),
        "||" => (7, 8),
        "&&" => (9, 10),
        "|" => (11, 12),
        "^" => (13, 14),
        "&" => (15, 16),
        "==" | "!=" => (17, 18),
        "<" | ">" | "<=" | ">=" => (19, 20),
        "<<" | ">>" => (21, 22),
        "+" | "-" => (23, 24),
        "*" | "/" | "%" => (25, 26),
        "**" => (28, 27),
        _ => return None,
    })
}

const UNARY_BP: u8 = 29;

fn binop(op: &str) -> Option<Op> {
    Some(match op {
        "+" => Op::Add,
        "-" => Op::Sub,
        "*" => Op::Mul,
        "/" => Op::Div,
        "%" => Op::Rem,
        "**" => Op::Pow,
        "<<" => Op::Shl,
        ">>" => Op::Shr,
        "<" => Op::Lt,
        ">" => Op::Gt,
        "<=" => Op::Le,
        ">=" => Op::Ge,
        "==" => Op::Eq,
        "!=" => Op::Ne,
        "&" => Op::BitAnd,
        "^" => Op::BitXor,
        "|" => Op::BitOr,
        _ => return None,
    })
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn error(&self, what: &str) -> String {
        let starts: Vec<usize> = self.toks.iter().map(|t| t.1).collect();
        let i = self.pos.min(self.toks.len().saturating_sub(1));
        message(self.src, &starts, what, i)
    }

    fn place(&mut self) -> Option<Place> {
        let p = match self.peek()? {
            Tok::Name(n) => Place {
                name: n.clone(),
                index: None,
            },
            Tok::Indexed(n, s) => Place {
                name: n.clone(),
                index: Some(s.clone()),
            },
            _ => return None,
        };
        self.pos += 1;
        Some(p)
    }

    /// A node of height `h` has been built: refused past the limit.
    fn node(&mut self, h: usize) -> Result<(), String> {
        self.height = h;
        if h > self.max_nest {
            return Err(self.error(&kernel::limits::reached("nest", self.max_nest as u64)));
        }
        Ok(())
    }

    fn expr(&mut self, min_bp: u8) -> Result<Expr, String> {
        self.depth += 1;
        if self.depth > self.max_nest {
            return Err(self.error(&kernel::limits::reached("nest", self.max_nest as u64)));
        }
        let e = self.expr_inner(min_bp)?;
        self.depth -= 1;
        Ok(e)
    }

    fn expr_inner(&mut self, min_bp: u8) -> Result<Expr, String> {
        let mut lhs = self.prefix()?;
        loop {
            let lh = self.height;
            let op = match self.peek() {
                Some(Tok::Op(op)) => *op,
                Some(Tok::RParen) | None => break,
                _ => return Err(self.error("syntax error in expression")),
            };
            let Some((lbp, rbp)) = infix(op) else {
                if op == ":" {
                    // Ends the middle of a `?:`; the caller checks for it.
                    break;
                }
                return Err(self.error("syntax error in expression"));
            };
            if lbp < min_bp {
                break;
            }
            let op_at = self.pos;
            self.pos += 1;
            let rstart = self.pos;
            lhs = match op {
                "?" => {
                    let a = self.expr(0)?;
                    let ah = self.height;
                    if self.peek() != Some(&Tok::Op(":")) {
                        return Err(self.error("`:' expected for conditional expression"));
                    }
                    self.pos += 1;
                    let b = self.expr(rbp)?;
                    self.height = self.height.max(ah);
                    Expr::Cond(Box::new(lhs), Box::new(a), Box::new(b))
                }
                "," => Expr::Comma(Box::new(lhs), Box::new(self.expr(rbp)?)),
                "&&" => Expr::And(Box::new(lhs), Box::new(self.expr(rbp)?)),
                "||" => Expr::Or(Box::new(lhs), Box::new(self.expr(rbp)?)),
                _ if op.ends_with('=') && !matches!(op, "==" | "!=" | "<=" | ">=") => {
                    let Expr::Place(place) = lhs else {
                        self.pos = op_at;
                        return Err(self.error("attempted assignment to non-variable"));
                    };
                    let compound = binop(&op[..op.len() - 1]);
                    let rhs = self.expr(rbp)?;
                    Expr::Assign(compound, place, Box::new(rhs), rstart)
                }
                _ => {
                    let b = binop(op).expect("infix operators are binary ops");
                    let rhs = self.expr(rbp)?;
                    // `**` reports its exponent's last token.
                    let at = if b == Op::Pow { self.pos - 1 } else { rstart };
                    Expr::Binary(b, Box::new(lhs), Box::new(rhs), at)
                }
            };
            self.node(lh.max(self.height) + 1)?;
        }
        Ok(lhs)
    }

    fn prefix(&mut self) -> Result<Expr, String> {
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                if matches!(self.peek(), Some(Tok::Num(_) | Tok::Name(_) | Tok::Indexed(..))) {
                    return Err(self.error("syntax error in expression"));
                }
                self.height = 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.expr(0)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.error("missing `)'"));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Name(_) | Tok::Indexed(..)) => {
                let place = self.place().expect("peeked a name");
                self.height = 1;
                match self.peek() {
                    Some(Tok::Op(op @ ("++" | "--"))) => {
                        let inc = *op == "++";
                        self.pos += 1;
                        Ok(Expr::Post(place, inc))
                    }
                    _ => Ok(Expr::Place(place)),
                }
            }
            Some(Tok::Op(op)) => {
                self.pos += 1;
                match op {
                    "++" | "--" => match self.place() {
                        Some(place) => {
                            self.height = 1;
                            Ok(Expr::Pre(place, op == "++"))
                        }
                        None => Err(self.error("syntax error: operand expected")),
                    },
                    "+" => self.expr(UNARY_BP),
                    "-" | "!" | "~" => {
                        let e = Box::new(self.expr(UNARY_BP)?);
                        self.node(self.height + 1)?;
                        Ok(match op {
                            "-" => Expr::Neg(e),
                            "!" => Expr::Not(e),
                            _ => Expr::BitNot(e),
                        })
                    }
                    _ => {
                        self.pos -= 1;
                        Err(self.error("syntax error: operand expected"))
                    }
                }
            }
            Some(Tok::RParen) | None => Err(self.error("syntax error: operand expected")),
        }
    }
}

// ---- evaluation ----

const MAX_RECURSION: usize = 1024;

/// An evaluation. `depth` counts variables whose values are evaluated in
/// turn (bash's 1024 levels); `frames`, the evaluator's frames below this
/// one, so that nested values of deep expressions stay within the stack.
struct Eval<'a> {
    vars: &'a mut dyn Vars,
    p: &'a Parsed,
    cache: &'a mut Cache,
    depth: usize,
    frames: usize,
}

impl Eval<'_> {
    fn run(&mut self) -> Result<i64, String> {
        match &self.p.expr {
            None => Ok(0),
            Some(e) => self.eval(e),
        }
    }

    fn error_at(&self, what: &str, tok: usize) -> String {
        message(&self.p.src, &self.p.starts, what, tok)
    }

    /// A variable's value: a number, or an expression evaluated in turn.
    fn value_of(&mut self, text: &str) -> Result<i64, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(0);
        }
        if let Ok(n) = parse_number(t) {
            return Ok(n);
        }
        let frames = self.frames + self.p.height + 1;
        let parsed = self.cache.get(t)?;
        if self.depth >= MAX_RECURSION || frames + parsed.height > 4 * self.cache.max_nest.max(MAX_RECURSION) {
            return Err(format!(
                "{t}: expression recursion level exceeded (error token is \"{t}\")"
            ));
        }
        let mut inner = Eval {
            vars: &mut *self.vars,
            p: &parsed,
            cache: &mut *self.cache,
            depth: self.depth + 1,
            frames,
        };
        inner.run()
    }

    /// Evaluate a place's subscript (text for associative arrays).
    fn index(&mut self, place: &Place) -> Result<Option<String>, String> {
        match &place.index {
            None => Ok(None),
            Some(sub) if self.vars.is_assoc(&place.name) => Ok(Some(sub.clone())),
            Some(sub) => Ok(Some(self.value_of(sub)?.to_string())),
        }
    }

    fn read(&mut self, place: &Place) -> Result<i64, String> {
        let idx = self.index(place)?;
        let text = self.vars.get(&place.name, idx.as_deref())?;
        self.value_of(&text)
    }

    fn write(&mut self, place: &Place, idx: Option<&str>, v: i64) -> Result<(), String> {
        self.vars.set(&place.name, idx, v)
    }

    fn eval(&mut self, e: &Expr) -> Result<i64, String> {
        Ok(match e {
            Expr::Num(n) => *n,
            Expr::Place(p) => self.read(p)?,
            Expr::Neg(e) => self.eval(e)?.wrapping_neg(),
            Expr::Not(e) => i64::from(self.eval(e)? == 0),
            Expr::BitNot(e) => !self.eval(e)?,
            Expr::Pre(p, inc) | Expr::Post(p, inc) => {
                let idx = self.index(p)?;
                let text = self.vars.get(&p.name, idx.as_deref())?;
                let old = self.value_of(&text)?;
                let new = if *inc { old.wrapping_add(1) } else { old.wrapping_sub(1) };
                self.write(p, idx.as_deref(), new)?;
                if matches!(e, Expr::Pre(..)) { new } else { old }
            }
            Expr::And(a, b) => i64::from(self.eval(a)? != 0 && self.eval(b)? != 0),
            Expr::Or(a, b) => i64::from(self.eval(a)? != 0 || self.eval(b)? != 0),
            Expr::Cond(c, a, b) => {
                if self.eval(c)? != 0 {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Comma(a, b) => {
                self.eval(a)?;
                self.eval(b)?
            }
            Expr::Binary(op, a, b, at) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                self.apply(*op, x, y, *at)?
            }
            Expr::Assign(op, p, rhs, at) => {
                let v = self.eval(rhs)?;
                let idx = self.index(p)?;
                let v = match op {
                    None => v,
                    Some(op) => {
                        let text = self.vars.get(&p.name, idx.as_deref())?;
                        let old = self.value_of(&text)?;
                        self.apply(*op, old, v, *at)?
                    }
                };
                self.write(p, idx.as_deref(), v)?;
                v
            }
        })
    }

    fn apply(&self, op: Op, a: i64, b: i64, at: usize) -> Result<i64, String> {
        Ok(match op {
            Op::Add => a.wrapping_add(b),
            Op::Sub => a.wrapping_sub(b),
            Op::Mul => a.wrapping_mul(b),
            Op::Div | Op::Rem => {
                if b == 0 {
                    return Err(self.error_at("division by 0", at));
                }
                if op == Op::Div {
                    a.wrapping_div(b)
                } else {
                    a.wrapping_rem(b)
                }
            }
            Op::Pow => {
                if b < 0 {
                    return Err(self.error_at("exponent less than 0", at));
                }
                a.wrapping_pow(b.min(u32::MAX as i64) as u32)
            }
            Op::Shl => a.wrapping_shl(b as u32),
            Op::Shr => a.wrapping_shr(b as u32),
            Op::Lt => i64::from(a < b),
            Op::Gt => i64::from(a > b),
            Op::Le => i64::from(a <= b),
            Op::Ge => i64::from(a >= b),
            Op::Eq => i64::from(a == b),
            Op::Ne => i64::from(a != b),
            Op::BitAnd => a & b,
            Op::BitXor => a ^ b,
            Op::BitOr => a | b,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[derive(Default)]
    struct Map(HashMap<String, String>);

    impl Vars for Map {
        fn get(&mut self, name: &str, index: Option<&str>) -> Result<String, String> {
            let key = match index {
                Some(i) => format!("{name}[{i}]"),
                None => name.to_string(),
            };
            Ok(self.0.get(&key).cloned().unwrap_or_default())
        }
        fn set(&mut self, name: &str, index: Option<&str>, value: i64) -> Result<(), String> {
            let key = match index {
                Some(i) => format!("{name}[{i}]"),
                None => name.to_string(),
            };
            self.0.insert(key, value.to_string());
            Ok(())
        }
        fn is_assoc(&self, _: &str) -> bool {
            false
        }
    }

    fn ev(s: &str) -> Result<i64, String> {
        eval(s, &mut Map::default())
    }

    #[test]
    fn precedence() {
        assert_eq!(ev("1 + 2 * 3"), Ok(7));
        assert_eq!(ev("(1 + 2) * 3"), Ok(9));
        assert_eq!(ev("2 ** 3 ** 2"), Ok(512));
        assert_eq!(ev("-2 ** 2"), Ok(4));
        assert_eq!(ev("7 / 2"), Ok(3));
        assert_eq!(ev("-7 % 3"), Ok(-1));
        assert_eq!(ev("1 << 4 | 1"), Ok(17));
        assert_eq!(ev("!0 && ~0"), Ok(1));
        assert_eq!(ev("3 > 2 ? 10 : 20"), Ok(10));
        assert_eq!(ev("0 ? 1 : 0 ? 2 : 3"), Ok(3));
        assert_eq!(ev("1, 2, 3"), Ok(3));
        assert_eq!(ev("1 - 2 - 3"), Ok(-4));
        assert_eq!(ev("2 * 3 % 4"), Ok(2));
        assert_eq!(ev(""), Ok(0));
    }

    #[test]
    fn bases() {
        assert_eq!(ev("0x1f + 017 + 2#101 + 36#z"), Ok(31 + 15 + 5 + 35));
        assert!(ev("08").unwrap_err().contains("value too great for base"));
    }

    #[test]
    fn variables_and_assignment() {
        let mut m = Map::default();
        assert_eq!(eval("x = 5, x += 2, x++", &mut m), Ok(7));
        assert_eq!(m.0["x"], "8");
        m.0.insert("e".into(), "x*2".into());
        assert_eq!(eval("e + 1", &mut m), Ok(17));
        assert_eq!(eval("a[1+1] = 4", &mut m), Ok(4));
        assert_eq!(m.0["a[2]"], "4");
        assert_eq!(eval("y = z = 3", &mut m), Ok(3));
        assert_eq!(m.0["y"], "3");
        // The untaken side changes nothing.
        assert_eq!(eval("0 && (q = 1)", &mut m), Ok(0));
        assert!(!m.0.contains_key("q"));
        assert_eq!(eval("1 || 1/0", &mut m), Ok(1));
        assert_eq!(eval("1 ? 2 : (q = 9)", &mut m), Ok(2));
        assert!(!m.0.contains_key("q"));
    }

    #[test]
    fn self_reference_stops_at_the_recursion_limit() {
        // Each level re-enters the evaluator; sh runs on a big stack, the
        // default test thread is too small for 1024 unoptimised levels.
        let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(|| {
            let mut m = Map::default();
            m.0.insert("r".into(), "r".into());
            eval("r", &mut m)
        });
        let got = worker.unwrap().join().unwrap();
        assert!(got.unwrap_err().contains("recursion"));
    }

    #[test]
    fn errors_read_as_bash_prints_them() {
        let cases = [
            ("1 +", "syntax error: operand expected (error token is \"+\")"),
            ("1/0", "division by 0 (error token is \"0\")"),
            ("1 2", "syntax error in expression (error token is \"2\")"),
            ("x +* 2", "syntax error: operand expected (error token is \"* 2\")"),
            ("2 ** -1", "exponent less than 0 (error token is \"1\")"),
            (
                "1 ? 2",
                "`:' expected for conditional expression (error token is \"2\")",
            ),
            ("a b c", "syntax error in expression (error token is \"b c\")"),
            ("3 + 4 / (2 - 2)", "division by 0 (error token is \"(2 - 2)\")"),
            ("1 = 2", "attempted assignment to non-variable (error token is \"= 2\")"),
        ];
        for (e, want) in cases {
            assert_eq!(ev(e).unwrap_err(), format!("{e}: {want}"), "{e}");
        }
        assert!(ev("08").unwrap_err().starts_with("08: value too great for base"));
        assert!(ev("(1").unwrap_err().contains("missing"));
    }

    #[test]
    fn the_cache_parses_once() {
        let mut cache = Cache::default();
        let mut m = Map::default();
        for i in 0..10 {
            assert_eq!(eval_cached("i += 1", &mut m, &mut cache), Ok(i + 1));
        }
        assert_eq!(cache.map.len(), 1);
    }
}
