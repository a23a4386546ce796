//! An async 9P2000 client: many requests in flight on one connection,
//! each under its own tag, replies matched as they come.
//!
//! A [`Client`] owns two tasks: a reader that matches replies to tags
//! and a writer that sends whole frames in order (a request cancelled
//! part-way through its write would otherwise cut a frame in two).
//! Requests are made through an [`Op`], a short sequence of requests that
//! owns the fids it allocates: an op that finishes clunks its fids; an op
//! that is dropped part-way (its caller was interrupted) flushes the
//! request in flight with Tflush and only then clunks its fids, so the
//! server is left with nothing either way.
//!
//! When the connection ends, every waiting request and every later one
//! fails with "i/o on hung-up channel".

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use kernel::{Errno, Error, Result};
use p9::{IOHDRSZ, NOFID, NOTAG, Qid, Rmsg, Stat, Tmsg};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;
use tokio::io::AsyncWriteExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot};

use crate::dial::{ReadHalf, Stream, WriteHalf};
use crate::errors;
use crate::frame::{hungup, read_frame};

/// Requests one client keeps in flight at most; more wait for a tag.
const MAX_TAGS: usize = 256;

/// The msize a client offers unless told otherwise.
pub const DEFAULT_MSIZE: u32 = 8192 + IOHDRSZ;

/// A connection to a 9P2000 server.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    frames: mpsc::UnboundedSender<Vec<u8>>,
    msize: u32,
    tasks: [tokio::task::AbortHandle; 2],
}

/// What the reader task shares with the requests.
struct Shared {
    slots: Mutex<Slots>,
    tags: Arc<Semaphore>,
    hungup: AtomicBool,
    fids: Mutex<Fids>,
}

#[derive(Default)]
struct Slots {
    by_tag: FxHashMap<u16, Slot>,
    next: u16,
}

/// A tag in use. It stays reserved (and its permit held) until its reply
/// came or, for a cancelled request, until the Rflush did.
enum Slot {
    Waiting(oneshot::Sender<Rmsg>, OwnedSemaphorePermit),
    Cancelled(OwnedSemaphorePermit),
}

#[derive(Default)]
struct Fids {
    next: u32,
    free: Vec<u32>,
}

fn botch(what: &str) -> Error {
    Error::with_detail(Errno::EIO, format!("9P protocol botch: {what}"))
}

impl Client {
    /// Negotiate the version on a fresh connection, offering `msize`.
    pub async fn connect(stream: Stream, msize: u32) -> Result<Client> {
        let (r, w) = stream.split();
        Client::over(r, w, msize).await
    }

    /// As [`Client::connect`], on the two halves of any byte stream.
    pub async fn over(mut r: ReadHalf, mut w: WriteHalf, msize: u32) -> Result<Client> {
        let mut frame = Vec::new();
        Tmsg::Version {
            msize,
            version: p9::VERSION.into(),
        }
        .encode(NOTAG, &mut frame)
        .map_err(|e| botch(&e.to_string()))?;
        w.write_all(&frame).await.map_err(|_| hungup())?;
        let mut buf = Vec::new();
        let reply = read_frame(&mut r, &mut buf, msize.max(p9::MIN_MSIZE)).await?;
        let msize = match Rmsg::decode(reply) {
            Ok((NOTAG, Rmsg::Version { msize: m, version })) if version == p9::VERSION && m <= msize => m,
            Ok((_, Rmsg::Version { version, .. })) => {
                return Err(Error::with_detail(
                    Errno::EIO,
                    format!("server speaks '{version}', not 9P2000"),
                ));
            }
            Ok((_, Rmsg::Error { ename })) => return Err(errors::remote(&ename)),
            Ok(_) => return Err(botch("reply to Tversion")),
            Err(e) => return Err(botch(&e.to_string())),
        };
        if msize < p9::MIN_MSIZE {
            return Err(botch("msize too small"));
        }
        let shared = Arc::new(Shared {
            slots: Mutex::new(Slots::default()),
            tags: Arc::new(Semaphore::new(MAX_TAGS)),
            hungup: AtomicBool::new(false),
            fids: Mutex::new(Fids::default()),
        });
        let (frames, rx) = mpsc::unbounded_channel();
        let reader = tokio::spawn(read_replies(r, shared.clone(), msize));
        let writer = tokio::spawn(write_frames(w, rx, shared.clone()));
        Ok(Client {
            inner: Arc::new(Inner {
                shared,
                frames,
                msize,
                tasks: [reader.abort_handle(), writer.abort_handle()],
            }),
        })
    }

