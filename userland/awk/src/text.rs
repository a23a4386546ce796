//! The string builtins as gawk runs them, counting in the locale's
//! characters (bytes under `C`, UTF-8 sequences under a UTF-8 locale,
//! each invalid byte one character): `length`, `substr`, `index`, and
//! the substitution behind `sub`, `gsub` and `gensub` (case mapping is
//! `common::locale::change_case`).

use common::locale::{self, Charset};
use common::regex::Regex;

/// `substr(s, start [, len])`: positions truncate toward zero; a start
/// before 1 is 1 (the length is not shortened, as in gawk); a length
/// below 1 (or NaN) gives "".
pub fn substr(s: &[u8], start: f64, len: Option<f64>, charset: Charset) -> &[u8] {
    // NaN compares false: no length at all.
    if let Some(l) = len
        && l.partial_cmp(&1.0).is_none_or(|o| o.is_lt())
    {
        return &s[..0];
    }
    let start = if start >= 1.0 { start } else { 1.0 };
    let first = (start - 1.0).min(usize::MAX as f64) as usize;
    let from = locale::byte_offset(s, first, charset);
    let rest = &s[from..];
    match len {
        Some(l) => &rest[..locale::byte_offset(rest, l.min(usize::MAX as f64) as usize, charset)],
        None => rest,
    }
}

/// `index(s, t)`: where `t` starts in `s`, in characters from 1; 0 when
/// it is absent (the empty string is at 1).
pub fn index(s: &[u8], t: &[u8], charset: Charset) -> usize {
    if t.is_empty() {
        return 1;
    }
    match charset {
        Charset::Bytes => memchr::memmem::find(s, t).map_or(0, |i| i + 1),
        // A match must start on a character boundary.
        Charset::Utf8 => locale::units(s, charset)
            .position(|u| s[u.start..].starts_with(t))
            .map_or(0, |i| i + 1),
    }
}

/// Text folded for comparing case-blind: ASCII letters in bytes (the C
/// locale), Unicode's lower case in characters.
fn fold(s: &[u8], charset: Charset) -> std::borrow::Cow<'_, [u8]> {
    match charset {
        Charset::Bytes if !s.iter().any(u8::is_ascii_uppercase) => s.into(),
        Charset::Bytes => s.to_ascii_lowercase().into(),
        Charset::Utf8 => locale::change_case(s, false, charset).into(),
    }
}

/// Strings compared case-blind (IGNORECASE).
pub fn cmp_icase(x: &[u8], y: &[u8], charset: Charset) -> std::cmp::Ordering {
    fold(x, charset).cmp(&fold(y, charset))
}

/// `index(s, t)` under IGNORECASE.
pub fn index_icase(s: &[u8], t: &[u8], charset: Charset) -> usize {
    if t.is_empty() {
        return 1;
    }
    match charset {
        Charset::Bytes => {
            let t = t.to_ascii_lowercase();
            s.windows(t.len())
                .position(|w| w.eq_ignore_ascii_case(&t))
                .map_or(0, |i| i + 1)
        }
        Charset::Utf8 => {
            let t = fold(t, charset);
            let n = locale::char_count(&t, charset);
            // Compare character by character from each character start.
            locale::units(s, charset)
                .position(|u| {
                    let rest = &s[u.start..];
                    let end = locale::byte_offset(rest, n, charset);
                    fold(&rest[..end], charset) == t
                })
                .map_or(0, |i| i + 1)
        }
    }
}

/// A byte position as a character count from the start.
pub fn char_pos(s: &[u8], byte: usize, charset: Charset) -> usize {
    locale::char_count(&s[..byte], charset)
}

/// Which matches a substitution replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// `sub`: the first; `gensub` with a number: the nth.
    Nth(usize),
    /// `gsub`, `gensub` with "g".
    All,
}

/// How the replacement text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repl {
    /// sub/gsub: `&` is the match, `\&` a literal `&`, `\\&` a backslash
    /// and the match, `\\\&` a literal `\&`, `\\\\` two backslashes.
    Classic,
    /// gensub: also `\0` to `\9` for groups, and `\q` is `q`.
    Groups,
}

