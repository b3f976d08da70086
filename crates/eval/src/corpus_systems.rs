//! The systems built over the whole corpus, for the known-item and graded
//! evaluations: Warta (and with one analysis choice off), bare Tantivy with
//! title and body in one field, and BM25 over separate fields.

use crate::data::Shared;
use crate::graded;
use crate::known_item::{self, KINDS};
use crate::metrics::Mean;
use crate::systems::{build_warta, Bare, Layout, Ranker, Warta};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use warta_analysis::stem_id::IndonesianStemmer;
use warta_analysis::{Analyzer, AnalyzerOptions};
use warta_ingest::Article;
use warta_search::{MatchMode, TantivyEngine, Translate, Tuning};

/// Every system over the corpus.
pub struct CorpusSystems {
    articles: Vec<Article>,
    warta: TantivyEngine,
    no_indonesian: TantivyEngine,
    no_english: TantivyEngine,
    one_field: Bare,
    fields: Bare,
}

/// A row of a results table: the system, then its figures.
type Row = (String, Vec<Mean>);

impl CorpusSystems {
    /// Builds every system's index of the corpus under `work`.
    pub fn build(shared: &Shared, work: &Path) -> Result<CorpusSystems> {
        let articles = shared.corpus(None);
        eprintln!("{} articles", articles.len());
        let warta_with = |name: &str, options: AnalyzerOptions| {
            let analyzer = Arc::new(Analyzer::with_options(IndonesianStemmer::new(), options));
            eprintln!("building {name}");
            build_warta(&work.join(name), analyzer, &articles)
        };
        let on = AnalyzerOptions::default();
        let warta = warta_with("warta", on)?;
        let no_indonesian = warta_with(
            "warta-no-id",
            AnalyzerOptions {
                indonesian: false,
                ..on
            },
        )?;
        let no_english = warta_with(
            "warta-no-en",
            AnalyzerOptions {
                english: false,
                ..on
            },
        )?;
        eprintln!("building bare Tantivy");
        let one_field = Bare::build(&work.join("bare-one"), &articles, Layout::OneField)?;
        let fields = Bare::build(&work.join("bare-fields"), &articles, Layout::SeparateFields)?;
        Ok(CorpusSystems {
            articles,
            warta,
            no_indonesian,
            no_english,
            one_field,
            fields,
        })
    }

