//! Rules of the user's own, declared in a configuration file as `[[rule]]` tables: an id, a
//! message, a severity, and what to look for — a regex (with an optional replacement using capture
//! groups), a word list, or a list of `[wrong, right]` pairs. They run through the same machinery
//! as the shipped data rules: word lists through the word-start prefilter and an Aho-Corasick
//! automaton, regexes compiled once and anchored at their literal prefixes.

use std::collections::HashSet;
use std::sync::Mutex;

use serde::Deserialize;

use super::{Category, DynRule, LintContext, Reporter, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::patterns::{self, PatternSet, Spec};
use crate::rules::analysis::terms::{Entry, TermList};

/// A `[[rule]]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CustomSpec {
    /// Kebab-case id, not one of the shipped rules'.
    pub id: String,
    /// Message template: `{text}` is the matched text, `{fix}` the replacement.
    pub message: String,
    /// Severity (default `warning`).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// One-line summary for `gwlint rules` / `explain` (default: the message).
    #[serde(default)]
    pub summary: Option<String>,
    /// A Rust regex.
    #[serde(default)]
    pub regex: Option<String>,
    /// Literal words, all reported with the same message.
    #[serde(default)]
    pub words: Option<Vec<String>>,
    /// `[wrong, right]` pairs.
    #[serde(default)]
    pub pairs: Option<Vec<(String, String)>>,
    /// Replacement: a template with `$1` … for `regex`, a fixed text for `words`.
    #[serde(default)]
    pub replace: Option<String>,
    /// Usage note shown as help.
    #[serde(default)]
    pub note: Option<String>,
    /// Where the rule comes from (a style guide, a circular).
    #[serde(default)]
    pub source: Option<String>,
    /// Whether the replacement may be applied without review.
    #[serde(default)]
    pub safe: bool,
    /// `[text, text after the rule]` pairs checked when the configuration loads (a rule without a
    /// replacement marks what it reports with 【…】).
    #[serde(default)]
    pub examples: Vec<(String, String)>,
}

/// Which key of a `[[rule]]` table an error is about (for pointing into the file).
pub type ErrorKey = Option<&'static str>;

enum Matcher {
    Regex(PatternSet),
    Words(TermList),
}

/// A compiled rule of the user's.
pub struct CustomRule {
    meta: RuleMeta,
    matcher: Matcher,
    help: String,
}

