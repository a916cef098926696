//! `heading-punctuation`: a standalone heading that ends with punctuation while its siblings do
//! not — or a "heading" that is really a body sentence (a lost heading line).

use std::collections::HashMap;

use crate::diagnostic::{Finding, Severity};
use crate::document::{Document, Heading, Level};
use crate::rules::analysis::common::quoted;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain heading-punctuation`).
pub const DOCS: &str = r#"# heading-punctuation：标题末尾标点与同级标题不一致

## 检查内容
单独成行的标题末尾不用标点；标题与正文接排（“（一）标题句。正文……”，常见于二至四级）时，
标题句以句号结束。本规则按同级标题（同一上级之下、同一层级）比较：

- 同级标题大多单独成行、末尾没有标点，个别标题却以 `。` `；` `，` `：` 等结尾——
  短的标题删去末尾标点即可（可安全自动修改）；
- 这样的“标题”如果很长（超过 30 个字），多半是一句正文被编成了标题：原来的标题行丢了，正文
  第一句顶了上来（例如一级标题中夹着一句 `一、*区是改革成效充分展现之年，……至关重要。`）；
- 同级标题都单独成行，个别标题却接排了正文（标题句之后还有正文），也报告，位置在标题句的句号上。

同级标题都以句号结尾（如“1.坚持党的领导。”这样的条目），或都与正文接排的，不报告。

## 为什么
GB/T 15834-2011 附录 B.4：标题末尾通常不用标点。一级标题应单独成行。同级标题写法应当全文
统一；与众不同的那一个，往往是排版、合稿时丢了换行或丢了标题行。

## 示例（错误→正确）
- `一、总体要求` `二、重点任务。` `三、保障措施` → `二、重点任务`
- `一、目前已开展的工作` `二、关于当前经济形势`
  `一、*区是改革成效充分展现之年，……做好今年工作至关重要。` → 补上丢失的标题行（如
  `三、关于今年工作`），把这句话放回正文

## 配置项
本规则只有通用配置项：
```toml
[rules.heading-punctuation]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct HeadingPunctuation;

/// A title longer than this that ends in punctuation reads as a body sentence.
const SENTENCE_CHARS: usize = 30;

/// How a heading's title is written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// Marker only.
    Empty,
    /// Standalone, no punctuation at the end.
    Bare,
    /// Standalone, ends with punctuation at `punct` (byte range).
    Punctuated {
        punct: std::ops::Range<usize>,
        chars: usize,
    },
    /// Title sentence ending at `stop` (the `。`), then body text.
    RunIn { stop: std::ops::Range<usize> },
}

fn is_end_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '．' | '！' | '？' | '!' | '?' | '；' | ';' | '，' | ',' | '、' | '：' | ':'
    )
}

