//! Parse once: the [`Document`] every rule reads — text, line index, paragraphs, outline tree and
//! inline enumerators.

pub mod layout;
pub mod line_index;
pub(crate) mod marks;
pub mod numerals;
pub(crate) mod outline;

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::document::line_index::LineIndex;
use crate::document::outline::{MarkerShape, RawMarker};

/// What kind of source the text came from; rules may treat markup differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SourceKind {
    /// Plain text: one paragraph per line.
    #[default]
    Text,
    /// Markdown: `*` may be emphasis or a bullet, not a placeholder.
    Markdown,
    /// A Word document: one line per paragraph.
    Docx,
}

impl SourceKind {
    /// The word for a line of the checked text in messages (`第 3 行`, `第 3 段`): a Word
    /// document has no lines the user can see, each of its lines is a paragraph.
    pub fn line_unit(self) -> &'static str {
        match self {
            SourceKind::Docx => "段",
            SourceKind::Text | SourceKind::Markdown => "行",
        }
    }
}

/// Outline level, ordered from the outermost container to the innermost marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// `第X编`
    Part,
    /// `第X章`
    Chapter,
    /// `第X节`
    Section,
    /// `第X条`
    Article,
    /// `一、` (GB/T 9704 level 1)
    L1,
    /// `（一）` (level 2)
    L2,
    /// `1.` (level 3)
    L3,
    /// `（1）` (level 4)
    L4,
}

impl Level {
    /// Whether this is one of the four GB/T 9704 numbered levels (not a 章/节/条 container).
    pub fn is_marker(self) -> bool {
        matches!(self, Level::L1 | Level::L2 | Level::L3 | Level::L4)
    }

    /// The canonical marker for `value` at this level (`三、`, `（三）`, `3.`, `（3）`, `第三条`).
    pub fn canonical_marker(self, value: u32) -> String {
        let cn = numerals::to_chinese(value);
        match self {
            Level::Part => format!("第{cn}编"),
            Level::Chapter => format!("第{cn}章"),
            Level::Section => format!("第{cn}节"),
            Level::Article => format!("第{cn}条"),
            Level::L1 => format!("{cn}、"),
            Level::L2 => format!("（{cn}）"),
            Level::L3 => format!("{value}."),
            Level::L4 => format!("（{value}）"),
        }
    }

    /// Chinese name of the level for messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::Part => "编",
            Level::Chapter => "章",
            Level::Section => "节",
            Level::Article => "条",
            Level::L1 => "一级标题",
            Level::L2 => "二级标题",
            Level::L3 => "三级标题",
            Level::L4 => "四级标题",
        }
    }
}

/// One line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The line without its line break (`\n`, `\r\n`, `\r\r\n`).
    pub span: Range<usize>,
    /// The line without its indentation and trailing spaces ([`crate::document::layout::is_space`]).
    pub content: Range<usize>,
    /// Index into [`Document::headings`] when the line starts with an outline marker.
    pub heading: Option<usize>,
}

impl Paragraph {
    /// Whether the line has no content (empty or only indentation).
    pub fn is_blank(&self) -> bool {
        self.content.is_empty()
    }
}

/// An outline heading: a paragraph that starts with a marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Outline level.
    pub level: Level,
    /// Numeric value of the marker.
    pub value: u32,
    /// The marker as written (`一、`, `（三）`, `1、` …).
    pub marker: Range<usize>,
    /// The number inside the marker.
    pub number: Range<usize>,
    /// Whether the marker is written exactly as GB/T 9704 prescribes.
    pub canonical: bool,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Index of the enclosing heading in [`Document::headings`].
    pub parent: Option<usize>,
    /// Text after the marker up to the end of the line (trailing spaces left out).
    pub title: Range<usize>,
    /// The marker details as parsed.
    pub raw: RawMarker,
}

/// Family of an inline enumerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumFamily {
    /// 一是、二是…
    Shi,
    /// 一要、二要…
    Yao,
    /// 第一，第二…
    Di,
    /// 首先，其次，再次，最后 (values 1, 2, 3; 最后 is [`Enumerator::LAST`]).
    Order,
}

impl EnumFamily {
    /// The enumerator for `value` in this family (`三是`, `第三`, `其次`).
    pub fn word(self, value: u32) -> String {
        let cn = crate::document::numerals::to_chinese(value);
        match self {
            EnumFamily::Shi => format!("{cn}是"),
            EnumFamily::Yao => format!("{cn}要"),
            EnumFamily::Di => format!("第{cn}"),
            EnumFamily::Order => match value {
                1 => "首先".to_owned(),
                2 => "其次".to_owned(),
                3 => "再次".to_owned(),
                _ => "最后".to_owned(),
            },
        }
    }

