//! `xargs`: build and run command lines from standard input.
//!
//! Follows GNU findutils' xargs: items are read with its quoting rules (or
//! split at a delimiter with `-0`/`-d`), packed into command lines bounded
//! by `-n`, `-L` and the size limit `-s`, and each line is run as a child
//! process, up to `-P` at once. Exit statuses: 123 if any command failed,
//! 124 if one exited 255, 125 if one was killed, 126/127 if the command
//! could not be run / was not found, 1 for xargs' own errors.

use kernel::{Errno, Fd, OpenFlags, Pid, SpawnOpts};

use common::cli::{Arg, Cmd, Mode, Opt, flag, long, value};
use common::io::Input;
use common::quote::quotef;
use common::quotearg::quote_locale;
use common::spawn::spawn_command;

const HELP: &str = "Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...
Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.

Mandatory and optional arguments to long options are also
mandatory or optional for the corresponding short option.
  -0, --null                   items are separated by a null, not whitespace;
                                 disables quote and backslash processing and
                                 logical EOF processing
  -a, --arg-file=FILE          read arguments from FILE, not standard input
  -d, --delimiter=CHARACTER    items in input stream are separated by CHARACTER,
                                 not by whitespace; disables quote and backslash
                                 processing and logical EOF processing
  -E END                       set logical EOF string; if END occurs as a line
                                 of input, the rest of the input is ignored
                                 (ignored if -0 or -d was specified)
  -e, --eof[=END]              equivalent to -E END if END is specified;
                                 otherwise, there is no end-of-file string
  -I R                         same as --replace=R
  -i, --replace[=R]            replace R in INITIAL-ARGS with names read
                                 from standard input; if R is unspecified,
                                 assume {}
  -L, --max-lines=MAX-LINES    use at most MAX-LINES non-blank input lines per
                                 command line
  -l[MAX-LINES]                similar to -L but defaults to at most one non-
                                 blank input line if MAX-LINES is not specified
  -n, --max-args=MAX-ARGS      use at most MAX-ARGS arguments per command line
  -o, --open-tty               Reopen stdin as /dev/tty in the child process
                                 before executing the command; useful to run an
                                 interactive application.
  -P, --max-procs=MAX-PROCS    run at most MAX-PROCS processes at a time
  -p, --interactive            prompt before running commands
      --process-slot-var=VAR   set environment variable VAR in child processes
  -r, --no-run-if-empty        if there are no arguments, then do not run COMMAND;
                                 if this option is not given, COMMAND will be
                                 run at least once
  -s, --max-chars=MAX-CHARS    limit length of command line to MAX-CHARS
      --show-limits            show limits on command-line length
  -t, --verbose                print commands before executing them
  -x, --exit                   exit if the size (see -s) is exceeded
      --help                   display this help and exit
      --version                output version information and exit

The terminal for -p and -o is /dev/tty, or the console (/dev/cons/data)
where there is no /dev/tty. Children read /dev/null unless -a or -o is given.
";

// `-E`, `-I` and `-L` have no long form: their identities start with `-`
// so that no `--word` can name them.
const SPEC: &[Opt] = &[
    flag("null", '0'),
    value("arg-file", 'a'),
    value("delimiter", 'd'),
    value("-E", 'E'),
    Opt {
        long: "eof",
        short: Some('e'),
        arg: Arg::Optional,
    },
    value("-I", 'I'),
    Opt {
        long: "replace",
        short: Some('i'),
        arg: Arg::Optional,
    },
    value("-L", 'L'),
    Opt {
        long: "max-lines",
        short: Some('l'),
        arg: Arg::Optional,
    },
    value("max-args", 'n'),
    flag("open-tty", 'o'),
    value("max-procs", 'P'),
    flag("interactive", 'p'),
    long("process-slot-var", Arg::Required),
    flag("no-run-if-empty", 'r'),
    value("max-chars", 's'),
    long("show-limits", Arg::No),
    flag("verbose", 't'),
    flag("exit", 'x'),
];

/// What Linux gives a new program for argv and environment together; GNU
/// xargs sizes its limits from it.
const ARG_MAX: usize = 2 * 1024 * 1024;
/// POSIX: leave this much room for the environment to grow.
const HEADROOM: usize = 2048;
/// GNU's default command-line size.
const DEFAULT_SIZE: usize = 128 * 1024;
const MAX_PROCS: i64 = i32::MAX as i64;

