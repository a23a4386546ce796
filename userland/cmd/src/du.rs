//! `du`: estimate file space usage.
//!
//! MemoryFS has no disk blocks. What du counts as a file's usage is what a
//! memory file system (tmpfs) allocates: its size rounded up to whole
//! 4 KiB pages; directories and devices use nothing. `--apparent-size`
//! and `-b` count sizes instead.

use std::collections::HashSet;

use common::cli::{Arg, Cmd, Opt, Opts, flag, long, value};
use common::files::{MountTable, allocated};
use common::quote::quote;
use common::size::{human, parse_size};
use common::walk::{Visit, Walk};

const HELP: &str = "Usage: du [OPTION]... [FILE]...
Summarize space usage of the set of FILEs, recursively for directories.

  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than space usage
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --si              like -h, but use powers of 1000 not 1024
  -k                    like --block-size=1K
  -L, -P, -H            there are no symbolic links here: these change nothing
  -m                    like --block-size=1M
  -S, --separate-dirs   for directories do not include size of subdirectories
  -s, --summarize       display only a total for each argument
  -x, --one-file-system  skip directories on other devices or file servers
                          than the argument's (see stat's %d)
      --help     display this help and exit
      --version  output version information and exit

Space usage here: file servers keep data in memory, so a file uses its size
rounded up to whole 4 KiB pages (as on tmpfs), and directories and devices
use none.  The apparent size is the size stat reports (0 for directories).
Sizes are shown in units of 1024 bytes unless -B, -b, -h, --si, -k or -m say
otherwise, rounded up.
";

const SPEC: &[Opt] = &[
    flag("null", '0'),
    flag("all", 'a'),
    long("apparent-size", Arg::No),
    value("block-size", 'B'),
    flag("bytes", 'b'),
    flag("total", 'c'),
    value("max-depth", 'd'),
    flag("human-readable", 'h'),
    long("si", Arg::No),
    flag("k", 'k'),
    flag("dereference", 'L'),
    flag("no-dereference", 'P'),
    flag("H", 'H'),
    flag("m", 'm'),
    flag("separate-dirs", 'S'),
    flag("summarize", 's'),
    flag("one-file-system", 'x'),
];

#[derive(Copy, Clone, PartialEq, Eq)]
enum Units {
    Blocks(u64),
    Human { si: bool },
}

struct Options {
    all: bool,
    apparent: bool,
    units: Units,
    max_depth: Option<usize>,
    separate: bool,
    one_fs: bool,
    end: u8,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let o = match options(&mut cmd, &opts).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let operands = if opts.operands.is_empty() {
        vec![".".to_string()]
    } else {
        opts.operands.clone()
    };
    let table = MountTable::load(&cmd.p);
    // Each file and directory counts once: directories always, files too
    // when several operands could name them twice.
    let mut seen = Seen {
        keys: HashSet::new(),
        files: operands.len() > 1,
    };
    let mut total = 0u64;
    let mut status = 0;
    for name in &operands {
        match du(&mut cmd, name, &o, &table, &mut seen).await {
            Ok(n) => total += n,
            Err(()) => status = 1,
        }
    }
    if opts.has("total") {
        print(&mut cmd, total, "total", &o).await;
    }
    cmd.finish(status).await
}

async fn options(cmd: &mut Cmd, opts: &Opts) -> Result<Options, i32> {
    let mut o = Options {
        all: opts.has("all"),
        apparent: false,
        units: Units::Blocks(1024),
        max_depth: None,
        separate: opts.has("separate-dirs"),
        one_fs: opts.has("one-file-system"),
        end: if opts.has("null") { b'\0' } else { b'\n' },
    };
    for (name, v) in &opts.list {
        match *name {
            "apparent-size" => o.apparent = true,
            "bytes" => {
                o.apparent = true;
                o.units = Units::Blocks(1);
            }
            "block-size" => {
                let v = v.as_deref().unwrap_or("");
                match parse_size(v, "") {
                    Ok(n) if n > 0 => o.units = Units::Blocks(n),
                    _ => {
                        // Named as it was given, as GNU does.
                        let long = cmd.args.iter().any(|a| a.starts_with("--b"));
                        let opt = if long { "--block-size" } else { "-B" };
                        cmd.error(format!("invalid {opt} argument {}", quote(v))).await;
                        return Err(cmd.finish(1).await);
                    }
                }
            }
            "human-readable" => o.units = Units::Human { si: false },
            "si" => o.units = Units::Human { si: true },
            "k" => o.units = Units::Blocks(1024),
            "m" => o.units = Units::Blocks(1024 * 1024),
            "max-depth" => {
                let v = v.as_deref().unwrap_or("");
                match v.parse::<usize>() {
                    Ok(n) => o.max_depth = Some(n),
                    Err(_) => {
                        let msg = format!("invalid maximum depth {}", quote(v));
                        return Err(cmd.usage_error(msg, 1).await);
                    }
                }
            }
            _ => {}
        }
    }
    if opts.has("summarize") {
        if o.all {
            return Err(cmd.usage_error("cannot both summarize and show all entries", 1).await);
        }
        match o.max_depth {
            Some(0) => {
                cmd.error("warning: summarizing is the same as using --max-depth=0")
                    .await
            }
            Some(d) => {
                let msg = format!("warning: summarizing conflicts with --max-depth={d}");
                return Err(cmd.usage_error(msg, 1).await);
            }
            None => {}
        }
        o.max_depth = Some(0);
    }
    Ok(o)
}

