//! `chown` and `chgrp`: change the owner and group of files.
//!
//! Owners are recorded by the file servers; MemoryFS does not check who
//! asks, so any user may give a file away here (a Unix kernel would allow
//! it only to root).

use kernel::StatChanges;

use common::cli::{Arg, Cmd, Opt, Opts, flag, long};
use common::files::{self, Outcome, Verbosity};
use common::quote::quote;
use common::users::Users;
use common::walk::{Visit, Walk};

const CHOWN_HELP: &str = "Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...
  or:  chown [OPTION]... --reference=RFILE FILE...
Change the owner and/or group of each FILE to OWNER and/or GROUP.
With --reference, change the owner and group of each FILE to those of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --from=CURRENT_OWNER:CURRENT_GROUP
                         change the owner and/or group of each file only if
                         its current owner and/or group match those specified
                         here.  Either may be omitted, in which case a match
                         is not required for the omitted attribute
  -h, --no-dereference   there are no symbolic links here: changes nothing
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's owner and group rather than
                         specifying OWNER:GROUP values
  -R, --recursive        operate on files and directories recursively
      --help     display this help and exit
      --version  output version information and exit

Owner is unchanged if missing.  Group is unchanged if missing, but changed
to login group if implied by a ':' following a symbolic OWNER.
OWNER and GROUP may be numeric as well as symbolic.

Examples:
  chown root /u        Change the owner of /u to \"root\".
  chown root:staff /u  Likewise, but also change its group to \"staff\".
  chown -hR root /u    Change the owner of /u and subfiles to \"root\".
";

const CHGRP_HELP: &str = "Usage: chgrp [OPTION]... GROUP FILE...
  or:  chgrp [OPTION]... --reference=RFILE FILE...
Change the group of each FILE to GROUP.
With --reference, change the group of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
  -h, --no-dereference   there are no symbolic links here: changes nothing
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's group rather than specifying a
                         GROUP value
  -R, --recursive        operate on files and directories recursively
      --help     display this help and exit
      --version  output version information and exit

Examples:
  chgrp staff /u      Change the group of /u to \"staff\".
  chgrp -hR staff /u  Change the group of /u and subfiles to \"staff\".
";

const SPEC: &[Opt] = &[
    flag("changes", 'c'),
    flag("silent", 'f'),
    long("quiet", Arg::No),
    flag("verbose", 'v'),
    long("from", Arg::Required),
    flag("no-dereference", 'h'),
    long("no-preserve-root", Arg::No),
    long("preserve-root", Arg::No),
    long("reference", Arg::Required),
    flag("recursive", 'R'),
];

/// What to set, and the names to show for it in messages.
struct Change {
    uid: Option<u32>,
    gid: Option<u32>,
    user: Option<String>,
    group: Option<String>,
    /// --from: only files owned by these.
    from_uid: Option<u32>,
    from_gid: Option<u32>,
}

struct Options {
    verbosity: Verbosity,
    silent: bool,
    recursive: bool,
    preserve_root: bool,
}

pub async fn chown(cmd: Cmd) -> i32 {
    run(cmd, false).await
}

pub async fn chgrp(cmd: Cmd) -> i32 {
    run(cmd, true).await
}

