//! Language identification restricted to what Warta indexes: Indonesian,
//! English, or something else.
//!
//! Why not just whatlang? On news titles (5–12 words) and on Indonesian text
//! peppered with English brand names, general-purpose trigram models are
//! unreliable: they wander off to Tagalog, Malay-like languages or Latin
//! languages the index never sees. We therefore combine three signals:
//!
//! 1. **Script.** Text whose letters are mostly not Latin is [`Lang::Other`].
//! 2. **Function words.** Closed-class words (`yang`, `dan`, `di`, `untuk` …
//!    versus `the`, `and`, `of`, `to` …) are high-precision, present even in
//!    short texts, and unaffected by borrowed nouns ("Telegram", "chatting").
//! 3. **whatlang, restricted to Indonesian vs English**, used as a tie-breaker
//!    weighted by its confidence, and (unrestricted) to recognise clearly
//!    foreign Latin-script text that has no Indonesian/English function words.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The languages Warta distinguishes. Everything that is neither Indonesian
/// nor English (other languages, non-Latin scripts, empty or symbol-only
/// text) collapses into `Other`, because the analyzer has no special
/// treatment for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Indonesian (Bahasa Indonesia; Malay-like text is treated as Indonesian).
    Id,
    /// English.
    En,
    /// Anything else, or unknown.
    Other,
}

impl Lang {
    /// Short code stored in the index and used in URLs/JSON: `"id"`, `"en"`
    /// or `"other"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }

