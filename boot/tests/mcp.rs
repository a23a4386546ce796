//! The MCP server with an independent client: `tests/mcp/` (pytest with
//! the Python `mcp` package) against the real `ninebox mcp` over stdio.
//!
//! The python is the venv `.ci/setup.d/40-mcp.sh` makes (see
//! `pytest.rs`).

use std::path::Path;

use boot::mcp::{Options, Server};
use kernel::Limits;
use libtest_mimic::{Failed, Trial};
use serde_json::{Value, json};

use crate::pytest::Suite;

/// The Python client's suite, with the venv `.ci/setup.d/40-mcp.sh` makes.
static CLIENT: Suite = Suite {
    name: "mcp::python_client",
    var: "NINEBOX_MCP_PY",
    venv: "mcp",
    setup: "40-mcp.sh",
    dir: "mcp",
};

pub fn trials(bin: &Path) -> Vec<Trial> {
    let mut v = vec![
        trial("bad_arguments", bad_arguments),
        trial("workspaces_capped_and_isolated", workspaces_capped_and_isolated),
        trial("mime_types_and_base64", mime_types_and_base64),
        trial("run_timeout_and_ps_kill", run_timeout_and_ps_kill),
        trial("describe_names_the_build", describe_names_the_build),
    ];
    v.push(CLIENT.trial(bin));
    v
}

/// A test on a thread of its own, failed past 60 s.
fn trial(name: &str, f: fn() -> Result<(), Failed>) -> Trial {
    Trial::test(format!("mcp::{name}"), move || {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .map_err(|_| Failed::from("timed out after 60s"))?
    })
}

fn server(max: usize) -> Result<Server, Failed> {
    let mut opts = Options::new(Limits::standard());
    opts.max_workspaces = max;
    Server::new(opts).map_err(Failed::from)
}

/// Call a tool: (isError, the structured result or the error text).
fn call(s: &Server, tool: &str, args: Value) -> Result<(bool, Value), Failed> {
    let Value::Object(args) = args else {
        return Err("arguments must be an object".into());
    };
    let r = s
        .call(tool, args)
        .ok_or_else(|| Failed::from(format!("{tool}: unknown tool")))?;
    let err = r.is_error == Some(true);
    let v = match (&r.structured_content, r.content.first().and_then(|c| c.as_text())) {
        (Some(v), _) if !err => v.clone(),
        (_, Some(t)) => Value::String(t.text.clone()),
        _ => return Err(format!("{tool}: a result with nothing in it: {r:?}").into()),
    };
    Ok((err, v))
}

fn expect_ok(s: &Server, tool: &str, args: Value) -> Result<Value, Failed> {
    match call(s, tool, args.clone())? {
        (false, v) => Ok(v),
        (true, e) => Err(format!("{tool} {args}: unexpected error {e}").into()),
    }
}

fn expect_err(s: &Server, tool: &str, args: Value, want: &str) -> Result<(), Failed> {
    match call(s, tool, args.clone())? {
        (true, Value::String(e)) if e.contains(want) => Ok(()),
        other => Err(format!("{tool} {args}: expected an error with {want:?}, got {other:?}").into()),
    }
}

