//! A deterministic query set drawn from the corpus's own words: one to three
//! words or a phrase, Indonesian and English, some with a language or date
//! filter, some sorted by date.

use chrono::{Datelike, NaiveDate};
use warta_analysis::stopwords::is_stopword;
use warta_ingest::Article;
use warta_search::{MatchMode, SearchRequest, SortOrder};

/// A small seeded generator (SplitMix64): the same seed gives the same queries.
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// What the generator keeps of a sampled article.
#[derive(Debug, Clone)]
pub struct Sample {
    lang: String,
    year: Option<i32>,
    title: Vec<String>,
    body: Vec<String>,
}

fn words(text: &str, limit: usize) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| (3..=20).contains(&w.chars().count()))
        .map(str::to_lowercase)
        .take(limit)
        .collect()
}

impl Sample {
    /// Keeps the words of `article` a query may use.
    pub fn of(article: &Article) -> Sample {
        Sample {
            lang: article.lang.code().to_string(),
            year: article.date.map(|d| d.year()),
            title: words(&article.title, 30),
            body: words(&article.body, 80),
        }
    }
}

/// One benchmark query, with everything both engines need to run it.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    /// Query text: words separated by spaces, or one quoted phrase.
    pub text: String,
    /// Whether `text` is a quoted phrase.
    pub phrase: bool,
    /// Language filter.
    pub lang: Option<String>,
    /// Date filter: the whole calendar year.
    pub year: Option<i32>,
    /// Newest first instead of by relevance.
    pub by_date: bool,
}

impl BenchQuery {
    /// The Warta request for this query (first page of 10, facets always on).
    pub fn request(&self) -> SearchRequest {
        let mut request = SearchRequest::new(self.text.clone());
        request.match_mode = MatchMode::All;
        request.lang = self.lang.as_deref().and_then(warta_search::Lang::from_code);
        request.from = self.year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
        request.to = self.year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31));
        if self.by_date {
            request.sort = SortOrder::Date;
        }
        request
    }

    /// The `/api/search` path and query string for this query.
    pub fn api_path(&self) -> String {
        let mut path = format!("/api/search?q={}", crate::http::encode(&self.text));
        if let Some(lang) = &self.lang {
            path.push_str(&format!("&lang={lang}"));
        }
        if let Some(year) = self.year {
            path.push_str(&format!("&from={year}-01-01&to={year}-12-31"));
        }
        if self.by_date {
            path.push_str("&sort=date");
        }
        path
    }

    /// A short label of the query's kind, for the report.
    pub fn kind(&self) -> String {
        let n = self.text.split_whitespace().count();
        let mut kind = if self.phrase {
            "phrase".to_string()
        } else {
            format!("{n}w")
        };
        if self.lang.is_some() {
            kind.push_str("+lang");
        }
        if self.year.is_some() {
            kind.push_str("+year");
        }
        if self.by_date {
            kind.push_str("+bydate");
        }
        kind
    }
}

/// Keeps every `every`-th article's sample from a stream.
pub fn sample_corpus(articles: impl Iterator<Item = Article>, every: usize) -> Vec<Sample> {
    articles
        .enumerate()
        .filter(|(i, _)| i % every.max(1) == 0)
        .map(|(_, a)| Sample::of(&a))
        .filter(|s| s.body.len() >= 3 || s.title.len() >= 3)
        .collect()
}

/// `count` queries drawn with `seed` from `samples`: consecutive content words
/// of one article (so every query can match), a quarter from the title.
pub fn generate(samples: &[Sample], count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(count);
    if samples.is_empty() {
        return out;
    }
    let mut attempts = 0;
    while out.len() < count && attempts < count * 50 {
        attempts += 1;
        let sample = &samples[rng.below(samples.len())];
        let phrase = rng.chance(20);
        let n = if phrase {
            2 + rng.below(2)
        } else {
            1 + rng.below(3)
        };
        let source = if !phrase && rng.chance(25) && sample.title.len() >= n {
            &sample.title
        } else {
            &sample.body
        };
        if source.len() < n {
            continue;
        }
        let start = rng.below(source.len() - n + 1);
        let picked = &source[start..start + n];
        // Content words only (a phrase may hold stopwords inside, not at its ends).
        let content = |w: &String| !is_stopword(w);
        let ok = if phrase {
            picked.first().is_some_and(content) && picked.last().is_some_and(content)
        } else {
            picked.iter().all(content)
        };
        if !ok {
            continue;
        }
        let joined = picked.join(" ");
        let text = if phrase {
            format!("\"{joined}\"")
        } else {
            joined
        };
        let lang = rng.chance(20).then(|| sample.lang.clone());
        let year = if rng.chance(15) { sample.year } else { None };
        let by_date = rng.chance(20);
        out.push(BenchQuery {
            text,
            phrase,
            lang,
            year,
            by_date,
        });
    }
    out
}
