//! `warta-eval`: retrieval quality, measured on the public data of
//! `../shared` and on query sets written by hand (`crates/eval/data`), with
//! bare Tantivy over the same articles beside Warta.
//!
//!     cargo run --release -p warta-eval -- xl            # cross-lingual (PUD, PANL)
//!     cargo run --release -p warta-eval -- known-item    # hand-written known-item queries
//!     cargo run --release -p warta-eval -- pool          # the graded sets' pool to judge
//!     cargo run --release -p warta-eval -- graded        # nDCG@10 on the judged sets
//!     cargo run --release -p warta-eval -- typo-set    # writes the misspelled set
//!     cargo run --release -p warta-eval -- typos       # typo tolerance on it
//!     cargo run --release -p warta-eval -- all           # known-item, graded and xl

mod copies;
mod corpus_systems;
mod data;
mod graded;
mod known_item;
mod metrics;
mod systems;
mod typos;
mod xl;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "warta-eval",
    about = "Measures Warta's retrieval quality against bare Tantivy"
)]
struct Cli {
    /// The shared data directory (corpus and eval-data).
    #[arg(long, global = true, default_value = "../shared")]
    shared: PathBuf,
    /// The hand-written query sets and judgments.
    #[arg(long, global = true, default_value = "crates/eval/data")]
    data: PathBuf,
    /// The lexicon the dictionary baseline expands with.
    #[arg(
        long,
        global = true,
        default_value = "crates/search/data/lexicon/en_id.tsv"
    )]
    lexicon: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Cross-lingual retrieval: PUD documents and PANL sentences, both
    /// directions; Warta with and without translation, bare Tantivy, and
    /// bare Tantivy with every dictionary sense.
    Xl,
    /// Known-item search with the hand-written queries (2, 3, 5 words and a
    /// sentence), held-out and tuning parts apart; Warta's ablations.
    KnownItem,
    /// Writes the graded sets' pool (every system's top 10, system-blind)
    /// to DATA/graded/pool.tsv for judging.
    Pool,
    /// nDCG@10 on the graded sets (DATA/graded/qrels.tsv).
    Graded,
    /// Known-item, graded and cross-lingual, one after another.
    All,
    /// Copy detection: recall on the silver duplicate pairs, and a sample
    /// of joined pairs and near misses written to DATA/copies/pairs.tsv
    /// for checking by hand.
    Copies,
    /// Writes the misspelled query set (DATA/typos/queries.tsv) from the
    /// known-item queries and the spelling variants (DATA/typos/variants.tsv).
    TypoSet,
    /// Typo tolerance: the misspelled set with typo=auto and typo=off,
    /// correctly spelled queries left alone, and what it costs in time.
    Typos,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let shared = data::Shared::new(&cli.shared);
    let work = tempfile::tempdir()?;
    let (known, pool, graded, cross) = match cli.command {
        Command::KnownItem => (true, false, false, false),
        Command::Pool => (false, true, false, false),
        Command::Graded => (false, false, true, false),
        Command::Xl => (false, false, false, true),
        Command::All => (true, false, true, true),
        Command::TypoSet => {
            let made = typos::make_set(&cli.data)?;
            eprintln!("wrote {made} misspelled queries");
            return Ok(());
        }
        Command::Typos => return typos::run(&shared, &cli.data, work.path()),
        Command::Copies => {
            return copies::run(&shared, work.path(), &cli.data.join("copies/pairs.tsv"))
        }
    };
    if known || pool || graded {
        let mut systems = corpus_systems::CorpusSystems::build(&shared, work.path())?;
        if known {
            systems.known_item(&shared, &cli.data)?;
        }
        if pool {
            systems.pool(&cli.data)?;
        }
        if graded {
            systems.graded(&cli.data)?;
        }
    }
    if cross {
        let rows = xl::run(&shared, &cli.lexicon, work.path())?;
        println!("\n### Cross-lingual search (match any, top 10)\n");
        println!("| task | system | MRR@10 | recall@10 | queries |");
        println!("|---|---|---:|---:|---:|");
        for row in rows {
            println!(
                "| {} | {} | {:.3} | {:.3} | {} |",
                row.task, row.system, row.mrr.value, row.recall.value, row.mrr.queries
            );
        }
    }
    Ok(())
}
