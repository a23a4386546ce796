//! POSIX regular expressions with GNU's extensions, as grep, sed, expr and
//! friends read them, translated onto the `regex` crate.
//!
//! The translation ([`translate`]) turns a basic (BRE) or extended (ERE)
//! expression into the `regex` crate's syntax with byte semantics (the C
//! locale: `.` is one byte, classes are ASCII), keeping GNU's rules: `*` at
//! the start of a BRE is literal, `^` and `$` anchor only at the ends of a
//! BRE (or of a group or alternative), an ERE `{` that does not start a
//! valid interval is literal, and errors read as GNU's ("Unmatched ( or
//! \(").
//!
//! With [`Options::utf8`] (a UTF-8 locale) the pattern is read in
//! characters, as glibc's regex does there: `.` and bracket expressions
//! match one character (never a byte that is not UTF-8), `[:alpha:]` and
//! friends are Unicode's, and `-i` folds case beyond ASCII. A pattern that
//! is not itself UTF-8 is read in bytes.
//!
//! Matching ([`Regex`]) uses the `regex` crate's fast engines. POSIX wants
//! the *longest* of the leftmost matches where the `regex` crate gives the
//! first; the two differ only when alternatives or optional groups overlap
//! (`ab|abcd`), so for such patterns the match end is found again with a
//! longest-match search (`regex-automata`'s `MatchKind::All`) anchored at
//! the same start. Back-references (`\(a\)\1`) are beyond finite automata;
//! a pattern that has them runs on `fancy-regex` (backtracking, leftmost
//! first).

use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};

/// Which dialect a pattern is written in.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// POSIX basic (grep, sed, expr): `\(`, `\{`, `\|`, `\+`, `\?`.
    Basic,
    /// POSIX extended (grep -E, sed -E): `(`, `{`, `|`, `+`, `?`.
    Extended,
}

/// How to read and match a pattern.
#[derive(Copy, Clone, Debug)]
pub struct Options {
    pub syntax: Syntax,
    pub icase: bool,
    /// sed's escapes: `\n` is a newline and `\t` a tab (grep reads them as
    /// the letters).
    pub escapes: bool,
    /// Characters are UTF-8 sequences (the process's locale says so).
    pub utf8: bool,
}

impl Options {
    pub fn new(syntax: Syntax) -> Options {
        Options {
            syntax,
            icase: false,
            escapes: false,
            utf8: false,
        }
    }
}

/// A pattern translated into the `regex` crate's syntax.
#[derive(Clone, Debug)]
pub struct Translated {
    pub pattern: String,
    /// Capture groups, not counting the whole match.
    pub groups: usize,
    pub backrefs: bool,
    /// Alternation or a repeated group: leftmost-first may pick a shorter
    /// match than POSIX's leftmost-longest.
    pub ambiguous: bool,
    /// What GNU grep warns about (`* at start of expression`).
    pub warnings: Vec<String>,
    /// The pattern is in characters (Unicode mode), not bytes.
    pub utf8: bool,
}

/// One translated atom's start in the output, so a quantifier can wrap it.
struct Out {
    s: String,
    /// Where the last atom begins, if the last thing emitted is an atom or
    /// a quantified atom.
    atom: Option<usize>,
    /// The last thing emitted was a quantifier.
    quantified: bool,
}

impl Out {
    fn atom(&mut self, text: &str) {
        self.atom = Some(self.s.len());
        self.quantified = false;
        self.s.push_str(text);
    }

    /// Emit something that is not an atom (an anchor, `|`, `(`).
    fn other(&mut self, text: &str) {
        self.atom = None;
        self.quantified = false;
        self.s.push_str(text);
    }

    /// Apply a quantifier to the last atom (wrapping a quantified atom in a
    /// group, since `a**` is not valid in the target syntax).
    fn quantify(&mut self, q: &str) {
        if let Some(start) = self.atom {
            if self.quantified {
                self.s.insert_str(start, "(?:");
                self.s.push(')');
            }
            self.s.push_str(q);
            self.quantified = true;
        }
    }
}

/// A literal byte in the target syntax.
fn literal(b: u8) -> String {
    if b.is_ascii_alphanumeric() || b == b'_' || b == b' ' {
        (b as char).to_string()
    } else if b.is_ascii_graphic() {
        format!("\\{}", b as char)
    } else {
        format!("\\x{b:02X}")
    }
}

