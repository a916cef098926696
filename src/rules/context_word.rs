//! `context-word`: words that are right in one collocation and wrong in another (截止目前→截至目前,
//! 做出贡献→作出贡献), as regex rules in TOML data.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use serde::Deserialize;

use super::{Category, Rule, RuleEntry, RuleMeta, RuleOptions, build_with};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;

/// The shipped rules (`rules/terms/context-word.toml`).
pub const DATA: &str = include_str!("../../rules/terms/context-word.toml");

/// Embedded docs (`gwlint explain context-word`).
pub const DOCS: &str = r#"# context-word：依语境而定的用词

## 检查内容
两种写法都是词，只在特定搭配里用错：
- `截止目前` → `截至目前`（后接时间用“截至”；“报名于5月1日截止”不报告）；
- `必需加强` → `必须加强`（修饰动词用“必须”；“生活必需品”不报告）；
- `做出贡献`、`做出承诺`、`做出部署` → `作出……`（抽象意义用“作”）；
- `起用新印章` → `启用新印章`，`启用年轻干部` → `起用年轻干部`；
- `激动得不能自己。` → `不能自已`；
- `疫情爆发` → `疫情暴发`。

每条规则是一个正则表达式和替换模板，写在 `rules/terms/context-word.toml` 里，附有说明、出处和
测试例子（原文 → 改正后；原文无误时两者相同，证明不误报）。修改建议需人工确认。

## 为什么
这类词单看都对，拼写检查和错别字表都查不出；《现代汉语词典》和公文审校讲稿都把它们列为
高频错误。

## 示例（错误→正确）
- `为*区发展做出更大的贡献` → `为*区发展作出更大的贡献`
- `截止目前，全市已建成` → `截至目前，全市已建成`

## 数据来源
《现代汉语词典》截止/截至、必须/必需、启用/起用、暴发/爆发条；“作”“做”用法说明；
《咬文嚼字》2005 最常见 100 个别字；《中华人民共和国传染病防治法》用语。

## 配置项
```toml
[rules.context-word]
severity = "warning"
# 关闭某条规则（写 id）
disable = ["baofa"]
# 本单位的规则：id、regex、replace（可用 $1 等捕获组；留空表示只提示）、message（{text} {fix}）
extend = [
  { id = "lingdao-tongzhi", regex = '领导同志们', replace = '同志们', message = "称呼不规范：“{text}”→“{fix}”" },
]
```
"#;

/// Metadata.
pub static META: RuleMeta = RuleMeta {
    id: "context-word",
    summary: "依语境而定的用词（截止目前→截至目前、做出贡献→作出贡献、必需加强→必须加强）",
    docs: DOCS,
    default_severity: Severity::Warning,
    category: Category::Lexical,
    fixable: true,
};

/// Registry entry.
pub const ENTRY: RuleEntry = RuleEntry {
    meta: &META,
    build: |layers| build_with::<Options>(layers, |o| Ok(Box::new(ContextWord::new(o)?))),
};

