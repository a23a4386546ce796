//! The 9P2000 wire format, sans-IO.
//!
//! Bytes in, messages out, and back: no sockets, no runtime, no knowledge
//! of fileservers. The exporter, the importer, the FUSE bridge and the
//! fuzzer all speak 9P through this crate, and each brings its own I/O.
//!
//! * [`Tmsg`] and [`Rmsg`] are the 13 request/reply pairs of intro(5)
//!   (plus `Rerror`, whose text is free); [`Tmsg::decode`] and
//!   [`Rmsg::decode`] take one whole frame, `encode` appends one.
//! * [`frame_len`] finds where the next frame ends in a byte stream and
//!   refuses a size field outside `7..=msize` before anything is buffered.
//! * [`Stat`] is the stat(5) record, [`Qid`] the 13-byte identity.
//! * [`negotiate`] answers a Tversion as Plan 9 servers do.
//!
//! Decoding is strict: every length is checked against the bytes present,
//! strings must be UTF-8, a walk carries at most [`MAXWELEM`] names, a stat
//! record's two sizes must agree, and nothing may follow the last field.
//! So a frame that decodes re-encodes to exactly the same bytes, and a
//! frame that does not decode says why and, when the header was intact,
//! which tag to answer (`DecodeError::tag`).

mod error;
mod msg;
mod stat;
mod version;
mod wire;

pub use error::{DecodeError, EncodeError, Fault};
pub use msg::{Rmsg, Tmsg, frame_len};
pub use stat::{Qid, Stat};
pub use version::{MIN_MSIZE, VERSION, negotiate};

/// The tag of Tversion, which is answered before any other.
pub const NOTAG: u16 = 0xFFFF;
/// "No fid": the afid of an attach without authentication.
pub const NOFID: u32 = 0xFFFF_FFFF;
/// The most names one Twalk may carry.
pub const MAXWELEM: usize = 16;
/// Bytes of a Tread/Twrite/Rread header: the data of one message is at
/// most `msize - IOHDRSZ`.
pub const IOHDRSZ: u32 = 24;
/// size[4] type[1] tag[2]: the smallest frame.
pub const HEADER: usize = 7;
/// The largest stat record (its size field is 16 bits).
pub const STATMAX: usize = 65535;

/// Open modes (the low two bits) and flags of Topen and Tcreate.
pub mod mode {
    pub const OREAD: u8 = 0;
    pub const OWRITE: u8 = 1;
    pub const ORDWR: u8 = 2;
    pub const OEXEC: u8 = 3;
    pub const OTRUNC: u8 = 0x10;
    pub const ORCLOSE: u8 = 0x40;
}

/// Permission and mode bits of a stat record and of Tcreate's `perm`.
pub mod perm {
    pub const DMDIR: u32 = 0x8000_0000;
    pub const DMAPPEND: u32 = 0x4000_0000;
    pub const DMEXCL: u32 = 0x2000_0000;
    pub const DMMOUNT: u32 = 0x1000_0000;
    pub const DMAUTH: u32 = 0x0800_0000;
    pub const DMTMP: u32 = 0x0400_0000;
}

/// Qid types: the top byte of a file's mode.
pub mod qt {
    pub const QTDIR: u8 = 0x80;
    pub const QTAPPEND: u8 = 0x40;
    pub const QTEXCL: u8 = 0x20;
    pub const QTMOUNT: u8 = 0x10;
    pub const QTAUTH: u8 = 0x08;
    pub const QTTMP: u8 = 0x04;
    pub const QTFILE: u8 = 0;
}
