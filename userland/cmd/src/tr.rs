//! `tr`: translate, squeeze and delete bytes.
//!
//! The two SETs are parsed as GNU tr parses them (escapes, ranges, `[:class:]`,
//! `[=c=]`, `[c*n]`), checked with GNU's rules and messages, and turned
//! into 256-entry tables; the data then streams through in 64 KiB chunks.

use common::cli::{Cmd, Opt, flag};
use common::io::Input;

const HELP: &str = "Usage: tr [OPTION]... STRING1 [STRING2]
Translate, squeeze, and/or delete characters from standard input,
writing to standard output.  STRING1 and STRING2 specify arrays of
characters ARRAY1 and ARRAY2 that control the action.

  -c, -C, --complement    use the complement of ARRAY1
  -d, --delete            delete characters in ARRAY1, do not translate
  -s, --squeeze-repeats   replace each sequence of a repeated character
                            that is listed in the last specified ARRAY,
                            with a single occurrence of that character
  -t, --truncate-set1     first truncate ARRAY1 to length of ARRAY2
      --help     display this help and exit
      --version  output version information and exit

ARRAYs are specified as strings of characters.  Most represent themselves.
Interpreted sequences are:

  \\NNN            character with octal value NNN (1 to 3 octal digits)
  \\\\              backslash
  \\a              audible BEL
  \\b              backspace
  \\f              form feed
  \\n              new line
  \\r              return
  \\t              horizontal tab
  \\v              vertical tab
  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order
  [CHAR*]         in ARRAY2, copies of CHAR until length of ARRAY1
  [CHAR*REPEAT]   REPEAT copies of CHAR, REPEAT octal if starting with 0
  [:alnum:]       all letters and digits
  [:alpha:]       all letters
  [:blank:]       all horizontal whitespace
  [:cntrl:]       all control characters
  [:digit:]       all digits
  [:graph:]       all printable characters, not including space
  [:lower:]       all lower case letters
  [:print:]       all printable characters, including space
  [:punct:]       all punctuation characters
  [:space:]       all horizontal or vertical whitespace
  [:upper:]       all upper case letters
  [:xdigit:]      all hexadecimal digits
  [=CHAR=]        all characters which are equivalent to CHAR

Translation occurs if -d is not given and both STRING1 and STRING2 appear.
-t may be used only when translating.  ARRAY2 is extended to length of
ARRAY1 by repeating its last character as necessary.  Excess characters
of ARRAY2 are ignored.  Character classes expand in unspecified order;
while translating, [:lower:] and [:upper:] may be used in pairs to
specify case conversion.  Squeezing occurs after translation or deletion.
Characters are bytes (the C locale).
";

const SPEC: &[Opt] = &[
    flag("complement", 'c'),
    flag("C", 'C'),
    flag("delete", 'd'),
    flag("squeeze-repeats", 's'),
    flag("truncate-set1", 't'),
];

/// A character class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Alnum,
    Alpha,
    Blank,
    Cntrl,
    Digit,
    Graph,
    Lower,
    Print,
    Punct,
    Space,
    Upper,
    Xdigit,
}

impl Class {
    fn from_name(name: &[u8]) -> Option<Class> {
        Some(match name {
            b"alnum" => Class::Alnum,
            b"alpha" => Class::Alpha,
            b"blank" => Class::Blank,
            b"cntrl" => Class::Cntrl,
            b"digit" => Class::Digit,
            b"graph" => Class::Graph,
            b"lower" => Class::Lower,
            b"print" => Class::Print,
            b"punct" => Class::Punct,
            b"space" => Class::Space,
            b"upper" => Class::Upper,
            b"xdigit" => Class::Xdigit,
            _ => return None,
        })
    }

    fn contains(self, c: u8) -> bool {
        match self {
            Class::Alnum => c.is_ascii_alphanumeric(),
            Class::Alpha => c.is_ascii_alphabetic(),
            Class::Blank => c == b' ' || c == b'\t',
            Class::Cntrl => c < 32 || c == 127,
            Class::Digit => c.is_ascii_digit(),
            Class::Graph => (33..127).contains(&c),
            Class::Lower => c.is_ascii_lowercase(),
            Class::Print => (32..127).contains(&c),
            Class::Punct => c.is_ascii_punctuation(),
            Class::Space => c == b' ' || (9..=13).contains(&c),
            Class::Upper => c.is_ascii_uppercase(),
            Class::Xdigit => c.is_ascii_hexdigit(),
        }
    }

