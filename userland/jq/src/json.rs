//! JSON text as jq 1.6 reads and prints it.
//!
//! The reader is a byte-at-a-time state machine shaped like jq's own
//! (`jv_parse.c`), so that the values it accepts, the errors it reports
//! ("Expected separator between values at line 1, column 7") and where it
//! reports them match. Numbers become doubles, as in jq 1.6 (integers that
//! a double holds exactly stay integers for jaq). The writer follows
//! `jv_dump_term`: its layout, its colours, its number format (shortest
//! round-trip digits, `1e+17` past 17 digits, `1e-05` below 1e-4) and its
//! depth limit.

use jaq_json::{Map, Num, Rc, Val};
use memchr::memchr2;

/// jq refuses to nest deeper than this while parsing.
const MAX_PARSING_DEPTH: usize = 256;
/// jq prints `<stripped: exceeds max depth>` for values nested deeper.
const MAX_PRINT_DEPTH: usize = 256;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    Normal,
    Str,
    StrEscape,
}

enum Frame {
    Arr(Vec<Val>),
    /// An object and the key read before its `:`, if any.
    Obj(Map, Option<Val>),
}

/// What feeding bytes produced.
#[derive(Debug)]
pub enum Step {
    Value(Val),
    Error(String),
    /// All bytes used; feed more (or call [`Parser::finish`]).
    More,
}

/// An incremental JSON reader for a stream of whitespace-separated texts.
pub struct Parser {
    stack: Vec<Frame>,
    /// Stack slots as jq counts them (an object's pending key is one).
    depth: usize,
    next: Option<Val>,
    token: Vec<u8>,
    st: St,
    line: u64,
    column: u64,
    /// How many bytes of a leading UTF-8 byte-order mark were skipped.
    bom: usize,
    started: bool,
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser {
    pub fn new() -> Parser {
        Parser {
            stack: Vec::new(),
            depth: 0,
            next: None,
            token: Vec::new(),
            st: St::Normal,
            line: 1,
            column: 0,
            bom: 0,
            started: false,
        }
    }

    /// Parse bytes from `data[*pos..]`, stopping after one value or error.
    pub fn feed(&mut self, data: &[u8], pos: &mut usize) -> Step {
        while *pos < data.len() {
            if !self.started && self.skip_bom(data[*pos]) {
                *pos += 1;
                continue;
            }
            self.started = true;
            if self.st == St::Str {
                // Runs of plain string bytes go in at once.
                let rest = &data[*pos..];
                let run = memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
                if run > 0 {
                    self.count(&rest[..run]);
                    self.token.extend_from_slice(&rest[..run]);
                    *pos += run;
                    continue;
                }
            }
            let ch = data[*pos];
            *pos += 1;
            match self.scan(ch) {
                Ok(Some(v)) => return Step::Value(v),
                Ok(None) => {}
                Err(msg) => return Step::Error(format!("{msg} at line {}, column {}", self.line, self.column)),
            }
        }
        Step::More
    }

    /// The value left at the end of the input, or the error it makes.
    pub fn finish(&mut self) -> Option<Result<Val, String>> {
        let at = |p: &Parser, msg: &str| Err(format!("{msg} at EOF at line {}, column {}", p.line, p.column));
        if self.st != St::Normal {
            return Some(at(self, "Unfinished string"));
        }
        if let Err(msg) = self.check_literal() {
            return Some(at(self, msg));
        }
        if !self.stack.is_empty() {
            return Some(at(self, "Unfinished JSON term"));
        }
        self.next.take().map(Ok)
    }

    fn skip_bom(&mut self, b: u8) -> bool {
        const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
        if self.bom < 3 && b == BOM[self.bom] {
            self.bom += 1;
            return true;
        }
        false
    }

    fn count(&mut self, run: &[u8]) {
        match memchr::memrchr(b'\n', run) {
            Some(i) => {
                self.line += memchr::memchr_iter(b'\n', run).count() as u64;
                self.column = (run.len() - i - 1) as u64;
            }
            None => self.column += run.len() as u64,
        }
    }

    fn scan(&mut self, ch: u8) -> Result<Option<Val>, &'static str> {
        self.column += 1;
        if ch == b'\n' {
            self.line += 1;
            self.column = 0;
        }
        match self.st {
            St::Normal => {
                match ch {
                    b' ' | b'\t' | b'\r' | b'\n' => self.check_literal()?,
                    b'"' => {
                        self.check_literal()?;
                        self.st = St::Str;
                    }
                    b'[' | b',' | b']' | b'{' | b':' | b'}' => {
                        self.check_literal()?;
                        self.structure(ch)?;
                    }
                    _ => self.token.push(ch),
                }
                Ok(self.done())
            }
            St::Str if ch == b'"' => {
                let s = decode_string(&self.token)?;
                self.token.clear();
                self.value(Val::utf8_str(s))?;
                self.st = St::Normal;
                Ok(self.done())
            }
            St::Str | St::StrEscape => {
                self.token.push(ch);
                self.st = if ch == b'\\' && self.st == St::Str {
                    St::StrEscape
                } else {
                    St::Str
                };
                Ok(None)
            }
        }
    }

