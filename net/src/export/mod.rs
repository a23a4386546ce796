//! The 9P2000 exporter: a system's namespace served to a 9P client.
//!
//! One [`Export`] is what a listener serves (the exporting process and
//! the root it exports); [`Export::serve`] runs one connection. Each
//! connection has its own fid table ([`fids`]); each request runs as a
//! task of its own, so a read blocked on a pipe does not hold up the
//! rest, and `Tflush` cancels it by dropping its future (the protocol's
//! cancel-safety rule makes that lose nothing). The reply to a flushed
//! request, if it was made, is always queued before the Rflush.
//!
//! Memory per connection is bounded: at most [`MAX_INFLIGHT`] requests
//! run at once (the reader stops reading until one ends), and each frame
//! is at most the negotiated msize, so a client that never reads its
//! replies stalls only itself.
//!
//! Malformed input: a frame whose size field is out of range breaks the
//! framing and hangs up the connection; a frame that decodes badly but
//! has a tag is answered with Rerror; a tag reused while in flight hangs
//! up (a reply to it would be ambiguous).

mod fids;
mod ops;
mod stat;

use std::sync::Arc;
use std::time::Duration;

use kernel::{Errno, Error, Proc, Result};
use p9::{IOHDRSZ, NOTAG, Rmsg, Tmsg};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;
use tokio::io::AsyncWriteExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc, oneshot, watch};
use tokio::task::JoinSet;

use crate::dial::{Listener, Stream, WriteHalf};
use crate::errors;
use crate::frame::read_frame;

pub use stat::Qids;

/// The largest msize the exporter agrees to: a 1 MiB payload per read.
pub const MAX_MSIZE: u32 = (1 << 20) + IOHDRSZ;

/// Requests one connection runs at once.
pub const MAX_INFLIGHT: usize = 32;

/// What a listener exports: the namespace of `proc` (or, per attach, of
/// the process an aname names) from `root` down.
#[derive(Clone)]
pub struct Export {
    proc: Proc,
    root: String,
    qids: Arc<Qids>,
}

impl Export {
    /// Export `proc`'s namespace from `root` (an absolute name). A
    /// client's create carries its own permissions, as Plan 9's exportfs
    /// does: the process's umask is not applied to them (and is left as
    /// it is, for the processes it starts).
    pub fn new(proc: Proc, root: &str) -> Result<Export> {
        let root = proc.abs(root)?;
        Ok(Export {
            proc,
            root,
            qids: Arc::new(Qids::default()),
        })
    }

    pub fn proc(&self) -> &Proc {
        &self.proc
    }

    /// Serve one connection until the client hangs up or breaks the
    /// framing. Every fid left is clunked (ORCLOSE files removed) and
    /// every request still running is cancelled before this returns.
    pub async fn serve(&self, stream: Stream) {
        let (mut r, w) = stream.split();
        let (tx, rx) = mpsc::channel(MAX_INFLIGHT + 1);
        let writer = tokio::spawn(write_replies(w, rx));
        let conn = Arc::new(Conn {
            export: self.clone(),
            fids: fids::Table::default(),
            msize: Mutex::new(None),
            inflight: Mutex::new(FxHashMap::default()),
            slots: Arc::new(Semaphore::new(MAX_INFLIGHT)),
            replies: tx,
        });
        let mut buf = Vec::new();
        loop {
            let Ok(permit) = conn.slots.clone().acquire_owned().await else {
                break;
            };
            let max = conn.msize.lock().unwrap_or(MAX_MSIZE);
            let Ok(frame) = read_frame(&mut r, &mut buf, max).await else {
                break;
            };
            if !conn.dispatch(frame, permit).await {
                break;
            }
        }
        conn.reset().await;
        drop(conn);
        let _ = writer.await;
    }
}

/// One connection's state.
struct Conn {
    export: Export,
    fids: fids::Table,
    /// The negotiated msize; None until Tversion.
    msize: Mutex<Option<u32>>,
    inflight: Mutex<FxHashMap<u16, Inflight>>,
    slots: Arc<Semaphore>,
    replies: mpsc::Sender<Vec<u8>>,
}

/// A request being served: how to cancel it, and how to know it ended
/// (the receiver sees the sender dropped).
struct Inflight {
    cancel: Option<oneshot::Sender<()>>,
    done: watch::Receiver<()>,
}

impl Conn {
    /// Handle one frame; false to hang up.
    async fn dispatch(self: &Arc<Self>, frame: &[u8], permit: OwnedSemaphorePermit) -> bool {
        let (tag, msg) = match Tmsg::decode(frame) {
            Ok(m) => m,
            Err(e) => {
                return match e.tag {
                    Some(tag) if !e.fault.breaks_framing() && tag != NOTAG => {
                        self.reply_now(tag, Rmsg::error(e.to_string())).await;
                        true
                    }
                    _ => false,
                };
            }
        };
        match msg {
            Tmsg::Version { msize, version } => {
                self.reset().await;
                let reply = match p9::negotiate(msize, &version, MAX_MSIZE) {
                    Ok((msize, version)) => {
                        // An unknown version leaves no session.
                        *self.msize.lock() = (version == p9::VERSION).then_some(msize);
                        Rmsg::Version {
                            msize,
                            version: version.into(),
                        }
                    }
                    Err(why) => Rmsg::error(why),
                };
                self.reply_now(tag, reply).await;
                true
            }
            _ if self.msize.lock().is_none() => {
                self.reply_now(tag, Rmsg::error("version not negotiated")).await;
                true
            }
            msg => self.start(tag, msg, permit),
        }
    }

