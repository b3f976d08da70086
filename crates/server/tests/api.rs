//! The JSON API over a real index: through `oneshot` for shape, filters and
//! errors, and over a real loopback socket for serving and commit visibility.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Item};
use warta_search::TantivyEngine;
use warta_server::{app, AppState};

const HOSTILE: &str = r#"{"id":"hostile-1","lang":"en","title":"<script>alert(1)</script> Telegram hostile","body":"Telegram <img src=x onerror=alert(2)> and javascript:alert(3) in the body.","date":"2020-01-02","source":"evil.example","url":"javascript:alert(4)"}"#;

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../index/articles")
}

/// Indexes `paths` into `dir` the way `warta index` does.
fn index_into(dir: &Path, paths: &[PathBuf]) {
    let mut indexer = Indexer::open(
        dir,
        Arc::new(Analyzer::default()),
        &IndexerOptions::default(),
    )
    .expect("open writer");
    for item in read_sources(paths) {
        if let Item::Article(article) = item {
            indexer.add(&article).expect("add");
        }
    }
    indexer.finish().expect("commit");
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: PathBuf,
    state: AppState,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = dir.path().join("extra.jsonl");
    std::fs::write(&extra, format!("{HOSTILE}\n")).expect("write fixture");
    let index = dir.path().join("index");
    index_into(&index, &[bundled(), extra]);
    let state = AppState::new(Arc::new(
        TantivyEngine::open(&index, Arc::new(Analyzer::default())).expect("open"),
    ));
    Fixture {
        _dir: dir,
        index,
        state,
    }
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

async fn get_json(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(state, uri).await;
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("application/json"),
        "{uri}: {content_type} {body}"
    );
    (status, serde_json::from_str(&body).expect("JSON body"))
}

#[tokio::test]
async fn search_returns_the_documented_shape() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/search?q=telegram&per_page=2").await;
    assert_eq!(status, StatusCode::OK);
    for key in [
        "query", "total", "took_ms", "page", "per_page", "hits", "facets",
    ] {
        assert!(json.get(key).is_some(), "missing {key}: {json:#}");
    }
    assert_eq!(json["total"], 6);
    assert_eq!(json["hits"].as_array().map(Vec::len), Some(2));
    let hit = &json["hits"][0];
    for key in [
        "id", "title", "date", "source", "url", "lang", "score", "snippet",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}: {hit:#}");
    }
    assert!(hit["snippet"]
        .as_str()
        .unwrap_or_default()
        .contains("<mark>"));
    assert_eq!(json["facets"]["lang"]["id"], 3);
    assert_eq!(json["facets"]["lang"]["en"], 3);
    assert_eq!(json["facets"]["year"]["2015"], 1);
}

