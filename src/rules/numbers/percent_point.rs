//! `percent-point`: a change in a rate written with `%` where 个百分点 is meant
//! (`失业率下降0.5%` → `下降0.5个百分点`). A heuristic: `info` by default.

use crate::rules::analysis::word_lists::{self, WordList};
use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::written_numbers::number_before;
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain percent-point`).
pub const DOCS: &str = r#"# percent-point：比率的变化误用百分号

## 检查内容
同一分句里，先说到一个比率（失业率、不良率、比重、占比、增速、增幅、比例……），紧接着说它
“提高、下降、上升、降低、回落、高于、低于……”若干 `%`：比率之差应该用“个百分点”。
- `城镇登记失业率下降0.5%` → `下降0.5个百分点`；
- `增速高于全市2%` → `高于全市2个百分点`；

“提高到”“下降至”后面是新的水平（`比重由20.8%下降到18.2%`），“不低于80%”是和一个水平比较，
都不报告；“增长5.5%”说的是增速本身，也不报告。以下也不报告：
- 效率、生产率、频率、汇率等不是百分比的“率”，死亡率、发病率、犯罪率、发案率等按每十万人、
  每亿元计的“率”（`亿元GDP生产安全事故死亡率下降15%` 是相对变化），以及“率先”“率领”“表率”；
- 变化的是数量或金额，不是比率：比率词之后、动词之前出现“人数、起数、家数、户数、数量、总量、
  规模、金额、人口、企业、投资、收入……”（`贫困发生率较高的县贫困人口减少20%`、`事故起数下降12%`）；
- 比率词属于并列的另一项（`出口增速放缓、利润减少5%`）；
- “A、B分别下降x%、y%”中紧跟动词的数字属于第一项 A，A 不是比率就不报告
  （`失业人数和失业率分别下降5%和0.5%` 不报告；`失业率和失业人数分别下降0.5%和5%` 报告 0.5%）。

这是启发式检查：作者有时确实想说相对变化（“不良率下降了10%”即从 2% 降到 1.8%），所以只作
提示。比率词、非比率词、变化动词和数量词都可以配置。

## 为什么
百分点是不同时期以百分数形式表示的相对指标（如比重、增长率）的变动幅度，1 个百分点 = 1%
的差；把“提高 2 个百分点”写成“提高 2%”，意思就变成了在原基础上增加百分之二。国家统计局的
统计用语规范和公文审校都把它列为常见错误。

## 示例（错误→正确）
- `全市城镇登记失业率下降0.5%` → `全市城镇登记失业率下降0.5个百分点`

## 配置项
```toml
[rules.percent-point]
severity = "info"
# 以下四个词表的默认值在 rules/words/percent-point.toml（每组注明出处）；
# 在这里写出某一项就整体替换该项的默认词表，例如：
# 比率词（出现在变化动词之前、同一分句内）
rate-words = ["率", "比重", "占比", "增速", "增幅", "比例", "份额", "贡献率"]
# 另有 not-rates（不是百分比的“率”）、change-verbs（表示变化的动词，后面直接跟数字）、
# count-words（数量、金额词：出现在比率词之后时，变化的是数量，相对变化用 % 没错）
```
"#;

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    rate_words: WordList,
    not_rates: WordList,
    count_words: WordList,
    change_verbs: WordList,
}

/// The shipped word lists (`rules/words/percent-point.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/percent-point.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("percent-point", WORDS_DATA))
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words that name a rate.
    pub rate_words: Option<Vec<String>>,
    /// Words ending in 率 that are not percentages.
    pub not_rates: Option<Vec<String>>,
    /// Verbs of change.
    pub change_verbs: Option<Vec<String>>,
    /// Words naming a count or an amount: a change of it in `%` is relative.
    pub count_words: Option<Vec<String>>,
}

/// The rule.
pub struct PercentPoint {
    rate_words: Vec<String>,
    not_rates: Vec<String>,
    change_verbs: Vec<String>,
    /// The verbs as one automaton (the window before each `%` is searched once).
    verbs: aho_corasick::AhoCorasick,
    count_words: Vec<String>,
}

/// How far back (in characters) the verb may stand from the number.
const VERB_WINDOW: usize = 8;

/// How far back (in characters) a rate word may stand from the verb.
const CLAUSE_WINDOW: usize = 30;

impl PercentPoint {
    /// Whether what changes is a rate: the last rate word of the clause with nothing after it
    /// that makes something else the subject — a count or amount (`失业率和失业人数下降5%`), or
    /// another item of a series (`增速放缓、利润减少5%`). In `A、B分别下降x%、y%` the number next to
    /// the verb belongs to the first subject.
    fn subject_is_rate(&self, clause: &str) -> bool {
        let subject = match clause.find("分别") {
            Some(at) => {
                let subjects = &clause[..at];
                let end = ["、", "和", "及", "与", "，"]
                    .iter()
                    .filter_map(|sep| subjects.find(sep))
                    .min()
                    .unwrap_or(subjects.len());
                &subjects[..end]
            }
            None => clause,
        };
        let Some(rate_end) = self.last_rate_word(subject) else {
            return false;
        };
        let tail = &subject[rate_end..];
        !tail.contains('、') && !self.count_words.iter().any(|w| tail.contains(w.as_str()))
    }

