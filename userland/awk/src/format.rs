//! `printf`/`sprintf` formatting, and numbers to strings through CONVFMT
//! and OFMT, as gawk does them: C's printf on doubles, with integer
//! conversions on 64 bits (`%d` of a value past that range prints all its
//! digits; `%x` of one falls back to `%g`), `+inf`/`-nan` for values that
//! are not finite, unknown conversions copied as they are, and widths and
//! precisions of `%s` and `%c` counted in characters in a UTF-8 locale.

use common::limits::{Budget, TooLarge};
use common::locale::{self, Charset};
use common::printf;

use super::value::{Value, looks_numeric, push_exact};

/// One conversion's flags, width and precision.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Spec {
    pub minus: bool,
    pub plus: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub prec: Option<usize>,
}

/// A failure while formatting.
#[derive(Debug, PartialEq)]
pub enum FmtError {
    /// No argument is left for the conversion starting at this byte of
    /// the format.
    NotEnough(usize),
    /// `%1$s` mixed with `%s`.
    Mixed,
    /// `%0$s`.
    IndexZero,
    /// `%N$s` past the arguments.
    IndexPast(usize),
    /// A width or precision past the process's `string` limit.
    TooLarge(TooLarge),
}

impl FmtError {
    /// gawk's text for it (after `fatal: `).
    pub fn message(&self, fmt: &[u8]) -> String {
        match self {
            FmtError::NotEnough(at) => format!(
                "not enough arguments to satisfy format string\n\t`{}'\n\t{}^ ran out for this one",
                String::from_utf8_lossy(fmt),
                " ".repeat(at + 1)
            ),
            FmtError::Mixed => "must use `count$' on all formats or none".into(),
            FmtError::IndexZero => "argument index with `$' must be > 0".into(),
            FmtError::IndexPast(n) => format!("argument index {n} greater than total number of supplied arguments"),
            FmtError::TooLarge(t) => t.to_string(),
        }
    }
}

/// What formatting needs from the interpreter.
pub struct Ctx<'a> {
    /// CONVFMT, for `%s` of a number.
    pub convfmt: &'a NumFormat,
    pub charset: Charset,
    /// Widths and precisions past it are errors, never cut.
    pub budget: Budget,
}

/// Format `fmt` with `args` into `out`.
pub fn sprintf(out: &mut Vec<u8>, fmt: &[u8], args: &[Value], ctx: &Ctx) -> Result<(), FmtError> {
    let mut next = 0;
    let mut positional: Option<bool> = None;
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            let end = memchr::memchr(b'%', &fmt[i..]).map_or(fmt.len(), |k| i + k);
            out.extend_from_slice(&fmt[i..end]);
            i = end;
            continue;
        }
        let start = i;
        i += 1;
        // `%N$`: the argument by position.
        let mut at = None;
        let mut j = i;
        while fmt.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > i && fmt.get(j) == Some(&b'$') {
            let n = digits(fmt, &mut i);
            if n == 0 {
                return Err(FmtError::IndexZero);
            }
            at = Some(n);
            i = j + 1;
        }
        let mut spec = Spec::default();
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => spec.minus = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                // Thousands grouping: none in the C locale.
                b'\'' => {}
                _ => break,
            }
            i += 1;
        }
        let take = |next: &mut usize| -> Result<f64, FmtError> {
            let v = args.get(*next).ok_or(FmtError::NotEnough(start))?;
            *next += 1;
            Ok(v.to_num())
        };
        if fmt.get(i) == Some(&b'*') {
            let w = take(&mut next)?;
            if w < 0.0 {
                spec.minus = true;
            }
            spec.width = ctx.budget.check_f64("width", w.abs()).map_err(FmtError::TooLarge)?;
            i += 1;
        } else {
            let w = digits(fmt, &mut i);
            spec.width = ctx.budget.check("width", w as u64).map_err(FmtError::TooLarge)?;
        }
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            if fmt.get(i) == Some(&b'*') {
                let p = take(&mut next)?;
                spec.prec = if p >= 0.0 {
                    Some(ctx.budget.check_f64("precision", p).map_err(FmtError::TooLarge)?)
                } else {
                    None
                };
                i += 1;
            } else {
                let p = digits(fmt, &mut i);
                spec.prec = Some(ctx.budget.check("precision", p as u64).map_err(FmtError::TooLarge)?);
            }
        }
        // C's length modifiers mean nothing for doubles (gawk takes one;
        // `%lld` is copied as it is, below).
        if matches!(fmt.get(i), Some(b'l' | b'h' | b'L' | b'j' | b'z' | b't')) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.extend_from_slice(&fmt[start..]);
            break;
        };
        i += 1;
        if conv == b'%' {
            out.push(b'%');
            continue;
        }
        if !b"cdiouxXeEfFgGaAs".contains(&conv) {
            // gawk copies what it does not know.
            out.extend_from_slice(&fmt[start..i]);
            continue;
        }
        if *positional.get_or_insert(at.is_some()) != at.is_some() {
            return Err(FmtError::Mixed);
        }
        let arg = match at {
            Some(n) => args.get(n - 1).ok_or(FmtError::IndexPast(n))?,
            None => {
                next += 1;
                args.get(next - 1).ok_or(FmtError::NotEnough(start))?
            }
        };
        one(out, conv, &spec, arg, ctx);
    }
    Ok(())
}

