//! Whitespace analysis shared by `stray-whitespace` and `merged-paragraphs`: which characters are
//! blank or invisible, the lines the whitespace runs fall on (the document's own paragraphs), and
//! which runs inside a line are the indents of paragraphs merged into it.
//!
//! Indentation (any blank run at a line start) and trailing blanks are layout, never text: the
//! analysis only hands the rules the runs *inside* a line, so re-indenting every paragraph with
//! any kind of space, adding trailing spaces or changing line ends changes nothing.

use std::ops::Range;

use crate::document::Document;
use crate::document::marks::{Mark, runs};

/// A blank character: the layout spaces of [`crate::document::layout::is_space`] (every width, the tab,
/// the no-break spaces, and U+FEFF that exports leave at line starts).
pub use crate::document::layout::is_space as is_blank;

/// An invisible character that is never layout: zero-width space and joiners, word joiner, soft
/// hyphen. (U+FEFF counts as invisible inside a line, as blank at its edges.)
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{AD}')
}

/// One maximal run of blank or invisible characters inside a line.
#[derive(Debug, Clone)]
pub struct Run {
    /// Byte range of the run.
    pub span: Range<usize>,
    /// Its characters.
    pub chars: Vec<char>,
}

impl Run {
    /// Whether the run holds an invisible character (U+FEFF included: inside a line it is one).
    pub fn has_invisible(&self) -> bool {
        self.chars
            .iter()
            .any(|&c| is_invisible(c) || c == '\u{FEFF}')
    }

    /// The number of blank characters (invisible ones not counted).
    pub fn blanks(&self) -> usize {
        self.chars
            .iter()
            .filter(|&&c| is_blank(c) && c != '\u{FEFF}')
            .count()
    }

    /// A gap: two or more blanks, or a tab — deliberate layout (alignment, table cells, an old
    /// paragraph indent), never a slip of the keyboard.
    pub fn is_gap(&self) -> bool {
        self.blanks() >= 2 || self.chars.contains(&'\t')
    }
}

/// One line that holds whitespace runs.
#[derive(Debug, Clone)]
pub struct Line {
    /// The line without its line break (`\n`, `\r`, or both).
    pub span: Range<usize>,
    /// The line without its leading and trailing blank or invisible characters.
    pub content: Range<usize>,
    /// Runs at the line start (indentation) or end (trailing blanks): layout, except for the
    /// invisible characters in them.
    pub edges: Vec<Run>,
    /// Runs inside the line, in order.
    pub inner: Vec<Run>,
}

/// Groups the whitespace runs of `doc` by line (the document's paragraphs, whose spans leave the
/// line breaks out).
pub fn lines(doc: &Document) -> Vec<Line> {
    let marks = doc.marks();
    let text = doc.text.as_str();
    let mut out: Vec<Line> = Vec::new();
    let pred = |c: char| is_blank(c) || is_invisible(c);
    for (first, last) in runs(marks, pred) {
        let span = marks[first].pos..marks[last].end();
        if out.last().is_none_or(|l| span.start > l.span.end) {
            let para = &doc.paragraphs[doc.paragraph_at(span.start)];
            let (start, end) = (para.span.start, para.span.end);
            let line = &text[start..end];
            let lead = line.len() - line.trim_start_matches(pred).len();
            let content = if lead == line.len() {
                end..end
            } else {
                start + lead..start + line.trim_end_matches(pred).len()
            };
            out.push(Line {
                span: start..end,
                content,
                edges: Vec::new(),
                inner: Vec::new(),
            });
        }
        let line = out.last_mut().expect("pushed above");
        let run = Run {
            span: span.clone(),
            chars: marks[first..=last].iter().map(|m: &Mark| m.ch).collect(),
        };
        if span.start <= line.content.start || span.end >= line.content.end {
            line.edges.push(run);
        } else {
            line.inner.push(run);
        }
    }
    out
}

/// Sentence-final marks after which a paragraph may end (`：` only before a paragraph that reads as
/// one, see [`merged_indents`]).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：')
}

