//! GNU's `argmatch`: an option argument chosen from a fixed list of words
//! (`--color=auto`, `--sort=size`), where any unambiguous prefix works and
//! a bad word gets GNU's message listing the valid ones.

use super::quotearg::quote_locale;

/// The value of `arg` among `choices` (word, value); words sharing a value
/// are synonyms. `Err` holds GNU's message (without the `name: ` prefix
/// and the "Try --help" line).
pub fn argmatch<T: Copy + PartialEq>(option: &str, arg: &str, choices: &[(&str, T)]) -> Result<T, String> {
    if let Some((_, v)) = choices.iter().find(|(w, _)| *w == arg) {
        return Ok(*v);
    }
    let mut found: Option<T> = None;
    let mut ambiguous = false;
    for (w, v) in choices {
        if !arg.is_empty() && w.starts_with(arg) {
            match found {
                None => found = Some(*v),
                Some(f) if f != *v => ambiguous = true,
                Some(_) => {}
            }
        }
    }
    match found {
        Some(v) if !ambiguous => Ok(v),
        _ => {
            let what = if ambiguous { "ambiguous" } else { "invalid" };
            let mut msg = format!(
                "{what} argument {} for {}\nValid arguments are:",
                quote_locale(arg),
                quote_locale(option)
            );
            let mut last: Option<T> = None;
            for (w, v) in choices {
                if last == Some(*v) {
                    msg.push_str(&format!(", {}", quote_locale(w)));
                } else {
                    msg.push_str(&format!("\n  - {}", quote_locale(w)));
                }
                last = Some(*v);
            }
            Err(msg)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_prefixes() {
        let c = [("always", 1), ("yes", 1), ("never", 2), ("no", 2), ("auto", 3)];
        assert_eq!(argmatch("--color", "always", &c), Ok(1));
        assert_eq!(argmatch("--color", "ne", &c), Ok(2));
        assert_eq!(
            argmatch("--color", "a", &c).unwrap_err().lines().next(),
            Some("ambiguous argument 'a' for '--color'")
        );
        let e = argmatch("--color", "x", &c).unwrap_err();
        assert_eq!(
            e,
            "invalid argument 'x' for '--color'\nValid arguments are:\n  - 'always', 'yes'\n  - 'never', 'no'\n  - 'auto'"
        );
        let modes = [("exit", 1), ("exit-nopipe", 2)];
        assert_eq!(
            argmatch("--output-error", "exit", &modes),
            Ok(1),
            "an exact word beats a longer one"
        );
    }
}
