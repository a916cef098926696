//! Term lists: shipped TOML data (`rules/terms/*.toml`) plus a user's additions, matched in one
//! pass, leftmost-longest, however long the list: the shared word-start prefilter gives the
//! places where an entry can start, and the entries beginning with the character there are
//! tried, longest first. Shared by `typo` and `variant-form`.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use crate::diagnostic::Finding;
use crate::engine::context::{LintContext, Reporter};

/// One shipped list file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermFile {
    /// The sets of the file.
    pub set: Vec<TermSet>,
}

/// A set of `[wrong, right]` pairs from one source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSet {
    /// Kebab-case id (can be disabled as a whole).
    pub id: String,
    /// Where the data comes from.
    pub source: String,
    /// A web address of the source, if any.
    #[serde(default)]
    pub url: Option<String>,
    /// Message template: `{wrong}`, `{right}`.
    pub message: String,
    /// `[bad text, corrected text]` pairs, checked by a test.
    #[serde(default)]
    pub examples: Vec<(String, String)>,
    /// `[wrong, right]` pairs.
    pub pairs: Vec<(String, String)>,
    /// Correct phrases that contain a wrong form (`供给与需求` holds `给与`): a match inside one
    /// of them is not reported.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// For dated lists (`deprecated-term`): the day the right form took over, `YYYY-MM-DD`.
    #[serde(default)]
    pub since: Option<String>,
}

impl TermSet {
    /// The set's entries (pairs not `skipped`) and its exception phrases.
    fn entries(&self, skipped: impl Fn(&str) -> bool) -> Vec<Entry> {
        let pairs = self
            .pairs
            .iter()
            .filter(|(wrong, _)| !skipped(wrong))
            .map(|(wrong, right)| Entry {
                wrong: wrong.clone(),
                right: right.clone(),
                message: fill(&self.message, wrong, right),
                source: Some(self.source.clone()),
                exception: false,
                since: self.since.clone(),
            });
        let exceptions = self.exceptions.iter().map(|phrase| Entry {
            wrong: phrase.clone(),
            right: phrase.clone(),
            message: String::new(),
            source: None,
            exception: true,
            since: None,
        });
        pairs.chain(exceptions).collect()
    }
}

/// Options shared by the term-list rules.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermOptions {
    /// Extra `[wrong, right]` pairs.
    pub extend: Option<Vec<(String, String)>>,
    /// Wrong forms or set ids to turn off.
    pub disable: Option<Vec<String>>,
    /// Whole sets of the user's, in the shipped format (`[[set]]`), usually from a list file
    /// named in `include`.
    pub set: Option<Vec<TermSet>>,
}

/// The keys of [`TermOptions`] whose arrays add up over the configuration layers.
pub const TERM_APPEND_KEYS: &[&str] = &["extend", "disable", "set"];

/// One entry of a compiled list.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The wrong form.
    pub wrong: String,
    /// The replacement.
    pub right: String,
    /// The message, filled in.
    pub message: String,
    /// Where it comes from (`None`: the user's configuration).
    pub source: Option<String>,
    /// A correct phrase that hides the wrong form inside it: matched, never reported.
    pub exception: bool,
    /// The day the right form took over (`YYYY-MM-DD`), for dated lists.
    pub since: Option<String>,
}

/// A compiled list.
#[derive(Debug)]
pub struct TermList {
    /// By first character: the indexes of the entries starting with it, longest first (an
    /// automaton took longer to build, once per process, than these lookups take on a document:
    /// they run only where the prefilter's first two characters already fit).
    by_first: HashMap<char, Vec<usize>>,
    entries: Vec<Entry>,
    /// First and second characters of every entry, for the word-start prefilter.
    chars: crate::engine::prefilter::LexicalChars,
    /// Where the entries come from.
    sources: Vec<crate::rules::DataSource>,
}

