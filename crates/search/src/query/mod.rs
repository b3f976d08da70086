//! From what a user typed to what a backend plans: parsing into Warta's
//! own tree, then rewrite passes over it.
//!
//! ```text
//! text ──parse──▶ QueryNode ──passes──▶ QueryNode ──backend's planner──▶ engine query
//! ```
//!
//! A new kind of rewrite (translation, respelling) is a new
//! [`QueryPass`], not a new branch in a backend's planner.

mod lexicon;
mod parse;
mod passes;
mod respell;
mod translate;
mod tree;

pub use lexicon::{Lexicon, LexiconError, Translation, MAX_TRANSLATIONS};
pub use parse::parse_query;
pub use passes::{
    run_passes, NearSpelling, PassContext, QueryPass, RespellingUse, Rewrites, TranslationUse,
    Vocabulary, Weighted,
};
pub use respell::{edit_budget, RespellPass, RESPELLING_WEIGHT};
pub use translate::{TranslatePass, TRANSLATION_WEIGHT};
pub use tree::{Origin, QueryNode, TextScope, TYPED_WEIGHT};
