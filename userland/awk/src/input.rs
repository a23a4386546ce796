//! Reading records: RS as one character, paragraphs (`RS = ""`), or a
//! regex; and splitting records into fields by FS.

use std::sync::Arc;

use kernel::{Fd, Proc};
use memchr::memchr;

use common::locale::{self, Charset};
use common::regex::Regex;

const CHUNK: usize = 64 * 1024;

/// How records end.
#[derive(Clone)]
pub enum Rs {
    Byte(u8),
    /// `RS = ""`: blank lines end records.
    Paragraph,
    Regex(Arc<Regex>),
}

/// Records from one fd, read a chunk at a time.
pub struct Reader {
    pub fd: Fd,
    /// Opened by awk (closed with it); standard input is not.
    pub owned: bool,
    buf: Vec<u8>,
    start: usize,
    eof: bool,
    /// Where the last record's terminator lies in `buf` (RT), valid until
    /// the next read.
    term: (usize, usize),
}

impl Reader {
    pub fn new(fd: Fd, owned: bool) -> Reader {
        Reader {
            fd,
            owned,
            buf: Vec::new(),
            start: 0,
            eof: false,
            term: (0, 0),
        }
    }

    /// What ended the last record read (gawk's RT): the separator, the
    /// newlines after a paragraph, the regex's match; "" at the end.
    pub fn terminator(&self) -> &[u8] {
        self.buf.get(self.term.0..self.term.1).unwrap_or_default()
    }

    /// Read more input into the buffer; false at end of input.
    async fn fill(&mut self, p: &Proc) -> kernel::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let data = p.read(self.fd, CHUNK).await?;
        if data.is_empty() {
            self.eof = true;
            return Ok(false);
        }
        if self.buf.len() == self.start {
            self.buf = data;
            self.start = 0;
        } else {
            self.buf.extend_from_slice(&data);
        }
        Ok(true)
    }

    /// The next record into `rec` (without its terminator); false at end.
    pub async fn next(&mut self, p: &Proc, rs: &Rs, rec: &mut Vec<u8>) -> kernel::Result<bool> {
        rec.clear();
        self.term = (0, 0);
        match rs {
            Rs::Byte(b) => self.by_byte(p, *b, rec).await,
            Rs::Paragraph => self.paragraph(p, rec).await,
            Rs::Regex(re) => self.by_regex(p, re, rec).await,
        }
    }

    async fn by_byte(&mut self, p: &Proc, sep: u8, rec: &mut Vec<u8>) -> kernel::Result<bool> {
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.start..];
            if let Some(k) = memchr(sep, &avail[scanned..]) {
                let end = scanned + k;
                rec.extend_from_slice(&avail[..end]);
                self.term = (self.start + end, self.start + end + 1);
                self.start += end + 1;
                return Ok(true);
            }
            scanned = avail.len();
            if !self.fill(p).await? {
                let avail = &self.buf[self.start..];
                if avail.is_empty() {
                    return Ok(false);
                }
                rec.extend_from_slice(avail);
                self.start = self.buf.len();
                return Ok(true);
            }
        }
    }

    async fn paragraph(&mut self, p: &Proc, rec: &mut Vec<u8>) -> kernel::Result<bool> {
        // Skip leading newlines.
        loop {
            while self.start < self.buf.len() && self.buf[self.start] == b'\n' {
                self.start += 1;
            }
            if self.start < self.buf.len() || !self.fill(p).await? {
                break;
            }
        }
        if self.start >= self.buf.len() {
            return Ok(false);
        }
        let mut scanned = 0;
        loop {
            let avail = &self.buf[self.start..];
            // A record ends at a newline followed by one or more newlines.
            let mut found = None;
            let mut k = scanned;
            while let Some(n) = memchr(b'\n', &avail[k..]) {
                let at = k + n;
                if at + 1 < avail.len() && avail[at + 1] == b'\n' {
                    // Need the whole run of newlines to be in the buffer.
                    let mut e = at + 1;
                    while e < avail.len() && avail[e] == b'\n' {
                        e += 1;
                    }
                    if e < avail.len() || self.eof {
                        found = Some((at, e));
                    }
                    break;
                }
                if at + 1 >= avail.len() {
                    break;
                }
                k = at + 1;
            }
            if let Some((end, next)) = found {
                rec.extend_from_slice(&avail[..end]);
                self.term = (self.start + end, self.start + next);
                self.start += next;
                return Ok(true);
            }
            scanned = k.min(avail.len());
            if !self.fill(p).await? {
                let avail = &self.buf[self.start..];
                let mut end = avail.len();
                while end > 0 && avail[end - 1] == b'\n' {
                    end -= 1;
                }
                rec.extend_from_slice(&avail[..end]);
                self.term = (self.start + end, self.buf.len());
                self.start = self.buf.len();
                return Ok(true);
            }
        }
    }

    async fn by_regex(&mut self, p: &Proc, re: &Regex, rec: &mut Vec<u8>) -> kernel::Result<bool> {
        loop {
            let avail = &self.buf[self.start..];
            // A match that reaches the end of the buffer might go on in the
            // next chunk: read more first, unless input is over.
            let mut at = 0;
            let found = loop {
                match re.find_at(avail, at) {
                    Some((s, e)) if e == s => {
                        if s >= avail.len() {
                            break None;
                        }
                        at = s + 1;
                    }
                    other => break other,
                }
            };
            match found {
                Some((s, e)) if e < avail.len() || self.eof => {
                    rec.extend_from_slice(&avail[..s]);
                    self.term = (self.start + s, self.start + e);
                    self.start += e;
                    return Ok(true);
                }
                _ => {}
            }
            if !self.fill(p).await? {
                let avail = &self.buf[self.start..];
                if let Some((s, e)) = find_nonempty(re, avail) {
                    rec.extend_from_slice(&avail[..s]);
                    self.term = (self.start + s, self.start + e);
                    self.start += e;
                    return Ok(true);
                }
                if avail.is_empty() {
                    return Ok(false);
                }
                rec.extend_from_slice(avail);
                self.start = self.buf.len();
                return Ok(true);
            }
        }
    }

    pub async fn close(self, p: &Proc) {
        if self.owned {
            let _ = p.close(self.fd).await;
        }
    }
}

