//! The exporter's answer to each request, as the manual's section 5
//! describes it, in terms of the exported namespace.

use std::sync::Arc;

use kernel::path::{child, split_last};
use kernel::proto::StatChanges;
use kernel::{Errno, Error, OpenFlags, Result};
use p9::{NOFID, Rmsg, Tmsg, mode, perm};

use super::fids::{DirRead, Fid, Io, Open, View};
use super::stat::{self, Users, check_elem, stat_of};
use super::{Conn, wire_error};

pub(super) async fn handle(conn: &Arc<Conn>, msg: Tmsg) -> Result<Rmsg> {
    match msg {
        Tmsg::Auth { .. } => Err(wire_error(Errno::EACCES, "authentication not required")),
        Tmsg::Attach { fid, afid, aname, .. } => attach(conn, fid, afid, &aname).await,
        Tmsg::Walk { fid, newfid, wnames } => walk(conn, fid, newfid, &wnames).await,
        Tmsg::Open { fid, mode } => open(conn, fid, mode).await,
        Tmsg::Create { fid, name, perm, mode } => create(conn, fid, &name, perm, mode).await,
        Tmsg::Read { fid, offset, count } => read(conn, fid, offset, count).await,
        Tmsg::Write { fid, offset, data } => write(conn, fid, offset, &data).await,
        Tmsg::Clunk { fid } => {
            clunk_fid(conn.fids.remove(fid)?).await;
            Ok(Rmsg::Clunk)
        }
        Tmsg::Remove { fid } => remove(conn, fid).await,
        Tmsg::Stat { fid } => {
            let f = conn.fids.get(fid)?;
            let (proc, qids) = (&f.view.proc, &*conn.export.qids);
            let (st, qid) = match f.open.as_deref().map(|o| &o.io) {
                Some(Io::File(file)) => stat::fstat_of(proc, qids, file, &f.path).await?,
                _ => stat_of(proc, qids, &f.path).await?,
            };
            Ok(Rmsg::Stat {
                stat: stat::to_wire(&st, qid, &f.view.users),
            })
        }
        Tmsg::Wstat { fid, stat } => wstat(conn, fid, &stat).await,
        // Version and Flush are the connection's (see mod.rs).
        Tmsg::Version { .. } | Tmsg::Flush { .. } => Err(wire_error(Errno::EINVAL, "9P protocol botch")),
    }
}

/// `aname` empty: the exporter's own namespace; a number: the namespace
/// of that process, as it has it at each request.
async fn attach(conn: &Arc<Conn>, fid: u32, afid: u32, aname: &str) -> Result<Rmsg> {
    if afid != NOFID {
        return Err(wire_error(Errno::EACCES, "authentication not required"));
    }
    let export = &conn.export;
    let proc = match aname {
        "" => export.proc.clone(),
        pid => {
            let pid = pid.parse().map_err(|_| {
                Error::with_detail(
                    Errno::EINVAL,
                    format!("invalid aname '{pid}': expected nothing or a process id"),
                )
            })?;
            export.proc.viewing(pid)?
        }
    };
    let (st, qid) = stat_of(&proc, &export.qids, &export.root).await?;
    if !st.is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    let users = Users::load(&proc).await;
    let view = Arc::new(View {
        proc,
        root: export.root.clone(),
        users,
    });
    conn.fids.insert(
        fid,
        Fid {
            view,
            path: export.root.clone(),
            qid,
            open: None,
        },
    )?;
    Ok(Rmsg::Attach { qid })
}

