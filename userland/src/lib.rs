//! ninebox's userland: the shell and the commands, as native programs that
//! do everything through their process handle (`kernel::Proc`), so they
//! work the same over any fileserver, a pipe or the console.
//!
//! The pieces are crates of their own so that each builds on its own:
//! [`common`] (what they share), [`sh`], [`cmd`] (most of `/bin`), and the
//! language tools [`awk`], [`sed`], [`jq`] and [`bc`]. [`programs`] is the
//! table boot installs into `/bin`.

pub use {awk, bc, cmd, common, jq, sed, sh};

use common::program;
use kernel::Program;

/// Every program, by the name it is installed under in `/bin`, sorted.
pub fn programs() -> Vec<(&'static str, Program)> {
    let shell = sh::program();
    let mut all = vec![("sh", shell.clone()), ("bash", shell)];
    all.extend(cmd::table());
    all.extend([
        program!("awk", awk::main),
        // Scripts call an awk by name; each is the one awk (GNU awk 5 is
        // the reference), and its messages carry the name it was run as.
        program!("gawk", awk::main),
        program!("mawk", awk::main),
        program!("nawk", awk::main),
        program!("jq", jq::main),
        program!("sed", sed::main),
        program!("bc", bc::main),
    ]);
    all.sort_by_key(|(name, _)| *name);
    all
}