    fn chars(self) -> Vec<u8> {
        (0..=255u8).filter(|&c| self.contains(c)).collect()
    }
}

/// One element of a parsed SET.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Elem {
    Char(u8),
    Range(u8, u8),
    Class(Class),
    Equiv(u8),
    /// `[c*n]`; `None` is `[c*]` (fill).
    Repeat(u8, Option<u64>),
}

/// GNU's `unquote`: the bytes of a SET with escapes decoded, and which
/// of them were escaped (an escaped `[` or `-` is an ordinary byte).
fn unescape(s: &[u8], warnings: &mut Vec<String>) -> (Vec<u8>, Vec<bool>) {
    let mut out = Vec::with_capacity(s.len());
    let mut escaped = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i]);
            escaped.push(false);
            i += 1;
            continue;
        }
        let Some(&e) = s.get(i + 1) else {
            warnings.push("warning: an unescaped backslash at end of string is not portable".into());
            out.push(b'\\');
            escaped.push(false);
            break;
        };
        i += 2;
        let c = match e {
            b'\\' => b'\\',
            b'a' => 7,
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'v' => 11,
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                if let Some(&d @ b'0'..=b'7') = s.get(i) {
                    v = v * 8 + u32::from(d - b'0');
                    i += 1;
                    if let Some(&d3 @ b'0'..=b'7') = s.get(i) {
                        if v * 8 + u32::from(d3 - b'0') < 256 {
                            v = v * 8 + u32::from(d3 - b'0');
                            i += 1;
                        } else {
                            // \400 and up: two digits, then a byte.
                            let (a, b, c) = (e as char, d as char, d3 as char);
                            warnings.push(format!(
                                "warning: the ambiguous octal escape \\{a}{b}{c} is being\n\tinterpreted as the 2-byte sequence \\0{a}{b}, {c}"
                            ));
                        }
                    }
                }
                v as u8
            }
            other => other,
        };
        out.push(c);
        escaped.push(true);
    }
    (out, escaped)
}

fn printable(c: u8) -> String {
    if (32..127).contains(&c) {
        (c as char).to_string()
    } else {
        format!("\\{c:03o}")
    }
}

/// `[c*n]` / `[c*]` starting at `start` (just after the `[`): the element
/// and the index after its `]`; `Ok(None)` if it is not one.
fn bracketed_repeat(s: &[u8], esc: &[bool], start: usize) -> Result<Option<(Elem, usize)>, String> {
    if start + 1 >= s.len() || s[start + 1] != b'*' || esc[start + 1] {
        return Ok(None);
    }
    let mut i = start + 2;
    while i < s.len() && !esc[i] {
        if s[i] == b']' {
            let digits = &s[start + 2..i];
            let count = if digits.is_empty() {
                None
            } else {
                let radix = if digits[0] == b'0' { 8 } else { 10 };
                let text = String::from_utf8_lossy(digits);
                match u64::from_str_radix(&text, radix) {
                    Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                    _ => return Err(format!("invalid repeat count '{text}' in [c*n] construct")),
                }
            };
            return Ok(Some((Elem::Repeat(s[start], count), i + 1)));
        }
        i += 1;
    }
    Ok(None)
}

/// The index of the `c]` closing `[c...` (c is `:` or `=`), from `from`.
fn closing(s: &[u8], esc: &[bool], from: usize, c: u8) -> Option<usize> {
    (from..s.len().saturating_sub(1)).find(|&i| s[i] == c && s[i + 1] == b']' && !esc[i] && !esc[i + 1])
}

/// `*digits]` at `i`: a `[:*3]`-like repeat of `:` rather than a class.
fn star_digits_bracket(s: &[u8], esc: &[bool], i: usize) -> bool {
    if s.get(i) != Some(&b'*') || esc[i] {
        return false;
    }
    let mut j = i + 1;
    while j < s.len() && s[j].is_ascii_digit() && !esc[j] {
        j += 1;
    }
    s.get(j) == Some(&b']') && !esc[j]
}

