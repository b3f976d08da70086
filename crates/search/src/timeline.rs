//! Coverage over time: a search's matches counted per day, week, month or
//! year, and up to [`MAX_COMPARED`] searches side by side, each period also
//! as a share of the whole archive's articles then.
//!
//! A backend counts matches per day ([`DayCounts`]); choosing the interval,
//! cutting the days into periods and filling the empty ones is the same for
//! every backend, here.

use crate::error::SearchError;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Most periods one timeline has: a longer one asks for a wider interval
/// or narrower dates.
pub const MAX_BUCKETS: usize = 5_000;

/// Most searches one comparison holds.
pub const MAX_COMPARED: usize = 4;

/// Share of the dated matches an automatic interval may leave in thin
/// tails on either side when it judges the span: a few stray dates years
/// away do not turn September's days into years.
const TAIL_SHARE: f64 = 0.02;

/// A period of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// A calendar day.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Interval {
    /// The interval's name in the API (`day`, `week`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The first day of the period holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => day,
            Interval::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        let next = match self {
            Interval::Day => start.checked_add_days(Days::new(1)),
            Interval::Week => start.checked_add_days(Days::new(7)),
            Interval::Month => start.checked_add_months(Months::new(1)),
            Interval::Year => start.checked_add_months(Months::new(12)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// Periods from the one holding `first` to the one holding `last`.
    fn periods(self, first: NaiveDate, last: NaiveDate) -> usize {
        let (a, b) = (self.start_of(first), self.start_of(last));
        let months = |d: NaiveDate| d.year() as i64 * 12 + i64::from(d.month0());
        let n = match self {
            Interval::Day => (b - a).num_days(),
            Interval::Week => (b - a).num_days() / 7,
            Interval::Month => months(b) - months(a),
            Interval::Year => i64::from(b.year() - a.year()),
        };
        usize::try_from(n).unwrap_or(0) + 1
    }

    /// The interval that shows a span of `days` days in a readable number
    /// of bars: days up to three months, weeks up to two years, months up
    /// to twenty, years past that.
    fn for_span(days: i64) -> Interval {
        match days {
            ..=92 => Interval::Day,
            93..=731 => Interval::Week,
            732..=7305 => Interval::Month,
            _ => Interval::Year,
        }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a timeline request asks for: an interval, or the one that fits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IntervalChoice {
    /// The interval that fits the span of the matches' dates.
    #[default]
    Auto,
    /// This interval.
    Fixed(Interval),
}

impl FromStr for IntervalChoice {
    type Err = SearchError;

    fn from_str(value: &str) -> Result<IntervalChoice, SearchError> {
        Ok(match value.trim().to_ascii_lowercase().as_str() {
            "auto" => IntervalChoice::Auto,
            "day" => IntervalChoice::Fixed(Interval::Day),
            "week" => IntervalChoice::Fixed(Interval::Week),
            "month" => IntervalChoice::Fixed(Interval::Month),
            "year" => IntervalChoice::Fixed(Interval::Year),
            other => {
                return Err(SearchError::InvalidParameter(format!(
                    "interval must be auto, day, week, month or year, not {other:?}"
                )))
            }
        })
    }
}

/// A search's matches per publication day, as a backend counts them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCounts {
    /// Matching articles per day (days without matches absent).
    pub articles: BTreeMap<NaiveDate, u64>,
    /// Matching stories per day: each story on the day of its earliest
    /// matching copy.
    pub stories: BTreeMap<NaiveDate, u64>,
    /// Matching articles without a date.
    pub undated: u64,
    /// Matching stories none of whose matching copies is dated.
    pub undated_stories: u64,
}

impl DayCounts {
    /// Dated matching articles.
    fn dated(&self) -> u64 {
        self.articles.values().sum()
    }

    /// Matching stories, dated or not.
    fn story_total(&self) -> u64 {
        self.stories.values().sum::<u64>() + self.undated_stories
    }

    /// The first and last day after trimming thin tails (at most
    /// [`TAIL_SHARE`] of the dated matches on each side).
    fn core_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let dated = self.dated();
        let tail = (dated as f64 * TAIL_SHARE).floor() as u64;
        let trimmed = |days: &mut dyn Iterator<Item = (&NaiveDate, &u64)>| {
            let mut seen = 0;
            for (day, count) in days {
                seen += count;
                if seen > tail {
                    return Some(*day);
                }
            }
            None
        };
        Some((
            trimmed(&mut self.articles.iter())?,
            trimmed(&mut self.articles.iter().rev())?,
        ))
    }
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Bucket {
    /// Its first day, `YYYY-MM-DD`.
    #[schema(value_type = String, format = Date)]
    pub start: NaiveDate,
    /// Its last day, `YYYY-MM-DD` (what a date filter for it takes as `to`).
    #[schema(value_type = String, format = Date)]
    pub end: NaiveDate,
    /// Matching articles published in it.
    pub count: u64,
    /// Matching stories whose earliest matching copy is in it.
    pub stories: u64,
    /// `count` as a share of all the archive's articles of the period
    /// (normalised attention), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// A search's matches over time.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Timeline {
    /// The period of each bucket.
    pub interval: Interval,
    /// Every period from the first dated match to the last, empty ones
    /// included, oldest first: their counts add up to `total - undated`.
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date.
    pub undated: u64,
    /// Matching articles.
    pub total: u64,
    /// Matching stories (copies of a story counted once).
    pub stories: u64,
}

/// One search of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Series {
    /// The query as given.
    pub q: String,
    /// Its periods (the comparison's, so that the series line up).
    pub buckets: Vec<Bucket>,
    /// Its matches without a date.
    pub undated: u64,
    /// Its matches.
    pub total: u64,
    /// Its matching stories.
    pub stories: u64,
}

/// Several searches over the same periods.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    /// The period of each bucket.
    pub interval: Interval,
    /// Each search, in the order given.
    pub series: Vec<Series>,
}

