//! Capture and restore of fileserver trees, incremental commits, diffs,
//! and workspaces on every backend.

use std::sync::Arc;

use kernel::{Caller, Clock, Fileserver, StatChanges};
use proptest::prelude::*;
use store::object::Namespace;
use store::snapshot;
use store::{Capturer, ChangeKind, MemoryStore, Repo, Source, SqliteStore, Store, StoreError, Workspace};

use crate::support::{listing, memfs, read, run, write};

async fn sample_tree(fs: &dyn Fileserver) {
    let who = Caller::KERNEL;
    fs.mkdir(&who, "/a", 0o755).await.unwrap();
    fs.mkdir(&who, "/a/b", 0o700).await.unwrap();
    write(fs, "/a/small", b"hello\n").await;
    write(fs, "/a/b/big", &vec![7u8; 200_000]).await;
    write(fs, "/empty", b"").await;
    let ch = StatChanges {
        mode: Some(0o4751),
        uid: Some(42),
        gid: Some(7),
        mtime: Some(12345),
        size: None,
    };
    fs.wstat(&who, "/a/small", &ch).await.unwrap();
}

fn workspace(store: Arc<dyn Store>, fs: &Arc<dyn Fileserver>) -> Workspace {
    let src = Source {
        path: "/home".into(),
        server: fs.clone(),
        dir: "/".into(),
    };
    Workspace::new(store, "main", vec![src], Clock::real()).unwrap()
}

#[test]
fn capture_then_restore_into_a_fresh_server() {
    run(async {
        let repo = Repo::new(Arc::new(MemoryStore::new()));
        let fs = memfs();
        sample_tree(fs.as_ref()).await;
        let tree = Capturer::new(repo.clone()).capture(&fs, "/").await.unwrap();
        let fresh = memfs();
        snapshot::restore(&repo, &tree, fresh.as_ref(), "/").await.unwrap();
        assert_eq!(listing(fresh.as_ref(), "/").await, listing(fs.as_ref(), "/").await);
    });
}

#[test]
fn restore_removes_what_came_after() {
    run(async {
        let repo = Repo::new(Arc::new(MemoryStore::new()));
        let fs = memfs();
        sample_tree(fs.as_ref()).await;
        let before = listing(fs.as_ref(), "/").await;
        let tree = Capturer::new(repo.clone()).capture(&fs, "/").await.unwrap();
        let who = Caller::KERNEL;
        write(fs.as_ref(), "/new", b"x").await;
        fs.mkdir(&who, "/d", 0o755).await.unwrap();
        write(fs.as_ref(), "/d/deep", b"y").await;
        write(fs.as_ref(), "/a/small", b"changed").await;
        fs.remove(&who, "/a/b/big").await.unwrap();
        fs.remove(&who, "/a/b").await.unwrap();
        // A directory where a file was, and the reverse.
        fs.remove(&who, "/empty").await.unwrap();
        fs.mkdir(&who, "/empty", 0o755).await.unwrap();
        snapshot::restore(&repo, &tree, fs.as_ref(), "/").await.unwrap();
        assert_eq!(listing(fs.as_ref(), "/").await, before);
    });
}

#[test]
fn a_second_capture_reads_only_what_changed() {
    run(async {
        let store = Arc::new(MemoryStore::new());
        let repo = Repo::new(store.clone());
        let fs = memfs();
        for i in 0..200 {
            write(fs.as_ref(), &format!("/f{i}"), format!("file {i}").as_bytes()).await;
        }
        let cap = Capturer::new(repo.clone());
        let first = cap.capture(&fs, "/").await.unwrap();
        let n = store.list().await.unwrap().len();
        assert_eq!(
            cap.capture(&fs, "/").await.unwrap(),
            first,
            "nothing changed, same tree"
        );
        assert_eq!(store.list().await.unwrap().len(), n);
        write(fs.as_ref(), "/f3", b"new").await;
        let second = cap.capture(&fs, "/").await.unwrap();
        assert_ne!(second, first);
        // One file object and one tree.
        assert_eq!(store.list().await.unwrap().len(), n + 2);
        // A copy of a big file adds its file object and the tree, no chunks.
        write(fs.as_ref(), "/big", &vec![5u8; 300_000]).await;
        cap.capture(&fs, "/").await.unwrap();
        let n = store.list().await.unwrap().len();
        write(fs.as_ref(), "/copy", &vec![5u8; 300_000]).await;
        cap.capture(&fs, "/").await.unwrap();
        // The file object is new unless both were written in the same
        // millisecond; the chunks are shared either way.
        let added = store.list().await.unwrap().len() - n;
        assert!(added == 1 || added == 2, "{added} objects for a copy");
    });
}

#[test]
fn metadata_changes_alone_are_captured() {
    run(async {
        let repo = Repo::new(Arc::new(MemoryStore::new()));
        let fs = memfs();
        write(fs.as_ref(), "/f", b"x").await;
        let cap = Capturer::new(repo.clone());
        let first = cap.capture(&fs, "/").await.unwrap();
        let ch = StatChanges {
            mode: Some(0o600),
            ..Default::default()
        };
        fs.wstat(&Caller::KERNEL, "/f", &ch).await.unwrap();
        let second = cap.capture(&fs, "/").await.unwrap();
        let changes = repo.diff(Some(first), Some(second)).await.unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "/f");
    });
}

