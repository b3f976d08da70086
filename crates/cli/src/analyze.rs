//! `warta analyze`: the tokens a text is indexed as, for when a search surprises.

use anyhow::Result;
use warta_analysis::langid::{detect, Lang};
use warta_analysis::Analyzer;

/// The language `warta analyze` reports for its text.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TextLang {
    /// Indonesian.
    Id,
    /// English.
    En,
    /// Detected from the text.
    Auto,
}

/// Options of `warta analyze`.
#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// The text to analyse.
    text: String,
    /// The text's language: id, en or auto. Analysis picks the stemmer word by
    /// word, so this only changes the language reported for the text.
    #[arg(long, value_enum, default_value_t = TextLang::Auto)]
    lang: TextLang,
    /// Print JSON (the same as `GET /api/analyze`).
    #[arg(long)]
    json: bool,
}

/// Runs `warta analyze`.
pub fn run(args: &AnalyzeArgs, analyzer: &Analyzer) -> Result<()> {
    let lang = match args.lang {
        TextLang::Id => Lang::Id,
        TextLang::En => Lang::En,
        TextLang::Auto => detect(&args.text),
    };
    let report = warta_search::analyze_report(analyzer, &args.text, lang);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("language: {}", report.lang);
    for field in &report.fields {
        println!("field {}:", field.field);
        for t in &field.tokens {
            println!(
                "  {:>3}  {:<20} {:<16} {:<20} [{}..{}]",
                t.position, t.term, t.stem, t.text, t.offset_from, t.offset_to
            );
        }
    }
    Ok(())
}