fn shape(doc: &Document, h: &Heading) -> Shape {
    let raw = &doc.text[h.title.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let title = raw.trim();
    let start = h.title.start + lead;
    let Some(last) = title.chars().next_back() else {
        return Shape::Empty;
    };
    let body_end = start + title.len();
    // A sentence stop with text after it: a run-in title.
    if let Some(i) = title.find(['。', '！', '？'])
        && i + 3 < title.len()
    {
        return Shape::RunIn {
            stop: start + i..start + i + 3,
        };
    }
    if is_end_punct(last) {
        return Shape::Punctuated {
            punct: body_end - last.len_utf8()..body_end,
            chars: title.chars().count(),
        };
    }
    Shape::Bare
}

/// Sibling headings (same parent, same level), with lists nested inside a section split off: a
/// run that starts again at 1 after a lead-in ending in a colon (`主要内容是：` 一、… 二、…) or
/// that goes on with 2 is its own group while it counts on, as in old reports that use 一、 at two
/// depths. A lone repeated 一、 stays with its siblings.
fn sibling_groups(doc: &Document) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Per (parent, level): the outer group and the nested list currently open.
    let mut open: HashMap<(Option<usize>, Level), (usize, Option<usize>)> = HashMap::new();
    // The next sibling's value, found by a backward pass.
    let mut next_value: Vec<Option<u32>> = vec![None; doc.headings.len()];
    let mut seen: HashMap<(Option<usize>, Level), u32> = HashMap::new();
    for (id, h) in doc.headings.iter().enumerate().rev() {
        let key = (h.parent, h.level);
        next_value[id] = seen.get(&key).copied();
        seen.insert(key, h.value);
    }
    for (id, h) in doc.headings.iter().enumerate() {
        if !h.level.is_marker() {
            continue;
        }
        let key = (h.parent, h.level);
        let lead_in = h.value == 1
            && (next_value[id] == Some(2)
                || crate::rules::analysis::common::previous_text(doc, h.paragraph)
                    .is_some_and(|t| t.ends_with(['：', ':'])));
        match open.get_mut(&key) {
            None => {
                groups.push(vec![id]);
                open.insert(key, (groups.len() - 1, None));
            }
            Some((outer, nested)) => {
                if lead_in {
                    groups.push(vec![id]);
                    *nested = Some(groups.len() - 1);
                } else if let Some(n) = *nested
                    && doc.headings[*groups[n].last().expect("non-empty")].value + 1 == h.value
                {
                    groups[n].push(id);
                } else {
                    *nested = None;
                    groups[*outer].push(id);
                }
            }
        }
    }
    groups
}

impl Rule for HeadingPunctuation {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "heading-punctuation",
        summary: "标题末尾有标点或接排了正文，而同级标题都单独成行、末尾无标点",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(HeadingPunctuation)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let group_list = sibling_groups(doc);
        for ids in group_list {
            if ids.len() < 3 {
                continue;
            }
            let shapes: Vec<Shape> = ids
                .iter()
                .map(|&id| shape(doc, &doc.headings[id]))
                .collect();
            let bare: Vec<usize> = (0..ids.len())
                .filter(|&i| shapes[i] == Shape::Bare)
                .collect();
            let counted = shapes.iter().filter(|s| **s != Shape::Empty).count();
            // Most siblings (and at least two) stand alone without punctuation.
            if bare.len() < 2 || bare.len() * 2 <= counted {
                continue;
            }
            let example = &doc.headings[ids[bare[0]]];
            for (i, s) in shapes.iter().enumerate() {
                let h = &doc.headings[ids[i]];
                let marker = quoted(doc.marker_text(h));
                let sibling = quoted(doc.text[example.marker.start..example.title.end].trim());
                let finding = match s {
                    Shape::Punctuated { punct, chars } if *chars > SENTENCE_CHARS => Finding::at(punct.clone(),
                        format!(
                            "{}{}像是一句正文：长 {chars} 字、以{}结尾，而同级标题都是不带标点的短语，可能丢了标题行",
                            h.level.name_zh(),
                            marker,
                            quoted(&doc.text[punct.clone()])
                        ),
                    )
                    .with_help(format!(
                        "核对原稿：补上丢失的标题行，把这句话放回正文；同级标题如{sibling}"
                    )),
                    Shape::Punctuated { punct, .. } => Finding::at(punct.clone(),
                        format!(
                            "标题末尾不用标点：{}{}以{}结尾，同级标题都没有",
                            h.level.name_zh(),
                            marker,
                            quoted(&doc.text[punct.clone()])
                        ),
                    )
                    .with_help("删去标题末尾的标点（GB/T 15834-2011 附录 B.4）")
                    .with_fix(punct.clone(), "", true),
                    Shape::RunIn { stop } => Finding::at(stop.clone(),
                        format!(
                            "标题与正文接排：{}{}之后接了正文，而同级标题都单独成行",
                            h.level.name_zh(),
                            marker
                        ),
                    )
                    .with_help(format!(
                        "在标题句之后分段，或核对是否丢了标题行；同级标题如{sibling}"
                    )),
                    Shape::Empty | Shape::Bare => continue,
                };
                out.push(finding.with_related(example.marker.clone(), "同级标题"));
            }
        }
    }
}
