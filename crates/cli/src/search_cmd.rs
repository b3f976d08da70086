//! `warta search`: run a query and print the hits (or the API's JSON).

use crate::DEFAULT_INDEX;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::{
    parse_date, snippet_as_text, MatchMode, SearchEngine, SearchRequest, SortOrder,
};

/// Options of `warta search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, -word, (groups), title:, source:, lang:, prefix*.
    query: String,
    /// Index directory.
    #[arg(long, env = "WARTA_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Only articles in this language: id, en or other.
    #[arg(long)]
    lang: Option<String>,
    /// Only articles from this outlet.
    #[arg(long)]
    source: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Order: relevance or date (newest first).
    #[arg(long, default_value = "relevance", value_parser = ["relevance", "date"])]
    sort: String,
    /// Hits per page (at most 100).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    page: usize,
    /// Match any word instead of all words (for long or pasted queries).
    #[arg(long)]
    any: bool,
    /// Print the JSON the HTTP API returns.
    #[arg(long)]
    json: bool,
}

/// Runs `warta search`.
pub fn run(args: &SearchArgs, analyzer: Arc<Analyzer>) -> Result<()> {
    let engine = SearchEngine::open(&args.index, analyzer)?;
    let request = SearchRequest {
        query: args.query.clone(),
        match_mode: if args.any {
            MatchMode::Any
        } else {
            MatchMode::All
        },
        lang: args.lang.clone(),
        source: args.source.clone(),
        from: args
            .from
            .as_deref()
            .map(|d| parse_date("--from", d))
            .transpose()?,
        to: args
            .to
            .as_deref()
            .map(|d| parse_date("--to", d))
            .transpose()?,
        sort: if args.sort == "date" {
            SortOrder::Date
        } else {
            SortOrder::Relevance
        },
        page: args.page,
        per_page: args.limit,
    };
    let results = engine.search(&request)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).context("encoding the results")?
        );
        return Ok(());
    }
    println!(
        "{} result{} ({:.1} ms)",
        results.total,
        if results.total == 1 { "" } else { "s" },
        results.took_ms
    );
    let offset = (results.page - 1) * results.per_page;
    for (n, hit) in results.hits.iter().enumerate() {
        println!();
        println!("{}. {}", offset + n + 1, hit.title);
        let meta: Vec<String> = [
            hit.date.clone(),
            hit.source.clone(),
            Some(hit.lang.clone()),
            hit.score.map(|s| format!("score {s:.2}")),
            Some(format!("id {}", hit.id)),
        ]
        .into_iter()
        .flatten()
        .collect();
        println!("   {}", meta.join(" · "));
        println!("   {}", terminal_snippet(&hit.snippet));
    }
    Ok(())
}

/// Renders an HTML snippet for a terminal: marks become bold, entities text.
fn terminal_snippet(html: &str) -> String {
    let bold = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    snippet_as_text(html, open, close)
}
