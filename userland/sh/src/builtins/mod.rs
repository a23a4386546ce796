//! The shell's builtins.
//!
//! Builtins run inside the shell's process with its fds, so they can change
//! the shell itself (`cd`, variables, the namespace). Each is an async
//! function of the shell and its argv; [`lookup`] is the table.

pub mod cond;
mod dirs;
mod flow;
mod history;
mod io;
mod jobs;
pub(crate) mod misc;
mod ns;
pub mod signals;
mod trap;
mod ulimit;
mod vars;

use futures_util::future::BoxFuture;

pub use jobs::job_line;
pub use vars::{assoc_key, attr_letters, describe, dq};

use super::exec::DeclArg;
use super::{Res, Shell};

pub type Builtin = for<'a> fn(&'a mut Shell, Vec<String>) -> BoxFuture<'a, Res>;

macro_rules! table {
    ($($name:literal => $f:path),* $(,)?) => {
        /// The builtin called `name`.
        pub fn lookup(name: &str) -> Option<Builtin> {
            match name {
                $(
                    $name => {
                        fn call<'a>(sh: &'a mut Shell, argv: Vec<String>) -> BoxFuture<'a, Res> {
                            Box::pin($f(sh, argv))
                        }
                        Some(call)
                    }
                )*
                _ => None,
            }
        }

        /// Every builtin's name, sorted.
        pub const NAMES: &[&str] = &[$($name),*];
    };
}

table! {
    "." => misc::source,
    ":" => flow::colon,
    "[" => misc::test_bracket,
    "alias" => misc::alias,
    "bind" => ns::bind,
    "break" => flow::break_,
    "builtin" => misc::builtin,
    "caller" => flow::caller,
    "cd" => dirs::cd,
    "command" => misc::command,
    "continue" => flow::continue_,
    "declare" => vars::declare_plain,
    "dirs" => dirs::dirs,
    "echo" => io::echo,
    "eval" => misc::eval,
    "exec" => misc::exec,
    "exit" => flow::exit,
    "export" => vars::declare_plain,
    "false" => flow::false_,
    "fc" => history::fc,
    "getopts" => misc::getopts,
    "hash" => misc::hash,
    "help" => misc::help,
    "history" => history::history,
    "import" => ns::import,
    "jobs" => jobs::jobs,
    "kill" => jobs::kill,
    "let" => vars::let_,
    "local" => vars::declare_plain,
    "mapfile" => io::mapfile,
    "mount" => ns::mount,
    "popd" => dirs::popd,
    "printf" => io::printf,
    "pushd" => dirs::pushd,
    "pwd" => dirs::pwd,
    "read" => io::read,
    "readarray" => io::mapfile,
    "readonly" => vars::declare_plain,
    "return" => flow::return_,
    "rfork" => ns::rfork,
    "set" => vars::set,
    "shift" => vars::shift,
    "shopt" => vars::shopt,
    "source" => misc::source,
    "test" => misc::test,
    "times" => misc::times,
    "trap" => trap::trap,
    "true" => flow::colon,
    "type" => misc::type_,
    "typeset" => vars::declare_plain,
    "ulimit" => ulimit::ulimit,
    "umask" => misc::umask,
    "unalias" => misc::unalias,
    "unmount" => ns::unmount,
    "unset" => vars::unset,
    "wait" => jobs::wait,
}

/// Run a declaration builtin with its arguments already split into words
/// and assignments.
pub async fn declaration(sh: &mut Shell, name: &str, args: Vec<DeclArg>) -> Res {
    vars::declaration(sh, name, args).await
}

/// Reserved words, for `type` and `command -v`.
pub const KEYWORDS: &[&str] = &[
    "!", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in",
    "select", "then", "time", "until", "while", "{", "}",
];

/// The operands of a builtin that takes no options (or only those in
/// `accepts`, answered first): a leading `--` is skipped, any other
/// leading `-x` is refused as bash does, with its usage line and status 2.
pub async fn operands(
    sh: &mut Shell,
    argv: &[String],
    accepts: &str,
    usage: &str,
) -> Result<(Vec<char>, Vec<String>), i32> {
    match options(argv, accepts) {
        Ok(x) => Ok(x),
        Err(c) => {
            sh.error(&format!("{}: -{c}: invalid option", argv[0])).await;
            sh.write_fd(2, &format!("{}: usage: {usage}\n", argv[0])).await;
            Err(2)
        }
    }
}

/// Options in bash's `internal_getopt` manner: letters grouped or not,
/// letters in `with_arg` take an argument (attached or the next word),
/// `--` ends them; with `stop_at_number`, so does `-N` (`fc -3`).
pub struct Getopt {
    pub opts: Vec<(char, Option<String>)>,
    pub rest: Vec<String>,
}

pub enum GetoptErr {
    Invalid(char),
    NeedsArg(char),
}

pub fn getopt(argv: &[String], letters: &str, with_arg: &str, stop_at_number: bool) -> Result<Getopt, GetoptErr> {
    let mut opts = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        // `fc -3` is a history number, not an option.
        if stop_at_number && a[1..].bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        let cs: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < cs.len() {
            let c = cs[k];
            if with_arg.contains(c) {
                let attached: String = cs[k + 1..].iter().collect();
                let arg = if !attached.is_empty() {
                    attached
                } else if let Some(n) = argv.get(i + 1) {
                    i += 1;
                    n.clone()
                } else {
                    return Err(GetoptErr::NeedsArg(c));
                };
                opts.push((c, Some(arg)));
                break;
            }
            if !letters.contains(c) {
                return Err(GetoptErr::Invalid(c));
            }
            opts.push((c, None));
            k += 1;
        }
        i += 1;
    }
    Ok(Getopt {
        opts,
        rest: argv[i.min(argv.len())..].to_vec(),
    })
}

impl GetoptErr {
    /// bash's text for the error, after the builtin's name.
    pub fn message(&self) -> String {
        match self {
            GetoptErr::Invalid(c) => format!("-{c}: invalid option"),
            GetoptErr::NeedsArg(c) => format!("-{c}: option requires an argument"),
        }
    }
}

/// Split leading `-xyz` options off argv (after the name): answers the
/// option letters in order and the remaining operands. `--` ends options;
/// a lone `-` is an operand.
pub fn options(argv: &[String], accepts: &str) -> Result<(Vec<char>, Vec<String>), char> {
    let mut opts = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a.len() < 2 || !a.starts_with('-') {
            break;
        }
        for c in a[1..].chars() {
            if !accepts.contains(c) {
                return Err(c);
            }
            opts.push(c);
        }
        i += 1;
    }
    Ok((opts, argv[i..].to_vec()))
}
