//! Reading and writing the object graph over any [`Store`]: typed reads
//! checked against their ids, ref resolution, history and diffs.

use std::sync::Arc;

use crate::backend::Store;
use crate::error::{Result, StoreError};
use crate::id::Id;
use crate::object::{Commit, Content, File, Kind, Namespace, Object, Tree};

/// A store seen as a graph of objects. Cheap to clone.
#[derive(Clone)]
pub struct Repo {
    store: Arc<dyn Store>,
}

/// One path that differs between two trees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub what: ChangeKind,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl Repo {
    pub fn new(store: Arc<dyn Store>) -> Repo {
        Repo { store }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The object `id`, decoded and checked against its id.
    pub async fn read(&self, id: &Id) -> Result<Object> {
        let bytes = self.store.get(id).await?.ok_or(StoreError::Missing(*id))?;
        Object::decode_checked(id, &bytes)
    }

    pub async fn commit(&self, id: &Id) -> Result<Commit> {
        match self.read(id).await? {
            Object::Commit(c) => Ok(c),
            _ => Err(StoreError::NotFound(format!("{} (not a snapshot)", id.short()))),
        }
    }

    pub async fn tree(&self, id: &Id) -> Result<Tree> {
        match self.read(id).await? {
            Object::Tree(t) => Ok(t),
            _ => Err(StoreError::Corrupt(format!("{} is not a tree", id.short()))),
        }
    }

    pub async fn file(&self, id: &Id) -> Result<File> {
        match self.read(id).await? {
            Object::File(f) => Ok(f),
            _ => Err(StoreError::Corrupt(format!("{} is not a file", id.short()))),
        }
    }

    pub async fn namespace(&self, id: &Id) -> Result<Namespace> {
        match self.read(id).await? {
            Object::Namespace(n) => Ok(n),
            _ => Err(StoreError::Corrupt(format!("{} is not a namespace", id.short()))),
        }
    }

    /// The bytes of a file, its chunks joined.
    pub async fn content(&self, file: &File) -> Result<Vec<u8>> {
        match &file.content {
            Content::Inline(d) => Ok(d.clone()),
            Content::Chunks(chunks) => {
                let mut out = Vec::with_capacity(file.size as usize);
                for c in chunks {
                    match self.read(&c.id).await? {
                        Object::Chunk(d) if d.len() == c.len as usize => out.extend_from_slice(&d),
                        _ => {
                            return Err(StoreError::Corrupt(format!(
                                "chunk {} is not what its file says",
                                c.id.short()
                            )));
                        }
                    }
                }
                Ok(out)
            }
        }
    }

    /// Put the objects of `batch` the store does not have yet: the
    /// incremental step, by "have".
    pub async fn put_missing(&self, batch: Vec<(Id, Vec<u8>)>) -> Result<usize> {
        if batch.is_empty() {
            return Ok(0);
        }
        let ids: Vec<Id> = batch.iter().map(|(id, _)| *id).collect();
        let have = self.store.has(&ids).await?;
        let missing: Vec<(Id, Vec<u8>)> = batch
            .into_iter()
            .zip(have)
            .filter(|(_, h)| !h)
            .map(|(o, _)| o)
            .collect();
        let n = missing.len();
        if n > 0 {
            self.store.put(missing).await?;
        }
        Ok(n)
    }

    /// A snapshot by ref name, full id, or unique id prefix (of at least 4
    /// hex digits) among the commits reachable from the refs.
    pub async fn resolve(&self, name: &str) -> Result<Id> {
        if let Some(id) = self.store.get_ref(name).await? {
            return Ok(id);
        }
        if let Ok(id) = name.parse::<Id>() {
            self.commit(&id).await?;
            return Ok(id);
        }
        let prefix = name.to_ascii_lowercase();
        if prefix.len() < 4 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound(name.to_string()));
        }
        let mut found: Option<Id> = None;
        for (id, _) in self.reachable().await? {
            if id.to_hex().starts_with(&prefix) && found.replace(id).is_some_and(|f| f != id) {
                return Err(StoreError::BadName(format!(
                    "{name} (ambiguous: more than one snapshot starts so)"
                )));
            }
        }
        found.ok_or_else(|| StoreError::NotFound(name.to_string()))
    }

    /// The history from `head`, newest first, following every parent
    /// (each commit once).
    pub async fn log(&self, head: &Id) -> Result<Vec<(Id, Commit)>> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut todo = vec![*head];
        let mut out = Vec::new();
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            let c = self.commit(&id).await?;
            todo.extend(c.parents.iter().rev());
            out.push((id, c));
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.1.time));
        Ok(out)
    }

    /// Every commit reachable from any ref.
    pub async fn reachable(&self) -> Result<Vec<(Id, Commit)>> {
        let mut out: Vec<(Id, Commit)> = Vec::new();
        for (_, head) in self.store.refs().await? {
            for c in self.log(&head).await? {
                if !out.iter().any(|(id, _)| *id == c.0) {
                    out.push(c);
                }
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.1.time));
        Ok(out)
    }

    /// Total bytes of file content in a tree (what `snapshots` shows).
    pub async fn tree_size(&self, tree: &Id) -> Result<u64> {
        let mut total = 0;
        let mut todo = vec![*tree];
        while let Some(t) = todo.pop() {
            for e in self.tree(&t).await?.entries {
                match e.kind {
                    Kind::Dir => todo.push(e.id),
                    Kind::File => total += self.file(&e.id).await?.size,
                }
            }
        }
        Ok(total)
    }

    /// The paths that differ from tree `a` to tree `b`, sorted. Subtrees
    /// with equal ids are skipped without being read.
    pub async fn diff(&self, a: Option<Id>, b: Option<Id>) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        let mut todo = vec![(String::new(), a, b)];
        while let Some((prefix, a, b)) = todo.pop() {
            if a == b {
                continue;
            }
            let ta = match a {
                Some(id) => self.tree(&id).await?.entries,
                None => Vec::new(),
            };
            let tb = match b {
                Some(id) => self.tree(&id).await?.entries,
                None => Vec::new(),
            };
            let (mut i, mut j) = (0, 0);
            while i < ta.len() || j < tb.len() {
                let (ea, eb) = (ta.get(i), tb.get(j));
                let order = match (ea, eb) {
                    (Some(x), Some(y)) => x.name.cmp(&y.name),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    _ => std::cmp::Ordering::Greater,
                };
                let (ea, eb) = match order {
                    std::cmp::Ordering::Less => (ea, None),
                    std::cmp::Ordering::Greater => (None, eb),
                    std::cmp::Ordering::Equal => (ea, eb),
                };
                i += usize::from(ea.is_some());
                j += usize::from(eb.is_some());
                let name = ea.or(eb).map(|e| e.name.clone()).unwrap_or_default();
                let path = format!("{prefix}/{name}");
                let dir = |e: Option<&crate::object::Entry>| e.filter(|e| e.kind == Kind::Dir).map(|e| e.id);
                let file = |e: Option<&crate::object::Entry>| e.filter(|e| e.kind == Kind::File).map(|e| e.id);
                let (da, db) = (dir(ea), dir(eb));
                if da.is_some() || db.is_some() {
                    todo.push((path.clone(), da, db));
                }
                match (file(ea), file(eb)) {
                    (Some(x), Some(y)) if x != y => out.push(Change {
                        path,
                        what: ChangeKind::Changed,
                    }),
                    (Some(_), None) => out.push(Change {
                        path,
                        what: ChangeKind::Removed,
                    }),
                    (None, Some(_)) => out.push(Change {
                        path,
                        what: ChangeKind::Added,
                    }),
                    _ => {}
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}
