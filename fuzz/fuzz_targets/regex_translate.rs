//! The GNU regex translation (`common::regex`: BRE and ERE, with sed's
//! escapes and case folding) on any pattern: translating, compiling and
//! searching never panic, and matches lie within the text.
#![no_main]

use common::regex::{Options, Regex, Syntax};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (pat, hay) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &b"the quick brown fox"[..]),
    };
    let mut opts = Options::new(if flags & 1 == 0 { Syntax::Basic } else { Syntax::Extended });
    opts.icase = flags & 2 != 0;
    opts.escapes = flags & 4 != 0;
    let Ok(re) = Regex::new(pat, opts) else {
        return;
    };
    if let Some((a, b)) = re.find_at(hay, 0) {
        assert!(a <= b && b <= hay.len());
        assert!(re.is_match(hay));
    }
    if let Some(c) = re.captures_at(hay, 0) {
        drop(c);
    }
});
