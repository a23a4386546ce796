//! MemoryFS: the general-purpose in-memory tree (`/`, `/tmp`, posted RAM
//! disks).
//!
//! An inode table behind one lock. Directories map names to inode numbers
//! (kept sorted, so listings are stable); files hold their bytes in a vector
//! that grows by doubling. Every node has mode, uid, gid, mtime and ctime,
//! and a file may carry a native program (an *exec node*), which is how
//! `/bin` holds the commands.
//!
//! Decisions:
//! * Unix lifetime: a removed file that is still open stays readable and
//!   writable through its handles and is freed at the last close.
//! * Writing to an exec node drops its native program: after `echo '#!...'
//!   > /bin/ls` the file is a script, not the old program.
//! * Modes and owners are recorded and reported but not enforced (the
//!   kernel checks only the execute bit); enforcement belongs in a
//!   permission middleware server.
//! * Every tree holds its bytes against a [`Space`]: file contents plus a
//!   fixed cost per node (so a million empty files fill it too). A write,
//!   truncate or create that would exceed it, or the system's total the
//!   space is part of, fails with `ENOSPC` and changes nothing, as on a full
//!   disk. Content grows by fallible allocation: a host short of memory
//!   answers `ENOMEM`, it does not abort.
//! * Handle numbers and qids come from counters and are never reused.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use kernel::limits::Space;
use kernel::proto::ExecCapable;
use kernel::{
    Caller, Clock, DirEntry, Errno, Error, Fileserver, Handle, NodeType, Opaque, OpenFlags, OpenResult, Opened,
    Program, Qid, Result, Stat, StatChanges,
};
use parking_lot::Mutex;
use rustc_hash::FxHashMap as HashMap;

type Ino = usize;

struct Node {
    /// The name it is linked under (kept across renames, for `fstat`).
    name: String,
    kind: NodeType,
    content: Vec<u8>,
    children: BTreeMap<String, Ino>,
    mode: u32,
    uid: u32,
    gid: u32,
    mtime: u64,
    ctime: u64,
    exec: Option<Opaque>,
    qid: u64,
    version: u32,
    /// False once removed from its directory.
    linked: bool,
    /// Open handles on this node.
    opens: u32,
}

struct OpenNode {
    ino: Ino,
    flags: OpenFlags,
}

struct State {
    nodes: Vec<Option<Node>>,
    free: Vec<Ino>,
    handles: HashMap<u64, OpenNode>,
    next_handle: u64,
    next_qid: u64,
    /// What the tree's bytes are charged to.
    space: Arc<Space>,
}

const ROOT: Ino = 0;

/// What a node costs beyond its content: the record and its name.
pub const NODE_COST: u64 = 256;

pub struct MemoryFs {
    state: Mutex<State>,
    clock: Arc<Clock>,
}

impl MemoryFs {
    /// An empty tree: a root directory owned by root, mode 0755.
    pub fn new(clock: Arc<Clock>) -> MemoryFs {
        let now = clock.now_ms();
        let root = Node::new(NodeType::Dir, 0o755, 0, 0, now, 0);
        MemoryFs {
            state: Mutex::new(State {
                nodes: vec![Some(root)],
                free: Vec::new(),
                handles: HashMap::default(),
                next_handle: 1,
                next_qid: 1,
                space: Space::unlimited(),
            }),
            clock,
        }
    }

    /// Give the root directory these permission bits (a shared `/tmp` is
    /// 1777).
    pub fn with_root_mode(self, mode: u32) -> MemoryFs {
        if let Some(Some(root)) = self.state.lock().nodes.get_mut(ROOT) {
            root.mode = mode;
        }
        self
    }

    /// Limit the bytes this tree may hold.
    pub fn with_quota(self, bytes: u64) -> MemoryFs {
        self.with_space(Space::new("fs", bytes, None))
    }

    /// Charge the tree's bytes to `space` (what it holds already moves
    /// there, whatever its limit).
    pub fn with_space(self, space: Arc<Space>) -> MemoryFs {
        self.set_space(space);
        self
    }

