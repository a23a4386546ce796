//! `[[ ... ]]`: no word splitting or globbing of operands, patterns on the
//! right of `==` and `!=`, POSIX extended regexes with `=~` (captures in
//! `BASH_REMATCH`), arithmetic operands for `-eq` and friends, and the file
//! tests of `test`.

use futures_util::future::BoxFuture;
use regex::bytes::RegexBuilder;

use crate::Shell;
use crate::ast::{Cond, Word};
use crate::exec::{AssignVal, CondErr};
use common::bytes;
use common::test;

pub fn eval<'a>(sh: &'a mut Shell, c: &'a Cond) -> BoxFuture<'a, Result<bool, CondErr>> {
    node(sh, c, false)
}

/// One node; `invert`: an odd number of `!` applies to it, which `set -x`
/// shows on the primary it reaches (bash keeps `!` as a flag there).
fn node<'a>(sh: &'a mut Shell, c: &'a Cond, invert: bool) -> BoxFuture<'a, Result<bool, CondErr>> {
    Box::pin(async move {
        let v = match c {
            Cond::Not(c) => return node(sh, c, !invert).await,
            Cond::Paren(c) => node(sh, c, false).await?,
            Cond::And(a, b) => node(sh, a, false).await? && node(sh, b, false).await?,
            Cond::Or(a, b) => node(sh, a, false).await? || node(sh, b, false).await?,
            Cond::Word(w) => {
                let arg = sh.expand_str(w).await?;
                trace(sh, invert, &format!("-n {}", shown(&arg))).await;
                !arg.is_empty()
            }
            Cond::Unary(op, w) => {
                let arg = sh.expand_str(w).await?;
                trace(sh, invert, &format!("{op} {}", shown(&arg))).await;
                match op.as_str() {
                    "-v" => is_set(sh, &arg).await,
                    "-o" => super::vars::option_value(sh, &arg).unwrap_or(false),
                    _ => {
                        let proc = sh.proc.clone();
                        match test::unary(&proc, &test::Env::default(), op, &arg).await {
                            Ok(v) => v,
                            Err(msg) => {
                                sh.error(&msg).await;
                                return Err(CondErr::Status(2));
                            }
                        }
                    }
                }
            }
            Cond::Binary(l, op, r) => binary(sh, l, op, r, invert).await?,
        };
        Ok(v != invert)
    })
}

/// An expanded operand as a trace shows it: as it is, `''` when empty.
fn shown(s: &str) -> String {
    if s.is_empty() { "''".to_string() } else { s.to_string() }
}

async fn trace(sh: &mut Shell, invert: bool, text: &str) {
    if sh.opts.xtrace {
        let bang = if invert { "! " } else { "" };
        sh.trace(&format!("[[ {bang}{text} ]]")).await;
    }
}

/// `-v name` or `-v name[sub]`.
/// `-v NAME` and `-v NAME[SUB]`, for `[[ ]]` and `test`.
pub async fn is_set(sh: &mut Shell, arg: &str) -> bool {
    if let Some((name, rest)) = arg.split_once('[')
        && let Some(sub) = rest.strip_suffix(']')
    {
        let Ok(key) = sh.subscript(name, &Word::literal(sub)).await else {
            return false;
        };
        return sh.element(name, &key).is_some();
    }
    sh.is_set(arg)
}

