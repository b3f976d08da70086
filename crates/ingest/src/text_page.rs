//! Recovering what a reader sees from a scraped page saved as plain text:
//! headline, publication date, outlet and a clean body.
//!
//! The page is handled line by line (scrapers emit one block per line).
//!
//! * **Header region**: the lines before the first *story paragraph* (a
//!   line of at least 25 words or 150 characters). Headline, byline and
//!   date lines live there.
//! * **Title**: the first headline-shaped line of the header region
//!   (3–25 words, no trailing full stop, not a quote, caption, byline or
//!   date). If there is none (the page starts straight with paragraphs),
//!   the first sentence of the first story paragraph is used, cut at a
//!   clause boundary when long, so every page gets a readable title.
//! * **Publication date**: taken only from a line of the header region that
//!   is a *date line*: the date stands alone, begins the line, or the line
//!   is a short byline/meta line (at most 8 other words, e.g. "22 Nov 2015
//!   22:42 2609 Hits 0 Comments"). Dates inside story paragraphs ("Senin
//!   (21/9/2015)" in a dateline sentence) describe events, not publication,
//!   and are ignored; so is anything without a day ("akhir Nopember 2019").
//!   No date line means `None`, never a guess.
//! * **Outlet**: a wire-style dateline prefix naming a domain
//!   ("TRIBUNNEWS.COM –", "Jakarta, KOMPAS.com -"), a self-description in
//!   the footer ("Plimbi adalah tempat menulis …"), or a copyright line.
//! * **Body**: story lines without navigation runs, widgets, prompts,
//!   captions, pull quotes repeated later, copies of the headline, and
//!   without the footer (see [`crate::boilerplate`]).

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDateTime;
use regex::Regex;

use crate::boilerplate;
use crate::dates;

/// What was recovered from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageParts {
    /// The headline (possibly a fallback, see module docs); may be empty.
    pub title: String,
    /// Publication date from a date line, if any.
    pub date: Option<NaiveDateTime>,
    /// Outlet named by the page, if any.
    pub source: Option<String>,
    /// Clean body, paragraphs separated by a blank line.
    pub body: String,
}

/// Facts already known from markup (HTML meta tags) that override the
/// text heuristics.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Headline from markup.
    pub title: Option<String>,
    /// Publication date from markup.
    pub date: Option<NaiveDateTime>,
    /// Outlet from markup.
    pub source: Option<String>,
}

fn is_story_paragraph(line: &str) -> bool {
    line.split_whitespace().count() >= 25 || line.chars().count() >= 150
}

fn words(s: &str) -> HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn jac(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const QUOTES: &[char] = &['"', '“', '”', '\'', '‘', '’', '«'];

fn is_headline_shaped(line: &str) -> bool {
    let t = line.trim();
    let n = t.split_whitespace().count();
    (3..=25).contains(&n)
        && (15..=200).contains(&t.chars().count())
        && !t.ends_with('.')
        && !t.starts_with(QUOTES)
        && !boilerplate::is_noise_line(t)
        && dates::find_date(t).is_none()
        && t.chars().any(|c| c.is_alphabetic())
}

/// If `line` is a date line (see module docs), its date.
fn date_line(line: &str) -> Option<NaiveDateTime> {
    let t = line.trim();
    let f = dates::find_date(t)?;
    let before = &t[..f.span.start];
    let after = &t[f.span.end..];
    let other_words = before.split_whitespace().count() + after.split_whitespace().count();
    // Weekday names and separators before the date are fine ("Senin, ").
    let before_is_weekday = before
        .trim()
        .trim_end_matches([',', '|', '-', '–'])
        .split_whitespace()
        .all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
            WEEKDAYS.contains(&w.as_str()) || META_WORDS.contains(&w.as_str())
        });
    let standalone = other_words == 0;
    let leads = before_is_weekday;
    let meta = other_words <= 8 && t.chars().count() <= 120;
    (standalone || (leads && other_words <= 12) || meta).then_some(f.when)
}

const WEEKDAYS: &[&str] = &[
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "jum'at",
    "sabtu",
    "minggu",
    "ahad",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];
const META_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "on",
    "diterbitkan",
    "diperbarui",
    "dipublikasikan",
    "tanggal",
    "date",
];

