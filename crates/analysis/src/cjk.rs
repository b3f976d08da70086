//! Japanese (and Chinese) word segmentation with lindera, its dictionary
//! loaded from disk.
//!
//! Runs of CJK characters carry no spaces between words. Without help they
//! are indexed as overlapping character bigrams (`東京都` → `東京`, `京都`),
//! which finds every word at the price of noise. With the `cjk` cargo feature
//! and a lindera dictionary built from mecab-ipadic (see
//! `scripts/build-cjk-dict.sh`), a [`CjkSegmenter`] splits each run into
//! dictionary words instead (`東京都に住んでいます` → `東京`, `都`, `に`, …).
//!
//! ipadic is a Japanese dictionary: Hangul has no entries in it, so Korean
//! runs keep character bigrams even when a dictionary is loaded.
//!
//! The dictionary is never embedded in the binary (lindera's `embed-*`
//! features download it at build time); its directory comes from
//! [`cjk_dict_from_env`] or the command line.

use std::path::{Path, PathBuf};

/// The environment variable naming the lindera dictionary directory.
pub const CJK_DICT_ENV: &str = "WARTA_CJK_DICT";

/// Why a CJK dictionary could not be loaded or built.
#[derive(Debug, thiserror::Error)]
pub enum CjkError {
    /// This build of Warta has no lindera (the `cjk` feature is off).
    #[error("CJK segmentation needs Warta built with the `cjk` feature (dictionary: {0})")]
    NotCompiled(PathBuf),
    /// The dictionary directory does not exist or is not a directory.
    #[error("no CJK dictionary at {0}: run scripts/build-cjk-dict.sh")]
    Missing(PathBuf),
    /// lindera refused the dictionary (incomplete, corrupt or of another
    /// lindera format version).
    #[error("cannot load the CJK dictionary at {path}: {message}")]
    Load {
        /// The dictionary directory.
        path: PathBuf,
        /// lindera's explanation.
        message: String,
    },
    /// Building a dictionary from mecab-ipadic sources failed.
    #[error("cannot build a CJK dictionary from {source_dir} into {out_dir}: {message}")]
    Build {
        /// The mecab-ipadic source directory (CSV and `.def` files).
        source_dir: PathBuf,
        /// Where the dictionary was to be written.
        out_dir: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// The dictionary directory named by `WARTA_CJK_DICT`, when it is set and
/// not empty. Whether it holds a dictionary is for
/// [`CjkSegmenter::from_dir`] to say.
pub fn cjk_dict_from_env() -> Option<PathBuf> {
    std::env::var_os(CJK_DICT_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// True for Hangul, which the Japanese dictionary does not cover.
fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF)
}

/// Overlapping character bigrams of `run` as byte ranges, starting at `base`
/// (a single character is its own range): the fallback segmentation.
pub fn bigram_ranges(run: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    match chars.as_slice() {
        [] => {}
        [(_, c)] => out.push((base, base + c.len_utf8())),
        _ => out.extend(
            chars
                .windows(2)
                .map(|w| (base + w[0].0, base + w[1].0 + w[1].1.len_utf8())),
        ),
    }
}

impl crate::Analyzer {
    /// Segments CJK runs into `segmenter`'s dictionary words instead of
    /// character bigrams. The index and its queries must agree: an index
    /// built with one segmentation is searched with the same.
    pub fn with_cjk(mut self, segmenter: CjkSegmenter) -> Self {
        self.cjk = Some(segmenter);
        self
    }

    /// Whether CJK runs are segmented with a dictionary (else bigrams).
    pub fn has_cjk_dictionary(&self) -> bool {
        self.cjk.is_some()
    }
}

/// Splits CJK runs into dictionary words with lindera.
///
/// Loaded once per process and shared (through the [`crate::Analyzer`]) by
/// every indexing and query thread.
pub struct CjkSegmenter {
    #[cfg(feature = "cjk")]
    segmenter: lindera::segmenter::Segmenter,
    #[cfg(not(feature = "cjk"))]
    never: std::convert::Infallible,
}

impl std::fmt::Debug for CjkSegmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CjkSegmenter").finish_non_exhaustive()
    }
}

