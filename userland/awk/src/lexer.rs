//! The awk tokenizer. Whether `/` starts a regex or divides depends on
//! the grammar, so the parser asks for a regex ([`Lexer::regex`]) when it
//! expects an operand and sees `/` or `/=`.

use super::ast::Builtin;
use super::source::Diag;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Newline,
    Eof,
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    Not,
    Gt,
    Lt,
    Pipe,
    Question,
    Colon,
    Tilde,
    NoMatch,
    Dollar,
    Assign,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    ModAssign,
    PowAssign,
    Eq,
    Le,
    Ge,
    Ne,
    Incr,
    Decr,
    And,
    Or,
    Append,
    Number(f64),
    Str(Vec<u8>),
    Name(String),
    /// A name directly followed by `(`: a user function call.
    FuncName(String),
    Builtin(Builtin),
    Begin,
    End,
    BeginFile,
    EndFile,
    Function,
    If,
    Else,
    While,
    For,
    Do,
    Break,
    Continue,
    Next,
    Nextfile,
    Exit,
    Return,
    Delete,
    In,
    Getline,
    Print,
    Printf,
}

#[derive(Clone)]
pub struct Lexer<'a> {
    src: &'a [u8],
    /// Where the last token starts (a byte offset into the program text).
    pub start: usize,
    pub pos: usize,
    /// After a token that makes a following newline insignificant.
    skip_newlines: bool,
    /// Escapes gawk warns about, as they are met.
    pub warnings: Vec<Diag>,
}

