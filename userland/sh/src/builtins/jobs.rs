//! `wait`, `jobs`, `kill`, `trap`.

use kernel::Errno;

use super::signals::{self, Sig};
use crate::{Res, Shell};

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
    let usage = "wait: usage: wait [-fn] [-p var] [id ...]\n";
    let mut var = None;
    let mut next = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        i += 1;
        for (k, c) in a.char_indices().skip(1) {
            match c {
                'n' => next = true,
                // Without job control every wait is for termination.
                'f' => {}
                'p' => {
                    let rest = &a[k + 1..];
                    var = if !rest.is_empty() {
                        Some(rest.to_string())
                    } else if let Some(v) = argv.get(i) {
                        i += 1;
                        Some(v.clone())
                    } else {
                        sh.error("wait: -p: option requires an argument").await;
                        sh.write_fd(2, usage).await;
                        return Ok(2);
                    };
                    break;
                }
                c => {
                    sh.error(&format!("wait: -{c}: invalid option")).await;
                    sh.write_fd(2, usage).await;
                    return Ok(2);
                }
            }
        }
    }
    let args = argv[i.min(argv.len())..].to_vec();
    if let Some(v) = &var {
        if !crate::parse::is_name(v) {
            sh.error(&format!("wait: `{v}': not a valid identifier")).await;
            return Ok(2);
        }
        sh.vars.unset(v);
    }
    let (status, pid) = if next {
        wait_next(sh, &args).await?
    } else if args.is_empty() {
        (wait_all(sh).await?, None)
    } else {
        wait_each(sh, &args).await
    };
    if let (Some(v), Some(pid)) = (var, pid)
        && let Err(msg) = sh.set(&v, &pid.to_string())
    {
        sh.error(&format!("wait: {msg}")).await;
    }
    Ok(status)
}

/// `wait -n [id ...]`: the next job (of those named) to end, and its pid.
async fn wait_next(sh: &mut Shell, ids: &[String]) -> Result<(i32, Option<kernel::Pid>), crate::Flow> {
    let mut wanted = Vec::new();
    for a in ids {
        if let Ok(pids) = target_pids(sh, a, "wait").await {
            wanted.extend(pids);
        }
    }
    let eligible = |j: &crate::Job| wanted.is_empty() || j.pids.iter().any(|p| wanted.contains(p));
    loop {
        sh.reap_jobs();
        if let Some(i) = sh.jobs.table.iter().position(|j| j.finished() && eligible(j)) {
            let j = sh.jobs.retire(i);
            return Ok((j.status().unwrap_or(0), j.pids.last().copied()));
        }
        if !sh.jobs.table.iter().any(eligible) {
            return Ok((127, None));
        }
        match sh.proc.wait_any().await {
            Ok((pid, st)) => sh.jobs.record(pid, st.code),
            Err(e) if e.is(Errno::EINTR) => {
                sh.note_interrupted();
                sh.handle_notes().await?;
                return Ok((130, None));
            }
            Err(_) => return Ok((127, None)),
        }
    }
}

/// `wait`: every child; the status is 0.
async fn wait_all(sh: &mut Shell) -> Res {
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
    sh.jobs.retire_finished();
    Ok(0)
}

/// `wait id ...`: each in turn; the status is the last one's.
async fn wait_each(sh: &mut Shell, ids: &[String]) -> (i32, Option<kernel::Pid>) {
    let mut status = 0;
    let mut last = None;
    for a in ids {
        let Ok(pids) = target_pids(sh, a, "wait").await else {
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
                None if sh.proc.children().contains(&pid) => sh.wait_child(pid).await,
                None => {
                    sh.error(&format!("wait: pid {pid} is not a child of this shell")).await;
                    127
                }
            };
            last = Some(pid);
        }
        sh.jobs.retire_finished();
    }
    (status, last)
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
    sh.jobs.retire_finished();
    sh.out(&out).await;
    Ok(0)
}

pub async fn kill(sh: &mut Shell, argv: Vec<String>) -> Res {
    let usage = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";
    let mut args = &argv[1..];
    let mut sig = signals::lookup("TERM");
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
            sig = signals::lookup(spec);
            if sig.is_none() && spec != "0" {
                sh.error(&format!("kill: {spec}: invalid signal specification")).await;
                return Ok(1);
            }
            args = &args[2..];
        }
        Some(a) if a.starts_with('-') && a.len() > 1 && a != "--" => {
            let spec = &a[1..];
            sig = signals::lookup(spec);
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
                Some(ref s) => sh.proc.kill(pid, &s.note()).map_err(|_| ()),
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
        sh.out(&signals::listing()).await;
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        // A number (or an exit status above 128) names a signal; a name
        // answers its number.
        let line = match a.parse::<i32>() {
            Ok(0) => Some("EXIT".to_string()),
            Ok(n) => signals::by_number(if n > 128 { n - 128 } else { n }).map(|s: Sig| s.name),
            Err(_) if a.eq_ignore_ascii_case("EXIT") => Some("0".to_string()),
            Err(_) => signals::lookup(a).map(|s| s.num.to_string()),
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
