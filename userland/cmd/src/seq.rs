//! `seq`: print a sequence of numbers.
//!
//! GNU seq computes with `long double` and prints with `%.PRECf`, where
//! PREC is the number of decimals of FIRST and INCREMENT. When all three
//! operands are plain decimal numbers (the usual case) this does exact
//! decimal arithmetic on scaled integers instead, which prints what GNU
//! prints (GNU works hard, with its "extra number" check, to hide its
//! rounding), for integers of any practical size. Other operands (hex
//! floats, `inf`) and `-f FORMAT` go through `f64` and printf.

use common::cli::{Cmd, Opts, flag, value};
use common::limits::Budget;
use common::printf;

const HELP: &str = "Usage: seq [OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print numbers from FIRST to LAST, in steps of INCREMENT.

Mandatory arguments to long options are mandatory for short options too.
  -f, --format=FORMAT      use printf style floating-point FORMAT
  -s, --separator=STRING   use STRING to separate numbers (default: \\n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help     display this help and exit
      --version  output version information and exit

If FIRST or INCREMENT is omitted, it defaults to 1.  That is, an
omitted INCREMENT defaults to 1 even when LAST is smaller than FIRST.
The sequence of numbers ends when the sum of the current number and
INCREMENT would become greater than LAST.
FIRST, INCREMENT, and LAST are interpreted as floating point values.
INCREMENT is usually positive if FIRST is smaller than LAST, and
INCREMENT is usually negative if FIRST is greater than LAST.
INCREMENT must not be 0; none of FIRST, INCREMENT and LAST may be NaN.
FORMAT must be suitable for printing one argument of type 'double';
it defaults to %.PRECf if FIRST, INCREMENT, and LAST are all fixed point
decimal numbers with maximum precision PREC, and to %g otherwise.
";

const SPEC: &[common::cli::Opt] = &[value("format", 'f'), value("separator", 's'), flag("equal-width", 'w')];

/// A decimal value `mant / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    mant: i128,
    scale: u32,
}

/// One operand, as GNU's `scan_arg` sees it.
#[derive(Clone, Copy, Debug)]
struct Operand {
    value: f64,
    /// Its exact decimal value, when it has one that fits.
    exact: Option<Decimal>,
    /// Print width if printed like its input.
    width: usize,
    /// Digits after the decimal point; None if not fixed-point.
    precision: Option<u32>,
    /// `-0` and the like: GNU prints the sign of a negative zero.
    neg_zero: bool,
}

/// Parse a number as strtold does (decimal, hex, inf); None if invalid.
fn parse_value(s: &str) -> Option<f64> {
    let t = s.trim_start();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let v = if lower == "inf" || lower == "infinity" {
        f64::INFINITY
    } else if lower == "nan" || lower.starts_with("nan(") && lower.ends_with(')') {
        f64::NAN
    } else if let Some(hex) = lower.strip_prefix("0x") {
        parse_hex(hex)?
    } else {
        let ok = !body.is_empty()
            && body
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
            && body.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.');
        if !ok {
            return None;
        }
        body.parse::<f64>().ok()?
    };
    Some(if neg { -v } else { v })
}

