//! The time zone a process runs in, from its `TZ` as glibc reads it, on
//! jiff's time zone rules with the tz database bundled in the binary (the
//! sandbox reads no host files, and every run agrees whatever the host has
//! installed).
//!
//! - unset or empty: UTC (ninebox's default, whatever the host's is);
//! - an IANA name (`America/New_York`, `Etc/GMT+5`, `EST5EDT`), with or
//!   without a leading `:`, matched case-sensitively as glibc opens files;
//! - a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`, `JST-9`, `<+0330>-3:30`);
//! - anything else is UTC with no error, as in glibc: the abbreviation is
//!   the name's leading letters when there are at least three of them
//!   followed by `/` or nothing (`Foo/Bar` is `Foo`), else empty.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use kernel::Proc;

#[derive(Clone, Debug)]
pub struct Zone {
    tz: TimeZone,
    /// The abbreviation of a zone glibc would not know.
    unknown: Option<String>,
}

/// What a zone says about one instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Local {
    /// Seconds east of UTC.
    pub offset: i32,
    pub abbrev: String,
    pub dst: bool,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            tz: TimeZone::UTC,
            unknown: None,
        }
    }

    /// The zone a `TZ` value names.
    pub fn from_tz(value: Option<&str>) -> Zone {
        let Some(v) = value.filter(|v| !v.is_empty()) else {
            return Zone::utc();
        };
        let name = v.strip_prefix(':').unwrap_or(v);
        if name.is_empty() {
            return Zone::utc();
        }
        if let Ok(tz) = jiff::tz::db().get(name)
            && tz.iana_name() == Some(name)
        {
            return Zone { tz, unknown: None };
        }
        if !v.starts_with(':')
            && let Ok(tz) = TimeZone::posix(name)
        {
            return Zone { tz, unknown: None };
        }
        let letters = name.bytes().take_while(u8::is_ascii_alphabetic).count();
        let rest = &name[letters..];
        let abbrev = if letters >= 3 && (rest.is_empty() || rest.starts_with('/')) {
            name[..letters].to_string()
        } else {
            String::new()
        };
        Zone {
            tz: TimeZone::UTC,
            unknown: Some(abbrev),
        }
    }

    /// The zone of a process's environment.
    pub fn of(p: &Proc) -> Zone {
        Zone::from_tz(p.getenv("TZ").as_deref())
    }

    pub fn is_utc(&self) -> bool {
        self.unknown.is_none() && self.tz == TimeZone::UTC
    }

    /// The offset and abbreviation in force at epoch second `secs`.
    pub fn at(&self, secs: i64) -> Local {
        if let Some(a) = &self.unknown {
            return Local {
                offset: 0,
                abbrev: a.clone(),
                dst: false,
            };
        }
        let Ok(ts) = Timestamp::from_second(secs) else {
            return Local {
                offset: 0,
                abbrev: "UTC".into(),
                dst: false,
            };
        };
        let info = self.tz.to_offset_info(ts);
        Local {
            offset: info.offset().seconds(),
            abbrev: info.abbreviation().to_string(),
            dst: info.dst().is_dst(),
        }
    }

    /// Epoch seconds of a wall-clock time in this zone; in an autumn
    /// fold the earlier of the two, in a spring gap None (GNU date calls
    /// such a time invalid).
    pub fn to_epoch(&self, year: i64, month: u32, day: u32, hour: u32, min: u32, sec: u32) -> Option<i64> {
        let wall = super::time::timegm(year, month, day, hour, min, sec);
        if self.unknown.is_some() || self.is_utc() {
            return Some(wall);
        }
        let dt = DateTime::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
            i8::try_from(hour).ok()?,
            i8::try_from(min).ok()?,
            i8::try_from(sec.min(59)).ok()?,
            0,
        )
        .ok()?;
        let offset = match self.tz.to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => offset,
            AmbiguousOffset::Fold { before, .. } => before,
            AmbiguousOffset::Gap { .. } => return None,
        };
        Some(wall - i64::from(offset.seconds()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tz: &str, secs: i64) -> (i32, String) {
        let l = Zone::from_tz(Some(tz)).at(secs);
        (l.offset, l.abbrev)
    }

    // Expectations from glibc 2.36 (`TZ=… date -d @1700000000 +%z%Z`).
    #[test]
    fn names_as_glibc_reads_them() {
        const T: i64 = 1_700_000_000;
        assert_eq!(at("America/New_York", T), (-5 * 3600, "EST".into()));
        assert_eq!(at(":Europe/Paris", T), (3600, "CET".into()));
        assert_eq!(at("EST5EDT,M3.2.0,M11.1.0", T), (-5 * 3600, "EST".into()));
        assert_eq!(at("JST-9", T), (9 * 3600, "JST".into()));
        assert_eq!(at("<+0330>-3:30", T), (3 * 3600 + 1800, "+0330".into()));
        assert_eq!(at("Etc/GMT+5", T), (-5 * 3600, "-05".into()));
        assert_eq!(at("FOO+3", T), (-3 * 3600, "FOO".into()));
        assert_eq!(at("Foo/Bar", T), (0, "Foo".into()));
        assert_eq!(at("Europe/Nowhere", T), (0, "Europe".into()));
        assert_eq!(at("ab", T), (0, String::new()));
        assert_eq!(at("Foo1x", T), (0, String::new()));
        assert_eq!(at("utc", T), (0, "utc".into()));
        assert_eq!(at("", T), (0, "UTC".into()));
        // Summer time.
        assert_eq!(at("America/New_York", 1_720_000_000), (-4 * 3600, "EDT".into()));
    }

    #[test]
    fn wall_clock_to_epoch() {
        let ny = Zone::from_tz(Some("America/New_York"));
        assert_eq!(ny.to_epoch(2024, 7, 1, 8, 0, 0), Some(1_719_835_200));
        assert_eq!(ny.to_epoch(2024, 3, 10, 2, 30, 0), None);
        // The fold: the first 01:30 (EDT).
        assert_eq!(ny.to_epoch(2024, 11, 3, 1, 30, 0), Some(1_730_611_800));
        assert_eq!(Zone::utc().to_epoch(1970, 1, 2, 0, 0, 0), Some(86_400));
    }
}
