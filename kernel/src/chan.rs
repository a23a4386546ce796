//! Channels: a position in one fileserver, Plan 9's `Chan`.
//!
//! A channel is a server and a cleaned path inside it. Walking a name in a
//! namespace produces one; mount heads are keyed on one and hold them as
//! members; an open file remembers the one it was opened through. Two
//! channels are the same file when they name the same path of the same
//! server instance (the kernel keeps paths current across the renames it
//! performs, so the path stands for the file; see `ns.rs`).

use std::sync::Arc;

use crate::proto::Fileserver;

/// A position in a fileserver: the server and a cleaned path inside it.
#[derive(Clone)]
pub struct Chan {
    pub server: Arc<dyn Fileserver>,
    pub path: String,
}

impl Chan {
    pub fn new(server: Arc<dyn Fileserver>, path: impl Into<String>) -> Self {
        Chan {
            server,
            path: path.into(),
        }
    }

    /// The identity of the server, used as half of a mount-table key.
    pub fn server_id(&self) -> usize {
        server_id(&self.server)
    }

    /// True if both channels name the same file of the same server.
    pub fn same_file(&self, other: &Chan) -> bool {
        self.server_id() == other.server_id() && self.path == other.path
    }

    pub(crate) fn push(&mut self, elem: &str) {
        if !self.path.ends_with('/') {
            self.path.push('/');
        }
        self.path.push_str(elem);
    }

    pub fn child(&self, elem: &str) -> Chan {
        let mut c = self.clone();
        c.push(elem);
        c
    }

    /// Where this channel is after `from` was renamed to `to` on its
    /// server: the same file under its new name, if it lay at or under
    /// `from`.
    pub(crate) fn renamed(&self, r: &Rename) -> Option<Chan> {
        if self.server_id() != r.server {
            return None;
        }
        let path = crate::path::rebase(&self.path, &r.from, &r.to)?;
        Some(Chan::new(self.server.clone(), path))
    }
}

/// A rename the kernel performed: on the server `server`, the path `from`
/// became `to`; in the renaming process's namespace, the name `from_name`
/// became `to_name`. Mount points and members under `from` follow their
/// file, and the names the namespace recorded for them follow the names.
#[derive(Clone, Debug)]
pub struct Rename {
    pub server: usize,
    pub from: String,
    pub to: String,
    pub from_name: String,
    pub to_name: String,
}

impl std::fmt::Debug for Chan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Chan({}:{})", self.server.name(), self.path)
    }
}

/// The identity of a server instance: the address of its allocation. Heads
/// keep an `Arc` to the server they are keyed on, so the address cannot be
/// reused while the key exists.
pub fn server_id(server: &Arc<dyn Fileserver>) -> usize {
    Arc::as_ptr(server) as *const () as usize
}

/// True if `a` and `b` are the same server instance.
pub fn same_server(a: &Arc<dyn Fileserver>, b: &Arc<dyn Fileserver>) -> bool {
    server_id(a) == server_id(b)
}
