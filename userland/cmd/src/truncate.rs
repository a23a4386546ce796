//! `truncate`: shrink or extend files to a size.

use kernel::{Errno, OpenFlags, StatChanges};

use common::cli::{Cmd, Opt, flag, value};
use common::files;
use common::quote::quote;
use common::size::parse_size;

const HELP: &str = "Usage: truncate OPTION... FILE...
Shrink or extend the size of each FILE to the specified size

A FILE argument that does not exist is created.

If a FILE is larger than the specified size, the extra data is lost.
If a FILE is shorter, it is extended and the sparse extended part (hole)
reads as zero bytes.

  -c, --no-create        do not create any files
  -o, --io-blocks        treat SIZE as number of IO blocks (4096 bytes here)
                           instead of bytes
  -r, --reference=RFILE  base size on RFILE
  -s, --size=SIZE        set or adjust the file size by SIZE bytes
      --help     display this help and exit
      --version  output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

SIZE may also be prefixed by one of the following modifying characters:
'+' extend by, '-' reduce by, '<' at most, '>' at least,
'/' round down to multiple of, '%' round up to multiple of.
";

const SPEC: &[Opt] = &[
    flag("no-create", 'c'),
    flag("io-blocks", 'o'),
    value("reference", 'r'),
    value("size", 's'),
];

const IO_BLOCK: u64 = 4096;

/// How `-s` changes a size.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Op {
    Set,
    Extend,
    Reduce,
    AtMost,
    AtLeast,
    RoundDown,
    RoundUp,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let blocks = opts.has("io-blocks");
    let size = match opts.value("size") {
        Some(s) => match parse_op(s) {
            Some((op, n)) => {
                let n = if blocks { n.checked_mul(IO_BLOCK) } else { Some(n) };
                match n {
                    Some(n) => Some((op, n)),
                    None => return invalid(&mut cmd, s).await,
                }
            }
            None => return invalid(&mut cmd, s).await,
        },
        None => None,
    };
    let reference = opts.value("reference");
    if size.is_none() && reference.is_none() {
        return cmd
            .usage_error("you must specify either '--size' or '--reference'", 1)
            .await;
    }
    if reference.is_some() && size.is_some_and(|(op, _)| op == Op::Set) {
        return cmd
            .usage_error("you must specify a relative '--size' with '--reference'", 1)
            .await;
    }
    if blocks && size.is_none() {
        return cmd
            .usage_error("'--io-blocks' was specified but '--size' was not", 1)
            .await;
    }
    if size.is_some_and(|(op, n)| n == 0 && matches!(op, Op::RoundDown | Op::RoundUp)) {
        cmd.error("division by zero").await;
        return cmd.finish(1).await;
    }
    let base = match reference {
        Some(r) => match cmd.p.stat(r).await {
            Ok(st) => Some(st.size),
            Err(e) => {
                cmd.error(format!("cannot stat {}: {}", quote(r), e.strerror())).await;
                return cmd.finish(1).await;
            }
        },
        None => None,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing file operand", 1).await;
    }
    let no_create = opts.has("no-create");
    let mut status = 0;
    for f in &opts.operands {
        if let Err(msg) = truncate(&mut cmd, f, no_create, size, base).await {
            cmd.error(msg).await;
            status = 1;
        }
    }
    cmd.finish(status).await
}

async fn invalid(cmd: &mut Cmd, s: &str) -> i32 {
    cmd.error(format!("Invalid number: {}", quote(s))).await;
    cmd.finish(1).await
}

/// `[+-<>/%]N[unit]`.
fn parse_op(s: &str) -> Option<(Op, u64)> {
    let (op, rest) = match s.chars().next()? {
        '+' => (Op::Extend, &s[1..]),
        '-' => (Op::Reduce, &s[1..]),
        '<' => (Op::AtMost, &s[1..]),
        '>' => (Op::AtLeast, &s[1..]),
        '/' => (Op::RoundDown, &s[1..]),
        '%' => (Op::RoundUp, &s[1..]),
        _ => (Op::Set, s),
    };
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    parse_size(rest, "").ok().map(|n| (op, n))
}

/// The new size of a file of `cur` bytes.
fn new_size(op: Op, n: u64, cur: u64) -> Option<u64> {
    Some(match op {
        Op::Set => n,
        Op::Extend => cur.checked_add(n)?,
        Op::Reduce => cur.saturating_sub(n),
        Op::AtMost => cur.min(n),
        Op::AtLeast => cur.max(n),
        Op::RoundDown => cur / n * n,
        Op::RoundUp => cur.div_ceil(n).checked_mul(n)?,
    })
}

async fn truncate(
    cmd: &mut Cmd,
    f: &str,
    no_create: bool,
    size: Option<(Op, u64)>,
    base: Option<u64>,
) -> Result<(), String> {
    let cannot_open = |e: kernel::Error| format!("cannot open {} for writing: {}", quote(f), e.strerror());
    let cur = match files::stat(&cmd.p, f).await {
        Ok(st) if st.is_dir() => return Err(cannot_open(Errno::EISDIR.into())),
        Ok(st) => st.size,
        Err(e) if e.is(Errno::ENOENT) && no_create => return Ok(()),
        Err(e) if e.is(Errno::ENOENT) => {
            let flags = OpenFlags {
                read: false,
                write: true,
                create: true,
                ..OpenFlags::READ
            };
            let fd = cmd.p.open(f, flags).await.map_err(cannot_open)?;
            let _ = cmd.p.close(fd).await;
            0
        }
        Err(e) => return Err(cannot_open(e)),
    };
    let from = base.unwrap_or(cur);
    let target = match size {
        Some((op, n)) => new_size(op, n, from),
        None => Some(from),
    };
    let Some(target) = target else {
        return Err(format!("overflow in size of {}", quote(f)));
    };
    if target == cur {
        return Ok(());
    }
    let changes = StatChanges {
        size: Some(target),
        ..Default::default()
    };
    cmd.p
        .wstat(f, &changes)
        .await
        .map_err(|e| format!("failed to truncate {} at {target} bytes: {}", quote(f), e.strerror()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_op("10"), Some((Op::Set, 10)));
        assert_eq!(parse_op("+5"), Some((Op::Extend, 5)));
        assert_eq!(parse_op("%4096"), Some((Op::RoundUp, 4096)));
        assert_eq!(parse_op("10K"), Some((Op::Set, 10240)));
        assert_eq!(parse_op("1KB"), Some((Op::Set, 1000)));
        assert_eq!(parse_op("1b"), None);
        assert_eq!(parse_op(""), None);
        assert_eq!(parse_op("-"), None);
        assert_eq!(parse_op("1.5K"), None);
        assert_eq!(new_size(Op::Reduce, 20, 15), Some(0));
        assert_eq!(new_size(Op::RoundDown, 3000, 10240), Some(9000));
        assert_eq!(new_size(Op::RoundUp, 4096, 9000), Some(12288));
        assert_eq!(new_size(Op::AtMost, 100, 12288), Some(100));
        assert_eq!(new_size(Op::AtLeast, 200, 100), Some(200));
    }
}
