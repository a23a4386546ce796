//! From the AST to bytecode: decide which variables are arrays (awk types
//! them by use, through function calls too), then emit code.

use std::collections::HashMap;
use std::sync::Arc;

use super::ast::*;
use super::code::{Arr, Code, FuncInfo, GetSrc, Lv, Op, Re, SPLIT_PAT, SPLIT_SEPS};
use super::parser::slot;
use super::regex;
use super::source::Diag;
use super::value::str_from;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Unknown,
    Scalar,
    Array,
}

/// Union-find over variables (globals, then each function's params):
/// passing a bare name to a function ties the two together.
struct Types {
    parent: Vec<usize>,
    kind: Vec<Kind>,
    names: Vec<String>,
    func_base: Vec<usize>,
}

impl Types {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Give `x` a kind; gawk's message when it already has the other.
    fn set(&mut self, x: usize, k: Kind) -> Result<(), String> {
        let r = self.find(x);
        let name = &self.names[x];
        let param = if x >= self.func_base.first().copied().unwrap_or(usize::MAX) {
            " parameter"
        } else {
            ""
        };
        match (self.kind[r], k) {
            (Kind::Unknown, _) => {
                self.kind[r] = k;
                Ok(())
            }
            (a, b) if a == b => Ok(()),
            (Kind::Array, _) => Err(format!("attempt to use array{param} `{name}' in a scalar context")),
            _ => Err(format!("attempt to use scalar{param} `{name}' as an array")),
        }
    }

    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        let k = match (self.kind[ra], self.kind[rb]) {
            (Kind::Unknown, k) | (k, Kind::Unknown) => k,
            (x, y) if x == y => x,
            _ => return false,
        };
        self.parent[ra] = rb;
        self.kind[rb] = k;
        true
    }

    fn kind_of(&mut self, x: usize) -> Kind {
        let r = self.find(x);
        self.kind[r]
    }
}

pub struct Compiler<'p> {
    prog: &'p Program,
    /// Regex literals match characters (a UTF-8 locale).
    utf8: bool,
    types: Types,
    funcs: HashMap<String, usize>,
    /// The function being compiled.
    cur: Option<usize>,
    code: Code,
    /// Per function, per param: (is array, index).
    layouts: Vec<Vec<(bool, u32)>>,
    /// Where the statement being looked at starts (for messages).
    at: usize,
    loops: Vec<LoopCtx>,
    consts: HashMap<Vec<u8>, u32>,
    re_consts: HashMap<Vec<u8>, u32>,
    range_count: u32,
}

struct LoopCtx {
    breaks: Vec<usize>,
    continues: Vec<usize>,
}

type CResult<T> = Result<T, Diag>;

pub fn compile(prog: &Program, utf8: bool) -> CResult<Code> {
    let mut funcs = HashMap::new();
    for (i, f) in prog.funcs.iter().enumerate() {
        funcs.insert(f.name.clone(), i);
    }
    let mut names: Vec<String> = prog.globals.clone();
    let mut func_base = Vec::new();
    for f in &prog.funcs {
        func_base.push(names.len());
        names.extend(f.params.iter().cloned());
    }
    let n = names.len();
    let mut types = Types {
        parent: (0..n).collect(),
        kind: vec![Kind::Unknown; n],
        names,
        func_base,
    };
    for g in 0..slot::COUNT as usize {
        let k = if g == slot::ENVIRON as usize || g == slot::ARGV as usize || g == slot::PROCINFO as usize {
            Kind::Array
        } else {
            Kind::Scalar
        };
        types.kind[g] = k;
    }
    let mut c = Compiler {
        prog,
        utf8,
        types,
        funcs,
        cur: None,
        code: Code::default(),
        layouts: Vec::new(),
        at: 0,
        loops: Vec::new(),
        consts: HashMap::new(),
        re_consts: HashMap::new(),
        range_count: 0,
    };
    c.infer()?;
    c.layout();
    c.emit_all()?;
    Ok(c.code)
}

impl<'p> Compiler<'p> {
    // ---- type inference ----

    fn node(&self, v: Var) -> usize {
        match v {
            Var::Global(g) => g as usize,
            Var::Local(i) => self.types.func_base[self.cur.unwrap_or(0)] + i as usize,
        }
    }

    fn infer(&mut self) -> CResult<()> {
        let prog = self.prog;
        let specials = prog
            .begin
            .iter()
            .chain(&prog.end)
            .chain(&prog.beginfile)
            .chain(&prog.endfile);
        for b in specials {
            self.infer_stmts(b)?;
        }
        for r in &prog.rules {
            self.at = r.pos;
            match &r.pattern {
                Pattern::All => {}
                Pattern::Expr(e) => self.infer_expr(e)?,
                Pattern::Range(a, b) => {
                    self.infer_expr(a)?;
                    self.infer_expr(b)?;
                }
            }
            if let Some(a) = &r.action {
                self.infer_stmts(a)?;
            }
        }
        for (i, f) in prog.funcs.iter().enumerate() {
            self.cur = Some(i);
            self.infer_stmts(&f.body)?;
        }
        self.cur = None;
        Ok(())
    }

