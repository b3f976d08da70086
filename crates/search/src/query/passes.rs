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

/// What the passes of one search did to its query, for the results to
/// show ("also searched in Indonesian: banjir").
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rewrites {
    /// Words also searched in the other language.
    pub translations: Vec<TranslationUse>,
}

/// What a pass may read while it rewrites, and where it notes its changes.
pub struct PassContext<'a> {
    /// The request being answered (its options switch passes on and off).
    pub request: &'a SearchRequest,
    /// The analysis the index was built with.
    pub analyzer: &'a Analyzer,
    /// The backend's vocabulary.
    pub vocabulary: &'a dyn Vocabulary,
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
