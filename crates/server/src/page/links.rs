//! The page's URLs: every link carries the search state (query, filters,
//! options, page and interface language) so that nothing is lost on the
//! way to an article and back, with JavaScript or without.

use crate::params::SearchParams;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use warta_search::{Collapse, MatchMode, SortOrder, Translate, Typo};

/// Characters escaped in a path segment: everything but the unreserved set.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Drops the parameters that say what their absence says (all words,
/// relevance, page 1), so that links stay short and equal states give
/// equal URLs. Blanks are already gone: [`SearchParams`] reads them as absent.
pub fn normalize(params: SearchParams) -> SearchParams {
    SearchParams {
        match_mode: params.match_mode.filter(|m| *m != MatchMode::All),
        sort: params.sort.filter(|s| *s != SortOrder::Relevance),
        xl: params.xl.filter(|x| *x != Translate::Auto),
        typo: params.typo.filter(|x| *x != Typo::Auto),
        collapse: params.collapse.filter(|c| *c != Collapse::On),
        page: params.page.filter(|p| *p != 1),
        ..params
    }
}

/// The query string of `params` (without `?`), in a fixed order.
pub fn query_string(params: &SearchParams) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let date = |d: &Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let pairs = [
        ("q", params.q.clone()),
        ("match", params.match_mode.map(|m| m.as_str().to_string())),
        ("lang", params.lang.map(|l| l.code().to_string())),
        ("source", params.source.clone()),
        ("from", date(&params.from)),
        ("to", date(&params.to)),
        ("sort", params.sort.map(|s| s.as_str().to_string())),
        ("xl", params.xl.map(|x| x.as_str().to_string())),
        ("typo", params.typo.map(|x| x.as_str().to_string())),
        ("collapse", params.collapse.map(|c| c.as_str().to_string())),
        ("page", params.page.map(|p| p.to_string())),
        ("per_page", params.per_page.map(|p| p.to_string())),
        ("ui", params.ui.clone()),
    ];
    for (name, value) in pairs {
        if let Some(value) = value {
            out.append_pair(name, &value);
        }
    }
    out.finish()
}

/// `path?query`, or just `path` when there are no parameters.
fn with_query(path: &str, params: &SearchParams) -> String {
    let query = query_string(params);
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

/// The results page for `params` (the start page when there is neither a
/// query nor a filter).
pub fn search_url(params: &SearchParams) -> String {
    if !params.is_search() {
        home_url(params.ui.as_deref())
    } else {
        with_query("/search", params)
    }
}

/// The start page in an interface language.
pub fn home_url(ui: Option<&str>) -> String {
    with_query(
        "/",
        &SearchParams {
            ui: ui.map(str::to_string),
            ..SearchParams::default()
        },
    )
}

/// An article's page, carrying the search it was reached from.
pub fn article_url(id: &str, params: &SearchParams) -> String {
    with_query(
        &format!("/articles/{}", utf8_percent_encode(id, SEGMENT)),
        params,
    )
}

/// An export of the search `params` describes (`format` is `csv` or
/// `json`), without the page and interface options, which do not apply.
pub fn export_url(params: &SearchParams, format: &str) -> String {
    with_query(
        &format!("/api/search.{format}"),
        &SearchParams {
            page: None,
            per_page: None,
            ui: None,
            ..params.clone()
        },
    )
}

/// The page listing a story's copies, carrying the search it came from.
pub fn story_url(story: &str, params: &SearchParams) -> String {
    with_query(
        &format!("/stories/{}", utf8_percent_encode(story, SEGMENT)),
        params,
    )
}

/// `params` changed by `change`, back on the first page (a new filter or
/// order makes the old page number meaningless).
pub fn changed(params: &SearchParams, change: impl FnOnce(&mut SearchParams)) -> SearchParams {
    let mut next = params.clone();
    next.page = None;
    change(&mut next);
    next
}

/// `params` on page `page`.
pub fn on_page(params: &SearchParams, page: usize) -> SearchParams {
    let mut next = params.clone();
    next.page = (page > 1).then_some(page);
    next
}

/// Only `http:` and `https:` addresses become links; anything else
/// (`javascript:`, `data:`) is shown as text at most.
pub fn safe_external(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str) -> SearchParams {
        SearchParams {
            q: Some(q.to_string()),
            ..SearchParams::default()
        }
    }

    #[test]
    fn urls_encode_and_keep_state() {
        let p = SearchParams {
            lang: Some(warta_search::Lang::En),
            ui: Some("id".into()),
            ..params("a&b \"c\"")
        };
        assert_eq!(search_url(&p), "/search?q=a%26b+%22c%22&lang=en&ui=id");
        assert_eq!(
            article_url("x/y z", &p),
            "/articles/x%2Fy%20z?q=a%26b+%22c%22&lang=en&ui=id"
        );
        assert_eq!(home_url(Some("en")), "/?ui=en");
        assert_eq!(home_url(None), "/");
    }

    #[test]
    fn normalize_drops_defaults_and_blanks() {
        let p = normalize(SearchParams {
            q: Some("telegram".into()),
            match_mode: Some(MatchMode::All),
            page: Some(1),
            sort: Some(SortOrder::Date),
            ..SearchParams::default()
        });
        assert_eq!(query_string(&p), "q=telegram&sort=date");
    }

    #[test]
    fn changes_reset_the_page() {
        let p = on_page(&params("x"), 3);
        assert_eq!(query_string(&p), "q=x&page=3");
        let p = changed(&p, |p| p.lang = Some(warta_search::Lang::Id));
        assert_eq!(query_string(&p), "q=x&lang=id");
        assert_eq!(query_string(&on_page(&p, 1)), "q=x&lang=id");
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(safe_external(" https://a.b/c "), Some("https://a.b/c"));
        assert_eq!(safe_external("HTTP://a.b"), Some("HTTP://a.b"));
        assert_eq!(safe_external("javascript:alert(1)"), None);
        assert_eq!(safe_external("data:text/html,x"), None);
        assert_eq!(safe_external("ht"), None);
    }
}
