//! The bench pipeline on 200 generated articles: both builds, the query set
//! and both searches (no HTTP: that needs the release `warta` binary).

use std::io::Write;
use warta_bench::baseline::{self, Baseline};
use warta_bench::corpus::{corpus_files, Replicated};
use warta_bench::queries::{generate, sample_corpus};
use warta_bench::warta;
use warta_search::SearchBackend;

const ID_WORDS: &[&str] = &[
    "pemerintah",
    "presiden",
    "ekonomi",
    "banjir",
    "jakarta",
    "pemilihan",
    "harga",
    "minyak",
    "sekolah",
    "kesehatan",
    "pertanian",
    "bandara",
    "nelayan",
    "pasar",
    "mahasiswa",
];
const EN_WORDS: &[&str] = &[
    "government",
    "president",
    "economy",
    "flood",
    "election",
    "prices",
    "oil",
    "school",
    "health",
    "farmers",
    "airport",
    "market",
    "students",
    "shares",
    "bank",
];

#[test]
fn pipeline_on_generated_articles() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus)?;
    let mut file = std::fs::File::create(corpus.join("gen.jsonl"))?;
    for i in 0..100usize {
        for (lang, words) in [("id", ID_WORDS), ("en", EN_WORDS)] {
            let pick = |k: usize| words[(i * 7 + k * 3) % words.len()];
            let body: Vec<&str> = (0..40).map(pick).collect();
            let record = serde_json::json!({
                "id": format!("{lang}-{i}"), "lang": lang,
                "title": format!("{} {} {}", pick(1), pick(2), pick(5)),
                "body": body.join(" "),
                "date": format!("20{:02}-0{}-1{}", 10 + i % 10, 1 + i % 9, i % 10),
                "source": if i % 2 == 0 { "kompas.com" } else { "reuters" },
            });
            writeln!(file, "{record}")?;
        }
    }
    drop(file);
    let files = corpus_files(&corpus)?;
    assert_eq!(Replicated::new(&files, Some(450), "r").count(), 450);
    let (stats, n, _) = warta::build(
        &dir.path().join("warta"),
        Replicated::new(&files, None, "r"),
        1,
        32 << 20,
        50_000,
    )?;
    assert_eq!((n, stats.total_docs), (200, 200));
    let (m, _) = baseline::build(
        &dir.path().join("tantivy"),
        Replicated::new(&files, None, "r"),
        1,
        32 << 20,
        50_000,
        Some(4096),
    )?;
    assert_eq!(m, 200);
    let queries = generate(&sample_corpus(Replicated::new(&files, None, "r"), 5), 30, 7);
    assert_eq!(queries.len(), 30);
    let engine = warta_search::TantivyEngine::open(&dir.path().join("warta"), warta::analyzer())?;
    let base = Baseline::open(&dir.path().join("tantivy"))?;
    let (mut a, mut b) = (0, 0);
    for q in &queries {
        a += engine.search(&q.request())?.total;
        b += base.search(q)?.total;
    }
    assert!(a > 0 && b > 0, "warta {a}, tantivy {b}");
    Ok(())
}
