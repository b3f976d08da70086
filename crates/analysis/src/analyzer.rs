//! The bilingual analyzer: pieces of text → folded terms with positions and
//! offsets, identical at index and at query time.
//!
//! The index holds each word once, as its folded form (`menggunakan`); a
//! query word is looked up as its own form and, through the stem table,
//! as every indexed form that shares its stem (`guna`, `digunakan`,
//! `pengguna`). Indexing stems beside forms cost a fifth of a build, for
//! the same matches.

use crate::fold::{fold, fold_into};
pub use crate::memo::DEFAULT_MEMO_WORDS;
use crate::segment::{segment, Piece, PieceKind};
use crate::stem_en::{strip_possessive, EnglishStemmer};
use crate::stem_id::IndonesianStemmer;
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tantivy_tokenizer_api::Token;

/// Longest term, in bytes, that is indexed; longer pieces (base64 blobs,
/// runaway URLs) are noise that would only bloat the term dictionary.
pub const MAX_TERM_BYTES: usize = 200;

/// Words longer than this are kept whole: no stemmer rule is meant for them.
const MAX_STEMMED_BYTES: usize = 40;

/// Warta's analysis for Indonesian and English text, shared by the indexer,
/// the query planner and `warta analyze`.
///
/// Each word is stemmed by the language that recognises it: the Indonesian
/// stemmer when its dictionary confirms a root, English Porter2 otherwise.
/// The choice depends on the word alone, never on the document's language,
/// so Indonesian articles quoting English (and the reverse) are found by the
/// words as they appear, whatever language the query is typed in.
pub struct Analyzer {
    indonesian: IndonesianStemmer,
    english: EnglishStemmer,
    options: AnalyzerOptions,
    /// Dictionary segmentation of CJK runs; bigrams without it (see
    /// [`Analyzer::with_cjk`]).
    pub(crate) cjk: Option<crate::cjk::CjkSegmenter>,
    /// Identifies this analyzer's entries in the per-thread stem memo.
    id: u64,
}

/// Source of [`Analyzer`] ids.
static NEXT_ANALYZER_ID: AtomicU64 = AtomicU64::new(1);

/// Which stemmers run. Both do in production; switching one off exists to
/// measure what each buys (see the known-item evaluation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalyzerOptions {
    /// Apply the Indonesian stemmer to words it recognises.
    pub indonesian: bool,
    /// Apply Porter2 to the other words.
    pub english: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            indonesian: true,
            english: true,
        }
    }
}

/// The analysis settings an index records, so that it is never written or
/// searched with other ones (terms would silently stop matching).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnalysisSettings {
    /// Stemming exceptions beyond the built-in ones: how many, and their digest.
    pub stem_exceptions: (usize, u64),
    /// Whether CJK runs are segmented with a dictionary (else bigrams).
    pub cjk_dictionary: bool,
    /// Which stemmers run (both, except in evaluations).
    pub options: AnalyzerOptions,
}

impl AnalysisSettings {
    /// The settings as `key=value` lines, the way an index records them.
    pub fn to_lines(&self) -> String {
        format!(
            "stem_exceptions={}\nstem_exceptions_digest={:016x}\ncjk_dictionary={}\nindonesian_stemmer={}\nenglish_stemmer={}\n",
            self.stem_exceptions.0,
            self.stem_exceptions.1,
            self.cjk_dictionary,
            self.options.indonesian,
            self.options.english
        )
    }

