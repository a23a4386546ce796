//! `sed`: the stream editor, following GNU sed 4.9.
//!
//! [`script`] compiles the `-e`/`-f` pieces into commands, [`exec`] runs
//! them over the input one line at a time (memory stays bounded: the
//! pattern and hold spaces, and a 64 KiB read buffer), [`pattern`] holds the
//! regular expressions, [`input`] reads lines with the look-ahead `$` needs.

mod debug;
mod exec;
mod input;
mod pattern;
mod script;

use kernel::Errno;

use common::cli::{Arg, Cmd, Mode, Opt, Opts, flag, long, value};
use common::io::Input;
use exec::{Exec, Settings};
use script::{Compiler, Dialect, Origin};

const USAGE: &str = "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
                 (ninebox has no symlinks: this changes nothing)
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the `l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -b, --binary
                 open files in binary mode (lines end at LF: on ninebox,
                 as on any Unix-like system, this changes nothing)
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.
";

const SPEC: &[Opt] = &[
    flag("quiet", 'n'),
    long("silent", Arg::No),
    long("debug", Arg::No),
    value("expression", 'e'),
    value("file", 'f'),
    long("follow-symlinks", Arg::No),
    Opt {
        long: "in-place",
        short: Some('i'),
        arg: Arg::Optional,
    },
    value("line-length", 'l'),
    long("posix", Arg::No),
    flag("regexp-extended", 'E'),
    // -r: the same as -E (a long name nobody types, so that `--r`
    // abbreviates --regexp-extended as in GNU).
    flag("r", 'r'),
    flag("separate", 's'),
    long("sandbox", Arg::No),
    flag("unbuffered", 'u'),
    flag("null-data", 'z'),
    long("zero-terminated", Arg::No),
    // -b, --binary: no CR/LF translation to turn off on a Unix-like system.
    flag("binary", 'b'),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match Opts::parse(&cmd.args, SPEC, Mode::Permute) {
        Ok(o) => o,
        Err(msg) => return usage(&mut cmd, Some(&msg)).await,
    };
    if opts.has("help") {
        let text = format!("{USAGE}\nninebox's sed follows GNU sed 4.9.\n");
        return cmd.help(&text).await;
    }
    if opts.has("version") {
        return cmd.version().await;
    }
    let mut set = Settings {
        quiet: false,
        delim: b'\n',
        separate: false,
        in_place: None,
        unbuffered: false,
        line_len: 70,
        posix: false,
        debug: false,
    };
    let mut dialect = Dialect {
        utf8: common::locale::Charset::of(&cmd.p).is_utf8(),
        ..Dialect::default()
    };
    let mut operands = opts.operands;
    let p = cmd.p.clone();
    // Options apply in order, and each -e or -f is compiled where it
    // stands, as GNU does: `sed -e 's/(x)/y/' -E` reads a basic regex.
    let mut compiler = Compiler::new(dialect);
    let mut exprs = 0;
    let mut any = false;
    for (name, v) in &opts.list {
        match *name {
            "quiet" | "silent" => set.quiet = true,
            "debug" => set.debug = true,
            "in-place" => {
                set.separate = true;
                set.in_place = Some(match v.as_deref() {
                    None => "*".to_string(),
                    Some(s) if s.contains('*') => s.to_string(),
                    Some(s) => format!("*{s}"),
                });
            }
            "line-length" => set.line_len = atoi(v.as_deref().unwrap_or("")),
            "posix" => {
                set.posix = true;
                dialect.posix = true;
            }
            "regexp-extended" | "r" => dialect.extended = true,
            "separate" => set.separate = true,
            "sandbox" => dialect.sandbox = true,
            "unbuffered" => set.unbuffered = true,
            "null-data" | "zero-terminated" => set.delim = 0,
            _ => {}
        }
        compiler.set_dialect(dialect);
        let v = v.clone().unwrap_or_default();
        let piece = match *name {
            "expression" => {
                exprs += 1;
                (v.into_bytes(), Origin::Expr(exprs))
            }
            "file" => match read_script(&p, &v).await {
                Ok(text) => (text, Origin::File(v)),
                Err(e) => {
                    let msg = format!("couldn't open file {v}: {}", e.strerror());
                    return fail(&mut cmd, &msg, script::EXIT_PANIC).await;
                }
            },
            _ => continue,
        };
        any = true;
        if let Err(e) = compiler.add(piece.0, piece.1) {
            return fail(&mut cmd, &e.msg, e.status).await;
        }
    }
    if !any {
        if operands.is_empty() {
            return usage(&mut cmd, None).await;
        }
        let text = operands.remove(0);
        if let Err(e) = compiler.add(text.into_bytes(), Origin::Expr(1)) {
            return fail(&mut cmd, &e.msg, e.status).await;
        }
    }
    let prog = match compiler.finish() {
        Ok(prog) => prog,
        Err(e) => return fail(&mut cmd, &e.msg, e.status).await,
    };
    set.quiet |= prog.quiet;
    if set.in_place.is_some() && operands.is_empty() {
        return fail(&mut cmd, "no input files", script::EXIT_PANIC).await;
    }
    let mut exec = match Exec::new(&p, &prog, &set, operands).await {
        Ok(e) => e,
        Err(e) => return fail(&mut cmd, &e.msg, e.status).await,
    };
    let status = match exec.run().await {
        Ok(s) => s,
        Err(e) => {
            let _ = p.write(2, format!("sed: {}\n", e.msg).as_bytes()).await;
            exec.abandon().await;
            e.status
        }
    };
    match exec.flush().await {
        Ok(()) => status,
        Err(e) if e.is(Errno::EPIPE) => status,
        Err(e) => {
            let _ = p
                .write(2, format!("sed: couldn't write: {}\n", e.strerror()).as_bytes())
                .await;
            script::EXIT_PANIC
        }
    }
}

/// A `-f` script: a file, or stdin for `-`. A directory reads as empty,
/// as GNU's stdio reading of one does.
async fn read_script(p: &kernel::Proc, name: &str) -> kernel::Result<Vec<u8>> {
    match Input::open(p, name).await {
        Ok(mut input) => {
            let text = input.read_all(p).await;
            input.close(p).await;
            text
        }
        Err(e) if e.is(Errno::EISDIR) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// `sed: msg` and the status.
async fn fail(cmd: &mut Cmd, msg: &str, status: i32) -> i32 {
    let _ = cmd.p.write(2, format!("sed: {msg}\n").as_bytes()).await;
    cmd.finish(status).await
}

/// A usage error: GNU prints the whole usage text on stderr.
async fn usage(cmd: &mut Cmd, msg: Option<&str>) -> i32 {
    let mut text = String::new();
    if let Some(m) = msg {
        text.push_str(&format!("sed: {m}\n"));
    }
    text.push_str(USAGE);
    let _ = cmd.p.write(2, text.as_bytes()).await;
    cmd.finish(1).await
}

/// C's atoi: leading blanks, a sign, digits; anything else ends it.
fn atoi(s: &str) -> usize {
    let t = s.trim_start();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let n: usize = digits.bytes().take_while(u8::is_ascii_digit).fold(0usize, |n, d| {
        n.saturating_mul(10).saturating_add(usize::from(d - b'0'))
    });
    if neg { 0 } else { n }
}
