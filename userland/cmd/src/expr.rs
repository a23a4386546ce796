//! `expr`: evaluate an expression given as separate arguments.
//!
//! A recursive-descent evaluator with GNU's precedence (lowest first):
//! `|`, `&`, comparisons, `+ -`, `* / %`, `:`, then the prefix keywords
//! `match substr index length +` and parentheses. Like GNU it evaluates
//! lazily: the right side of `|` and `&` is parsed but not computed when
//! the left side decides (so `expr 1 \| 1 / 0` is 1). Integers are
//! 128-bit (GNU's are unbounded); comparisons of integer-looking strings
//! work at any length.

use std::cmp::Ordering;

use common::cli::Cmd;
use common::regex::{Options, Regex, Syntax};

const HELP: &str = "Usage: expr EXPRESSION
  or:  expr OPTION

      --help     display this help and exit
      --version  output version information and exit

Print the value of EXPRESSION to standard output.  A blank line below
separates increasing precedence groups.  EXPRESSION may be:

  ARG1 | ARG2       ARG1 if it is neither null nor 0, otherwise ARG2

  ARG1 & ARG2       ARG1 if neither argument is null or 0, otherwise 0

  ARG1 < ARG2       ARG1 is less than ARG2
  ARG1 <= ARG2      ARG1 is less than or equal to ARG2
  ARG1 = ARG2       ARG1 is equal to ARG2
  ARG1 != ARG2      ARG1 is unequal to ARG2
  ARG1 >= ARG2      ARG1 is greater than or equal to ARG2
  ARG1 > ARG2       ARG1 is greater than ARG2

  ARG1 + ARG2       arithmetic sum of ARG1 and ARG2
  ARG1 - ARG2       arithmetic difference of ARG1 and ARG2

  ARG1 * ARG2       arithmetic product of ARG1 and ARG2
  ARG1 / ARG2       arithmetic quotient of ARG1 divided by ARG2
  ARG1 % ARG2       arithmetic remainder of ARG1 divided by ARG2

  STRING : REGEXP   anchored pattern match of REGEXP in STRING

  match STRING REGEXP        same as STRING : REGEXP
  substr STRING POS LENGTH   substring of STRING, POS counted from 1
  index STRING CHARS         index in STRING where any CHARS is found, or 0
  length STRING              length of STRING
  + TOKEN                    interpret TOKEN as a string, even if it is a
                               keyword like 'match' or an operator like '/'

  ( EXPRESSION )             value of EXPRESSION

Beware that many operators need to be escaped or quoted for shells.
Comparisons are arithmetic if both ARGs are numbers, else lexicographical.
Pattern matches return the string matched between \\( and \\) or null; if
\\( and \\) are not used, they return the number of characters matched or 0.

Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null
or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.
Integers are 128-bit signed numbers.
";

#[derive(Clone, Debug, PartialEq, Eq)]
enum Value {
    Int(i128),
    Str(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Str(s) => s.clone(),
        }
    }

    /// GNU's `null`: 0, the empty string, or a string of zeros (`-0`, `00`).
    fn is_null(&self) -> bool {
        match self {
            Value::Int(i) => *i == 0,
            Value::Str(s) => {
                let digits = s.strip_prefix('-').unwrap_or(s);
                s.is_empty() || (!digits.is_empty() && digits.bytes().all(|b| b == b'0'))
            }
        }
    }

    fn to_int(&self) -> Result<i128, Error> {
        match self {
            Value::Int(i) => Ok(*i),
            Value::Str(s) if looks_like_integer(s) => s.parse().map_err(|_| Error::Invalid("integer too large".into())),
            Value::Str(_) => Err(Error::Invalid("non-integer argument".into())),
        }
    }
}

