//! GNU's quoting of names (gnulib `quotearg`) in the C locale, in every
//! style of `ls --quoting-style`, and the locale style of `find: 'x': ...`
//! and of argmatch's messages. (`common::quote` has the two shell-escape
//! forms most messages use.)
//!
//! Under LC_ALL=C every byte outside printable ASCII is unprintable, and
//! the locale styles quote with plain `'` (or `"` for `clocale`).

/// A quoting style, as `ls --quoting-style` names them.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Style {
    Literal,
    Shell,
    ShellAlways,
    ShellEscape,
    ShellEscapeAlways,
    C,
    CMaybe,
    Escape,
    Locale,
    CLocale,
}

impl Style {
    /// The style named by `ls --quoting-style=WORD`.
    pub fn from_name(name: &str) -> Option<Style> {
        Some(match name {
            "literal" => Style::Literal,
            "shell" => Style::Shell,
            "shell-always" => Style::ShellAlways,
            "shell-escape" => Style::ShellEscape,
            "shell-escape-always" => Style::ShellEscapeAlways,
            "c" => Style::C,
            "c-maybe" => Style::CMaybe,
            "escape" => Style::Escape,
            "locale" => Style::Locale,
            "clocale" => Style::CLocale,
            _ => return None,
        })
    }

    pub const NAMES: &'static [&'static str] = &[
        "literal",
        "shell",
        "shell-always",
        "shell-escape",
        "shell-escape-always",
        "c",
        "c-maybe",
        "escape",
        "locale",
        "clocale",
    ];
}

/// The working form of a style: what the quoting loop actually does.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Base {
    Literal,
    /// Single quotes; `'` inside needs `'\''`.
    Shell,
    /// Backslash escapes inside a pair of quote strings (c, escape, locale).
    Backslash,
}

struct Plan {
    base: Base,
    backslash: bool,
    elide_outer: bool,
    open: &'static [u8],
    close: &'static [u8],
}

fn plan(style: Style) -> Plan {
    let p = |base, backslash, elide_outer, open, close| Plan {
        base,
        backslash,
        elide_outer,
        open,
        close,
    };
    match style {
        Style::Literal => p(Base::Literal, false, false, b"", b""),
        Style::Shell => p(Base::Shell, false, true, b"'", b"'"),
        Style::ShellAlways => p(Base::Shell, false, false, b"'", b"'"),
        Style::ShellEscape => p(Base::Shell, true, true, b"'", b"'"),
        Style::ShellEscapeAlways => p(Base::Shell, true, false, b"'", b"'"),
        Style::C => p(Base::Backslash, true, false, b"\"", b"\""),
        Style::CMaybe => p(Base::Backslash, true, true, b"\"", b"\""),
        Style::Escape => p(Base::Backslash, true, false, b"", b""),
        Style::Locale => p(Base::Backslash, true, false, b"'", b"'"),
        Style::CLocale => p(Base::Backslash, true, false, b"\"", b"\""),
    }
}

/// Quote `arg` in `style`; `extra` lists bytes to escape as well (ls adds
/// the `-F` indicator characters, and ` ` for the escape style).
pub fn quote_bytes(style: Style, extra: &[u8], arg: &[u8]) -> Vec<u8> {
    let pl = plan(style);
    match run(&pl, extra, arg) {
        Some(out) => out,
        // The elided form would be ambiguous: quote the whole name.
        None => {
            let forced = Plan {
                elide_outer: false,
                ..pl
            };
            run(&forced, &[], arg).unwrap_or_default()
        }
    }
}

/// Whether quoting changed a name (ls aligns the names left as they are
/// when some others got quotes).
pub fn changed(original: &[u8], quoted: &[u8]) -> bool {
    original.first() != quoted.first() || original.len() != quoted.len()
}

