//! The protocol contract as one suite, run against every fileserver.
//!
//! `check(server, profile)` panics with a message naming the broken rule.
//! The read-only part applies to every server; the mutation part to servers
//! whose profile says they hold a general tree (MemoryFS, a process-served
//! RAM disk). Mutation checks work inside a fresh `/conformance` directory
//! and remove it at the end.

use std::collections::HashSet;
use std::sync::Arc;

use kernel::{
    Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, OpenResult, Opened, Result, StatChanges,
};

/// What a server is expected to support.
#[derive(Copy, Clone, Debug)]
pub struct Profile {
    /// create, write, mkdir, remove, rename and wstat work (otherwise they
    /// must answer `EPERM`).
    pub mutable: bool,
    /// Every name exists (a generated tree such as MntGen's), so the
    /// missing-name rules do not apply.
    pub every_name: bool,
    /// A fixed tree whose root still takes new files, each removable
    /// again (SrvFS's entries).
    pub creates: bool,
    /// `wstat` changes owners (a host directory's stay the host's and
    /// must be refused with `EPERM`, changing nothing).
    pub owners: bool,
}

impl Profile {
    /// A general tree: everything works.
    pub const MUTABLE: Profile = Profile {
        mutable: true,
        every_name: false,
        creates: true,
        owners: true,
    };
    /// A general tree whose owners are fixed (HostFs).
    pub const FIXED_OWNERS: Profile = Profile {
        owners: false,
        ..Profile::MUTABLE
    };
    /// A fixed tree: reads work, mutations answer EPERM.
    pub const FIXED: Profile = Profile {
        mutable: false,
        every_name: false,
        creates: false,
        owners: false,
    };
    /// A generated tree in which every name is a directory (MntGen).
    pub const EVERY_NAME: Profile = Profile {
        every_name: true,
        ..Profile::FIXED
    };
    /// A fixed tree whose root takes new files (SrvFS).
    pub const CREATES: Profile = Profile {
        creates: true,
        ..Profile::FIXED
    };
}

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

#[track_caller]
fn expect_err<T: std::fmt::Debug>(r: Result<T>, code: Errno, what: &str) {
    match r {
        Err(e) if e.code() == code => {}
        Err(e) => panic!("{what}: expected {code}, got {} ({e})", e.code()),
        Ok(v) => panic!("{what}: expected {code}, got Ok({v:?})"),
    }
}

#[track_caller]
fn ok<T>(r: Result<T>, what: &str) -> T {
    r.unwrap_or_else(|e: Error| panic!("{what}: unexpected {} ({e})", e.code()))
}

/// An open that must be a new open of the server's own file.
async fn open(fs: &dyn Fileserver, path: &str, flags: OpenFlags) -> Result<Opened> {
    match fs.open(&WHO, path, flags).await? {
        OpenResult::Opened(o) => Ok(o),
        OpenResult::Existing(_) => panic!("open {path}: answered an existing file"),
    }
}

fn write_flags() -> OpenFlags {
    OpenFlags::WRITE
}

/// Run the whole suite.
pub async fn check(fs: Arc<dyn Fileserver>, profile: Profile) {
    read_only_rules(&*fs, profile).await;
    handle_rules(&*fs).await;
    handle_stat_rules(&*fs).await;
    if profile.mutable {
        mutation_rules(&*fs, profile).await;
    } else {
        refuses_mutation(&*fs, profile).await;
    }
}

