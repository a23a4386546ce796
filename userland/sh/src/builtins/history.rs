//! `history` and `fc`, over the shell's history list ([`crate::history`]),
//! with bash 5.2's options, numbering, output layout and messages.

use super::{GetoptErr, getopt};
use crate::{Flow, Res, Shell};
use common::bytes;

const HISTORY_USAGE: &str =
    "history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n";
const FC_USAGE: &str = "fc: usage: fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]\n";

async fn usage_error(sh: &mut Shell, name: &str, e: GetoptErr, usage: &str) -> Res {
    sh.error(&format!("{name}: {}", e.message())).await;
    sh.write_fd(2, usage).await;
    Ok(2)
}

fn number(s: &str) -> Option<i64> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

pub async fn history(sh: &mut Shell, argv: Vec<String>) -> Res {
    let g = match getopt(&argv, "acnprsw", "d", false) {
        Ok(g) => g,
        Err(e) => return usage_error(sh, "history", e, HISTORY_USAGE).await,
    };
    let has = |c: char| g.opts.iter().any(|(o, _)| *o == c);
    let file_ops: Vec<char> = "anrw".chars().filter(|&c| has(c)).collect();
    if file_ops.len() > 1 {
        sh.error("history: cannot use more than one of -anrw").await;
        return Ok(1);
    }
    let args = g.rest.clone();
    if has('c') {
        let h = sh.history_mut();
        h.clear();
        h.session = 0;
        if args.is_empty() {
            return Ok(0);
        }
    }
    if has('s') {
        if !args.is_empty() {
            // bash's push_history: the `history -s` line itself (or the
            // command it is part of) gives way to the arguments.
            let h = &sh.history;
            if h.remember && !h.last_pushed && (h.last_added || h.first_saved) && !sh.history_mut().delete_last() {
                return Ok(0);
            }
            sh.check_add_history(&args.join(" "));
            sh.history_mut().last_pushed = true;
        }
        return Ok(0);
    }
    if has('p') {
        let h = &sh.history;
        if !h.last_pushed && h.last_added && !sh.history_mut().delete_last() {
            return Ok(1);
        }
        let mut status = 0;
        for a in &args {
            match expand(sh, a) {
                Some(s) => {
                    sh.out(&format!("{s}\n")).await;
                }
                None => {
                    sh.error(&format!("history: {a}: history expansion failed")).await;
                    status = 1;
                }
            }
        }
        return Ok(status);
    }
    if let Some(arg) = g.opts.iter().find(|(o, _)| *o == 'd').and_then(|(_, a)| a.clone()) {
        return delete(sh, &arg).await;
    }
    if file_ops.is_empty() {
        return list(sh, &args).await;
    }
    let file = match args.first().cloned().or_else(|| sh.get("HISTFILE")) {
        Some(f) if !f.is_empty() => f,
        _ => return Ok(1),
    };
    let ok = match file_ops[0] {
        'a' => {
            let h = &sh.history;
            let session = h.session.min(h.lines.len());
            let ok = if session > 0 {
                let from = h.lines.len() - session;
                sh.write_history_file(&file, from, true).await
            } else {
                true
            };
            let h = sh.history_mut();
            h.in_file += session;
            h.session = 0;
            ok
        }
        'w' => sh.write_history_file(&file, 0, false).await,
        'r' => sh.read_history_file(&file, 0).await.is_some(),
        _ => {
            let skip = sh.history.in_file;
            let before = sh.history.lines.len() + sh.history.base;
            let ok = sh.read_history_file(&file, skip).await.is_some();
            // Lines read by -n count as this session's (bash does the
            // same unless histappend).
            if !sh.shopts.histappend {
                let after = sh.history.lines.len() + sh.history.base;
                let h = sh.history_mut();
                h.session += after.saturating_sub(before);
            }
            ok
        }
    };
    Ok(if ok { 0 } else { 1 })
}

/// `history [n]`: the last n entries (all without n), numbered.
async fn list(sh: &mut Shell, args: &[String]) -> Res {
    if args.len() > 1 {
        // bash ends a script here.
        sh.error("history: too many arguments").await;
        return Err(if sh.opts.interactive {
            Flow::Abort(1)
        } else {
            Flow::Exit(1)
        });
    }
    let limit = match args.first() {
        Some(a) => match number(a) {
            Some(n) => Some(n.unsigned_abs() as usize),
            None => {
                sh.error(&format!("history: {a}: numeric argument required")).await;
                return Ok(1);
            }
        },
        None => None,
    };
    sh.note_histtimeformat();
    let fmt = sh.get("HISTTIMEFORMAT").filter(|f| !f.is_empty());
    let h = sh.history.clone();
    let n = h.lines.len();
    let start = match limit {
        Some(l) if l < n => n - l,
        _ => 0,
    };
    let mut out = String::new();
    for i in start..n {
        let stamp = fmt
            .as_deref()
            .map(|f| match h.times[i] {
                Some(t) => common::time::format(f, t, 0),
                None => "??".to_string(),
            })
            .unwrap_or_default();
        out.push_str(&format!("{:5}  {stamp}{}\n", h.number(i), h.lines[i]));
    }
    sh.out(&out).await;
    Ok(0)
}

