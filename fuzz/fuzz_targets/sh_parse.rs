//! The shell's parser on any script: it answers a tree or a syntax error,
//! never panics, never overflows the stack (its nesting limit holds).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sh::parse::Parser;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let _ = Parser::new(&src, 1, true).parse_all();
});
