//! jq 1.6's library on top of jaq's: native filters that must print or
//! fail the way jq does (`tostring`, `@csv`, `keys`, ...), the ones that
//! reach the outside (`input`, `env`, `now`, `debug`, `halt_error`), and
//! definitions in jq (`defs.jq`) where jq 1.6's behaviour differs from
//! jaq's (`join`, `from_entries`, `walk`, `limit`, `flatten`, ...).

use std::collections::HashSet;

use jaq_core::box_iter::{BoxIter, box_once};
use jaq_core::load::parse::Def;
use jaq_core::native::{Fun, bome, run, v};
use jaq_core::{Bind, Cv, Error, Exn, ValX};
use jaq_json::{Num, Rc, Val};

use super::assign;
use super::engine::D;
use super::json;

type ValR = Result<Val, Error<Val>>;
type Out<'a> = BoxIter<'a, ValX<'a, Val>>;

/// jq's kind names.
pub fn kind(v: &Val) -> &'static str {
    match v {
        Val::Null => "null",
        Val::Bool(_) => "boolean",
        Val::Num(_) => "number",
        Val::TStr(_) | Val::BStr(_) => "string",
        Val::Arr(_) => "array",
        Val::Obj(_) => "object",
    }
}

/// A value as jq names it in errors: `number (1)`, with the JSON cut to 11
/// bytes and `...` past 14, as `jv_dump_string_trunc` does.
pub fn desc(v: &Val) -> String {
    let text = json::compact(v);
    let text = if text.len() > 14 {
        let mut t = text[..11].to_vec();
        t.extend_from_slice(b"...");
        t
    } else {
        text
    };
    format!("{} ({})", kind(v), String::from_utf8_lossy(&text))
}

fn err<T>(msg: String) -> Result<T, Error<Val>> {
    Err(Error::str(msg))
}

fn str_val(b: Vec<u8>) -> Val {
    Val::utf8_str(b)
}

fn as_bytes(v: &Val) -> Option<&[u8]> {
    match v {
        Val::TStr(s) | Val::BStr(s) => Some(s),
        _ => None,
    }
}

/// A one-value filter on its input.
fn f0(cv: Cv<'_, D>, f: impl FnOnce(&Val) -> ValR) -> Out<'_> {
    bome(f(&cv.1))
}

/// A one-value filter with one `$arg`.
fn f1<'a>(mut cv: Cv<'a, D>, f: impl FnOnce(&Val, &Val) -> ValR) -> Out<'a> {
    let arg = cv.0.pop_var();
    bome(f(&cv.1, &arg))
}

fn tonumber(v: &Val) -> ValR {
    match v {
        Val::Num(_) => Ok(v.clone()),
        Val::TStr(s) => match json::parse_one(s) {
            Ok(Some(n)) => Ok(n),
            Ok(None) => err(format!(
                "Expected JSON value (while parsing '{}')",
                String::from_utf8_lossy(s)
            )),
            Err(e) => err(format!("{e} (while parsing '{}')", String::from_utf8_lossy(s))),
        },
        other => err(format!("{} cannot be parsed as a number", desc(other))),
    }
}

fn fromjson(v: &Val) -> ValR {
    match v {
        Val::TStr(s) => match json::parse_one(s) {
            Ok(Some(x)) => Ok(x),
            Ok(None) => err(format!(
                "Expected JSON value (while parsing '{}')",
                String::from_utf8_lossy(s)
            )),
            Err(e) => err(format!("{e} (while parsing '{}')", String::from_utf8_lossy(s))),
        },
        other => err(format!("{} only strings can be parsed", desc(other))),
    }
}

fn length(v: &Val) -> ValR {
    Ok(match v {
        Val::Null => Val::from(0isize),
        Val::Bool(_) => return err(format!("{} has no length", desc(v))),
        Val::Num(n) => json::num_val(json::num_f64(n).abs()),
        Val::TStr(s) => Val::from(String::from_utf8_lossy(s).chars().count()),
        Val::BStr(b) => Val::from(b.len()),
        Val::Arr(a) => Val::from(a.len()),
        Val::Obj(o) => Val::from(o.len()),
    })
}