    /// [`MemoryFs::with_space`] on a tree already in use.
    pub fn set_space(&self, space: Arc<Space>) {
        let mut st = self.state.lock();
        let held = st.space.used();
        st.space.release(held);
        space.force(held);
        st.space = space;
    }

    /// Bytes held: contents and the cost of each node.
    pub fn used(&self) -> u64 {
        self.state.lock().space.used()
    }

    /// The space the tree is charged to.
    pub fn space(&self) -> Arc<Space> {
        self.state.lock().space.clone()
    }

    /// Create `path` and its missing parents as directories owned by `uid`,
    /// with `mode` (a boot-time convenience: `mkdir -p`).
    pub fn mkdir_all(&self, path: &str, mode: u32, uid: u32, gid: u32) -> Result<()> {
        let mut st = self.state.lock();
        let now = self.clock.now_ms();
        let mut cur = ROOT;
        for elem in elements(path)? {
            cur = match st.node(cur)?.children.get(elem) {
                Some(&i) if st.node(i)?.kind.is_dir() => i,
                Some(_) => return Err(Errno::ENOTDIR.into()),
                None => st.link_new(cur, elem, NodeType::Dir, mode, uid, gid, now)?,
            };
        }
        Ok(())
    }

    /// Write a whole file (a boot-time convenience).
    pub fn put_file(&self, path: &str, data: &[u8], mode: u32, uid: u32, gid: u32) -> Result<()> {
        let mut st = self.state.lock();
        let now = self.clock.now_ms();
        let (parent, name) = st.lookup_parent(path)?;
        let ino = match st.node(parent)?.children.get(name) {
            Some(&i) => i,
            None => st.link_new(parent, name, NodeType::File, mode, uid, gid, now)?,
        };
        if st.node(ino)?.kind.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        st.resize(ino, data.len())?;
        let n = st.node_mut(ino)?;
        n.content.clear();
        n.content.extend_from_slice(data);
        n.exec = None;
        n.touch(now);
        Ok(())
    }

    /// Attach a native program to the file at `path` (see
    /// [`ExecCapable::install`]).
    pub fn install_program(&self, path: &str, program: Program) -> Result<()> {
        self.install(path, program.to_opaque())
    }
}

impl Node {
    fn new(kind: NodeType, mode: u32, uid: u32, gid: u32, now: u64, qid: u64) -> Node {
        Node {
            name: "/".to_string(),
            kind,
            content: Vec::new(),
            children: BTreeMap::new(),
            mode: mode & 0o7777,
            uid,
            gid,
            mtime: now,
            ctime: now,
            exec: None,
            qid,
            version: 0,
            linked: true,
            opens: 0,
        }
    }

    /// The content changed.
    fn touch(&mut self, now: u64) {
        self.mtime = now;
        self.ctime = now;
        self.version = self.version.wrapping_add(1);
    }

    fn stat(&self, name: &str) -> Stat {
        Stat {
            name: name.to_string(),
            size: if self.kind.is_dir() {
                0
            } else {
                self.content.len() as u64
            },
            kind: self.kind,
            mtime: self.mtime,
            mode: Some(self.mode),
            uid: Some(self.uid),
            gid: Some(self.gid),
            ctime: Some(self.ctime),
            qid: self.qid,
        }
    }

    fn qid(&self) -> Qid {
        Qid {
            path: self.qid,
            version: self.version,
            kind: self.kind,
        }
    }
}

/// The elements of a server path, refusing anything the kernel would never
/// send (a server used directly must not be escapable either).
fn elements(path: &str) -> Result<impl DoubleEndedIterator<Item = &str> + Clone> {
    if !path.starts_with('/') {
        return Err(Error::with_detail(Errno::EINVAL, "path must be absolute"));
    }
    let elems = path.split('/').filter(|e| !e.is_empty());
    if elems.clone().any(|e| e == "." || e == "..") {
        return Err(Error::with_detail(Errno::EINVAL, "path must be clean"));
    }
    Ok(elems)
}

