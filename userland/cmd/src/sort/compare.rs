//! Comparisons of `sort`'s keys, as GNU sort makes them in the C locale:
//! numbers compared as strings of digits (any length, `-n`), through a
//! `strtold`-like reading (`-g`), with unit suffixes (`-h`), months (`-M`),
//! versions (`-V`, gnulib's `filevercmp`), and keyed hashes (`-R`).

use std::cmp::Ordering;

/// Blanks as sort's fields see them: space, tab, and newline (for `-z`).
pub fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t' || c == b'\n'
}

/// The byte at `i`, or NUL past the end (GNU works on NUL-terminated keys).
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

pub fn skip_blanks(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| is_blank(c)).count();
    &s[n..]
}

/// `-n`: GNU's `numcompare` (strnumcmp with '.' and no thousands
/// separator), after leading blanks.
pub fn numeric(a: &[u8], b: &[u8]) -> Ordering {
    strnumcmp(skip_blanks(a), skip_blanks(b)).cmp(&0)
}

fn strnumcmp(a: &[u8], b: &[u8]) -> i32 {
    match (a.first() == Some(&b'-'), b.first() == Some(&b'-')) {
        (false, false) => magnitude(skip_zeros(a), skip_zeros(b)),
        // Both negative: the larger magnitude is the smaller number.
        (true, true) => -magnitude(skip_zeros(&a[1..]), skip_zeros(&b[1..])),
        // Opposite signs: equal only when both are zero.
        (true, false) => {
            if is_nonzero(&a[1..]) {
                -1
            } else {
                -i32::from(is_nonzero(b))
            }
        }
        (false, true) => {
            if is_nonzero(&b[1..]) {
                1
            } else {
                i32::from(is_nonzero(a))
            }
        }
    }
}

fn skip_zeros(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|&&c| c == b'0').count();
    &s[n..]
}

/// Whether the unsigned number at the start of `s` has a nonzero digit
/// (`0`, `00.000` and `.` are zero).
fn is_nonzero(s: &[u8]) -> bool {
    let s = skip_zeros(s);
    let s = match s.first() {
        Some(b'.') => skip_zeros(&s[1..]),
        _ => s,
    };
    s.first().is_some_and(u8::is_ascii_digit)
}

/// Compare two unsigned numbers whose leading zeros are gone: by the
/// number of integer digits, then digit by digit, then by fraction.
fn magnitude(a: &[u8], b: &[u8]) -> i32 {
    let digit = |c: u8| c.is_ascii_digit();
    let same = a.iter().zip(b).take_while(|&(x, y)| x == y && digit(*x)).count();
    let (ta, tb) = (at(a, same), at(b, same));
    if (ta == b'.' && !digit(tb)) || (tb == b'.' && !digit(ta)) {
        return fraccompare(&a[same..], &b[same..]);
    }
    let len_a = a[same..].iter().take_while(|&&c| digit(c)).count();
    let len_b = b[same..].iter().take_while(|&&c| digit(c)).count();
    match len_a.cmp(&len_b) {
        Ordering::Less => -1,
        Ordering::Greater => 1,
        Ordering::Equal if len_a == 0 => 0,
        Ordering::Equal => i32::from(ta) - i32::from(tb),
    }
}

/// Compare the fractions starting at `a` and `b` (each at a '.' or not).
fn fraccompare(a: &[u8], b: &[u8]) -> i32 {
    let digit = |c: u8| c.is_ascii_digit();
    let (mut i, mut j) = (0usize, 0usize);
    if at(a, 0) == b'.' && at(b, 0) == b'.' {
        loop {
            i += 1;
            j += 1;
            let (ca, cb) = (at(a, i), at(b, j));
            if ca != cb {
                if digit(ca) && digit(cb) {
                    return i32::from(ca) - i32::from(cb);
                }
                if digit(ca) {
                    while at(a, i) == b'0' {
                        i += 1;
                    }
                    return i32::from(digit(at(a, i)));
                }
                if digit(cb) {
                    while at(b, j) == b'0' {
                        j += 1;
                    }
                    return -i32::from(digit(at(b, j)));
                }
                return 0;
            }
            if !digit(ca) {
                return 0;
            }
        }
    } else if at(a, 0) == b'.' {
        i = 1;
        while at(a, i) == b'0' {
            i += 1;
        }
        i32::from(digit(at(a, i)))
    } else if at(b, 0) == b'.' {
        j = 1;
        while at(b, j) == b'0' {
            j += 1;
        }
        -i32::from(digit(at(b, j)))
    } else {
        0
    }
}

