//! `queuefs` and `kvfs`: AGFS's queue and key-value services, each served
//! by a process of its own and posted in `/srv` (as `ramfs` is).

use std::sync::Arc;

use fileservers::{KvFs, QueueFs};
use kernel::Fileserver;
use kernel::limits::Space;

use common::cli::{Cmd, Opt, value};

use crate::memfs::serve_posted;

const QUEUEFS_HELP: &str = "Usage: queuefs [-S NAME]
Start a process that serves message queues as files, posted as /srv/NAME
(default /srv/queuefs), and return at once. Mount it with
'mount -c /srv/NAME DIR' and read DIR/README for the layout: mkdir makes a
queue; each queue has enqueue, dequeue (blocks while empty), peek, size
and clear.

A message may hold at most this process's string limit of bytes, and the
messages together its fs limit (charged to fs-total).

  -S, --srv=NAME    the name to post under (default queuefs)
      --help        display this help and exit
      --version     output version information and exit
";

const KVFS_HELP: &str = "Usage: kvfs [-S NAME]
Start a process that serves a key-value store as files, posted as
/srv/NAME (default /srv/kvfs), and return at once. Mount it with
'mount -c /srv/NAME DIR' and read DIR/README for the layout: keys/KEY holds
a value; ctl takes 'cas KEY OLDSHA256 NEWVALUE'; a read of watch blocks
until a key changes.

A value may hold at most this process's string limit of bytes, and the
values together its fs limit (charged to fs-total).

  -S, --srv=NAME    the name to post under (default kvfs)
      --help        display this help and exit
      --version     output version information and exit
";

const SPEC: &[Opt] = &[value("srv", 'S')];

async fn start(mut cmd: Cmd, prog: &'static str, help: &str, make: impl FnOnce(&Cmd) -> Arc<dyn Fileserver>) -> i32 {
    let opts = match cmd.parse(SPEC, help).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand '{extra}'"), 1).await;
    }
    let name = opts.value("srv").unwrap_or(prog).to_string();
    if name.is_empty() || name.contains('/') {
        return cmd.usage_error(format!("invalid name '{name}'"), 1).await;
    }
    let fs = make(&cmd);
    serve_posted(cmd, prog, &name, fs).await
}

/// What a server's contents may take: the `fs` limit, charged to the
/// system's `fs-total` with every other tree (as a ramfs's are).
fn space(cmd: &Cmd) -> Arc<Space> {
    let kernel = cmd.p.kernel();
    Space::new("fs", cmd.p.limits().fs_bytes, Some(kernel.fs_space.clone()))
}

pub async fn queuefs(cmd: Cmd) -> i32 {
    start(cmd, "queuefs", QUEUEFS_HELP, |cmd| {
        let kernel = cmd.p.kernel();
        let salt = kernel.entropy.bytes(4);
        let salt = [salt[0], salt[1], salt[2], salt[3]];
        Arc::new(QueueFs::new(
            kernel.clock.clone(),
            salt,
            cmd.p.limits().max_alloc,
            space(cmd),
        ))
    })
    .await
}

pub async fn kvfs(cmd: Cmd) -> i32 {
    start(cmd, "kvfs", KVFS_HELP, |cmd| {
        let kernel = cmd.p.kernel();
        Arc::new(KvFs::new(kernel.clock.clone(), cmd.p.limits().max_alloc, space(cmd)))
    })
    .await
}
