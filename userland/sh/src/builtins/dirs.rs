//! `cd` and `pwd`; `pushd`, `popd` and `dirs` with the directory stack.

use crate::{Res, Shell};
use common::bytes;

/// The directories a `..` in `path` climbs out of must exist, as bash
/// checks before it cleans the path (`cd nosuch/..` fails); ninebox would
/// otherwise clean the name lexically and succeed.
async fn check_climbs(sh: &mut Shell, path: &str) -> Result<(), &'static str> {
    let comps: Vec<&str> = path.split('/').collect();
    for (i, c) in comps.iter().enumerate() {
        if *c != ".." || i == 0 {
            continue;
        }
        let prefix = comps[..i].join("/");
        if prefix.is_empty() {
            continue;
        }
        match sh.proc.stat(&bytes::to_os(&prefix)).await {
            Ok(st) if st.is_dir() => {}
            Ok(_) => return Err("Not a directory"),
            Err(e) => return Err(e.strerror()),
        }
    }
    Ok(())
}

/// `cd [-L|-P] [dir]`: ninebox has no symbolic links, so the logical
/// and physical views are the same directory and both options agree.
pub async fn cd(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (_opts, args) = match super::options(&argv, "LPe@") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("cd: -{c}: invalid option")).await;
            sh.write_fd(2, "cd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n").await;
            return Ok(2);
        }
    };
    if args.len() > 1 {
        sh.error("cd: too many arguments").await;
        return Ok(1);
    }
    let mut print = false;
    let target = match args.first().map(String::as_str) {
        None => match sh.get("HOME") {
            Some(h) if !h.is_empty() => h,
            Some(_) => return Ok(0),
            None => {
                sh.error("cd: HOME not set").await;
                return Ok(1);
            }
        },
        Some("-") => match sh.get("OLDPWD") {
            Some(o) => {
                print = true;
                o
            }
            None => {
                sh.error("cd: OLDPWD not set").await;
                return Ok(1);
            }
        },
        Some(d) => d.to_string(),
    };
    // CDPATH: a relative name not starting with . or .. is searched there.
    let mut candidates = Vec::new();
    if !target.starts_with('/')
        && !target.starts_with('.')
        && let Some(cdpath) = sh.get("CDPATH")
    {
        for dir in cdpath.split(':').filter(|d| !d.is_empty()) {
            candidates.push((format!("{}/{}", dir.trim_end_matches('/'), target), true));
        }
    }
    candidates.push((target.clone(), false));
    let mut last_err = None;
    for (cand, from_cdpath) in candidates {
        if let Err(e) = check_climbs(sh, &cand).await {
            if !from_cdpath {
                sh.error(&format!("cd: {target}: {e}")).await;
                return Ok(1);
            }
            continue;
        }
        match go(sh, &cand).await {
            Ok(new) => {
                if print || from_cdpath {
                    sh.out(&format!("{new}\n")).await;
                }
                return Ok(0);
            }
            Err(e) => {
                if !from_cdpath {
                    last_err = Some(e);
                }
            }
        }
    }
    let e = last_err.map_or("No such file or directory", |e| e.strerror());
    sh.error(&format!("cd: {target}: {e}")).await;
    Ok(1)
}

/// Change to `dir`, setting `OLDPWD` and `PWD`; answers the new `PWD`.
async fn go(sh: &mut Shell, dir: &str) -> kernel::Result<String> {
    sh.proc.chdir(&bytes::to_os(dir)).await?;
    let old = sh.get("PWD").unwrap_or_else(|| bytes::from_os(&sh.proc.cwd()));
    let new = bytes::from_os(&sh.proc.cwd());
    let _ = sh.set("OLDPWD", &old);
    let _ = sh.set("PWD", &new);
    Ok(new)
}

pub async fn pwd(sh: &mut Shell, argv: Vec<String>) -> Res {
    if let Err(c) = super::options(&argv, "LP") {
        sh.error(&format!("pwd: -{c}: invalid option")).await;
        sh.write_fd(2, "pwd: usage: pwd [-LP]\n").await;
        return Ok(2);
    }
    let cwd = bytes::from_os(&sh.proc.cwd());
    let shown = match sh.get("PWD") {
        Some(p) if p == cwd => p,
        _ => cwd,
    };
    Ok(if sh.out(&format!("{shown}\n")).await { 0 } else { 1 })
}

