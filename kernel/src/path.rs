//! Names: Plan 9's `cleanname` and the checks every name passes.
//!
//! The kernel cleans every name lexically before resolving it, so `..` is
//! interpreted against the name the caller used (Pike, "Lexical File Names in
//! Plan 9"): after `bind /a /b; cd /b/x; cd ..` the current directory is `/b`.
//! Fileservers therefore never see `.` or `..`.

use crate::error::{Errno, Error, Result};

/// The longest element the kernel accepts (as Linux's NAME_MAX).
pub const NAME_MAX: usize = 255;
/// The longest name the kernel accepts (as Linux's PATH_MAX).
pub const PATH_MAX: usize = 4096;

/// Clean a name lexically, as Plan 9's cleanname(2):
/// repeated slashes collapse, `.` elements vanish, `x/..` pairs cancel, and
/// `..` at the root stays at the root. A rooted name stays rooted; a
/// relative one stays relative (and `""` becomes `"."`). A device name
/// `#c/...` is rooted at its device prefix.
pub fn clean(name: &str) -> String {
    if is_clean_absolute(name) {
        return name.to_string();
    }
    let (prefix, rest) = split_device(name);
    let rooted = prefix.is_some() || rest.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    // Number of leading `..` elements a relative name keeps.
    let mut dotdot = 0usize;
    for elem in rest.split('/') {
        match elem {
            "" | "." => {}
            ".." => {
                if out.len() > dotdot {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                    dotdot += 1;
                }
            }
            e => out.push(e),
        }
    }
    let mut s = String::with_capacity(name.len());
    if let Some(p) = prefix {
        s.push_str(p);
    }
    if rooted {
        s.push('/');
    }
    s.push_str(&out.join("/"));
    if s.is_empty() {
        s.push('.');
    }
    if prefix.is_none() && split_device(&s).0.is_some() {
        // A relative name whose first element looks like a device (`a/../#c`)
        // must not turn into a device name.
        s.insert_str(0, "./");
    }
    if prefix.is_some() && s.len() > 1 && s.ends_with('/') && out.is_empty() {
        // `#c/` cleans to `#c`.
        s.pop();
    }
    s
}

/// True for a rooted name that cleaning would not change: the common case,
/// checked in one pass without allocating.
fn is_clean_absolute(name: &str) -> bool {
    let b = name.as_bytes();
    if b.first() != Some(&b'/') {
        return false;
    }
    if b.len() == 1 {
        return true;
    }
    if b[b.len() - 1] == b'/' {
        return false;
    }
    // Every element must be non-empty and neither `.` nor `..`.
    b[1..]
        .split(|&c| c == b'/')
        .all(|e| !e.is_empty() && e != b"." && e != b"..")
}

/// Split `#x` or `#x/...` into the device prefix (`#x`) and the rest of
/// the name. A device letter is one character, so a name such as
/// `#notes#` (an editor's autosave file) is an ordinary relative name.
pub fn split_device(name: &str) -> (Option<&str>, &str) {
    let mut chars = name.char_indices();
    match (chars.next(), chars.next(), chars.next()) {
        (Some((0, '#')), Some((i, c)), None | Some((_, '/'))) => {
            let end = i + c.len_utf8();
            (Some(&name[..end]), &name[end..])
        }
        _ => (None, name),
    }
}

/// Join `name` to the directory `cwd` and clean the result.
pub fn resolve(cwd: &str, name: &str) -> String {
    if name.starts_with('/') || split_device(name).0.is_some() {
        clean(name)
    } else {
        let mut joined = String::with_capacity(cwd.len() + 1 + name.len());
        joined.push_str(cwd);
        joined.push('/');
        joined.push_str(name);
        clean(&joined)
    }
}

/// Reject names no fileserver should see: empty, containing NUL, too long.
pub fn check(name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Errno::ENOENT.into());
    }
    if name.as_bytes().contains(&0) {
        return Err(Error::with_detail(Errno::EINVAL, "file name syntax"));
    }
    if name.len() > PATH_MAX {
        return Err(Errno::ENAMETOOLONG.into());
    }
    if name.split('/').any(|e| e.len() > NAME_MAX) {
        return Err(Errno::ENAMETOOLONG.into());
    }
    Ok(())
}

