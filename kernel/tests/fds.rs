//! fd tables: numbering, dup offsets, sharing, inheritance.

use kernel::{Errno, OpenFlags, SeekFrom, SpawnOpts, Target};

use crate::support::{boot, capture, passed};

#[test]
fn lowest_free_number_first() {
    passed(boot().run(|p| async move {
        // 0, 1, 2 are preset, so the first open is 3.
        p.write_file("/tmp/f", b"x").await.unwrap();
        let a = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        assert_eq!(a, 3);
        p.close(1).await.unwrap();
        assert_eq!(
            p.open("/tmp/f", OpenFlags::READ).await.unwrap(),
            1,
            "a hole is filled first"
        );
        assert_eq!(p.open("/tmp/f", OpenFlags::READ).await.unwrap(), 4);
        assert_eq!(p.dup_min(a, 10).unwrap(), 10);
        assert_eq!(p.fds(), [0, 1, 2, 3, 4, 10]);
        0
    }));
}

#[test]
fn dup_shares_the_offset_and_open_does_not() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/f", b"abcdef").await.unwrap();
        let a = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        let b = p.dup(a).unwrap();
        let c = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        assert_eq!(p.read(a, 2).await.unwrap(), b"ab");
        assert_eq!(
            p.read(b, 2).await.unwrap(),
            b"cd",
            "dup continues where the original stopped"
        );
        assert_eq!(
            p.read(c, 2).await.unwrap(),
            b"ab",
            "an independent open has its own offset"
        );
        p.seek(b, SeekFrom::Start(0)).await.unwrap();
        assert_eq!(p.read(a, 1).await.unwrap(), b"a", "seek through the dup moves both");
        assert_eq!(p.seek(a, SeekFrom::End(-1)).await.unwrap(), 5);
        assert_eq!(p.read(a, 9).await.unwrap(), b"f");
        assert_eq!(
            p.seek(a, SeekFrom::Current(-10)).await.unwrap_err().code(),
            Errno::EINVAL
        );
        0
    }));
}

#[test]
fn dup2_replaces_and_closes_the_target() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/f", b"data").await.unwrap();
        let (r, w) = p.pipe().unwrap();
        let f = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        // Put the file over the pipe's write end: the pipe's last writer
        // goes, so its reader sees end of file.
        assert_eq!(p.dup2(f, w).await.unwrap(), w);
        assert_eq!(p.read(r, 10).await.unwrap(), b"", "write end closed by dup2");
        assert_eq!(p.read(w, 10).await.unwrap(), b"data");
        assert_eq!(p.dup2(f, f).await.unwrap(), f, "dup2 onto itself is a no-op");
        assert_eq!(p.dup2(99, 5).await.unwrap_err().code(), Errno::EBADF);
        0
    }));
}

#[test]
fn the_server_close_runs_at_the_last_reference() {
    passed(boot().run(|p| async move {
        let (r, w) = p.pipe().unwrap();
        let w2 = p.dup(w).unwrap();
        p.write(w, b"x").await.unwrap();
        p.close(w).await.unwrap();
        assert_eq!(p.read(r, 10).await.unwrap(), b"x");
        // One writer is left: a read would block, so write through it.
        p.write(w2, b"y").await.unwrap();
        p.close(w2).await.unwrap();
        assert_eq!(p.read(r, 10).await.unwrap(), b"y");
        assert_eq!(p.read(r, 10).await.unwrap(), b"", "EOF once the last writer closed");
        0
    }));
}

#[test]
fn children_inherit_fds_except_cloexec() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/f", b"hello").await.unwrap();
        let f = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        let g = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        p.set_cloexec(g, true).unwrap();
        let (f2, g2) = (f, g);
        let child = Target::oneshot(move |c| async move {
            let ok_f = c.read(f2, 2).await.map(|d| d == b"he").unwrap_or(false);
            let bad_g = c.read(g2, 1).await.map_err(|e| e.code()) == Err(Errno::EBADF);
            if ok_f && bad_g { 0 } else { 1 }
        });
        let pid = p.spawn(child, SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        assert_eq!(p.read(f, 9).await.unwrap(), b"llo", "the child moved the shared offset");
        0
    }));
}

#[test]
fn fd_map_places_and_closes() {
    passed(boot().run(|p| async move {
        p.write_file("/tmp/in", b"mapped\n").await.unwrap();
        let f = p.open("/tmp/in", OpenFlags::READ).await.unwrap();
        let (r, w) = p.pipe().unwrap();
        let opts = SpawnOpts {
            argv: vec!["cat".into()],
            fd_map: vec![(0, Some(f)), (1, Some(w)), (r, None), (f, None), (w, None)],
            ..Default::default()
        };
        let pid = p.spawn(Target::Path("cat".into()), opts).await.unwrap();
        p.close(w).await.unwrap();
        assert_eq!(p.read_to_end(r).await.unwrap(), b"mapped\n");
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        0
    }));
}

#[test]
fn shared_fd_tables() {
    passed(boot().run(|p| async move {
        let opts = SpawnOpts {
            rfork: kernel::Rfork {
                fds: kernel::Share::Share,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let child = Target::oneshot(|c| async move {
            c.write_file("/tmp/s", b"s").await.unwrap();
            c.open("/tmp/s", OpenFlags::READ).await.unwrap() as i32
        });
        let pid = p.spawn(child, opts).await.unwrap();
        let fd = p.wait(pid).await.unwrap().code as u32;
        // The child's open landed in our table, and survived its exit.
        assert_eq!(p.read(fd, 5).await.unwrap(), b"s");
        let (_, out) = capture(&p, Target::Path("echoargs".into()), &["echoargs", "still", "works"]).await;
        assert_eq!(out, "still works\n");
        0
    }));
}

#[test]
fn the_dup_device_opens_the_callers_own_fds() {
    passed(boot().run(|p| async move {
        p.bind("#d", "/dev", kernel::MountFlags::AFTER).await.unwrap();
        p.write_file("/tmp/f", b"abcdef").await.unwrap();
        let a = p.open("/tmp/f", OpenFlags::READ).await.unwrap();
        assert_eq!(p.read(a, 2).await.unwrap(), b"ab");
        // /dev/fd/N is a dup of N: the offset is shared.
        let b = p.open(&format!("/dev/fd/{a}"), OpenFlags::READ).await.unwrap();
        assert_eq!(p.read(b, 2).await.unwrap(), b"cd");
        assert_eq!(p.read(a, 2).await.unwrap(), b"ef");
        // Access beyond the fd's own is refused; a closed fd is not there.
        let e = p.open(&format!("/dev/fd/{a}"), OpenFlags::WRITE).await.unwrap_err();
        assert_eq!(e.code(), Errno::EACCES);
        assert_eq!(
            p.open("/dev/fd/40", OpenFlags::READ).await.unwrap_err().code(),
            Errno::ENOENT
        );
        // The listing follows the caller's table; stdin, stdout and stderr
        // are fds 0-2 and stat as what they refer to.
        let names: Vec<String> = p
            .readdir("/dev/fd")
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["0", "1", "2", &a.to_string(), &b.to_string()]);
        let st = p.stat(&format!("/dev/fd/{a}")).await.unwrap();
        assert_eq!((st.size, st.name.as_str()), (6, a.to_string().as_str()));
        let out = p.open("/dev/stdout", OpenFlags::WRITE).await.unwrap();
        assert!(p.write(out, b"to the null device").await.is_ok());
        // DevFS stays first in the union.
        assert!(p.stat("/dev/null").await.is_ok());
        0
    }));
}
