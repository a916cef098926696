//! The contract every front end relies on, checked in one place by the property tests and the
//! fuzz targets: each span lies inside the text on character boundaries, printed line and column
//! agree with the byte offset, and a fix stays on the lines of its finding.

use crate::diagnostic::Finding;
use crate::document::Document;
use crate::render::JsonFinding;

/// The first broken promise among `findings` of `doc`, described; `None` when all hold.
/// Costs time proportional to the text for every finding: meant for tests and fuzzing.
pub fn violation(doc: &Document, findings: &[Finding]) -> Option<String> {
    let text = doc.text.as_str();
    let span_ok = |s: &std::ops::Range<usize>| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for f in findings {
        if !span_ok(&f.span) {
            return Some(format!(
                "{}: span {:?} is not a character range",
                f.rule, f.span
            ));
        }
        if let Some(r) = f.related.iter().find(|r| !span_ok(&r.span)) {
            return Some(format!(
                "{}: related span {:?} is not a character range",
                f.rule, r.span
            ));
        }
        if f.message.is_empty() {
            return Some(format!("{}: empty message", f.rule));
        }
        if let Some(fix) = &f.fix {
            if !span_ok(&fix.span) {
                return Some(format!(
                    "{}: fix span {:?} is not a character range",
                    f.rule, fix.span
                ));
            }
            let first = doc.lines.line_of(f.span.start);
            let last = doc.lines.line_of(f.span.end);
            let (fix_first, fix_last) = (
                doc.lines.line_of(fix.span.start),
                doc.lines.line_of(fix.span.end),
            );
            if fix_first < first || fix_last > last {
                return Some(format!(
                    "{}: fix {:?} reaches outside the lines {first}–{last} of its finding {:?}",
                    f.rule, fix.span, f.span
                ));
            }
        }
        let json = JsonFinding::new("invariants", doc, f);
        for (what, offset, got) in [
            ("start", f.span.start, (json.line, json.column)),
            ("end", f.span.end, (json.end_line, json.end_column)),
        ] {
            let want = naive_line_col(text, offset);
            if got != want {
                return Some(format!(
                    "{}: {what} at byte {offset} printed as {got:?}, is {want:?}",
                    f.rule
                ));
            }
        }
    }
    None
}

/// 1-based line and character column of byte `offset`, counted the slow, obvious way (the
/// reference the line index is checked against).
pub fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}
