//! The field primitives: little-endian integers and `s[2]` strings, read
//! from a slice that knows where it ends and written to a growing buffer.

use crate::error::{EncodeError, Fault};

pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], Fault> {
        if n > self.buf.len() {
            return Err(Fault::Short);
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Fault> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, Fault> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u16(&mut self) -> Result<u16, Fault> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Fault> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, Fault> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn string(&mut self) -> Result<String, Fault> {
        let n = self.u16()? as usize;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| Fault::BadString)
    }

    /// `count[4] data[count]`.
    pub(crate) fn data(&mut self) -> Result<Vec<u8>, Fault> {
        let n = self.u32()? as usize;
        Ok(self.take(n)?.to_vec())
    }

    pub(crate) fn remaining(&self) -> usize {
        self.buf.len()
    }

    /// The message is over: nothing may follow.
    pub(crate) fn finish(&self) -> Result<(), Fault> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(Fault::Trailing)
        }
    }
}

pub(crate) struct Writer<'a> {
    pub(crate) buf: &'a mut Vec<u8>,
}

impl Writer<'_> {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn string(&mut self, s: &str) -> Result<(), EncodeError> {
        let n = u16::try_from(s.len()).map_err(|_| EncodeError::StringTooLong)?;
        self.u16(n);
        self.buf.extend_from_slice(s.as_bytes());
        Ok(())
    }

    pub(crate) fn data(&mut self, d: &[u8]) -> Result<(), EncodeError> {
        let n = u32::try_from(d.len()).map_err(|_| EncodeError::TooLarge)?;
        self.u32(n);
        self.buf.extend_from_slice(d);
        Ok(())
    }
}
