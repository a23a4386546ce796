//! `expand`: convert tabs to spaces; and the tab stops it shares with
//! `unexpand` (GNU's expand-common: `-t N`, `-t LIST`, `/N` and `+N`).
//!
//! Both commands treat their files as one stream, as GNU does: a file that
//! ends without a newline continues the line into the next file.

use common::cli::{Cmd, Opt, flag, value};
use common::io::Input;

const HELP: &str = "Usage: expand [OPTION]... [FILE]...
Convert tabs in each FILE to spaces, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -i, --initial    do not convert tabs after non blanks
  -t, --tabs=N     have tabs N characters apart, not 8
  -t, --tabs=LIST  use comma separated list of tab positions.
                     The last specified position can be prefixed with '/'
                     to specify a tab size to use after the last
                     explicitly specified tab stop.  Also a prefix of '+'
                     can be used to align remaining tab stops relative to
                     the last specified tab stop instead of the first column
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[flag("initial", 'i'), value("tabs", 't')];

/// Tab stops as GNU's expand-common keeps them.
#[derive(Debug, Default)]
pub struct TabStops {
    list: Vec<u64>,
    extend: u64,
    increment: u64,
    /// A single tab size (after `finalize`), or 0 for a list.
    size: u64,
}

impl TabStops {
    /// Parse one `-t` argument (numbers separated by commas or blanks).
    pub fn parse(&mut self, stops: &str) -> Result<(), String> {
        let b = stops.as_bytes();
        let mut have = false;
        let mut val: u64 = 0;
        let mut extend = false;
        let mut increment = false;
        let mut num_start = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b',' || c == b' ' || c == b'\t' {
                if have {
                    self.push(val, extend, increment)?;
                }
                have = false;
            } else if c == b'/' || c == b'+' {
                if have {
                    return Err(format!(
                        "'{}' specifier not at start of number: '{}'",
                        c as char,
                        &stops[i..]
                    ));
                }
                extend = c == b'/';
                increment = c == b'+';
            } else if c.is_ascii_digit() {
                if !have {
                    val = 0;
                    have = true;
                    num_start = i;
                }
                match val.checked_mul(10).and_then(|v| v.checked_add(u64::from(c - b'0'))) {
                    Some(v) => val = v,
                    None => {
                        let len = b[num_start..].iter().take_while(|d| d.is_ascii_digit()).count();
                        return Err(format!(
                            "tab stop is too large '{}'",
                            &stops[num_start..num_start + len]
                        ));
                    }
                }
            } else {
                return Err(format!(
                    "tab size contains invalid character(s): '{}'",
                    String::from_utf8_lossy(&b[i..])
                ));
            }
            i += 1;
        }
        if have {
            self.push(val, extend, increment)?;
        }
        Ok(())
    }

    fn push(&mut self, val: u64, extend: bool, increment: bool) -> Result<(), String> {
        if self.extend != 0 {
            return Err("'/' specifier only allowed with the last value".into());
        }
        if self.increment != 0 {
            return Err("'+' specifier only allowed with the last value".into());
        }
        if extend {
            self.extend = val;
        } else if increment {
            self.increment = val;
        } else {
            self.list.push(val);
        }
        Ok(())
    }

    /// Check the stops and settle on a single size or a list.
    pub fn finalize(&mut self) -> Result<(), String> {
        let mut prev = 0;
        for &t in &self.list {
            if t == 0 {
                return Err("tab size cannot be 0".into());
            }
            if t <= prev {
                return Err("tab sizes must be ascending".into());
            }
            prev = t;
        }
        if self.extend != 0 && self.increment != 0 {
            return Err("'/' specifier is mutually exclusive with '+'".into());
        }
        self.size = match self.list.len() {
            0 if self.extend != 0 => self.extend,
            0 if self.increment != 0 => self.increment,
            0 => 8,
            1 if self.extend == 0 && self.increment == 0 => self.list[0],
            _ => 0,
        };
        Ok(())
    }

    /// GNU's `get_next_tab_column`: the next stop after `column`, or None
    /// past the last one.
    pub fn next(&self, column: u64, index: &mut usize) -> Option<u64> {
        if self.size != 0 {
            return Some(column.saturating_add(self.size - column % self.size));
        }
        while *index < self.list.len() {
            let tab = self.list[*index];
            if column < tab {
                return Some(tab);
            }
            *index += 1;
        }
        if self.extend != 0 {
            return Some(column.saturating_add(self.extend - column % self.extend));
        }
        if self.increment != 0 {
            let end = self.list.last().copied().unwrap_or(0);
            return Some(column.saturating_add(self.increment - (column - end) % self.increment));
        }
        None
    }
}

