//! Configuration: the embedded default rule set (`rules/default.toml`) overlaid by a user's
//! `gwlint.toml`. Every mistake in a config file is an error that points into the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::Severity;
use crate::rules::custom::{CustomRule, CustomSpec};
use crate::rules::{self, DynRule, OptionLayer};

mod cache;
mod errors;
mod files;
mod ignore;
mod layers;
mod show;

pub use cache::{ConfigCache, DEFAULT_EXTENSIONS};
use errors::*;
pub use errors::{ConfigError, closest_rule, suggest_rule};
use files::*;
pub use files::{CONFIG_NAMES, discover};
pub use ignore::Ignore;
use ignore::IgnoreSpec;
use layers::*;
pub use show::{EffectiveIgnore, EffectiveOption, EffectiveRule, EffectiveSettings, effective};

/// The default rule set, embedded in the binary.
pub const DEFAULT_TOML: &str = include_str!("../../rules/default.toml");

/// One configured rule.
pub struct ConfiguredRule {
    /// The rule, built with its options.
    pub rule: Box<dyn DynRule>,
    /// Effective severity.
    pub severity: Severity,
}

/// Resolved settings: everything the engine needs, no optional fields.
pub struct Settings {
    /// Enabled rules in id order.
    pub rules: Vec<ConfiguredRule>,
    /// Extensions (without dot, lowercase) checked when walking directories.
    pub extensions: Vec<String>,
    /// Findings listed per rule and file; beyond it they are counted and summarised in one
    /// finding, so that memory stays bounded on a pathological file (0: no limit).
    pub max_findings_per_rule: usize,
    /// The user file the settings came from, if any.
    pub path: Option<PathBuf>,
    /// The word-start prefilter of the rules that run: the first and second characters of every
    /// word rule's terms, merged, so that each document is scanned once for all of them
    /// ([`crate::engine::context::LintContext::word_starts`]). `None`: no rule has terms.
    pub word_prefilter: Option<crate::engine::prefilter::LexicalChars>,
    /// Ids of the user's own rules (`[[rule]]`), enabled or not.
    pub custom_ids: Vec<&'static str>,
    /// Rules that are off (`enabled = false`, by default or in a configuration file) but run
    /// because `--select` names them, as ruff does: naming a rule is asking for it.
    pub enabled_by_select: Vec<&'static str>,
    /// `[[ignore]]`: files (globs relative to the configuration file) and the rules not reported
    /// in them (empty: every rule).
    pub ignores: Vec<Ignore>,
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
    /// Findings listed per rule and file before the rest are summarised (0: no limit).
    max_findings_per_rule: Option<usize>,
}

/// Default of `[check] max-findings-per-rule`: far above any real document (the draft seed has
/// 223 placeholders), low enough that a million-heading file does not hold a million findings.
pub const DEFAULT_MAX_FINDINGS_PER_RULE: usize = 10_000;

/// Which rules to keep after configuration (from `--select` / `--ignore`).
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these ids (empty: all enabled).
    pub select: Vec<String>,
    /// Never these ids.
    pub ignore: Vec<String>,
}

impl RuleFilter {
    /// A filter from the values of `--select` and `--ignore` as typed: each value may hold
    /// several ids separated by commas (`,` or the full-width `，`), `、` or spaces
    /// (`--select "a, b"`); empty pieces are dropped. An option given with no id at all
    /// (`--select ""`, an empty shell variable) is an error, not "every rule".
    pub fn from_args(select: &[String], ignore: &[String]) -> Result<Self, String> {
        let filter = RuleFilter {
            select: split_rule_ids(select),
            ignore: split_rule_ids(ignore),
        };
        for (given, ids, flag) in [
            (select, &filter.select, "--select"),
            (ignore, &filter.ignore, "--ignore"),
        ] {
            if !given.is_empty() && ids.is_empty() {
                return Err(format!("{flag} 没有给出规则编号"));
            }
        }
        Ok(filter)
    }

    fn keeps(&self, id: &str) -> bool {
        (self.select.is_empty() || self.names(id)) && !self.ignore.iter().any(|s| s == id)
    }

    /// Whether `--select` names `id` (and `--ignore` does not).
    fn names(&self, id: &str) -> bool {
        self.select.iter().any(|s| s == id) && !self.ignore.iter().any(|s| s == id)
    }
}

/// Splits command-line rule lists (see [`RuleFilter::from_args`]).
fn split_rule_ids(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(|c: char| matches!(c, ',' | '，' | '、') || c.is_whitespace()))
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The ids of the user's rules gathered so far, for suggestions.
fn custom_ids_of(custom: &[(CustomRule, Severity, bool)]) -> Vec<&str> {
    custom.iter().map(|(r, _, _)| r.meta().id).collect()
}

/// The embedded default configuration as a source.
fn default_source() -> Source<'static> {
    Source {
        path: "<内置默认规则 rules/default.toml>".to_owned(),
        text: DEFAULT_TOML,
    }
}

/// The user file `(path, text)` and every file it includes, and the order in which they are
/// laid over each other (an included file before its includer).
fn read_files(user: Option<(&Path, &str)>) -> Result<(Vec<LoadedFile>, Vec<usize>), ConfigError> {
    let mut files: Vec<LoadedFile> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    if let Some((p, t)) = user {
        gather(p, t.to_owned(), &mut files, &mut order, &mut Vec::new())?;
    }
    Ok((files, order))
}