impl State {
    /// Make file `ino` hold `len` bytes (zeros past its end), charging or
    /// releasing the difference; nothing changes if the space or the host's
    /// memory refuses.
    fn resize(&mut self, ino: Ino, len: usize) -> Result<()> {
        let space = self.space.clone();
        let n = self.node_mut(ino)?;
        let old = n.content.len();
        if len > old {
            space.charge((len - old) as u64)?;
            if n.content.try_reserve(len - old).is_err() {
                space.release((len - old) as u64);
                return Err(Error::with_detail(Errno::ENOMEM, "memfs: out of memory"));
            }
        } else {
            space.release((old - len) as u64);
        }
        n.content.resize(len, 0);
        Ok(())
    }

    fn node(&self, i: Ino) -> Result<&Node> {
        self.nodes
            .get(i)
            .and_then(|n| n.as_ref())
            .ok_or_else(|| Error::with_detail(Errno::EIO, "memfs: dangling inode"))
    }

    fn node_mut(&mut self, i: Ino) -> Result<&mut Node> {
        self.nodes
            .get_mut(i)
            .and_then(|n| n.as_mut())
            .ok_or_else(|| Error::with_detail(Errno::EIO, "memfs: dangling inode"))
    }

    fn child(&self, dir: Ino, name: &str) -> Result<Ino> {
        let d = self.node(dir)?;
        if !d.kind.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        d.children.get(name).copied().ok_or_else(|| Errno::ENOENT.into())
    }

    fn lookup(&self, path: &str) -> Result<Ino> {
        let mut cur = ROOT;
        for elem in elements(path)? {
            cur = self.child(cur, elem)?;
        }
        Ok(cur)
    }

