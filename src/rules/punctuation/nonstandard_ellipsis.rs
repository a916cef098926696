//! `nonstandard-ellipsis`: an ellipsis not written as `……`.

use crate::diagnostic::{Finding, Severity};
use crate::document::marks::runs;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain nonstandard-ellipsis`).
pub const DOCS: &str = r#"# nonstandard-ellipsis：省略号写法不规范

## 检查内容
省略号是两个“…”（U+2026）连写的 `……`，占两个字的位置。报告：
- 三个或更多英文句点 `...`、`......`、`.......`，全角句点 `．．．`；
- 三个或更多句号 `。。。`；
- 三个或更多间隔号 `···`、`・・・`；
- 单个 `…`，以及奇数个 `…`（`………`）。整段省略用的 `…………`（两个省略号）是允许的。

修改建议是换成 `……`，可安全自动替换。省略号如果是起草时留下的内容空缺（`*作为.......，`），
内容本身还需要补上。

## 为什么
GB/T 15834-2011 第 4.11 条：省略号的形式为“……”。用句点、句号拼凑的省略号在排版中宽度不对，
也无法被检索到。

## 示例（错误→正确）
- `*作为.......，具有不可比拟的优势` → `*作为……，具有不可比拟的优势`
- `等等。。。` → `等等……`（或删去省略号）
- `努力…` → `努力……`

## 配置项
本规则只有通用配置项：
```toml
[rules.nonstandard-ellipsis]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct NonstandardEllipsis;

impl Rule for NonstandardEllipsis {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "nonstandard-ellipsis",
        summary: "省略号写法不规范（...、。。。、···、单个…）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(NonstandardEllipsis)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let marks = doc.marks();
        let is_dotlike = |c: char| matches!(c, '.' | '．' | '。' | '·' | '・' | '…');
        for (first, last) in runs(marks, is_dotlike) {
            // Split the run into stretches of one character.
            let mut i = first;
            while i <= last {
                let c = marks[i].ch;
                let mut j = i;
                while j < last && marks[j + 1].ch == c {
                    j += 1;
                }
                let n = j - i + 1;
                let wrong = match c {
                    '…' => n % 2 == 1,
                    _ => n >= 3,
                };
                if wrong {
                    let span = marks[i].pos..marks[j].end();
                    let written = &doc.text[span.clone()];
                    out.push(
                        Finding::at(
                            span.clone(),
                            format!("省略号写法不规范：“{written}”应为“……”"),
                        )
                        .with_help("省略号是两个“…”连写（GB/T 15834-2011 第 4.11 条）")
                        .with_fix(span, "……", true),
                    );
                }
                i = j + 1;
            }
        }
    }
}
