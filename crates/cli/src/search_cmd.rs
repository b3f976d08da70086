//! `warta search`: run a query and print the hits (or the API's JSON).

use crate::DEFAULT_INDEX;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::Arc;
use warta_analysis::Analyzer;
use warta_search::{
    parse_date, Collapse, Lang, MatchMode, SearchBackend, SearchRequest, SortOrder, TantivyEngine,
    Translate, Typo,
};

/// Options of `warta search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", OR, -word, (groups), title:, source:, lang:, prefix*.
    /// Empty ("") with a filter to list the articles it matches by date.
    query: String,
    /// Index directory.
    #[arg(long, env = "WARTA_INDEX", default_value = DEFAULT_INDEX)]
    index: PathBuf,
    /// Only articles in this language: id, en or other (or a name: indonesian, inggris…).
    #[arg(long)]
    lang: Option<Lang>,
    /// Only articles from this outlet.
    #[arg(long)]
    source: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance)]
    sort: SortOrder,
    /// Hits per page (at most 100).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    page: usize,
    /// Which words must match.
    #[arg(long = "match", value_enum, default_value_t = MatchMode::All)]
    match_mode: MatchMode,
    /// Match any word instead of all words (the same as `--match any`).
    #[arg(long)]
    any: bool,
    /// Also search the other language's translations of the words the
    /// lexicon knows (auto), or only the words as typed (off).
    #[arg(long, value_enum, default_value_t = Translate::Auto)]
    xl: Translate,
    /// Also search the likeliest near spellings of a word no article holds,
    /// or one far rarer than a word an edit or two away (auto), or only the
    /// words as typed (off; a likelier spelling is still suggested).
    #[arg(long, value_enum, default_value_t = Typo::Auto)]
    typo: Typo,
    /// Show every copy of a story as a hit of its own (by default copies
    /// are grouped: one hit per story).
    #[arg(long)]
    no_collapse: bool,
    /// Print the JSON the HTTP API returns.
    #[arg(long)]
    json: bool,
}

/// Runs `warta search`.
pub fn run(args: &SearchArgs, analyzer: Arc<Analyzer>) -> Result<()> {
    let engine = TantivyEngine::open(&args.index, analyzer)?;
    let request = SearchRequest {
        query: args.query.clone(),
        match_mode: if args.any {
            MatchMode::Any
        } else {
            args.match_mode
        },
        lang: args.lang,
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
        sort: args.sort,
        xl: args.xl,
        typo: args.typo,
        collapse: if args.no_collapse {
            Collapse::Off
        } else {
            Collapse::On
        },
        page: args.page,
        per_page: args.limit,
    };
    print_results(&engine, &request, args.json)
}

/// Searches `backend` and prints what it found, as text or as the API's JSON.
fn print_results(backend: &dyn SearchBackend, request: &SearchRequest, json: bool) -> Result<()> {
    let results = backend.search(request)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&results).context("encoding the results")?
        );
        return Ok(());
    }
    if results.collapsed && results.stories < results.total {
        println!(
            "{} articles in {} stories ({:.1} ms)",
            results.total, results.stories, results.took_ms
        );
    } else {
        println!(
            "{} result{} ({:.1} ms)",
            results.total,
            if results.total == 1 { "" } else { "s" },
            results.took_ms
        );
    }
    for used in &results.rewrites.translations {
        let targets: Vec<String> = used
            .targets
            .iter()
            .map(|t| format!("{} ({:.2})", t.text, t.weight))
            .collect();
        println!(
            "also searched in {}: {} for {:?}",
            used.lang,
            targets.join(", "),
            used.source
        );
    }
    for used in &results.rewrites.respellings {
        let targets: Vec<&str> = used.targets.iter().map(|t| t.text.as_str()).collect();
        if used.replaced {
            println!(
                "showing results for {} (no article has {:?}; --typo off searches it as typed)",
                targets.join(" or "),
                used.source
            );
        } else {
            println!("also searched {} for {:?}", targets.join(", "), used.source);
        }
    }
    if let (Some(suggestion), true) = (
        &results.rewrites.suggestion,
        results.rewrites.respellings.is_empty(),
    ) {
        println!("did you mean: {suggestion}");
    }
    if let Some(relaxed) = &results.relaxed {
        println!(
            "{} with every word; then articles with at least {} of: {}",
            relaxed.all_words,
            relaxed.min_words,
            relaxed.words.join(", ")
        );
    }
    let bold = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let offset = request.offset();
    for (n, hit) in results.hits.iter().enumerate() {
        println!();
        println!("{}. {}", offset + n + 1, hit.title);
        let meta: Vec<String> = [
            hit.date.clone(),
            hit.outlet.clone().or_else(|| hit.source.clone()),
            Some(hit.lang.code().to_string()),
            hit.score.map(|s| format!("score {s:.2}")),
            Some(format!("id {}", hit.id)),
        ]
        .into_iter()
        .flatten()
        .collect();
        println!("   {}", meta.join(" · "));
        println!("   {}", hit.snippet.to_text(open, close));
        if hit.copies > 1 {
            let others: Vec<String> = hit
                .other_copies
                .iter()
                .map(|c| {
                    format!(
                        "{} {}",
                        c.outlet.as_deref().unwrap_or("?"),
                        c.date.as_deref().unwrap_or("")
                    )
                })
                .collect();
            println!(
                "   {} copies (story {}): {}",
                hit.copies,
                hit.story,
                others.join("; ")
            );
        }
        if !hit.missing.is_empty() {
            println!("   missing: {}", hit.missing.join(", "));
        }
    }
    Ok(())
}
