//! `mv`: move (rename) files. Within one file server a move is a rename;
//! between two (the rename answers `EXDEV`, e.g. from /home/user to /tmp)
//! it is a copy that keeps everything, then the removal of the original.

use kernel::Errno;

use common::cli::{Cmd, Opt, flag, value};
use common::files::{self, Prompter, identical};
use common::quote::quote;
use common::walk::{Visit, Walk};

use super::cp::{self, CopyOpts};

const HELP: &str = "Usage: mv [OPTION]... [-T] SOURCE DEST
  or:  mv [OPTION]... SOURCE... DIRECTORY
  or:  mv [OPTION]... -t DIRECTORY SOURCE...
Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.

  -f, --force                  do not prompt before overwriting
  -i, --interactive            prompt before overwrite
  -n, --no-clobber             do not overwrite an existing file
If you specify more than one of -i, -f, -n, only the final one takes effect.
  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 move only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
      --help     display this help and exit
      --version  output version information and exit

Between two file servers, mv copies (keeping modes, owners and times) and
then removes the source.
";

const SPEC: &[Opt] = &[
    flag("force", 'f'),
    flag("interactive", 'i'),
    flag("no-clobber", 'n'),
    value("target-directory", 't'),
    flag("no-target-directory", 'T'),
    flag("update", 'u'),
    flag("verbose", 'v'),
];

#[derive(Copy, Clone, PartialEq, Eq)]
enum Clobber {
    Overwrite,
    Skip,
    Ask,
}

struct Options {
    clobber: Clobber,
    update: bool,
    verbose: bool,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut o = Options {
        clobber: Clobber::Overwrite,
        update: opts.has("update"),
        verbose: opts.has("verbose"),
    };
    for (name, _) in &opts.list {
        match *name {
            "force" => o.clobber = Clobber::Overwrite,
            "interactive" => o.clobber = Clobber::Ask,
            "no-clobber" => o.clobber = Clobber::Skip,
            _ => {}
        }
    }
    let pairs = match cp::targets(&mut cmd, &opts).await {
        Ok(p) => p,
        Err(status) => return status,
    };
    let mut prompter = Prompter::default();
    let mut status = 0;
    for (src, dst) in &pairs {
        if !move_one(&mut cmd, src, dst, &o, &mut prompter).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

async fn move_one(cmd: &mut Cmd, src: &str, dst: &str, o: &Options, prompter: &mut Prompter) -> bool {
    let st = match files::stat(&cmd.p, src).await {
        Ok(st) => st,
        Err(e) => {
            cmd.error(format!("cannot stat {}: {}", quote(src), e.strerror())).await;
            return false;
        }
    };
    if st.is_dir() && cp::is_within(cmd, src, dst) && cmd.p.abs(src).ok() != cmd.p.abs(dst).ok() {
        cmd.error(format!(
            "cannot move {} to a subdirectory of itself, {}",
            quote(src),
            quote(dst)
        ))
        .await;
        return false;
    }
    match files::stat(&cmd.p, dst).await {
        Ok(d) => {
            if identical(&cmd.p, src, &st, dst, &d) {
                cmd.error(format!("{} and {} are the same file", quote(src), quote(dst)))
                    .await;
                return false;
            }
            match o.clobber {
                Clobber::Skip => return true,
                Clobber::Ask => {
                    if !prompter.ask(cmd, &format!("overwrite {}? ", quote(dst))).await {
                        return true;
                    }
                }
                Clobber::Overwrite => {}
            }
            if o.update && d.mtime >= st.mtime {
                return true;
            }
            if d.is_dir() && !st.is_dir() {
                cmd.error(format!("cannot overwrite directory {} with non-directory", quote(dst)))
                    .await;
                return false;
            }
            if !d.is_dir() && st.is_dir() {
                cmd.error(format!(
                    "cannot overwrite non-directory {} with directory {}",
                    quote(dst),
                    quote(src)
                ))
                .await;
                return false;
            }
        }
        Err(e) if e.is(Errno::ENOENT) && !files::has_trailing_slash(dst) => {}
        Err(e) if e.is(Errno::ENOENT) => {
            cmd.error(format!("cannot move {} to {}: Not a directory", quote(src), quote(dst)))
                .await;
            return false;
        }
        Err(e) => {
            cmd.error(format!("cannot stat {}: {}", quote(dst), e.strerror())).await;
            return false;
        }
    }
    match cmd.p.rename(src, dst).await {
        Ok(()) => {
            if o.verbose {
                let text = format!("renamed {} -> {}\n", quote(src), quote(dst));
                cmd.out.write(text.as_bytes()).await;
            }
            true
        }
        Err(e) if e.is(Errno::EXDEV) => move_across(cmd, src, dst, o, prompter).await,
        Err(e) => {
            cmd.error(format!(
                "cannot move {} to {}: {}",
                quote(src),
                quote(dst),
                e.strerror()
            ))
            .await;
            false
        }
    }
}

/// Between servers: copy everything, then remove the source (only if the
/// copy went well).
async fn move_across(cmd: &mut Cmd, src: &str, dst: &str, o: &Options, prompter: &mut Prompter) -> bool {
    let copy = CopyOpts::for_move(o.verbose);
    if !cp::copy(cmd, src, dst, &copy, prompter).await {
        return false;
    }
    let p = cmd.p.clone();
    let mut walk = Walk::new(src);
    let mut ok = true;
    while let Some(v) = walk.next(&p).await {
        let (path, is_dir) = match v {
            Visit::Pre(_) => continue,
            Visit::Post(e) => (e.path, true),
            Visit::Leaf(e) => (e.path, false),
            Visit::Error { path, error, .. } => {
                cmd.error(format!("cannot remove {}: {}", quote(&path), error.strerror()))
                    .await;
                ok = false;
                continue;
            }
        };
        match p.remove(&path).await {
            Ok(()) if o.verbose => {
                let what = if is_dir { "removed directory" } else { "removed" };
                let text = format!("{what} {}\n", quote(&path));
                cmd.out.write(text.as_bytes()).await;
            }
            Ok(()) => {}
            Err(e) => {
                cmd.error(format!("cannot remove {}: {}", quote(&path), e.strerror()))
                    .await;
                ok = false;
            }
        }
    }
    ok
}
