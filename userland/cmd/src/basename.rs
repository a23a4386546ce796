//! `basename`: strip the directory (and a suffix) from names.

use common::cli::{Cmd, Mode, Opt, flag, value};
use common::files::base_name;
use common::quote::quote;

const HELP: &str = "Usage: basename NAME [SUFFIX]
  or:  basename OPTION... NAME...
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

  -a, --multiple       support multiple arguments and treat each as a NAME
  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a
  -z, --zero           end each output line with NUL, not newline
      --help     display this help and exit
      --version  output version information and exit

Examples:
  basename /usr/bin/sort          -> \"sort\"
  basename include/stdio.h .h     -> \"stdio\"
  basename -s .h include/stdio.h  -> \"stdio\"
  basename -a any/str1 any/str2   -> \"str1\" followed by \"str2\"
";

const SPEC: &[Opt] = &[flag("multiple", 'a'), value("suffix", 's'), flag("zero", 'z')];

pub async fn main(mut cmd: Cmd) -> i32 {
    // As GNU basename, options stop at the first name.
    let opts = match cmd.parse_with(SPEC, HELP, Mode::StopAtOperand).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut suffix = opts.value("suffix").map(str::to_string);
    let multiple = opts.has("multiple") || suffix.is_some();
    let end = if opts.has("zero") { b'\0' } else { b'\n' };
    let mut names = opts.operands;
    if names.is_empty() {
        return cmd.usage_error("missing operand", 1).await;
    }
    if !multiple {
        if names.len() >= 3 {
            let extra = quote(&names[2]);
            return cmd.usage_error(format!("extra operand {extra}"), 1).await;
        }
        if names.len() == 2 {
            suffix = names.pop();
        }
    }
    for name in &names {
        let base = strip_suffix(base_name(name), suffix.as_deref());
        cmd.out.write(base.as_bytes()).await;
        cmd.out.write(&[end]).await;
    }
    cmd.finish(0).await
}

/// Remove `suffix` unless it is the whole name.
fn strip_suffix<'a>(base: &'a str, suffix: Option<&str>) -> &'a str {
    match suffix {
        Some(s) if !s.is_empty() && base.len() > s.len() && base.ends_with(s) => &base[..base.len() - s.len()],
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::strip_suffix;

    #[test]
    fn suffixes() {
        assert_eq!(strip_suffix("a.txt", Some(".txt")), "a");
        assert_eq!(strip_suffix(".txt", Some(".txt")), ".txt");
        assert_eq!(strip_suffix("a.txt", Some("")), "a.txt");
        assert_eq!(strip_suffix("a.txt", None), "a.txt");
    }
}
