//! The 9P2000 decoder on arbitrary bytes: it never panics, and a frame it
//! accepts re-encodes to exactly the bytes it came from (the decoder is
//! strict, so there is one encoding per message).
#![no_main]

use libfuzzer_sys::fuzz_target;
use p9::{Rmsg, Stat, Tmsg, frame_len};

fuzz_target!(|data: &[u8]| {
    if let Ok(Some(n)) = frame_len(data, u32::MAX) {
        assert!(n <= data.len() && n >= p9::HEADER);
    }
    if let Ok((tag, m)) = Tmsg::decode(data) {
        let mut out = Vec::new();
        m.encode(tag, &mut out).expect("a decoded request encodes");
        assert_eq!(out, data);
    }
    if let Ok((tag, m)) = Rmsg::decode(data) {
        let mut out = Vec::new();
        m.encode(tag, &mut out).expect("a decoded reply encodes");
        assert_eq!(out, data);
    }
    if let Ok(records) = Stat::decode_all(data) {
        let mut out = Vec::new();
        for st in &records {
            st.encode(&mut out).expect("a decoded record encodes");
        }
        assert_eq!(out, data);
    }
});
