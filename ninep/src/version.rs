//! Version negotiation (version(5)).

/// The only protocol spoken.
pub const VERSION: &str = "9P2000";

/// The smallest msize worth speaking: room for a walk of a few names or a
/// stat record. lib9p refuses less the same way.
pub const MIN_MSIZE: u32 = 256;

/// Answer a Tversion: the msize is the client's offer clamped to `max`, the
/// version `9P2000` for `9P2000` and any `9P2000.ext` (the extension is
/// dropped), `unknown` for anything else. An msize too small to carry
/// a message is `Err` with the text to answer in Rerror.
pub fn negotiate(offered_msize: u32, offered: &str, max: u32) -> Result<(u32, &'static str), &'static str> {
    let base = offered.split('.').next().unwrap_or("");
    let version = if base == VERSION { VERSION } else { "unknown" };
    let msize = offered_msize.min(max);
    if version == VERSION && msize < MIN_MSIZE {
        return Err("version: message size too small");
    }
    Ok((msize, version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_fall_back_to_9p2000() {
        assert_eq!(negotiate(8192, "9P2000.u", 65536), Ok((8192, "9P2000")));
        assert_eq!(negotiate(8192, "9P2000.L", 65536), Ok((8192, "9P2000")));
        assert_eq!(negotiate(8192, "9P2000", 65536), Ok((8192, "9P2000")));
    }

    #[test]
    fn other_versions_are_unknown() {
        for v in ["9P1999", "9P", "", "styx", "9P2000u", ".9P2000"] {
            assert_eq!(negotiate(8192, v, 65536).unwrap().1, "unknown", "{v}");
        }
    }

    #[test]
    fn msize_is_clamped_to_the_server() {
        assert_eq!(negotiate(1 << 30, "9P2000", 1 << 20), Ok((1 << 20, "9P2000")));
        assert!(negotiate(100, "9P2000", 1 << 20).is_err());
    }
}
