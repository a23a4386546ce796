//! ImportFs: a remote 9P2000 server as a fileserver like any other, the
//! client half of `srv` and `import`.
//!
//! Every path call walks a fresh fid from the attach fid and clunks it
//! when done ([`crate::client::Op`]); an open keeps its fid as the
//! handle. When the connection goes, every call answers `i/o on hung-up
//! channel`; nothing reconnects by itself (`srv` again does).

use std::sync::Arc;

use async_trait::async_trait;
use kernel::path::{elements, split_last};
use kernel::{
    Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Proc, Qid, Result,
    Stat, StatChanges,
};
use p9::{mode, perm};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;

use crate::client::{Client, Op, Walked};

/// Dial `addr` from inside the system, as its dial policy allows, and
/// attach to `aname` as the caller's `$USER`.
pub async fn dial(p: &Proc, addr: &str, aname: &str) -> Result<Arc<ImportFs>> {
    let addr = crate::dial::Addr::parse(addr)?;
    let stream = crate::policy::dial(p, &addr).await?;
    let client = Client::connect(stream, crate::client::DEFAULT_MSIZE).await?;
    let user = p.getenv("USER").unwrap_or_else(|| "none".into());
    ImportFs::attach(client, &user, aname).await
}

pub struct ImportFs {
    client: Client,
    root: u32,
    /// Open fids by handle (the fid number is the handle).
    open: Mutex<FxHashMap<u64, OpenFid>>,
}

#[derive(Clone, Copy)]
struct OpenFid {
    fid: u32,
    kind: NodeType,
    /// 9P has no append mode for an open: each write goes to the length
    /// the server reports just before it.
    append: bool,
}

impl ImportFs {
    /// Attach to `aname` as `uname` on a connected client.
    pub async fn attach(client: Client, uname: &str, aname: &str) -> Result<Arc<ImportFs>> {
        let mut op = client.op();
        let root = op.fid();
        let qid = op.attach(root, uname, aname).await?;
        if !qid.is_dir() {
            return Err(Error::with_detail(
                Errno::ENOTDIR,
                "the attached root is not a directory",
            ));
        }
        op.keep(root);
        op.finish().await;
        Ok(Arc::new(ImportFs {
            client,
            root,
            open: Mutex::new(FxHashMap::default()),
        }))
    }

    /// Walk a new fid of `op` to `path`.
    async fn walk(&self, op: &mut Op, path: &str) -> Result<u32> {
        let fid = op.fid();
        let names: Vec<&str> = elements(path).collect();
        op.walk(self.root, fid, &names).await.map_err(Walked::into_error)?;
        Ok(fid)
    }

    async fn stat_path(&self, op: &mut Op, path: &str) -> Result<p9::Stat> {
        let fid = self.walk(op, path).await?;
        op.stat(fid).await
    }

    fn handle(&self, h: Handle) -> Result<OpenFid> {
        self.open.lock().get(&h.0).copied().ok_or_else(|| Errno::EBADF.into())
    }
}

impl Drop for ImportFs {
    fn drop(&mut self) {
        self.client.clunk_later(self.root);
    }
}

/// The 9P open mode for kernel flags.
fn mode_of(flags: &OpenFlags) -> u8 {
    let mut m = match (flags.read, flags.write) {
        (true, true) => mode::ORDWR,
        (false, true) => mode::OWRITE,
        _ => mode::OREAD,
    };
    if flags.truncate {
        m |= mode::OTRUNC;
    }
    if flags.rclose {
        m |= mode::ORCLOSE;
    }
    m
}

fn kind_of(qid: &p9::Qid) -> NodeType {
    if qid.is_dir() { NodeType::Dir } else { NodeType::File }
}

/// A remote stat record as a kernel stat. Owners are numbers when the
/// remote names them by number, else left to the defaults.
fn from_wire(st: &p9::Stat) -> Stat {
    let kind = if st.mode & perm::DMDIR != 0 {
        NodeType::Dir
    } else {
        NodeType::File
    };
    let mut out = Stat::new(st.name.clone(), kind, st.length, u64::from(st.mtime) * 1000);
    out.mode = Some(st.mode & 0o777);
    out.uid = st.uid.parse().ok();
    out.gid = st.gid.parse().ok();
    out.qid = st.qid.path;
    out
}

