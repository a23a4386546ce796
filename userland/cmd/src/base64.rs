//! `base64`: encode or decode base64 data (GNU coreutils 9.1), streaming.

use common::cli::{Cmd, flag, value};
use common::io::Input;
use common::quote::{quote, quotef};

const HELP: &str = "Usage: base64 [OPTION]... [FILE]
Base64 encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
      --help     display this help and exit
      --version  output version information and exit

The data are encoded as described for the base64 alphabet in RFC 4648.
When decoding, the input may contain newlines in addition to the bytes of
the formal base64 alphabet.  Use --ignore-garbage to attempt to recover
from any other non-alphabet bytes in the encoded stream.
";

const SPEC: &[common::cli::Opt] = &[flag("decode", 'd'), flag("ignore-garbage", 'i'), value("wrap", 'w')];

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The value of a base64 digit.
fn digit(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Encode whole groups of three bytes (and, when `last`, the remainder
/// with padding).
pub fn encode(data: &[u8], out: &mut Vec<u8>) {
    for g in data.chunks(3) {
        let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = [18, 12, 6, 0].map(|s| ALPHABET[((n >> s) & 63) as usize]);
        let keep = g.len() + 1;
        out.extend_from_slice(&chars[..keep]);
        out.extend(std::iter::repeat_n(b'=', 4 - keep));
    }
}

/// gnulib's `decode_4`: decode one quantum of up to four characters,
/// pushing the bytes it gets to before any problem. False if the quantum
/// is not a valid (complete) one.
fn decode_quantum(q: &[u8], out: &mut Vec<u8>) -> bool {
    if q.len() < 2 {
        return false;
    }
    let (Some(a), Some(b)) = (digit(q[0]), digit(q[1])) else {
        return false;
    };
    out.push((a << 2) | (b >> 4));
    if q.len() == 2 {
        return false;
    }
    if q[2] == b'=' {
        return q.len() == 4 && q[3] == b'=';
    }
    let Some(c) = digit(q[2]) else { return false };
    out.push((b << 4) | (c >> 2));
    if q.len() == 3 {
        return false;
    }
    if q[3] == b'=' {
        return true;
    }
    let Some(d) = digit(q[3]) else { return false };
    out.push((c << 6) | d);
    true
}

/// A streaming decoder: characters are gathered into quanta of four
/// (newlines dropped; with `ignore`, anything not in the alphabet).
pub struct Decoder {
    ignore: bool,
    pending: Vec<u8>,
}

impl Decoder {
    pub fn new(ignore: bool) -> Decoder {
        Decoder {
            ignore,
            pending: Vec::with_capacity(4),
        }
    }

    /// Decode more input; false at the first invalid quantum (the bytes
    /// before it are in `out`).
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) -> bool {
        for &c in data {
            let keep = if self.ignore {
                digit(c).is_some() || c == b'='
            } else {
                c != b'\n'
            };
            if !keep {
                continue;
            }
            self.pending.push(c);
            if self.pending.len() == 4 {
                let ok = decode_quantum(&self.pending, out);
                self.pending.clear();
                if !ok {
                    return false;
                }
            }
        }
        true
    }

    /// The end of input: a partial quantum is invalid.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let q = std::mem::take(&mut self.pending);
        decode_quantum(&q, out)
    }
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let wrap = match opts.value("wrap") {
        None => 76,
        Some(w) => match w.parse::<u64>() {
            Ok(n) => n,
            Err(_) if w.bytes().all(|c| c.is_ascii_digit()) && !w.is_empty() => u64::MAX,
            Err(_) => {
                cmd.error(format!("invalid wrap size: {}", quote(w))).await;
                return cmd.finish(1).await;
            }
        },
    };
    if opts.operands.len() > 1 {
        let msg = format!("extra operand {}", quote(&opts.operands[1]));
        return cmd.usage_error(msg, 1).await;
    }
    let name = opts.operands.first().cloned().unwrap_or_else(|| "-".to_string());
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, &name).await {
        Ok(i) => i,
        // A directory opens, and fails at the first read.
        Err(e) if e.is(kernel::Errno::EISDIR) => {
            let status = read_error(&mut cmd, &e).await;
            return cmd.finish(status).await;
        }
        Err(e) => {
            cmd.error_at(&quotef(&name), &e).await;
            return cmd.finish(1).await;
        }
    };
    let status = if opts.has("decode") {
        decode(&mut cmd, &mut input, opts.has("ignore-garbage")).await
    } else {
        encode_stream(&mut cmd, &mut input, wrap).await
    };
    input.close(&p).await;
    cmd.finish(status).await
}