impl CustomRule {
    /// Compiles `spec`, declared in the file `origin`. Errors name the key at fault.
    pub fn build(spec: CustomSpec, origin: &str) -> Result<CustomRule, (ErrorKey, String)> {
        let id = spec.id.as_str();
        if id.is_empty()
            || !id.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
        {
            return Err((
                Some("id"),
                format!("规则 id“{id}”应为小写英文单词加连字符（kebab-case），例如 leader-title"),
            ));
        }
        if super::find(id).is_some() {
            return Err((
                Some("id"),
                format!("“{id}”是内置规则；调整内置规则请写 [rules.{id}]，自定义规则请换一个 id"),
            ));
        }
        if spec.message.trim().is_empty() {
            return Err((Some("message"), "message 不能为空".to_owned()));
        }
        let kinds = usize::from(spec.regex.is_some())
            + usize::from(spec.words.is_some())
            + usize::from(spec.pairs.is_some());
        if kinds != 1 {
            return Err((
                None,
                "自定义规则要写且只写 regex（正则表达式）、words（词语列表）、pairs（[错误, 正确] 列表）中的一项"
                    .to_owned(),
            ));
        }
        if spec.pairs.is_some() && spec.replace.is_some() {
            return Err((
                Some("replace"),
                "pairs 的每一项已带正确写法，不能再写 replace".to_owned(),
            ));
        }
        let (matcher, what) = if let Some(regex) = &spec.regex {
            let data = "rule = []";
            let set = PatternSet::new(
                data,
                patterns::Options {
                    extend: Some(vec![Spec {
                        id: spec.id.clone(),
                        regex: regex.clone(),
                        replace: spec.replace.clone().unwrap_or_default(),
                        message: spec.message.clone(),
                        note: spec.note.clone(),
                        source: spec.source.clone(),
                        safe: spec.safe,
                        examples: spec.examples.clone(),
                    }]),
                    disable: None,
                    rule: None,
                },
            )
            .map_err(|e| {
                let key = if e.contains("示例") {
                    "examples"
                } else {
                    "regex"
                };
                (Some(key), e)
            })?;
            (Matcher::Regex(set), format!("正则表达式 `{regex}`"))
        } else {
            let (entries, what) = match (&spec.words, &spec.pairs) {
                (Some(words), _) => {
                    let fix = spec.replace.clone().unwrap_or_default();
                    let entries = words
                        .iter()
                        .map(|w| entry(&spec.message, w, &fix))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| (Some("words"), e))?;
                    (entries, format!("词语：{}", words.join("、")))
                }
                (None, pairs) => {
                    // `regex` is absent, so exactly one of words/pairs was given (checked above).
                    let pairs = pairs.as_deref().unwrap_or_default();
                    let entries = pairs
                        .iter()
                        .map(|(w, r)| {
                            if w == r {
                                Err(format!("“{w}”的错误写法和正确写法相同"))
                            } else {
                                entry(&spec.message, w, r)
                            }
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| (Some("pairs"), e))?;
                    let shown: Vec<String> =
                        pairs.iter().map(|(w, r)| format!("{w}→{r}")).collect();
                    (entries, format!("词对：{}", shown.join("、")))
                }
            };
            if entries.is_empty() {
                return Err((None, "词语列表为空".to_owned()));
            }
            let list = TermList::from_entries(entries).map_err(|e| (None, e))?;
            for (text, expected) in &spec.examples {
                let got = list.apply(text);
                if &got != expected {
                    return Err((
                        Some("examples"),
                        format!(
                            "规则“{}”的示例不成立：“{text}”检查后是“{got}”，应为“{expected}”",
                            spec.id
                        ),
                    ));
                }
            }
            (Matcher::Words(list), what)
        };
        let help = match (&spec.note, &spec.source) {
            (Some(note), Some(source)) => format!("{note}（依据：{source}）"),
            (Some(note), None) => note.clone(),
            (None, Some(source)) => format!("依据：{source}"),
            (None, None) => format!("自定义规则，见 {origin}"),
        };
        let summary = spec
            .summary
            .clone()
            .unwrap_or_else(|| spec.message.replace("{text}", "…").replace("{fix}", "…"));
        let mut docs = format!(
            "# {}：{summary}（自定义规则）\n\n## 检查内容\n{what}\n",
            spec.id
        );
        if let Some(note) = &spec.note {
            docs.push_str(&format!("\n{note}\n"));
        }
        docs.push_str(&format!("\n## 定义位置\n{origin}\n"));
        if let Some(source) = &spec.source {
            docs.push_str(&format!("\n## 数据来源\n{source}\n"));
        }
        if !spec.examples.is_empty() {
            docs.push_str("\n## 示例\n");
            for (a, b) in &spec.examples {
                docs.push_str(&format!("- `{a}` → `{b}`\n"));
            }
        }
        let fixable = spec.pairs.is_some() || spec.replace.as_ref().is_some_and(|r| !r.is_empty());
        let meta = RuleMeta {
            id: intern(&spec.id),
            summary: intern(&summary),
            docs: intern(&docs),
            default_severity: spec.severity.unwrap_or(Severity::Warning),
            category: Category::Custom,
            fixable,
        };
        Ok(CustomRule {
            meta,
            matcher,
            help,
        })
    }
}

fn entry(message: &str, wrong: &str, right: &str) -> Result<Entry, String> {
    if wrong.is_empty() {
        return Err("词语列表中有空字符串".to_owned());
    }
    Ok(Entry {
        wrong: wrong.to_owned(),
        right: right.to_owned(),
        message: message.replace("{text}", wrong).replace("{fix}", right),
        source: None,
        exception: false,
        since: None,
    })
}

