//! Namespaces: how a name becomes a file, following Plan 9's `chan.c`.
//!
//! A namespace is a root channel plus a mount table. A *channel* ([`Chan`],
//! `chan.rs`) is a position in one server: the server and a path inside it.
//! The mount
//! table maps a channel (not a string: two names that reach the same
//! directory see the same mounts) to a *mount head*, an ordered list of
//! members. A head with one member is a plain mount or bind; with several it
//! is a union directory.
//!
//! The story of a lookup (`walk`):
//!
//! 1. Start at the root (or at a kernel device for `#x/...` names) and apply
//!    any mount on it.
//! 2. For each element: in a plain directory, step into the child (the server
//!    reports a missing name when the call is made); in a union, take the
//!    *first member that has the name*.
//! 3. After each step, if the new channel is a mount point, continue in what
//!    is mounted there. `bind` and `unmount` do not translate the last element
//!    of their mount point, so one can bind over a mount point.
//!
//! Creating a name in a mount point goes to the first member bound with the
//! create flag; with none, creation is refused ("mounted directory forbids
//! creation"). A name that already exists in any member is opened where the
//! walk finds it.
//!
//! `bind new old` with `-a` or `-b` onto a directory that is not yet a mount
//! point first makes the old directory itself a member (with the smaller
//! mount id), so `bind -a /x /bin` keeps `/bin`'s own files visible, followed
//! by `/x`'s. Binding a union copies its members. Directories bind onto
//! directories and files onto files, and a file only with replace; anything
//! else is an "inconsistent mount".

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::RwLock;
use rustc_hash::FxHashMap as HashMap;

pub use crate::chan::{Chan, Rename};
use crate::error::{Errno, Error, Result};
use crate::path;
use crate::proto::{Caller, Fileserver, NodeType};

/// Where a new member goes in a mount head.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum MountOrder {
    /// Replace whatever is mounted (MREPL).
    #[default]
    Replace,
    /// Union, new member first (MBEFORE, `-b`).
    Before,
    /// Union, new member last (MAFTER, `-a`).
    After,
}

/// Flags of `bind` and `mount`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct MountFlags {
    pub order: MountOrder,
    /// Creation in the mount point goes to this member (MCREATE, `-c`).
    pub create: bool,
    /// Mount only: cache the server's data (MCACHE, `-C`). Recorded and
    /// printed; in-process servers need no cache.
    pub cache: bool,
}

impl MountFlags {
    pub const REPLACE: MountFlags = MountFlags {
        order: MountOrder::Replace,
        create: false,
        cache: false,
    };
    pub const BEFORE: MountFlags = MountFlags {
        order: MountOrder::Before,
        ..MountFlags::REPLACE
    };
    pub const AFTER: MountFlags = MountFlags {
        order: MountOrder::After,
        ..MountFlags::REPLACE
    };

    pub fn with_create(mut self) -> Self {
        self.create = true;
        self
    }

    /// The option letters as `ns` prints them: `-a`, `-bc`, or empty.
    pub fn letters(&self) -> String {
        let mut s = String::new();
        match self.order {
            MountOrder::Replace => {}
            MountOrder::Before => s.push('b'),
            MountOrder::After => s.push('a'),
        }
        if self.create {
            s.push('c');
        }
        if self.cache {
            s.push('C');
        }
        if s.is_empty() { s } else { format!("-{s}") }
    }
}

/// How a member entered the namespace: what the `ns` listing prints to
/// replay it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `bind NAME old`: the name `new` was given by.
    Bind(String),
    /// `mount SRV old [SPEC]`: the /srv name (or device name) mounted.
    Mount { srv: String, spec: String },
}

impl Source {
    pub fn name(&self) -> &str {
        match self {
            Source::Bind(n) => n,
            Source::Mount { srv, .. } => srv,
        }
    }
}

/// One member of a mount head.
#[derive(Clone, Debug)]
pub struct Member {
    pub to: Chan,
    pub flags: MountFlags,
    /// Global creation order; the listing prints members in this order.
    pub id: u64,
    pub source: Source,
    /// Copied with the union that was bound here, after its first member.
    /// The listing leaves it out: replaying the bind of that union's name
    /// copies it again.
    pub copied: bool,
}

