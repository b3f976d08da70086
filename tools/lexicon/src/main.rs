//! `warta-lexicon`: builds Warta's English–Indonesian query-translation
//! lexicon and measures it.
//!
//! ```text
//! warta-lexicon build [--eval-data DIR] [--out DIR] [--supplement FILE]
//! warta-lexicon eval  [--eval-data DIR] [--out DIR] [--supplement FILE]
//! warta-lexicon tune  [--eval-data DIR] [--supplement FILE]
//! ```
//!
//! Defaults are relative to the repository root (`../shared/eval-data`,
//! `crates/search/data/lexicon`, `tools/lexicon/supplement.tsv`), wherever
//! the command is run from. `build` writes `en_id.tsv` and `README.md`;
//! `eval` rebuilds in memory, checks the written file is current and
//! measures on PANL-BPPT (held out: nothing from it is shipped); `tune`
//! cross-validates the hyperparameters on PUD alone.

mod cognate;
mod dict;
mod eval;
mod inputs;
mod lexicon;
mod model1;
mod output;
mod readme;
mod text;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rustc_hash::FxHashSet;

use crate::eval::{Dir, Weighting};
use crate::inputs::{Pair, Paths, SupplementRow};
use crate::lexicon::{
    Candidates, Config, LexRow, Sources, Trained, COGNATE, DICT, ORIGIN, PUD_ADDED, SUPPLEMENT,
};
use crate::text::{Lang, Text};

/// Everything read from the inputs.
struct Loaded {
    text: Text,
    dict: Vec<dict::Row>,
    pud: Vec<Pair>,
    roots: FxHashSet<String>,
    supplement: Vec<SupplementRow>,
}

fn repo_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

struct Args {
    command: String,
    paths: Paths,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let root = repo_root();
    let mut args = std::env::args().skip(1);
    let command = args.next().unwrap_or_default();
    let mut paths = Paths {
        eval_data: root.join("../shared/eval-data"),
        supplement: root.join("tools/lexicon/supplement.tsv"),
    };
    let mut out = root.join("crates/search/data/lexicon");
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--eval-data" => paths.eval_data = PathBuf::from(value()?),
            "--out" => out = PathBuf::from(value()?),
            "--supplement" => paths.supplement = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if let Ok(p) = paths.eval_data.canonicalize() {
        paths.eval_data = p;
    }
    Ok(Args {
        command,
        paths,
        out,
    })
}