const EXIT_NONZERO: i32 = 123;
const EXIT_255: i32 = 124;
const EXIT_SIGNAL: i32 = 125;
const EXIT_CANNOT_RUN: i32 = 126;
const EXIT_NOT_FOUND: i32 = 127;

/// xargs stops at once with this status (after waiting for its children).
struct Fatal(i32);

struct Config {
    /// `-0`/`-d`: split at this byte, no quoting.
    delim: Option<u8>,
    eof: Option<Vec<u8>>,
    replace: Option<String>,
    max_lines: usize,
    max_args: usize,
    /// The command-line size limit (`-s`).
    size: usize,
    /// The largest `-s` the system allows.
    size_max: usize,
    procs: usize,
    verbose: bool,
    interactive: bool,
    run_if_empty: bool,
    exit_if_too_big: bool,
    arg_file: Option<String>,
    slot_var: Option<String>,
    open_tty: bool,
    show_limits: bool,
}

enum ParseError {
    /// A usage error: message, then "Try --help".
    Usage(String),
    /// A plain fatal error.
    Fatal(String),
}

/// `parse_num`: a decimal with GNU's messages; `fatal` range errors stop
/// xargs, others clamp with a warning (`-s`).
fn number(text: &str, opt: char, min: i64, max: Option<i64>, warnings: &mut Vec<String>) -> Result<i64, ParseError> {
    let t = text.trim_start();
    let v: i64 = match t.parse() {
        Ok(v) => v,
        Err(_) => {
            let all_digits = t.trim_start_matches(['+', '-']).bytes().all(|b| b.is_ascii_digit());
            if all_digits && !t.trim_start_matches(['+', '-']).is_empty() {
                // Out of range for a long: strtol saturates.
                if t.starts_with('-') { i64::MIN } else { i64::MAX }
            } else {
                return Err(ParseError::Usage(format!(
                    "invalid number \"{text}\" for -{opt} option"
                )));
            }
        }
    };
    let fatal = opt != 's';
    if v < min {
        let msg = format!("value {text} for -{opt} option should be >= {min}");
        if fatal {
            return Err(ParseError::Usage(msg));
        }
        warnings.push(msg);
        return Ok(min);
    }
    if let Some(max) = max
        && v > max
    {
        let msg = format!("value {text} for -{opt} option should be <= {max}");
        if fatal {
            return Err(ParseError::Usage(msg));
        }
        warnings.push(msg);
        return Ok(max);
    }
    Ok(v)
}

/// The `-d` argument: one byte, or a C escape (`\n`, `\t`, `\0`, `\x41`,
/// `\101`).
fn delimiter(spec: &str) -> Result<u8, String> {
    let b = spec.as_bytes();
    if b.len() == 1 {
        return Ok(b[0]);
    }
    let bad_spec = || {
        format!(
            "Invalid input delimiter specification {spec}: the delimiter must be either a single character or an escape sequence starting with \\."
        )
    };
    if b.first() != Some(&b'\\') || b.len() < 2 {
        return Err(bad_spec());
    }
    let simple = match b[1] {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        b'\\' => Some(b'\\'),
        _ => None,
    };
    if let Some(c) = simple {
        if b.len() == 2 {
            return Ok(c);
        }
        return Err(bad_spec());
    }
    let (digits, radix) = match b[1] {
        b'x' => (&b[2..], 16),
        b'0'..=b'9' => (&b[1..], 8),
        _ => {
            return Err(format!(
                "Invalid escape sequence {spec} in input delimiter specification."
            ));
        }
    };
    // GNU reads the digits with strtoul: blanks, a sign and (in hex) a
    // `0x` may come first, no digits at all is 0, and what is left over is
    // an error of its own.
    let (value, end) = strtoul(digits, radix);
    match value {
        Some(v) if v <= 255 && end == digits.len() => Ok(v as u8),
        Some(v) if v <= 255 => Err(format!(
            "Invalid escape sequence {spec} in input delimiter specification; trailing characters {} not recognised.",
            String::from_utf8_lossy(&digits[end..])
        )),
        _ => Err(format!(
            "Invalid escape sequence {spec} in input delimiter specification; character values must not exceed {}.",
            if radix == 16 { "ff" } else { "377" }
        )),
    }
}

