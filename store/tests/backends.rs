//! One suite every backend passes, and the SQLite file's own cases.

use std::sync::Arc;

use store::object::Object;
use store::{Id, MemoryStore, SqliteStore, Store, StoreError};

use crate::support::run;

fn obj(n: u32) -> (Id, Vec<u8>) {
    Object::Chunk(n.to_be_bytes().to_vec()).seal()
}

/// The rules of `store::Store`, on any backend.
pub async fn suite(s: Arc<dyn Store>) {
    let (a, b, c) = (obj(1), obj(2), obj(3));
    assert_eq!(s.get(&a.0).await.unwrap(), None);
    s.put(vec![a.clone(), b.clone()]).await.unwrap();
    // Putting what exists is a no-op.
    s.put(vec![a.clone()]).await.unwrap();
    assert_eq!(s.get(&a.0).await.unwrap(), Some(a.1.clone()));
    assert_eq!(s.has(&[a.0, c.0, b.0]).await.unwrap(), vec![true, false, true]);
    let mut want = vec![a.0, b.0];
    want.sort();
    assert_eq!(s.list().await.unwrap(), want);
    s.put(Vec::new()).await.unwrap();

    assert_eq!(s.get_ref("main").await.unwrap(), None);
    s.cas_ref("main", None, Some(a.0)).await.unwrap();
    assert!(matches!(
        s.cas_ref("main", None, Some(b.0)).await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(matches!(
        s.cas_ref("main", Some(b.0), Some(c.0)).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(
        s.get_ref("main").await.unwrap(),
        Some(a.0),
        "a lost CAS changes nothing"
    );
    s.cas_ref("main", Some(a.0), Some(b.0)).await.unwrap();
    s.cas_ref("other", None, Some(a.0)).await.unwrap();
    assert_eq!(
        s.refs().await.unwrap(),
        vec![("main".to_string(), b.0), ("other".to_string(), a.0)]
    );
    s.cas_ref("other", Some(a.0), None).await.unwrap();
    assert_eq!(s.get_ref("other").await.unwrap(), None);
    assert!(matches!(
        s.cas_ref("other", Some(a.0), None).await,
        Err(StoreError::Conflict { .. })
    ));
}

/// Many writers racing on one ref: every CAS either wins or reports a
/// conflict, and the winners form one chain.
pub async fn racing_writers(s: Arc<dyn Store>) {
    let mut tasks = Vec::new();
    for w in 0..4u32 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let mut wins = 0;
            for i in 0..25u32 {
                let cur = s.get_ref("race").await.unwrap();
                let new = obj(1000 + w * 100 + i).0;
                match s.cas_ref("race", cur, Some(new)).await {
                    Ok(()) => wins += 1,
                    Err(StoreError::Conflict { .. }) => {}
                    Err(e) => panic!("{e}"),
                }
                tokio::task::yield_now().await;
            }
            wins
        }));
    }
    let mut wins = 0;
    for t in tasks {
        wins += t.await.unwrap();
    }
    assert!(wins >= 1);
    assert!(s.get_ref("race").await.unwrap().is_some());
}

#[test]
fn memory_backend() {
    run(suite(Arc::new(MemoryStore::new())));
    run(racing_writers(Arc::new(MemoryStore::new())));
}

#[test]
fn sqlite_backend() {
    let dir = tempfile::tempdir().unwrap();
    run(suite(Arc::new(SqliteStore::open(dir.path().join("s.db")).unwrap())));
    run(racing_writers(Arc::new(
        SqliteStore::open(dir.path().join("r.db")).unwrap(),
    )));
}

#[test]
fn sqlite_keeps_everything_across_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let a = obj(7);
    run(async {
        let s = SqliteStore::open(&path).unwrap();
        s.put(vec![a.clone()]).await.unwrap();
        s.cas_ref("main", None, Some(a.0)).await.unwrap();
    });
    run(async {
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.get(&a.0).await.unwrap(), Some(a.1.clone()));
        assert_eq!(s.get_ref("main").await.unwrap(), Some(a.0));
        assert_eq!(s.integrity_check().await.unwrap(), "ok");
    });
}

