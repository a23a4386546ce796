//! `touch`: change file timestamps, creating missing files.

use kernel::{Errno, OpenFlags, StatChanges};

use common::cli::{Arg, Cmd, Opt, flag, long, value};
use common::files;
use common::quote::quote;
use common::time::{self, Instant};

const HELP: &str = "Usage: touch [OPTION]... FILE...
Update the modification time of each FILE to the current time.
A FILE argument that does not exist is created empty, unless -c is
supplied.

A FILE argument string of - is handled specially and causes touch to
change the times of the file associated with standard output (a pipe or
a device keeps no times here: nothing changes for those).

Files here have no access time (only a modification time and a status
change time), so -a alone changes no timestamp: it still creates a missing
file, and the change time of an existing one moves to now.

  -a                     change only the access time (see above)
  -c, --no-create        do not create any files
  -d, --date=STRING      parse STRING and use it instead of current time
  -f                     (ignored)
  -h, --no-dereference   there are no symbolic links here, so this only
                         means what touch does anyway
  -m                     change only the modification time
  -r, --reference=FILE   use this file's times instead of current time
  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time
      --time=WORD        change the specified time:
                           WORD is access, atime, or use: equivalent to -a
                           WORD is modify or mtime: equivalent to -m
      --help     display this help and exit
      --version  output version information and exit

Times are read and shown in UTC.
";

const SPEC: &[Opt] = &[
    flag("a", 'a'),
    flag("no-create", 'c'),
    value("date", 'd'),
    flag("f", 'f'),
    flag("no-dereference", 'h'),
    flag("m", 'm'),
    value("reference", 'r'),
    value("t", 't'),
    long("time", Arg::Required),
];

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    let mut access = opts.has("a");
    let mut modify = opts.has("m");
    for w in opts.values("time") {
        match w {
            "access" | "atime" | "use" => access = true,
            "modify" | "mtime" => modify = true,
            _ => {
                let msg = format!(
                    "invalid argument {} for '--time'\nValid arguments are:\n  - 'atime', 'access', 'use'\n  - 'mtime', 'modify'",
                    quote(w)
                );
                return cmd.usage_error(msg, 1).await;
            }
        }
    }
    // Neither flag means both; only an explicit -a without -m leaves the
    // modification time alone.
    let set_mtime = modify || !access;
    if opts.has("date") as u8 + opts.has("t") as u8 > 1 || (opts.has("t") && opts.has("reference")) {
        return cmd
            .usage_error("cannot specify times from more than one source", 1)
            .await;
    }
    let when = match when(&mut cmd, &opts).await {
        Ok(w) => w,
        Err(status) => return status,
    };
    if opts.operands.is_empty() {
        return cmd.usage_error("missing file operand", 1).await;
    }
    let no_create = opts.has("no-create");
    let mut status = 0;
    for f in &opts.operands {
        if let Err(msg) = touch(&mut cmd, f, no_create, set_mtime, when).await {
            cmd.error(msg).await;
            status = 1;
        }
    }
    cmd.finish(status).await
}

/// The time to set, in milliseconds (`None`: now), from -d, -t or -r.
async fn when(cmd: &mut Cmd, opts: &common::cli::Opts) -> Result<Option<Instant>, i32> {
    let now_ms = cmd.p.now_ms();
    let mut base: Instant = ((now_ms / 1000) as i64, (now_ms % 1000) as u32 * 1_000_000);
    let mut chosen = None;
    if let Some(r) = opts.value("reference") {
        match cmd.p.stat(r).await {
            Ok(st) => {
                base = ((st.mtime / 1000) as i64, (st.mtime % 1000) as u32 * 1_000_000);
                chosen = Some(base);
            }
            Err(e) => {
                cmd.error(format!("failed to get attributes of {}: {}", quote(r), e.strerror()))
                    .await;
                return Err(cmd.finish(1).await);
            }
        }
    }
    let zone = time::Zone::of(&cmd.p);
    if let Some(d) = opts.value("date") {
        match time::parse(d, base, &zone) {
            Ok(t) => chosen = Some(t),
            Err(_) => {
                cmd.error(format!("invalid date format {}", quote(d))).await;
                return Err(cmd.finish(1).await);
            }
        }
    }
    if let Some(t) = opts.value("t") {
        match parse_stamp(t, time::tm(base.0 + i64::from(zone.at(base.0).offset)).year, &zone) {
            Some(secs) => chosen = Some((secs, 0)),
            None => {
                cmd.error(format!("invalid date format {}", quote(t))).await;
                return Err(cmd.finish(1).await);
            }
        }
    }
    Ok(chosen)
}

