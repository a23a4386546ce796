//! ninebox persistence: state that outlives a run.
//!
//! * [`object`]: the content-addressed format (chunks, files, trees,
//!   namespace records, commits), SHA-256 ids of a canonical encoding.
//! * [`Store`]: the one interface a backend implements (objects by id,
//!   refs by compare-and-swap); [`SqliteStore`] is the embedded default,
//!   [`MemoryStore`] the in-memory one.
//! * [`Repo`]: typed, checked reads over any store; history and diffs.
//! * [`snapshot`]: capturing a fileserver's tree and restoring one, through
//!   the fileserver protocol.
//! * [`Workspace`]: the persistent trees of a system on one branch: commit,
//!   snapshot, restore, log, diff. The library API the CLI and the
//!   in-system commands use.
//!
//! See `specs/persistence.md` for the decisions.

pub mod backend;
pub mod chunk;
pub mod error;
pub mod id;
pub mod memory;
pub mod object;
pub mod repo;
pub mod snapshot;
pub mod sqlite;
pub mod statefs;
pub mod workspace;

pub use backend::Store;
pub use error::{Result, StoreError};
pub use id::Id;
pub use memory::MemoryStore;
pub use repo::{Change, ChangeKind, Repo};
pub use snapshot::Capturer;
pub use sqlite::SqliteStore;
pub use statefs::StateFs;
pub use workspace::{LogEntry, Source, Workspace};
