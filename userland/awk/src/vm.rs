//! The interpreter: a stack machine over [`Code`]. One async loop runs
//! everything (user function calls push frames, they do not recurse), so
//! I/O (getline, pipes, system) awaits right where it happens.

use std::sync::Arc;

use indexmap::IndexMap;
use kernel::{Errno, Fd, OpenFlags, Pid, SpawnOpts, Target};
use rustc_hash::FxBuildHasher;

use super::ast::{BinOp, Builtin, CmpOp, Redirect};
use super::code::{Arr, Code, GetSrc, Lv, Op, Re, SPLIT_PAT, SPLIT_SEPS};
use super::format::{Ctx, NumFormat, num_to_str, sprintf, to_str_into};
use super::input::{Fs, Reader, Rs, split_all};
use super::lexer::unescape_all;
use super::parser::slot;
use super::record::Record;
use super::regex::Cache;
use super::source::Sources;
use super::text::{self, Repl, Which};
use super::value::{Str, Value, looks_numeric, push_int, str_from};
use common::cli::Cmd;
use common::io::Output;
use common::limits::Budget;
use common::locale::{self, Charset};
use common::regex::Regex;
use common::time::{self, Zone};

/// What the main loop meets, with BEGINFILE or ENDFILE rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    BeginFile,
    Record,
    EndFile,
}

pub type Array = IndexMap<Box<[u8]>, Value, FxBuildHasher>;

/// How a run of code ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Done,
    Next,
    Nextfile,
    Exit,
}

/// A fatal error's message (gawk's text after `fatal: `); where the
/// program was is added when it is printed.
#[derive(Debug)]
pub struct Fatal(pub String);

type R<T> = Result<T, Fatal>;

struct Frame {
    ret: usize,
    lbase: usize,
    abase: usize,
    arena: usize,
    iters: usize,
}

enum OutKind {
    File,
    Pipe(Pid),
    Stderr,
}

struct OutStream {
    name: Vec<u8>,
    kind: OutKind,
    out: Output,
    fd: Fd,
}

struct InStream {
    name: Vec<u8>,
    reader: Reader,
    pid: Option<Pid>,
}

/// The main input: the ARGV operands in turn, or standard input.
struct MainInput {
    next_arg: usize,
    cur: Option<Reader>,
    /// A file operand was seen (else standard input is read).
    had_file: bool,
    done: bool,
    /// A file has begun and its ENDFILE rules have not run yet.
    in_file: bool,
    /// With BEGINFILE rules, a file that could not be opened: fatal
    /// unless BEGINFILE skips it with `nextfile`.
    open_error: Option<Fatal>,
}

impl Default for MainInput {
    fn default() -> MainInput {
        MainInput {
            next_arg: 1,
            cur: None,
            had_file: false,
            done: false,
            in_file: false,
            open_error: None,
        }
    }
}

const MAX_DEPTH: usize = 100_000;

/// How deep sorting may nest inside comparison functions.
const MAX_SORT_DEPTH: usize = 64;

pub struct Vm {
    pub cmd: Cmd,
    code: Code,
    stack: Vec<Value>,
    globals: Vec<Value>,
    arrays: Vec<Array>,
    frames: Vec<Frame>,
    locals: Vec<Value>,
    larrs: Vec<usize>,
    lbase: usize,
    abase: usize,
    arr_args: Vec<usize>,
    iters: Vec<Vec<Box<[u8]>>>,
    ranges: Vec<bool>,
    rec: Record,
    fs: Fs,
    rs: Rs,
    convfmt: NumFormat,
    ofmt: NumFormat,
    ofs: Vec<u8>,
    ors: Vec<u8>,
    subsep: Vec<u8>,
    nr: f64,
    fnr: f64,
    main: MainInput,
    outputs: Vec<OutStream>,
    inputs: Vec<InStream>,
    re_cache: Cache,
    /// IGNORECASE is on: regexes match, and strings compare, case-blind.
    icase: bool,
    /// The constant regexes compiled case-blind, as IGNORECASE needs them.
    icase_res: Vec<Option<Arc<Regex>>>,
    re_cache_icase: Cache,
    /// Which of FS, FPAT and FIELDWIDTHS was assigned last (it splits).
    split_by: SplitBy,
    /// The program reads RT (else it is not set per record).
    uses_rt: bool,
    rng: u64,
    /// The last seed given to srand (gawk starts at 1, so a program that
    /// never calls srand gets the same numbers every run).
    seed: u32,
    ticks: u32,
    /// The process's buffer limit: fields, strings, printf widths.
    budget: Budget,
    key: Vec<u8>,
    /// The buffer the next main record is read into (then swapped in).
    spare: Vec<u8>,
    print_buf: Vec<u8>,
    /// The zone strftime and mktime work in (`TZ`).
    zone: Zone,
    /// Characters are bytes or UTF-8 sequences, as the locale says (or
    /// bytes, by `-b`).
    charset: Charset,
    /// `-S`: no `system()`, no redirections, no files added to ARGV.
    pub sandbox: bool,
    /// Whether `var=value` operands assign (not under `-E`).
    pub operand_assigns: bool,
    /// ARGC as the command line gave it (sandbox mode opens no others).
    argc0: usize,
    /// The program's text, for messages that say where it went wrong.
    sources: Sources,
    /// The op running now (None before any has run).
    pc: Option<usize>,
    /// An op that halts: where a comparison function called by sorting
    /// returns to.
    halt_pc: usize,
    /// Comparison functions running inside one another (each nests the
    /// interpreter once, so it is bounded well below the native stack).
    sort_depth: usize,
    pub exit_code: i32,
}

fn strerror(e: &kernel::Error) -> &'static str {
    e.strerror()
}

const SANDBOX_REDIRECT: &str = "redirection not allowed in sandbox mode";

/// gawk's fatal error for input that cannot be read.
fn read_error(name: &[u8], e: &kernel::Error) -> Fatal {
    Fatal(format!(
        "error reading input file `{}': {}",
        String::from_utf8_lossy(name),
        strerror(e)
    ))
}

impl Vm {
    pub fn new(cmd: Cmd, code: Code, sources: Sources, charset: Charset) -> Vm {
        let budget = Budget::of(&cmd.p);
        let mut globals = vec![Value::Uninit; code.n_globals];
        let set = |g: &mut Vec<Value>, s: u32, v: &[u8]| g[s as usize] = Value::str(v);
        set(&mut globals, slot::FS, b" ");
        set(&mut globals, slot::OFS, b" ");
        set(&mut globals, slot::ORS, b"\n");
        set(&mut globals, slot::RS, b"\n");
        set(&mut globals, slot::SUBSEP, b"\x1c");
        set(&mut globals, slot::CONVFMT, b"%.6g");
        set(&mut globals, slot::OFMT, b"%.6g");
        set(&mut globals, slot::FILENAME, b"");
        // gawk's FPAT default: a field is a run of anything but blanks.
        set(&mut globals, slot::FPAT, b"[^[:space:]]+");
        globals[slot::IGNORECASE as usize] = Value::Num(0.0);
        globals[slot::ARGIND as usize] = Value::Num(0.0);
        set(&mut globals, slot::ERRNO, b"");
        set(&mut globals, slot::FIELDWIDTHS, b"");
        // RSTART and RLENGTH start uninitialised, as in mawk.
        let arrays = (0..code.n_arrays).map(|_| Array::default()).collect();
        let ranges = vec![false; code.ranges];
        let zone = Zone::of(&cmd.p);
        Vm {
            cmd,
            stack: Vec::with_capacity(64),
            globals,
            arrays,
            frames: Vec::new(),
            locals: Vec::new(),
            larrs: Vec::new(),
            lbase: 0,
            abase: 0,
            arr_args: Vec::new(),
            iters: Vec::new(),
            ranges,
            rec: Record::default(),
            fs: Fs::Blank,
            rs: Rs::Byte(b'\n'),
            convfmt: NumFormat::new(b"%.6g"),
            ofmt: NumFormat::new(b"%.6g"),
            ofs: b" ".to_vec(),
            ors: b"\n".to_vec(),
            subsep: b"\x1c".to_vec(),
            nr: 0.0,
            fnr: 0.0,
            main: MainInput::default(),
            outputs: Vec::new(),
            inputs: Vec::new(),
            re_cache: Cache::new(charset.is_utf8()),
            icase: false,
            icase_res: vec![None; code.regexes.len()],
            re_cache_icase: Cache::with_case(charset.is_utf8(), true),
            split_by: SplitBy::Fs,
            uses_rt: code.ops.iter().any(|o| matches!(o, Op::LoadG(slot::RT))),
            rng: seed_rng(1),
            seed: 1,
            ticks: 0,
            budget,
            key: Vec::new(),
            spare: Vec::new(),
            print_buf: Vec::new(),
            charset,
            zone,
            sandbox: false,
            operand_assigns: true,
            argc0: 0,
            sources,
            pc: None,
            halt_pc: code.ops.iter().position(|o| matches!(o, Op::Halt)).unwrap_or(0),
            sort_depth: 0,
            exit_code: 0,
            code,
        }
    }

    // ---- setup ----

    fn global_array(&self, g: u32) -> Option<usize> {
        self.code
            .global_arrays
            .get(g as usize)
            .copied()
            .flatten()
            .map(|a| a as usize)
    }

    pub fn set_argv(&mut self, argv: &[String]) {
        if let Some(a) = self.global_array(slot::ARGV) {
            for (i, s) in argv.iter().enumerate() {
                let mut k = Vec::new();
                push_int(&mut k, i as i64);
                self.arrays[a].insert(k.into_boxed_slice(), Value::strnum(s.as_bytes()));
            }
        }
        self.globals[slot::ARGC as usize] = Value::Num(argv.len() as f64);
        self.argc0 = argv.len();
    }

    /// PROCINFO's elements that gawk documents and that mean something
    /// here (the rest are absent, so they read as "").
    pub fn set_procinfo(&mut self) {
        let Some(a) = self.global_array(slot::PROCINFO) else {
            return;
        };
        let p = &self.cmd.p;
        let num = |n: u64| {
            let mut k = Vec::new();
            push_int(&mut k, n as i64);
            Value::strnum(&k)
        };
        let items: Vec<(&str, Value)> = vec![
            ("pid", num(u64::from(p.pid()))),
            ("ppid", num(u64::from(p.ppid()))),
            ("FS", Value::str(b"FS")),
            ("version", Value::str(b"5.2.1")),
            ("platform", Value::str(b"posix")),
            ("strftime", Value::str(b"%a %b %e %H:%M:%S %Z %Y")),
        ];
        for (k, v) in items {
            self.arrays[a].insert(k.as_bytes().into(), v);
        }
    }

