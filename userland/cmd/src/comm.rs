//! `comm`: compare two sorted files line by line.
//!
//! A port of GNU comm's `compare_files`, including when it checks the
//! order of its inputs: always with `--check-order`, never with
//! `--nocheck-order`, and by default only once a line has been found in
//! just one file (then a disorder is a warning, and the status 1).

use std::cmp::Ordering;

use common::cli::{Arg, Cmd, Opt, flag, long};
use common::io::Input;

const HELP: &str = "Usage: comm [OPTION]... FILE1 FILE2
Compare sorted files FILE1 and FILE2 line by line.

When FILE1 or FILE2 (not both) is -, read standard input.

With no options, produce three-column output.  Column one contains
lines unique to FILE1, column two contains lines unique to FILE2,
and column three contains lines common to both files.

  -1                      suppress column 1 (lines unique to FILE1)
  -2                      suppress column 2 (lines unique to FILE2)
  -3                      suppress column 3 (lines that appear in both files)

      --check-order       check that the input is correctly sorted, even
                            if all input lines are pairable
      --nocheck-order     do not check that the input is correctly sorted
      --output-delimiter=STR  separate columns with STR
      --total             output a summary
  -z, --zero-terminated   line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

Lines are compared byte by byte (the C locale).
";

const SPEC: &[Opt] = &[
    flag("1", '1'),
    flag("2", '2'),
    flag("3", '3'),
    long("check-order", Arg::No),
    long("nocheck-order", Arg::No),
    long("output-delimiter", Arg::Required),
    long("total", Arg::No),
    flag("zero-terminated", 'z'),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum CheckOrder {
    Default,
    Enabled,
    Disabled,
}

/// One input: four line buffers used in rotation, as GNU keeps them, so
/// the last two lines can be checked again at the end of the file.
struct Side {
    input: Input,
    bufs: [Option<Vec<u8>>; 4],
    alt: [usize; 3],
    /// Whether `bufs[alt[0]]` holds the next line.
    has_line: bool,
    name: String,
}

impl Side {
    fn line(&self) -> &[u8] {
        self.bufs[self.alt[0]].as_deref().unwrap_or(&[])
    }

    /// Read the next line into `bufs[alt[0]]` (a missing final delimiter
    /// is added).
    async fn read(&mut self, p: &kernel::Proc, eol: u8) -> kernel::Result<bool> {
        let buf = self.bufs[self.alt[0]].get_or_insert_with(Vec::new);
        let got = self.input.read_until(p, eol, buf).await?;
        if got && buf.last() != Some(&eol) {
            buf.push(eol);
        }
        self.has_line = got;
        Ok(got)
    }
}

struct Comm {
    show: [bool; 3],
    sep: Vec<u8>,
    check: CheckOrder,
    seen_unpairable: bool,
    warned: [bool; 2],
}

impl Comm {
    fn write(&self, out: &mut Vec<u8>, line: &[u8], class: usize) {
        if !self.show[class] {
            return;
        }
        for c in 0..class {
            if self.show[c] {
                out.extend_from_slice(&self.sep);
            }
        }
        out.extend_from_slice(line);
    }

    /// A disorder message if `prev` sorts after `cur` (once per file);
    /// `Err` when --check-order makes it fatal.
    fn check_order(&mut self, prev: &[u8], cur: &[u8], file: usize) -> Result<Option<String>, String> {
        if self.check == CheckOrder::Disabled
            || (self.check == CheckOrder::Default && !self.seen_unpairable)
            || self.warned[file]
        {
            return Ok(None);
        }
        let strip = |l: &[u8]| l[..l.len().saturating_sub(1)].to_vec();
        if strip(prev) > strip(cur) {
            let msg = format!("file {} is not in sorted order", file + 1);
            if self.check == CheckOrder::Enabled {
                return Err(msg);
            }
            self.warned[file] = true;
            return Ok(Some(msg));
        }
        Ok(None)
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let ops = &opts.operands;
    if ops.len() < 2 {
        let msg = match ops.first() {
            None => "missing operand".to_string(),
            Some(a) => format!("missing operand after '{a}'"),
        };
        return cmd.usage_error(msg, 1).await;
    }
    if ops.len() > 2 {
        return cmd.usage_error(format!("extra operand '{}'", ops[2]), 1).await;
    }
    let seps = opts.values("output-delimiter");
    if seps.windows(2).any(|w| w[0] != w[1]) {
        cmd.error("multiple output delimiters specified").await;
        return cmd.finish(1).await;
    }
    let sep = match seps.last() {
        Some(&"") => vec![0],
        Some(s) => s.as_bytes().to_vec(),
        None => vec![b'\t'],
    };
    let mut check = CheckOrder::Default;
    for (name, _) in &opts.list {
        match *name {
            "check-order" => check = CheckOrder::Enabled,
            "nocheck-order" => check = CheckOrder::Disabled,
            _ => {}
        }
    }
    let mut comm = Comm {
        show: [!opts.has("1"), !opts.has("2"), !opts.has("3")],
        sep,
        check,
        seen_unpairable: false,
        warned: [false; 2],
    };
    let eol = if opts.has("zero-terminated") { 0 } else { b'\n' };
    let status = run(&mut cmd, &mut comm, [&ops[0], &ops[1]], eol, opts.has("total")).await;
    cmd.finish(status).await
}

async fn open_side(cmd: &mut Cmd, name: &str, eol: u8) -> Result<Side, ()> {
    let p = cmd.p.clone();
    let input = match Input::open(&p, name).await {
        Ok(i) => i,
        Err(e) => {
            cmd.error_at(name, &e).await;
            return Err(());
        }
    };
    let mut side = Side {
        input,
        bufs: [None, None, None, None],
        alt: [0; 3],
        has_line: false,
        name: name.to_string(),
    };
    if let Err(e) = side.read(&p, eol).await {
        cmd.error_at(name, &e).await;
        return Err(());
    }
    Ok(side)
}

async fn run(cmd: &mut Cmd, comm: &mut Comm, names: [&str; 2], eol: u8, total: bool) -> i32 {
    let p = cmd.p.clone();
    let Ok(a) = open_side(cmd, names[0], eol).await else {
        return 1;
    };
    let Ok(b) = open_side(cmd, names[1], eol).await else {
        return 1;
    };
    let mut sides = [a, b];
    let mut totals = [0u64; 3];
    let mut out = Vec::new();
    while sides[0].has_line || sides[1].has_line {
        let order = if !sides[0].has_line {
            Ordering::Greater
        } else if !sides[1].has_line {
            Ordering::Less
        } else {
            let (x, y) = (sides[0].line(), sides[1].line());
            x[..x.len() - 1].cmp(&y[..y.len() - 1])
        };
        match order {
            Ordering::Equal => {
                totals[2] += 1;
                comm.write(&mut out, sides[1].line(), 2);
            }
            Ordering::Less => {
                comm.seen_unpairable = true;
                totals[0] += 1;
                comm.write(&mut out, sides[0].line(), 0);
            }
            Ordering::Greater => {
                comm.seen_unpairable = true;
                totals[1] += 1;
                comm.write(&mut out, sides[1].line(), 1);
            }
        }
        for (i, side) in sides.iter_mut().enumerate() {
            let step = if i == 0 {
                order != Ordering::Greater
            } else {
                order != Ordering::Less
            };
            if !step {
                continue;
            }
            side.alt = [(side.alt[0] + 1) & 3, side.alt[0], side.alt[1]];
            let got = match side.read(&p, eol).await {
                Ok(g) => g,
                Err(e) => {
                    cmd.out.write(&out).await;
                    cmd.error_at(&side.name.clone(), &e).await;
                    return 1;
                }
            };
            let pair = if got {
                Some((side.alt[1], side.alt[0]))
            } else if side.bufs[side.alt[2]].is_some() {
                // At the end, look again at the last two lines: a line
                // found in one file only may have turned checking on.
                Some((side.alt[2], side.alt[1]))
            } else {
                None
            };
            if let Some((x, y)) = pair {
                let prev = side.bufs[x].as_deref().unwrap_or(&[]);
                let cur = side.bufs[y].as_deref().unwrap_or(&[]);
                match comm.check_order(prev, cur, i) {
                    Ok(None) => {}
                    Ok(Some(msg)) => {
                        cmd.out.write(&out).await;
                        out.clear();
                        let _ = cmd.out.flush().await;
                        cmd.error(msg).await;
                    }
                    Err(msg) => {
                        cmd.out.write(&out).await;
                        let _ = cmd.out.flush().await;
                        cmd.error(msg).await;
                        return 1;
                    }
                }
            }
        }
        if out.len() >= 64 * 1024 {
            cmd.out.write(&out).await;
            out.clear();
        }
    }
    if total {
        let mut line = Vec::new();
        for t in totals {
            line.extend_from_slice(t.to_string().as_bytes());
            line.extend_from_slice(&comm.sep);
        }
        line.extend_from_slice(b"total");
        line.push(eol);
        out.extend_from_slice(&line);
    }
    cmd.out.write(&out).await;
    for side in sides {
        side.input.close(&p).await;
    }
    if comm.warned.iter().any(|w| *w) {
        let _ = cmd.out.flush().await;
        cmd.error("input is not in sorted order").await;
        return 1;
    }
    0
}
