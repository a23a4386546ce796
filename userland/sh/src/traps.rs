//! Traps and the notes waiting for them.
//!
//! bash's rules, which this follows: a subshell keeps only ignored
//! signals (and `ERR` with `set -E`, `DEBUG`/`RETURN` with `set -T`), but
//! `trap` in it still lists the parent's traps until it sets one of its
//! own, which is what makes `$(trap -p)` useful. A function call sets
//! `ERR` aside unless `errtrace`, and `DEBUG` and `RETURN` unless
//! `functrace`; what it set aside comes back when it returns unless the
//! function set a new one.

use std::collections::BTreeMap;
use std::sync::Arc;

type Table = Arc<BTreeMap<String, String>>;

/// `trap`'s table (copy-on-write) and the notes received and not yet
/// handled.
#[derive(Clone, Debug, Default)]
pub struct Traps {
    /// Trap name (`EXIT`, `ERR`, `INT`...) to its command; an empty
    /// command ignores the signal.
    pub table: Table,
    /// In a subshell that has not set a trap yet: the parent's traps, as
    /// `trap` lists them.
    pub shown: Option<Table>,
    pub pending: Vec<String>,
    /// Above zero while a trap's command runs (no DEBUG trap inside it,
    /// and `$BASH_COMMAND` stays the trapped command).
    pub running: usize,
    /// True while the DEBUG trap runs (it does not trap itself).
    pub debugging: bool,
}

/// The traps a function call set aside, to put back when it returns.
pub struct SetAside(Vec<(&'static str, String)>);

impl Traps {
    /// What a subshell starts with.
    pub fn for_subshell(&self, errtrace: bool, functrace: bool) -> Traps {
        let keep = |k: &str, v: &String| {
            v.is_empty() || (k == "ERR" && errtrace) || (matches!(k, "DEBUG" | "RETURN") && functrace)
        };
        Traps {
            table: Arc::new(
                self.table
                    .iter()
                    .filter(|(k, v)| keep(k, v))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            shown: Some(self.shown.clone().unwrap_or_else(|| self.table.clone())),
            pending: Vec::new(),
            running: 0,
            debugging: false,
        }
    }

    /// Set (`Some`) or reset (`None`) one trap.
    pub fn set(&mut self, name: String, action: Option<String>) {
        self.shown = None;
        let t = Arc::make_mut(&mut self.table);
        match action {
            Some(a) => {
                t.insert(name, a);
            }
            None => {
                t.remove(&name);
            }
        }
    }

    /// The traps `trap` lists: the subshell's inherited view or its own.
    pub fn listed(&self) -> &BTreeMap<String, String> {
        self.shown.as_deref().unwrap_or(&self.table)
    }

    /// The command for a shell event trap, if one is set and runs now.
    pub fn command(&self, name: &str) -> Option<String> {
        if self.table.is_empty() {
            return None;
        }
        self.table.get(name).filter(|c| !c.is_empty()).cloned()
    }

    /// True if a trap catches a note (not just a shell event).
    pub fn catches_notes(&self) -> bool {
        self.table
            .keys()
            .any(|k| !matches!(k.as_str(), "EXIT" | "ERR" | "DEBUG" | "RETURN"))
    }

    /// Entering a function: set aside what it does not inherit.
    pub fn enter_function(&mut self, errtrace: bool, functrace: bool) -> SetAside {
        let mut aside = Vec::new();
        if self.table.is_empty() {
            return SetAside(aside);
        }
        for name in ["ERR", "DEBUG", "RETURN"] {
            let inherited = if name == "ERR" { errtrace } else { functrace };
            if !inherited && let Some(cmd) = self.table.get(name).cloned() {
                Arc::make_mut(&mut self.table).remove(name);
                aside.push((name, cmd));
            }
        }
        SetAside(aside)
    }

    /// Leaving it: put back what was set aside, unless replaced.
    pub fn leave_function(&mut self, aside: SetAside) {
        for (name, cmd) in aside.0 {
            if !self.table.contains_key(name) {
                Arc::make_mut(&mut self.table).insert(name.to_string(), cmd);
            }
        }
    }
}
