//! QueueFS: message queues as files, AGFS's `queuefs` layout served the
//! Plan 9 way (see `specs/services.md`).
//!
//! ```text
//! /README              this layout, for agents
//! /.capabilities       per file kind: read-destructive, blocking, append-only (JSON)
//! /Q/                  a queue (mkdir; nested queues with mkdir -p; rm -r deletes)
//! /Q/enqueue           write a message; a read of the same open answers its id
//! /Q/dequeue           a read pops the oldest message as {"id","data","timestamp"};
//!                      blocks while the queue is empty (a note interrupts it)
//! /Q/peek              the oldest message, not removed; mtime = last enqueue
//! /Q/size              the number of messages
//! /Q/clear             write anything: drop every message
//! ```
//!
//! Ids are UUIDv7, strictly increasing within a server. A blocked dequeue
//! awaits a `Notify` (no lock is held across an await) and takes its
//! message only after its last await, so dropping the read loses nothing;
//! a message whose answer never reached the reader comes back to the front
//! of its queue through [`Fileserver::unread`].

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use async_trait::async_trait;
use kernel::dev::{Handles, readstr};
use kernel::limits::Space;
use kernel::proto::{Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, Stat};
use kernel::{Caller, Clock, DirEntry, Errno, Error, Fileserver, Result};
use parking_lot::Mutex;
use tokio::sync::Notify;
use uuid::Uuid;

use crate::services::{Caps, Reply, caps_json, check_flags, iso_ms};

/// A queue's files, in listing order.
const FILES: [(&str, QFile, u32); 5] = [
    ("enqueue", QFile::Enqueue, 0o666),
    ("dequeue", QFile::Dequeue, 0o444),
    ("peek", QFile::Peek, 0o444),
    ("size", QFile::Size, 0o444),
    ("clear", QFile::Clear, 0o222),
];

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum QFile {
    Enqueue,
    Dequeue,
    Peek,
    Size,
    Clear,
}

impl QFile {
    fn kind(self) -> NodeType {
        match self {
            QFile::Enqueue | QFile::Dequeue | QFile::Clear => NodeType::Device,
            QFile::Peek | QFile::Size => NodeType::File,
        }
    }
}

const README: &str = "queuefs: message queues as files (AGFS's queuefs layout)

  mkdir NAME          make a queue (mkdir -p a/b makes nested queues)
  NAME/enqueue        write a message (one write, one message); reading the
                      same open file afterwards answers the message's id
                      (echo msg > NAME/enqueue works; nobody reads the id then)
  NAME/dequeue        a read takes the oldest message, as one JSON line
                      {\"id\":\"...\",\"data\":\"...\",\"timestamp\":\"...\"};
                      one message per open. When the queue is empty the read
                      blocks until a message arrives; a note (kill, Ctrl-C,
                      timeout) interrupts it and no message is lost.
  NAME/peek           the oldest message, left in place (empty when the queue
                      is); its mtime is the time of the last enqueue
  NAME/size           the number of messages
  NAME/clear          write anything to drop every message
  rm -r NAME          delete the queue, its messages and its nested queues
  .capabilities       which files consume, block or only append (JSON)

Ids are UUIDv7 and increase with every enqueue. A message may hold at most
the server's string limit of bytes (its process's limit when it started).
";

/// The root's own files.
const ROOT_FILES: [&str; 2] = ["README", ".capabilities"];

fn capabilities() -> String {
    caps_json(&[
        ("README", Caps::default()),
        (".capabilities", Caps::default()),
        (
            "enqueue",
            Caps {
                append_only: true,
                ..Caps::default()
            },
        ),
        (
            "dequeue",
            Caps {
                read_destructive: true,
                blocking: true,
                ..Caps::default()
            },
        ),
        ("peek", Caps::default()),
        ("size", Caps::default()),
        (
            "clear",
            Caps {
                append_only: true,
                ..Caps::default()
            },
        ),
    ])
}

