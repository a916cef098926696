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
use crate::rules::custom::{CustomRule, CustomSpec};
use crate::rules::{self, Rule};

/// The default rule set, embedded in the binary.
pub const DEFAULT_TOML: &str = include_str!("../../rules/default.toml");

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
    pub lexical: Option<crate::engine::prefilter::LexicalChars>,
    /// Ids of the user's own rules (`[[rule]]`), enabled or not.
    pub custom_ids: Vec<&'static str>,
    /// Rules that are off (`enabled = false`, by default or in a configuration file) but run
    /// because `--select` names them, as ruff does: naming a rule is asking for it.
    pub enabled_by_select: Vec<&'static str>,
    /// `[[ignore]]`: files (globs relative to the configuration file) and the rules not reported
    /// in them (empty: every rule).
    pub ignores: Vec<Ignore>,
}

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Ignore {
    matcher: globset::GlobMatcher,
    /// Directory the glob is relative to.
    base: PathBuf,
    /// Rule ids (empty: every rule).
    pub rules: Vec<String>,
}

impl Settings {
    /// Drops the findings that an `[[ignore]]` entry covers for the file at `path`.
    pub fn suppress(
        &self,
        path: &str,
        mut findings: Vec<crate::diagnostic::Finding>,
    ) -> Vec<crate::diagnostic::Finding> {
        if self.ignores.is_empty() || findings.is_empty() {
            return findings;
        }
        let given = Path::new(path);
        let absolute = std::fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf());
        for ig in &self.ignores {
            let relative = absolute.strip_prefix(&ig.base).unwrap_or(given);
            if ig.matcher.is_match(relative) || ig.matcher.is_match(given) {
                findings.retain(|f| !ig.rules.is_empty() && !ig.rules.iter().any(|r| r == f.rule));
            }
        }
        findings
    }
}

/// An `[[ignore]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreSpec {
    path: Spanned<String>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
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
    fn keeps(&self, id: &str) -> bool {
        (self.select.is_empty() || self.names(id)) && !self.ignore.iter().any(|s| s == id)
    }

    /// Whether `--select` names `id` (and `--ignore` does not).
    fn names(&self, id: &str) -> bool {
        self.select.iter().any(|s| s == id) && !self.ignore.iter().any(|s| s == id)
    }
}

