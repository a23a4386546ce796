//! `which`: where in `$PATH` a command is, as Debian's `which` (the one
//! GNU/Linux hosts ship) answers: the first executable regular file named
//! so in each `$PATH` directory, or all of them with `-a`.

use kernel::{NodeType, Proc};

use common::cli::Cmd;

const HELP: &str = "Usage: which [-a] args
Print the full name of each command that would run for each ARG: the
first executable regular file of that name in the directories of $PATH
(an empty entry is the current directory). A name containing a slash is
checked as it is.

  -a         print every match, not only the first
  --help     display this help and exit
  --version  output version information and exit

Exit status: 0 if every ARG was found, 1 if any was not (or no ARG was
given), 2 for an invalid option.
";

pub async fn main(mut cmd: Cmd) -> i32 {
    let (all, names) = match parse(&cmd.args) {
        Parsed::Run(all, names) => (all, names),
        Parsed::Help => return cmd.help(HELP).await,
        Parsed::Version => return cmd.version().await,
        Parsed::Bad(c) => {
            // The words and streams of Debian's script (getopts on stderr,
            // usage on stdout).
            let _ = cmd.p.write(2, format!("Illegal option -{c}\n").as_bytes()).await;
            let argv0 = cmd.p.argv().first().cloned().unwrap_or_else(|| "which".into());
            cmd.out.write_str(&format!("Usage: {argv0} [-a] args\n")).await;
            return cmd.finish(2).await;
        }
    };
    let dirs = path_dirs(cmd.p.getenv("PATH").as_deref().unwrap_or(""));
    let p = cmd.p.clone();
    let mut status = if names.is_empty() { 1 } else { 0 };
    for name in &names {
        let mut found = false;
        if name.contains('/') {
            if runnable(&p, name).await {
                cmd.out.write_str(&format!("{name}\n")).await;
                found = true;
            }
        } else {
            for dir in &dirs {
                let full = format!("{dir}/{name}");
                if runnable(&p, &full).await {
                    cmd.out.write_str(&format!("{full}\n")).await;
                    found = true;
                    if !all {
                        break;
                    }
                }
            }
        }
        if !found {
            status = 1;
        }
    }
    cmd.finish(status).await
}

enum Parsed {
    Run(bool, Vec<String>),
    Help,
    Version,
    Bad(char),
}

/// getopts-style: `-a` (possibly repeated or combined) before the names,
/// `--` ending the options.
fn parse(args: &[String]) -> Parsed {
    let mut all = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--" => {
                i += 1;
                break;
            }
            "--help" => return Parsed::Help,
            "--version" => return Parsed::Version,
            _ if a.len() > 1 && a.starts_with('-') => {
                for c in a[1..].chars() {
                    if c != 'a' {
                        return Parsed::Bad(c);
                    }
                    all = true;
                }
            }
            _ => break,
        }
        i += 1;
    }
    Parsed::Run(all, args[i..].to_vec())
}

/// The directories of `$PATH` as the shell splits it, an empty entry
/// (including a trailing one) being the current directory.
fn path_dirs(path: &str) -> Vec<String> {
    if path.is_empty() {
        return Vec::new();
    }
    let mut dirs: Vec<&str> = path.split(':').collect();
    // Field splitting drops one trailing empty field; Debian's script adds
    // a colon after a single trailing one so that it still counts.
    if dirs.last() == Some(&"") {
        dirs.pop();
        let b = path.as_bytes();
        if b.len() >= 2 && b[b.len() - 2] != b':' {
            dirs.push("");
        }
    }
    dirs.into_iter()
        .map(|d| if d.is_empty() { ".".to_string() } else { d.to_string() })
        .collect()
}

/// `[ -f name ] && [ -x name ]`: a regular file with an execute bit.
async fn runnable(p: &Proc, name: &str) -> bool {
    match p.stat(name).await {
        Ok(st) => st.kind == NodeType::File && st.is_executable(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_splitting() {
        assert_eq!(path_dirs("/bin:/usr/bin"), ["/bin", "/usr/bin"]);
        assert_eq!(path_dirs(":/bin"), [".", "/bin"]);
        assert_eq!(path_dirs("/bin:"), ["/bin", "."]);
        assert_eq!(path_dirs("/bin::"), ["/bin", "."]);
        assert_eq!(path_dirs("/bin::/x"), ["/bin", ".", "/x"]);
        assert!(path_dirs("").is_empty());
        assert_eq!(path_dirs(":"), ["."]);
    }

    #[test]
    fn options() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(matches!(parse(&a(&["-a", "ls"])), Parsed::Run(true, n) if n == ["ls"]));
        assert!(matches!(parse(&a(&["ls", "-a"])), Parsed::Run(false, n) if n == ["ls", "-a"]));
        assert!(matches!(parse(&a(&["--", "-a"])), Parsed::Run(false, n) if n == ["-a"]));
        assert!(matches!(parse(&a(&["-ax"])), Parsed::Bad('x')));
    }
}
