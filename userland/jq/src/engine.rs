//! The jq run itself, on its own thread.
//!
//! jaq evaluates filters synchronously with `Rc`-based values, which
//! cannot cross an `.await` of a ninebox program. So the compiled filter,
//! the input parser and every value live on a worker thread; the program's
//! task stays the one doing I/O. They talk by messages: the worker asks
//! for input (`Up::NeedInput`) and the task answers with the next chunk or
//! file; the worker sends output and messages up, and its exit status last.
//! Memory stays bounded: input arrives a chunk at a time, output leaves in
//! batches through a bounded channel.

use std::cell::{Cell, RefCell};
use std::sync::mpsc::Receiver;

use jaq_core::data::{DataT, HasLut};
use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars};
use jaq_json::{Map, Rc, Val};
use tokio::sync::mpsc::Sender;

use super::assign;
use super::funs;
use super::guard;
use super::json::{self, Style};
use super::source;

/// Worker to task.
pub enum Up {
    Out(Vec<u8>),
    Err(Vec<u8>),
    /// Write out what is buffered (`--unbuffered`).
    Flush,
    NeedInput,
    Done(i32),
}

/// Task to worker, answering `NeedInput`.
pub enum Down {
    /// A new input file is open (`<stdin>` for standard input).
    Start(String),
    Data(Vec<u8>),
    /// A file could not be opened (the task has said so on stderr).
    OpenFailed,
    End,
}

/// A `--arg`-like binding, as text (values cannot cross threads).
pub enum ArgVal {
    Str(String),
    Json(Vec<u8>),
    /// `--slurpfile`: every value in the text, as an array.
    Slurp(Vec<u8>),
    /// `--argfile`: the one value, or an array of them.
    File(Vec<u8>),
}

/// Everything the worker needs, all `Send`.
pub struct Job {
    pub program: String,
    pub named: Vec<(String, ArgVal)>,
    pub positional: Vec<ArgVal>,
    pub env: Vec<(String, String)>,
    pub null_input: bool,
    pub raw_input: bool,
    pub slurp: bool,
    pub raw_output: bool,
    pub join_output: bool,
    pub ascii: bool,
    pub seq: bool,
    pub stream: bool,
    pub exit_status: bool,
    pub unbuffered: bool,
    pub style: Style,
    /// Milliseconds since the epoch, for `now`.
    pub clock: Box<dyn Fn() -> u64 + Send>,
    /// Bytes one value may hold (the process's `max_alloc`).
    pub max_alloc: usize,
    /// How deeply the program's text may nest (the process's `nest`).
    pub max_nest: usize,
}

/// Operators and keywords a program may have per level of the `nest`
/// limit: a chain of them is a tree as deep as it is long, which jaq's
/// parser and compiler walk recursively (16,000 in the standard profile,
/// half what the worker's stack takes).
const OPS_PER_LEVEL: usize = 16;

/// jq 1.6 exits with this on a JSON parse error in its input.
const PARSE_ERROR_STATUS: i32 = 4;

/// The data every native filter can reach.
pub struct D;

impl DataT for D {
    type V<'a> = Val;
    type Data<'a> = &'a Host<'a>;
}

pub struct Host<'a> {
    pub lut: &'a jaq_core::Lut<D>,
    pub io: &'a Io,
}

impl<'a> HasLut<'a, D> for &'a Host<'a> {
    fn lut(&self) -> &'a jaq_core::Lut<D> {
        self.lut
    }
}

/// The worker's side of the conversation, shared by the run loop and the
/// native filters (`input`, `debug`, `stderr`, `halt_error`, ...).
pub struct Io {
    up: Sender<Up>,
    out: RefCell<Vec<u8>>,
    pub reader: RefCell<source::Reader>,
    pub env: Val,
    pub clock: Box<dyn Fn() -> u64 + Send>,
    /// The task is gone (the process was killed): stop.
    dead: Cell<bool>,
    /// Bytes one value may hold: arrays collected, strings repeated, the
    /// accumulators of `reduce` and the inputs of definitions are checked
    /// against it ([`funs`]'s `_guard`, `_collect`, `_mul`).
    pub max_alloc: usize,
    /// The address of the worker's stack near its base, for the depth of
    /// recursion ([`Io::stack_used`]).
    stack_base: Cell<usize>,
}

/// The worker's stack: the filters recurse on it (recursive definitions,
/// deep values).
pub const STACK_SIZE: usize = 256 << 20;

/// How much of [`STACK_SIZE`] recursion may take before `_guard` refuses
/// to go deeper: the rest is room for the natives and the printer below the
/// deepest guard.
pub const STACK_LIMIT: usize = 64 << 20;

