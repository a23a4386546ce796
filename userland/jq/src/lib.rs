//! `jq`: a command-line JSON processor, as jq 1.6.
//!
//! The language is jaq's (`jaq-core`, `jaq-std`, `jaq-json`), with jq
//! 1.6's library where the two differ ([`funs`]); reading and printing JSON
//! ([`json`]), the options, messages and exit statuses are jq 1.6's. The
//! filter runs on a worker thread ([`engine`]); this task feeds it input
//! and writes out what it prints.

mod assign;
mod engine;
mod funs;
mod guard;
mod json;
mod source;

use std::collections::VecDeque;

use kernel::{Errno, Proc};

use common::cli::Cmd;
use common::io::Input;
use engine::{ArgVal, Down, Job, Up};
use json::{Colors, Style};

const HELP: &str = "Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [STRINGS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]

jq is a tool for processing JSON inputs, applying the given filter to
its JSON text inputs and producing the filter's results as JSON on
standard output. Numbers are IEEE754 doubles, as in jq 1.6.

With no FILE, or when FILE is -, read standard input. Several files are
read as one stream of JSON texts.

  -c, --compact-output     compact instead of pretty-printed output
  -n, --null-input         use `null` as the single input value
  -e, --exit-status        set the exit status from the last output:
                           1 if false or null, 4 if there was none
  -s, --slurp              read all inputs into an array; apply filter to it
  -r, --raw-output         output strings raw, not as JSON texts
  -j, --join-output        like -r, and no newline after each output
  -a, --ascii-output       escape non-ASCII characters as \\uXXXX
  -R, --raw-input          read each line as a string, not JSON texts
  -C, --color-output       colorize JSON (JQ_COLORS sets the colours)
  -M, --monochrome-output  do not colorize (the default unless on the console)
  -S, --sort-keys          sort the keys of objects on output
  -f, --from-file          the first operand is a file holding the filter
      --tab                indent with tabs
      --indent N           indent with N spaces (0-7; -1: tabs)
      --stream             read inputs as streams of [path, leaf] events
      --seq                write an ASCII RS before each output
      --unbuffered         write each output at once
      --arg NAME V         set $NAME to the string V
      --argjson NAME JSON  set $NAME to the JSON value
      --slurpfile NAME F   set $NAME to an array of the JSON texts in F
      --argfile NAME F     set $NAME to the JSON text in F (an array if several)
      --rawfile NAME F     set $NAME to the contents of F, as a string
      --args               remaining operands are strings for $ARGS.positional
      --jsonargs           remaining operands are JSON texts for $ARGS.positional
  -h, --help               display this help and exit
  -V, --version            output version information and exit
      --                   end the options

Named arguments are also available as $ARGS.named, positional ones as
$ARGS.positional. Exit status: 0 normally, 2 for usage or input errors,
3 for a filter that does not compile, 5 for an uncaught error in the
last input; -e and halt_error set their own.
";

const USAGE_TAIL: &str = "Use jq --help for help with command-line options,
or see the jq manpage, or online docs  at https://stedolan.github.io/jq
";

const SHORT_USAGE: &str = "Usage:\tjq [OPTIONS] FILTER [FILES...]
\tjq [OPTIONS] --args FILTER [STRINGS...]
\tjq [OPTIONS] --jsonargs FILTER [JSON_TEXTS...]

For a listing of options, use jq --help.
";

/// What follows the filter on the command line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rest {
    Files,
    Args,
    JsonArgs,
}

#[derive(Clone, Copy)]
enum Layout {
    Compact,
    Indent(usize),
    Tab,
}

/// A named argument before its file is read.
enum Named {
    Ready(ArgVal),
    Slurp(String),
    ArgFile(String),
    Raw(String),
}