async fn walk(conn: &Arc<Conn>, fid: u32, newfid: u32, wnames: &[String]) -> Result<Rmsg> {
    let f = conn.fids.get(fid)?;
    if f.open.is_some() {
        return Err(wire_error(Errno::EBUSY, "cannot walk an open fid"));
    }
    if newfid != fid && conn.fids.get(newfid).is_ok() {
        return Err(wire_error(Errno::EBADF, "duplicate fid"));
    }
    let mut path = f.path.clone();
    let mut qid = f.qid;
    let mut qids = Vec::with_capacity(wnames.len());
    for name in wnames {
        let step = async {
            if !qid.is_dir() {
                // The kernel's words, as Plan 9's exportfs answers them.
                return Err(Errno::ENOTDIR.into());
            }
            let next = match name.as_str() {
                ".." if path == f.view.root => path.clone(),
                ".." => split_last(&path).0.to_string(),
                "" | "." => return Err(Errno::ENOENT.into()),
                n if n.contains(['/', '\0']) => return Err(Errno::ENOENT.into()),
                n => child(&path, n),
            };
            let (_, q) = stat_of(&f.view.proc, &conn.export.qids, &next).await?;
            Ok((next, q))
        };
        match step.await {
            Ok((next, q)) => {
                path = next;
                qid = q;
                qids.push(q);
            }
            Err(e) if qids.is_empty() => return Err(e),
            // A walk that stops early answers the qids it got; newfid is
            // not made.
            Err(_) => return Ok(Rmsg::Walk { qids }),
        }
    }
    let new = Fid {
        view: f.view.clone(),
        path,
        qid,
        open: None,
    };
    if newfid == fid {
        if !conn.fids.replace(fid, &f, new) {
            return Err(wire_error(Errno::EBADF, "unknown fid"));
        }
    } else {
        conn.fids.insert(newfid, new)?;
    }
    Ok(Rmsg::Walk { qids })
}

/// The kernel flags for a 9P open mode, and whether the file is to be
/// truncated with a fid open for reading only (`OREAD|OTRUNC`, which
/// Plan 9 allows: the truncation needs write permission, the fid does
/// not get it). The kernel's flags cannot say that, so the exporter
/// truncates by a wstat of the length after the open.
fn flags_of(m: u8) -> Result<(OpenFlags, bool)> {
    if m & !(3 | mode::OTRUNC | mode::ORCLOSE) != 0 {
        return Err(Error::with_detail(Errno::EINVAL, "invalid open mode"));
    }
    let (read, write) = match m & 3 {
        mode::OREAD | mode::OEXEC => (true, false),
        mode::OWRITE => (false, true),
        _ => (true, true),
    };
    let trunc = m & mode::OTRUNC != 0;
    let flags = OpenFlags {
        read,
        write,
        truncate: trunc && write,
        ..OpenFlags::READ
    };
    Ok((flags, trunc && !write))
}

/// The fid unopened, or `file already open`.
fn unopened(conn: &Conn, fid: u32) -> Result<Arc<Fid>> {
    let f = conn.fids.get(fid)?;
    if f.open.is_some() {
        return Err(wire_error(Errno::EBUSY, "file already open"));
    }
    Ok(f)
}

async fn open(conn: &Arc<Conn>, fid: u32, m: u8) -> Result<Rmsg> {
    let f = unopened(conn, fid)?;
    let (flags, read_trunc) = flags_of(m)?;
    let io = if f.qid.is_dir() {
        if flags.write || read_trunc {
            return Err(Errno::EISDIR.into());
        }
        // Listing checks the directory can be read now, as open(2) would.
        f.view.proc.readdir(&f.path).await?;
        Io::Dir(Default::default())
    } else {
        let proc = &f.view.proc;
        let file = proc.open_file(&f.path, flags).await?;
        if read_trunc {
            let changes = StatChanges {
                size: Some(0),
                ..StatChanges::default()
            };
            if let Err(e) = proc.wstat(&f.path, &changes).await {
                let _ = kernel::fd::release(file, &proc.caller()).await;
                return Err(e);
            }
        }
        Io::File(file)
    };
    finish_open(conn, fid, &f, f.path.clone(), f.qid, io, m)
}

/// Make `fid` open on `io` and answer with its qid.
fn finish_open(conn: &Conn, fid: u32, f: &Arc<Fid>, path: String, qid: p9::Qid, io: Io, m: u8) -> Result<Rmsg> {
    let new = Fid {
        view: f.view.clone(),
        path,
        qid,
        open: Some(Arc::new(Open {
            io,
            rclose: m & mode::ORCLOSE != 0,
        })),
    };
    if !conn.fids.replace(fid, f, new) {
        return Err(wire_error(Errno::EBADF, "unknown fid"));
    }
    Ok(Rmsg::Open {
        qid,
        iounit: conn.iounit(),
    })
}