#[tokio::test]
async fn filters_sorting_and_pagination() {
    let f = fixture();
    let (_, en) = get_json(&f.state, "/api/search?q=telegram&lang=en").await;
    assert_eq!(en["total"], 3);
    assert!(en["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .all(|h| h["lang"] == "en"));

    let (_, dated) = get_json(
        &f.state,
        "/api/search?q=telegram&from=2015-01-01&to=2015-12-31",
    )
    .await;
    assert_eq!(dated["total"], 1, "{dated:#}");
    assert_eq!(dated["hits"][0]["date"], "2015-11-22T22:42:00");

    let (_, source) = get_json(&f.state, "/api/search?q=telegram&source=EVIL.example").await;
    assert_eq!(source["total"], 1);

    let (_, by_date) = get_json(&f.state, "/api/search?q=telegram&sort=date").await;
    let dates: Vec<&str> = by_date["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert_eq!(dates.first(), Some(&"2024-09-24T00:00:00"), "{by_date:#}");
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    let (_, page1) = get_json(&f.state, "/api/search?q=telegram&per_page=2&page=1").await;
    let (_, page2) = get_json(&f.state, "/api/search?q=telegram&per_page=2&page=2").await;
    assert_ne!(page1["hits"][0]["id"], page2["hits"][0]["id"]);
    let (status, past) = get_json(&f.state, "/api/search?q=telegram&per_page=2&page=40").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(past["hits"].as_array().map(Vec::len), Some(0));

    let (_, any) = get_json(&f.state, "/api/search?q=tamtam+vkontakte&match=any").await;
    assert_eq!(any["total"], 3, "{any:#}");
    // No article has both words: the all-words search widens to articles
    // with one of them, and says which word each lacks.
    let (_, all) = get_json(&f.state, "/api/search?q=tamtam+vkontakte").await;
    assert_eq!(all["total"], 3, "{all:#}");
    assert_eq!(all["relaxed"]["all_words"], 0, "{all:#}");
    assert_eq!(all["relaxed"]["min_words"], 1, "{all:#}");
    for hit in all["hits"].as_array().into_iter().flatten() {
        let missing = hit["missing"].as_array().map(Vec::len);
        assert_eq!(missing, Some(1), "{hit:#}");
    }
}

#[tokio::test]
async fn bad_parameters_are_400_with_a_code_and_message() {
    let f = fixture();
    let cases = [
        ("/api/search", "invalid_parameter", "q is required"),
        ("/api/search?q=%22london", "invalid_query", "never closed"),
        ("/api/search?q=(a", "invalid_query", "never closed"),
        ("/api/search?q=*", "invalid_query", "wildcard"),
        (
            "/api/search?q=x&per_page=1000",
            "invalid_parameter",
            "per_page",
        ),
        (
            "/api/search?q=x&per_page=abc",
            "invalid_parameter",
            "per_page",
        ),
        ("/api/search?q=x&page=0", "invalid_parameter", "page"),
        ("/api/search?q=x&page=99999", "invalid_parameter", "10000"),
        (
            "/api/search?q=x&from=yesterday",
            "invalid_parameter",
            "from",
        ),
        (
            "/api/search?q=x&from=2020-02-30",
            "invalid_parameter",
            "from",
        ),
        ("/api/search?q=x&lang=fr", "invalid_parameter", "lang"),
        ("/api/search?q=x&sort=random", "invalid_parameter", "sort"),
        ("/api/search?q=x&match=some", "invalid_parameter", "match"),
        (
            "/api/search?q=x&from=2020-01-02&to=2020-01-01",
            "invalid_parameter",
            "after",
        ),
    ];
    for (uri, code, needle) in cases {
        let (status, json) = get_json(&f.state, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {json}");
        assert_eq!(json["error"]["code"], code, "{uri}: {json}");
        let message = json["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{uri}: {message}");
    }
    let long_query = format!("/api/search?q={}", "kata+".repeat(3000));
    let (status, json) = get_json(&f.state, &long_query).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
    assert_eq!(json["error"]["code"], "too_large");
    let control = "/api/search?q=tele%00gram%07%1b";
    let (status, _) = get_json(&f.state, control).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn articles_by_id_and_unknown_ids() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/articles/hostile-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["source"], "evil.example");
    assert!(json["body"]
        .as_str()
        .unwrap_or_default()
        .contains("onerror"));
    for uri in [
        "/api/articles/nope",
        "/api/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ] {
        let (status, json) = get_json(&f.state, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(json["error"]["code"], "not_found");
    }
}

#[tokio::test]
async fn snippets_escape_article_html() {
    let f = fixture();
    let (_, json) = get_json(&f.state, "/api/search?q=hostile+OR+onerror&match=any").await;
    // JSON carries titles as data, verbatim; snippets are HTML and escaped.
    assert_eq!(
        json["hits"][0]["title"],
        "<script>alert(1)</script> Telegram hostile"
    );
    let snippet = json["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(
        !snippet.contains("<img") && !snippet.contains("<script"),
        "{snippet}"
    );
    let (_, json) = get_json(&f.state, "/api/search?q=onerror").await;
    let snippet = json["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(snippet.contains("&lt;img"), "{snippet}");
}

#[tokio::test]
async fn csv_and_json_exports() {
    let f = fixture();
    let (status, headers, body) = get(&f.state, "/api/search.csv?q=telegram&collapse=off").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let header = rows.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "id", "title", "date", "outlet", "source", "url", "lang", "score", "story", "copies",
            "snippet"
        ]
    );
    let records: Vec<csv::StringRecord> = rows.records().collect::<Result<_, _>>().expect("csv");
    assert_eq!(records.len(), 6);
    assert!(records.iter().all(|r| !r[10].contains("<mark>")));
    assert!(
        records.iter().any(|r| &r[9] == "2"),
        "a story's copies are counted"
    );
    // Collapsed (the default): one row per story.
    let (_, _, body) = get(&f.state, "/api/search.csv?q=telegram").await;
    assert_eq!(
        csv::Reader::from_reader(body.as_bytes()).records().count(),
        5
    );

    let (status, json) = get_json(&f.state, "/api/search.json?q=telegram&rows=3").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json.as_array().map(Vec::len), Some(3));
    assert!(json[0].get("body").is_none());
    let (_, json) = get_json(&f.state, "/api/search.json?q=telegram&rows=2&body=true").await;
    assert!(
        json[0]["body"].as_str().is_some_and(|b| b.len() > 100),
        "{json:#}"
    );

    let (_, _, body) = get(&f.state, "/api/search.csv?q=telegram&bom=true&body=1").await;
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    assert!(
        body.lines().next().is_some_and(|h| h.ends_with(",body")),
        "{body}"
    );

    for (uri, needle) in [
        (
            "/api/search.csv?q=x&rows=50001",
            "rows must be between 1 and 50000",
        ),
        ("/api/search.csv?q=x&rows=0", "rows must be between"),
        (
            "/api/search.json?q=x&bom=maybe",
            "bom must be true or false",
        ),
        ("/api/search.csv?q=%22open", "never closed"),
    ] {
        let (status, json) = get_json(&f.state, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        let message = json["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(needle), "{uri}: {message}");
    }
}

#[tokio::test]
async fn openapi_health_analyze_and_headers() {
    let f = fixture();
    let (status, doc) = get_json(&f.state, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/search",
        "/api/articles/{id}",
        "/api/search.csv",
        "/api/analyze",
        "/healthz",
    ] {
        assert!(doc["paths"].get(path).is_some(), "openapi lacks {path}");
    }
    let (status, health) = get_json(&f.state, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["articles"], 6);
    let (status, analysis) = get_json(
        &f.state,
        "/api/analyze?text=menggunakan%20blocking&lang=auto",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let column = |name: &str| -> Vec<String> {
        analysis["fields"][0]["tokens"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t[name].as_str().map(String::from))
            .collect()
    };
    assert_eq!(column("term"), vec!["menggunakan", "blocking"]);
    assert_eq!(column("stem"), vec!["guna", "block"]);
    let (_, headers, _) = get(&f.state, "/api/search?q=telegram").await;
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap_or_default();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
}

/// A GET over a real socket, HTTP/1.1, read to the end.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_sees_each_commit_without_restarting() {
    let f = fixture();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(warta_server::serve_on(listener, f.state.clone(), async {
        let _ = stopped.await;
    }));

    let (status, body) = raw_get(addr, "/api/search?q=zanzibar").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"total\":0"), "{body}");

    let extra = f.index.parent().expect("parent").join("new.jsonl");
    std::fs::write(
        &extra,
        r#"{"id":"new-1","lang":"en","title":"Zanzibar ferry","body":"A ferry to Zanzibar."}"#,
    )
    .expect("write");
    let index = f.index.clone();
    tokio::task::spawn_blocking(move || index_into(&index, &[extra]))
        .await
        .expect("index");
    let (status, body) = raw_get(addr, "/api/search?q=zanzibar").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("\"total\":1"),
        "a search right after the commit must see it: {body}"
    );

    let _ = stop.send(());
    server.await.expect("join").expect("serve");
}

/// See: issue 22 (cross-lingual search): the API says what it translated.
#[tokio::test]
async fn r22_the_api_returns_the_translations_it_used() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/search?q=terrorist+app").await;
    assert_eq!(status, StatusCode::OK);
    let translations = json["translations"]
        .as_array()
        .expect("a translations list");
    assert_eq!(translations.len(), 2, "{json:#}");
    assert_eq!(translations[0]["source"], "terrorist");
    assert_eq!(translations[0]["from"], "en");
    assert_eq!(translations[0]["lang"], "id");
    assert_eq!(translations[0]["targets"][0]["text"], "teroris");
    assert!(translations[0]["targets"][0]["weight"]
        .as_f64()
        .is_some_and(|w| w > 0.0 && w < 1.0));
    let indonesian = |json: &serde_json::Value| {
        json["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|h| h["lang"] == "id" && h["missing"].is_null())
            .count()
    };
    assert!(indonesian(&json) >= 2, "{json:#}");
    let (_, off) = get_json(&f.state, "/api/search?q=terrorist+app&xl=off").await;
    assert_eq!(off["translations"].as_array().map(Vec::len), Some(0));
    assert_eq!(indonesian(&off), 0, "{off:#}");
    let (status, json) = get_json(&f.state, "/api/search?q=x&xl=sometimes").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("xl must be auto or off"));
}

/// See: issue 24 (one story, one hit).
#[tokio::test]
async fn r24_copies_of_one_story_are_one_hit_with_their_copies_listed() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/search?q=telegram").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 6, "{json:#}");
    assert_eq!(json["stories"], 5, "the two Telegram pages are one story");
    assert_eq!(json["collapsed"], true);
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 5);
    let story = hits
        .iter()
        .find(|h| h["copies"] == 2)
        .expect("a hit with two copies");
    assert_eq!(story["other_copies"].as_array().map(Vec::len), Some(1));
    // The other copy is the one the hit is not (which ranks first is the
    // ranking's business).
    let outlets = [&story["outlet"], &story["other_copies"][0]["outlet"]];
    assert!(outlets.contains(&&Value::from("Tribunnews")), "{story:#}");
    assert!(outlets.contains(&&Value::from("Plimbi")), "{story:#}");
    let id = story["story"].as_str().expect("story id");

    let (status, copies) = get_json(&f.state, &format!("/api/stories/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(copies["copies"].as_array().map(Vec::len), Some(2));
    // Earliest first: the dated Plimbi page, then the undated copy.
    assert_eq!(copies["copies"][0]["outlet"], "Plimbi");
    let (status, missing) = get_json(&f.state, "/api/stories/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{missing:#}");

    let (_, every) = get_json(&f.state, "/api/search?q=telegram&collapse=off").await;
    assert_eq!(every["hits"].as_array().map(Vec::len), Some(6));
    assert_eq!(every["collapsed"], false);
    let (status, bad) = get_json(&f.state, "/api/search?q=telegram&collapse=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:#}");
}

/// See: issue 24: outlets by name, however the source is written.
#[tokio::test]
async fn r24_outlets_have_names_and_any_spelling_finds_them() {
    let f = fixture();
    let (_, json) = get_json(&f.state, "/api/search?q=telegram").await;
    assert_eq!(json["facets"]["source"]["tribunnews"], 1, "{json:#}");
    assert_eq!(json["facets"]["outlet_names"]["tribunnews"], "Tribunnews");
    for uri in [
        "/api/search?q=telegram&source=tribunnews.com",
        "/api/search?q=telegram&source=Tribunnews",
        "/api/search?q=telegram+source:tribunnews",
    ] {
        let (_, json) = get_json(&f.state, uri).await;
        assert_eq!(json["total"], 1, "{uri}: {json:#}");
    }
}

/// See: issue 24: a search with filters and no words lists by date.
#[tokio::test]
async fn r24_filters_without_words_list_articles_newest_first() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/search?lang=id").await;
    assert_eq!(status, StatusCode::OK, "{json:#}");
    assert_eq!(json["total"], 3);
    let dates: Vec<&str> = json["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let (_, oldest) = get_json(&f.state, "/api/search?q=telegram&sort=oldest").await;
    let dates: Vec<&str> = oldest["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let (status, _) = get_json(&f.state, "/api/search").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// See: issue 26 (names spelled wrong still find the story).
#[tokio::test]
async fn r26_misspelled_words_find_their_near_spellings_and_say_so() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/search?q=durof").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["respellings"][0]["source"], "durof", "{json:#}");
    assert_eq!(json["respellings"][0]["targets"][0]["text"], "durov");
    assert_eq!(json["respellings"][0]["replaced"], true);
    assert_eq!(json["suggestion"], "durov");
    assert!(json["total"].as_u64().is_some_and(|n| n >= 2), "{json:#}");
    let (_, typed) = get_json(&f.state, "/api/search?q=durov").await;
    let ids = |json: &Value| -> Vec<String> {
        json["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| h["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        ids(&json),
        ids(&typed),
        "the same articles as spelled right"
    );

    let (_, json) = get_json(&f.state, "/api/search?q=telgram").await;
    assert_eq!(json["respellings"][0]["targets"][0]["text"], "telegram");
    assert!(json["total"].as_u64().is_some_and(|n| n >= 4), "{json:#}");

    // typo=off searches as typed and only suggests.
    let (_, off) = get_json(&f.state, "/api/search?q=durof&typo=off").await;
    assert_eq!(off["total"], 0, "{off:#}");
    assert_eq!(off["respellings"].as_array().map(Vec::len), Some(0));
    assert_eq!(off["suggestion"], "durov");

    // Correct words are never respelled, quoted words never.
    for uri in ["/api/search?q=telegram+durov", "/api/search?q=%22durof%22"] {
        let (_, json) = get_json(&f.state, uri).await;
        assert_eq!(
            json["respellings"].as_array().map(Vec::len),
            Some(0),
            "{uri}"
        );
        assert!(json["suggestion"].is_null(), "{uri}: {json:#}");
    }
    let (status, json) = get_json(&f.state, "/api/search?q=x&typo=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("typo must be auto or off"));
}

/// See: issue 26: suggestions as one types.
#[tokio::test]
async fn r26_suggestions_complete_the_last_word_from_headlines_and_outlets() {
    let f = fixture();
    let (status, json) = get_json(&f.state, "/api/suggest?q=isis+tele").await;
    assert_eq!(status, StatusCode::OK, "{json:#}");
    let suggestions = json["suggestions"].as_array().expect("a list");
    assert_eq!(suggestions[0]["query"], "isis telegram", "{json:#}");
    assert_eq!(suggestions[0]["kind"], "word");
    assert!(suggestions[0]["count"].as_u64().is_some_and(|n| n >= 2));
    let (_, json) = get_json(&f.state, "/api/suggest?q=banjir+source:trib").await;
    assert_eq!(
        json["suggestions"][0]["query"], "banjir source:tribunnews",
        "{json:#}"
    );
    assert_eq!(json["suggestions"][0]["kind"], "outlet");
    assert_eq!(json["suggestions"][0]["label"], "Tribunnews");
    let (_, json) = get_json(&f.state, "/api/suggest?q=telegram+").await;
    assert_eq!(json["suggestions"].as_array().map(Vec::len), Some(0));
    let (_, json) = get_json(&f.state, "/api/suggest?q=t&limit=1").await;
    assert_eq!(json["suggestions"].as_array().map(Vec::len), Some(1));
    for bad in [
        "/api/suggest?q=t&limit=0",
        "/api/suggest?q=t&limit=21",
        "/api/suggest?q=t&limit=x",
    ] {
        let (status, json) = get_json(&f.state, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {json:#}");
        assert!(
            json["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("limit")),
            "{json:#}"
        );
    }
    let long = format!("/api/suggest?q={}", "a".repeat(3000));
    let (status, _) = get_json(&f.state, &long).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn timelines_count_every_match_once_and_check_their_bounds() {
    let fixture = fixture();
    let state = &fixture.state;
    let (_, search) = get_json(state, "/api/search?q=telegram").await;
    let total = search["total"].as_u64().expect("total");
    assert!(total > 0, "{search:#}");

    let (status, json) = get_json(state, "/api/timeline?q=telegram&interval=day").await;
    assert_eq!(status, StatusCode::OK, "{json:#}");
    assert_eq!(json["interval"], "day", "{json:#}");
    assert_eq!(json["total"].as_u64(), Some(total), "{json:#}");
    let buckets = json["buckets"].as_array().expect("buckets");
    let counted: u64 = buckets.iter().filter_map(|b| b["count"].as_u64()).sum();
    assert_eq!(counted + json["undated"].as_u64().unwrap_or(0), total);
    assert!(buckets.iter().all(|b| b["start"] == b["end"]), "{json:#}");

    let (_, json) = get_json(
        state,
        "/api/timeline?q=telegram&interval=year&normalise=true",
    )
    .await;
    for bucket in json["buckets"].as_array().expect("buckets") {
        let share = bucket["share"].as_f64().expect("share when normalised");
        assert!((0.0..=1.0).contains(&share), "{json:#}");
    }

    let (status, json) = get_json(state, "/api/timeline?q=telegram&q=jakarta&interval=month").await;
    assert_eq!(status, StatusCode::OK, "{json:#}");
    assert_eq!(json["series"].as_array().map(Vec::len), Some(2), "{json:#}");

    let (status, json) = get_json(state, "/api/timeline?q=telegram&interval=fortnight").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json["error"]["type"], "user", "{json:#}");
    let (status, json) = get_json(state, "/api/timeline?q=a&q=b&q=c&q=d&q=e").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 4"),
        "{json:#}"
    );

    let (status, _, csv) = get(state, "/api/timeline.csv?q=telegram&interval=day").await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("query,interval,start,end,articles,stories,share")
    );
    let rows: u64 = lines
        .filter_map(|line| line.split(',').nth(4)?.parse::<u64>().ok())
        .sum();
    assert_eq!(rows, total, "{csv}");
}
