//! Plan 9 dial strings and the host sockets they name.
//!
//! An address is `unix!PATH` (a Unix-domain socket) or `tcp!HOST!PORT`,
//! the syntax Plan 9 and plan9port's tools use. A running system known by
//! name listens on `unix!DIR/NAME`, where DIR is [`socket_dir`].
//!
//! [`listen`] and [`connect`] are the only places a host socket is made;
//! both answer kernel errors so that a command can print them as it prints
//! any other.

use std::fmt;
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use kernel::{Errno, Error, Result};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream, UnixListener, UnixStream};

/// A parsed dial string.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Addr {
    Unix(PathBuf),
    Tcp { host: String, port: u16 },
}

impl Addr {
    /// Parse `unix!PATH` or `tcp!HOST!PORT` (`PORT` 0 to listen on a port
    /// the host picks).
    pub fn parse(s: &str) -> Result<Addr> {
        let bad = |why: &str| Error::with_detail(Errno::EINVAL, format!("bad address '{s}': {why}"));
        match s.split_once('!') {
            Some(("unix", path)) if !path.is_empty() && !path.contains('\0') => Ok(Addr::Unix(path.into())),
            Some(("unix", _)) => Err(bad("expected unix!PATH")),
            Some(("tcp", rest)) => {
                let (host, port) = rest.rsplit_once('!').ok_or_else(|| bad("expected tcp!HOST!PORT"))?;
                if host.is_empty() || host.contains('!') {
                    return Err(bad("expected tcp!HOST!PORT"));
                }
                let port = port
                    .parse()
                    .map_err(|_| bad("the port is not a number from 0 to 65535"))?;
                Ok(Addr::Tcp {
                    host: host.to_string(),
                    port,
                })
            }
            _ => Err(bad("expected unix!PATH or tcp!HOST!PORT")),
        }
    }

    /// A system's name or an address: a string with a `!` is an address,
    /// anything else the name of a system listening in [`socket_dir`].
    pub fn of_system(name_or_addr: &str) -> Result<Addr> {
        if name_or_addr.contains('!') {
            Addr::parse(name_or_addr)
        } else {
            check_name(name_or_addr)?;
            Ok(Addr::Unix(socket_dir()?.join(name_or_addr)))
        }
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Addr::Unix(p) => write!(f, "unix!{}", p.display()),
            Addr::Tcp { host, port } => write!(f, "tcp!{host}!{port}"),
        }
    }
}

/// A system name is one path element of the socket directory.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name != "."
        && name != ".."
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::with_detail(
            Errno::EINVAL,
            format!("bad system name '{name}': use letters, digits, '-', '_' and '.'"),
        ))
    }
}

/// The uid this host process runs as, read without libc: the owner of
/// `/proc/self` is the process's effective uid.
pub fn host_uid() -> u32 {
    std::fs::metadata("/proc/self").map_or(0, |m| m.uid())
}

/// Where named systems put their sockets: `$XDG_RUNTIME_DIR/ninebox`, or
/// `/tmp/ninebox-$UID`, made mode 0700 if missing. A directory that
/// exists but is not ours, or is open to others, is refused: a socket in
/// it could be replaced by someone else's.
pub fn socket_dir() -> Result<PathBuf> {
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(d) => PathBuf::from(d).join("ninebox"),
        None => PathBuf::from(format!("/tmp/ninebox-{}", host_uid())),
    };
    match std::fs::create_dir(&dir) {
        Ok(()) => std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| host_error(&dir.display().to_string(), &e))?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(host_error(&dir.display().to_string(), &e)),
    }
    let meta = std::fs::symlink_metadata(&dir).map_err(|e| host_error(&dir.display().to_string(), &e))?;
    if !meta.is_dir() || meta.uid() != host_uid() || meta.mode() & 0o077 != 0 {
        return Err(Error::with_detail(
            Errno::EACCES,
            format!(
                "{}: not a private directory of this user (want mode 0700, owner uid {})",
                dir.display(),
                host_uid()
            ),
        ));
    }
    Ok(dir)
}

