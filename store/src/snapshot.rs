//! Capturing a fileserver's tree into objects, and writing one back.
//!
//! Both directions go through the fileserver protocol, so any server
//! that can list, read and write (MemoryFS, a host directory, an overlay)
//! can be captured and restored without code of its own. What the protocol
//! cannot express is left alone on both sides: exec nodes (native programs
//! in `/bin`, rebuilt at every boot) and devices are neither captured nor
//! removed by a restore.
//!
//! Incremental capture: a [`Capturer`] remembers, per server, each file's
//! qid, version and metadata with the id it hashed to. A file whose qid
//! version and stat are unchanged since the last capture is not read
//! again, which is why a snapshot after one change costs a walk of stats,
//! not a read of every byte.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Weak};

use kernel::{Caller, Errno, Fileserver, NodeType, OpenFlags, Stat, StatChanges};
use parking_lot::Mutex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::chunk;
use crate::error::{Result, StoreError};
use crate::id::Id;
use crate::object::{ChunkRef, Content, Entry, File, Kind, Meta, Object, Tree};
use crate::repo::Repo;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Read and write files in pieces of this size (the protocol's reads are
/// bounded by what a server answers; this bounds the number of calls).
const IO_SIZE: usize = 1 << 20;

/// Yield to the runtime every this many nodes, so a long walk never
/// starves the processes of the system.
const YIELD_EVERY: usize = 256;

fn kernel_err(path: &str, e: kernel::Error) -> StoreError {
    StoreError::Backend(format!("{path}: {}", e.message()))
}

fn meta_of(st: &Stat) -> Meta {
    Meta {
        mode: st.mode(),
        uid: st.uid(),
        gid: st.gid(),
        mtime: st.mtime,
        ctime: st.ctime(),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// True for what a snapshot neither captures nor removes.
fn is_native(fs: &dyn Fileserver, path: &str) -> bool {
    fs.as_exec().and_then(|e| e.executable(path)).is_some()
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Cached {
    version: u32,
    meta: Meta,
    size: u64,
    id: Id,
}

/// Per-server memory of what was captured, so the next capture reads only
/// what changed. The `Weak` pins the server's address: a cache can never
/// be consulted for a different server that happens to reuse it.
type ServerCache = (Weak<dyn Fileserver>, HashMap<u64, Cached>);

/// Captures trees into a repo, incrementally. Keep one for as long as the
/// servers it captures live.
pub struct Capturer {
    repo: Repo,
    caches: Mutex<Vec<ServerCache>>,
}

/// Objects gathered by one walk, not yet in the store.
#[derive(Default)]
struct Batch {
    objects: Vec<(Id, Vec<u8>)>,
    ids: HashSet<Id>,
    /// Cache entries to remember once the batch is stored.
    learned: HashMap<u64, Cached>,
    seen: usize,
}

impl Batch {
    fn add(&mut self, obj: &Object) -> Id {
        let (id, bytes) = obj.seal();
        if self.ids.insert(id) {
            self.objects.push((id, bytes));
        }
        id
    }
}

impl Capturer {
    pub fn new(repo: Repo) -> Capturer {
        Capturer {
            repo,
            caches: Mutex::new(Vec::new()),
        }
    }

    pub fn repo(&self) -> &Repo {
        &self.repo
    }

    /// Capture the tree at `path` of `fs` and store what the store lacks;
    /// answer the tree's id.
    pub async fn capture(&self, fs: &Arc<dyn Fileserver>, path: &str) -> Result<Id> {
        let known = self.cache_of(fs);
        let mut batch = Batch::default();
        let st = fs.stat(&Caller::KERNEL, path).await.map_err(|e| kernel_err(path, e))?;
        if !st.is_dir() {
            return Err(StoreError::Backend(format!("{path}: Not a directory")));
        }
        let id = walk(fs.as_ref(), path.to_string(), st, &known, &mut batch).await?;
        let learned = std::mem::take(&mut batch.learned);
        self.repo.put_missing(batch.objects).await?;
        // Only now are the files' ids known to be stored.
        let mut caches = self.caches.lock();
        if let Some((_, map)) = caches.iter_mut().find(|(w, _)| same_server(w, fs)) {
            map.retain(|q, _| learned.contains_key(q));
            map.extend(learned);
        } else {
            caches.retain(|(w, _)| w.strong_count() > 0);
            caches.push((Arc::downgrade(fs), learned));
        }
        Ok(id)
    }

    fn cache_of(&self, fs: &Arc<dyn Fileserver>) -> HashMap<u64, Cached> {
        let caches = self.caches.lock();
        caches
            .iter()
            .find(|(w, _)| same_server(w, fs))
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    }
}

fn same_server(w: &Weak<dyn Fileserver>, fs: &Arc<dyn Fileserver>) -> bool {
    std::ptr::addr_eq(w.as_ptr(), Arc::as_ptr(fs))
}

fn walk<'a>(
    fs: &'a dyn Fileserver,
    path: String,
    st: Stat,
    known: &'a HashMap<u64, Cached>,
    batch: &'a mut Batch,
) -> BoxFuture<'a, Result<Id>> {
    Box::pin(async move {
        let who = Caller::KERNEL;
        let listing = fs.readdir(&who, &path).await.map_err(|e| kernel_err(&path, e))?;
        let mut entries = Vec::with_capacity(listing.len());
        for d in listing {
            batch.seen += 1;
            if batch.seen.is_multiple_of(YIELD_EVERY) {
                tokio::task::yield_now().await;
            }
            let child = join(&path, &d.name);
            if d.kind == NodeType::Device || is_native(fs, &child) {
                continue;
            }
            let cst = match fs.stat(&who, &child).await {
                Ok(s) => s,
                // Removed while we walked: it is simply not in this snapshot.
                Err(e) if e.is(Errno::ENOENT) => continue,
                Err(e) => return Err(kernel_err(&child, e)),
            };
            let (kind, id) = match cst.kind {
                NodeType::Dir => (Kind::Dir, walk(fs, child, cst, known, batch).await?),
                NodeType::File => match capture_file(fs, &child, &cst, known, batch).await? {
                    Some(id) => (Kind::File, id),
                    None => continue,
                },
                NodeType::Device => continue,
            };
            entries.push(Entry { name: d.name, kind, id });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        entries.dedup_by(|a, b| a.name == b.name);
        Ok(batch.add(&Object::Tree(Tree {
            meta: meta_of(&st),
            entries,
        })))
    })
}

async fn capture_file(
    fs: &dyn Fileserver,
    path: &str,
    st: &Stat,
    known: &HashMap<u64, Cached>,
    batch: &mut Batch,
) -> Result<Option<Id>> {
    let opened = match fs.open(&Caller::KERNEL, path, OpenFlags::READ).await {
        Ok(o) => o.opened(),
        Err(e) if e.is(Errno::ENOENT) => return Ok(None),
        Err(e) => return Err(kernel_err(path, e)),
    };
    // A name that opens someone else's file (a dup or srv entry) is not
    // content of this tree.
    let Some(opened) = opened else {
        return Ok(None);
    };
    let meta = meta_of(st);
    let key = st.qid;
    let version = opened.qid.version;
    if let Some(c) = known
        .get(&key)
        .filter(|c| c.version == version && c.meta == meta && c.size == st.size)
    {
        let _ = fs.close(&Caller::KERNEL, opened.handle).await;
        batch.learned.insert(key, *c);
        return Ok(Some(c.id));
    }
    let data = read_all(fs, opened.handle, path).await;
    let _ = fs.close(&Caller::KERNEL, opened.handle).await;
    let data = data?;
    let content = if data.len() < chunk::INLINE_LIMIT {
        Content::Inline(data)
    } else {
        let chunks = chunk::split(&data)
            .map(|c| ChunkRef {
                len: c.len() as u32,
                id: batch.add(&Object::Chunk(c.to_vec())),
            })
            .collect();
        Content::Chunks(chunks)
    };
    let size = match &content {
        Content::Inline(d) => d.len() as u64,
        Content::Chunks(c) => c.iter().map(|c| u64::from(c.len)).sum(),
    };
    let id = batch.add(&Object::File(File { meta, size, content }));
    batch.learned.insert(
        key,
        Cached {
            version,
            meta,
            size: st.size,
            id,
        },
    );
    Ok(Some(id))
}

async fn read_all(fs: &dyn Fileserver, h: kernel::Handle, path: &str) -> Result<Vec<u8>> {
    let mut data = Vec::new();
    loop {
        let piece = fs
            .read(&Caller::KERNEL, h, data.len() as u64, IO_SIZE)
            .await
            .map_err(|e| kernel_err(path, e))?;
        if piece.is_empty() {
            return Ok(data);
        }
        data.extend_from_slice(&piece);
    }
}

/// Make the tree at `path` of `fs` exactly the tree `tree`: create and
/// overwrite what it holds, remove what it does not (exec nodes and
/// devices excepted), set every mode, owner and mtime. A ctime is when
/// the restore wrote the node, as with `tar -x`: the protocol has no way
/// to set it, and a ctime that could be set would not be one.
pub async fn restore(repo: &Repo, tree: &Id, fs: &dyn Fileserver, path: &str) -> Result<()> {
    let mut seen = 0;
    restore_dir(repo, tree, fs, path.to_string(), &mut seen).await
}

fn restore_dir<'a>(
    repo: &'a Repo,
    tree: &'a Id,
    fs: &'a dyn Fileserver,
    path: String,
    seen: &'a mut usize,
) -> BoxFuture<'a, Result<()>> {
    Box::pin(async move {
        let who = Caller::KERNEL;
        let t = repo.tree(tree).await?;
        let wanted: HashMap<&str, &Entry> = t.entries.iter().map(|e| (e.name.as_str(), e)).collect();
        let present = fs.readdir(&who, &path).await.map_err(|e| kernel_err(&path, e))?;
        for d in &present {
            let child = join(&path, &d.name);
            let keep = match wanted.get(d.name.as_str()) {
                Some(e) => (e.kind == Kind::Dir) == d.kind.is_dir(),
                None => d.kind == NodeType::Device || is_native(fs, &child),
            };
            if !keep {
                remove_all(fs, &child).await?;
            }
        }
        for e in &t.entries {
            *seen += 1;
            if seen.is_multiple_of(YIELD_EVERY) {
                tokio::task::yield_now().await;
            }
            let child = join(&path, &e.name);
            match e.kind {
                Kind::Dir => {
                    match fs.mkdir(&who, &child, 0o700).await {
                        Ok(()) => {}
                        Err(err) if err.is(Errno::EEXIST) => {}
                        Err(err) => return Err(kernel_err(&child, err)),
                    }
                    restore_dir(repo, &e.id, fs, child, seen).await?;
                }
                Kind::File => restore_file(repo, &e.id, fs, &child).await?,
            }
        }
        set_meta(fs, &path, &t.meta).await
    })
}

async fn restore_file(repo: &Repo, id: &Id, fs: &dyn Fileserver, path: &str) -> Result<()> {
    let f = repo.file(id).await?;
    let data = repo.content(&f).await?;
    let flags = OpenFlags {
        perm: f.meta.mode & 0o7777,
        ..OpenFlags::WRITE
    };
    let opened = fs
        .open(&Caller::KERNEL, path, flags)
        .await
        .map_err(|e| kernel_err(path, e))?
        .opened()
        .ok_or_else(|| StoreError::Backend(format!("{path}: not a file of this tree")))?;
    let mut result = Ok(());
    let mut off = 0;
    while off < data.len() {
        let end = (off + IO_SIZE).min(data.len());
        match fs
            .write(&Caller::KERNEL, opened.handle, off as u64, &data[off..end])
            .await
        {
            Ok(0) => {
                result = Err(StoreError::Backend(format!("{path}: short write")));
                break;
            }
            Ok(n) => off += n,
            Err(e) => {
                result = Err(kernel_err(path, e));
                break;
            }
        }
    }
    let _ = fs.close(&Caller::KERNEL, opened.handle).await;
    result?;
    set_meta(fs, path, &f.meta).await
}

async fn set_meta(fs: &dyn Fileserver, path: &str, m: &Meta) -> Result<()> {
    let changes = StatChanges {
        mode: Some(m.mode & 0o7777),
        uid: Some(m.uid),
        gid: Some(m.gid),
        mtime: Some(m.mtime),
        size: None,
    };
    fs.wstat(&Caller::KERNEL, path, &changes)
        .await
        .map_err(|e| kernel_err(path, e))
}

/// Remove `path` and everything under it.
fn remove_all<'a>(fs: &'a dyn Fileserver, path: &'a str) -> BoxFuture<'a, Result<()>> {
    Box::pin(async move {
        let who = Caller::KERNEL;
        let st = fs.stat(&who, path).await.map_err(|e| kernel_err(path, e))?;
        if st.is_dir() {
            for d in fs.readdir(&who, path).await.map_err(|e| kernel_err(path, e))? {
                remove_all(fs, &join(path, &d.name)).await?;
            }
        }
        fs.remove(&who, path).await.map_err(|e| kernel_err(path, e))
    })
}