#[test]
fn two_connections_to_one_file_serialize_their_cas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    run(async {
        let one = SqliteStore::open(&path).unwrap();
        let two = SqliteStore::open(&path).unwrap();
        let (a, b) = (obj(1).0, obj(2).0);
        one.cas_ref("main", None, Some(a)).await.unwrap();
        assert!(matches!(
            two.cas_ref("main", None, Some(b)).await,
            Err(StoreError::Conflict { .. })
        ));
        two.cas_ref("main", Some(a), Some(b)).await.unwrap();
        assert_eq!(one.get_ref("main").await.unwrap(), Some(b));
    });
}

#[test]
fn vacuum_into_exports_a_consistent_copy() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    run(async {
        let s = SqliteStore::open(dir.path().join("s.db")).unwrap();
        let objects: Vec<_> = (0..100).map(obj).collect();
        s.put(objects.clone()).await.unwrap();
        s.cas_ref("main", None, Some(objects[5].0)).await.unwrap();
        s.export(&copy).await.unwrap();
        // Exporting onto an existing file is refused, not a silent overwrite.
        assert!(s.export(&copy).await.is_err());
        let c = SqliteStore::open(&copy).unwrap();
        assert_eq!(c.list().await.unwrap().len(), 100);
        assert_eq!(c.get_ref("main").await.unwrap(), Some(objects[5].0));
    });
}

#[test]
fn a_file_that_is_not_a_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.db");
    std::fs::write(&path, vec![b'x'; 8192]).unwrap();
    let err = SqliteStore::open(&path).err().expect("junk opened as a store");
    assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    assert!(err.to_string().contains("corrupt"), "{err}");
}

#[test]
fn a_truncated_store_is_reported_not_believed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    run(async {
        let s = SqliteStore::open(&path).unwrap();
        let objects: Vec<_> = (0..2000)
            .map(|n| Object::Chunk(vec![n as u8; 3000 + n as usize]).seal())
            .collect();
        s.put(objects).await.unwrap();
        // Fold the WAL into the main file so truncating it loses pages.
        s.export(dir.path().join("full.db")).await.unwrap();
    });
    let full = dir.path().join("full.db");
    let bytes = std::fs::read(&full).unwrap();
    let cut = dir.path().join("cut.db");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let outcome = run(async {
        let s = SqliteStore::open(&cut)?;
        let check = s.integrity_check().await?;
        if check != "ok" {
            return Err(StoreError::Corrupt(check));
        }
        for id in s.list().await? {
            s.get(&id).await?;
        }
        Ok(())
    });
    assert!(
        matches!(outcome, Err(StoreError::Corrupt(_))),
        "a half file passed: {outcome:?}"
    );
}

#[test]
fn a_damaged_object_is_caught_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let a = obj(9);
    run(async {
        let s = SqliteStore::open(&path).unwrap();
        s.put(vec![a.clone()]).await.unwrap();
    });
    if rusqlite_update(&path, &a.0).is_none() {
        return;
    }
    run(async {
        let repo = store::Repo::new(Arc::new(SqliteStore::open(&path).unwrap()));
        let err = repo.read(&a.0).await.unwrap_err();
        assert!(matches!(err, StoreError::Corrupt(_)), "{err}");
    });
}

/// Flip the stored bytes of `id` behind the store's back, with the
/// sqlite3 CLI when present (Debian's, the oracle), else skip.
fn rusqlite_update(path: &std::path::Path, id: &Id) -> Option<()> {
    let sql = format!("UPDATE objects SET data = X'6301ff' WHERE id = X'{}';", id.to_hex());
    let status = std::process::Command::new("sqlite3").arg(path).arg(sql).status();
    match status {
        Ok(s) if s.success() => Some(()),
        _ => {
            eprintln!("skipped: the sqlite3 CLI is not installed");
            None
        }
    }
}
