//! What every `/bin` command shares: its context ([`Cmd`]), GNU-style
//! option parsing ([`Opts`]), and GNU's messages.
//!
//! A command is an async function `main(cmd: Cmd) -> i32`. It reads its
//! arguments from `cmd.args`, writes through `cmd.out` (buffered, flushed
//! by [`Cmd::finish`]), and reports problems with [`Cmd::error`] and
//! friends, which print `name: message` on stderr as GNU tools do.

use std::fmt::Display;

use kernel::{Errno, Proc};

use super::io::{Input, Output};

/// A running command.
pub struct Cmd {
    pub p: Proc,
    /// The name it was run as (argv[0] without its directory).
    pub name: String,
    /// argv[1..].
    pub args: Vec<String>,
    /// Buffered standard output.
    pub out: Output,
}

impl Cmd {
    pub fn new(p: Proc) -> Cmd {
        let argv = p.argv();
        let name = argv
            .first()
            .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
            .unwrap_or_default();
        let args = argv.iter().skip(1).cloned().collect();
        let mut out = Output::new(p.clone(), 1);
        // As GNU tools, a command stops at the first failed write to its
        // standard output (a full file system, a closed pipe).
        out.exit_on_error(&name, usage_status(&name));
        Cmd { p, name, args, out }
    }

    /// `name: msg` on stderr. Standard output is flushed first, as glibc's
    /// `error()` does, so output and messages sent to one pipe keep their
    /// order (`stat f nope g 2>&1`).
    pub async fn error(&mut self, msg: impl Display) {
        let _ = self.out.flush().await;
        let text = format!("{}: {msg}\n", self.name);
        let _ = self.p.write(2, text.as_bytes()).await;
    }

    /// `name: operand: No such file or directory` (or, for a refusal by a
    /// limit, `name: operand: line too long (limit 256 MiB)`).
    pub async fn error_at(&mut self, operand: &str, e: &kernel::Error) {
        self.error(format!("{operand}: {}", super::limits::describe(e))).await;
    }

    /// Open an input operand (`-` is stdin); a failure is reported as
    /// `name: operand: message` and answers `None`, so the caller notes
    /// status 1 and goes on with the next operand.
    pub async fn open_input(&mut self, name: &str) -> Option<Input> {
        match Input::open(&self.p, name).await {
            Ok(i) => Some(i),
            Err(e) => {
                self.error_at(name, &e).await;
                None
            }
        }
    }

    /// A usage error: the message, GNU's "Try ... --help" line, and the
    /// status to exit with.
    pub async fn usage_error(&mut self, msg: impl Display, status: i32) -> i32 {
        self.error(msg).await;
        let text = format!("Try '{} --help' for more information.\n", self.name);
        let _ = self.p.write(2, text.as_bytes()).await;
        self.finish(status).await
    }

    /// Flush output and answer the status. A write that failed makes the
    /// status 1 (a closed pipe has already ended the process by its note).
    pub async fn finish(&mut self, status: i32) -> i32 {
        match self.out.flush().await {
            Ok(()) => status,
            Err(e) => {
                if !e.is(Errno::EPIPE) {
                    let text = format!("{}: write error: {}\n", self.name, kernel::limits::describe(&e));
                    let _ = self.p.write(2, text.as_bytes()).await;
                }
                1
            }
        }
    }

    /// Print `text` (the command's --help) and finish.
    pub async fn help(&mut self, text: &str) -> i32 {
        self.out.write(text.as_bytes()).await;
        self.finish(0).await
    }

    /// Print the version line and finish.
    pub async fn version(&mut self) -> i32 {
        let text = format!("{} (ninebox) {}\n", self.name, env!("CARGO_PKG_VERSION"));
        self.out.write(text.as_bytes()).await;
        self.finish(0).await
    }

    /// Parse options with `spec`, handling `--help` (printing `help`) and
    /// `--version`. On `Err(status)` the command should return that
    /// status at once (usage printed, or help/version shown).
    pub async fn parse(&mut self, spec: &[Opt], help: &str) -> Result<Opts, i32> {
        self.parse_with(spec, help, Mode::Permute).await
    }