/// The interval for `counts` (all of a comparison's series together).
fn interval_for(choice: IntervalChoice, counts: &[&DayCounts]) -> Interval {
    match choice {
        IntervalChoice::Fixed(interval) => interval,
        IntervalChoice::Auto => {
            let spans: Vec<(NaiveDate, NaiveDate)> =
                counts.iter().filter_map(|c| c.core_span()).collect();
            let (Some(first), Some(last)) = (
                spans.iter().map(|s| s.0).min(),
                spans.iter().map(|s| s.1).max(),
            ) else {
                return Interval::Day;
            };
            let mut interval = Interval::for_span((last - first).num_days());
            // The tails still need their periods: coarser until all fit.
            if let Some((lo, hi)) = full_span(counts) {
                while interval.periods(lo, hi) > MAX_BUCKETS && interval != Interval::Year {
                    interval = match interval {
                        Interval::Day => Interval::Week,
                        Interval::Week => Interval::Month,
                        _ => Interval::Year,
                    };
                }
            }
            interval
        }
    }
}

/// The first and last dated match of all `counts`.
fn full_span(counts: &[&DayCounts]) -> Option<(NaiveDate, NaiveDate)> {
    let first = counts
        .iter()
        .filter_map(|c| c.articles.keys().next())
        .min()?;
    let last = counts
        .iter()
        .filter_map(|c| c.articles.keys().next_back())
        .max()?;
    Some((*first, *last))
}

/// The periods of `interval` from `first` to `last`, each with `counts`
/// summed into it.
fn buckets(
    interval: Interval,
    span: Option<(NaiveDate, NaiveDate)>,
    counts: &DayCounts,
) -> Result<Vec<Bucket>, SearchError> {
    let Some((first, last)) = span else {
        return Ok(Vec::new());
    };
    let periods = interval.periods(first, last);
    if periods > MAX_BUCKETS {
        return Err(SearchError::InvalidParameter(format!(
            "by {interval} the matches span {periods} periods, more than {MAX_BUCKETS}: \
             choose a wider interval or narrow the dates (from, to)"
        )));
    }
    let mut out = Vec::with_capacity(periods);
    let mut start = interval.start_of(first);
    let mut articles = counts.articles.iter().peekable();
    let mut stories = counts.stories.iter().peekable();
    for _ in 0..periods {
        let next = interval.next(start);
        let count = sum_before(&mut articles, next);
        let story_count = sum_before(&mut stories, next);
        out.push(Bucket {
            start,
            end: next.pred_opt().unwrap_or(next),
            count,
            stories: story_count,
            share: None,
        });
        start = next;
    }
    Ok(out)
}

