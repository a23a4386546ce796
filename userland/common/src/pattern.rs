//! Shell patterns: `*`, `?`, bracket expressions, backslash escapes.
//!
//! One matcher serves `case`, `[[ x == p ]]`, the `${x#p}` family and
//! pathname expansion. A pattern is compiled from text in which each
//! character is marked quoted or not: quoted characters always match
//! themselves, which is how `case $x in "*")` matches only a star.
//! Matching is the classic backtracking wildcard match (linear for one
//! star, O(n·m) worst case), over chars, which are bytes in the shell's
//! representation.

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Char(char),
    Any,
    Star,
    Class { negated: bool, items: Vec<ClassItem> },
}

#[derive(Clone, Debug, PartialEq)]
enum ClassItem {
    Char(char),
    Range(char, char),
    Named(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    toks: Vec<Tok>,
}

impl Pattern {
    /// Compile text with every character unquoted.
    pub fn parse(s: &str) -> Pattern {
        let chars: Vec<(char, bool)> = s.chars().map(|c| (c, false)).collect();
        Pattern::compile(&chars)
    }

    /// A pattern that matches exactly `s`.
    pub fn literal(s: &str) -> Pattern {
        Pattern {
            toks: s.chars().map(Tok::Char).collect(),
        }
    }

    /// Compile from characters marked `quoted`.
    pub fn compile(chars: &[(char, bool)]) -> Pattern {
        let mut toks = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (c, quoted) = chars[i];
            i += 1;
            if quoted {
                toks.push(Tok::Char(c));
                continue;
            }
            match c {
                '*' => {
                    if toks.last() != Some(&Tok::Star) {
                        toks.push(Tok::Star);
                    }
                }
                '?' => toks.push(Tok::Any),
                '\\' if i < chars.len() => {
                    toks.push(Tok::Char(chars[i].0));
                    i += 1;
                }
                '[' => match parse_class(&chars[i..]) {
                    Some((tok, used)) => {
                        toks.push(tok);
                        i += used;
                    }
                    None => toks.push(Tok::Char('[')),
                },
                _ => toks.push(Tok::Char(c)),
            }
        }
        Pattern { toks }
    }

    /// True if the pattern has any wildcard (else globbing leaves the word
    /// alone).
    pub fn has_meta(&self) -> bool {
        self.toks.iter().any(|t| !matches!(t, Tok::Char(_)))
    }

