//! Warta's query tree: what the user asked for, independent of any engine.
//!
//! The parser builds it, rewrite passes ([`super::passes`]) change it
//! (adding translations or respellings of a word as alternatives marked
//! with their [`Origin`] and a weight below the typed word's), and each
//! backend lowers it onto its own engine only at the end.

use serde::{Deserialize, Serialize};
use warta_analysis::langid::Lang;

/// Which analysed fields a text clause searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextScope {
    /// Title and body, the title boosted.
    All,
    /// The title only (`title:`).
    Title,
}

/// Where a word of the tree comes from: the user, or a rewrite pass.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// The user typed it.
    #[default]
    Typed,
    /// A translation of a typed word into the other language.
    Translation {
        /// The typed word it translates.
        of: String,
        /// The language it is in.
        lang: Lang,
    },
    /// A near spelling of a typed word that the index knows better.
    Respelling {
        /// The typed word it respells.
        of: String,
    },
}

impl Origin {
    /// Whether the user typed the word (what serialisation leaves out).
    pub fn is_typed(&self) -> bool {
        matches!(self, Origin::Typed)
    }
}

/// The weight of a typed word, against which a pass weighs what it adds.
pub const TYPED_WEIGHT: f32 = 1.0;

fn is_typed_weight(weight: &f32) -> bool {
    *weight == TYPED_WEIGHT
}

fn typed_weight() -> f32 {
    TYPED_WEIGHT
}

/// Whether `text` reads back as one plain word: no space, quote,
/// parenthesis, star, field prefix, leading minus or operator.
fn is_plain_word(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '“' | '”' | '(' | ')' | '*')
        })
        && !text.starts_with('-')
        && !matches!(text, "OR" | "ATAU" | "AND" | "DAN" | "NOT" | "BUKAN")
        && !["title:", "source:", "lang:"]
            .iter()
            .any(|field| text.to_lowercase().starts_with(field))
}

/// One node of a parsed query. Serialisable, so a saved search, an export
/// or an explanation can carry the query as structure, not as text. Words
/// the user typed serialise as they always have: `weight` and `origin`
/// appear only on what a pass added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum QueryNode {
    /// A plain word: matched after analysis (stemming, folding).
    Word {
        /// The word as typed (or as a pass wrote it).
        text: String,
        /// Fields searched.
        scope: TextScope,
        /// How much a match counts, relative to a typed word's 1.
        #[serde(default = "typed_weight", skip_serializing_if = "is_typed_weight")]
        weight: f32,
        /// Who put it there.
        #[serde(default, skip_serializing_if = "Origin::is_typed")]
        origin: Origin,
    },
    /// An exact phrase: the words in this order.
    Phrase {
        /// The phrase as typed, without quotes.
        text: String,
        /// Fields searched.
        scope: TextScope,
        /// How much a match counts, relative to a typed phrase's 1.
        #[serde(default = "typed_weight", skip_serializing_if = "is_typed_weight")]
        weight: f32,
        /// Who put it there.
        #[serde(default, skip_serializing_if = "Origin::is_typed")]
        origin: Origin,
    },
    /// A prefix (`komuni*`), matched against indexed terms.
    Prefix {
        /// The prefix as typed, without the star.
        text: String,
        /// Fields searched.
        scope: TextScope,
    },
    /// Articles from one outlet (`source:kompas.com`).
    Source {
        /// The outlet, compared case-insensitively.
        value: String,
    },
    /// Articles in one language (`lang:id`).
    Lang {
        /// The language.
        value: Lang,
    },
    /// Alternatives that stand for one word of the query: its first clause
    /// is the word as typed, the others what passes added for it
    /// (translations, respellings). It matches where any alternative does
    /// and is scored as one term, so a word with many alternatives weighs
    /// no more than a word with one.
    Group {
        /// The typed word first, then its alternatives.
        clauses: Vec<QueryNode>,
    },
    /// Every clause must hold (or, in match-any mode, any may).
    And {
        /// The clauses.
        clauses: Vec<QueryNode>,
    },
    /// At least one clause must hold.
    Or {
        /// The clauses.
        clauses: Vec<QueryNode>,
    },
    /// The clause must not hold.
    Not {
        /// The excluded clause.
        clause: Box<QueryNode>,
    },
}