/// The leftmost non-empty match.
pub fn find_nonempty(re: &Regex, hay: &[u8]) -> Option<(usize, usize)> {
    find_nonempty_at(re, hay, 0)
}

pub fn find_nonempty_at(re: &Regex, hay: &[u8], mut at: usize) -> Option<(usize, usize)> {
    while at <= hay.len() {
        let (s, e) = re.find_at(hay, at)?;
        if e > s {
            return Some((s, e));
        }
        at = s + 1;
    }
    None
}

/// How fields are split.
#[derive(Clone)]
pub enum Fs {
    /// FS = " ": runs of blanks and newlines, ignoring them at the ends.
    Blank,
    Byte(u8),
    /// A single character or newline (paragraph mode).
    ByteOrNewline(u8),
    Regex(Arc<Regex>),
    /// FS = "": each character a field (a UTF-8 sequence in a UTF-8
    /// locale).
    Chars(Charset),
    /// FPAT (and patsplit): fields are what the pattern matches.
    Pat(Arc<Regex>, Charset),
    /// FIELDWIDTHS: (characters skipped, width or the rest) per field.
    Widths(Arc<Vec<(usize, Option<usize>)>>, Charset),
}

/// Where splitting a text has got to.
#[derive(Clone, Copy, Debug, Default)]
pub struct SplitState {
    pub pos: usize,
    pub done: bool,
    /// FPAT: the last field was not empty and ended at `pos` (an empty
    /// match right there is no field, as in gawk).
    pub after_field: bool,
    /// FIELDWIDTHS: the fields split so far.
    pub n: usize,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\n'
}

/// Incremental splitting: find the next field of `text` starting at
/// `*pos`. Returns None when there are no more fields.
pub fn next_field(fs: &Fs, text: &[u8], st: &mut SplitState) -> Option<(usize, usize)> {
    if st.done {
        return None;
    }
    if let Fs::Pat(re, charset) = fs {
        return next_match(re, *charset, text, st);
    }
    if let Fs::Widths(w, charset) = fs {
        // A field needs a character left after its skip; the last may be
        // short.
        let Some(&(skip, width)) = w.get(st.n) else {
            st.done = true;
            return None;
        };
        let start = st.pos + locale::byte_offset(&text[st.pos..], skip, *charset);
        if start >= text.len() {
            st.done = true;
            return None;
        }
        let end = match width {
            Some(k) => start + locale::byte_offset(&text[start..], k, *charset),
            None => text.len(),
        };
        st.pos = end;
        st.n += 1;
        return Some((start, end));
    }
    let SplitState { pos, done, .. } = st;
    match fs {
        Fs::Pat(..) | Fs::Widths(..) => None,
        Fs::Blank => {
            let mut i = *pos;
            while i < text.len() && is_blank(text[i]) {
                i += 1;
            }
            if i >= text.len() {
                *done = true;
                return None;
            }
            let s = i;
            while i < text.len() && !is_blank(text[i]) {
                i += 1;
            }
            *pos = i;
            Some((s, i))
        }
        Fs::Byte(b) => {
            let s = *pos;
            if s == 0 && text.is_empty() {
                *done = true;
                return None;
            }
            match memchr(*b, &text[s..]) {
                Some(k) => {
                    *pos = s + k + 1;
                    Some((s, s + k))
                }
                None => {
                    *done = true;
                    Some((s, text.len()))
                }
            }
        }
        Fs::ByteOrNewline(b) => {
            let s = *pos;
            if s == 0 && text.is_empty() {
                *done = true;
                return None;
            }
            match memchr::memchr2(*b, b'\n', &text[s..]) {
                Some(k) => {
                    *pos = s + k + 1;
                    Some((s, s + k))
                }
                None => {
                    *done = true;
                    Some((s, text.len()))
                }
            }
        }
        Fs::Chars(charset) => {
            let s = *pos;
            if s >= text.len() {
                *done = true;
                return None;
            }
            let len = locale::units(&text[s..], *charset).next().map_or(1, |u| u.len);
            *pos = s + len;
            Some((s, s + len))
        }
        Fs::Regex(re) => {
            let s = *pos;
            if s == 0 && text.is_empty() {
                *done = true;
                return None;
            }
            match find_nonempty_at(re, text, s) {
                Some((ms, me)) => {
                    *pos = me;
                    Some((s, ms))
                }
                None => {
                    *done = true;
                    Some((s, text.len()))
                }
            }
        }
    }
}

