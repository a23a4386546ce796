//! Running bc programs: a tree walker over [`parse`]'s statements.
//!
//! Names are dynamically scoped, as in every bc: a call saves the values
//! its parameters and `auto` names shadow and restores them on return, so
//! a called function sees its caller's locals. Arrays are shared cells, so
//! a `*a[]` parameter can alias the caller's array while plain array
//! parameters get copies.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::Zero;
use parking_lot::Mutex;

use kernel::Proc;

use crate::num::Num;
use crate::parse::{Arg, Expr, Func, Place, PrintItem, Stmt};

/// GNU bc's limits (`limits` prints them).
pub const BASE_MAX: u32 = 999;
pub const DIM_MAX: u64 = 16_777_215;
pub const SCALE_MAX: usize = 2_147_483_647;
pub const STRING_MAX: usize = 2_147_483_647;
const CALL_DEPTH_MAX: usize = 10_000;

type Array = Arc<Mutex<HashMap<u64, Num>>>;

/// Why execution stopped short.
pub enum Flow {
    Break,
    Continue,
    Return(Num),
    /// `halt`, or the end of input for `read()`.
    Halt,
    /// A runtime error: the message (the statement is abandoned).
    Error(String),
}

type Run<T> = Result<T, Flow>;
type Boxed<'a, T> = Pin<Box<dyn Future<Output = Run<T>> + Send + 'a>>;

pub struct Machine {
    pub p: Proc,
    vars: HashMap<String, Num>,
    arrays: HashMap<String, Array>,
    funcs: HashMap<String, Arc<Func>>,
    pub scale: usize,
    pub ibase: u32,
    pub obase: u32,
    last: Num,
    /// The function being run, for messages (`(main)` at top level).
    func: Vec<String>,
    pub out: Vec<u8>,
    /// Where the output line stands, for breaking long numbers.
    column: usize,
    pub line_length: usize,
    /// The most digits a number may grow to (from the process's limits).
    pub max_digits: usize,
    /// `read()` takes numbers from here.
    pub stdin_lines: Vec<String>,
    pub warn: Vec<String>,
}

fn err<T>(msg: impl Into<String>) -> Run<T> {
    Err(Flow::Error(msg.into()))
}

impl Machine {
    pub fn new(p: Proc, max_digits: usize, line_length: usize) -> Machine {
        Machine {
            p,
            vars: HashMap::new(),
            arrays: HashMap::new(),
            funcs: HashMap::new(),
            scale: 0,
            ibase: 10,
            obase: 10,
            last: Num::zero(),
            func: Vec::new(),
            out: Vec::new(),
            column: 0,
            line_length,
            max_digits,
            stdin_lines: Vec::new(),
            warn: Vec::new(),
        }
    }

    pub fn define(&mut self, name: String, f: Arc<Func>) {
        self.funcs.insert(name, f);
    }

    pub fn func_name(&self) -> String {
        self.func.last().cloned().unwrap_or_else(|| "(main)".into())
    }

    /// Run one top-level statement.
    pub async fn top(&mut self, s: &Stmt) -> Run<()> {
        self.func.clear();
        match self.stmt(s).await {
            Ok(()) => Ok(()),
            // Only loops catch these; at top level the parser refused them.
            Err(Flow::Break | Flow::Continue | Flow::Return(_)) => Ok(()),
            Err(f) => Err(f),
        }
    }

