//! Awk's extended regular expressions, translated onto the shared engine
//! (`common::regex`, which gives POSIX leftmost-longest matches).
//!
//! Awk's dialect differs from grep's ERE: backslash escapes are C-like
//! (`\t`, `\n`, `\/`, `\"`, `\052`, `\x41`), also inside brackets
//! (`[\]]`); outside brackets gawk's GNU operators hold (`\w` `\W` `\s`
//! `\S` `\<` `\>` `\y` `\B` and the buffer anchors `` \` `` `\'`); any
//! other escaped character stands for itself (`\.`); there are no
//! back-references. `.` matches a newline.

use std::collections::HashMap;
use std::sync::Arc;

use common::regex::{Regex, Translated};

/// A bad expression's message, as GNU regex words it (`Unmatched ( or \(`).
pub type ReError = String;

struct Out {
    s: String,
    /// Where the last atom starts (for a quantifier to wrap).
    atom: Option<usize>,
    quantified: bool,
}

fn lit(b: u8) -> String {
    if b.is_ascii_alphanumeric() || b == b'_' || b == b' ' {
        (b as char).to_string()
    } else {
        format!("\\x{b:02X}")
    }
}

/// The byte an escape stands for, and the bytes it used after `\`.
fn escape(p: &[u8]) -> (u8, usize) {
    let Some(&c) = p.first() else {
        return (b'\\', 0);
    };
    match c {
        b'n' => (b'\n', 1),
        b't' => (b'\t', 1),
        b'r' => (b'\r', 1),
        b'f' => (12, 1),
        b'v' => (11, 1),
        b'a' => (7, 1),
        b'b' => (8, 1),
        // gawk: up to two hex digits (none: the letter itself).
        b'x' => {
            let digits = p[1..].iter().take(2).take_while(|d| d.is_ascii_hexdigit()).count();
            if digits == 0 {
                return (b'x', 1);
            }
            let text = std::str::from_utf8(&p[1..1 + digits]).unwrap_or("0");
            (u8::from_str_radix(text, 16).unwrap_or(0), 1 + digits)
        }
        b'0'..=b'7' => {
            let mut v: u32 = 0;
            let mut k = 0;
            while k < 3 && p.get(k).is_some_and(|d| (b'0'..=b'7').contains(d)) {
                v = v * 8 + (p[k] - b'0') as u32;
                k += 1;
            }
            (v as u8, k)
        }
        _ => (c, 1),
    }
}

fn class_body(name: &[u8]) -> Option<&'static str> {
    Some(match name {
        b"alpha" => "A-Za-z",
        b"digit" => "0-9",
        b"alnum" => "0-9A-Za-z",
        b"upper" => "A-Z",
        b"lower" => "a-z",
        b"space" => "\\t\\n\\x0B\\x0C\\r ",
        b"blank" => "\\t ",
        b"punct" => "!-/:-@\\[-`{-~",
        b"print" => "\\x20-\\x7E",
        b"graph" => "\\x21-\\x7E",
        b"cntrl" => "\\x00-\\x1F\\x7F",
        b"xdigit" => "0-9A-Fa-f",
        _ => return None,
    })
}

/// A bracket expression from after its `[`: the class and the index after
/// its `]`.
fn bracket(p: &[u8], mut i: usize, utf8: bool) -> Result<(String, usize), ReError> {
    let mut negate = false;
    if p.get(i) == Some(&b'^') {
        negate = true;
        i += 1;
    }
    let mut items = String::new();
    let mut first = true;
    // One member: a byte (escaped or not), or in characters a UTF-8
    // sequence.
    let member = |i: &mut usize| -> Option<u32> {
        let c = *p.get(*i)?;
        if c == b'\\' && *i + 1 < p.len() {
            let (b, used) = escape(&p[*i + 1..]);
            *i += 1 + used;
            Some(u32::from(b))
        } else if utf8 && c >= 0x80 {
            let (ch, len) = common::locale::decode(&p[*i..]);
            *i += len;
            Some(ch.map_or(u32::from(c), u32::from))
        } else {
            *i += 1;
            Some(u32::from(c))
        }
    };
    let hex = |v: u32| {
        if v < 0x100 {
            format!("\\x{v:02X}")
        } else {
            format!("\\x{{{v:X}}}")
        }
    };
    loop {
        let Some(&c) = p.get(i) else {
            return Err("Unmatched [, [^, [:, [., or [=".to_string());
        };
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        if c == b'['
            && p.get(i + 1) == Some(&b':')
            && let Some(end) = p[i + 2..].windows(2).position(|w| w == b":]")
        {
            let name = &p[i + 2..i + 2 + end];
            let body = if utf8 {
                std::str::from_utf8(name).ok().and_then(common::regex::class_body_utf8)
            } else {
                class_body(name)
            };
            if let Some(body) = body {
                items.push_str(body);
                i += 2 + end + 2;
                continue;
            }
        }
        let start_i = i;
        let Some(lo) = member(&mut i) else {
            return Err("Unmatched [, [^, [:, [., or [=".to_string());
        };
        if p.get(i) == Some(&b'-') && p.get(i + 1).is_some_and(|&e| e != b']') {
            let mut j = i + 1;
            let Some(hi) = member(&mut j) else {
                return Err("Unmatched [, [^, [:, [., or [=".to_string());
            };
            if hi >= lo {
                items.push_str(&format!("{}-{}", hex(lo), hex(hi)));
            }
            i = j;
            continue;
        }
        let _ = start_i;
        items.push_str(&hex(lo));
    }
    if items.is_empty() {
        // `[^]` would be an error in the target syntax: nothing matches
        // an empty class, anything matches its negation.
        return Ok((
            if negate {
                "(?s:.)".into()
            } else {
                "[^\\x00-\\xFF]".into()
            },
            i,
        ));
    }
    Ok((
        if negate {
            format!("[^{items}]")
        } else {
            format!("[{items}]")
        },
        i,
    ))
}

