//! The `wasi_snapshot_preview1` host: every call of preview1 mapped onto
//! the process's syscall surface ([`kernel::Proc`]).
//!
//! * **fds are the process's fds.** A WASI fd number is the kernel fd
//!   number: 0, 1 and 2 are whatever the shell gave (pipes, the console,
//!   redirections), files the guest opens are kernel opens (in
//!   `/proc/N/fds`, counted against `fds`). Directories the guest opens are
//!   kernel opens too, and the host remembers their names: names below
//!   them resolve through the namespace, so unions and mounts hold.
//! * **One preopen, `/` at fd 3**: the process's namespace root. A kernel
//!   fd 3 the process inherited is moved up first (wasi-libc finds its
//!   preopens by counting from 3 and stops at the first fd that is not
//!   one).
//! * Names are joined to their directory and cleaned as Plan 9 cleans
//!   them (`/..` is `/`): nothing a guest names is outside its namespace.
//! * Clocks and `random_get` are the kernel's (`--seed` runs repeat).

use std::collections::HashMap;
use std::time::Duration;

use kernel::proto::{NodeType, StatChanges};
use kernel::{OpenFlags, Proc, ProcState, SeekFrom};
use wasmtime::{Caller, Linker};

use crate::abi::{self, Errno, Filestat, Mem};
use crate::limits::MemLimiter;

/// The module name of every import this host provides.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// What a guest's store holds: its process and the host's own state.
pub struct Host {
    pub(crate) proc: Proc,
    args: Vec<Vec<u8>>,
    env: Vec<Vec<u8>>,
    /// Directory fds: the name each is open on.
    dirs: HashMap<u32, String>,
    /// The preopens: fd → the name the guest is told.
    preopens: HashMap<u32, String>,
    /// The listing an `fd_readdir` walks through, made at cookie 0.
    listings: HashMap<u32, Vec<Entry>>,
    /// Data `poll_oneoff` read from a stream to learn it was readable;
    /// the next `fd_read` answers it first. An empty buffer is an end of
    /// file seen.
    peeked: HashMap<u32, Vec<u8>>,
    pub(crate) limiter: MemLimiter,
}

/// The preopen's fd.
pub const ROOT_FD: u32 = 3;

struct Entry {
    name: String,
    ino: u64,
    kind: u8,
}

/// `proc_exit`: unwinds the guest with its status.
#[derive(Debug)]
pub struct Exit(pub i32);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}

impl std::error::Error for Exit {}

type Res<T = ()> = Result<T, Errno>;

impl Host {
    /// The host for `p`'s guest: its argv and environment, and `/` open
    /// at fd 3.
    pub async fn new(p: Proc) -> kernel::Result<Host> {
        let cstr = |s: String| {
            let mut v = s.into_bytes();
            v.push(0);
            v
        };
        let args = p.argv().iter().cloned().map(cstr).collect();
        let env = p.environ().into_iter().map(|(k, v)| cstr(format!("{k}={v}"))).collect();
        if p.file(ROOT_FD as kernel::Fd).is_ok() {
            p.dup_min(ROOT_FD as kernel::Fd, ROOT_FD as kernel::Fd + 1)?;
            p.close(ROOT_FD as kernel::Fd).await?;
        }
        let root = p.open_file("/", OpenFlags::READ).await?;
        let fd = p.install(root, ROOT_FD as kernel::Fd, false)?;
        debug_assert_eq!(fd, ROOT_FD as kernel::Fd);
        Ok(Host {
            limiter: MemLimiter::new(p.clone()),
            proc: p,
            args,
            env,
            dirs: HashMap::from([(ROOT_FD, "/".to_string())]),
            preopens: HashMap::from([(ROOT_FD, "/".to_string())]),
            listings: HashMap::new(),
            peeked: HashMap::new(),
        })
    }

    /// The name `path` has below the directory fd `dirfd`.
    fn name_at(&self, dirfd: u32, path: &str) -> Res<String> {
        let Some(dir) = self.dirs.get(&dirfd) else {
            return Err(if self.proc.file(dirfd).is_ok() {
                Errno::NOTDIR
            } else {
                Errno::BADF
            });
        };
        if path.is_empty() {
            return Err(Errno::NOENT);
        }
        let full = kernel::path::resolve(dir, path);
        kernel::path::check(&full)?;
        Ok(full)
    }
}

/// The guest's memory and its host state, borrowed together.
fn parts<'a>(caller: &'a mut Caller<'_, Host>) -> Res<(Mem<'a>, &'a mut Host)> {
    let memory = caller
        .get_export("memory")
        .and_then(|e| e.into_memory())
        .ok_or(Errno::NOSYS)?;
    let (data, host) = memory.data_and_store_mut(caller);
    Ok((Mem(data), host))
}

fn mem<'a>(caller: &'a mut Caller<'_, Host>) -> Res<Mem<'a>> {
    Ok(parts(caller)?.0)
}

fn code(r: Res) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => i32::from(e.0),
    }
}

fn filetype(kind: NodeType) -> u8 {
    match kind {
        NodeType::Dir => abi::FILETYPE_DIRECTORY,
        NodeType::File => abi::FILETYPE_REGULAR_FILE,
        NodeType::Device => abi::FILETYPE_CHARACTER_DEVICE,
    }
}

fn ms_to_ns(ms: u64) -> u64 {
    ms.saturating_mul(1_000_000)
}

fn fd_of(fd: u32) -> kernel::Fd {
    fd as kernel::Fd
}