/// A hex float body (after `0x`): digits, optional fraction, optional
/// `p` exponent.
fn parse_hex(s: &str) -> Option<f64> {
    let (mant, exp) = match s.split_once('p') {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (s, 0),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int.chars() {
        v = v * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        v += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    Some(v * 2f64.powi(exp))
}

/// The exact value of a decimal operand, if it fits in 38 digits.
fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim_start();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (num, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = format!("{int}{frac}");
    let mut mant: i128 = 0;
    for b in digits.bytes() {
        mant = mant.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    let mut scale = frac.len() as i64 - exp;
    while scale < 0 {
        mant = mant.checked_mul(10)?;
        scale += 1;
    }
    let scale = u32::try_from(scale).ok().filter(|&s| s <= 60)?;
    Some(Decimal {
        mant: if neg { -mant } else { mant },
        scale,
    })
}

/// GNU's `scan_arg`: the value, and the width and precision the number
/// has as written.
fn scan_arg(arg: &str) -> Result<Operand, String> {
    let value = parse_value(arg).ok_or_else(|| format!("invalid floating point argument: '{arg}'"))?;
    if value.is_nan() {
        return Err(format!("invalid 'not-a-number' argument: '{arg}'"));
    }
    let a = arg.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '+');
    let mut op = Operand {
        value,
        exact: None,
        width: 0,
        precision: None,
        neg_zero: value == 0.0 && value.is_sign_negative(),
    };
    let decimal_point = a.find('.');
    if decimal_point.is_none() && !a.contains('p') {
        op.precision = Some(0);
    }
    if !a.contains(['x', 'X']) && value.is_finite() {
        let mut width = a.len() as i64;
        let mut precision: i64 = op.precision.map_or(i64::MAX, i64::from);
        let mut fraction_len = 0i64;
        if let Some(dp) = decimal_point {
            let after = &a[dp + 1..];
            fraction_len = after.find(['e', 'E']).unwrap_or(after.len()) as i64;
            precision = fraction_len;
            width += if fraction_len == 0 {
                -1
            } else {
                i64::from(dp == 0 || !a.as_bytes()[dp - 1].is_ascii_digit())
            };
        }
        if let Some(e) = a.find(['e', 'E']) {
            let exponent: i64 = leading_int(&a[e + 1..]);
            precision += if exponent < 0 {
                -exponent
            } else {
                -precision.min(exponent)
            };
            width -= (a.len() - e) as i64;
            let mut exponent = exponent;
            if exponent < 0 {
                match decimal_point {
                    Some(dp) if e == dp + 1 => width += 1,
                    Some(_) => {}
                    None => width += 1,
                }
                exponent = -exponent;
            } else {
                if decimal_point.is_some() && precision == 0 && fraction_len > 0 {
                    width -= 1;
                }
                exponent -= fraction_len.min(exponent);
            }
            width += exponent;
        }
        op.width = usize::try_from(width).unwrap_or(0);
        op.precision = u32::try_from(precision).ok();
        op.exact = parse_decimal(arg);
    }
    Ok(op)
}

/// strtol's reading of the digits after `e`.
fn leading_int(s: &str) -> i64 {
    let b = s.as_bytes();
    let mut i = 0;
    let neg = matches!(b.first(), Some(b'-'));
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let mut n: i64 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        n = n.saturating_mul(10).saturating_add(i64::from(b[i] - b'0'));
        i += 1;
    }
    if neg { -n } else { n }
}

/// How each number is printed.
enum Style {
    /// `%.PRECf`, or `%0W.PRECf` with -w.
    Fixed { prec: u32, width: usize },
    /// A printf format (-f, or `%g`).
    Printf(String),
}

/// Check a -f format as GNU does: exactly one floating-point directive.
fn check_format(fmt: &str) -> Result<(), String> {
    let b = fmt.as_bytes();
    let mut i = 0;
    let mut directives = 0;
    while i < b.len() {
        if b[i] != b'%' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'%') {
            i += 2;
            continue;
        }
        if directives > 0 {
            return Err(format!("format '{fmt}' has too many % directives"));
        }
        directives += 1;
        i += 1;
        while i < b.len() && b"-+#0 '".contains(&b[i]) {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
        if b.get(i) == Some(&b'L') {
            i += 1;
        }
        match b.get(i) {
            None => return Err(format!("format '{fmt}' ends in %")),
            Some(c) if b"efgaEFGA".contains(c) => i += 1,
            Some(&c) => return Err(format!("format '{fmt}' has unknown %{} directive", c as char)),
        }
    }
    if directives == 0 {
        return Err(format!("format '{fmt}' has no % directive"));
    }
    Ok(())
}

/// A decimal at `scale` printed with `prec` decimals (the digits beyond
/// `prec` are zero by construction), zero-padded to `width`.
fn fixed(mant: i128, scale: u32, prec: u32, width: usize, neg_zero: bool) -> String {
    let neg = mant < 0 || (mant == 0 && neg_zero);
    let abs = mant.unsigned_abs() / 10u128.pow(scale - prec);
    let digits = abs.to_string();
    let body = if prec == 0 {
        digits
    } else {
        let p = prec as usize;
        let padded = printf::zero_pad(&digits, p + 1);
        let (i, f) = padded.split_at(padded.len() - p);
        format!("{i}.{f}")
    };
    let sign = if neg { "-" } else { "" };
    let w = width.saturating_sub(sign.len());
    format!("{sign}{}", printf::zero_pad(&body, w))
}

/// `x` by a `-f` format; the error when a width or precision is over the
/// process's limit.
fn printf_number(fmt: &str, x: f64, budget: Budget) -> Result<String, String> {
    // printf(3) takes no backslash escapes: keep them literal.
    let f = fmt.replace('\\', "\\\\");
    let arg = if x.is_infinite() {
        if x > 0.0 { "inf".to_string() } else { "-inf".to_string() }
    } else {
        format!("{x:?}")
    };
    let mut out = printf::format(&f, &[arg], budget);
    match out.errors.pop() {
        Some(e) => Err(e),
        None => Ok(out.text),
    }
}

/// Split seq's arguments: options end at the first operand, and an
/// argument like `-1` or `-.5` is a number, not an option.
fn split_options(args: &[String]) -> usize {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let b = a.as_bytes();
        if b.len() < 2 || b[0] != b'-' || b[1] == b'.' || b[1].is_ascii_digit() {
            break;
        }
        if a == "--" {
            return i + 1;
        }
        let takes_next = if let Some(long) = a.strip_prefix("--") {
            !long.contains('=') && ["format", "separator"].iter().any(|o| o.starts_with(long))
        } else {
            let flags = &a[1..];
            match flags.find(['f', 's']) {
                Some(k) => k + 1 == flags.len(),
                None => false,
            }
        };
        i += if takes_next { 2 } else { 1 };
    }
    i.min(args.len())
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let split = split_options(&cmd.args);
    let (head, tail) = cmd.args.split_at(split);
    let opts = match Opts::parse(head, SPEC, common::cli::Mode::StopAtOperand) {
        Ok(mut o) => {
            o.operands.extend(tail.iter().cloned());
            o
        }
        Err(msg) => return cmd.usage_error(msg, 1).await,
    };
    if opts.has("help") {
        return cmd.help(HELP).await;
    }
    if opts.has("version") {
        return cmd.version().await;
    }
    let ops = &opts.operands;
    if ops.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    if ops.len() > 3 {
        return cmd.usage_error(format!("extra operand '{}'", ops[3]), 1).await;
    }
    let format = opts.value("format").map(str::to_string);
    if let Some(f) = &format
        && let Err(e) = check_format(f)
    {
        cmd.error(e).await;
        return cmd.finish(1).await;
    }
    let equal_width = opts.has("equal-width");
    if format.is_some() && equal_width {
        return cmd
            .usage_error(
                "format string may not be specified when printing equal width strings",
                1,
            )
            .await;
    }
    let sep = opts.value("separator").unwrap_or("\n").to_string();
    let one = Operand {
        value: 1.0,
        exact: Some(Decimal { mant: 1, scale: 0 }),
        width: 1,
        precision: Some(0),
        neg_zero: false,
    };
    let mut scanned = Vec::new();
    for (k, a) in ops.iter().enumerate() {
        match scan_arg(a) {
            Ok(op) => {
                if ops.len() == 3 && k == 1 && op.value == 0.0 {
                    return cmd.usage_error(format!("invalid Zero increment value: '{a}'"), 1).await;
                }
                scanned.push(op);
            }
            Err(e) => return cmd.usage_error(e, 1).await,
        }
    }
    let (first, step, last) = match scanned.as_slice() {
        [l] => (one, one, *l),
        [f, l] => (*f, one, *l),
        [f, s, l] => (*f, *s, *l),
        _ => return cmd.finish(1).await,
    };
    let style = match format {
        Some(f) => Style::Printf(f),
        None => default_style(&first, &step, &last, equal_width),
    };
    let status = match (&style, first.exact, step.exact, last.exact) {
        (Style::Fixed { prec, width }, Some(f), Some(s), Some(l)) => {
            run_exact(&mut cmd, f, s, l, *prec, *width, first.neg_zero, &sep).await
        }
        (Style::Fixed { prec, width }, _, _, _) => {
            let fmt = fixed_format(*prec, *width);
            run_float(&mut cmd, &first, &step, &last, &fmt, &sep).await
        }
        (Style::Printf(fmt), _, _, _) => run_float(&mut cmd, &first, &step, &last, &fmt.clone(), &sep).await,
    };
    cmd.finish(status).await
}

