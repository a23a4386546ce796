//! Records (lines, or NUL-terminated with `-z`) cut out of chunked input
//! without a copy or an allocation per record.
//!
//! The text commands read 64 KiB chunks ([`super::io::Input::chunk`]) and
//! hand them to a [`Splitter`], which calls back with each complete record
//! as a slice of the chunk; only a record that straddles two chunks is
//! copied (into the carry buffer). The callbacks are synchronous, so a
//! command builds its output for a whole chunk in a `Vec` and writes it
//! with one `await`.

use std::collections::VecDeque;

use memchr::memchr;

/// The end of a stream: the chunks that may still hold its last `n`
/// records (`tail -n N` on a pipe, `head -n -N`), so memory stays near `n`
/// records plus a chunk however long the stream is.
pub struct LastRecords {
    held: VecDeque<(Vec<u8>, u64)>,
    /// Delimiters in `held`.
    delims: u64,
    n: u64,
    delim: u8,
}

impl LastRecords {
    pub fn new(n: u64, delim: u8) -> LastRecords {
        LastRecords {
            held: VecDeque::new(),
            delims: 0,
            n,
            delim,
        }
    }

    pub fn push(&mut self, chunk: Vec<u8>) {
        let count = memchr::memchr_iter(self.delim, &chunk).count() as u64;
        self.delims += count;
        self.held.push_back((chunk, count));
    }

    /// The oldest chunk if none of the last `n` records can start in it:
    /// more than `n` delimiters follow it (so even a record it leaves
    /// unfinished is not among them).
    pub fn pop_done(&mut self) -> Option<Vec<u8>> {
        if self.held.len() > 1 && self.delims - self.held[0].1 > self.n {
            let (chunk, count) = self.held.pop_front()?;
            self.delims -= count;
            return Some(chunk);
        }
        None
    }

    /// At the end of the input: the bytes still held, and where the last
    /// `n` records start among them.
    pub fn finish(self) -> (Vec<u8>, usize) {
        let mut rest = Vec::new();
        for (c, _) in self.held {
            kernel::bytes::extend(&mut rest, &c);
        }
        let unfinished = rest.last().is_some_and(|&b| b != self.delim);
        let records = self.delims + u64::from(unfinished);
        let start = match records.saturating_sub(self.n) {
            0 => 0,
            k => memchr::memchr_iter(self.delim, &rest)
                .nth(k as usize - 1)
                .map_or(rest.len(), |i| i + 1),
        };
        (rest, start)
    }
}

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

    /// Feed `chunks`, answering (what left early, what the last `n`
    /// records are, what came before them at the end).
    fn last(chunks: &[&[u8]], n: u64) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let mut w = LastRecords::new(n, b'\n');
        let mut early = Vec::new();
        for c in chunks {
            w.push(c.to_vec());
            while let Some(done) = w.pop_done() {
                early.extend_from_slice(&done);
            }
        }
        let (rest, start) = w.finish();
        (early, rest[start..].to_vec(), rest[..start].to_vec())
    }

    #[test]
    fn last_records_across_chunks() {
        let chunks: &[&[u8]] = &[b"a\nb", b"\nc\n", b"d\ne\n", b"f"];
        let (early, tail, before) = last(chunks, 2);
        assert_eq!(tail, b"e\nf");
        let mut all = early.clone();
        all.extend_from_slice(&before);
        assert_eq!(all, b"a\nb\nc\nd\n");
        assert!(!early.is_empty(), "chunks far from the end are let go");
        assert_eq!(last(chunks, 0).1, b"");
        assert_eq!(last(chunks, 99).1, b"a\nb\nc\nd\ne\nf");
        assert_eq!(last(&[b"x\ny\n"], 1).1, b"y\n");
        assert_eq!(last(&[], 3).1, b"");
    }

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
