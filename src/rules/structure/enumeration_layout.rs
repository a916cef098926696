//! `enumeration-layout`: items of one enumeration sequence partly start paragraphs, partly run
//! inline — usually a lost (or a stray) paragraph break.

use crate::diagnostic::{Finding, Severity};
use crate::document::Enumerator;
use crate::rules::analysis::common::quoted;
use crate::rules::analysis::enumeration::Enumerations;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain enumeration-layout`).
pub const DOCS: &str = r#"# enumeration-layout：同一组序次语有的另起一段、有的接在段中

## 检查内容
同一组 `一是/二是/三是…`（`一要…`、`第一，…`、`首先，…` 同理）要么每项都另起一段，要么都接在
同一段中（第一项不论：它可以接在引导句之后，如“必须把握好以下原则：一是……”）。两种写法混在一组里，通常是排版或复制时丢了换行（段落被合并），或多出了换行（段落被拆开）。

按多数判断：多数项另起一段时，报告接在段中的项（在它前面分段）；多数项接在段中时，报告另起一段
的项。两者一样多时，报告接在段中的项。分组方法与 `enumeration-sequence` 相同。

## 为什么
公文中并列的条目格式应当一致。段落合并后，后面的条目埋在上一项的正文里，读者很难看出条目的
层次；这类错误多出现在从网页、PDF 复制或多人合稿之后。

## 示例（错误→正确）
```text
一是国家重大战略叠加实施。……
二是新发展格局加快构建。……
三是重大基础设施逐步完善。……重大推动力。四是利好政策相继出台。……
```
“四是”应另起一段。

## 配置项
本规则只有通用配置项：
```toml
[rules.enumeration-layout]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct EnumerationLayout;

impl Rule for EnumerationLayout {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "enumeration-layout",
        summary: "同一组“一是、二是”有的另起一段、有的接在段中（段落被合并或拆开）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(EnumerationLayout)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for seq in &cx.get::<Enumerations>().sequences {
            // The first item may run on from a lead-in (`必须把握好以下原则：一是…。`) or open a
            // paragraph whichever way the others go; the rest must agree.
            // `最后，` often closes a list inline, whatever the layout of the items.
            let items: Vec<_> = seq.items[1..]
                .iter()
                .map(|&i| &doc.enumerators[i])
                .filter(|e| e.value != Enumerator::LAST)
                .collect();
            let starts = items.iter().filter(|e| e.starts_paragraph).count();
            let inline = items.len() - starts;
            if starts == 0 || inline == 0 {
                continue;
            }
            let flag_inline = starts >= inline;
            let first = &doc.enumerators[seq.items[0]];
            let others: Vec<String> = std::iter::once(first)
                .filter(|f| f.starts_paragraph == flag_inline)
                .chain(items.iter().copied())
                .filter(|e| e.starts_paragraph == flag_inline)
                .take(4)
                .map(|e| quoted(doc.slice(e.span.clone())))
                .collect();
            let mut others = others.join("");
            if starts.max(inline) > 4 {
                others.push('等');
            }
            let example = items
                .iter()
                .find(|e| e.starts_paragraph == flag_inline)
                .expect("both layouts occur");
            for e in items.iter().filter(|e| e.starts_paragraph != flag_inline) {
                let written = quoted(doc.slice(e.span.clone()));
                let finding = if flag_inline {
                    let p = &doc.paragraphs[e.paragraph];
                    let indent = &doc.text[p.span.start..p.content.start];
                    let indent = if indent.is_empty() {
                        let first = &doc.paragraphs[example.paragraph];
                        &doc.text[first.span.start..first.content.start]
                    } else {
                        indent
                    };
                    Finding::at(
                        e.span.clone(),
                        format!(
                            "{written}没有另起一段：同组的{others}都各起一段，这里可能丢了分段"
                        ),
                    )
                    .with_help(format!("在{written}之前分段"))
                    .with_fix(
                        e.span.start..e.span.start,
                        format!("\n{indent}"),
                        false,
                    )
                } else {
                    Finding::at(
                        e.span.clone(),
                        format!("{written}单独成段：同组的{others}都接在段中，这里可能多了换行"),
                    )
                    .with_help("统一同组各项的写法：都接在段中，或都另起一段")
                };
                out.push(finding.with_related(example.span.clone(), "同组的另一项"));
            }
        }
    }
}
