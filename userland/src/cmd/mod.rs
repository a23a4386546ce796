//! The commands of `/bin`, one module each (a few tiny ones share one).
//! Each has `HELP` text and an `async fn main(cmd: Cmd) -> i32`; [`table`]
//! lists them all.

use kernel::Program;

use crate::common::cli::Cmd;

mod basename;
mod cat;
mod chmod;
mod chown;
mod cp;
mod df;
mod dirname;
mod du;
mod env;
mod mkdir;
mod mktemp;
mod mv;
mod printf;
mod realpath;
mod rm;
mod rmdir;
mod split;
mod stat;
mod test;
mod touch;
mod tree;
mod truefalse;
mod truncate;

/// Wrap a command's `main` as a program.
macro_rules! program {
    ($name:literal, $main:path) => {
        ($name, Program::new($name, |p| async move { $main(Cmd::new(p)).await }))
    };
}

/// Every command, by its name in `/bin`.
pub fn table() -> Vec<(&'static str, Program)> {
    vec![
        program!("[", test::main),
        program!("basename", basename::main),
        program!("cat", cat::main),
        program!("chgrp", chown::chgrp),
        program!("chmod", chmod::main),
        program!("chown", chown::chown),
        program!("cp", cp::main),
        program!("df", df::main),
        program!("dirname", dirname::main),
        program!("du", du::main),
        program!("echo", printf::echo),
        program!("env", env::main),
        program!("false", truefalse::false_),
        program!("mkdir", mkdir::main),
        program!("mktemp", mktemp::main),
        program!("mv", mv::main),
        program!("printf", printf::main),
        program!("realpath", realpath::main),
        program!("rm", rm::main),
        program!("rmdir", rmdir::main),
        program!("split", split::main),
        program!("stat", stat::main),
        program!("test", test::main),
        program!("touch", touch::main),
        program!("tree", tree::main),
        program!("true", truefalse::true_),
        program!("truncate", truncate::main),
    ]
}