#[async_trait]
impl Fileserver for ImportFs {
    fn name(&self) -> &str {
        "import"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        let mut op = self.client.op();
        let m = mode_of(&flags);
        let (fid, qid) = match self.walk(&mut op, path).await {
            Ok(_) if flags.create && flags.exclusive => return Err(Errno::EEXIST.into()),
            Ok(fid) => (fid, op.open(fid, m).await?.0),
            Err(e) if e.is(Errno::ENOENT) && flags.create => {
                let (dir, name) = split_last(path);
                let fid = self.walk(&mut op, dir).await?;
                (fid, op.create(fid, name, flags.perm & 0o777, m).await?.0)
            }
            Err(e) => return Err(e),
        };
        op.keep(fid);
        op.finish().await;
        let kind = kind_of(&qid);
        self.open.lock().insert(
            u64::from(fid),
            OpenFid {
                fid,
                kind,
                append: flags.append,
            },
        );
        Ok(Opened {
            handle: Handle(u64::from(fid)),
            qid: Qid {
                path: qid.path,
                version: qid.version,
                kind,
            },
        }
        .into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let f = self.handle(h)?;
        if f.kind.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        let count = count.min(self.client.iounit() as usize) as u32;
        self.client.op().read(f.fid, offset, count).await
    }

    async fn write(&self, _who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let f = self.handle(h)?;
        let mut op = self.client.op();
        let offset = if f.append { op.stat(f.fid).await?.length } else { offset };
        let mut done = 0;
        while done < data.len() {
            match op.write(f.fid, offset + done as u64, &data[done..]).await {
                Ok(0) => break,
                Ok(n) => done += n as usize,
                Err(e) if done == 0 => return Err(e),
                Err(_) => break,
            }
        }
        Ok(done)
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        let f = self.open.lock().remove(&h.0).ok_or(Errno::EBADF)?;
        self.client.op().clunk(f.fid).await
    }

    async fn fstat(&self, _who: &Caller, h: Handle) -> Result<Stat> {
        let f = self.handle(h)?;
        Ok(from_wire(&self.client.op().stat(f.fid).await?))
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let mut op = self.client.op();
        let st = self.stat_path(&mut op, path).await;
        op.finish().await;
        Ok(from_wire(&st?))
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let mut op = self.client.op();
        let r = async {
            let fid = self.walk(&mut op, path).await?;
            let (qid, _) = op.open(fid, mode::OREAD).await?;
            if !qid.is_dir() {
                return Err(Errno::ENOTDIR.into());
            }
            let mut out = Vec::new();
            let mut offset = 0;
            loop {
                let data = op.read(fid, offset, self.client.iounit()).await?;
                if data.is_empty() {
                    return Ok(out);
                }
                offset += data.len() as u64;
                let stats = p9::Stat::decode_all(&data)
                    .map_err(|e| Error::with_detail(Errno::EIO, format!("9P protocol botch: {e:?}")))?;
                out.extend(stats.iter().map(|s| DirEntry::new(s.name.clone(), kind_of(&s.qid))));
            }
        }
        .await;
        op.finish().await;
        r
    }

    async fn mkdir(&self, _who: &Caller, path: &str, p: u32) -> Result<()> {
        let mut op = self.client.op();
        let r = async {
            let (dir, name) = split_last(path);
            let fid = self.walk(&mut op, dir).await?;
            op.create(fid, name, perm::DMDIR | (p & 0o777), mode::OREAD)
                .await
                .map(|_| ())
        }
        .await;
        op.finish().await;
        r
    }

    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        let mut op = self.client.op();
        let r = async {
            let fid = self.walk(&mut op, path).await?;
            op.remove(fid).await
        }
        .await;
        op.finish().await;
        r
    }

    /// 9P renames only within a directory (a Twstat of the name); across
    /// directories the answer is EXDEV, so `mv` copies.
    async fn rename(&self, _who: &Caller, from: &str, to: &str) -> Result<()> {
        let (from_dir, _) = split_last(from);
        let (to_dir, name) = split_last(to);
        if from_dir != to_dir {
            return Err(Errno::EXDEV.into());
        }
        let mut op = self.client.op();
        let r = async {
            let fid = self.walk(&mut op, from).await?;
            // An existing target is replaced, as rename(2) does.
            if let Ok(old) = self.walk(&mut op, to).await {
                op.remove(old).await?;
            }
            let mut st = p9::Stat::dont_touch();
            st.name = name.to_string();
            op.wstat(fid, st).await
        }
        .await;
        op.finish().await;
        r
    }

    async fn wstat(&self, _who: &Caller, path: &str, changes: &StatChanges) -> Result<()> {
        let mut st = p9::Stat::dont_touch();
        let mut op = self.client.op();
        let r = async {
            let fid = self.walk(&mut op, path).await?;
            if let Some(m) = changes.mode {
                let cur = op.stat(fid).await?;
                st.mode = (cur.mode & perm::DMDIR) | (m & 0o777);
            }
            if let Some(t) = changes.mtime {
                st.mtime = (t / 1000) as u32;
            }
            if let Some(n) = changes.size {
                st.length = n;
            }
            if let Some(u) = changes.uid {
                st.uid = u.to_string();
            }
            if let Some(g) = changes.gid {
                st.gid = g.to_string();
            }
            op.wstat(fid, st).await
        }
        .await;
        op.finish().await;
        r
    }
}
