//! `base64`, `base32` and `basenc`: encode or decode data in the RFC 4648
//! alphabets, Z85 and bit strings (GNU coreutils 9.1), streaming.
//!
//! One codec serves all of them: the quantum encodings (base64, base32)
//! are bit packings described by an alphabet and a block size, decoded a
//! quantum at a time with gnulib's rules; base16, base2 and Z85 decode as
//! a stream, as coreutils' basenc does.

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::io::Input;
use common::quote::{quote, quotef};

const COMMON_OPTIONS: &str = "  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
";

fn help_for(name: &str, alphabet: &str) -> String {
    format!(
        "Usage: {name} [OPTION]... [FILE]
{upper} encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
{COMMON_OPTIONS}      --help     display this help and exit
      --version  output version information and exit

The data are encoded as described for the {alphabet} alphabet in RFC 4648.
When decoding, the input may contain newlines in addition to the bytes of
the formal {alphabet} alphabet.  Use --ignore-garbage to attempt to recover
from any other non-alphabet bytes in the encoded stream.
",
        upper = name[..1].to_ascii_uppercase() + &name[1..],
    )
}

const BASENC_HELP: &str = "Usage: basenc [OPTION]... [FILE]
basenc encode or decode FILE, or standard input, to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
      --base64          same as 'base64' program (RFC4648 section 4)
      --base64url       file- and url-safe base64 (RFC4648 section 5)
      --base32          same as 'base32' program (RFC4648 section 6)
      --base32hex       extended hex alphabet base32 (RFC4648 section 7)
      --base16          hex encoding (RFC4648 section 8)
      --base2msbf       bit string with most significant bit (msb) first
      --base2lsbf       bit string with least significant bit (lsb) first
  -d, --decode          decode data
  -i, --ignore-garbage  when decoding, ignore non-alphabet characters
  -w, --wrap=COLS       wrap encoded lines after COLS character (default 76).
                          Use 0 to disable line wrapping
      --z85             ascii85-like encoding (ZeroMQ spec:32/Z85);
                        when encoding, input length must be a multiple of 4;
                        when decoding, input length must be a multiple of 5
      --help     display this help and exit
      --version  output version information and exit

When decoding, the input may contain newlines in addition to the bytes of
the formal alphabet.  Use --ignore-garbage to attempt to recover
from any other non-alphabet bytes in the encoded stream.
(--base32hex rejects W-Z, which coreutils 9.1 lets through as base32 digits.)
";

const SPEC: &[Opt] = &[flag("decode", 'd'), flag("ignore-garbage", 'i'), value("wrap", 'w')];

const BASENC_SPEC: &[Opt] = &[
    flag("decode", 'd'),
    flag("ignore-garbage", 'i'),
    value("wrap", 'w'),
    long("base64", Arg::No),
    long("base64url", Arg::No),
    long("base32", Arg::No),
    long("base32hex", Arg::No),
    long("base16", Arg::No),
    long("base2msbf", Arg::No),
    long("base2lsbf", Arg::No),
    long("z85", Arg::No),
];

/// The encodings, by their basenc option names.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Encoding {
    Base64,
    Base64Url,
    Base32,
    Base32Hex,
    Base16,
    Base2Msbf,
    Base2Lsbf,
    Z85,
}

const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B32HEX: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
const B16: &[u8] = b"0123456789ABCDEF";
const Z85: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

impl Encoding {
    const BY_OPTION: [(&'static str, Encoding); 8] = [
        ("base64", Encoding::Base64),
        ("base64url", Encoding::Base64Url),
        ("base32", Encoding::Base32),
        ("base32hex", Encoding::Base32Hex),
        ("base16", Encoding::Base16),
        ("base2msbf", Encoding::Base2Msbf),
        ("base2lsbf", Encoding::Base2Lsbf),
        ("z85", Encoding::Z85),
    ];

    fn alphabet(self) -> &'static [u8] {
        match self {
            Encoding::Base64 => B64,
            Encoding::Base64Url => B64URL,
            Encoding::Base32 => B32,
            Encoding::Base32Hex => B32HEX,
            Encoding::Base16 => B16,
            Encoding::Base2Msbf | Encoding::Base2Lsbf => b"01",
            Encoding::Z85 => Z85,
        }
    }

