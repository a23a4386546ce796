//! `test` and `[` as programs (the shell has them as builtins too).

use common::bytes;
use common::cli::Cmd;
use common::test;

const HELP: &str = "Usage: test EXPRESSION
  or:  test
  or:  [ EXPRESSION ]
  or:  [ ]
  or:  [ OPTION
Exit with the status determined by EXPRESSION.

  ( EXPRESSION )  ! EXPRESSION  EXPR1 -a EXPR2  EXPR1 -o EXPR2
  -n STRING  -z STRING  STRING1 = STRING2  STRING1 != STRING2
  INTEGER1 -eq|-ne|-lt|-le|-gt|-ge INTEGER2
  FILE1 -ef|-nt|-ot FILE2
  -b -c -d -e -f -g -G -h -k -L -O -p -r -s -S -t FD -u -w -x FILE

Exit status: 0 if EXPRESSION is true, 1 if false, 2 on an error.
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let bracket = cmd.name == "[";
    let mut args: Vec<String> = cmd.args.iter().map(|a| bytes::from_os(a)).collect();
    if bracket {
        match args.as_slice() {
            [a] if a == "--help" => return cmd.help(HELP).await,
            [a] if a == "--version" => return cmd.version().await,
            _ => {}
        }
        if args.last().map(String::as_str) != Some("]") {
            cmd.error("missing ']'").await;
            return cmd.finish(2).await;
        }
        args.pop();
    }
    let p = cmd.p.clone();
    match test::eval(&p, &test::Env::default(), &args).await {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(msg) => {
            cmd.error(msg).await;
            cmd.finish(2).await
        }
    }
}
