//! `dunhao-between-quoted`: 顿号 between items each fully in quotes or book-title marks.

use serde::Deserialize;

use super::{Category, Rule, RuleEntry, RuleMeta, RuleOptions, build_with};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;

/// Embedded docs (`gwlint explain dunhao-between-quoted`).
pub const DOCS: &str = r#"# dunhao-between-quoted：引号、书名号并列成分之间的顿号

## 检查内容
并列的几项各自完整地带着引号或书名号时，项与项之间通常不用顿号：`《条例》、《规定》` →
`《条例》《规定》`，`“多规合一”、“多图合一”` → `“多规合一”“多图合一”`。若有其他成分插在中间
（如书名号之后还有括注：`《条例》（2012年）、《规定》`），用顿号是对的，不报告；只有一部分带引号的
（`“十强”产业、“四新”经济`）也不在此列。

各单位习惯不同，可以配置：
- `style = "omit"`（默认）：报告 `”、“` 和 `》、《` 中的顿号，建议删去（可安全自动修改）；
- `style = "require"`：反过来，报告紧挨着的 `”“` 和 `》《`，建议加顿号；
- `style = "off"`：不检查。

## 为什么
GB/T 15834-2011 第 4.5.3.5 条：“标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号。
若有其他成分插在并列的引号之间或并列的书名号之间（如引语或书名号之后还有括注），宜用顿号。”

## 示例（错误→正确，默认 omit）
- `学习《宪法》、《监察法》` → `学习《宪法》《监察法》`
- `构建“亲”、“清”政商关系` → `构建“亲”“清”政商关系`

## 配置项
```toml
[rules.dunhao-between-quoted]
severity = "info"
# omit：并列的引号、书名号之间不用顿号；require：必须用顿号；off：不检查
style = "omit"
```
"#;

/// Metadata.
pub static META: RuleMeta = RuleMeta {
    id: "dunhao-between-quoted",
    summary: "并列的引号、书名号之间用了顿号（《A》、《B》），可配置为要求顿号",
    docs: DOCS,
    default_severity: Severity::Info,
    category: Category::Punctuation,
    fixable: true,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry {
    meta: &META,
    build: |layers| {
        build_with::<Options>(layers, |o| {
            Ok(Box::new(DunhaoBetweenQuoted {
                style: o.style.unwrap_or(Style::Omit),
            }))
        })
    },
};

/// House style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// No 顿号 between fully quoted items (GB/T 15834 4.5.3.5).
    Omit,
    /// A 顿号 between them.
    Require,
    /// Not checked.
    Off,
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// `omit`, `require` or `off`.
    pub style: Option<Style>,
}

impl RuleOptions for Options {
    fn merge(self, over: Self) -> Self {
        Options {
            style: over.style.or(self.style),
        }
    }
}

/// The rule.
pub struct DunhaoBetweenQuoted {
    style: Style,
}

impl Rule for DunhaoBetweenQuoted {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        if self.style == Style::Off {
            return;
        }
        let marks = doc.marks();
        for (i, m) in marks.iter().enumerate() {
            let closes = match m.ch {
                '”' => '“',
                '》' => '《',
                _ => continue,
            };
            let Some(next) = marks.get(i + 1) else {
                continue;
            };
            match self.style {
                Style::Omit => {
                    let Some(after) = marks.get(i + 2) else {
                        continue;
                    };
                    if next.ch == '、'
                        && next.pos == m.end()
                        && after.ch == closes
                        && after.pos == next.end()
                    {
                        let span = next.pos..next.end();
                        out.push(
                            Finding::new(
                                META.id,
                                span.clone(),
                                format!("并列的{}之间不用顿号", kind(m.ch)),
                            )
                            .with_help("删去顿号（GB/T 15834-2011 第 4.5.3.5 条）；本单位要求加顿号时可设置 style = \"require\"")
                            .with_fix(span, "", true),
                        );
                    }
                }
                Style::Require => {
                    if next.ch == closes && next.pos == m.end() {
                        let span = m.end()..m.end();
                        out.push(
                            Finding::new(
                                META.id,
                                m.pos..next.end(),
                                format!("并列的{}之间缺少顿号（本单位要求加顿号）", kind(m.ch)),
                            )
                            .with_help("加顿号，或把 style 设为 \"omit\"（GB/T 15834-2011 第 4.5.3.5 条的通常写法）")
                            .with_fix(span, "、", true),
                        );
                    }
                }
                Style::Off => {}
            }
        }
    }
}

fn kind(c: char) -> &'static str {
    if c == '》' { "书名号" } else { "引号" }
}