    /// Bytes encoded together (a block never needs padding inside).
    fn block(self) -> usize {
        match self {
            Encoding::Base64 | Encoding::Base64Url => 3,
            Encoding::Base32 | Encoding::Base32Hex => 5,
            Encoding::Z85 => 4,
            Encoding::Base16 | Encoding::Base2Msbf | Encoding::Base2Lsbf => 1,
        }
    }

    /// The value of a digit, if it is one.
    fn digit(self, c: u8) -> Option<u8> {
        self.alphabet().iter().position(|&a| a == c).map(|v| v as u8)
    }

    /// Bits per digit, for the bit-packing encodings.
    fn bits(self) -> u32 {
        self.alphabet().len().trailing_zeros()
    }

    /// Padded quanta with gnulib's decoding rules (base64 and base32).
    fn quantum(self) -> Option<usize> {
        match self {
            Encoding::Base64 | Encoding::Base64Url => Some(4),
            Encoding::Base32 | Encoding::Base32Hex => Some(8),
            _ => None,
        }
    }

    /// What --ignore-garbage keeps (GNU keeps '=' for every encoding).
    fn keeps(self, c: u8) -> bool {
        c == b'=' || self.digit(c).is_some()
    }
}

/// Encode `data`: whole blocks, plus (at the end of input) a padded last
/// quantum. Z85 has no padding: a partial block is the caller's error.
pub fn encode(enc: Encoding, data: &[u8], out: &mut Vec<u8>) {
    let alphabet = enc.alphabet();
    match enc {
        Encoding::Z85 => {
            for q in data.chunks_exact(4) {
                let mut v = u32::from_be_bytes([q[0], q[1], q[2], q[3]]);
                let mut digits = [0u8; 5];
                for d in digits.iter_mut().rev() {
                    *d = alphabet[(v % 85) as usize];
                    v /= 85;
                }
                out.extend_from_slice(&digits);
            }
        }
        Encoding::Base2Lsbf => {
            for &b in data {
                out.extend((0..8).map(|i| if b >> i & 1 == 1 { b'1' } else { b'0' }));
            }
        }
        _ => {
            let bits = enc.bits();
            let digits_per_block = enc.block() * 8 / bits as usize;
            for g in data.chunks(enc.block()) {
                let mut acc: u64 = 0;
                for i in 0..enc.block() {
                    acc = acc << 8 | u64::from(*g.get(i).unwrap_or(&0));
                }
                let used = (g.len() * 8).div_ceil(bits as usize);
                let mask = (1u64 << bits) - 1;
                for k in 0..digits_per_block {
                    if k < used {
                        let shift = (digits_per_block - 1 - k) as u32 * bits;
                        out.push(alphabet[(acc >> shift & mask) as usize]);
                    } else {
                        out.push(b'=');
                    }
                }
            }
        }
    }
}

/// A streaming decoder.
pub struct Decoder {
    enc: Encoding,
    ignore: bool,
    /// Characters of the quantum (or Z85 group) being gathered.
    pending: Vec<u8>,
    /// base16 and base2: the bits of the byte being gathered.
    acc: u32,
    nbits: u32,
}

impl Decoder {
    pub fn new(enc: Encoding, ignore: bool) -> Decoder {
        Decoder {
            enc,
            ignore,
            pending: Vec::with_capacity(8),
            acc: 0,
            nbits: 0,
        }
    }

    /// Decode more input; false at the first invalid character or
    /// quantum (the bytes before it are in `out`).
    pub fn feed(&mut self, data: &[u8], out: &mut Vec<u8>) -> bool {
        if self.enc == Encoding::Base64Url && !self.ignore && data.iter().any(|&c| c == b'+' || c == b'/') {
            // coreutils rejects a block holding the other base64's digits
            // before decoding any of it.
            return false;
        }
        for &c in data {
            let keep = if self.ignore { self.enc.keeps(c) } else { c != b'\n' };
            if keep && !self.push(c, out) {
                return false;
            }
        }
        true
    }

