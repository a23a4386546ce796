//! Shell arithmetic: `$((...))`, `((...))`, `let`, `declare -i`, array
//! subscripts.
//!
//! 64-bit signed integers with wrapping overflow (as bash's intmax_t), C
//! operators and precedence, short-circuit `&&`, `||` and `?:` (so
//! assignments on the untaken side do not happen). A variable named in an
//! expression is read and, if its value is not a number, evaluated as an
//! expression itself, as bash does (`x=1+2; echo $((x*2))` prints 6).

/// What arithmetic needs from the shell: variables to read and set.
pub trait Vars {
    /// The value of `name` (or `name[index]`); empty when unset.
    fn get(&mut self, name: &str, index: Option<&str>) -> Result<String, String>;
    fn set(&mut self, name: &str, index: Option<&str>, value: i64) -> Result<(), String>;
    /// True if `name` is an associative array (its subscripts are strings).
    fn is_assoc(&self, name: &str) -> bool;
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    /// `name[...]`: the subscript text.
    Indexed(String, String),
    Op(&'static str),
    LParen,
    RParen,
}

const OPS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=",
    "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "=", ",",
];

/// Evaluate `expr` (already expanded text).
pub fn eval(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    eval_depth(expr, vars, 0)
}

const MAX_RECURSION: usize = 1024;

fn eval_depth(expr: &str, vars: &mut dyn Vars, depth: usize) -> Result<i64, String> {
    if depth > MAX_RECURSION {
        return Err(format!(
            "{expr}: expression recursion level exceeded (error token is \"{expr}\")"
        ));
    }
    let toks = tokenize(expr)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut p = Eval {
        toks,
        pos: 0,
        vars,
        src: expr,
        depth,
    };
    let v = p.comma(true)?;
    if p.pos < p.toks.len() {
        return Err(p.error("syntax error in expression"));
    }
    Ok(v)
}

