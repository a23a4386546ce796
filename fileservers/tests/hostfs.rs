//! HostFs: the protocol's contract on a real host directory, read-only
//! binds, and the escape catalogue (every attempt refused, the host tree
//! unchanged and nothing from outside read).

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use fileservers::HostFs;
use fileservers::conformance::{self, Profile};
use kernel::{Caller, Errno, Fileserver, OpenFlags, StatChanges};

use crate::run;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};
const SECRET: &[u8] = b"the secret outside";

fn hostfs(dir: &Path, ro: bool) -> Arc<dyn Fileserver> {
    Arc::new(
        HostFs::open(dir, ro)
            .expect("open the host directory")
            .with_owner(1000, 1000),
    )
}

#[test]
fn passes_conformance_read_write() {
    let t = tempfile::tempdir().unwrap();
    run(conformance::check(hostfs(t.path(), false), Profile::FIXED_OWNERS));
}

#[test]
fn passes_conformance_read_only() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("f"), b"x").unwrap();
    std::fs::create_dir(t.path().join("d")).unwrap();
    run(conformance::check(hostfs(t.path(), true), Profile::FIXED));
}

#[test]
fn reads_and_writes_reach_the_host() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("in"), b"from the host").unwrap();
    let fs = hostfs(t.path(), false);
    run(async move {
        let o = fs.open(&WHO, "/in", OpenFlags::READ).await.unwrap().opened().unwrap();
        assert_eq!(fs.read(&WHO, o.handle, 5, 100).await.unwrap(), b"the host");
        fs.close(&WHO, o.handle).await.unwrap();
        let o = fs.open(&WHO, "/out", OpenFlags::WRITE).await.unwrap().opened().unwrap();
        fs.write(&WHO, o.handle, 0, b"from ninebox").await.unwrap();
        fs.close(&WHO, o.handle).await.unwrap();
        fs.mkdir(&WHO, "/d", 0o750).await.unwrap();
        fs.rename(&WHO, "/out", "/d/moved").await.unwrap();
        let ch = StatChanges {
            mode: Some(0o600),
            mtime: Some(1_000_000),
            ..Default::default()
        };
        fs.wstat(&WHO, "/d/moved", &ch).await.unwrap();
        let st = fs.stat(&WHO, "/d/moved").await.unwrap();
        assert_eq!((st.mode(), st.mtime, st.size), (0o600, 1_000_000, 12));
        // Owners stay the host's.
        let ch = StatChanges {
            uid: Some(st.uid() + 1),
            ..Default::default()
        };
        assert_eq!(fs.wstat(&WHO, "/d/moved", &ch).await.unwrap_err().code(), Errno::EPERM);
    });
    assert_eq!(std::fs::read(t.path().join("d/moved")).unwrap(), b"from ninebox");
    let m = std::fs::metadata(t.path().join("d")).unwrap();
    assert_eq!(m.mode() & 0o777, 0o750);
}

#[test]
fn read_only_refuses_every_change_and_changes_nothing() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("f"), b"keep").unwrap();
    let before = tree(t.path());
    let fs = hostfs(t.path(), true);
    run(async move {
        for flags in [OpenFlags::WRITE, OpenFlags::APPEND, OpenFlags::READWRITE] {
            assert_eq!(fs.open(&WHO, "/f", flags).await.unwrap_err().code(), Errno::EPERM);
            assert_eq!(fs.open(&WHO, "/new", flags).await.unwrap_err().code(), Errno::EPERM);
        }
        assert_eq!(fs.mkdir(&WHO, "/d", 0o755).await.unwrap_err().code(), Errno::EPERM);
        assert_eq!(fs.remove(&WHO, "/f").await.unwrap_err().code(), Errno::EPERM);
        assert_eq!(fs.rename(&WHO, "/f", "/g").await.unwrap_err().code(), Errno::EPERM);
        let ch = StatChanges {
            mode: Some(0o777),
            ..Default::default()
        };
        assert_eq!(fs.wstat(&WHO, "/f", &ch).await.unwrap_err().code(), Errno::EPERM);
    });
    assert_eq!(tree(t.path()), before);
}

