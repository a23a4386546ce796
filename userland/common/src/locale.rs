//! The locale a process runs in, as its environment says: whether a
//! character is a byte or a UTF-8 sequence.
//!
//! `LC_ALL` wins over `LC_CTYPE`, which wins over `LANG` (the first one
//! set and not empty decides, as `setlocale(LC_ALL, "")` does). `C`,
//! `POSIX`, an unset or an unknown name mean bytes; a name whose codeset
//! is `UTF-8` (`C.UTF-8`, `en_US.utf8`, ...) means characters. Every UTF-8
//! locale exists here: there is no locale archive to be missing from.
//!
//! Text in a UTF-8 locale may hold bytes that are not UTF-8. [`units`]
//! walks it as GNU tools do with `mbrtowc`: a valid sequence is one
//! character; every byte of an invalid or truncated one stands alone, with
//! no character value, so each tool decides (wc -m skips such bytes, gawk
//! and bash count each as one character).

use kernel::Proc;

/// How text is split into characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Charset {
    /// `C` / `POSIX`: one byte, one character.
    #[default]
    Bytes,
    /// A `*.UTF-8` locale.
    Utf8,
}

impl Charset {
    /// The charset a locale name selects.
    pub fn from_name(name: &str) -> Charset {
        let codeset = match name.split_once('.') {
            Some((_, rest)) => rest.split('@').next().unwrap_or(""),
            None => return Charset::Bytes,
        };
        let folded: String = codeset
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if folded == "utf8" {
            Charset::Utf8
        } else {
            Charset::Bytes
        }
    }

    /// The charset an environment selects (`get` looks a variable up).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Charset {
        ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|v| get(v).filter(|s| !s.is_empty()))
            .map_or(Charset::Bytes, |name| Charset::from_name(&name))
    }

    /// The charset of a process's environment.
    pub fn of(p: &Proc) -> Charset {
        Charset::from_env(|k| p.getenv(k))
    }

    pub fn is_utf8(self) -> bool {
        self == Charset::Utf8
    }
}

/// One character of text: where it starts, how many bytes it takes, and
/// its value (`None` for a byte that is not part of a valid sequence).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub len: usize,
    pub ch: Option<char>,
}

/// The character at the start of `s` in UTF-8: its value and length, or
/// `(None, 1)` for an invalid byte. `s` must not be empty.
pub fn decode(s: &[u8]) -> (Option<char>, usize) {
    let b = s[0];
    if b < 0x80 {
        return (Some(char::from(b)), 1);
    }
    let len = match b {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (None, 1),
    };
    match s.get(..len).map(std::str::from_utf8) {
        Some(Ok(text)) => (text.chars().next(), len),
        _ => (None, 1),
    }
}

/// The characters of `s` in `charset`, in order.
pub fn units(s: &[u8], charset: Charset) -> Units<'_> {
    Units { s, i: 0, charset }
}

pub struct Units<'a> {
    s: &'a [u8],
    i: usize,
    charset: Charset,
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        let rest = self.s.get(self.i..).filter(|r| !r.is_empty())?;
        let (ch, len) = match self.charset {
            Charset::Bytes => (Some(char::from(rest[0])), 1),
            Charset::Utf8 => decode(rest),
        };
        let u = Unit { start: self.i, len, ch };
        self.i += len;
        Some(u)
    }
}

/// How many characters `s` holds, each invalid byte counting as one (as
/// gawk's `length` and bash's `${#x}` count).
pub fn char_count(s: &[u8], charset: Charset) -> usize {
    match charset {
        Charset::Bytes => s.len(),
        Charset::Utf8 => match std::str::from_utf8(s) {
            // Valid text: every byte that does not continue a sequence
            // starts a character.
            Ok(_) => s.iter().filter(|&&b| (b as i8) >= -0x40).count(),
            Err(_) => units(s, charset).count(),
        },
    }
}

/// The byte offset where character `n` (0-based) starts, or `s.len()` if
/// `s` has no more than `n` characters.
pub fn byte_offset(s: &[u8], n: usize, charset: Charset) -> usize {
    match charset {
        Charset::Bytes => n.min(s.len()),
        Charset::Utf8 => units(s, charset).nth(n).map_or(s.len(), |u| u.start),
    }
}

