//! History expansion (`!!`, `!n`, `!-n`, `!str`, `!?str?`, `^old^new`,
//! word designators and modifiers) by readline's rules as bash 5.2 sets
//! them up: single quotes and a backslash inhibit it, double quotes do
//! not; `!` before a blank, `=`, end of line, or in `[!`, `${!`, `$!` and
//! (with extglob) `!(` is literal.

/// What the expansion keeps between calls (readline keeps these as
/// statics): the last `?string?` searched for, the word it matched, and
/// the last substitution's two sides.
#[derive(Clone, Debug, Default)]
pub struct State {
    search_string: Option<String>,
    search_match: Option<String>,
    subst_lhs: Option<String>,
    subst_rhs: String,
}

/// The history as expansion sees it.
pub struct Ctx<'a> {
    pub lines: &'a [String],
    /// The number of the first entry (readline's `history_base`).
    pub base: usize,
    pub state: &'a mut State,
    pub extglob: bool,
    /// `#` at the start of a word ends expansion (an interactive shell's
    /// `histchars` default).
    pub comment: bool,
}

/// The outcome of expanding a line.
pub enum Expanded {
    /// Nothing to expand.
    Same,
    Changed(String),
    /// A `:p` modifier: show the result, do not run it.
    PrintOnly(String),
}

const NO_EXPAND: &[char] = &[' ', '\t', '\n', '\r', '='];
const WORD_DELIMITERS: &[char] = &[' ', '\t', '\n', ';', '&', '(', ')', '|', '<', '>'];
const SEARCH_DELIMITERS: &[char] = &[';', '&', '(', ')', '|', '<', '>'];

fn at(s: &[char], i: usize) -> char {
    s.get(i).copied().unwrap_or('\0')
}

/// From just after an opening `'`, the index of the closing one (or the
/// end); in `$'...'` a backslash escapes.
fn skip_single_quoted(s: &[char], mut i: usize, ansi: bool) -> usize {
    while i < s.len() && s[i] != '\'' {
        if ansi && s[i] == '\\' && i + 1 < s.len() {
            i += 1;
        }
        i += 1;
    }
    i
}

