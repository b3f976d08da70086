//! `warta`: index news articles, search them, serve the search page and API.

mod analysis;
mod analyze;
mod batch_sched;
mod index_run;
mod search_cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;
use warta_analysis::Analyzer;

/// Bilingual (Indonesian + English) news search.
#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Bilingual (Indonesian + English) news search: index, search, serve and analyze articles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    analysis: analysis::AnalysisArgs,
}

/// Where the index lives unless `--index` or `WARTA_INDEX` says otherwise;
/// the schema version is part of the name, so a new schema builds afresh.
const DEFAULT_INDEX: &str = "index/warta-v4";
/// Threads running searches at once in `warta serve`, per core. Two keep
/// every core busy while a finished search hands its thread the next one;
/// more only time-slice the cores between searches, which stretches the
/// slow ones, and each thread that allocates gets a malloc arena of its
/// own (figures in BENCHMARKS.md, "Figures behind the code").
const SEARCH_THREADS_PER_CORE: usize = 2;
/// Cores per async worker thread in `warta serve`. The workers parse
/// requests, fill the page templates and write responses (about a tenth of
/// a search request's CPU; searches, exports and analysis run on the
/// blocking pool), so a quarter of the cores is plenty: fewer workers park
/// and wake less often, each park and wake-up dear on a VM.
const CORES_PER_IO_THREAD: usize = 4;
/// The bundled article set.
const DEFAULT_ARTICLES: &str = "index/articles";

#[derive(Subcommand)]
enum Command {
    /// Add or update articles in the index (default: the bundled set).
    Index(index_run::IndexArgs),
    /// Search the index and print ranked, highlighted results.
    Search(search_cmd::SearchArgs),
    /// Serve the search page and JSON API (indexes the bundled set first if there is no index).
    Serve(ServeArgs),
    /// Show the tokens Warta indexes for a text.
    Analyze(analyze::AnalyzeArgs),
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Index directory.
    #[arg(long, env = "WARTA_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Address to listen on; loopback unless told otherwise.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: std::net::SocketAddr,
    /// Articles indexed first when the index does not exist yet.
    #[arg(long, default_value = DEFAULT_ARTICLES)]
    articles: PathBuf,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let analyzer = cli.analysis.analyzer()?;
    match cli.command {
        Command::Index(args) => index_run::run(&args, analyzer),
        Command::Search(args) => search_cmd::run(&args, analyzer),
        Command::Analyze(args) => analyze::run(&args, &analyzer),
        Command::Serve(args) => serve(args, analyzer),
    }
}

fn serve(args: ServeArgs, analyzer: Arc<Analyzer>) -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,tantivy=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if !args.index.join("meta.json").is_file() {
        tracing::info!(
            "no index at {}: indexing {} first",
            args.index.display(),
            args.articles.display()
        );
        index_run::run(
            &index_run::IndexArgs::bundled(args.articles.clone(), args.index.clone()),
            analyzer.clone(),
        )?;
    }
    // Before any of the runtime's threads exist, so that they all inherit it.
    batch_sched::enter();
    // Searches run on the blocking pool; bounding it bounds the per-thread
    // memory (stem memos, Tantivy buffers, malloc arenas) under a burst of
    // requests, which wait their turn (the request timeout bounds the wait).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .worker_threads(cores.div_ceil(CORES_PER_IO_THREAD))
        .max_blocking_threads(SEARCH_THREADS_PER_CORE * cores)
        .build()?;
    let engine = warta_search::TantivyEngine::open(&args.index, analyzer)?;
    tracing::info!("searching the index at {}", args.index.display());
    let state = warta_server::AppState::new(Arc::new(engine));
    runtime.block_on(warta_server::serve(state, args.addr))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::DEFAULT_INDEX;

    #[test]
    fn the_default_index_is_named_for_the_schema_it_holds() {
        let suffix = format!("-v{}", warta_indexer::SCHEMA_VERSION);
        assert!(DEFAULT_INDEX.ends_with(&suffix), "{DEFAULT_INDEX}");
    }
}
