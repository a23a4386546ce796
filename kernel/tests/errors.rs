//! Bad input: every syscall answers an error code, nothing panics.

use kernel::{Errno, MountFlags, OpenFlags, SeekFrom, StatChanges};

use crate::support::{boot, passed};

#[test]
fn bad_fds_are_ebadf() {
    passed(boot().run(|p| async move {
        let bad = 77;
        assert_eq!(p.read(bad, 1).await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.write(bad, b"x").await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.close(bad).await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.fstat(bad).await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.seek(bad, SeekFrom::Start(0)).await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.dup(bad).unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.dup2(0, 1 << 20).await.unwrap_err().code(), Errno::EBADF);
        assert_eq!(p.set_cloexec(bad, true).unwrap_err().code(), Errno::EBADF);
        // Reading a write-only fd and writing a read-only one.
        p.write_file("/tmp/f", b"x").await.unwrap();
        let r = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        assert_eq!(p.write(r, b"x").await.unwrap_err().code(), Errno::EBADF);
        let w = p.open("/tmp/f", OpenFlags::WRITE).await.unwrap();
        assert_eq!(p.read(w, 1).await.unwrap_err().code(), Errno::EBADF);
        0
    }));
}

#[test]
fn bad_names() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/file", b"x").await.unwrap();
        assert_eq!(p.stat("/tmp/file/below").await.unwrap_err().code(), Errno::ENOTDIR);
        assert_eq!(
            p.open("/tmp/file/below", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::ENOTDIR
        );
        assert_eq!(p.stat("/tmp/a\0b").await.unwrap_err().code(), Errno::EINVAL);
        let long = format!("/tmp/{}", "n".repeat(256));
        assert_eq!(
            p.open(&long, OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::ENAMETOOLONG
        );
        assert_eq!(
            p.stat(&"/a".repeat(3000)).await.unwrap_err().code(),
            Errno::ENAMETOOLONG
        );
        assert_eq!(p.stat("").await.unwrap_err().code(), Errno::ENOENT);
        assert_eq!(p.chdir("/tmp/file").await.unwrap_err().code(), Errno::ENOTDIR);
        assert_eq!(p.readdir("/tmp/file").await.unwrap_err().code(), Errno::ENOTDIR);
        assert_eq!(p.mkdir("/", 0o755).await.unwrap_err().code(), Errno::EEXIST);
        assert_eq!(p.remove("/tmp/none").await.unwrap_err().code(), Errno::ENOENT);
        let neither = OpenFlags {
            read: false,
            ..OpenFlags::READ
        };
        assert_eq!(p.open("/tmp/file", neither).await.unwrap_err().code(), Errno::EINVAL);
        0
    }));
}

#[test]
fn rename_across_servers_is_exdev() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/f", b"x").await.unwrap();
        assert_eq!(
            p.rename("/tmp/f", "/home/user/f").await.unwrap_err().code(),
            Errno::EXDEV
        );
        p.rename("/tmp/f", "/tmp/g").await.unwrap();
        assert_eq!(p.read_file("/tmp/g").await.unwrap(), b"x");
        assert_eq!(
            p.rename("/dev/null", "/dev/nil").await.unwrap_err().code(),
            Errno::EACCES,
            "no creation in /dev"
        );
        assert_eq!(
            p.rename("/dev/null", "/dev/zero").await.unwrap_err().code(),
            Errno::EPERM,
            "DevFS refuses"
        );
        0
    }));
}

#[test]
fn devfs_refuses_changes() {
    passed(boot().run(|p| async move {
        assert_eq!(
            p.mkdir("/dev/x", 0o755).await.unwrap_err().code(),
            Errno::EACCES,
            "/dev is a mount without -c"
        );
        assert_eq!(p.remove("/dev/null").await.unwrap_err().code(), Errno::EPERM);
        let ch = StatChanges {
            mode: Some(0),
            ..Default::default()
        };
        assert_eq!(p.wstat("/dev/null", &ch).await.unwrap_err().code(), Errno::EPERM);
        assert_eq!(
            p.bind("/dev/null", "/tmp", MountFlags::REPLACE)
                .await
                .unwrap_err()
                .code(),
            Errno::ENOTDIR
        );
        0
    }));
}

#[test]
fn fd_table_limit_is_emfile() {
    // TM-RES-011
    passed(boot().run(|p| async move {
        let mut n = 0;
        let e = loop {
            match p.dup(0) {
                Ok(_) => n += 1,
                Err(e) => break e,
            }
            assert!(n < 10_000, "no limit");
        };
        assert_eq!(e.code(), Errno::EMFILE);
        assert_eq!(n + 3, p.kernel().limits.max_fds);
        0
    }));
}

#[test]
fn blob_passes_conformance_and_reads_back() {
    use fileservers::conformance::{self, Profile};
    crate::support::block_on(conformance::check(
        std::sync::Arc::new(kernel::blob::Blob::new(b"fixed".to_vec())),
        Profile::FIXED,
    ));
    passed(boot().run(|p| async move {
        let f = p.open_bytes(b"heredoc text\n".to_vec(), "heredoc");
        let fd = p.install(f, 0, false).unwrap();
        assert_eq!(p.read(fd, 7).await.unwrap(), b"heredoc");
        p.seek(fd, SeekFrom::Start(0)).await.unwrap();
        assert_eq!(p.read_to_end(fd).await.unwrap(), b"heredoc text\n");
        assert_eq!(p.write(fd, b"x").await.unwrap_err().code(), Errno::EBADF);
        0
    }));
}