/// Builds settings from the embedded default and an optional user file `(path, text)`, with
/// every file it includes.
pub fn load(user: Option<(&Path, &str)>, filter: &RuleFilter) -> Result<Settings, ConfigError> {
    let default = Source {
        path: "<内置默认规则 rules/default.toml>".to_owned(),
        text: DEFAULT_TOML,
    };
    // Phase 1: read the user file and every file it includes (owned texts that the parsed
    // layers below borrow from).
    let mut files: Vec<LoadedFile> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    if let Some((p, t)) = user {
        gather(p, t.to_owned(), &mut files, &mut order, &mut Vec::new())?;
    }
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source {
            path: f.path.display().to_string(),
            text: &f.text,
        })
        .collect();

    // Phase 2: the layers, embedded default first; an included file comes before its includer.
    let mut layers: Vec<(Layer, &Source, Option<usize>)> =
        vec![(parse_layer(&default)?, &default, None)];
    for &i in &order {
        layers.push((parse_layer(&sources[i])?, &sources[i], Some(i)));
    }

    let mut extensions = None;
    for (layer, src, _) in layers.iter_mut() {
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

    // The user's own rules ([[rule]]), from every layer.
    let mut custom: Vec<(CustomRule, Severity, bool)> = Vec::new();
    for (layer, src, _) in layers.iter_mut() {
        for value in std::mem::take(&mut layer.custom) {
            let span = value.span();
            let key_spans: HashMap<String, Range<usize>> = match value.get_ref() {
                DeValue::Table(t) => t
                    .iter()
                    .map(|(k, v)| (k.get_ref().to_string(), v.span()))
                    .collect(),
                _ => {
                    return Err(src.error(
                        Some(span),
                        "自定义规则必须写成表：[[rule]] 之下写 id、message 和 regex / words / pairs",
                        None,
                    ));
                }
            };
            let spec = CustomSpec::deserialize(ValueDeserializer::from(value))
                .map_err(|e| src.toml_error(&e, Some(span.clone())))?;
            if let Some((other, _, _)) = custom.iter().find(|(r, _, _)| r.meta().id == spec.id) {
                return Err(src.error(
                    key_spans.get("id").cloned().or(Some(span)),
                    format!("自定义规则 id“{}”重复", other.meta().id),
                    None,
                ));
            }
            let rule = CustomRule::build(spec, &src.path).map_err(|(key, message)| {
                let at = key
                    .and_then(|k| key_spans.get(k).cloned())
                    .or(Some(span.clone()));
                src.error(at, message, None)
            })?;
            let severity = rule.meta().default_severity;
            custom.push((rule, severity, true));
        }
    }

    // Every [rules.<id>] must name a shipped rule or one of the user's.
    for (layer, src, file) in &layers {
        for (id, table) in &layer.rules {
            if rules::find(id).is_some() {
                continue;
            }
            if custom.iter().any(|(r, _, _)| r.meta().id == id) {
                let includes = file.is_some_and(|i| files[i].rule_includes.contains_key(id));
                if let Some(span) = table
                    .rest
                    .iter()
                    .next()
                    .map(|(key, _)| key.span())
                    .or(includes.then(|| table.span.clone()))
                {
                    return Err(src.error(
                        Some(span),
                        format!("自定义规则“{id}”在 [rules.{id}] 中只能设置 severity 和 enabled"),
                        Some("其他内容写在它的 [[rule]] 表中".to_owned()),
                    ));
                }
                continue;
            }
            return Err(src.error(
                Some(table.key_span.clone()),
                format!("未知规则“{id}”"),
                Some(suggest_rule(id)),
            ));
        }
    }
    for (rule, severity, enabled) in custom.iter_mut() {
        for (layer, _, _) in &layers {
            if let Some(table) = layer.rules.get(rule.meta().id) {
                if let Some(s) = table.severity {
                    *severity = s;
                }
                if let Some(e) = table.enabled {
                    *enabled = e;
                }
            }
        }
    }

    // [[ignore]]: globs relative to the file that declares them.
    let mut ignores = Vec::new();
    for (layer, src, file) in layers.iter_mut() {
        let base = file
            .and_then(|i| files[i].path.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let base = std::fs::canonicalize(&base).unwrap_or(base);
        for value in std::mem::take(&mut layer.ignore) {
            let span = value.span();
            let spec = IgnoreSpec::deserialize(ValueDeserializer::from(value))
                .map_err(|e| src.toml_error(&e, Some(span.clone())))?;
            let glob = globset::GlobBuilder::new(spec.path.get_ref())
                .literal_separator(false)
                .build()
                .map_err(|e| {
                    src.error(
                        Some(spec.path.span()),
                        format!("path 不是有效的通配符：{e}"),
                        None,
                    )
                })?;
            for r in &spec.rules {
                let id = r.get_ref();
                if rules::find(id).is_none() && !custom.iter().any(|(c, _, _)| c.meta().id == id) {
                    return Err(src.error(
                        Some(r.span()),
                        format!("未知规则“{id}”"),
                        Some(suggest_rule(id)),
                    ));
                }
            }
            ignores.push(Ignore {
                matcher: glob.compile_matcher(),
                base: base.clone(),
                rules: spec.rules.into_iter().map(|r| r.into_inner()).collect(),
            });
        }
    }

    // List files named by `include` in a rule table, parsed once each.
    let mut list_layers: HashMap<usize, DeTable> = HashMap::new();
    for f in files
        .iter()
        .flat_map(|f| f.rule_includes.values().flatten())
    {
        if list_layers.contains_key(f) {
            continue;
        }
        let table =
            DeTable::parse(sources[*f].text).map_err(|e| sources[*f].toml_error(&e, None))?;
        list_layers.insert(*f, table.into_inner());
    }

    let mut configured = Vec::new();
    let mut enabled_by_select = Vec::new();
    for entry in rules::RULES {
        let id = entry.meta.id;
        let mut severity = entry.meta.default_severity;
        let mut enabled = true;
        let mut option_layers = Vec::new();
        let mut option_sources = Vec::new();
        for (layer, src, file) in layers.iter_mut() {
            let Some(table) = layer.rules.remove(id) else {
                continue;
            };
            if let Some(s) = table.severity {
                severity = s;
            }
            if let Some(e) = table.enabled {
                enabled = e;
            }
            // Included list files come before the table's own keys.
            let included = file
                .and_then(|i| files[i].rule_includes.get(id))
                .cloned()
                .unwrap_or_default();
            for j in included {
                let source = &sources[j];
                option_sources.push((source, 0..source.text.len()));
                let table = list_layers.get(&j).cloned().unwrap_or_default();
                option_layers.push(ValueDeserializer::from(Spanned::new(
                    0..source.text.len(),
                    DeValue::Table(table),
                )));
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
        if !enabled && filter.names(id) {
            enabled_by_select.push(id);
        }
        if (enabled || filter.names(id)) && filter.keeps(id) {
            configured.push(ConfiguredRule { rule, severity });
        }
    }
    let custom_ids = custom.iter().map(|(r, _, _)| r.meta().id).collect();
    for (rule, severity, enabled) in custom {
        let id = rule.meta().id;
        if !enabled && filter.names(id) {
            enabled_by_select.push(id);
        }
        if (enabled || filter.names(id)) && filter.keeps(id) {
            configured.push(ConfiguredRule {
                rule: Box::new(rule),
                severity,
            });
        }
    }
    let mut lexical: Option<crate::engine::prefilter::LexicalChars> = None;
    for c in &configured {
        if let Some(chars) = c.rule.lexical_chars() {
            lexical
                .get_or_insert_with(Default::default)
                .union_with(chars);
        }
    }
    Ok(Settings {
        rules: configured,
        extensions: extensions
            .unwrap_or_else(|| vec!["txt".to_owned(), "md".to_owned(), "docx".to_owned()]),
        path: user.map(|(p, _)| p.to_path_buf()),
        lexical,
        custom_ids,
        enabled_by_select,
        ignores,
    })
}

/// A file read while loading a configuration: the user's file, a configuration it includes, or
/// a list file named in a rule table's `include`.
struct LoadedFile {
    path: PathBuf,
    text: String,
    /// For a configuration file: the list files each rule table includes (indices into the
    /// loaded files).
    rule_includes: HashMap<String, Vec<usize>>,
}

/// A file named in an `include`, resolved, with the span of its name.
type Named = (PathBuf, Range<usize>);

/// How deep `include` may nest.
const MAX_INCLUDE_DEPTH: usize = 8;

/// Reads `path` (already read as `text`) and, first, every configuration file it includes; the
/// configuration files go into `order` after the files they include.
fn gather(
    path: &Path,
    text: String,
    files: &mut Vec<LoadedFile>,
    order: &mut Vec<usize>,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    let display = path.display().to_string();
    let error = |span: Range<usize>, message: String, help: Option<String>| ConfigError {
        path: display.clone(),
        text: text.clone(),
        span: Some(span),
        message,
        help,
    };
    // Where the includes point (relative to this file), with the spans of the names.
    let mut top: Vec<Named> = Vec::new();
    let mut by_rule: Vec<(String, Vec<Named>)> = Vec::new();
    {
        let src = Source {
            path: display.clone(),
            text: &text,
        };
        let root = DeTable::parse(&text).map_err(|e| src.toml_error(&e, None))?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let names = |value: &Spanned<DeValue>| -> Result<Vec<Named>, ConfigError> {
            let DeValue::Array(items) = value.get_ref() else {
                return Err(src.error(
                    Some(value.span()),
                    "include 必须是文件名数组，例如 include = [\"本单位词表.toml\"]",
                    None,
                ));
            };
            items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(name) => Ok((dir.join(name.as_ref()), item.span())),
                    _ => Err(src.error(
                        Some(item.span()),
                        "include 中的每一项必须是文件名字符串",
                        None,
                    )),
                })
                .collect()
        };
        for (key, value) in root.get_ref() {
            match key.get_ref().as_ref() {
                "include" => top = names(value)?,
                "rules" => {
                    if let DeValue::Table(rules) = value.get_ref() {
                        for (rule, table) in rules {
                            if let DeValue::Table(table) = table.get_ref()
                                && let Some((_, inc)) =
                                    table.iter().find(|(k, _)| k.get_ref() == "include")
                            {
                                by_rule.push((rule.get_ref().to_string(), names(inc)?));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    stack.push(canonical);
    for (child, span) in top {
        let key = std::fs::canonicalize(&child).unwrap_or_else(|_| child.clone());
        if stack.contains(&key) {
            return Err(error(
                span,
                format!("循环包含：{} 又包含了自己", child.display()),
                None,
            ));
        }
        if stack.len() >= MAX_INCLUDE_DEPTH {
            return Err(error(
                span,
                format!("include 嵌套超过 {MAX_INCLUDE_DEPTH} 层"),
                None,
            ));
        }
        let child_text = read_included(&child).map_err(|m| error(span.clone(), m, None))?;
        gather(&child, child_text, files, order, stack)?;
    }
    stack.pop();
    let mut rule_includes: HashMap<String, Vec<usize>> = HashMap::new();
    for (rule, list) in by_rule {
        for (file, span) in list {
            let list_text = read_included(&file).map_err(|m| error(span.clone(), m, None))?;
            files.push(LoadedFile {
                path: file,
                text: list_text,
                rule_includes: HashMap::new(),
            });
            rule_includes
                .entry(rule.clone())
                .or_default()
                .push(files.len() - 1);
        }
    }
    files.push(LoadedFile {
        path: path.to_path_buf(),
        text,
        rule_includes,
    });
    order.push(files.len() - 1);
    Ok(())
}

fn read_included(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "无法读取被包含的文件 {}：{}",
            path.display(),
            crate::input::io_reason(&e)
        )
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("被包含的文件 {} 不是 UTF-8 编码", path.display()))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
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
    key_span: Range<usize>,
    span: Range<usize>,
    severity: Option<Severity>,
    enabled: Option<bool>,
    rest: DeTable<'a>,
}

struct Layer<'a> {
    check: Option<Spanned<DeValue<'a>>>,
    rules: HashMap<String, RuleTable<'a>>,
    /// `[[rule]]` tables: the user's own rules.
    custom: Vec<Spanned<DeValue<'a>>>,
    /// `[[ignore]]` tables.
    ignore: Vec<Spanned<DeValue<'a>>>,
}

fn parse_layer<'a>(src: &Source<'a>) -> Result<Layer<'a>, ConfigError> {
    let root = DeTable::parse(src.text).map_err(|e| src.toml_error(&e, None))?;
    let mut layer = Layer {
        check: None,
        rules: HashMap::new(),
        custom: Vec::new(),
        ignore: Vec::new(),
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
                    return Err(src.error(
                        Some(span),
                        "“rules”必须是表（[rules.<规则>]）",
                        Some(
                            "自己的规则写成 [[rule]]（单数），调整已有规则写 [rules.<规则>]"
                                .to_owned(),
                        ),
                    ));
                };
                for (rule_key, rule_value) in table {
                    let id = rule_key.get_ref().to_string();
                    // Whether the id names a rule is checked once the user's own rules are known.
                    let table = rule_table(src, rule_key.span(), rule_value)?;
                    layer.rules.insert(id, table);
                }
            }
            "rule" => {
                let span = value.span();
                let DeValue::Array(items) = value.into_inner() else {
                    return Err(src.error(
                        Some(span),
                        "自定义规则写成 [[rule]] 表（可以写多个）",
                        None,
                    ));
                };
                layer.custom.extend(items);
            }
            "ignore" => {
                let span = value.span();
                let DeValue::Array(items) = value.into_inner() else {
                    return Err(src.error(
                        Some(span),
                        "忽略规则写成 [[ignore]] 表：path = \"附件/**\"，rules = [\"规则\"]",
                        None,
                    ));
                };
                layer.ignore.extend(items);
            }
            // Resolved when the files are read (`gather`).
            "include" => {}
            other => {
                return Err(src.error(
                    Some(key.span()),
                    format!("未知配置项“{other}”"),
                    Some(
                        "顶层只能有 include、[check]、[rules.<规则>]、[[rule]]（自定义规则）和 [[ignore]]"
                            .to_owned(),
                    ),
                ));
            }
        }
    }
    Ok(layer)
}

fn rule_table<'a>(
    src: &Source<'a>,
    key_span: Range<usize>,
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
        key_span,
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
            // List files, read with the configuration (`gather`).
            "include" => {}
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
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = tail
            .split_once("expected ")
            .map(|(_, e)| {
                e.trim_start_matches("one of ")
                    .replace('`', "")
                    .replace(" or ", "、")
                    .replace(", ", "、")
            })
            .unwrap_or_default();
        return format!("取值“{value}”无效，可选值：{expected}");
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
        // Every rule but the one that ships disabled (its data must be checked first).
        let ids: Vec<&str> = s.rules.iter().map(|r| r.rule.meta().id).collect();
        assert_eq!(ids.len(), rules::RULES.len() - 1);
        assert!(!ids.contains(&"political-formulation"));
        assert_eq!(s.extensions, ["txt", "md", "docx"]);
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