#[test]
fn diff_lists_added_removed_changed() {
    run(async {
        let repo = Repo::new(Arc::new(MemoryStore::new()));
        let fs = memfs();
        sample_tree(fs.as_ref()).await;
        let cap = Capturer::new(repo.clone());
        let a = cap.capture(&fs, "/").await.unwrap();
        let who = Caller::KERNEL;
        write(fs.as_ref(), "/a/small", b"other").await;
        fs.remove(&who, "/a/b/big").await.unwrap();
        fs.mkdir(&who, "/n", 0o755).await.unwrap();
        write(fs.as_ref(), "/n/one", b"1").await;
        let b = cap.capture(&fs, "/").await.unwrap();
        let got: Vec<(String, ChangeKind)> = repo
            .diff(Some(a), Some(b))
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.path, c.what))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/a/b/big".into(), ChangeKind::Removed),
                ("/a/small".into(), ChangeKind::Changed),
                ("/n/one".into(), ChangeKind::Added),
            ]
        );
    });
}

async fn workspace_cases(store: Arc<dyn Store>) {
    let fs = memfs();
    let ws = workspace(store.clone(), &fs);
    assert_eq!(ws.head().await.unwrap(), None);
    write(fs.as_ref(), "/notes", b"v1").await;
    let one = ws.snapshot("first", Some("v1"), Namespace::default()).await.unwrap();
    write(fs.as_ref(), "/notes", b"v2").await;
    let two = ws
        .commit("autosave", Namespace::default(), false)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(one, two);
    // Nothing changed: autosave makes no commit.
    assert_eq!(
        ws.commit("autosave", Namespace::default(), false).await.unwrap(),
        Some(two)
    );
    let log = ws.log().await.unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].id, two);
    assert_eq!(log[1].names, vec!["v1".to_string()]);
    assert_eq!(log[0].commit.parents, vec![one]);
    assert_eq!(ws.diff("v1", "main").await.unwrap()[0].path, "/home/notes");
    // Restore by name and by id prefix.
    ws.restore("v1").await.unwrap();
    assert_eq!(read(fs.as_ref(), "/notes").await, b"v1");
    ws.restore(&two.to_hex()[..10]).await.unwrap();
    assert_eq!(read(fs.as_ref(), "/notes").await, b"v2");
    // Bad names.
    assert!(matches!(ws.restore("nope").await, Err(StoreError::NotFound(_))));
    assert!(matches!(
        ws.snapshot("", Some("v1"), Namespace::default()).await,
        Err(StoreError::Exists(_))
    ));
    assert!(matches!(
        ws.snapshot("", Some("../x"), Namespace::default()).await,
        Err(StoreError::BadName(_))
    ));
    // A second system on the same store sees the first one's state.
    let other = memfs();
    let ws2 = workspace(store.clone(), &other);
    ws2.restore("main").await.unwrap();
    assert_eq!(listing(other.as_ref(), "/").await, listing(fs.as_ref(), "/").await);
    // Two writers on one branch: the loser retries on top, nothing is lost.
    write(fs.as_ref(), "/a", b"from one").await;
    write(other.as_ref(), "/b", b"from two").await;
    let c1 = ws.commit("one", Namespace::default(), true).await.unwrap().unwrap();
    let c2 = ws2.commit("two", Namespace::default(), true).await.unwrap().unwrap();
    let repo = ws.repo();
    assert_eq!(repo.commit(&c2).await.unwrap().parents, vec![c1]);
    assert_eq!(ws.head().await.unwrap(), Some(c2));
}

#[test]
fn workspace_on_memory() {
    run(workspace_cases(Arc::new(MemoryStore::new())));
}

#[test]
fn workspace_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    run(workspace_cases(Arc::new(
        SqliteStore::open(dir.path().join("w.db")).unwrap(),
    )));
}

#[test]
fn a_missing_object_is_a_clear_error_and_changes_nothing() {
    run(async {
        let full = Arc::new(MemoryStore::new());
        let repo = Repo::new(full.clone());
        let fs = memfs();
        sample_tree(fs.as_ref()).await;
        let tree = Capturer::new(repo).capture(&fs, "/").await.unwrap();
        // A store holding only the tree objects, not the files.
        let partial = Arc::new(MemoryStore::new());
        for id in full.list().await.unwrap() {
            let bytes = full.get(&id).await.unwrap().unwrap();
            if bytes[0] == b't' {
                partial.put(vec![(id, bytes)]).await.unwrap();
            }
        }
        let target = memfs();
        let err = snapshot::restore(&Repo::new(partial), &tree, target.as_ref(), "/")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Missing(_)), "{err}");
        assert!(err.to_string().contains("missing"), "{err}");
    });
}

#[derive(Clone, Debug)]
enum Op {
    Write(u8, Vec<u8>),
    Append(u8, Vec<u8>),
    Mkdir(u8),
    Remove(u8),
    Rename(u8, u8),
    Chmod(u8, u32),
    Touch(u8, u64),
    Truncate(u8, u16),
}

