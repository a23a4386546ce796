//! `ninebox mcp`: a Model Context Protocol server over stdio.
//!
//! Every tool takes a `workspace` (a name, `[A-Za-z0-9_-]{1,64}`); the
//! server keeps one [`Sandbox`] per name, made on first use with the
//! server's limits, so workspaces never see each other's files or
//! processes. The tools are the seed filesystem plugin's six (`write`,
//! `read`, `list`, `glob`, `remove`, `output`, with its argument and result
//! shapes) and ninebox's own (`run`, `stat`, `mkdir`, `rename`, `ps`,
//! `kill`). Their descriptions are made from the build: the commands in
//! `/bin` of a fresh sandbox and the limits in force. See `specs/mcp.md`.
//!
//! Every failure of a tool (bad arguments included) is a tool result with
//! `isError: true` and the message; an unknown tool is a protocol error.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use base64::Engine as _;
use kernel::Limits;
use kernel::limits::LIMITS;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, JsonObject, ListToolsResult,
    PaginatedRequestParams, ResourceContents, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::HOME;
use crate::binds::Bind;
use crate::sandbox::{self, ExecOptions, Kind, Metadata, Sandbox};

/// The per-call time limit of `run` when the server is given none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The most workspaces one server keeps, unless told otherwise.
pub const DEFAULT_MAX_WORKSPACES: usize = 64;

/// How the server makes its workspaces.
#[derive(Clone, Debug)]
pub struct Options {
    /// The limits of every workspace (each workspace is a system of its
    /// own, so the system-wide limits hold per workspace).
    pub limits: Limits,
    /// The most workspaces the server keeps at once.
    pub max_workspaces: usize,
    /// Host directories mounted in every workspace (the host's explicit
    /// sharing).
    pub binds: Vec<Bind>,
    /// Make every workspace reproducible (see `Builder::seed`).
    pub seed: Option<u64>,
}

impl Options {
    /// The standard limits with a per-call time limit of
    /// [`DEFAULT_TIMEOUT`], at most [`DEFAULT_MAX_WORKSPACES`] workspaces.
    pub fn new(mut limits: Limits) -> Options {
        if limits.timeout.is_none() {
            limits.timeout = Some(DEFAULT_TIMEOUT);
        }
        Options {
            limits,
            max_workspaces: DEFAULT_MAX_WORKSPACES,
            binds: Vec::new(),
            seed: None,
        }
    }
}

/// The tools, in the order they are listed.
pub const TOOLS: [&str; 12] = [
    "write", "read", "list", "glob", "remove", "output", "run", "stat", "mkdir", "rename", "ps", "kill",
];

// ---- arguments ----

#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
enum Encoding {
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "base64")]
    Base64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct WriteArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The file: absolute, or relative to the home directory /home/user.
    path: String,
    /// The contents, as text or (with encoding base64) base64.
    content: String,
    /// How `content` is encoded: "utf-8" (the default) or "base64".
    #[serde(default)]
    encoding: Encoding,
    /// The file's MIME type ("type/subtype"), reported by read, list,
    /// glob, stat and output until the file is written again by `write`,
    /// removed or renamed. Without it the type is found from the contents
    /// and the extension.
    #[serde(rename = "mimeType")]
    mime_type: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ReadArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The file: absolute, or relative to the home directory /home/user.
    path: String,
    /// How to return the contents: "utf-8" (the default; an error if the
    /// bytes are not UTF-8) or "base64".
    #[serde(default)]
    encoding: Encoding,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The directory (default: the home directory /home/user).
    path: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct GlobArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The pattern: `*`, `?` and `[...]` within a path element, `**` for
    /// any number of directories (`**/*.txt`).
    pattern: String,
    /// The directory a relative pattern is under (default: the home
    /// directory /home/user); not with an absolute pattern.
    cwd: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PathArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The file or directory: absolute, or relative to /home/user.
    path: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OutputArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The file to deliver: absolute, or relative to /home/user.
    path: String,
    /// What the file is, for the user; returned with the file.
    description: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RunArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The script, run as `sh -c SCRIPT`.
    script: String,
    /// The working directory (default: /home/user).
    cwd: Option<String>,
    /// The script's standard input (default: empty).
    stdin: Option<String>,
    /// Variables set for this script only.
    env: Option<BTreeMap<String, String>>,
    /// A time limit in seconds for this script, at most the server's.
    timeout: Option<f64>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RenameArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The file or directory to move.
    from: String,
    /// Its new path (missing parents are made).
    to: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PsArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct KillArgs {
    /// The workspace: a name of 1 to 64 letters, digits, '_' or '-'.
    workspace: String,
    /// The process (from `ps`); not 1, the workspace's own first process.
    pid: u32,
    /// The note to post (default "kill"; "interrupt", "hangup"...).
    note: Option<String>,
}

