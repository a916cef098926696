//! The effective configuration, for `gwlint check --show-settings` and `gwlint rules`: which
//! files apply, and each rule's state, severity and options after layering, with the file each
//! option value comes from.

use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::*;

/// Everything a configuration resolves to, every rule included (also the ones that are off).
#[derive(Debug)]
pub struct EffectiveSettings {
    /// Configuration files in layering order (later ones win): the embedded default first, then
    /// each user file after the files it includes.
    pub files: Vec<String>,
    /// Extensions checked when walking directories.
    pub extensions: Vec<String>,
    /// `[check] max-findings-per-rule` (0: no limit).
    pub max_findings_per_rule: usize,
    /// Shipped rules in id order, then the user's own rules in the order they are defined.
    pub rules: Vec<EffectiveRule>,
    /// `[[ignore]]` entries.
    pub ignores: Vec<EffectiveIgnore>,
}

/// One rule after layering.
#[derive(Debug)]
pub struct EffectiveRule {
    /// Rule id.
    pub id: String,
    /// The one-line summary.
    pub summary: String,
    /// The documentation `gwlint explain` shows (Markdown).
    pub docs: String,
    /// Category name (Chinese); `自定义` for the user's own rules.
    pub category: String,
    /// Defined by the user (`[[rule]]`): the file that defines it.
    pub defined_in: Option<String>,
    /// `enabled` after layering.
    pub enabled: bool,
    /// Whether `check` runs it with the given `--select` / `--ignore`.
    pub runs: bool,
    /// Severity after layering.
    pub severity: Severity,
    /// Options set by some layer, in the order first met, each with its last value.
    pub options: Vec<EffectiveOption>,
    /// Entries of a data-driven rule as configured.
    pub entries: Option<usize>,
}

/// One option key of a rule.
#[derive(Debug)]
pub struct EffectiveOption {
    /// The key.
    pub key: String,
    /// The value as written (arrays and tables compacted to one line and shortened).
    pub value: String,
    /// The file that sets it.
    pub from: String,
}

/// One `[[ignore]]` entry.
#[derive(Debug)]
pub struct EffectiveIgnore {
    /// The glob as written.
    pub glob: String,
    /// The directory it is relative to.
    pub base: PathBuf,
    /// Rules (empty: every rule).
    pub rules: Vec<String>,
}

/// Longest option value shown in full.
const MAX_VALUE_CHARS: usize = 72;

/// Resolves the embedded default and an optional user file `(path, text)` as [`load`] does, and
/// describes the result. Errors are the ones [`load`] reports; so are unknown ids in `filter`.
pub fn effective(
    user: Option<(&Path, &str)>,
    filter: &RuleFilter,
) -> Result<EffectiveSettings, ConfigError> {
    // Once as configured, for the user's rule ids, then with every rule named so that the rules
    // that are off are built too: their severity and data are described as well.
    let configured = load(user, &RuleFilter::default())?;
    let custom_ids: Vec<String> = configured
        .custom_ids
        .iter()
        .map(|id| id.to_string())
        .collect();
    let custom_refs: Vec<&str> = custom_ids.iter().map(String::as_str).collect();
    let every_id: Vec<String> = rules::RULES
        .iter()
        .map(|e| e.meta.id.to_owned())
        .chain(custom_ids.iter().cloned())
        .collect();
    for id in filter.select.iter().chain(&filter.ignore) {
        if !every_id.contains(id) {
            return Err(ConfigError {
                path: "命令行参数".to_owned(),
                text: String::new(),
                span: None,
                message: format!("未知规则“{id}”"),
                help: Some(suggest_rule(id, &custom_refs)),
            });
        }
    }
    let every = load(
        user,
        &RuleFilter {
            select: every_id,
            ignore: Vec::new(),
        },
    )?;

    // Where each option comes from: the same files, parsed again.
    let default = default_source();
    let (files, order) = read_files(user)?;
    let sources = sources_of(&files);
    let layers = parse_layers(&default, &sources, &order)?;

    let mut out = Vec::new();
    for c in &every.rules {
        let meta = c.rule.meta();
        let id = meta.id;
        let custom = custom_ids.iter().any(|x| x == id);
        let mut options: Vec<EffectiveOption> = Vec::new();
        let mut set = |key: &str, value: String, from: &str| {
            let option = EffectiveOption {
                key: key.to_owned(),
                value,
                from: from.to_owned(),
            };
            match options.iter_mut().find(|o| o.key == key) {
                Some(o) => *o = option,
                None => options.push(option),
            }
        };
        let mut defined_in = None;
        for (layer, src, file) in &layers {
            if custom && defined_in.is_none() && layer.custom.iter().any(|t| defines(t, id)) {
                defined_in = Some(src.path.clone());
            }
            let Some(table) = layer.rules.get(id) else {
                continue;
            };
            for &j in file
                .and_then(|i| files[i].rule_includes.get(id))
                .into_iter()
                .flatten()
            {
                let list = &sources[j];
                let parsed = DeTable::parse(list.text).map_err(|e| list.toml_error(&e, None))?;
                for (key, value) in parsed.get_ref() {
                    set(key.get_ref(), shown(list.text, value), &list.path);
                }
            }
            for (key, value) in &table.rest {
                set(key.get_ref(), shown(src.text, value), &src.path);
            }
        }
        let enabled = !every.enabled_by_select.contains(&id);
        out.push(EffectiveRule {
            id: id.to_owned(),
            summary: meta.summary.to_owned(),
            docs: meta.docs.to_owned(),
            category: if custom {
                "自定义".to_owned()
            } else {
                meta.category.name_zh().to_owned()
            },
            defined_in,
            enabled,
            runs: (enabled || filter.names(id)) && filter.keeps(id),
            severity: c.severity,
            options,
            entries: c.rule.data_size(),
        });
    }

    Ok(EffectiveSettings {
        files: std::iter::once(default.path.clone())
            .chain(order.iter().map(|&i| sources[i].path.clone()))
            .collect(),
        extensions: every.extensions,
        max_findings_per_rule: every.max_findings_per_rule,
        rules: out,
        ignores: every
            .ignores
            .iter()
            .map(|ig| EffectiveIgnore {
                glob: ig.matcher.glob().glob().to_owned(),
                base: ig.base.clone(),
                rules: ig.rules.clone(),
            })
            .collect(),
    })
}