    pub fn msize(&self) -> u32 {
        self.inner.msize
    }

    /// The most data one Tread or Twrite carries.
    pub fn iounit(&self) -> u32 {
        self.inner.msize - IOHDRSZ
    }

    pub fn is_hungup(&self) -> bool {
        self.inner.shared.hungup.load(Ordering::Acquire)
    }

    /// Start a sequence of requests.
    pub fn op(&self) -> Op {
        Op {
            client: self.clone(),
            fids: Vec::new(),
            cancelled: Vec::new(),
        }
    }

    /// One request and its reply, an Rerror becoming the error it names.
    /// Dropping the future before the reply flushes the request.
    pub async fn rpc(&self, msg: &Tmsg) -> Result<Rmsg> {
        self.rpc_in(msg, None).await
    }

    /// Give a fid number back without telling the server (it was clunked
    /// or removed, or never made).
    fn free_fid(&self, fid: u32) {
        self.inner.shared.fids.lock().free.push(fid);
    }

    fn new_fid(&self) -> u32 {
        let mut f = self.inner.shared.fids.lock();
        f.free.pop().unwrap_or_else(|| {
            let fid = f.next;
            // NOFID is never handed out; past it the count wraps to 0,
            // whose owner has long been done (fids are per operation).
            f.next = f.next.wrapping_add(1);
            if f.next == NOFID {
                f.next = 0;
            }
            fid
        })
    }

    /// Send `msg` and wait for its reply; if this future is dropped first,
    /// the tag is marked cancelled and pushed on `cancelled` (or, with no
    /// op to take it, flushed by a task of its own).
    async fn rpc_in(&self, msg: &Tmsg, cancelled: Option<&mut Vec<u16>>) -> Result<Rmsg> {
        let shared = &self.inner.shared;
        if self.is_hungup() {
            return Err(hungup());
        }
        let permit = shared.tags.clone().acquire_owned().await.map_err(|_| hungup())?;
        let (tx, rx) = oneshot::channel();
        let tag = {
            let mut slots = shared.slots.lock();
            let mut tag = slots.next;
            while tag == NOTAG || slots.by_tag.contains_key(&tag) {
                tag = tag.wrapping_add(1);
            }
            slots.next = tag.wrapping_add(1);
            slots.by_tag.insert(tag, Slot::Waiting(tx, permit));
            tag
        };
        let mut guard = TagGuard {
            client: self,
            tag,
            sink: cancelled,
            settled: false,
        };
        let mut frame = Vec::new();
        if let Err(e) = msg.encode(tag, &mut frame) {
            guard.settle();
            return Err(Error::with_detail(Errno::EINVAL, e.to_string()));
        }
        if self.inner.frames.send(frame).is_err() {
            guard.settle();
            return Err(hungup());
        }
        let reply = rx.await;
        // The reader removed the slot before answering (or the connection
        // is gone and every slot with it).
        guard.settled = true;
        match reply {
            Ok(Rmsg::Error { ename }) => Err(errors::remote(&ename)),
            Ok(r) if r.type_number() == msg.type_number() + 1 => Ok(r),
            Ok(_) => Err(botch("reply of the wrong type")),
            Err(_) => Err(hungup()),
        }
    }

    /// Flush `oldtag` (already marked cancelled) and free it once the
    /// server says it is done with it.
    async fn flush(&self, oldtag: u16) {
        // A failed flush means the connection is gone, and the slot with it.
        let _ = self.rpc(&Tmsg::Flush { oldtag }).await;
        self.inner.shared.slots.lock().by_tag.remove(&oldtag);
    }

