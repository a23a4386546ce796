//! `cd` and `pwd`.

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
        match sh.proc.chdir(&bytes::to_os(&cand)).await {
            Ok(()) => {
                let old = sh.get("PWD").unwrap_or_else(|| bytes::from_os(&sh.proc.cwd()));
                let new = bytes::from_os(&sh.proc.cwd());
                let _ = sh.set("OLDPWD", &old);
                let _ = sh.set("PWD", &new);
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
