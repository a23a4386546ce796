//! How big a buffer a command may build, and the one message for a refusal.
//!
//! Every size, count, width, precision and repeat argument a command turns
//! into memory is checked against the process's `max_alloc` limit (bytes one
//! buffer or string may hold; 256 MiB in the standard profile) *before* the
//! memory is reserved, and buffers that grow from input (a line, a whole
//! file for `sort`) stop at the same limit. The refusal names the limit:
//! `truncate: size too large (limit 256 MiB)`, `grep: line too long (limit
//! 256 MiB)`. Nesting in the commands' parsers and evaluators stops at the
//! process's `nest` limit ([`Depth`]; 1000 in the standard profile), far
//! below what would overflow the stack.

use std::fmt;

use kernel::{Errno, Proc};

/// Nesting depth of every recursive parser and evaluator in the commands
/// (expr, test, find's expressions, awk, sed blocks, jq, regular
/// expressions, JSON) where no process is at hand: the standard profile's.
pub const MAX_NEST: usize = 1000;

/// A recursion's depth against the nesting limit: [`Depth::enter`] at each
/// level down, [`Depth::leave`] on the way back up.
#[derive(Copy, Clone, Debug)]
pub struct Depth {
    cur: usize,
    max: usize,
}

impl Default for Depth {
    fn default() -> Self {
        Depth::new(MAX_NEST)
    }
}

impl Depth {
    pub const fn new(max: usize) -> Depth {
        Depth { cur: 0, max }
    }

    /// The process's `nest` limit.
    pub fn of(p: &Proc) -> Depth {
        Depth::new(p.limits().max_nest)
    }

    /// One level deeper, or the refusal `{what} nested too deeply (limit
    /// 1000)`.
    pub fn enter(&mut self, what: &str) -> Result<(), String> {
        if self.cur >= self.max {
            return Err(format!("{what} nested too deeply (limit {})", self.max));
        }
        self.cur += 1;
        Ok(())
    }

    /// The limit itself.
    pub const fn max(&self) -> usize {
        self.max
    }

    pub fn leave(&mut self) {
        self.cur = self.cur.saturating_sub(1);
    }
}

/// The limits one command checks its requests against.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Bytes one buffer may hold.
    pub max: usize,
}

impl Budget {
    /// The budget of the process `p`.
    pub fn of(p: &Proc) -> Budget {
        Budget {
            max: p.limits().max_alloc,
        }
    }

    /// No limit (for code that runs outside a process, such as unit tests).
    pub const UNLIMITED: Budget = Budget { max: usize::MAX };

    /// `n` bytes (or items of a byte each) as a size, or the refusal
    /// `{what} too large (limit ...)`.
    pub fn check(self, what: &'static str, n: u64) -> Result<usize, TooLarge> {
        match usize::try_from(n) {
            Ok(n) if n <= self.max => Ok(n),
            _ => Err(self.too_large(what)),
        }
    }

    /// `count` items of `size` bytes each.
    pub fn check_items(self, what: &'static str, count: u64, size: u64) -> Result<usize, TooLarge> {
        let bytes = count.checked_mul(size.max(1)).ok_or_else(|| self.too_large(what))?;
        self.check(what, bytes)?;
        Ok(count as usize)
    }

    /// A float argument (awk's, jq's numbers) as a size.
    pub fn check_f64(self, what: &'static str, n: f64) -> Result<usize, TooLarge> {
        if n.is_nan() || n < 0.0 {
            return Ok(0);
        }
        if n >= self.max as f64 + 1.0 {
            return Err(self.too_large(what));
        }
        self.check(what, n as u64)
    }

    /// Whether a buffer may grow to `len` bytes.
    pub fn fits(self, len: usize) -> bool {
        len <= self.max
    }

    /// Reserve room for `more` items in `v`, refusing past the limit or
    /// when the host has no memory (never aborting).
    pub fn reserve<T>(self, v: &mut Vec<T>, more: usize, what: &'static str) -> Result<(), TooLarge> {
        let total = v.len().checked_add(more).ok_or_else(|| self.too_large(what))?;
        self.check(what, (total as u64).saturating_mul(size_of::<T>().max(1) as u64))?;
        v.try_reserve(more).map_err(|_| self.too_large(what))
    }

