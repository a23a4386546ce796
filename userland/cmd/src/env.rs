//! `env`: run a program in a changed environment, or print the environment.
//!
//! GNU's statuses: 125 when env itself fails (usage, -C), 126 when the
//! command cannot be run, 127 when it is not found. The environment is
//! printed in name order (ninebox keeps it sorted; GNU prints the order
//! the variables were set in).

use kernel::Target;

use common::cli::{Cmd, Mode, Opts, flag, value};

const HELP: &str = "Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

Mandatory arguments to long options are mandatory for short options too.
  -i, --ignore-environment  start with an empty environment
  -0, --null           end each output line with NUL, not newline
  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
  -S, --split-string=S  process and split S into separate arguments;
                        used to pass multiple arguments on shebang lines
  -v, --debug          print verbose information for each processing step
      --help     display this help and exit
      --version  output version information and exit

A mere - implies -i.  If no COMMAND, print the resulting environment.

-S splits S at spaces and tabs, with '...' and \"...\" quoting, the escapes
\\\\ \\' \\\" \\_ \\$ \\# \\c \\f \\n \\r \\t \\v, ${NAME} expansion, and # comments.

Exit status:
  125  if the env command itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
  -    the exit status of COMMAND otherwise
";

const SPEC: &[common::cli::Opt] = &[
    flag("ignore-environment", 'i'),
    flag("null", '0'),
    value("unset", 'u'),
    value("chdir", 'C'),
    value("split-string", 'S'),
    flag("debug", 'v'),
];

/// env's own failures.
const CANCELED: i32 = 125;

/// Split a -S string as GNU env does.
fn split_string(s: &str, env: &kernel::Env) -> Result<Vec<String>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut have = false;
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < cs.len() {
        let c = cs[i];
        match (quote, c) {
            (None, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') => {
                if have {
                    args.push(std::mem::take(&mut cur));
                    have = false;
                }
                i += 1;
            }
            (None, '#') if !have => break,
            (None, '\'' | '"') => {
                quote = Some(c);
                have = true;
                i += 1;
            }
            (Some(q), _) if c == q => {
                quote = None;
                i += 1;
            }
            (Some('\''), '\\') => {
                match cs.get(i + 1) {
                    Some(&n @ ('\\' | '\'')) => cur.push(n),
                    _ => cur.push('\\'),
                }
                i += if matches!(cs.get(i + 1), Some('\\' | '\'')) {
                    2
                } else {
                    1
                };
            }
            (Some('\''), _) => {
                cur.push(c);
                i += 1;
            }
            (_, '\\') => {
                let Some(&n) = cs.get(i + 1) else {
                    return Err("invalid backslash at end of string in -S".to_string());
                };
                i += 2;
                match n {
                    'c' if quote.is_none() => {
                        break;
                    }
                    '_' if quote.is_none() => {
                        if have {
                            args.push(std::mem::take(&mut cur));
                            have = false;
                        }
                        continue;
                    }
                    '_' => cur.push(' '),
                    'f' => cur.push('\x0c'),
                    'n' => cur.push('\n'),
                    'r' => cur.push('\r'),
                    't' => cur.push('\t'),
                    'v' => cur.push('\x0b'),
                    '\\' | '\'' | '"' | '$' | '#' => cur.push(n),
                    _ => return Err(format!("invalid sequence '\\{n}' in -S")),
                }
                have = true;
            }
            (_, '$') => {
                if cs.get(i + 1) != Some(&'{') {
                    let rest: String = cs[i..].iter().collect();
                    return Err(format!("only ${{VARNAME}} expansion is supported, error at: {rest}"));
                }
                let close = cs[i + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or_else(|| "only ${VARNAME} expansion is supported".to_string())?;
                let name: String = cs[i + 2..i + 2 + close].iter().collect();
                if let Some(v) = env.get(&name) {
                    cur.push_str(v);
                }
                have = true;
                i += close + 3;
            }
            _ => {
                cur.push(c);
                have = true;
                i += 1;
            }
        }
    }
    if quote.is_some() {
        return Err("no terminating quote in -S string".to_string());
    }
    if have {
        args.push(cur);
    }
    Ok(args)
}

/// Expand every -S among the options in place (its words may hold more
/// options), as GNU does before parsing again.
fn expand_split_strings(args: &[String], env: &kernel::Env) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" || !a.starts_with('-') || a == "-" {
            out.push(a.clone());
            out.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            if !name.is_empty() && "split-string".starts_with(name) {
                let v = match inline {
                    Some(v) => v,
                    None => match args.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => {
                            out.push(a.clone());
                            continue;
                        }
                    },
                };
                let mut rest = split_string(&v, env)?;
                rest.extend(args[i..].iter().cloned());
                out.extend(expand_split_strings(&rest, env)?);
                return Ok(out);
            }
            out.push(a.clone());
            // Options with a value take the next argument.
            if inline.is_none() && ["unset", "chdir"].iter().any(|o| o.starts_with(name)) && i < args.len() {
                out.push(args[i].clone());
                i += 1;
            }
            continue;
        }
        let flags = &a[1..];
        match flags.find(['S', 'u', 'C']) {
            Some(k) if flags.as_bytes()[k] == b'S' => {
                if k > 0 {
                    out.push(format!("-{}", &flags[..k]));
                }
                let v = if k + 1 < flags.len() {
                    flags[k + 1..].to_string()
                } else {
                    match args.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => {
                            out.push(format!("-{}", &flags[k..]));
                            continue;
                        }
                    }
                };
                let mut rest = split_string(&v, env)?;
                rest.extend(args[i..].iter().cloned());
                out.extend(expand_split_strings(&rest, env)?);
                return Ok(out);
            }
            Some(k) => {
                out.push(a.clone());
                if k + 1 == flags.len() && i < args.len() {
                    out.push(args[i].clone());
                    i += 1;
                }
            }
            None => out.push(a.clone()),
        }
    }
    Ok(out)
}

