//! `sync`: synchronize cached writes (GNU coreutils 9.1).
//!
//! A fileserver applies each write before the write returns, and the
//! protocol has no flush request, so there is nothing to wait for: `sync`
//! checks its operands as GNU's does (each must open) and succeeds.

use kernel::OpenFlags;

use common::cli::{Cmd, Opt, flag};
use common::quote::quote;

const HELP: &str = "Usage: sync [OPTION] [FILE]...
Synchronize cached writes to persistent storage

If one or more files are specified, sync only them,
or their containing file systems.

  -d, --data             sync only file data, no unneeded metadata
  -f, --file-system      sync the file systems that contain the files
      --help     display this help and exit
      --version  output version information and exit

Every fileserver here has applied a write when the write returns, so
there is never anything waiting to be written.
";

const SPEC: &[Opt] = &[flag("data", 'd'), flag("file-system", 'f')];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (data, fs) = (opts.has("data"), opts.has("file-system"));
    if data && opts.operands.is_empty() {
        cmd.error("--data needs at least one argument").await;
        return cmd.finish(1).await;
    }
    if data && fs {
        cmd.error("cannot specify both --data and --file-system").await;
        return cmd.finish(1).await;
    }
    let mut status = 0;
    for name in &opts.operands {
        // GNU opens for reading, then for writing (a write-only file).
        let opened = match cmd.p.open(name, OpenFlags::READ).await {
            Ok(fd) => Ok(fd),
            Err(e) => {
                let write_only = OpenFlags {
                    read: false,
                    write: true,
                    ..OpenFlags::READ
                };
                cmd.p.open(name, write_only).await.map_err(|_| e)
            }
        };
        match opened {
            Ok(fd) => {
                let _ = cmd.p.close(fd).await;
            }
            Err(e) => {
                cmd.error(format!("error opening {}: {}", quote(name), e.strerror()))
                    .await;
                status = 1;
            }
        }
    }
    cmd.finish(status).await
}
