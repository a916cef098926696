//! Word lists that a rule's heuristics rely on (`rules/words/<rule-id>.toml`): the fixed political
//! formulations count-claim must not read as a count, the place names after 、 that only look like
//! 和/与/及, the cue words of a template … Data, not code: each list names its source and says
//! what it is for, and the tests check every file against the rule that reads it.
//!
//! A file is a set of TOML tables, one per list:
//!
//! ```toml
//! [fixed-formulations]
//! description = "固定提法：其中的数字不是前文列举的项数"
//! source = "……"
//! url = "https://…"          # optional
//! words = ["和平共处五项原则", "四项基本原则"]
//! ```
//!
//! A rule deserialises its file into a struct with one [`WordList`] field per list (so a list that
//! the code reads but the file lacks is an error in the tests, not an empty list at run time) and
//! keeps it in a `OnceLock`: the data is embedded, parsed once per process, and only by a rule that
//! is built.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::rules::DataSource;

/// One list: its words and where they come from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordList {
    /// What the list is for (Chinese, shown by nothing but the file itself).
    pub description: String,
    /// Where the words come from.
    pub source: String,
    /// A web address for the source, if there is one.
    #[serde(default)]
    pub url: Option<String>,
    /// The words (single characters allowed), in no particular order.
    pub words: Vec<String>,
}

impl WordList {
    /// Whether `text` starts with one of the words.
    pub fn starts(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.starts_with(w.as_str()))
    }

    /// Whether `text` ends with one of the words.
    pub fn ends(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.ends_with(w.as_str()))
    }

    /// Whether `text` contains one of the words.
    pub fn within(&self, text: &str) -> bool {
        self.words.iter().any(|w| text.contains(w.as_str()))
    }

    /// Whether one of the words is exactly `text`.
    pub fn has(&self, text: &str) -> bool {
        self.words.iter().any(|w| w == text)
    }

    /// Whether `c` is one of the words (for lists of single characters).
    pub fn has_char(&self, c: char) -> bool {
        let mut buf = [0u8; 4];
        self.has(c.encode_utf8(&mut buf))
    }

    /// The words as owned strings (defaults for a rule's options).
    pub fn to_vec(&self) -> Vec<String> {
        self.words.clone()
    }
}

/// Parses the embedded file `data` into `T` and checks every list in it (see [`validate`]).
pub fn parse<T: DeserializeOwned>(data: &str) -> Result<T, String> {
    validate(data)?;
    toml::from_str(data).map_err(|e| e.to_string())
}

/// Parses `data`, whose correctness the tests of the rule that embeds it guarantee
/// (`word_lists_are_valid` in each such rule's tests). A broken embedded file therefore never
/// reaches a user; should it anyway, the error names the file instead of a bare panic.
pub fn embedded<T: DeserializeOwned>(name: &str, data: &str) -> T {
    match parse(data) {
        Ok(lists) => lists,
        Err(e) => panic!("内置词表 rules/words/{name}.toml 有误：{e}"),
    }
}

/// Checks every list of a file: a description and a source, at least one word, no empty, padded
/// or repeated word.
pub fn validate(data: &str) -> Result<(), String> {
    let lists: toml::Table = toml::from_str(data).map_err(|e| e.to_string())?;
    for (id, value) in &lists {
        let list = WordList::deserialize(value.clone()).map_err(|e| format!("[{id}]：{e}"))?;
        if list.description.trim().is_empty() || list.source.trim().is_empty() {
            return Err(format!("[{id}]：缺少 description 或 source"));
        }
        if list.words.is_empty() {
            return Err(format!("[{id}]：words 为空"));
        }
        let mut seen = std::collections::HashSet::new();
        for w in &list.words {
            if w.is_empty() || w.trim() != w {
                return Err(format!("[{id}]：词“{w}”为空或带空白"));
            }
            if !seen.insert(w.as_str()) {
                return Err(format!("[{id}]：词“{w}”重复"));
            }
        }
    }
    Ok(())
}

