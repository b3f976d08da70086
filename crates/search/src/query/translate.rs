//! Structured query translation (Pirkola; Darwish & Oard's probabilistic
//! structured queries): each query word the lexicon knows becomes a
//! [`QueryNode::Group`] of the word as typed and its translations, each
//! translation weighted by its probability and all of them below the
//! typed word, so the group is matched and scored as one word.
//!
//! The query's language is read from its words: a word the lexicon knows
//! only as English is English, only as Indonesian is Indonesian, and
//! function words (`the`, `yang`) vote for theirs; a word the lexicon
//! knows in both takes the language of the rest of the query. Function
//! words, names and words the lexicon does not know (`KPK Jokowi`) stay as
//! typed. Two or three words in a row that the lexicon has as one entry
//! (`united states`) translate together, as a phrase (`amerika serikat`);
//! a typed phrase translates only when the lexicon has the phrase itself.

use super::lexicon::{Lexicon, Translation, MAX_TRANSLATIONS};
use super::passes::{PassContext, QueryPass, TranslationUse, Weighted};
use super::tree::{Origin, QueryNode, TextScope};
use crate::request::Translate;
use std::sync::Arc;
use warta_analysis::fold::fold;
use warta_analysis::langid::{detect_word, is_function_word, Lang};
use warta_analysis::stopwords::is_stopword;

/// The weight of a word's translations together, relative to the word as
/// typed (1): an article in the other language matches below one in the
/// query's own words.
pub const TRANSLATION_WEIGHT: f32 = 0.5;

/// A translation weighing less than this share of the word's best one is
/// left out (a rare sense of the word).
const MIN_SHARE_OF_BEST: f32 = 0.2;

/// Most words a lexicon entry looked up across the query spans.
const MAX_ENTRY_WORDS: usize = 3;

/// The translation pass.
pub struct TranslatePass {
    lexicon: Arc<Lexicon>,
}

impl TranslatePass {
    /// A pass translating with `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> TranslatePass {
        TranslatePass { lexicon }
    }

    /// The language the lexicon takes `key` (a word's stems) to be in, if
    /// it knows the word: `Some(None)` when it knows it in both languages.
    fn side(&self, key: &str) -> Option<Option<Lang>> {
        match (
            self.lexicon.knows(key, Lang::En),
            self.lexicon.knows(key, Lang::Id),
        ) {
            (true, false) => Some(Some(Lang::En)),
            (false, true) => Some(Some(Lang::Id)),
            (true, true) => Some(None),
            (false, false) => None,
        }
    }
}

/// Whether `text` only says how a sentence is built (a function word or
/// a stopword): never translated.
fn is_grammar(text: &str) -> bool {
    let folded = fold(text);
    is_function_word(&folded) || is_stopword(&folded)
}

/// A typed word or phrase of the query, with its lexicon key and language.
struct Leaf {
    key: String,
    /// The language the lexicon (or, for a function word, the word) says.
    lang: Option<Lang>,
    /// Whether it is a word to translate (the lexicon knows it, and it is
    /// not a function word).
    known: bool,
}