    /// Reads what [`AnalysisSettings::to_lines`] wrote; `None` if it is not that.
    pub fn from_lines(text: &str) -> Option<AnalysisSettings> {
        let mut values = std::collections::HashMap::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (key, value) = line.split_once('=')?;
            values.insert(key.trim(), value.trim());
        }
        let flag = |key: &str| values.get(key)?.parse::<bool>().ok();
        Some(AnalysisSettings {
            stem_exceptions: (
                values.get("stem_exceptions")?.parse().ok()?,
                u64::from_str_radix(values.get("stem_exceptions_digest")?, 16).ok()?,
            ),
            cjk_dictionary: flag("cjk_dictionary")?,
            options: AnalyzerOptions {
                indonesian: flag("indonesian_stemmer")?,
                english: flag("english_stemmer")?,
            },
        })
    }

    /// How `self` (an index's) differs from `other` (this run's), in words.
    pub fn difference(&self, other: &AnalysisSettings) -> Option<String> {
        let mut differences = Vec::new();
        if self.stem_exceptions != other.stem_exceptions {
            differences.push(format!(
                "it was built with {} stemming exception(s) of its own, this run has {} (a different --stem-exceptions file)",
                self.stem_exceptions.0, other.stem_exceptions.0
            ));
        }
        if self.cjk_dictionary != other.cjk_dictionary {
            let says = |dict: bool| {
                if dict {
                    "a CJK dictionary"
                } else {
                    "CJK bigrams"
                }
            };
            differences.push(format!(
                "it was built with {}, this run uses {} (--cjk-dict)",
                says(self.cjk_dictionary),
                says(other.cjk_dictionary)
            ));
        }
        if self.options != other.options {
            differences.push("it was built with other stemmers switched on".to_string());
        }
        (!differences.is_empty()).then(|| differences.join("; "))
    }
}

/// One term of a query, with what is needed to plan it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The stem to look up: every indexed form the stem table files under
    /// it matches, and so does this term itself.
    pub term: String,
    /// The folded surface word, for stopword decisions.
    pub surface: String,
    /// Position relative to the query text's first term, matching the
    /// positions the indexer gives the same text (compounds take several).
    pub position: usize,
    /// The word's own folded form when it differs from `term`: matching it
    /// above its relatives ranks exact forms first.
    pub exact: Option<String>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(IndonesianStemmer::new())
    }
}

impl Analyzer {
    /// Builds an analyzer around an Indonesian stemmer (which may carry a
    /// newsroom's own exception list).
    pub fn new(indonesian: IndonesianStemmer) -> Self {
        Self::with_options(indonesian, AnalyzerOptions::default())
    }

