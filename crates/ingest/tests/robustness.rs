//! Bad input never stops a run or loses the good articles beside it.

use std::io::Write;
use std::path::{Path, PathBuf};

use warta_ingest::{read_file, read_sources, Article, Item, Lang, SkipReason};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn split(items: Vec<Item>) -> (Vec<Article>, Vec<warta_ingest::Skip>) {
    let mut a = Vec::new();
    let mut s = Vec::new();
    for i in items {
        match i {
            Item::Article(x) => a.push(*x),
            Item::Skipped(x) => s.push(x),
        }
    }
    (a, s)
}

#[test]
fn directory_walk_is_sorted_and_complete() {
    let (arts, skips) = split(read_sources(&[fixtures()]).collect());
    let reasons: Vec<(String, SkipReason)> = skips
        .iter()
        .map(|s| {
            (
                s.path.rsplit('/').next().unwrap_or("").to_string(),
                s.reason,
            )
        })
        .collect();
    assert!(reasons.contains(&("binary.txt".into(), SkipReason::Binary)));
    assert!(reasons.contains(&("empty.txt".into(), SkipReason::Empty)));
    assert!(reasons.contains(&("records.jsonl:2".into(), SkipReason::MalformedJson)));
    assert!(reasons.contains(&("records.jsonl:5".into(), SkipReason::MissingText)));
    assert!(reasons.contains(&("records.jsonl:6".into(), SkipReason::BadId)));
    assert!(reasons
        .iter()
        .any(|(p, r)| p.starts_with("truncated.jsonl.gz:") && *r == SkipReason::Decompression));
    // notes.md is ignored silently in a directory walk.
    assert!(!skips.iter().any(|s| s.path.ends_with("notes.md")));
    assert!(!arts.iter().any(|a| a.path.ends_with("notes.md")));
    // Deterministic order.
    let paths: Vec<&str> = arts.iter().map(|a| a.path.as_str()).collect();
    let again: Vec<String> = split(read_sources(&[fixtures()]).collect())
        .0
        .into_iter()
        .map(|a| a.path)
        .collect();
    assert_eq!(paths, again.iter().map(String::as_str).collect::<Vec<_>>());
    // Good articles survive: latin1 + html + 5 jsonl + 50 gz + lines before the damage.
    assert!(
        arts.iter()
            .filter(|a| a.path.contains("records.jsonl.gz:"))
            .count()
            == 50
    );
    assert!(
        arts.iter()
            .filter(|a| a.path.contains("truncated.jsonl.gz:"))
            .count()
            > 10
    );
}

