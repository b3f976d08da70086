//! HTTP tests of the page through the whole app (limits and headers
//! included), over an index of the bundled articles plus a hostile one.

use crate::{app, AppState};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;
use warta_analysis::Analyzer;
use warta_indexer::{Indexer, IndexerOptions};
use warta_ingest::{read_sources, Item};
use warta_search::TantivyEngine;

const HOSTILE: &str = r#"{"id":"hostile-1","lang":"en","title":"<script>window.__xss=1</script> Hostile","body":"Telegram <img src=x onerror=\"window.__xss=2\"> and javascript:alert(1) here.","date":"2024-10-01","source":"evil.example","url":"javascript:alert(1)"}"#;

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
}

/// One index for every test of this module (built once).
fn state() -> AppState {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let extra = dir.path().join("extra.jsonl");
            std::fs::write(&extra, format!("{HOSTILE}\n")).expect("write");
            let index = dir.path().join("index");
            let bundled: PathBuf =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../index/articles");
            let options = IndexerOptions {
                threads: Some(1),
                memory_budget: 32 * 1024 * 1024,
                ..IndexerOptions::default()
            };
            let mut indexer =
                Indexer::open(&index, Arc::new(Analyzer::default()), &options).expect("writer");
            for item in read_sources(&[bundled, extra]) {
                if let Item::Article(article) = item {
                    indexer.add(&article).expect("add");
                }
            }
            indexer.finish().expect("commit");
            Fixture {
                state: AppState::new(Arc::new(
                    TantivyEngine::open(&index, Arc::new(Analyzer::default())).expect("open"),
                )),
                _dir: dir,
            }
        })
        .state
        .clone()
}

async fn get_with(uri: &str, accept_language: Option<&str>) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(uri);
    if let Some(value) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, value);
    }
    let response = app(state())
        .oneshot(request.body(Body::empty()).expect("request"))
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
        String::from_utf8(bytes.to_vec()).expect("utf-8"),
    )
}

async fn get(uri: &str) -> (StatusCode, HeaderMap, String) {
    get_with(uri, None).await
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Nothing inline and nothing from elsewhere (the CSP forbids both).
fn assert_self_contained(html: &str) {
    assert!(!html.contains(" style="), "inline style attribute");
    assert!(!html.contains("<style"), "inline style element");
    for script in html.split("<script").skip(1) {
        assert!(
            script.starts_with(" src=\"/static/"),
            "inline or external script"
        );
    }
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "external resource"
    );
    assert!(!html.contains("href=\"//"), "protocol-relative link");
}

/// Every internal link and form keeps the interface language; only the
/// language switch leads to the other one.
fn assert_links_keep_ui(html: &str, ui: &str) {
    let mut switches = 0;
    for piece in html.split("href=\"").skip(1) {
        let href = &piece[..piece.find('"').expect("closing quote")];
        // Pages keep the interface language; exports and files have none.
        let internal =
            href.starts_with('/') && !href.starts_with("/static/") && !href.starts_with("/api/");
        if internal && !href.contains(&format!("ui={ui}")) {
            assert!(href.contains("ui="), "link without ui: {href}");
            switches += 1;
        }
    }
    assert_eq!(switches, 1, "one language switch link");
    if html.contains("<form") {
        assert!(html.contains(&format!(
            "<input type=\"hidden\" name=\"ui\" value=\"{ui}\">"
        )));
    }
}

#[tokio::test]
async fn home_page_language_follows_accept_language_and_ui() {
    let (status, headers, html) = get("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(is_html(&headers));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("title:telegram"), "query syntax help");
    assert_self_contained(&html);
    assert_links_keep_ui(&html, "en");

    let (_, headers, html) = get_with("/", Some("id-ID,id;q=0.9,en;q=0.5")).await;
    assert!(html.contains("<html lang=\"id\">"));
    assert!(html.contains("Cari berita"));
    assert_eq!(
        headers.get(header::VARY).map(|v| v.as_bytes()),
        Some(&b"Accept-Language"[..])
    );
    assert_links_keep_ui(&html, "id");

    let (_, _, html) = get_with("/?ui=en", Some("id")).await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        html.contains("href=\"/?ui=id\""),
        "switch link to Indonesian"
    );
}