    /// Whether the family takes a comma after the enumerator (`第一，` `首先，`) rather than no
    /// punctuation (`一是`), per GB/T 15834-2011 appendix B.3.
    pub fn takes_comma(self) -> bool {
        matches!(self, EnumFamily::Di | EnumFamily::Order)
    }
}

/// An inline enumerator such as `一是`, `三要`, `第二，`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumerator {
    /// Which family it belongs to.
    pub family: EnumFamily,
    /// Its ordinal value.
    pub value: u32,
    /// The enumerator text (`一是`, `第二`).
    pub span: Range<usize>,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Whether it opens its paragraph (after indentation and any marker).
    pub starts_paragraph: bool,
}

impl Enumerator {
    /// The value of `最后` in the [`EnumFamily::Order`] family: it ends a sequence of any length.
    pub const LAST: u32 = u32::MAX;
}

/// A parsed document. Built once per file; rules only read it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The full text (UTF-8).
    pub text: String,
    /// Plain text or Markdown.
    pub kind: SourceKind,
    /// Byte offset → line and character column.
    pub lines: LineIndex,
    /// One entry per line.
    pub paragraphs: Vec<Paragraph>,
    /// Outline headings in document order.
    pub headings: Vec<Heading>,
    /// Inline enumerators in document order.
    pub enumerators: Vec<Enumerator>,
    /// For a Word document: the paragraphs (0-based) Word numbers automatically.
    pub auto_numbered: Vec<usize>,
    /// Punctuation, symbols and spaces, scanned on first use ([`Document::marks`]).
    marks: OnceLock<Vec<crate::document::marks::Mark>>,
    /// Numeric ranges (`3～5`, `2021—2025`), found on first use from the marks.
    ranges: OnceLock<Vec<crate::rules::analysis::written_numbers::NumericRange>>,
    /// The marks right after a digit or a `*` placeholder (`%`, `-`, `.`, `～` …).
    number_marks: OnceLock<Vec<crate::document::marks::Mark>>,
}

