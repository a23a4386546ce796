//! Brace expansion: `{a,b}` alternatives and `{x..y[..step]}` sequences in
//! the unquoted text of a word, nested, as bash does it: a word is a
//! preamble, a group, and a postamble expanded in turn, so the words are
//! the product of every group's alternatives.
//!
//! The word is first parsed into a tree ([`Item`]), which counts the
//! words and bytes the expansion would make before any is made: a
//! `{a,b}` repeated thirty times or a sequence of 2^63 numbers is refused
//! at once, with the limit's message, instead of filling memory. Matching
//! braces are found in one pass, so parsing is linear in the word; the
//! tree is only as deep as the braces nest, and that is bounded by the
//! `nest` limit.

use kernel::Limits;
use kernel::limits::Unit;

use super::ast::{Part, Word};

/// One token of a word: a character of unquoted text, or any other part.
#[derive(Clone, Debug)]
enum Tok {
    Ch(char),
    Part(Part),
}

/// A piece of a parsed word.
#[derive(Debug)]
enum Item {
    Tok(Tok),
    /// `{a,b,c}`: each alternative a sequence of items.
    Alts(Vec<Vec<Item>>),
    /// `{1..5}`: the words of the sequence, made lazily.
    Range(Range),
}

/// True if brace expansion could change `w`.
pub fn has_braces(w: &Word) -> bool {
    w.parts.iter().any(|p| matches!(p, Part::Lit(s) if s.contains('{')))
}

/// The words of `w`, or the message of the limit the expansion would
/// pass (`words`, `string` or `nest`).
pub fn expand(w: &Word, limits: &Limits) -> Result<Vec<Word>, String> {
    if !has_braces(w) {
        return Ok(vec![w.clone()]);
    }
    let mut toks = Vec::new();
    for p in &w.parts {
        match p {
            Part::Lit(s) => toks.extend(s.chars().map(Tok::Ch)),
            other => toks.push(Tok::Part(other.clone())),
        }
    }
    let pairs = Pairs::new(&toks);
    let items = parse(&toks, &pairs, 0, toks.len(), 0, limits)?;
    let (count, size) = measure(&items);
    if count > limits.max_brace_words as u128 {
        return Err(format!("brace expansion of {count} words: {}", limits.reached("words")));
    }
    // What the words take in memory, about: their text and a word's
    // bookkeeping each.
    let bytes = size.saturating_add(count.saturating_mul(WORD_COST));
    if bytes > limits.max_alloc as u128 {
        let shown = Unit::Bytes.show(bytes.min(u128::from(u64::MAX - 1)) as u64);
        return Err(format!("brace expansion of {shown}: {}", limits.reached("string")));
    }
    Ok(generate(&items).into_iter().map(Word::from_parts).collect())
}

/// Bytes a made word takes beside its text (its part list, a part, and
/// the word), for the estimate checked against the `string` limit.
const WORD_COST: u128 = 128;

/// For each `{`, its matching `}` and the `,`s directly inside it: found
/// in one pass with a stack.
struct Pairs {
    close: Vec<Option<usize>>,
    commas: Vec<Vec<usize>>,
}

impl Pairs {
    fn new(toks: &[Tok]) -> Pairs {
        let mut close = vec![None; toks.len()];
        let mut commas = vec![Vec::new(); toks.len()];
        let mut open = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            match t {
                Tok::Ch('{') => open.push(i),
                Tok::Ch('}') => {
                    if let Some(o) = open.pop() {
                        close[o] = Some(i);
                    }
                }
                Tok::Ch(',') => {
                    if let Some(&o) = open.last() {
                        commas[o].push(i);
                    }
                }
                _ => {}
            }
        }
        Pairs { close, commas }
    }
}

/// The items of `toks[from..to]`. A `{` that opens no valid group is text,
/// and scanning goes on after it (`{a}{b,c}` is `{a}b {a}c`).
fn parse(
    toks: &[Tok],
    pairs: &Pairs,
    from: usize,
    to: usize,
    depth: usize,
    limits: &Limits,
) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut i = from;
    while i < to {
        let group = match (&toks[i], pairs.close[i]) {
            (Tok::Ch('{'), Some(close)) if close < to => Some(close),
            _ => None,
        };
        let Some(close) = group else {
            items.push(Item::Tok(toks[i].clone()));
            i += 1;
            continue;
        };
        let commas = &pairs.commas[i];
        if !commas.is_empty() {
            if depth >= limits.max_nest {
                return Err(format!("brace expansion: {}", limits.reached("nest")));
            }
            let mut alts = Vec::new();
            let mut start = i + 1;
            for &end in commas.iter().chain(std::iter::once(&close)) {
                alts.push(parse(toks, pairs, start, end, depth + 1, limits)?);
                start = end + 1;
            }
            items.push(Item::Alts(alts));
            i = close + 1;
            continue;
        }
        match Range::parse(&toks[i + 1..close]) {
            Some(r) => {
                items.push(Item::Range(r));
                i = close + 1;
            }
            None => {
                items.push(Item::Tok(toks[i].clone()));
                i += 1;
            }
        }
    }
    Ok(items)
}