async fn touch(cmd: &mut Cmd, f: &str, no_create: bool, set_mtime: bool, when: Option<Instant>) -> Result<(), String> {
    let name = if f == "-" {
        // The file standard output is open on; streams have no times.
        let setting = |e: kernel::Error| format!("setting times of '-': {}", e.strerror());
        if cmd.p.fstat(1).await.map_err(setting)?.kind != kernel::NodeType::File {
            return Ok(());
        }
        cmd.p.fd_name(1).map_err(setting)?
    } else {
        f.to_string()
    };
    let setting = |e: kernel::Error| format!("setting times of {}: {}", quote(f), e.strerror());
    match files::stat(&cmd.p, &name).await {
        Ok(_) => {}
        Err(e) if e.is(Errno::ENOENT) && !files::has_trailing_slash(&name) => {
            if no_create {
                return Ok(());
            }
            create(cmd, &name)
                .await
                .map_err(|e| format!("cannot touch {}: {}", quote(f), e.strerror()))?;
            if when.is_none() {
                // Created just now: its times are already now.
                return Ok(());
            }
        }
        Err(e) if e.is(Errno::ENOENT) && no_create => return Ok(()),
        Err(e) => return Err(setting(e)),
    }
    let mtime = if set_mtime {
        Some(match when {
            Some((secs, nanos)) => {
                let secs = u64::try_from(secs).map_err(|_| setting(Errno::EINVAL.into()))?;
                secs * 1000 + u64::from(nanos) / 1_000_000
            }
            None => cmd.p.now_ms(),
        })
    } else {
        None
    };
    let changes = StatChanges {
        mtime,
        ..Default::default()
    };
    cmd.p.wstat(&name, &changes).await.map_err(setting)
}

/// Create an empty file (an existing one keeps its contents).
async fn create(cmd: &mut Cmd, name: &str) -> kernel::Result<()> {
    let flags = OpenFlags {
        read: false,
        write: true,
        create: true,
        ..OpenFlags::READ
    };
    let fd = cmd.p.open(name, flags).await?;
    cmd.p.close(fd).await
}

/// `-t [[CC]YY]MMDDhhmm[.ss]` as epoch seconds; `year` fills a missing
/// year.
fn parse_stamp(s: &str, year: i64, zone: &time::Zone) -> Option<i64> {
    let (main, secs) = match s.split_once('.') {
        Some((m, ss)) if ss.len() == 2 && ss.bytes().all(|c| c.is_ascii_digit()) => (m, ss.parse::<u32>().ok()?),
        Some(_) => return None,
        None => (s, 0),
    };
    if !main.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| main.get(r).and_then(|x| x.parse::<u32>().ok());
    let (year, rest) = match main.len() {
        8 => (year, 0),
        10 => {
            let yy = i64::from(num(0..2)?);
            (if yy < 69 { 2000 + yy } else { 1900 + yy }, 2)
        }
        12 => (i64::from(num(0..4)?), 4),
        _ => return None,
    };
    let (month, day, hour, min) = (
        num(rest..rest + 2)?,
        num(rest + 2..rest + 4)?,
        num(rest + 4..rest + 6)?,
        num(rest + 6..rest + 8)?,
    );
    if !(1..=12).contains(&month) || day < 1 || day > time::days_in_month(year, month) || hour > 23 || min > 59 {
        return None;
    }
    // A leap second (:60) is the next minute, as mktime makes it.
    if secs > 60 {
        return None;
    }
    Some(zone.to_epoch(year, month, day, hour, min, 0)? + i64::from(secs))
}

#[cfg(test)]
mod tests {
    use super::parse_stamp;

    #[test]
    fn stamps() {
        assert_eq!(
            parse_stamp("202601011200", 2000, &common::time::Zone::utc()),
            Some(1_767_268_800)
        );
        assert_eq!(
            parse_stamp("2601011200.30", 2000, &common::time::Zone::utc()),
            Some(1_767_268_830)
        );
        assert_eq!(
            parse_stamp("01011200", 2026, &common::time::Zone::utc()),
            Some(1_767_268_800)
        );
        assert_eq!(
            parse_stamp("6901011200", 2026, &common::time::Zone::utc()),
            Some(-31_492_800)
        );
        for bad in [
            "123",
            "202613011200",
            "202601011260",
            "202601012400",
            "202602300000",
            "2026010112x0",
            "01011200.5",
        ] {
            assert_eq!(parse_stamp(bad, 2026, &common::time::Zone::utc()), None, "{bad}");
        }
    }
}