impl Document {
    /// Parses `text`. Never fails on any input: the grammar is total; should pest hit a resource
    /// limit the document is treated as plain paragraphs without outline.
    ///
    /// Line breaks are read as [`crate::document::layout`] says: a lone `\r` is turned into `\n` in
    /// [`Document::text`] (same length, so offsets are those of the original), and `\r\n` or
    /// `\r\r\n` end a line like `\n`.
    pub fn parse(text: impl Into<String>, kind: SourceKind) -> Self {
        let text = layout::normalize_line_breaks(text.into());
        let lines = LineIndex::new(&text);
        let raw = outline::parse(&text);
        let mut paragraphs = Vec::with_capacity(raw.len());
        let mut headings: Vec<Heading> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        for (index, para) in raw.into_iter().enumerate() {
            let line = layout::trim_line_end(&text[para.span.clone()]);
            let end = para.span.start + line.len();
            let content_end = para.span.start + line.trim_end_matches(layout::is_space).len();
            let content = para.indent_end.min(content_end)..content_end;
            let mut heading = None;
            if let Some(marker) = para.marker
                && let Some((level, value, canonical)) = classify(&text, &marker)
            {
                while let Some(&top) = stack.last() {
                    if headings[top].level >= level {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let id = headings.len();
                headings.push(Heading {
                    level,
                    value,
                    marker: marker.span.clone(),
                    number: marker.number.clone(),
                    canonical,
                    paragraph: index,
                    parent: stack.last().copied(),
                    title: marker.span.end.min(content_end)..content_end,
                    raw: marker,
                });
                stack.push(id);
                heading = Some(id);
            }
            paragraphs.push(Paragraph {
                span: para.span.start..end,
                content,
                heading,
            });
        }
        let enumerators = find_enumerators(&text, &paragraphs, &headings);
        Document {
            text,
            kind,
            lines,
            paragraphs,
            headings,
            enumerators,
            auto_numbered: Vec::new(),
            marks: OnceLock::new(),
            ranges: OnceLock::new(),
            number_marks: OnceLock::new(),
        }
    }

    /// The marks that follow a digit (half- or full-width) or a `*` placeholder: where the
    /// number rules look (`3.5%`, `10-20`, `2021-01-05`). Filtered once from [`Document::marks`].
    pub fn number_marks(&self) -> &[crate::document::marks::Mark] {
        self.number_marks.get_or_init(|| {
            let bytes = self.text.as_bytes();
            self.marks()
                .iter()
                .filter(|m| {
                    let before = &bytes[..m.pos];
                    match before.last() {
                        Some(b) if b.is_ascii_digit() || *b == b'*' => true,
                        // ０–９ (EF BC 90–99) and ＊ (EF BC 8A).
                        Some(&b) if before.len() >= 3 => {
                            before[before.len() - 3] == 0xEF
                                && before[before.len() - 2] == 0xBC
                                && ((0x90..=0x99).contains(&b) || b == 0x8A)
                        }
                        _ => false,
                    }
                })
                .copied()
                .collect()
        })
    }

    /// The numeric ranges whose separator is a mark (`3～5`, `10-20`, `*—*`): shared by the
    /// number rules, found once.
    pub fn numeric_ranges(&self) -> &[crate::rules::analysis::written_numbers::NumericRange] {
        self.ranges.get_or_init(|| {
            crate::rules::analysis::written_numbers::mark_ranges(&self.text, self.number_marks())
        })
    }

    /// Every punctuation mark, symbol and space of the text in order — one shared scan for all
    /// character-level punctuation rules, done the first time one asks.
    pub fn marks(&self) -> &[crate::document::marks::Mark] {
        self.marks
            .get_or_init(|| crate::document::marks::scan(&self.text))
    }

    /// Every position where a term of `chars` (the word-start prefilter of a rule set,
    /// [`crate::engine::prefilter`]) may begin. When the punctuation marks have not been scanned
    /// yet, one walk finds both and keeps the marks.
    pub fn scan_word_starts(&self, chars: &crate::engine::prefilter::LexicalChars) -> Vec<usize> {
        if self.marks.get().is_some() {
            return crate::engine::prefilter::scan(&self.text, chars);
        }
        let (marks, starts) = crate::document::marks::scan_with(&self.text, Some(chars));
        let _ = self.marks.set(marks);
        starts
    }

    /// Index of the paragraph holding byte `pos` (binary search).
    pub fn paragraph_at(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.span.end < pos)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// The character before byte `pos`, if any.
    pub fn char_before(&self, pos: usize) -> Option<char> {
        self.text[..pos].chars().next_back()
    }

    /// The character at byte `pos`, if any.
    pub fn char_at(&self, pos: usize) -> Option<char> {
        self.text[pos..].chars().next()
    }

    /// The text of a byte range.
    pub fn slice(&self, span: Range<usize>) -> &str {
        &self.text[span]
    }

    /// The heading's marker as written.
    pub fn marker_text(&self, heading: &Heading) -> &str {
        &self.text[heading.marker.clone()]
    }
}

/// Level, value and canonical form of a raw marker.
fn classify(text: &str, m: &RawMarker) -> Option<(Level, u32, bool)> {
    let number = &text[m.number.clone()];
    let value = if m.chinese {
        numerals::parse_chinese(number)?
    } else {
        numerals::parse_arabic(number)?
    };
    if value == 0 {
        return None;
    }
    let ascii_digits = number.bytes().all(|b| b.is_ascii_digit());
    Some(match m.shape {
        MarkerShape::NumeralComma => (Level::L1, value, m.separator == Some('、')),
        MarkerShape::ArabicDot => (Level::L3, value, m.separator == Some('.') && ascii_digits),
        MarkerShape::Bracketed => {
            let full = m.open == Some('（') && m.close == Some('）') && m.trailing.is_none();
            if m.chinese {
                (Level::L2, value, full)
            } else {
                (Level::L4, value, full && ascii_digits)
            }
        }
        MarkerShape::Article => {
            let level = match m.unit {
                Some('编') => Level::Part,
                Some('章') => Level::Chapter,
                Some('节') => Level::Section,
                _ => Level::Article,
            };
            (level, value, true)
        }
    })
}

struct EnumPatterns {
    automaton: AhoCorasick,
    /// (family, value) per pattern id.
    meta: Vec<(EnumFamily, u32)>,
}

/// Punctuation that may follow `第一` / `首先` (right or wrong: `enumeration-punctuation` checks it).
const ORDINAL_PUNCT: [char; 5] = ['，', ',', '、', '：', ':'];

const NUMERAL_CHARS: &str = "一二三四五六七八九十";

/// Anchors only (`三是`, `五要`, `第二`, `首先` …): 34 patterns, few enough for the SIMD
/// prefilter. Numbers above ten and the punctuation after `第X` are read around each hit.
fn enum_patterns() -> &'static EnumPatterns {
    static PATTERNS: OnceLock<EnumPatterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let mut pats = Vec::new();
        let mut meta = Vec::new();
        for value in 1..=10u32 {
            let n = numerals::to_chinese(value);
            pats.push(format!("{n}是"));
            meta.push((EnumFamily::Shi, value));
            pats.push(format!("{n}要"));
            meta.push((EnumFamily::Yao, value));
            pats.push(format!("第{n}"));
            meta.push((EnumFamily::Di, value));
        }
        for (word, value) in [
            ("首先", 1),
            ("其次", 2),
            ("再次", 3),
            ("最后", Enumerator::LAST),
        ] {
            pats.push(word.to_owned());
            meta.push((EnumFamily::Order, value));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .expect("static enumerator patterns compile");
        EnumPatterns { automaton, meta }
    })
}

