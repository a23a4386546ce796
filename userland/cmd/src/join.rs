//! `join`: join lines of two files on a common field.
//!
//! A port of GNU join: fields, the sequence-of-equal-keys loop (every
//! pairing of equal keys is printed), the output format (`-o`, `auto`,
//! `-e`), and its order checking: with `--check-order` a disorder is fatal,
//! by default it is reported once per file (and the status is 1) but only
//! after an unpairable line has been seen.

use std::cmp::Ordering;

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::io::Input;

const HELP: &str = "Usage: join [OPTION]... FILE1 FILE2
For each pair of input lines with identical join fields, write a line to
standard output.  The default join field is the first, delimited by blanks.

When FILE1 or FILE2 (not both) is -, read standard input.

  -a FILENUM        also print unpairable lines from file FILENUM, where
                      FILENUM is 1 or 2, corresponding to FILE1 or FILE2
  -e STRING         replace missing (empty) input fields with STRING;
                      I.e., missing fields specified with '-12jo' options
  -i, --ignore-case  ignore differences in case when comparing fields
  -j FIELD          equivalent to '-1 FIELD -2 FIELD'
  -o FORMAT         obey FORMAT while constructing output line
  -t CHAR           use CHAR as input and output field separator
  -v FILENUM        like -a FILENUM, but suppress joined output lines
  -1 FIELD          join on this FIELD of file 1
  -2 FIELD          join on this FIELD of file 2
      --check-order   check that the input is correctly sorted, even
                      if all input lines are pairable
      --nocheck-order  do not check that the input is correctly sorted
      --header          treat the first line in each file as field headers,
                          print them without trying to pair them
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

Unless -t CHAR is given, leading blanks separate fields and are ignored,
else fields are separated by CHAR.  Any FIELD is a field number counted
from 1.  FORMAT is one or more comma or blank separated specifications,
each being 'FILENUM.FIELD' or '0'.  Default FORMAT outputs the join field,
the remaining fields from FILE1, the remaining fields from FILE2, all
separated by CHAR.  If FORMAT is the keyword 'auto', then the first
line of each file determines the number of fields output for each line.

Important: FILE1 and FILE2 must be sorted on the join fields (byte order).
";

const SPEC: &[Opt] = &[
    value("a", 'a'),
    value("e", 'e'),
    flag("ignore-case", 'i'),
    value("j", 'j'),
    value("o", 'o'),
    value("t", 't'),
    value("v", 'v'),
    value("1", '1'),
    value("2", '2'),
    long("check-order", Arg::No),
    long("nocheck-order", Arg::No),
    long("header", Arg::No),
    flag("zero-terminated", 'z'),
];

/// Field separation: blanks, one byte, or the whole line (`-t ''`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Blanks,
    Char(u8),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CheckOrder {
    Default,
    Enabled,
    Disabled,
}

/// A line (delimiter included) and its fields' ranges.
#[derive(Default, Clone)]
struct JLine {
    buf: Vec<u8>,
    fields: Vec<(usize, usize)>,
}

impl JLine {
    fn field(&self, n: usize) -> Option<&[u8]> {
        self.fields.get(n).map(|&(s, e)| &self.buf[s..e])
    }
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t' || c == b'\n'
}

/// GNU's `xfields`.
fn split_fields(line: &mut JLine, tab: Tab) {
    line.fields.clear();
    let lim = line.buf.len() - 1;
    let b = &line.buf;
    if lim == 0 {
        return;
    }
    let mut ptr = 0;
    match tab {
        Tab::Char(t) if t != b'\n' => {
            while let Some(i) = memchr::memchr(t, &b[ptr..lim]) {
                line.fields.push((ptr, ptr + i));
                ptr += i + 1;
            }
        }
        Tab::Char(_) => {}
        Tab::Blanks => {
            while is_blank(b[ptr]) {
                ptr += 1;
                if ptr == lim {
                    return;
                }
            }
            loop {
                let mut sep = ptr + 1;
                while sep != lim && !is_blank(b[sep]) {
                    sep += 1;
                }
                line.fields.push((ptr, sep));
                if sep == lim {
                    return;
                }
                ptr = sep + 1;
                while ptr != lim && is_blank(b[ptr]) {
                    ptr += 1;
                }
                if ptr == lim {
                    break;
                }
            }
        }
    }
    line.fields.push((ptr, lim));
}

