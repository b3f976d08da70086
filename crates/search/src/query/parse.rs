//! The query language a journalist already knows, parsed into [`QueryNode`]s.
//!
//! ```text
//! telegram durov            both words (or either, in match-any mode)
//! "london bridge"           exact phrase
//! telegram OR whatsapp      either
//! isis -telegram            without (also NOT telegram)
//! (isis OR teroris) durov   grouping
//! title:durov  source:kompas.com  lang:id   fields and filters
//! komuni*                   prefix
//! ```

use super::tree::{QueryNode, TextScope};
use crate::error::SearchError;
use crate::request::MAX_QUERY_CHARS;
use warta_analysis::langid::Lang;

/// Deepest nesting of parentheses and negations accepted.
const MAX_DEPTH: usize = 32;
/// Most leaf clauses one query may hold.
const MAX_CLAUSES: usize = 64;
/// Shortest prefix accepted before `*`, so that `a*` cannot expand to the whole dictionary.
const MIN_PREFIX_CHARS: usize = 2;

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Open,
    Close,
    Or,
    And,
    Not,
    /// A leading `-` glued to the next clause.
    Minus,
    Field(String),
    Quoted(String),
    Word(String),
}

#[derive(Debug, Clone)]
struct Tok {
    lexeme: Lexeme,
    /// Character offset in the query.
    at: usize,
}

fn syntax(message: impl Into<String>, position: usize) -> SearchError {
    SearchError::Syntax {
        message: message.into(),
        position,
    }
}

const FIELDS: &[&str] = &["title", "source", "lang"];

fn lex(query: &str) -> Result<Vec<Tok>, SearchError> {
    let chars: Vec<char> = query.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut clause_start = true;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            clause_start = true;
            continue;
        }
        match c {
            '(' => {
                toks.push(Tok {
                    lexeme: Lexeme::Open,
                    at: i,
                });
                i += 1;
                clause_start = true;
            }
            ')' => {
                toks.push(Tok {
                    lexeme: Lexeme::Close,
                    at: i,
                });
                i += 1;
                clause_start = true;
            }
            '"' | '“' | '”' => {
                let start = i;
                i += 1;
                let mut text = String::new();
                while i < chars.len() && !matches!(chars[i], '"' | '“' | '”') {
                    text.push(chars[i]);
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(syntax("this quote is never closed", start));
                }
                i += 1;
                toks.push(Tok {
                    lexeme: Lexeme::Quoted(text),
                    at: start,
                });
                clause_start = false;
            }
            '-' if clause_start
                && chars
                    .get(i + 1)
                    .is_some_and(|n| !n.is_whitespace() && *n != '-') =>
            {
                toks.push(Tok {
                    lexeme: Lexeme::Minus,
                    at: i,
                });
                i += 1;
            }
            _ => {
                let start = i;
                let mut word = String::new();
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !chars[i].is_control()
                    && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                {
                    word.push(chars[i]);
                    i += 1;
                    if chars[i - 1] == ':'
                        && FIELDS.contains(&word[..word.len() - 1].to_lowercase().as_str())
                    {
                        break;
                    }
                }
                let lexeme = match word.as_str() {
                    "OR" | "ATAU" => Lexeme::Or,
                    "AND" | "DAN" => Lexeme::And,
                    "NOT" | "BUKAN" => Lexeme::Not,
                    w if w.ends_with(':')
                        && FIELDS.contains(&w[..w.len() - 1].to_lowercase().as_str()) =>
                    {
                        Lexeme::Field(w[..w.len() - 1].to_lowercase())
                    }
                    _ => Lexeme::Word(word),
                };
                toks.push(Tok { lexeme, at: start });
                clause_start = false;
            }
        }
    }
    Ok(toks)
}

struct Parser {
    toks: Vec<Tok>,
    next: usize,
    end: usize,
    clauses: usize,
}

