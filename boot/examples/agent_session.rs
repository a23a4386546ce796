//! An agent's session with a sandbox: write a project, run its build
//! script, look at the results through native file calls, and get cut
//! off by the limits when a script misbehaves.
//!
//! `cargo run -p ninebox --example agent_session`

use std::time::Duration;

use boot::sandbox::{ExecOptions, Sandbox};

fn main() -> Result<(), boot::sandbox::Error> {
    let sb = Sandbox::builder()
        .profile("strict")
        .limit("output", "64K")
        .timeout(Duration::from_secs(2))
        .env("PROJECT", "demo")
        .seed(42)
        .build()?;

    // The agent writes files with native calls: no shell quoting involved.
    sb.write_file("demo/data/numbers.txt", b"3\n1\n2\n")?;
    sb.write_file(
        "demo/build.sh",
        b"sort -n data/numbers.txt > data/sorted.txt\necho \"built $PROJECT\"\n",
    )?;

    // It runs a script; what the script writes stays for the next call.
    let out = sb.exec_with(
        "sh build.sh",
        ExecOptions {
            cwd: Some("demo".into()),
            ..Default::default()
        },
    )?;
    println!("build: status {} stdout {:?}", out.status, out.stdout_text());
    println!(
        "sorted: {:?}",
        String::from_utf8_lossy(&sb.read_file("demo/data/sorted.txt")?)
    );
    for m in sb.glob("demo/**/*.txt")? {
        println!("  {} ({} bytes)", m.path, m.size);
    }

    // A failing command is a status and a wait message, not an error.
    let out = sb.exec("ls /nonexistent")?;
    println!(
        "ls: status {} wait {:?} stderr {:?}",
        out.status,
        out.wait,
        out.stderr_text()
    );

    // A script that never ends is stopped at the time limit.
    let out = sb.exec("while :; do :; done")?;
    println!("loop: status {} ({})", out.status, out.stderr_text().trim_end());

    // Bad input is a clear error.
    match sb.read_file("../../etc/passwd") {
        Err(e) => println!("refused: {e}"),
        Ok(_) => println!("read outside the home directory"),
    }
    match sb.read_file("missing.txt") {
        Err(e) => println!("missing: {e}"),
        Ok(_) => println!("found a file that was never written"),
    }

    sb.remove("demo", true)?;
    println!("after remove: {} entries in ~", sb.list(".")?.len());
    Ok(())
}
