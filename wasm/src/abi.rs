//! The `wasi_snapshot_preview1` ABI: its numbers, the layouts of the
//! structures guests pass by pointer, and bounds-checked access to a
//! guest's linear memory.

use kernel::Errno as K;

/// A WASI errno (`__wasi_errno_t`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Errno(pub u16);

impl Errno {
    pub const SUCCESS: Errno = Errno(0);
    pub const TOOBIG: Errno = Errno(1);
    pub const ACCES: Errno = Errno(2);
    pub const AGAIN: Errno = Errno(6);
    pub const BADF: Errno = Errno(8);
    pub const BUSY: Errno = Errno(10);
    pub const CHILD: Errno = Errno(12);
    pub const EXIST: Errno = Errno(20);
    pub const FAULT: Errno = Errno(21);
    pub const FBIG: Errno = Errno(22);
    pub const ILSEQ: Errno = Errno(25);
    pub const INTR: Errno = Errno(27);
    pub const INVAL: Errno = Errno(28);
    pub const IO: Errno = Errno(29);
    pub const ISDIR: Errno = Errno(31);
    pub const LOOP: Errno = Errno(32);
    pub const MFILE: Errno = Errno(33);
    pub const NAMETOOLONG: Errno = Errno(37);
    pub const NOENT: Errno = Errno(44);
    pub const NOEXEC: Errno = Errno(45);
    pub const NOMEM: Errno = Errno(48);
    pub const NOSPC: Errno = Errno(51);
    pub const NOSYS: Errno = Errno(52);
    pub const NOTDIR: Errno = Errno(54);
    pub const NOTEMPTY: Errno = Errno(55);
    pub const NOTSUP: Errno = Errno(58);
    pub const OVERFLOW: Errno = Errno(61);
    pub const PERM: Errno = Errno(63);
    pub const PIPE: Errno = Errno(64);
    pub const RANGE: Errno = Errno(68);
    pub const SPIPE: Errno = Errno(70);
    pub const SRCH: Errno = Errno(71);
    pub const XDEV: Errno = Errno(75);
}

impl From<kernel::Error> for Errno {
    fn from(e: kernel::Error) -> Errno {
        from_kernel(e.code())
    }
}

/// The WASI code for a kernel error code.
pub fn from_kernel(e: K) -> Errno {
    match e {
        K::EPERM => Errno::PERM,
        K::ENOENT => Errno::NOENT,
        K::ESRCH => Errno::SRCH,
        K::EINTR => Errno::INTR,
        K::EIO | K::EHUNGUP => Errno::IO,
        K::E2BIG => Errno::TOOBIG,
        K::ENOEXEC => Errno::NOEXEC,
        K::EBADF => Errno::BADF,
        K::ECHILD => Errno::CHILD,
        K::EAGAIN => Errno::AGAIN,
        K::ENOMEM => Errno::NOMEM,
        K::EACCES => Errno::ACCES,
        K::EBUSY => Errno::BUSY,
        K::EEXIST => Errno::EXIST,
        K::EXDEV => Errno::XDEV,
        K::ENOTDIR => Errno::NOTDIR,
        K::EISDIR => Errno::ISDIR,
        K::EINVAL => Errno::INVAL,
        K::EMFILE => Errno::MFILE,
        K::EFBIG => Errno::FBIG,
        K::ENOSPC => Errno::NOSPC,
        K::ESPIPE => Errno::SPIPE,
        K::EPIPE => Errno::PIPE,
        K::ERANGE => Errno::RANGE,
        K::ENAMETOOLONG => Errno::NAMETOOLONG,
        K::ENOSYS => Errno::NOSYS,
        K::ENOTEMPTY => Errno::NOTEMPTY,
        K::ELOOP => Errno::LOOP,
    }
}

// `__wasi_filetype_t`
pub const FILETYPE_UNKNOWN: u8 = 0;
pub const FILETYPE_CHARACTER_DEVICE: u8 = 2;
pub const FILETYPE_DIRECTORY: u8 = 3;
pub const FILETYPE_REGULAR_FILE: u8 = 4;