fn bad_arguments() -> Result<(), Failed> {
    let s = server(4)?;
    if s.call("nosuch", Default::default()).is_some() {
        return Err("an unknown tool was answered".into());
    }
    let cases: &[(&str, Value, &str)] = &[
        ("write", json!({}), "missing field `workspace`"),
        ("write", json!({"workspace": "w"}), "missing field `path`"),
        (
            "write",
            json!({"workspace": "w", "path": 3, "content": ""}),
            "invalid type: integer `3`",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "a", "content": "x", "bogus": 1}),
            "unknown field `bogus`",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "a", "content": "x", "encoding": "utf-16"}),
            "unknown variant `utf-16`",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "a", "content": "@@@", "encoding": "base64"}),
            "not valid base64",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "a", "content": "", "mimeType": "png"}),
            "expected type/subtype",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "../etc/x", "content": ""}),
            "'..' element",
        ),
        (
            "write",
            json!({"workspace": "w", "path": "a\u{0}b", "content": ""}),
            "NUL byte",
        ),
        ("read", json!({"workspace": "w", "path": ""}), "empty path"),
        (
            "read",
            json!({"workspace": "bad name", "path": "a"}),
            "expected 1 to 64 letters",
        ),
        (
            "read",
            json!({"workspace": "x".repeat(65), "path": "a"}),
            "expected 1 to 64 letters",
        ),
        (
            "read",
            json!({"workspace": "", "path": "a"}),
            "expected 1 to 64 letters",
        ),
        (
            "glob",
            json!({"workspace": "w", "pattern": "/etc/*", "cwd": "x"}),
            "absolute pattern",
        ),
        ("glob", json!({"workspace": "w", "pattern": "../*"}), "'..' element"),
        ("run", json!({"workspace": "w"}), "missing field `script`"),
        (
            "run",
            json!({"workspace": "w", "script": "true", "timeout": -1}),
            "above 0",
        ),
        (
            "run",
            json!({"workspace": "w", "script": "true", "timeout": 31}),
            "above the server's time limit of 30 s",
        ),
        (
            "run",
            json!({"workspace": "w", "script": "true", "env": {"A": 1}}),
            "invalid type: integer `1`",
        ),
        (
            "run",
            json!({"workspace": "w", "script": "true", "cwd": "../x"}),
            "'..' element",
        ),
        ("kill", json!({"workspace": "w", "pid": "one"}), "invalid type: string"),
        (
            "rename",
            json!({"workspace": "w", "from": "a", "to": "../b"}),
            "'..' element",
        ),
        ("ps", json!({"workspace": 7}), "invalid type: integer `7`"),
    ];
    for (tool, args, want) in cases {
        expect_err(&s, tool, args.clone(), want)?;
    }
    if s.workspace_count() != 0 {
        return Err(format!("bad calls made {} workspaces", s.workspace_count()).into());
    }
    // Errors of calls that get as far as the workspace.
    expect_err(&s, "kill", json!({"workspace": "w", "pid": 1}), "first process")?;
    expect_err(&s, "kill", json!({"workspace": "w", "pid": 99999}), "99999")?;
    expect_err(&s, "stat", json!({"workspace": "w", "path": "nope"}), "No such file")?;
    expect_err(&s, "remove", json!({"workspace": "w", "path": "nope"}), "No such file")?;
    expect_err(&s, "output", json!({"workspace": "w", "path": "/tmp"}), "not a file")?;
    expect_err(
        &s,
        "list",
        json!({"workspace": "w", "path": "/etc/hostname"}),
        "Not a directory",
    )?;
    expect_err(
        &s,
        "run",
        json!({"workspace": "w", "script": "true", "cwd": "/nonexistent"}),
        "No such file",
    )?;
    let r = expect_ok(&s, "read", json!({"workspace": "w", "path": "nope"}))?;
    if r != json!({"content": null, "mimeType": null, "size": 0}) {
        return Err(format!("read of a missing file: {r}").into());
    }
    expect_ok(
        &s,
        "write",
        json!({"workspace": "w", "path": "bin.dat", "content": "/w==", "encoding": "base64"}),
    )?;
    expect_err(
        &s,
        "read",
        json!({"workspace": "w", "path": "bin.dat"}),
        "not valid UTF-8",
    )?;
    Ok(())
}

fn workspaces_capped_and_isolated() -> Result<(), Failed> {
    let s = server(2)?;
    expect_ok(
        &s,
        "write",
        json!({"workspace": "a", "path": "secret.txt", "content": "mine"}),
    )?;
    expect_ok(&s, "run", json!({"workspace": "a", "script": "sleep 1000 &"}))?;
    let b = expect_ok(&s, "read", json!({"workspace": "b", "path": "secret.txt"}))?;
    if !b["content"].is_null() {
        return Err(format!("workspace b sees a's file: {b}").into());
    }
    let ps = expect_ok(&s, "ps", json!({"workspace": "b"}))?;
    if ps["processes"]
        .as_array()
        .is_none_or(|p| p.iter().any(|q| q["name"] == "sleep"))
    {
        return Err(format!("workspace b sees a's processes: {ps}").into());
    }
    let ps = expect_ok(&s, "ps", json!({"workspace": "a"}))?;
    if !ps["processes"]
        .as_array()
        .is_some_and(|p| p.iter().any(|q| q["name"] == "sleep"))
    {
        return Err(format!("workspace a lost its background sleep: {ps}").into());
    }
    expect_err(
        &s,
        "read",
        json!({"workspace": "c", "path": "x"}),
        "already has its 2 workspaces",
    )?;
    let a = expect_ok(&s, "read", json!({"workspace": "a", "path": "secret.txt"}))?;
    if a["content"] != "mine" {
        return Err(format!("workspace a: {a}").into());
    }
    Ok(())
}

/// A 1x1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn mime_types_and_base64() -> Result<(), Failed> {
    use base64::Engine as _;
    let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
    let s = server(2)?;
    let w = |path: &str, content: String, enc: &str| {
        expect_ok(
            &s,
            "write",
            json!({"workspace": "m", "path": path, "content": content, "encoding": enc}),
        )
    };
    // A PNG without an extension is known by its contents.
    w("img/noext", b64(PNG), "base64")?;
    w(
        "notes.md",
        "# hi
"
        .into(),
        "utf-8",
    )?;
    w("data.bin", b64(&[0, 1, 2, 255]), "base64")?;
    let r = expect_ok(
        &s,
        "read",
        json!({"workspace": "m", "path": "img/noext", "encoding": "base64"}),
    )?;
    if r != json!({"content": b64(PNG), "mimeType": "image/png", "size": PNG.len()}) {
        return Err(format!("png: {r}").into());
    }
    let r = expect_ok(&s, "read", json!({"workspace": "m", "path": "notes.md"}))?;
    if r["mimeType"] != "text/markdown"
        || r["content"]
            != "# hi
