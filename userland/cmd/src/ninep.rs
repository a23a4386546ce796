//! `srv` and `exportfs`: 9P2000 across the system's edge, as Plan 9's
//! commands of those names (`import`, which changes the caller's
//! namespace, is a shell builtin). Dialing and announcing go through
//! the host's dial policy (`--net`): by default nothing may be dialed,
//! and a refused address answers `permission denied` naming it.

use std::sync::Arc;

use kernel::Fileserver;
use net9::dial::Addr;
use net9::export::Export;
use net9::policy;

use common::cli::{Cmd, Opt, value};

const SRV_HELP: &str = "Usage: srv ADDR [NAME]
Dial the 9P2000 server at ADDR (unix!PATH or tcp!HOST!PORT) and post the
connection as /srv/NAME (default: the address's last field). Mount it with
'mount /srv/NAME DIR'. The host must allow the address (ninebox --net).

      --help        display this help and exit
      --version     output version information and exit
";

const EXPORTFS_HELP: &str = "Usage: exportfs [-r ROOT] -a ADDR
Serve this process's namespace (from ROOT, default /) over 9P2000 on ADDR,
one connection at a time or many, until killed. The host must allow the
address (ninebox --net).

  -a, --announce=ADDR  the address to listen on
  -r, --root=ROOT      the directory exported as the root
      --help           display this help and exit
      --version        output version information and exit
";

const SRV_SPEC: &[Opt] = &[];
const EXPORTFS_SPEC: &[Opt] = &[value("announce", 'a'), value("root", 'r')];

pub async fn srv(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SRV_SPEC, SRV_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let (addr, name) = match opts.operands.as_slice() {
        [addr] => (addr.clone(), addr.rsplit('!').next().unwrap_or(addr).to_string()),
        [addr, name] => (addr.clone(), name.clone()),
        _ => return cmd.usage_error("expected ADDR [NAME]", 1).await,
    };
    let fs = match net9::import::dial(&cmd.p, &addr, "").await {
        Ok(fs) => fs,
        Err(e) => {
            cmd.error_at(&addr, &e).await;
            return cmd.finish(1).await;
        }
    };
    let path = format!("/srv/{name}");
    let server: Arc<dyn Fileserver> = fs;
    match cmd.p.post(&path, server, &format!("9P2000 client of {addr}\n")).await {
        Ok(post) => {
            post.leave();
            cmd.finish(0).await
        }
        Err(e) => {
            cmd.error_at(&path, &e).await;
            cmd.finish(1).await
        }
    }
}

pub async fn exportfs(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(EXPORTFS_SPEC, EXPORTFS_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if !opts.operands.is_empty() {
        return cmd.usage_error("unexpected operand", 1).await;
    }
    let Some(addr) = opts.value("announce").map(str::to_string) else {
        return cmd.usage_error("expected -a ADDR", 1).await;
    };
    let root = opts.value("root").unwrap_or("/").to_string();
    let r = async {
        let a = Addr::parse(&addr)?;
        let export = Export::new(cmd.p.clone(), &root)?;
        let listener = policy::announce(&cmd.p, &a).await?;
        Ok::<_, kernel::Error>((export, listener))
    }
    .await;
    let (export, listener) = match r {
        Ok(x) => x,
        Err(e) => {
            cmd.error_at(&addr, &e).await;
            return cmd.finish(1).await;
        }
    };
    let p = cmd.p.clone();
    let served = p
        .blocking(
            kernel::ProcState::Pread,
            net9::export::accept_all(export, vec![listener]),
        )
        .await;
    if let Err(e) = served {
        cmd.error_at(&addr, &e).await;
    }
    cmd.finish(1).await
}