fn digits(fmt: &[u8], i: &mut usize) -> usize {
    let mut n: usize = 0;
    while let Some(&d) = fmt.get(*i) {
        if !d.is_ascii_digit() {
            break;
        }
        n = n.saturating_mul(10).saturating_add((d - b'0') as usize);
        *i += 1;
    }
    n
}

/// One conversion of one argument.
fn one(out: &mut Vec<u8>, conv: u8, spec: &Spec, arg: &Value, ctx: &Ctx) {
    match conv {
        b's' => {
            let mut s = Vec::new();
            to_str_into(arg, ctx.convfmt, &mut s);
            if let Some(p) = spec.prec {
                s.truncate(locale::byte_offset(&s, p, ctx.charset));
            }
            pad_chars(out, &s, spec, ctx.charset);
        }
        b'c' => {
            let c = char_of(arg, ctx.charset);
            pad_chars(out, &c, spec, ctx.charset);
        }
        b'd' | b'i' => {
            let n = arg.to_num();
            if !n.is_finite() {
                push_exact(out, n);
                return;
            }
            let t = n.trunc();
            let mut digits = Vec::new();
            push_exact(&mut digits, t.abs());
            signed(out, t < 0.0, digits, spec);
        }
        b'o' | b'x' | b'X' | b'u' => {
            let n = arg.to_num();
            match to_u64(n) {
                Some(v) => unsigned(out, v, conv, spec),
                // Out of range: gawk falls back to %g.
                None => one(out, b'g', spec, &Value::Num(n), ctx),
            }
        }
        _ => {
            let n = arg.to_num();
            if !n.is_finite() {
                push_exact(out, n);
                return;
            }
            let mut s = Vec::new();
            float(&mut s, n, conv, spec);
            pad(out, &s, spec, true);
        }
    }
}

/// A value as an unsigned 64-bit integer, negative ones in two's
/// complement, when it fits.
fn to_u64(n: f64) -> Option<u64> {
    let t = n.trunc();
    if !t.is_finite() {
        None
    } else if t < 0.0 {
        (t >= -9_223_372_036_854_775_808.0).then_some(t as i64 as u64)
    } else {
        (t < 18_446_744_073_709_551_616.0).then_some(t as u64)
    }
}

/// `%c`: a number is a character code (a byte in the C locale), a string
/// gives its first character.
fn char_of(arg: &Value, charset: Charset) -> Vec<u8> {
    let code = match arg {
        Value::Num(n) => Some(*n),
        Value::StrNum(s) => looks_numeric(s),
        Value::Uninit => Some(0.0),
        Value::Str(_) => None,
    };
    match (code, arg) {
        (Some(n), _) => {
            let v = if n.is_finite() { n as i64 } else { 0 };
            match charset {
                Charset::Bytes => vec![v as u8],
                Charset::Utf8 => match u32::try_from(v).ok().and_then(char::from_u32) {
                    Some(c) => c.to_string().into_bytes(),
                    None => vec![0],
                },
            }
        }
        (None, Value::Str(s) | Value::StrNum(s)) if !s.is_empty() => {
            let len = locale::units(s, charset).next().map_or(1, |u| u.len);
            s[..len].to_vec()
        }
        _ => vec![0],
    }
}

