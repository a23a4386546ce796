//! `uniq`: report or omit repeated adjacent lines.
//!
//! A port of GNU uniq's two loops (plain/grouping, and counting/repeated)
//! over lines cut in place from 64 KiB chunks; only the line a new group
//! starts with is copied.

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::io::Input;
use common::lines::Splitter;

const HELP: &str = "Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Filter adjacent matching lines from INPUT (or standard input),
writing to OUTPUT (or standard output).

With no options, matching lines are merged to the first occurrence.

Mandatory arguments to long options are mandatory for short options too.
  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines, one for each group
  -D                    print all duplicate lines
      --all-repeated[=METHOD]  like -D, but allow separating groups
                                 with an empty line;
                                 METHOD={none(default),prepend,separate}
  -f, --skip-fields=N   avoid comparing the first N fields
      --group[=METHOD]  show all items, separating groups with an empty line;
                          METHOD={separate(default),prepend,append,both}
  -i, --ignore-case     ignore differences in case when comparing
  -s, --skip-chars=N    avoid comparing the first N characters
  -u, --unique          only print unique lines
  -z, --zero-terminated     line delimiter is NUL, not newline
  -w, --check-chars=N   compare no more than N characters in lines
      --help     display this help and exit
      --version  output version information and exit

A field is a run of blanks (usually spaces and/or TABs), then non-blank
characters.  Fields are skipped before chars.

Note: 'uniq' does not detect repeated lines unless they are adjacent.
You may want to sort the input first, or use 'sort -u' without 'uniq'.
";

const SPEC: &[Opt] = &[
    flag("count", 'c'),
    flag("repeated", 'd'),
    flag("D", 'D'),
    long("all-repeated", Arg::Optional),
    value("skip-fields", 'f'),
    long("group", Arg::Optional),
    flag("ignore-case", 'i'),
    value("skip-chars", 's'),
    flag("unique", 'u'),
    flag("zero-terminated", 'z'),
    value("check-chars", 'w'),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Delimit {
    None,
    Prepend,
    Separate,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Group {
    None,
    Separate,
    Prepend,
    Append,
    Both,
}

#[derive(Debug)]
struct Config {
    count: bool,
    unique: bool,
    first_repeated: bool,
    later_repeated: bool,
    delimit: Delimit,
    group: Group,
    skip_fields: usize,
    skip_chars: usize,
    check_chars: usize,
    icase: bool,
    eol: u8,
}

impl Config {
    /// The part of a line (terminator excluded) that is compared.
    fn key<'a>(&self, line: &'a [u8]) -> &'a [u8] {
        let mut i = 0;
        for _ in 0..self.skip_fields {
            while i < line.len() && is_blank(line[i]) {
                i += 1;
            }
            while i < line.len() && !is_blank(line[i]) {
                i += 1;
            }
        }
        i += self.skip_chars.min(line.len() - i);
        let rest = &line[i..];
        &rest[..rest.len().min(self.check_chars)]
    }

    fn same(&self, a: &[u8], b: &[u8]) -> bool {
        if self.icase { a.eq_ignore_ascii_case(b) } else { a == b }
    }
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t' || c == b'\n'
}

/// `-N` and `+N`, GNU's obsolete spellings of `-f N` and `-s N`.
fn obsolete(args: &mut [String]) {
    let mut value_next = false;
    for a in args.iter_mut() {
        if a == "--" {
            break;
        }
        if std::mem::take(&mut value_next) {
            continue;
        }
        let b = a.as_bytes();
        if b.len() > 1 && b[1..].iter().all(u8::is_ascii_digit) {
            if b[0] == b'-' {
                *a = format!("--skip-fields={}", &a[1..]);
            } else if b[0] == b'+' {
                *a = format!("--skip-chars={}", &a[1..]);
            }
            continue;
        }
        value_next = takes_value_next(a);
    }
}

/// Whether the argument after `a` is the value of one of its options.
fn takes_value_next(a: &str) -> bool {
    if let Some(long) = a.strip_prefix("--") {
        return !long.contains('=')
            && ["skip-fields", "skip-chars", "check-chars"]
                .iter()
                .any(|n| n.starts_with(long));
    }
    let Some(short) = a.strip_prefix('-') else { return false };
    match short.find(['f', 's', 'w']) {
        Some(i) => i + 1 == short.len(),
        None => false,
    }
}

/// A skip or compare count; a huge one means "all", as GNU's overflow does.
fn number(v: &str, what: &str) -> Result<usize, String> {
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{v}: invalid number of {what}"));
    }
    Ok(v.parse::<usize>().unwrap_or(usize::MAX))
}

