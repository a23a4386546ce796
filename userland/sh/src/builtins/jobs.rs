//! `wait`, `jobs`, `kill`, `trap`.

use std::sync::Arc;

use kernel::Errno;
use kernel::proc::SIGNALS;

use crate::{Res, Shell};

/// A signal given by name (`INT`, `SIGINT`, `int`) or number: its number,
/// name and note. 0 and EXIT are not signals here.
pub fn signal(spec: &str) -> Option<(i32, &'static str, &'static str)> {
    if let Ok(n) = spec.parse::<i32>() {
        return SIGNALS.iter().find(|s| s.0 == n).copied();
    }
    let up = spec.to_ascii_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    SIGNALS.iter().find(|s| s.1 == name).copied()
}

/// A pid or `%job` operand.
async fn target_pids(sh: &mut Shell, spec: &str, builtin: &str) -> Result<Vec<kernel::Pid>, ()> {
    if let Some(j) = spec.strip_prefix('%') {
        return match sh.jobs.find(j).map(|j| j.pids.clone()) {
            Some(pids) => Ok(pids),
            None => {
                sh.error(&format!("{builtin}: {spec}: no such job")).await;
                Err(())
            }
        };
    }
    match spec.parse::<kernel::Pid>() {
        Ok(p) => Ok(vec![p]),
        Err(_) => {
            sh.error(&format!("{builtin}: {spec}: arguments must be process or job IDs"))
                .await;
            Err(())
        }
    }
}

pub async fn wait(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, args) = match super::options(&argv, "nfp") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("wait: -{c}: invalid option")).await;
            sh.write_fd(2, "wait: usage: wait [-fn] [-p var] [id ...]\n").await;
            return Ok(2);
        }
    };
    if opts.contains(&'n') {
        // The next job to end.
        loop {
            sh.reap_jobs();
            if let Some(i) = sh.jobs.table.iter().position(|j| j.finished()) {
                let j = sh.jobs.table.remove(i);
                return Ok(j.status().unwrap_or(0));
            }
            if sh.jobs.table.is_empty() {
                return Ok(127);
            }
            match sh.proc.wait_any().await {
                Ok((pid, st)) => sh.jobs.record(pid, st.code),
                Err(e) if e.is(Errno::EINTR) => {
                    sh.note_interrupted();
                    return Ok(130);
                }
                Err(_) => return Ok(127),
            }
        }
    }
    if args.is_empty() {
        // Every child.
        loop {
            match sh.proc.wait_any().await {
                Ok((pid, st)) => sh.jobs.record(pid, st.code),
                Err(e) if e.is(Errno::EINTR) => {
                    sh.note_interrupted();
                    sh.handle_notes().await?;
                    return Ok(128 + 2);
                }
                Err(_) => break,
            }
        }
        sh.jobs.table.clear();
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        let Ok(pids) = target_pids(sh, &a, "wait").await else {
            status = 127;
            continue;
        };
        for pid in pids {
            status = match sh.jobs.state(pid) {
                Some(Some(code)) => code,
                Some(None) => {
                    let code = sh.wait_child(pid).await;
                    sh.jobs.record(pid, code);
                    code
                }
                None => {
                    if sh.proc.children().contains(&pid) {
                        sh.wait_child(pid).await
                    } else {
                        sh.error(&format!("wait: pid {pid} is not a child of this shell")).await;
                        127
                    }
                }
            };
        }
        sh.jobs.table.retain(|j| !j.finished());
    }
    Ok(status)
}

/// How `jobs` (and an interactive shell's notices) show a job: `[1]+  Done
/// sleep 1`. `i` and `n` place it among the jobs for the `+`/`-` marks.
pub fn job_line(j: &crate::Job, i: usize, n: usize, long: bool) -> String {
    let mark = if i + 1 == n {
        '+'
    } else if i + 2 == n {
        '-'
    } else {
        ' '
    };
    let (state, amp) = match j.status() {
        _ if !j.finished() => ("Running".to_string(), " &"),
        Some(0) | None => ("Done".to_string(), ""),
        Some(c) => (status_text(c), ""),
    };
    let pid = if long { format!("{} ", j.pids[0]) } else { String::new() };
    format!("[{}]{mark}  {pid}{state:<24}{}{amp}\n", j.id, j.text)
}

/// bash's words for a job ended by a signal, else `Exit N`.
fn status_text(code: i32) -> String {
    let word = match code - 128 {
        1 => "Hangup",
        2 => "Interrupt",
        3 => "Quit",
        6 => "Aborted",
        9 => "Killed",
        13 => "Broken pipe",
        14 => "Alarm clock",
        15 => "Terminated",
        _ => return format!("Exit {code}"),
    };
    word.to_string()
}

pub async fn jobs(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, _) = match super::options(&argv, "lprsn") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("jobs: -{c}: invalid option")).await;
            sh.write_fd(
                2,
                "jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n",
            )
            .await;
            return Ok(2);
        }
    };
    sh.reap_jobs();
    let n = sh.jobs.table.len();
    let mut out = String::new();
    for (i, j) in sh.jobs.table.iter().enumerate() {
        if opts.contains(&'p') {
            for p in &j.pids {
                out.push_str(&format!("{p}\n"));
            }
            continue;
        }
        out.push_str(&job_line(j, i, n, opts.contains(&'l')));
    }
    sh.jobs.table.retain(|j| !j.finished());
    sh.out(&out).await;
    Ok(0)
}

