//! The server through a second, tiny backend: a list of articles in
//! memory, matched word by word. If the API and the page work over it, the
//! `SearchBackend` contract is all the server needs, and a remote backend
//! can be added without touching the handlers or templates.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;
use warta_analysis::Analyzer;
use warta_search::highlight::{HighlightTerms, Highlighter};
use warta_search::{
    parse_query, Copy, DayCounts, Facets, Hit, Lang, SearchBackend, SearchError, SearchRequest,
    SearchResults, StoredArticle,
};
use warta_server::{app, AppState};

/// Articles in memory; a hit holds every query word (folded) in its title
/// or body.
struct ListBackend {
    analyzer: Analyzer,
    articles: Vec<StoredArticle>,
}

impl ListBackend {
    fn words(&self, request: &SearchRequest) -> Result<Vec<String>, SearchError> {
        let tree = parse_query(&request.query)?;
        Ok(tree
            .typed_texts()
            .into_iter()
            .map(|text| text.to_lowercase())
            .collect())
    }

    /// The articles holding every one of `words` that pass `request`'s
    /// language filter.
    fn matching(&self, request: &SearchRequest, words: &[String]) -> Vec<&StoredArticle> {
        self.articles
            .iter()
            .filter(|a| {
                let text = format!("{} {}", a.title, a.body).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
                    && request.lang.is_none_or(|lang| lang == a.lang)
            })
            .collect()
    }
}

