//! Where jq's text comes from: the input stream (files and stdin, read
//! through the task, with jq's idea of "the current line") and the
//! program (rewritten for jaq, with jq's compile-error messages).

use std::collections::VecDeque;
use std::sync::mpsc::Receiver;

use jaq_core::load::lex::{StrPart, Tok, Token};
use jaq_core::load::{self, Lexer};
use jaq_json::{Rc, Val};

use super::engine::{Down, Io};
use super::json::{self, Parser, Step};

/// jq reads its input with `fgets` into a 4 KiB buffer and counts a line
/// each time a read ends with a newline; error positions use that count.
const FGETS: u64 = 4095;

pub struct Reader {
    down: Receiver<Down>,
    raw: bool,
    parser: Parser,
    buf: Vec<u8>,
    pos: usize,
    /// Offset in the current file of `buf[0]`.
    buf_off: u64,
    /// The current file (`<stdin>` for standard input); none before the first.
    file: Option<String>,
    /// Newlines consumed in the current file, and where the last one was.
    lines: u64,
    last_nl: Option<u64>,
    /// Offset of the last byte consumed.
    last_byte: Option<u64>,
    pending: VecDeque<Down>,
    ended: bool,
    finished: bool,
    /// A file could not be opened: jq stops after the current value.
    pub input_errors: bool,
    raw_line: Vec<u8>,
}

enum Got {
    More,
    End,
}

impl Reader {
    pub fn new(down: Receiver<Down>, raw: bool) -> Reader {
        Reader {
            down,
            raw,
            parser: Parser::new(),
            buf: Vec::new(),
            pos: 0,
            buf_off: 0,
            file: None,
            lines: 0,
            last_nl: None,
            last_byte: None,
            pending: VecDeque::new(),
            ended: false,
            finished: false,
            input_errors: false,
            raw_line: Vec::new(),
        }
    }

    fn message(&mut self, io: &Io) -> Down {
        match self.pending.pop_front() {
            Some(m) => m,
            None => io.need_input(&self.down),
        }
    }

    /// Get more input into `buf`; `End` when there is none.
    fn fetch(&mut self, io: &Io) -> Got {
        loop {
            match self.message(io) {
                Down::Data(d) => {
                    self.buf_off += self.buf.len() as u64;
                    self.buf = d;
                    self.pos = 0;
                    return Got::More;
                }
                Down::Start(name) => {
                    self.file = Some(name);
                    self.buf_off = 0;
                    self.buf.clear();
                    self.pos = 0;
                    self.lines = 0;
                    self.last_nl = None;
                    self.last_byte = None;
                }
                Down::OpenFailed => self.input_errors = true,
                Down::End => {
                    self.ended = true;
                    return Got::End;
                }
            }
        }
    }

    /// Note that `buf[start..end]` was consumed.
    fn consumed(&mut self, start: usize, end: usize) {
        if end == start {
            return;
        }
        let part = &self.buf[start..end];
        if let Some(i) = memchr::memrchr(b'\n', part) {
            self.lines += memchr::memchr_iter(b'\n', part).count() as u64;
            self.last_nl = Some(self.buf_off + (start + i) as u64);
        }
        self.last_byte = Some(self.buf_off + end as u64 - 1);
    }

    /// The next input value, or a parse error; `None` at the end.
    pub fn next(&mut self, io: &Io) -> Option<Result<Val, String>> {
        if self.raw {
            return self.next_line(io).map(Ok);
        }
        loop {
            if self.finished {
                return None;
            }
            if self.ended {
                self.finished = true;
                return self.parser.finish();
            }
            if self.pos < self.buf.len() {
                let start = self.pos;
                let step = self.parser.feed(&self.buf, &mut self.pos);
                self.consumed(start, self.pos);
                match step {
                    Step::Value(v) => return Some(Ok(v)),
                    Step::Error(e) => {
                        self.finished = true;
                        return Some(Err(e));
                    }
                    Step::More => {}
                }
            }
            if let Got::End = self.fetch(io) {
                continue;
            }
        }
    }