    fn stmt<'a>(&'a mut self, s: &'a Stmt) -> Boxed<'a, ()> {
        Box::pin(async move {
            match s {
                Stmt::Expr(e) => {
                    let v = self.eval(e).await?;
                    if !matches!(e, Expr::Assign(..)) {
                        self.print_num(&v);
                        self.text("\n");
                        self.last = v;
                    }
                }
                Stmt::Str(t) => self.text(t),
                Stmt::Print(items) => {
                    for item in items {
                        match item {
                            PrintItem::Str(t) => {
                                let t = unescape(t);
                                self.text(&t);
                            }
                            PrintItem::Expr(e) => {
                                let v = self.eval(e).await?;
                                self.print_num(&v);
                                self.last = v;
                            }
                        }
                    }
                }
                Stmt::If(c, then, otherwise) => {
                    if self.truth(c).await? {
                        self.stmt(then).await?;
                    } else if let Some(o) = otherwise {
                        self.stmt(o).await?;
                    }
                }
                Stmt::While(c, body) => {
                    while self.truth(c).await? {
                        self.yield_now().await?;
                        match self.stmt(body).await {
                            Err(Flow::Break) => break,
                            Err(Flow::Continue) | Ok(()) => {}
                            Err(f) => return Err(f),
                        }
                    }
                }
                Stmt::For(init, cond, step, body) => {
                    if let Some(i) = init {
                        self.eval(i).await?;
                    }
                    loop {
                        if let Some(c) = cond
                            && !self.truth(c).await?
                        {
                            break;
                        }
                        self.yield_now().await?;
                        match self.stmt(body).await {
                            Err(Flow::Break) => break,
                            Err(Flow::Continue) | Ok(()) => {}
                            Err(f) => return Err(f),
                        }
                        if let Some(st) = step {
                            self.eval(st).await?;
                        }
                    }
                }
                Stmt::Block(list) => {
                    for s in list {
                        self.stmt(s).await?;
                    }
                }
                Stmt::Break => return Err(Flow::Break),
                Stmt::Continue => return Err(Flow::Continue),
                Stmt::Return(e) => {
                    let v = match e {
                        Some(e) => self.eval(e).await?,
                        None => Num::zero(),
                    };
                    return Err(Flow::Return(v));
                }
                Stmt::Halt => return Err(Flow::Halt),
                Stmt::Limits => {
                    let text = format!(
                        "BC_BASE_MAX     = {BASE_MAX}\nBC_DIM_MAX      = {DIM_MAX}\nBC_SCALE_MAX    = {SCALE_MAX}\nBC_STRING_MAX   = {STRING_MAX}\nMAX Exponent    = {}\nNumber of vars  = {}\n",
                        i64::MAX,
                        i32::MAX
                    );
                    self.text(&text);
                }
            }
            Ok(())
        })
    }

    async fn yield_now(&mut self) -> Run<()> {
        if self.p.checkpoint().await.is_err() {
            return Err(Flow::Halt);
        }
        Ok(())
    }

    async fn truth(&mut self, e: &Expr) -> Run<bool> {
        Ok(!self.eval(e).await?.is_zero())
    }

    /// Output text as it is (strings do not count toward line breaking
    /// of numbers except through the column).
    fn text(&mut self, t: &str) {
        self.out.extend_from_slice(t.as_bytes());
        match t.rfind('\n') {
            Some(i) => self.column = t.len() - i - 1,
            None => self.column += t.len(),
        }
    }

    /// A number in `obase`, broken into lines of `line_length` with a
    /// backslash, as GNU bc does.
    fn print_num(&mut self, v: &Num) {
        let s = v.format(self.obase);
        if self.line_length < 2 {
            self.text(&s);
            return;
        }
        for ch in s.chars() {
            if self.column + 2 >= self.line_length {
                self.out.extend_from_slice(b"\\\n");
                self.column = 0;
            }
            let mut b = [0u8; 4];
            self.out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
            self.column += 1;
        }
    }

    fn check_digits(&self, digits: usize) -> Run<()> {
        if digits > self.max_digits {
            return err(format!("number too long: more than {} digits", self.max_digits));
        }
        Ok(())
    }

