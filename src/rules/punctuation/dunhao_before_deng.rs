//! `dunhao-before-deng`: a 顿号 before 等/等等 or before a conjunction that ends a 顿号 list.

use crate::rules::analysis::word_lists::{self, WordList};
use std::collections::HashSet;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain dunhao-before-deng`).
pub const DOCS: &str = r#"# dunhao-before-deng：“等”或连词前多了顿号

## 检查内容
- 用顿号隔开的并列成分之后，“等”“等等”前不加顿号：`医院、学校、企业、等` → `医院、学校、企业等`；
- 连词“以及”“和”“与”“及”“或”前不加顿号：`城市道路建设、以及*路` → `城市道路建设以及*路`。

“和谐”“和平”“与时俱进”“及时”“或许”“等级”“等待”这类以这些字开头的词不是连词，不报告
（`民主、和谐、文明` 是正确的）。单字连词“和”“与”“及”“或”还要满足以下条件才报告：

- 不是以这些字开头的地名：县级以上的“和田”“和静”“和硕”“和龙”“和县”“和政”“和顺”
  “和林格尔”“和布克赛尔”等不报告；本文其他地方在句首、标点后出现同样两个字（`和什托洛盖镇位于…`
  `与会代表…`）的，也视为词语；连词之后只剩一个字、而前面各项都是两个字以上的（`喀什、阿克苏、
  和田等`）同样视为词语；
- “和”“与”不是介词：`与…相适应`，以及其后的成分远长于前面各项的（`孵化跟投、与概念验证成果利益
  绑定等`、`科技、产业、和上海张江开展深度合作`）不报告；
- 连词所连的一项之后不再有顿号（`A、和B、C` 不报告）。

因此 `交通、能源、水利、和信息基础设施建设` 这类最后一项很长的写法也不报告（宁可漏报）。
“等”“等等”“以及”前的顿号不受这些限制。修改建议是删去顿号，可安全自动修改。

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

/// The rule.
pub struct DunhaoBeforeDeng;

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    place_names: WordList,
    words: WordList,
}

/// The shipped word lists (`rules/words/dunhao-before-deng.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/dunhao-before-deng.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("dunhao-before-deng", WORDS_DATA))
}

/// `A、B、和C`: the conjunction joins the last item of a list of three or more. Single-character
/// conjunctions are also the first character of names (`和牛`, `和若铁路`, `和康`) and of
/// prepositional phrases (`与…相适应、与…相协调`), so the 、 is reported only when the clause has
/// another 、 before it, none after the conjunction's item, and the phrase is not `与…相…`.
fn is_final_conjunction(
    doc: &Document,
    pos: usize,
    word: &str,
    starts: &mut Option<HashSet<(char, char)>>,
) -> bool {
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
    if word == "与" && item.chars().take(15).any(|c| c == '相') {
        return false;
    }
    // The item the conjunction would join: up to `等`, `的`, a count (`三大产业`) or the clause
    // end.
    let joined = item[word.len()..]
        .split([
            '等', '的', '两', '二', '三', '四', '五', '六', '七', '八', '九', '十',
        ])
        .next()
        .unwrap_or("")
        .chars()
        .count();
    let previous_len = previous_item.chars().count();
    // `喀什、阿克苏、和田等`: one character left after the “conjunction” while the other items
    // have two or more — the character starts a name.
    if joined <= 1 && previous_len >= 2 {
        return false;
    }
    // `孵化跟投、与概念验证成果利益绑定等`: 和/与 also open a prepositional phrase (与…绑定,
    // 和…合作), much longer than the items before it.
    if matches!(word, "和" | "与") {
        let longest = before
            .split('、')
            .skip(1)
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0);
        if joined > 2 * longest && joined >= longest + 4 {
            return false;
        }
    }
    // The same two characters elsewhere at the start of a clause (`和田地区`, `与会代表`) are a
    // word, not a conjunction.
    let mut chars = item.chars();
    let pair = (chars.next().unwrap_or(' '), chars.next().unwrap_or(' '));
    !starts
        .get_or_insert_with(|| clause_start_pairs(text))
        .contains(&pair)
}

/// The conjunction characters followed by the next character wherever they stand at the start of
/// a clause (after punctuation or at a line start): `和田地区…`, `与会代表…` — there they are the
/// first character of a word. One pass over the text per document, built when first needed.
fn clause_start_pairs(text: &str) -> HashSet<(char, char)> {
    let mut out = HashSet::new();
    for conj in ["和", "与", "及", "或"] {
        for i in memchr::memmem::find_iter(text.as_bytes(), conj.as_bytes()) {
            let starts_clause = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '、');
            if let (true, Some(next)) = (starts_clause, text[i + conj.len()..].chars().next()) {
                out.insert((conj.chars().next().unwrap_or(' '), next));
            }
        }
    }
    out
}

impl Rule for DunhaoBeforeDeng {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "dunhao-before-deng",
        summary: "“等”“等等”或连词（以及、和、与、及、或）前多了顿号",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(DunhaoBeforeDeng)
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let mut starts = None;
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
            if words().place_names.starts(rest) || words().words.starts(rest) {
                continue;
            }
            if matches!(word, "和" | "与" | "及" | "或")
                && !is_final_conjunction(doc, m.pos, word, &mut starts)
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
                Finding::at(span.clone(), format!("多余的顿号：{what}"))
                    .with_help("删去顿号（GB/T 15834-2011 附录 B.1）")
                    .with_fix(span, "", true),
            );
        }
    }
}
