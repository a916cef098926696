//! Pattern rules as data: a regex, a replacement template and a message per entry, with tested
//! examples, shipped in TOML and extended by users. Shared by `context-word` and
//! `fold-expression`. Matching finds two-character literal prefixes at the positions of the
//! word-start prefilter and runs each regex anchored there.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};
use serde::Deserialize;

use crate::diagnostic::Finding;
use crate::engine::context::{LintContext, Reporter};

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
    /// Extra rules in the shipped format (`[[rule]]`), usually from a list file named in
    /// `include`: the same as `extend`.
    pub rule: Option<Vec<Spec>>,
}

/// The keys of [`Options`] whose arrays add up over the configuration layers.
pub const APPEND_KEYS: &[&str] = &["extend", "disable", "rule"];

/// A compiled set of pattern rules.
pub struct PatternSet {
    specs: Vec<Spec>,
    /// One per spec, compiled on first use: a document rarely reaches more than a few of them,
    /// and compiling all of them at start-up took over a millisecond. The user's regexes are
    /// compiled while the configuration loads (so that their errors are reported there); the
    /// shipped ones are checked by the tests.
    regexes: Vec<OnceLock<Regex>>,
    /// Literal prefixes of the anchored rules; prefix k starts the rules `by_prefix[k]`.
    prefixes: Vec<String>,
    /// By first character: the prefixes starting with it, in order (the first that fits wins,
    /// as in a leftmost-first search; an automaton took longer to build than these lookups take).
    prefixes_by_first: HashMap<char, Vec<usize>>,
    by_prefix: Vec<Vec<usize>>,
    /// Rules whose start cannot be listed: searched over the whole text.
    unanchored: Vec<usize>,
    /// First and second characters of the prefixes, for the word-start prefilter.
    chars: crate::engine::prefilter::LexicalChars,
}

/// What a rule made of a shipped pattern list declares (`context-word`, `fold-expression`): its
/// metadata and its data file. The rule is [`PatternRule`] of it.
pub trait PatternData: Send + Sync + 'static {
    /// The rule's metadata.
    const META: crate::rules::RuleMeta;
    /// The shipped patterns (`rules/terms/<id>.toml`).
    const DATA: &'static str;
}

/// A rule that reports the matches of a pattern list: the shipped one plus a user's additions.
pub struct PatternRule<D> {
    set: PatternSet,
    data: std::marker::PhantomData<D>,
}

impl<D: PatternData> crate::rules::Rule for PatternRule<D> {
    type Options = Options;

    const META: crate::rules::RuleMeta = D::META;

