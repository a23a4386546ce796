//! `yes`: print a line over and over until killed.

use common::cli::Cmd;

const HELP: &str = "Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or 'y'.

      --help     display this help and exit
      --version  output version information and exit
";

/// The block written at each call: many copies of the line, so the cost
/// per line is a memcpy, not a system call.
const BLOCK: usize = 64 * 1024;

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let line = if opts.operands.is_empty() {
        "y\n".to_string()
    } else {
        format!("{}\n", opts.operands.join(" "))
    };
    let copies = (BLOCK / line.len()).max(1);
    let block = line.repeat(copies).into_bytes();
    loop {
        if let Err(e) = cmd.p.write(1, &block).await {
            // A closed pipe ends us by its note, silently; anything else
            // is reported as GNU does.
            if !e.is(kernel::Errno::EPIPE) {
                cmd.error(format!("standard output: {}", e.strerror())).await;
            }
            let _ = cmd.p.checkpoint().await;
            return 1;
        }
        if cmd.p.checkpoint().await.is_err() {
            return 1;
        }
    }
}