async fn run(mut cmd: Cmd, group_only: bool) -> i32 {
    let help = if group_only { CHGRP_HELP } else { CHOWN_HELP };
    let opts = match cmd.parse(SPEC, help).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let users = Users::load(&cmd.p).await;
    let (change, files) = match change_and_files(&mut cmd, &opts, &users, group_only).await {
        Ok(x) => x,
        Err(status) => return status,
    };
    let mut o = Options {
        verbosity: Verbosity::Off,
        silent: false,
        recursive: opts.has("recursive"),
        preserve_root: false,
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
    for f in &files {
        if !chown_operand(&mut cmd, f, &change, &o, &users).await {
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// The change asked for and the files to apply it to; `Err` is the status
/// to exit with after a usage error.
async fn change_and_files(
    cmd: &mut Cmd,
    opts: &Opts,
    users: &Users,
    group_only: bool,
) -> Result<(Change, Vec<String>), i32> {
    let mut change = Change {
        uid: None,
        gid: None,
        user: None,
        group: None,
        from_uid: None,
        from_gid: None,
    };
    if let Some(from) = opts.value("from") {
        match parse_spec(from, users) {
            Ok(c) => (change.from_uid, change.from_gid) = (c.uid, c.gid),
            Err(msg) => {
                cmd.error(msg).await;
                return Err(cmd.finish(1).await);
            }
        }
    }
    let mut operands = opts.operands.clone();
    if let Some(r) = opts.value("reference") {
        let st = match cmd.p.stat(r).await {
            Ok(st) => st,
            Err(e) => {
                cmd.error(format!("failed to get attributes of {}: {}", quote(r), e.strerror()))
                    .await;
                return Err(cmd.finish(1).await);
            }
        };
        change.gid = Some(st.gid());
        change.group = Some(users.group_or_id(st.gid()));
        if !group_only {
            change.uid = Some(st.uid());
            change.user = Some(users.user_or_id(st.uid()));
        }
    } else {
        if operands.is_empty() {
            return Err(cmd.usage_error("missing operand", 1).await);
        }
        let spec = operands.remove(0);
        let parsed = if group_only {
            match users.parse_group(&spec) {
                Some(g) => Ok(Change {
                    gid: Some(g),
                    group: Some(spec.clone()),
                    ..change_none()
                }),
                None => Err(format!("invalid group: {}", quote(&spec))),
            }
        } else {
            parse_spec(&spec, users)
        };
        match parsed {
            Ok(c) => (change.uid, change.gid, change.user, change.group) = (c.uid, c.gid, c.user, c.group),
            Err(msg) => {
                cmd.error(msg).await;
                return Err(cmd.finish(1).await);
            }
        }
        if operands.is_empty() {
            return Err(cmd
                .usage_error(format!("missing operand after {}", quote(&spec)), 1)
                .await);
        }
    }
    if operands.is_empty() {
        return Err(cmd.usage_error("missing operand", 1).await);
    }
    Ok((change, operands))
}

fn change_none() -> Change {
    Change {
        uid: None,
        gid: None,
        user: None,
        group: None,
        from_uid: None,
        from_gid: None,
    }
}

/// `OWNER`, `OWNER:GROUP`, `OWNER:` (the owner's login group), `:GROUP`,
/// each by name or number.
fn parse_spec(spec: &str, users: &Users) -> Result<Change, String> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let mut c = change_none();
    if !user.is_empty() {
        let Some(uid) = users.parse_user(user) else {
            return Err(format!("invalid user: {}", quote(spec)));
        };
        c.uid = Some(uid);
        c.user = Some(user.to_string());
    }
    match group {
        Some("") if !user.is_empty() => {
            // `OWNER:`: the login group, which only a named owner has.
            let Some((_, gid)) = users.uid_of(user) else {
                return Err(format!("invalid spec: {}", quote(spec)));
            };
            c.gid = Some(gid);
            c.group = Some(users.group_or_id(gid));
        }
        Some("") | None => {}
        Some(g) => {
            let Some(gid) = users.parse_group(g) else {
                return Err(format!("invalid group: {}", quote(spec)));
            };
            c.gid = Some(gid);
            c.group = Some(g.to_string());
        }
    }
    Ok(c)
}

async fn chown_operand(cmd: &mut Cmd, name: &str, c: &Change, o: &Options, users: &Users) -> bool {
    if o.recursive && o.preserve_root && cmd.p.abs(name).is_ok_and(|a| a == "/") {
        cmd.error(format!("it is dangerous to operate recursively on {}", quote(name)))
            .await;
        cmd.error("use --no-preserve-root to override this failsafe").await;
        return false;
    }
    if !o.recursive {
        return match files::stat(&cmd.p, name).await {
            Ok(st) => chown_one(cmd, name, Some((st.uid(), st.gid())), c, o, users).await,
            Err(e) => inaccessible(cmd, name, &e, c, o).await,
        };
    }
    // Recursive: each directory after its contents, as GNU's chown does.
    let p = cmd.p.clone();
    let mut walk = Walk::new(name);
    let mut ok = true;
    while let Some(v) = walk.next(&p).await {
        let r = match v {
            Visit::Pre(_) => continue,
            Visit::Post(e) | Visit::Leaf(e) => {
                chown_one(cmd, &e.path, Some((e.stat.uid(), e.stat.gid())), c, o, users).await
            }
            Visit::Error { path, error, .. } => inaccessible(cmd, &path, &error, c, o).await,
        };
        ok &= r;
    }
    ok
}

async fn inaccessible(cmd: &mut Cmd, name: &str, e: &kernel::Error, c: &Change, o: &Options) -> bool {
    if !o.silent {
        cmd.error(format!("cannot access {}: {}", quote(name), e.strerror()))
            .await;
    }
    if o.verbosity == Verbosity::High {
        let to = spec_text(c.user.as_deref(), c.group.as_deref());
        let line = match (&c.user, &c.group) {
            (Some(_), _) => format!(
                "failed to change ownership of {} to {}\n",
                quote(name),
                to.unwrap_or_default()
            ),
            (None, Some(_)) => format!(
                "failed to change group of {} to {}\n",
                quote(name),
                to.unwrap_or_default()
            ),
            (None, None) => format!("failed to change ownership of {}\n", quote(name)),
        };
        cmd.out.write(line.as_bytes()).await;
    }
    false
}

/// `user:group`, `user`, `group`, or nothing, as GNU shows a spec.
fn spec_text(user: Option<&str>, group: Option<&str>) -> Option<String> {
    match (user, group) {
        (Some(u), Some(g)) => Some(format!("{u}:{g}")),
        (Some(u), None) => Some(u.to_string()),
        (None, Some(g)) => Some(g.to_string()),
        (None, None) => None,
    }
}

async fn chown_one(cmd: &mut Cmd, name: &str, old: Option<(u32, u32)>, c: &Change, o: &Options, users: &Users) -> bool {
    let (old_uid, old_gid) = old.unwrap_or((0, 0));
    if c.from_uid.is_some_and(|u| u != old_uid) || c.from_gid.is_some_and(|g| g != old_gid) {
        return true;
    }
    let changes = StatChanges {
        uid: c.uid.filter(|&u| u != old_uid),
        gid: c.gid.filter(|&g| g != old_gid),
        ..Default::default()
    };
    let (status, ok) = if changes.is_empty() {
        (Outcome::Retained, true)
    } else {
        match cmd.p.wstat(name, &changes).await {
            Ok(()) => (Outcome::Changed, true),
            Err(e) => {
                if !o.silent {
                    let what = if c.uid.is_some() { "ownership" } else { "group" };
                    cmd.error(format!("changing {what} of {}: {}", quote(name), e.strerror()))
                        .await;
                }
                (Outcome::Failed, false)
            }
        }
    };
    if o.verbosity.reports(status) {
        let old_user = c.user.as_ref().map(|_| users.user_or_id(old_uid));
        let old_group = c.group.as_ref().map(|_| users.group_or_id(old_gid));
        let line = describe(name, status, spec_text(old_user.as_deref(), old_group.as_deref()), c);
        cmd.out.write(line.as_bytes()).await;
    }
    ok
}

fn describe(name: &str, status: Outcome, old: Option<String>, c: &Change) -> String {
    let f = quote(name);
    let new = spec_text(c.user.as_deref(), c.group.as_deref()).unwrap_or_default();
    let old = old.unwrap_or_default();
    let what = match (&c.user, &c.group) {
        (Some(_), _) => "ownership",
        (None, Some(_)) => "group",
        (None, None) => {
            return match status {
                Outcome::Changed => format!("no change to ownership of {f}\n"),
                Outcome::Failed => format!("failed to change ownership of {f}\n"),
                Outcome::Retained => format!("ownership of {f} retained\n"),
            };
        }
    };
    match status {
        Outcome::Changed => format!("changed {what} of {f} from {old} to {new}\n"),
        Outcome::Failed => format!("failed to change {what} of {f} from {old} to {new}\n"),
        Outcome::Retained => format!("{what} of {f} retained as {new}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        let u = Users::default();
        let c = parse_spec("4242:4343", &u).unwrap();
        assert_eq!((c.uid, c.gid), (Some(4242), Some(4343)));
        let c = parse_spec(":7", &u).unwrap();
        assert_eq!((c.uid, c.gid), (None, Some(7)));
        let c = parse_spec("", &u).unwrap();
        assert_eq!((c.uid, c.gid), (None, None));
        assert_eq!(parse_spec("0:", &u).err().unwrap(), "invalid spec: '0:'");
        assert_eq!(parse_spec("4242.", &u).err().unwrap(), "invalid user: '4242.'");
        assert_eq!(parse_spec("1:x", &u).err().unwrap(), "invalid group: '1:x'");
        assert_eq!(
            parse_spec("9999999999", &u).err().unwrap(),
            "invalid user: '9999999999'"
        );
    }
}
