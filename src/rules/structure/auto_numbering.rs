//! `auto-numbering`: paragraphs of a Word document numbered by Word itself (`w:numPr`). The
//! numbers are not in the text, so the numbering rules cannot see them: say so, once per file,
//! instead of missing a duplicate or a gap silently.

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain auto-numbering`).
pub const DOCS: &str = r#"# auto-numbering：Word 自动编号的段落

## 检查内容
.docx 文件中用 Word“编号”功能生成的序号（一、（一）1.）不是正文文字，而是 Word 显示时生成的。
gwlint 读的是正文，看不到这些序号，也就无法检查它们是否重复、跳号、层级是否正确。

本规则在文件中第一个自动编号的段落报告一次，列出共有几段、是哪几段（段落号），提示人工核对，
或把自动编号转为文字（Word：选中 → 右键 →“编号”→ 转换为文本；WPS 类似）后再检查。

## 为什么
自动编号最容易在复制、合并文稿时出错（重新从“一、”开始、跳号），而正文里又看不到；
如果不提示，检查结果会让人误以为序号没有问题。

## 示例（错误→正确）
- 第 3、5、9 段使用 Word 自动编号 → 转换为文字后再检查，或人工核对序号

## 配置项
本规则只有通用配置项：
```toml
[rules.auto-numbering]
severity = "info"
enabled = true
```
"#;

/// The rule.
pub struct AutoNumbering;

impl Rule for AutoNumbering {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "auto-numbering",
        summary: "Word 自动编号的段落：序号不在正文中，无法检查（每个文件提示一次）",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Structure,
        fixable: false,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(AutoNumbering)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let Some(&first) = doc.auto_numbered.first() else {
            return;
        };
        let Some(p) = doc.paragraphs.get(first) else {
            return;
        };
        let shown: Vec<String> = doc
            .auto_numbered
            .iter()
            .take(12)
            .map(|i| (i + 1).to_string())
            .collect();
        let more = if doc.auto_numbered.len() > shown.len() {
            " 等"
        } else {
            ""
        };
        out.push(
            Finding::at(p.content.clone(),
                format!(
                    "共 {} 段使用 Word 自动编号（段落 {}{more}）：序号不在正文中，未检查是否重复、跳号",
                    doc.auto_numbered.len(),
                    shown.join("、")
                ),
            )
            .with_help("人工核对这些段落的序号，或在 Word 中把自动编号转换为文本后再检查"),
        );
    }
}
