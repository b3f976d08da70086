//! The one index writer: adds articles, replaces changed ones, skips
//! unchanged ones, and commits so that a crash leaves the last commit whole.

use crate::document::{content_hash, to_document};
use crate::error::IndexError;
use crate::open::{open_index, IndexHandle};
use crate::stem_table::StemTable;
use crate::stories::StoryFinder;
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::LockError;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, IndexWriter, Searcher, Term, TERMINATED};
use warta_analysis::Analyzer;
use warta_ingest::fingerprint::fingerprint;
use warta_ingest::Article;

/// A compact key for an id, to remember which ids this run has written.
fn id_key(id: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// How the writer may use the machine.
#[derive(Debug, Clone)]
pub struct IndexerOptions {
    /// Total memory budget for the writer's buffers, in bytes, split across
    /// threads (Tantivy's budget is per thread; this one is the sum).
    pub memory_budget: usize,
    /// Indexing threads; `None` uses every core (at most 8).
    pub threads: Option<usize>,
    /// Commit after this many added or updated articles, so that a long run
    /// killed half-way keeps most of its work.
    pub commit_every: usize,
}

impl Default for IndexerOptions {
    fn default() -> Self {
        IndexerOptions {
            memory_budget: 256 * 1024 * 1024,
            threads: None,
            commit_every: 50_000,
        }
    }
}

/// What happened to one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// A new id.
    Added,
    /// A known id whose content changed: the old version is replaced.
    Updated,
    /// A known id with identical content: nothing written.
    Unchanged,
}

/// Counts for a run, reported at the end of `warta index`.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IndexStats {
    /// Articles written as new.
    pub added: u64,
    /// Articles that replaced an older version.
    pub updated: u64,
    /// Articles skipped because the index already holds them as they are.
    pub unchanged: u64,
    /// Commits made.
    pub commits: u64,
    /// Documents in the index after the last commit.
    pub total_docs: u64,
}

/// Owns the index writer for one run of `warta index`.
pub struct Indexer {
    handle: IndexHandle,
    writer: IndexWriter,
    /// The index as of the run's start, to find what is already there.
    before: Searcher,
    /// Ids written during this run, to count a repeated id as an update.
    seen: HashSet<u64>,
    stats: IndexStats,
    commit_every: usize,
    since_commit: usize,
    /// Indexing threads, which also file the new terms' stems at the end.
    threads: usize,
    /// Gives each new or changed article its story.
    stories: StoryFinder,
}

impl Indexer {
    /// Opens (creating if needed) the index at `dir` and takes its writer
    /// lock; a second concurrent writer gets [`IndexError::Busy`].
    pub fn open(
        dir: &Path,
        analyzer: Arc<Analyzer>,
        options: &IndexerOptions,
    ) -> Result<Indexer, IndexError> {
        let handle = open_index(dir, analyzer, true)?;
        let threads = options
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, 8);
        let per_thread = (options.memory_budget / threads).max(15_000_000);
        let writer = handle
            .index
            .writer_with_num_threads(threads, per_thread * threads)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
                    IndexError::Busy(dir.to_path_buf())
                }
                other => IndexError::Tantivy(other),
            })?;
        let before = handle.index.reader()?.searcher();
        let stories = StoryFinder::new(&before, &handle.fields)?;
        Ok(Indexer {
            handle,
            writer,
            before,
            stories,
            seen: HashSet::new(),
            stats: IndexStats::default(),
            commit_every: options.commit_every.max(1),
            since_commit: 0,
            threads,
        })
    }

    /// Adds `article`, replacing any older version with the same id, or
    /// skipping it when the index already holds it unchanged.
    pub fn add(&mut self, article: &Article) -> Result<AddOutcome, IndexError> {
        let fields = self.handle.fields;
        let hash = content_hash(article);
        let repeated = !self.seen.insert(id_key(&article.id));
        let outcome = if repeated {
            AddOutcome::Updated
        } else {
            match self.stored_hash(&article.id)? {
                Some(old) if old == hash => AddOutcome::Unchanged,
                Some(_) => AddOutcome::Updated,
                None => AddOutcome::Added,
            }
        };
        match outcome {
            AddOutcome::Unchanged => {
                self.stats.unchanged += 1;
                return Ok(outcome);
            }
            AddOutcome::Updated => {
                self.writer
                    .delete_term(Term::from_field_text(fields.id, &article.id));
                self.stats.updated += 1;
            }
            AddOutcome::Added => self.stats.added += 1,
        }
        let print = fingerprint(article);
        let story = self.stories.assign(article, &print);
        self.writer
            .add_document(to_document(article, &fields, hash, &print, &story))?;
        self.since_commit += 1;
        if self.since_commit >= self.commit_every {
            self.commit()?;
        }
        Ok(outcome)
    }

    /// The fingerprint stored for `id` at the start of the run, if any.
    fn stored_hash(&self, id: &str) -> Result<Option<u64>, IndexError> {
        let fields = self.handle.fields;
        let term = Term::from_field_text(fields.id, id);
        for segment in self.before.segment_readers() {
            let Some(mut postings) = segment
                .inverted_index(fields.id)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let hashes = segment.fast_fields().u64("hash")?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if !segment.is_deleted(doc) {
                    return Ok(hashes.first(doc));
                }
                doc = postings.advance();
            }
        }
        Ok(None)
    }

    /// Commits what was added so far: after this, a crash loses nothing of it.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer.commit()?;
        self.stats.commits += 1;
        self.since_commit = 0;
        Ok(())
    }

    /// Commits, waits for merges to finish, files the new segments' terms
    /// in the stem table and releases the writer lock.
    pub fn finish(mut self) -> Result<IndexStats, IndexError> {
        if self.since_commit > 0 || self.stats.commits == 0 {
            self.commit()?;
        }
        let handle = self.handle.clone();
        self.writer.wait_merging_threads()?;
        let searcher = handle.index.reader()?.searcher();
        self.stats.total_docs = searcher.num_docs();
        let mut stems = StemTable::load_or_empty(&handle.dir);
        let scanned = stems.extend(
            &searcher,
            &handle.fields.analysed(),
            &handle.analyzer,
            self.threads,
        )?;
        if stems.retain_segments(&searcher) || scanned > 0 {
            stems.save(&handle.dir)?;
        }
        Ok(self.stats)
    }
}
