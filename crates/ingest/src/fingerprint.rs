//! Fingerprints for finding copies of one story: the normalised address,
//! a hash of the normalised text, and a sample of the text's word 5-grams.
//!
//! Wire copy re-published by several outlets shares whole paragraphs while
//! each outlet adds its own lead, bylines and "Baca juga" prompts, so two
//! copies may share only a quarter of their 5-grams. The sample keeps the
//! 5-grams whose hash falls in one sixteenth of the hash space (the same
//! ones in every article, so two articles sharing passages share
//! samples): how much of one article's sample another holds estimates how
//! much of its text the other contains. Paragraphs that are page furniture
//! (bylines, prompts, captions, very short lines) are left out first, so
//! shared boilerplate does not make unrelated articles look alike.

use crate::Article;

/// Words in a shingle.
pub const SHINGLE_WORDS: usize = 5;

/// One shingle in this many is sampled.
pub const SAMPLE_EVERY: u64 = 16;

/// Paragraphs shorter than this, in words, are left out (datelines,
/// bylines, photo credits, one-line prompts).
const MIN_PARAGRAPH_WORDS: usize = 8;

/// Texts shorter than this, in words, get no text hash: two very short
/// texts alike are not copies of one story.
const MIN_HASHED_WORDS: usize = 30;

/// Where an article's text came from, as far as copy detection can tell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprint {
    /// The article's address, normalised and hashed.
    pub url: Option<u64>,
    /// The normalised text, hashed (long enough texts only).
    pub text: Option<u64>,
    /// The sampled 5-gram hashes (32 bits each), sorted, each once.
    pub sample: Vec<u64>,
}

/// Paragraph openings that are never story text (ASCII case ignored).
const FURNITURE: &[&str] = &[
    "baca juga",
    "baca:",
    "simak juga",
    "simak video",
    "lihat juga",
    "tonton juga",
    "artikel ini telah tayang",
    "artikel ini sudah tayang",
    "dapatkan update",
    "ikuti kami",
    "follow",
    "editor:",
    "penulis:",
    "reporter:",
    "sumber:",
    "copyright",
    "©",
];

/// FNV-1a over bytes: a hash that stays the same from build to build, as
/// fingerprints are stored in the index.
fn fnv(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The splitmix64 finaliser: spreads a combined hash over all 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Paragraphs of this many words or more are never photo captions.
const LONG_PARAGRAPH_WORDS: usize = 16;

/// Whether a paragraph opens like page furniture ("Baca juga:", "Editor:").
fn opens_as_furniture(paragraph: &str) -> bool {
    let head = paragraph.as_bytes();
    FURNITURE.iter().any(|opening| {
        let opening = opening.as_bytes();
        head.len() >= opening.len() && head[..opening.len()].eq_ignore_ascii_case(opening)
    })
}

/// A word's hash: its lowercased bytes through FxHash (eight bytes a
/// step), which stays the same from build to build of one `rustc-hash`.
fn word_hash(lowered: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, lowered);
    std::hash::Hasher::finish(&hasher)
}

/// Appends the hashes of `paragraph`'s lowercased words to `words`,
/// lowercasing into `word` (reused from word to word).
fn hash_words(paragraph: &str, words: &mut Vec<u64>, word: &mut Vec<u8>) {
    word.clear();
    for c in paragraph.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase() as u8);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                word.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        } else if !word.is_empty() {
            words.push(word_hash(word));
            word.clear();
        }
    }
    if !word.is_empty() {
        words.push(word_hash(word));
    }
}

