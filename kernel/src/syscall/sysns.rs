//! The namespace: bind, mount, unmount, /srv posts, the `ns` listing.

use std::sync::Arc;

use super::{Proc, parent_and_elem};
use crate::chan::Chan;
use crate::error::{Errno, Error, Result};
use crate::ns::{self, Last, Loc, MountFlags, Source};
use crate::path;
use crate::proc::ProcState;
use crate::proto::Fileserver;

impl Proc {
    /// `bind new old`: make `old` show `new` (see `ns.rs`).
    pub async fn bind(&self, new: &str, old: &str, flags: MountFlags) -> Result<()> {
        let new_name = self.abs(new)?;
        let old_name = self.abs(old)?;
        let newloc = self.walk(&new_name, Last::Translate).await?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let who = self.caller();
        let (nst, ost) = self
            .blocking(ProcState::Open, async {
                let n = newloc.chan().server.stat(&who, &newloc.chan().path).await?;
                let o = oldchan.server.stat(&who, &oldchan.path).await?;
                Ok((n, o))
            })
            .await?;
        ns::check_kinds(nst.kind, ost.kind, flags)?;
        // A union replaced by itself is unchanged (and its listing stays
        // one that replays).
        if flags.order == ns::MountOrder::Replace && new_name == old_name && matches!(newloc, Loc::Mounted(_)) {
            return Ok(());
        }
        let members = match newloc {
            Loc::Plain(c) => vec![(c, flags, Source::Bind(new_name))],
            Loc::Mounted(ms) => {
                // Binding a union copies its members: the first takes the
                // new flags, the rest follow it.
                let mut v = vec![(ms[0].to.clone(), flags, Source::Bind(new_name))];
                for m in ms.iter().skip(1) {
                    let f = MountFlags {
                        order: ns::MountOrder::After,
                        ..m.flags
                    };
                    v.push((m.to.clone(), f, m.source.clone()));
                }
                v
            }
        };
        // A union cannot take in the directory it is mounted on a second
        // time (`bind -a /u /u`): it would list and search it twice.
        if flags.order != ns::MountOrder::Replace && members.iter().any(|(c, ..)| c.same_file(&oldchan)) {
            return Err(Error::with_detail(Errno::EINVAL, "union with itself"));
        }
        self.attach(oldchan, &old_name, members, flags);
        Ok(())
    }

    /// Mount `server` on the directory `old`. `source` is the name the
    /// namespace listing gives it (a /srv path or a `#x` device); `spec`
    /// selects a subtree of the server (9P's aname).
    pub async fn mount(
        &self,
        server: Arc<dyn Fileserver>,
        source: &str,
        old: &str,
        flags: MountFlags,
        spec: &str,
    ) -> Result<()> {
        // rfork m (RFNOMNT): binds still work, mounts do not.
        if self.ns().no_mount() {
            return Err(Error::with_detail(Errno::EPERM, "mount/attach disallowed"));
        }
        let old_name = self.abs(old)?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let who = self.caller();
        let ost = self
            .blocking(ProcState::Open, oldchan.server.stat(&who, &oldchan.path))
            .await?;
        if !ost.is_dir() {
            return Err(Error::with_detail(Errno::ENOTDIR, "mount point is not a directory"));
        }
        let root = path::clean(&format!("/{spec}"));
        path::check(&root)?;
        let to = Chan::new(server, root);
        let st = self.blocking(ProcState::Open, to.server.stat(&who, &to.path)).await?;
        if !st.is_dir() {
            return Err(Error::with_detail(Errno::ENOTDIR, "mounted tree is not a directory"));
        }
        let source = Source::Mount {
            srv: source.to_string(),
            spec: spec.to_string(),
        };
        self.attach(oldchan, &old_name, vec![(to, flags, source)], flags);
        Ok(())
    }

    /// Mount the server posted at `srv` (a file of a srv-capable server,
    /// such as `/srv/NAME`) on `old`.
    pub async fn mount_srv(&self, srv: &str, old: &str, flags: MountFlags, spec: &str) -> Result<()> {
        let srv_name = self.abs(srv)?;
        let server = self.posted(&srv_name).await?;
        self.mount(server, &srv_name, old, flags, spec).await
    }

    /// The server posted at `name`.
    pub async fn posted(&self, name: &str) -> Result<Arc<dyn Fileserver>> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let srv = chan
            .server
            .as_srv()
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, "not a posted server"))?;
        srv.lookup(chan.path.trim_start_matches('/'))
    }

    /// Post `server` as `name` (a file in a srv-capable directory, such as
    /// `/srv/NAME`) for any process to mount. The post lasts while the
    /// answered [`Post`] lives, like a Plan 9 server's post made with
    /// ORCLOSE; [`Post::leave`] keeps it after the poster has gone.
    pub async fn post(&self, name: &str, server: Arc<dyn Fileserver>, description: &str) -> Result<Post> {
        let name = self.abs(name)?;
        let (dir, elem) =
            parent_and_elem(&name).ok_or_else(|| Error::with_detail(Errno::EINVAL, "bad service name"))?;
        let loc = self.walk(dir, Last::Translate).await?;
        let registry = loc.chan().server.clone();
        registry
            .as_srv()
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, "not a srv directory"))?
            .post(elem, server.clone(), description.to_string())?;
        Ok(Post {
            registry: Some(registry),
            name: elem.to_string(),
            server,
        })
    }

    fn attach(&self, old: Chan, old_name: &str, members: Vec<(Chan, MountFlags, Source)>, flags: MountFlags) {
        let group = self.ns_group();
        let mut g = group.lock();
        Arc::make_mut(&mut g).attach(old, old_name, members, flags, &self.kernel.mount_ids);
    }

    /// `unmount [new] old`: remove `new` from the mount point `old`, or
    /// everything mounted there.
    pub async fn unmount(&self, new: Option<&str>, old: &str) -> Result<()> {
        let old_name = self.abs(old)?;
        let oldchan = self.walk(&old_name, Last::Keep).await?.chan().clone();
        let new = match new {
            Some(n) => {
                let n = self.abs(n)?;
                // A /srv name that no longer resolves still matches by name.
                let chan = match self.walk(&n, Last::Translate).await {
                    Ok(loc) => Some(loc.chan().clone()),
                    Err(_) => None,
                };
                Some((chan, n))
            }
            None => None,
        };
        let group = self.ns_group();
        let mut g = group.lock();
        let new = new.as_ref().map(|(c, n)| (c.as_ref(), n.as_str()));
        Arc::make_mut(&mut g).detach(&oldchan, new)
    }

    /// The namespace as replayable lines ending with `cd` (what
    /// `/proc/N/ns` shows).
    pub fn ns_text(&self) -> String {
        self.ns().render(&self.me.cwd())
    }
}

/// A server posted by [`Proc::post`]; withdrawn when dropped, unless
/// [`left`](Post::leave) in place.
pub struct Post {
    registry: Option<Arc<dyn Fileserver>>,
    name: String,
    server: Arc<dyn Fileserver>,
}

impl Post {
    /// Keep the post after this guard (and its process) has gone.
    pub fn leave(mut self) {
        self.registry = None;
    }
}

impl Drop for Post {
    fn drop(&mut self) {
        let Some(registry) = self.registry.take() else { return };
        let Some(srv) = registry.as_srv() else { return };
        // Withdraw only our own post: the name may have been removed and
        // taken by another server since.
        if srv
            .lookup(&self.name)
            .is_ok_and(|s| std::ptr::addr_eq(Arc::as_ptr(&s), Arc::as_ptr(&self.server)))
        {
            let _ = srv.unpost(&self.name);
        }
    }
}
