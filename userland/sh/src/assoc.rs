//! Associative arrays in bash 5.2's order.
//!
//! Scripts print `${!m[@]}`, `${m[@]}` and `declare -p m`, and their
//! output is compared with bash's, so the order must be bash's: its hash
//! table walked bucket by bucket. bash hashes keys with 32-bit FNV-1
//! into 1024 buckets, puts a new key at the head of its bucket, and when
//! a key arrives while the table holds twice as many entries as buckets
//! it grows fourfold, moving each bucket's entries in order to the heads
//! of their new buckets. This map does the same; only the non-empty
//! buckets are stored.

use std::collections::BTreeMap;

const FIRST_BUCKETS: u32 = 1024;
const FILL: usize = 2;
const GROWTH: u32 = 4;

/// bash's `hash_string`: FNV-1 (multiply, then xor).
fn hash(key: &str) -> u32 {
    key.bytes()
        .fold(2_166_136_261u32, |h, b| h.wrapping_mul(16_777_619) ^ u32::from(b))
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssocMap {
    buckets: u32,
    /// Bucket number to its entries, head first.
    table: BTreeMap<u32, Vec<(String, String)>>,
    len: usize,
}

impl Default for AssocMap {
    fn default() -> AssocMap {
        AssocMap {
            buckets: FIRST_BUCKETS,
            table: BTreeMap::new(),
            len: 0,
        }
    }
}

impl AssocMap {
    fn bucket(&self, key: &str) -> u32 {
        hash(key) & (self.buckets - 1)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        let list = self.table.get(&self.bucket(key))?;
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Set `key`; a key already there keeps its place.
    pub fn insert(&mut self, key: String, value: String) {
        let b = self.bucket(&key);
        if let Some(slot) = self
            .table
            .get_mut(&b)
            .and_then(|list| list.iter_mut().find(|(k, _)| *k == key))
        {
            slot.1 = value;
            return;
        }
        if self.len >= self.buckets as usize * FILL {
            self.grow();
        }
        let b = self.bucket(&key);
        self.table.entry(b).or_default().insert(0, (key, value));
        self.len += 1;
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.table);
        self.buckets = self.buckets.saturating_mul(GROWTH);
        for (k, v) in old.into_values().flatten() {
            let b = self.bucket(&k);
            self.table.entry(b).or_default().insert(0, (k, v));
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<String> {
        let b = self.bucket(key);
        let list = self.table.get_mut(&b)?;
        let i = list.iter().position(|(k, _)| k == key)?;
        let (_, v) = list.remove(i);
        if list.is_empty() {
            self.table.remove(&b);
        }
        self.len -= 1;
        Some(v)
    }

    /// Entries in bash's order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.table.values().flatten().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.iter().map(|(_, v)| v)
    }
}

impl FromIterator<(String, String)> for AssocMap {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(it: I) -> AssocMap {
        let mut m = AssocMap::default();
        for (k, v) in it {
            m.insert(k, v);
        }
        m
    }
}

impl<const N: usize> From<[(String, String); N]> for AssocMap {
    fn from(items: [(String, String); N]) -> AssocMap {
        items.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &AssocMap) -> Vec<&str> {
        m.keys().map(String::as_str).collect()
    }

    #[test]
    fn bash_order() {
        // bash 5.2: declare -A m=([b]=2 [a]=1 [c]=3); echo "${!m[@]}"
        let m: AssocMap = [("b", "2"), ("a", "1"), ("c", "3")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        assert_eq!(keys(&m), ["c", "b", "a"]);
    }

    #[test]
    fn replace_keeps_place_and_remove_forgets() {
        let mut m = AssocMap::default();
        for k in ["a", "b", "c"] {
            m.insert(k.to_string(), "1".to_string());
        }
        m.insert("a".to_string(), "9".to_string());
        assert_eq!(m.get("a").map(String::as_str), Some("9"));
        assert_eq!(m.remove("b").as_deref(), Some("1"));
        assert!(!m.contains_key("b"));
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn grows_and_keeps_everything() {
        let mut m = AssocMap::default();
        for i in 0..5000 {
            m.insert(format!("k{i}"), i.to_string());
        }
        assert_eq!(m.len(), 5000);
        assert_eq!(m.buckets, 4096);
        assert_eq!(m.get("k4321").map(String::as_str), Some("4321"));
    }
}