/// The unit of a `-h` number: its suffix's power (negative for a
/// negative number), 0 for a zero or a number without one.
pub fn unit_order(s: &[u8]) -> i32 {
    let minus = at(s, 0) == b'-';
    let mut i = usize::from(minus);
    let mut max_digit = 0u8;
    while at(s, i).is_ascii_digit() {
        max_digit = max_digit.max(at(s, i));
        i += 1;
    }
    if at(s, i) == b'.' {
        i += 1;
        while at(s, i).is_ascii_digit() {
            max_digit = max_digit.max(at(s, i));
            i += 1;
        }
    }
    if max_digit <= b'0' {
        return 0;
    }
    let order = match at(s, i) {
        b'K' | b'k' => 1,
        b'M' => 2,
        b'G' => 3,
        b'T' => 4,
        b'P' => 5,
        b'E' => 6,
        b'Z' => 7,
        b'Y' => 8,
        _ => 0,
    };
    if minus { -order } else { order }
}

/// `-h`: by unit first, then as numbers.
pub fn human(a: &[u8], b: &[u8]) -> Ordering {
    let (a, b) = (skip_blanks(a), skip_blanks(b));
    unit_order(a).cmp(&unit_order(b)).then_with(|| strnumcmp(a, b).cmp(&0))
}

/// `-g`: what C's strtold reads at the start of `s` (leading white
/// space, sign, decimal or hex digits with exponent, inf, nan), or None.
pub fn strtod(s: &[u8]) -> Option<f64> {
    crate::strtod::strtod(s).map(|(v, _)| v)
}

/// `-g`: conversion failures first, then NaNs, then numbers.
pub fn general(a: &[u8], b: &[u8]) -> Ordering {
    match (strtod(a), strtod(b)) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (Some(x), Some(y)) => match (x.is_nan(), y.is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        },
    }
}

/// `-M`: 0 for an unknown month, 1 to 12 for JAN to DEC (a prefix of the
/// key after blanks, any case).
pub fn month(s: &[u8]) -> u8 {
    const MONTHS: [&[u8; 3]; 12] = [
        b"JAN", b"FEB", b"MAR", b"APR", b"MAY", b"JUN", b"JUL", b"AUG", b"SEP", b"OCT", b"NOV", b"DEC",
    ];
    let s = skip_blanks(s);
    if s.len() < 3 {
        return 0;
    }
    let up = [
        s[0].to_ascii_uppercase(),
        s[1].to_ascii_uppercase(),
        s[2].to_ascii_uppercase(),
    ];
    MONTHS.iter().position(|m| **m == up).map_or(0, |i| i as u8 + 1)
}

/// `-V`: gnulib's `filenvercmp`.
pub fn version(a: &[u8], b: &[u8]) -> Ordering {
    if a.is_empty() || b.is_empty() {
        return (!a.is_empty()).cmp(&!b.is_empty());
    }
    if a[0] == b'.' {
        if b[0] != b'.' {
            return Ordering::Less;
        }
        let (adot, bdot) = (a.len() == 1, b.len() == 1);
        if adot || bdot {
            return bdot.cmp(&adot);
        }
        let adotdot = a[1] == b'.' && a.len() == 2;
        let bdotdot = b[1] == b'.' && b.len() == 2;
        if adotdot || bdotdot {
            return bdotdot.cmp(&adotdot);
        }
    } else if b[0] == b'.' {
        return Ordering::Greater;
    }
    let ap = file_prefixlen(a);
    let bp = file_prefixlen(b);
    let one_pass = ap == a.len() && bp == b.len();
    let r = verrevcmp(&a[..ap], &b[..bp]);
    if r != 0 || one_pass {
        return r.cmp(&0);
    }
    verrevcmp(a, b).cmp(&0)
}

/// The length of `s` without a file suffix `(\.[A-Za-z~][A-Za-z0-9~]*)*$`.
fn file_prefixlen(s: &[u8]) -> usize {
    let n = s.len();
    let mut prefixlen = 0;
    let mut i = 0;
    loop {
        if i == n {
            return prefixlen;
        }
        i += 1;
        prefixlen = i;
        while i + 1 < n && s[i] == b'.' && (s[i + 1].is_ascii_alphabetic() || s[i + 1] == b'~') {
            i += 2;
            while i < n && (s[i].is_ascii_alphanumeric() || s[i] == b'~') {
                i += 1;
            }
        }
    }
}

fn order(s: &[u8], pos: usize) -> i32 {
    if pos == s.len() {
        return -1;
    }
    let c = s[pos];
    if c.is_ascii_digit() {
        0
    } else if c.is_ascii_alphabetic() {
        i32::from(c)
    } else if c == b'~' {
        -2
    } else {
        i32::from(c) + 256
    }
}

