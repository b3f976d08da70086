//! Property tests of the article readers on hostile files: random bytes,
//! JSON-ish lines, random HTML and text pages, each under every supported
//! extension. Whatever the bytes, `read_sources` yields items without
//! panicking, every article it yields is clean, and every file is
//! accounted for (an article or a skip).
//!
//! CI runs a few hundred cases per property; a long run:
//!
//! ```text
//! PROPTEST_CASES=50000 cargo test -p warta-ingest --release --test reader_props
//! ```

use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use warta_ingest::{read_sources, Article, Item};

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "jsonl", "ndjson", "jsonl.gz"];

/// Writes `bytes` as `name.ext` (gzip-compressed for `.gz` when `compress`).
fn write(dir: &Path, name: &str, ext: &str, bytes: &[u8], compress: bool) -> PathBuf {
    let path = dir.join(format!("{name}.{ext}"));
    let data = if ext.ends_with(".gz") && compress {
        let mut encoder = flate2_encoder();
        encoder.write_all(bytes).expect("compress");
        encoder.finish().expect("finish")
    } else {
        bytes.to_vec()
    };
    std::fs::write(&path, data).expect("write");
    path
}

fn flate2_encoder() -> flate2::write::GzEncoder<Vec<u8>> {
    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast())
}

/// What every article the readers produce must satisfy.
fn check_article(a: &Article) {
    assert!(!a.id.is_empty(), "empty id from {}", a.path);
    assert!(
        !a.title.trim().is_empty() || !a.body.trim().is_empty(),
        "an article without text from {}",
        a.path
    );
    assert!(a.title.len() <= warta_ingest::MAX_BYTES);
    assert!(a.body.len() <= warta_ingest::MAX_BYTES);
    assert!(!a.path.is_empty());
}

/// Reads the files and checks every item; returns (articles, skips).
fn read_and_check(paths: &[PathBuf]) -> (usize, usize) {
    let (mut articles, mut skips) = (0, 0);
    for item in read_sources(paths) {
        match item {
            Item::Article(a) => {
                check_article(&a);
                articles += 1;
            }
            Item::Skipped(s) => {
                assert!(!s.path.is_empty());
                assert!(!s.reason.as_str().is_empty());
                skips += 1;
            }
        }
    }
    (articles, skips)
}