/// A mount point and its members in lookup order.
#[derive(Clone, Debug)]
struct Head {
    /// The channel the head is keyed on. Holding it keeps the keyed server
    /// alive, so its address cannot be reused by another.
    from: Chan,
    /// The name the mount point was given by when it was made.
    name: String,
    members: Arc<[Member]>,
}

/// Where a walk ends.
#[derive(Clone, Debug)]
pub enum Loc {
    /// A plain name: nothing is mounted here.
    Plain(Chan),
    /// A mount point: its members, in order.
    Mounted(Arc<[Member]>),
}

impl Loc {
    /// The channel operations act on: the name itself, or the first member
    /// of a mount point (`stat` of a union reports its first member).
    pub fn chan(&self) -> &Chan {
        match self {
            Loc::Plain(c) => c,
            Loc::Mounted(ms) => &ms[0].to,
        }
    }

    /// Every channel a directory listing reads, in order.
    pub fn chans(&self) -> Vec<&Chan> {
        match self {
            Loc::Plain(c) => vec![c],
            Loc::Mounted(ms) => ms.iter().map(|m| &m.to).collect(),
        }
    }
}

/// Whether a walk translates its last element through the mount table.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Last {
    Translate,
    /// `bind` and `unmount` name the mount point itself.
    Keep,
}

/// The kernel's device table: servers reachable as `#x` whatever the
/// namespace says, with Plan 9's letters where Plan 9 has the device (`#/`
/// the root, `#c` the console, `#d` dup, `#e` env, `#p` proc, `#s` srv,
/// `#|` pipe). A `#x` name does not cross mounts (Plan 9's `chan.c` walks
/// it with `nomount`), so it always reaches the device itself.
#[derive(Default)]
pub struct Devices {
    table: RwLock<std::collections::HashMap<char, Attach>>,
}

/// What naming a device gives.
enum Attach {
    /// The one instance (most devices).
    Server(Arc<dyn Fileserver>),
    /// A new instance at every attach (`#|`: a fresh pipe each time).
    Fresh(Box<dyn Fn() -> Arc<dyn Fileserver> + Send + Sync>),
}

/// The devices a namespace under rfork `m` (RFNOMNT) may still attach.
const ATTACHABLE_WITHOUT_MOUNTS: &str = "|decp";

impl Devices {
    /// Register `server` as `#c` for the character `c`.
    pub fn register(&self, c: char, server: Arc<dyn Fileserver>) {
        self.table.write().insert(c, Attach::Server(server));
    }

    /// Register a device of which every attach is a new instance.
    pub fn register_fresh(&self, c: char, make: impl Fn() -> Arc<dyn Fileserver> + Send + Sync + 'static) {
        self.table.write().insert(c, Attach::Fresh(Box::new(make)));
    }

    /// The server a `#x` prefix names.
    pub fn get(&self, prefix: &str) -> Result<Arc<dyn Fileserver>> {
        let mut chars = prefix.chars();
        let letter = match (chars.next(), chars.next(), chars.next()) {
            (Some('#'), Some(c), None) => c,
            _ => return Err(unknown_device()),
        };
        match self.table.read().get(&letter) {
            Some(Attach::Server(s)) => Ok(s.clone()),
            Some(Attach::Fresh(make)) => Ok(make()),
            None => Err(unknown_device()),
        }
    }

    /// The letter a server is registered under (`/proc/N/fd` shows it).
    pub fn letter_of(&self, server: &Arc<dyn Fileserver>) -> Option<char> {
        self.table.read().iter().find_map(|(&c, a)| match a {
            Attach::Server(s) if std::ptr::addr_eq(Arc::as_ptr(s), Arc::as_ptr(server)) => Some(c),
            _ => None,
        })
    }

    /// `(#x, server name)` pairs, sorted, for listings.
    pub fn list(&self) -> Vec<(String, String)> {
        let mut v: Vec<_> = self
            .table
            .read()
            .iter()
            .map(|(c, a)| {
                let name = match a {
                    Attach::Server(s) => s.name().to_string(),
                    Attach::Fresh(make) => make().name().to_string(),
                };
                (format!("#{c}"), name)
            })
            .collect();
        v.sort();
        v
    }
}

fn unknown_device() -> Error {
    Error::with_detail(Errno::ENOENT, "unknown device in # filename")
}

