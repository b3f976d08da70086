//! Marking a query's words in an article, by the analyzer's token offsets:
//! a word is marked when the term it is indexed as is one the query looks
//! up (the engine's `highlight_terms`: for "banjir", every indexed form of
//! that stem, "kebanjiran" among them), and nothing is marked by accident
//! of spelling.

use std::collections::HashSet;
use std::ops::Range;
use warta_analysis::Analyzer;
use warta_search::escape_html;

/// The byte ranges of `text` whose tokens are among `terms`, sorted and
/// merged, each on character boundaries.
pub fn marked_ranges(
    analyzer: &Analyzer,
    text: &str,
    terms: &HashSet<String>,
) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let mut ranges: Vec<Range<usize>> = analyzer
        .analyze(text)
        .into_iter()
        .filter(|token| terms.contains(&token.text))
        .map(|token| token.offset_from..token.offset_to)
        .filter(|r| {
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        })
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// `text[span]` as escaped HTML with the parts inside `marks` (sorted,
/// merged byte ranges over the whole text) wrapped in `<mark>`, single line
/// breaks becoming `<br>`.
fn render_span(text: &str, span: Range<usize>, marks: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = span.start;
    let escape = |piece: &str| escape_html(piece).replace('\n', "<br>\n");
    for mark in marks {
        let start = mark.start.max(span.start);
        let end = mark.end.min(span.end);
        if start >= end {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[start..end]));
        out.push_str("</mark>");
        at = end;
    }
    out.push_str(&escape(&text[at..span.end]));
    out
}

/// A one-line text (a headline) as escaped HTML with `marks` highlighted.
pub fn render_line(text: &str, marks: &[Range<usize>]) -> String {
    render_span(text, 0..text.len(), marks)
}

/// A body's paragraphs (split on blank lines), each as escaped HTML with
/// `marks` highlighted.
pub fn render_paragraphs(body: &str, marks: &[Range<usize>]) -> Vec<String> {
    paragraph_spans(body)
        .into_iter()
        .map(|span| render_span(body, span, marks))
        .collect()
}

/// Byte ranges of the paragraphs of `body`: runs of lines separated by one
/// or more blank (whitespace-only) lines, trimmed of surrounding space.
fn paragraph_spans(body: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(span) = current.take() {
                spans.push(span);
            }
            continue;
        }
        let end = start + content.len();
        match &mut current {
            Some(span) => span.end = end,
            None => current = Some(start..end),
        }
    }
    spans.extend(current);
    spans
        .into_iter()
        .filter_map(|span| {
            let text = &body[span.clone()];
            let lead = text.len() - text.trim_start().len();
            let tail = text.len() - text.trim_end().len();
            let trimmed = span.start + lead..span.end - tail;
            (trimmed.start < trimmed.end).then_some(trimmed)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &Analyzer, query: &str) -> HashSet<String> {
        analyzer
            .query_terms(query)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let body = "  One\nstill one\n\n \n\nTwo  \n\n";
        let spans: Vec<&str> = paragraph_spans(body)
            .into_iter()
            .map(|s| &body[s])
            .collect();
        assert_eq!(spans, ["One\nstill one", "Two"]);
        assert!(paragraph_spans("").is_empty());
    }

    #[test]
    fn marks_words_by_their_terms_and_escapes_the_rest() {
        let analyzer = Analyzer::default();
        let body = "Aplikasi <b>Telegram</b> & telegram's rival.\n\nNo match here.";
        let marks = marked_ranges(&analyzer, body, &terms(&analyzer, "telegram"));
        assert!(!marks.is_empty());
        let html = render_paragraphs(body, &marks);
        assert_eq!(html.len(), 2);
        assert!(html[0].contains("&lt;b&gt;<mark>Telegram</mark>&lt;/b&gt; &amp; "));
        assert!(!html[0].contains("<b>"));
        assert_eq!(html[1], "No match here.");
    }

    #[test]
    fn marks_inflected_forms() {
        let analyzer = Analyzer::default();
        let text = "Jakarta kebanjiran lagi";
        // What the engine looks up for "banjir": the stem and its forms.
        let looked_up = HashSet::from(["banjir".to_string(), "kebanjiran".to_string()]);
        let marks = marked_ranges(&analyzer, text, &looked_up);
        assert_eq!(
            render_line(text, &marks),
            "Jakarta <mark>kebanjiran</mark> lagi"
        );
    }

    #[test]
    fn no_terms_no_marks() {
        let analyzer = Analyzer::default();
        assert!(marked_ranges(&analyzer, "text", &HashSet::new()).is_empty());
        assert_eq!(render_line("a < b", &[]), "a &lt; b");
    }
}
