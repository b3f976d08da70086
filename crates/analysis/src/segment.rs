//! Segmentation: splits raw text into word-like pieces with byte offsets.
//!
//! News text holds more than words: `U.S.`, `Mail.Ru`, `e-mail`, `anak-anak`,
//! `4,3 triliun`, `@disctrlnews`, URLs and e-mail addresses. Each is kept as
//! one piece here, with its internal connectors, so that the analyzer can
//! decide on purpose how to index it.
//!
//! Thai, Lao, Myanmar and Khmer, written without spaces, are split at
//! Unicode (UAX #29) word boundaries; CJK runs are left whole, as
//! [`PieceKind::Cjk`], for the analyzer to segment.

use unicode_segmentation::UnicodeSegmentation;

/// What kind of piece a [`Piece`] is; decides how the analyzer treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// Letters and digits, possibly joined by `-`, `.`, `'`, `,` or `_`.
    Word,
    /// A web address starting with `http://`, `https://` or `www.`.
    Url,
    /// An e-mail address.
    Email,
    /// A social-media handle or hashtag, including its `@` or `#`.
    Handle,
    /// A run of Chinese, Japanese or Korean characters (no spaces to split on).
    Cjk,
}

/// One segment of the input: its kind and where it stands in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// How the analyzer should treat it.
    pub kind: PieceKind,
    /// Byte offset of its first character.
    pub from: usize,
    /// Byte offset one past its last character.
    pub to: usize,
}

/// Connectors that may join two alphanumeric runs into one piece.
fn is_connector(c: char) -> bool {
    matches!(
        c,
        '-' | '.' | '\'' | '’' | ',' | '_' | '@' | '\u{2010}' | '\u{2011}'
    )
}

/// True for characters of scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x20000..=0x2FA1F) // Supplementary ideographs
}

/// True for characters of South-East Asian scripts written without spaces
/// between words (Thai, Lao, Myanmar, Khmer), marks included.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x19E0..=0x19FF    // Khmer symbols
        | 0xA9E0..=0xA9FF    // Myanmar Extended-B
        | 0xAA60..=0xAA7F) // Myanmar Extended-A
}

/// A character that belongs to a word of a spaced script (letters and
/// digits, CJK and unspaced scripts excepted).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() && !is_cjk(c) && !is_unspaced(c)
}