/// A class's members in a UTF-8 locale (glibc's C.UTF-8: letters and
/// case are Unicode's, digits stay ASCII), in the `regex` crate's syntax.
pub fn class_body_utf8(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "\\p{Alphabetic}",
        "alnum" => "\\p{Alphabetic}0-9",
        "upper" => "\\p{Uppercase}",
        "lower" => "\\p{Lowercase}",
        "punct" => "\\p{Punctuation}\\p{Symbol}",
        "print" => "\\P{Control}",
        "graph" => "\\p{Alphabetic}\\p{Nd}\\p{Punctuation}\\p{Symbol}\\p{Mark}",
        _ => return class_body(name),
    })
}

/// The character (or, in bytes, the byte) at `i`, and its length.
fn element(p: &[u8], i: usize, utf8: bool) -> (u32, usize) {
    if utf8
        && p[i] >= 0x80
        && let Some(u) = super::locale::units(&p[i..], super::locale::Charset::Utf8).next()
        && let Some(c) = u.ch
    {
        return (u32::from(c), u.len);
    }
    (u32::from(p[i]), 1)
}

/// A class member in the target syntax.
fn member(v: u32) -> String {
    if v < 0x100 {
        format!("\\x{v:02X}")
    } else {
        format!("\\x{{{v:X}}}")
    }
}

fn class_body(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "A-Za-z",
        "digit" => "0-9",
        "alnum" => "0-9A-Za-z",
        "upper" => "A-Z",
        "lower" => "a-z",
        "space" => "\\t\\n\\x0B\\x0C\\r ",
        "blank" => "\\t ",
        "punct" => "!-/:-@\\[-`{-~",
        "print" => "\\x20-\\x7E",
        "graph" => "\\x21-\\x7E",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "xdigit" => "0-9A-Fa-f",
        _ => return None,
    })
}

const UNMATCHED_BRACKET: &str = "Unmatched [, [^, [:, [., or [=";

/// Parse a bracket expression starting after its `[`; answers the class in
/// the target syntax and the index after the closing `]`. With `no_newline`
/// (sed's `M` flag, POSIX's REG_NEWLINE) a negated list never matches a
/// newline.
fn bracket(p: &[u8], mut i: usize, no_newline: bool, utf8: bool) -> Result<(String, usize), String> {
    let start = i;
    let mut negate = false;
    if p.get(i) == Some(&b'^') {
        negate = true;
        i += 1;
    }
    let mut items = String::new();
    let mut first = true;
    loop {
        let Some(&c) = p.get(i) else {
            return Err(UNMATCHED_BRACKET.to_string());
        };
        if c == b']' && !first {
            i += 1;
            break;
        }
        first = false;
        // [:class:], [=c=], [.c.]
        if c == b'[' && matches!(p.get(i + 1), Some(b':' | b'=' | b'.')) {
            let kind = p[i + 1];
            let body_start = i + 2;
            let mut j = body_start;
            while j + 1 < p.len() && !(p[j] == kind && p[j + 1] == b']') {
                j += 1;
            }
            if j + 1 >= p.len() {
                return Err(UNMATCHED_BRACKET.to_string());
            }
            let body = &p[body_start..j];
            i = j + 2;
            match kind {
                b':' => {
                    let name = String::from_utf8_lossy(body);
                    let members = if utf8 {
                        class_body_utf8(&name)
                    } else {
                        class_body(&name)
                    };
                    items.push_str(members.ok_or("Invalid character class name")?);
                }
                _ => {
                    // A collating element or equivalence class: only
                    // single characters exist here.
                    let (v, len) = element(body, 0, utf8);
                    if body.is_empty() || len != body.len() {
                        return Err("Invalid collation character".to_string());
                    }
                    items.push_str(&member(v));
                }
            }
            continue;
        }
        let (c, clen) = element(p, i, utf8);
        // A range a-z (a `-` before the closing `]` is literal).
        if p.get(i + clen) == Some(&b'-') && p.get(i + clen + 1).is_some_and(|&e| e != b']') {
            // `k` is where the `-` sits, less one (as for a one-byte start).
            let k = i + clen - 1;
            let (mut end, elen) = element(p, k + 2, utf8);
            let mut next = k + 2 + elen;
            if end == u32::from(b'[') && p.get(k + 3) == Some(&b'.') {
                // [a-[.z.]]
                let close = p[k + 4..]
                    .windows(2)
                    .position(|w| w == b".]")
                    .ok_or(UNMATCHED_BRACKET)?;
                let body = &p[k + 4..k + 4 + close];
                let (v, len) = element(body, 0, utf8);
                if body.is_empty() || len != body.len() {
                    return Err("Invalid range end".to_string());
                }
                end = v;
                next = k + 4 + close + 2;
            }
            if end < c {
                return Err("Invalid range end".to_string());
            }
            items.push_str(&format!("{}-{}", member(c), member(end)));
            i = next;
            continue;
        }
        items.push_str(&member(c));
        i += clen;
    }
    // `[:space:]` written without the outer brackets is an error in GNU.
    let inner = &p[start..i - 1];
    if inner.len() >= 2 && inner[0] == b':' && inner[inner.len() - 1] == b':' {
        let name = String::from_utf8_lossy(&inner[1..inner.len() - 1]).to_string();
        if class_body(&name).is_some() {
            return Err(format!("character class syntax is [[:{name}:]], not [:{name}:]"));
        }
    }
    let class = if negate {
        if no_newline {
            items.push_str("\\x0A");
        }
        format!("[^{items}]")
    } else {
        format!("[{items}]")
    };
    Ok((class, i))
}

