//! The page's interface languages: choosing one (the `ui` parameter, else
//! `Accept-Language`) and the label table for each.

use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::HeaderMap;
use warta_search::Lang;

/// An interface language of the search page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

impl Ui {
    /// The language asked for by a `ui` parameter (`id` or `en`), if valid.
    pub fn from_param(value: Option<&str>) -> Option<Ui> {
        match value.map(str::trim) {
            Some(v) if v.eq_ignore_ascii_case("id") => Some(Ui::Id),
            Some(v) if v.eq_ignore_ascii_case("en") => Some(Ui::En),
            _ => None,
        }
    }

    /// The language an `Accept-Language` header prefers: the first known
    /// language by weight (Indonesian for `id`, `in` and `ms`, English for
    /// `en`); English when none is known or the header is absent.
    pub fn from_accept_language(header: Option<&str>) -> Ui {
        let Some(header) = header else {
            return Ui::En;
        };
        let mut ranges: Vec<(&str, f32, usize)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let weight = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!tag.is_empty() && weight > 0.0).then_some((tag, weight, order))
            })
            .collect();
        ranges.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
        for (tag, _, _) in ranges {
            let primary = tag.split(['-', '_']).next().unwrap_or("");
            if ["id", "in", "ms"]
                .iter()
                .any(|p| primary.eq_ignore_ascii_case(p))
            {
                return Ui::Id;
            }
            if primary.eq_ignore_ascii_case("en") {
                return Ui::En;
            }
        }
        Ui::En
    }

    /// The `ui` parameter if valid, else what the request headers prefer.
    pub fn choose(param: Option<&str>, headers: &HeaderMap) -> Ui {
        Ui::from_param(param).unwrap_or_else(|| {
            Ui::from_accept_language(
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|value| value.to_str().ok()),
            )
        })
    }

    /// The BCP 47 code, for `lang` attributes and the `ui` parameter.
    pub fn code(self) -> &'static str {
        match self {
            Ui::Id => "id",
            Ui::En => "en",
        }
    }

    /// The other interface language (for the switch link).
    pub fn other(self) -> Ui {
        match self {
            Ui::Id => Ui::En,
            Ui::En => Ui::Id,
        }
    }

    /// This language's labels.
    pub fn labels(self) -> &'static Labels {
        match self {
            Ui::Id => &ID,
            Ui::En => &EN,
        }
    }
}

/// One example of the query syntax, for the help shown on the page.
#[derive(Debug)]
pub struct SyntaxExample {
    /// What to type.
    pub example: &'static str,
    /// What it does.
    pub meaning: &'static str,
}

