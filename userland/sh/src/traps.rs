//! Traps and the notes waiting for them.

use std::collections::BTreeMap;
use std::sync::Arc;

/// `trap`'s table (copy-on-write: subshells start from a filtered copy)
/// and the notes received and not yet handled.
#[derive(Clone, Debug, Default)]
pub struct Traps {
    /// Trap name (`EXIT`, `ERR`, `INT`...) to its command; an empty
    /// command ignores the signal.
    pub table: Arc<BTreeMap<String, String>>,
    pub pending: Vec<String>,
}

impl Traps {
    /// What a subshell starts with: only the ignored signals stay ignored.
    pub fn for_subshell(&self) -> Traps {
        Traps {
            table: Arc::new(
                self.table
                    .iter()
                    .filter(|(_, v)| v.is_empty())
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ),
            pending: Vec::new(),
        }
    }

    /// True if a trap catches a note (not just a shell event).
    pub fn catches_notes(&self) -> bool {
        self.table
            .keys()
            .any(|k| !matches!(k.as_str(), "EXIT" | "ERR" | "DEBUG" | "RETURN"))
    }
}
