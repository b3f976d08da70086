//! Suggestions as a query is typed: the word being typed completed from
//! the archive's own headline words, and outlets by name, each as the
//! whole query it would become.
//!
//! A backend supplies the word completions ([`crate::SearchBackend::word_completions`]);
//! splitting what was typed, matching outlets and putting the two
//! together is the same for every backend, here.

use crate::error::SearchError;
use crate::request::MAX_QUERY_CHARS;
use serde::Serialize;
use warta_analysis::fold::fold;

/// Most suggestions one request may ask for.
pub const MAX_SUGGESTIONS: usize = 20;

/// Suggestions given when a request does not say how many.
pub const DEFAULT_SUGGESTIONS: usize = 8;

/// Most outlets among the suggestions.
const MAX_OUTLETS: usize = 3;

/// What a suggestion completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// A word of the archive's headlines.
    Word,
    /// An outlet, as a `source:` filter.
    Outlet,
}

/// One suggestion: the query it makes, and what to show.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    /// The whole query with the word being typed completed.
    pub query: String,
    /// What to show for it (the completed word, or the outlet's name).
    pub label: String,
    /// Whether it completes a word or names an outlet.
    pub kind: SuggestionKind,
    /// Headlines with the word, or the outlet's articles, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

/// What was typed, split at the word being typed.
#[derive(Debug, PartialEq)]
pub(crate) struct Typing<'a> {
    /// Everything before the word (kept as typed).
    pub(crate) head: &'a str,
    /// A mark before the word kept in the suggestion (`-`, `"`, `source:`).
    pub(crate) mark: &'a str,
    /// The word typed so far, folded as the index holds words.
    pub(crate) prefix: String,
    /// Whether the word is an outlet filter (`source:kom`).
    pub(crate) outlet_only: bool,
}

/// Splits `typed` at its last word; `None` when no word is being typed
/// (empty, or ending in a space or a closing quote or parenthesis).
pub(crate) fn typing(typed: &str) -> Option<Typing<'_>> {
    let start = typed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (head, word) = typed.split_at(start);
    let (mark, rest) = if let Some(rest) = strip_prefix_ci(word, "source:") {
        (&word[..word.len() - rest.len()], rest)
    } else if let Some(rest) = word.strip_prefix(['-', '"']) {
        (&word[..1], rest)
    } else {
        ("", word)
    };
    let outlet_only = !mark.is_empty() && mark != "-" && mark != "\"";
    if rest.contains([':', '"', '*', ')']) {
        return None;
    }
    let prefix = fold(rest);
    if prefix.is_empty() || !prefix.chars().all(char::is_alphanumeric) {
        return None;
    }
    Some(Typing {
        head,
        mark,
        prefix,
        outlet_only,
    })
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Checks a suggestion request: what was typed and how many it wants.
pub fn check_suggest(typed: &str, limit: usize) -> Result<(), SearchError> {
    if typed.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::parameter(format!(
            "q is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    if limit == 0 || limit > MAX_SUGGESTIONS {
        return Err(SearchError::parameter(format!(
            "limit must be between 1 and {MAX_SUGGESTIONS}, not {limit}"
        )));
    }
    Ok(())
}

/// The suggestions for `typed`: up to `limit`, headline words first (by
/// how many headlines have them), then outlets whose key or a word of
/// whose name starts with the word typed. `words` completes a folded
/// prefix into (word, headlines) pairs, most common first; `outlets` are
/// (key, name) pairs.
pub fn suggestions(
    typed: &str,
    limit: usize,
    words: impl FnOnce(&str, usize) -> Result<Vec<(String, u64)>, SearchError>,
    outlets: &[(String, String)],
) -> Result<Vec<Suggestion>, SearchError> {
    check_suggest(typed, limit)?;
    let Some(typing) = typing(typed) else {
        return Ok(Vec::new());
    };
    let matching: Vec<&(String, String)> = outlets
        .iter()
        .filter(|(key, name)| {
            key.starts_with(&typing.prefix)
                || fold(name)
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|word| word.starts_with(&typing.prefix))
        })
        .take(MAX_OUTLETS.min(limit))
        .collect();
    let mut out = Vec::with_capacity(limit);
    if !typing.outlet_only {
        let room = limit - matching.len().min(limit / 2);
        for (word, count) in words(&typing.prefix, room)? {
            out.push(Suggestion {
                query: format!("{}{}{word}", typing.head, typing.mark),
                label: word,
                kind: SuggestionKind::Word,
                count: Some(count),
            });
        }
    }
    // An outlet filter keeps a leading `-` (to exclude the outlet).
    let negated = if typing.mark == "-" { "-" } else { "" };
    for (key, name) in matching {
        if out.len() == limit {
            break;
        }
        out.push(Suggestion {
            query: format!("{}{negated}source:{key}", typing.head),
            label: name.clone(),
            kind: SuggestionKind::Outlet,
            count: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(prefix: &str, limit: usize) -> Result<Vec<(String, u64)>, SearchError> {
        let all = [
            ("telegram", 40),
            ("teror", 12),
            ("teroris", 30),
            ("tempo", 9),
        ];
        let mut found: Vec<(String, u64)> = all
            .iter()
            .filter(|(w, _)| w.starts_with(prefix))
            .map(|(w, n)| (w.to_string(), *n))
            .collect();
        found.sort_by_key(|w| std::cmp::Reverse(w.1));
        found.truncate(limit);
        Ok(found)
    }

    fn outlets() -> Vec<(String, String)> {
        vec![
            ("tempo".to_string(), "Tempo".to_string()),
            ("tribunnews".to_string(), "Tribunnews".to_string()),
        ]
    }

    fn queries(typed: &str) -> Vec<String> {
        suggestions(typed, 8, words, &outlets())
            .expect("valid")
            .into_iter()
            .map(|s| s.query)
            .collect()
    }

    #[test]
    fn the_last_word_is_completed_and_the_rest_kept() {
        assert_eq!(
            queries("isis Te"),
            [
                "isis telegram",
                "isis teroris",
                "isis teror",
                "isis tempo",
                "isis source:tempo"
            ]
        );
        assert_eq!(queries("-ter"), ["-teroris", "-teror"]);
        assert_eq!(queries("(isis OR tel"), ["(isis OR telegram"]);
    }

    #[test]
    fn outlet_filters_complete_to_outlets_only() {
        assert_eq!(queries("banjir source:tri"), ["banjir source:tribunnews"]);
        assert_eq!(queries("banjir Source:TEM"), ["banjir source:tempo"]);
    }

    #[test]
    fn nothing_is_suggested_when_no_word_is_being_typed() {
        for typed in [
            "",
            "telegram ",
            "\"london bridge\"",
            "komuni*",
            "title:",
            "??",
        ] {
            assert!(queries(typed).is_empty(), "{typed:?}");
        }
    }

    #[test]
    fn bounds_are_checked() {
        assert!(suggestions("te", 0, words, &[]).is_err());
        assert!(suggestions("te", MAX_SUGGESTIONS + 1, words, &[]).is_err());
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert!(suggestions(&long, 8, words, &[]).is_err());
        assert_eq!(
            suggestions("te", 2, words, &outlets())
                .map(|s| s.len())
                .ok(),
            Some(2)
        );
    }
}
