//! The messages of 9P2000 and their frames: `size[4] type[1] tag[2]`
//! followed by the fields of intro(5), every integer little-endian.

use crate::error::{DecodeError, EncodeError, Fault};
use crate::stat::{Qid, Stat};
use crate::wire::{Reader, Writer};
use crate::{HEADER, MAXWELEM};

/// A request, as a client sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tmsg {
    Version {
        msize: u32,
        version: String,
    },
    Auth {
        afid: u32,
        uname: String,
        aname: String,
    },
    Attach {
        fid: u32,
        afid: u32,
        uname: String,
        aname: String,
    },
    Flush {
        oldtag: u16,
    },
    Walk {
        fid: u32,
        newfid: u32,
        wnames: Vec<String>,
    },
    Open {
        fid: u32,
        mode: u8,
    },
    Create {
        fid: u32,
        name: String,
        perm: u32,
        mode: u8,
    },
    Read {
        fid: u32,
        offset: u64,
        count: u32,
    },
    Write {
        fid: u32,
        offset: u64,
        data: Vec<u8>,
    },
    Clunk {
        fid: u32,
    },
    Remove {
        fid: u32,
    },
    Stat {
        fid: u32,
    },
    Wstat {
        fid: u32,
        stat: Stat,
    },
}

/// A reply, as a server sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rmsg {
    Version { msize: u32, version: String },
    Auth { aqid: Qid },
    Attach { qid: Qid },
    Error { ename: String },
    Flush,
    Walk { qids: Vec<Qid> },
    Open { qid: Qid, iounit: u32 },
    Create { qid: Qid, iounit: u32 },
    Read { data: Vec<u8> },
    Write { count: u32 },
    Clunk,
    Remove,
    Stat { stat: Stat },
    Wstat,
}

/// Message type numbers.
mod ty {
    pub const TVERSION: u8 = 100;
    pub const TAUTH: u8 = 102;
    pub const TATTACH: u8 = 104;
    pub const RERROR: u8 = 107;
    pub const TFLUSH: u8 = 108;
    pub const TWALK: u8 = 110;
    pub const TOPEN: u8 = 112;
    pub const TCREATE: u8 = 114;
    pub const TREAD: u8 = 116;
    pub const TWRITE: u8 = 118;
    pub const TCLUNK: u8 = 120;
    pub const TREMOVE: u8 = 122;
    pub const TSTAT: u8 = 124;
    pub const TWSTAT: u8 = 126;
}
use ty::*;

/// Where the frame at the start of `buf` ends: `Ok(None)` until its whole
/// size is there. A size field below the header size or above `max` (the
/// msize) is an error before any of the frame is buffered, so a peer
/// cannot make the reader hold more than `max` bytes.
pub fn frame_len(buf: &[u8], max: u32) -> Result<Option<usize>, DecodeError> {
    let Some(size) = buf.get(..4) else {
        return Ok(None);
    };
    let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
    if (size as usize) < HEADER || size > max {
        return Err(Fault::Size { size, max }.into());
    }
    let size = size as usize;
    Ok((buf.len() >= size).then_some(size))
}

/// Split a whole frame into its type, tag and body, checking the size
/// field against the bytes given.
fn open_frame(frame: &[u8]) -> Result<(u8, u16, Reader<'_>), DecodeError> {
    if frame.len() < HEADER {
        return Err(Fault::Short.into());
    }
    let size = u32::from_le_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize;
    let tag = u16::from_le_bytes([frame[5], frame[6]]);
    let fault = if size > frame.len() {
        Some(Fault::Short)
    } else if size < frame.len() {
        Some(Fault::Trailing)
    } else {
        None
    };
    if let Some(fault) = fault {
        return Err(DecodeError { tag: Some(tag), fault });
    }
    Ok((frame[4], tag, Reader::new(&frame[HEADER..])))
}

