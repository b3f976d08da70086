//! The stem table: every indexed word form filed under its stem, so that a
//! query word finds its relatives (`guna` → `menggunakan`, `digunakan`)
//! while the index holds each word once, as the form it was written in.
//!
//! It is built from the segments' term dictionaries, so it can always be
//! rebuilt from the index itself, and saved beside the index (one file,
//! replaced whole) when a run of `warta index` finishes, so a server starts
//! without stemming the whole vocabulary. A reader whose segments the saved
//! table does not cover (a run killed before finishing, or one still
//! writing) stems the missing segments' terms itself.

use crate::error::IndexError;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;
use std::path::Path;
use tantivy::schema::Field;
use tantivy::termdict::{TermDictionary, TermMerger};
use tantivy::Searcher;
use warta_analysis::Analyzer;

/// File in the index directory that holds the saved table.
const TABLE_FILE: &str = "warta-stems";

/// First line of the file: its format and version.
const HEADER: &str = "warta-stems 1";

/// One stem and the indexed forms filed under it.
#[derive(Debug, Clone)]
pub struct StemGroup {
    /// The stem (indexed too when some word is written as it).
    pub stem: Box<str>,
    /// The indexed forms whose stem it is and that differ from it, in the
    /// order they were filed: a form keeps its place as the table grows.
    pub forms: Vec<Box<str>>,
}

/// Stems and the indexed forms filed under each.
///
/// Groups are numbered in the order they were filed, and a group's forms
/// keep their places as the table grows, so a reader can key per-segment
/// data on (group, form) numbers across extensions.
#[derive(Debug, Default, Clone)]
pub struct StemTable {
    groups: Vec<StemGroup>,
    /// Stem → its group's number.
    numbers: FxHashMap<Box<str>, u32>,
    /// Segments whose terms are all filed (ids as Tantivy prints them).
    segments: BTreeSet<String>,
}

impl StemTable {
    /// The indexed forms filed under `stem` (not including `stem` itself).
    pub fn forms(&self, stem: &str) -> &[Box<str>] {
        self.number(stem)
            .map_or(&[], |n| &self.groups[n as usize].forms)
    }

    /// The number of `stem`'s group, when it has one.
    pub fn number(&self, stem: &str) -> Option<u32> {
        self.numbers.get(stem).copied()
    }

    /// Every group, by number.
    pub fn groups(&self) -> &[StemGroup] {
        &self.groups
    }

    /// Whether every segment `searcher` reads is filed.
    pub fn covers(&self, searcher: &Searcher) -> bool {
        searcher
            .segment_readers()
            .iter()
            .all(|segment| self.segments.contains(&segment.segment_id().uuid_string()))
    }

