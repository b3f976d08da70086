//! What the templates show, computed in Rust: the templates only lay it out.
//! Every string here is plain text that the templates escape, except the
//! fields named `*_html`, which are built from escaped text and `<mark>`.

use super::assets;
use super::i18n::{Labels, Ui};
use super::links::{self, changed, on_page, search_url};
use crate::params::SearchParams;
use askama::Template;
use chrono::{Datelike, NaiveDate};
use warta_search::query::{QueryNode, TranslationUse};
use warta_search::{
    outlet_key, outlet_name, Collapse, Lang, MatchMode, SearchResults, SortOrder, Translate, Typo,
    MAX_PAGE_WINDOW,
};

/// Page numbers shown on each side of the current one.
const PAGE_RADIUS: usize = 2;

/// What every page shares: language, labels, the language switch, assets.
pub struct Layout {
    /// The interface language's code (`lang` of `<html>`).
    pub ui: &'static str,
    /// The labels in that language.
    pub t: &'static Labels,
    /// The document title.
    pub title: String,
    /// This page in the other interface language.
    pub switch_url: String,
    /// The other language's code.
    pub switch_code: &'static str,
    /// The other language's name, in that language.
    pub switch_name: &'static str,
    /// The start page, in this language.
    pub home_url: String,
    /// The stylesheet's versioned address.
    pub css_url: &'static str,
    /// The script's versioned address.
    pub js_url: &'static str,
}

impl Layout {
    /// The layout for a page titled `title` whose address in the other
    /// language is `switch_url`.
    pub fn new(ui: Ui, title: String, switch_url: String) -> Layout {
        Layout {
            ui: ui.code(),
            t: ui.labels(),
            title,
            switch_url,
            switch_code: ui.other().code(),
            switch_name: ui.other().labels().own_name,
            home_url: links::home_url(Some(ui.code())),
            css_url: assets::css_url(),
            js_url: assets::js_url(),
        }
    }
}

/// Whether a date range other than one whole year (which the year facet
/// shows) is set: only the options panel shows it.
fn custom_dates(params: &SearchParams) -> bool {
    match (params.from, params.to) {
        (None, None) => false,
        (Some(from), Some(to)) => year_range(from.year()) != Some((from, to)),
        _ => true,
    }
}

/// The search form's current values.
pub struct Form {
    /// The query text.
    pub q: String,
    /// Whether "any word" is chosen.
    pub match_any: bool,
    /// Whether newest-first is chosen.
    pub sort_date: bool,
    /// Whether oldest-first is chosen.
    pub sort_oldest: bool,
    /// The archive's outlets to choose from: (key, name).
    pub outlets: Vec<(String, String)>,
    /// Whether words are searched as typed only (no translation).
    pub typed_only: bool,
    /// Whether words are matched as spelled only (no near spellings).
    pub spelled_only: bool,
    /// The source filter.
    pub source: String,
    /// Start of the date range.
    pub from: String,
    /// End of the date range.
    pub to: String,
    /// A `per_page` to keep (hidden field), when one was given.
    pub per_page: Option<String>,
    /// Whether the options panel starts open (an option that only it shows
    /// is set: "any word" or a date range other than a whole year).
    pub options_open: bool,
    /// The language filter choices: (value, label, selected).
    pub lang_choices: Vec<(&'static str, &'static str, bool)>,
}

/// A date as a form field and a link write it.
fn iso(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Form {
    /// The form showing `params`, offering `outlets`.
    pub fn new(params: &SearchParams, t: &'static Labels, outlets: Vec<(String, String)>) -> Form {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut lang_choices = vec![("", t.any_language, params.lang.is_none())];
        lang_choices.extend(
            Lang::ALL
                .into_iter()
                .map(|lang| (lang.code(), t.lang_name(lang), params.lang == Some(lang))),
        );
        Form {
            q: text(&params.q),
            match_any: params.match_mode == Some(MatchMode::Any),
            sort_date: params.sort == Some(SortOrder::Date),
            sort_oldest: params.sort == Some(SortOrder::Oldest),
            outlets,
            typed_only: params.xl == Some(Translate::Off),
            spelled_only: params.typo == Some(Typo::Off),
            source: text(&params.source),
            from: iso(params.from),
            to: iso(params.to),
            per_page: params.per_page.map(|n| n.to_string()),
            options_open: params.match_mode.is_some()
                || params.xl.is_some()
                || params.typo.is_some()
                || custom_dates(params),
            lang_choices,
        }
    }
}

/// The start page, a results page, or a search that could not run.
#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    /// Shared chrome.
    pub layout: Layout,
    /// The search form.
    pub form: Form,
    /// Why the search could not run (shown with status 400 or 500).
    pub error: Option<String>,
    /// The results, when a search ran.
    pub results: Option<ResultsView>,
}