impl Ctx<'_> {
    fn inhibited(&self, s: &[char], i: usize) -> bool {
        let rest_has = |from: usize, c: char| s.get(from..).is_some_and(|r| r.contains(&c));
        (i > 0 && s[i - 1] == '[' && rest_has(i + 1, ']'))
            || (i > 1 && s[i - 1] == '{' && s[i - 2] == '$' && rest_has(i + 1, '}'))
            || (i > 1 && s[i - 1] == '$')
            || (self.extglob && i > 1 && at(s, i + 1) == '(' && rest_has(i + 2, ')'))
    }

    fn literal_bang(&self, s: &[char], i: usize, dquote: bool) -> bool {
        let cc = at(s, i + 1);
        cc == '\0' || NO_EXPAND.contains(&cc) || (dquote && cc == '"') || self.inhibited(s, i)
    }

    fn is_comment(&self, s: &[char], i: usize) -> bool {
        self.comment && s[i] == '#' && (i == 0 || WORD_DELIMITERS.contains(&s[i - 1]))
    }

    /// Expand one line; `Err` is the message (`!x: event not found`).
    pub fn expand(&mut self, line: &str) -> Result<Expanded, String> {
        let mut s: Vec<char> = line.chars().collect();
        if s.first() == Some(&'^') {
            // `^old^new^` is `!!:s^old^new^`.
            let mut q = vec!['!', '!', ':', 's'];
            q.extend_from_slice(&s);
            s = q;
        } else if !self.has_expansion(&s) {
            return Ok(Expanded::Same);
        }
        let mut out = String::new();
        let (mut dquote, mut modified, mut print_only) = (false, false, false);
        let mut i = 0;
        while i < s.len() {
            let c = s[i];
            match c {
                '\\' => {
                    out.push(c);
                    if i + 1 < s.len() {
                        out.push(s[i + 1]);
                        i += 1;
                    }
                }
                '"' => {
                    dquote = !dquote;
                    out.push(c);
                }
                '\'' if !dquote => {
                    let ansi = i > 0 && s[i - 1] == '$';
                    let end = skip_single_quoted(&s, i + 1, ansi);
                    out.extend(&s[i..(end + 1).min(s.len())]);
                    i = end;
                }
                '#' if self.is_comment(&s, i) && !dquote => {
                    out.extend(&s[i..]);
                    i = s.len();
                }
                '!' if !self.literal_bang(&s, i, dquote) => {
                    let (text, end, printing) = self.expand_one(&s, i, dquote, &out)?;
                    modified = true;
                    print_only |= printing;
                    out.push_str(&text);
                    i = end;
                    continue;
                }
                _ => out.push(c),
            }
            i += 1;
        }
        Ok(if print_only {
            Expanded::PrintOnly(out)
        } else if modified {
            Expanded::Changed(out)
        } else {
            Expanded::Same
        })
    }

    /// Whether the line has an expansion at all (readline's first pass).
    fn has_expansion(&self, s: &[char]) -> bool {
        let mut dquote = false;
        let mut i = 0;
        while i < s.len() {
            let (c, cc) = (s[i], at(s, i + 1));
            if self.is_comment(s, i) && !dquote {
                return false;
            } else if c == '!' {
                if !self.literal_bang(s, i, dquote) {
                    return true;
                }
            } else if dquote && c == '\\' && cc == '"' {
                i += 1;
            } else if c == '"' {
                dquote = !dquote;
            } else if !dquote && c == '\'' {
                let ansi = i > 0 && s[i - 1] == '$';
                i = skip_single_quoted(s, i + 1, ansi);
            } else if c == '\\' && (cc == '\'' || cc == '!') {
                i += 1;
            }
            i += 1;
        }
        false
    }

    fn entry(&self, number: i64) -> Option<String> {
        let k = number - self.base as i64;
        usize::try_from(k).ok().and_then(|k| self.lines.get(k)).cloned()
    }

    /// The event at `s[i]` (a `!`): its line, and where it ends.
    fn event(&mut self, s: &[char], mut i: usize, quote: Option<char>) -> (Option<String>, usize) {
        i += 1;
        let len = self.lines.len() as i64;
        if at(s, i) == '!' {
            return (self.entry(self.base as i64 + len - 1), i + 1);
        }
        let mut sign = 1;
        if at(s, i) == '-' && at(s, i + 1).is_ascii_digit() {
            sign = -1;
            i += 1;
        }
        if at(s, i).is_ascii_digit() {
            let mut n: i64 = 0;
            while at(s, i).is_ascii_digit() {
                n = n.saturating_mul(10).saturating_add(at(s, i) as i64 - '0' as i64);
                i += 1;
            }
            let which = if sign < 0 { len + self.base as i64 - n } else { n };
            return (self.entry(which), i);
        }
        let substring = at(s, i) == '?';
        if substring {
            i += 1;
        }
        let start = i;
        while i < s.len() {
            let c = s[i];
            let stop = if substring {
                c == '?' || c == '\n'
            } else {
                c.is_whitespace() || c == ':' || SEARCH_DELIMITERS.contains(&c) || Some(c) == quote || c == '\n'
            };
            if stop {
                break;
            }
            i += 1;
        }
        let mut needle: String = s[start..i].iter().collect();
        if substring && at(s, i) == '?' {
            i += 1;
        }
        if needle.is_empty() && substring {
            match &self.search_string_now() {
                Some(prev) => needle = prev.clone(),
                None => return (None, i),
            }
        }
        if needle.is_empty() {
            return (None, i);
        }
        let found = self.lines.iter().rev().find(|l| {
            if substring {
                l.contains(needle.as_str())
            } else {
                l.starts_with(needle.as_str())
            }
        });
        let Some(line) = found.cloned() else {
            return (None, i);
        };
        if substring {
            let at = line.find(needle.as_str()).unwrap_or(0);
            self.state.search_match = word_at(&line, at);
            self.state.search_string = Some(needle);
        }
        (Some(line), i)
    }

    fn search_string_now(&self) -> Option<String> {
        self.state.search_string.clone()
    }

    /// One `!` expansion at `s[start]`: the text, the index after it, and
    /// whether it asked only to be printed.
    fn expand_one(
        &mut self,
        s: &[char],
        start: usize,
        dquote: bool,
        so_far: &str,
    ) -> Result<(String, usize, bool), String> {
        let span = |a: usize, b: usize| -> String { s[a..b.min(s.len())].iter().collect() };
        let mut i;
        let event = match at(s, start + 1) {
            ':' | '$' | '*' | '%' | '^' => {
                i = start + 1;
                self.entry(self.base as i64 + self.lines.len() as i64 - 1)
            }
            '#' => {
                i = start + 2;
                Some(so_far.to_string())
            }
            _ => {
                let (e, end) = self.event(s, start, dquote.then_some('"'));
                i = end;
                e
            }
        };
        let Some(event) = event else {
            return Err(format!("{}: event not found", span(start, i)));
        };
        // The word designator.
        let spec_start = i;
        let mut text = match self.word_spec(s, &mut i, &event) {
            Spec::None => event.clone(),
            Spec::Words(w) => w,
            Spec::Bad => return Err(format!("{}: bad word specifier", span(spec_start, i))),
        };
        // The modifiers.
        let (mut quote, mut print_only) = (None, false);
        let mod_start = i;
        while at(s, i) == ':' {
            let mut c = at(s, i + 1);
            let (mut global, mut bywords) = (false, false);
            if c == 'g' || c == 'a' {
                global = true;
                i += 1;
                c = at(s, i + 1);
            } else if c == 'G' {
                bywords = true;
                i += 1;
                c = at(s, i + 1);
            }
            match c {
                'q' | 'x' => quote = Some(c),
                'p' => print_only = true,
                't' => {
                    if let Some(k) = text.rfind('/') {
                        text = text[k + 1..].to_string();
                    }
                }
                'h' => {
                    if let Some(k) = text.rfind('/') {
                        text.truncate(k);
                    }
                }
                'r' => {
                    if let Some(k) = text.rfind('.') {
                        text.truncate(k);
                    }
                }
                'e' => {
                    if let Some(k) = text.rfind('.') {
                        text = text[k..].to_string();
                    }
                }
                's' | '&' => {
                    if c == 's' {
                        if i + 2 >= s.len() {
                            i += 2;
                            continue;
                        }
                        let delim = s[i + 2];
                        i += 3;
                        let lhs = subst_pattern(s, &mut i, delim, false);
                        match lhs {
                            Some(l) => self.state.subst_lhs = Some(l),
                            None if self.state.subst_lhs.is_none() => {
                                self.state.subst_lhs = self.state.search_string.clone().filter(|x| !x.is_empty());
                            }
                            None => {}
                        }
                        let rhs = subst_pattern(s, &mut i, delim, true).unwrap_or_default();
                        let lhs = self.state.subst_lhs.clone().unwrap_or_default();
                        self.state.subst_rhs = amp_rhs(&rhs, &lhs);
                    } else {
                        i += 2;
                    }
                    let lhs = self.state.subst_lhs.clone().unwrap_or_default();
                    if lhs.is_empty() {
                        return Err(format!("{}: no previous substitution", span(mod_start, i)));
                    }
                    match substitute(&text, &lhs, &self.state.subst_rhs, global, bywords) {
                        Some(t) => text = t,
                        None => return Err(format!("{}: substitution failed", span(mod_start, i))),
                    }
                    continue;
                }
                _ => return Err(format!("{}: unrecognized history modifier", span(i + 1, i + 2))),
            }
            i += 2;
        }
        match quote {
            Some('q') => text = single_quote(&text),
            Some('x') => text = quote_breaks(&text),
            _ => {}
        }
        Ok((text, i, print_only))
    }

    fn word_spec(&self, s: &[char], i: &mut usize, event: &str) -> Spec {
        let mut k = *i;
        let colon = at(s, k) == ':';
        if colon {
            k += 1;
        }
        let words = tokenize(event);
        let n = words.len() as i64;
        let pick = |first: i64, last: i64| -> Option<String> {
            let last = if last == DOLLAR {
                n - 1
            } else if last < 0 {
                n + last - 1
            } else {
                last
            };
            let first = if first == DOLLAR { n - 1 } else { first };
            let end = last + 1;
            (first < n && end <= n && first >= 0 && end >= 0 && first <= end)
                .then(|| words[first as usize..end as usize].join(" "))
        };
        match at(s, k) {
            '%' => {
                *i = k + 1;
                return Spec::Words(self.state.search_match.clone().unwrap_or_default());
            }
            '*' => {
                *i = k + 1;
                return Spec::Words(pick(1, DOLLAR).unwrap_or_default());
            }
            '$' => {
                *i = k + 1;
                return pick(DOLLAR, DOLLAR).map_or(Spec::Bad, Spec::Words);
            }
            _ => {}
        }
        let first: i64;
        match at(s, k) {
            '-' => first = 0,
            '^' => {
                first = 1;
                k += 1;
            }
            d if d.is_ascii_digit() && colon => {
                let mut v = 0i64;
                while at(s, k).is_ascii_digit() {
                    v = v.saturating_mul(10).saturating_add(at(s, k) as i64 - '0' as i64);
                    k += 1;
                }
                first = v;
            }
            _ => return Spec::None,
        }
        let last: i64;
        match at(s, k) {
            '^' => {
                last = 1;
                k += 1;
            }
            '*' => {
                last = DOLLAR;
                k += 1;
            }
            '-' => {
                k += 1;
                match at(s, k) {
                    d if d.is_ascii_digit() => {
                        let mut v = 0i64;
                        while at(s, k).is_ascii_digit() {
                            v = v.saturating_mul(10).saturating_add(at(s, k) as i64 - '0' as i64);
                            k += 1;
                        }
                        last = v;
                    }
                    '$' => {
                        k += 1;
                        last = DOLLAR;
                    }
                    '^' => {
                        k += 1;
                        last = 1;
                    }
                    _ => last = -1,
                }
            }
            _ => last = first,
        }
        *i = k;
        if (last >= first || last == DOLLAR || last < 0)
            && let Some(w) = pick(first, last)
        {
            return Spec::Words(w);
        }
        Spec::Bad
    }
}