fn is_print(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// One pass of the quoting loop. `None` means "elided outer quotes are not
/// enough": the caller retries with them.
fn run(pl: &Plan, extra: &[u8], arg: &[u8]) -> Option<Vec<u8>> {
    let shell = pl.base == Base::Shell;
    let mut out = Vec::with_capacity(arg.len() + 2);
    if !pl.elide_outer {
        out.extend_from_slice(pl.open);
    }
    if shell && pl.elide_outer && arg.is_empty() {
        return None;
    }
    let mut saw_single_quote = false;
    let mut all_compat = true;
    // Inside `'$'...` after an escape in the shell styles.
    let mut pending_end = false;
    let mut i = 0;
    while i < arg.len() {
        let c = arg[i];
        let mut compat = false;
        // How this byte goes out: as it is, or escaped as `\x`.
        let mut escaped: Option<Vec<u8>> = None;
        let is_close_quote = pl.backslash && !shell && !pl.close.is_empty() && arg[i..].starts_with(pl.close);
        if is_close_quote && pl.elide_outer {
            return None;
        }
        match c {
            0 | 7 | 8 | 0x0c | 0x0b | b'\n' | b'\r' | b'\t' => {
                let letter = match c {
                    0 => b'0',
                    7 => b'a',
                    8 => b'b',
                    0x0c => b'f',
                    0x0b => b'v',
                    b'\n' => b'n',
                    b'\r' => b'r',
                    _ => b't',
                };
                if shell && pl.elide_outer && (pl.backslash || matches!(c, b'\n' | b'\r' | b'\t')) {
                    return None;
                }
                if pl.backslash {
                    escaped = Some(vec![letter]);
                }
            }
            b'\\' => {
                if shell {
                    if pl.elide_outer {
                        return None;
                    }
                } else if pl.backslash && (!pl.elide_outer || pl.close.is_empty()) {
                    escaped = Some(vec![b'\\']);
                }
            }
            b'{' | b'}' | b'#' | b'~' | b' ' => {
                let special = match c {
                    b'{' | b'}' => arg.len() == 1,
                    b'#' | b'~' => i == 0,
                    _ => true,
                };
                // Harmless where it is: no quoting, but not "compatible"
                // either (gnulib's quirk, kept for the same output).
                if special {
                    compat = true;
                    if shell && pl.elide_outer {
                        return None;
                    }
                }
            }
            b'!' | b'"' | b'$' | b'&' | b'(' | b')' | b'*' | b';' | b'<' | b'=' | b'>' | b'[' | b'^' | b'`' | b'|'
            | b'?' => {
                if shell && pl.elide_outer {
                    return None;
                }
            }
            b'\'' => {
                saw_single_quote = true;
                compat = true;
                if shell {
                    if pl.elide_outer {
                        return None;
                    }
                    out.extend_from_slice(b"'\\'");
                    pending_end = false;
                }
            }
            b'%' | b'+' | b',' | b'-' | b'.' | b'/' | b'0'..=b'9' | b':' | b'A'..=b'Z' | b']' | b'_' | b'a'..=b'z' => {
                compat = true;
            }
            _ => {
                let printable = is_print(c);
                compat = printable;
                if pl.backslash && !printable {
                    escaped = Some(vec![b'0' + (c >> 6), b'0' + ((c >> 3) & 7), b'0' + (c & 7)]);
                }
            }
        }
        if escaped.is_none() && is_close_quote {
            escaped = Some(vec![c]);
        }
        if escaped.is_none() && extra.contains(&c) && (pl.backslash && !shell || pl.elide_outer) {
            escaped = Some(vec![c]);
        }
        match escaped {
            Some(seq) => {
                if pl.elide_outer {
                    return None;
                }
                if shell && !pending_end {
                    out.extend_from_slice(b"'$'");
                    pending_end = true;
                }
                out.push(b'\\');
                out.extend_from_slice(&seq);
            }
            None => {
                if pending_end {
                    out.extend_from_slice(b"''");
                    pending_end = false;
                }
                out.push(c);
            }
        }
        if !compat {
            all_compat = false;
        }
        i += 1;
    }
    if shell && !pl.elide_outer && saw_single_quote && all_compat {
        // An apostrophe among harmless characters reads better in "...".
        return run(&plan(Style::C), extra, arg);
    }
    if !pl.elide_outer {
        out.extend_from_slice(pl.close);
    }
    Some(out)
}

/// `quotearg` into a `String` (lossy only for bytes the style leaves raw).
pub fn quote(style: Style, arg: &str) -> String {
    String::from_utf8_lossy(&quote_bytes(style, &[], arg.as_bytes())).into_owned()
}

/// GNU's `quote`: the locale style, in C `'x'` with backslash escapes
/// (find's messages).
pub fn quote_locale(arg: &str) -> String {
    quote(Style::Locale, arg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(style: Style, s: &[u8]) -> String {
        String::from_utf8_lossy(&quote_bytes(style, &[], s)).into_owned()
    }

    // Expectations from GNU coreutils 9.1 `ls --quoting-style=...` and
    // messages under LC_ALL=C.
    #[test]
    fn shell_styles() {
        assert_eq!(q(Style::ShellEscape, b"a"), "a");
        assert_eq!(q(Style::ShellEscape, b"b c"), "'b c'");
        assert_eq!(q(Style::ShellEscape, b"q'x"), "\"q'x\"");
        assert_eq!(q(Style::ShellEscape, b"n\nl"), "'n'$'\\n''l'");
        assert_eq!(q(Style::ShellEscape, b"a$b"), "'a$b'");
        assert_eq!(q(Style::ShellEscape, b""), "''");
        assert_eq!(q(Style::ShellEscape, b"x~"), "x~");
        assert_eq!(q(Style::ShellEscape, b"~x"), "'~x'");
        assert_eq!(q(Style::ShellEscapeAlways, b"nope"), "'nope'");
        assert_eq!(q(Style::ShellEscapeAlways, b"a'$"), "'a'\\''$'");
        assert_eq!(q(Style::Shell, b"n\nl"), "'n\nl'");
        assert_eq!(q(Style::Shell, b"q'x"), "\"q'x\"");
        assert_eq!(q(Style::ShellAlways, b"a"), "'a'");
        assert_eq!(q(Style::ShellEscape, b"\x01"), "''$'\\001'");
    }

    #[test]
    fn c_and_locale_styles() {
        assert_eq!(q(Style::C, b"n\nl"), "\"n\\nl\"");
        assert_eq!(q(Style::C, b"q\"x"), "\"q\\\"x\"");
        assert_eq!(q(Style::Escape, b"n\nl"), "n\\nl");
        assert_eq!(quote_bytes(Style::Escape, b" ", b"b c"), b"b\\ c");
        assert_eq!(q(Style::Locale, b"q'x"), "'q\\'x'");
        assert_eq!(q(Style::CLocale, b"q'x"), "\"q'x\"");
        assert_eq!(q(Style::Locale, b"a\\b"), "'a\\\\b'");
        assert_eq!(q(Style::CMaybe, b"ab"), "ab");
        assert_eq!(q(Style::CMaybe, b"a b"), "a b");
        assert_eq!(q(Style::CMaybe, b"a\nb"), "\"a\\nb\"");
        assert_eq!(q(Style::Literal, b"n\nl"), "n\nl");
    }
}
