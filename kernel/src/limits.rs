//! Limits: how much one system, one process group and one process may use.
//!
//! [`Limits`] is a plain struct, one field per limit. The host sets it (the
//! `ninebox` CLI, `NINEBOX_LIMITS`, the library API) and it becomes the
//! *hard* and *soft* limits of the first process; every child starts with
//! its parent's. A process may lower its own limits (`ulimit`) and raise a
//! soft limit back up to its hard one, never above: nothing inside the
//! sandbox raises what the host set.
//!
//! Every limit has a name (`procs`, `fds`, `cpu`, ...) shared by
//! `--limit name=value`, `NINEBOX_LIMITS=name=value,...`, `ulimit` and
//! `/proc/N/limits`; [`LIMITS`] is the table of them, [`Limits::set`] the one
//! parser. Three profiles ([`Limits::standard`], the default, sized so that
//! ordinary scripts never notice; [`Limits::strict`] for untrusted input;
//! [`Limits::unlimited`]) are the starting points.
//!
//! What counts against each limit, and who refuses, is in `specs/limits.md`.
//! Counters that several processes share live here too: [`Space`] (bytes a
//! file system holds) and [`GroupCount`] (live processes of a note group).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use crate::error::{Errno, Error};
use crate::pipe::DEFAULT_CAPACITY;

/// The value of a limit that does not limit.
pub const UNLIMITED: u64 = u64::MAX;

/// Every limit of a system or a process. `u64::MAX` / `usize::MAX` (and
/// `None` for times) mean unlimited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time a run may take (`--timeout`); the host ends the run
    /// with status 124.
    pub timeout: Option<Duration>,
    /// CPU time one process may use; it is then ended with status 152
    /// (SIGXCPU's).
    pub cpu: Option<Duration>,
    /// CPU time all processes of the system together may use; the run then
    /// ends with status 152.
    pub cpu_total: Option<Duration>,
    /// Processes in the system, zombies included (spawn fails with EAGAIN).
    pub max_procs: usize,
    /// Live processes in one note group (the processes a Ctrl-C reaches).
    pub max_group_procs: usize,
    /// Host threads the system's commands may use at once for work that
    /// cannot run on the runtime (jq's evaluator).
    pub max_threads: usize,
    /// Fds per table (EMFILE beyond).
    pub max_fds: usize,
    /// Bytes one in-memory file system (`/`, `/tmp`, `memfs`, `ramfs`) may
    /// hold, file contents and a fixed cost per file (ENOSPC beyond).
    pub fs_bytes: u64,
    /// Bytes all in-memory file systems of the system may hold together.
    pub fs_total: u64,
    /// Bytes of counted memory one process may hold: the shell's variables
    /// and arrays, charged as they grow.
    pub max_mem: u64,
    /// Bytes one buffer or string a program builds from its input may hold
    /// (a size, width or repeat argument, a line, a variable, a command
    /// substitution, a here-document). A program asked for more refuses
    /// with an error naming this limit.
    pub max_alloc: usize,
    /// Bytes a pipe buffers before writers block.
    pub pipe_capacity: usize,
    /// Bytes the run may write to the host's stdout and stderr together;
    /// the output is then cut with a final line saying so.
    pub output: u64,
    /// Words one brace expansion may produce (counted before any is made).
    pub max_brace_words: usize,
    /// Nested shell function calls.
    pub max_calls: usize,
    /// Nested `eval`, `source` and subshell texts.
    pub max_evals: usize,
    /// Nesting depth of every recursive parser and evaluator in the shell
    /// (compound commands, `((...))`, `$((...))`, `${x:-...}`, `[[ ( ) ]]`,
    /// `test`).
    pub max_nest: usize,
    /// `#!` interpreters chained before ELOOP.
    pub max_interpreter_depth: usize,
}

impl Default for Limits {
    /// The standard profile.
    fn default() -> Self {
        Limits::standard()
    }
}

const KI: u64 = 1 << 10;
const MI: u64 = 1 << 20;
const GI: u64 = 1 << 30;