/// Parses user query text into Warta's query tree.
///
/// Errors name what is wrong and where (a character offset), e.g. an
/// unclosed quote or parenthesis, a dangling `OR`, an empty field.
pub fn parse_query(query: &str) -> Result<QueryNode, SearchError> {
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(syntax(
            format!("the query is {length} characters long; the limit is {MAX_QUERY_CHARS}"),
            MAX_QUERY_CHARS,
        ));
    }
    let toks = lex(query)?;
    if toks.is_empty() {
        return Err(syntax("the query is empty", 0));
    }
    let mut parser = Parser {
        toks,
        next: 0,
        end: length,
        clauses: 0,
    };
    let node = parser.or_expr(0)?;
    if let Some(tok) = parser.peek() {
        let at = tok.at;
        return Err(match tok.lexeme {
            Lexeme::Close => syntax("this ')' has no matching '('", at),
            _ => syntax("unexpected text", at),
        });
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.next)
    }

    fn position(&self) -> usize {
        self.peek().map_or(self.end, |t| t.at)
    }

    fn or_expr(&mut self, depth: usize) -> Result<QueryNode, SearchError> {
        let mut clauses = vec![self.and_expr(depth)?];
        while let Some(Tok {
            lexeme: Lexeme::Or,
            at,
        }) = self.peek().cloned()
        {
            self.next += 1;
            if self.starts_clause() {
                clauses.push(self.and_expr(depth)?);
            } else {
                return Err(syntax("OR needs a term after it", at));
            }
        }
        Ok(if clauses.len() == 1 {
            clauses.remove(0)
        } else {
            QueryNode::Or { clauses }
        })
    }

    fn starts_clause(&self) -> bool {
        matches!(
            self.peek().map(|t| &t.lexeme),
            Some(
                Lexeme::Open
                    | Lexeme::Not
                    | Lexeme::Minus
                    | Lexeme::Field(_)
                    | Lexeme::Quoted(_)
                    | Lexeme::Word(_)
            )
        )
    }

    fn and_expr(&mut self, depth: usize) -> Result<QueryNode, SearchError> {
        let mut clauses = Vec::new();
        loop {
            if let Some(Tok {
                lexeme: Lexeme::And,
                at,
            }) = self.peek().cloned()
            {
                self.next += 1;
                if clauses.is_empty() || !self.starts_clause() {
                    return Err(syntax("AND needs a term on each side", at));
                }
            }
            if !self.starts_clause() {
                break;
            }
            clauses.push(self.unary(depth)?);
        }
        match clauses.len() {
            0 => Err(match self.peek() {
                Some(Tok {
                    lexeme: Lexeme::Or,
                    at,
                }) => syntax("OR needs a term before it", *at),
                Some(Tok {
                    lexeme: Lexeme::Close,
                    at,
                }) => syntax("this ')' has no matching '(' or closes an empty group", *at),
                _ => syntax("a term is missing here", self.position()),
            }),
            1 => Ok(clauses.remove(0)),
            _ => Ok(QueryNode::And { clauses }),
        }
    }

    fn unary(&mut self, depth: usize) -> Result<QueryNode, SearchError> {
        if depth > MAX_DEPTH {
            return Err(syntax(
                format!("the query nests deeper than {MAX_DEPTH} levels"),
                self.position(),
            ));
        }
        let Some(tok) = self.peek().cloned() else {
            return Err(syntax("a term is missing at the end", self.end));
        };
        match tok.lexeme {
            Lexeme::Not | Lexeme::Minus => {
                self.next += 1;
                if !self.starts_clause() {
                    return Err(syntax("NOT or '-' needs a term after it", tok.at));
                }
                let clause = self.unary(depth + 1)?;
                Ok(QueryNode::Not {
                    clause: Box::new(clause),
                })
            }
            Lexeme::Open => {
                self.next += 1;
                let inner = self.or_expr(depth + 1)?;
                match self.peek() {
                    Some(Tok {
                        lexeme: Lexeme::Close,
                        ..
                    }) => {
                        self.next += 1;
                        Ok(inner)
                    }
                    _ => Err(syntax("this '(' is never closed", tok.at)),
                }
            }
            Lexeme::Field(name) => {
                self.next += 1;
                self.field_clause(&name, tok.at)
            }
            Lexeme::Quoted(_) | Lexeme::Word(_) => self.leaf(TextScope::All),
            Lexeme::Close | Lexeme::Or | Lexeme::And => {
                Err(syntax("a term is missing here", tok.at))
            }
        }
    }

    fn field_clause(&mut self, name: &str, at: usize) -> Result<QueryNode, SearchError> {
        let value = match self.peek().map(|t| t.lexeme.clone()) {
            Some(Lexeme::Word(w)) | Some(Lexeme::Quoted(w)) if !w.trim().is_empty() => w,
            _ => {
                return Err(syntax(
                    format!("{name}: needs a value right after the colon"),
                    at,
                ))
            }
        };
        match name {
            "title" => self.leaf(TextScope::Title),
            "source" => {
                self.next += 1;
                self.count_clause(at)?;
                Ok(QueryNode::Source {
                    value: value.trim().to_lowercase(),
                })
            }
            _ => {
                self.next += 1;
                self.count_clause(at)?;
                let lang: Lang = value.parse().map_err(|_| {
                    syntax(
                        format!("lang: takes id, en or other (or a language name such as inggris), not {value:?}"),
                        at,
                    )
                })?;
                Ok(QueryNode::Lang { value: lang })
            }
        }
    }

    fn count_clause(&mut self, at: usize) -> Result<(), SearchError> {
        self.clauses += 1;
        if self.clauses > MAX_CLAUSES {
            return Err(syntax(
                format!("the query has more than {MAX_CLAUSES} terms"),
                at,
            ));
        }
        Ok(())
    }

    fn leaf(&mut self, scope: TextScope) -> Result<QueryNode, SearchError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(syntax("a term is missing at the end", self.end));
        };
        self.next += 1;
        self.count_clause(tok.at)?;
        match tok.lexeme {
            Lexeme::Quoted(text) => Ok(QueryNode::phrase(text, scope)),
            Lexeme::Word(word) => {
                if let Some(prefix) = word.strip_suffix('*') {
                    let letters = prefix.chars().filter(|c| c.is_alphanumeric()).count();
                    if prefix.contains('*') || letters < MIN_PREFIX_CHARS {
                        return Err(syntax(
                            format!("a wildcard needs at least {MIN_PREFIX_CHARS} letters before a single trailing '*'"),
                            tok.at,
                        ));
                    }
                    Ok(QueryNode::Prefix {
                        text: prefix.to_string(),
                        scope,
                    })
                } else if word.contains('*') {
                    Err(syntax("'*' is only allowed at the end of a word", tok.at))
                } else {
                    Ok(QueryNode::word(word, scope))
                }
            }
            _ => Err(syntax("a term is missing here", tok.at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(t: &str) -> QueryNode {
        QueryNode::word(t, TextScope::All)
    }

    #[test]
    fn plain_words_are_a_conjunction() {
        assert_eq!(
            parse_query("telegram durov").unwrap(),
            QueryNode::And {
                clauses: vec![word("telegram"), word("durov")]
            }
        );
    }

    #[test]
    fn operators_fields_and_groups() {
        let q = parse_query("(isis OR teroris) -whatsapp title:\"London Bridge\" lang:id komuni*")
            .unwrap();
        assert_eq!(
            q,
            QueryNode::And {
                clauses: vec![
                    QueryNode::Or {
                        clauses: vec![word("isis"), word("teroris")]
                    },
                    QueryNode::Not {
                        clause: Box::new(word("whatsapp"))
                    },
                    QueryNode::phrase("London Bridge", TextScope::Title),
                    QueryNode::Lang { value: Lang::Id },
                    QueryNode::Prefix {
                        text: "komuni".into(),
                        scope: TextScope::All
                    },
                ]
            }
        );
    }

    #[test]
    fn languages_are_read_by_code_or_name() {
        for (typed, lang) in [
            ("lang:inggris", Lang::En),
            ("LANG:Indonesian", Lang::Id),
            ("lang:en", Lang::En),
        ] {
            assert_eq!(
                parse_query(typed).unwrap(),
                QueryNode::Lang { value: lang },
                "{typed}"
            );
        }
    }

    #[test]
    fn hyphenated_words_are_not_negations() {
        assert_eq!(parse_query("anak-anak").unwrap(), word("anak-anak"));
        assert_eq!(
            parse_query("NOT isis").unwrap(),
            QueryNode::Not {
                clause: Box::new(word("isis"))
            }
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        let cases = [
            ("\"london bridge", 0, "quote"),
            ("(isis OR telegram", 0, "'('"),
            ("isis)", 4, "')'"),
            ("isis OR", 5, "OR"),
            ("*", 0, "wildcard"),
            ("a*", 0, "wildcard"),
            ("lang:fr", 0, "lang"),
            ("title:", 0, "title"),
            ("", 0, "empty"),
            ("()", 1, "')'"),
        ];
        for (query, position, needle) in cases {
            match parse_query(query) {
                Err(SearchError::Syntax {
                    message,
                    position: at,
                }) => {
                    assert_eq!(at, position, "{query}: {message}");
                    assert!(message.contains(needle), "{query}: {message}");
                }
                other => panic!("{query}: expected a syntax error, got {other:?}"),
            }
        }
    }

    #[test]
    fn deep_nesting_and_huge_queries_are_refused_not_crashed() {
        let deep = format!("{}x{}", "(".repeat(1000), ")".repeat(1000));
        assert!(matches!(
            parse_query(&deep),
            Err(SearchError::Syntax { .. })
        ));
        let huge = "kata ".repeat(20_000);
        assert!(matches!(
            parse_query(&huge),
            Err(SearchError::Syntax { .. })
        ));
        let many = "kata ".repeat(100);
        assert!(matches!(
            parse_query(&many),
            Err(SearchError::Syntax { .. })
        ));
        assert!(parse_query("a\u{0}b\u{7}c").is_ok());
    }
}
