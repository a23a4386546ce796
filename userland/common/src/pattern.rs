//! Shell patterns: `*`, `?`, bracket expressions, backslash escapes, and
//! with [`Opts::extglob`] bash's `?(a|b)`, `*(..)`, `+(..)`, `@(..)`,
//! `!(..)`.
//!
//! One matcher serves `case`, `[[ x == p ]]`, the `${x#p}` family and
//! pathname expansion. A pattern is compiled from text in which each
//! character is marked quoted or not: quoted characters always match
//! themselves, which is how `case $x in "*")` matches only a star.
//! Matching is the classic backtracking wildcard match (linear for one
//! star, O(n·m) worst case), over chars, which are bytes in the shell's
//! representation. A pattern with extended groups is matched by a
//! memoised recursive search instead.

use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Char(char),
    Any,
    Star,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    /// An extglob group: its operator and alternatives.
    Group(Repeat, Vec<Vec<Tok>>),
}

/// What an extglob group's operator allows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Repeat {
    /// `?(..)`: zero or one.
    Optional,
    /// `*(..)`: any number.
    Any,
    /// `+(..)`: one or more.
    Some,
    /// `@(..)`: exactly one.
    One,
    /// `!(..)`: anything but one.
    Not,
}

/// How a pattern is read and matched.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Opts {
    /// Extended groups (`shopt -s extglob`).
    pub extglob: bool,
    /// Letters match either case (`nocasematch`, `nocaseglob`).
    pub nocase: bool,
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
    nocase: bool,
    /// True if any group is present (then matching searches).
    groups: bool,
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
            nocase: false,
            groups: false,
        }
    }

    /// Compile from characters marked `quoted`.
    pub fn compile(chars: &[(char, bool)]) -> Pattern {
        Pattern::compile_with(chars, Opts::default())
    }

    /// Compile from characters marked `quoted`, with options.
    pub fn compile_with(chars: &[(char, bool)], opts: Opts) -> Pattern {
        let toks = compile_toks(chars, opts.extglob);
        let groups = has_groups(&toks);
        Pattern {
            toks,
            nocase: opts.nocase,
            groups,
        }
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
        if self.groups {
            return Search::new(self.nocase).whole(&self.toks, s);
        }
        wildcard(&self.toks, s, self.nocase)
    }
}

/// Tokens from characters marked quoted; `extglob` reads groups.
fn compile_toks(chars: &[(char, bool)], extglob: bool) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (c, quoted) = chars[i];
        i += 1;
        if quoted {
            toks.push(Tok::Char(c));
            continue;
        }
        if extglob
            && chars.get(i) == Some(&('(', false))
            && let Some(repeat) = repeat_of(c)
            && let Some((alts, used)) = group(&chars[i + 1..])
        {
            let alts = alts.iter().map(|a| compile_toks(a, true)).collect();
            toks.push(Tok::Group(repeat, alts));
            i += 1 + used;
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
    toks
}

/// Text with each character marked quoted or not.
type Marked = Vec<(char, bool)>;

fn repeat_of(c: char) -> Option<Repeat> {
    Some(match c {
        '?' => Repeat::Optional,
        '*' => Repeat::Any,
        '+' => Repeat::Some,
        '@' => Repeat::One,
        '!' => Repeat::Not,
        _ => return None,
    })
}

/// A group's alternatives after its `(`, split at top-level `|`, and how
/// many characters it used (including the closing `)`); `None` if
/// unclosed.
fn group(chars: &[(char, bool)]) -> Option<(Vec<Marked>, usize)> {
    let mut alts = vec![Vec::new()];
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            (')', false) if depth == 0 => return Some((alts, i)),
            ('|', false) if depth == 0 => {
                alts.push(Vec::new());
                continue;
            }
            ('(', false) => depth += 1,
            (')', false) => depth -= 1,
            ('\\', false) if i < chars.len() => {
                let last = alts.last_mut().expect("never empty");
                last.push(c);
                last.push(chars[i]);
                i += 1;
                continue;
            }
            _ => {}
        }
        alts.last_mut().expect("never empty").push(c);
    }
    None
}

fn has_groups(toks: &[Tok]) -> bool {
    toks.iter().any(|t| matches!(t, Tok::Group(..)))
}