/// Listing, stat and lookup rules every server keeps.
async fn read_only_rules(fs: &dyn Fileserver, profile: Profile) {
    let root = ok(fs.stat(&WHO, "/").await, "stat /");
    assert_eq!(root.kind, NodeType::Dir, "the root must be a directory");
    let entries = ok(fs.readdir(&WHO, "/").await, "readdir /");
    let mut qids = HashSet::new();
    qids.insert(root.qid);
    for e in &entries {
        assert!(
            !e.name.is_empty() && e.name != "." && e.name != ".." && !e.name.contains('/'),
            "readdir / lists a bad name {:?}",
            e.name
        );
        let path = format!("/{}", e.name);
        let st = ok(fs.stat(&WHO, &path).await, &format!("stat of listed {path}"));
        assert_eq!(st.name, e.name, "stat {path} names itself");
        assert_eq!(st.kind, e.kind, "stat {path} agrees with the listing on kind");
        assert!(qids.insert(st.qid), "qid {} of {path} is not unique", st.qid);
        if e.kind == NodeType::Dir {
            ok(fs.readdir(&WHO, &path).await, &format!("readdir {path}"));
        } else {
            expect_err(
                fs.readdir(&WHO, &path).await,
                Errno::ENOTDIR,
                &format!("readdir of file {path}"),
            );
            expect_err(
                fs.stat(&WHO, &format!("{path}/x")).await,
                Errno::ENOTDIR,
                &format!("stat of a path through the file {path}"),
            );
        }
    }
    let names: HashSet<_> = entries.iter().map(|e| &e.name).collect();
    assert_eq!(names.len(), entries.len(), "readdir / repeats a name");

    if !profile.every_name {
        missing_name_rules(fs).await;
    }
    let neither = OpenFlags {
        read: false,
        ..OpenFlags::READ
    };
    expect_err(
        open(fs, "/", neither).await,
        Errno::EINVAL,
        "open for neither reading nor writing",
    );
}

async fn missing_name_rules(fs: &dyn Fileserver) {
    let missing = "/no-such-name-in-conformance";
    expect_err(fs.stat(&WHO, missing).await, Errno::ENOENT, "stat of a missing name");
    expect_err(
        open(fs, missing, OpenFlags::READ).await,
        Errno::ENOENT,
        "open of a missing name",
    );
    expect_err(
        fs.readdir(&WHO, missing).await,
        Errno::ENOENT,
        "readdir of a missing name",
    );
}

/// Handles are opaque, never reused, and bad ones answer EBADF.
async fn handle_rules(fs: &dyn Fileserver) {
    let bogus = Handle(u64::MAX - 7);
    expect_err(fs.read(&WHO, bogus, 0, 1).await, Errno::EBADF, "read of a bogus handle");
    expect_err(
        fs.write(&WHO, bogus, 0, b"x").await,
        Errno::EBADF,
        "write of a bogus handle",
    );
    expect_err(fs.close(&WHO, bogus).await, Errno::EBADF, "close of a bogus handle");

    // A directory opens for reading; reading it is EISDIR; writing it EISDIR.
    let d = ok(open(fs, "/", OpenFlags::READ).await, "open / for reading");
    assert_eq!(d.qid.kind, NodeType::Dir, "open / answers a directory qid");
    expect_err(
        fs.read(&WHO, d.handle, 0, 10).await,
        Errno::EISDIR,
        "read of a directory handle",
    );
    ok(fs.close(&WHO, d.handle).await, "close of /");
    expect_err(fs.close(&WHO, d.handle).await, Errno::EBADF, "second close of a handle");
    expect_err(
        open(fs, "/", OpenFlags::READWRITE).await,
        Errno::EISDIR,
        "open / for writing",
    );

    // Two opens give two handles; a later open reuses neither.
    let a = ok(open(fs, "/", OpenFlags::READ).await, "open / (a)");
    let b = ok(open(fs, "/", OpenFlags::READ).await, "open / (b)");
    assert_ne!(a.handle, b.handle, "two opens answered the same handle");
    ok(fs.close(&WHO, a.handle).await, "close a");
    ok(fs.close(&WHO, b.handle).await, "close b");
    let c = ok(open(fs, "/", OpenFlags::READ).await, "open / (c)");
    assert!(
        c.handle != a.handle && c.handle != b.handle,
        "a closed handle number was reused"
    );
    ok(fs.close(&WHO, c.handle).await, "close c");
}