    /// Parses a language code as found in data files and query parameters
    /// (`id`/`ind`, `en`/`eng`, `other`; case-insensitive, surrounding
    /// whitespace ignored). Returns `None` for anything else.
    pub fn from_code(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "ind" => Some(Lang::Id),
            "en" | "eng" => Some(Lang::En),
            "other" => Some(Lang::Other),
            _ => None,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Indonesian closed-class and very frequent words that are not English
/// words (so `a`, `I`, `me`, `on`, `or` are deliberately absent).
const ID_FUNCTION: &[&str] = &[
    "yang",
    "dan",
    "di",
    "dengan",
    "untuk",
    "tidak",
    "ini",
    "itu",
    "dari",
    "pada",
    "ke",
    "akan",
    "dalam",
    "adalah",
    "juga",
    "atau",
    "oleh",
    "karena",
    "sebagai",
    "bahwa",
    "ada",
    "tersebut",
    "sudah",
    "telah",
    "saat",
    "bisa",
    "dapat",
    "lebih",
    "kata",
    "mereka",
    "kami",
    "kita",
    "saya",
    "anda",
    "dia",
    "ia",
    "para",
    "hanya",
    "masih",
    "harus",
    "belum",
    "sangat",
    "jika",
    "kalau",
    "tetapi",
    "tapi",
    "namun",
    "serta",
    "secara",
    "antara",
    "setelah",
    "sebelum",
    "hingga",
    "sampai",
    "agar",
    "supaya",
    "bagi",
    "tentang",
    "seperti",
    "lalu",
    "kemudian",
    "bukan",
    "menjadi",
    "sejak",
    "ketika",
    "selama",
    "tanpa",
    "melalui",
    "terhadap",
    "sedang",
    "pun",
    "lagi",
    "sih",
    "aja",
    "saja",
    "nya",
    "yg",
    "dgn",
    "utk",
    "tdk",
    "gak",
    "nggak",
    "ga",
    "enggak",
    "banget",
    "bgt",
    "udah",
    "udh",
    "sdh",
    "kok",
    "dong",
    "deh",
    "kan",
    "kalo",
    "klo",
    "gue",
    "gw",
    "aku",
    "kamu",
    "lu",
    "lo",
    "jg",
    "sm",
    "sama",
    "trs",
    "terus",
    "apa",
    "siapa",
    "mana",
    "bagaimana",
    "mengapa",
    "kenapa",
    "berapa",
    "sebuah",
    "seorang",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "orang",
    "tahun",
    "hari",
    "bulan",
    "baru",
    "besar",
    "kecil",
    "banyak",
    "semua",
    "setiap",
    "tak",
    "pula",
    "maka",
    "yakni",
    "yaitu",
    "kini",
    "nanti",
    "sekarang",
    "begitu",
    "demikian",
    "bahkan",
    "sekitar",
    "sendiri",
    "lain",
    "lainnya",
    "paling",
    "baik",
    "sebagai",
    "dirinya",
    "beberapa",
    "sejumlah",
    "pihak",
    "tengah",
    "atas",
    "bawah",
    "usai",
    "jadi",
    "mau",
    "ingin",
    "perlu",
    "punya",
    "bukan",
    "sedangkan",
    "meski",
    "meskipun",
    "walau",
    "walaupun",
    "sehingga",
    "oleh",
    "daripada",
    "kepada",
    "bersama",
    "mengenai",
    "sekali",
    "sangat",
    "cuma",
    "hal",
    "tiap",
    "ya",
    "iya",
    "tuh",
    "nih",
    "dah",
    "blm",
    "krn",
    "dr",
    "pd",
    "dlm",
    "tp",
    "kyk",
    "kayak",
    "emang",
    "memang",
    "gimana",
    "gitu",
    "gini",
    "sy",
    "km",
    "aq",
    "lg",
    "bs",
    "bisa",
    "pas",
    "biar",
    "abis",
    "habis",
    "belom",
    "mah",
    "loh",
    "lho",
    "sama",
    "kalian",
    "beliau",
    "ku",
    "mu",
    "kau",
    "engkau",
    "dirimu",
    "bapak",
    "ibu",
    "pak",
    "bu",
    "selalu",
    "pernah",
    "segera",
    "lalu",
    "diri",
    "milik",
    "sana",
    "sini",
    "situ",
    "hampir",
    "cukup",
    "tentu",
    "mungkin",
    "kemarin",
    "besok",
    "pagi",
    "malam",
    "siang",
    "sore",
    "waktu",
    "rp",
    "persen",
    "juta",
    "miliar",
    "triliun",
    "ribu",
    "ratus",
    "puluh",
    "wib",
    "wita",
    "menurut",
    "dilansir",
    "berita",
    "negara",
    "pemerintah",
    "masyarakat",
    "warga",
    "kota",
    "jalan",
    "rumah",
    "kali",
    "pertama",
    "kedua",
    "ketiga",
    "terakhir",
    "bisa",
    "tanggal",
];

/// English closed-class and very frequent words that are not Indonesian words.
const EN_FUNCTION: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "is",
    "that",
    "with",
    "for",
    "in",
    "on",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "by",
    "as",
    "at",
    "from",
    "this",
    "these",
    "those",
    "it",
    "its",
    "it's",
    "an",
    "or",
    "not",
    "but",
    "have",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "do",
    "does",
    "did",
    "done",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "why",
    "how",
    "there",
    "their",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "him",
    "we",
    "our",
    "us",
    "you",
    "your",
    "my",
    "me",
    "i",
    "than",
    "then",
    "so",
    "if",
    "about",
    "into",
    "over",
    "after",
    "before",
    "between",
    "under",
    "up",
    "out",
    "more",
    "most",
    "some",
    "any",
    "all",
    "no",
    "new",
    "said",
    "says",
    "say",
    "also",
    "just",
    "only",
    "very",
    "such",
    "other",
    "one",
    "two",
    "three",
    "first",
    "last",
    "year",
    "years",
    "people",
    "time",
    "get",
    "got",
    "go",
    "going",
    "make",
    "made",
    "like",
    "know",
    "think",
    "want",
    "see",
    "now",
    "here",
    "because",
    "while",
    "during",
    "through",
    "against",
    "without",
    "within",
    "since",
    "until",
    "both",
    "each",
    "every",
    "many",
    "much",
    "own",
    "same",
    "still",
    "even",
    "well",
    "back",
    "way",
    "off",
    "down",
    "too",
    "yet",
    "ever",
    "never",
    "always",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "can't",
    "won't",
    "i'm",
    "you're",
    "that's",
    "there's",
    "they're",
    "we're",
    "let",
    "let's",
    "good",
    "really",
    "love",
    "day",
    "today",
    "night",
    "morning",
    "life",
    "thing",
    "things",
    "something",
    "nothing",
    "anything",
    "everything",
    "someone",
    "anyone",
    "everyone",
    "feel",
    "need",
    "please",
    "thanks",
    "thank",
    "happy",
    "best",
    "better",
    "great",
    "right",
    "wrong",
    "though",
    "although",
    "however",
    "whether",
    "would",
    "being",
    "become",
    "became",
    "went",
    "come",
    "came",
    "take",
    "took",
    "give",
    "gave",
    "tell",
    "told",
    "work",
    "world",
    "week",
    "month",
    "government",
    "company",
    "percent",
    "million",
    "billion",
    "year's",
    "mr",
    "mrs",
    "bank",
    "market",
    "shares",
    "share",
    "stock",
    "price",
    "prices",
    "per",
    "cts",
    "vs",
    "mln",
    "dlrs",
    "pct",
    "net",
    "inc",
    "corp",
    "ltd",
    "oil",
    "trade",
    "state",
    "its",
    "amid",
    "via",
    "amp",
    "lol",
    "omg",
    "wanna",
    "gonna",
    "gotta",
    "yeah",
    "yes",
    "oh",
    "hey",
    "hi",
    "lot",
    "lots",
    "little",
    "big",
    "old",
    "young",
    "long",
    "next",
    "again",
    "around",
    "away",
    "why",
    "ago",
    "already",
    "almost",
    "enough",
    "quite",
    "rather",
    "whole",
    "own",
    "cause",
    "cos",
];

/// Words sometimes tagged otherwise but common in Indonesian tweets/news;
/// used only for per-word decisions (not as sentence evidence).
const ID_EXTRA_WORDS: &[&str] = &[
    "sering",
    "penting",
    "mending",
    "kucing",
    "anjing",
    "kambing",
    "asing",
    "masing",
    "pusing",
    "kuning",
    "kering",
    "miring",
    "piring",
    "keliling",
    "genting",
    "bimbing",
    "w",
    "msh",
    "bnyk",
    "skrg",
    "org",
    "bkn",
    "dpt",
    "jd",
    "aplikasi",
    "pakai",
    "pesan",
    "pengguna",
    "layanan",
    "kelompok",
    "teror",
    "berita",
    "tahun",
    "orang",
    "anak",
    "mobil",
    "uang",
    "harga",
    "kerja",
    "sekolah",
    "makan",
    "minum",
    "tidur",
    "suka",
    "senang",
    "sedih",
    "cinta",
    "sayang",
    "teman",
    "temen",
    "kakak",
    "adik",
    "mama",
    "papa",
    "bapak",
    "emak",
    "kangen",
    "capek",
    "cape",
    "males",
    "malas",
    "seneng",
    "liat",
    "lihat",
    "tau",
    "tahu",
    "bikin",
    "buat",
    "beli",
    "jual",
    "main",
    "pulang",
    "pergi",
    "datang",
    "cari",
    "kasih",
    "tanya",
    "jawab",
    "ngomong",
    "bilang",
    "nonton",
    "dengar",
    "denger",
    "baca",
    "tulis",
    "foto",
    "lagu",
    "film",
    "hati",
    "mata",
    "kepala",
    "tangan",
    "muka",
    "dunia",
    "hidup",
    "mati",
    "sakit",
    "sehat",
    "cantik",
    "ganteng",
    "jelek",
    "bagus",
    "enak",
    "susah",
    "mudah",
    "gampang",
    "cepat",
    "lama",
    "jauh",
    "dekat",
    "tinggi",
    "rendah",
    "panas",
    "dingin",
    "hujan",
    "air",
    "api",
    "tanah",
    "laut",
    "gunung",
    "kampus",
    "kuliah",
    "tugas",
    "ujian",
    "libur",
    "minggu",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "ayo",
    "yuk",
    "wkwk",
    "wkwkwk",
    "haha",
    "hehe",
    "hahaha",
    "hehehe",
    "anjir",
    "anjay",
    "kak",
    "mas",
    "mbak",
    "bang",
    "dek",
    "pengen",
    "pingin",
    "kayaknya",
    "sepertinya",
    "soalnya",
    "pokoknya",
    "makanya",
    "sampe",
    "ampe",
    "bener",
    "benar",
    "salah",
    "betul",
    "semoga",
    "amin",
    "aamiin",
    "tolong",
    "maaf",
    "terima",
    "kasih",
    "selamat",
    "ulang",
    "tahun",
];

/// Frequent English content words (social-media and news register) for
/// per-word decisions.
const EN_EXTRA_WORDS: &[&str] = &[
    "a",
    "u",
    "ur",
    "im",
    "dm",
    "dont",
    "cant",
    "wont",
    "didnt",
    "ok",
    "okay",
    "am",
    "god",
    "mean",
    "save",
    "bcs",
    "n",
    "care",
    "email",
    "pls",
    "plz",
    "btw",
    "idk",
    "thx",
    "tho",
    "ya'll",
    "bday",
    "app",
    "news",
    "love",
    "people",
    "friend",
    "friends",
    "family",
    "home",
    "school",
    "work",
    "job",
    "money",
    "food",
    "music",
    "song",
    "movie",
    "game",
    "team",
    "fans",
    "fan",
    "video",
    "photo",
    "live",
    "show",
    "girl",
    "boy",
    "man",
    "woman",
    "baby",
    "guys",
    "guy",
    "bro",
    "sorry",
    "sure",
    "cute",
    "funny",
    "crazy",
    "sad",
    "mood",
    "feeling",
    "moment",
    "story",
    "style",
    "look",
    "looks",
    "looking",
    "watch",
    "watching",
    "play",
    "playing",
    "post",
    "follow",
    "share",
    "free",
    "real",
    "true",
    "fake",
    "hate",
    "miss",
    "wait",
    "stop",
    "start",
    "end",
    "open",
    "close",
    "help",
    "call",
    "message",
    "phone",
    "online",
    "update",
    "check",
    "nice",
    "cool",
    "bad",
    "hot",
    "cold",
    "fun",
    "weekend",
    "party",
    "trip",
    "travel",
    "city",
    "country",
    "war",
    "police",
    "president",
    "minister",
    "report",
    "reports",
    "official",
    "officials",
    "users",
    "user",
    "service",
    "services",
    "security",
    "privacy",
    "group",
    "attack",
    "attacks",
    "terrorist",
    "channels",
    "data",
    "information",
    "internet",
    "online",
    "same",
    "different",
    "important",
    "sometimes",
    "someday",
    "maybe",
    "anyway",
    "actually",
    "literally",
    "seriously",
    "honestly",
    "finally",
    "totally",
    "forever",
    "never",
    "ever",
    "dream",
    "heart",
    "soul",
    "mind",
    "beautiful",
    "awesome",
    "amazing",
    "perfect",
    "favorite",
    "favourite",
    "birthday",
    "holiday",
    "single",
    "fall",
    "falling",
    "stay",
    "leave",
];

struct Lexicon {
    id_fn: HashSet<&'static str>,
    en_fn: HashSet<&'static str>,
    id_words: HashSet<&'static str>,
    en_words: HashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let id_fn: HashSet<_> = ID_FUNCTION.iter().copied().collect();
        let en_fn: HashSet<_> = EN_FUNCTION.iter().copied().collect();
        let id_words = ID_EXTRA_WORDS
            .iter()
            .copied()
            .chain(id_fn.iter().copied())
            .collect();
        let en_words = EN_EXTRA_WORDS
            .iter()
            .copied()
            .chain(en_fn.iter().copied())
            .collect();
        Lexicon {
            id_fn,
            en_fn,
            id_words,
            en_words,
        }
    })
}

