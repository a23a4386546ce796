//! Model-based test: random operation sequences on MemoryFS must give the
//! same answers (values and error codes) as a plain map from path to node.

use std::collections::BTreeMap;

use fileservers::MemoryFs;
use kernel::{Caller, Clock, Errno, Fileserver, NodeType, OpenFlags, Result};
use proptest::prelude::*;

const WHO: Caller = Caller { pid: 1, uid: 0, gid: 0 };

#[derive(Clone, Debug)]
enum Op {
    Mkdir(String),
    Create(String, Vec<u8>),
    Append(String, Vec<u8>),
    WriteAt(String, u8, Vec<u8>),
    Read(String),
    Remove(String),
    Rename(String, String),
    Stat(String),
    Readdir(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Dir,
    File(Vec<u8>),
}

/// What an operation answered, comparable between model and server.
#[derive(Debug, PartialEq)]
enum Answer {
    Unit,
    Bytes(Vec<u8>),
    Stat(NodeType, u64),
    Names(Vec<String>),
    Err(Errno),
}

fn answer<T>(r: Result<T>, f: impl FnOnce(T) -> Answer) -> Answer {
    match r {
        Ok(v) => f(v),
        Err(e) => Answer::Err(e.code()),
    }
}

struct Model {
    nodes: BTreeMap<String, Node>,
}

impl Model {
    fn new() -> Model {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node::Dir);
        Model { nodes }
    }

    /// Walk the directories above `p`: every one must exist and be a
    /// directory.
    fn check_parents(&self, p: &str) -> std::result::Result<(), Errno> {
        let elems: Vec<&str> = p.split('/').filter(|e| !e.is_empty()).collect();
        let mut cur = String::new();
        for e in elems.iter().take(elems.len().saturating_sub(1)) {
            cur.push('/');
            cur.push_str(e);
            match self.nodes.get(&cur) {
                None => return Err(Errno::ENOENT),
                Some(Node::File(_)) => return Err(Errno::ENOTDIR),
                Some(Node::Dir) => {}
            }
        }
        Ok(())
    }

    fn lookup(&self, p: &str) -> std::result::Result<&Node, Errno> {
        self.check_parents(p)?;
        self.nodes.get(p).ok_or(Errno::ENOENT)
    }

    fn has_children(&self, p: &str) -> bool {
        let prefix = format!("{p}/");
        self.nodes.keys().any(|k| k.starts_with(&prefix))
    }

    fn apply(&mut self, op: &Op) -> Answer {
        match op {
            Op::Mkdir(p) => {
                if let Err(e) = self.check_parents(p) {
                    return Answer::Err(e);
                }
                if self.nodes.contains_key(p) {
                    return Answer::Err(Errno::EEXIST);
                }
                self.nodes.insert(p.clone(), Node::Dir);
                Answer::Unit
            }
            Op::Create(p, data) | Op::Append(p, data) => {
                let append = matches!(op, Op::Append(..));
                match self.lookup(p) {
                    Ok(Node::Dir) => Answer::Err(Errno::EISDIR),
                    Ok(Node::File(_)) => {
                        if let Some(Node::File(c)) = self.nodes.get_mut(p) {
                            if !append {
                                c.clear();
                            }
                            c.extend_from_slice(data);
                        }
                        Answer::Unit
                    }
                    Err(Errno::ENOENT) => match self.check_parents(p) {
                        Err(e) => Answer::Err(e),
                        Ok(()) => {
                            self.nodes.insert(p.clone(), Node::File(data.clone()));
                            Answer::Unit
                        }
                    },
                    Err(e) => Answer::Err(e),
                }
            }
            Op::WriteAt(p, off, data) => match self.lookup(p) {
                Ok(Node::Dir) => Answer::Err(Errno::EISDIR),
                Ok(Node::File(_)) => {
                    if let Some(Node::File(c)) = self.nodes.get_mut(p) {
                        let off = *off as usize;
                        if c.len() < off + data.len() {
                            c.resize(off + data.len(), 0);
                        }
                        c[off..off + data.len()].copy_from_slice(data);
                    }
                    Answer::Unit
                }
                Err(e) => Answer::Err(e),
            },
            Op::Read(p) => match self.lookup(p) {
                Ok(Node::Dir) => Answer::Err(Errno::EISDIR),
                Ok(Node::File(c)) => Answer::Bytes(c.clone()),
                Err(e) => Answer::Err(e),
            },
            Op::Stat(p) => match self.lookup(p) {
                Ok(Node::Dir) => Answer::Stat(NodeType::Dir, 0),
                Ok(Node::File(c)) => Answer::Stat(NodeType::File, c.len() as u64),
                Err(e) => Answer::Err(e),
            },
            Op::Readdir(p) => match self.lookup(p) {
                Ok(Node::File(_)) => Answer::Err(Errno::ENOTDIR),
                Ok(Node::Dir) => {
                    let prefix = if p == "/" { "/".to_string() } else { format!("{p}/") };
                    let names = self
                        .nodes
                        .keys()
                        .filter_map(|k| k.strip_prefix(&prefix))
                        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
                        .map(str::to_string)
                        .collect();
                    Answer::Names(names)
                }
                Err(e) => Answer::Err(e),
            },
            Op::Remove(p) => {
                if let Err(e) = self.lookup(p) {
                    return Answer::Err(e);
                }
                if self.nodes[p] == Node::Dir && self.has_children(p) {
                    return Answer::Err(Errno::ENOTEMPTY);
                }
                self.nodes.remove(p);
                Answer::Unit
            }
            Op::Rename(a, b) => self.rename(a, b),
        }
    }