fn starts_url(rest: &str) -> bool {
    let starts = |prefix: &str| {
        rest.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    starts("http://") || starts("https://") || starts("www.")
}

/// The character starting at byte `at`, if any.
fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// Byte offset where the run of characters satisfying `inside` that starts
/// at `from` ends.
fn run_end(text: &str, from: usize, inside: impl Fn(char) -> bool) -> usize {
    text[from..]
        .find(|c: char| !inside(c))
        .map_or(text.len(), |n| from + n)
}

/// Splits `text` into pieces, in order, never overlapping.
pub fn segment(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while let Some(&byte) = bytes.get(pos) {
        // ASCII spaces and punctuation (but `@` and `#`, which may start a
        // handle) never start a piece: most of what lies between words.
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() && byte != b'@' && byte != b'#' {
            pos += 1;
            continue;
        }
        // An ASCII letter or digit that cannot open a web address starts a
        // word: the common case, decided without decoding a character.
        if byte.is_ascii_alphanumeric() && !matches!(byte, b'h' | b'H' | b'w' | b'W') {
            let piece = scan_word(text, pos);
            pos = piece.to;
            pieces.push(piece);
            continue;
        }
        let Some(c) = char_at(text, pos) else {
            break;
        };
        let start = pos;
        if matches!(c, 'h' | 'H' | 'w' | 'W') && starts_url(&text[start..]) {
            let end = run_end(text, start, |ch| {
                !(ch.is_whitespace() || matches!(ch, '<' | '>' | '"' | '“' | '”' | '(' | ')'))
            });
            let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            pieces.push(Piece {
                kind: PieceKind::Url,
                from: start,
                to: start + trimmed.len(),
            });
            pos = end;
        } else if (c == '@' || c == '#') && char_at(text, start + 1).is_some_and(is_word_char) {
            let end = run_end(text, start + 1, |ch| is_word_char(ch) || ch == '_');
            pieces.push(Piece {
                kind: PieceKind::Handle,
                from: start,
                to: end,
            });
            pos = end;
        } else if is_cjk(c) {
            let end = run_end(text, start, is_cjk);
            pieces.push(Piece {
                kind: PieceKind::Cjk,
                from: start,
                to: end,
            });
            pos = end;
        } else if is_unspaced(c) {
            let end = run_end(text, start, is_unspaced);
            // Unicode (UAX #29) word boundaries; pieces without a letter or
            // digit (punctuation such as `ฯ`, `។`) are dropped.
            pieces.extend(
                text[start..end]
                    .split_word_bound_indices()
                    .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                    .map(|(i, w)| Piece {
                        kind: PieceKind::Word,
                        from: start + i,
                        to: start + i + w.len(),
                    }),
            );
            pos = end;
        } else if is_word_char(c) {
            let piece = scan_word(text, start);
            pos = piece.to;
            pieces.push(piece);
        } else {
            pos += c.len_utf8();
        }
    }
    pieces
}

/// The word piece starting at `start` (a word character): word characters,
/// joined by connectors that a word character follows directly.
fn scan_word(text: &str, start: usize) -> Piece {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut has_at = false;
    while let Some(&byte) = bytes.get(end) {
        if byte.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        if byte.is_ascii() && !matches!(byte, b'-' | b'.' | b'\'' | b',' | b'_' | b'@') {
            break;
        }
        let Some(ch) = char_at(text, end) else {
            break;
        };
        if !ch.is_ascii() && is_word_char(ch) {
            end += ch.len_utf8();
            continue;
        }
        if !is_connector(ch) {
            break;
        }
        let after = end + ch.len_utf8();
        let next_is_word = char_at(text, after).is_some_and(is_word_char);
        if next_is_word && !(ch == '@' && has_at) {
            // A comma joins digits only (`4,3`), never words (`a,b`).
            if ch == ','
                && !(text[..end].ends_with(|p: char| p.is_ascii_digit())
                    && text[after..].starts_with(|n: char| n.is_ascii_digit()))
            {
                break;
            }
            has_at |= ch == '@';
            end = after;
            continue;
        }
        break;
    }
    let kind = if has_at
        && text[start..end]
            .rsplit('@')
            .next()
            .is_some_and(|d| d.contains('.'))
    {
        PieceKind::Email
    } else {
        PieceKind::Word
    };
    Piece {
        kind,
        from: start,
        to: end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, PieceKind)> {
        segment(s)
            .iter()
            .map(|p| (&s[p.from..p.to], p.kind))
            .collect()
    }

    #[test]
    fn words_numbers_and_compounds() {
        assert_eq!(
            texts("Rp 4,3 triliun, anak-anak U.S. Mail.Ru."),
            vec![
                ("Rp", PieceKind::Word),
                ("4,3", PieceKind::Word),
                ("triliun", PieceKind::Word),
                ("anak-anak", PieceKind::Word),
                ("U.S", PieceKind::Word),
                ("Mail.Ru", PieceKind::Word),
            ]
        );
    }

    #[test]
    fn urls_emails_handles() {
        assert_eq!(
            texts("see https://t.co/x?a=1, mail me@kompas.com @disctrlnews #ISIS"),
            vec![
                ("see", PieceKind::Word),
                ("https://t.co/x?a=1", PieceKind::Url),
                ("mail", PieceKind::Word),
                ("me@kompas.com", PieceKind::Email),
                ("@disctrlnews", PieceKind::Handle),
                ("#ISIS", PieceKind::Handle),
            ]
        );
    }

    #[test]
    fn unspaced_scripts_split_at_unicode_word_bounds() {
        // UAX #29 has no Thai dictionary: its word bounds fall between
        // character clusters (a consonant with its marks).
        assert_eq!(
            texts("ภาษาไทย ที่นี่, iPhoneรุ่น"),
            vec![
                ("ภ", PieceKind::Word),
                ("า", PieceKind::Word),
                ("ษ", PieceKind::Word),
                ("า", PieceKind::Word),
                ("ไ", PieceKind::Word),
                ("ท", PieceKind::Word),
                ("ย", PieceKind::Word),
                ("ที่", PieceKind::Word),
                ("นี่", PieceKind::Word),
                ("iPhone", PieceKind::Word),
                ("รุ่", PieceKind::Word),
                ("น", PieceKind::Word),
            ]
        );
        // Scripts that separate words with spaces keep whole words.
        assert_eq!(
            texts("Привет мир مرحبا"),
            vec![
                ("Привет", PieceKind::Word),
                ("мир", PieceKind::Word),
                ("مرحبا", PieceKind::Word),
            ]
        );
    }

    #[test]
    fn cjk_runs() {
        assert_eq!(
            texts("Telegram 東京都 app"),
            vec![
                ("Telegram", PieceKind::Word),
                ("東京都", PieceKind::Cjk),
                ("app", PieceKind::Word),
            ]
        );
    }
}
