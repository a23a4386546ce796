//! Calendar time: converting epoch seconds to a date and back, GNU
//! `date` formats ([`format_in`], in a [`Zone`]), and the date strings
//! `date -d` and `touch -d` accept ([`parse`]).

pub use super::zone::Zone;

use super::printf;

/// A broken-down UTC time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tm {
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    /// 0 = Sunday.
    pub wday: u32,
    /// 0-based day of the year.
    pub yday: u32,
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Break epoch seconds into a UTC date and time.
pub fn tm(secs: i64) -> Tm {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    Tm {
        year,
        month,
        day,
        hour: rem / 3600,
        min: rem / 60 % 60,
        sec: rem % 60,
        wday: (days + 4).rem_euclid(7) as u32,
        yday: (days - days_from_civil(year, 1, 1)) as u32,
    }
}

/// Epoch seconds of a UTC date and time.
pub fn timegm(year: i64, month: u32, day: u32, hour: u32, min: u32, sec: u32) -> i64 {
    days_from_civil(year, month, day) * 86_400 + i64::from(hour) * 3600 + i64::from(min) * 60 + i64::from(sec)
}

/// ISO 8601 week-based year and week number.
fn iso_week(t: &Tm) -> (i64, u32) {
    let wday = (t.wday + 6) % 7; // Monday = 0
    let yday = i64::from(t.yday);
    let week = (yday - i64::from(wday) + 10) / 7;
    if week < 1 {
        let py = t.year - 1;
        let pdays = if is_leap(py) { 366 } else { 365 };
        let pyday = yday + pdays;
        return (py, ((pyday - i64::from(wday) + 10) / 7) as u32);
    }
    let days = if is_leap(t.year) { 366 } else { 365 };
    if week == 53 && yday - i64::from(wday) + 3 >= days {
        return (t.year + 1, 1);
    }
    (t.year, week as u32)
}

/// The widest field width a format asks for (`%100Y` is 100): a command
/// checks it against its budget before formatting.
pub fn widest(fmt: &str) -> u64 {
    let mut widest = 0u64;
    let mut cs = fmt.chars().peekable();
    while let Some(c) = cs.next() {
        if c != '%' {
            continue;
        }
        while cs.next_if(|c| matches!(c, '-' | '_' | '0' | '^' | '#')).is_some() {}
        let mut w = 0u64;
        while let Some(d) = cs.next_if(char::is_ascii_digit) {
            w = w.saturating_mul(10).saturating_add(u64::from(d as u8 - b'0'));
        }
        widest = widest.max(w);
        cs.next();
    }
    widest
}

/// Widths past this are cut: the callers that take formats from users
/// check [`widest`] against their budget first.
const MAX_WIDTH: usize = 16 << 20;

/// Format epoch seconds (and nanoseconds) as GNU `date +FORMAT` does, in
/// UTC. Unknown conversions are printed as they are, as GNU does.
pub fn format(fmt: &str, secs: i64, nanos: u32) -> String {
    format_in(fmt, secs, nanos, &Zone::utc())
}

/// `%z` with `colons` colons (GNU: `+hhmm`, `+hh:mm`, `+hh:mm:ss`, and
/// `%:::z` as short as the offset allows).
fn offset_text(offset: i32, colons: usize) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    let (h, m, s) = (a / 3600, a / 60 % 60, a % 60);
    match colons {
        0 => format!("{sign}{h:02}{m:02}"),
        1 => format!("{sign}{h:02}:{m:02}"),
        2 => format!("{sign}{h:02}:{m:02}:{s:02}"),
        _ if s != 0 => format!("{sign}{h:02}:{m:02}:{s:02}"),
        _ if m != 0 => format!("{sign}{h:02}:{m:02}"),
        _ => format!("{sign}{h:02}"),
    }
}

