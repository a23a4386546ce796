//! `mktemp`: create a temporary file or directory with a unique name.
//! The random letters come from the system's entropy source, so a seeded
//! ninebox makes the same names.

use kernel::{Errno, OpenFlags};

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::quote::quote;

const HELP: &str = "Usage: mktemp [OPTION]... [TEMPLATE]
Create a temporary file or directory, safely, and print its name.
TEMPLATE must contain at least 3 consecutive 'X's in last component.
If TEMPLATE is not specified, use tmp.XXXXXXXXXX, and --tmpdir is implied.
Files are created u+rw, and directories u+rwx, minus umask restrictions.

  -d, --directory     create a directory, not a file
  -u, --dry-run       do not create anything; merely print a name (unsafe)
  -q, --quiet         suppress diagnostics about file/dir-creation failure
      --suffix=SUFF   append SUFF to TEMPLATE; SUFF must not contain a slash.
                        This option is implied if TEMPLATE does not end in X
  -p DIR, --tmpdir[=DIR]  interpret TEMPLATE relative to DIR; if DIR is not
                        specified, use $TMPDIR if set, else /tmp.  With
                        this option, TEMPLATE must not be an absolute name;
                        unlike with -t, TEMPLATE may contain slashes, but
                        mktemp creates only the final component
  -t                  interpret TEMPLATE as a single file name component,
                        relative to a directory: $TMPDIR, if set; else the
                        directory specified via -p; else /tmp [deprecated]
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[
    flag("directory", 'd'),
    flag("dry-run", 'u'),
    flag("quiet", 'q'),
    long("suffix", Arg::Required),
    value("p", 'p'),
    long("tmpdir", Arg::Optional),
    flag("t", 't'),
];

const DEFAULT_TEMPLATE: &str = "tmp.XXXXXXXXXX";
const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ATTEMPTS: usize = 10_000;

/// A checked template: the name with its X's, and where the X's are.
#[derive(Debug, PartialEq, Eq)]
struct Template {
    name: String,
    /// Byte range of the X's to replace.
    xs: std::ops::Range<usize>,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.len() > 1 {
        return cmd.usage_error("too many templates", 1).await;
    }
    let dir_arg: Option<String> = opts
        .list
        .iter()
        .rev()
        .find(|(n, _)| *n == "p" || *n == "tmpdir")
        .map(|(_, v)| v.clone().unwrap_or_default());
    let deprecated_t = opts.has("t");
    let (template, use_dir) = match opts.operands.first() {
        Some(t) => (t.clone(), dir_arg.is_some() || deprecated_t),
        None => (DEFAULT_TEMPLATE.to_string(), true),
    };
    let t = match check(&template, opts.value("suffix")) {
        Ok(t) => t,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let t = if use_dir {
        let tmpdir = cmd.p.getenv("TMPDIR").filter(|d| !d.is_empty());
        let given = dir_arg.filter(|d| !d.is_empty());
        let dir = if deprecated_t {
            if template.contains('/') {
                let msg = format!("invalid template, {}, contains directory separator", quote(&template));
                cmd.error(msg).await;
                return cmd.finish(1).await;
            }
            tmpdir.or(given)
        } else {
            if template.starts_with('/') {
                let msg = format!(
                    "invalid template, {}; with --tmpdir, it may not be absolute",
                    quote(&template)
                );
                cmd.error(msg).await;
                return cmd.finish(1).await;
            }
            given.or(tmpdir)
        };
        let dir = dir.unwrap_or_else(|| "/tmp".to_string());
        let prefix = if dir.ends_with('/') { dir } else { format!("{dir}/") };
        Template {
            name: format!("{prefix}{}", t.name),
            xs: t.xs.start + prefix.len()..t.xs.end + prefix.len(),
        }
    } else {
        t
    };
    let directory = opts.has("directory");
    match make(&cmd, &t, directory, opts.has("dry-run")).await {
        Ok(name) => {
            cmd.out.write(format!("{name}\n").as_bytes()).await;
            cmd.finish(0).await
        }
        Err(e) => {
            if !opts.has("quiet") {
                let what = if directory { "directory" } else { "file" };
                cmd.error(format!(
                    "failed to create {what} via template {}: {}",
                    quote(&t.name),
                    e.strerror()
                ))
                .await;
            }
            cmd.finish(1).await
        }
    }
}

/// Check a template and find its X's: the run before the suffix (given,
/// or whatever follows the last X).
fn check(template: &str, suffix: Option<&str>) -> Result<Template, String> {
    let b = template.as_bytes();
    let (name, end) = match suffix {
        Some(s) => {
            if !template.ends_with('X') {
                return Err(format!("with --suffix, template {} must end in X", quote(template)));
            }
            if s.contains('/') {
                return Err(format!("invalid suffix {}, contains directory separator", quote(s)));
            }
            (format!("{template}{s}"), b.len())
        }
        None => {
            let end = b.iter().rposition(|&c| c == b'X').map_or(0, |i| i + 1);
            let rest = &template[end..];
            if end > 0 && rest.contains('/') {
                return Err(format!("invalid suffix {}, contains directory separator", quote(rest)));
            }
            (template.to_string(), end)
        }
    };
    let start = b[..end].iter().rposition(|&c| c != b'X').map_or(0, |i| i + 1);
    if end - start < 3 {
        return Err(format!("too few X's in template {}", quote(template)));
    }
    Ok(Template { name, xs: start..end })
}

/// Pick names until one can be made (or, with `dry_run`, one that does
/// not exist).
async fn make(cmd: &Cmd, t: &Template, directory: bool, dry_run: bool) -> kernel::Result<String> {
    let n = t.xs.len();
    for _ in 0..ATTEMPTS {
        let letters: Vec<u8> = cmd
            .p
            .random(n)
            .iter()
            .map(|r| LETTERS[usize::from(*r) % LETTERS.len()])
            .collect();
        let mut name = t.name.clone().into_bytes();
        name[t.xs.clone()].copy_from_slice(&letters);
        let name = String::from_utf8_lossy(&name).into_owned();
        let r = if dry_run {
            match cmd.p.stat(&name).await {
                Ok(_) => Err(Errno::EEXIST.into()),
                Err(e) if e.is(Errno::ENOENT) => Ok(()),
                Err(e) => Err(e),
            }
        } else if directory {
            cmd.p.mkdir(&name, 0o700).await
        } else {
            let flags = OpenFlags {
                read: false,
                write: true,
                create: true,
                exclusive: true,
                perm: 0o600,
                ..OpenFlags::READ
            };
            match cmd.p.open(&name, flags).await {
                Ok(fd) => cmd.p.close(fd).await,
                Err(e) => Err(e),
            }
        };
        match r {
            Ok(()) => return Ok(name),
            Err(e) if e.is(Errno::EEXIST) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(Errno::EEXIST.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(check("tmp.XXX", None).unwrap().xs, 4..7);
        assert_eq!(check("x.XXX.y", None).unwrap().xs, 2..5);
        assert_eq!(check("aXXXX", Some(".txt")).unwrap().name, "aXXXX.txt");
        assert_eq!(check("fooXX", None).unwrap_err(), "too few X's in template 'fooXX'");
        assert_eq!(check("", None).unwrap_err(), "too few X's in template ''");
        assert_eq!(
            check("XXXXXX/x", None).unwrap_err(),
            "invalid suffix '/x', contains directory separator"
        );
        assert_eq!(
            check("xXXXy", Some(".txt")).unwrap_err(),
            "with --suffix, template 'xXXXy' must end in X"
        );
    }
}
