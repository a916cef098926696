//! Enumeration analysis shared by `enumeration-sequence`, `enumeration-layout` and `count-claim`.
//!
//! Inline enumerators (`一是/二是…`, `一要/二要…`, `第一，第二，…`, `首先/其次/再次/最后`) are
//! grouped into sequences, one family at a time:
//!
//! * an item numbered 1 (`一是`, `第一`, `首先`) always opens a new sequence — a section often
//!   holds several lists, and a list inside an item of another family is common;
//! * the next number continues the open sequence wherever it stands;
//! * any other number continues the open sequence when it stands in the same section (the
//!   heading the sequence started under, or a heading inside it) and is reported there as a repeat
//!   or a gap; in another section it opens a new sequence that does not start at 1;
//! * `首先/其次/再次` count together with `第一/第二/第三` (`首先，…第二，…第三，…` is one list);
//!   `最后` closes the open list; `其次` out of turn is ordinary prose and is not reported.

use std::collections::HashMap;

use crate::document::{Document, EnumFamily, Enumerator};

/// One sequence of enumerators of one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumSequence {
    /// The family.
    pub family: EnumFamily,
    /// Indices into [`Document::enumerators`], in document order.
    pub items: Vec<usize>,
    /// The heading whose section the sequence started in (`None`: before any heading).
    pub scope: Option<usize>,
}

/// A defect in an enumeration sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumIssue {
    /// `item` repeats or goes back to a value already used (`first`); `expected` was due.
    Duplicate {
        /// Index into `Document::enumerators`.
        item: usize,
        /// The earlier item with that value, if the value was used.
        first: Option<usize>,
        /// The value due at this point.
        expected: u32,
    },
    /// `item` jumps over `missing` (ascending, non-empty).
    Skipped {
        /// Index into `Document::enumerators`.
        item: usize,
        /// The previous item of the sequence, `None` when the sequence starts here.
        previous: Option<usize>,
        /// The values that are missing.
        missing: Vec<u32>,
    },
}

impl EnumIssue {
    /// The item the issue is reported at.
    pub fn item(&self) -> usize {
        match self {
            EnumIssue::Duplicate { item, .. } | EnumIssue::Skipped { item, .. } => *item,
        }
    }
}

/// Sequences and their defects.
#[derive(Debug, Clone, Default)]
pub struct Enumerations {
    /// Every sequence, ordered by its first item.
    pub sequences: Vec<EnumSequence>,
    /// Defects, in document order.
    pub issues: Vec<EnumIssue>,
}

struct Open {
    sequence: usize,
    expected: u32,
    used: HashMap<u32, usize>,
}

/// Families that count together: `首先，…第二，…第三` is one sequence.
fn sequence_key(family: EnumFamily) -> EnumFamily {
    match family {
        EnumFamily::Order => EnumFamily::Di,
        f => f,
    }
}

/// Groups the document's enumerators into sequences and finds repeats and gaps.
pub fn analyse(doc: &Document) -> Enumerations {
    let mut out = Enumerations::default();
    // Per family, a stack of open sequences: a list inside an item of another list of the same
    // family (`第二，…有两个可能：第一，…；第二，…。` then `第三，`) suspends the outer one.
    let mut open: HashMap<EnumFamily, Vec<Open>> = HashMap::new();
    let mut section: Option<usize> = None;
    let mut next_heading = 0usize;
    for (index, e) in doc.enumerators.iter().enumerate() {
        while next_heading < doc.headings.len()
            && doc.headings[next_heading].paragraph <= e.paragraph
        {
            section = Some(next_heading);
            next_heading += 1;
        }
        let value = e.value;
        let stack = open.entry(sequence_key(e.family)).or_default();
        if value == Enumerator::LAST {
            match stack.pop() {
                Some(o) if within(doc, section, out.sequences[o.sequence].scope) => {
                    out.sequences[o.sequence].items.push(index);
                }
                _ => out.sequences.push(EnumSequence {
                    family: e.family,
                    items: vec![index],
                    scope: section,
                }),
            }
            continue;
        }

        // `基本点是两条，一是…，一是…`: the older idiom “one is…, the other is…” in one paragraph
        // (1980s reports use it on purpose). It continues the list without a repeat being
        // reported; a new list inside the first item would follow a colon.
        if value == 1
            && let Some(o) = stack.last_mut()
            && o.expected == 2
            && within(doc, section, out.sequences[o.sequence].scope)
        {
            let seq = &mut out.sequences[o.sequence];
            let prev = &doc.enumerators[seq.items[0]];
            let before = doc.text[..e.span.start].trim_end();
            if prev.paragraph == e.paragraph && !before.ends_with(['：', ':']) {
                seq.items.push(index);
                continue;
            }
        }
        if value == 1 {
            if stack
                .last()
                .is_some_and(|o| !within(doc, section, out.sequences[o.sequence].scope))
            {
                stack.clear();
            }
        } else {
            // Resume the innermost list this item continues; an inner list that ran inline
            // within an earlier paragraph gives way to an outer one expecting the same number.
            let candidates: Vec<usize> = (0..stack.len())
                .filter(|&i| stack[i].expected == value)
                .collect();
            let chosen = candidates
                .iter()
                .rev()
                .find(|&&i| !confined_before(doc, &out.sequences[stack[i].sequence], e.paragraph))
                .or(candidates.last());
            if let Some(&pos) = chosen {
                stack.truncate(pos + 1);
            }
        }
        let continues = stack.last().is_some_and(|o| {
            value != 1
                && (value == o.expected
                    || (e.family != EnumFamily::Order
                        && within(doc, section, out.sequences[o.sequence].scope)))
        });
        if continues {
            let o = stack.last_mut().expect("checked above");
            let seq = &mut out.sequences[o.sequence];
            let previous = seq.items.last().copied();
            seq.items.push(index);
            if value == o.expected {
                o.used.insert(value, index);
                o.expected += 1;
            } else if value < o.expected {
                out.issues.push(EnumIssue::Duplicate {
                    item: index,
                    first: o.used.get(&value).copied(),
                    expected: o.expected,
                });
            } else {
                out.issues.push(EnumIssue::Skipped {
                    item: index,
                    previous,
                    missing: (o.expected..value).collect(),
                });
                o.used.insert(value, index);
                o.expected = value + 1;
            }
            continue;
        }

        // A new sequence.
        if value > 1 && e.family != EnumFamily::Order && !earlier_item_in_paragraph(doc, e) {
            out.issues.push(EnumIssue::Skipped {
                item: index,
                previous: None,
                missing: (1..value).collect(),
            });
        }
        if value != 1 {
            stack.clear();
        } else if stack.len() >= 4 {
            stack.remove(0);
        }
        out.sequences.push(EnumSequence {
            family: e.family,
            items: vec![index],
            scope: section,
        });
        stack.push(Open {
            sequence: out.sequences.len() - 1,
            expected: value + 1,
            used: HashMap::from([(value, index)]),
        });
    }
    out.issues.sort_by_key(EnumIssue::item);
    out
}