/// `-4` or `-4,8`: GNU's old-style tab options, rewritten as `-t`.
pub fn obsolete(args: &mut [String]) {
    for a in args.iter_mut() {
        if a == "--" {
            break;
        }
        if a.len() > 1 && a.starts_with('-') && a.as_bytes()[1].is_ascii_digit() {
            *a = format!("--tabs={}", &a[1..]);
        }
    }
}

/// Line state carried across bytes (and files).
struct Expand<'a> {
    tabs: &'a TabStops,
    initial: bool,
    convert: bool,
    column: u64,
    index: usize,
}

impl Expand<'_> {
    fn byte(&mut self, c: u8, out: &mut Vec<u8>) {
        if self.convert {
            match c {
                b'\t' => {
                    let next = self.tabs.next(self.column, &mut self.index).unwrap_or(self.column + 1);
                    while self.column < next {
                        out.push(b' ');
                        self.column += 1;
                    }
                    return;
                }
                8 => {
                    self.column = self.column.saturating_sub(1);
                    self.index = self.index.saturating_sub(1);
                }
                _ => self.column += 1,
            }
            if self.initial && c != b' ' && c != b'\t' {
                self.convert = false;
            }
        }
        out.push(c);
        if c == b'\n' {
            self.convert = true;
            self.column = 0;
            self.index = 0;
        }
    }
}

/// Read every file in turn as one stream, calling `f` on each chunk.
pub async fn each_chunk(cmd: &mut Cmd, files: &[String], mut f: impl FnMut(&[u8], &mut Vec<u8>)) -> i32 {
    let p = cmd.p.clone();
    let mut status = 0;
    let mut out = Vec::new();
    for name in files {
        let mut input = match Input::open(&p, name).await {
            Ok(i) => i,
            Err(e) => {
                cmd.error_at(name, &e).await;
                status = 1;
                continue;
            }
        };
        loop {
            match input.chunk(&p).await {
                Ok(Some(chunk)) => {
                    f(&chunk, &mut out);
                    cmd.out.write(&out).await;
                    out.clear();
                }
                Ok(None) => break,
                Err(e) => {
                    cmd.error_at(name, &e).await;
                    status = 1;
                    break;
                }
            }
        }
        input.close(&p).await;
    }
    status
}

pub async fn main(mut cmd: Cmd) -> i32 {
    obsolete(&mut cmd.args);
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut tabs = TabStops::default();
    let setup = opts
        .values("tabs")
        .iter()
        .try_for_each(|t| tabs.parse(t))
        .and_then(|()| tabs.finalize());
    if let Err(msg) = setup {
        cmd.error(msg).await;
        return cmd.finish(1).await;
    }
    let files = opts.files();
    let mut state = Expand {
        tabs: &tabs,
        initial: opts.has("initial"),
        convert: true,
        column: 0,
        index: 0,
    };
    let status = each_chunk(&mut cmd, &files, |chunk, out| {
        for &c in chunk {
            state.byte(c, out);
        }
    })
    .await;
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stops(s: &str) -> Result<TabStops, String> {
        let mut t = TabStops::default();
        t.parse(s)?;
        t.finalize()?;
        Ok(t)
    }

    fn expand(s: &str, tabs: &str, initial: bool) -> String {
        let t = stops(tabs).unwrap();
        let mut e = Expand {
            tabs: &t,
            initial,
            convert: true,
            column: 0,
            index: 0,
        };
        let mut out = Vec::new();
        for c in s.bytes() {
            e.byte(c, &mut out);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn expands() {
        assert_eq!(expand("a\tb\tc\n", "8", false), "a       b       c\n");
        assert_eq!(expand("a\tb\tc\td\n", "2,5", false), "a b  c d\n");
        assert_eq!(expand("a\tb\tc\td\te\n", "2,/4", false), "a b c   d   e\n");
        assert_eq!(expand("a\tb\tc\td\te\n", "2,+4", false), "a b   c   d   e\n");
        assert_eq!(expand("  \t a\tb\n", "3", true), "    a\tb\n");
        assert_eq!(expand("ab\x08\tc\n", "8", false), "ab\x08       c\n");
    }

    #[test]
    fn stop_errors() {
        assert_eq!(stops("0").unwrap_err(), "tab size cannot be 0");
        assert_eq!(stops("4,2").unwrap_err(), "tab sizes must be ascending");
        assert_eq!(stops("x").unwrap_err(), "tab size contains invalid character(s): 'x'");
        assert_eq!(
            stops("2,/4,6").unwrap_err(),
            "'/' specifier only allowed with the last value"
        );
    }
}
