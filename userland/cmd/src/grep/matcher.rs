//! grep's pattern matcher: every pattern (`-e`, `-f`, newline-separated)
//! compiled into one automaton that searches a whole buffer of lines at
//! once.
//!
//! Scanning a 64 KiB-or-more buffer with one regex search, and only then
//! finding the line around the match, is what makes grep fast: the regex
//! engine's literal prefilters (memchr, Teddy) skip the non-matching lines
//! without ever looking at line boundaries. For that, a match must never
//! cross a line end, so the compiled expression has the line terminator
//! removed from every class and literal (`.`, `[^a]`, `\s`, `\W` can no
//! longer match it), and `^`/`$` (also `` \` `` and `\'`) anchor at line
//! ends. Patterns the automata cannot run (back-references, Perl
//! look-around) fall back to matching line by line.

use memchr::{memchr, memrchr};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, meta};
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

use common::regex::{self as posix, Options, Regex, Translated};

/// How patterns are written.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Dialect {
    Basic,
    Extended,
    Fixed,
    Perl,
}

/// What to build.
pub struct Spec<'a> {
    pub patterns: &'a [Vec<u8>],
    pub dialect: Dialect,
    pub icase: bool,
    /// -w
    pub words: bool,
    /// -x
    pub lines: bool,
    /// The line terminator: `\n`, or NUL with -z.
    pub eol: u8,
    /// A UTF-8 locale: patterns match characters.
    pub utf8: bool,
}

enum Engine {
    /// One automaton over whole buffers.
    Buffer {
        re: meta::Regex,
        cache: Box<meta::Cache>,
        /// Longest-match search (POSIX leftmost-longest for -o and
        /// --color), when the patterns can match ambiguously.
        longest: Option<(meta::Regex, Box<meta::Cache>)>,
    },
    /// Line by line, any pattern matching selects the line.
    Lines(Vec<Regex>),
}

pub struct Matcher {
    engine: Engine,
    eol: u8,
}

/// Warnings GNU prints for odd but valid patterns (`* at start of
/// expression`), and the compiled matcher.
pub fn build(spec: &Spec) -> Result<(Matcher, Vec<String>), String> {
    let mut warnings = Vec::new();
    let mut texts = Vec::new();
    let mut line_only = false;
    let mut ambiguous = spec.patterns.len() > 1;
    for p in spec.patterns {
        let t = translate(p, spec)?;
        warnings.extend(t.warnings.iter().cloned());
        line_only |= t.backrefs;
        ambiguous |= t.ambiguous;
        texts.push(t);
    }
    let mut hirs = Vec::new();
    if !line_only {
        for t in &texts {
            match parse(&t.pattern, t.utf8) {
                Ok(h) => hirs.push(h),
                // Only Perl patterns reach here (look-around and the like):
                // the backtracking engine may still take them.
                Err(e) if spec.dialect == Dialect::Perl => {
                    line_only = true;
                    let _ = e;
                }
                Err(e) => return Err(e),
            }
        }
    }
    let engine = if line_only {
        let mut res = Vec::new();
        for t in texts {
            res.push(Regex::from_translated(wrap_text(t, spec))?);
        }
        Engine::Lines(res)
    } else {
        let hir = Hir::alternation(hirs);
        let hir = if spec.lines {
            Hir::concat(vec![Hir::look(Look::StartLF), hir, Hir::look(Look::EndLF)])
        } else if spec.words {
            Hir::concat(vec![
                Hir::look(Look::WordStartHalfAscii),
                hir,
                Hir::look(Look::WordEndHalfAscii),
            ])
        } else {
            hir
        };
        let hir = strip(hir, spec.eol);
        let re = compile(&hir, MatchKind::LeftmostFirst, spec.eol)?;
        let cache = Box::new(re.create_cache());
        // Perl semantics are leftmost-first already.
        let longest = if ambiguous && spec.dialect != Dialect::Perl {
            let l = compile(&hir, MatchKind::All, spec.eol)?;
            let c = Box::new(l.create_cache());
            Some((l, c))
        } else {
            None
        };
        Engine::Buffer { re, cache, longest }
    };
    Ok((Matcher { engine, eol: spec.eol }, warnings))
}

