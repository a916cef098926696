//! Findings of different rules at one spot must not suggest contradictory fixes. After the rules
//! have run, [`combine`] merges the known pairs into one finding whose fix does both, and
//! [`withdraw`] takes back the suggestions of any pair that still conflicts (the findings stay,
//! as messages without a replacement): a wrong fix is worse than none.

use crate::diagnostic::{Edit, Finding};
use crate::document::Document;

/// Whether two edits cannot both be applied: their spans overlap, an insertion falls inside the
/// other edit's span or at its start (which of the two comes first is undefined), or two
/// insertions at one place differ. Identical edits do not conflict.
pub fn edits_conflict(a: &Edit, b: &Edit) -> bool {
    if a.span == b.span && a.replacement == b.replacement {
        return false;
    }
    let (x, y) = (&a.span, &b.span);
    match (x.is_empty(), y.is_empty()) {
        (true, true) => x.start == y.start,
        (true, false) => y.start <= x.start && x.start < y.end,
        (false, true) => x.start <= y.start && y.start < x.end,
        (false, false) => x.start < y.end && y.start < x.end,
    }
}

/// Pairs of findings (indices, first < second) whose fixes conflict.
pub fn conflicts(findings: &[Finding]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].fix.is_some())
        .collect();
    let edit = |i: usize| findings[i].fix.as_ref().expect("filtered");
    order.sort_by_key(|&i| (edit(i).span.start, edit(i).span.end));
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        let a = edit(i);
        for &j in &order[k + 1..] {
            let b = edit(j);
            // Sorted by start: nothing further on can touch `a`.
            if b.span.start > a.span.end {
                break;
            }
            if edits_conflict(a, b) {
                out.push((i.min(j), i.max(j)));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Merges the known pairs of findings whose fixes would conflict:
/// - `range-unit` and `range-separator` on one range (`10-20%`): one `range-unit` finding whose
///   fix adds the unit and replaces the connector (`10%～20%`);
/// - `duplicate-number` or `skipped-number` and `malformed-marker` on one marker (`2、` → `3、`
///   and `2.`): one renumbering finding whose fix has the new number in the standard form (`3.`);
/// - a half-width mark that `repeated-punctuation` deletes (`,,`): the `halfwidth-punctuation`
///   finding on the deleted copy is dropped (the first copy keeps its own);
/// - a fix that another finding's fix already makes (`（二)`: `malformed-marker` rewrites the
///   marker, `unmatched-pair` the bracket in it): the smaller finding keeps only its message.
pub fn combine(doc: &Document, findings: &mut Vec<Finding>) {
    let text = doc.text.as_str();
    let pairs = conflicts(findings);
    if pairs.is_empty() {
        return;
    }
    let mut dropped = vec![false; findings.len()];
    for (i, j) in pairs {
        if dropped[i] || dropped[j] {
            continue;
        }
        let by_rule = |a: &str, b: &str| match (findings[i].rule, findings[j].rule) {
            (x, y) if x == a && y == b => Some((i, j)),
            (x, y) if x == b && y == a => Some((j, i)),
            _ => None,
        };
        if let Some((unit, sep)) = by_rule("range-unit", "range-separator") {
            let separator = findings[sep].clone();
            if crate::rules::numbers::range_unit::absorb_separator(
                text,
                &mut findings[unit],
                &separator,
            ) {
                dropped[sep] = true;
            }
            continue;
        }
        if let Some((renumber, form)) = by_rule("duplicate-number", "malformed-marker")
            .or_else(|| by_rule("skipped-number", "malformed-marker"))
        {
            if renumber_in_standard_form(doc, findings, renumber, form) {
                dropped[form] = true;
            }
            continue;
        }
        if let Some(k) = deleted_copy(findings, i, j) {
            dropped[k] = true;
            continue;
        }
        if let Some(k) = made_by_other(text, findings, i, j) {
            findings[k].fix = None;
        }
    }
    let mut k = 0;
    findings.retain(|_| {
        k += 1;
        !dropped[k - 1]
    });
}

/// `duplicate-number`/`skipped-number` renumber a marker in the form the writer used (`2、` →
/// `3、`), `malformed-marker` corrects the form (`2、` → `2.`): the renumbering finding gets the
/// new number in the standard form (`3.`).
fn renumber_in_standard_form(
    doc: &Document,
    findings: &mut [Finding],
    renumber: usize,
    form: usize,
) -> bool {
    let (Some(new), Some(std_form)) = (&findings[renumber].fix, &findings[form].fix) else {
        return false;
    };
    if new.span != std_form.span {
        return false;
    }
    let Some(h) = doc.headings.iter().find(|h| h.marker == new.span) else {
        return false;
    };
    // The new number sits where the old one did: the marker's text around it is unchanged.
    let head = h.number.start - h.marker.start;
    let tail = h.marker.end - h.number.end;
    let Some(number) = new
        .replacement
        .get(head..new.replacement.len().saturating_sub(tail))
    else {
        return false;
    };
    let value = if h.raw.chinese {
        crate::document::numerals::parse_chinese(number)
    } else {
        crate::document::numerals::parse_arabic(number)
    };
    let Some(value) = value else {
        return false;
    };
    let want = h.level.canonical_marker(value);
    let span = new.span.clone();
    let f = &mut findings[renumber];
    f.message = format!("{}；序号写法也不规范，应写作“{want}”", f.message);
    f.fix = Some(Edit {
        span,
        replacement: want,
        safe: false,
    });
    true
}

/// Of two conflicting findings, the `halfwidth-punctuation` one whose mark the other deletes as a
/// repeated copy.
fn deleted_copy(findings: &[Finding], i: usize, j: usize) -> Option<usize> {
    let deletes = |d: usize, other: usize| {
        let (de, oe) = (findings[d].fix.as_ref()?, findings[other].fix.as_ref()?);
        (findings[d].rule == "repeated-punctuation"
            && findings[other].rule == "halfwidth-punctuation"
            && de.replacement.is_empty()
            && de.span.start <= oe.span.start
            && oe.span.end <= de.span.end)
            .then_some(other)
    };
    deletes(i, j).or_else(|| deletes(j, i))
}

/// Of two conflicting findings, the one whose edit lies inside the other's and changes nothing the
/// other does not change the same way.
fn made_by_other(text: &str, findings: &[Finding], i: usize, j: usize) -> Option<usize> {
    let within = |small: usize, big: usize| {
        let (s, b) = (findings[small].fix.as_ref()?, findings[big].fix.as_ref()?);
        if s.span.start < b.span.start || b.span.end < s.span.end {
            return None;
        }
        let applied = format!(
            "{}{}{}",
            &text[b.span.start..s.span.start],
            s.replacement,
            &text[s.span.end..b.span.end]
        );
        let same = b.replacement.starts_with(&text[b.span.start..s.span.start])
            && b.replacement.ends_with(&text[s.span.end..b.span.end])
            && applied == b.replacement;
        same.then_some(small)
    };
    within(i, j).or_else(|| within(j, i))
}

/// Takes back the fixes of every pair of findings that still conflict.
pub fn withdraw(findings: &mut [Finding]) {
    for (i, j) in conflicts(findings) {
        findings[i].fix = None;
        findings[j].fix = None;
    }
}

/// [`combine`], then [`withdraw`].
pub fn resolve(doc: &Document, findings: &mut Vec<Finding>) {
    combine(doc, findings);
    withdraw(findings);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: std::ops::Range<usize>, r: &str) -> Edit {
        Edit {
            span,
            replacement: r.to_owned(),
            safe: true,
        }
    }

    #[test]
    fn conflicting_edits() {
        // An insertion at the start of a replacement: order undefined.
        assert!(edits_conflict(&edit(3..3, "%"), &edit(3..4, "～")));
        // At its end: well defined.
        assert!(!edits_conflict(&edit(4..4, "%"), &edit(3..4, "～")));
        assert!(edits_conflict(&edit(3..5, "a"), &edit(4..6, "b")));
        assert!(!edits_conflict(&edit(3..4, "a"), &edit(4..5, "b")));
        assert!(!edits_conflict(&edit(3..4, "a"), &edit(3..4, "a")));
        assert!(edits_conflict(&edit(3..4, "a"), &edit(3..4, "")));
        assert!(edits_conflict(&edit(3..3, "a"), &edit(3..3, "b")));
        assert!(!edits_conflict(&edit(3..3, "a"), &edit(3..3, "a")));
    }

    #[test]
    fn withdraw_leaves_the_findings() {
        let mut f = vec![
            Finding::new("a", 0..2, "x").with_fix(0..2, "y", true),
            Finding::new("b", 1..3, "x").with_fix(1..3, "z", true),
            Finding::new("c", 5..6, "x").with_fix(5..6, "w", true),
        ];
        withdraw(&mut f);
        assert_eq!(f.len(), 3);
        assert!(f[0].fix.is_none() && f[1].fix.is_none() && f[2].fix.is_some());
    }
}
