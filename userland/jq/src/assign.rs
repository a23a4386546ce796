//! jq 1.6's assignment semantics on top of jaq.
//!
//! jaq updates values in place and refuses what jq allows: `null | .a = 1`
//! (jq makes an object), `[1] | .[3] = 1` (jq pads with nulls). jq 1.6
//! defines its assignment operators in its own language, through `path`,
//! `getpath`, `setpath` and `delpaths`; so we rewrite each assignment in
//! the parsed program into a call of such a definition ([`rewrite`]), and
//! give `setpath`/`delpaths` jq's semantics natively ([`setpath`],
//! [`delpaths`]).

use jaq_core::Error;
use jaq_core::load::lex::StrPart;
use jaq_core::load::parse::{BinaryOp, Pattern, Term};
use jaq_core::path::{Part, Path};
use jaq_json::{Map, Rc, Val};

use super::funs::{desc, kind};
use super::json;

type ValR = Result<Val, Error<Val>>;

/// The definitions the rewritten operators call (jq 1.6's `_assign` and
/// `_modify`).
pub const DEFS: &str = r#"
def _jq_assign(paths; $v): reduce path(paths) as $p (.; setpath($p; $v));
def _jq_modify(paths; update): reduce path(paths) as $p (.;
  . as $x | label $out | (setpath($p; $x | getpath($p) | update) | ., break $out), ($x | delpaths([$p])));
"#;

/// The variable holding an arithmetic update's right side.
const RHS: &str = "$__jq_rhs";

/// Rewrite every assignment operator in `t` into calls of [`DEFS`].
pub fn rewrite<'s>(t: Term<&'s str>) -> Term<&'s str> {
    let b = |t: Box<Term<&'s str>>| Box::new(rewrite(*t));
    match t {
        Term::BinOp(l, op, r) => {
            let (l, r) = (rewrite(*l), rewrite(*r));
            match op {
                BinaryOp::Assign => Term::Call("_jq_assign", vec![l, r]),
                BinaryOp::Update => Term::Call("_jq_modify", vec![l, r]),
                BinaryOp::UpdateMath(m) => with_rhs(l, r, BinaryOp::Math(m)),
                BinaryOp::UpdateAlt => with_rhs(l, r, BinaryOp::Alt),
                BinaryOp::Pipe(Some(p)) => Term::BinOp(Box::new(l), BinaryOp::Pipe(Some(pattern(p))), Box::new(r)),
                op => Term::BinOp(Box::new(l), op, Box::new(r)),
            }
        }
        Term::Str(fmt, parts) => Term::Str(fmt, parts.into_iter().map(str_part).collect()),
        Term::Arr(a) => Term::Arr(a.map(b)),
        Term::Obj(kvs) => Term::Obj(kvs.into_iter().map(|(k, v)| (rewrite(k), v.map(rewrite))).collect()),
        Term::Neg(x) => Term::Neg(b(x)),
        Term::Label(s, x) => Term::Label(s, b(x)),
        Term::Fold(s, xs, p, args) => Term::Fold(s, b(xs), pattern(p), args.into_iter().map(rewrite).collect()),
        Term::TryCatch(x, c) => Term::TryCatch(b(x), c.map(b)),
        Term::IfThenElse(ifs, els) => Term::IfThenElse(
            ifs.into_iter().map(|(c, t)| (rewrite(c), rewrite(t))).collect(),
            els.map(b),
        ),
        Term::Def(defs, x) => {
            let defs = defs
                .into_iter()
                .map(|mut d| {
                    d.body = rewrite(d.body);
                    d
                })
                .collect();
            Term::Def(defs, b(x))
        }
        Term::Call(s, args) => Term::Call(s, args.into_iter().map(rewrite).collect()),
        Term::Path(x, Path(parts)) => {
            let parts = parts.into_iter().map(|(p, o)| (path_part(p), o)).collect();
            Term::Path(b(x), Path(parts))
        }
        t => t,
    }
}

