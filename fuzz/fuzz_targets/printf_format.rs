//! `common::printf::format` (printf(1), the shell's builtin, seq -f) on
//! any format and arguments: it never panics, and the text stays within the
//! budget it was given.
#![no_main]

use common::limits::Budget;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The format, then its arguments, separated by NULs.
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let fmt = parts.next().unwrap_or_default();
    let args: Vec<String> = parts.map(str::to_string).collect();
    let budget = Budget { max: 1 << 20 };
    let out = common::printf::format(fmt, &args, budget);
    assert!(out.text.len() <= budget.max + 64, "{} bytes", out.text.len());
});