fn keys(v: &Val, sorted: bool) -> ValR {
    match v {
        Val::Obj(o) => {
            let mut ks: Vec<Val> = o.keys().cloned().collect();
            if sorted {
                ks.sort();
            }
            Ok(Val::Arr(Rc::new(ks)))
        }
        Val::Arr(a) => Ok((0..a.len()).map(Val::from).collect()),
        other => err(format!("{} has no keys", desc(other))),
    }
}

fn has(v: &Val, k: &Val) -> ValR {
    match (v, k) {
        (Val::Obj(o), Val::TStr(_)) => Ok(Val::Bool(o.contains_key(k))),
        (Val::Arr(a), Val::Num(n)) => {
            let i = json::num_f64(n);
            Ok(Val::Bool(i >= 0.0 && i < a.len() as f64))
        }
        _ => err(format!("Cannot check whether {} has a {} key", kind(v), kind(k))),
    }
}

/// Byte offsets of `needle` in `hay`, overlapping, as jq's `_strindices`.
fn strindices(v: &Val, needle: &Val) -> ValR {
    match (as_bytes(v), as_bytes(needle)) {
        (Some(h), Some(n)) if !n.is_empty() => {
            let idx = (0..h.len().saturating_sub(n.len() - 1)).filter(|&i| h[i..].starts_with(n));
            Ok(idx.map(Val::from).collect())
        }
        (Some(_), Some(_)) => Ok(Val::Arr(Rc::new(Vec::new()))),
        _ => err("_strindices requires string inputs".into()),
    }
}

fn trim_fix(v: &Val, fix: &Val, prefix: bool) -> ValR {
    let (Some(s), Some(f)) = (as_bytes(v), as_bytes(fix)) else {
        return Ok(v.clone());
    };
    let cut = if prefix { s.strip_prefix(f) } else { s.strip_suffix(f) };
    Ok(cut.map_or_else(|| v.clone(), |c| str_val(c.to_vec())))
}

fn starts_ends(v: &Val, fix: &Val, start: bool) -> ValR {
    let name = if start { "startswith" } else { "endswith" };
    match (as_bytes(v), as_bytes(fix)) {
        (Some(s), Some(f)) => Ok(Val::Bool(if start { s.starts_with(f) } else { s.ends_with(f) })),
        _ => err(format!("{name}() requires string inputs")),
    }
}

fn ascii_case(v: &Val, upper: bool) -> ValR {
    match as_bytes(v) {
        Some(s) => Ok(str_val(if upper {
            s.to_ascii_uppercase()
        } else {
            s.to_ascii_lowercase()
        })),
        None => err("explode input must be a string".into()),
    }
}

fn csv_tsv(v: &Val, tsv: bool) -> ValR {
    let Val::Arr(a) = v else {
        let what = if tsv { "tsv" } else { "csv" };
        return err(format!("{} cannot be {what}-formatted, only array", desc(v)));
    };
    let mut out = Vec::new();
    for (i, x) in a.iter().enumerate() {
        if i > 0 {
            out.push(if tsv { b'\t' } else { b',' });
        }
        match x {
            Val::Null => {}
            Val::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Val::Num(n) => json::fmt_num(n, &mut out),
            Val::TStr(s) | Val::BStr(s) if tsv => {
                for &c in s.iter() {
                    match c {
                        b'\t' => out.extend_from_slice(b"\\t"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        c => out.push(c),
                    }
                }
            }
            Val::TStr(s) | Val::BStr(s) => {
                out.push(b'"');
                for &c in s.iter() {
                    if c == b'"' {
                        out.push(b'"');
                    }
                    out.push(c);
                }
                out.push(b'"');
            }
            other => return err(format!("{} is not valid in a csv row", desc(other))),
        }
    }
    Ok(str_val(out))
}

fn shell(v: &Val) -> ValR {
    let items: Vec<&Val> = match v {
        Val::Arr(a) => a.iter().collect(),
        one => vec![one],
    };
    let mut out = Vec::new();
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        match x {
            Val::TStr(s) | Val::BStr(s) => {
                out.push(b'\'');
                for &c in s.iter() {
                    if c == b'\'' {
                        out.extend_from_slice(b"'\\''");
                    } else {
                        out.push(c);
                    }
                }
                out.push(b'\'');
            }
            Val::Arr(_) | Val::Obj(_) => return err(format!("{} can not be escaped for shell", desc(x))),
            scalar => out.extend_from_slice(&json::compact(scalar)),
        }
    }
    Ok(str_val(out))
}