/// `fstat` through a handle answers for the file it is open on, as `stat`
/// of its name does; and generated text is rendered once per open: a read
/// at a later offset answers from the text the read at 0 rendered.
async fn handle_stat_rules(fs: &dyn Fileserver) {
    let root = ok(open(fs, "/", OpenFlags::READ).await, "open /");
    let st = ok(fs.fstat(&WHO, root.handle).await, "fstat of /");
    assert_eq!(
        (st.kind, st.qid),
        (NodeType::Dir, root.qid.path),
        "fstat of / agrees with its open"
    );
    ok(fs.close(&WHO, root.handle).await, "close /");
    expect_err(
        fs.fstat(&WHO, root.handle).await,
        Errno::EBADF,
        "fstat of a closed handle",
    );
    for e in ok(fs.readdir(&WHO, "/").await, "readdir /") {
        let path = format!("/{}", e.name);
        // Write-only files (ctl, note) and files that refuse this reader
        // are not the point here.
        let Ok(o) = open(fs, &path, OpenFlags::READ).await else {
            continue;
        };
        let by_name = ok(fs.stat(&WHO, &path).await, &format!("stat {path}"));
        let by_handle = ok(fs.fstat(&WHO, o.handle).await, &format!("fstat {path}"));
        assert_eq!(
            (&by_handle.name, by_handle.kind, by_handle.qid),
            (&by_name.name, by_name.kind, by_name.qid),
            "fstat of {path} agrees with stat"
        );
        assert_eq!(by_handle.qid, o.qid.path, "fstat of {path} agrees with its open");
        if e.kind == NodeType::File {
            let first = ok(fs.read(&WHO, o.handle, 0, 1).await, &format!("read {path}"));
            let rest = ok(fs.read(&WHO, o.handle, 1, 1 << 16).await, &format!("read {path}"));
            let again = ok(fs.read(&WHO, o.handle, 1, 1 << 16).await, &format!("read {path}"));
            assert!(first.len() <= 1, "read of 1 byte of {path} answered more");
            assert_eq!(rest, again, "{path}: a read past offset 0 rendered the text again");
        }
        ok(fs.close(&WHO, o.handle).await, &format!("close {path}"));
    }
}

/// A server that holds no general tree refuses every mutation with EPERM.
async fn refuses_mutation(fs: &dyn Fileserver, profile: Profile) {
    let entries = ok(fs.readdir(&WHO, "/").await, "readdir /");
    expect_err(
        fs.mkdir(&WHO, "/conformance", 0o755).await,
        Errno::EPERM,
        "mkdir on a fixed tree",
    );
    if let Some(e) = entries.first() {
        let p = format!("/{}", e.name);
        expect_err(fs.remove(&WHO, &p).await, Errno::EPERM, "remove on a fixed tree");
        expect_err(
            fs.rename(&WHO, &p, "/renamed").await,
            Errno::EPERM,
            "rename on a fixed tree",
        );
        let ch = StatChanges {
            mode: Some(0o600),
            ..Default::default()
        };
        expect_err(fs.wstat(&WHO, &p, &ch).await, Errno::EPERM, "wstat on a fixed tree");
    }
    let create = OpenFlags {
        create: true,
        ..OpenFlags::WRITE
    };
    let made = open(fs, "/conformance-new", create).await;
    match made {
        Ok(o) if profile.creates => {
            ok(fs.close(&WHO, o.handle).await, "close of a created file");
            let st = ok(fs.stat(&WHO, "/conformance-new").await, "stat of a created file");
            assert_eq!(st.qid, o.qid.path, "a created file keeps the qid its open answered");
            ok(fs.remove(&WHO, "/conformance-new").await, "remove of a created file");
            expect_err(
                fs.stat(&WHO, "/conformance-new").await,
                Errno::ENOENT,
                "stat of a removed file",
            );
        }
        // Every name is a directory already: no file can be made of it.
        Err(e) if profile.every_name && e.code() == Errno::EISDIR => {}
        Err(e) if !profile.creates && matches!(e.code(), Errno::EPERM | Errno::ENOENT | Errno::EACCES) => {}
        other => panic!("create on a fixed tree: expected EPERM, got {other:?}"),
    }
}