/// One page of results, ready to show.
pub struct ResultsView {
    /// "12 results", or "12 articles in 9 stories".
    pub count: String,
    /// When a page past the last was asked for: what to say, and the last
    /// page's address.
    pub past_last: Option<(String, String)>,
    /// The same search with copies shown apart (or grouped again), when
    /// the results have copies: (label, address).
    pub collapse_url: Option<(&'static str, String)>,
    /// "0.8 ms".
    pub took: String,
    /// The hits of this page.
    pub hits: Vec<HitView>,
    /// Number of the first hit on this page (for `<ol start>`).
    pub start: usize,
    /// Facet groups with at least one value.
    pub facets: Vec<FacetGroup>,
    /// Filters in force, each removable.
    pub active: Vec<ActiveFilter>,
    /// Removes every filter, when there are several.
    pub clear_url: Option<String>,
    /// Links ordering the results by relevance and by date: (label, url, current).
    pub sort_links: Vec<(&'static str, String, bool)>,
    /// Page links, when there is more than one page.
    pub pager: Option<Pager>,
    /// What was searched besides the words as typed, when anything was.
    pub searched: Option<Searched>,
    /// Near spellings searched for misspelled words, when any were.
    pub respelled: Option<Respelled>,
    /// A respelled query to search instead (with `typo=off`): (text, url).
    pub did_you_mean: Option<(String, String)>,
    /// The search as CSV and as JSON (up to 1,000 rows; `rows=` for more).
    pub exports: (String, String),
    /// Why the hits include articles without every word, when they do.
    pub relaxed_note: Option<String>,
}

/// What was searched besides the words as typed: each language's
/// translations, a link to the words as typed only, and links that pick
/// another translation.
pub struct Searched {
    /// One line per language searched: ("Also searched in Indonesian", "banjir (flood)").
    pub lines: Vec<(String, String)>,
    /// The same search with the words as typed only (`xl=off`).
    pub typed_only_url: String,
    /// Other translations to search instead: (label, url).
    pub others: Vec<(String, String)>,
}

/// Translations picked for a search: links to the search with one word's
/// translation replaced by another, spelled out in the query (`xl=off`),
/// so the search stays what it says.
fn other_translation_links(
    tree: &QueryNode,
    used: &[TranslationUse],
    params: &SearchParams,
) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for translation in used {
        for other in &translation.others {
            let picked = pick_translation(tree, &translation.source, other);
            let url = search_url(&changed(params, |p| {
                p.q = Some(picked.to_query_text());
                p.xl = Some(Translate::Off);
            }));
            links.push((format!("{other} ({})", translation.source), url));
        }
    }
    links
}

/// `tree` with the group of the word `source` searching `other` as its
/// only translation.
fn pick_translation(tree: &QueryNode, source: &str, other: &str) -> QueryNode {
    match tree {
        QueryNode::Group { clauses } if clauses.first().is_some_and(|c| is_text(c, source)) => {
            let typed = clauses[0].clone();
            let scope = match &typed {
                QueryNode::Word { scope, .. } | QueryNode::Phrase { scope, .. } => *scope,
                _ => warta_search::TextScope::All,
            };
            let rendering = if other.contains(' ') {
                QueryNode::phrase(other, scope)
            } else {
                QueryNode::word(other, scope)
            };
            QueryNode::Group {
                clauses: vec![typed, rendering],
            }
        }
        QueryNode::Group { clauses } => QueryNode::Group {
            clauses: clauses
                .iter()
                .map(|c| pick_translation(c, source, other))
                .collect(),
        },
        QueryNode::And { clauses } => QueryNode::And {
            clauses: clauses
                .iter()
                .map(|c| pick_translation(c, source, other))
                .collect(),
        },
        QueryNode::Or { clauses } => QueryNode::Or {
            clauses: clauses
                .iter()
                .map(|c| pick_translation(c, source, other))
                .collect(),
        },
        QueryNode::Not { clause } => QueryNode::Not {
            clause: Box::new(pick_translation(clause, source, other)),
        },
        other => other.clone(),
    }
}

/// Whether `node` is the word or phrase `text`.
fn is_text(node: &QueryNode, text: &str) -> bool {
    matches!(node, QueryNode::Word { text: t, .. } | QueryNode::Phrase { text: t, .. } if t == text)
}

impl Searched {
    /// What `results` searched besides the words as typed, if anything.
    fn new(results: &SearchResults, params: &SearchParams, t: &'static Labels) -> Option<Searched> {
        let used = &results.rewrites.translations;
        if used.is_empty() {
            return None;
        }
        let mut lines: Vec<(String, String)> = Vec::new();
        for lang in [Lang::Id, Lang::En] {
            let words: Vec<String> = used
                .iter()
                .filter(|u| u.lang == lang)
                .map(|u| {
                    let targets: Vec<&str> = u.targets.iter().map(|w| w.text.as_str()).collect();
                    format!("{} ({})", targets.join(", "), u.source)
                })
                .collect();
            if !words.is_empty() {
                lines.push((t.also_searched(lang).to_string(), words.join("; ")));
            }
        }
        Some(Searched {
            lines,
            typed_only_url: search_url(&changed(params, |p| p.xl = Some(Translate::Off))),
            others: other_translation_links(&results.parsed, used, params),
        })
    }
}

/// Near spellings searched for words the index does not know well.
pub struct Respelled {
    /// The query the results are for, when a word is in no article
    /// ("Showing results for durov").
    pub showing: Option<String>,
    /// Near spellings searched beside words some articles hold:
    /// ("telegram", "telgram").
    pub also: Vec<(String, String)>,
    /// The query as typed.
    pub typed: String,
    /// The same search with spellings as typed only (`typo=off`).
    pub as_typed_url: String,
}

impl Respelled {
    /// The near spellings `results` searched, if any.
    fn new(results: &SearchResults, params: &SearchParams) -> Option<Respelled> {
        let used = &results.rewrites.respellings;
        if used.is_empty() {
            return None;
        }
        let also = used
            .iter()
            .filter(|u| !u.replaced)
            .map(|u| {
                let targets: Vec<&str> = u.targets.iter().map(|w| w.text.as_str()).collect();
                (targets.join(", "), u.source.clone())
            })
            .collect();
        Some(Respelled {
            showing: used
                .iter()
                .any(|u| u.replaced)
                .then(|| results.rewrites.suggestion.clone())
                .flatten(),
            also,
            typed: results.query.clone(),
            as_typed_url: search_url(&changed(params, |p| p.typo = Some(Typo::Off))),
        })
    }
}

/// The suggested respelling of a search that searched the words as
/// spelled: (text, url of that search).
fn did_you_mean(results: &SearchResults, params: &SearchParams) -> Option<(String, String)> {
    if !results.rewrites.respellings.is_empty() {
        return None;
    }
    let suggestion = results.rewrites.suggestion.clone()?;
    let url = search_url(&changed(params, |p| {
        p.q = Some(suggestion.clone());
        p.page = None;
    }));
    Some((suggestion, url))
}

/// One hit.
pub struct HitView {
    /// The article page, carrying the search.
    pub url: String,
    /// Headline (or a placeholder).
    pub title: String,
    /// ISO date for `<time datetime>`, and how it is shown.
    pub date: Option<(String, String)>,
    /// The outlet's name.
    pub source: Option<String>,
    /// Language code.
    pub lang: &'static str,
    /// Language name, for screen readers.
    pub lang_name: &'static str,
    /// The story's other copies, when it has any.
    pub copies: Option<CopiesView>,
    /// The snippet: escaped by the search crate, matches in `<mark>`.
    pub snippet_html: String,
    /// Words of the query the article lacks (in a widened search).
    pub missing: Vec<String>,
}

/// A hit's other copies: how many, where and when some ran, and the page
/// that lists them all.
pub struct CopiesView {
    /// "3 copies".
    pub count: String,
    /// Some of the other copies: (outlet, shown date).
    pub some: Vec<(String, String)>,
    /// The story's page.
    pub url: String,
}

/// One facet: a heading and its values.
pub struct FacetGroup {
    /// Heading.
    pub name: &'static str,
    /// Values, each a link adding the filter.
    pub values: Vec<FacetValue>,
}

/// One facet value.
pub struct FacetValue {
    /// The filter value (a language code, source or year).
    pub value: String,
    /// What is shown.
    pub label: String,
    /// Matching articles, as shown (digits grouped).
    pub count: String,
    /// The results with this filter added (or removed, when active).
    pub url: String,
    /// Whether this filter is in force.
    pub active: bool,
}

/// A filter in force.
pub struct ActiveFilter {
    /// "Language: English".
    pub label: String,
    /// The results without it.
    pub remove_url: String,
}

/// Pagination links.
pub struct Pager {
    /// The previous page, unless on the first.
    pub prev: Option<String>,
    /// The next page, unless on the last.
    pub next: Option<String>,
    /// Numbered links; `None` marks a gap.
    pub pages: Vec<Option<PageLink>>,
}

/// One numbered page link.
pub struct PageLink {
    /// Page number.
    pub number: usize,
    /// Its address.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// A year as a date range (`None` past the calendar's reach).
fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

impl ResultsView {
    /// Builds the view of `results` found for `params`.
    pub fn new(results: &SearchResults, params: &SearchParams, t: &'static Labels) -> ResultsView {
        let hits = results
            .hits
            .iter()
            .map(|hit| HitView {
                url: links::article_url(&hit.id, params),
                title: if hit.title.trim().is_empty() {
                    t.untitled.to_string()
                } else {
                    hit.title.clone()
                },
                date: hit
                    .date
                    .as_ref()
                    .map(|d| (d.get(..10).unwrap_or(d).to_string(), t.date(d))),
                source: hit.outlet.clone().or_else(|| hit.source.clone()),
                lang: hit.lang.code(),
                lang_name: t.lang_name(hit.lang),
                copies: (hit.copies > 1).then(|| CopiesView {
                    count: t.copies(hit.copies as usize),
                    some: hit
                        .other_copies
                        .iter()
                        .map(|copy| {
                            (
                                copy.outlet
                                    .clone()
                                    .unwrap_or_else(|| t.untitled.to_string()),
                                copy.date.as_deref().map(|d| t.date(d)).unwrap_or_default(),
                            )
                        })
                        .collect(),
                    url: links::story_url(&hit.story, params),
                }),
                snippet_html: hit.snippet.to_html(),
                missing: hit.missing.clone(),
            })
            .collect();
        let active = active_filters(params, t);
        let clear_url = (active.len() > 1).then(|| {
            search_url(&changed(params, |p| {
                p.lang = None;
                p.source = None;
                p.from = None;
                p.to = None;
            }))
        });
        let current = params.sort.unwrap_or(if params.q.is_none() {
            SortOrder::Date
        } else {
            SortOrder::Relevance
        });
        let sort_links = [
            (t.sort_relevance, SortOrder::Relevance),
            (t.sort_date, SortOrder::Date),
            (t.sort_oldest, SortOrder::Oldest),
        ]
        .into_iter()
        .filter(|(_, order)| params.q.is_some() || *order != SortOrder::Relevance)
        .map(|(label, order)| {
            let sort = (order != SortOrder::Relevance).then_some(order);
            (
                label,
                search_url(&changed(params, |p| p.sort = sort)),
                current == order,
            )
        })
        .collect();
        let collapsed = params.collapse != Some(Collapse::Off);
        let last_page = results.total.div_ceil(results.per_page.max(1)).max(1);
        ResultsView {
            count: if collapsed && results.stories < results.total {
                t.count_in_stories(results.total, results.stories)
            } else {
                t.count(results.total)
            },
            past_last: (results.hits.is_empty() && results.total > 0).then(|| {
                (
                    t.past_last_page(results.page, last_page),
                    search_url(&on_page(
                        params,
                        last_page.min(MAX_PAGE_WINDOW / results.per_page.max(1)),
                    )),
                )
            }),
            collapse_url: (results.stories < results.total).then(|| {
                let collapse = if collapsed { Some(Collapse::Off) } else { None };
                (
                    if collapsed {
                        t.show_every_copy
                    } else {
                        t.group_copies
                    },
                    search_url(&changed(params, |p| p.collapse = collapse)),
                )
            }),
            took: t.millis(results.took_ms),
            hits,
            start: (results.page - 1) * results.per_page + 1,
            facets: facet_groups(results, params, t),
            active,
            clear_url,
            sort_links,
            pager: pager(results.total, results.page, results.per_page, params),
            searched: Searched::new(results, params, t),
            respelled: Respelled::new(results, params),
            did_you_mean: did_you_mean(results, params),
            exports: (
                links::export_url(params, "csv"),
                links::export_url(params, "json"),
            ),
            relaxed_note: results.relaxed.as_ref().map(|r| t.relaxed(r.all_words)),
        }
    }
}

fn active_filters(params: &SearchParams, t: &'static Labels) -> Vec<ActiveFilter> {
    let mut active = Vec::new();
    if let Some(lang) = params.lang {
        active.push(ActiveFilter {
            label: format!("{}: {}", t.language, t.lang_name(lang)),
            remove_url: search_url(&changed(params, |p| p.lang = None)),
        });
    }
    if let Some(source) = &params.source {
        active.push(ActiveFilter {
            label: format!("{}: {}", t.source, outlet_name(source)),
            remove_url: search_url(&changed(params, |p| p.source = None)),
        });
    }
    let year = match (params.from, params.to) {
        (Some(from), Some(to)) => Some(from.year()).filter(|&y| year_range(y) == Some((from, to))),
        _ => None,
    };
    if let Some(year) = year {
        active.push(ActiveFilter {
            label: format!("{}: {year}", t.year),
            remove_url: search_url(&changed(params, |p| {
                p.from = None;
                p.to = None;
            })),
        });
    } else {
        if let Some(from) = params.from {
            active.push(ActiveFilter {
                label: format!("{}: {from}", t.from),
                remove_url: search_url(&changed(params, |p| p.from = None)),
            });
        }
        if let Some(to) = params.to {
            active.push(ActiveFilter {
                label: format!("{}: {to}", t.to),
                remove_url: search_url(&changed(params, |p| p.to = None)),
            });
        }
    }
    active
}

fn facet_groups(
    results: &SearchResults,
    params: &SearchParams,
    t: &'static Labels,
) -> Vec<FacetGroup> {
    let lang = FacetGroup {
        name: t.language,
        values: results
            .facets
            .lang
            .iter()
            .map(|(code, count)| {
                let lang = Lang::from_code(code).unwrap_or(Lang::Other);
                let active = params.lang == Some(lang);
                FacetValue {
                    value: code.clone(),
                    label: t.lang_name(lang).to_string(),
                    count: t.number(*count as usize),
                    url: search_url(&changed(params, |p| p.lang = (!active).then_some(lang))),
                    active,
                }
            })
            .collect(),
    };
    let current_source = params.source.as_deref().map(outlet_key);
    let mut sources: Vec<(&String, &u64)> = results.facets.source.iter().collect();
    sources.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let source = FacetGroup {
        name: t.source,
        values: sources
            .into_iter()
            .take(20)
            .map(|(key, count)| {
                let active = current_source.as_deref() == Some(key.as_str());
                let name = results
                    .facets
                    .outlet_names
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| outlet_name(key));
                FacetValue {
                    value: key.clone(),
                    label: name,
                    count: t.number(*count as usize),
                    url: search_url(&changed(params, |p| {
                        p.source = (!active).then(|| key.clone())
                    })),
                    active,
                }
            })
            .collect(),
    };
    let year = FacetGroup {
        name: t.year,
        values: results
            .facets
            .year
            .iter()
            .rev()
            .filter_map(|(year, count)| {
                let (from, to) = year_range(year.parse().ok()?)?;
                let active = params.from == Some(from) && params.to == Some(to);
                Some(FacetValue {
                    value: year.clone(),
                    label: year.clone(),
                    count: t.number(*count as usize),
                    url: search_url(&changed(params, |p| {
                        if active {
                            p.from = None;
                            p.to = None;
                        } else {
                            p.from = Some(from);
                            p.to = Some(to);
                        }
                    })),
                    active,
                })
            })
            .collect(),
    };
    [lang, source, year]
        .into_iter()
        .filter(|g| !g.values.is_empty())
        .collect()
}

/// Page links around `page`, bounded by the deepest reachable page.
fn pager(total: usize, page: usize, per_page: usize, params: &SearchParams) -> Option<Pager> {
    let per_page = per_page.max(1);
    let last = total
        .div_ceil(per_page)
        .min(MAX_PAGE_WINDOW / per_page)
        .max(1);
    if last <= 1 && page <= 1 {
        return None;
    }
    let url = |n: usize| search_url(&on_page(params, n));
    let mut pages = Vec::new();
    let low = page.saturating_sub(PAGE_RADIUS).max(1);
    let high = (page + PAGE_RADIUS).min(last);
    if low > 1 {
        pages.push(Some(PageLink {
            number: 1,
            url: url(1),
            current: false,
        }));
        if low > 2 {
            pages.push(None);
        }
    }
    for n in low..=high {
        pages.push(Some(PageLink {
            number: n,
            url: url(n),
            current: n == page,
        }));
    }
    if high < last {
        if high + 1 < last {
            pages.push(None);
        }
        pages.push(Some(PageLink {
            number: last,
            url: url(last),
            current: false,
        }));
    }
    Some(Pager {
        prev: (page > 1).then(|| url((page - 1).min(last))),
        next: (page < last).then(|| url(page + 1)),
        pages,
    })
}

/// An article, readable, with the search's words marked.
#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticlePage {
    /// Shared chrome.
    pub layout: Layout,
    /// The headline, escaped, words marked.
    pub title_html: String,
    /// The body's paragraphs, escaped, words marked.
    pub paragraphs_html: Vec<String>,
    /// ISO date and how it is shown.
    pub date: Option<(String, String)>,
    /// Outlet.
    pub source: Option<String>,
    /// The original address, when it is a web address.
    pub url: Option<String>,
    /// Language code.
    pub lang: &'static str,
    /// Language name.
    pub lang_name: &'static str,
    /// The results this article was reached from (or the start page).
    pub back_url: String,
    /// Whether the page came from a search (and words are marked).
    pub from_search: bool,
    /// Why the search's words could not be marked, when they could not.
    pub mark_problem: Option<String>,
}