fn tokenize(s: &str) -> Result<Vec<(Tok, usize)>, String> {
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
        if c == '(' {
            out.push((Tok::LParen, start));
            i += 1;
            continue;
        }
        if c == ')' {
            out.push((Tok::RParen, start));
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

struct Eval<'a, 'v> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    vars: &'v mut dyn Vars,
    src: &'a str,
    depth: usize,
}

/// An assignable place: a variable or an array element.
#[derive(Clone)]
struct Place {
    name: String,
    index: Option<String>,
}

impl Eval<'_, '_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn peek_op(&self) -> Option<&'static str> {
        match self.peek() {
            Some(Tok::Op(o)) => Some(o),
            _ => None,
        }
    }

    /// bash's message: the expression, what went wrong, and the text from
    /// the token being looked at (the last token at the end).
    fn error(&self, what: &str) -> String {
        let i = self.pos.min(self.toks.len().saturating_sub(1));
        self.error_at(what, i)
    }

    fn error_at(&self, what: &str, tok: usize) -> String {
        let at = self.toks.get(tok).map_or(self.src.len(), |t| t.1);
        let token: String = self.src.chars().skip(at).collect();
        format!("{}: {what} (error token is \"{}\")", self.src.trim(), token.trim_end())
    }

    fn operand_expected(&self) -> String {
        self.error("syntax error: operand expected")
    }

    /// Evaluate a subscript: arithmetic for indexed arrays, text for
    /// associative ones.
    fn subscript(&mut self, name: &str, sub: &str) -> Result<String, String> {
        if self.vars.is_assoc(name) {
            Ok(sub.to_string())
        } else {
            Ok(eval_depth(sub, self.vars, self.depth + 1)?.to_string())
        }
    }

    fn read(&mut self, place: &Place) -> Result<i64, String> {
        let text = self.vars.get(&place.name, place.index.as_deref())?;
        let text = text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        if let Ok(n) = parse_number(text) {
            return Ok(n);
        }
        eval_depth(text, self.vars, self.depth + 1)
    }

    fn write(&mut self, place: &Place, v: i64) -> Result<(), String> {
        self.vars.set(&place.name, place.index.as_deref(), v)
    }

    // Each level takes `live`: false on the untaken side of && || ?:,
    // where nothing may be changed or divided.

    fn comma(&mut self, live: bool) -> Result<i64, String> {
        let mut v = self.assign(live)?;
        while self.peek_op() == Some(",") {
            self.pos += 1;
            v = self.assign(live)?;
        }
        Ok(v)
    }

    fn assign(&mut self, live: bool) -> Result<i64, String> {
        // An assignment starts with a place and an assignment operator.
        let place = match self.peek() {
            Some(Tok::Name(n)) => Some(Place {
                name: n.clone(),
                index: None,
            }),
            Some(Tok::Indexed(n, s)) => Some(Place {
                name: n.clone(),
                index: Some(s.clone()),
            }),
            _ => None,
        };
        if let Some(mut place) = place
            && let Some((Tok::Op(op), _)) = self.toks.get(self.pos + 1)
            && matches!(
                *op,
                "=" | "*=" | "/=" | "%=" | "+=" | "-=" | "<<=" | ">>=" | "&=" | "^=" | "|="
            )
        {
            let op = *op;
            self.pos += 2;
            let rhs = self.assign(live)?;
            if !live {
                return Ok(0);
            }
            if let Some(sub) = place.index.take() {
                place.index = Some(self.subscript(&place.name, &sub)?);
            }
            let v = if op == "=" {
                rhs
            } else {
                let old = self.read(&place)?;
                self.binop(&op[..op.len() - 1], old, rhs, true)?
            };
            self.write(&place, v)?;
            return Ok(v);
        }
        let v = self.ternary(live)?;
        if matches!(
            self.peek_op(),
            Some("=" | "*=" | "/=" | "%=" | "+=" | "-=" | "<<=" | ">>=" | "&=" | "^=" | "|=")
        ) {
            return Err(self.error("attempted assignment to non-variable"));
        }
        Ok(v)
    }

    fn ternary(&mut self, live: bool) -> Result<i64, String> {
        let cond = self.binary(0, live)?;
        if self.peek_op() != Some("?") {
            return Ok(cond);
        }
        self.pos += 1;
        let a = self.assign(live && cond != 0)?;
        if self.peek_op() != Some(":") {
            return Err(self.error("`:' expected for conditional expression"));
        }
        self.pos += 1;
        let b = self.assign(live && cond == 0)?;
        Ok(if cond != 0 { a } else { b })
    }

    /// Binary operators by precedence level (0 = `||`).
    fn binary(&mut self, level: usize, live: bool) -> Result<i64, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.power(live);
        }
        let mut left = self.binary(level + 1, live)?;
        while let Some(op) = self.peek_op().filter(|o| LEVELS[level].contains(o)) {
            self.pos += 1;
            left = match op {
                "||" => {
                    let right = self.binary(level + 1, live && left == 0)?;
                    i64::from(left != 0 || right != 0)
                }
                "&&" => {
                    let right = self.binary(level + 1, live && left != 0)?;
                    i64::from(left != 0 && right != 0)
                }
                _ => {
                    let rstart = self.pos;
                    let right = self.binary(level + 1, live)?;
                    if live && right == 0 && matches!(op, "/" | "%") {
                        return Err(self.error_at("division by 0", rstart));
                    }
                    self.binop(op, left, right, live)?
                }
            };
        }
        Ok(left)
    }

    fn binop(&self, op: &str, a: i64, b: i64, live: bool) -> Result<i64, String> {
        Ok(match op {
            "+" => a.wrapping_add(b),
            "-" => a.wrapping_sub(b),
            "*" => a.wrapping_mul(b),
            "/" | "%" => {
                if b == 0 {
                    // Reached only from compound assignments (`x /= 0`);
                    // `a / 0` is reported where the operand is known.
                    if !live {
                        return Ok(0);
                    }
                    return Err(self.error("division by 0"));
                }
                if op == "/" {
                    a.wrapping_div(b)
                } else {
                    a.wrapping_rem(b)
                }
            }
            "<<" => a.wrapping_shl(b as u32),
            ">>" => a.wrapping_shr(b as u32),
            "<" => i64::from(a < b),
            ">" => i64::from(a > b),
            "<=" => i64::from(a <= b),
            ">=" => i64::from(a >= b),
            "==" => i64::from(a == b),
            "!=" => i64::from(a != b),
            "&" => a & b,
            "^" => a ^ b,
            "|" => a | b,
            "**" => {
                if b < 0 {
                    return Err(self.error_at("exponent less than 0", self.pos - 1));
                }
                a.wrapping_pow(b.min(u32::MAX as i64) as u32)
            }
            _ => return Err(self.error("syntax error in expression")),
        })
    }

    /// `**`, right-associative, above the multiplicative operators.
    fn power(&mut self, live: bool) -> Result<i64, String> {
        let base = self.unary(live)?;
        if self.peek_op() == Some("**") {
            self.pos += 1;
            let exp = self.power(live)?;
            return self.binop("**", base, exp, live);
        }
        Ok(base)
    }

    fn unary(&mut self, live: bool) -> Result<i64, String> {
        match self.peek_op() {
            Some("-") => {
                self.pos += 1;
                Ok(self.unary(live)?.wrapping_neg())
            }
            Some("+") => {
                self.pos += 1;
                self.unary(live)
            }
            Some("!") => {
                self.pos += 1;
                Ok(i64::from(self.unary(live)? == 0))
            }
            Some("~") => {
                self.pos += 1;
                Ok(!self.unary(live)?)
            }
            Some(op @ ("++" | "--")) => {
                self.pos += 1;
                let mut place = self.place().ok_or_else(|| self.operand_expected())?;
                if !live {
                    return Ok(0);
                }
                self.resolve(&mut place)?;
                let v = self.read(&place)?;
                let v = if op == "++" {
                    v.wrapping_add(1)
                } else {
                    v.wrapping_sub(1)
                };
                self.write(&place, v)?;
                Ok(v)
            }
            _ => self.postfix(live),
        }
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

    fn resolve(&mut self, place: &mut Place) -> Result<(), String> {
        if let Some(sub) = place.index.take() {
            place.index = Some(self.subscript(&place.name, &sub)?);
        }
        Ok(())
    }

    fn postfix(&mut self, live: bool) -> Result<i64, String> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                let n = *n;
                self.pos += 1;
                if matches!(self.peek(), Some(Tok::Num(_) | Tok::Name(_) | Tok::Indexed(..))) {
                    return Err(self.error("syntax error in expression"));
                }
                Ok(n)
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let v = self.comma(live)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.error("missing `)'"));
                }
                self.pos += 1;
                Ok(v)
            }
            Some(Tok::Name(_) | Tok::Indexed(..)) => {
                let mut place = self.place().expect("peeked a name");
                if !live {
                    if matches!(self.peek_op(), Some("++" | "--")) {
                        self.pos += 1;
                    }
                    return Ok(0);
                }
                self.resolve(&mut place)?;
                let v = self.read(&place)?;
                match self.peek_op() {
                    Some(op @ ("++" | "--")) => {
                        self.pos += 1;
                        let nv = if op == "++" {
                            v.wrapping_add(1)
                        } else {
                            v.wrapping_sub(1)
                        };
                        self.write(&place, nv)?;
                        Ok(v)
                    }
                    _ => Ok(v),
                }
            }
            _ => Err(self.operand_expected()),
        }
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
        assert_eq!(ev("1, 2, 3"), Ok(3));
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
        // The untaken side changes nothing.
        assert_eq!(eval("0 && (y = 1)", &mut m), Ok(0));
        assert!(!m.0.contains_key("y"));
        assert_eq!(eval("1 || 1/0", &mut m), Ok(1));
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
    }
}