/// A `n[2] stat[n]` field (Rstat, Twstat): `n` must be the record's size.
fn read_wrapped_stat(r: &mut Reader) -> Result<Stat, Fault> {
    let n = r.u16()? as usize;
    Stat::decode(r.take(n).map_err(|_| Fault::BadStat)?)
}

fn write_wrapped_stat(w: &mut Writer, st: &Stat) -> Result<(), EncodeError> {
    let n = u16::try_from(st.len()).map_err(|_| EncodeError::StatTooLong)?;
    w.u16(n);
    st.encode(w.buf)
}

fn count_names(n: u16) -> Result<usize, Fault> {
    if n as usize > MAXWELEM {
        Err(Fault::TooManyNames(n))
    } else {
        Ok(n as usize)
    }
}

/// Append one frame: the header, whatever `body` writes, then the size
/// patched in. On an error nothing is left appended.
fn frame(
    out: &mut Vec<u8>,
    ty: u8,
    tag: u16,
    body: impl FnOnce(&mut Writer) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    let start = out.len();
    out.extend_from_slice(&[0, 0, 0, 0, ty]);
    out.extend_from_slice(&tag.to_le_bytes());
    let r = body(&mut Writer { buf: out });
    let size = u32::try_from(out.len() - start).map_err(|_| EncodeError::TooLarge);
    match r.and(size) {
        Ok(size) => {
            out[start..start + 4].copy_from_slice(&size.to_le_bytes());
            Ok(())
        }
        Err(e) => {
            out.truncate(start);
            Err(e)
        }
    }
}

fn names(n: usize) -> Result<u16, EncodeError> {
    if n > MAXWELEM {
        Err(EncodeError::TooManyNames)
    } else {
        Ok(n as u16)
    }
}

impl Tmsg {
    /// Decode one whole frame (as [`frame_len`] delimits it): its tag and
    /// message.
    pub fn decode(frame: &[u8]) -> Result<(u16, Tmsg), DecodeError> {
        let (ty, tag, mut r) = open_frame(frame)?;
        let msg = Tmsg::body(ty, &mut r)
            .and_then(|m| r.finish().map(|()| m))
            .map_err(|fault| DecodeError { tag: Some(tag), fault })?;
        Ok((tag, msg))
    }

    fn body(ty: u8, r: &mut Reader) -> Result<Tmsg, Fault> {
        Ok(match ty {
            TVERSION => Tmsg::Version {
                msize: r.u32()?,
                version: r.string()?,
            },
            TAUTH => Tmsg::Auth {
                afid: r.u32()?,
                uname: r.string()?,
                aname: r.string()?,
            },
            TATTACH => Tmsg::Attach {
                fid: r.u32()?,
                afid: r.u32()?,
                uname: r.string()?,
                aname: r.string()?,
            },
            TFLUSH => Tmsg::Flush { oldtag: r.u16()? },
            TWALK => {
                let fid = r.u32()?;
                let newfid = r.u32()?;
                let n = count_names(r.u16()?)?;
                let wnames = (0..n).map(|_| r.string()).collect::<Result<_, _>>()?;
                Tmsg::Walk { fid, newfid, wnames }
            }
            TOPEN => Tmsg::Open {
                fid: r.u32()?,
                mode: r.u8()?,
            },
            TCREATE => Tmsg::Create {
                fid: r.u32()?,
                name: r.string()?,
                perm: r.u32()?,
                mode: r.u8()?,
            },
            TREAD => Tmsg::Read {
                fid: r.u32()?,
                offset: r.u64()?,
                count: r.u32()?,
            },
            TWRITE => Tmsg::Write {
                fid: r.u32()?,
                offset: r.u64()?,
                data: r.data()?,
            },
            TCLUNK => Tmsg::Clunk { fid: r.u32()? },
            TREMOVE => Tmsg::Remove { fid: r.u32()? },
            TSTAT => Tmsg::Stat { fid: r.u32()? },
            TWSTAT => Tmsg::Wstat {
                fid: r.u32()?,
                stat: read_wrapped_stat(r)?,
            },
            other => return Err(Fault::UnknownType(other)),
        })
    }