/// `history -d N`, `-d -N` (from the end), `-d A-B` (a range), with
/// bash's checks.
async fn delete(sh: &mut Shell, arg: &str) -> Res {
    let base = sh.history.base as i64;
    let len = sh.history.lines.len() as i64;
    let body = arg.strip_prefix('-').unwrap_or(arg);
    if let Some(dash) = body.find('-') {
        let split = dash + (arg.len() - body.len());
        let (a, b) = (&arg[..split], &arg[split + 1..]);
        let (Some(mut start), Some(mut end)) = (number(a), number(b)) else {
            return out_of_range(sh, arg).await;
        };
        if a.starts_with('-') && start < 0 {
            start += len + base;
        }
        if b.starts_with('-') && end < 0 {
            end += len + base;
        }
        if start < base || end > base + len - 1 || end < start {
            return out_of_range(sh, arg).await;
        }
        let h = sh.history_mut();
        let (s, e) = ((start - base) as usize, (end - base) as usize);
        h.lines.drain(s..=e);
        h.times.drain(s..=e);
        h.session = h.session.saturating_sub(e + 1 - s);
        return Ok(0);
    }
    let Some(n) = number(arg) else {
        return out_of_range(sh, arg).await;
    };
    let index = if arg.starts_with('-') && n < 0 {
        let ind = len + n;
        if ind < 0 {
            return out_of_range(sh, arg).await;
        }
        ind
    } else if n < base || n >= base + len {
        return out_of_range(sh, arg).await;
    } else {
        n - base
    };
    let h = sh.history_mut();
    h.remove(index as usize);
    h.session = h.session.saturating_sub(1);
    Ok(0)
}

async fn out_of_range(sh: &mut Shell, arg: &str) -> Res {
    sh.error(&format!("history: {arg}: history position out of range"))
        .await;
    Ok(1)
}

/// History expansion of one word for `history -p` (`None`: it failed).
fn expand(sh: &mut Shell, text: &str) -> Option<String> {
    let extglob = sh.shopts.extglob;
    let comment = sh.opts.interactive;
    let h = sh.history_mut();
    let lines = std::mem::take(&mut h.lines);
    let mut ctx = crate::histexpand::Ctx {
        lines: &lines,
        base: h.base,
        state: &mut h.expand,
        extglob,
        comment,
    };
    let r = ctx.expand(text);
    h.lines = lines;
    match r {
        Ok(crate::histexpand::Expanded::Same) => Some(text.to_string()),
        Ok(crate::histexpand::Expanded::Changed(t) | crate::histexpand::Expanded::PrintOnly(t)) => Some(t),
        Err(_) => None,
    }
}

/// Where `fc`'s commands end (bash's `last_hist`): the entry before the
/// `fc` line itself when that was added.
fn fc_last(sh: &Shell) -> i64 {
    let h = &sh.history;
    let n = h.lines.len() as i64;
    let mut last = n - i64::from(h.remember) - i64::from(h.last_added);
    if last == n {
        last = n - 1;
    }
    last
}

/// Not found: the spec names no entry.
const NOT_FOUND: i64 = -3;
/// `-0` when not listing.
const INVALID: i64 = -2;

/// An `fc` history specification (bash's `fc_gethnum`): a number
/// (negative counts back, beyond the ends it is clamped), or the newest
/// command starting with the text. An index, `NOT_FOUND` or `INVALID`
/// (or -1 with no history).
fn fc_gethnum(sh: &Shell, spec: Option<&str>, listing: bool, first: bool) -> i64 {
    let last = fc_last(sh);
    if last < 0 {
        return -1;
    }
    let h = &sh.history;
    let real_last = h.lines.len() as i64 - 1;
    let Some(spec) = spec else { return last };
    let (sign, digits) = match spec.strip_prefix('-') {
        Some(d) => (-1i64, d),
        None => (1, spec),
    };
    if digits.starts_with(|c: char| c.is_ascii_digit()) {
        let lead: String = digits.chars().take_while(char::is_ascii_digit).collect();
        let n = lead.parse::<i64>().unwrap_or(i64::MAX / 4) * sign;
        if n < 0 {
            return (n + last + 1).max(0);
        }
        if n == 0 {
            return if sign < 0 {
                if listing { real_last } else { INVALID }
            } else {
                last
            };
        }
        let k = n - h.base as i64;
        if k < 0 || k >= last {
            return if first { 0 } else { last };
        }
        return k;
    }
    (0..=last.min(real_last))
        .rev()
        .find(|&j| h.lines[j as usize].starts_with(spec))
        .unwrap_or(NOT_FOUND)
}

