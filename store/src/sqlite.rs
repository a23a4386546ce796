//! The embedded default: one SQLite file (bundled SQLite, nothing to
//! install).
//!
//! Two tables, `objects(id, data)` and `refs(name, id)`, in WAL mode with
//! `synchronous=NORMAL`: a committed transaction survives the process
//! being killed at any instant (a power cut may lose the last few, never
//! corrupt the file). Every call runs on tokio's blocking pool so a slow
//! disk never stalls the processes of the system; the connection's lock is
//! taken inside that closure only, never across an `.await`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use parking_lot::Mutex;
use rusqlite::{Connection, OptionalExtension, params};

use crate::backend::Store;
use crate::error::{Result, StoreError};
use crate::id::Id;

/// Written in `meta` so a later format can tell an old file.
const SCHEMA: &str = "ninebox-store 1";

pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl SqliteStore {
    /// Open (or create) the store file at `path`. A file that is not a
    /// ninebox store, or is damaged, is refused here with a clear error.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch(
            "BEGIN;
             CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS objects (id BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
             CREATE TABLE IF NOT EXISTS refs (name TEXT PRIMARY KEY, id BLOB NOT NULL);
             INSERT OR IGNORE INTO meta VALUES ('schema', 'ninebox-store 1');
             COMMIT;",
        )?;
        let schema: String = conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| r.get(0))?;
        if schema != SCHEMA {
            return Err(StoreError::Corrupt(format!(
                "{}: a store of format {schema:?}",
                path.display()
            )));
        }
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write a consistent copy of the whole store to `dest` (`VACUUM
    /// INTO`), while writers go on.
    pub async fn export(&self, dest: impl AsRef<Path>) -> Result<()> {
        let dest = dest.as_ref().to_string_lossy().into_owned();
        self.blocking(move |c| {
            c.execute("VACUUM INTO ?1", params![dest])?;
            Ok(())
        })
        .await
    }

    /// SQLite's own check of the file: `"ok"` or what is wrong.
    pub async fn integrity_check(&self) -> Result<String> {
        self.blocking(|c| {
            let rows: Vec<String> = c
                .prepare("PRAGMA integrity_check")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows.join("\n"))
        })
        .await
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || f(&mut conn.lock()))
            .await
            .map_err(|e| StoreError::Backend(format!("sqlite worker: {e}")))?
    }
}

fn id_of(blob: Vec<u8>) -> Result<Id> {
    Id::from_slice(&blob)
}

#[async_trait]
impl Store for SqliteStore {
    async fn get(&self, id: &Id) -> Result<Option<Vec<u8>>> {
        let id = *id;
        self.blocking(move |c| {
            Ok(c.prepare_cached("SELECT data FROM objects WHERE id = ?1")?
                .query_row(params![&id.0[..]], |r| r.get(0))
                .optional()?)
        })
        .await
    }

    async fn has(&self, ids: &[Id]) -> Result<Vec<bool>> {
        let ids = ids.to_vec();
        self.blocking(move |c| {
            let mut q = c.prepare_cached("SELECT 1 FROM objects WHERE id = ?1")?;
            ids.iter().map(|id| Ok(q.exists(params![&id.0[..]])?)).collect()
        })
        .await
    }

    async fn put(&self, objects: Vec<(Id, Vec<u8>)>) -> Result<()> {
        self.blocking(move |c| {
            let tx = c.transaction()?;
            {
                let mut q = tx.prepare_cached("INSERT OR IGNORE INTO objects (id, data) VALUES (?1, ?2)")?;
                for (id, data) in &objects {
                    q.execute(params![&id.0[..], data])?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await
    }

    async fn list(&self) -> Result<Vec<Id>> {
        self.blocking(|c| {
            let blobs: Vec<Vec<u8>> = c
                .prepare("SELECT id FROM objects ORDER BY id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            blobs.into_iter().map(id_of).collect()
        })
        .await
    }

    async fn get_ref(&self, name: &str) -> Result<Option<Id>> {
        let name = name.to_string();
        self.blocking(move |c| {
            let blob: Option<Vec<u8>> = c
                .prepare_cached("SELECT id FROM refs WHERE name = ?1")?
                .query_row(params![name], |r| r.get(0))
                .optional()?;
            blob.map(id_of).transpose()
        })
        .await
    }

    async fn refs(&self) -> Result<Vec<(String, Id)>> {
        self.blocking(|c| {
            let rows: Vec<(String, Vec<u8>)> = c
                .prepare("SELECT name, id FROM refs ORDER BY name")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows.into_iter().map(|(n, b)| Ok((n, id_of(b)?))).collect()
        })
        .await
    }

    async fn cas_ref(&self, name: &str, old: Option<Id>, new: Option<Id>) -> Result<()> {
        let name = name.to_string();
        self.blocking(move |c| {
            // IMMEDIATE takes the write lock first, so two processes sharing
            // the file serialize here instead of both reading the old value.
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let current: Option<Vec<u8>> = tx
                .query_row("SELECT id FROM refs WHERE name = ?1", params![name], |r| r.get(0))
                .optional()?;
            let current = current.map(id_of).transpose()?;
            if current != old {
                return Err(StoreError::Conflict { name });
            }
            match new {
                Some(id) => tx.execute(
                    "INSERT INTO refs (name, id) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET id = excluded.id",
                    params![name, &id.0[..]],
                )?,
                None => tx.execute("DELETE FROM refs WHERE name = ?1", params![name])?,
            };
            tx.commit()?;
            Ok(())
        })
        .await
    }
}
