//! Story ids at index time: each article joins the story of an article it
//! copies, or starts a story of its own (named by its id).
//!
//! Copies are found by the article's fingerprint (`warta_ingest::fingerprint`):
//! the same address or the same normalised text is the same story; so is
//! a near duplicate (most sampled 5-grams shared) and an article that
//! re-publishes substantial passages of another outlet's (a quarter of the
//! smaller sample, and at least six samples: two paragraphs or so). Both
//! of the last two need the articles published within three days of each
//! other when both are dated, so that templated reports of different days
//! (market summaries) and an outlet's follow-ups, which repeat a
//! background paragraph, stay stories of their own. The thresholds were
//! measured against the corpus's duplicate pairs (BENCHMARKS.md).
//!
//! Every article the index holds when a run starts is read back from its
//! fast columns into one table in memory, with the run's articles added as
//! they come (about 250 bytes an article), so an article joins a story
//! whether its copy came in this run or an earlier one.

use crate::document::id_key;
use crate::schema::Fields;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Searcher, SegmentReader};
use warta_ingest::fingerprint::Fingerprint;
use warta_ingest::outlet::outlet_key;
use warta_ingest::Article;

/// A sample held by more articles than this is shared furniture (a
/// standard paragraph, a template), not a sign of a copy.
const COMMON: usize = 20;

/// A near duplicate shares at least this many samples…
const NEAR_MIN_SHARED: usize = 3;
/// …and this share of the two samples' union.
const NEAR_RESEMBLANCE: f64 = 0.6;
/// A re-published passage shares at least this many samples…
const PASSAGE_MIN_SHARED: usize = 6;
/// …and this share of the smaller sample, from another outlet.
const PASSAGE_CONTAINMENT: f64 = 0.25;
/// Copies of one story appear within this many days of each other.
const MAX_DAYS_APART: i64 = 3;

/// An article the finder knows.
struct Known {
    story: u32,
    id_hash: u64,
    outlet_hash: u64,
    day: Option<i64>,
    sample_size: u16,
}

/// Assigns story ids, remembering every article it has seen.
pub(crate) struct StoryFinder {
    /// Story names, by number.
    stories: Vec<Box<str>>,
    story_numbers: FxHashMap<Box<str>, u32>,
    known: Vec<Known>,
    /// Sample → the first article holding it.
    first_holder: FxHashMap<u64, u32>,
    /// Sample → the other articles holding it (up to [`COMMON`]).
    more_holders: FxHashMap<u64, Vec<u32>>,
    by_text: FxHashMap<u64, u32>,
    by_url: FxHashMap<u64, u32>,
}

/// FNV-1a of a string, stable from build to build.
fn hash_of(text: &str) -> u64 {
    id_key(text)
}

/// Days since the epoch of a timestamp in seconds.
fn day_of_secs(secs: i64) -> i64 {
    secs.div_euclid(86_400)
}

/// Whether two articles `shared` samples of sizes `a` and `b` have are
/// copies of one story.
fn is_copy(shared: usize, a: usize, b: usize, days_apart: i64, same_outlet: bool) -> bool {
    if days_apart > MAX_DAYS_APART {
        return false;
    }
    let union = (a + b).saturating_sub(shared).max(1);
    let smaller = a.min(b).max(1);
    let near = shared >= NEAR_MIN_SHARED && shared as f64 / union as f64 >= NEAR_RESEMBLANCE;
    let passage = !same_outlet
        && shared >= PASSAGE_MIN_SHARED
        && shared as f64 / smaller as f64 >= PASSAGE_CONTAINMENT;
    near || passage
}

/// The text of `doc` in a string column.
fn text_of(column: &Option<StrColumn>, doc: DocId) -> Option<String> {
    let column = column.as_ref()?;
    let ord = column.term_ords(doc).next()?;
    let mut out = String::new();
    column.ord_to_str(ord, &mut out).ok()?;
    Some(out)
}

impl StoryFinder {
    /// A finder knowing every live article of `before` (the index as the
    /// run starts).
    pub(crate) fn new(before: &Searcher, fields: &Fields) -> tantivy::Result<StoryFinder> {
        let mut finder = StoryFinder {
            stories: Vec::new(),
            story_numbers: FxHashMap::default(),
            known: Vec::new(),
            first_holder: FxHashMap::default(),
            more_holders: FxHashMap::default(),
            by_text: FxHashMap::default(),
            by_url: FxHashMap::default(),
        };
        for segment in before.segment_readers() {
            finder.read_segment(segment, fields)?;
        }
        Ok(finder)
    }

