//! `malformed-marker`: an outline marker not written as GB/T 9704 prescribes (`1、`, `(一)`, `（一）、`).

use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::document::Level;
use crate::rules::analysis::common::quoted;
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain malformed-marker`).
pub const DOCS: &str = r#"# malformed-marker：层次序号写法不规范

## 检查内容
段首的层次序号必须严格写成 `一、` · `（一）` · `1.` · `（1）`：
- 汉字序号后用顿号：`一.`、`一．` → `一、`；
- 括号序号用全角括号，括号后不加标点：`(一)`、`（一)`、`（一）、`、`（一）.` → `（一）`；
- 阿拉伯数字序号用半角数字加半角下脚点：`1、`、`1．`、`１.` → `1.`；
- `（1）、`、`(1)` → `（1）`。

报告位置在序号上，并给出改正后的序号（可安全自动替换）。

## 为什么
GB/T 9704-2012 第 7.3.3 条：“文中结构层次序数依次可以用‘一、’‘（一）’‘1.’‘（1）’标注”。
GB/T 15834-2011 附录 B.3：序次语之后的标点——“一”后用顿号，括号序号后不再加标点，
阿拉伯数字后用下脚点。

## 示例（错误→正确）
- `1、加强组织领导` → `1.加强组织领导`
- `(一)指导思想` → `（一）指导思想`
- `（二）、基本原则` → `（二）基本原则`
- `一.总体要求` → `一、总体要求`

## 配置项
```toml
[rules.malformed-marker]
severity = "error"
# 有的单位允许第四层用半角括号 (1)
allow-halfwidth-level4 = false
```
"#;

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Accept `(1)` with ASCII brackets at level 4.
    pub allow_halfwidth_level4: bool,
}

/// The rule.
pub struct MalformedMarker {
    allow_halfwidth_level4: bool,
}

impl Rule for MalformedMarker {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "malformed-marker",
        summary: "层次序号写法不规范（1、 (一) （一）、 一. 等）",
        docs: DOCS,
        default_severity: Severity::Error,
        category: Category::Structure,
        fixable: true,
    };

    fn new(o: Options) -> Result<Self, String> {
        Ok(MalformedMarker {
            allow_halfwidth_level4: o.allow_halfwidth_level4,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for h in &doc.headings {
            if h.canonical || !h.level.is_marker() {
                continue;
            }
            if self.allow_halfwidth_level4
                && h.level == Level::L4
                && h.raw.open == Some('(')
                && h.raw.close == Some(')')
                && h.raw.trailing.is_none()
                && doc.text[h.number.clone()]
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            {
                continue;
            }
            let written = doc.marker_text(h);
            let want = h.level.canonical_marker(h.value);
            out.push(
                Finding::at(
                    h.marker.clone(),
                    format!(
                        "{}序号写法不规范：{}应写作{}",
                        h.level.name_zh(),
                        quoted(written),
                        quoted(&want)
                    ),
                )
                .with_help(reason(h.level))
                .with_fix(h.marker.clone(), want, true),
            );
        }
    }
}

fn reason(level: Level) -> &'static str {
    match level {
        Level::L1 => "汉字序号后用顿号“、”（GB/T 9704-2012 7.3.3）",
        Level::L2 => "用全角括号“（）”，括号后不再加标点（GB/T 15834-2011 附录 B.3）",
        Level::L3 => "用半角阿拉伯数字加半角下脚点“.”（GB/T 9704-2012 7.3.3）",
        _ => "用全角括号和半角数字，括号后不再加标点（GB/T 9704-2012 7.3.3）",
    }
}
