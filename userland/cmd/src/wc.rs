//! `wc`: count lines, words and bytes.
//!
//! Under `LC_ALL=C` a character is a byte, so `-m` counts bytes. A word is
//! a run of printable non-space bytes; non-printable bytes neither start
//! nor end one (GNU wc 9). Under a UTF-8 locale `-m` counts characters
//! (bytes that are not UTF-8 are not counted, as with GNU's mbrtowc),
//! a character beyond ASCII is printable (it starts or continues a word),
//! and `-L` measures display width (wide characters take two columns). Column widths follow GNU: wide enough for the
//! total size of the regular files named, at least 7 when any input is not
//! a regular file, and 1 when a single count of a single input is printed.

use kernel::NodeType;

use common::cli::{Arg, Cmd, flag, long};
use common::files0;
use common::io::Input;
use common::locale::{self, Charset};
use common::quotearg::quote_locale as quote;

const HELP: &str = "Usage: wc [OPTION]... [FILE]...
  or:  wc [OPTION]... --files0-from=F
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified.  A word is a non-zero-length sequence of
printable characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

The options below may be used to select which counts are printed, always in
the following order: newline, word, character, byte, maximum line length.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts (bytes: the C locale)
  -l, --lines            print the newline counts
      --files0-from=F    read input from the files specified by
                           NUL-terminated names in file F;
                           If F is - then read names from standard input
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[common::cli::Opt] = &[
    flag("bytes", 'c'),
    flag("chars", 'm'),
    flag("lines", 'l'),
    long("files0-from", Arg::Required),
    flag("max-line-length", 'L'),
    flag("words", 'w'),
];

/// Which counts to print.
#[derive(Clone, Copy, Default)]
struct Which {
    lines: bool,
    words: bool,
    chars: bool,
    bytes: bool,
    max_len: bool,
}

impl Which {
    fn how_many(&self) -> usize {
        [self.lines, self.words, self.chars, self.bytes, self.max_len]
            .iter()
            .filter(|b| **b)
            .count()
    }
}

#[derive(Clone, Copy, Default)]
struct Counts {
    lines: u64,
    words: u64,
    bytes: u64,
    /// Characters (only counted in a UTF-8 locale; else they are bytes).
    chars: u64,
    max_len: u64,
}

/// Byte classes for word counting: a printable non-space byte is in a
/// word, a space byte ends one, anything else leaves the state alone.
const WORD: u8 = 1;
const SPACE: u8 = 2;
const OTHER: u8 = 0;

const fn classes() -> [u8; 256] {
    let mut t = [OTHER; 256];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = WORD;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[0x0b] = SPACE;
    t[0x0c] = SPACE;
    t[b'\r' as usize] = SPACE;
    t
}

static CLASS: [u8; 256] = classes();

/// Running state across the chunks of one input.
#[derive(Default)]
struct Counter {
    c: Counts,
    in_word: bool,
    line_pos: u64,
    charset: Charset,
    /// The start of a UTF-8 sequence that a chunk's end cut (at most 3
    /// bytes), read again before the next chunk.
    pending: Vec<u8>,
}

impl Counter {
    /// Lines and words only: the hot loop, without branches per byte.
    fn words(&mut self, chunk: &[u8]) {
        let mut in_word = u64::from(self.in_word);
        let mut words = 0u64;
        for &b in chunk {
            let class = CLASS[b as usize];
            // Stay in a word unless at a space; enter one at a word byte.
            let next = (in_word & u64::from(class == OTHER)) | u64::from(class == WORD);
            words += next & !in_word & 1;
            in_word = next;
        }
        self.c.words += words;
        self.in_word = in_word == 1;
    }

    /// Everything, with line widths as GNU measures them (tabs to the
    /// next multiple of 8, CR and FF restart the line).
    fn full(&mut self, chunk: &[u8]) {
        for &b in chunk {
            self.ascii(b);
        }
    }

