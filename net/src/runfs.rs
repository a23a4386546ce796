//! RunFs: the files through which a client outside starts programs in a
//! running system (`ninebox run`, `ninebox attach`), in the clone style
//! of Plan 9's `/net`.
//!
//! ```text
//! /clone        open: a new session N, and reading it answers "N\n";
//!               closing it ends the session (its shell gets `hangup`)
//! /N/ctl        write "run\nSCRIPT" (sh -c SCRIPT) or "attach" (sh -i);
//!               write "note NAME" to post a note to the shell's group;
//!               read: the shell's pid
//! /N/stdin      written bytes are the shell's fd 0; closing it is EOF
//! /N/stdout     the shell's fd 1, read until EOF
//! /N/stderr     the shell's fd 2
//! /N/status     read blocks until the shell exits: "N\n", its status
//! ```
//!
//! Served over 9P like any file, so the control protocol needs nothing
//! but the exporter; the sessions' shells are children of the process
//! that serves this, in its namespace.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use kernel::{
    Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFile, OpenFlags, OpenResult, Opened, Pid, Proc,
    Qid, Result, Rfork, SpawnOpts, Stat, Target,
};
use parking_lot::Mutex;
use rustc_hash::FxHashMap;
use tokio::sync::watch;

/// The files of a session directory.
const FILES: [&str; 5] = ["ctl", "stdin", "stdout", "stderr", "status"];

pub struct RunFs {
    /// The process whose children the shells are.
    proc: Proc,
    sessions: Mutex<BTreeMap<u32, Arc<Session>>>,
    next_session: Mutex<u32>,
    handles: Mutex<FxHashMap<u64, Open>>,
    next_handle: AtomicU64,
}

struct Session {
    id: u32,
    pid: Mutex<Option<Pid>>,
    /// The ends this side holds: the shell's stdin (write end), stdout
    /// and stderr (read ends). Stdin is let go when its file is closed.
    stdin: Mutex<Option<Arc<OpenFile>>>,
    stdout: Arc<OpenFile>,
    stderr: Arc<OpenFile>,
    /// The shell's ends, until it starts.
    child: Mutex<Option<[Arc<OpenFile>; 3]>>,
    status: watch::Sender<Option<i32>>,
}

#[derive(Clone)]
enum Open {
    Clone(Arc<Session>),
    File(Arc<Session>, &'static str),
    Dir,
}

impl RunFs {
    pub fn new(proc: Proc) -> Arc<RunFs> {
        Arc::new(RunFs {
            proc,
            sessions: Mutex::new(BTreeMap::new()),
            next_session: Mutex::new(0),
            handles: Mutex::new(FxHashMap::default()),
            next_handle: AtomicU64::new(1),
        })
    }

    fn session(&self, id: &str) -> Result<Arc<Session>> {
        id.parse()
            .ok()
            .and_then(|id| self.sessions.lock().get(&id).cloned())
            .ok_or_else(|| Errno::ENOENT.into())
    }

    /// What `path` names: the root, clone, a session dir, a session file.
    fn lookup(&self, path: &str) -> Result<(Option<Arc<Session>>, &'static str)> {
        let elems: Vec<&str> = kernel::path::elements(path).collect();
        match elems.as_slice() {
            [] => Ok((None, "/")),
            ["clone"] => Ok((None, "clone")),
            [id] => Ok((Some(self.session(id)?), "")),
            [id, file] => {
                let file = FILES.iter().find(|f| *f == file).ok_or(Errno::ENOENT)?;
                Ok((Some(self.session(id)?), file))
            }
            _ => Err(Errno::ENOENT.into()),
        }
    }

    fn new_session(&self) -> Arc<Session> {
        let id = {
            let mut n = self.next_session.lock();
            *n += 1;
            *n
        };
        let (stdin_r, stdin_w) = self.proc.pipe_files();
        let (stdout_r, stdout_w) = self.proc.pipe_files();
        let (stderr_r, stderr_w) = self.proc.pipe_files();
        let s = Arc::new(Session {
            id,
            pid: Mutex::new(None),
            stdin: Mutex::new(Some(stdin_w)),
            stdout: stdout_r,
            stderr: stderr_r,
            child: Mutex::new(Some([stdin_r, stdout_w, stderr_w])),
            status: watch::channel(None).0,
        });
        self.sessions.lock().insert(id, s.clone());
        s
    }

