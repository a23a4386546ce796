//! The commands of `/bin`, one module each (a few tiny ones share one).
//! Each has `HELP` text and an `async fn main(cmd: Cmd) -> i32`; [`table`]
//! lists them all.

use kernel::Program;

use crate::common::cli::Cmd;

mod cat;
mod date;
mod env;
mod expr;
mod grep;
mod hostname;
mod id;
mod kill;
mod memfs;
mod ns;
mod printenv;
mod printf;
mod ps;
mod seq;
mod sleep;
mod string;
mod test;
mod truefalse;
mod uname;
mod whoami;
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
        program!("cat", cat::main),
        program!("date", date::main),
        program!("echo", printf::echo),
        program!("egrep", grep::egrep),
        program!("env", env::main),
        program!("expr", expr::main),
        program!("false", truefalse::false_),
        program!("fgrep", grep::fgrep),
        program!("grep", grep::main),
        program!("hostname", hostname::main),
        program!("id", id::main),
        program!("kill", kill::main),
        program!("memfs", memfs::memfs),
        program!("newns", ns::newns),
        program!("ns", ns::ns),
        program!("printenv", printenv::main),
        program!("printf", printf::main),
        program!("ps", ps::main),
        program!("ramfs", memfs::ramfs),
        program!("seq", seq::main),
        program!("sleep", sleep::main),
        program!("string", string::main),
        program!("test", test::main),
        program!("true", truefalse::true_),
        program!("uname", uname::main),
        program!("whoami", whoami::main),
        program!("yes", yes::main),
    ]
}