async fn read_error(cmd: &mut Cmd, e: &kernel::Error) -> i32 {
    cmd.error(format!("read error: {}", e.strerror())).await;
    1
}

async fn encode_stream(cmd: &mut Cmd, input: &mut Input, wrap: u64) -> i32 {
    let p = cmd.p.clone();
    let mut carry: Vec<u8> = Vec::new();
    let mut column: u64 = 0;
    let mut text = Vec::new();
    let mut line = Vec::new();
    loop {
        let chunk = match input.chunk(&p).await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return read_error(cmd, &e).await,
        };
        carry.extend_from_slice(&chunk);
        let whole = carry.len() / 3 * 3;
        text.clear();
        encode(&carry[..whole], &mut text);
        carry.drain(..whole);
        wrap_out(&text, wrap, &mut column, &mut line);
        cmd.out.write(&line).await;
    }
    text.clear();
    encode(&carry, &mut text);
    wrap_out(&text, wrap, &mut column, &mut line);
    if wrap > 0 && column > 0 {
        line.push(b'\n');
    }
    cmd.out.write(&line).await;
    0
}

/// Break encoded text into lines of `wrap` characters.
fn wrap_out(text: &[u8], wrap: u64, column: &mut u64, out: &mut Vec<u8>) {
    out.clear();
    if wrap == 0 {
        out.extend_from_slice(text);
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        let room = usize::try_from(wrap - *column).unwrap_or(usize::MAX);
        let n = room.min(rest.len());
        out.extend_from_slice(&rest[..n]);
        *column += n as u64;
        rest = &rest[n..];
        if *column == wrap {
            out.push(b'\n');
            *column = 0;
        }
    }
}

async fn decode(cmd: &mut Cmd, input: &mut Input, ignore: bool) -> i32 {
    let p = cmd.p.clone();
    let mut d = Decoder::new(ignore);
    let mut out = Vec::new();
    loop {
        let chunk = match input.chunk(&p).await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return read_error(cmd, &e).await,
        };
        out.clear();
        let ok = d.feed(&chunk, &mut out);
        cmd.out.write(&out).await;
        if !ok {
            cmd.error("invalid input").await;
            return 1;
        }
    }
    out.clear();
    let ok = d.finish(&mut out);
    cmd.out.write(&out).await;
    if !ok {
        cmd.error("invalid input").await;
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str, ignore: bool) -> (Vec<u8>, bool) {
        let mut d = Decoder::new(ignore);
        let mut out = Vec::new();
        let ok = d.feed(s.as_bytes(), &mut out) && d.finish(&mut out);
        (out, ok)
    }

    #[test]
    fn round_trip() {
        let mut out = Vec::new();
        encode(b"abcd", &mut out);
        assert_eq!(out, b"YWJjZA==");
        assert_eq!(dec("YWJjZA==\n", false), (b"abcd".to_vec(), true));
    }

    #[test]
    fn gnu_decoding_quirks() {
        assert_eq!(dec("YQ", false), (b"a".to_vec(), false));
        assert_eq!(dec("YWJjYQ==YWJj", false), (b"abcaabc".to_vec(), true));
        assert_eq!(dec("YWJj=YWJj", false), (b"abc".to_vec(), false));
        assert_eq!(dec("YW Jj", false), (b"a".to_vec(), false));
        assert_eq!(dec("YW*Jj", true), (b"abc".to_vec(), true));
        assert_eq!(dec("YWJj\r\n", false), (b"abc".to_vec(), false));
    }
}
