//! `marker-spacing`: whitespace between an outline marker and its text.

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain marker-spacing`).
pub const DOCS: &str = r#"# marker-spacing：序号后有空白

## 检查内容
层次序号 `一、` `（一）` `1.` `（1）` 与后面的文字之间不能有任何空白：半角空格、不间断空格
（U+00A0，从网页或 Word 复制时常见、肉眼看不出）、全角空格（U+3000）、制表符、U+2002–U+200B
等各种宽度的空格和零宽空格。报告位置在空白上，修改建议是删除（可安全自动修改）。

不检查“第X条”之后的空白：法规条文的“第一条　”后空一字是通行格式。

## 为什么
GB/T 9704-2012 规定段首空二字，序号与标题文字紧接；GB/T 15834-2011 中标点占一个字的位置，
不另加空格。多余的空白会让排版错位，不间断空格还会让检索和比对失败。

## 示例（错误→正确）
- `一、 总体要求` → `一、总体要求`
- `（三）\u00A0狠抓园区建设`（不间断空格）→ `（三）狠抓园区建设`
- `1.\t加强领导` → `1.加强领导`

## 配置项
本规则只有通用配置项：
```toml
[rules.marker-spacing]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct MarkerSpacing;

/// Whitespace that must not follow a marker.
pub fn is_marker_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}'
    )
}

impl Rule for MarkerSpacing {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "marker-spacing",
        summary: "层次序号与文字之间有空白（含不间断空格）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(MarkerSpacing)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for h in doc.headings.iter().filter(|h| h.level.is_marker()) {
            let title = &doc.text[h.title.clone()];
            let len: usize = title
                .chars()
                .take_while(|&c| is_marker_space(c))
                .map(char::len_utf8)
                .sum();
            if len == 0 || len == title.len() {
                // No space, or a marker alone on its line followed only by trailing blanks (that
                // is trailing whitespace, not marker spacing).
                continue;
            }
            let span = h.title.start..h.title.start + len;
            let names: Vec<&str> = title[..len].chars().map(space_name).collect();
            out.push(
                Finding::at(
                    span.clone(),
                    format!(
                        "序号“{}”后有空白（{}）",
                        doc.marker_text(h),
                        names.join("、")
                    ),
                )
                .with_help("删除序号与文字之间的空白")
                .with_fix(span, "", true),
            );
        }
    }
}

fn space_name(c: char) -> &'static str {
    match c {
        ' ' => "半角空格",
        '\t' => "制表符",
        '\u{A0}' => "不间断空格 U+00A0",
        '\u{3000}' => "全角空格",
        '\u{200B}' | '\u{FEFF}' => "零宽空格",
        _ => "特殊宽度空格",
    }
}
