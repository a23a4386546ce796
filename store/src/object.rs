//! The object format: chunks, files, trees, namespace records, commits.
//!
//! Every object has one canonical encoding and its id is the SHA-256 of
//! that encoding. The encoding is a tag byte, a format version byte, then
//! the fields in a fixed order: integers big-endian and fixed-width, byte
//! strings and lists prefixed by a `u32` length. Decoding refuses anything
//! a writer would not produce (unknown tags, trailing bytes, unsorted or
//! repeated names, sizes that disagree with the content), so one tree has
//! exactly one id and a damaged object is reported, never half-believed.

use crate::chunk;
use crate::error::{Result, StoreError};
use crate::id::Id;

/// The format version written in every object.
pub const VERSION: u8 = 1;

const TAG_CHUNK: u8 = b'c';
const TAG_FILE: u8 = b'f';
const TAG_TREE: u8 = b't';
const TAG_NAMESPACE: u8 = b'n';
const TAG_COMMIT: u8 = b'k';

/// The metadata every file and directory carries: every field of a
/// protocol `Stat` that belongs to the node rather than to the server
/// (qids are the server's and are handed out afresh at restore).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Meta {
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Milliseconds since the epoch, as in the protocol.
    pub mtime: u64,
    pub ctime: u64,
}

/// A file's bytes: inline when smaller than [`chunk::INLINE_LIMIT`], else
/// the list of its content-defined chunks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Inline(Vec<u8>),
    Chunks(Vec<ChunkRef>),
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ChunkRef {
    pub id: Id,
    pub len: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub meta: Meta,
    pub size: u64,
    pub content: Content,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    File,
    Dir,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub kind: Kind,
    pub id: Id,
}

/// A directory: its own metadata and its entries sorted by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    pub meta: Meta,
    pub entries: Vec<Entry>,
}

/// One mount of the captured namespace: where, and which server backs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub path: String,
    pub server: String,
}

/// The namespace at commit time: the replayable `ns` lines and the servers
/// behind them. Servers that are rebuilt at boot (`#p`, `#d`, `#s`) are
/// named, not captured.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Namespace {
    pub lines: String,
    pub mounts: Vec<Mount>,
}

/// A captured tree of one persistent fileserver, and where it was mounted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub path: String,
    pub server: String,
    pub tree: Id,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub parents: Vec<Id>,
    pub roots: Vec<Root>,
    pub namespace: Id,
    /// Milliseconds since the epoch.
    pub time: u64,
    pub message: String,
}

/// Any object, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Object {
    Chunk(Vec<u8>),
    File(File),
    Tree(Tree),
    Namespace(Namespace),
    Commit(Commit),
}

