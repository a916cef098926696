//! `nested-quote`: double quotes inside double quotes, book-title marks inside book-title marks.

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain nested-quote`).
pub const DOCS: &str = r#"# nested-quote：引号、书名号嵌套用错

## 检查内容
引号里面再用引号，里层用单引号：`“……‘……’……”`；书名号里面再用书名号，里层用单书名号：
`《……〈……〉……》`。本规则报告里层仍用双引号 `“”` 或双书名号 `《》` 的，前后两个都报告，
修改建议是改成 `‘’` 或 `〈〉`（需要人工确认）。

只在同一段内、外层也正确闭合时报告；引号不配对的由 `unmatched-pair` 报告。

## 为什么
GB/T 15834-2011 第 4.8 条（引号）、第 4.15 条（书名号）：需要嵌套时，外面用双引号、双书名号，
里面用单引号、单书名号。

## 示例（错误→正确）
- `他说：“要落实“四个意识”。”` → `他说：“要落实‘四个意识’。”`
- `《关于贯彻《条例》的通知》` → `《关于贯彻〈条例〉的通知》`

## 配置项
本规则只有通用配置项：
```toml
[rules.nested-quote]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct NestedQuote;

/// (opener, closer, inner opener, inner closer, name)
const KINDS: [(char, char, char, char, &str); 2] = [
    ('“', '”', '‘', '’', "引号"),
    ('《', '》', '〈', '〉', "书名号"),
];

impl Rule for NestedQuote {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "nested-quote",
        summary: "引号内再用双引号、书名号内再用双书名号（应为‘’〈〉）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(NestedQuote)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for &(open, close, inner_open, inner_close, name) in &KINDS {
            // Open positions, and the pairs closed while an outer pair is still open: they are
            // reported once the outermost pair closes (one flat list keeps deep nesting linear).
            let mut stack: Vec<usize> = Vec::new();
            let mut inner: Vec<(usize, usize)> = Vec::new();
            let mut para_end = 0usize;
            for m in doc.marks() {
                if m.ch != open && m.ch != close {
                    continue;
                }
                if m.pos > para_end {
                    stack.clear();
                    inner.clear();
                    para_end = doc.paragraphs[doc.paragraph_at(m.pos)].span.end;
                }
                if m.ch == open {
                    stack.push(m.pos);
                    continue;
                }
                let Some(start) = stack.pop() else { continue };
                if !stack.is_empty() {
                    inner.push((start, m.pos));
                } else {
                    for (o, c) in inner.drain(..) {
                        for (pos, ch, rep, role) in
                            [(o, open, inner_open, "前"), (c, close, inner_close, "后")]
                        {
                            let span = pos..pos + ch.len_utf8();
                            out.push(
                                Finding::at(span.clone(),
                                    format!(
                                        "{name}嵌套：里层的{role}{name}应为单{name}（{rep}），不用双{name}（{ch}）"
                                    ),
                                )
                                .with_help(format!(
                                    "外双内单：里层改用单{name}（{inner_open}{inner_close}），见 GB/T 15834-2011 第 4.8、4.15 条"
                                ))
                                .with_related(start..start + open.len_utf8(), "外层")
                                .with_fix(span, rep.to_string(), false),
                            );
                        }
                    }
                }
            }
        }
    }
}
