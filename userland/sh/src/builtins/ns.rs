//! `bind`, `mount`, `unmount`, `rfork`: the namespace commands. They run
//! in the shell's own process because a namespace change made by a child
//! would be invisible to the shell.

use kernel::{MountFlags, MountOrder, Rfork};

use crate::{Res, Shell};
use common::bytes;

/// Parse `-abcCq` flags; answers the flags, quiet, and the operands.
fn flags(argv: &[String]) -> Result<(MountFlags, bool, Vec<String>), char> {
    let (opts, rest) = super::options(argv, "abcCq")?;
    let mut f = MountFlags::REPLACE;
    let mut quiet = false;
    if opts.contains(&'a') && opts.contains(&'b') {
        return Err('b');
    }
    for c in opts {
        match c {
            'a' => f.order = MountOrder::After,
            'b' => f.order = MountOrder::Before,
            'c' => f.create = true,
            'C' => f.cache = true,
            _ => quiet = true,
        }
    }
    Ok((f, quiet, rest))
}

async fn usage(sh: &mut Shell, name: &str, text: &str) -> Res {
    sh.write_fd(2, &format!("usage: {name} {text}\n")).await;
    Ok(1)
}

pub async fn bind(sh: &mut Shell, argv: Vec<String>) -> Res {
    let Ok((f, quiet, args)) = flags(&argv) else {
        return usage(sh, "bind", "[-abcCq] new old").await;
    };
    if args.len() != 2 {
        return usage(sh, "bind", "[-abcCq] new old").await;
    }
    let (new, old) = (bytes::to_os(&args[0]), bytes::to_os(&args[1]));
    match sh.proc.bind(&new, &old, f).await {
        Ok(()) => Ok(0),
        Err(e) => {
            if !quiet {
                // Name the operand that is wrong: `new` if it cannot be
                // reached, else `old`.
                let at = if sh.proc.stat(&new).await.is_err() {
                    &args[0]
                } else {
                    &args[1]
                };
                sh.write_fd(2, &format!("bind: {at}: {}\n", e.message())).await;
            }
            Ok(1)
        }
    }
}

pub async fn mount(sh: &mut Shell, argv: Vec<String>) -> Res {
    let Ok((f, quiet, args)) = flags(&argv) else {
        return usage(sh, "mount", "[-abcCq] srvname old [spec]").await;
    };
    if args.is_empty() {
        // No arguments: what is mounted where.
        let text = sh.proc.ns_text();
        sh.out(&bytes::from_os(&text)).await;
        return Ok(0);
    }
    if !(2..=3).contains(&args.len()) {
        return usage(sh, "mount", "[-abcCq] srvname old [spec]").await;
    }
    let spec = args.get(2).map(|s| bytes::to_os(s)).unwrap_or_default();
    let (srv, old) = (bytes::to_os(&args[0]), bytes::to_os(&args[1]));
    match sh.proc.mount_srv(&srv, &old, f, &spec).await {
        Ok(()) => Ok(0),
        Err(e) => {
            if !quiet {
                // The server if it is not there to mount, else the mount
                // point.
                let at = if sh.proc.posted(&srv).await.is_err() {
                    &args[0]
                } else {
                    &args[1]
                };
                sh.write_fd(2, &format!("mount: {at}: {}\n", e.message())).await;
            }
            Ok(1)
        }
    }
}

pub async fn unmount(sh: &mut Shell, argv: Vec<String>) -> Res {
    let Ok((_, quiet, args)) = flags(&argv) else {
        return usage(sh, "unmount", "[new] old").await;
    };
    let (new, old) = match args.as_slice() {
        [old] => (None, old.clone()),
        [new, old] => (Some(bytes::to_os(new)), old.clone()),
        _ => return usage(sh, "unmount", "[new] old").await,
    };
    match sh.proc.unmount(new.as_deref(), &bytes::to_os(&old)).await {
        Ok(()) => Ok(0),
        Err(e) => {
            if !quiet {
                sh.write_fd(2, &format!("unmount: {old}: {}\n", e.message())).await;
            }
            Ok(1)
        }
    }
}

/// rc's letters: n/N copy/clean namespace, e/E environment, f/F fd
/// table, s new note group, m no more mounts. With none, `ens`.
pub async fn rfork(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() > 2 {
        sh.write_fd(2, "usage: rfork [nNeEsfFm]\n").await;
        return Ok(1);
    }
    match Rfork::from_letters(argv.get(1).map_or("", String::as_str)) {
        Ok(r) => {
            sh.proc.rfork(r);
            Ok(0)
        }
        Err(e) => {
            sh.write_fd(2, &format!("rfork: {}\nusage: rfork [nNeEsfFm]\n", e.message()))
                .await;
            Ok(1)
        }
    }
}
