//! ninebox's fileservers, one module each, all speaking the kernel's
//! protocol (`kernel::proto::Fileserver`).
//!
//! * [`memfs`]: MemoryFS, the in-memory tree for `/` and `/tmp`.
//! * [`consfs`]: ConsFS, the console at `/dev/cons` and its line discipline.
//! * [`devfs`]: DevFS, `/dev/null`, `zero`, `random`, `urandom`, `time`.
//! * [`mntgen`]: MntGen, `/n`, where every name is an empty directory.
//! * [`procfs`]: ProcFS, the process table at `/proc`.
//! * [`srvfs`]: SrvFS, the registry of posted servers at `/srv`.
//!
//! [`conformance`] is the suite every server must pass.

pub mod conformance;
pub mod consfs;
pub mod devfs;
pub mod envfs;
pub mod hostfs;
pub mod kvfs;
pub mod memfs;
pub mod mntgen;
pub mod procfs;
pub mod queuefs;
pub mod services;
pub mod srvfs;

pub use consfs::{ConsFs, Console};
pub use devfs::{DevFs, Devices};
pub use envfs::{EnvFs, Environ};
pub use hostfs::HostFs;
pub use kvfs::KvFs;
pub use memfs::MemoryFs;
pub use mntgen::{MntGen, Names};
pub use procfs::{ProcFs, Procs};
pub use queuefs::QueueFs;
pub use srvfs::{Srv, SrvFs};
