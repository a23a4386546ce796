//! A workspace: the persistent trees of one system, committed to one
//! branch of a store. This is the library entry point the CLI, the
//! in-system commands and embedders share.

use std::sync::Arc;

use kernel::{Clock, Fileserver};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::id::Id;
use crate::object::{Commit, Namespace, Object, Root};
use crate::repo::{Change, Repo};
use crate::snapshot::{self, Capturer};

/// A tree that persists: the directory `dir` of `server`, mounted at
/// `path` in the system's namespace.
#[derive(Clone)]
pub struct Source {
    pub path: String,
    pub server: Arc<dyn Fileserver>,
    pub dir: String,
}

/// One line of `snapshots`.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub id: Id,
    pub commit: Commit,
    /// Refs that point at this commit.
    pub names: Vec<String>,
    /// Bytes of file content in the commit's trees.
    pub size: u64,
}

/// How many times a commit is retried when another writer moved the
/// branch first. Each retry makes the other's commit the parent, so both
/// are kept.
const CAS_RETRIES: usize = 16;

pub struct Workspace {
    capturer: Capturer,
    branch: String,
    sources: Vec<Source>,
    clock: Arc<Clock>,
}

impl Workspace {
    /// A workspace committing `sources` to `branch` of `store`.
    pub fn new(store: Arc<dyn Store>, branch: &str, sources: Vec<Source>, clock: Arc<Clock>) -> Result<Workspace> {
        check_ref_name(branch)?;
        Ok(Workspace {
            capturer: Capturer::new(Repo::new(store)),
            branch: branch.to_string(),
            sources,
            clock,
        })
    }

    pub fn repo(&self) -> &Repo {
        self.capturer.repo()
    }

    pub fn branch(&self) -> &str {
        &self.branch
    }

    /// The commit the branch points at, if any.
    pub async fn head(&self) -> Result<Option<Id>> {
        self.repo().store().get_ref(&self.branch).await
    }

    /// Capture every source and commit it to the branch. With `always`
    /// false, nothing is committed when the trees equal the head's (what
    /// autosave wants); the answer is then the head.
    pub async fn commit(&self, message: &str, namespace: Namespace, always: bool) -> Result<Option<Id>> {
        let mut roots = Vec::with_capacity(self.sources.len());
        for s in &self.sources {
            let tree = self.capturer.capture(&s.server, &s.dir).await?;
            roots.push(Root {
                path: s.path.clone(),
                server: s.server.name().to_string(),
                tree,
            });
        }
        let (ns_id, ns_bytes) = Object::Namespace(namespace).seal();
        self.repo().put_missing(vec![(ns_id, ns_bytes)]).await?;
        let mut head = self.head().await?;
        for _ in 0..CAS_RETRIES {
            if let Some(h) = head
                && !always
            {
                let c = self.repo().commit(&h).await?;
                if c.roots == roots && c.namespace == ns_id {
                    return Ok(head);
                }
            }
            let commit = Commit {
                parents: head.into_iter().collect(),
                roots: roots.clone(),
                namespace: ns_id,
                time: self.clock.now_ms(),
                message: message.to_string(),
            };
            let (id, bytes) = Object::Commit(commit).seal();
            self.repo().put_missing(vec![(id, bytes)]).await?;
            match self.repo().store().cas_ref(&self.branch, head, Some(id)).await {
                Ok(()) => return Ok(Some(id)),
                Err(StoreError::Conflict { .. }) => head = self.head().await?,
                Err(e) => return Err(e),
            }
        }
        Err(StoreError::Conflict {
            name: self.branch.clone(),
        })
    }

    /// `snapshot [-m msg] [name]`: commit now, and name the commit.
    pub async fn snapshot(&self, message: &str, name: Option<&str>, namespace: Namespace) -> Result<Id> {
        if let Some(n) = name {
            check_ref_name(n)?;
            if self.repo().store().get_ref(n).await?.is_some() {
                return Err(StoreError::Exists(n.to_string()));
            }
        }
        let id = self
            .commit(message, namespace, true)
            .await?
            .ok_or_else(|| StoreError::Backend("commit made nothing".into()))?;
        if let Some(n) = name {
            self.repo().store().cas_ref(n, None, Some(id)).await?;
        }
        Ok(id)
    }

    /// Make every source's tree the one in the snapshot `name`; answer
    /// its id. Roots of the snapshot that no source takes are skipped.
    pub async fn restore(&self, name: &str) -> Result<Id> {
        let id = self.repo().resolve(name).await?;
        let commit = self.repo().commit(&id).await?;
        for root in &commit.roots {
            if let Some(s) = self.sources.iter().find(|s| s.path == root.path) {
                snapshot::restore(self.repo(), &root.tree, s.server.as_ref(), &s.dir).await?;
            }
        }
        Ok(id)
    }

    /// The history of the branch, newest first.
    pub async fn log(&self) -> Result<Vec<LogEntry>> {
        let Some(head) = self.head().await? else {
            return Ok(Vec::new());
        };
        let refs = self.repo().store().refs().await?;
        let mut out = Vec::new();
        for (id, commit) in self.repo().log(&head).await? {
            let mut size = 0;
            for r in &commit.roots {
                size += self.repo().tree_size(&r.tree).await?;
            }
            let names = refs.iter().filter(|(_, v)| *v == id).map(|(n, _)| n.clone()).collect();
            out.push(LogEntry {
                id,
                commit,
                names,
                size,
            });
        }
        Ok(out)
    }

    /// What changed from snapshot `a` to snapshot `b`, per root path.
    pub async fn diff(&self, a: &str, b: &str) -> Result<Vec<Change>> {
        diff_commits(self.repo(), a, b).await
    }
}

/// What changed from snapshot `a` to snapshot `b`; paths are prefixed
/// with each root's mount path.
pub async fn diff_commits(repo: &Repo, a: &str, b: &str) -> Result<Vec<Change>> {
    let ca = repo.commit(&repo.resolve(a).await?).await?;
    let cb = repo.commit(&repo.resolve(b).await?).await?;
    let mut paths: Vec<&str> = ca.roots.iter().chain(&cb.roots).map(|r| r.path.as_str()).collect();
    paths.sort();
    paths.dedup();
    let tree = |c: &Commit, p: &str| c.roots.iter().find(|r| r.path == p).map(|r| r.tree);
    let mut out = Vec::new();
    for p in paths {
        for mut ch in repo.diff(tree(&ca, p), tree(&cb, p)).await? {
            ch.path = if p == "/" { ch.path } else { format!("{p}{}", ch.path) };
            out.push(ch);
        }
    }
    Ok(out)
}

/// A ref name: what `git check-ref-format` would mostly accept, and
/// never something that looks like an id.
pub fn check_ref_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 200
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./@+".contains(&b))
        && !name.starts_with(['-', '.', '/'])
        && !name.ends_with(['/', '.'])
        && !name.contains("..")
        && !name.contains("//")
        && !(name.len() >= 4 && name.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(())
    } else {
        Err(StoreError::BadName(name.to_string()))
    }
}
