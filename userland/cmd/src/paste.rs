//! `paste`: merge lines of files.
//!
//! A port of GNU paste's two modes. In parallel mode every `-` operand
//! reads from the one standard input, so `paste - -` pairs its lines.

use kernel::Errno;

use common::cli::{Cmd, Opt, flag, value};
use common::io::Input;
use common::lines::Splitter;

const HELP: &str = "Usage: paste [OPTION]... [FILE]...
Write lines consisting of the sequentially corresponding lines from
each FILE, separated by TABs, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --delimiters=LIST   reuse characters from LIST instead of TABs
  -s, --serial            paste one file at a time instead of in parallel
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

LIST may hold the escapes \\n, \\t, \\\\, \\b, \\f, \\r, \\v, and \\0 (no delimiter).
";

const SPEC: &[Opt] = &[
    value("delimiters", 'd'),
    flag("serial", 's'),
    flag("zero-terminated", 'z'),
];

/// The delimiter list: `None` is `\0`, an empty delimiter.
fn delimiters(list: &str) -> Result<Vec<Option<u8>>, String> {
    let b = list.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(Some(b[i]));
            i += 1;
            continue;
        }
        let Some(&e) = b.get(i + 1) else {
            return Err(format!("delimiter list ends with an unescaped backslash: {list}"));
        };
        out.push(match e {
            b'0' => None,
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            other => Some(other),
        });
        i += 2;
    }
    if out.is_empty() {
        out.push(None);
    }
    Ok(out)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let delims = match delimiters(opts.value("delimiters").unwrap_or("\t")) {
        Ok(d) => d,
        Err(msg) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let eol = if opts.has("zero-terminated") { 0 } else { b'\n' };
    let files = opts.files();
    let status = if opts.has("serial") {
        serial(&mut cmd, &files, &delims, eol).await
    } else {
        parallel(&mut cmd, &files, &delims, eol).await
    };
    cmd.finish(status).await
}

/// One operand of parallel mode.
enum Source {
    /// Index into the inputs (all `-` share standard input's).
    Open(usize),
    /// A directory: its read fails with this error at the first line.
    Failing(kernel::Error),
    Closed,
}

async fn parallel(cmd: &mut Cmd, files: &[String], delims: &[Option<u8>], eol: u8) -> i32 {
    let p = cmd.p.clone();
    let mut inputs: Vec<Input> = Vec::new();
    let mut stdin_slot = None;
    let mut sources = Vec::new();
    for f in files {
        if f == "-" {
            let slot = *stdin_slot.get_or_insert_with(|| {
                inputs.push(Input::from_fd(0));
                inputs.len() - 1
            });
            sources.push(Source::Open(slot));
            continue;
        }
        match Input::open(&p, f).await {
            Ok(i) => {
                inputs.push(i);
                sources.push(Source::Open(inputs.len() - 1));
            }
            Err(e) if e.is(Errno::EISDIR) => sources.push(Source::Failing(e)),
            Err(e) => {
                // GNU gives up before printing anything.
                cmd.error_at(f, &e).await;
                for i in inputs {
                    i.close(&p).await;
                }
                return 1;
            }
        }
    }
    let n = files.len();
    let mut status = 0;
    let mut files_open = n;
    let mut line = Vec::new();
    let mut out = Vec::new();
    while files_open > 0 {
        let mut somedone = false;
        let mut d = 0;
        let mut saved: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < n && files_open > 0 {
            let mut got = false;
            match &sources[i] {
                Source::Open(slot) => match inputs[*slot].read_until(&p, eol, &mut line).await {
                    Ok(true) => got = true,
                    Ok(false) => {}
                    Err(e) => {
                        cmd.error_at(&files[i], &e).await;
                        status = 1;
                    }
                },
                Source::Failing(e) => {
                    let e = e.clone();
                    cmd.error_at(&files[i], &e).await;
                    status = 1;
                }
                Source::Closed => {}
            }
            if got {
                out.append(&mut saved);
                let body = common::lines::body(&line, eol);
                out.extend_from_slice(body);
                somedone = true;
                if i + 1 != n {
                    if let Some(c) = delims[d] {
                        out.push(c);
                    }
                    d = (d + 1) % delims.len();
                } else {
                    out.push(eol);
                }
            } else {
                if !matches!(sources[i], Source::Closed) {
                    sources[i] = Source::Closed;
                    files_open -= 1;
                }
                if i + 1 == n {
                    if somedone {
                        out.append(&mut saved);
                        out.push(eol);
                    }
                } else {
                    if let Some(c) = delims[d] {
                        saved.push(c);
                    }
                    d = (d + 1) % delims.len();
                }
            }
            i += 1;
        }
        if out.len() >= 64 * 1024 || files_open == 0 {
            cmd.out.write(&out).await;
            out.clear();
        }
    }
    cmd.out.write(&out).await;
    for i in inputs {
        i.close(&p).await;
    }
    status
}

async fn serial(cmd: &mut Cmd, files: &[String], delims: &[Option<u8>], eol: u8) -> i32 {
    let p = cmd.p.clone();
    let mut status = 0;
    for f in files {
        let mut input = match Input::open(&p, f).await {
            Ok(i) => i,
            Err(e) => {
                // A directory opens and then fails to read: GNU has
                // already ended its (empty) line.
                if e.is(Errno::EISDIR) {
                    cmd.out.write(&[eol]).await;
                }
                cmd.error_at(f, &e).await;
                status = 1;
                continue;
            }
        };
        let mut splitter = Splitter::new(eol);
        let mut d = 0;
        // A line was written whose end becomes a delimiter if another
        // line follows.
        let mut pending = false;
        let mut out = Vec::new();
        let mut join = |rec: &[u8], out: &mut Vec<u8>| {
            if pending {
                if let Some(c) = delims[d] {
                    out.push(c);
                }
                d = (d + 1) % delims.len();
            }
            out.extend_from_slice(common::lines::body(rec, eol));
            pending = true;
        };
        loop {
            match input.chunk(&p).await {
                Ok(Some(chunk)) => {
                    splitter.feed(&chunk, |rec| {
                        join(rec, &mut out);
                        true
                    });
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
        if let Some(rest) = splitter.take_rest() {
            join(&rest, &mut out);
        }
        out.push(eol);
        cmd.out.write(&out).await;
        input.close(&p).await;
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_lists() {
        assert_eq!(delimiters("\\t\\n").unwrap(), [Some(b'\t'), Some(b'\n')]);
        assert_eq!(delimiters("\\0x").unwrap(), [None, Some(b'x')]);
        assert_eq!(delimiters("").unwrap(), [None]);
        assert_eq!(delimiters("a\\q").unwrap(), [Some(b'a'), Some(b'q')]);
        assert!(delimiters("a\\").is_err());
    }
}
