//! Measures `warta_analysis::langid` on the shared evaluation data.
//!
//! Usage: `cargo run --release -p warta-analysis --example langid_eval [SHARED_DIR]`
//! (default `../shared`, relative to the workspace root).
//!
//! `warta-analysis` deliberately has no JSON or gzip dependency, so this
//! example decompresses with the system `gzip -dc` and parses the flat JSON
//! records with a tiny parser below.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use warta_analysis::langid::{detect, detect_word, Lang};

/// A JSON value, just enough for the corpus and code-mixed files.
#[derive(Debug)]
enum J {
    Str(String),
    Arr(Vec<J>),
    Other,
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn value(&mut self) -> Option<J> {
        self.ws();
        match *self.s.get(self.i)? {
            b'"' => self.string().map(J::Str),
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    if *self.s.get(self.i)? == b']' {
                        self.i += 1;
                        return Some(J::Arr(v));
                    }
                    v.push(self.value()?);
                    self.ws();
                    if *self.s.get(self.i)? == b',' {
                        self.i += 1;
                    }
                }
            }
            b'{' => {
                self.object()?;
                Some(J::Other)
            }
            _ => {
                while self.i < self.s.len() && !b",]}".contains(&self.s[self.i]) {
                    self.i += 1;
                }
                Some(J::Other)
            }
        }
    }
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out: Vec<u16> = Vec::new();
        let mut bytes: Vec<u8> = Vec::new();
        loop {
            let c = *self.s.get(self.i)?;
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let ch = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' | b'f' => ' ',
                        b'u' => {
                            let hex = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
                            self.i += 4;
                            out.push(u16::from_str_radix(hex, 16).ok()?);
                            continue;
                        }
                        other => other as char,
                    };
                    flush(&mut out, &mut bytes);
                    let mut buf = [0u8; 4];
                    bytes.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => {
                    flush(&mut out, &mut bytes);
                    bytes.push(c)
                }
            }
        }
        flush(&mut out, &mut bytes);
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
    fn object(&mut self) -> Option<HashMap<String, J>> {
        self.ws();
        if *self.s.get(self.i)? != b'{' {
            return None;
        }
        self.i += 1;
        let mut m = HashMap::new();
        loop {
            self.ws();
            match *self.s.get(self.i)? {
                b'}' => {
                    self.i += 1;
                    return Some(m);
                }
                b',' => self.i += 1,
                b'"' => {
                    let k = self.string()?;
                    self.ws();
                    self.i += 1; // ':'
                    let v = self.value()?;
                    m.insert(k, v);
                }
                _ => return None,
            }
        }
    }
}

fn flush(units: &mut Vec<u16>, bytes: &mut Vec<u8>) {
    if !units.is_empty() {
        let s: String = char::decode_utf16(units.drain(..))
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
        bytes.extend_from_slice(s.as_bytes());
    }
}

fn parse(line: &str) -> Option<HashMap<String, J>> {
    P {
        s: line.as_bytes(),
        i: 0,
    }
    .object()
}

fn s(m: &HashMap<String, J>, k: &str) -> String {
    match m.get(k) {
        Some(J::Str(s)) => s.clone(),
        _ => String::new(),
    }
}

#[derive(Default)]
struct Acc {
    n: usize,
    ok: usize,
}
impl Acc {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += ok as usize;
    }
    fn pct(&self) -> String {
        if self.n == 0 {
            "n/a".into()
        } else {
            format!("{:.2} %", 100.0 * self.ok as f64 / self.n as f64)
        }
    }
}