async fn debug(cmd: &mut Cmd, on: bool, msg: &str) {
    if on {
        let _ = cmd.p.write(2, format!("{msg}\n").as_bytes()).await;
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let env0 = cmd.p.environ();
    let args = match expand_split_strings(&cmd.args, &env0) {
        Ok(a) => a,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(CANCELED).await;
        }
    };
    let opts = match Opts::parse(&args, SPEC, Mode::StopAtOperand) {
        Ok(o) => o,
        Err(msg) => return cmd.usage_error(msg, CANCELED).await,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    if opts.has("version") {
        return cmd.version().await;
    }
    let dbg = opts.has("debug");
    let mut operands = opts.operands.clone();
    let mut clear = opts.has("ignore-environment");
    if operands.first().map(String::as_str) == Some("-") {
        clear = true;
        operands.remove(0);
    }
    let mut env = if clear {
        debug(&mut cmd, dbg, "cleaning environ").await;
        kernel::Env::new()
    } else {
        env0
    };
    for name in opts.values("unset") {
        if name.is_empty() || name.contains('=') {
            cmd.error(format!("cannot unset '{name}': Invalid argument")).await;
            return cmd.finish(CANCELED).await;
        }
        debug(&mut cmd, dbg, &format!("unset:    {name}")).await;
        env.remove(name);
    }
    let mut i = 0;
    while let Some((k, v)) = operands.get(i).and_then(|a| a.split_once('=')) {
        debug(&mut cmd, dbg, &format!("setenv:   {}", operands[i])).await;
        // GNU skips an assignment with no name.
        if !k.is_empty() {
            env.insert(k.to_string(), v.to_string());
        }
        i += 1;
    }
    let command = &operands[i..];
    if command.is_empty() {
        if opts.has("chdir") {
            return cmd
                .usage_error("must specify command with --chdir (-C)", CANCELED)
                .await;
        }
        let end = if opts.has("null") { "\0" } else { "\n" };
        for (k, v) in &env {
            cmd.out.write_str(&format!("{k}={v}{end}")).await;
        }
        return cmd.finish(0).await;
    }
    if opts.has("null") {
        return cmd
            .usage_error("cannot specify --null (-0) with command", CANCELED)
            .await;
    }
    if let Some(dir) = opts.value("chdir") {
        debug(&mut cmd, dbg, &format!("chdir:    '{dir}'")).await;
        if let Err(e) = cmd.p.chdir(dir).await {
            cmd.error(format!("cannot change directory to '{dir}': {}", e.strerror()))
                .await;
            return cmd.finish(CANCELED).await;
        }
    }
    if dbg {
        let mut msg = format!("executing: {}", command[0]);
        for (k, a) in command.iter().enumerate() {
            msg.push_str(&format!("\n   arg[{k}]= '{a}'"));
        }
        debug(&mut cmd, true, &msg).await;
    }
    // Become the command, with the new environment.
    cmd.p.rfork(kernel::Rfork {
        env: kernel::Share::Clean,
        ..kernel::Rfork::SHARE
    });
    for (k, v) in &env {
        let _ = cmd.p.setenv(k, v);
    }
    let _ = cmd.out.flush().await;
    let e = cmd.p.exec(Target::Path(command[0].clone()), command.to_vec()).await;
    let status = kernel::exec::failure_status(&e);
    cmd.error(format!("'{}': {}", command[0], e.strerror())).await;
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Result<Vec<String>, String> {
        let mut env = kernel::Env::new();
        env.insert("HOME".into(), "/h".into());
        split_string(s, &env)
    }

    #[test]
    fn split_strings_as_gnu() {
        assert_eq!(split("a  b\tc").unwrap(), ["a", "b", "c"]);
        assert_eq!(split(r#"echo "a b" 'c d'"#).unwrap(), ["echo", "a b", "c d"]);
        assert_eq!(split(r"a\_b").unwrap(), ["a", "b"]);
        assert_eq!(split(r#""a\_b""#).unwrap(), ["a b"]);
        assert_eq!(split("x ${HOME}y ${NOPE}z").unwrap(), ["x", "/hy", "z"]);
        assert_eq!(split("a #comment").unwrap(), ["a"]);
        assert_eq!(split(r"a\cb c").unwrap(), ["a"]);
        assert_eq!(split("''").unwrap(), [""]);
        assert_eq!(split(r"a\ b").unwrap_err(), r"invalid sequence '\ ' in -S");
        assert_eq!(split("\"x").unwrap_err(), "no terminating quote in -S string");
        assert!(split("$HOME").is_err());
    }

    #[test]
    fn split_option_is_expanded_in_place() {
        let env = kernel::Env::new();
        let args: Vec<String> = ["-S", "-i A=1 cmd", "x"].iter().map(|s| s.to_string()).collect();
        assert_eq!(expand_split_strings(&args, &env).unwrap(), ["-i", "A=1", "cmd", "x"]);
        let args: Vec<String> = ["-u", "S", "cmd"].iter().map(|s| s.to_string()).collect();
        assert_eq!(expand_split_strings(&args, &env).unwrap(), ["-u", "S", "cmd"]);
    }
}