/// `l op= r` is `r as $x | l |= . op $x`.
fn with_rhs<'s>(l: Term<&'s str>, r: Term<&'s str>, op: BinaryOp<&'s str>) -> Term<&'s str> {
    let update = Term::BinOp(Box::new(Term::Id), op, Box::new(Term::Var(RHS)));
    let modify = Term::Call("_jq_modify", vec![l, update]);
    Term::BinOp(Box::new(r), BinaryOp::Pipe(Some(Pattern::Var(RHS))), Box::new(modify))
}

fn str_part<'s>(p: StrPart<&'s str, Term<&'s str>>) -> StrPart<&'s str, Term<&'s str>> {
    match p {
        StrPart::Term(t) => StrPart::Term(rewrite(t)),
        p => p,
    }
}

fn path_part(p: Part<Term<&str>>) -> Part<Term<&str>> {
    match p {
        Part::Index(i) => Part::Index(rewrite(i)),
        Part::Range(from, to) => Part::Range(from.map(rewrite), to.map(rewrite)),
    }
}

fn pattern(p: Pattern<&str>) -> Pattern<&str> {
    match p {
        Pattern::Var(v) => Pattern::Var(v),
        Pattern::Arr(ps) => Pattern::Arr(ps.into_iter().map(pattern).collect()),
        Pattern::Obj(kps) => Pattern::Obj(kps.into_iter().map(|(k, p)| (rewrite(k), pattern(p))).collect()),
    }
}

fn err<T>(msg: String) -> Result<T, Error<Val>> {
    Err(Error::str(msg))
}

fn str_key(k: &Val) -> Option<&[u8]> {
    match k {
        Val::TStr(s) | Val::BStr(s) => Some(s),
        _ => None,
    }
}

/// A path element that is a number, as C's `(int)` of the double.
fn int_key(k: &Val) -> Option<i64> {
    match k {
        Val::Num(n) => Some(json::num_f64(n) as i64),
        _ => None,
    }
}

/// `parse_slice`: the `[start, end)` a slice object selects in `len` items.
fn slice(k: &Val, len: usize) -> Result<(usize, usize), Error<Val>> {
    let Val::Obj(o) = k else {
        return err("Start and end indices of an array slice must be numbers".into());
    };
    let get = |name: &str| o.get(&Val::from(name.to_string())).cloned().unwrap_or(Val::Null);
    let bound = |v: Val, dflt: f64| match v {
        Val::Null => Ok(dflt),
        Val::Num(n) => Ok(json::num_f64(&n)),
        _ => err("Start and end indices of an array slice must be numbers".into()),
    };
    let len_f = len as f64;
    let mut start = bound(get("start"), 0.0)?;
    let mut end = bound(get("end"), len_f)?;
    if start < 0.0 {
        start += len_f;
    }
    if end < 0.0 {
        end += len_f;
    }
    let start = start.clamp(0.0, len_f);
    let end = end.min(len_f).max(start);
    let end_i = if end > end.trunc() {
        end.trunc() as usize + 1
    } else {
        end as usize
    };
    Ok((start as usize, end_i.min(len)))
}

/// `jv_get`: one step down a path, null where there is nothing.
fn get(t: &Val, k: &Val) -> ValR {
    match (t, k) {
        (Val::Obj(o), Val::TStr(_) | Val::BStr(_)) => Ok(o.get(k).cloned().unwrap_or(Val::Null)),
        (Val::Arr(a), Val::Num(_)) => {
            let i = int_key(k).unwrap_or(0);
            let i = if i < 0 { i + a.len() as i64 } else { i };
            Ok(usize::try_from(i)
                .ok()
                .and_then(|i| a.get(i))
                .cloned()
                .unwrap_or(Val::Null))
        }
        (Val::Arr(a), Val::Obj(_)) => {
            let (s, e) = slice(k, a.len())?;
            Ok(Val::Arr(Rc::new(a[s..e].to_vec())))
        }
        (Val::Null, Val::TStr(_) | Val::BStr(_) | Val::Num(_) | Val::Obj(_)) => Ok(Val::Null),
        (_, Val::TStr(s) | Val::BStr(s)) => err(format!(
            "Cannot index {} with \"{}\"",
            kind(t),
            String::from_utf8_lossy(s)
        )),
        _ => err(format!("Cannot index {} with {}", kind(t), kind(k))),
    }
}

