//! Numbers as written in running text, shared by the number rules (`src/rules/`) (GB/T 15835-2011): finding the
//! number that ends or starts at a position, and the numeric ranges of a document. The rules
//! start from the shared punctuation scan (range separators, `%`) or the word-start prefilter
//! (`约`, `近`, `年`): no rule walks the text on its own.

use std::ops::Range;

use crate::document::Document;

/// An Arabic digit, half- or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of one digit, half- or full-width.
fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

/// The run of digits (no decimal point) starting at byte `i`; empty when there is none.
pub fn digits_at(text: &str, i: usize) -> Range<usize> {
    let len: usize = text[i..]
        .chars()
        .take_while(|&c| is_digit(c))
        .map(char::len_utf8)
        .sum();
    i..i + len
}

/// The value of a run of digits (saturating; `digits_at` gives such a run). Callers check that
/// `digits` holds digits only (a number may have a decimal point or a placeholder).
pub fn digits_value(digits: &str) -> u64 {
    digits.chars().fold(0u64, |acc, c| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(digit_value(c)))
    })
}

/// A drafting placeholder standing for a number (`*`, `＊`).
pub fn is_placeholder(c: char) -> bool {
    matches!(c, '*' | '＊')
}

/// A Chinese numeral character as used in approximate amounts (三成, 百余, 两千).
pub fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
            | '几'
            | '数'
            | '〇'
            | '零'
    )
}

/// A number as written: Arabic digits with an inner decimal point or thousands comma
/// (`1,234.5`, `１２．５`), or a run of placeholders (`**`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte span.
    pub span: Range<usize>,
    /// Whether it is a placeholder rather than digits.
    pub placeholder: bool,
}

impl Number {
    /// The number's value when it is a plain integer of digits.
    pub fn integer(&self, text: &str) -> Option<u64> {
        let s = &text[self.span.clone()];
        if self.placeholder || !s.chars().all(is_digit) {
            return None;
        }
        (s.chars().count() <= 12).then(|| digits_value(s))
    }

    /// Number of characters.
    pub fn chars(&self, text: &str) -> usize {
        text[self.span.clone()].chars().count()
    }
}

fn is_separator_inside(c: char) -> bool {
    matches!(c, '.' | '．' | ',' | '，')
}

/// Characters a number (with its separators) or a placeholder run may have; a longer run of
/// digits and dots is not read as a number.
const MAX_NUMBER_CHARS: usize = 48;

/// The number that ends exactly at byte `end`, if any (`None` for a run longer than
/// [`MAX_NUMBER_CHARS`]).
pub fn number_before(text: &str, end: usize) -> Option<Number> {
    let before = &text[..end];
    let last = before.chars().next_back()?;
    if is_placeholder(last) {
        let mut run = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_placeholder(c))
            .take(MAX_NUMBER_CHARS + 1);
        let start = run
            .by_ref()
            .take(MAX_NUMBER_CHARS)
            .last()
            .map_or(end, |(i, _)| i);
        if run.next().is_some() {
            return None;
        }
        return Some(Number {
            span: start..end,
            placeholder: true,
        });
    }
    if !is_digit(last) {
        return None;
    }
    let mut start = end;
    let mut iter = before
        .char_indices()
        .rev()
        .take(MAX_NUMBER_CHARS + 1)
        .peekable();
    let mut walked = 0;
    while let Some((i, c)) = iter.next() {
        walked += 1;
        if walked > MAX_NUMBER_CHARS {
            // `1.1.1.1.…` over a whole line: no number is this long, and walking back through it
            // from every dot would be quadratic.
            return None;
        }
        if is_digit(c) {
            start = i;
        } else if is_separator_inside(c) && iter.peek().is_some_and(|&(_, p)| is_digit(p)) {
            // `1,234` / `3.5`: a separator between digits belongs to the number; a Chinese comma
            // does only before exactly three digits (`13，980`), not in `1，2` lists.
            if matches!(c, '，' | ',')
                && text[i + c.len_utf8()..end]
                    .chars()
                    .take_while(|&d| is_digit(d))
                    .count()
                    != 3
            {
                break;
            }
            continue;
        } else {
            break;
        }
    }
    Some(Number {
        span: start..end,
        placeholder: false,
    })
}

