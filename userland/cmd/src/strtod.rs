//! C's `strtod` in the C locale: what a number at the start of a string
//! is, and how much of the string it took. `sleep` and `numfmt` read
//! their operands with it as GNU's `xstrtod` does, so `' 1'`, `+1`,
//! `1e2`, `0x1p4`, `0x.8`, `inf` and `infinity` all mean what they mean
//! to coreutils.

/// The value of the longest number at the start of `s` and the bytes it
/// spans (leading white space included), or None when no conversion can
/// be made (strtod's `endptr == nptr`).
pub fn strtod(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    while i < s.len() && (s[i] == b' ' || (9..=13).contains(&s[i])) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let rest = &s[i..];
    let starts = |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
    let (v, n) = if starts(b"infinity") {
        (f64::INFINITY, 8)
    } else if starts(b"inf") {
        (f64::INFINITY, 3)
    } else if starts(b"nan") {
        // `nan(chars)` takes the parenthesis when it is well formed.
        let mut n = 3;
        if rest.get(3) == Some(&b'(') {
            let close = rest[4..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .map(|k| 4 + k);
            if let Some(k) = close.filter(|&k| rest.get(k) == Some(&b')')) {
                n = k + 1;
            }
        }
        (f64::NAN, n)
    } else if (starts(b"0x")) && hex_start(&rest[2..]) {
        let (v, n) = hex(&rest[2..]);
        (v, n + 2)
    } else {
        decimal(rest)?
    };
    Some((if neg { -v } else { v }, i + n))
}

/// A hex mantissa follows: a digit, or a point and a digit.
fn hex_start(s: &[u8]) -> bool {
    match s.first() {
        Some(c) if c.is_ascii_hexdigit() => true,
        Some(b'.') => s.get(1).is_some_and(u8::is_ascii_hexdigit),
        _ => false,
    }
}

fn digit(c: u8) -> f64 {
    f64::from((c as char).to_digit(16).unwrap_or(0))
}

/// A hex float body after `0x`: its value and its length.
fn hex(s: &[u8]) -> (f64, usize) {
    let mut v = 0f64;
    let mut i = 0;
    let mut scale = 0i32;
    while i < s.len() && s[i].is_ascii_hexdigit() {
        v = v * 16.0 + digit(s[i]);
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        while i < s.len() && s[i].is_ascii_hexdigit() {
            v = v * 16.0 + digit(s[i]);
            scale = scale.saturating_sub(4);
            i += 1;
        }
    }
    if let Some((e, n)) = exponent(&s[i..], b'p') {
        scale = scale.saturating_add(e);
        i += n;
    }
    (v * 2f64.powi(scale), i)
}

/// `e[+-]DIGITS` (or `p...`): the exponent and its length, only when
/// digits follow, as strtod leaves a bare `e` unread.
fn exponent(s: &[u8], letter: u8) -> Option<(i32, usize)> {
    if !s.first().is_some_and(|c| c.eq_ignore_ascii_case(&letter)) {
        return None;
    }
    let mut j = 1;
    let neg = match s.get(j) {
        Some(b'-') => {
            j += 1;
            true
        }
        Some(b'+') => {
            j += 1;
            false
        }
        _ => false,
    };
    if !s.get(j).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut e = 0i32;
    while let Some(d) = s.get(j).filter(|c| c.is_ascii_digit()) {
        e = e.saturating_mul(10).saturating_add(i32::from(d - b'0'));
        j += 1;
    }
    Some((if neg { -e } else { e }, j))
}

/// Decimal digits with an optional point and exponent; at least one
/// digit.
fn decimal(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut digits = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        digits += 1;
    }
    if s.get(i) == Some(&b'.') {
        let mut j = i + 1;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
            digits += 1;
        }
        if digits > 0 {
            i = j;
        }
    }
    if digits == 0 {
        return None;
    }
    let mut text = String::from_utf8_lossy(&s[..i]).into_owned();
    if let Some((e, n)) = exponent(&s[i..], b'e') {
        text.push_str(&format!("e{e}"));
        i += n;
    }
    // Rust's parser wants a digit before a point's absence: `.5` and
    // `5.` are fine, and that is all `text` can be.
    text.parse::<f64>().ok().map(|v| (v, i))
}

#[cfg(test)]
mod tests {
    use super::strtod;

    #[test]
    fn like_c() {
        let t = |s: &str| strtod(s.as_bytes());
        assert_eq!(t("1.5"), Some((1.5, 3)));
        assert_eq!(t(" +2x"), Some((2.0, 3)));
        assert_eq!(t("1e3s"), Some((1000.0, 3)));
        assert_eq!(t("1e"), Some((1.0, 1)));
        assert_eq!(t(".5"), Some((0.5, 2)));
        assert_eq!(t("5."), Some((5.0, 2)));
        assert_eq!(t("0x10"), Some((16.0, 4)));
        assert_eq!(t("0x.8p1"), Some((1.0, 6)));
        assert_eq!(t("0xg"), Some((0.0, 1)));
        assert_eq!(t("-inf"), Some((f64::NEG_INFINITY, 4)));
        assert_eq!(t("Infinity"), Some((f64::INFINITY, 8)));
        assert!(t("nan(12)").is_some_and(|(v, n)| v.is_nan() && n == 7));
        assert_eq!(t("."), None);
        assert_eq!(t("x"), None);
        assert_eq!(t(""), None);
        assert_eq!(t("-"), None);
    }
}