impl DynRule for CustomRule {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        match &self.matcher {
            Matcher::Regex(set) => set.report(cx, out),
            Matcher::Words(list) => {
                for (span, e) in list.find_in(&cx.doc.text, cx.word_starts()) {
                    let mut f =
                        Finding::at(span.clone(), e.message.clone()).with_help(self.help.clone());
                    if !e.right.is_empty() {
                        f = f.with_fix(span, e.right.clone(), false);
                    }
                    out.push(f);
                }
            }
        }
    }

    fn word_start_chars(&self) -> Option<&crate::engine::prefilter::LexicalChars> {
        Some(match &self.matcher {
            Matcher::Regex(set) => set.chars(),
            Matcher::Words(list) => list.chars(),
        })
    }

    fn data_size(&self) -> Option<usize> {
        match &self.matcher {
            Matcher::Regex(_) => None,
            Matcher::Words(list) => Some(list.len()),
        }
    }

    fn data_sources(&self) -> Vec<super::DataSource> {
        Vec::new()
    }
}

/// Findings carry `&'static str` rule ids and rule metadata `&'static str` texts: a user's rule
/// gets its id, summary and docs from one global interner, each distinct string stored once for
/// the life of the process. Loading a configuration again (one per directory in a batch, or
/// an editor reloading it) reuses them, so memory grows only with the distinct definitions seen.
fn intern(s: &str) -> &'static str {
    static STRINGS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut strings = STRINGS.lock().unwrap_or_else(|e| e.into_inner());
    let strings = strings.get_or_insert_with(HashSet::new);
    if let Some(found) = strings.get(s) {
        return found;
    }
    let stored: &'static str = Box::leak(s.to_owned().into_boxed_str());
    strings.insert(stored);
    stored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(toml_text: &str) -> CustomSpec {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn regex_rule_with_capture_groups() {
        let rule = CustomRule::build(
            spec(
                r#"id = "leader-title"
message = "称呼不规范：“{text}”→“{fix}”"
regex = '(各位)?领导同志们'
replace = '${1}同志们'
examples = [["各位领导同志们：", "各位同志们："]]"#,
            ),
            "gwlint.toml",
        )
        .unwrap();
        assert_eq!(rule.meta().id, "leader-title");
        assert_eq!(rule.meta().default_severity, Severity::Warning);
        assert!(rule.meta().fixable);
    }

    #[test]
    fn word_list_marks_examples() {
        let rule = CustomRule::build(
            spec(
                r#"id = "colloquial"
severity = "info"
message = "口语化表述“{text}”"
words = ["搞定", "咋办"]
examples = [["问题搞定了", "问题【搞定】了"]]"#,
            ),
            "gwlint.toml",
        )
        .unwrap();
        assert_eq!(rule.data_size(), Some(2));
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            (
                "id = \"Bad_Id\"\nmessage = \"m\"\nwords = [\"a\"]",
                Some("id"),
            ),
            (
                "id = \"typo\"\nmessage = \"m\"\nwords = [\"a\"]",
                Some("id"),
            ),
            ("id = \"x\"\nmessage = \"m\"", None),
            (
                "id = \"x\"\nmessage = \"m\"\nregex = \"a\"\nwords = [\"a\"]",
                None,
            ),
            ("id = \"x\"\nmessage = \"m\"\nregex = \"(\"", Some("regex")),
            (
                "id = \"x\"\nmessage = \"m\"\nregex = \"ab\"\nreplace = \"c\"\nexamples = [[\"ab\", \"ab\"]]",
                Some("examples"),
            ),
            (
                "id = \"x\"\nmessage = \"m\"\npairs = [[\"a\", \"b\"]]\nreplace = \"c\"",
                Some("replace"),
            ),
            (
                "id = \"x\"\nmessage = \" \"\nwords = [\"a\"]",
                Some("message"),
            ),
        ];
        for (text, key) in cases {
            let err = CustomRule::build(spec(text), "gwlint.toml").err().unwrap();
            assert_eq!(err.0, key, "{text}: {}", err.1);
        }
    }
}
