//! `cut`: print selected bytes, characters or fields of each line.
//!
//! Lines are cut out of 64 KiB chunks in place ([`Splitter`]) and the
//! output of a whole chunk is built before one write, so a line costs a
//! few `memchr` calls and no allocation. Characters are bytes (C locale).

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::io::Input;
use common::lines::Splitter;

const HELP: &str = "Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        select only these bytes
  -c, --characters=LIST   select only these characters (bytes: C locale)
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -n                      (ignored)
      --complement        complement the set of selected bytes, characters
                            or fields
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
                            the default is to use the input delimiter
  -z, --zero-terminated   line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

Use one, and only one of -b, -c or -f.  Each LIST is made up of one
range, or many ranges separated by commas.  Selected input is written
in the same order that it is read, and is written exactly once.
Each range is one of:

  N     N'th byte, character or field, counted from 1
  N-    from N'th byte, character or field, to end of line
  N-M   from N'th to M'th (included) byte, character or field
  -M    from first to M'th (included) byte, character or field
";

const SPEC: &[Opt] = &[
    value("bytes", 'b'),
    value("characters", 'c'),
    value("delimiter", 'd'),
    value("fields", 'f'),
    flag("n", 'n'),
    long("complement", Arg::No),
    flag("only-delimited", 's'),
    long("output-delimiter", Arg::Required),
    flag("zero-terminated", 'z'),
];

/// An inclusive range of 1-based positions; `hi` may be `u64::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub lo: u64,
    pub hi: u64,
}

/// Parse a LIST as GNU's `set_fields` does: sorted, overlapping ranges
/// merged (adjacent ones stay apart: `--output-delimiter` separates them).
/// `pos` picks the byte/character wording of the messages.
pub fn parse_list(s: &str, pos: bool) -> Result<Vec<Range>, String> {
    let from_one = if pos {
        "byte/character positions are numbered from 1"
    } else {
        "fields are numbered from 1"
    };
    let mut ranges = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    let mut value: u64 = 0;
    let mut initial: u64 = 1;
    let (mut lhs, mut rhs, mut dash) = (false, false, false);
    let mut num_start = 0;
    let mut in_digits = false;
    loop {
        let c = b.get(i).copied();
        match c {
            Some(b'-') => {
                in_digits = false;
                if dash {
                    return Err(if pos {
                        "invalid byte or character range".into()
                    } else {
                        "invalid field range".into()
                    });
                }
                dash = true;
                if lhs && value == 0 {
                    return Err(from_one.into());
                }
                initial = if lhs { value } else { 1 };
                value = 0;
            }
            None | Some(b',' | b' ' | b'\t') => {
                in_digits = false;
                if dash {
                    dash = false;
                    if !lhs && !rhs {
                        return Err("invalid range with no endpoint: -".into());
                    }
                    if !rhs {
                        ranges.push(Range {
                            lo: initial,
                            hi: u64::MAX,
                        });
                    } else {
                        if value < initial {
                            return Err("invalid decreasing range".into());
                        }
                        ranges.push(Range { lo: initial, hi: value });
                    }
                } else {
                    if value == 0 {
                        return Err(from_one.into());
                    }
                    ranges.push(Range { lo: value, hi: value });
                }
                value = 0;
                if c.is_none() {
                    break;
                }
                lhs = false;
                rhs = false;
            }
            Some(d @ b'0'..=b'9') => {
                if !in_digits {
                    num_start = i;
                }
                in_digits = true;
                if dash {
                    rhs = true;
                } else {
                    lhs = true;
                }
                value = match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(d - b'0'))) {
                    Some(v) if v != u64::MAX => v,
                    _ => {
                        let len = b[num_start..].iter().take_while(|c| c.is_ascii_digit()).count();
                        let num = &s[num_start..num_start + len];
                        return Err(if pos {
                            format!("byte/character offset '{num}' is too large")
                        } else {
                            format!("field number '{num}' is too large")
                        });
                    }
                };
            }
            Some(_) => {
                let rest = String::from_utf8_lossy(&b[i..]);
                return Err(if pos {
                    format!("invalid byte/character position '{rest}'")
                } else {
                    format!("invalid field value '{rest}'")
                });
            }
        }
        i += 1;
    }
    ranges.sort_by_key(|r| (r.lo, r.hi));
    let mut merged: Vec<Range> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.lo <= last.hi => last.hi = last.hi.max(r.hi),
            _ => merged.push(r),
        }
    }
    Ok(merged)
}

