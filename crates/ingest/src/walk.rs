//! Turning paths (files and directories) into a stream of [`Item`]s.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;
use warta_analysis::langid::{self, Lang};

use crate::article::{content_id, Article, Item, Skip, SkipReason};
use crate::jsonl::JsonlIter;
use crate::{html_page, text_page, MAX_BYTES};

/// The kinds of file Warta reads, decided by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A scraped page saved as text (`.txt`).
    Text,
    /// A saved HTML page (`.html`, `.htm`).
    Html,
    /// JSON Lines (`.jsonl`, `.ndjson`).
    Jsonl,
    /// Gzip-compressed JSON Lines (`.jsonl.gz`, `.ndjson.gz`).
    JsonlGz,
}

/// The kind of `path` from its (case-insensitive) extension, or `None`.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(Kind::JsonlGz)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(Kind::Jsonl)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(Kind::Html)
    } else if name.ends_with(".txt") {
        Some(Kind::Text)
    } else {
        None
    }
}

type Items = Box<dyn Iterator<Item = Item> + Send>;

fn one(item: Item) -> Items {
    Box::new(std::iter::once(item))
}

fn skip(path: &Path, reason: SkipReason, detail: impl Into<String>) -> Items {
    one(Skip::new(path.display().to_string(), reason, detail).into())
}

/// How far a [`read_sources_counted`] stream has got through its files, in
/// bytes as stored on disk (compressed for `.jsonl.gz`): what a progress bar
/// needs for a percentage and an ETA.
#[derive(Debug, Clone)]
pub struct ReadProgress {
    /// Bytes of all the files to read, from their sizes when listed.
    pub total_bytes: u64,
    read: Arc<AtomicU64>,
}

impl ReadProgress {
    /// Bytes read from disk so far (never more than `total_bytes` for files
    /// that did not grow while being read).
    pub fn read_bytes(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

/// Counts the bytes read through it into a shared counter.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads every source under `paths`. Directories are walked recursively in
/// sorted order (files of unknown kinds inside them are ignored; symlinked
/// directories are not followed, to avoid loops); an explicitly named file
/// of unknown kind yields an `Unsupported` skip. Streaming: JSON Lines are
/// read one bounded line at a time.
pub fn read_sources(paths: &[PathBuf]) -> Items {
    read_sources_counted(paths).0
}

/// [`read_sources`], plus a handle that tells how many of the files' bytes
/// have been read so far.
pub fn read_sources_counted(paths: &[PathBuf]) -> (Items, ReadProgress) {
    let mut jobs: Vec<Result<PathBuf, Skip>> = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => jobs.push(Err(Skip::new(
                p.display().to_string(),
                SkipReason::Unreadable,
                e.to_string(),
            ))),
            Ok(m) if m.is_dir() => walk_dir(p, &mut jobs),
            Ok(_) => jobs.push(Ok(p.clone())),
        }
    }
    let total_bytes = jobs
        .iter()
        .filter_map(|job| job.as_ref().ok())
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|meta| meta.len())
        .sum();
    let read = Arc::new(AtomicU64::new(0));
    let progress = ReadProgress {
        total_bytes,
        read: Arc::clone(&read),
    };
    let items = Box::new(jobs.into_iter().flat_map(move |j| match j {
        Ok(p) => read_file_counted(&p, Arc::clone(&read)),
        Err(s) => one(s.into()),
    }));
    (items, progress)
}

fn walk_dir(dir: &Path, jobs: &mut Vec<Result<PathBuf, Skip>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            jobs.push(Err(Skip::new(
                dir.display().to_string(),
                SkipReason::Unreadable,
                e.to_string(),
            )));
            return;
        }
    };
    let mut list: Vec<(PathBuf, bool)> = Vec::new();
    for e in entries {
        let Ok(e) = e else { continue };
        let p = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            list.push((p, true));
        } else if ft.is_file() || (ft.is_symlink() && p.is_file()) {
            list.push((p, false));
        }
    }
    list.sort();
    for (p, is_dir) in list {
        if is_dir {
            walk_dir(&p, jobs);
        } else if kind_of(&p).is_some() {
            jobs.push(Ok(p));
        }
    }
}

/// Reads one file of any supported kind. Never panics and never fails:
/// problems come back as [`Item::Skipped`].
pub fn read_file(path: &Path) -> Items {
    read_file_counted(path, Arc::new(AtomicU64::new(0)))
}

