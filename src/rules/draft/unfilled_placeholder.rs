//! `unfilled-placeholder`: draft markers left in the text (`*`, ××, X月X日, ○○, 某某, 【待定】, TODO).

use crate::rules::analysis::word_lists::{self, WordList};
use regex::Regex;
use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::document::{Document, SourceKind};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain unfilled-placeholder`).
pub const DOCS: &str = r#"# unfilled-placeholder：未填写的占位符

## 检查内容
起草时用来占位、提交前必须替换的标记：`*`/`＊`、`××`/`XX`/`xx`、`X月X日` 式日期、`○○`/`□□`、
`某某`、`【待定】`/`【待补】` 式批注、`TODO`/`TBD`/`FIXME`。每一串连续的占位符报告一次，
例如 `**亿元` 报告一次，`*+*+*` 报告三次。

命名、格式模板中的占位符是模板的“空”，不是漏填，不报告：紧跟在“命名为”“名称为”“称为”“冠以”
“统一为”“格式为”“样式”“示例”“例如”“写为”“表述为”“标注为”“英文名称为”等词语之后的引号、书名号
里的占位符（`统一命名为“上海市××重点实验室”，英文名称为“Shanghai Key Laboratory of ××”`、
`标注为“××项目资助”或“××基金资助”`），引号后紧接“字样”“格式”的（`刻“××县人民政府”字样`），
以及同一分句中紧跟在“格式为”“例如”“命名为”等之后的（`落款日期写为××年××月××日`、`例如：××市××区`）。
同一句里模板之外的占位符照常报告（`名称为“上海××中心”，全年新增企业××家` 报告后一个）。

不报告：年份中的“〇”（二〇二一年）、用作零的“○”（二○○八年）、算式中的单个“×”（3×4）、
拉丁文单词中的 X（XXL）、Markdown 文件里的强调 `**重点**` 和列表符号 `* `。

## 为什么
占位符说明数据、名称或日期还没有核实填写。公文一经印发即具有效力，留有“*”“××”的文稿不能提交；
人工校对时零散的单个“*”最容易漏看。

## 示例（错误→正确）
- `全年实现地区生产总值*亿元` → `全年实现地区生产总值356亿元`
- `定于X月X日召开` → `定于3月15日召开`
- `【待补】` → 删除批注并补齐内容

## 配置项
```toml
[rules.unfilled-placeholder]
severity = "warning"
# 内置模式见 rules/default.toml；在自己的 gwlint.toml 中：
# 追加模式（不会替换内置模式）：
extend-patterns = [
  { name = "our-marker", regex = '（此处待补）', message = "未删除的起草批注“{text}”" },
]
# 关闭某几个内置模式：
disable = ["mou"]
```
每个模式的字段：
- `name`：模式名（用于 disable，不能重复）；
- `regex`：正则表达式（Rust regex 语法，不支持环视）；
- `message`：报告文字，`{text}` 会替换为匹配到的文字；
- `isolated`（可选，默认 false）：为 true 时，匹配前后紧挨拉丁字母或数字就不报告（避免 XXL、TODOS）；
- `skip-in-number`（可选，默认 false）：为 true 时，紧挨中文数字的匹配不报告（二○○八年）；
- `markdown-emphasis`（可选，默认 false）：为 true 时，Markdown 文件中的强调和列表符号不报告；
- `skip-in-template`（可选，默认 false）：为 true 时，命名、格式模板中的占位符不报告（见上文）。
"#;

/// One placeholder pattern as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PatternSpec {
    /// Name, unique within the rule.
    pub name: String,
    /// Regular expression (validated while reading the TOML, so errors point at it).
    #[serde(deserialize_with = "valid_regex")]
    pub regex: String,
    /// Message; `{text}` is replaced by the matched text.
    pub message: String,
    /// Skip matches touching ASCII letters or digits.
    #[serde(default)]
    pub isolated: bool,
    /// Skip matches touching Chinese numerals.
    #[serde(default)]
    pub skip_in_number: bool,
    /// In Markdown, skip emphasis and bullets.
    #[serde(default)]
    pub markdown_emphasis: bool,
    /// Skip the slot of a naming or format template (`统一命名为“××市××重点实验室”`).
    #[serde(default)]
    pub skip_in_template: bool,
}

fn valid_regex<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    // Parsing finds the syntax errors; only a pattern that may match nothing at all (minimum
    // length 0) is compiled here, to ask whether it matches "". The patterns are compiled once,
    // together, when the rule is built (a pattern over the size limit is reported there).
    let compiled = match regex_syntax::parse(&s) {
        Ok(hir) if hir.properties().minimum_len() != Some(0) => return Ok(s),
        Ok(_) => Regex::new(&s),
        Err(e) => Err(regex::Error::Syntax(e.to_string())),
    };
    match compiled {
        Ok(re) if re.is_match("") => Err(serde::de::Error::custom(
            "正则表达式能匹配空字符串，会在每个位置报告",
        )),
        Ok(_) => Ok(s),
        Err(e) => Err(serde::de::Error::custom(format!(
            "正则表达式无效：{}",
            crate::rules::analysis::patterns::regex_crate_error_zh(&s, &e)
        ))),
    }
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The pattern list (replaces the default one when a user sets it).
    pub patterns: Option<Vec<PatternSpec>>,
    /// Patterns added to the list.
    pub extend_patterns: Option<Vec<PatternSpec>>,
    /// Names of patterns to drop.
    pub disable: Option<Vec<String>>,
}

/// Where a match can begin: the first characters of every pattern, when they can be listed.
#[derive(Debug, Default)]
struct Anchors {
    /// Punctuation and symbols (`*`, `（`, `○` …): taken from the shared punctuation scan.
    marks: Vec<char>,
    /// ASCII letters and digits (`X`, `T` …): found with memchr.
    ascii: Vec<u8>,
    /// Other letters (`某`, `Ｘ` …): found with memmem.
    wide: Vec<String>,
}

impl Anchors {
    /// The first characters of every match of `pattern`, or `None` when they cannot be listed
    /// (a pattern that may start with any character, or too many choices to be worth it).
    fn of(patterns: &[&str]) -> Option<Anchors> {
        use regex_syntax::hir::literal::Extractor;
        let mut firsts: Vec<char> = Vec::new();
        for pattern in patterns {
            let hir = regex_syntax::parse(pattern).ok()?;
            let seq = Extractor::new().extract(&hir);
            for lit in seq.literals()? {
                let text = std::str::from_utf8(lit.as_bytes()).ok()?;
                firsts.push(text.chars().next()?);
            }
        }
        firsts.sort_unstable();
        firsts.dedup();
        let mut anchors = Anchors::default();
        for c in firsts {
            if crate::document::marks::is_scanned_mark(c) {
                anchors.marks.push(c);
            } else if c.is_ascii() {
                anchors.ascii.push(c as u8);
            } else {
                anchors.wide.push(c.to_string());
            }
        }
        (anchors.ascii.len() <= 9 && anchors.wide.len() <= 6).then_some(anchors)
    }

    /// Candidate start offsets in `doc`, sorted and without duplicates.
    fn candidates(&self, doc: &Document) -> Vec<usize> {
        let text = doc.text.as_bytes();
        let mut out: Vec<usize> = doc
            .marks()
            .iter()
            .filter(|m| self.marks.contains(&m.ch))
            .map(|m| m.pos)
            .collect();
        for chunk in self.ascii.chunks(3) {
            match *chunk {
                [a] => out.extend(memchr::memchr_iter(a, text)),
                [a, b] => out.extend(memchr::memchr2_iter(a, b, text)),
                [a, b, c] => out.extend(memchr::memchr3_iter(a, b, c, text)),
                _ => {}
            }
        }
        for w in &self.wide {
            out.extend(memchr::memmem::find_iter(text, w.as_bytes()));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The rule.
pub struct UnfilledPlaceholder {
    combined: Option<regex_automata::meta::Regex>,
    /// Where matches can begin, so that the regex runs only there (anchored). `None`: search the
    /// whole text.
    anchors: Option<Anchors>,
    patterns: Vec<PatternSpec>,
    /// Capture-group index of each pattern's outer group in `combined`.
    groups: Vec<usize>,
}

impl UnfilledPlaceholder {
    /// Compiles the patterns into one alternation (one pass over the text).
    pub fn new(options: Options) -> Result<Self, String> {
        let disable = options.disable.unwrap_or_default();
        let mut patterns: Vec<PatternSpec> = options.patterns.unwrap_or_default();
        patterns.extend(options.extend_patterns.unwrap_or_default());
        for name in &disable {
            if !patterns.iter().any(|p| &p.name == name) {
                return Err(format!("disable 中的模式“{name}”不存在"));
            }
        }
        patterns.retain(|p| !disable.contains(&p.name));
        let mut seen = std::collections::HashSet::new();
        let mut parts = Vec::with_capacity(patterns.len());
        let mut groups = Vec::with_capacity(patterns.len());
        let mut next_group = 1;
        for p in &patterns {
            if !seen.insert(p.name.as_str()) {
                return Err(format!("占位符模式名“{}”重复", p.name));
            }
            // Parsing is enough to count the groups; only a pattern that may match nothing at
            // all (minimum length 0) is compiled on its own, to ask whether it matches "" — the
            // patterns are then compiled once, together.
            let invalid = |e: &regex::Error| {
                format!(
                    "模式“{}”的正则表达式无效：{}",
                    p.name,
                    crate::rules::analysis::patterns::regex_crate_error_zh(&p.regex, e)
                )
            };
            let hir = regex_syntax::parse(&p.regex)
                .map_err(|e| invalid(&regex::Error::Syntax(e.to_string())))?;
            if hir.properties().minimum_len() == Some(0) {
                let single = Regex::new(&p.regex).map_err(|e| invalid(&e))?;
                if single.is_match("") {
                    return Err(format!("模式“{}”能匹配空字符串", p.name));
                }
            }
            groups.push(next_group);
            next_group += hir.properties().explicit_captures_len() + 1;
            parts.push(format!("({})", p.regex));
        }
        let combined = if parts.is_empty() {
            None
        } else {
            Some(
                regex_automata::meta::Regex::new(&parts.join("|")).map_err(|e| {
                    // Name the pattern that is too large on its own, as the option reader did
                    // when it compiled every pattern.
                    patterns
                        .iter()
                        .find_map(|p| {
                            Regex::new(&p.regex).err().map(|e| {
                                format!(
                                    "模式“{}”的正则表达式无效：{}",
                                    p.name,
                                    crate::rules::analysis::patterns::regex_crate_error_zh(
                                        &p.regex, &e
                                    )
                                )
                            })
                        })
                        .unwrap_or_else(|| format!("占位符模式无法组合：{e}"))
                })?,
            )
        };
        let regexes: Vec<&str> = patterns.iter().map(|p| p.regex.as_str()).collect();
        Ok(UnfilledPlaceholder {
            anchors: Anchors::of(&regexes),
            combined,
            patterns,
            groups,
        })
    }
}

impl Rule for UnfilledPlaceholder {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "unfilled-placeholder",
        summary: "未填写的占位符（*、××、X月X日、○○、某某、【待定】、TODO）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Draft,
        fixable: false,
    };

    const APPEND_KEYS: &'static [&'static str] = &["extend-patterns", "disable"];

    fn new(o: Options) -> Result<Self, String> {
        UnfilledPlaceholder::new(o) // the inherent constructor
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let Some(re) = &self.combined else { return };
        let text = doc.text.as_str();
        let emphasis = if doc.kind == SourceKind::Markdown {
            markdown_emphasis_spans(doc)
        } else {
            Vec::new()
        };
        let mut caps = re.create_captures();
        let mut matches: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        let record = |caps: &regex_automata::util::captures::Captures| {
            // The first outer group that took part names the pattern (user regexes may have groups
            // of their own, hence the precomputed indexes).
            self.groups
                .iter()
                .enumerate()
                .find_map(|(i, &g)| caps.get_group(g).map(|m| (i, m.range())))
        };
        if let Some(anchors) = &self.anchors {
            // Anchored searches at the candidate starts only; leftmost-first and non-overlapping,
            // like a search over the whole text.
            let mut next_free = 0usize;
            for start in anchors.candidates(doc) {
                if start < next_free {
                    continue;
                }
                let input = regex_automata::Input::new(text)
                    .range(start..)
                    .anchored(regex_automata::Anchored::Yes);
                re.search_captures(&input, &mut caps);
                if let Some(found) = record(&caps) {
                    next_free = found.1.end.max(start + 1);
                    matches.push(found);
                }
            }
        } else {
            for c in re.captures_iter(text) {
                if let Some(found) = record(&c) {
                    matches.push(found);
                }
            }
        }
        for (index, m) in matches {
            let p = &self.patterns[index];
            let before = text[..m.start].chars().next_back();
            let after = text[m.end..].chars().next();
            if p.isolated
                && (before.is_some_and(|c| c.is_ascii_alphanumeric())
                    || after.is_some_and(|c| c.is_ascii_alphanumeric()))
            {
                continue;
            }
            if p.skip_in_number
                && (before.is_some_and(is_cn_digit) || after.is_some_and(is_cn_digit))
            {
                continue;
            }
            if p.markdown_emphasis && emphasis.binary_search(&m.start).is_ok() {
                continue;
            }
            if p.skip_in_template && in_template(text, m.start) {
                continue;
            }
            out.push(
                Finding::at(m.clone(), p.message.replace("{text}", &text[m.clone()])).with_help(
                    "填入核实后的内容再提交；如是有意保留的符号，可在配置中关闭相应模式",
                ),
            );
        }
    }
}

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    template_cues: WordList,
    template_after: WordList,
    format_cues: WordList,
}

/// The shipped word lists (`rules/words/unfilled-placeholder.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/unfilled-placeholder.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("unfilled-placeholder", WORDS_DATA))
}

