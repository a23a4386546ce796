//! `whoami`: print the user name of the effective user id.

use common::cli::Cmd;
use common::users::Users;

const HELP: &str = "Usage: whoami [OPTION]...
Print the user name associated with the current effective user ID.
Same as id -un.

      --help     display this help and exit
      --version  output version information and exit
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand '{extra}'"), 1).await;
    }
    let uid = cmd.p.caller().uid;
    let users = Users::load(&cmd.p).await;
    match users.user_name(uid) {
        Some(name) => {
            cmd.out.write_str(&format!("{name}\n")).await;
            cmd.finish(0).await
        }
        None => {
            cmd.error(format!("cannot find name for user ID {uid}")).await;
            cmd.finish(1).await
        }
    }
}
