//! `ulimit`: show and lower the limits of the shell's process, which its
//! children inherit. The kernel holds them (`kernel::limits`); the host set
//! the hard ones, and nothing here goes above them.
//!
//! bash's letters work for the limits ninebox has (`-n` open files, `-u`
//! processes, `-t` CPU seconds, `-f` file size in 1024-byte blocks, the
//! size one file system may hold); any ninebox limit is also reached by its
//! name (`ulimit procs`, `ulimit -S nest=100`). `ulimit -a` lists every
//! limit under its ninebox name. A limit of the whole system (`fs`,
//! `timeout`, `output`, ...) is the host's alone: changing it is refused,
//! not accepted and ignored.

use kernel::Limits;
use kernel::limits::{LIMITS, LimitInfo, UNLIMITED, info};

use crate::{Res, Shell};

/// bash's letters for ninebox's limits: the letter, the limit, how many of
/// the limit's units one of bash's is, and bash's label and unit.
const LETTERS: &[(char, &str, u64, &str, &str)] = &[
    ('f', "fs", 1024, "file size", "blocks"),
    ('n', "fds", 1, "open files", ""),
    ('t', "cpu", 1000, "cpu time", "seconds"),
    ('u', "procs", 1, "max user processes", ""),
];

/// bash's letters for limits ninebox does not have (core files, stack,
/// virtual memory, ...).
const ABSENT: &str = "bcdeiklmpqrsvxPRT";

const USAGE: &str = "ulimit: usage: ulimit [-SHafntu] [limit] | ulimit [-SH] NAME[=VALUE]...";

/// One limit asked for: by bash's letter (values in bash's units) or by
/// name (values as `--limit` writes them).
struct Asked {
    info: &'static LimitInfo,
    letter: Option<(char, u64, &'static str, &'static str)>,
}

pub async fn ulimit(sh: &mut Shell, argv: Vec<String>) -> Res {
    let accepts: String = format!("SHa{}{ABSENT}", LETTERS.iter().map(|l| l.0).collect::<String>());
    let (opts, args) = match super::options(&argv, &accepts) {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("ulimit: -{c}: invalid option")).await;
            sh.write_fd(2, &format!("{USAGE}\n")).await;
            return Ok(2);
        }
    };
    if let Some(c) = opts.iter().find(|c| ABSENT.contains(**c)) {
        sh.error(&format!("ulimit: -{c}: not a limit in ninebox (ulimit -a lists them)"))
            .await;
        return Ok(1);
    }
    let (soft, hard) = (opts.contains(&'S'), opts.contains(&'H'));
    // Shown: the soft value unless -H; set: both unless -S or -H.
    let (set_soft, set_hard) = if soft || hard { (soft, hard) } else { (true, true) };
    let limits = sh.proc.proc_limits();
    let shown = if hard && !soft { &limits.hard } else { &limits.soft };
    if opts.contains(&'a') {
        let mut text = String::new();
        for i in LIMITS {
            text.push_str(&format!(
                "{:<12} {:<10} {} ({})\n",
                i.name,
                i.unit.spec(i.get(shown)),
                i.about,
                i.scope
            ));
        }
        sh.out(&text).await;
        return Ok(0);
    }
    // In the order given, as bash prints them.
    let letters: Vec<Asked> = opts
        .iter()
        .filter_map(|c| LETTERS.iter().find(|l| l.0 == *c))
        .map(|&(c, name, scale, label, unit)| Asked {
            info: info(name).expect("a letter names a known limit"),
            letter: Some((c, scale, label, unit)),
        })
        .collect();
    if !letters.is_empty() || args.is_empty() {
        // bash's form: letters (or -f alone), then at most one value.
        let asked = if letters.is_empty() {
            vec![Asked {
                info: info("fs").expect("fs is a limit"),
                letter: Some(('f', 1024, "file size", "blocks")),
            }]
        } else {
            letters
        };
        return match args.as_slice() {
            [] => {
                let many = asked.len() > 1;
                let text: String = asked.iter().map(|a| show(a, shown, many)).collect();
                sh.out(&text).await;
                Ok(0)
            }
            [value] => {
                let mut status = 0;
                for a in &asked {
                    if let Err(e) = change(sh, a, value, set_soft, set_hard) {
                        sh.error(&format!("ulimit: {e}")).await;
                        status = 1;
                    }
                }
                Ok(status)
            }
            _ => {
                sh.error(&format!("ulimit: {}: too many arguments", args[1])).await;
                Ok(1)
            }
        };
    }
    // ninebox's form: NAME shows, NAME=VALUE sets.
    let mut status = 0;
    for arg in &args {
        let (name, value) = match arg.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (arg.as_str(), None),
        };
        let Some(i) = info(name) else {
            let known: Vec<&str> = LIMITS.iter().map(|i| i.name).collect();
            sh.error(&format!("ulimit: {name}: unknown limit (known: {})", known.join(", ")))
                .await;
            status = 1;
            continue;
        };
        let a = Asked { info: i, letter: None };
        match value {
            None => {
                let line = show(&a, shown, false);
                sh.out(&line).await;
            }
            Some(v) => {
                if let Err(e) = change(sh, &a, v, set_soft, set_hard) {
                    sh.error(&format!("ulimit: {e}")).await;
                    status = 1;
                }
            }
        }
    }
    Ok(status)
}

