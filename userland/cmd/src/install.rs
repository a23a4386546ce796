//! `install`: copy files and set their attributes (GNU coreutils 9.1).
//!
//! A file is installed by removing what is there and writing a new one, as
//! GNU does, then setting its mode (0755 unless `-m`; symbolic modes apply
//! to 0 without the umask), owner, group and, with `-p`, times.

use kernel::{Errno, NodeType, OpenFlags, Stat, StatChanges};

use common::cli::{Cmd, Opt, Opts, flag, value};
use common::files::{self, base_name, identical};
use common::mode::ModeChange;
use common::quote::quote;
use common::users::Users;

const HELP: &str = "Usage: install [OPTION]... [-T] SOURCE DEST
  or:  install [OPTION]... SOURCE... DIRECTORY
  or:  install [OPTION]... -t DIRECTORY SOURCE...
  or:  install [OPTION]... -d DIRECTORY...

This install program copies files (often just compiled) into destination
locations you choose.  If you want to download and install a ready-to-use
package on a GNU/Linux system, you should instead be using a package manager
like yum(1) or apt-get(1).

In the first three forms, copy SOURCE to DEST or multiple SOURCE(s) to
the existing DIRECTORY, while setting permission modes and owner/group.
In the 4th form, create all components of the given DIRECTORY(ies).

Mandatory arguments to long options are mandatory for short options too.
  -c                  (ignored)
  -C, --compare       compare content of source and destination files, and
                        if no change to content, ownership, and permissions,
                        do not modify the destination at all
  -d, --directory     treat all arguments as directory names; create all
                        components of the specified directories
  -D                  create all leading components of DEST except the last,
                        or all components of --target-directory,
                        then copy SOURCE to DEST
  -g, --group=GROUP   set group ownership, instead of process' current group
  -m, --mode=MODE     set permission mode (as in chmod), instead of rwxr-xr-x
  -o, --owner=OWNER   set ownership (super-user only)
  -p, --preserve-timestamps   apply access/modification times of SOURCE files
                        to corresponding destination files
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory  treat DEST as a normal file
  -v, --verbose       print the name of each directory as it is created
      --help        display this help and exit
      --version     output version information and exit

Not here: -b and -S (backups), -s (there is no strip), -Z (no SELinux).
";

const SPEC: &[Opt] = &[
    flag("ignored-c", 'c'),
    flag("compare", 'C'),
    flag("directory", 'd'),
    flag("leading", 'D'),
    value("group", 'g'),
    value("mode", 'm'),
    value("owner", 'o'),
    flag("preserve-timestamps", 'p'),
    value("target-directory", 't'),
    flag("no-target-directory", 'T'),
    flag("verbose", 'v'),
];

