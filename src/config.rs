//! Configuration: the embedded default rule set (`rules/default.toml`) overlaid by a user's
//! `gwlint.toml`. Every mistake in a config file is an error that points into the file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::Severity;
use crate::rules::{self, Rule};

/// The default rule set, embedded in the binary.
pub const DEFAULT_TOML: &str = include_str!("../rules/default.toml");

/// File names looked for when walking up from a checked file.
pub const CONFIG_NAMES: &[&str] = &["gwlint.toml", ".gwlint.toml"];

/// A configuration error with the file text and a byte span into it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// Path of the file (or a name for the embedded default).
    pub path: String,
    /// The file's text, for rendering the span.
    pub text: String,
    /// Byte span of the offending TOML, if known.
    pub span: Option<Range<usize>>,
    /// Chinese message.
    pub message: String,
    /// Chinese help.
    pub help: Option<String>,
}

/// One configured rule.
pub struct ConfiguredRule {
    /// The rule, built with its options.
    pub rule: Box<dyn Rule>,
    /// Effective severity.
    pub severity: Severity,
}

/// Resolved settings: everything the engine needs, no optional fields.
pub struct Settings {
    /// Enabled rules in id order.
    pub rules: Vec<ConfiguredRule>,
    /// Extensions (without dot, lowercase) checked when walking directories.
    pub extensions: Vec<String>,
    /// The user file the settings came from, if any.
    pub path: Option<PathBuf>,
    /// First and second characters of every enabled lexical rule's terms, merged: the document
    /// is scanned once for them before the rules run.
    pub lexical: Option<crate::lexical::LexicalChars>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field(
                "rules",
                &self
                    .rules
                    .iter()
                    .map(|r| r.rule.meta().id)
                    .collect::<Vec<_>>(),
            )
            .field("extensions", &self.extensions)
            .field("path", &self.path)
            .finish()
    }
}

/// `[check]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CheckOptions {
    /// File extensions checked in directories.
    extensions: Option<Vec<String>>,
}

/// Which rules to keep after configuration (from `--select` / `--ignore`).
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these ids (empty: all enabled).
    pub select: Vec<String>,
    /// Never these ids.
    pub ignore: Vec<String>,
}

impl RuleFilter {
    /// Checks that every id names a rule. Returns the first unknown id.
    pub fn unknown_id(&self) -> Option<&str> {
        self.select
            .iter()
            .chain(&self.ignore)
            .find(|id| rules::find(id).is_none())
            .map(String::as_str)
    }

    fn keeps(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| s == id))
            && !self.ignore.iter().any(|s| s == id)
    }
}

/// Builds settings from the embedded default and an optional user file `(path, text)`.
pub fn load(user: Option<(&Path, &str)>, filter: &RuleFilter) -> Result<Settings, ConfigError> {
    let default = Source {
        path: "<内置默认规则 rules/default.toml>".to_owned(),
        text: DEFAULT_TOML,
    };
    let user_source = user.map(|(p, t)| Source {
        path: p.display().to_string(),
        text: t,
    });
    let mut layers = vec![parse_layer(&default)?];
    if let Some(src) = &user_source {
        layers.push(parse_layer(src)?);
    }
    let sources: Vec<&Source> = std::iter::once(&default)
        .chain(user_source.as_ref())
        .collect();

    let mut extensions = None;
    for (layer, src) in layers.iter_mut().zip(&sources) {
        if let Some(check) = layer.check.take() {
            let opts: CheckOptions = CheckOptions::deserialize(ValueDeserializer::from(check))
                .map_err(|e| src.toml_error(&e, None))?;
            if let Some(ext) = opts.extensions {
                extensions = Some(
                    ext.into_iter()
                        .map(|e| e.trim_start_matches('.').to_lowercase())
                        .collect::<Vec<_>>(),
                );
            }
        }
    }

    let mut configured = Vec::new();
    for entry in rules::RULES {
        let id = entry.meta.id;
        let mut severity = entry.meta.default_severity;
        let mut enabled = true;
        let mut option_layers = Vec::new();
        let mut option_sources = Vec::new();
        for (layer, src) in layers.iter_mut().zip(&sources) {
            let Some(table) = layer.rules.remove(id) else {
                continue;
            };
            if let Some(s) = table.severity {
                severity = s;
            }
            if let Some(e) = table.enabled {
                enabled = e;
            }
            option_sources.push((*src, table.span.clone()));
            option_layers.push(ValueDeserializer::from(Spanned::new(
                table.span,
                DeValue::Table(table.rest),
            )));
        }
        let rule = (entry.build)(option_layers).map_err(|(layer, e)| {
            let (src, span) = match layer.and_then(|l| option_sources.get(l)) {
                Some((src, span)) => (*src, span.clone()),
                None => {
                    let (src, span) = option_sources.last().cloned().unwrap_or((&default, 0..0));
                    (src, span)
                }
            };
            src.toml_error(&e, Some(span))
        })?;
        if enabled && filter.keeps(id) {
            configured.push(ConfiguredRule { rule, severity });
        }
    }
    let mut lexical: Option<crate::lexical::LexicalChars> = None;
    for c in &configured {
        if let Some(chars) = c.rule.lexical_chars() {
            lexical
                .get_or_insert_with(Default::default)
                .union_with(chars);
        }
    }
    Ok(Settings {
        rules: configured,
        extensions: extensions.unwrap_or_else(|| vec!["txt".to_owned(), "md".to_owned()]),
        path: user.map(|(p, _)| p.to_path_buf()),
        lexical,
    })
}