// ---- the directory stack ----
//
// As bash keeps it: entry 0 is the current directory ($PWD), the rest are
// `Shell::dirstack`, newest first. `+N` counts from the left of the list
// `dirs` prints, `-N` from the right.

/// The whole list, the current directory first.
fn listing(sh: &mut Shell) -> Vec<String> {
    let cwd = sh.get("PWD").unwrap_or_else(|| bytes::from_os(&sh.proc.cwd()));
    std::iter::once(cwd).chain(sh.dirstack.iter().cloned()).collect()
}

/// `+N` or `-N` as an index into a list of `len` entries.
fn index(arg: &str, len: usize) -> Option<Result<usize, ()>> {
    let (from_right, digits) = match arg.as_bytes().first() {
        Some(b'+') => (false, &arg[1..]),
        Some(b'-') => (true, &arg[1..]),
        _ => return None,
    };
    let n: usize = digits.parse().ok()?;
    Some(match from_right {
        false if n < len => Ok(n),
        true if n < len => Ok(len - 1 - n),
        _ => Err(()),
    })
}

/// An entry as `dirs` shows it: `$HOME` as `~` unless `long`.
fn shown(sh: &mut Shell, dir: &str, long: bool) -> String {
    if !long && let Some(home) = sh.get("HOME").filter(|h| !h.is_empty() && h != "/") {
        if dir == home {
            return "~".into();
        }
        if let Some(rest) = dir.strip_prefix(&home).filter(|r| r.starts_with('/')) {
            return format!("~{rest}");
        }
    }
    dir.to_string()
}

/// Print the stack on one line, as `pushd` and `popd` do after a change.
async fn print_stack(sh: &mut Shell) -> i32 {
    let list = listing(sh);
    let words: Vec<String> = list.iter().map(|d| shown(sh, d, false)).collect();
    if sh.out(&format!("{}\n", words.join(" "))).await {
        0
    } else {
        1
    }
}

/// `dirs [-clpv] [+N | -N]`.
pub async fn dirs(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut flags = Vec::new();
    let mut pick = None;
    for a in &argv[1..] {
        let list_len = sh.dirstack.len() + 1;
        if let Some(i) = index(a, list_len) {
            match i {
                Ok(i) => pick = Some(i),
                Err(()) => {
                    sh.error(&format!("dirs: {}: directory stack index out of range", &a[1..]))
                        .await;
                    return Ok(1);
                }
            }
            continue;
        }
        match a
            .strip_prefix('-')
            .filter(|f| !f.is_empty() && f.chars().all(|c| "clpv".contains(c)))
        {
            Some(f) => flags.extend(f.chars()),
            None => {
                // bash reads an unknown `-x` as a `-N` that is not a number.
                let what = if a.starts_with(['-', '+']) {
                    "invalid number"
                } else {
                    "invalid option"
                };
                sh.error(&format!("dirs: {a}: {what}")).await;
                sh.write_fd(2, "dirs: usage: dirs [-clpv] [+N] [-N]\n").await;
                return Ok(2);
            }
        }
    }
    if flags.contains(&'c') {
        sh.dirstack.clear();
        return Ok(0);
    }
    let long = flags.contains(&'l');
    let list = listing(sh);
    let entries: Vec<(usize, String)> = match pick {
        Some(i) => vec![(i, shown(sh, &list[i], long))],
        None => list.iter().enumerate().map(|(i, d)| (i, shown(sh, d, long))).collect(),
    };
    let text = if flags.contains(&'v') {
        entries.iter().map(|(i, d)| format!("{i:2}  {d}\n")).collect()
    } else if flags.contains(&'p') {
        entries.iter().map(|(_, d)| format!("{d}\n")).collect()
    } else {
        let words: Vec<&str> = entries.iter().map(|(_, d)| d.as_str()).collect();
        format!("{}\n", words.join(" "))
    };
    Ok(if sh.out(&text).await { 0 } else { 1 })
}

/// The one operand `pushd` and `popd` take.
enum Operand {
    None,
    /// `+N` or `-N`.
    Index(String),
    /// A directory (anything else, or anything after `--`).
    Dir(String),
}