struct Settings {
    mode: u32,
    uid: Option<u32>,
    gid: Option<u32>,
    compare: bool,
    preserve: bool,
    verbose: bool,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let s = match settings(&mut cmd, &opts).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let ops = &opts.operands;
    if opts.has("directory") {
        if ops.is_empty() {
            return cmd.usage_error("missing file operand", 1).await;
        }
        let mut status = 0;
        for d in ops {
            if !make_dirs(&mut cmd, d, &s, true).await {
                status = 1;
            }
        }
        return cmd.finish(status).await;
    }
    let leading = opts.has("leading");
    let pairs: Vec<(String, String)> = if let Some(dir) = opts.value("target-directory") {
        if opts.has("no-target-directory") {
            cmd.error("cannot combine --target-directory (-t) and --no-target-directory (-T)")
                .await;
            return 1;
        }
        if ops.is_empty() {
            return cmd.usage_error("missing file operand", 1).await;
        }
        if leading && !make_dirs(&mut cmd, dir, &s, false).await {
            return cmd.finish(1).await;
        }
        if let Err(status) = check_dir(&mut cmd, dir, "target directory").await {
            return status;
        }
        ops.iter()
            .map(|f| (f.clone(), format!("{dir}/{}", base_name(f))))
            .collect()
    } else {
        match ops.len() {
            0 => return cmd.usage_error("missing file operand", 1).await,
            1 => {
                let msg = format!("missing destination file operand after {}", quote(&ops[0]));
                return cmd.usage_error(msg, 1).await;
            }
            2 if opts.has("no-target-directory") || leading || !is_dir(&cmd, &ops[1]).await => {
                vec![(ops[0].clone(), ops[1].clone())]
            }
            _ if opts.has("no-target-directory") => {
                return cmd.usage_error(format!("extra operand {}", quote(&ops[2])), 1).await;
            }
            n => {
                let dir = &ops[n - 1];
                if let Err(status) = check_dir(&mut cmd, dir, "target").await {
                    return status;
                }
                ops[..n - 1]
                    .iter()
                    .map(|f| (f.clone(), format!("{dir}/{}", base_name(f))))
                    .collect()
            }
        }
    };
    let mut status = 0;
    for (src, dst) in pairs {
        if leading && opts.value("target-directory").is_none() {
            let parent = files::dir_name(&dst).to_string();
            if parent != "." && !make_dirs(&mut cmd, &parent, &s, false).await {
                status = 1;
                continue;
            }
        }
        if !install_file(&mut cmd, &src, &dst, &s).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

async fn settings(cmd: &mut Cmd, opts: &Opts) -> Result<Settings, i32> {
    let mode = match opts.value("mode") {
        None => 0o755,
        Some(m) => match ModeChange::parse(m) {
            Some(c) => c.apply(0, false, 0).0,
            None => {
                cmd.error(format!("invalid mode {}", quote(m))).await;
                return Err(1);
            }
        },
    };
    let users = Users::load(&cmd.p).await;
    let uid = match opts.value("owner") {
        None => None,
        Some(o) => match users.parse_user(o) {
            Some(u) => Some(u),
            None => {
                cmd.error(format!("invalid user {}", quote(o))).await;
                return Err(1);
            }
        },
    };
    let gid = match opts.value("group") {
        None => None,
        Some(g) => match users.parse_group(g) {
            Some(g) => Some(g),
            None => {
                cmd.error(format!("invalid group {}", quote(g))).await;
                return Err(1);
            }
        },
    };
    Ok(Settings {
        mode,
        uid,
        gid,
        compare: opts.has("compare"),
        preserve: opts.has("preserve-timestamps"),
        verbose: opts.has("verbose"),
    })
}

async fn is_dir(cmd: &Cmd, name: &str) -> bool {
    cmd.p.stat(name).await.is_ok_and(|s| s.is_dir())
}

async fn check_dir(cmd: &mut Cmd, dir: &str, what: &str) -> Result<(), i32> {
    let problem = match cmd.p.stat(dir).await {
        Ok(st) if st.is_dir() => return Ok(()),
        Ok(_) => "Not a directory".to_string(),
        Err(e) => e.strerror().to_string(),
    };
    cmd.error(format!("{what} {}: {problem}", quote(dir))).await;
    Err(cmd.finish(1).await)
}

/// Make `dir` and any missing parents (0755); the last one gets the
/// `-m` mode and owner when `is_target` (`-d`).
async fn make_dirs(cmd: &mut Cmd, dir: &str, s: &Settings, is_target: bool) -> bool {
    let mut prefix = String::new();
    let parts: Vec<&str> = dir.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            prefix.push('/');
        }
        prefix.push_str(part);
        if part.is_empty() || *part == "." || *part == ".." {
            continue;
        }
        match cmd.p.stat(&prefix).await {
            Ok(st) if st.is_dir() => continue,
            Ok(_) => {
                cmd.error(format!("cannot create directory {}: File exists", quote(&prefix)))
                    .await;
                return false;
            }
            Err(e) if !e.is(Errno::ENOENT) => {
                cmd.error(format!("cannot create directory {}: {}", quote(&prefix), e.strerror()))
                    .await;
                return false;
            }
            Err(_) => {}
        }
        if let Err(e) = cmd.p.mkdir(&prefix, 0o755).await {
            cmd.error(format!("cannot create directory {}: {}", quote(&prefix), e.strerror()))
                .await;
            return false;
        }
        if s.verbose {
            let line = format!("{}: creating directory {}\n", cmd.name, quote(&prefix));
            cmd.out.write_str(&line).await;
        }
    }
    if is_target {
        let changes = StatChanges {
            mode: Some(s.mode),
            uid: s.uid,
            gid: s.gid,
            ..Default::default()
        };
        if let Err(e) = cmd.p.wstat(dir, &changes).await {
            cmd.error(format!("cannot change permissions of {}: {}", quote(dir), e.strerror()))
                .await;
            return false;
        }
    }
    true
}

