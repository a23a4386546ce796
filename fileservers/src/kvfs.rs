//! KVFS: a key-value store as files, AGFS's `kvfs` served the Plan 9 way
//! (see `specs/services.md`).
//!
//! ```text
//! /README              this layout, for agents
//! /.capabilities       per file kind: read-destructive, blocking, append-only (JSON)
//! /keys/KEY            a key; its content is the value (replaced when the writer closes)
//! /ctl                 write `cas KEY OLDSHA256 NEWVALUE`; a read answers `ok SHA` or `conflict SHA`
//! /watch               a read blocks until a key changes and answers `KEY\n`
//! ```
//!
//! A writer's open holds its own copy of the value, so a reader never sees
//! a half-written one: the value is replaced at the close (a plain file's
//! writes, made atomic). Every change (a close that wrote, rm, mv, cas)
//! is logged with a sequence number; each open of `watch` follows the log
//! from where it opened, waiting on a `Notify`.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use async_trait::async_trait;
use kernel::dev::{Handles, readstr};
use kernel::limits::Space;
use kernel::proto::{Handle, NodeType, OpenFlags, OpenResult, Opened, Qid, Stat};
use kernel::{Caller, Clock, DirEntry, Errno, Error, Fileserver, Result};
use parking_lot::Mutex;
use sha2::{Digest, Sha256};
use tokio::sync::Notify;

use crate::services::{Caps, Reply, caps_json, check_flags};

const README: &str = "kvfs: a key-value store as files (AGFS's kvfs layout)

  keys/KEY        the value of KEY: cat it, write it (echo v > keys/KEY); a
                  writer's value replaces the old one when it closes, so a
                  reader never sees half of a value (a writer whose write
                  failed stores nothing)
  ls keys         the keys;  rm keys/KEY deletes one;  mv keys/A keys/B renames
  ctl             write 'cas KEY OLDSHA256 NEWVALUE' to set KEY to NEWVALUE
                  only if its value's sha256 (as sha256sum prints it) is
                  OLDSHA256, atomically; OLDSHA256 '-' means KEY must not
                  exist. NEWVALUE is the rest of the write (one final newline
                  dropped). Reading the same open afterwards answers
                  'ok NEWSHA' or 'conflict CURRENTSHA' ('-' for no key); a
                  conflict also fails the write (EAGAIN).
  watch           a read blocks until a key changes (written, created, removed,
                  renamed: both names) and answers 'KEY' and a newline; each
                  open follows the changes made after it opened, one per read.
  .capabilities   which files block or broadcast (JSON)

A value may hold at most the server's string limit of bytes.
";

/// Changes kept for watchers that fall behind.
const LOG_MAX: usize = 4096;

fn capabilities() -> String {
    caps_json(&[
        ("README", Caps::default()),
        (".capabilities", Caps::default()),
        ("keys/KEY", Caps::default()),
        ("ctl", Caps::default()),
        (
            "watch",
            Caps {
                blocking: true,
                broadcast: true,
                ..Caps::default()
            },
        ),
    ])
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Root,
    Readme,
    Caps,
    Ctl,
    Watch,
    Keys,
    Key(String),
}

struct Value {
    data: Arc<Vec<u8>>,
    mtime: u64,
    qid: u64,
}

#[derive(Default)]
struct Store {
    keys: BTreeMap<String, Value>,
    next_qid: u64,
    /// The number of the last change.
    seq: u64,
    log: VecDeque<(u64, String)>,
}

impl Store {
    fn changed(&mut self, key: &str) {
        self.seq += 1;
        self.log.push_back((self.seq, key.to_string()));
        while self.log.len() > LOG_MAX {
            self.log.pop_front();
        }
    }

    fn new_qid(&mut self) -> u64 {
        self.next_qid += 1;
        self.next_qid + 16
    }
}

/// What one open holds.
struct KOpen {
    node: Node,
    state: Mutex<OpenState>,
}

#[derive(Default)]
struct OpenState {
    reply: Reply,
    /// A key opened for writing: its own copy of the value, the qid of the
    /// key it replaces at close, and whether it was written.
    buffer: Option<(Vec<u8>, u64, bool)>,
    /// `watch`: the last change this open has answered, and the one
    /// before it (to give a lost answer back).
    seen: u64,
    before: u64,
    /// Writes go to the end of the buffer.
    append: bool,
    /// A write failed: the close stores nothing.
    failed: bool,
}

