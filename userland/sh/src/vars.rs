//! Shell variables: scalars, indexed and associative arrays, attributes,
//! and function-local scopes with dynamic scoping.
//!
//! Scopes are copy-on-write (`Arc`), so forking the shell for a subshell,
//! a pipeline stage or a command substitution copies a few pointers; the
//! first assignment in the child copies the scope it changes.
//!
//! Associative arrays list their keys in bash 5.2's hash order
//! ([`AssocMap`]), as scripts' output is compared with bash's.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

pub use crate::assoc::AssocMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Str(String),
    Indexed(BTreeMap<i64, String>),
    Assoc(AssocMap),
}

/// What one element (or a scalar) holds against the process's `mem`
/// limit: its text and a fixed cost for its slot.
pub fn text_cost(s: &str) -> u64 {
    s.len() as u64 + 32
}

impl Value {
    /// The bytes it holds against the `mem` limit.
    pub fn cost(&self) -> u64 {
        match self {
            Value::Str(s) => text_cost(s),
            Value::Indexed(m) => m.values().map(|v| text_cost(v) + 8).sum(),
            Value::Assoc(m) => m.iter().map(|(k, v)| text_cost(v) + k.len() as u64).sum(),
        }
    }

    /// What `$x` gives: the scalar, or element 0 / key "0" of an array.
    pub fn scalar(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            Value::Indexed(m) => m.get(&0).map(String::as_str),
            Value::Assoc(m) => m.get("0").map(String::as_str),
        }
    }

    /// Every element, in index (or key) order.
    pub fn elements(&self) -> Vec<String> {
        match self {
            Value::Str(s) => vec![s.clone()],
            Value::Indexed(m) => m.values().cloned().collect(),
            Value::Assoc(m) => m.values().cloned().collect(),
        }
    }

    /// The indices or keys, in order.
    pub fn keys(&self) -> Vec<String> {
        match self {
            Value::Str(_) => vec!["0".to_string()],
            Value::Indexed(m) => m.keys().map(i64::to_string).collect(),
            Value::Assoc(m) => m.keys().cloned().collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    pub export: bool,
    pub readonly: bool,
    pub integer: bool,
    pub lower: bool,
    pub upper: bool,
    /// `declare -n`: the value is the name of another variable (or
    /// element), which reads and assignments go to.
    pub nameref: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Var {
    /// `None`: declared (`local x`, `declare -a x`) but unset. Changes to
    /// it are counted against the process's `mem` limit by the shell's
    /// assignments (`Shell::set`, `assign_array`, `set_element_sync`).
    pub value: Option<Value>,
    pub attrs: Attrs,
    /// Declared as an array kind without a value yet (`declare -A m`).
    pub kind: Kind,
}

impl Var {
    /// The bytes its value holds against the `mem` limit.
    pub fn cost(&self) -> u64 {
        self.value.as_ref().map_or(0, Value::cost)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Scalar,
    Indexed,
    Assoc,
}

type Scope = Arc<HashMap<String, Var>>;

#[derive(Clone, Debug, Default)]
pub struct Vars {
    global: Scope,
    locals: Vec<Scope>,
    /// How many times OPTIND was written, declared, unset or restored:
    /// `getopts` starts a group of letters afresh when it changed, as
    /// bash resets its scan on any change to OPTIND.
    pub optind_changes: u64,
}

impl Vars {
    pub fn get(&self, name: &str) -> Option<&Var> {
        self.locals
            .iter()
            .rev()
            .chain(std::iter::once(&self.global))
            .find_map(|s| s.get(name))
    }

    /// Where a nameref leads: the name (possibly `a[i]`) at the end of
    /// the chain, `Ok(None)` if `name` is not a nameref, or an error if
    /// the chain does not end within bash's eight links (a loop such as
    /// `declare -n a=b b=a`). The name returned is never a nameref
    /// itself, so a caller may look it up without resolving again.
    pub fn resolve(&self, name: &str) -> Result<Option<String>, String> {
        let mut at = name.to_string();
        let mut moved = false;
        for _ in 0..8 {
            let Some(v) = self.get(&at).filter(|v| v.attrs.nameref) else {
                return Ok(moved.then_some(at));
            };
            match v.value.as_ref().and_then(Value::scalar) {
                Some(t) if !t.is_empty() && t != at => {
                    at = t.to_string();
                    moved = true;
                    if let Some((base, _)) = at.split_once('[') {
                        // An element of a nameref (`r2='r[0]'` with `r`
                        // leading back to r2) is a loop too.
                        if self.get(base).is_some_and(|v| v.attrs.nameref) {
                            break;
                        }
                        return Ok(Some(at));
                    }
                }
                _ => return Ok(moved.then_some(at)),
            }
        }
        let base = at.split_once('[').map_or(at.as_str(), |(b, _)| b);
        match self.get(base).is_some_and(|v| v.attrs.nameref) {
            true => Err(format!("{name}: circular name reference")),
            false => Ok(Some(at)),
        }
    }

    /// The scope that holds `name` now (innermost first), for changes.
    fn holder(&mut self, name: &str) -> &mut HashMap<String, Var> {
        let idx = self.locals.iter().rposition(|s| s.contains_key(name));
        match idx {
            Some(i) => Arc::make_mut(&mut self.locals[i]),
            None => Arc::make_mut(&mut self.global),
        }
    }

    /// The variable to change, created (unset) in the scope that holds it
    /// or, if none does, the global scope.
    pub fn entry(&mut self, name: &str) -> &mut Var {
        self.note_change(name);
        let scope = self.holder(name);
        if !scope.contains_key(name) {
            scope.insert(name.to_string(), Var::default());
        }
        scope.get_mut(name).expect("just made sure")
    }

    /// Declare `name` in the innermost function scope (`local`).
    pub fn local(&mut self, name: &str) -> &mut Var {
        self.note_change(name);
        if self.locals.is_empty() {
            return self.entry(name);
        }
        let scope = Arc::make_mut(self.locals.last_mut().expect("checked"));
        if !scope.contains_key(name) {
            scope.insert(name.to_string(), Var::default());
        }
        scope.get_mut(name).expect("just made sure")
    }

    pub fn in_function(&self) -> bool {
        !self.locals.is_empty()
    }

    /// True if `name` is local to the innermost function scope.
    pub fn is_local_here(&self, name: &str) -> bool {
        self.locals.last().is_some_and(|s| s.contains_key(name))
    }

    pub fn push_scope(&mut self) {
        self.locals.push(Scope::default());
    }

    /// Drop the innermost scope; answers the bytes its variables held.
    pub fn pop_scope(&mut self) -> u64 {
        let Some(scope) = self.locals.pop() else {
            return 0;
        };
        if scope.contains_key("OPTIND") {
            self.note_change("OPTIND");
        }
        scope.values().map(Var::cost).sum()
    }

    fn note_change(&mut self, name: &str) {
        if name == "OPTIND" {
            self.optind_changes += 1;
        }
    }

    /// Remove the innermost visible `name`: `None` if it is readonly, else
    /// the bytes it held.
    pub fn unset(&mut self, name: &str) -> Option<u64> {
        if self.get(name).is_some_and(|v| v.attrs.readonly) {
            return None;
        }
        self.note_change(name);
        let idx = self.locals.iter().rposition(|s| s.contains_key(name));
        let removed = match idx {
            Some(i) => Arc::make_mut(&mut self.locals[i]).remove(name),
            None => Arc::make_mut(&mut self.global).remove(name),
        };
        Some(removed.map_or(0, |v| v.cost()))
    }

    /// Every visible variable (innermost wins), sorted by name.
    pub fn visible(&self) -> BTreeMap<&str, &Var> {
        let mut out = BTreeMap::new();
        for scope in std::iter::once(&self.global).chain(self.locals.iter()) {
            for (k, v) in scope.iter() {
                out.insert(k.as_str(), v);
            }
        }
        out
    }

    /// The environment children inherit: exported scalars with values.
    pub fn exported(&self) -> Vec<(String, String)> {
        self.visible()
            .into_iter()
            .filter(|(_, v)| v.attrs.export)
            .filter_map(|(k, v)| match &v.value {
                Some(Value::Str(s)) => Some((k.to_string(), s.clone())),
                _ => None,
            })
            .collect()
    }
}

/// Normalise a negative index against an indexed array (`a[-1]` is the
/// last element). `None` if it points before the start.
pub fn resolve_index(m: &BTreeMap<i64, String>, i: i64) -> Option<i64> {
    if i >= 0 {
        return Some(i);
    }
    let end = m.keys().next_back().map_or(0, |k| k + 1);
    let r = end + i;
    (r >= 0).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &mut Vars, name: &str, val: &str) {
        v.entry(name).value = Some(Value::Str(val.to_string()));
    }

    fn get(v: &Vars, name: &str) -> Option<String> {
        v.get(name)
            .and_then(|x| x.value.as_ref())
            .and_then(|x| x.scalar())
            .map(str::to_string)
    }

    #[test]
    fn dynamic_scoping() {
        let mut v = Vars::default();
        set(&mut v, "x", "global");
        v.push_scope();
        v.local("x").value = Some(Value::Str("local".into()));
        assert_eq!(get(&v, "x").as_deref(), Some("local"));
        v.push_scope();
        set(&mut v, "x", "changed");
        set(&mut v, "y", "new");
        v.pop_scope();
        assert_eq!(
            get(&v, "x").as_deref(),
            Some("changed"),
            "assignment reached the caller's local"
        );
        v.pop_scope();
        assert_eq!(get(&v, "x").as_deref(), Some("global"));
        assert_eq!(get(&v, "y").as_deref(), Some("new"), "new names are global");
    }

    #[test]
    fn copies_are_independent() {
        let mut a = Vars::default();
        set(&mut a, "x", "1");
        let mut b = a.clone();
        set(&mut b, "x", "2");
        assert_eq!(get(&a, "x").as_deref(), Some("1"));
        assert_eq!(get(&b, "x").as_deref(), Some("2"));
    }

    #[test]
    fn negative_indices() {
        let m: BTreeMap<i64, String> = [(0, "a".to_string()), (5, "b".to_string())].into();
        assert_eq!(resolve_index(&m, -1), Some(5));
        assert_eq!(resolve_index(&m, -6), Some(0));
        assert_eq!(resolve_index(&m, -7), None);
    }
}