/// The classic backtracking match of `*`, `?` and classes (linear for
/// one star).
fn wildcard(p: &[Tok], s: &[char], nocase: bool) -> bool {
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
                t if single(t, s[si], nocase) => {
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

/// The shortest or longest `n` such that `s[..n]` matches `p` (a pattern
/// without groups), in one pass over `s`: the set of pattern positions
/// reachable after each character is carried along (a `*` also lets its
/// successor be reached without a character), so the cost is
/// O(len(s) × len(p)) however many stars there are.
fn prefix_lengths(p: &[Tok], s: &[char], nocase: bool, longest: bool) -> Option<usize> {
    let m = p.len();
    // Add `i` and, through stars, the positions after it.
    let close = |set: &mut Vec<bool>, mut i: usize| {
        while i <= m && !set[i] {
            set[i] = true;
            if i < m && p[i] == Tok::Star {
                i += 1;
            } else {
                break;
            }
        }
    };
    let mut cur = vec![false; m + 1];
    close(&mut cur, 0);
    let mut best = None;
    for (n, &c) in s.iter().enumerate() {
        if cur[m] {
            best = Some(n);
            if !longest {
                return best;
            }
        }
        let mut next = vec![false; m + 1];
        let mut any = false;
        for i in (0..m).filter(|&i| cur[i]) {
            match &p[i] {
                Tok::Star => {
                    close(&mut next, i);
                    any = true;
                }
                t if single(t, c, nocase) => {
                    close(&mut next, i + 1);
                    any = true;
                }
                _ => {}
            }
        }
        if !any {
            return best;
        }
        cur = next;
    }
    if cur[m] { Some(s.len()) } else { best }
}

/// True if some substring of `s` matches `p` (a pattern without groups
/// that does not start with `*`, so every match takes a character): one
/// pass in which a match may begin at every position.
fn occurs(p: &[Tok], s: &[char], nocase: bool) -> bool {
    let m = p.len();
    if m == 0 {
        return false;
    }
    let mut cur = vec![false; m + 1];
    for &c in s {
        cur[0] = true;
        let mut next = vec![false; m + 1];
        for i in (0..m).filter(|&i| cur[i]) {
            let to = match &p[i] {
                Tok::Star => i,
                t if single(t, c, nocase) => i + 1,
                _ => continue,
            };
            // Through stars, the positions after `to` too.
            let mut j = to;
            while j <= m && !next[j] {
                next[j] = true;
                if j < m && p[j] == Tok::Star {
                    j += 1;
                } else {
                    break;
                }
            }
        }
        if next[m] {
            return true;
        }
        cur = next;
    }
    false
}

/// Matching with groups: a search over (tokens left, text span), each
/// answer remembered, so nested repetitions stay polynomial.
struct Search {
    nocase: bool,
    seen: HashMap<(usize, usize, usize, usize), bool>,
}

impl Search {
    fn new(nocase: bool) -> Search {
        Search {
            nocase,
            seen: HashMap::new(),
        }
    }

    /// True if all of `s` matches `toks`.
    fn whole(&mut self, toks: &[Tok], s: &[char]) -> bool {
        let key = (toks.as_ptr() as usize, toks.len(), s.as_ptr() as usize, s.len());
        if let Some(&r) = self.seen.get(&key) {
            return r;
        }
        let r = match toks.first() {
            None => s.is_empty(),
            Some(Tok::Star) => (0..=s.len()).any(|k| self.whole(&toks[1..], &s[k..])),
            Some(Tok::Group(repeat, alts)) => {
                (0..=s.len()).any(|k| self.group(*repeat, alts, &s[..k]) && self.whole(&toks[1..], &s[k..]))
            }
            Some(t) => !s.is_empty() && single(t, s[0], self.nocase) && self.whole(&toks[1..], &s[1..]),
        };
        self.seen.insert(key, r);
        r
    }

    fn one_of(&mut self, alts: &[Vec<Tok>], s: &[char]) -> bool {
        alts.iter().any(|a| self.whole(a, s))
    }

    /// True if `s` is one or more alternatives in a row.
    fn repeated(&mut self, alts: &[Vec<Tok>], s: &[char]) -> bool {
        (1..=s.len()).any(|k| self.one_of(alts, &s[..k]) && (k == s.len() || self.repeated(alts, &s[k..])))
    }

    fn group(&mut self, repeat: Repeat, alts: &[Vec<Tok>], s: &[char]) -> bool {
        match repeat {
            Repeat::One => self.one_of(alts, s),
            Repeat::Optional => s.is_empty() || self.one_of(alts, s),
            Repeat::Not => !self.one_of(alts, s),
            Repeat::Some => self.one_of(alts, s) || self.repeated(alts, s),
            Repeat::Any => s.is_empty() || self.one_of(alts, s) || self.repeated(alts, s),
        }
    }
}

impl Pattern {
    /// Length (in chars) of the shortest or longest prefix of `s` that
    /// matches.
    pub fn match_prefix(&self, s: &[char], longest: bool) -> Option<usize> {
        if !self.groups {
            return prefix_lengths(&self.toks, s, self.nocase, longest);
        }
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
        if !self.groups {
            // Without groups every token matches one character or a run,
            // so a suffix of `s` matches exactly when its reverse matches
            // the reversed pattern.
            let toks: Vec<Tok> = self.toks.iter().rev().cloned().collect();
            let rs: Vec<char> = s.iter().rev().copied().collect();
            return prefix_lengths(&toks, &rs, self.nocase, longest);
        }
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
        if !self.groups && from < s.len() {
            if self.toks.first() == Some(&Tok::Star) {
                // A leading `*` takes in whatever a later start would skip:
                // the earliest start that matches at all is `from`.
                return match self.match_prefix(&s[from..], true) {
                    Some(n) if n > 0 => Some((from, from + n)),
                    _ => None,
                };
            }
            if !occurs(&self.toks, &s[from..], self.nocase) {
                return None;
            }
        }
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

fn single(t: &Tok, c: char, nocase: bool) -> bool {
    match t {
        Tok::Char(p) => *p == c || (nocase && p.eq_ignore_ascii_case(&c)),
        Tok::Any => true,
        Tok::Class { negated, items } => {
            let hit = |c: char| items.iter().any(|i| class_item(i, c));
            let found = hit(c) || (nocase && (hit(c.to_ascii_lowercase()) || hit(c.to_ascii_uppercase())));
            found != *negated
        }
        Tok::Star | Tok::Group(..) => false,
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

    fn x(p: &str, s: &str) -> bool {
        let chars: Vec<(char, bool)> = p.chars().map(|c| (c, false)).collect();
        let opts = Opts {
            extglob: true,
            nocase: false,
        };
        Pattern::compile_with(&chars, opts).matches(s)
    }

    #[test]
    fn extglob_groups() {
        assert!(x("*.@(c|h)", "foo.c"));
        assert!(!x("*.@(c|h)", "foo.o"));
        assert!(x("?(a)b", "b") && x("?(a)b", "ab") && !x("?(a)b", "aab"));
        assert!(x("*(ab)", "") && x("*(ab)", "abab") && !x("*(ab)", "aba"));
        assert!(x("+(ab)", "ab") && !x("+(ab)", ""));
        assert!(x("!(*.o)", "a.c") && !x("!(*.o)", "a.o"));
        assert!(x("a!(x)c", "abc") && !x("a!(x)c", "axc"));
        assert!(x("@(a|+(b))c", "bbbc"));
        assert!(!m("@(a)", "a"), "groups need extglob");
        assert!(x("+(a|b)", &"ab".repeat(200)), "nested repetition stays fast");
    }

    #[test]
    fn nocase() {
        let chars: Vec<(char, bool)> = "a[b-c]*".chars().map(|c| (c, false)).collect();
        let opts = Opts {
            extglob: false,
            nocase: true,
        };
        assert!(Pattern::compile_with(&chars, opts).matches("ABx"));
    }

    #[test]
    fn prefix_search_agrees_with_whole_matching() {
        let words = ["", "a", "ab", "aab", "abab", "xaxbx", "aaab", "b*", "ba"];
        for pat in ["*", "a*", "*a*b", "*a*a*b", "a?b", "[ab]*b", "*b", "?", "a*b*", "\\*"] {
            let p = Pattern::parse(pat);
            for w in words {
                let cs: Vec<char> = w.chars().collect();
                for longest in [false, true] {
                    let mut lens: Vec<usize> = (0..=cs.len()).collect();
                    if longest {
                        lens.reverse();
                    }
                    let prefix = lens.iter().copied().find(|&n| wildcard(&p.toks, &cs[..n], false));
                    let suffix = lens
                        .iter()
                        .copied()
                        .find(|&n| wildcard(&p.toks, &cs[cs.len() - n..], false));
                    assert_eq!(p.match_prefix(&cs, longest), prefix, "{pat} {w} {longest}");
                    assert_eq!(p.match_suffix(&cs, longest), suffix, "{pat} {w} {longest} suffix");
                }
            }
        }
    }

    #[test]
    fn find_agrees_with_trying_every_start() {
        let words = ["", "a", "ab", "xaxbx", "aaab", "bab", "xyz", "b"];
        for pat in ["*", "a*", "*a*b", "a?b", "[ab]*b", "*b", "?", "a*b*", "b", "x*z"] {
            let p = Pattern::parse(pat);
            for w in words {
                let cs: Vec<char> = w.chars().collect();
                for from in 0..=cs.len() {
                    let slow = (from..cs.len()).find_map(|start| {
                        (start + 1..=cs.len())
                            .rev()
                            .find(|&end| wildcard(&p.toks, &cs[start..end], false))
                            .map(|end| (start, end))
                    });
                    assert_eq!(p.find(&cs, from), slow, "{pat} {w} {from}");
                }
            }
        }
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