    /// The message type number.
    pub fn type_number(&self) -> u8 {
        match self {
            Tmsg::Version { .. } => TVERSION,
            Tmsg::Auth { .. } => TAUTH,
            Tmsg::Attach { .. } => TATTACH,
            Tmsg::Flush { .. } => TFLUSH,
            Tmsg::Walk { .. } => TWALK,
            Tmsg::Open { .. } => TOPEN,
            Tmsg::Create { .. } => TCREATE,
            Tmsg::Read { .. } => TREAD,
            Tmsg::Write { .. } => TWRITE,
            Tmsg::Clunk { .. } => TCLUNK,
            Tmsg::Remove { .. } => TREMOVE,
            Tmsg::Stat { .. } => TSTAT,
            Tmsg::Wstat { .. } => TWSTAT,
        }
    }

    /// Append the frame for this request with `tag` to `out`.
    pub fn encode(&self, tag: u16, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        frame(out, self.type_number(), tag, |w| {
            match self {
                Tmsg::Version { msize, version } => {
                    w.u32(*msize);
                    w.string(version)?;
                }
                Tmsg::Auth { afid, uname, aname } => {
                    w.u32(*afid);
                    w.string(uname)?;
                    w.string(aname)?;
                }
                Tmsg::Attach {
                    fid,
                    afid,
                    uname,
                    aname,
                } => {
                    w.u32(*fid);
                    w.u32(*afid);
                    w.string(uname)?;
                    w.string(aname)?;
                }
                Tmsg::Flush { oldtag } => w.u16(*oldtag),
                Tmsg::Walk { fid, newfid, wnames } => {
                    w.u32(*fid);
                    w.u32(*newfid);
                    w.u16(names(wnames.len())?);
                    for name in wnames {
                        w.string(name)?;
                    }
                }
                Tmsg::Open { fid, mode } => {
                    w.u32(*fid);
                    w.u8(*mode);
                }
                Tmsg::Create { fid, name, perm, mode } => {
                    w.u32(*fid);
                    w.string(name)?;
                    w.u32(*perm);
                    w.u8(*mode);
                }
                Tmsg::Read { fid, offset, count } => {
                    w.u32(*fid);
                    w.u64(*offset);
                    w.u32(*count);
                }
                Tmsg::Write { fid, offset, data } => {
                    w.u32(*fid);
                    w.u64(*offset);
                    w.data(data)?;
                }
                Tmsg::Clunk { fid } | Tmsg::Remove { fid } | Tmsg::Stat { fid } => w.u32(*fid),
                Tmsg::Wstat { fid, stat } => {
                    w.u32(*fid);
                    write_wrapped_stat(w, stat)?;
                }
            }
            Ok(())
        })
    }
}

impl Rmsg {
    /// An Rerror with free text.
    pub fn error(ename: impl Into<String>) -> Rmsg {
        Rmsg::Error { ename: ename.into() }
    }

    /// Decode one whole frame: its tag and message.
    pub fn decode(frame: &[u8]) -> Result<(u16, Rmsg), DecodeError> {
        let (ty, tag, mut r) = open_frame(frame)?;
        let msg = Rmsg::body(ty, &mut r)
            .and_then(|m| r.finish().map(|()| m))
            .map_err(|fault| DecodeError { tag: Some(tag), fault })?;
        Ok((tag, msg))
    }