struct Args {
    program: Option<String>,
    from_file: bool,
    files: Vec<String>,
    named: Vec<(String, Named, &'static str)>,
    positional: Vec<ArgVal>,
    layout: Layout,
    color: Option<bool>,
    flags: Flags,
}

#[derive(Default)]
struct Flags {
    null_input: bool,
    raw_input: bool,
    slurp: bool,
    raw_output: bool,
    join_output: bool,
    ascii: bool,
    sort_keys: bool,
    exit_status: bool,
    seq: bool,
    stream: bool,
    unbuffered: bool,
}

enum Early {
    Help,
    Version,
    /// A message, then jq's "Use jq --help" lines; exit 2.
    Usage(String),
    /// The short usage text; exit 2.
    ShortUsage,
}

fn parse_args(argv: &[String]) -> Result<Args, Early> {
    let mut a = Args {
        program: None,
        from_file: false,
        files: Vec::new(),
        named: Vec::new(),
        positional: Vec::new(),
        layout: Layout::Indent(2),
        color: None,
        flags: Flags::default(),
    };
    let mut rest = Rest::Files;
    let mut done = false;
    let mut i = 0;
    while i < argv.len() {
        let text = &argv[i];
        i += 1;
        if done || !text.starts_with('-') || text == "-" {
            operand(&mut a, rest, text)?;
            continue;
        }
        if text == "--" {
            if a.program.is_none() {
                return Err(Early::ShortUsage);
            }
            done = true;
            continue;
        }
        if let Some(long) = text.strip_prefix("--") {
            i = long_option(&mut a, &mut rest, long, argv, i)?;
            continue;
        }
        for c in text[1..].chars() {
            short_option(&mut a, c).ok_or_else(|| Early::Usage(format!("jq: Unknown option {text}\n")))??;
        }
    }
    Ok(a)
}

fn operand(a: &mut Args, rest: Rest, text: &str) -> Result<(), Early> {
    if a.program.is_none() {
        a.program = Some(text.to_string());
        return Ok(());
    }
    match rest {
        Rest::Files => a.files.push(text.to_string()),
        Rest::Args => a.positional.push(ArgVal::Str(text.to_string())),
        Rest::JsonArgs => {
            if !matches!(json::parse_one(text.as_bytes()), Ok(Some(_))) {
                return Err(Early::Usage("jq: invalid JSON text passed to --jsonargs\n".into()));
            }
            a.positional.push(ArgVal::Json(text.as_bytes().to_vec()));
        }
    }
    Ok(())
}

/// A short flag; `None` if unknown.
fn short_option(a: &mut Args, c: char) -> Option<Result<(), Early>> {
    let f = &mut a.flags;
    match c {
        's' => f.slurp = true,
        'r' => f.raw_output = true,
        'j' => {
            f.raw_output = true;
            f.join_output = true;
        }
        'a' => f.ascii = true,
        'c' => a.layout = Layout::Compact,
        'C' => a.color = Some(true),
        'M' => a.color = Some(false),
        'S' => f.sort_keys = true,
        'R' => f.raw_input = true,
        'n' => f.null_input = true,
        'f' => a.from_file = true,
        'e' => f.exit_status = true,
        'h' => return Some(Err(Early::Help)),
        'V' => return Some(Err(Early::Version)),
        _ => return None,
    }
    Some(Ok(()))
}

fn long_option(a: &mut Args, rest: &mut Rest, long: &str, argv: &[String], mut i: usize) -> Result<usize, Early> {
    let short = match long {
        "slurp" => 's',
        "raw-output" => 'r',
        "join-output" => 'j',
        "ascii-output" => 'a',
        "compact-output" => 'c',
        "color-output" => 'C',
        "monochrome-output" => 'M',
        "sort-keys" => 'S',
        "raw-input" => 'R',
        "null-input" => 'n',
        "from-file" => 'f',
        "exit-status" => 'e',
        "help" => 'h',
        "version" => 'V',
        _ => ' ',
    };
    if short != ' ' {
        short_option(a, short).unwrap_or(Ok(()))?;
        return Ok(i);
    }
    let usage = |m: &str| Early::Usage(format!("jq: {m}\n"));
    match long {
        "tab" => a.layout = Layout::Tab,
        "indent" => {
            let n = argv.get(i).ok_or_else(|| usage("--indent takes one parameter"))?;
            i += 1;
            a.layout = match atoi(n) {
                -1 => Layout::Tab,
                0 => Layout::Compact,
                n @ 1..=7 => Layout::Indent(n as usize),
                _ => return Err(usage("--indent takes a number between -1 and 7")),
            };
        }
        "seq" => a.flags.seq = true,
        "stream" => a.flags.stream = true,
        "unbuffered" => a.flags.unbuffered = true,
        "args" => *rest = Rest::Args,
        "jsonargs" => *rest = Rest::JsonArgs,
        "arg" | "argjson" | "slurpfile" | "argfile" | "rawfile" => {
            let (Some(name), Some(val)) = (argv.get(i), argv.get(i + 1)) else {
                let example = match long {
                    "arg" => "--arg varname value",
                    "argjson" => "--argjson varname text",
                    _ => "--slurpfile varname filename",
                };
                let m = format!("--{long} takes two parameters (e.g. {example})");
                return Err(usage(&m));
            };
            i += 2;
            let named = match long {
                "arg" => Named::Ready(ArgVal::Str(val.clone())),
                "argjson" => {
                    if !matches!(json::parse_one(val.as_bytes()), Ok(Some(_))) {
                        return Err(usage("invalid JSON text passed to --argjson"));
                    }
                    Named::Ready(ArgVal::Json(val.as_bytes().to_vec()))
                }
                "slurpfile" => Named::Slurp(val.clone()),
                "argfile" => Named::ArgFile(val.clone()),
                _ => Named::Raw(val.clone()),
            };
            let opt: &'static str = match long {
                "slurpfile" => "slurpfile",
                "argfile" => "argfile",
                "rawfile" => "rawfile",
                _ => "arg",
            };
            a.named.push((name.clone(), named, opt));
        }
        _ => return Err(Early::Usage(format!("jq: Unknown option --{long}\n"))),
    }
    Ok(i)
}

