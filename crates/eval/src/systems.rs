//! The systems compared: Warta as shipped and with a choice switched off,
//! and bare Tantivy over the same articles, built in temporary directories.

use anyhow::Result;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{doc, Index, IndexReader, TantivyDocument};
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::Article;
use warta_search::{MatchMode, SearchRequest, TantivyEngine, Translate};

/// Anything that ranks article ids for a query text.
pub trait Ranker: Sync {
    /// The ids of the best `k` articles for `query`, best first.
    fn ranked(&self, query: &str, k: usize) -> Vec<String>;
}

/// Builds a Warta index of `articles` at `dir` and opens it.
pub fn build_warta(
    dir: &Path,
    analyzer: Arc<Analyzer>,
    articles: &[Article],
) -> Result<TantivyEngine> {
    let options = IndexerOptions {
        commit_every: usize::MAX,
        ..IndexerOptions::default()
    };
    let mut indexer = Indexer::open(dir, Arc::clone(&analyzer), &options)?;
    for article in articles {
        indexer.add(article)?;
    }
    indexer.finish()?;
    Ok(TantivyEngine::open(dir, analyzer)?)
}

/// Warta searched with some request options.
pub struct Warta<'a> {
    /// The engine.
    pub engine: &'a TantivyEngine,
    /// All words or any.
    pub match_mode: MatchMode,
    /// Translated or as typed.
    pub xl: Translate,
}

impl Ranker for Warta<'_> {
    fn ranked(&self, query: &str, k: usize) -> Vec<String> {
        let mut request = SearchRequest::new(query);
        request.match_mode = self.match_mode;
        request.xl = self.xl;
        request.per_page = k;
        self.engine.search_ids(&request).unwrap_or_default()
    }
}

/// How a bare Tantivy index lays out an article's text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Title and body in one field.
    OneField,
    /// Title and body in fields of their own, BM25 in each, summed.
    SeparateFields,
}

/// A bare Tantivy index: its `default` tokenizer, BM25, the query parser.
pub struct Bare {
    reader: IndexReader,
    parser: QueryParser,
    id: Field,
    /// Query words with their translations (a dictionary lookup, every
    /// sense alike): the classic unstructured cross-lingual baseline.
    expansion: Option<Arc<HashMap<String, Vec<String>>>>,
}

impl Bare {
    /// Builds the index of `articles` at `dir`, any query word matching.
    pub fn build(dir: &Path, articles: &[Article], layout: Layout) -> Result<Bare> {
        let mut builder = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let id = builder.add_text_field("id", STRING | STORED);
        let fields = match layout {
            Layout::OneField => vec![builder.add_text_field("text", text)],
            Layout::SeparateFields => vec![
                builder.add_text_field("title", text.clone()),
                builder.add_text_field("body", text),
            ],
        };
        std::fs::create_dir_all(dir)?;
        let index = Index::create_in_dir(dir, builder.build())?;
        let mut writer = index.writer_with_num_threads(2, 256 * 1024 * 1024)?;
        for a in articles {
            let mut document = doc!(id => a.id.clone());
            match layout {
                Layout::OneField => {
                    document.add_text(fields[0], format!("{}\n{}", a.title, a.body))
                }
                Layout::SeparateFields => {
                    document.add_text(fields[0], &a.title);
                    document.add_text(fields[1], &a.body);
                }
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        let parser = QueryParser::for_index(&index, fields);
        Ok(Bare {
            reader: index.reader()?,
            parser,
            id,
            expansion: None,
        })
    }

    /// The same index, any query word matching.
    pub fn all_words_off(&self) -> Bare {
        Bare {
            reader: self.reader.clone(),
            parser: self.parser.clone(),
            id: self.id,
            expansion: self.expansion.clone(),
        }
    }

    /// The same index, every query word required.
    pub fn all_words(&self) -> Bare {
        let mut parser = self.parser.clone();
        parser.set_conjunction_by_default();
        Bare {
            reader: self.reader.clone(),
            parser,
            id: self.id,
            expansion: self.expansion.clone(),
        }
    }

    /// The same index, each query word searched with its translations.
    pub fn with_expansion(&self, expansion: Arc<HashMap<String, Vec<String>>>) -> Bare {
        Bare {
            reader: self.reader.clone(),
            parser: self.parser.clone(),
            id: self.id,
            expansion: Some(expansion),
        }
    }

    fn query_text(&self, query: &str) -> String {
        let Some(expansion) = &self.expansion else {
            return query.to_string();
        };
        query
            .split_whitespace()
            .map(|word| match expansion.get(word) {
                Some(translations) if !translations.is_empty() => {
                    let mut group = vec![word.to_string()];
                    group.extend(translations.iter().map(|t| format!("\"{t}\"")));
                    format!("({})", group.join(" OR "))
                }
                _ => word.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Ranker for Bare {
    fn ranked(&self, query: &str, k: usize) -> Vec<String> {
        let searcher = self.reader.searcher();
        let (parsed, _) = self.parser.parse_query_lenient(&self.query_text(query));
        let top = searcher
            .search(&parsed, &TopDocs::with_limit(k).order_by_score())
            .unwrap_or_default();
        top.into_iter()
            .filter_map(|(_, address)| {
                let d: TantivyDocument = searcher.doc(address).ok()?;
                d.get_first(self.id)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
            .collect()
    }
}

/// Runs `ranker` on every query text on two threads; the rankings in order.
pub fn rank_all(ranker: &dyn Ranker, queries: &[String], k: usize) -> Vec<Vec<String>> {
    std::thread::scope(|scope| {
        let halves: Vec<_> = queries
            .chunks(queries.len().div_ceil(2).max(1))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|q| ranker.ranked(q, k))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|half| half.join().unwrap_or_default())
            .collect()
    })
}

/// Lowercased, with everything but letters, digits and spaces turned into
/// spaces, so that no system sees query syntax in a sentence.
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