async fn install_file(cmd: &mut Cmd, src: &str, dst: &str, s: &Settings) -> bool {
    let st = match files::stat(&cmd.p, src).await {
        Ok(st) => st,
        Err(e) => {
            cmd.error(format!("cannot stat {}: {}", quote(src), e.strerror())).await;
            return false;
        }
    };
    if st.is_dir() {
        cmd.error(format!("omitting directory {}", quote(src))).await;
        return false;
    }
    let existing = cmd.p.stat(dst).await.ok();
    if let Some(d) = &existing
        && identical(&cmd.p, src, &st, dst, d)
    {
        cmd.error(format!("{} and {} are the same file", quote(src), quote(dst)))
            .await;
        return false;
    }
    // The file is held whole while the destination is replaced.
    if st.size > cmd.p.limits().max_alloc as u64 {
        cmd.error(format!(
            "cannot copy {}: memory exhausted (the string size limit)",
            quote(src)
        ))
        .await;
        return false;
    }
    let data = match cmd.p.read_file(src).await {
        Ok(d) => d,
        Err(e) => {
            cmd.error(format!("cannot open {} for reading: {}", quote(src), e.strerror()))
                .await;
            return false;
        }
    };
    if s.compare
        && let Some(d) = &existing
        && unchanged(cmd, dst, d, &data, s).await
    {
        return true;
    }
    if let Some(d) = &existing {
        if d.is_dir() {
            cmd.error(format!("cannot overwrite directory {} with non-directory", quote(dst)))
                .await;
            return false;
        }
        if let Err(e) = cmd.p.remove(dst).await {
            cmd.error(format!("cannot remove {}: {}", quote(dst), e.strerror()))
                .await;
            return false;
        }
        if s.verbose {
            cmd.out.write_str(&format!("removed {}\n", quote(dst))).await;
        }
    }
    if let Err(e) = write_new(cmd, dst, &data).await {
        cmd.error(format!("cannot create regular file {}: {}", quote(dst), e.strerror()))
            .await;
        return false;
    }
    let changes = StatChanges {
        mode: Some(s.mode),
        uid: s.uid,
        gid: s.gid,
        mtime: s.preserve.then_some(st.mtime),
        ..Default::default()
    };
    if let Err(e) = cmd.p.wstat(dst, &changes).await {
        cmd.error(format!("cannot change permissions of {}: {}", quote(dst), e.strerror()))
            .await;
        return false;
    }
    if s.verbose {
        cmd.out.write_str(&format!("{} -> {}\n", quote(src), quote(dst))).await;
    }
    true
}

async fn write_new(cmd: &Cmd, dst: &str, data: &[u8]) -> kernel::Result<()> {
    let flags = OpenFlags {
        exclusive: true,
        perm: 0o600,
        ..OpenFlags::WRITE
    };
    let fd = cmd.p.open(dst, flags).await?;
    let mut done = 0;
    let r = loop {
        if done >= data.len() {
            break Ok(());
        }
        match cmd.p.write(fd, &data[done..]).await {
            Ok(n) => done += n,
            Err(e) => break Err(e),
        }
    };
    let _ = cmd.p.close(fd).await;
    r
}

/// `-C`: the destination already has this content and these attributes.
async fn unchanged(cmd: &Cmd, dst: &str, d: &Stat, data: &[u8], s: &Settings) -> bool {
    if d.kind != NodeType::File || d.mode.map(|m| m & 0o7777) != Some(s.mode) || d.size != data.len() as u64 {
        return false;
    }
    if s.uid.is_some_and(|u| Some(u) != d.uid) || s.gid.is_some_and(|g| Some(g) != d.gid) {
        return false;
    }
    cmd.p.read_file(dst).await.is_ok_and(|old| old == data)
}