/// One limit's value as bash prints it: bare, or labelled when several
/// were asked for (`open files                          (-n) 1024`).
fn show(a: &Asked, l: &Limits, labelled: bool) -> String {
    let v = a.info.get(l);
    let Some((c, scale, label, unit)) = a.letter else {
        return format!("{}\n", a.info.unit.spec(v));
    };
    let value = if v == UNLIMITED {
        "unlimited".to_string()
    } else {
        (v / scale).to_string()
    };
    if !labelled {
        return format!("{value}\n");
    }
    let tag = if unit.is_empty() {
        format!("(-{c})")
    } else {
        format!("({unit}, -{c})")
    };
    let width = 40usize.saturating_sub(tag.len());
    format!("{label:<width$}{tag} {value}\n")
}

/// Set one limit from `text`, as the process's soft limit, hard limit or
/// both; the kernel refuses going above a hard limit.
fn change(sh: &mut Shell, a: &Asked, text: &str, soft: bool, hard: bool) -> Result<(), String> {
    let i = a.info;
    let what = a.letter.map_or(i.name, |l| l.2);
    // `procs` is counted for the whole system but checked against the
    // spawning process's soft limit, so it can be lowered here.
    if !(i.scope == "process" || i.scope == "group" || i.name == "procs") {
        return Err(format!(
            "{what}: a limit of the whole {}; only the host sets it ({})",
            i.scope,
            i.raise_hint()
        ));
    }
    let v = match a.letter {
        Some((_, scale, ..)) if text != "unlimited" => text
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
            .filter(|&n| n > 0 && n != UNLIMITED)
            .ok_or_else(|| format!("{text}: invalid number"))?,
        Some(_) => UNLIMITED,
        None => i.unit.parse(text).map_err(|e| format!("{text}: {e}"))?,
    };
    let current = sh.proc.proc_limits();
    let mut s = (*current.soft).clone();
    let mut h = (*current.hard).clone();
    if hard {
        i.set(&mut h, v);
    }
    if soft {
        i.set(&mut s, v);
    }
    sh.proc
        .set_limits(Some(&s), Some(&h))
        .map_err(|e| format!("{what}: cannot modify limit: {}", e.detail().unwrap_or(e.message())))?;
    sh.limits = sh.proc.limits();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kernel::limits::Unit;

    #[test]
    fn every_letter_names_a_limit() {
        for l in LETTERS {
            assert!(info(l.1).is_some(), "{}", l.1);
            assert!(!ABSENT.contains(l.0));
        }
    }

    #[test]
    fn labels_line_up_as_bash_does() {
        let l = Limits::standard();
        let a = Asked {
            info: info("fds").unwrap(),
            letter: Some(('n', 1, "open files", "")),
        };
        assert_eq!(show(&a, &l, true), "open files                          (-n) 1024\n");
        let t = Asked {
            info: info("cpu").unwrap(),
            letter: Some(('t', 1000, "cpu time", "seconds")),
        };
        assert_eq!(
            show(&t, &l, true),
            "cpu time                   (seconds, -t) unlimited\n"
        );
        assert_eq!(Unit::Count.spec(5), "5");
    }
}
