//! Kernel tests: fd tables, namespaces, pipes, processes, exec and notes,
//! each on a freshly booted system.

mod support;

mod errors;
mod exec;
mod fds;
mod jobs;
mod limits;
mod namespace;
mod notes;
mod pipes;
mod procs;