/// Every function this host provides, registered on `linker`; answers
/// their names (so a module's unknown imports can all be named at once).
pub fn define(linker: &mut Linker<Host>) -> wasmtime::Result<Vec<&'static str>> {
    let mut names = Vec::new();

    macro_rules! sync_fn {
        ($name:literal, |$cx:ident $(, $arg:ident : $ty:ty)*| $body:block) => {{
            names.push($name);
            linker.func_wrap(MODULE, $name, |mut caller: Caller<'_, Host>, $($arg: $ty),*| -> i32 {
                let $cx = &mut caller;
                #[allow(clippy::redundant_closure_call)]
                let r: Res = (|| $body)();
                code(r)
            })?;
        }};
    }
    macro_rules! async_fn {
        ($name:literal, $f:ident ($($arg:ident : $ty:ty),*)) => {{
            names.push($name);
            linker.func_wrap_async(MODULE, $name, |mut caller: Caller<'_, Host>, ($($arg,)*): ($($ty,)*)| {
                Box::new(async move { Ok(code($f(&mut caller, $($arg),*).await)) })
            })?;
        }};
    }

    // ---- args and environment ----
    sync_fn!("args_sizes_get", |cx, argc: u32, size: u32| {
        let (mut m, h) = parts(cx)?;
        let total: usize = h.args.iter().map(Vec::len).sum();
        m.put_u32(argc, abi::len32(h.args.len())?)?;
        m.put_u32(size, abi::len32(total)?)
    });
    sync_fn!("args_get", |cx, argv: u32, buf: u32| {
        let (mut m, h) = parts(cx)?;
        put_strings(&mut m, &h.args, argv, buf)
    });
    sync_fn!("environ_sizes_get", |cx, count: u32, size: u32| {
        let (mut m, h) = parts(cx)?;
        let total: usize = h.env.iter().map(Vec::len).sum();
        m.put_u32(count, abi::len32(h.env.len())?)?;
        m.put_u32(size, abi::len32(total)?)
    });
    sync_fn!("environ_get", |cx, environ: u32, buf: u32| {
        let (mut m, h) = parts(cx)?;
        put_strings(&mut m, &h.env, environ, buf)
    });

    // ---- clocks and randomness ----
    sync_fn!("clock_res_get", |cx, id: u32, out: u32| {
        let res: u64 = match id {
            abi::CLOCK_REALTIME | abi::CLOCK_MONOTONIC => 1,
            // CPU time is counted per poll of the process's task.
            abi::CLOCK_PROCESS_CPUTIME | abi::CLOCK_THREAD_CPUTIME => 1_000,
            _ => return Err(Errno::INVAL),
        };
        mem(cx)?.put_u64(out, res)
    });
    sync_fn!("clock_time_get", |cx, id: u32, _precision: u64, out: u32| {
        let (mut m, h) = parts(cx)?;
        let k = h.proc.kernel();
        let ns: u64 = match id {
            abi::CLOCK_REALTIME => u64::try_from(k.clock.now_ns()).map_err(|_| Errno::OVERFLOW)?,
            abi::CLOCK_MONOTONIC => u64::try_from(k.clock.uptime().as_nanos()).map_err(|_| Errno::OVERFLOW)?,
            abi::CLOCK_PROCESS_CPUTIME | abi::CLOCK_THREAD_CPUTIME => h.proc.process().cpu_ns(),
            _ => return Err(Errno::INVAL),
        };
        m.put_u64(out, ns)
    });
    sync_fn!("random_get", |cx, buf: u32, len: u32| {
        let (mut m, h) = parts(cx)?;
        let out = m.slice_mut(buf, len)?;
        h.proc.kernel().entropy.fill(out);
        Ok(())
    });

    // ---- processes ----
    names.push("proc_exit");
    linker.func_wrap(
        MODULE,
        "proc_exit",
        |_: Caller<'_, Host>, code: u32| -> wasmtime::Result<()> {
            // A status is a byte, as on Unix; WASI's is a u32.
            Err(wasmtime::Error::new(Exit((code & 0xff) as i32)))
        },
    )?;
    sync_fn!("proc_raise", |cx, sig: u32| {
        let h = cx.data();
        let note = kernel::proc::SIGNALS
            .iter()
            .find(|(n, _, _)| *n as u32 == sig)
            .map(|(_, _, note)| *note)
            .ok_or(Errno::INVAL)?;
        h.proc.kill(h.proc.pid(), note)?;
        Ok(())
    });
    async_fn!("sched_yield", sched_yield());
    async_fn!("poll_oneoff", poll_oneoff(subs: u32, events: u32, n: u32, nevents: u32));

    // ---- fds ----
    async_fn!("fd_read", fd_read(fd: u32, iovs: u32, count: u32, nread: u32));
    async_fn!("fd_pread", fd_pread(fd: u32, iovs: u32, count: u32, offset: u64, nread: u32));
    async_fn!("fd_write", fd_write(fd: u32, iovs: u32, count: u32, nwritten: u32));
    async_fn!("fd_pwrite", fd_pwrite(fd: u32, iovs: u32, count: u32, offset: u64, nwritten: u32));
    async_fn!("fd_seek", fd_seek(fd: u32, offset: i64, whence: u32, out: u32));
    async_fn!("fd_tell", fd_tell(fd: u32, out: u32));
    async_fn!("fd_close", fd_close(fd: u32));
    async_fn!("fd_renumber", fd_renumber(from: u32, to: u32));
    async_fn!("fd_fdstat_get", fd_fdstat_get(fd: u32, out: u32));
    sync_fn!("fd_fdstat_set_flags", |cx, fd: u32, flags: u32| {
        let file = cx.data().proc.file(fd_of(fd))?;
        // Open flags are fixed when the file is opened; only asking for
        // what the fd already has succeeds.
        let have = if file.flags.append { abi::FDFLAG_APPEND } else { 0 };
        if flags == have { Ok(()) } else { Err(Errno::NOTSUP) }
    });
    sync_fn!("fd_fdstat_set_rights", |cx, fd: u32, _base: u64, _inheriting: u64| {
        // Rights are not kept: the kernel's permissions decide.
        cx.data().proc.file(fd_of(fd))?;
        Err(Errno::NOTSUP)
    });
    async_fn!("fd_filestat_get", fd_filestat_get(fd: u32, out: u32));
    async_fn!("fd_filestat_set_size", fd_filestat_set_size(fd: u32, size: u64));
    async_fn!("fd_filestat_set_times", fd_filestat_set_times(fd: u32, atim: u64, mtim: u64, flags: u32));
    async_fn!("fd_allocate", fd_allocate(fd: u32, offset: u64, len: u64));
    sync_fn!("fd_advise", |cx, fd: u32, _offset: u64, _len: u64, advice: u32| {
        // Advice is a hint the kernel's in-memory files have no use for.
        cx.data().proc.file(fd_of(fd))?;
        if advice > 5 { Err(Errno::INVAL) } else { Ok(()) }
    });
    // Everything written is in the file system when the write returns.
    sync_fn!("fd_datasync", |cx, fd: u32| {
        cx.data().proc.file(fd_of(fd))?;
        Ok(())
    });
    sync_fn!("fd_sync", |cx, fd: u32| {
        cx.data().proc.file(fd_of(fd))?;
        Ok(())
    });
    sync_fn!("fd_prestat_get", |cx, fd: u32, out: u32| {
        let (mut m, h) = parts(cx)?;
        let name = h.preopens.get(&fd).ok_or(Errno::BADF)?;
        m.put_u32(out, 0)?; // __WASI_PREOPENTYPE_DIR
        m.put_u32(out + 4, abi::len32(name.len())?)
    });
    sync_fn!("fd_prestat_dir_name", |cx, fd: u32, buf: u32, len: u32| {
        let (mut m, h) = parts(cx)?;
        let name = h.preopens.get(&fd).ok_or(Errno::BADF)?;
        if (len as usize) < name.len() {
            return Err(Errno::NAMETOOLONG);
        }
        m.put(buf, name.as_bytes())
    });
    async_fn!("fd_readdir", fd_readdir(fd: u32, buf: u32, len: u32, cookie: u64, used: u32));

    // ---- names ----
    async_fn!("path_open", path_open(dirfd: u32, dirflags: u32, path: u32, path_len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: u32));
    async_fn!("path_create_directory", path_create_directory(dirfd: u32, path: u32, len: u32));
    async_fn!("path_remove_directory", path_remove_directory(dirfd: u32, path: u32, len: u32));
    async_fn!("path_unlink_file", path_unlink_file(dirfd: u32, path: u32, len: u32));
    async_fn!("path_rename", path_rename(fd: u32, old: u32, old_len: u32, fd2: u32, new: u32, new_len: u32));
    async_fn!("path_filestat_get", path_filestat_get(dirfd: u32, flags: u32, path: u32, len: u32, out: u32));
    async_fn!("path_filestat_set_times", path_filestat_set_times(dirfd: u32, flags: u32, path: u32, len: u32, atim: u64, mtim: u64, fst: u32));
    async_fn!("path_readlink", path_readlink(dirfd: u32, path: u32, len: u32, buf: u32, buf_len: u32, used: u32));
    // There are no links in ninebox (specs/links.md).
    sync_fn!("path_link", |_cx,
                           _fd: u32,
                           _flags: u32,
                           _old: u32,
                           _old_len: u32,
                           _fd2: u32,
                           _new: u32,
                           _new_len: u32| {
        Err(Errno::NOTSUP)
    });
    sync_fn!("path_symlink", |_cx,
                              _old: u32,
                              _old_len: u32,
                              _fd: u32,
                              _new: u32,
                              _new_len: u32| {
        Err(Errno::NOTSUP)
    });

    // ---- sockets: none (the network is reached through /net, not here) ----
    sync_fn!("sock_accept", |_cx, _fd: u32, _flags: u32, _out: u32| {
        Err(Errno::NOTSUP)
    });
    sync_fn!("sock_recv", |_cx,
                           _fd: u32,
                           _iovs: u32,
                           _n: u32,
                           _flags: u32,
                           _out: u32,
                           _oflags: u32| {
        Err(Errno::NOTSUP)
    });
    sync_fn!("sock_send", |_cx,
                           _fd: u32,
                           _iovs: u32,
                           _n: u32,
                           _flags: u32,
                           _out: u32| {
        Err(Errno::NOTSUP)
    });
    sync_fn!("sock_shutdown", |_cx, _fd: u32, _how: u32| { Err(Errno::NOTSUP) });

    Ok(names)
}