impl TermList {
    /// Parses the shipped data and applies the user's options. `user_message` is the template for
    /// the user's own pairs.
    pub fn build(
        shipped: &str,
        options: TermOptions,
        user_message: &str,
    ) -> Result<TermList, String> {
        let file: TermFile =
            toml::from_str(shipped).map_err(|e| format!("内置词表无法解析：{e}"))?;
        let disable = options.disable.unwrap_or_default();
        let mut known: Vec<&str> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        for set in &file.set {
            known.push(&set.id);
            known.extend(set.pairs.iter().map(|(wrong, _)| wrong.as_str()));
            entries.extend(set.entries(|wrong| disable.iter().any(|d| d == &set.id || d == wrong)));
        }
        for d in &disable {
            if !known.contains(&d.as_str()) {
                return Err(format!(
                    "disable 中的“{d}”不是本规则词表中的词组 id 或错误写法"
                ));
            }
        }
        for (wrong, right) in options.extend.unwrap_or_default() {
            if wrong.is_empty() {
                return Err("extend 中有空的错误写法".to_owned());
            }
            if wrong == right {
                return Err(format!("extend 中“{wrong}”的错误写法和正确写法相同"));
            }
            // A user's pair replaces a shipped one for the same wrong form.
            entries.retain(|e| e.wrong != wrong);
            entries.push(Entry {
                message: fill(user_message, &wrong, &right),
                wrong,
                right,
                source: None,
                exception: false,
                since: None,
            });
        }
        let user_sets = options.set.unwrap_or_default();
        for set in &user_sets {
            if file.set.iter().any(|s| s.id == set.id) {
                return Err(format!("词组 id“{}”与内置词组重复", set.id));
            }
            if let Some((wrong, _)) = set.pairs.iter().find(|(w, r)| w.is_empty() || w == r) {
                return Err(format!(
                    "词组“{}”中的“{wrong}”：错误写法为空或与正确写法相同",
                    set.id
                ));
            }
            // A user's entry replaces a shipped one for the same wrong form.
            entries.retain(|e| !set.pairs.iter().any(|(w, _)| w == &e.wrong));
            entries.extend(set.entries(|_| false));
        }
        let mut sources = Vec::new();
        for set in file.set.iter().chain(&user_sets) {
            let n = set
                .pairs
                .iter()
                .filter(|(w, _)| !disable.iter().any(|d| d == &set.id || d == w))
                .count();
            if n > 0 {
                crate::rules::add_source(
                    &mut sources,
                    &set.id,
                    Some(&set.source),
                    set.url.as_deref(),
                    n,
                );
            }
        }
        let own = entries
            .iter()
            .filter(|e| e.source.is_none() && !e.exception)
            .count();
        if own > 0 {
            crate::rules::add_source(&mut sources, "extend", None, None, own);
        }
        let mut list = TermList::from_entries(entries)?;
        list.sources = sources;
        // A user's list is tested like the shipped ones: every example must come out right.
        for set in &user_sets {
            for (bad, good) in &set.examples {
                let fixed = list.apply(bad);
                if &fixed != good || !list.find(good).is_empty() {
                    return Err(format!(
                        "词组“{}”的示例不成立：“{bad}”改正后是“{fixed}”，应为“{good}”",
                        set.id
                    ));
                }
            }
        }
        Ok(list)
    }

