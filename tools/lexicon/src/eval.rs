//! Measuring a lexicon on held-out parallel text: coverage, and whether the
//! top-weighted translation of a word occurs in the aligned sentence.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::inputs::Pair;
use crate::lexicon::LexRow;
use crate::text::{merge_phrases, target_keys, Lang, Text, Tok};

/// A translation direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// English words, Indonesian sentences.
    EnId,
    /// Indonesian words, English sentences.
    IdEn,
}

impl Dir {
    /// `EN→ID` or `ID→EN`.
    pub fn name(self) -> &'static str {
        match self {
            Dir::EnId => "EN→ID",
            Dir::IdEn => "ID→EN",
        }
    }
}

/// A parallel text, all words analysed (nothing merged or dropped).
pub struct Prepared {
    /// English words per sentence.
    pub en: Vec<Vec<Tok>>,
    /// Indonesian words per sentence.
    pub id: Vec<Vec<Tok>>,
}

/// Analyses every sentence pair.
pub fn prepare(text: &Text, pairs: &[Pair]) -> Prepared {
    Prepared {
        en: pairs.iter().map(|p| text.words(Lang::En, &p.en)).collect(),
        id: pairs.iter().map(|p| text.words(Lang::Id, &p.id)).collect(),
    }
}

/// The sentence pairs that look aligned: at least 3 content words on each
/// side and a content-word ratio within 1:2 either way (PANL has pairs
/// shifted by a sentence).
pub fn aligned(prep: &Prepared) -> Vec<usize> {
    let content = |s: &Vec<Tok>| s.iter().filter(|t| !t.stop).count();
    (0..prep.en.len())
        .filter(|&i| {
            let (e, f) = (content(&prep.en[i]), content(&prep.id[i]));
            e >= 3 && f >= 3 && e <= 2 * f && f <= 2 * e
        })
        .collect()
}

/// Token counts for one lexicon, one direction.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Content tokens on the source side.
    pub tokens: usize,
    /// Tokens with at least one translation.
    pub covered: usize,
    /// Covered tokens with at least two.
    pub ambiguous: usize,
    /// Covered tokens some translation of which occurs in the other sentence.
    pub any: usize,
    /// The same, ambiguous tokens only.
    pub any_ambiguous: usize,
    /// Per weighting: covered tokens whose top translation occurs.
    pub top: Vec<f64>,
    /// Per weighting: the same, ambiguous tokens only.
    pub top_ambiguous: Vec<f64>,
    /// Per weighting: covered tokens one of whose 3 best translations occurs.
    pub top3: Vec<f64>,
    /// Per origin bit pattern of the top row under the first weighting:
    /// (tokens, hits).
    pub by_origin: FxHashMap<u8, (usize, usize)>,
    /// Per row that was the top under the first weighting: (tokens, hits).
    pub by_row: FxHashMap<usize, (usize, usize)>,
}

impl Scores {
    /// Adds another fold's counts.
    pub fn add(&mut self, o: &Scores) {
        self.tokens += o.tokens;
        self.covered += o.covered;
        self.ambiguous += o.ambiguous;
        self.any += o.any;
        self.any_ambiguous += o.any_ambiguous;
        if self.top.is_empty() {
            self.top = vec![0.0; o.top.len()];
            self.top_ambiguous = vec![0.0; o.top.len()];
            self.top3 = vec![0.0; o.top.len()];
        }
        for (a, b) in self.top3.iter_mut().zip(&o.top3) {
            *a += b;
        }
        for (a, b) in self.top.iter_mut().zip(&o.top) {
            *a += b;
        }
        for (a, b) in self.top_ambiguous.iter_mut().zip(&o.top_ambiguous) {
            *a += b;
        }
        for (k, v) in &o.by_origin {
            let e = self.by_origin.entry(*k).or_insert((0, 0));
            e.0 += v.0;
            e.1 += v.1;
        }
    }

    /// Share of tokens covered.
    pub fn coverage(&self) -> f64 {
        ratio(self.covered as f64, self.tokens)
    }

    /// accuracy@1 of weighting `m` over covered tokens.
    pub fn acc(&self, m: usize) -> f64 {
        ratio(self.top[m], self.covered)
    }

