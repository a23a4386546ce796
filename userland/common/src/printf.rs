//! `printf`'s formatting, as bash and GNU printf do it: conversions
//! `%s %b %q %c %d %i %u %o %x %X %e %E %f %F %g %G %a %%`, flags `-+ #0`,
//! widths and precisions (also `*`), the format reused while arguments
//! remain, C-style numbers (`0x1f`, `017`, `'c`); bash's `%(FMT)T` with a
//! [`Clock`]. Text is in the shell's byte representation (see
//! `sh::bytes`).
//!
//! Widths, precisions and the text as a whole stay within the caller's
//! [`Budget`]: `printf '%*d' 1e11 1` is refused (`width too large (limit
//! 256 MiB)`) before anything is reserved, and no width reaches Rust's
//! formatter, whose widths stop at 65535.

use super::escape;
use super::limits::Budget;
use super::time::{self, Zone};

/// What bash's `%(FMT)T` needs: the time now (argument -1 or none), the
/// shell's start (-2), and the zone to show them in.
pub struct Clock {
    pub now: i64,
    pub start: i64,
    pub zone: Zone,
}

/// The result of formatting.
pub struct Output {
    pub text: String,
    /// Messages for bad arguments (`x: invalid number`); the caller adds
    /// its prefix and fails with status 1.
    pub errors: Vec<String>,
}

/// Format `args` by `fmt`, the format reused while arguments remain.
pub fn format(fmt: &str, args: &[String], budget: Budget) -> Output {
    format_with(fmt, args, budget, None)
}

