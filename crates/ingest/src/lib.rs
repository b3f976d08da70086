//! Reading article sources into clean [`Article`] records.
//!
//! Warta indexes news from three kinds of input: scraped pages saved as
//! text (`.txt`), saved HTML pages (`.html`/`.htm`) and JSON Lines data
//! files (`.jsonl`, `.jsonl.gz`). This crate turns all of them into one
//! shape, [`Article`], recovering headline, publication date, outlet and a
//! clean body, and detects the language with
//! [`warta_analysis::langid::detect`].
//!
//! Bad input never stops a run: each problem becomes an [`Item::Skipped`]
//! with a [`SkipReason`], and the articles beside it are still produced.
//! Memory is bounded: pages and JSON lines over [`MAX_BYTES`] are skipped
//! without being read whole, so a gzip bomb cannot exhaust memory.

pub mod article;
pub mod boilerplate;
pub mod dates;
pub mod fingerprint;
pub mod html_page;
pub mod jsonl;
pub mod lines;
pub mod outlet;
pub mod text_page;
pub mod walk;

pub use article::{content_id, Article, Item, Skip, SkipReason};
pub use walk::{kind_of, read_file, read_sources, read_sources_counted, Kind, ReadProgress};
pub use warta_analysis::langid::Lang;

/// Size limit for one page or one JSON line: 16 MiB.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
