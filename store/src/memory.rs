//! A store in memory: for tests, and for a library user who wants
//! snapshots and forks without a file.

use std::collections::BTreeMap;

use async_trait::async_trait;
use parking_lot::Mutex;
use rustc_hash::FxHashMap as HashMap;

use crate::backend::Store;
use crate::error::{Result, StoreError};
use crate::id::Id;

#[derive(Default)]
pub struct MemoryStore {
    objects: Mutex<HashMap<Id, Vec<u8>>>,
    refs: Mutex<BTreeMap<String, Id>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn get(&self, id: &Id) -> Result<Option<Vec<u8>>> {
        Ok(self.objects.lock().get(id).cloned())
    }

    async fn has(&self, ids: &[Id]) -> Result<Vec<bool>> {
        let objects = self.objects.lock();
        Ok(ids.iter().map(|id| objects.contains_key(id)).collect())
    }

    async fn put(&self, objects: Vec<(Id, Vec<u8>)>) -> Result<()> {
        self.objects.lock().extend(objects);
        Ok(())
    }

    async fn list(&self) -> Result<Vec<Id>> {
        let mut ids: Vec<Id> = self.objects.lock().keys().copied().collect();
        ids.sort();
        Ok(ids)
    }

    async fn get_ref(&self, name: &str) -> Result<Option<Id>> {
        Ok(self.refs.lock().get(name).copied())
    }

    async fn refs(&self) -> Result<Vec<(String, Id)>> {
        Ok(self.refs.lock().iter().map(|(k, v)| (k.clone(), *v)).collect())
    }

    async fn cas_ref(&self, name: &str, old: Option<Id>, new: Option<Id>) -> Result<()> {
        let mut refs = self.refs.lock();
        if refs.get(name).copied() != old {
            return Err(StoreError::Conflict { name: name.to_string() });
        }
        match new {
            Some(id) => refs.insert(name.to_string(), id),
            None => refs.remove(name),
        };
        Ok(())
    }
}