impl Object {
    /// The canonical encoding.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        match self {
            Object::Chunk(data) => {
                w.header(TAG_CHUNK);
                w.0.extend_from_slice(data);
            }
            Object::File(f) => {
                w.header(TAG_FILE);
                w.meta(&f.meta);
                w.u64(f.size);
                match &f.content {
                    Content::Inline(data) => {
                        w.u8(0);
                        w.bytes(data);
                    }
                    Content::Chunks(chunks) => {
                        w.u8(1);
                        w.len(chunks.len());
                        for c in chunks {
                            w.id(&c.id);
                            w.u32(c.len);
                        }
                    }
                }
            }
            Object::Tree(t) => {
                w.header(TAG_TREE);
                w.meta(&t.meta);
                w.len(t.entries.len());
                for e in &t.entries {
                    w.bytes(e.name.as_bytes());
                    w.u8(match e.kind {
                        Kind::File => b'f',
                        Kind::Dir => b'd',
                    });
                    w.id(&e.id);
                }
            }
            Object::Namespace(n) => {
                w.header(TAG_NAMESPACE);
                w.bytes(n.lines.as_bytes());
                w.len(n.mounts.len());
                for m in &n.mounts {
                    w.bytes(m.path.as_bytes());
                    w.bytes(m.server.as_bytes());
                }
            }
            Object::Commit(c) => {
                w.header(TAG_COMMIT);
                w.len(c.parents.len());
                for p in &c.parents {
                    w.id(p);
                }
                w.len(c.roots.len());
                for r in &c.roots {
                    w.bytes(r.path.as_bytes());
                    w.bytes(r.server.as_bytes());
                    w.id(&r.tree);
                }
                w.id(&c.namespace);
                w.u64(c.time);
                w.bytes(c.message.as_bytes());
            }
        }
        w.0
    }

    /// The encoding and its id.
    pub fn seal(&self) -> (Id, Vec<u8>) {
        let bytes = self.encode();
        (Id::of(&bytes), bytes)
    }

    /// Decode `bytes`, checking that they hash to `id`.
    pub fn decode_checked(id: &Id, bytes: &[u8]) -> Result<Object> {
        if Id::of(bytes) != *id {
            return Err(StoreError::Corrupt(format!(
                "object {} does not match its id",
                id.short()
            )));
        }
        Object::decode(bytes)
    }

    /// Decode a canonical encoding, refusing anything else.
    pub fn decode(bytes: &[u8]) -> Result<Object> {
        let mut r = Reader { buf: bytes, pos: 0 };
        let tag = r.u8()?;
        let version = r.u8()?;
        if version != VERSION {
            return Err(StoreError::Corrupt(format!(
                "object format version {version} (this ninebox reads {VERSION})"
            )));
        }
        let obj = match tag {
            TAG_CHUNK => Object::Chunk(r.rest().to_vec()),
            TAG_FILE => {
                let meta = r.meta()?;
                let size = r.u64()?;
                let content = match r.u8()? {
                    0 => Content::Inline(r.bytes()?.to_vec()),
                    1 => {
                        let n = r.len(36)?;
                        let mut chunks = Vec::with_capacity(n);
                        for _ in 0..n {
                            chunks.push(ChunkRef {
                                id: r.id()?,
                                len: r.u32()?,
                            });
                        }
                        Content::Chunks(chunks)
                    }
                    k => return Err(corrupt(format!("file content kind {k}"))),
                };
                let f = File { meta, size, content };
                f.check()?;
                Object::File(f)
            }
            TAG_TREE => {
                let meta = r.meta()?;
                let n = r.len(37)?;
                let mut entries: Vec<Entry> = Vec::with_capacity(n);
                for _ in 0..n {
                    let name = r.string()?;
                    let kind = match r.u8()? {
                        b'f' => Kind::File,
                        b'd' => Kind::Dir,
                        k => return Err(corrupt(format!("tree entry kind {k}"))),
                    };
                    let id = r.id()?;
                    if !valid_name(&name) {
                        return Err(corrupt(format!("tree entry named {name:?}")));
                    }
                    if entries.last().is_some_and(|last| last.name >= name) {
                        return Err(corrupt("tree entries out of order".into()));
                    }
                    entries.push(Entry { name, kind, id });
                }
                Object::Tree(Tree { meta, entries })
            }
            TAG_NAMESPACE => {
                let lines = r.string()?;
                let n = r.len(8)?;
                let mut mounts = Vec::with_capacity(n);
                for _ in 0..n {
                    mounts.push(Mount {
                        path: r.string()?,
                        server: r.string()?,
                    });
                }
                Object::Namespace(Namespace { lines, mounts })
            }
            TAG_COMMIT => {
                let n = r.len(32)?;
                let mut parents = Vec::with_capacity(n);
                for _ in 0..n {
                    parents.push(r.id()?);
                }
                let n = r.len(40)?;
                let mut roots = Vec::with_capacity(n);
                for _ in 0..n {
                    roots.push(Root {
                        path: r.string()?,
                        server: r.string()?,
                        tree: r.id()?,
                    });
                }
                let namespace = r.id()?;
                let time = r.u64()?;
                let message = r.string()?;
                Object::Commit(Commit {
                    parents,
                    roots,
                    namespace,
                    time,
                    message,
                })
            }
            t => return Err(corrupt(format!("unknown object tag {t}"))),
        };
        if r.pos != bytes.len() {
            return Err(corrupt("trailing bytes after an object".into()));
        }
        Ok(obj)
    }
}

impl File {
    /// The canonical form: the size is what the content holds, and content
    /// is inline exactly when it is small.
    fn check(&self) -> Result<()> {
        let held = match &self.content {
            Content::Inline(d) => {
                if d.len() >= chunk::INLINE_LIMIT {
                    return Err(corrupt("a large file stored inline".into()));
                }
                d.len() as u64
            }
            Content::Chunks(c) => {
                if self.size < chunk::INLINE_LIMIT as u64 {
                    return Err(corrupt("a small file stored in chunks".into()));
                }
                c.iter().map(|c| u64::from(c.len)).sum()
            }
        };
        if held != self.size {
            return Err(corrupt(format!("file of size {} holding {held} bytes", self.size)));
        }
        Ok(())
    }
}

/// A name a tree may hold: what the kernel's name cleaning lets through.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\0'])
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(what)
}

struct Writer(Vec<u8>);

impl Writer {
    fn header(&mut self, tag: u8) {
        self.0.push(tag);
        self.0.push(VERSION);
    }
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    fn len(&mut self, n: usize) {
        // Objects are built from protocol values far below 4 GiB per field.
        self.u32(u32::try_from(n).expect("an object field under 4 GiB"));
    }
    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    fn id(&mut self, id: &Id) {
        self.0.extend_from_slice(&id.0);
    }
    fn meta(&mut self, m: &Meta) {
        self.u32(m.mode);
        self.u32(m.uid);
        self.u32(m.gid);
        self.u64(m.mtime);
        self.u64(m.ctime);
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        let end = end.ok_or_else(|| corrupt("truncated object".into()))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn rest(&mut self) -> &'a [u8] {
        let s = &self.buf[self.pos..];
        self.pos = self.buf.len();
        s
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_be_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
    /// A list length, refused if the rest of the buffer cannot hold that
    /// many items of at least `item` bytes (no huge allocation from a
    /// damaged length).
    fn len(&mut self, item: usize) -> Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item) > self.buf.len() - self.pos {
            return Err(corrupt("truncated object".into()));
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Result<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }
    fn string(&mut self) -> Result<String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| corrupt("a name that is not UTF-8".into()))
    }
    fn id(&mut self) -> Result<Id> {
        Id::from_slice(self.take(32)?)
    }
    fn meta(&mut self) -> Result<Meta> {
        Ok(Meta {
            mode: self.u32()?,
            uid: self.u32()?,
            gid: self.u32()?,
            mtime: self.u64()?,
            ctime: self.u64()?,
        })
    }
}