/// The files as sources that parsed layers borrow from.
fn sources_of(files: &[LoadedFile]) -> Vec<Source<'_>> {
    files
        .iter()
        .map(|f| Source {
            path: f.path.display().to_string(),
            text: &f.text,
        })
        .collect()
}

/// A layer, the source it was parsed from, and the index of its file (`None`: the default).
type ParsedLayer<'a> = (Layer<'a>, &'a Source<'a>, Option<usize>);

/// Every layer in order: the embedded default first, then the files in `order`.
fn parse_layers<'a>(
    default: &'a Source<'a>,
    sources: &'a [Source<'a>],
    order: &[usize],
) -> Result<Vec<ParsedLayer<'a>>, ConfigError> {
    let mut layers = vec![(parse_layer(default)?, default, None)];
    for &i in order {
        layers.push((parse_layer(&sources[i])?, &sources[i], Some(i)));
    }
    Ok(layers)
}

/// Builds settings from the embedded default and an optional user file `(path, text)`, with
/// every file it includes.
pub fn load(user: Option<(&Path, &str)>, filter: &RuleFilter) -> Result<Settings, ConfigError> {
    let default = default_source();
    // Phase 1: read the user file and every file it includes (owned texts that the parsed
    // layers below borrow from).
    let (files, order) = read_files(user)?;
    let sources = sources_of(&files);

    // Phase 2: the layers, embedded default first; an included file comes before its includer.
    let mut layers = parse_layers(&default, &sources, &order)?;

    let mut extensions = None;
    let mut max_findings_per_rule = None;
    for (layer, src, _) in layers.iter_mut() {
        if let Some(check) = layer.check.take() {
            let opts: CheckOptions = CheckOptions::deserialize(ValueDeserializer::from(check))
                .map_err(|e| src.toml_error(&e, None))?;
            if let Some(n) = opts.max_findings_per_rule {
                max_findings_per_rule = Some(n);
            }
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
                Some(suggest_rule(id, &custom_ids_of(&custom))),
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
                        Some(suggest_rule(id, &custom_ids_of(&custom))),
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
        let mut option_layers: Vec<OptionLayer> = Vec::new();
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
                option_layers.push(Spanned::new(0..source.text.len(), table));
            }
            option_sources.push((*src, table.span.clone()));
            option_layers.push(Spanned::new(table.span, table.rest));
        }
        let runs = (enabled || filter.names(id)) && filter.keeps(id);
        let to_error = |(layer, e): rules::BuildError| {
            let (src, span) = match layer.and_then(|l| option_sources.get(l)) {
                Some((src, span)) => (*src, span.clone()),
                None => {
                    let (src, span) = option_sources.last().cloned().unwrap_or((&default, 0..0));
                    (src, span)
                }
            };
            src.toml_error(&e, Some(span))
        };
        if !runs {
            // Not built (no data compiled), but the user's tables are still read, so that a
            // mistake in them is reported whichever rules run. The embedded default is checked
            // by the tests.
            let skip = usize::from(
                option_sources
                    .first()
                    .is_some_and(|(src, _)| std::ptr::eq(*src, &default)),
            );
            (entry.validate)(&option_layers[skip..])
                .map_err(|(layer, e)| to_error((layer.map(|l| l + skip), e)))?;
            continue;
        }
        let rule = (entry.build)(option_layers).map_err(to_error)?;
        if !enabled && filter.names(id) {
            enabled_by_select.push(id);
        }
        configured.push(ConfiguredRule { rule, severity });
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
    let mut word_prefilter: Option<crate::engine::prefilter::LexicalChars> = None;
    for c in &configured {
        if let Some(chars) = c.rule.word_start_chars() {
            word_prefilter
                .get_or_insert_with(Default::default)
                .union_with(chars);
        }
    }
    Ok(Settings {
        rules: configured,
        extensions: extensions
            .unwrap_or_else(|| DEFAULT_EXTENSIONS.iter().map(|e| (*e).to_owned()).collect()),
        max_findings_per_rule: max_findings_per_rule.unwrap_or(DEFAULT_MAX_FINDINGS_PER_RULE),
        path: user.map(|(p, _)| p.to_path_buf()),
        word_prefilter,
        custom_ids,
        enabled_by_select,
        ignores,
    })
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
    fn rules_that_do_not_run_are_validated_not_built() {
        let filter = RuleFilter {
            select: vec!["typo".to_owned()],
            ignore: Vec::new(),
        };
        let s = load(None, &filter).unwrap();
        let ids: Vec<&str> = s.rules.iter().map(|r| r.rule.meta().id).collect();
        assert_eq!(ids, ["typo"]);
        // A mistake in the table of a rule that does not run is still reported, at its place.
        let text = "[rules.unmatched-pair]\nmulti-paragraph-quotes = \"yes\"\n";
        let e = load(Some((Path::new("g.toml"), text)), &filter).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"yes\"");
        let text = "[rules.misplaced-level]\nallow-skp = true\n";
        let e = load(Some((Path::new("g.toml"), text)), &filter).unwrap_err();
        assert!(text[e.span.unwrap()].contains("allow-skp"), "{}", e.message);
        // A bad regex of a placeholder pattern too (checked while its table is read).
        let text = "[rules.unfilled-placeholder]\nextend-patterns = [{ name = \"x\", regex = \"(\", message = \"m\" }]\n";
        let e = load(Some((Path::new("g.toml"), text)), &filter).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"(\"");
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
