//! Bounds on a filter's recursion and on the values it builds (issue 10,
//! TM-CMD-001/002): jaq evaluates on the worker's stack and allocates
//! without limits, so the program is rewritten to pass through checks at
//! the places where a run can go deep or grow without end:
//!
//! - every definition's body starts with `_guard`, which refuses to recurse
//!   past [`engine::STACK_LIMIT`] of stack, refuses an input larger than the
//!   process's `max_alloc` and stops when the process is gone;
//! - the update of each `reduce` and `foreach` starts with `_guard` too (an
//!   accumulator that doubles is refused once it is too large);
//! - `[f]` collects through `_collect`, which stops at `max_alloc`;
//! - `a * b` multiplies through `_mul`, which sizes a repeated string first
//!   (and repeats for any positive number, as jq 1.6 does).

use jaq_core::box_iter::box_once;
use jaq_core::load::lex::StrPart;
use jaq_core::load::parse::{BinaryOp, Def, Term};
use jaq_core::native::{Fun, bome};
use jaq_core::ops::Math;
use jaq_core::path::{Part, Path};
use jaq_core::{Bind, Error, Exn, Native};
use jaq_json::{Rc, Val};

use common::limits::show_bytes;

use super::engine::{D, Io, STACK_LIMIT};
use super::json;

/// `_guard | t`.
fn guarded(t: Term<&str>) -> Term<&str> {
    Term::BinOp(
        Box::new(Term::Call("_guard", Vec::new())),
        BinaryOp::Pipe(None),
        Box::new(t),
    )
}

/// A definition with its body guarded (and rewritten).
pub fn def(mut d: Def<&str>) -> Def<&str> {
    d.body = guarded(rewrite(d.body));
    d
}

/// The term with every definition, fold update, array collection and
/// multiplication going through the checks.
pub fn rewrite<'s>(t: Term<&'s str>) -> Term<&'s str> {
    let b = |t: Box<Term<&'s str>>| Box::new(rewrite(*t));
    match t {
        Term::BinOp(l, BinaryOp::Math(Math::Mul), r) => Term::Call("_jq_mul", vec![rewrite(*l), rewrite(*r)]),
        Term::BinOp(l, op, r) => Term::BinOp(b(l), op, b(r)),
        Term::Str(fmt, parts) => Term::Str(
            fmt,
            parts
                .into_iter()
                .map(|p| match p {
                    StrPart::Term(t) => StrPart::Term(rewrite(t)),
                    p => p,
                })
                .collect(),
        ),
        Term::Arr(Some(f)) => Term::Call("_collect", vec![rewrite(*f)]),
        Term::Obj(kvs) => Term::Obj(kvs.into_iter().map(|(k, v)| (rewrite(k), v.map(rewrite))).collect()),
        Term::Neg(x) => Term::Neg(b(x)),
        Term::Label(s, x) => Term::Label(s, b(x)),
        Term::Fold(s, xs, p, args) => {
            let args = args
                .into_iter()
                .enumerate()
                .map(|(i, a)| if i == 1 { guarded(rewrite(a)) } else { rewrite(a) })
                .collect();
            Term::Fold(s, b(xs), p, args)
        }
        Term::TryCatch(x, c) => Term::TryCatch(b(x), c.map(b)),
        Term::IfThenElse(ifs, els) => Term::IfThenElse(
            ifs.into_iter().map(|(c, t)| (rewrite(c), rewrite(t))).collect(),
            els.map(b),
        ),
        Term::Def(defs, x) => Term::Def(defs.into_iter().map(def).collect(), b(x)),
        Term::Call(s, args) => Term::Call(s, args.into_iter().map(rewrite).collect()),
        Term::Path(x, Path(parts)) => {
            let parts = parts
                .into_iter()
                .map(|(p, o)| {
                    let p = match p {
                        Part::Index(i) => Part::Index(rewrite(i)),
                        Part::Range(from, to) => Part::Range(from.map(rewrite), to.map(rewrite)),
                    };
                    (p, o)
                })
                .collect();
            Term::Path(b(x), Path(parts))
        }
        t => t,
    }
}

/// The definition `_jq_mul` rewrites `a * b` to: jq's order of the
/// outputs (the right side's outer), then `_mul`.
pub const DEFS: &str = "def _jq_mul(a; b): b as $b | a as $a | $a | _mul($b);";

/// Bytes a value holds at its top level (its elements are counted where
/// they were built).
fn shallow(v: &Val) -> usize {
    match v {
        Val::TStr(s) | Val::BStr(s) => s.len(),
        Val::Arr(a) => a.len().saturating_mul(size_of::<Val>()),
        Val::Obj(o) => o.len().saturating_mul(2 * size_of::<Val>()),
        _ => 0,
    }
}

fn too_large<'a>(what: &str, io: &Io) -> Exn<'a, Val> {
    Exn::from(Error::str(format!(
        "{what} too large (limit {})",
        show_bytes(io.max_alloc)
    )))
}

