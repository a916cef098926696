//! The rules: one declaration shape ([`Rule`]: options type, const metadata, constructor,
//! check), erased to [`DynRule`] for the engine, and the registry [`RULES`] of
//! [`entry`]`::<R>()` lines. Shared analyses live in [`analysis`], the rules in their families.
//!
//! Adding a rule: see CONTRIBUTING.md. Each rule lives in its own file with its `DOCS`, its
//! `Options` and its `impl Rule`; its entry goes into [`RULES`] (kept in id order), its table
//! into `rules/default.toml` and its cases into `tests/fixtures/<id>/`. The tests at the bottom of
//! this file check all of that, and that summaries and option defaults are written once.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::Severity;
pub use crate::engine::context::{LintContext, Reporter};
use crate::engine::prefilter::LexicalChars;

pub(crate) mod analysis;
pub(crate) mod custom;
pub(crate) mod draft;
pub(crate) mod lexicon;
pub(crate) mod numbers;
pub(crate) mod punctuation;
pub(crate) mod structure;

/// Broad family of a rule, used to group `gwlint rules` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Outline numbering and structure.
    Structure,
    /// Punctuation (GB/T 15834).
    Punctuation,
    /// Draft residue: placeholders and deletion traces.
    Draft,
    /// Words: typos, variant forms, context-dependent words.
    Lexical,
    /// Numbers and units (GB/T 15835).
    Number,
    /// A rule of the user's own (`[[rule]]` in a configuration file).
    Custom,
}

impl Category {
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Category::Structure => "结构",
            Category::Punctuation => "标点",
            Category::Draft => "草稿残留",
            Category::Lexical => "用词",
            Category::Number => "数字",
            Category::Custom => "自定义",
        }
    }
}

/// Static description of a rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Kebab-case id naming the defect.
    pub id: &'static str,
    /// One-line Chinese summary: `gwlint rules`, the README table and the comment above the
    /// rule's table in `rules/default.toml` say the same (tested below).
    pub summary: &'static str,
    /// Markdown docs shown by `gwlint explain` (Chinese, fixed sections).
    pub docs: &'static str,
    /// Severity when the configuration does not say otherwise.
    pub default_severity: Severity,
    /// Family.
    pub category: Category,
    /// Whether findings carry a suggested replacement.
    pub fixable: bool,
}

/// A rule: the one way to declare one. A rule file holds its docs, `Options`, the struct and
/// this impl; its [`entry`] goes into [`RULES`].
pub trait Rule: Sized + Send + Sync + 'static {
    /// The rule's own options (beyond the common `severity` / `enabled`), read from its
    /// `[rules.<id>]` tables: `deny_unknown_fields`, kebab-case. The tables of every
    /// configuration layer (the embedded `rules/default.toml` first) are merged key by key
    /// before they are read once into this type (see [`Rule::APPEND_KEYS`]).
    type Options: DeserializeOwned + Default + std::fmt::Debug;

    /// Id, summary, docs, default severity, family.
    const META: RuleMeta;

    /// Option keys whose arrays add up over the layers (a user's `extend` adds to the shipped
    /// one) instead of replacing the earlier layer's value like every other key.
    const APPEND_KEYS: &'static [&'static str] = &[];

    /// Builds the rule (compiles its data) from its options; the message says what is wrong
    /// with them, in Chinese.
    fn new(options: Self::Options) -> Result<Self, String>;

    /// Reports the defects of `cx.doc` to `out`. The engine stamps rule id and severity.
    fn check(&self, cx: &LintContext, out: &mut Reporter);

    /// For word rules: the first and second characters of the terms the rule looks for. The
    /// engine merges them into one prefilter and scans each document once for all word rules
    /// together ([`LintContext::word_starts`]).
    fn word_start_chars(&self) -> Option<&LexicalChars> {
        None
    }

    /// For data-driven rules: how much data the configured rule carries (`131 条`), shown by
    /// `gwlint rules`.
    fn data_size(&self) -> Option<usize> {
        None
    }

    /// For data-driven rules: where the configured data comes from, for `gwlint explain`.
    fn data_sources(&self) -> Vec<DataSource> {
        Vec::new()
    }
}

/// A built rule as the engine holds it: [`Rule`] with its types erased. Every [`Rule`] is
/// one; so is a user's own rule ([`custom::CustomRule`]), whose metadata comes from the
/// configuration.
pub trait DynRule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &RuleMeta;
    /// See [`Rule::check`].
    fn check(&self, cx: &LintContext, out: &mut Reporter);
    /// See [`Rule::word_start_chars`].
    fn word_start_chars(&self) -> Option<&LexicalChars>;
    /// See [`Rule::data_size`].
    fn data_size(&self) -> Option<usize>;
    /// See [`Rule::data_sources`].
    fn data_sources(&self) -> Vec<DataSource>;
}

