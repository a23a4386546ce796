//! Shell and fnmatch patterns (`common::pattern`) on any pattern and text:
//! parsing and every kind of match never panic, and a found match lies
//! within the text.
#![no_main]

use common::pattern::Pattern;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pat, s) = text.split_once('\0').unwrap_or((&text, "abc"));
    let p = Pattern::parse(pat);
    let whole = p.matches(s);
    let chars: Vec<char> = s.chars().collect();
    assert_eq!(whole, p.matches_chars(&chars));
    for longest in [false, true] {
        if let Some(n) = p.match_prefix(&chars, longest) {
            assert!(n <= chars.len());
        }
        if let Some(n) = p.match_suffix(&chars, longest) {
            assert!(n <= chars.len());
        }
    }
    if let Some((a, b)) = p.find(&chars, 0) {
        assert!(a <= b && b <= chars.len());
    }
    if let Some(lit) = p.as_literal() {
        assert_eq!(p.matches(&lit), true, "a literal pattern matches itself");
    }
});