    /// The parent directory of `path` and the last element. The root has
    /// no parent: `EBUSY` (what Unix says for operations on `/`).
    fn lookup_parent<'p>(&self, path: &'p str) -> Result<(Ino, &'p str)> {
        let mut elems = elements(path)?;
        let last = elems.next_back().ok_or(Errno::EBUSY)?;
        let mut cur = ROOT;
        for elem in elems {
            cur = self.child(cur, elem)?;
        }
        if !self.node(cur)?.kind.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        Ok((cur, last))
    }

    fn alloc(&mut self, node: Node) -> Ino {
        match self.free.pop() {
            Some(i) => {
                self.nodes[i] = Some(node);
                i
            }
            None => {
                self.nodes.push(Some(node));
                self.nodes.len() - 1
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn link_new(
        &mut self,
        parent: Ino,
        name: &str,
        kind: NodeType,
        mode: u32,
        uid: u32,
        gid: u32,
        now: u64,
    ) -> Result<Ino> {
        self.space.charge(NODE_COST)?;
        let qid = self.next_qid;
        self.next_qid += 1;
        let mut node = Node::new(kind, mode, uid, gid, now, qid);
        node.name = name.to_string();
        let ino = self.alloc(node);
        let p = self.node_mut(parent)?;
        p.children.insert(name.to_string(), ino);
        p.touch(now);
        Ok(ino)
    }

    /// Unlink `name` from `parent`; free the node now if nothing has it
    /// open.
    fn unlink(&mut self, parent: Ino, name: &str, now: u64) -> Result<()> {
        let p = self.node_mut(parent)?;
        let ino = p.children.remove(name).ok_or(Errno::ENOENT)?;
        p.touch(now);
        let n = self.node_mut(ino)?;
        n.linked = false;
        if n.opens == 0 {
            self.free_node(ino);
        }
        Ok(())
    }

    fn free_node(&mut self, ino: Ino) {
        if let Some(n) = self.nodes[ino].take() {
            self.space.release(n.content.len() as u64 + NODE_COST);
            self.free.push(ino);
        }
    }

    fn open_node(&self, h: Handle) -> Result<&OpenNode> {
        self.handles.get(&h.0).ok_or_else(|| Errno::EBADF.into())
    }
}

#[async_trait]
impl Fileserver for MemoryFs {
    fn name(&self) -> &str {
        "memfs"
    }

    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if flags.rclose {
            return Err(Error::with_detail(Errno::EINVAL, "remove on close not supported"));
        }
        let mut st = self.state.lock();
        let now = self.clock.now_ms();
        let ino = match st.lookup(path) {
            Ok(i) => {
                if flags.create && flags.exclusive {
                    return Err(Errno::EEXIST.into());
                }
                i
            }
            Err(e) if e.is(Errno::ENOENT) && flags.create => {
                let (parent, name) = st.lookup_parent(path)?;
                st.link_new(parent, name, NodeType::File, flags.perm, who.uid, who.gid, now)?
            }
            Err(e) => return Err(e),
        };
        let node = st.node(ino)?;
        if node.kind.is_dir() && flags.writes() {
            return Err(Errno::EISDIR.into());
        }
        if flags.truncate {
            st.resize(ino, 0)?;
            let n = st.node_mut(ino)?;
            n.content = Vec::new();
            n.exec = None;
            n.touch(now);
        }
        let n = st.node_mut(ino)?;
        n.opens += 1;
        let qid = n.qid();
        let h = st.next_handle;
        st.next_handle += 1;
        st.handles.insert(h, OpenNode { ino, flags });
        Ok(Opened { handle: Handle(h), qid }.into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let st = self.state.lock();
        let o = st.open_node(h)?;
        if !o.flags.read {
            return Err(Errno::EBADF.into());
        }
        let n = st.node(o.ino)?;
        if n.kind.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        let len = n.content.len() as u64;
        if offset >= len {
            return Ok(Vec::new());
        }
        let start = offset as usize;
        let end = start + count.min(n.content.len() - start);
        Ok(kernel::bytes::to_vec(&n.content[start..end]))
    }

    async fn write(&self, _who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let mut st = self.state.lock();
        let o = st.open_node(h)?;
        if !o.flags.write {
            return Err(Errno::EBADF.into());
        }
        let (ino, append) = (o.ino, o.flags.append);
        let old = st.node(ino)?.content.len();
        let start = if append {
            old
        } else {
            usize::try_from(offset).map_err(|_| Errno::EFBIG)?
        };
        let end = start.checked_add(data.len()).ok_or(Errno::EFBIG)?;
        if end > old {
            st.resize(ino, end)?;
        }
        let now = self.clock.now_ms();
        let n = st.node_mut(ino)?;
        kernel::bytes::copy(&mut n.content[start..end], data);
        n.exec = None;
        n.touch(now);
        Ok(data.len())
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        let mut st = self.state.lock();
        let o = st.handles.remove(&h.0).ok_or(Errno::EBADF)?;
        let n = st.node_mut(o.ino)?;
        n.opens -= 1;
        if n.opens == 0 && !n.linked {
            st.free_node(o.ino);
        }
        Ok(())
    }

    async fn fstat(&self, _who: &Caller, h: Handle) -> Result<Stat> {
        let st = self.state.lock();
        let n = st.node(st.open_node(h)?.ino)?;
        Ok(n.stat(&n.name))
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let st = self.state.lock();
        let ino = st.lookup(path)?;
        let name = elements(path)?.next_back().unwrap_or("/");
        Ok(st.node(ino)?.stat(name))
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let st = self.state.lock();
        let d = st.node(st.lookup(path)?)?;
        if !d.kind.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        d.children
            .iter()
            .map(|(name, &i)| Ok(DirEntry::new(name.clone(), st.node(i)?.kind)))
            .collect()
    }

    async fn mkdir(&self, who: &Caller, path: &str, perm: u32) -> Result<()> {
        let mut st = self.state.lock();
        let (parent, name) = st.lookup_parent(path).map_err(|e| {
            // `mkdir /` : the root exists.
            if e.is(Errno::EBUSY) {
                Error::new(Errno::EEXIST)
            } else {
                e
            }
        })?;
        if st.node(parent)?.children.contains_key(name) {
            return Err(Errno::EEXIST.into());
        }
        let now = self.clock.now_ms();
        st.link_new(parent, name, NodeType::Dir, perm, who.uid, who.gid, now)?;
        Ok(())
    }

    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        let mut st = self.state.lock();
        let (parent, name) = st.lookup_parent(path)?;
        let ino = st.child(parent, name)?;
        let n = st.node(ino)?;
        if n.kind.is_dir() && !n.children.is_empty() {
            return Err(Errno::ENOTEMPTY.into());
        }
        let now = self.clock.now_ms();
        st.unlink(parent, name, now)
    }

    async fn rename(&self, _who: &Caller, from: &str, to: &str) -> Result<()> {
        let mut st = self.state.lock();
        let (fparent, fname) = st.lookup_parent(from)?;
        let ino = st.child(fparent, fname)?;
        let (tparent, tname) = st.lookup_parent(to)?;
        if from == to {
            return Ok(());
        }
        let moving_dir = st.node(ino)?.kind.is_dir();
        if moving_dir && to.starts_with(from) && to.as_bytes().get(from.len()) == Some(&b'/') {
            return Err(Error::with_detail(Errno::EINVAL, "cannot move a directory into itself"));
        }
        let now = self.clock.now_ms();
        if let Ok(existing) = st.child(tparent, tname) {
            if existing == ino {
                return Ok(());
            }
            let e = st.node(existing)?;
            match (moving_dir, e.kind.is_dir()) {
                (true, false) => return Err(Errno::ENOTDIR.into()),
                (false, true) => return Err(Errno::EISDIR.into()),
                (true, true) if !e.children.is_empty() => return Err(Errno::ENOTEMPTY.into()),
                _ => {}
            }
            st.unlink(tparent, tname, now)?;
        }
        let fp = st.node_mut(fparent)?;
        fp.children.remove(fname);
        fp.touch(now);
        let tp = st.node_mut(tparent)?;
        tp.children.insert(tname.to_string(), ino);
        tp.touch(now);
        let n = st.node_mut(ino)?;
        n.ctime = now;
        n.name = tname.to_string();
        Ok(())
    }

    async fn wstat(&self, _who: &Caller, path: &str, changes: &StatChanges) -> Result<()> {
        let mut st = self.state.lock();
        let ino = st.lookup(path)?;
        let now = self.clock.now_ms();
        // All or nothing: check everything before changing anything.
        if let Some(size) = changes.size {
            let n = st.node(ino)?;
            if n.kind.is_dir() {
                return Err(Errno::EISDIR.into());
            }
            let size = usize::try_from(size).map_err(|_| Errno::EFBIG)?;
            st.resize(ino, size)?;
            st.node_mut(ino)?.touch(now);
        }
        let n = st.node_mut(ino)?;
        if let Some(mode) = changes.mode {
            n.mode = mode & 0o7777;
        }
        if let Some(uid) = changes.uid {
            n.uid = uid;
        }
        if let Some(gid) = changes.gid {
            n.gid = gid;
        }
        if let Some(mtime) = changes.mtime {
            n.mtime = mtime;
        }
        n.ctime = now;
        Ok(())
    }

    fn as_exec(&self) -> Option<&dyn ExecCapable> {
        Some(self)
    }
}

impl ExecCapable for MemoryFs {
    fn executable(&self, path: &str) -> Option<Opaque> {
        let st = self.state.lock();
        let ino = st.lookup(path).ok()?;
        st.node(ino).ok()?.exec.clone()
    }

    fn install(&self, path: &str, program: Opaque) -> Result<()> {
        let mut st = self.state.lock();
        let now = self.clock.now_ms();
        let ino = match st.lookup(path) {
            Ok(i) => i,
            Err(e) if e.is(Errno::ENOENT) => {
                let (parent, name) = st.lookup_parent(path)?;
                st.link_new(parent, name, NodeType::File, 0o755, 0, 0, now)?
            }
            Err(e) => return Err(e),
        };
        let n = st.node_mut(ino)?;
        if n.kind.is_dir() {
            return Err(Errno::EISDIR.into());
        }
        n.exec = Some(program);
        Ok(())
    }
}