/// Parse a tool's arguments, with a message naming the tool.
fn parse<T: DeserializeOwned>(tool: &str, args: JsonObject) -> Result<T, String> {
    serde_json::from_value(Value::Object(args)).map_err(|e| format!("{tool}: bad arguments: {e}"))
}

/// A workspace name is 1 to 64 of `[A-Za-z0-9_-]`.
pub fn check_workspace(name: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "workspace {name:?}: expected 1 to 64 letters, digits, '_' or '-'"
        ))
    }
}

/// A declared MIME type must look like `type/subtype`.
fn check_mime(m: &str) -> Result<(), String> {
    let token = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    let (essence, _params) = m.split_once(';').unwrap_or((m, ""));
    match essence.trim().split_once('/') {
        Some((t, s)) if token(t) && token(s) && m.len() <= 255 && !m.contains(['\0', '\n', '\r']) => Ok(()),
        _ => Err(format!("mimeType {m:?}: expected type/subtype, e.g. text/plain")),
    }
}

/// A path as the tools show it: relative to the home directory when it
/// is under it, else absolute, so it can be passed back as it is.
fn show(abs: &str) -> String {
    match abs.strip_prefix(HOME).and_then(|r| r.strip_prefix('/')) {
        Some(rel) if !rel.is_empty() => rel.to_string(),
        _ => abs.to_string(),
    }
}

/// The MIME type of a file: the declared one, else from the contents
/// (when read), else from the extension; text/plain for other UTF-8
/// contents, else application/octet-stream.
fn mime_of(path: &str, declared: Option<&str>, data: Option<&[u8]>) -> String {
    if let Some(m) = declared {
        return m.to_string();
    }
    if let Some(t) = data.and_then(infer::get) {
        return t.mime_type().to_string();
    }
    if let Some(m) = mime_guess::from_path(path).first_raw() {
        return m.to_string();
    }
    match data {
        Some(d) if std::str::from_utf8(d).is_ok() => "text/plain".into(),
        _ => "application/octet-stream".into(),
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::File => "file",
        Kind::Dir => "directory",
        Kind::Device => "device",
    }
}

// ---- the server ----

/// One workspace: its sandbox and the MIME types declared by `write`.
struct Workspace {
    sandbox: Sandbox,
    /// Absolute path to declared type.
    declared: parking_lot::Mutex<HashMap<String, String>>,
}

impl Workspace {
    fn declared(&self, abs: &str) -> Option<String> {
        self.declared.lock().get(abs).cloned()
    }

    /// Forget the types at and under `abs`.
    fn forget(&self, abs: &str) {
        let under = format!("{}/", abs.trim_end_matches('/'));
        self.declared.lock().retain(|k, _| k != abs && !k.starts_with(&under));
    }

    /// Move the types at and under `from` to `to`.
    fn moved(&self, from: &str, to: &str) {
        let under = format!("{}/", from.trim_end_matches('/'));
        let mut d = self.declared.lock();
        let keys: Vec<String> = d
            .keys()
            .filter(|k| *k == from || k.starts_with(&under))
            .cloned()
            .collect();
        for k in keys {
            if let Some(v) = d.remove(&k) {
                d.insert(format!("{to}{}", &k[from.len()..]), v);
            }
        }
    }

    fn entry(&self, m: &Metadata) -> Value {
        let mut e = json!({"path": show(&m.path), "type": kind_name(m.kind)});
        if m.kind == Kind::File {
            e["mimeType"] = mime_of(&m.path, self.declared(&m.path).as_deref(), None).into();
            e["size"] = m.size.into();
        }
        e
    }
}

type Slot = Arc<OnceLock<Result<Arc<Workspace>, String>>>;