    fn done(&mut self) -> Option<Val> {
        if self.stack.is_empty() { self.next.take() } else { None }
    }

    fn value(&mut self, v: Val) -> Result<(), &'static str> {
        if self.next.is_some() {
            return Err("Expected separator between values");
        }
        self.next = Some(v);
        Ok(())
    }

    fn push(&mut self, f: Frame) -> Result<(), &'static str> {
        if self.depth >= MAX_PARSING_DEPTH {
            return Err("Exceeds depth limit for parsing");
        }
        if self.next.is_some() {
            return Err("Expected separator between values");
        }
        self.depth += 1;
        self.stack.push(f);
        Ok(())
    }

    fn structure(&mut self, ch: u8) -> Result<(), &'static str> {
        match ch {
            b'[' => self.push(Frame::Arr(Vec::new())),
            b'{' => self.push(Frame::Obj(Map::default(), None)),
            b':' => self.colon(),
            b',' => self.comma(),
            b']' => self.close_arr(),
            _ => self.close_obj(),
        }
    }

    fn colon(&mut self) -> Result<(), &'static str> {
        let Some(key) = self.next.take_if(|_| true) else {
            return Err("Expected string key before ':'");
        };
        match self.stack.last_mut() {
            Some(Frame::Obj(_, pending @ None)) => {
                if !matches!(key, Val::TStr(_)) {
                    self.next = Some(key);
                    return Err("Object keys must be strings");
                }
                *pending = Some(key);
                self.depth += 1;
                Ok(())
            }
            _ => {
                self.next = Some(key);
                Err("':' not as part of an object")
            }
        }
    }

    fn comma(&mut self) -> Result<(), &'static str> {
        if self.next.is_none() {
            return Err("Expected value before ','");
        }
        match self.stack.last_mut() {
            None => Err("',' not as part of an object or array"),
            Some(Frame::Arr(a)) => {
                a.extend(self.next.take());
                Ok(())
            }
            Some(Frame::Obj(m, pending @ Some(_))) => {
                if let (Some(k), Some(v)) = (pending.take(), self.next.take()) {
                    m.insert(k, v);
                }
                self.depth -= 1;
                Ok(())
            }
            Some(Frame::Obj(_, None)) => Err("Objects must consist of key:value pairs"),
        }
    }

    fn close_arr(&mut self) -> Result<(), &'static str> {
        match self.stack.last_mut() {
            Some(Frame::Arr(a)) => {
                match self.next.take() {
                    Some(v) => a.push(v),
                    None if !a.is_empty() => return Err("Expected another array element"),
                    None => {}
                }
                if let Some(Frame::Arr(a)) = self.stack.pop() {
                    self.next = Some(Val::Arr(Rc::new(a)));
                }
                self.depth -= 1;
                Ok(())
            }
            _ => Err("Unmatched ']'"),
        }
    }

    fn close_obj(&mut self) -> Result<(), &'static str> {
        let Some(top) = self.stack.last_mut() else {
            return Err("Unmatched '}'");
        };
        match (top, self.next.is_some()) {
            (Frame::Obj(m, pending @ Some(_)), true) => {
                if let (Some(k), Some(v)) = (pending.take(), self.next.take()) {
                    m.insert(k, v);
                }
                self.depth -= 1;
            }
            (_, true) => return Err("Objects must consist of key:value pairs"),
            (Frame::Obj(m, None), false) if !m.is_empty() => return Err("Expected another key-value pair"),
            (Frame::Obj(_, None), false) => {}
            _ => return Err("Unmatched '}'"),
        }
        if let Some(Frame::Obj(m, _)) = self.stack.pop() {
            self.next = Some(Val::obj(m));
        }
        self.depth -= 1;
        Ok(())
    }

    fn check_literal(&mut self) -> Result<(), &'static str> {
        if self.token.is_empty() {
            return Ok(());
        }
        let pattern: Option<(&[u8], Val)> = match self.token[0] {
            b't' => Some((b"true", Val::Bool(true))),
            b'f' => Some((b"false", Val::Bool(false))),
            b'n' => Some((b"null", Val::Null)),
            _ => None,
        };
        let v = match pattern {
            Some((p, v)) if self.token == p => v,
            Some(_) => return Err("Invalid literal"),
            None => number(&self.token).ok_or("Invalid numeric literal")?,
        };
        self.value(v)?;
        self.token.clear();
        Ok(())
    }
}

