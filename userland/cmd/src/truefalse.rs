//! `true` and `false`: succeed or fail, whatever the arguments (`--help`
//! and `--version` alone are honoured, as GNU's are).

use common::cli::Cmd;

const HELP_TRUE: &str = "Usage: true [ignored command line arguments]\n  or:  true OPTION\nExit with a status code indicating success.\n\n      --help     display this help and exit\n      --version  output version information and exit\n";
const HELP_FALSE: &str = "Usage: false [ignored command line arguments]\n  or:  false OPTION\nExit with a status code indicating failure.\n\n      --help     display this help and exit\n      --version  output version information and exit\n";

async fn run(mut cmd: Cmd, status: i32, help: &str) -> i32 {
    match cmd.args.as_slice() {
        [a] if a == "--help" => {
            let s = cmd.help(help).await;
            if s == 0 { status } else { s }
        }
        [a] if a == "--version" => {
            let s = cmd.version().await;
            if s == 0 { status } else { s }
        }
        _ => status,
    }
}

pub async fn true_(cmd: Cmd) -> i32 {
    run(cmd, 0, HELP_TRUE).await
}

pub async fn false_(cmd: Cmd) -> i32 {
    run(cmd, 1, HELP_FALSE).await
}