#[test]
fn html_page_metadata_and_clean_text() {
    let (arts, skips) = split(read_file(&fixtures().join("page.html")).collect());
    assert!(skips.is_empty());
    let a = &arts[0];
    assert_eq!(a.title, "Harga Cabai Melonjak Jelang Lebaran");
    assert_eq!(a.source.as_deref(), Some("Warta Contoh"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://contoh.example/ekonomi/harga-cabai-melonjak")
    );
    assert_eq!(
        a.date.map(|d| d.to_string()).as_deref(),
        Some("2024-04-02 09:30:00")
    );
    assert_eq!(a.lang, Lang::Id);
    assert!(a
        .body
        .starts_with("JAKARTA, CONTOH.EXAMPLE – Harga cabai rawit"));
    assert!(a.body.contains("\n\nSeorang pedagang"));
    for noise in [
        "jangan diindeks",
        "Bisnis",
        "Bagikan",
        "SCROLL",
        "Baca juga",
        "Berita Terkait",
        "Harga Beras",
        "©",
        "foto:",
    ] {
        assert!(!a.body.contains(noise), "html body contains {noise:?}");
    }
    assert!(a.original.as_deref().is_some_and(|o| o.contains("<html")));
}

#[test]
fn jsonl_fields_and_defaults() {
    let (arts, skips) = split(read_file(&fixtures().join("records.jsonl")).collect());
    assert_eq!(skips.len(), 3, "{skips:?}");
    let malformed = skips
        .iter()
        .find(|s| s.reason == SkipReason::MalformedJson)
        .expect("malformed");
    assert!(malformed.path.ends_with("records.jsonl:2"));
    assert!(
        malformed.detail.contains("EOF"),
        "serde error kept: {}",
        malformed.detail
    );
    let first = &arts[0];
    assert_eq!(first.id, "t-1");
    assert_eq!(first.lang, Lang::Id);
    assert_eq!(
        first.body,
        "Banjir merendam ribuan rumah warga.\n\nWarga mengungsi ke tempat yang lebih tinggi."
    );
    assert_eq!(
        first.date.map(|d| d.to_string()).as_deref(),
        Some("2020-01-01 07:15:00")
    );
    assert_eq!(first.original, None);
    // Missing id: content-derived; missing lang: detected.
    let title_only = arts
        .iter()
        .find(|a| a.title.starts_with("Only a title"))
        .expect("title only");
    assert_eq!(title_only.id.len(), 16);
    assert_eq!(title_only.lang, Lang::En);
    let numeric = arts.iter().find(|a| a.id == "42").expect("numeric id");
    assert_eq!(numeric.lang, Lang::En);
    assert_eq!(
        numeric.date.map(|d| d.to_string()).as_deref(),
        Some("1987-03-02 00:00:00")
    );
    let offset = arts.iter().find(|a| a.id == "t-7").expect("offset");
    assert_eq!(
        offset.date.map(|d| d.to_string()).as_deref(),
        Some("2021-05-06 10:00:00")
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_kept() {
    let (arts, skips) = split(read_file(&fixtures().join("latin1.txt")).collect());
    assert!(skips.is_empty());
    assert_eq!(arts[0].title, "Kafe di Bandung ramai pengunjung");
    assert!(arts[0].body.contains('\u{FFFD}'));
    assert_eq!(arts[0].lang, Lang::Id);
}

#[test]
fn explicit_unknown_and_missing_files() {
    let (_, s) = split(read_sources(&[fixtures().join("notes.md")]).collect());
    assert_eq!(s[0].reason, SkipReason::Unsupported);
    let (_, s) = split(read_sources(&[fixtures().join("does-not-exist.txt")]).collect());
    assert_eq!(s[0].reason, SkipReason::Unreadable);
    let (_, s) = split(read_sources(&[fixtures().join("nope-dir")]).collect());
    assert_eq!(s[0].reason, SkipReason::Unreadable);
}

#[test]
fn over_long_line_is_skipped_and_neighbours_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("big.jsonl");
    let mut f = std::fs::File::create(&p).expect("create");
    writeln!(f, r#"{{"id":"a","title":"Before","body":"x"}}"#).expect("w");
    let big = "y".repeat(warta_ingest::MAX_BYTES + 10);
    writeln!(f, r#"{{"id":"b","title":"Huge","body":"{big}"}}"#).expect("w");
    writeln!(f, r#"{{"id":"c","title":"After","body":"z"}}"#).expect("w");
    drop(f);
    let (arts, skips) = split(read_file(&p).collect());
    assert_eq!(
        arts.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["a", "c"]
    );
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].reason, SkipReason::TooLarge);
    assert!(skips[0].path.ends_with("big.jsonl:2"));
}

#[test]
fn gzip_bomb_is_bounded() {
    // 64 MiB of one newline-free line compresses to ~64 KiB.
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("bomb.jsonl.gz");
    let f = std::fs::File::create(&p).expect("create");
    let mut enc = flate2::write::GzEncoder::new(f, flate2::Compression::best());
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&chunk).expect("w");
    }
    enc.finish().expect("finish");
    let (arts, skips) = split(read_file(&p).collect());
    assert!(arts.is_empty());
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].reason, SkipReason::TooLarge);
}

#[test]
fn not_gzip_and_oversized_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("fake.jsonl.gz");
    std::fs::write(&p, b"{\"title\":\"plain\"}\n").expect("w");
    let (_, s) = split(read_file(&p).collect());
    assert_eq!(s[0].reason, SkipReason::Decompression);
    let p = dir.path().join("huge.txt");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(warta_ingest::MAX_BYTES as u64 + 1).expect("len");
    let (_, s) = split(read_file(&p).collect());
    assert_eq!(s[0].reason, SkipReason::TooLarge);
    let p = dir.path().join("blank.jsonl");
    std::fs::write(&p, b"\n\n  \n").expect("w");
    let (_, s) = split(read_file(&p).collect());
    assert_eq!(s[0].reason, SkipReason::Empty);
}

#[test]
fn skip_reason_names() {
    assert_eq!(SkipReason::MalformedJson.as_str(), "malformed-json");
    assert_eq!(SkipReason::TooLarge.to_string(), "too-large");
}

#[test]
fn arbitrary_text_never_panics() {
    // A deterministic pseudo-random mix of multi-byte characters, dashes,
    // quotes, dates and markup fragments, fed to both page parsers.
    let pieces = [
        "–",
        "—",
        "“",
        "”",
        "’",
        "\u{a0}",
        "\n",
        "\n\n",
        " ",
        "Senin, 12 Februari 2024 10:15 WIB",
        "21/9/2015",
        "<p>",
        "</p>",
        "<article>",
        "<meta property=\"og:title\" content=\"x\">",
        "Tags",
        "Baca juga:",
        "東京",
        "é",
        "🙂",
        "a_b_c",
        "TRIBUNNEWS.COM –",
        "Jakarta –",
        "© 2020 X",
        ".",
        "(foto: y)",
        "31/31/2020",
        "2020-02-30T25:61:00+07:00",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let _ = warta_ingest::text_page::parse(&s);
        let _ = warta_ingest::html_page::parse(&s);
        let _ = warta_ingest::dates::find_date(&s);
        let _ = warta_analysis::langid::detect(&s);
    }
}