    fn push(&mut self, c: u8, out: &mut Vec<u8>) -> bool {
        match (self.enc, self.enc.quantum()) {
            (_, Some(q)) => {
                self.pending.push(c);
                if self.pending.len() == q {
                    let ok = decode_quantum(self.enc, &self.pending, out);
                    self.pending.clear();
                    return ok;
                }
                true
            }
            (Encoding::Z85, _) => {
                let Some(d) = self.enc.digit(c) else { return false };
                self.pending.push(d);
                if self.pending.len() == 5 {
                    let v = self.pending.iter().fold(0u64, |v, &d| v * 85 + u64::from(d));
                    self.pending.clear();
                    let Ok(v) = u32::try_from(v) else { return false };
                    out.extend_from_slice(&v.to_be_bytes());
                }
                true
            }
            (enc, _) => {
                let Some(d) = enc.digit(c) else { return false };
                let bits = enc.bits();
                self.acc = if enc == Encoding::Base2Lsbf {
                    self.acc | u32::from(d) << self.nbits
                } else {
                    self.acc << bits | u32::from(d)
                };
                self.nbits += bits;
                if self.nbits == 8 {
                    out.push(self.acc as u8);
                    (self.acc, self.nbits) = (0, 0);
                }
                true
            }
        }
    }

    /// The end of input: a partial quantum or byte is invalid (base64
    /// still yields the whole bytes of a partial quantum, as gnulib does).
    pub fn finish(&mut self, out: &mut Vec<u8>) -> bool {
        if self.nbits != 0 {
            return false;
        }
        if self.pending.is_empty() {
            return true;
        }
        let q = std::mem::take(&mut self.pending);
        if matches!(self.enc, Encoding::Base64 | Encoding::Base64Url) {
            decode_quantum(self.enc, &q, out);
        }
        false
    }
}

/// gnulib's `decode_4`/`decode_8`: decode one quantum, pushing the bytes
/// it yields before any problem. Padding may start only where it ends a
/// whole byte, and then runs to the end of the quantum. False if the
/// quantum is not a valid complete one.
fn decode_quantum(enc: Encoding, q: &[u8], out: &mut Vec<u8>) -> bool {
    let bits = enc.bits() as usize;
    let size = enc.quantum().unwrap_or(q.len());
    let (mut acc, mut nbits) = (0u32, 0usize);
    for (i, &c) in q.iter().enumerate() {
        if c == b'=' {
            let ends_a_byte = i >= 2 && (i * bits) / 8 > ((i - 1) * bits) / 8;
            return ends_a_byte && q.len() == size && q[i..].iter().all(|&c| c == b'=');
        }
        let Some(d) = enc.digit(c) else { return false };
        acc = acc << bits | u32::from(d);
        nbits += bits;
        if nbits >= 8 {
            nbits -= 8;
            out.push((acc >> nbits) as u8);
            acc &= (1 << nbits) - 1;
        }
    }
    q.len() == size
}

pub async fn base64(cmd: Cmd) -> i32 {
    let help = help_for("base64", "base64");
    run(cmd, SPEC, &help, Some(Encoding::Base64)).await
}

pub async fn base32(cmd: Cmd) -> i32 {
    let help = help_for("base32", "base32");
    run(cmd, SPEC, &help, Some(Encoding::Base32)).await
}

pub async fn basenc(cmd: Cmd) -> i32 {
    run(cmd, BASENC_SPEC, BASENC_HELP, None).await
}