    /// The pattern as plain text, when it has no wildcard.
    pub fn as_literal(&self) -> Option<String> {
        self.toks
            .iter()
            .map(|t| match t {
                Tok::Char(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    /// True if the pattern starts with a literal `.` (so it may match
    /// dotfiles).
    pub fn starts_with_dot(&self) -> bool {
        self.toks.first() == Some(&Tok::Char('.'))
    }

    /// True if the whole of `s` matches.
    pub fn matches(&self, s: &str) -> bool {
        let cs: Vec<char> = s.chars().collect();
        self.matches_chars(&cs)
    }

    pub fn matches_chars(&self, s: &[char]) -> bool {
        let p = &self.toks;
        let (mut pi, mut si) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while si < s.len() {
            if pi < p.len() {
                match &p[pi] {
                    Tok::Star => {
                        star = Some((pi, si));
                        pi += 1;
                        continue;
                    }
                    t if single(t, s[si]) => {
                        pi += 1;
                        si += 1;
                        continue;
                    }
                    _ => {}
                }
            }
            match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            }
        }
        p[pi..].iter().all(|t| *t == Tok::Star)
    }

    /// Length (in chars) of the shortest or longest prefix of `s` that
    /// matches.
    pub fn match_prefix(&self, s: &[char], longest: bool) -> Option<usize> {
        let mut lens: Box<dyn Iterator<Item = usize>> = if longest {
            Box::new((0..=s.len()).rev())
        } else {
            Box::new(0..=s.len())
        };
        lens.find(|&n| self.matches_chars(&s[..n]))
    }

    /// Length (in chars) of the shortest or longest suffix of `s` that
    /// matches.
    pub fn match_suffix(&self, s: &[char], longest: bool) -> Option<usize> {
        let mut lens: Box<dyn Iterator<Item = usize>> = if longest {
            Box::new((0..=s.len()).rev())
        } else {
            Box::new(0..=s.len())
        };
        lens.find(|&n| self.matches_chars(&s[s.len() - n..]))
    }

    /// The first match in `s` at or after `from`: the earliest start, and
    /// the longest match there (as `${x/p/r}` replaces). Empty matches are
    /// not reported.
    pub fn find(&self, s: &[char], from: usize) -> Option<(usize, usize)> {
        for start in from..s.len() {
            if let Some(n) = self.match_prefix(&s[start..], true)
                && n > 0
            {
                return Some((start, start + n));
            }
        }
        None
    }
}

fn single(t: &Tok, c: char) -> bool {
    match t {
        Tok::Char(p) => *p == c,
        Tok::Any => true,
        Tok::Class { negated, items } => items.iter().any(|i| class_item(i, c)) != *negated,
        Tok::Star => false,
    }
}

fn class_item(item: &ClassItem, c: char) -> bool {
    match item {
        ClassItem::Char(x) => *x == c,
        ClassItem::Range(a, b) => *a <= c && c <= *b,
        ClassItem::Named(n) => match n.as_str() {
            "alpha" => c.is_ascii_alphabetic(),
            "digit" => c.is_ascii_digit(),
            "alnum" => c.is_ascii_alphanumeric(),
            "upper" => c.is_ascii_uppercase(),
            "lower" => c.is_ascii_lowercase(),
            "space" => matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'),
            "blank" => matches!(c, ' ' | '\t'),
            "punct" => c.is_ascii_punctuation(),
            "print" => (' '..='~').contains(&c),
            "graph" => ('!'..='~').contains(&c),
            "cntrl" => c.is_ascii_control(),
            "xdigit" => c.is_ascii_hexdigit(),
            "word" => c.is_ascii_alphanumeric() || c == '_',
            _ => false,
        },
    }
}

/// Parse a bracket expression after its `[`; answers the token and how many
/// characters it used (including the closing `]`), or `None` if unclosed.
fn parse_class(chars: &[(char, bool)]) -> Option<(Tok, usize)> {
    let mut i = 0;
    let mut negated = false;
    if let Some(&(c, false)) = chars.first()
        && (c == '!' || c == '^')
    {
        negated = true;
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    while i < chars.len() {
        let (c, quoted) = chars[i];
        if c == ']' && !quoted && !first {
            return Some((Tok::Class { negated, items }, i + 1));
        }
        first = false;
        // [:name:]
        if c == '[' && !quoted && chars.get(i + 1).map(|x| x.0) == Some(':') {
            let rest: String = chars[i + 2..].iter().map(|x| x.0).collect();
            if let Some(end) = rest.find(":]") {
                items.push(ClassItem::Named(rest[..end].to_string()));
                i += 2 + end + 2;
                continue;
            }
        }
        let (lo, used) = if c == '\\' && !quoted && i + 1 < chars.len() {
            (chars[i + 1].0, 2)
        } else {
            (c, 1)
        };
        i += used;
        if i + 1 < chars.len() && chars[i] == ('-', false) && chars[i + 1].0 != ']' {
            let hi = chars[i + 1].0;
            items.push(ClassItem::Range(lo, hi));
            i += 2;
        } else {
            items.push(ClassItem::Char(lo));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, s: &str) -> bool {
        Pattern::parse(p).matches(s)
    }

    #[test]
    fn wildcards() {
        assert!(m("*", ""));
        assert!(m("a*c", "abbbc"));
        assert!(!m("a*c", "abbbd"));
        assert!(m("a?c", "abc"));
        assert!(m("*.txt", "x.txt"));
        assert!(m("*a*b*c", "xaxbxc"));
        assert!(!m("*a*b*c", "xaxbx"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "x"));
    }

    #[test]
    fn classes() {
        assert!(m("[abc]", "b"));
        assert!(!m("[!abc]", "b"));
        assert!(m("[^abc]", "d"));
        assert!(m("[a-z]x", "qx"));
        assert!(m("[]]", "]"));
        assert!(m("[[:digit:]]*", "7up"));
        assert!(!m("[[:digit:]]", "x"));
        assert!(m("[", "["), "an unclosed bracket is literal");
        assert!(m("[a-]", "-"));
    }

    #[test]
    fn quoted_chars_are_literal() {
        let p = Pattern::compile(&[('*', true), ('a', false)]);
        assert!(p.matches("*a"));
        assert!(!p.matches("xa"));
        assert!(!p.has_meta());
    }

    #[test]
    fn prefixes_and_suffixes() {
        let s: Vec<char> = "a/b/c".chars().collect();
        assert_eq!(Pattern::parse("*/").match_prefix(&s, false), Some(2));
        assert_eq!(Pattern::parse("*/").match_prefix(&s, true), Some(4));
        assert_eq!(Pattern::parse("/*").match_suffix(&s, false), Some(2));
        assert_eq!(Pattern::parse("/*").match_suffix(&s, true), Some(4));
        assert_eq!(Pattern::parse("b*").find(&s, 0), Some((2, 5)));
    }
}
