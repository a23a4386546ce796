//! Fileservers served by processes.
//!
//! A program can answer the fileserver protocol from its own process: it
//! makes a [`channel`], posts the client side ([`Served`], an ordinary
//! `Arc<dyn Fileserver>`) in `/srv`, and runs [`Requests::serve`] with the
//! server object it owns. Every call a client makes becomes a message to
//! that process's task, which answers it; the server is visible in `ps`,
//! can be killed, and its state lives and dies with it.
//!
//! When the serving process ends (or is killed), its end of the channel is
//! dropped: calls waiting for an answer and every later call fail at once
//! with "i/o on hung-up channel", Plan 9's error for a dead server, so no
//! client hangs. Requests are answered concurrently, so one blocking read
//! does not hold up the others.
//!
//! A program that serves a fileserver of its own and posts it as
//! `/srv/NAME` (the README shows the same; `ramfs` is a full one):
//!
//! ```
//! use std::sync::Arc;
//! use kernel::{served, Fileserver, Proc, Program};
//!
//! fn server(make: fn() -> Arc<dyn Fileserver>) -> Program {
//!     Program::new("myfs", move |p: Proc| async move {
//!         let (client, requests) = served::channel("myfs");
//!         // The post is withdrawn when `post` is dropped, with the process.
//!         let post = match p.post("/srv/myfs", client, "my file server").await {
//!             Ok(post) => post,
//!             Err(_) => return 1,
//!         };
//!         requests.serve(&p, make()).await;
//!         drop(post);
//!         0
//!     })
//! }
//! ```

use std::sync::Arc;

use async_trait::async_trait;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use tokio::sync::{mpsc, oneshot};

use crate::error::{Errno, Error, Result};
use crate::proc::ProcState;
use crate::proto::{Caller, DirEntry, Fileserver, Handle, OpenFlags, OpenResult, Stat, StatChanges};
use crate::syscall::Proc;

/// One protocol call, as a message.
enum Call {
    Open(Caller, String, OpenFlags),
    Read(Caller, Handle, u64, usize),
    Write(Caller, Handle, u64, Vec<u8>),
    Close(Caller, Handle),
    Fstat(Caller, Handle),
    Stat(Caller, String),
    Readdir(Caller, String),
    Mkdir(Caller, String, u32),
    Remove(Caller, String),
    Rename(Caller, String, String),
    Wstat(Caller, String, StatChanges),
}

/// What a call answers.
enum Answer {
    Opened(OpenResult),
    Data(Delivery),
    Count(usize),
    Done,
    Stat(Stat),
    Entries(Vec<DirEntry>),
}

/// A read's data on its way to the reader. If it is dropped before the
/// reader takes it (the reader's call was abandoned between the server's
/// answer and its arrival), the server gets it back through
/// [`Fileserver::unread`], so a read that consumes (a queue's `dequeue`)
/// loses nothing to a note.
struct Delivery {
    data: Vec<u8>,
    back: Option<(Arc<dyn Fileserver>, Caller, Handle)>,
}

impl Delivery {
    fn take(mut self) -> Vec<u8> {
        self.back = None;
        std::mem::take(&mut self.data)
    }
}

impl Drop for Delivery {
    fn drop(&mut self) {
        if let Some((fs, who, h)) = self.back.take()
            && !self.data.is_empty()
        {
            fs.unread(&who, h, std::mem::take(&mut self.data));
        }
    }
}

struct Request {
    call: Call,
    reply: oneshot::Sender<Result<Answer>>,
}

/// The error every call gets once the serving process is gone.
pub fn hungup() -> Error {
    Errno::EHUNGUP.into()
}

/// The client side: a fileserver whose calls go to the serving process.
pub struct Served {
    name: String,
    tx: mpsc::UnboundedSender<Request>,
}

/// The server side, held by the serving process.
pub struct Requests {
    rx: mpsc::UnboundedReceiver<Request>,
}

/// A new channel; `name` is what listings call the client side.
pub fn channel(name: &str) -> (Arc<Served>, Requests) {
    let (tx, rx) = mpsc::unbounded_channel();
    (
        Arc::new(Served {
            name: name.to_string(),
            tx,
        }),
        Requests { rx },
    )
}

impl Served {
    async fn call(&self, call: Call) -> Result<Answer> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(Request { call, reply }).map_err(|_| hungup())?;
        answer.await.map_err(|_| hungup())?
    }
}

/// A reply of the wrong kind would be a bug in this module; answer it as
/// an I/O error rather than panic in a client.
fn mismatch() -> Error {
    Error::with_detail(Errno::EIO, "served: mismatched reply")
}

#[async_trait]
impl Fileserver for Served {
    fn name(&self) -> &str {
        &self.name
    }

    async fn open(&self, who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        match self.call(Call::Open(*who, path.to_string(), flags)).await? {
            Answer::Opened(o) => Ok(o),
            _ => Err(mismatch()),
        }
    }

