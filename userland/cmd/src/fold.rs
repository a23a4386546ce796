//! `fold`: wrap each input line to fit in a width (GNU fold).

use common::cli::{Cmd, Opt, flag, value};

const HELP: &str = "Usage: fold [OPTION]... [FILE]...
Wrap input lines in each FILE, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes         count bytes rather than columns
  -s, --spaces        break at spaces
  -w, --width=WIDTH   use WIDTH columns instead of 80
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[flag("bytes", 'b'), flag("spaces", 's'), value("width", 'w')];

const TAB_WIDTH: usize = 8;

struct Fold {
    width: usize,
    bytes: bool,
    spaces: bool,
    /// The line being built and its column.
    line: Vec<u8>,
    column: usize,
}

impl Fold {
    fn adjust(&self, column: usize, c: u8) -> usize {
        if self.bytes {
            return column + 1;
        }
        match c {
            8 => column.saturating_sub(1),
            b'\r' => 0,
            b'\t' => column + TAB_WIDTH - column % TAB_WIDTH,
            _ => column + 1,
        }
    }

    /// GNU's per-byte loop.
    fn byte(&mut self, c: u8, out: &mut Vec<u8>) {
        if c == b'\n' {
            self.line.push(c);
            out.extend_from_slice(&self.line);
            self.line.clear();
            self.column = 0;
            return;
        }
        loop {
            self.column = self.adjust(self.column, c);
            if self.column <= self.width {
                break;
            }
            if self.spaces
                && let Some(i) = self.line.iter().rposition(|&b| b == b' ' || b == b'\t')
            {
                // Break after the last blank; the rest starts the next line.
                let end = i + 1;
                out.extend_from_slice(&self.line[..end]);
                out.push(b'\n');
                self.line.drain(..end);
                self.column = 0;
                for k in 0..self.line.len() {
                    self.column = self.adjust(self.column, self.line[k]);
                }
                continue;
            }
            if self.line.is_empty() {
                break;
            }
            out.extend_from_slice(&self.line);
            out.push(b'\n');
            self.line.clear();
            self.column = 0;
        }
        self.line.push(c);
    }
}

/// `fold -80`: GNU turns `-N` into `-wN`.
fn obsolete(args: &mut [String]) {
    for a in args.iter_mut() {
        if a == "--" {
            break;
        }
        if a.len() > 1 && a.starts_with('-') && a.as_bytes()[1].is_ascii_digit() {
            *a = format!("-w{}", &a[1..]);
        }
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    obsolete(&mut cmd.args);
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let width = match opts.value("width") {
        None => 80,
        Some(v) => match v.parse::<usize>() {
            Ok(0) => {
                cmd.error(format!(
                    "invalid number of columns: '{v}': Numerical result out of range"
                ))
                .await;
                return cmd.finish(1).await;
            }
            Ok(w) => w,
            Err(_) => {
                cmd.error(format!("invalid number of columns: '{v}'")).await;
                return cmd.finish(1).await;
            }
        },
    };
    let files = opts.files();
    let p = cmd.p.clone();
    let mut status = 0;
    for f in &files {
        let Some(mut input) = cmd.open_input(f).await else {
            status = 1;
            continue;
        };
        let mut fold = Fold {
            width,
            bytes: opts.has("bytes"),
            spaces: opts.has("spaces"),
            line: Vec::new(),
            column: 0,
        };
        let mut out = Vec::new();
        loop {
            match input.chunk(&p).await {
                Ok(Some(chunk)) => {
                    for &c in &chunk {
                        fold.byte(c, &mut out);
                    }
                    cmd.out.write(&out).await;
                    out.clear();
                }
                Ok(None) => break,
                Err(e) => {
                    cmd.error_at(f, &e).await;
                    status = 1;
                    break;
                }
            }
        }
        cmd.out.write(&fold.line).await;
        input.close(&p).await;
    }
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str, width: usize, spaces: bool) -> String {
        let mut f = Fold {
            width,
            bytes: false,
            spaces,
            line: Vec::new(),
            column: 0,
        };
        let mut out = Vec::new();
        for c in s.bytes() {
            f.byte(c, &mut out);
        }
        out.extend_from_slice(&f.line);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wraps_as_gnu() {
        assert_eq!(fold("hello world foo bar\n", 5, false), "hello\n worl\nd foo\n bar\n");
        assert_eq!(fold("hello world foo bar\n", 7, true), "hello \nworld \nfoo bar\n");
        assert_eq!(fold("a\tbcdefghij\n", 6, false), "a\n\t\nbcdefg\nhij\n");
        assert_eq!(fold("   abcdef\n", 4, true), "   \nabcd\nef\n");
    }
}
