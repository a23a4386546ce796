//! `kernel::path::clean` (Plan 9's cleanname) on any name: never panics,
//! is idempotent, keeps a rooted name rooted, and leaves no empty, `.` or
//! (in a rooted name) `..` element.
#![no_main]

use kernel::path::clean;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    let c = clean(&name);
    assert_eq!(clean(&c), c, "clean is idempotent on {name:?}");
    assert!(!c.is_empty());
    if name.starts_with('/') {
        assert!(c.starts_with('/'), "{name:?} -> {c:?}");
        assert!(!c.split('/').skip(1).any(|e| e == ".."), "{name:?} -> {c:?}");
    }
    if c.len() > 1 && !c.starts_with('#') {
        let body = c.strip_prefix('/').unwrap_or(&c);
        assert!(!body.split('/').any(|e| e.is_empty() || e == "."), "{name:?} -> {c:?}");
    }
});