impl Limits {
    /// The default: generous enough that ordinary scripts, the test suite
    /// and the benchmarks never notice, tight enough that a runaway script
    /// stops with an error instead of taking the host's memory.
    pub fn standard() -> Limits {
        Limits {
            timeout: None,
            cpu: None,
            cpu_total: None,
            max_procs: 32768,
            max_group_procs: 32768,
            max_threads: 64,
            max_fds: 1024,
            fs_bytes: GI,
            fs_total: 4 * GI,
            max_mem: GI,
            max_alloc: (256 * MI) as usize,
            pipe_capacity: DEFAULT_CAPACITY,
            output: UNLIMITED,
            max_brace_words: 1 << 22,
            max_calls: 1000,
            max_evals: 200,
            max_nest: 1000,
            max_interpreter_depth: 4,
        }
    }

    /// For untrusted scripts: a run of at most 30 seconds in 256 MiB or so.
    pub fn strict() -> Limits {
        Limits {
            timeout: Some(Duration::from_secs(30)),
            cpu: Some(Duration::from_secs(10)),
            cpu_total: Some(Duration::from_secs(20)),
            max_procs: 256,
            max_group_procs: 128,
            max_threads: 8,
            max_fds: 256,
            fs_bytes: 64 * MI,
            fs_total: 128 * MI,
            max_mem: 32 * MI,
            max_alloc: (16 * MI) as usize,
            pipe_capacity: DEFAULT_CAPACITY,
            output: 16 * MI,
            max_brace_words: 1 << 16,
            max_calls: 200,
            max_evals: 50,
            max_nest: 200,
            max_interpreter_depth: 4,
        }
    }

    /// No limit but the ones that keep the host process itself safe: the
    /// nesting limits (deeper would overflow the stack), fds, pipe buffers
    /// and `#!` chains.
    pub fn unlimited() -> Limits {
        let s = Limits::standard();
        Limits {
            timeout: None,
            cpu: None,
            cpu_total: None,
            max_procs: usize::MAX,
            max_group_procs: usize::MAX,
            max_threads: usize::MAX,
            max_fds: s.max_fds,
            fs_bytes: UNLIMITED,
            fs_total: UNLIMITED,
            max_mem: UNLIMITED,
            max_alloc: usize::MAX,
            pipe_capacity: s.pipe_capacity,
            output: UNLIMITED,
            max_brace_words: usize::MAX,
            max_calls: s.max_calls,
            max_evals: s.max_evals,
            max_nest: s.max_nest,
            max_interpreter_depth: s.max_interpreter_depth,
        }
    }

    /// A profile by name: `standard`, `strict` or `unlimited`.
    pub fn profile(name: &str) -> Option<Limits> {
        match name {
            "standard" => Some(Limits::standard()),
            "strict" => Some(Limits::strict()),
            "unlimited" => Some(Limits::unlimited()),
            _ => None,
        }
    }

    /// Set one limit from text: `value` is a number (K, M, G, T multiply by
    /// 1024), a time for the time limits (`500ms`, `30s`, `2m`, `1h`; a bare
    /// number is seconds), or `unlimited`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let info = info(name).ok_or_else(|| unknown(name))?;
        let v = info.unit.parse(value).map_err(|e| format!("{name}={value}: {e}"))?;
        (info.set)(self, v);
        Ok(())
    }

    /// The value of a limit by name (`UNLIMITED` for none; times in
    /// milliseconds).
    pub fn get(&self, name: &str) -> Option<u64> {
        info(name).map(|i| (i.get)(self))
    }

    /// Apply a list such as `strict,procs=100,timeout=10s` (the form of
    /// `NINEBOX_LIMITS`): a profile name starts over from that profile,
    /// `name=value` sets one limit. Items are separated by commas or spaces.
    pub fn apply(&mut self, spec: &str) -> Result<(), String> {
        for item in spec.split([',', ' ', '\t', '\n']).filter(|s| !s.is_empty()) {
            match item.split_once('=') {
                Some((name, value)) => self.set(name.trim(), value.trim())?,
                None => match Limits::profile(item) {
                    Some(p) => *self = p,
                    None => {
                        return Err(format!(
                            "{item}: expected name=value or a profile (standard, strict, unlimited)"
                        ));
                    }
                },
            }
        }
        Ok(())
    }

    /// Lower every limit to at most `ceiling`'s.
    pub fn cap(&mut self, ceiling: &Limits) {
        for i in LIMITS {
            let v = (i.get)(self).min((i.get)(ceiling));
            (i.set)(self, v);
        }
    }

    /// The limits in `self` that are above `ceiling`'s, by name.
    pub fn above<'a>(&'a self, ceiling: &'a Limits) -> impl Iterator<Item = &'static LimitInfo> + 'a {
        LIMITS.iter().filter(move |i| (i.get)(self) > (i.get)(ceiling))
    }

    /// The message for a limit that refused: `process limit reached (256);
    /// raise it with --limit procs=N`.
    pub fn reached(&self, name: &str) -> String {
        reached(name, self.get(name).unwrap_or(UNLIMITED))
    }

    /// An error carrying [`Limits::reached`]'s message.
    pub fn error(&self, code: Errno, name: &str) -> Error {
        Error::with_detail(code, self.reached(name))
    }
}

