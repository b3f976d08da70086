//! Assembling the lexicon: candidate pairs (FreeDict, cognates, the
//! supplement), their dictionary prior, Model 1 weights from parallel text,
//! pairs added from strong alignments, and the output rows.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::cognate;
use crate::dict::{self, Junk, Row, DROPPED_POS};
use crate::inputs::{Pair, SupplementRow};
use crate::model1::{Corpus, Model, Params};
use crate::text::{Lang, Text, Tok};

/// The pair is a FreeDict translation.
pub const DICT: u8 = 1;
/// The pair is in the hand-written supplement.
pub const SUPPLEMENT: u8 = 2;
/// The pair is a cognate (regular loanword spelling of a known word).
pub const COGNATE: u8 = 4;
/// The pair was added from strong alignment evidence in PUD.
pub const PUD_ADDED: u8 = 8;
/// PUD's alignment supports the pair (expected count ≥ [`SUPPORT_COUNT`]).
pub const PUD_SUPPORT: u8 = 16;
/// The bits that say where a pair comes from (not whether PUD supports it).
pub const ORIGIN: u8 = DICT | SUPPLEMENT | COGNATE | PUD_ADDED;

/// Expected alignment count in PUD from which a pair counts as supported.
pub const SUPPORT_COUNT: f64 = 0.5;

/// The `evidence` column: where a pair comes from, joined by `+`.
pub fn evidence(flags: u8) -> String {
    let mut parts = Vec::new();
    if flags & DICT != 0 {
        parts.push("dict");
    }
    if flags & SUPPLEMENT != 0 {
        parts.push("supplement");
    }
    if flags & COGNATE != 0 {
        parts.push("cognate");
    }
    if flags & (PUD_ADDED | PUD_SUPPORT) != 0 {
        parts.push("pud");
    }
    parts.join("+")
}

/// Everything that shapes the weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Prior of a translation in sense `s` (1-based) is `sense_decay^(s-1)`…
    pub sense_decay: f64,
    /// … times `rank_decay^(k-1)` for the `k`-th translation of the sense.
    pub rank_decay: f64,
    /// Prior score of a cognate (a first-listed translation scores 1).
    pub cognate_score: f64,
    /// Prior score of a supplement row: twice a first-listed FreeDict
    /// translation, as the supplement gives the main news sense
    /// (`smuggling → penyelundupan` over FreeDict's misspelt `penyeludupan`).
    pub supplement_score: f64,
    /// The reverse prior P(en|id) multiplies P(id|en) by `(n(en)+1)^power`,
    /// `n` the English stem's count in English text (FreeDict's glosses and
    /// the training text's English side).
    pub reverse_frequency_power: f64,
    /// The headwords of one English stem (`global`, `globalism`) are mixed
    /// in its prior in proportion to `(n(headword)+1)^power`.
    pub surface_frequency_power: f64,
    /// The forward prior P(id|en) is multiplied by `(n(id)+1)^power`, `n`
    /// the Indonesian stem's count in the training text's Indonesian side.
    pub target_frequency_power: f64,
    /// Model 1 hyperparameters.
    pub model: Params,
    /// Add pairs from PUD alignments.
    pub pud_additions: bool,
    /// Least number of sentence pairs an added pair co-occurs in.
    pub add_min_cooccurrence: u32,
    /// Least t(f|e) and t(e|f) of an added pair.
    pub add_min_t: f64,
    /// Least Dice coefficient of an added pair's sentence counts,
    /// `2·c(e,f) / (c(e) + c(f))`: a frequent word (`melakukan`) does not
    /// take a rare one that happens to co-occur with it.
    pub add_min_dice: f64,
    /// Rows whose weights are both below this are dropped.
    pub min_weight: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sense_decay: 0.5,
            rank_decay: 0.7,
            cognate_score: 0.5,
            supplement_score: 2.0,
            reverse_frequency_power: 0.5,
            surface_frequency_power: 0.5,
            target_frequency_power: 0.0,
            model: Params {
                alpha: 0.5,
                beta: 0.01,
                iterations: 20,
            },
            pud_additions: true,
            add_min_cooccurrence: 3,
            add_min_t: 0.3,
            add_min_dice: 0.5,
            min_weight: 0.001,
        }
    }
}

/// One piece of evidence for a candidate pair, from one English headword.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Listing {
    /// A FreeDict translation: sense and rank within the sense, 0-based.
    Dict(u16, u16),
    /// A cognate.
    Cognate,
    /// A supplement row.
    Supplement,
}

impl Listing {
    /// The listing's unnormalised prior score under `cfg`.
    pub fn score(self, cfg: &Config) -> f64 {
        match self {
            Listing::Dict(sense, rank) => {
                cfg.sense_decay.powi(i32::from(sense)) * cfg.rank_decay.powi(i32::from(rank))
            }
            Listing::Cognate => cfg.cognate_score,
            Listing::Supplement => cfg.supplement_score,
        }
    }
}