/// The columns a character takes on a terminal, as glibc's `wcwidth`
/// says: 2 for wide East Asian characters, 0 for combining marks, `None`
/// for control characters.
pub fn width(c: char) -> Option<usize> {
    use unicode_width::UnicodeWidthChar;
    if c == '\0' {
        return Some(0);
    }
    c.width()
}

/// The columns `s` takes, counting characters without a width (controls,
/// invalid bytes) as `invalid` each: 0 for `wc -L`, 1 for `ls`, which
/// prints them as `?`.
pub fn display_width(s: &[u8], charset: Charset, invalid: usize) -> usize {
    match charset {
        Charset::Bytes => s.len(),
        Charset::Utf8 => units(s, charset).map(|u| u.ch.and_then(width).unwrap_or(invalid)).sum(),
    }
}

/// `toupper` / `tolower`: ASCII letters under `C`; every character with a
/// one-character mapping under UTF-8 (as `towupper` maps: `ß` stays).
pub fn change_case(s: &[u8], upper: bool, charset: Charset) -> Vec<u8> {
    if charset == Charset::Bytes || s.is_ascii() {
        return if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_ascii_lowercase()
        };
    }
    let mut out = Vec::with_capacity(s.len());
    for u in units(s, charset) {
        let bytes = &s[u.start..u.start + u.len];
        let Some(c) = u.ch else {
            out.extend_from_slice(bytes);
            continue;
        };
        let one = if upper {
            single(c.to_uppercase())
        } else {
            single(c.to_lowercase())
        };
        match one {
            Some(m) => out.extend_from_slice(m.encode_utf8(&mut [0; 4]).as_bytes()),
            None => out.extend_from_slice(bytes),
        }
    }
    out
}

/// The one character a mapping gives, if it gives exactly one.
fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_precedence() {
        assert_eq!(Charset::from_name("C"), Charset::Bytes);
        assert_eq!(Charset::from_name("POSIX"), Charset::Bytes);
        assert_eq!(Charset::from_name("C.UTF-8"), Charset::Utf8);
        assert_eq!(Charset::from_name("en_US.utf8"), Charset::Utf8);
        assert_eq!(Charset::from_name("de_DE.UTF-8@euro"), Charset::Utf8);
        assert_eq!(Charset::from_name("en_US.ISO-8859-1"), Charset::Bytes);
        assert_eq!(Charset::from_name("en_US"), Charset::Bytes);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert_eq!(
            Charset::from_env(env(&[("LANG", "C.UTF-8"), ("LC_ALL", "C")])),
            Charset::Bytes
        );
        assert_eq!(
            Charset::from_env(env(&[("LANG", "C"), ("LC_CTYPE", "C.UTF-8")])),
            Charset::Utf8
        );
        assert_eq!(
            Charset::from_env(env(&[("LC_ALL", ""), ("LANG", "en_US.UTF-8")])),
            Charset::Utf8
        );
        assert_eq!(Charset::from_env(env(&[])), Charset::Bytes);
    }

    #[test]
    fn invalid_bytes_stand_alone() {
        let u: Vec<(Option<char>, usize)> = units(b"a\xc3\xa9\xe2\x82b\xff\xc3", Charset::Utf8)
            .map(|u| (u.ch, u.len))
            .collect();
        assert_eq!(
            u,
            [
                (Some('a'), 1),
                (Some('é'), 2),
                (None, 1),
                (None, 1),
                (Some('b'), 1),
                (None, 1),
                (None, 1)
            ]
        );
        // Surrogates and overlong forms are invalid, as glibc says.
        assert_eq!(decode(b"\xed\xa0\x80").0, None);
        assert_eq!(decode(b"\xc0\xaf").0, None);
        assert_eq!(decode("😀".as_bytes()), (Some('😀'), 4));
    }

    #[test]
    fn counting() {
        let s = "é日本x".as_bytes();
        assert_eq!(char_count(s, Charset::Utf8), 4);
        assert_eq!(char_count(s, Charset::Bytes), 9);
        assert_eq!(char_count(b"a\xffb", Charset::Utf8), 3);
        assert_eq!(byte_offset(s, 2, Charset::Utf8), 5);
        assert_eq!(byte_offset(s, 9, Charset::Utf8), 9);
        assert_eq!(display_width(s, Charset::Utf8, 0), 6);
        assert_eq!(display_width("e\u{301}".as_bytes(), Charset::Utf8, 0), 1);
        assert_eq!(display_width(b"a\x01\xff", Charset::Utf8, 1), 3);
    }
}
