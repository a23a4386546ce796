//! `ns` and `newns`: show a namespace, and run a command in one built from
//! a namespace file (Plan 9's ns(1) and newns(8)).

use kernel::{Rfork, Share, Target};

use common::cli::{Cmd, Mode, Opt, flag, value};
use common::nsfile;

const NS_HELP: &str = "Usage: ns [PID]
Print the namespace of process PID (default: this one, which has its
caller's namespace) as the bind and mount lines that rebuild it, ending
with cd. The text is /proc/PID/ns; newns -n reads it back.

      --help     display this help and exit
      --version  output version information and exit
";

const NEWNS_HELP: &str = "Usage: newns [-a] [-n FILE] [COMMAND [ARG]...]
Run COMMAND (default: sh) in a namespace built from FILE (default
/lib/namespace), a file of lines such as:

  bind [-abcC] new old
  mount [-abcC] /srv/NAME old [spec]
  unmount [new] old
  cd dir
  clear
  . other-file

Lines starting with # are comments; words may be quoted with '...', and
$name is replaced by an environment variable.

  -a             add to the current namespace instead of starting from
                 one that holds only the root
  -n FILE        the namespace file
      --help     display this help and exit
      --version  output version information and exit
";

pub async fn ns(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], NS_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let pid = match opts.operands.as_slice() {
        [] => "self".to_string(),
        [pid] if pid.bytes().all(|b| b.is_ascii_digit()) && !pid.is_empty() => pid.clone(),
        [bad] => return cmd.usage_error(format!("invalid process id '{bad}'"), 1).await,
        [_, extra, ..] => return cmd.usage_error(format!("extra operand '{extra}'"), 1).await,
    };
    match cmd.p.read_file(&format!("/proc/{pid}/ns")).await {
        Ok(text) => {
            cmd.out.write(&text).await;
            cmd.finish(0).await
        }
        Err(e) => {
            cmd.error_at(&pid, &e).await;
            cmd.finish(1).await
        }
    }
}

const NEWNS_SPEC: &[Opt] = &[flag("add", 'a'), value("namespace", 'n')];

pub async fn newns(mut cmd: Cmd) -> i32 {
    // Options end at the command, so its own options pass through.
    let opts = match cmd.parse_with(NEWNS_SPEC, NEWNS_HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let file = opts.value("namespace").unwrap_or("/lib/namespace").to_string();
    // Read the file before the namespace is cleared: it may not be
    // reachable from a namespace holding only the root.
    let text = match cmd.p.read_file(&file).await {
        Ok(t) => String::from_utf8_lossy(&t).into_owned(),
        Err(e) => {
            cmd.error_at(&file, &e).await;
            return cmd.finish(1).await;
        }
    };
    if !opts.has("add") {
        cmd.p.rfork(Rfork {
            ns: Share::Clean,
            ..Rfork::SHARE
        });
    }
    for (i, line) in text.lines().enumerate() {
        if let Err(e) = nsfile::apply_line(&cmd.p, line, 0).await {
            cmd.error(format!("{file}:{}: {e}", i + 1)).await;
            return cmd.finish(1).await;
        }
    }
    let argv = if opts.operands.is_empty() {
        vec!["sh".to_string()]
    } else {
        opts.operands.clone()
    };
    let _ = cmd.finish(0).await;
    let e = cmd.p.exec(Target::Path(argv[0].clone()), argv.clone()).await;
    cmd.error(format!("{}: {}", argv[0], e.strerror())).await;
    cmd.finish(kernel::exec::failure_status(&e)).await
}
