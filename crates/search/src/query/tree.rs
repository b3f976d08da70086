//! Warta's query tree: what the user asked for, independent of Tantivy.

use serde::{Deserialize, Serialize};

/// Which analysed fields a text clause searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextScope {
    /// Title and body, the title boosted.
    All,
    /// The title only (`title:`).
    Title,
}

/// One node of a parsed query. Serialisable, so a saved search, an export
/// or an explanation can carry the query as structure, not as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum QueryNode {
    /// A plain word: matched after analysis (stemming, folding).
    Word {
        /// The word as typed.
        text: String,
        /// Fields searched.
        scope: TextScope,
    },
    /// An exact phrase: the words in this order.
    Phrase {
        /// The phrase as typed, without quotes.
        text: String,
        /// Fields searched.
        scope: TextScope,
    },
    /// A prefix (`komuni*`), matched against indexed terms.
    Prefix {
        /// The prefix as typed, without the star.
        text: String,
        /// Fields searched.
        scope: TextScope,
    },
    /// Articles from one outlet (`source:kompas.com`).
    Source {
        /// The outlet, compared case-insensitively.
        value: String,
    },
    /// Articles in one language (`lang:id`).
    Lang {
        /// The language code: `id`, `en` or `other`.
        value: String,
    },
    /// Every clause must hold (or, in match-any mode, any may).
    And {
        /// The clauses.
        clauses: Vec<QueryNode>,
    },
    /// At least one clause must hold.
    Or {
        /// The clauses.
        clauses: Vec<QueryNode>,
    },
    /// The clause must not hold.
    Not {
        /// The excluded clause.
        clause: Box<QueryNode>,
    },
}
