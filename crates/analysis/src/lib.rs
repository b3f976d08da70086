//! Warta's bilingual text analysis: text in, search tokens out.
//!
//! Indonesian and English share one token stream. Each word is folded
//! (NFKC, case, diacritics), then stemmed by whichever language recognises it:
//! the Indonesian confix-stripping stemmer when the dictionary confirms a root,
//! English Porter2 otherwise. Because the choice is made per word and does not
//! depend on the document's language, a query finds a word in whichever
//! language form it appears, and query and index always agree.

pub mod langid;
pub mod stem_id;

pub mod analyzer;
pub mod cjk;
pub mod fold;
mod memo;
pub mod segment;
pub mod stem_en;
pub mod stopwords;

pub use analyzer::{
    AnalysisSettings, Analyzer, AnalyzerOptions, QueryTerm, WartaTokenizer, DEFAULT_MEMO_WORDS,
    TOKENIZER_NAME,
};