    pub fn set_environ(&mut self) {
        if let Some(a) = self.global_array(slot::ENVIRON) {
            for (k, v) in self.cmd.p.environ() {
                self.arrays[a].insert(k.as_bytes().into(), Value::strnum(v.as_bytes()));
            }
        }
    }

    /// `name=value` from -v or an operand. False if `name` is not a
    /// variable name; what the value's escapes warn about goes to
    /// `warnings`.
    pub fn assign_var(&mut self, text: &str, warnings: &mut Vec<String>) -> Result<bool, String> {
        let Some((name, value)) = text.split_once('=') else {
            return Ok(false);
        };
        let valid = !name.is_empty()
            && name
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            return Ok(false);
        }
        if super::parser::GAWK_ONLY.contains(&name) {
            return Err(format!("`{name}' is a gawk variable that this awk does not implement"));
        }
        let Some(g) = self.code.global_names.iter().position(|n| n == name) else {
            // A variable the program never mentions: nothing to set.
            return Ok(true);
        };
        if self.code.global_arrays[g].is_some() {
            return Err(format!("can't assign to {name}; it's an array name."));
        }
        let v = Value::strnum(&unescape_all(value.as_bytes(), warnings));
        self.store_global(g as u32, v).map_err(|Fatal(m)| m)?;
        Ok(true)
    }

    // ---- special variables ----

    fn load_global(&mut self, g: u32) -> Value {
        match g {
            slot::NF => Value::Num(self.rec.nf() as f64),
            slot::NR => Value::Num(self.nr),
            slot::FNR => Value::Num(self.fnr),
            _ => self.globals[g as usize].clone(),
        }
    }

    fn store_global(&mut self, g: u32, v: Value) -> R<()> {
        if g >= slot::COUNT {
            self.globals[g as usize] = v;
            return Ok(());
        }
        match g {
            slot::NF => {
                let n = v.to_num();
                let n = if n > 0.0 { n as usize } else { 0 };
                if n > self.rec.nf() {
                    self.fields_fit(n)?;
                }
                self.rec.set_nf(n);
            }
            slot::NR => self.nr = v.to_num(),
            slot::FNR => self.fnr = v.to_num(),
            slot::FS => {
                self.split_by = SplitBy::Fs;
                self.fs = self.make_fs(&self.str_of(&v), true);
                self.procinfo_fs(b"FS");
            }
            slot::FPAT => {
                let pat = self.str_of(&v);
                self.fs = self.make_fpat(&pat)?;
                self.split_by = SplitBy::Fpat;
                self.procinfo_fs(b"FPAT");
            }
            slot::FIELDWIDTHS => {
                let spec = self.str_of(&v);
                let widths = parse_widths(&spec).map_err(Fatal)?;
                self.fs = Fs::Widths(Arc::new(widths), self.charset);
                self.split_by = SplitBy::Widths;
                self.procinfo_fs(b"FIELDWIDTHS");
            }
            slot::IGNORECASE => {
                let on = v.truth();
                if on != self.icase {
                    self.icase = on;
                    // Regex FS and RS follow at once; FPAT keeps the case
                    // it was compiled with (gawk's rules).
                    let rs = self.str_of(&self.globals[slot::RS as usize].clone());
                    self.globals[g as usize] = v;
                    self.rs = self.make_rs(&rs);
                    return Ok(());
                }
            }
            slot::OFS => self.ofs = self.str_of(&v).to_vec(),
            slot::ORS => self.ors = self.str_of(&v).to_vec(),
            slot::RS => self.rs = self.make_rs(&self.str_of(&v)),
            slot::SUBSEP => self.subsep = self.str_of(&v).to_vec(),
            slot::CONVFMT => self.convfmt = NumFormat::new(&self.str_of(&v)),
            slot::OFMT => self.ofmt = NumFormat::new(&self.str_of(&v)),
            _ => {}
        }
        self.globals[g as usize] = v;
        Ok(())
    }

    /// PROCINFO["FS"]: which of FS and FPAT splits records.
    fn procinfo_fs(&mut self, which: &[u8]) {
        if let Some(a) = self.global_array(slot::PROCINFO) {
            self.arrays[a].insert(b"FS"[..].into(), Value::str(which));
        }
    }

    /// FPAT's splitter (or patsplit's); a bad pattern is fatal, as in gawk.
    fn make_fpat(&mut self, pat: &[u8]) -> R<Fs> {
        let re = self.dyn_re(pat)?;
        Ok(Fs::Pat(re, self.charset))
    }

    /// A regex from a value's text, case-blind under IGNORECASE.
    fn dyn_re(&mut self, p: &[u8]) -> R<Arc<Regex>> {
        let cache = if self.icase {
            &mut self.re_cache_icase
        } else {
            &mut self.re_cache
        };
        cache
            .get(p)
            .map_err(|e| Fatal(format!("invalid regexp: {e}: /{}/", String::from_utf8_lossy(p))))
    }

    /// Constant regex i, case-blind under IGNORECASE.
    fn const_re(&mut self, i: u32) -> R<Arc<Regex>> {
        let i = i as usize;
        if !self.icase {
            return Ok(self.code.regexes[i].clone());
        }
        if let Some(r) = &self.icase_res[i] {
            return Ok(r.clone());
        }
        let src = &self.code.regex_src[i];
        let r = super::regex::compile_with(src, self.charset.is_utf8(), true)
            .map(Arc::new)
            .map_err(|e| Fatal(format!("invalid regexp: {e}: /{}/", String::from_utf8_lossy(src))))?;
        self.icase_res[i] = Some(r.clone());
        Ok(r)
    }

    /// FS (or split's separator) rules: " " is blanks, one other character
    /// is itself, "" splits characters, anything longer is a regex.
    fn make_fs(&mut self, s: &[u8], record: bool) -> Fs {
        let paragraph = record && matches!(self.rs, Rs::Paragraph);
        match s {
            b" " => Fs::Blank,
            [] => Fs::Chars(self.charset),
            [b] if *b != b'\\' => {
                if paragraph {
                    Fs::ByteOrNewline(*b)
                } else {
                    Fs::Byte(*b)
                }
            }
            _ => {
                let mut pat = s.to_vec();
                if paragraph {
                    pat = [b"(", &pat[..], b")|\n"].concat();
                }
                match self.dyn_re(&pat) {
                    Ok(re) => Fs::Regex(re),
                    Err(_) => Fs::Byte(s[0]),
                }
            }
        }
    }

    fn make_rs(&mut self, s: &[u8]) -> Rs {
        let rs = match s {
            [] => Rs::Paragraph,
            [b] => Rs::Byte(*b),
            _ => match self.dyn_re(s) {
                Ok(re) => Rs::Regex(re),
                Err(_) => Rs::Byte(s[0]),
            },
        };
        self.rs = rs.clone();
        // Paragraph mode changes how FS applies (FPAT and FIELDWIDTHS
        // stay as they are).
        if self.split_by == SplitBy::Fs {
            let fs = self.str_of(&self.globals[slot::FS as usize].clone());
            self.fs = self.make_fs(&fs, true);
        }
        rs
    }

    // ---- conversions ----

    fn str_of(&self, v: &Value) -> Str {
        match v {
            Value::Str(s) | Value::StrNum(s) => s.clone(),
            Value::Uninit => str_from(b""),
            Value::Num(n) => {
                let mut b = Vec::new();
                num_to_str(*n, &self.convfmt, &mut b);
                str_from(&b)
            }
        }
    }

    fn push_str(&self, v: &Value, out: &mut Vec<u8>) {
        to_str_into(v, &self.convfmt, out);
    }

    /// The array key for a value, in `self.key`.
    fn make_key(&mut self, v: &Value) {
        let mut k = std::mem::take(&mut self.key);
        k.clear();
        self.push_str(v, &mut k);
        self.key = k;
    }

    fn arr_id(&self, a: Arr) -> usize {
        match a {
            Arr::G(i) => i as usize,
            Arr::L(i) => self.larrs[self.abase + i as usize],
        }
    }

    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }

    fn pop_num(&mut self) -> f64 {
        self.pop().to_num()
    }

    fn rt<T>(&self, msg: impl Into<String>) -> R<T> {
        Err(Fatal(msg.into()))
    }

    /// A message as gawk words it at run time: where in the program (once
    /// code has run), where in the input (once a record has been read),
    /// then `fatal: ` or `warning: ` and the text.
    pub fn message(&self, kind: &str, msg: &str) -> String {
        let mut out = format!("{}: ", self.cmd.name);
        if let Some(pc) = self.pc {
            let i = self.code.lines.partition_point(|l| l.0 as usize <= pc);
            let pos = i.checked_sub(1).map_or(0, |i| self.code.lines[i].1 as usize);
            out.push_str(&self.sources.at(pos));
            out.push_str(": ");
        }
        if self.fnr > 0.0 {
            let filename = self.str_of(&self.globals[slot::FILENAME as usize]);
            out.push_str(&format!(
                "(FILENAME={} FNR={}) ",
                String::from_utf8_lossy(&filename),
                self.fnr as i64
            ));
        }
        format!("{out}{kind}: {msg}\n")
    }

    fn regex(&mut self, re: Re, v: Option<&Value>) -> R<Arc<Regex>> {
        match re {
            Re::Const(i) => self.const_re(i),
            Re::Dyn => {
                let s = self.str_of(v.unwrap_or(&Value::Uninit));
                self.dyn_re(&s)
            }
        }
    }

    // ---- fields ----

    fn field_index(&self, v: &Value) -> R<usize> {
        let n = v.to_num();
        if n < 0.0 {
            return self.rt(format!("attempt to access field {}", n.trunc() as i64));
        }
        Ok(n as usize)
    }

    fn get_field(&mut self, k: usize) -> Value {
        if k == 0 {
            let t = self.rec.text(&self.ofs, &self.convfmt);
            return Value::strnum(t);
        }
        self.rec.field(k)
    }

    fn set_field(&mut self, k: usize, v: Value) -> R<()> {
        if k == 0 {
            let s = self.str_of(&v);
            self.rec.set(&s, &self.fs);
        } else {
            if k > self.rec.nf() {
                self.fields_fit(k)?;
            }
            // Numbers keep their type in fields; text stays text.
            self.rec.set_field(k, v);
        }
        Ok(())
    }

    /// Whether a record of `n` fields stays within the buffer limit (`NF =
    /// 1e18` is refused before anything is reserved).
    fn fields_fit(&self, n: usize) -> R<()> {
        match self
            .budget
            .check_items("field count", n as u64, size_of::<Value>() as u64)
        {
            Ok(_) => Ok(()),
            Err(e) => self.rt(e.to_string()),
        }
    }

    // ---- lvalues ----

    /// Pop what an lvalue needs and read its current value.
    fn lv_addr(&mut self, lv: Lv) -> R<Addr> {
        Ok(match lv {
            Lv::G(g) => Addr::G(g),
            Lv::L(i) => Addr::L(self.lbase + i as usize),
            Lv::Elem(a) => {
                let k = self.pop();
                self.make_key(&k);
                Addr::Elem(self.arr_id(a), self.key.clone().into_boxed_slice())
            }
            Lv::Field => {
                let k = self.pop();
                Addr::Field(self.field_index(&k)?)
            }
            Lv::FieldConst(k) => Addr::Field(k as usize),
        })
    }

    fn load_addr(&mut self, a: &Addr) -> Value {
        match a {
            Addr::G(g) => self.load_global(*g),
            Addr::L(i) => self.locals[*i].clone(),
            Addr::Elem(arr, k) => self.arrays[*arr].get(k).cloned().unwrap_or_default(),
            Addr::Field(k) => self.get_field(*k),
        }
    }

    fn store_addr(&mut self, a: Addr, v: Value) -> R<()> {
        match a {
            Addr::G(g) => return self.store_global(g, v),
            Addr::L(i) => self.locals[i] = v,
            Addr::Elem(arr, k) => {
                self.arrays[arr].insert(k, v);
            }
            Addr::Field(k) => return self.set_field(k, v),
        }
        Ok(())
    }

    /// `a op b`; `assign` says it is `op=` (for the message about
    /// dividing by zero, which gawk makes fatal).
    fn arith(op: BinOp, a: f64, b: f64, assign: bool) -> R<f64> {
        Ok(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div | BinOp::Mod if b == 0.0 => {
                let msg = match (op, assign) {
                    (BinOp::Div, false) => "division by zero attempted",
                    (BinOp::Mod, false) => "division by zero attempted in `%'",
                    (BinOp::Div, true) => "division by zero attempted in `/='",
                    _ => "division by zero attempted in `%='",
                };
                return Err(Fatal(msg.into()));
            }
            BinOp::Div => a / b,
            BinOp::Mod => a % b,
            BinOp::Pow => pow(a, b),
        })
    }

    // ---- comparison ----

    fn compare(&self, a: &Value, b: &Value, op: CmpOp) -> bool {
        let num = |v: &Value| -> Option<f64> {
            match v {
                Value::Num(n) => Some(*n),
                Value::Uninit => Some(0.0),
                Value::StrNum(s) => looks_numeric(s),
                Value::Str(_) => None,
            }
        };
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return match op {
                CmpOp::Lt => x < y,
                CmpOp::Le => x <= y,
                CmpOp::Gt => x > y,
                CmpOp::Ge => x >= y,
                CmpOp::Eq => x == y,
                CmpOp::Ne => x != y,
            };
        }
        let (x, y) = (self.str_of(a), self.str_of(b));
        let o = self.cmp_text(&x, &y);
        match op {
            CmpOp::Lt => o.is_lt(),
            CmpOp::Le => o.is_le(),
            CmpOp::Gt => o.is_gt(),
            CmpOp::Ge => o.is_ge(),
            CmpOp::Eq => o.is_eq(),
            CmpOp::Ne => o.is_ne(),
        }
    }

    /// Two strings in order: bytes, or case-blind under IGNORECASE.
    fn cmp_text(&self, x: &[u8], y: &[u8]) -> std::cmp::Ordering {
        if self.icase {
            text::cmp_icase(x, y, self.charset)
        } else {
            x.cmp(y)
        }
    }

    // ---- running ----

    pub fn begin_entry(&self) -> Option<usize> {
        self.code.has_begin.then_some(self.code.begin)
    }

    pub fn reads_input(&self) -> bool {
        self.code.reads_input
    }

    pub fn main_entry(&self) -> usize {
        self.code.main
    }

    pub fn end_entry(&self) -> usize {
        self.code.end
    }

    /// Drop whatever a `next` or `exit` left inside function calls.
    fn unwind(&mut self) {
        self.frames.clear();
        self.locals.clear();
        self.larrs.clear();
        self.lbase = 0;
        self.abase = 0;
        self.arr_args.clear();
        self.iters.clear();
        self.stack.clear();
        self.arrays.truncate(self.code.n_arrays);
    }

    pub async fn run(&mut self, entry: usize) -> R<Flow> {
        let r = self.exec(entry).await;
        if !matches!(r, Ok(Flow::Done)) {
            self.unwind();
        }
        r
    }

    async fn exec(&mut self, entry: usize) -> R<Flow> {
        let mut pc = entry;
        loop {
            let op = self.code.ops[pc];
            self.pc = Some(pc);
            pc += 1;
            match op {
                Op::Num(n) => self.stack.push(Value::Num(n)),
                Op::Str(i) => self.stack.push(Value::Str(self.code.strs[i as usize].clone())),
                Op::Pop => {
                    self.stack.pop();
                }
                Op::LoadG(g) => {
                    let v = if g < slot::COUNT {
                        self.load_global(g)
                    } else {
                        self.globals[g as usize].clone()
                    };
                    self.stack.push(v);
                }
                Op::LoadL(i) => self.stack.push(self.locals[self.lbase + i as usize].clone()),
                Op::LoadNF => {
                    let n = self.rec.nf();
                    self.stack.push(Value::Num(n as f64));
                }
                Op::Field(k) => {
                    let v = self.get_field(k as usize);
                    self.stack.push(v);
                }
                Op::FieldNum(k) => {
                    let n = self.rec.field_num(k as usize);
                    self.stack.push(Value::Num(n));
                }
                Op::FieldDyn => {
                    let k = self.pop();
                    let k = self.field_index(&k)?;
                    let v = self.get_field(k);
                    self.stack.push(v);
                }
                Op::Elem(a) => {
                    let k = self.pop();
                    self.make_key(&k);
                    let id = self.arr_id(a);
                    let v = match self.arrays[id].get(&self.key[..]) {
                        Some(v) => v.clone(),
                        None => {
                            self.arrays[id].insert(self.key.clone().into_boxed_slice(), Value::Uninit);
                            Value::Uninit
                        }
                    };
                    self.stack.push(v);
                }
                Op::Store(lv, keep) => {
                    let v = self.pop();
                    match lv {
                        Lv::G(g) if g >= slot::COUNT => self.globals[g as usize] = v.clone(),
                        Lv::L(i) => self.locals[self.lbase + i as usize] = v.clone(),
                        _ => {
                            let addr = self.lv_addr(lv)?;
                            self.store_addr(addr, v.clone())?;
                        }
                    }
                    if keep {
                        self.stack.push(v);
                    }
                }
                Op::Aug(lv, op, keep) => {
                    let rhs = self.pop_num();
                    let r = match lv {
                        Lv::G(g) if g >= slot::COUNT => {
                            let slot = &mut self.globals[g as usize];
                            let r = Self::arith(op, slot.to_num(), rhs, true)?;
                            *slot = Value::Num(r);
                            r
                        }
                        Lv::L(i) => {
                            let slot = &mut self.locals[self.lbase + i as usize];
                            let r = Self::arith(op, slot.to_num(), rhs, true)?;
                            *slot = Value::Num(r);
                            r
                        }
                        _ => {
                            let addr = self.lv_addr(lv)?;
                            let cur = self.load_addr(&addr).to_num();
                            let r = Self::arith(op, cur, rhs, true)?;
                            self.store_addr(addr, Value::Num(r))?;
                            r
                        }
                    };
                    if keep {
                        self.stack.push(Value::Num(r));
                    }
                }
                Op::Incr(lv, delta, pre, keep) => {
                    let addr = self.lv_addr(lv)?;
                    let old = self.load_addr(&addr).to_num();
                    let new = old + delta;
                    self.store_addr(addr, Value::Num(new))?;
                    if keep {
                        self.stack.push(Value::Num(if pre { new } else { old }));
                    }
                }
                Op::Subsep(n) => {
                    let base = self.stack.len() - n as usize;
                    let mut s = Vec::new();
                    for i in base..self.stack.len() {
                        if i > base {
                            s.extend_from_slice(&self.subsep);
                        }
                        self.push_str(&self.stack[i], &mut s);
                    }
                    self.stack.truncate(base);
                    self.stack.push(Value::Str(str_from(&s)));
                }
                Op::Concat(n) => {
                    let base = self.stack.len() - n as usize;
                    let mut s = Vec::new();
                    for i in base..self.stack.len() {
                        self.push_str(&self.stack[i], &mut s);
                        // `s = s s` doubles: refused once past the limit.
                        if !self.budget.fits(s.len()) {
                            return self.rt(self.budget.too_large("string").to_string());
                        }
                    }
                    self.stack.truncate(base);
                    self.stack.push(Value::Str(str_from(&s)));
                }
                Op::Bin(op) => {
                    let b = self.pop_num();
                    let a = self.pop_num();
                    self.stack.push(Value::Num(Self::arith(op, a, b, false)?));
                }
                Op::Neg => {
                    let a = self.pop_num();
                    self.stack.push(Value::Num(-a));
                }
                Op::ToNum => {
                    let a = self.pop_num();
                    self.stack.push(Value::Num(a));
                }
                Op::Not => {
                    let a = self.pop();
                    self.stack.push(Value::bool(!a.truth()));
                }
                Op::Cmp(op) => {
                    let b = self.pop();
                    let a = self.pop();
                    let r = self.compare(&a, &b, op);
                    self.stack.push(Value::bool(r));
                }
                Op::Match(re, neg) => {
                    let rv = if re == Re::Dyn { Some(self.pop()) } else { None };
                    let s = self.pop();
                    let re = self.regex(re, rv.as_ref())?;
                    let m = re.is_match(&self.str_of(&s));
                    self.stack.push(Value::bool(m != neg));
                }
                Op::MatchRecord(i) => {
                    let re = self.const_re(i)?;
                    let t = self.rec.text(&self.ofs, &self.convfmt);
                    let m = re.is_match(t);
                    self.stack.push(Value::bool(m));
                }
                Op::In(a) => {
                    let k = self.pop();
                    self.make_key(&k);
                    let id = self.arr_id(a);
                    let has = self.arrays[id].contains_key(&self.key[..]);
                    self.stack.push(Value::bool(has));
                }
                Op::Jmp(t) => pc = t as usize,
                Op::Loop(t) => {
                    pc = t as usize;
                    self.ticks = self.ticks.wrapping_add(1);
                    if self.ticks & 0xfff == 0 {
                        let _ = self.cmd.p.checkpoint().await;
                    }
                }
                Op::JmpF(t) => {
                    if !self.pop().truth() {
                        pc = t as usize;
                    }
                }
                Op::JmpT(t) => {
                    if self.pop().truth() {
                        pc = t as usize;
                    }
                }
                Op::ArrArg(a) => {
                    let id = self.arr_id(a);
                    self.arr_args.push(id);
                }
                Op::Call(f, argc) => {
                    pc = self.call(f as usize, argc as usize, pc)?;
                }
                Op::Return(has) => {
                    let v = if has { self.pop() } else { Value::Uninit };
                    let Some(fr) = self.frames.pop() else {
                        return Ok(Flow::Done);
                    };
                    self.locals.truncate(self.lbase);
                    self.larrs.truncate(self.abase);
                    self.arrays.truncate(fr.arena);
                    self.iters.truncate(fr.iters);
                    self.lbase = fr.lbase;
                    self.abase = fr.abase;
                    pc = fr.ret;
                    self.stack.push(v);
                }
                Op::Builtin(b, argc) => self.builtin(b, argc as usize).await?,
                Op::Split(a, mode, re) => self.split(a, mode, re)?,
                Op::Sub(re, global, lv) => self.sub(re, global, lv)?,
                Op::MatchFn(re, has_arr) => {
                    let arr = if has_arr { self.arr_args.pop() } else { None };
                    let rv = if re == Re::Dyn { Some(self.pop()) } else { None };
                    let s = self.pop();
                    let re = self.regex(re, rv.as_ref())?;
                    let s = self.str_of(&s);
                    let cs = self.charset;
                    let found = match arr {
                        Some(id) => {
                            let caps = re.captures_at(&s, 0);
                            self.match_groups(id, &s, caps.as_deref());
                            caps.and_then(|c| c.first().copied().flatten())
                        }
                        None => re.find_at(&s, 0),
                    };
                    let (start, len) = match found {
                        Some((b, e)) => (
                            (text::char_pos(&s, b, cs) + 1) as f64,
                            locale::char_count(&s[b..e], cs) as f64,
                        ),
                        None => (0.0, -1.0),
                    };
                    self.globals[slot::RSTART as usize] = Value::Num(start);
                    self.globals[slot::RLENGTH as usize] = Value::Num(len);
                    self.stack.push(Value::Num(start));
                }
                Op::Gensub(re) => self.gensub(re).await?,
                Op::LengthArr(a) => {
                    let id = self.arr_id(a);
                    self.stack.push(Value::Num(self.arrays[id].len() as f64));
                }
                Op::Getline(src, lv) => self.getline(src, lv).await?,
                Op::Print(n, redir) => self.print(n as usize, redir).await?,
                Op::Printf(n, redir) => self.printf(n as usize, redir).await?,
                Op::Next => return Ok(Flow::Next),
                Op::Nextfile => return Ok(Flow::Nextfile),
                Op::Exit(has) => {
                    if has {
                        let c = self.pop_num();
                        self.exit_code = (c as i64 & 0xff) as i32;
                    }
                    return Ok(Flow::Exit);
                }
                Op::Delete(a) => {
                    let k = self.pop();
                    self.make_key(&k);
                    let id = self.arr_id(a);
                    self.arrays[id].swap_remove(&self.key[..]);
                }
                Op::DeleteAll(a) => {
                    let id = self.arr_id(a);
                    self.arrays[id].clear();
                }
                Op::ForInStart(a) => {
                    let id = self.arr_id(a);
                    let order = self.sorted_in()?;
                    let keys = match order {
                        None | Some(Order::Unsorted) => self.arrays[id].keys().rev().cloned().collect(),
                        Some(order) => {
                            let entries = self.entries(id);
                            let mut sorted = self.sort_entries(entries, order).await?;
                            sorted.reverse();
                            sorted.into_iter().map(|(k, _)| k).collect()
                        }
                    };
                    self.iters.push(keys);
                }
                Op::Sort(indices, has_dest, has_how) => self.asort(indices, has_dest, has_how).await?,
                Op::ForInNext(lv, end) => {
                    let next = self.iters.last_mut().and_then(|it| it.pop());
                    match next {
                        Some(k) => {
                            let v = Value::Str(str_from(&k));
                            let addr = self.lv_addr(lv)?;
                            self.store_addr(addr, v)?;
                        }
                        None => {
                            self.iters.pop();
                            pc = end as usize;
                        }
                    }
                }
                Op::ForInPop => {
                    self.iters.pop();
                }
                Op::RangeActive(i, t) => {
                    if self.ranges[i as usize] {
                        pc = t as usize;
                    }
                }
                Op::RangeSet(i, on) => self.ranges[i as usize] = on,
                Op::Halt => return Ok(Flow::Done),
            }
        }
    }

    fn call(&mut self, f: usize, argc: usize, ret: usize) -> R<usize> {
        if self.frames.len() >= MAX_DEPTH {
            return self.rt("function call nesting too deep");
        }
        let info = &self.code.funcs[f];
        let given = &info.params[..argc.min(info.params.len())];
        let n_scalar = given.iter().filter(|(a, _)| !a).count();
        let n_array = given.len() - n_scalar;
        let vals = self.stack.split_off(self.stack.len() - n_scalar);
        let arrs = self.arr_args.split_off(self.arr_args.len() - n_array);
        self.frames.push(Frame {
            ret,
            lbase: self.lbase,
            abase: self.abase,
            arena: self.arrays.len(),
            iters: self.iters.len(),
        });
        self.lbase = self.locals.len();
        self.locals.extend(vals);
        self.locals.resize(self.lbase + info.scalars as usize, Value::Uninit);
        self.abase = self.larrs.len();
        let mut given_arrays = arrs.into_iter();
        for (i, (is_array, _)) in info.params.iter().enumerate() {
            if !is_array {
                continue;
            }
            let id = match (i < argc).then(|| given_arrays.next()).flatten() {
                Some(id) => id,
                None => {
                    self.arrays.push(Array::default());
                    self.arrays.len() - 1
                }
            };
            self.larrs.push(id);
        }
        Ok(info.entry)
    }

    // ---- builtins ----

    async fn builtin(&mut self, b: Builtin, argc: usize) -> R<()> {
        let base = self.stack.len() - argc;
        let num = |vm: &Vm, i: usize| vm.stack[base + i].to_num();
        let v = match b {
            Builtin::Length => {
                let n = if argc == 0 {
                    let cs = self.charset;
                    locale::char_count(self.rec.text(&self.ofs, &self.convfmt), cs)
                } else {
                    locale::char_count(&self.str_of(&self.stack[base]), self.charset)
                };
                Value::Num(n as f64)
            }
            Builtin::Substr => {
                let s = self.str_of(&self.stack[base]);
                let r = text::substr(&s, num(self, 1), (argc == 3).then(|| num(self, 2)), self.charset);
                Value::str(r)
            }
            Builtin::Index => {
                let s = self.str_of(&self.stack[base]);
                let t = self.str_of(&self.stack[base + 1]);
                let at = if self.icase {
                    text::index_icase(&s, &t, self.charset)
                } else {
                    text::index(&s, &t, self.charset)
                };
                Value::Num(at as f64)
            }
            Builtin::Sprintf => {
                let fmt = self.str_of(&self.stack[base]);
                let mut out = Vec::new();
                let args: Vec<Value> = self.stack[base + 1..].to_vec();
                self.format_into(&mut out, &fmt, &args)?;
                Value::Str(str_from(&out))
            }
            Builtin::Tolower | Builtin::Toupper => {
                let s = self.str_of(&self.stack[base]);
                Value::str(&locale::change_case(&s, b == Builtin::Toupper, self.charset))
            }
            Builtin::Sin => Value::Num(num(self, 0).sin()),
            Builtin::Cos => Value::Num(num(self, 0).cos()),
            Builtin::Atan2 => Value::Num(num(self, 0).atan2(num(self, 1))),
            Builtin::Exp => Value::Num(num(self, 0).exp()),
            Builtin::Log => {
                let x = num(self, 0);
                if x < 0.0 {
                    self.warning(&format!("log: received negative argument {}", fmt_g(x)))
                        .await;
                }
                Value::Num(x.ln())
            }
            Builtin::Sqrt => {
                let x = num(self, 0);
                if x < 0.0 {
                    self.warning(&format!("sqrt: called with negative argument {}", fmt_g(x)))
                        .await;
                }
                Value::Num(x.sqrt())
            }
            Builtin::Int => Value::Num(num(self, 0).trunc()),
            Builtin::Rand => Value::Num(self.rand()),
            Builtin::Srand => {
                let new = if argc == 1 {
                    // C's conversion to an unsigned int.
                    num(self, 0) as i64 as u32
                } else {
                    (self.cmd.p.now_ms() / 1000) as u32
                };
                self.rng = seed_rng(new);
                Value::Num(std::mem::replace(&mut self.seed, new) as f64)
            }
            Builtin::Close => {
                let name = self.str_of(&self.stack[base]);
                Value::Num(self.close(&name).await as f64)
            }
            Builtin::System => {
                if self.sandbox {
                    return self.rt("'system' function not allowed in sandbox mode");
                }
                let c = self.str_of(&self.stack[base]);
                Value::Num(self.system(&c).await as f64)
            }
            Builtin::Fflush => {
                let r = if argc == 0 {
                    self.flush_all().await;
                    0
                } else {
                    let name = self.str_of(&self.stack[base]);
                    self.fflush(&name).await
                };
                Value::Num(r as f64)
            }
            Builtin::Systime => Value::Num((self.cmd.p.now_ms() / 1000) as f64),
            Builtin::Strftime => {
                // strftime([format [, timestamp [, utc]]]), gawk's default
                // format being date's.
                let fmt = if argc > 0 {
                    String::from_utf8_lossy(&self.str_of(&self.stack[base])).into_owned()
                } else {
                    "%a %b %e %H:%M:%S %Z %Y".to_string()
                };
                let when = if argc > 1 {
                    num(self, 1) as i64
                } else {
                    (self.cmd.p.now_ms() / 1000) as i64
                };
                let utc = argc > 2 && self.stack[base + 2].truth();
                let zone = if utc { &Zone::utc() } else { &self.zone };
                // Past the years a C int holds, localtime fails and gawk
                // gives "".
                let year = time::tm(when.saturating_add(i64::from(zone.at(when).offset))).year;
                if (year - 1900).abs() > i64::from(i32::MAX) {
                    Value::str(b"")
                } else {
                    Value::str(time::format_in(&fmt, when, 0, zone).as_bytes())
                }
            }
            Builtin::Mktime => {
                let spec = self.str_of(&self.stack[base]);
                let utc = argc > 1 && self.stack[base + 1].truth();
                let zone = if utc { &Zone::utc() } else { &self.zone };
                Value::Num(mktime(&spec, zone).map_or(-1.0, |t| t as f64))
            }
            Builtin::Strtonum => Value::Num(strtonum(&self.stack[base])),
            Builtin::And | Builtin::Or | Builtin::Xor => {
                let mut acc: Option<u64> = None;
                for i in 0..argc {
                    let x = num(self, i);
                    if x < 0.0 {
                        return self.rt(format!(
                            "{}: argument {} negative value {} is not allowed",
                            b.name(),
                            i + 1,
                            fmt_g(x)
                        ));
                    }
                    let u = to_uint(x);
                    acc = Some(match (acc, b) {
                        (None, _) => u,
                        (Some(a), Builtin::And) => a & u,
                        (Some(a), Builtin::Or) => a | u,
                        (Some(a), _) => a ^ u,
                    });
                }
                Value::Num(adjust_uint(acc.unwrap_or(0)) as f64)
            }
            Builtin::Lshift | Builtin::Rshift => {
                let (x, n) = (num(self, 0), num(self, 1));
                if x < 0.0 || n < 0.0 {
                    return self.rt(format!("{}({x:.6}, {n:.6}): negative values are not allowed", b.name()));
                }
                // The machine's shift: the count is taken modulo 64.
                let (u, k) = (to_uint(x), to_uint(n) as u32);
                let r = if b == Builtin::Lshift {
                    u.wrapping_shl(k)
                } else {
                    u.wrapping_shr(k)
                };
                Value::Num(adjust_uint(r) as f64)
            }
            Builtin::Compl => {
                let x = num(self, 0);
                if x < 0.0 {
                    return self.rt(format!("compl({x:.6}): negative value is not allowed"));
                }
                Value::Num(adjust_uint(!to_uint(x)) as f64)
            }
            Builtin::Split
            | Builtin::Patsplit
            | Builtin::Asort
            | Builtin::Asorti
            | Builtin::Sub
            | Builtin::Gsub
            | Builtin::Match
            | Builtin::Gensub => Value::Uninit,
        };
        self.stack.truncate(base);
        self.stack.push(v);
        Ok(())
    }

    fn rand(&mut self) -> f64 {
        // splitmix64: rand()'s sequence is ours, not mawk's.
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    fn format_into(&mut self, out: &mut Vec<u8>, fmt: &[u8], args: &[Value]) -> R<()> {
        let ctx = Ctx {
            convfmt: &self.convfmt,
            charset: self.charset,
            budget: self.budget,
        };
        sprintf(out, fmt, args, &ctx).map_err(|e| Fatal(e.message(fmt)))
    }

    fn split(&mut self, a: Arr, mode: u8, re: u32) -> R<()> {
        let seps = (mode & SPLIT_SEPS != 0).then(|| self.arr_args.pop()).flatten();
        let pat = mode & SPLIT_PAT != 0;
        if pat {
            let empty = match mode & 3 {
                0 => self.str_of(&self.globals[slot::FPAT as usize].clone()).is_empty(),
                1 => self.stack.last().is_none_or(|v| self.str_of(v).is_empty()),
                _ => self.code.regex_src[re as usize].is_empty(),
            };
            if empty {
                return self.rt("patsplit: third argument must be non-null");
            }
        }
        let fs = match (mode & 3, pat) {
            (0, false) => None,
            (0, true) => {
                let cur = self.str_of(&self.globals[slot::FPAT as usize].clone());
                Some(self.make_fpat(&cur)?)
            }
            (1, false) => {
                let v = self.pop();
                let s = self.str_of(&v);
                Some(self.make_fs(&s, false))
            }
            (1, true) => {
                let v = self.pop();
                let s = self.str_of(&v);
                Some(self.make_fpat(&s)?)
            }
            (_, false) => Some(Fs::Regex(self.const_re(re)?)),
            (_, true) => Some(Fs::Pat(self.const_re(re)?, self.charset)),
        };
        let s = self.pop();
        let s = self.str_of(&s);
        // split() with the default FS uses FS as it is now.
        let fs = match fs {
            Some(f) => f,
            None => {
                let cur = self.str_of(&self.globals[slot::FS as usize].clone());
                self.make_fs(&cur, false)
            }
        };
        let spans = split_all(&fs, &s);
        let id = self.arr_id(a);
        let arr = &mut self.arrays[id];
        arr.clear();
        let mut k = Vec::new();
        for (i, &(b, e)) in spans.iter().enumerate() {
            k.clear();
            push_int(&mut k, i as i64 + 1);
            arr.insert(k.as_slice().into(), Value::strnum(&s[b..e]));
        }
        if let Some(seps) = seps {
            // seps[i] lies between fields i and i+1; with FS = " ", also
            // the blanks before the first (0) and after the last (n).
            let arr = &mut self.arrays[seps];
            arr.clear();
            let blank = matches!(fs, Fs::Blank);
            let n = spans.len();
            // patsplit: what lies before, between and after the fields.
            let around = matches!(fs, Fs::Pat(..)) && n > 0;
            for i in 0..=n {
                if around {
                    let from = if i == 0 { 0 } else { spans[i - 1].1 };
                    let to = if i == n { s.len() } else { spans[i].0 };
                    k.clear();
                    push_int(&mut k, i as i64);
                    arr.insert(k.as_slice().into(), Value::strnum(&s[from..to]));
                    continue;
                }
                let (from, to) = match i {
                    0 if blank => (0, spans.first().map_or(s.len(), |f| f.0)),
                    _ if i == n && blank => (spans.last().map_or(s.len(), |f| f.1), s.len()),
                    0 => continue,
                    _ if i == n => continue,
                    _ => (spans[i - 1].1, spans[i].0),
                };
                if blank && from == to && (i == 0 || i == n) {
                    continue;
                }
                k.clear();
                push_int(&mut k, i as i64);
                arr.insert(k.as_slice().into(), Value::strnum(&s[from..to]));
            }
        }
        self.stack.push(Value::Num(spans.len() as f64));
        Ok(())
    }

    /// gawk's `match(s, re, arr)`: arr[n] is group n's text, with
    /// arr[n, "start"] and arr[n, "length"] in characters; groups that
    /// took no part are absent.
    fn match_groups(&mut self, id: usize, s: &[u8], caps: Option<&[Option<(usize, usize)>]>) {
        let cs = self.charset;
        let mut entries = Vec::new();
        for (n, g) in caps.unwrap_or_default().iter().enumerate() {
            let Some((b, e)) = *g else {
                continue;
            };
            let mut k = Vec::new();
            push_int(&mut k, n as i64);
            let sub = |what: &[u8]| [&k[..], &self.subsep, what].concat().into_boxed_slice();
            let start = (text::char_pos(s, b, cs) + 1) as f64;
            let len = locale::char_count(&s[b..e], cs) as f64;
            entries.push((sub(b"start"), Value::Num(start)));
            entries.push((sub(b"length"), Value::Num(len)));
            entries.push((k.into_boxed_slice(), Value::strnum(&s[b..e])));
        }
        let arr = &mut self.arrays[id];
        arr.clear();
        for (k, v) in entries {
            arr.insert(k, v);
        }
    }

    // ---- sorting ----

    /// PROCINFO["sorted_in"], when set to an order.
    fn sorted_in(&mut self) -> R<Option<Order>> {
        let Some(a) = self.global_array(slot::PROCINFO) else {
            return Ok(None);
        };
        let Some(v) = self.arrays[a].get(&b"sorted_in"[..]) else {
            return Ok(None);
        };
        let name = self.str_of(&v.clone());
        if name.is_empty() {
            return Ok(None);
        }
        self.order(&name).map(Some)
    }

    /// An order by its name: gawk's `@...` names or a function's.
    fn order(&self, name: &[u8]) -> R<Order> {
        let std = match name {
            b"@unsorted" => Some(Order::Unsorted),
            b"@ind_str_asc" => Some(Order::Std(Key::IndStr, false)),
            b"@ind_str_desc" => Some(Order::Std(Key::IndStr, true)),
            b"@ind_num_asc" => Some(Order::Std(Key::IndNum, false)),
            b"@ind_num_desc" => Some(Order::Std(Key::IndNum, true)),
            b"@val_type_asc" => Some(Order::Std(Key::ValType, false)),
            b"@val_type_desc" => Some(Order::Std(Key::ValType, true)),
            b"@val_str_asc" => Some(Order::Std(Key::ValStr, false)),
            b"@val_str_desc" => Some(Order::Std(Key::ValStr, true)),
            b"@val_num_asc" => Some(Order::Std(Key::ValNum, false)),
            b"@val_num_desc" => Some(Order::Std(Key::ValNum, true)),
            _ => None,
        };
        if let Some(o) = std {
            return Ok(o);
        }
        match self.code.func_names.iter().position(|f| f.as_bytes() == name) {
            Some(f) => Ok(Order::Func(f)),
            None => self.rt(format!(
                "sort comparison function `{}' is not defined",
                String::from_utf8_lossy(name)
            )),
        }
    }

    fn entries(&self, id: usize) -> Vec<(Box<[u8]>, Value)> {
        self.arrays[id].iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// Two entries in one of gawk's standard orders (ascending); ties go
    /// by the index's text, so every run gives the same order.
    fn cmp_entries(&self, a: &(Box<[u8]>, Value), b: &(Box<[u8]>, Value), key: Key) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let by_index = || self.cmp_text(&a.0, &b.0);
        let num_cmp = |x: f64, y: f64| x.partial_cmp(&y).unwrap_or(Ordering::Equal);
        let as_num = |v: &Value| match v {
            Value::Num(n) => Some(*n),
            Value::Uninit => Some(0.0),
            Value::StrNum(s) => looks_numeric(s),
            Value::Str(_) => None,
        };
        match key {
            Key::IndStr => by_index(),
            Key::IndNum => num_cmp(super::value::str_to_num(&a.0), super::value::str_to_num(&b.0)).then_with(by_index),
            Key::ValStr => self
                .cmp_text(&self.str_of(&a.1), &self.str_of(&b.1))
                .then_with(by_index),
            Key::ValNum => num_cmp(a.1.to_num(), b.1.to_num())
                .then_with(|| self.cmp_text(&self.str_of(&a.1), &self.str_of(&b.1)))
                .then_with(by_index),
            // Numbers before strings.
            Key::ValType => match (as_num(&a.1), as_num(&b.1)) {
                (Some(x), Some(y)) => num_cmp(x, y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => self.cmp_text(&self.str_of(&a.1), &self.str_of(&b.1)),
            }
            .then_with(by_index),
        }
    }

    /// Entries sorted in an order; a function's order is a stable merge
    /// sort calling it for each comparison.
    async fn sort_entries(&mut self, mut v: Vec<(Box<[u8]>, Value)>, order: Order) -> R<Vec<(Box<[u8]>, Value)>> {
        match order {
            Order::Unsorted => Ok(v),
            Order::Std(key, desc) => {
                v.sort_by(|a, b| {
                    let o = self.cmp_entries(a, b, key);
                    if desc { o.reverse() } else { o }
                });
                Ok(v)
            }
            Order::Func(f) => {
                let n = v.len();
                let mut idx: Vec<usize> = (0..n).collect();
                let mut tmp = Vec::with_capacity(n);
                let mut width = 1;
                while width < n {
                    tmp.clear();
                    let mut lo = 0;
                    while lo < n {
                        let mid = (lo + width).min(n);
                        let hi = (lo + 2 * width).min(n);
                        let (mut i, mut j) = (lo, mid);
                        while i < mid && j < hi {
                            let (x, y) = (&v[idx[i]], &v[idx[j]]);
                            let args = [
                                Value::Str(str_from(&x.0)),
                                x.1.clone(),
                                Value::Str(str_from(&y.0)),
                                y.1.clone(),
                            ];
                            // Take from the right only when the left is
                            // greater (so a function answering only 0 or 1
                            // still sorts, as with gawk's qsort).
                            if self.call_cmp(f, args).await? > 0.0 {
                                tmp.push(idx[j]);
                                j += 1;
                            } else {
                                tmp.push(idx[i]);
                                i += 1;
                            }
                        }
                        tmp.extend_from_slice(&idx[i..mid]);
                        tmp.extend_from_slice(&idx[j..hi]);
                        lo = hi;
                    }
                    std::mem::swap(&mut idx, &mut tmp);
                    width *= 2;
                    let _ = self.cmd.p.checkpoint().await;
                }
                let mut slots: Vec<Option<(Box<[u8]>, Value)>> = v.into_iter().map(Some).collect();
                Ok(idx.into_iter().filter_map(|i| slots[i].take()).collect())
            }
        }
    }

    /// A comparison function's answer for (i1, v1, i2, v2), run to its
    /// return before sorting goes on.
    async fn call_cmp(&mut self, f: usize, args: [Value; 4]) -> R<f64> {
        let info = &self.code.funcs[f];
        if info.params.iter().take(4).any(|(a, _)| *a) {
            let name = &self.code.func_names[f];
            return self.rt(format!("sort comparison function `{name}' takes an array parameter"));
        }
        if self.sort_depth >= MAX_SORT_DEPTH {
            return self.rt(format!(
                "sort comparison functions nested too deeply (limit {MAX_SORT_DEPTH})"
            ));
        }
        let argc = info.params.len().min(4);
        self.stack.extend(args.into_iter().take(argc));
        let depth = self.frames.len();
        let pc = self.pc;
        let entry = self.call(f, argc, self.halt_pc)?;
        self.sort_depth += 1;
        let flow = Box::pin(self.exec(entry)).await;
        self.sort_depth -= 1;
        let flow = flow?;
        self.pc = pc;
        match flow {
            // gawk's messages.
            Flow::Exit => return self.rt("`exit' cannot be called in the current context"),
            Flow::Next => return self.rt("`next' cannot be called from a sort comparison function"),
            Flow::Nextfile => return self.rt("`nextfile' cannot be called from a sort comparison function"),
            Flow::Done if self.frames.len() != depth => return self.rt("sort comparison function did not return"),
            Flow::Done => {}
        }
        Ok(self.pop().to_num())
    }

    /// `asort(src [, dest [, how]])` / `asorti`: the values (indices) in
    /// order, indexed 1..n, into dest or back into src; the count.
    async fn asort(&mut self, indices: bool, has_dest: bool, has_how: bool) -> R<()> {
        let name = if indices { "asorti" } else { "asort" };
        let how = if has_how { Some(self.pop()) } else { None };
        let dest = if has_dest { self.arr_args.pop() } else { None };
        let Some(src) = self.arr_args.pop() else {
            return self.rt(format!("{name}: first argument is not an array"));
        };
        if dest == Some(src) && how.is_none() {
            self.warning(
                "asort/asorti: using the same array as source and destination without a third argument is silly.",
            )
            .await;
        }
        let order = match &how {
            Some(h) => {
                let text = self.str_of(h);
                self.order(&text)?
            }
            None if indices => Order::Std(Key::IndStr, false),
            None => Order::Std(Key::ValType, false),
        };
        let entries = self.entries(src);
        let sorted = self.sort_entries(entries, order).await?;
        let n = sorted.len();
        let out = self.arrays.get_mut(dest.unwrap_or(src)).map(std::mem::take);
        let mut out = out.unwrap_or_default();
        out.clear();
        let mut k = Vec::new();
        for (i, (key, val)) in sorted.into_iter().enumerate() {
            k.clear();
            push_int(&mut k, i as i64 + 1);
            let v = if indices { Value::Str(str_from(&key)) } else { val };
            out.insert(k.as_slice().into(), v);
        }
        self.arrays[dest.unwrap_or(src)] = out;
        self.stack.push(Value::Num(n as f64));
        Ok(())
    }

    fn sub(&mut self, re: Re, global: bool, lv: Lv) -> R<()> {
        let repl = self.pop();
        let rv = if re == Re::Dyn { Some(self.pop()) } else { None };
        let re = self.regex(re, rv.as_ref())?;
        let addr = self.lv_addr(lv)?;
        let target = self.load_addr(&addr);
        let s = self.str_of(&target);
        let repl = self.str_of(&repl);
        let which = if global { Which::All } else { Which::Nth(1) };
        let (out, n) = text::substitute(&re, &s, &repl, which, Repl::Classic, self.charset);
        if n > 0 {
            self.store_addr(addr, Value::Str(str_from(&out)))?;
        }
        self.stack.push(Value::Num(n as f64));
        Ok(())
    }

    /// `gensub(re, repl, how, target)`: "g" or "G" replaces every match,
    /// a number the nth (below 1: the first, with a warning).
    async fn gensub(&mut self, re: Re) -> R<()> {
        let target = self.pop();
        let how = self.pop();
        let repl = self.pop();
        let rv = if re == Re::Dyn { Some(self.pop()) } else { None };
        let re = self.regex(re, rv.as_ref())?;
        let which = match &how {
            Value::Str(t) | Value::StrNum(t) if matches!(t.first(), Some(b'g' | b'G')) => Which::All,
            _ => {
                let d = how.to_num();
                if d <= 0.0 || d.is_nan() {
                    let shown = self.str_of(&how);
                    self.warning(&format!(
                        "gensub: third argument `{}' treated as 1",
                        String::from_utf8_lossy(&shown)
                    ))
                    .await;
                }
                Which::Nth(if d >= 1.0 { d.min(usize::MAX as f64) as usize } else { 1 })
            }
        };
        let s = self.str_of(&target);
        let repl = self.str_of(&repl);
        let (out, n) = text::substitute(&re, &s, &repl, which, Repl::Groups, self.charset);
        self.stack.push(if n > 0 { Value::Str(str_from(&out)) } else { target });
        Ok(())
    }

    /// A warning on standard error; the program goes on.
    pub async fn warning(&mut self, msg: &str) {
        let text = self.message("warning", msg);
        self.flush_all().await;
        let _ = self.cmd.p.write(2, text.as_bytes()).await;
    }

    // ---- input ----

    /// The next record of the main input into `buf`.
    pub async fn main_record(&mut self, buf: &mut Vec<u8>) -> R<bool> {
        loop {
            if self.read_current(buf).await? {
                return Ok(true);
            }
            if self.main.done || !self.open_next_main().await? {
                self.main.done = true;
                return Ok(false);
            }
        }
    }

    /// The next record of the file being read into `buf`; at its end the
    /// file is closed and the answer is false.
    async fn read_current(&mut self, buf: &mut Vec<u8>) -> R<bool> {
        let Some(r) = self.main.cur.as_mut() else {
            return Ok(false);
        };
        match r.next(&self.cmd.p, &self.rs, buf).await {
            Ok(true) => {
                if self.uses_rt {
                    self.globals[slot::RT as usize] = Value::str(r.terminator());
                }
                return Ok(true);
            }
            Ok(false) => {}
            Err(e) => {
                let name = self.str_of(&self.globals[slot::FILENAME as usize]);
                return Err(read_error(&name, &e));
            }
        }
        if let Some(r) = self.main.cur.take() {
            r.close(&self.cmd.p).await;
        }
        Ok(false)
    }

    /// What the main loop meets next when there are BEGINFILE or ENDFILE
    /// rules: a file beginning (FILENAME set, FNR 0, not read yet), a
    /// record, a file ending; None when input is over.
    pub async fn next_event(&mut self) -> R<Option<Event>> {
        loop {
            let mut buf = std::mem::take(&mut self.spare);
            let got = self.read_current(&mut buf).await;
            let got = self.accept_record(buf, got)?;
            if got {
                return Ok(Some(Event::Record));
            }
            if self.main.in_file {
                self.main.in_file = false;
                if let Some(e) = self.main.open_error.take() {
                    return Err(e);
                }
                if self.code.endfile.is_some() {
                    return Ok(Some(Event::EndFile));
                }
            }
            if self.main.done || !self.open_next_main().await? {
                self.main.done = true;
                return Ok(None);
            }
            self.main.in_file = true;
            if self.code.beginfile.is_some() {
                return Ok(Some(Event::BeginFile));
            }
        }
    }

    pub fn beginfile_entry(&self) -> Option<usize> {
        self.code.beginfile
    }

    pub fn endfile_entry(&self) -> Option<usize> {
        self.code.endfile
    }

    /// Whether the main loop goes by [`Vm::next_event`].
    pub fn has_file_rules(&self) -> bool {
        self.code.beginfile.is_some() || self.code.endfile.is_some()
    }

    /// Open the next ARGV operand (applying assignments on the way), or
    /// standard input if there were none. False when input is over.
    async fn open_next_main(&mut self) -> R<bool> {
        let argv = self.global_array(slot::ARGV);
        loop {
            let argc = self.load_global(slot::ARGC).to_num();
            if (self.main.next_arg as f64) >= argc {
                break;
            }
            let i = self.main.next_arg;
            self.main.next_arg += 1;
            let mut k = Vec::new();
            push_int(&mut k, i as i64);
            let Some(v) = argv.and_then(|a| self.arrays[a].get(&k[..]).cloned()) else {
                continue;
            };
            let arg = self.str_of(&v);
            if arg.is_empty() {
                continue;
            }
            let text = String::from_utf8_lossy(&arg).into_owned();
            if self.operand_assigns {
                let mut warnings = Vec::new();
                let assigned = self.assign_var(&text, &mut warnings);
                for w in warnings {
                    self.warning(&w).await;
                }
                match assigned {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(e) => return Err(Fatal(e)),
                }
            }
            if self.sandbox && i >= self.argc0 {
                return self.rt(format!("cannot add a new file ({text}) to ARGV in sandbox mode"));
            }
            self.main.had_file = true;
            self.globals[slot::ARGIND as usize] = Value::Num(i as f64);
            let reader = if &*arg == b"-" || &*arg == b"/dev/stdin" {
                Reader::new(0, false)
            } else {
                match self.open_read(&text).await {
                    Ok(fd) => Reader::new(fd, true),
                    Err(e) if e.is(Errno::EISDIR) => {
                        let msg = format!("command line argument `{text}' is a directory: skipped");
                        self.warning(&msg).await;
                        continue;
                    }
                    Err(e) => {
                        // Between files: gawk names no input position.
                        self.fnr = 0.0;
                        let fatal = Fatal(format!("cannot open file `{text}' for reading: {}", strerror(&e)));
                        self.globals[slot::ERRNO as usize] = Value::str(strerror(&e).as_bytes());
                        if self.code.beginfile.is_none() {
                            return Err(fatal);
                        }
                        // BEGINFILE runs first, and may skip the file.
                        self.main.had_file = true;
                        self.main.open_error = Some(fatal);
                        self.globals[slot::FILENAME as usize] = Value::str(&arg);
                        return Ok(true);
                    }
                }
            };
            self.globals[slot::ERRNO as usize] = Value::str(b"");
            self.start_file(&arg, reader);
            return Ok(true);
        }
        if !self.main.had_file {
            self.main.had_file = true;
            self.start_file(b"-", Reader::new(0, false));
            return Ok(true);
        }
        Ok(false)
    }

    fn start_file(&mut self, name: &[u8], r: Reader) {
        self.main.cur = Some(r);
        self.globals[slot::FILENAME as usize] = Value::str(name);
        self.fnr = 0.0;
    }

    /// `nextfile`: drop the rest of the current file.
    pub async fn skip_file(&mut self) {
        // A file BEGINFILE skipped because it could not be opened gets no
        // ENDFILE (gawk's rule).
        if self.main.open_error.take().is_some() {
            self.main.in_file = false;
        }
        if let Some(r) = self.main.cur.take() {
            r.close(&self.cmd.p).await;
        }
    }

    async fn open_read(&self, name: &str) -> kernel::Result<Fd> {
        let p = &self.cmd.p;
        let fd = p.open(name, OpenFlags::READ).await?;
        if p.fstat(fd).await.is_ok_and(|s| s.is_dir()) {
            let _ = p.close(fd).await;
            return Err(Errno::EISDIR.into());
        }
        let _ = p.set_cloexec(fd, true);
        Ok(fd)
    }

    /// The next record of the main loop, read straight into `$0`.
    pub async fn read_main_record(&mut self) -> R<bool> {
        // Read aside: at the end, $0 keeps the last record for END.
        let mut buf = std::mem::take(&mut self.spare);
        let r = self.main_record(&mut buf).await;
        self.accept_record(buf, r)
    }

    /// A record read aside into `buf` becomes $0 (NR and FNR counted);
    /// the buffer is kept for the next read.
    fn accept_record(&mut self, mut buf: Vec<u8>, got: R<bool>) -> R<bool> {
        if matches!(got, Ok(true)) {
            std::mem::swap(&mut self.rec.text, &mut buf);
        }
        self.spare = buf;
        if got? {
            self.rec.reset(&self.fs);
            self.nr += 1.0;
            self.fnr += 1.0;
            return Ok(true);
        }
        Ok(false)
    }

    async fn getline(&mut self, src: GetSrc, lv: Option<Lv>) -> R<()> {
        let mut buf = Vec::new();
        let status: f64 = match src {
            GetSrc::Main => {
                if self.main_record(&mut buf).await? {
                    self.nr += 1.0;
                    self.fnr += 1.0;
                    1.0
                } else {
                    0.0
                }
            }
            GetSrc::File | GetSrc::Cmd => {
                if self.sandbox {
                    return self.rt(SANDBOX_REDIRECT);
                }
                let name = self.pop();
                let name = self.str_of(&name);
                self.read_stream(&name, src == GetSrc::Cmd, &mut buf).await?
            }
        };
        if status > 0.0 {
            match lv {
                None => self.rec.set(&buf, &self.fs),
                Some(lv) => {
                    let addr = self.lv_addr(lv)?;
                    self.store_addr(addr, Value::strnum(&buf))?;
                }
            }
        } else if let Some(lv) = lv {
            // Consume the target's operands all the same.
            self.lv_addr(lv)?;
        }
        self.stack.push(Value::Num(status));
        Ok(())
    }

    /// A record from a file or command: 1, 0 at the end, -1 if it cannot
    /// be opened.
    async fn read_stream(&mut self, name: &[u8], cmd: bool, buf: &mut Vec<u8>) -> R<f64> {
        let idx = match self.inputs.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                let text = String::from_utf8_lossy(name).into_owned();
                let opened = if cmd {
                    self.spawn_reader(&text).await
                } else if name == b"-" || name == b"/dev/stdin" {
                    Ok((Reader::new(0, false), None))
                } else {
                    self.open_read(&text).await.map(|fd| (Reader::new(fd, true), None))
                };
                let (reader, pid) = match opened {
                    Ok(r) => r,
                    Err(e) => {
                        self.globals[slot::ERRNO as usize] = Value::str(strerror(&e).as_bytes());
                        return Ok(-1.0);
                    }
                };
                self.inputs.push(InStream {
                    name: name.to_vec(),
                    reader,
                    pid,
                });
                self.inputs.len() - 1
            }
        };
        let s = &mut self.inputs[idx];
        match s.reader.next(&self.cmd.p, &self.rs, buf).await {
            Ok(true) => {
                if self.uses_rt {
                    self.globals[slot::RT as usize] = Value::str(s.reader.terminator());
                }
                Ok(1.0)
            }
            Ok(false) => Ok(0.0),
            Err(e) => Err(read_error(name, &e)),
        }
    }

    /// Run `sh -c cmd`: with stdin from a pipe (`wire_stdin`) or stdout
    /// into one. Answers the child and our end of the pipe.
    async fn spawn_piped(&mut self, cmd: &str, wire_stdin: bool) -> kernel::Result<(Pid, Fd)> {
        self.flush_all().await;
        let p = self.cmd.p.clone();
        let (r, w) = p.pipe()?;
        let (child_end, ours, child_fd) = if wire_stdin { (r, w, 0) } else { (w, r, 1) };
        let _ = p.set_cloexec(ours, true);
        let opts = SpawnOpts {
            argv: vec!["sh".into(), "-c".into(), cmd.into()],
            fd_map: vec![(child_fd, Some(child_end))],
            ..Default::default()
        };
        let spawned = p.spawn(Target::Path("/bin/sh".into()), opts).await;
        let _ = p.close(child_end).await;
        match spawned {
            Ok(pid) => Ok((pid, ours)),
            Err(e) => {
                let _ = p.close(ours).await;
                Err(e)
            }
        }
    }

    async fn spawn_reader(&mut self, cmd: &str) -> kernel::Result<(Reader, Option<Pid>)> {
        let (pid, fd) = self.spawn_piped(cmd, false).await?;
        Ok((Reader::new(fd, true), Some(pid)))
    }

    /// A child's status as awk reports it: the exit code, or 256 plus the
    /// signal number for one ended by a note.
    async fn wait_status(&self, pid: Pid) -> i32 {
        match self.cmd.p.wait(pid).await {
            Ok(s) if s.reason.is_some() => 256 + (s.code - 128),
            Ok(s) => s.code,
            Err(_) => -1,
        }
    }

    pub async fn system(&mut self, c: &[u8]) -> i32 {
        self.flush_all().await;
        let p = self.cmd.p.clone();
        let opts = SpawnOpts {
            argv: vec!["sh".into(), "-c".into(), String::from_utf8_lossy(c).into_owned()],
            ..Default::default()
        };
        match p.spawn(Target::Path("/bin/sh".into()), opts).await {
            Ok(pid) => self.wait_status(pid).await,
            Err(e) => kernel::exec::failure_status(&e),
        }
    }

    // ---- output ----

    async fn print(&mut self, n: usize, redir: Option<Redirect>) -> R<()> {
        let target = redir.map(|_| self.pop());
        let base = self.stack.len() - n;
        // One buffer serves every print: no allocation per record.
        let mut line = std::mem::take(&mut self.print_buf);
        line.clear();
        if n == 0 {
            line.extend_from_slice(self.rec.text(&self.ofs, &self.convfmt));
        } else {
            for i in base..self.stack.len() {
                if i > base {
                    line.extend_from_slice(&self.ofs);
                }
                match &self.stack[i] {
                    Value::Num(x) => num_to_str(*x, &self.ofmt, &mut line),
                    v => to_str_into(v, &self.convfmt, &mut line),
                }
            }
        }
        line.extend_from_slice(&self.ors);
        self.stack.truncate(base);
        let r = self.emit(redir, target, &line).await;
        self.print_buf = line;
        r
    }

    async fn printf(&mut self, n: usize, redir: Option<Redirect>) -> R<()> {
        let target = redir.map(|_| self.pop());
        let base = self.stack.len() - n;
        let args: Vec<Value> = self.stack.split_off(base);
        let fmt = self.str_of(&args[0]);
        let mut out = Vec::new();
        self.format_into(&mut out, &fmt, &args[1..])?;
        self.emit(redir, target, &out).await
    }

    async fn emit(&mut self, redir: Option<Redirect>, target: Option<Value>, data: &[u8]) -> R<()> {
        let (Some(kind), Some(t)) = (redir, target) else {
            self.cmd.out.write(data).await;
            return Ok(());
        };
        if self.sandbox {
            return self.rt(SANDBOX_REDIRECT);
        }
        let name = self.str_of(&t);
        if &*name == b"-" || &*name == b"/dev/stdout" {
            self.cmd.out.write(data).await;
            return Ok(());
        }
        let idx = match self.outputs.iter().position(|o| *o.name == *name) {
            Some(i) => i,
            None => self.open_output(&name, kind).await?,
        };
        let o = &mut self.outputs[idx];
        o.out.write(data).await;
        if matches!(o.kind, OutKind::Stderr) {
            let _ = o.out.flush().await;
        }
        Ok(())
    }

    async fn open_output(&mut self, name: &[u8], kind: Redirect) -> R<usize> {
        let text = String::from_utf8_lossy(name).into_owned();
        let p = self.cmd.p.clone();
        let (fd, k) = if name == b"/dev/stderr" {
            (2, OutKind::Stderr)
        } else if kind == Redirect::Pipe {
            match self.spawn_piped(&text, true).await {
                Ok((pid, fd)) => (fd, OutKind::Pipe(pid)),
                Err(e) => {
                    return Err(Fatal(format!("cannot open pipe `{text}' for output: {}", strerror(&e))));
                }
            }
        } else {
            let flags = if kind == Redirect::Append {
                OpenFlags::APPEND
            } else {
                OpenFlags::WRITE
            };
            match p.open(&text, flags).await {
                Ok(fd) => {
                    let _ = p.set_cloexec(fd, true);
                    (fd, OutKind::File)
                }
                Err(e) => return Err(Fatal(format!("cannot redirect to `{text}': {}", strerror(&e)))),
            }
        };
        self.outputs.push(OutStream {
            name: name.to_vec(),
            kind: k,
            out: Output::new(p, fd),
            fd,
        });
        Ok(self.outputs.len() - 1)
    }

    pub async fn flush_all(&mut self) {
        let _ = self.cmd.out.flush().await;
        for o in &mut self.outputs {
            let _ = o.out.flush().await;
        }
    }

    async fn fflush(&mut self, name: &[u8]) -> i32 {
        if name == b"-" || name == b"/dev/stdout" {
            let _ = self.cmd.out.flush().await;
            return 0;
        }
        match self.outputs.iter_mut().find(|o| *o.name == *name) {
            Some(o) => {
                let _ = o.out.flush().await;
                0
            }
            None => -1,
        }
    }

    /// `close(name)`: an output or input stream; a command's exit status.
    pub async fn close(&mut self, name: &[u8]) -> i32 {
        if let Some(i) = self.outputs.iter().position(|o| *o.name == *name) {
            let o = self.outputs.remove(i);
            return self.close_output(o).await;
        }
        if let Some(i) = self.inputs.iter().position(|s| s.name == name) {
            let s = self.inputs.remove(i);
            s.reader.close(&self.cmd.p).await;
            return match s.pid {
                Some(pid) => self.wait_status(pid).await,
                None => 0,
            };
        }
        self.globals[slot::ERRNO as usize] = Value::str(b"close of redirection that was never opened");
        -1
    }

    async fn close_output(&mut self, mut o: OutStream) -> i32 {
        let _ = o.out.flush().await;
        match o.kind {
            OutKind::Stderr => 0,
            OutKind::File => {
                let _ = self.cmd.p.close(o.fd).await;
                0
            }
            OutKind::Pipe(pid) => {
                let _ = self.cmd.p.close(o.fd).await;
                self.wait_status(pid).await
            }
        }
    }

    /// At exit: close commands and files (waiting for the commands), then
    /// flush standard output.
    pub async fn close_all(&mut self) {
        while let Some(o) = self.outputs.pop() {
            self.close_output(o).await;
        }
        while let Some(s) = self.inputs.pop() {
            s.reader.close(&self.cmd.p).await;
            if let Some(pid) = s.pid {
                self.wait_status(pid).await;
            }
        }
    }
}

