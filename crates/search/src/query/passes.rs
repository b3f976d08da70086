//! Rewrite passes: each takes the query tree and gives back a new one,
//! noting what it changed so the results can say what was searched.

use super::tree::QueryNode;
use crate::request::SearchRequest;
use serde::Serialize;
use warta_analysis::Analyzer;

/// What a backend knows of its vocabulary, for passes that weigh a word
/// by how the index knows it (a typo pass asks how common a word and its
/// near spellings are).
pub trait Vocabulary {
    /// How many articles hold `term` (an analysed term, as the analyzer
    /// writes it) in their title or body; 0 when none does.
    fn doc_freq(&self, term: &str) -> u64;
}

/// What the passes of one search did to its query, for the results to
/// show ("also searched in Indonesian: banjir").
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rewrites {
    /// Lines describing each change, in the order the passes made them.
    pub notes: Vec<String>,
}

impl Rewrites {
    /// Whether no pass changed anything.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }
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
