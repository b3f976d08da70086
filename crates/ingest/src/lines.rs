//! A line reader with a hard per-line bound, so that a huge line (or a
//! gzip bomb without newlines) can never make us allocate more than the
//! limit.

use std::io::{self, BufRead};

/// One step of [`BoundedLines`].
#[derive(Debug)]
pub enum Line {
    /// A complete line (without the trailing `\n` / `\r\n`), raw bytes.
    Ok(Vec<u8>),
    /// A line longer than the limit; its bytes were discarded.
    TooLong(u64),
    /// The underlying reader failed (e.g. corrupt gzip); reading stops.
    Err(io::Error),
}

/// Iterator over lines of a [`BufRead`], each at most `limit` bytes.
pub struct BoundedLines<R> {
    inner: R,
    limit: usize,
    done: bool,
}

impl<R: BufRead> BoundedLines<R> {
    /// Wraps `inner`; lines longer than `limit` bytes are reported as
    /// [`Line::TooLong`] and skipped without being stored.
    pub fn new(inner: R, limit: usize) -> Self {
        BoundedLines {
            inner,
            limit,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for BoundedLines<R> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.done {
            return None;
        }
        let mut buf: Vec<u8> = Vec::new();
        let mut total: u64 = 0;
        let mut overflow = false;
        loop {
            let chunk = match self.inner.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Line::Err(e));
                }
            };
            if chunk.is_empty() {
                self.done = true;
                if total == 0 {
                    return None;
                }
                break;
            }
            let (part, found_nl) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], true),
                None => (chunk, false),
            };
            total += part.len() as u64;
            if !overflow {
                if buf.len() + part.len() > self.limit {
                    overflow = true;
                    buf = Vec::new();
                } else {
                    buf.extend_from_slice(part);
                }
            }
            let consumed = part.len() + usize::from(found_nl);
            self.inner.consume(consumed);
            if found_nl {
                total += 1;
                break;
            }
        }
        if overflow {
            return Some(Line::TooLong(total));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Some(Line::Ok(buf))
    }
}
