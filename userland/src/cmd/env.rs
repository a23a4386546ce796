//! `env`: run a program in a changed environment, or print the environment.

use kernel::Target;

use crate::common::cli::{Arg, Cmd, Mode, flag, long, value};

const HELP: &str = "Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

  -i, --ignore-environment  start with an empty environment
  -0, --null           end each output line with NUL, not newline
  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
      --help     display this help and exit
      --version  output version information and exit

A mere - implies -i.  If no COMMAND, print the resulting environment.
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let spec = [
        flag("ignore-environment", 'i'),
        flag("null", '0'),
        value("unset", 'u'),
        value("chdir", 'C'),
        long("debug", Arg::No),
    ];
    let opts = match cmd.parse_with(&spec, HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut operands = opts.operands.clone();
    let mut clear = opts.has("ignore-environment");
    if operands.first().map(String::as_str) == Some("-") {
        clear = true;
        operands.remove(0);
    }
    let mut env = if clear { kernel::Env::new() } else { cmd.p.environ() };
    for name in opts.values("unset") {
        env.remove(name);
    }
    let mut i = 0;
    while let Some((k, v)) = operands.get(i).and_then(|a| a.split_once('=')) {
        if k.is_empty() {
            break;
        }
        env.insert(k.to_string(), v.to_string());
        i += 1;
    }
    let command = &operands[i..];
    if command.is_empty() {
        let end = if opts.has("null") { "\0" } else { "\n" };
        for (k, v) in &env {
            cmd.out.write_str(&format!("{k}={v}{end}")).await;
        }
        return cmd.finish(0).await;
    }
    if let Some(dir) = opts.value("chdir")
        && let Err(e) = cmd.p.chdir(dir).await
    {
        cmd.error(format!("cannot change directory to '{dir}': {}", e.strerror()))
            .await;
        return cmd.finish(125).await;
    }
    // Become the command, with the new environment.
    cmd.p.rfork(kernel::Rfork {
        env: Some(kernel::Share::Clean),
        ..Default::default()
    });
    for (k, v) in &env {
        let _ = cmd.p.setenv(k, v);
    }
    let _ = cmd.out.flush().await;
    let e = cmd.p.exec(Target::Path(command[0].clone()), command.to_vec()).await;
    let status = kernel::exec::failure_status(&e);
    cmd.error(format!("'{}': {}", command[0], e.strerror())).await;
    cmd.finish(status).await
}
