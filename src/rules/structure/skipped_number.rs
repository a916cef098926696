//! `skipped-number`: a heading's number jumps past the expected one.

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::common::{marker_with_value, quoted};
use crate::rules::analysis::numbering::{Numbering, NumberingIssue};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain skipped-number`).
pub const DOCS: &str = r#"# skipped-number：层次序号跳号

## 检查内容
同一层级、同一上级标题下的序号跳过了应有的序号，例如“二、”之后直接是“四、”。报告位置在跳号的
序号上，并列出缺少的序号。重复的序号不计入序列（由 duplicate-number 报告），所以
“一、二、一、四、”报告一处重复（第二个“一、”）和一处跳号（“四、”，缺少“三、”）。

## 为什么
《党政机关公文处理工作条例》第二十条要求审核“段落顺序……是否准确”。跳号通常是删除了一节、
合并段落时丢失了标题，或者序号输入错误，读者会以为内容缺失。

## 示例（错误→正确）
```
（一）稳定经济增长
（二）转型升级
（四）园区建设          ← 错误：缺少“（三）”
```
改为 `（三）园区建设`，或补上缺少的一节。

以下写法不报告：
- 每个上级标题下重新编号、二级序号跨一级标题连续编号、法规中每条之下重新编号；
- 冒号引出的内嵌列表；
- 列表的前几项写在上一段里：引导语末尾的第一项（`应当提交下列材料：（一）登记申请书；`
  下一行是“（二）”，`如下：一、……；`、`附件：1.……`、`附件1.……`），或段中连写的几项
  （`（一）……；（二）……；` 下一行是“（三）”）——段中的序号须紧跟在句读（：；。，！？）或空格之后；
- 缺少的序号其实写在行首，只是写法不被识别为标题：`3．2026年……`（全角点后紧跟数字）、`3）`、
  `3，`、`三）`、被换行拆开的`（`/`三）`等——跳号只看序号，写法由 malformed-marker 等规则检查；
- 摘录：全文第一级序号可以不从“一、”开始（从哪个序号开始就从哪里往下检查）。

仍然报告：正文里另起的小列表（`重点抓好：（一）……（二）……（三）……。`）不能顶替外层缺少的序号；
“一、二、三产业”“三、四季度”“3000万元”“3个方面”这样的数字不算序号。

## 配置项
本规则只有通用配置项：
```toml
[rules.skipped-number]
severity = "error"   # error | warning | info
enabled = true
```
"#;

/// The rule.
pub struct SkippedNumber;

impl Rule for SkippedNumber {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "skipped-number",
        summary: "同级标题序号跳号（如“二、”之后是“四、”）",
        docs: DOCS,
        default_severity: Severity::Error,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(SkippedNumber)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for issue in cx.get::<Numbering>().0.iter().cloned() {
            let NumberingIssue::Skipped {
                heading,
                previous,
                missing,
            } = issue
            else {
                continue;
            };
            let h = &doc.headings[heading];
            let written = doc.marker_text(h);
            let missing_text: Vec<String> = missing
                .iter()
                .take(5)
                .map(|&v| quoted(&marker_with_value(doc, h, v)))
                .collect();
            let mut list = missing_text.join("");
            if missing.len() > 5 {
                list.push_str(&format!("等 {} 个", missing.len()));
            }
            let first_missing = marker_with_value(doc, h, missing[0]);
            let message = match previous {
                Some(p) => format!(
                    "{}序号跳号：{}之后是{}，缺少{list}",
                    h.level.name_zh(),
                    quoted(doc.marker_text(&doc.headings[p])),
                    quoted(written)
                ),
                None => format!(
                    "{}序号跳号：第一个序号是{}，缺少{list}",
                    h.level.name_zh(),
                    quoted(written)
                ),
            };
            let mut finding = Finding::at(h.marker.clone(), message)
                .with_help(format!(
                    "补上缺少的内容，或将{}改为{}并顺延后续序号",
                    quoted(written),
                    quoted(&first_missing)
                ))
                .with_fix(h.marker.clone(), first_missing, false);
            if let Some(p) = previous {
                let prev = &doc.headings[p];
                finding = finding.with_related(prev.marker.clone(), "上一个序号");
            }
            out.push(finding);
        }
    }
}
