//! `awk`: pattern scanning and processing, as GNU awk 5 runs it.
//!
//! The program is tokenized ([`lexer`]), parsed to an AST ([`parser`]),
//! typed and compiled to a small stack bytecode ([`compile`]), and run by
//! one async loop ([`vm`]) that does its I/O through the process handle:
//! files, `cmd | getline` and `print | cmd` (real ninebox processes under
//! `sh -c`), `system()`.

mod ast;
mod code;
mod compile;
mod format;
mod input;
mod lexer;
mod parser;
mod record;
mod regex;
mod source;
mod text;
mod value;
mod vm;

use common::cli::Cmd;
use source::{Diag, Sources};
use vm::{Event, Fatal, Flow, Vm};

const HELP: &str = "Usage: awk [POSIX or GNU style options] -f progfile [--] file ...
Usage: awk [POSIX or GNU style options] [--] 'program' file ...
Scan files for patterns and run actions on the matching records.

POSIX options:		GNU long options: (standard)
	-f progfile		--file=progfile
	-F fs			--field-separator=fs
	-v var=val		--assign=var=val
Short options:		GNU long options: (extensions)
	-b			--characters-as-bytes
	-e 'program-text'	--source='program-text'
	-E file			--exec=file
	-h			--help (also --usage)
	-i includefile		--include=includefile
	-O			--optimize
	-r			--re-interval
	-s			--no-optimize
	-S			--sandbox
	-V			--version
Long options may be abbreviated; -W name[=value] is --name[=value].

With no file, or when a file is -, read standard input. An operand of the
form var=value assigns var when it is reached among the files (not with -E).
-i finds a file in AWKPATH (default .:/usr/share/awk), adding .awk if needed,
and reads each file once.

This awk follows GNU awk 5 (gawk): numbers are doubles and integral values
print exactly (2^53 and beyond as %d would); %d %i %o %x %u %c are 64-bit;
division by zero is fatal; messages and exit statuses are gawk's. gawk's
extensions: length(array), gensub, tolower/toupper, split's fourth argument,
strftime/systime/mktime (TZ honoured), asort/asorti, PROCINFO[\"sorted_in\"],
IGNORECASE, FPAT, FIELDWIDTHS, patsplit, match's array, RT, ARGIND, ERRNO,
strtonum, and/or/xor/lshift/rshift/compl, BEGINFILE/ENDFILE, the regex
operators \\w \\W \\s \\S \\< \\> \\y \\B \\` \\' and \\x escapes. Under a UTF-8
locale, length, substr, index, match, printf's widths and FIELDWIDTHS count
characters (-b: bytes).
Not here: --posix, --traditional, --lint, --bignum, --profile, --debug,
extensions (-l), namespaces and @include inside program files. A program
naming BINMODE, LINT, PREC, ROUNDMODE, SYMTAB, FUNCTAB or TEXTDOMAIN, calling
typeof, isarray, mkbool or the gettext functions, or setting a PROCINFO
element other than sorted_in is refused (status 2).
rand() follows its own generator, seeded by srand() (1 at first, as in gawk).
";

/// Where a piece of the program comes from.
enum Piece {
    /// `-f file` or `-E file`.
    File(String),
    /// `-e text`, or the program operand.
    Text(String),
    /// `-i file`: searched in AWKPATH, read once.
    Include(String),
}

/// What the command line asked for.
#[derive(Default)]
struct Invocation {
    fs: Option<String>,
    assigns: Vec<String>,
    pieces: Vec<Piece>,
    operands: Vec<String>,
    bytes: bool,
    sandbox: bool,
    /// `-E`: operands are only files.
    exec: bool,
}

enum Parsed {
    Run(Invocation),
    Exit(i32),
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let inv = match parse_args(&mut cmd).await {
        Parsed::Run(i) => i,
        Parsed::Exit(s) => return s,
    };
    let sources = match program_text(&mut cmd, &inv).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let name = cmd.name.clone();
    let prog = match parser::parse(&sources, common::limits::Depth::of(&cmd.p)) {
        Ok(p) => p,
        Err(d) => return diag_fail(&mut cmd, &sources, &d).await,
    };
    let charset = if inv.bytes {
        common::locale::Charset::Bytes
    } else {
        common::locale::Charset::of(&cmd.p)
    };
    let code = match compile::compile(&prog, charset.is_utf8()) {
        Ok(c) => c,
        Err(d) => return diag_fail(&mut cmd, &sources, &d).await,
    };
    let warned: String = prog
        .warnings
        .iter()
        .chain(&code.warnings)
        .map(|w| sources.render(&name, w))
        .collect();
    if !warned.is_empty() {
        let _ = cmd.p.write(2, warned.as_bytes()).await;
    }
    let mut vm = Vm::new(cmd, code, sources, charset);
    vm.sandbox = inv.sandbox;
    vm.operand_assigns = !inv.exec;
    let mut argv = vec![vm.cmd.name.clone()];
    argv.extend(inv.operands.iter().cloned());
    vm.set_argv(&argv);
    vm.set_environ();
    vm.set_procinfo();
    let mut warnings = Vec::new();
    if let Some(fs) = &inv.fs {
        // gawk: -Ft means a tab.
        let fs = if fs == "t" { "\\t" } else { fs };
        let _ = vm.assign_var(&format!("FS={fs}"), &mut warnings);
    }
    for a in &inv.assigns {
        match vm.assign_var(a, &mut warnings) {
            Ok(true) => {}
            Ok(false) => {
                let name = a.split('=').next().unwrap_or("");
                return fail(&mut vm.cmd, &format!("fatal: `{name}' is not a legal variable name")).await;
            }
            Err(e) => return fail(&mut vm.cmd, &format!("fatal: {e}")).await,
        }
    }
    for w in warnings {
        vm.cmd.error(format!("warning: {w}")).await;
    }
    let status = match run(&mut vm).await {
        Ok(()) => vm.exit_code,
        Err(Fatal(m)) => {
            vm.flush_all().await;
            let text = vm.message("fatal", &m);
            let _ = vm.cmd.p.write(2, text.as_bytes()).await;
            vm.close_all().await;
            2
        }
    };
    vm.cmd.finish(status).await
}