/// Every copy of one story, earliest first.
#[derive(Template)]
#[template(path = "story.html")]
pub struct StoryPage {
    /// Shared chrome.
    pub layout: Layout,
    /// "3 copies, first seen 22 Nov 2015".
    pub lead: String,
    /// The copies: (article page, title, outlet, ISO date and shown date, language code).
    pub copies: Vec<StoryCopyView>,
    /// The results the page was reached from (or the start page).
    pub back_url: String,
    /// Whether it was reached from a search.
    pub from_search: bool,
}

/// One copy on a story's page.
pub struct StoryCopyView {
    /// Its article page.
    pub url: String,
    /// Headline (or a placeholder).
    pub title: String,
    /// The outlet's name.
    pub outlet: Option<String>,
    /// ISO date and how it is shown.
    pub date: Option<(String, String)>,
    /// Language code.
    pub lang: &'static str,
}

impl StoryPage {
    /// The page of `story`'s `copies`, reached with `params`.
    pub fn new(
        ui: Ui,
        copies: &[warta_search::Copy],
        params: &SearchParams,
        switch_url: String,
    ) -> StoryPage {
        let t = ui.labels();
        let first = copies
            .iter()
            .find_map(|c| c.date.as_deref())
            .map(|d| t.date(d))
            .unwrap_or_else(|| t.undated.to_string());
        let lead = t
            .story_lead
            .replace("{n}", &t.number(copies.len()))
            .replace("{date}", &first);
        StoryPage {
            layout: Layout::new(ui, format!("{} – Warta", t.story_title), switch_url),
            lead,
            copies: copies
                .iter()
                .map(|c| StoryCopyView {
                    url: links::article_url(&c.id, params),
                    title: if c.title.trim().is_empty() {
                        t.untitled.to_string()
                    } else {
                        c.title.clone()
                    },
                    outlet: c.outlet.clone(),
                    date: c
                        .date
                        .as_ref()
                        .map(|d| (d.get(..10).unwrap_or(d).to_string(), t.date(d))),
                    lang: c.lang.code(),
                })
                .collect(),
            back_url: search_url(params),
            from_search: params.is_search(),
        }
    }
}

/// A page that cannot be shown: 404 or 500.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Shared chrome.
    pub layout: Layout,
    /// Heading.
    pub heading: &'static str,
    /// Explanation.
    pub message: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pager) -> Vec<Option<usize>> {
        p.pages
            .iter()
            .map(|l| l.as_ref().map(|l| l.number))
            .collect()
    }

    #[test]
    fn pager_is_bounded_with_gaps() {
        let params = SearchParams {
            q: Some("x".into()),
            ..SearchParams::default()
        };
        assert!(pager(5, 1, 10, &params).is_none());
        let p = pager(25, 1, 10, &params).expect("three pages");
        assert_eq!(numbers(&p), [Some(1), Some(2), Some(3)]);
        assert!(p.prev.is_none());
        assert_eq!(p.next.as_deref(), Some("/search?q=x&page=2"));
        let p = pager(1000, 10, 10, &params).expect("many pages");
        assert_eq!(
            numbers(&p),
            [
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(100)
            ]
        );
        let p = pager(10_000_000, 1, 10, &params).expect("capped");
        assert_eq!(numbers(&p).last(), Some(&Some(MAX_PAGE_WINDOW / 10)));
    }
}