    /// Run a request as its own task; false if its tag is in flight.
    ///
    /// A Tflush is not cancelled by a Tflush of its own tag: that one waits
    /// for it instead. Dropping it half-way could leave its oldtag running
    /// while the client, seeing both flushes answered, takes that tag for
    /// free; waiting keeps the replies in order (the first Rflush, then
    /// the second), as flush(5) asks.
    fn start(self: &Arc<Self>, tag: u16, msg: Tmsg, permit: OwnedSemaphorePermit) -> bool {
        let (cancel_tx, cancel_rx) = oneshot::channel();
        let (done_tx, done_rx) = watch::channel(());
        let cancellable = !matches!(msg, Tmsg::Flush { .. });
        {
            let mut inflight = self.inflight.lock();
            if tag == NOTAG || inflight.contains_key(&tag) {
                return false;
            }
            inflight.insert(
                tag,
                Inflight {
                    cancel: cancellable.then_some(cancel_tx),
                    done: done_rx,
                },
            );
        }
        let conn = self.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let reply = if cancellable {
                tokio::select! {
                    r = conn.handle(msg) => Some(r),
                    _ = cancel_rx => None,
                }
            } else {
                Some(conn.handle(msg).await)
            };
            // The reply's place in the queue is taken before the tag is
            // let go, so a Tflush that finds the tag gone follows it.
            let slot = match reply {
                Some(_) => conn.replies.reserve().await.ok(),
                None => None,
            };
            let mut inflight = conn.inflight.lock();
            inflight.remove(&tag);
            if let (Some(slot), Some(reply)) = (slot, reply) {
                slot.send(encode(tag, &reply));
            }
            drop(inflight);
            drop(done_tx);
        });
        true
    }

    async fn handle(self: &Arc<Self>, msg: Tmsg) -> Rmsg {
        let r = match msg {
            Tmsg::Flush { oldtag } => {
                self.flush(oldtag).await;
                Ok(Rmsg::Flush)
            }
            msg => ops::handle(self, msg).await,
        };
        r.unwrap_or_else(|e| Rmsg::error(errors::to_wire(&e)))
    }

    /// Cancel request `tag` if it still runs and wait until it ended.
    async fn flush(&self, tag: u16) {
        let (cancel, mut done) = {
            let mut inflight = self.inflight.lock();
            let Some(req) = inflight.get_mut(&tag) else {
                return;
            };
            (req.cancel.take(), req.done.clone())
        };
        if let Some(c) = cancel {
            let _ = c.send(());
        }
        // Err once the request's task dropped its sender: it has ended.
        while done.changed().await.is_ok() {}
    }

    /// Cancel every request and clunk every fid: what a hang-up and a new
    /// Tversion do.
    async fn reset(&self) {
        let tags: Vec<u16> = self.inflight.lock().keys().copied().collect();
        for tag in tags {
            self.flush(tag).await;
        }
        for fid in self.fids.take_all() {
            ops::clunk_fid(fid).await;
        }
    }

    async fn reply_now(&self, tag: u16, reply: Rmsg) {
        let _ = self.replies.send(encode(tag, &reply)).await;
    }

    fn msize(&self) -> u32 {
        self.msize.lock().unwrap_or(p9::MIN_MSIZE)
    }

    /// The most data one Rread or Twrite carries on this connection.
    fn iounit(&self) -> u32 {
        self.msize() - IOHDRSZ
    }
}

/// A reply's frame. Replies are built to fit the msize; one that cannot be
/// encoded (a stat record over 64 KiB) goes as an Rerror instead.
fn encode(tag: u16, reply: &Rmsg) -> Vec<u8> {
    let mut out = Vec::new();
    if let Err(e) = reply.encode(tag, &mut out) {
        out.clear();
        let _ = Rmsg::error(e.to_string()).encode(tag, &mut out);
    }
    out
}

async fn write_replies(mut w: WriteHalf, mut rx: mpsc::Receiver<Vec<u8>>) {
    let mut batch = Vec::new();
    while let Some(frame) = rx.recv().await {
        batch.clear();
        batch.extend_from_slice(&frame);
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
}

/// A protocol error with the text 9P servers send for it.
pub(crate) fn wire_error(code: Errno, text: &'static str) -> Error {
    Error::with_detail(code, text)
}

/// Accept on every listener, each connection served by a task of its
/// own. Dropping this future (pid 1 ended) ends them all and closes the
/// listeners.
pub async fn accept_all(export: Export, listeners: Vec<Listener>) -> Result<()> {
    let mut loops = JoinSet::new();
    for l in listeners {
        let export = export.clone();
        loops.spawn(async move {
            let mut conns = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = l.accept() => match accepted {
                        Ok((stream, _peer)) => {
                            let export = export.clone();
                            conns.spawn(async move { export.serve(stream).await });
                        }
                        // A failed accept (out of fds) is not the end of
                        // the listener; wait a little and go on.
                        Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                    },
                    Some(_) = conns.join_next(), if !conns.is_empty() => {}
                }
            }
        });
    }
    while loops.join_next().await.is_some() {}
    Err(Error::with_detail(Errno::EIO, "every listener failed"))
}