/// Whether a `[[rule]]` table defines `id`.
fn defines(table: &Spanned<DeValue>, id: &str) -> bool {
    match table.get_ref() {
        DeValue::Table(t) => t.iter().any(|(k, v)| {
            k.get_ref() == "id" && matches!(v.get_ref(), DeValue::String(s) if s == id)
        }),
        _ => false,
    }
}

/// A value as written in `text`, on one line: comments and line breaks inside arrays and tables
/// dropped, long values shortened with their item count.
fn shown(text: &str, value: &Spanned<DeValue>) -> String {
    let full = compact(text, value);
    if full.chars().count() <= MAX_VALUE_CHARS {
        return full;
    }
    let head: String = full.chars().take(MAX_VALUE_CHARS - 8).collect();
    match value.get_ref() {
        DeValue::Array(items) => format!("{head} …]（共 {} 项）", items.len()),
        DeValue::Table(t) => format!("{head} …}}（共 {} 项）", t.len()),
        _ => format!("{head}…"),
    }
}

fn compact(text: &str, value: &Spanned<DeValue>) -> String {
    match value.get_ref() {
        DeValue::Array(items) => {
            let items: Vec<String> = items.iter().map(|v| compact(text, v)).collect();
            format!("[{}]", items.join(", "))
        }
        DeValue::Table(t) => {
            let items: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{} = {}", k.get_ref(), compact(text, v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        _ => text
            .get(value.span())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_come_from_the_last_layer() {
        let text = "[rules.misplaced-level]\nallow-skip = false\n[rules.typo]\nenabled = false\nseverity = \"info\"\n";
        let e = effective(Some((Path::new("g.toml"), text)), &RuleFilter::default()).unwrap();
        assert_eq!(e.files, ["<内置默认规则 rules/default.toml>", "g.toml"]);
        let rule = |id: &str| e.rules.iter().find(|r| r.id == id).unwrap();
        let skip = rule("misplaced-level")
            .options
            .iter()
            .find(|o| o.key == "allow-skip")
            .unwrap();
        assert_eq!(
            (skip.value.as_str(), skip.from.as_str()),
            ("false", "g.toml")
        );
        let typo = rule("typo");
        assert!(!typo.enabled && !typo.runs);
        assert_eq!(typo.severity, Severity::Info);
        assert!(typo.entries.is_some_and(|n| n > 100));
        assert!(rule("duplicate-number").enabled);
        assert!(!rule("political-formulation").enabled);
        assert_eq!(e.rules.len(), rules::RULES.len());
    }

    #[test]
    fn filter_ids_are_checked_and_applied() {
        let filter = RuleFilter::from_args(&["typo，duplicate-number".to_owned()], &[]).unwrap();
        let e = effective(None, &filter).unwrap();
        let runs: Vec<&str> = e
            .rules
            .iter()
            .filter(|r| r.runs)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(runs, ["duplicate-number", "typo"]);
        let filter = RuleFilter::from_args(&["tpyo".to_owned()], &[]).unwrap();
        assert!(RuleFilter::from_args(&[" ，".to_owned()], &[]).is_err());
        let err = effective(None, &filter).unwrap_err();
        assert!(err.help.unwrap().contains("“typo”"));
    }

    #[test]
    fn long_values_are_shortened() {
        let text = format!(
            "x = [{}]\n",
            (0..40)
                .map(|i| format!("\"词{i}\""))
                .collect::<Vec<_>>()
                .join(",\n  # c\n")
        );
        let table = DeTable::parse(&text).unwrap();
        let (_, value) = table.get_ref().iter().next().unwrap();
        let s = shown(&text, value);
        assert!(s.ends_with("…]（共 40 项）"), "{s}");
        assert!(!s.contains('#') && !s.contains('\n'), "{s}");
    }
}