/// A number token as `strtod` takes it whole: `[+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?`.
pub fn number(tok: &[u8]) -> Option<Val> {
    let digits = |s: &[u8], i: &mut usize| {
        let start = *i;
        while *i < s.len() && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let mut i = 0;
    if matches!(tok.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa = digits(tok, &mut i);
    if tok.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(tok, &mut i);
    }
    if mantissa == 0 {
        return None;
    }
    if matches!(tok.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(tok.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(tok, &mut i) == 0 {
            return None;
        }
    }
    if i != tok.len() {
        return None;
    }
    let text = std::str::from_utf8(tok).ok()?;
    text.parse::<f64>().ok().map(num_val)
}

/// A double as a jaq value: integral ones a double holds exactly become
/// integers (so they index arrays), the rest stay doubles.
pub fn num_val(f: f64) -> Val {
    const EXACT: f64 = 9007199254740992.0; // 2^53
    if f.fract() == 0.0 && f.abs() <= EXACT && !(f == 0.0 && f.is_sign_negative()) {
        Val::Num(Num::Int(f as isize))
    } else {
        Val::Num(Num::Float(f))
    }
}

/// Decode a string token's escapes, as jq's `found_string` does.
fn decode_string(tok: &[u8]) -> Result<Vec<u8>, &'static str> {
    let simple = !tok.iter().any(|&c| c == b'\\' || (c > 0 && c < 0x1f));
    if simple {
        return Ok(utf8_lossy(tok.to_vec()));
    }
    let mut out = Vec::with_capacity(tok.len());
    let mut i = 0;
    while i < tok.len() {
        let c = tok[i];
        i += 1;
        if c != b'\\' {
            if c > 0 && c < 0x1f {
                return Err("Invalid string: control characters from U+0000 through U+001F must be escaped");
            }
            out.push(c);
            continue;
        }
        let Some(&e) = tok.get(i) else {
            return Err("Expected escape character at end of string");
        };
        i += 1;
        match e {
            b'\\' | b'"' | b'/' => out.push(e),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'u' => {
                let cp = unicode_escape(tok, &mut i)?;
                let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            }
            _ => return Err("Invalid escape"),
        }
    }
    Ok(utf8_lossy(out))
}

fn hex4(s: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(s.get(..4)?).ok()?;
    if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(s, 16).ok()
}

/// The code point of `\uXXXX` (with `i` just past the `u`), joining a
/// surrogate pair.
fn unicode_escape(tok: &[u8], i: &mut usize) -> Result<u32, &'static str> {
    if *i + 4 > tok.len() {
        return Err("Invalid \\uXXXX escape");
    }
    let cp = hex4(&tok[*i..]).ok_or("Invalid characters in \\uXXXX escape")?;
    *i += 4;
    if !(0xD800..=0xDBFF).contains(&cp) {
        return Ok(cp);
    }
    let pair = "Invalid \\uXXXX\\uXXXX surrogate pair escape";
    if *i + 6 > tok.len() || tok[*i] != b'\\' || tok[*i + 1] != b'u' {
        return Err(pair);
    }
    let low = hex4(&tok[*i + 2..]).unwrap_or(0);
    if !(0xDC00..=0xDFFF).contains(&low) {
        return Err(pair);
    }
    *i += 6;
    Ok(0x10000 + (((cp - 0xD800) << 10) | (low - 0xDC00)))
}