/// Replace matches of `re` in `s`. Answers the new text and how many
/// matches were replaced.
pub fn substitute(re: &Regex, s: &[u8], repl: &[u8], which: Which, mode: Repl, charset: Charset) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(s.len());
    let mut n = 0;
    let mut seen = 0;
    let mut pos = 0;
    // End of the last non-empty replaced match: an empty match right
    // there does not count.
    let mut last_end: Option<usize> = None;
    let next_char = |at: usize| locale::units(&s[at..], charset).next().map_or(1, |u| u.len);
    while pos <= s.len() {
        let caps = match mode {
            Repl::Classic => re.find_at(s, pos).map(|m| vec![Some(m)]),
            Repl::Groups => re.captures_at(s, pos),
        };
        let Some(caps) = caps else {
            break;
        };
        let Some((b, e)) = caps[0] else {
            break;
        };
        if b == e && last_end == Some(b) {
            // An empty match right after the previous one.
            if b < s.len() {
                let k = next_char(b);
                out.extend_from_slice(&s[pos..b + k]);
                pos = b + k;
            } else {
                out.extend_from_slice(&s[pos..b]);
                pos = b + 1;
            }
            last_end = None;
            continue;
        }
        seen += 1;
        let wanted = match which {
            Which::All => true,
            Which::Nth(k) => seen == k,
        };
        out.extend_from_slice(&s[pos..b]);
        if wanted {
            expand(&mut out, repl, s, &caps, mode);
            n += 1;
            last_end = (e > b).then_some(e);
        } else {
            out.extend_from_slice(&s[b..e]);
            last_end = None;
        }
        if b == e {
            if b < s.len() {
                let k = next_char(b);
                out.extend_from_slice(&s[b..b + k]);
                pos = b + k;
            } else {
                pos = b + 1;
            }
        } else {
            pos = e;
        }
        if wanted && which != Which::All {
            break;
        }
    }
    if pos <= s.len() {
        out.extend_from_slice(&s[pos..]);
    }
    (out, n)
}

