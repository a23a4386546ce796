//! `:`/`true`, `false`, `break`, `continue`, `return`, `exit`.

use crate::{Flow, Res, Shell};

pub async fn colon(_sh: &mut Shell, _argv: Vec<String>) -> Res {
    Ok(0)
}

pub async fn false_(_sh: &mut Shell, _argv: Vec<String>) -> Res {
    Ok(1)
}

/// The loop count argument of `break`/`continue`.
async fn count(sh: &mut Shell, argv: &[String]) -> Result<u32, i32> {
    let Some(a) = argv.get(1) else { return Ok(1) };
    match a.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n.min(u32::MAX as i64) as u32),
        Ok(_) => {
            sh.error(&format!("{}: {a}: loop count out of range", argv[0])).await;
            Err(1)
        }
        Err(_) => {
            sh.error(&format!("{}: {a}: numeric argument required", argv[0])).await;
            Err(1)
        }
    }
}

async fn loop_control(sh: &mut Shell, argv: Vec<String>, brk: bool) -> Res {
    if sh.nest.loops == 0 {
        sh.error(&format!(
            "{}: only meaningful in a `for', `while', or `until' loop",
            argv[0]
        ))
        .await;
        return Ok(0);
    }
    // The loop's status is the command's: 0, or 1 for a bad count (which
    // still leaves the loop, as bash does).
    let n = match count(sh, &argv).await {
        Ok(n) => {
            sh.params.status = 0;
            n
        }
        Err(s) => {
            sh.params.status = s;
            1
        }
    };
    let n = n.min(sh.nest.loops as u32);
    Err(if brk { Flow::Break(n) } else { Flow::Continue(n) })
}

pub async fn break_(sh: &mut Shell, argv: Vec<String>) -> Res {
    loop_control(sh, argv, true).await
}

pub async fn continue_(sh: &mut Shell, argv: Vec<String>) -> Res {
    loop_control(sh, argv, false).await
}

/// A status argument: a number (taken modulo 256), or an error.
async fn status_arg(sh: &mut Shell, name: &str, a: &str) -> Result<i32, i32> {
    match a.trim().parse::<i64>() {
        Ok(n) => Ok((n & 0xff) as i32),
        Err(_) => {
            sh.error(&format!("{name}: {a}: numeric argument required")).await;
            Err(2)
        }
    }
}

pub async fn return_(sh: &mut Shell, argv: Vec<String>) -> Res {
    if sh.nest.calls == 0 && sh.nest.sources == 0 {
        sh.error("return: can only `return' from a function or sourced script")
            .await;
        return Ok(2);
    }
    let status = match argv.get(1) {
        None => sh.params.status,
        Some(a) => match status_arg(sh, "return", a).await {
            Ok(s) => s,
            Err(s) => s,
        },
    };
    Err(Flow::Return(status))
}

pub async fn exit(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() > 2 {
        sh.error("exit: too many arguments").await;
        return Err(Flow::Exit(1));
    }
    let status = match argv.get(1) {
        None => sh.params.status,
        Some(a) => match status_arg(sh, "exit", a).await {
            Ok(s) => s,
            Err(s) => s,
        },
    };
    Err(Flow::Exit(status))
}
