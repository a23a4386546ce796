//! `cp`: copy files and directories. The copying itself (files, trees,
//! preserved attributes) is shared with `mv`, which copies across file
//! servers.

use kernel::{Errno, NodeType, OpenFlags, Stat, StatChanges};

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::files::{self, Prompter, base_name, identical};
use common::quote::quote;
use common::walk::{Visit, Walk, join};

const HELP: &str = "Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

  -a, --archive                same as -dR --preserve=all
  -d                           same as --no-dereference --preserve=links
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again
  -i, --interactive            prompt before overwrite (overrides a previous -n
                                  option)
  -H, -L, --dereference, -P, --no-dereference
                               there are no symbolic links here: these
                                 change nothing
  -l, --link                   hard link files instead of copying: there are
                                 no links here, so this fails
  -n, --no-clobber             do not overwrite an existing file (overrides
                                 a previous -i option)
  -p                           same as --preserve=mode,ownership,timestamps
      --preserve[=ATTR_LIST]   preserve the specified attributes (default:
                                 mode,ownership,timestamps), if possible
                                 additional attributes: links, all (there are
                                 no links, xattrs or contexts to preserve)
      --no-preserve=ATTR_LIST  don't preserve the specified attributes
  -R, -r, --recursive          copy directories recursively
  -s, --symbolic-link          make symbolic links instead of copying: there
                                 are no links here, so this fails
      --remove-destination     remove each existing destination file before
                                 attempting to open it (contrast with --force)
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -u, --update                 copy only when the SOURCE file is newer
                                 than the destination file or when the
                                 destination file is missing
  -v, --verbose                explain what is being done
      --help     display this help and exit
      --version  output version information and exit

Devices cannot be created here, so a device met while copying recursively
is reported and skipped (outside -r its data is copied, as GNU cp does).
";

const SPEC: &[Opt] = &[
    flag("archive", 'a'),
    flag("d", 'd'),
    flag("force", 'f'),
    flag("interactive", 'i'),
    flag("H", 'H'),
    flag("dereference", 'L'),
    flag("link", 'l'),
    flag("symbolic-link", 's'),
    flag("no-clobber", 'n'),
    flag("no-dereference", 'P'),
    flag("p", 'p'),
    long("preserve", Arg::Optional),
    long("no-preserve", Arg::Required),
    flag("recursive", 'R'),
    flag("r", 'r'),
    long("remove-destination", Arg::No),
    value("target-directory", 't'),
    flag("no-target-directory", 'T'),
    flag("update", 'u'),
    flag("verbose", 'v'),
];

/// What to do with an existing destination file.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Clobber {
    Overwrite,
    /// -n
    Skip,
    /// -i
    Ask,
}

/// How to report progress.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Verbose {
    Quiet,
    /// `'a' -> 'b'`
    Cp,
    /// `copied 'a' -> 'b'`, `created directory 'd'` (mv across servers)
    Mv,
}

#[derive(Clone, Debug)]
pub struct CopyOpts {
    pub recursive: bool,
    pub mode: bool,
    pub owner: bool,
    pub times: bool,
    pub clobber: Clobber,
    pub force: bool,
    pub remove_first: bool,
    pub update: bool,
    pub verbose: Verbose,
    /// -l or -s: links were asked for (and cannot be made).
    pub link: Option<&'static str>,
}