#[tokio::test]
async fn results_have_marks_facets_badges_and_paging_links() {
    let (status, _, html) = get("/search?q=telegram&per_page=2&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>"), "highlighted snippets");
    assert!(html.contains("aria-live=\"polite\""));
    assert!(
        html.contains("stories</strong>"),
        "the count of a collapsed search"
    );
    assert!(html.contains(
        "class=\"facet-link\" href=\"/search?q=telegram&#38;lang=en&#38;per_page=2&#38;ui=en\""
    ));
    assert!(html.contains("class=\"badge\" data-lang=\"id\""));
    assert!(html.contains("rel=\"next\""));
    assert!(html.contains("aria-current=\"page\""));
    assert!(
        html.contains("name=\"per_page\" value=\"2\""),
        "per_page kept in the form"
    );
    assert!(html.contains("<nav class=\"pager\" aria-label=\"Pages\">"));
    assert_self_contained(&html);
    assert_links_keep_ui(&html, "en");

    let (_, _, html) = get("/search?q=telegram&lang=en&ui=en").await;
    assert!(html.contains("data-lang=\"en\""));
    assert!(
        !html.contains("data-lang=\"id\""),
        "only English hits and facets"
    );
    assert!(html.contains("aria-label=\"Remove filter: Language: English\""));
}

#[tokio::test]
async fn empty_results_suggest_removing_filters_and_show_syntax() {
    let (status, _, html) = get("/search?q=telegram&source=nowhere&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No articles match your search"));
    assert!(html.contains("Try removing a filter"));
    assert!(
        html.contains("href=\"/search?q=telegram&#38;ui=en\""),
        "remove-filter link"
    );
    assert!(html.contains("<code>&#34;pavel durov&#34;</code>"));
}

