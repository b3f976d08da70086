//! Cognates: Indonesian spellings of English loanwords.
//!
//! Indonesian borrowed much of its modern vocabulary from English (and
//! Dutch) with regular spelling changes: `-tion → -si`, `-ty → -tas`,
//! `c → k` (before a, o, u and consonants) or `s` (before e, i, y),
//! `ph → f`, `-ic → -ik`, `-ism → -isme`, `-ist → -is`, `x → ks`,
//! `qu → kw/ku`, double consonants single. [`candidates`] spells an English
//! word in every way these rules allow; the caller keeps a candidate only
//! when it is a known Indonesian word.

/// Ending rules, English ending → Indonesian endings. Every rule whose
/// ending matches is tried (and so is none), so their order does not matter.
const ENDINGS: &[(&str, &[&str])] = &[
    ("ization", &["isasi"]),
    ("isation", &["isasi"]),
    ("ication", &["ikasi"]),
    ("ation", &["asi"]),
    ("ction", &["ksi"]),
    ("ssion", &["si"]),
    ("sion", &["si"]),
    ("tion", &["si"]),
    ("ity", &["itas"]),
    ("ty", &["tas"]),
    ("ical", &["is", "ik"]),
    ("ics", &["ika", "ik"]),
    ("ic", &["ik", "is"]),
    ("ism", &["isme"]),
    ("ist", &["is"]),
    ("logy", &["logi"]),
    ("graphy", &["grafi"]),
    ("cy", &["si"]),
    ("ary", &["er", "ari"]),
    ("ory", &["ori"]),
    ("ive", &["if"]),
    ("ment", &["men"]),
    ("ance", &["ansi"]),
    ("ence", &["ensi"]),
    ("ancy", &["ansi"]),
    ("ency", &["ensi"]),
    ("ant", &["an", "en"]),
    ("ent", &["en"]),
    ("ure", &["ur"]),
    ("que", &["k"]),
    ("gue", &["g"]),
    ("ide", &["ida"]),
    ("ite", &["it"]),
    ("ate", &["at"]),
    ("one", &["on"]),
    ("ine", &["in"]),
    ("ile", &["il"]),
    ("ice", &["is", "isi"]),
    ("ce", &["s", "si"]),
    ("ct", &["k"]),
    ("or", &["ur"]),
    ("ous", &["us"]),
    ("ose", &["osa"]),
    ("ule", &["ul"]),
    ("ette", &["et"]),
    ("eme", &["em"]),
    ("y", &["i"]),
];

/// Rule spellings that meet an Indonesian word by accident: a native word
/// (or another loan) with another meaning, as (English, Indonesian).
/// Written by hand from the cognates that FreeDict's and PUD's vocabulary
/// produce (`reach → reak`, `size → sisa` "remainder", `eject → ejek`
/// "mock", `pasture → pastur` "priest", `instance → instansi` "agency",
/// `rely → reli` "rally", `teepee → tipe` "type").
pub const FALSE_FRIENDS: &[(&str, &str)] = &[
    ("abyss", "abis"),
    ("affair", "afair"),
    ("alike", "alik"),
    ("backache", "bakak"),
    ("basic", "basis"),
    ("cation", "kasi"),
    ("chamber", "kamber"),
    ("chemical", "kemik"),
    ("cheeky", "ceki"),
    ("cheeky", "keki"),
    ("cheery", "ciri"),
    ("cheery", "keri"),
    ("chilly", "cili"),
    ("chilly", "kili"),
    ("desist", "desis"),
    ("double", "duble"),
    ("eject", "ejek"),
    ("envoy", "envoi"),
    ("instance", "instansi"),
    ("lecture", "lektur"),
    ("liquor", "likur"),
    ("loose", "lose"),
    ("malice", "malis"),
    ("march", "mark"),
    ("mature", "matur"),
    ("nasty", "nasti"),
    ("pasture", "pastur"),
    ("phatic", "patik"),
    ("physical", "pisik"),
    ("physique", "pisik"),
    ("plane", "plan"),
    ("prize", "pris"),
    ("proof", "prof"),
    ("range", "rang"),
    ("rajah", "rayah"),
    ("reach", "reak"),
    ("rely", "reli"),
    ("sheet", "set"),
    ("size", "sisa"),
    ("teepee", "tipe"),
];

/// Whether (English, Indonesian) is a known false friend.
pub fn false_friend(en: &str, id: &str) -> bool {
    FALSE_FRIENDS.iter().any(|&(e, i)| e == en && i == id)
}

/// Most spellings produced for one word.
const MAX_CANDIDATES: usize = 256;

/// Shortest English word that is given cognates.
pub const MIN_LEN: usize = 5;

