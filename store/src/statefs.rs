//! StateFs (`#S`): the store as seen from inside the system.
//!
//! The host grants a store (`--state`, the library API); processes reach
//! it only through this server, which offers the operations the host
//! allows on that one workspace and nothing else: no path to the store
//! file, no other branch's credentials.
//!
//! One file, `ctl`. A client opens it read-write, writes one request, and
//! reads the reply (Plan 9's ctl-file convention, one request per open).
//! A request is its words separated by NUL bytes, so messages and names
//! need no quoting:
//!
//! | request | reply |
//! |---|---|
//! | `snapshot` MSG NAME | the new commit's id (NAME may be empty) |
//! | `log` | one line per commit: id, UTC time, size, names, message |
//! | `restore` NAME | the id restored |
//! | `diff` A B | `A`/`D`/`M`, a tab, the path; one line per change |
//!
//! A request that fails fails the `write`, with the store's message.

use std::sync::Arc;

use async_trait::async_trait;
use kernel::proto::OpenResult;
use kernel::{Caller, DirEntry, Errno, Error, Fileserver, Handle, NodeType, OpenFlags, Opened, Qid, Result, Stat};
use parking_lot::Mutex;
use rustc_hash::FxHashMap as HashMap;

use crate::object::Namespace;
use crate::repo::ChangeKind;
use crate::workspace::{LogEntry, Workspace};

pub struct StateFs {
    ws: Arc<Workspace>,
    /// The namespace record written with each snapshot.
    namespace: Namespace,
    replies: Mutex<Replies>,
}

#[derive(Default)]
struct Replies {
    next: u64,
    /// Per open: the reply not yet read.
    open: HashMap<u64, Vec<u8>>,
}

const CTL_QID: u64 = 1;

impl StateFs {
    pub fn new(ws: Arc<Workspace>, namespace: Namespace) -> StateFs {
        StateFs {
            ws,
            namespace,
            replies: Mutex::new(Replies {
                next: 1,
                ..Default::default()
            }),
        }
    }

    async fn request(&self, words: &[&str]) -> crate::Result<String> {
        match words {
            ["snapshot", msg, name] => {
                let name = Some(*name).filter(|n| !n.is_empty());
                let id = self.ws.snapshot(msg, name, self.namespace.clone()).await?;
                Ok(format!("{id}\n"))
            }
            ["log"] => Ok(self.ws.log().await?.iter().map(log_line).collect()),
            ["restore", name] => Ok(format!("{}\n", self.ws.restore(name).await?)),
            ["diff", a, b] => {
                let mut out = String::new();
                for c in self.ws.diff(a, b).await? {
                    let tag = match c.what {
                        ChangeKind::Added => 'A',
                        ChangeKind::Removed => 'D',
                        ChangeKind::Changed => 'M',
                    };
                    out.push_str(&format!("{tag}\t{}\n", c.path));
                }
                Ok(out)
            }
            _ => Err(crate::StoreError::BadName(format!(
                "{:?} (unknown request)",
                words.join(" ")
            ))),
        }
    }
}

/// `3f2a1b4c5d6e  2026-12-07 08:05:43  1.2K  (main, v1) message`
fn log_line(e: &LogEntry) -> String {
    let names = if e.names.is_empty() {
        String::new()
    } else {
        format!("({}) ", e.names.join(", "))
    };
    let message = e.commit.message.replace('\n', " ");
    format!(
        "{}  {}  {:>5}  {names}{message}\n",
        e.id.short(),
        utc(e.commit.time),
        human(e.size)
    )
}

/// `YYYY-MM-DD HH:MM:SS` in UTC for milliseconds since the epoch.
pub fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Howard Hinnant's civil_from_days.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Sizes as `ls -h` prints them.
pub fn human(n: u64) -> String {
    const UNITS: [&str; 6] = ["K", "M", "G", "T", "P", "E"];
    if n < 1024 {
        return n.to_string();
    }
    let mut v = n as f64;
    let mut unit = 0;
    v /= 1024.0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if v < 10.0 {
        format!("{:.1}{}", (v * 10.0).ceil() / 10.0, UNITS[unit])
    } else {
        format!("{}{}", v.ceil() as u64, UNITS[unit])
    }
}

fn ctl_stat() -> Stat {
    Stat {
        mode: Some(0o666),
        qid: CTL_QID,
        ..Stat::new("ctl", NodeType::Device, 0, 0)
    }
}

#[async_trait]
impl Fileserver for StateFs {
    fn name(&self) -> &str {
        "statefs"
    }

    async fn open(&self, _who: &Caller, path: &str, flags: OpenFlags) -> Result<OpenResult> {
        flags.validate()?;
        match path {
            "/ctl" => {}
            "/" if !flags.writes() => {}
            "/" => return Err(Errno::EISDIR.into()),
            _ if flags.create => return Err(Errno::EPERM.into()),
            _ => return Err(Errno::ENOENT.into()),
        }
        let kind = if path == "/" { NodeType::Dir } else { NodeType::Device };
        let mut r = self.replies.lock();
        let h = r.next;
        r.next += 1;
        r.open.insert(h, Vec::new());
        Ok(Opened {
            handle: Handle(h),
            qid: Qid {
                path: if kind.is_dir() { 0 } else { CTL_QID },
                version: 0,
                kind,
            },
        }
        .into())
    }

    async fn write(&self, _who: &Caller, h: Handle, _offset: u64, data: &[u8]) -> Result<usize> {
        if !self.replies.lock().open.contains_key(&h.0) {
            return Err(Errno::EBADF.into());
        }
        let text = std::str::from_utf8(data).map_err(|_| Error::with_detail(Errno::EINVAL, "request is not UTF-8"))?;
        let words: Vec<&str> = text.split('\0').collect();
        let reply = self.request(&words).await?;
        match self.replies.lock().open.get_mut(&h.0) {
            Some(slot) => *slot = reply.into_bytes(),
            None => return Err(Errno::EBADF.into()),
        }
        Ok(data.len())
    }

    /// The reply, consumed as it is read (ctl is a stream: offsets mean
    /// nothing, and the request's write must not move where it starts).
    async fn read(&self, _who: &Caller, h: Handle, _offset: u64, count: usize) -> Result<Vec<u8>> {
        let mut r = self.replies.lock();
        let reply = r.open.get_mut(&h.0).ok_or(Errno::EBADF)?;
        let n = count.min(reply.len());
        Ok(reply.drain(..n).collect())
    }

    async fn close(&self, _who: &Caller, h: Handle) -> Result<()> {
        self.replies
            .lock()
            .open
            .remove(&h.0)
            .map(|_| ())
            .ok_or_else(|| Errno::EBADF.into())
    }

    async fn stat(&self, _who: &Caller, path: &str) -> Result<Stat> {
        match path {
            "/" => Ok(Stat {
                mode: Some(0o555),
                ..Stat::new("/", NodeType::Dir, 0, 0)
            }),
            "/ctl" => Ok(ctl_stat()),
            _ => Err(Errno::ENOENT.into()),
        }
    }

    async fn readdir(&self, _who: &Caller, path: &str) -> Result<Vec<DirEntry>> {
        match path {
            "/" => Ok(vec![DirEntry::new("ctl", NodeType::Device)]),
            "/ctl" => Err(Errno::ENOTDIR.into()),
            _ => Err(Errno::ENOENT.into()),
        }
    }
}
