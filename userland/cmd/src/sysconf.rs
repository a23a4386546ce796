//! `nproc` and `getconf`: what the system is configured with (GNU
//! coreutils 9.1's nproc, glibc 2.36's getconf).
//!
//! The values are this system's, not the host's: one processor (the kernel
//! runs every process on one runtime thread), the fd limit of the kernel's
//! `Limits`, the kernel's name limits. The C type limits are those of the
//! LP64 ABI the programs are built for, as on the host.

use common::cli::{Arg, Cmd, Mode, Opt, long, value};
use common::quote::quote;

/// Processors the kernel schedules processes on.
pub const CPUS: u64 = 1;

const NPROC_HELP: &str = "Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all      print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help     display this help and exit
      --version  output version information and exit

OMP_NUM_THREADS and OMP_THREAD_LIMIT are honoured as GNU nproc does.
This system runs every process on one processor.
";

const NPROC_SPEC: &[Opt] = &[long("all", Arg::No), long("ignore", Arg::Required)];

/// OpenMP's thread count syntax: digits, optionally followed by a
/// comma-separated list (the first counts); anything else is invalid (0).
fn omp_threads(var: Option<String>) -> u64 {
    let Some(v) = var else { return 0 };
    let s = v.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s[digits..].trim_start();
    if digits == 0 || !(rest.is_empty() || rest.starts_with(',')) {
        return 0;
    }
    s[..digits].parse().unwrap_or(u64::MAX)
}

pub async fn nproc(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(NPROC_SPEC, NPROC_HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand {}", quote(extra)), 1).await;
    }
    let ignore = match opts.value("ignore") {
        None => 0,
        Some(n) => match n.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                cmd.error(format!("invalid number: {}", quote(n))).await;
                return cmd.finish(1).await;
            }
        },
    };
    let mut n = CPUS;
    if !opts.has("all") {
        let limit = match omp_threads(cmd.p.getenv("OMP_THREAD_LIMIT")) {
            0 => u64::MAX,
            l => l,
        };
        n = match omp_threads(cmd.p.getenv("OMP_NUM_THREADS")) {
            0 => CPUS,
            t => t,
        }
        .min(limit);
    }
    let n = if ignore < n { n - ignore } else { 1 };
    cmd.out.write_str(&format!("{n}\n")).await;
    cmd.finish(0).await
}

const GETCONF_HELP: &str = "Usage: getconf [-v SPEC] VAR
  or:  getconf [-v SPEC] PATH_VAR PATH
  or:  getconf -a [PATH]

Get the configuration value for variable VAR, or for variable PATH_VAR
for path PATH.  If SPEC is given, give values for compilation
environment SPEC.  -a lists every variable.

The values are this system's: one processor, the kernel's fd and name
limits.  The only compilation environment is POSIX_V7_LP64_OFF64.
";

const GETCONF_USAGE: &str = "Usage: getconf [-v specification] variable_name [pathname]
       getconf -a [pathname]
";

