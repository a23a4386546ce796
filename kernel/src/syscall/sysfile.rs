//! Files: open, read, write, stat, directories, pipes and fds (Plan 9's
//! `sysfile.c`).

use std::sync::Arc;

use super::{MAX_READ, Proc, SeekFrom, parent_and_elem};
use crate::chan::{Chan, Rename};
use crate::error::{Errno, Error, Result};
use crate::fd::{self, Fd, FdEntry, OpenFile};
use crate::ns::{Last, Loc};
use crate::pipe::{Pipe, READ_END, WRITE_END};
use crate::proc::ProcState;
use crate::proto::{DirEntry, Fileserver, OpenFlags, Stat, StatChanges};

impl Proc {
    /// Open (or create, with `flags.create`) a file; answers the lowest
    /// free fd.
    pub async fn open(&self, name: &str, flags: OpenFlags) -> Result<Fd> {
        let file = self.open_file(name, flags).await?;
        self.install(file, 0, false)
    }

    /// Open a file without giving it an fd (the record can be installed
    /// later, or handed to another process).
    pub async fn open_file(&self, name: &str, mut flags: OpenFlags) -> Result<Arc<OpenFile>> {
        let name = self.abs(name)?;
        flags.validate()?;
        let chan = if flags.create {
            self.create_target(&name).await?
        } else {
            self.walk(&name, Last::Translate).await?.chan().clone()
        };
        flags.perm &= !self.me.umask() & 0o7777;
        let who = self.caller();
        let answer = self
            .blocking(ProcState::Open, chan.server.open(&who, &chan.path, flags))
            .await?;
        OpenFile::from_open(chan, answer, flags, name)
    }

    /// Put an open file in the table at the lowest free fd at or above
    /// `min`.
    pub fn install(&self, file: Arc<OpenFile>, min: Fd, cloexec: bool) -> Result<Fd> {
        self.fd_group()
            .lock()
            .alloc(FdEntry { file, cloexec }, min, self.max_fds())
    }

    /// The open file behind `fd`.
    pub fn file(&self, fd: Fd) -> Result<Arc<OpenFile>> {
        self.fd_group().lock().get(fd)
    }

    pub async fn read(&self, fd: Fd, count: usize) -> Result<Vec<u8>> {
        let file = self.file(fd)?;
        self.blocking(ProcState::Pread, file.read(&self.caller(), count.min(MAX_READ)))
            .await
    }

    /// Write all of `data`. A note caught part-way answers the count
    /// written so far; writing to a pipe nobody reads fails with `EPIPE` and
    /// posts `sys: write on closed pipe` to the writer.
    pub async fn write(&self, fd: Fd, data: &[u8]) -> Result<usize> {
        let file = self.file(fd)?;
        let who = self.caller();
        let mut done = 0;
        while done < data.len() {
            match self
                .blocking(ProcState::Pwrite, file.write_some(&who, &data[done..]))
                .await
            {
                Ok(0) => return Err(Error::with_detail(Errno::EIO, "short write")),
                Ok(n) => done += n,
                Err(e) if e.is(Errno::EINTR) && done > 0 => return Ok(done),
                Err(e) => {
                    if e.is(Errno::EPIPE) {
                        let _ = self.me.post_note("sys: write on closed pipe");
                    }
                    return Err(e);
                }
            }
        }
        Ok(done)
    }

    pub async fn close(&self, fd: Fd) -> Result<()> {
        let entry = self.fd_group().lock().remove(fd)?;
        fd::release(entry.file, &self.caller()).await
    }

    pub async fn seek(&self, fd: Fd, pos: SeekFrom) -> Result<u64> {
        let file = self.file(fd)?;
        if file.is_stream() {
            return Err(Errno::ESPIPE.into());
        }
        let base: i128 = match pos {
            SeekFrom::Start(n) => {
                file.set_offset(n);
                return Ok(n);
            }
            SeekFrom::Current(d) => i128::from(file.offset()) + i128::from(d),
            SeekFrom::End(d) => i128::from(self.fstat(fd).await?.size) + i128::from(d),
        };
        let off = u64::try_from(base).map_err(|_| Error::new(Errno::EINVAL))?;
        file.set_offset(off);
        Ok(off)
    }

    /// The channel `name` resolves to (a union's first member), for a
    /// program that talks to the server behind a name itself: the 9P
    /// exporter tells files of different servers apart by it.
    pub async fn chan(&self, name: &str) -> Result<Chan> {
        let name = self.abs(name)?;
        Ok(self.walk(&name, Last::Translate).await?.chan().clone())
    }

