//! `awk`: pattern scanning and processing, POSIX awk as mawk runs it.
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
mod value;
mod vm;

use common::cli::Cmd;
use vm::{Fatal, Flow, Vm};

const HELP: &str = "Usage: awk [-F fs] [-v var=value]... [-f progfile]... ['program'] [file | var=value]...
Scan files for patterns and run actions on the matching records.

  -F fs            set the field separator FS to fs (escapes such as \\t work)
  -v var=value     assign var before the program starts (BEGIN included)
  -f progfile      read the program from progfile (several -f concatenate;
                   `-f -` reads it from standard input)
  --               end of options
  -W version       output version information and exit (also --version)
  -W usage         display this help and exit (also -W help, --help)

With no file, or when a file is -, read standard input. An operand of the
form var=value assigns var when it is reached among the files.

This awk follows mawk: numbers print as integers when integral; division
by zero gives inf or nan; index(s, \"\") is 1; a field past NF is the empty
string. It differs where POSIX (and gawk) say otherwise: with RS = \"\" a
newline always separates fields; regex intervals a{n,m} are supported;
`$NF++` increments the last field. rand()'s sequence and srand()'s default
seed (the time) are not mawk's. Function calls may nest 100000 deep.
";

/// What the command line asked for.
struct Invocation {
    fs: Option<String>,
    assigns: Vec<String>,
    progfiles: Vec<String>,
    program: Option<String>,
    operands: Vec<String>,
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
    let (src, segments) = match program_text(&mut cmd, &inv).await {
        Ok(s) => s,
        Err(status) => return status,
    };
    let prog = match parser::parse(&src) {
        Ok(p) => p,
        Err(e) => return fail(&mut cmd, &locate(&e, &segments)).await,
    };
    let code = match compile::compile(&prog) {
        Ok(c) => c,
        Err(e) => return fail(&mut cmd, &locate(&e, &segments)).await,
    };
    let mut vm = Vm::new(cmd, code);
    let mut argv = vec![vm.cmd.name.clone()];
    argv.extend(inv.operands.iter().cloned());
    vm.set_argv(&argv);
    vm.set_environ();
    if let Some(fs) = &inv.fs
        && let Err(e) = vm.assign_var(&format!("FS={fs}"))
    {
        return fail(&mut vm.cmd, &e).await;
    }
    for a in &inv.assigns {
        match vm.assign_var(a) {
            Ok(true) => {}
            Ok(false) => {
                return fail(&mut vm.cmd, &format!("improper assignment: -v {a}")).await;
            }
            Err(e) => return fail(&mut vm.cmd, &e).await,
        }
    }
    let status = match run(&mut vm).await {
        Ok(()) => vm.exit_code,
        Err(f) => {
            vm.flush_all().await;
            let text = match f {
                Fatal::Runtime(m) => vm.runtime_message(&m),
                Fatal::Plain(m) => format!("{}: {m}\n", vm.cmd.name),
            };
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

/// BEGIN, the records, END.
async fn run(vm: &mut Vm) -> Result<(), Fatal> {
    let mut exiting = false;
    if let Some(b) = vm.begin_entry() {
        exiting = vm.run(b).await? == Flow::Exit;
    }
    if !exiting && vm.reads_input() {
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

/// awk's options end at the program text; they do not permute.
async fn parse_args(cmd: &mut Cmd) -> Parsed {
    let args = cmd.args.clone();
    let mut inv = Invocation {
        fs: None,
        assigns: Vec::new(),
        progfiles: Vec::new(),
        program: None,
        operands: Vec::new(),
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a == "--help" || a == "--usage" {
            return Parsed::Exit(cmd.help(HELP).await);
        }
        if a == "--version" {
            return Parsed::Exit(cmd.version().await);
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        if a.starts_with("--") {
            cmd.error(format!("not an option: {a}")).await;
            return Parsed::Exit(cmd.finish(2).await);
        }
        let letter = a.as_bytes()[1];
        if !matches!(letter, b'F' | b'v' | b'f' | b'W') {
            cmd.error(format!("not an option: {a}")).await;
            return Parsed::Exit(cmd.finish(2).await);
        }
        let value = if a.len() > 2 {
            a[2..].to_string()
        } else {
            i += 1;
            match args.get(i) {
                Some(v) => v.clone(),
                None => {
                    cmd.error(format!("option -{} lacks argument", letter as char)).await;
                    return Parsed::Exit(cmd.finish(2).await);
                }
            }
        };
        i += 1;
        match letter {
            b'F' => inv.fs = Some(value),
            b'v' => inv.assigns.push(value),
            b'f' => inv.progfiles.push(value),
            _ => {
                let w = value.split('=').next().unwrap_or("");
                if !w.is_empty() && "version".starts_with(w) {
                    return Parsed::Exit(cmd.version().await);
                }
                if !w.is_empty() && ("usage".starts_with(w) || "help".starts_with(w)) {
                    return Parsed::Exit(cmd.help(HELP).await);
                }
                cmd.error(format!("vacuous option: -W {value}")).await;
            }
        }
    }
    let mut rest = args[i..].iter().cloned();
    if inv.progfiles.is_empty() {
        match rest.next() {
            Some(p) => inv.program = Some(p),
            None => {
                return Parsed::Exit(cmd.usage_error("no program given", 2).await);
            }
        }
    }
    inv.operands = rest.collect();
    Parsed::Run(inv)
}

/// A program file's name and the line of the joined text it starts at.
type Segment = (String, usize);

/// An error's "line N: ..." said as mawk does for -f files: the file's
/// name and the line within it.
fn locate(msg: &str, segments: &[Segment]) -> String {
    let Some(rest) = msg.strip_prefix("line ") else {
        return msg.to_string();
    };
    let Some((num, tail)) = rest.split_once(':') else {
        return msg.to_string();
    };
    let Ok(line) = num.parse::<usize>() else {
        return msg.to_string();
    };
    let Some((name, start)) = segments.iter().rev().find(|s| s.1 <= line) else {
        return msg.to_string();
    };
    format!("{name}: line {}:{tail}", line - start + 1)
}

/// The program: the operand, or the -f files joined (each on lines of its
/// own), with where each file starts.
async fn program_text(cmd: &mut Cmd, inv: &Invocation) -> Result<(Vec<u8>, Vec<Segment>), i32> {
    if let Some(p) = &inv.program {
        return Ok((p.as_bytes().to_vec(), Vec::new()));
    }
    let mut src = Vec::new();
    let mut segments = Vec::new();
    let mut line = 1;
    for (i, f) in inv.progfiles.iter().enumerate() {
        let data = if f == "-" || f == "/dev/stdin" {
            let mut input = common::io::Input::from_fd(0);
            input.read_all(&cmd.p).await
        } else {
            cmd.p.read_file(f).await
        };
        match data {
            Ok(d) => {
                segments.push((f.clone(), line));
                src.extend_from_slice(&d);
                line += memchr::memchr_iter(b'\n', &d).count();
                // Files do not run into each other; the last one's end is
                // left as it is (mawk counts its end-of-file line from it).
                if i + 1 < inv.progfiles.len() && !d.ends_with(b"\n") {
                    src.push(b'\n');
                    line += 1;
                }
            }
            Err(e) => {
                cmd.error(format!("cannot open {f} ({})", e.strerror())).await;
                return Err(cmd.finish(2).await);
            }
        }
    }
    Ok((src, segments))
}
