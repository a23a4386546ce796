//! What the host grants a system: network addresses it may dial, and
//! whatever else a host-side subsystem hands in (credentials, later).
//!
//! Grants are typed values set while the kernel is configured and read
//! by programs and servers inside; nothing inside can add or change one,
//! because a running kernel only offers [`Grants::get`]. A missing grant
//! means "not granted".

use std::any::{Any, TypeId};
use std::sync::Arc;

use rustc_hash::FxHashMap;

#[derive(Default)]
pub struct Grants {
    by_type: FxHashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl Grants {
    pub fn new() -> Grants {
        Grants::default()
    }

    /// Grant `value` (replacing an earlier grant of the same type).
    pub fn with<T: Any + Send + Sync>(mut self, value: T) -> Grants {
        self.by_type.insert(TypeId::of::<T>(), Arc::new(value));
        self
    }

    /// The grant of type `T`, if the host made one.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        self.by_type.get(&TypeId::of::<T>())?.clone().downcast().ok()
    }
}

impl std::fmt::Debug for Grants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Grants({} granted)", self.by_type.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Net(&'static str);

    #[test]
    fn a_grant_is_found_by_its_type_only() {
        let g = Grants::new().with(Net("tcp!127.0.0.1!*"));
        assert_eq!(g.get::<Net>().as_deref(), Some(&Net("tcp!127.0.0.1!*")));
        assert!(g.get::<String>().is_none());
        assert!(Grants::new().get::<Net>().is_none());
    }
}