fn interval(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let num = |s: &str| -> Option<Option<u32>> {
        if s.is_empty() {
            Some(None)
        } else if s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok().map(Some)
        } else {
            None
        }
    };
    let (lo, hi, comma) = match text.split_once(',') {
        Some((a, b)) => (num(a)?, num(b)?, true),
        None => {
            let n = num(text)??;
            (Some(n), Some(n), false)
        }
    };
    let lo = lo.unwrap_or(0);
    match (hi, comma) {
        (Some(h), _) if h < lo => None,
        (Some(h), true) => Some(format!("{{{lo},{h}}}")),
        (None, true) => Some(format!("{{{lo},}}")),
        _ => Some(format!("{{{lo}}}")),
    }
}

/// An escaped byte beyond ASCII (`\\351`) or a byte that is not UTF-8,
/// met while reading in characters: the pattern is read again in bytes.
const NEEDS_BYTES: &str = "a byte beyond ASCII";

/// Translate an awk ERE to the engine's syntax: in characters when `utf8`
/// (a UTF-8 locale; `.` and bracket expressions match one character, as
/// in gawk), unless the pattern is not UTF-8 or escapes a byte beyond
/// ASCII (those are read in bytes).
pub fn translate(p: &[u8], utf8: bool) -> Result<Translated, ReError> {
    if utf8 && std::str::from_utf8(p).is_ok() {
        match translate_in(p, true) {
            Err(e) if e == NEEDS_BYTES => {}
            r => return r,
        }
    }
    translate_in(p, false)
}