/// `argv`/`environ`: the pointers into `buf`, then the strings.
fn put_strings(m: &mut Mem<'_>, strings: &[Vec<u8>], ptrs: u32, buf: u32) -> Res {
    let mut at = buf;
    for (i, s) in strings.iter().enumerate() {
        let slot = ptrs.checked_add(abi::len32(i * 4)?).ok_or(Errno::FAULT)?;
        m.put_u32(slot, at)?;
        m.put(at, s)?;
        at = at.checked_add(abi::len32(s.len())?).ok_or(Errno::FAULT)?;
    }
    Ok(())
}

// ---- reading and writing ----

async fn sched_yield(_cx: &mut Caller<'_, Host>) -> Res {
    tokio::task::yield_now().await;
    Ok(())
}

/// The iovecs' buffers, and their total length capped at what one read
/// asks a server for.
fn iov_total(m: &Mem<'_>, iovs: u32, count: u32) -> Res<(Vec<(u32, u32)>, usize)> {
    let v = m.iovecs(iovs, count)?;
    let total = v.iter().map(|&(_, l)| l as usize).sum::<usize>();
    Ok((v, total.min(kernel::syscall::MAX_READ)))
}

fn scatter(m: &mut Mem<'_>, iovs: &[(u32, u32)], mut data: &[u8]) -> Res {
    for &(ptr, len) in iovs {
        if data.is_empty() {
            break;
        }
        let n = data.len().min(len as usize);
        m.put(ptr, &data[..n])?;
        data = &data[n..];
    }
    Ok(())
}