/// The next FPAT field: the next match, where an empty match right after
/// a field is no field (gawk's rule, as for gsub's empty matches).
fn next_match(re: &Regex, charset: Charset, text: &[u8], st: &mut SplitState) -> Option<(usize, usize)> {
    if text.is_empty() {
        st.done = true;
        return None;
    }
    let step = |i: usize| {
        if i < text.len() {
            i + locale::units(&text[i..], charset).next().map_or(1, |u| u.len)
        } else {
            i + 1
        }
    };
    loop {
        let at = st.pos;
        let found = if at > text.len() { None } else { re.find_at(text, at) };
        let Some((s, e)) = found else {
            st.done = true;
            return None;
        };
        if s == e {
            let glued = st.after_field && s == at;
            st.after_field = false;
            st.pos = step(s);
            if glued {
                continue;
            }
            return Some((s, s));
        }
        st.pos = e;
        st.after_field = true;
        return Some((s, e));
    }
}

/// Split all of `text` (for `split()`).
pub fn split_all(fs: &Fs, text: &[u8]) -> Vec<(usize, usize)> {
    let mut st = SplitState::default();
    let mut v = Vec::new();
    while let Some(f) = next_field(fs, text, &mut st) {
        v.push(f);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(fs: &Fs, text: &str) -> Vec<String> {
        split_all(fs, text.as_bytes())
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn splitting() {
        assert_eq!(fields(&Fs::Blank, "  a b\t\tc  "), ["a", "b", "c"]);
        assert!(fields(&Fs::Blank, "   ").is_empty());
        assert_eq!(fields(&Fs::Byte(b','), "a,,b,"), ["a", "", "b", ""]);
        assert!(fields(&Fs::Byte(b','), "").is_empty());
        assert_eq!(fields(&Fs::Byte(b','), ","), ["", ""]);
        let re = Arc::new(super::super::regex::compile(b"[:;]+").unwrap());
        assert_eq!(fields(&Fs::Regex(re), ":a;;b:"), ["", "a", "b", ""]);
        assert_eq!(fields(&Fs::ByteOrNewline(b','), "a,b\nc"), ["a", "b", "c"]);
        assert_eq!(fields(&Fs::Chars(Charset::Bytes), "abc"), ["a", "b", "c"]);
        assert_eq!(fields(&Fs::Chars(Charset::Utf8), "a\u{e9}"), ["a", "\u{e9}"]);
    }

    // gawk 5.2's FIELDWIDTHS fields.
    #[test]
    fn widths() {
        let w = |v: &[(usize, Option<usize>)]| Fs::Widths(Arc::new(v.to_vec()), Charset::Bytes);
        assert_eq!(
            fields(&w(&[(0, Some(2)), (0, Some(3)), (0, Some(4))]), "abcdefg"),
            ["ab", "cde", "fg"]
        );
        assert_eq!(fields(&w(&[(1, Some(2)), (0, Some(3))]), "ab"), ["b"]);
        assert_eq!(fields(&w(&[(0, Some(2)), (0, None)]), "abcdefg"), ["ab", "cdefg"]);
        assert_eq!(fields(&w(&[(0, Some(2)), (0, None)]), "ab"), ["ab"]);
        assert!(fields(&w(&[(0, Some(2))]), "").is_empty());
        let u = Fs::Widths(Arc::new(vec![(0, Some(1)), (1, Some(1))]), Charset::Utf8);
        assert_eq!(fields(&u, "\u{e9}x\u{e8}"), ["\u{e9}", "\u{e8}"]);
    }

    // gawk 5.2's FPAT fields.
    #[test]
    fn fpat() {
        let pat = |p: &str| {
            Fs::Pat(
                Arc::new(super::super::regex::compile(p.as_bytes()).unwrap()),
                Charset::Bytes,
            )
        };
        let f = pat("[^,]*");
        assert_eq!(fields(&f, "a,,b"), ["a", "", "b"]);
        assert_eq!(fields(&f, "a,"), ["a", ""]);
        assert_eq!(fields(&f, ",a"), ["", "a"]);
        assert_eq!(fields(&f, ","), ["", ""]);
        assert_eq!(fields(&f, "a,b,,"), ["a", "b", "", ""]);
        assert!(fields(&f, "").is_empty());
        assert_eq!(fields(&pat("[0-9]+"), "ab12cd345"), ["12", "345"]);
        assert!(fields(&pat("[0-9]+"), "abc").is_empty());
    }
}
