//! Console benchmark: boot to the first interactive prompt, and keystroke
//! echo latency through ConsFS and the shell's line editor.
//!
//!     cargo bench -p ninebox --bench console
//!
//! Targets (issue 7): first prompt within 20 ms of starting to boot, and a
//! typed key echoed within 1 ms. Both are measured in-process from the
//! console's host side (what the host terminal code calls), so they cover
//! the whole system but not the host terminal itself.

use std::time::{Duration, Instant};

use kernel::{Caller, OpenFlags};

const BOOTS: usize = 50;
const KEYS: usize = 2000;

async fn boot_session() -> (boot::System, std::sync::Arc<kernel::Process>, Duration) {
    let t = Instant::now();
    let system = boot::System::new(&boot::Config::default());
    let k = &system.kernel;
    let ns = k.clean_namespace();
    let cons = k
        .open_in(&ns, &Caller::KERNEL, "#c/cons/data", OpenFlags::READWRITE)
        .await
        .expect("open the console");
    let argv = vec!["sh".to_string(), "-i".to_string()];
    let init = system
        .start_session(argv, vec![cons.clone(), cons.clone(), cons], Some(boot::BANNER))
        .expect("start the session");
    let mut screen = Vec::new();
    while !screen.ends_with(b"$ ") {
        screen.extend(system.console.take_output().await);
    }
    let elapsed = t.elapsed();
    (system, init, elapsed)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let (boots, keys) = boot::block_on(async {
        let mut boots = Vec::new();
        for _ in 0..BOOTS {
            let (system, init, d) = boot_session().await;
            boots.push(d);
            system.console.input(b"exit\r");
            init.exited().await;
        }
        let (system, init, _) = boot_session().await;
        let mut keys = Vec::new();
        for i in 0..KEYS {
            // Type at the end of the line, as a person does; clear it now
            // and then so the line stays short.
            if i % 50 == 49 {
                system.console.input(b"\x15");
                let _ = system.console.take_output().await;
            }
            let t = Instant::now();
            system.console.input(b"x");
            let mut echoed = Vec::new();
            while !echoed.contains(&b'x') {
                echoed.extend(system.console.take_output().await);
            }
            keys.push(t.elapsed());
        }
        system.console.input(b"\x15exit\r");
        init.exited().await;
        (boots, keys)
    });
    let mut boots = boots;
    let mut keys = keys;
    boots.sort();
    keys.sort();
    println!("ninebox console benchmark (in-process, from the console's host side)\n");
    report(
        "boot to first prompt",
        &boots,
        Duration::from_millis(20),
        "target under 20 ms",
    );
    report("keystroke echo", &keys, Duration::from_millis(1), "target under 1 ms");
}

fn report(name: &str, sorted: &[Duration], target: Duration, target_text: &str) {
    let median = percentile(sorted, 0.5);
    let p99 = percentile(sorted, 0.99);
    let verdict = if p99 < target { "meets target" } else { "MISSES target" };
    println!(
        "{name:<22} median {:>9.3} ms   p99 {:>9.3} ms   ({} runs)   {target_text} (p99): {verdict}",
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        sorted.len()
    );
}
