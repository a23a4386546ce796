//! Namespaces: union lookup and listing order, creation, kinds, unmount,
//! copy versus share, and the replayable listing.

use kernel::{Errno, MountFlags, OpenFlags, Proc, Share, SpawnOpts, Target};

use crate::support::{boot, passed};

async fn names(p: &Proc, dir: &str) -> Vec<String> {
    p.readdir(dir).await.unwrap().into_iter().map(|e| e.name).collect()
}

async fn put(p: &Proc, name: &str, data: &str) {
    p.write_file(name, data.as_bytes()).await.unwrap();
}

async fn get(p: &Proc, name: &str) -> String {
    String::from_utf8(p.read_file(name).await.unwrap()).unwrap()
}

#[test]
fn union_lookup_takes_the_first_member() {
    passed(boot().run(|p| async move {
        for d in ["/tmp/a", "/tmp/b"] {
            p.mkdir(d, 0o755).await.unwrap();
        }
        put(&p, "/tmp/a/x", "from a").await;
        put(&p, "/tmp/b/x", "from b").await;
        put(&p, "/tmp/b/y", "only b").await;
        p.mkdir("/n/u", 0o755).await.unwrap();
        p.bind("/tmp/a", "/n/u", MountFlags::REPLACE).await.unwrap();
        p.bind("/tmp/b", "/n/u", MountFlags::AFTER).await.unwrap();
        assert_eq!(get(&p, "/n/u/x").await, "from a");
        assert_eq!(get(&p, "/n/u/y").await, "only b");
        assert_eq!(
            names(&p, "/n/u").await,
            ["x", "x", "y"],
            "members in order, duplicates kept"
        );
        p.bind("/tmp/b", "/n/u", MountFlags::BEFORE).await.unwrap();
        assert_eq!(get(&p, "/n/u/x").await, "from b", "-b puts the member first");
        assert_eq!(names(&p, "/n/u").await, ["x", "y", "x", "x", "y"]);
        assert_eq!(p.stat("/n/u/nope").await.unwrap_err().code(), Errno::ENOENT);
        0
    }));
}

#[test]
fn first_union_bind_keeps_the_directory() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/extra", 0o755).await.unwrap();
        put(&p, "/tmp/extra/tool", "#!/bin/true\n").await;
        p.bind("/tmp/extra", "/bin", MountFlags::AFTER).await.unwrap();
        let listing = names(&p, "/bin").await;
        assert_eq!(
            listing.first().map(String::as_str),
            Some("cat"),
            "/bin's own files first"
        );
        assert_eq!(listing.last().map(String::as_str), Some("tool"), "then the new member");
        assert!(p.stat("/bin/true").await.is_ok());
        // A plain replace bind hides the original directory.
        p.bind("/tmp/extra", "/bin", MountFlags::REPLACE).await.unwrap();
        assert_eq!(names(&p, "/bin").await, ["tool"]);
        0
    }));
}

#[test]
fn creation_goes_to_the_create_member_only() {
    passed(boot().run(|p| async move {
        for d in ["/tmp/a", "/tmp/b", "/n/u"] {
            p.mkdir(d, 0o755).await.unwrap();
        }
        put(&p, "/tmp/b/old", "old").await;
        p.bind("/tmp/a", "/n/u", MountFlags::REPLACE).await.unwrap();
        p.bind("/tmp/b", "/n/u", MountFlags::AFTER).await.unwrap();
        let e = p.open("/n/u/new", OpenFlags::WRITE).await.unwrap_err();
        assert_eq!(e.code(), Errno::EACCES);
        assert_eq!(e.detail(), Some("mounted directory forbids creation"));
        assert_eq!(p.mkdir("/n/u/dir", 0o755).await.unwrap_err().code(), Errno::EACCES);
        // An existing name opens where the walk finds it, create or not.
        let fd = p.open("/n/u/old", OpenFlags::WRITE).await.unwrap();
        p.write(fd, b"rewritten").await.unwrap();
        p.close(fd).await.unwrap();
        assert_eq!(get(&p, "/tmp/b/old").await, "rewritten");
        // With -c on b, new names go to b.
        p.bind("/tmp/b", "/n/u", MountFlags::AFTER.with_create()).await.unwrap();
        put(&p, "/n/u/new", "new").await;
        assert_eq!(get(&p, "/tmp/b/new").await, "new");
        p.mkdir("/n/u/dir", 0o755).await.unwrap();
        assert!(p.stat("/tmp/b/dir").await.unwrap().is_dir());
        assert_eq!(p.stat("/tmp/a/new").await.unwrap_err().code(), Errno::ENOENT);
        assert_eq!(p.mkdir("/n/u/dir", 0o755).await.unwrap_err().code(), Errno::EEXIST);
        0
    }));
}

#[test]
fn mounts_without_create_refuse_new_names_at_the_top() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/sub", 0o755).await.unwrap();
        p.bind("/tmp", "/n", MountFlags::REPLACE).await.unwrap();
        assert_eq!(
            p.open("/n/x", OpenFlags::WRITE).await.unwrap_err().code(),
            Errno::EACCES
        );
        // Below the mount point the directories are ordinary.
        put(&p, "/n/sub/x", "fine").await;
        assert_eq!(get(&p, "/tmp/sub/x").await, "fine");
        0
    }));
}