"
    {
        return Err(format!("markdown: {r}").into());
    }
    let r = expect_ok(
        &s,
        "read",
        json!({"workspace": "m", "path": "data.bin", "encoding": "base64"}),
    )?;
    if r["mimeType"] != "application/octet-stream" || r["content"] != "AAEC/w==" {
        return Err(format!("binary: {r}").into());
    }
    // A declared type wins, follows a rename and goes with a remove.
    expect_ok(
        &s,
        "write",
        json!({"workspace": "m", "path": "report", "content": "{}", "mimeType": "application/json"}),
    )?;
    expect_ok(
        &s,
        "rename",
        json!({"workspace": "m", "from": "report", "to": "out/report"}),
    )?;
    let l = expect_ok(&s, "list", json!({"workspace": "m", "path": "out"}))?;
    let want = json!({"entries": [{"path": "out/report", "type": "file", "mimeType": "application/json", "size": 2}]});
    if l != want {
        return Err(format!("list after rename: {l}").into());
    }
    let g = expect_ok(&s, "glob", json!({"workspace": "m", "pattern": "**/*.md"}))?;
    if g != json!({"entries": [{"path": "notes.md", "type": "file", "mimeType": "text/markdown", "size": 5}]}) {
        return Err(format!("glob: {g}").into());
    }
    expect_ok(&s, "remove", json!({"workspace": "m", "path": "out"}))?;
    let r = expect_ok(&s, "read", json!({"workspace": "m", "path": "out/report"}))?;
    if !r["content"].is_null() {
        return Err(format!("removed, yet: {r}").into());
    }
    // output: the file as an embedded resource.
    let Value::Object(args) = json!({"workspace": "m", "path": "img/noext", "description": "a dot"}) else {
        unreachable!()
    };
    let r = s.call("output", args).ok_or("output unknown")?;
    let json = serde_json::to_value(&r).map_err(|e| Failed::from(e.to_string()))?;
    let res = &json["content"][1]["resource"];
    if res["mimeType"] != "image/png" || res["blob"] != b64(PNG) || res["uri"] != "ninebox://m/home/user/img/noext" {
        return Err(format!("output: {json}").into());
    }
    if json["structuredContent"]["description"] != "a dot" || json["structuredContent"]["sent"] != true {
        return Err(format!("output: {json}").into());
    }
    Ok(())
}

fn run_timeout_and_ps_kill() -> Result<(), Failed> {
    let s = server(2)?;
    let r = expect_ok(
        &s,
        "run",
        json!({"workspace": "r", "script": "pwd; echo \"$X\"; cat; exit 3", "cwd": "/tmp", "stdin": "in\n", "env": {"X": "y"}}),
    )?;
    if r["stdout"] != "/tmp\ny\nin\n" || r["status"] != 3 || r["truncated"] != false {
        return Err(format!("run: {r}").into());
    }
    if !r["wait"].as_str().is_some_and(|w| w.ends_with(": exit 3")) {
        return Err(format!("run wait: {r}").into());
    }
    let r = expect_ok(
        &s,
        "run",
        json!({"workspace": "r", "script": "echo start; while :; do :; done", "timeout": 0.3}),
    )?;
    if r["status"] != 124 || r["stdout"] != "start\n" || !r["wait"].as_str().is_some_and(|w| w.contains("time limit")) {
        return Err(format!("timeout: {r}").into());
    }
    expect_ok(&s, "run", json!({"workspace": "r", "script": "sleep 1000 &"}))?;
    let ps = expect_ok(&s, "ps", json!({"workspace": "r"}))?;
    let pid = ps["processes"]
        .as_array()
        .and_then(|p| p.iter().find(|q| q["name"] == "sleep"))
        .and_then(|q| q["pid"].as_u64())
        .ok_or_else(|| Failed::from(format!("no sleep in {ps}")))?;
    let k = expect_ok(&s, "kill", json!({"workspace": "r", "pid": pid}))?;
    if k != json!({"killed": true, "pid": pid, "note": "kill"}) {
        return Err(format!("kill: {k}").into());
    }
    for _ in 0..200 {
        let ps = expect_ok(&s, "ps", json!({"workspace": "r"}))?;
        if !ps["processes"]
            .as_array()
            .is_some_and(|p| p.iter().any(|q| q["pid"] == pid))
        {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Err(format!("pid {pid} still there after kill").into())
}

fn describe_names_the_build() -> Result<(), Failed> {
    let s = server(3)?;
    let d = s.describe();
    for want in [
        "write\n",
        "output\n",
        "kill\n",
        " awk ",
        " jq ",
        "timeout=30s",
        "at most 3 workspaces",
        "- workspace: ",
    ] {
        if !d.contains(want) {
            return Err(format!("--describe lacks {want:?}:\n{d}").into());
        }
    }
    let names: Vec<&str> = s.tools().iter().map(|t| t.name.as_ref()).collect();
    if names != boot::mcp::TOOLS {
        return Err(format!("tools: {names:?}").into());
    }
    Ok(())
}
