//! `tee`: copy standard input to standard output and to files.

use std::time::Duration;

use kernel::{Errno, Fd, OpenFlags, Proc};

use common::argmatch::argmatch;
use common::cli::{Arg, Cmd, Opt, flag, long};
use common::quote::quotef;

const HELP: &str = "Usage: tee [OPTION]... [FILE]...
Copy standard input to each FILE, and also to standard output.

  -a, --append              append to the given FILEs, do not overwrite
  -i, --ignore-interrupts   ignore interrupt notes (SIGINT)
  -p                        diagnose errors writing to non pipes
      --output-error[=MODE]   set behavior on write error.  See MODE below
      --help        display this help and exit
      --version     output version information and exit

MODE determines behavior with write errors on the outputs:
  warn           diagnose errors writing to any output
  warn-nopipe    diagnose errors writing to any output not a pipe
  exit           exit on error writing to any output
  exit-nopipe    exit on error writing to any output not a pipe
The default MODE for the -p option is 'warn-nopipe'.
The default operation when --output-error is not specified, is to
exit immediately on error writing to a pipe, and diagnose errors
writing to non pipe outputs.

A FILE of - is a file named '-', as POSIX requires.
";

const SPEC: &[Opt] = &[
    flag("append", 'a'),
    flag("ignore-interrupts", 'i'),
    flag("p", 'p'),
    long("output-error", Arg::Optional),
];

/// What to do when writing to an output fails.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum OnError {
    /// GNU's default: a closed pipe ends tee by its note.
    Sigpipe,
    Warn,
    WarnNopipe,
    Exit,
    ExitNopipe,
}

impl OnError {
    fn exits(self) -> bool {
        matches!(self, OnError::Exit | OnError::ExitNopipe)
    }

    /// Whether a closed pipe is an error worth reporting.
    fn pipe_is_error(self) -> bool {
        matches!(self, OnError::Warn | OnError::Exit)
    }
}

const MODES: &[(&str, OnError)] = &[
    ("warn", OnError::Warn),
    ("warn-nopipe", OnError::WarnNopipe),
    ("exit", OnError::Exit),
    ("exit-nopipe", OnError::ExitNopipe),
];

struct Output {
    /// The name in messages: the file, or "standard output".
    name: String,
    fd: Fd,
}

/// Notes tee catches: the interrupt with -i, the closed-pipe note when a
/// closed pipe is not to end it. Any other note ends tee as it would have.
struct Notes {
    ignore_interrupt: bool,
    ignore_pipe: bool,
}

impl Notes {
    fn catching(&self) -> bool {
        self.ignore_interrupt || self.ignore_pipe
    }

    /// Deal with the notes that interrupted a call; answer only if tee is
    /// to go on.
    async fn settle(&self, p: &Proc) {
        while let Some(note) = p.take_note() {
            let ignored = (note == "interrupt" && self.ignore_interrupt)
                || (note == "sys: write on closed pipe" && self.ignore_pipe);
            if !ignored {
                // End by the note itself, as an uncaught signal would.
                p.catch_notes(false);
                let _ = p.kill(p.pid(), &note);
                loop {
                    let _ = p.sleep(Duration::from_secs(3600)).await;
                }
            }
        }
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut mode = OnError::Sigpipe;
    for (name, value) in &opts.list {
        match (*name, value) {
            ("p", _) | ("output-error", None) => mode = OnError::WarnNopipe,
            ("output-error", Some(v)) => match argmatch("--output-error", v, MODES) {
                Ok(m) => mode = m,
                Err(msg) => return cmd.usage_error(msg, 1).await,
            },
            _ => {}
        }
    }
    let notes = Notes {
        ignore_interrupt: opts.has("ignore-interrupts"),
        ignore_pipe: mode != OnError::Sigpipe,
    };
    if notes.catching() {
        cmd.p.catch_notes(true);
    }
    let flags = if opts.has("append") {
        OpenFlags::APPEND
    } else {
        OpenFlags::WRITE
    };
    let p = cmd.p.clone();
    let mut ok = true;
    let mut outputs = vec![Some(Output {
        name: "standard output".into(),
        fd: 1,
    })];
    for f in &opts.operands {
        match p.open(f, flags).await {
            Ok(fd) => outputs.push(Some(Output { name: f.clone(), fd })),
            Err(e) => {
                cmd.error(format!("{}: {}", quotef(f), e.strerror())).await;
                if mode.exits() {
                    return 1;
                }
                ok = false;
            }
        }
    }
    let r = copy(&mut cmd, &notes, mode, &mut outputs).await;
    ok &= r;
    for o in outputs.iter().skip(1).flatten() {
        let _ = p.close(o.fd).await;
    }
    if ok { 0 } else { 1 }
}

/// Copy stdin to every output still open; false if any error counted.
async fn copy(cmd: &mut Cmd, notes: &Notes, mode: OnError, outputs: &mut [Option<Output>]) -> bool {
    let p = cmd.p.clone();
    let mut ok = true;
    while outputs.iter().any(Option::is_some) {
        let data = match p.read(0, 64 * 1024).await {
            Ok(d) if d.is_empty() => break,
            Ok(d) => d,
            Err(e) if e.is(Errno::EINTR) => {
                notes.settle(&p).await;
                continue;
            }
            Err(e) => {
                cmd.error(format!("read error: {}", e.strerror())).await;
                return false;
            }
        };
        for slot in outputs.iter_mut() {
            let Some(out) = slot else { continue };
            let Err(e) = write_all(&p, notes, out.fd, &data).await else {
                continue;
            };
            let report = !e.is(Errno::EPIPE) || mode.pipe_is_error();
            if report {
                cmd.error(format!("{}: {}", quotef(&out.name), e.strerror())).await;
                if mode.exits() {
                    return false;
                }
                ok = false;
            }
            *slot = None;
        }
    }
    ok
}

/// Write all of `data`, going on after notes tee ignores.
async fn write_all(p: &Proc, notes: &Notes, fd: Fd, mut data: &[u8]) -> kernel::Result<()> {
    while !data.is_empty() {
        match p.write(fd, data).await {
            Ok(n) => {
                data = &data[n.min(data.len())..];
                if !data.is_empty() {
                    // A short count: a caught note stopped the write.
                    notes.settle(p).await;
                }
            }
            Err(e) if e.is(Errno::EINTR) => notes.settle(p).await,
            Err(e) => {
                notes.settle(p).await;
                return Err(e);
            }
        }
    }
    Ok(())
}