    /// Builds an analyzer with some stemmers switched off (for evaluation).
    pub fn with_options(indonesian: IndonesianStemmer, options: AnalyzerOptions) -> Self {
        Analyzer {
            indonesian,
            english: EnglishStemmer::new(),
            options,
            cjk: None,
            id: NEXT_ANALYZER_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The settings an index built with this analyzer records.
    pub fn settings(&self) -> AnalysisSettings {
        AnalysisSettings {
            stem_exceptions: self.indonesian.added_exceptions(),
            cjk_dictionary: self.cjk.is_some(),
            options: self.options,
        }
    }

    /// The Indonesian stem of a folded word, when that stemmer is on and
    /// recognises the word.
    fn indonesian_stem(&self, folded: &str) -> Option<String> {
        if self.options.indonesian {
            self.indonesian.stem(folded)
        } else {
            None
        }
    }

    /// The stem of a single folded word: what query planning looks its
    /// relatives up by.
    pub fn stem_word(&self, folded: &str) -> String {
        if folded.len() > MAX_STEMMED_BYTES || !folded.chars().any(char::is_alphabetic) {
            return folded.to_string();
        }
        if let Some(root) = self.indonesian_stem(folded) {
            return root;
        }
        if !self.options.english || folded.contains(|c: char| c.is_ascii_digit()) {
            return folded.to_string();
        }
        self.english.stem(folded)
    }

    /// The stem an indexed term is filed under in the stem table, when it
    /// differs from the term: `None` for terms that are their own stem and
    /// for terms that are not words (numbers, URLs, handles, CJK), which
    /// only ever match themselves.
    pub fn stem_of_term(&self, term: &str) -> Option<String> {
        if !term.chars().all(crate::segment::is_word_char) {
            return None;
        }
        Some(self.stem_word(term)).filter(|stem| stem != term)
    }

    /// Calls `use_term` with the stem of a folded word, from the
    /// thread's memo when it holds the word (no allocation then).
    fn with_stem<R>(&self, folded: &str, use_term: impl FnOnce(&str) -> R) -> R {
        crate::memo::with_term(
            self.id,
            DEFAULT_MEMO_WORDS,
            folded,
            |word| self.stem_word(word),
            use_term,
        )
    }

    /// Analyzes `text` for indexing, appending tokens to `out`.
    pub fn analyze_into(&self, text: &str, out: &mut Vec<Token>) {
        let mut scratch = Scratch::default();
        self.analyze_with(text, &mut scratch, &mut |term, from, to, position| {
            out.push(new_token(term, from, to, position));
        });
    }

    /// Hands each term of `text` to `emit` with its byte offsets, in order,
    /// exactly as indexing sees them but without building tokens: for
    /// highlighting, which analyses a window of every hit on every search.
    pub fn for_each_term(&self, text: &str, mut emit: impl FnMut(&str, usize, usize)) {
        let mut scratch = Scratch::default();
        self.analyze_with(text, &mut scratch, &mut |term, from, to, _| {
            emit(term, from, to)
        });
    }

    /// Analyzes `text`, handing each non-empty term to `emit` with its byte
    /// offsets and position.
    fn analyze_with<E: FnMut(&str, usize, usize, usize)>(
        &self,
        text: &str,
        scratch: &mut Scratch,
        emit: &mut E,
    ) {
        let mut position = 0;
        let mut emit_nonempty = |term: &str, from, to, position| {
            // A word of combining marks alone folds to nothing: no term.
            if !term.is_empty() {
                emit(term, from, to, position);
            }
        };
        for piece in segment(text) {
            position = self.emit_piece(text, piece, position, scratch, &mut emit_nonempty);
        }
    }

    /// Analyzes `text`, overwriting `tokens` from the start and reusing their
    /// strings (so a warm tokenizer allocates nothing per token); returns how
    /// many tokens are valid.
    fn analyze_reusing(&self, text: &str, scratch: &mut Scratch, tokens: &mut Vec<Token>) -> usize {
        let mut len = 0;
        self.analyze_with(text, scratch, &mut |term, from, to, position| {
            match tokens.get_mut(len) {
                Some(token) => {
                    token.text.clear();
                    token.text.push_str(term);
                    token.offset_from = from;
                    token.offset_to = to;
                    token.position = position;
                    token.position_length = 1;
                }
                None => tokens.push(new_token(term, from, to, position)),
            }
            len += 1;
        });
        len
    }

    /// Analyzes `text` for indexing and returns the tokens.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        self.analyze_into(text, &mut out);
        out
    }

    /// The terms a query word or phrase looks up: one term per position, the
    /// joined form standing for a compound (`e-mail` → `email`), with the
    /// positions the indexer gives the same text, so phrases line up.
    pub fn query_terms(&self, text: &str) -> Vec<QueryTerm> {
        let mut terms: Vec<QueryTerm> = Vec::new();
        let mut position = 0;
        let mut scratch = Scratch {
            stemmed: true,
            ..Scratch::default()
        };
        for piece in segment(text) {
            let raw = &text[piece.from..piece.to];
            let surface = fold(raw);
            let start = position;
            let mut tokens: Vec<Token> = Vec::new();
            position = self.emit_piece(
                text,
                piece,
                position,
                &mut scratch,
                &mut |term: &str, from, to, position| {
                    if !term.is_empty() {
                        tokens.push(new_token(term, from, to, position))
                    }
                },
            );
            if piece.kind == PieceKind::Cjk {
                terms.extend(tokens.into_iter().map(|t| QueryTerm {
                    term: t.text,
                    surface: String::new(),
                    position: t.position,
                    exact: None,
                }));
                continue;
            }
            let simple_word = piece.kind == PieceKind::Word && !raw.contains(COMPOUND_CONNECTORS);
            let mut tokens = tokens.into_iter();
            let Some(first) = tokens.next() else {
                continue;
            };
            let exact = tokens
                .next()
                .filter(|second| simple_word && second.position == first.position)
                .map(|second| second.text);
            terms.push(QueryTerm {
                term: first.text,
                surface,
                position: start,
                exact,
            });
        }
        terms
    }

    /// Emits the tokens of one piece starting at `position`; returns the next
    /// free position.
    fn emit_piece<E: FnMut(&str, usize, usize, usize)>(
        &self,
        text: &str,
        piece: Piece,
        position: usize,
        scratch: &mut Scratch,
        emit: &mut E,
    ) -> usize {
        let raw = &text[piece.from..piece.to];
        match piece.kind {
            PieceKind::Url | PieceKind::Email => {
                fold_into(raw, &mut scratch.folded);
                if scratch.folded.len() <= MAX_TERM_BYTES {
                    emit(&scratch.folded, piece.from, piece.to, position);
                }
                position + 1
            }
            PieceKind::Handle => {
                fold_into(raw, &mut scratch.folded);
                let folded = scratch.folded.as_str();
                if folded.len() <= MAX_TERM_BYTES {
                    emit(folded, piece.from, piece.to, position);
                    let bare = &folded[1..];
                    let stemmed = scratch.stemmed;
                    self.emit_stem_or_form(bare, stemmed, piece.from + 1, piece.to, position, emit);
                }
                position + 1
            }
            PieceKind::Cjk => {
                if let Some(cjk) = &self.cjk {
                    let words = cjk.segment(raw);
                    for (n, &(a, b)) in words.iter().enumerate() {
                        let (from, to) = (piece.from + a, piece.from + b);
                        emit(&raw[a..b], from, to, position + n);
                    }
                    return position + words.len();
                }
                let chars: Vec<(usize, char)> = raw.char_indices().collect();
                if chars.len() == 1 {
                    emit(raw, piece.from, piece.to, position);
                    return position + 1;
                }
                for (n, pair) in chars.windows(2).enumerate() {
                    let from = piece.from + pair[0].0;
                    let to = piece.from + pair[1].0 + pair[1].1.len_utf8();
                    emit(&text[from..to], from, to, position + n);
                }
                position + chars.len() - 1
            }
            PieceKind::Word => self.emit_word(raw, piece.from, position, scratch, emit),
        }
    }

    /// Emits a part of a compound or handle: its form, or (`stemmed`) its
    /// stem alone.
    fn emit_stem_or_form<E: FnMut(&str, usize, usize, usize)>(
        &self,
        form: &str,
        stemmed: bool,
        from: usize,
        to: usize,
        position: usize,
        emit: &mut E,
    ) {
        if stemmed {
            self.with_stem(form, |stem| emit(stem, from, to, position));
        } else {
            emit(form, from, to, position);
        }
    }

    /// Emits a simple word: its form alone, or (`stemmed`) its stem and
    /// then its form when the two differ.
    fn emit_form<E: FnMut(&str, usize, usize, usize)>(
        &self,
        word: &str,
        stemmed: bool,
        from: usize,
        to: usize,
        position: usize,
        emit: &mut E,
    ) {
        if !stemmed {
            emit(word, from, to, position);
            return;
        }
        self.with_stem(word, |stem| {
            emit(stem, from, to, position);
            if stem != word {
                emit(word, from, to, position);
            }
        });
    }

    fn emit_word<E: FnMut(&str, usize, usize, usize)>(
        &self,
        raw: &str,
        from: usize,
        position: usize,
        scratch: &mut Scratch,
        emit: &mut E,
    ) -> usize {
        let to = from + raw.len();
        if raw.len() > MAX_TERM_BYTES {
            return position + 1;
        }
        if let Some(letters) = plain_ascii(raw) {
            // Most words: ASCII letters and digits only, so folding is
            // lowercasing and there is no connector, apostrophe or
            // possessive to look for.
            scratch.folded.clear();
            scratch.folded.push_str(raw);
            scratch.folded.make_ascii_lowercase();
            let word = scratch.folded.as_str();
            if !letters {
                emit(word, from, to, position);
                return position + 1;
            }
            self.emit_form(word, scratch.stemmed, from, to, position, emit);
            return position + 1;
        }
        fold_into(raw, &mut scratch.folded);
        let folded = scratch.folded.as_str();
        if folded
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            emit(folded, from, to, position);
            return position + 1;
        }
        let word = without_apostrophes(strip_possessive(folded));
        if !word.contains(['-', '.', '_', '@']) {
            self.emit_form(&word, scratch.stemmed, from, to, position, emit);
            return position + 1;
        }
        if word.contains('-') && !word.contains(['.', '_', '@']) {
            if let Some(root) = self.indonesian_stem(&word) {
                emit(&root, from, to, position);
                return position + 1;
            }
        }
        let parts: Vec<(usize, &str)> = split_parts(raw);
        if parts.len() > 1 && parts.iter().all(|(_, p)| p.chars().count() == 1) {
            let letters: String = parts.iter().map(|(_, p)| fold(p)).collect();
            emit(&letters, from, to, position);
            return position + 1;
        }
        let stemmed = scratch.stemmed;
        if word.contains('.') {
            emit(&word, from, to, position);
        } else {
            let joined = word.replace(['-', '_', '@'], "");
            self.emit_stem_or_form(&joined, stemmed, from, to, position, emit);
        }
        for (n, (offset, part)) in parts.iter().enumerate() {
            let folded_part = strip_possessive(&fold(part)).replace('\'', "");
            if folded_part.is_empty() {
                continue;
            }
            let (part_from, part_to) = (from + offset, from + offset + part.len());
            self.emit_stem_or_form(
                &folded_part,
                stemmed,
                part_from,
                part_to,
                position + n,
                emit,
            );
        }
        position + parts.len().max(1)
    }
}

