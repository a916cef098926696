//! `inconsistent-term`: one concept written two ways in one document (作决策 / 做决策, 制定 /
//! 制订 on the same object, amounts in 亿元 and in bare 亿). Groups of forms are TOML data; the minority form is
//! reported, pointing at the form the document mostly uses.

use crate::rules::analysis::word_lists::{self, WordList};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::engine::prefilter::LexicalChars;
use crate::rules::analysis::terms::{Entry, TermList};
use crate::rules::analysis::written_numbers::{is_chinese_numeral, number_before};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// The shipped groups (`rules/terms/inconsistent-term.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/inconsistent-term.toml");

/// Embedded docs (`gwlint explain inconsistent-term`).
pub const DOCS: &str = r#"# inconsistent-term：同一概念前后写法不一

## 检查内容
同一篇文件里，同一个词或提法用了两种写法：
- 词组（数据在 `rules/terms/inconsistent-term.toml`）：`作决策`/`做决策`、`其他`/`其它`。
  组里写了推荐写法（preferred）的，文中用了推荐写法，其他写法就都报告；没写的，以全文用得最多的
  写法为准，它至少要用到少数写法的三倍才报告。这些词单看都不算错，默认只作提示。
- 两个词都对、各有其义的（`制定`＝定出法律、政策、制度，`制订`＝拟订计划、方案）：只在
  同一搭配前后写法不一（`制定实施方案……制订实施方案`），或法律、法规、政策、制度、条例、
  办法等宾语前用了“制订”而全文也用“制定”（`制订扶持政策`）时提示；`制定规划`与`制订计划`
  并存不报告。宾语只看动词之后到分句结束或第一个“和、及、与、、”为止的 12 个字以内。
  这类组最高为提示。
- 字数不同的固定提法是不同的提法，不算写法不一：`做大做强`、`做强做优做大`、`做大做优做强`
  各有所指，不报告，也不会建议删去其中的字。
- 金额单位：文中金额多写作 `*亿元`，个别地方写成 `*亿`（`力争全年到位*亿以上`）。只数紧跟在
  数字（或占位符 `*`）后、前文有“投资、资金、收入、产值、规模……”等金额用语的“亿”；
  “亿人”“亿美元”“亿立方米”等不算。以警告报告，修改建议是补上“元”。

每处报告都指向全文通用写法的第一次出现。

## 为什么
《党政机关公文处理工作条例》第二十条要求用词准确、规范；同一概念前后写法不一，读者会以为是
两件事，也显得文稿没有统稿。计量单位前后一致是公文审核的常规项。

## 示例（错误→正确）
- `看问题、做决策……想问题、作决策` → 统一为“作决策”
- `制定支持政策……制订扶持政策` → `制定扶持政策`
- `到位*亿元……力争全年到位*亿以上` → `*亿元以上`

## 数据来源
《现代汉语词典》作/做、制定/制订、其他/其它条；党的十九大报告；各组的 source 字段。

## 配置项
```toml
[rules.inconsistent-term]
severity = "warning"
# 关闭某组（写组 id）
disable = ["qita-qita"]
# 本单位的组：第一个写法是推荐写法
extend = [["登记", "登计"]]
# 金额单位（亿元/亿）是否检查
amount-units = true
```
"#;

/// A group of forms of one concept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Kebab-case id.
    pub id: String,
    /// The forms.
    pub forms: Vec<String>,
    /// The standard form, if any.
    #[serde(default)]
    pub preferred: Option<String>,
    /// The most this group reports at.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Usage note.
    #[serde(default)]
    pub note: Option<String>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// `[text, text with the reported form marked 【…】]`, checked by a test.
    #[serde(default)]
    pub examples: Vec<(String, String)>,
    /// For forms that are each right in their own sense (制定/制订): the objects that take a
    /// given form (`{ "制定" = ["政策", "法规"] }`). Such a group is only reported where one
    /// collocation is written both ways, or where an object listed for one form follows another
    /// form the document also uses; never above `info`.
    #[serde(default)]
    pub objects: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    group: Vec<Group>,
}

/// Options.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Extra groups as lists of forms, the first preferred.
    pub extend: Option<Vec<Vec<String>>>,
    /// Group ids to turn off.
    pub disable: Option<Vec<String>>,
    /// Groups in the shipped format (`[[group]]`), usually from an `include`d file.
    pub group: Option<Vec<Group>>,
    /// Whether amounts in 亿元 and bare 亿 are compared.
    pub amount_units: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            extend: None,
            disable: None,
            group: None,
            amount_units: true,
        }
    }
}

