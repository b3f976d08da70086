//! Analysis alone, Warta against bare Tantivy: the same texts held in
//! memory, run through Warta's tokenizer and through Tantivy's `default`
//! tokenizer, passes alternated, medians reported. It isolates the share of
//! indexing time that is analysis, which the build comparison cannot.

use crate::corpus::Replicated;
use crate::stats::median;
use anyhow::{Context, Result};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::time::Instant;
use tantivy::tokenizer::{TextAnalyzer, TokenStream, TokenizerManager};
use warta_analysis::WartaTokenizer;

/// What one pass of one analyzer produced: tokens, and bytes of token text
/// (summed so that the work cannot be optimised away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PassOutput {
    tokens: u64,
    term_bytes: u64,
}

/// Runs every text through `analyzer` once.
fn pass(analyzer: &mut TextAnalyzer, texts: &[String]) -> PassOutput {
    let mut out = PassOutput {
        tokens: 0,
        term_bytes: 0,
    };
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.tokens += 1;
            out.term_bytes += stream.token().text.len() as u64;
        }
    }
    out
}

/// A hash of every token of every text (term, offsets, position): equal
/// digests from two builds mean an optimisation left the analysis as it was.
fn digest(analyzer: &mut TextAnalyzer, texts: &[String]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            (
                &token.text,
                token.offset_from,
                token.offset_to,
                token.position,
            )
                .hash(&mut hasher);
        }
        // Marks where each text ends, so tokens cannot shift between texts.
        u8::MAX.hash(&mut hasher);
    }
    hasher.finish()
}

/// Loads the first `articles` articles of the corpus (titles and bodies as
/// separate texts, as the indexer sees them), then times `passes` passes of
/// each analyzer and prints a table.
pub fn run(corpus: &Path, articles: u64, passes: usize) -> Result<()> {
    let files = crate::corpus::corpus_files(corpus)?;
    let mut texts = Vec::new();
    for article in Replicated::new(&files, Some(articles), "r") {
        texts.push(article.title);
        texts.push(article.body);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut warta = TextAnalyzer::from(WartaTokenizer::new(crate::warta::analyzer()));
    let mut tantivy = TokenizerManager::default()
        .get("default")
        .context("Tantivy's default tokenizer is registered")?;
    // One untimed pass each, so both start warm (Warta's stem memo included).
    let warta_out = pass(&mut warta, &texts);
    let tantivy_out = pass(&mut tantivy, &texts);
    let (mut warta_s, mut tantivy_s) = (Vec::new(), Vec::new());
    for _ in 0..passes.max(1) {
        let t = Instant::now();
        pass(&mut warta, &texts);
        warta_s.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        pass(&mut tantivy, &texts);
        tantivy_s.push(t.elapsed().as_secs_f64());
    }
    let warta_digest = digest(&mut warta, &texts);
    let (w, b) = (median(&warta_s), median(&tantivy_s));
    let mb = bytes as f64 / 1e6;
    println!(
        "{} texts, {mb:.1} MB; median of {} passes\n",
        texts.len(),
        warta_s.len()
    );
    println!("| | Warta | Tantivy default | Warta/Tantivy |");
    println!("|---|---:|---:|---:|");
    println!("| time per pass (s) | {w:.3} | {b:.3} | {:.2} |", w / b);
    println!("| MB/s | {:.1} | {:.1} | {:.2} |", mb / w, mb / b, b / w);
    println!(
        "| tokens | {} | {} | {:.2} |",
        warta_out.tokens,
        tantivy_out.tokens,
        warta_out.tokens as f64 / tantivy_out.tokens as f64
    );
    println!("\nWarta token digest (terms, offsets, positions): {warta_digest:016x}");
    Ok(())
}
