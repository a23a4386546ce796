//! Userland benchmark: the text commands over the same 50 MB file, in
//! ninebox and with the host's GNU tools, in one run, printing the ratios.
//!
//!     cargo bench -p ninebox --bench userland
//!     NINEBOX_BENCH_MB=10 cargo bench -p ninebox --bench userland   # a smaller file
//!
//! Targets: grep, sort, wc, cut, tr and uniq within 2x of GNU's time;
//! `cat big | wc -c` through a ninebox pipe at least as fast as the host's
//! (issue 4); `sed 's/a/b/g'`, an awk field sum and `jq .` (over 50 MB of
//! JSON lines) within 3x of GNU sed, GNU awk and jq (issue 5); awk's word
//! count and number loop, `date -f` over a million timestamps and `wc -m`
//! over 50 MB of UTF-8 within 2x of gawk, GNU date and GNU wc (issue 12).
//! Ninebox runs in this process: the file is put into a booted
//! system's MemoryFS once, and each command is a `sh -c` started in that
//! system, timed from spawn to exit, output to /dev/null. The host runs the
//! same command line with `bash -c` on a copy of the file in /dev/shm (or
//! the temporary directory), output drained from a pipe (not /dev/null,
//! which GNU grep recognises and answers by stopping at the first match).
//! Each figure is the best of several runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kernel::{Caller, OpenFlags};

const ROUNDS: usize = 3;

struct Case {
    name: &'static str,
    /// The command line; `BIG`, `JSON`, `UTF8` and `DATES` stand for the
    /// files' paths on each side, `AWK` for awk (gawk on the host).
    script: &'static str,
    /// How much faster ninebox must be (0.5: within 2x; 1.0: no slower).
    target: f64,
}

const CASES: &[Case] = &[
    Case {
        name: "grep literal",
        script: "grep -c needle BIG",
        target: 0.5,
    },
    Case {
        name: "grep regex",
        script: "grep -c -E '[0-9]{4}-x' BIG",
        target: 0.5,
    },
    Case {
        name: "grep -v -i",
        script: "grep -v -i the BIG",
        target: 0.5,
    },
    Case {
        name: "sort",
        script: "sort BIG",
        target: 0.5,
    },
    Case {
        name: "sort -n -k2",
        script: "sort -t, -k2,2n BIG",
        target: 0.5,
    },
    Case {
        name: "wc",
        script: "wc BIG",
        target: 0.5,
    },
    Case {
        name: "wc -l",
        script: "wc -l BIG",
        target: 0.5,
    },
    Case {
        name: "cut -d, -f2,4",
        script: "cut -d, -f2,4 BIG",
        target: 0.5,
    },
    Case {
        name: "cut -c1-20",
        script: "cut -c1-20 BIG",
        target: 0.5,
    },
    Case {
        name: "tr a-z A-Z",
        script: "tr a-z A-Z < BIG",
        target: 0.5,
    },
    Case {
        name: "tr -d",
        script: "tr -d 'aeiou' < BIG",
        target: 0.5,
    },
    Case {
        name: "uniq",
        script: "uniq BIG",
        target: 0.5,
    },
    Case {
        name: "uniq -c",
        script: "uniq -c BIG",
        target: 0.5,
    },
    Case {
        name: "cat big | wc -c",
        script: "cat BIG | wc -c",
        target: 1.0,
    },
    // Issue 5: the power tools within 3x of the host's (GNU sed, gawk, jq).
    Case {
        name: "sed s/a/b/g",
        script: "sed 's/a/b/g' BIG",
        target: 1.0 / 3.0,
    },
    Case {
        name: "awk field sum",
        script: "AWK -F, '{ s += $2 } END { print s }' BIG",
        target: 1.0 / 3.0,
    },
    // Issue 12: gawk, GNU date and wc -m in a UTF-8 locale, within 2x.
    Case {
        name: "awk word count",
        script: "AWK '{ for (i = 1; i <= NF; i++) n[$i]++ } END { for (w in n) t += n[w]; print t }' BIG",
        target: 0.5,
    },
    Case {
        name: "awk number loop",
        script: "AWK 'BEGIN { for (i = 1; i <= 3000000; i++) s += i * 2; printf \"%d\\n\", s }'",
        target: 0.5,
    },
    Case {
        name: "date -f 1M",
        script: "date -f DATES '+%F %T %z'",
        target: 0.5,
    },
    Case {
        name: "wc -m UTF-8",
        script: "LC_ALL=C.UTF-8 wc -m UTF8",
        target: 0.5,
    },
    Case {
        name: "jq .",
        script: "jq . JSON",
        target: 1.0 / 3.0,
    },
];