fn verrevcmp(s1: &[u8], s2: &[u8]) -> i32 {
    let (mut i, mut j) = (0, 0);
    while i < s1.len() || j < s2.len() {
        let mut first_diff = 0;
        while (i < s1.len() && !s1[i].is_ascii_digit()) || (j < s2.len() && !s2[j].is_ascii_digit()) {
            let c1 = order(s1, i);
            let c2 = order(s2, j);
            if c1 != c2 {
                return c1 - c2;
            }
            i += 1;
            j += 1;
        }
        while i < s1.len() && s1[i] == b'0' {
            i += 1;
        }
        while j < s2.len() && s2[j] == b'0' {
            j += 1;
        }
        while i < s1.len() && j < s2.len() && s1[i].is_ascii_digit() && s2[j].is_ascii_digit() {
            if first_diff == 0 {
                first_diff = i32::from(s1[i]) - i32::from(s2[j]);
            }
            i += 1;
            j += 1;
        }
        if i < s1.len() && s1[i].is_ascii_digit() {
            return 1;
        }
        if j < s2.len() && s2[j].is_ascii_digit() {
            return -1;
        }
        if first_diff != 0 {
            return first_diff;
        }
    }
    0
}

/// `-R`: a keyed 64-bit hash of the key (equal keys hash equal, so they
/// stay together; the order between different keys depends on the seed).
pub fn random_hash(seed: [u64; 2], s: &[u8]) -> u64 {
    let mut h = seed[0] ^ (s.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for chunk in s.chunks(8) {
        let mut w = [0u8; 8];
        w[..chunk.len()].copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(w)).wrapping_add(seed[1]);
    }
    mix(h ^ seed[1])
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(f: fn(&[u8], &[u8]) -> Ordering, items: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = items.to_vec();
        // Ties broken by bytes, as sort's last resort does.
        v.sort_by(|a, b| f(a.as_bytes(), b.as_bytes()).then(a.cmp(b)));
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_as_gnu_sort_n() {
        let items = ["-1", "-0", "0", ".5", "-.5", "1e3", " 3", "+2", "010", "9", "1,000"];
        assert_eq!(
            sorted(numeric, &items),
            ["-1", "-.5", "+2", "-0", "0", ".5", "1,000", "1e3", " 3", "9", "010"]
        );
        assert_eq!(numeric(b"10", b"9"), Ordering::Greater);
        assert_eq!(numeric(b"-10", b"-9"), Ordering::Less);
        assert_eq!(numeric(b"1.10", b"1.9"), Ordering::Less);
        assert_eq!(numeric(b"1.50", b"1.5"), Ordering::Equal);
        assert_eq!(numeric(b"-1.5", b"-1.25"), Ordering::Less);
        assert_eq!(
            numeric(b"12345678901234567890", b"12345678901234567891"),
            Ordering::Less
        );
    }

    #[test]
    fn human_units() {
        let items = ["10K", "1M", "-2G", "0", "5", "1.5K", "abc"];
        assert_eq!(sorted(human, &items), ["-2G", "0", "abc", "5", "1.5K", "10K", "1M"]);
    }

    #[test]
    fn general_numbers() {
        let items = ["2.5e3", "0x10", "inf", "-inf", "nan", "abc", "1e-2", "  7"];
        assert_eq!(
            sorted(general, &items),
            ["abc", "nan", "-inf", "1e-2", "  7", "0x10", "2.5e3", "inf"]
        );
        assert_eq!(strtod(b"1e"), Some(1.0));
        assert_eq!(strtod(b"0x"), Some(0.0));
        assert_eq!(strtod(b"-"), None);
    }

    #[test]
    fn months() {
        assert_eq!(month(b"  mar"), 3);
        assert_eq!(month(b"December"), 12);
        assert_eq!(month(b"xyz"), 0);
    }

    #[test]
    fn versions() {
        let items = [
            "a1.10",
            "a1.9",
            "a1.09",
            ".a",
            "..",
            ".",
            "file~",
            "file",
            "file.tar.gz",
            "file-1.0.tar.gz",
        ];
        assert_eq!(
            sorted(version, &items),
            [
                ".",
                "..",
                ".a",
                "a1.09",
                "a1.9",
                "a1.10",
                "file~",
                "file",
                "file.tar.gz",
                "file-1.0.tar.gz"
            ]
        );
        assert_eq!(version(b"1.2.3", b"1.10"), Ordering::Less);
        assert_eq!(version(b"", b"a"), Ordering::Less);
    }
}