/// Buffers one analysis reuses from word to word, and its mode.
#[derive(Default)]
struct Scratch {
    /// The current word, folded.
    folded: String,
    /// Emit each word's stem, then its form when that differs (query
    /// planning); otherwise forms alone (indexing and highlighting).
    stemmed: bool,
}

/// A fresh token (position length 1).
fn new_token(term: &str, from: usize, to: usize, position: usize) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text: term.to_string(),
        position_length: 1,
    }
}

/// `Some(has a letter)` when `raw` is ASCII letters and digits only, the
/// shape of most words in news text; `None` otherwise.
fn plain_ascii(raw: &str) -> Option<bool> {
    let mut letters = false;
    for byte in raw.bytes() {
        if byte.is_ascii_alphabetic() {
            letters = true;
        } else if !byte.is_ascii_digit() {
            return None;
        }
    }
    Some(letters)
}

/// A word with its apostrophes removed (`don't` → `dont`), borrowed when it has none.
fn without_apostrophes(word: &str) -> Cow<'_, str> {
    if word.contains('\'') {
        Cow::Owned(word.replace('\'', ""))
    } else {
        Cow::Borrowed(word)
    }
}

/// Characters that make a word a compound (indexed as a joined form plus parts).
const COMPOUND_CONNECTORS: [char; 6] = ['-', '.', '_', '@', '\u{2010}', '\u{2011}'];