    fn body(ty: u8, r: &mut Reader) -> Result<Rmsg, Fault> {
        Ok(match ty {
            t if t == TVERSION + 1 => Rmsg::Version {
                msize: r.u32()?,
                version: r.string()?,
            },
            t if t == TAUTH + 1 => Rmsg::Auth { aqid: Qid::read(r)? },
            t if t == TATTACH + 1 => Rmsg::Attach { qid: Qid::read(r)? },
            RERROR => Rmsg::Error { ename: r.string()? },
            t if t == TFLUSH + 1 => Rmsg::Flush,
            t if t == TWALK + 1 => {
                let n = count_names(r.u16()?)?;
                let qids = (0..n).map(|_| Qid::read(r)).collect::<Result<_, _>>()?;
                Rmsg::Walk { qids }
            }
            t if t == TOPEN + 1 => Rmsg::Open {
                qid: Qid::read(r)?,
                iounit: r.u32()?,
            },
            t if t == TCREATE + 1 => Rmsg::Create {
                qid: Qid::read(r)?,
                iounit: r.u32()?,
            },
            t if t == TREAD + 1 => Rmsg::Read { data: r.data()? },
            t if t == TWRITE + 1 => Rmsg::Write { count: r.u32()? },
            t if t == TCLUNK + 1 => Rmsg::Clunk,
            t if t == TREMOVE + 1 => Rmsg::Remove,
            t if t == TSTAT + 1 => Rmsg::Stat {
                stat: read_wrapped_stat(r)?,
            },
            t if t == TWSTAT + 1 => Rmsg::Wstat,
            other => return Err(Fault::UnknownType(other)),
        })
    }

    /// The message type number.
    pub fn type_number(&self) -> u8 {
        match self {
            Rmsg::Version { .. } => TVERSION + 1,
            Rmsg::Auth { .. } => TAUTH + 1,
            Rmsg::Attach { .. } => TATTACH + 1,
            Rmsg::Error { .. } => RERROR,
            Rmsg::Flush => TFLUSH + 1,
            Rmsg::Walk { .. } => TWALK + 1,
            Rmsg::Open { .. } => TOPEN + 1,
            Rmsg::Create { .. } => TCREATE + 1,
            Rmsg::Read { .. } => TREAD + 1,
            Rmsg::Write { .. } => TWRITE + 1,
            Rmsg::Clunk => TCLUNK + 1,
            Rmsg::Remove => TREMOVE + 1,
            Rmsg::Stat { .. } => TSTAT + 1,
            Rmsg::Wstat => TWSTAT + 1,
        }
    }