fn first_chars(t: &str, n: usize) -> &str {
    match t.char_indices().nth(n) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

fn main() {
    let shared = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared".into()),
    );
    let t0 = Instant::now();
    let mut rows: Vec<(String, String)> = Vec::new();

    // (a) corpus articles
    let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.to_string_lossy().ends_with(".jsonl.gz"));
    files.sort();
    let (mut full_all, mut short_all) = (Acc::default(), Acc::default());
    let mut confusion: HashMap<(&'static str, &'static str), usize> = HashMap::new();
    for f in &files {
        let (mut full, mut short) = (Acc::default(), Acc::default());
        let Ok(mut child) = Command::new("gzip")
            .arg("-dc")
            .arg(f)
            .stdout(Stdio::piped())
            .spawn()
        else {
            eprintln!("cannot run gzip");
            return;
        };
        let Some(out) = child.stdout.take() else {
            continue;
        };
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let Some(m) = parse(&line) else { continue };
            let Some(gold) = Lang::from_code(&s(&m, "lang")) else {
                continue;
            };
            let text = format!("{}\n\n{}", s(&m, "title"), s(&m, "body"));
            let got = detect(&text);
            *confusion.entry((gold.code(), got.code())).or_default() += 1;
            full.add(got == gold);
            short.add(detect(first_chars(&text, 40)) == gold);
        }
        let _ = child.wait();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rows.push((
            format!("corpus `{name}` full text (n={})", full.n),
            full.pct(),
        ));
        rows.push((
            format!("corpus `{name}` first 40 chars (n={})", short.n),
            short.pct(),
        ));
        full_all.n += full.n;
        full_all.ok += full.ok;
        short_all.n += short.n;
        short_all.ok += short.ok;
    }
    rows.push((
        format!("**corpus all, full text** (n={})", full_all.n),
        full_all.pct(),
    ));
    rows.push((
        format!("**corpus all, first 40 chars** (n={})", short_all.n),
        short_all.pct(),
    ));

    // (b) PUD parallel sentences
    let (mut en, mut id) = (Acc::default(), Acc::default());
    if let Ok(text) = std::fs::read_to_string(shared.join("eval-data/parallel_pud_en_id.tsv")) {
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 5 {
                en.add(detect(cols[3]) == Lang::En);
                id.add(detect(cols[4]) == Lang::Id);
            }
        }
    }
    rows.push((format!("PUD sentences, `en` column (n={})", en.n), en.pct()));
    rows.push((format!("PUD sentences, `id` column (n={})", id.n), id.pct()));

    // (c) code-mixed tokens
    let (mut tok, mut tok_id, mut tok_en) = (Acc::default(), Acc::default(), Acc::default());
    let mut errors: HashMap<(String, &'static str), usize> = HashMap::new();
    let path: &Path = &shared.join("eval-data/langid_codemixed_id_en.jsonl");
    if let Ok(text) = std::fs::read_to_string(path) {
        for line in text.lines() {
            let Some(m) = parse(line) else { continue };
            let (Some(J::Arr(toks)), Some(J::Arr(langs))) = (m.get("tokens"), m.get("langs"))
            else {
                continue;
            };
            for (t, l) in toks.iter().zip(langs) {
                let (J::Str(t), J::Str(l)) = (t, l) else {
                    continue;
                };
                let gold = match l.as_str() {
                    "id" => Lang::Id,
                    "en" => Lang::En,
                    _ => continue,
                };
                let ok = detect_word(t) == gold;
                if !ok {
                    *errors.entry((t.to_lowercase(), gold.code())).or_default() += 1;
                }
                tok.add(ok);
                if gold == Lang::Id {
                    tok_id.add(ok)
                } else {
                    tok_en.add(ok)
                }
            }
        }
    }
    rows.push((format!("code-mixed tokens, id+en (n={})", tok.n), tok.pct()));
    rows.push((
        format!("code-mixed tokens, gold id (n={})", tok_id.n),
        tok_id.pct(),
    ));
    rows.push((
        format!("code-mixed tokens, gold en (n={})", tok_en.n),
        tok_en.pct(),
    ));

    println!("| set | accuracy |\n|---|---:|");
    for (k, v) in rows {
        println!("| {k} | {v} |");
    }
    let mut conf: Vec<_> = confusion.into_iter().collect();
    conf.sort();
    println!("\ncorpus full-text confusion (gold → got): {conf:?}");
    let mut errors: Vec<_> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = errors
        .iter()
        .take(25)
        .map(|((t, g), n)| format!("{t}({g})×{n}"))
        .collect();
    println!(
        "most frequent token errors (gold in parentheses): {}",
        top.join(", ")
    );
    println!("elapsed {:.1} s", t0.elapsed().as_secs_f64());
}
