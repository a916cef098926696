//! Numbering analysis shared by `duplicate-number` and `skipped-number`.
//!
//! Sibling headings (same level, same parent) form a sequence that should run 1, 2, 3 … The
//! analysis recognises the numbering schemes real documents use instead of flagging them:
//!
//! * **restart under each parent** — the GB/T 9704 default: （一） starts again under every 一、;
//! * **continuous** — State Council documents number level 2 across level-1 sections
//!   (（一）…（三十） under 一、…九、). Detected per level by voting over section boundaries;
//! * **containers** — regulations restart 一、/（一） lists under each 第X条 (the outline tree makes
//!   第X条 the parent);
//! * **nested restart** — a run that starts again at 1 after a lead-in ending in `：`, or that
//!   continues 1, 2 …, is a list inside a section (or a table of contents followed by the body,
//!   or an old report using 一、 at two depths): it is checked as its own list and does not count
//!   against the outer sequence.
//!
//! Duplicates are left out of the sequence: 一、二、一、四、 gives one duplicate (the second 一、,
//! expected 三、) and one skip (四、, 三、 missing).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Document, Heading, Level};

/// A defect in a sibling sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberingIssue {
    /// `heading` repeats the value first used by `first`; `expected` is the number due there.
    Duplicate {
        /// Index into `Document::headings`.
        heading: usize,
        /// Earlier sibling with the same value.
        first: usize,
        /// The value the sequence expected.
        expected: u32,
    },
    /// `heading` jumps over `missing` (ascending, non-empty).
    Skipped {
        /// Index into `Document::headings`.
        heading: usize,
        /// Previous accepted sibling, if any.
        previous: Option<usize>,
        /// Missing values.
        missing: Vec<u32>,
    },
}

/// All numbering issues of a document, in document order.
pub fn analyse(doc: &Document) -> Vec<NumberingIssue> {
    let mut issues = Vec::new();
    for seq in sequences(doc) {
        check_sequence(doc, &seq, &mut issues);
    }
    issues.sort_by_key(|i| match i {
        NumberingIssue::Duplicate { heading, .. } | NumberingIssue::Skipped { heading, .. } => {
            *heading
        }
    });
    issues
}

/// Siblings: (parent heading, level).
type GroupKey = (Option<usize>, Level);

/// Groups that may share one continuous count: (level, parent level, grandparent).
type Family = (Level, Option<Level>, Option<usize>);

/// A sibling sequence: heading ids in document order, and whether it is a root-level sequence
/// (which may legitimately start above 1 when the text is an excerpt).
struct Sequence {
    ids: Vec<usize>,
    root: bool,
}

fn sequences(doc: &Document) -> Vec<Sequence> {
    // Group marker headings by (parent, level) in order of first appearance.
    let mut order: Vec<(Option<usize>, Level)> = Vec::new();
    let mut groups: HashMap<(Option<usize>, Level), Vec<usize>> = HashMap::new();
    for (id, h) in doc.headings.iter().enumerate() {
        if !h.level.is_marker() {
            continue;
        }
        let key = (h.parent, h.level);
        groups
            .entry(key)
            .or_insert_with(|| {
                order.push(key);
                Vec::new()
            })
            .push(id);
    }

    // Continuous numbering: per (level, parent level, grandparent), compare each group's first
    // value with the previous group's last.
    let mut families: Vec<Family> = Vec::new();
    let mut family_groups: HashMap<Family, Vec<GroupKey>> = HashMap::new();
    for key in &order {
        let (parent, level) = *key;
        let parent_level = parent.map(|p| doc.headings[p].level);
        let grandparent = parent.and_then(|p| doc.headings[p].parent);
        let fam = (level, parent_level, grandparent);
        family_groups
            .entry(fam)
            .or_insert_with(|| {
                families.push(fam);
                Vec::new()
            })
            .push(*key);
    }

    let mut out = Vec::new();
    for fam in families {
        let keys = &family_groups[&fam];
        let value = |id: usize| doc.headings[id].value;
        let (mut continuous, mut restart) = (0, 0);
        for pair in keys.windows(2) {
            let prev = &groups[&pair[0]];
            let next = &groups[&pair[1]];
            let first = value(next[0]);
            if first == 1 {
                restart += 1;
            } else if first == value(*prev.last().expect("groups are non-empty")) + 1 {
                continuous += 1;
            }
        }
        let root = fam.1.is_none();
        if continuous > restart {
            let ids = keys
                .iter()
                .flat_map(|k| groups[k].iter().copied())
                .collect();
            out.push(Sequence { ids, root });
        } else {
            for k in keys {
                out.push(Sequence {
                    ids: groups[k].clone(),
                    root,
                });
            }
        }
    }
    out
}

