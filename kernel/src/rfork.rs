//! rfork: which of a process's groups a new process, or the caller itself,
//! shares, copies or starts clean. One choice type ([`Rfork`]) and one
//! function ([`fork_groups`]) serve both `spawn` and `rfork` on the caller,
//! as Plan 9's `sysrfork` with `pgrp.c` serve `fork` and `rfork`.

use std::sync::Arc;

use parking_lot::Mutex;

use crate::error::{Errno, Error, Result};
use crate::fd::FdTable;
use crate::kernel::Kernel;
use crate::proc::{Env, Groups};

/// How a process gets one of its groups.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Share {
    /// A private copy of the parent's (rfork `n`, `e`, `f`).
    Copy,
    /// The parent's own: changes are seen by both. On the caller itself:
    /// keep the group as it is.
    Share,
    /// A fresh, empty one: a namespace with only the root (rfork `N`, `E`,
    /// `F`).
    Clean,
}

/// rfork's choices for every group.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Rfork {
    pub ns: Share,
    pub env: Share,
    pub fds: Share,
    /// Start a new note group (rfork `s`, RFNOTEG).
    pub new_note_group: bool,
    /// Refuse mounts from now on, in this namespace group and every copy of
    /// it (rfork `m`, RFNOMNT).
    pub no_mount: bool,
}

impl Rfork {
    /// Plan 9's rfork without flags: share every group. On the caller it
    /// changes nothing; the fields set beside it say what does.
    pub const SHARE: Rfork = Rfork {
        ns: Share::Share,
        env: Share::Share,
        fds: Share::Share,
        new_note_group: false,
        no_mount: false,
    };

    /// What `spawn` does unless told otherwise: a Unix fork, with private
    /// copies of the namespace, the environment and the fd table.
    pub const FORK: Rfork = Rfork {
        ns: Share::Copy,
        env: Share::Copy,
        fds: Share::Copy,
        ..Rfork::SHARE
    };

    /// rc's `rfork` letters: `n N e E s f F m`; no letters is rc's default
    /// `ens`. An unknown letter, or both letters of a pair (`nN`), is
    /// refused.
    pub fn from_letters(letters: &str) -> Result<Rfork> {
        if letters.is_empty() {
            return Rfork::from_letters("ens");
        }
        let mut r = Rfork::SHARE;
        for c in letters.chars() {
            let (slot, how) = match c {
                'n' => (&mut r.ns, Share::Copy),
                'N' => (&mut r.ns, Share::Clean),
                'e' => (&mut r.env, Share::Copy),
                'E' => (&mut r.env, Share::Clean),
                'f' => (&mut r.fds, Share::Copy),
                'F' => (&mut r.fds, Share::Clean),
                's' => {
                    r.new_note_group = true;
                    continue;
                }
                'm' => {
                    r.no_mount = true;
                    continue;
                }
                c => {
                    return Err(Error::with_detail(Errno::EINVAL, format!("bad rfork flag '{c}'")));
                }
            };
            if *slot != Share::Share && *slot != how {
                return Err(Error::with_detail(Errno::EINVAL, "bad arg in system call"));
            }
            *slot = how;
        }
        Ok(r)
    }
}

/// The groups a process gets from `parent` under `r`: a new process's at
/// spawn, or the caller's own replacement at rfork. With `exec` (a spawn,
/// which is a fork and an exec) a copied fd table leaves out the fds marked
/// close-on-exec. The note group is the caller's business, not a group's.
pub(crate) fn fork_groups(kernel: &Kernel, parent: &Groups, r: &Rfork, exec: bool) -> Groups {
    let ns = match r.ns {
        Share::Copy => Arc::new(Mutex::new(parent.ns.lock().clone())),
        Share::Share => parent.ns.clone(),
        Share::Clean => Arc::new(Mutex::new(Arc::new(kernel.clean_namespace()))),
    };
    if r.no_mount {
        let mut g = ns.lock();
        if !g.no_mount() {
            Arc::make_mut(&mut g).forbid_mounts();
        }
    }
    let env = match r.env {
        Share::Copy => Arc::new(Mutex::new(parent.env.lock().clone())),
        Share::Share => parent.env.clone(),
        Share::Clean => Arc::new(Mutex::new(Env::new())),
    };
    let fds = match r.fds {
        Share::Copy if exec => Arc::new(Mutex::new(parent.fds.lock().inherit())),
        Share::Copy => Arc::new(Mutex::new(parent.fds.lock().clone())),
        Share::Share => parent.fds.clone(),
        // The old table stays open for whoever else shares it; if nobody
        // does, its files close as their records drop.
        Share::Clean => Arc::new(Mutex::new(FdTable::default())),
    };
    Groups {
        argv: parent.argv.clone(),
        cwd: parent.cwd.clone(),
        umask: parent.umask,
        ns,
        env,
        fds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        let r = Rfork::from_letters("nEs").unwrap();
        assert_eq!((r.ns, r.env, r.fds), (Share::Copy, Share::Clean, Share::Share));
        assert!(r.new_note_group && !r.no_mount);
        let d = Rfork::from_letters("").unwrap();
        assert_eq!((d.ns, d.env, d.new_note_group), (Share::Copy, Share::Copy, true));
        assert!(Rfork::from_letters("m").unwrap().no_mount);
        assert_eq!(Rfork::from_letters("x").unwrap_err().code(), Errno::EINVAL);
        assert_eq!(Rfork::from_letters("nN").unwrap_err().code(), Errno::EINVAL);
        assert!(Rfork::from_letters("nn").is_ok());
    }
}
