//! `eval`, `source`/`.`, `exec`, `type`, `command`, `builtin`, `alias`,
//! `unalias`, `getopts`, `umask`, `test`/`[`, `hash`, `help`, `times`.

use std::collections::HashMap;
use std::sync::Arc;

use kernel::Target;

use crate::ast::Function;
use crate::{Flow, Res, Shell};
use common::bytes;
use common::test;

pub fn function_text(f: &Function) -> String {
    crate::print::function(f)
}

pub async fn eval(sh: &mut Shell, argv: Vec<String>) -> Res {
    let args = match super::operands(sh, &argv, "", "eval [arg ...]").await {
        Ok((_, a)) => a,
        Err(s) => return Ok(s),
    };
    let text = args.join(" ");
    if text.trim().is_empty() {
        return Ok(0);
    }
    sh.eval_string(&text, "eval").await
}

pub async fn source(sh: &mut Shell, argv: Vec<String>) -> Res {
    let argv = match super::operands(sh, &argv, "", &format!("{} filename [arguments]", argv[0])).await {
        Ok((_, a)) => [vec![argv[0].clone()], a].concat(),
        Err(s) => return Ok(s),
    };
    let name = &argv[0];
    let Some(file) = argv.get(1).cloned() else {
        sh.error(&format!("{name}: filename argument required")).await;
        sh.write_fd(2, &format!("{name}: usage: {name} filename [arguments]\n"))
            .await;
        return Ok(2);
    };
    // A name without a slash is looked for in $PATH, then here.
    let mut path = file.clone();
    if !file.contains('/') {
        for dir in sh.get("PATH").unwrap_or_default().split(':').filter(|d| !d.is_empty()) {
            let p = format!("{}/{}", dir.trim_end_matches('/'), file);
            if sh.proc.stat(&bytes::to_os(&p)).await.is_ok_and(|s| !s.is_dir()) {
                path = p;
                break;
            }
        }
    }
    let data = match sh.proc.read_file(&bytes::to_os(&path)).await {
        Ok(d) => d,
        Err(e) => {
            sh.error(&format!("{file}: {}", e.strerror())).await;
            return Ok(1);
        }
    };
    let text = bytes::from_bytes(&data);
    let saved_pos = if argv.len() > 2 {
        Some(std::mem::replace(
            &mut sh.params.positional,
            Arc::new(argv[2..].to_vec()),
        ))
    } else {
        None
    };
    sh.nest.sources += 1;
    let saved_line = sh.at.line;
    sh.nest.frames.push(crate::Frame {
        name: "source".into(),
        file: path.as_str().into(),
        call_line: saved_line,
    });
    sh.at.line = 1;
    let mut r = sh.eval_string(&text, &file).await;
    if let Ok(s) | Err(Flow::Return(s)) = r {
        sh.params.status = s;
        if let Err(f) = sh.return_trap().await {
            r = Err(f);
        }
    }
    sh.nest.frames.pop();
    sh.at.line = saved_line;
    sh.nest.sources -= 1;
    if let Some(p) = saved_pos {
        sh.params.positional = p;
    }
    match r {
        Err(Flow::Return(s)) => Ok(s),
        other => other,
    }
}

pub async fn exec(sh: &mut Shell, argv: Vec<String>) -> Res {
    let usage = "exec: usage: exec [-cl] [-a name] [command [argument ...]] [redirection ...]\n";
    let (mut clear, mut login, mut arg0) = (false, false, None);
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        i += 1;
        if a == "--" {
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            i -= 1;
            break;
        }
        for (k, c) in a.char_indices().skip(1) {
            match c {
                'c' => clear = true,
                'l' => login = true,
                'a' => {
                    let rest = &a[k + 1..];
                    arg0 = if !rest.is_empty() {
                        Some(rest.to_string())
                    } else if let Some(n) = argv.get(i) {
                        i += 1;
                        Some(n.clone())
                    } else {
                        sh.error("exec: -a: option requires an argument").await;
                        sh.write_fd(2, usage).await;
                        return Ok(2);
                    };
                    break;
                }
                c => {
                    sh.error(&format!("exec: -{c}: invalid option")).await;
                    sh.write_fd(2, usage).await;
                    return Ok(2);
                }
            }
        }
    }
    let args = &argv[i.min(argv.len())..];
    let Some(cmd) = args.first().cloned() else {
        return Ok(0);
    };
    let mut os_argv: Vec<String> = args.iter().map(|a| bytes::to_os(a)).collect();
    if let Some(a0) = arg0 {
        os_argv[0] = bytes::to_os(&a0);
    }
    // `-l`: a login shell's dash before the name.
    if login {
        os_argv[0] = format!("-{}", os_argv[0]);
    }
    let env = if clear { kernel::Env::new() } else { sh.child_env() };
    sh.proc.rfork(kernel::Rfork {
        env: kernel::Share::Clean,
        ..kernel::Rfork::SHARE
    });
    for (k, v) in &env {
        let _ = sh.proc.setenv(k, v);
    }
    let e = sh.proc.exec(Target::Path(bytes::to_os(&cmd)), os_argv).await;
    let status = kernel::exec::failure_status(&e);
    if status == 127 {
        sh.error(&format!("exec: {cmd}: not found")).await;
    } else {
        sh.error(&format!("exec: {cmd}: {}", e.strerror())).await;
    }
    if sh.opts.interactive {
        return Ok(status);
    }
    Err(Flow::Exit(status))
}