/// A candidate pair before weighting.
#[derive(Clone, Debug, Default)]
pub struct Cand {
    /// Every listing of the pair, with the English headword it is under.
    pub listings: Vec<(String, Listing)>,
    /// Origin bits ([`DICT`], [`COGNATE`], [`SUPPLEMENT`]).
    pub flags: u8,
    /// English surfaces seen for the pair, with their best listing position.
    pub en_surfaces: BTreeMap<String, (u16, u16)>,
    /// Indonesian surfaces seen for the pair, with their best listing position.
    pub id_surfaces: BTreeMap<String, (u16, u16)>,
}

/// Listing position given to supplement surfaces (preferred) and cognate
/// surfaces (last).
const SUPPLEMENT_POSITION: (u16, u16) = (0, 0);
const COGNATE_POSITION: (u16, u16) = (u16::MAX, u16::MAX);

/// The candidate pairs, keyed by (English stem key, Indonesian stem key).
#[derive(Default)]
pub struct Candidates {
    /// The pairs.
    pub pairs: BTreeMap<(String, String), Cand>,
    /// Dictionary rows dropped whole, by reason.
    pub rows_dropped: BTreeMap<Junk, usize>,
    /// Dictionary translations dropped, by reason.
    pub translations_dropped: BTreeMap<Junk, usize>,
    /// Dictionary rows read and translations kept.
    pub rows_read: usize,
    /// Translations kept.
    pub translations_kept: usize,
    /// Accepted cognates as (English, Indonesian) surfaces, new pairs only,
    /// with whether FreeDict already translates the English stem.
    pub new_cognates: Vec<(String, String, bool)>,
    /// How many of those are for English stems FreeDict already covers.
    pub new_cognates_covered: usize,
    /// Cognate spellings rejected as known false friends.
    pub false_friends: usize,
    /// Words of FreeDict's English glosses (folded), counted.
    pub gloss_counts: BTreeMap<String, u32>,
    /// The same, counted by stem key.
    pub gloss_key_counts: BTreeMap<String, u32>,
    /// Cognates that confirm a dictionary pair.
    pub confirming_cognates: usize,
    /// English keys of more than one word.
    pub en_phrases: FxHashSet<String>,
    /// Indonesian keys of more than one word.
    pub id_phrases: FxHashSet<String>,
}

/// What the candidates are built from.
pub struct Sources<'a> {
    /// Analyzer and stopwords.
    pub text: &'a Text,
    /// FreeDict rows.
    pub dict: &'a [Row],
    /// PUD sentence pairs (vocabulary for cognates).
    pub pud: &'a [Pair],
    /// Sastrawi root words.
    pub roots: &'a FxHashSet<String>,
    /// The supplement.
    pub supplement: &'a [SupplementRow],
    /// Generate cognates.
    pub cognates: bool,
}

fn all_stop(text: &Text, lang: Lang, phrase: &str) -> bool {
    phrase.split(' ').all(|w| text.is_stop(lang, w))
}

/// Words written in lower case in `text` (a–z only): words that occur only
/// capitalised are mostly names.
fn lowercase_words(text: &str, out: &mut BTreeSet<String>) {
    for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() >= cognate::MIN_LEN && w.bytes().all(|b| b.is_ascii_lowercase()) {
            out.insert(w.to_string());
        }
    }
}