/// Bytes as UTF-8, invalid sequences replaced by U+FFFD as jq does.
pub fn utf8_lossy(b: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(b) {
        Ok(s) => s.into_bytes(),
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned().into_bytes(),
    }
}

/// A number as jq 1.6 prints it.
pub fn fmt_num(n: &Num, out: &mut Vec<u8>) {
    match n {
        Num::Int(i) if i.unsigned_abs() < 1 << 53 => out.extend_from_slice(i.to_string().as_bytes()),
        _ => fmt_f64(num_f64(n), out),
    }
}

/// A number's value as a double, as jq holds it.
pub fn num_f64(n: &Num) -> f64 {
    match n {
        Num::Int(i) => *i as f64,
        Num::Float(f) => *f,
        Num::BigInt(b) => b.to_string().parse().unwrap_or(f64::NAN),
        Num::Dec(d) => d.parse().unwrap_or(f64::NAN),
    }
}

/// `jvp_dtoa_fmt`: the shortest digits that read back as `x`, in fixed
/// notation unless the exponent is below -4 or past 17 digits.
pub fn fmt_f64(x: f64, out: &mut Vec<u8>) {
    if x.is_nan() {
        out.extend_from_slice(b"null");
        return;
    }
    let x = x.clamp(-f64::MAX, f64::MAX);
    if x.is_sign_negative() {
        out.push(b'-');
    }
    if x == 0.0 {
        out.push(b'0');
        return;
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(|&b| b != b'.').collect();
    let decpt = exp.parse::<i32>().unwrap_or(0) + 1;
    let nd = digits.len() as i32;
    if decpt <= -4 || decpt > nd + 15 {
        out.push(digits[0]);
        if nd > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        let e = decpt - 1;
        out.extend_from_slice(format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.unsigned_abs()).as_bytes());
    } else if decpt <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-decpt) as usize));
        out.extend_from_slice(&digits);
    } else if nd <= decpt {
        out.extend_from_slice(&digits);
        out.extend(std::iter::repeat_n(b'0', (decpt - nd) as usize));
    } else {
        out.extend_from_slice(&digits[..decpt as usize]);
        out.push(b'.');
        out.extend_from_slice(&digits[decpt as usize..]);
    }
}

/// A string in JSON quotes, escaped as jq escapes (`-a`: ASCII only).
pub fn write_str(s: &[u8], ascii: bool, out: &mut Vec<u8>) {
    out.push(b'"');
    let text = String::from_utf8_lossy(s);
    let mut run = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let esc: Option<&[u8]> = match c {
            '"' => Some(b"\\\""),
            '\\' => Some(b"\\\\"),
            '\u{8}' => Some(b"\\b"),
            '\u{c}' => Some(b"\\f"),
            '\n' => Some(b"\\n"),
            '\r' => Some(b"\\r"),
            '\t' => Some(b"\\t"),
            _ => None,
        };
        let special = esc.is_some() || (c as u32) < 0x20 || c == '\u{7f}' || (ascii && (c as u32) > 0x7f);
        if !special {
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        run = i + c.len_utf8();
        match esc {
            Some(e) => out.extend_from_slice(e),
            None => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.extend_from_slice(format!("\\u{:04x}", u).as_bytes());
                }
            }
        }
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Colours, as `JQ_COLORS` sets them: null, false, true, numbers, strings,
/// arrays, objects; object keys are always blue.
#[derive(Clone)]
pub struct Colors {
    pub kinds: [String; 7],
}

const FIELD_COLOR: &str = "\x1b[34;1m";
const COLRESET: &str = "\x1b[0m";