/// Format epoch seconds as GNU `date +FORMAT` does, in `zone`.
pub fn format_in(fmt: &str, secs: i64, nanos: u32, zone: &Zone) -> String {
    let local = zone.at(secs);
    let t = tm(secs + i64::from(local.offset));
    let format = |f: &str, secs: i64, nanos: u32| format_in(f, secs, nanos, zone);
    let mut out = String::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        // Flags, width, then (for %z) colons.
        let mut pad: Option<char> = None;
        let mut upper = false;
        let mut swap = false;
        while i < cs.len() && matches!(cs[i], '-' | '_' | '0' | '^' | '#') {
            match cs[i] {
                '-' => pad = Some('\0'),
                '_' => pad = Some(' '),
                '0' => pad = Some('0'),
                '^' => upper = true,
                _ => swap = true,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < cs.len() && cs[i].is_ascii_digit() {
            let d = cs[i].to_digit(10).unwrap_or(0) as usize;
            width = Some(width.unwrap_or(0).saturating_mul(10).saturating_add(d));
            i += 1;
        }
        let mut width = width.map(|w| w.min(MAX_WIDTH));
        let mut colons = 0;
        while i < cs.len() && cs[i] == ':' {
            colons += 1;
            i += 1;
        }
        let Some(&conv) = cs.get(i) else {
            out.extend(&cs[start..]);
            break;
        };
        i += 1;
        let num = |n: i64, w: usize, default_pad: char| Field::Num(n, w, default_pad);
        let field = match conv {
            'a' => Field::Text(DAYS[t.wday as usize][..3].to_string()),
            'A' => Field::Text(DAYS[t.wday as usize].to_string()),
            'b' | 'h' => Field::Text(MONTHS[t.month as usize - 1][..3].to_string()),
            'B' => Field::Text(MONTHS[t.month as usize - 1].to_string()),
            'c' => Field::Text(format("%a %b %e %H:%M:%S %Y", secs, nanos)),
            'C' => num(t.year.div_euclid(100), 2, '0'),
            'd' => num(i64::from(t.day), 2, '0'),
            'D' | 'x' => Field::Text(format("%m/%d/%y", secs, nanos)),
            'e' => num(i64::from(t.day), 2, ' '),
            'F' => Field::Text(format("%Y-%m-%d", secs, nanos)),
            'g' => num(iso_week(&t).0.rem_euclid(100), 2, '0'),
            'G' => num(iso_week(&t).0, 4, '0'),
            'H' => num(i64::from(t.hour), 2, '0'),
            'I' => num(i64::from((t.hour + 11) % 12 + 1), 2, '0'),
            'j' => num(i64::from(t.yday) + 1, 3, '0'),
            'k' => num(i64::from(t.hour), 2, ' '),
            'l' => num(i64::from((t.hour + 11) % 12 + 1), 2, ' '),
            'm' => num(i64::from(t.month), 2, '0'),
            'M' => num(i64::from(t.min), 2, '0'),
            'n' => Field::Text("\n".to_string()),
            'N' => {
                let digits = format!("{nanos:09}");
                let w = width.unwrap_or(9).clamp(1, 9);
                width = None;
                Field::Text(digits[..w].to_string())
            }
            'p' => Field::Text(if t.hour < 12 { "AM" } else { "PM" }.to_string()),
            'P' => Field::Text(if t.hour < 12 { "am" } else { "pm" }.to_string()),
            'q' => num(i64::from((t.month - 1) / 3 + 1), 1, '0'),
            'r' => Field::Text(format("%I:%M:%S %p", secs, nanos)),
            'R' => Field::Text(format("%H:%M", secs, nanos)),
            's' => num(secs, 1, '0'),
            'S' => num(i64::from(t.sec), 2, '0'),
            't' => Field::Text("\t".to_string()),
            'T' | 'X' => Field::Text(format("%H:%M:%S", secs, nanos)),
            'u' => num(i64::from((t.wday + 6) % 7 + 1), 1, '0'),
            'U' => num(i64::from((t.yday + 7 - t.wday) / 7), 2, '0'),
            'V' => num(i64::from(iso_week(&t).1), 2, '0'),
            'w' => num(i64::from(t.wday), 1, '0'),
            'W' => num(i64::from((t.yday + 7 - (t.wday + 6) % 7) / 7), 2, '0'),
            'y' => num(t.year.rem_euclid(100), 2, '0'),
            'Y' => num(t.year, 1, '0'),
            'z' => Field::Text(offset_text(local.offset, colons)),
            'Z' => Field::Text(local.abbrev.clone()),
            '%' => Field::Text("%".to_string()),
            _ => Field::Text(cs[start..i].iter().collect()),
        };
        let mut text = match field {
            Field::Text(s) => {
                let w = width.unwrap_or(0);
                let p = match pad {
                    Some('0') => '0',
                    _ => ' ',
                };
                if pad == Some('\0') || s.len() >= w {
                    s
                } else {
                    format!("{}{s}", p.to_string().repeat(w - s.len()))
                }
            }
            Field::Num(n, default_width, default_pad) => {
                let p = pad.unwrap_or(default_pad);
                let w = width.unwrap_or(default_width);
                let digits = n.unsigned_abs().to_string();
                let sign = if n < 0 { "-" } else { "" };
                if p == '\0' {
                    format!("{sign}{digits}")
                } else if p == ' ' {
                    printf::align(&format!("{sign}{digits}"), w, printf::Align::Right)
                } else {
                    printf::align(&format!("{sign}{digits}"), w, printf::Align::Zero)
                }
            }
        };
        if upper {
            text = text.to_ascii_uppercase();
        } else if swap {
            text = if text.chars().any(|c| c.is_ascii_lowercase()) {
                text.to_ascii_uppercase()
            } else {
                text.to_ascii_lowercase()
            };
        }
        out.push_str(&text);
    }
    out
}

enum Field {
    Text(String),
    /// A number, its default width and default padding.
    Num(i64, usize, char),
}

/// A point in time: epoch seconds and nanoseconds.
pub type Instant = (i64, u32);

/// Parse a date as GNU `date -d` does (parse_datetime's grammar, for the
/// forms scripts use), reading wall-clock times in `zone`:
///
/// - `@SECONDS[.FRACTION]`; a leading `TZ="NAME"` for another zone
/// - `now`, `today`, `yesterday`, `tomorrow`, `midnight`, `noon`
/// - dates `YYYY-MM-DD`, `YYYYMMDD`, `MM/DD/YYYY`, `Mon D YYYY`, `D Mon YYYY`
/// - times `HH:MM[:SS[.FRACTION]]`, with `am`/`pm`; `T` between date and time
/// - zones `Z`, `UTC`, `GMT`, `EST`, `PDT` and the like, `+HH:MM`, `-HHMM`
/// - days of the week, with ordinals: `monday`, `next fri`, `last sunday`,
///   `third tuesday`
/// - relative items `[+-]N unit [ago]`, `next`/`last`/`this unit`, units
///   seconds to years (and `fortnight`)
///
/// As in GNU, years, months and days (and a weekday) move the wall-clock
/// date, then hours, minutes and seconds move the instant. A date, a time
/// of day or a weekday without a time means midnight; only relative items
/// keep the current time. A wall-clock time that a zone skips (a spring
/// gap) is invalid.
pub fn parse(text: &str, now: Instant, zone: &Zone) -> Result<Instant, String> {
    let bad = || format!("invalid date '{text}'");
    let mut s = text.trim();
    let own_zone;
    let mut zone = zone;
    if let Some(rest) = s.strip_prefix("TZ=\"") {
        let (name, after) = rest.split_once('"').ok_or_else(bad)?;
        own_zone = Zone::from_tz(Some(name));
        zone = &own_zone;
        s = after.trim_start();
    }
    if let Some(rest) = s.strip_prefix('@') {
        return parse_epoch(rest).ok_or_else(bad);
    }
    let base_offset = i64::from(zone.at(now.0).offset);
    let base = tm(now.0 + base_offset);
    let toks = tokenize(s).ok_or_else(bad)?;
    let mut p = DateParser {
        toks,
        i: 0,
        year: base.year,
        date: None,
        time: None,
        weekday: None,
        zone: None,
        rel: Vec::new(),
    };
    p.run().ok_or_else(bad)?;
    let (y, m, d) = p.date.unwrap_or((base.year, base.month, base.day));
    let (h, mi, sec, ns) = match p.time {
        Some(t) => t,
        // Only relative items (or nothing): keep the current time; GNU
        // calls an empty date midnight.
        None if p.date.is_none() && p.weekday.is_none() && !s.is_empty() => (base.hour, base.min, base.sec, now.1),
        None => (0, 0, 0, 0),
    };
    if m == 0 || m > 12 || d == 0 || d > days_in_month(y, m) || h > 23 || mi > 59 || sec > 60 {
        return Err(bad());
    }
    // The wall-clock date moves by years, months, days and the weekday.
    let (mut months, mut days, mut secs_rel) = (0i64, 0i64, 0i64);
    for (n, unit) in &p.rel {
        let n = *n;
        match unit {
            Unit::Year => months = n.checked_mul(12).and_then(|v| months.checked_add(v)).ok_or_else(bad)?,
            Unit::Month => months = months.checked_add(n).ok_or_else(bad)?,
            Unit::Week => days = n.checked_mul(7).and_then(|v| days.checked_add(v)).ok_or_else(bad)?,
            Unit::Day => days = days.checked_add(n).ok_or_else(bad)?,
            Unit::Hour => {
                secs_rel = n
                    .checked_mul(3600)
                    .and_then(|v| secs_rel.checked_add(v))
                    .ok_or_else(bad)?
            }
            Unit::Min => {
                secs_rel = n
                    .checked_mul(60)
                    .and_then(|v| secs_rel.checked_add(v))
                    .ok_or_else(bad)?
            }
            Unit::Sec => secs_rel = secs_rel.checked_add(n).ok_or_else(bad)?,
        }
    }
    let mut day_count = days_from_civil(y, m, d);
    if let Some((ordinal, wday)) = p.weekday
        && p.date.is_none()
    {
        let today = (day_count + 4).rem_euclid(7);
        let wday = i64::from(wday);
        let incr = ordinal - i64::from(ordinal > 0 && today != wday);
        day_count += (wday - today + 7) % 7 + 7 * incr;
    }
    let total = y.checked_mul(12).ok_or_else(bad)? + i64::from(m - 1) + months;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    // GNU lets the day overflow into the next month (Jan 31 + 1 month =
    // Mar 3 or 2).
    day_count += days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1) + days;
    let (fy, fm, fd) = civil_from_days(day_count);
    let at = match p.zone {
        Some(offset) => timegm(fy, fm, fd, h, mi, sec) - offset,
        None => zone.to_epoch(fy, fm, fd, h, mi, sec).ok_or_else(bad)?,
    };
    let secs = at.checked_add(secs_rel).ok_or_else(bad)?;
    Ok((secs, ns))
}