struct SourceRes {
    dateline: Regex,
    self_desc: Regex,
    copyright: Regex,
}

fn source_res() -> &'static SourceRes {
    static R: OnceLock<SourceRes> = OnceLock::new();
    R.get_or_init(|| SourceRes {
        dateline: Regex::new(
            r"^(?:[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?,\s*)?(?P<d>[A-Za-z0-9-]+(?:\.[A-Za-z]{2,6}){1,2})\s*[–—-]",
        )
        .expect("static regex"),
        self_desc: Regex::new(
            r"^(?P<n>[A-Z][\p{L}0-9.\-]{1,40}(?:\s[A-Z][\p{L}0-9.\-]{1,20})?)\s+(?:adalah|merupakan)\s+(?:tempat|situs|portal|media|platform|website|blog|komunitas)\b",
        )
        .expect("static regex"),
        copyright: Regex::new(r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<n>[A-Z][\p{L}0-9.\- ]{1,40}?)(?:[.,|]|\s+all rights|\s*$)")
            .expect("static regex"),
    })
}

/// The outlet named by a dateline prefix such as "TRIBUNNEWS.COM –".
fn dateline_source(line: &str) -> Option<String> {
    let c = source_res().dateline.captures(line.trim())?;
    let d = c.name("d")?.as_str();
    // Require a real domain-looking token, not "Rp.5" or "Mr.-".
    let tld_ok = d
        .rsplit('.')
        .next()
        .is_some_and(|t| t.chars().all(|c| c.is_ascii_alphabetic()));
    (tld_ok && d.contains('.')).then(|| d.to_lowercase())
}

fn footer_source(line: &str) -> Option<String> {
    let r = source_res();
    let t = line.trim();
    if let Some(c) = r.self_desc.captures(t) {
        return Some(c.name("n")?.as_str().to_string());
    }
    if let Some(c) = r.copyright.captures(t) {
        let n = c.name("n")?.as_str().trim();
        if !n.is_empty() {
            return Some(n.to_string());
        }
    }
    None
}