    pub async fn parse_with(&mut self, spec: &[Opt], help: &str, mode: Mode) -> Result<Opts, i32> {
        match Opts::parse(&self.args, spec, mode) {
            Ok(o) if o.has("help") => Err(self.help(help).await),
            Ok(o) if o.has("version") => Err(self.version().await),
            Ok(o) => Ok(o),
            Err(msg) => Err(self.usage_error(msg, usage_status(&self.name)).await),
        }
    }
}

/// GNU tools exit 2 on a usage error when 1 means something else (grep:
/// no match; diff, cmp: differences; test-like tools); most use 1.
pub fn usage_status(name: &str) -> i32 {
    match name {
        "grep" | "egrep" | "fgrep" | "diff" | "cmp" | "ls" | "sort" | "test" | "[" | "expr" | "jq" | "tty" => 2,
        "timeout" => 125,
        _ => 1,
    }
}

/// Whether an option takes an argument.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    No,
    Required,
    /// Only as `--opt=value` (or attached to the short form).
    Optional,
}

/// One option: its long name (also its identity), its short letter, and
/// whether it takes an argument.
#[derive(Copy, Clone, Debug)]
pub struct Opt {
    pub long: &'static str,
    pub short: Option<char>,
    pub arg: Arg,
}

/// A flag: `-x` / `--long`.
pub const fn flag(long: &'static str, short: char) -> Opt {
    Opt {
        long,
        short: Some(short),
        arg: Arg::No,
    }
}

/// An option with a required value: `-x V`, `-xV`, `--long=V`, `--long V`.
pub const fn value(long: &'static str, short: char) -> Opt {
    Opt {
        long,
        short: Some(short),
        arg: Arg::Required,
    }
}

/// A long-only option.
pub const fn long(long: &'static str, arg: Arg) -> Opt {
    Opt { long, short: None, arg }
}

/// `--help` and `--version`, which every command accepts.
pub const STANDARD: [Opt; 2] = [long("help", Arg::No), long("version", Arg::No)];

/// How options and operands mix.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// GNU's default: options may follow operands.
    Permute,
    /// Options end at the first operand (env, xargs, nice...).
    StopAtOperand,
}

/// Parsed options, in order, and the operands.
#[derive(Debug, Default)]
pub struct Opts {
    pub list: Vec<(&'static str, Option<String>)>,
    pub operands: Vec<String>,
}

impl Opts {
    pub fn parse(args: &[String], spec: &[Opt], mode: Mode) -> Result<Opts, String> {
        let find_short = |c: char| spec.iter().chain(STANDARD.iter()).find(|o| o.short == Some(c));
        let mut out = Opts::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            i += 1;
            if a == "--" {
                out.operands.extend(args[i..].iter().cloned());
                break;
            }
            if let Some(body) = a.strip_prefix("--") {
                let (name, inline) = match body.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (body, None),
                };
                let all: Vec<&Opt> = spec.iter().chain(STANDARD.iter()).collect();
                let exact = all.iter().find(|o| o.long == name);
                let opt = match exact {
                    Some(o) => *o,
                    None => {
                        let hits: Vec<&&Opt> = all.iter().filter(|o| o.long.starts_with(name)).collect();
                        match hits.as_slice() {
                            [one] => **one,
                            [] => return Err(format!("unrecognized option '{a}'")),
                            many => {
                                let names: Vec<String> = many.iter().map(|o| format!("'--{}'", o.long)).collect();
                                return Err(format!(
                                    "option '--{name}' is ambiguous; possibilities: {}",
                                    names.join(" ")
                                ));
                            }
                        }
                    }
                };
                let value = match (opt.arg, inline) {
                    (Arg::No, Some(_)) => return Err(format!("option '--{}' doesn't allow an argument", opt.long)),
                    (Arg::No, None) => None,
                    (Arg::Optional, v) => v,
                    (Arg::Required, Some(v)) => Some(v),
                    (Arg::Required, None) => match args.get(i) {
                        Some(v) => {
                            i += 1;
                            Some(v.clone())
                        }
                        None => return Err(format!("option '--{}' requires an argument", opt.long)),
                    },
                };
                out.list.push((opt.long, value));
                continue;
            }
            if a.len() > 1 && a.starts_with('-') {
                let cs: Vec<char> = a[1..].chars().collect();
                let mut k = 0;
                while k < cs.len() {
                    let c = cs[k];
                    let Some(opt) = find_short(c) else {
                        return Err(format!("invalid option -- '{c}'"));
                    };
                    k += 1;
                    match opt.arg {
                        Arg::No => out.list.push((opt.long, None)),
                        Arg::Optional => {
                            let rest: String = cs[k..].iter().collect();
                            out.list.push((opt.long, (!rest.is_empty()).then_some(rest)));
                            break;
                        }
                        Arg::Required => {
                            let rest: String = cs[k..].iter().collect();
                            let v = if !rest.is_empty() {
                                rest
                            } else {
                                match args.get(i) {
                                    Some(v) => {
                                        i += 1;
                                        v.clone()
                                    }
                                    None => return Err(format!("option requires an argument -- '{c}'")),
                                }
                            };
                            out.list.push((opt.long, Some(v)));
                            break;
                        }
                    }
                }
                continue;
            }
            out.operands.push(a.clone());
            if mode == Mode::StopAtOperand {
                out.operands.extend(args[i..].iter().cloned());
                break;
            }
        }
        Ok(out)
    }

    pub fn has(&self, long: &str) -> bool {
        self.list.iter().any(|(n, _)| *n == long)
    }

    /// The last value given for an option.
    pub fn value(&self, long: &str) -> Option<&str> {
        self.list
            .iter()
            .rev()
            .find(|(n, _)| *n == long)
            .and_then(|(_, v)| v.as_deref())
    }

    /// Every value given for an option, in order.
    pub fn values(&self, long: &str) -> Vec<&str> {
        self.list
            .iter()
            .filter(|(n, _)| *n == long)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }

    /// How many times a flag was given (`-vvv`).
    pub fn count(&self, long: &str) -> usize {
        self.list.iter().filter(|(n, _)| *n == long).count()
    }

    /// The file operands, or `-` (stdin) when there are none.
    pub fn files(&self) -> Vec<String> {
        if self.operands.is_empty() {
            vec!["-".to_string()]
        } else {
            self.operands.clone()
        }
    }
}