fn check_sequence(doc: &Document, seq: &Sequence, issues: &mut Vec<NumberingIssue>) {
    let hs: Vec<&Heading> = seq.ids.iter().map(|&id| &doc.headings[id]).collect();
    let n = hs.len();
    let Some(first) = hs.first() else { return };
    // An excerpt may start in the middle of a document: a root sequence takes its first number
    // as given. Under a parent the count starts at 1 — unless it continues the nearest earlier
    // heading of the same level (continuous numbering in one part only, such as an annex's
    // indicator table, or old reports whose top parts are （一）（二）（三） with 一、 inside).
    let continues_earlier = first.value > 1
        && doc.headings[..seq.ids[0]]
            .iter()
            .rev()
            .find(|h| h.level == first.level)
            .is_some_and(|h| h.value + 1 == first.value);
    let mut expected = if seq.root || continues_earlier {
        first.value
    } else {
        1
    };
    let mut used: HashMap<u32, usize> = HashMap::new();
    let mut previous: Option<usize> = None;
    // Inner lists that broke off (another list interrupted them): the number each expects next.
    // A later heading with that number resumes the inner list instead of clashing with the outer
    // sequence (a body list interrupted by deeper lists after a table of contents, say).
    let mut suspended: Vec<u32> = Vec::new();
    // Duplicates since the sequence last advanced.
    let mut repeats = 0;
    let mut i = 0;
    while i < n {
        let id = seq.ids[i];
        let v = hs[i].value;
        let resumes = v != expected && suspended.contains(&v);
        if v >= expected {
            repeats = 0;
        }
        if v == expected {
            used.entry(v).or_insert(id);
            previous = Some(id);
            expected += 1;
        } else if resumes
            || (v == 1 && i > 0 && is_nested_restart(doc, &hs, i))
            || (v == 2 && follows_inline_first_item(doc, hs[i]))
        {
            if resumes {
                let k = suspended
                    .iter()
                    .rposition(|&s| s == v)
                    .expect("checked above");
                suspended.remove(k);
            }
            // Consume the inner list; it stops where its own count breaks.
            let mut inner = v;
            while i < n && hs[i].value == inner {
                inner += 1;
                i += 1;
            }
            if i < n && hs[i].value != expected {
                suspended.push(inner);
            }
            continue;
        } else if v < expected {
            let first = used.get(&v).copied().unwrap_or(id);
            if first != id {
                // 一、一、一、: the repeats stand for 二、 and 三、, in turn.
                issues.push(NumberingIssue::Duplicate {
                    heading: id,
                    first,
                    expected: expected + repeats,
                });
                repeats += 1;
            }
        } else {
            let missing: Vec<u32> = (expected..v).collect();
            if !missing_items_written_as_decimals(
                doc,
                previous.map(|p| &doc.headings[p]),
                hs[i],
                &missing,
            ) {
                issues.push(NumberingIssue::Skipped {
                    heading: id,
                    previous,
                    missing,
                });
            }
            used.entry(v).or_insert(id);
            previous = Some(id);
            expected = v + 1;
        }
        i += 1;
    }
}

/// A heading numbered 1 in the middle of a sequence starts an inner list when it follows a lead-in
/// ending in a colon, or when the next sibling continues it with 2.
fn is_nested_restart(doc: &Document, hs: &[&Heading], i: usize) -> bool {
    let lead_in = super::common::previous_text(doc, hs[i].paragraph)
        .is_some_and(|t| t.ends_with(['：', ':']));
    let continued = hs.get(i + 1).is_some_and(|h| h.value == 2);
    lead_in || continued
}

/// `附件：1.xxx` or `注：1、xxx`: the first item of a list written on the label's own line, so the
/// list continues with a `2.` heading on the next line.
pub(crate) fn follows_inline_first_item(doc: &Document, heading: &Heading) -> bool {
    static INLINE_FIRST: OnceLock<Regex> = OnceLock::new();
    let re = INLINE_FIRST.get_or_init(|| {
        Regex::new(r"(?:[：:]|附件)\s*[1１][.．、]").expect("static regex compiles")
    });
    super::common::previous_text(doc, heading.paragraph).is_some_and(|t| re.is_match(t))
}

/// Items whose text starts with a digit (`20.2026年民生实事`, `21.5+2就业之家`) parse as decimals,
/// not markers. A gap is not reported when every missing number is written that way at a line
/// start between the previous sibling and this heading.
fn missing_items_written_as_decimals(
    doc: &Document,
    previous: Option<&Heading>,
    heading: &Heading,
    missing: &[u32],
) -> bool {
    if heading.level != Level::L3 || missing.len() > 3 {
        return false;
    }
    let from = previous.map_or(0, |p| p.paragraph + 1);
    let lines = &doc.paragraphs[from..heading.paragraph];
    missing.iter().all(|m| {
        let prefix = format!("{m}.");
        lines.iter().any(|p| {
            let t = &doc.text[p.content.clone()];
            t.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
    })
}
