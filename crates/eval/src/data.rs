//! The shared evaluation data, read from `../shared` (never copied).

use anyhow::{Context, Result};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use warta_analysis::langid::Lang;
use warta_ingest::{read_sources, Article, Item};

/// Where `../shared` is, and its parts.
#[derive(Clone)]
pub struct Shared {
    root: PathBuf,
}

impl Shared {
    /// The shared directory at `root`.
    pub fn new(root: &Path) -> Shared {
        Shared {
            root: root.to_path_buf(),
        }
    }

    /// The shared directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A file of `eval-data/`.
    pub fn eval(&self, name: &str) -> PathBuf {
        self.root.join("eval-data").join(name)
    }

    /// The corpus's articles, of `lang` only when given.
    pub fn corpus(&self, lang: Option<Lang>) -> Vec<Article> {
        read_sources(&[self.root.join("corpus")])
            .filter_map(|item| match item {
                Item::Article(a) if lang.is_none_or(|l| a.lang == l) => Some(*a),
                _ => None,
            })
            .collect()
    }
}

/// An article with just an id, a language and a text (parallel text).
pub fn article(id: String, lang: Lang, title: &str, body: &str) -> Article {
    Article {
        path: format!("eval:{id}"),
        id,
        title: title.to_string(),
        body: body.to_string(),
        original: None,
        date: None,
        source: None,
        url: None,
        lang,
    }
}

/// One PUD news document in both languages, and its first sentences.
pub struct PudDoc {
    /// The document id (`n01001`).
    pub id: String,
    /// The English text.
    pub en: String,
    /// The Indonesian text.
    pub id_text: String,
    /// The English first sentence.
    pub en_first: String,
    /// The Indonesian first sentence.
    pub id_first: String,
}

/// PUD's news documents (`parallel_pud_docs_en_id.jsonl`), with the first
/// sentence of each from `parallel_pud_en_id.tsv`.
pub fn pud(shared: &Shared) -> Result<Vec<PudDoc>> {
    let sentences = std::fs::read_to_string(shared.eval("parallel_pud_en_id.tsv"))
        .context("parallel_pud_en_id.tsv")?;
    let mut first: HashMap<String, (String, String, String)> = HashMap::new();
    for line in sentences.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let (sentence, doc, en, id) = (cols[0], cols[2], cols[3], cols[4]);
        let entry = first
            .entry(doc.to_string())
            .or_insert_with(|| (sentence.to_string(), en.to_string(), id.to_string()));
        if sentence < entry.0.as_str() {
            *entry = (sentence.to_string(), en.to_string(), id.to_string());
        }
    }
    let docs = std::fs::read_to_string(shared.eval("parallel_pud_docs_en_id.jsonl"))
        .context("parallel_pud_docs_en_id.jsonl")?;
    let mut out = Vec::new();
    for line in docs.lines().filter(|l| !l.trim().is_empty()) {
        let value: serde_json::Value = serde_json::from_str(line)?;
        let text = |key: &str| value[key].as_str().unwrap_or_default().to_string();
        let id = text("doc_id");
        let Some((_, en_first, id_first)) = first.get(&id).cloned() else {
            continue;
        };
        out.push(PudDoc {
            en: text("en"),
            id_text: text("id"),
            id,
            en_first,
            id_first,
        });
    }
    Ok(out)
}

/// PANL-BPPT's sentence pairs (English, Indonesian) whose lengths agree
/// (neither side under half the other's words): the collection has pairs
/// cut short on one side, which no system could match. Read to measure
/// only: PANL states no licence.
pub fn panl(shared: &Shared) -> Result<Vec<(String, String)>> {
    let file = std::fs::File::open(shared.eval("parallel_panl_bppt_en_id.tsv.gz"))
        .context("parallel_panl_bppt_en_id.tsv.gz")?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut pairs = Vec::new();
    for line in reader.lines().skip(1) {
        let line = line?;
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            continue;
        }
        let (en, id) = (cols[2].trim(), cols[3].trim());
        let (a, b) = (en.split_whitespace().count(), id.split_whitespace().count());
        if a >= 4 && b >= 4 && a <= 2 * b && b <= 2 * a {
            pairs.push((en.to_string(), id.to_string()));
        }
    }
    Ok(pairs)
}

/// Renderings of each surface word in the other language.
pub type Renderings = HashMap<String, Vec<String>>;

/// The shipped lexicon's renderings by surface word, every sense alike,
/// English → Indonesian and back: what a dictionary lookup gives a bare
/// engine.
pub fn dictionary(lexicon: &Path) -> Result<(Renderings, Renderings)> {
    let text = std::fs::read_to_string(lexicon).with_context(|| lexicon.display().to_string())?;
    let mut en_id = Renderings::new();
    let mut id_en = Renderings::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols[0] == cols[1] {
            continue;
        }
        if !cols[0].contains(' ') {
            en_id
                .entry(cols[0].to_string())
                .or_default()
                .push(cols[1].to_string());
        }
        if !cols[1].contains(' ') {
            id_en
                .entry(cols[1].to_string())
                .or_default()
                .push(cols[0].to_string());
        }
    }
    Ok((en_id, id_en))
}