/// The replacement for one match (`caps[0]`) into `out`.
fn expand(out: &mut Vec<u8>, repl: &[u8], s: &[u8], caps: &[Option<(usize, usize)>], mode: Repl) {
    let group = |out: &mut Vec<u8>, g: usize| {
        if let Some(Some((b, e))) = caps.get(g) {
            out.extend_from_slice(&s[*b..*e]);
        }
    };
    let mut i = 0;
    while i < repl.len() {
        let c = repl[i];
        if c == b'&' {
            group(out, 0);
            i += 1;
            continue;
        }
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let rest = &repl[i..];
        match mode {
            Repl::Groups => match rest.get(1) {
                Some(d) if d.is_ascii_digit() => {
                    group(out, (d - b'0') as usize);
                    i += 2;
                }
                Some(&q) => {
                    out.push(q);
                    i += 2;
                }
                None => {
                    out.push(b'\\');
                    i += 1;
                }
            },
            Repl::Classic => {
                if rest.starts_with(b"\\\\\\&") || rest.starts_with(b"\\\\\\\\") {
                    out.push(b'\\');
                    out.push(rest[3]);
                    i += 4;
                } else if rest.starts_with(b"\\\\&") {
                    out.push(b'\\');
                    group(out, 0);
                    i += 3;
                } else if rest.get(1) == Some(&b'&') {
                    out.push(b'&');
                    i += 2;
                } else {
                    out.push(b'\\');
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Charset = Charset::Bytes;
    const U: Charset = Charset::Utf8;

    fn sub(re: &str, s: &str, r: &str, which: Which, mode: Repl) -> (String, usize) {
        let re = super::super::regex::compile(re.as_bytes()).unwrap();
        let (o, n) = substitute(&re, s.as_bytes(), r.as_bytes(), which, mode, B);
        (String::from_utf8(o).unwrap(), n)
    }

    fn gsub(re: &str, s: &str, r: &str) -> (String, usize) {
        sub(re, s, r, Which::All, Repl::Classic)
    }

    // Expectations from gawk 5.2.
    #[test]
    fn substitution() {
        assert_eq!(gsub("x*", "abc", "-"), ("-a-b-c-".into(), 4));
        assert_eq!(gsub("", "abc", "-"), ("-a-b-c-".into(), 4));
        assert_eq!(gsub("a", "aaa", "&&"), ("aaaaaa".into(), 3));
        assert_eq!(gsub("l*", "hello", "X"), ("XhXeXoX".into(), 4));
        assert_eq!(gsub("b", "abc", "[&|\\&|\\\\&]"), ("a[b|&|\\b]c".into(), 1));
        assert_eq!(gsub("a", "a", "x\\y"), ("x\\y".into(), 1));
        assert_eq!(gsub("a", "a", "x\\\\y"), ("x\\\\y".into(), 1));
        assert_eq!(gsub("a", "a", "x\\\\\\&y"), ("x\\&y".into(), 1));
        assert_eq!(gsub("a", "a", "\\q"), ("\\q".into(), 1));
        assert_eq!(sub("a", "aaa", "b", Which::Nth(1), Repl::Classic), ("baa".into(), 1));
    }

    #[test]
    fn gensub_groups() {
        let g = |re: &str, r: &str, which: Which, s: &str| sub(re, s, r, which, Repl::Groups).0;
        assert_eq!(
            g("(a)(b)?", "<\\1|\\2|\\0|&|\\\\|\\q>", Which::All, "xaab"),
            "x<a||a|a|\\|q><a|b|ab|ab|\\|q>"
        );
        assert_eq!(g("o", "0", Which::Nth(2), "foo boo"), "fo0 boo");
        assert_eq!(g("o", "0", Which::All, "foo boo"), "f00 b00");
        assert_eq!(g("(x)*", "[\\1]", Which::All, "ab"), "[]a[]b[]");
    }

    #[test]
    fn characters() {
        let s = "a\u{e9}\u{65e5}b".as_bytes();
        assert_eq!(substr(s, 2.0, Some(2.0), U), "\u{e9}\u{65e5}".as_bytes());
        assert_eq!(substr(s, 2.0, Some(2.0), B), b"\xc3\xa9");
        assert_eq!(index(s, b"b", U), 4);
        assert_eq!(index(s, b"b", B), 7);
        assert_eq!(index(s, b"", U), 1);
        assert_eq!(
            locale::change_case("\u{e9}a\u{df}".as_bytes(), true, U),
            "\u{c9}A\u{df}".as_bytes()
        );
        assert_eq!(locale::change_case("\u{c9}".as_bytes(), false, B), "\u{c9}".as_bytes());
        let re = super::super::regex::compile(b"").unwrap();
        let (o, n) = substitute(&re, "\u{e9}".as_bytes(), b"-", Which::All, Repl::Classic, U);
        assert_eq!((String::from_utf8(o).unwrap(), n), ("-\u{e9}-".into(), 2));
    }

    // gawk 5.2 under IGNORECASE=1.
    #[test]
    fn case_blind() {
        use std::cmp::Ordering::*;
        assert_eq!(index_icase(b"Hello", b"LL", B), 3);
        assert_eq!(index_icase(b"Hello", b"x", B), 0);
        assert_eq!(index_icase(b"Hello", b"", B), 1);
        assert_eq!(index_icase("x\u{c9}t\u{e9}".as_bytes(), "\u{e9}T".as_bytes(), U), 2);
        assert_eq!(cmp_icase(b"ab", b"AB", B), Equal);
        assert_eq!(cmp_icase(b"ab", b"AC", B), Less);
        assert_eq!(cmp_icase(b"B", b"a", B), Greater);
        assert_eq!(cmp_icase("\u{e9}".as_bytes(), "\u{c9}".as_bytes(), U), Equal);
        assert_eq!(cmp_icase("\u{e9}".as_bytes(), "\u{c9}".as_bytes(), B), Greater);
    }

    // gawk 5.2 (the table of its substr rules).
    #[test]
    fn gawk_substr() {
        let t = |a: f64, b: Option<f64>| String::from_utf8(substr(b"hello", a, b, B).to_vec()).unwrap();
        assert_eq!(t(0.0, None), "hello");
        assert_eq!(t(0.0, Some(3.0)), "hel");
        assert_eq!(t(-1.0, Some(3.0)), "hel");
        assert_eq!(t(1.5, Some(2.0)), "he");
        assert_eq!(t(2.5, None), "ello");
        assert_eq!(t(2.0, Some(1.5)), "e");
        assert_eq!(t(1.0, Some(1.6)), "h");
        assert_eq!(t(3.0, Some(100.0)), "llo");
        assert_eq!(t(6.0, None), "");
        assert_eq!(t(1.0, Some(0.5)), "");
        assert_eq!(t(f64::NAN, Some(2.0)), "he");
        assert_eq!(t(1.0, Some(f64::NAN)), "");
    }
}
