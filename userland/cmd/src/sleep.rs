//! `sleep`: pause for the sum of its operands.

use std::time::Duration;

use common::cli::Cmd;

const HELP: &str = "Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.  'infinity' sleeps until a note
(kill, interrupt) ends it.

      --help     display this help and exit
      --version  output version information and exit
";

/// Seconds in one interval operand, read as GNU sleep reads it: C's
/// `strtod` (leading blanks, a sign, hex floats, `inf`), a value not
/// below zero, then at most one suffix letter.
pub fn parse_interval(s: &str) -> Option<f64> {
    let (v, n) = crate::strtod::strtod(s.as_bytes())?;
    if v.is_nan() || v < 0.0 {
        return None;
    }
    let mult = match &s.as_bytes()[n..] {
        [] | [b's'] => 1.0,
        [b'm'] => 60.0,
        [b'h'] => 3600.0,
        [b'd'] => 86400.0,
        _ => return None,
    };
    Some(v * mult)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(&[], HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    let mut total = 0.0;
    let mut bad = false;
    for a in &opts.operands {
        match parse_interval(a) {
            Some(v) => total += v,
            None => {
                cmd.error(format!("invalid time interval '{a}'")).await;
                bad = true;
            }
        }
    }
    if bad {
        let text = format!("Try '{} --help' for more information.\n", cmd.name);
        let _ = cmd.p.write(2, text.as_bytes()).await;
        return 1;
    }
    // Sleep in bounded steps, so `infinity` (or years) needs no special
    // case and a note can end the sleep between steps too.
    let mut left = total;
    while left > 0.0 {
        let step = left.min(86_400.0);
        if cmd.p.sleep(Duration::from_secs_f64(step)).await.is_err() {
            return 1;
        }
        if left.is_finite() {
            left -= step;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("1.5"), Some(1.5));
        assert_eq!(parse_interval("2m"), Some(120.0));
        assert_eq!(parse_interval("1h"), Some(3600.0));
        assert_eq!(parse_interval("1d"), Some(86400.0));
        assert_eq!(parse_interval(".5s"), Some(0.5));
        assert_eq!(parse_interval("infinity"), Some(f64::INFINITY));
        assert_eq!(parse_interval(" 0x.8p1"), Some(1.0));
        assert_eq!(parse_interval("+1e1m"), Some(600.0));
        for bad in ["x", "", "s", "-1", "1x", "nan", "1ss", "-0.5"] {
            assert_eq!(parse_interval(bad), None, "{bad}");
        }
    }
}