    /// Compiles entries (the first of several with the same wrong form wins).
    pub fn from_entries(mut entries: Vec<Entry>) -> Result<TermList, String> {
        let mut seen = std::collections::HashSet::new();
        entries.retain(|e| seen.insert(e.wrong.clone()));
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            // An empty entry can never match: the prefilter has no character to find it by.
            if let Some(c) = e.wrong.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        for list in by_first.values_mut() {
            // Longest first: the first entry that fits is the leftmost-longest match. (Stable,
            // and the wrong forms are distinct, so equal lengths never both fit.)
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i].wrong.len()));
        }
        let mut chars = crate::engine::prefilter::LexicalChars::default();
        for e in &entries {
            chars.add_term(&e.wrong);
        }
        Ok(TermList {
            by_first,
            entries,
            chars,
            sources: Vec::new(),
        })
    }

    /// Every match in `text`, in order, with its entry: leftmost-longest and non-overlapping, as
    /// one search over the whole text would give. The automaton runs, anchored, only where the
    /// word-start prefilter says an entry can start (a DFA over every byte costs several times more for a
    /// few hundred CJK terms).
    pub fn find<'a>(&'a self, text: &'a str) -> Vec<(Range<usize>, &'a Entry)> {
        self.find_in(text, None)
    }

    /// The characters the word-start prefilter must look for.
    pub fn chars(&self) -> &crate::engine::prefilter::LexicalChars {
        &self.chars
    }

    /// Like [`TermList::find`], but only at `candidates` (sorted byte offsets from the shared
    /// word-start prefilter, a superset of where this list's entries can start) when given.
    pub fn find_in<'a>(
        &'a self,
        text: &'a str,
        candidates: Option<&[usize]>,
    ) -> Vec<(Range<usize>, &'a Entry)> {
        let mut out = Vec::new();
        if self.by_first.is_empty() {
            return out;
        }
        // Without the shared scan's positions (a caller outside `check_document`), scan for this
        // list alone.
        let own;
        let candidates = match candidates {
            Some(c) => c,
            None => {
                own = crate::engine::prefilter::scan(text, &self.chars);
                &own
            }
        };
        let bytes = text.as_bytes();
        let mut next_free = 0usize;
        for &i in candidates {
            if i < next_free || !self.chars.starts_at(bytes, i) {
                continue;
            }
            let Some(rest) = text.get(i..) else { continue };
            let Some(first) = rest.chars().next() else {
                continue;
            };
            let Some(list) = self.by_first.get(&first) else {
                continue;
            };
            if let Some(entry) = list
                .iter()
                .map(|&k| &self.entries[k])
                .find(|e| rest.starts_with(e.wrong.as_str()))
            {
                let end = i + entry.wrong.len();
                // An exception phrase that holds a wrong form is skipped whole.
                if !entry.exception {
                    out.push((i..end, entry));
                }
                next_free = end;
            }
        }
        out
    }

    /// Where the entries come from.
    pub fn sources(&self) -> &[crate::rules::DataSource] {
        &self.sources
    }

    /// `text` with every match replaced by its right form, or marked 【…】 when the entry has no
    /// replacement (a word list that only points): the form examples are written in.
    pub fn apply(&self, text: &str) -> String {
        let mut fixed = String::new();
        let mut last = 0;
        for (span, entry) in self.find(text) {
            fixed.push_str(&text[last..span.start]);
            if entry.right.is_empty() {
                fixed.push('【');
                fixed.push_str(&text[span.clone()]);
                fixed.push('】');
            } else {
                fixed.push_str(&entry.right);
            }
            last = span.end;
        }
        fixed.push_str(&text[last..]);
        fixed
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.iter().filter(|e| !e.exception).count()
    }
}

/// Reports every match of `list` in the document, with the right form as a safe fix.
/// What a rule made of a shipped term list declares (`typo`, `variant-form`): its metadata, its
/// data file and the message of a user's own entries. The rule is [`TermListRule`] of it.
pub trait TermListData: Send + Sync + 'static {
    /// The rule's metadata.
    const META: crate::rules::RuleMeta;
    /// The shipped list (`rules/terms/<id>.toml`).
    const DATA: &'static str;
    /// Message of an entry from the user's configuration (`{wrong}`, `{right}`).
    const USER_MESSAGE: &'static str;
}

/// A rule that reports the entries of a term list: the shipped one plus a user's additions.
pub struct TermListRule<D> {
    list: TermList,
    data: std::marker::PhantomData<D>,
}

impl<D: TermListData> crate::rules::Rule for TermListRule<D> {
    type Options = TermOptions;

    const META: crate::rules::RuleMeta = D::META;