impl QueryPass for TranslatePass {
    fn name(&self) -> &'static str {
        "translate"
    }

    fn rewrite(&self, tree: QueryNode, context: &mut PassContext<'_>) -> QueryNode {
        if context.request.xl == Translate::Off || self.lexicon.is_empty() {
            return tree;
        }
        let mut leaves = Vec::new();
        tree.walk(&mut |node| {
            if let QueryNode::Word { text, origin, .. } | QueryNode::Phrase { text, origin, .. } =
                node
            {
                if origin.is_typed() {
                    let key = Lexicon::key(context.analyzer, text);
                    let leaf = if is_grammar(text) {
                        let lang = Some(detect_word(text)).filter(|l| *l != Lang::Other);
                        Leaf {
                            key,
                            lang,
                            known: false,
                        }
                    } else {
                        let side = self.side(&key);
                        Leaf {
                            key,
                            lang: side.flatten(),
                            known: side.is_some(),
                        }
                    };
                    leaves.push(leaf);
                }
            }
        });
        if !leaves.iter().any(|l| l.known) {
            return tree;
        }
        let english = leaves.iter().filter(|l| l.lang == Some(Lang::En)).count();
        let indonesian = leaves.iter().filter(|l| l.lang == Some(Lang::Id)).count();
        let query_lang = match english.cmp(&indonesian) {
            std::cmp::Ordering::Greater => Some(Lang::En),
            std::cmp::Ordering::Less => Some(Lang::Id),
            std::cmp::Ordering::Equal => None,
        };
        let mut leaves = leaves.into_iter();
        let mut translator = Translator {
            pass: self,
            context,
            query_lang,
            leaves: &mut leaves,
        };
        translator.node(tree)
    }
}

/// One run of the pass over one tree: the leaves in the order `walk` met
/// them, consumed in the same order by the rewrite.
struct Translator<'p, 'c, 'r, I> {
    pass: &'p TranslatePass,
    context: &'c mut PassContext<'r>,
    query_lang: Option<Lang>,
    leaves: &'c mut I,
}

/// The renderings chosen for one word or phrase, as tree nodes.
struct Chosen {
    nodes: Vec<QueryNode>,
    used: TranslationUse,
}