struct Inner {
    opts: Options,
    workspaces: parking_lot::Mutex<HashMap<String, Slot>>,
    tools: Vec<Tool>,
}

/// The MCP server: the workspaces and the tools.
#[derive(Clone)]
pub struct Server {
    inner: Arc<Inner>,
}

impl Server {
    /// Make the server: boots one sandbox with `opts` to learn what the
    /// build holds (the commands in `/bin`) for the tool descriptions.
    pub fn new(opts: Options) -> Result<Server, String> {
        if opts.max_workspaces == 0 {
            return Err("--max-workspaces must be at least 1".into());
        }
        let probe = build_sandbox(&opts).map_err(|e| e.to_string())?;
        let commands: Vec<String> = probe
            .list("/bin")
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter(|m| m.kind == Kind::File)
            .map(|m| m.name)
            .collect();
        drop(probe);
        let tools = tools(&opts, &commands);
        Ok(Server {
            inner: Arc::new(Inner {
                opts,
                workspaces: parking_lot::Mutex::new(HashMap::new()),
                tools,
            }),
        })
    }

    /// The tools as `tools/list` gives them.
    pub fn tools(&self) -> &[Tool] {
        &self.inner.tools
    }

    /// What `ninebox mcp --describe` prints: each tool's name,
    /// description and arguments.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        for t in &self.inner.tools {
            s.push_str(&format!("{}\n", t.name));
            for line in t.description.as_deref().unwrap_or("").lines() {
                s.push_str(&format!("    {line}\n"));
            }
            let props = t.input_schema.get("properties").and_then(Value::as_object);
            let required: Vec<&str> = t
                .input_schema
                .get("required")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (name, p) in props.into_iter().flatten() {
                let about = p.get("description").and_then(Value::as_str).unwrap_or("");
                let opt = if required.contains(&name.as_str()) {
                    ""
                } else {
                    " (optional)"
                };
                s.push_str(&format!("    - {name}{opt}: {}\n", about.replace('\n', " ")));
            }
            s.push('\n');
        }
        s
    }

    /// Call a tool by name (blocking: from async code, in
    /// `spawn_blocking`). `None` for an unknown tool.
    pub fn call(&self, name: &str, args: JsonObject) -> Option<CallToolResult> {
        if !TOOLS.contains(&name) {
            return None;
        }
        Some(match self.inner.dispatch(name, args) {
            Ok(r) => r,
            Err(msg) => CallToolResult::error(vec![ContentBlock::text(msg)]),
        })
    }

    /// Serve MCP on stdin and stdout until the client goes away.
    pub async fn serve_stdio(self) -> Result<(), String> {
        let running = self
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| format!("mcp: {e}"))?;
        running.waiting().await.map_err(|e| format!("mcp: {e}"))?;
        Ok(())
    }

    /// How many workspaces exist.
    pub fn workspace_count(&self) -> usize {
        self.inner.workspaces.lock().len()
    }
}

fn build_sandbox(opts: &Options) -> Result<Sandbox, sandbox::Error> {
    let mut b = Sandbox::builder().limits(opts.limits.clone());
    if let Some(s) = opts.seed {
        b = b.seed(s);
    }
    for bind in &opts.binds {
        b = b.bind(bind.clone());
    }
    b.build()
}

fn ok(v: Value) -> CallToolResult {
    CallToolResult::structured(v)
}

impl Inner {
    /// The workspace `name`, made on first use.
    fn workspace(&self, name: &str) -> Result<Arc<Workspace>, String> {
        check_workspace(name)?;
        let slot = {
            let mut map = self.workspaces.lock();
            match map.get(name) {
                Some(s) => s.clone(),
                None => {
                    if map.len() >= self.opts.max_workspaces {
                        return Err(format!(
                            "workspace {name}: this server already has its {} workspaces (--max-workspaces)",
                            self.opts.max_workspaces
                        ));
                    }
                    let s = Slot::default();
                    map.insert(name.to_string(), s.clone());
                    s
                }
            }
        };
        let made = slot.get_or_init(|| {
            build_sandbox(&self.opts)
                .map(|sandbox| {
                    Arc::new(Workspace {
                        sandbox,
                        declared: parking_lot::Mutex::new(HashMap::new()),
                    })
                })
                .map_err(|e| e.to_string())
        });
        match made {
            Ok(w) => Ok(w.clone()),
            Err(e) => {
                // A workspace that could not start is not kept: the next
                // call tries again.
                let mut map = self.workspaces.lock();
                if map.get(name).is_some_and(|s| Arc::ptr_eq(s, &slot)) {
                    map.remove(name);
                }
                Err(format!("workspace {name}: {e}"))
            }
        }
    }

