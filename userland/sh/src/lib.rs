//! `sh` (also `/bin/bash`): a POSIX shell with the bash extensions scripts
//! and agents use, following bash 5 where the two differ.
//!
//! The modules, in the order a command travels through them:
//! [`parse`] (text to [`ast`]), [`expand`] (words to argv: braces, tilde,
//! parameters, command substitution, arithmetic, splitting, globbing, with
//! [`pattern`] and [`arith`]), [`exec`] (running commands, pipelines,
//! subshells, functions), [`redir`] (redirections), [`builtins`].
//! [`run`] is the program: options, reading scripts, the main loop.
//!
//! The state is [`Shell`], one field per concern: variables ([`vars`]),
//! definitions ([`Defs`]), special parameters ([`Params`]), options
//! ([`options`]), the process's limits (`kernel::Limits`, as the kernel
//! holds them), children ([`jobs`]), traps
//! ([`traps`]), where input comes from ([`Location`]) and how deep the
//! shell is in functions, loops and evals ([`Nesting`]). Tables a builtin
//! reads or changes (option names, the job table, traps) have their logic
//! on the piece, so the builtin is a thin adapter.

pub mod arith;
pub mod assoc;
pub mod ast;
pub mod brace;
pub mod builtins;
pub mod editor;
pub mod exec;
pub mod expand;
pub mod histexpand;
pub mod history;
pub mod jobs;
pub mod options;
pub mod parse;
pub mod print;
pub mod prompt;
pub mod redir;
pub mod run;
pub mod select;
pub mod timing;
pub mod traps;
pub mod vars;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use kernel::{Pid, Proc};

use self::ast::Function;
use self::vars::{Value, Vars};

pub use jobs::{Job, Jobs};
pub use options::{Opts, Shopts};
pub use traps::Traps;

pub use common::{bytes, pattern};
pub use run::program;

/// How a command ended other than by returning a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Break(u32),
    Continue(u32),
    Return(i32),
    /// Leave the shell (or the subshell) with this status.
    Exit(i32),
    /// Abandon the current top-level command (an expansion error): the
    /// shell goes on with the next one, `$?` set to the status.
    Abort(i32),
    /// A builtin's usage error that bash answers by discarding the rest
    /// of the line (`shift 1 2`, `exit 1 2`, `a[]=x`): like `Abort`, but
    /// it also ends a `-c` string.
    Discard(i32),
}

/// A command's outcome: its status, or a change of control flow.
pub type Res = Result<i32, Flow>;

/// What the shell is running, for message prefixes (`sh: -c: line 1:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `sh -c`.
    Command,
    /// A script file: its name.
    Script(String),
    /// Commands from standard input.
    Stdin,
    Interactive,
}

/// Functions and aliases: what the shell has been taught.
#[derive(Clone, Default)]
pub struct Defs {
    pub funcs: Arc<HashMap<String, Func>>,
    pub aliases: Arc<HashMap<String, String>>,
}

/// The special parameters and the state behind computed variables.
#[derive(Clone)]
pub struct Params {
    /// `$0`
    pub arg0: String,
    /// `$1...`
    pub positional: Arc<Vec<String>>,
    /// `$?`
    pub status: i32,
    /// `$!`
    pub last_bg: Option<Pid>,
    /// `PIPESTATUS`
    pub pipestatus: Vec<i32>,
    /// `$$`: the main shell's pid, also in subshells.
    pub shell_pid: Pid,
    /// `$_`: the last argument of the previous command.
    pub underscore: String,
    /// `$RANDOM`'s generator state.
    pub random_state: u32,
    /// When the shell started (`$SECONDS`).
    pub started: Instant,
    /// getopts: the position inside a group of short options.
    pub getopts_char: usize,
    /// `Vars::optind_changes` when getopts last set OPTIND.
    pub getopts_seen: u64,
    /// The command being run (`$BASH_COMMAND`).
    pub command: Arc<str>,
    /// `\#` in a prompt: the number of the command being read (1 for
    /// the first; `sh -c` text counts none, as in bash).
    pub command_number: u64,
    /// Command substitutions run so far: a command with no words takes
    /// the status of the last one it ran, else 0.
    pub substs_run: u64,
    /// The environment group as the shell last wrote it (or found it at
    /// start): what changed there since was changed by someone else.
    pub environ: kernel::Env,
}

/// Where the shell is reading: what messages are reported under.
#[derive(Clone)]
pub struct Location {
    pub source: Source,
    /// The line of the command being run (`$LINENO`).
    pub line: u32,
    /// While running `eval` or `source` text: what syntax errors are
    /// reported under.
    pub parse_context: Option<String>,
}