    fn next_line(&mut self, io: &Io) -> Option<Val> {
        loop {
            if self.pos < self.buf.len() {
                let rest = &self.buf[self.pos..];
                let start = self.pos;
                match memchr::memchr(b'\n', rest) {
                    Some(i) => {
                        self.raw_line.extend_from_slice(&rest[..i]);
                        self.pos += i + 1;
                        self.consumed(start, self.pos);
                        let line = std::mem::take(&mut self.raw_line);
                        return Some(Val::utf8_str(json::utf8_lossy(line)));
                    }
                    None => {
                        self.raw_line.extend_from_slice(rest);
                        self.pos = self.buf.len();
                        self.consumed(start, self.pos);
                    }
                }
            }
            if self.ended {
                if self.raw_line.is_empty() {
                    return None;
                }
                let line = std::mem::take(&mut self.raw_line);
                return Some(Val::utf8_str(json::utf8_lossy(line)));
            }
            self.fetch(io);
        }
    }

    /// `-s`: every input value in one array (`-R`: all the text in one string).
    pub fn slurp(&mut self, io: &Io) -> Result<Val, String> {
        if self.raw {
            let mut all = Vec::new();
            loop {
                let start = self.pos;
                all.extend_from_slice(&self.buf[self.pos..]);
                self.pos = self.buf.len();
                self.consumed(start, self.pos);
                if self.ended {
                    break;
                }
                self.fetch(io);
            }
            return Ok(Val::utf8_str(json::utf8_lossy(all)));
        }
        let mut vals = Vec::new();
        while let Some(v) = self.next(io) {
            vals.push(v?);
        }
        Ok(Val::Arr(Rc::new(vals)))
    }

    /// jq's current line: the newlines of every `fgets` read so far, where
    /// the read holding the last byte consumed runs on to its newline.
    pub fn line(&mut self, io: &Io) -> u64 {
        let Some(q) = self.last_byte else {
            return self.lines;
        };
        if self.last_nl == Some(q) {
            return self.lines;
        }
        let line_start = self.last_nl.map_or(0, |n| n + 1);
        let piece_start = line_start + (q - line_start) / FGETS * FGETS;
        let limit = piece_start + FGETS;
        let mut from = q + 1;
        loop {
            let end = (self.buf_off + self.buf.len() as u64).min(limit);
            if from < end {
                let slice = &self.buf[(from - self.buf_off) as usize..(end - self.buf_off) as usize];
                if memchr::memchr(b'\n', slice).is_some() {
                    return self.lines + 1;
                }
                from = end;
            }
            if end >= limit || self.ended || !self.pending.is_empty() {
                return self.lines;
            }
            match io.need_input(&self.down) {
                Down::Data(d) => self.buf.extend_from_slice(&d),
                other => {
                    self.pending.push_back(other);
                    return self.lines;
                }
            }
        }
    }

    /// `file:line` for error messages, `<unknown>` before any input.
    pub fn position(&mut self, io: &Io) -> String {
        match self.file.clone() {
            Some(name) => format!("{name}:{}", self.line(io)),
            None => "<unknown>".into(),
        }
    }

    pub fn filename(&self) -> Option<&str> {
        self.file.as_deref()
    }
}

/// Rewrite a program for jaq: interpolated strings without a format get
/// `@text` (so `"\(1.0)"` prints numbers as jq does), and `$__loc__`
/// becomes the object jq gives it. Answers the new text and, for mapping
/// positions back, where text was inserted and how much.
pub fn rewrite(code: &str) -> (String, Vec<(usize, isize)>) {
    let Ok(tokens) = Lexer::new(code).lex() else {
        return (code.to_string(), Vec::new());
    };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    collect_edits(code, &tokens, &mut edits);
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(code.len() + edits.len() * 6);
    let mut shifts = Vec::new();
    let mut at = 0;
    for (start, len, text) in edits {
        out.push_str(&code[at..start]);
        out.push_str(&text);
        shifts.push((start, text.len() as isize - len as isize));
        at = start + len;
    }
    out.push_str(&code[at..]);
    (out, shifts)
}

fn collect_edits(code: &str, tokens: &[Token<&str>], edits: &mut Vec<(usize, usize, String)>) {
    let mut prev_fmt = false;
    for Token(s, tok) in tokens {
        let start = load::span(code, s).start;
        match tok {
            Tok::Str(parts) => {
                let interpolated = parts.iter().any(|p| matches!(p, StrPart::Term(_)));
                if interpolated && !prev_fmt {
                    edits.push((start, 0, "@text ".into()));
                }
                for p in parts {
                    if let StrPart::Term(Token(_, Tok::Block(inner))) = p {
                        collect_edits(code, inner, edits);
                    }
                }
            }
            Tok::Block(inner) => collect_edits(code, inner, edits),
            Tok::Var if *s == "$__loc__" => {
                let line = code[..start].matches('\n').count() + 1;
                edits.push((start, s.len(), format!("{{\"file\":\"<top-level>\",\"line\":{line}}}")));
            }
            _ => {}
        }
        prev_fmt = matches!(tok, Tok::Fmt);
    }
}