/// Whether `seq` ran inline (not from a paragraph start) within one paragraph before `paragraph`.
fn confined_before(doc: &Document, seq: &EnumSequence, paragraph: usize) -> bool {
    let first = &doc.enumerators[seq.items[0]];
    !first.starts_paragraph
        && first.paragraph < paragraph
        && seq
            .items
            .iter()
            .all(|&i| doc.enumerators[i].paragraph == first.paragraph)
}

/// The previous enumerator written in the same paragraph where it is not at a clause start
/// (`主要是一要…，二要…`), so the sequence does start properly.
fn earlier_item_in_paragraph(doc: &Document, e: &Enumerator) -> bool {
    let p = &doc.paragraphs[e.paragraph];
    let before = &doc.text[p.content.start..e.span.start];
    before.contains(&e.family.word(e.value - 1))
}

/// Whether section `inner` is `outer` or lies inside it.
fn within(doc: &Document, inner: Option<usize>, outer: Option<usize>) -> bool {
    let Some(outer) = outer else {
        // A sequence before any heading only continues before any heading.
        return inner.is_none();
    };
    let mut cursor = inner;
    while let Some(h) = cursor {
        if h == outer {
            return true;
        }
        if h < outer {
            return false;
        }
        cursor = doc.headings[h].parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;

    fn words(doc: &Document, seq: &EnumSequence) -> Vec<String> {
        seq.items
            .iter()
            .map(|&i| doc.slice(doc.enumerators[i].span.clone()).to_owned())
            .collect()
    }

    #[test]
    fn restarts_and_sections() {
        let text = "（一）甲\n一是甲。二是乙。\n一是丙。\n二是丁。\n（二）乙\n一是戊。\n三是己。\n";
        let doc = Document::parse(text, SourceKind::Text);
        let a = analyse(&doc);
        let seqs: Vec<_> = a.sequences.iter().map(|s| words(&doc, s)).collect();
        assert_eq!(
            seqs,
            vec![
                vec!["一是", "二是"],
                vec!["一是", "二是"],
                vec!["一是", "三是"]
            ]
        );
        assert_eq!(
            a.issues,
            vec![EnumIssue::Skipped {
                item: 5,
                previous: Some(4),
                missing: vec![2]
            }]
        );
    }

    #[test]
    fn order_family() {
        let text = "首先，甲。其次，乙。最后，丙。\n其次，丁。\n";
        let doc = Document::parse(text, SourceKind::Text);
        let a = analyse(&doc);
        assert_eq!(a.sequences.len(), 2);
        assert!(a.issues.is_empty(), "{:?}", a.issues);
    }

    #[test]
    fn one_is_one_is_idiom() {
        let doc = Document::parse(
            "基本点是两条，一是坚持四项基本原则，一是坚持改革开放。\n",
            SourceKind::Text,
        );
        let a = analyse(&doc);
        assert_eq!(a.sequences.len(), 1);
        assert_eq!(a.sequences[0].items.len(), 2);
        assert!(a.issues.is_empty());
    }

    #[test]
    fn nested_list_resumes_outer() {
        let text = "第一，甲。\n第二，有两种可能：第一，改过来；第二，改不过来。\n第三，乙。\n";
        let doc = Document::parse(text, SourceKind::Text);
        let a = analyse(&doc);
        assert!(a.issues.is_empty(), "{:?}", a.issues);
        let outer: Vec<_> = a.sequences[0]
            .items
            .iter()
            .map(|&i| doc.enumerators[i].value)
            .collect();
        assert_eq!(outer, vec![1, 2, 3]);
    }

    #[test]
    fn ordinal_lists_are_not_enumerators() {
        let doc = Document::parse("全年，第一、二、三产业分别增长。", SourceKind::Text);
        assert!(doc.enumerators.is_empty());
    }
}
