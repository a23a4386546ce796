//! `date`: print the date and time, in the zone `TZ` names (UTC when it
//! is unset).

use common::cli::{Arg, Cmd, Opts, flag, long, value};
use common::io::Input;
use common::limits::Budget;
use common::time::{self, Instant, Zone};

const HELP: &str = "Usage: date [OPTION]... [+FORMAT]
Display the current time in the given FORMAT.  Times are in the zone TZ
names (an IANA name such as America/New_York, or a POSIX TZ string such as
EST5EDT,M3.2.0,M11.1.0); with TZ unset, UTC. An unknown zone is UTC under
the name's abbreviation, as in glibc.

  -d, --date=STRING          display time described by STRING, not 'now'
  -f, --file=DATEFILE        like --date; once for each line of DATEFILE
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14T02:34:56+00:00
  -R, --rfc-email            output date and time in RFC 5322 format.
                               Example: Mon, 14 Aug 2006 02:34:56 +0000
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14 02:34:56+00:00
  -r, --reference=FILE       display the last modification time of FILE
  -s, --set=STRING           refused: the clock cannot be set from ninebox
  -u, --utc, --universal     print or describe Coordinated Universal Time (UTC)
      --help     display this help and exit
      --version  output version information and exit

FORMAT controls the output, as in GNU date: %a %A %b %B %c %C %d %D %e
%F %g %G %h %H %I %j %k %l %m %M %n %N %p %P %q %r %R %s %S %t %T %u %U
%V %w %W %x %X %y %Y %z %:z %::z %Z %%, with the flags - _ 0 ^ # and a
field width.

STRING for -d and the lines of -f may be: @SECONDS; dates 2024-03-01,
20240301, 03/01/2024, 'Mar 1 2024', '1 March'; times 14:30[:05[.5]], 2pm;
zones Z, UTC, EST, +05:30; weekdays (monday, next fri, last sunday,
third tuesday); relative items ('2 days ago', '+3 hours', 'next month',
'last year', tomorrow, yesterday, now, today, midnight, noon), in any
combination; a leading TZ=\"NAME\" reads the rest in that zone.
";

const SPEC: &[common::cli::Opt] = &[
    value("date", 'd'),
    value("file", 'f'),
    common::cli::Opt {
        long: "iso-8601",
        short: Some('I'),
        arg: Arg::Optional,
    },
    flag("rfc-email", 'R'),
    long("rfc-3339", Arg::Required),
    value("reference", 'r'),
    value("set", 's'),
    flag("utc", 'u'),
    long("universal", Arg::No),
];

const DEFAULT_FORMAT: &str = "%a %b %e %H:%M:%S %Z %Y";

/// An argmatch-style choice: exact or a unique prefix.
fn choose<'a>(arg: &str, valid: &[&'a str]) -> Option<&'a str> {
    if let Some(v) = valid.iter().find(|v| **v == arg) {
        return Some(v);
    }
    let hits: Vec<&&str> = valid.iter().filter(|v| v.starts_with(arg) && !arg.is_empty()).collect();
    match hits.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

async fn bad_choice(cmd: &mut Cmd, arg: &str, opt: &str, valid: &[&str]) -> i32 {
    let mut msg = format!("invalid argument '{arg}' for '--{opt}'\nValid arguments are:");
    for v in valid {
        msg.push_str(&format!("\n  - '{v}'"));
    }
    cmd.usage_error(msg, 1).await
}

pub async fn main(mut cmd: Cmd) -> i32 {
    let opts = match cmd.parse(SPEC, HELP).await {
        Ok(o) => o,
        Err(status) => return status,
    };
    if let Some(s) = opts.value("set") {
        let _ = s;
        cmd.error("cannot set date: Operation not permitted").await;
        return cmd.finish(1).await;
    }
    let format = match output_format(&mut cmd, &opts).await {
        Ok(f) => f,
        Err(status) => return status,
    };
    if let Err(e) = Budget::of(&cmd.p).check("field width", time::widest(&format)) {
        cmd.error(e).await;
        return cmd.finish(1).await;
    }
    let zone = if opts.has("utc") || opts.has("universal") {
        Zone::utc()
    } else {
        Zone::of(&cmd.p)
    };
    let now_ms = cmd.p.now_ms();
    let now: Instant = ((now_ms / 1000) as i64, ((now_ms % 1000) * 1_000_000) as u32);
    let sources = ["date", "file", "reference"].iter().filter(|o| opts.has(o)).count();
    if sources > 1 {
        return cmd
            .usage_error("the options to specify dates for printing are mutually exclusive", 1)
            .await;
    }
    if let Some(file) = opts.value("file") {
        return dates_from_file(&mut cmd, file, &format, now, &zone).await;
    }
    let when = if let Some(text) = opts.value("date") {
        match time::parse(text, now, &zone) {
            Ok(t) => t,
            Err(e) => {
                cmd.error(e).await;
                return cmd.finish(1).await;
            }
        }
    } else if let Some(file) = opts.value("reference") {
        match cmd.p.stat(file).await {
            Ok(st) => ((st.mtime / 1000) as i64, ((st.mtime % 1000) * 1_000_000) as u32),
            Err(e) => {
                cmd.error_at(file, &e).await;
                return cmd.finish(1).await;
            }
        }
    } else {
        now
    };
    let text = time::format_in(&format, when.0, when.1, &zone);
    cmd.out.write_str(&format!("{text}\n")).await;
    cmd.finish(0).await
}

