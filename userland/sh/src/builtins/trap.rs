//! `trap [-lp] [[action] sigspec ...]`, as bash 5.2 parses it.

use super::signals;
use crate::{Res, Shell};

const USAGE: &str = "trap: usage: trap [-lp] [[arg] signal_spec ...]\n";

/// A trap name: `EXIT`, `DEBUG`, `ERR`, `RETURN`, or a signal's name.
fn trap_name(spec: &str) -> Option<String> {
    let up = spec.to_ascii_uppercase();
    match up.as_str() {
        "0" | "EXIT" | "SIGEXIT" => Some("EXIT".to_string()),
        "ERR" | "DEBUG" | "RETURN" | "SIGERR" | "SIGDEBUG" | "SIGRETURN" => {
            Some(up.trim_start_matches("SIG").to_string())
        }
        _ => signals::lookup(spec).map(|s| s.name),
    }
}

/// Where a trap is listed: EXIT, the signals by number, then DEBUG, ERR
/// and RETURN.
fn order(name: &str) -> i32 {
    match name {
        "EXIT" => 0,
        "DEBUG" => 1000,
        "ERR" => 1001,
        "RETURN" => 1002,
        n => signals::lookup(n).map_or(999, |s| s.num),
    }
}

fn shown_name(name: &str) -> String {
    if matches!(name, "EXIT" | "DEBUG" | "ERR" | "RETURN") {
        name.to_string()
    } else {
        format!("SIG{name}")
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub async fn trap(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut list = false;
    let mut print = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        for c in a[1..].chars() {
            match c {
                'l' => list = true,
                'p' => print = true,
                _ => {
                    sh.error(&format!("trap: -{c}: invalid option")).await;
                    sh.write_fd(2, USAGE).await;
                    return Ok(2);
                }
            }
        }
        i += 1;
    }
    let args = &argv[i..];
    if list {
        return Ok(if sh.out(&signals::listing()).await { 0 } else { 1 });
    }
    if print || args.is_empty() {
        return show(sh, args).await;
    }
    let first = &args[0];
    let first_is_signal = trap_name(first).is_some();
    // `trap 2 3` (a number first) and `trap INT` (one signal) reset.
    let (action, specs): (Option<String>, &[String]) =
        if first_is_signal && (first.chars().all(|c| c.is_ascii_digit()) || args.len() == 1) {
            (None, args)
        } else if args.len() == 1 {
            sh.write_fd(2, USAGE).await;
            return Ok(2);
        } else if first == "-" {
            (None, &args[1..])
        } else {
            (Some(first.clone()), &args[1..])
        };
    let mut status = 0;
    for spec in specs {
        let Some(name) = trap_name(spec) else {
            sh.error(&format!("trap: {spec}: invalid signal specification")).await;
            status = 1;
            continue;
        };
        sh.traps.set(name, action.clone());
    }
    sh.catch_notes_if_trapped();
    Ok(status)
}

/// `trap`, `trap -p [sigspec ...]`.
async fn show(sh: &mut Shell, names: &[String]) -> Res {
    let table = sh.traps.listed().clone();
    let mut status = 0;
    if names.is_empty() {
        let mut all: Vec<(&String, &String)> = table.iter().collect();
        all.sort_by_key(|(k, _)| order(k));
        let out: String = all
            .into_iter()
            .map(|(k, cmd)| format!("trap -- {} {}\n", quote(cmd), shown_name(k)))
            .collect();
        sh.out(&out).await;
        return Ok(0);
    }
    for spec in names {
        match trap_name(spec) {
            Some(name) => {
                if let Some(cmd) = table.get(&name) {
                    let text = format!("trap -- {} {}\n", quote(cmd), shown_name(&name));
                    sh.out(&text).await;
                }
            }
            None => {
                sh.error(&format!("trap: {spec}: invalid signal specification")).await;
                status = 1;
            }
        }
    }
    Ok(status)
}