/// The rule.
pub struct InconsistentTerm {
    groups: Vec<Group>,
    /// Every form of every group; an entry's `message` holds its group index.
    list: TermList,
    amount_units: bool,
    chars: LexicalChars,
}

impl InconsistentTerm {
    /// Compiles the shipped groups and the user's.
    pub fn new(data: &str, o: Options) -> Result<Self, String> {
        let file: GroupFile = toml::from_str(data).map_err(|e| format!("内置数据无法解析：{e}"))?;
        let disable = o.disable.unwrap_or_default();
        for d in &disable {
            if !file.group.iter().any(|g| &g.id == d) {
                return Err(format!("disable 中的“{d}”不是本规则的组 id"));
            }
        }
        let mut groups: Vec<Group> = file
            .group
            .into_iter()
            .filter(|g| !disable.contains(&g.id))
            .collect();
        // Counted, not computed from `disable` (which may name a group twice).
        let shipped = groups.len();
        for (k, forms) in o.extend.unwrap_or_default().into_iter().enumerate() {
            groups.push(Group {
                id: format!("extend-{}", k + 1),
                preferred: forms.first().cloned(),
                forms,
                severity: None,
                note: None,
                source: None,
                examples: Vec::new(),
                objects: None,
            });
        }
        groups.extend(o.group.unwrap_or_default());
        let mut entries = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for (gi, g) in groups.iter().enumerate() {
            if g.forms.len() < 2 {
                return Err(format!("组“{}”至少要有两种写法", g.id));
            }
            if let Some(p) = &g.preferred
                && !g.forms.contains(p)
            {
                return Err(format!("组“{}”的推荐写法“{p}”不在 forms 中", g.id));
            }
            for form in g.objects.iter().flat_map(|o| o.keys()) {
                if !g.forms.contains(form) {
                    return Err(format!("组“{}”的 objects 中的“{form}”不在 forms 中", g.id));
                }
            }
            for f in &g.forms {
                if f.is_empty() {
                    return Err(format!("组“{}”中有空的写法", g.id));
                }
                if let Some(other) = seen.insert(f.clone(), g.id.clone()) {
                    return Err(format!("写法“{f}”同时出现在组“{other}”和“{}”中", g.id));
                }
                entries.push(Entry {
                    wrong: f.clone(),
                    right: f.clone(),
                    message: gi.to_string(),
                    source: None,
                    exception: false,
                    since: None,
                });
            }
        }
        let list = TermList::from_entries(entries)?;
        let mut chars = list.chars().clone();
        let amount_units = o.amount_units;
        if amount_units {
            chars.union_with(yi_chars());
        }
        let rule = InconsistentTerm {
            groups,
            list,
            amount_units,
            chars,
        };
        // The user's groups are tested like the shipped ones.
        for g in &rule.groups[shipped..] {
            for (text, expected) in &g.examples {
                let got = rule.mark(text);
                if &got != expected {
                    return Err(format!(
                        "组“{}”的示例不成立：“{text}”检查后是“{got}”，应为“{expected}”",
                        g.id
                    ));
                }
            }
        }
        Ok(rule)
    }