/// [`Limits::reached`] for a limit whose value is `value`.
pub fn reached(name: &str, value: u64) -> String {
    match info(name) {
        Some(i) => format!("{} reached ({}){RAISE}{}", i.what, i.unit.show(value), i.raise_hint()),
        None => format!("{name} limit reached"),
    }
}

/// What to tell a user about `e`: the limit's message if a limit refused
/// (`process limit reached (256); raise it with --limit procs=N`), a
/// server's explanation ([`Error::explain`]: `Invalid argument: unknown
/// ctl verb 'x'`), else the glibc text GNU tools print.
pub fn describe(e: &Error) -> &str {
    match e.detail() {
        Some(d) if d.contains(RAISE) => d,
        _ => e.explained().unwrap_or(e.strerror()),
    }
}

/// Every limit's message has this, and only those do.
const RAISE: &str = "; raise it with ";

fn unknown(name: &str) -> String {
    let names: Vec<&str> = LIMITS.iter().map(|i| i.name).collect();
    format!("{name}: unknown limit (known: {})", names.join(", "))
}

/// How a limit's value is written.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Unit {
    Count,
    Bytes,
    /// Stored in milliseconds.
    Time,
}

impl Unit {
    /// Parse a value of this unit (`UNLIMITED` for `unlimited`).
    pub fn parse(self, text: &str) -> Result<u64, String> {
        let t = text.trim();
        if t == "unlimited" {
            return Ok(UNLIMITED);
        }
        let v = match self {
            Unit::Time => parse_time(t)?,
            Unit::Count | Unit::Bytes => parse_size(t)?,
        };
        if v == 0 {
            return Err("must be positive".into());
        }
        Ok(v)
    }

    /// A value as people read it: `256`, `16 MiB`, `30s`, `unlimited`.
    pub fn show(self, v: u64) -> String {
        if v == UNLIMITED {
            return "unlimited".into();
        }
        match self {
            Unit::Count => v.to_string(),
            Unit::Bytes => show_bytes(v),
            Unit::Time => show_time(v),
        }
    }

    /// A value as `name=value` text that [`Unit::parse`] reads back.
    pub fn spec(self, v: u64) -> String {
        if v == UNLIMITED {
            return "unlimited".into();
        }
        match self {
            Unit::Count => v.to_string(),
            Unit::Bytes => show_bytes(v).replace(' ', "").replace("iB", "").replace("bytes", ""),
            Unit::Time => show_time(v),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Bytes => "bytes",
            Unit::Time => "time",
        }
    }
}

fn parse_size(t: &str) -> Result<u64, String> {
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, suffix) = t.split_at(digits_end);
    if digits.is_empty() {
        return Err("not a number".into());
    }
    let mult = match suffix {
        "" | "B" => 1,
        "K" | "k" | "KB" | "KiB" => KI,
        "M" | "m" | "MB" | "MiB" => MI,
        "G" | "g" | "GB" | "GiB" => GI,
        "T" | "t" | "TB" | "TiB" => GI * KI,
        _ => return Err(format!("unknown suffix '{suffix}' (K, M, G, T)")),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|&n| n != UNLIMITED)
        .ok_or_else(|| "too large".into())
}