/// A host I/O error as a kernel error naming `what`.
pub fn host_error(what: &str, e: &io::Error) -> Error {
    let code = match e.kind() {
        io::ErrorKind::NotFound => Errno::ENOENT,
        io::ErrorKind::PermissionDenied => Errno::EACCES,
        io::ErrorKind::AlreadyExists | io::ErrorKind::AddrInUse => Errno::EEXIST,
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => Errno::EHUNGUP,
        io::ErrorKind::InvalidInput => Errno::EINVAL,
        _ => Errno::EIO,
    };
    Error::with_detail(code, format!("{what}: {e}"))
}

/// A connected byte stream of either kind.
pub enum Stream {
    Unix(UnixStream),
    Tcp(TcpStream),
}

/// One direction of a [`Stream`], owned (no lock between the halves).
pub type ReadHalf = Box<dyn AsyncRead + Send + Unpin>;
pub type WriteHalf = Box<dyn AsyncWrite + Send + Unpin>;

impl Stream {
    pub fn split(self) -> (ReadHalf, WriteHalf) {
        match self {
            Stream::Unix(s) => {
                let (r, w) = s.into_split();
                (Box::new(r), Box::new(w))
            }
            Stream::Tcp(s) => {
                let (r, w) = s.into_split();
                (Box::new(r), Box::new(w))
            }
        }
    }
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tcp(s) => Pin::new(s).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tcp(s) => Pin::new(s).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_flush(cx),
            Stream::Tcp(s) => Pin::new(s).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Unix(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tcp(s) => Pin::new(s).poll_shutdown(cx),
        }
    }
}

/// Connect to `addr` from the host (no policy: see [`crate::policy`] for
/// dials made from inside a system).
pub async fn connect(addr: &Addr) -> Result<Stream> {
    let what = addr.to_string();
    match addr {
        Addr::Unix(path) => UnixStream::connect(path)
            .await
            .map(Stream::Unix)
            .map_err(|e| host_error(&what, &e)),
        Addr::Tcp { host, port } => {
            let s = TcpStream::connect((host.as_str(), *port))
                .await
                .map_err(|e| host_error(&what, &e))?;
            // 9P is request and reply: waiting to fill a segment only adds
            // latency.
            let _ = s.set_nodelay(true);
            Ok(Stream::Tcp(s))
        }
    }
}

/// A listening socket. A Unix socket's file is made mode 0600 and removed
/// when the listener is dropped.
pub struct Listener {
    kind: ListenerKind,
    addr: Addr,
}

enum ListenerKind {
    Unix(UnixListener),
    Tcp(TcpListener),
}

/// Listen on `addr`. A Unix socket file left by a system that is gone
/// (nothing accepts on it) is replaced; one that answers is "in use".
pub async fn listen(addr: &Addr) -> Result<Listener> {
    let what = addr.to_string();
    match addr {
        Addr::Unix(path) => {
            clear_stale_socket(path, &what).await?;
            let l = UnixListener::bind(path).map_err(|e| host_error(&what, &e))?;
            if let Err(e) = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
                let _ = std::fs::remove_file(path);
                return Err(host_error(&what, &e));
            }
            Ok(Listener {
                kind: ListenerKind::Unix(l),
                addr: addr.clone(),
            })
        }
        Addr::Tcp { host, port } => {
            let l = TcpListener::bind((host.as_str(), *port))
                .await
                .map_err(|e| host_error(&what, &e))?;
            let port = l.local_addr().map_err(|e| host_error(&what, &e))?.port();
            Ok(Listener {
                kind: ListenerKind::Tcp(l),
                addr: Addr::Tcp {
                    host: host.clone(),
                    port,
                },
            })
        }
    }
}