fn gather(m: &Mem<'_>, iovs: u32, count: u32) -> Res<Vec<u8>> {
    let mut out = Vec::new();
    for (ptr, len) in m.iovecs(iovs, count)? {
        out.extend_from_slice(m.slice(ptr, len)?);
    }
    Ok(out)
}

async fn fd_read(cx: &mut Caller<'_, Host>, fd: u32, iovs: u32, count: u32, nread: u32) -> Res {
    let (m, h) = parts(cx)?;
    let (v, total) = iov_total(&m, iovs, count)?;
    if h.dirs.contains_key(&fd) {
        return Err(Errno::ISDIR);
    }
    let data = match h.peeked.remove(&fd) {
        Some(mut buf) => {
            if buf.len() > total {
                let rest = buf.split_off(total);
                h.peeked.insert(fd, rest);
            }
            buf
        }
        None => {
            let p = h.proc.clone();
            p.read(fd_of(fd), total).await?
        }
    };
    let mut m = mem(cx)?;
    scatter(&mut m, &v, &data)?;
    m.put_u32(nread, abi::len32(data.len())?)
}

async fn fd_pread(cx: &mut Caller<'_, Host>, fd: u32, iovs: u32, count: u32, offset: u64, nread: u32) -> Res {
    let (m, h) = parts(cx)?;
    let (v, total) = iov_total(&m, iovs, count)?;
    let p = h.proc.clone();
    let file = p.file(fd_of(fd))?;
    if file.is_stream() {
        return Err(Errno::SPIPE);
    }
    if !file.flags.read {
        return Err(Errno::BADF);
    }
    let who = p.caller();
    let data = p
        .blocking(
            ProcState::Pread,
            file.chan.server.read(&who, file.handle, offset, total),
        )
        .await?;
    let mut m = mem(cx)?;
    scatter(&mut m, &v, &data)?;
    m.put_u32(nread, abi::len32(data.len())?)
}

async fn fd_write(cx: &mut Caller<'_, Host>, fd: u32, iovs: u32, count: u32, nwritten: u32) -> Res {
    let (m, h) = parts(cx)?;
    let data = gather(&m, iovs, count)?;
    let p = h.proc.clone();
    let n = p.write(fd_of(fd), &data).await?;
    mem(cx)?.put_u32(nwritten, abi::len32(n)?)
}

async fn fd_pwrite(cx: &mut Caller<'_, Host>, fd: u32, iovs: u32, count: u32, offset: u64, nwritten: u32) -> Res {
    let (m, h) = parts(cx)?;
    let data = gather(&m, iovs, count)?;
    let p = h.proc.clone();
    let file = p.file(fd_of(fd))?;
    if file.is_stream() {
        return Err(Errno::SPIPE);
    }
    if !file.flags.write {
        return Err(Errno::BADF);
    }
    let who = p.caller();
    let mut done = 0;
    while done < data.len() {
        let at = offset + done as u64;
        let n = p
            .blocking(
                ProcState::Pwrite,
                file.chan.server.write(&who, file.handle, at, &data[done..]),
            )
            .await?;
        if n == 0 {
            return Err(Errno::IO);
        }
        done += n;
    }
    mem(cx)?.put_u32(nwritten, abi::len32(done)?)
}

async fn fd_seek(cx: &mut Caller<'_, Host>, fd: u32, offset: i64, whence: u32, out: u32) -> Res {
    let h = cx.data();
    if h.dirs.contains_key(&fd) {
        return Err(Errno::ISDIR);
    }
    let pos = match whence {
        abi::WHENCE_SET => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::INVAL)?),
        abi::WHENCE_CUR => SeekFrom::Current(offset),
        abi::WHENCE_END => SeekFrom::End(offset),
        _ => return Err(Errno::INVAL),
    };
    let p = h.proc.clone();
    let at = p.seek(fd_of(fd), pos).await?;
    mem(cx)?.put_u64(out, at)
}

async fn fd_tell(cx: &mut Caller<'_, Host>, fd: u32, out: u32) -> Res {
    fd_seek(cx, fd, 0, abi::WHENCE_CUR, out).await
}

async fn fd_close(cx: &mut Caller<'_, Host>, fd: u32) -> Res {
    let h = cx.data_mut();
    let p = h.proc.clone();
    p.close(fd_of(fd)).await?;
    h.dirs.remove(&fd);
    h.preopens.remove(&fd);
    h.listings.remove(&fd);
    h.peeked.remove(&fd);
    Ok(())
}

