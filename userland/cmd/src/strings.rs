//! `strings`: print the runs of printable characters in files (GNU
//! binutils 2.40). Every file is scanned whole, as binutils does by
//! default (`-a`) and for any file that is not an object file; the
//! object-file options (`-d`, `-T`) and the Unicode display modes (`-U`,
//! `--unicode`) are refused rather than ignored.
//!
//! A run is printed once it reaches the minimum length (`-n`, 4), with
//! the file name (`-f`) and its offset (`-t`) before it and the output
//! separator (`-s`, a newline) after it. Characters are one byte (`-e s`,
//! ASCII printables and tab; `-e S`, any byte above 127 too) or 16/32-bit
//! units in either byte order (`-e b l B L`), printable when their value
//! is below 256.

use common::cli::Cmd;
use common::cli::{Arg, Mode, Opt, Opts, flag, long, value};
use common::coop::Ticker;
use common::io::Input;
use common::limits::Budget;

const HELP: &str = "Usage: strings [option(s)] [file(s)]
 Display printable strings in [file(s)] (stdin by default)
 The options are:
  -a - --all                Scan the entire file, not just the data section [default]
  -f --print-file-name      Print the name of the file before each string
  -n <number>               Locate & print any sequence of at least <number>
    --bytes=<number>         displayable characters.  (The default is 4).
  -t --radix={o,d,x}        Print the location of the string in base 8, 10 or 16
  -w --include-all-whitespace Include all whitespace as valid string characters
  -o                        An alias for --radix=o
  -e --encoding={s,S,b,l,B,L} Select character size and endianness:
                            s = 7-bit, S = 8-bit, {b,l} = 16-bit, {B,L} = 32-bit
  -s --output-separator=<string> String used to separate strings in output.
  -h --help                 Display this information
  -v -V --version           Print the program's version number
 Not here: -d/--data and -T/--target (object file sections), -U/--unicode,
 and @FILE option files.
";

const SPEC: &[Opt] = &[
    flag("all", 'a'),
    flag("data", 'd'),
    flag("print-file-name", 'f'),
    value("bytes", 'n'),
    value("radix", 't'),
    flag("include-all-whitespace", 'w'),
    flag("-o", 'o'),
    value("target", 'T'),
    value("encoding", 'e'),
    value("-U", 'U'),
    long("unicode", Arg::Required),
    value("output-separator", 's'),
    flag("-h", 'h'),
    flag("-v", 'v'),
    flag("-V", 'V'),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Radix {
    None,
    Oct,
    Dec,
    Hex,
}

struct Config {
    min: u64,
    file_names: bool,
    radix: Radix,
    whitespace: bool,
    /// Bytes per character.
    width: usize,
    big_endian: bool,
    /// `-e S`: bytes above 127 are printable.
    eight_bit: bool,
    separator: Vec<u8>,
}

/// binutils prints its usage on stderr and exits 1 after any bad option.
async fn usage(cmd: &mut Cmd, msg: Option<String>) -> i32 {
    let mut text = String::new();
    if let Some(m) = msg {
        text.push_str(&format!("{}: {m}\n", cmd.name));
    }
    text.push_str(HELP);
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, text.as_bytes()).await;
    1
}

/// `-NUMBER` is `-n NUMBER`.
fn expand_digits(args: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(args.len());
    let mut ended = false;
    for a in args {
        if !ended && a.len() > 1 && a.starts_with('-') && a[1..].bytes().all(|b| b.is_ascii_digit()) {
            out.push("-n".to_string());
            out.push(a[1..].to_string());
            continue;
        }
        if a == "--" {
            ended = true;
        }
        out.push(a.clone());
    }
    out
}

/// binutils' minimum length: a decimal integer; below 1 is refused, a
/// negative one wraps to a length no run reaches (as binutils does).
fn min_length(v: &str) -> Result<u64, String> {
    let n: i64 = v.trim().parse().map_err(|_| format!("invalid integer argument {v}"))?;
    if n == 0 {
        return Err("invalid minimum string length 0".into());
    }
    Ok(if n < 0 { u64::MAX } else { n as u64 })
}