/// The directory part and the last element of a cleaned absolute name:
/// `/a/b` → (`/a`, `b`); `/a` → (`/`, `a`); `/` → (`/`, ``).
pub fn split_last(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(0) => ("/", &path[1..]),
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (".", path),
    }
}

/// The last element of a name, or `/` for the root.
pub fn base(path: &str) -> &str {
    let (_, last) = split_last(path);
    if last.is_empty() { "/" } else { last }
}

/// Append an element to a cleaned absolute server path.
pub fn child(dir: &str, elem: &str) -> String {
    let mut s = String::with_capacity(dir.len() + 1 + elem.len());
    s.push_str(dir);
    if !dir.ends_with('/') {
        s.push('/');
    }
    s.push_str(elem);
    s
}

/// `name` with its prefix `from` replaced by `to`, if `name` is `from` or
/// lies under it (element-wise: `/ab` is not under `/a`).
pub fn rebase(name: &str, from: &str, to: &str) -> Option<String> {
    let rest = name.strip_prefix(from)?;
    let rest = if from.ends_with('/') || rest.is_empty() {
        rest
    } else {
        rest.strip_prefix('/')?
    };
    Some(if rest.is_empty() {
        to.to_string()
    } else {
        child(to, rest)
    })
}

/// The elements of a cleaned absolute name (none for `/`).
pub fn elements(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleanname_cases() {
        let cases = [
            ("", "."),
            (".", "."),
            ("/", "/"),
            ("//", "/"),
            ("/..", "/"),
            ("/../..", "/"),
            ("/a/b/../c", "/a/c"),
            ("/a/./b/", "/a/b"),
            ("a/../..", ".."),
            ("a/../../b", "../b"),
            ("../../a", "../../a"),
            ("a//b", "a/b"),
            ("#c", "#c"),
            ("#c/", "#c"),
            ("#c/cons/../x", "#c/x"),
            ("#c/..", "#c"),
            ("#notes#", "#notes#"),
            ("a/../#c", "./#c"),
            ("/tmp/x/..", "/tmp"),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "clean({input:?})");
        }
    }

    #[test]
    fn resolve_against_cwd() {
        assert_eq!(resolve("/home/user", "x"), "/home/user/x");
        assert_eq!(resolve("/home/user", "../.."), "/");
        assert_eq!(resolve("/home/user", "/etc"), "/etc");
        assert_eq!(resolve("/", "."), "/");
        assert_eq!(resolve("/home/user", "#c/cons"), "#c/cons");
        assert_eq!(resolve("/home/user", "#notes#"), "/home/user/#notes#");
    }

    #[test]
    fn checks() {
        assert!(check("/a").is_ok());
        assert_eq!(check("/a\0b").unwrap_err().code(), Errno::EINVAL);
        let long = format!("/{}", "x".repeat(256));
        assert_eq!(check(&long).unwrap_err().code(), Errno::ENAMETOOLONG);
        assert!(check(&format!("/{}", "x".repeat(255))).is_ok());
        assert_eq!(check("").unwrap_err().code(), Errno::ENOENT);
    }

    #[test]
    fn split() {
        assert_eq!(split_last("/a/b"), ("/a", "b"));
        assert_eq!(rebase("/a/b", "/a", "/c").as_deref(), Some("/c/b"));
        assert_eq!(rebase("/a", "/a", "/c").as_deref(), Some("/c"));
        assert_eq!(rebase("/ab", "/a", "/c"), None);
        assert_eq!(rebase("/a/b", "/", "/x").as_deref(), Some("/x/a/b"));
        assert_eq!(rebase("/", "/", "/x").as_deref(), Some("/x"));
        assert_eq!(split_last("/a"), ("/", "a"));
        assert_eq!(split_last("/"), ("/", ""));
        assert_eq!(base("/"), "/");
        assert_eq!(child("/", "a"), "/a");
        assert_eq!(child("/a", "b"), "/a/b");
    }

    proptest::proptest! {
        #[test]
        fn clean_is_idempotent(s in "[/a-c.#]{0,24}") {
            let once = clean(&s);
            proptest::prop_assert_eq!(clean(&once), once.clone());
        }

        #[test]
        fn rooted_names_never_climb(s in "(/|\\.\\.|a|b|\\.){0,12}") {
            let name = format!("/{s}");
            let c = clean(&name);
            proptest::prop_assert!(c.starts_with('/'));
            proptest::prop_assert!(!c.split('/').any(|e| e == ".." || e == "."));
        }
    }
}
