//! `tac`: concatenate and print files in reverse, record by record.
//!
//! A file is held in memory (one buffer) and its separators are found
//! from the end backwards, as GNU tac searches: with `-r` the separator
//! found is the one starting last, matched within what precedes the
//! previous one.

use common::cli::{Cmd, Opt, flag, value};
use common::io::Input;
use common::regex::{Options, Regex, Syntax};

const HELP: &str = "Usage: tac [OPTION]... [FILE]...
Write each FILE to standard output, last line first.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --before             attach the separator before instead of after
  -r, --regex              interpret the separator as a regular expression
                             (extended syntax)
  -s, --separator=STRING   use STRING as the separator instead of newline
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[flag("before", 'b'), flag("regex", 'r'), value("separator", 's')];

enum Sep {
    Bytes(Vec<u8>),
    Regex(Regex),
}

/// Finds separators from the end of one buffer backwards.
struct Finder<'a> {
    sep: &'a Sep,
    data: &'a [u8],
    /// For a regex: every position where a match starts, ascending
    /// (consumed from the back).
    starts: Vec<usize>,
}

impl<'a> Finder<'a> {
    fn new(sep: &'a Sep, data: &'a [u8]) -> Finder<'a> {
        let mut starts = Vec::new();
        if let Sep::Regex(re) = sep {
            let mut from = 0;
            while from <= data.len() {
                let Some((s, _)) = re.find_at(data, from) else { break };
                starts.push(s);
                from = s + 1;
            }
        }
        Finder { sep, data, starts }
    }

    /// The separator starting last and ending by `end`, as (start, end).
    fn rfind(&mut self, end: usize) -> Option<(usize, usize)> {
        let hay = &self.data[..end];
        match self.sep {
            Sep::Bytes(s) if s.len() == 1 => memchr::memrchr(s[0], hay).map(|i| (i, i + 1)),
            Sep::Bytes(s) => memchr::memmem::rfind(hay, s).map(|i| (i, i + s.len())),
            Sep::Regex(re) => {
                while let Some(s) = self.starts.pop() {
                    if s >= end {
                        continue;
                    }
                    // Matched again within what precedes the last separator.
                    if let Some(m) = re.find_at(hay, s).filter(|m| m.0 == s && m.1 > s) {
                        return Some(m);
                    }
                }
                None
            }
        }
    }
}

/// Records of `data` in reverse order, separators attached after (or,
/// with `before`, before) their record.
fn reverse(data: &[u8], sep: &Sep, before: bool, out: &mut Vec<u8>) {
    let mut end = data.len();
    // The end of the record being assembled (after), or its start (before).
    let mut rec_end = data.len();
    let mut search_end = data.len();
    let mut finder = Finder::new(sep, data);
    while let Some((s, e)) = finder.rfind(search_end) {
        if before {
            out.extend_from_slice(&data[s..rec_end]);
            rec_end = s;
        } else {
            out.extend_from_slice(&data[e..end]);
            end = e;
        }
        search_end = s;
    }
    if before {
        out.extend_from_slice(&data[..rec_end]);
    } else {
        out.extend_from_slice(&data[..end]);
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut text = opts.value("separator").unwrap_or("\n").as_bytes().to_vec();
    if text.is_empty() {
        // GNU tac reads the separator as a C string: an empty one is the
        // NUL that ends it (and a regex may not be empty).
        if opts.has("regex") {
            cmd.error("separator cannot be empty").await;
            return cmd.finish(1).await;
        }
        text.push(0);
    }
    let sep = if opts.has("regex") {
        match Regex::new(&text, Options::new(Syntax::Extended)) {
            Ok(r) => Sep::Regex(r),
            Err(e) => {
                cmd.error(e).await;
                return cmd.finish(1).await;
            }
        }
    } else {
        Sep::Bytes(text.clone())
    };
    let before = opts.has("before");
    let files = opts.files();
    let p = cmd.p.clone();
    let mut status = 0;
    for f in &files {
        let mut input = match Input::open(&p, f).await {
            Ok(i) => i,
            Err(e) if e.is(kernel::Errno::EISDIR) => {
                cmd.error(format!("{f}: read error: {}", e.strerror())).await;
                status = 1;
                continue;
            }
            Err(e) => {
                cmd.error(format!("failed to open '{f}' for reading: {}", e.strerror()))
                    .await;
                status = 1;
                continue;
            }
        };
        let data = input.read_all(&p).await;
        input.close(&p).await;
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                cmd.error(format!("{f}: read error: {}", e.strerror())).await;
                status = 1;
                continue;
            }
        };
        let mut out = Vec::with_capacity(data.len());
        reverse(&data, &sep, before, &mut out);
        cmd.out.write(&out).await;
    }
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tac(data: &str, sep: &str, before: bool, regex: bool) -> String {
        let sep = if regex {
            Sep::Regex(Regex::new(sep.as_bytes(), Options::new(Syntax::Extended)).unwrap())
        } else {
            Sep::Bytes(sep.as_bytes().to_vec())
        };
        let mut out = Vec::new();
        reverse(data.as_bytes(), &sep, before, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn records() {
        assert_eq!(tac("1\n2\n3\n", "\n", false, false), "3\n2\n1\n");
        assert_eq!(tac("1\n2\n3", "\n", false, false), "32\n1\n");
        assert_eq!(tac("a,b,c,", ",", true, false), ",,c,ba");
        assert_eq!(tac("aXYbXYc", "XY", false, false), "cbXYaXY");
        assert_eq!(tac("a1b22c", "[0-9]+", false, true), "c2b2a1");
        assert_eq!(tac("a1b22c", "[0-9]+", true, true), "2c21ba");
    }
}
