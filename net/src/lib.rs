//! 9P over the network: dial strings, the host's dial policy, and an
//! async 9P2000 client, shared by the exporter, the importer and the
//! FUSE bridge.
//!
//! * [`dial`]: `unix!PATH` and `tcp!HOST!PORT`, host listeners and
//!   connections, the directory named systems listen in.
//! * [`policy`]: which addresses a system may dial (a kernel grant), and
//!   the only functions that dial or announce from inside a system.
//! * [`client`]: requests multiplexed by tag, flushed when abandoned.
//! * [`export`]: the 9P2000 exporter of a namespace.
//! * [`runfs`]: the clone-style files `ninebox run` and `attach` use.
//! * [`errors`]: kernel codes to Plan 9 error strings and back.

pub mod client;
pub mod dial;
pub mod errors;
pub mod export;
mod frame;
pub mod policy;
pub mod runfs;

pub use client::{Client, Op, Walked};
pub use dial::{Addr, Listener, Stream};
pub use policy::DialPolicy;