    /// Adds the live articles of one indexed segment.
    fn read_segment(&mut self, segment: &SegmentReader, fields: &Fields) -> tantivy::Result<()> {
        let fast = segment.fast_fields();
        let schema = segment.schema();
        let name = |field| schema.get_field_name(field).to_string();
        let ids = fast.u64(&name(fields.id_key))?;
        let stories = fast.str(&name(fields.story))?;
        let outlets = fast.str(&name(fields.source))?;
        let dates = fast.date(&name(fields.date))?;
        let samples = fast.u64(&name(fields.copy_sample))?;
        let urls = fast.u64(&name(fields.copy_url))?;
        let texts = fast.u64(&name(fields.copy_text))?;
        let mut sample = Vec::new();
        for doc in segment.doc_ids_alive() {
            let (Some(id_hash), Some(story)) = (ids.first(doc), text_of(&stories, doc)) else {
                continue;
            };
            sample.clear();
            sample.extend(samples.values_for_doc(doc));
            let print = Fingerprint {
                url: urls.first(doc),
                text: texts.first(doc),
                sample: std::mem::take(&mut sample),
            };
            let outlet = text_of(&outlets, doc);
            let day = dates
                .first(doc)
                .map(|d| day_of_secs(d.into_timestamp_secs()));
            self.remember(id_hash, outlet.as_deref(), day, &print, &story);
            sample = print.sample;
        }
        Ok(())
    }

    /// The story `article` (with `print`) belongs to, and remembers it.
    pub(crate) fn assign(&mut self, article: &Article, print: &Fingerprint) -> String {
        let outlet = article.source.as_deref().map(outlet_key);
        let day = article.date.map(|d| day_of_secs(d.and_utc().timestamp()));
        let story = self
            .copy_of(&article.id, outlet.as_deref(), day, print)
            .map(|n| self.stories[self.known[n as usize].story as usize].to_string())
            .unwrap_or_else(|| article.id.clone());
        self.remember(hash_of(&article.id), outlet.as_deref(), day, print, &story);
        story
    }

    /// The known article `print` copies most, other than the article `id`
    /// itself (an earlier version of it).
    fn copy_of(
        &self,
        id: &str,
        outlet: Option<&str>,
        day: Option<i64>,
        print: &Fingerprint,
    ) -> Option<u32> {
        let id_hash = hash_of(id);
        let other = |n: &&u32| self.known[**n as usize].id_hash != id_hash;
        let exact = print
            .url
            .and_then(|url| self.by_url.get(&url))
            .filter(other)
            .or_else(|| {
                print
                    .text
                    .and_then(|text| self.by_text.get(&text))
                    .filter(other)
            });
        if let Some(&n) = exact {
            return Some(n);
        }
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        for sample in &print.sample {
            let more = self.more_holders.get(sample);
            if more.is_some_and(|m| m.len() >= COMMON) {
                continue;
            }
            let holders = self
                .first_holder
                .get(sample)
                .into_iter()
                .chain(more.into_iter().flatten());
            for &n in holders {
                *shared.entry(n).or_default() += 1;
            }
        }
        let outlet_hash = outlet.map(hash_of);
        shared
            .into_iter()
            .filter(|(n, both)| {
                let known = &self.known[*n as usize];
                let apart = match (day, known.day) {
                    (Some(a), Some(b)) => (a - b).abs(),
                    _ => 0,
                };
                let same_outlet = outlet_hash == Some(known.outlet_hash);
                known.id_hash != id_hash
                    && is_copy(
                        *both,
                        print.sample.len(),
                        usize::from(known.sample_size),
                        apart,
                        same_outlet,
                    )
            })
            .max_by_key(|(n, both)| (*both, std::cmp::Reverse(*n)))
            .map(|(n, _)| n)
    }

    fn remember(
        &mut self,
        id_hash: u64,
        outlet: Option<&str>,
        day: Option<i64>,
        print: &Fingerprint,
        story: &str,
    ) {
        let n = self.known.len() as u32;
        let next = self.stories.len() as u32;
        let story = match self.story_numbers.entry(story.into()) {
            Entry::Occupied(known) => *known.get(),
            Entry::Vacant(slot) => {
                self.stories.push(slot.key().clone());
                slot.insert(next);
                next
            }
        };
        self.known.push(Known {
            story,
            id_hash,
            outlet_hash: outlet.map_or(0, hash_of),
            day,
            sample_size: u16::try_from(print.sample.len()).unwrap_or(u16::MAX),
        });
        if let Some(url) = print.url {
            self.by_url.entry(url).or_insert(n);
        }
        if let Some(text) = print.text {
            self.by_text.entry(text).or_insert(n);
        }
        for sample in &print.sample {
            match self.first_holder.entry(*sample) {
                Entry::Vacant(slot) => {
                    slot.insert(n);
                }
                Entry::Occupied(_) => {
                    let more = self.more_holders.entry(*sample).or_default();
                    if more.len() < COMMON {
                        more.push(n);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_copy;

    #[test]
    fn copies_by_resemblance_or_by_a_passage_from_another_outlet() {
        // Near duplicates.
        assert!(is_copy(10, 12, 12, 0, true));
        assert!(!is_copy(2, 3, 3, 0, false), "too few samples to tell");
        // A quarter of the smaller text, from another outlet (the bundled
        // seeds 000 and 001 share 7 of 25 and 26).
        assert!(is_copy(7, 25, 26, 0, false));
        assert!(!is_copy(7, 25, 26, 0, true), "an outlet's own follow-up");
        assert!(!is_copy(5, 10, 40, 0, false), "too short a passage");
        // Far apart in time: different days' templated reports.
        assert!(!is_copy(10, 12, 12, 6, false));
    }
}