/// Why the options were refused: a usage error (binutils prints its
/// usage after the message, if any) or a fatal one (the message alone).
enum Refusal {
    Usage(Option<String>),
    Fatal(String),
}

fn configure(opts: &Opts) -> Result<Config, Refusal> {
    let mut c = Config {
        min: 4,
        file_names: false,
        radix: Radix::None,
        whitespace: false,
        width: 1,
        big_endian: false,
        eight_bit: false,
        separator: b"\n".to_vec(),
    };
    for (name, v) in &opts.list {
        let v = v.as_deref().unwrap_or("");
        match *name {
            "all" => {}
            "data" => {
                return Err(Refusal::Fatal(
                    "-d: scanning only data sections is not supported here".into(),
                ));
            }
            "target" => return Err(Refusal::Fatal("-T: object file formats are not supported here".into())),
            "-U" | "unicode" => {
                return Err(Refusal::Fatal(
                    "-U/--unicode: Unicode display modes are not supported here".into(),
                ));
            }
            "print-file-name" => c.file_names = true,
            "bytes" => c.min = min_length(v).map_err(Refusal::Fatal)?,
            "radix" => {
                c.radix = match v {
                    "o" => Radix::Oct,
                    "d" => Radix::Dec,
                    "x" => Radix::Hex,
                    _ => return Err(Refusal::Usage(None)),
                }
            }
            "-o" => c.radix = Radix::Oct,
            "include-all-whitespace" => c.whitespace = true,
            "encoding" => {
                (c.width, c.big_endian, c.eight_bit) = match v {
                    "s" => (1, false, false),
                    "S" => (1, false, true),
                    "b" => (2, true, false),
                    "l" => (2, false, false),
                    "B" => (4, true, false),
                    "L" => (4, false, false),
                    _ => return Err(Refusal::Usage(None)),
                }
            }
            "output-separator" => c.separator = v.as_bytes().to_vec(),
            _ => {}
        }
    }
    Ok(c)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let args = expand_digits(&cmd.args);
    let opts = match Opts::parse(&args, SPEC, Mode::Permute) {
        Ok(o) => o,
        Err(msg) => return usage(&mut cmd, Some(msg)).await,
    };
    if opts.has("help") || opts.has("-h") {
        return cmd.help(HELP).await;
    }
    if opts.has("version") || opts.has("-v") || opts.has("-V") {
        return cmd.version().await;
    }
    let config = match configure(&opts) {
        Ok(c) => c,
        Err(Refusal::Usage(msg)) => return usage(&mut cmd, msg).await,
        Err(Refusal::Fatal(msg)) => {
            cmd.error(msg).await;
            return cmd.finish(1).await;
        }
    };
    let mut status = 0;
    let p = cmd.p.clone();
    // An operand `-` is binutils' old spelling of `-a`, not standard
    // input; operands that are all `-` leave no file, which is a usage
    // error.
    let files: Vec<&String> = opts.operands.iter().filter(|o| *o != "-").collect();
    if files.is_empty() && !opts.operands.is_empty() {
        return usage(&mut cmd, None).await;
    }
    let stdin = files.is_empty();
    let names: Vec<String> = if stdin {
        vec!["{standard input}".into()]
    } else {
        files.into_iter().cloned().collect()
    };
    for name in &names {
        let shown = name.clone();
        let input = if stdin {
            Input::from_fd(0)
        } else {
            match p.stat(name).await {
                Err(_) => {
                    cmd.error(format!("'{name}': No such file")).await;
                    status = 1;
                    continue;
                }
                Ok(st) if st.is_dir() => {
                    cmd.error(format!("Warning: '{name}' is a directory")).await;
                    status = 1;
                    continue;
                }
                Ok(_) => match Input::open(&p, name).await {
                    Ok(i) => i,
                    Err(e) => {
                        cmd.error(format!("{name}: {}", e.strerror())).await;
                        status = 1;
                        continue;
                    }
                },
            }
        };
        if let Err(e) = scan(&mut cmd, input, &config, &shown).await {
            cmd.error(format!("{name}: {}", common::limits::describe(&e))).await;
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// A run being assembled: where it started, and its characters until it
/// is long enough to print.
struct Run {
    start: u64,
    len: u64,
    buf: Vec<u8>,
    printing: bool,
}

async fn scan(cmd: &mut Cmd, mut input: Input, c: &Config, shown: &str) -> kernel::Result<()> {
    let p = cmd.p.clone();
    let budget = Budget::of(&p);
    let mut ticker = Ticker::new();
    let mut run = Run {
        start: 0,
        len: 0,
        buf: Vec::new(),
        printing: false,
    };
    // Bytes not yet decoded; `offset` is the file offset of `window[0]`.
    // A wide character that is not graphic gives back all but its first
    // byte, so the scan resynchronises one byte on, as GNU's
    // unget_part_char does (`ab\0h\0i\0` under -e l finds `bhi` at 1).
    let mut window: std::collections::VecDeque<u8> = std::collections::VecDeque::with_capacity(8);
    let mut offset: u64 = 0;
    let result = async {
        while let Some(chunk) = input.chunk(&p).await? {
            ticker.ticks(&p, chunk.len() / 64).await;
            for &b in &chunk {
                window.push_back(b);
                if window.len() < c.width {
                    continue;
                }
                let bytes = window.iter().take(c.width);
                let ch = if c.big_endian {
                    bytes.fold(0u32, |v, &x| (v << 8) | u32::from(x))
                } else {
                    bytes.rev().fold(0u32, |v, &x| (v << 8) | u32::from(x))
                };
                let at = offset;
                if !graphic(ch, c) {
                    window.pop_front();
                    offset += 1;
                    end_run(cmd, c, &mut run).await;
                    continue;
                }
                window.clear();
                offset += c.width as u64;
                let byte = ch as u8;
                if run.printing {
                    cmd.out.write(&[byte]).await;
                    continue;
                }
                if run.len == 0 {
                    run.start = at;
                }
                run.len += 1;
                if !budget.fits(run.buf.len() + 1) {
                    return Err(kernel::Error::with_detail(kernel::Errno::ENOMEM, "string too long"));
                }
                run.buf.push(byte);
                if run.len >= c.min {
                    start_line(cmd, c, shown, run.start).await;
                    let text = std::mem::take(&mut run.buf);
                    cmd.out.write(&text).await;
                    run.printing = true;
                }
            }
        }
        Ok(())
    }
    .await;
    end_run(cmd, c, &mut run).await;
    input.close(&p).await;
    result
}

fn graphic(ch: u32, c: &Config) -> bool {
    if ch > 255 {
        return false;
    }
    let b = ch as u8;
    b == b'\t'
        || (0x20..0x7f).contains(&b)
        || (c.eight_bit && b > 127)
        || (c.whitespace && matches!(b, b' ' | b'\n' | b'\r' | 0x0b | 0x0c))
}

async fn start_line(cmd: &mut Cmd, c: &Config, shown: &str, start: u64) {
    if c.file_names {
        cmd.out.write(format!("{shown}: ").as_bytes()).await;
    }
    let at = match c.radix {
        Radix::None => return,
        Radix::Oct => format!("{start:7o} "),
        Radix::Dec => format!("{start:7} "),
        Radix::Hex => format!("{start:7x} "),
    };
    cmd.out.write(at.as_bytes()).await;
}

async fn end_run(cmd: &mut Cmd, c: &Config, run: &mut Run) {
    if run.printing {
        cmd.out.write(&c.separator).await;
    }
    run.printing = false;
    run.len = 0;
    run.buf.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_digit_options() {
        assert_eq!(min_length("7"), Ok(7));
        assert_eq!(min_length("-1"), Ok(u64::MAX));
        assert_eq!(min_length("0").unwrap_err(), "invalid minimum string length 0");
        assert_eq!(min_length("3x").unwrap_err(), "invalid integer argument 3x");
        let a: Vec<String> = ["-12", "f", "--", "-3"].iter().map(|s| s.to_string()).collect();
        assert_eq!(expand_digits(&a), ["-n", "12", "f", "--", "-3"]);
    }
}