    /// Append `data` to `v` within the limit.
    pub fn extend(self, v: &mut Vec<u8>, data: &[u8], what: &'static str) -> Result<(), TooLarge> {
        if v.len().saturating_add(data.len()) > self.max {
            return Err(self.too_large(what));
        }
        kernel::bytes::extend(v, data);
        Ok(())
    }

    pub fn too_large(self, what: &'static str) -> TooLarge {
        TooLarge { what, limit: self.max }
    }
}

/// A request over the limit. Displays as `{what} too large (limit 256
/// MiB)`; as a [`kernel::Error`] it is `ENOMEM` with that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// What was too large: a noun (`size`, `width`, `input`) or a phrase
    /// (`line too long`).
    pub what: &'static str,
    pub limit: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A noun (`size`) reads `size too large`; a whole phrase (`line too
        // long`) is kept.
        if self.what.contains(" too ") {
            write!(f, "{} (limit {})", self.what, show_bytes(self.limit))
        } else {
            write!(f, "{} too large (limit {})", self.what, show_bytes(self.limit))
        }
    }
}

impl From<TooLarge> for kernel::Error {
    fn from(t: TooLarge) -> kernel::Error {
        kernel::Error::with_detail(Errno::ENOMEM, t.to_string())
    }
}

/// What a command prints for an error: the glibc text, as GNU tools do,
/// except for a refusal by a limit, which names the limit (a budget's
/// ENOMEM here, any kernel limit in [`kernel::limits::describe`]).
pub fn describe(e: &kernel::Error) -> &str {
    match e.detail() {
        Some(d) if e.is(Errno::ENOMEM) => d,
        _ => kernel::limits::describe(e),
    }
}

/// `256 MiB`, `1 GiB`, `1000 bytes`: a limit as people read it.
pub fn show_bytes(v: usize) -> String {
    if v == usize::MAX {
        return "unlimited".to_string();
    }
    for (unit, shift) in [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)] {
        let size = 1usize << shift;
        if v >= size && v.is_multiple_of(size) {
            return format!("{} {unit}", v / size);
        }
    }
    format!("{v} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_limit() {
        let b = Budget { max: 256 << 20 };
        assert_eq!(b.check("size", 10), Ok(10));
        assert_eq!(
            b.check("size", 9_237_207 * 1024).unwrap_err().to_string(),
            "size too large (limit 256 MiB)"
        );
        assert_eq!(
            b.too_large("line too long").to_string(),
            "line too long (limit 256 MiB)"
        );
        assert!(b.check_items("count", u64::MAX, 8).is_err());
        assert!(b.check_f64("width", 1e300).is_err());
        assert_eq!(b.check_f64("width", f64::NAN), Ok(0));
        let e: kernel::Error = b.too_large("width").into();
        assert_eq!(describe(&e), "width too large (limit 256 MiB)");
        assert_eq!(describe(&Errno::ENOSPC.into()), "No space left on device");
    }

    #[test]
    fn depth_stops_at_the_limit() {
        let mut d = Depth::new(2);
        assert!(d.enter("expression").is_ok());
        assert!(d.enter("expression").is_ok());
        assert_eq!(
            d.enter("expression").unwrap_err(),
            "expression nested too deeply (limit 2)"
        );
        d.leave();
        assert!(d.enter("expression").is_ok());
    }

    #[test]
    fn reserve_refuses_instead_of_aborting() {
        let b = Budget { max: 1000 };
        let mut v: Vec<u64> = Vec::new();
        assert!(b.reserve(&mut v, 100, "array").is_ok());
        assert!(b.reserve(&mut v, 200, "array").is_err(), "200 u64s are 1600 bytes");
        assert!(Budget::UNLIMITED.reserve(&mut v, usize::MAX / 2, "array").is_err());
        let mut s = Vec::new();
        assert!(b.extend(&mut s, &[0; 1000], "line").is_ok());
        assert!(b.extend(&mut s, &[0], "line").is_err());
        assert_eq!(show_bytes(1 << 30), "1 GiB");
        assert_eq!(show_bytes(1000), "1000 bytes");
    }
}