    fn spawn_cleanup(&self, tags: Vec<u16>, fids: Vec<u32>) {
        let Ok(rt) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let c = self.clone();
        rt.spawn(async move {
            for tag in tags {
                c.flush(tag).await;
            }
            for fid in fids {
                let _ = c.rpc(&Tmsg::Clunk { fid }).await;
                c.free_fid(fid);
            }
        });
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        // The last handle is gone: hang up. The writer ends once the
        // frames already queued are sent (its channel closes now).
        self.tasks[0].abort();
    }
}

/// Marks a request cancelled if its future is dropped before the reply.
struct TagGuard<'a> {
    client: &'a Client,
    tag: u16,
    sink: Option<&'a mut Vec<u16>>,
    settled: bool,
}

impl TagGuard<'_> {
    /// The request never left: free its tag now.
    fn settle(&mut self) {
        self.client.inner.shared.slots.lock().by_tag.remove(&self.tag);
        self.settled = true;
    }
}

impl Drop for TagGuard<'_> {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        {
            let mut slots = self.client.inner.shared.slots.lock();
            match slots.by_tag.remove(&self.tag) {
                Some(Slot::Waiting(_, permit) | Slot::Cancelled(permit)) => {
                    slots.by_tag.insert(self.tag, Slot::Cancelled(permit));
                }
                // Answered while we were being dropped, or hung up: nothing
                // is in flight.
                None => return,
            }
        }
        match self.sink.take() {
            Some(sink) => sink.push(self.tag),
            None => self.client.spawn_cleanup(vec![self.tag], Vec::new()),
        }
    }
}

/// A sequence of requests that owns its fids.
pub struct Op {
    client: Client,
    /// Fids of this op, and whether the server may have them.
    fids: Vec<(u32, bool)>,
    cancelled: Vec<u16>,
}

impl Op {
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A new fid, clunked when the op ends unless [`Op::keep`] takes it.
    pub fn fid(&mut self) -> u32 {
        let fid = self.client.new_fid();
        self.fids.push((fid, false));
        fid
    }

    /// Take `fid` out of the op: the caller clunks it (see
    /// [`Client::clunk_later`]).
    pub fn keep(&mut self, fid: u32) {
        self.fids.retain(|&(f, _)| f != fid);
    }

    fn mark(&mut self, fid: u32, exists: bool) {
        if let Some(f) = self.fids.iter_mut().find(|(f, _)| *f == fid) {
            f.1 = exists;
        }
    }

    /// One request. A request that makes a fid marks it as possibly made
    /// before it is sent, so an interrupted op still clunks it.
    pub async fn rpc(&mut self, msg: &Tmsg) -> Result<Rmsg> {
        let made = match msg {
            Tmsg::Attach { fid, .. } => Some(*fid),
            Tmsg::Walk { fid, newfid, .. } if fid != newfid => Some(*newfid),
            _ => None,
        };
        if let Some(fid) = made {
            self.mark(fid, true);
        }
        let r = self.client.rpc_in(msg, Some(&mut self.cancelled)).await;
        let failed = match (msg, &r) {
            (Tmsg::Walk { wnames, .. }, Ok(Rmsg::Walk { qids })) => qids.len() < wnames.len(),
            (_, r) => r.is_err(),
        };
        if let (Some(fid), true) = (made, failed) {
            self.mark(fid, false);
        }
        if let Tmsg::Clunk { fid } | Tmsg::Remove { fid } = msg {
            // Clunk and remove free the fid whatever they answer.
            self.forget(*fid);
        }
        r
    }

    fn forget(&mut self, fid: u32) {
        if let Some(i) = self.fids.iter().position(|&(f, _)| f == fid) {
            self.fids.swap_remove(i);
            self.client.free_fid(fid);
        }
    }

    pub async fn attach(&mut self, fid: u32, uname: &str, aname: &str) -> Result<Qid> {
        let msg = Tmsg::Attach {
            fid,
            afid: NOFID,
            uname: uname.into(),
            aname: aname.into(),
        };
        match self.rpc(&msg).await? {
            Rmsg::Attach { qid } => Ok(qid),
            _ => Err(botch("attach")),
        }
    }