impl<R: Rule> DynRule for R {
    fn meta(&self) -> &RuleMeta {
        const { &R::META }
    }
    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        Rule::check(self, cx, out)
    }
    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Rule::word_start_chars(self)
    }
    fn data_size(&self) -> Option<usize> {
        Rule::data_size(self)
    }
    fn data_sources(&self) -> Vec<DataSource> {
        Rule::data_sources(self)
    }
}

/// One source of a data-driven rule's entries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DataSource {
    /// Ids of the sets, groups or rules from this source.
    pub ids: Vec<String>,
    /// The source as written in the data (`None`: the user's configuration).
    pub source: Option<String>,
    /// A web address, when the data gives one.
    pub url: Option<String>,
    /// Number of entries.
    pub entries: usize,
}

/// Adds `entries` entries of set `id` from `source` to `list`, merging with an earlier item of
/// the same source.
pub fn add_source(
    list: &mut Vec<DataSource>,
    id: &str,
    source: Option<&str>,
    url: Option<&str>,
    entries: usize,
) {
    if let Some(d) = list.iter_mut().find(|d| d.source.as_deref() == source) {
        d.ids.push(id.to_owned());
        d.entries += entries;
        if d.url.is_none() {
            d.url = url.map(str::to_owned);
        }
        return;
    }
    list.push(DataSource {
        ids: vec![id.to_owned()],
        source: source.map(str::to_owned),
        url: url.map(str::to_owned),
        entries,
    });
}

/// Why a rule could not be built or its options not read: the index of the option layer at
/// fault (`None`: the merged options as a whole) and the error.
pub type BuildError = (Option<usize>, toml::de::Error);

/// One `[rules.<id>]` table (or list file) of one configuration layer, without the common keys:
/// its span in its file and its keys.
pub type OptionLayer<'a> = Spanned<DeTable<'a>>;

/// Options of a rule that has none beyond the common `severity` / `enabled`: any other key is an
/// error.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// Builds a rule from its option layers.
pub type BuildFn = for<'a> fn(Vec<OptionLayer<'a>>) -> Result<Box<dyn DynRule>, BuildError>;

/// One registry entry: a rule's metadata and how to build it or check its options.
pub struct RuleEntry {
    /// Metadata (id, docs …).
    pub meta: &'static RuleMeta,
    /// Builds the rule from its option layers (embedded default first, then user files).
    pub build: BuildFn,
    /// Reads each layer's options without building the rule: a rule that does not run still has
    /// its configuration checked.
    pub validate: for<'a> fn(&[OptionLayer<'a>]) -> Result<(), BuildError>,
    /// For each key of a layer: the options read from that key alone and the code's defaults,
    /// both as `Debug` text (the test that `rules/default.toml` and the code agree).
    #[cfg(test)]
    pub key_defaults: for<'a> fn(&OptionLayer<'a>) -> Vec<(String, String, String)>,
}

/// The registry entry of rule `R`.
pub const fn entry<R: Rule>() -> RuleEntry {
    RuleEntry {
        meta: const { &R::META },
        build: build::<R>,
        validate: validate::<R>,
        #[cfg(test)]
        key_defaults: key_defaults::<R>,
    }
}

#[cfg(test)]
fn key_defaults<R: Rule>(layer: &OptionLayer<'_>) -> Vec<(String, String, String)> {
    let default = format!("{:?}", R::Options::default());
    layer
        .get_ref()
        .iter()
        .map(|(key, value)| {
            let mut alone = DeTable::new();
            alone.insert(key.clone(), value.clone());
            let read = read_layer::<R>(Spanned::new(layer.span(), alone))
                .map(|o| format!("{o:?}"))
                .unwrap_or_else(|e| e.to_string());
            (key.get_ref().to_string(), read, default.clone())
        })
        .collect()
}

fn read_layer<R: Rule>(layer: OptionLayer<'_>) -> Result<R::Options, toml::de::Error> {
    let (span, table) = (layer.span(), layer.into_inner());
    R::Options::deserialize(ValueDeserializer::from(Spanned::new(
        span,
        DeValue::Table(table),
    )))
}