fn parse_epoch(s: &str) -> Option<Instant> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let neg = int.starts_with('-');
    let digits = int.trim_start_matches(['-', '+']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = digits.parse().ok()?;
    let mut ns: u32 = format!("{frac:0<9}")[..9].parse().ok()?;
    let mut secs = if neg { -whole } else { whole };
    if neg && ns > 0 {
        secs -= 1;
        ns = 1_000_000_000 - ns;
    }
    Some((secs, ns))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Sec,
    Min,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    Word(String),
    Sym(char),
}

fn tokenize(s: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() || c == ',' {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            toks.push(Tok::Num(cs[start..i].iter().collect()));
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while i < cs.len() && (cs[i].is_ascii_alphabetic() || cs[i] == '.') {
                i += 1;
            }
            let w: String = cs[start..i].iter().collect::<String>().to_ascii_lowercase();
            toks.push(Tok::Word(w.trim_end_matches('.').to_string()));
        } else if matches!(c, '-' | '+' | ':' | '/' | '.') {
            toks.push(Tok::Sym(c));
            i += 1;
        } else {
            return None;
        }
    }
    Some(toks)
}

struct DateParser {
    toks: Vec<Tok>,
    i: usize,
    /// The current year, for dates written without one.
    year: i64,
    date: Option<(i64, u32, u32)>,
    time: Option<(u32, u32, u32, u32)>,
    /// A day of the week (0 = Sunday) and its ordinal (`next` 1, `last`
    /// -1, plain 0).
    weekday: Option<(i64, u32)>,
    /// Seconds east of UTC of the zone the time was written in.
    zone: Option<i64>,
    rel: Vec<(i64, Unit)>,
}

