//! `df`: report the mounts of the namespace and the space their files use.
//!
//! The file server protocol has no capacity query, so only the space in
//! use is known: df walks each mount's tree (not crossing into other
//! mounts) and counts what `du` counts. Sizes, free space and use
//! percentages show as `-`.

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::files::{self, Mount, MountTable, allocated};
use common::quote::quotef;
use common::size::human;
use common::walk::{Visit, Walk};

const HELP: &str = "Usage: df [OPTION]... [FILE]...
Show the mounts of this process's namespace, or the mount each FILE is on,
and the space their files use.

  -a, --all             include binds of directories (by default only
                          devices and mounted servers are listed)
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -k                    like --block-size=1K (the default)
  -T, --print-type      print the type of the file server (memfs, devfs...)
  -t, --type=TYPE       limit listing to file servers of type TYPE
  -x, --exclude-type=TYPE   limit listing to file servers not of type TYPE
      --total           print a grand total of the space used
      --help     display this help and exit
      --version  output version information and exit

The columns here:
  Filesystem   what is mounted: a device (#/ is the root, #t the /tmp
               MemoryFS...), a posted server, or for a bind the directory
               bound
  1K-blocks    the capacity: unknown ('-'), file servers do not report one
  Used         space used by the files under the mount point (not counting
               other mounts below it), counted as du counts it: file sizes
               rounded up to 4 KiB pages
  Available    unknown ('-')
  Use%         unknown ('-')
  Mounted on   the mount point
";

const SPEC: &[Opt] = &[
    flag("all", 'a'),
    flag("human-readable", 'h'),
    flag("si", 'H'),
    flag("k", 'k'),
    flag("print-type", 'T'),
    value("type", 't'),
    value("exclude-type", 'x'),
    long("total", Arg::No),
];

#[derive(Copy, Clone, PartialEq, Eq)]
enum Units {
    K,
    Human { si: bool },
}

struct Row {
    source: String,
    kind: String,
    used: u64,
    target: String,
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut units = Units::K;
    for (name, _) in &opts.list {
        match *name {
            "human-readable" => units = Units::Human { si: false },
            "si" => units = Units::Human { si: true },
            "k" => units = Units::K,
            _ => {}
        }
    }
    let table = MountTable::load(&cmd.p);
    let points = &table.points;
    // The first member of each mount point describes it.
    let heads: Vec<&Mount> = points.iter().filter_map(|pt| table.head(pt)).collect();
    let mut status = 0;
    let mut chosen: Vec<usize> = Vec::new();
    if opts.operands.is_empty() {
        for (i, m) in heads.iter().enumerate() {
            if opts.has("all") || !m.is_dir_bind() {
                chosen.push(i);
            }
        }
    } else {
        for f in &opts.operands {
            match files::stat(&cmd.p, f).await {
                Ok(_) => {
                    let abs = cmd.p.abs(f).unwrap_or_else(|_| "/".to_string());
                    let point = table.point_of(&abs);
                    chosen.push(points.iter().position(|p| p == point).unwrap_or(0));
                }
                Err(e) => {
                    cmd.error(format!("{}: {}", quotef(f), e.strerror())).await;
                    status = 1;
                }
            }
        }
    }
    let mut rows = Vec::new();
    for i in chosen {
        let m = heads[i];
        let kind = server_type(&cmd, &table, m).await;
        if opts.value("type").is_some_and(|t| t != kind) || opts.value("exclude-type") == Some(kind.as_str()) {
            continue;
        }
        let used = used(&cmd, &m.point, points).await;
        rows.push(Row {
            source: m.source.clone(),
            kind,
            used,
            target: m.point.clone(),
        });
    }
    if !rows.is_empty() || opts.operands.is_empty() {
        if opts.has("total") {
            let used = rows.iter().map(|r| r.used).sum();
            rows.push(Row {
                source: "total".to_string(),
                kind: "-".to_string(),
                used,
                target: "-".to_string(),
            });
        }
        let text = render(&rows, units, opts.has("print-type"));
        cmd.out.write(text.as_bytes()).await;
    }
    cmd.finish(status).await
}