    /// Characters and (with `-L`) display widths of UTF-8 text, and words
    /// with every non-ASCII character printable.
    fn utf8(&mut self, chunk: &[u8], which: Which) {
        let joined;
        let text = if self.pending.is_empty() {
            chunk
        } else {
            let mut j = std::mem::take(&mut self.pending);
            j.extend_from_slice(chunk);
            joined = j;
            &joined
        };
        // A sequence cut at the end waits for the next chunk.
        let keep = cut_tail(text);
        let (text, tail) = text.split_at(text.len() - keep);
        if !(which.max_len || which.words) && std::str::from_utf8(text).is_ok() {
            // Valid text: every byte but a continuation byte starts one.
            self.c.chars += text.iter().filter(|&&b| (b as i8) >= -0x40).count() as u64;
        } else {
            for u in locale::units(text, Charset::Utf8) {
                let Some(ch) = u.ch else { continue };
                self.c.chars += 1;
                if !(which.max_len || which.words) {
                    continue;
                }
                if ch.is_ascii() {
                    self.ascii(ch as u8);
                } else {
                    if which.max_len {
                        self.line_pos += locale::width(ch).unwrap_or(0) as u64;
                    }
                    if !self.in_word && !ch.is_whitespace() {
                        self.c.words += 1;
                        self.in_word = true;
                    } else if ch.is_whitespace() {
                        self.in_word = false;
                    }
                }
            }
        }
        self.pending = tail.to_vec();
    }

    /// One ASCII byte for words and line widths.
    fn ascii(&mut self, b: u8) {
        match b {
            b'\n' | b'\r' | 0x0c => {
                self.c.max_len = self.c.max_len.max(self.line_pos);
                self.line_pos = 0;
                self.in_word = false;
            }
            b'\t' => {
                self.line_pos += 8 - self.line_pos % 8;
                self.in_word = false;
            }
            b' ' => {
                self.line_pos += 1;
                self.in_word = false;
            }
            0x0b => self.in_word = false,
            0x21..=0x7e => {
                self.line_pos += 1;
                if !self.in_word {
                    self.c.words += 1;
                    self.in_word = true;
                }
            }
            _ => {}
        }
    }

    fn feed(&mut self, chunk: &[u8], which: Which) {
        self.c.bytes += chunk.len() as u64;
        if self.charset == Charset::Utf8 && (which.chars || which.max_len || which.words) {
            if which.lines {
                self.c.lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
            }
            self.utf8(chunk, which);
            return;
        }
        if which.lines {
            self.c.lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
        }
        if which.max_len {
            self.full(chunk);
        } else if which.words {
            self.words(chunk);
        }
    }

    fn end(mut self) -> Counts {
        // A sequence still cut at the very end is bytes that are not
        // UTF-8: no characters.
        self.c.max_len = self.c.max_len.max(self.line_pos);
        if self.charset == Charset::Bytes {
            self.c.chars = self.c.bytes;
        }
        self.c
    }
}

/// How many bytes at the end of `text` begin a UTF-8 sequence that is
/// not complete yet.
fn cut_tail(text: &[u8]) -> usize {
    for k in 1..=3.min(text.len()) {
        let b = text[text.len() - k];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let need = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        return if need > k { k } else { 0 };
    }
    0
}

async fn count(cmd: &mut Cmd, input: &mut Input, which: Which) -> (Counts, Option<kernel::Error>) {
    let p = cmd.p.clone();
    let utf8_chars = which.chars && Charset::of(&p).is_utf8();
    if !(which.lines || which.words || which.max_len || utf8_chars)
        && let Some(n) = size_left(&p, input.fd()).await
    {
        return (
            Counts {
                bytes: n,
                chars: n,
                ..Counts::default()
            },
            None,
        );
    }
    let mut counter = Counter {
        charset: Charset::of(&p),
        ..Counter::default()
    };
    loop {
        match input.chunk(&p).await {
            Ok(Some(chunk)) => counter.feed(&chunk, which),
            Ok(None) => return (counter.end(), None),
            Err(e) => return (counter.end(), Some(e)),
        }
    }
}

/// Bytes only, of a regular file: what is left of it, from its size (and
/// the offset moves to its end, as if read), as GNU wc does.
async fn size_left(p: &kernel::Proc, fd: kernel::Fd) -> Option<u64> {
    let st = p.fstat(fd).await.ok()?;
    if st.kind != NodeType::File {
        return None;
    }
    let here = p.seek(fd, kernel::SeekFrom::Current(0)).await.ok()?;
    p.seek(fd, kernel::SeekFrom::End(0)).await.ok()?;
    Some(st.size.saturating_sub(here))
}

fn format_line(c: &Counts, which: Which, width: usize, name: Option<&str>) -> String {
    let mut fields = Vec::new();
    if which.lines {
        fields.push(c.lines);
    }
    if which.words {
        fields.push(c.words);
    }
    if which.chars {
        fields.push(c.chars);
    }
    if which.bytes {
        fields.push(c.bytes);
    }
    if which.max_len {
        fields.push(c.max_len);
    }
    let mut s = String::new();
    for (i, n) in fields.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&format!("{n:>width$}"));
    }
    if let Some(name) = name {
        s.push(' ');
        s.push_str(name);
    }
    s.push('\n');
    s
}

