//! `nonstandard-dash`: a 破折号 not written as `——`.

use super::{Rule, RuleMeta};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::punctuation::{is_chinese, runs};

/// Embedded docs (`gwlint explain nonstandard-dash`).
pub const DOCS: &str = r#"# nonstandard-dash：破折号写法不规范

## 检查内容
破折号是两个“—”（U+2014）连写的 `——`，占两个字的位置。报告中文里用来代替它的：
两个以上的连字符 `--`、`----`，全角减号 `－－`，横线 `―`（U+2015），制表线 `──`（U+2500）。

只报告紧挨汉字或全角标点的（Markdown 表格线 `|---|` 这类不报告）。单个“—”是连接号
（一字线，如 `2020—2025年`、`北京—上海`），不报告。修改建议是换成 `——`，可安全自动替换；
如果原意是表示起止的连接号，应改为一字线“—”。

## 为什么
GB/T 15834-2011 第 4.10 条：破折号的形式为“——”。用连字符、减号拼凑的破折号宽度不对，
断行时还会被拆开。

## 示例（错误→正确）
- `我们的目标--全面小康` → `我们的目标——全面小康`
- `发展是第一要务――这是` → `发展是第一要务——这是`

## 配置项
本规则只有通用配置项：
```toml
[rules.nonstandard-dash]
severity = "warning"
enabled = true
```
"#;

super::rule_without_options! {
    /// The rule.
    NonstandardDash {
        id: "nonstandard-dash",
        summary: "破折号写法不规范（--、－－、――、──）",
        severity: Warning,
        category: Punctuation,
        fixable: true,
    }
}

impl Rule for NonstandardDash {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let marks = doc.marks();
        let dashlike = |c: char| matches!(c, '-' | '－' | '―' | '─');
        for (first, last) in runs(marks, dashlike) {
            let c = marks[first].ch;
            let n = last - first + 1;
            let single_kind = marks[first..=last].iter().all(|m| m.ch == c);
            let wrong = if single_kind {
                c == '―' || n >= 2
            } else {
                true
            };
            if !wrong {
                continue;
            }
            let span = marks[first].pos..marks[last].end();
            let before = doc.char_before(span.start);
            let after = doc.char_at(span.end);
            // `----2012年2月29日在…`: a subtitle dash at the start of a line.
            let p = &doc.paragraphs[doc.paragraph_at(span.start)];
            let line_start = span.start == p.content.start
                && after.is_some_and(|c| c.is_ascii_digit() || is_chinese(Some(c)));
            if !(is_chinese(before) || is_chinese(after) || line_start) {
                continue;
            }
            let written = &doc.text[span.clone()];
            // `1997年4月―1998年2月`: a range wants the 一字线, not a 破折号.
            let range = before
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'))
                && after.is_some_and(|c| c.is_ascii_digit());
            let finding = if range {
                Finding::new(
                    META.id,
                    span.clone(),
                    format!("连接号写法不规范：表示起止应使用一字线“—”，不用“{written}”"),
                )
                .with_help("起止、时间范围用一字线“—”或浪纹线“～”（GB/T 15834-2011 第 4.13 条）")
                .with_fix(span, "—", false)
            } else {
                Finding::new(
                    META.id,
                    span.clone(),
                    format!("破折号写法不规范：“{written}”应为“——”"),
                )
                .with_help("破折号是两个“—”连写（GB/T 15834-2011 第 4.10 条）；表示起止的连接号用一字线“—”")
                .with_fix(span, "——", true)
            };
            out.push(finding);
        }
    }
}
