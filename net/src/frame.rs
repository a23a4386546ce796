//! Reading whole 9P frames off a byte stream, for both ends.

use kernel::{Errno, Error, Result};
use tokio::io::AsyncReadExt;

use crate::dial::ReadHalf;

/// Why [`read_frame`] stopped.
pub(crate) fn hungup() -> Error {
    Errno::EHUNGUP.into()
}

/// Read one frame of at most `max` bytes into `buf` and answer it. A size
/// field out of range is an error before anything past it is read, so a
/// peer cannot make us buffer more than `max` bytes.
pub(crate) async fn read_frame<'b>(r: &mut ReadHalf, buf: &'b mut Vec<u8>, max: u32) -> Result<&'b [u8]> {
    buf.clear();
    buf.resize(4, 0);
    r.read_exact(&mut buf[..4]).await.map_err(|_| hungup())?;
    if let Err(e) = p9::frame_len(buf, max) {
        return Err(Error::with_detail(Errno::EIO, format!("9P protocol botch: {e}")));
    }
    let size = u32::from_le_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
    buf.resize(size, 0);
    r.read_exact(&mut buf[4..]).await.map_err(|_| hungup())?;
    Ok(&buf[..])
}