/// An offset in the rewritten text as an offset in the original.
fn original_offset(shifts: &[(usize, isize)], rewritten: usize) -> usize {
    let mut off = rewritten as isize;
    let mut acc = 0isize;
    for &(start, delta) in shifts {
        if (start as isize + acc) < rewritten as isize {
            acc += delta;
        }
    }
    off -= acc;
    off.max(0) as usize
}

/// jq's location suffix: ` at <top-level>, line N:\n` the line, padded
/// with spaces up to the error's column (as jq 1.6 prints it).
fn locate(program: &str, offset: usize) -> String {
    let offset = offset.min(program.len());
    let line_no = program[..offset].matches('\n').count() + 1;
    let line_start = program[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = program[offset..].find('\n').map_or(program.len(), |i| offset + i);
    let col = offset - line_start;
    format!(
        " at <top-level>, line {line_no}:\n{}{}",
        &program[line_start..line_end],
        " ".repeat(col)
    )
}

fn errors_text(errs: Vec<String>) -> Vec<u8> {
    let n = errs.len();
    let mut out = String::new();
    for e in errs {
        out.push_str(&e);
        out.push('\n');
    }
    out.push_str(&format!("jq: {n} compile error{}\n", if n == 1 { "" } else { "s" }));
    out.into_bytes()
}

/// Where a slice of the rewritten code starts, in the original program.
fn at(code: &str, shifts: &[(usize, isize)], part: &str) -> usize {
    original_offset(shifts, load::span(code, part).start)
}

/// A token as bison names it in jq's syntax errors.
fn token_name(found: &str) -> String {
    let Some(c) = found.chars().next() else {
        return "$end".into();
    };
    match c {
        'a'..='z' | 'A'..='Z' | '_' => {
            let word: String = found.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            const KEYWORDS: [&str; 19] = [
                "def", "if", "then", "elif", "else", "end", "as", "reduce", "foreach", "try", "catch", "label",
                "import", "include", "and", "or", "not", "__loc__", "module",
            ];
            if KEYWORDS.contains(&word.as_str()) {
                word
            } else {
                "IDENT".into()
            }
        }
        '0'..='9' => "LITERAL".into(),
        '"' => "QQSTRING_START".into(),
        '@' => "FORMAT".into(),
        '$' => "'$'".into(),
        '.' if found.len() > 1 && found[1..].starts_with(|c: char| c.is_alphabetic() || c == '_') => "FIELD".into(),
        c if "|,;:()[]{}+-*/%=<>!?.".contains(c) => {
            let two: String = found.chars().take(2).collect();
            const OPS: [&str; 9] = ["==", "!=", "<=", ">=", "|=", "+=", "-=", "//", ".."];
            if OPS.contains(&two.as_str()) {
                format!("\"{two}\"")
            } else {
                format!("'{c}'")
            }
        }
        _ => "INVALID_CHARACTER".into(),
    }
}

pub fn load_errors(program: &str, code: &str, shifts: &[(usize, isize)], errs: load::Errors<&str, ()>) -> Vec<u8> {
    let mut out = Vec::new();
    for (_file, err) in errs {
        let founds: Vec<&str> = match err {
            load::Error::Io(es) => {
                for (path, e) in es {
                    out.push(format!(
                        "jq: error: {e} ({path}){}",
                        locate(program, at(code, shifts, path))
                    ));
                }
                continue;
            }
            load::Error::Lex(es) => es.into_iter().map(|(_, found)| found).collect(),
            load::Error::Parse(es) => es.into_iter().map(|(_, found)| found).collect(),
        };
        if let Some(found) = founds.into_iter().next() {
            let offset = at(code, shifts, found);
            let offset = if found.is_empty() {
                last_token_start(program)
            } else {
                offset
            };
            out.push(format!(
                "jq: error: syntax error, unexpected {} (Unix shell quoting issues?){}",
                token_name(found),
                locate(program, offset)
            ));
        }
    }
    errors_text(out)
}

/// Where bison puts `$end`: at the start of the last token.
fn last_token_start(program: &str) -> usize {
    let trimmed = program.trim_end();
    let bytes = trimmed.as_bytes();
    let Some(&last) = bytes.last() else { return 0 };
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.';
    let mut i = bytes.len() - 1;
    if word(last) {
        while i > 0 && word(bytes[i - 1]) {
            i -= 1;
        }
    }
    i
}

pub fn compile_errors(
    program: &str,
    code: &str,
    shifts: &[(usize, isize)],
    errs: jaq_core::compile::Errors<&str, ()>,
) -> Vec<u8> {
    use jaq_core::compile::Undefined;
    let mut out = Vec::new();
    for (_file, es) in errs {
        for (name, undefined) in es {
            let what = match undefined {
                Undefined::Filter(arity) => format!("{name}/{arity}"),
                Undefined::Label => format!("$*label-{}", name.trim_start_matches('$')),
                _ => name.to_string(),
            };
            out.push(format!(
                "jq: error: {what} is not defined{}",
                locate(program, at(code, shifts, name))
            ));
        }
    }
    errors_text(out)
}

/// How deeply the program's brackets nest (`(`, `[`, `{` and string
/// interpolations), and how many operators and keywords it has (each can
/// make a level of the tree jaq builds: `1+1+...`, `if if ...`): measured
/// before jaq's lexer, parser and compiler recurse on them.
pub fn nesting(code: &str) -> (usize, usize) {
    let b = code.as_bytes();
    // The open brackets; `i` marks an interpolation inside a string.
    let mut open: Vec<u8> = Vec::new();
    let (mut max, mut ops, mut in_str, mut i) = (0, 0, false, 0);
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' if b.get(i + 1) == Some(&b'(') => {
                    open.push(b'i');
                    max = max.max(open.len());
                    in_str = false;
                    i += 1;
                }
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'#' => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'(' | b'[' | b'{' => {
                    open.push(c);
                    max = max.max(open.len());
                }
                b')' | b']' | b'}' => in_str = open.pop() == Some(b'i'),
                b'|' | b',' | b'+' | b'-' | b'*' | b'/' | b'%' | b'=' | b'<' | b'>' | b'?' | b';' => ops += 1,
                c if c.is_ascii_alphabetic() || c == b'_' => {
                    let start = i;
                    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                        i += 1;
                    }
                    if let b"if" | b"elif" | b"try" | b"reduce" | b"foreach" | b"def" | b"and" | b"or" | b"as"
                    | b"label" = &b[start..i]
                    {
                        ops += 1;
                    }
                    continue;
                }
                _ => {}
            }
        }
        i += 1;
    }
    (max, ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_interpolation_and_loc() {
        assert_eq!(rewrite(r#""a\(1)""#).0, r#"@text "a\(1)""#);
        assert_eq!(rewrite(r#"@json "a\(1)""#).0, r#"@json "a\(1)""#);
        assert_eq!(rewrite(r#""plain""#).0, r#""plain""#);
        assert_eq!(rewrite(r#"[ "\("\(2)")" ]"#).0, r#"[ @text "\(@text "\(2)")" ]"#);
        assert_eq!(rewrite("1 |\n$__loc__").0, "1 |\n{\"file\":\"<top-level>\",\"line\":2}");
        let (code, shifts) = rewrite(r#""\(1)" | foo"#);
        let foo = code.find("foo").unwrap();
        assert_eq!(original_offset(&shifts, foo), 9);
    }

    #[test]
    fn locations_pad_as_jq() {
        assert_eq!(locate("f(1) | g", 7), " at <top-level>, line 1:\nf(1) | g       ");
        assert_eq!(locate(".a\n| foo\n| .b", 5), " at <top-level>, line 2:\n| foo  ");
        assert_eq!(last_token_start(".a |"), 3);
        assert_eq!(last_token_start("[1,2"), 3);
        assert_eq!(last_token_start("if 1 then 2"), 10);
    }

    #[test]
    fn nesting_counts_brackets_and_operators() {
        assert_eq!(super::nesting("[[1]]"), (2, 0));
        assert_eq!(super::nesting("\"((((\" # (((("), (0, 0));
        assert_eq!(super::nesting("\"\\(\"\\(1)\")\""), (2, 0));
        assert_eq!(super::nesting("1 + 2 | if . then 1 else 2 end"), (0, 3));
    }
}