/// Pad text to the width in characters.
fn pad_chars(out: &mut Vec<u8>, s: &[u8], spec: &Spec, charset: Charset) {
    let len = locale::char_count(s, charset);
    let fill = spec.width.saturating_sub(len);
    if spec.minus {
        out.extend_from_slice(s);
        out.resize(out.len() + fill, b' ');
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(s);
    }
}

/// Pad to the width: left or right with spaces, or with zeros after the
/// sign for numbers.
fn pad(out: &mut Vec<u8>, s: &[u8], spec: &Spec, zero_ok: bool) {
    let fill = spec.width.saturating_sub(s.len());
    if fill == 0 {
        out.extend_from_slice(s);
    } else if spec.minus {
        out.extend_from_slice(s);
        out.resize(out.len() + fill, b' ');
    } else if spec.zero && zero_ok {
        let sign = match s.first() {
            Some(b'-' | b'+' | b' ') => 1,
            _ => 0,
        };
        let prefix = if s[sign..].len() >= 2 && s[sign] == b'0' && (s[sign + 1] | 0x20) == b'x' {
            sign + 2
        } else {
            sign
        };
        out.extend_from_slice(&s[..prefix]);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(&s[prefix..]);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(s);
    }
}

fn signed(out: &mut Vec<u8>, negative: bool, digits: Vec<u8>, spec: &Spec) {
    let digits = precision_digits(digits, spec.prec);
    let mut s = Vec::with_capacity(digits.len() + 1);
    if negative {
        s.push(b'-');
    } else if spec.plus {
        s.push(b'+');
    } else if spec.space {
        s.push(b' ');
    }
    s.extend_from_slice(&digits);
    pad(out, &s, spec, spec.prec.is_none());
}

/// `%.3d`: at least that many digits; `%.0d` of 0 is empty.
fn precision_digits(digits: Vec<u8>, prec: Option<usize>) -> Vec<u8> {
    match prec {
        Some(0) if digits == b"0" => Vec::new(),
        Some(p) if p > digits.len() => {
            let mut v = vec![b'0'; p - digits.len()];
            v.extend_from_slice(&digits);
            v
        }
        _ => digits,
    }
}

fn unsigned(out: &mut Vec<u8>, v: u64, conv: u8, spec: &Spec) {
    let text = match conv {
        b'o' => format!("{v:o}"),
        b'x' => format!("{v:x}"),
        b'X' => format!("{v:X}"),
        _ => v.to_string(),
    };
    let mut digits = precision_digits(text.into_bytes(), spec.prec);
    let mut s = Vec::new();
    if spec.alt {
        match conv {
            b'o' if digits.first() != Some(&b'0') => s.push(b'0'),
            b'x' if v != 0 => s.extend_from_slice(b"0x"),
            b'X' if v != 0 => s.extend_from_slice(b"0X"),
            _ => {}
        }
    }
    s.append(&mut digits);
    pad(out, &s, spec, spec.prec.is_none());
}

/// `%e %f %g %a` (and upper-case forms) as C prints a finite double.
pub fn float(s: &mut Vec<u8>, v: f64, conv: u8, spec: &Spec) {
    let upper = conv.is_ascii_uppercase();
    if v.is_sign_negative() {
        s.push(b'-');
    } else if spec.plus {
        s.push(b'+');
    } else if spec.space {
        s.push(b' ');
    }
    let a = v.abs();
    let body = match conv | 0x20 {
        b'e' => exp_form(a, spec.prec.unwrap_or(6), spec.alt),
        b'f' => fixed_form(a, spec.prec.unwrap_or(6), spec.alt),
        b'a' => hex_form(a, spec.prec, spec.alt),
        _ => g_form(a, spec.prec.unwrap_or(6), spec.alt),
    };
    if upper {
        s.extend(body.bytes().map(|b| b.to_ascii_uppercase()));
    } else {
        s.extend_from_slice(body.as_bytes());
    }
}

// Precisions go through common::printf, whose forms take any precision
// (Rust's formatter stops at 65535).
fn fixed_form(a: f64, prec: usize, alt: bool) -> String {
    let mut t = printf::fixed(a, prec);
    if alt && prec == 0 {
        t.push('.');
    }
    t
}