impl Colors {
    pub fn new(spec: Option<&str>) -> Colors {
        let defaults = ["1;30", "0;39", "0;39", "0;39", "0;32", "1;39", "1;39"];
        let mut kinds = defaults.map(|c| format!("\x1b[{c}m"));
        if let Some(spec) = spec {
            // A bad specification leaves the defaults, as jq warns and does.
            let fields: Vec<&str> = spec.split(':').collect();
            let valid = fields.len() <= 7
                && fields
                    .iter()
                    .all(|f| f.bytes().all(|b| b.is_ascii_digit() || b == b';'));
            if valid {
                for (k, f) in kinds.iter_mut().zip(fields) {
                    *k = format!("\x1b[{f}m");
                }
            }
        }
        Colors { kinds }
    }

    fn of(&self, v: &Val) -> &str {
        let i = match v {
            Val::Null => 0,
            Val::Bool(false) => 1,
            Val::Bool(true) => 2,
            Val::Num(_) => 3,
            Val::TStr(_) | Val::BStr(_) => 4,
            Val::Arr(_) => 5,
            Val::Obj(_) => 6,
        };
        &self.kinds[i]
    }
}

/// How values print.
#[derive(Clone, Default)]
pub struct Style {
    /// Spaces per level (0: compact), or tabs.
    pub indent: usize,
    pub tab: bool,
    pub sort_keys: bool,
    pub ascii: bool,
    pub colors: Option<Colors>,
}

impl Style {
    fn pretty(&self) -> bool {
        self.indent > 0 || self.tab
    }

    fn put_indent(&self, level: usize, out: &mut Vec<u8>) {
        if self.tab {
            out.extend(std::iter::repeat_n(b'\t', level));
        } else {
            out.extend(std::iter::repeat_n(b' ', level * self.indent));
        }
    }

    /// Print `v` at nesting `level`.
    pub fn write(&self, v: &Val, level: usize, out: &mut Vec<u8>) {
        let color = self.colors.as_ref().map(|c| c.of(v));
        if let Some(c) = color {
            out.extend_from_slice(c.as_bytes());
        }
        if level > MAX_PRINT_DEPTH {
            out.extend_from_slice(b"<stripped: exceeds max depth>");
        } else {
            match v {
                Val::Null => out.extend_from_slice(b"null"),
                Val::Bool(true) => out.extend_from_slice(b"true"),
                Val::Bool(false) => out.extend_from_slice(b"false"),
                Val::Num(n) => fmt_num(n, out),
                Val::TStr(s) | Val::BStr(s) => write_str(s, self.ascii, out),
                Val::Arr(a) => self.write_arr(a, color, level, out),
                Val::Obj(o) => self.write_obj(o, color, level, out),
            }
        }
        if color.is_some() {
            out.extend_from_slice(COLRESET.as_bytes());
        }
    }

    fn write_arr(&self, a: &[Val], color: Option<&str>, level: usize, out: &mut Vec<u8>) {
        if a.is_empty() {
            out.extend_from_slice(b"[]");
            return;
        }
        out.push(b'[');
        for (i, x) in a.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if self.pretty() {
                out.push(b'\n');
                self.put_indent(level + 1, out);
            }
            self.write(x, level + 1, out);
            if let Some(c) = color {
                out.extend_from_slice(c.as_bytes());
            }
        }
        self.close(b']', color, level, out);
    }

    fn write_obj(&self, o: &Map, color: Option<&str>, level: usize, out: &mut Vec<u8>) {
        if o.is_empty() {
            out.extend_from_slice(b"{}");
            return;
        }
        out.push(b'{');
        if self.pretty() {
            out.push(b'\n');
            self.put_indent(level + 1, out);
        }
        let mut entries: Vec<(&Val, &Val)> = o.iter().collect();
        if self.sort_keys {
            entries.sort_by(|a, b| a.0.cmp(b.0));
        }
        for (i, (k, v)) in entries.into_iter().enumerate() {
            if i > 0 {
                out.push(b',');
                if self.pretty() {
                    out.push(b'\n');
                    self.put_indent(level + 1, out);
                }
            }
            if color.is_some() {
                out.extend_from_slice(COLRESET.as_bytes());
                out.extend_from_slice(FIELD_COLOR.as_bytes());
            }
            match k {
                Val::TStr(s) | Val::BStr(s) => write_str(s, self.ascii, out),
                other => write_str(&compact(other), self.ascii, out),
            }
            if let Some(c) = color {
                out.extend_from_slice(COLRESET.as_bytes());
                out.extend_from_slice(c.as_bytes());
            }
            out.push(b':');
            if self.pretty() {
                out.push(b' ');
            }
            if color.is_some() {
                out.extend_from_slice(COLRESET.as_bytes());
            }
            self.write(v, level + 1, out);
            if let Some(c) = color {
                out.extend_from_slice(c.as_bytes());
            }
        }
        self.close(b'}', color, level, out);
    }

    fn close(&self, ch: u8, color: Option<&str>, level: usize, out: &mut Vec<u8>) {
        if self.pretty() {
            out.push(b'\n');
            self.put_indent(level, out);
        }
        if let Some(c) = color {
            out.extend_from_slice(c.as_bytes());
        }
        out.push(ch);
    }
}

