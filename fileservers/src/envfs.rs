//! EnvFS, `#e` at `/env`: the caller's environment group as files (Plan 9's
//! env(3)).
//!
//! One file per variable, holding its value exactly (no newline added).
//! Every call answers for the environment group of the process making it,
//! so a process sees its own variables, a child its copy (`rfork e`), and
//! processes sharing a group see each other's changes. Writing a file sets
//! the variable (from the write's offset on; `>` truncates first), creating
//! it makes one, `rm` unsets it. Names are what `setenv` accepts: no `=`,
//! no NUL, not empty.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use async_trait::async_trait;
use kernel::dev::{DevServer, Device, Entry, Open};
use kernel::{Caller, DirEntry, Env, Errno, Error, Kernel, NodeType, OpenFlags, Result, Stat};
use parking_lot::Mutex;

pub struct Environ {
    kernel: Weak<Kernel>,
    /// A qid for every name ever seen, so a name keeps its identity.
    qids: Mutex<HashMap<String, u64>>,
}

pub type EnvFs = DevServer<Environ>;

/// The key of a file: the root, or a variable's name.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Root,
    Var,
}

impl Environ {
    pub fn server(kernel: Weak<Kernel>) -> EnvFs {
        DevServer::new(Environ {
            kernel,
            qids: Mutex::new(HashMap::new()),
        })
    }

    /// The caller's environment group.
    fn group(&self, who: &Caller) -> Result<Arc<Mutex<Env>>> {
        let kernel = self.kernel.upgrade().ok_or(Errno::ENOENT)?;
        let p = kernel.process(who.pid).ok_or(Errno::ESRCH)?;
        Ok(p.env_group())
    }

    fn qid(&self, name: &str) -> u64 {
        let mut q = self.qids.lock();
        let next = q.len() as u64 + 1;
        *q.entry(name.to_string()).or_insert(next)
    }

    fn var_entry(&self, name: &str, value: &str) -> Entry<Node> {
        let mut stat = Stat::new(name, NodeType::File, value.len() as u64, 0);
        stat.mode = Some(0o644);
        stat.qid = self.qid(name);
        Entry { key: Node::Var, stat }
    }

    fn name_of(path: &str) -> Result<&str> {
        let name = path.strip_prefix('/').unwrap_or(path);
        if name.contains('/') {
            return Err(Errno::ENOTDIR.into());
        }
        if name.contains('=') {
            return Err(Error::with_detail(Errno::EINVAL, "bad environment variable name"));
        }
        Ok(name)
    }
}

#[async_trait]
impl Device for Environ {
    type Key = Node;
    type State = ();

    fn name(&self) -> &str {
        "envfs"
    }

    fn lookup(&self, who: &Caller, path: &str) -> Result<Entry<Node>> {
        if path == "/" {
            let mut stat = Stat::new("/", NodeType::Dir, 0, 0);
            stat.mode = Some(0o755);
            return Ok(Entry { key: Node::Root, stat });
        }
        let name = Environ::name_of(path)?;
        let group = self.group(who)?;
        let env = group.lock();
        let value = env.get(name).ok_or(Errno::ENOENT)?;
        Ok(self.var_entry(name, value))
    }

    fn list(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        if self.lookup(who, path)?.key != Node::Root {
            return Err(Errno::ENOTDIR.into());
        }
        let group = self.group(who)?;
        let env = group.lock();
        Ok(env.keys().map(|k| DirEntry::new(k.clone(), NodeType::File)).collect())
    }

    async fn open(&self, who: &Caller, entry: &Entry<Node>, flags: OpenFlags) -> Result<kernel::dev::Opening<()>> {
        if flags.truncate && entry.key == Node::Var {
            self.group(who)?.lock().insert(entry.stat.name.clone(), String::new());
        }
        Ok(kernel::dev::Opening::New(()))
    }

    async fn create(&self, who: &Caller, path: &str, _flags: OpenFlags) -> Result<(Entry<Node>, ())> {
        let name = Environ::name_of(path)?;
        if name.is_empty() {
            return Err(Errno::EINVAL.into());
        }
        self.group(who)?.lock().insert(name.to_string(), String::new());
        Ok((self.var_entry(name, ""), ()))
    }

    fn render(&self, who: &Caller, open: &Open<Node, ()>) -> Result<Vec<u8>> {
        let group = self.group(who)?;
        let env = group.lock();
        Ok(env.get(&open.stat.name).ok_or(Errno::ENOENT)?.clone().into_bytes())
    }

    /// The value from `offset` on becomes `data`.
    async fn write(&self, who: &Caller, open: &Open<Node, ()>, offset: u64, data: &[u8]) -> Result<usize> {
        let text =
            std::str::from_utf8(data).map_err(|_| Error::with_detail(Errno::EINVAL, "environment values are text"))?;
        if text.contains('\0') {
            return Err(Error::with_detail(Errno::EINVAL, "environment values hold no NUL"));
        }
        let group = self.group(who)?;
        let mut env = group.lock();
        let value = env.entry(open.stat.name.clone()).or_default();
        let mut at = usize::try_from(offset).unwrap_or(usize::MAX).min(value.len());
        while !value.is_char_boundary(at) {
            at -= 1;
        }
        value.truncate(at);
        value.push_str(text);
        Ok(data.len())
    }

    async fn remove(&self, who: &Caller, entry: &Entry<Node>) -> Result<()> {
        if entry.key == Node::Root {
            return Err(Errno::EPERM.into());
        }
        self.group(who)?.lock().remove(&entry.stat.name);
        Ok(())
    }
}
