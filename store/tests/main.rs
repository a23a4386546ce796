//! Store tests: the object format, the backend suite (run against every
//! backend), capture and restore of fileserver trees, workspaces.

mod backends;
mod format;
mod snapshots;
mod support;