/// The ranges not covered by `ranges` (sorted and merged).
pub fn complement(ranges: &[Range]) -> Vec<Range> {
    let mut out = Vec::new();
    let mut next = 1u64;
    for r in ranges {
        if r.lo > next {
            out.push(Range { lo: next, hi: r.lo - 1 });
        }
        next = r.hi.saturating_add(1);
        if r.hi == u64::MAX {
            return out;
        }
    }
    out.push(Range { lo: next, hi: u64::MAX });
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bytes,
    Fields,
}

struct Cutter {
    mode: Mode,
    ranges: Vec<Range>,
    delim: u8,
    out_delim: Option<Vec<u8>>,
    only_delimited: bool,
    eol: u8,
}

impl Cutter {
    /// Cut one line (without its terminator) into `out`, terminator added.
    fn line(&self, line: &[u8], out: &mut Vec<u8>) {
        match self.mode {
            Mode::Bytes => self.bytes(line, out),
            Mode::Fields => {
                if !self.fields(line, out) {
                    return;
                }
            }
        }
        out.push(self.eol);
    }

    fn bytes(&self, line: &[u8], out: &mut Vec<u8>) {
        let len = line.len() as u64;
        let mut first = true;
        for r in &self.ranges {
            if r.lo > len {
                break;
            }
            if !first && let Some(d) = &self.out_delim {
                out.extend_from_slice(d);
            }
            first = false;
            let hi = r.hi.min(len);
            out.extend_from_slice(&line[(r.lo - 1) as usize..hi as usize]);
        }
    }

    /// False when the line is to be dropped (`-s`, no delimiter).
    fn fields(&self, line: &[u8], out: &mut Vec<u8>) -> bool {
        let Some(first_delim) = memchr::memchr(self.delim, line) else {
            if self.only_delimited {
                return false;
            }
            out.extend_from_slice(line);
            return true;
        };
        let mut ri = 0;
        let mut idx: u64 = 1;
        let mut start = 0;
        let mut end = first_delim;
        let mut printed = false;
        let last_hi = self.ranges.last().map_or(0, |r| r.hi);
        loop {
            while ri < self.ranges.len() && self.ranges[ri].hi < idx {
                ri += 1;
            }
            if ri < self.ranges.len() && self.ranges[ri].lo <= idx {
                if printed {
                    match &self.out_delim {
                        Some(d) => out.extend_from_slice(d),
                        None => out.push(self.delim),
                    }
                }
                printed = true;
                out.extend_from_slice(&line[start..end]);
            }
            if end >= line.len() || idx >= last_hi {
                break;
            }
            idx += 1;
            start = end + 1;
            end = memchr::memchr(self.delim, &line[start..]).map_or(line.len(), |i| start + i);
        }
        true
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let cutter = match setup(&opts) {
        Ok(c) => c,
        Err(msg) => return cmd.usage_error(msg, 1).await,
    };
    let files = opts.files();
    let p = cmd.p.clone();
    let mut status = 0;
    for f in &files {
        let Some(mut input) = cmd.open_input(f).await else {
            status = 1;
            continue;
        };
        if let Err(e) = cut(&mut cmd, &mut input, &cutter).await {
            cmd.error_at(f, &e).await;
            status = 1;
        }
        input.close(&p).await;
    }
    cmd.finish(status).await
}

fn setup(opts: &common::cli::Opts) -> Result<Cutter, String> {
    let mut list: Option<(Mode, &str)> = None;
    let mut delim = None;
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "bytes" | "characters" | "fields" => {
                if list.is_some() {
                    return Err("only one list may be specified".into());
                }
                let mode = if *name == "fields" { Mode::Fields } else { Mode::Bytes };
                list = Some((mode, v));
            }
            "delimiter" => {
                let b = v.as_bytes();
                if b.len() > 1 {
                    return Err("the delimiter must be a single character".into());
                }
                delim = Some(b.first().copied().unwrap_or(0));
            }
            _ => {}
        }
    }
    let Some((mode, spec)) = list else {
        return Err("you must specify a list of bytes, characters, or fields".into());
    };
    if delim.is_some() && mode != Mode::Fields {
        return Err("an input delimiter may be specified only when operating on fields".into());
    }
    let only_delimited = opts.has("only-delimited");
    if only_delimited && mode != Mode::Fields {
        return Err("suppressing non-delimited lines makes sense\n\tonly when operating on fields".into());
    }
    let mut ranges = parse_list(spec, mode == Mode::Bytes)?;
    if opts.has("complement") {
        ranges = complement(&ranges);
    }
    Ok(Cutter {
        mode,
        ranges,
        delim: delim.unwrap_or(b'\t'),
        out_delim: opts.value("output-delimiter").map(|s| s.as_bytes().to_vec()),
        only_delimited,
        eol: if opts.has("zero-terminated") { 0 } else { b'\n' },
    })
}

