//! Typo tolerance: a typed word that no article holds, or that is far
//! rarer than a word a letter or two away, also matches its likeliest
//! near spellings from the index's own vocabulary, weighted below the word
//! as typed; and the query with those spellings is offered as "did you
//! mean".
//!
//! The edit budget grows with the word (none below five letters, one up
//! to eight, two from nine, as Meilisearch allows); a transposition is one
//! edit. A changed first letter is not proposed: people seldom get it
//! wrong, and keeping to it keeps a look-up to that letter's share of the
//! dictionary. Near spellings are chosen by how many articles hold them,
//! an edit more dividing that by ten. Phrases are respelled only when a
//! word of theirs is in no article (so the phrase as typed matches
//! nothing); quoted single words, prefixes, excluded words and words
//! already grouped with translations never are.

use super::parse::parse_query;
use super::passes::{NearSpelling, PassContext, QueryPass, RespellingUse, Weighted};
use super::tree::{Origin, QueryNode, TextScope};
use crate::request::Typo;
use warta_analysis::fold::fold;
use warta_analysis::stopwords::is_stopword;

/// The weight of a word's near spellings together, relative to the word
/// as typed (1): where the typed word occurs, its articles rank first.
pub const RESPELLING_WEIGHT: f32 = 0.5;

/// Most near spellings searched for one word.
const MAX_RESPELLINGS: usize = 2;

/// Most near spellings read from the vocabulary for one word, before they
/// are weighed.
const CANDIDATES: usize = 64;

/// A typed word held by more articles than this is taken as spelled as
/// meant, and its near spellings are not looked up.
const MAX_LOOKUP_DOC_FREQ: u64 = 20;

/// A near spelling of a word some articles hold must be held by this many
/// times as many articles to be searched too.
const RARER_BY: u64 = 50;

/// A near spelling weighing less than this share of the best one is left
/// out.
const MIN_SHARE_OF_BEST: f32 = 0.1;

/// How much rarer an extra edit makes a near spelling count.
const PER_EDIT: f32 = 10.0;

/// Edits allowed for a word of `chars` letters: none below five, one up
/// to eight, two from nine.
pub fn edit_budget(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// The respelling pass.
#[derive(Debug, Default)]
pub struct RespellPass;

/// The near spellings chosen for one typed word.
struct Choice {
    /// Likeliest first, with their weights.
    targets: Vec<Weighted>,
    /// Whether no article holds the typed word.
    replaced: bool,
}

impl Choice {
    fn best(&self) -> &str {
        self.targets.first().map_or("", |t| t.text.as_str())
    }
}

impl QueryPass for RespellPass {
    fn name(&self) -> &'static str {
        "respell"
    }

    fn rewrite(&self, tree: QueryNode, context: &mut PassContext<'_>) -> QueryNode {
        let mut respeller = Respeller {
            context,
            chosen: Vec::new(),
        };
        let search = respeller.context.request.typo == Typo::Auto;
        let rewritten = respeller.node(tree, search);
        if respeller.chosen.is_empty() {
            return rewritten;
        }
        // The suggestion respells the query as typed (no translations).
        let suggestion = parse_query(&respeller.context.request.query)
            .ok()
            .map(|typed| respeller.suggest(typed).to_query_text());
        let context = respeller.context;
        context.rewrites.suggestion = suggestion.filter(|s| *s != context.request.query);
        if search {
            for (source, choice) in respeller.chosen {
                context.rewrites.respellings.push(RespellingUse {
                    source,
                    targets: choice.targets,
                    replaced: choice.replaced,
                });
            }
        }
        rewritten
    }
}

/// One run of the pass over one tree.
struct Respeller<'c, 'r> {
    context: &'c mut PassContext<'r>,
    /// Each respelled word or phrase as typed, with its choice.
    chosen: Vec<(String, Choice)>,
}

impl Respeller<'_, '_> {
    /// `node` with its typed words grouped with their near spellings
    /// (when `search`), noting every choice either way.
    fn node(&mut self, node: QueryNode, search: bool) -> QueryNode {
        match node {
            QueryNode::And { clauses } => QueryNode::And {
                clauses: clauses.into_iter().map(|c| self.node(c, search)).collect(),
            },
            QueryNode::Or { clauses } => QueryNode::Or {
                clauses: clauses.into_iter().map(|c| self.node(c, search)).collect(),
            },
            QueryNode::Word {
                ref text,
                scope,
                ref origin,
                ..
            } if origin.is_typed() => {
                let text = text.clone();
                let Some(choice) = self.word_choice(&text) else {
                    return node;
                };
                let out = if search {
                    group(node, &text, scope, &choice, false)
                } else {
                    node
                };
                self.chosen.push((text, choice));
                out
            }
            QueryNode::Phrase {
                ref text,
                scope,
                ref origin,
                ..
            } if origin.is_typed() => {
                let text = text.clone();
                let Some(choice) = self.phrase_choice(&text) else {
                    return node;
                };
                let out = if search {
                    group(node, &text, scope, &choice, true)
                } else {
                    node
                };
                self.chosen.push((text, choice));
                out
            }
            other => other,
        }
    }