/// Split `-n` from the operand of `pushd` or `popd`.
async fn stack_args(sh: &mut Shell, argv: &[String], usage: &str) -> Result<(bool, Operand), i32> {
    let name = argv[0].as_str();
    let mut no_cd = false;
    let mut operand = Operand::None;
    let mut args = argv[1..].iter().peekable();
    while let Some(a) = args.next() {
        if !matches!(operand, Operand::None) {
            sh.error(&format!("{name}: too many arguments")).await;
            return Err(1);
        }
        match a.as_str() {
            "-n" => no_cd = true,
            "--" => {
                if let Some(d) = args.next() {
                    operand = Operand::Dir(d.clone());
                }
                if args.peek().is_some() {
                    sh.error(&format!("{name}: too many arguments")).await;
                    return Err(1);
                }
            }
            s if s.len() > 1 && s.starts_with(['-', '+']) => {
                if !s[1..].bytes().all(|b| b.is_ascii_digit()) {
                    // bash reads an unknown `-x` as a `-N` that is not a number.
                    sh.error(&format!("{name}: {s}: invalid number")).await;
                    sh.write_fd(2, &format!("{name}: usage: {usage}\n")).await;
                    return Err(2);
                }
                operand = Operand::Index(s.to_string());
            }
            s => operand = Operand::Dir(s.to_string()),
        }
    }
    Ok((no_cd, operand))
}

/// `pushd [-n] [+N | -N | dir]`.
pub async fn pushd(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (no_cd, operand) = match stack_args(sh, &argv, "pushd [-n] [+N | -N | dir]").await {
        Ok(x) => x,
        Err(status) => return Ok(status),
    };
    let mut list = listing(sh);
    let rotate = match operand {
        Operand::None if list.len() < 2 => {
            sh.error("pushd: no other directory").await;
            return Ok(1);
        }
        // No operand: exchange the top two.
        Operand::None => {
            list.swap(0, 1);
            None
        }
        Operand::Index(_) if list.len() < 2 => {
            sh.error("pushd: directory stack empty").await;
            return Ok(1);
        }
        Operand::Index(op) => match index(&op, list.len()) {
            Some(Ok(i)) => Some(i),
            _ => {
                sh.error(&format!("pushd: {op}: directory stack index out of range"))
                    .await;
                return Ok(1);
            }
        },
        Operand::Dir(dir) => {
            if no_cd {
                sh.dirstack.insert(0, dir);
                return Ok(print_stack(sh).await);
            }
            let old = list[0].clone();
            if let Err(e) = go(sh, &dir).await {
                sh.error(&format!("pushd: {dir}: {}", e.strerror())).await;
                return Ok(1);
            }
            sh.dirstack.insert(0, old);
            return Ok(print_stack(sh).await);
        }
    };
    if let Some(i) = rotate {
        list.rotate_left(i);
    }
    if !no_cd && let Err(e) = go(sh, &list[0]).await {
        sh.error(&format!("pushd: {}: {}", list[0], e.strerror())).await;
        return Ok(1);
    }
    sh.dirstack = list.split_off(1);
    Ok(print_stack(sh).await)
}

/// `popd [-n] [+N | -N]`.
pub async fn popd(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (no_cd, operand) = match stack_args(sh, &argv, "popd [-n] [+N | -N]").await {
        Ok(x) => x,
        Err(status) => return Ok(status),
    };
    if let Operand::Dir(op) = &operand {
        sh.error(&format!("popd: {op}: invalid argument")).await;
        sh.write_fd(2, "popd: usage: popd [-n] [+N | -N]\n").await;
        return Ok(2);
    }
    let mut list = listing(sh);
    if list.len() < 2 {
        sh.error("popd: directory stack empty").await;
        return Ok(1);
    }
    let at = match operand {
        // (A directory was refused above.)
        Operand::None | Operand::Dir(_) => 0,
        Operand::Index(op) => match index(&op, list.len()) {
            Some(Ok(i)) => i,
            _ => {
                sh.error(&format!("popd: {op}: directory stack index out of range"))
                    .await;
                return Ok(1);
            }
        },
    };
    // Removing the current directory changes to the next; with -n the
    // top is left and the one below it goes.
    let at = if no_cd && at == 0 { 1 } else { at };
    list.remove(at);
    if at == 0
        && let Err(e) = go(sh, &list[0]).await
    {
        sh.error(&format!("popd: {}: {}", list[0], e.strerror())).await;
        return Ok(1);
    }
    sh.dirstack = list.split_off(1);
    Ok(print_stack(sh).await)
}