pub async fn kill(sh: &mut Shell, argv: Vec<String>) -> Res {
    let usage = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";
    let mut args = &argv[1..];
    let mut sig = SIGNALS.iter().find(|s| s.1 == "TERM").copied();
    match args.first().map(String::as_str) {
        None => {
            sh.write_fd(2, usage).await;
            return Ok(2);
        }
        Some("-l" | "-L") => return list_signals(sh, &args[1..]).await,
        Some("-s" | "-n") => {
            let Some(spec) = args.get(1) else {
                sh.error(&format!("kill: {}: option requires an argument", args[0]))
                    .await;
                return Ok(2);
            };
            sig = signal(spec);
            if sig.is_none() && spec != "0" {
                sh.error(&format!("kill: {spec}: invalid signal specification")).await;
                return Ok(1);
            }
            args = &args[2..];
        }
        Some(a) if a.starts_with('-') && a.len() > 1 && a != "--" => {
            let spec = &a[1..];
            sig = signal(spec);
            if sig.is_none() && spec != "0" {
                sh.error(&format!("kill: {spec}: invalid signal specification")).await;
                return Ok(1);
            }
            args = &args[1..];
        }
        Some(_) => {}
    }
    if args.first().map(String::as_str) == Some("--") {
        args = &args[1..];
    }
    if args.is_empty() {
        sh.write_fd(2, usage).await;
        return Ok(2);
    }
    let mut status = 0;
    for a in args {
        let Ok(pids) = target_pids(sh, a, "kill").await else {
            status = 1;
            continue;
        };
        for pid in pids {
            let alive = sh.proc.kernel().process(pid).is_some_and(|p| !p.is_zombie());
            let r = match sig {
                None => {
                    if alive {
                        Ok(())
                    } else {
                        Err(())
                    }
                }
                Some((_, _, note)) => sh.proc.kill(pid, note).map_err(|_| ()),
            };
            if r.is_err() {
                sh.error(&format!("kill: ({pid}) - No such process")).await;
                status = 1;
            }
        }
    }
    // A note to ourselves takes effect now, as a signal would: let the
    // kernel end us if it must, or run the trap.
    let _ = sh.proc.checkpoint().await;
    sh.handle_notes().await?;
    Ok(status)
}

async fn list_signals(sh: &mut Shell, args: &[String]) -> Res {
    if args.is_empty() {
        let mut out = String::new();
        for (i, (n, name, _)) in SIGNALS.iter().enumerate() {
            out.push_str(&format!("{n:>2}) SIG{name}"));
            out.push(if (i + 1) % 5 == 0 || i + 1 == SIGNALS.len() {
                '\n'
            } else {
                '\t'
            });
        }
        sh.out(&out).await;
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        let line = match a.parse::<i32>() {
            Ok(n) => {
                let n = if n > 128 { n - 128 } else { n };
                SIGNALS.iter().find(|s| s.0 == n).map(|s| s.1.to_string())
            }
            Err(_) => signal(a).map(|s| s.0.to_string()),
        };
        match line {
            Some(l) => {
                sh.out(&format!("{l}\n")).await;
            }
            None => {
                sh.error(&format!("kill: {a}: invalid signal specification")).await;
                status = 1;
            }
        }
    }
    Ok(status)
}

/// A trap name: `EXIT`, `ERR`, `DEBUG`, `RETURN`, or a signal's name.
fn trap_name(spec: &str) -> Option<String> {
    let up = spec.to_ascii_uppercase();
    match up.as_str() {
        "0" | "EXIT" | "SIGEXIT" => Some("EXIT".to_string()),
        "ERR" | "DEBUG" | "RETURN" => Some(up),
        _ => signal(spec).map(|s| s.1.to_string()),
    }
}

pub async fn trap(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut args = &argv[1..];
    if args.first().map(String::as_str) == Some("-l") {
        return list_signals(sh, &[]).await;
    }
    let print = args.first().map(String::as_str) == Some("-p");
    if print || args.first().map(String::as_str) == Some("--") {
        args = &args[1..];
    }
    if args.is_empty() || print {
        let mut out = String::new();
        let mut entries: Vec<(&String, &String)> = sh.traps.table.iter().collect();
        // EXIT first, then signals by number, then the others.
        entries.sort_by_key(|(k, _)| match k.as_str() {
            "EXIT" => 0,
            k => signal(k).map_or(100, |s| s.0),
        });
        for (k, v) in entries {
            if print && !args.is_empty() && !args.iter().any(|a| trap_name(a).as_deref() == Some(k.as_str())) {
                continue;
            }
            let shown = if k == "EXIT" || signal(k).is_none() {
                k.clone()
            } else {
                format!("SIG{k}")
            };
            out.push_str(&format!("trap -- {} {shown}\n", quote(v)));
        }
        sh.out(&out).await;
        return Ok(0);
    }
    // `trap N...` with a number first resets those signals.
    let (action, specs): (Option<&str>, &[String]) = if args.len() == 1 || args[0].parse::<i32>().is_ok() {
        (None, args)
    } else if args[0] == "-" {
        (None, &args[1..])
    } else {
        (Some(args[0].as_str()), &args[1..])
    };
    let mut status = 0;
    for spec in specs {
        let Some(name) = trap_name(spec) else {
            sh.error(&format!("trap: {spec}: invalid signal specification")).await;
            status = 1;
            continue;
        };
        let traps = Arc::make_mut(&mut sh.traps.table);
        match action {
            Some(a) => {
                traps.insert(name, a.to_string());
            }
            None => {
                traps.remove(&name);
            }
        }
    }
    sh.catch_notes_if_trapped();
    Ok(status)
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