/// Create `name` in the directory `fid` names and open it: a new file
/// takes the client's permission bits limited by the directory's, as
/// Plan 9's create(5) says.
async fn create(conn: &Arc<Conn>, fid: u32, name: &str, p: u32, m: u8) -> Result<Rmsg> {
    let f = unopened(conn, fid)?;
    if !f.qid.is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    check_elem(name)?;
    if p & !(perm::DMDIR | 0o777) != 0 {
        return Err(Error::with_detail(Errno::EINVAL, "invalid permission bits for create"));
    }
    // A new file is empty: OTRUNC with OREAD has nothing to do.
    let (mut flags, _) = flags_of(m)?;
    let proc = &f.view.proc;
    let (dir, _) = stat_of(proc, &conn.export.qids, &f.path).await?;
    let path = child(&f.path, name);
    let (io, want) = if p & perm::DMDIR != 0 {
        if flags.write {
            return Err(Errno::EISDIR.into());
        }
        let want = p & (!0o777 | (dir.mode() & 0o777)) & 0o777;
        proc.mkdir(&path, want).await?;
        (Io::Dir(Default::default()), want)
    } else {
        flags.create = true;
        flags.exclusive = true;
        flags.perm = p & (!0o666 | (dir.mode() & 0o666)) & 0o777;
        (Io::File(proc.open_file(&path, flags).await?), flags.perm)
    };
    // The kernel masked the bits with the exporting process's umask; the
    // client's permissions are what the file gets.
    if want & proc.umask() != 0 {
        let changes = StatChanges {
            mode: Some(want),
            ..StatChanges::default()
        };
        proc.wstat(&path, &changes).await?;
    }
    let (_, qid) = stat_of(proc, &conn.export.qids, &path).await?;
    match finish_open(conn, fid, &f, path, qid, io, m)? {
        Rmsg::Open { qid, iounit } => Ok(Rmsg::Create { qid, iounit }),
        other => Ok(other),
    }
}

fn opened(f: &Fid) -> Result<&Io> {
    f.open
        .as_ref()
        .map(|o| &o.io)
        .ok_or_else(|| wire_error(Errno::EBADF, "file not open"))
}

async fn read(conn: &Arc<Conn>, fid: u32, offset: u64, count: u32) -> Result<Rmsg> {
    let f = conn.fids.get(fid)?;
    let count = count.min(conn.iounit()) as usize;
    let data = match opened(&f)? {
        Io::File(file) => {
            if !file.flags.read {
                return Err(wire_error(Errno::EBADF, "file not open for reading"));
            }
            file.chan
                .server
                .read(&f.view.proc.caller(), file.handle, offset, count)
                .await?
        }
        Io::Dir(dir) => read_dir(conn, &f, &mut *dir.lock().await, offset, count).await?,
    };
    Ok(Rmsg::Read { data })
}

/// Whole stat records, as many as fit `count`. A read continues from
/// where the last one ended or restarts at offset 0 (listing afresh);
/// any other offset is refused.
async fn read_dir(conn: &Conn, f: &Fid, dir: &mut DirRead, offset: u64, count: usize) -> Result<Vec<u8>> {
    if offset == 0 {
        let names = f.view.proc.readdir(&f.path).await?.into_iter().map(|e| e.name);
        *dir = DirRead {
            names: names.collect(),
            ..DirRead::default()
        };
    } else if offset != dir.offset {
        return Err(wire_error(Errno::EINVAL, "bad offset"));
    }
    let mut out = Vec::new();
    loop {
        let record = match dir.pending.take() {
            Some(r) => r,
            None => {
                let Some(name) = dir.names.get(dir.next) else {
                    break;
                };
                dir.next += 1;
                // A name that went away since the listing is left out.
                let Ok((st, qid)) = stat_of(&f.view.proc, &conn.export.qids, &child(&f.path, name)).await else {
                    continue;
                };
                let mut r = Vec::new();
                stat::to_wire(&st, qid, &f.view.users)
                    .encode(&mut r)
                    .map_err(|e| Error::with_detail(Errno::EIO, e.to_string()))?;
                r
            }
        };
        if out.len() + record.len() > count {
            if out.is_empty() {
                dir.pending = Some(record);
                return Err(Error::with_detail(
                    Errno::EINVAL,
                    "invalid count: smaller than one stat record",
                ));
            }
            dir.pending = Some(record);
            break;
        }
        out.extend_from_slice(&record);
    }
    dir.offset += out.len() as u64;
    Ok(out)
}

