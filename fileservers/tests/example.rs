//! The example server of `specs/protocol.md`, kept here so it compiles and
//! passes the conformance suite: a new synthetic server is a table and a
//! render function.

use std::sync::Arc;

use async_trait::async_trait;
use fileservers::conformance::{self, Profile};
use kernel::dev::{DevServer, Device, Dirent, Dirtab, Entry, Open};
use kernel::{Caller, DirEntry, Errno, Fileserver, OpenFlags, Result};

use crate::run;

// ---- the example, as specs/protocol.md shows it ----

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum File {
    Root,
    Sysname,
    Caller,
}

const TABLE: Dirtab<File> = Dirtab(&[
    Dirent::dir("/", File::Root),
    Dirent::file("/sysname", 0o444, File::Sysname),
    Dirent::file("/caller", 0o444, File::Caller),
]);

struct Info {
    sysname: String,
}

#[async_trait]
impl Device for Info {
    type Key = File;
    type State = ();

    fn name(&self) -> &str {
        "info"
    }

    fn lookup(&self, _who: &Caller, path: &str) -> Result<Entry<File>> {
        TABLE.lookup(path, 0)
    }

    fn list(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        TABLE.list(path)
    }

    /// Called once per open, at the first read: a reader reading a byte at
    /// a time still sees one consistent text.
    fn render(&self, who: &Caller, open: &Open<File, ()>) -> Result<Vec<u8>> {
        let text = match open.key {
            File::Sysname => format!("{}\n", self.sysname),
            File::Caller => format!("pid {} uid {}\n", who.pid, who.uid),
            File::Root => return Err(Errno::EISDIR.into()),
        };
        Ok(text.into_bytes())
    }
}

fn info_server(sysname: &str) -> Arc<dyn Fileserver> {
    Arc::new(DevServer::new(Info {
        sysname: sysname.to_string(),
    }))
}

// ---- its tests ----

#[test]
fn the_example_server_passes_conformance() {
    run(async {
        conformance::check(info_server("box"), Profile::FIXED).await;
    });
}

#[test]
fn the_example_answers_each_caller_and_refuses_writes() {
    run(async {
        let fs = info_server("box");
        let who = Caller {
            pid: 7,
            uid: 1000,
            gid: 1000,
        };
        let o = fs
            .open(&who, "/caller", OpenFlags::READ)
            .await
            .unwrap()
            .opened()
            .unwrap();
        assert_eq!(fs.read(&who, o.handle, 0, 100).await.unwrap(), b"pid 7 uid 1000\n");
        let o = fs
            .open(&who, "/sysname", OpenFlags::READ)
            .await
            .unwrap()
            .opened()
            .unwrap();
        assert_eq!(fs.read(&who, o.handle, 0, 100).await.unwrap(), b"box\n");
        assert!(fs.open(&who, "/sysname", OpenFlags::WRITE).await.is_err());
        assert_eq!(fs.stat(&who, "/nope").await.unwrap_err().code(), Errno::ENOENT);
    });
}