/// What a name is, for `type` and `command -v`.
enum Kind {
    Alias(String),
    Keyword,
    Function(Arc<Function>),
    Builtin,
    File(String),
}

async fn classify(sh: &mut Shell, name: &str, all: bool, skip_functions: bool) -> Vec<Kind> {
    let mut out = Vec::new();
    if let Some(a) = sh.defs.aliases.get(name) {
        out.push(Kind::Alias(a.clone()));
    }
    if super::KEYWORDS.contains(&name) {
        out.push(Kind::Keyword);
    }
    if !skip_functions && let Some(f) = sh.defs.funcs.get(name) {
        out.push(Kind::Function(f.def.clone()));
    }
    if super::lookup(name).is_some() {
        out.push(Kind::Builtin);
    }
    if all {
        if !name.contains('/') {
            for dir in sh.get("PATH").unwrap_or_default().split(':') {
                let p = format!(
                    "{}/{}",
                    if dir.is_empty() { "." } else { dir.trim_end_matches('/') },
                    name
                );
                if sh
                    .proc
                    .stat(&bytes::to_os(&p))
                    .await
                    .is_ok_and(|s| !s.is_dir() && s.is_executable())
                {
                    out.push(Kind::File(p));
                }
            }
        } else if let Some(p) = sh.resolve_command_path(name).await {
            out.push(Kind::File(p));
        }
    } else if out.is_empty()
        && let Some(p) = sh.resolve_command_path(name).await
        && sh
            .proc
            .stat(&bytes::to_os(&p))
            .await
            .is_ok_and(|s| !s.is_dir() && s.is_executable())
    {
        out.push(Kind::File(p));
    }
    out
}

pub async fn type_(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, names) = match super::options(&argv, "aftpP") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("type: -{c}: invalid option")).await;
            sh.write_fd(2, "type: usage: type [-afptP] name [name ...]\n").await;
            return Ok(2);
        }
    };
    let all = opts.contains(&'a');
    let mut status = 0;
    let mut out = String::new();
    for name in &names {
        let mut kinds = classify(sh, name, all || opts.contains(&'P'), opts.contains(&'f')).await;
        if opts.contains(&'P') {
            kinds.retain(|k| matches!(k, Kind::File(_)));
        }
        if !all {
            kinds.truncate(1);
        }
        if kinds.is_empty() {
            if !opts.contains(&'t') && !opts.contains(&'p') && !opts.contains(&'P') {
                sh.error(&format!("type: {name}: not found")).await;
            }
            status = 1;
            continue;
        }
        for k in kinds {
            if opts.contains(&'t') {
                out.push_str(match k {
                    Kind::Alias(_) => "alias\n",
                    Kind::Keyword => "keyword\n",
                    Kind::Function(_) => "function\n",
                    Kind::Builtin => "builtin\n",
                    Kind::File(_) => "file\n",
                });
                continue;
            }
            if opts.contains(&'p') || opts.contains(&'P') {
                if let Kind::File(p) = k {
                    out.push_str(&format!("{p}\n"));
                }
                continue;
            }
            match k {
                Kind::Alias(a) => out.push_str(&format!("{name} is aliased to `{a}'\n")),
                Kind::Keyword => out.push_str(&format!("{name} is a shell keyword\n")),
                Kind::Function(f) => {
                    out.push_str(&format!("{name} is a function\n"));
                    out.push_str(&function_text(&f));
                }
                Kind::Builtin => out.push_str(&format!("{name} is a shell builtin\n")),
                Kind::File(p) => out.push_str(&format!("{name} is {p}\n")),
            }
        }
    }
    sh.out(&out).await;
    Ok(status)
}

