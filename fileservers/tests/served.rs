//! Fileservers served by processes (`kernel::served`).

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use fileservers::MemoryFs;
use fileservers::conformance::{self, Profile};
use kernel::served;
use kernel::{
    Caller, Clock, DirEntry, Errno, Fileserver, Handle, MountFlags, NodeType, OpenFlags, OpenResult, Opened, Qid,
    SpawnOpts, Stat, Target,
};

use crate::system::run_as_init;

/// Start a process serving `server` through a channel, posted as
/// /srv/NAME; answers its pid.
async fn serve(p: &kernel::Proc, name: &str, server: Arc<dyn Fileserver>) -> u32 {
    let (client, requests) = served::channel(name);
    let post = p
        .post(&format!("/srv/{name}"), client, "served by a test process")
        .await
        .unwrap();
    p.spawn(
        Target::oneshot(move |sp| async move {
            let _post = post;
            requests.serve(&sp, server).await;
            0
        }),
        SpawnOpts {
            argv: vec!["server".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

#[test]
fn a_process_served_memfs_passes_conformance() {
    run_as_init(|p| async move {
        let pid = serve(&p, "ram", Arc::new(MemoryFs::new(Clock::real()))).await;
        let client = p.posted("/srv/ram").await.unwrap();
        conformance::check(client, Profile::MUTABLE).await;
        p.kill(pid, "kill").unwrap();
        p.wait(pid).await.unwrap();
        0
    });
}

#[test]
fn clients_get_an_error_when_the_server_dies() {
    run_as_init(|p| async move {
        let pid = serve(&p, "ram", Arc::new(MemoryFs::new(Clock::real()))).await;
        p.mount_srv("/srv/ram", "/n/a", MountFlags::REPLACE.with_create(), "")
            .await
            .unwrap();
        p.write_file("/n/a/f", b"hello").await.unwrap();
        let fd = p.open("/n/a/f", OpenFlags::READ).await.unwrap();
        p.kill(pid, "kill").unwrap();
        p.wait(pid).await.unwrap();
        let e = p.read(fd, 10).await.unwrap_err();
        assert_eq!(e.code(), Errno::EHUNGUP);
        assert_eq!(e.to_string(), "i/o on hung-up channel");
        assert_eq!(
            p.stat("/n/a/f").await.unwrap_err().to_string(),
            "i/o on hung-up channel"
        );
        assert!(
            p.readdir("/srv").await.unwrap().is_empty(),
            "the post went with its server"
        );
        0
    });
}

/// A server whose one file blocks readers forever.
struct Blocking;

#[async_trait]
impl Fileserver for Blocking {
    fn name(&self) -> &str {
        "blocking"
    }

    async fn open(&self, _who: &Caller, _path: &str, _flags: OpenFlags) -> kernel::Result<OpenResult> {
        Ok(Opened {
            handle: Handle(1),
            qid: Qid {
                path: 1,
                version: 0,
                kind: NodeType::File,
            },
        }
        .into())
    }

    async fn read(&self, _who: &Caller, _h: Handle, _offset: u64, _count: usize) -> kernel::Result<Vec<u8>> {
        std::future::pending().await
    }

    async fn close(&self, _who: &Caller, _h: Handle) -> kernel::Result<()> {
        Ok(())
    }

    async fn stat(&self, _who: &Caller, path: &str) -> kernel::Result<Stat> {
        let kind = if path == "/" { NodeType::Dir } else { NodeType::File };
        Ok(Stat::new(path.rsplit('/').next().unwrap_or("/"), kind, 0, 0))
    }

    async fn readdir(&self, _who: &Caller, _path: &str) -> kernel::Result<Vec<DirEntry>> {
        Ok(vec![DirEntry::new("wait", NodeType::File)])
    }
}

#[test]
fn a_read_blocked_in_a_dead_server_fails_promptly() {
    run_as_init(|p| async move {
        let pid = serve(&p, "block", Arc::new(Blocking)).await;
        p.mount_srv("/srv/block", "/n/a", MountFlags::REPLACE, "")
            .await
            .unwrap();
        let fd = p.open("/n/a/wait", OpenFlags::READ).await.unwrap();
        let killer = p.clone();
        let kill_later = async move {
            killer.sleep(Duration::from_millis(20)).await.unwrap();
            killer.kill(pid, "kill").unwrap();
        };
        let (r, ()) = tokio::join!(p.read(fd, 10), kill_later);
        assert_eq!(r.unwrap_err().to_string(), "i/o on hung-up channel");
        0
    });
}

#[test]
fn one_blocked_call_does_not_hold_up_others() {
    run_as_init(|p| async move {
        let pid = serve(&p, "block", Arc::new(Blocking)).await;
        p.mount_srv("/srv/block", "/n/a", MountFlags::REPLACE, "")
            .await
            .unwrap();
        let fd = p.open("/n/a/wait", OpenFlags::READ).await.unwrap();
        let other = p.clone();
        let meanwhile = async move {
            let names = other.readdir("/n/a").await.unwrap();
            other.kill(pid, "kill").unwrap();
            names.len()
        };
        let (r, n) = tokio::join!(p.read(fd, 10), meanwhile);
        assert_eq!(n, 1);
        assert!(r.is_err());
        0
    });
}
