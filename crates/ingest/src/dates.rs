//! Finding and parsing dates as news pages and data files write them.
//!
//! Everything is kept as *local wall-clock time as stated*: `22:42 WIB`
//! stays 22:42, and an ISO value with an offset keeps its local part. A
//! date-only value becomes 00:00. Day/month/year order: `21/9/2015` is
//! read day-first (Indonesian usage) unless that is impossible.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;

/// Month-name alternation shared by the patterns (Indonesian and English,
/// full and abbreviated, old spelling "Nopember"/"Pebruari").
const MONTHS: &str = r"(?i:januari|january|jan|februari|pebruari|february|feb|peb|maret|march|mar|april|apr|mei|may|juni|june|jun|juli|july|jul|agustus|august|agu|agt|aug|agst|september|sept|sep|oktober|october|okt|oct|nopember|november|nov|nop|desember|december|des|dec)";

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let p = n.get(..3)?;
    Some(match p {
        "jan" => 1,
        "feb" | "peb" => 2,
        "mar" => 3,
        "apr" => 4,
        "mei" | "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "agu" | "agt" | "aug" | "ags" => 8,
        "sep" => 9,
        "okt" | "oct" => 10,
        "nov" | "nop" => 11,
        "des" | "dec" => 12,
        _ => return None,
    })
}

struct Patterns {
    dmy_name: Regex,
    mdy_name: Regex,
    numeric: Regex,
    iso: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let time = r"(?:(?:,|\s|\s-\s|\s\|\s)*(?i:pukul\s+|jam\s+|at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?\s*(?P<ampm>(?i:am|pm))?)?(?:\s*(?P<tz>WIB|WITA|WIT|GMT|UTC)\b)?";
        let build = |core: &str| Regex::new(&format!("{core}{time}")).expect("static regex");
        Patterns {
            dmy_name: build(&format!(r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{MONTHS})\.?\s+(?P<y>\d{{4}})\b")),
            mdy_name: build(&format!(r"\b(?P<mon>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b")),
            numeric: build(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"),
            iso: Regex::new(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?").expect("static regex"),
        }
    })
}

fn build_dt(y: &str, m: u32, d: &str, caps: &regex::Captures<'_>) -> Option<NaiveDateTime> {
    let y: i32 = y.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let time = match (caps.name("h"), caps.name("mi")) {
        (Some(h), Some(mi)) => {
            let mut h: u32 = h.as_str().parse().ok()?;
            let mi: u32 = mi.as_str().parse().ok()?;
            let s: u32 = caps
                .name("s")
                .and_then(|s| s.as_str().parse().ok())
                .unwrap_or(0);
            if let Some(ampm) = caps.name("ampm") {
                let pm = ampm.as_str().eq_ignore_ascii_case("pm");
                if h == 12 {
                    h = 0;
                }
                if pm {
                    h += 12;
                }
            }
            NaiveTime::from_hms_opt(h, mi, s)?
        }
        _ => NaiveTime::MIN,
    };
    Some(date.and_time(time))
}

/// A date found in a line of text, with the byte range it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The parsed local date-time.
    pub when: NaiveDateTime,
    /// Byte range of the match in the searched text.
    pub span: Range<usize>,
}

/// Finds the first well-formed date in `text` (named month in either
/// order, `d/m/yyyy`, or ISO), with an optional time and WIB/WITA/WIT zone.
/// A month and year without a day ("akhir Nopember 2019") is not a date.
pub fn find_date(text: &str) -> Option<Found> {
    let p = patterns();
    let mut best: Option<Found> = None;
    let mut consider = |f: Option<Found>| {
        if let Some(f) = f {
            if best.as_ref().is_none_or(|b| f.span.start < b.span.start) {
                best = Some(f);
            }
        }
    };
    for re in [&p.dmy_name, &p.mdy_name] {
        consider(re.captures_iter(text).find_map(|c| {
            let m = month_number(c.name("mon")?.as_str())?;
            let when = build_dt(c.name("y")?.as_str(), m, c.name("d")?.as_str(), &c)?;
            Some(Found {
                when,
                span: c.get(0)?.range(),
            })
        }));
    }
    consider(p.numeric.captures_iter(text).find_map(|c| {
        let a: u32 = c.name("d")?.as_str().parse().ok()?;
        let b: u32 = c.name("m")?.as_str().parse().ok()?;
        // Day-first, unless the second number cannot be a month.
        let (d, m) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        let when = build_dt(c.name("y")?.as_str(), m, &d.to_string(), &c)?;
        Some(Found {
            when,
            span: c.get(0)?.range(),
        })
    }));
    consider(p.iso.captures_iter(text).find_map(|c| {
        let m: u32 = c.name("m")?.as_str().parse().ok()?;
        let when = build_dt(c.name("y")?.as_str(), m, c.name("d")?.as_str(), &c)?;
        Some(Found {
            when,
            span: c.get(0)?.range(),
        })
    }));
    best
}

/// Parses a whole ISO 8601 value as used in JSON Lines files and HTML meta
/// tags: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]`, optionally followed by
/// `Z` or an offset, which is ignored (the local wall-clock time is kept).
pub fn parse_iso(value: &str) -> Option<NaiveDateTime> {
    let v = value.trim();
    let c = patterns().iso.captures(v)?;
    if c.get(0)?.start() != 0 {
        return None;
    }
    let rest = &v[c.get(0)?.end()..];
    let rest_ok = rest.is_empty()
        || rest
            .trim_start_matches(|ch: char| ch == '.' || ch.is_ascii_digit())
            .chars()
            .all(|ch| {
                ch == 'Z'
                    || ch == 'z'
                    || ch == '+'
                    || ch == '-'
                    || ch == ':'
                    || ch.is_ascii_digit()
                    || ch == ' '
            });
    if !rest_ok {
        return None;
    }
    let m: u32 = c.name("m")?.as_str().parse().ok()?;
    build_dt(c.name("y")?.as_str(), m, c.name("d")?.as_str(), &c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test literal")
    }

    #[test]
    fn forms() {
        assert_eq!(
            find_date("22 Nov 2015 22:42 2609 Hits").map(|f| f.when),
            Some(dt("2015-11-22 22:42"))
        );
        assert_eq!(
            find_date("September 24th, 2024").map(|f| f.when),
            Some(dt("2024-09-24 00:00"))
        );
        assert_eq!(
            find_date("Senin, 12 Februari 2024 10:15 WIB").map(|f| f.when),
            Some(dt("2024-02-12 10:15"))
        );
        assert_eq!(
            find_date("Senin (21/9/2015)").map(|f| f.when),
            Some(dt("2015-09-21 00:00"))
        );
        assert_eq!(
            find_date("Oct 2, 2019 at 3:05 pm").map(|f| f.when),
            Some(dt("2019-10-02 15:05"))
        );
        assert_eq!(find_date("sampai akhir Nopember 2019 yang"), None);
        assert_eq!(find_date("31 Februari 2019"), None);
    }

    #[test]
    fn iso() {
        assert_eq!(
            parse_iso("2019-09-10T21:48:00"),
            Some(dt("2019-09-10 21:48"))
        );
        assert_eq!(parse_iso("2019-09-10"), Some(dt("2019-09-10 00:00")));
        assert_eq!(
            parse_iso("2019-09-10T21:48:00+07:00"),
            Some(dt("2019-09-10 21:48"))
        );
        assert_eq!(
            parse_iso("2019-09-10T21:48:00.123Z"),
            Some(dt("2019-09-10 21:48"))
        );
        assert_eq!(parse_iso("yesterday"), None);
        assert_eq!(parse_iso("2019-13-10"), None);
    }
}