struct Msg {
    id: Uuid,
    data: Vec<u8>,
    ms: u64,
}

impl Msg {
    fn json(&self) -> Vec<u8> {
        // AGFS's order: id, data, timestamp.
        let s = |v: &str| serde_json::Value::from(v).to_string();
        format!(
            "{{\"id\":{},\"data\":{},\"timestamp\":{}}}\n",
            s(&self.id.to_string()),
            s(&String::from_utf8_lossy(&self.data)),
            s(&iso_ms(self.ms))
        )
        .into_bytes()
    }
}

#[derive(Default)]
struct Inner {
    msgs: VecDeque<Msg>,
    /// The bytes of the messages, charged to the server's space.
    bytes: u64,
    last_enqueue: u64,
    removed: bool,
}

struct Queue {
    /// Its serial number: qids are `serial << 3 | file`.
    serial: u64,
    created: u64,
    inner: Mutex<Inner>,
    arrived: Notify,
}

/// What a path names.
#[derive(Clone)]
enum Node {
    Root,
    Readme,
    Caps,
    Dir(Arc<Queue>),
    File(Arc<Queue>, QFile),
}

/// UUIDv7 ids, strictly increasing: the millisecond, then a counter
/// within it (the low 48 bits), after 4 bytes fixed per server.
struct Ids {
    last_ms: u64,
    seq: u64,
    salt: [u8; 4],
}

impl Ids {
    fn next(&mut self, now_ms: u64) -> Uuid {
        if now_ms > self.last_ms {
            self.last_ms = now_ms;
            self.seq = 0;
        } else {
            self.seq += 1;
            if self.seq >= 1 << 48 {
                self.last_ms += 1;
                self.seq = 0;
            }
        }
        let mut r = [0u8; 10];
        r[..4].copy_from_slice(&self.salt);
        r[4..].copy_from_slice(&self.seq.to_be_bytes()[2..]);
        uuid::Builder::from_unix_timestamp_millis(self.last_ms, &r).into_uuid()
    }
}

/// What one open holds.
struct QOpen {
    node: Node,
    /// The path it was opened at (its stat's name).
    path: String,
    state: Mutex<OpenState>,
}

#[derive(Default)]
struct OpenState {
    /// `enqueue`: the id of the last message written; README and the
    /// rendered files: their text.
    reply: Reply,
    /// `dequeue`: the message this open took, and how much of it the
    /// reader has had.
    taken: Option<(Msg, Vec<u8>, usize)>,
}

pub struct QueueFs {
    clock: Arc<Clock>,
    max_msg: usize,
    space: Arc<Space>,
    queues: Mutex<BTreeMap<String, Arc<Queue>>>,
    serial: Mutex<u64>,
    ids: Mutex<Ids>,
    handles: Handles<QOpen>,
}

impl QueueFs {
    /// An empty server; a message may hold at most `max_msg` bytes, and
    /// all messages together what `space` allows.
    pub fn new(clock: Arc<Clock>, salt: [u8; 4], max_msg: usize, space: Arc<Space>) -> QueueFs {
        QueueFs {
            clock,
            max_msg,
            space,
            queues: Mutex::new(BTreeMap::new()),
            serial: Mutex::new(0),
            ids: Mutex::new(Ids {
                last_ms: 0,
                seq: 0,
                salt,
            }),
            handles: Handles::new(),
        }
    }

