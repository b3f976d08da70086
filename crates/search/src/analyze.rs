//! The `_analyze` view: which terms each analysed field gets for a text.

use serde::Serialize;
use warta_analysis::langid::Lang;
use warta_analysis::Analyzer;

/// The tokens of a text, per analysed field.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnalyzeReport {
    /// The text's language (given, or detected).
    pub lang: String,
    /// One entry per analysed field.
    pub fields: Vec<FieldTokens>,
}

/// The tokens one field gets.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FieldTokens {
    /// Field name.
    pub field: String,
    /// Tokens in order.
    pub tokens: Vec<AnalyzedToken>,
}

/// One indexed token.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnalyzedToken {
    /// The term stored in the index: the word as written, folded.
    pub term: String,
    /// The stem the stem table files the term under: query words with
    /// this stem match it (the term itself when it is its own stem).
    pub stem: String,
    /// The text it came from.
    pub text: String,
    /// Position (phrase queries compare these).
    pub position: usize,
    /// Byte offset where the text starts.
    pub offset_from: usize,
    /// Byte offset where the text ends.
    pub offset_to: usize,
}

/// Analyzes `text` as the indexer would, for `warta analyze` and `/api/analyze`.
pub fn analyze_report(analyzer: &Analyzer, text: &str, lang: Lang) -> AnalyzeReport {
    let tokens: Vec<AnalyzedToken> = analyzer
        .analyze(text)
        .into_iter()
        .map(|t| AnalyzedToken {
            text: text
                .get(t.offset_from..t.offset_to)
                .unwrap_or_default()
                .to_string(),
            stem: analyzer
                .stem_of_term(&t.text)
                .unwrap_or_else(|| t.text.clone()),
            term: t.text,
            position: t.position,
            offset_from: t.offset_from,
            offset_to: t.offset_to,
        })
        .collect();
    AnalyzeReport {
        lang: lang.code().to_string(),
        fields: ["title", "body"]
            .iter()
            .map(|field| FieldTokens {
                field: field.to_string(),
                tokens: tokens.clone(),
            })
            .collect(),
    }
}