/// `format`, with `%(FMT)T` when a clock is given (bash's builtin).
pub fn format_with(fmt: &str, args: &[String], budget: Budget, clock: Option<&Clock>) -> Output {
    let mut out = Output {
        text: String::new(),
        errors: Vec::new(),
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let mut next = 0usize;
    loop {
        let before = next;
        let stop = one_pass(&fmt, args, &mut next, &mut out, budget, clock);
        if stop || next >= args.len() || next == before {
            return out;
        }
    }
}

/// A width or precision as written in the format (digits saturate).
fn digits_value(fmt: &[char], i: &mut usize) -> u64 {
    let mut v: u64 = 0;
    while let Some(d) = fmt.get(*i).and_then(|c| c.to_digit(10)) {
        v = v.saturating_mul(10).saturating_add(u64::from(d));
        *i += 1;
    }
    v
}

/// Format once; answers true if `\c` in a `%b` argument stopped output
/// (or an error did).
fn one_pass(
    fmt: &[char],
    args: &[String],
    next: &mut usize,
    out: &mut Output,
    budget: Budget,
    clock: Option<&Clock>,
) -> bool {
    let mut i = 0;
    let mut take = || {
        let a = args.get(*next).cloned();
        if a.is_some() {
            *next += 1;
        }
        a
    };
    while i < fmt.len() {
        let c = fmt[i];
        if c == '\\' {
            // One escape at a time, so `\x25` stays a literal `%`.
            let mut j = i + 1;
            let esc_len = escape_len(fmt, j);
            j += esc_len;
            let piece: String = fmt[i..j].iter().collect();
            out.text.push_str(&escape::decode(&piece, false).0);
            i = j;
            continue;
        }
        if c != '%' {
            out.text.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&'%') {
            out.text.push('%');
            i += 1;
            continue;
        }
        // %[flags][width][.precision]conv
        let mut spec = Spec::default();
        while let Some(&f) = fmt.get(i) {
            match f {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
            i += 1;
        }
        let width = if fmt.get(i) == Some(&'*') {
            i += 1;
            let w = take().map(|a| number(&a, out).0).unwrap_or(0);
            if w < 0 {
                spec.left = true;
            }
            Some(w.unsigned_abs())
        } else {
            let start = i;
            let w = digits_value(fmt, &mut i);
            (i > start).then_some(w)
        };
        if let Some(w) = width {
            match budget.check("width", w) {
                Ok(w) => spec.width = Some(w),
                Err(e) => {
                    out.errors.push(e.to_string());
                    return true;
                }
            }
        }
        if fmt.get(i) == Some(&'.') {
            i += 1;
            let p = if fmt.get(i) == Some(&'*') {
                i += 1;
                let p = take().map(|a| number(&a, out).0).unwrap_or(0);
                u64::try_from(p).ok()
            } else {
                Some(digits_value(fmt, &mut i))
            };
            if let Some(p) = p {
                match budget.check("precision", p) {
                    Ok(p) => spec.precision = Some(p),
                    Err(e) => {
                        out.errors.push(e.to_string());
                        return true;
                    }
                }
            }
        }
        // Length modifiers are accepted and ignored.
        while matches!(fmt.get(i), Some('h' | 'l' | 'L' | 'j' | 'z' | 't')) {
            i += 1;
        }
        // `%(FMT)T`: a time, by strftime's FMT (bash's own conversion).
        if let (Some('('), Some(clock)) = (fmt.get(i), clock)
            && let Some(close) = fmt[i..].iter().position(|&c| c == ')')
            && fmt.get(i + close + 1) == Some(&'T')
        {
            let f: String = fmt[i + 1..i + close].iter().collect();
            i += close + 2;
            let secs = match take() {
                None => clock.now,
                Some(a) => match number(&a, out).0 {
                    -1 => clock.now,
                    -2 => clock.start,
                    n => n,
                },
            };
            let text = time::format_in(&f, secs, 0, &clock.zone);
            let text: String = match spec.precision {
                Some(p) => text.chars().take(p).collect(),
                None => text,
            };
            out.text.push_str(&pad(&text, &spec, false));
            continue;
        }
        let Some(&conv) = fmt.get(i) else {
            out.errors.push("%: missing format character".to_string());
            return true;
        };
        i += 1;
        match conv {
            's' => {
                let a = take().unwrap_or_default();
                let s: String = match spec.precision {
                    Some(p) => a.chars().take(p).collect(),
                    None => a,
                };
                out.text.push_str(&pad(&s, &spec, false));
            }
            'b' => {
                let a = take().unwrap_or_default();
                let (s, stop) = escape::decode_printf_b(&a);
                let s: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                out.text.push_str(&pad(&s, &spec, false));
                if stop {
                    return true;
                }
            }
            'q' => {
                let a = take().unwrap_or_default();
                out.text.push_str(&pad(&shell_quote(&a), &spec, false));
            }
            'c' => {
                let a = take().unwrap_or_default();
                let s: String = a.chars().take(1).collect();
                out.text.push_str(&pad(&s, &spec, false));
            }
            'd' | 'i' => {
                let v = take().map(|a| number(&a, out).0).unwrap_or(0);
                out.text.push_str(&signed(v, &spec));
            }
            'u' | 'o' | 'x' | 'X' => {
                let v = take().map(|a| number(&a, out).0).unwrap_or(0);
                out.text.push_str(&unsigned(v as u64, conv, &spec));
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'a' | 'A' => {
                let v = take().map(|a| float(&a, out)).unwrap_or(0.0);
                out.text.push_str(&floating(v, conv, &spec));
            }
            other => {
                out.errors.push(format!("`{other}': invalid format character"));
                return true;
            }
        }
        if !budget.fits(out.text.len()) {
            out.text.clear();
            out.errors.push(budget.too_large("output").to_string());
            return true;
        }
    }
    false
}

/// How many characters after a backslash make one escape.
fn escape_len(fmt: &[char], at: usize) -> usize {
    let Some(&c) = fmt.get(at) else { return 0 };
    let run = |pred: fn(&char) -> bool, max: usize, skip: usize| {
        1 + fmt[at + skip..].iter().take(max).take_while(|c| pred(c)).count()
    };
    match c {
        '0'..='7' => fmt[at..].iter().take(3).take_while(|c| ('0'..='7').contains(c)).count(),
        'x' => run(char::is_ascii_hexdigit, 2, 1),
        'u' => run(char::is_ascii_hexdigit, 4, 1),
        'U' => run(char::is_ascii_hexdigit, 8, 1),
        _ => 1,
    }
}

#[derive(Clone, Copy, Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

/// `s` after zeros to make `width` characters (Rust's `{:0>w$}`, which
/// panics past 65535).
pub fn zero_pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    if len >= width {
        return s.to_string();
    }
    let mut out = "0".repeat(width - len);
    out.push_str(s);
    out
}

fn pad(s: &str, spec: &Spec, numeric: bool) -> String {
    let len = s.chars().count();
    let Some(w) = spec.width.filter(|&w| w > len) else {
        return s.to_string();
    };
    let fill = w - len;
    if spec.left {
        format!("{s}{}", " ".repeat(fill))
    } else if spec.zero && numeric {
        // Zeros go after the sign or 0x prefix.
        let split = s
            .find(|c: char| c.is_ascii_digit() || c.is_ascii_alphabetic())
            .map(|i| {
                if s[i..].starts_with("0x") || s[i..].starts_with("0X") {
                    i + 2
                } else {
                    i
                }
            })
            .unwrap_or(0);
        let (sign, digits) = s.split_at(split);
        if digits
            .chars()
            .any(|c| c.is_ascii_alphabetic() && !c.is_ascii_hexdigit())
        {
            // inf, nan: no zero padding.
            return format!("{}{s}", " ".repeat(fill));
        }
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

fn signed(v: i64, spec: &Spec) -> String {
    let mut digits = v.unsigned_abs().to_string();
    if let Some(p) = spec.precision {
        if p == 0 && v == 0 {
            digits.clear();
        } else if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    let sign = if v < 0 {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    let zero_ok = spec.precision.is_none();
    pad(
        &format!("{sign}{digits}"),
        &Spec {
            zero: spec.zero && zero_ok,
            ..*spec
        },
        true,
    )
}

fn unsigned(v: u64, conv: char, spec: &Spec) -> String {
    let mut digits = match conv {
        'o' => format!("{v:o}"),
        'x' => format!("{v:x}"),
        'X' => format!("{v:X}"),
        _ => v.to_string(),
    };
    if let Some(p) = spec.precision {
        if p == 0 && v == 0 {
            digits.clear();
        } else if digits.len() < p {
            digits = format!("{}{digits}", "0".repeat(p - digits.len()));
        }
    }
    if spec.alt && v != 0 {
        match conv {
            'o' if !digits.starts_with('0') => digits.insert(0, '0'),
            'x' => digits.insert_str(0, "0x"),
            'X' => digits.insert_str(0, "0X"),
            _ => {}
        }
    }
    let zero_ok = spec.precision.is_none();
    pad(
        &digits,
        &Spec {
            zero: spec.zero && zero_ok,
            ..*spec
        },
        true,
    )
}

fn floating(v: f64, conv: char, spec: &Spec) -> String {
    let upper = conv.is_ascii_uppercase();
    let body = if v.is_nan() {
        "nan".to_string()
    } else if v.is_infinite() {
        "inf".to_string()
    } else {
        let p = spec.precision.unwrap_or(6);
        match conv.to_ascii_lowercase() {
            'f' => fixed(v.abs(), p),
            'e' => exp_form(v.abs(), p),
            'a' => hex_form(v.abs(), spec.precision),
            _ => g_form(v.abs(), if p == 0 { 1 } else { p }, spec.alt),
        }
    };
    let body = if upper { body.to_uppercase() } else { body };
    let sign = if v.is_sign_negative() && !v.is_nan() {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    pad(&format!("{sign}{body}"), spec, true)
}

/// C's `%a` as glibc prints a `long double` (what bash and GNU seq use
/// on x86): the leading hex digit holds the top four bits of a 64-bit
/// significand (`1` is `0x8p-3`). Exact for every `f64` value.
fn hex_form(v: f64, precision: Option<usize>) -> String {
    if v == 0.0 {
        return match precision {
            Some(p) if p > 0 => format!("0x0.{}p+0", "0".repeat(p)),
            _ => "0x0p+0".to_string(),
        };
    }
    let bits = v.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // Normalize to a 64-bit significand with its top bit set.
    let (mut sig, mut exp) = if raw_exp == 0 {
        (frac, -1074i64)
    } else {
        (frac | (1u64 << 52), raw_exp - 1075)
    };
    let shift = sig.leading_zeros();
    sig <<= shift;
    exp -= i64::from(shift);
    // v = sig * 2^exp = (sig / 2^60) * 2^(exp + 60), with sig / 2^60 in [8, 16).
    let mut lead = sig >> 60;
    let mut rest = sig & ((1u64 << 60) - 1);
    let mut e = exp + 60;
    let digits = match precision {
        None => {
            let mut d = format!("{rest:015x}");
            while d.ends_with('0') {
                d.pop();
            }
            d
        }
        Some(p) if p >= 15 => format!("{rest:015x}{}", "0".repeat(p - 15)),
        Some(p) => {
            // Round to nearest, ties to even, on the dropped bits.
            let drop = 60 - 4 * p as u32;
            let kept = rest >> drop;
            let rem = rest & ((1u64 << drop) - 1);
            let half = 1u64 << (drop - 1);
            let mut kept = kept;
            if rem > half || (rem == half && kept & 1 == 1) {
                kept += 1;
                if p == 0 || kept >> (4 * p) != 0 {
                    kept &= (1u64 << (4 * p)).wrapping_sub(1);
                    lead += 1;
                    if lead == 16 {
                        lead = 1;
                        e += 4;
                    }
                }
            }
            rest = kept;
            if p == 0 { String::new() } else { format!("{rest:0p$x}") }
        }
    };
    let sign = if e < 0 { '-' } else { '+' };
    if digits.is_empty() {
        format!("0x{lead:x}p{sign}{}", e.abs())
    } else {
        format!("0x{lead:x}.{digits}p{sign}{}", e.abs())
    }
}

/// Digits past which an `f64`'s exact decimal expansion is all zeros: at
/// most 1074 after the point, 767 significant. Rust's formatter takes
/// precisions up to 65535 only, so longer ones are this plus zeros.
const EXACT_DIGITS: usize = 1100;

/// `v` with `p` digits after the point (`%.pf`), for any `p`.
pub fn fixed(v: f64, p: usize) -> String {
    if p <= EXACT_DIGITS {
        return format!("{v:.p$}");
    }
    let mut s = format!("{v:.EXACT_DIGITS$}");
    s.extend(std::iter::repeat_n('0', p - EXACT_DIGITS));
    s
}

/// `v` in Rust's `{:.pe}` form (`1.50e3`), for any `p`.
fn rust_exp(v: f64, p: usize) -> String {
    if p <= EXACT_DIGITS {
        return format!("{v:.p$e}");
    }
    let s = format!("{v:.EXACT_DIGITS$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    format!("{mantissa}{}e{exp}", "0".repeat(p - EXACT_DIGITS))
}

/// C's `%e`: one digit, the fraction, and a signed two-digit exponent.
fn exp_form(v: f64, p: usize) -> String {
    let s = rust_exp(v, p);
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", e.abs())
}

/// C's `%g`: `%e` or `%f` by the exponent, trailing zeros removed.
pub fn g_form(v: f64, p: usize, alt: bool) -> String {
    if v == 0.0 {
        return if alt { fixed(0.0, p - 1) } else { "0".to_string() };
    }
    let e_text = rust_exp(v, p - 1);
    let exp: i64 = e_text.split_once('e').and_then(|(_, e)| e.parse().ok()).unwrap_or(0);
    let s = if exp < -4 || exp >= p as i64 {
        exp_form(v, p - 1)
    } else {
        fixed(v, (p as i64 - 1 - exp).max(0) as usize)
    };
    if alt {
        return s;
    }
    // Strip trailing zeros of the fraction (before any exponent).
    let (num, exp_part) = match s.find('e') {
        Some(i) => (s[..i].to_string(), s[i..].to_string()),
        None => (s, String::new()),
    };
    let num = if num.contains('.') {
        num.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        num
    };
    format!("{num}{exp_part}")
}

/// Parse an integer argument as printf does. Answers the value and
/// whether it was valid (an error message is recorded otherwise).
pub fn number(a: &str, out: &mut Output) -> (i64, bool) {
    let t = a.trim_start();
    if let Some(rest) = t.strip_prefix(['\'', '"']) {
        return (rest.chars().next().map_or(0, |c| c as i64), true);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        (16, h)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    let end = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
    let (num, rest) = digits.split_at(end);
    let mut v: i64 = 0;
    let mut overflow = false;
    for c in num.chars() {
        let d = i64::from(c.to_digit(radix).unwrap_or(0));
        match v.checked_mul(i64::from(radix)).and_then(|x| x.checked_add(d)) {
            Some(n) => v = n,
            None => {
                overflow = true;
                v = i64::MAX;
            }
        }
    }
    let v = if neg { v.wrapping_neg() } else { v };
    if num.is_empty() && !(radix == 8 && body == "0") || !rest.trim_end().is_empty() {
        out.errors.push(format!("{a}: invalid number"));
        return (v, false);
    }
    if overflow {
        out.errors.push(format!("{a}: Numerical result out of range"));
    }
    (v, true)
}

fn float(a: &str, out: &mut Output) -> f64 {
    let t = a.trim();
    if let Some(rest) = t.strip_prefix(['\'', '"']) {
        return rest.chars().next().map_or(0.0, |c| c as u32 as f64);
    }
    match t.parse::<f64>() {
        Ok(v) => v,
        Err(_) => {
            // A prefix that is a number still counts, with an error.
            let end = t
                .char_indices()
                .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && (*c == '-' || *c == '+')))
                .count();
            out.errors.push(format!("{a}: invalid number"));
            t[..end].parse().unwrap_or(0.0)
        }
    }
}

/// Quote a word so the shell reads it back as it is (`printf %q`,
/// `declare -p`-style output): backslashes before special characters, or
/// `$'...'` for control characters.
pub fn shell_quote(s: &str) -> String {
    if s.is_empty() {
        return "''".to_string();
    }
    if s.chars().any(|c| c.is_control() || u32::from(c) > 0x7e) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\x1b' => out.push_str("\\E"),
                '\x07' => out.push_str("\\a"),
                '\x08' => out.push_str("\\b"),
                '\x0c' => out.push_str("\\f"),
                '\x0b' => out.push_str("\\v"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() || u32::from(c) > 0x7e => out.push_str(&format!("\\{:03o}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        let special = matches!(
            c,
            ' ' | '!'
                | '"'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | ','
                | ';'
                | '<'
                | '>'
                | '?'
                | '['
                | '\\'
                | ']'
                | '^'
                | '`'
                | '{'
                | '|'
                | '}'
        ) || (i == 0 && matches!(c, '~' | '#'))
            || (c == '=' && i == 0);
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, args: &[&str]) -> String {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        format(fmt, &args, Budget::UNLIMITED).text
    }

    fn limited(fmt: &str, args: &[&str]) -> Output {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        format(fmt, &args, Budget { max: 1 << 20 })
    }

    #[test]
    fn sizes_within_the_budget() {
        for (fmt, args, err) in [
            ("%*d", &["100000000000", "1"][..], "width too large (limit 1 MiB)"),
            ("%*d", &["-100000000000", "1"], "width too large (limit 1 MiB)"),
            ("%99999999999d", &["1"], "width too large (limit 1 MiB)"),
            ("%-9226854775808d", &["1"], "width too large (limit 1 MiB)"),
            ("%.*f", &["100000000000", "1"], "precision too large (limit 1 MiB)"),
            (
                "%.99999999999999999999999s",
                &["1"],
                "precision too large (limit 1 MiB)",
            ),
            ("%600000d%600000d", &["1", "1"], "output too large (limit 1 MiB)"),
        ] {
            let out = limited(fmt, args);
            assert_eq!(out.errors, [err], "{fmt}");
        }
        // Precisions past Rust's formatter (65535) work.
        let out = limited("%.*f", &["65536", "1"]);
        assert!(out.errors.is_empty());
        assert_eq!(out.text.len(), 65538);
        assert!(out.text.starts_with("1.000") && out.text.ends_with('0'));
        assert_eq!(limited("%.70000e", &["1"]).text.len(), 70006);
        assert_eq!(limited("%#.70000g", &["1"]).text.len(), 70001);
        assert_eq!(limited("%.70000g", &["0.5"]).text, "0.5");
        assert_eq!(limited("%.70000d", &["1"]).text.len(), 70000);
        assert_eq!(limited("%70000s|", &["x"]).text.len(), 70001);
    }

    #[test]
    fn conversions() {
        assert_eq!(f("%s-%s\\n", &["a", "b"]), "a-b\n");
        assert_eq!(f("%5s|%-5s|", &["ab", "cd"]), "   ab|cd   |");
        assert_eq!(f("%d %i %u", &["42", "-7", "3"]), "42 -7 3");
        assert_eq!(f("%05d|%+d|% d", &["-42", "5", "5"]), "-0042|+5| 5");
        assert_eq!(
            f("%x %X %o %#x %#o", &["255", "255", "8", "255", "8"]),
            "ff FF 10 0xff 010"
        );
        assert_eq!(f("%.3d", &["7"]), "007");
        assert_eq!(f("%c", &["hello"]), "h");
        assert_eq!(f("%.2s", &["hello"]), "he");
        assert_eq!(f("%*d", &["5", "3"]), "    3");
        assert_eq!(f("%d", &["'A"]), "65");
        assert_eq!(f("%d", &["0x10"]), "16");
        assert_eq!(f("%%", &[]), "%");
        assert_eq!(f("%s\\n", &["a", "b", "c"]), "a\nb\nc\n", "the format repeats");
        assert_eq!(f("%s %s\\n", &["a"]), "a \n", "missing arguments are empty");
        assert_eq!(f("\\x25d", &[]), "%d", "an escaped percent is literal");
    }

    #[test]
    fn floats() {
        assert_eq!(f("%f", &["1.5"]), "1.500000");
        assert_eq!(f("%.2f", &["3.14159"]), "3.14");
        assert_eq!(f("%e", &["12345.678"]), "1.234568e+04");
        assert_eq!(f("%g", &["0.0001"]), "0.0001");
        assert_eq!(f("%g", &["0.00001"]), "1e-05");
        assert_eq!(f("%g", &["123456789"]), "1.23457e+08");
        assert_eq!(f("%g", &["100"]), "100");
        assert_eq!(f("%8.3f|", &["-2.5"]), "  -2.500|");
        // bash: printf '%a %a %a %a %A %a %.1a'
        assert_eq!(
            f("%a %a %a %a %A %a %.1a", &["1", "3", "10", "0.5", "255", "0", "1"]),
            "0x8p-3 0xcp-2 0xap+0 0x8p-4 0XF.FP+4 0x0p+0 0x8.0p-3"
        );
        assert_eq!(f("%10a|%+a", &["1", "1"]), "    0x8p-3|+0x8p-3");
    }

    #[test]
    fn bad_numbers() {
        let out = format("%d", &["abc".to_string()], Budget::UNLIMITED);
        assert_eq!(out.text, "0");
        assert_eq!(out.errors, ["abc: invalid number"]);
        let out = format("%d", &["12abc".to_string()], Budget::UNLIMITED);
        assert_eq!(out.text, "12");
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("abc"), "abc");
        assert_eq!(shell_quote("a b"), "a\\ b");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a\nb"), "$'a\\nb'");
        assert_eq!(shell_quote("it's"), "it\\'s");
    }

    #[test]
    fn b_escapes_and_stop() {
        assert_eq!(f("%b|", &["a\\tb"]), "a\tb|");
        assert_eq!(f("%b|%s", &["x\\cy", "z"]), "x");
    }
}
