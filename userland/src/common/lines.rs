//! Records (lines, or NUL-terminated with `-z`) cut out of chunked input
//! without a copy or an allocation per record.
//!
//! The text commands read 64 KiB chunks ([`super::io::Input::chunk`]) and
//! hand them to a [`Splitter`], which calls back with each complete record
//! as a slice of the chunk; only a record that straddles two chunks is
//! copied (into the carry buffer). The callbacks are synchronous, so a
//! command builds its output for a whole chunk in a `Vec` and writes it
//! with one `await`.

use memchr::memchr;

/// Cuts chunks into records ending with `delim`.
pub struct Splitter {
    delim: u8,
    carry: Vec<u8>,
}

impl Splitter {
    pub fn new(delim: u8) -> Splitter {
        Splitter {
            delim,
            carry: Vec::new(),
        }
    }

    /// Call `f` with every complete record of `chunk` (delimiter included),
    /// keeping an unfinished last record for the next chunk. `f` answers
    /// false to stop; `feed` then answers `Some(n)`: the record that
    /// stopped it ends at `chunk[n]`, and `chunk[n..]` was not looked at.
    pub fn feed(&mut self, chunk: &[u8], mut f: impl FnMut(&[u8]) -> bool) -> Option<usize> {
        let mut pos = 0;
        if !self.carry.is_empty() {
            match memchr(self.delim, chunk) {
                Some(i) => {
                    self.carry.extend_from_slice(&chunk[..=i]);
                    let rec = std::mem::take(&mut self.carry);
                    let go = f(&rec);
                    self.carry = rec;
                    self.carry.clear();
                    pos = i + 1;
                    if !go {
                        return Some(pos);
                    }
                }
                None => {
                    kernel::bytes::extend(&mut self.carry, chunk);
                    return None;
                }
            }
        }
        while let Some(i) = memchr(self.delim, &chunk[pos..]) {
            let end = pos + i + 1;
            if !f(&chunk[pos..end]) {
                return Some(end);
            }
            pos = end;
        }
        kernel::bytes::extend(&mut self.carry, &chunk[pos..]);
        None
    }

    /// The last record, when the input did not end with the delimiter.
    pub fn take_rest(&mut self) -> Option<Vec<u8>> {
        if self.carry.is_empty() {
            None
        } else {
            Some(std::mem::take(&mut self.carry))
        }
    }

    /// Bytes held back (an unfinished record).
    pub fn pending(&self) -> usize {
        self.carry.len()
    }
}

/// A record without its delimiter.
pub fn body(rec: &[u8], delim: u8) -> &[u8] {
    match rec.last() {
        Some(&c) if c == delim => &rec[..rec.len() - 1],
        _ => rec,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(chunks: &[&[u8]]) -> Vec<Vec<u8>> {
        let mut s = Splitter::new(b'\n');
        let mut out = Vec::new();
        for c in chunks {
            s.feed(c, |r| {
                out.push(r.to_vec());
                true
            });
        }
        out.extend(s.take_rest());
        out
    }

    #[test]
    fn records_across_chunks() {
        assert_eq!(split(&[b"a\nb", b"c\n", b"", b"d"]), [&b"a\n"[..], b"bc\n", b"d"]);
        assert_eq!(split(&[b"x", b"y", b"z\n\n"]), [&b"xyz\n"[..], b"\n"]);
        assert!(split(&[b""]).is_empty());
    }

    #[test]
    fn stopping_reports_the_offset() {
        let mut s = Splitter::new(b'\n');
        let mut n = 0;
        assert_eq!(
            s.feed(b"a\nbb\nc", |_| {
                n += 1;
                n < 2
            }),
            Some(5)
        );
        let mut s = Splitter::new(b'\n');
        s.feed(b"ab", |_| true);
        assert_eq!(s.feed(b"c\nd\n", |_| false), Some(2));
    }
}