/// Every text of the interface, in one language.
#[derive(Debug)]
pub struct Labels {
    /// This language's own name (on the switch link to it).
    pub own_name: &'static str,
    /// Label of the interface language switch.
    pub switch_label: &'static str,
    /// What Warta is, under the name.
    pub tagline: &'static str,
    /// The skip link.
    pub skip: &'static str,
    /// Label of the search box.
    pub search_label: &'static str,
    /// The search button.
    pub search_button: &'static str,
    /// Placeholder in the search box.
    pub search_placeholder: &'static str,
    /// Summary of the options panel.
    pub options: &'static str,
    /// Legend of the match choice.
    pub match_label: &'static str,
    /// Every word must match.
    pub match_all: &'static str,
    /// Any word may match.
    pub match_any: &'static str,
    /// Label of the sort choice.
    pub sort_label: &'static str,
    /// Best match first.
    pub sort_relevance: &'static str,
    /// Newest first.
    pub sort_date: &'static str,
    /// Oldest first.
    pub sort_oldest: &'static str,
    /// "{articles} … {stories}": the count of a collapsed search.
    pub count_in_stories: &'static str,
    /// "{n} copies" of a story.
    pub copies_many: &'static str,
    /// Link to every copy of a story.
    pub see_copies: &'static str,
    /// Link showing every copy as a hit of its own.
    pub show_every_copy: &'static str,
    /// Link grouping copies of one story again.
    pub group_copies: &'static str,
    /// "Page {page} is past the last page, {last}."
    pub past_last: &'static str,
    /// Link to the last page.
    pub go_last: &'static str,
    /// Note under the facets: they count articles, copies included.
    pub facets_count_articles: &'static str,
    /// Heading of a story's page.
    pub story_title: &'static str,
    /// Before the list of a story's copies: "{n} copies, first seen {date}".
    pub story_lead: &'static str,
    /// Language filter label and facet heading.
    pub language: &'static str,
    /// No language filter.
    pub any_language: &'static str,
    /// Source filter label and facet heading.
    pub source: &'static str,
    /// Hint under the source box.
    pub any_source: &'static str,
    /// Start of the date range.
    pub from: &'static str,
    /// End of the date range.
    pub to: &'static str,
    /// Year facet heading.
    pub year: &'static str,
    /// The options panel's submit button.
    pub apply: &'static str,
    /// Heading of the facet sidebar.
    pub refine: &'static str,
    /// Heading of the list of active filters.
    pub active_filters: &'static str,
    /// Accessible prefix of a remove-filter link.
    pub remove_filter: &'static str,
    /// Link removing every filter.
    pub clear_filters: &'static str,
    /// Hidden heading of the results.
    pub results_heading: &'static str,
    /// One result.
    pub result_one: &'static str,
    /// Several results.
    pub result_many: &'static str,
    /// Before the time taken.
    pub took: &'static str,
    /// Label of the pagination landmark.
    pub pages: &'static str,
    /// Previous page.
    pub previous: &'static str,
    /// Next page.
    pub next: &'static str,
    /// Accessible name of a page number link.
    pub page: &'static str,
    /// Empty state heading.
    pub empty_title: &'static str,
    /// Empty state: advice about filters.
    pub empty_filters: &'static str,
    /// Empty state: advice about words.
    pub empty_words: &'static str,
    /// Heading of the query syntax help.
    pub syntax_title: &'static str,
    /// Column heading: what to type.
    pub syntax_type: &'static str,
    /// Column heading: what it finds.
    pub syntax_finds: &'static str,
    /// The query syntax, by example.
    pub syntax: [SyntaxExample; 9],
    /// Home page introduction.
    pub intro: &'static str,
    /// Heading of a malformed query or parameter.
    pub error_title: &'static str,
    /// Heading of a page that does not exist.
    pub not_found_title: &'static str,
    /// Text of a page that does not exist.
    pub not_found_text: &'static str,
    /// Text of an article that does not exist.
    pub article_not_found: &'static str,
    /// Heading of an internal failure.
    pub server_error_title: &'static str,
    /// Text of an internal failure.
    pub server_error_text: &'static str,
    /// Link to the start page.
    pub go_home: &'static str,
    /// Link from an article back to its results.
    pub back_to_results: &'static str,
    /// Note that search words are highlighted in an article.
    pub highlighted_note: &'static str,
    /// Before why the search's words could not be marked.
    pub not_marked_note: &'static str,
    /// Label of the publication date.
    pub published: &'static str,
    /// Link to the original article.
    pub original: &'static str,
    /// Heading of the article's details.
    pub details: &'static str,
    /// Article without a headline.
    pub untitled: &'static str,
    /// Article without a date.
    pub undated: &'static str,
    /// Names of languages by code: id, en, other.
    pub lang_names: [&'static str; 3],
    /// "Also searched in Indonesian" and "…in English".
    pub also_searched_in: [&'static str; 2],
    /// No article has every word (a widened search).
    pub relaxed_none: &'static str,
    /// Some articles have every word; more follow with most ("{n}").
    pub relaxed_some: &'static str,
    /// Before the words a hit lacks.
    pub missing: &'static str,
    /// Before the export links.
    pub export: &'static str,
    /// Link to the search with the words as typed only.
    pub typed_only: &'static str,
    /// Before the other translations one may pick.
    pub other_translations: &'static str,
    /// Legend of the translation choice in the options.
    pub translate_label: &'static str,
    /// Translate the words the lexicon knows.
    pub translate_auto: &'static str,
    /// The words as typed only.
    pub translate_off: &'static str,
    /// Legend of the near-spellings choice in the options.
    pub typo_label: &'static str,
    /// Search near spellings of misspelled words.
    pub typo_auto: &'static str,
    /// Spellings as typed only.
    pub typo_off: &'static str,
    /// Before the respelled query the results are for.
    pub showing_results_for: &'static str,
    /// Before the link to the query as typed.
    pub search_instead_for: &'static str,
    /// Before near spellings searched beside the words as typed.
    pub also_near_spellings: &'static str,
    /// Link to the search with spellings as typed only.
    pub spelled_as_typed: &'static str,
    /// Before a respelled query offered as a link.
    pub did_you_mean: &'static str,
    /// Name of the list of suggestions under the search box.
    pub suggest_label: &'static str,
    /// How many suggestions there are, announced ("{n}").
    pub suggest_count: &'static str,
    /// Tag of a suggestion that is an outlet.
    pub suggest_outlet: &'static str,
    /// Short month names, January first.
    pub months: [&'static str; 12],
    /// Decimal separator for the time taken.
    pub decimal: char,
}

impl Labels {
    /// What a widened search's hits are: `all_words` have every word.
    pub fn relaxed(&self, all_words: usize) -> String {
        if all_words == 0 {
            self.relaxed_none.to_string()
        } else {
            self.relaxed_some
                .replace("{n}", &group_thousands(all_words, self.decimal))
        }
    }

    /// "Also searched in <lang>".
    pub fn also_searched(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.also_searched_in[0],
            _ => self.also_searched_in[1],
        }
    }

    /// The name of an article language.
    pub fn lang_name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.lang_names[0],
            Lang::En => self.lang_names[1],
            Lang::Other => self.lang_names[2],
        }
    }

