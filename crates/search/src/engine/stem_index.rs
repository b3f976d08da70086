//! Where each stem's forms are in each segment, found once per segment.
//!
//! A query word's group is a stem and its forms (dozens for an Indonesian
//! root). Looking each form up in every segment's term dictionary on every
//! search cost more than the rest of a search; segments never change, so
//! where each group's members' postings are in each segment is found when
//! the reader first sees the segment, and a search only reads it.

use rustc_hash::FxHashMap;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader};
use warta_indexer::StemTable;

/// The stem table and, per segment and text field, where its groups are.
pub(crate) struct StemIndex {
    table: Arc<StemTable>,
    segments: FxHashMap<SegmentId, Arc<SegmentGroups>>,
}

/// Where one segment holds every group's members, per text field.
struct SegmentGroups {
    fields: Vec<(Field, FieldGroups)>,
}

/// One field's: the held members of group `g` are
/// `entries[offsets[g]..offsets[g + 1]]`.
struct FieldGroups {
    offsets: Vec<u32>,
    entries: Vec<Held>,
}

/// One held member of a group: which one (0 for the stem, `n` for its
/// `n`th form) and where its postings are, in 32 bytes rather than a
/// `TermInfo`'s 40 plus the member (a million-article index holds about a
/// million of these).
#[derive(Clone, Copy)]
struct Held {
    postings_start: u64,
    positions_start: u64,
    postings_len: u32,
    positions_len: u32,
    doc_freq: u32,
    member: u16,
}

impl Held {
    /// `None` for postings too long to pack (over 4 GB) or a member past
    /// 65 535, which no news vocabulary comes near.
    fn pack(member: usize, info: &TermInfo) -> Option<Held> {
        Some(Held {
            postings_start: info.postings_range.start as u64,
            positions_start: info.positions_range.start as u64,
            postings_len: u32::try_from(info.postings_range.len()).ok()?,
            positions_len: u32::try_from(info.positions_range.len()).ok()?,
            doc_freq: info.doc_freq,
            member: u16::try_from(member).ok()?,
        })
    }

    fn term_info(&self) -> TermInfo {
        let postings = self.postings_start as usize;
        let positions = self.positions_start as usize;
        TermInfo {
            doc_freq: self.doc_freq,
            postings_range: postings..postings + self.postings_len as usize,
            positions_range: positions..positions + self.positions_len as usize,
        }
    }
}

impl StemIndex {
    /// An index for `table` that has found no segment yet.
    pub(crate) fn empty(table: StemTable) -> StemIndex {
        StemIndex {
            table: Arc::new(table),
            segments: FxHashMap::default(),
        }
    }

    /// The index for `table` over every segment of `searcher`, reusing
    /// what `previous` found for segments it shares when `previous` was
    /// made for a table this one only extends (group and form numbers kept).
    pub(crate) fn new(
        table: Arc<StemTable>,
        searcher: &Searcher,
        fields: &[Field],
        previous: Option<&StemIndex>,
    ) -> tantivy::Result<StemIndex> {
        let mut segments = FxHashMap::default();
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            if let Some(known) = previous.and_then(|p| p.segments.get(&id)) {
                segments.insert(id, Arc::clone(known));
                continue;
            }
            let mut groups = SegmentGroups {
                fields: Vec::with_capacity(fields.len()),
            };
            for &field in fields {
                groups
                    .fields
                    .push((field, FieldGroups::find(&table, reader, field)?));
            }
            segments.insert(id, Arc::new(groups));
        }
        Ok(StemIndex { table, segments })
    }

    /// Whether the table files, and this index has found, every segment of
    /// `searcher`.
    pub(crate) fn covers(&self, searcher: &Searcher) -> bool {
        self.table.covers(searcher)
            && searcher
                .segment_readers()
                .iter()
                .all(|reader| self.segments.contains_key(&reader.segment_id()))
    }

    /// The table this index was made for.
    pub(crate) fn table(&self) -> &Arc<StemTable> {
        &self.table
    }

    /// The held members of group `group` in `field` of `reader`'s segment,
    /// as (member, postings); `None` when this segment was not indexed.
    pub(crate) fn members(
        &self,
        reader: &SegmentReader,
        field: Field,
        group: u32,
    ) -> Option<impl Iterator<Item = (usize, TermInfo)> + '_> {
        let held = self
            .segments
            .get(&reader.segment_id())?
            .held(field, group)?;
        Some(
            held.iter()
                .map(|held| (usize::from(held.member), held.term_info())),
        )
    }

    /// How many documents hold each member of group `group` in `field`,
    /// over every segment this index has found, as (member, count).
    pub(crate) fn doc_freqs(&self, field: Field, group: u32) -> Vec<(usize, u64)> {
        let mut freqs: Vec<(usize, u64)> = Vec::new();
        for segment in self.segments.values() {
            for held in segment.held(field, group).unwrap_or_default() {
                let member = usize::from(held.member);
                match freqs.iter_mut().find(|(known, _)| *known == member) {
                    Some((_, freq)) => *freq += u64::from(held.doc_freq),
                    None => freqs.push((member, u64::from(held.doc_freq))),
                }
            }
        }
        freqs
    }
}

impl SegmentGroups {
    /// The held members of group `group` in `field`.
    fn held(&self, field: Field, group: u32) -> Option<&[Held]> {
        let (_, groups) = self.fields.iter().find(|(f, _)| *f == field)?;
        let start = *groups.offsets.get(group as usize)? as usize;
        let end = *groups.offsets.get(group as usize + 1)? as usize;
        groups.entries.get(start..end)
    }
}

impl FieldGroups {
    fn find(table: &StemTable, reader: &SegmentReader, field: Field) -> tantivy::Result<Self> {
        let inverted = reader.inverted_index(field)?;
        let terms = inverted.terms();
        let mut offsets = Vec::with_capacity(table.groups().len() + 1);
        let mut entries = Vec::new();
        offsets.push(0);
        for group in table.groups() {
            let members = std::iter::once(&group.stem).chain(&group.forms);
            for (member, text) in members.enumerate() {
                if let Some(info) = terms.get(text.as_bytes())? {
                    let held = Held::pack(member, &info).ok_or_else(|| {
                        tantivy::TantivyError::InternalError(format!(
                            "the stem group of {:?} is too large to index",
                            group.stem
                        ))
                    })?;
                    entries.push(held);
                }
            }
            offsets.push(entries.len() as u32);
        }
        Ok(FieldGroups { offsets, entries })
    }
}
