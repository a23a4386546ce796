use std::sync::Arc;

use fileservers::MemoryFs;
use fileservers::conformance::{self, Profile};
use fileservers::memfs::NODE_COST;
use kernel::limits::Space;
use kernel::proto::ExecCapable;
use kernel::{Caller, Clock, Errno, Fileserver, OpenFlags, Program, StatChanges};

use crate::run;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

fn memfs() -> Arc<MemoryFs> {
    Arc::new(MemoryFs::new(Clock::real()))
}

#[test]
fn passes_conformance() {
    run(conformance::check(memfs(), Profile::MUTABLE));
}

#[test]
fn passes_conformance_twice_on_one_tree() {
    // The suite cleans up after itself, so a second run sees the same tree.
    let fs = memfs();
    run(async move {
        conformance::check(fs.clone(), Profile::MUTABLE).await;
        conformance::check(fs.clone(), Profile::MUTABLE).await;
        assert_eq!(fs.used(), 0, "no bytes left behind");
    });
}

#[test]
fn removed_file_stays_readable_while_open() {
    let fs = memfs();
    run(async move {
        let w = fs.open(&WHO, "/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        fs.write(&WHO, w.handle, 0, b"still here").await.unwrap();
        let r = fs.open(&WHO, "/f", OpenFlags::READ).await.unwrap().opened().unwrap();
        fs.remove(&WHO, "/f").await.unwrap();
        assert_eq!(fs.stat(&WHO, "/f").await.unwrap_err().code(), Errno::ENOENT);
        assert_eq!(fs.read(&WHO, r.handle, 0, 100).await.unwrap(), b"still here");
        fs.write(&WHO, w.handle, 10, b"!").await.unwrap();
        assert_eq!(fs.read(&WHO, r.handle, 10, 1).await.unwrap(), b"!");
        assert_eq!(fs.used(), 11 + NODE_COST, "the content and the node");
        fs.close(&WHO, w.handle).await.unwrap();
        fs.close(&WHO, r.handle).await.unwrap();
        assert_eq!(fs.used(), 0, "freed at the last close");
        // A new file of the same name is a different file.
        let n = fs.open(&WHO, "/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        assert_ne!(n.qid.path, w.qid.path);
        fs.close(&WHO, n.handle).await.unwrap();
    });
}

#[test]
fn quota_answers_enospc_and_writes_nothing() {
    let fs = Arc::new(MemoryFs::new(Clock::real()).with_quota(10 + NODE_COST));
    run(async move {
        let o = fs.open(&WHO, "/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        // The file's node takes its share: no room for a second one.
        let e = fs.open(&WHO, "/g", OpenFlags::WRITE).await.unwrap_err();
        assert_eq!(e.code(), Errno::ENOSPC);
        assert_eq!(fs.write(&WHO, o.handle, 0, b"0123456789").await.unwrap(), 10);
        assert_eq!(
            fs.write(&WHO, o.handle, 10, b"x").await.unwrap_err().code(),
            Errno::ENOSPC
        );
        // Overwriting in place needs no space.
        assert_eq!(fs.write(&WHO, o.handle, 0, b"ab").await.unwrap(), 2);
        fs.close(&WHO, o.handle).await.unwrap();
        let grow = StatChanges {
            size: Some(11),
            ..Default::default()
        };
        assert_eq!(fs.wstat(&WHO, "/f", &grow).await.unwrap_err().code(), Errno::ENOSPC);
        assert_eq!(fs.stat(&WHO, "/f").await.unwrap().size, 10);
        fs.remove(&WHO, "/f").await.unwrap();
        assert_eq!(fs.used(), 0, "removing frees quota");
    });
}

#[test]
fn trees_share_the_system_total() {
    // TM-RES-003: many small file systems cannot add up past fs-total.
    let total = Space::new("fs-total", 2 * NODE_COST + 100, None);
    let a = Arc::new(MemoryFs::new(Clock::real()).with_space(Space::new("fs", 1 << 20, Some(total.clone()))));
    let b = Arc::new(MemoryFs::new(Clock::real()).with_space(Space::new("fs", 1 << 20, Some(total.clone()))));
    run(async move {
        let fa = a.open(&WHO, "/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        a.write(&WHO, fa.handle, 0, &[0; 100]).await.unwrap();
        let fb = b.open(&WHO, "/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        assert_eq!(
            b.write(&WHO, fb.handle, 0, &[0; 1]).await.unwrap_err().code(),
            Errno::ENOSPC
        );
        // A sparse truncate far past the limit is refused without allocating.
        let huge = StatChanges {
            size: Some(1 << 40),
            ..Default::default()
        };
        assert_eq!(b.wstat(&WHO, "/f", &huge).await.unwrap_err().code(), Errno::ENOSPC);
        assert_eq!(
            b.write(&WHO, fb.handle, 1 << 40, b"x").await.unwrap_err().code(),
            Errno::ENOSPC
        );
        a.close(&WHO, fa.handle).await.unwrap();
        a.remove(&WHO, "/f").await.unwrap();
        b.write(&WHO, fb.handle, 0, &[0; 100]).await.unwrap();
        b.close(&WHO, fb.handle).await.unwrap();
        drop(a);
        assert_eq!(total.used(), NODE_COST + 100);
    });
}

#[test]
fn exec_nodes_carry_programs_until_overwritten() {
    let fs = memfs();
    run(async move {
        fs.mkdir_all("/bin", 0o755, 0, 0).unwrap();
        fs.install_program("/bin/true", Program::new("true", |_p| async { 0 }))
            .unwrap();
        let st = fs.stat(&WHO, "/bin/true").await.unwrap();
        assert_eq!((st.mode(), st.uid()), (0o755, 0));
        assert_eq!(
            Program::from_opaque(&fs.executable("/bin/true").unwrap())
                .unwrap()
                .name(),
            "true"
        );
        assert!(fs.executable("/bin/none").is_none());
        assert_eq!(
            fs.install_program("/bin", Program::new("x", |_p| async { 0 }))
                .unwrap_err()
                .code(),
            Errno::EISDIR
        );
        // Truncating turns it into an ordinary file.
        let o = fs
            .open(&WHO, "/bin/true", OpenFlags::WRITE)
            .await
            .unwrap()
            .opened()
            .unwrap();
        fs.close(&WHO, o.handle).await.unwrap();
        assert!(
            fs.executable("/bin/true").is_none(),
            "truncate drops the native program"
        );
    });
}

#[test]
fn servers_refuse_unclean_paths() {
    let fs = memfs();
    run(async move {
        for bad in ["relative", "/a/../b", "/./a"] {
            assert_eq!(fs.stat(&WHO, bad).await.unwrap_err().code(), Errno::EINVAL, "{bad}");
        }
        assert_eq!(fs.remove(&WHO, "/").await.unwrap_err().code(), Errno::EBUSY);
        assert_eq!(fs.mkdir(&WHO, "/", 0o755).await.unwrap_err().code(), Errno::EEXIST);
    });
}

#[test]
fn timestamps_follow_changes() {
    let fs = memfs();
    run(async move {
        fs.mkdir(&WHO, "/d", 0o755).await.unwrap();
        let set_old = StatChanges {
            mtime: Some(1000),
            ..Default::default()
        };
        fs.wstat(&WHO, "/d", &set_old).await.unwrap();
        let o = fs.open(&WHO, "/d/f", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        fs.close(&WHO, o.handle).await.unwrap();
        assert!(
            fs.stat(&WHO, "/d").await.unwrap().mtime > 1000,
            "creating a name touches its directory"
        );
        let st = fs.stat(&WHO, "/d/f").await.unwrap();
        assert_eq!(st.ctime(), st.mtime);
    });
}
