//! Every command's option and operand parsing: the input is an argv (NUL
//! separated; the first byte picks the command) run in a freshly booted
//! system, with a small file `f` and an empty stdin. Whatever the
//! arguments, the command ends (a hang is a libFuzzer timeout) and the
//! host process survives: no panic escapes a process, nothing aborts.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;

/// Commands that only wait (`sleep`, `yes` into /dev/null) or take the
/// terminal are left out: they are right to run until stopped.
const SKIP: &[&str] = &["sleep", "yes", "watch", "less", "more", "vi", "ed", "sh", "bash"];

fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        userland::programs()
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| !SKIP.contains(n))
            .collect()
    })
}

const SCRIPT: &str = "printf 'b 2\\na 1\\n\\tc\\n' > f; \"$@\" < /dev/null > /dev/null 2>&1; echo $? > /dev/null";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let names = names();
    let name = names[pick as usize % names.len()];
    let text = String::from_utf8_lossy(rest);
    let mut argv: Vec<String> = vec!["sh".into(), "-c".into(), SCRIPT.into(), "sh".into(), name.into()];
    if !text.is_empty() {
        argv.extend(text.split('\0').take(64).map(str::to_string));
    }
    boot::block_on(async move {
        let system = boot::System::new(&boot::Config { seed: Some(1) });
        let Ok(init) = system.start(argv, Vec::new()) else {
            return;
        };
        // A command that runs on (reading a device, a huge count) is
        // stopped here: it yields, so the timer fires.
        let _ = tokio::time::timeout(Duration::from_secs(3), init.exited()).await;
    });
});
