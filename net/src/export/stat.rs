//! Identities and metadata on the wire: qids from the kernel's
//! per-server identities, stat records from kernel stats, user names
//! from the exported system's `/etc/passwd`, and Twstat records as
//! kernel changes.

use std::sync::Arc;

use kernel::chan::{Chan, server_id};
use kernel::proto::{NodeType, StatChanges};
use kernel::{Errno, Error, Fileserver, OpenFile, Proc, Result, Stat};
use p9::{perm, qt};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;

/// The servers an export has shown files of, numbered in order of first
/// sight. A qid path is the server's number in the top 16 bits and the
/// server's own file identity in the low 48, so it is unique across
/// servers and stable for as long as the server lives. The table holds
/// each server, so a number is never reused for another.
#[derive(Default)]
pub struct Qids {
    servers: Mutex<FxHashMap<usize, Numbered>>,
}

/// A server's number, and the server, held so its address is not reused.
type Numbered = (u64, Arc<dyn Fileserver>);

impl Qids {
    fn server_number(&self, server: &Arc<dyn Fileserver>) -> u64 {
        let mut servers = self.servers.lock();
        let next = servers.len() as u64 + 1;
        servers
            .entry(server_id(server))
            .or_insert_with(|| (next, server.clone()))
            .0
    }

    pub fn qid(&self, chan: &Chan, st: &Stat) -> p9::Qid {
        let n = self.server_number(&chan.server);
        p9::Qid {
            ty: if st.is_dir() { qt::QTDIR } else { qt::QTFILE },
            // Files change version when they change; a directory's qid is
            // its identity only (clients must not cache listings by it).
            version: match st.kind {
                NodeType::File => st.mtime as u32 ^ st.size as u32,
                NodeType::Dir | NodeType::Device => 0,
            },
            path: (n << 48) | (st.qid & ((1 << 48) - 1)),
        }
    }
}

/// The stat of `name` in `proc`'s namespace and its qid.
pub(crate) async fn stat_of(proc: &Proc, qids: &Qids, name: &str) -> Result<(Stat, p9::Qid)> {
    let chan = proc.chan(name).await?;
    let mut st = chan.server.stat(&proc.caller(), &chan.path).await?;
    st.name = kernel::path::base(name).to_string();
    let qid = qids.qid(&chan, &st);
    Ok((st, qid))
}

/// The stat of an open file, through its handle (the same file after a
/// rename or a remove); by `name` for a server that cannot answer that.
pub(crate) async fn fstat_of(proc: &Proc, qids: &Qids, file: &OpenFile, name: &str) -> Result<(Stat, p9::Qid)> {
    match file.stat(&proc.caller()).await {
        Ok(mut st) => {
            if file.chan.path == "/" {
                // A server's root is called by the name it is mounted on.
                st.name = kernel::path::base(name).to_string();
            }
            let qid = qids.qid(&file.chan, &st);
            Ok((st, qid))
        }
        Err(e) if e.is(Errno::EBADF) || e.is(Errno::EPERM) => stat_of(proc, qids, name).await,
        Err(e) => Err(e),
    }
}

/// User and group names, read once per attach from the exported
/// system's `/etc/passwd` and `/etc/group`; a number with no name travels
/// as its digits.
pub(crate) struct Users {
    users: FxHashMap<u32, String>,
    groups: FxHashMap<u32, String>,
}

impl Users {
    pub async fn load(proc: &Proc) -> Users {
        let table = |text: Vec<u8>| {
            String::from_utf8_lossy(&text)
                .lines()
                .filter_map(|l| {
                    let mut f = l.split(':');
                    let name = f.next()?;
                    let id = f.nth(1)?.parse().ok()?;
                    Some((id, name.to_string()))
                })
                .collect()
        };
        Users {
            users: table(proc.read_file("/etc/passwd").await.unwrap_or_default()),
            groups: table(proc.read_file("/etc/group").await.unwrap_or_default()),
        }
    }

    fn name(map: &FxHashMap<u32, String>, id: u32) -> String {
        map.get(&id).cloned().unwrap_or_else(|| id.to_string())
    }

    fn id(map: &FxHashMap<u32, String>, name: &str) -> Result<u32> {
        map.iter()
            .find(|(_, n)| *n == name)
            .map(|(&id, _)| id)
            .or_else(|| name.parse().ok())
            .ok_or_else(|| Error::with_detail(Errno::EINVAL, format!("invalid user or group '{name}'")))
    }
}

/// A kernel stat as a 9P stat record.
pub(crate) fn to_wire(st: &Stat, qid: p9::Qid, users: &Users) -> p9::Stat {
    let uid = Users::name(&users.users, st.uid());
    let mut mode = st.mode() & 0o777;
    if st.is_dir() {
        mode |= perm::DMDIR;
    }
    p9::Stat {
        ty: 0,
        dev: 0,
        qid,
        mode,
        atime: (st.mtime / 1000) as u32,
        mtime: (st.mtime / 1000) as u32,
        length: if st.is_dir() { 0 } else { st.size },
        name: st.name.clone(),
        muid: uid.clone(),
        uid,
        gid: Users::name(&users.groups, st.gid()),
    }
}

/// What a Twstat asks for, checked against the file as it is now; every
/// check passes before anything changes.
pub(crate) struct Wstat {
    pub changes: StatChanges,
    /// A new last element (a rename within the directory).
    pub rename: Option<String>,
}

pub(crate) fn from_wire(want: &p9::Stat, cur: &Stat, users: &Users) -> Result<Wstat> {
    let bad = |why: &'static str| Err(Error::with_detail(Errno::EINVAL, why));
    let mut changes = StatChanges::default();
    if want.ty != !0 || want.dev != !0 || want.qid.path != !0 || want.qid.version != !0 {
        return bad("wstat: invalid change of type, dev or qid");
    }
    if want.mode != !0 {
        if (want.mode & perm::DMDIR != 0) != cur.is_dir() {
            return bad("wstat: invalid change of the DMDIR bit");
        }
        if want.mode & !(perm::DMDIR | 0o777) != 0 {
            return bad("wstat: invalid mode bits");
        }
        changes.mode = Some(want.mode & 0o777);
    }
    if want.mtime != !0 {
        changes.mtime = Some(u64::from(want.mtime) * 1000);
    }
    if want.length != !0 {
        if cur.is_dir() {
            return bad("wstat: invalid length change of a dir");
        }
        changes.size = Some(want.length);
    }
    if !want.uid.is_empty() {
        changes.uid = Some(Users::id(&users.users, &want.uid)?);
    }
    if !want.gid.is_empty() {
        changes.gid = Some(Users::id(&users.groups, &want.gid)?);
    }
    let rename = match want.name.as_str() {
        "" => None,
        n if n == cur.name => None,
        n => {
            check_elem(n)?;
            Some(n.to_string())
        }
    };
    Ok(Wstat { changes, rename })
}

/// A name a client gives for one element (create, rename): not empty,
/// `.` or `..`, and without `/` or NUL.
pub(crate) fn check_elem(name: &str) -> Result<()> {
    if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\0']) {
        return Err(Error::with_detail(Errno::EINVAL, "illegal name"));
    }
    kernel::path::check(name)
}