    /// Forgets the segments `searcher` no longer reads (merged away), so the
    /// saved list stays as long as the index's; their forms stay filed, and
    /// a form no segment holds any more matches nothing. Returns whether
    /// any was forgotten.
    pub fn retain_segments(&mut self, searcher: &Searcher) -> bool {
        let live: BTreeSet<String> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.segment_id().uuid_string())
            .collect();
        let before = self.segments.len();
        self.segments.retain(|id| live.contains(id));
        self.segments.len() != before
    }

    /// Number of forms filed, for reports.
    pub fn len(&self) -> usize {
        self.groups.iter().map(|group| group.forms.len()).sum()
    }

    /// Whether no form is filed.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Files the terms of `fields` in every segment of `searcher` that is
    /// not filed yet; returns how many segments that was. Each distinct
    /// term is stemmed once, however many segments hold it.
    ///
    /// The segments' dictionaries are read merged, in term order, so a term
    /// is met once without a set of the terms seen; the order is split into
    /// up to `threads` ranges read and stemmed at once, and the ranges'
    /// forms are filed in term order, so the table comes out the same
    /// whatever the number of threads, and no set of seen terms is needed.
    pub fn extend(
        &mut self,
        searcher: &Searcher,
        fields: &[Field],
        analyzer: &Analyzer,
        threads: usize,
    ) -> Result<usize, IndexError> {
        self.extend_in_ranges(searcher, fields, analyzer, threads, TERMS_PER_RANGE)
    }

    /// [`StemTable::extend`], reading at least `terms_per_range` terms of
    /// the largest dictionary per range (tests split small indexes).
    fn extend_in_ranges(
        &mut self,
        searcher: &Searcher,
        fields: &[Field],
        analyzer: &Analyzer,
        threads: usize,
        terms_per_range: usize,
    ) -> Result<usize, IndexError> {
        let mut fresh = Vec::new();
        let mut inverted = Vec::new();
        for segment in searcher.segment_readers() {
            let id = segment.segment_id().uuid_string();
            if self.segments.contains(&id) {
                continue;
            }
            for &field in fields {
                inverted.push(segment.inverted_index(field)?);
            }
            fresh.push(id);
        }
        if fresh.is_empty() {
            return Ok(0);
        }
        let dictionaries: Vec<&TermDictionary> = inverted.iter().map(|i| i.terms()).collect();
        let filed: FxHashSet<&str> = self
            .groups
            .iter()
            .flat_map(|group| group.forms.iter().map(|form| &**form))
            .collect();
        let bounds = split_points(&dictionaries, threads, terms_per_range)?;
        let ranges: Vec<TermRange> = (0..=bounds.len())
            .map(|i| {
                let from = i.checked_sub(1).map(|b| bounds[b].as_slice());
                (from, bounds.get(i).map(Vec::as_slice))
            })
            .collect();
        let stemmed: Vec<Result<Vec<Filing>, IndexError>> = if ranges.len() == 1 {
            vec![stem_range(&dictionaries, ranges[0], &filed, analyzer)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = ranges
                    .iter()
                    .map(|&range| {
                        let (dictionaries, filed) = (&dictionaries, &filed);
                        scope.spawn(move || stem_range(dictionaries, range, filed, analyzer))
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|worker| {
                        worker.join().unwrap_or_else(|_| {
                            Err(IndexError::Io {
                                context: "filing stems".to_string(),
                                source: std::io::Error::other("a stemming thread panicked"),
                            })
                        })
                    })
                    .collect()
            })
        };
        drop(filed);
        for range in stemmed {
            for (stem, form) in range? {
                self.file(stem.into(), form);
            }
        }
        let scanned = fresh.len();
        self.segments.extend(fresh);
        Ok(scanned)
    }

    /// Files `form` (not filed before) under `stem`.
    fn file(&mut self, stem: Box<str>, form: Box<str>) {
        let next = self.groups.len() as u32;
        let number = *self.numbers.entry(stem.clone()).or_insert(next);
        if number == next {
            self.groups.push(StemGroup {
                stem,
                forms: Vec::new(),
            });
        }
        self.groups[number as usize].forms.push(form);
    }

    /// The table saved in the index directory `dir`; empty when there is
    /// none yet. A damaged file is reported, never half-read.
    pub fn load(dir: &Path) -> Result<StemTable, IndexError> {
        let path = dir.join(TABLE_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(StemTable::default())
            }
            Err(source) => {
                return Err(IndexError::Io {
                    context: format!("reading {}", path.display()),
                    source,
                })
            }
        };
        parse(&text).ok_or_else(|| IndexError::Io {
            context: format!("reading {}", path.display()),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not a Warta stem table (rebuild it with `warta index`)",
            ),
        })
    }

    /// The saved table, or an empty one (to be filed again from the
    /// segments, with a warning) when the file cannot be read: the table is
    /// derived from the index, so a damaged copy costs time, never matches.
    pub fn load_or_empty(dir: &Path) -> StemTable {
        StemTable::load(dir).unwrap_or_else(|err| {
            tracing::warn!("{err}; filing the stems again from the index");
            StemTable::default()
        })
    }

    /// Saves the table into the index directory `dir`, replacing the old
    /// file only once the new one is whole.
    pub fn save(&self, dir: &Path) -> Result<(), IndexError> {
        let mut text = String::with_capacity(16 * self.len() + 64);
        text.push_str(HEADER);
        text.push('\n');
        let ids: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        text.push_str(&ids.join(" "));
        text.push('\n');
        let mut groups: Vec<&StemGroup> = self.groups.iter().collect();
        groups.sort_unstable_by(|a, b| a.stem.cmp(&b.stem));
        for group in groups {
            text.push_str(&group.stem);
            let mut forms: Vec<&Box<str>> = group.forms.iter().collect();
            forms.sort_unstable();
            for form in forms {
                text.push(' ');
                text.push_str(form);
            }
            text.push('\n');
        }
        let io = |context: String| move |source| IndexError::Io { context, source };
        let partial = dir.join(format!("{TABLE_FILE}.partial"));
        std::fs::write(&partial, text).map_err(io(format!("writing {}", partial.display())))?;
        std::fs::rename(&partial, dir.join(TABLE_FILE))
            .map_err(io(format!("replacing the stem table in {}", dir.display())))
    }
}

