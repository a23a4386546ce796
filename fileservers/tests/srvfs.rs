use std::sync::Arc;

use fileservers::conformance::{self, Profile};
use fileservers::{MemoryFs, Srv};
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
    run(conformance::check(
        Arc::new(Srv::server(Clock::real(), std::sync::Weak::new())),
        Profile::CREATES,
    ));
}

#[test]
fn posts_are_listed_described_and_withdrawn() {
    run(async {
        let srv = Srv::server(Clock::real(), std::sync::Weak::new());
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
        let o = srv.open(&WHO, "/mem", OpenFlags::READ).await.unwrap().opened().unwrap();
        assert_eq!(
            srv.read(&WHO, o.handle, 0, 100).await.unwrap(),
            b"memfs posted by test\n"
        );
        assert_eq!(
            srv.write(&WHO, o.handle, 0, b"x").await.unwrap_err().code(),
            Errno::EBADF
        );
        srv.close(&WHO, o.handle).await.unwrap();
        assert_eq!(
            srv.open(&WHO, "/mem", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EPERM
        );
        let read_create = OpenFlags {
            create: true,
            ..OpenFlags::READWRITE
        };
        assert_eq!(
            srv.open(&WHO, "/new", read_create).await.unwrap_err().code(),
            Errno::EACCES,
            "an entry is created for writing only"
        );
        let creator = srv
            .open(&WHO, "/new", OpenFlags::WRITE)
            .await
            .unwrap()
            .opened()
            .unwrap();
        let err = srv.open(&WHO, "/new", OpenFlags::READ).await.unwrap_err();
        assert_eq!(err.to_string(), "device shut down", "nothing posted yet");
        assert_eq!(
            srv.write(&WHO, creator.handle, 0, b"three").await.unwrap_err().code(),
            Errno::EINVAL,
            "not an fd number"
        );
        srv.close(&WHO, creator.handle).await.unwrap();
        srv.remove(&WHO, "/new").await.unwrap();
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

/// Plan 9's posting: create the entry, write an fd number into it, and
/// every open of the entry is that same open file (one offset).
#[test]
fn an_fd_written_into_an_entry_is_posted() {
    run_as_init(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let entry = p.open("/srv/pipe", OpenFlags::WRITE).await.unwrap();
        p.write(entry, format!("{w}").as_bytes()).await.unwrap();
        let err = p.write(entry, format!("{w}").as_bytes()).await.unwrap_err();
        assert_eq!(err.to_string(), "inappropriate use of fd", "a second post");
        p.close(w).await.unwrap();
        // The entry holds the write end: a writer through it reaches the
        // reader of the pipe.
        let via = p
            .open(
                "/srv/pipe",
                OpenFlags {
                    create: false,
                    truncate: false,
                    ..OpenFlags::WRITE
                },
            )
            .await
            .unwrap();
        p.write(via, b"through /srv\n").await.unwrap();
        assert_eq!(p.read(r, 100).await.unwrap(), b"through /srv\n");
        p.close(via).await.unwrap();
        // Removing the entry releases the last writer: the reader sees end
        // of file.
        p.close(entry).await.unwrap();
        p.remove("/srv/pipe").await.unwrap();
        assert!(p.read(r, 100).await.unwrap().is_empty());

        // An offset is shared by every open of a posted file.
        p.write_file("/tmp/f", b"abcdef").await.unwrap();
        let f = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        let entry = p.open("/srv/file", OpenFlags::WRITE).await.unwrap();
        p.write(entry, f.to_string().as_bytes()).await.unwrap();
        p.close(entry).await.unwrap();
        p.close(f).await.unwrap();
        let a = p.open("/srv/file", OpenFlags::READ).await.unwrap();
        let b = p.open("/srv/file", OpenFlags::READ).await.unwrap();
        assert_eq!(p.read(a, 2).await.unwrap(), b"ab");
        assert_eq!(p.read(b, 2).await.unwrap(), b"cd");
        let err = p.open("/srv/file", OpenFlags::READWRITE).await.unwrap_err();
        assert_eq!(err.code(), Errno::EACCES, "a read-only post opened for writing");

        // Bad posts: a closed fd, an entry that is not ours to write.
        let entry = p.open("/srv/bad", OpenFlags::WRITE).await.unwrap();
        assert_eq!(p.write(entry, b"77").await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.write(entry, b"-1").await.unwrap_err().code(), Errno::EINVAL);
        p.close(entry).await.unwrap();
        assert_eq!(
            p.open("/srv/bad", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EEXIST,
            "creating an entry that exists"
        );
        0
    });
}

/// An entry created with remove-on-close goes with its creator.
#[test]
fn a_remove_on_close_post_goes_with_its_creator() {
    run_as_init(|p| async move {
        let (r, _w) = p.pipe().unwrap();
        let flags = OpenFlags {
            rclose: true,
            ..OpenFlags::WRITE
        };
        let entry = p.open("/srv/svc", flags).await.unwrap();
        p.write(entry, r.to_string().as_bytes()).await.unwrap();
        assert_eq!(p.readdir("/srv").await.unwrap().len(), 1);
        p.close(entry).await.unwrap();
        assert!(p.readdir("/srv").await.unwrap().is_empty());
        0
    });
}