/// The counts of the days before `next` still ahead in `days`, taken.
fn sum_before(
    days: &mut std::iter::Peekable<std::collections::btree_map::Iter<'_, NaiveDate, u64>>,
    next: NaiveDate,
) -> u64 {
    let mut n = 0;
    while let Some((_, count)) = days.next_if(|(day, _)| **day < next) {
        n += count;
    }
    n
}

/// Each bucket's count as a share of `archive`'s count for its period.
fn normalise(buckets: &mut [Bucket], archive: &[Bucket]) {
    for bucket in buckets {
        let all = archive
            .iter()
            .find(|a| a.start == bucket.start)
            .map_or(0, |a| a.count);
        bucket.share = Some(if all == 0 {
            0.0
        } else {
            bucket.count as f64 / all as f64
        });
    }
}

/// The timeline of one search's `counts`, each period also as a share of
/// `archive`'s, when given.
pub fn timeline(
    counts: &DayCounts,
    choice: IntervalChoice,
    archive: Option<&DayCounts>,
) -> Result<Timeline, SearchError> {
    let interval = interval_for(choice, &[counts]);
    let span = full_span(&[counts]);
    let mut buckets = buckets(interval, span, counts)?;
    if let Some(archive) = archive {
        normalise(&mut buckets, &self::buckets(interval, span, archive)?);
    }
    Ok(Timeline {
        interval,
        total: counts.dated() + counts.undated,
        undated: counts.undated,
        stories: counts.story_total(),
        buckets,
    })
}

/// Whether `n` searches may be compared: 1 to [`MAX_COMPARED`].
pub(crate) fn check_compared(n: usize) -> Result<(), SearchError> {
    if n == 0 || n > MAX_COMPARED {
        return Err(SearchError::InvalidParameter(format!(
            "a comparison takes 1 to {MAX_COMPARED} queries (q repeated), not {n}"
        )));
    }
    Ok(())
}

