//! `ps`: list processes, from `/proc` alone (each process's `status` and
//! `args`), so it shows whatever ProcFS is mounted there, and a process
//! that ends while ps runs is simply skipped.

use common::cli::{Cmd, Opt, flag, long, value};

const HELP: &str = "Usage: ps [OPTION]...
Report a snapshot of the processes, read from /proc.

Every process is listed (there are no terminals to select by), with the
columns USER PID PPID STATE TIME CMD. STATE is what the process is doing:
Running, or the call it is blocked in (Pread, Pwrite, Open, Await, Sleep),
or Zombie until its parent waits for it. TIME is CPU time as M:SS.

  -e, -A                 all processes (the default; accepted for habit)
  -f                     full format: CMD shows the whole command line
  -p, --pid=PIDLIST      only these pids (comma or blank separated)
  -u, --user=USERLIST    only processes of these users
  -o, --format=LIST      columns to show, from: user pid ppid state time rtime cmd args
      --no-headers       no header line
      --sort=KEY         order by pid (default), ppid, user, state, time or cmd;
                         a leading - reverses
      --help     display this help and exit
      --version  output version information and exit
";

const SPEC: &[Opt] = &[
    flag("every", 'e'),
    flag("all", 'A'),
    flag("full", 'f'),
    value("pid", 'p'),
    value("user", 'u'),
    value("format", 'o'),
    long("no-headers", common::cli::Arg::No),
    long("sort", common::cli::Arg::Required),
];

/// One process, as read from /proc.
struct Row {
    pid: u32,
    ppid: u32,
    name: String,
    user: String,
    state: String,
    cpu_ms: u64,
    real_ms: u64,
    args: String,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Col {
    User,
    Pid,
    Ppid,
    State,
    Time,
    Rtime,
    Cmd,
    Args,
}

impl Col {
    fn parse(s: &str) -> Option<Col> {
        Some(match s {
            "user" => Col::User,
            "pid" => Col::Pid,
            "ppid" => Col::Ppid,
            "state" | "stat" | "s" => Col::State,
            "time" => Col::Time,
            "rtime" | "etime" => Col::Rtime,
            "cmd" | "comm" => Col::Cmd,
            "args" | "command" => Col::Args,
            _ => return None,
        })
    }

    fn header(self) -> &'static str {
        match self {
            Col::User => "USER",
            Col::Pid => "PID",
            Col::Ppid => "PPID",
            Col::State => "STATE",
            Col::Time => "TIME",
            Col::Rtime => "ELAPSED",
            Col::Cmd => "CMD",
            Col::Args => "ARGS",
        }
    }

    /// Width and whether the column is right-aligned; the last column is
    /// never padded.
    fn width(self) -> (usize, bool) {
        match self {
            Col::User => (8, false),
            Col::Pid | Col::Ppid => (6, true),
            Col::State => (8, false),
            Col::Time | Col::Rtime => (7, true),
            Col::Cmd | Col::Args => (0, false),
        }
    }

    fn value(self, r: &Row) -> String {
        match self {
            Col::User => r.user.clone(),
            Col::Pid => r.pid.to_string(),
            Col::Ppid => r.ppid.to_string(),
            Col::State => r.state.clone(),
            Col::Time => minutes(r.cpu_ms),
            Col::Rtime => minutes(r.real_ms),
            Col::Cmd => r.name.clone(),
            Col::Args => r.args.clone(),
        }
    }
}