/// How deep the shell is in functions, sourced files, evals, loops,
/// substitutions and conditions; and whether it is a subshell.
#[derive(Clone, Default)]
pub struct Nesting {
    /// Functions and sourced files being run, innermost last
    /// (`FUNCNAME`, `BASH_SOURCE`, `BASH_LINENO`, `caller`).
    pub frames: Vec<Frame>,
    pub calls: usize,
    pub evals: usize,
    /// Nested `source`s, so `return` knows it may leave one.
    pub sources: usize,
    /// The innermost loop count, so `break` outside a loop is reported.
    pub loops: usize,
    /// Nesting of command substitutions, for `set -x` prefixes.
    pub substs: usize,
    /// Levels `set -x` does not count: the EXIT trap runs at the level of
    /// the script, though it is a text run as `eval` runs one.
    pub trace_less: usize,
    /// >0 while running a condition, where `set -e` does not apply.
    pub conditions: usize,
    /// True in a forked copy of the shell.
    pub subshell: bool,
}

/// One function call or sourced file on the call stack.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The function's name, or `source`.
    pub name: Arc<str>,
    /// The file the function was defined in, or the sourced file.
    pub file: Arc<str>,
    /// The line it was called from, in the caller's file.
    pub call_line: u32,
}

/// A defined function and the file it was defined in (`BASH_SOURCE`).
#[derive(Clone, Debug)]
pub struct Func {
    pub def: Arc<Function>,
    pub file: Arc<str>,
    /// `export -f`: passed to child shells in the environment, as bash
    /// does (`BASH_FUNC_name%%=() { ...; }`).
    pub exported: bool,
}

/// The interpreter's whole state, by concern. Cloning it (cheap: the big
/// tables are copy-on-write) is how a subshell starts.
#[derive(Clone)]
pub struct Shell {
    pub proc: Proc,
    pub vars: Vars,
    pub defs: Defs,
    pub params: Params,
    pub opts: Opts,
    pub shopts: Shopts,
    /// The process's limits in force, as the kernel holds them (read once
    /// and again after `ulimit`: they change only there).
    pub limits: Arc<kernel::Limits>,
    pub jobs: Jobs,
    pub traps: Traps,
    pub at: Location,
    pub nest: Nesting,
    /// Arithmetic expressions already parsed.
    pub arith_cache: arith::Cache,
    /// The command history (copy-on-write: a subshell changes its own).
    pub history: Arc<history::History>,
    /// `pushd`'s directory stack, below the current directory.
    pub dirstack: Vec<String>,
}

impl Shell {
    pub fn new(proc: Proc, arg0: String, source: Source) -> Shell {
        let seed = {
            let b = proc.random(4);
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        };
        let shell_pid = proc.pid();
        let environ = proc.process().env();
        let limits = proc.limits();
        let arith_cache = arith::Cache::new(limits.max_nest);
        Shell {
            proc,
            vars: Vars::default(),
            defs: Defs::default(),
            params: Params {
                arg0,
                positional: Arc::default(),
                status: 0,
                last_bg: None,
                pipestatus: Vec::new(),
                shell_pid,
                underscore: String::new(),
                random_state: seed,
                started: Instant::now(),
                getopts_char: 0,
                getopts_seen: 0,
                substs_run: 0,
                command_number: 1,
                command: "".into(),
                environ,
            },
            opts: Opts::default(),
            shopts: Shopts::default(),
            limits,
            jobs: Jobs::default(),
            traps: Traps::default(),
            at: Location {
                source,
                line: 1,
                parse_context: None,
            },
            nest: Nesting::default(),
            arith_cache,
            history: Arc::default(),
            dirstack: Vec::new(),
        }
    }

    // ---- variables ----

    /// A scalar variable's value (element 0 of an array), computed ones
    /// included.
    pub fn get(&mut self, name: &str) -> Option<String> {
        match name {
            "RANDOM" => return Some(self.random().to_string()),
            "LINENO" => return Some(self.at.line.to_string()),
            "SECONDS" => {
                let base: i64 = self.var_str("\u{0}SECONDS").and_then(|s| s.parse().ok()).unwrap_or(0);
                return Some((self.params.started.elapsed().as_secs() as i64 + base).to_string());
            }
            "BASHPID" => return Some(self.proc.pid().to_string()),
            "EPOCHSECONDS" => return Some((self.proc.now_ns() / 1_000_000_000).to_string()),
            "EPOCHREALTIME" => {
                let us = self.proc.now_ns() / 1000;
                return Some(format!("{}.{:06}", us / 1_000_000, us % 1_000_000));
            }
            "SRANDOM" => {
                let n = self.proc.random(4).iter().fold(0u32, |n, &b| n << 8 | u32::from(b));
                return Some(n.to_string());
            }
            "_" => return Some(self.params.underscore.clone()),
            "FUNCNAME" | "BASH_SOURCE" | "BASH_LINENO" if self.vars.get(name).is_none() => {
                return self.call_stack(name).and_then(|v| v.into_iter().next());
            }
            "BASH_COMMAND" => return Some(self.params.command.to_string()),
            "SHELLOPTS" => return Some(self.opts.enabled()),
            "BASHOPTS" => return Some(self.shopts.enabled()),
            "PPID" if self.vars.get("PPID").is_none() => return Some(self.proc.ppid().to_string()),
            _ => {}
        }
        self.var_str(name)
    }

