//! The `sh` program: options, where the script comes from, the main loop.
//!
//! `sh -c STRING [NAME [ARG...]]`, `sh FILE [ARG...]`, `sh -s [ARG...]`
//! and `sh` with a script on standard input. A script given whole (`-c`,
//! a file) is parsed and run one complete command at a time; standard
//! input is read a line at a time and never past the command being run,
//! so a script can read its own following lines (`read` in a piped
//! script), as bash does.

use std::sync::Arc;

use kernel::{Proc, Program};

use super::parse::{ParseError, Parser};
use super::vars::Value;
use super::{Flow, Res, Shell, Source, bytes};

pub fn program() -> Program {
    Program::new("sh", main)
}

enum Input {
    Command(String),
    File(String),
    /// `--script NAME -c TEXT`: TEXT is the script file NAME (read by the
    /// caller, as ninebox reads scripts from the host).
    Named(String),
    Stdin,
}

async fn main(p: Proc) -> i32 {
    let argv: Vec<String> = p.argv().iter().map(|a| bytes::from_os(a)).collect();
    let name = argv
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
        .unwrap_or_else(|| "sh".to_string());
    let mut sh = Shell::new(p, name.clone(), Source::Stdin);
    import_environment(&mut sh);

    // Options.
    let mut input = None;
    let mut script_name = None;
    let mut i = 1;
    let mut force_stdin = false;
    let (mut norc, mut rcfile) = (false, None);
    while i < argv.len() {
        let a = argv[i].clone();
        match a.as_str() {
            "--" => {
                i += 1;
                break;
            }
            "--help" => {
                let _ = sh.out(&usage(&name)).await;
                return 0;
            }
            "--version" => {
                let _ = sh
                    .out(&format!("{name} (ninebox) {}\n", env!("CARGO_PKG_VERSION")))
                    .await;
                return 0;
            }
            "--norc" => norc = true,
            "--rcfile" | "--init-file" => {
                i += 1;
                match argv.get(i) {
                    Some(f) => rcfile = Some(f.clone()),
                    None => {
                        sh.write_fd(2, &format!("{name}: {a}: option requires an argument\n"))
                            .await;
                        return 2;
                    }
                }
            }
            "--noprofile" | "--login" | "--posix" | "--noediting" => {}
            "--script" => {
                i += 1;
                match argv.get(i) {
                    Some(n) => script_name = Some(n.clone()),
                    None => {
                        sh.write_fd(2, &format!("{name}: --script: option requires an argument\n"))
                            .await;
                        return 2;
                    }
                }
            }
            s if s.starts_with("--") => {
                sh.write_fd(2, &format!("{name}: {s}: invalid option\n{}", usage(&name)))
                    .await;
                return 2;
            }
            s if (s.starts_with('-') || s.starts_with('+')) && s.len() > 1 => {
                let on = s.starts_with('-');
                let letters: Vec<char> = s[1..].chars().collect();
                for c in letters {
                    match c {
                        'c' if on => {
                            i += 1;
                            match argv.get(i) {
                                Some(cmd) => input = Some(Input::Command(cmd.clone())),
                                None => {
                                    sh.write_fd(2, &format!("{name}: -c: option requires an argument\n"))
                                        .await;
                                    return 2;
                                }
                            }
                        }
                        's' => force_stdin = true,
                        'i' => sh.opts.interactive = on,
                        'l' => {}
                        'o' => {
                            i += 1;
                            let Some(opt) = argv.get(i).cloned() else {
                                break;
                            };
                            let args = vec!["set".to_string(), format!("{}o", if on { '-' } else { '+' }), opt];
                            if super::builtins::lookup("set").expect("set is a builtin")(&mut sh, args).await != Ok(0) {
                                return 2;
                            }
                        }
                        c => {
                            let flag = format!("{}{c}", if on { '-' } else { '+' });
                            let args = vec!["set".to_string(), flag];
                            if super::builtins::lookup("set").expect("set is a builtin")(&mut sh, args).await != Ok(0) {
                                return 2;
                            }
                        }
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    let mut rest: Vec<String> = argv[i.min(argv.len())..].to_vec();
    let input = match (input, script_name) {
        (Some(Input::Command(text)), Some(file)) => {
            sh.params.arg0 = file.clone();
            sh.at.source = Source::Script(file.clone());
            Input::Named(text)
        }
        (Some(Input::Command(c)), None) => {
            if !rest.is_empty() {
                sh.params.arg0 = rest.remove(0);
            }
            sh.at.source = Source::Command;
            sh.params.command_number = 0;
            let v = sh.vars.entry("BASH_EXECUTION_STRING");
            v.value = Some(Value::Str(c.clone()));
            Input::Command(c)
        }
        _ if force_stdin || rest.is_empty() => {
            sh.at.source = if sh.opts.interactive {
                Source::Interactive
            } else {
                Source::Stdin
            };
            Input::Stdin
        }
        _ => {
            let file = rest.remove(0);
            sh.params.arg0 = file.clone();
            sh.at.source = Source::Script(file.clone());
            Input::File(file)
        }
    };
    sh.params.positional = Arc::new(rest);
    if sh.opts.interactive {
        // An interactive shell keeps a history and reads its rc file
        // (`--rcfile FILE`, else ~/.bashrc; none with `--norc`).
        sh.opts.history = true;
        sh.opts.histexpand = true;
        sh.history_mut().remember = true;
        if !norc {
            let file = rcfile.unwrap_or_else(|| format!("{}/.bashrc", sh.get("HOME").unwrap_or_default()));
            if sh.proc.stat(&bytes::to_os(&file)).await.is_ok() {
                let source = super::builtins::lookup(".").expect("source is a builtin");
                if let Err(f) = source(&mut sh, vec![".".to_string(), file]).await {
                    return sh.finish(Err(f)).await;
                }
            }
        }
    }
    let r = match input {
        Input::Command(text) => sh.run_script(&text).await,
        Input::File(path) => match sh.proc.read_file(&bytes::to_os(&path)).await {
            Ok(data) => {
                let text = bytes::from_bytes(&data);
                sh.run_script(&text).await
            }
            Err(e) => {
                let _ = sh.write_fd(2, &format!("{name}: {path}: {}\n", e.strerror())).await;
                return if e.is(kernel::Errno::ENOENT) { 127 } else { 126 };
            }
        },
        Input::Named(text) => sh.run_script(&text).await,
        Input::Stdin if sh.opts.interactive => sh.run_interactive().await,
        Input::Stdin => sh.run_stream(0).await,
    };
    sh.finish(r).await
}

fn usage(name: &str) -> String {
    format!(
        "Usage: {name} [option ...] [-c command [name [arg ...]] | file [arg ...] | -s [arg ...]]\n\
         Options: -e -u -x -f -C -v -n -a -i, -o option, +o option, --help, --version\n\
         --script NAME -c TEXT runs TEXT as if it were the script file NAME\n\
         ninebox's shell: POSIX sh with bash extensions. `help' lists the builtins.\n"
    )
}

/// The environment the shell starts with becomes exported variables; a
/// few are given defaults.
fn import_environment(sh: &mut Shell) {
    for (k, v) in sh.proc.environ() {
        let k = bytes::from_os(&k);
        let v = bytes::from_os(&v);
        if let Some(name) = k.strip_prefix(FUNC_ENV.0).and_then(|n| n.strip_suffix(FUNC_ENV.1)) {
            import_function(sh, name, &v);
            continue;
        }
        if !super::parse::is_name(&k) {
            continue;
        }
        let var = sh.vars.entry(&k);
        var.value = Some(Value::Str(v));
        var.attrs.export = true;
    }
    let cwd = bytes::from_os(&sh.proc.cwd());
    if sh.get("PWD").as_deref() != Some(cwd.as_str()) {
        let _ = sh.set("PWD", &cwd);
        sh.vars.entry("PWD").attrs.export = true;
    }
    // bash starts every shell with OLDPWD exported and unset, whatever the
    // environment says, so the first `cd` exports it.
    let old = sh.vars.entry("OLDPWD");
    old.value = None;
    old.attrs.export = true;
    // bash's bounds: below zero starts again at 0, and a level past 999
    // is reset to 1 (with a warning).
    let level = match sh.get("SHLVL").and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(0) {
        n if n < 0 => 0,
        n if n >= 999 => 1,
        n => n + 1,
    };
    let _ = sh.set("SHLVL", &level.to_string());
    sh.vars.entry("SHLVL").attrs.export = true;
    let ppid = sh.proc.ppid().to_string();
    let _ = sh.set("PPID", &ppid);
    // IFS always starts at its default, whatever the environment says.
    let _ = sh.set("IFS", " \t\n");
    sh.vars.entry("IFS").attrs.export = false;
    if sh.get("OPTIND").is_none() {
        let _ = sh.set("OPTIND", "1");
    }
    if sh.get("PS4").is_none() {
        let _ = sh.set("PS4", "+ ");
    }
    let uid = sh.proc.process().uid.to_string();
    for name in ["UID", "EUID"] {
        if sh.get(name).is_none() {
            let _ = sh.set(name, &uid);
        }
    }
    identity(sh);
    if sh.get("HOSTNAME").is_none() {
        let host = bytes::from_os(&sh.proc.kernel().sysname);
        let _ = sh.set("HOSTNAME", &host);
    }
}

/// How an exported function travels in the environment: bash's
/// `BASH_FUNC_` name `%%` holding `() { body; }`.
pub const FUNC_ENV: (&str, &str) = ("BASH_FUNC_", "%%");

/// Define the function `name` from its environment text, as bash does for
/// a value that parses as exactly one definition of that name; anything
/// else is ignored (bash warns and skips it too).
fn import_function(sh: &mut Shell, name: &str, text: &str) {
    if !text.starts_with("() {") && !text.starts_with("()\n{") && !text.starts_with("() \n{") {
        return;
    }
    let mut parser = Parser::new(&format!("{name} {text}"), 1, true);
    let Ok(Some(list)) = parser.next_command() else {
        return;
    };
    if !matches!(parser.next_command(), Ok(None)) {
        return;
    }
    let [item] = list.items.as_slice() else {
        return;
    };
    let pipe = &item.and_or.first;
    if item.background || !item.and_or.rest.is_empty() || pipe.bang || pipe.time.is_some() {
        return;
    }
    if let [super::ast::Command::Function(f)] = pipe.commands.as_slice()
        && f.name == name
    {
        let func = super::Func {
            def: f.clone(),
            file: "environment".into(),
            exported: true,
        };
        Arc::make_mut(&mut sh.defs.funcs).insert(name.to_string(), func);
    }
}

/// bash 5.2's identity, which scripts test to know they run under bash
/// (`[ -n "$BASH_VERSION" ]`); the machine names are the kernel's.
pub const BASH_VERSINFO: [&str; 5] = ["5", "2", "15", "1", "release"];

fn identity(sh: &mut Shell) {
    let machine = std::env::consts::ARCH.to_string();
    let machtype = format!("{machine}-pc-linux-gnu");
    let [major, minor, patch, build, status] = BASH_VERSINFO;
    let version = format!("{major}.{minor}.{patch}({build})-{status}");
    for (name, value) in [
        ("BASH", "/bin/bash".to_string()),
        ("BASH_VERSION", version),
        ("OSTYPE", "linux-gnu".to_string()),
        ("HOSTTYPE", machine),
        ("MACHTYPE", machtype.clone()),
    ] {
        let v = sh.vars.entry(name);
        v.value = Some(Value::Str(value));
        v.attrs.export = false;
    }
    let mut info: Vec<String> = BASH_VERSINFO.iter().map(|s| s.to_string()).collect();
    info.push(machtype);
    let v = sh.vars.entry("BASH_VERSINFO");
    v.value = Some(Value::Indexed((0..).zip(info).collect()));
    v.attrs.readonly = true;
    for name in ["SHELLOPTS", "BASHOPTS"] {
        sh.vars.entry(name).attrs.readonly = true;
    }
}

impl Shell {
    /// The main loop over a whole script: one complete command at a time.
    /// An aborted command (an expansion error) does not stop the script; a
    /// syntax error does, with status 2.
    pub async fn run_script(&mut self, text: &str) -> Res {
        let mut parser = Parser::new(text, 1, true);
        let mut status = 0;
        loop {
            if self.history.remember {
                // From here on lines are remembered, so they are read
                // one at a time (the rest of this line is read already).
                let done: usize = text.chars().take(parser.consumed()).map(char::len_utf8).sum();
                let rest = &text[done..];
                let at_line_start = done == 0 || text[..done].ends_with('\n');
                let eol = if at_line_start {
                    0
                } else {
                    rest.find('\n').map_or(rest.len(), |k| k + 1)
                };
                self.params.status = status;
                return self
                    .run_lines(&rest[..eol], &rest[eol..], parser.line(), true, false)
                    .await;
            }
            self.configure(&mut parser);
            let parsed = parser.next_command();
            self.print_warnings(parser.take_warnings()).await;
            match parsed {
                Ok(Some(list)) => match self.run_top(&list).await {
                    Ok(s) => status = s,
                    Err(f) => return Err(f),
                },
                Ok(None) => return Ok(status),
                Err(e) => {
                    self.at.line = parser.line();
                    self.report_parse_error(e).await;
                    return Err(Flow::Exit(2));
                }
            }
        }
    }

    /// Run text a line at a time as bash reads input while lines are
    /// remembered: each line is history-expanded (`set -H`) and added to
    /// the history list before the commands in it are parsed. `read` is
    /// text already read (not added again); `top` runs commands as a
    /// script's (a syntax error ends the shell), else as `eval`'s; `echo`
    /// shows each line on stderr as it is read (`fc` running edited
    /// commands).
    pub async fn run_lines(&mut self, read: &str, rest: &str, line: u32, top: bool, echo: bool) -> Res {
        let mut buf = read.to_string();
        let mut entered = String::new();
        let mut line_no = line;
        let mut status = self.params.status;
        let mut lines = rest.split_inclusive('\n');
        let mut eof = false;
        loop {
            loop {
                if buf.trim().is_empty() {
                    line_no += buf.matches('\n').count() as u32;
                    buf.clear();
                    entered.clear();
                    break;
                }
                let mut parser = Parser::new(&buf, line_no, eof);
                self.configure(&mut parser);
                let parsed = parser.next_command();
                self.print_warnings(parser.take_warnings()).await;
                match parsed {
                    Ok(Some(list)) => {
                        let used: usize = buf.chars().take(parser.consumed()).map(char::len_utf8).sum();
                        buf.drain(..used);
                        line_no = parser.line();
                        status = if top {
                            self.run_top(&list).await?
                        } else {
                            self.run_list(&list).await?
                        };
                    }
                    Ok(None) => {
                        buf.clear();
                        break;
                    }
                    Err(super::parse::ParseError::Incomplete) if !eof => break,
                    Err(e) => {
                        self.at.line = parser.line();
                        self.report_parse_error(e).await;
                        if top {
                            return Err(Flow::Exit(2));
                        }
                        return Ok(2);
                    }
                }
            }
            if eof {
                return Ok(status);
            }
            let Some(l) = lines.next() else {
                eof = true;
                continue;
            };
            if echo {
                self.write_fd(2, l).await;
            }
            let continued = !buf.is_empty();
            let so_far = format!("{entered}{l}");
            match self.preprocess_line(l, &so_far, continued).await {
                Some(l) => {
                    buf.push_str(&l);
                    entered.push_str(&l);
                }
                // A dropped line still counts.
                None => buf.push('\n'),
            }
        }
    }

    /// Run one top-level command: aborts end here, `break`/`continue`
    /// outside loops are ignored.
    pub(super) async fn run_top(&mut self, list: &super::ast::List) -> Res {
        let r = self.run_list(list).await;
        if self.at.source != Source::Command {
            self.params.command_number += 1;
        }
        match r {
            Ok(s) => Ok(s),
            Err(Flow::Abort(s)) => {
                self.params.status = s;
                Ok(s)
            }
            Err(Flow::Discard(s)) if self.at.source == Source::Command => Err(Flow::Exit(s)),
            Err(Flow::Discard(s)) => {
                self.params.status = s;
                Ok(s)
            }
            Err(Flow::Break(_) | Flow::Continue(_)) => Ok(self.params.status),
            Err(Flow::Return(s)) => {
                self.params.status = s;
                Ok(s)
            }
            Err(f) => Err(f),
        }
    }

    /// Read commands from `fd` a line at a time (never past what the
    /// current command needs) and run each as soon as it is complete.
    pub async fn run_stream(&mut self, fd: u32) -> Res {
        let mut buf = String::new();
        let mut line = 1;
        let mut eof = false;
        let mut status = 0;
        // The heredoc delimiter the last parse ran out waiting for: until a
        // line equal to it (or the end) arrives, parsing again cannot
        // succeed, so lines are only gathered.
        let mut waiting: Option<(String, bool)> = None;
        loop {
            if !buf.is_empty() || eof {
                let mut parser = Parser::new(&buf, line, eof);
                self.configure(&mut parser);
                let parsed = parser.next_command();
                if !matches!(parsed, Err(ParseError::Incomplete)) {
                    self.print_warnings(parser.take_warnings()).await;
                }
                match parsed {
                    Ok(Some(list)) => {
                        let used: usize = buf.chars().take(parser.consumed()).map(char::len_utf8).sum();
                        buf.drain(..used);
                        line = parser.line();
                        status = self.run_top(&list).await?;
                        continue;
                    }
                    Ok(None) => {
                        if eof {
                            return Ok(status);
                        }
                        let used: usize = buf.chars().take(parser.consumed()).map(char::len_utf8).sum();
                        buf.drain(..used);
                        line = parser.line();
                    }
                    Err(ParseError::Incomplete) if !eof => waiting = parser.open_heredoc().cloned(),
                    Err(e) => {
                        self.at.line = parser.line();
                        self.report_parse_error(e).await;
                        if self.opts.interactive {
                            buf.clear();
                            continue;
                        }
                        return Err(Flow::Exit(2));
                    }
                }
            }
            loop {
                match self.read_line(fd).await {
                    Some(l) => {
                        let ends = waiting.as_ref().is_none_or(|(delim, strip)| {
                            let text = l.strip_suffix('\n').unwrap_or(&l);
                            let text = if *strip { text.trim_start_matches('\t') } else { text };
                            text == delim
                        });
                        buf.push_str(&l);
                        if ends {
                            waiting = None;
                            break;
                        }
                    }
                    None => {
                        eof = true;
                        break;
                    }
                }
            }
        }
    }

    async fn print_warnings(&mut self, warnings: Vec<(u32, String)>) {
        for (line, text) in warnings {
            let saved = std::mem::replace(&mut self.at.line, line);
            self.error(&text).await;
            self.at.line = saved;
        }
    }

    /// One line (with its newline) from `fd`, a byte at a time so nothing
    /// past it is taken; `None` at end of input.
    pub(super) async fn read_line(&mut self, fd: u32) -> Option<String> {
        let mut bytes_read = Vec::new();
        loop {
            match self.proc.read(fd, 1).await {
                Ok(b) if b.is_empty() => break,
                Ok(b) => {
                    bytes_read.push(b[0]);
                    if b[0] == b'\n' {
                        break;
                    }
                }
                Err(e) if e.is(kernel::Errno::EINTR) => {
                    self.note_interrupted();
                    continue;
                }
                Err(_) => break,
            }
        }
        if bytes_read.is_empty() {
            None
        } else {
            Some(bytes::from_bytes(&bytes_read))
        }
    }
}