fn bad_arg(v: &str, opt: &str, valid: &[&str]) -> String {
    let list: String = valid.iter().map(|s| format!("\n  - '{s}'")).collect();
    format!("invalid argument '{v}' for '--{opt}'\nValid arguments are:{list}")
}

fn config(opts: &Opts) -> Result<Config, String> {
    let mut c = Config {
        count: false,
        unique: true,
        first_repeated: true,
        later_repeated: false,
        delimit: Delimit::None,
        group: Group::None,
        skip_fields: 0,
        skip_chars: 0,
        check_chars: usize::MAX,
        icase: false,
        eol: b'\n',
    };
    for (name, v) in &opts.list {
        let v = v.as_deref();
        match *name {
            "count" => c.count = true,
            "repeated" => c.unique = false,
            "unique" => c.first_repeated = false,
            "D" | "all-repeated" => {
                c.unique = false;
                c.later_repeated = true;
                c.delimit = match v {
                    None | Some("none") => Delimit::None,
                    Some("prepend") => Delimit::Prepend,
                    Some("separate") => Delimit::Separate,
                    Some(x) => return Err(bad_arg(x, "all-repeated", &["none", "prepend", "separate"])),
                };
            }
            "group" => {
                c.group = match v {
                    None | Some("separate") => Group::Separate,
                    Some("prepend") => Group::Prepend,
                    Some("append") => Group::Append,
                    Some("both") => Group::Both,
                    Some(x) => return Err(bad_arg(x, "group", &["prepend", "append", "separate", "both"])),
                };
            }
            "skip-fields" => c.skip_fields = number(v.unwrap_or(""), "fields to skip")?,
            "skip-chars" => c.skip_chars = number(v.unwrap_or(""), "bytes to skip")?,
            "check-chars" => c.check_chars = number(v.unwrap_or(""), "bytes to compare")?,
            "ignore-case" => c.icase = true,
            "zero-terminated" => c.eol = 0,
            _ => {}
        }
    }
    if c.group != Group::None && (c.count || !c.unique || !c.first_repeated || c.later_repeated) {
        return Err("--group is mutually exclusive with -c/-d/-D/-u".into());
    }
    if c.count && c.later_repeated {
        return Err("printing all duplicated lines and repeat counts is meaningless".into());
    }
    Ok(c)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    obsolete(&mut cmd.args);
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let c = match config(&opts) {
        Ok(c) => c,
        Err(msg) if msg.contains("invalid number") => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
        Err(msg) => return cmd.usage_error(msg, 1).await,
    };
    if opts.operands.len() > 2 {
        return cmd
            .usage_error(format!("extra operand '{}'", opts.operands[2]), 1)
            .await;
    }
    let input_name = opts.operands.first().map_or("-", String::as_str).to_string();
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, &input_name).await {
        Ok(i) => i,
        Err(e) if e.is(kernel::Errno::EISDIR) => {
            cmd.error(format!("error reading '{input_name}'")).await;
            return cmd.finish(1).await;
        }
        Err(e) => {
            cmd.error_at(&input_name, &e).await;
            return cmd.finish(1).await;
        }
    };
    if let Some(out) = opts.operands.get(1).filter(|o| *o != "-") {
        match p.open(out, kernel::OpenFlags::WRITE).await {
            Ok(fd) => cmd.out = common::io::Output::new(p.clone(), fd),
            Err(e) => {
                cmd.error_at(out, &e).await;
                return cmd.finish(1).await;
            }
        }
    }
    let r = if c.unique && c.first_repeated && !c.count {
        plain(&mut cmd, &mut input, &c).await
    } else {
        counting(&mut cmd, &mut input, &c).await
    };
    let status = match r {
        Ok(()) => 0,
        Err(_) => {
            cmd.error(format!("error reading '{input_name}'")).await;
            1
        }
    };
    input.close(&p).await;
    cmd.finish(status).await
}

/// Feed every line (terminator included, one added to a last line
/// without it) to `f`, which writes into the chunk's output buffer.
async fn each_line(
    cmd: &mut Cmd,
    input: &mut Input,
    eol: u8,
    mut f: impl FnMut(&[u8], &mut Vec<u8>),
) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let mut splitter = Splitter::new(eol);
    let mut out = Vec::with_capacity(64 * 1024);
    while let Some(chunk) = input.chunk(&p).await? {
        splitter.feed(&chunk, |line| {
            f(line, &mut out);
            true
        });
        cmd.out.write(&out).await;
        out.clear();
    }
    if let Some(mut rest) = splitter.take_rest() {
        rest.push(eol);
        f(&rest, &mut out);
    }
    cmd.out.write(&out).await;
    Ok(())
}

