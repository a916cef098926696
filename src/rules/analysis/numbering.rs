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

/// The numbering issues of a document, in document order: the shared analysis of
/// `duplicate-number` and `skipped-number` (`cx.get::<Numbering>()`).
#[derive(Debug, Clone, Default)]
pub struct Numbering(pub Vec<NumberingIssue>);

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
            || (previous.is_some()
                && continues_inline_list(doc, hs[i]).is_some_and(|open| open || v < expected))
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
                    expected: expected.saturating_add(repeats),
                });
                repeats += 1;
            }
        } else {
            // Items written where the grammar does not see a heading — inline after a lead-in
            // (`如下：（一）……；`), inline mid-paragraph (`（二）……；（三）……；`) or at a line start in a
            // form the grammar leaves to prose (`3．2026年……`, `3）`, `（\n三）`) — still take their
            // place in the sequence.
            let written = written_between(doc, seq, previous, hs[i], expected..v);
            let missing: Vec<u32> = (expected + written..v).collect();
            if !missing.is_empty() {
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
    let lead_in = crate::rules::analysis::common::previous_text(doc, hs[i].paragraph)
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
    crate::rules::analysis::common::previous_text(doc, heading.paragraph)
        .is_some_and(|t| re.is_match(t))
}

/// How many of the numbers `range` (the gap before `heading`) are written, in order and from the
/// first, between the previous sibling's marker (else the parent's, else the start of the text)
/// and `heading`: as markers of the heading's kind inline after a sentence break, or at a line
/// start in a lenient form. Any other marker of that kind in between (an inner list 一、二、三
/// in the body, a second run) means the gap is not filled: 0.
fn written_between(
    doc: &Document,
    seq: &Sequence,
    previous: Option<usize>,
    heading: &Heading,
    range: std::ops::Range<u32>,
) -> u32 {
    let from = match previous {
        Some(p) => doc.headings[p].marker.end,
        None if !seq.root => heading.parent.map_or(0, |p| doc.headings[p].marker.end),
        None => return 0,
    };
    let values = written_markers(&doc.text[from..heading.marker.start], heading.level);
    let run = values
        .iter()
        .zip(range.clone())
        .take_while(|(v, want)| **v == *want)
        .count();
    if run == values.len() { run as u32 } else { 0 }
}

/// `heading` (numbered above 1) continues a list whose first items stand inline in the previous
/// paragraph after a lead-in: `下列文件：（一）登记申请书；` then `（二）` on the next line,
/// `附件：1.……` then `2.……`, `如下：一、……；二、……；` then `三、……`. `Some(open)`: whether
/// that paragraph leaves the list open (does not end with a full stop) — a closed inline list
/// followed by a number one past the outer sequence's next is more likely an outer skip.
fn continues_inline_list(doc: &Document, heading: &Heading) -> Option<bool> {
    if heading.value < 2 {
        return None;
    }
    let p = doc.paragraphs[..heading.paragraph]
        .iter()
        .rev()
        .find(|p| !p.is_blank())?;
    // After the paragraph's own marker, if it is a heading (`三、要求如下：一、……；`).
    let (from, line_start) = match p.heading {
        Some(h) => (doc.headings[h].marker.end, None),
        None => (p.content.start, Some(false)),
    };
    let line = &doc.text[from..p.content.end];
    let found = inline_markers(line, heading.level, line_start);
    let &(first_at, _) = found.first()?;
    let lead_in = line[..first_at].trim_end_matches(crate::document::layout::is_space);
    let continues = found.iter().map(|&(_, v)| v).eq(1..heading.value)
        && (lead_in.ends_with(['：', ':']) || lead_in.ends_with("附件") || lead_in.ends_with("注"));
    continues.then(|| {
        !line
            .trim_end_matches(crate::document::layout::is_space)
            .ends_with(['。', '．'])
    })
}

/// Values of the markers of `level`'s kind written in `text`, in order.
/// `text` starts in the middle of a line (after a heading's marker).
fn written_markers(text: &str, level: Level) -> Vec<u32> {
    let mut out = Vec::new();
    for (k, line) in text.split('\n').enumerate() {
        let start = (k > 0).then_some(true);
        out.extend(
            inline_markers(line, level, start)
                .into_iter()
                .map(|(_, v)| v),
        );
    }
    out
}

/// Markers of `level`'s kind in one line: `(offset, value)`. Inside the line a marker counts only
/// after a sentence break (`：；。，！？` or a space), so `统一、` `第（三）项` `一、二、三产业` are
/// prose. `line_start` is `None` when `line` is the rest of a line, else whether the line's first
/// characters may be a marker in a form the grammar leaves to prose: `3．2026年`, `3）`, `3，`,
/// `三）`, `三 、`.
fn inline_markers(line: &str, level: Level, line_start: Option<bool>) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let start = line.len()
        - line
            .trim_start_matches(crate::document::layout::is_space)
            .len();
    if let Some(lenient) = line_start
        && let Some(v) = marker_at(&line[start..], level, lenient)
    {
        out.push((start, v));
    }
    let bracketed = matches!(level, Level::L2 | Level::L4);
    let mut boundary = false;
    for (i, c) in line.char_indices().skip_while(|&(i, _)| i < start) {
        let brk = is_break(c);
        if boundary
            && !brk
            && let Some(v) = marker_at(&line[i..], level, false)
        {
            out.push((i, v));
        }
        // `附件1.……`: the label needs no colon. An unbracketed marker after a comma is rare and
        // `，三、四季度` is common. (The test for 附件 looks back only at a 件.)
        boundary = (brk && (bracketed || !matches!(c, '，' | ',')))
            || (c == '件' && line[..i].ends_with('附'));
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_break(c: char) -> bool {
    // Ideographs, most of a line, are never breaks: one comparison rules them out.
    if ('\u{3400}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    crate::document::layout::is_space(c)
        || matches!(
            c,
            '：' | ':' | '；' | ';' | '。' | '，' | ',' | '！' | '？' | '!' | '?'
        )
}

/// The value of a marker of `level`'s kind at the start of `s`.
fn marker_at(s: &str, level: Level, lenient: bool) -> Option<u32> {
    let chinese = matches!(level, Level::L1 | Level::L2);
    let bracketed = matches!(level, Level::L2 | Level::L4);
    let mut rest = s;
    let opened = rest.starts_with(['（', '(']) || (lenient && rest.starts_with(['【', '〔', '[']));
    if opened {
        rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        if lenient {
            rest = rest.trim_start_matches(crate::document::layout::is_space);
        }
    } else if bracketed && !lenient {
        return None;
    }
    let (value, len) = if chinese {
        number_prefix(
            rest,
            |c| "一二三四五六七八九十".contains(c),
            crate::document::numerals::parse_chinese,
        )?
    } else {
        number_prefix(rest, is_digit, crate::document::numerals::parse_arabic)?
    };
    if !(1..=99).contains(&value) {
        return None;
    }
    rest = &rest[len..];
    let spaced = rest.len()
        != rest
            .trim_start_matches(crate::document::layout::is_space)
            .len();
    if lenient {
        rest = rest.trim_start_matches(crate::document::layout::is_space);
    }
    let next = rest.chars().next();
    if bracketed {
        // `（三）`; at a line start also `三）`, `【三】`.
        return (opened || lenient)
            .then_some(())
            .and(next.filter(|c| matches!(c, '）' | ')' | '】' | '〕' | ']')))
            .map(|_| value);
    }
    if opened {
        return None;
    }
    let after = rest.chars().nth(1);
    let ok = match next {
        // `三、四季度`, `一、二、三产业`, `3、4月份`: numbers in a series, not a marker.
        Some('、') => !after.is_some_and(|c| is_digit(c) || "一二三四五六七八九十".contains(c)),
        Some('.' | '．') => lenient || !after.is_some_and(is_digit),
        Some('，' | ',' | '：' | ':' | ')' | '）') => lenient,
        Some(_) => lenient && spaced,
        None => false,
    };
    ok.then_some(value)
}

/// The longest run (at most three characters) of `digit` characters at the start of `s` that
/// `parse` accepts, not followed by another such character: `(value, byte length)`.
fn number_prefix(
    s: &str,
    digit: impl Fn(char) -> bool,
    parse: impl Fn(&str) -> Option<u32>,
) -> Option<(u32, usize)> {
    let len: usize = s
        .chars()
        .take_while(|&c| digit(c))
        .map(char::len_utf8)
        .sum();
    let run = &s[..len];
    if run.is_empty() || run.chars().count() > 3 {
        return None;
    }
    parse(run).map(|v| (v, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`inline_markers`] as first written (the 附件 test on the whole prefix at every character).
    fn reference_inline_markers(
        line: &str,
        level: Level,
        line_start: Option<bool>,
    ) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let start = line.len()
            - line
                .trim_start_matches(crate::document::layout::is_space)
                .len();
        if let Some(lenient) = line_start
            && let Some(v) = marker_at(&line[start..], level, lenient)
        {
            out.push((start, v));
        }
        let bracketed = matches!(level, Level::L2 | Level::L4);
        let mut boundary = false;
        for (i, c) in line.char_indices().skip_while(|&(i, _)| i < start) {
            if boundary
                && !is_break(c)
                && let Some(v) = marker_at(&line[i..], level, false)
            {
                out.push((i, v));
            }
            boundary = (is_break(c) && (bracketed || !matches!(c, '，' | ',')))
                || line[..i + c.len_utf8()].ends_with("附件");
        }
        out
    }

    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let listed: Vec<char> = "附件件附一二三十1２9（）()、.．：；。，, 　！?是要第条"
            .chars()
            .collect();
        proptest::collection::vec(
            prop_oneof![8 => proptest::sample::select(listed), 1 => any::<char>()],
            0..40,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn inline_markers_match_reference(
            line in line(),
            level in proptest::sample::select(vec![Level::L1, Level::L2, Level::L3, Level::L4]),
            line_start in proptest::sample::select(vec![None, Some(false), Some(true)]),
        ) {
            proptest::prop_assert_eq!(
                inline_markers(&line, level, line_start),
                reference_inline_markers(&line, level, line_start)
            );
        }
    }

    #[test]
    fn label_after_fujian() {
        assert_eq!(
            inline_markers("附件1.登记表", Level::L3, Some(false)),
            vec![(6, 1)]
        );
    }
}