/// C's `atoi`: leading digits with an optional sign, 0 if none.
fn atoi(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let n: i64 = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |acc, d| acc.saturating_mul(10).saturating_add((d - b'0') as i64));
    if neg { -n } else { n }
}

async fn read_file(p: &Proc, name: &str) -> kernel::Result<Vec<u8>> {
    let mut input = Input::open(p, name).await?;
    let data = input.read_all(p).await;
    input.close(p).await;
    data
}

async fn stderr(p: &Proc, text: &str) {
    let _ = p.write(2, text.as_bytes()).await;
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let p = cmd.p.clone();
    let args = match parse_args(&cmd.args) {
        Ok(a) => a,
        Err(Early::Help) => return cmd.help(HELP).await,
        Err(Early::Version) => return cmd.version().await,
        Err(Early::Usage(msg)) => {
            stderr(&p, &format!("{msg}{USAGE_TAIL}")).await;
            return 2;
        }
        Err(Early::ShortUsage) => {
            stderr(&p, SHORT_USAGE).await;
            return 2;
        }
    };
    match prepare(&p, args).await {
        Ok((job, files)) => run(&mut cmd, job, files).await,
        Err(status) => status,
    }
}

fn on_console(p: &Proc, fd: kernel::Fd) -> bool {
    p.fd_name(fd).is_ok_and(|n| n.contains("cons"))
}

/// Read what the options name (the filter file, `--slurpfile`s), and build
/// the job. Errors are printed here; `Err` holds the exit status.
async fn prepare(p: &Proc, mut a: Args) -> Result<(Job, Vec<String>), i32> {
    let console = on_console(p, 1);
    if a.program.is_none() {
        if console && on_console(p, 0) {
            stderr(p, SHORT_USAGE).await;
            return Err(2);
        }
        a.program = Some(".".into());
    }
    let mut program = a.program.take().unwrap_or_default();
    if a.from_file {
        program = match read_file(p, &program).await {
            Ok(text) => String::from_utf8_lossy(&text).into_owned(),
            Err(e) => {
                stderr(p, &format!("jq: Could not open {program}: {}\n", e.strerror())).await;
                return Err(2);
            }
        };
    }
    let mut named = Vec::new();
    for (name, val, opt) in a.named {
        let file = match &val {
            Named::Ready(_) => None,
            Named::Slurp(f) | Named::ArgFile(f) | Named::Raw(f) => Some(f.clone()),
        };
        let v = match (val, file) {
            (Named::Ready(v), _) => v,
            (val, Some(f)) => {
                let bad = |m: String| format!("jq: Bad JSON in --{opt} {name} {f}: {m}\n");
                let data = match read_file(p, &f).await {
                    Ok(d) => d,
                    Err(e) => {
                        stderr(p, &bad(format!("Could not open {f}: {}", e.strerror()))).await;
                        return Err(2);
                    }
                };
                let problem = match val {
                    Named::Raw(_) => None,
                    _ => json::parse_all(&data).err(),
                };
                if let Some(m) = problem {
                    stderr(p, &bad(m)).await;
                    return Err(2);
                }
                match val {
                    Named::Slurp(_) => ArgVal::Slurp(data),
                    Named::ArgFile(_) => ArgVal::File(data),
                    _ => ArgVal::Str(String::from_utf8_lossy(&data).into_owned()),
                }
            }
            (val, None) => match val {
                Named::Ready(v) => v,
                _ => continue,
            },
        };
        named.push((name, v));
    }
    let env: Vec<(String, String)> = p.environ().into_iter().collect();
    let color = a.color.unwrap_or(console);
    let colors = color.then(|| Colors::new(env.iter().find(|(k, _)| k == "JQ_COLORS").map(|(_, v)| v.as_str())));
    let (indent, tab) = match a.layout {
        Layout::Compact => (0, false),
        Layout::Indent(n) => (n, false),
        Layout::Tab => (0, true),
    };
    let f = a.flags;
    let clock_p = p.clone();
    let job = Job {
        program,
        named,
        positional: a.positional,
        env,
        null_input: f.null_input,
        raw_input: f.raw_input,
        slurp: f.slurp,
        raw_output: f.raw_output,
        join_output: f.join_output,
        ascii: f.ascii,
        seq: f.seq,
        stream: f.stream,
        exit_status: f.exit_status,
        unbuffered: f.unbuffered,
        style: Style {
            indent,
            tab,
            sort_keys: f.sort_keys,
            ascii: f.ascii,
            colors,
        },
        clock: Box::new(move || clock_p.now_ms()),
        max_alloc: common::limits::Budget::of(p).max,
        max_nest: common::limits::Depth::of(p).max(),
    };
    let files = if a.files.is_empty() {
        vec!["-".to_string()]
    } else {
        a.files
    };
    Ok((job, files))
}