impl Candidates {
    /// Builds the candidate pairs.
    pub fn build(src: &Sources) -> Candidates {
        let text = src.text;
        let mut c = Candidates::default();
        let mut dict_id_words: FxHashSet<String> = FxHashSet::default();
        let mut dict_id_owned: FxHashSet<String> = FxHashSet::default();
        let mut en_vocab: BTreeSet<String> = BTreeSet::new();
        for row in src.dict {
            c.rows_read += 1;
            let n_translations: usize = row.senses.iter().map(Vec::len).sum();
            if DROPPED_POS.contains(&row.pos.as_str()) {
                *c.rows_dropped.entry(Junk::Pos).or_insert(0) += 1;
                *c.translations_dropped.entry(Junk::Pos).or_insert(0) += n_translations;
                continue;
            }
            lowercase_words(&row.gloss, &mut en_vocab);
            for w in row.gloss.split(|c: char| !c.is_alphabetic()) {
                if !w.is_empty() {
                    *c.gloss_counts
                        .entry(warta_analysis::fold::fold(w))
                        .or_insert(0) += 1;
                }
            }
            let en = match dict::clean(&row.en) {
                Ok(en) => en,
                Err(junk) => {
                    *c.rows_dropped.entry(junk).or_insert(0) += 1;
                    *c.translations_dropped.entry(junk).or_insert(0) += n_translations;
                    continue;
                }
            };
            let Some(en_key) = text.key(&en) else {
                *c.rows_dropped.entry(Junk::Empty).or_insert(0) += 1;
                continue;
            };
            if !en.contains(' ') {
                en_vocab.insert(en.clone());
            }
            let en_stop = all_stop(text, Lang::En, &en);
            for (s, sense) in row.senses.iter().enumerate() {
                for (k, raw) in sense.iter().enumerate() {
                    let id = match dict::clean(raw) {
                        Ok(id) => id,
                        Err(junk) => {
                            *c.translations_dropped.entry(junk).or_insert(0) += 1;
                            continue;
                        }
                    };
                    if en_stop && all_stop(text, Lang::Id, &id) {
                        *c.translations_dropped.entry(Junk::Stopwords).or_insert(0) += 1;
                        continue;
                    }
                    let Some(id_key) = text.key(&id) else {
                        *c.translations_dropped.entry(Junk::Empty).or_insert(0) += 1;
                        continue;
                    };
                    if !id.contains(' ') {
                        dict_id_words.insert(id.clone());
                    }
                    dict_id_owned.insert(id.clone());
                    c.translations_kept += 1;
                    let pos = (s.min(999) as u16, k.min(999) as u16);
                    let cand = c.pairs.entry((en_key.clone(), id_key)).or_default();
                    cand.flags |= DICT;
                    cand.listings
                        .push((en.clone(), Listing::Dict(pos.0, pos.1)));
                    keep_best(&mut cand.en_surfaces, &en, pos);
                    keep_best(&mut cand.id_surfaces, &id, pos);
                }
            }
        }
        for row in src.supplement {
            let (Ok(en), Ok(id)) = (dict::clean(&row.en), dict::clean(&row.id)) else {
                continue;
            };
            let (Some(en_key), Some(id_key)) = (text.key(&en), text.key(&id)) else {
                continue;
            };
            let cand = c.pairs.entry((en_key, id_key)).or_default();
            cand.flags |= SUPPLEMENT;
            cand.listings.push((en.clone(), Listing::Supplement));
            keep_best(&mut cand.en_surfaces, &en, SUPPLEMENT_POSITION);
            keep_best(&mut cand.id_surfaces, &id, SUPPLEMENT_POSITION);
        }
        for (w, n) in &c.gloss_counts {
            if let Some(k) = text.key(w) {
                *c.gloss_key_counts.entry(k).or_insert(0) += n;
            }
        }
        if src.cognates {
            c.add_cognates(src, &dict_id_words, &dict_id_owned, en_vocab);
        }
        for (e, f) in c.pairs.keys() {
            if e.contains(' ') {
                c.en_phrases.insert(e.clone());
            }
            if f.contains(' ') {
                c.id_phrases.insert(f.clone());
            }
        }
        c
    }

