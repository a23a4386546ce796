//! File names in messages, quoted as GNU coreutils quotes them under
//! `LC_ALL=C` (gnulib's `quotearg` shell-escape styles).
//!
//! [`quote`] always quotes (`'a'`, what `cp -v`, `rm -v` and most error
//! messages show); [`quotef`] quotes only when the name needs it (`cat:
//! a: ...` but `cat: 'a b': ...`). A name with a single quote and nothing
//! else special is shown in double quotes (`"it's"`); control bytes and
//! bytes above 127 are shown as `$'\n'`, `$'\303'` pieces.

/// Quote always: `'name'`.
pub fn quote(name: &str) -> String {
    quote_bytes(name.as_bytes(), false)
}

/// Quote only if the name has characters a shell would treat specially.
pub fn quotef(name: &str) -> String {
    quote_bytes(name.as_bytes(), true)
}

/// Whether a byte is printable in the C locale.
fn printable(c: u8) -> bool {
    (0x20..0x7f).contains(&c)
}

/// The letter of a C escape for a control byte, if it has one.
fn c_escape(c: u8) -> Option<u8> {
    Some(match c {
        0x07 => b'a',
        0x08 => b'b',
        0x0c => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x0b => b'v',
        _ => return None,
    })
}

/// True if `s` can be shown bare (the `elide outer quotes` case).
fn is_plain(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let isolated = s.len() == 1;
    s.iter().enumerate().all(|(i, &c)| match c {
        b'{' | b'}' => !isolated,
        b'#' | b'~' => i != 0,
        b' ' | b'!' | b'"' | b'$' | b'&' | b'(' | b')' | b'*' | b';' | b'<' | b'=' | b'>' | b'[' | b'^' | b'`'
        | b'|' | b'\'' | b'?' | b'\\' => false,
        _ => printable(c),
    })
}

/// True if the byte reads the same inside C and shell double quotes (so a
/// name whose only problem is `'` may be shown as `"it's"`).
fn c_and_shell_compat(c: u8, i: usize, isolated: bool) -> bool {
    match c {
        b'{' | b'}' => isolated,
        b'#' | b'~' => i == 0,
        b' ' | b'\'' => true,
        b'!' | b'"' | b'$' | b'&' | b'(' | b')' | b'*' | b';' | b'<' | b'=' | b'>' | b'[' | b'^' | b'`' | b'|'
        | b'?' | b'\\' => false,
        _ => printable(c),
    }
}

fn quote_bytes(s: &[u8], elide: bool) -> String {
    if elide && is_plain(s) {
        return String::from_utf8_lossy(s).into_owned();
    }
    let isolated = s.len() == 1;
    if s.contains(&b'\'') && s.iter().enumerate().all(|(i, &c)| c_and_shell_compat(c, i, isolated)) {
        return format!("\"{}\"", String::from_utf8_lossy(s));
    }
    let mut out = String::from("'");
    // Inside a `$'...'` piece after an escaped byte.
    let mut in_escape = false;
    for &c in s {
        if printable(c) {
            if in_escape {
                out.push_str("''");
                in_escape = false;
            }
            if c == b'\'' {
                out.push_str("'\\''");
            } else {
                out.push(c as char);
            }
            continue;
        }
        if !in_escape {
            out.push_str("'$'");
            in_escape = true;
        }
        out.push('\\');
        match c_escape(c) {
            Some(e) => out.push(e as char),
            None => out.push_str(&format!("{:03o}", c)),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always() {
        // Each from GNU rm 9.1 under LC_ALL=C.
        assert_eq!(quote("a"), "'a'");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "\"it's\"");
        assert_eq!(quote("x\ny"), "'x'$'\\n''y'");
        assert_eq!(quote("t\tb"), "'t'$'\\t''b'");
        assert_eq!(quote("q\"x"), "'q\"x'");
        assert_eq!(quote("é"), "''$'\\303\\251'");
        assert_eq!(quote("a'b\"c"), "'a'\\''b\"c'");
        assert_eq!(quote("$x"), "'$x'");
        assert_eq!(quote(""), "''");
    }

    #[test]
    fn when_needed() {
        assert_eq!(quotef("a"), "a");
        assert_eq!(quotef("d/f.txt"), "d/f.txt");
        assert_eq!(quotef("a b"), "'a b'");
        assert_eq!(quotef("it's"), "\"it's\"");
        assert_eq!(quotef("a=b"), "'a=b'");
        assert_eq!(quotef("~a"), "'~a'");
        assert_eq!(quotef("a~"), "a~");
        assert_eq!(quotef("{"), "'{'");
        assert_eq!(quotef("a{"), "a{");
        assert_eq!(quotef(""), "''");
    }
}
