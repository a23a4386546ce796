//! Awk values: numbers, strings, and "strnums" (input that looks numeric
//! compares as a number), with the conversions between them.

use std::sync::Arc;

/// Text is bytes: awk runs in the C locale here.
pub type Str = Arc<[u8]>;

#[derive(Clone, Debug, Default)]
pub enum Value {
    /// Never assigned: both "" and 0.
    #[default]
    Uninit,
    Num(f64),
    Str(Str),
    /// From input (fields, getline, split, ARGV, ENVIRON, -v): a number
    /// when it looks like one, else a string.
    StrNum(Str),
}

pub fn str_from(b: &[u8]) -> Str {
    Arc::from(b)
}

impl Value {
    pub fn str(b: &[u8]) -> Value {
        Value::Str(str_from(b))
    }

    pub fn strnum(b: &[u8]) -> Value {
        Value::StrNum(str_from(b))
    }

    pub fn bool(b: bool) -> Value {
        Value::Num(if b { 1.0 } else { 0.0 })
    }

    pub fn to_num(&self) -> f64 {
        match self {
            Value::Uninit => 0.0,
            Value::Num(n) => *n,
            Value::Str(s) | Value::StrNum(s) => str_to_num(s),
        }
    }

    /// Truth: numbers by value, strings by non-emptiness, strnums by
    /// their numeric value when they look numeric.
    pub fn truth(&self) -> bool {
        match self {
            Value::Uninit => false,
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::StrNum(s) => match looks_numeric(s) {
                Some(n) => n != 0.0,
                None => !s.is_empty(),
            },
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|&b| !is_space(b)).map_or(start, |e| e + 1);
    &s[start..end]
}

/// gawk's IEEE magic values: `+inf`, `-inf`, `+nan`, `-nan` (any case,
/// sign required), standing alone after blanks are trimmed.
fn magic(t: &[u8]) -> Option<f64> {
    let [sign @ (b'+' | b'-'), rest @ ..] = t else {
        return None;
    };
    let neg = *sign == b'-';
    let v = if rest.eq_ignore_ascii_case(b"inf") {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        return None;
    };
    Some(if neg { -v } else { v })
}

/// The numeric value of a string as gawk reads it: the longest decimal
/// prefix after blanks (no hex, no bare `inf` or `nan`: gawk's default
/// mode), or a magic value.
pub fn str_to_num(s: &[u8]) -> f64 {
    if let Some(v) = magic(trim(s)) {
        return v;
    }
    let i = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    prefix_num(&s[i..]).0
}

/// The decimal number at the start of `s` and how many bytes it took (0:
/// none).
fn prefix_num(s: &[u8]) -> (f64, usize) {
    let (neg, i) = match s.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let sign = |v: f64| if neg { -v } else { v };
    let rest = &s[i..];
    // Fast path: a plain run of digits.
    let mut n: u64 = 0;
    let mut j = 0;
    while j < rest.len() && rest[j].is_ascii_digit() && j < 18 {
        n = n * 10 + (rest[j] - b'0') as u64;
        j += 1;
    }
    if j > 0 && (j == rest.len() || !matches!(rest[j], b'0'..=b'9' | b'.' | b'e' | b'E')) {
        return (sign(n as f64), i + j);
    }
    let end = decimal_len(rest);
    if end == 0 {
        return (0.0, 0);
    }
    let text = std::str::from_utf8(&rest[..end]).unwrap_or("0");
    (sign(text.parse::<f64>().unwrap_or(0.0)), i + end)
}

/// Length of the decimal number (digits, fraction, exponent) at the start.
fn decimal_len(s: &[u8]) -> usize {
    let mut j = 0;
    let digits = |j: &mut usize| {
        let start = *j;
        while *j < s.len() && s[*j].is_ascii_digit() {
            *j += 1;
        }
        *j - start
    };
    let mut n = digits(&mut j);
    if j < s.len() && s[j] == b'.' {
        j += 1;
        n += digits(&mut j);
    }
    if n == 0 {
        return 0;
    }
    if j < s.len() && (s[j] | 0x20) == b'e' {
        let mut k = j + 1;
        if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
            k += 1;
        }
        if digits(&mut k) > 0 {
            j = k;
        }
    }
    j
}