/// Finds the config file for `dir` by walking up to the filesystem root.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        current = d.parent();
    }
    None
}

struct Source<'a> {
    path: String,
    text: &'a str,
}

impl Source<'_> {
    fn error(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            text: self.text.to_owned(),
            span,
            message: message.into(),
            help,
        }
    }

    fn toml_error(&self, e: &toml::de::Error, fallback: Option<Range<usize>>) -> ConfigError {
        let span = e.span().or(fallback);
        self.error(span, translate(e.message()), None)
    }
}

/// One rule's table in one file.
struct RuleTable<'a> {
    span: Range<usize>,
    severity: Option<Severity>,
    enabled: Option<bool>,
    rest: DeTable<'a>,
}

struct Layer<'a> {
    check: Option<Spanned<DeValue<'a>>>,
    rules: HashMap<String, RuleTable<'a>>,
}

fn parse_layer<'a>(src: &Source<'a>) -> Result<Layer<'a>, ConfigError> {
    let root = DeTable::parse(src.text).map_err(|e| src.toml_error(&e, None))?;
    let mut layer = Layer {
        check: None,
        rules: HashMap::new(),
    };
    for (key, value) in root.into_inner() {
        match key.get_ref().as_ref() {
            "check" => {
                if !value.get_ref().is_table() {
                    return Err(src.error(Some(value.span()), "“check”必须是表（[check]）", None));
                }
                layer.check = Some(value);
            }
            "rules" => {
                let span = value.span();
                let DeValue::Table(table) = value.into_inner() else {
                    return Err(src.error(Some(span), "“rules”必须是表（[rules.<规则>]）", None));
                };
                for (rule_key, rule_value) in table {
                    let id = rule_key.get_ref().to_string();
                    if rules::find(&id).is_none() {
                        return Err(src.error(
                            Some(rule_key.span()),
                            format!("未知规则“{id}”"),
                            Some(suggest_rule(&id)),
                        ));
                    }
                    let table = rule_table(src, rule_value)?;
                    layer.rules.insert(id, table);
                }
            }
            other => {
                return Err(src.error(
                    Some(key.span()),
                    format!("未知配置项“{other}”"),
                    Some("顶层只能有 [check] 和 [rules.<规则>]".to_owned()),
                ));
            }
        }
    }
    Ok(layer)
}

fn rule_table<'a>(
    src: &Source<'a>,
    value: Spanned<DeValue<'a>>,
) -> Result<RuleTable<'a>, ConfigError> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(src.error(
            Some(span),
            "规则配置必须是表，例如 [rules.duplicate-number]",
            Some("写法：[rules.<规则>] 之下写 severity = \"warning\" 等".to_owned()),
        ));
    };
    let mut out = RuleTable {
        span: span.clone(),
        severity: None,
        enabled: None,
        rest: DeTable::new(),
    };
    for (key, v) in table {
        match key.get_ref().as_ref() {
            "severity" => {
                let s = match v.get_ref() {
                    DeValue::String(s) => s.clone(),
                    _ => Cow::Borrowed(""),
                };
                out.severity = Some(match s.as_ref() {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    "info" => Severity::Info,
                    _ => {
                        return Err(src.error(
                            Some(v.span()),
                            "severity 的取值无效",
                            Some("可选值：\"error\"、\"warning\"、\"info\"；要关闭规则请写 enabled = false".to_owned()),
                        ));
                    }
                });
            }
            "enabled" => match v.get_ref() {
                DeValue::Boolean(b) => out.enabled = Some(*b),
                _ => return Err(src.error(Some(v.span()), "enabled 必须是 true 或 false", None)),
            },
            _ => {
                out.rest.insert(key, v);
            }
        }
    }
    Ok(out)
}

