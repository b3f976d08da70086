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
    pub fn extend(
        &mut self,
        searcher: &Searcher,
        fields: &[Field],
        analyzer: &Analyzer,
    ) -> Result<usize, IndexError> {
        let mut filed: FxHashSet<Box<str>> = self
            .groups
            .iter()
            .flat_map(|group| group.forms.iter().cloned())
            .collect();
        let mut scanned = 0;
        for segment in searcher.segment_readers() {
            let id = segment.segment_id().uuid_string();
            if self.segments.contains(&id) {
                continue;
            }
            for &field in fields {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted
                    .terms()
                    .stream()
                    .map_err(tantivy::TantivyError::from)?;
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if filed.contains(term) {
                        continue;
                    }
                    filed.insert(term.into());
                    if let Some(stem) = analyzer.stem_of_term(term) {
                        self.file(stem.into(), term.into());
                    }
                }
            }
            self.segments.insert(id);
            scanned += 1;
        }
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
}
