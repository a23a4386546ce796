use std::sync::Arc;

use fileservers::conformance::{self, Profile};
use fileservers::{DevFs, Devices};
use kernel::{Caller, Entropy, Fileserver, NodeType, OpenFlags};

use crate::run;

const WHO: Caller = Caller {
    pid: 1,
    uid: 1000,
    gid: 1000,
};

fn devfs(seed: u64) -> Arc<DevFs> {
    Arc::new(Devices::server(Entropy::seeded(seed)))
}

async fn read(fs: &DevFs, path: &str, n: usize) -> Vec<u8> {
    let o = fs.open(&WHO, path, OpenFlags::READ).await.unwrap().opened().unwrap();
    let d = fs.read(&WHO, o.handle, 0, n).await.unwrap();
    fs.close(&WHO, o.handle).await.unwrap();
    d
}

#[test]
fn passes_conformance() {
    run(conformance::check(devfs(1), Profile::FIXED));
}

#[test]
fn lists_the_devices() {
    run(async {
        let fs = devfs(1);
        let names: Vec<_> = fs
            .readdir(&WHO, "/")
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["null", "random", "urandom", "zero"]);
        assert_eq!(fs.stat(&WHO, "/null").await.unwrap().kind, NodeType::Device);
    });
}

#[test]
fn null_zero_and_random() {
    run(async {
        let fs = devfs(7);
        assert!(read(&fs, "/null", 10).await.is_empty());
        assert_eq!(read(&fs, "/zero", 5).await, [0; 5]);
        let a = read(&fs, "/random", 16).await;
        assert_eq!(a.len(), 16);
        assert_eq!(a, read(&devfs(7), "/random", 16).await, "a seed repeats");
        assert_ne!(a, read(&devfs(8), "/random", 16).await);
        let o = fs
            .open(&WHO, "/null", OpenFlags::WRITE)
            .await
            .unwrap()
            .opened()
            .unwrap();
        assert_eq!(fs.write(&WHO, o.handle, 0, b"gone").await.unwrap(), 4);
        fs.close(&WHO, o.handle).await.unwrap();
    });
}