#[test]
fn fifos_and_sockets_are_listed_but_never_opened() {
    let t = tempfile::tempdir().unwrap();
    let fifo = t.path().join("fifo");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let fs = hostfs(t.path(), false);
    run(async move {
        let list = fs.readdir(&WHO, "/").await.unwrap();
        assert_eq!(list[0].kind, kernel::NodeType::Device);
        for flags in [OpenFlags::READ, OpenFlags::WRITE] {
            let e = fs.open(&WHO, "/fifo", flags).await.unwrap_err();
            assert_eq!(e.code(), Errno::EPERM, "{e}");
        }
    });
}

/// Every path under `root` (not following links) with its type, size,
/// mode, mtime and content: what must not change.
fn tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(p) = todo.pop() {
        let m = std::fs::symlink_metadata(&p).unwrap();
        let what = if m.file_type().is_symlink() {
            format!("link {:?}", std::fs::read_link(&p).unwrap())
        } else if m.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                todo.push(e.unwrap().path());
            }
            format!("dir {:o} {}", m.mode(), m.mtime_nsec() + m.mtime() * 1_000_000_000)
        } else if m.is_file() {
            format!("file {:o} {} {:?}", m.mode(), m.mtime(), std::fs::read(&p).unwrap())
        } else {
            format!("other {:o}", m.mode())
        };
        out.insert(p.strip_prefix(root).unwrap().to_path_buf(), what);
    }
    out
}

/// A temp dir holding `outside/` (a secret, a directory, a hard-link
/// source) and `root/`, the bound directory, full of ways out.
fn escape_fixture() -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::symlink;
    let t = tempfile::tempdir().unwrap();
    let outside = t.path().join("outside");
    let root = t.path().join("root");
    std::fs::create_dir_all(outside.join("dir")).unwrap();
    std::fs::write(outside.join("secret"), SECRET).unwrap();
    std::fs::write(outside.join("dir/secret"), SECRET).unwrap();
    std::fs::create_dir_all(root.join("inner/deeper")).unwrap();
    std::fs::write(root.join("inner/file"), b"inside").unwrap();
    let links: [(&str, PathBuf); 12] = [
        ("abs", PathBuf::from("/etc")),
        ("abs_secret", outside.join("secret")),
        ("abs_outside", outside.clone()),
        ("up", PathBuf::from("../outside")),
        ("up_secret", PathBuf::from("../outside/secret")),
        ("inner/up2", PathBuf::from("../../outside")),
        ("inner/deeper/up3", PathBuf::from("../../../outside/dir")),
        ("dotdot", PathBuf::from("..")),
        ("loop1", PathBuf::from("loop2")),
        ("loop2", PathBuf::from("loop1")),
        ("proc_root", PathBuf::from("/proc/self/root")),
        ("proc_cwd", PathBuf::from("/proc/self/cwd")),
    ];
    for (name, target) in links {
        symlink(target, root.join(name)).unwrap();
    }
    symlink("inner", root.join("ok_link")).unwrap();
    std::fs::hard_link(outside.join("secret"), root.join("hard")).unwrap();
    (t, root)
}

#[derive(Debug)]
enum Attempt {
    Stat(String),
    Read(String),
    Write(String),
    Create(String),
    List(String),
    Mkdir(String),
    Remove(String),
    RenameTo(String, String),
    Chmod(String),
    Truncate(String),
    SetId(String),
}