/// `d.ddde+XX`: Rust writes `d.ddde5`; C wants a sign and two digits.
fn exp_form(a: f64, prec: usize, alt: bool) -> String {
    let t = printf::rust_exp(a, prec);
    let (mant, exp) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let dot = if alt && prec == 0 { "." } else { "" };
    format!("{mant}{dot}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: `%e` or `%f` by the exponent, trailing zeros dropped unless `#`.
fn g_form(a: f64, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        return if alt { printf::fixed(0.0, p - 1) } else { "0".into() };
    }
    let t = printf::rust_exp(a, p - 1);
    let exp: i32 = t.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let mut body = if exp < -4 || exp >= p as i32 {
        exp_form(a, p - 1, alt)
    } else {
        fixed_form(a, (p as i32 - 1 - exp).max(0) as usize, alt)
    };
    if !alt {
        body = strip_zeros(&body);
    }
    body
}

/// `%a`: `0x1.8p+1`, as glibc writes it (subnormals as `0x0.…p-1022`),
/// rounding to `prec` hex digits half to even.
fn hex_form(a: f64, prec: Option<usize>, alt: bool) -> String {
    let bits = a.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    if a == 0.0 {
        let zeros = "0".repeat(prec.unwrap_or(0));
        let dot = if !zeros.is_empty() || alt { "." } else { "" };
        return format!("0x0{dot}{zeros}p+0");
    }
    let (mut lead, exp) = if exp_bits == 0 {
        (0u64, -1022)
    } else {
        (1u64, exp_bits - 1023)
    };
    let mut digits = frac;
    let mut ndigits = 13usize;
    if let Some(p) = prec.filter(|&p| p < 13) {
        let drop = 4 * (13 - p) as u32;
        let rest = digits & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        digits >>= drop;
        // Ties go to even: the last digit kept is the leading one when
        // no hex digit is kept.
        let last = if p == 0 { lead } else { digits };
        if rest > half || (rest == half && last & 1 == 1) {
            digits += 1;
            if digits >> (4 * p) != 0 {
                digits &= (1u64 << (4 * p)) - 1;
                lead += 1;
            }
        }
        ndigits = p;
    }
    let mut hex = if ndigits == 0 {
        String::new()
    } else {
        format!("{digits:0ndigits$x}")
    };
    match prec {
        Some(p) if p > 13 => hex.push_str(&"0".repeat(p - 13)),
        None => hex.truncate(hex.trim_end_matches('0').len()),
        _ => {}
    }
    let dot = if !hex.is_empty() || alt { "." } else { "" };
    format!("0x{lead}{dot}{hex}p{}{}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// Drop trailing fraction zeros (and a bare dot), keeping any exponent.
fn strip_zeros(s: &str) -> String {
    let (mant, exp) = match s.find('e') {
        Some(k) => (&s[..k], &s[k..]),
        None => (s, ""),
    };
    if !mant.contains('.') {
        return s.to_string();
    }
    let m = mant.trim_end_matches('0').trim_end_matches('.');
    format!("{m}{exp}")
}

/// A number-to-string format (CONVFMT or OFMT), parsed once.
#[derive(Clone, Debug)]
pub struct NumFormat {
    pub text: Vec<u8>,
    /// `%.Ng` alone (the usual case): formatted without the general engine.
    simple_g: Option<usize>,
}

impl NumFormat {
    pub fn new(text: &[u8]) -> NumFormat {
        let simple_g = text
            .strip_prefix(b"%.")
            .and_then(|r| r.strip_suffix(b"g"))
            .filter(|d| !d.is_empty() && d.iter().all(u8::is_ascii_digit))
            .and_then(|d| std::str::from_utf8(d).ok()?.parse().ok());
        NumFormat {
            text: text.to_vec(),
            simple_g,
        }
    }

    /// A non-integral finite number through this format.
    pub fn format(&self, n: f64, out: &mut Vec<u8>) {
        if let Some(p) = self.simple_g {
            float(
                out,
                n,
                b'g',
                &Spec {
                    prec: Some(p),
                    ..Spec::default()
                },
            );
            return;
        }
        let plain = NumFormat {
            text: b"%.6g".to_vec(),
            simple_g: Some(6),
        };
        // Numbers become strings everywhere and that cannot fail: a CONVFMT
        // or OFMT too wide for this falls back to %.6g below, as one that
        // wants more arguments does.
        let ctx = Ctx {
            convfmt: &plain,
            charset: Charset::Bytes,
            budget: Budget { max: 1 << 20 },
        };
        if sprintf(out, &self.text.clone(), &[Value::Num(n)], &ctx).is_err() {
            // A CONVFMT that wants more arguments is unusable: use %.6g.
            plain.format(n, out);
        }
    }
}

/// A number as awk prints it: integral values (of any size) as integers,
/// `+inf`/`-nan` as such, others by `fmt`.
pub fn num_to_str(n: f64, fmt: &NumFormat, out: &mut Vec<u8>) {
    if !push_exact(out, n) {
        fmt.format(n, out);
    }
}

/// A value's string form (numbers through `fmt`), appended to `out`.
pub fn to_str_into(v: &Value, fmt: &NumFormat, out: &mut Vec<u8>) {
    match v {
        Value::Uninit => {}
        Value::Num(n) => num_to_str(*n, fmt, out),
        Value::Str(s) | Value::StrNum(s) => out.extend_from_slice(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fc(fmt: &str, args: &[Value], charset: Charset) -> String {
        let mut out = Vec::new();
        let conv = NumFormat::new(b"%.6g");
        sprintf(
            &mut out,
            fmt.as_bytes(),
            args,
            &Ctx {
                convfmt: &conv,
                charset,
                budget: Budget::UNLIMITED,
            },
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn f(fmt: &str, args: &[Value]) -> String {
        fc(fmt, args, Charset::Bytes)
    }

    fn n(v: f64) -> Value {
        Value::Num(v)
    }

    // Expectations from gawk 5.2 (and C's printf).
    #[test]
    fn conversions() {
        assert_eq!(
            f(
                "%d|%5d|%-5d|%05d|%+d|% d",
                &[n(12.7), n(42.), n(42.), n(42.), n(42.), n(42.)]
            ),
            "12|   42|42   |00042|+42| 42"
        );
        assert_eq!(
            f(
                "%.3d|%-+8.3d|%x|%X|%o|%#x|%#o",
                &[n(5.), n(5.), n(255.), n(255.), n(8.), n(255.), n(8.)]
            ),
            "005|+005    |ff|FF|10|0xff|010"
        );
        assert_eq!(
            f("%d|%d|%i|%u|%x", &[n(4e9), n(1e30), n(-5.), n(-1.), n(-1.)]),
            "4000000000|1000000000000000019884624838656|-5|18446744073709551615|ffffffffffffffff"
        );
        assert_eq!(
            f("%x|%x|%X", &[n(1e20), n(2f64.powi(63)), n(-255.)]),
            "1e+20|8000000000000000|FFFFFFFFFFFFFF01"
        );
        assert_eq!(
            f("%c%c|%5.2s|", &[n(65.), Value::str(b"hello"), Value::str(b"abc")]),
            "Ah|   ab|"
        );
        assert_eq!(
            f("%*d|%-*d|%.*f", &[n(5.), n(42.), n(4.), n(7.), n(2.), n(3.14163)]),
            "   42|7   |3.14"
        );
        assert_eq!(f("%s %s", &[n(1e6), n(1234567.5)]), "1000000 1.23457e+06");
        assert_eq!(f("%%|%c", &[Value::str(b"")]), "%|\0");
        assert_eq!(f("%5z|%|%5%|%", &[]), "%5z|%|%|%");
        assert_eq!(f("%2$s-%1$s", &[Value::str(b"a"), Value::str(b"b")]), "b-a");
        assert_eq!(f("%c", &[Value::strnum(b"66")]), "B");
    }

    #[test]
    fn not_finite() {
        let inf = f64::INFINITY;
        assert_eq!(
            f(
                "[%10f][%-10e][%10d][%10s][%x]",
                &[n(inf), n(inf), n(inf), n(inf), n(-inf)]
            ),
            "[+inf][+inf][+inf][      +inf][-inf]"
        );
        assert_eq!(f("%d %g", &[n(-f64::NAN), n(f64::NAN)]), "-nan +nan");
    }

    #[test]
    fn characters_in_utf8() {
        let u = |fmt: &str, args: &[Value]| fc(fmt, args, Charset::Utf8);
        assert_eq!(
            u(
                "[%5s][%-4s][%.1s][%3c][%c][%c]",
                &[
                    Value::str("日本".as_bytes()),
                    Value::str("é".as_bytes()),
                    Value::str("日本".as_bytes()),
                    Value::str("日".as_bytes()),
                    n(233.),
                    n(0x65e5 as f64)
                ]
            ),
            "[   日本][é   ][日][  日][é][日]"
        );
    }

    #[test]
    fn floats() {
        assert_eq!(
            f("%e|%E|%f", &[n(1234.5), n(1234.5), n(1.5)]),
            "1.234500e+03|1.234500E+03|1.500000"
        );
        assert_eq!(
            f(
                "%g|%G|%.3e|%10.4f|%-10.2g|",
                &[n(0.0001234), n(1e-10), n(3.14163), n(3.14163), n(3.14163)]
            ),
            "0.0001234|1E-10|3.142e+00|    3.1416|3.1       |"
        );
        assert_eq!(
            f("%.0f %.0f %.2f %.0e", &[n(0.5), n(2.5), n(0.125), n(15000.)]),
            "0 2 0.12 2e+04"
        );
        assert_eq!(
            f("%#g|%#.3g|%g|%g", &[n(0.5), n(1.), n(123456.5), n(1e100)]),
            "0.500000|1.00|123456|1e+100"
        );
        assert_eq!(
            f("%08.3f|%+.2e|% f", &[n(3.14163), n(12345.), n(1.)]),
            "0003.142|+1.23e+04| 1.000000"
        );
        assert_eq!(
            f(
                "%.3a|%a|%a|%a|%.0a|%a|%A",
                &[n(0.1), n(0.1), n(0.), n(-2.5), n(1.5), n(1e-320), n(0.5)]
            ),
            "0x1.99ap-4|0x1.999999999999ap-4|0x0p+0|-0x1.4p+1|0x2p+0|0x0.00000000007e8p-1022|0X1P-1"
        );
    }

    #[test]
    fn errors() {
        let mut out = Vec::new();
        let conv = NumFormat::new(b"%.6g");
        let ctx = Ctx {
            convfmt: &conv,
            charset: Charset::Bytes,
            budget: Budget { max: 1000 },
        };
        assert_eq!(sprintf(&mut out, b"%s %s", &[n(1.)], &ctx), Err(FmtError::NotEnough(3)));
        assert_eq!(sprintf(&mut out, b"%s %1$s", &[n(1.)], &ctx), Err(FmtError::Mixed));
        // Widths and precisions past the budget fail; they are not cut.
        for f in [&b"%1001d"[..], b"%.1001f", b"%*d", b"%.*s"] {
            let e = sprintf(&mut out, f, &[n(5000.), n(1.)], &ctx).unwrap_err();
            assert!(matches!(e, FmtError::TooLarge(_)), "{e:?}");
            assert!(
                e.message(f).contains("too large (limit 1000 bytes)"),
                "{}",
                e.message(f)
            );
        }
        assert_eq!(sprintf(&mut out, b"%0$s", &[n(1.)], &ctx), Err(FmtError::IndexZero));
        assert_eq!(
            sprintf(&mut out, b"%1$s %2$s", &[n(1.)], &ctx),
            Err(FmtError::IndexPast(2))
        );
        assert_eq!(sprintf(&mut out, b"%1$s %%", &[n(1.)], &ctx), Ok(()));
    }

    #[test]
    fn number_strings() {
        let g = NumFormat::new(b"%.6g");
        let s = |v: f64| {
            let mut o = Vec::new();
            num_to_str(v, &g, &mut o);
            String::from_utf8(o).unwrap()
        };
        assert_eq!(s(0.1 + 0.2), "0.3");
        assert_eq!(s(2f64.powi(31)), "2147483648");
        assert_eq!(s(2f64.powi(53)), "9007199254740992");
        assert_eq!(s(1e15 + 0.5), "1e+15");
        assert_eq!(s(-0.0), "0");
        assert_eq!(s(1.0 / 3.0), "0.333333");
        assert_eq!(s(f64::NEG_INFINITY), "-inf");
        let mut o = Vec::new();
        NumFormat::new(b"%.2f").format(3.14163, &mut o);
        assert_eq!(o, b"3.14");
    }
}
