//! The README written beside `en_id.tsv`.

use crate::dict::DROPPED_POS;
use crate::inputs::SupplementRow;
use crate::lexicon::{Candidates, Config, LexRow, COGNATE, DICT, PUD_ADDED, SUPPLEMENT};
use crate::output::BUILD_COMMAND;

/// What the README states.
pub struct Facts<'a> {
    /// The rows written.
    pub rows: &'a [LexRow],
    /// The candidates (for the counts of the rules).
    pub cands: &'a Candidates,
    /// The supplement rows.
    pub supplement: &'a [SupplementRow],
    /// Size of `en_id.tsv` in bytes.
    pub tsv_bytes: usize,
    /// The configuration used.
    pub config: &'a Config,
}

/// The README text.
pub fn readme(f: &Facts) -> String {
    let count = |bit: u8| f.rows.iter().filter(|r| r.flags & bit != 0).count();
    let only = |bits: u8| f.rows.iter().filter(|r| r.flags & 0x0f == bits).count();
    let en_words: std::collections::BTreeSet<&str> =
        f.rows.iter().map(|r| r.en_key.as_str()).collect();
    let id_words: std::collections::BTreeSet<&str> =
        f.rows.iter().map(|r| r.id_key.as_str()).collect();
    let mut junk = String::new();
    for (j, n) in &f.cands.rows_dropped {
        junk.push_str(&format!("  - rows, {}: {n}\n", j.name()));
    }
    for (j, n) in &f.cands.translations_dropped {
        junk.push_str(&format!("  - translations, {}: {n}\n", j.name()));
    }
    let mut sup = String::new();
    for r in f.supplement {
        sup.push_str(&format!("| {} | {} | {} |\n", r.en, r.id, r.reason));
    }
    let c = f.config;
    format!(
        r#"# Warta's English–Indonesian query-translation lexicon

`en_id.tsv` lists English ↔ Indonesian translation pairs with a
translation weight in each direction, for Warta's query-translation pass
(structured query translation, Pirkola 1998; probabilistic structured
queries, Darwish & Oard 2003). It is generated: do not edit it by hand;
change the tool (`tools/lexicon/`) or its supplement and rebuild.

- **Rows:** {rows} ({en_words} English stems, {id_words} Indonesian stems)
- **Size:** {bytes} bytes ({kb:.0} kB)
- **Build (from the repository root):**

  ```sh
  {BUILD_COMMAND}
  ```

  (the arguments shown are the defaults). The build is deterministic: the
  same inputs give the same bytes. Measure with the same command and `eval`
  instead of `build` (it also checks this file is current); `tune`
  cross-validates the hyperparameters on PUD.

## Format

UTF-8, `#` comment lines at the top, then one row per pair:

```text
en<TAB>id<TAB>w_en_id<TAB>w_id_en<TAB>evidence
```

- `en`, `id`: folded (lower case, no diacritics) surface words or phrases
  of up to 3 words (`gempa bumi`, `unjuk rasa`, `ibu kota`). They are
  readable forms, not stems: **key them by Warta's stems**
  (`Analyzer::query_terms` of each column, stems joined by a space), as the
  weights were estimated on stems (`fires`/`fire`, `kebakaran`/`terbakar`
  meet). Each (English stem, Indonesian stem) pair occurs once, written
  with the surface forms its best evidence used, so one stem may show
  different surfaces on different rows (`communication → komunikasi` and
  `communicant → komunikan` are both rows of the English stem `communic`;
  `fire → kebakaran` and `burn → membakar` both of the Indonesian stem
  `bakar`).
- `w_en_id` ≈ P(id | en): the weight of this Indonesian rendering among the
  renderings of the English stem; the rows of one English stem sum to at
  most 1 (less only by rounding down to 3 decimals and by dropped rows
  under {min_w} both ways). `w_id_en` ≈ P(en | id), the same from the
  Indonesian side. Weights are written without trailing zeros (`1`, `0.5`).
- `evidence`: where the pair comes from, joined by `+`: `dict` (FreeDict),
  `supplement` (our hand-written rows), `cognate` (a regular loanword
  spelling, see below), `pud` (PUD's word alignment supports the pair with
  an expected count ≥ 0.5; `pud` alone: added from PUD's alignments).
  Counts: dict {dict}, supplement {supp}, cognate {cog} (cognate alone {cog_only}),
  added from PUD {pud_added}.

Rows are sorted by English stem (so a stem's rows are together), then by
`w_en_id` (highest first), then by `id`.

## How it is built

1. **FreeDict** rows are parsed with their senses: the `id` column is
   sense 1; numbered gloss segments (`2. kebakaran, api`) are senses 2, 3, ….
   Junk rules:
   - rows whose part of speech is one of {dropped_pos};
   - headwords or translations with a digit (`ke-10`, `10th`), with an
     affix hyphen (`ato-`, `-an`), with sentence punctuation, abbreviation
     dots or wiki markup (`?`, `!`, `.`, `/`, `[[…]]`, `...`), or of more
     than 3 words; parenthesised parts are removed first
     (`(orang) brengsek` → `brengsek`);
   - pairs that are stopwords on both sides (`with → dengan`). English
     stopwords: the ISO list minus every word whose stem is that of a
     FreeDict noun, verb, adjective or numeral that FreeDict never lists as
     a function word (so `year`, `world`, `said` stay), plus auxiliaries and
     modals. Indonesian: Tala's list, as Warta uses.
   Counts ({rows_read} rows read, {kept} translations kept):
{junk}
2. **Cognates**: English words of 5+ letters (FreeDict headwords and
   glosses, PUD's English side, written in lower case, not inflected
   `-ing`/`-ed`/`-s` forms) are spelled the Indonesian way by regular rules
   (`-tion → -si`, `-ty → -tas`, `c → k/s`, `ph → f`, `-ic → -ik`,
   `-ism → -isme`, `-ist → -is`, `x → ks`, `qu → kw/ku`, double consonants
   single, …; `tools/lexicon/src/cognate.rs`). A spelling is kept only when
   it is a known Indonesian word of 4+ letters (a Sastrawi root, a FreeDict
   translation, or a lower-case word of PUD's Indonesian side; the English
   word unchanged only when a Sastrawi root or FreeDict translation), is
   not a listed false friend (`reach → reak`, `size → sisa`, `pasture →
   pastur`), and FreeDict does not give it for another English word
   (`cheery → ceri` is `cherry`). For an English stem FreeDict already
   translates, a cognate either strengthens a dictionary pair
   ({conf_cog} pairs) or, only when made by a distinctive ending rule
   (`culture → kultur`, `public → publik`; not `police → polis`), adds one.
   New cognate pairs: {new_cog} ({new_cog_cov} of them for stems FreeDict covers).
3. **Supplement** (`tools/lexicon/supplement.tsv`, written for Warta): a
   few very common news words FreeDict lacks or misspells:

| en | id | reason |
|---|---|---|
{sup}
4. **Weights.** A prior from the dictionary: under each English headword,
   a translation in sense `s`, position `k` scores `{sd}^(s-1) · {rd}^(k-1)`
   (summed over its listings); a cognate adds {cs}, a supplement row {ss};
   scores are normalised per headword, and the headwords of one English
   stem (`global`, `globalism`) are mixed in proportion to
   `(n+1)^{sp}`, `n` the headword's count in FreeDict's glosses and PUD's
   English side. The reverse prior P(en|id) multiplies P(id|en) by
   `(n(en)+1)^{rp}` for the English stem. Then IBM Model 1 is trained by EM
   in each direction on the 1,000 PUD sentence pairs (stems, stopwords out,
   dictionary phrases merged into one token), with the prior as a Dirichlet
   of weight α = {alpha} and a uniform background β = {beta} ({iters}
   iterations). A row's weight is its t(·|·) normalised over the rows of
   its stem. The hyperparameters were chosen by 10-fold cross-validation on
   PUD by document (`tune`); the results are flat within about half a point
   for α ≤ 2.
5. **Additions from PUD** ({pud_added} rows): pairs FreeDict lacks whose
   Model 1 alignment is mutual-best, that co-occur in ≥ {mc} sentence pairs
   with a Dice coefficient ≥ {md}, have t ≥ {mt} both ways, and are not a
   name aligned to a common word. Run without the dictionary, this rule's
   pairs agree with FreeDict for about 86 % of the English words FreeDict
   covers (`eval` prints the table).

## Sources, attribution and licence

This data file is **CC BY-SA 3.0**
(<https://creativecommons.org/licenses/by-sa/3.0/>): it is derived from
FreeDict and PUD, both CC BY-SA 3.0. You may share and adapt it, also
commercially, if you give credit to the sources below and distribute your
adaptations under the same licence. It is not under Warta's MIT/Apache
code licence.

- **FreeDict English–Indonesian** (FreeDict + WikDict, built from
  Wiktionary), 2022.11.18, as packaged by Debian
  (`dict-freedict-eng-ind` 2022.12.07-2). © the FreeDict and WikDict
  contributors and the Wiktionary authors. CC BY-SA 3.0.
  <https://freedict.org/>
- **Universal Dependencies Parallel UD (PUD)**: `UD_English-PUD` and
  `UD_Indonesian-PUD` (the CoNLL 2017 shared task parallel test sentences).
  © the UD contributors. CC BY-SA 3.0.
  <https://universaldependencies.org/>
- **Sastrawi** root-word list (`kata-dasar.txt`, used to accept cognates
  and by Warta's stemmer), © Hanif Amal Robbani and Andy Librian, MIT.
- Stopword lists used as filters only (nothing of them is copied here):
  stopwords-iso English (MIT) and Tala's Indonesian list via Lucene
  (Apache-2.0).
- `tools/lexicon/supplement.tsv`: written for Warta.

Not used for this file: PANL-BPPT (no licence stated; used only to measure
the lexicon, by `eval`) and the news corpus (publishers' text).
`parallel_pud_docs_en_id.jsonl` holds the same PUD sentences grouped by
document; the build reads the sentence file (`parallel_pud_en_id.tsv`) and
uses its `doc_id` only to cross-validate by document.

## Known weak spots

- Words PUD does not contain keep FreeDict's unordered senses, weighted by
  listing order only: `earthquake → gempa bumi 0.46, gempa 0.32, lindu
  0.22`, `forest → hutan 0.59, pohon 0.41`.
- Stems merge words: Porter2 gives `capital`, `capitalism` and
  `capitation` one stem (`capit`), so `kapitalisme` is a (small) rendering
  of `capital`; the Indonesian stemmer files `pemilu` under `milu`, where
  it meets `memilukan` (`sadden`).
- FreeDict's own misspellings are kept as FreeDict has them
  (`penyeludupan` for `penyelundupan`, `kurban` for `korban` under
  `victim`); the supplement adds the standard forms, which then outweigh
  them.
- A cognate or PUD addition that is a word's only row gets all its weight
  (`agency → agensi`, where news says `badan` or `lembaga`).
"#,
        rows = f.rows.len(),
        en_words = en_words.len(),
        id_words = id_words.len(),
        bytes = f.tsv_bytes,
        kb = f.tsv_bytes as f64 / 1024.0,
        min_w = c.min_weight,
        dict = count(DICT),
        supp = count(SUPPLEMENT),
        cog = count(COGNATE),
        cog_only = only(COGNATE),
        pud_added = count(PUD_ADDED),
        dropped_pos = DROPPED_POS
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", "),
        rows_read = f.cands.rows_read,
        kept = f.cands.translations_kept,
        junk = junk,
        new_cog = f.cands.new_cognates.len(),
        new_cog_cov = f.cands.new_cognates_covered,
        conf_cog = f.cands.confirming_cognates,
        sup = sup,
        sd = c.sense_decay,
        rd = c.rank_decay,
        cs = c.cognate_score,
        ss = c.supplement_score,
        rp = c.reverse_frequency_power,
        sp = c.surface_frequency_power,
        md = c.add_min_dice,
        alpha = c.model.alpha,
        beta = c.model.beta,
        iters = c.model.iterations,
        mc = c.add_min_cooccurrence,
        mt = c.add_min_t,
    )
}
