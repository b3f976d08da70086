//! Indonesian stemmer: Enhanced Confix Stripping (ECS) with a root dictionary.
//!
//! The stemmer removes Indonesian prefixes (`me-`, `di-`, `ber-`, `ter-`,
//! `pe-`, `ke-`, `se-`, `per-` with their nasal forms and recoding, e.g.
//! `menyapu → sapu`), suffixes (`-kan`, `-an`, `-i`), particles (`-lah`,
//! `-kah`, `-tah`, `-pun`), possessives (`-ku`, `-mu`, `-nya`), confixes and
//! reduplication (`anak-anak`, `anak2`), and only accepts a result when it is
//! a dictionary root. A word for which no analysis reaches a root is treated
//! as not Indonesian: [`IndonesianStemmer::stem`] returns `None`, and the
//! caller can try English stemming instead.
//!
//! The built-in dictionary is the Sastrawi root list (MIT, see
//! `crates/analysis/data/README.md`); a small built-in exception list fixes
//! gaps, and users can add their own exception file.

mod affix;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

use rustc_hash::FxHasher;

type FxBuild = BuildHasherDefault<FxHasher>;
type FxSet = std::collections::HashSet<Box<[u8]>, FxBuild>;

/// The built-in root dictionary (Sastrawi `kata-dasar.txt`), one root a line.
const ROOT_WORDS: &str = include_str!("../data/root_words_id.txt");
/// The built-in exceptions, in the exception file format.
const BUILTIN_EXCEPTIONS: &str = include_str!("../data/exceptions_id.tsv");

/// Errors from loading an exception file.
#[derive(Debug, thiserror::Error)]
pub enum StemError {
    /// The exception file could not be read.
    #[error("cannot read exception file {path}: {source}")]
    Io {
        /// The file's path.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line of the exception file is not `word<TAB>root` or `word`.
    #[error("exception file {source_name}, line {line}: {message}")]
    Malformed {
        /// The file's path (or `built-in`).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
}

/// Indonesian confix-stripping stemmer (Enhanced Confix Stripping family), dictionary-checked.
///
/// `Send + Sync`; build it once and share it (e.g. behind an `Arc`).
#[derive(Clone, Debug)]
pub struct IndonesianStemmer {
    roots: Dict,
    /// word → root; `None` keeps the word whole.
    exceptions: HashMap<Box<str>, Option<Box<str>>, FxBuild>,
    /// The exceptions added beyond the built-in ones: how many, and a
    /// digest of them that does not depend on their order.
    added: (usize, u64),
}

/// FNV-1a, a digest that stays the same from build to build (std's hasher
/// may change between Rust releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Debug, Default)]
struct Dict(FxSet);

impl affix::Roots for Dict {
    #[inline]
    fn has(&self, w: &[u8]) -> bool {
        self.0.contains(w)
    }
}

impl Default for IndonesianStemmer {
    fn default() -> Self {
        Self::new()
    }
}

/// One parsed exception line: (word, root or keep-whole).
type ExceptionLine<'a> = (&'a str, Option<&'a str>);

/// Parse the exception format: `word<TAB>root` or a lone `word`; `#` comments
/// and blank lines are ignored.
fn parse_exceptions<'a>(
    text: &'a str,
    source_name: &str,
) -> Result<Vec<ExceptionLine<'a>>, StemError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        let bad = |message: &str| StemError::Malformed {
            source_name: source_name.to_string(),
            line: i + 1,
            message: message.to_string(),
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let word = fields.next().unwrap_or("").trim();
        let root = fields.next().map(str::trim);
        if fields.next().is_some() {
            return Err(bad("more than two tab-separated fields"));
        }
        if word.is_empty() {
            return Err(bad("empty word"));
        }
        if word.chars().any(char::is_whitespace) {
            return Err(bad(
                "word contains whitespace (separate word and root with a TAB)",
            ));
        }
        let root = match root {
            None => None,
            Some("") => return Err(bad("empty root after TAB")),
            Some(r) if r.chars().any(char::is_whitespace) => {
                return Err(bad("root contains whitespace"))
            }
            Some(r) => Some(r),
        };
        out.push((word, root));
    }
    Ok(out)
}

impl IndonesianStemmer {
    /// A stemmer with the built-in root dictionary and built-in exceptions.
    pub fn new() -> Self {
        let mut roots = FxSet::with_capacity_and_hasher(32_768, FxBuild::default());
        for w in ROOT_WORDS.lines() {
            let w = w.trim();
            if !w.is_empty() && !w.starts_with('#') {
                roots.insert(w.as_bytes().into());
            }
        }
        let mut s = IndonesianStemmer {
            roots: Dict(roots),
            exceptions: HashMap::default(),
            added: (0, 0),
        };
        // The built-in file is checked by a unit test; a bad line cannot get here.
        if let Ok(lines) = parse_exceptions(BUILTIN_EXCEPTIONS, "built-in") {
            for (w, r) in lines {
                s.insert_exception(w, r);
            }
        }
        s
    }

    /// How many exceptions were added beyond the built-in ones, and a
    /// digest of them (independent of their order): an index records these
    /// so that it is never searched with other exceptions than it was
    /// built with.
    pub fn added_exceptions(&self) -> (usize, u64) {
        self.added
    }