    /// `typed` (the query as parsed) with each respelled word replaced by
    /// its likeliest near spelling.
    fn suggest(&self, typed: QueryNode) -> QueryNode {
        match typed {
            QueryNode::And { clauses } => QueryNode::And {
                clauses: clauses.into_iter().map(|c| self.suggest(c)).collect(),
            },
            QueryNode::Or { clauses } => QueryNode::Or {
                clauses: clauses.into_iter().map(|c| self.suggest(c)).collect(),
            },
            QueryNode::Word {
                text,
                scope,
                weight,
                origin,
            } => QueryNode::Word {
                text: self.best_for(&text).unwrap_or(text),
                scope,
                weight,
                origin,
            },
            QueryNode::Phrase {
                text,
                scope,
                weight,
                origin,
            } => QueryNode::Phrase {
                text: self.best_for(&text).unwrap_or(text),
                scope,
                weight,
                origin,
            },
            other => other,
        }
    }

    fn best_for(&self, text: &str) -> Option<String> {
        self.chosen
            .iter()
            .find(|(typed, _)| typed == text)
            .map(|(_, choice)| choice.best().to_string())
    }

    /// The near spellings of a typed word worth searching, if it is one
    /// the index does not know well.
    fn word_choice(&self, text: &str) -> Option<Choice> {
        let folded = fold(text);
        let letters = folded.chars().count();
        if edit_budget(letters) == 0
            || !folded.chars().all(char::is_alphabetic)
            || is_stopword(&folded)
        {
            return None;
        }
        let vocabulary = self.context.vocabulary;
        let held = vocabulary.word_doc_freq(text);
        if held > MAX_LOOKUP_DOC_FREQ || (held > 0 && !self.context.respell_known) {
            return None;
        }
        let budget = edit_budget(letters);
        let first = folded.chars().next();
        let least = if held == 0 { 1 } else { held * RARER_BY };
        let mut weighed: Vec<(NearSpelling, f32)> = vocabulary
            .near_spellings(&folded, budget, CANDIDATES)
            .into_iter()
            .filter_map(|near| {
                let fits = near.text != folded
                    && near.text.chars().next() == first
                    && near.edits <= budget
                    && near.doc_freq >= least;
                let weight = near.doc_freq as f32 / PER_EDIT.powi(i32::from(near.edits) - 1);
                fits.then_some((near, weight))
            })
            .collect();
        weighed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.text.cmp(&b.0.text)));
        let best = weighed.first()?.1;
        weighed.retain(|(_, w)| *w >= best * MIN_SHARE_OF_BEST);
        weighed.truncate(MAX_RESPELLINGS);
        let total: f32 = weighed.iter().map(|(_, w)| w).sum();
        Some(Choice {
            targets: weighed
                .into_iter()
                .map(|(near, w)| Weighted {
                    text: near.text,
                    weight: RESPELLING_WEIGHT * w / total.max(f32::MIN_POSITIVE),
                })
                .collect(),
            replaced: held == 0,
        })
    }

    /// A typed phrase with its words that no article holds respelled, when
    /// it has such words and each has a near spelling.
    fn phrase_choice(&self, text: &str) -> Option<Choice> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() < 2 {
            return None;
        }
        let vocabulary = self.context.vocabulary;
        let mut respelled = Vec::with_capacity(words.len());
        let mut changed = false;
        for word in &words {
            if vocabulary.word_doc_freq(word) > 0 {
                respelled.push(word.to_string());
                continue;
            }
            let choice = self.word_choice(word)?;
            respelled.push(choice.best().to_string());
            changed = true;
        }
        changed.then(|| Choice {
            targets: vec![Weighted {
                text: respelled.join(" "),
                weight: RESPELLING_WEIGHT,
            }],
            replaced: true,
        })
    }
}

