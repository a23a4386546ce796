//! The ninebox kernel.
//!
//! A small Plan 9-style operating system inside one host process: a process
//! table of tokio tasks, per-process fd tables and mount namespaces, and one
//! protocol ([`proto::Fileserver`], the `ninebox-proto` crate, re-exported
//! here) behind which everything a process touches lives. Read the modules
//! in this order: [`proto`] (the protocol), [`chan`] and [`ns`] (how names
//! become files), [`proc`] and [`kernel`] (processes), [`rfork`] (what a new
//! process shares), [`syscall`] (what a program can do), [`fd`], [`pipe`],
//! [`exec`].

pub use proto;
pub use proto::error;

pub mod blob;
pub mod bytes;
pub mod chan;
pub mod clock;
pub mod dev;
pub mod dup;
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
pub mod rfork;
pub mod served;
pub mod syscall;

pub use chan::Chan;
pub use clock::{Clock, Entropy};
pub use error::{Errno, Error, Result};
pub use exec::{Image, Loader};
pub use fd::{Fd, OpenFile};
pub use grants::Grants;
pub use kernel::{Halt, InitSpec, Kernel, KernelConfig};
pub use limits::{Limits, ProcLimits};
pub use ns::{MountFlags, MountOrder, Namespace};
pub use proc::{Change, Env, Identity, NoteAction, Pid, ProcState, Process, Status, WaitFor, note_action};
pub use program::Program;
pub use proto::{
    Caller, DirEntry, Fileserver, Handle, NodeType, Opaque, OpenFlags, OpenResult, Opened, Qid, Stat, StatChanges,
};
pub use rfork::{Rfork, Share};
pub use syscall::{Post, Proc, SeekFrom, SpawnOpts, Target};
