//! Counting a query's matches per publication day, with each matched story
//! on the day of its earliest matching copy: what a timeline is cut from.
//!
//! Dates come from the facet tables (one array read per match) and
//! stories from the story table, so counting costs a pass over the
//! matches and a hash-map bump each.

use super::facets::{FacetCache, FacetTable};
use super::stories::{SegmentStories, StoryTable};
use crate::timeline::DayCounts;
use chrono::{DateTime, NaiveDate};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Seconds in a day.
const DAY_SECS: i64 = 86_400;

/// Stands for "no dated copy" as a story's earliest day.
const UNDATED: i64 = i64::MAX;

/// Counts matches per day (see the module).
pub(crate) struct DayCollector<'a> {
    facets: &'a FacetCache,
    stories: Arc<StoryTable>,
}

impl<'a> DayCollector<'a> {
    /// Counts with `facets`' dates and `stories`' numbers.
    pub(crate) fn new(facets: &'a FacetCache, stories: Arc<StoryTable>) -> DayCollector<'a> {
        DayCollector { facets, stories }
    }
}

/// What one segment (or all, merged) counted, days as days since 1970.
#[derive(Default)]
pub(crate) struct Days {
    articles: FxHashMap<i64, u64>,
    /// Each matched story's earliest matching day ([`UNDATED`] if none).
    story_days: FxHashMap<u32, i64>,
    /// Matches of documents without a story, by day (each its own story).
    loose: FxHashMap<i64, u64>,
    /// Undated matches of documents without a story.
    loose_undated: u64,
    undated: u64,
}

/// Per-segment state of [`DayCollector`].
pub(crate) struct SegmentDays {
    table: Arc<FacetTable>,
    stories: Option<Arc<SegmentStories>>,
    days: Days,
}

impl Collector for DayCollector<'_> {
    type Fruit = DayCounts;
    type Child = SegmentDays;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDays> {
        Ok(SegmentDays {
            table: self.facets.table(reader)?,
            stories: self.stories.segment(reader),
            days: Days::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Days>) -> tantivy::Result<DayCounts> {
        let mut all = Days::default();
        for fruit in fruits {
            for (day, n) in fruit.articles {
                *all.articles.entry(day).or_default() += n;
            }
            for (day, n) in fruit.loose {
                *all.loose.entry(day).or_default() += n;
            }
            for (story, day) in fruit.story_days {
                let earliest = all.story_days.entry(story).or_insert(day);
                *earliest = (*earliest).min(day);
            }
            all.undated += fruit.undated;
            all.loose_undated += fruit.loose_undated;
        }
        Ok(all.into_counts())
    }
}

impl SegmentCollector for SegmentDays {
    type Fruit = Days;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let day = self.table.dates.secs(doc).map(|s| s.div_euclid(DAY_SECS));
        match day {
            Some(day) => *self.days.articles.entry(day).or_default() += 1,
            None => self.days.undated += 1,
        }
        match self.stories.as_ref().and_then(|s| s.story(doc)) {
            Some(story) => {
                let earliest = self.days.story_days.entry(story).or_insert(UNDATED);
                *earliest = (*earliest).min(day.unwrap_or(UNDATED));
            }
            None => match day {
                Some(day) => *self.days.loose.entry(day).or_default() += 1,
                None => self.days.loose_undated += 1,
            },
        }
    }

    fn harvest(self) -> Days {
        self.days
    }
}

/// The calendar day `days` after 1 January 1970.
fn date(days: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(days.checked_mul(DAY_SECS)?, 0).map(|t| t.date_naive())
}

impl Days {
    fn into_counts(self) -> DayCounts {
        let mut articles = BTreeMap::new();
        for (day, n) in self.articles {
            if let Some(d) = date(day) {
                *articles.entry(d).or_default() += n;
            }
        }
        let mut stories: BTreeMap<NaiveDate, u64> = BTreeMap::new();
        let mut undated_stories = self.loose_undated;
        for (_, day) in self.story_days {
            match date(day).filter(|_| day != UNDATED) {
                Some(d) => *stories.entry(d).or_default() += 1,
                None => undated_stories += 1,
            }
        }
        for (day, n) in self.loose {
            if let Some(d) = date(day) {
                *stories.entry(d).or_default() += n;
            }
        }
        DayCounts {
            articles,
            stories,
            undated: self.undated,
            undated_stories,
        }
    }
}
