//! `nonstandard-dash`: a 破折号 not written as `——`.

use crate::diagnostic::{Finding, Severity};
use crate::document::marks::{is_chinese, runs};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain nonstandard-dash`).
pub const DOCS: &str = r#"# nonstandard-dash：破折号写法不规范

## 检查内容
破折号是两个“—”（U+2014）连写的 `——`，占两个字的位置。报告中文里用来代替它的：
两个以上的连字符 `--`、`----`，全角减号 `－－`，横线 `―`（U+2015），制表线 `──`（U+2500）。

只报告紧挨汉字或全角标点的，以及中文里两个数之间的（`规划期为2021--2025年`）；Markdown 表格线
`|---|`、代码和英文里的（`ISO-8859--1`、`pages 10--20`）不报告。单个“—”是连接号（一字线，如
`2020—2025年`、`北京—上海`），不报告。修改建议是换成 `——`，可安全自动替换；夹在两个数之间的是
连接号：时间起止（年份，或后面是“月、日”）建议一字线“—”，数值范围（`10--20%`）建议浪纹线“～”，
需要人工确认。

## 为什么
GB/T 15834-2011 第 4.10 条：破折号的形式为“——”。用连字符、减号拼凑的破折号宽度不对，
断行时还会被拆开。

## 示例（错误→正确）
- `我们的目标--全面小康` → `我们的目标——全面小康`
- `发展是第一要务――这是` → `发展是第一要务——这是`
- `规划期为2021--2025年` → `规划期为2021—2025年`；`增长10--20个百分点` → `增长10～20个百分点`

## 配置项
本规则只有通用配置项：
```toml
[rules.nonstandard-dash]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct NonstandardDash;

/// The two numbers a dash run at `span` stands between, when they sit in Chinese text
/// (`为2021--2025年`) and are not part of a code or an English passage (`ISO-8859--1`).
fn numeric_range(
    text: &str,
    span: std::ops::Range<usize>,
) -> Option<crate::rules::analysis::written_numbers::NumericRange> {
    let from = crate::rules::analysis::written_numbers::number_before(text, span.start)?;
    let to = crate::rules::analysis::written_numbers::number_after(text, span.end)?;
    let outer_before = text[..from.span.start].chars().next_back();
    let outer_after = text[to.span.end..].chars().next();
    let code = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "-/_.".contains(c));
    if code(outer_before) || code(outer_after) {
        return None;
    }
    (is_chinese(outer_before) || is_chinese(outer_after)).then_some(
        crate::rules::analysis::written_numbers::NumericRange {
            from,
            sep: '-',
            sep_span: span,
            to,
        },
    )
}

impl Rule for NonstandardDash {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "nonstandard-dash",
        summary: "破折号写法不规范（--、－－、――、──）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(NonstandardDash)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
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
            // `2021--2025年`: a doubled hyphen between two numbers in Chinese text.
            let numbers = numeric_range(&doc.text, span.clone());
            if !(is_chinese(before) || is_chinese(after) || line_start || numbers.is_some()) {
                continue;
            }
            let written = &doc.text[span.clone()];
            // `1997年4月―1998年2月`: a range wants the 一字线, not a 破折号.
            let range = before
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'))
                && after.is_some_and(|c| c.is_ascii_digit());
            let value_range = numbers.as_ref().is_some_and(|r| {
                !crate::rules::numbers::range_separator::is_time_span(&doc.text, r)
            });
            let finding = if range && value_range {
                Finding::at(
                    span.clone(),
                    format!("连接号写法不规范：数值范围应使用浪纹线“～”，不用“{written}”"),
                )
                .with_help(
                    "数值范围用浪纹线“～”，起止、时间范围用一字线“—”（GB/T 15834-2011 第 4.13 条）",
                )
                .with_fix(span, "～", false)
            } else if range {
                Finding::at(
                    span.clone(),
                    format!("连接号写法不规范：表示起止应使用一字线“—”，不用“{written}”"),
                )
                .with_help("起止、时间范围用一字线“—”或浪纹线“～”（GB/T 15834-2011 第 4.13 条）")
                .with_fix(span, "—", false)
            } else {
                Finding::at(span.clone(),
                    format!("破折号写法不规范：“{written}”应为“——”"),
                )
                .with_help("破折号是两个“—”连写（GB/T 15834-2011 第 4.10 条）；表示起止的连接号用一字线“—”")
                .with_fix(span, "——", true)
            };
            out.push(finding);
        }
    }
}
