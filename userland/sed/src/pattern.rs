//! sed's regular expressions: the compiled form of `/re/` addresses and
//! `s` patterns.
//!
//! A pattern with no special character at all (`s/a/b/g`, the common case)
//! is searched with `memmem` instead of a regex engine; everything else goes
//! through [`common::regex`], translated with GNU sed's rules.

use memchr::memmem::Finder;

use common::regex::{self as posix, Options, SedSyntax, Syntax};

/// Match positions: group 0 is the whole match.
pub type Captures = Vec<Option<(usize, usize)>>;

/// How a pattern was written: the `I` and `M` flags and the dialect.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub icase: bool,
    pub newline: bool,
}

pub enum Pattern {
    Literal(Box<Finder<'static>>),
    Regex(Box<posix::Regex>),
}

impl Pattern {
    /// Compile `re` (escapes already processed by the script parser).
    pub fn new(re: &[u8], flags: Flags, extended: bool, utf8: bool) -> Result<Pattern, String> {
        if !flags.icase && is_literal(re, extended) {
            return Ok(Pattern::Literal(Box::new(Finder::new(re).into_owned())));
        }
        let syntax = if extended { Syntax::Extended } else { Syntax::Basic };
        let opts = Options {
            syntax,
            icase: flags.icase,
            escapes: false,
            utf8,
        };
        let t = posix::translate_sed(re, opts, SedSyntax { newline: flags.newline })?;
        Ok(Pattern::Regex(Box::new(posix::Regex::from_translated(t)?)))
    }

    /// Capture groups, not counting the whole match.
    pub fn groups(&self) -> usize {
        match self {
            Pattern::Literal(_) => 0,
            Pattern::Regex(re) => re.groups(),
        }
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        match self {
            Pattern::Literal(f) => f.find(hay).is_some(),
            Pattern::Regex(re) => re.is_match(hay),
        }
    }

    /// The leftmost-longest match starting at or after `start`.
    pub fn find_at(&self, hay: &[u8], start: usize) -> Option<(usize, usize)> {
        match self {
            Pattern::Literal(f) => {
                let at = start + f.find(hay.get(start..)?)?;
                Some((at, at + f.needle().len()))
            }
            Pattern::Regex(re) => re.find_at(hay, start),
        }
    }

    /// Like [`Pattern::find_at`], filling `caps` with every group.
    pub fn captures_at(&self, hay: &[u8], start: usize, caps: &mut Captures) -> bool {
        match self {
            Pattern::Literal(_) => {
                caps.clear();
                match self.find_at(hay, start) {
                    Some(m) => {
                        caps.push(Some(m));
                        true
                    }
                    None => false,
                }
            }
            Pattern::Regex(re) => match re.captures_at(hay, start) {
                Some(c) => {
                    *caps = c;
                    true
                }
                None => false,
            },
        }
    }
}

/// Whether a pattern matches only its own bytes.
fn is_literal(re: &[u8], extended: bool) -> bool {
    let special: &[u8] = if extended { b"\\.[*^$+?{}|()" } else { b"\\.[*^$" };
    !re.is_empty() && !re.iter().any(|b| special.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(re: &str, ere: bool) -> Pattern {
        Pattern::new(re.as_bytes(), Flags::default(), ere, false).unwrap()
    }

    #[test]
    fn literal_fast_path() {
        assert!(matches!(pat("abc", false), Pattern::Literal(_)));
        assert!(
            matches!(pat("a+b", false), Pattern::Literal(_)),
            "+ is literal in a BRE"
        );
        assert!(matches!(pat("a+b", true), Pattern::Regex(_)));
        assert!(matches!(pat("a.b", false), Pattern::Regex(_)));
        let p = pat("ab", false);
        assert_eq!(p.find_at(b"xxabab", 3), Some((4, 6)));
        assert_eq!(p.find_at(b"ab", 5), None);
    }

    #[test]
    fn newline_flag() {
        let m = Pattern::new(
            b"^b",
            Flags {
                newline: true,
                ..Flags::default()
            },
            false,
            false,
        )
        .unwrap();
        assert_eq!(m.find_at(b"a\nb", 0), Some((2, 3)));
        assert!(!pat("^b", false).is_match(b"a\nb"));
        let dot = Pattern::new(
            b"a.b",
            Flags {
                newline: true,
                ..Flags::default()
            },
            false,
            false,
        )
        .unwrap();
        assert!(!dot.is_match(b"a\nb"), "M: . does not match a newline");
        assert!(pat("a.b", false).is_match(b"a\nb"), ". matches a newline in sed");
        assert!(pat("a[^x]b", false).is_match(b"a\nb"));
    }

    #[test]
    fn characters_in_utf8() {
        let u = |re: &str| Pattern::new(re.as_bytes(), Flags::default(), false, true).unwrap();
        let s = "h\u{e9}llo".as_bytes();
        assert_eq!(u("h.l").find_at(s, 0), Some((0, 4)));
        assert_eq!(pat("h.l", false).find_at(s, 0), None, "bytes: . is one byte");
        assert_eq!(u("[\u{e9}]").find_at(s, 0), Some((1, 3)));
        assert!(
            !u("x.y").is_match(b"x\xffy"),
            ". never matches a byte that is not UTF-8"
        );
    }
}