    fn end_session(&self, s: &Session) {
        self.sessions.lock().remove(&s.id);
        s.stdin.lock().take();
        if let Some(pid) = *s.pid.lock() {
            let _ = self.proc.kernel().post_note_group(pid, "hangup");
        }
    }

    /// Start the session's shell with `argv`.
    async fn start(&self, s: &Arc<Session>, argv: Vec<String>) -> Result<()> {
        let Some(ends) = s.child.lock().take() else {
            return Err(Error::with_detail(Errno::EBUSY, "session already started"));
        };
        // The ends go in our table for the spawn to map them to the
        // child's 0, 1 and 2, and leave it right after.
        let mut installed = Vec::new();
        let mut failed = None;
        for f in ends {
            match self.proc.install(f, 10, true) {
                Ok(fd) => installed.push(fd),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let spawned = match failed {
            Some(e) => Err(e),
            None => {
                let opts = SpawnOpts {
                    argv,
                    fd_map: (0..).zip(installed.iter().map(|&fd| Some(fd))).collect(),
                    rfork: Rfork {
                        new_note_group: true,
                        ..Rfork::FORK
                    },
                    ..Default::default()
                };
                self.proc.spawn(Target::Path("/bin/sh".into()), opts).await
            }
        };
        for fd in installed {
            let _ = self.proc.close(fd).await;
        }
        let pid = spawned?;
        *s.pid.lock() = Some(pid);
        let proc = self.proc.clone();
        let status = s.status.clone();
        tokio::spawn(async move {
            let code = proc.wait(pid).await.map_or(1, |st| st.code);
            status.send_replace(Some(code));
        });
        Ok(())
    }

    async fn ctl(&self, s: &Arc<Session>, data: &[u8]) -> Result<()> {
        let text = std::str::from_utf8(data).map_err(|_| Error::with_detail(Errno::EINVAL, "ctl: not UTF-8"))?;
        let (verb, rest) = text.split_once('\n').unwrap_or((text, ""));
        match verb.trim_end().split_once(' ').unwrap_or((verb.trim_end(), "")) {
            ("run", "") => {
                let argv = vec!["sh".into(), "-c".into(), rest.to_string()];
                self.start(s, argv).await
            }
            ("attach", "") => self.start(s, vec!["sh".into(), "-i".into()]).await,
            ("note", note) if !note.is_empty() => {
                let pid = (*s.pid.lock()).ok_or_else(|| Error::with_detail(Errno::ESRCH, "process exited"))?;
                self.proc.kernel().post_note_group(pid, note);
                Ok(())
            }
            _ => Err(Error::with_detail(
                Errno::EINVAL,
                format!("ctl: invalid message '{verb}': expected run, attach or note NAME"),
            )),
        }
    }

    fn qid(&self, s: Option<&Session>, file: &str) -> Qid {
        let index = match file {
            "/" => 0,
            "clone" => 1,
            "" => 2,
            f => 3 + FILES.iter().position(|x| *x == f).unwrap_or(0) as u64,
        };
        let kind = match file {
            "/" | "" => NodeType::Dir,
            "stdout" | "stderr" | "status" | "stdin" => NodeType::Device,
            _ => NodeType::File,
        };
        Qid {
            path: u64::from(s.map_or(0, |s| s.id)) << 8 | index,
            version: 0,
            kind,
        }
    }

    fn handle(&self, h: Handle) -> Result<Open> {
        self.handles
            .lock()
            .get(&h.0)
            .cloned()
            .ok_or_else(|| Errno::EBADF.into())
    }
}

#[async_trait]
impl Fileserver for RunFs {
    fn name(&self) -> &str {
        "runfs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        let (s, file) = self
            .lookup(path)
            .map_err(|e| if flags.create { Errno::EACCES.into() } else { e })?;
        let open = match (s, file) {
            (None, "clone") => Open::Clone(self.new_session()),
            (_, "/" | "") if flags.write => return Err(Errno::EISDIR.into()),
            (_, "/" | "") => Open::Dir,
            (Some(s), f) => {
                let ok = match f {
                    "ctl" => true,
                    "stdin" => !flags.read,
                    _ => !flags.write,
                };
                if !ok {
                    return Err(Errno::EACCES.into());
                }
                Open::File(s, f)
            }
            (None, _) => return Err(Errno::ENOENT.into()),
        };
        let qid = match &open {
            Open::Clone(s) => self.qid(Some(s), "clone"),
            Open::File(s, f) => self.qid(Some(s), f),
            Open::Dir => self.qid(None, "/"),
        };
        let h = self.next_handle.fetch_add(1, Ordering::Relaxed);
        self.handles.lock().insert(h, open);
        Ok(Opened { handle: Handle(h), qid }.into())
    }

    async fn read(&self, who: &Caller, h: Handle, offset: u64, count: usize) -> Result<Vec<u8>> {
        let text = |t: String| -> Vec<u8> {
            let b = t.into_bytes();
            b.get(offset as usize..)
                .unwrap_or_default()
                .iter()
                .take(count)
                .copied()
                .collect()
        };
        match self.handle(h)? {
            Open::Clone(s) => Ok(text(format!("{}\n", s.id))),
            Open::Dir => Err(Errno::EISDIR.into()),
            Open::File(s, "ctl") => Ok(text(s.pid.lock().map_or(String::new(), |p| format!("{p}\n")))),
            Open::File(s, "stdout") => s.stdout.chan.server.read(who, s.stdout.handle, 0, count).await,
            Open::File(s, "stderr") => s.stderr.chan.server.read(who, s.stderr.handle, 0, count).await,
            Open::File(s, "status") => {
                let mut rx = s.status.subscribe();
                let code = *rx
                    .wait_for(Option::is_some)
                    .await
                    .map_err(|_| Error::from(Errno::EHUNGUP))?;
                Ok(text(format!("{}\n", code.unwrap_or(1))))
            }
            Open::File(..) => Err(Errno::EBADF.into()),
        }
    }

    async fn write(&self, who: &Caller, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        match self.handle(h)? {
            Open::File(s, "ctl") => self.ctl(&s, data).await.map(|()| data.len()),
            Open::File(s, "stdin") => {
                let Some(w) = s.stdin.lock().clone() else {
                    return Err(Errno::EPIPE.into());
                };
                w.chan.server.write(who, w.handle, 0, data).await
            }
            _ => Err(Errno::EBADF.into()),
        }
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        let open = self.handles.lock().remove(&h.0).ok_or(Errno::EBADF)?;
        match open {
            Open::Clone(s) => self.end_session(&s),
            Open::File(s, "stdin") => {
                if let Some(w) = s.stdin.lock().take() {
                    drop(w);
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        let (s, file) = self.lookup(path)?;
        let qid = self.qid(s.as_deref(), file);
        let name = match (&s, file) {
            (Some(s), "") => s.id.to_string(),
            (_, f) => f.to_string(),
        };
        let mut st = Stat::new(name, qid.kind, 0, 0);
        st.qid = qid.path;
        st.mode = Some(match file {
            "/" | "" => 0o555,
            "ctl" | "clone" => 0o660,
            "stdin" => 0o220,
            _ => 0o440,
        });
        st.uid = Some(self.proc.caller().uid);
        st.gid = Some(self.proc.caller().gid);
        Ok(st)
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match self.lookup(path)? {
            (None, "/") => {
                let mut out = vec![DirEntry::new("clone", NodeType::File)];
                out.extend(
                    self.sessions
                        .lock()
                        .keys()
                        .map(|id| DirEntry::new(id.to_string(), NodeType::Dir)),
                );
                Ok(out)
            }
            (Some(_), "") => Ok(FILES
                .iter()
                .map(|f| DirEntry::new(*f, if *f == "ctl" { NodeType::File } else { NodeType::Device }))
                .collect()),
            _ => Err(Errno::ENOTDIR.into()),
        }
    }
}