    /// The character set of the shell's locale, from its variables as
    /// bash reads them (LC_ALL > LC_CTYPE > LANG, exported or not, a
    /// function's `local LC_ALL` included): what `${#x}` and `${x:o:n}`
    /// count in.
    pub fn charset(&self) -> common::locale::Charset {
        common::locale::Charset::from_env(|k| self.var_str(k))
    }

    /// A stored variable's scalar value, nothing computed (through a
    /// nameref to what it names).
    /// A circular chain reads as unset, as in bash.
    pub fn var_str(&self, name: &str) -> Option<String> {
        let name = match self.vars.resolve(name) {
            Ok(None) => name.to_string(),
            Ok(Some(target)) => match target.split_once('[') {
                Some((base, sub)) => return self.ref_element(base, sub.trim_end_matches(']')),
                None => target,
            },
            Err(_) => return None,
        };
        self.vars
            .get(&name)
            .and_then(|v| v.value.as_ref())
            .and_then(Value::scalar)
            .map(str::to_string)
    }

    /// The element a nameref such as `a[1]` or `m[key]` names.
    fn ref_element(&self, base: &str, sub: &str) -> Option<String> {
        match self.vars.get(base)?.value.as_ref()? {
            Value::Str(s) => (sub.trim() == "0").then(|| s.clone()),
            Value::Indexed(m) => {
                let i: i64 = sub.trim().parse().ok()?;
                m.get(&vars::resolve_index(m, i)?).cloned()
            }
            Value::Assoc(m) => m.get(sub).cloned(),
        }
    }

    /// The key a nameref's subscript names in `base`: the text for an
    /// associative array, else its arithmetic value.
    pub fn ref_key(&mut self, base: &str, sub: &str) -> Result<String, String> {
        let assoc = self
            .vars
            .get(base)
            .is_some_and(|v| v.kind == vars::Kind::Assoc || matches!(v.value, Some(Value::Assoc(_))));
        if assoc {
            return Ok(sub.to_string());
        }
        self.arith(sub).map(|v| v.to_string())
    }

    /// True if the variable exists with a value (`[[ -v x ]]`).
    pub fn is_set(&self, name: &str) -> bool {
        self.vars.get(name).is_some_and(|v| v.value.is_some())
    }

