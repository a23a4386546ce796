//! `ps`: list processes, from `/proc` alone (each process's `status` and
//! `args`), so it shows whatever ProcFS is mounted there, and a process
//! that ends while ps runs is simply skipped.

use common::cli::{Cmd, Opt, flag, long, value};
use common::time;

const HELP: &str = "Usage: ps [OPTION]...
   or: ps [aux]...
Report a snapshot of the processes, read from /proc.

Every process is listed (there are no terminals to select by). Without
options the columns are USER PID PPID STATE TIME CMD. STATE (STAT) is
Plan 9's: Running, or the call the process is blocked in (Pread, Pwrite,
Open, Await, Sleep), Stopped (job control, a stop ctl message), Broken
(ended by a fault) or Zombie until its parent waits for it.

  -e, -A                 all processes (the default; accepted for habit)
  -f                     System V full format: UID PID PPID C STIME TTY TIME CMD
                         with the whole command line
  -p, --pid=PIDLIST      only these pids (comma or blank separated)
  -u, --user=USERLIST    only processes of these users
  -o, --format=LIST      columns to show; NAME=HEADER renames one (an empty
                         HEADER everywhere drops the header line)
      --no-headers       no header line
      --sort=KEY         order by a column (default pid); a leading - reverses
      --help     display this help and exit
      --version  output version information and exit

BSD syntax (letters without a dash): a and x select every process (as
without them), u gives the user format USER PID %CPU %MEM VSZ RSS TTY STAT
START TIME COMMAND, w is accepted (lines are never cut).

Columns for -o: user uid pid ppid stat state s pcpu %cpu c pmem %mem vsz
rss tty start stime lstart time cputime bsdtime etime etimes comm cmd args
command. %MEM, VSZ and RSS count the memory the kernel charges a process
(its shell variables and buffers), in KiB; TTY is ? (no terminals).
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
    uid: u32,
    state: String,
    cpu_ms: u64,
    real_ms: u64,
    mem_kb: u64,
    /// `mem_kb` against the system's memory limit, in tenths of a percent.
    mem_tenths: u64,
    /// Start time, ms since the epoch.
    start_ms: u64,
    args: String,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Kind {
    User,
    Uid,
    Pid,
    Ppid,
    State,
    Pcpu,
    C,
    Pmem,
    Vsz,
    Rss,
    Tty,
    Start,
    Lstart,
    Time,
    BsdTime,
    Etime,
    Etimes,
    Cmd,
    Args,
}

/// A column: what it shows and its header.
#[derive(Clone)]
struct Col {
    kind: Kind,
    header: String,
}

impl Col {
    /// A column by its procps name, with procps's header.
    fn parse(s: &str) -> Option<Col> {
        let (kind, header) = match s {
            "user" | "euser" | "uname" => (Kind::User, "USER"),
            "uid" | "euid" => (Kind::Uid, "UID"),
            "pid" => (Kind::Pid, "PID"),
            "ppid" => (Kind::Ppid, "PPID"),
            "stat" => (Kind::State, "STAT"),
            "state" | "s" => (Kind::State, "S"),
            "pcpu" | "%cpu" => (Kind::Pcpu, "%CPU"),
            "c" => (Kind::C, "C"),
            "pmem" | "%mem" => (Kind::Pmem, "%MEM"),
            "vsz" | "vsize" => (Kind::Vsz, "VSZ"),
            "rss" | "rssize" => (Kind::Rss, "RSS"),
            "tty" | "tt" => (Kind::Tty, "TT"),
            "start" => (Kind::Start, "STARTED"),
            "stime" | "start_time" => (Kind::Start, "STIME"),
            "lstart" => (Kind::Lstart, "STARTED"),
            "time" | "cputime" => (Kind::Time, "TIME"),
            "bsdtime" => (Kind::BsdTime, "TIME"),
            "etime" | "rtime" => (Kind::Etime, "ELAPSED"),
            "etimes" => (Kind::Etimes, "ELAPSED"),
            "comm" | "ucomm" | "ucmd" => (Kind::Cmd, "COMMAND"),
            "cmd" => (Kind::Args, "CMD"),
            "args" | "command" => (Kind::Args, "COMMAND"),
            _ => return None,
        };
        Some(Col {
            kind,
            header: header.to_string(),
        })
    }

    fn with(kind: Kind, header: &str) -> Col {
        Col {
            kind,
            header: header.to_string(),
        }
    }

    /// Width and whether the column is right-aligned; the last column is
    /// never padded.
    fn width(&self) -> (usize, bool) {
        let w = match self.kind {
            Kind::User => return (8, false),
            Kind::Tty => return (8, false),
            Kind::State => return (8, false),
            Kind::Lstart => return (24, false),
            Kind::Cmd | Kind::Args => return (0, false),
            Kind::Uid | Kind::Pid | Kind::Ppid => 6,
            Kind::Pcpu | Kind::Pmem => 4,
            Kind::C => 2,
            Kind::Vsz | Kind::Rss => 6,
            Kind::Start => 5,
            Kind::Time | Kind::Etime => 8,
            Kind::BsdTime | Kind::Etimes => 7,
        };
        (w.max(self.header.len()), true)
    }