/// GNU's column width (see the module comment).
async fn number_width(cmd: &Cmd, files: &[String], which: Which) -> usize {
    if files.len() == 1 && which.how_many() == 1 {
        return 1;
    }
    let mut min = 1;
    let mut regular_total: u64 = 0;
    for f in files {
        let st = if f == "-" {
            cmd.p.fstat(0).await
        } else {
            cmd.p.stat(f).await
        };
        match st {
            Ok(st) if st.kind == NodeType::File => regular_total += st.size,
            Ok(_) => min = 7,
            Err(_) => {}
        }
    }
    regular_total.to_string().len().max(min)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut which = Which {
        lines: opts.has("lines"),
        words: opts.has("words"),
        chars: opts.has("chars"),
        bytes: opts.has("bytes"),
        max_len: opts.has("max-line-length"),
    };
    if which.how_many() == 0 {
        which = Which {
            lines: true,
            words: true,
            bytes: true,
            ..Which::default()
        };
    }
    let list = opts.value("files0-from").map(str::to_string);
    let (files, named, width) = match &list {
        Some(_) if !opts.operands.is_empty() => {
            let msg = format!(
                "extra operand {}\nfile operands cannot be combined with --files0-from",
                quote(&opts.operands[0])
            );
            return cmd.usage_error(msg, 1).await;
        }
        Some(list) => match files0::read(&mut cmd, list).await {
            // From a pipe GNU cannot look ahead to size the columns.
            Ok((files, regular)) => {
                let width = if regular {
                    number_width(&cmd, &files, which).await
                } else {
                    1
                };
                (files, true, width)
            }
            Err(status) => return cmd.finish(status).await,
        },
        None => {
            let named = !opts.operands.is_empty();
            let files = if named { opts.operands } else { vec!["-".to_string()] };
            let width = number_width(&cmd, &files, which).await;
            (files, named, width)
        }
    };
    let p = cmd.p.clone();
    let mut status = 0;
    let mut total = Counts::default();
    for (i, f) in files.iter().enumerate() {
        if let Some(list) = &list
            && let Some(complaint) = files0::check(list, i, f)
        {
            cmd.error(complaint).await;
            status = 1;
            continue;
        }
        let name = named.then_some(f.as_str());
        let (counts, err) = match Input::open(&p, f).await {
            Ok(mut input) => {
                let r = count(&mut cmd, &mut input, which).await;
                input.close(&p).await;
                r
            }
            // A directory opens, then fails to read: GNU still prints its
            // (empty) counts.
            Err(e) if e.is(kernel::Errno::EISDIR) => (Counts::default(), Some(e)),
            Err(e) => {
                cmd.error_at(f, &e).await;
                status = 1;
                continue;
            }
        };
        if let Some(e) = err {
            cmd.error_at(f, &e).await;
            status = 1;
        }
        total.lines += counts.lines;
        total.words += counts.words;
        total.bytes += counts.bytes;
        total.chars += counts.chars;
        total.max_len = total.max_len.max(counts.max_len);
        cmd.out.write_str(&format_line(&counts, which, width, name)).await;
    }
    if files.len() > 1 {
        cmd.out
            .write_str(&format_line(&total, which, width, Some("total")))
            .await;
    }
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(data: &[u8], max_len: bool) -> Counts {
        let which = Which {
            lines: true,
            words: true,
            max_len,
            ..Which::default()
        };
        let mut c = Counter::default();
        // Split anywhere: the state must carry across chunks.
        let (a, b) = data.split_at(data.len() / 2);
        c.feed(a, which);
        c.feed(b, which);
        c.end()
    }

    #[test]
    fn words_as_gnu_counts_them() {
        let c = counts(b"\x01 \xff\x80 a\tb\n", false);
        assert_eq!((c.lines, c.words, c.bytes), (1, 2, 9));
        assert_eq!(counts(b"hello world\nfoo", false).words, 3);
        assert_eq!(counts(b"a\x01b c", false).words, 2);
        assert_eq!(counts(b"a\x01b c", true).words, 2);
    }

    #[test]
    fn line_length() {
        assert_eq!(counts(b"ab\tc\rxy\x0cz\n", true).max_len, 9);
        assert_eq!(counts(b"\x01x\n", true).max_len, 1);
        assert_eq!(counts(b"ab", true).max_len, 2);
    }
}