fn catalogue() -> Vec<Attempt> {
    use Attempt::*;
    let long = "x".repeat(300);
    let deep = format!("/{}", ["abcdefgh"; 600].join("/"));
    let mut v = Vec::new();
    // Symlinks out, in every form, through every operation.
    for link in [
        "abs",
        "abs_outside",
        "up",
        "inner/up2",
        "inner/deeper/up3",
        "dotdot",
        "proc_root",
        "proc_cwd",
    ] {
        let l = format!("/{link}");
        v.push(List(l.clone()));
        v.push(Read(format!("{l}/secret")));
        v.push(Create(format!("{l}/planted")));
        v.push(Mkdir(format!("{l}/newdir")));
        v.push(Remove(format!("{l}/secret")));
        v.push(RenameTo("/inner/file".into(), format!("{l}/stolen")));
    }
    for file in ["abs_secret", "up_secret", "hard"] {
        let f = format!("/{file}");
        v.push(Read(f.clone()));
        v.push(Write(f.clone()));
        v.push(Chmod(f.clone()));
        v.push(Truncate(f.clone()));
    }
    // Set-id bits on a host file would hand the guest the host user's
    // identity for anyone who runs it.
    v.push(SetId("/inner/file".into()));
    v.push(Stat("/abs_secret".into()));
    v.push(Stat("/up/secret".into()));
    v.push(Stat("/proc_root/etc/passwd".into()));
    // Loops.
    v.push(Read("/loop1".into()));
    v.push(Create("/loop1/x".into()));
    v.push(List("/loop2".into()));
    // Names the kernel would never send, sent anyway.
    for name in [
        "/..",
        "/../outside/secret",
        "/inner/../../outside/secret",
        "/./inner",
        "inner/file",
        "/inner/\0/file",
        "/inner/file\0",
    ] {
        v.push(Read(name.into()));
        v.push(Create(format!("{name}/x")));
    }
    v.push(Create(format!("/{long}")));
    v.push(Mkdir(format!("/inner/{long}")));
    v.push(Read(deep.clone()));
    v.push(Create(deep));
    v
}

fn secret_free(data: &[u8]) -> bool {
    !data.windows(SECRET.len()).any(|w| w == SECRET)
}

async fn attempt(fs: &dyn Fileserver, a: &Attempt) -> Result<(), kernel::Error> {
    use Attempt::*;
    match a {
        Stat(p) => fs.stat(&WHO, p).await.map(|_| ()),
        Read(p) => {
            let o = fs.open(&WHO, p, OpenFlags::READ).await?.opened().unwrap();
            let data = fs.read(&WHO, o.handle, 0, 1 << 16).await;
            let _ = fs.close(&WHO, o.handle).await;
            assert!(secret_free(&data?), "{a:?} read the secret");
            Ok(())
        }
        Write(p) => {
            let flags = OpenFlags {
                read: false,
                write: true,
                ..OpenFlags::READ
            };
            let o = fs.open(&WHO, p, flags).await?.opened().unwrap();
            let r = fs.write(&WHO, o.handle, 0, b"PWNED").await;
            let _ = fs.close(&WHO, o.handle).await;
            r.map(|_| ())
        }
        Create(p) => {
            let o = fs.open(&WHO, p, OpenFlags::WRITE).await?.opened().unwrap();
            fs.close(&WHO, o.handle).await
        }
        List(p) => {
            let names = fs.readdir(&WHO, p).await?;
            assert!(!names.iter().any(|e| e.name == "secret"), "{a:?} listed the outside");
            Ok(())
        }
        Mkdir(p) => fs.mkdir(&WHO, p, 0o755).await,
        Remove(p) => fs.remove(&WHO, p).await,
        RenameTo(from, to) => fs.rename(&WHO, from, to).await,
        Chmod(p) => {
            fs.wstat(
                &WHO,
                p,
                &StatChanges {
                    mode: Some(0o777),
                    ..Default::default()
                },
            )
            .await
        }
        SetId(p) => {
            fs.wstat(
                &WHO,
                p,
                &StatChanges {
                    mode: Some(0o4755),
                    ..Default::default()
                },
            )
            .await
        }
        Truncate(p) => {
            fs.wstat(
                &WHO,
                p,
                &StatChanges {
                    size: Some(0),
                    ..Default::default()
                },
            )
            .await
        }
    }
}