/// After `第一、`: more ordinals (`第一、第二季度`, `第一、二轮`, `第一、二、三产业`) rather than the
/// enumerated text. A list of ordinals ascends, so `第二、一定要` is an enumerator.
fn ordinal_list_follows(rest: &str, value: u32) -> bool {
    match rest.chars().next() {
        Some('第') => true,
        Some(c) => "一二三四五六七八九十"
            .chars()
            .position(|n| n == c)
            .is_some_and(|i| i as u32 + 1 > value),
        None => false,
    }
}

/// Inline enumerators at clause starts: the start of a paragraph (after any marker) or right after
/// `。；：！？，` (and whitespace). `统一是` or `不一要` are not enumerators.
fn find_enumerators(text: &str, paragraphs: &[Paragraph], headings: &[Heading]) -> Vec<Enumerator> {
    let pats = enum_patterns();
    let mut out = Vec::new();
    let mut para = 0usize;
    for m in pats.automaton.find_iter(text) {
        let (family, mut value) = pats.meta[m.pattern().as_usize()];
        let mut start = m.start();
        let mut end = m.end();
        match family {
            EnumFamily::Shi | EnumFamily::Yao => {
                // `十一是`, `二十是`: the numeral may begin before the anchor.
                let numeral_start = text[..start]
                    .char_indices()
                    .rev()
                    .take(2)
                    .take_while(|&(_, c)| NUMERAL_CHARS.contains(c))
                    .last()
                    .map_or(start, |(i, _)| i);
                if numeral_start < start {
                    let numeral = &text[numeral_start..end - '是'.len_utf8()];
                    let Some(v) = numerals::parse_chinese(numeral) else {
                        continue;
                    };
                    value = v;
                    start = numeral_start;
                }
            }
            EnumFamily::Di => {
                // `第十一，`: the numeral may go on after the anchor; punctuation must follow.
                let extra: usize = text[end..]
                    .chars()
                    .take(2)
                    .take_while(|&c| NUMERAL_CHARS.contains(c))
                    .map(char::len_utf8)
                    .sum();
                if extra > 0 {
                    let Some(v) =
                        numerals::parse_chinese(&text[start + '第'.len_utf8()..end + extra])
                    else {
                        continue;
                    };
                    value = v;
                    end += extra;
                }
                let Some(p) = text[end..]
                    .chars()
                    .next()
                    .filter(|c| ORDINAL_PUNCT.contains(c))
                else {
                    continue;
                };
                if p == '、' && ordinal_list_follows(&text[end + p.len_utf8()..], value) {
                    // `第一、二、三产业`, `第一、第二季度`: a list of ordinals, not an enumerator.
                    continue;
                }
            }
            EnumFamily::Order => {
                if !text[end..].starts_with(ORDINAL_PUNCT) {
                    continue;
                }
            }
        }
        while para + 1 < paragraphs.len() && paragraphs[para].span.end < start {
            para += 1;
        }
        let p = &paragraphs[para];
        let body_start = p
            .heading
            .map_or(p.content.start, |h| headings[h].marker.end);
        let before = text[..start].trim_end_matches(layout::is_space);
        let at_start = before.len() <= body_start;
        let clause_start =
            at_start || before.ends_with(['。', '；', '：', '！', '？', '，', ';', ':']);
        if !clause_start {
            continue;
        }
        out.push(Enumerator {
            family,
            value,
            span: start..end,
            paragraph: para,
            starts_paragraph: at_start,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_tree() {
        let text = "一、总体要求\n（一）指导思想\n1.坚持\n（二）原则\n二、任务\n正文。一是加强。二是落实\n统一是关键";
        let doc = Document::parse(text, SourceKind::Text);
        let summary: Vec<_> = doc
            .headings
            .iter()
            .map(|h| (h.level, h.value, h.parent))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Level::L1, 1, None),
                (Level::L2, 1, Some(0)),
                (Level::L3, 1, Some(1)),
                (Level::L2, 2, Some(0)),
                (Level::L1, 2, None),
            ]
        );
        let enums: Vec<_> = doc
            .enumerators
            .iter()
            .map(|e| (doc.slice(e.span.clone()), e.starts_paragraph))
            .collect();
        assert_eq!(enums, vec![("一是", false), ("二是", false)]);
    }

    #[test]
    fn enumerator_at_paragraph_start_and_di() {
        let doc = Document::parse("　　一是加强。\n第二，落实。", SourceKind::Text);
        let enums: Vec<_> = doc
            .enumerators
            .iter()
            .map(|e| (doc.slice(e.span.clone()), e.starts_paragraph, e.family))
            .collect();
        assert_eq!(
            enums,
            vec![
                ("一是", true, EnumFamily::Shi),
                ("第二", true, EnumFamily::Di)
            ]
        );
    }
}