/// Parse `m`, `m,`, `,n` or `m,n` up to the closing brace at `close`
/// (exclusive). None if it is not a valid interval body.
fn interval_body(body: &[u8]) -> Option<(Option<u32>, Option<u32>, bool)> {
    let text = std::str::from_utf8(body).ok()?;
    let num = |s: &str| -> Option<Option<u32>> {
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|b| b.is_ascii_digit()) {
            Some(Some(s.parse().unwrap_or(u32::MAX)))
        } else {
            None
        }
    };
    match text.split_once(',') {
        Some((a, b)) => Some((num(a)?, num(b)?, true)),
        None => {
            let n = num(text)??;
            Some((Some(n), Some(n), false))
        }
    }
}

/// GNU's largest repeat count.
const DUP_MAX: u32 = 32767;

fn interval(min: Option<u32>, max: Option<u32>, comma: bool) -> Result<String, String> {
    let lo = min.unwrap_or(0);
    if lo > DUP_MAX || max.is_some_and(|m| m > DUP_MAX) {
        return Err("Regular expression too big".to_string());
    }
    match (max, comma) {
        (Some(hi), _) if hi < lo => Err("Invalid content of \\{\\}".to_string()),
        (Some(hi), true) => Ok(format!("{{{lo},{hi}}}")),
        (None, true) => Ok(format!("{{{lo},}}")),
        _ => Ok(format!("{{{lo}}}")),
    }
}

/// An ERE interval as glibc parses it under strict POSIX syntax, starting
/// after its `{`: `{n}`, `{n,}`, `{,m}` (0 to m), `{n,m}`; anything else is an
/// error, "Unmatched \\{" when the pattern ends first. Answers the bounds
/// (None: unbounded), whether there was a comma, and the index after `}`.
fn strict_interval(p: &[u8], mut i: usize) -> Result<(Option<u32>, Option<u32>, bool, usize), String> {
    const UNMATCHED: &str = "Unmatched \\{";
    const BAD: &str = "Invalid content of \\{\\}";
    let (start, term) = interval_number(p, &mut i);
    let comma = term == Some(b',');
    let start = match (start, term) {
        (_, None) => return Err(UNMATCHED.to_string()),
        (Ok(None), Some(b',')) => Some(0),
        (Ok(Some(n)), _) => Some(n),
        _ => return Err(BAD.to_string()),
    };
    let (end, term) = if comma {
        match interval_number(p, &mut i) {
            (_, None) => return Err(UNMATCHED.to_string()),
            (Err(()), _) => return Err(BAD.to_string()),
            (Ok(v), t) => (v, t),
        }
    } else {
        (start, term)
    };
    if term != Some(b'}') || matches!((start, end), (Some(s), Some(e)) if s > e) {
        return Err(BAD.to_string());
    }
    Ok((start, end, comma, i))
}

/// One number of an interval, read up to `}` or `,` (glibc's
/// fetch_number): Ok(None) when empty, Err when not all digits; and the
/// terminator, None if the pattern ended first.
fn interval_number(p: &[u8], i: &mut usize) -> (Result<Option<u32>, ()>, Option<u8>) {
    let mut n: Result<Option<u32>, ()> = Ok(None);
    while let Some(&c) = p.get(*i) {
        *i += 1;
        if c == b'}' || c == b',' {
            return (n, Some(c));
        }
        n = match (n, c) {
            (Ok(v), b'0'..=b'9') => Ok(Some((v.unwrap_or(0) * 10 + u32::from(c - b'0')).min(DUP_MAX + 1))),
            _ => Err(()),
        };
    }
    (Err(()), None)
}

/// How GNU sed reads a pattern where it differs from grep (sed compiles
/// with glibc's strict POSIX syntax bits).
#[derive(Copy, Clone, Debug, Default)]
pub struct SedSyntax {
    /// The `M` flag (REG_NEWLINE): `^` and `$` also match next to an
    /// embedded newline, and `.` and `[^...]` never match one.
    pub newline: bool,
}