fn fixed_format(prec: u32, width: usize) -> String {
    if width > 0 {
        format!("%0{width}.{prec}f")
    } else {
        format!("%.{prec}f")
    }
}

/// GNU's `get_default_format`.
fn default_style(first: &Operand, step: &Operand, last: &Operand, equal_width: bool) -> Style {
    let (Some(fp), Some(sp), Some(lp)) = (first.precision, step.precision, last.precision) else {
        return Style::Printf("%g".to_string());
    };
    let prec = fp.max(sp);
    if !equal_width {
        return Style::Fixed { prec, width: 0 };
    }
    let mut first_width = first.width + (prec - fp) as usize;
    let mut last_width = (last.width + prec as usize).saturating_sub(lp as usize);
    if lp > 0 && prec == 0 {
        last_width = last_width.saturating_sub(1);
    }
    if lp == 0 && prec > 0 {
        last_width += 1;
    }
    if fp == 0 && prec > 0 {
        first_width += 1;
    }
    Style::Fixed {
        prec,
        width: first_width.max(last_width),
    }
}

/// Bring three decimals to one scale.
fn common_scale(f: Decimal, s: Decimal, l: Decimal, prec: u32) -> Option<(i128, i128, i128, u32)> {
    let scale = f.scale.max(s.scale).max(l.scale).max(prec);
    let up = |d: Decimal| d.mant.checked_mul(10i128.checked_pow(scale - d.scale)?);
    Some((up(f)?, up(s)?, up(l)?, scale))
}

