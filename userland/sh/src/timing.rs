//! The `time` reserved word: how long a pipeline took, printed through
//! `TIMEFORMAT` as bash does.
//!
//! Real time is the wall clock; user time is what the kernel charged to
//! the shell and to the children it reaped meanwhile (the time their
//! programs spent running). Ninebox has no kernel mode to charge, so
//! system time is always zero: a syscall here is a function call inside
//! the calling program and counts as its own time.

use std::time::Duration;

/// bash's default `TIMEFORMAT`.
pub const DEFAULT: &str = "\nreal\t%3lR\nuser\t%3lU\nsys\t%3lS";
/// The format of `time -p` (POSIX).
pub const POSIX: &str = "real %2R\nuser %2U\nsys %2S";

/// What one timed pipeline used.
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct Times {
    pub real: Duration,
    pub user: Duration,
    pub sys: Duration,
}

/// Expand a `TIMEFORMAT` string; `Err` names the first invalid format
/// character, in which case bash prints nothing but the complaint.
pub fn format(fmt: &str, t: &Times) -> Result<String, char> {
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut precision = 3;
        if let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            chars.next();
            precision = d.min(3) as usize;
        }
        let long = chars.peek() == Some(&'l');
        if long {
            chars.next();
        }
        let value = match chars.next() {
            Some('R') => t.real,
            Some('U') => t.user,
            Some('S') => t.sys,
            Some('P') => {
                out.push_str(&percent(t));
                continue;
            }
            Some(other) => return Err(other),
            // A `%` that ends the format stays as it is.
            None => {
                out.push('%');
                break;
            }
        };
        out.push_str(&seconds(value, precision, long));
    }
    out.push('\n');
    Ok(out)
}

/// Seconds with `precision` decimals, truncated as bash truncates;
/// `long` splits off the minutes (`1m2.345s`).
fn seconds(d: Duration, precision: usize, long: bool) -> String {
    let millis = d.as_millis();
    let (whole, frac) = (millis / 1000, millis % 1000);
    let (minutes, secs) = if long { (whole / 60, whole % 60) } else { (0, whole) };
    let mut s = String::new();
    if long {
        s.push_str(&format!("{minutes}m"));
    }
    s.push_str(&secs.to_string());
    if precision > 0 {
        let digits = format!("{frac:03}");
        s.push('.');
        s.push_str(&digits[..precision]);
    }
    if long {
        s.push('s');
    }
    s
}

/// `%P`: CPU time as a percentage of real time, two decimals.
fn percent(t: &Times) -> String {
    let real = t.real.as_micros();
    if real == 0 {
        return "0.00".to_string();
    }
    let hundredths = (t.user + t.sys).as_micros() * 10_000 / real;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(real_ms: u64, user_ms: u64) -> Times {
        Times {
            real: Duration::from_millis(real_ms),
            user: Duration::from_millis(user_ms),
            sys: Duration::ZERO,
        }
    }

    #[test]
    fn default_and_posix() {
        assert_eq!(
            format(DEFAULT, &t(14, 2)).unwrap(),
            "\nreal\t0m0.014s\nuser\t0m0.002s\nsys\t0m0.000s\n"
        );
        assert_eq!(format(POSIX, &t(500, 0)).unwrap(), "real 0.50\nuser 0.00\nsys 0.00\n");
        assert_eq!(
            format(DEFAULT, &t(61_250, 0)).unwrap().lines().nth(1),
            Some("real\t1m1.250s")
        );
    }

    #[test]
    fn precision_long_and_percent() {
        // As bash 5 prints `%P|%1R|%0lR|%lU|%%|%5R|%2lR` for `sleep 0.12`.
        let times = Times {
            real: Duration::from_micros(121_500),
            user: Duration::from_micros(1_450),
            sys: Duration::ZERO,
        };
        assert_eq!(
            format("%P|%1R|%0lR|%lU|%%|%5R|%2lR", &times).unwrap(),
            "1.19|0.1|0m0s|0m0.001s|%|0.121|0m0.12s\n"
        );
    }

    #[test]
    fn invalid_characters() {
        assert_eq!(format("a%xb", &t(0, 0)), Err('x'));
        assert_eq!(format("a%", &t(0, 0)).unwrap(), "a%\n");
        assert_eq!(format("", &t(0, 0)).unwrap(), "\n");
    }
}