impl CjkSegmenter {
    /// Loads a lindera dictionary (as written by
    /// `scripts/build-cjk-dict.sh`) from `dir`.
    ///
    /// Fails with [`CjkError::NotCompiled`] when Warta was built without the
    /// `cjk` feature, so that asking for a dictionary is never silently
    /// ignored.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self, CjkError> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(CjkError::Missing(dir.to_path_buf()));
        }
        Self::load(dir)
    }

    #[cfg(feature = "cjk")]
    fn load(dir: &Path) -> Result<Self, CjkError> {
        use lindera::dictionary::load_fs_dictionary;
        use lindera::mode::Mode;
        use lindera::segmenter::Segmenter;

        let dictionary = load_fs_dictionary(dir).map_err(|e| CjkError::Load {
            path: dir.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(CjkSegmenter {
            segmenter: Segmenter::new(Mode::Normal, dictionary, None),
        })
    }

    #[cfg(not(feature = "cjk"))]
    fn load(dir: &Path) -> Result<Self, CjkError> {
        Err(CjkError::NotCompiled(dir.to_path_buf()))
    }

    /// The words of a CJK run (as [`crate::segment`] yields it) as byte
    /// ranges within `run`, in order, each on character boundaries.
    ///
    /// Hangul stretches, which the Japanese dictionary does not know, come
    /// back as overlapping character bigrams; so does any stretch lindera
    /// fails on.
    pub fn segment(&self, run: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut hangul = None;
        for (i, c) in run.char_indices() {
            let h = is_hangul(c);
            if hangul.is_some_and(|prev| prev != h) {
                self.segment_stretch(&run[start..i], start, hangul == Some(true), &mut out);
                start = i;
            }
            hangul = Some(h);
        }
        if start < run.len() {
            self.segment_stretch(&run[start..], start, hangul == Some(true), &mut out);
        }
        out
    }

    fn segment_stretch(
        &self,
        stretch: &str,
        base: usize,
        hangul: bool,
        out: &mut Vec<(usize, usize)>,
    ) {
        if hangul {
            bigram_ranges(stretch, base, out);
            return;
        }
        match self.words(stretch) {
            Some(words) => out.extend(words.into_iter().map(|(a, b)| (base + a, base + b))),
            None => bigram_ranges(stretch, base, out),
        }
    }

    /// lindera's words for `text`, or `None` when it fails or gives ranges
    /// that do not tile the text on character boundaries.
    #[cfg(feature = "cjk")]
    fn words(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        let tokens = self
            .segmenter
            .segment(std::borrow::Cow::Borrowed(text))
            .ok()?;
        let words: Vec<(usize, usize)> = tokens
            .iter()
            .map(|t| (t.byte_start, t.byte_end))
            .filter(|(a, b)| a < b)
            .collect();
        let sane = words
            .iter()
            .all(|&(a, b)| b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b))
            && words.windows(2).all(|w| w[0].1 <= w[1].0);
        (sane && !words.is_empty()).then_some(words)
    }

    #[cfg(not(feature = "cjk"))]
    fn words(&self, _text: &str) -> Option<Vec<(usize, usize)>> {
        match self.never {}
    }

    /// Builds a lindera dictionary from Debian's mecab-ipadic sources
    /// (`/usr/share/mecab/dic/ipadic`: EUC-JP CSV files, `matrix.def`,
    /// `char.def`, `unk.def`) into `out_dir`, with lindera's own builder and
    /// lindera's ipadic schema. Takes about a minute and a few hundred MB of
    /// memory.
    #[cfg(feature = "cjk")]
    pub fn build_ipadic(source_dir: &Path, out_dir: &Path) -> Result<(), CjkError> {
        use lindera::dictionary::{DictionaryBuilder, Metadata};

        let fail = |message: String| CjkError::Build {
            source_dir: source_dir.to_path_buf(),
            out_dir: out_dir.to_path_buf(),
            message,
        };
        if !source_dir.join("matrix.def").is_file() {
            return Err(fail(
                "no matrix.def there: install Debian's mecab-ipadic".to_string(),
            ));
        }
        let metadata =
            Metadata::load(IPADIC_EUCJP_METADATA.as_bytes()).map_err(|e| fail(e.to_string()))?;
        DictionaryBuilder::new(metadata)
            .build_dictionary(source_dir, out_dir)
            .map_err(|e| fail(e.to_string()))
    }
}

/// lindera-ipadic 6.2's `metadata.json`, except for the encoding: Debian
/// ships mecab-ipadic 2.7.0-20070801 in its original EUC-JP, where lindera's
/// own download is a UTF-8 conversion.
#[cfg(feature = "cjk")]
const IPADIC_EUCJP_METADATA: &str = r#"{
  "name": "ipadic",
  "encoding": "EUC-JP",
  "default_word_cost": -10000,
  "default_left_context_id": 0,
  "default_right_context_id": 0,
  "default_field_value": "*",
  "flexible_csv": true,
  "skip_invalid_cost_or_id": false,
  "normalize_details": true,
  "dictionary_schema": {
    "fields": [
      "surface", "left_context_id", "right_context_id", "cost",
      "part_of_speech", "part_of_speech_subcategory_1",
      "part_of_speech_subcategory_2", "part_of_speech_subcategory_3",
      "conjugation_form", "conjugation_type", "base_form", "reading",
      "pronunciation"
    ]
  },
  "user_dictionary_schema": {
    "fields": ["surface", "part_of_speech", "reading"]
  }
}"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_of_a_run() {
        let mut out = Vec::new();
        bigram_ranges("東京都", 0, &mut out);
        assert_eq!(out, vec![(0, 6), (3, 9)]);
        out.clear();
        bigram_ranges("都", 5, &mut out);
        assert_eq!(out, vec![(5, 8)]);
    }

    #[test]
    fn missing_dictionary_is_an_error() {
        let err = CjkSegmenter::from_dir("/nonexistent/cjk-dict").unwrap_err();
        assert!(matches!(err, CjkError::Missing(_)), "{err}");
        assert!(err.to_string().contains("build-cjk-dict.sh"));
    }
}
