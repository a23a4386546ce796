//! `--files0-from=F`: operands read from a file of NUL-terminated names
//! (what `find -print0` writes), as GNU wc, du and sort accept them.

use kernel::NodeType;

use super::cli::Cmd;
use super::io::Input;
use super::quote::quotef;
use super::quotearg::quote_locale;

/// The names listed in `list` (`-` for stdin), and whether the list is a
/// regular file (GNU then sizes its columns from the files up front; from
/// a pipe it cannot look ahead). An unreadable list is reported here and
/// answers `Err(1)`.
pub async fn read(cmd: &mut Cmd, list: &str) -> Result<(Vec<String>, bool), i32> {
    let p = cmd.p.clone();
    let opened = Input::open(&p, list).await;
    let mut input = match opened {
        Ok(i) => i,
        Err(e) => {
            let msg = format!("cannot open {} for reading: {}", quote_locale(list), e.strerror());
            cmd.error(msg).await;
            return Err(1);
        }
    };
    let regular = matches!(p.fstat(input.fd()).await, Ok(st) if st.kind == NodeType::File);
    let data = input.read_all(&p).await;
    input.close(&p).await;
    let data = match data {
        Ok(d) => d,
        Err(e) => {
            cmd.error_at(list, &e).await;
            return Err(1);
        }
    };
    let mut names: Vec<String> = data
        .split(|&b| b == 0)
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    // The last name needs no terminator; a terminator ends no empty name.
    if data.last().is_none_or(|&b| b == 0) {
        names.pop();
    }
    Ok((names, regular))
}

/// Check one listed name as GNU does: answers the complaint for an empty
/// name (`F:N: invalid zero-length file name`, N counting from 1) or for
/// `-` when the list itself came from stdin.
pub fn check(list: &str, index: usize, name: &str) -> Option<String> {
    if name.is_empty() {
        return Some(format!("{}:{}: invalid zero-length file name", quotef(list), index + 1));
    }
    if name == "-" && list == "-" {
        return Some("when reading file names from stdin, no file name of '-' allowed".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn complaints() {
        assert_eq!(check("-", 1, "").as_deref(), Some("-:2: invalid zero-length file name"));
        assert_eq!(
            check("list", 0, "").as_deref(),
            Some("list:1: invalid zero-length file name")
        );
        assert_eq!(
            check("a b", 0, "").as_deref(),
            Some("'a b':1: invalid zero-length file name")
        );
        assert!(check("-", 0, "-").is_some());
        assert_eq!(check("list", 0, "-"), None);
        assert_eq!(check("-", 0, "a"), None);
    }
}