/// The dialect differences between grep's reading and sed's.
#[derive(Copy, Clone, Debug, Default)]
struct Flavor {
    /// sed: a repetition operator with nothing to repeat is an error (ERE
    /// `*a`, `a|+b`, `(?a)`; BRE `\{1\}` at the start), an unmatched ERE `)`
    /// is an error, and an ERE `{` must start a valid interval.
    strict: bool,
    newline: bool,
}

/// Translate a pattern (bytes: a pattern may hold any byte).
pub fn translate(p: &[u8], opts: Options) -> Result<Translated, String> {
    translate_flavor(p, opts, Flavor::default())
}

/// Translate a pattern as GNU sed reads it.
pub fn translate_sed(p: &[u8], opts: Options, sed: SedSyntax) -> Result<Translated, String> {
    translate_flavor(
        p,
        opts,
        Flavor {
            strict: true,
            newline: sed.newline,
        },
    )
}

const BAD_REPEAT: &str = "Invalid preceding regular expression";

fn translate_flavor(p: &[u8], opts: Options, flavor: Flavor) -> Result<Translated, String> {
    let ere = opts.syntax == Syntax::Extended;
    let utf8 = opts.utf8 && std::str::from_utf8(p).is_ok();
    let mut out = Out {
        s: String::new(),
        atom: None,
        quantified: false,
    };
    // Open groups: their numbers; and how many groups have closed.
    let mut open: Vec<usize> = Vec::new();
    let mut groups = 0;
    let mut closed: Vec<usize> = Vec::new();
    let mut backrefs = false;
    let mut ambiguous = false;
    let mut warnings = Vec::new();
    // True where an expression starts: the beginning, after `(` or `|`
    // (and after a leading `^` in a BRE).
    let mut at_start = true;
    let mut i = 0;
    // Whether position i (in the pattern) ends a BRE expression, where `$`
    // anchors: the end, or before `\)` / `\|`.
    let ends_bre = |j: usize| -> bool { j >= p.len() || (p[j] == b'\\' && matches!(p.get(j + 1), Some(b')' | b'|'))) };
    while i < p.len() {
        let c = p[i];
        let was_start = at_start;
        at_start = false;
        match c {
            b'\\' => {
                let Some(&e) = p.get(i + 1) else {
                    return Err("Trailing backslash".to_string());
                };
                i += 2;
                match e {
                    b'(' if !ere => {
                        groups += 1;
                        open.push(groups);
                        out.other("(");
                        at_start = true;
                    }
                    b')' if !ere => {
                        let n = open.pop().ok_or("Unmatched ) or \\)")?;
                        closed.push(n);
                        // The group as a whole is the atom for a quantifier.
                        let start = find_group_start(&out.s);
                        out.s.push(')');
                        out.atom = Some(start);
                        out.quantified = false;
                    }
                    b'|' if !ere => {
                        ambiguous = true;
                        out.other("|");
                        at_start = true;
                    }
                    b'{' if !ere => {
                        if flavor.strict && out.atom.is_none() {
                            return Err(BAD_REPEAT.to_string());
                        }
                        let close = p[i..].windows(2).position(|w| w == b"\\}").ok_or("Unmatched \\{")?;
                        let (lo, hi, comma) = interval_body(&p[i..i + close]).ok_or("Invalid content of \\{\\}")?;
                        if out.atom.is_none() {
                            if was_start {
                                // GNU: an interval with nothing before it
                                // is literal at the start.
                                out.atom("\\{");
                                continue;
                            }
                            return Err(BAD_REPEAT.to_string());
                        }
                        mark_group_quantifier(&out.s, &mut ambiguous);
                        out.quantify(&interval(lo, hi, comma)?);
                        i += close + 2;
                    }
                    b'+' | b'?' if !ere => {
                        if out.atom.is_none() {
                            out.atom(&literal(e));
                        } else {
                            mark_group_quantifier(&out.s, &mut ambiguous);
                            out.quantify(if e == b'+' { "+" } else { "?" });
                        }
                    }
                    b'1'..=b'9' => {
                        let n = (e - b'0') as usize;
                        if !closed.contains(&n) {
                            return Err("Invalid back reference".to_string());
                        }
                        backrefs = true;
                        out.atom(&format!("\\{n}"));
                    }
                    b'w' => out.atom("[0-9A-Za-z_]"),
                    b'W' => out.atom("[^0-9A-Za-z_]"),
                    b's' => out.atom("[\\t\\n\\x0B\\x0C\\r ]"),
                    b'S' => out.atom("[^\\t\\n\\x0B\\x0C\\r ]"),
                    b'b' => out.other("\\b"),
                    b'B' => out.other("\\B"),
                    b'<' => out.other(r"\b{start}"),
                    b'>' => out.other(r"\b{end}"),
                    b'`' => out.other("\\A"),
                    b'\'' => out.other("\\z"),
                    b'n' if opts.escapes => out.atom("\\n"),
                    b't' if opts.escapes => out.atom("\\t"),
                    _ => out.atom(&literal(e)),
                }
                continue;
            }
            b'[' => {
                let (class, next) = bracket(p, i + 1, flavor.newline, utf8)?;
                out.atom(&class);
                i = next;
                continue;
            }
            b'.' => out.atom("."),
            b'*' => {
                if out.atom.is_none() {
                    if ere && flavor.strict {
                        return Err(BAD_REPEAT.to_string());
                    }
                    if ere && was_start {
                        warnings.push("* at start of expression".to_string());
                    }
                    out.atom("\\*");
                } else {
                    mark_group_quantifier(&out.s, &mut ambiguous);
                    out.quantify("*");
                }
            }
            b'^' => {
                if ere || was_start {
                    out.other("^");
                    if !ere {
                        at_start = true;
                    }
                } else {
                    out.atom("\\^");
                }
            }
            b'$' => {
                if ere || ends_bre(i + 1) {
                    out.other("$");
                } else {
                    out.atom("\\$");
                }
            }
            b'(' if ere => {
                groups += 1;
                open.push(groups);
                out.other("(");
                at_start = true;
            }
            b')' if ere => match open.pop() {
                Some(n) => {
                    closed.push(n);
                    let start = find_group_start(&out.s);
                    out.s.push(')');
                    out.atom = Some(start);
                    out.quantified = false;
                }
                None if flavor.strict => return Err("Unmatched ) or \\)".to_string()),
                // GNU grep: an unmatched `)` in an ERE is an ordinary character.
                None => out.atom("\\)"),
            },
            b'|' if ere => {
                ambiguous = true;
                out.other("|");
                at_start = true;
            }
            b'+' | b'?' if ere => {
                if out.atom.is_none() {
                    if flavor.strict {
                        return Err(BAD_REPEAT.to_string());
                    }
                    if was_start {
                        warnings.push(format!("{} at start of expression", c as char));
                    }
                    out.atom(&literal(c));
                } else {
                    mark_group_quantifier(&out.s, &mut ambiguous);
                    ambiguous |= c == b'?';
                    out.quantify(if c == b'+' { "+" } else { "?" });
                }
            }
            b'{' if ere && flavor.strict => {
                if out.atom.is_none() {
                    return Err(BAD_REPEAT.to_string());
                }
                let (lo, hi, comma, next) = strict_interval(p, i + 1)?;
                mark_group_quantifier(&out.s, &mut ambiguous);
                out.quantify(&interval(lo, hi, comma)?);
                i = next;
                continue;
            }
            b'{' if ere => {
                let close = p[i + 1..].iter().position(|&b| b == b'}');
                let parsed = close.and_then(|cl| interval_body(&p[i + 1..i + 1 + cl]).map(|v| (cl, v)));
                match parsed {
                    Some((cl, (lo, hi, comma))) if out.atom.is_some() => {
                        mark_group_quantifier(&out.s, &mut ambiguous);
                        out.quantify(&interval(lo, hi, comma)?);
                        i += cl + 2;
                        continue;
                    }
                    Some(_) if was_start => {
                        warnings.push("{...} at start of expression".to_string());
                        out.atom("\\{");
                    }
                    // Not an interval: a literal brace, as GNU reads it.
                    _ => out.atom("\\{"),
                }
            }
            // A character of several bytes is one atom.
            c if utf8 && c >= 0x80 => {
                let (v, len) = element(p, i, utf8);
                match char::from_u32(v) {
                    Some(ch) if len > 1 => out.atom(&ch.to_string()),
                    _ => out.atom(&literal(c)),
                }
                i += len;
                continue;
            }
            _ => out.atom(&literal(c)),
        }
        i += 1;
    }
    if !open.is_empty() {
        return Err("Unmatched ( or \\(".to_string());
    }
    // Without REG_NEWLINE `.` matches a newline (`s`); with it, `^` and `$`
    // match at line ends (`m`) and `.` does not.
    let dot = if flavor.newline { "m" } else { "s" };
    let unicode = if utf8 { "" } else { "-u" };
    let flags = if opts.icase {
        format!("(?{dot}{unicode})(?i)")
    } else {
        format!("(?{dot}{unicode})")
    };
    let pattern = if backrefs {
        // fancy-regex spells the word-boundary assertions with lookaround.
        let body = out
            .s
            .replace(r"\b{start}", r"\b(?=\w)")
            .replace(r"\b{end}", r"\b(?<=\w)");
        format!(
            "{}{body}",
            if opts.icase {
                format!("(?{dot}i)")
            } else {
                format!("(?{dot})")
            }
        )
    } else {
        format!("{flags}{}", out.s)
    };
    Ok(Translated {
        pattern,
        groups,
        backrefs,
        ambiguous,
        warnings,
        utf8,
    })
}

