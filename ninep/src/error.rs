//! Why a frame did not decode, or a message cannot be encoded.

use std::fmt;

/// What is wrong with a frame.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The frame ends before a field does.
    Short,
    /// The size field is below the header size or above the msize: the
    /// stream cannot be trusted past this point.
    Size { size: u32, max: u32 },
    /// A message type this side does not accept (an R-message sent to a
    /// server, Terror, or no 9P2000 type at all).
    UnknownType(u8),
    /// Bytes follow the last field.
    Trailing,
    /// A string is not UTF-8.
    BadString,
    /// A walk with more than `MAXWELEM` names or qids.
    TooManyNames(u16),
    /// A stat record whose sizes disagree with each other or the frame.
    BadStat,
}

impl Fault {
    /// True if the byte stream is no longer framed and the connection must
    /// be hung up rather than answered.
    pub fn breaks_framing(self) -> bool {
        matches!(self, Fault::Size { .. })
    }
}

/// A frame that did not decode. `tag` is known when the header was read,
/// so a server can answer that request with Rerror and carry on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub tag: Option<u16>,
    pub fault: Fault,
}

impl DecodeError {
    pub(crate) fn new(fault: Fault) -> DecodeError {
        DecodeError { tag: None, fault }
    }
}

impl From<Fault> for DecodeError {
    fn from(fault: Fault) -> Self {
        DecodeError::new(fault)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fault {
            Fault::Short => f.write_str("message too short"),
            Fault::Size { size, max } => write!(f, "message size {size} out of range (at most {max})"),
            Fault::UnknownType(t) => write!(f, "unknown message type {t}"),
            Fault::Trailing => f.write_str("bytes after the last field"),
            Fault::BadString => f.write_str("string is not UTF-8"),
            Fault::TooManyNames(n) => write!(f, "too many names in walk ({n}, at most 16)"),
            Fault::BadStat => f.write_str("malformed stat record"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A message that 9P2000 cannot carry.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// A string longer than 65535 bytes.
    StringTooLong,
    /// A walk with more than `MAXWELEM` names or qids.
    TooManyNames,
    /// A stat record over 65535 bytes.
    StatTooLong,
    /// Data over 4 GiB, or a frame whose size does not fit 32 bits.
    TooLarge,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EncodeError::StringTooLong => "string longer than 65535 bytes",
            EncodeError::TooManyNames => "more than 16 names in a walk",
            EncodeError::StatTooLong => "stat record longer than 65535 bytes",
            EncodeError::TooLarge => "message too large",
        })
    }
}

impl std::error::Error for EncodeError {}