/// Parse a SET into elements (GNU's `build_spec_list`).
fn parse_set(arg: &[u8], warnings: &mut Vec<String>) -> Result<Vec<Elem>, String> {
    let (s, esc) = unescape(arg, warnings);
    let is = |i: usize, c: u8| s.get(i) == Some(&c) && !esc[i];
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < s.len() {
        if is(i, b'[') {
            if is(i + 1, b':') || is(i + 1, b'=') {
                let kind = s[i + 1];
                if let Some(close) = closing(&s, &esc, i + 2, kind) {
                    let name = &s[i + 2..close];
                    let elem = if kind == b':' {
                        Class::from_name(name).map(Elem::Class)
                    } else if name.len() == 1 {
                        Some(Elem::Equiv(name[0]))
                    } else {
                        None
                    };
                    match elem {
                        Some(e) => {
                            out.push(e);
                            i = close + 2;
                            continue;
                        }
                        None if star_digits_bracket(&s, &esc, i + 2) => {}
                        None if kind == b':' => {
                            return Err(format!("invalid character class '{}'", String::from_utf8_lossy(name)));
                        }
                        None => {
                            return Err(format!(
                                "{}: equivalence class operand must be a single character",
                                String::from_utf8_lossy(name)
                            ));
                        }
                    }
                }
            }
            if let Some((e, next)) = bracketed_repeat(&s, &esc, i + 1)? {
                out.push(e);
                i = next;
                continue;
            }
        }
        if is(i + 1, b'-') {
            let (a, b) = (s[i], s[i + 2]);
            if b < a {
                return Err(format!(
                    "range-endpoints of '{}-{}' are in reverse collating sequence order",
                    printable(a),
                    printable(b)
                ));
            }
            out.push(Elem::Range(a, b));
            i += 3;
        } else {
            out.push(Elem::Char(s[i]));
            i += 1;
        }
    }
    out.extend(s[i..].iter().map(|&c| Elem::Char(c)));
    Ok(out)
}

/// The bytes a list of elements stands for, in order (`[c*]` as none).
fn expand(elems: &[Elem]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in elems {
        match *e {
            Elem::Char(c) | Elem::Equiv(c) => out.push(c),
            Elem::Range(a, b) => out.extend(a..=b),
            Elem::Class(c) => out.extend(c.chars()),
            Elem::Repeat(c, n) => out.extend(std::iter::repeat_n(c, n.unwrap_or(0) as usize)),
        }
    }
    out
}

fn len_of(e: &Elem) -> u64 {
    match *e {
        Elem::Char(_) | Elem::Equiv(_) => 1,
        Elem::Range(a, b) => u64::from(b - a) + 1,
        Elem::Class(c) => c.chars().len() as u64,
        Elem::Repeat(_, n) => n.unwrap_or(0),
    }
}

/// What to do with the input.
struct Plan {
    xlate: Option<[u8; 256]>,
    delete: Option<[bool; 256]>,
    squeeze: Option<[bool; 256]>,
}

fn set_of(chars: &[u8], complement: bool) -> [bool; 256] {
    let mut t = [complement; 256];
    for &c in chars {
        t[c as usize] = !complement;
    }
    t
}