    /// Add the exceptions of a user file (`word<TAB>root` or `word` to keep
    /// it whole; `#` comments and blank lines ignored). Returns how many
    /// exceptions were read. On a malformed line nothing is added and the
    /// error names the line number.
    pub fn load_exceptions(&mut self, path: &Path) -> Result<usize, StemError> {
        let text = std::fs::read_to_string(path).map_err(|source| StemError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let lines = parse_exceptions(&text, &path.display().to_string())?;
        for &(w, r) in &lines {
            self.add_exception(w, r);
        }
        Ok(lines.len())
    }

    /// Add one exception: `word` stems to `root`, or is kept whole when
    /// `root` is `None`. The root (or the kept word) also becomes a
    /// dictionary root, so other affixed forms of it are recognised too.
    /// Words are lowercased.
    pub fn add_exception(&mut self, word: &str, root: Option<&str>) {
        let line = format!(
            "{}\t{}",
            word.to_lowercase(),
            root.unwrap_or("").to_lowercase()
        );
        let (count, digest) = self.added;
        self.added = (count + 1, digest.wrapping_add(fnv1a(line.as_bytes())));
        self.insert_exception(word, root);
    }

    fn insert_exception(&mut self, word: &str, root: Option<&str>) {
        let word = word.to_lowercase();
        let root = root.map(str::to_lowercase);
        let new_root = root.as_deref().unwrap_or(&word);
        self.roots.0.insert(new_root.as_bytes().into());
        self.exceptions
            .insert(word.into_boxed_str(), root.map(String::into_boxed_str));
    }

    /// Whether `word` is a root in the dictionary (built-in or added through exceptions).
    pub fn is_root(&self, word: &str) -> bool {
        self.roots.0.contains(word.as_bytes())
    }

    /// The number of roots in the dictionary.
    pub fn root_count(&self) -> usize {
        self.roots.0.len()
    }

    /// Stem an Indonesian word.
    ///
    /// `word` is already lowercased and diacritic-folded (a-z, digits, may
    /// contain `-` for reduplication). Returns `Some(root)` when the word is
    /// recognised as Indonesian (it is a dictionary root, an exception, or
    /// affix removal reaches a dictionary root), `None` when it is not (an
    /// English word, a name, an acronym): the caller then applies English
    /// stemming or keeps it whole. Never panics; the empty string gives `None`.
    pub fn stem(&self, word: &str) -> Option<String> {
        if word.is_empty() {
            return None;
        }
        if let Some(e) = self.exceptions.get(word) {
            return Some(e.as_deref().unwrap_or(word).to_string());
        }
        if self.is_root(word) {
            return Some(word.to_string());
        }
        let b = word.as_bytes();
        if b.len() > affix::MAX_WORD * 2 + 1 {
            return None;
        }
        if b.contains(&b'-') {
            return self.stem_reduplicated(word);
        }
        if b.iter().all(u8::is_ascii_lowercase) {
            return self.stem_plain(b);
        }
        // `anak2`, `anak2nya`: the digit 2 marks reduplication.
        if let Some(pos) = b.iter().position(|&c| c == b'2') {
            let (left, right) = (&b[..pos], &b[pos + 1..]);
            if left.len() >= 2
                && left.iter().all(u8::is_ascii_lowercase)
                && right.iter().all(u8::is_ascii_lowercase)
            {
                let joined = affix::Buf::new(left, right)?;
                let joined = std::str::from_utf8(joined.as_bytes()).ok()?;
                if self.is_root(joined) {
                    return Some(joined.to_string());
                }
                if let Some(r) = self.stem_plain(joined.as_bytes()) {
                    return Some(r);
                }
                return self.stem_plain_or_root(left);
            }
        }
        None
    }

    /// A plain a-z word that is not itself a root or exception.
    fn stem_plain(&self, b: &[u8]) -> Option<String> {
        let r =
            affix::analyze(&self.roots, b).or_else(|| affix::analyze_informal(&self.roots, b))?;
        std::str::from_utf8(r.as_bytes()).ok().map(str::to_string)
    }

    fn stem_plain_or_root(&self, b: &[u8]) -> Option<String> {
        let s = std::str::from_utf8(b).ok()?;
        if let Some(e) = self.exceptions.get(s) {
            return Some(e.as_deref().unwrap_or(s).to_string());
        }
        if self.roots.has_bytes(b) {
            return Some(s.to_string());
        }
        if b.iter().all(u8::is_ascii_lowercase) {
            self.stem_plain(b)
        } else {
            None
        }
    }

    /// `anak-anak`, `berlari-lari`, `sayur-mayur`, `anak-anaknya`: the first
    /// part that stems to a root gives the root.
    fn stem_reduplicated(&self, word: &str) -> Option<String> {
        word.split('-')
            .filter(|p| !p.is_empty())
            .take(4)
            .find_map(|p| self.stem_plain_or_root(p.as_bytes()))
    }
}

impl Dict {
    fn has_bytes(&self, b: &[u8]) -> bool {
        self.0.contains(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_exceptions_parse() {
        assert!(parse_exceptions(BUILTIN_EXCEPTIONS, "built-in").is_ok());
    }

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<IndonesianStemmer>();
    }

    #[test]
    fn basics() {
        let s = IndonesianStemmer::new();
        assert_eq!(s.stem("").as_deref(), None);
        assert_eq!(s.stem("menyapu").as_deref(), Some("sapu"));
        assert_eq!(s.stem("berikan").as_deref(), Some("beri"));
        assert_eq!(s.stem("anak2nya").as_deref(), Some("anak"));
    }
}