/// A mount table with its root.
#[derive(Clone)]
pub struct Namespace {
    root: Chan,
    /// Mounts are refused and only some devices attach (rfork `m`, Plan 9's
    /// `noattach`).
    no_mount: bool,
    /// server id → (path inside that server → head).
    heads: HashMap<usize, HashMap<String, Head>>,
}

impl Namespace {
    /// A namespace with nothing mounted: just `root`.
    pub fn new(root: Chan) -> Self {
        Namespace {
            root,
            no_mount: false,
            heads: HashMap::default(),
        }
    }

    /// True once rfork `m` has forbidden mounts in this namespace.
    pub fn no_mount(&self) -> bool {
        self.no_mount
    }

    /// Forbid mounts from now on (rfork `m`). It cannot be undone.
    pub fn forbid_mounts(&mut self) {
        self.no_mount = true;
    }

    pub fn root(&self) -> &Chan {
        &self.root
    }

    fn head(&self, c: &Chan) -> Option<&Head> {
        self.heads.get(&c.server_id())?.get(c.path.as_str())
    }

    /// If `c` is a mount point, what is mounted there.
    fn domount(&self, c: Chan) -> Loc {
        match self.head(&c) {
            Some(h) => Loc::Mounted(h.members.clone()),
            None => Loc::Plain(c),
        }
    }

    /// Resolve a cleaned absolute (or `#x`) name.
    pub async fn walk(&self, devs: &Devices, who: &Caller, name: &str, last: Last) -> Result<Loc> {
        let (dev, rest) = path::split_device(name);
        let start = match dev {
            Some(d) => {
                if self.no_mount && !d[1..].chars().all(|c| ATTACHABLE_WITHOUT_MOUNTS.contains(c)) {
                    return Err(Error::with_detail(Errno::EPERM, "mount/attach disallowed"));
                }
                // A device name walks the device's own tree: no mount
                // applies anywhere along it.
                let mut c = Chan::new(devs.get(d)?, "/");
                for elem in path::elements(rest) {
                    c.push(elem);
                }
                return Ok(Loc::Plain(c));
            }
            None => self.root.clone(),
        };
        let mut elems = path::elements(rest).peekable();
        if elems.peek().is_none() {
            return Ok(match last {
                Last::Keep => Loc::Plain(start),
                Last::Translate => self.domount(start),
            });
        }
        let mut loc = self.domount(start);
        while let Some(elem) = elems.next() {
            let next = match loc {
                Loc::Plain(mut c) => {
                    c.push(elem);
                    c
                }
                Loc::Mounted(ms) => step_union(&ms, who, elem).await?,
            };
            loc = if elems.peek().is_none() && last == Last::Keep {
                Loc::Plain(next)
            } else {
                self.domount(next)
            };
        }
        Ok(loc)
    }

    /// Where a new name `elem` in the directory `parent` is created, or the
    /// existing file of that name (see the module documentation).
    pub async fn create_target(&self, who: &Caller, parent: Loc, elem: &str) -> Result<Chan> {
        match parent {
            Loc::Plain(c) => Ok(self.domount(c.child(elem)).chan().clone()),
            Loc::Mounted(ms) => {
                if ms.len() == 1 && ms[0].flags.create {
                    // Nothing to search: the server decides between open
                    // and create itself.
                    return Ok(self.domount(ms[0].to.child(elem)).chan().clone());
                }
                for m in ms.iter() {
                    let c = m.to.child(elem);
                    if m.to.server.stat(who, &c.path).await.is_ok() {
                        return Ok(self.domount(c).chan().clone());
                    }
                }
                match ms.iter().find(|m| m.flags.create) {
                    Some(m) => Ok(m.to.child(elem)),
                    None => Err(Error::with_detail(Errno::EACCES, "mounted directory forbids creation")),
                }
            }
        }
    }