    fn scalar(&mut self, v: Var) -> CResult<()> {
        let n = self.node(v);
        self.types.set(n, Kind::Scalar).map_err(|e| Diag::fatal(self.at, e))
    }

    fn array(&mut self, v: Var) -> CResult<()> {
        let n = self.node(v);
        self.types.set(n, Kind::Array).map_err(|e| Diag::fatal(self.at, e))
    }

    fn infer_stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        body.iter().try_for_each(|s| self.infer_stmt(s))
    }

    fn infer_stmt(&mut self, s: &Stmt) -> CResult<()> {
        match s {
            Stmt::At(pos, s) => {
                self.at = *pos;
                self.infer_stmt(s)
            }
            Stmt::Expr(e) => self.infer_expr(e),
            Stmt::Print(args, r) | Stmt::Printf(args, r) => {
                self.infer_exprs(args)?;
                if let Some((_, e)) = r {
                    self.infer_expr(e)?;
                }
                Ok(())
            }
            Stmt::If(c, a, b) => {
                self.infer_expr(c)?;
                self.infer_stmt(a)?;
                if let Some(b) = b {
                    self.infer_stmt(b)?;
                }
                Ok(())
            }
            Stmt::While(c, b) | Stmt::Do(b, c) => {
                self.infer_expr(c)?;
                self.infer_stmt(b)
            }
            Stmt::For(i, c, st, b) => {
                if let Some(i) = i {
                    self.infer_stmt(i)?;
                }
                if let Some(c) = c {
                    self.infer_expr(c)?;
                }
                if let Some(st) = st {
                    self.infer_stmt(st)?;
                }
                self.infer_stmt(b)
            }
            Stmt::ForIn(v, a, b) => {
                self.scalar(*v)?;
                self.array(*a)?;
                self.infer_stmt(b)
            }
            Stmt::Block(b) => self.infer_stmts(b),
            Stmt::Exit(Some(e)) | Stmt::Return(Some(e)) => self.infer_expr(e),
            Stmt::Delete(v, subs) => {
                self.array(*v)?;
                if let Some(s) = subs {
                    self.infer_exprs(s)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn infer_exprs(&mut self, es: &[Expr]) -> CResult<()> {
        es.iter().try_for_each(|e| self.infer_expr(e))
    }

    fn infer_lv(&mut self, lv: &LValue) -> CResult<()> {
        match lv {
            LValue::Var(v) => self.scalar(*v),
            LValue::Field(e) => self.infer_expr(e),
            LValue::Index(v, subs) => {
                self.array(*v)?;
                self.infer_exprs(subs)
            }
        }
    }

    fn infer_expr(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::Num(_) | Expr::Str(_) | Expr::Regex(_) => Ok(()),
            Expr::Lv(lv) => self.infer_lv(lv),
            Expr::Assign(lv, _, rhs) => {
                self.infer_lv(lv)?;
                self.infer_expr(rhs)
            }
            Expr::Cond(a, b, c) => {
                self.infer_expr(a)?;
                self.infer_expr(b)?;
                self.infer_expr(c)
            }
            Expr::And(a, b) | Expr::Or(a, b) | Expr::Binary(_, a, b) | Expr::Cmp(_, a, b) | Expr::Match(_, a, b) => {
                self.infer_expr(a)?;
                self.infer_expr(b)
            }
            Expr::Not(a) | Expr::Neg(a) | Expr::Plus(a) | Expr::Paren(a) => self.infer_expr(a),
            Expr::Concat(v) | Expr::Builtin(_, v) | Expr::Grouping(v) => self.infer_exprs(v),
            Expr::Incr(_, _, lv) => self.infer_lv(lv),
            Expr::In(subs, v) => {
                self.array(*v)?;
                self.infer_exprs(subs)
            }
            Expr::Call(name, args, at) => {
                let Some(&f) = self.funcs.get(name) else {
                    return Err(undefined(name, *at));
                };
                let nparams = self.prog.funcs[f].params.len();
                if args.len() > nparams {
                    let msg = format!("function `{name}' called with more arguments than declared");
                    self.code.warnings.push(Diag::warning(*at, msg));
                }
                for (i, a) in args.iter().enumerate() {
                    if i >= nparams {
                        self.infer_expr(a)?;
                        continue;
                    }
                    let pnode = self.types.func_base[f] + i;
                    match a {
                        Expr::Lv(LValue::Var(v)) => {
                            let n = self.node(*v);
                            if !self.types.union(n, pnode) {
                                return Err(self.mismatch(n, pnode));
                            }
                        }
                        _ => {
                            self.infer_expr(a)?;
                            if self.types.kind_of(pnode) == Kind::Array {
                                let param = &self.types.names[pnode];
                                return Err(Diag::fatal(
                                    *at,
                                    format!("attempt to use scalar parameter `{param}' as an array"),
                                ));
                            }
                            self.types.set(pnode, Kind::Scalar).map_err(|e| Diag::fatal(*at, e))?;
                        }
                    }
                }
                Ok(())
            }
            Expr::MatchArr(s, re, arr) => {
                self.infer_expr(s)?;
                self.infer_expr(re)?;
                self.array(*arr)
            }
            Expr::Sort(_, src, dest, how) => {
                self.array(*src)?;
                if let Some(d) = dest {
                    self.array(*d)?;
                }
                if let Some(h) = how {
                    self.infer_expr(h)?;
                }
                Ok(())
            }
            Expr::Split(_, s, v, fs, seps) => {
                self.infer_expr(s)?;
                self.array(*v)?;
                if let Some(fs) = fs {
                    self.infer_expr(fs)?;
                }
                if let Some(seps) = seps {
                    self.array(*seps)?;
                }
                Ok(())
            }
            Expr::Seq(a, b) => {
                self.infer_expr(a)?;
                self.infer_expr(b)
            }
            Expr::Sub(_, a, b, lv) => {
                self.infer_expr(a)?;
                self.infer_expr(b)?;
                self.infer_lv(lv)
            }
            Expr::LengthOf(_) => Ok(()),
            Expr::Getline(src, lv) => {
                match src {
                    GetlineSrc::Main => {}
                    GetlineSrc::File(e) | GetlineSrc::Cmd(e) => self.infer_expr(e)?,
                }
                if let Some(lv) = lv {
                    self.infer_lv(lv)?;
                }
                Ok(())
            }
        }
    }

    /// gawk's message for an argument whose kind is not its parameter's.
    fn mismatch(&mut self, arg: usize, param: usize) -> Diag {
        let msg = if self.types.kind_of(param) == Kind::Array {
            format!(
                "attempt to use scalar parameter `{}' as an array",
                self.types.names[param]
            )
        } else {
            format!("attempt to use array `{}' in a scalar context", self.types.names[arg])
        };
        Diag::fatal(self.at, msg)
    }

    /// Number the arrays: globals get arena slots, function locals get
    /// frame indexes.
    fn layout(&mut self) {
        let mut next = 0u32;
        let mut ga = Vec::new();
        for g in 0..self.prog.globals.len() {
            if self.types.kind_of(g) == Kind::Array {
                ga.push(Some(next));
                next += 1;
            } else {
                ga.push(None);
            }
        }
        self.code.global_arrays = ga;
        self.code.n_arrays = next as usize;
        self.code.n_globals = self.prog.globals.len();
        self.code.global_names = self.prog.globals.clone();
        for (f, func) in self.prog.funcs.iter().enumerate() {
            let (mut s, mut a) = (0, 0);
            let mut layout = Vec::new();
            for i in 0..func.params.len() {
                let node = self.types.func_base[f] + i;
                if self.types.kind_of(node) == Kind::Array {
                    layout.push((true, a));
                    a += 1;
                } else {
                    layout.push((false, s));
                    s += 1;
                }
            }
            self.layouts.push(layout.clone());
            self.code.func_names.push(func.name.clone());
            self.code.funcs.push(FuncInfo {
                entry: 0,
                params: layout,
                scalars: s,
            });
        }
    }

    // ---- code generation ----

    fn emit(&mut self, op: Op) -> usize {
        self.code.ops.push(op);
        self.code.ops.len() - 1
    }

    fn here(&self) -> u32 {
        self.code.ops.len() as u32
    }

    fn patch(&mut self, at: usize, target: u32) {
        match &mut self.code.ops[at] {
            Op::Jmp(t) | Op::JmpF(t) | Op::JmpT(t) | Op::Loop(t) | Op::ForInNext(_, t) | Op::RangeActive(_, t) => {
                *t = target
            }
            _ => {}
        }
    }

    fn str_const(&mut self, s: &[u8]) -> u32 {
        if let Some(&i) = self.consts.get(s) {
            return i;
        }
        let i = self.code.strs.len() as u32;
        self.code.strs.push(str_from(s));
        self.consts.insert(s.to_vec(), i);
        i
    }

    fn re_const(&mut self, s: &[u8]) -> CResult<u32> {
        if let Some(&i) = self.re_consts.get(s) {
            return Ok(i);
        }
        let re = regex::compile_in(s, self.utf8)
            .map_err(|e| Diag::error(self.at, format!("{e}: /{}/", String::from_utf8_lossy(s))))?;
        let i = self.code.regexes.len() as u32;
        self.code.regexes.push(Arc::new(re));
        self.code.regex_src.push(s.to_vec());
        self.re_consts.insert(s.to_vec(), i);
        Ok(i)
    }

    fn emit_all(&mut self) -> CResult<()> {
        let prog = self.prog;
        self.code.has_begin = !prog.begin.is_empty();
        self.code.reads_input =
            !prog.rules.is_empty() || !prog.end.is_empty() || !prog.beginfile.is_empty() || !prog.endfile.is_empty();
        self.code.begin = self.code.ops.len();
        for b in &prog.begin {
            self.stmts(b)?;
        }
        self.emit(Op::Halt);
        self.code.main = self.code.ops.len();
        for r in &prog.rules {
            self.rule(r)?;
        }
        self.emit(Op::Halt);
        self.code.end = self.code.ops.len();
        for b in &prog.end {
            self.stmts(b)?;
        }
        self.emit(Op::Halt);
        self.code.beginfile = (!prog.beginfile.is_empty()).then_some(self.code.ops.len());
        for b in &prog.beginfile {
            self.stmts(b)?;
        }
        self.emit(Op::Halt);
        self.code.endfile = (!prog.endfile.is_empty()).then_some(self.code.ops.len());
        for b in &prog.endfile {
            self.stmts(b)?;
        }
        self.emit(Op::Halt);
        for (i, f) in prog.funcs.iter().enumerate() {
            self.cur = Some(i);
            self.code.funcs[i].entry = self.code.ops.len();
            self.stmts(&f.body)?;
            self.emit(Op::Return(false));
        }
        self.cur = None;
        self.code.ranges = self.range_count as usize;
        Ok(())
    }

    /// Mark the code from here on as the program text's from `pos`.
    fn mark(&mut self, pos: usize) {
        self.at = pos;
        let op = self.code.ops.len() as u32;
        match self.code.lines.last_mut() {
            Some(last) if last.0 == op => last.1 = pos as u32,
            _ => self.code.lines.push((op, pos as u32)),
        }
    }

    fn rule(&mut self, r: &Rule) -> CResult<()> {
        self.mark(r.pos);
        let mut skip = None;
        match &r.pattern {
            Pattern::All => {}
            Pattern::Expr(e) => {
                self.cond(e)?;
                skip = Some(self.emit(Op::JmpF(0)));
            }
            Pattern::Range(a, b) => {
                let i = self.range_count;
                self.range_count += 1;
                let active = self.emit(Op::RangeActive(i, 0));
                self.cond(a)?;
                skip = Some(self.emit(Op::JmpF(0)));
                self.emit(Op::RangeSet(i, true));
                let check_end = self.here();
                self.patch(active, check_end);
                self.cond(b)?;
                let run = self.emit(Op::JmpF(0));
                self.emit(Op::RangeSet(i, false));
                let h = self.here();
                self.patch(run, h);
            }
        }
        match &r.action {
            Some(a) => self.stmts(a)?,
            None => {
                self.emit(Op::Print(0, None));
            }
        }
        if let Some(s) = skip {
            let h = self.here();
            self.patch(s, h);
        }
        Ok(())
    }

    /// A condition: a lone regex matches the record.
    fn cond(&mut self, e: &Expr) -> CResult<()> {
        self.expr(e)
    }

    fn stmts(&mut self, body: &[Stmt]) -> CResult<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        match s {
            Stmt::At(pos, s) => {
                self.mark(*pos);
                self.stmt(s)?;
            }
            Stmt::Expr(e) => self.expr_discard(e)?,
            Stmt::Print(args, r) | Stmt::Printf(args, r) => {
                for a in args {
                    self.expr(a)?;
                }
                let redir = match r {
                    Some((kind, target)) => {
                        self.expr(target)?;
                        Some(*kind)
                    }
                    None => None,
                };
                let n = args.len() as u32;
                self.emit(if matches!(s, Stmt::Print(..)) {
                    Op::Print(n, redir)
                } else {
                    Op::Printf(n, redir)
                });
            }
            Stmt::If(c, a, b) => {
                self.cond(c)?;
                let jf = self.emit(Op::JmpF(0));
                self.stmt(a)?;
                match b {
                    Some(b) => {
                        let j = self.emit(Op::Jmp(0));
                        let h = self.here();
                        self.patch(jf, h);
                        self.stmt(b)?;
                        let h = self.here();
                        self.patch(j, h);
                    }
                    None => {
                        let h = self.here();
                        self.patch(jf, h);
                    }
                }
            }
            Stmt::While(c, body) => {
                let top = self.here();
                self.cond(c)?;
                let jf = self.emit(Op::JmpF(0));
                self.loops.push(LoopCtx {
                    breaks: vec![jf],
                    continues: Vec::new(),
                });
                self.stmt(body)?;
                self.emit(Op::Loop(top));
                self.close_loop(top)?;
            }
            Stmt::Do(body, c) => {
                let top = self.here();
                self.loops.push(LoopCtx {
                    breaks: Vec::new(),
                    continues: Vec::new(),
                });
                self.stmt(body)?;
                let cont = self.here();
                self.cond(c)?;
                let jf = self.emit(Op::JmpF(0));
                self.emit(Op::Loop(top));
                if let Some(l) = self.loops.last_mut() {
                    l.breaks.push(jf);
                }
                self.close_loop(cont)?;
            }
            Stmt::For(init, c, step, body) => {
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                let top = self.here();
                let mut breaks = Vec::new();
                if let Some(c) = c {
                    self.cond(c)?;
                    breaks.push(self.emit(Op::JmpF(0)));
                }
                self.loops.push(LoopCtx {
                    breaks,
                    continues: Vec::new(),
                });
                self.stmt(body)?;
                let cont = self.here();
                if let Some(st) = step {
                    self.stmt(st)?;
                }
                self.emit(Op::Loop(top));
                self.close_loop(cont)?;
            }
            Stmt::ForIn(v, a, body) => {
                let arr = self.arr(*a);
                self.emit(Op::ForInStart(arr));
                let top = self.here();
                let lv = self.var_lv(*v);
                let next = self.emit(Op::ForInNext(lv, 0));
                self.loops.push(LoopCtx {
                    breaks: Vec::new(),
                    continues: Vec::new(),
                });
                self.stmt(body)?;
                self.emit(Op::Loop(top));
                let ctx = self.loops.pop().unwrap_or(LoopCtx {
                    breaks: Vec::new(),
                    continues: Vec::new(),
                });
                let brk = self.here();
                self.emit(Op::ForInPop);
                let end = self.here();
                self.patch(next, end);
                for b in ctx.breaks {
                    self.patch(b, brk);
                }
                for c in ctx.continues {
                    self.patch(c, top);
                }
            }
            Stmt::Block(b) => self.stmts(b)?,
            Stmt::Next => {
                self.emit(Op::Next);
            }
            Stmt::Nextfile => {
                self.emit(Op::Nextfile);
            }
            Stmt::Exit(e) => {
                match e {
                    Some(e) => {
                        self.expr(e)?;
                        self.emit(Op::Exit(true));
                    }
                    None => {
                        self.emit(Op::Exit(false));
                    }
                };
            }
            Stmt::Return(e) => {
                match e {
                    Some(e) => {
                        self.expr(e)?;
                        self.emit(Op::Return(true));
                    }
                    None => {
                        self.emit(Op::Return(false));
                    }
                };
            }
            Stmt::Break => {
                let j = self.emit(Op::Jmp(0));
                if let Some(l) = self.loops.last_mut() {
                    l.breaks.push(j);
                }
            }
            Stmt::Continue => {
                let j = self.emit(Op::Jmp(0));
                if let Some(l) = self.loops.last_mut() {
                    l.continues.push(j);
                }
            }
            Stmt::Delete(v, subs) => {
                let arr = self.arr(*v);
                match subs {
                    Some(s) => {
                        self.subscript(s)?;
                        self.emit(Op::Delete(arr));
                    }
                    None => {
                        self.emit(Op::DeleteAll(arr));
                    }
                }
            }
        }
        Ok(())
    }

    /// Patch a loop's breaks to here and its continues to `cont`.
    fn close_loop(&mut self, cont: u32) -> CResult<()> {
        let Some(ctx) = self.loops.pop() else {
            return Ok(());
        };
        let end = self.here();
        for b in ctx.breaks {
            self.patch(b, end);
        }
        for c in ctx.continues {
            self.patch(c, cont);
        }
        Ok(())
    }

    fn arr(&mut self, v: Var) -> Arr {
        match v {
            Var::Global(g) => Arr::G(self.code.global_arrays[g as usize].unwrap_or(0)),
            Var::Local(i) => {
                let f = self.cur.unwrap_or(0);
                Arr::L(self.layouts[f][i as usize].1)
            }
        }
    }

    fn is_array(&mut self, v: Var) -> bool {
        let n = self.node(v);
        self.types.kind_of(n) == Kind::Array
    }

    fn var_lv(&mut self, v: Var) -> Lv {
        match v {
            Var::Global(g) => Lv::G(g),
            Var::Local(i) => {
                let f = self.cur.unwrap_or(0);
                Lv::L(self.layouts[f][i as usize].1)
            }
        }
    }

    fn subscript(&mut self, subs: &[Expr]) -> CResult<()> {
        for s in subs {
            self.expr(s)?;
        }
        if subs.len() > 1 {
            self.emit(Op::Subsep(subs.len() as u32));
        }
        Ok(())
    }

    /// Push what an lvalue needs (key, field number) and name it.
    fn lvalue(&mut self, lv: &LValue) -> CResult<Lv> {
        Ok(match lv {
            LValue::Var(v) => {
                if self.is_array(*v) {
                    return Err(self.array_ref(*v));
                }
                self.var_lv(*v)
            }
            LValue::Index(v, subs) => {
                // PROCINFO's settings other than sorted_in (NONFATAL,
                // READ_TIMEOUT, ...) are not here: refused, not ignored.
                if *v == Var::Global(slot::PROCINFO) && !matches!(subs.as_slice(), [Expr::Str(k)] if k == b"sorted_in")
                {
                    return Err(Diag::fatal(
                        self.at,
                        "only PROCINFO[\"sorted_in\"] can be set in this awk (gawk's other PROCINFO settings are not implemented)",
                    ));
                }
                self.subscript(subs)?;
                Lv::Elem(self.arr(*v))
            }
            LValue::Field(e) => match const_index(e) {
                Some(k) => Lv::FieldConst(k),
                None => {
                    self.expr(e)?;
                    Lv::Field
                }
            },
        })
    }

    fn array_ref(&self, v: Var) -> Diag {
        let name = match v {
            Var::Global(g) => self.prog.globals[g as usize].clone(),
            Var::Local(i) => self.prog.funcs[self.cur.unwrap_or(0)].params[i as usize].clone(),
        };
        Diag::fatal(self.at, format!("attempt to use array `{name}' in a scalar context"))
    }

    /// An expression whose value is not used.
    fn expr_discard(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::Assign(lv, op, rhs) => self.assign(lv, *op, rhs, false),
            Expr::Incr(_, delta, lv) => {
                let l = self.lvalue(lv)?;
                self.emit(Op::Incr(l, *delta, true, false));
                Ok(())
            }
            _ => {
                self.expr(e)?;
                self.emit(Op::Pop);
                Ok(())
            }
        }
    }

    fn assign(&mut self, lv: &LValue, op: Option<BinOp>, rhs: &Expr, keep: bool) -> CResult<()> {
        let l = self.lvalue(lv)?;
        match op {
            None => {
                self.expr(rhs)?;
                self.emit(Op::Store(l, keep));
            }
            Some(op) => {
                self.num_expr(rhs)?;
                self.emit(Op::Aug(l, op, keep));
            }
        }
        Ok(())
    }

    /// An expression used as a number: `$k` is parsed in place.
    fn num_expr(&mut self, e: &Expr) -> CResult<()> {
        if let Expr::Lv(LValue::Field(k)) = e
            && let Some(k) = const_index(k)
            && k > 0
        {
            self.emit(Op::FieldNum(k));
            return Ok(());
        }
        self.expr(e)
    }

    fn regex_operand(&mut self, e: &Expr) -> CResult<Re> {
        if let Expr::Regex(r) = e {
            return Ok(Re::Const(self.re_const(r)?));
        }
        self.expr(e)?;
        Ok(Re::Dyn)
    }

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        match e {
            Expr::Num(n) => {
                self.emit(Op::Num(*n));
            }
            Expr::Str(s) => {
                let i = self.str_const(s);
                self.emit(Op::Str(i));
            }
            Expr::Regex(r) => {
                let i = self.re_const(r)?;
                self.emit(Op::MatchRecord(i));
            }
            Expr::Lv(lv) => match lv {
                LValue::Var(v) => {
                    if self.is_array(*v) {
                        return Err(self.array_ref(*v));
                    }
                    match *v {
                        Var::Global(g) if g == slot::NF => self.emit(Op::LoadNF),
                        Var::Global(g) => self.emit(Op::LoadG(g)),
                        Var::Local(_) => {
                            let Lv::L(i) = self.var_lv(*v) else { unreachable!() };
                            self.emit(Op::LoadL(i))
                        }
                    };
                }
                LValue::Index(v, subs) => {
                    self.subscript(subs)?;
                    let a = self.arr(*v);
                    self.emit(Op::Elem(a));
                }
                LValue::Field(k) => match const_index(k) {
                    Some(k) => {
                        self.emit(Op::Field(k));
                    }
                    None => {
                        self.expr(k)?;
                        self.emit(Op::FieldDyn);
                    }
                },
            },
            Expr::Assign(lv, op, rhs) => self.assign(lv, *op, rhs, true)?,
            Expr::Cond(c, a, b) => {
                self.cond(c)?;
                let jf = self.emit(Op::JmpF(0));
                self.expr(a)?;
                let j = self.emit(Op::Jmp(0));
                let h = self.here();
                self.patch(jf, h);
                self.expr(b)?;
                let h = self.here();
                self.patch(j, h);
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                let and = matches!(e, Expr::And(..));
                self.cond(a)?;
                let j1 = self.emit(if and { Op::JmpF(0) } else { Op::JmpT(0) });
                self.cond(b)?;
                let j2 = self.emit(if and { Op::JmpF(0) } else { Op::JmpT(0) });
                self.emit(Op::Num(if and { 1.0 } else { 0.0 }));
                let j3 = self.emit(Op::Jmp(0));
                let h = self.here();
                self.patch(j1, h);
                self.patch(j2, h);
                self.emit(Op::Num(if and { 0.0 } else { 1.0 }));
                let h = self.here();
                self.patch(j3, h);
            }
            Expr::Not(a) => {
                self.cond(a)?;
                self.emit(Op::Not);
            }
            Expr::Binary(op, a, b) => {
                self.num_expr(a)?;
                self.num_expr(b)?;
                self.emit(Op::Bin(*op));
            }
            Expr::Cmp(op, a, b) => {
                self.expr(a)?;
                self.expr(b)?;
                self.emit(Op::Cmp(*op));
            }
            Expr::Match(neg, a, b) => {
                self.expr(a)?;
                let re = self.regex_operand(b)?;
                self.emit(Op::Match(re, *neg));
            }
            Expr::Concat(parts) => {
                let mut flat = Vec::new();
                flatten(parts, &mut flat);
                for p in &flat {
                    self.expr(p)?;
                }
                self.emit(Op::Concat(flat.len() as u32));
            }
            Expr::Neg(a) => {
                self.num_expr(a)?;
                self.emit(Op::Neg);
            }
            Expr::Plus(a) => {
                self.num_expr(a)?;
                self.emit(Op::ToNum);
            }
            Expr::Incr(pre, delta, lv) => {
                let l = self.lvalue(lv)?;
                self.emit(Op::Incr(l, *delta, *pre, true));
            }
            Expr::In(subs, v) => {
                self.subscript(subs)?;
                let a = self.arr(*v);
                self.emit(Op::In(a));
            }
            Expr::Call(name, args, at) => self.call(name, args, *at)?,
            Expr::Builtin(b, args) => self.builtin(*b, args)?,
            Expr::MatchArr(s, re, arr) => {
                self.expr(s)?;
                let re = self.regex_operand(re)?;
                let a = self.arr(*arr);
                self.emit(Op::ArrArg(a));
                self.emit(Op::MatchFn(re, true));
            }
            Expr::Sort(indices, src, dest, how) => {
                let a = self.arr(*src);
                self.emit(Op::ArrArg(a));
                if let Some(d) = dest {
                    let d = self.arr(*d);
                    self.emit(Op::ArrArg(d));
                }
                if let Some(h) = how {
                    self.expr(h)?;
                }
                self.emit(Op::Sort(*indices, dest.is_some(), how.is_some()));
            }
            Expr::Split(pat, s, v, fs, seps) => {
                let pat = if *pat { SPLIT_PAT } else { 0 };
                self.expr(s)?;
                let a = self.arr(*v);
                // The separators' array travels as an array argument.
                let with_seps = match seps {
                    Some(sv) => {
                        let sa = self.arr(*sv);
                        self.emit(Op::ArrArg(sa));
                        SPLIT_SEPS
                    }
                    None => 0,
                };
                let with_seps = with_seps | pat;
                match fs.as_deref() {
                    None => self.emit(Op::Split(a, with_seps, 0)),
                    // `//` splits into characters, as "" does.
                    Some(Expr::Regex(r)) if r.is_empty() && pat == 0 => {
                        let i = self.str_const(b"");
                        self.emit(Op::Str(i));
                        self.emit(Op::Split(a, 1 | with_seps, 0))
                    }
                    Some(Expr::Regex(r)) => {
                        let i = self.re_const(r)?;
                        self.emit(Op::Split(a, 2 | with_seps, i))
                    }
                    Some(f) => {
                        self.expr(f)?;
                        self.emit(Op::Split(a, 1 | with_seps, 0))
                    }
                };
            }
            Expr::Sub(global, re, repl, target) => {
                let l = self.lvalue(target)?;
                let r = self.regex_operand(re)?;
                self.expr(repl)?;
                self.emit(Op::Sub(r, *global, l));
            }
            Expr::LengthOf(v) => {
                if self.is_array(*v) {
                    let a = self.arr(*v);
                    self.emit(Op::LengthArr(a));
                } else {
                    self.expr(&Expr::Lv(LValue::Var(*v)))?;
                    self.emit(Op::Builtin(Builtin::Length, 1));
                }
            }
            Expr::Getline(src, lv) => {
                let l = match lv {
                    Some(lv) => Some(self.lvalue(lv)?),
                    None => None,
                };
                let s = match src {
                    GetlineSrc::Main => GetSrc::Main,
                    GetlineSrc::File(e) => {
                        self.expr(e)?;
                        GetSrc::File
                    }
                    GetlineSrc::Cmd(e) => {
                        self.expr(e)?;
                        GetSrc::Cmd
                    }
                };
                self.emit(Op::Getline(s, l));
            }
            Expr::Grouping(_) => return Err(Diag::syntax(self.at, "syntax error")),
            Expr::Seq(a, b) => {
                self.expr_discard(a)?;
                self.expr(b)?;
            }
            Expr::Paren(a) => self.expr(a)?,
        }
        Ok(())
    }

    fn call(&mut self, name: &str, args: &[Expr], at: usize) -> CResult<()> {
        let Some(&f) = self.funcs.get(name) else {
            return Err(undefined(name, at));
        };
        let layout = self.layouts[f].clone();
        // Arguments past the parameters are evaluated and dropped (gawk
        // warns about them).
        let (given, extra) = args.split_at(args.len().min(layout.len()));
        for a in extra {
            self.expr_discard(a)?;
        }
        for (i, a) in given.iter().enumerate() {
            let (is_array, _) = layout[i];
            if is_array {
                match a {
                    Expr::Lv(LValue::Var(v)) => {
                        let arr = self.arr(*v);
                        self.emit(Op::ArrArg(arr));
                    }
                    _ => {
                        let param = &self.prog.funcs[f].params[i];
                        return Err(Diag::fatal(
                            at,
                            format!("attempt to use scalar parameter `{param}' as an array"),
                        ));
                    }
                }
            } else {
                self.expr(a)?;
            }
        }
        self.emit(Op::Call(f as u32, given.len() as u32));
        Ok(())
    }

    fn builtin(&mut self, b: Builtin, args: &[Expr]) -> CResult<()> {
        if b == Builtin::Gensub {
            let re = self.regex_operand(&args[0])?;
            for a in &args[1..] {
                self.expr(a)?;
            }
            if args.len() == 3 {
                self.emit(Op::Field(0));
            }
            self.emit(Op::Gensub(re));
            return Ok(());
        }
        if b == Builtin::Match {
            self.expr(&args[0])?;
            let re = self.regex_operand(&args[1])?;
            self.emit(Op::MatchFn(re, false));
            return Ok(());
        }
        let numeric = matches!(
            b,
            Builtin::Sin
                | Builtin::Cos
                | Builtin::Atan2
                | Builtin::Exp
                | Builtin::Log
                | Builtin::Sqrt
                | Builtin::Int
                | Builtin::And
                | Builtin::Or
                | Builtin::Xor
                | Builtin::Lshift
                | Builtin::Rshift
                | Builtin::Compl
        );
        for a in args {
            if numeric {
                self.num_expr(a)?;
            } else {
                self.expr(a)?;
            }
        }
        self.emit(Op::Builtin(b, args.len() as u32));
        Ok(())
    }
}

/// gawk's built-in functions that this awk does not have.
const GAWK_ONLY_FUNCS: &[&str] = &[
    "isarray",
    "typeof",
    "mkbool",
    "bindtextdomain",
    "dcgettext",
    "dcngettext",
];

/// A call of a function that is not defined: gawk's message, or for one
/// of gawk's own, that it is missing here.
fn undefined(name: &str, at: usize) -> Diag {
    if GAWK_ONLY_FUNCS.contains(&name) {
        return Diag::fatal(
            at,
            format!("function `{name}' is a gawk built-in that this awk does not implement"),
        );
    }
    Diag::fatal(at, format!("function `{name}' not defined"))
}

/// `$3`: a constant field number.
fn const_index(e: &Expr) -> Option<u32> {
    match e {
        Expr::Num(n) if *n >= 0.0 && *n == n.trunc() && *n < u32::MAX as f64 => Some(*n as u32),
        Expr::Paren(p) => const_index(p),
        _ => None,
    }
}

fn flatten<'e>(parts: &'e [Expr], out: &mut Vec<&'e Expr>) {
    for p in parts {
        match p {
            Expr::Concat(inner) => flatten(inner, out),
            _ => out.push(p),
        }
    }
}