#[allow(clippy::too_many_arguments)]
async fn run_exact(
    cmd: &mut Cmd,
    f: Decimal,
    s: Decimal,
    l: Decimal,
    prec: u32,
    width: usize,
    neg_zero: bool,
    sep: &str,
) -> i32 {
    let Some((first, step, last, scale)) = common_scale(f, s, l, prec) else {
        let fmt = fixed_format(prec, width);
        let to_op = |d: Decimal| Operand {
            value: d.mant as f64 / 10f64.powi(d.scale as i32),
            exact: None,
            width: 0,
            precision: None,
            neg_zero: false,
        };
        return run_float(cmd, &to_op(f), &to_op(s), &to_op(l), &fmt, sep).await;
    };
    let beyond = |x: i128| if step < 0 { x < last } else { x > last };
    if beyond(first) {
        return 0;
    }
    let mut x = first;
    let mut text = String::new();
    let mut started = false;
    loop {
        if started {
            text.push_str(sep);
        }
        started = true;
        text.push_str(&fixed(x, scale, prec, width, neg_zero && x == first));
        if text.len() >= 64 * 1024 {
            cmd.out.write_str(&text).await;
            text.clear();
            if cmd.out.failed() {
                return 1;
            }
        }
        match x.checked_add(step) {
            Some(n) if !beyond(n) => x = n,
            _ => break,
        }
    }
    text.push('\n');
    cmd.out.write_str(&text).await;
    0
}