async fn print(cmd: &mut Cmd, bytes: u64, name: &str, o: &Options) {
    let n = match o.units {
        Units::Blocks(b) => bytes.div_ceil(b).to_string(),
        Units::Human { si } => human(bytes, si),
    };
    let mut line = format!("{n}\t{name}").into_bytes();
    line.push(o.end);
    cmd.out.write(&line).await;
}

/// A file's identity, to count it once (`du d d`, /bin and its bind on
/// /usr/bin): its device and its metadata.
type Key = (String, u64, u64, u64, u32, u32, u32);

fn key(device: String, st: &kernel::Stat) -> Key {
    (device, st.qid, st.mtime, st.ctime(), st.mode(), st.uid(), st.gid())
}

struct Seen {
    keys: HashSet<Key>,
    /// Whether files (not only directories) are tracked.
    files: bool,
}

impl Seen {
    /// True the first time a file is met.
    fn first(&mut self, st: &kernel::Stat, device: impl FnOnce() -> String) -> bool {
        if !st.is_dir() && !self.files {
            return true;
        }
        self.keys.insert(key(device(), st))
    }
}

/// Report one operand; answers its total (`Err` after an error about it).
async fn du(cmd: &mut Cmd, name: &str, o: &Options, table: &MountTable, seen: &mut Seen) -> Result<u64, ()> {
    let p = cmd.p.clone();
    let size = |st: &kernel::Stat| if o.apparent { apparent(st) } else { allocated(st) };
    let shown = |depth: usize| o.max_depth.is_none_or(|m| depth <= m);
    let device = |path: &str| p.abs(path).map(|a| table.device_of(&a)).unwrap_or_default();
    let top = device(name);
    let mut walk = Walk::new(name);
    // Totals of the open directories, and whether each is skipped.
    let mut sums: Vec<(u64, bool)> = Vec::new();
    let mut total = 0;
    let mut ok = true;
    while let Some(v) = walk.next(&p).await {
        match v {
            Visit::Pre(e) => {
                let dev = device(&e.path);
                let mounted = o.one_fs && dev != top;
                let again = !seen.first(&e.stat, || dev.clone());
                if mounted || again {
                    walk.skip();
                }
                sums.push((size(&e.stat), mounted || again));
            }
            Visit::Leaf(e) => {
                if !seen.first(&e.stat, || device(&e.path)) {
                    continue;
                }
                let n = size(&e.stat);
                if e.depth == 0 {
                    print(cmd, n, &e.path, o).await;
                    return Ok(n);
                }
                if o.all && shown(e.depth) {
                    print(cmd, n, &e.path, o).await;
                }
                if let Some(top) = sums.last_mut() {
                    top.0 += n;
                }
            }
            Visit::Post(e) => {
                let Some((n, skipped)) = sums.pop() else { continue };
                if skipped {
                    continue;
                }
                if shown(e.depth) {
                    print(cmd, n, &e.path, o).await;
                }
                match sums.last_mut() {
                    Some(parent) if !o.separate => parent.0 += n,
                    Some(_) => {}
                    None => total = n,
                }
            }
            Visit::Error {
                path, error, listing, ..
            } => {
                ok = false;
                let what = if listing {
                    "cannot read directory"
                } else {
                    "cannot access"
                };
                cmd.error(format!("{what} {}: {}", quote(&path), error.strerror()))
                    .await;
            }
        }
    }
    if ok { Ok(total) } else { Err(()) }
}

/// The apparent size: a file's size, nothing for anything else.
fn apparent(st: &kernel::Stat) -> u64 {
    if st.kind == kernel::NodeType::File { st.size } else { 0 }
}