/// The number of words a sequence of items makes and their total length
/// in tokens, saturating.
fn measure(items: &[Item]) -> (u128, u128) {
    // Words (count, size) times an item (c, s): every word gets every
    // alternative, count*c words of total size size*c + s*count.
    let mut acc = (1u128, 0u128);
    for it in items {
        let (c, s) = match it {
            Item::Tok(_) => (1, 1),
            Item::Alts(alts) => alts
                .iter()
                .map(|a| measure(a))
                .fold((0u128, 0u128), |(c, s), (ac, as_)| {
                    (c.saturating_add(ac), s.saturating_add(as_))
                }),
            Item::Range(r) => (r.count(), r.count().saturating_mul(r.width())),
        };
        acc = (
            acc.0.saturating_mul(c),
            acc.1.saturating_mul(c).saturating_add(s.saturating_mul(acc.0)),
        );
    }
    acc
}

/// Every word, in bash's order (the leftmost group varies slowest), as
/// the parts of a word: unquoted text in one `Lit` per run.
fn generate(items: &[Item]) -> Vec<Vec<Part>> {
    let mut words: Vec<Vec<Part>> = vec![Vec::new()];
    for it in items {
        match it {
            Item::Tok(t) => {
                for w in &mut words {
                    push_tok(w, t);
                }
            }
            Item::Alts(alts) => {
                let tails: Vec<Vec<Part>> = alts.iter().flat_map(|a| generate(a)).collect();
                words = product(words, &tails);
            }
            Item::Range(r) => {
                let tails: Vec<Vec<Part>> = r.words().map(|s| vec![Part::Lit(s)]).collect();
                words = product(words, &tails);
            }
        }
    }
    words
}

fn push_tok(w: &mut Vec<Part>, t: &Tok) {
    match (t, w.last_mut()) {
        (Tok::Ch(c), Some(Part::Lit(s))) => s.push(*c),
        (Tok::Ch(c), _) => w.push(Part::Lit(c.to_string())),
        (Tok::Part(p), _) => w.push(p.clone()),
    }
}

fn push_parts(w: &mut Vec<Part>, tail: &[Part]) {
    for p in tail {
        match (p, w.last_mut()) {
            (Part::Lit(t), Some(Part::Lit(s))) => s.push_str(t),
            _ => w.push(p.clone()),
        }
    }
}

/// Each head followed by each tail. The last tail takes the head itself,
/// so a one-word group costs no copy of what precedes it.
fn product(heads: Vec<Vec<Part>>, tails: &[Vec<Part>]) -> Vec<Vec<Part>> {
    let Some((last, rest)) = tails.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(heads.len().saturating_mul(tails.len()));
    for mut h in heads {
        for t in rest {
            let mut w = h.clone();
            push_parts(&mut w, t);
            out.push(w);
        }
        push_parts(&mut h, last);
        out.push(h);
    }
    out
}

/// `{1..5}`, `{a..e}`, `{10..1..3}`, `{01..10}`: from `x` to `y` by `step`,
/// numbers zero-padded to `width` or letters.
#[derive(Debug)]
struct Range {
    x: i64,
    y: i64,
    step: u64,
    width: Option<usize>,
    letters: bool,
}

impl Range {
    /// The sequence between the braces, if the text is one (plain text
    /// only).
    fn parse(inner: &[Tok]) -> Option<Range> {
        let text: String = inner
            .iter()
            .map(|t| match t {
                Tok::Ch(c) => Some(*c),
                Tok::Part(_) => None,
            })
            .collect::<Option<String>>()?;
        let parts: Vec<&str> = text.split("..").collect();
        if !(2..=3).contains(&parts.len()) {
            return None;
        }
        let step = match parts.get(2) {
            Some(t) => t.parse::<i64>().ok()?.unsigned_abs().max(1),
            None => 1,
        };
        let (a, b) = (parts[0], parts[1]);
        if let (Ok(x), Ok(y)) = (a.parse::<i64>(), b.parse::<i64>()) {
            let width = [a, b]
                .iter()
                .filter(|t| {
                    let digits = t.trim_start_matches('-');
                    digits.len() > 1 && digits.starts_with('0')
                })
                .map(|t| t.len())
                .max();
            return Some(Range {
                x,
                y,
                step,
                width,
                letters: false,
            });
        }
        match (single_char(a), single_char(b)) {
            (Some(ca), Some(cb)) if ca.is_ascii_alphabetic() && cb.is_ascii_alphabetic() => Some(Range {
                x: ca as i64,
                y: cb as i64,
                step,
                width: None,
                letters: true,
            }),
            _ => None,
        }
    }

