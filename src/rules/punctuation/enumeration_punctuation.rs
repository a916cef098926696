//! `enumeration-punctuation`: wrong punctuation after an enumerator — `一是：`, `一是，`,
//! `第一、`, `首先、`.

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::common::quoted;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain enumeration-punctuation`).
pub const DOCS: &str = r#"# enumeration-punctuation：序次语后的标点用错

## 检查内容
- `一是`、`二要` 这类叙述性序次语后面不加任何标点：`一是：`、`一是，`、`一要、` 都是错的，应删去标点；
- `第一`、`首先`、`其次`、`再次`、`最后` 这类“第”“其”字头序次语后面用逗号：`第一、`、`首先：`
  应改为 `第一，`、`首先，`；半角逗号 `,` 改为全角 `，`。

只检查位于句首（段首或 `。；：！？，` 之后）的序次语；`第一、二、三产业` 这类序数并列不是序次语，
不检查。

## 为什么
GB/T 15834-2011 附录 B.3：“第”“其”字头序次语后用逗号；用“一是”“二是”等叙述性序次语时，
其后不用标点。顿号用于并列词语之间，不用于序次语之后。

## 示例（错误→正确）
- `一是：加强组织领导` → `一是加强组织领导`
- `二要，压实工作责任` → `二要压实工作责任`
- `第一、提高认识` → `第一，提高认识`
- `首先：统一思想` → `首先，统一思想`

## 配置项
本规则只有通用配置项：
```toml
[rules.enumeration-punctuation]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct EnumerationPunctuation;

/// Punctuation that must not follow `一是`.
fn is_stray_after_shi(c: char) -> bool {
    matches!(c, '：' | ':' | '，' | ',' | '、' | '；' | ';' | '.' | '．')
}

impl Rule for EnumerationPunctuation {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "enumeration-punctuation",
        summary: "序次语后标点错误（“一是：”“第一、”）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(EnumerationPunctuation)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for e in &doc.enumerators {
            let written = doc.slice(e.span.clone());
            let Some(next) = doc.text[e.span.end..].chars().next() else {
                continue;
            };
            let punct = e.span.end..e.span.end + next.len_utf8();
            if e.family.takes_comma() {
                if next == '，' {
                    continue;
                }
                out.push(
                    Finding::at(
                        punct.clone(),
                        format!(
                            "序次语{}后应当用逗号，不用{}",
                            quoted(written),
                            quoted(&next.to_string())
                        ),
                    )
                    .with_help(format!("改为{}", quoted(&format!("{written}，"))))
                    .with_fix(punct, "，", true),
                );
            } else if is_stray_after_shi(next) {
                out.push(
                    Finding::at(
                        punct.clone(),
                        format!(
                            "序次语{}后不加标点，这里多了{}",
                            quoted(written),
                            quoted(&next.to_string())
                        ),
                    )
                    .with_help(format!("删去{}", quoted(&next.to_string())))
                    .with_fix(punct, "", true),
                );
            }
        }
    }
}