    /// Append the frame for this reply with `tag` to `out`.
    pub fn encode(&self, tag: u16, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        frame(out, self.type_number(), tag, |w| {
            match self {
                Rmsg::Version { msize, version } => {
                    w.u32(*msize);
                    w.string(version)?;
                }
                Rmsg::Auth { aqid: qid } | Rmsg::Attach { qid } => qid.write(w),
                Rmsg::Error { ename } => w.string(ename)?,
                Rmsg::Walk { qids } => {
                    w.u16(names(qids.len())?);
                    for q in qids {
                        q.write(w);
                    }
                }
                Rmsg::Open { qid, iounit } | Rmsg::Create { qid, iounit } => {
                    qid.write(w);
                    w.u32(*iounit);
                }
                Rmsg::Read { data } => w.data(data)?,
                Rmsg::Write { count } => w.u32(*count),
                Rmsg::Stat { stat } => write_wrapped_stat(w, stat)?,
                Rmsg::Flush | Rmsg::Clunk | Rmsg::Remove | Rmsg::Wstat => {}
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NOFID, NOTAG, qt};

    fn qid(path: u64) -> Qid {
        Qid {
            ty: qt::QTFILE,
            version: 7,
            path,
        }
    }

    fn every_t() -> Vec<Tmsg> {
        vec![
            Tmsg::Version {
                msize: 8192,
                version: "9P2000".into(),
            },
            Tmsg::Auth {
                afid: 1,
                uname: "glenda".into(),
                aname: "".into(),
            },
            Tmsg::Attach {
                fid: 0,
                afid: NOFID,
                uname: "glenda".into(),
                aname: "12".into(),
            },
            Tmsg::Flush { oldtag: 3 },
            Tmsg::Walk {
                fid: 0,
                newfid: 1,
                wnames: vec!["usr".into(), "glenda".into()],
            },
            Tmsg::Open { fid: 1, mode: 0x12 },
            Tmsg::Create {
                fid: 1,
                name: "new".into(),
                perm: 0o644,
                mode: 1,
            },
            Tmsg::Read {
                fid: 1,
                offset: 1 << 40,
                count: 8168,
            },
            Tmsg::Write {
                fid: 1,
                offset: 5,
                data: b"hello".to_vec(),
            },
            Tmsg::Clunk { fid: 1 },
            Tmsg::Remove { fid: 1 },
            Tmsg::Stat { fid: 1 },
            Tmsg::Wstat {
                fid: 1,
                stat: Stat::dont_touch(),
            },
        ]
    }

    fn every_r() -> Vec<Rmsg> {
        vec![
            Rmsg::Version {
                msize: 8192,
                version: "9P2000".into(),
            },
            Rmsg::Auth { aqid: qid(1) },
            Rmsg::Attach { qid: qid(2) },
            Rmsg::error("file does not exist"),
            Rmsg::Flush,
            Rmsg::Walk {
                qids: vec![qid(3), qid(4)],
            },
            Rmsg::Open { qid: qid(5), iounit: 0 },
            Rmsg::Create {
                qid: qid(6),
                iounit: 8168,
            },
            Rmsg::Read {
                data: vec![0, 1, 2, 255],
            },
            Rmsg::Write { count: 4 },
            Rmsg::Clunk,
            Rmsg::Remove,
            Rmsg::Stat {
                stat: Stat {
                    name: "x".into(),
                    ..Stat::default()
                },
            },
            Rmsg::Wstat,
        ]
    }

    #[test]
    fn every_message_roundtrips() {
        for (i, m) in every_t().into_iter().enumerate() {
            let mut out = Vec::new();
            m.encode(i as u16, &mut out).unwrap();
            assert_eq!(frame_len(&out, 1 << 20), Ok(Some(out.len())));
            assert_eq!(Tmsg::decode(&out), Ok((i as u16, m)));
        }
        for (i, m) in every_r().into_iter().enumerate() {
            let mut out = Vec::new();
            m.encode(i as u16, &mut out).unwrap();
            assert_eq!(Rmsg::decode(&out), Ok((i as u16, m)));
        }
    }

    #[test]
    fn wire_layout_matches_intro5() {
        let mut out = Vec::new();
        Tmsg::Version {
            msize: 8192,
            version: "9P2000".into(),
        }
        .encode(NOTAG, &mut out)
        .unwrap();
        assert_eq!(out, b"\x13\x00\x00\x00\x64\xff\xff\x00\x20\x00\x00\x06\x009P2000");
        out.clear();
        Rmsg::Stat { stat: Stat::default() }.encode(1, &mut out).unwrap();
        // n[2] then the record's own size[2] = n - 2.
        assert_eq!(&out[7..11], &[49, 0, 47, 0]);
    }

    #[test]
    fn frame_len_waits_for_the_whole_frame_and_bounds_it() {
        let mut out = Vec::new();
        Tmsg::Clunk { fid: 9 }.encode(1, &mut out).unwrap();
        assert_eq!(frame_len(&out[..3], 64), Ok(None));
        assert_eq!(frame_len(&out[..10], 64), Ok(None));
        assert_eq!(frame_len(&out, 64), Ok(Some(11)));
        let fault = |b: &[u8], max| frame_len(b, max).unwrap_err().fault;
        assert_eq!(fault(&[6, 0, 0, 0], 64), Fault::Size { size: 6, max: 64 });
        assert_eq!(fault(&[65, 0, 0, 0], 64), Fault::Size { size: 65, max: 64 });
        assert!(fault(&[0xff, 0xff, 0xff, 0xff], 64).breaks_framing());
    }

    fn frame_of(ty: u8, tag: u16, body: &[u8]) -> Vec<u8> {
        let mut f = ((HEADER + body.len()) as u32).to_le_bytes().to_vec();
        f.push(ty);
        f.extend_from_slice(&tag.to_le_bytes());
        f.extend_from_slice(body);
        f
    }

    #[test]
    fn malformed_frames_name_their_tag_and_fault() {
        let err = |f: &[u8]| Tmsg::decode(f).unwrap_err();
        assert_eq!(err(&[1, 2, 3]).fault, Fault::Short);
        assert_eq!(err(&[1, 2, 3]).tag, None);
        // Unknown types, R-messages and Terror.
        for t in [0, 99, 101, 106, 107, 128, 255] {
            let e = err(&frame_of(t, 5, &[]));
            assert_eq!((e.tag, e.fault), (Some(5), Fault::UnknownType(t)));
        }
        // A clunk missing a byte of its fid, and one with a byte too many.
        assert_eq!(err(&frame_of(TCLUNK, 1, &[1, 0, 0])).fault, Fault::Short);
        assert_eq!(err(&frame_of(TCLUNK, 1, &[1, 0, 0, 0, 0])).fault, Fault::Trailing);
        // A string whose length runs past the frame, and one not UTF-8.
        let mut body = 0u32.to_le_bytes().to_vec();
        body.extend_from_slice(&[0xff, 0xff, 0xff, 0xff]);
        body.extend_from_slice(&[10, 0, b'a']);
        body.extend_from_slice(&[0, 0]);
        assert_eq!(err(&frame_of(TATTACH, 2, &body)).fault, Fault::Short);
        let bad_utf8 = [0u32.to_le_bytes(), [0xff; 4]].concat();
        let bad_utf8 = [bad_utf8.as_slice(), &[2, 0, 0xc3, 0x28, 0, 0]].concat();
        assert_eq!(err(&frame_of(TATTACH, 2, &bad_utf8)).fault, Fault::BadString);
        // The frame's size field must be the frame's length.
        let mut f = frame_of(TCLUNK, 4, &[1, 0, 0, 0]);
        f[0] += 1;
        assert_eq!(
            err(&f),
            DecodeError {
                tag: Some(4),
                fault: Fault::Short
            }
        );
        // A Twrite whose count runs past the frame.
        let mut body = 1u32.to_le_bytes().to_vec();
        body.extend_from_slice(&0u64.to_le_bytes());
        body.extend_from_slice(&100u32.to_le_bytes());
        body.extend_from_slice(b"short");
        assert_eq!(err(&frame_of(TWRITE, 6, &body)).fault, Fault::Short);
    }

    #[test]
    fn walks_carry_at_most_sixteen_names() {
        let walk = |n: usize| Tmsg::Walk {
            fid: 0,
            newfid: 1,
            wnames: vec!["a".into(); n],
        };
        let mut out = Vec::new();
        walk(16).encode(1, &mut out).unwrap();
        assert!(Tmsg::decode(&out).is_ok());
        assert_eq!(walk(17).encode(1, &mut Vec::new()), Err(EncodeError::TooManyNames));
        // Patch the count of a valid 16-name walk to 17 and add a name.
        out[15] = 17;
        out.extend_from_slice(&[1, 0, b'a']);
        let n = out.len() as u32;
        out[..4].copy_from_slice(&n.to_le_bytes());
        let e = Tmsg::decode(&out).unwrap_err();
        assert_eq!((e.tag, e.fault), (Some(1), Fault::TooManyNames(17)));
    }

    #[test]
    fn wstat_sizes_must_agree() {
        let mut out = Vec::new();
        Tmsg::Wstat {
            fid: 1,
            stat: Stat::dont_touch(),
        }
        .encode(9, &mut out)
        .unwrap();
        // n[2] sits after fid[4]; make it one more than the record.
        let mut bad = out.clone();
        bad[11] += 1;
        bad.push(0);
        let n = bad.len() as u32;
        bad[..4].copy_from_slice(&n.to_le_bytes());
        assert_eq!(Tmsg::decode(&bad).unwrap_err().fault, Fault::BadStat);
    }

    #[test]
    fn failed_encodes_leave_the_buffer_alone() {
        let mut out = vec![7];
        let long = Rmsg::error("x".repeat(70_000));
        assert_eq!(long.encode(1, &mut out), Err(EncodeError::StringTooLong));
        assert_eq!(out, vec![7]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn name() -> impl Strategy<Value = String> {
            "[a-zA-Z0-9._é-]{0,12}"
        }

        fn qid() -> impl Strategy<Value = Qid> {
            (any::<u8>(), any::<u32>(), any::<u64>()).prop_map(|(ty, version, path)| Qid { ty, version, path })
        }

        fn stat() -> impl Strategy<Value = Stat> {
            (
                (
                    any::<u16>(),
                    any::<u32>(),
                    qid(),
                    any::<u32>(),
                    any::<u32>(),
                    any::<u32>(),
                ),
                (any::<u64>(), name(), name(), name(), name()),
            )
                .prop_map(
                    |((ty, dev, qid, mode, atime, mtime), (length, name, uid, gid, muid))| Stat {
                        ty,
                        dev,
                        qid,
                        mode,
                        atime,
                        mtime,
                        length,
                        name,
                        uid,
                        gid,
                        muid,
                    },
                )
        }

        fn tmsg() -> impl Strategy<Value = Tmsg> {
            prop_oneof![
                (any::<u32>(), name()).prop_map(|(msize, version)| Tmsg::Version { msize, version }),
                (any::<u32>(), name(), name()).prop_map(|(afid, uname, aname)| Tmsg::Auth { afid, uname, aname }),
                (any::<u32>(), any::<u32>(), name(), name()).prop_map(|(fid, afid, uname, aname)| Tmsg::Attach {
                    fid,
                    afid,
                    uname,
                    aname
                }),
                any::<u16>().prop_map(|oldtag| Tmsg::Flush { oldtag }),
                (any::<u32>(), any::<u32>(), proptest::collection::vec(name(), 0..=16))
                    .prop_map(|(fid, newfid, wnames)| Tmsg::Walk { fid, newfid, wnames }),
                (any::<u32>(), any::<u8>()).prop_map(|(fid, mode)| Tmsg::Open { fid, mode }),
                (any::<u32>(), name(), any::<u32>(), any::<u8>())
                    .prop_map(|(fid, name, perm, mode)| { Tmsg::Create { fid, name, perm, mode } }),
                (any::<u32>(), any::<u64>(), any::<u32>()).prop_map(|(fid, offset, count)| Tmsg::Read {
                    fid,
                    offset,
                    count
                }),
                (
                    any::<u32>(),
                    any::<u64>(),
                    proptest::collection::vec(any::<u8>(), 0..64)
                )
                    .prop_map(|(fid, offset, data)| Tmsg::Write { fid, offset, data }),
                any::<u32>().prop_map(|fid| Tmsg::Clunk { fid }),
                any::<u32>().prop_map(|fid| Tmsg::Remove { fid }),
                any::<u32>().prop_map(|fid| Tmsg::Stat { fid }),
                (any::<u32>(), stat()).prop_map(|(fid, stat)| Tmsg::Wstat { fid, stat }),
            ]
        }

        proptest! {
            #[test]
            fn requests_roundtrip(m in tmsg(), tag in any::<u16>()) {
                let mut out = Vec::new();
                m.encode(tag, &mut out).unwrap();
                prop_assert_eq!(Tmsg::decode(&out), Ok((tag, m)));
            }

            #[test]
            fn every_truncation_is_an_error(m in tmsg(), cut in any::<proptest::sample::Index>()) {
                let mut out = Vec::new();
                m.encode(1, &mut out).unwrap();
                let cut = cut.index(out.len());
                let mut short = out[..cut].to_vec();
                if short.len() >= 4 {
                    short[..4].copy_from_slice(&(cut as u32).to_le_bytes());
                }
                prop_assert!(Tmsg::decode(&short).is_err());
            }
        }
    }
}
