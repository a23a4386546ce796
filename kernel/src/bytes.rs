//! Byte copies for the hot paths (file reads and writes, pipes).
//!
//! glibc copies blocks of about 4 KiB and more with `rep movsb`. On the AMD
//! EPYC machines ninebox is developed and benchmarked on, `rep movsb` takes
//! 25 times longer (1.4 µs instead of 55 ns for 4 KiB) when the destination
//! starts a few bytes after the source modulo 4 KiB, and that is exactly
//! where malloc puts a new buffer copied from an old one of the same size.
//! Copying in 2 KiB pieces keeps glibc on its vector loop, which measured
//! as fast or faster at every size from 2 KiB to 1 MiB (specs/kernel-bench.md).

/// Pieces small enough for glibc's vector copy loop.
const PIECE: usize = 2048;

/// Append `src` to `v`.
pub fn extend(v: &mut Vec<u8>, src: &[u8]) {
    if src.len() <= PIECE {
        v.extend_from_slice(src);
        return;
    }
    v.reserve(src.len());
    for piece in src.chunks(PIECE) {
        v.extend_from_slice(piece);
    }
}

/// A new vector holding a copy of `src`.
pub fn to_vec(src: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(src.len());
    extend(&mut v, src);
    v
}

/// Copy `src` over `dst` (same length).
pub fn copy(dst: &mut [u8], src: &[u8]) {
    assert_eq!(dst.len(), src.len(), "copy between slices of different lengths");
    if src.len() <= PIECE {
        dst.copy_from_slice(src);
        return;
    }
    for (d, s) in dst.chunks_mut(PIECE).zip(src.chunks(PIECE)) {
        d.copy_from_slice(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_exact() {
        for len in [0, 1, 2047, 2048, 2049, 4096, 10_000] {
            let src: Vec<u8> = (0..len).map(|i| (i % 253) as u8).collect();
            assert_eq!(to_vec(&src), src);
            let mut dst = vec![0; len];
            copy(&mut dst, &src);
            assert_eq!(dst, src);
            let mut v = vec![9];
            extend(&mut v, &src);
            assert_eq!(&v[1..], &src[..]);
        }
    }
}
