//! The server-rendered search page: `/`, `/search`, `/articles/{id}`, the
//! static files and the HTML 404 for unknown paths.
//!
//! Every page works without JavaScript: the search is a plain GET form and
//! every filter, facet, order and page is a link carrying the whole search
//! state (including the interface language, `ui`). Templates live in
//! `web/templates` and are checked at compile time; everything taken from
//! articles or the query is escaped by them.

mod assets;
pub mod i18n;
mod links;
#[cfg(test)]
mod tests;
mod view;

use crate::error::{ApiError, ErrorCode, ErrorType};
use crate::params::{parse_query, SearchParams};
use crate::state::AppState;
use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use i18n::Ui;
use view::{ArticlePage, ErrorPage, Form, Layout, ResultsView, SearchPage};

/// The page's routes, with the HTML (or, under `/api/`, JSON) 404 fallback.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(search))
        .route("/search", get(search))
        .route("/articles/{id}", get(article))
        .route("/stories/{story}", get(story))
        .route("/static/style.css", get(assets::style))
        .route("/static/app.js", get(assets::script))
        .fallback(not_found)
}

/// Renders a page as an HTML response with `status`.
fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (header::VARY, HeaderValue::from_static("Accept-Language")),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            body,
        )
            .into_response(),
        Err(err) => {
            tracing::error!("rendering a page: {err}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// The search parameters, normalised, with the interface language settled
/// (so that every link and form keeps it), or why they could not be read
/// (the form then keeps the query and the interface language).
fn settle(query: Option<String>, headers: &HeaderMap) -> (SearchParams, Ui, Option<String>) {
    let query = query.unwrap_or_default();
    let (params, problem) = match parse_query::<SearchParams>(&query) {
        Ok(params) => (links::normalize(params), None),
        Err(err) => (
            SearchParams {
                q: text_param(&query, "q"),
                ui: text_param(&query, "ui"),
                ..SearchParams::default()
            },
            Some(err.message),
        ),
    };
    let ui = Ui::choose(params.ui.as_deref(), headers);
    let params = SearchParams {
        ui: Some(ui.code().to_string()),
        ..params
    };
    (params, ui, problem)
}

/// The search page for `params` showing `error` or `results`.
fn search_page(
    params: &SearchParams,
    ui: Ui,
    error: Option<String>,
    results: Option<&warta_search::SearchResults>,
    outlets: Vec<(String, String)>,
) -> SearchPage {
    let t = ui.labels();
    let title = match &params.q {
        Some(q) => format!("{q} – Warta"),
        None if results.is_some() => format!("{} – Warta", t.results_heading),
        None => "Warta".to_string(),
    };
    let switch = links::search_url(&SearchParams {
        ui: Some(ui.other().code().to_string()),
        ..params.clone()
    });
    SearchPage {
        layout: Layout::new(ui, title, switch),
        form: Form::new(params, t, outlets),
        error,
        results: results.map(|r| ResultsView::new(r, params, t)),
    }
}

/// `GET /` and `GET /search`: the start page, results, or the search's
/// error (400) with the form still holding the query.
async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let (params, ui, problem) = settle(query, &headers);
    // The outlets the form offers; a page without them still works.
    let outlets = state
        .blocking(|backend| backend.outlets())
        .await
        .unwrap_or_default();
    if let Some(problem) = problem {
        let page = search_page(&params, ui, Some(problem), None, outlets);
        return html(StatusCode::BAD_REQUEST, &page);
    }
    if !params.is_search() {
        return html(
            StatusCode::OK,
            &search_page(&params, ui, None, None, outlets),
        );
    }
    let outcome = match params.to_request() {
        Ok(request) => {
            state
                .blocking(move |backend| backend.search(&request))
                .await
        }
        Err(err) => Err(err),
    };
    match outcome {
        Ok(results) => html(
            StatusCode::OK,
            &search_page(&params, ui, None, Some(&results), outlets),
        ),
        Err(err) => {
            let status = err.status();
            let message = if err.kind == ErrorType::Internal {
                tracing::error!("search page: {:?}: {}", err.code, err.message);
                ui.labels().server_error_text.to_string()
            } else {
                err.message
            };
            html(
                status,
                &search_page(&params, ui, Some(message), None, outlets),
            )
        }
    }
}

/// `GET /articles/{id}`: the article, readable, with the words of the
/// search it was reached from marked as its snippet marked them, or an
/// HTML 404.
async fn article(
    State(state): State<AppState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (params, ui, _) = settle(query, &headers);
    let t = ui.labels();
    let Ok(Path(id)) = id else {
        return error_page(
            ui,
            StatusCode::NOT_FOUND,
            links::home_url(Some(ui.other().code())),
        );
    };
    let switch = links::article_url(
        &id,
        &SearchParams {
            ui: Some(ui.other().code().to_string()),
            ..params.clone()
        },
    );
    // A search that cannot run (a malformed query) marks nothing, and the
    // page says so; the article still shows.
    let (request, mark_problem) = match params.q.as_ref().map(|_| params.to_request()) {
        Some(Ok(request)) => (Some(request), None),
        Some(Err(err)) => (None, Some(err.message)),
        None => (None, None),
    };
    let shown = state
        .blocking(move |backend| backend.marked_article(&id, request.as_ref()))
        .await;
    let shown = match shown {
        Ok(shown) => shown,
        Err(err) => {
            let status = if err.code == ErrorCode::NotFound {
                StatusCode::NOT_FOUND
            } else {
                tracing::error!("article page: {:?}: {}", err.code, err.message);
                err.status()
            };
            return error_page_with(ui, status, switch, Some(t.article_not_found));
        }
    };
    let article = shown.article;
    let untitled = article.title.trim().is_empty();
    let title = if untitled {
        t.untitled.to_string()
    } else {
        article.title.clone()
    };
    let title_html = if untitled {
        warta_search::escape_html(t.untitled)
    } else {
        shown.title.to_html()
    };
    let page = ArticlePage {
        layout: Layout::new(ui, format!("{title} – Warta"), switch),
        title_html,
        paragraphs_html: shown.body.paragraphs_html(),
        date: article
            .date
            .as_ref()
            .map(|d| (d.get(..10).unwrap_or(d).to_string(), t.date(d))),
        source: article.source.clone(),
        url: article
            .url
            .as_deref()
            .and_then(links::safe_external)
            .map(str::to_string),
        lang_name: t.lang_name(article.lang),
        lang: article.lang.code(),
        back_url: links::search_url(&params),
        from_search: params.q.is_some(),
        mark_problem,
    };
    html(StatusCode::OK, &page)
}

/// `GET /stories/{story}`: every copy of one story, earliest first, or an
/// HTML 404.
async fn story(
    State(state): State<AppState>,
    headers: HeaderMap,
    story: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (params, ui, _) = settle(query, &headers);
    let t = ui.labels();
    let Ok(Path(story)) = story else {
        return error_page(
            ui,
            StatusCode::NOT_FOUND,
            links::home_url(Some(ui.other().code())),
        );
    };
    let switch = links::story_url(
        &story,
        &SearchParams {
            ui: Some(ui.other().code().to_string()),
            ..params.clone()
        },
    );
    let copies = match state
        .blocking({
            let story = story.clone();
            move |backend| backend.story(&story)
        })
        .await
    {
        Ok(copies) => copies,
        Err(err) => {
            let status = if err.code == ErrorCode::NotFound {
                StatusCode::NOT_FOUND
            } else {
                tracing::error!("story page: {:?}: {}", err.code, err.message);
                err.status()
            };
            return error_page_with(ui, status, switch, Some(t.article_not_found));
        }
    };
    let page = view::StoryPage::new(ui, &copies, &params, switch);
    html(StatusCode::OK, &page)
}

/// An HTML error page (404 or 500) in `ui`.
fn error_page(ui: Ui, status: StatusCode, switch_url: String) -> Response {
    error_page_with(ui, status, switch_url, None)
}

fn error_page_with(
    ui: Ui,
    status: StatusCode,
    switch_url: String,
    not_found_text: Option<&'static str>,
) -> Response {
    let t = ui.labels();
    let (heading, message) = if status == StatusCode::NOT_FOUND {
        (
            t.not_found_title,
            not_found_text.unwrap_or(t.not_found_text),
        )
    } else {
        (t.server_error_title, t.server_error_text)
    };
    let page = ErrorPage {
        layout: Layout::new(ui, format!("{heading} – Warta"), switch_url),
        heading,
        message,
    };
    html(status, &page)
}

/// Unknown paths: JSON 404 under `/api/`, an HTML 404 page elsewhere.
async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::new(ErrorCode::NotFound, format!("no such endpoint: {path}"))
            .into_response();
    }
    let asked = uri.query().and_then(|query| text_param(query, "ui"));
    let ui = Ui::choose(asked.as_deref(), &headers);
    error_page(
        ui,
        StatusCode::NOT_FOUND,
        links::home_url(Some(ui.other().code())),
    )
}

/// The parameter `name` of a query string as text, ignoring everything
/// else (for what a page keeps when the rest cannot be read).
fn text_param(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| !value.is_empty())
}