/// An output field: file 0 is the join field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct OutField {
    file: u8,
    field: usize,
}

struct Join {
    tab: Tab,
    eol: u8,
    jf: [usize; 2],
    icase: bool,
    empty: Option<Vec<u8>>,
    format: Option<Vec<OutField>>,
    auto: bool,
    autocount: [usize; 2],
    unpaired: [bool; 2],
    paired: bool,
    check: CheckOrder,
    header: bool,
    seen_unpairable: bool,
    warned: [bool; 2],
    line_no: [u64; 2],
    prev_key: [Option<Vec<u8>>; 2],
    names: [String; 2],
}

fn keycmp(a: Option<&[u8]>, b: Option<&[u8]>, icase: bool) -> Ordering {
    let a = a.unwrap_or(&[]);
    let b = b.unwrap_or(&[]);
    if a.is_empty() || b.is_empty() {
        return (!a.is_empty()).cmp(&!b.is_empty());
    }
    if icase {
        let up = |c: &u8| c.to_ascii_uppercase();
        a.iter().map(up).cmp(b.iter().map(up))
    } else {
        a.cmp(b)
    }
}

/// A fatal disorder (`--check-order`).
struct Fatal;

impl Join {
    fn sep(&self) -> u8 {
        match self.tab {
            Tab::Blanks => b' ',
            Tab::Char(c) => c,
        }
    }

    fn cmp_lines(&self, a: &JLine, b: &JLine) -> Ordering {
        keycmp(a.field(self.jf[0]), b.field(self.jf[1]), self.icase)
    }

    fn prfield(&self, out: &mut Vec<u8>, line: Option<&JLine>, n: usize) {
        match line.and_then(|l| l.field(n)) {
            Some(f) if !f.is_empty() => out.extend_from_slice(f),
            _ => {
                if let Some(e) = &self.empty {
                    out.extend_from_slice(e);
                }
            }
        }
    }

    fn prfields(&self, out: &mut Vec<u8>, line: Option<&JLine>, which: usize) {
        let jf = self.jf[which];
        let n = if self.auto {
            self.autocount[which]
        } else {
            line.map_or(0, |l| l.fields.len())
        };
        for i in (0..n.min(jf)).chain(jf.saturating_add(1)..n) {
            out.push(self.sep());
            self.prfield(out, line, i);
        }
    }

    /// GNU's `prjoin`; `None` is the blank line of an unpaired side.
    fn prjoin(&self, out: &mut Vec<u8>, l1: Option<&JLine>, l2: Option<&JLine>) {
        let (jline, jfield) = match l1 {
            None => (l2, self.jf[1]),
            Some(_) => (l1, self.jf[0]),
        };
        match &self.format {
            Some(list) => {
                for (k, o) in list.iter().enumerate() {
                    if k > 0 {
                        out.push(self.sep());
                    }
                    match o.file {
                        0 => self.prfield(out, jline, jfield),
                        1 => self.prfield(out, l1, o.field),
                        _ => self.prfield(out, l2, o.field),
                    }
                }
            }
            None => {
                self.prfield(out, jline, jfield);
                self.prfields(out, l1, 0);
                self.prfields(out, l2, 1);
            }
        }
        out.push(self.eol);
    }
}

/// The inputs and the join's state.
struct Files {
    inputs: [Input; 2],
}