    fn dispatch(&self, tool: &str, args: JsonObject) -> Result<CallToolResult, String> {
        let e = |err: sandbox::Error| err.to_string();
        match tool {
            "write" => {
                let a: WriteArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let data = match a.encoding {
                    Encoding::Utf8 => a.content.into_bytes(),
                    Encoding::Base64 => base64::engine::general_purpose::STANDARD
                        .decode(a.content.trim())
                        .map_err(|err| format!("write: content is not valid base64: {err}"))?,
                };
                if let Some(m) = &a.mime_type {
                    check_mime(m)?;
                }
                let ws = self.workspace(&a.workspace)?;
                ws.sandbox.write_file(&abs, &data).map_err(e)?;
                ws.forget(&abs);
                if let Some(m) = a.mime_type {
                    ws.declared.lock().insert(abs.clone(), m);
                }
                Ok(ok(json!({"written": true, "path": a.path})))
            }
            "read" => {
                let a: ReadArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                let data = match ws.sandbox.read_file(&abs) {
                    Ok(d) => d,
                    Err(err) if err.is_not_found() => {
                        return Ok(ok(json!({"content": null, "mimeType": null, "size": 0})));
                    }
                    Err(err) => return Err(err.to_string()),
                };
                let mime = mime_of(&abs, ws.declared(&abs).as_deref(), Some(&data));
                let size = data.len();
                let content = match a.encoding {
                    Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(&data),
                    Encoding::Utf8 => String::from_utf8(data).map_err(|_| {
                        format!(
                            "read: {} is not valid UTF-8 ({mime}); read it with encoding \"base64\"",
                            a.path
                        )
                    })?,
                };
                Ok(ok(json!({"content": content, "mimeType": mime, "size": size})))
            }
            "list" => {
                let a: ListArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(a.path.as_deref().unwrap_or(HOME)).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                let entries: Vec<Value> = ws.sandbox.list(&abs).map_err(e)?.iter().map(|m| ws.entry(m)).collect();
                Ok(ok(json!({"entries": entries})))
            }
            "glob" => {
                let a: GlobArgs = parse(tool, args)?;
                let pattern = match &a.cwd {
                    Some(_) if a.pattern.starts_with('/') => {
                        return Err("glob: cwd cannot be used with an absolute pattern".into());
                    }
                    Some(cwd) => format!("{}/{}", sandbox::guest_path(cwd).map_err(e)?, a.pattern),
                    None => a.pattern.clone(),
                };
                sandbox::guest_path(&pattern).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                let entries: Vec<Value> = ws
                    .sandbox
                    .glob(&pattern)
                    .map_err(e)?
                    .iter()
                    .map(|m| ws.entry(m))
                    .collect();
                Ok(ok(json!({"entries": entries})))
            }
            "remove" => {
                let a: PathArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                ws.sandbox.remove(&abs, true).map_err(e)?;
                ws.forget(&abs);
                Ok(ok(json!({"removed": true, "path": a.path})))
            }
            "output" => {
                let a: OutputArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                let st = ws.sandbox.stat(&abs).map_err(e)?;
                if st.kind != Kind::File {
                    return Err(format!("output: {}: not a file", a.path));
                }
                let data = ws.sandbox.read_file(&abs).map_err(e)?;
                let mime = mime_of(&abs, ws.declared(&abs).as_deref(), Some(&data));
                let uri = format!("ninebox://{}{abs}", a.workspace);
                let resource = match String::from_utf8(data.clone()) {
                    Ok(text) if mime.starts_with("text/") => ResourceContents::TextResourceContents {
                        uri: uri.clone(),
                        mime_type: Some(mime.clone()),
                        text,
                        meta: None,
                    },
                    _ => ResourceContents::BlobResourceContents {
                        uri: uri.clone(),
                        mime_type: Some(mime.clone()),
                        blob: base64::engine::general_purpose::STANDARD.encode(&data),
                        meta: None,
                    },
                };
                let mut v = json!({"sent": true, "path": a.path, "mimeType": mime, "size": data.len(), "uri": uri});
                if let Some(d) = a.description {
                    v["description"] = d.into();
                }
                let mut r = CallToolResult::success(vec![
                    ContentBlock::text(v.to_string()),
                    ContentBlock::resource(resource),
                ]);
                r.structured_content = Some(v);
                Ok(r)
            }
            "run" => {
                let a: RunArgs = parse(tool, args)?;
                let limit = self.opts.limits.timeout;
                let timeout = match a.timeout {
                    None => None,
                    Some(t) if !(t.is_finite() && t > 0.0) => {
                        return Err(format!("run: timeout {t}: expected a number of seconds above 0"));
                    }
                    Some(t) => {
                        let d = Duration::try_from_secs_f64(t).map_err(|err| format!("run: timeout {t}: {err}"))?;
                        if let Some(l) = limit
                            && d > l
                        {
                            return Err(format!(
                                "run: timeout {t} s is above the server's time limit of {} s",
                                l.as_secs_f64()
                            ));
                        }
                        Some(d)
                    }
                };
                if let Some(cwd) = &a.cwd {
                    sandbox::guest_path(cwd).map_err(e)?;
                }
                let ws = self.workspace(&a.workspace)?;
                let out = ws
                    .sandbox
                    .exec_with(
                        &a.script,
                        ExecOptions {
                            stdin: a.stdin.map(String::into_bytes).unwrap_or_default(),
                            args: Vec::new(),
                            env: a.env.unwrap_or_default().into_iter().collect(),
                            cwd: a.cwd,
                            timeout,
                        },
                    )
                    .map_err(e)?;
                Ok(ok(out.to_json()))
            }
            "stat" => {
                let a: PathArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                let m = ws.sandbox.stat(&abs).map_err(e)?;
                let mut v = ws.entry(&m);
                v["name"] = m.name.into();
                v["size"] = m.size.into();
                v["mtimeMs"] = m.mtime_ms.into();
                if let Some(mode) = m.mode {
                    v["mode"] = format!("{mode:o}").into();
                }
                Ok(ok(v))
            }
            "mkdir" => {
                let a: PathArgs = parse(tool, args)?;
                let abs = sandbox::guest_path(&a.path).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                ws.sandbox.mkdir(&abs).map_err(e)?;
                Ok(ok(json!({"created": true, "path": a.path})))
            }
            "rename" => {
                let a: RenameArgs = parse(tool, args)?;
                let from = sandbox::guest_path(&a.from).map_err(e)?;
                let to = sandbox::guest_path(&a.to).map_err(e)?;
                let ws = self.workspace(&a.workspace)?;
                ws.sandbox.rename(&from, &to).map_err(e)?;
                ws.forget(&to);
                ws.moved(&from, &to);
                Ok(ok(json!({"renamed": true, "from": a.from, "to": a.to})))
            }
            "ps" => {
                let a: PsArgs = parse(tool, args)?;
                let ws = self.workspace(&a.workspace)?;
                let procs: Vec<Value> = ws
                    .sandbox
                    .processes()
                    .map_err(e)?
                    .into_iter()
                    .map(|p| {
                        json!({
                            "pid": p.pid, "ppid": p.ppid, "noteid": p.noteid, "name": p.name,
                            "argv": p.argv, "user": p.user, "state": p.state,
                            "cpuMs": p.cpu_ms, "realMs": p.real_ms, "mem": p.mem,
                        })
                    })
                    .collect();
                Ok(ok(json!({"processes": procs})))
            }
            "kill" => {
                let a: KillArgs = parse(tool, args)?;
                let note = a.note.unwrap_or_else(|| "kill".into());
                let ws = self.workspace(&a.workspace)?;
                ws.sandbox.kill(a.pid, &note).map_err(e)?;
                Ok(ok(json!({"killed": true, "pid": a.pid, "note": note})))
            }
            other => Err(format!("unknown tool {other}")),
        }
    }
}

