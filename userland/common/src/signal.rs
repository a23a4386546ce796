//! Signals by the names and numbers users type (`INT`, `SIGINT`, `int`,
//! `2`), mapped to the notes that stand for them (`kernel::proc::SIGNALS`).

use kernel::proc::SIGNALS;

/// A signal: its number, its name without `SIG`, and its note.
pub type Signal = (i32, &'static str, &'static str);

/// The signal `spec` names (case does not matter, `SIG` is optional) or
/// numbers. Signal 0 ("check only") is not in the table: callers that
/// accept it test for it first.
pub fn by_spec(spec: &str) -> Option<Signal> {
    if let Ok(n) = spec.parse::<i32>() {
        return SIGNALS.iter().find(|s| s.0 == n).copied();
    }
    let upper = spec.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    SIGNALS.iter().find(|s| s.1 == name).copied()
}

/// The signal whose note is `note`.
pub fn by_note(note: &str) -> Option<Signal> {
    SIGNALS.iter().find(|s| s.2 == note).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(by_spec("INT").map(|s| s.2), Some("interrupt"));
        assert_eq!(by_spec("sigterm").map(|s| s.0), Some(15));
        assert_eq!(by_spec("9").map(|s| s.1), Some("KILL"));
        assert_eq!(by_spec("0"), None);
        assert_eq!(by_spec("hup").map(|s| s.2), Some("hangup"));
        assert_eq!(by_spec("nope"), None);
        assert_eq!(by_spec("99"), None);
        assert_eq!(by_note("kill").map(|s| s.0), Some(9));
    }
}
