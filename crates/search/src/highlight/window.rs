//! Which part of a long body a snippet is made from, and the lead shown
//! when a hit matched in its title only.

use super::highlighter::Highlighter;
use super::marks::Highlighted;

/// Longest snippet: bytes of a highlighted fragment, characters of a lead.
pub const SNIPPET_CHARS: usize = 240;

/// Bytes of body analysed for a snippet: the snippet's length and half as
/// much again, so the fragment choice has a second candidate.
const SNIPPET_WINDOW_BYTES: usize = SNIPPET_CHARS * 3 / 2;

/// How far back a window may move to start at the beginning of a word.
const WORD_START_LOOKBACK: usize = 48;

/// The part of a body worth analysing for its snippet.
///
/// Analysing every hit's whole body is the largest cost of a search, so the
/// window starts at the word where the richest passage of plain
/// occurrences of the query's terms begins (the indexed forms are the
/// words as written, folded), or at the opening when no term shows as
/// plain text; the snippet is still chosen and marked by the analyzer
/// within it, so highlighting stays exact.
pub(crate) fn snippet_source<'a>(body: &'a str, highlighter: &Highlighter) -> &'a str {
    if body.len() <= SNIPPET_WINDOW_BYTES {
        return body;
    }
    let passage = highlighter.richest_passage(body).unwrap_or(0);
    let start = word_start(body, passage);
    let mut end = (start + SNIPPET_WINDOW_BYTES).min(body.len());
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[start..end]
}

/// The start of the word holding byte `at`, looking
/// back at most [`WORD_START_LOOKBACK`] bytes; `at` itself when no space
/// is that near (text without spaces).
fn word_start(body: &str, at: usize) -> usize {
    let mut at = at.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let mut from = at.saturating_sub(WORD_START_LOOKBACK);
    while !body.is_char_boundary(from) {
        from -= 1;
    }
    match body[from..at].rfind(char::is_whitespace) {
        Some(space) => {
            let after = from + space;
            after + body[after..].chars().next().map_or(0, char::len_utf8)
        }
        None if from == 0 => 0,
        None => at,
    }
}

/// The opening of a body, unmarked, for hits whose match is in the title only.
pub(crate) fn lead_of(body: &str) -> Highlighted {
    let mut lead: String = body.chars().take(SNIPPET_CHARS).collect();
    if lead.len() < body.len() {
        if let Some(cut) = lead.rfind(' ') {
            lead.truncate(cut);
        }
        lead.push('…');
    }
    Highlighted::plain(lead)
}

#[cfg(test)]
mod tests {
    use super::word_start;

    #[test]
    fn windows_start_at_the_start_of_a_word() {
        let body = "Para pengguna internet";
        assert_eq!(word_start(body, 9), 5);
        assert_eq!(word_start(body, 5), 5);
        assert_eq!(word_start(body, 2), 0);
        assert_eq!(word_start("tanpa spasi: é€", 15), 13);
        // Inside a character: from the character.
        assert_eq!(word_start("tanpa spasi: é€", 16), 13);
        assert_eq!(word_start("kata", 99), 0);
        // No space within reach (text without spaces): the match itself.
        let unspaced = "東京".repeat(20);
        assert_eq!(word_start(&unspaced, 60), 60);
    }
}