    /// Adds cognates: for every English word of at least
    /// [`cognate::MIN_LEN`] letters in FreeDict (headwords and glosses) and
    /// PUD, written in lower case, each rule spelling that is a known
    /// Indonesian word (Sastrawi root, FreeDict translation, or a lower-case
    /// word of PUD's Indonesian side; the English word unchanged only when a
    /// Sastrawi root or FreeDict translation) and not a known false friend
    /// ([`cognate::FALSE_FRIENDS`]). A cognate of a dictionary pair confirms
    /// (and strengthens) it. A new pair is made only when FreeDict does not
    /// give the Indonesian word for another English word (`cheery → ceri`
    /// is `cherry`), and, for an English stem FreeDict already translates,
    /// only from a strong rule (`culture → kultur`, `public → publik`; not
    /// `police → polis`, `correct → korek`) or as the same word when that
    /// word is not itself a FreeDict headword (`global`, whose stem FreeDict
    /// covers only through `globalism`; not `japan`, which is `Jepang`).
    fn add_cognates(
        &mut self,
        src: &Sources,
        dict_id_words: &FxHashSet<String>,
        dict_id_owned: &FxHashSet<String>,
        mut en_vocab: BTreeSet<String>,
    ) {
        let text = src.text;
        let mut id_known: FxHashSet<String> = src.roots.clone();
        id_known.extend(dict_id_words.iter().cloned());
        let listed = id_known.clone();
        let mut pud_id: BTreeSet<String> = BTreeSet::new();
        for p in src.pud {
            lowercase_words(&p.en, &mut en_vocab);
            lowercase_words(&p.id, &mut pud_id);
        }
        id_known.extend(pud_id);
        let covered: FxHashSet<String> = self.pairs.keys().map(|(e, _)| e.clone()).collect();
        let headwords: FxHashSet<&str> = self
            .pairs
            .values()
            .flat_map(|c| c.en_surfaces.keys().map(String::as_str))
            .collect();
        let headwords: FxHashSet<String> = headwords.into_iter().map(str::to_string).collect();
        for en in &en_vocab {
            if text.is_stop(Lang::En, en) {
                continue;
            }
            let Some(en_key) = text.key(en) else {
                continue;
            };
            for (id, strong) in cognate::candidates_with_strength(en) {
                if id.len() < 4 || !id_known.contains(&id) || text.is_stop(Lang::Id, &id) {
                    continue;
                }
                // PUD's Indonesian side quotes English: the same word must
                // be a Sastrawi root or a FreeDict translation.
                if id == *en && !listed.contains(&id) {
                    continue;
                }
                if cognate::false_friend(en, &id) {
                    self.false_friends += 1;
                    continue;
                }
                let Some(id_key) = text.key(&id) else {
                    continue;
                };
                let key = (en_key.clone(), id_key);
                match self.pairs.get_mut(&key) {
                    Some(cand) if cand.flags & COGNATE == 0 => {
                        cand.flags |= COGNATE;
                        cand.listings.push((en.clone(), Listing::Cognate));
                        self.confirming_cognates += 1;
                    }
                    Some(_) => {}
                    None if !dict_id_owned.contains(&id)
                        && (!covered.contains(&en_key)
                            || strong
                            || (id == *en && !headwords.contains(en))) =>
                    {
                        let cand = self.pairs.entry(key).or_default();
                        cand.flags |= COGNATE;
                        cand.listings.push((en.clone(), Listing::Cognate));
                        keep_best(&mut cand.en_surfaces, en, COGNATE_POSITION);
                        keep_best(&mut cand.id_surfaces, &id, COGNATE_POSITION);
                        let is_covered = covered.contains(&en_key);
                        self.new_cognates.push((en.clone(), id, is_covered));
                        if is_covered {
                            self.new_cognates_covered += 1;
                        }
                    }
                    None => {}
                }
            }
        }
    }
}

/// Records `surface` at `pos` unless it is already there at a better one.
fn keep_best(map: &mut BTreeMap<String, (u16, u16)>, surface: &str, pos: (u16, u16)) {
    map.entry(surface.to_string())
        .and_modify(|p| *p = (*p).min(pos))
        .or_insert(pos);
}

/// The surface listed best (then the shortest, then the first in order).
fn best_surface(map: &BTreeMap<String, (u16, u16)>) -> Option<&String> {
    map.iter()
        .min_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.len().cmp(&b.0.len()))
                .then(a.0.cmp(b.0))
        })
        .map(|(s, _)| s)
}

/// One row of the lexicon.
#[derive(Clone, Debug, PartialEq)]
pub struct LexRow {
    /// English surface (folded).
    pub en: String,
    /// Indonesian surface (folded).
    pub id: String,
    /// English stem key.
    pub en_key: String,
    /// Indonesian stem key.
    pub id_key: String,
    /// P(id | en).
    pub w_en_id: f64,
    /// P(en | id).
    pub w_id_en: f64,
    /// Origin and support bits.
    pub flags: u8,
    /// The dictionary prior P(id | en) alone (normalised over the rows).
    pub prior_en_id: f64,
    /// The dictionary prior P(en | id) alone.
    pub prior_id_en: f64,
}

/// A tokenised parallel corpus, keyed.
pub struct Tokenised {
    /// English content tokens (phrases merged), per sentence.
    pub en: Vec<Vec<Tok>>,
    /// Indonesian content tokens (phrases merged), per sentence.
    pub id: Vec<Vec<Tok>>,
    /// English words seen written in lower case (the others are names).
    pub en_lower: FxHashSet<String>,
    /// Indonesian words seen written in lower case.
    pub id_lower: FxHashSet<String>,
}

/// The words of `text` that are written in lower case (letters only).
fn lower_words(text: &str, out: &mut FxHashSet<String>) {
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if !w.is_empty() && !w.chars().any(char::is_uppercase) {
            out.insert(w.to_string());
        }
    }
}

/// Tokenises sentence pairs for alignment: phrases merged, stopwords out.
pub fn tokenise(
    text: &Text,
    pairs: &[Pair],
    en_phrases: &FxHashSet<String>,
    id_phrases: &FxHashSet<String>,
) -> Tokenised {
    let content = |toks: Vec<Tok>| toks.into_iter().filter(|t| !t.stop).collect::<Vec<_>>();
    let mut en_lower = FxHashSet::default();
    let mut id_lower = FxHashSet::default();
    for p in pairs {
        lower_words(&p.en, &mut en_lower);
        lower_words(&p.id, &mut id_lower);
    }
    Tokenised {
        en_lower,
        id_lower,
        en: pairs
            .iter()
            .map(|p| content(text.tokens(Lang::En, &p.en, en_phrases)))
            .collect(),
        id: pairs
            .iter()
            .map(|p| content(text.tokens(Lang::Id, &p.id, id_phrases)))
            .collect(),
    }
}