/// `node` (a typed word or phrase) grouped with its near spellings.
fn group(
    node: QueryNode,
    typed: &str,
    scope: TextScope,
    choice: &Choice,
    phrase: bool,
) -> QueryNode {
    let mut clauses = vec![node];
    for target in &choice.targets {
        let origin = Origin::Respelling {
            of: typed.to_string(),
        };
        clauses.push(if phrase {
            QueryNode::Phrase {
                text: target.text.clone(),
                scope,
                weight: target.weight,
                origin,
            }
        } else {
            QueryNode::Word {
                text: target.text.clone(),
                scope,
                weight: target.weight,
                origin,
            }
        });
    }
    QueryNode::Group { clauses }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::passes::{Rewrites, Vocabulary};
    use crate::request::SearchRequest;
    use std::collections::HashMap;
    use warta_analysis::Analyzer;

    /// A vocabulary of a few words with their article counts, near
    /// spellings by plain edit distance (with transpositions).
    struct Words(HashMap<&'static str, u64>);

    fn distance(a: &str, b: &str) -> u8 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()].min(255) as u8
    }

    impl Vocabulary for Words {
        fn word_doc_freq(&self, word: &str) -> u64 {
            self.0.get(fold(word).as_str()).copied().unwrap_or(0)
        }

        fn near_spellings(&self, word: &str, max_edits: u8, limit: usize) -> Vec<NearSpelling> {
            let mut near: Vec<NearSpelling> = self
                .0
                .iter()
                .map(|(text, freq)| NearSpelling {
                    text: text.to_string(),
                    edits: distance(word, text),
                    doc_freq: *freq,
                })
                .filter(|n| n.edits <= max_edits)
                .collect();
            near.sort_by_key(|n| std::cmp::Reverse(n.doc_freq));
            near.truncate(limit);
            near
        }
    }

    fn words() -> Words {
        Words(HashMap::from([
            ("durov", 40),
            ("telegram", 300),
            ("telgram", 2),
            ("kebakaran", 500),
            ("hutan", 400),
            ("mentari", 60),
            ("menteri", 9000),
            ("barat", 800),
            ("karat", 5),
            ("manchester", 90),
            ("united", 700),
        ]))
    }

    fn rewrite(query: &str, typo: Typo) -> (QueryNode, Rewrites) {
        let analyzer = Analyzer::default();
        let vocabulary = words();
        let mut request = SearchRequest::new(query);
        request.typo = typo;
        let mut context = PassContext {
            request: &request,
            analyzer: &analyzer,
            vocabulary: &vocabulary,
            respell_known: true,
            rewrites: Rewrites::default(),
        };
        let tree = parse_query(query).expect("parses");
        let tree = RespellPass.rewrite(tree, &mut context);
        (tree, context.rewrites)
    }

    fn respelled(rewrites: &Rewrites) -> Vec<(String, Vec<String>, bool)> {
        rewrites
            .respellings
            .iter()
            .map(|r| {
                let targets = r.targets.iter().map(|t| t.text.clone()).collect();
                (r.source.clone(), targets, r.replaced)
            })
            .collect()
    }

    #[test]
    fn a_word_in_no_article_is_searched_as_its_near_spelling() {
        let (tree, rewrites) = rewrite("durof telegram", Typo::Auto);
        assert_eq!(
            respelled(&rewrites),
            [("durof".to_string(), vec!["durov".to_string()], true)]
        );
        assert_eq!(rewrites.suggestion.as_deref(), Some("durov telegram"));
        let QueryNode::And { clauses } = tree else {
            panic!("an And");
        };
        assert!(matches!(&clauses[0], QueryNode::Group { clauses } if clauses.len() == 2));
    }

    #[test]
    fn a_rare_misspelling_of_a_common_word_is_searched_beside_it() {
        let (_, rewrites) = rewrite("telgram", Typo::Auto);
        assert_eq!(
            respelled(&rewrites),
            [("telgram".to_string(), vec!["telegram".to_string()], false)]
        );
    }

    #[test]
    fn known_words_short_words_and_exact_words_stay_as_typed() {
        for query in [
            "telegram durov",
            "mentari",   // rarer than "menteri", but in more than 20 articles
            "karat",     // rare, but "barat" changes the first letter
            "\"durof\"", // marked exact
            "duro*",
            "-durof telegram",
            "dura",
        ] {
            let (tree, rewrites) = rewrite(query, Typo::Auto);
            assert!(rewrites.respellings.is_empty(), "{query}: {rewrites:?}");
            assert_eq!(rewrites.suggestion, None, "{query}");
            assert_eq!(tree, parse_query(query).expect("parses"), "{query}");
        }
    }

    #[test]
    fn budgets_grow_with_the_word_and_transpositions_are_one_edit() {
        assert_eq!((edit_budget(4), edit_budget(5), edit_budget(8)), (0, 1, 1));
        assert_eq!(edit_budget(9), 2);
        // A transposition and a dropped letter: two edits, nine letters.
        let (_, rewrites) = rewrite("mancehstr", Typo::Auto);
        assert_eq!(rewrites.suggestion.as_deref(), Some("manchester"));
        let (_, rewrites) = rewrite("kebakran hutan", Typo::Auto);
        assert_eq!(rewrites.suggestion.as_deref(), Some("kebakaran hutan"));
    }

    #[test]
    fn a_phrase_is_respelled_only_where_a_word_of_it_is_in_no_article() {
        let (_, rewrites) = rewrite("\"manchster united\"", Typo::Auto);
        assert_eq!(
            respelled(&rewrites),
            [(
                "manchster united".to_string(),
                vec!["manchester united".to_string()],
                true
            )]
        );
        let (_, rewrites) = rewrite("\"telgram durov\"", Typo::Auto);
        assert!(rewrites.respellings.is_empty(), "{rewrites:?}");
    }

    #[test]
    fn with_typo_off_the_query_stays_as_typed_and_is_only_suggested() {
        let (tree, rewrites) = rewrite("durof telegram", Typo::Off);
        assert!(rewrites.respellings.is_empty());
        assert_eq!(rewrites.suggestion.as_deref(), Some("durov telegram"));
        assert_eq!(tree, parse_query("durof telegram").expect("parses"));
    }
}
