//! `memfs` and `ramfs`: post a fresh in-memory file system in `/srv`.
//!
//! `memfs NAME` posts a MemoryFS object: it lives in the registry, belongs
//! to no process, and lasts until `rm /srv/NAME` and the last unmount.
//! `ramfs` is the same tree served by a process of its own (Plan 9's
//! ramfs): it shows in `ps`, its post goes when it ends, and once it is
//! killed its clients get "i/o on hung-up channel" instead of hanging.

use std::sync::Arc;

use fileservers::MemoryFs;
use kernel::limits::Space;
use kernel::{Fileserver, Rfork, Share, SpawnOpts, Target, served};

use common::cli::{Cmd, Opt, value};
use common::size::parse_size;

const MEMFS_HELP: &str = "Usage: memfs [-s SIZE] NAME
Post a new, empty in-memory file system as /srv/NAME.

Mount it with 'mount -c /srv/NAME DIR'. It belongs to no process: it lasts
until 'rm /srv/NAME' and the last unmount.

  -s, --size=SIZE   refuse writes beyond SIZE bytes (K, M, G suffixes; at
                    most the fs limit, which is also the default)
      --help        display this help and exit
      --version     output version information and exit
";

const RAMFS_HELP: &str = "Usage: ramfs [-s SIZE] [-S NAME]
Start a process that serves a new, empty in-memory file system, posted as
/srv/NAME (default /srv/ramfs), and return at once.

The server shows in ps; its post is withdrawn when it ends, and after it
is killed every access through its mounts fails with 'i/o on hung-up
channel'. Mount it with 'mount -c /srv/NAME DIR'.

  -S, --srv=NAME    the name to post under (default ramfs)
  -s, --size=SIZE   refuse writes beyond SIZE bytes (K, M, G suffixes; at
                    most the fs limit, which is also the default)
      --help        display this help and exit
      --version     output version information and exit
";

const MEMFS_SPEC: &[Opt] = &[value("size", 's')];
const RAMFS_SPEC: &[Opt] = &[value("size", 's'), value("srv", 'S')];

/// A new tree, with the quota asked for: never more than the `fs` limit,
/// and charged to the system's `fs-total` with every other tree.
async fn tree(cmd: &mut Cmd, size: Option<&str>) -> Result<MemoryFs, i32> {
    let limit = cmd.p.limits().fs_bytes;
    let quota = match size.map(|s| parse_size(s, "")) {
        None => limit,
        Some(Ok(n)) => n.min(limit),
        Some(Err(e)) => {
            return Err(cmd
                .usage_error(format!("invalid size '{}': {e}", size.unwrap_or("")), 1)
                .await);
        }
    };
    let kernel = cmd.p.kernel();
    let space = Space::new("fs", quota, Some(kernel.fs_space.clone()));
    Ok(MemoryFs::new(kernel.clock.clone()).with_space(space))
}

pub async fn memfs(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(MEMFS_SPEC, MEMFS_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let [name] = opts.operands.as_slice() else {
        return cmd.usage_error("expected one NAME", 1).await;
    };
    let fs = match tree(&mut cmd, opts.value("size")).await {
        Ok(fs) => fs,
        Err(status) => return status,
    };
    let description = format!("memfs, posted by pid {}\n", cmd.p.pid());
    match cmd.p.post(&format!("/srv/{name}"), Arc::new(fs), &description).await {
        Ok(post) => {
            post.leave();
            cmd.finish(0).await
        }
        Err(e) => {
            cmd.error_at(&format!("/srv/{name}"), &e).await;
            cmd.finish(1).await
        }
    }
}

pub async fn ramfs(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(RAMFS_SPEC, RAMFS_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand '{extra}'"), 1).await;
    }
    let name = opts.value("srv").unwrap_or("ramfs").to_string();
    let fs: Arc<dyn Fileserver> = match tree(&mut cmd, opts.value("size")).await {
        Ok(fs) => Arc::new(fs),
        Err(status) => return status,
    };
    serve_posted(cmd, "ramfs", &name, fs).await
}

/// Start a process named `prog` that serves `fs` and posts it as
/// `/srv/NAME`; return once it has posted (or failed to), so the name is
/// there for the next command.
pub(crate) async fn serve_posted(mut cmd: Cmd, prog: &'static str, name: &str, fs: Arc<dyn Fileserver>) -> i32 {
    // The server process posts itself (so the post names its pid) and
    // says when it has; this command returns only then, so the name is
    // there for the next command. The post's guard lives in the server and
    // withdraws the post when it ends.
    let path = format!("/srv/{name}");
    let (ready, posted) = tokio::sync::oneshot::channel();
    let server_path = path.clone();
    let server = Target::oneshot(move |p| async move {
        let (client, requests) = served::channel(prog);
        let description = format!("{prog}, served by pid {}\n", p.pid());
        match p.post(&server_path, client, &description).await {
            Ok(post) => {
                let _ = ready.send(Ok(()));
                let _post = post;
                requests.serve(&p, fs).await;
                0
            }
            Err(e) => {
                let _ = ready.send(Err(e));
                1
            }
        }
    });
    let opts = SpawnOpts {
        argv: vec![prog.into(), "-S".into(), name.to_string()],
        // A daemon keeps none of our fds: `$(ramfs)` must not wait for it.
        rfork: Rfork {
            fds: Share::Clean,
            new_note_group: true,
            ..Rfork::FORK
        },
        ..Default::default()
    };
    if let Err(e) = cmd.p.spawn(server, opts).await {
        cmd.error(format!("cannot start the server: {}", e.strerror())).await;
        return cmd.finish(1).await;
    }
    match posted.await {
        Ok(Ok(())) => cmd.finish(0).await,
        Ok(Err(e)) => {
            cmd.error_at(&path, &e).await;
            cmd.finish(1).await
        }
        Err(_) => {
            cmd.error("the server ended before posting").await;
            cmd.finish(1).await
        }
    }
}
