//! The ninebox kernel.
//!
//! A small Plan 9-style operating system inside one host process: a process
//! table of tokio tasks, per-process fd tables and mount namespaces, and one
//! protocol ([`proto::Fileserver`]) behind which everything a process touches
//! lives. Read the modules in this order: [`proto`] (the protocol), [`ns`]
//! (how names become files), [`proc`] and [`kernel`] (processes), [`syscall`]
//! (what a program can do), [`fd`], [`pipe`], [`exec`].

pub mod blob;
pub mod bytes;
pub mod clock;
pub mod dup;
pub mod error;
pub mod exec;
pub mod fd;
pub mod grants;
pub mod kernel;
pub mod limits;
pub mod ns;
pub mod path;
pub mod pipe;
pub mod proc;
pub mod program;
pub mod proto;
pub mod served;
pub mod syscall;

pub use clock::{Clock, Entropy};
pub use error::{Errno, Error, Result};
pub use fd::{Fd, OpenFile};
pub use grants::Grants;
pub use kernel::{Halt, Identity, InitSpec, Kernel, KernelConfig, Share, SpawnOpts, Target};
pub use limits::{Limits, ProcLimits};
pub use ns::{MountFlags, MountOrder, Namespace};
pub use proc::{Env, Pid, ProcState, Process, Status};
pub use program::Program;
pub use proto::{Caller, DirEntry, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Stat, StatChanges};
pub use syscall::{Post, Proc, Rfork, SeekFrom};
