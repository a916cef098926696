//! `dunhao-before-deng`: a 顿号 before 等/等等 or before a conjunction that ends a 顿号 list.

use super::{Rule, RuleMeta};
use crate::diagnostic::Finding;
use crate::document::Document;

/// Embedded docs (`gwlint explain dunhao-before-deng`).
pub const DOCS: &str = r#"# dunhao-before-deng：“等”或连词前多了顿号

## 检查内容
- 用顿号隔开的并列成分之后，“等”“等等”前不加顿号：`医院、学校、企业、等` → `医院、学校、企业等`；
- 连词“以及”“和”“与”“及”“或”前不加顿号：`城市道路建设、以及*路` → `城市道路建设以及*路`。

“和谐”“和平”“与时俱进”“及时”“或许”“等级”“等待”这类以这些字开头的词不是连词，不报告
（`民主、和谐、文明` 是正确的）。修改建议是删去顿号，可安全自动修改。

## 为什么
GB/T 15834-2011 附录 B.1：并列成分之间用顿号，“等”“等等”之前不用顿号；连词已经表示并列，
再加顿号是重复。这类错误多是删改列举项时留下的。

## 示例（错误→正确）
- `加快医院、学校、养老院、等项目建设` → `加快医院、学校、养老院等项目建设`
- `推进城市道路建设、以及断头路贯通` → `推进城市道路建设以及断头路贯通`

## 配置项
本规则只有通用配置项：
```toml
[rules.dunhao-before-deng]
severity = "warning"
enabled = true
```
"#;

super::rule_without_options! {
    /// The rule.
    DunhaoBeforeDeng {
        id: "dunhao-before-deng",
        summary: "“等”“等等”或连词（以及、和、与、及、或）前多了顿号",
        severity: Warning,
        category: Punctuation,
        fixable: true,
    }
}

/// Words after 、 that start with 等/和/与/及/或 but are not the function word.
const WORDS: [&str; 40] = [
    "等级",
    "等量",
    "等同",
    "等待",
    "等候",
    "等于",
    "等额",
    "等价",
    "等距",
    "等高",
    "等次",
    "和谐",
    "和平",
    "和睦",
    "和美",
    "和气",
    "和蔼",
    "和解",
    "和煦",
    "和顺",
    "和畅",
    "和合",
    "和衷",
    "与时俱进",
    "与日俱增",
    "与会",
    "与人为善",
    "及时",
    "及早",
    "及格",
    "及第",
    "或许",
    "或者说",
    "以及时",
    "和而不同",
    "和为贵",
    "和谐共生",
    "等值",
    "等效",
    "及物",
];

/// `A、B、和C`: the conjunction joins the last item of a list of three or more. Single-character
/// conjunctions are also the first character of names (`和牛`, `和若铁路`, `和康`) and of
/// prepositional phrases (`与…相适应、与…相协调`), so the 、 is reported only when the clause has
/// another 、 before it, none after the conjunction's item, and the phrase is not `与…相…`.
fn is_final_conjunction(doc: &Document, pos: usize, word: &str) -> bool {
    let text = doc.text.as_str();
    let is_boundary = |c: char| matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n');
    let clause_start = text[..pos]
        .char_indices()
        .rev()
        .take(120)
        .find(|&(_, c)| is_boundary(c))
        .map_or(pos.saturating_sub(360).min(pos), |(i, c)| i + c.len_utf8());
    let clause_start = (0..=clause_start)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[clause_start..pos];
    let previous_item = before.rsplit('、').next().unwrap_or(before);
    if !before.contains('、') || previous_item.contains(word) || previous_item.ends_with('的') {
        return false;
    }
    let after = &text[pos + '、'.len_utf8()..];
    let item: String = after
        .chars()
        .take_while(|&c| !is_boundary(c))
        .take(60)
        .collect();
    if item.contains('、') {
        return false;
    }
    !(word == "与" && item.chars().take(15).any(|c| c == '相'))
}

impl Rule for DunhaoBeforeDeng {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for m in doc.marks() {
            if m.ch != '、' {
                continue;
            }
            let rest = &doc.text[m.end()..];
            let Some(word) = ["等等", "以及", "等", "和", "与", "及", "或"]
                .into_iter()
                .find(|w| rest.starts_with(w))
            else {
                continue;
            };
            if WORDS.iter().any(|w| rest.starts_with(w)) {
                continue;
            }
            if matches!(word, "和" | "与" | "及" | "或") && !is_final_conjunction(doc, m.pos, word)
            {
                continue;
            }
            // `、等` must follow an item, not start a clause.
            if doc
                .char_before(m.pos)
                .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '”' | '》' | '）' | '*'))
            {
                continue;
            }
            let span = m.pos..m.end();
            let what = if word.starts_with('等') {
                format!("“{word}”前不加顿号")
            } else {
                format!("连词“{word}”前不加顿号")
            };
            out.push(
                Finding::new(META.id, span.clone(), format!("多余的顿号：{what}"))
                    .with_help("删去顿号（GB/T 15834-2011 附录 B.1）")
                    .with_fix(span, "", true),
            );
        }
    }
}