/// Start the worker and serve it until it is done.
async fn run(cmd: &mut Cmd, job: Job, files: Vec<String>) -> i32 {
    let p = cmd.p.clone();
    let (up_tx, mut up_rx) = tokio::sync::mpsc::channel::<Up>(8);
    let (down_tx, down_rx) = std::sync::mpsc::channel::<Down>();
    let spawned = std::thread::Builder::new()
        .name("jq".into())
        // Filters recurse (deep values, recursive definitions) as jq's do.
        .stack_size(engine::STACK_SIZE)
        .spawn(move || engine::run(job, up_tx, down_rx));
    if let Err(e) = spawned {
        stderr(&p, &format!("jq: error: cannot start: {e}\n")).await;
        return 2;
    }
    let mut feeder = Feeder {
        files: files.into(),
        current: None,
    };
    let status = loop {
        match up_rx.recv().await {
            Some(Up::Out(data)) => cmd.out.write(&data).await,
            Some(Up::Err(data)) => {
                let _ = p.write(2, &data).await;
            }
            Some(Up::Flush) => {
                let _ = cmd.out.flush().await;
            }
            Some(Up::NeedInput) => {
                let msg = feeder.next(&p).await;
                let _ = down_tx.send(msg);
            }
            Some(Up::Done(status)) => break status,
            None => {
                stderr(&p, "jq: error: the filter stopped unexpectedly\n").await;
                break 5;
            }
        }
    };
    if let Some(input) = feeder.current.take() {
        input.close(&p).await;
    }
    cmd.finish(status).await
}

/// Opens the input files in turn and hands out their chunks.
struct Feeder {
    files: VecDeque<String>,
    current: Option<Input>,
}

impl Feeder {
    async fn next(&mut self, p: &Proc) -> Down {
        if let Some(input) = self.current.as_mut() {
            match input.chunk(p).await {
                Ok(Some(data)) => return Down::Data(data),
                Ok(None) => {}
                Err(e) => {
                    stderr(p, &format!("Input error: {}\n", e.strerror())).await;
                    if let Some(i) = self.current.take() {
                        i.close(p).await;
                    }
                    return Down::OpenFailed;
                }
            }
            if let Some(i) = self.current.take() {
                i.close(p).await;
            }
        }
        let Some(name) = self.files.pop_front() else {
            return Down::End;
        };
        match Input::open(p, &name).await {
            Ok(i) => {
                self.current = Some(i);
                let shown = if name == "-" { "<stdin>".to_string() } else { name };
                Down::Start(shown)
            }
            // jq 1.6 opens a directory, fails to read it and says nothing.
            Err(e) if e.is(Errno::EISDIR) => Down::OpenFailed,
            Err(e) => {
                stderr(p, &format!("jq: error: Could not open file {name}: {}\n", e.strerror())).await;
                Down::OpenFailed
            }
        }
    }
}