    fn node(&self, path: &str) -> Result<Node> {
        match path {
            "/" => return Ok(Node::Root),
            "/README" => return Ok(Node::Readme),
            "/.capabilities" => return Ok(Node::Caps),
            _ => {}
        }
        let queues = self.queues.lock();
        if let Some(q) = queues.get(path) {
            return Ok(Node::Dir(q.clone()));
        }
        let (dir, name) = kernel::path::split_last(path);
        if let Some(q) = queues.get(dir)
            && let Some(f) = FILES.iter().find(|f| f.0 == name)
        {
            return Ok(Node::File(q.clone(), f.1));
        }
        // Through a file: ENOTDIR, as any server answers.
        let through_file = path.split('/').scan(String::new(), |acc, el| {
            if !el.is_empty() {
                acc.push('/');
                acc.push_str(el);
            }
            Some(acc.clone())
        });
        for prefix in through_file {
            if prefix.len() < path.len() && !prefix.is_empty() && !queues.contains_key(&prefix) {
                let (d, n) = kernel::path::split_last(&prefix);
                let is_file =
                    (d == "/" && ROOT_FILES.contains(&n)) || (queues.contains_key(d) && FILES.iter().any(|f| f.0 == n));
                if is_file {
                    return Err(Errno::ENOTDIR.into());
                }
            }
        }
        Err(Errno::ENOENT.into())
    }

    fn stat_of(&self, node: &Node, path: &str) -> Stat {
        let name = kernel::path::base(path);
        let (kind, mode, size, mtime, qid) = match node {
            Node::Root => (NodeType::Dir, 0o777, 0, 0, 0),
            Node::Readme => (NodeType::File, 0o444, README.len() as u64, 0, 1),
            Node::Caps => (NodeType::File, 0o444, capabilities().len() as u64, 0, 2),
            Node::Dir(q) => (NodeType::Dir, 0o777, 0, q.created, q.serial << 3),
            Node::File(q, f) => {
                let i = FILES.iter().position(|x| x.1 == *f).unwrap_or(0) as u64;
                let g = q.inner.lock();
                let (size, mtime) = match f {
                    QFile::Size => (
                        format!("{}\n", g.msgs.len()).len() as u64,
                        g.last_enqueue.max(q.created),
                    ),
                    QFile::Peek => (
                        g.msgs.front().map(|m| m.json().len() as u64).unwrap_or(0),
                        g.last_enqueue.max(q.created),
                    ),
                    _ => (0, q.created),
                };
                (f.kind(), FILES[i as usize].2, size, mtime, q.serial << 3 | (i + 1))
            }
        };
        let mut st = Stat::new(name, kind, size, mtime);
        st.mode = Some(mode);
        st.qid = qid;
        st
    }

    fn render(&self, node: &Node) -> Result<Vec<u8>> {
        Ok(match node {
            Node::Readme => README.as_bytes().to_vec(),
            Node::Caps => capabilities().into_bytes(),
            Node::File(q, QFile::Size) => format!("{}\n", q.inner.lock().msgs.len()).into_bytes(),
            Node::File(q, QFile::Peek) => q.inner.lock().msgs.front().map(Msg::json).unwrap_or_default(),
            _ => return Err(Errno::EINVAL.into()),
        })
    }

    fn enqueue(&self, q: &Queue, data: &[u8]) -> Result<Uuid> {
        if data.len() > self.max_msg {
            return Err(Error::explain(
                Errno::EFBIG,
                format!(
                    "message too large: {} bytes, over the limit of {} bytes (the server's string limit)",
                    data.len(),
                    self.max_msg
                ),
            ));
        }
        let n = data.len() as u64;
        self.space.charge(n).map_err(|_| {
            Error::explain(
                Errno::ENOSPC,
                format!(
                    "queues full: their messages would pass the server's fs limit of {} bytes",
                    self.space.limit()
                ),
            )
        })?;
        let now = self.clock.now_ms();
        let mut g = q.inner.lock();
        if g.removed {
            drop(g);
            self.space.release(n);
            return Err(removed());
        }
        g.bytes += n;
        let id = self.ids.lock().next(now);
        g.msgs.push_back(Msg {
            id,
            data: data.to_vec(),
            ms: now,
        });
        g.last_enqueue = now;
        drop(g);
        q.arrived.notify_waiters();
        Ok(id)
    }

