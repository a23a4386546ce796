//! One error type for the whole system: a stable code plus an optional detail.
//!
//! Fileservers and the kernel speak in codes (`ENOENT`, ...). What a user sees
//! is the glibc text for the code (`No such file or directory`), so commands
//! can print exactly what GNU tools print. Some kernel errors carry a Plan 9
//! detail (`mounted directory forbids creation`) that namespace commands show
//! and that a 9P exporter sends on the wire.

use std::fmt;
use std::sync::Arc;

/// A stable error code. The names are the POSIX errno names so that code
/// reads as it would in C, and the set is closed so a wire protocol can map
/// every code both ways.
#[allow(clippy::upper_case_acronyms)]
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Errno {
    EPERM,
    ENOENT,
    ESRCH,
    EINTR,
    EIO,
    E2BIG,
    ENOEXEC,
    EBADF,
    ECHILD,
    EAGAIN,
    ENOMEM,
    EACCES,
    EBUSY,
    EEXIST,
    EXDEV,
    ENOTDIR,
    EISDIR,
    EINVAL,
    EMFILE,
    EFBIG,
    ENOSPC,
    ESPIPE,
    EPIPE,
    ERANGE,
    ENAMETOOLONG,
    ENOSYS,
    ENOTEMPTY,
    ELOOP,
    /// The server at the other end has gone (Plan 9's Ehungup): Unix has
    /// no such code, and a user should see exactly this.
    EHUNGUP,
}

impl Errno {
    /// Every code, for tables and tests.
    pub const ALL: [Errno; 29] = [
        Errno::EPERM,
        Errno::ENOENT,
        Errno::ESRCH,
        Errno::EINTR,
        Errno::EIO,
        Errno::E2BIG,
        Errno::ENOEXEC,
        Errno::EBADF,
        Errno::ECHILD,
        Errno::EAGAIN,
        Errno::ENOMEM,
        Errno::EACCES,
        Errno::EBUSY,
        Errno::EEXIST,
        Errno::EXDEV,
        Errno::ENOTDIR,
        Errno::EISDIR,
        Errno::EINVAL,
        Errno::EMFILE,
        Errno::EFBIG,
        Errno::ENOSPC,
        Errno::ESPIPE,
        Errno::EPIPE,
        Errno::ERANGE,
        Errno::ENAMETOOLONG,
        Errno::ENOSYS,
        Errno::ENOTEMPTY,
        Errno::ELOOP,
        Errno::EHUNGUP,
    ];

    /// The symbolic name, e.g. `"ENOENT"`.
    pub fn name(self) -> &'static str {
        match self {
            Errno::EPERM => "EPERM",
            Errno::ENOENT => "ENOENT",
            Errno::ESRCH => "ESRCH",
            Errno::EINTR => "EINTR",
            Errno::EIO => "EIO",
            Errno::E2BIG => "E2BIG",
            Errno::ENOEXEC => "ENOEXEC",
            Errno::EBADF => "EBADF",
            Errno::ECHILD => "ECHILD",
            Errno::EAGAIN => "EAGAIN",
            Errno::ENOMEM => "ENOMEM",
            Errno::EACCES => "EACCES",
            Errno::EBUSY => "EBUSY",
            Errno::EEXIST => "EEXIST",
            Errno::EXDEV => "EXDEV",
            Errno::ENOTDIR => "ENOTDIR",
            Errno::EISDIR => "EISDIR",
            Errno::EINVAL => "EINVAL",
            Errno::EMFILE => "EMFILE",
            Errno::EFBIG => "EFBIG",
            Errno::ENOSPC => "ENOSPC",
            Errno::ESPIPE => "ESPIPE",
            Errno::EPIPE => "EPIPE",
            Errno::ERANGE => "ERANGE",
            Errno::ENAMETOOLONG => "ENAMETOOLONG",
            Errno::ENOSYS => "ENOSYS",
            Errno::ENOTEMPTY => "ENOTEMPTY",
            Errno::ELOOP => "ELOOP",
            Errno::EHUNGUP => "EHUNGUP",
        }
    }

    /// The text glibc's `strerror` gives, which is what GNU tools print.
    pub fn strerror(self) -> &'static str {
        match self {
            Errno::EPERM => "Operation not permitted",
            Errno::ENOENT => "No such file or directory",
            Errno::ESRCH => "No such process",
            Errno::EINTR => "Interrupted system call",
            Errno::EIO => "Input/output error",
            Errno::E2BIG => "Argument list too long",
            Errno::ENOEXEC => "Exec format error",
            Errno::EBADF => "Bad file descriptor",
            Errno::ECHILD => "No child processes",
            Errno::EAGAIN => "Resource temporarily unavailable",
            Errno::ENOMEM => "Cannot allocate memory",
            Errno::EACCES => "Permission denied",
            Errno::EBUSY => "Device or resource busy",
            Errno::EEXIST => "File exists",
            Errno::EXDEV => "Invalid cross-device link",
            Errno::ENOTDIR => "Not a directory",
            Errno::EISDIR => "Is a directory",
            Errno::EINVAL => "Invalid argument",
            Errno::EMFILE => "Too many open files",
            Errno::EFBIG => "File too large",
            Errno::ENOSPC => "No space left on device",
            Errno::ESPIPE => "Illegal seek",
            Errno::EPIPE => "Broken pipe",
            Errno::ERANGE => "Numerical result out of range",
            Errno::ENAMETOOLONG => "File name too long",
            Errno::ENOSYS => "Function not implemented",
            Errno::ENOTEMPTY => "Directory not empty",
            Errno::ELOOP => "Too many levels of symbolic links",
            Errno::EHUNGUP => "i/o on hung-up channel",
        }
    }

    /// Plan 9's canonical error string for the code, for a 9P wire. Clients
    /// such as 9pfuse map these back to errno by substring, so each string is
    /// chosen to map back to the same code (`directory not empty` is tested
    /// before `directory` by our own importer; see plan9-semantics §4.5).
    pub fn plan9(self) -> &'static str {
        match self {
            Errno::EPERM => "permission denied",
            Errno::ENOENT => "file does not exist",
            Errno::ESRCH => "process exited",
            Errno::EINTR => "interrupted",
            Errno::EIO => "i/o error",
            Errno::E2BIG => "argument list too long",
            Errno::ENOEXEC => "exec header invalid",
            Errno::EBADF => "fd out of range or not open",
            Errno::ECHILD => "no living children",
            Errno::EAGAIN => "resource temporarily unavailable",
            Errno::ENOMEM => "out of memory",
            Errno::EACCES => "permission denied",
            Errno::EBUSY => "device or object already in use",
            Errno::EEXIST => "file already exists",
            Errno::EXDEV => "cross-device rename",
            Errno::ENOTDIR => "not a directory",
            Errno::EISDIR => "is a directory",
            Errno::EINVAL => "bad arg in system call",
            Errno::EMFILE => "no free file descriptors",
            Errno::EFBIG => "file too large",
            Errno::ENOSPC => "file system full",
            Errno::ESPIPE => "seek on a stream",
            Errno::EPIPE => "write on closed pipe",
            Errno::ERANGE => "value out of range",
            Errno::ENAMETOOLONG => "name too long",
            Errno::ENOSYS => "not implemented",
            Errno::ENOTEMPTY => "directory not empty",
            Errno::ELOOP => "too many levels of interpreters",
            Errno::EHUNGUP => "i/o on hung-up channel",
        }
    }
}

impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error: a code and, sometimes, a more precise detail.
///
/// `Display` prints the detail when there is one and the glibc text
/// otherwise. Equality compares codes only, so tests can write
/// `assert_eq!(r, Err(Errno::ENOENT.into()))`.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}", self.message())]
pub struct Error {
    code: Errno,
    detail: Option<Arc<str>>,
}

impl Error {
    pub fn new(code: Errno) -> Self {
        Error { code, detail: None }
    }

    /// An error with a detail that says more than the code does.
    pub fn with_detail(code: Errno, detail: impl Into<Arc<str>>) -> Self {
        Error {
            code,
            detail: Some(detail.into()),
        }
    }

    /// An error whose detail explains it to a user: `glibc text: why`
    /// (`Invalid argument: unknown ctl verb 'x'`). Commands print such a
    /// detail in full where they would print the glibc text (see
    /// [`Error::explained`]): a server's message about its own files.
    pub fn explain(code: Errno, why: impl std::fmt::Display) -> Self {
        Error::with_detail(code, format!("{}: {why}", code.strerror()))
    }

    /// The detail if it was made by [`Error::explain`].
    pub fn explained(&self) -> Option<&str> {
        let d = self.detail.as_deref()?;
        d.strip_prefix(self.code.strerror())?.starts_with(": ").then_some(d)
    }

    pub fn code(&self) -> Errno {
        self.code
    }

    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The detail if any, else the glibc text.
    pub fn message(&self) -> &str {
        self.detail.as_deref().unwrap_or(self.code.strerror())
    }

    /// What a GNU tool prints for this error: always the glibc text, so that
    /// `cat: x: No such file or directory` reads the same as on a host.
    pub fn strerror(&self) -> &'static str {
        self.code.strerror()
    }

    /// The string to send on a 9P wire.
    pub fn plan9(&self) -> &str {
        self.detail.as_deref().unwrap_or(self.code.plan9())
    }

    pub fn is(&self, code: Errno) -> bool {
        self.code == code
    }
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Error {}

impl From<Errno> for Error {
    fn from(code: Errno) -> Self {
        Error::new(code)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shorthand for `Err(Error::new(code))`.
pub fn err<T>(code: Errno) -> Result<T> {
    Err(Error::new(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_texts() {
        for code in Errno::ALL {
            assert!(!code.strerror().is_empty());
            assert!(!code.plan9().is_empty());
            assert!(code.name().starts_with('E'));
        }
    }

    #[test]
    fn detail_overrides_message_not_code() {
        let e = Error::with_detail(Errno::EACCES, "mounted directory forbids creation");
        assert_eq!(e.to_string(), "mounted directory forbids creation");
        assert_eq!(e.strerror(), "Permission denied");
        assert_eq!(e, Error::new(Errno::EACCES));
    }
}