async fn fd_renumber(cx: &mut Caller<'_, Host>, from: u32, to: u32) -> Res {
    let h = cx.data_mut();
    let p = h.proc.clone();
    p.file(fd_of(from))?;
    if from == to {
        return Ok(());
    }
    p.dup2(fd_of(from), fd_of(to)).await?;
    p.close(fd_of(from)).await?;
    for map in [&mut h.dirs, &mut h.preopens] {
        match map.remove(&from) {
            Some(v) => {
                map.insert(to, v);
            }
            None => {
                map.remove(&to);
            }
        }
    }
    h.listings.remove(&from);
    h.listings.remove(&to);
    h.peeked.remove(&to);
    if let Some(b) = h.peeked.remove(&from) {
        h.peeked.insert(to, b);
    }
    Ok(())
}

async fn fd_fdstat_get(cx: &mut Caller<'_, Host>, fd: u32, out: u32) -> Res {
    let h = cx.data();
    let p = h.proc.clone();
    let is_dir = h.dirs.contains_key(&fd);
    let file = p.file(fd_of(fd))?;
    let (kind, rights) = if is_dir {
        (abi::FILETYPE_DIRECTORY, abi::RIGHTS_ALL)
    } else if file.is_stream() {
        // A stream has no offset: without seek and tell, and a character
        // device only if it is the console, so wasi-libc's isatty answers
        // as a native command's does (the same rule as common::io).
        let console = file.name.contains("cons") && !file.name.starts_with("#|");
        let kind = if console {
            abi::FILETYPE_CHARACTER_DEVICE
        } else {
            abi::FILETYPE_UNKNOWN
        };
        (kind, abi::RIGHTS_ALL & !(abi::RIGHT_FD_SEEK | abi::RIGHT_FD_TELL))
    } else {
        (filetype(file.qid.kind), abi::RIGHTS_ALL)
    };
    let mut rights = rights;
    if !file.flags.read {
        rights &= !abi::RIGHT_FD_READ;
    }
    if !file.flags.write {
        rights &= !abi::RIGHT_FD_WRITE;
    }
    let flags = if file.flags.append {
        abi::FDFLAG_APPEND as u16
    } else {
        0
    };
    let mut m = mem(cx)?;
    m.put_u8(out, kind)?;
    m.put_u16(out + 2, flags)?;
    m.put_u64(out + 8, rights)?;
    m.put_u64(out + 16, abi::RIGHTS_ALL)
}

async fn fd_filestat_get(cx: &mut Caller<'_, Host>, fd: u32, out: u32) -> Res {
    let p = cx.data().proc.clone();
    let file = p.file(fd_of(fd))?;
    let st = p.fstat(fd_of(fd)).await?;
    let kind = if file.is_stream() && !st.is_dir() {
        abi::FILETYPE_CHARACTER_DEVICE
    } else {
        filetype(st.kind)
    };
    let fs = Filestat {
        dev: file.chan.server_id() as u64,
        ino: st.qid,
        filetype: kind,
        size: st.size,
        mtim: ms_to_ns(st.mtime),
        ctim: ms_to_ns(st.ctime.unwrap_or(st.mtime)),
    };
    mem(cx)?.put(out, &fs.encode())
}

/// Change the file behind `fd` through its server.
async fn fd_wstat(p: &Proc, fd: u32, changes: StatChanges) -> Res {
    let file = p.file(fd_of(fd))?;
    let who = p.caller();
    p.blocking(ProcState::Open, file.chan.server.wstat(&who, &file.chan.path, &changes))
        .await?;
    Ok(())
}

async fn fd_filestat_set_size(cx: &mut Caller<'_, Host>, fd: u32, size: u64) -> Res {
    let p = cx.data().proc.clone();
    if !p.file(fd_of(fd))?.flags.write {
        return Err(Errno::BADF);
    }
    fd_wstat(
        &p,
        fd,
        StatChanges {
            size: Some(size),
            ..Default::default()
        },
    )
    .await
}

/// The mtime a `*_set_times` call asks for, in milliseconds (the
/// protocol's unit). Access times are not kept, so asking to set one
/// alone is `ENOTSUP`.
fn mtime_change(p: &Proc, atim: u64, mtim: u64, flags: u32) -> Res<StatChanges> {
    let _ = atim;
    if flags & (abi::FST_ATIM | abi::FST_ATIM_NOW) == (abi::FST_ATIM | abi::FST_ATIM_NOW)
        || flags & (abi::FST_MTIM | abi::FST_MTIM_NOW) == (abi::FST_MTIM | abi::FST_MTIM_NOW)
    {
        return Err(Errno::INVAL);
    }
    let mtime = if flags & abi::FST_MTIM_NOW != 0 {
        Some(p.now_ms())
    } else if flags & abi::FST_MTIM != 0 {
        Some(mtim / 1_000_000)
    } else {
        None
    };
    if mtime.is_none() && flags & (abi::FST_ATIM | abi::FST_ATIM_NOW) != 0 {
        return Err(Errno::NOTSUP);
    }
    Ok(StatChanges {
        mtime,
        ..Default::default()
    })
}

async fn fd_filestat_set_times(cx: &mut Caller<'_, Host>, fd: u32, atim: u64, mtim: u64, flags: u32) -> Res {
    let p = cx.data().proc.clone();
    let changes = mtime_change(&p, atim, mtim, flags)?;
    if changes.is_empty() {
        p.file(fd_of(fd))?;
        return Ok(());
    }
    fd_wstat(&p, fd, changes).await
}