    /// The oldest message of `q`, waiting for one. Cancel-safe: the
    /// message is taken after the last await.
    async fn dequeue(&self, q: &Queue) -> Result<Msg> {
        loop {
            let arrived = q.arrived.notified();
            tokio::pin!(arrived);
            arrived.as_mut().enable();
            {
                let mut g = q.inner.lock();
                if g.removed {
                    return Err(removed());
                }
                if let Some(m) = g.msgs.pop_front() {
                    g.bytes -= m.data.len() as u64;
                    self.space.release(m.data.len() as u64);
                    return Ok(m);
                }
            }
            arrived.await;
        }
    }
}

impl QueueFs {
    /// Drop every message of a queue, giving its bytes back.
    fn drop_all(&self, g: &mut Inner) {
        g.msgs.clear();
        self.space.release(std::mem::take(&mut g.bytes));
    }
}

fn removed() -> Error {
    Error::explain(Errno::ENOENT, "the queue was removed")
}

fn name_ok(name: &str) -> bool {
    !name.is_empty() && !FILES.iter().any(|f| f.0 == name)
}

#[async_trait]
impl Fileserver for QueueFs {
    fn name(&self) -> &str {
        "queuefs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        let node = match self.node(path) {
            Ok(_) if flags.create && flags.exclusive => return Err(Errno::EEXIST.into()),
            Ok(n) => n,
            Err(e) if e.is(Errno::ENOENT) && flags.create => {
                return Err(Error::explain(
                    Errno::EPERM,
                    "queuefs holds no plain files: mkdir makes a queue, and a queue's files are fixed",
                ));
            }
            Err(e) => return Err(e),
        };
        if flags.rclose {
            return Err(Error::explain(Errno::EINVAL, "remove on close not supported"));
        }
        let st = self.stat_of(&node, path);
        check_flags(&st, flags)?;
        let qid = Qid {
            path: st.qid,
            version: 0,
            kind: st.kind,
        };
        let handle = self.handles.insert(QOpen {
            node,
            path: path.to_string(),
            state: Mutex::new(OpenState::default()),
        });
        Ok(Opened { handle, qid }.into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let open = self.handles.get(h)?;
        match &open.node {
            Node::Root | Node::Dir(_) => Err(Errno::EISDIR.into()),
            Node::File(_, QFile::Enqueue) => open.state.lock().reply.read(count).ok_or_else(|| {
                Error::explain(
                    Errno::EINVAL,
                    "nothing enqueued through this open yet: write a message, then read its id",
                )
            }),
            Node::File(_, QFile::Clear) => Err(Errno::EBADF.into()),
            Node::File(q, QFile::Dequeue) => {
                {
                    let mut st = open.state.lock();
                    if let Some((_, bytes, pos)) = &mut st.taken {
                        let out = readstr(bytes, *pos as u64, count);
                        *pos += out.len();
                        return Ok(out);
                    }
                }
                let msg = self.dequeue(q).await?;
                let bytes = msg.json();
                let out = readstr(&bytes, 0, count);
                let n = out.len();
                open.state.lock().taken = Some((msg, bytes, n));
                Ok(out)
            }
            node => {
                let mut st = open.state.lock();
                if offset == 0 || st.reply.is_empty() {
                    st.reply.set(self.render(node)?);
                }
                Ok(st.reply.at(offset, count))
            }
        }
    }

    async fn write(&self, _who: &Caller, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        let open = self.handles.get(h)?;
        match &open.node {
            Node::File(q, QFile::Enqueue) => {
                let id = self.enqueue(q, data)?;
                open.state.lock().reply.set(format!("{id}\n").into_bytes());
                Ok(data.len())
            }
            Node::File(q, QFile::Clear) => {
                self.drop_all(&mut q.inner.lock());
                Ok(data.len())
            }
            _ => Err(Errno::EBADF.into()),
        }
    }