impl<I: Iterator<Item = Leaf>> Translator<'_, '_, '_, I> {
    fn node(&mut self, node: QueryNode) -> QueryNode {
        match node {
            QueryNode::Word {
                ref text,
                scope,
                ref origin,
                ..
            } if origin.is_typed() => {
                let text = text.clone();
                self.leaf(node, &text, scope, false)
            }
            QueryNode::Phrase {
                ref text,
                scope,
                ref origin,
                ..
            } if origin.is_typed() => {
                let text = text.clone();
                self.leaf(node, &text, scope, true)
            }
            QueryNode::And { clauses } => QueryNode::And {
                clauses: self.run_of_words(clauses),
            },
            QueryNode::Or { clauses } => QueryNode::Or {
                clauses: clauses.into_iter().map(|c| self.node(c)).collect(),
            },
            QueryNode::Group { clauses } => QueryNode::Group {
                clauses: clauses.into_iter().map(|c| self.node(c)).collect(),
            },
            QueryNode::Not { clause } => QueryNode::Not {
                clause: Box::new(self.node(*clause)),
            },
            other => other,
        }
    }

    /// The clauses of an `And`, with runs of words that the lexicon has as
    /// one entry grouped with that entry's translations.
    fn run_of_words(&mut self, clauses: Vec<QueryNode>) -> Vec<QueryNode> {
        let mut out = Vec::with_capacity(clauses.len());
        let mut rest = clauses.into_iter().peekable();
        let mut pending: Vec<QueryNode> = Vec::new();
        loop {
            // Typed words of one scope, gathered to look up their runs.
            while let Some(QueryNode::Word { origin, .. }) = rest.peek() {
                if !origin.is_typed() || pending.len() == MAX_ENTRY_WORDS {
                    break;
                }
                pending.extend(rest.next());
            }
            if pending.is_empty() {
                match rest.next() {
                    Some(clause) => out.push(self.node(clause)),
                    None => return out,
                }
                continue;
            }
            match self.entry_of(&pending) {
                Some((length, group)) => {
                    out.push(group);
                    pending.drain(..length);
                }
                None => {
                    let first = pending.remove(0);
                    out.push(self.node(first));
                }
            }
        }
    }

    /// The longest run of two or more of `words` from the first that the
    /// lexicon has as one entry, as its length and a group.
    fn entry_of(&mut self, words: &[QueryNode]) -> Option<(usize, QueryNode)> {
        let texts: Vec<(&str, TextScope)> = words
            .iter()
            .map_while(|w| match w {
                QueryNode::Word { text, scope, .. } => Some((text.as_str(), *scope)),
                _ => None,
            })
            .collect();
        for length in (2..=texts.len()).rev() {
            let run = &texts[..length];
            if run.iter().any(|(_, scope)| *scope != run[0].1) {
                continue;
            }
            let text: Vec<&str> = run.iter().map(|(t, _)| *t).collect();
            let text = text.join(" ");
            let key = Lexicon::key(self.context.analyzer, &text);
            let Some(side) = self.pass.side(&key) else {
                continue;
            };
            let Some(from) = side.or(self.query_lang) else {
                continue;
            };
            let Some(chosen) = self.choose(&key, &text, run[0].1, from) else {
                continue;
            };
            // The run's words are translated together: theirs are used up.
            for _ in 0..length {
                self.leaves.next();
            }
            let mut clauses = vec![QueryNode::And {
                clauses: words[..length].to_vec(),
            }];
            clauses.extend(chosen.nodes);
            self.context.rewrites.translations.push(chosen.used);
            return Some((length, QueryNode::Group { clauses }));
        }
        None
    }

    /// A typed word or phrase, as a group with its translations when it
    /// has any worth searching.
    fn leaf(&mut self, node: QueryNode, text: &str, scope: TextScope, phrase: bool) -> QueryNode {
        let Some(leaf) = self.leaves.next() else {
            return node;
        };
        if !leaf.known || (phrase && !leaf.key.contains(' ')) {
            return node;
        }
        let Some(from) = leaf.lang.or(self.query_lang) else {
            return node;
        };
        let Some(chosen) = self.choose(&leaf.key, text, scope, from) else {
            return node;
        };
        let mut clauses = vec![node];
        clauses.extend(chosen.nodes);
        self.context.rewrites.translations.push(chosen.used);
        QueryNode::Group { clauses }
    }

    /// The translations of `text` (with stem key `key`, read as `from`)
    /// worth searching: the likeliest the index holds, weighted.
    fn choose(&self, key: &str, text: &str, scope: TextScope, from: Lang) -> Option<Chosen> {
        let to = from.counterpart()?;
        let candidates: &[Translation] = self.pass.lexicon.translations(key, to);
        // A word most often written alike in the other language already
        // finds that language as typed (`jakarta`).
        let alike = self.pass.lexicon.alike(key, from);
        if candidates.first().is_none_or(|best| best.weight <= alike) {
            return None;
        }
        let vocabulary = self.context.vocabulary;
        let held: Vec<(&str, f32)> = candidates
            .iter()
            .filter(|t| {
                t.text
                    .split(' ')
                    .all(|word| vocabulary.word_doc_freq(word) > 0)
            })
            .map(|t| (t.text.as_str(), t.weight))
            .collect();
        let &(_, best) = held.first()?;
        let kept: Vec<(&str, f32)> = held
            .iter()
            .copied()
            .filter(|(_, w)| *w >= best * MIN_SHARE_OF_BEST)
            .take(MAX_TRANSLATIONS)
            .collect();
        let total: f32 = kept.iter().map(|(_, w)| w).sum();
        let mut nodes = Vec::with_capacity(kept.len());
        let mut targets = Vec::with_capacity(kept.len());
        for (rendering, weight) in &kept {
            let weight = TRANSLATION_WEIGHT * weight / total.max(f32::MIN_POSITIVE);
            let origin = Origin::Translation {
                of: text.to_string(),
                lang: to,
            };
            let text = rendering.to_string();
            nodes.push(if rendering.contains(' ') {
                QueryNode::Phrase {
                    text,
                    scope,
                    weight,
                    origin,
                }
            } else {
                QueryNode::Word {
                    text,
                    scope,
                    weight,
                    origin,
                }
            });
            targets.push(Weighted {
                text: rendering.to_string(),
                weight,
            });
        }
        let others = candidates
            .iter()
            .map(|t| t.text.clone())
            .filter(|t| !targets.iter().any(|used| used.text == *t))
            .take(MAX_TRANSLATIONS * 2)
            .collect();
        Some(Chosen {
            nodes,
            used: TranslationUse {
                source: text.to_string(),
                from,
                lang: to,
                targets,
                others,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse_query, run_passes, Rewrites, Vocabulary};
    use crate::request::SearchRequest;
    use warta_analysis::Analyzer;

    /// Every word is known to the index except `unheld`.
    struct Everything;

    impl Vocabulary for Everything {
        fn word_doc_freq(&self, word: &str) -> u64 {
            u64::from(word != "unheld")
        }

        fn near_spellings(&self, _: &str, _: u8, _: usize) -> Vec<crate::query::NearSpelling> {
            Vec::new()
        }
    }

    const LEXICON: &str = "flood\tbanjir\t0.9\t0.9\tdict\n\
        flood\tair bah\t0.3\t0.5\tdict\n\
        suspect\ttersangka\t1\t1\tdict\n\
        corruption\tkorupsi\t0.7\t1\tdict\n\
        corruption\tpenyuapan\t0.2\t0.5\tdict\n\
        corruption\tunheld\t0.1\t0.5\tdict\n\
        bank\tbank\t1\t1\tdict\n\
        jakarta\tjakarta\t0.5\t1\tdict\n\
        jakarta\tbatavia\t0.3\t1\tdict\n\
        rain\thujan\t1\t1\tdict\n\
        united states\tamerika serikat\t1\t1\tdict\n\
        states\tnegara\t1\t1\tdict\n\
        the\tsang\t1\t1\tdict\n";

    fn rewrite(query: &str, xl: Translate) -> (QueryNode, Rewrites) {
        let analyzer = Analyzer::default();
        let pass: Box<dyn QueryPass> = Box::new(TranslatePass::new(Arc::new(
            Lexicon::parse(LEXICON, &analyzer).expect("lexicon"),
        )));
        let mut request = SearchRequest::new(query);
        request.xl = xl;
        let mut context = PassContext {
            request: &request,
            analyzer: &analyzer,
            vocabulary: &Everything,
            respell_known: true,
            rewrites: Rewrites::default(),
        };
        let tree = parse_query(query).expect("parses");
        let tree = run_passes(tree, &[pass], &mut context);
        (tree, context.rewrites)
    }

    fn texts(node: &QueryNode) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        node.walk(&mut |n| {
            if let QueryNode::Word { text, weight, .. } | QueryNode::Phrase { text, weight, .. } = n
            {
                out.push((text.clone(), *weight));
            }
        });
        out
    }

    #[test]
    fn known_words_become_groups_weighted_below_the_typed_word() {
        let (tree, rewrites) = rewrite("floods", Translate::Auto);
        let QueryNode::Group { clauses } = &tree else {
            panic!("a group: {tree:?}");
        };
        assert_eq!(clauses.len(), 3, "{clauses:?}");
        let words = texts(&tree);
        assert_eq!(words[0], ("floods".to_string(), 1.0));
        assert_eq!(words[1].0, "banjir");
        assert!(matches!(clauses[2], QueryNode::Phrase { ref text, .. } if text == "air bah"));
        let total: f32 = words[1..].iter().map(|(_, w)| w).sum();
        assert!((total - TRANSLATION_WEIGHT).abs() < 1e-6, "{words:?}");
        assert!(words[1].1 > words[2].1);
        assert_eq!(rewrites.translations.len(), 1);
        assert_eq!(rewrites.translations[0].lang, Lang::Id);
        assert_eq!(rewrites.translations[0].from, Lang::En);
    }

    #[test]
    fn names_and_unknown_words_stay_as_typed() {
        let (tree, rewrites) = rewrite("KPK Jokowi", Translate::Auto);
        assert_eq!(tree, parse_query("KPK Jokowi").expect("parses"));
        assert!(rewrites.translations.is_empty());
        let (tree, _) = rewrite("Jokowi rain", Translate::Auto);
        let QueryNode::And { clauses } = &tree else {
            panic!("{tree:?}");
        };
        assert!(matches!(clauses[0], QueryNode::Word { .. }));
        assert!(matches!(clauses[1], QueryNode::Group { .. }));
    }

    #[test]
    fn operators_keep_their_meaning_over_the_groups() {
        let (tree, _) = rewrite("(flood OR rain) -corruption title:suspect", Translate::Auto);
        let QueryNode::And { clauses } = &tree else {
            panic!("{tree:?}");
        };
        let QueryNode::Or { clauses: either } = &clauses[0] else {
            panic!("{tree:?}");
        };
        assert!(either.iter().all(|c| matches!(c, QueryNode::Group { .. })));
        let QueryNode::Not { clause } = &clauses[1] else {
            panic!("{tree:?}");
        };
        // Excluded with its translations; the one the index lacks is left out.
        let excluded: Vec<String> = texts(clause).into_iter().map(|(t, _)| t).collect();
        assert_eq!(excluded, ["corruption", "korupsi", "penyuapan"]);
        let QueryNode::Group { clauses: title } = &clauses[2] else {
            panic!("{tree:?}");
        };
        assert!(title.iter().all(|c| matches!(
            c,
            QueryNode::Word {
                scope: TextScope::Title,
                ..
            }
        )));
    }

    #[test]
    fn mixed_queries_translate_each_way_and_off_translates_nothing() {
        let (_, rewrites) = rewrite("corruption tersangka", Translate::Auto);
        let ways: Vec<(Lang, Lang)> = rewrites
            .translations
            .iter()
            .map(|t| (t.from, t.lang))
            .collect();
        assert_eq!(ways, [(Lang::En, Lang::Id), (Lang::Id, Lang::En)]);
        let (tree, rewrites) = rewrite("flood", Translate::Off);
        assert_eq!(tree, parse_query("flood").expect("parses"));
        assert!(rewrites.translations.is_empty());
        // Spelled alike in both languages: nothing to add.
        for word in ["bank", "jakarta"] {
            let (tree, _) = rewrite(word, Translate::Auto);
            assert_eq!(tree, parse_query(word).expect("parses"), "{word}");
        }
    }

    #[test]
    fn runs_of_words_translate_as_the_entry_they_make_and_function_words_never() {
        let (tree, rewrites) = rewrite("the united states rain", Translate::Auto);
        let QueryNode::And { clauses } = &tree else {
            panic!("{tree:?}");
        };
        assert!(matches!(clauses[0], QueryNode::Word { ref text, .. } if text == "the"));
        let QueryNode::Group { clauses: run } = &clauses[1] else {
            panic!("{tree:?}");
        };
        assert!(matches!(run[0], QueryNode::And { ref clauses } if clauses.len() == 2));
        assert!(matches!(run[1], QueryNode::Phrase { ref text, .. } if text == "amerika serikat"));
        assert!(matches!(clauses[2], QueryNode::Group { .. }), "{tree:?}");
        let sources: Vec<&str> = rewrites
            .translations
            .iter()
            .map(|t| t.source.as_str())
            .collect();
        assert_eq!(sources, ["united states", "rain"]);
        // Alone, the second word translates on its own.
        let (tree, _) = rewrite("states", Translate::Auto);
        assert!(matches!(tree, QueryNode::Group { .. }), "{tree:?}");
    }

    #[test]
    fn phrases_translate_only_as_phrases_the_lexicon_has() {
        let (tree, _) = rewrite("\"air bah\"", Translate::Auto);
        assert!(matches!(tree, QueryNode::Group { .. }), "{tree:?}");
        let (tree, _) = rewrite("\"flood suspect\"", Translate::Auto);
        assert!(matches!(tree, QueryNode::Phrase { .. }), "{tree:?}");
    }
}