async fn run(mut cmd: Cmd, spec: &[Opt], help: &str, fixed: Option<Encoding>) -> i32 {
    let opts = match cmd.parse(spec, help).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    // The last encoding option wins, as in coreutils.
    let chosen = opts
        .list
        .iter()
        .rev()
        .find_map(|(name, _)| Encoding::BY_OPTION.iter().find(|(n, _)| n == name).map(|(_, e)| *e));
    let Some(enc) = fixed.or(chosen) else {
        return cmd.usage_error("missing encoding type", 1).await;
    };
    let wrap = match opts.value("wrap") {
        None => 76,
        Some(w) => match w.parse::<u64>() {
            Ok(n) => n,
            Err(_) if w.bytes().all(|c| c.is_ascii_digit()) && !w.is_empty() => 0,
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
        decode(&mut cmd, &mut input, Decoder::new(enc, opts.has("ignore-garbage"))).await
    } else {
        encode_stream(&mut cmd, &mut input, enc, wrap).await
    };
    input.close(&p).await;
    cmd.finish(status).await
}

async fn read_error(cmd: &mut Cmd, e: &kernel::Error) -> i32 {
    cmd.error(format!("read error: {}", e.strerror())).await;
    1
}

async fn encode_stream(cmd: &mut Cmd, input: &mut Input, enc: Encoding, wrap: u64) -> i32 {
    let p = cmd.p.clone();
    let mut carry: Vec<u8> = Vec::new();
    let mut column: u64 = 0;
    let mut text = Vec::new();
    // Each chunk's text waits for the next chunk, so a Z85 input of a bad
    // length leaves its last block unwritten, as coreutils does.
    let mut ready: Vec<u8> = Vec::new();
    loop {
        let chunk = match input.chunk(&p).await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return read_error(cmd, &e).await,
        };
        cmd.out.write(&ready).await;
        carry.extend_from_slice(&chunk);
        let whole = carry.len() / enc.block() * enc.block();
        text.clear();
        encode(enc, &carry[..whole], &mut text);
        carry.drain(..whole);
        wrap_out(&text, wrap, &mut column, &mut ready);
    }
    if enc == Encoding::Z85 && !carry.is_empty() {
        cmd.error("invalid input (length must be multiple of 4 characters)")
            .await;
        return 1;
    }
    cmd.out.write(&ready).await;
    text.clear();
    encode(enc, &carry, &mut text);
    wrap_out(&text, wrap, &mut column, &mut ready);
    if wrap > 0 && column > 0 {
        ready.push(b'\n');
    }
    cmd.out.write(&ready).await;
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

async fn decode(cmd: &mut Cmd, input: &mut Input, mut d: Decoder) -> i32 {
    let p = cmd.p.clone();
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

    fn enc(e: Encoding, s: &[u8]) -> String {
        let mut out = Vec::new();
        encode(e, s, &mut out);
        String::from_utf8(out).unwrap()
    }

    fn dec(e: Encoding, s: &str, ignore: bool) -> (Vec<u8>, bool) {
        let mut d = Decoder::new(e, ignore);
        let mut out = Vec::new();
        let ok = d.feed(s.as_bytes(), &mut out) && d.finish(&mut out);
        (out, ok)
    }

    #[test]
    fn encodings() {
        assert_eq!(enc(Encoding::Base64, b"abcd"), "YWJjZA==");
        assert_eq!(enc(Encoding::Base32, b"hello"), "NBSWY3DP");
        assert_eq!(enc(Encoding::Base32, b"a"), "ME======");
        assert_eq!(enc(Encoding::Base32Hex, b"abc"), "C5H66===");
        assert_eq!(enc(Encoding::Base64Url, b"\xfb\xff"), "-_8=");
        assert_eq!(enc(Encoding::Base16, b"abc"), "616263");
        assert_eq!(enc(Encoding::Base2Msbf, b"a"), "01100001");
        assert_eq!(enc(Encoding::Base2Lsbf, b"a"), "10000110");
        assert_eq!(enc(Encoding::Z85, b"abcd"), "vpA.S");
    }

    #[test]
    fn gnu_decoding_quirks() {
        let b64 = Encoding::Base64;
        assert_eq!(dec(b64, "YWJjZA==\n", false), (b"abcd".to_vec(), true));
        assert_eq!(dec(b64, "YQ", false), (b"a".to_vec(), false));
        assert_eq!(dec(b64, "YWJjYQ==YWJj", false), (b"abcaabc".to_vec(), true));
        assert_eq!(dec(b64, "YWJj=YWJj", false), (b"abc".to_vec(), false));
        assert_eq!(dec(b64, "YW Jj", false), (b"a".to_vec(), false));
        assert_eq!(dec(b64, "YW*Jj", true), (b"abc".to_vec(), true));
        assert_eq!(dec(b64, "YWJj\r\n", false), (b"abc".to_vec(), false));
        let b32 = Encoding::Base32;
        assert_eq!(dec(b32, "MFRGG", false), (vec![], false));
        assert_eq!(dec(b32, "MFRG GZDF", false), (b"ab".to_vec(), false));
        assert_eq!(dec(b32, "MFR=====", false), (b"a".to_vec(), false));
        assert_eq!(dec(b32, "MFRGG===", false), (b"abc".to_vec(), true));
        assert_eq!(dec(Encoding::Base16, "61626", false), (b"ab".to_vec(), false));
        assert_eq!(dec(Encoding::Base16, "6162\n63", false), (b"abc".to_vec(), true));
        assert_eq!(dec(Encoding::Base16, "abcd", false), (vec![], false));
        assert_eq!(dec(Encoding::Z85, "vpA.S", false), (b"abcd".to_vec(), true));
        assert_eq!(dec(Encoding::Z85, "%%%%%", false), (vec![], false));
        assert_eq!(dec(Encoding::Base2Lsbf, "10000110", false), (b"a".to_vec(), true));
        assert_eq!(dec(Encoding::Base64Url, "ab+/", false), (vec![], false));
    }
}