    /// Every reported occurrence, in text order.
    fn inconsistencies(&self, text: &str, candidates: Option<&[usize]>) -> Vec<Inconsistency> {
        let mut by_group: HashMap<usize, Vec<(Range<usize>, &str)>> = HashMap::new();
        for (span, e) in self.list.find_in(text, candidates) {
            let gi: usize = e.message.parse().unwrap_or(usize::MAX);
            by_group
                .entry(gi)
                .or_default()
                .push((span, e.wrong.as_str()));
        }
        let mut out = Vec::new();
        for (gi, hits) in by_group {
            let Some(g) = self.groups.get(gi) else {
                continue;
            };
            if let Some(objects) = &g.objects {
                collocations(text, gi, objects, &hits, &mut out);
                continue;
            }
            let count = |f: &str| hits.iter().filter(|(_, h)| *h == f).count();
            let used: Vec<&String> = g.forms.iter().filter(|f| count(f) > 0).collect();
            if used.len() < 2 {
                continue;
            }
            let main = match &g.preferred {
                Some(p) if count(p) > 0 => p.as_str(),
                _ => {
                    let best = used
                        .iter()
                        .max_by_key(|f| {
                            (
                                count(f),
                                std::cmp::Reverse(hits.iter().position(|(_, h)| h == *f)),
                            )
                        })
                        .map(|f| f.as_str())
                        .unwrap_or_default();
                    // Without a standard form, only a clear majority is a house style.
                    if used
                        .iter()
                        .any(|f| f.as_str() != best && MAJORITY * count(f) > count(best))
                    {
                        continue;
                    }
                    best
                }
            };
            let Some(first) = hits
                .iter()
                .find(|(_, h)| *h == main)
                .map(|(s, _)| s.clone())
            else {
                continue;
            };
            for (span, form) in &hits {
                if *form != main {
                    out.push(Inconsistency {
                        span: span.clone(),
                        group: gi,
                        main: main.to_owned(),
                        first: first.clone(),
                        object: None,
                    });
                }
            }
        }
        out.sort_by_key(|i| i.span.start);
        out
    }

    /// `text` with every reported form marked 【…】 (the examples' form).
    fn mark(&self, text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for Inconsistency { span, .. } in self.inconsistencies(text, None) {
            out.push_str(&text[last..span.start]);
            out.push('【');
            out.push_str(&text[span.clone()]);
            out.push('】');
            last = span.end;
        }
        out.push_str(&text[last..]);
        out
    }
}

/// Without a preferred form, the main form must be used this many times as often as another.
const MAJORITY: usize = 3;

/// One reported occurrence.
struct Inconsistency {
    /// The form as written.
    span: Range<usize>,
    /// Index of its group.
    group: usize,
    /// The form to use instead.
    main: String,
    /// The first use of `main` (for a collocation: with the same object).
    first: Range<usize>,
    /// For a collocation group: `(object, whether the object itself calls for main)`.
    object: Option<(String, bool)>,
}

/// How far (in characters) after a form its object is looked for.
const OBJECT_WINDOW: usize = 12;

/// The words after a form up to the end of its clause or the first 和/及/与/、 (at most
/// [`OBJECT_WINDOW`] characters), and the first two of them: the object of `制定了有关政策` is
/// looked for in `有关政策`, its key is `有关`; in `制订工作方案和管理办法` only `工作方案` is read.
fn object_after(text: &str, end: usize) -> (&str, Option<&str>) {
    let rest = &text[end..];
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    let len: usize = rest
        .chars()
        .take(OBJECT_WINDOW)
        .take_while(|&c| {
            (crate::document::marks::is_han(c) || c == '“' || c == '”')
                && !matches!(c, '和' | '及' | '与')
        })
        .map(char::len_utf8)
        .sum();
    let window = &rest[..len];
    let key_len: usize = window
        .chars()
        .take(2)
        .take_while(|&c| crate::document::marks::is_han(c))
        .map(char::len_utf8)
        .sum();
    let key = (window[..key_len].chars().count() == 2).then(|| &window[..key_len]);
    (window, key)
}

/// A group of forms that are each right in their own sense (制定/制订): a form is reported where
/// the document writes the same collocation (the same next two characters) with another form
/// first, or where its object is one listed for another form the document also uses
/// (`制订扶持政策` with `制定` elsewhere: 政策 takes 制定).
fn collocations(
    text: &str,
    gi: usize,
    objects: &std::collections::BTreeMap<String, Vec<String>>,
    hits: &[(Range<usize>, &str)],
    out: &mut Vec<Inconsistency>,
) {
    let mut first_by_key: HashMap<&str, (&str, Range<usize>, &str)> = HashMap::new();
    for (span, form) in hits {
        let (window, key) = object_after(text, span.end);
        // The first listed object in the window, and the form it takes.
        let wanted = objects
            .iter()
            .flat_map(|(f, words)| words.iter().map(move |w| (f.as_str(), w.as_str())))
            .filter_map(|(f, w)| window.find(w).map(|at| (at, f, w)))
            .min_by_key(|&(at, ..)| at);
        if let Some((_, want, object)) = wanted
            && want != *form
            && let Some((first, _)) = hits.iter().find(|(_, h)| *h == want)
        {
            out.push(Inconsistency {
                span: span.clone(),
                group: gi,
                main: want.to_owned(),
                first: first.clone(),
                object: Some((object.to_owned(), true)),
            });
            continue;
        }
        let Some(key) = key else { continue };
        match first_by_key.get(key) {
            Some((earlier, first, earlier_window)) if earlier != form => {
                // Show the words the two share: `实施方案`, not just `实施`.
                let shared: usize = window
                    .chars()
                    .zip(earlier_window.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum();
                out.push(Inconsistency {
                    span: span.clone(),
                    group: gi,
                    main: (*earlier).to_owned(),
                    first: first.clone(),
                    object: Some((window[..shared].to_owned(), false)),
                });
            }
            Some(_) => {}
            None => {
                first_by_key.insert(key, (form, span.clone(), window));
            }
        }
    }
}

/// `亿` (as a one-character term): from the word-start prefilter. Anchoring on the digit before
/// it instead would make every digit of the text a first character to check.
fn yi_chars() -> &'static LexicalChars {
    static CHARS: OnceLock<LexicalChars> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut chars = LexicalChars::default();
        chars.add_term("亿");
        chars
    })
}

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    money_words: WordList,
}

