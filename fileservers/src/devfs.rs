//! DevFS: the synthetic devices of `/dev`.
//!
//! | file      | read                                   | write     |
//! |-----------|----------------------------------------|-----------|
//! | `null`    | end of file                            | discarded |
//! | `zero`    | zero bytes                             | discarded |
//! | `random`  | bytes from the system entropy source   | discarded |
//! | `urandom` | the same (there is one source)         | discarded |
//!
//! Every device is a stream (`NodeType::Device`). The tree cannot be
//! changed: `mkdir`, `remove`, `rename` and `wstat` answer `EPERM`. Random
//! bytes come from the kernel's one entropy source, so a seeded system reads
//! the same bytes every run. Built on the kernel's device table
//! (`kernel::dev`), which answers the rest of the protocol.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Dirent, Dirtab, Entry, Open};
use kernel::{Caller, DirEntry, Entropy, Result};

/// The most a device read answers at once.
const IOUNIT: usize = 1 << 20;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Dev {
    Root,
    Null,
    Random,
    Urandom,
    Zero,
}

const TABLE: Dirtab<Dev> = Dirtab(&[
    Dirent::dir("/", Dev::Root),
    Dirent::stream("/null", 0o666, Dev::Null),
    Dirent::stream("/random", 0o666, Dev::Random),
    Dirent::stream("/urandom", 0o666, Dev::Urandom),
    Dirent::stream("/zero", 0o666, Dev::Zero),
]);

pub struct Devices {
    entropy: Arc<Entropy>,
}

pub type DevFs = DevServer<Devices>;

impl Devices {
    pub fn server(entropy: Arc<Entropy>) -> DevFs {
        DevServer::new(Devices { entropy })
    }
}

#[async_trait]
impl Device for Devices {
    type Key = Dev;
    type State = ();

    fn name(&self) -> &str {
        "devfs"
    }

    fn lookup(&self, _who: &Caller, path: &str) -> Result<Entry<Dev>> {
        TABLE.lookup(path, 0)
    }

    fn list(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        TABLE.list(path)
    }

    async fn read(&self, _who: &Caller, open: &Open<Dev, ()>, _offset: u64, count: usize) -> Result<Vec<u8>> {
        let count = count.min(IOUNIT);
        Ok(match open.key {
            Dev::Zero => vec![0; count],
            Dev::Random | Dev::Urandom => self.entropy.bytes(count),
            Dev::Null | Dev::Root => Vec::new(),
        })
    }

    async fn write(&self, _who: &Caller, _open: &Open<Dev, ()>, _offset: u64, data: &[u8]) -> Result<usize> {
        Ok(data.len())
    }
}