fn parse_time(t: &str) -> Result<u64, String> {
    let num_end = t.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(t.len());
    let (num, suffix) = t.split_at(num_end);
    let n: f64 = num
        .parse()
        .map_err(|_| "not a time (such as 500ms, 30s, 2m)".to_string())?;
    let ms_per = match suffix {
        "ms" => 1.0,
        "" | "s" => 1e3,
        "m" | "min" => 60e3,
        "h" => 3600e3,
        "d" => 86400e3,
        _ => return Err(format!("unknown time unit '{suffix}' (ms, s, m, h, d)")),
    };
    let ms = (n * ms_per).round();
    if !ms.is_finite() || ms >= 1e15 {
        return Err("too large".into());
    }
    Ok(ms as u64)
}

fn show_bytes(v: u64) -> String {
    for (unit, size) in [("TiB", GI * KI), ("GiB", GI), ("MiB", MI), ("KiB", KI)] {
        if v >= size && v.is_multiple_of(size) {
            return format!("{} {unit}", v / size);
        }
    }
    format!("{v} bytes")
}

fn show_time(ms: u64) -> String {
    if ms.is_multiple_of(3_600_000) && ms > 0 {
        format!("{}h", ms / 3_600_000)
    } else if ms.is_multiple_of(60_000) && ms > 0 {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// One limit: its name, what it is, and how to read and change it.
pub struct LimitInfo {
    /// The name in `--limit NAME=value`, `NINEBOX_LIMITS`, `/proc/N/limits`.
    pub name: &'static str,
    pub unit: Unit,
    /// Whose use is counted: `system`, `group`, `process`, `file system`.
    pub scope: &'static str,
    /// The limit in a message: `process limit` (… `reached (256)`).
    pub what: &'static str,
    /// One line for `--help` and `ulimit -a`.
    pub about: &'static str,
    get: fn(&Limits) -> u64,
    set: fn(&mut Limits, u64),
}

impl fmt::Debug for LimitInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl LimitInfo {
    pub fn get(&self, l: &Limits) -> u64 {
        (self.get)(l)
    }

    pub fn set(&self, l: &mut Limits, v: u64) {
        (self.set)(l, v)
    }

    /// How a host raises it: `--limit procs=N` (`--timeout N` for the run's
    /// time).
    pub fn raise_hint(&self) -> String {
        match self.name {
            "timeout" => "--timeout N".to_string(),
            n => format!("--limit {n}=N"),
        }
    }
}

fn dur_ms(d: Option<Duration>) -> u64 {
    d.map_or(UNLIMITED, |d| u64::try_from(d.as_millis()).unwrap_or(UNLIMITED - 1))
}

fn ms_dur(v: u64) -> Option<Duration> {
    (v != UNLIMITED).then(|| Duration::from_millis(v))
}

fn to_usize(v: u64) -> usize {
    if v == UNLIMITED {
        usize::MAX
    } else {
        usize::try_from(v).unwrap_or(usize::MAX - 1)
    }
}

fn from_usize(v: usize) -> u64 {
    if v == usize::MAX { UNLIMITED } else { v as u64 }
}

macro_rules! limit {
    ($name:literal, $unit:ident, $scope:literal, $what:literal, $about:literal, time $field:ident) => {
        LimitInfo {
            name: $name,
            unit: Unit::$unit,
            scope: $scope,
            what: $what,
            about: $about,
            get: |l| dur_ms(l.$field),
            set: |l, v| l.$field = ms_dur(v),
        }
    };
    ($name:literal, $unit:ident, $scope:literal, $what:literal, $about:literal, usize $field:ident) => {
        LimitInfo {
            name: $name,
            unit: Unit::$unit,
            scope: $scope,
            what: $what,
            about: $about,
            get: |l| from_usize(l.$field),
            set: |l, v| l.$field = to_usize(v),
        }
    };
    ($name:literal, $unit:ident, $scope:literal, $what:literal, $about:literal, u64 $field:ident) => {
        LimitInfo {
            name: $name,
            unit: Unit::$unit,
            scope: $scope,
            what: $what,
            about: $about,
            get: |l| l.$field,
            set: |l, v| l.$field = v,
        }
    };
}

/// Every limit, in the order listings show them.
pub static LIMITS: &[LimitInfo] = &[
    limit!("timeout", Time, "system", "time limit", "wall-clock time of the run", time timeout),
    limit!("cpu", Time, "process", "cpu time limit", "CPU time of one process", time cpu),
    limit!("cpu-total", Time, "system", "system cpu time limit", "CPU time of all processes together", time cpu_total),
    limit!("procs", Count, "system", "process limit", "processes in the system, zombies included", usize max_procs),
    limit!("group-procs", Count, "group", "process group limit", "live processes in one note group", usize max_group_procs),
    limit!("threads", Count, "system", "thread limit", "host threads commands use at once", usize max_threads),
    limit!("fds", Count, "process", "open file limit", "open fds in one fd table", usize max_fds),
    limit!("fs", Bytes, "file system", "file system size limit", "bytes one in-memory file system holds", u64 fs_bytes),
    limit!("fs-total", Bytes, "system", "total file system size limit", "bytes all in-memory file systems hold", u64 fs_total),
    limit!("mem", Bytes, "process", "memory limit", "bytes of shell variables and arrays in one process", u64 max_mem),
    limit!("string", Bytes, "process", "string size limit", "bytes in one value, buffer, $(...) or here-document", usize max_alloc),
    limit!("pipe", Bytes, "system", "pipe size", "bytes a pipe buffers", usize pipe_capacity),
    limit!("output", Bytes, "system", "output limit", "bytes written to the host's stdout and stderr", u64 output),
    limit!("words", Count, "process", "brace expansion limit", "words one brace expansion makes", usize max_brace_words),
    limit!("calls", Count, "process", "function nesting limit", "nested shell function calls", usize max_calls),
    limit!("evals", Count, "process", "eval nesting limit", "nested eval, source and subshell texts", usize max_evals),
    limit!("nest", Count, "process", "nesting limit", "nesting depth of shell syntax and expressions", usize max_nest),
    limit!("interp", Count, "process", "interpreter nesting limit", "#! interpreters chained", usize max_interpreter_depth),
];

/// A limit's description by name. `string` is also called `alloc`.
pub fn info(name: &str) -> Option<&'static LimitInfo> {
    let name = if name == "alloc" { "string" } else { name };
    LIMITS.iter().find(|i| i.name == name)
}

/// A process's limits: the soft ones in force and the hard ones the soft
/// ones may be raised back to.
#[derive(Clone, Debug)]
pub struct ProcLimits {
    pub soft: Arc<Limits>,
    pub hard: Arc<Limits>,
}

impl ProcLimits {
    pub fn new(l: Limits) -> ProcLimits {
        let l = Arc::new(l);
        ProcLimits {
            soft: l.clone(),
            hard: l,
        }
    }

    /// Change the soft and hard limits as `ulimit` does: a hard limit may
    /// only go down, a soft one anywhere up to the hard one. On refusal the
    /// error names the first limit that could not change.
    pub fn change(&mut self, soft: Option<&Limits>, hard: Option<&Limits>) -> Result<(), Error> {
        let new_hard = hard.unwrap_or(&self.hard);
        let new_soft = soft.unwrap_or(&self.soft);
        if let Some(i) = new_hard.above(&self.hard).next() {
            return Err(Error::with_detail(
                Errno::EPERM,
                format!("{}: cannot raise the hard limit", i.name),
            ));
        }
        if let Some(i) = new_soft.above(new_hard).next() {
            return Err(Error::with_detail(
                Errno::EPERM,
                format!("{}: cannot raise above the hard limit", i.name),
            ));
        }
        let (s, h) = (new_soft.clone(), new_hard.clone());
        self.soft = Arc::new(s);
        self.hard = Arc::new(h);
        Ok(())
    }
}

/// The text of `/proc/N/limits`: every limit with the process's soft and
/// hard values, the use counted against it where `used` knows it (`-`
/// where it does not), and whose use it counts.
pub fn table(l: &ProcLimits, used: impl Fn(&LimitInfo) -> Option<u64>) -> String {
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str| format!("{a:<12} {b:<10} {c:<10} {d:<10} {e}\n");
    let mut s = row("limit", "soft", "hard", "used", "scope");
    for i in LIMITS {
        let use_ = used(i).map_or_else(|| "-".to_string(), |v| i.unit.spec(v));
        s.push_str(&row(
            i.name,
            &i.unit.spec(i.get(&l.soft)),
            &i.unit.spec(i.get(&l.hard)),
            &use_,
            i.scope,
        ));
    }
    s
}

/// Bytes held against a limit, shared by whoever charges it: a file
/// system's contents, or all file systems of a system (a `Space` may have a
/// parent that every charge also goes to).
#[derive(Debug)]
pub struct Space {
    limit: u64,
    used: AtomicU64,
    parent: Option<Arc<Space>>,
    /// The limit's name, for messages (`fs`, `fs-total`).
    name: &'static str,
}

impl Space {
    pub fn new(name: &'static str, limit: u64, parent: Option<Arc<Space>>) -> Arc<Space> {
        Arc::new(Space {
            limit,
            used: AtomicU64::new(0),
            parent,
            name,
        })
    }

    /// No limit, no parent.
    pub fn unlimited() -> Arc<Space> {
        Space::new("fs", UNLIMITED, None)
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    pub fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Take `n` bytes, here and in every parent, or none of them (ENOSPC).
    pub fn charge(&self, n: u64) -> Result<(), Error> {
        if n == 0 {
            return Ok(());
        }
        let fits = |used: u64| used.checked_add(n).filter(|&t| t <= self.limit);
        if self
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, fits)
            .is_err()
        {
            return Err(Errno::ENOSPC.into());
        }
        if let Some(p) = &self.parent
            && let Err(e) = p.charge(n)
        {
            self.used.fetch_sub(n, Ordering::Relaxed);
            return Err(e);
        }
        Ok(())
    }

    /// Take `n` bytes whatever the limit (bytes that exist already, moving
    /// to this space).
    pub fn force(&self, n: u64) {
        self.used.fetch_add(n, Ordering::Relaxed);
        if let Some(p) = &self.parent {
            p.force(n);
        }
    }

    /// Give back `n` bytes taken by [`Space::charge`].
    pub fn release(&self, n: u64) {
        if n == 0 {
            return;
        }
        let _ = self
            .used
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |u| Some(u.saturating_sub(n)));
        if let Some(p) = &self.parent {
            p.release(n);
        }
    }
}