    /// Share of covered tokens one of whose 3 best translations under
    /// weighting `m` occurs (Warta's query pass keeps 3).
    pub fn acc3(&self, m: usize) -> f64 {
        ratio(self.top3[m], self.covered)
    }

    /// accuracy@1 of weighting `m` over ambiguous tokens.
    pub fn acc_ambiguous(&self, m: usize) -> f64 {
        ratio(self.top_ambiguous[m], self.ambiguous)
    }

    /// "Some translation occurs" over covered tokens.
    pub fn any_rate(&self) -> f64 {
        ratio(self.any as f64, self.covered)
    }

    /// "Some translation occurs" over ambiguous tokens.
    pub fn any_rate_ambiguous(&self) -> f64 {
        ratio(self.any_ambiguous as f64, self.ambiguous)
    }
}

fn ratio(a: f64, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a / b as f64
    }
}

/// How a weighting picks the top translation.
pub enum Weighting<'a> {
    /// Every translation equally likely: the expected accuracy of a random pick.
    Uniform,
    /// The given weight per row (highest first; ties go to the earlier row).
    PerRow(&'a [f64]),
}

/// The phrase keys (more than one word) of the rows, per language.
pub fn phrases(rows: &[LexRow]) -> (FxHashSet<String>, FxHashSet<String>) {
    let en = rows
        .iter()
        .filter(|r| r.en_key.contains(' '))
        .map(|r| r.en_key.clone())
        .collect();
    let id = rows
        .iter()
        .filter(|r| r.id_key.contains(' '))
        .map(|r| r.id_key.clone())
        .collect();
    (en, id)
}

/// Scores the rows whose origin bits meet `mask` on the sentence pairs
/// `which` of `prep`, in direction `dir`, under each weighting.
pub fn evaluate(
    prep: &Prepared,
    which: &[usize],
    rows: &[LexRow],
    mask: u8,
    dir: Dir,
    weightings: &[Weighting],
) -> Scores {
    let (en_phrases, id_phrases) = phrases(rows);
    let mut index: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, r) in rows.iter().enumerate() {
        if r.flags & mask == 0 {
            continue;
        }
        let key = match dir {
            Dir::EnId => r.en_key.as_str(),
            Dir::IdEn => r.id_key.as_str(),
        };
        index.entry(key).or_default().push(i);
    }
    fn target_of(r: &LexRow, dir: Dir) -> &str {
        match dir {
            Dir::EnId => r.id_key.as_str(),
            Dir::IdEn => r.en_key.as_str(),
        }
    }
    let mut s = Scores {
        top: vec![0.0; weightings.len()],
        top_ambiguous: vec![0.0; weightings.len()],
        top3: vec![0.0; weightings.len()],
        ..Scores::default()
    };
    for &i in which {
        let (src, tgt, src_phrases, tgt_phrases) = match dir {
            Dir::EnId => (&prep.en[i], &prep.id[i], &en_phrases, &id_phrases),
            Dir::IdEn => (&prep.id[i], &prep.en[i], &id_phrases, &en_phrases),
        };
        let targets = target_keys(tgt, tgt_phrases);
        for tok in merge_phrases(src.clone(), src_phrases) {
            if tok.stop {
                continue;
            }
            s.tokens += 1;
            let Some(cands) = index.get(tok.key.as_str()) else {
                continue;
            };
            s.covered += 1;
            let ambiguous = cands.len() > 1;
            let present: Vec<bool> = cands
                .iter()
                .map(|&r| targets.contains(target_of(&rows[r], dir)))
                .collect();
            let any = present.iter().any(|&p| p);
            if ambiguous {
                s.ambiguous += 1;
            }
            if any {
                s.any += 1;
                if ambiguous {
                    s.any_ambiguous += 1;
                }
            }
            for (m, w) in weightings.iter().enumerate() {
                let hit3 = match w {
                    Weighting::Uniform => {
                        // Expected share of 3 random picks that include a present one.
                        let n = cands.len();
                        let k = present.iter().filter(|&&p| p).count();
                        let picks = n.min(3);
                        let mut miss = 1.0;
                        for j in 0..picks {
                            miss *= (n - k - j.min(n - k)) as f64 / (n - j) as f64;
                        }
                        1.0 - miss
                    }
                    Weighting::PerRow(weights) => {
                        let mut order: Vec<usize> = (0..cands.len()).collect();
                        order.sort_by(|&a, &b| {
                            weights[cands[b]]
                                .total_cmp(&weights[cands[a]])
                                .then(a.cmp(&b))
                        });
                        if order.iter().take(3).any(|&k| present[k]) {
                            1.0
                        } else {
                            0.0
                        }
                    }
                };
                s.top3[m] += hit3;
                let hit = match w {
                    Weighting::Uniform => {
                        present.iter().filter(|&&p| p).count() as f64 / cands.len() as f64
                    }
                    Weighting::PerRow(weights) => {
                        let mut best = 0;
                        for k in 1..cands.len() {
                            if weights[cands[k]] > weights[cands[best]] {
                                best = k;
                            }
                        }
                        if m == 0 {
                            let origin = rows[cands[best]].flags & crate::lexicon::ORIGIN;
                            let e = s.by_origin.entry(origin).or_insert((0, 0));
                            e.0 += 1;
                            e.1 += usize::from(present[best]);
                            let e = s.by_row.entry(cands[best]).or_insert((0, 0));
                            e.0 += 1;
                            e.1 += usize::from(present[best]);
                        }
                        if present[best] {
                            1.0
                        } else {
                            0.0
                        }
                    }
                };
                s.top[m] += hit;
                if ambiguous {
                    s.top_ambiguous[m] += hit;
                }
            }
        }
    }
    s
}