fn translate_in(p: &[u8], utf8: bool) -> Result<Translated, ReError> {
    let mut out = Out {
        s: String::new(),
        atom: None,
        quantified: false,
    };
    let mut depth = 0usize;
    let mut groups = 0;
    let mut ambiguous = false;
    // At the start of the whole expression, a group or an alternative.
    let mut at_start = true;
    let mut i = 0;
    while i < p.len() {
        let c = p[i];
        let was_start = at_start;
        at_start = false;
        i += 1;
        match c {
            b'\\' if p.get(i).is_some_and(|c| b"wWsS<>yB`'".contains(c)) => {
                let c = p[i];
                i += 1;
                let class = |name: &[u8]| {
                    if utf8 {
                        std::str::from_utf8(name).ok().and_then(common::regex::class_body_utf8)
                    } else {
                        class_body(name)
                    }
                    .unwrap_or("")
                };
                match c {
                    b'w' => push_atom(&mut out, &format!("[{}_]", class(b"alnum"))),
                    b'W' => push_atom(&mut out, &format!("[^{}_]", class(b"alnum"))),
                    b's' => push_atom(&mut out, &format!("[{}]", class(b"space"))),
                    b'S' => push_atom(&mut out, &format!("[^{}]", class(b"space"))),
                    b'<' => other(&mut out, "\\b{start}", &mut at_start, false),
                    b'>' => other(&mut out, "\\b{end}", &mut at_start, false),
                    b'y' => other(&mut out, "\\b", &mut at_start, false),
                    b'B' => other(&mut out, "\\B", &mut at_start, false),
                    b'`' => other(&mut out, "\\A", &mut at_start, false),
                    _ => other(&mut out, "\\z", &mut at_start, false),
                }
            }
            b'\\' => {
                let (b, used) = escape(&p[i..]);
                if utf8 && b >= 0x80 {
                    return Err(NEEDS_BYTES.to_string());
                }
                i += used;
                push_atom(&mut out, &lit(b));
            }
            b'[' => {
                let (class, next) = bracket(p, i, utf8)?;
                push_atom(&mut out, &class);
                i = next;
            }
            b'.' => push_atom(&mut out, "."),
            b'^' => other(&mut out, "^", &mut at_start, was_start),
            b'$' => other(&mut out, "$", &mut at_start, false),
            b'(' => {
                depth += 1;
                groups += 1;
                other(&mut out, "(", &mut at_start, true);
            }
            b')' if depth > 0 => {
                depth -= 1;
                let start = group_start(&out.s);
                out.s.push(')');
                out.atom = Some(start);
                out.quantified = false;
            }
            b')' => push_atom(&mut out, "\\)"),
            // An empty alternative matches the empty string, as in GNU
            // regex.
            b'|' => {
                ambiguous = true;
                other(&mut out, "|", &mut at_start, true);
            }
            b'*' | b'+' | b'?' => {
                // With nothing to repeat it stands for itself.
                if out.atom.is_none() {
                    push_atom(&mut out, &lit(c));
                } else {
                    if out.s.ends_with(')') || c == b'?' {
                        ambiguous = true;
                    }
                    quantify(&mut out, &(c as char).to_string());
                }
            }
            b'{' => {
                let close = p[i..].iter().position(|&b| b == b'}');
                match close.and_then(|k| interval(&p[i..i + k]).map(|q| (k, q))) {
                    Some((k, q)) if out.atom.is_some() => {
                        if out.s.ends_with(')') {
                            ambiguous = true;
                        }
                        quantify(&mut out, &q);
                        i += k + 1;
                    }
                    _ => push_atom(&mut out, "\\{"),
                }
            }
            // A character of several bytes is one atom.
            c if utf8 && c >= 0x80 => {
                let (ch, len) = common::locale::decode(&p[i - 1..]);
                match ch {
                    Some(ch) => push_atom(&mut out, &ch.to_string()),
                    None => return Err(NEEDS_BYTES.to_string()),
                }
                i += len - 1;
            }
            _ => push_atom(&mut out, &lit(c)),
        }
    }
    if depth > 0 {
        return Err("Unmatched ( or \\(".to_string());
    }
    Ok(Translated {
        pattern: format!("(?s{}){}", if utf8 { "" } else { "-u" }, out.s),
        groups,
        backrefs: false,
        ambiguous,
        warnings: Vec::new(),
        utf8,
    })
}

fn push_atom(out: &mut Out, text: &str) {
    out.atom = Some(out.s.len());
    out.quantified = false;
    out.s.push_str(text);
}

fn other(out: &mut Out, text: &str, at_start: &mut bool, start: bool) {
    out.atom = None;
    out.quantified = false;
    out.s.push_str(text);
    *at_start = start;
}

fn quantify(out: &mut Out, q: &str) {
    if let Some(start) = out.atom {
        if out.quantified {
            out.s.insert_str(start, "(?:");
            out.s.push(')');
        }
        out.s.push_str(q);
        out.quantified = true;
    }
}

/// The index of the `(` that a `)` about to be written closes.
fn group_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth = 0;
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        let escaped = {
            let mut n = 0;
            let mut j = i;
            while j > 0 && b[j - 1] == b'\\' {
                n += 1;
                j -= 1;
            }
            n % 2 == 1
        };
        if escaped {
            continue;
        }
        match b[i] {
            b')' => depth += 1,
            b'(' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    0
}

/// Compile in bytes (the C locale).
#[cfg(test)]
pub fn compile(p: &[u8]) -> Result<Regex, ReError> {
    compile_in(p, false)
}

/// Compile in the locale's characters (`utf8`) or bytes.
pub fn compile_in(p: &[u8], utf8: bool) -> Result<Regex, ReError> {
    compile_with(p, utf8, false)
}

/// Compile, matching case-blind when `icase` (IGNORECASE): ASCII letters
/// in bytes, Unicode's simple case folding in characters, as gawk's
/// regex does in the C and UTF-8 locales.
pub fn compile_with(p: &[u8], utf8: bool, icase: bool) -> Result<Regex, ReError> {
    let mut t = translate(p, utf8)?;
    if icase && let Some(rest) = t.pattern.strip_prefix("(?s") {
        t.pattern = format!("(?si{rest}");
    }
    Regex::from_translated(t).map_err(|e| e.to_string())
}

/// Compiled dynamic regexes by their text (bounded).
#[derive(Default)]
pub struct Cache {
    map: HashMap<Vec<u8>, Arc<Regex>>,
    /// Patterns are read in characters (a UTF-8 locale).
    pub utf8: bool,
    /// Patterns match case-blind (IGNORECASE).
    icase: bool,
}

impl Cache {
    pub fn new(utf8: bool) -> Cache {
        Cache::with_case(utf8, false)
    }

    pub fn with_case(utf8: bool, icase: bool) -> Cache {
        Cache {
            map: HashMap::default(),
            utf8,
            icase,
        }
    }