/// A range of terms: from (inclusive) and to (exclusive); `None` is open.
type TermRange<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);

/// A stem and the form to file under it.
type Filing = (String, Box<str>);

/// Fewer terms than this (in the largest dictionary) are read by one thread.
const TERMS_PER_RANGE: usize = 20_000;

/// Terms that split the union of `dictionaries` into up to `threads`
/// ranges of about equal size and of at least `terms_per_range` terms,
/// taken from the largest dictionary (every segment of a build holds much
/// the same vocabulary); none when one range will do.
fn split_points(
    dictionaries: &[&TermDictionary],
    threads: usize,
    terms_per_range: usize,
) -> Result<Vec<Vec<u8>>, IndexError> {
    let Some(largest) = dictionaries.iter().max_by_key(|d| d.num_terms()) else {
        return Ok(Vec::new());
    };
    let terms = largest.num_terms();
    let ranges = threads.clamp(1, (terms / terms_per_range.max(1)).max(1));
    let mut points: Vec<Vec<u8>> = Vec::with_capacity(ranges - 1);
    for i in 1..ranges {
        let mut term = Vec::new();
        let found = largest
            .ord_to_term((terms * i / ranges) as u64, &mut term)
            .map_err(tantivy::TantivyError::from)?;
        if found && points.last() < Some(&term) {
            points.push(term);
        }
    }
    Ok(points)
}

/// The (stem, form) pairs of the terms in `range` (from inclusive, to
/// exclusive) of the union of `dictionaries` that are not `filed` and
/// whose stem differs from them, in term order.
fn stem_range(
    dictionaries: &[&TermDictionary],
    (from, to): TermRange,
    filed: &FxHashSet<&str>,
    analyzer: &Analyzer,
) -> Result<Vec<Filing>, IndexError> {
    let mut streams = Vec::with_capacity(dictionaries.len());
    for dictionary in dictionaries {
        let mut builder = dictionary.range();
        if let Some(from) = from {
            builder = builder.ge(from);
        }
        if let Some(to) = to {
            builder = builder.lt(to);
        }
        streams.push(builder.into_stream().map_err(tantivy::TantivyError::from)?);
    }
    let mut merged = TermMerger::new(streams);
    let mut pairs = Vec::new();
    while merged.advance() {
        let Ok(term) = std::str::from_utf8(merged.key()) else {
            continue;
        };
        if filed.contains(term) {
            continue;
        }
        if let Some(stem) = analyzer.stem_of_term(term) {
            pairs.push((stem, term.into()));
        }
    }
    Ok(pairs)
}