/// gawk's `mktime("YYYY MM DD HH MM SS [DST]")`: fields out of range
/// carry over as in C's mktime (month 13 is next January); None for a
/// malformed spec. A time a zone skips reads with the offset before it.
fn mktime(spec: &[u8], zone: &Zone) -> Option<i64> {
    let text = std::str::from_utf8(spec).ok()?;
    let fields: Vec<i64> = text
        .split_ascii_whitespace()
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    let [y, mo, d, h, mi, s, ..] = fields[..] else {
        return None;
    };
    if fields.len() > 7 {
        return None;
    }
    let months = y.checked_mul(12)?.checked_add(mo - 1)?;
    let (ny, nm) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
    let day = time::days_from_civil(ny, nm, 1).checked_add(d - 1)?;
    let wall = day
        .checked_mul(86_400)?
        .checked_add(h.checked_mul(3600)?)?
        .checked_add(mi.checked_mul(60)?)?
        .checked_add(s)?;
    let t = time::tm(wall);
    Some(
        zone.to_epoch(t.year, t.month, t.day, t.hour, t.min, t.sec)
            .unwrap_or_else(|| wall - i64::from(zone.at(wall).offset)),
    )
}

/// C's conversion of a non-negative double to `uintmax_t` as gawk's
/// machine does it: values from 2^64 up (and NaN) give 0.
fn to_uint(d: f64) -> u64 {
    if d < 18_446_744_073_709_551_616.0 { d as u64 } else { 0 }
}