    fn rename(&mut self, a: &str, b: &str) -> Answer {
        if let Err(e) = self.lookup(a) {
            return Answer::Err(e);
        }
        if let Err(e) = self.check_parents(b) {
            return Answer::Err(e);
        }
        if a == b {
            return Answer::Unit;
        }
        let moving_dir = self.nodes[a] == Node::Dir;
        if moving_dir && b.starts_with(&format!("{a}/")) {
            return Answer::Err(Errno::EINVAL);
        }
        if let Some(existing) = self.nodes.get(b) {
            match (moving_dir, existing == &Node::Dir) {
                (true, false) => return Answer::Err(Errno::ENOTDIR),
                (false, true) => return Answer::Err(Errno::EISDIR),
                (true, true) if self.has_children(b) => return Answer::Err(Errno::ENOTEMPTY),
                _ => {}
            }
            self.nodes.remove(b);
        }
        let prefix = format!("{a}/");
        let moved: Vec<(String, Node)> = self
            .nodes
            .iter()
            .filter(|(k, _)| *k == a || k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in moved {
            self.nodes.remove(&k);
            let nk = format!("{b}{}", &k[a.len()..]);
            self.nodes.insert(nk, v);
        }
        Answer::Unit
    }
}

async fn server_apply(fs: &MemoryFs, op: &Op) -> Answer {
    match op {
        Op::Mkdir(p) => answer(fs.mkdir(&WHO, p, 0o755).await, |_| Answer::Unit),
        Op::Create(p, data) | Op::Append(p, data) => {
            let flags = if matches!(op, Op::Append(..)) {
                OpenFlags::APPEND
            } else {
                OpenFlags::WRITE
            };
            match fs.open(&WHO, p, flags).await.map(|o| o.opened().expect("a new open")) {
                Ok(o) => {
                    let r = fs.write(&WHO, o.handle, 0, data).await;
                    fs.close(&WHO, o.handle).await.unwrap();
                    answer(r, |_| Answer::Unit)
                }
                Err(e) => Answer::Err(e.code()),
            }
        }
        Op::WriteAt(p, off, data) => match fs
            .open(&WHO, p, OpenFlags::READWRITE)
            .await
            .map(|o| o.opened().expect("a new open"))
        {
            Ok(o) => {
                let r = fs.write(&WHO, o.handle, u64::from(*off), data).await;
                fs.close(&WHO, o.handle).await.unwrap();
                answer(r, |_| Answer::Unit)
            }
            Err(e) => Answer::Err(e.code()),
        },
        Op::Read(p) => match fs
            .open(&WHO, p, OpenFlags::READ)
            .await
            .map(|o| o.opened().expect("a new open"))
        {
            Ok(o) => {
                let r = fs.read(&WHO, o.handle, 0, 1 << 20).await;
                fs.close(&WHO, o.handle).await.unwrap();
                answer(r, Answer::Bytes)
            }
            Err(e) => Answer::Err(e.code()),
        },
        Op::Stat(p) => answer(fs.stat(&WHO, p).await, |s| Answer::Stat(s.kind, s.size)),
        Op::Readdir(p) => answer(fs.readdir(&WHO, p).await, |es| {
            Answer::Names(es.into_iter().map(|e| e.name).collect())
        }),
        Op::Remove(p) => answer(fs.remove(&WHO, p).await, |_| Answer::Unit),
        Op::Rename(a, b) => answer(fs.rename(&WHO, a, b).await, |_| Answer::Unit),
    }
}

fn path() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["a", "b", "c"]), 1..4).prop_map(|v| format!("/{}", v.join("/")))
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..6)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        path().prop_map(Op::Mkdir),
        (path(), data()).prop_map(|(p, d)| Op::Create(p, d)),
        (path(), data()).prop_map(|(p, d)| Op::Append(p, d)),
        (path(), 0u8..8, data()).prop_map(|(p, o, d)| Op::WriteAt(p, o, d)),
        path().prop_map(Op::Read),
        path().prop_map(Op::Remove),
        (path(), path()).prop_map(|(a, b)| Op::Rename(a, b)),
        path().prop_map(Op::Stat),
        prop_oneof![Just("/".to_string()), path()].prop_map(Op::Readdir),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn memfs_agrees_with_the_model(ops in prop::collection::vec(op(), 1..40)) {
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let fs = MemoryFs::new(Clock::real());
        let mut model = Model::new();
        for (i, op) in ops.iter().enumerate() {
            let want = model.apply(op);
            let got = rt.block_on(server_apply(&fs, op));
            prop_assert_eq!(&got, &want, "step {} {:?}", i, op);
        }
        // The bytes accounted equal the bytes the model holds, with the
        // fixed cost of every node but the root.
        let nodes = model.nodes.len() as u64 - 1;
        let content: u64 = model.nodes.values().map(|n| match n { Node::File(c) => c.len() as u64, Node::Dir => 0 }).sum();
        let held = content + nodes * fileservers::memfs::NODE_COST;
        prop_assert_eq!(fs.used(), held);
    }
}