pub struct KvFs {
    clock: Arc<Clock>,
    max_value: usize,
    /// Values, and writers' copies while they are open, are charged here.
    space: Arc<Space>,
    store: Mutex<Store>,
    changes: Notify,
    handles: Handles<KOpen>,
}

fn sha(data: &[u8]) -> String {
    let d = Sha256::digest(data);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

fn key_name(path: &str) -> Option<&str> {
    let k = path.strip_prefix("/keys/")?;
    (!k.is_empty() && !k.contains('/')).then_some(k)
}

impl KvFs {
    /// An empty store; a value may hold at most `max_value` bytes, and
    /// all values together what `space` allows.
    pub fn new(clock: Arc<Clock>, max_value: usize, space: Arc<Space>) -> KvFs {
        KvFs {
            clock,
            max_value,
            space,
            store: Mutex::new(Store::default()),
            changes: Notify::new(),
            handles: Handles::new(),
        }
    }

    fn node(&self, path: &str) -> Result<Node> {
        Ok(match path {
            "/" => Node::Root,
            "/README" => Node::Readme,
            "/.capabilities" => Node::Caps,
            "/ctl" => Node::Ctl,
            "/watch" => Node::Watch,
            "/keys" => Node::Keys,
            _ => match key_name(path) {
                Some(k) if self.store.lock().keys.contains_key(k) => Node::Key(k.to_string()),
                Some(_) => return Err(Errno::ENOENT.into()),
                None if path.starts_with("/keys/") => {
                    // keys/KEY/...: through a key, or a missing key.
                    let k = path.trim_start_matches("/keys/").split('/').next().unwrap_or("");
                    return Err(if self.store.lock().keys.contains_key(k) {
                        Errno::ENOTDIR
                    } else {
                        Errno::ENOENT
                    }
                    .into());
                }
                None => {
                    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
                    let is_file = ["README", ".capabilities", "ctl", "watch"].contains(&first);
                    return Err(if is_file { Errno::ENOTDIR } else { Errno::ENOENT }.into());
                }
            },
        })
    }

    fn stat_of(&self, node: &Node) -> Result<Stat> {
        let (name, kind, mode, size, mtime, qid) = match node {
            Node::Root => ("/".to_string(), NodeType::Dir, 0o555, 0, 0, 0),
            Node::Readme => ("README".into(), NodeType::File, 0o444, README.len() as u64, 0, 1),
            Node::Caps => (
                ".capabilities".into(),
                NodeType::File,
                0o444,
                capabilities().len() as u64,
                0,
                2,
            ),
            Node::Ctl => ("ctl".into(), NodeType::Device, 0o666, 0, 0, 3),
            Node::Watch => ("watch".into(), NodeType::Device, 0o444, 0, 0, 4),
            Node::Keys => ("keys".into(), NodeType::Dir, 0o777, 0, 0, 5),
            Node::Key(k) => {
                let store = self.store.lock();
                let v = store.keys.get(k).ok_or(Errno::ENOENT)?;
                (k.clone(), NodeType::File, 0o666, v.data.len() as u64, v.mtime, v.qid)
            }
        };
        let mut st = Stat::new(name, kind, size, mtime);
        st.mode = Some(mode);
        st.qid = qid;
        Ok(st)
    }

    /// Take `n` bytes of the server's space.
    fn charge(&self, n: usize) -> Result<()> {
        self.space.charge(n as u64).map_err(|_| {
            Error::explain(
                Errno::ENOSPC,
                format!(
                    "store full: values would pass the server's fs limit of {} bytes",
                    self.space.limit()
                ),
            )
        })
    }

    fn too_big(&self, n: usize) -> Result<()> {
        if n > self.max_value {
            return Err(Error::explain(
                Errno::EFBIG,
                format!(
                    "value too large: {n} bytes, over the limit of {} bytes (the server's string limit)",
                    self.max_value
                ),
            ));
        }
        Ok(())
    }

    /// `cas KEY OLDSHA256 NEWVALUE`: the reply, and whether it was a
    /// conflict.
    fn ctl(&self, text: &[u8]) -> Result<(String, bool)> {
        let usage = || {
            Error::explain(
                Errno::EINVAL,
                "kvfs ctl takes 'cas KEY OLDSHA256 NEWVALUE' (OLDSHA256 '-' for a key that must not exist)",
            )
        };
        let text = std::str::from_utf8(text).map_err(|_| usage())?;
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut parts = text.splitn(4, ' ');
        let verb = parts.next().unwrap_or("");
        if verb != "cas" {
            return Err(Error::explain(
                Errno::EINVAL,
                format!("unknown ctl verb '{verb}': kvfs ctl takes 'cas KEY OLDSHA256 NEWVALUE'"),
            ));
        }
        let (Some(key), Some(old)) = (parts.next(), parts.next()) else {
            return Err(usage());
        };
        let new = parts.next().unwrap_or("");
        if key.is_empty() || key.contains('/') || key == "." || key == ".." {
            return Err(Error::explain(Errno::EINVAL, format!("bad key '{key}'")));
        }
        if old != "-" && (old.len() != 64 || !old.bytes().all(|b| b.is_ascii_hexdigit())) {
            return Err(Error::explain(
                Errno::EINVAL,
                format!("bad sha256 '{old}': 64 hex digits, or '-' for no key"),
            ));
        }
        self.too_big(new.len())?;
        let now = self.clock.now_ms();
        let mut store = self.store.lock();
        let current = store.keys.get(key).map(|v| sha(&v.data));
        let matches = match &current {
            None => old == "-",
            Some(c) => c.eq_ignore_ascii_case(old),
        };
        if !matches {
            return Ok((format!("conflict {}\n", current.as_deref().unwrap_or("-")), true));
        }
        let qid = match store.keys.get(key) {
            Some(v) => v.qid,
            None => store.new_qid(),
        };
        let data = new.as_bytes().to_vec();
        self.charge(data.len())?;
        let reply = format!("ok {}\n", sha(&data));
        if let Some(old) = store.keys.get(key) {
            self.space.release(old.data.len() as u64);
        }
        store.keys.insert(
            key.to_string(),
            Value {
                data: Arc::new(data),
                mtime: now,
                qid,
            },
        );
        store.changed(key);
        drop(store);
        self.changes.notify_waiters();
        Ok((reply, false))
    }

    /// The next change after `seen` (waiting for one): its number and key.
    /// Cancel-safe: nothing is taken before the last await.
    async fn next_change(&self, seen: u64) -> (u64, String) {
        loop {
            let changed = self.changes.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            {
                let store = self.store.lock();
                if let Some((n, k)) = store.log.iter().find(|(n, _)| *n > seen) {
                    return (*n, k.clone());
                }
            }
            changed.await;
        }
    }
}

#[async_trait]
impl Fileserver for KvFs {
    fn name(&self) -> &str {
        "kvfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        if flags.rclose {
            return Err(Error::explain(Errno::EINVAL, "remove on close not supported"));
        }
        let node = match self.node(path) {
            Ok(_) if flags.create && flags.exclusive => return Err(Errno::EEXIST.into()),
            Ok(n) => n,
            Err(e) if e.is(Errno::ENOENT) && flags.create => match key_name(path) {
                Some(k) => {
                    let now = self.clock.now_ms();
                    let mut store = self.store.lock();
                    if !store.keys.contains_key(k) {
                        let qid = store.new_qid();
                        store.keys.insert(
                            k.to_string(),
                            Value {
                                data: Arc::new(Vec::new()),
                                mtime: now,
                                qid,
                            },
                        );
                    }
                    Node::Key(k.to_string())
                }
                None => {
                    return Err(Error::explain(
                        Errno::EPERM,
                        "kvfs makes files only in keys/ (keys/KEY)",
                    ));
                }
            },
            Err(e) => return Err(e),
        };
        let st = self.stat_of(&node)?;
        check_flags(&st, flags)?;
        let mut state = OpenState {
            append: flags.append,
            ..OpenState::default()
        };
        match &node {
            Node::Key(k) if flags.write => {
                let store = self.store.lock();
                let v = store.keys.get(k).ok_or(Errno::ENOENT)?;
                let start = if flags.truncate { Vec::new() } else { v.data.to_vec() };
                self.charge(start.len())?;
                // A truncating open replaces the value even if nothing is
                // written (`: > keys/k` empties it).
                state.buffer = Some((start, v.qid, flags.truncate || flags.create));
            }
            Node::Watch => state.seen = self.store.lock().seq,
            _ => {}
        }
        let qid = Qid {
            path: st.qid,
            version: 0,
            kind: st.kind,
        };
        let handle = self.handles.insert(KOpen {
            node,
            state: Mutex::new(state),
        });
        Ok(Opened { handle, qid }.into())
    }

    async fn read(&self, _who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let open = self.handles.get(h)?;
        match &open.node {
            Node::Root | Node::Keys => Err(Errno::EISDIR.into()),
            Node::Readme => Ok(readstr(README.as_bytes(), offset, count)),
            Node::Caps => Ok(readstr(capabilities().as_bytes(), offset, count)),
            Node::Ctl => open.state.lock().reply.read(count).ok_or_else(|| {
                Error::explain(
                    Errno::EINVAL,
                    "no ctl request through this open yet: write 'cas KEY OLDSHA256 NEWVALUE', then read",
                )
            }),
            Node::Key(k) => {
                if let Some((buf, _, _)) = &open.state.lock().buffer {
                    return Ok(readstr(buf, offset, count));
                }
                let data = self.store.lock().keys.get(k).map(|v| v.data.clone());
                match data {
                    Some(d) => Ok(readstr(&d, offset, count)),
                    None => Err(Errno::ENOENT.into()),
                }
            }
            Node::Watch => {
                let seen = {
                    let mut st = open.state.lock();
                    if let Some(out) = st.reply.read(count)
                        && !out.is_empty()
                    {
                        return Ok(out);
                    }
                    st.seen
                };
                let (n, key) = self.next_change(seen).await;
                let mut st = open.state.lock();
                st.before = st.seen;
                st.seen = n;
                st.reply.set(format!("{key}\n").into_bytes());
                Ok(st.reply.read(count).unwrap_or_default())
            }
        }
    }

    async fn write(&self, _who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        let open = self.handles.get(h)?;
        match &open.node {
            Node::Ctl => {
                let (reply, conflict) = match self.ctl(data) {
                    Ok(r) => r,
                    Err(e) => {
                        open.state
                            .lock()
                            .reply
                            .set(format!("error {}\n", e.message()).into_bytes());
                        return Err(e);
                    }
                };
                open.state.lock().reply.set(reply.clone().into_bytes());
                if conflict {
                    return Err(Error::explain(
                        Errno::EAGAIN,
                        format!(
                            "cas conflict: the value's sha256 is now {}",
                            reply.trim_end().trim_start_matches("conflict ")
                        ),
                    ));
                }
                Ok(data.len())
            }
            Node::Key(_) => {
                let mut guard = open.state.lock();
                let st = &mut *guard;
                let append = st.append;
                let failed = &mut st.failed;
                let Some((buf, _, dirty)) = &mut st.buffer else {
                    return Err(Errno::EBADF.into());
                };
                let at = if append {
                    buf.len()
                } else {
                    usize::try_from(offset).map_err(|_| Errno::EFBIG)?
                };
                let fits = at
                    .checked_add(data.len())
                    .ok_or_else(|| Error::from(Errno::EFBIG))
                    .and_then(|end| {
                        self.too_big(end.max(buf.len()))?;
                        self.charge(end.saturating_sub(buf.len()))?;
                        Ok(end)
                    });
                let end = match fits {
                    Ok(end) => end,
                    Err(e) => {
                        // A writer that failed stores nothing: the old
                        // value stays whole.
                        *dirty = false;
                        *failed = true;
                        return Err(e);
                    }
                };
                if buf.len() < end {
                    buf.resize(end, 0);
                }
                buf[at..end].copy_from_slice(data);
                *dirty = !*failed;
                Ok(data.len())
            }
            _ => Err(Errno::EBADF.into()),
        }
    }

    /// An answer of `ctl` or `watch` lost to a note: the open's next read
    /// answers it again (for `watch`, the same change).
    fn unread(&self, _who: &Caller, h: Handle, data: Vec<u8>) {
        let Ok(open) = self.handles.get(h) else { return };
        let mut st = open.state.lock();
        let whole = st.reply.at(0, usize::MAX) == data;
        if st.reply.unread(&data) && open.node == Node::Watch && whole {
            // The whole line was lost: the change is answered again from
            // the log.
            st.seen = st.before;
            st.reply = Reply::default();
        }
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        let open = self.handles.remove(h)?;
        let Node::Key(k) = &open.node else { return Ok(()) };
        let Some((buf, qid, dirty)) = open.state.lock().buffer.take() else {
            return Ok(());
        };
        if !dirty {
            self.space.release(buf.len() as u64);
            return Ok(());
        }
        let now = self.clock.now_ms();
        let mut store = self.store.lock();
        // A key removed or renamed while it was open for writing keeps
        // what happened to it: the writes go with the old file.
        match store.keys.get_mut(k) {
            Some(v) if v.qid == qid => {
                // The copy's bytes, charged already, become the value's.
                self.space.release(v.data.len() as u64);
                v.data = Arc::new(buf);
                v.mtime = now;
            }
            _ => {
                self.space.release(buf.len() as u64);
                return Ok(());
            }
        }
        store.changed(k);
        drop(store);
        self.changes.notify_waiters();
        Ok(())
    }

    async fn fstat(&self, _who: &Caller, h: Handle) -> Result<Stat> {
        let open = self.handles.get(h)?;
        let mut st = self.stat_of(&open.node).or_else(|_| {
            let mut st = Stat::new("", NodeType::File, 0, 0);
            st.mode = Some(0o666);
            Ok::<_, Error>(st)
        })?;
        if let Some((buf, _, _)) = &open.state.lock().buffer {
            st.size = buf.len() as u64;
        }
        Ok(st)
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        self.stat_of(&self.node(path)?)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match self.node(path)? {
            Node::Root => Ok(vec![
                DirEntry::new("README", NodeType::File),
                DirEntry::new(".capabilities", NodeType::File),
                DirEntry::new("ctl", NodeType::Device),
                DirEntry::new("watch", NodeType::Device),
                DirEntry::new("keys", NodeType::Dir),
            ]),
            Node::Keys => Ok(self
                .store
                .lock()
                .keys
                .keys()
                .map(|k| DirEntry::new(k.clone(), NodeType::File))
                .collect()),
            _ => Err(Errno::ENOTDIR.into()),
        }
    }

    async fn mkdir(&self, _who: &Caller, path: &str, _perm: u32) -> Result<()> {
        if self.node(path).is_ok() {
            return Err(Errno::EEXIST.into());
        }
        Err(Error::explain(
            Errno::EPERM,
            "kvfs keys are files: there are no directories to make",
        ))
    }

    async fn remove(&self, _who: &Caller, path: &str) -> Result<()> {
        match self.node(path)? {
            Node::Key(k) => {
                let mut store = self.store.lock();
                if let Some(v) = store.keys.remove(&k) {
                    self.space.release(v.data.len() as u64);
                }
                store.changed(&k);
                drop(store);
                self.changes.notify_waiters();
                Ok(())
            }
            _ => Err(Errno::EPERM.into()),
        }
    }

    async fn rename(&self, _who: &Caller, from: &str, to: &str) -> Result<()> {
        let Node::Key(a) = self.node(from)? else {
            return Err(Error::explain(Errno::EPERM, "only keys can be renamed"));
        };
        let Some(b) = key_name(to) else {
            return Err(Error::explain(Errno::EPERM, "a key can only be renamed to keys/NEWKEY"));
        };
        if a == b {
            return Ok(());
        }
        let mut store = self.store.lock();
        let Some(v) = store.keys.remove(&a) else {
            return Err(Errno::ENOENT.into());
        };
        if let Some(replaced) = store.keys.insert(b.to_string(), v) {
            self.space.release(replaced.data.len() as u64);
        }
        store.changed(&a);
        store.changed(b);
        drop(store);
        self.changes.notify_waiters();
        Ok(())
    }
}
