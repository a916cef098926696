//! Renderers. This module is the only one that uses miette. Every output format of `gwlint
//! check` is an [`emit::Emitter`] (opening, one file at a time, closing) fed by an
//! [`emit::Renderer`] that serialises each file in the worker that checked it.

pub(crate) mod emit;
pub mod human;
pub(crate) mod machine;
pub(crate) mod window;

use std::collections::BTreeMap;
use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::config::ConfigError;
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;

/// Output format of `gwlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// 带源文摘录的可读报告（默认）
    Human,
    /// 一个 JSON 数组
    Json,
    /// 每行一个 JSON 对象
    Jsonl,
    /// 每行一条：路径:行:列: 级别[规则] 说明
    Concise,
    /// GitHub Actions 工作流注释（::error file=…）
    Github,
    /// SARIF 2.1.0（代码扫描平台，如 GitHub code scanning）
    Sarif,
}

/// A related location in machine output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonRelated {
    /// 1-based line.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// Label.
    pub message: String,
}

/// A suggested replacement in machine output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonFix {
    /// Replacement text for `byte_start..byte_end` of the finding's `fix` span.
    pub replacement: String,
    /// 0-based byte offset where the replaced text starts.
    pub byte_start: usize,
    /// 0-based byte offset where it ends (exclusive).
    pub byte_end: usize,
    /// Whether it may be applied without review.
    pub safe: bool,
    /// `(line, column, end_line, end_column)` of the replaced text, filled in only for SARIF:
    /// columns cost a scan of the line.
    #[serde(skip)]
    pub region: (usize, usize, usize, usize),
}

/// One finding in machine output. Field names are a contract; see README "Machine output".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonFinding {
    /// Path as given or found.
    pub path: String,
    /// Rule id.
    pub rule: &'static str,
    /// error | warning | info
    pub severity: Severity,
    /// Chinese message.
    pub message: String,
    /// 1-based start line.
    pub line: usize,
    /// 1-based start column in Unicode characters.
    pub column: usize,
    /// 1-based end line.
    pub end_line: usize,
    /// 1-based end column in characters, exclusive (as in SARIF).
    pub end_column: usize,
    /// 0-based byte offset into the UTF-8 text.
    pub byte_start: usize,
    /// 0-based byte offset, exclusive.
    pub byte_end: usize,
    /// Related locations.
    pub related: Vec<JsonRelated>,
    /// Help text.
    pub help: Option<String>,
    /// Suggested replacement, when mechanical.
    pub fix: Option<JsonFix>,
    /// The encoding the file was read in (`UTF-8`, `GB18030`, `UTF-16LE` …).
    pub encoding: &'static str,
}

impl JsonFinding {
    /// Resolves a finding's byte spans into lines and character columns — the same conversion
    /// the output formats use ([`emit`]), from the document's line index instead of a cursor.
    pub fn new(path: &str, doc: &Document, f: &Finding) -> Self {
        let start = doc.lines.line_col(&doc.text, f.span.start);
        emit::json_finding(path, doc, f.clone(), start, "UTF-8", false)
    }
}

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Files checked successfully.
    pub files: usize,
    /// Files that could not be checked.
    pub failed: usize,
    /// Findings per severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings per rule, by severity (indexed by `Severity as usize`: info, warning, error).
    pub by_rule: BTreeMap<&'static str, [usize; 3]>,
    /// No rule ran: the files were read but not checked.
    pub no_rule_active: bool,
}

impl Summary {
    /// Adds one file's counts.
    pub fn add_counts(&mut self, counts: &emit::FileCounts) {
        self.files += 1;
        for severity in [Severity::Info, Severity::Warning, Severity::Error] {
            let n = counts.by_severity[severity as usize];
            if n > 0 {
                *self.by_severity.entry(severity).or_default() += n;
            }
        }
        for (rule, n) in &counts.by_rule {
            let all = self.by_rule.entry(rule).or_default();
            for (a, b) in all.iter_mut().zip(n) {
                *a += b;
            }
        }
    }

