//! `column`: columnate lists (util-linux column).
//!
//! Without `-t` the entries (non-blank lines) fill columns separated by
//! tabs up to the width (`-c`, else `$COLUMNS`, else 80), going down
//! (default) or across (`-x`). With `-t` each line is split into cells
//! (runs of blanks, or any one `-s` character) and printed as a table with
//! `-o` (two spaces) between columns. Characters are bytes (C locale).

use common::cli::{Cmd, Opt, Opts, flag, value};
use common::io::Input;
use common::locale::{self, Charset};

const HELP: &str = "Usage:
 column [options] [<file>...]

Columnate lists.

Options:
 -t, --table                      create a table
 -N, --table-columns <names>      comma separated columns names
 -R, --table-right <columns>      right align text in these columns
 -L, --table-empty-lines          don't ignore empty lines
 -s, --separator <string>         possible table delimiters
 -o, --output-separator <string>  columns separator for table output
                                    (default is two spaces)
 -c, --output-width <width>       width of output in number of characters
 -x, --fillrows                   fill rows before columns

 -h, --help                       display this help
 -V, --version                    display version
";

const SPEC: &[Opt] = &[
    flag("table", 't'),
    value("table-columns", 'N'),
    value("table-right", 'R'),
    flag("table-empty-lines", 'L'),
    value("separator", 's'),
    value("output-separator", 'o'),
    value("output-width", 'c'),
    flag("fillrows", 'x'),
    flag("help", 'h'),
    flag("version", 'V'),
];

const TAB: usize = 8;

fn is_space(c: u8) -> bool {
    c == b' ' || (9..=13).contains(&c)
}

/// Split a line into cells: runs of the separators (blanks by default)
/// when `greedy`, else at every single separator.
fn cells(line: &[u8], seps: &[u8], greedy: bool) -> Vec<Vec<u8>> {
    if greedy {
        line.split(|c| seps.contains(c))
            .filter(|c| !c.is_empty())
            .map(<[u8]>::to_vec)
            .collect()
    } else {
        line.split(|c| seps.contains(c)).map(<[u8]>::to_vec).collect()
    }
}

struct Table {
    names: Vec<Vec<u8>>,
    right: Vec<usize>,
    out_sep: Vec<u8>,
    /// Cells are measured in display columns under a UTF-8 locale.
    charset: Charset,
}

/// A cell's width: bytes under `C`, display columns under UTF-8 (a byte
/// that is not UTF-8 takes one).
fn width_of(cell: &[u8], charset: Charset) -> usize {
    locale::display_width(cell, charset, 1)
}

impl Table {
    fn print(&self, rows: &[Vec<Vec<u8>>], out: &mut Vec<u8>) {
        let ncols = rows.iter().map(Vec::len).chain([self.names.len()]).max().unwrap_or(0);
        let mut widths = vec![0; ncols];
        for row in rows.iter().chain((!self.names.is_empty()).then_some(&self.names)) {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width_of(c, self.charset));
            }
        }
        let empty = Vec::new();
        let header = (!self.names.is_empty()).then_some(&self.names);
        for row in header.into_iter().chain(rows) {
            for (i, &w) in widths.iter().enumerate() {
                let cell = row.get(i).unwrap_or(&empty);
                let pad = w - width_of(cell, self.charset);
                let last = i + 1 == ncols;
                if self.right.contains(&i) {
                    out.extend(std::iter::repeat_n(b' ', pad));
                    out.extend_from_slice(cell);
                } else {
                    out.extend_from_slice(cell);
                    if !last {
                        out.extend(std::iter::repeat_n(b' ', pad));
                    }
                }
                if !last {
                    out.extend_from_slice(&self.out_sep);
                }
            }
            out.push(b'\n');
        }
    }
}

/// Fill columns, top to bottom then left to right.
fn fill_columns(ents: &[Vec<u8>], width: usize, out: &mut Vec<u8>, charset: Charset) {
    let maxlen = (ents.iter().map(|e| width_of(e, charset)).max().unwrap_or(0) + TAB) & !(TAB - 1);
    let numcols = (width / maxlen).max(1);
    let numrows = ents.len().div_ceil(numcols);
    for row in 0..numrows {
        let mut endcol = maxlen;
        let mut chcnt = 0;
        let mut base = row;
        for _ in 0..numcols {
            out.extend_from_slice(&ents[base]);
            chcnt += width_of(&ents[base], charset);
            base += numrows;
            if base >= ents.len() {
                break;
            }
            tabs_to(out, &mut chcnt, endcol);
            endcol += maxlen;
        }
        out.push(b'\n');
    }
}

/// Fill rows, left to right then top to bottom (`-x`).
fn fill_rows(ents: &[Vec<u8>], width: usize, out: &mut Vec<u8>, charset: Charset) {
    let maxlen = (ents.iter().map(|e| width_of(e, charset)).max().unwrap_or(0) + TAB) & !(TAB - 1);
    let numcols = (width / maxlen).max(1);
    let mut endcol = maxlen;
    let mut chcnt = 0;
    let mut col = 0;
    for (i, e) in ents.iter().enumerate() {
        out.extend_from_slice(e);
        chcnt += width_of(e, charset);
        if i + 1 == ents.len() {
            break;
        }
        col += 1;
        if col == numcols {
            chcnt = 0;
            col = 0;
            endcol = maxlen;
            out.push(b'\n');
        } else {
            tabs_to(out, &mut chcnt, endcol);
            endcol += maxlen;
        }
    }
    if chcnt > 0 {
        out.push(b'\n');
    }
}