#[test]
fn kinds_must_match() {
    passed(boot().run(|p| async move {
        put(&p, "/tmp/f", "file").await;
        put(&p, "/tmp/g", "other").await;
        let e = p.bind("/tmp/f", "/n", MountFlags::REPLACE).await.unwrap_err();
        assert_eq!((e.code(), e.detail()), (Errno::ENOTDIR, Some("inconsistent mount")));
        assert_eq!(
            p.bind("/n", "/tmp/f", MountFlags::REPLACE).await.unwrap_err().code(),
            Errno::EISDIR
        );
        assert_eq!(
            p.bind("/tmp/f", "/tmp/g", MountFlags::AFTER).await.unwrap_err().code(),
            Errno::EINVAL
        );
        // A file onto a file, replacing, is fine.
        p.bind("/tmp/f", "/tmp/g", MountFlags::REPLACE).await.unwrap();
        assert_eq!(get(&p, "/tmp/g").await, "file");
        0
    }));
}

#[test]
fn unmount_forms() {
    passed(boot().run(|p| async move {
        for d in ["/tmp/a", "/tmp/b"] {
            p.mkdir(d, 0o755).await.unwrap();
        }
        put(&p, "/tmp/a/x", "a").await;
        put(&p, "/tmp/b/y", "b").await;
        let e = p.unmount(None, "/n").await.unwrap_err();
        assert_eq!((e.code(), e.detail()), (Errno::EINVAL, Some("not mounted")));
        p.bind("/tmp/a", "/n", MountFlags::AFTER).await.unwrap();
        p.bind("/tmp/b", "/n", MountFlags::AFTER).await.unwrap();
        let e = p.unmount(Some("/tmp"), "/n").await.unwrap_err();
        assert_eq!(e.detail(), Some("not in union"));
        p.unmount(Some("/tmp/a"), "/n").await.unwrap();
        assert_eq!(names(&p, "/n").await, ["y"], "the original /n was empty; b remains");
        p.unmount(None, "/n").await.unwrap();
        assert_eq!(names(&p, "/n").await, Vec::<String>::new(), "everything removed");
        assert!(p.stat("/n").await.unwrap().is_dir());
        0
    }));
}

#[test]
fn a_union_can_be_bound_elsewhere() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/extra", 0o755).await.unwrap();
        put(&p, "/tmp/extra/tool", "t").await;
        p.bind("/tmp/extra", "/bin", MountFlags::AFTER).await.unwrap();
        p.bind("/bin", "/n", MountFlags::REPLACE).await.unwrap();
        assert!(p.stat("/n/tool").await.is_ok(), "the union's members were copied");
        assert!(p.stat("/n/cat").await.is_ok());
        0
    }));
}

#[test]
fn children_copy_the_namespace_unless_sharing() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/x", 0o755).await.unwrap();
        put(&p, "/tmp/x/mark", "m").await;
        let binder = || {
            Target::oneshot(|c| async move {
                c.bind("/tmp/x", "/n", MountFlags::REPLACE)
                    .await
                    .map(|_| 0)
                    .unwrap_or(1)
            })
        };
        let pid = p.spawn(binder(), SpawnOpts::default()).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        assert!(
            p.stat("/n/mark").await.is_err(),
            "a copied namespace does not change ours"
        );
        let share = SpawnOpts {
            rfork: kernel::Rfork {
                ns: Share::Share,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let pid = p.spawn(binder(), share).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        assert!(p.stat("/n/mark").await.is_ok(), "a shared namespace does");
        let clean = SpawnOpts {
            rfork: kernel::Rfork {
                ns: Share::Clean,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let probe = Target::oneshot(|c| async move {
            // Only the root is there: /tmp is the root's empty directory.
            match c.stat("/tmp/x").await {
                Err(e) if e.code() == Errno::ENOENT => 0,
                _ => 1,
            }
        });
        let pid = p.spawn(probe, clean).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0);
        0
    }));
}

