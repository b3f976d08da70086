//! A text with marked byte ranges, and its renderings.

use serde::Serialize;
use std::ops::Range;

/// A text with some byte ranges marked: a snippet's fragment, a headline,
/// an article's body. The ranges are sorted, merged (touching ranges
/// join) and on character boundaries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Highlighted {
    text: String,
    marks: Vec<Range<usize>>,
}

impl Highlighted {
    /// `text` with `marks` (any order; overlapping, touching, empty or out
    /// of range ones are merged or dropped).
    pub fn new(text: impl Into<String>, marks: Vec<Range<usize>>) -> Highlighted {
        let text = text.into();
        let mut marks: Vec<Range<usize>> = marks
            .into_iter()
            .filter(|r| {
                r.start < r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            })
            .collect();
        marks.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
        for mark in marks {
            match merged.last_mut() {
                Some(last) if mark.start <= last.end => last.end = last.end.max(mark.end),
                _ => merged.push(mark),
            }
        }
        Highlighted {
            text,
            marks: merged,
        }
    }

    /// A text with nothing marked.
    pub fn plain(text: impl Into<String>) -> Highlighted {
        Highlighted {
            text: text.into(),
            marks: Vec::new(),
        }
    }

    /// The text, unmarked.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The marked byte ranges of [`Highlighted::text`].
    pub fn marks(&self) -> &[Range<usize>] {
        &self.marks
    }

    /// Whether anything is marked.
    pub fn has_marks(&self) -> bool {
        !self.marks.is_empty()
    }

    /// The text as escaped HTML, each mark in `<mark>`.
    pub fn to_html(&self) -> String {
        self.span_html(0..self.text.len(), false)
    }

    /// The text with each mark between `open` and `close`, not escaped:
    /// for a terminal or a CSV cell.
    pub fn to_text(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.marks.len());
        let mut at = 0;
        for mark in &self.marks {
            out.push_str(&self.text[at..mark.start]);
            out.push_str(open);
            out.push_str(&self.text[mark.clone()]);
            out.push_str(close);
            at = mark.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The text's paragraphs (split on blank lines, trimmed), each as
    /// escaped HTML with its marks, single line breaks as `<br>`: an
    /// article page's body.
    pub fn paragraphs_html(&self) -> Vec<String> {
        paragraph_spans(&self.text)
            .into_iter()
            .map(|span| self.span_html(span, true))
            .collect()
    }

    /// `text[span]` as escaped HTML with the marks inside it.
    fn span_html(&self, span: Range<usize>, line_breaks: bool) -> String {
        let escape = |out: &mut String, piece: &str| {
            if line_breaks {
                out.push_str(&escape_html(piece).replace('\n', "<br>\n"));
            } else {
                escape_into(out, piece);
            }
        };
        let mut out = String::with_capacity(span.len() + 16 * self.marks.len());
        let mut at = span.start;
        for mark in &self.marks {
            let start = mark.start.max(span.start);
            let end = mark.end.min(span.end);
            if start >= end {
                continue;
            }
            escape(&mut out, &self.text[at..start]);
            out.push_str("<mark>");
            escape(&mut out, &self.text[start..end]);
            out.push_str("</mark>");
            at = end;
        }
        escape(&mut out, &self.text[at..span.end]);
        out
    }
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

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_sorted_merged_and_kept_on_boundaries() {
        let h = Highlighted::new("aé b cd", vec![5..7, 0..1, 1..3, 2..3, 4..5, 9..12, 3..3]);
        // 2..3 is inside "é" (bytes 1..3): dropped; 0..1 and 1..3 touch: merged.
        assert_eq!(h.marks(), &[0..3, 4..7]);
        assert_eq!(h.to_html(), "<mark>aé</mark> <mark>b c</mark>d");
        assert_eq!(h.to_text("[", "]"), "[aé] [b c]d");
    }

    #[test]
    fn html_escapes_text_and_marks_but_text_does_not() {
        let h = Highlighted::new("<b> & \"x\"", vec![0..3, 3..3]);
        assert_eq!(h.to_html(), "<mark>&lt;b&gt;</mark> &amp; &quot;x&quot;");
        assert_eq!(h.to_text("", ""), "<b> & \"x\"");
        assert_eq!(Highlighted::plain("a'b").to_html(), "a&#39;b");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_keep_marks() {
        let body = "  One\nstill one\n\n \n\nTwo  \n\n";
        let h = Highlighted::new(body, vec![2..5, 20..23]);
        assert_eq!(
            h.paragraphs_html(),
            ["<mark>One</mark><br>\nstill one", "<mark>Two</mark>"]
        );
        assert!(paragraph_spans("").is_empty());
    }
}