const USAGE: &str =
    "usage: warta-lexicon (build|eval|tune) [--eval-data DIR] [--out DIR] [--supplement FILE]";

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match args.command.as_str() {
        "build" => cmd_build(&args),
        "eval" => cmd_eval(&args),
        "tune" => cmd_tune(&args),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load(paths: &Paths) -> Result<Loaded, String> {
    let dict = dict::parse(&inputs::read(&paths.data("dict_en_id_freedict.tsv"))?);
    let headwords = |pos: &[&str]| -> FxHashSet<String> {
        dict.iter()
            .filter(|r| pos.contains(&r.pos.as_str()))
            .filter_map(|r| dict::clean(&r.en).ok())
            .filter(|w| !w.contains(' '))
            .collect()
    };
    let function = headwords(&dict::FUNCTION_POS);
    let analyzer = warta_analysis::Analyzer::default();
    let protected: FxHashSet<String> = headwords(&["n", "v", "adj", "numeral"])
        .into_iter()
        .filter(|w| !function.contains(w))
        .map(|w| analyzer.stem_word(&w))
        .collect();
    let en_stop = text::english_stopwords(
        &inputs::read(&paths.data("stopwords_en_iso.txt"))?,
        &protected,
        |w| analyzer.stem_word(w),
    );
    let id_stop = text::word_list(&inputs::read(&paths.data("stopwords_id_tala_lucene.txt"))?);
    let pud = inputs::parse_pairs(&inputs::read(&paths.data("parallel_pud_en_id.tsv"))?)?;
    let roots = text::word_list(&inputs::read(&paths.data("root_words_id_sastrawi.txt"))?);
    let supplement = inputs::parse_supplement(&inputs::read(&paths.supplement)?)?;
    Ok(Loaded {
        text: Text::new(en_stop, id_stop),
        dict,
        pud,
        roots,
        supplement,
    })
}

fn candidates(l: &Loaded, cognates: bool, supplement: bool) -> Candidates {
    let none: Vec<SupplementRow> = Vec::new();
    Candidates::build(&Sources {
        text: &l.text,
        dict: &l.dict,
        pud: &l.pud,
        roots: &l.roots,
        supplement: if supplement { &l.supplement } else { &none },
        cognates,
    })
}

fn train(l: &Loaded, cands: &Candidates, pairs: &[Pair], cfg: &Config) -> Trained {
    let corpus = lexicon::tokenise(&l.text, pairs, &cands.en_phrases, &cands.id_phrases);
    lexicon::train(cands, &corpus, cfg)
}

/// The shipped lexicon, in memory.
fn build_lexicon(l: &Loaded) -> (Candidates, Trained) {
    let cands = candidates(l, true, true);
    let trained = train(l, &cands, &l.pud, &Config::default());
    (cands, trained)
}

fn cmd_build(args: &Args) -> Result<(), String> {
    let l = load(&args.paths)?;
    let (cands, trained) = build_lexicon(&l);
    report_build(&l, &cands, &trained);
    std::fs::create_dir_all(&args.out)
        .map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let tsv = output::tsv(&trained.rows);
    let tsv_path = args.out.join("en_id.tsv");
    std::fs::write(&tsv_path, &tsv)
        .map_err(|e| format!("cannot write {}: {e}", tsv_path.display()))?;
    let readme = readme::readme(&readme::Facts {
        rows: &trained.rows,
        cands: &cands,
        supplement: &l.supplement,
        tsv_bytes: tsv.len(),
        config: &Config::default(),
    });
    let readme_path = args.out.join("README.md");
    std::fs::write(&readme_path, readme)
        .map_err(|e| format!("cannot write {}: {e}", readme_path.display()))?;
    println!(
        "wrote {} ({} rows, {} bytes = {:.1} kB) and {}",
        tsv_path.display(),
        trained.rows.len(),
        tsv.len(),
        tsv.len() as f64 / 1024.0,
        readme_path.display()
    );
    Ok(())
}

fn report_build(l: &Loaded, cands: &Candidates, trained: &Trained) {
    println!("FreeDict rows read: {}", cands.rows_read);
    for (junk, n) in &cands.rows_dropped {
        println!("  rows dropped, {}: {n}", junk.name());
    }
    for (junk, n) in &cands.translations_dropped {
        println!("  translations dropped, {}: {n}", junk.name());
    }
    println!("  translations kept: {}", cands.translations_kept);
    let count = |bit: u8| cands.pairs.values().filter(|c| c.flags & bit != 0).count();
    println!(
        "candidate pairs (by stems): {} (dict {}, supplement {}, cognate {})",
        cands.pairs.len(),
        count(DICT),
        count(SUPPLEMENT),
        count(COGNATE)
    );
    println!(
        "cognates: {} new pairs ({} for English stems FreeDict translates), {} confirming a dictionary pair, {} false friends rejected",
        cands.new_cognates.len(),
        cands.new_cognates_covered,
        cands.confirming_cognates,
        cands.false_friends
    );
    if std::env::var_os("LEXICON_DIAGNOSE").is_some() {
        for (covered, label) in [(true, "covered"), (false, "uncovered")] {
            let list: Vec<String> = cands
                .new_cognates
                .iter()
                .filter(|c| c.2 == covered)
                .map(|c| format!("{}>{}", c.0, c.1))
                .collect();
            println!("  new cognates, {label}: {}", list.join(" "));
        }
    }
    println!(
        "supplement rows: {} ; PUD sentence pairs: {}",
        l.supplement.len(),
        l.pud.len()
    );
    println!(
        "pairs added from PUD alignments: {}",
        trained.additions.len()
    );
    for a in &trained.additions {
        println!(
            "  pud+ {} → {}  (co-occur {}, t(id|en) {:.2}, t(en|id) {:.2})",
            a.en, a.id, a.cooccurrence, a.t_en_id, a.t_id_en
        );
    }
    println!("rows: {}", trained.rows.len());
}

/// The English news words the brief asks about, and the Indonesian ones.
const NEWS_EN: &[&str] = &[
    "flood",
    "corruption",
    "suspect",
    "drug",
    "smuggling",
    "rice",
    "price",
    "prices",
    "earthquake",
    "victim",
    "victims",
    "terrorist",
    "communication",
    "app",
    "fire",
    "fires",
    "forest",
    "capital",
    "demonstration",
    "president",
    "election",
    "minister",
];
const NEWS_ID: &[&str] = &[
    "banjir",
    "korupsi",
    "tersangka",
    "narkoba",
    "penyelundupan",
    "beras",
    "harga",
    "gempa",
    "korban",
    "kebakaran",
    "hutan",
    "presiden",
    "pemilu",
];

fn show_word(l: &Loaded, rows: &[LexRow], word: &str, lang: Lang) {
    let Some(key) = l.text.key(word) else {
        return;
    };
    let mut hits: Vec<&LexRow> = rows
        .iter()
        .filter(|r| match lang {
            Lang::En => r.en_key == key,
            Lang::Id => r.id_key == key,
        })
        .collect();
    match lang {
        Lang::En => hits.sort_by(|a, b| b.w_en_id.total_cmp(&a.w_en_id)),
        Lang::Id => hits.sort_by(|a, b| b.w_id_en.total_cmp(&a.w_id_en)),
    }
    let list: Vec<String> = hits
        .iter()
        .map(|r| match lang {
            Lang::En => format!("{} {:.3} [{}]", r.id, r.w_en_id, lexicon::evidence(r.flags)),
            Lang::Id => format!("{} {:.3} [{}]", r.en, r.w_id_en, lexicon::evidence(r.flags)),
        })
        .collect();
    let shown = if list.is_empty() {
        "(none)".to_string()
    } else {
        list.join("; ")
    };
    println!("| {word} (stem `{key}`) | {shown} |");
}

fn cmd_eval(args: &Args) -> Result<(), String> {
    let l = load(&args.paths)?;
    let (cands, trained) = build_lexicon(&l);
    let rows = &trained.rows;
    let tsv_path = args.out.join("en_id.tsv");
    match std::fs::read_to_string(&tsv_path) {
        Ok(on_disk) if on_disk == output::tsv(rows) => {
            let parsed = output::parse_tsv(&on_disk)?;
            println!(
                "{} is current ({} rows parse back).",
                tsv_path.display(),
                parsed.len()
            );
        }
        Ok(_) => println!("WARNING: {} differs from a fresh build", tsv_path.display()),
        Err(_) => println!("WARNING: {} not found", tsv_path.display()),
    }
    check_sums(rows);
    let disagree = rows
        .iter()
        .filter(|r| l.text.loader_key(&r.en) != r.en_key || l.text.loader_key(&r.id) != r.id_key)
        .count();
    println!("rows whose surfaces re-analyse to a different stem key: {disagree}");

    let panl_text = inputs::read_gz(&args.paths.data("parallel_panl_bppt_en_id.tsv.gz"))?;
    let panl = inputs::parse_pairs(&panl_text)?;
    let prep = eval::prepare(&l.text, &panl);
    let which = eval::aligned(&prep);
    println!(
        "\nPANL-BPPT: {} sentence pairs, {} kept as aligned (≥3 content words a side, ratio within 1:2).",
        panl.len(),
        which.len()
    );

    println!("\n## Coverage of PANL content-word tokens (share with ≥1 translation)\n");
    println!("| rows used | EN tokens covered | ID tokens covered |");
    println!("|---|---:|---:|");
    for (name, mask) in [
        ("FreeDict only", DICT),
        ("+ cognates", DICT | COGNATE),
        ("+ PUD additions", DICT | COGNATE | PUD_ADDED),
        ("+ supplement (shipped)", ORIGIN),
    ] {
        let e = eval::evaluate(&prep, &which, rows, mask, Dir::EnId, &[]);
        let i = eval::evaluate(&prep, &which, rows, mask, Dir::IdEn, &[]);
        println!(
            "| {name} | {:.1} % ({} / {}) | {:.1} % ({} / {}) |",
            100.0 * e.coverage(),
            e.covered,
            e.tokens,
            100.0 * i.coverage(),
            i.covered,
            i.tokens
        );
    }

    // The ceiling: the same rows, weights estimated on PANL itself.
    let (en_ph, id_ph) = eval::phrases(rows);
    let kept: Vec<Pair> = which.iter().map(|&i| panl[i].clone()).collect();
    let panl_corpus = lexicon::tokenise(&l.text, &kept, &en_ph, &id_ph);
    let ceiling = lexicon::reweight(rows, &panl_corpus, &Config::default());

    for (dir_name, dir) in [("EN→ID", Dir::EnId), ("ID→EN", Dir::IdEn)] {
        let pick = |f: fn(&LexRow) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
        let (w, p, c): (Vec<f64>, Vec<f64>, Vec<f64>) = match dir {
            Dir::EnId => (
                pick(|r| r.w_en_id),
                pick(|r| r.prior_en_id),
                ceiling.iter().map(|x| x.0).collect(),
            ),
            Dir::IdEn => (
                pick(|r| r.w_id_en),
                pick(|r| r.prior_id_en),
                ceiling.iter().map(|x| x.1).collect(),
            ),
        };
        println!("\n## {dir_name}: does the top translation occur in the aligned sentence?\n");
        println!("| rows | weighting | acc@1 (all covered) | acc@1 (≥2 translations) | acc@3 (all covered) |");
        println!("|---|---|---:|---:|---:|");
        for (rows_name, mask) in [("FreeDict only", DICT), ("shipped", ORIGIN)] {
            let s = eval::evaluate(
                &prep,
                &which,
                rows,
                mask,
                dir,
                &[
                    Weighting::PerRow(&w),
                    Weighting::Uniform,
                    Weighting::PerRow(&p),
                    Weighting::PerRow(&c),
                ],
            );
            for (m, name) in [
                (1, "uniform (random pick)"),
                (2, "dictionary order prior"),
                (0, "**shipped weights (PUD)**"),
                (3, "PANL-estimated (ceiling, not shipped)"),
            ] {
                println!(
                    "| {rows_name} | {name} | {:.1} % | {:.1} % | {:.1} % |",
                    100.0 * s.acc(m),
                    100.0 * s.acc_ambiguous(m),
                    100.0 * s.acc3(m)
                );
            }
            println!(
                "| {rows_name} | any translation occurs (oracle) | {:.1} % | {:.1} % | {:.1} % |",
                100.0 * s.any_rate(),
                100.0 * s.any_rate_ambiguous(),
                100.0 * s.any_rate()
            );
            println!(
                "| {rows_name} | (tokens: covered {}, ≥2 translations {}) | | | |",
                s.covered, s.ambiguous
            );
            if mask == ORIGIN {
                let mut origins: Vec<(&u8, &(usize, usize))> = s.by_origin.iter().collect();
                origins.sort();
                for (o, (n, hit)) in origins {
                    println!(
                        "|   top row from {} | shipped weights | {:.1} % of {} tokens | | |",
                        lexicon::evidence(*o),
                        100.0 * *hit as f64 / (*n).max(1) as f64,
                        n
                    );
                }
                if std::env::var_os("LEXICON_DIAGNOSE").is_some() {
                    diagnose(rows, &s, dir);
                }
            }
        }
    }

    println!("\n## News words (shipped weights)\n");
    println!("| word | translations: weight [evidence] |");
    println!("|---|---|");
    for w in NEWS_EN {
        show_word(&l, rows, w, Lang::En);
    }
    println!("\n| kata | English: weight [evidence] |");
    println!("|---|---|");
    for w in NEWS_ID {
        show_word(&l, rows, w, Lang::Id);
    }

    addition_thresholds(&l, &cands);

    println!("\n## PUD additions on PANL at several thresholds (measurement only; the shipped ones are starred)\n");
    println!("| min co-occurrence / t / Dice | rows added | EN coverage | EN acc@1 where the top row is an addition | ID coverage | ID acc@1 where the top row is an addition |");
    println!("|---|---:|---:|---:|---:|---:|");
    let shipped = Config::default();
    for (c, t, d) in [(2, 0.3, 0.3), (3, 0.3, 0.5), (5, 0.3, 0.5)] {
        let cfg = Config {
            add_min_cooccurrence: c,
            add_min_t: t,
            add_min_dice: d,
            ..shipped
        };
        let trained = train(&l, &cands, &l.pud, &cfg);
        let w = |dir| -> Vec<f64> {
            trained
                .rows
                .iter()
                .map(|r| {
                    if dir == Dir::EnId {
                        r.w_en_id
                    } else {
                        r.w_id_en
                    }
                })
                .collect()
        };
        let mut cells = Vec::new();
        for dir in [Dir::EnId, Dir::IdEn] {
            let weights = w(dir);
            let s = eval::evaluate(
                &prep,
                &which,
                &trained.rows,
                ORIGIN,
                dir,
                &[Weighting::PerRow(&weights)],
            );
            let (n, hit) = s.by_origin.get(&PUD_ADDED).copied().unwrap_or((0, 0));
            cells.push(format!(
                "{:.1} % | {:.1} % of {n}",
                100.0 * s.coverage(),
                100.0 * hit as f64 / n.max(1) as f64
            ));
        }
        let star = if (c, t, d)
            == (
                shipped.add_min_cooccurrence,
                shipped.add_min_t,
                shipped.add_min_dice,
            ) {
            " *"
        } else {
            ""
        };
        println!(
            "| {c} / {t} / {d}{star} | {} | {} | {} |",
            trained.additions.len(),
            cells[0],
            cells[1]
        );
    }

    for dir in [Dir::EnId, Dir::IdEn] {
        let top = eval::uncovered(&prep, &which, rows, dir, 40);
        let list: Vec<String> = top.iter().map(|(w, n)| format!("{w} {n}")).collect();
        println!(
            "\nMost frequent uncovered {} source words in PANL (measurement only): {}",
            dir.name(),
            list.join(", ")
        );
    }
    Ok(())
}

/// Prints the top rows that miss most often, by origin (diagnostics).
fn diagnose(rows: &[LexRow], s: &eval::Scores, dir: Dir) {
    for origin in [COGNATE, PUD_ADDED, DICT, DICT | COGNATE] {
        let mut v: Vec<(usize, usize, usize)> = s
            .by_row
            .iter()
            .filter(|(r, _)| rows[**r].flags & ORIGIN == origin)
            .map(|(r, (n, h))| (*r, *n, *h))
            .collect();
        v.sort_by(|a, b| (b.1 - b.2).cmp(&(a.1 - a.2)).then(a.0.cmp(&b.0)));
        let list: Vec<String> = v
            .iter()
            .take(25)
            .map(|&(r, n, h)| match dir {
                Dir::EnId => format!("{}→{} {h}/{n}", rows[r].en, rows[r].id),
                Dir::IdEn => format!("{}→{} {h}/{n}", rows[r].id, rows[r].en),
            })
            .collect();
        println!(
            "  misses, origin {}: {}",
            lexicon::evidence(origin),
            list.join(", ")
        );
    }
}

/// Checks that every word's weights sum to at most 1.
fn check_sums(rows: &[LexRow]) {
    let mut en: std::collections::BTreeMap<&str, f64> = Default::default();
    let mut id: std::collections::BTreeMap<&str, f64> = Default::default();
    for r in rows {
        *en.entry(&r.en_key).or_insert(0.0) += r.w_en_id;
        *id.entry(&r.id_key).or_insert(0.0) += r.w_id_en;
    }
    let bad = en
        .values()
        .chain(id.values())
        .filter(|&&s| s > 1.0 + 1e-9)
        .count();
    println!(
        "weights: {} English stems, {} Indonesian stems, {bad} with a sum above 1",
        en.len(),
        id.len()
    );
}

/// Precision of alignment-based additions, measured without the
/// dictionary: Model 1 on PUD with no prior, mutual best pairs above each
/// threshold, checked against FreeDict for the English words it covers.
fn addition_thresholds(l: &Loaded, cands: &Candidates) {
    let empty = Candidates {
        en_phrases: cands.en_phrases.clone(),
        id_phrases: cands.id_phrases.clone(),
        ..Candidates::default()
    };
    let corpus = lexicon::tokenise(&l.text, &l.pud, &cands.en_phrases, &cands.id_phrases);
    let dict_pairs: FxHashSet<(&str, &str)> = cands
        .pairs
        .iter()
        .filter(|(_, c)| c.flags & (DICT | COGNATE) != 0)
        .map(|((e, f), _)| (e.as_str(), f.as_str()))
        .collect();
    let dict_en: FxHashSet<&str> = dict_pairs.iter().map(|p| p.0).collect();
    println!("\n## PUD additions: precision of mutual-best Model 1 pairs (no dictionary prior), judged by FreeDict\n");
    println!("| min co-occurrence | min t both ways | min Dice | pairs | of which English word in FreeDict | correct by FreeDict |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for min_cooc in [1, 2, 3, 5] {
        for min_t in [0.1, 0.3, 0.5] {
            for min_dice in [0.0, 0.3, 0.5] {
                let cfg = Config {
                    add_min_cooccurrence: min_cooc,
                    add_min_t: min_t,
                    add_min_dice: min_dice,
                    ..Config::default()
                };
                let t = lexicon::train(&empty, &corpus, &cfg);
                let judged: Vec<&lexicon::Addition> = t
                    .additions
                    .iter()
                    .filter(|a| dict_en.contains(a.en_key.as_str()))
                    .collect();
                let ok = judged
                    .iter()
                    .filter(|a| dict_pairs.contains(&(a.en_key.as_str(), a.id_key.as_str())))
                    .count();
                println!(
                    "| {min_cooc} | {min_t} | {min_dice} | {} | {} | {:.1} % |",
                    t.additions.len(),
                    judged.len(),
                    100.0 * ok as f64 / judged.len().max(1) as f64
                );
            }
        }
    }
}

fn cmd_tune(args: &Args) -> Result<(), String> {
    let l = load(&args.paths)?;
    let cands = candidates(&l, true, true);
    let prep = eval::prepare(&l.text, &l.pud);
    let folds = 10;
    // Folds by document, so that no held-out sentence shares its document
    // (and topic) with the training sentences.
    let mut docs: Vec<&str> = l.pud.iter().map(|p| p.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    let fold_of: Vec<usize> = l
        .pud
        .iter()
        .map(|p| docs.binary_search(&p.doc.as_str()).unwrap_or(0) % folds)
        .collect();
    println!("PUD {folds}-fold cross-validation by document: train on 9/10, measure acc@1 on the held-out tenth.\n");
    println!("| sense decay | rank decay | α | iterations | reverse freq | headword freq | target freq | cognate | EN→ID acc@1 | EN→ID ≥2 | ID→EN acc@1 | ID→EN ≥2 | mean |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let base = Config::default();
    let mut grid = vec![base];
    for sense_decay in [0.3, 0.5, 0.8] {
        for alpha in [0.1, 0.25, 0.5, 1.0, 2.0, 4.0] {
            grid.push(Config {
                sense_decay,
                model: lexicon_params(alpha, &base),
                ..base
            });
        }
    }
    for rank_decay in [0.5, 0.9, 1.0] {
        grid.push(Config { rank_decay, ..base });
    }
    for reverse_frequency_power in [0.0, 0.25, 1.0] {
        grid.push(Config {
            reverse_frequency_power,
            ..base
        });
    }
    for surface_frequency_power in [0.0, 0.25, 1.0] {
        grid.push(Config {
            surface_frequency_power,
            ..base
        });
    }
    for target_frequency_power in [0.25, 0.5, 1.0] {
        grid.push(Config {
            target_frequency_power,
            ..base
        });
    }
    for cognate_score in [0.25, 1.0] {
        grid.push(Config {
            cognate_score,
            ..base
        });
    }
    for iterations in [5, 20, 40] {
        grid.push(Config {
            model: model1::Params {
                iterations,
                ..base.model
            },
            ..base
        });
    }
    for cfg in &grid {
        let mut scores = [eval::Scores::default(), eval::Scores::default()];
        for fold in 0..folds {
            let train_pairs: Vec<Pair> = l
                .pud
                .iter()
                .enumerate()
                .filter(|(i, _)| fold_of[*i] != fold)
                .map(|(_, p)| p.clone())
                .collect();
            let test: Vec<usize> = (0..l.pud.len()).filter(|&i| fold_of[i] == fold).collect();
            let t = train(&l, &cands, &train_pairs, cfg);
            for (k, dir) in [Dir::EnId, Dir::IdEn].into_iter().enumerate() {
                let w: Vec<f64> = t
                    .rows
                    .iter()
                    .map(|r| match dir {
                        Dir::EnId => r.w_en_id,
                        Dir::IdEn => r.w_id_en,
                    })
                    .collect();
                let s =
                    eval::evaluate(&prep, &test, &t.rows, ORIGIN, dir, &[Weighting::PerRow(&w)]);
                scores[k].add(&s);
            }
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.1} % | {:.1} % | {:.1} % | {:.1} % | {:.2} |",
            cfg.sense_decay,
            cfg.rank_decay,
            cfg.model.alpha,
            cfg.model.iterations,
            cfg.reverse_frequency_power,
            cfg.surface_frequency_power,
            cfg.target_frequency_power,
            cfg.cognate_score,
            100.0 * scores[0].acc(0),
            100.0 * scores[0].acc_ambiguous(0),
            100.0 * scores[1].acc(0),
            100.0 * scores[1].acc_ambiguous(0),
            50.0 * (scores[0].acc(0) + scores[1].acc(0))
        );
    }
    Ok(())
}

fn lexicon_params(alpha: f64, base: &Config) -> model1::Params {
    model1::Params {
        alpha,
        ..base.model
    }
}
