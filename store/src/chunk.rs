//! Content-defined chunking with pinned parameters.
//!
//! Files of at least [`INLINE_LIMIT`] bytes are cut where the content says
//! (FastCDC 2020, normalization level 1, seed 0), so an insertion near the
//! start of a big file changes one or two chunks, not all that follow. The
//! parameters are part of the format: changing them changes every id of a
//! chunked file, so they are constants, not settings.

use fastcdc::v2020::{FastCDC, Normalization};

/// Files smaller than this are stored inside their file object.
pub const INLINE_LIMIT: usize = 16 * 1024;
pub const MIN_CHUNK: usize = 16 * 1024;
pub const AVG_CHUNK: usize = 64 * 1024;
pub const MAX_CHUNK: usize = 256 * 1024;

/// The chunks of `data`, as slices, in order.
pub fn split(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    FastCDC::with_level(data, MIN_CHUNK, AVG_CHUNK, MAX_CHUNK, Normalization::Level1)
        .map(move |c| &data[c.offset..c.offset + c.length])
}
