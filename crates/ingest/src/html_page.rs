//! Reading a saved HTML news page: metadata from markup (`og:*`,
//! `article:published_time`, `<title>`, `<html lang>`, canonical link) and
//! the main text, which then goes through the same line-based cleaning as
//! scraped text pages.

use scraper::{ElementRef, Html, Node, Selector};

use crate::dates;
use crate::text_page::{self, Hints, PageParts};

/// Metadata and text taken from an HTML page.
#[derive(Debug, Clone, Default)]
pub struct HtmlPage {
    /// Title, date, outlet and clean body.
    pub parts: PageParts,
    /// `og:url` or `<link rel=canonical>`.
    pub url: Option<String>,
    /// The two-letter primary subtag of `<html lang>`, lowercased.
    pub html_lang: Option<String>,
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "svg",
    "figcaption",
    "menu",
    "dialog",
    "head",
];

/// Elements that end a line of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "tr",
    "table",
    "pre",
    "figure",
    "dd",
    "dt",
    "hr",
    "time",
    "address",
];

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn collect_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                // Class/id hints for furniture that is not in semantic tags.
                let attrs = format!(
                    "{} {}",
                    e.attr("class").unwrap_or(""),
                    e.attr("id").unwrap_or("")
                )
                .to_lowercase();
                if [
                    "share",
                    "social",
                    "related",
                    "comment",
                    "breadcrumb",
                    "newsletter",
                    "advert",
                    "sidebar",
                    "menu",
                    "navbar",
                    "cookie",
                ]
                .iter()
                .any(|k| {
                    attrs
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|a| a == *k || a.starts_with(k) && a.len() <= k.len() + 2)
                }) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    collect_text(child_el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    let s = sel("meta")?;
    for key in keys {
        for m in doc.select(&s) {
            let v = m.value();
            let k = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            if k.is_some_and(|k| k.eq_ignore_ascii_case(key)) {
                if let Some(c) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                    return Some(c.to_string());
                }
            }
        }
    }
    None
}

fn first_text(doc: &Html, selector: &str) -> Option<String> {
    let s = sel(selector)?;
    let el = doc.select(&s).next()?;
    let t = el.text().collect::<Vec<_>>().join(" ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Strips a " - Site" / " | Site" suffix from a `<title>`.
fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(i) = t.rfind(sep) {
            if i >= 15 {
                return t[..i].trim().to_string();
            }
        }
    }
    t.trim().to_string()
}

/// Parses an HTML document.
pub fn parse(raw: &str) -> HtmlPage {
    let doc = Html::parse_document(raw);
    let title = meta(&doc, &["og:title", "twitter:title"])
        .or_else(|| first_text(&doc, "h1"))
        .or_else(|| first_text(&doc, "title").map(|t| strip_site_suffix(&t)));
    let date = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
        ],
    )
    .and_then(|d| dates::parse_iso(&d).or_else(|| dates::find_date(&d).map(|f| f.when)))
    .or_else(|| {
        let s = sel("time[datetime]")?;
        let t = doc.select(&s).next()?;
        dates::parse_iso(t.value().attr("datetime")?)
    });
    let source = meta(&doc, &["og:site_name", "application-name", "publisher"]);
    let url = meta(&doc, &["og:url"]).or_else(|| {
        let s = sel("link[rel=canonical]")?;
        doc.select(&s)
            .next()?
            .value()
            .attr("href")
            .map(str::to_string)
    });
    let html_lang = sel("html")
        .and_then(|s| {
            doc.select(&s)
                .next()
                .and_then(|h| h.value().attr("lang").map(str::to_string))
        })
        .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase())
        .filter(|l| !l.is_empty());

    // Main text: <article>, else <main>, else <body>.
    let mut text = String::new();
    for s in ["article", "main", "body"] {
        if let Some(el) = sel(s).and_then(|s| doc.select(&s).next()) {
            collect_text(el, &mut text);
            if text.split_whitespace().count() >= 20 || s == "body" {
                break;
            }
            text.clear();
        }
    }
    let hints = Hints {
        title,
        date,
        source,
    };
    let parts = text_page::parse_lines(text_page::split_lines(&text), &hints);
    HtmlPage {
        parts,
        url,
        html_lang,
    }
}
