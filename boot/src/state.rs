//! `--state`: a system whose persistent trees live in a store.
//!
//! At boot the branch's head (default `main`) is restored into the fresh
//! system; while it runs, `#S` (StateFs) offers the in-system commands
//! (`snapshot`, `snapshots`, `restore`, `snapdiff`) and an autosave commits
//! every N seconds; at exit a last commit is made. A commit that has
//! nothing new is not made.

use std::sync::Arc;
use std::time::Duration;

use kernel::Fileserver;
use store::object::{Mount, Namespace};
use store::{Source, SqliteStore, StateFs, Store, Workspace};

use crate::System;

/// Which trees persist.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum Persist {
    /// `/home` only: what a user made, not the system's own files.
    #[default]
    Home,
    /// Every writable tree: the root (but `/bin`'s native programs, which
    /// every boot installs) and `/tmp`.
    All,
}

#[derive(Clone, Debug)]
pub struct StateConfig {
    /// A store file, or `sqlite:PATH`.
    pub location: String,
    /// The ref to boot from and commit to.
    pub branch: String,
    pub persist: Persist,
    /// Commit this often while running; `None`: only at exit.
    pub autosave: Option<Duration>,
}

impl StateConfig {
    pub fn new(location: impl Into<String>) -> StateConfig {
        StateConfig {
            location: location.into(),
            branch: "main".into(),
            persist: Persist::Home,
            autosave: Some(Duration::from_secs(60)),
        }
    }
}

/// Open the store a `--state` value names.
pub fn open_store(location: &str) -> Result<Arc<dyn Store>, String> {
    let path = location.strip_prefix("sqlite:").unwrap_or(location);
    if path.is_empty() {
        return Err("--state: empty store name".into());
    }
    if let Some((scheme, _)) = path.split_once("://") {
        return Err(format!("{location}: unknown store scheme '{scheme}' (use a file name)"));
    }
    let store = SqliteStore::open(path).map_err(|e| format!("{location}: {e}"))?;
    Ok(Arc::new(store))
}

/// The persistence of a running system.
pub struct Persistence {
    ws: Arc<Workspace>,
    namespace: Namespace,
    autosave: Option<tokio::task::JoinHandle<()>>,
}

impl Persistence {
    /// Open the store, restore the branch's head into `system`, and offer
    /// the store as `#S`.
    pub async fn attach(system: &System, cfg: &StateConfig) -> Result<Persistence, String> {
        let store = open_store(&cfg.location)?;
        let root: Arc<dyn kernel::Fileserver> = system.root.clone();
        let tmp: Arc<dyn kernel::Fileserver> = system.tmp.clone();
        let sources = match cfg.persist {
            Persist::Home => vec![Source {
                path: "/home".into(),
                server: root,
                dir: "/home".into(),
            }],
            Persist::All => vec![
                Source {
                    path: "/".into(),
                    server: root,
                    dir: "/".into(),
                },
                Source {
                    path: "/tmp".into(),
                    server: tmp,
                    dir: "/".into(),
                },
            ],
        };
        let err = |e: store::StoreError| format!("{}: {e}", cfg.location);
        let ws = Workspace::new(store, &cfg.branch, sources, system.kernel.clock.clone()).map_err(err)?;
        let ws = Arc::new(ws);
        if let Some(head) = ws.head().await.map_err(err)? {
            ws.restore(&head.to_hex()).await.map_err(err)?;
        }
        let namespace = namespace_record(system);
        system
            .kernel
            .devices
            .register('S', Arc::new(StateFs::new(ws.clone(), namespace.clone())));
        let autosave = cfg.autosave.filter(|d| !d.is_zero()).map(|every| {
            let (ws, ns, location) = (ws.clone(), namespace.clone(), cfg.location.clone());
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(every).await;
                    if let Err(e) = ws.commit("autosave", ns.clone(), false).await {
                        eprintln!("ninebox: autosave to {location}: {e}");
                    }
                }
            })
        });
        Ok(Persistence {
            ws,
            namespace,
            autosave,
        })
    }

    /// The last commit, at exit.
    pub async fn finish(mut self, location: &str) -> Result<(), String> {
        if let Some(task) = self.autosave.take() {
            task.abort();
        }
        self.ws
            .commit("exit", self.namespace.clone(), false)
            .await
            .map(|_| ())
            .map_err(|e| format!("{location}: {e}"))
    }
}

/// The boot namespace and the servers behind its `#` binds.
fn namespace_record(system: &System) -> Namespace {
    let devices = system.kernel.devices.list();
    let mut mounts = vec![Mount {
        path: "/".into(),
        server: system.root.name().to_string(),
    }];
    for line in crate::NAMESPACE.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() != Some(&"bind") || words.len() < 3 {
            continue;
        }
        let (from, to) = (words[words.len() - 2].trim_matches('\''), words[words.len() - 1]);
        if let Some((_, name)) = devices.iter().find(|(d, _)| d == from) {
            mounts.push(Mount {
                path: to.to_string(),
                server: name.clone(),
            });
        }
    }
    Namespace {
        lines: crate::NAMESPACE.to_string(),
        mounts,
    }
}
