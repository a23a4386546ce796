//! `--bind HOSTDIR:/guest/path[:ro|:rw]`: host directories granted by the
//! host, never by anything inside.
//!
//! Each bind is a [`HostFs`] posted in `/srv` as `host.N` (so `ls /srv`
//! shows what the host granted, and the `ns` line replays) and mounted by
//! init at the guest path, after the boot namespace, creating the mount
//! point if needed. Binds are read-only unless `:rw` says otherwise: the
//! host grants writes explicitly.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use fileservers::HostFs;
use kernel::{Fileserver, Proc};

/// What the guest may do with a bound directory.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BindMode {
    ReadOnly,
    ReadWrite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bind {
    pub host: PathBuf,
    pub guest: String,
    pub mode: BindMode,
}

impl FromStr for Bind {
    type Err = String;

    /// `HOSTDIR:/guest/path[:ro|:rw]`; the host directory may itself
    /// contain `:`, so the fields are taken from the right.
    fn from_str(s: &str) -> Result<Bind, String> {
        let (rest, mode) = match s.rsplit_once(':') {
            Some((rest, "ro")) => (rest, BindMode::ReadOnly),
            Some((rest, "rw")) => (rest, BindMode::ReadWrite),
            Some((_, "cow")) => {
                return Err(format!(
                    "{s}: copy-on-write binds (:cow) are not available yet; use :ro or :rw"
                ));
            }
            _ => (s, BindMode::ReadOnly),
        };
        let (host, guest) = rest
            .rsplit_once(':')
            .ok_or_else(|| format!("{s}: expected HOSTDIR:/guest/path[:ro|:rw]"))?;
        if host.is_empty() {
            return Err(format!("{s}: empty host directory"));
        }
        let clean = kernel::path::clean(guest);
        if !guest.starts_with('/') || clean == "/" || guest.contains('\0') {
            return Err(format!("{s}: the guest path must be absolute and not /"));
        }
        Ok(Bind {
            host: PathBuf::from(host),
            guest: clean,
            mode,
        })
    }
}

/// A bind opened and posted: what init mounts.
#[derive(Clone, Debug)]
pub struct Posted {
    pub srv: String,
    pub guest: String,
    pub writable: bool,
}

/// Open each bind's host directory and post it in `/srv` of `system`.
pub fn post_all(system: &crate::System, binds: &[Bind]) -> Result<Vec<Posted>, String> {
    let srv = system.kernel.devices.get("#s").map_err(|e| e.to_string())?;
    let srv = srv.as_srv().ok_or("boot: #s is not a srv device")?;
    let mut out = Vec::new();
    for (n, b) in binds.iter().enumerate() {
        let ro = b.mode == BindMode::ReadOnly;
        let fs = HostFs::open(&b.host, ro)
            .map_err(|e| format!("--bind {}: {}", b.host.display(), os_text(&e)))?
            .with_owner(crate::UID, crate::UID);
        let name = format!("host.{n}");
        let what = format!("host directory {} ({})", b.host.display(), if ro { "ro" } else { "rw" });
        let server: Arc<dyn Fileserver> = Arc::new(fs);
        srv.post(&name, server, what)
            .map_err(|e| format!("--bind: post {name}: {e}"))?;
        out.push(Posted {
            srv: format!("/srv/{name}"),
            guest: b.guest.clone(),
            writable: !ro,
        });
    }
    Ok(out)
}

/// An I/O error as the C library words it, without Rust's "(os error N)".
fn os_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// In init: make each mount point and mount each bind.
pub async fn mount_all(p: &Proc, posted: &[Posted]) -> Result<(), String> {
    for b in posted {
        let mut dir = String::new();
        for elem in b.guest.split('/').filter(|e| !e.is_empty()) {
            dir.push('/');
            dir.push_str(elem);
            match p.mkdir(&dir, 0o755).await {
                Ok(()) => {}
                Err(e) if e.is(kernel::Errno::EEXIST) => {}
                Err(e) => return Err(format!("--bind: {dir}: {e}")),
            }
        }
        let flags = kernel::MountFlags {
            create: b.writable,
            ..kernel::MountFlags::REPLACE
        };
        p.mount_srv(&b.srv, &b.guest, flags, "")
            .await
            .map_err(|e| format!("--bind: mount {} {}: {e}", b.srv, b.guest))?;
    }
    Ok(())
}
