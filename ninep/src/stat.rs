//! Qids and stat records (intro(5), stat(5)).

use crate::error::{EncodeError, Fault};
use crate::qt;
use crate::wire::{Reader, Writer};

/// A file's identity on the server: `path` unique per file, `version`
/// bumped on change, `ty` the top byte of its mode (`qt::QTDIR`, ...).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Qid {
    pub ty: u8,
    pub version: u32,
    pub path: u64,
}

impl Qid {
    pub const LEN: usize = 13;

    pub fn is_dir(&self) -> bool {
        self.ty & qt::QTDIR != 0
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Qid, Fault> {
        Ok(Qid {
            ty: r.u8()?,
            version: r.u32()?,
            path: r.u64()?,
        })
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u8(self.ty);
        w.u32(self.version);
        w.u64(self.path);
    }
}

/// A stat record: a directory entry, Rstat's answer and Twstat's request.
/// In a Twstat, `!0` integers and empty strings mean "don't touch".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stat {
    /// For kernel use; servers send 0 and clients ignore it.
    pub ty: u16,
    pub dev: u32,
    pub qid: Qid,
    pub mode: u32,
    pub atime: u32,
    pub mtime: u32,
    pub length: u64,
    pub name: String,
    pub uid: String,
    pub gid: String,
    pub muid: String,
}

/// The bytes of a record after its own size field and before its strings.
const FIXED: usize = 2 + 4 + Qid::LEN + 4 + 4 + 4 + 8;

impl Stat {
    /// A Twstat record that changes nothing: every field "don't touch".
    pub fn dont_touch() -> Stat {
        Stat {
            ty: !0,
            dev: !0,
            qid: Qid {
                ty: !0,
                version: !0,
                path: !0,
            },
            mode: !0,
            atime: !0,
            mtime: !0,
            length: !0,
            name: String::new(),
            uid: String::new(),
            gid: String::new(),
            muid: String::new(),
        }
    }

    /// Encoded length, the leading size field included.
    pub fn len(&self) -> usize {
        2 + FIXED + 8 + self.name.len() + self.uid.len() + self.gid.len() + self.muid.len()
    }

    /// Never true: a record always has its fixed fields.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Append the record (`size[2]` first) to `out`.
    pub fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let body = u16::try_from(self.len() - 2).map_err(|_| EncodeError::StatTooLong)?;
        let start = out.len();
        let mut w = Writer { buf: out };
        w.u16(body);
        w.u16(self.ty);
        w.u32(self.dev);
        self.qid.write(&mut w);
        w.u32(self.mode);
        w.u32(self.atime);
        w.u32(self.mtime);
        w.u64(self.length);
        let strings = [&self.name, &self.uid, &self.gid, &self.muid];
        for s in strings {
            if let Err(e) = w.string(s) {
                out.truncate(start);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Read one record, which must fill exactly the size it declares.
    pub(crate) fn read(r: &mut Reader) -> Result<Stat, Fault> {
        let size = r.u16()? as usize;
        let mut body = Reader::new(r.take(size).map_err(|_| Fault::BadStat)?);
        let st = Stat {
            ty: body.u16()?,
            dev: body.u32()?,
            qid: Qid::read(&mut body)?,
            mode: body.u32()?,
            atime: body.u32()?,
            mtime: body.u32()?,
            length: body.u64()?,
            name: body.string()?,
            uid: body.string()?,
            gid: body.string()?,
            muid: body.string()?,
        };
        body.finish().map_err(|_| Fault::BadStat)?;
        Ok(st)
    }

    /// Decode one record filling all of `buf`.
    pub fn decode(buf: &[u8]) -> Result<Stat, Fault> {
        let mut r = Reader::new(buf);
        let st = Stat::read(&mut r)?;
        r.finish().map_err(|_| Fault::BadStat)?;
        Ok(st)
    }

    /// Decode the records of a directory read: whole records, back to back.
    pub fn decode_all(mut buf: &[u8]) -> Result<Vec<Stat>, Fault> {
        let mut out = Vec::new();
        while !buf.is_empty() {
            let mut r = Reader::new(buf);
            out.push(Stat::read(&mut r)?);
            buf = &buf[buf.len() - r.remaining()..];
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Stat {
        Stat {
            ty: 0,
            dev: 0,
            qid: Qid {
                ty: qt::QTDIR,
                version: 3,
                path: 0x1122334455667788,
            },
            mode: 0x8000_01ed,
            atime: 10,
            mtime: 20,
            length: 0,
            name: "usr".into(),
            uid: "glenda".into(),
            gid: "sys".into(),
            muid: "".into(),
        }
    }

    #[test]
    fn record_roundtrips_with_declared_size() {
        let st = sample();
        let mut out = Vec::new();
        st.encode(&mut out).unwrap();
        assert_eq!(out.len(), st.len());
        assert_eq!(u16::from_le_bytes([out[0], out[1]]) as usize, out.len() - 2);
        assert_eq!(Stat::decode(&out).unwrap(), st);
    }

    #[test]
    fn fixed_part_is_49_bytes_with_string_lengths() {
        let st = Stat {
            name: String::new(),
            uid: String::new(),
            gid: String::new(),
            muid: String::new(),
            ..sample()
        };
        assert_eq!(st.len(), 49);
    }

    #[test]
    fn sizes_that_disagree_are_refused() {
        let mut out = Vec::new();
        sample().encode(&mut out).unwrap();
        let mut longer = out.clone();
        longer[0] += 1;
        longer.push(0);
        assert_eq!(Stat::decode(&longer), Err(Fault::BadStat));
        let mut shorter = out.clone();
        shorter[0] -= 1;
        assert!(Stat::decode(&shorter[..shorter.len() - 1]).is_err());
        assert_eq!(Stat::decode(&out[..out.len() - 1]), Err(Fault::BadStat));
    }

    #[test]
    fn directory_reads_hold_records_back_to_back() {
        let a = sample();
        let b = Stat {
            name: "tmp".into(),
            ..sample()
        };
        let mut out = Vec::new();
        a.encode(&mut out).unwrap();
        b.encode(&mut out).unwrap();
        assert_eq!(Stat::decode_all(&out).unwrap(), vec![a, b]);
        assert!(Stat::decode_all(&out[..out.len() - 3]).is_err());
        assert_eq!(Stat::decode_all(&[]).unwrap(), vec![]);
    }

    #[test]
    fn overlong_strings_do_not_encode() {
        let st = Stat {
            name: "x".repeat(70_000),
            ..sample()
        };
        let mut out = vec![1, 2, 3];
        assert!(st.encode(&mut out).is_err());
        assert_eq!(out, vec![1, 2, 3]);
    }
}