/// The number that starts exactly at byte `start`, if any.
pub fn number_after(text: &str, start: usize) -> Option<Number> {
    let rest = &text[start..];
    let first = rest.chars().next()?;
    if is_placeholder(first) {
        let len: usize = rest
            .chars()
            .take_while(|&c| is_placeholder(c))
            .map(char::len_utf8)
            .sum();
        return Some(Number {
            span: start..start + len,
            placeholder: true,
        });
    }
    if !is_digit(first) {
        return None;
    }
    let mut len = 0;
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_digit(c) {
            len = i + c.len_utf8();
        } else if c == '.' || c == '．' {
            if !iter.peek().is_some_and(|&(_, n)| is_digit(n)) {
                break;
            }
        } else {
            break;
        }
    }
    Some(Number {
        span: start..start + len,
        placeholder: false,
    })
}

/// A numeric range `a<sep>b` in the text.
#[derive(Debug, Clone)]
pub struct NumericRange {
    /// The first number.
    pub from: Number,
    /// The separator (`～`, `—`, `-`, `~`, `至` …) and its span.
    pub sep: char,
    /// Byte span of the separator.
    pub sep_span: Range<usize>,
    /// The second number.
    pub to: Number,
}

/// Characters written between the two numbers of a range.
pub fn is_range_separator(c: char) -> bool {
    matches!(c, '～' | '~' | '〜' | '-' | '－' | '—' | '–' | '‐' | '−')
}

/// Every `number separator number` of `doc`: the ones whose separator is a mark (shared,
/// [`Document::numeric_ranges`]) and those with `至` at the positions `zhi` of the word-start prefilter.
pub fn ranges_with_zhi(doc: &Document, zhi: &[usize]) -> Vec<NumericRange> {
    let text = doc.text.as_str();
    let mut out = doc.numeric_ranges().to_vec();
    for &p in zhi {
        if text[p..].starts_with('至')
            && let Some(r) = range_at(text, p, p, '至')
        {
            out.push(r);
        }
    }
    out.sort_by_key(|r| r.sep_span.start);
    out
}

/// The ranges whose separator is a punctuation mark: `marks` from the shared scan. Computed
/// once per document ([`Document::numeric_ranges`]).
/// `marks` are the marks right after a digit ([`Document::number_marks`]): a separator there
/// (`3～5`), or a separator right after a percent sign there (`10%-20%`).
pub fn mark_ranges(text: &str, marks: &[crate::document::marks::Mark]) -> Vec<NumericRange> {
    marks
        .iter()
        .filter_map(|m| {
            if is_range_separator(m.ch) {
                return range_at(text, m.pos, m.pos, m.ch);
            }
            if matches!(m.ch, '%' | '％' | '‰') {
                let sep = text[m.end()..].chars().next()?;
                if is_range_separator(sep) {
                    return range_at(text, m.pos, m.end(), sep);
                }
            }
            None
        })
        .collect()
}

/// The range whose first number ends at `left_end` and whose separator `sep` is at `pos` (the
/// same byte, or after a unit such as `%`).
fn range_at(text: &str, left_end: usize, pos: usize, sep: char) -> Option<NumericRange> {
    let end = pos + sep.len_utf8();
    if sep == '—' {
        // A dash of two (——) is a 破折号, not a connector.
        if text[..pos].ends_with('—') || text[end..].starts_with('—') {
            return None;
        }
    }
    let from = number_before(text, left_end)?;
    let to = number_after(text, end)?;
    Some(NumericRange {
        from,
        sep,
        sep_span: pos..end,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_around_a_position() {
        let t = "增长3.5%，共1,234人，１２．５万，**亿元，1，2，3";
        let p = t.find('%').unwrap();
        assert_eq!(&t[number_before(t, p).unwrap().span], "3.5");
        let p = t.find('人').unwrap();
        assert_eq!(&t[number_before(t, p).unwrap().span], "1,234");
        let p = t.find('万').unwrap();
        assert_eq!(&t[number_before(t, p).unwrap().span], "１２．５");
        let p = t.find('亿').unwrap();
        let n = number_before(t, p).unwrap();
        assert!(n.placeholder);
        assert_eq!(&t[n.span], "**");
        let p = t.rfind('3').unwrap();
        assert_eq!(&t[number_before(t, p + 1).unwrap().span], "3");
        let p = t.find("3.5").unwrap();
        assert_eq!(&t[number_after(t, p).unwrap().span], "3.5");
        assert_eq!(number_after(t, 0), None);
    }
}