/// Interned keys of one language; id 0 is NULL.
#[derive(Default)]
struct Vocab {
    ids: FxHashMap<String, u32>,
    keys: Vec<String>,
}

impl Vocab {
    fn from_keys(keys: BTreeSet<String>) -> Vocab {
        let mut v = Vocab {
            ids: FxHashMap::default(),
            keys: vec![String::new()],
        };
        for k in keys {
            v.ids.insert(k.clone(), v.keys.len() as u32);
            v.keys.push(k);
        }
        v
    }
    fn id(&self, key: &str) -> u32 {
        self.ids[key]
    }
    fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Report of the pairs added from PUD.
#[derive(Clone, Debug, PartialEq)]
pub struct Addition {
    /// English stem key.
    pub en_key: String,
    /// Indonesian stem key.
    pub id_key: String,
    /// English surface.
    pub en: String,
    /// Indonesian surface.
    pub id: String,
    /// Sentence pairs they co-occur in.
    pub cooccurrence: u32,
    /// t(id|en).
    pub t_en_id: f64,
    /// t(en|id).
    pub t_id_en: f64,
}

/// The trained lexicon.
pub struct Trained {
    /// The rows, sorted.
    pub rows: Vec<LexRow>,
    /// Pairs added from the training text.
    pub additions: Vec<Addition>,
}

/// Rounds a weight down to the 3 decimals written, so that rounding never
/// makes a word's weights sum above 1.
pub fn floor3(w: f64) -> f64 {
    (w * 1_000.0 + 1e-9).floor() / 1_000.0
}

/// Trains the weights on `pairs` (PUD, or PANL for the ceiling) and returns
/// the rows. With `cfg.pud_additions`, strong non-candidate alignments of
/// `pairs` become rows too.
pub fn train(cands: &Candidates, corpus: &Tokenised, cfg: &Config) -> Trained {
    // Vocabulary: every key of a candidate or of the corpus.
    let mut en_keys: BTreeSet<String> = BTreeSet::new();
    let mut id_keys: BTreeSet<String> = BTreeSet::new();
    for (e, f) in cands.pairs.keys() {
        en_keys.insert(e.clone());
        id_keys.insert(f.clone());
    }
    let mut en_surface_counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    let mut id_surface_counts: BTreeMap<String, BTreeMap<String, u32>> = BTreeMap::new();
    for (side, keys, surfaces) in [
        (&corpus.en, &mut en_keys, &mut en_surface_counts),
        (&corpus.id, &mut id_keys, &mut id_surface_counts),
    ] {
        for sentence in side {
            for t in sentence {
                keys.insert(t.key.clone());
                *surfaces
                    .entry(t.key.clone())
                    .or_default()
                    .entry(t.surface.clone())
                    .or_insert(0) += 1;
            }
        }
    }
    let en_v = Vocab::from_keys(en_keys);
    let id_v = Vocab::from_keys(id_keys);
    let en_count = |k: &str| -> u32 {
        en_surface_counts
            .get(k)
            .map(|m| m.values().sum())
            .unwrap_or(0)
    };

    // Priors. Forward: each English headword's listings give q(f|headword)
    // (normalised per headword); a stem mixes its headwords by frequency.
    let id_count = |k: &str| -> u32 {
        id_surface_counts
            .get(k)
            .map(|m| m.values().sum())
            .unwrap_or(0)
    };
    let mut pud_surfaces: FxHashMap<&str, u32> = FxHashMap::default();
    for m in en_surface_counts.values() {
        for (s, n) in m {
            *pud_surfaces.entry(s.as_str()).or_insert(0) += n;
        }
    }
    let surface_count = |s: &str| -> f64 {
        let gloss = cands.gloss_counts.get(s).copied().unwrap_or(0);
        f64::from(gloss + pud_surfaces.get(s).copied().unwrap_or(0))
    };
    let mut by_en: BTreeMap<u32, BTreeMap<String, Vec<(u32, f64)>>> = BTreeMap::new();
    for ((e, f), cand) in &cands.pairs {
        let (e, f) = (en_v.id(e), id_v.id(f));
        for (headword, listing) in &cand.listings {
            let list = by_en
                .entry(e)
                .or_default()
                .entry(headword.clone())
                .or_default();
            match list.iter_mut().find(|x| x.0 == f) {
                Some(x) => x.1 += listing.score(cfg),
                None => list.push((f, listing.score(cfg))),
            }
        }
    }
    let mut fwd_prior: Vec<Vec<(u32, f64)>> = vec![Vec::new(); en_v.len()];
    let mut rev_scores: BTreeMap<u32, Vec<(u32, f64)>> = BTreeMap::new();
    for (e, headwords) in by_en {
        let mix: Vec<f64> = headwords
            .keys()
            .map(|h| (surface_count(h) + 1.0).powf(cfg.surface_frequency_power))
            .collect();
        let mix_z: f64 = mix.iter().sum();
        let mut p: BTreeMap<u32, f64> = BTreeMap::new();
        for (list, m) in headwords.values().zip(&mix) {
            let z: f64 = list.iter().map(|x| x.1).sum();
            for &(f, score) in list {
                *p.entry(f).or_insert(0.0) += m / mix_z * score / z;
            }
        }
        for (f, x) in p.iter_mut() {
            let n = id_count(&id_v.keys[*f as usize]);
            *x *= (f64::from(n) + 1.0).powf(cfg.target_frequency_power);
        }
        let z: f64 = p.values().sum();
        let key = &en_v.keys[e as usize];
        let gloss = cands.gloss_key_counts.get(key).copied().unwrap_or(0);
        let freq = f64::from(en_count(key) + gloss) + 1.0;
        for (&f, &x) in &p {
            let x = x / z;
            fwd_prior[e as usize].push((f, x));
            rev_scores
                .entry(f)
                .or_default()
                .push((e, x * freq.powf(cfg.reverse_frequency_power)));
        }
    }
    let mut rev_prior: Vec<Vec<(u32, f64)>> = vec![Vec::new(); id_v.len()];
    for (f, list) in rev_scores {
        let z: f64 = list.iter().map(|x| x.1).sum();
        rev_prior[f as usize] = list.iter().map(|&(e, s)| (e, s / z)).collect();
    }

    // Model 1 both ways.
    let en_ids: Vec<Vec<u32>> = corpus
        .en
        .iter()
        .map(|s| s.iter().map(|t| en_v.id(&t.key)).collect())
        .collect();
    let id_ids: Vec<Vec<u32>> = corpus
        .id
        .iter()
        .map(|s| s.iter().map(|t| id_v.id(&t.key)).collect())
        .collect();
    let fwd_corpus = Corpus {
        src: en_ids.clone(),
        tgt: id_ids.clone(),
    };
    let rev_corpus = Corpus {
        src: id_ids,
        tgt: en_ids,
    };
    let fwd = Model::train(&fwd_corpus, &fwd_prior, en_v.len(), id_v.len(), cfg.model);
    let rev = Model::train(&rev_corpus, &rev_prior, id_v.len(), en_v.len(), cfg.model);

    // Pairs: candidates, then additions.
    struct Pending {
        e: u32,
        f: u32,
        flags: u8,
        en: String,
        id: String,
        prior_fwd: f64,
        prior_rev: f64,
    }
    // The surface to write for a key seen in the corpus: the most frequent,
    // preferring one without the clitic `-nya` (`kemampuan`, not
    // `kemampuannya`), then the shorter.
    let most_frequent = |m: &BTreeMap<String, BTreeMap<String, u32>>, k: &str| -> String {
        m.get(k)
            .and_then(|s| {
                s.iter()
                    .min_by(|a, b| {
                        a.0.ends_with("nya")
                            .cmp(&b.0.ends_with("nya"))
                            .then(b.1.cmp(a.1))
                            .then(a.0.len().cmp(&b.0.len()))
                            .then(a.0.cmp(b.0))
                    })
                    .map(|(s, _)| s.clone())
            })
            .unwrap_or_else(|| k.to_string())
    };
    let prior_of = |list: &Vec<(u32, f64)>, x: u32| -> f64 {
        list.iter().find(|p| p.0 == x).map(|p| p.1).unwrap_or(0.0)
    };
    let mut pending: Vec<Pending> = Vec::new();
    let mut cand_set: FxHashSet<(u32, u32)> = FxHashSet::default();
    for ((e_key, f_key), cand) in &cands.pairs {
        let (e, f) = (en_v.id(e_key), id_v.id(f_key));
        cand_set.insert((e, f));
        pending.push(Pending {
            e,
            f,
            flags: cand.flags,
            en: best_surface(&cand.en_surfaces)
                .cloned()
                .unwrap_or_else(|| e_key.clone()),
            id: best_surface(&cand.id_surfaces)
                .cloned()
                .unwrap_or_else(|| f_key.clone()),
            prior_fwd: prior_of(&fwd_prior[e as usize], f),
            prior_rev: prior_of(&rev_prior[f as usize], e),
        });
    }
    let mut additions = Vec::new();
    if cfg.pud_additions {
        let mut sentence_counts_en = vec![0u32; en_v.len()];
        let mut sentence_counts_id = vec![0u32; id_v.len()];
        for (side, counts) in [
            (&fwd_corpus.src, &mut sentence_counts_en),
            (&fwd_corpus.tgt, &mut sentence_counts_id),
        ] {
            for sentence in side {
                let mut types = sentence.clone();
                types.sort_unstable();
                types.dedup();
                for t in types {
                    counts[t as usize] += 1;
                }
            }
        }
        let mut fwd_adj: Vec<Vec<u32>> = vec![Vec::new(); en_v.len()];
        let mut rev_adj: Vec<Vec<u32>> = vec![Vec::new(); id_v.len()];
        for (e, f) in fwd.cooccurring_pairs() {
            fwd_adj[e as usize].push(f);
            rev_adj[f as usize].push(e);
        }
        for e in 1..en_v.len() as u32 {
            let best = fwd_adj[e as usize]
                .iter()
                .copied()
                .filter(|&f| !cand_set.contains(&(e, f)))
                .map(|f| (f, fwd.t(e, f)))
                .fold(None, |acc: Option<(u32, f64)>, x| match acc {
                    Some(a) if a.1 >= x.1 => Some(a),
                    _ => Some(x),
                });
            let Some((f, t_fwd)) = best else {
                continue;
            };
            let (e_key, f_key) = (&en_v.keys[e as usize], &id_v.keys[f as usize]);
            let cooc = fwd.cooccurrence(e, f);
            // Phrases come from the dictionary, which translates them
            // already: `civil war` would take `sipil` of `perang sipil`.
            if e_key == f_key
                || e_key.contains(' ')
                || f_key.contains(' ')
                || cooc < cfg.add_min_cooccurrence
                || t_fwd < cfg.add_min_t
            {
                continue;
            }
            let t_rev = rev.t(f, e);
            let back = rev_adj[f as usize]
                .iter()
                .copied()
                .map(|x| (x, rev.t(f, x)))
                .fold(None, |acc: Option<(u32, f64)>, x| match acc {
                    Some(a) if a.1 >= x.1 => Some(a),
                    _ => Some(x),
                });
            if back.map(|b| b.0) != Some(e) || t_rev < cfg.add_min_t {
                continue;
            }
            let dice = 2.0 * f64::from(cooc)
                / f64::from(sentence_counts_en[e as usize] + sentence_counts_id[f as usize]);
            if dice < cfg.add_min_dice {
                continue;
            }
            // A name aligned to a common word (`chief → Winterkorn`).
            let is_name = |m: &BTreeMap<String, BTreeMap<String, u32>>,
                           k: &str,
                           lower: &FxHashSet<String>| {
                m.get(k).is_some_and(|surfaces| {
                    surfaces
                        .keys()
                        .all(|s| s.split([' ', '-']).any(|w| !lower.contains(w)))
                })
            };
            if is_name(&en_surface_counts, e_key, &corpus.en_lower)
                != is_name(&id_surface_counts, f_key, &corpus.id_lower)
            {
                continue;
            }
            let en = most_frequent(&en_surface_counts, e_key);
            let id = most_frequent(&id_surface_counts, f_key);
            additions.push(Addition {
                en_key: e_key.clone(),
                id_key: f_key.clone(),
                en: en.clone(),
                id: id.clone(),
                cooccurrence: cooc,
                t_en_id: t_fwd,
                t_id_en: t_rev,
            });
            pending.push(Pending {
                e,
                f,
                flags: PUD_ADDED,
                en,
                id,
                prior_fwd: 0.0,
                prior_rev: 0.0,
            });
        }
    }

    // Weights: t normalised over each word's rows.
    let mut fwd_sum: FxHashMap<u32, f64> = FxHashMap::default();
    let mut rev_sum: FxHashMap<u32, f64> = FxHashMap::default();
    let mut prior_fwd_sum: FxHashMap<u32, f64> = FxHashMap::default();
    let mut prior_rev_sum: FxHashMap<u32, f64> = FxHashMap::default();
    let raw: Vec<(f64, f64)> = pending
        .iter()
        .map(|p| (fwd.t(p.e, p.f), rev.t(p.f, p.e)))
        .collect();
    for (p, &(a, b)) in pending.iter().zip(&raw) {
        *fwd_sum.entry(p.e).or_insert(0.0) += a;
        *rev_sum.entry(p.f).or_insert(0.0) += b;
        *prior_fwd_sum.entry(p.e).or_insert(0.0) += p.prior_fwd;
        *prior_rev_sum.entry(p.f).or_insert(0.0) += p.prior_rev;
    }
    let norm = |x: f64, z: f64| if z > 0.0 { x / z } else { 0.0 };

    let mut rows: Vec<LexRow> = Vec::new();
    for (p, &(a, b)) in pending.iter().zip(&raw) {
        let mut flags = p.flags;
        if fwd.count(p.e, p.f) >= SUPPORT_COUNT || rev.count(p.f, p.e) >= SUPPORT_COUNT {
            flags |= PUD_SUPPORT;
        }
        let w_en_id = floor3(norm(a, fwd_sum[&p.e]));
        let w_id_en = floor3(norm(b, rev_sum[&p.f]));
        if w_en_id < cfg.min_weight && w_id_en < cfg.min_weight {
            continue;
        }

        rows.push(LexRow {
            en: p.en.clone(),
            id: p.id.clone(),
            en_key: en_v.keys[p.e as usize].clone(),
            id_key: id_v.keys[p.f as usize].clone(),
            w_en_id,
            w_id_en,
            flags,
            prior_en_id: norm(p.prior_fwd, prior_fwd_sum[&p.e]),
            prior_id_en: norm(p.prior_rev, prior_rev_sum[&p.f]),
        });
    }
    sort_rows(&mut rows);
    Trained { rows, additions }
}

/// The output order: English stem (so a stem's rows are together), then
/// weight (highest first), then Indonesian surface.
pub fn sort_rows(rows: &mut [LexRow]) {
    rows.sort_by(|a, b| {
        a.en_key
            .cmp(&b.en_key)
            .then(b.w_en_id.total_cmp(&a.w_en_id))
            .then(a.id.cmp(&b.id))
            .then(a.id_key.cmp(&b.id_key))
    });
}

/// Weights for `rows` estimated on another corpus (the PANL ceiling): the
/// same model and prior, normalised over the same rows. Returns
/// (w_en_id, w_id_en) per row.
pub fn reweight(rows: &[LexRow], corpus: &Tokenised, cfg: &Config) -> Vec<(f64, f64)> {
    let mut en_keys: BTreeSet<String> = rows.iter().map(|r| r.en_key.clone()).collect();
    let mut id_keys: BTreeSet<String> = rows.iter().map(|r| r.id_key.clone()).collect();
    for s in &corpus.en {
        en_keys.extend(s.iter().map(|t| t.key.clone()));
    }
    for s in &corpus.id {
        id_keys.extend(s.iter().map(|t| t.key.clone()));
    }
    let en_v = Vocab::from_keys(en_keys);
    let id_v = Vocab::from_keys(id_keys);
    let mut fwd_prior: Vec<Vec<(u32, f64)>> = vec![Vec::new(); en_v.len()];
    let mut rev_prior: Vec<Vec<(u32, f64)>> = vec![Vec::new(); id_v.len()];
    for r in rows {
        let (e, f) = (en_v.id(&r.en_key), id_v.id(&r.id_key));
        // Rows added from PUD have no dictionary prior; give them a small one.
        fwd_prior[e as usize].push((f, r.prior_en_id.max(1e-3)));
        rev_prior[f as usize].push((e, r.prior_id_en.max(1e-3)));
    }
    for list in fwd_prior.iter_mut().chain(rev_prior.iter_mut()) {
        let z: f64 = list.iter().map(|x| x.1).sum();
        for x in list.iter_mut() {
            x.1 /= z;
        }
    }
    let ids = |side: &Vec<Vec<Tok>>, v: &Vocab| -> Vec<Vec<u32>> {
        side.iter()
            .map(|s| s.iter().map(|t| v.id(&t.key)).collect())
            .collect()
    };
    let (en_ids, id_ids) = (ids(&corpus.en, &en_v), ids(&corpus.id, &id_v));
    let fwd = Model::train(
        &Corpus {
            src: en_ids.clone(),
            tgt: id_ids.clone(),
        },
        &fwd_prior,
        en_v.len(),
        id_v.len(),
        cfg.model,
    );
    let rev = Model::train(
        &Corpus {
            src: id_ids,
            tgt: en_ids,
        },
        &rev_prior,
        id_v.len(),
        en_v.len(),
        cfg.model,
    );
    let raw: Vec<(f64, f64)> = rows
        .iter()
        .map(|r| {
            let (e, f) = (en_v.id(&r.en_key), id_v.id(&r.id_key));
            (fwd.t(e, f), rev.t(f, e))
        })
        .collect();
    let mut fs: FxHashMap<&str, f64> = FxHashMap::default();
    let mut rs: FxHashMap<&str, f64> = FxHashMap::default();
    for (r, &(a, b)) in rows.iter().zip(&raw) {
        *fs.entry(&r.en_key).or_insert(0.0) += a;
        *rs.entry(&r.id_key).or_insert(0.0) += b;
    }
    rows.iter()
        .zip(&raw)
        .map(|(r, &(a, b))| (a / fs[r.en_key.as_str()], b / rs[r.id_key.as_str()]))
        .collect()
}