/// readline's `'$'` stand-in for "the last word".
const DOLLAR: i64 = i64::MAX;

enum Spec {
    None,
    Words(String),
    Bad,
}

/// A `:s` side, up to the delimiter (a backslash quotes it); the lhs is
/// `None` when empty.
fn subst_pattern(s: &[char], i: &mut usize, delim: char, rhs: bool) -> Option<String> {
    let start = *i;
    let mut k = start;
    let mut out = String::new();
    while k < s.len() && s[k] != delim {
        if s[k] == '\\' && at(s, k + 1) == delim {
            k += 1;
        }
        out.push(s[k]);
        k += 1;
    }
    *i = if k < s.len() { k + 1 } else { k };
    (k > start || rhs).then_some(out)
}

/// `&` in a substitution's rhs stands for the lhs (`\&` is a `&`).
fn amp_rhs(rhs: &str, lhs: &str) -> String {
    if !rhs.contains('&') {
        return rhs.to_string();
    }
    let mut out = String::new();
    let mut cs = rhs.chars().peekable();
    while let Some(c) = cs.next() {
        if c == '\\' && cs.peek() == Some(&'&') {
            out.push('&');
            cs.next();
        } else if c == '&' {
            out.push_str(lhs);
        } else {
            out.push(c);
        }
    }
    out
}