/// GNU's `validate` and table building.
fn plan(s1: &[Elem], s2: Option<&[Elem]>, flags: Flags) -> Result<Plan, String> {
    if s1.iter().any(|e| matches!(e, Elem::Repeat(_, None))) {
        return Err("the [c*] repeat construct may not appear in string1".into());
    }
    let s1_chars = expand(s1);
    let s1_len = if flags.complement {
        256 - set_of(&s1_chars, false).iter().filter(|b| **b).count() as u64
    } else {
        s1_chars.len() as u64
    };
    let translating = s2.is_some() && !flags.delete;
    let Some(s2) = s2 else {
        return Ok(if flags.delete {
            Plan {
                xlate: None,
                delete: Some(set_of(&s1_chars, flags.complement)),
                squeeze: None,
            }
        } else {
            Plan {
                xlate: None,
                delete: None,
                squeeze: Some(set_of(&s1_chars, flags.complement)),
            }
        });
    };
    let fills = s2.iter().filter(|e| matches!(e, Elem::Repeat(_, None))).count();
    if fills > 1 {
        return Err("only one [c*] repeat construct may appear in string2".into());
    }
    if !translating {
        if fills > 0 {
            return Err("the [c*] construct may appear in string2 only when translating".into());
        }
        return Ok(Plan {
            xlate: None,
            delete: Some(set_of(&s1_chars, flags.complement)),
            squeeze: Some(set_of(&expand(s2), false)),
        });
    }
    if s2.iter().any(|e| matches!(e, Elem::Equiv(_))) {
        return Err("[=c=] expressions may not appear in string2 when translating".into());
    }
    if s2
        .iter()
        .any(|e| matches!(e, Elem::Class(c) if *c != Class::Upper && *c != Class::Lower))
    {
        return Err(
            "when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'".into(),
        );
    }
    // Fill a [c*] so that string2 is as long as string1.
    let mut s2: Vec<Elem> = s2.to_vec();
    let fixed: u64 = s2.iter().map(len_of).sum();
    for e in s2.iter_mut() {
        if let Elem::Repeat(c, None) = *e {
            *e = Elem::Repeat(c, Some(s1_len.saturating_sub(fixed)));
        }
    }
    if !flags.complement {
        check_case_classes(s1, &s2)?;
    }
    let mut s2_chars = expand(&s2);
    let mut s1_len = s1_len;
    if flags.truncate && s1_len > s2_chars.len() as u64 {
        s1_len = s2_chars.len() as u64;
    }
    if s1_len > s2_chars.len() as u64 {
        if s2_chars.is_empty() {
            return Err("when not truncating set1, string2 must be non-empty".into());
        }
        if matches!(s2.last(), Some(Elem::Class(_))) {
            return Err(
                "when translating with string1 longer than string2,\nthe latter string must not end with a character class"
                    .into(),
            );
        }
        let last = s2_chars[s2_chars.len() - 1];
        s2_chars.resize(s1_len as usize, last);
    }
    if flags.complement
        && s1.iter().any(|e| matches!(e, Elem::Class(_)))
        && !(s2_chars.len() as u64 == s1_len && s2_chars.windows(2).all(|w| w[0] == w[1]))
    {
        return Err(
            "when translating with complemented character classes,\nstring2 must map all characters in the domain to one"
                .into(),
        );
    }
    let mut xlate = [0u8; 256];
    for (i, x) in xlate.iter_mut().enumerate() {
        *x = i as u8;
    }
    let from: Vec<u8> = if flags.complement {
        let in_s1 = set_of(&s1_chars, false);
        (0..=255u8).filter(|&c| !in_s1[c as usize]).collect()
    } else {
        s1_chars
    };
    for (&a, &b) in from.iter().zip(s2_chars.iter()) {
        xlate[a as usize] = b;
    }
    let squeeze = flags.squeeze.then(|| set_of(&s2_chars, false));
    Ok(Plan {
        xlate: Some(xlate),
        delete: None,
        squeeze,
    })
}

/// `[:upper:]`/`[:lower:]` in string2 must face `[:upper:]`/`[:lower:]`
/// at the same position of string1.
fn check_case_classes(s1: &[Elem], s2: &[Elem]) -> Result<(), String> {
    if !s2.iter().any(|e| matches!(e, Elem::Class(_))) {
        return Ok(());
    }
    let mut starts1 = std::collections::HashMap::new();
    let mut pos = 0u64;
    for e in s1 {
        if let Elem::Class(c @ (Class::Upper | Class::Lower)) = e {
            starts1.insert(pos, *c);
        }
        pos += len_of(e);
    }
    let mut pos = 0u64;
    for e in s2 {
        if matches!(e, Elem::Class(_)) && !starts1.contains_key(&pos) {
            return Err("misaligned [:upper:] and/or [:lower:] construct".into());
        }
        pos += len_of(e);
    }
    Ok(())
}

