//! ninebox's userland: the shell and the commands, as native programs that
//! do everything through their process handle (`kernel::Proc`), so they
//! work the same over any fileserver, a pipe or the console.
//!
//! [`programs`] is the table boot installs into `/bin`.

pub mod cmd;
pub mod common;
pub mod sh;

use kernel::Program;

/// Every program, by the name it is installed under in `/bin`.
pub fn programs() -> Vec<(&'static str, Program)> {
    let sh = sh::program();
    let mut all = vec![("sh", sh.clone()), ("bash", sh)];
    all.extend(cmd::table());
    all
}