/// Reads the saved format: the header, the filed segments' ids on one line,
/// then one line per stem, its forms after it, all separated by spaces
/// (terms filed here are letters and digits only).
fn parse(text: &str) -> Option<StemTable> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let segments = lines.next()?.split_whitespace().map(String::from).collect();
    let mut table = StemTable {
        segments,
        ..StemTable::default()
    };
    for line in lines {
        let mut words = line.split(' ');
        let stem = words.next().filter(|stem| !stem.is_empty())?;
        let forms: Vec<Box<str>> = words.map(Box::from).collect();
        if forms.is_empty() || table.number(stem).is_some() {
            return None;
        }
        table
            .numbers
            .insert(Box::from(stem), table.groups.len() as u32);
        table.groups.push(StemGroup {
            stem: Box::from(stem),
            forms,
        });
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_files_are_refused_whole() {
        assert!(parse("").is_none());
        assert!(parse("warta-stems 0\n\n").is_none());
        assert!(parse("warta-stems 1\nabc\nguna\n").is_none());
        let table = parse("warta-stems 1\nabc def\nguna digunakan menggunakan\n");
        let table = table.expect("a whole table");
        assert_eq!(table.forms("guna").len(), 2);
        assert_eq!(table.forms("lain"), &[] as &[Box<str>]);
        assert_eq!(table.segments.len(), 2);
    }

    /// An index of several segments whose words share stems across them.
    fn several_segments() -> (tempfile::TempDir, crate::IndexHandle) {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = crate::IndexerOptions {
            threads: Some(1),
            memory_budget: 16 * 1024 * 1024,
            commit_every: 2,
        };
        let analyzer = std::sync::Arc::new(Analyzer::default());
        let mut indexer =
            crate::Indexer::open(dir.path(), analyzer.clone(), &options).expect("writer");
        let bodies = [
            "Pengguna menggunakan aplikasi yang digunakan anak-anak.",
            "Mereka berkomunikasi; komunikasi itu dikomunikasikan.",
            "The users were using the used computers.",
            "Penggunaan jaringan dan pengguna baru: using networks.",
            "Pembangunan membangun bangunan yang dibangun.",
        ];
        for (i, body) in bodies.iter().enumerate() {
            let article = warta_ingest::Article {
                id: format!("a{i}"),
                title: format!("Judul {i}"),
                body: body.to_string(),
                original: None,
                date: None,
                source: None,
                url: None,
                lang: warta_analysis::langid::detect(body),
                path: format!("test:{i}"),
            };
            indexer.add(&article).expect("add");
        }
        indexer.finish().expect("finish");
        let handle = crate::open_index(dir.path(), analyzer, false).expect("open");
        (dir, handle)
    }

    #[test]
    fn the_table_is_the_same_however_many_ranges_file_it() {
        let (_dir, handle) = several_segments();
        let searcher = handle.index.reader().expect("reader").searcher();
        assert!(searcher.segment_readers().len() > 1, "one segment only");
        let fields = handle.fields.analysed();
        let filed = |threads: usize| {
            let mut table = StemTable::default();
            let scanned = table
                .extend_in_ranges(&searcher, &fields, &handle.analyzer, threads, 1)
                .expect("extend");
            assert_eq!(scanned, searcher.segment_readers().len());
            table
                .groups()
                .iter()
                .map(|group| (group.stem.to_string(), group.forms.clone()))
                .collect::<Vec<_>>()
        };
        let one = filed(1);
        assert!(one.iter().any(|(stem, forms)| stem == "guna"
            && forms.iter().any(|form| &**form == "menggunakan")
            && forms.iter().any(|form| &**form == "pengguna")));
        let mut forms: Vec<&str> = one
            .iter()
            .flat_map(|(_, f)| f.iter().map(|f| &**f))
            .collect();
        let count = forms.len();
        forms.sort_unstable();
        forms.dedup();
        assert_eq!(forms.len(), count, "a form was filed twice");
        for threads in [2, 3, 8] {
            assert_eq!(filed(threads), one, "{threads} ranges");
        }
    }

    #[test]
    fn filed_segments_and_forms_are_not_filed_again() {
        let (_dir, handle) = several_segments();
        let searcher = handle.index.reader().expect("reader").searcher();
        let fields = handle.fields.analysed();
        let mut table = StemTable::default();
        table
            .extend_in_ranges(&searcher, &fields, &handle.analyzer, 2, 1)
            .expect("extend");
        let before = table.len();
        let again = table
            .extend_in_ranges(&searcher, &fields, &handle.analyzer, 2, 1)
            .expect("extend again");
        assert_eq!((again, table.len()), (0, before));
        // A table that lost its segment list files nothing twice either.
        table.segments.clear();
        table
            .extend_in_ranges(&searcher, &fields, &handle.analyzer, 2, 1)
            .expect("extend after forgetting");
        assert_eq!(table.len(), before);
    }
}
