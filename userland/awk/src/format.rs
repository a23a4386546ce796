//! `printf`/`sprintf` formatting, and numbers to strings through CONVFMT
//! and OFMT, as mawk does them (C's printf on doubles; mawk clamps the
//! integer conversions to a C int / unsigned int).

use super::value::{Value, as_int, push_int};

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

/// A failure while formatting: mawk's message text.
#[derive(Debug, PartialEq)]
pub enum FmtError {
    /// `improper conversion(number N)`
    Improper(usize),
    NotEnough,
}

/// Format `fmt` with `args` into `out`. `conv` turns a number into text
/// (CONVFMT) for `%s` of numbers.
pub fn sprintf(out: &mut Vec<u8>, fmt: &[u8], args: &[Value], convfmt: &NumFormat) -> Result<(), FmtError> {
    let mut next = 0;
    let mut i = 0;
    let mut count = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            let end = memchr::memchr(b'%', &fmt[i..]).map_or(fmt.len(), |k| i + k);
            out.extend_from_slice(&fmt[i..end]);
            i = end;
            continue;
        }
        if fmt.get(i + 1) == Some(&b'%') {
            out.push(b'%');
            i += 2;
            continue;
        }
        count += 1;
        i += 1;
        let mut spec = Spec::default();
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => spec.minus = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                b'0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let take = |next: &mut usize| -> Result<f64, FmtError> {
            let v = args.get(*next).ok_or(FmtError::NotEnough)?;
            *next += 1;
            Ok(v.to_num())
        };
        if fmt.get(i) == Some(&b'*') {
            let w = take(&mut next)?;
            if w < 0.0 {
                spec.minus = true;
            }
            spec.width = w.abs().min(1e6) as usize;
            i += 1;
        } else {
            spec.width = digits(fmt, &mut i);
        }
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            if fmt.get(i) == Some(&b'*') {
                let p = take(&mut next)?;
                spec.prec = (p >= 0.0).then_some(p.min(1e6) as usize);
                i += 1;
            } else {
                spec.prec = Some(digits(fmt, &mut i));
            }
        }
        // C length modifiers mean nothing for doubles.
        while matches!(fmt.get(i), Some(b'l' | b'h' | b'L' | b'q' | b'j' | b'z' | b't')) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            return Err(FmtError::Improper(count));
        };
        i += 1;
        if !matches!(
            conv,
            b'c' | b'd' | b'i' | b'o' | b'x' | b'X' | b'u' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b's'
        ) {
            return Err(FmtError::Improper(count));
        }
        let arg = args.get(next).ok_or(FmtError::NotEnough)?;
        next += 1;
        one(out, conv, &spec, arg, convfmt);
    }
    Ok(())
}

fn digits(fmt: &[u8], i: &mut usize) -> usize {
    let mut n: usize = 0;
    while let Some(&d) = fmt.get(*i) {
        if !d.is_ascii_digit() {
            break;
        }
        n = n.saturating_mul(10).saturating_add((d - b'0') as usize).min(1_000_000);
        *i += 1;
    }
    n
}