/// Wrap a command's `async fn main(Cmd) -> i32` as the program installed
/// under `$name` in `/bin`.
#[macro_export]
macro_rules! program {
    ($name:literal, $main:path) => {
        (
            $name,
            ::kernel::Program::new($name, |p| async move { $main($crate::cli::Cmd::new(p)).await }),
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[Opt] = &[
        flag("number", 'n'),
        flag("show-all", 'A'),
        value("lines", 'l'),
        long("color", Arg::Optional),
        long("list", Arg::No),
    ];

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn gnu_parsing() {
        let o = Opts::parse(
            &args(&["-nA", "file", "-l5", "--lines", "7", "--col=always", "--", "-n"]),
            SPEC,
            Mode::Permute,
        )
        .unwrap();
        assert!(o.has("number") && o.has("show-all"));
        assert_eq!(o.values("lines"), ["5", "7"]);
        assert_eq!(o.value("color"), Some("always"));
        assert_eq!(o.operands, ["file", "-n"]);
        let o = Opts::parse(&args(&["a", "-n"]), SPEC, Mode::StopAtOperand).unwrap();
        assert_eq!(o.operands, ["a", "-n"]);
        assert!(!o.has("number"));
        assert_eq!(Opts::parse(&args(&["-"]), SPEC, Mode::Permute).unwrap().operands, ["-"]);
    }

    #[test]
    fn gnu_messages() {
        let e = |a: &[&str]| Opts::parse(&args(a), SPEC, Mode::Permute).unwrap_err();
        assert_eq!(e(&["-z"]), "invalid option -- 'z'");
        assert_eq!(e(&["--zzz"]), "unrecognized option '--zzz'");
        assert_eq!(e(&["-l"]), "option requires an argument -- 'l'");
        assert_eq!(e(&["--lines"]), "option '--lines' requires an argument");
        assert_eq!(
            e(&["--li"]),
            "option '--li' is ambiguous; possibilities: '--lines' '--list'"
        );
        assert_eq!(e(&["--number=3"]), "option '--number' doesn't allow an argument");
        assert!(
            Opts::parse(&args(&["--num"]), SPEC, Mode::Permute)
                .unwrap()
                .has("number"),
            "unique prefixes work"
        );
    }
}
