//! Shell benchmark: representative scripts run by `ninebox -c` and by the
//! host's bash with its coreutils, in one run, printing the ratios.
//!
//!     cargo bench -p ninebox --bench shell
//!
//! Targets (issue 3): boot (`ninebox -c true`) within 2x of `bash -c
//! true`; pipelines and file work at least 20x faster than host bash; pure
//! builtin loops no slower than host bash. Each figure is the best of
//! several runs; both sides run the same script text in an empty directory.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROUNDS: usize = 5;

struct Case {
    name: &'static str,
    script: &'static str,
    /// How much faster ninebox must be (1.0: no slower; 0.5: within 2x).
    target: f64,
}

const CASES: &[Case] = &[
    Case {
        name: "arithmetic loop (100k)",
        script: "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i",
        target: 1.0,
    },
    Case {
        name: "c-style for loop (200k)",
        script: "for ((i=0; i<200000; i++)); do :; done; echo $i",
        target: 1.0,
    },
    Case {
        name: "string building (20k)",
        script: "s=; for i in {1..20000}; do s=\"$s$i\"; done; echo ${#s}",
        target: 1.0,
    },
    Case {
        name: "function calls (50k)",
        script: "f() { local x=$1; return 0; }; for i in {1..50000}; do f $i; done; echo ok",
        target: 1.0,
    },
    Case {
        name: "3-command pipelines (300)",
        script: "for i in {1..300}; do printf 'line %s\\n' $i | cat | cat > /dev/null; done; echo ok",
        target: 20.0,
    },
    Case {
        name: "create and read 1000 files",
        script: "for i in {1..1000}; do echo \"file $i\" > f$i; done; for i in {1..1000}; do cat f$i; done > all; cat all | cat > /dev/null; echo ok",
        target: 20.0,
    },
];

fn time_once(mut cmd: Command) -> Duration {
    cmd.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    let t = Instant::now();
    let status = cmd.status().expect("run the benchmark command");
    let d = t.elapsed();
    assert!(status.success(), "benchmark command failed: {cmd:?}");
    d
}

fn best(mut f: impl FnMut() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| f()).min().expect("rounds")
}

fn bash(script: &str, dir: &Path) -> Command {
    let mut c = Command::new("bash");
    c.arg("-c").arg(script).current_dir(dir);
    c.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C")
        .env("HOME", dir);
    c
}

fn ninebox(bin: &Path, script: &str) -> Command {
    let mut c = Command::new(bin);
    c.arg("-c").arg(script);
    c
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_ninebox"));
    let dir = std::env::temp_dir().join(format!("ninebox-shell-bench-{}", std::process::id()));
    println!("ninebox shell benchmark (best of {ROUNDS} runs; ratio = bash time / ninebox time)\n");

    // Boot: many runs of a trivial script, so process start dominates.
    let boot_n = 50;
    let nb = best(|| (0..boot_n).map(|_| time_once(ninebox(bin, "true"))).sum::<Duration>() / boot_n);
    let hb = best(|| {
        (0..boot_n)
            .map(|_| time_once(bash("true", Path::new("/"))))
            .sum::<Duration>()
            / boot_n
    });
    report("boot: -c true", nb, hb, 0.5);

    for case in CASES {
        let nb = best(|| time_once(ninebox(bin, case.script)));
        let hb = best(|| {
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("a temporary directory");
            time_once(bash(case.script, &dir))
        });
        report(case.name, nb, hb, case.target);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn report(name: &str, ninebox: Duration, bash: Duration, target: f64) {
    let ratio = bash.as_secs_f64() / ninebox.as_secs_f64();
    let verdict = if ratio >= target {
        "meets target"
    } else {
        "MISSES target"
    };
    let target_text = if target < 1.0 {
        format!("within {:.0}x", 1.0 / target)
    } else if target == 1.0 {
        "no slower".to_string()
    } else {
        format!(">= {target:.0}x")
    };
    println!(
        "{name:<30} ninebox {:>9.2} ms   bash {:>9.2} ms   {ratio:>7.2}x   target {target_text}: {verdict}",
        ninebox.as_secs_f64() * 1e3,
        bash.as_secs_f64() * 1e3,
    );
}
