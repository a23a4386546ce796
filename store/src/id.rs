//! Object ids: the SHA-256 of an object's canonical encoding.

use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use crate::error::StoreError;

/// The id of a stored object. Two objects with the same content have the
/// same id, in any store, which is what makes commits incremental: a writer
/// asks which ids the store already has and sends only the rest.
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(pub [u8; 32]);

impl Id {
    /// The id of an encoded object.
    pub fn of(encoded: &[u8]) -> Id {
        Id(Sha256::digest(encoded).into())
    }

    /// Lower-case hex, 64 digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The first 12 hex digits, as logs show it.
    pub fn short(&self) -> String {
        self.to_hex()[..12].to_string()
    }

    pub fn from_slice(bytes: &[u8]) -> Result<Id, StoreError> {
        <[u8; 32]>::try_from(bytes)
            .map(Id)
            .map_err(|_| StoreError::Corrupt(format!("an id of {} bytes", bytes.len())))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.short())
    }
}

impl FromStr for Id {
    type Err = StoreError;

    /// Exactly 64 hex digits (prefixes are resolved by [`crate::Repo`]).
    fn from_str(s: &str) -> Result<Id, StoreError> {
        let bad = || StoreError::BadName(s.to_string());
        if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, pair) in s.as_bytes().chunks(2).enumerate() {
            let text = std::str::from_utf8(pair).map_err(|_| bad())?;
            out[i] = u8::from_str_radix(text, 16).map_err(|_| bad())?;
        }
        Ok(Id(out))
    }
}