/// The value of input text that looks like a number (blanks around a
/// decimal number, or a magic value), or None.
pub fn looks_numeric(s: &[u8]) -> Option<f64> {
    let t = trim(s);
    if let Some(v) = magic(t) {
        return Some(v);
    }
    let digits = match t.first() {
        Some(b'+' | b'-') => &t[1..],
        _ => t,
    };
    if digits.is_empty() || decimal_len(digits) != digits.len() {
        return None;
    }
    Some(prefix_num(t).0)
}

/// A number's text when it is integral or not finite (gawk: `%d`, `%.0f`
/// past the range of a long, `+inf`, `-nan`); false when it needs a
/// format such as CONVFMT.
pub fn push_exact(out: &mut Vec<u8>, n: f64) -> bool {
    if n.is_nan() {
        out.extend_from_slice(if n.is_sign_negative() { b"-nan" } else { b"+nan" });
    } else if n.is_infinite() {
        out.extend_from_slice(if n < 0.0 { b"-inf" } else { b"+inf" });
    } else if n != n.trunc() {
        return false;
    } else if n.abs() < 1e18 {
        push_int(out, n as i64);
    } else {
        use std::io::Write;
        let _ = write!(out, "{n:.0}");
    }
    true
}

/// Append an integer's decimal digits.
pub fn push_int(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 24];
    let mut i = buf.len();
    let neg = v < 0;
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expectations from gawk 5.2.
    #[test]
    fn strtod_prefixes() {
        assert_eq!(str_to_num(b" 12abc"), 12.0);
        assert_eq!(str_to_num(b"1e3"), 1000.0);
        assert_eq!(str_to_num(b".5"), 0.5);
        assert_eq!(str_to_num(b"+3"), 3.0);
        assert_eq!(str_to_num(b"1e"), 1.0);
        assert_eq!(str_to_num(b"1.e1"), 10.0);
        assert_eq!(str_to_num(b"0x1A"), 0.0, "no hex in gawk's default mode");
        assert_eq!(str_to_num(b"inf"), 0.0);
        assert_eq!(str_to_num(b"nan"), 0.0);
        assert_eq!(str_to_num(b" -Inf "), f64::NEG_INFINITY);
        assert!(str_to_num(b"+nan").is_nan());
        assert_eq!(str_to_num(b"+infinity"), 0.0);
        assert_eq!(str_to_num(b"+inf x"), 0.0);
        assert_eq!(str_to_num(b"abc"), 0.0);
        assert_eq!(str_to_num(b"-"), 0.0);
        assert_eq!(str_to_num(b"12345678901234567890"), 12345678901234567890.0);
        assert_eq!(str_to_num(b"3.25e-2x"), 0.0325);
        assert_eq!(str_to_num(b"1e400"), f64::INFINITY);
    }

    #[test]
    fn strnum_rules() {
        assert_eq!(looks_numeric(b" 12 "), Some(12.0));
        assert_eq!(looks_numeric(b"-1.5e3"), Some(-1500.0));
        assert_eq!(looks_numeric(b"0x1A"), None);
        assert_eq!(looks_numeric(b" +inf "), Some(f64::INFINITY));
        assert_eq!(looks_numeric(b"inf"), None);
        assert_eq!(looks_numeric(b"1a"), None);
        assert_eq!(looks_numeric(b"1e"), None);
        assert_eq!(looks_numeric(b""), None);
        assert_eq!(looks_numeric(b"."), None);
        assert_eq!(looks_numeric(b"+"), None);
        assert_eq!(looks_numeric(b"1."), Some(1.0));
        assert_eq!(looks_numeric(b"+.5"), Some(0.5));
    }

    #[test]
    fn exact_numbers() {
        let s = |n: f64| {
            let mut v = Vec::new();
            assert!(push_exact(&mut v, n));
            String::from_utf8(v).unwrap()
        };
        assert_eq!(s(3.0), "3");
        assert_eq!(s(-0.0), "0");
        assert_eq!(s(2f64.powi(53)), "9007199254740992");
        assert_eq!(s(-2f64.powi(63)), "-9223372036854775808");
        assert_eq!(s(1e30), "1000000000000000019884624838656");
        assert_eq!(s(f64::INFINITY), "+inf");
        assert_eq!(s(-f64::NAN), "-nan");
        assert!(!push_exact(&mut Vec::new(), 0.5));
        let mut v = Vec::new();
        push_int(&mut v, -120);
        assert_eq!(v, b"-120");
    }
}
