//! The gzip format (RFC 1952) for `gzip` and `tar -z`: a header, raw
//! deflate data (flate2's pure-Rust backend), and a trailer with the CRC
//! and size; a file may hold several such members one after another.
//!
//! Decompression pulls bytes from a [`Src`] a member at a time, so
//! memory stays bounded; the caller decides what to do between members
//! (GNU gzip warns about trailing garbage, for one).

use flate2::{Compress, Compression, Crc, Decompress, FlushCompress, FlushDecompress, Status};
use kernel::Proc;

use super::io::Input;

const CHUNK: usize = 64 * 1024;

/// Header flags.
const FHCRC: u8 = 0x02;
const FEXTRA: u8 = 0x04;
const FNAME: u8 = 0x08;
const FCOMMENT: u8 = 0x10;
const ENCRYPTED: u8 = 0x20;
const RESERVED: u8 = 0xc0;

/// An input read a byte (or a buffer) at a time.
pub struct Src {
    pub input: Input,
    buf: Vec<u8>,
    pos: usize,
    /// Bytes handed out so far.
    pub consumed: u64,
}

impl Src {
    pub fn new(input: Input) -> Src {
        Src {
            input,
            buf: Vec::new(),
            pos: 0,
            consumed: 0,
        }
    }

    /// Make sure some bytes are buffered; false at the end.
    pub async fn fill(&mut self, p: &Proc) -> kernel::Result<bool> {
        if self.pos < self.buf.len() {
            return Ok(true);
        }
        match self.input.chunk(p).await? {
            Some(c) => {
                self.buf = c;
                self.pos = 0;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Put back bytes read from the input already (only when nothing
    /// is buffered): `tar` peeks at an archive before knowing it is
    /// compressed.
    pub fn unread(&mut self, data: Vec<u8>) {
        debug_assert!(self.pos >= self.buf.len());
        self.buf = data;
        self.pos = 0;
    }

    pub fn available(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    pub fn consume(&mut self, n: usize) {
        self.pos += n;
        self.consumed += n as u64;
    }

    pub async fn byte(&mut self, p: &Proc) -> kernel::Result<Option<u8>> {
        if !self.fill(p).await? {
            return Ok(None);
        }
        let b = self.buf[self.pos];
        self.consume(1);
        Ok(Some(b))
    }
}

/// Why a member could not be read.
#[derive(Debug)]
pub enum GzError {
    /// The input ended inside a member.
    UnexpectedEof,
    /// The deflate data is corrupt.
    Format,
    /// The trailer does not match the data (either or both).
    Check {
        crc: bool,
        length: bool,
    },
    UnknownMethod(u8),
    Encrypted,
    Flags(u8),
    Read(kernel::Error),
}

impl From<kernel::Error> for GzError {
    fn from(e: kernel::Error) -> GzError {
        GzError::Read(e)
    }
}

/// A member's header, after its two magic bytes.
#[derive(Debug, Default, Clone)]
pub struct Header {
    pub name: Option<Vec<u8>>,
    pub mtime: u32,
    /// Header bytes, magic included.
    pub len: u64,
}

async fn need(src: &mut Src, p: &Proc) -> Result<u8, GzError> {
    src.byte(p).await?.ok_or(GzError::UnexpectedEof)
}

/// Read the rest of a header once the magic bytes `1f 8b` were seen.
pub async fn read_header(src: &mut Src, p: &Proc) -> Result<Header, GzError> {
    let start = src.consumed - 2;
    let method = need(src, p).await?;
    if method != 8 {
        return Err(GzError::UnknownMethod(method));
    }
    let flags = need(src, p).await?;
    if flags & ENCRYPTED != 0 {
        return Err(GzError::Encrypted);
    }
    if flags & RESERVED != 0 {
        return Err(GzError::Flags(flags));
    }
    let mut stamp = [0u8; 4];
    for b in &mut stamp {
        *b = need(src, p).await?;
    }
    need(src, p).await?; // extra flags
    need(src, p).await?; // OS
    if flags & FEXTRA != 0 {
        let len = usize::from(need(src, p).await?) | (usize::from(need(src, p).await?) << 8);
        for _ in 0..len {
            need(src, p).await?;
        }
    }
    let mut name = None;
    if flags & FNAME != 0 {
        let mut n = Vec::new();
        loop {
            match need(src, p).await? {
                0 => break,
                c => n.push(c),
            }
        }
        name = Some(n);
    }
    if flags & FCOMMENT != 0 {
        while need(src, p).await? != 0 {}
    }
    if flags & FHCRC != 0 {
        need(src, p).await?;
        need(src, p).await?;
    }
    Ok(Header {
        name,
        mtime: u32::from_le_bytes(stamp),
        len: src.consumed - start,
    })
}

/// A member's data being inflated.
pub struct Member {
    dec: Decompress,
    crc: Crc,
    done: bool,
    /// From the trailer, once read.
    pub stored_crc: u32,
    pub stored_len: u32,
    /// Bytes of data produced.
    pub out_len: u64,
}

impl Default for Member {
    fn default() -> Self {
        Member::new()
    }
}

impl Member {
    pub fn new() -> Member {
        Member {
            dec: Decompress::new(false),
            crc: Crc::new(),
            done: false,
            stored_crc: 0,
            stored_len: 0,
            out_len: 0,
        }
    }

    /// The next piece of data, or `None` once the member and its trailer
    /// were read and checked.
    pub async fn next(&mut self, src: &mut Src, p: &Proc) -> Result<Option<Vec<u8>>, GzError> {
        if self.done {
            return Ok(None);
        }
        let mut out = vec![0u8; CHUNK];
        loop {
            if !src.fill(p).await? {
                return Err(GzError::UnexpectedEof);
            }
            let (in0, out0) = (self.dec.total_in(), self.dec.total_out());
            let status = self
                .dec
                .decompress(src.available(), &mut out, FlushDecompress::None)
                .map_err(|_| GzError::Format)?;
            let used = (self.dec.total_in() - in0) as usize;
            let made = (self.dec.total_out() - out0) as usize;
            src.consume(used);
            if status == Status::StreamEnd {
                // The trailer is read now; the last piece (if any) goes
                // out, and the next call answers `None`.
                self.finish(src, p).await?;
                if made == 0 {
                    return Ok(None);
                }
            }
            if made > 0 {
                out.truncate(made);
                self.crc.update(&out);
                self.out_len += made as u64;
                return Ok(Some(out));
            }
            if used == 0 {
                // Input and room to write, and no progress: corrupt data.
                return Err(GzError::Format);
            }
        }
    }

    /// Read the trailer and compare it with what was produced.
    async fn finish(&mut self, src: &mut Src, p: &Proc) -> Result<(), GzError> {
        let mut t = [0u8; 8];
        for b in &mut t {
            *b = need(src, p).await?;
        }
        self.done = true;
        self.stored_crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        self.stored_len = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
        Ok(())
    }

    /// After `next` answered `None`: whether the trailer matched.
    pub fn check(&self, total_out: u64) -> Result<(), GzError> {
        let crc = self.stored_crc != self.crc.sum();
        let length = u64::from(self.stored_len) != total_out & 0xffff_ffff;
        if crc || length {
            return Err(GzError::Check { crc, length });
        }
        Ok(())
    }
}

/// A member being written.
pub struct Deflater {
    c: Compress,
    crc: Crc,
}

impl Deflater {
    /// Start a member; answers the header. `name` is stored when given
    /// (FNAME), `mtime` in seconds (0: none).
    pub fn new(level: u32, name: Option<&[u8]>, mtime: u32) -> (Deflater, Vec<u8>) {
        let mut h = vec![0x1f, 0x8b, 8, if name.is_some() { FNAME } else { 0 }];
        h.extend_from_slice(&mtime.to_le_bytes());
        // Extra flags as GNU sets them: 2 for the slowest, 4 the fastest.
        h.push(match level {
            9 => 2,
            1 => 4,
            _ => 0,
        });
        h.push(3); // Unix
        if let Some(n) = name {
            h.extend_from_slice(n);
            h.push(0);
        }
        let d = Deflater {
            c: Compress::new(Compression::new(level.min(9)), false),
            crc: Crc::new(),
        };
        (d, h)
    }

    fn run(&mut self, mut data: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
        loop {
            if out.capacity() - out.len() < 1024 {
                out.reserve(CHUNK);
            }
            let in0 = self.c.total_in();
            let status = self.c.compress_vec(data, out, flush);
            data = &data[(self.c.total_in() - in0) as usize..];
            match status {
                Ok(Status::StreamEnd) | Err(_) => return,
                // Everything taken in and room left over: the compressor
                // holds the rest until more comes (or the finish).
                Ok(_) if flush == FlushCompress::None && data.is_empty() && out.len() < out.capacity() => return,
                Ok(_) => {}
            }
        }
    }

    /// Compress more data; answers what is ready to go out.
    pub fn push(&mut self, data: &[u8]) -> Vec<u8> {
        self.crc.update(data);
        let mut out = Vec::new();
        self.run(data, FlushCompress::None, &mut out);
        out
    }

    /// The rest of the data and the trailer.
    pub fn finish(mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.run(&[], FlushCompress::Finish, &mut out);
        out.extend_from_slice(&self.crc.sum().to_le_bytes());
        out.extend_from_slice(&self.crc.amount().to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_fields() {
        let (_, h) = Deflater::new(9, Some(b"f"), 0x6955b900);
        assert_eq!(h, [0x1f, 0x8b, 8, 8, 0x00, 0xb9, 0x55, 0x69, 2, 3, b'f', 0]);
        let (_, h) = Deflater::new(6, None, 0);
        assert_eq!(h, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
    }

    #[test]
    fn deflate_inflates_back() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (mut d, _) = Deflater::new(6, None, 0);
        let mut z = d.push(&data);
        z.extend(d.finish());
        let mut dec = Decompress::new(false);
        let mut out = Vec::with_capacity(data.len() + 10);
        dec.decompress_vec(&z, &mut out, FlushDecompress::Finish).unwrap();
        assert_eq!(out, data);
        let n = z.len();
        assert_eq!(&z[n - 4..], &(data.len() as u32).to_le_bytes());
    }
}
