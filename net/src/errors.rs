//! Errors on a 9P wire: the one two-way table between the kernel's codes
//! and the text of an Rerror.
//!
//! Going out, the exporter sends Plan 9's canonical string for the code
//! (`file does not exist`, `permission denied`, ...), or the error's own
//! detail when that detail reads back as the same code: clients such as
//! 9pfuse map errors by matching words, so a free-text detail that would
//! read as another error is not sent.
//!
//! Coming in, the importer and the FUSE bridge read a string as: one of
//! our own canonical strings or a Plan 9 / lib9p string, exactly; else
//! `not empty` (Plan 9 has no string for ENOTEMPTY, and the 9pfuse rules
//! would read `directory not empty` as ENOTDIR); else plan9port 9pfuse's
//! substring rules in their order, ending in ERANGE for anything unknown,
//! as 9pfuse does.

use kernel::{Errno, Error};

/// Strings of the Plan 9 kernel and lib9p that the 9pfuse rules would
/// misread, or that name a code exactly.
const PLAN9: &[(&str, Errno)] = &[
    ("file does not exist", Errno::ENOENT),
    ("file not found", Errno::ENOENT),
    ("permission denied", Errno::EACCES),
    ("i/o on hungup channel", Errno::EHUNGUP),
    ("unknown fid", Errno::EBADF),
    ("duplicate fid", Errno::EBADF),
    ("fid in use", Errno::EBADF),
    ("walk in non-directory", Errno::ENOTDIR),
    ("create in non-directory", Errno::ENOTDIR),
    ("create prohibited", Errno::EACCES),
    ("remove prohibited", Errno::EACCES),
    ("write prohibited", Errno::EACCES),
    ("wstat prohibited", Errno::EACCES),
    ("mounted directory forbids creation", Errno::EACCES),
    ("bad offset", Errno::EINVAL),
    ("bad count", Errno::EINVAL),
    ("bad arg in system call", Errno::EINVAL),
    ("file name syntax", Errno::EINVAL),
    ("seek in directory", Errno::ESPIPE),
    ("process exited", Errno::ESRCH),
    // The exporter's own protocol errors, as lib9p words them.
    ("authentication not required", Errno::EACCES),
    ("cannot walk an open fid", Errno::EBUSY),
    ("file already open", Errno::EBUSY),
    ("file not open", Errno::EBADF),
    ("file not open for reading", Errno::EBADF),
    ("file not open for writing", Errno::EBADF),
    ("version not negotiated", Errno::EINVAL),
];

/// 9pfuse's errstr.c, in its order: the first substring found decides.
/// Each rule gives the Linux errno 9pfuse answers and the nearest code of
/// the kernel's closed set (which has no ETIMEDOUT, EROFS, ESTALE, EPROTO).
const SUBSTRINGS: &[(&[&str], Errno, i32)] = &[
    (&["permitted"], Errno::EPERM, 1),
    (&["permission", "access"], Errno::EACCES, 13),
    (&["exists"], Errno::EEXIST, 17),
    (&["exist", "no such", "not found", "entry"], Errno::ENOENT, 2),
    (&["not implemented"], Errno::ENOSYS, 38),
    (&["i/o", "input/output"], Errno::EIO, 5),
    (&["timeout", "timed out"], Errno::EAGAIN, 110),
    (&["too long"], Errno::E2BIG, 7),
    (&["interrupt"], Errno::EINTR, 4),
    (&["bad file", " fid "], Errno::EBADF, 9),
    (&["temporar"], Errno::EAGAIN, 11),
    (&["memory"], Errno::ENOMEM, 12),
    (&["is a directory"], Errno::EISDIR, 21),
    (&["directory"], Errno::ENOTDIR, 20),
    (&["argument", "illegal", "invalid"], Errno::EINVAL, 22),
    (&["pipe"], Errno::EPIPE, 32),
    (&["in use", "busy"], Errno::EBUSY, 16),
    (&["read-only", "read only"], Errno::EPERM, 30),
    (&["stale "], Errno::EIO, 116),
    (&["proto"], Errno::EIO, 71),
];

/// What 9pfuse answers for text matching no rule.
const UNKNOWN: (Errno, i32) = (Errno::ERANGE, 34);

/// The code an Rerror's text stands for.
pub fn from_wire(ename: &str) -> Errno {
    classify(ename).0
}

/// The Linux errno a FUSE client answers for an Rerror's text.
pub fn linux_errno(ename: &str) -> i32 {
    classify(ename).1
}

/// The Linux errno the FUSE mount answers for an Rerror's text: 9pfuse's,
/// except that text no rule matches is EIO rather than 9pfuse's ERANGE
/// ("Numerical result out of range" would only puzzle a host tool).
pub fn fuse_errno(ename: &str) -> i32 {
    match classify(ename) {
        UNKNOWN => 5,
        (_, errno) => errno,
    }
}