async fn fd_allocate(cx: &mut Caller<'_, Host>, fd: u32, offset: u64, len: u64) -> Res {
    let p = cx.data().proc.clone();
    let file = p.file(fd_of(fd))?;
    if file.is_stream() {
        return Err(Errno::SPIPE);
    }
    if !file.flags.write {
        return Err(Errno::BADF);
    }
    let want = offset.checked_add(len).ok_or(Errno::FBIG)?;
    let st = p.fstat(fd_of(fd)).await?;
    if st.size >= want {
        return Ok(());
    }
    fd_wstat(
        &p,
        fd,
        StatChanges {
            size: Some(want),
            ..Default::default()
        },
    )
    .await
}

async fn fd_readdir(cx: &mut Caller<'_, Host>, fd: u32, buf: u32, len: u32, cookie: u64, used: u32) -> Res {
    let h = cx.data_mut();
    let Some(dir) = h.dirs.get(&fd).cloned() else {
        h.proc.file(fd_of(fd))?;
        return Err(Errno::NOTDIR);
    };
    if cookie == 0 || !h.listings.contains_key(&fd) {
        let p = h.proc.clone();
        let listing = list(&p, &dir).await?;
        cx.data_mut().listings.insert(fd, listing);
    }
    let (mut m, h) = parts(cx)?;
    let entries = &h.listings[&fd];
    let mut at = 0usize;
    let cap = len as usize;
    let start = usize::try_from(cookie).unwrap_or(usize::MAX);
    for (i, e) in entries.iter().enumerate().skip(start) {
        if at >= cap {
            break;
        }
        let mut d = Vec::with_capacity(abi::DIRENT_SIZE + e.name.len());
        d.extend_from_slice(&(i as u64 + 1).to_le_bytes());
        d.extend_from_slice(&e.ino.to_le_bytes());
        d.extend_from_slice(&abi::len32(e.name.len())?.to_le_bytes());
        d.push(e.kind);
        d.extend_from_slice(&[0, 0, 0]);
        d.extend_from_slice(e.name.as_bytes());
        // A truncated last entry tells the guest to ask again with a
        // bigger buffer, as preview1 specifies.
        let n = d.len().min(cap - at);
        m.put(buf + abi::len32(at)?, &d[..n])?;
        at += n;
    }
    m.put_u32(used, abi::len32(at)?)
}

/// A directory's entries as a guest reads them: `.` and `..`, then each
/// name once (a union's first member wins, as a lookup does).
async fn list(p: &Proc, dir: &str) -> Res<Vec<Entry>> {
    let entries = p.readdir(dir).await?;
    let here = p.stat(dir).await?;
    let parent = p.stat(&kernel::path::resolve(dir, "..")).await.unwrap_or(here.clone());
    let mut out = vec![
        Entry {
            name: ".".into(),
            ino: here.qid,
            kind: abi::FILETYPE_DIRECTORY,
        },
        Entry {
            name: "..".into(),
            ino: parent.qid,
            kind: abi::FILETYPE_DIRECTORY,
        },
    ];
    let mut seen = std::collections::HashSet::new();
    for (i, e) in entries.into_iter().enumerate() {
        if !seen.insert(e.name.clone()) {
            continue;
        }
        // The number stat answers for the name, so a guest comparing
        // d_ino with st_ino sees the same file.
        let ino = match p.stat(&kernel::path::resolve(dir, &e.name)).await {
            Ok(st) => st.qid,
            Err(_) => 1 << 63 | i as u64,
        };
        out.push(Entry {
            name: e.name,
            ino,
            kind: filetype(e.kind),
        });
        if i % 256 == 255 {
            tokio::task::yield_now().await;
        }
    }
    Ok(out)
}

// ---- names ----

fn path_arg(cx: &mut Caller<'_, Host>, dirfd: u32, path: u32, len: u32) -> Res<(String, Proc)> {
    let (m, h) = parts(cx)?;
    let name = m.str(path, len)?;
    Ok((h.name_at(dirfd, &name)?, h.proc.clone()))
}

#[allow(clippy::too_many_arguments)]
async fn path_open(
    cx: &mut Caller<'_, Host>,
    dirfd: u32,
    _dirflags: u32,
    path: u32,
    path_len: u32,
    oflags: u32,
    base: u64,
    _inheriting: u64,
    fdflags: u32,
    out: u32,
) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, path_len)?;
    if oflags & !(abi::O_CREAT | abi::O_DIRECTORY | abi::O_EXCL | abi::O_TRUNC) != 0 {
        return Err(Errno::INVAL);
    }
    let known = abi::FDFLAG_APPEND | abi::FDFLAG_DSYNC | abi::FDFLAG_NONBLOCK | abi::FDFLAG_RSYNC | abi::FDFLAG_SYNC;
    if fdflags & !known != 0 {
        return Err(Errno::INVAL);
    }
    let write = base & abi::RIGHT_FD_WRITE != 0;
    let read = base & abi::RIGHT_FD_READ != 0 || !write;
    let flags = OpenFlags {
        read,
        write,
        create: oflags & abi::O_CREAT != 0,
        exclusive: oflags & abi::O_EXCL != 0,
        truncate: oflags & abi::O_TRUNC != 0,
        append: fdflags & abi::FDFLAG_APPEND != 0,
        rclose: false,
        perm: 0o666,
    };
    let existing = p.stat(&name).await;
    let is_dir = matches!(&existing, Ok(st) if st.is_dir());
    if oflags & abi::O_DIRECTORY != 0 {
        match &existing {
            Ok(_) if !is_dir => return Err(Errno::NOTDIR),
            Err(e) => return Err(Errno::from(e.clone())),
            Ok(_) => {}
        }
    }
    if is_dir && (write || flags.create && flags.exclusive) {
        return Err(if flags.exclusive { Errno::EXIST } else { Errno::ISDIR });
    }
    let file = p.open_file(&name, if is_dir { OpenFlags::READ } else { flags }).await?;
    // Every write here completes before it returns, which is what the
    // sync flags ask; a stream cannot be made non-blocking.
    if fdflags & abi::FDFLAG_NONBLOCK != 0 && file.is_stream() {
        return Err(Errno::NOTSUP);
    }
    let fd = p.install(file, 0, false)?;
    let h = cx.data_mut();
    if is_dir {
        h.dirs.insert(fd, name);
    }
    h.listings.remove(&fd);
    h.peeked.remove(&fd);
    mem(cx)?.put_u32(out, fd)
}