/// A day of the week by name or abbreviation (`mon`, `tues`, `wednes`).
fn weekday_of(w: &str) -> Option<u32> {
    let w = w.strip_suffix("day").filter(|x| x.len() >= 3).unwrap_or(w);
    if w.len() < 3 {
        return None;
    }
    DAYS.iter()
        .position(|d| d.to_ascii_lowercase().starts_with(w))
        .map(|i| i as u32)
}

/// parse_datetime's ordinal words (`second` is the unit).
fn ordinal_of(w: &str) -> Option<i64> {
    Some(match w {
        "last" => -1,
        "this" => 0,
        "next" | "first" => 1,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        _ => return None,
    })
}

/// Zone abbreviations parse_datetime knows (hours east of UTC, in
/// seconds), the universal ones and the North American and European ones
/// scripts write.
fn zone_of(w: &str) -> Option<i64> {
    let h = match w {
        "z" | "ut" | "utc" | "gmt" | "wet" => 0,
        "bst" | "cet" | "met" | "mewt" | "west" => 1,
        "cest" | "eet" | "mest" | "mesz" => 2,
        "eest" | "msk" => 3,
        "ast" => -4,
        "adt" | "edt" => -4,
        "est" | "cdt" => -5,
        "cst" | "mdt" => -6,
        "mst" | "pdt" => -7,
        "pst" | "akdt" => -8,
        "akst" | "hdt" => -9,
        "hst" => -10,
        "jst" => 9,
        _ => return None,
    };
    Some(h * 3600)
}