    pub fn get(&mut self, p: &[u8]) -> Result<Arc<Regex>, ReError> {
        if let Some(r) = self.map.get(p) {
            return Ok(r.clone());
        }
        let r = Arc::new(compile_with(p, self.utf8, self.icase)?);
        if self.map.len() >= 500 {
            self.map.clear();
        }
        self.map.insert(p.to_vec(), r.clone());
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(re: &str, hay: &str) -> Option<(usize, usize)> {
        compile(re.as_bytes()).unwrap().find_at(hay.as_bytes(), 0)
    }

    // Checked against mawk 1.3.4.
    #[test]
    fn awk_dialect() {
        assert_eq!(find("a\\.b", "xa.b"), Some((1, 4)));
        assert_eq!(find("\\q", "aqb"), Some((1, 2)), "unknown escapes are literal");
        assert_eq!(find("[a\\]]+", "x]a]"), Some((1, 4)));
        assert_eq!(find("[\\t]", "a\tb"), Some((1, 2)));
        assert_eq!(find("a)", "xa)"), Some((1, 3)));
        assert_eq!(find("a**", "aa"), Some((0, 2)));
        assert_eq!(find("ab|abcd", "abcd"), Some((0, 4)));
        assert_eq!(find("[[:alpha:]]+", "12ab3"), Some((2, 4)));
        assert_eq!(find("a.b", "a\nb"), Some((0, 3)));
        assert_eq!(find("^a", "ba"), None);
        assert_eq!(find("", "x"), Some((0, 0)));
        assert_eq!(find("a{2}", "aaa"), Some((0, 2)));
        assert_eq!(find("a{x", "a{x"), Some((0, 3)));
        assert_eq!(find("\\/", "a/"), Some((1, 2)));
        assert_eq!(find("[^]a]", "]ab"), Some((2, 3)));
    }

    #[test]
    fn case_blind() {
        let f = |re: &str, hay: &str, utf8: bool| {
            compile_with(re.as_bytes(), utf8, true)
                .unwrap()
                .find_at(hay.as_bytes(), 0)
        };
        assert_eq!(f("hello", "HeLLo", false), Some((0, 5)));
        assert_eq!(f("[a-c]+", "xABc", false), Some((1, 4)));
        assert_eq!(f("[\\101]", "a", false), Some((0, 1)));
        assert_eq!(f("\u{e9}", "\u{c9}", true), Some((0, 2)));
        assert_eq!(f("\u{e9}", "\u{c9}", false), None, "bytes fold only ASCII");
        assert!(compile_in(b"a", false).unwrap().find_at(b"A", 0).is_none());
    }

    // gawk 5.2's GNU operators and hex escapes.
    #[test]
    fn gnu_operators() {
        assert_eq!(find("\\w+", "  foo_1 x"), Some((2, 7)));
        assert_eq!(find("\\W", "ab,c"), Some((2, 3)));
        assert_eq!(find("\\s+", "a \t b"), Some((1, 4)));
        assert_eq!(find("\\S+", "  ab "), Some((2, 4)));
        assert_eq!(find("\\<b", "ab b"), Some((3, 4)));
        assert_eq!(find("a\\>", "ab a"), Some((3, 4)));
        assert_eq!(find("\\yb", "ab b"), Some((3, 4)));
        assert_eq!(find("\\Bb", "ab b"), Some((1, 2)));
        assert_eq!(find("\\`a", "ba\na"), None);
        assert_eq!(find("a\\'", "a\nba"), Some((3, 4)));
        assert_eq!(find("\\x62a", "xba"), Some((1, 3)));
        assert_eq!(find("[\\x61-\\x63]+", "xabcd"), Some((1, 4)));
        assert_eq!(find("\\xg", "xg"), Some((0, 2)));
        assert_eq!(find("\\b", "ab"), None, "\\b is a backspace");
        assert_eq!(find("\\w*", "foo bar"), Some((0, 3)));
        let re = compile_in("\\w".as_bytes(), true).unwrap();
        assert_eq!(re.find_at("-\u{e9}".as_bytes(), 0), Some((1, 3)));
    }

    #[test]
    fn errors() {
        assert_eq!(compile(b"(a").err().unwrap(), "Unmatched ( or \\(");
    }

    // As GNU regex (gawk 5.2) reads them.
    #[test]
    fn empty_operands() {
        assert_eq!(find("a|b|", "x"), Some((0, 0)));
        assert_eq!(find("|a", "a"), Some((0, 1)));
        assert_eq!(find("a||b", "b"), Some((0, 1)));
        assert_eq!(find("()", "x"), Some((0, 0)));
        assert_eq!(find("*a", "x*a"), Some((1, 3)));
        assert_eq!(find("+a", "+a"), Some((0, 2)));
        assert_eq!(find("(*a)", "*a"), Some((0, 2)));
    }
}