    fn unread(&self, _who: &Caller, h: Handle, data: Vec<u8>) {
        let Ok(open) = self.handles.get(h) else { return };
        if let Node::File(_, QFile::Enqueue) = &open.node {
            open.state.lock().reply.unread(&data);
            return;
        }
        let Node::File(q, QFile::Dequeue) = &open.node else {
            return;
        };
        let mut st = open.state.lock();
        // Only a message whose first answer was lost goes back: a reader
        // that had part of it has seen it.
        if st
            .taken
            .as_ref()
            .is_some_and(|(_, bytes, pos)| *pos == data.len() && bytes.starts_with(&data))
            && let Some((msg, _, _)) = st.taken.take()
        {
            let mut g = q.inner.lock();
            if !g.removed {
                // Bytes that exist already: back in the queue whatever
                // the limit.
                self.space.force(msg.data.len() as u64);
                g.bytes += msg.data.len() as u64;
                g.msgs.push_front(msg);
                drop(g);
                q.arrived.notify_waiters();
            }
        }
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        self.handles.remove(h).map(|_| ())
    }

    async fn fstat(&self, _who: &Caller, h: Handle) -> Result<Stat> {
        let open = self.handles.get(h)?;
        Ok(self.stat_of(&open.node, &open.path))
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let node = self.node(path)?;
        Ok(self.stat_of(&node, path))
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        let mut out = Vec::new();
        match self.node(path)? {
            Node::Root => {
                out.push(DirEntry::new("README", NodeType::File));
                out.push(DirEntry::new(".capabilities", NodeType::File));
            }
            Node::Dir(_) => out.extend(FILES.iter().map(|f| DirEntry::new(f.0, f.1.kind()))),
            _ => return Err(Errno::ENOTDIR.into()),
        }
        let queues = self.queues.lock();
        for name in queues.keys() {
            if kernel::path::split_last(name).0 == path {
                out.push(DirEntry::new(kernel::path::base(name), NodeType::Dir));
            }
        }
        Ok(out)
    }

    async fn mkdir(&self, _who: &Caller, path: &str, _perm: u32) -> Result<()> {
        if path == "/" || self.node(path).is_ok() {
            return Err(Errno::EEXIST.into());
        }
        let (dir, name) = kernel::path::split_last(path);
        match self.node(dir)? {
            Node::Root if ROOT_FILES.contains(&name) => return Err(Errno::EEXIST.into()),
            Node::Root | Node::Dir(_) => {}
            _ => return Err(Errno::ENOTDIR.into()),
        }
        if !name_ok(name) {
            return Err(Errno::EEXIST.into());
        }
        let serial = {
            let mut s = self.serial.lock();
            *s += 1;
            *s
        };
        let q = Arc::new(Queue {
            serial,
            created: self.clock.now_ms(),
            inner: Mutex::new(Inner::default()),
            arrived: Notify::new(),
        });
        let mut queues = self.queues.lock();
        if queues.contains_key(path) {
            return Err(Errno::EEXIST.into());
        }
        queues.insert(path.to_string(), q);
        Ok(())
    }

    /// Removing a queue deletes it with its messages and nested queues
    /// (blocked readers get ENOENT). A queue's five files are its
    /// interface, not content: removing one answers success and leaves
    /// it, so that `rm -r`, which removes contents first, reaches the
    /// directory.
    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        match self.node(path)? {
            Node::Root | Node::Readme | Node::Caps => Err(Errno::EPERM.into()),
            Node::File(..) => Ok(()),
            Node::Dir(_) => {
                let gone: Vec<Arc<Queue>> = {
                    let mut queues = self.queues.lock();
                    let prefix = format!("{path}/");
                    let names: Vec<String> = queues
                        .keys()
                        .filter(|k| k.as_str() == path || k.starts_with(&prefix))
                        .cloned()
                        .collect();
                    names.iter().filter_map(|n| queues.remove(n)).collect()
                };
                for q in gone {
                    let mut g = q.inner.lock();
                    g.removed = true;
                    self.drop_all(&mut g);
                    drop(g);
                    q.arrived.notify_waiters();
                }
                Ok(())
            }
        }
    }
}
