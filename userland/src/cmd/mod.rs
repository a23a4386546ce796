//! The commands of `/bin`, one module each (a few tiny ones share one).
//! Each has `HELP` text and an `async fn main(cmd: Cmd) -> i32`; [`table`]
//! lists them all.

use kernel::Program;

use crate::common::cli::Cmd;

mod awk;
mod basename;
mod cat;
mod chmod;
mod chown;
mod cp;
mod date;
mod df;
mod dirname;
mod du;
mod env;
mod expr;
mod find;
mod grep;
mod hostname;
mod id;
mod kill;
mod ls;
mod memfs;
mod mkdir;
mod mktemp;
mod mv;
mod ns;
mod printenv;
mod printf;
mod ps;
mod realpath;
mod rm;
mod rmdir;
mod seq;
mod sleep;
mod split;
mod stat;
mod string;
mod tee;
mod test;
mod touch;
mod tree;
mod truefalse;
mod truncate;
mod uname;
mod which;
mod whoami;
mod xargs;
mod yes;

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
        program!("awk", awk::main),
        program!("basename", basename::main),
        program!("cat", cat::main),
        program!("chgrp", chown::chgrp),
        program!("chmod", chmod::main),
        program!("chown", chown::chown),
        program!("cp", cp::main),
        program!("date", date::main),
        program!("df", df::main),
        program!("dirname", dirname::main),
        program!("du", du::main),
        program!("echo", printf::echo),
        program!("egrep", grep::egrep),
        program!("env", env::main),
        program!("expr", expr::main),
        program!("false", truefalse::false_),
        program!("fgrep", grep::fgrep),
        program!("find", find::main),
        program!("grep", grep::main),
        program!("hostname", hostname::main),
        program!("id", id::main),
        program!("kill", kill::main),
        program!("ls", ls::main),
        program!("memfs", memfs::memfs),
        program!("mkdir", mkdir::main),
        program!("mktemp", mktemp::main),
        program!("mv", mv::main),
        program!("newns", ns::newns),
        program!("ns", ns::ns),
        program!("printenv", printenv::main),
        program!("printf", printf::main),
        program!("ps", ps::main),
        program!("ramfs", memfs::ramfs),
        program!("realpath", realpath::main),
        program!("rm", rm::main),
        program!("rmdir", rmdir::main),
        program!("seq", seq::main),
        program!("sleep", sleep::main),
        program!("split", split::main),
        program!("stat", stat::main),
        program!("string", string::main),
        program!("tee", tee::main),
        program!("test", test::main),
        program!("touch", touch::main),
        program!("tree", tree::main),
        program!("true", truefalse::true_),
        program!("truncate", truncate::main),
        program!("uname", uname::main),
        program!("which", which::main),
        program!("whoami", whoami::main),
        program!("xargs", xargs::main),
        program!("yes", yes::main),
    ]
}
