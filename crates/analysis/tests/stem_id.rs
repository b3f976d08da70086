//! Golden-file and exception-file tests for the Indonesian stemmer.
//!
//! Every `tests/data/id_stem/*.tsv` holds `word<TAB>expected` lines
//! (`expected` = `-` means `stem` returns `None`); `#` lines are comments.

use std::path::{Path, PathBuf};

use warta_analysis::stem_id::{IndonesianStemmer, StemError};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/id_stem")
}

fn run_golden(file: &str) {
    let stemmer = IndonesianStemmer::new();
    let path = data_dir().join(file);
    let text = std::fs::read_to_string(&path).expect("golden file readable");
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{file}:{}: expected word<TAB>root", i + 1));
        let expected = (expected != "-").then_some(expected);
        let got = stemmer.stem(word);
        n += 1;
        if got.as_deref() != expected {
            failures.push(format!("  {word}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(n > 0, "{file} has no cases");
    assert!(
        failures.is_empty(),
        "{file}: {} of {n} wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_prefixes() {
    run_golden("prefixes.tsv");
}

#[test]
fn golden_suffixes() {
    run_golden("suffixes.tsv");
}

#[test]
fn golden_confixes() {
    run_golden("confixes.tsv");
}

#[test]
fn golden_reduplication() {
    run_golden("reduplication.tsv");
}

#[test]
fn golden_traps() {
    run_golden("traps.tsv");
}

#[test]
fn golden_not_indonesian() {
    run_golden("not_indonesian.tsv");
}

#[test]
fn golden_informal() {
    run_golden("informal.tsv");
}

#[test]
fn all_golden_files_are_tested() {
    let mut files: Vec<String> = std::fs::read_dir(data_dir())
        .expect("golden dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    files.sort();
    let known = [
        "confixes.tsv",
        "informal.tsv",
        "not_indonesian.tsv",
        "prefixes.tsv",
        "reduplication.tsv",
        "suffixes.tsv",
        "traps.tsv",
    ];
    assert_eq!(files, known, "add a test for each golden file");
}

#[test]
fn odd_inputs_never_panic() {
    let s = IndonesianStemmer::new();
    assert_eq!(s.stem(""), None);
    let long = "a".repeat(1000);
    assert_eq!(s.stem(&long), None);
    let long_affixed = format!("mem{}kan", "per".repeat(300));
    let _ = s.stem(&long_affixed);
    assert_eq!(s.stem("1234567890"), None);
    for w in [
        "-", "--", "2", "22", "a2", "-anak", "anak-", "ke-10", "é", "méja", "mem", "di", "per",
        "me", "ke", "2nya", "anak2ku2", "ng", "nge", "in", "kan", "ber-", "-in",
    ] {
        let _ = s.stem(w);
    }
    // Every prefix of a long affixed word, including non-ASCII bytes.
    let word = "mempertanggungjawabkannyalah";
    for i in 0..=word.len() {
        let _ = s.stem(&word[..i]);
        let _ = s.stem(&word[i..]);
    }
}

#[test]
fn is_root_and_default() {
    let s = IndonesianStemmer::default();
    assert!(s.is_root("guna"));
    assert!(s.is_root("berita"));
    assert!(!s.is_root("menggunakan"));
    assert!(!s.is_root(""));
}

#[test]
fn add_exception_overrides() {
    let mut s = IndonesianStemmer::new();
    assert_eq!(s.stem("googling"), None);
    s.add_exception("googling", Some("google"));
    assert_eq!(s.stem("googling").as_deref(), Some("google"));
    // The new root is recognised with Indonesian affixes too.
    assert_eq!(s.stem("digoogle").as_deref(), Some("google"));
    // Keep a word whole that would otherwise be cut.
    assert_eq!(s.stem("keretakan").as_deref(), Some("retak"));
    s.add_exception("keretakan", None);
    assert_eq!(s.stem("keretakan").as_deref(), Some("keretakan"));
}

fn write_temp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("warta-stem-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write temp file");
    path
}

#[test]
fn load_exceptions_good_file() {
    let path = write_temp(
        "good.tsv",
        "# user exceptions\n\nmengepos\tpos\npemilu\n  \nkpu\n# end\r\nnetizen\twarganet\r\n",
    );
    let mut s = IndonesianStemmer::new();
    let n = s.load_exceptions(&path).expect("good file loads");
    assert_eq!(n, 4);
    assert_eq!(s.stem("mengepos").as_deref(), Some("pos"));
    assert_eq!(s.stem("pemilu").as_deref(), Some("pemilu"));
    assert_eq!(s.stem("kpu").as_deref(), Some("kpu"));
    assert_eq!(s.stem("netizen").as_deref(), Some("warganet"));
    assert!(s.is_root("warganet"));
}

#[test]
fn load_exceptions_malformed_line_names_line() {
    let path = write_temp("bad.tsv", "# ok\nkata\tkata\nsatu\tdua\ttiga\n");
    let mut s = IndonesianStemmer::new();
    let err = s
        .load_exceptions(&path)
        .expect_err("three fields is malformed");
    match &err {
        StemError::Malformed { line, .. } => assert_eq!(*line, 3),
        other => panic!("expected Malformed, got {other:?}"),
    }
    assert!(err.to_string().contains("line 3"), "{err}");
    // Nothing from the bad file was added.
    assert_eq!(s.stem("kata").as_deref(), Some("kata"));

    let path = write_temp("bad2.tsv", "kata\tkata\nkata benda\tkata\n");
    let err = s.load_exceptions(&path).expect_err("space in word");
    assert!(err.to_string().contains("line 2"), "{err}");

    let path = write_temp("bad3.tsv", "\n\nkata\t\n");
    let err = s.load_exceptions(&path).expect_err("empty root");
    assert!(err.to_string().contains("line 3"), "{err}");
}

#[test]
fn load_exceptions_missing_file() {
    let mut s = IndonesianStemmer::new();
    let err = s
        .load_exceptions(Path::new("/nonexistent/warta/exceptions.tsv"))
        .expect_err("missing file");
    assert!(matches!(err, StemError::Io { .. }));
}
