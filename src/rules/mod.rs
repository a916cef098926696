//! The rule registry: a small trait with const metadata and a plain const slice of rules.
//!
//! Adding a rule: see CONTRIBUTING.md. Each rule lives in its own file with its `DOCS`, `META`,
//! `Options` and `impl Rule`; its entry goes into [`RULES`] (kept in id order), `rules/default.toml`
//! and `tests/fixtures/<id>/`. The tests at the bottom of this file check all of that.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;

pub mod analysis;
pub mod custom;
pub mod draft;
pub mod lexicon;
pub mod numbers;
pub mod punctuation;
pub mod structure;

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
#[derive(Debug)]
pub struct RuleMeta {
    /// Kebab-case id naming the defect.
    pub id: &'static str,
    /// One-line Chinese summary.
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

/// A configured rule, ready to check documents.
pub trait Rule: Send + Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Appends findings for `doc` to `out`. Severity is set by the engine afterwards.
    fn check(&self, doc: &Document, out: &mut Vec<Finding>);

    /// For lexical rules: the first and second characters of the terms the rule looks for. The
    /// engine scans each document once for all lexical rules together
    /// ([`Document::lexical_candidates`]).
    fn lexical_chars(&self) -> Option<&crate::engine::prefilter::LexicalChars> {
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

/// Rule options read from TOML. Every field is optional so that a user's table can be laid over
/// the embedded default one key by key.
pub trait RuleOptions: DeserializeOwned + Default {
    /// `over`'s keys win over `self`'s.
    fn merge(self, over: Self) -> Self;
}

/// Why a rule could not be built: the index of the option layer at fault (`None`: the merged
/// options as a whole) and the error.
pub type BuildError = (Option<usize>, toml::de::Error);

/// Options of a rule that has none beyond the common `severity` / `enabled`: any other key is an
/// error.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

impl RuleOptions for NoOptions {
    fn merge(self, _over: Self) -> Self {
        NoOptions {}
    }
}

/// Declares a rule's `META` (docs from the file's `DOCS`) and its registry `ENTRY` with the
/// given build function. The building block of the rule-declaring macros below and in
/// `terms.rs` and `patterns.rs`.
macro_rules! rule_registration {
    ($id:literal, $summary:expr, $severity:ident, $category:ident, $fixable:literal, $build:expr) => {
        /// Metadata.
        pub static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            id: $id,
            summary: $summary,
            docs: DOCS,
            default_severity: $crate::diagnostic::Severity::$severity,
            category: $crate::rules::Category::$category,
            fixable: $fixable,
        };

        /// Registry entry.
        pub const ENTRY: $crate::rules::RuleEntry = $crate::rules::RuleEntry {
            meta: &META,
            build: $build,
        };
    };
}
pub(crate) use rule_registration;

/// Declares a rule without options: its `META` (docs from the file's `DOCS`), its registry
/// `ENTRY` and the unit struct that implements [`Rule`].
macro_rules! rule_without_options {
    (
        $(#[$attr:meta])*
        $name:ident {
            id: $id:literal,
            summary: $summary:expr,
            severity: $severity:ident,
            category: $category:ident,
            fixable: $fixable:literal $(,)?
        }
    ) => {
        $crate::rules::rule_registration!(
            $id, $summary, $severity, $category, $fixable,
            |layers| {
                $crate::rules::build_with::<$crate::rules::NoOptions>(layers, |_| {
                    Ok(Box::new($name))
                })
            }
        );

        $(#[$attr])*
        pub struct $name;
    };
}
pub(crate) use rule_without_options;

/// Builds a rule from its option layers (embedded default first, then user files).
pub type BuildFn = fn(Vec<toml::de::ValueDeserializer<'_>>) -> Result<Box<dyn Rule>, BuildError>;

/// One registry entry.
pub struct RuleEntry {
    /// Metadata (id, docs …).
    pub meta: &'static RuleMeta,
    /// Constructor from configuration.
    pub build: BuildFn,
}

/// Every rule, in id order.
pub const RULES: &[RuleEntry] = &[
    structure::auto_numbering::ENTRY,
    lexicon::context_word::ENTRY,
    structure::count_claim::ENTRY,
    numbers::date_format::ENTRY,
    lexicon::deprecated_term::ENTRY,
    punctuation::dunhao_before_deng::ENTRY,
    punctuation::dunhao_between_quoted::ENTRY,
    structure::duplicate_number::ENTRY,
    structure::enumeration_layout::ENTRY,
    punctuation::enumeration_punctuation::ENTRY,
    structure::enumeration_sequence::ENTRY,
    lexicon::fold_expression::ENTRY,
    numbers::fullwidth_digit::ENTRY,
    punctuation::halfwidth_punctuation::ENTRY,
    structure::heading_punctuation::ENTRY,
    lexicon::inconsistent_term::ENTRY,
    lexicon::latin_roman_numeral::ENTRY,
    punctuation::malformed_doc_number::ENTRY,
    structure::malformed_marker::ENTRY,
    structure::marker_spacing::ENTRY,
    structure::merged_paragraphs::ENTRY,
    structure::misplaced_level::ENTRY,
    punctuation::nested_quote::ENTRY,
    punctuation::nonstandard_dash::ENTRY,
    punctuation::nonstandard_ellipsis::ENTRY,
    numbers::percent_point::ENTRY,
    lexicon::political_formulation::ENTRY,
    numbers::range_separator::ENTRY,
    numbers::range_unit::ENTRY,
    punctuation::repeated_punctuation::ENTRY,
    structure::skipped_number::ENTRY,
    numbers::stacked_approximation::ENTRY,
    punctuation::stray_whitespace::ENTRY,
    lexicon::typo::ENTRY,
    draft::unfilled_placeholder::ENTRY,
    punctuation::unmatched_pair::ENTRY,
    lexicon::variant_form::ENTRY,
];

/// Looks up a rule by id.
pub fn find(id: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|e| e.meta.id == id)
}

/// Deserialises and merges option layers, then constructs the rule with `make`.
pub fn build_with<O: RuleOptions>(
    layers: Vec<toml::de::ValueDeserializer<'_>>,
    make: impl FnOnce(O) -> Result<Box<dyn Rule>, String>,
) -> Result<Box<dyn Rule>, BuildError> {
    let mut options = O::default();
    for (index, layer) in layers.into_iter().enumerate() {
        let layer_options = O::deserialize(layer).map_err(|e| (Some(index), e))?;
        options = options.merge(layer_options);
    }
    make(options).map_err(|msg| (None, <toml::de::Error as serde::de::Error>::custom(msg)))
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

    #[test]
    fn every_rule_is_in_the_readme_table() {
        let readme = include_str!("../../README.md");
        for e in RULES {
            assert!(
                readme.contains(&format!("| `{}` |", e.meta.id)),
                "{} missing in the README rules table",
                e.meta.id
            );
        }
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