    /// Walk `names` from `fid` to `newfid`, in steps of at most 16. Ok
    /// only if every name was walked; a walk that stops early answers the
    /// qids it got (`Walked::Partial`) or, if the first name failed, the
    /// server's error. `newfid` may then exist at an earlier step; the op
    /// clunks it.
    pub async fn walk(&mut self, fid: u32, newfid: u32, names: &[&str]) -> std::result::Result<Vec<Qid>, Walked> {
        let mut qids = Vec::with_capacity(names.len());
        let mut from = fid;
        let mut rest = names;
        loop {
            let (chunk, tail) = rest.split_at(rest.len().min(p9::MAXWELEM));
            let msg = Tmsg::Walk {
                fid: from,
                newfid,
                wnames: chunk.iter().map(|s| s.to_string()).collect(),
            };
            match self.rpc(&msg).await {
                Ok(Rmsg::Walk { qids: got }) if got.len() == chunk.len() => qids.extend(got),
                Ok(Rmsg::Walk { qids: got }) if got.len() < chunk.len() => {
                    qids.extend(got);
                    return Err(Walked::Partial(qids));
                }
                Ok(_) => return Err(Walked::Error(botch("walk reply"))),
                Err(e) if qids.is_empty() || e.is(Errno::EHUNGUP) => return Err(Walked::Error(e)),
                Err(_) => return Err(Walked::Partial(qids)),
            }
            if tail.is_empty() {
                return Ok(qids);
            }
            from = newfid;
            rest = tail;
        }
    }

    pub async fn open(&mut self, fid: u32, mode: u8) -> Result<(Qid, u32)> {
        match self.rpc(&Tmsg::Open { fid, mode }).await? {
            Rmsg::Open { qid, iounit } => Ok((qid, iounit)),
            _ => Err(botch("open")),
        }
    }

    pub async fn create(&mut self, fid: u32, name: &str, perm: u32, mode: u8) -> Result<(Qid, u32)> {
        let msg = Tmsg::Create {
            fid,
            name: name.into(),
            perm,
            mode,
        };
        match self.rpc(&msg).await? {
            Rmsg::Create { qid, iounit } => Ok((qid, iounit)),
            _ => Err(botch("create")),
        }
    }

    /// One Tread: at most `count` (clamped to the iounit) bytes.
    pub async fn read(&mut self, fid: u32, offset: u64, count: u32) -> Result<Vec<u8>> {
        let count = count.min(self.client.iounit());
        match self.rpc(&Tmsg::Read { fid, offset, count }).await? {
            Rmsg::Read { data } if data.len() <= count as usize => Ok(data),
            _ => Err(botch("read reply longer than asked")),
        }
    }

    /// One Twrite of at most an iounit of `data`: the count written.
    pub async fn write(&mut self, fid: u32, offset: u64, data: &[u8]) -> Result<u32> {
        let n = data.len().min(self.client.iounit() as usize);
        let msg = Tmsg::Write {
            fid,
            offset,
            data: data[..n].to_vec(),
        };
        match self.rpc(&msg).await? {
            Rmsg::Write { count } if count as usize <= n => Ok(count),
            _ => Err(botch("write reply")),
        }
    }

    pub async fn clunk(&mut self, fid: u32) -> Result<()> {
        self.rpc(&Tmsg::Clunk { fid }).await.map(|_| ())
    }

    pub async fn remove(&mut self, fid: u32) -> Result<()> {
        self.rpc(&Tmsg::Remove { fid }).await.map(|_| ())
    }

    pub async fn stat(&mut self, fid: u32) -> Result<Stat> {
        match self.rpc(&Tmsg::Stat { fid }).await? {
            Rmsg::Stat { stat } => Ok(stat),
            _ => Err(botch("stat")),
        }
    }

    pub async fn wstat(&mut self, fid: u32, stat: Stat) -> Result<()> {
        self.rpc(&Tmsg::Wstat { fid, stat }).await.map(|_| ())
    }

    /// Clunk every fid the op still owns, and wait for it.
    pub async fn finish(mut self) {
        for (fid, exists) in std::mem::take(&mut self.fids) {
            if exists {
                let _ = self.client.rpc(&Tmsg::Clunk { fid }).await;
            }
            self.client.free_fid(fid);
        }
    }
}