/// A pattern in the `regex` crate's syntax (byte mode).
fn translate(p: &[u8], spec: &Spec) -> Result<Translated, String> {
    let icase = if spec.icase { "(?i)" } else { "" };
    let text = std::str::from_utf8(p).ok().filter(|_| spec.utf8);
    let plain = |pattern: String| Translated {
        pattern,
        groups: 0,
        backrefs: false,
        ambiguous: false,
        warnings: Vec::new(),
        utf8: text.is_some(),
    };
    match spec.dialect {
        Dialect::Basic | Dialect::Extended => {
            let syntax = if spec.dialect == Dialect::Basic {
                posix::Syntax::Basic
            } else {
                posix::Syntax::Extended
            };
            posix::translate(
                p,
                Options {
                    syntax,
                    icase: spec.icase,
                    escapes: false,
                    utf8: spec.utf8,
                },
            )
        }
        Dialect::Fixed => Ok(plain(match text {
            Some(t) => format!("(?s){icase}{}", regex_syntax::escape(t)),
            None => format!("(?s-u){icase}{}", escape(p)),
        })),
        Dialect::Perl => {
            let unicode = if text.is_some() { "" } else { "-u" };
            let text = String::from_utf8_lossy(p);
            Ok(plain(format!("(?s{unicode}){icase}{text}")))
        }
    }
}

/// Bytes as a literal in the `regex` crate's syntax.
pub fn escape(p: &[u8]) -> String {
    let mut s = String::new();
    for &b in p {
        if b.is_ascii_alphanumeric() || b == b' ' || b == b'_' {
            s.push(b as char);
        } else {
            s.push_str(&format!("\\x{b:02X}"));
        }
    }
    s
}

/// For the line-by-line engine, -x and -w become part of the text: the
/// line is the whole haystack there.
fn wrap_text(mut t: Translated, spec: &Spec) -> Translated {
    if spec.lines {
        t.pattern = format!("^(?:{})$", t.pattern);
    } else if spec.words {
        t.pattern = if t.backrefs || spec.dialect == Dialect::Perl {
            format!("(?<![0-9A-Za-z_])(?:{})(?![0-9A-Za-z_])", t.pattern)
        } else {
            format!(r"\b{{start-half}}(?:{})\b{{end-half}}", t.pattern)
        };
    }
    if spec.dialect == Dialect::Perl {
        // Only the backtracking engine takes what the automata refused.
        t.backrefs = true;
        t.pattern = t.pattern.replace("(?s-u)", "(?s)");
    }
    t
}

fn parse(pattern: &str, utf8: bool) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(utf8)
        .utf8(false)
        .multi_line(true)
        .build()
        .parse(pattern)
        .map_err(|e| format!("Invalid regular expression: {e}"))
}

fn compile(hir: &Hir, kind: MatchKind, eol: u8) -> Result<meta::Regex, String> {
    let config = meta::Config::new()
        .match_kind(kind)
        .utf8_empty(false)
        .line_terminator(eol)
        .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
        .nfa_size_limit(Some(256 << 20));
    meta::Builder::new()
        .configure(config)
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build_from_hir(hir)
        .map_err(|e| {
            if e.size_limit().is_some() {
                "Regular expression too big".to_string()
            } else {
                format!("Invalid regular expression: {e}")
            }
        })
}