/// C's `strtoul(s, &end, radix)`: the value (None where it overflows,
/// or is negative and not zero, so is beyond any byte) and where the
/// number ends; no digits leaves `end` at 0 with the value 0.
fn strtoul(s: &[u8], radix: u32) -> (Option<u64>, usize) {
    let mut i = 0;
    while i < s.len() && (s[i] == b' ' || (9..=13).contains(&s[i])) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digit = |c: u8| (c as char).to_digit(radix);
    if radix == 16
        && s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|&c| digit(c).is_some())
    {
        i += 2;
    }
    let start = i;
    let mut v: Option<u64> = Some(0);
    while let Some(d) = s.get(i).and_then(|&c| digit(c)) {
        v = v.and_then(|v| v.checked_mul(u64::from(radix))?.checked_add(u64::from(d)));
        i += 1;
    }
    if i == start {
        return (Some(0), 0);
    }
    let v = v.filter(|&v| !neg || v == 0);
    (v, i)
}

fn environment_size(env: &kernel::Env) -> usize {
    env.iter().map(|(k, v)| k.len() + v.len() + 2).sum()
}

fn configure(opts: &common::cli::Opts, env_size: usize, warnings: &mut Vec<String>) -> Result<Config, ParseError> {
    let size_max = ARG_MAX.saturating_sub(env_size).saturating_sub(HEADROOM);
    let mut c = Config {
        delim: None,
        eof: None,
        replace: None,
        max_lines: 0,
        max_args: 0,
        size: DEFAULT_SIZE.min(size_max),
        size_max,
        procs: 1,
        verbose: false,
        interactive: false,
        run_if_empty: true,
        exit_if_too_big: false,
        arg_file: None,
        slot_var: None,
        open_tty: false,
        show_limits: false,
    };
    for (name, v) in &opts.list {
        let v = v.as_deref();
        match (*name, v) {
            ("null", _) => c.delim = Some(0),
            ("delimiter", Some(d)) => c.delim = Some(delimiter(d).map_err(ParseError::Fatal)?),
            ("-E" | "eof", v) => c.eof = v.filter(|s| !s.is_empty()).map(|s| s.as_bytes().to_vec()),
            ("-I" | "replace", v) => {
                c.replace = Some(v.unwrap_or("{}").to_string());
                c.max_args = 0;
                c.max_lines = 0;
            }
            ("-L", Some(n)) | ("max-lines", Some(n)) => {
                c.max_lines = number(n, if *name == "-L" { 'L' } else { 'l' }, 1, None, warnings)? as usize;
                c.max_args = 0;
                c.replace = None;
            }
            ("max-lines", None) => {
                c.max_lines = 1;
                c.max_args = 0;
                c.replace = None;
            }
            ("max-args", Some(n)) => {
                c.max_args = number(n, 'n', 1, None, warnings)? as usize;
                c.max_lines = 0;
                if c.max_args == 1 && c.replace.is_some() {
                    // GNU ignores -n1 with -i.
                    c.max_args = 0;
                } else {
                    c.replace = None;
                }
            }
            ("max-chars", Some(n)) => c.size = number(n, 's', 1, Some(size_max as i64), warnings)? as usize,
            ("verbose", _) => c.verbose = true,
            ("exit", _) => c.exit_if_too_big = true,
            ("open-tty", _) => c.open_tty = true,
            ("interactive", _) => {
                c.interactive = true;
                c.verbose = true;
            }
            ("no-run-if-empty", _) => c.run_if_empty = false,
            ("max-procs", Some(n)) => c.procs = number(n, 'P', 0, Some(MAX_PROCS), warnings)? as usize,
            ("arg-file", Some(f)) => c.arg_file = Some(f.to_string()),
            ("process-slot-var", Some(v)) => {
                if v.contains('=') {
                    return Err(ParseError::Fatal(
                        "option --process-slot-var may not be set to a value which includes `='".into(),
                    ));
                }
                c.slot_var = Some(v.to_string());
            }
            ("show-limits", _) => c.show_limits = true,
            _ => {}
        }
    }
    if c.replace.is_some() || c.max_lines > 0 {
        c.exit_if_too_big = true;
    }
    Ok(c)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse_with(SPEC, HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let env = cmd.p.environ();
    let mut warnings = Vec::new();
    let config = match configure(&opts, environment_size(&env), &mut warnings) {
        Ok(c) => c,
        Err(ParseError::Usage(msg)) => {
            for w in &warnings {
                cmd.error(w).await;
            }
            return cmd.usage_error(msg, 1).await;
        }
        Err(ParseError::Fatal(msg)) => {
            cmd.error(msg).await;
            return 1;
        }
    };
    for w in &warnings {
        cmd.error(w).await;
    }
    if config.eof.is_some() && config.delim.is_some() {
        cmd.error("warning: the -E option has no effect if -0 or -d is used.\n")
            .await;
    }
    if let Some(var) = &config.slot_var {
        // No child may inherit a stale slot number.
        cmd.p.unsetenv(var);
    }
    let mut command = opts.operands.clone();
    if command.is_empty() {
        command.push("echo".into());
    }
    if config.show_limits {
        show_limits(&mut cmd, &config, environment_size(&env)).await;
    }
    let input = match &config.arg_file {
        None => Input::from_fd(0),
        Some(f) if f == "-" => Input::from_fd(0),
        Some(f) => match Input::open(&cmd.p, f).await {
            Ok(i) => i,
            // GNU xargs opens a directory and its first read fails, which
            // it takes for the end of the input: no items, no message.
            Err(e) if e.is(Errno::EISDIR) && cmd.p.stat(f).await.is_ok_and(|s| s.is_dir()) => {
                match Input::open(&cmd.p, "/dev/null").await {
                    Ok(i) => i,
                    Err(e) => {
                        cmd.error(format!("Cannot open input file {}: {}", quote_locale(f), e.strerror()))
                            .await;
                        return 1;
                    }
                }
            }
            Err(e) => {
                cmd.error(format!("Cannot open input file {}: {}", quote_locale(f), e.strerror()))
                    .await;
                return 1;
            }
        },
    };
    let keep_stdin = config.arg_file.as_deref().is_some_and(|f| f != "-");
    if config.replace.is_none() && command.iter().map(|a| a.len() + 1).sum::<usize>() > config.size {
        cmd.error("cannot fit single argument within argument list size limit")
            .await;
        return 1;
    }
    let mut x = Xargs::new(cmd, config, command, input, keep_stdin);
    let status = match x.run().await {
        Ok(()) => x.child_error,
        Err(Fatal(s)) => s,
    };
    // As GNU's exit handler: wait for the children; a command that failed
    // makes the status 123 whatever stopped xargs.
    let status = match x.wait_all().await {
        Err(Fatal(s)) => s,
        Ok(()) if x.child_error != 0 => x.child_error,
        Ok(()) => status,
    };
    x.input.close(&x.cmd.p).await;
    x.cmd.finish(status).await
}

async fn show_limits(cmd: &mut Cmd, c: &Config, env_size: usize) {
    let text = format!(
        "Your environment variables take up {env_size} bytes\n\
         POSIX upper limit on argument length (this system): {}\n\
         POSIX smallest allowable upper limit on argument length (all systems): 4096\n\
         Maximum length of command we could actually use: {}\n\
         Size of command buffer we are actually using: {}\n\
         Maximum parallelism (--max-procs must be no greater): {MAX_PROCS}\n",
        c.size_max + env_size,
        c.size_max,
        c.size
    );
    let _ = cmd.p.write(2, text.as_bytes()).await;
}

/// How the quote-aware reader stands between two bytes.
#[derive(Copy, Clone, PartialEq, Eq)]
enum State {
    Space,
    Norm,
    Quote(u8),
    Backslash,
}

/// What reading one unit of input gave.
enum Read {
    /// Input continues; with `-I`, the line read.
    More(Option<Vec<u8>>),
    End,
}

struct Xargs {
    cmd: Cmd,
    c: Config,
    input: Input,
    buf: Vec<u8>,
    pos: usize,
    at_eof: bool,
    /// Logical EOF seen (the -E string), or physical.
    done: bool,
    /// argv[0] and the initial arguments.
    initial: Vec<String>,
    initial_chars: usize,
    args: Vec<String>,
    chars: usize,
    /// Non-blank lines read since the last command (for -L).
    lines: usize,
    /// A command has been run (or tried).
    executed: bool,
    nul_warned: bool,
    running: Vec<Option<Pid>>,
    child_error: i32,
    keep_stdin: bool,
    /// What children get as stdin: /dev/null or the terminal.
    child_stdin: Option<Fd>,
    tty: Option<Input>,
}

impl Xargs {
    fn new(cmd: Cmd, c: Config, command: Vec<String>, input: Input, keep_stdin: bool) -> Xargs {
        let initial_chars = if c.replace.is_some() {
            0
        } else {
            command.iter().map(|a| a.len() + 1).sum()
        };
        Xargs {
            cmd,
            c,
            input,
            buf: Vec::new(),
            pos: 0,
            at_eof: false,
            done: false,
            initial: command,
            initial_chars,
            args: Vec::new(),
            chars: initial_chars,
            lines: 0,
            executed: false,
            nul_warned: false,
            running: Vec::new(),
            child_error: 0,
            keep_stdin,
            child_stdin: None,
            tty: None,
        }
    }

    async fn fatal(&mut self, msg: impl std::fmt::Display) -> Fatal {
        self.cmd.error(msg).await;
        Fatal(1)
    }

    async fn next_byte(&mut self) -> Result<Option<u8>, Fatal> {
        if self.pos >= self.buf.len() {
            if self.at_eof {
                return Ok(None);
            }
            let p = self.cmd.p.clone();
            match self.input.chunk(&p).await {
                Ok(Some(c)) => {
                    self.buf = c;
                    self.pos = 0;
                }
                Ok(None) => {
                    self.at_eof = true;
                    return Ok(None);
                }
                Err(e) => return Err(self.fatal(format!("read error: {}", e.strerror())).await),
            }
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    async fn run(&mut self) -> Result<(), Fatal> {
        if self.c.replace.is_some() {
            while let Read::More(line) = self.read().await? {
                let line = String::from_utf8_lossy(&line.unwrap_or_default()).into_owned();
                self.exec_replaced(&line).await?;
            }
            return Ok(());
        }
        while let Read::More(_) = self.read().await? {
            if self.c.max_lines > 0 && self.lines >= self.c.max_lines {
                self.exec().await?;
                self.lines = 0;
            }
        }
        if !self.args.is_empty() || (self.c.run_if_empty && !self.executed) {
            self.exec().await?;
        }
        Ok(())
    }

    async fn read(&mut self) -> Result<Read, Fatal> {
        if self.done {
            return Ok(Read::End);
        }
        match self.c.delim {
            Some(d) => self.read_item(d).await,
            None => self.read_line().await,
        }
    }

    /// The longest item that still leaves room for the command.
    fn item_limit(&self) -> usize {
        self.c.size.saturating_sub(self.initial_chars).saturating_sub(1)
    }

    async fn too_long(&mut self) -> Fatal {
        self.exec_if_possible().await;
        self.fatal("argument line too long").await
    }

    /// `-0`/`-d`: one item up to the delimiter.
    async fn read_item(&mut self, delim: u8) -> Result<Read, Fatal> {
        let mut item = Vec::new();
        loop {
            match self.next_byte().await? {
                None => {
                    self.done = true;
                    if item.is_empty() {
                        return Ok(Read::End);
                    }
                    return self.take(item).await;
                }
                Some(b) if b == delim => {
                    self.lines += 1;
                    return self.take(item).await;
                }
                Some(b) => {
                    if item.len() >= self.item_limit() {
                        return Err(self.too_long().await);
                    }
                    item.push(b);
                }
            }
        }
    }

    /// An item read: pushed as an argument, or handed back with `-I`.
    async fn take(&mut self, item: Vec<u8>) -> Result<Read, Fatal> {
        if self.c.replace.is_some() {
            return Ok(Read::More(Some(item)));
        }
        self.push(item).await?;
        Ok(Read::More(None))
    }

    fn is_eof_string(&self, arg: &[u8]) -> bool {
        self.c.eof.as_deref().is_some_and(|e| e == arg)
    }

    /// The default input format: one line of blank-separated arguments,
    /// with quotes and backslashes as GNU reads them.
    async fn read_line(&mut self) -> Result<Read, Fatal> {
        let replace = self.c.replace.is_some();
        let mut state = State::Space;
        let mut arg: Vec<u8> = Vec::new();
        let mut first = true;
        let mut seen_arg = false;
        // The byte before the current one: a line whose last byte is a
        // blank goes on into the next (-L counts it with that one).
        let mut prev: Option<u8> = None;
        loop {
            let Some(c) = self.next_byte().await? else {
                self.done = true;
                // GNU drops a trailing item that is empty, even a quoted one
                // or an unfinished quote.
                if arg.is_empty() {
                    return Ok(Read::End);
                }
                if let State::Quote(q) = state {
                    return Err(self.unmatched(q).await);
                }
                if first && self.is_eof_string(&arg) {
                    return Ok(Read::End);
                }
                return self.take(arg).await;
            };
            let last = prev.replace(c);
            match state {
                State::Space | State::Norm => {
                    if state == State::Space {
                        if is_space(c) {
                            continue;
                        }
                        state = State::Norm;
                    }
                    if c == b'\n' {
                        if !last.is_some_and(is_blank) {
                            self.lines += 1;
                        }
                        if arg.is_empty() && !seen_arg {
                            state = State::Space;
                            continue;
                        }
                        if self.is_eof_string(&arg) {
                            self.done = true;
                            return Ok(if first { Read::End } else { Read::More(None) });
                        }
                        return self.take(arg).await;
                    }
                    seen_arg = true;
                    if !replace && is_blank(c) {
                        if self.is_eof_string(&arg) {
                            self.done = true;
                            return Ok(if first { Read::End } else { Read::More(None) });
                        }
                        self.push(std::mem::take(&mut arg)).await?;
                        state = State::Space;
                        first = false;
                        continue;
                    }
                    match c {
                        b'\\' => {
                            state = State::Backslash;
                            continue;
                        }
                        b'\'' | b'"' => {
                            state = State::Quote(c);
                            continue;
                        }
                        _ => {}
                    }
                }
                State::Quote(q) => {
                    if c == b'\n' {
                        return Err(self.unmatched(q).await);
                    }
                    if c == q {
                        state = State::Norm;
                        seen_arg = true;
                        continue;
                    }
                }
                State::Backslash => state = State::Norm,
            }
            if c == 0 && !self.nul_warned {
                self.nul_warned = true;
                self.cmd
                    .error(
                        "WARNING: a NUL character occurred in the input.  It cannot be passed through in the argument list.  Did you mean to use the --null option?",
                    )
                    .await;
            }
            if arg.len() >= self.item_limit() {
                return Err(self.too_long().await);
            }
            arg.push(c);
        }
    }

    async fn unmatched(&mut self, q: u8) -> Fatal {
        self.exec_if_possible().await;
        let which = if q == b'"' { "double" } else { "single" };
        self.fatal(format!(
            "unmatched {which} quote; by default quotes are special to xargs unless you use the -0 option"
        ))
        .await
    }

    /// Before a fatal input error, run what was gathered, unless the
    /// options say a partial command must not run.
    async fn exec_if_possible(&mut self) {
        if self.c.replace.is_some() || self.args.is_empty() || self.c.exit_if_too_big {
            return;
        }
        let _ = self.exec().await;
    }

    /// Add an argument, running the command first if it would not fit.
    async fn push(&mut self, mut arg: Vec<u8>) -> Result<(), Fatal> {
        // A NUL ends the argument, as it ends a C string.
        if let Some(i) = memchr::memchr(0, &arg) {
            arg.truncate(i);
        }
        let len = arg.len() + 1;
        if self.chars + len > self.c.size {
            if self.args.is_empty() {
                return Err(self
                    .fatal("cannot fit single argument within argument list size limit")
                    .await);
            }
            if self.c.exit_if_too_big && (self.c.max_lines > 0 || self.c.max_args > 0) {
                return Err(self.fatal("argument list too long").await);
            }
            self.exec().await?;
        }
        self.args.push(String::from_utf8_lossy(&arg).into_owned());
        self.chars += len;
        if self.c.max_args > 0 && self.args.len() >= self.c.max_args {
            self.exec().await?;
        }
        Ok(())
    }

    /// `-I`: the initial arguments with every R replaced by `line`.
    async fn exec_replaced(&mut self, line: &str) -> Result<(), Fatal> {
        let pat = self.c.replace.clone().unwrap_or_default();
        let mut argv = vec![self.initial[0].clone()];
        let mut total = argv[0].len() + 1;
        for a in &self.initial[1..] {
            let r = if pat.is_empty() {
                a.clone()
            } else {
                a.replace(&pat, line)
            };
            total += r.len() + 1;
            argv.push(r);
        }
        if total > self.c.size {
            return Err(self.fatal("argument list too long").await);
        }
        self.launch(argv).await
    }

    /// Run the command with the arguments gathered so far.
    async fn exec(&mut self) -> Result<(), Fatal> {
        let mut argv = self.initial.clone();
        argv.append(&mut self.args);
        self.chars = self.initial_chars;
        self.launch(argv).await
    }

    async fn launch(&mut self, argv: Vec<String>) -> Result<(), Fatal> {
        if self.c.procs > 0 {
            while self.running.iter().flatten().count() >= self.c.procs {
                self.reap(true).await?;
            }
        }
        if self.c.interactive {
            if !self.ask(&argv).await? {
                return Ok(());
            }
        } else if self.c.verbose {
            let line = format!("{}\n", shell_words(&argv));
            let _ = self.cmd.p.write(2, line.as_bytes()).await;
        }
        // Reap what has ended before starting more.
        while self.reap(false).await? {}
        self.executed = true;
        let slot = self
            .running
            .iter()
            .position(Option::is_none)
            .unwrap_or(self.running.len());
        let stdin = self.child_stdin().await?;
        let mut env = None;
        if let Some(var) = &self.c.slot_var {
            let mut e = self.cmd.p.environ();
            e.insert(var.clone(), slot.to_string());
            env = Some(e);
        }
        let opts = SpawnOpts {
            argv: argv.clone(),
            env,
            fd_map: stdin.map(|fd| vec![(0, Some(fd))]).unwrap_or_default(),
            ..Default::default()
        };
        let pid = match spawn_command(&self.cmd.p, opts).await {
            Ok(pid) => pid,
            Err(e) => return Err(self.cannot_run(&argv[0], &e).await),
        };
        if slot == self.running.len() {
            self.running.push(Some(pid));
        } else {
            self.running[slot] = Some(pid);
        }
        Ok(())
    }

    async fn cannot_run(&mut self, name: &str, e: &kernel::Error) -> Fatal {
        self.cmd.error(format!("{name}: {}", e.strerror())).await;
        Fatal(if e.is(Errno::ENOENT) || e.is(Errno::ENOTDIR) {
            EXIT_NOT_FOUND
        } else {
            EXIT_CANNOT_RUN
        })
    }

    /// The fd children read from: /dev/null, the terminal (-o), or
    /// xargs' own stdin when the items come from a file (-a).
    async fn child_stdin(&mut self) -> Result<Option<Fd>, Fatal> {
        if self.keep_stdin && !self.c.open_tty {
            return Ok(None);
        }
        if let Some(fd) = self.child_stdin {
            return Ok(Some(fd));
        }
        let name = if self.c.open_tty { "/dev/tty" } else { "/dev/null" };
        let r = if self.c.open_tty {
            open_terminal(&self.cmd.p).await
        } else {
            self.cmd.p.open(name, OpenFlags::READ).await
        };
        match r {
            Ok(fd) => {
                self.child_stdin = Some(fd);
                Ok(Some(fd))
            }
            Err(e) if self.c.open_tty => Err(self.fatal(format!("{}: {}", quote_locale(name), e.strerror())).await),
            Err(e) => {
                self.cmd
                    .error(format!("{}: {}", quote_locale(name), e.strerror()))
                    .await;
                Ok(None)
            }
        }
    }

    /// `-p`: show the command and ask on the terminal.
    async fn ask(&mut self, argv: &[String]) -> Result<bool, Fatal> {
        if self.tty.is_none() {
            match open_terminal(&self.cmd.p).await {
                Ok(fd) => self.tty = Some(Input::from_fd(fd)),
                Err(e) => {
                    return Err(self
                        .fatal(format!("failed to open /dev/tty for reading: {}", e.strerror()))
                        .await);
                }
            }
        }
        let prompt = format!("{} ?...", shell_words(argv));
        let _ = self.cmd.p.write(2, prompt.as_bytes()).await;
        let p = self.cmd.p.clone();
        let mut line = Vec::new();
        let got = match self.tty.as_mut() {
            Some(t) => t.read_line(&p, &mut line).await,
            None => Ok(false),
        };
        match got {
            Ok(true) if line.ends_with(b"\n") => Ok(matches!(line.first(), Some(b'y' | b'Y'))),
            Ok(_) => Err(self.fatal("Failed to read from stdin").await),
            Err(e) => Err(self.fatal(format!("Failed to read from stdin: {}", e.strerror())).await),
        }
    }

    /// Reap one child (waiting for it if `block`); false if none ended.
    async fn reap(&mut self, block: bool) -> Result<bool, Fatal> {
        if self.running.iter().all(Option::is_none) {
            return Ok(false);
        }
        let p = self.cmd.p.clone();
        let ended = if block {
            p.wait_any().await.ok()
        } else {
            p.try_wait_any().ok().flatten()
        };
        let Some((pid, status)) = ended else {
            if block {
                // Nothing left to wait for: forget what we thought ran.
                self.running.iter_mut().for_each(|s| *s = None);
            }
            return Ok(false);
        };
        if let Some(slot) = self.running.iter_mut().find(|s| **s == Some(pid)) {
            *slot = None;
        }
        let name = self.initial[0].clone();
        if status.reason.is_some() {
            let sig = status.code - 128;
            self.cmd.error(format!("{name}: terminated by signal {sig}")).await;
            return Err(Fatal(EXIT_SIGNAL));
        }
        if status.code == 255 {
            self.cmd
                .error(format!("{name}: exited with status 255; aborting"))
                .await;
            return Err(Fatal(EXIT_255));
        }
        if status.code != 0 {
            self.child_error = EXIT_NONZERO;
        }
        Ok(true)
    }

    /// Wait for every child still running.
    async fn wait_all(&mut self) -> Result<(), Fatal> {
        let mut result = Ok(());
        while self.running.iter().any(Option::is_some) {
            if let Err(f) = self.reap(true).await {
                result = Err(f);
            }
        }
        result
    }
}

/// A terminal to talk to: /dev/tty, or the console.
async fn open_terminal(p: &kernel::Proc) -> kernel::Result<Fd> {
    match p.open("/dev/tty", OpenFlags::READ).await {
        Ok(fd) => Ok(fd),
        Err(e) => p.open("/dev/cons/data", OpenFlags::READ).await.map_err(|_| e),
    }
}

/// The command as `-t` shows it: each word quoted as the shell needs.
fn shell_words(argv: &[String]) -> String {
    argv.iter().map(|a| quotef(a)).collect::<Vec<_>>().join(" ")
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(delimiter(","), Ok(b','));
        assert_eq!(delimiter("\\n"), Ok(b'\n'));
        assert_eq!(delimiter("\\t"), Ok(b'\t'));
        assert_eq!(delimiter("\\x41"), Ok(b'A'));
        assert_eq!(delimiter("\\012"), Ok(b'\n'));
        assert_eq!(delimiter("\\0"), Ok(0));
        assert_eq!(delimiter("\\x 41"), Ok(b'A'));
        assert_eq!(delimiter("\\x+0x41"), Ok(b'A'));
        assert_eq!(delimiter("\\x"), Ok(0));
        assert_eq!(delimiter("\\x-0"), Ok(0));
        assert!(delimiter("\\x-1").unwrap_err().ends_with("must not exceed ff."));
        assert!(
            delimiter("\\0x41")
                .unwrap_err()
                .ends_with("trailing characters x41 not recognised.")
        );
        assert!(
            delimiter("\\9")
                .unwrap_err()
                .ends_with("trailing characters 9 not recognised.")
        );
        assert!(
            delimiter("ab")
                .unwrap_err()
                .starts_with("Invalid input delimiter specification ab:")
        );
        assert_eq!(
            delimiter("\\q").unwrap_err(),
            "Invalid escape sequence \\q in input delimiter specification."
        );
    }

    #[test]
    fn numbers() {
        let mut w = Vec::new();
        assert!(matches!(number("3", 'n', 1, None, &mut w), Ok(3)));
        assert!(
            matches!(number("0", 'n', 1, None, &mut w), Err(ParseError::Usage(m)) if m == "value 0 for -n option should be >= 1")
        );
        assert!(
            matches!(number("x", 'n', 1, None, &mut w), Err(ParseError::Usage(m)) if m == "invalid number \"x\" for -n option")
        );
        assert!(matches!(number("99", 's', 1, Some(10), &mut w), Ok(10)));
        assert_eq!(w, ["value 99 for -s option should be <= 10"]);
    }
}