    const APPEND_KEYS: &'static [&'static str] = TERM_APPEND_KEYS;

    fn new(options: TermOptions) -> Result<Self, String> {
        Ok(TermListRule {
            list: TermList::build(D::DATA, options, D::USER_MESSAGE)?,
            data: std::marker::PhantomData,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        report(&self.list, cx, out);
    }

    fn word_start_chars(&self) -> Option<&crate::engine::prefilter::LexicalChars> {
        Some(self.list.chars())
    }

    fn data_size(&self) -> Option<usize> {
        Some(self.list.len())
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        self.list.sources().to_vec()
    }
}

pub fn report(list: &TermList, cx: &LintContext, out: &mut Reporter) {
    for (span, entry) in list.find_in(&cx.doc.text, cx.word_starts()) {
        let help = match &entry.source {
            Some(source) => format!("改为“{}”（依据：{source}）", entry.right),
            None => format!("改为“{}”（本单位词表）", entry.right),
        };
        out.push(
            Finding::at(span.clone(), entry.message.clone())
                .with_help(help)
                .with_fix(span, entry.right.clone(), true),
        );
    }
}

fn fill(template: &str, wrong: &str, right: &str) -> String {
    template.replace("{wrong}", wrong).replace("{right}", right)
}

#[cfg(test)]
pub(crate) mod tests_support {
    pub(crate) use super::tests::check_examples;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped example: the bad text, corrected with the list's replacements, gives the
    /// good text, and the good text has no finding.
    pub(crate) fn check_examples(data: &str) {
        let list = TermList::build(data, TermOptions::default(), "").unwrap();
        let file: TermFile = toml::from_str(data).unwrap();
        for set in &file.set {
            assert!(!set.examples.is_empty(), "set {} has no examples", set.id);
            for (bad, good) in &set.examples {
                let mut fixed = String::new();
                let mut last = 0;
                let mut hits = 0;
                for (span, entry) in list.find(bad) {
                    fixed.push_str(&bad[last..span.start]);
                    fixed.push_str(&entry.right);
                    last = span.end;
                    hits += 1;
                }
                fixed.push_str(&bad[last..]);
                // An example that stays as it is shows a phrase that must not be reported.
                assert_eq!(hits > 0, bad != good, "{}: {bad:?}", set.id);
                assert_eq!(&fixed, good, "{}: {bad:?}", set.id);
                assert_eq!(list.find(good).len(), 0, "{}: finding in {good:?}", set.id);
            }
            for (wrong, right) in &set.pairs {
                assert_ne!(wrong, right, "{}: {wrong}", set.id);
                assert!(
                    !right.contains(wrong.as_str()),
                    "{}: {wrong} inside {right}",
                    set.id
                );
            }
        }
    }

    #[test]
    fn shipped_typo_examples() {
        check_examples(crate::rules::lexicon::typo::DATA);
    }

    #[test]
    fn shipped_variant_examples() {
        check_examples(crate::rules::lexicon::variant_form::DATA);
    }

    #[test]
    fn user_pairs_and_disable() {
        let opts = TermOptions {
            extend: Some(vec![("布暑".to_owned(), "部署".to_owned())]),
            disable: Some(vec!["拼博".to_owned()]),
            set: None,
        };
        let list = TermList::build(
            crate::rules::lexicon::typo::DATA,
            opts,
            "本单位：{wrong}→{right}",
        )
        .unwrap();
        let found: Vec<_> = list
            .find("拼博精神，周密布暑")
            .into_iter()
            .map(|(_, e)| e.message.clone())
            .collect();
        assert_eq!(found, vec!["本单位：布暑→部署".to_owned()]);
        let bad = TermOptions {
            extend: None,
            disable: Some(vec!["不存在的词".to_owned()]),
            set: None,
        };
        let err = TermList::build(crate::rules::lexicon::typo::DATA, bad, "").unwrap_err();
        assert!(err.contains("不存在的词"), "{err}");
    }
}
