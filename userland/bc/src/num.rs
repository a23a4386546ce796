//! bc's numbers: arbitrary-precision decimals, an integer `v` scaled by
//! `10^scale`, with POSIX bc's rules for the scale of each result
//! (results are truncated, never rounded).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

#[derive(Clone, Debug, Default)]
pub struct Num {
    v: BigInt,
    scale: usize,
}

/// `10^n`.
fn ten(n: usize) -> BigInt {
    num_traits::pow(BigInt::from(10), n)
}

impl Num {
    pub fn zero() -> Num {
        Num::default()
    }

    pub fn from_i64(n: i64) -> Num {
        Num {
            v: BigInt::from(n),
            scale: 0,
        }
    }

    pub fn scale(&self) -> usize {
        self.scale
    }

    pub fn is_zero(&self) -> bool {
        self.v.is_zero()
    }

    /// The value at `scale` digits after the point (truncating).
    pub fn rescale(&self, scale: usize) -> Num {
        let v = if scale >= self.scale {
            &self.v * ten(scale - self.scale)
        } else {
            // BigInt division truncates toward zero, as bc does.
            &self.v / ten(self.scale - scale)
        };
        Num { v, scale }
    }

    /// The integer part, as a machine integer when it fits.
    pub fn to_i64(&self) -> Option<i64> {
        (&self.v / ten(self.scale)).to_i64()
    }

    /// Digits in the number (`length()`): significant digits, counting
    /// the scale's; zero has length... as GNU: 1 for `0`, the scale for
    /// `.000`.
    pub fn length(&self) -> usize {
        if self.v.is_zero() {
            return self.scale.max(1);
        }
        let digits = self.v.magnitude().to_string().len();
        digits.max(self.scale)
    }

    pub fn neg(&self) -> Num {
        Num {
            v: -&self.v,
            scale: self.scale,
        }
    }

    fn aligned(a: &Num, b: &Num) -> (BigInt, BigInt, usize) {
        let s = a.scale.max(b.scale);
        (a.rescale(s).v, b.rescale(s).v, s)
    }

    pub fn add(&self, b: &Num) -> Num {
        let (x, y, scale) = Num::aligned(self, b);
        Num { v: x + y, scale }
    }

    pub fn sub(&self, b: &Num) -> Num {
        let (x, y, scale) = Num::aligned(self, b);
        Num { v: x - y, scale }
    }

    pub fn cmp(&self, b: &Num) -> std::cmp::Ordering {
        let (x, y, _) = Num::aligned(self, b);
        x.cmp(&y)
    }

    /// The product, at `min(a.scale + b.scale, max(scale, a.scale, b.scale))`.
    pub fn mul(&self, b: &Num, scale: usize) -> Num {
        let full = Num {
            v: &self.v * &b.v,
            scale: self.scale + b.scale,
        };
        full.rescale(full.scale.min(scale.max(self.scale).max(b.scale)))
    }

    /// The quotient at `scale` digits; `None` for division by zero.
    pub fn div(&self, b: &Num, scale: usize) -> Option<Num> {
        if b.v.is_zero() {
            return None;
        }
        // a/b = (va / 10^sa) / (vb / 10^sb); scaled by 10^scale.
        let num = &self.v * ten(scale + b.scale);
        let den = &b.v * ten(self.scale);
        Some(Num { v: num / den, scale })
    }

    /// `a % b` as bc defines it: `a - (a / b) * b`, the quotient taken at
    /// `scale`, the result at `max(scale + b.scale, a.scale)`.
    pub fn rem(&self, b: &Num, scale: usize) -> Option<Num> {
        let q = self.div(b, scale)?;
        let rs = (scale + b.scale).max(self.scale);
        let prod = q.mul(b, rs);
        Some(self.sub(&prod).rescale(rs))
    }