/// The name of the server behind a mount (memfs, devfs...): a device's, a
/// posted server's, or for a bind of a directory, that of the device it
/// leads to.
async fn server_type(cmd: &Cmd, table: &MountTable, m: &Mount) -> String {
    let source = if m.is_dir_bind() {
        table.device_of(&m.point)
    } else {
        m.source.clone()
    };
    if source.starts_with('#') {
        let prefix: String = source.chars().take(2).collect();
        return cmd
            .p
            .kernel()
            .devices
            .list()
            .into_iter()
            .find(|(d, _)| *d == prefix)
            .map_or_else(|| "-".to_string(), |(_, name)| name);
    }
    match cmd.p.posted(&source).await {
        Ok(s) => s.name().to_string(),
        Err(_) => "-".to_string(),
    }
}

/// Space used under `point`, not counting other mount points below it.
async fn used(cmd: &Cmd, point: &str, points: &[String]) -> u64 {
    let p = cmd.p.clone();
    let mut walk = Walk::new(point);
    let mut total = 0;
    while let Some(v) = walk.next(&p).await {
        match v {
            Visit::Pre(e) if e.depth > 0 && points.contains(&e.path) => walk.skip(),
            Visit::Leaf(e) => total += allocated(&e.stat),
            _ => {}
        }
    }
    total
}

/// The table with GNU df's column widths and alignment.
fn render(rows: &[Row], units: Units, with_type: bool) -> String {
    let (size_h, avail_h) = match units {
        Units::K => ("1K-blocks", "Available"),
        Units::Human { .. } => ("Size", "Avail"),
    };
    let used_text = |n: u64| match units {
        Units::K => n.div_ceil(1024).to_string(),
        Units::Human { si } => human(n, si),
    };
    let mut lines: Vec<Vec<String>> = vec![{
        let mut h = vec!["Filesystem".to_string()];
        if with_type {
            h.push("Type".to_string());
        }
        h.extend([size_h, "Used", avail_h, "Use%", "Mounted on"].map(String::from));
        h
    }];
    for r in rows {
        let mut l = vec![r.source.clone()];
        if with_type {
            l.push(r.kind.clone());
        }
        l.extend([
            "-".to_string(),
            used_text(r.used),
            "-".to_string(),
            "-".to_string(),
            r.target.clone(),
        ]);
        lines.push(l);
    }
    // Minimum widths and alignment (true: left) of each column.
    let mut cols: Vec<(usize, bool)> = vec![(14, true)];
    if with_type {
        cols.push((4, true));
    }
    cols.extend([(5, false), (5, false), (5, false), (4, false), (0, true)]);
    let widths: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, (min, _))| lines.iter().map(|l| l[i].len()).max().unwrap_or(0).max(*min))
        .collect();
    let mut out = String::new();
    for l in &lines {
        let last = l.len() - 1;
        for (i, cell) in l.iter().enumerate() {
            if i == last {
                out.push_str(cell);
            } else if cols[i].1 {
                out.push_str(&format!("{cell:<w$} ", w = widths[i]));
            } else {
                out.push_str(&format!("{cell:>w$} ", w = widths[i]));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gnu_layout() {
        let rows = [Row {
            source: "#t".into(),
            kind: "memfs".into(),
            used: 8192,
            target: "/tmp".into(),
        }];
        assert_eq!(
            render(&rows, Units::K, false),
            "Filesystem     1K-blocks  Used Available Use% Mounted on\n\
             #t                     -     8         -    - /tmp\n"
        );
        assert_eq!(
            render(&rows, Units::Human { si: false }, true),
            "Filesystem     Type   Size  Used Avail Use% Mounted on\n\
             #t             memfs     -  8.0K     -    - /tmp\n"
        );
    }
}