/// GNU's first loop: no counts, every group's first line (or, with
/// `--group`, every line, groups separated).
async fn plain(cmd: &mut Cmd, input: &mut Input, c: &Config) -> kernel::Result<()> {
    let mut prev: Option<Vec<u8>> = None;
    let mut first_group_printed = false;
    let eol = c.eol;
    each_line(cmd, input, eol, |line, out| {
        let body = &line[..line.len() - 1];
        let new_group = prev
            .as_ref()
            .is_none_or(|p| !c.same(c.key(&p[..p.len() - 1]), c.key(body)));
        if new_group
            && c.group != Group::None
            && (matches!(c.group, Group::Prepend | Group::Both)
                || (first_group_printed && matches!(c.group, Group::Append | Group::Separate)))
        {
            out.push(eol);
        }
        if new_group || c.group != Group::None {
            out.extend_from_slice(line);
            let buf = prev.get_or_insert_with(Vec::new);
            buf.clear();
            buf.extend_from_slice(line);
            first_group_printed = true;
        }
    })
    .await?;
    if matches!(c.group, Group::Both | Group::Append) && first_group_printed {
        cmd.out.write(&[eol]).await;
    }
    Ok(())
}

/// GNU's second loop: counts, -d, -u, -D.
async fn counting(cmd: &mut Cmd, input: &mut Input, c: &Config) -> kernel::Result<()> {
    let mut prev: Option<Vec<u8>> = None;
    let mut match_count: u64 = 0;
    let mut first_delimiter = true;
    let eol = c.eol;
    each_line(cmd, input, eol, |line, out| {
        let Some(p) = prev.as_mut() else {
            prev = Some(line.to_vec());
            return;
        };
        let matched = c.same(c.key(&p[..p.len() - 1]), c.key(&line[..line.len() - 1]));
        if matched {
            match_count += 1;
        }
        if c.delimit != Delimit::None {
            if !matched {
                if match_count > 0 {
                    first_delimiter = false;
                }
            } else if match_count == 1
                && (c.delimit == Delimit::Prepend || (c.delimit == Delimit::Separate && !first_delimiter))
            {
                out.push(eol);
            }
        }
        if !matched || c.later_repeated {
            write_line(c, out, p, matched, match_count);
            p.clear();
            p.extend_from_slice(line);
            if !matched {
                match_count = 0;
            }
        }
    })
    .await?;
    if let Some(p) = prev {
        let mut out = Vec::new();
        write_line(c, &mut out, &p, false, match_count);
        cmd.out.write(&out).await;
    }
    Ok(())
}

fn write_line(c: &Config, out: &mut Vec<u8>, line: &[u8], matched: bool, count: u64) {
    let show = if count == 0 {
        c.unique
    } else if !matched {
        c.first_repeated
    } else {
        c.later_repeated
    };
    if !show {
        return;
    }
    if c.count {
        push_count(out, count + 1);
    }
    out.extend_from_slice(line);
}

/// `%7d ` without a formatter call per line.
fn push_count(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let len = digits.len() - i;
    out.extend(std::iter::repeat_n(b' ', 7usize.saturating_sub(len)));
    out.extend_from_slice(&digits[i..]);
    out.push(b' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let mut v = Vec::new();
        push_count(&mut v, 12);
        push_count(&mut v, 123456789);
        assert_eq!(v, b"     12 123456789 ");
    }

    fn cfg() -> Config {
        let o = Opts::default();
        config(&o).unwrap()
    }

    #[test]
    fn keys() {
        let mut c = cfg();
        c.skip_fields = 1;
        assert_eq!(c.key(b"x a"), b" a");
        assert_eq!(c.key(b"  x  a b"), b"  a b");
        c.skip_chars = 2;
        assert_eq!(c.key(b"x abc"), b"bc");
        c.check_chars = 1;
        assert_eq!(c.key(b"x abc"), b"b");
        c.skip_fields = 5;
        assert_eq!(c.key(b"x abc"), b"");
    }

    #[test]
    fn obsolete_forms() {
        let mut a: Vec<String> = ["-2", "+3", "-cf", "-1", "-c", "--", "-4"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        obsolete(&mut a);
        assert_eq!(a, ["--skip-fields=2", "--skip-chars=3", "-cf", "-1", "-c", "--", "-4"]);
    }
}