/// Counts `articles` per publication day, each story on its earliest day.
fn count_days(articles: &[&StoredArticle]) -> DayCounts {
    let mut counts = DayCounts::default();
    let mut first_day: BTreeMap<&str, Option<NaiveDate>> = BTreeMap::new();
    for a in articles {
        let day = a
            .date
            .as_deref()
            .and_then(|d| d.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        match day {
            Some(day) => *counts.articles.entry(day).or_default() += 1,
            None => counts.undated += 1,
        }
        let earliest = first_day.entry(a.story.as_str()).or_insert(day);
        if let Some(day) = day {
            if earliest.is_none_or(|e| day < e) {
                *earliest = Some(day);
            }
        }
    }
    for day in first_day.into_values() {
        match day {
            Some(day) => *counts.stories.entry(day).or_default() += 1,
            None => counts.undated_stories += 1,
        }
    }
    counts
}

fn article(id: &str, title: &str, body: &str, lang: Lang, date: &str) -> StoredArticle {
    StoredArticle {
        id: id.to_string(),
        title: title.to_string(),
        body: body.to_string(),
        date: Some(date.to_string()),
        source: Some("list.example".to_string()),
        outlet: Some("List".to_string()),
        story: id.to_string(),
        url: Some(format!("https://list.example/{id}")),
        lang,
        path: format!("memory:{id}"),
        original: None,
    }
}

impl SearchBackend for ListBackend {
    fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    fn num_docs(&self) -> Result<u64, SearchError> {
        Ok(self.articles.len() as u64)
    }

    fn search(&self, request: &SearchRequest) -> Result<SearchResults, SearchError> {
        request.validate()?;
        let words = self.words(request)?;
        let terms = self.highlight_terms(request)?;
        let highlighter = Highlighter::new(&terms, &(), 240);
        let matching = self.matching(request, &words);
        let mut facets = Facets::default();
        for a in &matching {
            *facets.lang.entry(a.lang.code().to_string()).or_default() += 1;
            *facets
                .year
                .entry(a.date.as_deref().unwrap_or("")[..4].to_string())
                .or_default() += 1;
        }
        let hits = matching
            .iter()
            .skip(request.offset())
            .take(request.per_page)
            .map(|a| Hit {
                id: a.id.clone(),
                title: a.title.clone(),
                date: a.date.clone(),
                source: a.source.clone(),
                outlet: a.outlet.clone(),
                url: a.url.clone(),
                lang: a.lang,
                score: Some(1.0),
                snippet: highlighter
                    .best_fragment(&self.analyzer, &a.body)
                    .unwrap_or_else(|| warta_search::Highlighted::plain(a.body.clone())),
                missing: Vec::new(),
                story: a.story.clone(),
                copies: 1,
                other_copies: Vec::new(),
            })
            .collect();
        Ok(SearchResults {
            query: request.query.clone(),
            parsed: parse_query(&request.query)?,
            rewrites: Default::default(),
            total: matching.len(),
            stories: matching.len(),
            collapsed: true,
            took_ms: 0.0,
            page: request.page,
            per_page: request.per_page,
            hits,
            facets,
            relaxed: None,
        })
    }

    fn day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError> {
        request.validate()?;
        let words = self.words(request)?;
        Ok(count_days(&self.matching(request, &words)))
    }

    fn archive_day_counts(&self, request: &SearchRequest) -> Result<DayCounts, SearchError> {
        Ok(count_days(&self.matching(request, &[])))
    }

    fn article(&self, id: &str) -> Result<StoredArticle, SearchError> {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .cloned()
            .ok_or_else(|| SearchError::NotFound(id.to_string()))
    }

    fn outlets(&self) -> Result<Vec<(String, String)>, SearchError> {
        Ok(vec![("list".to_string(), "List".to_string())])
    }

    fn story(&self, story: &str) -> Result<Vec<Copy>, SearchError> {
        let copies: Vec<Copy> = self
            .articles
            .iter()
            .filter(|a| a.story == story)
            .map(|a| Copy {
                id: a.id.clone(),
                title: a.title.clone(),
                outlet: a.outlet.clone(),
                date: a.date.clone(),
                url: a.url.clone(),
                lang: a.lang,
            })
            .collect();
        if copies.is_empty() {
            return Err(SearchError::NotFound(story.to_string()));
        }
        Ok(copies)
    }

    fn word_completions(
        &self,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<(String, u64)>, SearchError> {
        let mut words: Vec<String> = self
            .articles
            .iter()
            .flat_map(|a| a.title.split_whitespace())
            .map(str::to_lowercase)
            .filter(|w| w.starts_with(prefix))
            .collect();
        words.sort();
        words.dedup();
        Ok(words.into_iter().take(limit).map(|w| (w, 1)).collect())
    }

    fn highlight_terms(&self, request: &SearchRequest) -> Result<HighlightTerms, SearchError> {
        let mut terms = HighlightTerms::default();
        for word in self.words(request)? {
            for term in self.analyzer.query_terms(&word) {
                terms.add(term.exact.as_deref().unwrap_or(&term.term), Some(1));
                terms.window.push(term.term);
            }
        }
        Ok(terms)
    }
}

fn state() -> AppState {
    let articles = vec![
        article(
            "a1",
            "Banjir melanda Jakarta",
            "Banjir besar melanda Jakarta <b>pagi ini</b>.",
            Lang::Id,
            "2020-01-01T08:00:00",
        ),
        article(
            "a2",
            "Flood in Jakarta",
            "A flood hit Jakarta this morning.",
            Lang::En,
            "2021-02-02T09:00:00",
        ),
    ];
    AppState::new(Arc::new(ListBackend {
        analyzer: Analyzer::default(),
        articles,
    }))
}

async fn get(uri: &str) -> (StatusCode, String) {
    let response = app(state())
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn get_json(uri: &str) -> (StatusCode, Value) {
    let (status, body) = get(uri).await;
    (status, serde_json::from_str(&body).expect("JSON"))
}

#[tokio::test]
async fn the_api_runs_on_any_backend() {
    let (status, json) = get_json("/api/search?q=jakarta").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["total"], 2);
    assert_eq!(json["facets"]["lang"]["id"], 1);
    let (_, json) = get_json("/api/search?q=banjir&lang=indonesian").await;
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["id"], "a1");
    let snippet = json["hits"][0]["snippet"].as_str().unwrap_or_default();
    assert!(snippet.contains("<mark>Banjir</mark>"), "{snippet}");
    assert!(snippet.contains("&lt;b&gt;"), "{snippet}");

    let (status, json) = get_json("/api/articles/a2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["lang"], "en");
    let (status, json) = get_json("/api/articles/zz").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json["error"]["code"], "not_found");
    assert_eq!(json["error"]["type"], "user");

    let (_, json) = get_json("/healthz").await;
    assert_eq!(json["articles"], 2);
    let (status, csv) = get("/api/search.csv?q=jakarta").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(csv.lines().count(), 3, "{csv}");
    let (_, json) = get_json("/api/search.json?q=jakarta&rows=1").await;
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    let (status, json) = get_json("/api/analyze?text=menggunakan").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["fields"][0]["tokens"][0]["stem"], "guna");

    let (_, json) = get_json("/api/suggest?q=banjir+ja").await;
    assert_eq!(
        json["suggestions"][0]["query"], "banjir jakarta",
        "{json:#}"
    );
    let (_, json) = get_json("/api/suggest?q=li").await;
    let kinds: Vec<&Value> = json["suggestions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| &s["kind"])
        .collect();
    assert!(kinds.contains(&&Value::from("outlet")), "{json:#}");

    let (status, json) = get_json("/api/timeline?q=jakarta&interval=year").await;
    assert_eq!(status, StatusCode::OK, "{json:#}");
    assert_eq!(json["total"], 2, "{json:#}");
    let counted: u64 = json["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["count"].as_u64())
        .sum();
    assert_eq!(
        counted + json["undated"].as_u64().unwrap_or(0),
        2,
        "{json:#}"
    );

    let (status, json) = get_json("/api/search?q=%22open").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(json["error"]["code"], "invalid_query");
    assert_eq!(json["error"]["type"], "user");
}

#[tokio::test]
async fn the_page_runs_on_any_backend() {
    let (status, html) = get("/search?q=flood&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Flood in Jakarta"), "{html}");
    assert!(html.contains("/articles/a2?q=flood"), "{html}");
    let (status, html) = get("/articles/a1?q=banjir&ui=id").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<mark>Banjir</mark> besar"), "{html}");
    assert!(html.contains("&lt;b&gt;pagi ini&lt;/b&gt;"), "{html}");
    let (status, _) = get("/articles/none?ui=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, html) = get("/search?q=jakarta&from=2020-01-01&to=2020-12-31&ui=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Year: 2020"), "the year filter shows: {html}");
}