async fn run_float(cmd: &mut Cmd, first: &Operand, step: &Operand, last: &Operand, fmt: &str, sep: &str) -> i32 {
    let (f, s, l) = (first.value, step.value, last.value);
    let beyond = |x: f64| if s < 0.0 { x < l } else { l < x };
    if beyond(f) {
        return 0;
    }
    let budget = Budget::of(&cmd.p);
    let number = |x: f64| printf_number(fmt, x, budget);
    let mut text = String::new();
    let mut x = f;
    let mut i = 1f64;
    let mut shown = match number(x) {
        Ok(t) => t,
        Err(e) => {
            cmd.error(e).await;
            return 1;
        }
    };
    loop {
        let x0 = x;
        text.push_str(&shown);
        x = f + i * s;
        i += 1.0;
        // Formats are checked at the first number; every number after
        // formats within the same widths.
        let next = number(x).unwrap_or_default();
        if beyond(x) {
            // GNU prints a number just past LAST if it prints as LAST
            // (rounding), unless it prints like the previous one.
            let shown_last = parse_value(next.trim()).is_some_and(|v| v == l);
            if !(shown_last && next != shown) {
                break;
            }
        }
        shown = next;
        text.push_str(sep);
        if text.len() >= 64 * 1024 {
            cmd.out.write_str(&text).await;
            text.clear();
            if cmd.out.failed() {
                return 1;
            }
            if cmd.p.checkpoint().await.is_err() {
                return 1;
            }
        }
        if x == x0 {
            // The step is lost in rounding: GNU would loop forever too,
            // printing the same number.
            continue;
        }
    }
    text.push('\n');
    cmd.out.write_str(&text).await;
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_widths_and_precisions() {
        let p = |s: &str| {
            let o = scan_arg(s).unwrap();
            (o.width, o.precision)
        };
        assert_eq!(p("10"), (2, Some(0)));
        assert_eq!(p("1.50"), (4, Some(2)));
        assert_eq!(p("-.5"), (4, Some(1)));
        assert_eq!(p("1."), (1, Some(0)));
        assert_eq!(p("1e2"), (3, Some(0)));
        assert_eq!(p("1.5e-1"), (4, Some(2)));
        assert_eq!(p("0x10").1, Some(0));
        assert!(scan_arg("x").is_err() && scan_arg("nan").is_err());
    }

    #[test]
    fn exact_decimal_printing() {
        assert_eq!(fixed(15, 1, 1, 0, false), "1.5");
        assert_eq!(fixed(-5, 1, 1, 5, false), "-00.5");
        assert_eq!(fixed(100, 2, 0, 0, false), "1");
        assert_eq!(fixed(0, 0, 0, 0, true), "-0");
        assert_eq!(parse_decimal("1.5e1"), Some(Decimal { mant: 15, scale: 0 }));
        assert_eq!(parse_decimal("-2e-2"), Some(Decimal { mant: -2, scale: 2 }));
    }

    #[test]
    fn formats_checked_as_gnu() {
        assert!(check_format("%g").is_ok() && check_format("x%%%.3f").is_ok());
        assert_eq!(check_format("abc").unwrap_err(), "format 'abc' has no % directive");
        assert_eq!(check_format("%d").unwrap_err(), "format '%d' has unknown %d directive");
        assert_eq!(
            check_format("%g%g").unwrap_err(),
            "format '%g%g' has too many % directives"
        );
        assert_eq!(check_format("%").unwrap_err(), "format '%' ends in %");
    }

    #[test]
    fn negative_numbers_are_operands() {
        let a = |v: &[&str]| split_options(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(a(&["-1", "5"]), 0);
        assert_eq!(a(&["-w", "-1", "5"]), 1);
        assert_eq!(a(&["-s", "-1", "5"]), 2);
        assert_eq!(a(&["-ws,", "1"]), 1);
    }
}