/// Endings whose rule is distinctive enough (with at least
/// [`STRONG_STEM`] letters before it) to trust a cognate of an English word
/// the dictionary already translates: `culture → kultur`, `public →
/// publik`, but not `ration → rasi` or `police → polis`.
const STRONG_ENDINGS: &[&str] = &[
    "ization", "isation", "ication", "ation", "ction", "ssion", "sion", "tion", "ity", "ical",
    "ics", "ic", "ism", "ist", "logy", "graphy", "ary", "ory", "ive", "ment", "ance", "ence",
    "ancy", "ency", "ure",
];

/// Letters needed before a strong ending.
const STRONG_STEM: usize = 4;

/// Every Indonesian spelling of the folded English word `en` that the
/// rules allow, sorted, without duplicates (the word itself among them
/// when no rule changes it). Words that are not plain a–z, shorter than
/// [`MIN_LEN`], or inflected (`-ing`, `-ed`, plural `-s`) have none.
#[cfg(test)]
pub fn candidates(en: &str) -> Vec<String> {
    candidates_with_strength(en)
        .into_iter()
        .map(|(c, _)| c)
        .collect()
}

/// [`candidates`], each with whether it is strong: made through a
/// [`STRONG_ENDINGS`] rule after at least [`STRONG_STEM`] letters.
pub fn candidates_with_strength(en: &str) -> Vec<(String, bool)> {
    if en.len() < MIN_LEN || !en.bytes().all(|b| b.is_ascii_lowercase()) || inflected(en) {
        return Vec::new();
    }
    let word = en.as_bytes();
    let mut weak: Vec<String> = Vec::new();
    let mut strong: Vec<String> = Vec::new();
    // No ending rule: the letters alone.
    letters(word, word.len(), &mut weak, "");
    for (ending, replacements) in ENDINGS {
        let Some(stem_len) = en.strip_suffix(ending).map(str::len) else {
            continue;
        };
        // `alive` is not `al` + `-ive`; `mission` is `mi` + `-ssion`.
        if stem_len < 2 || (stem_len < 3 && ending.len() < 4) {
            continue;
        }
        let out = if stem_len >= STRONG_STEM && STRONG_ENDINGS.contains(ending) {
            &mut strong
        } else {
            &mut weak
        };
        for replacement in *replacements {
            letters(word, stem_len, out, replacement);
        }
    }
    let mut all: Vec<(String, bool)> = strong
        .into_iter()
        .map(|c| (c, true))
        .chain(weak.into_iter().map(|c| (c, false)))
        .collect();
    // Strong first, so that dedup keeps a spelling's strong reading.
    all.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

/// Whether `en` looks like an inflected form (`biting`, `notes`,
/// `walked`): those are not borrowed, and their stem shares the base
/// form's translations anyway.
fn inflected(en: &str) -> bool {
    en.ends_with("ing")
        || en.ends_with("ed")
        || (en.ends_with('s')
            && !["ss", "us", "is", "ics", "os", "as"]
                .iter()
                .any(|e| en.ends_with(e)))
}

/// Spells `word[..stem_len]` by the letter rules (looking ahead into the
/// rest of `word`), then appends `ending`; pushes every spelling.
fn letters(word: &[u8], stem_len: usize, out: &mut Vec<String>, ending: &str) {
    let mut prefix = String::new();
    spell(word, stem_len, 0, &mut prefix, ending, out);
}

fn spell(
    word: &[u8],
    stem_len: usize,
    i: usize,
    prefix: &mut String,
    ending: &str,
    out: &mut Vec<String>,
) {
    if out.len() >= MAX_CANDIDATES {
        return;
    }
    if i >= stem_len {
        out.push(format!("{prefix}{ending}"));
        return;
    }
    for (consumed, replacement) in options(word, stem_len, i) {
        let len = prefix.len();
        prefix.push_str(replacement);
        spell(word, stem_len, i + consumed, prefix, ending, out);
        prefix.truncate(len);
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn front_vowel(b: Option<u8>) -> bool {
    matches!(b, Some(b'e' | b'i' | b'y'))
}

/// The ways to spell the letters at `word[i..]` (within the stem): each is
/// (letters consumed, Indonesian spelling).
fn options(word: &[u8], stem_len: usize, i: usize) -> Vec<(usize, &'static str)> {
    let at = |k: usize| word.get(i + k).copied();
    let in_stem = |k: usize| i + k < stem_len;
    let c = word[i];
    let next = at(1);
    if in_stem(2) && &word[i..i + 3] == b"tio" && i > 0 {
        return vec![(3, "sio"), (1, "t")];
    }
    if in_stem(1) {
        let pair = [c, word[i + 1]];
        match &pair {
            b"ck" => return vec![(2, "k")],
            b"ch" => return vec![(2, "k"), (2, "c")],
            b"ph" => return vec![(2, "f"), (2, "p")],
            b"th" => return vec![(2, "t")],
            b"qu" => return vec![(2, "kw"), (2, "ku"), (2, "k")],
            b"sh" => return vec![(2, "sy"), (2, "s")],
            b"cc" => {
                return if front_vowel(at(2)) {
                    vec![(2, "ks")]
                } else {
                    vec![(2, "k")]
                }
            }
            b"ou" => return vec![(2, "u"), (2, "ou")],
            b"ee" => return vec![(2, "i"), (2, "e")],
            b"oo" => return vec![(2, "u"), (2, "o")],
            b"ae" => return vec![(2, "e")],
            _ => {}
        }
        if pair[0] == pair[1] && !is_vowel(c) && c != b'c' {
            return vec![(2, single(c))];
        }
    }
    match c {
        b'x' => vec![(1, "ks")],
        b'c' if front_vowel(next) => vec![(1, "s")],
        b'c' => vec![(1, "k")],
        b'y' if i == 0 => vec![(1, "y")],
        b'y' => vec![(1, "i"), (1, "y")],
        b'z' => vec![(1, "s"), (1, "z")],
        b'j' => vec![(1, "j"), (1, "y")],
        other => vec![(1, single(other))],
    }
}

/// One ASCII letter as a static string.
fn single(b: u8) -> &'static str {
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
        "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    LETTERS[(b - b'a') as usize]
}

#[cfg(test)]
mod tests {
    use super::candidates;

    fn has(en: &str, id: &str) -> bool {
        candidates(en).iter().any(|c| c == id)
    }

    #[test]
    fn the_regular_loanword_spellings() {
        for (en, id) in [
            ("corruption", "korupsi"),
            ("communication", "komunikasi"),
            ("application", "aplikasi"),
            ("terrorist", "teroris"),
            ("terrorism", "terorisme"),
            ("police", "polisi"),
            ("university", "universitas"),
            ("quality", "kualitas"),
            ("technology", "teknologi"),
            ("photo", "foto"),
            ("toxic", "toksik"),
            ("complex", "kompleks"),
            ("system", "sistem"),
            ("democracy", "demokrasi"),
            ("economy", "ekonomi"),
            ("president", "presiden"),
            ("electric", "elektrik"),
            ("physics", "fisika"),
            ("politics", "politik"),
            ("telephone", "telepon"),
            ("vaccine", "vaksin"),
            ("culture", "kultur"),
            ("structure", "struktur"),
            ("conference", "konferensi"),
            ("assistant", "asisten"),
            ("satellite", "satelit"),
            ("candidate", "kandidat"),
            ("group", "grup"),
            ("organization", "organisasi"),
            ("military", "militer"),
            ("document", "dokumen"),
            ("technique", "teknik"),
            ("active", "aktif"),
            ("national", "nasional"),
            ("project", "proyek"),
            ("director", "direktur"),
            ("central", "sentral"),
            ("inflation", "inflasi"),
            ("television", "televisi"),
            ("mission", "misi"),
            ("glucose", "glukosa"),
            ("module", "modul"),
            ("cassette", "kaset"),
            ("dialogue", "dialog"),
            ("hotel", "hotel"),
        ] {
            assert!(has(en, id), "{en} → {id} not among {:?}", candidates(en));
        }
    }

    #[test]
    fn strength() {
        let strong = |en: &str, id: &str| {
            super::candidates_with_strength(en)
                .iter()
                .any(|(c, s)| c == id && *s)
        };
        assert!(strong("culture", "kultur"));
        assert!(strong("public", "publik"));
        assert!(strong("corruption", "korupsi"));
        assert!(!strong("global", "global"));
        assert!(!strong("ration", "rasi"));
        assert!(!strong("police", "polis"));
        assert!(!strong("credit", "kredit"));
    }

    #[test]
    fn false_friends_are_pairs() {
        assert!(super::false_friend("reach", "reak"));
        assert!(!super::false_friend("type", "tipe"));
    }

    #[test]
    fn short_inflected_or_non_letter_words_have_none() {
        assert!(candidates("app").is_empty());
        assert!(candidates("taxi").is_empty());
        assert!(candidates("biting").is_empty());
        assert!(candidates("notes").is_empty());
        assert!(has("physics", "fisika") && has("crisis", "krisis"));
        assert!(!has("alive", "alif"));
        assert!(candidates("e-mail").is_empty());
        assert!(candidates("café").is_empty());
    }

    #[test]
    fn sorted_unique_and_bounded() {
        let c = candidates("accessibility");
        assert!(c.windows(2).all(|w| w[0] < w[1]));
        assert!(c.len() <= super::MAX_CANDIDATES);
    }
}