const BATCH: usize = 32 * 1024;

impl Io {
    fn send(&self, m: Up) {
        if self.dead.get() {
            return;
        }
        if self.up.blocking_send(m).is_err() {
            self.dead.set(true);
        }
    }

    pub fn dead(&self) -> bool {
        self.dead.get() || self.up.is_closed()
    }

    /// Bytes of the worker's stack in use below [`run`]'s frame.
    #[inline(never)]
    pub fn stack_used(&self) -> usize {
        let here = 0u8;
        self.stack_base.get().saturating_sub(std::ptr::addr_of!(here) as usize)
    }

    pub fn out(&self, data: &[u8]) {
        let full = {
            let mut out = self.out.borrow_mut();
            out.extend_from_slice(data);
            out.len() >= BATCH
        };
        if full {
            self.flush();
        }
    }

    pub fn flush(&self) {
        let data = std::mem::take(&mut *self.out.borrow_mut());
        if !data.is_empty() {
            self.send(Up::Out(data));
        }
    }

    /// A message on stderr (stdout is not flushed first: jq's stdout is
    /// buffered and its stderr is not).
    pub fn err(&self, data: Vec<u8>) {
        self.send(Up::Err(data));
    }

    /// Ask the task for the next piece of input.
    pub fn need_input(&self, down: &Receiver<Down>) -> Down {
        self.flush();
        self.send(Up::NeedInput);
        if self.dead.get() {
            return Down::End;
        }
        down.recv().unwrap_or(Down::End)
    }
}

/// Run a job: compile, read, filter, print. Answers the exit status.
pub fn run(job: Job, up: Sender<Up>, down: Receiver<Down>) {
    let base = 0u8;
    let io = Io {
        up: up.clone(),
        out: RefCell::new(Vec::new()),
        reader: RefCell::new(source::Reader::new(down, job.raw_input)),
        env: env_val(&job.env),
        clock: job.clock,
        dead: Cell::new(false),
        max_alloc: job.max_alloc,
        stack_base: Cell::new(std::ptr::addr_of!(base) as usize),
    };
    let opts = Opts {
        null_input: job.null_input,
        slurp: job.slurp,
        raw_output: job.raw_output,
        join_output: job.join_output,
        ascii: job.ascii,
        seq: job.seq,
        stream: job.stream,
        exit_status: job.exit_status,
        unbuffered: job.unbuffered,
        style: job.style,
    };
    let status = match bindings(&job.named, &job.positional) {
        Ok(vars) => match source::nesting(&job.program) {
            (depth, _) if depth > job.max_nest => {
                io.err(format!("jq: error: program nested too deeply (limit {})\n", job.max_nest).into_bytes());
                3
            }
            (_, ops) if ops > job.max_nest * OPS_PER_LEVEL => {
                let limit = job.max_nest * OPS_PER_LEVEL;
                io.err(format!("jq: error: program too long (limit {limit} operators)\n").into_bytes());
                3
            }
            _ => compile_and_run(&job.program, vars, &io, &opts),
        },
        Err(msg) => {
            io.err(msg.into_bytes());
            2
        }
    };
    io.flush();
    let _ = up.blocking_send(Up::Done(status));
}

struct Opts {
    null_input: bool,
    slurp: bool,
    raw_output: bool,
    join_output: bool,
    ascii: bool,
    seq: bool,
    stream: bool,
    exit_status: bool,
    unbuffered: bool,
    style: Style,
}

fn env_val(env: &[(String, String)]) -> Val {
    let mut m = Map::default();
    for (k, v) in env {
        m.insert(Val::from(k.clone()), Val::from(v.clone()));
    }
    Val::obj(m)
}

fn arg_val(a: &ArgVal) -> Result<Val, String> {
    Ok(match a {
        ArgVal::Str(s) => Val::from(s.clone()),
        ArgVal::Json(t) => json::parse_one(t)
            .ok()
            .flatten()
            .ok_or("jq: invalid JSON text passed to --argjson\n")?,
        ArgVal::Slurp(t) => Val::Arr(Rc::new(json::parse_all(t)?)),
        ArgVal::File(t) => {
            let mut vs = json::parse_all(t)?;
            if vs.len() == 1 {
                vs.remove(0)
            } else {
                Val::Arr(Rc::new(vs))
            }
        }
    })
}

