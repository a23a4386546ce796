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

/// The numeric value of a string as C's `strtod` reads its longest valid
/// prefix (mawk converts this way: hex, `inf` and `nan` included).
pub fn str_to_num(s: &[u8]) -> f64 {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    prefix_num(&s[i..]).0
}

/// The number at the start of `s` and how many bytes it took (0: none).
fn prefix_num(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    let neg = match s.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
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
    if j > 0 && (j == rest.len() || !matches!(rest[j], b'0'..=b'9' | b'.' | b'e' | b'E' | b'x' | b'X')) {
        return (sign(n as f64), i + j);
    }
    if rest.len() >= 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        let (v, used) = hex_num(&rest[2..]);
        if used > 0 {
            return (sign(v), i + 2 + used);
        }
        return (sign(0.0), i + 1);
    }
    let lower = |k: usize| rest.get(..k).map(|p| p.to_ascii_lowercase());
    if lower(3).as_deref() == Some(b"inf") {
        let used = if lower(8).as_deref() == Some(b"infinity") { 8 } else { 3 };
        return (sign(f64::INFINITY), i + used);
    }
    if lower(3).as_deref() == Some(b"nan") {
        let nan = if neg { -f64::NAN } else { f64::NAN };
        return (nan, i + 3);
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

fn hex_num(s: &[u8]) -> (f64, usize) {
    let mut v = 0.0;
    let mut j = 0;
    while j < s.len() && s[j].is_ascii_hexdigit() {
        v = v * 16.0 + (s[j] as char).to_digit(16).unwrap_or(0) as f64;
        j += 1;
    }
    (v, j)
}

/// The value of input text that looks like a number (blanks around a
/// decimal number), or None.
pub fn looks_numeric(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut j = i;
    let plus = s.get(j) == Some(&b'+');
    if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
        j += 1;
    }
    // mawk also takes C's hex numbers, and inf and nan (lower case, not
    // after a plus) as numeric input.
    let len = match &s[j..] {
        [b'0', b'x' | b'X', rest @ ..] if hex_num(rest).1 > 0 => 2 + hex_num(rest).1,
        [b'i', b'n', b'f', ..] | [b'n', b'a', b'n', ..] if !plus => 3,
        _ => decimal_len(&s[j..]),
    };
    if len == 0 {
        return None;
    }
    let mut k = j + len;
    while k < s.len() && is_space(s[k]) {
        k += 1;
    }
    if k != s.len() {
        return None;
    }
    Some(prefix_num(&s[i..]).0)
}

/// Whether a number prints as an integer: mawk does so for integral
/// values within a C int's range.
pub fn as_int(n: f64) -> Option<i64> {
    if n == n.trunc() && n.abs() <= i32::MAX as f64 {
        Some(n as i64)
    } else {
        None
    }
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

    #[test]
    fn strtod_prefixes() {
        assert_eq!(str_to_num(b" 12abc"), 12.0);
        assert_eq!(str_to_num(b"1e3"), 1000.0);
        assert_eq!(str_to_num(b".5"), 0.5);
        assert_eq!(str_to_num(b"+3"), 3.0);
        assert_eq!(str_to_num(b"1e"), 1.0);
        assert_eq!(str_to_num(b"0x1A"), 26.0);
        assert_eq!(str_to_num(b"0x"), 0.0);
        assert_eq!(str_to_num(b"-inf"), f64::NEG_INFINITY);
        assert!(str_to_num(b"nan").is_nan());
        assert_eq!(str_to_num(b"abc"), 0.0);
        assert_eq!(str_to_num(b"-"), 0.0);
        assert_eq!(str_to_num(b"12345678901234567890"), 12345678901234567890.0);
        assert_eq!(str_to_num(b"3.25e-2x"), 0.0325);
    }

    #[test]
    fn strnum_rules() {
        assert_eq!(looks_numeric(b" 12 "), Some(12.0));
        assert_eq!(looks_numeric(b"-1.5e3"), Some(-1500.0));
        assert_eq!(looks_numeric(b"0x1A"), Some(26.0));
        assert_eq!(looks_numeric(b"+inf"), None);
        assert_eq!(looks_numeric(b"1a"), None);
        assert_eq!(looks_numeric(b""), None);
        assert_eq!(looks_numeric(b"."), None);
        assert_eq!(looks_numeric(b"+.5"), Some(0.5));
    }

    #[test]
    fn integers() {
        assert_eq!(as_int(3.0), Some(3));
        assert_eq!(as_int(2147483647.0), Some(2147483647));
        assert_eq!(as_int(2147483648.0), None);
        assert_eq!(as_int(-2147483648.0), None);
        assert_eq!(as_int(0.5), None);
        let mut v = Vec::new();
        push_int(&mut v, -120);
        assert_eq!(v, b"-120");
    }
}