/// JSON-ish lines: valid records, records with wrong types, escapes
/// (including lone surrogates), truncation and garbage.
fn jsonish_line() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        any::<String>().prop_map(|s| serde_json::Value::String(s).to_string()),
        Just(r#""\ud800""#.to_string()),
        Just(r#""\udc00\ud800x""#.to_string()),
        Just(r#""\u0000""#.to_string()),
        Just(r#""\uZZZZ""#.to_string()),
        Just("null".to_string()),
        Just("12345678901234567890123456789".to_string()),
        Just("-0.0e999".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
        Just(r#""../../etc/passwd""#.to_string()),
        "[a-z ]{0,40}".prop_map(|s| format!("{s:?}")),
    ];
    let key = prop_oneof![
        Just("id"),
        Just("title"),
        Just("body"),
        Just("lang"),
        Just("date"),
        Just("source"),
        Just("url"),
        Just("other"),
    ];
    let record = prop::collection::vec((key, value), 0..8).prop_map(|fields| {
        let inner: Vec<String> = fields
            .into_iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", inner.join(","))
    });
    prop_oneof![
        6 => record.clone(),
        1 => record.prop_map(|r| {
            let mut half = r.len() / 2;
            while !r.is_char_boundary(half) {
                half -= 1;
            }
            r[..half].to_string()
        }),
        1 => any::<String>(),
        1 => Just(String::new()),
        1 => Just("\r".to_string()),
        1 => Just("{\"body\":\"a\u{0}b\"}".to_string()),
        1 => Just("[1,2,3]".to_string()),
        1 => Just("{".repeat(200)),
        1 => Just(format!("{}{}", "[".repeat(5_000), "]".repeat(5_000))),
    ]
}

/// HTML-ish pages: tags, attributes, scripts, entities, metadata and junk.
fn html_page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<html>".to_string()),
        Just("<head><title>Judul berita</title>".to_string()),
        Just("<meta property=\"og:title\" content=\"x\">".to_string()),
        Just("<meta name=\"date\" content=\"2020-13-45\">".to_string()),
        Just("<link rel=\"canonical\" href=\"javascript:alert(1)\">".to_string()),
        Just("<script>document.write('<p>')</script>".to_string()),
        Just("<style>p{}</style>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"content\">".to_string()),
        Just("</div>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&amp;&#0;&#x110000;&bogus;".to_string()),
        Just("<![CDATA[x]]>".to_string()),
        Just("<body>".to_string()),
        Just("Pemerintah mengumumkan harga beras naik.".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

/// Cases per property: `PROPTEST_CASES` for a long run, else the CI default.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_under_every_extension(bytes in prop::collection::vec(any::<u8>(), 0..4096), compress in any::<bool>()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths: Vec<PathBuf> = EXTENSIONS
            .iter()
            .map(|ext| write(dir.path(), "random", ext, &bytes, compress))
            .collect();
        let (articles, skips) = read_and_check(&paths);
        prop_assert!(articles + skips >= 1);
    }

    #[test]
    fn jsonish_lines_yield_articles_or_skips(lines in prop::collection::vec(jsonish_line(), 0..30), crlf in any::<bool>()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        let plain = write(dir.path(), "lines", "jsonl", text.as_bytes(), false);
        let gz = write(dir.path(), "lines", "jsonl.gz", text.as_bytes(), true);
        let (a1, s1) = read_and_check(std::slice::from_ref(&plain));
        let (a2, s2) = read_and_check(std::slice::from_ref(&gz));
        // The same lines give the same outcome compressed or not, unless the
        // plain file was refused whole as binary (a NUL in its first 8 KiB).
        if !text.as_bytes()[..text.len().min(8192)].contains(&0) {
            prop_assert_eq!((a1, s1), (a2, s2));
        }
        // Every non-blank line is accounted for.
        let records = lines.iter().flat_map(|l| l.split(['\n'])).filter(|l| !l.trim().is_empty()).count();
        if records > 0 && !text.as_bytes()[..text.len().min(8192)].contains(&0) {
            prop_assert!(a2 + s2 >= records, "{} items for {} lines", a2 + s2, records);
        }
    }

    #[test]
    fn random_html_and_text_pages(page in html_page()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = vec![
            write(dir.path(), "page", "html", page.as_bytes(), false),
            write(dir.path(), "page", "txt", page.as_bytes(), false),
        ];
        let (articles, skips) = read_and_check(&paths);
        prop_assert_eq!(articles + skips, 2);
    }
}

#[test]
fn lone_surrogates_and_invalid_utf8_in_jsonl_are_handled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(br#"{"id":"s1","title":"\ud800","body":"lone \udfff surrogate"}"#);
    bytes.push(b'\n');
    bytes.extend_from_slice(b"{\"id\":\"u1\",\"title\":\"bad \xff\xfe utf8\",\"body\":\"x\"}\n");
    bytes.extend_from_slice(br#"{"id":"\ud800","title":"t","body":"b"}"#);
    bytes.push(b'\n');
    bytes.extend_from_slice(br#"{"id":"ok","title":"Judul","body":"Isi berita."}"#);
    let path = write(dir.path(), "s", "jsonl", &bytes, false);
    let items: Vec<Item> = read_sources(&[path]).collect();
    assert_eq!(items.len(), 4, "one item per line");
    let ok = items
        .iter()
        .any(|i| matches!(i, Item::Article(a) if a.id == "ok"));
    assert!(ok, "the good neighbour is kept");
    for item in &items {
        if let Item::Article(a) = item {
            check_article(a);
        }
    }
}