/// The shipped word lists (`rules/words/inconsistent-term.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/inconsistent-term.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("inconsistent-term", WORDS_DATA))
}

fn amounts(text: &str, candidates: &[usize]) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut with_yuan = Vec::new();
    let mut bare = Vec::new();
    for &yi in candidates {
        if !text[yi..].starts_with('亿') {
            continue;
        }
        let Some(number) = number_before(text, yi) else {
            continue;
        };
        let after = yi + '亿'.len_utf8();
        let rest = &text[after..];
        if rest.starts_with('元') {
            with_yuan.push(yi..after);
            continue;
        }
        // A bare 亿 ends the amount: punctuation, or 以上/以下/左右/多 and then punctuation
        // (`14亿多公方` is a volume).
        let closes = |r: &str| {
            r.is_empty()
                || r.starts_with(['，', '。', '；', '、', '）', '：', '！', '\n', '\r', '的'])
        };
        let ends = closes(rest)
            || ["以上", "以下", "左右", "多"]
                .iter()
                .any(|w| rest.strip_prefix(w).is_some_and(closes));
        if !ends {
            continue;
        }
        // … and something before it says money.
        let clause_start = text[..number.span.start]
            .char_indices()
            .rev()
            .take(30)
            .find(|&(_, c)| matches!(c, '。' | '；' | '\n' | '，'))
            .map_or(number.span.start.saturating_sub(90), |(i, c)| {
                i + c.len_utf8()
            });
        let clause_start = (0..=clause_start)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let clause = &text[clause_start..number.span.start];
        if clause.ends_with(is_chinese_numeral) && clause.ends_with('人') {
            continue;
        }
        if words().money_words.within(clause) {
            bare.push(yi..after);
        }
    }
    (with_yuan, bare)
}