/// [`read_file`], counting the bytes read from disk into `read`.
fn read_file_counted(path: &Path, read: Arc<AtomicU64>) -> Items {
    let Some(kind) = kind_of(path) else {
        return skip(
            path,
            SkipReason::Unsupported,
            "unknown file kind (expected .txt, .html, .htm, .jsonl, .jsonl.gz)",
        );
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return skip(path, SkipReason::Unreadable, e.to_string()),
    };
    match kind {
        Kind::Text | Kind::Html => {
            let size = file.metadata().map_or(0, |m| m.len());
            let page = read_page(path, file, kind);
            read.fetch_add(size, Ordering::Relaxed);
            one(page)
        }
        Kind::Jsonl => {
            let mut file = Counted { inner: file, read };
            let mut head = Vec::new();
            if let Err(e) = (&mut file).take(8192).read_to_end(&mut head) {
                return skip(path, SkipReason::Unreadable, e.to_string());
            }
            if head.contains(&0) {
                return skip(path, SkipReason::Binary, "NUL byte in the first 8 KiB");
            }
            let rest = std::io::Cursor::new(head).chain(file);
            Box::new(JsonlIter::new(
                path.display().to_string(),
                BufReader::new(rest),
                false,
            ))
        }
        Kind::JsonlGz => {
            let mut file = Counted { inner: file, read };
            let mut magic = [0u8; 2];
            match file.read_exact(&mut magic) {
                Ok(()) if magic == [0x1f, 0x8b] => {}
                Ok(()) => {
                    return skip(
                        path,
                        SkipReason::Decompression,
                        "not gzip data (bad magic bytes)",
                    )
                }
                Err(_) => return skip(path, SkipReason::Empty, "file shorter than a gzip header"),
            }
            let rest = std::io::Cursor::new(magic).chain(file);
            let dec = MultiGzDecoder::new(rest);
            Box::new(JsonlIter::new(
                path.display().to_string(),
                BufReader::with_capacity(64 * 1024, dec),
                true,
            ))
        }
    }
}

/// Reads a whole `.txt`/`.html` page (bounded by [`MAX_BYTES`]). Invalid
/// UTF-8 is decoded lossily (U+FFFD) and the article kept, without a skip
/// record: scraped pages often carry a few bad bytes and the text is still
/// worth indexing.
fn read_page(path: &Path, file: File, kind: Kind) -> Item {
    let p = path.display().to_string();
    if let Ok(m) = file.metadata() {
        if m.len() > MAX_BYTES as u64 {
            return Skip::new(
                p,
                SkipReason::TooLarge,
                format!("{} bytes exceeds the {MAX_BYTES}-byte limit", m.len()),
            )
            .into();
        }
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes) {
        return Skip::new(p, SkipReason::Unreadable, e.to_string()).into();
    }
    if bytes.len() > MAX_BYTES {
        return Skip::new(
            p,
            SkipReason::TooLarge,
            format!("over the {MAX_BYTES}-byte limit"),
        )
        .into();
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Skip::new(p, SkipReason::Binary, "NUL byte in the first 8 KiB").into();
    }
    let raw = String::from_utf8_lossy(&bytes).into_owned();
    if raw.trim().is_empty() {
        return Skip::new(p, SkipReason::Empty, "no text").into();
    }
    let (parts, url, html_lang) = match kind {
        Kind::Html => {
            let h = html_page::parse(&raw);
            (h.parts, h.url, h.html_lang)
        }
        _ => (text_page::parse(&raw), None, None),
    };
    if parts.title.trim().is_empty() && parts.body.trim().is_empty() {
        return Skip::new(p, SkipReason::MissingText, "no title or body text found").into();
    }
    let mut lang = langid::detect(&format!("{}\n\n{}", parts.title, parts.body));
    if lang == Lang::Other {
        // Trust the page's own declaration only when the text gave no answer.
        if let Some(l) = html_lang.as_deref().and_then(Lang::from_code) {
            lang = l;
        }
    }
    Item::Article(Box::new(Article {
        id: content_id(&parts.title, &parts.body),
        title: parts.title,
        body: parts.body,
        original: Some(raw),
        date: parts.date,
        source: parts.source,
        url,
        lang,
        path: p,
    }))
}