    /// `a ^ n` for an integer `n`: exact, then cut to
    /// `min(a.scale * n, max(scale, a.scale))`; a negative power is
    /// `1 / a^-n` at `scale`. `None` for `0 ^ -n`.
    pub fn pow(&self, n: &BigInt, scale: usize, max_digits: usize) -> Result<Num, &'static str> {
        if n.is_zero() {
            return Ok(Num::from_i64(1));
        }
        let e = n.magnitude().to_usize().ok_or("exponent too large")?;
        // The exact power has about e * (digits of a) digits: refuse what
        // could not be held.
        let digits = self.v.magnitude().bits() as usize / 3 + 1;
        if digits.saturating_mul(e) > max_digits && !self.v.magnitude().is_one() && !self.v.is_zero() {
            return Err("exponent too large");
        }
        let exact = Num {
            v: num_traits::pow(self.v.clone(), e),
            scale: self.scale * e,
        };
        if n.is_negative() {
            return Num::from_i64(1).div(&exact, scale).ok_or("Divide by zero");
        }
        let rs = (self.scale * e).min(scale.max(self.scale));
        Ok(exact.rescale(rs))
    }

    /// The square root at `max(scale, a.scale)`, truncated; `None` for a
    /// negative number.
    pub fn sqrt(&self, scale: usize) -> Option<Num> {
        if self.v.is_negative() {
            return None;
        }
        let rs = scale.max(self.scale);
        // sqrt(v / 10^s) * 10^rs = sqrt(v * 10^(2 rs - s)).
        let wide = &self.v * ten(2 * rs - self.scale);
        Some(Num {
            v: wide.sqrt(),
            scale: rs,
        })
    }

    /// A numeral of the given `ibase`: digits `0-9A-Z` (each its own value,
    /// even past the base, as GNU bc reads them), an optional point.
    pub fn parse(text: &str, ibase: u32) -> Num {
        let digit = |c: u8| match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'A'..=b'Z' => (c - b'A') as u32 + 10,
            _ => 0,
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let int_b = int.as_bytes();
        // A lone digit keeps its value (`A` is 10 whatever ibase is);
        // in a longer numeral a digit past the base counts as base - 1.
        let clamp = |d: u32| {
            if int_b.len() + frac.len() > 1 {
                d.min(ibase - 1)
            } else {
                d
            }
        };
        let mut v = BigInt::zero();
        for &c in int_b {
            v = v * ibase + clamp(digit(c));
        }
        if frac.is_empty() {
            return Num { v, scale: 0 };
        }
        if ibase == 10 {
            for &c in frac.as_bytes() {
                v = v * 10u32 + clamp(digit(c));
            }
            return Num { v, scale: frac.len() };
        }
        // Other bases: the fraction digits' value, to as many decimal
        // digits as the numeral has fraction digits.
        let mut num = BigInt::zero();
        let mut den = BigInt::one();
        for &c in frac.as_bytes() {
            num = num * ibase + clamp(digit(c));
            den *= ibase;
        }
        let scale = frac.len();
        let f = num * ten(scale) / den;
        Num {
            v: v * ten(scale) + f,
            scale,
        }
    }

    /// The number as bc prints it in `obase`, not yet cut into lines.
    pub fn format(&self, obase: u32) -> String {
        if self.v.is_zero() {
            return "0".to_string();
        }
        let mut out = String::new();
        if self.v.is_negative() {
            out.push('-');
        }
        let mag = self.v.abs();
        let (int, frac) = mag.div_rem(&ten(self.scale));
        if obase == 10 {
            if !int.is_zero() {
                out.push_str(&int.to_string());
            }
            if self.scale > 0 {
                let f = frac.to_string();
                out.push('.');
                out.push_str(&"0".repeat(self.scale - f.len()));
                out.push_str(&f);
            }
            return out;
        }
        let width = (obase - 1).to_string().len();
        let digit = |d: u32, out: &mut String| {
            if obase <= 16 {
                out.push(char::from_digit(d, 16).unwrap_or('0').to_ascii_uppercase());
            } else {
                out.push_str(&format!(" {d:0width$}"));
            }
        };
        if !int.is_zero() {
            let mut digits = Vec::new();
            let mut n = int;
            let base = BigInt::from(obase);
            while !n.is_zero() {
                let (q, r) = n.div_rem(&base);
                digits.push(r.to_u32().unwrap_or(0));
                n = q;
            }
            for d in digits.into_iter().rev() {
                digit(d, &mut out);
            }
        }
        if self.scale > 0 {
            out.push('.');
            // Enough digits of obase to show 10^-scale, as GNU bc does.
            let limit = ten(self.scale);
            let mut place = BigInt::one();
            let mut f = frac;
            let unit = ten(self.scale);
            while place < limit {
                f *= obase;
                let (d, r) = f.div_rem(&unit);
                digit(d.to_u32().unwrap_or(0), &mut out);
                f = r;
                place *= obase;
            }
        }
        out
    }

    /// Whether the number is an integer (no nonzero fraction digits).
    pub fn is_integer(&self) -> bool {
        self.scale == 0 || (&self.v % ten(self.scale)).is_zero()
    }

    /// The integer part as a big integer.
    pub fn trunc_int(&self) -> BigInt {
        &self.v / ten(self.scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        Num::parse(s, 10)
    }

    #[test]
    fn scales_follow_posix() {
        assert_eq!(n("1.5").add(&n("2.25")).format(10), "3.75");
        assert_eq!(n("1").div(&n("3"), 5).unwrap().format(10), ".33333");
        assert_eq!(n("2.5").mul(&n("2.5"), 0).format(10), "6.2");
        assert_eq!(n("2.5").mul(&n("2.5"), 5).format(10), "6.25");
        assert_eq!(n("7").rem(&n("3"), 0).unwrap().format(10), "1");
        assert_eq!(n("7").rem(&n("3"), 2).unwrap().format(10), ".01");
        assert_eq!(n("7").neg().div(&n("2"), 0).unwrap().format(10), "-3");
        assert_eq!(n("2").sqrt(10).unwrap().format(10), "1.4142135623");
    }

    #[test]
    fn bases() {
        assert_eq!(n("255").format(16), "FF");
        assert_eq!(Num::parse("FF", 16).format(10), "255");
        assert_eq!(Num::parse("A", 2).format(10), "10");
        assert_eq!(n("10").format(2), "1010");
        assert_eq!(n("300").format(20), " 15 00");
        assert_eq!(n(".5").format(2), ".1000");
    }
}