/// gawk's `adjust_uint`: an integer with more significant bits than a
/// double holds loses its leading bits, so the low ones stay exact.
fn adjust_uint(n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let tz = n.trailing_zeros();
    let width = 64 - n.leading_zeros();
    if width - tz > 53 {
        n & ((1u64 << (tz + 53)) - 1)
    } else {
        n
    }
}

/// gawk's `strtonum`: a number stays itself, input that looks numeric is
/// read as decimal; other text is hex after `0x`, octal after `0`
/// (decimal again if an 8 or 9, a `.` or an exponent follows), else the
/// usual decimal prefix.
fn strtonum(v: &Value) -> f64 {
    let s = match v {
        Value::Uninit => return 0.0,
        Value::Num(n) => return *n,
        Value::StrNum(s) if looks_numeric(s).is_some() => return v.to_num(),
        Value::Str(s) | Value::StrNum(s) => s,
    };
    let decimal = || super::value::str_to_num(s);
    if s.len() < 2 || s[0] != b'0' {
        return decimal();
    }
    if matches!(s[1], b'x' | b'X') {
        let mut r = 0.0f64;
        for &c in &s[2..] {
            match (c as char).to_digit(16) {
                Some(d) => r = r * 16.0 + f64::from(d),
                None => break,
            }
        }
        return r;
    }
    for &c in s.iter() {
        if matches!(c, b'e' | b'E' | b'.') {
            return decimal();
        }
        if !c.is_ascii_digit() {
            break;
        }
    }
    let mut r = 0.0f64;
    for &c in s.iter() {
        match c {
            b'8' | b'9' => return decimal(),
            b'0'..=b'7' => r = r * 8.0 + f64::from(c - b'0'),
            _ => break,
        }
    }
    r
}