/// Tabs up to the column `endcol`.
fn tabs_to(out: &mut Vec<u8>, chcnt: &mut usize, endcol: usize) {
    loop {
        let next = (*chcnt + TAB) & !(TAB - 1);
        if next > endcol {
            break;
        }
        out.push(b'\t');
        *chcnt = next;
    }
}

/// The output width: -c, else $COLUMNS, else 80.
fn width(cmd: &Cmd, opts: &Opts) -> Result<usize, String> {
    if let Some(v) = opts.value("output-width") {
        return v.parse().map_err(|_| format!("invalid columns argument: '{v}'"));
    }
    Ok(cmd
        .p
        .getenv("COLUMNS")
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c > 0)
        .unwrap_or(80))
}

fn table(opts: &Opts, charset: Charset) -> Result<Table, String> {
    let names: Vec<Vec<u8>> = opts
        .value("table-columns")
        .map(|n| n.split(',').map(|s| s.as_bytes().to_vec()).collect())
        .unwrap_or_default();
    let mut right = Vec::new();
    if let Some(list) = opts.value("table-right") {
        for item in list.split(',') {
            match item.parse::<usize>() {
                Ok(n) if n > 0 => right.push(n - 1),
                Ok(_) => return Err(format!("undefined column name '{item}'")),
                Err(_) => match names.iter().position(|n| n == item.as_bytes()) {
                    Some(i) => right.push(i),
                    None => return Err(format!("undefined column name '{item}'")),
                },
            }
        }
    }
    Ok(Table {
        names,
        right,
        out_sep: opts.value("output-separator").unwrap_or("  ").as_bytes().to_vec(),
        charset,
    })
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let setup = width(&cmd, &opts).and_then(|w| Ok((w, table(&opts, Charset::of(&cmd.p))?)));
    let (width, tab) = match setup {
        Ok(s) => s,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let files = opts.files();
    let table_mode = opts.has("table");
    let keep_empty = opts.has("table-empty-lines");
    let (seps, greedy) = match opts.value("separator") {
        Some(s) => (s.as_bytes().to_vec(), false),
        None => (b" \t".to_vec(), true),
    };
    let p = cmd.p.clone();
    let mut status = 0;
    let mut ents: Vec<Vec<u8>> = Vec::new();
    let mut rows: Vec<Vec<Vec<u8>>> = Vec::new();
    for f in &files {
        let data = match Input::open(&p, f).await {
            Ok(mut i) => {
                let d = i.read_all(&p).await;
                i.close(&p).await;
                d
            }
            Err(e) => Err(e),
        };
        let data = match data {
            Ok(d) => d,
            Err(e) => {
                cmd.error_at(f, &e).await;
                status = 1;
                continue;
            }
        };
        let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
        if data.ends_with(b"\n") || data.is_empty() {
            lines.pop();
        }
        for line in lines {
            let blank = line.iter().all(|&c| is_space(c));
            if table_mode {
                if blank && !keep_empty {
                    continue;
                }
                rows.push(cells(line, &seps, greedy));
            } else if !blank {
                ents.push(line.to_vec());
            }
        }
    }
    let mut out = Vec::new();
    if table_mode {
        tab.print(&rows, &mut out);
    } else if !ents.is_empty() {
        let charset = Charset::of(&cmd.p);
        let longest = ents.iter().map(|e| width_of(e, charset)).max().unwrap_or(0);
        if longest >= width {
            for e in &ents {
                out.extend_from_slice(e);
                out.push(b'\n');
            }
        } else if opts.has("fillrows") {
            fill_rows(&ents, width, &mut out, charset);
        } else {
            fill_columns(&ents, width, &mut out, charset);
        }
    }
    cmd.out.write(&out).await;
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ents(s: &[&str]) -> Vec<Vec<u8>> {
        s.iter().map(|e| e.as_bytes().to_vec()).collect()
    }

    #[test]
    fn fills() {
        let e = ents(&["1", "2", "3", "4", "5", "6", "7"]);
        let mut out = Vec::new();
        fill_columns(&e, 16, &mut out, Charset::Bytes);
        assert_eq!(out, b"1\t5\n2\t6\n3\t7\n4\n");
        out.clear();
        fill_rows(&e, 16, &mut out, Charset::Bytes);
        assert_eq!(out, b"1\t2\n3\t4\n5\t6\n7\n");
    }

    #[test]
    fn tables() {
        let t = Table {
            names: Vec::new(),
            right: vec![0],
            out_sep: b"  ".to_vec(),
            charset: Charset::Bytes,
        };
        let rows = vec![cells(b"1 22", b" \t", true), cells(b"333 4", b" \t", true)];
        let mut out = Vec::new();
        t.print(&rows, &mut out);
        assert_eq!(out, b"  1  22\n333  4\n");
        assert_eq!(cells(b"xx::y", b":", false).len(), 3);
        assert_eq!(cells(b"  z   1", b" \t", true), [b"z".to_vec(), b"1".to_vec()]);
    }
}