/// What `_guard` refuses, if anything.
fn check<'a>(io: &Io, v: &Val) -> Option<Exn<'a, Val>> {
    if io.dead() {
        return Some(Exn::halt(5));
    }
    if io.stack_used() > STACK_LIMIT {
        return Some(Exn::from(Error::str(format!(
            "filter recursion too deep (limit {} of stack)",
            show_bytes(STACK_LIMIT)
        ))));
    }
    if shallow(v) > io.max_alloc {
        let what = match v {
            Val::Arr(_) => "array",
            Val::Obj(_) => "object",
            _ => "string",
        };
        return Some(too_large(what, io));
    }
    None
}

/// `"ab" * n`: the string `n` times, as jq 1.6 counts (`null` for `n <= 0`,
/// one copy for `0 < n < 2`, ...), refused past `max_alloc`.
fn mul<'a>(io: &Io, a: Val, b: Val) -> Result<Val, Exn<'a, Val>> {
    let (s, n) = match (&a, &b) {
        (Val::TStr(s) | Val::BStr(s), Val::Num(n)) | (Val::Num(n), Val::TStr(s) | Val::BStr(s)) => {
            (s.clone(), json::num_f64(n))
        }
        _ => return (a * b).map_err(Exn::from),
    };
    let copies = (n - 1.0).trunc();
    if n.is_nan() || copies < 0.0 {
        return Ok(Val::Null);
    }
    let copies = copies + 1.0;
    if copies * (s.len().max(1) as f64) > io.max_alloc as f64 {
        return Err(too_large("string", io));
    }
    let text = s.repeat(copies as usize);
    Ok(match (&a, &b) {
        (Val::BStr(_), _) | (_, Val::BStr(_)) => Val::byte_str(text),
        _ => Val::utf8_str(text),
    })
}

/// jaq's `range/3`, which also stops when the process is gone (`last(range(1e12))`
/// runs no definition and collects nothing, so no other guard sees it).
fn range<'a>(io: &'a Io, from: Val, to: Val, by: Val) -> impl Iterator<Item = Result<Val, Exn<'a, Val>>> + 'a {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let cmp = by.partial_cmp(&Val::from(0usize)).unwrap_or(Equal);
    let mut from: Result<Val, Exn<'a, Val>> = Ok(from);
    let mut n = 0u32;
    std::iter::from_fn(move || {
        n = n.wrapping_add(1);
        if n.is_multiple_of(4096) && io.dead() {
            return Some(Err(Exn::halt(5)));
        }
        match from.clone() {
            Ok(x) => match cmp {
                Greater => x < to,
                Less => x > to,
                Equal => x != to,
            }
            .then(|| std::mem::replace(&mut from, (x + by.clone()).map_err(Exn::from))),
            e @ Err(_) => {
                from = Ok(to.clone());
                Some(e)
            }
        }
    })
}

/// The natives the rewritten program calls.
pub fn natives() -> Vec<Fun<D>> {
    let f = || -> Box<[Bind]> { [Bind::Fun(())].into() };
    vec![
        (
            "range",
            jaq_core::native::v(3),
            Native::<D>::new(|mut cv| {
                let by = cv.0.pop_var();
                let to = cv.0.pop_var();
                let from = cv.0.pop_var();
                Box::new(range(cv.0.data().io, from, to, by))
            }),
        ),
        (
            "_guard",
            Box::new([]) as Box<[Bind]>,
            Native::<D>::new(|cv| match check(cv.0.data().io, &cv.1) {
                Some(e) => box_once(Err(e)),
                None => box_once(Ok(cv.1)),
            })
            .with_paths(|cv| match check(cv.0.data().io, &cv.1.0) {
                Some(e) => box_once(Err(e)),
                None => box_once(Ok(cv.1)),
            })
            .with_update(|cv, f| match check(cv.0.data().io, &cv.1) {
                Some(e) => box_once(Err(e)),
                None => f(cv.1),
            }),
        ),
        (
            "_collect",
            f(),
            Native::<D>::new(|mut cv| {
                let io = cv.0.data().io;
                let (f, fc) = cv.0.pop_fun();
                let mut out = Vec::new();
                let mut bytes = 0usize;
                for x in f.run((fc, cv.1)) {
                    match x {
                        Ok(v) => {
                            bytes = bytes.saturating_add(size_of::<Val>());
                            if bytes > io.max_alloc {
                                return box_once(Err(too_large("array", io)));
                            }
                            if out.len() % 4096 == 0 && io.dead() {
                                return box_once(Err(Exn::halt(5)));
                            }
                            out.push(v);
                        }
                        Err(e) => return box_once(Err(e)),
                    }
                }
                box_once(Ok(Val::Arr(Rc::new(out))))
            }),
        ),
        (
            "_mul",
            jaq_core::native::v(1),
            Native::<D>::new(|mut cv| {
                let b = cv.0.pop_var();
                let io = cv.0.data().io;
                match mul(io, cv.1, b) {
                    Ok(v) => bome(Ok(v)),
                    Err(e) => box_once(Err(e)),
                }
            }),
        ),
    ]
}