/// `tojson`: compact, jq's number format.
pub fn compact(v: &Val) -> Vec<u8> {
    let mut out = Vec::new();
    Style::default().write(v, 0, &mut out);
    out
}

/// `tostring`: strings as they are, anything else as compact JSON.
pub fn to_string(v: &Val) -> Vec<u8> {
    match v {
        Val::TStr(s) | Val::BStr(s) => s.to_vec(),
        other => compact(other),
    }
}

/// Parse exactly one JSON text (`fromjson`, `--argjson`, `tonumber`).
/// Empty input is `Ok(None)`.
pub fn parse_one(text: &[u8]) -> Result<Option<Val>, String> {
    let mut p = Parser::new();
    let mut pos = 0;
    let first = match p.feed(text, &mut pos) {
        Step::Value(v) => Some(v),
        Step::Error(e) => return Err(e),
        Step::More => None,
    };
    let first = match first {
        Some(v) => v,
        None => return p.finish().transpose(),
    };
    match p.feed(text, &mut pos) {
        Step::Error(e) => Err(e),
        Step::Value(_) => Err("Unexpected extra JSON values".into()),
        Step::More => match p.finish() {
            None => Ok(Some(first)),
            Some(Ok(_)) => Err("Unexpected extra JSON values".into()),
            Some(Err(e)) => Err(e),
        },
    }
}

