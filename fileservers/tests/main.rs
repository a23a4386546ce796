//! Tests of the fileservers: the conformance suite against each, and what
//! is particular to each.

mod consfs;
mod devfs;
mod example;
mod hostfs;
mod memfs;
mod mntgen;
mod model;
mod procfs;
mod served;
mod services;
mod srvfs;
mod system;

use std::future::Future;
use std::time::Duration;

/// Run an async test body on a current-thread runtime with a time limit, so
/// that a broken server fails the test instead of hanging it.
pub fn run<F: Future<Output = ()>>(f: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(30), f)
                .await
                .expect("test timed out");
        });
}
