//! `snapshot`, `snapshots`, `restore`, `snapdiff`: the store the host
//! granted (`ninebox --state`), through `#S/ctl`.
//!
//! Each command writes one request (its words separated by NUL) to the
//! ctl file and prints the reply; the store's work happens in StateFs
//! (`store/src/statefs.rs`). Without `--state` there is no `#S`, and each
//! command says so.

use kernel::{Errno, OpenFlags};

use common::cli::{Cmd, Opt, value};

const CTL: &str = "#S/ctl";

/// Send `words` to the store; the reply, or the message to print.
async fn request(cmd: &Cmd, words: &[&str]) -> Result<Vec<u8>, String> {
    let fd = match cmd.p.open(CTL, OpenFlags::READWRITE).await {
        Ok(fd) => fd,
        Err(e) if e.is(Errno::ENOENT) => {
            return Err("no store: start ninebox with --state FILE to keep snapshots".into());
        }
        Err(e) => return Err(e.message().to_string()),
    };
    let result = async {
        cmd.p.write(fd, words.join("\0").as_bytes()).await?;
        let mut reply = Vec::new();
        loop {
            let piece = cmd.p.read(fd, 1 << 16).await?;
            if piece.is_empty() {
                return Ok(reply);
            }
            reply.extend_from_slice(&piece);
        }
    }
    .await;
    let _ = cmd.p.close(fd).await;
    result.map_err(|e: kernel::Error| e.message().to_string())
}

/// Run one request and print its reply (or the error): the body every
/// command here shares.
async fn run(cmd: &mut Cmd, words: &[&str], print: bool) -> i32 {
    match request(cmd, words).await {
        Ok(reply) => {
            if print {
                cmd.out.write(&reply).await;
            }
            cmd.finish(0).await
        }
        Err(msg) => {
            cmd.error(msg).await;
            cmd.finish(1).await
        }
    }
}

const SNAPSHOT_HELP: &str = "Usage: snapshot [-m MESSAGE] [NAME]
Commit the persistent trees (/home, or all with --persist all) to the
store now, and print the new snapshot's id. With NAME, the snapshot can be
restored by that name.

  -m, --message=MESSAGE  describe the snapshot
      --help     display this help and exit
      --version  output version information and exit
";

const SNAPSHOT_SPEC: &[Opt] = &[value("message", 'm')];

pub async fn snapshot(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SNAPSHOT_SPEC, SNAPSHOT_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.len() > 1 {
        let extra = format!("extra operand '{}'", opts.operands[1]);
        return cmd.usage_error(extra, 1).await;
    }
    let message = opts.value("message").unwrap_or("").to_string();
    let name = opts.operands.first().cloned().unwrap_or_default();
    run(&mut cmd, &["snapshot", &message, &name], true).await
}

const SNAPSHOTS_HELP: &str = "Usage: snapshots
List the snapshots of this system's branch, newest first: id, time (UTC),
size of the files, names, message.

      --help     display this help and exit
      --version  output version information and exit
";

pub async fn snapshots(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], SNAPSHOTS_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        let extra = format!("extra operand '{extra}'");
        return cmd.usage_error(extra, 1).await;
    }
    run(&mut cmd, &["log"], true).await
}

const RESTORE_HELP: &str = "Usage: restore SNAPSHOT
Make the persistent trees what they were in SNAPSHOT (a name, an id, or
a unique prefix of an id of at least 4 digits). Files made since are
removed. The next snapshot records the restored state.

      --help     display this help and exit
      --version  output version information and exit
";

pub async fn restore(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], RESTORE_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    match opts.operands.as_slice() {
        [name] => {
            let name = name.clone();
            run(&mut cmd, &["restore", &name], false).await
        }
        [] => cmd.usage_error("missing operand", 1).await,
        [_, extra, ..] => {
            let extra = format!("extra operand '{extra}'");
            cmd.usage_error(extra, 1).await
        }
    }
}

const SNAPDIFF_HELP: &str = "Usage: snapdiff SNAPSHOT1 SNAPSHOT2
List the paths that differ from SNAPSHOT1 to SNAPSHOT2, one a line, as
git diff --name-status prints them: A (added), D (deleted) or M
(modified), a tab, the path.

      --help     display this help and exit
      --version  output version information and exit
";

pub async fn snapdiff(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], SNAPDIFF_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    match opts.operands.as_slice() {
        [a, b] => {
            let (a, b) = (a.clone(), b.clone());
            run(&mut cmd, &["diff", &a, &b], true).await
        }
        [_, _, extra, ..] => {
            let extra = format!("extra operand '{extra}'");
            cmd.usage_error(extra, 1).await
        }
        _ => cmd.usage_error("missing operand", 1).await,
    }
}
