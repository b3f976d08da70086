//! A group's terms (a stem and its forms) and where each segment of a
//! searcher holds them, with the statistics BM25 takes from them.

use crate::engine::stem_index::StemIndex;
use std::sync::Arc;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::postings::{SegmentPostings, TermInfo};
use tantivy::query::{Bm25StatisticsProvider, Explanation, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// Document frequencies of term groups, as BM25 should see them: a group's
/// frequency is the sum of its terms' (at most every document), the
/// nearest to the number of documents holding any of them that needs no
/// extra pass over postings.
pub(super) struct GroupStatistics<'a> {
    pub(super) searcher: &'a Searcher,
    /// Each group's first term, standing for the group, and its frequency.
    pub(super) groups: Vec<(Term, u64)>,
}

impl Bm25StatisticsProvider for GroupStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self
            .groups
            .iter()
            .find(|(first, _)| first == term)
            .map_or(0, |(_, freq)| *freq))
    }
}

/// The terms of one query word's group, and where the stem index keeps
/// their places in each segment.
#[derive(Clone)]
pub(crate) struct GroupTerms {
    /// The stem, its forms in the table's order, then any term the table
    /// does not file (an exact form that is not a plain word).
    pub(crate) terms: Vec<Term>,
    /// The stem index, the group's number in it and how many of `terms`
    /// are the group's members; `None` for a stem the table lacks.
    pub(crate) group: Option<(Arc<StemIndex>, u32, usize)>,
}

impl std::fmt::Debug for GroupTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupTerms")
            .field("terms", &self.terms)
            .field("group", &self.group.as_ref().map(|(_, number, _)| number))
            .finish()
    }
}

/// Where a group's terms are in each segment of one searcher, found once
/// for the weight and used again by every segment's scorer.
#[derive(Default)]
pub(super) struct Located {
    /// Per segment, (index in the group, postings) of the terms it holds.
    segments: Vec<(SegmentId, Vec<(usize, TermInfo)>)>,
    /// Each term's document frequency over all segments.
    pub(super) term_freqs: Vec<u64>,
    /// The group's document frequency: the terms' summed, at most the
    /// number of documents.
    pub(super) doc_freq: u64,
}

impl Located {
    pub(super) fn find(
        searcher: &Searcher,
        field: Field,
        group: &GroupTerms,
    ) -> tantivy::Result<Located> {
        let terms = &group.terms;
        let mut located = Located {
            term_freqs: vec![0; terms.len()],
            ..Located::default()
        };
        for segment in searcher.segment_readers() {
            let infos = segment_infos(segment, field, group)?;
            for (n, info) in &infos {
                located.term_freqs[*n] += u64::from(info.doc_freq);
            }
            located.segments.push((segment.segment_id(), infos));
        }
        let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        located.doc_freq = located.term_freqs.iter().sum::<u64>().min(docs);
        Ok(located)
    }

    /// The first term some segment holds.
    pub(super) fn first_held<'t>(&self, terms: &'t [Term]) -> Option<&'t Term> {
        terms
            .iter()
            .zip(&self.term_freqs)
            .find(|(_, freq)| **freq > 0)
            .map(|(term, _)| term)
    }

    /// The postings this group has in `reader`'s segment.
    fn infos(&self, reader: &SegmentReader) -> &[(usize, TermInfo)] {
        let id = reader.segment_id();
        self.segments
            .iter()
            .find(|(segment, _)| *segment == id)
            .map_or(&[], |(_, infos)| infos.as_slice())
    }
}

/// Opens the postings at `infos`, skipping empty ones, each with its index
/// in the group.
pub(super) fn read_postings(
    reader: &SegmentReader,
    field: Field,
    infos: &[(usize, TermInfo)],
    record: IndexRecordOption,
) -> tantivy::Result<Vec<(usize, SegmentPostings)>> {
    let inverted = reader.inverted_index(field)?;
    let mut postings = Vec::with_capacity(infos.len());
    for (n, info) in infos {
        let found = inverted.read_postings_from_terminfo(info, record)?;
        if found.doc() != TERMINATED {
            postings.push((*n, found));
        }
    }
    Ok(postings)
}

/// Where `group`'s terms are in `reader`'s segment, as (index in the
/// group, postings): the members from the stem index, any others from the
/// term dictionary.
fn segment_infos(
    reader: &SegmentReader,
    field: Field,
    group: &GroupTerms,
) -> tantivy::Result<Vec<(usize, TermInfo)>> {
    let inverted = reader.inverted_index(field)?;
    let mut infos = Vec::new();
    let mut looked_up = 0;
    if let Some((index, number, members)) = &group.group {
        if let Some(held) = index.members(reader, field, *number) {
            infos.extend(held);
            looked_up = *members;
        }
    }
    for (n, term) in group.terms.iter().enumerate().skip(looked_up) {
        if let Some(info) = inverted.get_term_info(term)? {
            infos.push((n, info));
        }
    }
    Ok(infos)
}

/// The postings `located` found in `reader`'s segment, or (when the weight
/// was made without a searcher) looked up here.
pub(super) fn located_infos(
    reader: &SegmentReader,
    field: Field,
    group: &GroupTerms,
    located: Option<&Located>,
) -> tantivy::Result<Vec<(usize, TermInfo)>> {
    match located {
        Some(located) => Ok(located.infos(reader).to_vec()),
        None => segment_infos(reader, field, group),
    }
}

/// The field's lengths in `reader`'s segment (all 1 when not recorded).
pub(super) fn fieldnorms(reader: &SegmentReader, field: Field) -> tantivy::Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

/// A field's average length in tokens, as BM25 takes it.
pub(super) fn average_fieldnorm(searcher: &Searcher, field: Field) -> tantivy::Result<Score> {
    let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field)?;
    let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
    Ok(tokens as Score / docs.max(1) as Score)
}

/// Explains `doc`'s score under `weight` as one figure named `what`: the
/// scorer's own, found by seeking it to `doc`.
pub(super) fn explain_score(
    weight: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
    what: &'static str,
) -> tantivy::Result<Explanation> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    if scorer.seek(doc) != doc {
        return Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match"
        )));
    }
    Ok(Explanation::new(what, scorer.score()))
}