async fn write(conn: &Arc<Conn>, fid: u32, offset: u64, data: &[u8]) -> Result<Rmsg> {
    let f = conn.fids.get(fid)?;
    match opened(&f)? {
        Io::Dir(_) => Err(Errno::EISDIR.into()),
        Io::File(file) if !file.flags.write => Err(wire_error(Errno::EBADF, "file not open for writing")),
        Io::File(file) => {
            let n = file
                .chan
                .server
                .write(&f.view.proc.caller(), file.handle, offset, data)
                .await?;
            Ok(Rmsg::Write { count: n as u32 })
        }
    }
}

/// Let go of a fid: close what it has open, removing an ORCLOSE file.
pub(super) async fn clunk_fid(f: Arc<Fid>) {
    let (proc, path, rclose) = release(f).await;
    if rclose {
        let _ = proc.remove(&path).await;
    }
}

/// Drop a fid taken out of the table, closing its open file unless a
/// request still running uses it (that request's end closes it). Answers
/// where the fid pointed and whether it was opened ORCLOSE.
async fn release(f: Arc<Fid>) -> (kernel::Proc, String, bool) {
    let proc = f.view.proc.clone();
    let path = f.path.clone();
    let (file, rclose) = match &f.open {
        Some(open) => match &open.io {
            Io::File(file) => (Some(file.clone()), open.rclose),
            Io::Dir(_) => (None, open.rclose),
        },
        None => (None, false),
    };
    drop(f);
    if let Some(file) = file {
        let _ = kernel::fd::release(file, &proc.caller()).await;
    }
    (proc, path, rclose)
}

/// Remove the file and clunk the fid, whether or not the remove worked.
async fn remove(conn: &Arc<Conn>, fid: u32) -> Result<Rmsg> {
    let (proc, path, _) = release(conn.fids.remove(fid)?).await;
    if path == conn.export.root {
        return Err(Errno::EACCES.into());
    }
    proc.remove(&path).await?;
    Ok(Rmsg::Remove)
}

/// Apply a Twstat all or nothing: a rename (within its directory) first,
/// since it is the change most likely to be refused, then the rest, with
/// the rename undone if that fails.
async fn wstat(conn: &Arc<Conn>, fid: u32, want: &p9::Stat) -> Result<Rmsg> {
    let f = conn.fids.get(fid)?;
    let proc = &f.view.proc;
    let (cur, _) = stat_of(proc, &conn.export.qids, &f.path).await?;
    let w = stat::from_wire(want, &cur, &f.view.users)?;
    let mut path = f.path.clone();
    if let Some(name) = &w.rename {
        if f.path == f.view.root {
            return Err(Errno::EACCES.into());
        }
        let to = child(split_last(&f.path).0, name);
        if proc.stat(&to).await.is_ok() {
            return Err(Errno::EEXIST.into());
        }
        proc.rename(&f.path, &to).await?;
        path = to;
    }
    if !w.changes.is_empty()
        && let Err(e) = proc.wstat(&path, &w.changes).await
    {
        if path != f.path {
            let _ = proc.rename(&path, &f.path).await;
        }
        return Err(e);
    }
    if path != f.path {
        rename_fid(conn, fid, &f, path);
    }
    Ok(Rmsg::Wstat)
}

/// Keep `fid` naming its file after a rename; an open fid keeps its
/// open file.
fn rename_fid(conn: &Conn, fid: u32, f: &Arc<Fid>, path: String) {
    let new = Fid {
        view: f.view.clone(),
        path,
        qid: f.qid,
        open: f.open.clone(),
    };
    conn.fids.replace(fid, f, new);
}