fn path_of(n: u8) -> String {
    // Three directories, a few names each: collisions are the point.
    let dirs = ["", "/d0", "/d1", "/d0/e"];
    format!("{}/n{}", dirs[(n % 4) as usize], n / 4 % 6)
}

fn op() -> impl Strategy<Value = Op> {
    let data = proptest::collection::vec(any::<u8>(), 0..3000);
    prop_oneof![
        (any::<u8>(), data.clone()).prop_map(|(p, d)| Op::Write(p, d)),
        (any::<u8>(), data).prop_map(|(p, d)| Op::Append(p, d)),
        any::<u8>().prop_map(Op::Mkdir),
        any::<u8>().prop_map(Op::Remove),
        (any::<u8>(), any::<u8>()).prop_map(|(a, b)| Op::Rename(a, b)),
        (any::<u8>(), 0u32..0o7777).prop_map(|(p, m)| Op::Chmod(p, m)),
        (any::<u8>(), any::<u64>()).prop_map(|(p, t)| Op::Touch(p, t >> 20)),
        (any::<u8>(), any::<u16>()).prop_map(|(p, n)| Op::Truncate(p, n)),
    ]
}

/// Apply an operation; failures (a missing parent, a non-empty
/// directory) are part of the randomness.
async fn apply(fs: &dyn Fileserver, op: &Op) {
    let who = Caller::KERNEL;
    for d in ["/d0", "/d1", "/d0/e"] {
        let _ = fs.mkdir(&who, d, 0o755).await;
    }
    match op {
        Op::Write(p, d) => {
            if let Some(o) = fs
                .open(&who, &path_of(*p), kernel::OpenFlags::WRITE)
                .await
                .ok()
                .and_then(|o| o.opened())
            {
                let _ = fs.write(&who, o.handle, 0, d).await;
                let _ = fs.close(&who, o.handle).await;
            }
        }
        Op::Append(p, d) => {
            if let Some(o) = fs
                .open(&who, &path_of(*p), kernel::OpenFlags::APPEND)
                .await
                .ok()
                .and_then(|o| o.opened())
            {
                let _ = fs.write(&who, o.handle, 0, d).await;
                let _ = fs.close(&who, o.handle).await;
            }
        }
        Op::Mkdir(p) => drop(fs.mkdir(&who, &path_of(*p), 0o750).await),
        Op::Remove(p) => drop(fs.remove(&who, &path_of(*p)).await),
        Op::Rename(a, b) => drop(fs.rename(&who, &path_of(*a), &path_of(*b)).await),
        Op::Chmod(p, m) => {
            let ch = StatChanges {
                mode: Some(*m),
                ..Default::default()
            };
            let _ = fs.wstat(&who, &path_of(*p), &ch).await;
        }
        Op::Touch(p, t) => {
            let ch = StatChanges {
                mtime: Some(*t),
                uid: Some((*t % 5) as u32),
                ..Default::default()
            };
            let _ = fs.wstat(&who, &path_of(*p), &ch).await;
        }
        Op::Truncate(p, n) => {
            let ch = StatChanges {
                size: Some(u64::from(*n)),
                ..Default::default()
            };
            let _ = fs.wstat(&who, &path_of(*p), &ch).await;
        }
    }
}

async fn property(store: Arc<dyn Store>, before: Vec<Op>, after: Vec<Op>) {
    let fs = memfs();
    let ws = workspace(store, &fs);
    for op in &before {
        apply(fs.as_ref(), op).await;
    }
    let at_snapshot = listing(fs.as_ref(), "/").await;
    ws.snapshot("", Some("s"), Namespace::default()).await.unwrap();
    for op in &after {
        apply(fs.as_ref(), op).await;
    }
    ws.commit("later", Namespace::default(), false).await.unwrap();
    ws.restore("s").await.unwrap();
    assert_eq!(listing(fs.as_ref(), "/").await, at_snapshot);
    // And into a system that never saw it.
    let fresh = memfs();
    snapshot_into(&ws, &fresh).await;
    assert_eq!(listing(fresh.as_ref(), "/").await, at_snapshot);
}

async fn snapshot_into(ws: &Workspace, fs: &Arc<dyn Fileserver>) {
    let id = ws.repo().resolve("s").await.unwrap();
    let c = ws.repo().commit(&id).await.unwrap();
    snapshot::restore(ws.repo(), &c.roots[0].tree, fs.as_ref(), "/")
        .await
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn restore_gives_back_the_snapshot_memory(
        before in proptest::collection::vec(op(), 0..40),
        after in proptest::collection::vec(op(), 0..40),
    ) {
        run(property(Arc::new(MemoryStore::new()), before, after));
    }

    #[test]
    fn restore_gives_back_the_snapshot_sqlite(
        before in proptest::collection::vec(op(), 0..40),
        after in proptest::collection::vec(op(), 0..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        run(property(Arc::new(SqliteStore::open(dir.path().join("p.db")).unwrap()), before, after));
    }
}
