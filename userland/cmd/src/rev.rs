//! `rev`: reverse each line (util-linux's rev): bytes under `C`,
//! characters under a UTF-8 locale (a byte that is not UTF-8 stays one).

use common::cli::{Cmd, Opt};
use common::io::Input;
use common::lines::Splitter;
use common::locale::{self, Charset};

const HELP: &str = "Usage: rev [options] [file ...]

Reverse lines characterwise.

Options:
 -h, --help     display this help
 -V, --version  display version

Characters are bytes in the C locale and UTF-8 sequences in a UTF-8 one;
any byte may appear in a line.
";

const SPEC: &[Opt] = &[common::cli::flag("help", 'h'), common::cli::flag("version", 'V')];

fn reverse_line(rec: &[u8], out: &mut Vec<u8>, charset: Charset) {
    let (body, end) = match rec.split_last() {
        Some((b'\n', body)) => (body, true),
        _ => (rec, false),
    };
    if charset == Charset::Bytes || body.is_ascii() {
        out.extend(body.iter().rev());
    } else {
        let units: Vec<_> = locale::units(body, charset).collect();
        for u in units.iter().rev() {
            out.extend_from_slice(&body[u.start..u.start + u.len]);
        }
    }
    if end {
        out.push(b'\n');
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let files = opts.files();
    let p = cmd.p.clone();
    let charset = Charset::of(&p);
    let mut status = 0;
    for f in &files {
        // util-linux rev opens its operands as named: "-" is a file.
        let name = if f == "-" && !opts.operands.is_empty() {
            "./-"
        } else {
            f.as_str()
        };
        let mut input = match Input::open(&p, name).await {
            Ok(i) => i,
            Err(e) if e.is(kernel::Errno::EISDIR) => {
                cmd.error(format!("{f}: 0: {}", e.strerror())).await;
                status = 1;
                continue;
            }
            Err(e) => {
                cmd.error(format!("cannot open {f}: {}", e.strerror())).await;
                status = 1;
                continue;
            }
        };
        let mut splitter = Splitter::new(b'\n');
        let mut out = Vec::new();
        loop {
            match input.chunk(&p).await {
                Ok(Some(chunk)) => {
                    splitter.feed(&chunk, |rec| {
                        reverse_line(rec, &mut out, charset);
                        true
                    });
                    cmd.out.write(&out).await;
                    out.clear();
                }
                Ok(None) => break,
                Err(e) => {
                    cmd.error(format!("{f}: {}", e.strerror())).await;
                    status = 1;
                    break;
                }
            }
        }
        if let Some(rest) = splitter.take_rest() {
            reverse_line(&rest, &mut out, charset);
            cmd.out.write(&out).await;
        }
        input.close(&p).await;
    }
    cmd.finish(status).await
}
