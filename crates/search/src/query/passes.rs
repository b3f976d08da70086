//! Rewrite passes: each takes the query tree and gives back a new one,
//! noting what it changed so the results can say what was searched.

use super::tree::QueryNode;
use crate::request::SearchRequest;
use serde::Serialize;
use warta_analysis::langid::Lang;
use warta_analysis::Analyzer;

/// What a backend knows of its vocabulary, for passes that weigh a word
/// by how the index knows it (whether a translation occurs at all, how
/// common a word and its near spellings are).
pub trait Vocabulary {
    /// About how many articles hold any form of `word`'s stem in their
    /// title or body (`word` as a user or a lexicon writes it); 0 when
    /// none does.
    fn word_doc_freq(&self, word: &str) -> u64;

    /// The indexed words within `max_edits` edits of `word` (folded, as
    /// the index holds words; a transposition is one edit), each with its
    /// edits and about how many articles hold it, at most `limit` of the
    /// most frequent.
    fn near_spellings(&self, word: &str, max_edits: u8, limit: usize) -> Vec<NearSpelling>;
}

/// An indexed word close to a typed one.
#[derive(Debug, Clone, PartialEq)]
pub struct NearSpelling {
    /// The word as indexed (folded).
    pub text: String,
    /// Edits from the typed word (insertions, deletions, substitutions,
    /// transpositions of neighbours).
    pub edits: u8,
    /// About how many articles hold it in their title or body.
    pub doc_freq: u64,
}

/// A word or phrase with a weight, as the results report it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Weighted {
    /// The text.
    pub text: String,
    /// Its weight relative to the word as typed (1).
    pub weight: f32,
}

/// One word searched in the other language too.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TranslationUse {
    /// The word (or phrase) as typed.
    pub source: String,
    /// The language it was taken to be in.
    #[schema(value_type = String)]
    pub from: Lang,
    /// The language of its translations.
    #[schema(value_type = String)]
    pub lang: Lang,
    /// The translations searched, best first, with their weights.
    pub targets: Vec<Weighted>,
    /// Other translations the lexicon knows, not searched (to pick instead).
    pub others: Vec<String>,
}

/// One typed word also searched as its near spellings.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RespellingUse {
    /// The word (or phrase) as typed.
    pub source: String,
    /// The near spellings searched, likeliest first, with their weights.
    pub targets: Vec<Weighted>,
    /// Whether no article holds the word as typed, so that every match of
    /// it is a near spelling's ("showing results for …").
    pub replaced: bool,
}

/// What the passes of one search did to its query, for the results to
/// show ("also searched in Indonesian: banjir").
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rewrites {
    /// Words also searched in the other language.
    pub translations: Vec<TranslationUse>,
    /// Words also searched as their near spellings (`typo=auto`).
    pub respellings: Vec<RespellingUse>,
    /// The query with each word the index does not know well replaced by
    /// its likeliest near spelling ("did you mean …"), whether or not the
    /// near spellings were searched; absent when every word is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// What a pass may read while it rewrites, and where it notes its changes.
pub struct PassContext<'a> {
    /// The request being answered (its options switch passes on and off).
    pub request: &'a SearchRequest,
    /// The analysis the index was built with.
    pub analyzer: &'a Analyzer,
    /// The backend's vocabulary.
    pub vocabulary: &'a dyn Vocabulary,
    /// Whether a word some articles hold may be respelled too (a rare
    /// word a letter away from a common one): only once the query as
    /// typed has found nothing, so that a query spelled as meant ("raisa",
    /// "schoof") keeps its results.
    pub respell_known: bool,
    /// What the passes changed so far.
    pub rewrites: Rewrites,
}

/// One rewrite of the query tree.
pub trait QueryPass: Send + Sync {
    /// A short name, for logs and explanations.
    fn name(&self) -> &'static str;

    /// The tree rewritten; changes worth telling the user go into
    /// `context.rewrites`.
    fn rewrite(&self, tree: QueryNode, context: &mut PassContext<'_>) -> QueryNode;
}

/// Runs `passes` in order over `tree`.
pub fn run_passes(
    tree: QueryNode,
    passes: &[Box<dyn QueryPass>],
    context: &mut PassContext<'_>,
) -> QueryNode {
    passes
        .iter()
        .fold(tree, |tree, pass| pass.rewrite(tree, context))
}