/// The content words of the source side most often left untranslated.
pub fn uncovered(
    prep: &Prepared,
    which: &[usize],
    rows: &[LexRow],
    dir: Dir,
    n: usize,
) -> Vec<(String, usize)> {
    let (en_phrases, id_phrases) = phrases(rows);
    let keys: FxHashSet<&str> = rows
        .iter()
        .map(|r| match dir {
            Dir::EnId => r.en_key.as_str(),
            Dir::IdEn => r.id_key.as_str(),
        })
        .collect();
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    for &i in which {
        let (src, phrases) = match dir {
            Dir::EnId => (&prep.en[i], &en_phrases),
            Dir::IdEn => (&prep.id[i], &id_phrases),
        };
        for tok in merge_phrases(src.clone(), phrases) {
            if !tok.stop && !keys.contains(tok.key.as_str()) {
                *counts.entry(tok.surface).or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::DICT;

    fn row(en: &str, id: &str, w: f64, prior: f64) -> LexRow {
        LexRow {
            en: en.into(),
            id: id.into(),
            en_key: en.into(),
            id_key: id.into(),
            w_en_id: w,
            w_id_en: 1.0,
            flags: DICT,
            prior_en_id: prior,
            prior_id_en: 1.0,
        }
    }

    #[test]
    fn top_translation_and_uniform() {
        let text = Text::new(FxHashSet::default(), FxHashSet::default());
        let pairs = vec![Pair {
            en: "rice".into(),
            id: "harga beras naik".into(),
            doc: String::new(),
        }];
        let prep = prepare(&text, &pairs);
        let rows = vec![
            row("rice", "beras", 0.7, 0.3),
            row("rice", "nasi", 0.2, 0.4),
            row("rice", "padi", 0.1, 0.3),
        ];
        let w: Vec<f64> = rows.iter().map(|r| r.w_en_id).collect();
        let p: Vec<f64> = rows.iter().map(|r| r.prior_en_id).collect();
        let s = evaluate(
            &prep,
            &[0],
            &rows,
            DICT,
            Dir::EnId,
            &[
                Weighting::PerRow(&w),
                Weighting::PerRow(&p),
                Weighting::Uniform,
            ],
        );
        assert_eq!((s.tokens, s.covered, s.ambiguous, s.any), (1, 1, 1, 1));
        assert_eq!(s.top[0], 1.0);
        assert_eq!(s.top[1], 0.0);
        assert!((s.top[2] - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.top3, vec![1.0, 1.0, 1.0]);
    }
}