fn classify(ename: &str) -> (Errno, i32) {
    let lower = ename.to_ascii_lowercase();
    let exact = PLAN9
        .iter()
        .find(|(s, _)| *s == lower)
        .map(|&(_, code)| code)
        // Our own canonical strings read back exactly (EPERM shares its
        // string with EACCES, which the table above already answered).
        .or_else(|| Errno::ALL.into_iter().find(|c| c.plan9() == lower))
        .or_else(|| lower.contains("not empty").then_some(Errno::ENOTEMPTY));
    if let Some(code) = exact {
        return (code, linux(code));
    }
    SUBSTRINGS
        .iter()
        .find(|(words, _, _)| words.iter().any(|w| lower.contains(w)))
        .map_or(UNKNOWN, |&(_, code, errno)| (code, errno))
}

/// The Linux number of a kernel code. EHUNGUP, which Unix lacks, is EIO.
pub fn linux(code: Errno) -> i32 {
    match code {
        Errno::EPERM => 1,
        Errno::ENOENT => 2,
        Errno::ESRCH => 3,
        Errno::EINTR => 4,
        Errno::EIO | Errno::EHUNGUP => 5,
        Errno::E2BIG => 7,
        Errno::ENOEXEC => 8,
        Errno::EBADF => 9,
        Errno::ECHILD => 10,
        Errno::EAGAIN => 11,
        Errno::ENOMEM => 12,
        Errno::EACCES => 13,
        Errno::EBUSY => 16,
        Errno::EEXIST => 17,
        Errno::EXDEV => 18,
        Errno::ENOTDIR => 20,
        Errno::EISDIR => 21,
        Errno::EINVAL => 22,
        Errno::EMFILE => 24,
        Errno::EFBIG => 27,
        Errno::ENOSPC => 28,
        Errno::ESPIPE => 29,
        Errno::EPIPE => 32,
        Errno::ERANGE => 34,
        Errno::ENAMETOOLONG => 36,
        Errno::ENOSYS => 38,
        Errno::ENOTEMPTY => 39,
        Errno::ELOOP => 40,
    }
}

/// The Rerror text for `e`.
pub fn to_wire(e: &Error) -> String {
    match e.detail() {
        Some(d) if from_wire(d) == wire_code(e.code()) => d.to_string(),
        _ => e.code().plan9().to_string(),
    }
}

/// The code `e`'s canonical string reads back as: EPERM has no string of
/// its own in Plan 9 and travels as `permission denied`.
fn wire_code(code: Errno) -> Errno {
    from_wire(code.plan9())
}

/// A remote error as a kernel error: the code, with the server's text as
/// the detail.
pub fn remote(ename: &str) -> Error {
    Error::with_detail(from_wire(ename), ename.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_canonical_string_reads_back_as_its_code() {
        for code in Errno::ALL {
            let back = from_wire(&to_wire(&code.into()));
            let want = if code == Errno::EPERM { Errno::EACCES } else { code };
            assert_eq!(back, want, "{code:?} as {:?}", code.plan9());
        }
    }

    #[test]
    fn plan9_strings_map_as_a_unix_user_expects() {
        assert_eq!(from_wire("file does not exist"), Errno::ENOENT);
        assert_eq!(from_wire("'/x' file does not exist"), Errno::ENOENT);
        assert_eq!(from_wire("file already exists"), Errno::EEXIST);
        assert_eq!(from_wire("remove -- directory not empty"), Errno::ENOTEMPTY);
        assert_eq!(from_wire("not a directory"), Errno::ENOTDIR);
        assert_eq!(from_wire("is a directory"), Errno::EISDIR);
        assert_eq!(from_wire("i/o on hungup channel"), Errno::EHUNGUP);
        assert_eq!(from_wire("Permission denied"), Errno::EACCES);
        assert_eq!(from_wire("operation not permitted"), Errno::EPERM);
        assert_eq!(from_wire("No such file or directory"), Errno::ENOENT);
        assert_eq!(from_wire("unknown file"), Errno::ERANGE);
        assert_eq!(linux_errno("unknown file"), 34);
        assert_eq!(linux_errno("file system is read-only"), 30);
        assert_eq!(linux_errno("directory not empty"), 39);
    }

    #[test]
    fn the_fuse_mount_reads_errors_as_9pfuse_but_unknown_text_is_eio() {
        let cases = [
            ("file does not exist", 2),
            ("'/x' file does not exist", 2),
            ("permission denied", 13),
            ("file already exists", 17),
            ("directory not empty", 39),
            ("not a directory", 20),
            ("is a directory", 21),
            ("read-only file system", 30),
            ("i/o on hung-up channel", 5),
            ("unknown file", 5),
        ];
        for (text, want) in cases {
            assert_eq!(fuse_errno(text), want, "{text}");
        }
    }

    #[test]
    fn a_detail_travels_only_if_it_reads_back_the_same() {
        let e = Error::with_detail(Errno::ENOENT, "'/x/y' file does not exist");
        assert_eq!(to_wire(&e), "'/x/y' file does not exist");
        let e = Error::with_detail(Errno::EACCES, "mounted directory forbids creation");
        assert_eq!(to_wire(&e), "mounted directory forbids creation");
        let e = Error::with_detail(Errno::ESRCH, "process does not exist");
        assert_eq!(to_wire(&e), "process exited");
        let e = Error::with_detail(Errno::EPERM, "open not supported by this server");
        assert_eq!(to_wire(&e), "permission denied");
    }
}