/// The mark that ends the text before `pos`, looking through closing quotes and brackets
/// (`。”`, `。）`), if the text ends a sentence there.
fn sentence_end_before(text: &str, pos: usize) -> Option<char> {
    let mut chars = text[..pos].chars().rev();
    for _ in 0..4 {
        match chars.next()? {
            '”' | '’' | '）' | '》' | '」' | '』' | '】' | '〕' | ')' => continue,
            c if ends_sentence(c) => return Some(c),
            _ => return None,
        }
    }
    None
}

/// The outline marker `rest` opens with (`一、`, `（一）`, `1.`, `第四条`), as its byte length and
/// whether it is an article (`第X条`): an old paragraph start even when the paragraph is short.
pub fn marker_at(rest: &str) -> Option<(usize, bool)> {
    let numeral = |c: char| "一二三四五六七八九十百零〇两".contains(c);
    let mut chars = rest.chars();
    match chars.next()? {
        '第' => {
            let body = &rest['第'.len_utf8()..];
            let n = body.len() - body.trim_start_matches(numeral).len();
            let unit = body[n..].chars().next()?;
            (n > 0 && "条章节编".contains(unit))
                .then_some(('第'.len_utf8() + n + unit.len_utf8(), unit == '条'))
        }
        open @ ('（' | '(') => {
            let body = &rest[open.len_utf8()..];
            let n = body.len()
                - body
                    .trim_start_matches(|c: char| numeral(c) || c.is_ascii_digit())
                    .len();
            let close = body[n..].chars().next()?;
            (n > 0 && (close == '）' || close == ')'))
                .then_some((open.len_utf8() + n + close.len_utf8(), false))
        }
        c if numeral(c) => {
            let after = rest.trim_start_matches(numeral);
            after
                .starts_with('、')
                .then_some((rest.len() - after.len() + '、'.len_utf8(), false))
        }
        c if c.is_ascii_digit() => {
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            let sep = after.chars().next()?;
            let decimal = after[sep.len_utf8()..].starts_with(|c: char| c.is_ascii_digit());
            (matches!(sep, '.' | '．' | '、') && !decimal)
                .then_some((rest.len() - after.len() + sep.len_utf8(), false))
        }
        _ => None,
    }
}

/// Whether `rest` opens with an outline marker.
pub fn starts_with_marker(rest: &str) -> bool {
    marker_at(rest).is_some()
}

/// A heading merged into the line: a marker, its title (not an article's body), no sentence end
/// (`一、总体要求`, `（三）狠抓园区建设`).
pub fn is_heading_segment(segment: &str) -> bool {
    let Some((len, article)) = marker_at(segment) else {
        return false;
    };
    let title = segment[len..].trim_matches(|c: char| is_blank(c) || is_invisible(c));
    !article
        && !title.is_empty()
        && title.chars().count() <= 40
        && !title.contains(['。', '！', '？', '；'])
}

/// The part of `line` before inner run `i`, back to the previous gap or the line start.
pub fn segment_before(line: &Line, i: usize) -> Range<usize> {
    let from = line.inner[..i]
        .iter()
        .rev()
        .find(|r| r.is_gap())
        .map_or(line.content.start, |r| r.span.end);
    from..line.inner[i].span.start
}

/// The part of `line` after inner run `i`, on to the next gap or the line end.
pub fn segment_after(line: &Line, i: usize) -> Range<usize> {
    let to = line.inner[i + 1..]
        .iter()
        .find(|r| r.is_gap())
        .map_or(line.content.end, |r| r.span.start);
    line.inner[i].span.end..to
}

