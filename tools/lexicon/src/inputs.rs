//! Reading the input files.

use std::io::Read;
use std::path::{Path, PathBuf};

/// A sentence pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// English.
    pub en: String,
    /// Indonesian.
    pub id: String,
    /// The document it comes from (`doc_id`), when the file says.
    pub doc: String,
}

/// One row of the hand-written supplement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupplementRow {
    /// 1-based line number.
    pub line: usize,
    /// English word or phrase.
    pub en: String,
    /// Indonesian word or phrase.
    pub id: String,
    /// Why the row is there.
    pub reason: String,
}

/// Where the inputs are.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The eval-data directory.
    pub eval_data: PathBuf,
    /// The supplement file.
    pub supplement: PathBuf,
}

impl Paths {
    /// A file of the eval-data directory.
    pub fn data(&self, name: &str) -> PathBuf {
        self.eval_data.join(name)
    }
}

/// Reads a whole text file, naming it in the error.
pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Reads a gzip text file.
pub fn read_gz(path: &Path) -> Result<String, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text)
}

/// Sentence pairs of a TSV with a header naming `en` and `id` columns.
pub fn parse_pairs(text: &str) -> Result<Vec<Pair>, String> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("no `{name}` column in {header:?}"))
    };
    let (en, id) = (col("en")?, col("id")?);
    let doc = col("doc_id").ok();
    let mut out = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        if let (Some(e), Some(i)) = (f.get(en), f.get(id)) {
            out.push(Pair {
                en: e.to_string(),
                id: i.to_string(),
                doc: doc
                    .and_then(|d| f.get(d))
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

/// Parses the supplement: `en<TAB>id<TAB>reason`, `#` comments and blank
/// lines ignored; any other shape is an error naming the line.
pub fn parse_supplement(text: &str) -> Result<Vec<SupplementRow>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 3 || f.iter().any(|s| s.is_empty()) {
            return Err(format!(
                "supplement line {}: expected `en<TAB>id<TAB>reason`",
                i + 1
            ));
        }
        out.push(SupplementRow {
            line: i + 1,
            en: f[0].to_string(),
            id: f[1].to_string(),
            reason: f[2].to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_by_column_name() {
        let p =
            parse_pairs("sent_id\tdomain\tdoc_id\ten\tid\nx\tnews\td\tHello.\tHalo.\n").unwrap();
        assert_eq!(
            p,
            vec![Pair {
                en: "Hello.".into(),
                id: "Halo.".into(),
                doc: "d".into(),
            }]
        );
        assert!(parse_pairs("a\tb\n").is_err());
    }

    #[test]
    fn supplement_format() {
        let rows = parse_supplement("# comment\n\nvictim\tkorban\tthe usual word\n").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].id, "korban");
        assert!(parse_supplement("victim\tkorban\n").is_err());
        assert!(parse_supplement("victim\t\tx\n").is_err());
    }
}