/// A value: a number, or a string (confstr's).
enum Val {
    Num(i128),
    Str(&'static str),
}

/// Whether a variable needs a path operand (pathconf) or takes none.
#[derive(PartialEq, Eq)]
enum Kind {
    System,
    Path,
}

/// The variables, in glibc's `getconf -a` order for those it shares.
fn variables(p: &kernel::Proc) -> Vec<(&'static str, Kind, Val)> {
    use Kind::{Path, System};
    use Val::{Num, Str};
    let open_max = p.limits().max_fds as i128;
    vec![
        ("LINK_MAX", Path, Num(1)),
        ("_POSIX_LINK_MAX", Path, Num(1)),
        ("MAX_CANON", Path, Num(255)),
        ("MAX_INPUT", Path, Num(255)),
        ("NAME_MAX", Path, Num(kernel::path::NAME_MAX as i128)),
        ("_POSIX_NAME_MAX", Path, Num(kernel::path::NAME_MAX as i128)),
        ("PATH_MAX", Path, Num(kernel::path::PATH_MAX as i128)),
        ("_POSIX_PATH_MAX", Path, Num(kernel::path::PATH_MAX as i128)),
        ("PIPE_BUF", Path, Num(kernel::pipe::PIPE_BUF as i128)),
        ("_POSIX_PIPE_BUF", Path, Num(kernel::pipe::PIPE_BUF as i128)),
        ("_POSIX_CHOWN_RESTRICTED", Path, Num(1)),
        ("_POSIX_NO_TRUNC", Path, Num(1)),
        ("ARG_MAX", System, Num(2_097_152)),
        ("_POSIX_ARG_MAX", System, Num(2_097_152)),
        ("CHILD_MAX", System, Num(-1)),
        ("_POSIX_CHILD_MAX", System, Num(-1)),
        ("CLK_TCK", System, Num(100)),
        ("NGROUPS_MAX", System, Num(65536)),
        ("OPEN_MAX", System, Num(open_max)),
        ("_POSIX_OPEN_MAX", System, Num(open_max)),
        ("_POSIX_JOB_CONTROL", System, Num(1)),
        ("_POSIX_SAVED_IDS", System, Num(1)),
        ("_POSIX_VERSION", System, Num(200_809)),
        ("PAGESIZE", System, Num(4096)),
        ("PAGE_SIZE", System, Num(4096)),
        ("_NPROCESSORS_CONF", System, Num(CPUS as i128)),
        ("_NPROCESSORS_ONLN", System, Num(CPUS as i128)),
        ("HOST_NAME_MAX", System, Num(64)),
        ("LOGIN_NAME_MAX", System, Num(256)),
        ("LINE_MAX", System, Num(2048)),
        ("_POSIX2_LINE_MAX", System, Num(2048)),
        ("BC_BASE_MAX", System, Num(99)),
        ("BC_DIM_MAX", System, Num(2048)),
        ("BC_SCALE_MAX", System, Num(99)),
        ("BC_STRING_MAX", System, Num(1000)),
        ("COLL_WEIGHTS_MAX", System, Num(255)),
        ("EXPR_NEST_MAX", System, Num(32)),
        ("RE_DUP_MAX", System, Num(0x7fff)),
        ("POSIX2_VERSION", System, Num(200_809)),
        ("_POSIX2_VERSION", System, Num(200_809)),
        ("_XOPEN_VERSION", System, Num(700)),
        ("CHAR_BIT", System, Num(8)),
        ("CHAR_MAX", System, Num(127)),
        ("CHAR_MIN", System, Num(-128)),
        ("INT_MAX", System, Num(i32::MAX.into())),
        ("INT_MIN", System, Num(i32::MIN.into())),
        ("LONG_BIT", System, Num(64)),
        ("NZERO", System, Num(20)),
        ("SCHAR_MAX", System, Num(127)),
        ("SCHAR_MIN", System, Num(-128)),
        ("SHRT_MAX", System, Num(i16::MAX.into())),
        ("SHRT_MIN", System, Num(i16::MIN.into())),
        ("SSIZE_MAX", System, Num(i64::MAX.into())),
        ("UCHAR_MAX", System, Num(255)),
        ("UINT_MAX", System, Num(u32::MAX.into())),
        ("ULONG_MAX", System, Num(u64::MAX.into())),
        ("USHRT_MAX", System, Num(u16::MAX.into())),
        ("WORD_BIT", System, Num(32)),
        ("PATH", System, Str("/bin")),
        ("CS_PATH", System, Str("/bin")),
        ("POSIX_V7_LP64_OFF64", System, Num(1)),
        ("_POSIX_V7_LP64_OFF64", System, Num(1)),
    ]
}

fn show(v: &Val) -> String {
    match v {
        Val::Num(-1) => "undefined".to_string(),
        Val::Num(n) => n.to_string(),
        Val::Str(s) => s.to_string(),
    }
}

pub async fn getconf(mut cmd: Cmd) -> i32 {
    let spec: &[Opt] = &[
        value("specification", 'v'),
        Opt {
            long: "all",
            short: Some('a'),
            arg: Arg::No,
        },
    ];
    let opts = match cmd.parse_with(spec, GETCONF_HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(s) = opts.value("specification")
        && !matches!(s, "POSIX_V7_LP64_OFF64" | "POSIX_V6_LP64_OFF64" | "XBS5_LP64_OFF64")
    {
        cmd.error(format!("unknown specification \"{s}\"")).await;
        return cmd.finish(1).await;
    }
    let vars = variables(&cmd.p);
    if opts.has("all") {
        if opts.operands.len() > 1 {
            return usage(&mut cmd).await;
        }
        let mut text = String::new();
        for (name, _, v) in &vars {
            text.push_str(&format!("{name:<34} {}\n", show(v)));
        }
        cmd.out.write_str(&text).await;
        return cmd.finish(0).await;
    }
    let (name, path) = match opts.operands.as_slice() {
        [name] => (name, None),
        [name, path] => (name, Some(path)),
        _ => return usage(&mut cmd).await,
    };
    // glibc accepts the names with or without their leading underscore
    // only where the standard spells them both ways; so do we.
    let Some((_, kind, v)) = vars.iter().find(|(n, _, _)| n == name) else {
        cmd.error(format!("Unrecognized variable `{name}'")).await;
        return cmd.finish(2).await;
    };
    match (kind, path) {
        (Kind::Path, None) | (Kind::System, Some(_)) => return usage(&mut cmd).await,
        (Kind::Path, Some(path)) => {
            if let Err(e) = cmd.p.stat(path).await {
                cmd.error(format!("{path}: {}", e.strerror())).await;
                return cmd.finish(1).await;
            }
        }
        (Kind::System, None) => {}
    }
    cmd.out.write_str(&format!("{}\n", show(v))).await;
    cmd.finish(0).await
}

async fn usage(cmd: &mut Cmd) -> i32 {
    let _ = cmd.out.flush().await;
    let _ = cmd.p.write(2, GETCONF_USAGE.as_bytes()).await;
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omp_syntax() {
        let t = |s: &str| omp_threads(Some(s.to_string()));
        assert_eq!(t("3"), 3);
        assert_eq!(t(" 4 "), 4);
        assert_eq!(t("5,2"), 5);
        assert_eq!(t("x"), 0);
        assert_eq!(t(""), 0);
        assert_eq!(t("3x"), 0);
        assert_eq!(omp_threads(None), 0);
    }
}