    /// End of the last rate word in `text` (not 效率、死亡率…, not the verb 率先/率领).
    fn last_rate_word(&self, text: &str) -> Option<usize> {
        self.rate_words
            .iter()
            .flat_map(|w| {
                text.match_indices(w.as_str())
                    .map(move |(i, _)| (i, i + w.len(), w.as_str()))
            })
            .filter(|&(_, end, w)| {
                let not_rate = self
                    .not_rates
                    .iter()
                    .any(|n| n.ends_with(w) && text[..end].ends_with(n.as_str()));
                let verb = w.ends_with('率') && text[end..].starts_with(['先', '领', '队']);
                !not_rate && !verb
            })
            .map(|(_, end, _)| end)
            .max()
    }
}

impl Rule for PercentPoint {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "percent-point",
        summary: "比率的变化用了 %（失业率下降0.5% → 下降0.5个百分点），启发式提示",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Number,
        fixable: true,
    };

    fn new(o: Options) -> Result<Self, String> {
        let list = |v: Option<Vec<String>>,
                    default: &WordList,
                    name: &str|
         -> Result<Vec<String>, String> {
            let v = v.unwrap_or_else(|| default.to_vec());
            if v.iter().any(String::is_empty) {
                return Err(format!("{name} 中有空字符串"));
            }
            Ok(v)
        };
        let words = words();
        let change_verbs = list(o.change_verbs, &words.change_verbs, "change-verbs")?;
        let verbs = aho_corasick::AhoCorasick::new(&change_verbs).map_err(|e| e.to_string())?;
        Ok(PercentPoint {
            rate_words: list(o.rate_words, &words.rate_words, "rate-words")?,
            not_rates: list(o.not_rates, &words.not_rates, "not-rates")?,
            change_verbs,
            verbs,
            count_words: list(o.count_words, &words.count_words, "count-words")?,
        })
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        for m in doc.number_marks() {
            if !matches!(m.ch, '%' | '％') {
                continue;
            }
            let Some(number) = number_before(text, m.pos) else {
                continue;
            };
            if number.placeholder {
                continue;
            }
            let mut head = &text[..number.span.start];
            head = head.strip_suffix('了').unwrap_or(head);
            // The verb: right before the number, or before a short comparison object
            // (`高于全市2%`); not `提高到`/`下降至`, which give a new level.
            let window: usize = head
                .chars()
                .rev()
                .take(VERB_WINDOW)
                .take_while(|&c| crate::document::marks::is_han(c))
                .map(char::len_utf8)
                .sum();
            let near = &head[head.len() - window..];
            // The last verb in the window.
            let Some((at, verb)) = self
                .verbs
                .find_overlapping_iter(near)
                .last()
                .map(|m| (m.start(), &self.change_verbs[m.pattern().as_usize()]))
            else {
                continue;
            };
            let object = &near[at + verb.len()..];
            if object.starts_with(['到', '至', '为']) {
                continue;
            }
            // `比例不低于80%` compares with a level; `增速高于全市2%` states a difference.
            if matches!(verb.as_str(), "高于" | "低于") && object.is_empty() {
                continue;
            }
            let head = &head[..head.len() - window + at + verb.len()];
            let clause_start = head[..head.len() - verb.len()]
                .char_indices()
                .rev()
                .take(CLAUSE_WINDOW)
                .find(|&(_, c)| matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n' | ','))
                .map_or_else(
                    || {
                        head[..head.len() - verb.len()]
                            .char_indices()
                            .rev()
                            .take(CLAUSE_WINDOW)
                            .last()
                            .map_or(0, |(i, _)| i)
                    },
                    |(i, c)| i + c.len_utf8(),
                );
            let clause = &head[clause_start..head.len() - verb.len()];
            if !self.subject_is_rate(clause) {
                continue;
            }
            let span = number.span.start..m.end();
            let written = &text[span.clone()];
            let number_text = &text[number.span.clone()];
            out.push(
                Finding::at(span.clone(),
                    format!(
                        "比率的变化应以“个百分点”表示：“{written}”→“{number_text}个百分点”"
                    ),
                )
                .with_help("比率、比重、增速之差用“个百分点”；若确指相对变化（在原比率基础上增减百分之几），可忽略本提示")
                .with_fix(m.pos..m.end(), "个百分点", false),
            );
        }
    }
}