fn suggest_rule(id: &str) -> String {
    let best = rules::RULES
        .iter()
        .map(|e| (edit_distance(id, e.meta.id), e.meta.id))
        .min();
    let all: Vec<&str> = rules::RULES.iter().map(|e| e.meta.id).collect();
    match best {
        Some((d, name)) if d <= 3 => format!("是否想写“{name}”？运行 gwlint rules 查看全部规则"),
        _ => format!("可用的规则：{}", all.join("、")),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Turns serde's English messages into Chinese where the shape is known.
fn translate(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = tail
            .split_once("expected ")
            .map(|(_, e)| e.replace('`', "“").replace(" or ", "、"))
            .unwrap_or_default();
        return if expected.is_empty() || tail.contains("there are no fields") {
            format!("未知配置项“{field}”：本规则只有 severity 和 enabled")
        } else {
            format!(
                "未知配置项“{field}”，可用的配置项：{}",
                expected
                    .trim_start_matches("one of ")
                    .replace('“', "")
                    .replace(", ", "、")
            )
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = |s: &str| -> String {
            let s = s.trim();
            let t = if s.contains("bool") {
                "布尔值（true 或 false）"
            } else if s.contains("sequence") {
                "数组（[...]）"
            } else if s.contains("map") || s.contains("struct") {
                "表（{...} 或 [表名]）"
            } else if s.contains("integer") {
                "整数"
            } else if s.contains("string") {
                "字符串"
            } else {
                return s.to_owned();
            };
            match s.split_once(' ') {
                Some((_, value)) if !s.starts_with("a ") && !s.starts_with("an ") => {
                    format!("{t} {value}")
                }
                _ => t.to_owned(),
            }
        };
        return format!("类型错误：应为{}，实际是{}", name(expected), name(found));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if expected.contains("tuple of size 2") {
            return format!(
                "长度不对：每一项应写成 [\"错误写法\", \"正确写法\"] 两个字符串，实际有 {found} 个"
            );
        }
        return format!("长度不对：应为{expected}，实际是 {found}");
    }
    if message.starts_with("missing field") {
        return format!(
            "缺少必填项：{}",
            message.trim_start_matches("missing field ")
        );
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_config_loads_every_rule() {
        let s = load(None, &RuleFilter::default()).unwrap();
        assert_eq!(s.rules.len(), rules::RULES.len());
        assert_eq!(s.extensions, ["txt", "md"]);
    }

    #[test]
    fn unknown_rule_points_at_key() {
        let text = "[rules.dupliate-number]\nseverity = \"info\"\n";
        let e = load(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "dupliate-number");
        assert!(e.help.unwrap().contains("duplicate-number"));
    }

    #[test]
    fn unknown_option_points_into_table() {
        let text = "[rules.duplicate-number]\nfoo = 1\n";
        let e = load(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap_err();
        assert!(e.message.contains("foo"), "{}", e.message);
        let span = e.span.unwrap();
        assert!(text[span].contains("foo"));
    }

    #[test]
    fn severity_and_enabled() {
        let text = "[rules.duplicate-number]\nseverity = \"info\"\n[rules.skipped-number]\nenabled = false\n";
        let s = load(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap();
        let dup = s
            .rules
            .iter()
            .find(|r| r.rule.meta().id == "duplicate-number")
            .unwrap();
        assert_eq!(dup.severity, Severity::Info);
        assert!(!s.rules.iter().any(|r| r.rule.meta().id == "skipped-number"));
        let e = load(
            Some((
                Path::new("g.toml"),
                "[rules.duplicate-number]\nseverity = \"fatal\"\n",
            )),
            &RuleFilter::default(),
        )
        .unwrap_err();
        assert!(e.message.contains("severity"));
    }

    #[test]
    fn bad_regex_points_at_the_regex() {
        let text = "[rules.unfilled-placeholder]\nextend-patterns = [{ name = \"x\", regex = \"(\", message = \"m\" }]\n";
        let e = load(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"(\"");
        assert!(e.message.contains("正则表达式无效"), "{}", e.message);
    }

    #[test]
    fn wrong_type_is_explained() {
        let text = "[rules.unmatched-pair]\nmulti-paragraph-quotes = \"yes\"\n";
        let e = load(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"yes\"");
        assert!(e.message.contains("布尔值"), "{}", e.message);
    }

    #[test]
    fn malformed_toml_has_span() {
        let e = load(
            Some((Path::new("g.toml"), "[rules\nx = ")),
            &RuleFilter::default(),
        )
        .unwrap_err();
        assert!(e.span.is_some());
    }
}