    fn count(&self) -> u128 {
        (i128::from(self.x) - i128::from(self.y)).unsigned_abs() / u128::from(self.step) + 1
    }

    /// The longest word's length.
    fn width(&self) -> u128 {
        let digits = |v: i64| v.to_string().len();
        let w = self.width.unwrap_or(0).max(digits(self.x)).max(digits(self.y));
        w as u128
    }

    fn words(&self) -> impl Iterator<Item = String> + '_ {
        let (x, y, step) = (i128::from(self.x), i128::from(self.y), i128::from(self.step));
        let down = x > y;
        let n = self.count();
        (0..n).map(move |k| {
            let k = k as i128;
            let v = if down { x - k * step } else { x + k * step } as i64;
            if self.letters {
                char::from(v as u8).to_string()
            } else {
                match self.width {
                    Some(w) if v < 0 => format!("-{:0>1$}", v.unsigned_abs(), w - 1),
                    Some(w) => format!("{v:0>w$}"),
                    None => v.to_string(),
                }
            }
        })
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut cs = s.chars();
    let c = cs.next()?;
    cs.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        expand(&Word::literal(s), &Limits::standard())
            .unwrap()
            .into_iter()
            .map(|w| w.unquoted_text())
            .collect()
    }

    fn refused(s: &str, limits: &Limits) -> String {
        expand(&Word::literal(s), limits).unwrap_err()
    }

    #[test]
    fn braces() {
        assert_eq!(words("a{b,c}d"), ["abd", "acd"]);
        assert_eq!(words("{1..3}"), ["1", "2", "3"]);
        assert_eq!(words("{3..1}"), ["3", "2", "1"]);
        assert_eq!(words("{1..10..4}"), ["1", "5", "9"]);
        assert_eq!(words("{10..1..4}"), ["10", "6", "2"]);
        assert_eq!(words("{a..e..2}"), ["a", "c", "e"]);
        assert_eq!(words("{01..3}"), ["01", "02", "03"]);
        assert_eq!(words("{-01..1}"), ["-01", "000", "001"]);
        assert_eq!(words("{a,b{1,2}}"), ["a", "b1", "b2"]);
        assert_eq!(words("{a}"), ["{a}"]);
        assert_eq!(words("{a}{b,c}"), ["{a}b", "{a}c"]);
        assert_eq!(words("{x,y}{1,2}"), ["x1", "x2", "y1", "y2"]);
        assert_eq!(words("x{,y}"), ["x", "xy"]);
        assert_eq!(words("{{a,b},c}"), ["a", "b", "c"]);
        assert_eq!(words("{a,b"), ["{a,b"]);
        assert_eq!(words("a,b}"), ["a,b}"]);
        assert_eq!(words("{{a,b}"), ["{a", "{b"]);
        assert_eq!(words("{1..1}"), ["1"]);
    }

    #[test]
    fn the_ends_of_i64_do_not_overflow() {
        // TM-RES-009
        assert_eq!(
            words("{9223372036854775806..9223372036854775807}"),
            ["9223372036854775806", "9223372036854775807"]
        );
        assert_eq!(
            words("{-9223372036854775808..-9223372036854775807}"),
            ["-9223372036854775808", "-9223372036854775807"]
        );
        let e = refused("{-9223372036854775808..9223372036854775807}", &Limits::standard());
        assert!(e.contains("brace expansion of 18446744073709551616 words"), "{e}");
    }

    #[test]
    fn products_are_counted_before_any_word_is_made() {
        // TM-RES-009: thirty groups of two are 2^30 words.
        let e = refused(&"{a,b}".repeat(30), &Limits::standard());
        assert_eq!(
            e,
            "brace expansion of 1073741824 words: brace expansion limit reached (4194304); raise it with --limit words=N"
        );
        let mut l = Limits::standard();
        l.max_alloc = 1 << 20;
        let e = refused("{1..100000}", &l);
        assert!(e.contains("string size limit reached (1 MiB)"), "{e}");
        // A group of one sequence, many times: one word, no recursion.
        assert_eq!(words(&"{1..1}".repeat(100_000)), ["1".repeat(100_000)]);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}x{}", "{a,".repeat(100_000), "}".repeat(100_000));
        let e = refused(&deep, &Limits::standard());
        assert!(e.contains("nesting limit reached (1000)"), "{e}");
        let ok = format!("{}x{}", "{a,".repeat(50), "}".repeat(50));
        assert_eq!(words(&ok).len(), 51);
    }
}
