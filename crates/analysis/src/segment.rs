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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c) && !is_unspaced(c)
}

fn starts_url(rest: &str) -> bool {
    let head = rest.get(..8).unwrap_or(rest).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")
}

/// Splits `text` into pieces, in order, never overlapping.
pub fn segment(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && starts_url(&text[start..]) {
            let mut end = start;
            while let Some(&(i, ch)) = chars.peek() {
                if ch.is_whitespace() || matches!(ch, '<' | '>' | '"' | '“' | '”' | '(' | ')') {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
            let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            pieces.push(Piece {
                kind: PieceKind::Url,
                from: start,
                to: start + trimmed.len(),
            });
        } else if (c == '@' || c == '#')
            && text[start + 1..].chars().next().is_some_and(is_word_char)
        {
            chars.next();
            let mut end = start + 1;
            while let Some(&(i, ch)) = chars.peek() {
                if !(is_word_char(ch) || ch == '_') {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
            pieces.push(Piece {
                kind: PieceKind::Handle,
                from: start,
                to: end,
            });
        } else if is_cjk(c) {
            let mut end = start;
            while let Some(&(i, ch)) = chars.peek() {
                if !is_cjk(ch) {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
            pieces.push(Piece {
                kind: PieceKind::Cjk,
                from: start,
                to: end,
            });
        } else if is_unspaced(c) {
            let mut end = start;
            while let Some(&(i, ch)) = chars.peek() {
                if !is_unspaced(ch) {
                    break;
                }
                end = i + ch.len_utf8();
                chars.next();
            }
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
        } else if is_word_char(c) {
            pieces.push(scan_word(text, &mut chars, start));
        } else {
            chars.next();
        }
    }
    pieces
}

fn scan_word(
    text: &str,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    start: usize,
) -> Piece {
    let mut end = start;
    let mut has_at = false;
    while let Some(&(i, ch)) = chars.peek() {
        if is_word_char(ch) {
            end = i + ch.len_utf8();
            chars.next();
            continue;
        }
        // A connector joins only when a word character follows it directly.
        let next_is_word = text[i + ch.len_utf8()..]
            .chars()
            .next()
            .is_some_and(is_word_char);
        if is_connector(ch) && next_is_word && !(ch == '@' && has_at) {
            // A comma joins digits only (`4,3`), never words (`a,b`).
            if ch == ','
                && !(text[..i].ends_with(|p: char| p.is_ascii_digit())
                    && text[i + 1..].starts_with(|n: char| n.is_ascii_digit()))
            {
                break;
            }
            has_at |= ch == '@';
            chars.next();
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