impl QueryNode {
    /// A word the user typed.
    pub fn word(text: impl Into<String>, scope: TextScope) -> QueryNode {
        QueryNode::Word {
            text: text.into(),
            scope,
            weight: TYPED_WEIGHT,
            origin: Origin::Typed,
        }
    }

    /// A phrase the user typed.
    pub fn phrase(text: impl Into<String>, scope: TextScope) -> QueryNode {
        QueryNode::Phrase {
            text: text.into(),
            scope,
            weight: TYPED_WEIGHT,
            origin: Origin::Typed,
        }
    }

    /// Calls `visit` on this node and every node below it, parents first.
    pub fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a QueryNode)) {
        visit(self);
        match self {
            QueryNode::Group { clauses }
            | QueryNode::And { clauses }
            | QueryNode::Or { clauses } => {
                for clause in clauses {
                    clause.walk(visit);
                }
            }
            QueryNode::Not { clause } => clause.walk(visit),
            _ => {}
        }
    }

    /// The tree as query text that parses back to it (weights and origins
    /// aside): for links that search a changed tree, and for saved searches.
    pub fn to_query_text(&self) -> String {
        let mut out = String::new();
        self.write_query(&mut out, false);
        out
    }

    fn write_query(&self, out: &mut String, nested: bool) {
        let scoped = |out: &mut String, scope: &TextScope| {
            if *scope == TextScope::Title {
                out.push_str("title:");
            }
        };
        let quoted = |out: &mut String, text: &str| {
            out.push('"');
            out.push_str(&text.replace(['"', '“', '”'], " "));
            out.push('"');
        };
        match self {
            QueryNode::Word { text, scope, .. } => {
                scoped(out, scope);
                if is_plain_word(text) {
                    out.push_str(text);
                } else {
                    quoted(out, text);
                }
            }
            QueryNode::Phrase { text, scope, .. } => {
                scoped(out, scope);
                quoted(out, text);
            }
            QueryNode::Prefix { text, scope } => {
                scoped(out, scope);
                out.push_str(text);
                out.push('*');
            }
            QueryNode::Source { value } => {
                out.push_str("source:");
                if is_plain_word(value) {
                    out.push_str(value);
                } else {
                    quoted(out, value);
                }
            }
            QueryNode::Lang { value } => {
                out.push_str("lang:");
                out.push_str(value.code());
            }
            QueryNode::Group { clauses } | QueryNode::Or { clauses } => {
                let grouped = clauses.len() > 1;
                if grouped {
                    out.push('(');
                }
                for (n, clause) in clauses.iter().enumerate() {
                    if n > 0 {
                        out.push_str(" OR ");
                    }
                    clause.write_query(out, true);
                }
                if grouped {
                    out.push(')');
                }
            }
            QueryNode::And { clauses } => {
                if nested {
                    out.push('(');
                }
                for (n, clause) in clauses.iter().enumerate() {
                    if n > 0 {
                        out.push(' ');
                    }
                    clause.write_query(out, true);
                }
                if nested {
                    out.push(')');
                }
            }
            QueryNode::Not { clause } => {
                out.push('-');
                clause.write_query(out, true);
            }
        }
    }

    /// The words and phrases the user typed, in order (excluded ones too).
    pub fn typed_texts(&self) -> Vec<&str> {
        let mut texts = Vec::new();
        self.walk(&mut |node| match node {
            QueryNode::Word { text, origin, .. } | QueryNode::Phrase { text, origin, .. }
                if origin.is_typed() =>
            {
                texts.push(text.as_str())
            }
            _ => {}
        });
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse_query;

    #[test]
    fn query_text_parses_back_to_the_tree() {
        for text in [
            "telegram durov",
            "(isis OR teroris) -whatsapp title:\"London Bridge\" lang:id komuni*",
            "source:kompas.com \"e-mail anak\" NOT (a b)",
            "title:banjir OR lang:en",
        ] {
            let tree = parse_query(text).expect("parses");
            let again = parse_query(&tree.to_query_text()).expect("parses back");
            assert_eq!(again, tree, "{text} → {}", tree.to_query_text());
        }
        let group = QueryNode::Group {
            clauses: vec![
                QueryNode::word("flood", TextScope::All),
                QueryNode::phrase("air bah", TextScope::All),
            ],
        };
        assert_eq!(group.to_query_text(), "(flood OR \"air bah\")");
    }
}