async fn path_create_directory(cx: &mut Caller<'_, Host>, dirfd: u32, path: u32, len: u32) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    p.mkdir(&name, 0o777).await?;
    Ok(())
}

async fn path_remove_directory(cx: &mut Caller<'_, Host>, dirfd: u32, path: u32, len: u32) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    if !p.stat(&name).await?.is_dir() {
        return Err(Errno::NOTDIR);
    }
    p.remove(&name).await?;
    Ok(())
}

async fn path_unlink_file(cx: &mut Caller<'_, Host>, dirfd: u32, path: u32, len: u32) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    if p.stat(&name).await?.is_dir() {
        return Err(Errno::ISDIR);
    }
    p.remove(&name).await?;
    Ok(())
}

async fn path_rename(
    cx: &mut Caller<'_, Host>,
    fd: u32,
    old: u32,
    old_len: u32,
    fd2: u32,
    new: u32,
    new_len: u32,
) -> Res {
    let (from, p) = path_arg(cx, fd, old, old_len)?;
    let (to, _) = path_arg(cx, fd2, new, new_len)?;
    p.rename(&from, &to).await?;
    Ok(())
}

async fn path_filestat_get(cx: &mut Caller<'_, Host>, dirfd: u32, _flags: u32, path: u32, len: u32, out: u32) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    let chan = p.chan(&name).await?;
    let st = p.stat(&name).await?;
    let fs = Filestat {
        dev: chan.server_id() as u64,
        ino: st.qid,
        filetype: filetype(st.kind),
        size: st.size,
        mtim: ms_to_ns(st.mtime),
        ctim: ms_to_ns(st.ctime.unwrap_or(st.mtime)),
    };
    mem(cx)?.put(out, &fs.encode())
}

#[allow(clippy::too_many_arguments)]
async fn path_filestat_set_times(
    cx: &mut Caller<'_, Host>,
    dirfd: u32,
    _flags: u32,
    path: u32,
    len: u32,
    atim: u64,
    mtim: u64,
    fst: u32,
) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    let changes = mtime_change(&p, atim, mtim, fst)?;
    if changes.is_empty() {
        p.stat(&name).await?;
        return Ok(());
    }
    p.wstat(&name, &changes).await?;
    Ok(())
}

async fn path_readlink(
    cx: &mut Caller<'_, Host>,
    dirfd: u32,
    path: u32,
    len: u32,
    _buf: u32,
    _buf_len: u32,
    _used: u32,
) -> Res {
    let (name, p) = path_arg(cx, dirfd, path, len)?;
    // Nothing is a symbolic link: readlink of a file is EINVAL, as Linux
    // answers for a file that is not one.
    p.stat(&name).await?;
    Err(Errno::INVAL)
}

// ---- poll_oneoff ----

enum Sub {
    Clock { userdata: u64, after: Duration },
    Read { userdata: u64, fd: u32 },
    Write { userdata: u64, fd: u32 },
}

struct Event {
    userdata: u64,
    error: Errno,
    kind: u8,
    nbytes: u64,
    hangup: bool,
}

fn parse_subs(m: &Mem<'_>, h: &Host, subs: u32, n: u32) -> Res<Vec<Sub>> {
    let mut out = Vec::with_capacity(n.min(1024) as usize);
    for i in 0..n {
        let at = subs
            .checked_add(i.checked_mul(abi::SUBSCRIPTION_SIZE).ok_or(Errno::FAULT)?)
            .ok_or(Errno::FAULT)?;
        let userdata = m.u64(at)?;
        let tag = m.slice(at + 8, 1)?[0];
        match tag {
            abi::EVENT_CLOCK => {
                let id = m.u32(at + 16)?;
                let timeout = m.u64(at + 24)?;
                let flags = m.u16(at + 40)?;
                let k = h.proc.kernel();
                let now = match id {
                    abi::CLOCK_REALTIME => k.clock.now_ns(),
                    abi::CLOCK_MONOTONIC => k.clock.uptime().as_nanos(),
                    _ => return Err(Errno::INVAL),
                };
                let after = if flags & abi::SUBCLOCK_ABSTIME != 0 {
                    Duration::from_nanos(u64::try_from(u128::from(timeout).saturating_sub(now)).unwrap_or(u64::MAX))
                } else {
                    Duration::from_nanos(timeout)
                };
                out.push(Sub::Clock { userdata, after });
            }
            abi::EVENT_FD_READ => out.push(Sub::Read {
                userdata,
                fd: m.u32(at + 16)?,
            }),
            abi::EVENT_FD_WRITE => out.push(Sub::Write {
                userdata,
                fd: m.u32(at + 16)?,
            }),
            _ => return Err(Errno::INVAL),
        }
    }
    Ok(out)
}