/// Parse all the JSON texts in `text` (`--slurpfile`).
pub fn parse_all(text: &[u8]) -> Result<Vec<Val>, String> {
    let mut p = Parser::new();
    let mut pos = 0;
    let mut vals = Vec::new();
    loop {
        match p.feed(text, &mut pos) {
            Step::Value(v) => vals.push(v),
            Step::Error(e) => return Err(e),
            Step::More => break,
        }
    }
    match p.finish() {
        Some(Ok(v)) => vals.push(v),
        Some(Err(e)) => return Err(e),
        None => {}
    }
    Ok(vals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> String {
        let mut out = Vec::new();
        fmt_f64(x, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_print_as_jq_1_6() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(1e20), "1e+20");
        assert_eq!(num(1e17), "1e+17");
        assert_eq!(num(1e15), "1000000000000000");
        assert_eq!(num(1e16), "1e+16");
        assert_eq!(num(12345678901234567890123.0), "12345678901234568000000");
        assert_eq!(num(123456789012345678.0), "123456789012345680");
        assert_eq!(num(f64::INFINITY), "1.7976931348623157e+308");
        assert_eq!(num(0.001), "0.001");
        assert_eq!(num(0.0001), "0.0001");
        assert_eq!(num(0.00001), "1e-05");
        assert_eq!(num(0.00001234), "1.234e-05");
        assert_eq!(num(-2.5e-10), "-2.5e-10");
        assert_eq!(num(1.5e300), "1.5e+300");
        assert_eq!(num(-0.0), "-0");
        assert_eq!(num(f64::NAN), "null");
    }

    fn all(s: &str) -> Result<Vec<String>, String> {
        parse_all(s.as_bytes()).map(|vs| vs.iter().map(|v| String::from_utf8(compact(v)).unwrap()).collect())
    }

    #[test]
    fn reads_streams() {
        assert_eq!(
            all("1 [2,{\"a\":null}]\n\"x\"true").unwrap(),
            ["1", "[2,{\"a\":null}]", "\"x\"", "true"]
        );
        assert_eq!(
            all(".5 1. +1 -0.0 01 1e5 1E+2").unwrap(),
            ["0.5", "1", "1", "-0", "1", "100000", "100"]
        );
        assert_eq!(all("\"\\ud83d\\ude00\\u00e9\\/\"").unwrap(), ["\"\u{1f600}é/\""]);
        assert_eq!(all("\u{feff}[1]").unwrap(), ["[1]"]);
        assert_eq!(all("{\"a\":1,\"a\":2}").unwrap(), ["{\"a\":2}"]);
    }

    #[test]
    fn errors_as_jq_words_them() {
        let e = |s: &str| all(s).unwrap_err();
        assert_eq!(e("[1,2"), "Unfinished JSON term at EOF at line 1, column 4");
        assert_eq!(e("{\"a\":1}}"), "Unmatched '}' at line 1, column 8");
        assert_eq!(e("1 x 2"), "Invalid numeric literal at line 1, column 4");
        assert_eq!(e("nan"), "Invalid literal at EOF at line 1, column 3");
        assert_eq!(e("[1,]"), "Expected another array element at line 1, column 4");
        assert_eq!(e("{\"a\" 1}"), "Expected separator between values at line 1, column 7");
        assert_eq!(e("{1:2}"), "Object keys must be strings at line 1, column 3");
        assert_eq!(e(":"), "Expected string key before ':' at line 1, column 1");
        assert_eq!(e("[1:2]"), "':' not as part of an object at line 1, column 3");
        assert_eq!(
            e("{\"a\",\"b\"}"),
            "Objects must consist of key:value pairs at line 1, column 5"
        );
        assert_eq!(e("{\"a\":1,}"), "Expected another key-value pair at line 1, column 8");
        assert_eq!(e("[,1]"), "Expected value before ',' at line 1, column 2");
        assert_eq!(
            e("\"a\nb\""),
            "Invalid string: control characters from U+0000 through U+001F must be escaped at line 2, column 2"
        );
        assert_eq!(e("\"\\u00\""), "Invalid \\uXXXX escape at line 1, column 6");
        assert_eq!(
            e("\"\\ud800x\""),
            "Invalid \\uXXXX\\uXXXX surrogate pair escape at line 1, column 9"
        );
        assert_eq!(e("\"ab"), "Unfinished string at EOF at line 1, column 3");
        let deep = "[".repeat(257);
        assert_eq!(e(&deep), "Exceeds depth limit for parsing at line 1, column 257");
    }

    #[test]
    fn pretty_and_colors() {
        let v = parse_one(b"{\"a\":[1,{}],\"b\":\"x\"}").unwrap().unwrap();
        let mut out = Vec::new();
        Style {
            indent: 2,
            ..Style::default()
        }
        .write(&v, 0, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"x\"\n}"
        );
        let v = parse_one(b"[1,{\"a\":2}]").unwrap().unwrap();
        let mut out = Vec::new();
        let style = Style {
            colors: Some(Colors::new(None)),
            ..Style::default()
        };
        style.write(&v, 0, &mut out);
        let want = "\x1b[1;39m[\x1b[0;39m1\x1b[0m\x1b[1;39m,\x1b[1;39m{\x1b[0m\x1b[34;1m\"a\"\x1b[0m\x1b[1;39m:\x1b[0m\x1b[0;39m2\x1b[0m\x1b[1;39m\x1b[1;39m}\x1b[0m\x1b[1;39m\x1b[1;39m]\x1b[0m";
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    #[test]
    fn strings_escape_as_jq() {
        let mut out = Vec::new();
        write_str("é\u{1}\u{7f}\u{1f600}\"\\/".as_bytes(), true, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"\\u00e9\\u0001\\u007f\\ud83d\\ude00\\\"\\\\/\""
        );
    }
}
