//! `ln`: make links (GNU coreutils 9.1) — on a system without them.
//!
//! The protocol has no links of either kind and paths are cleaned
//! lexically before any server sees them, which a symbolic link would
//! make wrong (specs/links.md). So `ln` checks its operands exactly as GNU
//! ln does and then fails each link the way GNU ln fails on a file system
//! without links (Operation not permitted), changing nothing: `-f` never
//! removes a destination it could not replace. A note says what to use
//! instead: `bind`, which makes one name show another in the namespace.

use kernel::Errno;

use common::cli::{Cmd, Opt, flag, value};
use common::quote::quote;

const HELP: &str = "Usage: ln [OPTION]... [-T] TARGET LINK_NAME
  or:  ln [OPTION]... TARGET
  or:  ln [OPTION]... TARGET... DIRECTORY
  or:  ln [OPTION]... -t DIRECTORY TARGET...
In the 1st form, create a link to TARGET with the name LINK_NAME.
In the 2nd form, create a link to TARGET in the current directory.
In the 3rd and 4th forms, create links to each TARGET in DIRECTORY.
Create hard links by default, symbolic links with --symbolic.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force                 remove existing destination files
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -r, --relative              with -s, create links relative to link location
  -s, --symbolic              make symbolic links instead of hard links
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
      --help        display this help and exit
      --version     output version information and exit

There are no links here, hard or symbolic (see specs/links.md): each link
fails with 'Operation not permitted' and nothing is changed. To make a
name show another file or directory, use the shell's bind: 'bind TARGET
LINK_NAME' (the name must exist; bind -c to allow creating under it).
";

const SPEC: &[Opt] = &[
    flag("force", 'f'),
    flag("no-dereference", 'n'),
    flag("relative", 'r'),
    flag("symbolic", 's'),
    value("target-directory", 't'),
    flag("no-target-directory", 'T'),
    flag("verbose", 'v'),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let symbolic = opts.has("symbolic");
    if opts.has("relative") && !symbolic {
        cmd.error("cannot do --relative without --symbolic").await;
        return 1;
    }
    let ops = &opts.operands;
    let no_target = opts.has("no-target-directory");
    if let Some(dir) = opts.value("target-directory") {
        if no_target {
            cmd.error("cannot combine --target-directory and --no-target-directory")
                .await;
            return 1;
        }
        if ops.is_empty() {
            return cmd.usage_error("missing file operand", 1).await;
        }
        match cmd.p.stat(dir).await {
            Ok(st) if st.is_dir() => {}
            Ok(_) => {
                cmd.error(format!("target directory {}: Not a directory", quote(dir)))
                    .await;
                return 1;
            }
            Err(e) => {
                cmd.error(format!("failed to access {}: {}", quote(dir), e.strerror()))
                    .await;
                return 1;
            }
        }
        let pairs = ops.iter().map(|t| (t.clone(), format!("{dir}/{}", base(t)))).collect();
        return link_all(&mut cmd, pairs, symbolic, opts.has("force")).await;
    }
    let pairs = match ops.len() {
        0 => return cmd.usage_error("missing file operand", 1).await,
        1 => vec![(ops[0].clone(), base(&ops[0]).to_string())],
        2 if no_target => vec![(ops[0].clone(), ops[1].clone())],
        2 if !is_dir(&cmd, &ops[1]).await => vec![(ops[0].clone(), ops[1].clone())],
        _ if no_target => return cmd.usage_error(format!("extra operand {}", quote(&ops[2])), 1).await,
        n => {
            let dir = &ops[n - 1];
            let problem = match cmd.p.stat(dir).await {
                Ok(st) if st.is_dir() => None,
                Ok(_) => Some("Not a directory".to_string()),
                Err(e) => Some(e.strerror().to_string()),
            };
            if let Some(p) = problem {
                cmd.error(format!("target {}: {p}", quote(dir))).await;
                return 1;
            }
            ops[..n - 1]
                .iter()
                .map(|t| (t.clone(), format!("{dir}/{}", base(t))))
                .collect()
        }
    };
    link_all(&mut cmd, pairs, symbolic, opts.has("force")).await
}

async fn is_dir(cmd: &Cmd, name: &str) -> bool {
    cmd.p.stat(name).await.is_ok_and(|s| s.is_dir())
}

/// The last element of a name (`a/b/` gives `b`).
fn base(name: &str) -> &str {
    let t = name.trim_end_matches('/');
    if t.is_empty() {
        return "/";
    }
    t.rsplit('/').next().unwrap_or(t)
}

async fn link_all(cmd: &mut Cmd, pairs: Vec<(String, String)>, symbolic: bool, force: bool) -> i32 {
    let mut status = 0;
    let mut told = false;
    for (target, name) in pairs {
        // GNU's checks, in GNU's order, before the link itself.
        if !symbolic {
            match cmd.p.stat(&target).await {
                Err(e) => {
                    cmd.error(format!("failed to access {}: {}", quote(&target), e.strerror()))
                        .await;
                    status = 1;
                    continue;
                }
                Ok(st) if st.is_dir() => {
                    cmd.error(format!("{target}: hard link not allowed for directory"))
                        .await;
                    status = 1;
                    continue;
                }
                Ok(_) => {}
            }
        }
        if !force && cmd.p.stat(&name).await.is_ok() {
            let what = if symbolic { "symbolic link" } else { "hard link" };
            cmd.error(format!("failed to create {what} {}: File exists", quote(&name)))
                .await;
            status = 1;
            continue;
        }
        let e = kernel::Error::from(Errno::EPERM);
        let text = if symbolic {
            format!("failed to create symbolic link {}: {}", quote(&name), e.strerror())
        } else {
            format!(
                "failed to create hard link {} => {}: {}",
                quote(&name),
                quote(&target),
                e.strerror()
            )
        };
        cmd.error(text).await;
        if !told {
            cmd.error(format!(
                "there are no links here; 'bind {target} {name}' makes {name} show {target} (see specs/links.md)"
            ))
            .await;
            told = true;
        }
        status = 1;
    }
    cmd.finish(status).await
}