// `__wasi_clockid_t`
pub const CLOCK_REALTIME: u32 = 0;
pub const CLOCK_MONOTONIC: u32 = 1;
pub const CLOCK_PROCESS_CPUTIME: u32 = 2;
pub const CLOCK_THREAD_CPUTIME: u32 = 3;

// `__wasi_whence_t`
pub const WHENCE_SET: u32 = 0;
pub const WHENCE_CUR: u32 = 1;
pub const WHENCE_END: u32 = 2;

// `__wasi_oflags_t`
pub const O_CREAT: u32 = 1;
pub const O_DIRECTORY: u32 = 2;
pub const O_EXCL: u32 = 4;
pub const O_TRUNC: u32 = 8;

// `__wasi_fdflags_t`
pub const FDFLAG_APPEND: u32 = 1;
pub const FDFLAG_DSYNC: u32 = 2;
pub const FDFLAG_NONBLOCK: u32 = 4;
pub const FDFLAG_RSYNC: u32 = 8;
pub const FDFLAG_SYNC: u32 = 16;

// `__wasi_fstflags_t`
pub const FST_ATIM: u32 = 1;
pub const FST_ATIM_NOW: u32 = 2;
pub const FST_MTIM: u32 = 4;
pub const FST_MTIM_NOW: u32 = 8;

// `__wasi_rights_t`
pub const RIGHT_FD_READ: u64 = 1 << 1;
pub const RIGHT_FD_SEEK: u64 = 1 << 2;
pub const RIGHT_FD_TELL: u64 = 1 << 5;
pub const RIGHT_FD_WRITE: u64 = 1 << 6;
/// Every right preview1 defines.
pub const RIGHTS_ALL: u64 = (1 << 30) - 1;

// `__wasi_eventtype_t`
pub const EVENT_CLOCK: u8 = 0;
pub const EVENT_FD_READ: u8 = 1;
pub const EVENT_FD_WRITE: u8 = 2;

/// `__WASI_SUBSCRIPTION_CLOCK_ABSTIME`
pub const SUBCLOCK_ABSTIME: u16 = 1;
/// `__WASI_EVENTRWFLAGS_FD_READWRITE_HANGUP`
pub const EVENT_HANGUP: u16 = 1;

pub const SUBSCRIPTION_SIZE: u32 = 48;
pub const EVENT_SIZE: u32 = 32;
pub const DIRENT_SIZE: usize = 24;
pub const FILESTAT_SIZE: usize = 64;

/// A guest's linear memory, every access checked against its size
/// (`EFAULT` outside it).
pub struct Mem<'a>(pub &'a mut [u8]);

