//! The indexed words within a few edits of a typed one, read from each
//! segment's term dictionary with a Levenshtein automaton (transpositions
//! count as one edit), for the respelling pass.

use crate::query::NearSpelling;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

/// Most edits a near spelling is looked up with.
pub(crate) const MAX_EDITS: u8 = 2;

/// The automaton builders for one and two edits, built once (the
/// two-edit one takes milliseconds).
fn builder(edits: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: OnceLock<[LevenshteinAutomatonBuilder; 2]> = OnceLock::new();
    let builders = BUILDERS.get_or_init(|| {
        [
            LevenshteinAutomatonBuilder::new(1, true),
            LevenshteinAutomatonBuilder::new(2, true),
        ]
    });
    &builders[usize::from(edits.clamp(1, MAX_EDITS) - 1)]
}

/// A Levenshtein DFA as the term dictionary's automaton.
struct Within<'a>(&'a DFA);

impl Automaton for Within<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

/// The terms of `fields` within `max_edits` of `word` that begin with its
/// first letter, across the searcher's segments, each with its edits and
/// its article count (summed over segments; the larger of the fields'),
/// the `limit` most frequent. Keeping to the first letter's range of the
/// dictionary keeps a look-up to a small share of it.
pub(crate) fn near_spellings(
    searcher: &Searcher,
    fields: &[Field],
    word: &str,
    max_edits: u8,
    limit: usize,
) -> Vec<NearSpelling> {
    if max_edits == 0 || word.is_empty() {
        return Vec::new();
    }
    let Some(first) = word.chars().next() else {
        return Vec::new();
    };
    let mut low = [0u8; 4];
    let low = first.encode_utf8(&mut low).as_bytes().to_vec();
    let mut high = low.clone();
    if let Some(last) = high.last_mut() {
        *last = last.saturating_add(1);
    }
    let dfa = builder(max_edits).build_dfa(word);
    let mut found: FxHashMap<Vec<u8>, Vec<u64>> = FxHashMap::default();
    for (slot, &field) in fields.iter().enumerate() {
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let terms = inverted.terms().search(Within(&dfa)).ge(&low).lt(&high);
            let Ok(mut stream) = terms.into_stream() else {
                continue;
            };
            while stream.advance() {
                let freqs = found
                    .entry(stream.key().to_vec())
                    .or_insert_with(|| vec![0; fields.len()]);
                freqs[slot] += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut near: Vec<NearSpelling> = found
        .into_iter()
        .filter_map(|(key, freqs)| {
            let Distance::Exact(edits) = dfa.eval(&key) else {
                return None;
            };
            let text = String::from_utf8(key).ok()?;
            let doc_freq = freqs.into_iter().max().unwrap_or(0);
            Some(NearSpelling {
                text,
                edits,
                doc_freq,
            })
        })
        .collect();
    near.sort_by(|a, b| {
        b.doc_freq
            .cmp(&a.doc_freq)
            .then_with(|| a.text.cmp(&b.text))
    });
    near.truncate(limit);
    near
}