fn substitute(text: &str, lhs: &str, rhs: &str, global: bool, bywords: bool) -> Option<String> {
    if lhs.len() > text.len() {
        return None;
    }
    if global {
        return text.contains(lhs).then(|| text.replace(lhs, rhs));
    }
    if bywords {
        // The first match in each word.
        let mut out = String::new();
        let mut done = false;
        let mut rest = text;
        while !rest.is_empty() {
            let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\n']).len();
            out.push_str(&rest[..blank]);
            rest = &rest[blank..];
            let end = word_end(rest);
            let word = &rest[..end];
            if word.contains(lhs) {
                out.push_str(&word.replacen(lhs, rhs, 1));
                done = true;
            } else {
                out.push_str(word);
            }
            rest = &rest[end..];
            if end == 0 && !rest.is_empty() {
                let c = rest.chars().next().map_or(1, char::len_utf8);
                out.push_str(&rest[..c]);
                rest = &rest[c..];
            }
        }
        return done.then_some(out);
    }
    text.contains(lhs).then(|| text.replacen(lhs, rhs, 1))
}

fn single_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `:x`: quoted as `:q`, but broken into words at blanks.
fn quote_breaks(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            ' ' | '\t' | '\n' => {
                out.push('\'');
                out.push(c);
                out.push('\'');
            }
            _ => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The word of `line` around byte `at` (`!%`).
fn word_at(line: &str, at: usize) -> Option<String> {
    tokenize_spans(line)
        .into_iter()
        .find(|&(a, b)| at >= a && at < b)
        .map(|(a, b)| line[a..b].to_string())
}

/// A line's words as history expansion counts them (readline's
/// `history_tokenize`): blanks separate, quotes and `$(...)` keep
/// together, operators are words of their own.
pub fn tokenize(line: &str) -> Vec<String> {
    tokenize_spans(line)
        .into_iter()
        .map(|(a, b)| line[a..b].to_string())
        .collect()
}

fn tokenize_spans(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n') {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let end = i + word_end(&line[i..]).max(1);
        out.push((i, end.min(b.len())));
        i = end;
    }
    out
}

