//! `hostname`: show (or, for root, set) the system's name.
//!
//! The name lives in `/etc/hostname` of the caller's namespace, so it is
//! read from there (and a namespace may give a process another one).
//! There is no network: no DNS domain, aliases or addresses.

use kernel::OpenFlags;

use common::cli::{Cmd, flag, value};

const HELP: &str = "Usage: hostname [-s|-f|-d|-a]     display the host name (from /etc/hostname)
       hostname NAME | -F FILE       set the host name (root only)

  -s, --short            short host name (up to the first dot)
  -f, --fqdn, --long     long host name (the name as it is)
  -d, --domain           DNS domain name (the part after the first dot)
  -a, --alias            alias names (there are none: an empty line)
  -F, --file=FILE        read the host name to set from FILE
      --help             display this help and exit
      --version          output version information and exit

There is no network in ninebox, so -i/-I (addresses) and -y (NIS) are
not available.
";

const SPEC: &[common::cli::Opt] = &[
    flag("short", 's'),
    flag("fqdn", 'f'),
    flag("long", '\u{1}'),
    flag("domain", 'd'),
    flag("alias", 'a'),
    value("file", 'F'),
    flag("ip-address", 'i'),
    flag("all-ip-addresses", 'I'),
    flag("yp", 'y'),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    for unsupported in ["ip-address", "all-ip-addresses", "yp"] {
        if opts.has(unsupported) {
            cmd.error(format!("--{unsupported}: there is no network in ninebox"))
                .await;
            return cmd.finish(1).await;
        }
    }
    let new_name = match (opts.value("file"), opts.operands.first()) {
        (Some(file), _) => match cmd.p.read_file(file).await {
            Ok(data) => Some(
                String::from_utf8_lossy(&data)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            ),
            Err(e) => {
                cmd.error_at(file, &e).await;
                return cmd.finish(1).await;
            }
        },
        (None, Some(name)) => Some(name.clone()),
        (None, None) => None,
    };
    if let Some(name) = new_name {
        return set_name(&mut cmd, &name).await;
    }
    let name = match cmd.p.read_file("/etc/hostname").await {
        Ok(data) => String::from_utf8_lossy(&data).trim().to_string(),
        Err(e) => {
            cmd.error_at("/etc/hostname", &e).await;
            return cmd.finish(1).await;
        }
    };
    let shown = if opts.has("short") {
        name.split('.').next().unwrap_or("").to_string()
    } else if opts.has("domain") {
        name.split_once('.').map(|(_, d)| d.to_string()).unwrap_or_default()
    } else if opts.has("alias") {
        String::new()
    } else {
        name
    };
    cmd.out.write_str(&format!("{shown}\n")).await;
    cmd.finish(0).await
}

async fn set_name(cmd: &mut Cmd, name: &str) -> i32 {
    if cmd.p.caller().uid != 0 {
        cmd.error("you must be root to change the host name").await;
        return cmd.finish(1).await;
    }
    if name.is_empty() || name.len() > 64 || name.contains(['/', ' ', '\n']) {
        cmd.error("the specified hostname is invalid").await;
        return cmd.finish(1).await;
    }
    let r = async {
        let fd = cmd.p.open("/etc/hostname", OpenFlags::WRITE).await?;
        let w = cmd.p.write(fd, format!("{name}\n").as_bytes()).await;
        let _ = cmd.p.close(fd).await;
        w
    }
    .await;
    match r {
        Ok(_) => cmd.finish(0).await,
        Err(e) => {
            cmd.error_at("/etc/hostname", &e).await;
            cmd.finish(1).await
        }
    }
}