    /// The baselines and Warta's variants, each in both match modes, as
    /// (name, ranker) — Warta's ranking choices are measured apart.
    fn rankers(&self) -> Vec<(String, Box<dyn Ranker + '_>)> {
        let mut out: Vec<(String, Box<dyn Ranker + '_>)> = Vec::new();
        for (mode, all) in [("all words", true), ("any word", false)] {
            let bare = |b: &Bare| {
                if all {
                    b.all_words()
                } else {
                    b.all_words_off()
                }
            };
            out.push((
                format!("bare Tantivy, title+body one field ({mode})"),
                Box::new(bare(&self.one_field)),
            ));
            out.push((
                format!("BM25, title and body fields ({mode})"),
                Box::new(bare(&self.fields)),
            ));
            let match_mode = if all { MatchMode::All } else { MatchMode::Any };
            let warta = |engine, xl| Warta {
                engine,
                match_mode,
                xl,
            };
            out.push((
                format!("Warta ({mode})"),
                Box::new(warta(&self.warta, Translate::Auto)),
            ));
            out.push((
                format!("Warta, xl=off ({mode})"),
                Box::new(warta(&self.warta, Translate::Off)),
            ));
            out.push((
                format!("Warta, no Indonesian stemmer ({mode})"),
                Box::new(warta(&self.no_indonesian, Translate::Auto)),
            ));
            out.push((
                format!("Warta, no English stemmer ({mode})"),
                Box::new(warta(&self.no_english, Translate::Auto)),
            ));
        }
        out
    }

    /// Prints the known-item table: held-out MRR@10 per query length, and
    /// the tuning part's beside it.
    pub fn known_item(&mut self, shared: &Shared, data: &Path) -> Result<()> {
        let queries = known_item::queries(shared, &data.join("known_item_queries.tsv"))?;
        let held = queries.iter().filter(|q| q.held_out).count();
        let figures = |ranker: &dyn Ranker| {
            let scores = known_item::score(ranker, &queries);
            let mut figures: Vec<Mean> = scores.by_kind.iter().map(|k| k.1).collect();
            figures.push(scores.held_out.0);
            figures.push(scores.held_out.1);
            figures.push(Mean::of(
                &scores.by_kind.iter().map(|k| k.3.value).collect::<Vec<_>>(),
            ));
            figures
        };
        let mut rows: Vec<Row> = Vec::new();
        for (name, ranker) in self.rankers() {
            eprintln!("  known-item: {name}");
            rows.push((name, figures(ranker.as_ref())));
        }
        for (label, tuning) in tunings() {
            self.warta.set_tuning(tuning);
            for (mode, match_mode) in [("all words", MatchMode::All), ("any word", MatchMode::Any)]
            {
                let ranker = Warta {
                    engine: &self.warta,
                    match_mode,
                    xl: Translate::Auto,
                };
                rows.push((format!("Warta, {label} ({mode})"), figures(&ranker)));
            }
        }
        self.warta.set_tuning(Tuning::default());
        println!(
            "\n### Known-item search: {} hand-written queries, {held} held out ({} articles)\n",
            queries.len(),
            self.articles.len()
        );
        let mut header = String::from("| system |");
        for kind in KINDS {
            header.push_str(&format!(" {kind} MRR@10 |"));
        }
        header.push_str(" held-out MRR@10 | held-out recall@10 | tuning part MRR@10 |");
        println!("{header}");
        println!("|---|{}", "---:|".repeat(KINDS.len() + 3));
        print_rows(&rows);
        Ok(())
    }

    /// Writes the pool of the graded sets for judging.
    pub fn pool(&self, data: &Path) -> Result<()> {
        let topics = graded::topics(&data.join("graded/queries.tsv"))?;
        let by_id: HashMap<String, &Article> =
            self.articles.iter().map(|a| (a.id.clone(), a)).collect();
        let rankers = self.rankers();
        let refs: Vec<(&str, &dyn Ranker)> = rankers
            .iter()
            .map(|(name, ranker)| (name.as_str(), ranker.as_ref()))
            .collect();
        let lines = graded::pool(&topics, &refs, &by_id);
        let out = data.join("graded/pool.tsv");
        std::fs::write(&out, lines.join("\n") + "\n").with_context(|| out.display().to_string())?;
        eprintln!(
            "wrote {} pooled judgments to make into {}",
            lines.len() - 1,
            out.display()
        );
        Ok(())
    }

    /// Prints nDCG@10 per set for every system.
    pub fn graded(&self, data: &Path) -> Result<()> {
        let topics = graded::topics(&data.join("graded/queries.tsv"))?;
        let judged = graded::judgments(&data.join("graded/qrels.tsv"))?;
        let mut sets: Vec<String> = topics.iter().map(|t| t.set.clone()).collect();
        sets.sort();
        sets.dedup();
        println!("\n### Graded topics: nDCG@10 (judged share of the top 10 in brackets)\n");
        println!("| system | {} |", sets.join(" | "));
        println!("|---|{}", "---:|".repeat(sets.len()));
        for (name, ranker) in self.rankers() {
            let scores = graded::score(ranker.as_ref(), &topics, &judged);
            let cells: Vec<String> = scores
                .iter()
                .map(|(_, mean, coverage)| format!("{:.3} ({:.0} %)", mean.value, 100.0 * coverage))
                .collect();
            println!("| {name} | {} |", cells.join(" | "));
        }
        Ok(())
    }
}

/// Warta's ranking choices changed one at a time from its defaults.
fn tunings() -> Vec<(&'static str, Tuning)> {
    let tuned = Tuning::default();
    vec![
        (
            "title boost 1",
            Tuning {
                title_boost: 1.0,
                ..tuned
            },
        ),
        (
            "stem weight 1",
            Tuning {
                stem_weight: 1.0,
                ..tuned
            },
        ),
        (
            "stopwords kept",
            Tuning {
                drop_stopwords: false,
                ..tuned
            },
        ),
        (
            "other language at 0.8",
            Tuning {
                other_language_share: 0.8,
                ..tuned
            },
        ),
        (
            "other language at 1",
            Tuning {
                other_language_share: 1.0,
                ..tuned
            },
        ),
        (
            "any words without coordination levels",
            Tuning {
                coordinate_any: false,
                ..tuned
            },
        ),
        (
            "other language by raw score",
            Tuning {
                other_language_share: 0.0,
                ..tuned
            },
        ),
    ]
}

fn print_rows(rows: &[Row]) {
    for (name, figures) in rows {
        let cells: Vec<String> = figures.iter().map(|m| format!("{:.3}", m.value)).collect();
        println!("| {name} | {} |", cells.join(" | "));
    }
}