async fn cut(cmd: &mut Cmd, input: &mut Input, cutter: &Cutter) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let eol = cutter.eol;
    let mut splitter = Splitter::new(eol);
    let mut out = Vec::with_capacity(64 * 1024);
    while let Some(chunk) = input.chunk(&p).await? {
        splitter.feed(&chunk, |rec| {
            cutter.line(&rec[..rec.len() - 1], &mut out);
            true
        });
        cmd.out.write(&out).await;
        out.clear();
    }
    if let Some(rest) = splitter.take_rest() {
        cutter.line(&rest, &mut out);
        cmd.out.write(&out).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(lo: u64, hi: u64) -> Range {
        Range { lo, hi }
    }

    #[test]
    fn lists() {
        assert_eq!(
            parse_list("1,3-5,7-", false).unwrap(),
            [r(1, 1), r(3, 5), r(7, u64::MAX)]
        );
        assert_eq!(parse_list("-3", false).unwrap(), [r(1, 3)]);
        assert_eq!(parse_list("2-4,3-6", true).unwrap(), [r(2, 6)]);
        assert_eq!(parse_list("1-2,3-4", true).unwrap(), [r(1, 2), r(3, 4)]);
        assert_eq!(parse_list("1 3", false).unwrap(), [r(1, 1), r(3, 3)]);
        assert_eq!(parse_list("0", false).unwrap_err(), "fields are numbered from 1");
        assert_eq!(parse_list("1,,", false).unwrap_err(), "fields are numbered from 1");
        assert_eq!(parse_list("3-1", false).unwrap_err(), "invalid decreasing range");
        assert_eq!(parse_list("-", false).unwrap_err(), "invalid range with no endpoint: -");
        assert_eq!(
            parse_list("x", true).unwrap_err(),
            "invalid byte/character position 'x'"
        );
        assert_eq!(parse_list("1-2-3", false).unwrap_err(), "invalid field range");
        assert_eq!(
            parse_list("99999999999999999999", false).unwrap_err(),
            "field number '99999999999999999999' is too large"
        );
    }

    #[test]
    fn complements() {
        assert_eq!(complement(&[r(2, 3)]), [r(1, 1), r(4, u64::MAX)]);
        assert_eq!(complement(&[r(1, u64::MAX)]), []);
        assert_eq!(complement(&[r(1, 1), r(3, 3)]), [r(2, 2), r(4, u64::MAX)]);
    }

    fn cut_line(c: &Cutter, line: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        c.line(line, &mut out);
        out
    }

    #[test]
    fn fields_and_bytes() {
        let mut c = Cutter {
            mode: Mode::Fields,
            ranges: vec![r(2, 2), r(4, u64::MAX)],
            delim: b':',
            out_delim: None,
            only_delimited: false,
            eol: b'\n',
        };
        assert_eq!(cut_line(&c, b"a:b:c:d:e"), b"b:d:e\n");
        assert_eq!(cut_line(&c, b"a"), b"a\n");
        assert_eq!(cut_line(&c, b"a:"), b"\n");
        c.only_delimited = true;
        assert_eq!(cut_line(&c, b"a"), b"");
        c.mode = Mode::Bytes;
        c.out_delim = Some(b"-".to_vec());
        c.ranges = vec![r(1, 2), r(3, 4)];
        assert_eq!(cut_line(&c, b"abcdef"), b"ab-cd\n");
        assert_eq!(cut_line(&c, b"ab"), b"ab\n");
    }
}