fn html(v: &Val) -> ValR {
    let mut out = Vec::new();
    for c in json::to_string(v) {
        match c {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            b'\'' => out.extend_from_slice(b"&#39;"),
            b'"' => out.extend_from_slice(b"&quot;"),
            c => out.push(c),
        }
    }
    Ok(str_val(out))
}

fn uri(v: &Val) -> ValR {
    let mut out = Vec::new();
    for c in json::to_string(v) {
        if c.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("%{c:02X}").as_bytes());
        }
    }
    Ok(str_val(out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Encode in groups of `bits` per output symbol (6: base64, 5: base32).
fn encode(data: &[u8], alphabet: &[u8], bits: u32, group: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u64, 0u32);
    for &b in data {
        acc = (acc << 8) | b as u64;
        n += 8;
        while n >= bits {
            n -= bits;
            out.push(alphabet[((acc >> n) & ((1 << bits) - 1)) as usize]);
        }
    }
    if n > 0 {
        out.push(alphabet[((acc << (bits - n)) & ((1 << bits) - 1)) as usize]);
    }
    while !out.len().is_multiple_of(group) {
        out.push(b'=');
    }
    out
}

/// Decode; trailing `=` ends the data. `None` for a byte outside the alphabet.
fn decode(text: &[u8], alphabet: &[u8], bits: u32) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u64, 0u32);
    for &c in text {
        if c == b'=' {
            break;
        }
        let d = alphabet.iter().position(|&a| a == c)? as u64;
        acc = (acc << bits) | d;
        n += bits;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
        }
    }
    Some(out)
}

fn base64(v: &Val) -> ValR {
    Ok(str_val(encode(&json::to_string(v), B64, 6, 4)))
}

fn base64d(v: &Val) -> ValR {
    let text = json::to_string(v);
    match decode(&text, B64, 6) {
        Some(d) if text.len() % 4 != 1 || text.contains(&b'=') => Ok(str_val(json::utf8_lossy(d))),
        _ => err(format!("{} is not valid base64 data", desc(v))),
    }
}

fn base32(v: &Val) -> ValR {
    Ok(str_val(encode(&json::to_string(v), B32, 5, 8)))
}

fn base32d(v: &Val) -> ValR {
    let text = json::to_string(v);
    match decode(&text, B32, 5) {
        Some(d) => Ok(str_val(json::utf8_lossy(d))),
        None => err(format!("{} is not valid base32 data", desc(v))),
    }
}

fn input(cv: Cv<'_, D>) -> Result<Val, Error<Val>> {
    let io = cv.0.data().io;
    let next = io.reader.borrow_mut().next(io);
    match next {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => err(e),
        // jq 1.6 defines `input` with a label, and what escapes is "break".
        None => err("break".into()),
    }
}