/// Deterministic JSON, one object per line (the shape of logs and API
/// dumps agents feed to jq), about `mb` megabytes.
fn make_json(mb: usize) -> Vec<u8> {
    const WORDS: [&str; 8] = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "needle",
        "hay",
        "caf\\u00e9",
        "x\\ty",
    ];
    let mut out = Vec::with_capacity(mb << 20);
    let mut n: u64 = 0;
    while out.len() < mb << 20 {
        n += 1;
        let w = |k: u64| WORDS[(n.wrapping_mul(2_654_435_761).wrapping_add(k) % 8) as usize];
        let line = format!(
            "{{\"id\":{n},\"name\":\"{}\",\"score\":{}.{},\"ok\":{},\"tags\":[\"{}\",\"{}\"],\"nested\":{{\"depth\":{},\"note\":null,\"ratio\":{}e-3}}}}\n",
            w(1),
            n % 1000,
            n % 97,
            n.is_multiple_of(3),
            w(2),
            w(3),
            n % 7,
            n % 5000
        );
        out.extend_from_slice(line.as_bytes());
    }
    out
}

/// Deterministic text: comma-separated fields of words and numbers, with
/// runs of repeated lines so `uniq` has work, about `mb` megabytes.
fn make_text(mb: usize) -> Vec<u8> {
    const WORDS: [&str; 16] = [
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "needle", "hay", "stack", "alpha", "beta",
        "gamma", "delta", "omega",
    ];
    let mut out = Vec::with_capacity(mb << 20);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut line = Vec::new();
    while out.len() < mb << 20 {
        line.clear();
        let n = next();
        line.extend_from_slice(WORDS[n % 16].as_bytes());
        line.extend_from_slice(format!(",{},", n % 100_000).as_bytes());
        for k in 0..(3 + n % 6) {
            if k > 0 {
                line.push(b' ');
            }
            line.extend_from_slice(WORDS[next() % 16].as_bytes());
        }
        line.extend_from_slice(format!(",{:04}-x,{}\n", next() % 10_000, next() % 7).as_bytes());
        // One line in eight repeats a few times.
        let repeats = if n % 8 == 0 { 1 + n % 4 } else { 1 };
        for _ in 0..repeats {
            out.extend_from_slice(&line);
        }
    }
    out
}

/// The text with every word turned into a non-ASCII one (two- and
/// three-byte characters), about as large.
fn make_utf8(text: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(text);
    s.replace("the", "thé")
        .replace("quick", "qüick")
        .replace("fox", "日本")
        .replace("dog", "straße")
        .replace("alpha", "αλφα")
        .into_bytes()
}

/// A million date lines as scripts write them.
fn make_dates() -> Vec<u8> {
    let mut out = Vec::with_capacity(20 << 20);
    let mut t: i64 = 1_600_000_000;
    for i in 0..1_000_000i64 {
        t += 37 + i % 1000;
        let days = t / 86_400;
        let secs = t % 86_400;
        // Civil date from days (Hinnant).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        out.extend_from_slice(
            format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}\n",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            )
            .as_bytes(),
        );
    }
    out
}

/// The host's awk for the cases: GNU awk (the reference) where it is
/// installed.
fn host_awk() -> &'static str {
    if Path::new("/usr/bin/gawk").exists() {
        "gawk"
    } else {
        "awk"
    }
}

fn host_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    base.join(format!("ninebox-userland-bench-{}", std::process::id()))
}

fn host_time(script: &str, dir: &Path) -> Duration {
    let mut c = Command::new("bash");
    c.arg("-c")
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C")
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let t = Instant::now();
    let mut child = c.spawn().expect("run bash");
    // Drain a pipe rather than pointing stdout at /dev/null: GNU grep notices
    // /dev/null and stops at the first match, which would time nothing.
    let mut out = child.stdout.take().expect("piped stdout");
    std::io::copy(&mut out, &mut std::io::sink()).expect("drain the host's output");
    let status = child.wait().expect("wait for bash");
    let d = t.elapsed();
    assert!(
        status.success() || status.code() == Some(1),
        "host command failed: {script}"
    );
    d
}

