//! `printenv`: print the environment, or some variables of it.

use common::cli::{Cmd, Mode, Opts, flag};

const HELP: &str = "Usage: printenv [OPTION]... [VARIABLE]...
Print the values of the specified environment VARIABLE(s).
If no VARIABLE is specified, print name and value pairs for them all.

  -0, --null     end each output line with NUL, not newline
      --help     display this help and exit
      --version  output version information and exit
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match Opts::parse(&cmd.args, &[flag("null", '0')], Mode::Permute) {
        Ok(o) => o,
        // GNU printenv fails with 2: 1 means a variable is missing.
        Err(msg) => return cmd.usage_error(msg, 2).await,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    if opts.has("version") {
        return cmd.version().await;
    }
    let end = if opts.has("null") { '\0' } else { '\n' };
    let env = cmd.p.environ();
    if opts.operands.is_empty() {
        for (k, v) in &env {
            cmd.out.write_str(&format!("{k}={v}{end}")).await;
        }
        return cmd.finish(0).await;
    }
    let mut missing = false;
    for name in &opts.operands {
        // A name with `=` can never be a variable's name.
        match env.get(name.as_str()).filter(|_| !name.contains('=')) {
            Some(v) => cmd.out.write_str(&format!("{v}{end}")).await,
            None => missing = true,
        }
    }
    cmd.finish(i32::from(missing)).await
}