    async fn read(&self, who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        match self.call(Call::Read(*who, h, offset, count)).await? {
            Answer::Data(d) => Ok(d.take()),
            _ => Err(mismatch()),
        }
    }

    async fn write(&self, who: &Caller, h: Handle, offset: u64, data: &[u8]) -> Result<usize> {
        match self.call(Call::Write(*who, h, offset, data.to_vec())).await? {
            Answer::Count(n) => Ok(n),
            _ => Err(mismatch()),
        }
    }

    async fn close(&self, who: &Caller, h: Handle) -> Result<()> {
        self.call(Call::Close(*who, h)).await.map(|_| ())
    }

    async fn fstat(&self, who: &Caller, h: Handle) -> Result<Stat> {
        match self.call(Call::Fstat(*who, h)).await? {
            Answer::Stat(s) => Ok(s),
            _ => Err(mismatch()),
        }
    }

    async fn stat(&self, who: &Caller, path: &str) -> Result<Stat> {
        match self.call(Call::Stat(*who, path.to_string())).await? {
            Answer::Stat(s) => Ok(s),
            _ => Err(mismatch()),
        }
    }

    async fn readdir(&self, who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match self.call(Call::Readdir(*who, path.to_string())).await? {
            Answer::Entries(e) => Ok(e),
            _ => Err(mismatch()),
        }
    }

    async fn mkdir(&self, who: &Caller, path: &str, perm: u32) -> Result<()> {
        self.call(Call::Mkdir(*who, path.to_string(), perm)).await.map(|_| ())
    }

    async fn remove(&self, who: &Caller, path: &str) -> Result<()> {
        self.call(Call::Remove(*who, path.to_string())).await.map(|_| ())
    }

    async fn rename(&self, who: &Caller, from: &str, to: &str) -> Result<()> {
        self.call(Call::Rename(*who, from.to_string(), to.to_string()))
            .await
            .map(|_| ())
    }

    async fn wstat(&self, who: &Caller, path: &str, changes: &StatChanges) -> Result<()> {
        self.call(Call::Wstat(*who, path.to_string(), *changes))
            .await
            .map(|_| ())
    }
}

impl Requests {
    /// Answer calls with `server` until every client side is gone (or a
    /// note the process catches interrupts it). Run it in the serving
    /// process `p`, which shows as `Pread` while it waits; dropping it
    /// (the process ends) hangs up.
    pub async fn serve(mut self, p: &Proc, server: Arc<dyn Fileserver>) {
        let mut inflight = FuturesUnordered::new();
        loop {
            let next = p.blocking(ProcState::Pread, async { Ok(self.rx.recv().await) });
            tokio::select! {
                req = next => match req {
                    Ok(Some(r)) => inflight.push(answer(server.clone(), r)),
                    Ok(None) | Err(_) => break,
                },
                Some(()) = inflight.next(), if !inflight.is_empty() => {}
            }
        }
        while inflight.next().await.is_some() {}
    }
}

async fn answer(fs: Arc<dyn Fileserver>, mut req: Request) {
    // A reader that gives up (a note interrupted its read) drops its end:
    // the read is dropped with it rather than finished for nobody, so a
    // blocked read of a queue does not go on to take a message no one
    // will see (servers' reads are cancel-safe at their awaits). Other
    // calls run to the end: a close or a write must not be half done.
    let r = if matches!(req.call, Call::Read(..)) {
        tokio::select! {
            r = call(&fs, req.call) => r,
            () = req.reply.closed() => return,
        }
    } else {
        call(&fs, req.call).await
    };
    // The client may have given up since; a read's data then goes back to
    // the server (see `Delivery`).
    let _ = req.reply.send(r);
}

async fn call(fs: &Arc<dyn Fileserver>, call: Call) -> Result<Answer> {
    match call {
        Call::Open(who, path, flags) => fs.open(&who, &path, flags).await.map(Answer::Opened),
        Call::Read(who, h, off, n) => fs.read(&who, h, off, n).await.map(|data| {
            Answer::Data(Delivery {
                data,
                back: Some((fs.clone(), who, h)),
            })
        }),
        Call::Write(who, h, off, data) => fs.write(&who, h, off, &data).await.map(Answer::Count),
        Call::Close(who, h) => fs.close(&who, h).await.map(|_| Answer::Done),
        Call::Fstat(who, h) => fs.fstat(&who, h).await.map(Answer::Stat),
        Call::Stat(who, path) => fs.stat(&who, &path).await.map(Answer::Stat),
        Call::Readdir(who, path) => fs.readdir(&who, &path).await.map(Answer::Entries),
        Call::Mkdir(who, path, perm) => fs.mkdir(&who, &path, perm).await.map(|_| Answer::Done),
        Call::Remove(who, path) => fs.remove(&who, &path).await.map(|_| Answer::Done),
        Call::Rename(who, from, to) => fs.rename(&who, &from, &to).await.map(|_| Answer::Done),
        Call::Wstat(who, path, ch) => fs.wstat(&who, &path, &ch).await.map(|_| Answer::Done),
    }
}