/// The global variables: `$ENV`, `$__prog_args`-like `$ARGS`, and each
/// named argument, in that order.
fn bindings(named: &[(String, ArgVal)], positional: &[ArgVal]) -> Result<Vec<(String, Val)>, String> {
    let mut vars = Vec::new();
    let mut named_obj = Map::default();
    for (name, a) in named {
        let v = arg_val(a)?;
        named_obj.insert(Val::from(name.clone()), v.clone());
        vars.push((format!("${name}"), v));
    }
    let pos: Result<Vec<Val>, String> = positional.iter().map(arg_val).collect();
    let mut args = Map::default();
    args.insert(Val::from("positional".to_string()), Val::Arr(Rc::new(pos?)));
    args.insert(Val::from("named".to_string()), Val::obj(named_obj));
    vars.insert(0, ("$ARGS".to_string(), Val::obj(args)));
    Ok(vars)
}

fn compile_and_run(program: &str, vars: Vec<(String, Val)>, io: &Io, opts: &Opts) -> i32 {
    let (code, shifts) = source::rewrite(program);
    let arena = Arena::default();
    let loader = Loader::new(funs::prelude());
    let modules = match loader.load(
        &arena,
        File {
            code: code.as_str(),
            path: (),
        },
    ) {
        Ok(m) => m,
        Err(errs) => {
            io.err(source::load_errors(program, &code, &shifts, errs));
            return 3;
        }
    };
    let mut names: Vec<&str> = vec!["$ENV"];
    names.extend(vars.iter().map(|(n, _)| n.as_str()));
    let compiler = Compiler::default()
        .with_funs(funs::natives())
        .with_global_vars(names.iter().copied());
    let filter = match compiler.compile(modules) {
        Ok(f) => f,
        Err(errs) => {
            io.err(source::compile_errors(program, &code, &shifts, errs));
            return 3;
        }
    };
    // The program compiles as jaq reads it; now with jq's assignments.
    let filter = with_jq_assignments(&code, &names).unwrap_or(filter);
    let host = Host { lut: &filter.lut, io };
    let mut values = vec![io.env.clone()];
    values.extend(vars.into_iter().map(|(_, v)| v));
    let ctx = Ctx::<D>::new(&host, Vars::new(values));
    let run = |v: Val| process(&filter, &ctx, v, io, opts);
    let ret = feed(io, opts, run);
    let ret = match ret {
        Flow::Halt(code) => return code,
        Flow::Ret(r) => r,
    };
    let ret = if io.reader.borrow().input_errors { 2 } else { ret };
    match ret {
        r if r >= 10 && opts.exit_status => r - 10,
        r if r >= 10 => 0,
        r => r,
    }
}

/// The program again, its assignment operators rewritten to jq 1.6's
/// definitions ([`assign`]): it becomes the body of a prelude definition
/// that the main program calls. `None` if that does not work out (the
/// caller keeps jaq's reading).
fn with_jq_assignments(code: &str, names: &[&str]) -> Option<jaq_core::Filter<D>> {
    let term = jaq_core::load::parse(code, |p| p.term())?;
    let main = jaq_core::load::parse::Def {
        name: "_jq_main",
        args: Vec::new(),
        body: guard::rewrite(assign::rewrite(term)),
    };
    let mut prelude: Vec<_> = funs::prelude().into_iter().map(guard::def).collect();
    prelude.push(main);
    let arena = Arena::default();
    let modules = Loader::new(prelude)
        .load(
            &arena,
            File {
                code: "_jq_main",
                path: (),
            },
        )
        .ok()?;
    let compiler = Compiler::default()
        .with_funs(funs::natives())
        .with_global_vars(names.iter().copied());
    compiler.compile(modules).ok()
}

enum Flow {
    Ret(i32),
    Halt(i32),
}

/// Give the filter its inputs, as jq's main loop does. Answers jq's `ret`:
/// the last input's outcome (0, 5 for an error, 11 for false/null last,
/// 14 for no output), or how to halt.
fn feed(io: &Io, opts: &Opts, mut run: impl FnMut(Val) -> Flow) -> Flow {
    if opts.null_input {
        return run(Val::Null);
    }
    if opts.slurp {
        let all = io.reader.borrow_mut().slurp(io);
        return match all {
            Ok(v) if opts.stream => stream_each(&v, &mut run, 14),
            Ok(v) => run(v),
            Err(msg) => parse_error(io, &msg),
        };
    }
    // No input at all is a success, even with `-e`.
    let mut ret = Flow::Ret(0);
    loop {
        if io.dead() || io.reader.borrow().input_errors {
            return ret;
        }
        let next = io.reader.borrow_mut().next(io);
        let r = match next {
            None => return ret,
            Some(Err(msg)) => return parse_error(io, &msg),
            Some(Ok(v)) if opts.stream => {
                let last = match ret {
                    Flow::Ret(r) => r,
                    h => return h,
                };
                stream_each(&v, &mut run, last)
            }
            Some(Ok(v)) => run(v),
        };
        match r {
            Flow::Halt(c) => return Flow::Halt(c),
            r => ret = r,
        }
    }
}