    pub async fn stat(&self, name: &str) -> Result<Stat> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        let mut st = self
            .blocking(ProcState::Open, chan.server.stat(&who, &chan.path))
            .await?;
        st.name = crate::path::base(&name).to_string();
        Ok(st)
    }

    /// Stat an open file: its server answers for the file the handle is
    /// open on, whatever it is called now.
    pub async fn fstat(&self, fd: Fd) -> Result<Stat> {
        let file = self.file(fd)?;
        let who = self.caller();
        self.blocking(ProcState::Open, file.stat(&who)).await
    }

    /// List a directory. A union lists every member in order, duplicates
    /// included (as Plan 9 does); a member that fails is skipped unless
    /// every member fails.
    pub async fn readdir(&self, name: &str) -> Result<Vec<DirEntry>> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let who = self.caller();
        self.blocking(ProcState::Open, async {
            let mut out = Vec::new();
            let mut first_err = None;
            let mut any_ok = false;
            for c in loc.chans() {
                match c.server.readdir(&who, &c.path).await {
                    Ok(entries) => {
                        any_ok = true;
                        out.extend(entries);
                    }
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            match (any_ok, first_err) {
                (false, Some(e)) => Err(e),
                _ => Ok(out),
            }
        })
        .await
    }

    /// Make a directory; `perm` is masked by the umask.
    pub async fn mkdir(&self, name: &str, perm: u32) -> Result<()> {
        let name = self.abs(name)?;
        if parent_and_elem(&name).is_none() {
            return Err(Errno::EEXIST.into());
        }
        let chan = self.create_target(&name).await?;
        let who = self.caller();
        let perm = perm & !self.me.umask() & 0o7777;
        self.blocking(ProcState::Open, chan.server.mkdir(&who, &chan.path, perm))
            .await
    }

    pub async fn remove(&self, name: &str) -> Result<()> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        self.blocking(ProcState::Open, chan.server.remove(&who, &chan.path))
            .await
    }

    /// Rename within one server; between two servers `EXDEV`.
    /// A mount point cannot be renamed, nor renamed onto (`EBUSY`, as
    /// Linux answers). After the server renames, every mount point and
    /// member at or under the old name, in every namespace, follows the
    /// file to its new name (see `Kernel::renamed`).
    pub async fn rename(&self, from: &str, to: &str) -> Result<()> {
        let from = self.abs(from)?;
        let to = self.abs(to)?;
        if parent_and_elem(&from).is_none() || parent_and_elem(&to).is_none() {
            return Err(Errno::EBUSY.into());
        }
        let src = match self.walk(&from, Last::Translate).await? {
            Loc::Plain(c) => c,
            Loc::Mounted(_) => return Err(mount_point_busy()),
        };
        if let Ok(Loc::Mounted(_)) = self.walk(&to, Last::Translate).await {
            return Err(mount_point_busy());
        }
        let dst = self.create_target(&to).await?;
        if src.server_id() != dst.server_id() {
            return Err(Errno::EXDEV.into());
        }
        let who = self.caller();
        self.blocking(ProcState::Open, src.server.rename(&who, &src.path, &dst.path))
            .await?;
        self.kernel.renamed(&Rename {
            server: src.server_id(),
            from: src.path,
            to: dst.path,
            from_name: from,
            to_name: to,
        });
        Ok(())
    }

    pub async fn wstat(&self, name: &str, changes: &StatChanges) -> Result<()> {
        let name = self.abs(name)?;
        let loc = self.walk(&name, Last::Translate).await?;
        let chan = loc.chan();
        let who = self.caller();
        self.blocking(ProcState::Open, chan.server.wstat(&who, &chan.path, changes))
            .await
    }

    pub async fn chdir(&self, name: &str) -> Result<()> {
        let name = self.abs(name)?;
        let st = self.stat(&name).await?;
        if !st.is_dir() {
            return Err(Errno::ENOTDIR.into());
        }
        self.me.groups.lock().cwd = name.into();
        Ok(())
    }

    /// The name an fd was opened by (Plan 9's fd2path).
    pub fn fd_name(&self, fd: Fd) -> Result<String> {
        Ok(self.file(fd)?.name.clone())
    }

    pub fn set_cloexec(&self, fd: Fd, on: bool) -> Result<()> {
        self.fd_group().lock().set_cloexec(fd, on)
    }

    /// The fds open in this process, in order.
    pub fn fds(&self) -> Vec<Fd> {
        self.fd_group().lock().iter().map(|(fd, _)| fd).collect()
    }

    pub fn umask(&self) -> u32 {
        self.me.umask()
    }

    /// Set the umask, answering the old one.
    pub fn set_umask(&self, mask: u32) -> u32 {
        std::mem::replace(&mut self.me.groups.lock().umask, mask & 0o777)
    }

    /// Make a pipe: answers (read end, write end).
    pub fn pipe(&self) -> Result<(Fd, Fd)> {
        let (r, w) = self.pipe_files();
        let table = self.fd_group();
        let mut t = table.lock();
        let max = self.max_fds();
        let rfd = t.alloc(
            FdEntry {
                file: r,
                cloexec: false,
            },
            0,
            max,
        )?;
        match t.alloc(
            FdEntry {
                file: w,
                cloexec: false,
            },
            0,
            max,
        ) {
            Ok(wfd) => Ok((rfd, wfd)),
            Err(e) => {
                // Dropping the read end closes it in the background.
                let _ = t.remove(rfd);
                Err(e)
            }
        }
    }

    /// The two open files of a new pipe, not yet in any table.
    pub fn pipe_files(&self) -> (Arc<OpenFile>, Arc<OpenFile>) {
        let pipe: Arc<dyn Fileserver> = Arc::new(Pipe::new(self.me.limit(|l| l.pipe_capacity)));
        let end = |h, name: &str, flags| {
            OpenFile::new(
                Chan::new(pipe.clone(), format!("/{name}")),
                h,
                Pipe::qid(h),
                flags,
                format!("#|/{name}"),
            )
        };
        let r = end(READ_END, "data", OpenFlags::READ);
        let w = end(
            WRITE_END,
            "data1",
            OpenFlags {
                read: false,
                write: true,
                ..OpenFlags::READ
            },
        );
        (r, w)
    }

    /// A read-only, seekable open file holding `data` (heredocs,
    /// here-strings), named `name` in listings.
    pub fn open_bytes(&self, data: Vec<u8>, name: &str) -> Arc<OpenFile> {
        let blob = crate::blob::Blob::new(data);
        let opened = blob.open_data();
        let server: Arc<dyn Fileserver> = Arc::new(blob);
        OpenFile::new(
            Chan::new(server, "/data"),
            opened.handle,
            opened.qid,
            OpenFlags::READ,
            name.to_string(),
        )
    }

    /// Duplicate `fd` to the lowest free number.
    pub fn dup(&self, fd: Fd) -> Result<Fd> {
        self.dup_min(fd, 0)
    }

    /// Duplicate `fd` to the lowest free number at or above `min`.
    pub fn dup_min(&self, fd: Fd, min: Fd) -> Result<Fd> {
        let max = self.max_fds();
        let table = self.fd_group();
        let mut t = table.lock();
        let file = t.get(fd)?;
        t.alloc(FdEntry { file, cloexec: false }, min, max)
    }

    /// Make `new` refer to what `old` refers to, closing what `new` had.
    pub async fn dup2(&self, old: Fd, new: Fd) -> Result<Fd> {
        let max = self.max_fds();
        let previous = {
            let table = self.fd_group();
            let mut t = table.lock();
            let file = t.get(old)?;
            if old == new {
                return Ok(new);
            }
            t.install(new, FdEntry { file, cloexec: false }, max)?
        };
        if let Some(e) = previous {
            let _ = fd::release(e.file, &self.caller()).await;
        }
        Ok(new)
    }

    /// Read a whole file.
    pub async fn read_file(&self, name: &str) -> Result<Vec<u8>> {
        let fd = self.open(name, OpenFlags::READ).await?;
        let r = self.read_to_end(fd).await;
        let _ = self.close(fd).await;
        r
    }

    /// Read from `fd` until end of file.
    pub async fn read_to_end(&self, fd: Fd) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let chunk = self.read(fd, 64 * 1024).await?;
            if chunk.is_empty() {
                return Ok(out);
            }
            if out.is_empty() {
                out = chunk;
            } else {
                out.extend_from_slice(&chunk);
            }
        }
    }

    /// Create or truncate a file and write `data` to it.
    pub async fn write_file(&self, name: &str, data: &[u8]) -> Result<()> {
        let fd = self.open(name, OpenFlags::WRITE).await?;
        let r = self.write(fd, data).await;
        let c = self.close(fd).await;
        r?;
        c
    }
}

fn mount_point_busy() -> Error {
    Error::with_detail(Errno::EBUSY, "mount point busy")
}