/// The sources of a file's lists, for `gwlint explain` (one item per source, lists merged).
pub fn sources(data: &str) -> Vec<DataSource> {
    let Ok(lists) = toml::from_str::<toml::Table>(data) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, value) in &lists {
        if let Ok(list) = WordList::deserialize(value.clone()) {
            crate::rules::add_source(
                &mut out,
                id,
                Some(&list.source),
                list.url.as_deref(),
                list.words.len(),
            );
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The embedded file of every rule that has one, and a function that parses it into that
    /// rule's typed lists (a list the code reads but the file lacks fails here).
    const EMBEDDED: &[(&str, &str, fn())] = &[
        (
            "count-claim",
            crate::rules::structure::count_claim::WORDS_DATA,
            || {
                let _ = crate::rules::structure::count_claim::words();
            },
        ),
        (
            "dunhao-before-deng",
            crate::rules::punctuation::dunhao_before_deng::WORDS_DATA,
            || {
                let _ = crate::rules::punctuation::dunhao_before_deng::words();
            },
        ),
        (
            "dunhao-between-quoted",
            crate::rules::punctuation::dunhao_between_quoted::WORDS_DATA,
            || {
                let _ = crate::rules::punctuation::dunhao_between_quoted::words();
            },
        ),
        (
            "inconsistent-term",
            crate::rules::lexicon::inconsistent_term::WORDS_DATA,
            || {
                let _ = crate::rules::lexicon::inconsistent_term::words();
            },
        ),
        (
            "percent-point",
            crate::rules::numbers::percent_point::WORDS_DATA,
            || {
                let _ = crate::rules::numbers::percent_point::words();
            },
        ),
        (
            "stray-whitespace",
            crate::rules::punctuation::stray_whitespace::WORDS_DATA,
            || {
                let _ = crate::rules::punctuation::stray_whitespace::words();
            },
        ),
        (
            "unfilled-placeholder",
            crate::rules::draft::unfilled_placeholder::WORDS_DATA,
            || {
                let _ = crate::rules::draft::unfilled_placeholder::words();
            },
        ),
    ];

    #[test]
    fn every_rule_parses_its_word_lists() {
        for (name, data, load) in EMBEDDED {
            validate(data).unwrap_or_else(|e| panic!("rules/words/{name}.toml: {e}"));
            load();
        }
    }

    /// Every `rules/words/*.toml` is valid and embedded by the rule it is named after: a file
    /// nobody reads is dead data.
    #[test]
    fn every_word_file_is_valid() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/words");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            validate(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!sources(&text).is_empty(), "{}", path.display());
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(
                EMBEDDED
                    .iter()
                    .any(|(n, data, _)| *n == name && *data == text),
                "rules/words/{name}.toml is not embedded by rule {name}"
            );
            n += 1;
        }
        assert_eq!(n, EMBEDDED.len(), "every embedded list has its file");
    }

    #[test]
    fn validation_catches_mistakes() {
        let ok = "[a]\ndescription = \"x\"\nsource = \"y\"\nwords = [\"甲\", \"乙\"]\n";
        assert!(validate(ok).is_ok());
        for bad in [
            "[a]\ndescription = \"x\"\nsource = \"y\"\nwords = []\n",
            "[a]\ndescription = \"x\"\nsource = \"y\"\nwords = [\"甲\", \"甲\"]\n",
            "[a]\ndescription = \"x\"\nsource = \"y\"\nwords = [\" 甲\"]\n",
            "[a]\ndescription = \"x\"\nsource = \"\"\nwords = [\"甲\"]\n",
            "[a]\ndescription = \"x\"\nsource = \"y\"\nwords = [\"甲\"]\nextra = 1\n",
        ] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn matching_helpers() {
        let list = WordList {
            description: String::new(),
            source: String::new(),
            url: None,
            words: vec!["和田".into(), "等".into()],
        };
        assert!(list.starts("和田地区"));
        assert!(!list.starts("和平"));
        assert!(list.ends("新疆和田"));
        assert!(list.within("在和田市"));
        assert!(list.has("等") && !list.has("等等"));
        assert!(list.has_char('等') && !list.has_char('和'));
    }
}
