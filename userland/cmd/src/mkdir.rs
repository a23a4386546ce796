//! `mkdir`: make directories.

use kernel::{Errno, StatChanges};

use common::cli::{Cmd, Opt, flag, value};
use common::mode::{ModeChange, S_ISGID, S_ISUID};
use common::quote::quote;

const HELP: &str = "Usage: mkdir [OPTION]... DIRECTORY...
Create the DIRECTORY(ies), if they do not already exist.

  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask
  -p, --parents     no error if existing, make parent directories as needed,
                    with their file modes unaffected by any -m option
  -v, --verbose     print a message for each created directory
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[value("mode", 'm'), flag("parents", 'p'), flag("verbose", 'v')];

struct Options {
    parents: bool,
    verbose: bool,
    /// The mode from -m and the bits it names.
    mode: Option<(u32, u32)>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let umask = cmd.p.umask();
    let mode = match opts.value("mode") {
        Some(m) => match ModeChange::parse(m) {
            Some(c) => Some(c.apply(0o777, true, umask)),
            None => {
                cmd.error(format!("invalid mode {}", quote(m))).await;
                return cmd.finish(1).await;
            }
        },
        None => None,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let o = Options {
        parents: opts.has("parents"),
        verbose: opts.has("verbose"),
        mode,
    };
    let mut status = 0;
    for dir in &opts.operands {
        let r = if o.parents {
            make_parents(&mut cmd, dir, &o).await
        } else {
            make(&mut cmd, dir, &o).await.map_err(|e| (dir.to_string(), e))
        };
        if let Err((name, e)) = r {
            cmd.error(format!("cannot create directory {}: {}", quote(&name), e.strerror()))
                .await;
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// Make one directory with the -m mode (or a=rwx minus the umask).
async fn make(cmd: &mut Cmd, dir: &str, o: &Options) -> kernel::Result<()> {
    let (mode, bits) = o.mode.unwrap_or((0o777, 0));
    // As on Linux, mkdir itself never sets the set-id bits; -m sets them
    // afterwards with a chmod.
    cmd.p.mkdir(dir, mode & !(S_ISUID | S_ISGID)).await?;
    if bits != 0 {
        let st = cmd.p.stat(dir).await?;
        let have = st.mode();
        if (have ^ mode) & bits != 0 {
            let want = mode | (have & 0o7777 & !bits);
            let changes = StatChanges {
                mode: Some(want),
                ..Default::default()
            };
            cmd.p.wstat(dir, &changes).await?;
        }
    }
    announce(cmd, dir, o).await;
    Ok(())
}

async fn announce(cmd: &mut Cmd, dir: &str, o: &Options) {
    if o.verbose {
        let text = format!("{}: created directory {}\n", cmd.name, quote(dir));
        cmd.out.write(text.as_bytes()).await;
    }
}

/// `-p`: make each missing ancestor (u+wx so the walk can go on), then the
/// directory itself; an existing directory is fine. An error names the
/// ancestor it happened at.
async fn make_parents(cmd: &mut Cmd, dir: &str, o: &Options) -> Result<(), (String, kernel::Error)> {
    let prefixes = prefixes(dir);
    let Some((_, ancestors)) = prefixes.split_last() else {
        return Err((dir.to_string(), Errno::ENOENT.into()));
    };
    for a in ancestors {
        make_ancestor(cmd, a, o).await.map_err(|e| (a.to_string(), e))?;
    }
    // The last one is named as written (`a/b/` stays `a/b/` in messages).
    match make(cmd, dir, o).await {
        Err(e) if e.is(Errno::EEXIST) => match cmd.p.stat(dir).await {
            Ok(st) if st.is_dir() => Ok(()),
            _ => Err((dir.to_string(), e)),
        },
        r => r.map_err(|e| (dir.to_string(), e)),
    }
}

async fn make_ancestor(cmd: &mut Cmd, a: &str, o: &Options) -> kernel::Result<()> {
    match cmd.p.stat(a).await {
        Ok(st) if st.is_dir() => return Ok(()),
        Ok(_) => return Err(Errno::ENOTDIR.into()),
        Err(e) if e.is(Errno::ENOENT) => {}
        Err(e) => return Err(e),
    }
    let umask = cmd.p.umask();
    let mode = (0o777 & !umask) | 0o300;
    match cmd.p.mkdir(a, 0o777).await {
        Ok(()) => {
            if mode & !umask != mode {
                let changes = StatChanges {
                    mode: Some(mode),
                    ..Default::default()
                };
                cmd.p.wstat(a, &changes).await?;
            }
            announce(cmd, a, o).await;
            Ok(())
        }
        Err(e) if e.is(Errno::EEXIST) => Ok(()),
        Err(e) => Err(e),
    }
}

/// `a/b/c` → `a`, `a/b`, `a/b/c` (slashes kept as written).
fn prefixes(dir: &str) -> Vec<&str> {
    let b = dir.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i] == b'/' {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        while i < b.len() && b[i] != b'/' {
            i += 1;
        }
        out.push(&dir[..i]);
    }
    if out.is_empty() && !dir.is_empty() {
        out.push(dir);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::prefixes;

    #[test]
    fn prefix_list() {
        assert_eq!(prefixes("a/b/c"), ["a", "a/b", "a/b/c"]);
        assert_eq!(prefixes("/x//y/"), ["/x", "/x//y"]);
        assert_eq!(prefixes("/"), ["/"]);
        assert!(prefixes("").is_empty());
    }
}
