//! The shell's arithmetic (`$((...))`, `((...))`, `let`) on any expression,
//! with variables that refer to expressions in turn: never panics or
//! overflows the stack; errors are messages.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use sh::arith::{Vars, eval};

#[derive(Default)]
struct Map(HashMap<String, String>);

impl Vars for Map {
    fn get(&mut self, name: &str, index: Option<&str>) -> Result<String, String> {
        let key = match index {
            Some(i) => format!("{name}[{i}]"),
            None => name.to_string(),
        };
        Ok(self.0.get(&key).cloned().unwrap_or_default())
    }
    fn set(&mut self, name: &str, index: Option<&str>, value: i64) -> Result<(), String> {
        let key = match index {
            Some(i) => format!("{name}[{i}]"),
            None => name.to_string(),
        };
        self.0.insert(key, value.to_string());
        Ok(())
    }
    fn is_assoc(&self, name: &str) -> bool {
        name == "A"
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0');
    let expr = parts.next().unwrap_or_default();
    let mut vars = Map::default();
    // Further parts are the values of x, y and z (expressions themselves).
    for (name, v) in ["x", "y", "z"].into_iter().zip(parts) {
        vars.0.insert(name.to_string(), v.to_string());
    }
    let _ = eval(expr, &mut vars);
});
