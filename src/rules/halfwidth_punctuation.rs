//! `halfwidth-punctuation`: ASCII `, . ; : ? ! ( ) " '` in Chinese running text.

use super::{Rule, RuleMeta};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::punctuation::is_chinese;

/// Embedded docs (`gwlint explain halfwidth-punctuation`).
pub const DOCS: &str = r#"# halfwidth-punctuation：中文里用了半角标点

## 检查内容
紧挨汉字或全角标点的半角 `, . ; : ? ! ( ) " '` 应改为全角 `， 。 ； ： ？ ！ （ ） “” ‘’`。

不报告：小数和数字中的点、逗号、冒号（`3.5`、`1,000`、`10:30`）；段首的层次序号（`1.`、`(1)`
由 `malformed-marker` 检查）；网址和电子邮件地址；两边都是英文字母或数字的（英文词句）；以英文为主的
行（英文字母多于汉字）；
连续的点（`...` 由 `nonstandard-ellipsis` 检查）；一半全角、一半半角的括号（`（…)` 由
`unmatched-pair` 检查）。

修改建议：`, ; : ? ! ( )` 和句末的 `.` 可安全自动替换；半角引号按出现的先后配成前引号和后引号，
需要人工确认。

## 为什么
GB/T 15834-2011 第 5 章：标点符号占一个字的位置，即在中文中用全角形式。半角标点多来自英文
输入法或从网页复制，排版后字距不齐，也是审校最常见的问题之一。

## 示例（错误→正确）
- `加强领导,确保落实.` → `加强领导，确保落实。`
- `波鸿(中国)有限公司` → `波鸿（中国）有限公司`
- `"双招双引"` → `“双招双引”`

## 配置项
本规则只有通用配置项：
```toml
[rules.halfwidth-punctuation]
severity = "warning"
enabled = true
```
"#;

super::rule_without_options! {
    /// The rule.
    HalfwidthPunctuation {
        id: "halfwidth-punctuation",
        summary: "中文里用了半角标点（, . ; : ? ! ( ) \" '）",
        severity: Warning,
        category: Punctuation,
        fixable: true,
    }
}

fn full_width(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        '.' => "。",
        ';' => "；",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// Whether the `;` at `pos` ends an HTML entity (`&nbsp;`, `&#9826;`).
fn is_entity_end(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(10);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..pos];
    head.rfind('&').is_some_and(|amp| {
        let name = &head[amp + 1..];
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
    })
}

/// Whether the run of non-space ASCII around `pos` is a URL or an e-mail address.
fn in_address(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    let is_token = |b: u8| b.is_ascii_graphic();
    let mut start = pos;
    while start > 0 && pos - start < 200 && is_token(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = pos;
    while end < bytes.len() && end - pos < 200 && is_token(bytes[end]) {
        end += 1;
    }
    let token = &text[start..end];
    token.contains("://") || token.contains("www.") || token.contains('@')
}

impl Rule for HalfwidthPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let text = doc.text.as_str();
        let marks = doc.marks();
        // Brackets paired per paragraph: a half-width bracket whose partner is full-width is a
        // width mismatch, reported by unmatched-pair.
        let mut mixed: Vec<usize> = Vec::new();
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut para_end = 0usize;
        for m in marks {
            if m.pos > para_end {
                stack.clear();
                para_end = doc.paragraphs[doc.paragraph_at(m.pos)].span.end;
            }
            match m.ch {
                '(' | '（' => stack.push((m.pos, m.ch)),
                ')' | '）' => {
                    if let Some((open, och)) = stack.pop()
                        && (och == '(') != (m.ch == ')')
                    {
                        mixed.push(open);
                        mixed.push(m.pos);
                    }
                }
                _ => {}
            }
        }
        mixed.sort_unstable();

        let mut quote_parity: Option<(usize, usize)> = None; // (paragraph end, count)
        let mut english_line: Option<(usize, bool)> = None; // (paragraph, mostly English)
        for (i, m) in marks.iter().enumerate() {
            let c = m.ch;
            if !matches!(
                c,
                ',' | '.' | ';' | ':' | '?' | '!' | '(' | ')' | '"' | '\''
            ) {
                continue;
            }
            let prev = doc.char_before(m.pos);
            let next = doc.char_at(m.end());
            if !(is_chinese(prev) || is_chinese(next)) {
                continue;
            }
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                continue;
            }
            // `附件：1.国土资源部…`, `2月份.xlsx`, `www.gov.cn`: a list number, a file extension or a
            // domain, not a full stop.
            if c == '.'
                && (prev.is_some_and(|p| p.is_ascii_digit())
                    || next.is_some_and(|n| n.is_ascii_alphanumeric()))
            {
                continue;
            }
            // `&#9826;`: an HTML entity left by a web page (not a semicolon).
            if c == ';' && is_entity_end(text, m.pos) {
                continue;
            }
            // `…restarts at 一; some headings`: English text with a Chinese word in it.
            if matches!(c, ',' | '.' | ';' | ':' | '?' | '!')
                && text[m.end()..]
                    .trim_start_matches(' ')
                    .starts_with(|n: char| n.is_ascii_alphabetic())
                && text[m.end()..].starts_with(' ')
            {
                continue;
            }
            // A run of dots is an ellipsis (nonstandard-ellipsis).
            let dot_run = c == '.'
                && (marks
                    .get(i + 1)
                    .is_some_and(|n| n.ch == '.' && n.pos == m.end())
                    || (i > 0 && marks[i - 1].ch == '.' && marks[i - 1].end() == m.pos));
            if dot_run {
                continue;
            }
            let para = doc.paragraph_at(m.pos);
            // A line written mostly in English (a README, a quoted English passage) keeps its
            // English punctuation around the odd Chinese word.
            let english = match english_line {
                Some((p, e)) if p == para => e,
                _ => {
                    let line = &text[doc.paragraphs[para].span.clone()];
                    let latin = line.chars().filter(char::is_ascii_alphabetic).count();
                    let han = line
                        .chars()
                        .filter(|&c| crate::punctuation::is_han(c))
                        .count();
                    let e = latin > han;
                    english_line = Some((para, e));
                    e
                }
            };
            if english {
                continue;
            }
            if let Some(h) = doc.paragraphs[para].heading
                && m.pos < doc.headings[h].marker.end
            {
                continue;
            }
            if (c == '(' || c == ')') && mixed.binary_search(&m.pos).is_ok() {
                continue;
            }
            if c.is_ascii_punctuation() && in_address(text, m.pos) {
                continue;
            }
            let span = m.pos..m.end();
            let (replacement, safe) = match c {
                '"' | '\'' => {
                    let pend = doc.paragraphs[para].span.end;
                    let count = match quote_parity {
                        Some((end, n)) if end == pend => n,
                        _ => 0,
                    };
                    quote_parity = Some((pend, count + 1));
                    let opening = count % 2 == 0;
                    let r = match (c, opening) {
                        ('"', true) => "“",
                        ('"', false) => "”",
                        ('\'', true) => "‘",
                        _ => "’",
                    };
                    (r, false)
                }
                _ => (full_width(c).expect("listed above"), true),
            };
            out.push(
                Finding::new(
                    META.id,
                    span.clone(),
                    format!("半角标点“{c}”：中文里应使用全角“{replacement}”"),
                )
                .with_help("改为全角标点（GB/T 15834-2011 第 5 章）")
                .with_fix(span, replacement, safe),
            );
        }
    }
}