/// Whether `text` holds `needle` (lowercase ASCII), ASCII case ignored.
fn holds(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    text.windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// Markers of a photo caption or an embedded post inside a paragraph.
const CAPTION_MARKERS: &[&str] = &["(foto", "(photo", "(dok.", "(sumber:", "pic.twitter.com"];

/// The hashes of the lowercased words of `body`'s story paragraphs:
/// furniture and short lines left out.
fn word_hashes(body: &str) -> Vec<u64> {
    let mut words = Vec::with_capacity(body.len() / 6);
    let mut word = Vec::with_capacity(32);
    for paragraph in body.split('\n') {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() || opens_as_furniture(paragraph) {
            continue;
        }
        let start = words.len();
        hash_words(paragraph, &mut words, &mut word);
        let count = words.len() - start;
        let caption = count < LONG_PARAGRAPH_WORDS
            && CAPTION_MARKERS
                .iter()
                .any(|marker| holds(paragraph, marker));
        if count < MIN_PARAGRAPH_WORDS || caption {
            words.truncate(start);
        }
    }
    words
}

/// An address with what does not change the page dropped: scheme, `www.`
/// and `m.`, tracking parameters, the fragment, a trailing slash; the host
/// lowercased. `None` for something that is not a web address.
pub fn normalise_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("HTTPS://"))
        .or_else(|| url.strip_prefix("HTTP://"))?;
    let rest = rest.split('#').next().unwrap_or_default();
    let (host_path, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let (host, path) = match host_path.split_once('/') {
        Some((host, path)) => (host, path),
        None => (host_path, ""),
    };
    let host = host.to_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("m."))
        .unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let kept: Vec<&str> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default().to_lowercase();
            !name.is_empty()
                && !name.starts_with("utm_")
                && !matches!(name.as_str(), "fbclid" | "gclid" | "ref" | "source" | "amp")
        })
        .collect();
    let mut out = format!("{host}/{}", path.trim_end_matches('/'));
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

/// The fingerprint of `article`.
pub fn fingerprint(article: &Article) -> Fingerprint {
    let words = word_hashes(&article.body);
    let text = (words.len() >= MIN_HASHED_WORDS).then(|| {
        mix(words
            .iter()
            .fold(0, |h: u64, w| h.wrapping_mul(31).wrapping_add(*w)))
    });
    let mut sample: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|shingle| {
            mix(shingle.iter().fold(0, |h: u64, w| {
                h.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(*w)
            }))
        })
        .filter(|hash| hash % SAMPLE_EVERY == 0)
        // The high half alone: an index stores half the bytes, and two
        // samples of different 5-grams still seldom meet.
        .map(|hash| hash >> 32)
        .collect();
    sample.sort_unstable();
    sample.dedup();
    Fingerprint {
        url: article
            .url
            .as_deref()
            .and_then(normalise_url)
            .map(|url| fnv(url.into_bytes())),
        text,
        sample,
    }
}

/// How many values two sorted lists share.
pub fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn article(url: Option<&str>, body: &str) -> Article {
        Article {
            id: "t".into(),
            title: String::new(),
            body: body.into(),
            original: None,
            date: None,
            source: None,
            url: url.map(str::to_string),
            lang: Lang::Id,
            path: "t".into(),
        }
    }

    #[test]
    fn addresses_lose_what_does_not_change_the_page() {
        let cases = [
            (
                "https://www.Kompas.com/a/b/?utm_source=x#top",
                "kompas.com/a/b",
            ),
            ("http://m.detik.com/x?id=3&fbclid=q", "detik.com/x?id=3"),
            ("https://tempo.co", "tempo.co/"),
        ];
        for (url, normal) in cases {
            assert_eq!(normalise_url(url).as_deref(), Some(normal), "{url}");
        }
        assert_eq!(normalise_url("javascript:alert(1)"), None);
        assert_eq!(normalise_url("https://"), None);
    }

    #[test]
    fn copies_share_samples_and_furniture_does_not_count() {
        let story: String = (0..40)
            .map(|n| {
                format!("Kalimat nomor {n} dari berita tentang jembatan baru yang panjang sekali. ")
            })
            .collect();
        let a = fingerprint(&article(
            None,
            &format!("Reporter: Budi Santoso\n{story}\nBaca juga: Harga cabai naik lagi di pasar"),
        ));
        let b = fingerprint(&article(None, &format!("{story}\nEditor: Siti")));
        assert!(!a.sample.is_empty());
        assert_eq!(a.sample, b.sample, "furniture lines leave the sample alone");
        assert_eq!(a.text, b.text);
        let other = fingerprint(&article(None, "Tim nasional kalah dua gol tanpa balas dalam laga persahabatan melawan tim tamu di stadion utama semalam, pelatih kecewa dengan penampilan lini belakang yang kerap salah mengoper bola."));
        assert_eq!(shared(&a.sample, &other.sample), 0);
        assert_eq!(other.text, None, "too short for a text hash");
    }

    #[test]
    fn shared_counts_common_values_of_sorted_lists() {
        assert_eq!(shared(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert_eq!(shared(&[], &[1]), 0);
    }
}
