//! The store interface every backend implements.

use async_trait::async_trait;

use crate::error::Result;
use crate::id::Id;

/// Objects by id and named refs with compare-and-swap: all a backend
/// must do. Everything above (snapshots, logs, diffs) is written once
/// against this trait.
///
/// Rules every backend keeps (checked by the shared suite in the tests):
/// * `put` of a batch is all or nothing: after an error none of the batch
///   may be relied on, and after success all of it is durable.
/// * Objects are immutable; putting an id that exists is a no-op.
/// * `cas_ref` moves a ref only if it still points where the caller saw it
///   (`old`, `None` for "does not exist yet"); otherwise it answers
///   [`crate::StoreError::Conflict`] and changes nothing. Writers put every
///   object a commit needs *before* moving the ref, so a ref never points at
///   something missing, whenever the writer dies.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// The encoded object, or `None` if the store does not have it.
    async fn get(&self, id: &Id) -> Result<Option<Vec<u8>>>;

    /// Which of `ids` the store has, in order.
    async fn has(&self, ids: &[Id]) -> Result<Vec<bool>>;

    /// Store a batch of encoded objects, each with its id.
    async fn put(&self, objects: Vec<(Id, Vec<u8>)>) -> Result<()>;

    /// Every object id (for export, garbage collection and checks).
    async fn list(&self) -> Result<Vec<Id>>;

    /// Where a ref points.
    async fn get_ref(&self, name: &str) -> Result<Option<Id>>;

    /// Every ref and where it points, sorted by name.
    async fn refs(&self) -> Result<Vec<(String, Id)>>;

    /// Move `name` from `old` to `new` (`None` deletes), atomically.
    async fn cas_ref(&self, name: &str, old: Option<Id>, new: Option<Id>) -> Result<()>;
}
