//! The commands of `/bin`, one module each (a few tiny ones share one).
//! Each has `HELP` text and an `async fn main(cmd: Cmd) -> i32`; [`table`]
//! lists them all.

use kernel::Program;

use crate::common::cli::Cmd;

mod awk;
mod base64;
mod basename;
mod cat;
mod chmod;
mod chown;
mod cmp;
mod column;
mod comm;
mod cp;
mod cut;
mod date;
mod df;
mod diff;
mod digest;
mod dirname;
mod du;
mod env;
mod expand;
mod expr;
mod find;
mod fold;
mod grep;
mod gzip;
mod head;
mod hostname;
mod id;
mod join;
mod jq;
mod kill;
mod ls;
mod memfs;
mod mkdir;
mod mktemp;
mod mv;
mod nl;
mod ns;
mod od;
mod paste;
mod patch;
mod printenv;
mod printf;
mod ps;
mod realpath;
mod rev;
mod rm;
mod rmdir;
mod sed;
mod seq;
mod sleep;
mod sort;
mod split;
mod stat;
mod string;
mod tac;
mod tail;
mod tar;
mod tee;
mod test;
mod touch;
mod tr;
mod tree;
mod truefalse;
mod truncate;
mod uname;
mod unexpand;
mod uniq;
mod wc;
mod which;
mod whoami;
mod xargs;
mod xxd;
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
        program!("b2sum", digest::b2sum),
        program!("base64", base64::main),
        program!("basename", basename::main),
        program!("cat", cat::main),
        program!("chgrp", chown::chgrp),
        program!("chmod", chmod::main),
        program!("chown", chown::chown),
        program!("cksum", digest::cksum),
        program!("cmp", cmp::main),
        program!("column", column::main),
        program!("comm", comm::main),
        program!("cp", cp::main),
        program!("cut", cut::main),
        program!("date", date::main),
        program!("df", df::main),
        program!("diff", diff::main),
        program!("dirname", dirname::main),
        program!("du", du::main),
        program!("echo", printf::echo),
        program!("egrep", grep::egrep),
        program!("env", env::main),
        program!("expand", expand::main),
        program!("expr", expr::main),
        program!("false", truefalse::false_),
        program!("fgrep", grep::fgrep),
        program!("find", find::main),
        program!("fold", fold::main),
        program!("grep", grep::main),
        program!("gunzip", gzip::gunzip),
        program!("gzip", gzip::gzip),
        program!("head", head::main),
        program!("hostname", hostname::main),
        program!("id", id::main),
        program!("join", join::main),
        program!("jq", jq::main),
        program!("kill", kill::main),
        program!("ls", ls::main),
        program!("md5sum", digest::md5sum),
        program!("memfs", memfs::memfs),
        program!("mkdir", mkdir::main),
        program!("mktemp", mktemp::main),
        program!("mv", mv::main),
        program!("newns", ns::newns),
        program!("nl", nl::main),
        program!("ns", ns::ns),
        program!("od", od::main),
        program!("paste", paste::main),
        program!("patch", patch::main),
        program!("printenv", printenv::main),
        program!("printf", printf::main),
        program!("ps", ps::main),
        program!("ramfs", memfs::ramfs),
        program!("realpath", realpath::main),
        program!("rev", rev::main),
        program!("rm", rm::main),
        program!("rmdir", rmdir::main),
        program!("sed", sed::main),
        program!("seq", seq::main),
        program!("sha1sum", digest::sha1sum),
        program!("sha224sum", digest::sha224sum),
        program!("sha256sum", digest::sha256sum),
        program!("sha384sum", digest::sha384sum),
        program!("sha512sum", digest::sha512sum),
        program!("sleep", sleep::main),
        program!("sort", sort::main),
        program!("split", split::main),
        program!("stat", stat::main),
        program!("string", string::main),
        program!("tac", tac::main),
        program!("tail", tail::main),
        program!("tar", tar::main),
        program!("tee", tee::main),
        program!("test", test::main),
        program!("touch", touch::main),
        program!("tr", tr::main),
        program!("tree", tree::main),
        program!("true", truefalse::true_),
        program!("truncate", truncate::main),
        program!("uname", uname::main),
        program!("unexpand", unexpand::main),
        program!("uniq", uniq::main),
        program!("wc", wc::main),
        program!("which", which::main),
        program!("whoami", whoami::main),
        program!("xargs", xargs::main),
        program!("xxd", xxd::main),
        program!("yes", yes::main),
        program!("zcat", gzip::zcat),
    ]
}