    fn eval<'a>(&'a mut self, e: &'a Expr) -> Boxed<'a, Num> {
        Box::pin(async move {
            match e {
                Expr::Num(text) => Ok(Num::parse(text, self.ibase)),
                Expr::Load(place) => self.load(place).await,
                Expr::Neg(a) => Ok(self.eval(a).await?.neg()),
                Expr::Not(a) => Ok(Num::from_i64(self.eval(a).await?.is_zero() as i64)),
                Expr::And(a, b) => {
                    let r = !self.eval(a).await?.is_zero() && !self.eval(b).await?.is_zero();
                    Ok(Num::from_i64(r as i64))
                }
                Expr::Or(a, b) => {
                    let r = !self.eval(a).await?.is_zero() || !self.eval(b).await?.is_zero();
                    Ok(Num::from_i64(r as i64))
                }
                Expr::Bin(op, a, b) => {
                    let x = self.eval(a).await?;
                    let y = self.eval(b).await?;
                    self.binary(op, &x, &y)
                }
                Expr::Assign(place, op, value) => {
                    let v = self.eval(value).await?;
                    let v = match op {
                        None => v,
                        Some(op) => {
                            let old = self.load(place).await?;
                            self.binary(op, &old, &v)?
                        }
                    };
                    self.store(place, v.clone()).await?;
                    self.load(place).await
                }
                Expr::Step(place, delta, pre) => {
                    let old = self.load(place).await?;
                    let new = old.add(&Num::from_i64(*delta));
                    self.store(place, new).await?;
                    if *pre { self.load(place).await } else { Ok(old) }
                }
                Expr::Length(a) => Ok(Num::from_i64(self.eval(a).await?.length() as i64)),
                Expr::ScaleOf(a) => Ok(Num::from_i64(self.eval(a).await?.scale() as i64)),
                Expr::Sqrt(a) => {
                    let v = self.eval(a).await?;
                    self.check_digits(2 * self.scale.max(v.scale()))?;
                    match v.sqrt(self.scale) {
                        Some(r) => Ok(r),
                        None => err("Square root of a negative number"),
                    }
                }
                Expr::Read => {
                    if self.stdin_lines.is_empty() {
                        return Err(Flow::Halt);
                    }
                    let line = self.stdin_lines.remove(0);
                    let text = line.trim();
                    let valid = !text.is_empty()
                        && text
                            .trim_start_matches('-')
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b == b'.');
                    if !valid {
                        return err("read() in a program: only numbers can be read");
                    }
                    let v = Num::parse(text.trim_start_matches('-'), self.ibase);
                    Ok(if text.starts_with('-') { v.neg() } else { v })
                }
                Expr::Call(name, args) => self.call(name, args).await,
            }
        })
    }

    fn binary(&mut self, op: &str, x: &Num, y: &Num) -> Run<Num> {
        use std::cmp::Ordering::*;
        let bool_num = |b: bool| Ok(Num::from_i64(b as i64));
        match op {
            "+" => Ok(x.add(y)),
            "-" => Ok(x.sub(y)),
            "*" => {
                self.check_digits(x.length() + y.length())?;
                Ok(x.mul(y, self.scale))
            }
            "/" => {
                self.check_digits(self.scale + x.length() + y.scale())?;
                x.div(y, self.scale).map_or_else(|| err("Divide by zero"), Ok)
            }
            "%" => {
                self.check_digits(self.scale + x.length() + y.scale())?;
                x.rem(y, self.scale).map_or_else(|| err("Modulo by zero"), Ok)
            }
            "^" => {
                if !y.is_integer() {
                    self.warn.push("non-zero scale in exponent".into());
                }
                let e: BigInt = y.trunc_int();
                if x.is_zero() && e < BigInt::zero() {
                    return err("divide by zero");
                }
                x.pow(&e, self.scale, self.max_digits)
                    .map_err(|m| Flow::Error(m.into()))
            }
            "==" => bool_num(x.cmp(y) == Equal),
            "!=" => bool_num(x.cmp(y) != Equal),
            "<" => bool_num(x.cmp(y) == Less),
            "<=" => bool_num(x.cmp(y) != Greater),
            ">" => bool_num(x.cmp(y) == Greater),
            ">=" => bool_num(x.cmp(y) != Less),
            _ => err(format!("unknown operator {op}")),
        }
    }

    async fn index(&mut self, e: &Expr, name: &str) -> Run<u64> {
        let v = self.eval(e).await?;
        match v.to_i64() {
            Some(i) if i >= 0 && (i as u64) <= DIM_MAX => Ok(i as u64),
            Some(i) if i < 0 => err(format!("Negative index in array {name}")),
            _ => err(format!("Array {name} subscript out of bounds.")),
        }
    }

    fn array(&mut self, name: &str) -> Array {
        self.arrays.entry(name.to_string()).or_default().clone()
    }

    async fn load(&mut self, place: &Place) -> Run<Num> {
        Ok(match place {
            Place::Var(n) => self.vars.get(n).cloned().unwrap_or_default(),
            Place::Elem(n, i) => {
                let i = self.index(i, n).await?;
                self.array(n).lock().get(&i).cloned().unwrap_or_default()
            }
            Place::Scale => Num::from_i64(self.scale as i64),
            Place::Ibase => Num::from_i64(self.ibase as i64),
            Place::Obase => Num::from_i64(self.obase as i64),
            Place::Last => self.last.clone(),
        })
    }

    async fn store(&mut self, place: &Place, v: Num) -> Run<()> {
        match place {
            Place::Var(n) => {
                self.vars.insert(n.clone(), v);
            }
            Place::Elem(n, i) => {
                let i = self.index(i, n).await?;
                self.array(n).lock().insert(i, v);
            }
            Place::Scale => {
                let s = v.to_i64().unwrap_or(i64::MAX);
                if s < 0 {
                    return err("negative scale");
                }
                let s = s as usize;
                if s > SCALE_MAX {
                    return err("scale too large");
                }
                self.scale = s;
            }
            Place::Ibase => {
                let b = v.to_i64().unwrap_or(i64::MAX);
                self.ibase = match b {
                    b if b < 2 => {
                        self.warn.push("ibase too small, set to 2".into());
                        2
                    }
                    b if b > 16 => {
                        self.warn.push("ibase too large, set to 16".into());
                        16
                    }
                    b => b as u32,
                };
            }
            Place::Obase => {
                let b = v.to_i64().unwrap_or(i64::MAX);
                self.obase = match b {
                    b if b < 2 => {
                        self.warn.push("obase too small, set to 2".into());
                        2
                    }
                    b if b > BASE_MAX as i64 => {
                        self.warn.push(format!("obase too large, set to {BASE_MAX}"));
                        BASE_MAX
                    }
                    b => b as u32,
                };
            }
            Place::Last => self.last = v,
        }
        Ok(())
    }

    async fn call(&mut self, name: &str, args: &[Arg]) -> Run<Num> {
        let Some(f) = self.funcs.get(name).cloned() else {
            return err(format!("Function {name} not defined."));
        };
        if self.func.len() >= CALL_DEPTH_MAX {
            return err("function calls nested too deeply");
        }
        if args.len() != f.params.len() {
            return err("Parameter number mismatch");
        }
        // Evaluate the arguments in the caller's scope first.
        let mut values: Vec<Result<Num, Array>> = Vec::new();
        for (a, p) in args.iter().zip(&f.params) {
            match (a, p.array) {
                (Arg::Value(e), false) => values.push(Ok(self.eval(e).await?)),
                (Arg::Array(n), true) => {
                    let arr = self.array(n);
                    values.push(Err(if p.by_ref {
                        arr
                    } else {
                        Arc::new(Mutex::new(arr.lock().clone()))
                    }));
                }
                _ => return err("Parameter type mismatch"),
            }
        }
        // Shadow: save what the names held, bind the new values.
        let mut saved_vars = Vec::new();
        let mut saved_arrays = Vec::new();
        for (p, v) in f.params.iter().zip(values) {
            match v {
                Ok(n) => saved_vars.push((p.name.clone(), self.vars.insert(p.name.clone(), n))),
                Err(a) => saved_arrays.push((p.name.clone(), self.arrays.insert(p.name.clone(), a))),
            }
        }
        for (n, is_array) in &f.autos {
            if *is_array {
                saved_arrays.push((n.clone(), self.arrays.insert(n.clone(), Array::default())));
            } else {
                saved_vars.push((n.clone(), self.vars.insert(n.clone(), Num::zero())));
            }
        }
        self.func.push(name.to_string());
        let mut result = Ok(Num::zero());
        for s in &f.body {
            match self.stmt(s).await {
                Ok(()) => {}
                Err(Flow::Return(v)) => {
                    result = Ok(v);
                    break;
                }
                Err(other) => {
                    result = Err(other);
                    break;
                }
            }
        }
        if result.is_ok() {
            self.func.pop();
        }
        // Restore in reverse, so a name bound twice gets its first value.
        for (n, old) in saved_vars.into_iter().rev() {
            match old {
                Some(v) => self.vars.insert(n, v),
                None => self.vars.remove(&n),
            };
        }
        for (n, old) in saved_arrays.into_iter().rev() {
            match old {
                Some(a) => self.arrays.insert(n, a),
                None => self.arrays.remove(&n),
            };
        }
        result
    }
}

/// The escapes of `print` strings: `\n \t \a \b \f \r \q \\`.
fn unescape(t: &str) -> String {
    let mut out = String::new();
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('r') => out.push('\r'),
            Some('q') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}