/// Make `hir` unable to match the line terminator, and anchor `^`/`$`
/// (and the buffer anchors) at line ends.
fn strip(hir: Hir, eol: u8) -> Hir {
    match hir.into_kind() {
        HirKind::Literal(lit) => {
            if lit.0.contains(&eol) {
                Hir::fail()
            } else {
                Hir::literal(lit.0)
            }
        }
        HirKind::Class(Class::Bytes(mut c)) => {
            c.difference(&ClassBytes::new([ClassBytesRange::new(eol, eol)]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Class(Class::Unicode(mut c)) => {
            let ch = char::from(eol);
            c.difference(&ClassUnicode::new([ClassUnicodeRange::new(ch, ch)]));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Look(Look::Start) => Hir::look(Look::StartLF),
        HirKind::Look(Look::End) => Hir::look(Look::EndLF),
        HirKind::Look(l) => Hir::look(l),
        HirKind::Empty => Hir::empty(),
        HirKind::Repetition(mut r) => {
            r.sub = Box::new(strip(*r.sub, eol));
            Hir::repetition(r)
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(strip(*c.sub, eol));
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(|h| strip(h, eol)).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(|h| strip(h, eol)).collect()),
    }
}

impl Matcher {
    /// The first line in `buf[from..lim]` with a match, as (start, end
    /// after its terminator). `from` is a line start and `buf[lim - 1]` a
    /// terminator.
    pub fn find_line(&mut self, buf: &[u8], from: usize, lim: usize) -> Option<(usize, usize)> {
        let eol = self.eol;
        let line_around = |pos: usize| {
            let start = memrchr(eol, &buf[from..pos]).map_or(from, |i| from + i + 1);
            let end = memchr(eol, &buf[pos..lim]).map_or(lim, |i| pos + i + 1);
            (start, end)
        };
        match &mut self.engine {
            Engine::Buffer { re, cache, .. } => {
                // Any match will do: it only tells which line.
                let input = Input::new(&buf[..lim]).range(from..lim - 1).earliest(true);
                let m = re.search_with(cache, &input)?;
                Some(line_around(m.start()))
            }
            Engine::Lines(res) => {
                let mut ls = from;
                while ls < lim {
                    let le = memchr(eol, &buf[ls..lim]).map_or(lim, |i| ls + i);
                    let line = &buf[ls..le];
                    if res.iter().any(|r| r.is_match(line)) {
                        return Some((ls, (le + 1).min(lim)));
                    }
                    ls = le + 1;
                }
                None
            }
        }
    }

    /// The leftmost-longest match in the line `buf[ls..le]` (terminator
    /// excluded) starting at or after `at`.
    pub fn find_in_line(&mut self, buf: &[u8], ls: usize, le: usize, at: usize) -> Option<(usize, usize)> {
        match &mut self.engine {
            Engine::Buffer { re, cache, longest } => {
                let input = Input::new(buf).range(at..le);
                let m = re.search_with(cache, &input)?;
                let mut end = m.end();
                if let Some((l, lc)) = longest {
                    let anchored = Input::new(buf).range(m.start()..le).anchored(Anchored::Yes);
                    if let Some(lm) = l.search_with(lc, &anchored) {
                        end = end.max(lm.end());
                    }
                }
                Some((m.start(), end))
            }
            Engine::Lines(res) => {
                let line = &buf[ls..le];
                let mut best: Option<(usize, usize)> = None;
                for r in res.iter() {
                    if let Some((s, e)) = r.find_at(line, at - ls) {
                        best = match best {
                            Some((bs, be)) if bs < s || (bs == s && be >= e) => Some((bs, be)),
                            _ => Some((s, e)),
                        };
                    }
                }
                best.map(|(s, e)| (ls + s, ls + e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pats: &[&str], dialect: Dialect, words: bool, lines: bool) -> Matcher {
        let patterns: Vec<Vec<u8>> = pats.iter().map(|p| p.as_bytes().to_vec()).collect();
        build(&Spec {
            patterns: &patterns,
            dialect,
            icase: false,
            words,
            lines,
            eol: b'\n',
            utf8: false,
        })
        .unwrap()
        .0
    }

    fn lines(m: &mut Matcher, text: &str) -> Vec<String> {
        let buf = text.as_bytes();
        let mut out = Vec::new();
        let mut p = 0;
        while let Some((s, e)) = m.find_line(buf, p, buf.len()) {
            out.push(text[s..e - 1].to_string());
            p = e;
        }
        out
    }

    #[test]
    fn matches_never_cross_lines() {
        let mut re = m(&["a.b"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "a\nb\naxb\n"), ["axb"]);
        let mut re = m(&["a[^x]b"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "a\nb\nayb\n"), ["ayb"]);
        let mut re = m(&["a\\sb"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "a\nb\na b\n"), ["a b"]);
        let mut re = m(&["^b$"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "ab\nb\nbc\n"), ["b"]);
        let mut re = m(&["\\`b"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "ab\nb\n"), ["b"]);
        let mut re = m(&["^$"], Dialect::Basic, false, false);
        assert_eq!(lines(&mut re, "a\n\nb\n"), [""]);
    }

    #[test]
    fn words_lines_and_several_patterns() {
        let mut re = m(&["foo"], Dialect::Fixed, true, false);
        assert_eq!(lines(&mut re, "foobar\na foo.\n_foo\n"), ["a foo."]);
        let mut re = m(&["a.c"], Dialect::Fixed, false, true);
        assert_eq!(lines(&mut re, "abc\na.c\na.cd\n"), ["a.c"]);
        let mut re = m(&["x", "y"], Dialect::Extended, false, false);
        assert_eq!(lines(&mut re, "x\nz\ny\n"), ["x", "y"]);
        let mut re = m(&["\\(a\\)\\1"], Dialect::Basic, false, true);
        assert_eq!(lines(&mut re, "aa\naaa\nab\n"), ["aa"]);
    }

    #[test]
    fn spans_are_leftmost_longest() {
        let mut re = m(&["ab", "abcd"], Dialect::Fixed, false, false);
        let buf = b"xabcdy\n";
        assert_eq!(re.find_in_line(buf, 0, 6, 0), Some((1, 5)));
        let mut re = m(&["o*"], Dialect::Basic, true, false);
        assert_eq!(re.find_in_line(b"foo bar\n", 0, 7, 0), None);
    }
}