/// The indents of merged paragraphs in `line`: indices into `line.inner` of the runs that stand
/// where a paragraph break was lost (`…原则。　　第四条　国家建立…`). Such a run follows the end of
/// a sentence (`。！？；`, through closing quotes and brackets, or `：` before a whole sentence) and
/// is followed by text that reads as a paragraph: it holds a sentence end, opens with an outline
/// marker, or is at least 15 characters long after a run no wider than an indent (four blanks).
/// A date, a 落款 or a table cell after the run does not (`特此通知。　　　　2024年3月1日`).
/// A gap after a heading (`一、总体要求　　为深入贯彻……。`) counts when the text after it holds a
/// sentence end.
///
/// A gap (two or more blanks, or a tab) is an indent on its own. A single wide blank (`　`, a
/// no-break or em space) after a sentence end is one only when the line has another indent — a
/// line indented that way throughout — never alone, where it is more likely a slip. A single
/// ASCII space after `。` is never an indent (a typing habit: `stray-whitespace` reports it).
pub fn merged_indents(doc: &Document, line: &Line) -> Vec<usize> {
    let text = doc.text.as_str();
    // Candidate runs: blank (no invisible characters), after a sentence end.
    let mut candidates: Vec<(usize, bool, char)> = Vec::new();
    // Where the text before the next gap starts (a heading begins there).
    let mut heading_from = line.content.start;
    for (i, run) in line.inner.iter().enumerate() {
        if run.has_invisible() && run.blanks() == 0 {
            continue;
        }
        let strong = run.is_gap();
        let weak = !strong && run.chars.iter().any(|&c| c != ' ' && is_blank(c));
        if !(strong || weak) {
            continue;
        }
        if let Some(end) = sentence_end_before(text, run.span.start) {
            candidates.push((i, strong, end));
        } else if strong && is_heading_segment(&text[heading_from..run.span.start]) {
            // `一、总体要求　　为深入贯彻……。`: a heading and its first paragraph (which must
            // read as a sentence: a table row starts with a marker too).
            candidates.push((i, strong, '：'));
        }
        if strong {
            heading_from = run.span.end;
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    // The text after a candidate reaches to the next gap or candidate, or the line end.
    let mut boundary: Vec<bool> = line.inner.iter().map(Run::is_gap).collect();
    for c in &candidates {
        boundary[c.0] = true;
    }
    let mut indents: Vec<(usize, bool)> = Vec::new();
    for &(i, strong, end) in &candidates {
        let from = line.inner[i].span.end;
        let to = (i + 1..line.inner.len())
            .find(|&j| boundary[j])
            .map_or(line.content.end, |j| line.inner[j].span.start);
        let next = &text[from..to];
        let sentence = next.contains(['。', '！', '？', '；']);
        // A long text without a sentence end after an indent-sized run is a paragraph (a
        // title, a sentence cut short); after a wider push it is a 落款 aligned right
        // (`特此通知。　　　　　　中华人民共和国国家发展和改革委员会办公厅`).
        let indent_sized = line.inner[i].blanks() <= 4;
        let reads_as_paragraph = if end == '：' {
            sentence || starts_with_marker(next)
        } else {
            sentence || (indent_sized && next.chars().count() >= 15) || starts_with_marker(next)
        };
        if reads_as_paragraph {
            indents.push((i, strong));
        }
    }
    let strong = indents.iter().filter(|i| i.1).count();
    if strong == 0 && indents.len() < 2 {
        return Vec::new();
    }
    indents.into_iter().map(|i| i.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;

    fn indents(text: &str) -> Vec<usize> {
        let doc = Document::parse(text, SourceKind::Text);
        lines(&doc)
            .iter()
            .map(|l| merged_indents(&doc, l).len())
            .collect()
    }

    #[test]
    fn edges_are_not_inner_runs() {
        let doc = Document::parse(
            "\u{2003}\u{FEFF} 正文 有空格。\u{3000} \r\r\n\t下一行",
            SourceKind::Text,
        );
        let ls = lines(&doc);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].edges.len(), 2);
        assert_eq!(ls[0].inner.len(), 1);
        assert_eq!(ls[1].edges.len(), 1);
        assert!(ls[1].inner.is_empty());
    }

    #[test]
    fn merged_lines() {
        assert_eq!(
            indents(
                "　　第三条　公平公正的原则。　　第四条　国家建立统一的制度。　　第五条　各级人民政府负责。"
            ),
            vec![2]
        );
        // A date or a 落款 after the sentence is not a paragraph.
        assert!(
            indents("特此通知。　　　　2024年3月1日　")
                .iter()
                .all(|&n| n == 0)
        );
        // One full-width space alone after a sentence end is not a merge.
        assert!(
            indents("这是一句话。　这是另一句话，还要写得长一些才行。")
                .iter()
                .all(|&n| n == 0)
        );
        assert!(indents("签发人：　　张三").iter().all(|&n| n == 0));
        assert_eq!(
            indents("各位代表：　　现在，我代表国务院向大会报告政府工作。"),
            vec![1]
        );
        assert_eq!(indents("现通知如下：\t一、总体要求"), vec![1]);
    }
}