impl Drop for Op {
    fn drop(&mut self) {
        let fids = std::mem::take(&mut self.fids);
        let (live, never): (Vec<_>, Vec<_>) = fids.into_iter().partition(|&(_, exists)| exists);
        for (fid, _) in never {
            self.client.free_fid(fid);
        }
        let idle = live.is_empty() && self.cancelled.is_empty();
        if !idle && !self.client.is_hungup() {
            let live = live.into_iter().map(|(f, _)| f).collect();
            self.client.spawn_cleanup(std::mem::take(&mut self.cancelled), live);
        }
    }
}

/// How a walk that did not reach its end ended.
#[derive(Debug)]
pub enum Walked {
    /// The server refused the first name (or hung up).
    Error(Error),
    /// The qids of the names walked before one failed.
    Partial(Vec<Qid>),
}

impl Walked {
    /// As an error: a walk that stopped means the next name does not
    /// exist.
    pub fn into_error(self) -> Error {
        match self {
            Walked::Error(e) => e,
            Walked::Partial(_) => Errno::ENOENT.into(),
        }
    }
}

impl Client {
    /// Clunk a fid an op gave away, in the background.
    pub fn clunk_later(&self, fid: u32) {
        self.spawn_cleanup(Vec::new(), vec![fid]);
    }
}

async fn read_replies(mut r: ReadHalf, shared: Arc<Shared>, msize: u32) {
    let mut buf = Vec::new();
    while let Ok(frame) = read_frame(&mut r, &mut buf, msize).await {
        let Ok((tag, reply)) = Rmsg::decode(frame) else {
            break;
        };
        let mut slots = shared.slots.lock();
        match slots.by_tag.remove(&tag) {
            Some(Slot::Waiting(tx, _permit)) => {
                let _ = tx.send(reply);
            }
            // A late reply to a flushed request: the tag stays reserved
            // until the Rflush.
            Some(cancelled @ Slot::Cancelled(_)) => {
                slots.by_tag.insert(tag, cancelled);
            }
            None => {}
        }
    }
    hang_up(&shared);
}

async fn write_frames(mut w: WriteHalf, mut rx: mpsc::UnboundedReceiver<Vec<u8>>, shared: Arc<Shared>) {
    let mut batch = Vec::new();
    while let Some(frame) = rx.recv().await {
        batch.clear();
        batch.extend_from_slice(&frame);
        // Send what queued up meanwhile in the same write.
        while batch.len() < 64 << 10 {
            match rx.try_recv() {
                Ok(f) => batch.extend_from_slice(&f),
                Err(_) => break,
            }
        }
        if w.write_all(&batch).await.is_err() {
            break;
        }
    }
    let _ = w.shutdown().await;
    hang_up(&shared);
}