/// Whether the placeholder at `at` is the slot of a naming or format template: inside a quotation
/// introduced by a template cue (possibly after other quoted variants: `“A××”或“B××”`), or in the
/// same clause right after `格式为`/`例如` and the like.
fn in_template(text: &str, at: usize) -> bool {
    // The sentence so far (at most 120 characters back), found in one backward walk.
    let mut sentence_start = at;
    for (i, c) in text[..at].char_indices().rev().take(120) {
        if matches!(c, '。' | '！' | '？' | '；' | '\n') {
            sentence_start = i + c.len_utf8();
            break;
        }
        sentence_start = i;
    }
    let before = &text[sentence_start..at];
    let open = before.rfind(['“', '《', '「', '"', '‘']);
    let inside = open.filter(|&o| {
        let opener = before[o..].chars().next().unwrap_or('“');
        let closer = match opener {
            '“' => '”',
            '《' => '》',
            '「' => '」',
            '‘' => '’',
            _ => '"',
        };
        !before[o + opener.len_utf8()..].contains(closer)
    });
    if let Some(open) = inside {
        // Earlier quoted variants joined to this one: `“上海市××实验室”或“上海××实验室”`.
        let mut head = &before[..open];
        loop {
            let trimmed = head.trim_end_matches([
                '、', '，', '或', '和', '及', '与', '：', ':', ' ', '　', '（', '(',
            ]);
            if let Some(stripped) = trimmed.strip_suffix(['”', '》', '」', '"', '’']) {
                let Some(o) = stripped.rfind(['“', '《', '「', '"', '‘']) else {
                    break;
                };
                head = &stripped[..o];
            } else {
                head = trimmed;
                break;
            }
        }
        if words().template_cues.ends(head) {
            return true;
        }
        // `“××”字样`: the quotation closes and a template word follows.
        let rest = &text[at..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        if let Some(close) = rest[..line_end]
            .char_indices()
            .take(80)
            .find(|&(_, c)| matches!(c, '”' | '》' | '」' | '"' | '’'))
            .map(|(i, c)| i + c.len_utf8())
        {
            let after = &rest[close..];
            return words().template_after.starts(after);
        }
        return false;
    }
    // Not quoted: `格式为××年××月××日`, `例如：××县` — the cue ends at most a few characters before,
    // with no comma in between.
    let clause = before.rsplit(['，', ',']).next().unwrap_or(before);
    // A cue can only be there if its first character is: one walk over the clause spares the
    // substring searches almost always.
    let cues = &words().format_cues.words;
    if !clause
        .chars()
        .any(|c| cues.iter().any(|cue| cue.starts_with(c)))
    {
        return false;
    }
    cues.iter().any(|c| {
        clause.rfind(c).is_some_and(|i| {
            // Earlier slots of the same template do not count: `例如：××市××区××街道`.
            let gap = clause[i + c.len()..]
                .chars()
                .filter(|c| !"×xXＸｘ*＊○□某：: 　".contains(*c))
                .count();
            gap <= 4
        })
    })
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '○' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Start offsets of `*` runs that are Markdown syntax: a bullet `* ` at the start of a line, or an
/// emphasis pair `*x*` / `**x**` within one line. Sorted.
fn markdown_emphasis_spans(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let line = &doc.text[p.content.clone()];
        let base = p.content.start;
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'*' {
                let start = i;
                while i < bytes.len() && bytes[i] == b'*' {
                    i += 1;
                }
                runs.push((start, i));
            } else {
                i += 1;
            }
        }
        let mut open: Option<(usize, usize)> = None;
        for (k, &(s, e)) in runs.iter().enumerate() {
            if k == 0 && s == 0 && bytes.get(e) == Some(&b' ') {
                out.push(base + s);
                continue;
            }
            let next_is_space = line[e..].chars().next().is_none_or(char::is_whitespace);
            let prev_is_space = line[..s]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
            match open {
                Some((os, oe)) if oe - os == e - s && !prev_is_space => {
                    out.push(base + os);
                    out.push(base + s);
                    open = None;
                }
                _ if !next_is_space => open = Some((s, e)),
                _ => {}
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str, regex: &str) -> PatternSpec {
        PatternSpec {
            name: name.to_owned(),
            regex: regex.to_owned(),
            message: "{text}".to_owned(),
            isolated: false,
            skip_in_number: false,
            markdown_emphasis: false,
            skip_in_template: false,
        }
    }

    fn build(patterns: &[(&str, &str)]) -> Result<UnfilledPlaceholder, String> {
        UnfilledPlaceholder::new(Options {
            patterns: Some(patterns.iter().map(|(n, r)| spec(n, r)).collect()),
            ..Options::default()
        })
    }

    #[test]
    fn group_indexes_count_like_the_regex_crate() {
        let patterns = [
            ("a", r"(x)(y)?z"),
            ("b", r"q(?P<n>r)(?:s)"),
            ("c", r"某某"),
            ("d", r"(t(u))|v"),
        ];
        let rule = build(&patterns).expect("valid patterns");
        let mut expected = Vec::new();
        let mut next = 1;
        for (_, re) in patterns {
            expected.push(next);
            next += Regex::new(re).expect("valid").captures_len();
        }
        assert_eq!(rule.groups, expected);
    }

    #[test]
    fn empty_matches_and_syntax_errors_are_still_refused() {
        let err = build(&[("ok", "某某"), ("empty", "x*")]).err();
        assert_eq!(err.as_deref(), Some("模式“empty”能匹配空字符串"));
        // Minimum length 0, yet it never matches the empty text: accepted, as before.
        assert!(build(&[("boundary", r"\b")]).is_ok());
        // The same (Chinese) text as an error of the regex crate itself gives (the pattern is
        // passed through a variable: clippy would refuse an invalid literal).
        let bad = String::from("(x");
        let err = build(&[("bad", bad.as_str())]).err().expect("syntax error");
        let want = format!(
            "模式“bad”的正则表达式无效：{}",
            crate::rules::analysis::patterns::regex_crate_error_zh(
                &bad,
                &Regex::new(&bad).expect_err("invalid")
            )
        );
        assert_eq!(err, want);
        assert!(err.contains("圆括号没有闭合"), "{err}");
    }

    #[test]
    fn a_pattern_over_the_size_limit_is_named_in_the_error() {
        // Only parsed when read, so the size limit is met when the patterns are compiled
        // together: the error still names the pattern, as when each was compiled on its own.
        let err = build(&[("ok", "某某"), ("huge", r"(\w{100}){100}")])
            .err()
            .expect("too large");
        assert!(
            err.starts_with("模式“huge”的正则表达式无效：正则表达式太大"),
            "{err}"
        );
    }
}
