//! `merged-paragraphs`: a line that holds several paragraphs, each old paragraph's indent left
//! mid-line by an export (`…公正的原则。　　第四条　国家建立…`).

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::whitespace;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain merged-paragraphs`).
pub const DOCS: &str = r#"# merged-paragraphs：几段文字被合并成一行

## 检查内容
从网页、PDF 或排版软件导出文字时，段落之间的换行常常丢失，几段文字连成一行，每段原来的段首
缩进（两个全角空格、几个半角空格或制表符）留在了行中：

`……遵循公开、公平、公正的原则。　　第四条　国家建立统一的……`

本规则每行报告一次：“此行似由 N 段合并而成（段首缩进留在了行中）”，位置在第一处留下的缩进上。
判断依据：
- 空白紧跟在句末点号（`。！？；`，可隔着后引号、后括号）之后，或跟在 `：` 之后而下一段是完整的句子，
  或跟在一个标题（层次序号加标题文字，`一、总体要求　　为深入贯彻……。`）之后而下一段是完整的句子；
- 空白是两个及以上的空白字符（任何宽度的空格混用均可），或一个制表符；一行中已有这样的缩进时，
  句末之后单个的全角空格、不间断空格也算；
- 空白之后的文字像一段的开头：含句末点号，或以层次序号（`一、` `（一）` `1.` `第四条`）开头，
  或空白不宽于一般的段首缩进（4 个空白字符以内）而其后的文字不短于 15 个字。

不报告：句末之后单独一个半角空格（那是多余的空格，由 `stray-whitespace` 报告）；表格拍平成一行
（单元格之间的空白之后是短的单元格）；推到右边的落款和成文日期（`特此通知。　　　　2024年3月1日`、
`特此通知。　　　　　　中华人民共和国国家发展和改革委员会办公厅`）；
`签发人：　　张三` 这样的字段；目录行；英文句点后的两个空格；段首缩进和行尾空白。

本规则只提示，不自动修改：应在每处缩进前断开成独立的段落。

## 为什么
GB/T 9704-2012 第 7.3.3 条：公文正文每个自然段左空二字，回行顶格——一段一行。几段合成一行后，
层次序号、条款序号不再位于段首，依赖段落结构的检查（序号跳号、条款编排）都会失准，
排版时也会错位。`stray-whitespace` 不再把这些缩进逐个报告为多余空白。

## 示例（错误→正确）
- `……公正的原则。　　第四条　国家建立……` → 在“第四条”前换行，另起一段
- `……请予审议。　　一、过去一年工作回顾` → 在“一、”前换行

## 配置项
本规则只有通用配置项：
```toml
[rules.merged-paragraphs]
severity = "info"
enabled = true
```
"#;

/// The rule.
pub struct MergedParagraphs;

impl Rule for MergedParagraphs {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "merged-paragraphs",
        summary: "几段文字合并成了一行：原来的段首缩进留在行中（导出时丢失换行）",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Structure,
        fixable: false,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(MergedParagraphs)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for line in whitespace::lines(doc) {
            let indents = whitespace::merged_indents(doc, &line);
            let Some(&first) = indents.first() else {
                continue;
            };
            let span = line.inner[first].span.clone();
            out.push(
                Finding::at(
                    span,
                    format!(
                        "此{unit}似由 {} 段合并而成（段首缩进留在了{unit}中）",
                        indents.len() + 1,
                        unit = doc.kind.line_unit(),
                    ),
                )
                .with_help("在每处留下的缩进前断开，各自另起一段"),
            );
        }
    }
}