/// Splits a compound word at its connectors, keeping each part's byte offset.
fn split_parts(raw: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in raw.char_indices() {
        if COMPOUND_CONNECTORS.contains(&c) {
            if i > start {
                parts.push((start, &raw[start..i]));
            }
            start = i + c.len_utf8();
        }
    }
    if start < raw.len() {
        parts.push((start, &raw[start..]));
    }
    parts
}

/// Tantivy's view of the [`Analyzer`]: registered under [`TOKENIZER_NAME`]
/// for every analysed text field.
pub struct WartaTokenizer {
    analyzer: Arc<Analyzer>,
    /// Tokens of the last text; their strings are reused for the next one.
    tokens: Vec<Token>,
    scratch: Scratch,
}

/// The name the Warta tokenizer is registered under in a Tantivy index.
pub const TOKENIZER_NAME: &str = "warta";

impl WartaTokenizer {
    /// Wraps a shared analyzer (stems are memoised per thread).
    pub fn new(analyzer: Arc<Analyzer>) -> Self {
        WartaTokenizer {
            analyzer,
            tokens: Vec::new(),
            scratch: Scratch::default(),
        }
    }
}

/// A clone shares the analyzer but starts with empty buffers: Tantivy clones
/// the tokenizer for every snippet it makes, and copying the last text's
/// tokens there would be wasted work.
impl Clone for WartaTokenizer {
    fn clone(&self) -> Self {
        WartaTokenizer::new(Arc::clone(&self.analyzer))
    }
}

/// A token stream over tokens analysed up front.
pub struct VecTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl tantivy_tokenizer_api::Tokenizer for WartaTokenizer {
    type TokenStream<'a> = VecTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream<'a> {
        let len = self
            .analyzer
            .analyze_reusing(text, &mut self.scratch, &mut self.tokens);
        VecTokenStream {
            tokens: &mut self.tokens[..len],
            next: 0,
        }
    }
}

impl tantivy_tokenizer_api::TokenStream for VecTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