/// A lexical error, with where it is.
pub type LexError = Diag;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer {
            src,
            start: 0,
            pos: 0,
            skip_newlines: false,
            warnings: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.src.get(self.pos + k).copied()
    }

    /// Skip blanks, comments and escaped newlines (and newlines after a
    /// token that continues onto the next line).
    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\\' if self.peek_at(1) == Some(b'\n') => self.pos += 2,
                b'\\' if self.peek_at(1) == Some(b'\r') && self.peek_at(2) == Some(b'\n') => self.pos += 3,
                b'#' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'\n' if self.skip_newlines => self.pos += 1,
                _ => break,
            }
        }
    }

    pub fn next(&mut self) -> Result<Tok, LexError> {
        self.skip_space();
        self.start = self.pos;
        let tok = self.scan()?;
        self.skip_newlines = matches!(tok, Tok::LBrace | Tok::And | Tok::Or | Tok::Comma | Tok::Do | Tok::Else);
        Ok(tok)
    }

    fn scan(&mut self) -> Result<Tok, LexError> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(Tok::Eof);
        };
        self.pos += 1;
        let two = |l: &mut Lexer, next: u8, yes: Tok, no: Tok| {
            if l.peek() == Some(next) {
                l.pos += 1;
                yes
            } else {
                no
            }
        };
        let tok = match c {
            b'\n' => Tok::Newline,
            b'{' => Tok::LBrace,
            b'}' => Tok::RBrace,
            b'(' => Tok::LParen,
            b')' => Tok::RParen,
            b'[' => Tok::LBracket,
            b']' => Tok::RBracket,
            b';' => Tok::Semi,
            b',' => Tok::Comma,
            b'+' => match self.peek() {
                Some(b'+') => {
                    self.pos += 1;
                    Tok::Incr
                }
                Some(b'=') => {
                    self.pos += 1;
                    Tok::AddAssign
                }
                _ => Tok::Plus,
            },
            b'-' => match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    Tok::Decr
                }
                Some(b'=') => {
                    self.pos += 1;
                    Tok::SubAssign
                }
                _ => Tok::Minus,
            },
            // `**` and `**=` are gawk's spellings of `^` and `^=`.
            b'*' if self.peek() == Some(b'*') => {
                self.pos += 1;
                two(self, b'=', Tok::PowAssign, Tok::Caret)
            }
            b'*' => two(self, b'=', Tok::MulAssign, Tok::Star),
            b'/' => two(self, b'=', Tok::DivAssign, Tok::Slash),
            b'%' => two(self, b'=', Tok::ModAssign, Tok::Percent),
            b'^' => two(self, b'=', Tok::PowAssign, Tok::Caret),
            b'!' => match self.peek() {
                Some(b'=') => {
                    self.pos += 1;
                    Tok::Ne
                }
                Some(b'~') => {
                    self.pos += 1;
                    Tok::NoMatch
                }
                _ => Tok::Not,
            },
            b'>' => match self.peek() {
                Some(b'=') => {
                    self.pos += 1;
                    Tok::Ge
                }
                Some(b'>') => {
                    self.pos += 1;
                    Tok::Append
                }
                _ => Tok::Gt,
            },
            b'<' => two(self, b'=', Tok::Le, Tok::Lt),
            b'=' => two(self, b'=', Tok::Eq, Tok::Assign),
            b'|' => two(self, b'|', Tok::Or, Tok::Pipe),
            b'&' if self.peek() == Some(b'&') => {
                self.pos += 1;
                Tok::And
            }
            b'&' => return Err(Diag::syntax(start, "syntax error")),
            b'?' => Tok::Question,
            b':' => Tok::Colon,
            b'~' => Tok::Tilde,
            b'$' => Tok::Dollar,
            b'"' => return self.string(start),
            b'0'..=b'9' | b'.' => {
                if c == b'.' && !self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(Diag::syntax(start, "syntax error"));
                }
                self.pos = start;
                self.number()
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while self.peek().is_some_and(|d| d.is_ascii_alphanumeric() || d == b'_') {
                    self.pos += 1;
                }
                let word = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                return Ok(self.word(word));
            }
            _ => return Err(Diag::syntax(start, "syntax error")),
        };
        Ok(tok)
    }

    fn word(&mut self, word: String) -> Tok {
        match word.as_str() {
            "BEGIN" => Tok::Begin,
            "END" => Tok::End,
            "BEGINFILE" => Tok::BeginFile,
            "ENDFILE" => Tok::EndFile,
            "function" | "func" => Tok::Function,
            "if" => Tok::If,
            "else" => Tok::Else,
            "while" => Tok::While,
            "for" => Tok::For,
            "do" => Tok::Do,
            "break" => Tok::Break,
            "continue" => Tok::Continue,
            "next" => Tok::Next,
            "nextfile" => Tok::Nextfile,
            "exit" => Tok::Exit,
            "return" => Tok::Return,
            "delete" => Tok::Delete,
            "in" => Tok::In,
            "getline" => Tok::Getline,
            "print" => Tok::Print,
            "printf" => Tok::Printf,
            _ => match Builtin::from_name(&word) {
                Some(b) => Tok::Builtin(b),
                None if self.peek() == Some(b'(') => Tok::FuncName(word),
                None => Tok::Name(word),
            },
        }
    }

    fn number(&mut self) -> Tok {
        let start = self.pos;
        let s = self.src;
        let mut j = self.pos;
        // gawk reads hex (`0x1A`) and octal (`011`) constants in programs
        // (not in input data).
        if s.get(j) == Some(&b'0')
            && matches!(s.get(j + 1), Some(b'x' | b'X'))
            && s.get(j + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            j += 2;
            let mut v = 0.0;
            while let Some(d) = s.get(j).and_then(|&d| (d as char).to_digit(16)) {
                v = v * 16.0 + d as f64;
                j += 1;
            }
            self.pos = j;
            return Tok::Number(v);
        }
        if s.get(j) == Some(&b'0') {
            let mut k = j + 1;
            while s.get(k).is_some_and(|d| (b'0'..=b'7').contains(d)) {
                k += 1;
            }
            let octal = k > j + 1 && !matches!(s.get(k), Some(b'8' | b'9' | b'.' | b'e' | b'E'));
            if octal {
                let v = s[j + 1..k].iter().fold(0.0, |v, d| v * 8.0 + f64::from(d - b'0'));
                self.pos = k;
                return Tok::Number(v);
            }
        }
        while s.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if s.get(j) == Some(&b'.') {
            j += 1;
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        }
        if matches!(s.get(j), Some(b'e' | b'E')) {
            let mut k = j + 1;
            if matches!(s.get(k), Some(b'+' | b'-')) {
                k += 1;
            }
            if s.get(k).is_some_and(u8::is_ascii_digit) {
                while s.get(k).is_some_and(u8::is_ascii_digit) {
                    k += 1;
                }
                j = k;
            }
        }
        self.pos = j;
        Tok::Number(String::from_utf8_lossy(&s[start..j]).parse().unwrap_or(0.0))
    }

    fn string(&mut self, start: usize) -> Result<Tok, LexError> {
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(Diag::syntax(start, "unterminated string"));
            };
            self.pos += 1;
            match c {
                b'"' => break,
                b'\n' => return Err(Diag::syntax(start, "unterminated string")),
                b'\\' => match self.peek() {
                    Some(b'\n') => self.pos += 1,
                    Some(_) => {
                        let at = self.pos - 1;
                        let e = unescape(&self.src[self.pos..]);
                        if let Some(w) = e.warning {
                            self.warnings.push(Diag::warning(at, w));
                        }
                        out.extend_from_slice(&e.bytes);
                        self.pos += e.used;
                    }
                    None => out.push(b'\\'),
                },
                _ => out.push(c),
            }
        }
        Ok(Tok::Str(out))
    }

    /// Read a regex literal: the parser saw `/` (or `/=`) where an operand
    /// belongs. `after_slash_eq` says the token was `/=`.
    pub fn regex(&mut self, after_slash_eq: bool) -> Result<Vec<u8>, LexError> {
        let start = self.pos - if after_slash_eq { 2 } else { 1 };
        if after_slash_eq {
            self.pos -= 1;
        }
        let mut out = Vec::new();
        let mut in_bracket = false;
        let unterminated = || Diag::syntax(start + 1, "unterminated regexp");
        loop {
            let Some(c) = self.peek() else {
                return Err(unterminated());
            };
            self.pos += 1;
            match c {
                b'\n' => return Err(unterminated()),
                b'/' if !in_bracket => break,
                b'\\' => match self.peek() {
                    Some(b'/') => {
                        out.push(b'/');
                        self.pos += 1;
                    }
                    Some(b'\n') => self.pos += 1,
                    Some(d) => {
                        out.push(b'\\');
                        out.push(d);
                        self.pos += 1;
                    }
                    None => out.push(b'\\'),
                },
                b'[' if !in_bracket => {
                    in_bracket = true;
                    out.push(c);
                    // `[]...]` and `[^]...]`: the first `]` is literal.
                    if self.peek() == Some(b'^') {
                        out.push(b'^');
                        self.pos += 1;
                    }
                    if self.peek() == Some(b']') {
                        out.push(b']');
                        self.pos += 1;
                    }
                }
                b'[' if in_bracket && matches!(self.peek(), Some(b':' | b'.' | b'=')) => {
                    // A class name inside brackets: copy through its `:]`.
                    let kind = self.peek().unwrap_or(b':');
                    out.push(c);
                    while let Some(d) = self.peek() {
                        if d == b'\n' {
                            break;
                        }
                        out.push(d);
                        self.pos += 1;
                        if d == b']' && out.len() >= 2 && out[out.len() - 2] == kind && out.len() > 3 {
                            break;
                        }
                    }
                }
                b']' if in_bracket => {
                    in_bracket = false;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        self.start = start;
        self.skip_newlines = false;
        Ok(out)
    }
}

/// One escape after a backslash: the bytes it stands for, how many bytes
/// after the backslash it used, and what gawk warns about it.
pub struct Escape {
    pub bytes: Vec<u8>,
    pub used: usize,
    pub warning: Option<String>,
}

/// gawk's escapes: C's, octal of up to three digits, hex of up to two;
/// any other character stands for itself, with a warning.
pub fn unescape(s: &[u8]) -> Escape {
    let plain = |bytes: Vec<u8>, used: usize| Escape {
        bytes,
        used,
        warning: None,
    };
    let Some(&c) = s.first() else {
        return plain(Vec::new(), 0);
    };
    let simple = match c {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        _ => None,
    };
    if let Some(b) = simple {
        return plain(vec![b], 1);
    }
    if (b'0'..=b'7').contains(&c) {
        let mut v: u32 = 0;
        let mut k = 0;
        while k < 3 && s.get(k).is_some_and(|d| (b'0'..=b'7').contains(d)) {
            v = v * 8 + (s[k] - b'0') as u32;
            k += 1;
        }
        return plain(vec![v as u8], k);
    }
    if c == b'x' {
        let mut v: u32 = 0;
        let mut k = 1;
        while k < 3 && s.get(k).is_some_and(u8::is_ascii_hexdigit) {
            v = v * 16 + (s[k] as char).to_digit(16).unwrap_or(0);
            k += 1;
        }
        if k == 1 {
            return Escape {
                bytes: vec![b'x'],
                used: 1,
                warning: Some("no hex digits in `\\x' escape sequence".into()),
            };
        }
        return plain(vec![v as u8], k);
    }
    let ch = char::from(c);
    Escape {
        bytes: vec![c],
        used: 1,
        warning: Some(format!("escape sequence `\\{ch}' treated as plain `{ch}'")),
    }
}

/// Process escapes in a command-line assignment's value (`-v x='a\tb'`),
/// with the warnings gawk gives.
pub fn unescape_all(s: &[u8], warnings: &mut Vec<String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' {
            let e = unescape(&s[i + 1..]);
            out.extend_from_slice(&e.bytes);
            warnings.extend(e.warning);
            i += 1 + e.used;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        let mut l = Lexer::new(src.as_bytes());
        let mut v = Vec::new();
        loop {
            let t = l.next().unwrap();
            if t == Tok::Eof {
                return v;
            }
            v.push(t);
        }
    }

    #[test]
    fn tokens() {
        assert_eq!(
            toks("x+=1.5e2 # c\n"),
            [Tok::Name("x".into()), Tok::AddAssign, Tok::Number(150.0), Tok::Newline]
        );
        assert_eq!(
            toks("a &&\n b"),
            [Tok::Name("a".into()), Tok::And, Tok::Name("b".into())]
        );
        assert_eq!(toks("f(x) f (x)")[0], Tok::FuncName("f".into()));
        assert_eq!(toks("f (x)")[0], Tok::Name("f".into()));
        assert_eq!(toks(r#""a\tb\"\101\q\x41\x414""#), [Tok::Str(b"a\tb\"AqAA4".to_vec())]);
        assert_eq!(
            toks("011 0x1A 08 1.5e 2**3"),
            [
                Tok::Number(9.0),
                Tok::Number(26.0),
                Tok::Number(8.0),
                Tok::Number(1.5),
                Tok::Name("e".into()),
                Tok::Number(2.0),
                Tok::Caret,
                Tok::Number(3.0)
            ]
        );
        assert_eq!(
            toks("a !~ b >> c"),
            [
                Tok::Name("a".into()),
                Tok::NoMatch,
                Tok::Name("b".into()),
                Tok::Append,
                Tok::Name("c".into())
            ]
        );
    }

    #[test]
    fn regexes() {
        let mut l = Lexer::new(b"/a\\/b[/]c/ x");
        assert_eq!(l.next().unwrap(), Tok::Slash);
        assert_eq!(l.regex(false).unwrap(), b"a/b[/]c");
        assert_eq!(l.next().unwrap(), Tok::Name("x".into()));
        let mut l = Lexer::new(b"/=x/");
        assert_eq!(l.next().unwrap(), Tok::DivAssign);
        assert_eq!(l.regex(true).unwrap(), b"=x");
        let mut l = Lexer::new(b"x=/abc");
        l.next().unwrap();
        l.next().unwrap();
        l.next().unwrap();
        assert_eq!(l.regex(false).unwrap_err(), Diag::syntax(3, "unterminated regexp"));
    }

    #[test]
    fn escapes() {
        let mut w = Vec::new();
        assert_eq!(unescape_all(b"a\\tb\\\\c\\/\\", &mut w), b"a\tb\\c/");
        assert_eq!(w, ["escape sequence `\\/' treated as plain `/'"]);
    }
}