impl CopyOpts {
    /// What mv uses across servers: everything preserved, no questions
    /// (mv has asked already).
    pub fn for_move(verbose: bool) -> CopyOpts {
        CopyOpts {
            recursive: true,
            mode: true,
            owner: true,
            times: true,
            clobber: Clobber::Overwrite,
            force: false,
            remove_first: false,
            update: false,
            verbose: if verbose { Verbose::Mv } else { Verbose::Quiet },
            link: None,
        }
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let o = match options(&mut cmd, &opts).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let pairs = match targets(&mut cmd, &opts).await {
        Ok(p) => p,
        Err(status) => return status,
    };
    let mut prompter = Prompter::default();
    let mut status = 0;
    for (src, dst) in &pairs {
        if !copy(&mut cmd, src, dst, &o, &mut prompter).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

async fn options(cmd: &mut Cmd, opts: &Opts) -> Result<CopyOpts, i32> {
    let mut o = CopyOpts {
        recursive: false,
        mode: false,
        owner: false,
        times: false,
        clobber: Clobber::Overwrite,
        force: false,
        remove_first: false,
        update: false,
        verbose: Verbose::Quiet,
        link: None,
    };
    for (name, v) in &opts.list {
        match *name {
            "archive" => {
                o.recursive = true;
                (o.mode, o.owner, o.times) = (true, true, true);
            }
            "force" => o.force = true,
            "interactive" => o.clobber = Clobber::Ask,
            "no-clobber" => o.clobber = Clobber::Skip,
            "p" => (o.mode, o.owner, o.times) = (true, true, true),
            "preserve" | "no-preserve" => {
                let on = *name == "preserve";
                let list = v.as_deref().unwrap_or("mode,ownership,timestamps");
                for attr in list.split(',') {
                    match attr {
                        "mode" => o.mode = on,
                        "ownership" => o.owner = on,
                        "timestamps" => o.times = on,
                        "all" => (o.mode, o.owner, o.times) = (on, on, on),
                        // Nothing of these exists here.
                        "links" | "context" | "xattr" => {}
                        _ => {
                            let msg = format!(
                                "invalid argument {} for '--{name}'\nValid arguments are:\n  - 'mode'\n  - 'timestamps'\n  - 'ownership'\n  - 'links'\n  - 'context'\n  - 'xattr'\n  - 'all'",
                                quote(attr)
                            );
                            return Err(cmd.usage_error(msg, 1).await);
                        }
                    }
                }
            }
            "recursive" | "r" => o.recursive = true,
            "remove-destination" => o.remove_first = true,
            "update" => o.update = true,
            "link" => o.link = Some("hard link"),
            "symbolic-link" => o.link = Some("symbolic link"),
            "verbose" => o.verbose = Verbose::Cp,
            _ => {}
        }
    }
    Ok(o)
}

/// The (source, destination) pairs of a cp or mv command line, with GNU's
/// checks and messages for the target. `Err` is the status to exit with.
pub async fn targets(cmd: &mut Cmd, opts: &Opts) -> Result<Vec<(String, String)>, i32> {
    let target_dir = opts.value("target-directory");
    let no_target = opts.has("no-target-directory");
    let ops = &opts.operands;
    if target_dir.is_some() && no_target {
        let msg = "cannot combine --target-directory (-t) and --no-target-directory (-T)";
        return Err(fail(cmd, msg.to_string()).await);
    }
    if ops.is_empty() {
        return Err(cmd.usage_error("missing file operand", 1).await);
    }
    if let Some(dir) = target_dir {
        match cmd.p.stat(dir).await {
            Ok(st) if st.is_dir() => {}
            Ok(_) => return Err(fail(cmd, format!("target directory {}: Not a directory", quote(dir))).await),
            Err(e) => {
                let msg = format!("target directory {}: {}", quote(dir), e.strerror());
                return Err(fail(cmd, msg).await);
            }
        }
        return Ok(ops.iter().map(|s| (s.clone(), into(dir, s))).collect());
    }
    if ops.len() == 1 {
        let msg = format!("missing destination file operand after {}", quote(&ops[0]));
        return Err(cmd.usage_error(msg, 1).await);
    }
    let (sources, last) = ops.split_at(ops.len() - 1);
    let dest = &last[0];
    if no_target {
        if ops.len() > 2 {
            return Err(cmd.usage_error(format!("extra operand {}", quote(&ops[2])), 1).await);
        }
        return Ok(vec![(ops[0].clone(), dest.clone())]);
    }
    let is_dir = match files::stat(&cmd.p, dest).await {
        Ok(st) => st.is_dir(),
        Err(e) if sources.len() > 1 => {
            return Err(fail(cmd, format!("target {}: {}", quote(dest), e.strerror())).await);
        }
        Err(_) => false,
    };
    if is_dir {
        return Ok(sources.iter().map(|s| (s.clone(), into(dest, s))).collect());
    }
    if sources.len() > 1 {
        return Err(fail(cmd, format!("target {}: Not a directory", quote(dest))).await);
    }
    Ok(vec![(sources[0].clone(), dest.clone())])
}

async fn fail(cmd: &mut Cmd, msg: String) -> i32 {
    cmd.error(msg).await;
    cmd.finish(1).await
}

/// The name `src` takes inside the directory `dir`.
fn into(dir: &str, src: &str) -> String {
    join(dir, base_name(src))
}

/// True if `inner` is `outer` or lies below it, comparing absolute names.
pub fn is_within(cmd: &Cmd, outer: &str, inner: &str) -> bool {
    match (cmd.p.abs(outer), cmd.p.abs(inner)) {
        (Ok(o), Ok(i)) => i == o || (i.starts_with(&o) && (o == "/" || i.as_bytes().get(o.len()) == Some(&b'/'))),
        _ => false,
    }
}

/// Copy one command-line source to its destination. True on success.
pub async fn copy(cmd: &mut Cmd, src: &str, dst: &str, o: &CopyOpts, prompter: &mut Prompter) -> bool {
    let st = match files::stat(&cmd.p, src).await {
        Ok(st) => st,
        Err(e) => {
            cmd.error(format!("cannot stat {}: {}", quote(src), e.strerror())).await;
            return false;
        }
    };
    if !st.is_dir() {
        return copy_file(cmd, src, &st, dst, o, prompter, false).await;
    }
    if !o.recursive {
        cmd.error(format!("-r not specified; omitting directory {}", quote(src)))
            .await;
        return false;
    }
    if is_within(cmd, src, dst) {
        cmd.error(format!(
            "cannot copy a directory, {}, into itself, {}",
            quote(src),
            quote(dst)
        ))
        .await;
        return false;
    }
    copy_tree(cmd, src, dst, o, prompter).await
}

/// A directory created (or reused) by the copy, to finish after its
/// contents: the attributes to preserve.
struct OpenDir {
    dst: String,
    st: Stat,
}

async fn copy_tree(cmd: &mut Cmd, src: &str, dst: &str, o: &CopyOpts, prompter: &mut Prompter) -> bool {
    let p = cmd.p.clone();
    let mut walk = Walk::new(src);
    let mut ok = true;
    let mut dirs: Vec<Option<OpenDir>> = Vec::new();
    while let Some(v) = walk.next(&p).await {
        match v {
            Visit::Pre(e) => {
                let to = dest_of(src, dst, &e.path);
                if make_dir(cmd, &e.path, &e.stat, &to, o).await {
                    dirs.push(Some(OpenDir { dst: to, st: e.stat }));
                } else {
                    ok = false;
                    walk.skip();
                    dirs.push(None);
                }
            }
            Visit::Post(_) => {
                if let Some(Some(d)) = dirs.pop()
                    && !preserve(cmd, &d.dst, &d.st, o).await
                {
                    ok = false;
                }
            }
            Visit::Leaf(e) => {
                let to = dest_of(src, dst, &e.path);
                if !copy_file(cmd, &e.path, &e.stat, &to, o, prompter, true).await {
                    ok = false;
                }
            }
            Visit::Error { path, error, .. } => {
                cmd.error(format!("cannot access {}: {}", quote(&path), error.strerror()))
                    .await;
                ok = false;
            }
        }
    }
    ok
}

/// Where `path` (inside the tree `src`) goes in the copy `dst`.
fn dest_of(src: &str, dst: &str, path: &str) -> String {
    let rel = path.strip_prefix(src).unwrap_or(path).trim_start_matches('/');
    if rel.is_empty() {
        dst.to_string()
    } else {
        join(dst, rel)
    }
}

/// Make (or reuse) the directory `to` for the source directory `from`.
async fn make_dir(cmd: &mut Cmd, from: &str, st: &Stat, to: &str, o: &CopyOpts) -> bool {
    match cmd.p.stat(to).await {
        Ok(d) if d.is_dir() => return true,
        Ok(_) => {
            cmd.error(format!(
                "cannot overwrite non-directory {} with directory {}",
                quote(to),
                quote(from)
            ))
            .await;
            return false;
        }
        Err(_) => {}
    }
    if let Err(e) = cmd.p.mkdir(to, st.mode() & 0o777).await {
        cmd.error(format!("cannot create directory {}: {}", quote(to), e.strerror()))
            .await;
        return false;
    }
    let line = match o.verbose {
        Verbose::Quiet => None,
        Verbose::Cp => Some(format!("{} -> {}\n", quote(from), quote(to))),
        Verbose::Mv => Some(format!("created directory {}\n", quote(to))),
    };
    if let Some(l) = line {
        cmd.out.write(l.as_bytes()).await;
    }
    true
}

/// Copy a file's data (and attributes, as asked). `nested`: met inside a
/// directory being copied.
async fn copy_file(
    cmd: &mut Cmd,
    src: &str,
    st: &Stat,
    dst: &str,
    o: &CopyOpts,
    prompter: &mut Prompter,
    nested: bool,
) -> bool {
    let existing = match files::stat(&cmd.p, dst).await {
        Ok(d) => Some(d),
        Err(e) if e.is(Errno::ENOENT) => None,
        Err(e) => {
            cmd.error(format!("cannot stat {}: {}", quote(dst), e.strerror())).await;
            return false;
        }
    };
    if let Some(d) = &existing {
        if identical(&cmd.p, src, st, dst, d) {
            cmd.error(format!("{} and {} are the same file", quote(src), quote(dst)))
                .await;
            return false;
        }
        if d.is_dir() {
            cmd.error(format!("cannot overwrite directory {} with non-directory", quote(dst)))
                .await;
            return false;
        }
        match o.clobber {
            Clobber::Skip => return true,
            Clobber::Ask => {
                let q = format!("overwrite {}? ", quote(dst));
                if !prompter.ask(cmd, &q).await {
                    return true;
                }
            }
            Clobber::Overwrite => {}
        }
        if o.update && d.mtime >= st.mtime {
            return true;
        }
    } else if files::has_trailing_slash(dst) {
        cmd.error(format!("cannot create regular file {}: Not a directory", quote(dst)))
            .await;
        return false;
    }
    if let Some(what) = o.link {
        // No file server here can make links.
        cmd.error(format!(
            "cannot create {what} {} to {}: Operation not permitted",
            quote(dst),
            quote(src)
        ))
        .await;
        return false;
    }
    if nested && st.kind == NodeType::Device {
        cmd.error(format!(
            "cannot create special file {}: Operation not permitted",
            quote(dst)
        ))
        .await;
        return false;
    }
    if !copy_data(cmd, src, st, dst, existing.is_some(), o).await {
        return false;
    }
    let line = match o.verbose {
        Verbose::Quiet => None,
        Verbose::Cp => Some(format!("{} -> {}\n", quote(src), quote(dst))),
        Verbose::Mv => Some(format!("copied {} -> {}\n", quote(src), quote(dst))),
    };
    if let Some(l) = line {
        cmd.out.write(l.as_bytes()).await;
    }
    preserve(cmd, dst, st, o).await
}

/// Open the destination: truncate an existing file (with -f, remove it if
/// that fails), or create one with the source's permission bits.
async fn open_dest(cmd: &Cmd, dst: &str, st: &Stat, exists: bool, o: &CopyOpts) -> kernel::Result<kernel::Fd> {
    let create = OpenFlags {
        perm: st.mode() & 0o777,
        ..OpenFlags::WRITE
    };
    if exists && o.remove_first {
        cmd.p.remove(dst).await?;
        return cmd.p.open(dst, create).await;
    }
    if !exists {
        return cmd.p.open(dst, create).await;
    }
    let truncate = OpenFlags {
        create: false,
        ..OpenFlags::WRITE
    };
    match cmd.p.open(dst, truncate).await {
        Ok(fd) => Ok(fd),
        Err(_) if o.force => {
            cmd.p.remove(dst).await?;
            cmd.p.open(dst, create).await
        }
        Err(e) => Err(e),
    }
}

async fn copy_data(cmd: &mut Cmd, src: &str, st: &Stat, dst: &str, exists: bool, o: &CopyOpts) -> bool {
    let p = cmd.p.clone();
    let input = match p.open(src, OpenFlags::READ).await {
        Ok(fd) => fd,
        Err(e) => {
            cmd.error(format!("cannot open {} for reading: {}", quote(src), e.strerror()))
                .await;
            return false;
        }
    };
    let output = match open_dest(cmd, dst, st, exists, o).await {
        Ok(fd) => fd,
        Err(e) => {
            let _ = p.close(input).await;
            cmd.error(format!("cannot create regular file {}: {}", quote(dst), e.strerror()))
                .await;
            return false;
        }
    };
    let mut ok = true;
    loop {
        let chunk = match p.read(input, 64 * 1024).await {
            Ok(c) => c,
            Err(e) => {
                cmd.error(format!("error reading {}: {}", quote(src), e.strerror()))
                    .await;
                ok = false;
                break;
            }
        };
        if chunk.is_empty() {
            break;
        }
        if let Err(e) = p.write(output, &chunk).await {
            cmd.error(format!("error writing {}: {}", quote(dst), e.strerror()))
                .await;
            ok = false;
            break;
        }
    }
    let _ = p.close(input).await;
    if let Err(e) = p.close(output).await
        && ok
    {
        cmd.error(format!("failed to close {}: {}", quote(dst), e.strerror()))
            .await;
        ok = false;
    }
    ok
}

/// Give `dst` the mode, owner and modification time of `st`, as asked.
async fn preserve(cmd: &mut Cmd, dst: &str, st: &Stat, o: &CopyOpts) -> bool {
    let mut ok = true;
    if o.owner {
        let c = StatChanges {
            uid: Some(st.uid()),
            gid: Some(st.gid()),
            ..Default::default()
        };
        if let Err(e) = cmd.p.wstat(dst, &c).await {
            cmd.error(format!(
                "failed to preserve ownership for {}: {}",
                quote(dst),
                e.strerror()
            ))
            .await;
            ok = false;
        }
    }
    if o.mode {
        let c = StatChanges {
            mode: Some(st.mode() & 0o7777),
            ..Default::default()
        };
        if let Err(e) = cmd.p.wstat(dst, &c).await {
            cmd.error(format!("preserving permissions for {}: {}", quote(dst), e.strerror()))
                .await;
            ok = false;
        }
    }
    if o.times {
        let c = StatChanges {
            mtime: Some(st.mtime),
            ..Default::default()
        };
        if let Err(e) = cmd.p.wstat(dst, &c).await {
            cmd.error(format!("preserving times for {}: {}", quote(dst), e.strerror()))
                .await;
            ok = false;
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::dest_of;

    #[test]
    fn destinations() {
        assert_eq!(dest_of("d", "e", "d"), "e");
        assert_eq!(dest_of("d", "e", "d/f"), "e/f");
        assert_eq!(dest_of("d/", "e", "d/f"), "e/f");
        assert_eq!(dest_of("d", "e/", "d/s/f"), "e/s/f");
    }
}
