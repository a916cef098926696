//! `enumeration-sequence`: gaps and repeats in 一是/二是…, 一要/二要…, 第一/第二…, 首先/其次/再次.

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::common::quoted;
use crate::rules::analysis::enumeration::{EnumIssue, Enumerations};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain enumeration-sequence`).
pub const DOCS: &str = r#"# enumeration-sequence：“一是、二是”等序次语跳号或重复

## 检查内容
段中或段首的序次语 `一是/二是/三是…`、`一要/二要…`、`第一，第二，…`、`首先，其次，再次，最后`
应当连续编号，不跳号、不重复：

- 跳号：`一是…二是…四是…`，缺少“三是”；
- 重复或倒序：`一是…二是…二是…`；
- 不从一开始：一个新的小节里直接出现“二是”，前面没有“一是”。

分组方法：每一种序次语单独成组；遇到“一是”（“第一”“首先”）开始新的一组；同一标题下（含其下级
标题）继续编号。换了标题后，序号接着上一组往下排的，视为同一组，不报告；“最后”结束一组。
“其次”前面没有“首先”的属一般行文，不报告。

## 为什么
《党政机关公文处理工作条例》第二十条要求审核“段落顺序是否准确”；序次语跳号、重复多是改稿时删改
条目或段落合并拆分留下的痕迹，审稿时很难靠肉眼发现。

## 示例（错误→正确）
- `一是加强领导。二是压实责任。四是强化督查。` → 把“四是”改为“三是”，或补上缺少的一项
- `一要抓项目。二要抓招商。二要抓服务。` → 第二个“二要”改为“三要”
- `第一，…第三，…` → 补上“第二，”

## 配置项
本规则只有通用配置项：
```toml
[rules.enumeration-sequence]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct EnumerationSequence;

impl Rule for EnumerationSequence {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "enumeration-sequence",
        summary: "“一是、二是”“第一、第二”等序次语跳号、重复或不从一开始",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(EnumerationSequence)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for issue in &cx.get::<Enumerations>().issues {
            let e = &doc.enumerators[issue.item()];
            let written = doc.slice(e.span.clone());
            let finding = match &issue {
                EnumIssue::Duplicate {
                    first, expected, ..
                } => {
                    let due = e.family.word(*expected);
                    let message = match first {
                        Some(_) => format!(
                            "序次语重复：本组前面已有{}，此处应为{}",
                            quoted(written),
                            quoted(&due)
                        ),
                        None => format!(
                            "序次语顺序颠倒：本组已经排到{}，此处却是{}",
                            quoted(&e.family.word(expected - 1)),
                            quoted(written)
                        ),
                    };
                    let mut f = Finding::at(e.span.clone(), message)
                        .with_help(format!(
                            "核对条目是否重复；如果是新的一项，把{}改为{}并顺延后续序号",
                            quoted(written),
                            quoted(&due)
                        ))
                        .with_fix(e.span.clone(), due, false);
                    if let Some(first) = first {
                        f = f.with_related(doc.enumerators[*first].span.clone(), "第一次出现");
                    }
                    f
                }
                EnumIssue::Skipped {
                    previous, missing, ..
                } => {
                    let names: Vec<String> = missing
                        .iter()
                        .take(5)
                        .map(|&v| quoted(&e.family.word(v)))
                        .collect();
                    let mut list = names.join("");
                    if missing.len() > 5 {
                        list.push_str(&format!("等 {} 项", missing.len()));
                    }
                    let first_missing = e.family.word(missing[0]);
                    let message = match previous {
                        Some(p) => format!(
                            "序次语跳号：{}之后是{}，缺少{list}",
                            quoted(doc.slice(doc.enumerators[*p].span.clone())),
                            quoted(written)
                        ),
                        None => format!(
                            "序次语不从头开始：本节第一项是{}，前面没有{list}",
                            quoted(written)
                        ),
                    };
                    let mut f = Finding::at(e.span.clone(), message)
                        .with_help(format!(
                            "补上缺少的条目，或把{}改为{}并顺延后续序号",
                            quoted(written),
                            quoted(&first_missing)
                        ))
                        .with_fix(e.span.clone(), first_missing, false);
                    if let Some(p) = previous {
                        f = f.with_related(doc.enumerators[*p].span.clone(), "上一项");
                    }
                    f
                }
            };
            out.push(finding);
        }
    }
}