    const APPEND_KEYS: &'static [&'static str] = APPEND_KEYS;

    fn new(options: Options) -> Result<Self, String> {
        Ok(PatternRule {
            set: PatternSet::new(D::DATA, options)?,
            data: std::marker::PhantomData,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        self.set.report(cx, out);
    }

    fn word_start_chars(&self) -> Option<&crate::engine::prefilter::LexicalChars> {
        Some(self.set.chars())
    }

    fn data_size(&self) -> Option<usize> {
        Some(self.set.len())
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        self.set.sources()
    }
}

impl PatternSet {
    /// Compiles the shipped rules (`data`) and the user's.
    pub fn new(data: &str, options: Options) -> Result<Self, String> {
        let file: SpecFile = toml::from_str(data).map_err(|e| format!("内置规则无法解析：{e}"))?;
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
        let shipped = specs.len();
        for spec in options
            .extend
            .unwrap_or_default()
            .into_iter()
            .chain(options.rule.unwrap_or_default())
        {
            if specs.iter().any(|s| s.id == spec.id) {
                return Err(format!("规则 id“{}”重复", spec.id));
            }
            specs.push(spec);
        }
        let mut regexes = Vec::with_capacity(specs.len());
        let mut prefix_index: HashMap<String, usize> = HashMap::new();
        let mut prefixes: Vec<String> = Vec::new();
        let mut by_prefix: Vec<Vec<usize>> = Vec::new();
        let mut unanchored = Vec::new();
        for (i, spec) in specs.iter().enumerate() {
            let compiled = OnceLock::new();
            if i >= shipped {
                let re = Regex::new(&spec.regex).map_err(|e| {
                    format!("规则“{}”的正则表达式无效：{}", spec.id, regex_error_zh(&e))
                })?;
                let _ = compiled.set(re);
            }
            // `\b`, `a*`, `(?:x)?`: a pattern that can match an empty string somewhere would
            // report zero-width findings. (A regex that matches "" has a minimum length of 0.)
            let hir = regex_syntax::parse(&spec.regex)
                .map_err(|e| format!("规则“{}”的正则表达式无效：{e}", spec.id))?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(format!(
                    "规则“{}”的正则表达式能匹配空字符串（如 \\b、a*、(x)?），每条规则必须匹配至少一个字",
                    spec.id
                ));
            }
            regexes.push(compiled);
            match literal_prefixes(&hir) {
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
        let mut chars = crate::engine::prefilter::LexicalChars::default();
        for p in &prefixes {
            chars.add_term(p);
        }
        let mut prefixes_by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (k, p) in prefixes.iter().enumerate() {
            if let Some(c) = p.chars().next() {
                prefixes_by_first.entry(c).or_default().push(k);
            }
        }
        let set = PatternSet {
            specs,
            regexes,
            prefixes,
            prefixes_by_first,
            by_prefix,
            unanchored,
            chars,
        };
        // The user's rules are tested like the shipped ones: every example must come out right.
        for spec in &set.specs[shipped..] {
            for (text, fixed) in &spec.examples {
                let got = set.apply(text);
                if &got != fixed {
                    return Err(format!(
                        "规则“{}”的示例不成立：“{text}”检查后是“{got}”，应为“{fixed}”",
                        spec.id
                    ));
                }
            }
        }
        Ok(set)
    }

    /// `text` with every match replaced (rules with a replacement) or marked 【…】 (rules that only
    /// point): the form the examples are written in.
    pub fn apply(&self, text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (i, span, fix) in self.matches(text) {
            if span.start < last {
                continue;
            }
            out.push_str(&text[last..span.start]);
            if self.specs[i].replace.is_empty() {
                out.push('【');
                out.push_str(&text[span.clone()]);
                out.push('】');
            } else {
                out.push_str(&fix);
            }
            last = span.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// `(spec index, match span, replacement)` for every match in `text`, in order.
    pub fn matches(&self, text: &str) -> Vec<(usize, std::ops::Range<usize>, String)> {
        self.matches_in(text, None)
    }

    /// Like [`PatternSet::matches`], looking for prefixes only at `candidates` (sorted byte
    /// offsets from the word-start prefilter) when given.
    pub fn matches_in(
        &self,
        text: &str,
        candidates: Option<&[usize]>,
    ) -> Vec<(usize, std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        // The replacement of rule `i`'s match `span` (captures are read on the match alone).
        let replacement = |i: usize, span: std::ops::Range<usize>| -> String {
            let re = self.regex(i);
            let mut caps = re.create_captures();
            re.search_captures(
                &Input::new(text).range(span).anchored(Anchored::Yes),
                &mut caps,
            );
            let mut fix = String::new();
            caps.interpolate_string_into(text, &self.specs[i].replace, &mut fix);
            fix
        };
        if !self.prefixes.is_empty() {
            let mut next_free = 0usize;
            // `(start, prefix)` of the hits: at each candidate, the first prefix that fits.
            let hits: Vec<(usize, usize)> = match candidates {
                Some(candidates) => candidates
                    .iter()
                    .filter(|&&i| self.chars.starts_at(text.as_bytes(), i))
                    .filter_map(|&i| self.prefix_at(text, i).map(|k| (i, k)))
                    .collect(),
                // Every position, non-overlapping: a leftmost-first search over the whole text.
                None => {
                    let mut hits = Vec::new();
                    let mut i = 0;
                    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
                        match self.prefix_at(text, i) {
                            Some(k) => {
                                hits.push((i, k));
                                i += self.prefixes[k].len();
                            }
                            None => i += c.len_utf8(),
                        }
                    }
                    hits
                }
            };
            // Per rule, the next match at or after the last place searched: one leftmost search
            // from a hit answers for every later hit before the match it finds (a search
            // anchored at each hit would rescan to the end of the line from every hit —
            // quadratic for `的.*XYZ` on a long line). `None` inside: no match after that.
            let mut next: Vec<Option<Option<std::ops::Range<usize>>>> =
                vec![None; self.regexes.len()];
            for (hit_start, hit_prefix) in hits {
                if hit_start < next_free {
                    continue;
                }
                for &i in &self.by_prefix[hit_prefix] {
                    let known = match &next[i] {
                        Some(Some(m)) if m.start >= hit_start => Some(m.clone()),
                        Some(None) => None,
                        _ => {
                            let found = self
                                .regex(i)
                                .search(&Input::new(text).range(hit_start..))
                                .map(|m| m.range());
                            next[i] = Some(found.clone());
                            found
                        }
                    };
                    if let Some(m) = known.filter(|m| m.start == hit_start) {
                        next_free = m.end;
                        out.push((i, m.clone(), replacement(i, m)));
                        break;
                    }
                }
            }
        }
        for &i in &self.unanchored {
            for m in self.regex(i).find_iter(text) {
                out.push((i, m.range(), replacement(i, m.range())));
            }
        }
        out.sort_by_key(|(_, span, _)| span.start);
        out
    }
}

/// Why a regular expression does not compile, in Chinese. The syntax error's own kind says what
/// is wrong (an unclosed group); the builder's message only says that pattern 0 failed.
fn regex_error_zh(e: &regex_automata::meta::BuildError) -> String {
    match e.syntax_error() {
        Some(regex_syntax::Error::Parse(p)) => syntax_error_zh(p.kind()),
        Some(regex_syntax::Error::Translate(t)) => format!("不支持的写法（{}）", t.kind()),
        _ if e.size_limit().is_some() => "正则表达式太大，超出编译上限".to_owned(),
        _ => "无法编译".to_owned(),
    }
}

/// Why `pattern` does not compile (for the `regex` crate's errors, whose kinds are not public),
/// in Chinese.
pub(crate) fn regex_crate_error_zh(pattern: &str, e: &regex::Error) -> String {
    match regex_syntax::parse(pattern) {
        Err(regex_syntax::Error::Parse(p)) => syntax_error_zh(p.kind()),
        Err(regex_syntax::Error::Translate(t)) => format!("不支持的写法（{}）", t.kind()),
        _ if matches!(e, regex::Error::CompiledTooBig(_)) => {
            "正则表达式太大，超出编译上限".to_owned()
        }
        _ => "无法编译".to_owned(),
    }
}

/// A regular-expression syntax error in Chinese.
fn syntax_error_zh(kind: &regex_syntax::ast::ErrorKind) -> String {
    use regex_syntax::ast::ErrorKind as K;
    match kind {
        K::GroupUnclosed => "圆括号没有闭合（少了“)”）".to_owned(),
        K::GroupUnopened => "多了“)”，没有对应的“(”".to_owned(),
        K::ClassUnclosed => "方括号没有闭合（少了“]”）".to_owned(),
        K::ClassRangeInvalid => "字符范围无效（如 [z-a]）".to_owned(),
        K::RepetitionMissing => "重复符号（* + ? {n}）前面没有内容".to_owned(),
        K::RepetitionCountUnclosed => "重复次数的“{”没有闭合".to_owned(),
        K::RepetitionCountInvalid => "重复次数无效（如 {3,1}）".to_owned(),
        K::EscapeUnrecognized => "无法识别的转义（“\\”后的字符）".to_owned(),
        K::EscapeUnexpectedEof => "表达式以“\\”结尾".to_owned(),
        K::UnsupportedLookAround => "不支持前后查找（(?=…)、(?<=…) 等）".to_owned(),
        K::UnsupportedBackreference => "不支持反向引用（\\1 等）".to_owned(),
        K::NestLimitExceeded(_) => "嵌套层数太多".to_owned(),
        K::GroupNameDuplicate { .. } => "分组名称重复".to_owned(),
        K::GroupNameInvalid => "分组名称无效".to_owned(),
        other => format!("语法错误（{other}）"),
    }
}

/// The literal prefixes every match of `hir` starts with, when they can be listed and none is
/// empty.
fn literal_prefixes(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::Extractor;
    let seq = Extractor::new().extract(hir);
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

impl PatternSet {
    /// The first prefix (in order) that `text` has at byte `i`.
    fn prefix_at(&self, text: &str, i: usize) -> Option<usize> {
        let rest = text.get(i..)?;
        self.prefixes_by_first
            .get(&rest.chars().next()?)?
            .iter()
            .copied()
            .find(|&k| rest.starts_with(self.prefixes[k].as_str()))
    }

    /// The compiled regex of spec `i` (compiled now if this is its first use).
    fn regex(&self, i: usize) -> &Regex {
        self.regexes[i].get_or_init(|| {
            // Only the shipped specs are left uncompiled by `new`; the tests compile every one
            // of them (`check_examples`).
            Regex::new(&self.specs[i].regex).expect("shipped pattern compiles (tested)")
        })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.specs.len()
    }

    /// Where the rules come from.
    pub fn sources(&self) -> Vec<crate::rules::DataSource> {
        let mut out = Vec::new();
        for spec in &self.specs {
            crate::rules::add_source(&mut out, &spec.id, spec.source.as_deref(), None, 1);
        }
        out
    }

    /// First and second characters of the prefixes, for the word-start prefilter.
    pub fn chars(&self) -> &crate::engine::prefilter::LexicalChars {
        &self.chars
    }

    /// Reports every match in the document.
    pub fn report(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        for (i, span, fix) in self.matches_in(&doc.text, cx.word_starts()) {
            let spec = &self.specs[i];
            let text = &doc.text[span.clone()];
            let message = spec.message.replace("{text}", text).replace("{fix}", &fix);
            let help = match (&spec.note, &spec.source) {
                (Some(note), Some(source)) => format!("{note}（依据：{source}）"),
                (Some(note), None) => note.clone(),
                (None, Some(source)) => format!("依据：{source}"),
                (None, None) => "核对此处用词".to_owned(),
            };
            let mut finding = Finding::at(span.clone(), message).with_help(help);
            if !spec.replace.is_empty() && fix != text {
                finding = finding.with_fix(span, fix, spec.safe);
            }
            out.push(finding);
        }
    }
}

/// Runs every shipped example of `data`: the corrected text must come out (or the text stay as
/// it is when it is right); for a rule without a replacement the reported part is marked 【…】.
#[cfg(test)]
pub(crate) fn check_examples(data: &str) {
    let set = PatternSet::new(data, Options::default()).unwrap();
    let file: SpecFile = toml::from_str(data).unwrap();
    for (i, spec) in file.rule.iter().enumerate() {
        // Compiled lazily in use: every shipped regex must compile, and match no empty string.
        let re = Regex::new(&spec.regex).unwrap_or_else(|e| panic!("{}: {e}", spec.id));
        assert!(!re.is_match(""), "{} matches the empty string", spec.id);
        assert_eq!(set.regex(i).pattern_len(), 1, "{}", spec.id);
        assert!(!spec.examples.is_empty(), "{} has no examples", spec.id);
        for (text, fixed) in &spec.examples {
            assert_eq!(&set.apply(text), fixed, "{}: {text:?}", spec.id);
        }
    }
}