/// The tools, their descriptions made from the build and the limits.
fn tools(opts: &Options, commands: &[String]) -> Vec<Tool> {
    use rmcp::handler::server::common::schema_for_type as schema;
    let l = &opts.limits;
    let limit = |name: &str| {
        LIMITS
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.unit.spec(i.get(l)))
            .unwrap_or_else(|| "?".into())
    };
    let all_limits: Vec<String> = LIMITS
        .iter()
        .map(|i| format!("{}={}", i.name, i.unit.spec(i.get(l))))
        .collect();
    let ws = format!(
        "Every tool takes `workspace`: a name (1 to 64 of A-Z a-z 0-9 _ -); each workspace is a separate ninebox system, \
         made on first use, that no other workspace can see (at most {} workspaces).",
        opts.max_workspaces
    );
    let paths = "Paths are absolute or relative to the home directory /home/user; a path with a `..` element or a NUL is refused.";
    let t =
        |name: &'static str, about: String, s: Arc<JsonObject>| Tool::new(name, format!("{about}\n{paths}\n{ws}"), s);
    vec![
        t(
            "write",
            format!(
                "Write a file, making its parent directories. `content` is text, or base64 with encoding \"base64\"; \
                 `mimeType` declares the type. Returns {{written, path}}. The workspace's files may hold {} in all (limit fs).",
                limit("fs")
            ),
            schema::<WriteArgs>(),
        ),
        t(
            "read",
            "Read a file. Returns {content, mimeType, size}; content is null if the file does not exist. \
             With encoding \"base64\" the content is base64 (for binary files)."
                .into(),
            schema::<ReadArgs>(),
        ),
        t(
            "list",
            "List a directory. Returns {entries: [{path, type: file|directory|device, mimeType, size}]} \
             (mimeType and size for files; the type comes from a declared type or the extension)."
                .into(),
            schema::<ListArgs>(),
        ),
        t(
            "glob",
            "Find files matching a pattern (`*`, `?`, `[...]` within an element, `**` across directories; dotfiles only \
             when the element starts with '.'). Returns {entries} as list does."
                .into(),
            schema::<GlobArgs>(),
        ),
        t(
            "remove",
            "Remove a file or a directory and everything in it. Returns {removed, path}.".into(),
            schema::<PathArgs>(),
        ),
        t(
            "output",
            "Deliver a file to the user: checks that it exists and is a file, and returns it as an embedded resource \
             (uri ninebox://WORKSPACE/PATH) with its MIME type, beside {sent, path, mimeType, size, uri, description}."
                .into(),
            schema::<OutputArgs>(),
        ),
        t(
            "run",
            format!(
                "Run a script in a fresh `sh -c` (a Plan 9-style system with a bash-like shell) in the workspace; \
                 files it writes stay, its cd and exports end with it. Returns {{stdout, stderr, status, wait, truncated}} \
                 (stdout_base64/stderr_base64 instead where the bytes are not UTF-8; wait is Plan 9's wait message). \
                 Past the time limit ({}) the script and what it started are killed and status is 124; stdout and stderr \
                 together are cut at {} (truncated: true).\nCommands in /bin: {}.\nLimits in force: {}.",
                limit("timeout"),
                limit("output"),
                commands.join(" "),
                all_limits.join(" ")
            ),
            schema::<RunArgs>(),
        ),
        t(
            "stat",
            "A file's metadata: {path, name, type, size, mimeType (files), mtimeMs, mode (octal, where kept)}.".into(),
            schema::<PathArgs>(),
        ),
        t(
            "mkdir",
            "Make a directory and its missing parents (one that exists is not an error). Returns {created, path}.".into(),
            schema::<PathArgs>(),
        ),
        t(
            "rename",
            "Move a file or directory to a new path (missing parents made; both on the same file server). \
             Returns {renamed, from, to}."
                .into(),
            schema::<RenameArgs>(),
        ),
        t(
            "ps",
            format!(
                "The workspace's live processes: {{processes: [{{pid, ppid, noteid, name, argv, user, state, cpuMs, realMs, mem}}]}}. \
                 Pid 1 is the workspace's own first process; a workspace holds at most {} processes (limit procs).",
                limit("procs")
            ),
            schema::<PsArgs>(),
        ),
        t(
            "kill",
            "Post a note to a process of the workspace (default \"kill\"; \"interrupt\", \"hangup\"...), as writing \
             /proc/PID/note does. Pid 1 cannot be sent one. Returns {killed, pid, note}."
                .into(),
            schema::<KillArgs>(),
        ),
    ]
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("ninebox", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "A Plan 9-style sandbox: files and scripts in isolated workspaces. Name a workspace in every call.",
            )
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.inner.tools.clone()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let name = request.name.to_string();
        if !TOOLS.contains(&name.as_str()) {
            return Err(ErrorData::invalid_params(format!("unknown tool {name:?}"), None));
        }
        let args = request.arguments.unwrap_or_default();
        let server = self.clone();
        let r = tokio::task::spawn_blocking(move || server.call(&name, args))
            .await
            .map_err(|e| ErrorData::internal_error(format!("the tool call failed: {e}"), None))?;
        match r {
            Some(r) => Ok(CallToolResponse::Complete(r)),
            None => Err(ErrorData::invalid_params("unknown tool", None)),
        }
    }
}

