//! The pest outline parser (`grammar/outline.pest`) and its conversion into plain structs.
//!
//! This is the only place that calls the generated parser; everything after it works on
//! [`RawParagraph`] values with byte spans (pest's `Pairs` are `!Send` and tied to the input).

use std::ops::Range;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::document::layout;

/// The generated parser for `grammar/outline.pest`.
#[derive(Parser)]
#[grammar = "../grammar/outline.pest"]
pub struct OutlineParser;

/// Which marker shape the grammar recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    /// `一、` and variants.
    NumeralComma,
    /// `（一）` / `（1）` and variants.
    Bracketed,
    /// `1.` and variants.
    ArabicDot,
    /// `第X编/章/节/条`.
    Article,
}

/// One marker as written, before any judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMarker {
    /// Shape recognised by the grammar.
    pub shape: MarkerShape,
    /// The whole marker.
    pub span: Range<usize>,
    /// The number inside it.
    pub number: Range<usize>,
    /// Whether the number is written in Chinese numerals.
    pub chinese: bool,
    /// Opening bracket, for bracketed markers.
    pub open: Option<char>,
    /// Closing bracket, for bracketed markers.
    pub close: Option<char>,
    /// Separator after the number (`、`, `.`, `．`) for unbracketed markers.
    pub separator: Option<char>,
    /// Punctuation after a bracketed marker's closing bracket (malformed).
    pub trailing: Option<Range<usize>>,
    /// For articles: the unit word (编/章/节/条).
    pub unit: Option<char>,
}

/// One line of the document as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawParagraph {
    /// The line without its `\n`.
    pub span: Range<usize>,
    /// End of the leading indentation.
    pub indent_end: usize,
    /// The outline marker at the start of the line, if any.
    pub marker: Option<RawMarker>,
}

/// Bytes of a line's head given to the parser: enough for any marker (`第一百二十三条`, `（十一）、`)
/// and the character after it that the grammar looks at.
const HEAD_BYTES: usize = 64;

/// Splits `text` into lines at `\n` (see [`crate::document::layout`]: lone `\r`s are already `\n`) and
/// parses the outline marker at the start of each, after any indentation ([`layout::is_space`]).
/// Never fails: a line whose head the parser rejects (it cannot: `marker` is optional) has no
/// marker.
pub fn parse(text: &str) -> Vec<RawParagraph> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0usize;
    loop {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let indent_end = start + layout::leading_space_len(line);
        let marker = text[indent_end..end]
            .chars()
            .next()
            .filter(|&c| may_start_marker(c))
            .and_then(|_| parse_head(text, indent_end, end));
        out.push(RawParagraph {
            span: start..end,
            indent_end,
            marker,
        });
        if end == text.len() {
            break;
        }
        start = end + 1;
    }
    out
}

/// Whether a marker can begin with `c` (cheap test that keeps most lines away from the parser).
fn may_start_marker(c: char) -> bool {
    matches!(
        c,
        '（' | '(' | '第' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    ) || c.is_ascii_digit()
        || ('０'..='９').contains(&c)
}

/// Parses the marker at `from` in the line ending at `end`.
fn parse_head(text: &str, from: usize, end: usize) -> Option<RawMarker> {
    let mut head_end = end.min(from + HEAD_BYTES);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    // The single legitimate call site of the generated parser (see clippy.toml).
    #[allow(clippy::disallowed_methods)]
    let mut pairs = OutlineParser::parse(Rule::line_start, &text[from..head_end]).ok()?;
    let line_start = pairs.next()?;
    let marker = line_start
        .into_inner()
        .find(|p| p.as_rule() == Rule::marker)?;
    marker.into_inner().next().map(|m| convert_marker(m, from))
}

/// Converts a marker pair parsed from a line head starting at byte `base` of the text.
fn convert_marker(pair: Pair<'_, Rule>, base: usize) -> RawMarker {
    let shift = |s: pest::Span<'_>| base + s.start()..base + s.end();
    let shape = match pair.as_rule() {
        Rule::numeral_comma => MarkerShape::NumeralComma,
        Rule::bracketed => MarkerShape::Bracketed,
        Rule::arabic_dot => MarkerShape::ArabicDot,
        _ => MarkerShape::Article,
    };
    let span = shift(pair.as_span());
    let mut m = RawMarker {
        shape,
        span: span.clone(),
        number: span.start..span.start,
        chinese: false,
        open: None,
        close: None,
        separator: None,
        trailing: None,
        unit: None,
    };
    for inner in pair.into_inner() {
        let s = shift(inner.as_span());
        let first = inner.as_str().chars().next();
        match inner.as_rule() {
            Rule::cn_number | Rule::cn_big_number => {
                m.number = s;
                m.chinese = true;
            }
            Rule::arabic_number => m.number = s,
            Rule::open_bracket => m.open = first,
            Rule::close_bracket => m.close = first,
            Rule::cn_separator | Rule::arabic_separator => m.separator = first,
            Rule::trailing_punct => m.trailing = Some(s),
            Rule::article_clause | Rule::article_container => m.unit = first,
            _ => {}
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(text: &str) -> Vec<Option<(MarkerShape, String)>> {
        parse(text)
            .into_iter()
            .map(|p| p.marker.map(|m| (m.shape, text[m.span].to_owned())))
            .collect()
    }

    #[test]
    fn marker_table() {
        use MarkerShape::*;
        let cases: &[(&str, Option<(MarkerShape, &str)>)] = &[
            ("一、总体要求", Some((NumeralComma, "一、"))),
            ("二十三、其他", Some((NumeralComma, "二十三、"))),
            ("十、其他", Some((NumeralComma, "十、"))),
            ("一.总体要求", Some((NumeralComma, "一."))),
            ("（一）指导思想", Some((Bracketed, "（一）"))),
            ("(一)指导思想", Some((Bracketed, "(一)"))),
            ("（一)指导思想", Some((Bracketed, "（一)"))),
            ("（一）、指导思想", Some((Bracketed, "（一）、"))),
            ("1.加强领导", Some((ArabicDot, "1."))),
            ("1、加强领导", Some((ArabicDot, "1、"))),
            ("1．加强领导", Some((ArabicDot, "1．"))),
            ("１.加强领导", Some((ArabicDot, "１."))),
            ("（1）具体措施", Some((Bracketed, "（1）"))),
            ("1.5亿元投资", None),
            ("2021、2022年", None),
            ("一是加强领导", None),
            ("第三条　为了规范", Some((Article, "第三条"))),
            ("第三条规定的情形", None),
            ("第一章 总则", Some((Article, "第一章"))),
            ("第一章节", None),
            ("第一，加强", None),
            ("　　一、缩进的标题", Some((NumeralComma, "一、"))),
            ("", None),
        ];
        for (input, expected) in cases {
            let got = markers(input);
            assert_eq!(
                got[0],
                expected.map(|(s, t)| (s, t.to_owned())),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn paragraphs_and_crlf() {
        let text = "一、甲\r\n\r\n正文";
        let paras = parse(text);
        assert_eq!(paras.len(), 3);
        assert_eq!(&text[paras[0].span.clone()], "一、甲\r");
        assert_eq!(paras[2].span, 13..text.len());
    }
}