    /// Add `new` (the resolution of `new_name`) to the head at `old`.
    /// The caller has checked that the kinds agree.
    pub fn attach(
        &mut self,
        old: Chan,
        old_name: &str,
        new: Vec<(Chan, MountFlags, Source)>,
        flags: MountFlags,
        ids: &AtomicU64,
    ) {
        let sid = old.server_id();
        let table = self.heads.entry(sid).or_default();
        let mut members: Vec<Member> = match table.get(&old.path) {
            Some(h) => h.members.to_vec(),
            None if flags.order != MountOrder::Replace => {
                // The first union onto a plain directory keeps the directory
                // itself as a member, numbered before the new one.
                vec![Member {
                    to: old.clone(),
                    flags: MountFlags::REPLACE,
                    id: ids.fetch_add(1, Ordering::Relaxed),
                    source: Source::Bind(old_name.to_string()),
                    copied: false,
                }]
            }
            None => Vec::new(),
        };
        // `new` is one member, or a union's members in order (a bind of a
        // union copies it): all but the first are copies.
        let added: Vec<Member> = new
            .into_iter()
            .enumerate()
            .map(|(i, (to, flags, source))| Member {
                to,
                flags,
                id: ids.fetch_add(1, Ordering::Relaxed),
                source,
                copied: i > 0,
            })
            .collect();
        match flags.order {
            MountOrder::Replace => members = added,
            MountOrder::After => members.extend(added),
            MountOrder::Before => {
                let mut m = added;
                m.extend(members);
                members = m;
            }
        }
        table.insert(
            old.path.clone(),
            Head {
                from: old,
                name: old_name.to_string(),
                members: members.into(),
            },
        );
    }

    /// Remove from the head at `old` every member that is `new` (by
    /// channel, when `new` still resolves, or by the name it was bound or
    /// mounted from), or everything when `new` is `None`.
    pub fn detach(&mut self, old: &Chan, new: Option<(Option<&Chan>, &str)>) -> Result<()> {
        let sid = old.server_id();
        let table = self
            .heads
            .get_mut(&sid)
            .filter(|t| t.contains_key(&old.path))
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, "not mounted"))?;
        match new {
            None => {
                table.remove(&old.path);
            }
            Some((chan, name)) => {
                let head = table.get_mut(&old.path).expect("checked above");
                let kept: Vec<Member> = head
                    .members
                    .iter()
                    .filter(|m| !(chan.is_some_and(|c| m.to.same_file(c)) || m.source.name() == name))
                    .cloned()
                    .collect();
                if kept.len() == head.members.len() {
                    return Err(Error::with_detail(Errno::EINVAL, "not in union"));
                }
                if kept.is_empty() {
                    table.remove(&old.path);
                } else {
                    head.members = kept.into();
                }
            }
        }
        if table.is_empty() {
            self.heads.remove(&sid);
        }
        Ok(())
    }

    /// This namespace after the rename `r`, if any of its mount points or
    /// members lay at or under the renamed file: each follows its file, and
    /// the names recorded for the listing follow the new name.
    pub fn renamed(&self, r: &Rename) -> Option<Namespace> {
        let touches = |c: &Chan| c.renamed(r).is_some();
        let affected = self
            .heads
            .get(&r.server)
            .is_some_and(|t| t.values().any(|h| touches(&h.from)))
            || self
                .heads
                .values()
                .flat_map(|t| t.values())
                .any(|h| h.members.iter().any(|m| touches(&m.to)));
        if !affected {
            return None;
        }
        let rename_name = |name: &mut String| {
            if let Some(n) = path::rebase(name, &r.from_name, &r.to_name) {
                *name = n;
            }
        };
        let mut ns = self.clone();
        for table in ns.heads.values_mut() {
            for head in table.values_mut() {
                if head.members.iter().any(|m| touches(&m.to)) {
                    let members: Vec<Member> = head
                        .members
                        .iter()
                        .map(|m| {
                            let Some(to) = m.to.renamed(r) else {
                                return m.clone();
                            };
                            let mut source = m.source.clone();
                            if let Source::Bind(name) = &mut source {
                                rename_name(name);
                            }
                            Member {
                                to,
                                source,
                                ..m.clone()
                            }
                        })
                        .collect();
                    head.members = members.into();
                }
            }
        }
        if let Some(table) = ns.heads.remove(&r.server) {
            let moved = table
                .into_iter()
                .map(|(path, mut head)| match head.from.renamed(r) {
                    Some(c) => {
                        head.from = c.clone();
                        rename_name(&mut head.name);
                        (c.path, head)
                    }
                    None => (path, head),
                })
                .collect();
            ns.heads.insert(r.server, moved);
        }
        Some(ns)
    }

    /// True if `c` is a mount point.
    pub fn is_mount_point(&self, c: &Chan) -> bool {
        self.head(c).is_some()
    }

    /// The namespace as replayable `bind`/`mount` lines in creation order,
    /// ending with `cd DIR` (Plan 9's `ns` format).
    pub fn render(&self, cwd: &str) -> String {
        let mut all: Vec<(&Head, &Member)> = self
            .heads
            .values()
            .flat_map(|t| t.values())
            .flat_map(|h| h.members.iter().map(move |m| (h, m)))
            .collect();
        all.sort_by_key(|(_, m)| m.id);
        let mut out = String::new();
        for (h, m) in all.into_iter().filter(|(_, m)| !m.copied) {
            let flags = m.flags.letters();
            match &m.source {
                Source::Bind(new) => {
                    let _ = writeln!(out, "bind {} {} {}", flags, quote(new), quote(&h.name));
                }
                Source::Mount { srv, spec } => {
                    let _ = write!(out, "mount {} {} {}", flags, quote(srv), quote(&h.name));
                    if !spec.is_empty() {
                        let _ = write!(out, " {}", quote(spec));
                    }
                    out.push('\n');
                }
            }
        }
        let _ = writeln!(out, "cd {}", quote(cwd));
        out
    }
}

