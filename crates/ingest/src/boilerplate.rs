//! Recognising page furniture in scraped text: navigation menus, share and
//! font-size widgets, related-article prompts, ads, footers and image
//! captions. Each rule is line-based because scraped pages arrive as one
//! block per line.

use std::sync::OnceLock;

use regex::Regex;

/// Lines that start the page footer: they and everything after them are
/// not part of the story ("Tags", "About The Author", "Berita Populer", …).
/// Compared case-insensitively against the whole line, with any trailing
/// colon removed.
const FOOTER_STARTS: &[&str] = &[
    "tags",
    "tag",
    "about the author",
    "tentang penulis",
    "berita populer",
    "berita terkini",
    "berita terkait",
    "artikel terkait",
    "dapatkan berita pilihan",
    "todays highlights",
    "today's highlights",
    "today’s highlights",
    "related articles",
    "related stories",
    "related posts",
    "more stories",
    "more from",
    "you may also like",
    "recommended for you",
    "most popular",
    "most read",
    "terpopuler",
    "rekomendasi",
    "komentar",
    "tulis komentar",
    "leave a comment",
    "leave a reply",
    "comments",
    "share this article",
    "bagikan artikel ini",
    "submit artikel",
];

/// Whether `line` opens the footer (see [`FOOTER_STARTS`]); also lines
/// starting "Tags:".
pub fn is_footer_start(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim().to_lowercase();
    FOOTER_STARTS.contains(&l.as_str()) || l.starts_with("tags:") || l.starts_with("tag:")
}

struct Res {
    noise_line: Regex,
    prompt_line: Regex,
    caption_line: Regex,
    tweet_attr: Regex,
    inline_noise: Regex,
    glued_caption: Regex,
    pic_link: Regex,
}

fn res() -> &'static Res {
    static R: OnceLock<Res> = OnceLock::new();
    R.get_or_init(|| Res {
        // Whole-line widgets: font size pickers, share buttons, ad labels.
        noise_line: Regex::new(
            r"(?i)^(?:text sizes?|ukuran (?:teks|huruf)|small|smaller|medium|large|larger|a+|a\+|a-|share|bagikan|tweet|facebook|twitter|whatsapp|telegram|line|email|e-mail|print|cetak|copy link|salin (?:link|tautan)|scroll to continue with content|advertisement|iklan|ads|sponsored|konten sponsor|loading\.*|\d+|\W+)$",
        )
        .expect("static regex"),
        // Prompts and bylines that are never story text.
        prompt_line: Regex::new(
            r"(?i)^(?:read next|read more|baca juga|baca selengkapnya|lihat juga|simak juga|simak video|disclaimer|editor|penulis|reporter|writer|laporan wartawan|penyunting|sumber foto|foto|photo|image|gambar|ilustrasi|video)\s*[:：]",
        )
        .expect("static regex"),
        // Photo captions: "Pavel Durov (foto: dokumentasi ...)".
        caption_line: Regex::new(r"(?i)\((?:foto|photo|image|gambar|ilustrasi|dok|sumber)\s*[:.]").expect("static regex"),
        // Embedded tweet attribution: "— ctrlnews (@disctrlnews) September 24, 2024".
        tweet_attr: Regex::new(r"^[—–-]\s*.{0,80}\(@\w+\)").expect("static regex"),
        inline_noise: Regex::new(r"(?i)\s*\b(?:SCROLL TO CONTINUE WITH CONTENT|ADVERTISEMENT)\b\s*").expect("static regex"),
        // "…by Facebook.what_is_telegram_2": an image file name glued to text.
        glued_caption: Regex::new(r"(?P<p>[.!?”\x22')])\s*[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*_[A-Za-z0-9]+\s*$").expect("static regex"),
        pic_link: Regex::new(r"\s*\bpic\.twitter\.com/\S+").expect("static regex"),
    })
}

/// Whether a single line is page furniture that never belongs in a body.
pub fn is_noise_line(line: &str) -> bool {
    let r = res();
    let t = line.trim();
    r.noise_line.is_match(t)
        || r.prompt_line.is_match(t)
        || (r.caption_line.is_match(t) && t.len() < 200)
        || r.tweet_attr.is_match(t)
        || is_file_name_token(t)
}

/// A lone image file name such as "what_is_telegram_2".
fn is_file_name_token(t: &str) -> bool {
    !t.contains(' ')
        && t.contains('_')
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// Removes noise inside a line: ad markers, `pic.twitter.com` links and
/// image file names glued to the end of a sentence.
pub fn clean_inline(line: &str) -> String {
    let r = res();
    let mut s = r.inline_noise.replace_all(line, " ").into_owned();
    s = r.pic_link.replace_all(&s, "").into_owned();
    s = r.glued_caption.replace(&s, "$p").into_owned();
    s.trim().to_string()
}

/// A short menu-like line: at most three words and no sentence punctuation.
pub fn is_menu_like(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.split_whitespace().count() <= 3
        && !t.contains(['.', ',', '!', '?', ';', '"', '“', '”', '(', ')'])
        && t.chars().count() <= 30
}

/// Indices of lines that belong to a navigation menu: runs of at least
/// three consecutive menu-like lines (blank lines between them ignored),
/// e.g. "News / Bisnis / Sport / Seleb / …". Single short lines such as
/// section headings ("Asal Rusia") are not runs and are kept.
pub fn menu_runs(lines: &[String]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut run: Vec<usize> = Vec::new();
    let flush = |run: &mut Vec<usize>, out: &mut Vec<bool>| {
        if run.len() >= 3 {
            for &i in run.iter() {
                out[i] = true;
            }
        }
        run.clear();
    };
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        if is_menu_like(l) || is_noise_line(l) {
            run.push(i);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline() {
        assert_eq!(
            clean_inline("bought by Facebook.what_is_telegram_2"),
            "bought by Facebook."
        );
        assert_eq!(
            clean_inline("Foo SCROLL TO CONTINUE WITH CONTENT bar"),
            "Foo bar"
        );
        assert_eq!(clean_inline("shared pic.twitter.com/PbXofSApzK"), "shared");
    }

    #[test]
    fn lines() {
        assert!(is_noise_line("Text Sizes"));
        assert!(is_noise_line("AA"));
        assert!(is_noise_line("Baca juga: Harga emas naik"));
        assert!(is_noise_line("Read next: Snoopers’ Charter latest"));
        assert!(is_noise_line("what_is_telegram_2"));
        assert!(!is_noise_line("Asal Rusia"));
        assert!(is_footer_start("Berita Populer"));
        assert!(is_footer_start("Tags"));
        assert!(!is_footer_start("Tagsnya banyak"));
    }
}