impl Mem<'_> {
    pub fn slice(&self, ptr: u32, len: u32) -> Result<&[u8], Errno> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::FAULT)?;
        self.0.get(start..end).ok_or(Errno::FAULT)
    }

    pub fn slice_mut(&mut self, ptr: u32, len: u32) -> Result<&mut [u8], Errno> {
        let start = ptr as usize;
        let end = start.checked_add(len as usize).ok_or(Errno::FAULT)?;
        self.0.get_mut(start..end).ok_or(Errno::FAULT)
    }

    pub fn u16(&self, ptr: u32) -> Result<u16, Errno> {
        Ok(u16::from_le_bytes(self.slice(ptr, 2)?.try_into().expect("2 bytes")))
    }

    pub fn u32(&self, ptr: u32) -> Result<u32, Errno> {
        Ok(u32::from_le_bytes(self.slice(ptr, 4)?.try_into().expect("4 bytes")))
    }

    pub fn u64(&self, ptr: u32) -> Result<u64, Errno> {
        Ok(u64::from_le_bytes(self.slice(ptr, 8)?.try_into().expect("8 bytes")))
    }

    pub fn put(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Errno> {
        self.slice_mut(ptr, len32(bytes.len())?)?.copy_from_slice(bytes);
        Ok(())
    }

    pub fn put_u8(&mut self, ptr: u32, v: u8) -> Result<(), Errno> {
        self.put(ptr, &[v])
    }

    pub fn put_u16(&mut self, ptr: u32, v: u16) -> Result<(), Errno> {
        self.put(ptr, &v.to_le_bytes())
    }

    pub fn put_u32(&mut self, ptr: u32, v: u32) -> Result<(), Errno> {
        self.put(ptr, &v.to_le_bytes())
    }

    pub fn put_u64(&mut self, ptr: u32, v: u64) -> Result<(), Errno> {
        self.put(ptr, &v.to_le_bytes())
    }

    /// A string the guest passed as (pointer, length): UTF-8 or `EILSEQ`.
    pub fn str(&self, ptr: u32, len: u32) -> Result<String, Errno> {
        let b = self.slice(ptr, len)?;
        String::from_utf8(b.to_vec()).map_err(|_| Errno::ILSEQ)
    }

    /// The `(buf, len)` pairs of an iovec array.
    pub fn iovecs(&self, ptr: u32, count: u32) -> Result<Vec<(u32, u32)>, Errno> {
        let mut out = Vec::with_capacity(count.min(1024) as usize);
        for i in 0..count {
            let at = ptr
                .checked_add(i.checked_mul(8).ok_or(Errno::FAULT)?)
                .ok_or(Errno::FAULT)?;
            out.push((self.u32(at)?, self.u32(at.checked_add(4).ok_or(Errno::FAULT)?)?));
        }
        Ok(out)
    }
}

/// A length as the ABI's u32, or `EOVERFLOW`.
pub fn len32(n: usize) -> Result<u32, Errno> {
    u32::try_from(n).map_err(|_| Errno::OVERFLOW)
}

/// A `__wasi_filestat_t`.
pub struct Filestat {
    pub dev: u64,
    pub ino: u64,
    pub filetype: u8,
    pub size: u64,
    /// Nanoseconds since the epoch.
    pub mtim: u64,
    pub ctim: u64,
}

impl Filestat {
    pub fn encode(&self) -> [u8; FILESTAT_SIZE] {
        let mut b = [0u8; FILESTAT_SIZE];
        b[0..8].copy_from_slice(&self.dev.to_le_bytes());
        b[8..16].copy_from_slice(&self.ino.to_le_bytes());
        b[16] = self.filetype;
        b[24..32].copy_from_slice(&1u64.to_le_bytes()); // nlink: no links here
        b[32..40].copy_from_slice(&self.size.to_le_bytes());
        // No access times are kept: atim is the modification time.
        b[40..48].copy_from_slice(&self.mtim.to_le_bytes());
        b[48..56].copy_from_slice(&self.mtim.to_le_bytes());
        b[56..64].copy_from_slice(&self.ctim.to_le_bytes());
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_code_has_a_wasi_code() {
        for e in K::ALL {
            assert_ne!(from_kernel(e), Errno::SUCCESS, "{e:?}");
        }
        assert_eq!(from_kernel(K::ENOENT), Errno::NOENT);
    }

    #[test]
    fn memory_access_is_checked() {
        let mut buf = vec![0u8; 16];
        let mut m = Mem(&mut buf);
        assert_eq!(m.put_u32(12, 7), Ok(()));
        assert_eq!(m.u32(12), Ok(7));
        assert_eq!(m.put_u32(13, 7), Err(Errno::FAULT));
        assert_eq!(m.slice(u32::MAX, 2).err(), Some(Errno::FAULT));
        assert_eq!(m.iovecs(8, 2).err(), Some(Errno::FAULT));
        m.put(0, b"hi").unwrap();
        assert_eq!(m.str(0, 2).unwrap(), "hi");
        m.put(0, &[0xff]).unwrap();
        assert_eq!(m.str(0, 1).err(), Some(Errno::ILSEQ));
    }
}