/// The format from `+FORMAT`, -I, -R or --rfc-3339 (only one of them);
/// an operand without `+` would set the clock, which is refused.
async fn output_format(cmd: &mut Cmd, opts: &Opts) -> Result<String, i32> {
    let mut formats: Vec<String> = Vec::new();
    for (name, val) in &opts.list {
        match *name {
            "iso-8601" => {
                let valid = ["hours", "minutes", "date", "seconds", "ns"];
                let arg = val.as_deref().unwrap_or("date");
                let Some(which) = choose(arg, &valid) else {
                    return Err(bad_choice(cmd, arg, "iso-8601", &valid).await);
                };
                formats.push(
                    match which {
                        "date" => "%Y-%m-%d",
                        "hours" => "%Y-%m-%dT%H%:z",
                        "minutes" => "%Y-%m-%dT%H:%M%:z",
                        "seconds" => "%Y-%m-%dT%H:%M:%S%:z",
                        _ => "%Y-%m-%dT%H:%M:%S,%N%:z",
                    }
                    .to_string(),
                );
            }
            "rfc-email" => formats.push("%a, %d %b %Y %H:%M:%S %z".to_string()),
            "rfc-3339" => {
                let valid = ["date", "seconds", "ns"];
                let arg = val.as_deref().unwrap_or("");
                let Some(which) = choose(arg, &valid) else {
                    return Err(bad_choice(cmd, arg, "rfc-3339", &valid).await);
                };
                formats.push(
                    match which {
                        "date" => "%Y-%m-%d",
                        "seconds" => "%Y-%m-%d %H:%M:%S%:z",
                        _ => "%Y-%m-%d %H:%M:%S.%N%:z",
                    }
                    .to_string(),
                );
            }
            _ => {}
        }
    }
    let mut operands = opts.operands.iter();
    if let Some(first) = operands.next() {
        if let Some(extra) = operands.next() {
            return Err(cmd.usage_error(format!("extra operand '{extra}'"), 1).await);
        }
        match first.strip_prefix('+') {
            Some(f) => formats.push(f.to_string()),
            None => {
                // `date MMDDhhmm[[CC]YY][.ss]` sets the clock.
                cmd.error("cannot set date: Operation not permitted").await;
                return Err(cmd.finish(1).await);
            }
        }
    }
    if formats.len() > 1 {
        cmd.error("multiple output formats specified").await;
        return Err(cmd.finish(1).await);
    }
    Ok(formats.pop().unwrap_or_else(|| DEFAULT_FORMAT.to_string()))
}

async fn dates_from_file(cmd: &mut Cmd, file: &str, format: &str, now: Instant, zone: &Zone) -> i32 {
    let p = cmd.p.clone();
    let mut input = match Input::open(&p, file).await {
        Ok(i) => i,
        Err(e) => {
            cmd.error_at(file, &e).await;
            return cmd.finish(1).await;
        }
    };
    let mut status = 0;
    let mut line = Vec::new();
    loop {
        match input.read_line(&p, &mut line).await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                cmd.error_at(file, &e).await;
                status = 1;
                break;
            }
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        match time::parse(text, now, zone) {
            Ok(t) => {
                let s = time::format_in(format, t.0, t.1, zone);
                cmd.out.write_str(&format!("{s}\n")).await;
            }
            Err(e) => {
                cmd.error(e).await;
                status = 1;
            }
        }
    }
    input.close(&p).await;
    cmd.finish(status).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argmatch_prefixes() {
        let v = ["hours", "minutes", "date", "seconds", "ns"];
        assert_eq!(choose("h", &v), Some("hours"));
        assert_eq!(choose("seconds", &v), Some("seconds"));
        assert_eq!(choose("x", &v), None);
        assert_eq!(choose("", &v), None);
    }
}
