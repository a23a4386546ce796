//! `printf` and `echo` as programs (the shell has them as builtins too;
//! all share `common::printf` and `common::escape`).

use common::bytes;
use common::cli::Cmd;
use common::{escape, printf as pf};

const PRINTF_HELP: &str = "Usage: printf FORMAT [ARGUMENT]...
  or:  printf OPTION
Print ARGUMENT(s) according to FORMAT.

FORMAT controls the output as in C printf.  Interpreted sequences are:
  \\\"  \\\\  \\a  \\b  \\c  \\e  \\f  \\n  \\r  \\t  \\v  \\NNN  \\xHH  \\uHHHH
  %%  %b  %q  and the C conversions diouxXfeEgGcs, with widths and precisions.
The FORMAT is reused as necessary to consume all of the ARGUMENTs.

      --help     display this help and exit
      --version  output version information and exit
";

const ECHO_HELP: &str = "Usage: echo [SHORT-OPTION]... [STRING]...
  or:  echo LONG-OPTION
Echo the STRING(s) to standard output.

  -n             do not output the trailing newline
  -e             enable interpretation of backslash escapes
  -E             disable interpretation of backslash escapes (default)
      --help     display this help and exit
      --version  output version information and exit
";

/// Arguments in the byte-per-char form the formatting code works on.
fn shell_args(cmd: &Cmd) -> Vec<String> {
    cmd.args.iter().map(|a| bytes::from_os(a)).collect()
}

pub async fn main(mut cmd: Cmd) -> i32 {
    match cmd.args.as_slice() {
        [a] if a == "--help" => return cmd.help(PRINTF_HELP).await,
        [a] if a == "--version" => return cmd.version().await,
        [] => return cmd.usage_error("missing operand", 1).await,
        _ => {}
    }
    let mut args = shell_args(&cmd);
    if args.first().map(String::as_str) == Some("--") {
        args.remove(0);
    }
    let Some(fmt) = args.first() else {
        return cmd.usage_error("missing operand", 1).await;
    };
    let out = pf::format(fmt, &args[1..], common::limits::Budget::of(&cmd.p));
    cmd.out.write(&bytes::to_bytes(&out.text)).await;
    let mut status = 0;
    for e in &out.errors {
        cmd.error(e).await;
        status = 1;
    }
    cmd.finish(status).await
}

pub async fn echo(mut cmd: Cmd) -> i32 {
    match cmd.args.as_slice() {
        [a] if a == "--help" => return cmd.help(ECHO_HELP).await,
        [a] if a == "--version" => return cmd.version().await,
        _ => {}
    }
    let args = shell_args(&cmd);
    let (text, _) = escape::echo_text(&args);
    cmd.out.write(&bytes::to_bytes(&text)).await;
    cmd.finish(0).await
}