    /// Total findings.
    pub fn total(&self) -> usize {
        self.by_severity.values().sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = |s| self.by_severity.get(&s).copied().unwrap_or(0);
        write!(f, "检查了 {} 个文件", self.files)?;
        if self.failed > 0 {
            write!(f, "，{} 个文件无法检查", self.failed)?;
        }
        if self.no_rule_active {
            return write!(f, "，但没有启用任何规则，未做检查。");
        }
        if self.total() == 0 {
            return write!(f, "，未发现问题。");
        }
        write!(
            f,
            "，发现 {} 处问题（错误 {}，警告 {}，提示 {}）",
            self.total(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        )?;
        let rules: Vec<String> = self
            .by_rule
            .iter()
            .map(|(r, n)| format!("{r} {}", n.iter().sum::<usize>()))
            .collect();
        write!(f, "：{}。", rules.join("，"))
    }
}

/// Longest source snippet (in characters) shown under a configuration error.
const MAX_SNIPPET_CHARS: usize = 400;

/// Renders a configuration error with a span into the TOML file. The position is given in the
/// message as line and character column (miette's own header would count bytes).
pub fn render_config_error(e: &ConfigError, color: bool) -> String {
    let span = e.span.clone().map(|s| clamp_to_char_boundaries(&e.text, s));
    let position = span.as_ref().map(|s| {
        let before = &e.text[..s.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        format!("{}:{line}:{column}", e.path)
    });
    // A snippet of a very long line (a megabyte-long pattern) would echo all of it: the position
    // in the message says where, so such a line is not shown.
    let span = span.filter(|s| {
        let from = e.text[..s.start].rfind('\n').map_or(0, |i| i + 1);
        let to = e.text[s.end..]
            .find('\n')
            .map_or(e.text.len(), |i| s.end + i);
        e.text[from..to].chars().count() <= MAX_SNIPPET_CHARS
    });
    let report = ConfigReport {
        message: format!(
            "配置错误（{}）：{}",
            position.as_deref().unwrap_or(&e.path),
            e.message
        ),
        help: e.help.clone(),
        source: NamedSource::new(e.path.clone(), e.text.clone()),
        span,
    };
    let mut out = String::new();
    let _ = handler(color)
        .without_primary_span_start()
        .render_report(&mut out, &report);
    out
}

/// Renders a plain error (file, usage) the way miette prints errors.
pub fn render_error(message: &str, help: Option<&str>, color: bool) -> String {
    let report = PlainReport {
        message: message.to_owned(),
        help: help.map(str::to_owned),
    };
    let mut out = String::new();
    let _ = handler(color).render_report(&mut out, &report);
    out
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::Custom(words_keeping_ids))
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Line-break opportunities for messages and help: Unicode's, except after a hyphen inside a
/// word, so that a rule id (`misplaced-level`) is never wrapped.
fn words_keeping_ids(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    for w in textwrap::WordSeparator::UnicodeBreakProperties.find_words(line) {
        let end =
            (w.word.as_ptr() as usize - line.as_ptr() as usize) + w.word.len() + w.whitespace.len();
        let inside_id = w.whitespace.is_empty()
            && w.word.ends_with('-')
            && line[end..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if !inside_id {
            words.push(textwrap::core::Word::from(&line[start..end]));
            start = end;
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
}

#[derive(Debug)]
struct ConfigReport {
    message: String,
    help: Option<String>,
    source: NamedSource<String>,
    span: Option<std::ops::Range<usize>>,
}

impl fmt::Display for ConfigReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigReport {}

impl Diagnostic for ConfigReport {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span
            .as_ref()
            .map(|_| &self.source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("这里".to_owned()), span),
        )))
    }
}

fn clamp_to_char_boundaries(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[derive(Debug)]
struct PlainReport {
    message: String,
    help: Option<String>,
}

impl fmt::Display for PlainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlainReport {}

impl Diagnostic for PlainReport {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}