    fn value(&self, r: &Row) -> String {
        let percent = |part: u64, whole: u64| -> u64 {
            // Tenths of a percent.
            (part * 1000).checked_div(whole).unwrap_or(0)
        };
        match self.kind {
            Kind::User => r.user.clone(),
            Kind::Uid => r.uid.to_string(),
            Kind::Pid => r.pid.to_string(),
            Kind::Ppid => r.ppid.to_string(),
            Kind::State => r.state.clone(),
            Kind::Pcpu => {
                let t = percent(r.cpu_ms, r.real_ms);
                format!("{}.{}", t / 10, t % 10)
            }
            Kind::C => (percent(r.cpu_ms, r.real_ms) / 10).to_string(),
            // Against the system's memory limit, ninebox's physical memory.
            Kind::Pmem => format!("{}.{}", r.mem_tenths / 10, r.mem_tenths % 10),
            Kind::Vsz | Kind::Rss => r.mem_kb.to_string(),
            Kind::Tty => "?".to_string(),
            Kind::Start => {
                let t = time::tm((r.start_ms / 1000) as i64);
                format!("{:02}:{:02}", t.hour, t.min)
            }
            Kind::Lstart => time::format("%a %b %e %H:%M:%S %Y", (r.start_ms / 1000) as i64, 0),
            Kind::Time => clock(r.cpu_ms / 1000),
            Kind::BsdTime => {
                let s = r.cpu_ms / 1000;
                format!("{}:{:02}", s / 60, s % 60)
            }
            Kind::Etime => elapsed(r.real_ms / 1000),
            Kind::Etimes => (r.real_ms / 1000).to_string(),
            Kind::Cmd => r.name.clone(),
            Kind::Args => r.args.clone(),
        }
    }

    /// The order `--sort` puts two rows in.
    fn compare(&self, a: &Row, b: &Row) -> std::cmp::Ordering {
        match self.kind {
            Kind::Pid => a.pid.cmp(&b.pid),
            Kind::Ppid => a.ppid.cmp(&b.ppid),
            Kind::Uid => a.uid.cmp(&b.uid),
            Kind::Time | Kind::BsdTime | Kind::Pcpu | Kind::C => a.cpu_ms.cmp(&b.cpu_ms),
            Kind::Etime | Kind::Etimes => a.real_ms.cmp(&b.real_ms),
            Kind::Start | Kind::Lstart => a.start_ms.cmp(&b.start_ms),
            Kind::Vsz | Kind::Rss | Kind::Pmem => a.mem_kb.cmp(&b.mem_kb),
            _ => self.value(a).cmp(&self.value(b)),
        }
    }
}