#[tokio::test]
async fn hostile_text_is_escaped_everywhere() {
    let (status, _, html) =
        get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+telegram&match=any&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>alert"), "query not escaped");
    assert!(html.contains("value=\"&#60;script&#62;alert(1)&#60;/script&#62; telegram\""));
    assert!(!html.contains("<script>window.__xss"), "title not escaped");
    assert!(html.contains("&#60;script&#62;window.__xss=1&#60;/script&#62; Hostile"));
    assert!(!html.contains("<img"));

    let (status, _, html) = get("/articles/hostile-1?q=telegram&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script>window"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;"));
    assert!(
        !html.contains("href=\"javascript"),
        "javascript: address linked"
    );
    assert!(html.contains("<mark>Telegram</mark>"));
    assert_self_contained(&html);
}

#[tokio::test]
async fn malformed_queries_and_parameters_are_400_pages_keeping_the_query() {
    let (status, headers, html) = get("/search?q=%22never+closed&ui=en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(is_html(&headers));
    assert!(html.contains("role=\"alert\""));
    assert!(html.contains("never closed"));
    assert!(
        html.contains("value=\"&#34;never closed\""),
        "the box keeps the query"
    );
    assert!(html.contains("aria-invalid=\"true\""));

    let (status, _, html) = get("/search?q=telegram&page=abc&ui=en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("page must be a whole number"));
    assert!(html.contains("value=\"telegram\""));

    let (status, _, html) = get("/search?q=telegram&from=2020-01-01&to=2019-01-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("is after"));
}

#[tokio::test]
async fn article_page_highlights_and_links_back_with_every_parameter() {
    let (_, _, results) = get("/search?q=durov&lang=id&sort=date&ui=id").await;
    let start = results.find("/articles/").expect("an article link");
    let href = &results[start..start + results[start..].find('"').expect("quote")];
    let href = href.replace("&#38;", "&");
    let (status, _, html) = get(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"id\">"));
    assert!(html.contains("<mark>Durov</mark>"));
    assert!(html.contains("href=\"/search?q=durov&#38;lang=id&#38;sort=date&#38;ui=id\""));
    assert!(html.contains("Kembali ke hasil"));
    assert!(html.contains("<p>"), "paragraphs");
}

#[tokio::test]
async fn unknown_things_are_404_pages_or_json_under_api() {
    let (status, headers, html) = get("/articles/no-such-id?ui=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(is_html(&headers));
    assert!(html.contains("There is no article with this id"));

    let (status, headers, html) = get_with("/no/such/page", Some("id")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(is_html(&headers));
    assert!(html.contains("Halaman tidak ditemukan"));
    assert_self_contained(&html);

    let (status, headers, body) = get("/api/no-such-endpoint").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json")));
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["error"]["code"], "not_found");
}

#[tokio::test]
async fn static_files_have_types_and_long_cache_lives() {
    let (_, _, html) = get("/").await;
    let css = html
        .split("href=\"")
        .find(|s| s.starts_with("/static/style.css?v="))
        .expect("versioned stylesheet link");
    let css = &css[..css.find('"').expect("quote")];
    for (path, kind) in [(css, "text/css"), ("/static/app.js", "text/javascript")] {
        let (status, headers, body) = get(path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!body.is_empty());
        let value = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert!(value(header::CONTENT_TYPE).starts_with(kind), "{path}");
        assert!(
            value(header::CACHE_CONTROL).contains("max-age=31536000"),
            "{path}"
        );
    }
}

/// See: issue 22 (cross-lingual search).
#[tokio::test]
async fn r22_the_page_says_what_was_searched_in_the_other_language() {
    let (status, _, html) = get("/search?q=terrorist+communication+app&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Also searched in Indonesian"), "{html}");
    assert!(html.contains("teroris (terrorist)"), "{html}");
    assert!(
        html.contains("Aplikasi Telegram untuk Berkomunikasi"),
        "{html}"
    );
    assert!(html.contains("xl=off"), "a link to the words as typed only");
    assert_links_keep_ui(&html, "en");
    let (_, _, html) = get("/search?q=terrorist+communication+app&ui=id").await;
    assert!(
        html.contains("Juga dicari dalam bahasa Indonesia"),
        "{html}"
    );
    assert!(html.contains("Cari hanya kata yang diketik"), "{html}");
    let (_, _, html) = get("/search?q=terrorist+communication+app&xl=off&ui=en").await;
    assert!(!html.contains("Also searched in"), "{html}");
    assert!(
        !html.contains("Aplikasi Telegram untuk Berkomunikasi"),
        "{html}"
    );
    // The options panel keeps the choice, and opens to show it.
    assert!(html.contains("name=\"xl\" value=\"off\" checked"), "{html}");
}

/// See: issue 22: translated words are marked on the article page too.
#[tokio::test]
async fn r22_translated_words_are_marked_on_the_article_page() {
    let (_, _, html) = get("/search?q=communication&ui=en").await;
    let href = html
        .split("href=\"")
        .skip(1)
        .map(|piece| &piece[..piece.find('"').expect("quote")])
        .find(|href| href.starts_with("/articles/") && href.contains("q=communication"))
        .expect("a hit links to its article")
        .replace("&amp;", "&");
    let (status, _, article) = get(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(article.contains("<mark>"), "{article}");
}

/// See: issue 24 (one story, one hit).
#[tokio::test]
async fn r24_the_page_groups_copies_and_lists_them() {
    let (status, _, html) = get("/search?q=telegram&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("6 articles in 5 stories"), "{html}");
    assert!(html.contains("2 copies"), "{html}");
    assert!(html.contains("Counts are of articles"), "{html}");
    assert!(html.contains("collapse=off"), "a link to every copy");
    let href = html
        .split("href=\"")
        .skip(1)
        .map(|piece| &piece[..piece.find('"').expect("quote")])
        .find(|href| href.starts_with("/stories/"))
        .expect("a link to the story's copies")
        .replace("&amp;", "&");
    let (status, _, story) = get(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(story.contains("Copies of one story"), "{story}");
    assert!(
        story.contains("Tribunnews") && story.contains("Plimbi"),
        "{story}"
    );
    assert_links_keep_ui(&story, "en");
    let (_, _, html) = get("/search?q=telegram&collapse=off&ui=id").await;
    assert!(!html.contains("berita</strong>"), "{html}");
    assert!(html.contains("Satukan salinan"), "{html}");
    let (status, _, _) = get("/stories/none?ui=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// See: issue 24: the small things.
#[tokio::test]
async fn r24_past_the_last_page_filters_only_and_outlet_names() {
    let (status, _, html) = get("/search?q=telegram&page=40&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Page 40 is past the last page, 1."), "{html}");
    assert!(!html.contains("No articles match"), "{html}");
    let (status, _, html) = get("/search?lang=id&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Oldest first"), "{html}");
    assert!(
        html.contains("Newest first</strong>"),
        "browsing is by date: {html}"
    );
    let (_, _, html) = get("/search?q=telegram&source=tribunnews&ui=en").await;
    assert!(html.contains("Source: Tribunnews"), "{html}");
    assert!(html.contains("<datalist id=\"outlets\">"), "{html}");
}

/// See: issue 26: the page says which spelling it searched and links to
/// the spelling as typed, or offers a respelling.
#[tokio::test]
async fn r26_the_page_shows_results_for_the_respelling_and_links_back() {
    let (status, _, html) = get("/search?q=durof&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Showing results for <strong class=\"respelled-query\">durov</strong>"),
        "{html}"
    );
    assert!(html.contains("typo=off"), "a link to the spelling as typed");
    assert!(html.contains("Telegram"), "{html}");
    assert_links_keep_ui(&html, "en");
    let (_, _, html) = get("/search?q=durof&typo=off&ui=en").await;
    assert!(!html.contains("Showing results for"), "{html}");
    assert!(
        html.contains(
            "Did you mean: <a href=\"/search?q=durov&#38;typo=off&#38;ui=en\">durov</a>?"
        ),
        "{html}"
    );
    assert!(
        html.contains("name=\"typo\" value=\"off\" checked"),
        "{html}"
    );
    let (_, _, html) = get("/search?q=durof&ui=id").await;
    assert!(html.contains("Menampilkan hasil untuk"), "{html}");
}