fn validate<R: Rule>(layers: &[OptionLayer<'_>]) -> Result<(), BuildError> {
    for (index, layer) in layers.iter().enumerate() {
        read_layer::<R>(layer.clone()).map_err(|e| (Some(index), e))?;
    }
    Ok(())
}

/// Reads the options of `R` from its layers: each layer is read alone first (so that an error
/// points into its own file), then the layers are merged key by key — a later layer's value
/// replaces an earlier one's, except that the arrays of [`Rule::APPEND_KEYS`] add up — and read
/// once.
pub fn options<R: Rule>(layers: Vec<OptionLayer<'_>>) -> Result<R::Options, BuildError> {
    if layers.len() <= 1 {
        return match layers.into_iter().next() {
            Some(layer) => read_layer::<R>(layer).map_err(|e| (Some(0), e)),
            None => Ok(R::Options::default()),
        };
    }
    validate::<R>(&layers)?;
    let span = layers.last().map(Spanned::span).unwrap_or_default();
    let mut merged = DeTable::new();
    for layer in layers {
        for (key, value) in layer.into_inner() {
            let append = R::APPEND_KEYS.contains(&key.get_ref().as_ref());
            if append
                && let Some(earlier) = merged.get_mut(key.get_ref().as_ref())
                && let DeValue::Array(earlier) = earlier.get_mut()
                && let DeValue::Array(_) = value.get_ref()
            {
                let DeValue::Array(items) = value.into_inner() else {
                    unreachable!("matched as an array above")
                };
                for item in items {
                    earlier.push(item);
                }
                continue;
            }
            merged.remove(key.get_ref().as_ref());
            merged.insert(key, value);
        }
    }
    read_layer::<R>(Spanned::new(span, merged)).map_err(|e| (None, e))
}

fn build<R: Rule>(layers: Vec<OptionLayer<'_>>) -> Result<Box<dyn DynRule>, BuildError> {
    let options = options::<R>(layers)?;
    let rule = R::new(options)
        .map_err(|msg| (None, <toml::de::Error as serde::de::Error>::custom(msg)))?;
    Ok(Box::new(rule))
}

/// Every rule, in id order.
pub const RULES: &[RuleEntry] = &[
    entry::<structure::auto_numbering::AutoNumbering>(),
    entry::<lexicon::context_word::ContextWord>(),
    entry::<structure::count_claim::CountClaim>(),
    entry::<numbers::date_format::DateFormat>(),
    entry::<lexicon::deprecated_term::DeprecatedTerm>(),
    entry::<punctuation::dunhao_before_deng::DunhaoBeforeDeng>(),
    entry::<punctuation::dunhao_between_quoted::DunhaoBetweenQuoted>(),
    entry::<structure::duplicate_number::DuplicateNumber>(),
    entry::<structure::enumeration_layout::EnumerationLayout>(),
    entry::<punctuation::enumeration_punctuation::EnumerationPunctuation>(),
    entry::<structure::enumeration_sequence::EnumerationSequence>(),
    entry::<lexicon::fold_expression::FoldExpression>(),
    entry::<numbers::fullwidth_digit::FullwidthDigit>(),
    entry::<punctuation::halfwidth_punctuation::HalfwidthPunctuation>(),
    entry::<structure::heading_punctuation::HeadingPunctuation>(),
    entry::<lexicon::inconsistent_term::InconsistentTerm>(),
    entry::<lexicon::latin_roman_numeral::LatinRomanNumeral>(),
    entry::<punctuation::malformed_doc_number::MalformedDocNumber>(),
    entry::<structure::malformed_marker::MalformedMarker>(),
    entry::<structure::marker_spacing::MarkerSpacing>(),
    entry::<structure::merged_paragraphs::MergedParagraphs>(),
    entry::<structure::misplaced_level::MisplacedLevel>(),
    entry::<punctuation::nested_quote::NestedQuote>(),
    entry::<punctuation::nonstandard_dash::NonstandardDash>(),
    entry::<punctuation::nonstandard_ellipsis::NonstandardEllipsis>(),
    entry::<numbers::percent_point::PercentPoint>(),
    entry::<lexicon::political_formulation::PoliticalFormulation>(),
    entry::<numbers::range_separator::RangeSeparator>(),
    entry::<numbers::range_unit::RangeUnit>(),
    entry::<punctuation::repeated_punctuation::RepeatedPunctuation>(),
    entry::<structure::skipped_number::SkippedNumber>(),
    entry::<numbers::stacked_approximation::StackedApproximation>(),
    entry::<punctuation::stray_whitespace::StrayWhitespace>(),
    entry::<lexicon::typo::Typo>(),
    entry::<draft::unfilled_placeholder::UnfilledPlaceholder>(),
    entry::<punctuation::unmatched_pair::UnmatchedPair>(),
    entry::<lexicon::variant_form::VariantForm>(),
];

/// Looks up a rule by id.
pub fn find(id: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|e| e.meta.id == id)
}