/// The output index of the `(` that the next `)` closes.
fn find_group_start(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth = 0;
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b')' if !escaped(b, i) => depth += 1,
            // Classes are emitted as `\xHH` members, so every unescaped
            // parenthesis is a group.
            b'(' if !escaped(b, i) => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    0
}

/// True if the byte at `i` is escaped by an odd run of backslashes.
fn escaped(b: &[u8], i: usize) -> bool {
    let mut n = 0;
    let mut j = i;
    while j > 0 && b[j - 1] == b'\\' {
        n += 1;
        j -= 1;
    }
    n % 2 == 1
}

/// A quantifier on a group can make leftmost-first differ from POSIX.
fn mark_group_quantifier(s: &str, ambiguous: &mut bool) {
    if s.ends_with(')') && !escaped(s.as_bytes(), s.len() - 1) {
        *ambiguous = true;
    }
}

enum Engine {
    Fast {
        re: regex::bytes::Regex,
        /// Longest-match search for ambiguous patterns.
        longest: Option<regex_automata::meta::Regex>,
    },
    Backtrack(fancy_regex::Regex),
}

/// A compiled pattern.
pub struct Regex {
    engine: Engine,
    groups: usize,
    pub warnings: Vec<String>,
}

/// Match positions: group 0 is the whole match.
pub type Captures = Vec<Option<(usize, usize)>>;