pub async fn fc(sh: &mut Shell, argv: Vec<String>) -> Res {
    let g = match getopt(&argv, "lnrs", "e", true) {
        Ok(g) => g,
        Err(e) => return usage_error(sh, "fc", e, FC_USAGE).await,
    };
    let has = |c: char| g.opts.iter().any(|(o, _)| *o == c);
    let editor = g
        .opts
        .iter()
        .rev()
        .find(|(o, _)| *o == 'e')
        .and_then(|(_, a)| a.clone());
    let listing = has('l');
    let mut reverse = has('r');
    let numbering = !has('n') && listing;
    let execute = has('s') || editor.as_deref() == Some("-");
    let mut args = g.rest.clone();

    if execute {
        let mut subs = Vec::new();
        while let Some(a) = args.first() {
            let Some((pat, rep)) = a.split_once('=') else { break };
            subs.push((pat.to_string(), rep.to_string()));
            args.remove(0);
        }
        let i = if sh.history.lines.is_empty() {
            -1
        } else {
            fc_gethnum(sh, args.first().map(String::as_str), false, false)
        };
        if i < 0 {
            sh.error("fc: no command found").await;
            return Ok(1);
        }
        let mut command = sh.history.lines[i as usize].clone();
        for (pat, rep) in &subs {
            if !pat.is_empty() {
                command = command.replace(pat.as_str(), rep);
            }
        }
        sh.write_fd(2, &format!("{command}\n")).await;
        // The fc command's entry becomes the command it runs (bash's
        // fc_replhist, whether or not lines are being remembered).
        if !command.is_empty() {
            sh.history_mut().delete_last();
            sh.maybe_add_history(&command, &command, false);
        }
        let remember = sh.history.remember;
        sh.history_mut().remember = false;
        let r = sh.eval_string(&command, "fc").await;
        sh.history_mut().remember = remember;
        return r;
    }

    if sh.history.lines.is_empty() {
        return Ok(0);
    }
    let len = sh.history.lines.len() as i64;
    let real_last = len - 1;
    let mut last = fc_last(sh).max(0);
    let (mut beg, mut end) = match args.as_slice() {
        [] if listing => ((last - 15).max(0), last),
        [] => (last, last),
        [a, rest @ ..] => {
            let b = fc_gethnum(sh, Some(a), listing, true);
            let e = match rest.first() {
                Some(x) => fc_gethnum(sh, Some(x), listing, false),
                None if b == real_last => b,
                None if listing => last,
                None => b,
            };
            (b, e)
        }
    };
    if let Some(r) = fc_range_error(sh, beg, end).await {
        return r;
    }
    beg = beg.max(0);
    end = end.max(0);
    // Editing: the fc line itself does not stay in the history.
    if !listing && sh.history.last_added {
        sh.history_mut().delete_last();
        let n = sh.history.lines.len() as i64;
        if beg == end && end == last && last >= n {
            end -= 1;
            beg = end;
            last = end;
        }
        if last >= n {
            last -= 1;
        }
        if end >= last {
            end = last;
        } else if beg >= last {
            beg = last;
        }
        beg = beg.max(0);
        end = end.max(0);
    }
    if end < beg {
        std::mem::swap(&mut beg, &mut end);
        reverse = true;
    }
    let lines = sh.history.lines.clone();
    let base = sh.history.base;
    let order: Vec<usize> = if reverse {
        (beg as usize..=end as usize).rev().collect()
    } else {
        (beg as usize..=end as usize).collect()
    };
    let mut text = String::new();
    for i in order.into_iter().filter(|&i| i < lines.len()) {
        if numbering {
            text.push_str(&(base + i).to_string());
        }
        if listing {
            text.push_str("\t ");
        }
        text.push_str(&lines[i]);
        text.push('\n');
    }
    if listing {
        sh.out(&text).await;
        return Ok(0);
    }
    // Edit the commands in a file, then run what the editor left.
    let file = format!("/tmp/bash-fc.{}", sh.proc.pid());
    if let Err(e) = sh.proc.write_file(&bytes::to_os(&file), &bytes::to_bytes(&text)).await {
        sh.error(&format!("fc: {file}: cannot open temp file: {}", e.strerror()))
            .await;
        return Ok(1);
    }
    let command = match editor {
        Some(e) => format!("{e} {file}"),
        None => format!("${{FCEDIT:-${{EDITOR:-vi}}}} {file}"),
    };
    let remember = sh.history.remember;
    sh.history_mut().remember = false;
    let status = sh.eval_string(&command, "fc").await;
    sh.history_mut().remember = remember;
    if status? != 0 {
        let _ = sh.proc.remove(&bytes::to_os(&file)).await;
        return Ok(1);
    }
    let edited = match sh.proc.read_file(&bytes::to_os(&file)).await {
        Ok(d) => bytes::from_bytes(&d),
        Err(_) => String::new(),
    };
    let _ = sh.proc.remove(&bytes::to_os(&file)).await;
    // As bash: lines are remembered from here on, and the commands are
    // shown as they are read.
    sh.history_mut().remember = true;
    let line = sh.at.line;
    sh.run_lines("", &edited, line, false, true).await
}

async fn fc_range_error(sh: &mut Shell, beg: i64, end: i64) -> Option<Res> {
    if beg == INVALID || end == INVALID {
        sh.error("fc: history specification out of range").await;
        return Some(Ok(1));
    }
    if beg == NOT_FOUND || end == NOT_FOUND {
        sh.error("fc: no command found").await;
        return Some(Ok(1));
    }
    None
}
