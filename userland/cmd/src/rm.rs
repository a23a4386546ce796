//! `rm`: remove files or directories.

use kernel::{Errno, Stat};

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::files::{self, MountTable, Prompter, base_name, type_word};
use common::quote::quote;
use common::walk::{Visit, Walk};

const HELP: &str = "Usage: rm [OPTION]... [FILE]...
Remove (unlink) the FILE(s).

  -f, --force           ignore nonexistent files and arguments, never prompt
  -i                    prompt before every removal
  -I                    prompt once before removing more than three files, or
                          when removing recursively; less intrusive than -i,
                          while still giving protection against most mistakes
      --interactive[=WHEN]  prompt according to WHEN: never, once (-I), or
                          always (-i); without WHEN, prompt always
      --no-preserve-root  do not treat '/' specially
      --preserve-root[=all]  do not remove '/' (default);
                              with 'all', reject any command line argument
                              that is a mount point of the namespace
  -r, -R, --recursive   remove directories and their contents recursively
  -d, --dir             remove empty directories
  -v, --verbose         explain what is being done
      --help     display this help and exit
      --version  output version information and exit

By default, rm does not remove directories.  Use the --recursive (-r or -R)
option to remove each listed directory, too, along with all of its contents.

To remove a file whose name starts with a '-', for example '-foo',
use one of these commands:
  rm -- -foo

  rm ./-foo
";

const SPEC: &[Opt] = &[
    flag("force", 'f'),
    flag("i", 'i'),
    flag("I", 'I'),
    long("interactive", Arg::Optional),
    long("no-preserve-root", Arg::No),
    long("preserve-root", Arg::Optional),
    flag("recursive", 'r'),
    flag("R", 'R'),
    flag("dir", 'd'),
    flag("verbose", 'v'),
];

#[derive(Copy, Clone, PartialEq, Eq)]
enum Ask {
    Never,
    Once,
    Always,
}

struct Options {
    force: bool,
    ask: Ask,
    recursive: bool,
    dir: bool,
    verbose: bool,
    preserve_root: bool,
    preserve_all: bool,
}

/// How removing one name went.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Done {
    Removed,
    /// The user said no: not an error.
    Declined,
    Failed,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut o = Options {
        force: false,
        ask: Ask::Never,
        recursive: false,
        dir: false,
        verbose: false,
        preserve_root: true,
        preserve_all: false,
    };
    for (name, v) in &opts.list {
        match *name {
            "force" => {
                o.force = true;
                o.ask = Ask::Never;
            }
            "i" => {
                o.force = false;
                o.ask = Ask::Always;
            }
            "I" => {
                o.force = false;
                o.ask = Ask::Once;
            }
            "interactive" => match v.as_deref().unwrap_or("always") {
                "never" | "no" | "none" => o.ask = Ask::Never,
                "once" => {
                    o.force = false;
                    o.ask = Ask::Once;
                }
                "always" | "yes" => {
                    o.force = false;
                    o.ask = Ask::Always;
                }
                w => {
                    let msg = format!(
                        "invalid argument {} for '--interactive'\nValid arguments are:\n  - 'never', 'no', 'none'\n  - 'once'\n  - 'always', 'yes'",
                        quote(w)
                    );
                    return cmd.usage_error(msg, 1).await;
                }
            },
            "no-preserve-root" => o.preserve_root = false,
            "preserve-root" => match v.as_deref() {
                None => o.preserve_root = true,
                Some("all") => {
                    o.preserve_root = true;
                    o.preserve_all = true;
                }
                Some(w) => {
                    cmd.error(format!("unrecognized --preserve-root argument: {}", quote(w)))
                        .await;
                    return cmd.finish(1).await;
                }
            },
            "recursive" | "R" => o.recursive = true,
            "dir" => o.dir = true,
            "verbose" => o.verbose = true,
            _ => {}
        }
    }
    if opts.operands.is_empty() {
        if o.force {
            return cmd.finish(0).await;
        }
        return cmd.usage_error("missing operand", 1).await;
    }
    let mut prompter = Prompter::default();
    if o.ask == Ask::Once && (o.recursive || opts.operands.len() > 3) {
        let n = opts.operands.len();
        let plural = if n == 1 { "" } else { "s" };
        let how = if o.recursive { " recursively" } else { "" };
        if !prompter
            .ask(&mut cmd, &format!("remove {n} argument{plural}{how}? "))
            .await
        {
            return cmd.finish(0).await;
        }
    }
    let mut status = 0;
    for name in &opts.operands {
        if remove_operand(&mut cmd, name, &o, &mut prompter).await == Done::Failed {
            status = 1;
        }
    }
    cmd.finish(status).await
}

