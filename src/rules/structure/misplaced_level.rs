//! `misplaced-level`: outline levels out of order — a （一） block before any 一、, a level-2
//! heading after level-3 ones under the same parent, and (when configured) skipped levels.

use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::document::{Document, Heading, Level};
use crate::rules::analysis::common::quoted;
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain misplaced-level`).
pub const DOCS: &str = r#"# misplaced-level：标题层级顺序颠倒

## 检查内容
层次序号按 `一、` > `（一）` > `1.` > `（1）` 逐级嵌套。本规则报告：

- **上级未出现就先用下级**：文中有 `一、` 级标题，但第一个 `一、` 之前已经出现了 `（一）`
  （或 `1.`、`（1）`）开头的一组标题；
- **同一上级下先深后浅**：同一个 `一、` 之下先出现 `1.`，后面又出现 `（一）`——`（一）` 应在
  `1.` 之上；
- **跳级**（默认允许）：`一、` 之下直接用 `1.`，或 `（一）` 之下直接用 `（1）`。篇幅较短的公文
  常用“一、”+“1.”两级，GB/T 9704 也允许“可以”这样标注，所以默认不报告；单位要求逐级使用时
  把 `allow-skip` 设为 `false`。

文件开头直接从 `（一）` 或 `1.` 开始、全文没有更高层级的（节选、短通知），不报告。

## 为什么
GB/T 9704-2012 第 7.3.3 条规定结构层次序数依次用“一、”“（一）”“1.”“（1）”标注；层级颠倒
通常是改稿时整段移动、合并材料或复制粘贴造成的，读者会误解条目之间的从属关系。

## 示例（错误→正确）
```text
（一）指导思想          ← 在任何“一、”之前
一、总体要求
```
```text
一、重点任务
1.稳增长
（一）扩大投资          ← 同属“一、”，却排在“1.”之后
```

## 配置项
```toml
[rules.misplaced-level]
severity = "warning"
# 允许跳级使用（“一、”下直接用“1.”）
allow-skip = true
```
"#;

/// Options.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Accept a level used directly under a level two steps up (一、 → 1.).
    pub allow_skip: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { allow_skip: true }
    }
}

/// The rule.
pub struct MisplacedLevel {
    allow_skip: bool,
}

/// The nearest ancestor at one of the four marker levels.
fn marker_parent<'a>(doc: &'a Document, h: &Heading) -> Option<&'a Heading> {
    h.parent
        .map(|p| &doc.headings[p])
        .filter(|p| p.level.is_marker())
}

impl Rule for MisplacedLevel {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "misplaced-level",
        summary: "标题层级顺序颠倒（上级之前先出现下级，或同一上级下先深后浅）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: false,
    };

    fn new(o: Options) -> Result<Self, String> {
        Ok(MisplacedLevel {
            allow_skip: o.allow_skip,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let hs = &doc.headings;
        // First heading of each marker level, for "deeper block before the first shallower one".
        let mut first_of: [Option<usize>; 4] = [None; 4];
        for (id, h) in hs.iter().enumerate() {
            if let Some(slot) = marker_index(h.level) {
                first_of[slot].get_or_insert(id);
            }
        }

        // 1. A run of root headings of level L before the first heading of a shallower level.
        let mut reported_root_run = false;
        // (level, first shallower heading) pairs already found to be a legitimate scheme: every
        // heading of such a run gives the same answer, so it is worked out once.
        let mut exempt: std::collections::HashSet<(usize, usize)> =
            std::collections::HashSet::new();
        for (id, h) in hs.iter().enumerate() {
            let Some(slot) = marker_index(h.level) else {
                continue;
            };
            if h.parent.is_some() || reported_root_run {
                continue;
            }
            // The shallowest level that first appears after this heading.
            let later = (0..slot).find_map(|s| first_of[s].filter(|&f| f > id));
            let Some(shallow) = later else {
                continue;
            };
            if exempt.contains(&(slot, shallow)) {
                continue;
            }
            if is_attachment_list(doc, h) || is_top_level_scheme(doc, id, shallow) {
                exempt.insert((slot, shallow));
                continue;
            }
            let sh = &hs[shallow];
            out.push(
                Finding::at(
                    h.marker.clone(),
                    format!(
                        "{}出现在第一个{}之前：{}应属于某个{}之下",
                        h.level.name_zh(),
                        sh.level.name_zh(),
                        quoted(doc.marker_text(h)),
                        quoted(doc.marker_text(sh))
                    ),
                )
                .with_help(format!(
                    "检查这一组标题的层级：在它前面补上{}级标题，或把它们改为与{}同级",
                    quoted(&sh.level.canonical_marker(1)),
                    quoted(doc.marker_text(sh))
                ))
                .with_related(sh.marker.clone(), "第一个上级标题"),
            );
            reported_root_run = true;
        }

        // 2. Under one parent, a shallower child after a deeper one (一、 → 1. → （一）).
        //    3. Skipped levels, unless allowed.
        let mut deepest_child: std::collections::HashMap<Option<usize>, usize> =
            std::collections::HashMap::new();
        let mut reported_parent: std::collections::HashSet<Option<usize>> =
            std::collections::HashSet::new();
        let mut skip_reported: std::collections::HashSet<Option<usize>> =
            std::collections::HashSet::new();
        for (id, h) in hs.iter().enumerate() {
            if !h.level.is_marker() {
                continue;
            }
            let key = h.parent;
            if key.is_none() {
                // Root headings: the first check above covers them.
                continue;
            }
            match deepest_child.get(&key) {
                Some(&d) if hs[d].level > h.level => {
                    if reported_parent.insert(key) {
                        let deeper = &hs[d];
                        let parent_text = key
                            .map(|p| format!("同属{}", quoted(doc.marker_text(&hs[p]))))
                            .unwrap_or_else(|| "同在文件开头部分".to_owned());
                        out.push(
                            Finding::at(
                                h.marker.clone(),
                                format!(
                                    "层级顺序颠倒：{}{}排在{}{}之后（{parent_text}）",
                                    h.level.name_zh(),
                                    quoted(doc.marker_text(h)),
                                    deeper.level.name_zh(),
                                    quoted(doc.marker_text(deeper))
                                ),
                            )
                            .with_help(format!(
                                "{}应在{}之上：调整前面{}这组条目的层级，或把它们移到相应的{}之下",
                                quoted(&h.level.canonical_marker(1)),
                                quoted(&deeper.level.canonical_marker(1)),
                                quoted(doc.marker_text(deeper)),
                                quoted(&h.level.canonical_marker(1))
                            ))
                            .with_related(deeper.marker.clone(), "较深层级的条目"),
                        );
                    }
                }
                Some(&d) if hs[d].level >= h.level => {}
                _ => {
                    deepest_child.insert(key, id);
                }
            }

            if !self.allow_skip
                && let Some(parent) = marker_parent(doc, h)
                && level_gap(parent.level, h.level) > 1
                && skip_reported.insert(key)
            {
                let expected = next_level(parent.level);
                out.push(
                    Finding::at(
                        h.marker.clone(),
                        format!(
                            "跳级：{}{}之下直接用了{}{}",
                            parent.level.name_zh(),
                            quoted(doc.marker_text(parent)),
                            h.level.name_zh(),
                            quoted(doc.marker_text(h))
                        ),
                    )
                    .with_help(format!(
                        "应先用{}级标题（本单位允许跳级时，可设置 allow-skip = true）",
                        quoted(&expected.canonical_marker(1))
                    ))
                    .with_related(parent.marker.clone(), "上级标题"),
                );
            }
        }
    }
}

/// `附件：1.…` followed by `2.…`: a list of attachments in the header, not outline headings.
fn is_attachment_list(doc: &Document, h: &Heading) -> bool {
    crate::rules::analysis::numbering::follows_inline_first_item(doc, h)
        || crate::rules::analysis::common::previous_text(doc, h.paragraph)
            .is_some_and(|t| t.trim_start().starts_with("附件"))
}

/// Old reports number their parts （一）（二）（三） with 一、 lists inside: the deeper level keeps
/// counting after the shallower one appears (（二） … 一、 … （三）), or the shallower markers
/// follow a lead-in ending in a colon. Either way the deeper level is the document's top level,
/// not a misplaced block.
fn is_top_level_scheme(doc: &Document, first: usize, shallow: usize) -> bool {
    // The shallower markers open a list after a lead-in (`主要内容是：` 一、… 二、…) inside a part.
    if crate::rules::analysis::common::previous_text(doc, doc.headings[shallow].paragraph)
        .is_some_and(|t| t.ends_with(['：', ':']))
    {
        return true;
    }
    let level = doc.headings[first].level;
    let Some(last_before) = doc.headings[first..shallow]
        .iter()
        .rev()
        .find(|h| h.level == level)
    else {
        return false;
    };
    doc.headings[shallow..]
        .iter()
        .find(|h| h.level == level)
        .is_some_and(|next| next.value == last_before.value + 1)
}

fn marker_index(level: Level) -> Option<usize> {
    match level {
        Level::L1 => Some(0),
        Level::L2 => Some(1),
        Level::L3 => Some(2),
        Level::L4 => Some(3),
        _ => None,
    }
}

fn level_gap(parent: Level, child: Level) -> usize {
    match (marker_index(parent), marker_index(child)) {
        (Some(p), Some(c)) => c.saturating_sub(p),
        _ => 0,
    }
}

fn next_level(level: Level) -> Level {
    match level {
        Level::L1 => Level::L2,
        Level::L2 => Level::L3,
        _ => Level::L4,
    }
}