    /// "1 result" / "12 results".
    pub fn count(&self, n: usize) -> String {
        let word = if n == 1 {
            self.result_one
        } else {
            self.result_many
        };
        format!("{} {word}", group_thousands(n, self.decimal))
    }

    /// A whole number with its digits grouped ("12,345" or "12.345").
    pub fn number(&self, n: usize) -> String {
        group_thousands(n, self.decimal)
    }

    /// "1,987 articles in 1,640 stories".
    pub fn count_in_stories(&self, articles: usize, stories: usize) -> String {
        self.count_in_stories
            .replace("{articles}", &self.number(articles))
            .replace("{stories}", &self.number(stories))
    }

    /// "3 copies".
    pub fn copies(&self, n: usize) -> String {
        self.copies_many.replace("{n}", &self.number(n))
    }

    /// "Page 40 is past the last page, 3."
    pub fn past_last_page(&self, page: usize, last: usize) -> String {
        self.past_last
            .replace("{page}", &self.number(page))
            .replace("{last}", &self.number(last))
    }

    /// The time a search took, e.g. "0.8 ms" or "0,8 ms".
    pub fn millis(&self, ms: f64) -> String {
        let text = if ms < 10.0 {
            format!("{ms:.1}")
        } else {
            format!("{ms:.0}")
        };
        format!("{} ms", text.replace('.', &self.decimal.to_string()))
    }

    /// A publication date (`YYYY-MM-DD…`) as "22 Nov 2015"; the input
    /// unchanged when it does not look like a date.
    pub fn date(&self, iso: &str) -> String {
        let parts = (
            iso.get(0..4).and_then(|y| y.parse::<u32>().ok()),
            iso.get(5..7).and_then(|m| m.parse::<usize>().ok()),
            iso.get(8..10).and_then(|d| d.parse::<u32>().ok()),
        );
        match parts {
            (Some(year), Some(month @ 1..=12), Some(day)) => {
                format!("{day} {} {year}", self.months[month - 1])
            }
            _ => iso.to_string(),
        }
    }
}

