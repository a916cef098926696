//! Small helpers shared by several rules.

use crate::document::numerals;
use crate::document::{Document, Heading};

/// The heading's marker with its number replaced by `value`, written the way the document writes
/// it (`一、` → `三、`, `（1）` → `（3）`, `1、` → `3、`, full-width digits stay full-width).
pub fn marker_with_value(doc: &Document, heading: &Heading, value: u32) -> String {
    let marker = &doc.text[heading.marker.clone()];
    let number = &doc.text[heading.number.clone()];
    let rel =
        heading.number.start - heading.marker.start..heading.number.end - heading.marker.start;
    let replacement = if heading.raw.chinese {
        numerals::to_chinese(value)
    } else if number.chars().all(|c| c.is_ascii_digit()) {
        value.to_string()
    } else {
        value
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect()
    };
    format!(
        "{}{}{}",
        &marker[..rel.start],
        replacement,
        &marker[rel.end..]
    )
}

/// The last non-blank paragraph before paragraph `index`, trimmed of trailing whitespace.
pub fn previous_text(doc: &Document, index: usize) -> Option<&str> {
    doc.paragraphs[..index]
        .iter()
        .rev()
        .find(|p| !p.is_blank())
        .map(|p| doc.text[p.span.clone()].trim_end_matches(crate::document::layout::is_space))
}

/// Quoted marker for messages: `“三、”`.
pub fn quoted(s: &str) -> String {
    format!("“{s}”")
}