fn inputs(cv: Cv<'_, D>) -> Out<'_> {
    let io = cv.0.data().io;
    Box::new(std::iter::from_fn(move || {
        let next = io.reader.borrow_mut().next(io);
        next.map(|r| r.map_err(|e| Exn::from(Error::str(e))))
    }))
}

/// The message `halt_error` prints: strings as they are, anything else as
/// JSON and a newline.
fn halt_message(v: &Val) -> Vec<u8> {
    match v {
        Val::TStr(s) | Val::BStr(s) => s.to_vec(),
        Val::Null => Vec::new(),
        other => {
            let mut t = json::compact(other);
            t.push(b'\n');
            t
        }
    }
}

type Native = (&'static str, Box<[Bind]>, jaq_core::RunPtr<D>);

fn simple() -> Vec<Native> {
    vec![
        ("tostring", v(0), |cv| f0(cv, |x| Ok(str_val(json::to_string(x))))),
        ("@text", v(0), |cv| f0(cv, |x| Ok(str_val(json::to_string(x))))),
        ("tojson", v(0), |cv| f0(cv, |x| Ok(str_val(json::compact(x))))),
        ("@json", v(0), |cv| f0(cv, |x| Ok(str_val(json::compact(x))))),
        ("fromjson", v(0), |cv| f0(cv, fromjson)),
        ("tonumber", v(0), |cv| f0(cv, tonumber)),
        ("length", v(0), |cv| f0(cv, length)),
        ("keys", v(0), |cv| f0(cv, |x| keys(x, true))),
        ("keys_unsorted", v(0), |cv| f0(cv, |x| keys(x, false))),
        ("has", v(1), |cv| f1(cv, has)),
        ("_strindices", v(1), |cv| f1(cv, strindices)),
        ("ltrimstr", v(1), |cv| f1(cv, |x, a| trim_fix(x, a, true))),
        ("rtrimstr", v(1), |cv| f1(cv, |x, a| trim_fix(x, a, false))),
        ("startswith", v(1), |cv| f1(cv, |x, a| starts_ends(x, a, true))),
        ("endswith", v(1), |cv| f1(cv, |x, a| starts_ends(x, a, false))),
        ("ascii_downcase", v(0), |cv| f0(cv, |x| ascii_case(x, false))),
        ("ascii_upcase", v(0), |cv| f0(cv, |x| ascii_case(x, true))),
        ("@csv", v(0), |cv| f0(cv, |x| csv_tsv(x, false))),
        ("@tsv", v(0), |cv| f0(cv, |x| csv_tsv(x, true))),
        ("@sh", v(0), |cv| f0(cv, shell)),
        ("@html", v(0), |cv| f0(cv, html)),
        ("@uri", v(0), |cv| f0(cv, uri)),
        ("@base64", v(0), |cv| f0(cv, base64)),
        ("@base64d", v(0), |cv| f0(cv, base64d)),
        ("@base32", v(0), |cv| f0(cv, base32)),
        ("@base32d", v(0), |cv| f0(cv, base32d)),
        ("_desc", v(0), |cv| f0(cv, |x| Ok(Val::from(desc(x))))),
        ("setpath", v(2), |mut cv| {
            let x = cv.0.pop_var();
            let path = cv.0.pop_var();
            bome(assign::setpath(cv.1, &path, x))
        }),
        ("delpaths", v(1), |cv| f1(cv, |x, ps| assign::delpaths(x.clone(), ps))),
    ]
}

fn outside() -> Vec<Native> {
    vec![
        ("input", v(0), |cv| bome(input(cv))),
        ("inputs", v(0), inputs),
        ("input_filename", v(0), |cv| {
            let name = cv.0.data().io.reader.borrow().filename().map(str::to_string);
            bome(Ok(name.map_or(Val::Null, Val::from)))
        }),
        ("input_line_number", v(0), |cv| {
            let io = cv.0.data().io;
            let line = io.reader.borrow_mut().line(io);
            bome(Ok(Val::from(line as usize)))
        }),
        ("env", v(0), |cv| bome(Ok(cv.0.data().io.env.clone()))),
        ("now", v(0), |cv| {
            let ms = (cv.0.data().io.clock)();
            bome(Ok(Val::Num(Num::Float(ms as f64 / 1000.0))))
        }),
        ("debug_empty", v(0), |cv| {
            let mut msg = b"[\"DEBUG:\",".to_vec();
            msg.extend_from_slice(&json::compact(&cv.1));
            msg.extend_from_slice(b"]\n");
            cv.0.data().io.err(msg);
            Box::new(std::iter::empty())
        }),
        ("stderr_empty", v(0), |cv| {
            cv.0.data().io.err(json::compact(&cv.1));
            Box::new(std::iter::empty())
        }),
        ("halt_error", v(1), |mut cv| {
            let code = cv.0.pop_var();
            let io = cv.0.data().io;
            let code = match &code {
                Val::Num(n) => json::num_f64(n) as i32,
                other => return bome(err(format!("halt_error/1: number required, not {}", kind(other)))),
            };
            io.err(halt_message(&cv.1));
            box_once(Err(Exn::halt(code)))
        }),
    ]
}

/// Native filters: ours first (the first match wins), then jaq's.
pub fn natives() -> Vec<Fun<D>> {
    let mine = simple().into_iter().chain(outside()).map(run::<D>);
    super::guard::natives()
        .into_iter()
        .chain(mine)
        .chain(jaq_core::funs::<D>())
        .chain(jaq_std::funs::<D>())
        .chain(jaq_json::funs::<D>())
        .collect()
}

/// The definitions every program sees: jaq's, less those our natives
/// replace, then jq 1.6's where they differ.
pub fn prelude() -> Vec<Def<&'static str>> {
    let replaced: HashSet<(&str, usize)> = simple()
        .iter()
        .chain(outside().iter())
        .map(|(n, args, _)| (*n, args.len()))
        .chain([("halt_error", 0)])
        .collect();
    let keep = |d: &Def<&'static str>| !replaced.contains(&(d.name, d.args.len()));
    let ours = jaq_core::load::parse(include_str!("defs.jq"), |p| p.defs()).unwrap_or_default();
    let assigns = jaq_core::load::parse(assign::DEFS, |p| p.defs()).unwrap_or_default();
    let guards = jaq_core::load::parse(super::guard::DEFS, |p| p.defs()).unwrap_or_default();
    guards
        .into_iter()
        .chain(jaq_core::defs())
        .chain(jaq_std::defs())
        .chain(jaq_json::defs())
        .filter(keep)
        .chain(ours)
        .chain(assigns)
        .collect()
}

/// Parse a value jaq printed inside a message; answers it and the rest.
fn leading_val(s: &str) -> Option<(Val, &str)> {
    let mut p = json::Parser::new();
    let mut pos = 0;
    match p.feed(s.as_bytes(), &mut pos) {
        json::Step::Value(v) => Some((v, &s[pos..])),
        json::Step::More => p.finish()?.ok().map(|v| (v, "")),
        json::Step::Error(_) => None,
    }
}

/// jaq's wording of an error, in jq 1.6's.
pub fn jq_message(msg: &str) -> String {
    translate(msg).unwrap_or_else(|| msg.to_string())
}

fn translate(msg: &str) -> Option<String> {
    if let Some(rest) = msg.strip_prefix("cannot index ") {
        let (l, rest) = leading_val(rest)?;
        let rest = rest.trim_start().strip_prefix("with ")?;
        let (r, _) = leading_val(rest)?;
        let with = match &r {
            Val::TStr(s) => format!("string \"{}\"", String::from_utf8_lossy(s)),
            other => kind(other).to_string(),
        };
        return Some(format!("Cannot index {} with {with}", kind(&l)));
    }
    if let Some(rest) = msg.strip_prefix("cannot use ") {
        let (v, rest) = leading_val(rest)?;
        let what = rest.trim_start().strip_prefix("as ")?;
        return match what {
            "iterable (array or object)" => Some(format!("Cannot iterate over {}", desc(&v))),
            "number" => Some(format!("{} number required", desc(&v))),
            _ => None,
        };
    }
    if let Some(rest) = msg.strip_prefix("cannot calculate ") {
        let (l, rest) = leading_val(rest)?;
        let rest = rest.trim_start();
        let (op, rest) = rest.split_at(rest.find(' ')?);
        let (r, _) = leading_val(rest.trim_start())?;
        let verb = match op {
            "+" => "added",
            "-" => "subtracted",
            "*" => "multiplied",
            "/" => "divided",
            "%" if matches!(r, Val::Num(_)) && matches!(l, Val::Num(_)) => {
                return Some(format!(
                    "{} and {} cannot be divided (remainder) because the divisor is zero",
                    desc(&l),
                    desc(&r)
                ));
            }
            "%" => "divided",
            _ => return None,
        };
        return Some(format!("{} and {} cannot be {verb}", desc(&l), desc(&r)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_in_jq_words() {
        assert_eq!(
            jq_message("cannot index 1 with \"a\""),
            "Cannot index number with string \"a\""
        );
        assert_eq!(jq_message("cannot index {} with 0"), "Cannot index object with number");
        assert_eq!(
            jq_message("cannot use 1 as iterable (array or object)"),
            "Cannot iterate over number (1)"
        );
        assert_eq!(
            jq_message("cannot calculate 1 + \"a\""),
            "number (1) and string (\"a\") cannot be added"
        );
        assert_eq!(
            jq_message("cannot calculate {\"a\":\"xxxxxxxxxxxxxxxxx\"} + 1"),
            "object ({\"a\":\"xxxxx...) and number (1) cannot be added"
        );
        assert_eq!(jq_message("something else"), "something else");
    }

    #[test]
    fn base_encodings() {
        assert_eq!(encode(b"test", B32, 5, 8), b"ORSXG5A=");
        assert_eq!(decode(b"ORSXG5A=", B32, 5).unwrap(), b"test");
        assert_eq!(encode("é".as_bytes(), B64, 6, 4), b"w6k=");
        assert_eq!(decode(b"w6k=", B64, 6).unwrap(), "é".as_bytes());
        assert!(decode(b"%%%", B64, 6).is_none());
    }
}