async fn read_all(fs: &dyn Fileserver, path: &str) -> Vec<u8> {
    let o = ok(open(fs, path, OpenFlags::READ).await, &format!("open {path}"));
    let mut out = Vec::new();
    loop {
        let chunk = ok(
            fs.read(&WHO, o.handle, out.len() as u64, 7).await,
            &format!("read {path}"),
        );
        if chunk.is_empty() {
            break;
        }
        out.extend(chunk);
    }
    ok(fs.close(&WHO, o.handle).await, &format!("close {path}"));
    out
}

async fn put(fs: &dyn Fileserver, path: &str, data: &[u8]) {
    let o = ok(open(fs, path, write_flags()).await, &format!("create {path}"));
    assert_eq!(
        ok(fs.write(&WHO, o.handle, 0, data).await, &format!("write {path}")),
        data.len()
    );
    ok(fs.close(&WHO, o.handle).await, &format!("close {path}"));
}

fn names(entries: &[DirEntry]) -> Vec<&str> {
    let mut v: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    v.sort();
    v
}

/// The rules of a general tree.
async fn mutation_rules(fs: &dyn Fileserver, profile: Profile) {
    // Directories.
    ok(fs.mkdir(&WHO, "/conformance", 0o750).await, "mkdir /conformance");
    expect_err(
        fs.mkdir(&WHO, "/conformance", 0o750).await,
        Errno::EEXIST,
        "mkdir of an existing name",
    );
    let st = ok(fs.stat(&WHO, "/conformance").await, "stat new dir");
    assert_eq!(st.kind, NodeType::Dir);
    assert_eq!(st.mode(), 0o750, "mkdir applies its perm");
    expect_err(
        fs.mkdir(&WHO, "/conformance/no/deeper", 0o755).await,
        Errno::ENOENT,
        "mkdir in a missing parent",
    );

    // Files: create, write, read back, metadata.
    let f = "/conformance/f";
    let flags = OpenFlags {
        perm: 0o640,
        ..write_flags()
    };
    let o = ok(open(fs, f, flags).await, "create f");
    assert_eq!(o.qid.kind, NodeType::File);
    assert_eq!(ok(fs.write(&WHO, o.handle, 0, b"hello").await, "write"), 5);
    expect_err(
        fs.read(&WHO, o.handle, 0, 5).await,
        Errno::EBADF,
        "read through a write-only handle",
    );
    ok(fs.close(&WHO, o.handle).await, "close f");
    assert_eq!(read_all(fs, f).await, b"hello");
    let st = ok(fs.stat(&WHO, f).await, "stat f");
    assert_eq!(
        (st.size, st.kind, st.mode(), st.uid()),
        (5, NodeType::File, 0o640, WHO.uid)
    );
    assert_eq!(st.qid, o.qid.path, "stat and open agree on the qid");
    expect_err(
        fs.mkdir(&WHO, "/conformance/f/sub", 0o755).await,
        Errno::ENOTDIR,
        "mkdir under a file",
    );
    expect_err(
        fs.stat(&WHO, "/conformance/f/x").await,
        Errno::ENOTDIR,
        "stat through a file",
    );
    expect_err(
        open(fs, "/conformance/f/x", write_flags()).await,
        Errno::ENOTDIR,
        "create under a file",
    );
    expect_err(
        open(fs, "/conformance/nodir/x", write_flags()).await,
        Errno::ENOENT,
        "create in a missing dir",
    );

    let r = ok(open(fs, f, OpenFlags::READ).await, "open f for reading");
    expect_err(
        fs.write(&WHO, r.handle, 0, b"x").await,
        Errno::EBADF,
        "write through a read-only handle",
    );
    assert!(
        ok(fs.read(&WHO, r.handle, 99, 4).await, "read past EOF").is_empty(),
        "read past EOF answers nothing"
    );
    ok(fs.close(&WHO, r.handle).await, "close");

    // Writing past the end leaves a zero-filled gap.
    let w = ok(open(fs, f, OpenFlags::READWRITE).await, "open f rw");
    ok(fs.write(&WHO, w.handle, 7, b"!").await, "write past end");
    ok(fs.close(&WHO, w.handle).await, "close");
    assert_eq!(read_all(fs, f).await, b"hello\0\0!");

    // Append goes to the end whatever the offset.
    let a = ok(open(fs, f, OpenFlags::APPEND).await, "open f append");
    ok(fs.write(&WHO, a.handle, 0, b"+").await, "append");
    ok(fs.close(&WHO, a.handle).await, "close");
    assert_eq!(read_all(fs, f).await, b"hello\0\0!+");

    // Truncate, exclusive create, plain open of a missing file.
    put(fs, f, b"new").await;
    assert_eq!(read_all(fs, f).await, b"new", "open with truncate empties the file");
    let excl = OpenFlags {
        exclusive: true,
        ..write_flags()
    };
    expect_err(
        open(fs, f, excl).await,
        Errno::EEXIST,
        "exclusive create of an existing file",
    );
    expect_err(
        open(fs, "/conformance/missing", OpenFlags::READ).await,
        Errno::ENOENT,
        "open of a missing file",
    );
    let trunc_ro = OpenFlags {
        truncate: true,
        ..OpenFlags::READ
    };
    expect_err(open(fs, f, trunc_ro).await, Errno::EINVAL, "truncate without write");
    expect_err(
        open(fs, "/conformance", write_flags()).await,
        Errno::EISDIR,
        "open a directory for writing",
    );

    // Listing.
    ok(fs.mkdir(&WHO, "/conformance/d", 0o755).await, "mkdir d");
    let entries = ok(fs.readdir(&WHO, "/conformance").await, "readdir");
    assert_eq!(names(&entries), ["d", "f"]);
    for e in &entries {
        let want = if e.name == "d" { NodeType::Dir } else { NodeType::File };
        assert_eq!(e.kind, want, "listing kind of {}", e.name);
    }

    // wstat: partial, all fields, and size.
    let before = ok(fs.stat(&WHO, f).await, "stat");
    let ch = StatChanges {
        mode: Some(0o600),
        ..Default::default()
    };
    ok(fs.wstat(&WHO, f, &ch).await, "wstat mode");
    let after = ok(fs.stat(&WHO, f).await, "stat");
    assert_eq!(after.mode(), 0o600);
    assert_eq!(
        (after.uid(), after.gid(), after.size),
        (before.uid(), before.gid(), before.size),
        "wstat changed only the mode"
    );
    let ch = StatChanges {
        uid: Some(7),
        gid: Some(8),
        mtime: Some(86_400_000),
        size: Some(1),
        ..Default::default()
    };
    let want = if profile.owners {
        ok(fs.wstat(&WHO, f, &ch).await, "wstat uid gid mtime size");
        (7, 8, 1)
    } else {
        expect_err(fs.wstat(&WHO, f, &ch).await, Errno::EPERM, "wstat of fixed owners");
        let after = ok(fs.stat(&WHO, f).await, "stat");
        assert_eq!(after.size, before.size, "a refused wstat changed the size");
        let ch = StatChanges {
            uid: None,
            gid: None,
            ..ch
        };
        ok(fs.wstat(&WHO, f, &ch).await, "wstat mtime size");
        (before.uid(), before.gid(), 1)
    };
    let after = ok(fs.stat(&WHO, f).await, "stat");
    assert_eq!((after.uid(), after.gid(), after.size), want);
    assert_eq!(read_all(fs, f).await, b"n", "wstat size truncates");
    let ch = StatChanges {
        mtime: Some(86_400_000),
        ..Default::default()
    };
    ok(fs.wstat(&WHO, f, &ch).await, "wstat mtime");
    assert_eq!(ok(fs.stat(&WHO, f).await, "stat").mtime, 86_400_000);
    let grow = StatChanges {
        size: Some(3),
        ..Default::default()
    };
    ok(fs.wstat(&WHO, f, &grow).await, "wstat size grows");
    assert_eq!(read_all(fs, f).await, b"n\0\0");
    expect_err(
        fs.wstat(&WHO, "/conformance/d", &grow).await,
        Errno::EISDIR,
        "wstat size of a directory",
    );
    expect_err(
        fs.wstat(&WHO, "/conformance/missing", &ch).await,
        Errno::ENOENT,
        "wstat of a missing name",
    );

    // Rename: within a directory, across directories, over a file. An
    // open handle follows its file to the new name.
    let qid = ok(fs.stat(&WHO, f).await, "stat").qid;
    let held = ok(open(fs, f, OpenFlags::READ).await, "open f before rename");
    ok(fs.rename(&WHO, f, "/conformance/g").await, "rename f g");
    let st = ok(fs.fstat(&WHO, held.handle).await, "fstat after rename");
    assert_eq!(
        (st.name.as_str(), st.qid, st.size),
        ("g", qid, 3),
        "fstat follows the file across a rename"
    );
    expect_err(fs.stat(&WHO, f).await, Errno::ENOENT, "old name after rename");
    assert_eq!(
        ok(fs.stat(&WHO, "/conformance/g").await, "stat g").qid,
        qid,
        "rename keeps the qid"
    );
    ok(
        fs.rename(&WHO, "/conformance/g", "/conformance/d/g").await,
        "rename across directories",
    );
    put(fs, "/conformance/h", b"h").await;
    ok(
        fs.rename(&WHO, "/conformance/h", "/conformance/d/g").await,
        "rename over a file",
    );
    assert_eq!(
        read_all(fs, "/conformance/d/g").await,
        b"h",
        "rename replaced the target"
    );
    expect_err(
        fs.stat(&WHO, "/conformance/h").await,
        Errno::ENOENT,
        "source gone after rename over a file",
    );
    expect_err(
        fs.rename(&WHO, "/conformance/missing", "/conformance/x").await,
        Errno::ENOENT,
        "rename of a missing name",
    );
    expect_err(
        fs.rename(&WHO, "/conformance/d", "/conformance/d/inside").await,
        Errno::EINVAL,
        "rename a directory into itself",
    );
    put(fs, "/conformance/file", b"").await;
    expect_err(
        fs.rename(&WHO, "/conformance/file", "/conformance/d").await,
        Errno::EISDIR,
        "rename a file over a directory",
    );
    ok(fs.mkdir(&WHO, "/conformance/e", 0o755).await, "mkdir e");
    expect_err(
        fs.rename(&WHO, "/conformance/e", "/conformance/file").await,
        Errno::ENOTDIR,
        "rename a directory over a file",
    );
    expect_err(
        fs.rename(&WHO, "/conformance/e", "/conformance/d").await,
        Errno::ENOTEMPTY,
        "rename over a non-empty directory",
    );

    // Remove.
    expect_err(
        fs.remove(&WHO, "/conformance/d").await,
        Errno::ENOTEMPTY,
        "remove of a non-empty directory",
    );
    ok(fs.remove(&WHO, "/conformance/d/g").await, "remove file");
    let st = ok(fs.fstat(&WHO, held.handle).await, "fstat of a removed file still open");
    assert_eq!(st.qid, qid, "fstat of a removed file answers the file");
    ok(fs.close(&WHO, held.handle).await, "close the removed file");
    expect_err(
        fs.remove(&WHO, "/conformance/d/g").await,
        Errno::ENOENT,
        "remove of a removed file",
    );
    for p in ["/conformance/d", "/conformance/e", "/conformance/file", "/conformance"] {
        ok(fs.remove(&WHO, p).await, &format!("remove {p}"));
    }
    expect_err(fs.stat(&WHO, "/conformance").await, Errno::ENOENT, "stat after remove");
}
