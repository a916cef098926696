//! Markdown files are linted as text, except what is not prose: fenced code blocks, inline code
//! spans and HTML comments. Those are masked — every character replaced by as many ASCII `a` as
//! it has bytes, line breaks kept — so byte offsets and line numbers stay those of the file, no
//! rule sees the code, and the outline parser does not take `1.` in a code block for a heading.
//! The renderer shows the original text.
//!
//! HTML comments also carry suppressions: `<!-- gwlint-disable rule-a, rule-b -->` (or with no
//! ids: every rule) up to `<!-- gwlint-enable -->` or the end of the file, and
//! `<!-- gwlint-disable-next-line rule -->` for the following line.

use std::ops::Range;

/// What the masking found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masked {
    /// The text with code and comments masked (same length in bytes as the original).
    pub text: String,
    /// Suppressed byte ranges and the rules they cover (empty: every rule).
    pub disabled: Vec<(Range<usize>, Vec<String>)>,
}

/// Masks `text`; `None` when there is nothing to mask.
pub fn mask(text: &str) -> Option<Masked> {
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut comments: Vec<(Range<usize>, String)> = Vec::new();
    let bytes = text.as_bytes();
    let mut fence: Option<(u8, usize)> = None;
    let mut fence_start = 0;
    let mut pos = 0;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = trimmed.as_bytes().first().copied();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        match fence {
            Some((c, n)) => {
                if indent < 4
                    && marker == Some(c)
                    && run(c) >= n
                    && trimmed[run(c)..].trim().is_empty()
                {
                    regions.push(fence_start..end);
                    fence = None;
                }
            }
            None => {
                if indent < 4
                    && let Some(c @ (b'`' | b'~')) = marker
                    && run(c) >= 3
                {
                    fence = Some((c, run(c)));
                    fence_start = pos;
                } else {
                    inline_spans(text, pos..end, &mut regions);
                }
            }
        }
        pos = end + 1;
    }
    if fence.is_some() {
        // An unclosed fence runs to the end of the file (CommonMark).
        regions.push(fence_start..text.len());
    }
    // HTML comments (outside code).
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"<!--") {
        let start = at + i;
        if regions.iter().any(|r| r.contains(&start)) {
            at = start + 4;
            continue;
        }
        let end = memchr::memmem::find(&bytes[start + 4..], b"-->")
            .map_or(text.len(), |j| start + 4 + j + 3);
        comments.push((
            start..end,
            text[start + 4..end.saturating_sub(3).max(start + 4)]
                .trim()
                .to_owned(),
        ));
        regions.push(start..end);
        at = end;
    }
    if regions.is_empty() {
        return None;
    }
    let mut masked = text.as_bytes().to_vec();
    for r in &regions {
        for b in &mut masked[r.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b'a';
            }
        }
    }
    let masked = String::from_utf8(masked).unwrap_or_else(|_| text.to_owned());
    // Suppressions.
    let mut disabled = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    for (range, body) in &comments {
        let ids = |rest: &str| -> Vec<String> {
            rest.split([',', ' ', '，'])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        if let Some(rest) = body.strip_prefix("gwlint-disable-next-line") {
            let line_start = memchr::memchr(b'\n', &bytes[range.end..])
                .map_or(text.len(), |i| range.end + i + 1);
            let line_end = memchr::memchr(b'\n', &bytes[line_start.min(text.len())..])
                .map_or(text.len(), |i| line_start + i);
            disabled.push((line_start..line_end, ids(rest)));
        } else if let Some(rest) = body.strip_prefix("gwlint-disable") {
            if let Some((start, rules)) = open.take() {
                disabled.push((start..range.start, rules));
            }
            open = Some((range.end, ids(rest)));
        } else if body.starts_with("gwlint-enable")
            && let Some((start, rules)) = open.take()
        {
            disabled.push((start..range.start, rules));
        }
    }
    if let Some((start, rules)) = open {
        disabled.push((start..text.len(), rules));
    }
    Some(Masked {
        text: masked,
        disabled,
    })
}

/// Inline code spans of one line: a run of backticks up to the next run of the same length.
fn inline_spans(text: &str, line: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = &text.as_bytes()[line.clone()];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let n = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let mut j = i + n;
        let mut closed = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let m = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                if m == n {
                    closed = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(line.start + i..line.start + end);
                i = end;
            }
            None => i += n,
        }
    }
}

/// Whether a finding of `rule` starting at byte `pos` is suppressed.
pub fn is_disabled(disabled: &[(Range<usize>, Vec<String>)], rule: &str, pos: usize) -> bool {
    disabled
        .iter()
        .any(|(r, rules)| r.contains(&pos) && (rules.is_empty() || rules.iter().any(|x| x == rule)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_code_and_comments() {
        let text = "一、总体\n```\n1. 代码里的序号\n1. 代码\n```\n正文`x,y`文字<!-- 批注 -->结束\n";
        let m = mask(text).unwrap();
        assert_eq!(m.text.len(), text.len());
        assert_eq!(m.text.lines().count(), text.lines().count());
        assert!(m.text.contains("一、总体\n"));
        assert!(!m.text.contains("代码"));
        assert!(m.text.contains("正文aaaaa文字"));
        assert!(m.text.ends_with("结束\n"));
        assert!(mask("纯文本，没有代码。\n").is_none());
    }

    #[test]
    fn suppressions() {
        let text = "甲\n<!-- gwlint-disable typo, stray-whitespace -->\n乙\n<!-- gwlint-enable -->\n丙\n<!-- gwlint-disable-next-line -->\n丁\n戊\n";
        let m = mask(text).unwrap();
        let at = |s: &str| text.find(s).unwrap();
        assert!(is_disabled(&m.disabled, "typo", at("乙")));
        assert!(!is_disabled(&m.disabled, "unmatched-pair", at("乙")));
        assert!(!is_disabled(&m.disabled, "typo", at("丙")));
        assert!(is_disabled(&m.disabled, "unmatched-pair", at("丁")));
        assert!(!is_disabled(&m.disabled, "typo", at("戊")));
        assert!(!is_disabled(&m.disabled, "typo", at("甲")));
    }
}