/// One conversion of one argument.
fn one(out: &mut Vec<u8>, conv: u8, spec: &Spec, arg: &Value, convfmt: &NumFormat) {
    match conv {
        b's' => {
            let mut s = Vec::new();
            to_str_into(arg, convfmt, &mut s);
            if let Some(p) = spec.prec {
                s.truncate(p);
            }
            pad(out, &s, spec, false);
        }
        b'c' => {
            let byte = match arg {
                Value::Num(n) => vec![*n as i64 as u8],
                Value::StrNum(s) | Value::Str(s) => vec![s.first().copied().unwrap_or(0)],
                Value::Uninit => vec![0],
            };
            pad(out, &byte, spec, false);
        }
        b'd' | b'i' => {
            let n = arg.to_num();
            // mawk clamps to a C int (NaN goes low).
            let v = if n.is_nan() {
                -(i32::MAX as i64)
            } else {
                n.clamp(-(i32::MAX as f64), i32::MAX as f64) as i64
            };
            signed(out, v, spec);
        }
        b'o' | b'x' | b'X' | b'u' => {
            let n = arg.to_num();
            let v = if n.is_nan() || n < 0.0 {
                0
            } else {
                n.min(u32::MAX as f64) as u64
            };
            unsigned(out, v, conv, spec);
        }
        _ => {
            let mut s = Vec::new();
            float(&mut s, arg.to_num(), conv, spec);
            pad(out, &s, spec, true);
        }
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

fn signed(out: &mut Vec<u8>, v: i64, spec: &Spec) {
    let mut digits = Vec::new();
    push_int(&mut digits, v.unsigned_abs() as i64);
    let digits = precision_digits(digits, spec.prec);
    let mut s = Vec::with_capacity(digits.len() + 1);
    if v < 0 {
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

/// `%e %f %g` (and upper-case forms) as C prints a double.
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
    if !a.is_finite() {
        let word: &[u8] = match (a.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        s.extend_from_slice(word);
        return;
    }
    let prec = spec.prec.unwrap_or(6);
    let body = match conv | 0x20 {
        b'e' => exp_form(a, prec, spec.alt),
        b'f' => fixed_form(a, prec, spec.alt),
        _ => g_form(a, prec, spec.alt),
    };
    if upper {
        s.extend(body.bytes().map(|b| b.to_ascii_uppercase()));
    } else {
        s.extend_from_slice(body.as_bytes());
    }
}

fn fixed_form(a: f64, prec: usize, alt: bool) -> String {
    let mut t = format!("{a:.prec$}");
    if alt && prec == 0 {
        t.push('.');
    }
    t
}

/// `d.ddde+XX`: Rust writes `d.ddde5`; C wants a sign and two digits.
fn exp_form(a: f64, prec: usize, alt: bool) -> String {
    let t = format!("{a:.prec$e}");
    let (mant, exp) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let dot = if alt && prec == 0 { "." } else { "" };
    format!("{mant}{dot}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: `%e` or `%f` by the exponent, trailing zeros dropped unless `#`.
fn g_form(a: f64, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    if a == 0.0 {
        return if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
    }
    let t = format!("{a:.prec$e}", prec = p - 1);
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

    /// A non-integer number through this format.
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
        if sprintf(out, &self.text.clone(), &[Value::Num(n)], &plain).is_err() {
            // A CONVFMT without a conversion gives its text (C does too);
            // one that wants more arguments is unusable: use %.6g.
            plain.format(n, out);
        }
    }
}

/// A number as awk prints it: integers as integers, others by `fmt`.
pub fn num_to_str(n: f64, fmt: &NumFormat, out: &mut Vec<u8>) {
    match as_int(n) {
        Some(i) => push_int(out, i),
        None => fmt.format(n, out),
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

    fn f(fmt: &str, args: &[Value]) -> String {
        let mut out = Vec::new();
        sprintf(&mut out, fmt.as_bytes(), args, &NumFormat::new(b"%.6g")).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn n(v: f64) -> Value {
        Value::Num(v)
    }

    // Expectations from mawk 1.3.4 (and C's printf).
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
        assert_eq!(f("%d|%x|%u", &[n(3e9), n(-1.), n(-5.)]), "2147483647|0|0");
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
            f("%g %g %f", &[n(f64::INFINITY), n(-f64::INFINITY), n(f64::NAN)]),
            "inf -inf nan"
        );
    }

    #[test]
    fn errors() {
        let mut out = Vec::new();
        let conv = NumFormat::new(b"%.6g");
        assert_eq!(sprintf(&mut out, b"%z", &[n(1.)], &conv), Err(FmtError::Improper(1)));
        assert_eq!(sprintf(&mut out, b"%s %s", &[n(1.)], &conv), Err(FmtError::NotEnough));
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
        assert_eq!(s(2f64.powi(31)), "2.14748e+09");
        assert_eq!(s(-0.0), "0");
        assert_eq!(s(1.0 / 3.0), "0.333333");
        let mut o = Vec::new();
        NumFormat::new(b"%.2f").format(3.14163, &mut o);
        assert_eq!(o, b"3.14");
    }
}
