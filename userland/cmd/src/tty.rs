//! `tty`: print the name of the terminal on standard input (GNU coreutils
//! 9.1). The one terminal here is the console, `/dev/cons/data`.

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::quote::quote;

const HELP: &str = "Usage: tty [OPTION]...
Print the file name of the terminal connected to standard input.

  -s, --silent, --quiet   print nothing, only return an exit status
      --help     display this help and exit
      --version  output version information and exit

The terminal is the console, /dev/cons/data.
";

const SPEC: &[Opt] = &[flag("silent", 's'), long("quiet", Arg::No)];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand {}", quote(extra)), 2).await;
    }
    let name = common::io::console_name(&cmd.p, 0);
    if opts.has("silent") || opts.has("quiet") {
        return if name.is_some() { 0 } else { 1 };
    }
    let status = match name {
        Some(n) => {
            cmd.out.write_str(&format!("{n}\n")).await;
            0
        }
        None => {
            cmd.out.write_str("not a tty\n").await;
            1
        }
    };
    // A write error is status 3 for tty.
    match cmd.finish(status).await {
        s if s == status => s,
        _ => 3,
    }
}