fn minutes(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Parse Plan 9's status layout: name, user, state in 28-, 28- and 12-byte
/// fields, then numbers (utime stime rtime cutime cstime crtime mem basepri
/// pri, and ninebox's pid and ppid).
fn parse_status(pid: u32, text: &[u8]) -> Option<Row> {
    let field = |a: usize, b: usize| -> Option<String> {
        Some(String::from_utf8_lossy(text.get(a..b)?).trim_end().to_string())
    };
    let name = field(0, 28)?;
    let user = field(28, 56)?;
    let state = field(56, 68)?;
    let nums: Vec<u64> = String::from_utf8_lossy(text.get(68..)?)
        .split_whitespace()
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    Some(Row {
        pid,
        ppid: u32::try_from(*nums.get(10)?).ok()?,
        cpu_ms: nums[0],
        real_ms: *nums.get(2)?,
        args: name.clone(),
        name,
        user,
        state,
    })
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(extra) = opts.operands.first() {
        return cmd.usage_error(format!("extra operand '{extra}'"), 1).await;
    }
    let list = |s: &str| -> Vec<String> {
        s.split([',', ' '])
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let pids: Vec<u32> = match opts
        .values("pid")
        .iter()
        .flat_map(|v| list(v))
        .map(|p| p.parse())
        .collect()
    {
        Ok(v) => v,
        Err(_) => return cmd.usage_error("process ID list syntax error", 1).await,
    };
    let users: Vec<String> = opts.values("user").iter().flat_map(|v| list(v)).collect();
    let cols: Vec<Col> = match opts.value("format") {
        Some(f) => match list(f).iter().map(|c| Col::parse(c).ok_or(c.clone())).collect() {
            Ok(c) => c,
            Err(bad) => return cmd.usage_error(format!("unknown column '{bad}'"), 1).await,
        },
        None => {
            let last = if opts.has("full") { Col::Args } else { Col::Cmd };
            vec![Col::User, Col::Pid, Col::Ppid, Col::State, Col::Time, last]
        }
    };
    let sort = opts.value("sort").unwrap_or("pid").to_string();
    let (reverse, key) = match sort.strip_prefix('-') {
        Some(k) => (true, k.to_string()),
        None => (false, sort.trim_start_matches('+').to_string()),
    };
    let Some(key) = Col::parse(&key) else {
        return cmd.usage_error(format!("unknown sort key '{key}'"), 1).await;
    };

    let p = cmd.p.clone();
    let entries = match p.readdir("/proc").await {
        Ok(e) => e,
        Err(e) => {
            cmd.error(format!("/proc: {}", e.strerror())).await;
            return cmd.finish(1).await;
        }
    };
    let mut rows = Vec::new();
    let want_args = cols.contains(&Col::Args);
    for e in entries {
        let Ok(pid) = e.name.parse::<u32>() else { continue };
        if !pids.is_empty() && !pids.contains(&pid) {
            continue;
        }
        // A process may end between the listing and the read: skip it.
        let Ok(status) = p.read_file(&format!("/proc/{pid}/status")).await else {
            continue;
        };
        let Some(mut row) = parse_status(pid, &status) else {
            continue;
        };
        if !users.is_empty() && !users.contains(&row.user) {
            continue;
        }
        if want_args && let Ok(args) = p.read_file(&format!("/proc/{pid}/args")).await {
            row.args = String::from_utf8_lossy(&args).trim_end().to_string();
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| {
        let o = match key {
            Col::Pid => a.pid.cmp(&b.pid),
            Col::Ppid => a.ppid.cmp(&b.ppid),
            Col::Time => a.cpu_ms.cmp(&b.cpu_ms),
            Col::Rtime => a.real_ms.cmp(&b.real_ms),
            _ => key.value(a).cmp(&key.value(b)),
        };
        o.then(a.pid.cmp(&b.pid))
    });
    if reverse {
        rows.reverse();
    }
    if !opts.has("no-headers") {
        let header: Vec<String> = cols.iter().map(|c| c.header().to_string()).collect();
        let line = format_row(&cols, &header);
        cmd.out.write_str(&line).await;
    }
    for r in &rows {
        let values: Vec<String> = cols.iter().map(|c| c.value(r)).collect();
        let line = format_row(&cols, &values);
        cmd.out.write_str(&line).await;
    }
    // ps exits 1 when a selection matched nothing, as procps does.
    let status = if rows.is_empty() && (!pids.is_empty() || !users.is_empty()) {
        1
    } else {
        0
    };
    cmd.finish(status).await
}

fn format_row(cols: &[Col], values: &[String]) -> String {
    let mut line = String::new();
    for (i, (c, v)) in cols.iter().zip(values).enumerate() {
        let last = i + 1 == cols.len();
        if i > 0 {
            line.push(' ');
        }
        let (w, right) = c.width();
        if last {
            line.push_str(v);
        } else if right {
            line.push_str(&format!("{v:>w$}"));
        } else {
            line.push_str(&format!("{v:<w$}"));
        }
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::parse_status;

    #[test]
    fn reads_plan9_status() {
        let mut s = format!("{:<28}{:<28}{:<12}", "sleep", "user", "Sleep");
        for n in [12, 0, 3400, 0, 0, 0, 0, 10, 10, 7, 2] {
            s.push_str(&format!("{n:>11} "));
        }
        s.push('\n');
        let r = parse_status(7, s.as_bytes()).unwrap();
        assert_eq!(
            (r.name.as_str(), r.user.as_str(), r.state.as_str()),
            ("sleep", "user", "Sleep")
        );
        assert_eq!((r.pid, r.ppid, r.cpu_ms, r.real_ms), (7, 2, 12, 3400));
        assert!(parse_status(7, b"short").is_none());
    }
}