/// The length of the word at the start of `s` (readline's
/// `history_tokenize_word`).
fn word_end(s: &str) -> usize {
    let b = s.as_bytes();
    let get = |k: usize| b.get(k).copied().unwrap_or(0);
    let mut i = 0;
    if b.is_empty() {
        return 0;
    }
    let (mut delim, mut open, mut nest) = (0u8, 0u8, 0usize);
    if matches!(b[0], b'(' | b')' | b'\n') {
        return 1;
    }
    if b[0].is_ascii_digit() {
        let mut j = 0;
        while get(j).is_ascii_digit() {
            j += 1;
        }
        if j >= b.len() {
            return j;
        }
        i = j;
        if !matches!(get(j), b'<' | b'>') {
            return scan_word(b, i, delim, open, nest);
        }
    }
    if matches!(get(i), b'<' | b'>' | b';' | b'&' | b'|') {
        let (c, peek) = (get(i), get(i + 1));
        if peek == c {
            if peek == b'<' && (get(i + 2) == b'-' || get(i + 2) == b'<') {
                i += 1;
            }
            return i + 2;
        } else if peek == b'&' && (c == b'>' || c == b'<') {
            let mut j = i + 2;
            while get(j).is_ascii_digit() {
                j += 1;
            }
            if get(j) == b'-' {
                j += 1;
            }
            return j;
        } else if (peek == b'>' && c == b'&') || (peek == b'|' && c == b'>') {
            return i + 2;
        } else if peek == b'(' && (c == b'>' || c == b'<') {
            i += 2;
            open = b'(';
            delim = b')';
            nest = 1;
            return scan_word(b, i, delim, open, nest);
        }
        return i + 1;
    }
    if matches!(get(i), b'"' | b'\'' | b'`') {
        delim = b[i];
        i += 1;
    }
    scan_word(b, i, delim, open, nest)
}

fn scan_word(b: &[u8], mut i: usize, mut delim: u8, mut open: u8, mut nest: usize) -> usize {
    let get = |k: usize| b.get(k).copied().unwrap_or(0);
    while i < b.len() {
        let c = b[i];
        if c == b'\\' && get(i + 1) == b'\n' {
            i += 2;
            continue;
        }
        if c == b'\\' && delim != b'\'' && (delim != b'"' || matches!(get(i + 1), b'"' | b'\\' | b'`' | b'$')) {
            i += 2;
            continue;
        }
        if nest > 0 && c == open {
            nest += 1;
            i += 1;
            continue;
        }
        if nest > 0 && c == delim {
            nest -= 1;
            if nest == 0 {
                delim = 0;
            }
            i += 1;
            continue;
        }
        if delim != 0 && c == delim {
            delim = 0;
            i += 1;
            continue;
        }
        if nest == 0 && delim == 0 && b"<>$!@?+*".contains(&c) && get(i + 1) == b'(' {
            i += 2;
            open = b'(';
            delim = b')';
            nest = 1;
            continue;
        }
        if delim == 0 && b" \t\n;&()|<>".contains(&c) {
            break;
        }
        if delim == 0 && matches!(c, b'"' | b'\'' | b'`') {
            delim = c;
        }
        i += 1;
    }
    i.min(b.len())
}