/// One rule of the data (shipped or the user's).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Kebab-case id.
    pub id: String,
    /// Rust regex.
    pub regex: String,
    /// Replacement template (`$1` …); empty: no suggestion.
    #[serde(default)]
    pub replace: String,
    /// Message template: `{text}`, `{fix}`.
    pub message: String,
    /// Usage note shown as help.
    #[serde(default)]
    pub note: Option<String>,
    /// Where it comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// Whether the replacement may be applied without review.
    #[serde(default)]
    pub safe: bool,
    /// `[text, corrected text]` pairs checked by a test.
    #[serde(default)]
    pub examples: Vec<(String, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpecFile {
    rule: Vec<Spec>,
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Extra rules.
    pub extend: Option<Vec<Spec>>,
    /// Ids to turn off.
    pub disable: Option<Vec<String>>,
}

impl RuleOptions for Options {
    fn merge(self, over: Self) -> Self {
        let mut extend = self.extend.unwrap_or_default();
        extend.extend(over.extend.unwrap_or_default());
        let mut disable = self.disable.unwrap_or_default();
        disable.extend(over.disable.unwrap_or_default());
        Options {
            extend: Some(extend),
            disable: Some(disable),
        }
    }
}

/// The rule.
pub struct ContextWord {
    specs: Vec<Spec>,
    regexes: Vec<Regex>,
    /// Literal prefixes of the anchored rules; pattern k starts the rules `by_prefix[k]`.
    prefixes: Option<AhoCorasick>,
    by_prefix: Vec<Vec<usize>>,
    /// Rules whose start cannot be listed: searched over the whole text.
    unanchored: Vec<usize>,
    /// First and second characters of the prefixes, for the shared lexical scan.
    chars: crate::lexical::LexicalChars,
}

impl ContextWord {
    /// Compiles the shipped rules and the user's.
    pub fn new(options: Options) -> Result<Self, String> {
        let file: SpecFile = toml::from_str(DATA).map_err(|e| format!("内置规则无法解析：{e}"))?;
        let disable = options.disable.unwrap_or_default();
        for d in &disable {
            if !file.rule.iter().any(|s| &s.id == d) {
                return Err(format!("disable 中的“{d}”不是本规则的规则 id"));
            }
        }
        let mut specs: Vec<Spec> = file
            .rule
            .into_iter()
            .filter(|s| !disable.contains(&s.id))
            .collect();
        for spec in options.extend.unwrap_or_default() {
            if specs.iter().any(|s| s.id == spec.id) {
                return Err(format!("extend 中的规则 id“{}”重复", spec.id));
            }
            specs.push(spec);
        }
        let mut regexes = Vec::with_capacity(specs.len());
        let mut prefix_index: HashMap<String, usize> = HashMap::new();
        let mut prefixes: Vec<String> = Vec::new();
        let mut by_prefix: Vec<Vec<usize>> = Vec::new();
        let mut unanchored = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            let re = Regex::new(&spec.regex)
                .map_err(|e| format!("规则“{}”的正则表达式无效：{e}", spec.id))?;
            if re.is_match("") {
                return Err(format!("规则“{}”能匹配空字符串", spec.id));
            }
            regexes.push(re);
            match literal_prefixes(&spec.regex) {
                Some(lits) => {
                    for lit in lits {
                        let k = *prefix_index.entry(lit.clone()).or_insert_with(|| {
                            prefixes.push(lit);
                            by_prefix.push(Vec::new());
                            by_prefix.len() - 1
                        });
                        by_prefix[k].push(i);
                    }
                }
                None => unanchored.push(i),
            }
        }
        let mut chars = crate::lexical::LexicalChars::default();
        for p in &prefixes {
            chars.add_term(p);
        }
        let prefixes = if prefixes.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .start_kind(aho_corasick::StartKind::Both)
                    .build(&prefixes)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(ContextWord {
            specs,
            regexes,
            prefixes,
            by_prefix,
            unanchored,
            chars,
        })
    }

    /// `(spec index, match span, replacement)` for every match in `text`, in order.
    #[cfg(test)]
    fn matches(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>, String)> {
        self.matches_in(text, None)
    }

    /// Like [`ContextWord::matches`], looking for prefixes only at `candidates` (sorted byte
    /// offsets from the shared lexical scan) when given.
    fn matches_in(
        &self,
        text: &str,
        candidates: Option<&[usize]>,
    ) -> Vec<(usize, std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        let interpolate = |i: usize, input: Input<'_>, out: &mut Vec<_>| -> Option<usize> {
            let re = &self.regexes[i];
            let mut caps = re.create_captures();
            re.search_captures(&input, &mut caps);
            let m = caps.get_match()?;
            let mut fix = String::new();
            caps.interpolate_string_into(text, &self.specs[i].replace, &mut fix);
            out.push((i, m.range(), fix));
            Some(m.end())
        };
        if let Some(ac) = &self.prefixes {
            let mut next_free = 0usize;
            let hits: Vec<aho_corasick::Match> = match candidates {
                Some(candidates) => candidates
                    .iter()
                    .filter(|&&i| self.chars.starts_at(text.as_bytes(), i))
                    .filter_map(|&i| {
                        let input = aho_corasick::Input::new(text)
                            .span(i..text.len())
                            .anchored(aho_corasick::Anchored::Yes);
                        ac.find(input)
                    })
                    .collect(),
                None => ac.find_iter(text).collect(),
            };
            for hit in hits {
                if hit.start() < next_free {
                    continue;
                }
                for &i in &self.by_prefix[hit.pattern().as_usize()] {
                    let input = Input::new(text)
                        .range(hit.start()..)
                        .anchored(Anchored::Yes);
                    if let Some(end) = interpolate(i, input, &mut out) {
                        next_free = end;
                        break;
                    }
                }
            }
        }
        for &i in &self.unanchored {
            let mut at = 0;
            while at < text.len() {
                let input = Input::new(text).range(at..);
                match interpolate(i, input, &mut out) {
                    Some(end) => at = end.max(at + 1),
                    None => break,
                }
            }
        }
        out.sort_by_key(|(_, span, _)| span.start);
        out
    }
}

