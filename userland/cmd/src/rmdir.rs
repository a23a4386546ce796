//! `rmdir`: remove empty directories.

use kernel::{Errno, Proc};

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::files::base_name;
use common::quote::quote;

const HELP: &str = "Usage: rmdir [OPTION]... DIRECTORY...
Remove the DIRECTORY(ies), if they are empty.

      --ignore-fail-on-non-empty
                    ignore each failure to remove a non-empty directory
  -p, --parents     remove DIRECTORY and its ancestors;
                    e.g., 'rmdir -p a/b' is similar to 'rmdir a/b a'
  -v, --verbose     output a diagnostic for every directory processed
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[
    long("ignore-fail-on-non-empty", Arg::No),
    flag("parents", 'p'),
    flag("verbose", 'v'),
];

struct Options {
    ignore_non_empty: bool,
    parents: bool,
    verbose: bool,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let o = Options {
        ignore_non_empty: opts.has("ignore-fail-on-non-empty"),
        parents: opts.has("parents"),
        verbose: opts.has("verbose"),
    };
    let mut status = 0;
    for dir in &opts.operands {
        if !remove(&mut cmd, dir, &o, false).await {
            status = 1;
            continue;
        }
        if o.parents && !remove_parents(&mut cmd, dir, &o).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// Remove one directory, reporting as GNU does; true if it went (or its
/// failure is to be ignored).
async fn remove(cmd: &mut Cmd, dir: &str, o: &Options, parent: bool) -> bool {
    if o.verbose {
        let text = format!("{}: removing directory, {}\n", cmd.name, quote(dir));
        cmd.out.write(text.as_bytes()).await;
    }
    match rmdir(&cmd.p, dir).await {
        Ok(()) => true,
        Err(e) if o.ignore_non_empty && e.is(Errno::ENOTEMPTY) => true,
        Err(e) => {
            let what = if parent { "directory " } else { "" };
            cmd.error(format!("failed to remove {what}{}: {}", quote(dir), e.strerror()))
                .await;
            false
        }
    }
}

/// rmdir(2): only directories, and never `.` or `..` (as Linux refuses
/// them), since the kernel here would resolve them lexically.
async fn rmdir(p: &Proc, dir: &str) -> kernel::Result<()> {
    match base_name(dir) {
        "." => return Err(Errno::EINVAL.into()),
        ".." => return Err(Errno::ENOTEMPTY.into()),
        _ => {}
    }
    if !p.stat(dir).await?.is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    p.remove(dir).await
}

/// `-p`: remove each ancestor named in `dir`, innermost first, stopping at
/// the first that cannot go.
async fn remove_parents(cmd: &mut Cmd, dir: &str, o: &Options) -> bool {
    let mut name = dir.to_string();
    loop {
        let trimmed = name.trim_end_matches('/');
        let Some(slash) = trimmed.rfind('/') else {
            return true;
        };
        let parent = trimmed[..slash].trim_end_matches('/');
        if parent.is_empty() {
            return true;
        }
        name = parent.to_string();
        let ok = remove(cmd, &name, o, true).await;
        if !ok {
            return false;
        }
        // An ignored failure ends the walk up quietly.
        if cmd.p.stat(&name).await.is_ok() {
            return true;
        }
    }
}
