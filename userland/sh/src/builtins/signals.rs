//! Signal names and numbers as bash shows them: the kernel's notes for
//! 1-31, and the real-time signals 34-64 (`RTMIN`, `RTMIN+1` ...
//! `RTMAX-1`, `RTMAX`), whose notes are their lower-case names.

use kernel::proc::SIGNALS;

/// One signal: its number and its name without `SIG`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sig {
    pub num: i32,
    pub name: String,
}

impl Sig {
    /// The note `kill` sends for it.
    pub fn note(&self) -> String {
        match SIGNALS.iter().find(|s| s.0 == self.num) {
            Some(s) => s.2.to_string(),
            None => self.name.to_ascii_lowercase(),
        }
    }
}

const RTMIN: i32 = 34;
const RTMAX: i32 = 64;

fn rt_name(n: i32) -> String {
    match n {
        RTMIN => "RTMIN".to_string(),
        RTMAX => "RTMAX".to_string(),
        n if n - RTMIN <= 15 => format!("RTMIN+{}", n - RTMIN),
        n => format!("RTMAX-{}", RTMAX - n),
    }
}

/// The signal numbered `n`, if there is one.
pub fn by_number(n: i32) -> Option<Sig> {
    if let Some(s) = SIGNALS.iter().find(|s| s.0 == n) {
        return Some(Sig {
            num: n,
            name: s.1.to_string(),
        });
    }
    (RTMIN..=RTMAX).contains(&n).then(|| Sig {
        num: n,
        name: rt_name(n),
    })
}

/// Every signal, in number order.
pub fn all() -> Vec<Sig> {
    (1..=RTMAX).filter_map(by_number).collect()
}

/// A signal given by number or name (`INT`, `SIGINT`, `int`, `RTMIN+2`).
pub fn lookup(spec: &str) -> Option<Sig> {
    if let Ok(n) = spec.parse::<i32>() {
        return by_number(n);
    }
    let up = spec.to_ascii_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    all().into_iter().find(|s| s.name == name)
}

/// The signal a note stands for.
pub fn by_note(note: &str) -> Option<Sig> {
    all().into_iter().find(|s| s.note() == note)
}

/// `kill -l`: five to a line, each followed by a tab or a newline.
pub fn listing() -> String {
    let sigs = all();
    let mut out = String::new();
    for (i, s) in sigs.iter().enumerate() {
        out.push_str(&format!("{:>2}) SIG{}", s.num, s.name));
        out.push(if (i + 1) % 5 == 0 { '\n' } else { '\t' });
    }
    if !sigs.len().is_multiple_of(5) {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(lookup("sigint").map(|s| s.num), Some(2));
        assert_eq!(lookup("RTMIN+3").map(|s| s.num), Some(37));
        assert_eq!(lookup("SIGRTMAX-2").map(|s| s.num), Some(62));
        assert_eq!(by_number(50).map(|s| s.name), Some("RTMAX-14".to_string()));
        assert_eq!(lookup("32"), None);
        assert_eq!(lookup("EXIT"), None);
        assert!(listing().ends_with("64) SIGRTMAX\t\n"));
    }
}