/// Step into `elem` in a union: the first member that has it wins. A
/// single-member head needs no search.
async fn step_union(ms: &[Member], who: &Caller, elem: &str) -> Result<Chan> {
    if ms.len() == 1 {
        return Ok(ms[0].to.child(elem));
    }
    let mut first_err: Option<Error> = None;
    for m in ms {
        let c = m.to.child(elem);
        match m.to.server.stat(who, &c.path).await {
            Ok(_) => return Ok(c),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(|| Errno::ENOENT.into()))
}

/// Quote a word as rc does (Plan 9's `%q`): a word with nothing rc treats
/// specially stays as it is, others go in single quotes with a quote
/// doubled. `newns` reads the words back the same way, so every
/// namespace replays (`/proc/N/ns`, `/proc/N/args`, wait messages).
pub fn quote(s: &str) -> String {
    let special = |c: char| c <= ' ' || c.is_whitespace() || c.is_control() || "`^#*[]=|\\'?{}()<>&;$\"".contains(c);
    if !s.is_empty() && !s.chars().any(special) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// Check that `new` may be bound onto `old`: directories onto directories,
/// files onto files, and a file only with replace.
pub fn check_kinds(new: NodeType, old: NodeType, flags: MountFlags) -> Result<()> {
    match (new.is_dir(), old.is_dir()) {
        (true, true) => Ok(()),
        (false, false) if flags.order == MountOrder::Replace => Ok(()),
        (false, false) => Err(Error::with_detail(Errno::EINVAL, "inconsistent mount")),
        (false, true) => Err(Error::with_detail(Errno::ENOTDIR, "inconsistent mount")),
        (true, false) => Err(Error::with_detail(Errno::EISDIR, "inconsistent mount")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(MountFlags::REPLACE.letters(), "");
        assert_eq!(MountFlags::AFTER.with_create().letters(), "-ac");
        assert_eq!(MountFlags::BEFORE.letters(), "-b");
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("/bin"), "/bin");
        assert_eq!(quote("#d"), "'#d'");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("naïve/日本"), "naïve/日本");
        assert_eq!(quote("a=b"), "'a=b'");
        assert_eq!(quote("$x"), "'$x'");
        assert_eq!(quote("a\u{a0}b"), "'a\u{a0}b'");
    }

    #[test]
    fn kinds() {
        assert!(check_kinds(NodeType::Dir, NodeType::Dir, MountFlags::AFTER).is_ok());
        assert!(check_kinds(NodeType::File, NodeType::File, MountFlags::REPLACE).is_ok());
        assert_eq!(
            check_kinds(NodeType::File, NodeType::Dir, MountFlags::REPLACE)
                .unwrap_err()
                .code(),
            Errno::ENOTDIR
        );
        assert_eq!(
            check_kinds(NodeType::File, NodeType::File, MountFlags::AFTER)
                .unwrap_err()
                .code(),
            Errno::EINVAL
        );
    }
}
