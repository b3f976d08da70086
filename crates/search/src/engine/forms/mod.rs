//! Queries over the forms of one stem. The index holds words as written;
//! a query word's relatives (`digunakan`, `pengguna` for `guna`) are the
//! forms the stem table files under its stem, and these queries match them
//! together as if they were one term: one BM25 score from their summed
//! frequencies, and phrases whose every position may be any of its forms.

mod located;
mod phrase;
mod word;

pub(crate) use located::GroupTerms;
pub(crate) use phrase::FormsPhraseQuery;
pub(crate) use word::{WordField, WordQuery};
