//! The page's URLs: every link carries the search state (query, filters,
//! options, page and interface language) so that nothing is lost on the
//! way to an article and back, with JavaScript or without.

use crate::params::SearchParams;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters escaped in a path segment: everything but the unreserved set.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Trims every parameter and drops the empty ones (an untouched form field),
/// so that links stay short and equal states give equal URLs.
pub fn normalize(params: SearchParams) -> SearchParams {
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    SearchParams {
        q: clean(params.q),
        match_mode: clean(params.match_mode).filter(|m| m != "all"),
        lang: clean(params.lang),
        source: clean(params.source),
        from: clean(params.from),
        to: clean(params.to),
        sort: clean(params.sort).filter(|s| s != "relevance"),
        page: clean(params.page).filter(|p| p != "1"),
        per_page: clean(params.per_page),
        ui: clean(params.ui),
    }
}

/// The query string of `params` (without `?`), in a fixed order.
pub fn query_string(params: &SearchParams) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    let pairs = [
        ("q", &params.q),
        ("match", &params.match_mode),
        ("lang", &params.lang),
        ("source", &params.source),
        ("from", &params.from),
        ("to", &params.to),
        ("sort", &params.sort),
        ("page", &params.page),
        ("per_page", &params.per_page),
        ("ui", &params.ui),
    ];
    for (name, value) in pairs {
        if let Some(value) = value {
            out.append_pair(name, value);
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

/// The results page for `params` (the start page when there is no query).
pub fn search_url(params: &SearchParams) -> String {
    if params.q.is_none() {
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
    next.page = (page > 1).then(|| page.to_string());
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
            lang: Some("en".into()),
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
            q: Some("  telegram ".into()),
            match_mode: Some("all".into()),
            source: Some(" ".into()),
            page: Some("1".into()),
            sort: Some("date".into()),
            ..SearchParams::default()
        });
        assert_eq!(query_string(&p), "q=telegram&sort=date");
    }

    #[test]
    fn changes_reset_the_page() {
        let p = on_page(&params("x"), 3);
        assert_eq!(query_string(&p), "q=x&page=3");
        let p = changed(&p, |p| p.lang = Some("id".into()));
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