async fn fail(cmd: &mut Cmd, msg: &str) -> i32 {
    cmd.error(msg).await;
    cmd.finish(2).await
}

/// A problem found before running: gawk's message and status.
async fn diag_fail(cmd: &mut Cmd, sources: &Sources, d: &Diag) -> i32 {
    let text = sources.render(&cmd.name, d);
    let _ = cmd.p.write(2, text.as_bytes()).await;
    cmd.finish(d.status()).await
}

/// BEGIN, the records, END.
async fn run(vm: &mut Vm) -> Result<(), Fatal> {
    let mut exiting = false;
    if let Some(b) = vm.begin_entry() {
        exiting = vm.run(b).await? == Flow::Exit;
    }
    if !exiting && vm.reads_input() && vm.has_file_rules() {
        let main = vm.main_entry();
        while let Some(ev) = vm.next_event().await? {
            let entry = match ev {
                Event::Record => main,
                Event::BeginFile => vm.beginfile_entry().unwrap_or(main),
                Event::EndFile => vm.endfile_entry().unwrap_or(main),
            };
            match vm.run(entry).await? {
                Flow::Done | Flow::Next => {}
                Flow::Nextfile => vm.skip_file().await,
                Flow::Exit => break,
            }
        }
    } else if !exiting && vm.reads_input() {
        let main = vm.main_entry();
        while vm.read_main_record().await? {
            match vm.run(main).await? {
                Flow::Done | Flow::Next => {}
                Flow::Nextfile => vm.skip_file().await,
                Flow::Exit => break,
            }
        }
    }
    let end = vm.end_entry();
    vm.run(end).await?;
    vm.close_all().await;
    Ok(())
}

/// An option: its long name, its letter, whether it takes a value.
struct Opt {
    long: &'static str,
    short: u8,
    value: bool,
}