/// procps's TIME: `[DD-]HH:MM:SS`.
fn clock(s: u64) -> String {
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    if d > 0 {
        format!("{d}-{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// procps's ELAPSED: `[[DD-]HH:]MM:SS`.
fn elapsed(s: u64) -> String {
    let (d, h, m, s) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    match (d, h) {
        (0, 0) => format!("{m:02}:{s:02}"),
        (0, _) => format!("{h:02}:{m:02}:{s:02}"),
        _ => format!("{d}-{h:02}:{m:02}:{s:02}"),
    }
}

/// `-o` lists: names split at commas and blanks; after `NAME=` the rest of
/// that argument is the header.
fn parse_format(arg: &str, cols: &mut Vec<Col>) -> Result<(), String> {
    let mut rest = arg;
    while !rest.is_empty() {
        let cut = rest.find([',', ' ', '=']).unwrap_or(rest.len());
        let name = &rest[..cut];
        let mut col = if name.is_empty() {
            None
        } else {
            Some(Col::parse(name).ok_or_else(|| name.to_string())?)
        };
        match rest[cut..].chars().next() {
            Some('=') => {
                let mut c = col.take().ok_or_else(|| rest.to_string())?;
                c.header = rest[cut + 1..].to_string();
                cols.push(c);
                return Ok(());
            }
            _ => {
                cols.extend(col);
                rest = rest.get(cut + 1..).unwrap_or("");
            }
        }
    }
    Ok(())
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
        mem_kb: *nums.get(6)?,
        mem_tenths: 0,
        uid: 0,
        start_ms: 0,
        args: name.clone(),
        name,
        user,
        state,
    })
}

/// The BSD letters of a first argument without a dash: true for the user
/// format (`u`). `None` for a letter ps does not know.
fn bsd_letters(word: &str) -> Option<bool> {
    let mut user = false;
    for c in word.chars() {
        match c {
            // Every process is listed anyway; lines are never cut.
            'a' | 'x' | 'w' => {}
            'u' => user = true,
            _ => return None,
        }
    }
    Some(user)
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let mut bsd_user = false;
    if let Some(word) = cmd
        .args
        .first()
        .filter(|a| !a.is_empty() && !a.starts_with('-'))
        .cloned()
    {
        match bsd_letters(&word) {
            Some(u) => bsd_user = u,
            None => {
                cmd.error("error: unsupported option (BSD syntax)").await;
                return cmd.finish(1).await;
            }
        }
        cmd.args.remove(0);
    }
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
    let mut cols: Vec<Col> = Vec::new();
    for f in opts.values("format") {
        if let Err(bad) = parse_format(f, &mut cols) {
            return cmd.usage_error(format!("unknown column '{bad}'"), 1).await;
        }
    }
    if cols.is_empty() {
        cols = if bsd_user {
            vec![
                Col::with(Kind::User, "USER"),
                Col::with(Kind::Pid, "PID"),
                Col::with(Kind::Pcpu, "%CPU"),
                Col::with(Kind::Pmem, "%MEM"),
                Col::with(Kind::Vsz, "VSZ"),
                Col::with(Kind::Rss, "RSS"),
                Col::with(Kind::Tty, "TTY"),
                Col::with(Kind::State, "STAT"),
                Col::with(Kind::Start, "START"),
                Col::with(Kind::BsdTime, "TIME"),
                Col::with(Kind::Args, "COMMAND"),
            ]
        } else if opts.has("full") {
            vec![
                Col::with(Kind::User, "UID"),
                Col::with(Kind::Pid, "PID"),
                Col::with(Kind::Ppid, "PPID"),
                Col::with(Kind::C, "C"),
                Col::with(Kind::Start, "STIME"),
                Col::with(Kind::Tty, "TTY"),
                Col::with(Kind::Time, "TIME"),
                Col::with(Kind::Args, "CMD"),
            ]
        } else {
            vec![
                Col::with(Kind::User, "USER"),
                Col::with(Kind::Pid, "PID"),
                Col::with(Kind::Ppid, "PPID"),
                Col::with(Kind::State, "STATE"),
                Col::with(Kind::BsdTime, "TIME"),
                Col::with(Kind::Cmd, "CMD"),
            ]
        };
    }
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
    let now = p.now_ms();
    let mem_limit = p.kernel().limits.max_mem;
    let wants = |k: Kind| cols.iter().chain([&key]).any(|c| c.kind == k);
    let (want_args, want_uid) = (wants(Kind::Args), wants(Kind::Uid));
    let mut rows = Vec::new();
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
        row.start_ms = now.saturating_sub(row.real_ms);
        row.mem_tenths = (row.mem_kb * 1024 * 1000).checked_div(mem_limit).unwrap_or(0);
        if want_args && let Ok(args) = p.read_file(&format!("/proc/{pid}/args")).await {
            // One line per process: control characters show as `?`, as
            // procps shows them.
            let text = String::from_utf8_lossy(&args);
            row.args = text
                .trim_end()
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
        }
        if want_uid && let Ok(st) = p.stat(&format!("/proc/{pid}")).await {
            row.uid = st.uid.unwrap_or(0);
        }
        rows.push(row);
    }
    rows.sort_by(|a, b| key.compare(a, b).then(a.pid.cmp(&b.pid)));
    if reverse {
        rows.reverse();
    }
    // procps drops the header line when every header is empty (`-o pid=`).
    if !opts.has("no-headers") && cols.iter().any(|c| !c.header.is_empty()) {
        let header: Vec<String> = cols.iter().map(|c| c.header.clone()).collect();
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
    use super::{Col, bsd_letters, clock, elapsed, parse_format, parse_status};

    #[test]
    fn formats_and_headers() {
        let mut cols = Vec::new();
        parse_format("pid,ppid stat", &mut cols).unwrap();
        parse_format("args=THE COMMAND, LINE", &mut cols).unwrap();
        let headers: Vec<&str> = cols.iter().map(|c| c.header.as_str()).collect();
        assert_eq!(headers, ["PID", "PPID", "STAT", "THE COMMAND, LINE"]);
        let mut cols = Vec::new();
        parse_format("pid=", &mut cols).unwrap();
        assert_eq!(cols[0].header, "");
        assert_eq!(parse_format("pid,nope", &mut Vec::new()), Err("nope".to_string()));
        assert!(Col::parse("%cpu").is_some());
    }

    #[test]
    fn bsd_words_and_times() {
        assert_eq!(bsd_letters("aux"), Some(true));
        assert_eq!(bsd_letters("ax"), Some(false));
        assert_eq!(bsd_letters("zz"), None);
        assert_eq!(clock(3 * 3600 + 61), "03:01:01");
        assert_eq!(clock(86_400 + 5), "1-00:00:05");
        assert_eq!(elapsed(65), "01:05");
        assert_eq!(elapsed(3600), "01:00:00");
    }

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