fn parse_error(io: &Io, msg: &str) -> Flow {
    io.err(format!("parse error: {msg}\n").into_bytes());
    Flow::Ret(PARSE_ERROR_STATUS)
}

/// `--stream`: each leaf and closing event as its own input.
fn stream_each(v: &Val, run: &mut impl FnMut(Val) -> Flow, mut last: i32) -> Flow {
    let mut events = Vec::new();
    tostream(v, &mut Vec::new(), true, &mut events);
    for e in events {
        match run(e) {
            Flow::Ret(r) => last = r,
            h => return h,
        }
    }
    Flow::Ret(last)
}

/// jq's streaming form: `[path, leaf]` for each scalar or empty container,
/// `[path]` after the last element of each container.
pub fn tostream(v: &Val, path: &mut Vec<Val>, top: bool, out: &mut Vec<Val>) {
    let pair = |path: &[Val], v: Val| Val::Arr(Rc::new(vec![Val::Arr(Rc::new(path.to_vec())), v]));
    let children: Vec<(Val, &Val)> = match v {
        Val::Arr(a) if !a.is_empty() => a.iter().enumerate().map(|(i, x)| (Val::from(i), x)).collect(),
        Val::Obj(o) if !o.is_empty() => o.iter().map(|(k, x)| (k.clone(), x)).collect(),
        _ => {
            out.push(pair(path, v.clone()));
            return;
        }
    };
    let n = children.len();
    for (i, (k, x)) in children.into_iter().enumerate() {
        path.push(k);
        tostream(x, path, false, out);
        if i + 1 == n {
            out.push(Val::Arr(Rc::new(vec![Val::Arr(Rc::new(path.clone()))])));
        }
        path.pop();
    }
    let _ = top;
}

/// Run the filter on one input and print its outputs (jq's `process`).
fn process(filter: &jaq_core::Filter<D>, ctx: &Ctx<D>, input: Val, io: &Io, opts: &Opts) -> Flow {
    let mut ret = 14;
    for r in filter.id.run((ctx.clone(), input)) {
        match r {
            Ok(v) => {
                ret = print(&v, io, opts);
                if io.dead() {
                    return Flow::Ret(ret);
                }
            }
            Err(exn) => match exn.get_err() {
                Ok(err) => {
                    let v = err.into_val();
                    if matches!(v, Val::Null) {
                        // jq 1.6 treats `error(null)` as backtracking, like `empty`.
                        continue;
                    }
                    report(io, &v);
                    ret = 5;
                    break;
                }
                Err(exn) => match exn.get_halt() {
                    Ok(code) => return Flow::Halt(code),
                    Err(_) => {
                        io.err(b"jq: error: internal control flow escaped\n".to_vec());
                        ret = 5;
                        break;
                    }
                },
            },
        }
    }
    Flow::Ret(ret)
}

fn print(v: &Val, io: &Io, opts: &Opts) -> i32 {
    let mut buf = Vec::new();
    let ret = match v {
        Val::TStr(s) | Val::BStr(s) if opts.raw_output => {
            if opts.ascii {
                json::write_str(s, true, &mut buf);
            } else {
                buf.extend_from_slice(s);
            }
            0
        }
        _ => {
            if opts.seq {
                buf.push(0x1e);
            }
            opts.style.write(v, 0, &mut buf);
            if matches!(v, Val::Null | Val::Bool(false)) {
                11
            } else {
                0
            }
        }
    };
    if !opts.join_output {
        buf.push(b'\n');
    }
    io.out(&buf);
    if opts.unbuffered {
        io.flush();
        io.send(Up::Flush);
    }
    ret
}

/// An uncaught error, as jq prints it.
fn report(io: &Io, v: &Val) {
    let at = io.reader.borrow_mut().position(io);
    let msg = match v {
        Val::TStr(s) | Val::BStr(s) => {
            let text = String::from_utf8_lossy(s);
            format!("jq: error (at {at}): {}\n", funs::jq_message(&text))
        }
        other => {
            let text = String::from_utf8_lossy(&json::compact(other)).into_owned();
            format!("jq: error (at {at}) (not a string): {text}\n")
        }
    };
    io.err(msg.into_bytes());
}