/// An optional `-` and at least one digit (no `+`, no spaces).
fn looks_like_integer(s: &str) -> bool {
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

/// Compare integer-looking strings of any length.
fn int_cmp(a: &str, b: &str) -> Ordering {
    let (an, ad) = (a.starts_with('-'), a.trim_start_matches('-').trim_start_matches('0'));
    let (bn, bd) = (b.starts_with('-'), b.trim_start_matches('-').trim_start_matches('0'));
    let (an, bn) = (an && !ad.is_empty(), bn && !bd.is_empty());
    let mag = ad.len().cmp(&bd.len()).then_with(|| ad.cmp(bd));
    match (an, bn) {
        (false, false) => mag,
        (true, true) => mag.reverse(),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
    }
}

#[derive(Debug)]
enum Error {
    /// Status 2: syntax errors, bad numbers, division by zero, bad regex.
    Invalid(String),
}

struct Parser<'a> {
    args: &'a [String],
    i: usize,
}

type R = Result<Value, Error>;

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.i).map(String::as_str)
    }

    fn next_is(&mut self, tok: &str) -> bool {
        if self.peek() == Some(tok) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn missing_after(&self) -> Error {
        let prev = self.args.get(self.i.wrapping_sub(1)).map_or("", String::as_str);
        Error::Invalid(format!("syntax error: missing argument after '{prev}'"))
    }

    /// `|`
    fn eval(&mut self, evaluate: bool) -> R {
        let mut l = self.eval1(evaluate)?;
        while self.next_is("|") {
            let r = self.eval1(evaluate && l.is_null())?;
            if l.is_null() {
                l = if r.is_null() { Value::Int(0) } else { r };
            }
        }
        Ok(l)
    }

    /// `&`
    fn eval1(&mut self, evaluate: bool) -> R {
        let mut l = self.eval2(evaluate)?;
        while self.next_is("&") {
            let r = self.eval2(evaluate && !l.is_null())?;
            if l.is_null() || r.is_null() {
                l = Value::Int(0);
            }
        }
        Ok(l)
    }

    /// Comparisons.
    fn eval2(&mut self, evaluate: bool) -> R {
        let mut l = self.eval3(evaluate)?;
        loop {
            let op = match self.peek() {
                Some(op @ ("<" | "<=" | "=" | "==" | "!=" | ">=" | ">")) => op.to_string(),
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.eval3(evaluate)?;
            let mut val = false;
            if evaluate {
                let (a, b) = (l.text(), r.text());
                let ord = if looks_like_integer(&a) && looks_like_integer(&b) {
                    int_cmp(&a, &b)
                } else {
                    a.as_bytes().cmp(b.as_bytes())
                };
                val = match op.as_str() {
                    "<" => ord.is_lt(),
                    "<=" => ord.is_le(),
                    "=" | "==" => ord.is_eq(),
                    "!=" => ord.is_ne(),
                    ">=" => ord.is_ge(),
                    _ => ord.is_gt(),
                };
            }
            l = Value::Int(i128::from(val));
        }
    }

    /// `+ -`
    fn eval3(&mut self, evaluate: bool) -> R {
        let mut l = self.eval4(evaluate)?;
        loop {
            let plus = if self.next_is("+") {
                true
            } else if self.next_is("-") {
                false
            } else {
                return Ok(l);
            };
            let r = self.eval4(evaluate)?;
            if evaluate {
                let (a, b) = (l.to_int()?, r.to_int()?);
                let v = if plus { a.checked_add(b) } else { a.checked_sub(b) };
                l = Value::Int(v.ok_or_else(too_large)?);
            }
        }
    }

    /// `* / %`
    fn eval4(&mut self, evaluate: bool) -> R {
        let mut l = self.eval5(evaluate)?;
        loop {
            let op = match self.peek() {
                Some(op @ ("*" | "/" | "%")) => op.to_string(),
                _ => return Ok(l),
            };
            self.i += 1;
            let r = self.eval5(evaluate)?;
            if evaluate {
                let (a, b) = (l.to_int()?, r.to_int()?);
                if op != "*" && b == 0 {
                    return Err(Error::Invalid("division by zero".into()));
                }
                let v = match op.as_str() {
                    "*" => a.checked_mul(b),
                    "/" => a.checked_div(b),
                    _ => a.checked_rem(b),
                };
                l = Value::Int(v.ok_or_else(too_large)?);
            }
        }
    }

    /// `:`
    fn eval5(&mut self, evaluate: bool) -> R {
        let mut l = self.eval6(evaluate)?;
        while self.next_is(":") {
            let r = self.eval6(evaluate)?;
            if evaluate {
                l = docolon(&l, &r)?;
            }
        }
        Ok(l)
    }

    /// Prefix keywords.
    fn eval6(&mut self, evaluate: bool) -> R {
        if self.peek().is_none() {
            return Err(self.missing_after());
        }
        if self.next_is("+") {
            let Some(tok) = self.peek() else {
                return Err(self.missing_after());
            };
            let v = Value::Str(tok.to_string());
            self.i += 1;
            return Ok(v);
        }
        if self.next_is("length") {
            let r = self.eval6(evaluate)?;
            return Ok(Value::Int(r.text().len() as i128));
        }
        if self.next_is("match") {
            let l = self.eval6(evaluate)?;
            let r = self.eval6(evaluate)?;
            return if evaluate { docolon(&l, &r) } else { Ok(l) };
        }
        if self.next_is("index") {
            let l = self.eval6(evaluate)?.text();
            let r = self.eval6(evaluate)?.text();
            let pos = l.bytes().position(|c| r.as_bytes().contains(&c));
            return Ok(Value::Int(pos.map_or(0, |p| p as i128 + 1)));
        }
        if self.next_is("substr") {
            let s = self.eval6(evaluate)?.text();
            let pos = self.eval6(evaluate)?;
            let len = self.eval6(evaluate)?;
            return Ok(Value::Str(substr(&s, &pos, &len)));
        }
        self.eval7(evaluate)
    }

    /// Parentheses and plain arguments.
    fn eval7(&mut self, evaluate: bool) -> R {
        if self.peek().is_none() {
            return Err(self.missing_after());
        }
        if self.next_is("(") {
            let v = self.eval(evaluate)?;
            if self.next_is(")") {
                return Ok(v);
            }
            return Err(match self.peek() {
                None => {
                    let prev = self.args.get(self.i.wrapping_sub(1)).map_or("", String::as_str);
                    Error::Invalid(format!("syntax error: expecting ')' after '{prev}'"))
                }
                Some(t) => Error::Invalid(format!("syntax error: expecting ')' instead of '{t}'")),
            });
        }
        if self.next_is(")") {
            return Err(Error::Invalid("syntax error: unexpected ')'".into()));
        }
        let v = Value::Str(self.args[self.i].clone());
        self.i += 1;
        Ok(v)
    }
}

fn too_large() -> Error {
    Error::Invalid("integer result too large".into())
}

/// `substr`: bytes POS (from 1) for LENGTH; empty when out of range or
/// not numbers.
fn substr(s: &str, pos: &Value, len: &Value) -> String {
    let (Ok(p), Ok(n)) = (pos.to_int(), len.to_int()) else {
        return String::new();
    };
    let llen = s.len() as i128;
    if p < 1 || p > llen || n < 1 {
        return String::new();
    }
    let start = (p - 1) as usize;
    let take = n.min(llen - p + 1) as usize;
    String::from_utf8_lossy(&s.as_bytes()[start..start + take]).into_owned()
}

/// `STRING : REGEXP`: a BRE anchored at the start; the first group's
/// text if the pattern has groups, else the length of the match.
fn docolon(s: &Value, p: &Value) -> R {
    let (s, p) = (s.text(), p.text());
    let re = Regex::new(p.as_bytes(), Options::new(Syntax::Basic)).map_err(Error::Invalid)?;
    let hay = s.as_bytes();
    let groups = re.groups() > 0;
    let caps = re.captures_at(hay, 0).filter(|c| c[0].is_some_and(|(st, _)| st == 0));
    Ok(match (caps, groups) {
        (Some(c), true) => match c.get(1).copied().flatten() {
            Some((a, b)) => Value::Str(String::from_utf8_lossy(&hay[a..b]).into_owned()),
            None => Value::Str(String::new()),
        },
        (Some(c), false) => Value::Int(c[0].map_or(0, |(a, b)| (b - a) as i128)),
        (None, true) => Value::Str(String::new()),
        (None, false) => Value::Int(0),
    })
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let mut args = cmd.args.clone();
    // GNU expr reads only --help and --version, and only alone; a
    // leading `--` is skipped.
    match args.first().map(String::as_str) {
        Some("--help") if args.len() == 1 => return cmd.help(HELP).await,
        Some("--version") if args.len() == 1 => return cmd.version().await,
        Some("--") => {
            args.remove(0);
        }
        _ => {}
    }
    if args.is_empty() {
        return cmd.usage_error("missing operand", 2).await;
    }
    let mut p = Parser { args: &args, i: 0 };
    let result = p.eval(true).and_then(|v| {
        if let Some(extra) = p.peek() {
            Err(Error::Invalid(format!("syntax error: unexpected argument '{extra}'")))
        } else {
            Ok(v)
        }
    });
    match result {
        Ok(v) => {
            cmd.out.write_str(&format!("{}\n", v.text())).await;
            let status = i32::from(v.is_null());
            cmd.finish(status).await
        }
        Err(Error::Invalid(msg)) => {
            cmd.error(msg).await;
            cmd.finish(2).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(args: &[&str]) -> Result<String, String> {
        let a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut p = Parser { args: &a, i: 0 };
        match p.eval(true) {
            Ok(v) if p.peek().is_none() => Ok(v.text()),
            Ok(_) => Err(format!("unexpected {}", p.peek().unwrap_or(""))),
            Err(Error::Invalid(m)) => Err(m),
        }
    }

    // Expectations from GNU expr 9.1.
    #[test]
    fn precedence_and_arithmetic() {
        assert_eq!(eval(&["5", "+", "3", "*", "2"]).unwrap(), "11");
        assert_eq!(eval(&["(", "1", "+", "2", ")", "*", "3"]).unwrap(), "9");
        assert_eq!(eval(&["-7", "/", "2"]).unwrap(), "-3");
        assert_eq!(eval(&["-7", "%", "2"]).unwrap(), "-1");
        assert_eq!(eval(&["1", "|", "1", "/", "0"]).unwrap(), "1", "lazy |");
        assert_eq!(eval(&["0", "&", "1", "/", "0"]).unwrap(), "0", "lazy &");
        assert_eq!(eval(&["1", "/", "0"]).unwrap_err(), "division by zero");
        assert_eq!(eval(&["a", "+", "1"]).unwrap_err(), "non-integer argument");
        assert_eq!(
            eval(&["1", "+"]).unwrap_err(),
            "syntax error: missing argument after '+'"
        );
    }

    #[test]
    fn comparisons() {
        assert_eq!(eval(&["010", "=", "10"]).unwrap(), "1");
        assert_eq!(eval(&["10", "<", "9"]).unwrap(), "0");
        assert_eq!(eval(&["a", "<", "b"]).unwrap(), "1");
        assert_eq!(
            eval(&["99999999999999999999999999999999999999999", ">", "1"]).unwrap(),
            "1"
        );
        assert_eq!(int_cmp("-5", "-10"), Ordering::Greater);
        assert_eq!(int_cmp("-0", "0"), Ordering::Equal);
    }

    #[test]
    fn strings_and_patterns() {
        assert_eq!(eval(&["abc", ":", "a\\(b\\)"]).unwrap(), "b");
        assert_eq!(eval(&["abc", ":", "b"]).unwrap(), "0", "anchored at the start");
        assert_eq!(eval(&["abc", ":", "a*"]).unwrap(), "1");
        assert_eq!(eval(&["match", "abc", "a."]).unwrap(), "2");
        assert_eq!(eval(&["substr", "hello", "2", "3"]).unwrap(), "ell");
        assert_eq!(eval(&["substr", "hello", "0", "3"]).unwrap(), "");
        assert_eq!(eval(&["index", "hello", "lo"]).unwrap(), "3");
        assert_eq!(eval(&["length", "abc"]).unwrap(), "3");
        assert_eq!(eval(&["+", "length"]).unwrap(), "length");
        assert!(Value::Str("-00".into()).is_null() && !Value::Str("-".into()).is_null());
    }
}