#[test]
fn the_escape_catalogue_is_refused() {
    // TM-ESC-002: nothing inside reaches outside a bound host directory.
    let (t, root) = escape_fixture();
    let before = tree(t.path());
    let fs = hostfs(&root, false);
    let attempts = catalogue();
    assert!(attempts.len() >= 50, "{} attempts", attempts.len());
    run(async move {
        for a in &attempts {
            match attempt(fs.as_ref(), a).await {
                Ok(()) => panic!("{a:?} succeeded"),
                // A clear error, never a panic or a hang.
                Err(e) => assert!(!e.message().is_empty(), "{a:?}: empty message"),
            }
        }
        // And the links that stay inside still work.
        let o = fs
            .open(&WHO, "/ok_link/file", OpenFlags::READ)
            .await
            .unwrap()
            .opened()
            .unwrap();
        assert_eq!(fs.read(&WHO, o.handle, 0, 100).await.unwrap(), b"inside");
    });
    assert_eq!(tree(t.path()), before, "the host tree changed");
}

#[test]
fn escapes_say_why() {
    let (_t, root) = escape_fixture();
    let fs = hostfs(&root, false);
    run(async move {
        let e = fs.open(&WHO, "/up/secret", OpenFlags::READ).await.unwrap_err();
        assert_eq!(e.code(), Errno::EACCES);
        assert_eq!(e.message(), "outside the bound host directory");
        let e = fs.open(&WHO, "/hard", OpenFlags::READ).await.unwrap_err();
        assert!(e.message().contains("hard-linked"), "{e}");
        let e = fs.open(&WHO, "/loop1", OpenFlags::READ).await.unwrap_err();
        assert!(matches!(e.code(), Errno::ELOOP | Errno::EACCES), "{e}");
        let e = fs
            .open(&WHO, &format!("/{}", "x".repeat(300)), OpenFlags::WRITE)
            .await
            .unwrap_err();
        assert_eq!(e.code(), Errno::ENAMETOOLONG);
    });
}

/// A symlink to the outside swapped in for a directory while the guest
/// walks through it: the host kernel resolves each open beneath the root,
/// so no open ever reads the secret.
#[test]
fn a_symlink_swapped_in_during_a_walk_is_refused() {
    // TM-ESC-002
    let (t, root) = escape_fixture();
    std::fs::create_dir(root.join("race")).unwrap();
    std::fs::write(root.join("race/secret"), b"harmless").unwrap();
    let before_outside = tree(&t.path().join("outside"));
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (root, stop, outside) = (root.clone(), stop.clone(), t.path().join("outside"));
        std::thread::spawn(move || {
            let (dir, link, parked) = (root.join("race"), root.join("race_link"), root.join("race_dir"));
            std::os::unix::fs::symlink(&outside, &link).unwrap();
            let mut swaps = 0u32;
            while !stop.load(Ordering::Relaxed) {
                // race: directory -> symlink -> directory, atomically by rename.
                std::fs::rename(&dir, &parked).unwrap();
                std::fs::rename(&link, &dir).unwrap();
                std::fs::rename(&dir, &link).unwrap();
                std::fs::rename(&parked, &dir).unwrap();
                swaps += 1;
            }
            swaps
        })
    };
    let fs = hostfs(&root, false);
    let (mut opened, mut refused) = (0, 0);
    run(async {
        for _ in 0..2000 {
            match fs.open(&WHO, "/race/secret", OpenFlags::READ).await {
                Ok(o) => {
                    let o = o.opened().unwrap();
                    let data = fs.read(&WHO, o.handle, 0, 100).await.unwrap_or_default();
                    let _ = fs.close(&WHO, o.handle).await;
                    assert!(secret_free(&data), "read the secret through a swapped link");
                    opened += 1;
                }
                Err(_) => refused += 1,
            }
            let _ = fs.open(&WHO, "/race/planted", OpenFlags::WRITE).await;
        }
    });
    stop.store(true, Ordering::Relaxed);
    let swaps = swapper.join().unwrap();
    assert!(swaps > 0 && opened + refused == 2000);
    assert_eq!(tree(&t.path().join("outside")), before_outside, "the outside changed");
}
