//! Helpers: a runtime, trees of files on a MemoryFS, and a comparable
//! listing of a tree with every field a snapshot keeps.

use std::sync::Arc;

use fileservers::MemoryFs;
use kernel::{Caller, Clock, Fileserver, OpenFlags};

pub fn run<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            tokio::time::timeout(std::time::Duration::from_secs(120), f)
                .await
                .expect("test timed out")
        })
}

pub fn memfs() -> Arc<dyn Fileserver> {
    Arc::new(MemoryFs::new(Clock::real()))
}

pub async fn write(fs: &dyn Fileserver, path: &str, data: &[u8]) {
    let o = fs
        .open(&Caller::KERNEL, path, OpenFlags::WRITE)
        .await
        .expect("open for write")
        .opened()
        .expect("a file of this server");
    let who = Caller::KERNEL;
    let mut off = 0;
    while off < data.len() {
        off += fs.write(&who, o.handle, off as u64, &data[off..]).await.expect("write");
    }
    fs.close(&who, o.handle).await.expect("close");
}

pub async fn read(fs: &dyn Fileserver, path: &str) -> Vec<u8> {
    let o = fs
        .open(&Caller::KERNEL, path, OpenFlags::READ)
        .await
        .expect("open for read")
        .opened()
        .expect("a file of this server");
    let who = Caller::KERNEL;
    let mut data = Vec::new();
    loop {
        let piece = fs.read(&who, o.handle, data.len() as u64, 1 << 16).await.expect("read");
        if piece.is_empty() {
            break;
        }
        data.extend_from_slice(&piece);
    }
    fs.close(&who, o.handle).await.expect("close");
    data
}

/// Every node under `path` with kind, mode, owner, mtime, size and
/// content: what a restore must reproduce.
pub async fn listing(fs: &dyn Fileserver, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![path.to_string()];
    while let Some(dir) = todo.pop() {
        let st = fs.stat(&Caller::KERNEL, &dir).await.expect("stat dir");
        out.push(format!(
            "{dir} d {:o} {}:{} {}",
            st.mode(),
            st.uid(),
            st.gid(),
            st.mtime
        ));
        for e in fs.readdir(&Caller::KERNEL, &dir).await.expect("readdir") {
            let p = if dir == "/" {
                format!("/{}", e.name)
            } else {
                format!("{dir}/{}", e.name)
            };
            if e.kind.is_dir() {
                todo.push(p);
            } else {
                let st = fs.stat(&Caller::KERNEL, &p).await.expect("stat");
                let data = read(fs, &p).await;
                out.push(format!(
                    "{p} f {:o} {}:{} {} {} {:?}",
                    st.mode(),
                    st.uid(),
                    st.gid(),
                    st.mtime,
                    st.size,
                    sha(&data)
                ));
            }
        }
    }
    out.sort();
    out
}

fn sha(data: &[u8]) -> String {
    store::Id::of(data).short()
}