/// The event a subscription has now, if it is ready without waiting:
/// files are always ready (nbytes: what is left to read); a stream is
/// ready to read once data or its end was seen; writes are reported ready
/// at once (a full pipe then blocks the write itself).
async fn ready_now(p: &Proc, h: &Host, s: &Sub) -> Option<Event> {
    let ev = |userdata, kind, r: Result<(u64, bool), Errno>| {
        let (nbytes, hangup, error) = match r {
            Ok((n, hup)) => (n, hup, Errno::SUCCESS),
            Err(e) => (0, false, e),
        };
        Event {
            userdata,
            error,
            kind,
            nbytes,
            hangup,
        }
    };
    match *s {
        Sub::Clock { userdata, after } if after.is_zero() => Some(ev(userdata, abi::EVENT_CLOCK, Ok((0, false)))),
        Sub::Clock { .. } => None,
        Sub::Write { userdata, fd } => {
            let r = p.file(fd_of(fd)).map_err(Errno::from).and_then(|f| {
                if f.flags.write {
                    Ok((0, false))
                } else {
                    Err(Errno::BADF)
                }
            });
            Some(ev(userdata, abi::EVENT_FD_WRITE, r))
        }
        Sub::Read { userdata, fd } => {
            if let Some(b) = h.peeked.get(&fd) {
                return Some(ev(userdata, abi::EVENT_FD_READ, Ok((b.len() as u64, b.is_empty()))));
            }
            let file = match p.file(fd_of(fd)) {
                Ok(f) => f,
                Err(e) => return Some(ev(userdata, abi::EVENT_FD_READ, Err(e.into()))),
            };
            if !file.flags.read {
                return Some(ev(userdata, abi::EVENT_FD_READ, Err(Errno::BADF)));
            }
            if file.is_stream() {
                return None;
            }
            let left = match p.fstat(fd_of(fd)).await {
                Ok(st) => Ok((st.size.saturating_sub(file.offset()), false)),
                Err(e) => Err(e.into()),
            };
            Some(ev(userdata, abi::EVENT_FD_READ, left))
        }
    }
}

async fn poll_oneoff(cx: &mut Caller<'_, Host>, subs: u32, events: u32, n: u32, nevents: u32) -> Res {
    if n == 0 {
        return Err(Errno::INVAL);
    }
    let (m, h) = parts(cx)?;
    let list = parse_subs(&m, h, subs, n)?;
    let p = h.proc.clone();
    let mut ready = Vec::new();
    for s in &list {
        if let Some(e) = ready_now(&p, h, s).await {
            ready.push(e);
        }
    }
    if ready.is_empty() {
        ready.push(wait_one(&p, &list, cx).await?);
    }
    let mut m = mem(cx)?;
    for (i, e) in ready.iter().enumerate() {
        let at = events + abi::len32(i)? * abi::EVENT_SIZE;
        m.put(at, &[0u8; abi::EVENT_SIZE as usize])?;
        m.put_u64(at, e.userdata)?;
        m.put_u16(at + 8, e.error.0)?;
        m.put_u8(at + 10, e.kind)?;
        if e.kind != abi::EVENT_CLOCK {
            m.put_u64(at + 16, e.nbytes)?;
            m.put_u16(at + 24, if e.hangup { abi::EVENT_HANGUP } else { 0 })?;
        }
    }
    m.put_u32(nevents, abi::len32(ready.len())?)
}

/// Wait for the first of: a timeout, or data (or an end) on a stream.
/// The data read is kept for the next `fd_read`; the reads not finished
/// are dropped (every kernel read is cancel-safe).
async fn wait_one(p: &Proc, list: &[Sub], cx: &mut Caller<'_, Host>) -> Res<Event> {
    use futures_util::future::{FutureExt, select_all};
    type Wait<'a> =
        std::pin::Pin<Box<dyn std::future::Future<Output = (u64, u8, u32, kernel::Result<Vec<u8>>)> + Send + 'a>>;
    let mut waits: Vec<Wait<'_>> = Vec::new();
    for s in list {
        match *s {
            Sub::Clock { userdata, after } => waits.push(Box::pin(async move {
                let r = p.sleep(after).await.map(|()| Vec::new());
                (userdata, abi::EVENT_CLOCK, 0, r)
            })),
            Sub::Read { userdata, fd } => waits.push(Box::pin(async move {
                // A chunk like a command's read: what the guest asks for
                // next is served from it.
                let r = p.read(fd_of(fd), 64 * 1024).await;
                (userdata, abi::EVENT_FD_READ, fd, r)
            })),
            Sub::Write { .. } => {}
        }
    }
    if waits.is_empty() {
        return Err(Errno::INVAL);
    }
    let ((userdata, kind, fd, r), _, rest) = select_all(waits).map(|x| x).await;
    drop(rest);
    match (kind, r) {
        (abi::EVENT_CLOCK, Ok(_)) => Ok(Event {
            userdata,
            error: Errno::SUCCESS,
            kind,
            nbytes: 0,
            hangup: false,
        }),
        (_, Ok(data)) => {
            let n = data.len() as u64;
            cx.data_mut().peeked.insert(fd, data);
            Ok(Event {
                userdata,
                error: Errno::SUCCESS,
                kind,
                nbytes: n,
                hangup: n == 0,
            })
        }
        (abi::EVENT_CLOCK, Err(e)) => Err(e.into()),
        (_, Err(e)) => Ok(Event {
            userdata,
            error: e.into(),
            kind,
            nbytes: 0,
            hangup: false,
        }),
    }
}
