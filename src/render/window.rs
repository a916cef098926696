//! A miette `SourceCode` that shows only a short window of each long line.
//!
//! miette prints every context line whole and puts a *byte* column in its header. Reports are
//! often one paragraph per line of 1,000+ characters, so instead of handing miette the document we
//! build a small synthetic source: one virtual line per real line that carries a label, made of
//! windows of about [`CONTEXT_CHARS`] characters around each label, joined and framed with `…`.
//! Label spans are translated into the synthetic text; `read_span` reports the real line number
//! and the real *character* column, so the header reads `path:line:column` as users count it.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::document::Document;

/// Characters of context shown on each side of a label.
pub const CONTEXT_CHARS: usize = 20;

const ELLIPSIS: &str = "…";

/// One virtual line of the synthetic source.
#[derive(Debug, Clone)]
struct VirtualLine {
    /// Range in the synthetic text (without the trailing `\n`).
    synth: Range<usize>,
    /// 0-based real line number.
    line: usize,
    /// Pieces of the real line shown: (synthetic start, real byte range).
    segments: Vec<(usize, Range<usize>)>,
}

/// The windowed source for one diagnostic.
#[derive(Debug, Clone)]
pub struct WindowedSource {
    name: String,
    text: String,
    lines: Vec<VirtualLine>,
    /// Character column (0-based) of each real byte offset we may be asked about, keyed by
    /// synthetic offset: computed on demand from the document's line index at build time.
    columns: Vec<(usize, usize)>,
}

impl WindowedSource {
    /// Builds the windows for `spans` (byte ranges into `doc.text`). Returns the source and each
    /// span translated into synthetic offsets, in the same order.
    pub fn new(
        name: &str,
        doc: &Document,
        spans: &[Range<usize>],
        context: usize,
    ) -> (Self, Vec<Range<usize>>) {
        let text = doc.text.as_str();
        // Clamp each span to its line.
        let clamped: Vec<(usize, Range<usize>)> = spans
            .iter()
            .map(|s| {
                let line = doc.lines.line_of(s.start);
                let range = doc.lines.line_range(line);
                let end_limit = trim_cr(text, range.clone()).end;
                let start = s.start.min(end_limit);
                (line, start..s.end.clamp(start, end_limit))
            })
            .collect();
        let mut line_numbers: Vec<usize> = clamped.iter().map(|(l, _)| *l).collect();
        line_numbers.sort_unstable();
        line_numbers.dedup();

        let mut synth = String::new();
        let mut lines = Vec::new();
        let mut columns = Vec::new();
        for &line in &line_numbers {
            let range = trim_cr(text, doc.lines.line_range(line));
            let mut windows: Vec<Range<usize>> = clamped
                .iter()
                .filter(|(l, _)| *l == line)
                .map(|(_, s)| {
                    let start = back_chars(text, s.start, context).max(range.start);
                    let end = forward_chars(text, s.end, context).min(range.end);
                    start..end
                })
                .collect();
            windows.sort_by_key(|w| w.start);
            let mut merged: Vec<Range<usize>> = Vec::new();
            for w in windows {
                match merged.last_mut() {
                    Some(last)
                        if text[last.end.min(w.start)..w.start].chars().count() <= 4
                            || w.start <= last.end =>
                    {
                        last.end = last.end.max(w.end);
                    }
                    _ => merged.push(w),
                }
            }
            let line_start = synth.len();
            let mut segments = Vec::new();
            for (i, w) in merged.iter().enumerate() {
                if i == 0 && w.start > range.start || i > 0 {
                    synth.push_str(ELLIPSIS);
                }
                segments.push((synth.len(), w.clone()));
                columns.push((synth.len(), doc.lines.line_col(text, w.start).column - 1));
                synth.push_str(&text[w.clone()]);
            }
            if merged.last().is_some_and(|w| w.end < range.end) {
                synth.push_str(ELLIPSIS);
            }
            lines.push(VirtualLine {
                synth: line_start..synth.len(),
                line: line - 1,
                segments,
            });
            synth.push('\n');
        }
        let source = WindowedSource {
            name: name.to_owned(),
            text: synth,
            lines,
            columns,
        };
        let translated = clamped
            .iter()
            .map(|(_, s)| source.translate(s.clone()))
            .collect();
        (source, translated)
    }

    fn translate(&self, span: Range<usize>) -> Range<usize> {
        for vl in &self.lines {
            for (synth_start, real) in &vl.segments {
                if real.start <= span.start && span.start <= real.end {
                    let start = synth_start + (span.start - real.start);
                    let end = synth_start + (span.end.min(real.end) - real.start);
                    return start..end;
                }
            }
        }
        0..0
    }

    fn line_index(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.synth.end < offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// Real 0-based character column of a synthetic offset.
    fn column_of(&self, offset: usize) -> usize {
        let i = self.columns.partition_point(|&(s, _)| s <= offset);
        if i == 0 {
            return 0;
        }
        let (s, col) = self.columns[i - 1];
        col + self.text[s..offset.max(s)].chars().count()
    }
}

impl SourceCode for WindowedSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if self.lines.is_empty() {
            return Err(MietteError::OutOfBounds);
        }
        let first = &self.lines[self.line_index(span.offset())];
        let last = &self.lines[self.line_index(span.offset() + span.len())];
        let data = &self.text[first.synth.start..last.synth.end];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data.as_bytes(),
            SourceSpan::from(first.synth.start..last.synth.end),
            first.line,
            self.column_of(span.offset()),
            last.line - first.line + 1,
        )))
    }
}

fn trim_cr(text: &str, range: Range<usize>) -> Range<usize> {
    range.start..range.start + crate::document::layout::trim_line_end(&text[range]).len()
}

/// Byte offset `n` characters before `pos`.
fn back_chars(text: &str, pos: usize, n: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(pos, |(i, _)| i)
}

/// Byte offset `n` characters after `pos`.
fn forward_chars(text: &str, pos: usize, n: usize) -> usize {
    text[pos..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| pos + i)
}