/// Several searches' timelines over the same periods: `searches` as
/// (query, day counts).
pub fn compare(
    searches: &[(String, DayCounts)],
    choice: IntervalChoice,
    archive: Option<&DayCounts>,
) -> Result<Comparison, SearchError> {
    check_compared(searches.len())?;
    let all: Vec<&DayCounts> = searches.iter().map(|s| &s.1).collect();
    let interval = interval_for(choice, &all);
    let span = full_span(&all);
    let archive_buckets = archive.map(|a| buckets(interval, span, a)).transpose()?;
    let mut series = Vec::with_capacity(searches.len());
    for (q, counts) in searches {
        let mut b = buckets(interval, span, counts)?;
        if let Some(archive) = &archive_buckets {
            normalise(&mut b, archive);
        }
        series.push(Series {
            q: q.clone(),
            buckets: b,
            undated: counts.undated,
            total: counts.dated() + counts.undated,
            stories: counts.story_total(),
        });
    }
    Ok(Comparison { interval, series })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn counts(days: &[(&str, u64)], undated: u64) -> DayCounts {
        let articles: BTreeMap<NaiveDate, u64> = days.iter().map(|(d, n)| (day(d), *n)).collect();
        DayCounts {
            stories: articles.clone(),
            articles,
            undated,
            undated_stories: undated,
        }
    }

    #[test]
    fn buckets_fill_every_period_and_add_up_to_the_total() {
        let c = counts(
            &[("2019-09-02", 3), ("2019-09-04", 1), ("2019-09-20", 5)],
            2,
        );
        let t = timeline(&c, IntervalChoice::Fixed(Interval::Week), None).expect("timeline");
        assert_eq!(t.interval, Interval::Week);
        assert_eq!(t.buckets.len(), 3, "weeks of 2, 9 and 16 September");
        assert_eq!(t.buckets[0].start, day("2019-09-02"));
        assert_eq!(t.buckets[0].end, day("2019-09-08"));
        assert_eq!(t.buckets[0].count, 4);
        assert_eq!(t.buckets[1].count, 0);
        assert_eq!(t.buckets[2].start, day("2019-09-16"));
        let summed: u64 = t.buckets.iter().map(|b| b.count).sum();
        assert_eq!(summed + t.undated, t.total);
        assert_eq!(t.total, 11);
        assert_eq!(t.stories, 11, "each article its own story here");
    }

    #[test]
    fn weeks_start_on_monday_and_months_and_years_on_their_first_day() {
        let sunday = day("2019-09-08");
        assert_eq!(Interval::Week.start_of(sunday), day("2019-09-02"));
        assert_eq!(Interval::Month.start_of(sunday), day("2019-09-01"));
        assert_eq!(Interval::Year.start_of(sunday), day("2019-01-01"));
        assert_eq!(Interval::Month.next(day("2019-12-01")), day("2020-01-01"));
    }

    #[test]
    fn auto_judges_the_span_without_thin_tails() {
        let mut days: Vec<(String, u64)> =
            (1..=30).map(|d| (format!("2019-09-{d:02}"), 10)).collect();
        days.push(("2017-03-01".into(), 1));
        days.push(("2025-10-01".into(), 1));
        let refs: Vec<(&str, u64)> = days.iter().map(|(d, n)| (d.as_str(), *n)).collect();
        let t = timeline(&counts(&refs, 0), IntervalChoice::Auto, None).expect("timeline");
        assert_eq!(t.interval, Interval::Day, "September's days, not years");
        assert_eq!(t.buckets.first().map(|b| b.start), Some(day("2017-03-01")));
        assert_eq!(t.buckets.iter().map(|b| b.count).sum::<u64>(), 302);
    }

    #[test]
    fn too_many_periods_is_an_error_that_says_what_to_do() {
        let c = counts(&[("1987-01-01", 1), ("2025-01-01", 1)], 0);
        let err = timeline(&c, IntervalChoice::Fixed(Interval::Day), None).expect_err("long");
        assert!(err.to_string().contains("wider interval"), "{err}");
        let auto = timeline(&c, IntervalChoice::Auto, None).expect("auto coarsens");
        assert!(auto.buckets.len() <= MAX_BUCKETS);
    }

    #[test]
    fn shares_are_of_the_archive_in_the_same_period() {
        let c = counts(&[("2019-09-02", 2)], 0);
        let archive = counts(&[("2019-09-02", 8), ("2019-09-03", 2)], 0);
        let t =
            timeline(&c, IntervalChoice::Fixed(Interval::Week), Some(&archive)).expect("timeline");
        assert_eq!(t.buckets[0].share, Some(0.2));
    }

    #[test]
    fn a_comparison_lines_its_series_up_and_is_bounded() {
        let a = counts(&[("2019-09-02", 2)], 0);
        let b = counts(&[("2019-11-20", 1)], 1);
        let cmp = compare(
            &[("a".into(), a.clone()), ("b".into(), b)],
            IntervalChoice::Fixed(Interval::Month),
            None,
        )
        .expect("compare");
        assert_eq!(cmp.series.len(), 2);
        assert_eq!(cmp.series[0].buckets.len(), 3);
        assert_eq!(cmp.series[1].buckets.len(), 3);
        assert_eq!(cmp.series[1].total, 2);
        let five: Vec<(String, DayCounts)> = (0..5).map(|i| (i.to_string(), a.clone())).collect();
        assert!(compare(&five, IntervalChoice::Auto, None).is_err());
        assert!(compare(&[], IntervalChoice::Auto, None).is_err());
    }

    #[test]
    fn intervals_read_from_their_names() {
        assert_eq!(
            "auto".parse::<IntervalChoice>().ok(),
            Some(IntervalChoice::Auto)
        );
        assert_eq!(
            "Month".parse::<IntervalChoice>().ok(),
            Some(IntervalChoice::Fixed(Interval::Month))
        );
        assert!("hour".parse::<IntervalChoice>().is_err());
    }
}