    /// Assign a scalar, honouring attributes. Errs (with bash's message)
    /// for a readonly variable.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        if let Some(target) = self.vars.resolve(name)? {
            return match target.split_once('[') {
                Some((base, sub)) => {
                    let key = self.ref_key(base, sub.trim_end_matches(']'))?;
                    self.set_element_sync(base, &key, value)
                }
                None => self.set(&target, value),
            };
        }
        if value.len() > self.limits.max_alloc {
            return Err(format!("{name}: {}", self.limits.reached("string")));
        }
        let allexport = self.opts.allexport;
        let v = self.vars.entry(name);
        if v.attrs.readonly {
            return Err(format!("{name}: readonly variable"));
        }
        let value = transform(&v.attrs, value);
        // Counted against `mem` before it is stored; what it replaces is
        // given back.
        let old = match &v.value {
            Some(Value::Indexed(m)) => m.get(&0).map_or(0, |s| vars::text_cost(s)),
            Some(Value::Assoc(m)) => m.get("0").map_or(0, |s| vars::text_cost(s)),
            Some(Value::Str(s)) => vars::text_cost(s),
            None => 0,
        };
        let new = vars::text_cost(&value);
        if new > old {
            self.proc
                .charge_mem(new - old)
                .map_err(|e| format!("{name}: {}", kernel::limits::describe(&e)))?;
        } else {
            self.proc.release_mem(old - new);
        }
        let v = self.vars.entry(name);
        match &mut v.value {
            Some(Value::Indexed(m)) => {
                m.insert(0, value);
            }
            Some(Value::Assoc(m)) => {
                m.insert("0".to_string(), value);
            }
            slot => *slot = Some(Value::Str(value)),
        }
        if allexport {
            v.attrs.export = true;
        }
        Ok(())
    }

    /// Unset `name`, giving back what it held; false if it is readonly.
    pub fn unset_var(&mut self, name: &str) -> bool {
        match self.vars.unset(name) {
            Some(bytes) => {
                self.proc.release_mem(bytes);
                true
            }
            None => false,
        }
    }

    /// `$RANDOM`: 0..32767 from a generator seeded by the system's
    /// entropy (so `--seed` makes it reproducible); assigning RANDOM
    /// reseeds it.
    pub fn random(&mut self) -> u32 {
        // The 31-bit LCG bash uses, enough for scripts.
        self.params.random_state = self
            .params
            .random_state
            .wrapping_mul(1_103_515_245)
            .wrapping_add(12_345);
        (self.params.random_state >> 16) & 0x7fff
    }

    pub fn ifs(&self) -> String {
        match self.vars.get("IFS") {
            Some(v) => v.value.as_ref().and_then(Value::scalar).unwrap_or("").to_string(),
            None => " \t\n".to_string(),
        }
    }

    /// The environment for a child: exported variables as UTF-8.
    pub fn child_env(&self) -> kernel::Env {
        let mut env: kernel::Env = self
            .vars
            .exported()
            .into_iter()
            .map(|(k, v)| (bytes::to_os(&k), bytes::to_os(&v)))
            .collect();
        for (name, f) in self.defs.funcs.iter().filter(|(_, f)| f.exported) {
            let text = builtins::misc::function_text(&f.def);
            let body = text.strip_prefix(name.as_str()).unwrap_or(&text).trim_start();
            env.insert(
                bytes::to_os(&format!("{}{name}{}", run::FUNC_ENV.0, run::FUNC_ENV.1)),
                bytes::to_os(body.trim_end_matches('\n')),
            );
        }
        env
    }

    // ---- messages ----

    /// The prefix bash puts on messages: `sh: line 3: ` in `-c` mode,
    /// `script: line 3: ` for a script, `sh: ` interactively.
    /// Inside a function or a sourced file the file it came from names
    /// the message, as bash does (`environment` for functions of `-c`
    /// text, `main` for those read from standard input). Commands read
    /// from standard input get no line number.
    pub fn prefix(&self) -> String {
        if self.at.source != Source::Interactive
            && let Some(f) = self.nest.frames.last()
        {
            return format!("{}: line {}: ", f.file, self.at.line);
        }
        match &self.at.source {
            Source::Interactive | Source::Stdin => format!("{}: ", self.params.arg0),
            Source::Command => format!("{}: line {}: ", self.params.arg0, self.at.line),
            Source::Script(name) => format!("{}: line {}: ", name, self.at.line),
        }
    }

    /// Print an error message on stderr with the shell's prefix.
    pub async fn error(&mut self, msg: &str) {
        let text = format!("{}{}\n", self.prefix(), msg);
        self.write_fd(2, &text).await;
    }

    /// Write a shell string to an fd, ignoring failures (as bash's builtins
    /// report nothing when stdout is closed, apart from their status).
    pub async fn write_fd(&mut self, fd: u32, s: &str) -> bool {
        let data = bytes::to_bytes(s);
        self.proc.write(fd, &data).await.is_ok()
    }

    /// Write to stdout; answers false on failure (for builtin statuses).
    pub async fn out(&mut self, s: &str) -> bool {
        self.write_fd(1, s).await
    }

    /// A builtin's output: on failure say so as bash does
    /// (`echo: write error: No space left on device`) and answer false.
    pub async fn builtin_out(&mut self, builtin: &str, s: &str) -> bool {
        let data = bytes::to_bytes(s);
        match self.proc.write(1, &data).await {
            Ok(_) => true,
            Err(e) => {
                if !e.is(kernel::Errno::EPIPE) {
                    // bash names no line for a write error.
                    let msg = format!(
                        "{}: {builtin}: write error: {}\n",
                        self.params.arg0,
                        kernel::limits::describe(&e)
                    );
                    self.write_fd(2, &msg).await;
                }
                false
            }
        }
    }
}

/// Apply `-l`/`-u` attributes to a value being assigned. (`-i` is applied
/// by the caller, which can evaluate arithmetic.)
pub fn transform(attrs: &vars::Attrs, value: &str) -> String {
    if attrs.lower {
        value.to_ascii_lowercase()
    } else if attrs.upper {
        value.to_ascii_uppercase()
    } else {
        value.to_string()
    }
}
