//! `realpath` and `readlink` (GNU coreutils 9.1): print resolved absolute
//! names. There are no symbolic links here, so resolving is lexical (`.`
//! and `..` taken away) plus the existence checks each mode asks for, and
//! plain `readlink` finds no link to read.

use kernel::{Errno, Proc};

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::quote::quotef;

const HELP: &str = "Usage: realpath [OPTION]... FILE...
Print the resolved absolute file name;
all but the last component must exist

  -e, --canonicalize-existing  all components of the path must exist
  -m, --canonicalize-missing   no path components need exist or be a directory
  -L, --logical                resolve '..' components before symlinks
  -P, --physical               resolve symlinks as encountered (default)
  -q, --quiet                  suppress most error messages
      --relative-to=DIR        print the resolved path relative to DIR
      --relative-base=DIR      print absolute paths unless paths below DIR
  -s, --strip, --no-symlinks   don't expand symlinks
  -z, --zero                   end each output line with NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

There are no symbolic links here: -L, -P and -s change nothing.
";

const SPEC: &[Opt] = &[
    flag("canonicalize-existing", 'e'),
    flag("canonicalize-missing", 'm'),
    flag("logical", 'L'),
    flag("physical", 'P'),
    flag("quiet", 'q'),
    long("relative-to", Arg::Required),
    long("relative-base", Arg::Required),
    flag("strip", 's'),
    long("no-symlinks", Arg::No),
    flag("zero", 'z'),
];

/// How much of a name must exist.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Need {
    /// -e: all of it.
    All,
    /// The default: all but the last component.
    AllButLast,
    /// -m: nothing.
    Nothing,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut need = Need::AllButLast;
    for (name, _) in &opts.list {
        match *name {
            "canonicalize-existing" => need = Need::All,
            "canonicalize-missing" => need = Need::Nothing,
            _ => {}
        }
    }
    let quiet = opts.has("quiet");
    let end = if opts.has("zero") { b'\0' } else { b'\n' };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let p = cmd.p.clone();
    let mut to = None;
    let mut base = None;
    for (opt, slot) in [("relative-to", &mut to), ("relative-base", &mut base)] {
        if let Some(dir) = opts.value(opt) {
            match resolve(&p, dir, need).await {
                Ok(r) => *slot = Some(r),
                Err(e) => {
                    cmd.error(format!("{}: {}", quotef(dir), e.strerror())).await;
                    return cmd.finish(1).await;
                }
            }
        }
    }
    if base.is_some() && to.is_none() {
        to = base.clone();
    }
    if let (Some(b), Some(t)) = (&base, &to)
        && !is_under(b, t)
    {
        // GNU: a --relative-to outside the base turns both off.
        (to, base) = (None, None);
    }
    let mut status = 0;
    for name in &opts.operands {
        let r = match resolve(&p, name, need).await {
            Ok(r) => r,
            Err(e) => {
                if !quiet {
                    cmd.error(format!("{}: {}", quotef(name), e.strerror())).await;
                }
                status = 1;
                continue;
            }
        };
        let shown = match (&to, &base) {
            (Some(t), Some(b)) if is_under(b, &r) => relative(&r, t),
            (Some(t), None) => relative(&r, t),
            _ => r,
        };
        cmd.out.write(shown.as_bytes()).await;
        cmd.out.write(&[end]).await;
    }
    cmd.finish(status).await
}

const READLINK_HELP: &str = "Usage: readlink [OPTION]... FILE...
Print value of a symbolic link or canonical file name

  -f, --canonicalize            canonicalize by following every symlink in
                                every component of the given name recursively;
                                all but the last component must exist
  -e, --canonicalize-existing   canonicalize by following every symlink in
                                every component of the given name recursively,
                                all components must exist
  -m, --canonicalize-missing    canonicalize by following every symlink in
                                every component of the given name recursively,
                                without requirements on components existence
  -n, --no-newline              do not output the trailing delimiter
  -q, --quiet
  -s, --silent                  suppress most error messages (on by default)
  -v, --verbose                 report error messages
  -z, --zero                    end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

There are no symbolic links here (see specs/links.md): without -f, -e or
-m every existing FILE is 'not a link' (status 1, Invalid argument).
";

