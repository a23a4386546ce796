//! The shell's own limits: runaway scripts stop with an error instead of
//! exhausting the stack or memory.

/// Configurable limits (`NINEBOX_LIMITS`).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Nested function calls (bash's FUNCNEST when set).
    pub max_call_depth: usize,
    /// Nested `source`/`eval`/subshell levels.
    pub max_eval_depth: usize,
    /// Words one brace expansion may produce.
    pub max_brace_words: usize,
    /// Bytes a single string (a variable, an expansion) may hold.
    pub max_string: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_call_depth: 1000,
            max_eval_depth: 200,
            max_brace_words: 1 << 22,
            max_string: 256 << 20,
        }
    }
}

impl Limits {
    /// Change limits from text such as `calls=200,string=1M,words=1000,
    /// evals=50` (the `NINEBOX_LIMITS` variable); K, M and G multiply.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| format!("{item}: expected name=value"))?;
            let (digits, mult) = match value.chars().last() {
                Some('K' | 'k') => (&value[..value.len() - 1], 1 << 10),
                Some('M' | 'm') => (&value[..value.len() - 1], 1 << 20),
                Some('G' | 'g') => (&value[..value.len() - 1], 1 << 30),
                _ => (value, 1),
            };
            let n: usize = digits
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_mul(mult))
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{item}: not a positive number"))?;
            match name {
                "calls" => self.max_call_depth = n,
                "evals" => self.max_eval_depth = n,
                "words" => self.max_brace_words = n,
                "string" => self.max_string = n,
                _ => return Err(format!("{name}: unknown limit (calls, evals, words, string)")),
            }
        }
        Ok(())
    }
}