const OPTS: &[Opt] = &[
    Opt {
        long: "file",
        short: b'f',
        value: true,
    },
    Opt {
        long: "field-separator",
        short: b'F',
        value: true,
    },
    Opt {
        long: "assign",
        short: b'v',
        value: true,
    },
    Opt {
        long: "source",
        short: b'e',
        value: true,
    },
    Opt {
        long: "exec",
        short: b'E',
        value: true,
    },
    Opt {
        long: "include",
        short: b'i',
        value: true,
    },
    Opt {
        long: "characters-as-bytes",
        short: b'b',
        value: false,
    },
    Opt {
        long: "sandbox",
        short: b'S',
        value: false,
    },
    Opt {
        long: "optimize",
        short: b'O',
        value: false,
    },
    Opt {
        long: "no-optimize",
        short: b's',
        value: false,
    },
    Opt {
        long: "re-interval",
        short: b'r',
        value: false,
    },
    Opt {
        long: "help",
        short: b'h',
        value: false,
    },
    Opt {
        long: "usage",
        short: b'h',
        value: false,
    },
    Opt {
        long: "version",
        short: b'V',
        value: false,
    },
];

/// The option a long name (or an unambiguous prefix of one) means.
fn long_opt(name: &str) -> Option<&'static Opt> {
    if let Some(o) = OPTS.iter().find(|o| o.long == name) {
        return Some(o);
    }
    let mut hits = OPTS.iter().filter(|o| o.long.starts_with(name));
    let first = hits.next()?;
    // Prefixes of both --help and --usage mean the same thing.
    hits.all(|o| o.short == first.short).then_some(first)
}

/// What one option does to the invocation; `Some(status)` ends the run.
async fn apply(cmd: &mut Cmd, inv: &mut Invocation, opt: &Opt, value: String) -> Option<i32> {
    match opt.short {
        b'f' => inv.pieces.push(Piece::File(value)),
        b'F' => inv.fs = Some(value),
        b'v' => {
            if !value.contains('=') {
                cmd.error(format!("`{value}' argument to `-v' not in `var=value' form\n"))
                    .await;
                return Some(usage(cmd).await);
            }
            inv.assigns.push(value);
        }
        b'e' if value.is_empty() => cmd.error("warning: empty argument to `-e/--source' ignored").await,
        b'e' => inv.pieces.push(Piece::Text(value)),
        b'E' => {
            inv.pieces.push(Piece::File(value));
            inv.exec = true;
        }
        b'i' => inv.pieces.push(Piece::Include(value)),
        b'b' => inv.bytes = true,
        b'S' => inv.sandbox = true,
        // gawk optimizes and allows intervals by default; these say so.
        b'O' | b's' | b'r' => {}
        b'h' => return Some(cmd.help(HELP).await),
        _ => return Some(cmd.version().await),
    }
    None
}

/// The usage text on standard error, status 1 (gawk's for a bad option).
async fn usage(cmd: &mut Cmd) -> i32 {
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, HELP.as_bytes()).await;
    cmd.finish(1).await
}