impl Regex {
    pub fn new(pattern: &[u8], opts: Options) -> Result<Regex, String> {
        let t = translate(pattern, opts)?;
        Regex::from_translated(t)
    }

    /// A pattern already in the `regex` crate's syntax (grep -P style
    /// callers, or text built by a tool itself).
    pub fn from_translated(t: Translated) -> Result<Regex, String> {
        let too_big = |e: String| {
            if e.contains("exceeds size limit") {
                "Regular expression too big".to_string()
            } else {
                format!("Invalid regular expression: {e}")
            }
        };
        let engine = if t.backrefs {
            let mode = if t.utf8 {
                fancy_regex::BytesMode::UnicodeBytes
            } else {
                fancy_regex::BytesMode::Ascii
            };
            let re = fancy_regex::RegexBuilder::new(&t.pattern)
                .bytes_mode(mode)
                .build()
                .map_err(|e| too_big(e.to_string()))?;
            Engine::Backtrack(re)
        } else {
            let re = regex::bytes::RegexBuilder::new(&t.pattern)
                .size_limit(64 << 20)
                .build()
                .map_err(|e| too_big(e.to_string()))?;
            let longest = if t.ambiguous {
                let m = regex_automata::meta::Regex::builder()
                    .configure(regex_automata::meta::Regex::config().match_kind(MatchKind::All))
                    .syntax(syntax::Config::new().unicode(t.utf8).utf8(false))
                    .build(&t.pattern)
                    .map_err(|e| too_big(e.to_string()))?;
                Some(m)
            } else {
                None
            };
            Engine::Fast { re, longest }
        };
        Ok(Regex {
            engine,
            groups: t.groups,
            warnings: t.warnings,
        })
    }

    /// Capture groups, not counting the whole match.
    pub fn groups(&self) -> usize {
        self.groups
    }

    pub fn is_match(&self, hay: &[u8]) -> bool {
        match &self.engine {
            Engine::Fast { re, .. } => re.is_match(hay),
            // A pattern too hard to finish (catastrophic backtracking)
            // counts as no match rather than hanging.
            Engine::Backtrack(re) => re.is_match(hay).unwrap_or(false),
        }
    }

    /// The leftmost-longest match starting at or after `start`.
    pub fn find_at(&self, hay: &[u8], start: usize) -> Option<(usize, usize)> {
        match &self.engine {
            Engine::Fast { re, longest } => {
                let m = re.find_at(hay, start)?;
                let end = match longest {
                    Some(l) => longest_end(l, hay, m.start()).unwrap_or(m.end()),
                    None => m.end(),
                };
                Some((m.start(), end))
            }
            Engine::Backtrack(re) => {
                let m = re.find_from_pos(hay, start).ok()??;
                Some((m.start(), m.end()))
            }
        }
    }