async fn get_line(cmd: &mut Cmd, j: &mut Join, files: &mut Files, which: usize) -> Result<Option<JLine>, Fatal> {
    let p = cmd.p.clone();
    let mut line = JLine::default();
    match files.inputs[which].read_until(&p, j.eol, &mut line.buf).await {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(e) => {
            cmd.error(format!("read error: {}", e.strerror())).await;
            return Err(Fatal);
        }
    }
    if line.buf.last() != Some(&j.eol) {
        line.buf.push(j.eol);
    }
    j.line_no[which] += 1;
    split_fields(&mut line, j.tab);
    let key = line.field(j.jf[which]).unwrap_or(&[]).to_vec();
    if let Some(prev) = &j.prev_key[which]
        && (j.check == CheckOrder::Enabled || (j.check == CheckOrder::Default && j.seen_unpairable))
        && !j.warned[which]
        && keycmp(Some(prev), Some(&key), j.icase) == Ordering::Greater
    {
        let shown = String::from_utf8_lossy(&line.buf[..line.buf.len() - 1]).into_owned();
        cmd.error(format!(
            "{}:{}: is not sorted: {shown}",
            j.names[which], j.line_no[which]
        ))
        .await;
        if j.check == CheckOrder::Enabled {
            return Err(Fatal);
        }
        j.warned[which] = true;
    }
    j.prev_key[which] = Some(key);
    Ok(Some(line))
}

async fn flush(cmd: &mut Cmd, out: &mut Vec<u8>) {
    cmd.out.write(out).await;
    out.clear();
    cmd.out.flush_if_console().await;
}

async fn run(cmd: &mut Cmd, j: &mut Join, files: &mut Files) -> Result<(), Fatal> {
    let mut out = Vec::new();
    let mut seq1: Vec<JLine> = get_line(cmd, j, files, 0).await?.into_iter().collect();
    let mut seq2: Vec<JLine> = get_line(cmd, j, files, 1).await?.into_iter().collect();
    if j.auto {
        j.autocount = [
            seq1.first().map_or(0, |l| l.fields.len()),
            seq2.first().map_or(0, |l| l.fields.len()),
        ];
    }
    if j.header && (!seq1.is_empty() || !seq2.is_empty()) {
        j.prjoin(&mut out, seq1.first(), seq2.first());
        j.prev_key = [None, None];
        if !seq1.is_empty() {
            seq1 = get_line(cmd, j, files, 0).await?.into_iter().collect();
        }
        if !seq2.is_empty() {
            seq2 = get_line(cmd, j, files, 1).await?.into_iter().collect();
        }
    }
    while !seq1.is_empty() && !seq2.is_empty() {
        let diff = j.cmp_lines(&seq1[0], &seq2[0]);
        if diff == Ordering::Less {
            if j.unpaired[0] {
                j.prjoin(&mut out, Some(&seq1[0]), None);
            }
            flush(cmd, &mut out).await;
            seq1 = get_line(cmd, j, files, 0).await?.into_iter().collect();
            j.seen_unpairable = true;
            continue;
        }
        if diff == Ordering::Greater {
            if j.unpaired[1] {
                j.prjoin(&mut out, None, Some(&seq2[0]));
            }
            flush(cmd, &mut out).await;
            seq2 = get_line(cmd, j, files, 1).await?.into_iter().collect();
            j.seen_unpairable = true;
            continue;
        }
        // Gather every line of each file with this key.
        let mut eof1 = false;
        loop {
            match get_line(cmd, j, files, 0).await? {
                None => {
                    eof1 = true;
                    break;
                }
                Some(l) => {
                    let same = j.cmp_lines(&l, &seq2[0]) == Ordering::Equal;
                    seq1.push(l);
                    if !same {
                        break;
                    }
                }
            }
        }
        let mut eof2 = false;
        loop {
            match get_line(cmd, j, files, 1).await? {
                None => {
                    eof2 = true;
                    break;
                }
                Some(l) => {
                    let same = j.cmp_lines(&seq1[0], &l) == Ordering::Equal;
                    seq2.push(l);
                    if !same {
                        break;
                    }
                }
            }
        }
        let n1 = if eof1 { seq1.len() } else { seq1.len() - 1 };
        let n2 = if eof2 { seq2.len() } else { seq2.len() - 1 };
        if j.paired {
            for a in &seq1[..n1] {
                for b in &seq2[..n2] {
                    j.prjoin(&mut out, Some(a), Some(b));
                }
            }
        }
        seq1.drain(..n1);
        seq2.drain(..n2);
        flush(cmd, &mut out).await;
    }
    // Read the rest even when it is not printed, to check its order.
    let checktail = j.check != CheckOrder::Disabled && !(j.warned[0] && j.warned[1]);
    for which in 0..2 {
        let seq = if which == 0 { &seq1 } else { &seq2 };
        let Some(head) = seq.first() else { continue };
        if !(j.unpaired[which] || checktail) {
            continue;
        }
        let head = head.clone();
        j.print_unpaired(&mut out, which, &head);
        loop {
            flush(cmd, &mut out).await;
            let Some(l) = get_line(cmd, j, files, which).await? else {
                break;
            };
            j.print_unpaired(&mut out, which, &l);
            if j.warned[which] && !j.unpaired[which] {
                break;
            }
        }
    }
    flush(cmd, &mut out).await;
    Ok(())
}