/// gawk's options (getopt_long's rules: letters may be grouped, long
/// names abbreviated); they end at `--`, at the first operand, or after
/// `-E file`.
async fn parse_args(cmd: &mut Cmd) -> Parsed {
    let args = cmd.args.clone();
    let mut inv = Invocation::default();
    let mut i = 0;
    macro_rules! apply {
        ($opt:expr, $value:expr) => {
            if let Some(status) = apply(cmd, &mut inv, $opt, $value).await {
                return Parsed::Exit(status);
            }
        };
    }
    while i < args.len() && !inv.exec {
        let a = &args[i];
        i += 1;
        if a == "--" {
            break;
        }
        if !a.starts_with('-') || a == "-" {
            i -= 1;
            break;
        }
        // `--name[=value]`, or `-W name[=value]` which means the same.
        let long = if let Some(l) = a.strip_prefix("--") {
            Some(l.to_string())
        } else if let Some(w) = a.strip_prefix("-W") {
            let w = if w.is_empty() {
                i += 1;
                match args.get(i - 1) {
                    Some(v) => v.clone(),
                    None => {
                        cmd.error("option requires an argument -- W").await;
                        return Parsed::Exit(usage(cmd).await);
                    }
                }
            } else {
                w.to_string()
            };
            let name = w.split('=').next().unwrap_or("");
            if long_opt(name).is_none() {
                cmd.error(format!("option `-W {w}' unrecognized, ignored")).await;
                continue;
            }
            Some(w)
        } else {
            None
        };
        if let Some(l) = long {
            let (name, inline) = match l.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (l.clone(), None),
            };
            let Some(opt) = long_opt(&name) else {
                return Parsed::Exit(usage(cmd).await);
            };
            let value = match (opt.value, inline) {
                (true, Some(v)) => v,
                (true, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => {
                        cmd.error(format!("option '--{}' requires an argument", opt.long)).await;
                        return Parsed::Exit(usage(cmd).await);
                    }
                },
                (false, Some(_)) => {
                    cmd.error(format!("option '--{}' doesn't allow an argument", opt.long))
                        .await;
                    return Parsed::Exit(usage(cmd).await);
                }
                (false, None) => String::new(),
            };
            apply!(opt, value);
            continue;
        }
        // A group of letters; one taking a value takes the rest of the
        // word, or the next word.
        let letters = &a.as_bytes()[1..];
        let mut k = 0;
        while k < letters.len() {
            let c = letters[k];
            k += 1;
            let Some(opt) = OPTS.iter().find(|o| o.short == c) else {
                return Parsed::Exit(usage(cmd).await);
            };
            if !opt.value {
                apply!(opt, String::new());
                continue;
            }
            let value = if k < letters.len() {
                String::from_utf8_lossy(&letters[k..]).into_owned()
            } else if let Some(v) = args.get(i) {
                i += 1;
                v.clone()
            } else {
                cmd.error(format!("option requires an argument -- {}", c as char)).await;
                return Parsed::Exit(usage(cmd).await);
            };
            apply!(opt, value);
            break;
        }
    }
    let mut rest = args[i..].iter().cloned();
    if !inv.pieces.iter().any(|p| !matches!(p, Piece::Include(_))) {
        match rest.next() {
            Some(p) => inv.pieces.push(Piece::Text(p)),
            None => return Parsed::Exit(usage(cmd).await),
        }
    }
    inv.operands = rest.collect();
    Parsed::Run(inv)
}

/// The program's pieces, read and joined in command-line order.
async fn program_text(cmd: &mut Cmd, inv: &Invocation) -> Result<Sources, i32> {
    let mut sources = Sources::default();
    let mut included: Vec<String> = Vec::new();
    for piece in &inv.pieces {
        let (name, path) = match piece {
            Piece::Text(t) => {
                sources.push("cmd. line", t.as_bytes(), true);
                continue;
            }
            Piece::File(f) => (f.clone(), f.clone()),
            Piece::Include(f) => {
                let Some(path) = find_include(cmd, f).await else {
                    cmd.error(format!(
                        "fatal: cannot open source file `{f}' for reading: No such file or directory"
                    ))
                    .await;
                    return Err(cmd.finish(2).await);
                };
                if included.contains(&path) {
                    continue;
                }
                included.push(path.clone());
                (path.clone(), path)
            }
        };
        let data = if path == "-" || path == "/dev/stdin" {
            let mut input = common::io::Input::from_fd(0);
            input.read_all(&cmd.p).await
        } else {
            cmd.p.read_file(&path).await
        };
        match data {
            Ok(d) => sources.push(&name, &d, false),
            Err(e) if e.is(kernel::Errno::EISDIR) => {
                cmd.error(format!(
                    "{name}:1: error: cannot read source file `{name}': {}",
                    e.strerror()
                ))
                .await;
                return Err(cmd.finish(1).await);
            }
            Err(e) => {
                cmd.error(format!(
                    "fatal: cannot open source file `{name}' for reading: {}",
                    e.strerror()
                ))
                .await;
                return Err(cmd.finish(2).await);
            }
        }
    }
    Ok(sources)
}

/// Where `-i name` is: the name itself when it has a `/`, else the first
/// AWKPATH directory holding `name` or `name.awk`.
async fn find_include(cmd: &Cmd, name: &str) -> Option<String> {
    let dirs = cmd.p.getenv("AWKPATH").unwrap_or_else(|| ".:/usr/share/awk".into());
    let candidates: Vec<String> = if name.contains('/') {
        vec![name.to_string(), format!("{name}.awk")]
    } else {
        dirs.split(':')
            .flat_map(|d| {
                let d = if d.is_empty() { "." } else { d };
                [format!("{d}/{name}"), format!("{d}/{name}.awk")]
            })
            .collect()
    };
    for c in candidates {
        if cmd.p.stat(&c).await.is_ok_and(|s| !s.is_dir()) {
            return Some(c);
        }
    }
    None
}
