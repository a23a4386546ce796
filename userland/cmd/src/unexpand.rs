//! `unexpand`: convert blanks to tabs (a port of GNU unexpand's loop).

use super::expand::{TabStops, each_chunk};
use common::cli::{Arg, Cmd, Opt, flag, long, value};

const HELP: &str = "Usage: unexpand [OPTION]... [FILE]...
Convert blanks in each FILE to tabs, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all        convert all blanks, instead of just initial blanks
      --first-only  convert only leading sequences of blanks (overrides -a)
  -t, --tabs=N     have tabs N characters apart instead of 8 (enables -a)
  -t, --tabs=LIST  use comma separated list of tab positions.
                     The last specified position can be prefixed with '/'
                     to specify a tab size to use after the last
                     explicitly specified tab stop.  Also a prefix of '+'
                     can be used to align remaining tab stops relative to
                     the last specified tab stop instead of the first column
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[
    flag("all", 'a'),
    long("first-only", Arg::No),
    value("tabs", 't'),
    long("old-tab", Arg::Required),
];

/// Line state, carried across bytes and files.
struct Unexpand<'a> {
    tabs: &'a TabStops,
    all: bool,
    convert: bool,
    column: u64,
    next_tab: u64,
    index: usize,
    one_blank_before_stop: bool,
    prev_blank: bool,
    pending: Vec<u8>,
}

impl Unexpand<'_> {
    fn new_line(&mut self) {
        self.convert = true;
        self.column = 0;
        self.next_tab = 0;
        self.index = 0;
        self.one_blank_before_stop = false;
        self.prev_blank = true;
        self.pending.clear();
    }

    fn byte(&mut self, mut c: u8, out: &mut Vec<u8>) {
        if self.convert {
            let blank = c == b' ' || c == b'\t';
            if blank {
                match self.tabs.next(self.column, &mut self.index) {
                    None => self.convert = false,
                    Some(next) => self.next_tab = next,
                }
                if self.convert {
                    if c == b'\t' {
                        self.column = self.next_tab;
                        if !self.pending.is_empty() {
                            self.pending[0] = b'\t';
                        }
                    } else {
                        self.column += 1;
                        if !(self.prev_blank && self.column == self.next_tab) {
                            // Not yet known whether these become a tab.
                            if self.column == self.next_tab {
                                self.one_blank_before_stop = true;
                            }
                            self.pending.push(c);
                            self.prev_blank = true;
                            return;
                        }
                        // The blanks reach a stop: a tab replaces them.
                        c = b'\t';
                        if !self.pending.is_empty() {
                            self.pending[0] = b'\t';
                        }
                    }
                    // Drop the pending blanks, unless it was a single blank
                    // just before the previous stop.
                    let keep = usize::from(self.one_blank_before_stop);
                    self.pending.truncate(keep);
                }
            } else if c == 8 {
                self.column = self.column.saturating_sub(1);
                self.next_tab = self.column;
                self.index = self.index.saturating_sub(1);
            } else {
                self.column += 1;
            }
            if !self.pending.is_empty() {
                if self.pending.len() > 1 && self.one_blank_before_stop {
                    self.pending[0] = b'\t';
                }
                out.extend_from_slice(&self.pending);
                self.pending.clear();
                self.one_blank_before_stop = false;
            }
            self.prev_blank = blank;
            self.convert &= self.all || blank;
        }
        out.push(c);
        if c == b'\n' {
            self.new_line();
        }
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    // `-4` or `-4,8`: old-style tab stops, which unlike -t leave -a off.
    let mut old = Vec::new();
    for a in cmd.args.iter_mut() {
        if a == "--" {
            break;
        }
        if a.len() > 1 && a.starts_with('-') && a.as_bytes()[1].is_ascii_digit() {
            old.push(a[1..].to_string());
            *a = format!("--old-tab={}", &a[1..]);
        }
    }
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut tabs = TabStops::default();
    let mut all = false;
    let mut setup = Ok(());
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        setup = setup.and_then(|()| match *name {
            "all" => {
                all = true;
                Ok(())
            }
            "tabs" => {
                all = true;
                tabs.parse(v)
            }
            "old-tab" => tabs.parse(v),
            _ => Ok(()),
        });
    }
    if opts.has("first-only") {
        all = false;
    }
    if let Err(msg) = setup.and_then(|()| tabs.finalize()) {
        cmd.error(msg).await;
        return cmd.finish(1).await;
    }
    let files = opts.files();
    let mut state = Unexpand {
        tabs: &tabs,
        all,
        convert: true,
        column: 0,
        next_tab: 0,
        index: 0,
        one_blank_before_stop: false,
        prev_blank: true,
        pending: Vec::new(),
    };
    let status = each_chunk(&mut cmd, &files, |chunk, out| {
        for &c in chunk {
            state.byte(c, out);
        }
    })
    .await;
    // Blanks still pending at the end of the input are written out.
    let mut rest = std::mem::take(&mut state.pending);
    if rest.len() > 1 && state.one_blank_before_stop {
        rest[0] = b'\t';
    }
    cmd.out.write(&rest).await;
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unexpand(s: &str, tabs: &str, all: bool) -> String {
        let mut t = TabStops::default();
        t.parse(tabs).unwrap();
        t.finalize().unwrap();
        let mut u = Unexpand {
            tabs: &t,
            all,
            convert: true,
            column: 0,
            next_tab: 0,
            index: 0,
            one_blank_before_stop: false,
            prev_blank: true,
            pending: Vec::new(),
        };
        let mut out = Vec::new();
        for c in s.bytes() {
            u.byte(c, &mut out);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn as_gnu() {
        assert_eq!(unexpand("        a       b\n", "8", false), "\ta       b\n");
        assert_eq!(unexpand("        a       b\n", "8", true), "\ta\tb\n");
        assert_eq!(unexpand("a      b\n", "8", true), "a      b\n");
        assert_eq!(unexpand("  a  \t b\n", "8", true), "  a\t b\n");
        assert_eq!(unexpand("          x\n", "2,6", true), "\t\t    x\n");
        assert_eq!(unexpand(" \t  x\n", "8", false), "\t  x\n");
        assert_eq!(unexpand("x \ty\n", "8", true), "x\ty\n");
    }
}