impl Join {
    fn print_unpaired(&self, out: &mut Vec<u8>, which: usize, line: &JLine) {
        if !self.unpaired[which] {
            return;
        }
        if which == 0 {
            self.prjoin(out, Some(line), None);
        } else {
            self.prjoin(out, None, Some(line));
        }
    }
}

/// A field number (`-1`, `-2`, `-j`, `-o N.M`): 0-based.
fn field_number(s: &str) -> Result<usize, String> {
    let bad = || format!("invalid field number: '{s}'");
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match digits.parse::<u64>() {
        Ok(0) => Err(bad()),
        Ok(n) => Ok(usize::try_from(n - 1).unwrap_or(usize::MAX - 1)),
        // Too big to count: a field no line has.
        Err(_) => Ok(usize::MAX - 1),
    }
}

fn field_list(s: &str, list: &mut Vec<OutField>) -> Result<(), String> {
    for item in s.split([',', ' ', '\t']) {
        let b = item.as_bytes();
        match b.first() {
            Some(b'0') => {
                if b.len() > 1 {
                    return Err(format!("invalid field specifier: '{item}'"));
                }
                list.push(OutField { file: 0, field: 0 });
            }
            Some(&f @ (b'1' | b'2')) => {
                if b.get(1) != Some(&b'.') {
                    return Err(format!("invalid field specifier: '{item}'"));
                }
                list.push(OutField {
                    file: f - b'0',
                    field: field_number(&item[2..])?,
                });
            }
            _ => return Err(format!("invalid file number in field spec: '{item}'")),
        }
    }
    Ok(())
}