pub async fn command(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut i = 1;
    let mut verbose = None;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-v" => verbose = Some(false),
            "-V" => verbose = Some(true),
            "-p" => {}
            "--" => {
                i += 1;
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    match c {
                        'v' => verbose = Some(false),
                        'V' => verbose = Some(true),
                        'p' => {}
                        _ => {
                            sh.error(&format!("command: -{c}: invalid option")).await;
                            sh.write_fd(2, "command: usage: command [-pVv] command [arg ...]\n")
                                .await;
                            return Ok(2);
                        }
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    let rest = argv[i..].to_vec();
    if rest.is_empty() {
        return Ok(0);
    }
    if let Some(long) = verbose {
        if long {
            let mut args = vec!["type".to_string()];
            args.extend(rest);
            return type_(sh, args).await;
        }
        let mut status = 0;
        let mut out = String::new();
        for name in &rest {
            match classify(sh, name, false, false).await.into_iter().next() {
                Some(Kind::Alias(a)) => out.push_str(&format!("alias {name}='{a}'\n")),
                Some(Kind::File(p)) => out.push_str(&format!("{p}\n")),
                Some(_) => out.push_str(&format!("{name}\n")),
                None => status = 1,
            }
        }
        sh.out(&out).await;
        return Ok(status);
    }
    // Run it, skipping functions.
    let name = rest[0].clone();
    if let Some(b) = super::lookup(&name) {
        return b(sh, rest).await;
    }
    sh.run_argv_external(rest).await
}

pub async fn builtin(sh: &mut Shell, argv: Vec<String>) -> Res {
    let args = match super::operands(sh, &argv, "", "builtin [shell-builtin [arg ...]]").await {
        Ok((_, a)) => a,
        Err(s) => return Ok(s),
    };
    let Some(name) = args.first().cloned() else {
        return Ok(0);
    };
    match super::lookup(&name) {
        Some(b) => b(sh, args).await,
        None => {
            sh.error(&format!("builtin: {name}: not a shell builtin")).await;
            Ok(1)
        }
    }
}

pub async fn alias(sh: &mut Shell, argv: Vec<String>) -> Res {
    let args = match super::operands(sh, &argv, "p", "alias [-p] [name[=value] ... ]").await {
        Ok((_, a)) => a,
        Err(s) => return Ok(s),
    };
    let args: Vec<&String> = args.iter().collect();
    let mut out = String::new();
    if args.is_empty() {
        let mut all: Vec<_> = sh.defs.aliases.iter().collect();
        all.sort();
        for (k, v) in all {
            out.push_str(&format!("alias {k}={}\n", single_quote(v)));
        }
        sh.out(&out).await;
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        match a.split_once('=') {
            Some((k, v)) => {
                Arc::make_mut(&mut sh.defs.aliases).insert(k.to_string(), v.to_string());
            }
            None => match sh.defs.aliases.get(a.as_str()) {
                Some(v) => out.push_str(&format!("alias {a}={}\n", single_quote(v))),
                None => {
                    sh.error(&format!("alias: {a}: not found")).await;
                    status = 1;
                }
            },
        }
    }
    sh.out(&out).await;
    Ok(status)
}

fn single_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub async fn unalias(sh: &mut Shell, argv: Vec<String>) -> Res {
    let usage = "unalias [-a] name [name ...]";
    let (opts, args) = match super::operands(sh, &argv, "a", usage).await {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    if opts.contains(&'a') {
        sh.defs.aliases = Arc::new(HashMap::new());
        return Ok(0);
    }
    if args.is_empty() {
        sh.write_fd(2, &format!("unalias: usage: {usage}\n")).await;
        return Ok(2);
    }
    let mut status = 0;
    for a in &args {
        if Arc::make_mut(&mut sh.defs.aliases).remove(a).is_none() {
            sh.error(&format!("unalias: {a}: not found")).await;
            status = 1;
        }
    }
    Ok(status)
}

pub async fn getopts(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() < 3 {
        sh.write_fd(2, "getopts: usage: getopts optstring name [arg ...]\n")
            .await;
        return Ok(2);
    }
    let optstring = argv[1].clone();
    let var = argv[2].clone();
    let args: Vec<String> = if argv.len() > 3 {
        argv[3..].to_vec()
    } else {
        sh.params.positional.to_vec()
    };
    // A leading `:` or OPTERR=0 silences the messages.
    let silent = optstring.starts_with(':') || sh.get("OPTERR").as_deref() == Some("0");
    let mut optind: usize = sh.get("OPTIND").and_then(|s| s.parse().ok()).unwrap_or(1).max(1);
    // Inside a group of letters (`-ab`), unless OPTIND changed since the
    // last call or the arguments changed under it: then the scan starts
    // at the first letter of the argument OPTIND names.
    let moved = sh.vars.optind_changes != sh.params.getopts_seen;
    if moved
        || args
            .get(optind - 1)
            .is_none_or(|a| sh.params.getopts_char >= a.chars().count())
    {
        sh.params.getopts_char = 0;
    }
    let set = |sh: &mut Shell, name: &str, v: &str| {
        let _ = sh.set(name, v);
    };
    let finish = |sh: &mut Shell, optind: usize| {
        set(sh, "OPTIND", &optind.to_string());
        sh.params.getopts_seen = sh.vars.optind_changes;
    };
    if sh.params.getopts_char == 0 {
        let Some(arg) = args.get(optind - 1) else {
            set(sh, &var, "?");
            finish(sh, optind);
            return Ok(1);
        };
        if arg == "--" {
            set(sh, &var, "?");
            finish(sh, optind + 1);
            return Ok(1);
        }
        if !arg.starts_with('-') || arg == "-" {
            set(sh, &var, "?");
            finish(sh, optind);
            return Ok(1);
        }
        sh.params.getopts_char = 1;
    }
    let arg: Vec<char> = args[optind - 1].chars().collect();
    let c = arg[sh.params.getopts_char];
    sh.params.getopts_char += 1;
    let at_end = sh.params.getopts_char >= arg.len();
    if at_end {
        optind += 1;
        sh.params.getopts_char = 0;
    }
    let spec = optstring.trim_start_matches(':');
    let pos = if c == ':' { None } else { spec.find(c) };
    let Some(pos) = pos else {
        if silent {
            set(sh, "OPTARG", &c.to_string());
        } else {
            sh.write_fd(2, &format!("{}: illegal option -- {c}\n", sh.params.arg0))
                .await;
            sh.vars.unset("OPTARG");
        }
        set(sh, &var, "?");
        finish(sh, optind);
        return Ok(0);
    };
    let takes_arg = spec[pos + c.len_utf8()..].starts_with(':');
    if takes_arg {
        if !at_end {
            let rest: String = arg[sh.params.getopts_char..].iter().collect();
            set(sh, "OPTARG", &rest);
            optind += 1;
            sh.params.getopts_char = 0;
        } else if let Some(next) = args.get(optind - 1) {
            let next = next.clone();
            set(sh, "OPTARG", &next);
            optind += 1;
        } else {
            if silent {
                set(sh, &var, ":");
                set(sh, "OPTARG", &c.to_string());
            } else {
                sh.write_fd(2, &format!("{}: option requires an argument -- {c}\n", sh.params.arg0))
                    .await;
                set(sh, &var, "?");
                sh.vars.unset("OPTARG");
            }
            finish(sh, optind);
            return Ok(0);
        }
    } else {
        sh.vars.unset("OPTARG");
    }
    set(sh, &var, &c.to_string());
    finish(sh, optind);
    Ok(0)
}

pub async fn umask(sh: &mut Shell, argv: Vec<String>) -> Res {
    let (opts, args) = match super::options(&argv, "pS") {
        Ok(x) => x,
        Err(c) => {
            sh.error(&format!("umask: -{c}: invalid option")).await;
            sh.write_fd(2, "umask: usage: umask [-p] [-S] [mode]\n").await;
            return Ok(2);
        }
    };
    let cur = sh.proc.umask();
    let Some(mode) = args.first() else {
        let text = if opts.contains(&'S') {
            symbolic(cur)
        } else {
            format!("{cur:04o}")
        };
        let text = if opts.contains(&'p') {
            format!("umask {text}")
        } else {
            text
        };
        sh.out(&format!("{text}\n")).await;
        return Ok(0);
    };
    let new = if mode.chars().all(|c| c.is_ascii_digit()) {
        match u32::from_str_radix(mode, 8) {
            Ok(m) if m <= 0o777 => m,
            _ => {
                sh.error(&format!("umask: {mode}: octal number out of range")).await;
                return Ok(1);
            }
        }
    } else {
        match apply_symbolic(!cur & 0o777, mode) {
            Some(perm) => !perm & 0o777,
            None => {
                let bad = mode.chars().find(|c| !"ugoa+-=rwx,".contains(*c)).unwrap_or('?');
                sh.error(&format!("umask: `{bad}': invalid symbolic mode operator"))
                    .await;
                return Ok(1);
            }
        }
    };
    sh.proc.set_umask(new);
    Ok(0)
}

fn symbolic(mask: u32) -> String {
    let perm = !mask & 0o777;
    let part = |shift: u32| {
        let b = (perm >> shift) & 7;
        let mut s = String::new();
        if b & 4 != 0 {
            s.push('r');
        }
        if b & 2 != 0 {
            s.push('w');
        }
        if b & 1 != 0 {
            s.push('x');
        }
        s
    };
    format!("u={},g={},o={}", part(6), part(3), part(0))
}

/// Apply a symbolic mode (`u=rwx,g-w,o+r`) to permission bits.
pub fn apply_symbolic(mut perm: u32, spec: &str) -> Option<u32> {
    for clause in spec.split(',') {
        let who_end = clause.find(|c| !"ugoa".contains(c)).unwrap_or(clause.len());
        let who = &clause[..who_end];
        let mask = if who.is_empty() || who.contains('a') {
            0o777
        } else {
            let mut m = 0;
            if who.contains('u') {
                m |= 0o700;
            }
            if who.contains('g') {
                m |= 0o070;
            }
            if who.contains('o') {
                m |= 0o007;
            }
            m
        };
        let rest = &clause[who_end..];
        let op = rest.chars().next()?;
        if !"+-=".contains(op) {
            return None;
        }
        let mut bits = 0;
        for c in rest[1..].chars() {
            bits |= match c {
                'r' => 0o444,
                'w' => 0o222,
                'x' => 0o111,
                _ => return None,
            };
        }
        let bits = bits & mask;
        match op {
            '+' => perm |= bits,
            '-' => perm &= !bits,
            _ => perm = (perm & !mask) | bits,
        }
    }
    Some(perm)
}

/// `test` and `[` share this.
async fn run_test(sh: &mut Shell, name: &str, args: &[String]) -> Res {
    let mut env = test::Env::default();
    for w in args.windows(2) {
        match w[0].as_str() {
            "-v" => {
                let set = super::cond::is_set(sh, &w[1]).await;
                env.vars_set.insert(w[1].clone(), set);
            }
            "-o" => {
                if let Some(v) = super::vars::option_value(sh, &w[1]) {
                    env.options.insert(w[1].clone(), v);
                }
            }
            _ => {}
        }
    }
    let proc = sh.proc.clone();
    match test::eval(&proc, &env, args).await {
        Ok(true) => Ok(0),
        Ok(false) => Ok(1),
        Err(msg) => {
            sh.error(&format!("{name}: {msg}")).await;
            Ok(2)
        }
    }
}

pub async fn test(sh: &mut Shell, argv: Vec<String>) -> Res {
    run_test(sh, "test", &argv[1..]).await
}

pub async fn test_bracket(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.last().map(String::as_str) != Some("]") {
        sh.error("[: missing `]'").await;
        return Ok(2);
    }
    run_test(sh, "[", &argv[1..argv.len() - 1]).await
}

pub async fn hash(sh: &mut Shell, argv: Vec<String>) -> Res {
    if argv.len() == 1 {
        sh.out("hash: hash table empty\n").await;
    }
    Ok(0)
}

/// `times`: user and system time of the shell, then of its reaped
/// children (system time is always zero here: see `sh::timing`).
pub async fn times(sh: &mut Shell, _argv: Vec<String>) -> Res {
    let me = sh.proc.process();
    let t = |ns: u64| {
        let ms = ns / 1_000_000;
        format!("{}m{}.{:03}s", ms / 60_000, (ms / 1000) % 60, ms % 1000)
    };
    let text = format!("{} 0m0.000s\n{} 0m0.000s\n", t(me.cpu_ns()), t(me.children_cpu_ns()));
    sh.out(&text).await;
    Ok(0)
}

/// One line of usage per builtin, for `help`.
const HELP: &[(&str, &str)] = &[
    (".", ". filename [arguments]"),
    (":", ": [arguments]"),
    ("[", "[ arg... ]"),
    ("alias", "alias [-p] [name[=value] ... ]"),
    ("bind", "bind [-abcCq] new old"),
    ("break", "break [n]"),
    ("builtin", "builtin [shell-builtin [arg ...]]"),
    ("caller", "caller [expr]"),
    ("cd", "cd [-L|-P] [dir]"),
    ("command", "command [-pVv] command [arg ...]"),
    ("continue", "continue [n]"),
    ("declare", "declare [-aAfFgilnrux] [-p] [name[=value] ...]"),
    ("dirs", "dirs [-clpv] [+N] [-N]"),
    ("echo", "echo [-neE] [arg ...]"),
    ("eval", "eval [arg ...]"),
    (
        "exec",
        "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
    ),
    ("exit", "exit [n]"),
    ("export", "export [-fn] [name[=value] ...] or export -p"),
    ("false", "false"),
    ("getopts", "getopts optstring name [arg ...]"),
    ("hash", "hash [-r]"),
    ("help", "help [pattern ...]"),
    ("import", "import [-abcCq] addr [remotepath] old"),
    ("jobs", "jobs [-lnprs]"),
    (
        "kill",
        "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
    ),
    ("let", "let arg [arg ...]"),
    ("local", "local [option] name[=value] ..."),
    (
        "mapfile",
        "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [array]",
    ),
    ("mount", "mount [-abcCq] srvname old [spec]"),
    ("popd", "popd [-n] [+N | -N]"),
    ("printf", "printf [-v var] format [arguments]"),
    ("pushd", "pushd [-n] [+N | -N | dir]"),
    ("pwd", "pwd [-LP]"),
    (
        "read",
        "read [-ers] [-a array] [-d delim] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]",
    ),
    (
        "readarray",
        "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [array]",
    ),
    ("readonly", "readonly [-aAf] [name[=value] ...] or readonly -p"),
    ("return", "return [n]"),
    ("rfork", "rfork [nNeEsfF]"),
    ("set", "set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]"),
    ("shift", "shift [n]"),
    ("shopt", "shopt [-pqsu] [-o] [optname ...]"),
    ("source", "source filename [arguments]"),
    ("test", "test [expr]"),
    ("times", "times"),
    ("trap", "trap [-lp] [[arg] signal_spec ...]"),
    ("true", "true"),
    ("type", "type [-afptP] name [name ...]"),
    ("typeset", "typeset [-aAfFgilnrux] [-p] name[=value] ..."),
    ("ulimit", "ulimit [-SHafntu] [limit] | ulimit [-SH] NAME[=VALUE]..."),
    ("umask", "umask [-p] [-S] [mode]"),
    ("unalias", "unalias [-a] name [name ...]"),
    ("unmount", "unmount [new] old"),
    ("unset", "unset [-f] [-v] [-n] [name ...]"),
    ("wait", "wait [-fn] [-p var] [id ...]"),
];

pub async fn help(sh: &mut Shell, argv: Vec<String>) -> Res {
    let mut out = String::new();
    if argv.len() == 1 {
        out.push_str("ninebox sh: a POSIX shell with bash extensions.\n");
        out.push_str("These commands are built into the shell (`help name' for one):\n\n");
        for (_, usage) in HELP {
            out.push_str(&format!(" {usage}\n"));
        }
        // The programs, from /bin as the namespace shows it now.
        if let Ok(entries) = sh.proc.readdir("/bin").await {
            let mut names: Vec<String> = entries.into_iter().map(|e| common::bytes::from_os(&e.name)).collect();
            names.sort();
            names.dedup();
            out.push_str("\nThese are programs in /bin (`NAME --help' for one):\n\n");
            let w = names.iter().map(|n| n.len()).max().unwrap_or(0) + 2;
            let per_row = (78 / w).max(1);
            let rows = names.len().div_ceil(per_row);
            for r in 0..rows {
                let mut line = String::from(" ");
                for c in 0..per_row {
                    if let Some(n) = names.get(c * rows + r) {
                        line.push_str(&format!("{n:<w$}"));
                    }
                }
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        out.push_str("\nThe system: /proc (processes), /srv (posted servers), ns, ps, kill, bind, mount.\n");
        sh.out(&out).await;
        return Ok(0);
    }
    let mut status = 0;
    for name in &argv[1..] {
        let pat = common::pattern::Pattern::parse(name);
        let hits: Vec<_> = HELP.iter().filter(|(n, _)| pat.matches(n)).collect();
        if hits.is_empty() {
            sh.error(&format!(
                "help: no help topics match `{name}'.  Try `help help' or `man -k {name}' or `info {name}'."
            ))
            .await;
            status = 1;
        }
        for (n, usage) in hits {
            out.push_str(&format!("{n}: {usage}\n"));
        }
    }
    sh.out(&out).await;
    Ok(status)
}