#[derive(Clone, Copy, Default)]
struct Flags {
    complement: bool,
    delete: bool,
    squeeze: bool,
    truncate: bool,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let flags = Flags {
        complement: opts.has("complement") || opts.has("C"),
        delete: opts.has("delete"),
        squeeze: opts.has("squeeze-repeats"),
        truncate: opts.has("truncate-set1"),
    };
    let n = opts.operands.len();
    let min = 1 + usize::from(flags.delete == flags.squeeze);
    let max = 1 + usize::from(flags.delete <= flags.squeeze);
    if n < min {
        if n == 0 {
            return cmd.usage_error("missing operand", 1).await;
        }
        let why = if flags.squeeze {
            "Two strings must be given when both deleting and squeezing repeats."
        } else {
            "Two strings must be given when translating."
        };
        let last = &opts.operands[n - 1];
        return cmd
            .usage_error(format!("missing operand after '{last}'\n{why}"), 1)
            .await;
    }
    if n > max {
        let extra = &opts.operands[max];
        let mut msg = format!("extra operand '{extra}'");
        if n == 2 {
            msg.push_str("\nOnly one string may be given when deleting without squeezing repeats.");
        }
        return cmd.usage_error(msg, 1).await;
    }
    let mut warnings = Vec::new();
    let parsed = parse_set(opts.operands[0].as_bytes(), &mut warnings).and_then(|s1| {
        let s2 = match opts.operands.get(1) {
            Some(a) => Some(parse_set(a.as_bytes(), &mut warnings)?),
            None => None,
        };
        Ok((s1, s2))
    });
    for w in &warnings {
        cmd.error(w).await;
    }
    let plan = match parsed.and_then(|(s1, s2)| plan(&s1, s2.as_deref(), flags)) {
        Ok(p) => p,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let status = match run(&mut cmd, &plan).await {
        Ok(()) => 0,
        Err(e) => {
            cmd.error(format!("read error: {}", e.strerror())).await;
            1
        }
    };
    cmd.finish(status).await
}

/// Keep the bytes `keep` accepts, in place and without a branch per
/// byte; answers how many were kept.
fn compact(buf: &mut [u8], mut keep: impl FnMut(u8) -> bool) -> usize {
    let mut j = 0;
    for i in 0..buf.len() {
        let b = buf[i];
        buf[j] = b;
        j += usize::from(keep(b));
    }
    j
}

/// Map every byte through the table; four at a time, which lets the
/// loads overlap.
fn translate(buf: &mut [u8], x: &[u8; 256]) {
    let mut quads = buf.chunks_exact_mut(4);
    for q in &mut quads {
        let (a, b, c, d) = (x[q[0] as usize], x[q[1] as usize], x[q[2] as usize], x[q[3] as usize]);
        q[0] = a;
        q[1] = b;
        q[2] = c;
        q[3] = d;
    }
    for b in quads.into_remainder() {
        *b = x[*b as usize];
    }
}

/// Drop each squeezable byte equal to the byte before it (`prev` carries
/// the last byte across chunks). Runs between drops are copied whole.
///
/// Blocks of 64 bytes are first tested for any drop at all with a
/// branch-free (vectorized) test, which for a set of up to three bytes
/// compares with them directly; most blocks have none.
fn squeeze(data: &[u8], sq: &[bool; 256], prev: &mut u16) -> Vec<u8> {
    const BLOCK: usize = 64;
    let mut out = Vec::with_capacity(data.len());
    let Some(&first) = data.first() else { return out };
    let mut start = usize::from(sq[first as usize] && *prev == u16::from(first));
    let members: Vec<u8> = (0..=255u8).filter(|&c| sq[c as usize]).collect();
    let few = (1..=3).contains(&members.len()).then(|| {
        let n = members.len();
        (members[0], members[(n - 1).min(1)], members[n - 1])
    });
    let mut i = 1;
    while i < data.len() {
        let end = (i + BLOCK).min(data.len());
        let pairs = data[i - 1..end - 1].iter().zip(&data[i..end]);
        let maybe = match few {
            Some((a, b, c)) => pairs.fold(false, |acc, (&p, &x)| {
                acc | ((x == p) & ((x == a) | (x == b) | (x == c)))
            }),
            None => pairs.fold(false, |acc, (&p, &x)| acc | (x == p)),
        };
        if maybe {
            for j in i..end {
                let b = data[j];
                if (b == data[j - 1]) & sq[b as usize] {
                    out.extend_from_slice(&data[start..j]);
                    start = j + 1;
                }
            }
        }
        i = end;
    }
    out.extend_from_slice(&data[start..]);
    *prev = u16::from(data[data.len() - 1]);
    out
}

/// Stream stdin through the plan.
async fn run(cmd: &mut Cmd, plan: &Plan) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut input = Input::from_fd(0);
    // The previous byte written (256: none), for squeezing.
    let mut prev: u16 = 256;
    while let Some(mut chunk) = input.chunk(&p).await? {
        if let Some(x) = &plan.xlate {
            translate(&mut chunk, x);
        }
        let mut len = chunk.len();
        if let Some(del) = &plan.delete {
            len = compact(&mut chunk, |b| !del[b as usize]);
        }
        if let Some(sq) = &plan.squeeze {
            let out = squeeze(&chunk[..len], sq, &mut prev);
            cmd.out.write(&out).await;
            continue;
        }
        cmd.out.write(&chunk[..len]).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(s: &str) -> Result<Vec<Elem>, String> {
        parse_set(s.as_bytes(), &mut Vec::new())
    }

    fn translate(a: &str, b: &str, flags: Flags, input: &[u8]) -> Result<Vec<u8>, String> {
        let p = plan(&set(a)?, Some(&set(b)?), flags)?;
        let x = p.xlate.unwrap();
        Ok(input.iter().map(|&c| x[c as usize]).collect())
    }

    #[test]
    fn squeezing() {
        let mut sq = [false; 256];
        sq[b'a' as usize] = true;
        sq[b' ' as usize] = true;
        let mut prev = 256;
        assert_eq!(squeeze(b"aab  cbb a", &sq, &mut prev), b"ab cbb a");
        assert_eq!(squeeze(b"aa", &sq, &mut prev), b"");
        assert_eq!(squeeze(b"b", &sq, &mut prev), b"b");
        let long: Vec<u8> = b"xaaay  z".iter().cycle().take(1000).copied().collect();
        let want: Vec<u8> = b"xay z".iter().cycle().take(1000 / 8 * 5).copied().collect();
        assert_eq!(squeeze(&long, &sq, &mut 256), want);
        for c in b"bcdef" {
            sq[*c as usize] = true;
        }
        assert_eq!(squeeze(b"abbcddx", &sq, &mut 256), b"abcdx");
    }

    #[test]
    fn parsing() {
        assert_eq!(set("a-c").unwrap(), [Elem::Range(b'a', b'c')]);
        assert_eq!(
            set("[:digit:]x").unwrap(),
            [Elem::Class(Class::Digit), Elem::Char(b'x')]
        );
        assert_eq!(set("[x*3]").unwrap(), [Elem::Repeat(b'x', Some(3))]);
        assert_eq!(set("[x*010]").unwrap(), [Elem::Repeat(b'x', Some(8))]);
        assert_eq!(set("[x*]").unwrap(), [Elem::Repeat(b'x', None)]);
        assert_eq!(set("\\-a").unwrap(), [Elem::Char(b'-'), Elem::Char(b'a')]);
        assert_eq!(
            set("a\\-z").unwrap(),
            [Elem::Char(b'a'), Elem::Char(b'-'), Elem::Char(b'z')]
        );
        assert_eq!(set("\\141\\n").unwrap(), [Elem::Char(b'a'), Elem::Char(b'\n')]);
        assert_eq!(set("[=a=]").unwrap(), [Elem::Equiv(b'a')]);
        assert_eq!(set("[:x").unwrap().len(), 3);
        assert!(set("z-a").unwrap_err().contains("reverse collating"));
        assert_eq!(set("[:foo:]").unwrap_err(), "invalid character class 'foo'");
        assert_eq!(set("[a*x]").unwrap_err(), "invalid repeat count 'x' in [c*n] construct");
    }

    #[test]
    fn translations() {
        let f = Flags::default();
        assert_eq!(translate("a-z", "A-Z", f, b"hi!").unwrap(), b"HI!");
        assert_eq!(translate("abc", "x", f, b"abcd").unwrap(), b"xxxd");
        let t = Flags { truncate: true, ..f };
        assert_eq!(translate("abc", "x", t, b"abcd").unwrap(), b"xbcd");
        assert_eq!(translate("[:lower:]", "[:upper:]", f, b"aZ").unwrap(), b"AZ");
        assert_eq!(translate("a-f", "[x*2]y", f, b"abcdef").unwrap(), b"xxyyyy");
        let c = Flags { complement: true, ..f };
        assert_eq!(translate("a-z", "*", c, b"a1\n").unwrap(), b"a**");
        assert!(translate("a", "[:upper:]", f, b"").unwrap_err().contains("misaligned"));
        assert!(
            translate("[:upper:]", "[:digit:]", f, b"")
                .unwrap_err()
                .contains("only character classes")
        );
        assert!(translate("a", "", f, b"").unwrap_err().contains("must be non-empty"));
        assert!(
            translate("[:alpha:]", "ab", c, b"")
                .unwrap_err()
                .contains("map all characters")
        );
    }
}
