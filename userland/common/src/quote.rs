//! File names in messages, quoted as GNU coreutils quotes them under
//! `LC_ALL=C`: the two shell-escape styles of [`quotearg`] that most
//! messages use, by name.
//!
//! [`quote`] always quotes (`'a'`, what `cp -v`, `rm -v` and most error
//! messages show); [`quotef`] quotes only when the name needs it (`cat:
//! a: ...` but `cat: 'a b': ...`). A name with a single quote and nothing
//! else special is shown in double quotes (`"it's"`); control bytes and
//! bytes above 127 are shown as `$'\n'`, `$'\303'` pieces.

use super::quotearg::{self, Style};

/// Quote always: `'name'` (gnulib's shell-escape-always style).
pub fn quote(name: &str) -> String {
    quotearg::quote(Style::ShellEscapeAlways, name)
}

/// Quote only if the name has characters a shell would treat specially
/// (gnulib's shell-escape style).
pub fn quotef(name: &str) -> String {
    quotearg::quote(Style::ShellEscape, name)
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
