//! `chmod`: change file mode bits.

use kernel::{Stat, StatChanges};

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::files::{self, Outcome, Verbosity};
use common::mode::{ModeChange, perm_string};
use common::quote::{quote, quotef};
use common::walk::{Visit, Walk};

const HELP: &str = "Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.
With --reference, change the mode of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
      --help     display this help and exit
      --version  output version information and exit

Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.

File servers here record modes; MemoryFS enforces only the execute bit
(for running programs).
";

const SPEC: &[Opt] = &[
    flag("changes", 'c'),
    flag("silent", 'f'),
    long("quiet", Arg::No),
    flag("verbose", 'v'),
    long("no-preserve-root", Arg::No),
    long("preserve-root", Arg::No),
    long("reference", Arg::Required),
    flag("recursive", 'R'),
];

struct Options {
    verbosity: Verbosity,
    silent: bool,
    recursive: bool,
    preserve_root: bool,
    /// A mode given like an option (`-w`): warn when the umask makes the
    /// result differ from what it says.
    diagnose: bool,
    umask: u32,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    // `chmod -w f`: arguments that look like options but are modes.
    let dash_modes = take_dash_modes(&mut cmd.args);
    let diagnose = dash_modes.is_some();
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut operands = opts.operands.clone();
    let (change, mode_text) = if let Some(r) = opts.value("reference") {
        match cmd.p.stat(r).await {
            Ok(st) => (ModeChange::exactly(st.mode()), None),
            Err(e) => {
                cmd.error(format!("failed to get attributes of {}: {}", quote(r), e.strerror()))
                    .await;
                return cmd.finish(1).await;
            }
        }
    } else {
        let text = match dash_modes {
            Some(m) => m,
            None if operands.is_empty() => return cmd.usage_error("missing operand", 1).await,
            None => operands.remove(0),
        };
        match ModeChange::parse(&text) {
            Some(c) => (c, Some(text)),
            None => return cmd.usage_error(format!("invalid mode: {}", quote(&text)), 1).await,
        }
    };
    if operands.is_empty() {
        return match mode_text {
            Some(m) if opts.value("reference").is_none() => {
                cmd.usage_error(format!("missing operand after {}", quote(&m)), 1).await
            }
            _ => cmd.usage_error("missing operand", 1).await,
        };
    }
    let mut o = Options {
        verbosity: Verbosity::Off,
        silent: false,
        recursive: opts.has("recursive"),
        preserve_root: false,
        diagnose,
        umask: cmd.p.umask(),
    };
    for (name, _) in &opts.list {
        match *name {
            "changes" => o.verbosity = Verbosity::Changes,
            "verbose" => o.verbosity = Verbosity::High,
            "silent" | "quiet" => o.silent = true,
            "preserve-root" => o.preserve_root = true,
            "no-preserve-root" => o.preserve_root = false,
            _ => {}
        }
    }
    let mut status = 0;
    for f in &operands {
        if !chmod_operand(&mut cmd, f, &change, &o).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// Take out of `args` (before any `--`) the arguments GNU chmod reads as
/// modes although they start with `-`: those whose letters include a mode
/// character (`-w`, `-rwx`, `-x,g+w`). Several are joined with commas.
fn take_dash_modes(args: &mut Vec<String>) -> Option<String> {
    let mut modes: Vec<String> = Vec::new();
    let mut kept = Vec::with_capacity(args.len());
    let mut done = false;
    for a in args.drain(..) {
        if done || a == "--" {
            done = true;
            kept.push(a);
            continue;
        }
        let is_mode = a.len() > 1
            && a.starts_with('-')
            && !a.starts_with("--")
            && a[1..].chars().any(|c| "rwxXstugoa,+=-01234567".contains(c));
        if is_mode {
            modes.push(a);
        } else {
            kept.push(a);
        }
    }
    *args = kept;
    (!modes.is_empty()).then(|| modes.join(","))
}

async fn chmod_operand(cmd: &mut Cmd, name: &str, change: &ModeChange, o: &Options) -> bool {
    if o.recursive && o.preserve_root && cmd.p.abs(name).is_ok_and(|a| a == "/") {
        cmd.error(format!("it is dangerous to operate recursively on {}", quote(name)))
            .await;
        cmd.error("use --no-preserve-root to override this failsafe").await;
        return false;
    }
    if !o.recursive {
        return match files::stat(&cmd.p, name).await {
            Ok(st) => chmod_one(cmd, name, &st, change, o).await,
            Err(e) => inaccessible(cmd, name, &e, o).await,
        };
    }
    // Recursive: each directory before its contents, as GNU's chmod does.
    let p = cmd.p.clone();
    let mut walk = Walk::new(name);
    let mut ok = true;
    while let Some(v) = walk.next(&p).await {
        let r = match v {
            Visit::Post(_) => continue,
            Visit::Pre(e) | Visit::Leaf(e) => chmod_one(cmd, &e.path, &e.stat, change, o).await,
            Visit::Error { path, error, .. } => inaccessible(cmd, &path, &error, o).await,
        };
        ok &= r;
    }
    ok
}

async fn inaccessible(cmd: &mut Cmd, name: &str, e: &kernel::Error, o: &Options) -> bool {
    if !o.silent {
        cmd.error(format!("cannot access {}: {}", quote(name), e.strerror()))
            .await;
    }
    if o.verbosity == Verbosity::High {
        let line = format!("{} could not be accessed\n", quote(name));
        cmd.out.write(line.as_bytes()).await;
    }
    false
}

async fn chmod_one(cmd: &mut Cmd, name: &str, st: &Stat, change: &ModeChange, o: &Options) -> bool {
    let old = st.mode() & 0o7777;
    let (new, _) = change.apply(old, st.is_dir(), o.umask);
    let (status, mut ok) = if new == old {
        (Outcome::Retained, true)
    } else {
        let c = StatChanges {
            mode: Some(new),
            ..Default::default()
        };
        match cmd.p.wstat(name, &c).await {
            Ok(()) => (Outcome::Changed, true),
            Err(e) => {
                if !o.silent {
                    cmd.error(format!("changing permissions of {}: {}", quote(name), e.strerror()))
                        .await;
                }
                (Outcome::Failed, false)
            }
        }
    };
    if o.verbosity.reports(status) {
        let f = quote(name);
        let line = match status {
            Outcome::Changed => format!(
                "mode of {f} changed from {old:04o} ({}) to {new:04o} ({})\n",
                perm_string(old),
                perm_string(new)
            ),
            Outcome::Failed => format!(
                "failed to change mode of {f} from {old:04o} ({}) to {new:04o} ({})\n",
                perm_string(old),
                perm_string(new)
            ),
            Outcome::Retained => format!("mode of {f} retained as {new:04o} ({})\n", perm_string(new)),
        };
        cmd.out.write(line.as_bytes()).await;
    }
    if ok && o.diagnose {
        let (naive, _) = change.apply(old, st.is_dir(), 0);
        if new & !naive != 0 {
            cmd.error(format!(
                "{}: new permissions are {}, not {}",
                quotef(name),
                perm_string(new),
                perm_string(naive)
            ))
            .await;
            ok = false;
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::take_dash_modes;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn dash_modes() {
        let mut a = args(&["-v", "-w", "f"]);
        assert_eq!(take_dash_modes(&mut a), Some("-w".to_string()));
        assert_eq!(a, ["-v", "f"]);
        let mut a = args(&["-x", "-r", "f"]);
        assert_eq!(take_dash_modes(&mut a), Some("-x,-r".to_string()));
        let mut a = args(&["-R", "u+x", "--", "-w"]);
        assert_eq!(take_dash_modes(&mut a), None);
        assert_eq!(a, ["-R", "u+x", "--", "-w"]);
        let mut a = args(&["-Rw", "f"]);
        assert_eq!(take_dash_modes(&mut a), Some("-Rw".to_string()));
    }
}