/// `12345` as "12,345" (English) or "12.345" (Indonesian, whose decimal
/// separator is the comma).
fn group_thousands(n: usize, decimal: char) -> String {
    let sep = if decimal == ',' { '.' } else { ',' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// English labels.
pub static EN: Labels = Labels {
    own_name: "English",
    switch_label: "Interface language",
    tagline: "Search Indonesian and English news",
    skip: "Skip to main content",
    search_label: "Search the news",
    search_button: "Search",
    search_placeholder: "e.g. telegram \"pavel durov\"",
    options: "Options and filters",
    match_label: "Match",
    match_all: "all words",
    match_any: "any word",
    sort_label: "Sort by",
    sort_relevance: "Relevance",
    sort_date: "Newest first",
    sort_oldest: "Oldest first",
    count_in_stories: "{articles} articles in {stories} stories",
    copies_many: "{n} copies",
    see_copies: "see all copies",
    show_every_copy: "Show every copy",
    group_copies: "Group copies of one story",
    past_last: "Page {page} is past the last page, {last}.",
    go_last: "Go to the last page",
    facets_count_articles: "Counts are of articles, copies included.",
    story_title: "Copies of one story",
    story_lead: "{n} copies, first seen {date}",
    language: "Language",
    any_language: "Any language",
    source: "Source",
    any_source: "Any source",
    from: "From",
    to: "To",
    year: "Year",
    apply: "Apply",
    refine: "Refine",
    active_filters: "Active filters",
    remove_filter: "Remove filter",
    clear_filters: "Clear all filters",
    results_heading: "Results",
    result_one: "result",
    result_many: "results",
    took: "in",
    pages: "Pages",
    previous: "Previous",
    next: "Next",
    page: "Page",
    empty_title: "No articles match your search",
    empty_filters: "Try removing a filter:",
    empty_words: "Try fewer or different words, or choose “any word” under Match.",
    syntax_title: "How to write a query",
    syntax_type: "Type",
    syntax_finds: "To find",
    syntax: [
        SyntaxExample {
            example: "banjir jakarta",
            meaning: "articles with both words (any form: banjir, kebanjiran)",
        },
        SyntaxExample {
            example: "\"pavel durov\"",
            meaning: "the exact phrase",
        },
        SyntaxExample {
            example: "telegram OR whatsapp",
            meaning: "either word",
        },
        SyntaxExample {
            example: "isis -suriah",
            meaning: "without a word",
        },
        SyntaxExample {
            example: "(banjir OR longsor) jakarta",
            meaning: "grouped alternatives",
        },
        SyntaxExample {
            example: "title:telegram",
            meaning: "a word in the headline",
        },
        SyntaxExample {
            example: "source:tribunnews",
            meaning: "articles from one outlet",
        },
        SyntaxExample {
            example: "lang:en",
            meaning: "articles in one language (id, en, other)",
        },
        SyntaxExample {
            example: "komuni*",
            meaning: "words starting with these letters",
        },
    ],
    intro: "Search news articles in Indonesian and English. Words match in any form: \
            “makan” finds “dimakan” and “makanan”, “run” finds “running”.",
    error_title: "This search could not be run",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address.",
    article_not_found: "There is no article with this id. It may have been removed from the index.",
    server_error_title: "Something went wrong",
    server_error_text: "Warta could not answer this request. Please try again in a moment.",
    go_home: "Go to the search page",
    back_to_results: "Back to results",
    highlighted_note: "Words from your search are highlighted.",
    not_marked_note: "Words from your search could not be highlighted:",
    published: "Published",
    original: "Original article",
    details: "Details",
    untitled: "(untitled)",
    undated: "undated",
    lang_names: ["Indonesian", "English", "Other"],
    also_searched_in: ["Also searched in Indonesian", "Also searched in English"],
    export: "Export",
    relaxed_none: "No article has every word; these have most of them.",
    relaxed_some: "{n} with every word come first; then articles with most of them.",
    missing: "Missing",
    typed_only: "Search only the words as typed",
    other_translations: "Other translations",
    translate_label: "Other language",
    translate_auto: "Also search translations",
    translate_off: "Only the words as typed",
    typo_label: "Spelling",
    typo_auto: "Also search near spellings",
    typo_off: "Only the spellings as typed",
    showing_results_for: "Showing results for",
    search_instead_for: "Search instead for",
    also_near_spellings: "Also searched near spellings",
    spelled_as_typed: "Search only the spellings as typed",
    did_you_mean: "Did you mean",
    suggest_label: "Suggestions",
    suggest_count: "{n} suggestions; up and down arrows to choose",
    suggest_outlet: "outlet",
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    decimal: '.',
};

/// Indonesian labels.
pub static ID: Labels = Labels {
    own_name: "Bahasa Indonesia",
    switch_label: "Bahasa antarmuka",
    tagline: "Cari berita berbahasa Indonesia dan Inggris",
    skip: "Langsung ke konten utama",
    search_label: "Cari berita",
    search_button: "Cari",
    search_placeholder: "mis. telegram \"pavel durov\"",
    options: "Opsi dan filter",
    match_label: "Cocokkan",
    match_all: "semua kata",
    match_any: "salah satu kata",
    sort_label: "Urutkan",
    sort_relevance: "Relevansi",
    sort_date: "Terbaru",
    sort_oldest: "Terlama",
    count_in_stories: "{articles} artikel dalam {stories} berita",
    copies_many: "{n} salinan",
    see_copies: "lihat semua salinan",
    show_every_copy: "Tampilkan setiap salinan",
    group_copies: "Satukan salinan satu berita",
    past_last: "Halaman {page} melewati halaman terakhir, {last}.",
    go_last: "Ke halaman terakhir",
    facets_count_articles: "Jumlah menghitung artikel, termasuk salinan.",
    story_title: "Salinan satu berita",
    story_lead: "{n} salinan, pertama terbit {date}",
    language: "Bahasa",
    any_language: "Semua bahasa",
    source: "Sumber",
    any_source: "Semua sumber",
    from: "Dari",
    to: "Sampai",
    year: "Tahun",
    apply: "Terapkan",
    refine: "Persempit",
    active_filters: "Filter aktif",
    remove_filter: "Hapus filter",
    clear_filters: "Hapus semua filter",
    results_heading: "Hasil",
    result_one: "hasil",
    result_many: "hasil",
    took: "dalam",
    pages: "Halaman",
    previous: "Sebelumnya",
    next: "Berikutnya",
    page: "Halaman",
    empty_title: "Tidak ada artikel yang cocok",
    empty_filters: "Coba hapus filter:",
    empty_words:
        "Coba kata yang lebih sedikit atau berbeda, atau pilih “salah satu kata” di Cocokkan.",
    syntax_title: "Cara menulis kueri",
    syntax_type: "Ketik",
    syntax_finds: "Untuk mencari",
    syntax: [
        SyntaxExample {
            example: "banjir jakarta",
            meaning: "artikel dengan kedua kata (bentuk apa pun: banjir, kebanjiran)",
        },
        SyntaxExample {
            example: "\"pavel durov\"",
            meaning: "frasa persis",
        },
        SyntaxExample {
            example: "telegram OR whatsapp",
            meaning: "salah satu kata",
        },
        SyntaxExample {
            example: "isis -suriah",
            meaning: "tanpa kata tertentu",
        },
        SyntaxExample {
            example: "(banjir OR longsor) jakarta",
            meaning: "pilihan yang dikelompokkan",
        },
        SyntaxExample {
            example: "title:telegram",
            meaning: "kata di judul",
        },
        SyntaxExample {
            example: "source:tribunnews",
            meaning: "artikel dari satu media",
        },
        SyntaxExample {
            example: "lang:en",
            meaning: "artikel dalam satu bahasa (id, en, other)",
        },
        SyntaxExample {
            example: "komuni*",
            meaning: "kata yang berawalan huruf-huruf ini",
        },
    ],
    intro: "Cari artikel berita berbahasa Indonesia dan Inggris. Kata cocok dalam bentuk apa pun: \
            “makan” menemukan “dimakan” dan “makanan”, “run” menemukan “running”.",
    error_title: "Pencarian ini tidak dapat dijalankan",
    not_found_title: "Halaman tidak ditemukan",
    not_found_text: "Tidak ada halaman di alamat ini.",
    article_not_found:
        "Tidak ada artikel dengan id ini. Mungkin artikel itu sudah dihapus dari indeks.",
    server_error_title: "Terjadi kesalahan",
    server_error_text:
        "Warta tidak dapat menjawab permintaan ini. Silakan coba lagi sebentar lagi.",
    go_home: "Ke halaman pencarian",
    back_to_results: "Kembali ke hasil",
    highlighted_note: "Kata dari pencarian Anda disorot.",
    not_marked_note: "Kata dari pencarian Anda tidak dapat disorot:",
    published: "Terbit",
    original: "Artikel asli",
    details: "Rincian",
    untitled: "(tanpa judul)",
    undated: "tanpa tanggal",
    lang_names: ["Indonesia", "Inggris", "Lainnya"],
    also_searched_in: [
        "Juga dicari dalam bahasa Indonesia",
        "Juga dicari dalam bahasa Inggris",
    ],
    export: "Ekspor",
    relaxed_none: "Tidak ada artikel yang memuat semua kata; ini memuat sebagian besar.",
    relaxed_some: "{n} yang memuat semua kata di atas; lalu artikel yang memuat sebagian besar.",
    missing: "Tanpa",
    typed_only: "Cari hanya kata yang diketik",
    other_translations: "Terjemahan lain",
    translate_label: "Bahasa lain",
    translate_auto: "Cari juga terjemahannya",
    translate_off: "Hanya kata yang diketik",
    typo_label: "Ejaan",
    typo_auto: "Cari juga ejaan yang mirip",
    typo_off: "Hanya ejaan yang diketik",
    showing_results_for: "Menampilkan hasil untuk",
    search_instead_for: "Cari sesuai ketikan",
    also_near_spellings: "Juga dicari ejaan yang mirip",
    spelled_as_typed: "Cari hanya ejaan yang diketik",
    did_you_mean: "Mungkin maksud Anda",
    suggest_label: "Saran",
    suggest_count: "{n} saran; panah atas dan bawah untuk memilih",
    suggest_outlet: "media",
    months: [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ],
    decimal: ',',
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_known_language_by_weight() {
        assert_eq!(Ui::from_accept_language(None), Ui::En);
        assert_eq!(Ui::from_accept_language(Some("id-ID,id;q=0.9")), Ui::Id);
        assert_eq!(Ui::from_accept_language(Some("ms")), Ui::Id);
        assert_eq!(Ui::from_accept_language(Some("fr, id;q=0.5")), Ui::Id);
        assert_eq!(
            Ui::from_accept_language(Some("en-US,en;q=0.9,id;q=0.8")),
            Ui::En
        );
        assert_eq!(Ui::from_accept_language(Some("en;q=0.5, id;q=0.9")), Ui::Id);
        assert_eq!(Ui::from_accept_language(Some("id;q=0, de")), Ui::En);
        assert_eq!(Ui::from_accept_language(Some("*")), Ui::En);
    }

    #[test]
    fn the_ui_parameter_wins() {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, "id".parse().unwrap());
        assert_eq!(Ui::choose(Some("en"), &headers), Ui::En);
        assert_eq!(Ui::choose(Some("bogus"), &headers), Ui::Id);
        assert_eq!(Ui::choose(None, &headers), Ui::Id);
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        assert_eq!(EN.count(1), "1 result");
        assert_eq!(EN.count(12345), "12,345 results");
        assert_eq!(ID.count(12345), "12.345 hasil");
        assert_eq!(ID.millis(0.84), "0,8 ms");
        assert_eq!(EN.date("2015-08-22T22:42:00"), "22 Aug 2015");
        assert_eq!(ID.date("2015-08-22T22:42:00"), "22 Agu 2015");
        assert_eq!(EN.date("garbage"), "garbage");
    }
}
