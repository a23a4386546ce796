//! `dirname`: strip the last component from names.

use common::cli::{Cmd, Opt, flag};
use common::files::dir_name;

const HELP: &str = "Usage: dirname [OPTION] NAME...
Output each NAME with its last non-slash component and trailing slashes
removed; if NAME contains no /'s, output '.' (meaning the current directory).

  -z, --zero     end each output line with NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

Examples:
  dirname /usr/bin/          -> \"/usr\"
  dirname dir1/str dir2/str  -> \"dir1\" followed by \"dir2\"
  dirname stdio.h            -> \".\"
";

const SPEC: &[Opt] = &[flag("zero", 'z')];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let end = if opts.has("zero") { b'\0' } else { b'\n' };
    for name in &opts.operands {
        cmd.out.write(dir_name(name).as_bytes()).await;
        cmd.out.write(&[end]).await;
    }
    cmd.finish(0).await
}