/// Runs one rule alone over `doc`, at its default severity (for unit tests).
#[cfg(test)]
pub(crate) fn run_alone(
    rule: &dyn DynRule,
    doc: &crate::document::Document,
) -> Vec<crate::diagnostic::Finding> {
    let cx = LintContext::new(doc, rule.word_start_chars());
    let mut out = Reporter::with_limit(0);
    out.start_rule(rule.meta().id, rule.meta().default_severity);
    rule.check(&cx, &mut out);
    out.into_findings()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_sorted_and_kebab_case() {
        let ids: Vec<_> = RULES.iter().map(|e| e.meta.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be sorted by id without duplicates");
        for id in ids {
            assert!(
                id.split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())),
                "{id} is not kebab-case"
            );
            for bad in [
                "avoid-",
                "prefer-",
                "use-",
                "consider-",
                "do-not-",
                "no-",
                "check-",
            ] {
                assert!(!id.starts_with(bad), "{id}: name the defect, not the fix");
            }
        }
    }

    #[test]
    fn every_rule_has_docs_with_required_sections() {
        for e in RULES {
            for heading in ["## 检查内容", "## 为什么", "## 示例", "## 配置项"] {
                assert!(
                    e.meta.docs.contains(heading),
                    "{} docs lack {heading}",
                    e.meta.id
                );
            }
            assert!(!e.meta.summary.is_empty());
        }
    }

    /// Whether `rules/default.toml` turns the rule off.
    fn off_by_default(id: &str) -> bool {
        let table: toml::Table = toml::from_str(crate::config::DEFAULT_TOML).unwrap();
        table["rules"][id]
            .get("enabled")
            .is_some_and(|e| e.as_bool() == Some(false))
    }

    #[test]
    fn readme_table_rows_are_the_rule_summaries() {
        // The summary is written once, in META: `gwlint rules` prints it, and the README row
        // must say the same.
        let readme = include_str!("../../README.md");
        for e in RULES {
            let severity = if off_by_default(e.meta.id) {
                format!("{}（默认关闭）", e.meta.default_severity.as_str())
            } else {
                e.meta.default_severity.as_str().to_owned()
            };
            let row = format!("| `{}` | {severity} | {} |", e.meta.id, e.meta.summary);
            assert!(
                readme.lines().any(|l| l == row),
                "README rules table: expected the row\n{row}"
            );
        }
    }

    #[test]
    fn default_toml_comments_start_with_the_rule_summaries() {
        let lines: Vec<&str> = crate::config::DEFAULT_TOML.lines().collect();
        for e in RULES {
            let header = format!("[rules.{}]", e.meta.id);
            let at = lines.iter().position(|l| *l == header).unwrap();
            let mut first = at;
            while first > 0
                && lines[first - 1].starts_with("# ")
                && !lines[first - 1].starts_with("# ———")
            {
                first -= 1;
            }
            let expected = format!("# {}。", e.meta.summary);
            assert!(
                first < at && lines[first].starts_with(&expected),
                "rules/default.toml: the comment above {header} must begin with\n{expected}"
            );
        }
    }

    /// Option keys whose default is data kept only in `rules/default.toml` (the code's default
    /// is empty): the list of paired marks and the placeholder patterns.
    const DATA_KEYS: &[(&str, &str)] = &[
        ("unmatched-pair", "pairs"),
        ("unfilled-placeholder", "patterns"),
    ];

    #[test]
    fn option_defaults_in_default_toml_are_the_code_defaults() {
        // A default is written once: a key that `rules/default.toml` sets (to show users the
        // value) must hold exactly the code's default, except the data keys.
        let root = DeTable::parse(crate::config::DEFAULT_TOML)
            .unwrap()
            .into_inner();
        let rules = match root.get("rules").map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => t.clone(),
            _ => panic!("no [rules] in rules/default.toml"),
        };
        let mut checked = 0;
        for e in RULES {
            let Some(DeValue::Table(table)) = rules.get(e.meta.id).map(|v| v.get_ref().clone())
            else {
                panic!("{} missing in rules/default.toml", e.meta.id);
            };
            let mut options = DeTable::new();
            for (k, v) in table {
                if !["severity", "enabled"].contains(&k.get_ref().as_ref()) {
                    options.insert(k, v);
                }
            }
            for (key, read, default) in (e.key_defaults)(&Spanned::new(0..0, options)) {
                if DATA_KEYS.contains(&(e.meta.id, key.as_str())) {
                    let field = key.replace('-', "_");
                    assert!(
                        default.contains(&format!("{field}: []"))
                            || default.contains(&format!("{field}: None")),
                        "{}: the default of {key} is data in rules/default.toml; the code's must be empty: {default}",
                        e.meta.id
                    );
                    continue;
                }
                assert_eq!(
                    read, default,
                    "{}: {key} in rules/default.toml is not the code's default",
                    e.meta.id
                );
                checked += 1;
            }
        }
        // allow-halfwidth-level4, allow-skip, multi-paragraph-quotes, style, amount-units,
        // value-range, time-range.
        assert!(checked >= 7, "only {checked} option defaults checked");
    }

    fn layer(text: &str) -> OptionLayer<'_> {
        Spanned::new(0..text.len(), DeTable::parse(text).unwrap().into_inner())
    }

    #[test]
    fn layers_merge_key_by_key_and_lists_add_up() {
        // A later layer's key replaces the earlier one's…
        let o = options::<structure::misplaced_level::MisplacedLevel>(vec![
            layer("allow-skip = true"),
            layer("allow-skip = false"),
        ])
        .unwrap();
        assert!(!o.allow_skip);
        let o = options::<structure::misplaced_level::MisplacedLevel>(vec![
            layer("allow-skip = false"),
            layer(""),
        ])
        .unwrap();
        assert!(
            !o.allow_skip,
            "a layer without the key keeps the earlier value"
        );
        let o = options::<punctuation::unmatched_pair::UnmatchedPair>(vec![
            layer("pairs = [\"《》\", \"“”\"]"),
            layer("pairs = [\"【】\"]"),
        ])
        .unwrap();
        assert_eq!(o.pairs, ["【】"], "a plain list is replaced");
        // …but the lists of APPEND_KEYS add up, in layer order.
        let o = options::<lexicon::typo::Typo>(vec![
            layer("extend = [[\"甲\", \"乙\"]]\ndisable = [\"a\"]"),
            layer("disable = [\"b\"]"),
            layer("extend = [[\"丙\", \"丁\"]]"),
        ])
        .unwrap();
        assert_eq!(
            o.extend.unwrap(),
            [
                ("甲".to_owned(), "乙".to_owned()),
                ("丙".to_owned(), "丁".to_owned())
            ]
        );
        assert_eq!(o.disable.unwrap(), ["a", "b"]);
    }

    #[test]
    fn option_errors_name_the_layer_at_fault() {
        let (at, e) = options::<structure::misplaced_level::MisplacedLevel>(vec![
            layer("allow-skip = true"),
            layer("allow-skip = \"yes\""),
            layer("allow-skip = false"),
        ])
        .unwrap_err();
        assert_eq!(at, Some(1));
        assert!(e.to_string().contains("bool"), "{e}");
        let (at, _) = options::<lexicon::typo::Typo>(vec![layer("extend = []"), layer("nope = 1")])
            .unwrap_err();
        assert_eq!(at, Some(1));
    }

    #[test]
    fn every_rule_is_in_default_toml() {
        let table: toml::Table = toml::from_str(crate::config::DEFAULT_TOML).unwrap();
        let rules = table["rules"].as_table().unwrap();
        for e in RULES {
            assert!(
                rules.contains_key(e.meta.id),
                "{} missing in rules/default.toml",
                e.meta.id
            );
        }
        for key in rules.keys() {
            assert!(
                find(key).is_some(),
                "rules/default.toml names unknown rule {key}"
            );
        }
    }

    #[test]
    fn every_rule_has_failing_and_passing_fixtures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        for e in RULES {
            let rule_dir = dir.join(e.meta.id);
            let names: Vec<String> = std::fs::read_dir(&rule_dir)
                .unwrap_or_else(|_| panic!("missing {}", rule_dir.display()))
                .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(
                names.iter().any(|n| n.starts_with("fail")),
                "{}: no fail_* fixture",
                e.meta.id
            );
            assert!(
                names.iter().any(|n| n.starts_with("pass")),
                "{}: no pass_* fixture",
                e.meta.id
            );
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(find(&name).is_some(), "orphan fixture directory {name}");
        }
    }
}