fn configure(opts: &Opts) -> Result<Join, String> {
    let mut j = Join {
        tab: Tab::Blanks,
        eol: b'\n',
        jf: [usize::MAX, usize::MAX],
        icase: false,
        empty: None,
        format: None,
        auto: false,
        autocount: [0, 0],
        unpaired: [false, false],
        paired: true,
        check: CheckOrder::Default,
        header: false,
        seen_unpairable: false,
        warned: [false, false],
        line_no: [0, 0],
        prev_key: [None, None],
        names: [String::new(), String::new()],
    };
    let set_field = |slot: usize, v: usize, jf: &mut [usize; 2]| -> Result<(), String> {
        if jf[slot] != usize::MAX && jf[slot] != v {
            return Err(format!(
                "incompatible join fields {}, {}",
                jf[slot].saturating_add(1),
                v.saturating_add(1)
            ));
        }
        jf[slot] = v;
        Ok(())
    };
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "a" | "v" => {
                if *name == "v" {
                    j.paired = false;
                }
                match v {
                    "1" => j.unpaired[0] = true,
                    "2" => j.unpaired[1] = true,
                    _ => return Err(format!("invalid field number: '{v}'")),
                }
            }
            "e" => {
                if j.empty.as_deref().is_some_and(|e| e != v.as_bytes()) {
                    return Err("conflicting empty-field replacements".into());
                }
                j.empty = Some(v.as_bytes().to_vec());
            }
            "ignore-case" => j.icase = true,
            "1" => set_field(0, field_number(v)?, &mut j.jf)?,
            "2" => set_field(1, field_number(v)?, &mut j.jf)?,
            "j" => {
                let f = field_number(v)?;
                set_field(0, f, &mut j.jf)?;
                set_field(1, f, &mut j.jf)?;
            }
            "o" => {
                if v == "auto" {
                    j.auto = true;
                } else {
                    field_list(v, j.format.get_or_insert_with(Vec::new))?;
                }
            }
            "t" => {
                let t = match v.as_bytes() {
                    [] => b'\n',
                    [c] => *c,
                    b"\\0" => 0,
                    _ => return Err(format!("multi-character tab '{v}'")),
                };
                if let Tab::Char(old) = j.tab
                    && old != t
                {
                    return Err("incompatible tabs".into());
                }
                j.tab = Tab::Char(t);
            }
            "zero-terminated" => j.eol = 0,
            "check-order" => j.check = CheckOrder::Enabled,
            "nocheck-order" => j.check = CheckOrder::Disabled,
            "header" => j.header = true,
            _ => {}
        }
    }
    for f in &mut j.jf {
        if *f == usize::MAX {
            *f = 0;
        }
    }
    // With an explicit format, `auto` gives way.
    if j.format.is_some() {
        j.auto = false;
    }
    Ok(j)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut j = match configure(&opts) {
        Ok(j) => j,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let ops = &opts.operands;
    if ops.len() < 2 {
        let msg = match ops.last() {
            None => "missing operand".to_string(),
            Some(a) => format!("missing operand after '{a}'"),
        };
        return cmd.usage_error(msg, 1).await;
    }
    if ops.len() > 2 {
        return cmd.usage_error(format!("extra operand '{}'", ops[2]), 1).await;
    }
    if ops[0] == "-" && ops[1] == "-" {
        cmd.error("both files cannot be standard input").await;
        return cmd.finish(1).await;
    }
    let p = cmd.p.clone();
    let mut inputs = Vec::new();
    for f in &ops[..2] {
        match Input::open(&p, f).await {
            Ok(i) => inputs.push(i),
            Err(e) => {
                cmd.error_at(f, &e).await;
                for i in inputs {
                    i.close(&p).await;
                }
                return cmd.finish(1).await;
            }
        }
    }
    j.names = [ops[0].clone(), ops[1].clone()];
    let second = inputs.pop();
    let first = inputs.pop();
    let (Some(a), Some(b)) = (first, second) else {
        return cmd.finish(1).await;
    };
    let mut files = Files { inputs: [a, b] };
    let r = run(&mut cmd, &mut j, &mut files).await;
    let [a, b] = files.inputs;
    a.close(&p).await;
    b.close(&p).await;
    if r.is_err() {
        return cmd.finish(1).await;
    }
    if j.warned[0] || j.warned[1] {
        let _ = cmd.out.flush().await;
        cmd.error("input is not in sorted order").await;
        return cmd.finish(1).await;
    }
    cmd.finish(0).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(s: &str, tab: Tab) -> Vec<String> {
        let mut l = JLine {
            buf: format!("{s}\n").into_bytes(),
            fields: Vec::new(),
        };
        split_fields(&mut l, tab);
        (0..l.fields.len())
            .map(|i| String::from_utf8_lossy(l.field(i).unwrap()).into_owned())
            .collect()
    }

    #[test]
    fn field_splitting() {
        assert_eq!(fields("  a  b", Tab::Blanks), ["a", "b"]);
        assert_eq!(fields("a b ", Tab::Blanks), ["a", "b", ""]);
        assert_eq!(fields("", Tab::Blanks), Vec::<String>::new());
        assert_eq!(fields("   ", Tab::Blanks), Vec::<String>::new());
        assert_eq!(fields("a,,b", Tab::Char(b',')), ["a", "", "b"]);
        assert_eq!(fields("a,b", Tab::Char(b'\n')), ["a,b"]);
    }

    #[test]
    fn formats() {
        let mut l = Vec::new();
        field_list("0,1.2 2.1", &mut l).unwrap();
        assert_eq!(
            l,
            [
                OutField { file: 0, field: 0 },
                OutField { file: 1, field: 1 },
                OutField { file: 2, field: 0 }
            ]
        );
        assert_eq!(
            field_list("3.1", &mut l).unwrap_err(),
            "invalid file number in field spec: '3.1'"
        );
        assert_eq!(field_list("1x", &mut l).unwrap_err(), "invalid field specifier: '1x'");
        assert_eq!(field_number("0").unwrap_err(), "invalid field number: '0'");
        assert_eq!(field_number("2"), Ok(1));
    }
}
