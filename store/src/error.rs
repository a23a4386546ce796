//! What can go wrong with a store.

use crate::id::Id;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Bytes that do not decode, or whose hash is not their id: the store
    /// file is damaged or was written by something else.
    #[error("store is corrupt: {0}")]
    Corrupt(String),
    /// An object a commit or tree refers to is not in the store.
    #[error("object {} is missing from the store", .0.short())]
    Missing(Id),
    /// A compare-and-swap of a ref lost: someone else moved it first.
    #[error("ref {name} moved under us (another writer committed first)")]
    Conflict { name: String },
    /// A ref name or an id that does not name anything.
    #[error("{0}: no such snapshot")]
    NotFound(String),
    /// A name that is taken.
    #[error("{0}: a snapshot of that name exists")]
    Exists(String),
    /// A ref name or id prefix that is malformed or ambiguous.
    #[error("{0}: not a valid snapshot name")]
    BadName(String),
    /// The backend itself failed (disk full, server gone, I/O).
    #[error("store: {0}")]
    Backend(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                ) =>
            {
                StoreError::Corrupt(e.to_string())
            }
            _ => StoreError::Backend(e.to_string()),
        }
    }
}

impl From<StoreError> for kernel::Error {
    fn from(e: StoreError) -> Self {
        let errno = match e {
            StoreError::NotFound(_) => kernel::Errno::ENOENT,
            StoreError::BadName(_) => kernel::Errno::EINVAL,
            StoreError::Exists(_) => kernel::Errno::EEXIST,
            StoreError::Conflict { .. } => kernel::Errno::EAGAIN,
            _ => kernel::Errno::EIO,
        };
        kernel::Error::with_detail(errno, e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