/// The generator's state for a seed.
fn seed_rng(seed: u32) -> u64 {
    u64::from(seed) ^ 0x9E37_79B9_7F4A_7C15
}

/// A number as C's `%g` writes it (for messages).
fn fmt_g(x: f64) -> String {
    let mut s = Vec::new();
    super::format::float(&mut s, x, b'g', &super::format::Spec::default());
    String::from_utf8_lossy(&s).into_owned()
}

/// Which variable says how records split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SplitBy {
    Fs,
    Fpat,
    Widths,
}

/// gawk's FIELDWIDTHS: blank-separated widths, each with an optional
/// `skip:` before it, the last one possibly `*` (the rest of the record).
/// An error is gawk's message.
fn parse_widths(spec: &[u8]) -> Result<Vec<(usize, Option<usize>)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    let blank = |b: u8| b == b' ' || b == b'\t' || b == b'\n';
    // A decimal number at `at`: its value (1..u32::MAX-1) and its end.
    let number = |at: usize| {
        let end = at + spec[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        let v = std::str::from_utf8(&spec[at..end]).ok()?.parse::<u64>().ok()?;
        (v > 0 && v < u64::from(u32::MAX)).then_some((v as usize, end))
    };
    loop {
        while i < spec.len() && blank(spec[i]) {
            i += 1;
        }
        let field = out.len() + 1;
        let invalid = |at: usize| {
            format!(
                "invalid FIELDWIDTHS value, for field {field}, near `{}'",
                String::from_utf8_lossy(&spec[at..])
            )
        };
        if i >= spec.len() {
            return Ok(out);
        }
        if spec[i] == b'*' {
            i += 1;
            while i < spec.len() && blank(spec[i]) {
                i += 1;
            }
            if i < spec.len() {
                return Err("`*' must be the last designator in FIELDWIDTHS".into());
            }
            out.push((0, None));
            return Ok(out);
        }
        let mut skip = 0;
        if let Some((v, end)) = number(i)
            && spec.get(end) == Some(&b':')
        {
            skip = v;
            i = end + 1;
            if spec.get(i).is_some_and(|&b| b == b'-' || blank(b)) {
                return Err(invalid(i));
            }
        }
        match number(i) {
            Some((w, end)) if spec.get(end).is_none_or(|&b| blank(b)) => {
                out.push((skip, Some(w)));
                i = end;
            }
            _ => return Err(invalid(i)),
        }
    }
}

/// What sorting compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    IndStr,
    IndNum,
    ValType,
    ValStr,
    ValNum,
}

/// An order for `for (k in a)` (PROCINFO["sorted_in"]) or asort.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Order {
    Unsorted,
    /// A standard order, descending when set.
    Std(Key, bool),
    /// A user function comparing (i1, v1, i2, v2).
    Func(usize),
}

/// Where an lvalue lives, once its operands are evaluated.
enum Addr {
    G(u32),
    L(usize),
    Elem(usize, Box<[u8]>),
    Field(usize),
}

/// `a ^ b` as gawk computes it: an integral exponent by repeated
/// squaring (so results match gawk's to the last bit), others by `pow`.
fn pow(a: f64, b: f64) -> f64 {
    if b != b.trunc() || b.abs() >= 9.2e18 {
        return a.powf(b);
    }
    let n = b as i64;
    let posint = |mut x: f64, mut n: u64| {
        let mut mult = 1.0;
        while n > 1 {
            if n % 2 == 1 {
                mult *= x;
            }
            x *= x;
            n /= 2;
        }
        mult * x
    };
    match n {
        0 => 1.0,
        n if n > 0 => posint(a, n as u64),
        n => 1.0 / posint(a, n.unsigned_abs()),
    }
}