fn hang_up(shared: &Shared) {
    shared.hungup.store(true, Ordering::Release);
    shared.slots.lock().by_tag.clear();
    shared.tags.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::net::UnixStream;

    /// A server end that answers Tversion, then hands each request to the
    /// test.
    struct Peer {
        r: ReadHalf,
        w: WriteHalf,
        buf: Vec<u8>,
    }

    impl Peer {
        async fn next(&mut self) -> (u16, Tmsg) {
            let f = read_frame(&mut self.r, &mut self.buf, 1 << 20).await.unwrap();
            Tmsg::decode(f).unwrap()
        }

        async fn reply(&mut self, tag: u16, r: Rmsg) {
            let mut out = Vec::new();
            r.encode(tag, &mut out).unwrap();
            self.w.write_all(&out).await.unwrap();
        }
    }

    async fn pair() -> (Client, Peer) {
        let (a, b) = UnixStream::pair().unwrap();
        let (r, w) = Stream::Unix(b).split();
        let mut peer = Peer { r, w, buf: Vec::new() };
        let server = async {
            let (tag, m) = peer.next().await;
            assert_eq!(tag, NOTAG);
            assert!(matches!(m, Tmsg::Version { msize: 65536, .. }));
            peer.reply(
                NOTAG,
                Rmsg::Version {
                    msize: 8192,
                    version: "9P2000".into(),
                },
            )
            .await;
        };
        let (c, ()) = tokio::join!(Client::connect(Stream::Unix(a), 65536), server);
        (c.unwrap(), peer)
    }

    #[tokio::test]
    async fn msize_is_the_servers_answer_and_errors_carry_their_text() {
        let (c, mut peer) = pair().await;
        assert_eq!(c.msize(), 8192);
        assert_eq!(c.iounit(), 8192 - 24);
        let call = c.rpc(&Tmsg::Stat { fid: 1 });
        let serve = async {
            let (tag, _) = peer.next().await;
            peer.reply(tag, Rmsg::error("file does not exist")).await;
        };
        let (r, ()) = tokio::join!(call, serve);
        let e = r.unwrap_err();
        assert!(e.is(Errno::ENOENT));
        assert_eq!(e.to_string(), "file does not exist");
    }

    #[tokio::test]
    async fn replies_are_matched_by_tag_in_any_order() {
        let (c, mut peer) = pair().await;
        let a = c.rpc(&Tmsg::Clunk { fid: 1 });
        let b = c.rpc(&Tmsg::Remove { fid: 2 });
        let serve = async {
            let (t1, m1) = peer.next().await;
            let (t2, m2) = peer.next().await;
            assert_ne!(t1, t2);
            // Answer the second first.
            for (t, m) in [(t2, m2), (t1, m1)] {
                let r = if matches!(m, Tmsg::Clunk { .. }) {
                    Rmsg::Clunk
                } else {
                    Rmsg::Remove
                };
                peer.reply(t, r).await;
            }
        };
        let (ra, rb, ()) = tokio::join!(a, b, serve);
        assert_eq!(ra.unwrap(), Rmsg::Clunk);
        assert_eq!(rb.unwrap(), Rmsg::Remove);
    }

    #[tokio::test]
    async fn an_abandoned_request_is_flushed_and_its_fids_clunked_after() {
        let (c, mut peer) = pair().await;
        let mut op = c.op();
        let fid = op.fid();
        let newfid = op.fid();
        {
            let walk = op.walk(fid, newfid, &["x"]);
            // Let the request go out, then give up on it.
            tokio::select! {
                _ = walk => panic!("answered"),
                _ = tokio::task::yield_now() => {}
            }
        }
        drop(op);
        let (wtag, w) = peer.next().await;
        assert!(matches!(w, Tmsg::Walk { .. }));
        let (ftag, f) = peer.next().await;
        assert_eq!(f, Tmsg::Flush { oldtag: wtag });
        // The walk completed after all: its reply comes before the Rflush,
        // and the fid it made must be clunked once the flush is done.
        peer.reply(
            wtag,
            Rmsg::Walk {
                qids: vec![Qid::default()],
            },
        )
        .await;
        peer.reply(ftag, Rmsg::Flush).await;
        let (ctag, m) = peer.next().await;
        assert_eq!(m, Tmsg::Clunk { fid: newfid });
        peer.reply(ctag, Rmsg::Clunk).await;
    }

    #[tokio::test]
    async fn a_hangup_fails_waiting_and_later_requests() {
        let (c, peer) = pair().await;
        let waiting = c.rpc(&Tmsg::Clunk { fid: 1 });
        let hang = async {
            tokio::task::yield_now().await;
            drop(peer);
        };
        let (r, ()) = tokio::join!(waiting, hang);
        assert!(r.unwrap_err().is(Errno::EHUNGUP));
        assert!(c.rpc(&Tmsg::Clunk { fid: 1 }).await.unwrap_err().is(Errno::EHUNGUP));
        assert!(c.is_hungup());
    }

    #[tokio::test]
    async fn a_reply_of_the_wrong_type_is_a_botch_not_a_panic() {
        let (c, mut peer) = pair().await;
        let call = c.rpc(&Tmsg::Clunk { fid: 1 });
        let serve = async {
            let (tag, _) = peer.next().await;
            peer.reply(tag, Rmsg::Flush).await;
        };
        let (r, ()) = tokio::join!(call, serve);
        assert!(r.unwrap_err().to_string().contains("botch"));
    }
}
