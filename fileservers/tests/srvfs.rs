use std::sync::Arc;

use fileservers::conformance::{self, Profile};
use fileservers::{MemoryFs, SrvFs};
use kernel::proto::SrvCapable;
use kernel::{Caller, Clock, Errno, Fileserver, MountFlags, OpenFlags};

use crate::run;
use crate::system::{run_as_init, text};

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

#[test]
fn passes_conformance_empty() {
    run(conformance::check(Arc::new(SrvFs::new(Clock::real())), Profile::FIXED));
}

#[test]
fn posts_are_listed_described_and_withdrawn() {
    run(async {
        let srv = SrvFs::new(Clock::real());
        let fs: Arc<dyn Fileserver> = Arc::new(MemoryFs::new(Clock::real()));
        srv.post("mem", fs.clone(), "memfs posted by test".into()).unwrap();
        assert_eq!(
            srv.post("mem", fs.clone(), String::new()).unwrap_err().code(),
            Errno::EEXIST
        );
        assert_eq!(
            srv.post("a/b", fs.clone(), String::new()).unwrap_err().code(),
            Errno::EINVAL
        );
        let names: Vec<_> = srv
            .readdir(&WHO, "/")
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["mem"]);
        let o = srv.open(&WHO, "/mem", OpenFlags::READ).await.unwrap();
        assert_eq!(srv.read(o.handle, 0, 100).await.unwrap(), b"memfs posted by test\n");
        assert_eq!(srv.write(o.handle, 0, b"x").await.unwrap_err().code(), Errno::EPERM);
        srv.close(o.handle).await.unwrap();
        assert_eq!(
            srv.open(&WHO, "/mem", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EPERM
        );
        assert_eq!(
            srv.open(&WHO, "/new", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EPERM,
            "creating a post by writing is refused"
        );
        assert!(Arc::ptr_eq(&srv.lookup("mem").unwrap(), &fs));
        srv.remove(&WHO, "/mem").await.unwrap();
        assert_eq!(srv.lookup("mem").unwrap_err().code(), Errno::ENOENT);
        assert_eq!(srv.stat(&WHO, "/mem").await.unwrap_err().code(), Errno::ENOENT);
    });
}

#[test]
fn mounts_outlive_the_post() {
    run_as_init(|p| async move {
        let mem: Arc<dyn Fileserver> = Arc::new(MemoryFs::new(Clock::real()));
        p.post("/srv/mem", mem, "a test memfs").await.unwrap().leave();
        assert_eq!(text(&p, "/srv/mem").await, "a test memfs\n");
        p.mount_srv("/srv/mem", "/n/a", MountFlags::REPLACE.with_create(), "")
            .await
            .unwrap();
        p.write_file("/n/a/f", b"kept").await.unwrap();
        p.remove("/srv/mem").await.unwrap();
        assert!(p.readdir("/srv").await.unwrap().is_empty());
        assert_eq!(p.read_file("/n/a/f").await.unwrap(), b"kept");
        assert_eq!(
            p.mount_srv("/srv/mem", "/n/b", MountFlags::REPLACE, "")
                .await
                .unwrap_err()
                .code(),
            Errno::ENOENT
        );
        assert!(p.ns_text().contains("mount -c /srv/mem /n/a\n"), "{}", p.ns_text());
        0
    });
}

#[test]
fn a_post_guard_withdraws_its_post() {
    run_as_init(|p| async move {
        let mem: Arc<dyn Fileserver> = Arc::new(MemoryFs::new(Clock::real()));
        let post = p.post("/srv/tmp", mem, "while alive").await.unwrap();
        assert_eq!(p.readdir("/srv").await.unwrap().len(), 1);
        drop(post);
        assert!(p.readdir("/srv").await.unwrap().is_empty());
        0
    });
}