/// `jv_set`: replace one step of a path, creating or padding as jq does.
fn set(t: Val, k: &Val, v: Val) -> ValR {
    match (t, k) {
        (Val::Null, Val::TStr(_) | Val::BStr(_)) => set(Val::obj(Map::default()), k, v),
        (Val::Null, Val::Num(_) | Val::Obj(_)) => set(Val::Arr(Rc::new(Vec::new())), k, v),
        (Val::Obj(mut o), Val::TStr(_) | Val::BStr(_)) => {
            Rc::make_mut(&mut o).insert(k.clone(), v);
            Ok(Val::Obj(o))
        }
        (Val::Arr(mut a), Val::Num(_)) => {
            let mut i = int_key(k).unwrap_or(0);
            if i < 0 {
                i += a.len() as i64;
                if i < 0 {
                    return err("Out of bounds negative array index".into());
                }
            }
            let i = usize::try_from(i).unwrap_or(usize::MAX);
            if i > 1 << 29 {
                return err("Array index too large".into());
            }
            let arr = Rc::make_mut(&mut a);
            if i >= arr.len() {
                arr.resize(i + 1, Val::Null);
            }
            arr[i] = v;
            Ok(Val::Arr(a))
        }
        (Val::Arr(mut a), Val::Obj(_)) => {
            let Val::Arr(new) = v else {
                return err("A slice of an array can only be assigned another array".into());
            };
            let (s, e) = slice(k, a.len())?;
            Rc::make_mut(&mut a).splice(s..e, new.iter().cloned());
            Ok(Val::Arr(a))
        }
        (t, Val::TStr(_) | Val::BStr(_)) => err(format!("Cannot index {} with \"{}\"", kind(&t), key_text(k))),
        (t, _) => err(format!("Cannot update field at object index of {}", kind(&t))),
    }
}

fn key_text(k: &Val) -> String {
    String::from_utf8_lossy(str_key(k).unwrap_or_default()).into_owned()
}

fn path_items(path: &Val) -> Result<&[Val], Error<Val>> {
    match path {
        Val::Arr(a) => Ok(a),
        _ => err("Path must be specified as an array".into()),
    }
}

/// `jv_setpath`.
pub fn setpath(root: Val, path: &Val, v: Val) -> ValR {
    setpath_items(root, path_items(path)?, v)
}

fn setpath_items(root: Val, path: &[Val], v: Val) -> ValR {
    let Some((k, rest)) = path.split_first() else {
        return Ok(v);
    };
    let sub = get(&root, k)?;
    let new = setpath_items(sub, rest, v)?;
    set(root, k, new)
}

/// `jv_delpaths`: delete every path, longest and last first.
pub fn delpaths(root: Val, paths: &Val) -> ValR {
    let Val::Arr(ps) = paths else {
        return err(format!("Paths must be specified as an array, not {}", desc(paths)));
    };
    let mut ps: Vec<&[Val]> = Vec::with_capacity(ps.len());
    for p in paths_of(paths) {
        ps.push(path_items(p)?);
    }
    ps.sort();
    if ps.is_empty() {
        return Ok(root);
    }
    if ps[0].is_empty() {
        return Ok(Val::Null);
    }
    delpaths_sorted(root, &ps, 0)
}

fn paths_of(paths: &Val) -> impl Iterator<Item = &Val> {
    match paths {
        Val::Arr(a) => a.iter(),
        _ => [].iter(),
    }
}