async fn remove_operand(cmd: &mut Cmd, name: &str, o: &Options, prompter: &mut Prompter) -> Done {
    if matches!(base_name(name), "." | "..") {
        cmd.error(format!(
            "refusing to remove '.' or '..' directory: skipping {}",
            quote(name)
        ))
        .await;
        return Done::Failed;
    }
    let st = match files::stat(&cmd.p, name).await {
        Ok(st) => st,
        Err(e) if o.force && e.is(Errno::ENOENT) => return Done::Declined,
        Err(e) => {
            cmd.error(format!("cannot remove {}: {}", quote(name), e.strerror()))
                .await;
            return Done::Failed;
        }
    };
    if !st.is_dir() {
        return remove_one(cmd, name, &st, o, prompter).await;
    }
    if o.recursive && o.preserve_root && cmd.p.abs(name).is_ok_and(|a| a == "/") {
        cmd.error(format!("it is dangerous to operate recursively on {}", quote(name)))
            .await;
        cmd.error("use --no-preserve-root to override this failsafe").await;
        return Done::Failed;
    }
    if o.preserve_all && is_mount_point(cmd, name) {
        cmd.error(format!("skipping {}, since it's on a different device", quote(name)))
            .await;
        cmd.error("and --preserve-root=all is in effect").await;
        return Done::Failed;
    }
    if !o.recursive {
        if o.dir {
            return remove_one(cmd, name, &st, o, prompter).await;
        }
        cmd.error(format!("cannot remove {}: Is a directory", quote(name)))
            .await;
        return Done::Failed;
    }
    remove_tree(cmd, name, o, prompter).await
}

fn is_mount_point(cmd: &Cmd, name: &str) -> bool {
    cmd.p.abs(name).is_ok_and(|abs| MountTable::load(&cmd.p).is_point(&abs))
}

/// Remove a file or an empty directory, asking first under -i.
async fn remove_one(cmd: &mut Cmd, name: &str, st: &Stat, o: &Options, prompter: &mut Prompter) -> Done {
    if o.ask == Ask::Always {
        let q = format!("remove {} {}? ", type_word(st), quote(name));
        if !prompter.ask(cmd, &q).await {
            return Done::Declined;
        }
    }
    unlink(cmd, name, st.is_dir(), o).await
}

async fn unlink(cmd: &mut Cmd, name: &str, is_dir: bool, o: &Options) -> Done {
    match cmd.p.remove(name).await {
        Ok(()) => {
            if o.verbose {
                let what = if is_dir { "removed directory" } else { "removed" };
                let text = format!("{what} {}\n", quote(name));
                cmd.out.write(text.as_bytes()).await;
            }
            Done::Removed
        }
        Err(e) if o.force && e.is(Errno::ENOENT) => Done::Declined,
        Err(e) => {
            cmd.error(format!("cannot remove {}: {}", quote(name), e.strerror()))
                .await;
            Done::Failed
        }
    }
}

/// `-r`: files as they come, directories after their contents. As GNU
/// does, declining a directory (its descent or its removal when empty)
/// leaves its ancestors quietly in place; declining a file does not, so
/// their removal then fails as not empty.
async fn remove_tree(cmd: &mut Cmd, root: &str, o: &Options, prompter: &mut Prompter) -> Done {
    let p = cmd.p.clone();
    let mut walk = Walk::new(root);
    let mut failed = false;
    // Depths of the open directories whose removal was given up.
    let mut kept: Vec<bool> = Vec::new();
    while let Some(v) = walk.next(&p).await {
        match v {
            Visit::Pre(e) => {
                kept.push(false);
                if o.ask != Ask::Always {
                    continue;
                }
                let empty = p.readdir(&e.path).await.is_ok_and(|d| d.is_empty());
                let q = if empty {
                    format!("remove directory {}? ", quote(&e.path))
                } else {
                    format!("descend into directory {}? ", quote(&e.path))
                };
                let yes = prompter.ask(cmd, &q).await;
                if !yes || empty {
                    walk.skip();
                }
                if !yes {
                    mark_ancestors(&mut kept);
                    // The directory itself stays: its Post must not remove it.
                    if let Some(k) = kept.last_mut() {
                        *k = true;
                    }
                } else if empty {
                    match unlink(cmd, &e.path, true, o).await {
                        Done::Removed => {}
                        _ => failed = true,
                    }
                    if let Some(k) = kept.last_mut() {
                        *k = true;
                    }
                }
            }
            Visit::Post(e) => {
                let skip = kept.pop().unwrap_or(false);
                if skip {
                    continue;
                }
                if o.ask == Ask::Always {
                    let q = format!("remove directory {}? ", quote(&e.path));
                    if !prompter.ask(cmd, &q).await {
                        continue;
                    }
                }
                if unlink(cmd, &e.path, true, o).await == Done::Failed {
                    failed = true;
                }
            }
            Visit::Leaf(e) => {
                if remove_one(cmd, &e.path, &e.stat, o, prompter).await == Done::Failed {
                    failed = true;
                }
            }
            Visit::Error { path, error, .. } => {
                if !(o.force && error.is(Errno::ENOENT)) {
                    cmd.error(format!("cannot remove {}: {}", quote(&path), error.strerror()))
                        .await;
                    failed = true;
                }
            }
        }
    }
    if failed { Done::Failed } else { Done::Removed }
}

/// Keep every open directory: one of their descendants stays.
fn mark_ancestors(kept: &mut [bool]) {
    for k in kept.iter_mut() {
        *k = true;
    }
}
