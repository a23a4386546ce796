//! Sizes as GNU tools print and read them: `-h` output (`1.5K`, `12M`)
//! and operands with multiplier suffixes (`10K`, `1MB`, `2GiB`, `512b`).

/// GNU's human-readable form (powers of 1024, or 1000 with `si`): one
/// decimal below 10, none above, always rounded up, as `ls -h`, `du -h`
/// and `df -h` print it. Below the first unit the number is printed alone.
pub fn human(n: u64, si: bool) -> String {
    let base: f64 = if si { 1000.0 } else { 1024.0 };
    let units = ["K", "M", "G", "T", "P", "E"];
    if (n as f64) < base {
        return n.to_string();
    }
    let mut v = n as f64;
    let mut unit = 0;
    v /= base;
    while v >= base && unit + 1 < units.len() {
        v /= base;
        unit += 1;
    }
    let suffix = if si && unit == 0 { "k" } else { units[unit] };
    if v < 10.0 {
        // Round up to a tenth; 9.96 becomes 10, shown without a decimal.
        let tenths = (v * 10.0).ceil();
        if tenths < 100.0 {
            return format!("{}.{}{suffix}", tenths as u64 / 10, tenths as u64 % 10);
        }
        return format!("10{suffix}");
    }
    let whole = v.ceil();
    if whole >= base && unit + 1 < units.len() {
        let next = if si && unit + 1 == 0 { "k" } else { units[unit + 1] };
        return format!("1.0{next}");
    }
    format!("{}{suffix}", whole as u64)
}

/// The multiplier of a GNU size suffix: `b` 512, `K`/`k`/`KiB` 1024, `KB`
/// 1000, and so on up to `E`; `c` 1 and `w` 2 where the tool allows them
/// (`extra` lists the letters it accepts beyond the standard ones).
fn multiplier(suffix: &str, extra: &str) -> Option<u64> {
    if suffix.is_empty() {
        return Some(1);
    }
    match suffix {
        "b" if extra.contains('b') => return Some(512),
        "c" if extra.contains('c') => return Some(1),
        "w" if extra.contains('w') => return Some(2),
        _ => {}
    }
    let mut chars = suffix.chars();
    let letter = chars.next()?;
    let rest = chars.as_str();
    let power = match letter.to_ascii_uppercase() {
        'K' => 1,
        'M' => 2,
        'G' => 3,
        'T' => 4,
        'P' => 5,
        'E' => 6,
        _ => return None,
    };
    // A lowercase letter is only accepted for k (kB, k) as GNU does.
    if letter.is_ascii_lowercase() && letter != 'k' {
        return None;
    }
    let base: u64 = match rest {
        "" | "iB" => 1024,
        "B" => 1000,
        _ => return None,
    };
    base.checked_pow(power)
}

/// Parse a size such as `10`, `4K`, `1MB`, `2GiB` (and `b`, `c`, `w` where
/// `extra` names them). Errors on anything else or on overflow.
pub fn parse_size(s: &str, extra: &str) -> Result<u64, String> {
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, suffix) = s.split_at(digits_end);
    if digits.is_empty() && suffix.is_empty() {
        return Err("invalid size".to_string());
    }
    let n: u64 = if digits.is_empty() {
        1
    } else {
        digits.parse().map_err(|_| "value too large".to_string())?
    };
    let m = multiplier(suffix, extra).ok_or_else(|| "invalid suffix".to_string())?;
    n.checked_mul(m).ok_or_else(|| "value too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_matches_gnu() {
        // Figures from GNU ls -h / du -h.
        let cases = [
            (0, "0"),
            (1023, "1023"),
            (1024, "1.0K"),
            (1025, "1.1K"),
            (4096, "4.0K"),
            (10 * 1024, "10K"),
            (10 * 1024 + 1, "11K"),
            (1536 * 1024, "1.5M"),
            (1024 * 1024 * 1024, "1.0G"),
            (1_048_575, "1.0M"),
            (10189, "10K"),
        ];
        for (n, want) in cases {
            assert_eq!(human(n, false), want, "{n}");
        }
        assert_eq!(human(1000, true), "1.0k");
        assert_eq!(human(999, true), "999");
        assert_eq!(human(1_500_000, true), "1.5M");
        assert_eq!(human(1_048_575, true), "1.1M");
        assert_eq!(human(10189, true), "11k");
    }

    #[test]
    fn suffixes() {
        assert_eq!(parse_size("10", ""), Ok(10));
        assert_eq!(parse_size("4K", ""), Ok(4096));
        assert_eq!(parse_size("4k", ""), Ok(4096));
        assert_eq!(parse_size("1KB", ""), Ok(1000));
        assert_eq!(parse_size("1kB", ""), Ok(1000));
        assert_eq!(parse_size("2MiB", ""), Ok(2 << 20));
        assert_eq!(parse_size("3b", "b"), Ok(1536));
        assert!(parse_size("3b", "").is_err());
        assert!(parse_size("1m", "").is_err());
        assert!(parse_size("x", "").is_err());
        assert!(parse_size("", "").is_err());
        assert!(parse_size("99999999999E", "").is_err());
    }
}