fn pair_detector() -> &'static whatlang::Detector {
    static DET: OnceLock<whatlang::Detector> = OnceLock::new();
    DET.get_or_init(|| {
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Ind, whatlang::Lang::Eng])
    })
}

/// Splits into lowercase word tokens (letters, digits, apostrophes inside words).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| {
            w.trim_matches(|c| c == '\'' || c == '’')
                .replace('’', "'")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Share of alphabetic characters that are Latin (ASCII letters or Latin
/// Extended ranges). `None` when the text has no letters at all.
fn latin_share(text: &str) -> Option<f64> {
    let (mut latin, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        total += 1;
        if c.is_ascii_alphabetic()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        {
            latin += 1;
        }
    }
    (total > 0).then(|| latin as f64 / total as f64)
}

/// Detects the language of a text (a title, a body, a query).
///
/// Exists because the indexer stores a language per article and the search
/// side filters and boosts by it; it must be right on 5-word titles and on
/// Indonesian text full of English loanwords. Non-Latin scripts and texts
/// without letters give [`Lang::Other`].
pub fn detect(text: &str) -> Lang {
    // Bound the work on very long documents: the first ~4000 characters decide.
    let text = match text.char_indices().nth(4000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    match latin_share(text) {
        None => return Lang::Other,
        Some(s) if s < 0.5 => return Lang::Other,
        _ => {}
    }
    let lex = lexicon();
    let (mut id_hits, mut en_hits, mut n_words) = (0usize, 0usize, 0usize);
    for w in words(text) {
        if w.chars().all(|c| c.is_numeric()) {
            continue;
        }
        n_words += 1;
        if lex.id_fn.contains(w.as_str()) {
            id_hits += 1;
        } else if lex.en_fn.contains(w.as_str()) {
            en_hits += 1;
        } else if w.len() > 4 && w.ends_with("nya") {
            // Indonesian enclitic -nya: strong evidence.
            id_hits += 1;
        }
    }
    if n_words == 0 {
        return Lang::Other;
    }
    let (id_f, en_f) = (id_hits as f64, en_hits as f64);
    let total = id_f + en_f;
    // Clear function-word evidence wins outright.
    if total >= 2.0 && (id_f >= 2.0 * en_f.max(0.5) || en_f >= 2.0 * id_f.max(0.5)) {
        return if id_f > en_f { Lang::Id } else { Lang::En };
    }
    // Text with no Indonesian/English evidence at all that whatlang confidently
    // places in another Latin-script language is Other (e.g. German, French).
    if total == 0.0 && n_words >= 6 {
        if let Some(info) = whatlang::detect(text) {
            let l = info.lang();
            let near = matches!(
                l,
                whatlang::Lang::Eng
                    | whatlang::Lang::Ind
                    | whatlang::Lang::Tgl
                    | whatlang::Lang::Jav
            );
            if !near && info.is_reliable() && info.confidence() > 0.9 {
                return Lang::Other;
            }
        }
    }
    // Otherwise let the restricted trigram model vote, weighted by confidence.
    let mut score = id_f - en_f; // > 0 means Indonesian
    if let Some(info) = pair_detector().detect(text) {
        let weight = 0.5 + 1.5 * info.confidence();
        match info.lang() {
            whatlang::Lang::Ind => score += weight,
            _ => score -= weight,
        }
    }
    if score > 0.0 {
        Lang::Id
    } else if score < 0.0 {
        Lang::En
    } else {
        // A dead heat: look at morphology of the words themselves.
        let mut s = 0i32;
        for w in words(text) {
            match detect_word(&w) {
                Lang::Id => s += 1,
                Lang::En => s -= 1,
                Lang::Other => {}
            }
        }
        if s >= 0 {
            Lang::Id
        } else {
            Lang::En
        }
    }
}

/// Guesses the language of one token of code-mixed text.
///
/// Exists for per-word decisions (evaluation on code-mixed tweets; the
/// analyzer may use it to pick a stemmer). Returns [`Lang::Other`] for
/// tokens that carry no language (numbers, punctuation, mentions, URLs,
/// hashtags, emoji) and for non-Latin words.
pub fn detect_word(word: &str) -> Lang {
    let w = word.trim();
    if w.is_empty()
        || w.starts_with('@')
        || w.starts_with('#')
        || w.contains("://")
        || w.starts_with("www.")
    {
        return Lang::Other;
    }
    if !w.chars().any(|c| c.is_alphabetic()) {
        return Lang::Other;
    }
    match latin_share(w) {
        Some(s) if s >= 0.5 => {}
        _ => return Lang::Other,
    }
    let lw: String = w.to_lowercase().replace('’', "'");
    let lw = lw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
    let lex = lexicon();
    // Reduplication "anak-anak", "kupu-kupu": Indonesian.
    if let Some((a, b)) = lw.split_once('-') {
        if a == b || (b.len() > 2 && a.ends_with(b)) {
            return Lang::Id;
        }
    }
    let in_id = lex.id_words.contains(lw);
    let in_en = lex.en_words.contains(lw);
    match (in_id, in_en) {
        (true, false) => return Lang::Id,
        (false, true) => return Lang::En,
        (true, true) => {
            return if lex.en_fn.contains(lw) {
                Lang::En
            } else {
                Lang::Id
            };
        }
        _ => {}
    }
    // Letters Indonesian orthography does not use natively.
    if lw.contains(['q', 'x', 'z'])
        || lw.contains("th")
        || lw.contains("ph")
        || lw.contains("sh")
        || lw.contains("ee")
        || lw.contains("oo")
        || lw.contains("ck")
        || lw.contains("w") && lw.ends_with('w')
    {
        return Lang::En;
    }
    if lw.contains('\'') {
        return Lang::En;
    }
    // Morphology.
    const ID_SUFFIXES: &[&str] = &["nya", "kan", "lah", "kah", "annya", "an", "in"];
    const ID_PREFIXES: &[&str] = &[
        "meng", "meny", "mem", "men", "ber", "ter", "per", "peng", "peny", "pem", "pen", "di",
        "ke", "se", "nge", "ng",
    ];
    const EN_SUFFIXES: &[&str] = &[
        "ing", "tion", "sion", "ness", "ment", "ly", "ed", "ful", "less", "ous", "ive", "able",
        "ible", "ity", "er", "est", "ies", "ism", "ist", "ize",
    ];
    let len = lw.chars().count();
    if len >= 5 {
        if EN_SUFFIXES
            .iter()
            .any(|s| lw.ends_with(s) && lw.len() > s.len() + 2)
        {
            // "-ing"/"-er" etc. are not Indonesian endings, except after
            // prefixes like peng-/meng- handled below.
            if !(lw.starts_with("meng") || lw.starts_with("peng") || lw.starts_with("ber")) {
                return Lang::En;
            }
        }
        if ID_SUFFIXES[..4].iter().any(|s| lw.ends_with(s)) {
            return Lang::Id;
        }
        if ID_PREFIXES[..9].iter().any(|p| lw.starts_with(p)) {
            return Lang::Id;
        }
    }
    // Fall back to the restricted trigram model; short tokens default to
    // Indonesian, the majority language of the collection.
    match pair_detector().detect(lw) {
        Some(info) if info.lang() == whatlang::Lang::Eng && info.confidence() > 0.2 => Lang::En,
        Some(_) => Lang::Id,
        None => Lang::Other,
    }
}
