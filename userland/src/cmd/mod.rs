//! The commands of `/bin`, one module each (a few tiny ones share one).
//! Each has `HELP` text and an `async fn main(cmd: Cmd) -> i32`; [`table`]
//! lists them all.

use kernel::Program;

use crate::common::cli::Cmd;

mod cat;
mod column;
mod comm;
mod cut;
mod env;
mod expand;
mod fold;
mod head;
mod join;
mod nl;
mod paste;
mod printf;
mod rev;
mod sort;
mod tac;
mod tail;
mod test;
mod tr;
mod truefalse;
mod unexpand;
mod uniq;
mod wc;

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
        program!("column", column::main),
        program!("comm", comm::main),
        program!("cut", cut::main),
        program!("echo", printf::echo),
        program!("env", env::main),
        program!("expand", expand::main),
        program!("false", truefalse::false_),
        program!("fold", fold::main),
        program!("head", head::main),
        program!("join", join::main),
        program!("nl", nl::main),
        program!("paste", paste::main),
        program!("printf", printf::main),
        program!("rev", rev::main),
        program!("sort", sort::main),
        program!("tac", tac::main),
        program!("tail", tail::main),
        program!("test", test::main),
        program!("tr", tr::main),
        program!("true", truefalse::true_),
        program!("unexpand", unexpand::main),
        program!("uniq", uniq::main),
        program!("wc", wc::main),
    ]
}