fn month_of(w: &str) -> Option<u32> {
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(w) && (w.len() == 3 || m.len() >= w.len()))
        .map(|i| i as u32 + 1)
}

fn unit_of(w: &str) -> Option<(i64, Unit)> {
    let w = w.strip_suffix('s').filter(|x| !x.is_empty()).unwrap_or(w);
    Some(match w {
        "sec" | "second" => (1, Unit::Sec),
        "min" | "minute" => (1, Unit::Min),
        "hour" => (1, Unit::Hour),
        "day" => (1, Unit::Day),
        "week" => (1, Unit::Week),
        "fortnight" => (2, Unit::Week),
        "month" => (1, Unit::Month),
        "year" => (1, Unit::Year),
        _ => return None,
    })
}

impl DateParser {
    fn peek(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.i + k)
    }

    fn num(&self, k: usize) -> Option<&str> {
        match self.peek(k) {
            Some(Tok::Num(n)) => Some(n),
            _ => None,
        }
    }

    fn sym(&self, k: usize, c: char) -> bool {
        self.peek(k) == Some(&Tok::Sym(c))
    }

    fn run(&mut self) -> Option<()> {
        while self.i < self.toks.len() {
            self.item()?;
        }
        Some(())
    }

    fn set_date(&mut self, y: i64, m: u32, d: u32) -> Option<()> {
        if self.date.is_some() {
            return None;
        }
        self.date = Some((y, m, d));
        Some(())
    }

    fn set_weekday(&mut self, ordinal: i64, day: u32) -> Option<()> {
        if self.weekday.is_some() {
            return None;
        }
        self.weekday = Some((ordinal, day));
        Some(())
    }

    fn item(&mut self) -> Option<()> {
        let tok = self.peek(0)?.clone();
        match tok {
            // YYYY-MM-DD
            Tok::Num(y) if self.sym(1, '-') && self.num(2).is_some() && self.sym(3, '-') && self.num(4).is_some() => {
                let (m, d) = (self.num(2)?.parse().ok()?, self.num(4)?.parse().ok()?);
                self.i += 5;
                self.set_date(y.parse().ok()?, m, d)?;
                if self.peek(0) == Some(&Tok::Word("t".to_string())) {
                    self.i += 1;
                }
            }
            // MM/DD/YYYY
            Tok::Num(m) if self.sym(1, '/') && self.num(2).is_some() && self.sym(3, '/') && self.num(4).is_some() => {
                let d = self.num(2)?.parse().ok()?;
                let y = self.num(4)?.parse().ok()?;
                self.i += 5;
                self.set_date(y, m.parse().ok()?, d)?;
            }
            // HH:MM[:SS[.frac]]
            Tok::Num(h) if self.sym(1, ':') && self.num(2).is_some() => {
                let mut hour: u32 = h.parse().ok()?;
                let min: u32 = self.num(2)?.parse().ok()?;
                self.i += 3;
                let (mut sec, mut ns) = (0, 0);
                if self.sym(0, ':') && self.num(1).is_some() {
                    sec = self.num(1)?.parse().ok()?;
                    self.i += 2;
                    if self.sym(0, '.') && self.num(1).is_some() {
                        ns = format!("{:0<9}", self.num(1)?)[..9].parse().ok()?;
                        self.i += 2;
                    }
                }
                if let Some(Tok::Word(w)) = self.peek(0).cloned()
                    && (w == "am" || w == "pm")
                {
                    if hour == 0 || hour > 12 {
                        return None;
                    }
                    hour = hour % 12 + if w == "pm" { 12 } else { 0 };
                    self.i += 1;
                }
                if self.time.is_some() {
                    return None;
                }
                self.time = Some((hour, min, sec, ns));
                self.zone_suffix()?;
            }
            // D Mon [YYYY]
            Tok::Num(d) if matches!(self.peek(1), Some(Tok::Word(w)) if month_of(w).is_some()) => {
                let Some(Tok::Word(w)) = self.peek(1) else { return None };
                let m = month_of(w)?;
                self.i += 2;
                let y = match self.num(0) {
                    Some(y) if !self.sym(1, ':') => {
                        let y = y.parse().ok()?;
                        self.i += 1;
                        y
                    }
                    _ => self.year,
                };
                self.set_date(y, m, d.parse().ok()?)?;
            }
            // YYYYMMDD
            Tok::Num(n) if n.len() == 8 && !matches!(self.peek(1), Some(Tok::Word(w)) if unit_of(w).is_some()) => {
                self.i += 1;
                self.set_date(n[..4].parse().ok()?, n[4..6].parse().ok()?, n[6..].parse().ok()?)?;
            }
            Tok::Num(_) | Tok::Sym('+' | '-') => self.relative()?,
            Tok::Word(w) => self.word(&w)?,
            Tok::Sym(_) => return None,
        }
        Some(())
    }

    /// A zone after a time: `Z`, `UTC`, `+HH:MM`, `-HHMM`.
    fn zone_suffix(&mut self) -> Option<()> {
        match self.peek(0).cloned() {
            Some(Tok::Word(w)) if zone_of(&w).is_some() => {
                self.zone = zone_of(&w);
                self.i += 1;
            }
            // As in GNU, a signed number right after a time is its zone,
            // even before a unit (`12:00 +1 day` is 12:00+01 and a day).
            Some(Tok::Sym(c @ ('+' | '-'))) if self.num(1).is_some() => {
                let n = self.num(1)?.to_string();
                self.i += 2;
                let (h, m): (i64, i64) = if self.sym(0, ':') && self.num(1).is_some() {
                    let m = self.num(1)?.parse().ok()?;
                    self.i += 2;
                    (n.parse().ok()?, m)
                } else if n.len() == 4 {
                    (n[..2].parse().ok()?, n[2..].parse().ok()?)
                } else {
                    (n.parse().ok()?, 0)
                };
                if h > 24 || m > 59 {
                    return None;
                }
                let off = h * 3600 + m * 60;
                self.zone = Some(if c == '-' { -off } else { off });
            }
            _ => {}
        }
        Some(())
    }

    /// `[+-]N unit [ago]`, or a bare `N unit`.
    fn relative(&mut self) -> Option<()> {
        let mut sign = 1;
        if self.sym(0, '+') || self.sym(0, '-') {
            if self.sym(0, '-') {
                sign = -1;
            }
            self.i += 1;
        }
        let n: i64 = self.num(0)?.parse().ok()?;
        self.i += 1;
        let Some(Tok::Word(w)) = self.peek(0).cloned() else {
            return None;
        };
        let (k, unit) = unit_of(&w)?;
        self.i += 1;
        let mut total = sign * n * k;
        if self.peek(0) == Some(&Tok::Word("ago".to_string())) {
            total = -total;
            self.i += 1;
        }
        self.rel.push((total, unit));
        Some(())
    }

    fn word(&mut self, w: &str) -> Option<()> {
        self.i += 1;
        match w {
            "now" => {}
            "today" => {}
            "yesterday" => self.rel.push((-1, Unit::Day)),
            "tomorrow" => self.rel.push((1, Unit::Day)),
            "midnight" => self.time = Some((0, 0, 0, 0)),
            "noon" => self.time = Some((12, 0, 0, 0)),
            _ if zone_of(w).is_some() => {
                if self.zone.is_some() {
                    return None;
                }
                self.zone = zone_of(w);
            }
            _ if ordinal_of(w).is_some() => {
                let n = ordinal_of(w)?;
                let Some(Tok::Word(u)) = self.peek(0).cloned() else {
                    return None;
                };
                self.i += 1;
                if let Some(day) = weekday_of(&u) {
                    return self.set_weekday(n, day);
                }
                let (k, unit) = unit_of(&u)?;
                self.rel.push((n * k, unit));
            }
            _ if weekday_of(w).is_some() => self.set_weekday(0, weekday_of(w)?)?,
            "ago" => {
                let last = self.rel.last_mut()?;
                last.0 = -last.0;
            }
            _ => {
                if let Some((k, unit)) = unit_of(w) {
                    // A unit without a number: `hour ago`, `day`.
                    let mut n = k;
                    if self.peek(0) == Some(&Tok::Word("ago".to_string())) {
                        n = -n;
                        self.i += 1;
                    }
                    self.rel.push((n, unit));
                    return Some(());
                }
                // Mon D [YYYY]
                let m = month_of(w)?;
                let d: u32 = self.num(0)?.parse().ok()?;
                self.i += 1;
                let y = match self.num(0) {
                    Some(y) if !self.sym(1, ':') => {
                        let y = y.parse().ok()?;
                        self.i += 1;
                        y
                    }
                    _ => self.year,
                };
                self.set_date(y, m, d)?;
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-01T00:00:00Z, a Thursday.
    const EPOCH_2026: i64 = 1_767_225_600;

    #[test]
    fn civil_round_trip() {
        for days in [-1_000_000, -1, 0, 1, 59, 365, 10_957, 20_454, 2_932_896] {
            let t = tm(days * 86_400);
            assert_eq!(days_from_civil(t.year, t.month, t.day), days);
        }
        let t = tm(EPOCH_2026 + 3661);
        assert_eq!(
            (t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday),
            (2026, 1, 1, 1, 1, 1, 4)
        );
        assert_eq!(tm(-1).year, 1969);
    }

    #[test]
    fn formats_as_gnu_date() {
        // Expected strings from GNU date -u -d @1767225600.123456789 +FMT.
        let f = |s| format(s, EPOCH_2026, 123_456_789);
        assert_eq!(f("%Y-%m-%d %H:%M:%S"), "2026-01-01 00:00:00");
        assert_eq!(f("%a %A %b %B %e|%-d|%_m|%j"), "Thu Thursday Jan January  1|1| 1|001");
        assert_eq!(f("%c"), "Thu Jan  1 00:00:00 2026");
        assert_eq!(f("%s %N %3N %z %:z %Z"), "1767225600 123456789 123 +0000 +00:00 UTC");
        assert_eq!(
            f("%D %F %T %R %r %p %I %l"),
            "01/01/26 2026-01-01 00:00:00 00:00 12:00:00 AM AM 12 12"
        );
        assert_eq!(f("%u %w %U %W %V %G %g %C %y %q"), "4 4 00 00 01 2026 26 20 26 1");
        assert_eq!(f("%^a %#b %10Y %-H %%%n%t"), "THU JAN 0000002026 0 %\n\t");
        assert_eq!(f("%Q"), "%Q");
        // ISO week of a year boundary: 2027-01-01 is a Friday of week 53 of 2026.
        assert_eq!(format("%G-W%V", timegm(2027, 1, 1, 0, 0, 0), 0), "2026-W53");
    }

    #[test]
    fn parses_what_scripts_write() {
        let now = (EPOCH_2026 + 12 * 3600, 0);
        let utc = Zone::utc();
        let p = |s| parse(s, now, &utc).map(|t| t.0);
        assert_eq!(p("@0"), Ok(0));
        assert_eq!(parse("@1.5", now, &utc), Ok((1, 500_000_000)));
        assert_eq!(p("2026-03-04"), Ok(timegm(2026, 3, 4, 0, 0, 0)));
        assert_eq!(p("2026-03-04 05:06:07"), Ok(timegm(2026, 3, 4, 5, 6, 7)));
        assert_eq!(p("2026-03-04T05:06:07Z"), Ok(timegm(2026, 3, 4, 5, 6, 7)));
        assert_eq!(p("2026-03-04T05:06:07+02:00"), Ok(timegm(2026, 3, 4, 3, 6, 7)));
        assert_eq!(p("03/04/2026"), Ok(timegm(2026, 3, 4, 0, 0, 0)));
        assert_eq!(p("Mar 4 2026"), Ok(timegm(2026, 3, 4, 0, 0, 0)));
        assert_eq!(p("4 March 2026 10:00"), Ok(timegm(2026, 3, 4, 10, 0, 0)));
        assert_eq!(p("yesterday"), Ok(EPOCH_2026 + 12 * 3600 - 86_400));
        assert_eq!(p("2026-01-31 +1 month"), Ok(timegm(2026, 3, 3, 0, 0, 0)));
        assert_eq!(p("2026-01-01 3 days ago"), Ok(timegm(2025, 12, 29, 0, 0, 0)));
        assert_eq!(p("next week"), Ok(EPOCH_2026 + 12 * 3600 + 7 * 86_400));
        assert_eq!(p("10:30pm"), Ok(timegm(2026, 1, 1, 22, 30, 0)));
        assert_eq!(p("20260304"), Ok(timegm(2026, 3, 4, 0, 0, 0)));
        assert_eq!(p("Mar 4"), Ok(timegm(2026, 3, 4, 0, 0, 0)), "the current year");
        assert_eq!(p("today"), Ok(EPOCH_2026 + 12 * 3600), "today keeps the time");
        assert_eq!(p(""), Ok(EPOCH_2026), "GNU: an empty date is midnight today");
        assert_eq!(parse("@-1.5", now, &utc), Ok((-2, 500_000_000)));
        for bad in [
            "x",
            "2026-02-30",
            "25:00",
            "@",
            "@x",
            "1 furlong",
            "2026-01-01 2026-01-02",
        ] {
            assert!(parse(bad, now, &utc).is_err(), "{bad}");
        }
    }

    // 2026-01-01 is a Thursday; parse_datetime's weekday rule.
    #[test]
    fn weekdays_and_ordinals() {
        let now = (EPOCH_2026 + 12 * 3600, 0);
        let utc = Zone::utc();
        let day = |s| parse(s, now, &utc).map(|t| tm(t.0)).map(|t| (t.month, t.day, t.hour));
        assert_eq!(day("monday"), Ok((1, 5, 0)));
        assert_eq!(day("next mon"), Ok((1, 5, 0)));
        assert_eq!(day("last monday"), Ok((12, 29, 0)));
        assert_eq!(day("thursday"), Ok((1, 1, 0)));
        assert_eq!(day("next thursday"), Ok((1, 8, 0)));
        assert_eq!(day("last thu"), Ok((12, 25, 0)));
        assert_eq!(day("third friday"), Ok((1, 16, 0)));
        assert_eq!(day("this friday 10:00"), Ok((1, 2, 10)));
        assert_eq!(day("tomorrow"), Ok((1, 2, 12)));
        assert_eq!(day("next week"), Ok((1, 8, 12)));
        assert_eq!(day("last month"), Ok((12, 1, 12)));
        assert!(parse("monday tuesday", now, &utc).is_err());
    }

    #[test]
    fn zones_in_the_text_and_around_it() {
        let now = (EPOCH_2026, 0);
        let utc = Zone::utc();
        let ny = Zone::from_tz(Some("America/New_York"));
        let p = |s, z| parse(s, now, z).map(|t| t.0);
        assert_eq!(p("2026-03-04 10:00 EST", &utc), Ok(timegm(2026, 3, 4, 15, 0, 0)));
        assert_eq!(p("2026-07-01 08:00", &ny), Ok(timegm(2026, 7, 1, 12, 0, 0)));
        assert_eq!(
            p("TZ=\"Asia/Tokyo\" 2026-07-01 09:00", &ny),
            Ok(timegm(2026, 7, 1, 0, 0, 0))
        );
        assert_eq!(p("2026-07-01 08:00 UTC", &ny), Ok(timegm(2026, 7, 1, 8, 0, 0)));
        assert!(p("2026-03-08 02:30", &ny).is_err(), "a spring gap");
        // Days move the wall clock across a DST change; hours move the instant.
        assert_eq!(p("2026-03-07 12:00 1 day", &ny), Ok(timegm(2026, 3, 8, 16, 0, 0)));
        assert_eq!(p("2026-03-07 12:00 24 hours", &ny), Ok(timegm(2026, 3, 8, 17, 0, 0)));
        assert_eq!(p("12:00 2026-03-07 +24 hours", &ny), Ok(timegm(2026, 3, 8, 17, 0, 0)));
        assert_eq!(p("2026-03-07 12:00 +1 day", &ny), Ok(timegm(2026, 3, 8, 11, 0, 0)));
        assert_eq!(p("2026-03-07 12:00 +2", &ny), Ok(timegm(2026, 3, 7, 10, 0, 0)));
        // GNU date: TZ=America/New_York date -d @1700000000 '+%F %T %Z %z %:z %::z %:::z'
        assert_eq!(
            format_in("%F %T %Z %z %:z %::z %:::z", 1_700_000_000, 0, &ny),
            "2023-11-14 17:13:20 EST -0500 -05:00 -05:00:00 -05"
        );
        let india = Zone::from_tz(Some("Asia/Kolkata"));
        assert_eq!(format_in("%z %:::z %#Z", 1_700_000_000, 0, &india), "+0530 +05:30 ist");
    }

    #[test]
    fn widths_and_flags_as_gnu() {
        // GNU date -u -d @1767225600 '+%5e|%_5d|%-5d|%05e|%10A|%-10A|%^10b|%010A'
        assert_eq!(
            format("%5e|%_5d|%-5d|%05e|%10A|%-10A|%^10b|%010A", 1_767_225_600, 0),
            "    1|    1|1|00001|  Thursday|Thursday|       JAN|00Thursday"
        );
    }
}
