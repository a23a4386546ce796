//! `:`/`true`, `false`, `break`, `continue`, `return`, `exit`.

use crate::{Flow, Res, Shell};

pub async fn colon(_sh: &mut Shell, _argv: Vec<String>) -> Res {
    Ok(0)
}

pub async fn false_(_sh: &mut Shell, _argv: Vec<String>) -> Res {
    Ok(1)
}

/// bash's `no_args`: a builtin that takes at most one operand discards
/// the rest of the line when given more.
pub async fn at_most_one_operand(sh: &mut Shell, argv: &[String]) -> Result<(), Flow> {
    if argv.len() > 2 {
        sh.error(&format!("{}: too many arguments", argv[0])).await;
        return Err(Flow::Discard(1));
    }
    Ok(())
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
    at_most_one_operand(sh, &argv).await?;
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
    at_most_one_operand(sh, &argv).await?;
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
        return Err(Flow::Discard(1));
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

/// `caller [n]`: where the current function (or the one `n` frames up)
/// was called from: `LINE FILE`, or with `n`, `LINE FUNCTION FILE`.
pub async fn caller(sh: &mut Shell, argv: Vec<String>) -> Res {
    let usage = "caller: usage: caller [expr]\n";
    let level = match argv.get(1).map(String::as_str) {
        None => None,
        Some("--") => None,
        Some(a) if a.starts_with('-') && a.len() > 1 => {
            sh.error(&format!("caller: {a}: invalid option")).await;
            sh.write_fd(2, usage).await;
            return Ok(2);
        }
        Some(a) => match a.parse::<usize>() {
            Ok(n) => Some(n),
            Err(_) => {
                sh.error(&format!("caller: {a}: invalid number")).await;
                sh.write_fd(2, usage).await;
                return Ok(2);
            }
        },
    };
    if sh.nest.frames.is_empty() {
        return Ok(1);
    }
    let lines = sh.call_stack("BASH_LINENO").unwrap_or_default();
    let files = sh.call_stack("BASH_SOURCE").unwrap_or_default();
    let mut names: Vec<String> = sh.nest.frames.iter().rev().map(|f| f.name.to_string()).collect();
    if matches!(sh.at.source, crate::Source::Script(_)) {
        names.push("main".to_string());
    }
    let line = match level {
        None => format!("{} {}", lines[0], files.get(1).map_or("NULL", String::as_str)),
        Some(n) => match (lines.get(n), names.get(n + 1), files.get(n + 1)) {
            (Some(l), Some(f), Some(s)) => format!("{l} {f} {s}"),
            _ => return Ok(1),
        },
    };
    Ok(if sh.out(&format!("{line}\n")).await { 0 } else { 1 })
}