/// Normalises raw page text into trimmed lines (NBSP and other odd spaces
/// become plain spaces, runs of spaces collapse).
pub fn split_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(|l| {
            l.chars()
                .map(|c| {
                    if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Parses a scraped text page (see module docs for the rules).
pub fn parse(raw: &str) -> PageParts {
    parse_lines(split_lines(raw), &Hints::default())
}

/// Parses already-split page lines, preferring `hints` from markup.
pub fn parse_lines(lines: Vec<String>, hints: &Hints) -> PageParts {
    // 1. Outlet from footer self-descriptions (looked for before the footer is cut).
    let mut footer_src = None;
    for l in &lines {
        if let Some(s) = footer_source(l) {
            footer_src = Some(s);
        }
    }

    // 2. Drop navigation runs, then noise lines; clean inside lines.
    let menu = boilerplate::menu_runs(&lines);
    let mut kept: Vec<String> = Vec::new();
    let mut seen_story = false;
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() {
            continue;
        }
        if seen_story && boilerplate::is_footer_start(l) {
            break;
        }
        if menu[i] {
            continue;
        }
        if boilerplate::is_noise_line(l) {
            continue;
        }
        let c = boilerplate::clean_inline(l);
        if c.is_empty() || boilerplate::is_noise_line(&c) {
            continue;
        }
        seen_story |= is_story_paragraph(&c);
        kept.push(c);
    }

    // 3. Header region, title and date.
    let first_story = kept
        .iter()
        .position(|l| is_story_paragraph(l))
        .unwrap_or(kept.len());
    let mut date = None;
    let mut date_idx = None;
    for (i, l) in kept[..first_story].iter().enumerate() {
        if let Some(d) = date_line(l) {
            date = Some(d);
            date_idx = Some(i);
            break;
        }
    }
    let title_idx = kept[..first_story]
        .iter()
        .position(|l| is_headline_shaped(l));
    let title = match (&hints.title, title_idx) {
        (Some(t), _) if !t.trim().is_empty() => t.trim().to_string(),
        (_, Some(i)) => kept[i].clone(),
        _ => {
            let norms: Vec<String> = kept.iter().map(|l| norm(l)).collect();
            let sets: Vec<HashSet<String>> = kept.iter().map(|l| words(l)).collect();
            (first_story..kept.len())
                .find(|&i| is_story_paragraph(&kept[i]) && !is_pull_quote(i, &norms, &sets))
                .map(|i| fallback_title(&kept[i]))
                .unwrap_or_default()
        }
    };

    // 4. Body: everything except title/date lines, headline copies and pull quotes.
    let title_words = words(&title);
    let title_norm = norm(&title);
    let candidates: Vec<(usize, &String)> = kept
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != title_idx && Some(*i) != date_idx)
        .collect();
    let norms: Vec<String> = candidates.iter().map(|(_, l)| norm(l)).collect();
    let word_sets: Vec<HashSet<String>> = candidates.iter().map(|(_, l)| words(l)).collect();
    let mut body: Vec<&str> = Vec::new();
    let mut source = None;
    for (k, (_, l)) in candidates.iter().enumerate() {
        let n = &norms[k];
        if *n == title_norm {
            continue;
        }
        let nw = l.split_whitespace().count();
        let unpunctuated = !l.ends_with(['.', '!', '?', '"', '”', ')']) || nw <= 25;
        if unpunctuated && nw <= 25 && jac(&word_sets[k], &title_words) >= 0.6 {
            continue; // headline copy or a near-identical related link
        }
        if is_pull_quote(k, &norms, &word_sets) {
            continue;
        }
        if date_line(l).is_some() && !is_story_paragraph(l) {
            continue; // secondary meta lines with dates (e.g. "Updated ...")
        }
        if source.is_none() && body.len() < 3 {
            source = dateline_source(l);
        }
        body.push(l);
    }
    PageParts {
        title,
        date: hints.date.or(date),
        source: hints.source.clone().or(source).or(footer_src),
        body: body.join("\n\n"),
    }
}

/// A line that repeats (verbatim or nearly) another, at least as long line:
/// teaser/pull quotes shown above the story. Exact repeats keep their first
/// occurrence.
fn is_pull_quote(k: usize, norms: &[String], sets: &[HashSet<String>]) -> bool {
    let me = &norms[k];
    if me.len() > 600 {
        return false;
    }
    for (j, other) in norms.iter().enumerate() {
        if j == k {
            continue;
        }
        if other == me {
            if j < k {
                return true;
            }
            continue;
        }
        if other.len() >= me.len() {
            let core = me.trim_matches(|c: char| QUOTES.contains(&c) || c == '.' || c == ' ');
            if core.len() >= 20 && other.contains(core) {
                return true;
            }
            if j > k && sets[k].len() >= 8 && jac(&sets[k], &sets[j]) >= 0.8 {
                return true;
            }
        }
    }
    false
}

/// Title for a page without a headline line: the first sentence of the
/// first story paragraph, without a wire dateline ("Jakarta –"), cut at a
/// clause boundary (or word boundary with "…") when over 140 characters.
fn fallback_title(paragraph: &str) -> String {
    let mut p = paragraph.trim();
    // Drop a leading dateline "City –" / "OUTLET.COM –" within the first 40 characters.
    let head_end = p.char_indices().nth(40).map(|(i, _)| i).unwrap_or(p.len());
    if let Some(i) = p[..head_end]
        .find([' '])
        .and_then(|_| p[..head_end].find(['–', '—']))
    {
        let rest = p[i..].trim_start_matches(['–', '—']).trim_start();
        if !rest.is_empty() {
            p = rest;
        }
    }
    p = p.trim_start_matches(QUOTES);
    let sentence_end = p
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && p[i + c.len_utf8()..].starts_with(' ') && i > 20
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(p.len());
    let s = p[..sentence_end].trim();
    if s.chars().count() <= 140 {
        return s.to_string();
    }
    let limit = s.char_indices().nth(140).map(|(i, _)| i).unwrap_or(s.len());
    if let Some(i) = s[..limit].rfind(", ").filter(|&i| i >= 40) {
        return s[..i].to_string();
    }
    match s[..limit].rfind(' ') {
        Some(i) => format!("{}…", &s[..i]),
        None => format!("{}…", &s[..limit]),
    }
}