async fn binary(sh: &mut Shell, l: &Word, op: &str, r: &Word, invert: bool) -> Result<bool, CondErr> {
    let left = sh.expand_str(l).await?;
    match op {
        "==" | "=" | "!=" => {
            // `[[ ]]` matches extglob patterns whatever the option says,
            // as bash 5.2 parses them there.
            let opts = common::pattern::Opts {
                extglob: true,
                ..sh.pattern_opts(true)
            };
            let chars = sh.expand_qchars(r).await?;
            if sh.opts.xtrace {
                // Quoted characters of a pattern show backslashed.
                let mut t = String::new();
                for &(c, q) in &chars {
                    if q {
                        t.push('\\');
                    }
                    t.push(c);
                }
                trace(sh, invert, &format!("{} {op} {}", shown(&left), shown(&t))).await;
            }
            let pat = common::pattern::Pattern::compile_with(&chars, opts);
            let m = pat.matches(&left);
            Ok(if op == "!=" { !m } else { m })
        }
        "=~" => regex_match(sh, &left, r, invert).await,
        "<" | ">" => {
            let right = sh.expand_str(r).await?;
            trace(sh, invert, &format!("{} {op} {}", shown(&left), shown(&right))).await;
            Ok(if op == "<" { left < right } else { left > right })
        }
        "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" => {
            let right = sh.expand_str(r).await?;
            trace(sh, invert, &format!("{} {op} {}", shown(&left), shown(&right))).await;
            let a = arith_operand(sh, &left).await?;
            let b = arith_operand(sh, &right).await?;
            Ok(match op {
                "-eq" => a == b,
                "-ne" => a != b,
                "-lt" => a < b,
                "-le" => a <= b,
                "-gt" => a > b,
                _ => a >= b,
            })
        }
        _ => {
            let right = sh.expand_str(r).await?;
            trace(sh, invert, &format!("{} {op} {}", shown(&left), shown(&right))).await;
            let proc = sh.proc.clone();
            match test::binary(&proc, &left, op, &right).await {
                Ok(v) => Ok(v),
                Err(msg) => {
                    sh.error(&msg).await;
                    Err(CondErr::Status(2))
                }
            }
        }
    }
}

/// An operand of `-eq` and friends, evaluated as arithmetic (once: a
/// value holding `$(...)` is not expanded again). A bad expression fails
/// the test with status 1 and the script goes on, as in bash; an unset
/// variable under `set -u` is still fatal.
async fn arith_operand(sh: &mut Shell, text: &str) -> Result<i64, CondErr> {
    match sh.arith(text) {
        Ok(v) => Ok(v),
        Err(msg) if msg.ends_with(": unbound variable") => Ok(sh.eval_arith(text).await?),
        Err(msg) => {
            sh.error(&format!("[[: {msg}")).await;
            Err(CondErr::Status(1))
        }
    }
}

async fn regex_match(sh: &mut Shell, subject: &str, r: &Word, invert: bool) -> Result<bool, CondErr> {
    let chars = sh.expand_qchars(r).await?;
    if sh.opts.xtrace {
        // Quoted characters special in a regex show backslashed.
        let mut t = String::new();
        for &(c, q) in &chars {
            if q && "\\.[]()*+?{}|^$".contains(c) {
                t.push('\\');
            }
            t.push(c);
        }
        trace(sh, invert, &format!("{} =~ {}", shown(subject), shown(&t))).await;
    }
    // Quoted characters match literally; bytes above ASCII as raw bytes.
    let mut pat = String::new();
    for (c, quoted) in chars {
        let code = u32::from(c);
        if code > 0x7f {
            pat.push_str(&format!("\\x{code:02x}"));
        } else if quoted {
            pat.push_str(&regex::escape(&c.to_string()));
        } else {
            pat.push(c);
        }
    }
    let re = match RegexBuilder::new(&pat)
        .unicode(false)
        .case_insensitive(sh.shopts.nocasematch)
        .build()
    {
        Ok(re) => re,
        Err(_) => return Err(CondErr::Status(2)),
    };
    let hay = bytes::to_bytes(subject);
    let items = match re.captures(&hay) {
        Some(caps) => caps
            .iter()
            .map(|m| (None, m.map(|m| bytes::from_bytes(m.as_bytes())).unwrap_or_default()))
            .collect(),
        None => Vec::new(),
    };
    let matched = !items.is_empty();
    sh.vars.unset("BASH_REMATCH");
    let _ = sh.assign("BASH_REMATCH", None, false, AssignVal::Array(items)).await;
    Ok(matched)
}