impl Drop for Space {
    /// A file system that goes away gives its bytes back to the system.
    fn drop(&mut self) {
        if let Some(p) = &self.parent {
            p.release(self.used());
        }
    }
}

/// The live processes of one note group.
#[derive(Debug, Default)]
pub struct GroupCount(AtomicUsize);

impl GroupCount {
    pub fn get(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }

    /// Count one more if that stays within `max`.
    pub(crate) fn join(&self, max: usize) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| (n < max).then_some(n + 1))
            .is_ok()
    }

    /// Count one more whatever the limit (a process moving to a group).
    pub(crate) fn enter(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn leave(&self) {
        let _ = self
            .0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| Some(n.saturating_sub(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_text() {
        for p in [Limits::standard(), Limits::strict(), Limits::unlimited()] {
            let mut back = Limits::unlimited();
            for i in LIMITS {
                back.set(i.name, &i.unit.spec(i.get(&p))).unwrap();
            }
            assert_eq!(back, p);
        }
        // Sizes that are not a whole unit read back too.
        let mut odd = Limits::standard();
        odd.set("fs", "1000").unwrap();
        assert_eq!(Unit::Bytes.spec(odd.fs_bytes), "1000");
        let mut back = Limits::standard();
        back.set("fs", &Unit::Bytes.spec(odd.fs_bytes)).unwrap();
        assert_eq!(back, odd);
    }

    #[test]
    fn the_table_shows_soft_hard_and_use() {
        let mut pl = ProcLimits::new(Limits::strict());
        let mut soft = Limits::strict();
        soft.max_fds = 10;
        pl.change(Some(&soft), None).unwrap();
        let t = table(&pl, |i| (i.name == "fds").then_some(3));
        let fds = t.lines().find(|l| l.starts_with("fds ")).unwrap();
        assert_eq!(
            fds.split_whitespace().collect::<Vec<_>>(),
            ["fds", "10", "256", "3", "process"]
        );
        let procs = t.lines().find(|l| l.starts_with("procs ")).unwrap();
        assert_eq!(procs.split_whitespace().nth(3), Some("-"));
        assert_eq!(t.lines().count(), LIMITS.len() + 1);
    }

    #[test]
    fn values_parse_with_units() {
        let mut l = Limits::standard();
        l.apply("procs=100, string=1M,fs=2G timeout=1.5s,cpu=2m,output=unlimited")
            .unwrap();
        assert_eq!(l.max_procs, 100);
        assert_eq!(l.max_alloc, 1 << 20);
        assert_eq!(l.fs_bytes, 2 << 30);
        assert_eq!(l.timeout, Some(Duration::from_millis(1500)));
        assert_eq!(l.cpu, Some(Duration::from_secs(120)));
        assert_eq!(l.output, UNLIMITED);
        l.apply("strict,fds=10").unwrap();
        assert_eq!(l.max_procs, Limits::strict().max_procs);
        assert_eq!(l.max_fds, 10);
        l.set("alloc", "4K").unwrap();
        assert_eq!(l.max_alloc, 4096);
    }

    #[test]
    fn bad_values_say_why() {
        let mut l = Limits::standard();
        assert!(l.set("procs", "0").unwrap_err().contains("positive"));
        assert!(l.set("procs", "x").unwrap_err().contains("not a number"));
        assert!(l.set("fs", "1Q").unwrap_err().contains("suffix"));
        assert!(l.set("fs", "99999999999T").unwrap_err().contains("too large"));
        assert!(l.set("timeout", "3 weeks").is_err());
        assert!(l.set("nope", "1").unwrap_err().contains("unknown limit"));
        assert!(l.apply("bogus").unwrap_err().contains("profile"));
    }

    #[test]
    fn messages_name_the_limit_and_how_to_raise_it() {
        let l = Limits::strict();
        assert_eq!(
            l.reached("procs"),
            "process limit reached (256); raise it with --limit procs=N"
        );
        assert_eq!(
            l.reached("timeout"),
            "time limit reached (30s); raise it with --timeout N"
        );
        assert_eq!(
            l.reached("string"),
            "string size limit reached (16 MiB); raise it with --limit string=N"
        );
    }

    #[test]
    fn cap_lowers_only() {
        let mut l = Limits::standard();
        l.cap(&Limits::strict());
        assert_eq!(l, Limits::strict());
        let mut u = Limits::strict();
        u.cap(&Limits::unlimited());
        assert_eq!(u, Limits::strict());
    }

    #[test]
    fn hard_limits_only_go_down() {
        let mut pl = ProcLimits::new(Limits::strict());
        let mut lower = Limits::strict();
        lower.max_fds = 10;
        pl.change(Some(&lower), None).unwrap();
        assert_eq!(pl.soft.max_fds, 10);
        // The soft limit may come back up to the hard one...
        pl.change(Some(&Limits::strict()), None).unwrap();
        assert_eq!(pl.soft.max_fds, 256);
        // ...but the hard one never rises.
        assert!(pl.change(None, Some(&Limits::standard())).is_err());
        pl.change(Some(&lower), Some(&lower)).unwrap();
        assert!(pl.change(Some(&Limits::strict()), None).is_err());
    }

    #[test]
    fn spaces_charge_their_parents() {
        let total = Space::new("fs-total", 100, None);
        let a = Space::new("fs", 80, Some(total.clone()));
        let b = Space::new("fs", 80, Some(total.clone()));
        a.charge(60).unwrap();
        assert!(b.charge(50).is_err(), "the total refuses");
        assert_eq!(b.used(), 0, "a refused charge takes nothing");
        b.charge(40).unwrap();
        assert!(a.charge(21).is_err(), "the instance refuses");
        a.release(60);
        assert_eq!(total.used(), 40);
        drop(b);
        assert_eq!(total.used(), 0, "a dropped file system gives its bytes back");
    }
}