/// The literal prefixes every match of `pattern` starts with, when they can be listed and none is
/// empty.
fn literal_prefixes(pattern: &str) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::Extractor;
    let hir = regex_syntax::parse(pattern).ok()?;
    let seq = Extractor::new().extract(&hir);
    let lits = seq.literals()?;
    // Two characters are selective enough to find candidates (the anchored regex decides), and
    // keep the prefix set small enough for the automaton's SIMD prefilter.
    let mut out: Vec<String> = Vec::new();
    for lit in lits {
        let s = std::str::from_utf8(lit.as_bytes()).ok()?;
        if s.is_empty() {
            return None;
        }
        let head: String = s.chars().take(2).collect();
        if !out.contains(&head) {
            out.push(head);
        }
    }
    (!out.is_empty() && out.len() <= 64).then_some(out)
}

impl Rule for ContextWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn lexical_chars(&self) -> Option<&crate::lexical::LexicalChars> {
        Some(&self.chars)
    }

    fn data_size(&self) -> Option<usize> {
        Some(self.specs.len())
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (i, span, fix) in self.matches_in(&doc.text, doc.lexical_candidates()) {
            let spec = &self.specs[i];
            let text = &doc.text[span.clone()];
            let message = spec.message.replace("{text}", text).replace("{fix}", &fix);
            let help = match (&spec.note, &spec.source) {
                (Some(note), Some(source)) => format!("{note}（依据：{source}）"),
                (Some(note), None) => note.clone(),
                (None, Some(source)) => format!("依据：{source}"),
                (None, None) => "核对此处用词".to_owned(),
            };
            let mut finding = Finding::new(META.id, span.clone(), message).with_help(help);
            if !spec.replace.is_empty() && fix != text {
                finding = finding.with_fix(span, fix, spec.safe);
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_examples() {
        let rule = ContextWord::new(Options::default()).unwrap();
        let file: SpecFile = toml::from_str(DATA).unwrap();
        for spec in &file.rule {
            assert!(!spec.examples.is_empty(), "{} has no examples", spec.id);
            for (text, fixed) in &spec.examples {
                let mut out = String::new();
                let mut last = 0;
                for (_, span, fix) in rule.matches(text) {
                    out.push_str(&text[last..span.start]);
                    out.push_str(&fix);
                    last = span.end;
                }
                out.push_str(&text[last..]);
                assert_eq!(&out, fixed, "{}: {text:?}", spec.id);
            }
        }
    }

    #[test]
    fn user_rule_and_errors() {
        let spec = Spec {
            id: "own".into(),
            regex: "领导同志们".into(),
            replace: "同志们".into(),
            message: "{text}→{fix}".into(),
            note: None,
            source: None,
            safe: true,
            examples: vec![],
        };
        let rule = ContextWord::new(Options {
            extend: Some(vec![spec.clone()]),
            disable: Some(vec!["baofa".into()]),
        })
        .unwrap();
        let found: Vec<_> = rule
            .matches("各位领导同志们，防止疫情爆发")
            .into_iter()
            .map(|(_, _, fix)| fix)
            .collect();
        assert_eq!(found, vec!["同志们".to_owned()]);
        let bad = Spec {
            regex: "(".into(),
            ..spec.clone()
        };
        let err = ContextWord::new(Options {
            extend: Some(vec![bad]),
            disable: None,
        })
        .err()
        .unwrap();
        assert!(err.contains("正则表达式无效"), "{err}");
        let err = ContextWord::new(Options {
            extend: None,
            disable: Some(vec!["nope".into()]),
        })
        .err()
        .unwrap();
        assert!(err.contains("nope"), "{err}");
    }
}