    /// The groups of the leftmost(-longest) match at or after `start`.
    pub fn captures_at(&self, hay: &[u8], start: usize) -> Option<Captures> {
        match &self.engine {
            Engine::Fast { re, longest } => {
                if let Some(l) = longest {
                    let m = re.find_at(hay, start)?;
                    let mut caps = l.create_captures();
                    l.search_captures(&Input::new(hay).range(m.start()..).anchored(Anchored::Yes), &mut caps);
                    if caps.is_match() {
                        return Some(
                            (0..=self.groups)
                                .map(|g| caps.get_group(g).map(|s| (s.start, s.end)))
                                .collect(),
                        );
                    }
                }
                let c = re.captures_at(hay, start)?;
                Some(
                    (0..=self.groups)
                        .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                        .collect(),
                )
            }
            Engine::Backtrack(re) => {
                let c = re.captures_from_pos(hay, start).ok()??;
                Some(
                    (0..=self.groups)
                        .map(|g| c.get(g).map(|m| (m.start(), m.end())))
                        .collect(),
                )
            }
        }
    }
}

/// The end of the longest match anchored at `start`.
fn longest_end(re: &regex_automata::meta::Regex, hay: &[u8], start: usize) -> Option<usize> {
    re.search(&Input::new(hay).range(start..).anchored(Anchored::Yes))
        .map(|m| m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bre(p: &str) -> Regex {
        Regex::new(p.as_bytes(), Options::new(Syntax::Basic)).unwrap()
    }

    fn ere(p: &str) -> Regex {
        Regex::new(p.as_bytes(), Options::new(Syntax::Extended)).unwrap()
    }

    fn err(p: &str, s: Syntax) -> String {
        Regex::new(p.as_bytes(), Options::new(s)).err().unwrap()
    }

    fn find(re: &Regex, h: &str) -> Option<String> {
        re.find_at(h.as_bytes(), 0)
            .map(|(s, e)| String::from_utf8_lossy(&h.as_bytes()[s..e]).into_owned())
    }

    // Each expectation was checked with GNU grep 3.8 under LC_ALL=C.
    #[test]
    fn basic_syntax() {
        assert!(bre("a\\(b\\)*c").is_match(b"abbc"));
        assert!(bre("a+").is_match(b"a+"), "+ is literal in a BRE");
        assert!(bre("a\\+").is_match(b"aa"));
        assert!(bre("*a").is_match(b"*a"), "leading * is literal");
        assert!(bre("\\(*\\)").is_match(b"*"));
        assert!(bre("a^b").is_match(b"a^b") && bre("a$b").is_match(b"a$b"));
        assert!(bre("^ab$").is_match(b"ab") && !bre("^ab$").is_match(b"xab"));
        assert!(bre("a\\{2\\}").is_match(b"aa") && !bre("^a\\{2\\}$").is_match(b"a"));
        assert!(bre("a\\{,2\\}x").is_match(b"x"));
        assert!(bre("a\\|b").is_match(b"b"));
        assert!(bre("a**").is_match(b"aa"));
        assert!(bre("x\\t").is_match(b"xt"), "grep reads \\t as t");
        assert!(bre("\\(ab\\)\\1").is_match(b"abab") && !bre("\\(ab\\)\\1").is_match(b"abba"));
    }

    #[test]
    fn extended_syntax() {
        assert!(ere("a)").is_match(b"a)"), "an unmatched ) is literal");
        assert!(ere("a{1").is_match(b"a{1") && ere("a{x}").is_match(b"a{x}"));
        assert!(ere("{").is_match(b"{"));
        assert!(ere("a{1,2}{3}").is_match(b"aaa"));
        assert!(!ere("a^b").is_match(b"a^b"), "^ anchors anywhere in an ERE");
        assert!(ere("()").is_match(b"a") && ere("a||b").is_match(b"b"));
        assert!(ere("*a").is_match(b"*a"));
        assert_eq!(ere("*a").warnings, ["* at start of expression"]);
        assert!(!ere("a\\|b").is_match(b"ab") && ere("a\\|b").is_match(b"a|b"));
    }

    #[test]
    fn brackets_and_classes() {
        assert!(bre("[]a]").is_match(b"]") && bre("[^]a]").is_match(b"b"));
        assert!(bre("[a-]").is_match(b"-") && bre("[\\]").is_match(b"\\"));
        assert!(bre("[[:alpha:]][[:digit:]]").is_match(b"a1"));
        assert!(bre("[[:space:]]").is_match(b"\t") && !bre("[[:space:]]").is_match(b"x"));
        assert!(bre("\\w\\W\\s").is_match(b"a- "));
        assert!(bre("\\<foo\\>").is_match(b"a foo b") && !bre("\\<foo\\>").is_match(b"afoo"));
        assert!(bre(".").is_match(&[0xe9]), "a dot is one byte");
        let icase = Regex::new(
            b"axB",
            Options {
                icase: true,
                ..Options::new(Syntax::Basic)
            },
        )
        .unwrap();
        assert!(icase.is_match(b"AXb"));
    }

    #[test]
    fn gnu_errors() {
        assert_eq!(err("[a", Syntax::Basic), "Unmatched [, [^, [:, [., or [=");
        assert_eq!(err("\\(a", Syntax::Basic), "Unmatched ( or \\(");
        assert_eq!(err("(a", Syntax::Extended), "Unmatched ( or \\(");
        assert_eq!(err("a\\)", Syntax::Basic), "Unmatched ) or \\)");
        assert_eq!(err("a\\{1", Syntax::Basic), "Unmatched \\{");
        assert_eq!(err("a{2,1}", Syntax::Extended), "Invalid content of \\{\\}");
        assert_eq!(err("[[:foo:]]", Syntax::Basic), "Invalid character class name");
        assert_eq!(
            err("[:space:]", Syntax::Basic),
            "character class syntax is [[:space:]], not [:space:]"
        );
        assert_eq!(err("\\(a\\)\\2", Syntax::Basic), "Invalid back reference");
        assert_eq!(err("x\\", Syntax::Basic), "Trailing backslash");
        assert_eq!(err("[z-a]", Syntax::Basic), "Invalid range end");
    }

    #[test]
    fn leftmost_longest() {
        assert_eq!(find(&ere("ab|abcd"), "xabcde").as_deref(), Some("abcd"));
        assert_eq!(find(&ere("a|ab|abc"), "abcabc").as_deref(), Some("abc"));
        assert_eq!(find(&ere("(ab)?(abcd)?"), "abcd").as_deref(), Some("abcd"));
        assert_eq!(find(&bre("x*"), "xxxy").as_deref(), Some("xxx"));
        let re = ere("(a|ab)(c|bcd)");
        let caps = re.captures_at(b"xabcd", 0).unwrap();
        assert_eq!(caps[0], Some((1, 5)));
    }

    #[test]
    fn non_utf8_patterns_and_input() {
        let re = Regex::new(&[0xe9, b'+'], Options::new(Syntax::Extended)).unwrap();
        assert_eq!(re.find_at(&[b'a', 0xe9, 0xe9, b'b'], 0), Some((1, 3)));
    }

    fn sed(p: &str, s: Syntax, newline: bool) -> Result<Regex, String> {
        let t = translate_sed(p.as_bytes(), Options::new(s), SedSyntax { newline })?;
        Regex::from_translated(t)
    }

    // Each expectation was checked with GNU sed 4.9 under LC_ALL=C.
    #[test]
    fn sed_strict_syntax() {
        let bad = |p: &str, s: Syntax| sed(p, s, false).err().unwrap_or_default();
        assert_eq!(bad("*a", Syntax::Extended), "Invalid preceding regular expression");
        assert_eq!(bad("a|+b", Syntax::Extended), "Invalid preceding regular expression");
        assert_eq!(bad("a)", Syntax::Extended), "Unmatched ) or \\)");
        assert_eq!(bad("a{1", Syntax::Extended), "Unmatched \\{");
        assert_eq!(bad("a{x}", Syntax::Extended), "Invalid content of \\{\\}");
        assert_eq!(bad("\\{1\\}", Syntax::Basic), "Invalid preceding regular expression");
        // What grep accepts, sed's BRE still takes literally.
        assert!(sed("*a", Syntax::Basic, false).is_ok_and(|r| r.is_match(b"*a")));
        assert!(sed("a{,2}", Syntax::Extended, false).is_ok_and(|r| r.find_at(b"aaa", 0) == Some((0, 2))));
    }

    #[test]
    fn sed_newline_flag() {
        let plain = sed("a.b", Syntax::Basic, false).unwrap();
        assert!(plain.is_match(b"a\nb"), "without M, . matches a newline");
        let m = sed("a.b", Syntax::Basic, true).unwrap();
        assert!(!m.is_match(b"a\nb"));
        let neg = sed("a[^x]b", Syntax::Basic, true).unwrap();
        assert!(!neg.is_match(b"a\nb"));
        let anchors = sed("^b$", Syntax::Basic, true).unwrap();
        assert_eq!(anchors.find_at(b"a\nb\nc", 0), Some((2, 3)));
        assert!(!sed("^b$", Syntax::Basic, false).unwrap().is_match(b"a\nb\nc"));
    }
}