/// Run `script` with `sh -c` in the booted system, stdio on /dev/null.
async fn ninebox_time(system: &boot::System, script: &str) -> Duration {
    let k = &system.kernel;
    let ns = k.clean_namespace();
    let null = k
        .open_in(&ns, &Caller::KERNEL, "#z/null", OpenFlags::READWRITE)
        .await
        .expect("open #z/null");
    let argv = vec!["sh".to_string(), "-c".to_string(), script.to_string()];
    let t = Instant::now();
    let init = system
        .start(argv, vec![null.clone(), null.clone(), null])
        .expect("start sh");
    let status = init.exited().await;
    let d = t.elapsed();
    assert!(
        status.code == 0 || status.code == 1,
        "ninebox command failed ({status:?}): {script}"
    );
    d
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mb: usize = std::env::var("NINEBOX_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let text = make_text(mb);
    let dir = host_dir();
    std::fs::create_dir_all(&dir).expect("a host directory for the file");
    let host_file = dir.join("big");
    std::fs::write(&host_file, &text).expect("write the host copy");
    let json = make_json(mb);
    let host_json = dir.join("big.json");
    std::fs::write(&host_json, &json).expect("write the host's JSON copy");
    let utf8 = make_utf8(&text);
    let host_utf8 = dir.join("big.utf8");
    std::fs::write(&host_utf8, &utf8).expect("write the host's UTF-8 copy");
    let dates = make_dates();
    let host_dates = dir.join("dates");
    std::fs::write(&host_dates, &dates).expect("write the host's dates");
    println!(
        "ninebox userland benchmark: {:.1} MB of text, best of {ROUNDS} runs; ratio = host time / ninebox time\n",
        text.len() as f64 / 1e6
    );

    let system = boot::System::new(&boot::Config {
        seed: Some(1),
        ..Default::default()
    });
    system
        .root
        .put_file("/home/user/big", &text, 0o644, boot::UID, boot::UID)
        .expect("put the file into MemoryFS");
    system
        .root
        .put_file("/home/user/big.json", &json, 0o644, boot::UID, boot::UID)
        .expect("put the JSON into MemoryFS");
    system
        .root
        .put_file("/home/user/big.utf8", &utf8, 0o644, boot::UID, boot::UID)
        .expect("put the UTF-8 text into MemoryFS");
    system
        .root
        .put_file("/home/user/dates", &dates, 0o644, boot::UID, boot::UID)
        .expect("put the dates into MemoryFS");
    drop(text);
    drop(json);
    drop(utf8);
    drop(dates);

    let results = boot::block_on(async move {
        let mut results = Vec::new();
        for case in CASES {
            let script = case
                .script
                .replace("BIG", "/home/user/big")
                .replace("JSON", "/home/user/big.json")
                .replace("UTF8", "/home/user/big.utf8")
                .replace("DATES", "/home/user/dates")
                .replace("AWK", "awk");
            let mut best = Duration::MAX;
            for _ in 0..ROUNDS {
                best = best.min(ninebox_time(&system, &script).await);
            }
            results.push(best);
        }
        results
    });

    for (case, nb) in CASES.iter().zip(results) {
        let script = case
            .script
            .replace("BIG", &host_file.to_string_lossy())
            .replace("JSON", &host_json.to_string_lossy())
            .replace("UTF8", &host_utf8.to_string_lossy())
            .replace("DATES", &host_dates.to_string_lossy())
            .replace("AWK", host_awk());
        let hb = (0..ROUNDS).map(|_| host_time(&script, &dir)).min().expect("rounds");
        report(case.name, nb, hb, case.target);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn report(name: &str, ninebox: Duration, host: Duration, target: f64) {
    let ratio = host.as_secs_f64() / ninebox.as_secs_f64();
    let verdict = if ratio >= target {
        "meets target"
    } else {
        "MISSES target"
    };
    let target_text = if target < 1.0 {
        format!("within {:.0}x", 1.0 / target)
    } else {
        "no slower".to_string()
    };
    println!(
        "{name:<18} ninebox {:>9.1} ms   host {:>9.1} ms   {ratio:>6.2}x   target {target_text}: {verdict}",
        ninebox.as_secs_f64() * 1e3,
        host.as_secs_f64() * 1e3,
    );
}