impl Rule for InconsistentTerm {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "inconsistent-term",
        summary: "同一概念前后写法不一（作决策/做决策、制定/制订、金额单位亿元/亿）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Lexical,
        fixable: true,
    };

    const APPEND_KEYS: &'static [&'static str] = &["extend", "disable", "group"];

    fn new(o: Options) -> Result<Self, String> {
        Self::new(DATA, o)
    }

    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Some(&self.chars)
    }

    fn data_size(&self) -> Option<usize> {
        Some(self.groups.len())
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        let mut out = Vec::new();
        for g in &self.groups {
            crate::rules::add_source(&mut out, &g.id, g.source.as_deref(), None, 1);
        }
        out.extend(word_lists::sources(WORDS_DATA));
        out
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        for Inconsistency {
            span,
            group,
            main,
            first,
            object,
        } in self.inconsistencies(text, cx.word_starts())
        {
            let g = &self.groups[group];
            let written = &text[span.clone()];
            let help = match (&g.note, &g.source) {
                (Some(n), Some(s)) => format!("{n}（依据：{s}）"),
                (Some(n), None) => n.clone(),
                (None, Some(s)) => format!("依据：{s}"),
                (None, None) => "全文统一写法".to_owned(),
            };
            let (message, related) = match &object {
                Some((object, true)) => (
                    format!("“{written}”后接“{object}”，宜用全文也用的“{main}”"),
                    format!("全文用“{main}”"),
                ),
                Some((key, false)) => (
                    format!("“{written}{key}”与前文的“{main}{key}”写法不一"),
                    format!("前文作“{main}{key}”"),
                ),
                None => (
                    format!("“{written}”与全文的“{main}”写法不一"),
                    format!("全文用“{main}”"),
                ),
            };
            let mut f = Finding::at(span.clone(), message)
                .with_related(first, related)
                .with_help(help)
                .with_fix(span, main.clone(), false);
            if let Some(max) = g.severity {
                f = f.at_most(max);
            }
            if object.is_some() {
                f = f.at_most(Severity::Info);
            }
            out.push(f);
        }
        if self.amount_units {
            let candidates = &*cx.word_starts_for(yi_chars());
            let (with_yuan, bare) = amounts(text, candidates);
            if with_yuan.len() >= 2 && with_yuan.len() > bare.len() {
                for span in bare {
                    out.push(
                        Finding::at(
                            span.clone(),
                            format!(
                                "金额单位前后不一：此处写“亿”，全文 {} 处写“亿元”",
                                with_yuan.len()
                            ),
                        )
                        .with_related(with_yuan[0].clone(), "全文用“亿元”")
                        .with_help("同一计量单位全文写法一致：补上“元”")
                        .with_fix(span.end..span.end, "元", false),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_examples() {
        let rule = InconsistentTerm::new(DATA, Options::default()).unwrap();
        let file: GroupFile = toml::from_str(DATA).unwrap();
        for g in &file.group {
            assert!(!g.examples.is_empty(), "{} has no examples", g.id);
            for (text, expected) in &g.examples {
                assert_eq!(&rule.mark(text), expected, "{}", g.id);
            }
        }
    }

    /// A longer set phrase is not a variant of a shorter one (做大做优做强 / 做大做强): no shipped
    /// form is another form of its group with characters left out, so no help ever suggests
    /// dropping words.
    #[test]
    fn shipped_forms_are_not_shortenings() {
        fn is_subsequence(short: &str, long: &str) -> bool {
            let mut it = long.chars();
            short.chars().all(|c| it.any(|l| l == c))
        }
        let file: GroupFile = toml::from_str(DATA).unwrap();
        for g in &file.group {
            for a in &g.forms {
                for b in &g.forms {
                    assert!(
                        a == b || a.chars().count() >= b.chars().count() || !is_subsequence(a, b),
                        "{}: “{a}” is “{b}” shortened",
                        g.id
                    );
                }
            }
        }
    }

    #[test]
    fn disabling_a_group_twice_loads() {
        let ids: Vec<String> = ["zuo-juece", "qita-qita", "zhiding-zhiding"]
            .iter()
            .flat_map(|id| [id.to_string(), id.to_string()])
            .collect();
        let o = Options {
            disable: Some(ids),
            ..Default::default()
        };
        assert!(InconsistentTerm::new(DATA, o).is_ok());
    }

    #[test]
    fn user_groups_and_errors() {
        let o = Options {
            extend: Some(vec![vec!["登记".into(), "登计".into()]]),
            ..Default::default()
        };
        let rule = InconsistentTerm::new(DATA, o).unwrap();
        assert_eq!(rule.mark("登记、登计"), "登记、【登计】");
        for (o, needle) in [
            (
                Options {
                    extend: Some(vec![vec!["甲".into()]]),
                    ..Default::default()
                },
                "两种写法",
            ),
            (
                Options {
                    extend: Some(vec![vec!["其它".into(), "别的".into()]]),
                    ..Default::default()
                },
                "同时出现",
            ),
            (
                Options {
                    disable: Some(vec!["nope".into()]),
                    ..Default::default()
                },
                "nope",
            ),
        ] {
            let err = InconsistentTerm::new(DATA, o).err().unwrap();
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn amounts_in_yi() {
        let text = "投资*亿元，到位5亿元，到位3亿元，力争全年到位*亿以上，人口14亿，*亿美元";
        let chars = yi_chars();
        let (with_yuan, bare) = amounts(text, &crate::engine::prefilter::scan(text, chars));
        assert_eq!(with_yuan.len(), 3);
        assert_eq!(bare.len(), 1);
        assert_eq!(&text[bare[0].end..bare[0].end + 6], "以上");
    }
}