const READLINK_SPEC: &[Opt] = &[
    flag("canonicalize", 'f'),
    flag("canonicalize-existing", 'e'),
    flag("canonicalize-missing", 'm'),
    flag("no-newline", 'n'),
    flag("quiet", 'q'),
    flag("silent", 's'),
    flag("verbose", 'v'),
    flag("zero", 'z'),
];

pub async fn readlink(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(READLINK_SPEC, READLINK_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    // The last of -f -e -m wins; without one, read the link itself.
    let mut need = None;
    let mut verbose = false;
    for (name, _) in &opts.list {
        match *name {
            "canonicalize" => need = Some(Need::AllButLast),
            "canonicalize-existing" => need = Some(Need::All),
            "canonicalize-missing" => need = Some(Need::Nothing),
            "verbose" => verbose = true,
            "quiet" | "silent" => verbose = false,
            _ => {}
        }
    }
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let mut newline = !opts.has("no-newline");
    if !newline && opts.operands.len() > 1 {
        cmd.error("ignoring --no-newline with multiple arguments").await;
        newline = true;
    }
    let end: &[u8] = match (opts.has("zero"), newline) {
        (true, _) => b"\0",
        (false, true) => b"\n",
        (false, false) => b"",
    };
    let p = cmd.p.clone();
    let mut status = 0;
    for name in &opts.operands {
        let r = match need {
            Some(need) => resolve(&p, name, need).await,
            // An existing file is not a link: EINVAL, as readlink(2) says.
            None => match p.stat(name).await {
                Ok(_) => Err(Errno::EINVAL.into()),
                Err(e) => Err(e),
            },
        };
        match r {
            Ok(r) => {
                cmd.out.write(r.as_bytes()).await;
                cmd.out.write(end).await;
            }
            Err(e) => {
                if verbose {
                    cmd.error(format!("{}: {}", quotef(name), e.strerror())).await;
                }
                status = 1;
            }
        }
    }
    cmd.finish(status).await
}

/// The absolute, clean form of `name`, checking existence as `need` says.
async fn resolve(p: &Proc, name: &str, need: Need) -> kernel::Result<String> {
    if name.is_empty() {
        return Err(Errno::ENOENT.into());
    }
    let full = if name.starts_with('/') {
        name.to_string()
    } else {
        format!("{}/{name}", p.cwd())
    };
    let comps: Vec<&str> = full.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
    let trailing_slash = name.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for (i, c) in comps.iter().enumerate() {
        if *c == ".." {
            parts.pop();
            continue;
        }
        parts.push(c);
        if need == Need::Nothing {
            continue;
        }
        let last = i + 1 == comps.len();
        let path = format!("/{}", parts.join("/"));
        match p.stat(&path).await {
            Ok(st) if st.is_dir() => {}
            Ok(_) if last && !trailing_slash => {}
            Ok(_) => return Err(Errno::ENOTDIR.into()),
            Err(e) if e.is(Errno::ENOENT) && last && need == Need::AllButLast => {}
            Err(e) => return Err(e),
        }
    }
    Ok(format!("/{}", parts.join("/")))
}

/// True if `path` is `dir` or below it.
fn is_under(dir: &str, path: &str) -> bool {
    dir == "/" || path == dir || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// `path` relative to the directory `from` (both absolute and clean).
fn relative(path: &str, from: &str) -> String {
    let p: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let f: Vec<&str> = from.split('/').filter(|c| !c.is_empty()).collect();
    let common = p.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; f.len() - common];
    out.extend(&p[common..]);
    if out.is_empty() { ".".to_string() } else { out.join("/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relatives() {
        assert_eq!(relative("/h/f", "/h/a/b"), "../../f");
        assert_eq!(relative("/h/a/b/c", "/h/a"), "b/c");
        assert_eq!(relative("/h/a", "/h/a"), ".");
        assert_eq!(relative("/x", "/"), "x");
        assert_eq!(relative("/", "/x"), "..");
    }

    #[test]
    fn under() {
        assert!(is_under("/a", "/a/b"));
        assert!(is_under("/a", "/a"));
        assert!(!is_under("/a", "/ab"));
        assert!(is_under("/", "/x"));
    }
}