/// `ninebox mcp`: serve over stdio, or with `describe` print the tool
/// descriptions. Returns the exit status.
pub async fn run(opts: Options, describe: bool) -> i32 {
    let server = match tokio::task::spawn_blocking(move || Server::new(opts)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            eprintln!("ninebox mcp: {e}");
            return 1;
        }
        Err(e) => {
            eprintln!("ninebox mcp: {e}");
            return 1;
        }
    };
    if describe {
        print!("{}", server.describe());
        return 0;
    }
    match server.serve_stdio().await {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ninebox {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_names() {
        for good in ["a", "A-b_9", &"x".repeat(64)] {
            assert!(check_workspace(good).is_ok(), "{good}");
        }
        for bad in ["", "a b", "../x", "a/b", "é", "a\0", &"x".repeat(65)] {
            let e = check_workspace(bad).unwrap_err();
            assert!(e.contains("expected 1 to 64 letters"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn mime_syntax() {
        for good in [
            "text/plain",
            "image/svg+xml",
            "text/plain; charset=utf-8",
            "application/vnd.a-b.c",
        ] {
            assert!(check_mime(good).is_ok(), "{good}");
        }
        for bad in ["", "png", "/x", "x/", "a b/c", "text/plain\n", "a/b/c"] {
            assert!(check_mime(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn shown_paths_and_types() {
        assert_eq!(show("/home/user/a/b"), "a/b");
        assert_eq!(show("/home/user"), "/home/user");
        assert_eq!(show("/home/username"), "/home/username");
        assert_eq!(show("/tmp/x"), "/tmp/x");
        assert_eq!(mime_of("x.png", Some("text/x-mine"), Some(b"\x89PNG")), "text/x-mine");
        assert_eq!(mime_of("x.txt", None, Some(b"%PDF-1.4\n")), "application/pdf");
        assert_eq!(mime_of("x.json", None, Some(b"{}")), "application/json");
        assert_eq!(mime_of("noext", None, Some(b"plain words")), "text/plain");
        assert_eq!(
            mime_of("noext", None, Some(b"\xff\xfe\x00")),
            "application/octet-stream"
        );
        assert_eq!(mime_of("noext", None, None), "application/octet-stream");
    }

    #[test]
    fn arguments_parse_strictly() {
        let args = |v: Value| match v {
            Value::Object(o) => o,
            _ => unreachable!(),
        };
        let w: WriteArgs = parse("write", args(json!({"workspace": "w", "path": "p", "content": "c"}))).unwrap();
        assert_eq!((w.encoding, w.mime_type), (Encoding::Utf8, None));
        let w: WriteArgs = parse(
            "write",
            args(json!({"workspace": "w", "path": "p", "content": "", "encoding": "base64", "mimeType": "a/b"})),
        )
        .unwrap();
        assert_eq!((w.encoding, w.mime_type.as_deref()), (Encoding::Base64, Some("a/b")));
        let e = parse::<WriteArgs>("write", args(json!({"workspace": "w", "path": "p"}))).unwrap_err();
        assert_eq!(e, "write: bad arguments: missing field `content`");
        let e = parse::<KillArgs>("kill", args(json!({"workspace": "w", "pid": -1}))).unwrap_err();
        assert!(e.starts_with("kill: bad arguments: invalid value: integer `-1`"), "{e}");
        let e = parse::<PsArgs>("ps", args(json!({"workspace": "w", "all": true}))).unwrap_err();
        assert!(e.contains("unknown field `all`"), "{e}");
    }
}
