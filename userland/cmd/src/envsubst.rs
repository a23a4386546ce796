//! `envsubst`: substitute environment variables in shell-format text
//! (GNU gettext 0.21): `$NAME` and `${NAME}` only, no other expansion.

use common::cli::{Cmd, Opt, flag};

const HELP: &str = "Usage: envsubst [OPTION] [SHELL-FORMAT]

Substitutes the values of environment variables.

Operation mode:
  -v, --variables             output the variables occurring in SHELL-FORMAT

Informative output:
  -h, --help                  display this help and exit
  -V, --version               output version information and exit

In normal operation mode, standard input is copied to standard output,
with references to environment variables of the form $VARIABLE or ${VARIABLE}
being replaced with the corresponding values.  If a SHELL-FORMAT is given,
only those environment variables that are referenced in SHELL-FORMAT are
substituted; otherwise all environment variables references occurring in
standard input are substituted.

When --variables is used, standard input is ignored, and the output consists
of the environment variables that are referenced in SHELL-FORMAT, one per line.
";

const SPEC: &[Opt] = &[flag("variables", 'v'), flag("help", 'h'), flag("version", 'V')];

/// A variable reference at the start of `s` (which begins with `$`): the
/// name and the length of the reference, or None if it is not one.
fn reference(s: &[u8]) -> Option<(&[u8], usize)> {
    let braced = s.get(1) == Some(&b'{');
    let start = if braced { 2 } else { 1 };
    let first = *s.get(start)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let len = s[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let name = &s[start..start + len];
    if braced {
        (s.get(start + len) == Some(&b'}')).then_some((name, start + len + 1))
    } else {
        Some((name, start + len))
    }
}

/// Every variable named in a shell format, in order (repeats kept, as
/// gettext prints them).
fn variables(format: &str) -> Vec<String> {
    let b = format.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$'
            && let Some((name, len)) = reference(&b[i..])
        {
            out.push(String::from_utf8_lossy(name).into_owned());
            i += len;
            continue;
        }
        i += 1;
    }
    out
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if opts.operands.len() > 1 {
        cmd.error("too many arguments").await;
        return cmd.finish(1).await;
    }
    let format = opts.operands.first();
    if opts.has("variables") {
        let Some(format) = format else {
            cmd.error("missing arguments").await;
            return cmd.finish(1).await;
        };
        let mut text = String::new();
        for v in variables(format) {
            text.push_str(&v);
            text.push('\n');
        }
        cmd.out.write_str(&text).await;
        return cmd.finish(0).await;
    }
    let only = format.map(|f| variables(f));
    let p = cmd.p.clone();
    let mut input = common::io::Input::from_fd(0);
    let mut line = Vec::new();
    let mut out = Vec::new();
    loop {
        line.clear();
        match input.read_line(&p, &mut line).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                cmd.error(format!("error while reading \"standard input\": {}", e.strerror()))
                    .await;
                return cmd.finish(1).await;
            }
        }
        out.clear();
        let mut i = 0;
        while i < line.len() {
            if line[i] == b'$'
                && let Some((name, len)) = reference(&line[i..])
            {
                let name = String::from_utf8_lossy(name);
                if only.as_ref().is_none_or(|vs| vs.iter().any(|v| *v == name)) {
                    if let Some(v) = p.getenv(&name) {
                        out.extend_from_slice(&common::bytes::to_bytes(&v));
                    }
                    i += len;
                    continue;
                }
            }
            out.push(line[i]);
            i += 1;
        }
        cmd.out.write(&out).await;
    }
    cmd.finish(0).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(reference(b"$A_1 x"), Some((&b"A_1"[..], 4)));
        assert_eq!(reference(b"${B}c"), Some((&b"B"[..], 4)));
        assert_eq!(reference(b"${B"), None);
        assert_eq!(reference(b"$1"), None);
        assert_eq!(reference(b"${}"), None);
        assert_eq!(reference(b"${A:-x}"), None);
        assert_eq!(variables("$B ${A} $B $Z $"), ["B", "A", "B", "Z"]);
    }
}