async fn clear_stale_socket(path: &Path, what: &str) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if !std::os::unix::fs::FileTypeExt::is_socket(&meta.file_type()) {
        return Err(Error::with_detail(
            Errno::EEXIST,
            format!("{what}: exists and is not a socket"),
        ));
    }
    match UnixStream::connect(path).await {
        Ok(_) => Err(Error::with_detail(Errno::EBUSY, format!("{what}: address in use"))),
        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
            std::fs::remove_file(path).map_err(|e| host_error(what, &e))
        }
        Err(e) => Err(host_error(what, &e)),
    }
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Listener({})", self.addr)
    }
}

impl Listener {
    /// The address listened on, with the port the host chose for port 0.
    pub fn addr(&self) -> &Addr {
        &self.addr
    }

    /// The next connection and where it came from.
    pub async fn accept(&self) -> Result<(Stream, String)> {
        let what = self.addr.to_string();
        match &self.kind {
            ListenerKind::Unix(l) => {
                let (s, _) = l.accept().await.map_err(|e| host_error(&what, &e))?;
                Ok((Stream::Unix(s), what))
            }
            ListenerKind::Tcp(l) => {
                let (s, peer) = l.accept().await.map_err(|e| host_error(&what, &e))?;
                let _ = s.set_nodelay(true);
                Ok((Stream::Tcp(s), format!("tcp!{}!{}", peer.ip(), peer.port())))
            }
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Addr::Unix(path) = &self.addr {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dial_strings_parse_and_print_back() {
        for s in ["unix!/tmp/x.sock", "tcp!127.0.0.1!564", "tcp!localhost!0", "tcp!::1!80"] {
            assert_eq!(Addr::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(
            Addr::parse("tcp!::1!80").unwrap(),
            Addr::Tcp {
                host: "::1".into(),
                port: 80
            }
        );
    }

    #[test]
    fn bad_dial_strings_say_what_was_expected() {
        for s in [
            "",
            "unix!",
            "tcp!127.0.0.1",
            "tcp!!80",
            "tcp!h!65536",
            "tcp!h!x",
            "udp!h!1",
            "/tmp/x",
        ] {
            let e = Addr::parse(s).unwrap_err();
            assert!(e.is(Errno::EINVAL), "{s}");
            assert!(e.to_string().contains("bad address"), "{s}: {e}");
        }
    }

    #[test]
    fn system_names_are_single_safe_elements() {
        for ok in ["a", "box-1", "x_y.z"] {
            check_name(ok).unwrap();
        }
        for bad in ["", ".", "..", "a/b", "a b", "é", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_unix_listener_is_private_and_removes_its_socket() {
        let dir = std::env::temp_dir().join(format!("net9-dial-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s");
        let addr = Addr::Unix(path.clone());
        let l = listen(&addr).await.unwrap();
        let mode = std::fs::metadata(&path).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A second listener on a live socket is refused.
        assert!(listen(&addr).await.unwrap_err().is(Errno::EBUSY));
        let client = tokio::spawn(async move { connect(&addr).await.map(|_| ()) });
        l.accept().await.unwrap();
        client.await.unwrap().unwrap();
        drop(l);
        assert!(!path.exists());
        std::fs::remove_dir(&dir).unwrap();
    }

    #[tokio::test]
    async fn a_stale_socket_file_is_replaced() {
        let dir = std::env::temp_dir().join(format!("net9-stale-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s");
        // A socket file nobody accepts on, as a crash leaves it.
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        let l = listen(&Addr::Unix(path.clone())).await.unwrap();
        drop(l);
        std::fs::remove_dir(&dir).unwrap();
    }

    #[tokio::test]
    async fn tcp_port_zero_reports_the_chosen_port() {
        let l = listen(&Addr::parse("tcp!127.0.0.1!0").unwrap()).await.unwrap();
        let Addr::Tcp { port, .. } = l.addr() else { panic!() };
        assert_ne!(*port, 0);
    }
}
