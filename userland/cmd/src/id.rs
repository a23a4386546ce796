//! `id`: print user and group ids.
//!
//! A process has one uid and one gid (real and effective are the same);
//! its other groups are those of `/etc/group` that list its user, since
//! the kernel keeps no supplementary groups.

use common::cli::{Cmd, flag};
use common::users::Users;

const HELP: &str = "Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead of a number, for -u,-g,-G
  -r, --real     print the real ID instead of the effective ID, with -u,-g,-G
                 (they are the same in ninebox)
  -u, --user     print only the effective user ID
  -z, --zero     delimit entries with NUL characters, not whitespace;
                   not permitted in default format
      --help     display this help and exit
      --version  output version information and exit

Without any OPTION, print some useful set of identified information.
";

const SPEC: &[common::cli::Opt] = &[
    flag("group", 'g'),
    flag("groups", 'G'),
    flag("name", 'n'),
    flag("real", 'r'),
    flag("user", 'u'),
    flag("zero", 'z'),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (u, g, gs) = (opts.has("user"), opts.has("group"), opts.has("groups"));
    let (names, real, zero) = (opts.has("name"), opts.has("real"), opts.has("zero"));
    let choices = usize::from(u) + usize::from(g) + usize::from(gs);
    if choices > 1 {
        cmd.error("cannot print \"only\" of more than one choice").await;
        return cmd.finish(1).await;
    }
    if choices == 0 && (names || real) {
        cmd.error("cannot print only names or real IDs in default format").await;
        return cmd.finish(1).await;
    }
    if choices == 0 && zero {
        cmd.error("option --zero not permitted in default format").await;
        return cmd.finish(1).await;
    }
    let users = Users::load(&cmd.p).await;
    let me = cmd.p.caller();
    let targets: Vec<Option<String>> = if opts.operands.is_empty() {
        vec![None]
    } else {
        opts.operands.iter().cloned().map(Some).collect()
    };
    let mut status = 0;
    for t in targets {
        let (uid, gid) = match &t {
            None => (me.uid, me.gid),
            Some(name) => match users.uid_of(name).or_else(|| {
                let uid: u32 = name.parse().ok()?;
                users.user_name(uid).and_then(|n| users.uid_of(n))
            }) {
                Some(ids) => ids,
                None => {
                    cmd.error(format!("'{name}': no such user")).await;
                    status = 1;
                    continue;
                }
            },
        };
        let user_name = users.user_name(uid).map(str::to_string);
        let groups = match &user_name {
            Some(n) => users.groups_of(n, gid),
            None => vec![gid],
        };
        let sep = if zero { "\0" } else { " " };
        let end = if zero { "\0" } else { "\n" };
        let mut line = String::new();
        if u {
            line = name_or_id(&mut cmd, &users, uid, names, true, &mut status).await;
        } else if g {
            line = name_or_id(&mut cmd, &users, gid, names, false, &mut status).await;
        } else if gs {
            let mut parts = Vec::new();
            for gg in &groups {
                parts.push(name_or_id(&mut cmd, &users, *gg, names, false, &mut status).await);
            }
            line = parts.join(sep);
            if zero {
                line.push('\0');
            }
        } else {
            line.push_str(&format!("uid={uid}{}", paren(users.user_name(uid))));
            line.push_str(&format!(" gid={gid}{}", paren(users.group_name(gid))));
            let list: Vec<String> = groups
                .iter()
                .map(|gg| format!("{gg}{}", paren(users.group_name(*gg))))
                .collect();
            line.push_str(&format!(" groups={}", list.join(",")));
        }
        cmd.out.write_str(&line).await;
        cmd.out.write_str(if gs && zero { "" } else { end }).await;
    }
    cmd.finish(status).await
}

fn paren(name: Option<&str>) -> String {
    name.map(|n| format!("({n})")).unwrap_or_default()
}

async fn name_or_id(cmd: &mut Cmd, users: &Users, id: u32, names: bool, user: bool, status: &mut i32) -> String {
    if !names {
        return id.to_string();
    }
    let name = if user {
        users.user_name(id)
    } else {
        users.group_name(id)
    };
    match name {
        Some(n) => n.to_string(),
        None => {
            let what = if user { "user" } else { "group" };
            cmd.error(format!("cannot find name for {what} ID {id}")).await;
            *status = 1;
            id.to_string()
        }
    }
}
