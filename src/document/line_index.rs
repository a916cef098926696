//! Byte offset → 1-based line and 1-based *character* column.
//!
//! Spans are byte ranges everywhere inside gwlint; every column shown to a user counts Unicode
//! scalar values. Character counts are kept at every line start and at checkpoints every
//! [`CHECKPOINT`] bytes, so a lookup costs at most one checkpoint's worth of counting even on a
//! single 10 MB line with thousands of findings. The checkpoints are counted on the first column
//! lookup: a file without findings never pays for them.

use std::sync::OnceLock;

const CHECKPOINT: usize = 1024;

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode characters.
    pub column: usize,
}

/// Line starts and character checkpoints of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// (byte offset, characters before it), ascending, one per checkpoint, on char boundaries;
    /// built by the first [`LineIndex::char_offset`].
    checkpoints: OnceLock<Vec<(usize, usize)>>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the line's content.
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            line_starts,
            checkpoints: OnceLock::new(),
            len: text.len(),
        }
    }

    /// The character checkpoints of `text` (the indexed text), counted on first use.
    fn checkpoints(&self, text: &str) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| {
            debug_assert_eq!(
                text.len(),
                self.len,
                "a LineIndex is used with its own text"
            );
            let bytes = text.as_bytes();
            let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 1);
            checkpoints.push((0, 0));
            let mut chars = 0usize;
            let mut pos = 0usize;
            while pos + CHECKPOINT < bytes.len() {
                let mut next = pos + CHECKPOINT;
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                chars += count_chars(&bytes[pos..next]);
                checkpoints.push((next, chars));
                pos = next;
            }
            checkpoints
        })
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }

    /// Byte range of 1-based `line` without its `\n`.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(self.len);
        start..end
    }

    /// 1-based line containing byte `offset` (an offset at a `\n` belongs to the line it ends).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Characters in `text[..offset]`. `offset` must be a char boundary of the indexed text.
    pub fn char_offset(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let checkpoints = self.checkpoints(text);
        let i = checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let (b, c) = checkpoints[i];
        c + count_chars(&text.as_bytes()[b..offset])
    }

    /// Line and character column of byte `offset` in `text` (the indexed text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        let column = self.char_offset(text, offset) - self.char_offset(text, start) + 1;
        LineCol { line, column }
    }
}

/// Counts UTF-8 scalar values: every byte that is not a continuation byte (`80`–`BF`) starts one.
/// Within a block of 255 bytes the count fits in a byte, so it is summed in byte-wide vector lanes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from((b as i8) >= -0x40)));
            usize::from(n)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_cjk_ascii_columns() {
        let text = "一、目标\nab（一）c\n\n末";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let pos = text.find('目').unwrap();
        assert_eq!(idx.line_col(text, pos), LineCol { line: 1, column: 3 });
        let pos = text.find('c').unwrap();
        assert_eq!(idx.line_col(text, pos), LineCol { line: 2, column: 6 });
        let pos = text.find('末').unwrap();
        assert_eq!(idx.line_col(text, pos), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_count(), 4);
        assert_eq!(&text[idx.line_range(2)], "ab（一）c");
        assert_eq!(idx.line_range(3), idx.line_start(3)..idx.line_start(3));
    }

    #[test]
    fn checkpoints_on_long_lines() {
        let text: String = "汉a".repeat(10_000);
        let idx = LineIndex::new(&text);
        for (i, (b, _)) in text.char_indices().enumerate().step_by(997) {
            assert_eq!(idx.line_col(&text, b).column, i + 1);
        }
        assert_eq!(idx.line_col(&text, text.len()).column, 20_001);
    }

    proptest::proptest! {
        #[test]
        fn count_chars_counts_scalar_values(text in "(\\PC|[\\n\\r]){0,700}") {
            proptest::prop_assert_eq!(count_chars(text.as_bytes()), text.chars().count());
        }
    }
}
