//! `duplicate-number`: a heading repeats the number of an earlier sibling.

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::common::{marker_with_value, quoted};
use crate::rules::analysis::numbering::{Numbering, NumberingIssue};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain duplicate-number`).
pub const DOCS: &str = r#"# duplicate-number：层次序号重复

## 检查内容
同一层级、同一上级标题下的标题序号出现重复，例如一级标题依次为“一、”“二、”“一、”。
报告位置在重复的序号上，并指出第一次使用该序号的位置和此处应有的序号。

## 为什么
《党政机关公文处理工作条例》第二十条要求审核“段落顺序……是否准确”；GB/T 9704-2012 第 7.3.3 条规定
结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。序号重复通常是增删段落后没有重新编号。

## 示例（错误→正确）
```
一、目前已开展的工作
二、关于当前经济形势
一、关于今年工作        ← 错误：应为“三、”
```
改为 `三、关于今年工作`。

以下写法不报告：
- 每个上级标题下重新从（一）编号（默认规则）；
- 国务院文件常见的二级序号跨一级标题连续编号（（一）…（三十））——自动识别；
- 法规中每个“第X条”之下重新编号；
- 冒号引出的小列表重新从（一）编号、目录之后正文重新编号等“内嵌列表”，包括第一项写在引导语
  同一行的（`应当提交下列材料：一、登记申请书；` 下一行是“二、”）。

## 配置项
本规则只有通用配置项：
```toml
[rules.duplicate-number]
severity = "error"   # error | warning | info
enabled = true
```
"#;

/// The rule.
pub struct DuplicateNumber;

impl Rule for DuplicateNumber {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "duplicate-number",
        summary: "同级标题序号重复（如“一、二、一、”）",
        docs: DOCS,
        default_severity: Severity::Error,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(DuplicateNumber)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for issue in cx.get::<Numbering>().0.iter().cloned() {
            let NumberingIssue::Duplicate {
                heading,
                first,
                expected,
            } = issue
            else {
                continue;
            };
            let h = &doc.headings[heading];
            let f = &doc.headings[first];
            let written = doc.marker_text(h);
            let want = marker_with_value(doc, h, expected);
            let first_line = doc.lines.line_of(f.marker.start);
            out.push(
                Finding::at(
                    h.marker.clone(),
                    format!(
                        "{}序号{}重复：第 {first_line} {unit}已用过，此处应为{}",
                        h.level.name_zh(),
                        quoted(written),
                        quoted(&want),
                        unit = doc.kind.line_unit(),
                    ),
                )
                .with_related(
                    f.marker.clone(),
                    format!("第一次使用{}", quoted(doc.marker_text(f))),
                )
                .with_help(format!(
                    "将{}改为{}，并检查后续序号",
                    quoted(written),
                    quoted(&want)
                ))
                .with_fix(h.marker.clone(), want, false),
            );
        }
    }
}
