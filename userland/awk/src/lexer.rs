//! The awk tokenizer. Whether `/` starts a regex or divides depends on
//! the grammar, so the parser asks for a regex ([`Lexer::regex`]) when it
//! expects an operand and sees `/` or `/=`.

use super::ast::Builtin;

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

impl Tok {
    /// How mawk names a token in "syntax error at or near X".
    pub fn describe(&self, text: &str) -> String {
        match self {
            Tok::Newline => "end of line".into(),
            Tok::Eof => "end of file".into(),
            Tok::Str(_) => "string".into(),
            _ => text.to_string(),
        }
    }
}

#[derive(Clone)]
pub struct Lexer<'a> {
    src: &'a [u8],
    /// The line the last token started on.
    pub tok_line: usize,
    pub pos: usize,
    pub line: usize,
    /// The source text of the last token.
    pub text: String,
    /// After a token that makes a following newline insignificant.
    skip_newlines: bool,
}

/// A lexical error: mawk's message.
pub type LexError = String;

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            tok_line: 1,
            line: 1,
            text: String::new(),
            skip_newlines: false,
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
                b'\\' if self.peek_at(1) == Some(b'\n') => {
                    self.pos += 2;
                    self.line += 1;
                }
                b'\\' if self.peek_at(1) == Some(b'\r') && self.peek_at(2) == Some(b'\n') => {
                    self.pos += 3;
                    self.line += 1;
                }
                b'#' => {
                    while let Some(c) = self.peek() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'\n' if self.skip_newlines => {
                    self.pos += 1;
                    self.line += 1;
                }
                _ => break,
            }
        }
    }

    pub fn next(&mut self) -> Result<Tok, LexError> {
        self.skip_space();
        self.tok_line = self.line;
        let tok = self.scan()?;
        if tok == Tok::Eof {
            // mawk counts one line past the end.
            self.tok_line = self.line + 1;
        }
        self.skip_newlines = matches!(tok, Tok::LBrace | Tok::And | Tok::Or | Tok::Comma | Tok::Do | Tok::Else);
        Ok(tok)
    }

    fn scan(&mut self) -> Result<Tok, LexError> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            self.text.clear();
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
            b'\n' => {
                self.line += 1;
                Tok::Newline
            }
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
            b'&' => {
                if self.peek() == Some(b'&') {
                    self.pos += 1;
                    Tok::And
                } else {
                    return Err(format!("{}: unexpected character '&'", self.line));
                }
            }
            b'?' => Tok::Question,
            b':' => Tok::Colon,
            b'~' => Tok::Tilde,
            b'$' => Tok::Dollar,
            b'"' => return self.string(start),
            b'0'..=b'9' | b'.' => {
                if c == b'.' && !self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(format!("{}: unexpected character '.'", self.line));
                }
                self.pos = start;
                self.number()
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while self.peek().is_some_and(|d| d.is_ascii_alphanumeric() || d == b'_') {
                    self.pos += 1;
                }
                let word = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
                self.text = word.clone();
                return Ok(self.word(word));
            }
            _ => {
                let shown = if c.is_ascii_graphic() {
                    format!("'{}'", c as char)
                } else {
                    format!("0x{c:02x}")
                };
                return Err(format!("{}: unexpected character {shown}", self.line));
            }
        };
        self.text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        Ok(tok)
    }

    fn word(&mut self, word: String) -> Tok {
        match word.as_str() {
            "BEGIN" => Tok::Begin,
            "END" => Tok::End,
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
        // Hex constants (mawk reads them, as C's strtod does).
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
            self.text = String::from_utf8_lossy(&s[start..j]).into_owned();
            return Tok::Number(v);
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
        self.text = String::from_utf8_lossy(&s[start..j]).into_owned();
        Tok::Number(self.text.parse().unwrap_or(0.0))
    }

    fn string(&mut self, start: usize) -> Result<Tok, LexError> {
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.runaway("string constant", start));
            };
            self.pos += 1;
            match c {
                b'"' => break,
                b'\n' => return Err(self.runaway("string constant", start)),
                b'\\' => match self.peek() {
                    Some(b'\n') => {
                        self.pos += 1;
                        self.line += 1;
                    }
                    Some(_) => {
                        let (bytes, used) = unescape(&self.src[self.pos..]);
                        out.extend_from_slice(&bytes);
                        self.pos += used;
                    }
                    None => out.push(b'\\'),
                },
                _ => out.push(c),
            }
        }
        self.text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        Ok(Tok::Str(out))
    }

    /// mawk: `runaway string constant "abc } ...`
    fn runaway(&self, what: &str, start: usize) -> LexError {
        let end = self.src[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.src.len(), |k| start + k);
        let shown: Vec<u8> = self.src[start..end].iter().copied().take(10).collect();
        format!(
            "line {}: runaway {what} {} ...",
            self.line,
            String::from_utf8_lossy(&shown)
        )
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
        loop {
            let Some(c) = self.peek() else {
                return Err(self.runaway("regular expression", start));
            };
            self.pos += 1;
            match c {
                b'\n' => return Err(self.runaway("regular expression", start)),
                b'/' if !in_bracket => break,
                b'\\' => match self.peek() {
                    Some(b'/') => {
                        out.push(b'/');
                        self.pos += 1;
                    }
                    Some(b'\n') => {
                        self.pos += 1;
                        self.line += 1;
                    }
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
        self.text = String::from_utf8_lossy(&self.src[start..self.pos]).into_owned();
        self.skip_newlines = false;
        Ok(out)
    }
}

/// One escape after a backslash in a string: the bytes it stands for and
/// how many source bytes it used. Unknown escapes keep their backslash,
/// as mawk does (`"\q"` is `\q`).
pub fn unescape(s: &[u8]) -> (Vec<u8>, usize) {
    let Some(&c) = s.first() else {
        return (vec![b'\\'], 0);
    };
    let simple = match c {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        b'/' => return (vec![b'\\', b'/'], 1),
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
        return (vec![b], 1);
    }
    if (b'0'..=b'7').contains(&c) {
        let mut v: u32 = 0;
        let mut k = 0;
        while k < 3 && s.get(k).is_some_and(|d| (b'0'..=b'7').contains(d)) {
            v = v * 8 + (s[k] - b'0') as u32;
            k += 1;
        }
        return (vec![v as u8], k);
    }
    if c == b'x' && s.get(1).is_some_and(u8::is_ascii_hexdigit) {
        let mut v: u32 = 0;
        let mut k = 1;
        while k < 3 && s.get(k).is_some_and(u8::is_ascii_hexdigit) {
            v = v * 16 + (s[k] as char).to_digit(16).unwrap_or(0);
            k += 1;
        }
        return (vec![v as u8], k);
    }
    (vec![b'\\', c], 1)
}

/// Process escapes in a command-line assignment's value (`-v x='a\tb'`).
pub fn unescape_all(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\\' && i + 1 < s.len() {
            let (b, used) = unescape(&s[i + 1..]);
            out.extend_from_slice(&b);
            i += 1 + used;
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
        assert_eq!(toks(r#""a\tb\"\101\q""#), [Tok::Str(b"a\tb\"A\\q".to_vec())]);
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
        let mut l = Lexer::new(b"/abc");
        l.next().unwrap();
        assert_eq!(
            l.regex(false).unwrap_err(),
            "line 1: runaway regular expression /abc ..."
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(unescape_all(b"a\\tb\\\\c\\/"), b"a\tb\\c\\/");
    }
}