fn delpaths_sorted(mut object: Val, paths: &[&[Val]], start: usize) -> ValR {
    let mut delkeys = Vec::new();
    let mut i = 0;
    while i < paths.len() {
        let key = &paths[i][start];
        let mut j = i;
        while j < paths.len() && paths[j].get(start) == Some(key) {
            j += 1;
        }
        if paths[i].len() == start + 1 {
            // Deleting the whole key makes deeper deletions under it moot.
            delkeys.push(key.clone());
        } else {
            let sub = get(&object, key)?;
            if !matches!(sub, Val::Null) {
                let deeper: Vec<&[Val]> = paths[i..j].iter().copied().filter(|p| p.len() > start + 1).collect();
                let new = delpaths_sorted(sub, &deeper, start + 1)?;
                object = set(object, key, new)?;
            }
        }
        i = j;
    }
    dels(object, &delkeys)
}

/// `jv_dels`: delete some keys of one value.
fn dels(t: Val, keys: &[Val]) -> ValR {
    if keys.is_empty() {
        return Ok(t);
    }
    match t {
        Val::Null => Ok(Val::Null),
        Val::Arr(a) => {
            let len = a.len();
            let mut gone = vec![false; len];
            for k in keys {
                match k {
                    Val::Num(_) => {
                        let i = int_key(k).unwrap_or(0);
                        let i = if i < 0 { i + len as i64 } else { i };
                        if let Some(g) = usize::try_from(i).ok().and_then(|i| gone.get_mut(i)) {
                            *g = true;
                        }
                    }
                    Val::Obj(_) => {
                        let (s, e) = slice(k, len)?;
                        gone[s..e].iter_mut().for_each(|g| *g = true);
                    }
                    other => return err(format!("Cannot delete {} element of array", kind(other))),
                }
            }
            let kept = a.iter().zip(gone).filter(|(_, g)| !g).map(|(v, _)| v.clone()).collect();
            Ok(Val::Arr(Rc::new(kept)))
        }
        Val::Obj(mut o) => {
            for k in keys {
                if str_key(k).is_none() {
                    return err(format!("Cannot delete {} field of object", kind(k)));
                }
                Rc::make_mut(&mut o).shift_remove(k);
            }
            Ok(Val::Obj(o))
        }
        other => err(format!("Cannot delete fields from {}", kind(&other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(s: &str) -> Val {
        json::parse_one(s.as_bytes()).unwrap().unwrap()
    }

    fn show(v: ValR) -> String {
        match v {
            Ok(v) => String::from_utf8(json::compact(&v)).unwrap(),
            Err(e) => format!("error: {}", String::from_utf8_lossy(&json::to_string(&e.into_val()))),
        }
    }

    #[test]
    fn setpath_creates_and_pads() {
        assert_eq!(show(setpath(j("null"), &j(r#"["a","b"]"#), j("1"))), r#"{"a":{"b":1}}"#);
        assert_eq!(show(setpath(j("[1]"), &j("[3]"), j("1"))), "[1,null,null,1]");
        assert_eq!(show(setpath(j("[1,2]"), &j("[-1]"), j("5"))), "[1,5]");
        assert_eq!(
            show(setpath(j("[1]"), &j("[-3]"), j("5"))),
            "error: Out of bounds negative array index"
        );
        assert_eq!(
            show(setpath(j("[1,2,3]"), &j(r#"[{"start":1,"end":null}]"#), j(r#"["x"]"#))),
            r#"[1,"x"]"#
        );
        assert_eq!(
            show(setpath(j(r#"{"a":1}"#), &j(r#"["a","b"]"#), j("1"))),
            r#"error: Cannot index number with "b""#
        );
    }

    #[test]
    fn delpaths_as_jq() {
        assert_eq!(show(delpaths(j("[1,2,3]"), &j("[[0],[2]]"))), "[2]");
        assert_eq!(
            show(delpaths(j(r#"{"a":[1,2,3],"b":1}"#), &j(r#"[["a",-1],["a",0],["b"]]"#))),
            r#"{"a":[2]}"#
        );
        assert_eq!(show(delpaths(j("[1,2,3]"), &j(r#"[[{"start":1,"end":null}]]"#))), "[1]");
        assert_eq!(show(delpaths(j("[1]"), &j("[[]]"))), "null");
    }
}