#[test]
fn rfork_gives_a_private_copy() {
    passed(boot().run(|p| async move {
        let before = p.ns_text();
        let child = Target::oneshot(|c| async move {
            c.rfork(kernel::Rfork {
                ns: Share::Copy,
                ..kernel::Rfork::SHARE
            });
            c.bind("/tmp", "/n", MountFlags::REPLACE).await.unwrap();
            0
        });
        let opts = SpawnOpts {
            rfork: kernel::Rfork {
                ns: Share::Share,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let pid = p.spawn(child, opts).await.unwrap();
        p.wait(pid).await.unwrap();
        assert_eq!(p.ns_text(), before, "the child's rfork n kept its bind private");
        0
    }));
}

/// Replay a namespace listing: the lines `ns_text` prints, applied in a
/// clean namespace, give the same listing back.
#[test]
fn namespace_listing_replays() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/extra", 0o755).await.unwrap();
        p.bind("/tmp/extra", "/bin", MountFlags::AFTER).await.unwrap();
        p.bind("/tmp", "/n", MountFlags::BEFORE.with_create()).await.unwrap();
        p.chdir("/tmp").await.unwrap();
        let text = p.ns_text();
        assert!(text.starts_with("bind -c '#t' /tmp\nbind  '#z' /dev\n"), "{text}");
        assert!(text.contains("bind  /bin /bin\nbind -a /tmp/extra /bin\n"), "{text}");
        assert!(text.ends_with("cd /tmp\n"), "{text}");
        let script = text.clone();
        let replay = Target::oneshot(move |c| async move {
            for line in script.lines() {
                let words: Vec<&str> = line.split(' ').collect();
                let unquote = |s: &str| s.trim_matches('\'').to_string();
                match words[0] {
                    "bind" => {
                        let flags = match words[1] {
                            "" => MountFlags::REPLACE,
                            "-a" => MountFlags::AFTER,
                            "-b" => MountFlags::BEFORE,
                            "-c" => MountFlags::REPLACE.with_create(),
                            "-bc" => MountFlags::BEFORE.with_create(),
                            "-ac" => MountFlags::AFTER.with_create(),
                            f => panic!("flags {f}"),
                        };
                        c.bind(&unquote(words[2]), &unquote(words[3]), flags).await.unwrap();
                    }
                    "cd" => c.chdir(words[1]).await.unwrap(),
                    other => panic!("unexpected line {other}"),
                }
            }
            if c.ns_text() == script { 0 } else { 1 }
        });
        let opts = SpawnOpts {
            rfork: kernel::Rfork {
                ns: Share::Clean,
                ..kernel::Rfork::FORK
            },
            ..Default::default()
        };
        let pid = p.spawn(replay, opts).await.unwrap();
        assert_eq!(p.wait(pid).await.unwrap().code, 0, "replayed namespace differs");
        0
    }));
}

#[test]
fn dotdot_is_lexical() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/a", 0o755).await.unwrap();
        p.mkdir("/tmp/a/x", 0o755).await.unwrap();
        p.bind("/tmp/a", "/n", MountFlags::REPLACE).await.unwrap();
        p.chdir("/n/x").await.unwrap();
        p.chdir("..").await.unwrap();
        assert_eq!(p.cwd(), "/n", "`..` goes back the way we came");
        p.chdir("../..").await.unwrap();
        assert_eq!(p.cwd(), "/");
        0
    }));
}

#[test]
fn device_names_reach_servers_directly() {
    passed(boot().run(|p| async move {
        put(&p, "/tmp/f", "via tmp").await;
        assert_eq!(get(&p, "#t/f").await, "via tmp");
        let z = p.open("#z/zero", OpenFlags::READ).await.unwrap();
        assert_eq!(p.read(z, 3).await.unwrap(), [0, 0, 0]);
        assert_eq!(p.stat("#q/x").await.unwrap_err().code(), Errno::ENOENT);
        0
    }));
}

#[test]
fn a_union_cannot_take_in_its_own_directory_and_nothing_changes() {
    passed(boot().run(|p| async move {
        p.mkdir("/tmp/u", 0o755).await.unwrap();
        p.mkdir("/tmp/v", 0o755).await.unwrap();
        let before = p.ns_text();
        let e = p.bind("/tmp/u", "/tmp/u", MountFlags::AFTER).await.unwrap_err();
        assert_eq!((e.code(), e.message()), (Errno::EINVAL, "union with itself"));
        assert_eq!(p.ns_text(), before);
        p.bind("/tmp/v", "/tmp/u", MountFlags::BEFORE).await.unwrap();
        let union = p.ns_text();
        for flags in [MountFlags::AFTER, MountFlags::BEFORE] {
            let e = p.bind("/tmp/u", "/tmp/u", flags).await.unwrap_err();
            assert_eq!(e.code(), Errno::EINVAL);
        }
        // Replacing a union by itself changes nothing.
        p.bind("/tmp/u", "/tmp/u", MountFlags::REPLACE).await.unwrap();
        assert_eq!(p.ns_text(), union);
        0
    }));
}

#[test]
fn rfork_m_refuses_mounts_and_most_devices_but_not_binds() {
    passed(boot().run(|p| async move {
        p.rfork(kernel::Rfork {
            no_mount: true,
            ..kernel::Rfork::SHARE
        });
        let before = p.ns_text();
        let e = p
            .mount(
                p.kernel().devices.get("#t").unwrap(),
                "#t",
                "/n",
                MountFlags::REPLACE,
                "",
            )
            .await
            .unwrap_err();
        assert_eq!((e.code(), e.message()), (Errno::EPERM, "mount/attach disallowed"));
        assert_eq!(
            p.stat("#t").await.unwrap_err().code(),
            Errno::EPERM,
            "#t is not attachable"
        );
        assert!(p.stat("#z").await.is_err());
        assert_eq!(p.ns_text(), before, "nothing changed");
        // Binds of what is already in the namespace still work.
        p.bind("/tmp", "/n", MountFlags::REPLACE).await.unwrap();
        0
    }));
}
