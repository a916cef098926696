//! Human output: miette graphical diagnostics over windowed sources, grouped when one rule fires
//! many times on one line. The command line's report ([`write_report`]) also puts a file's most
//! severe findings first and folds a rule's flood in one file into a count and a few examples.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use super::window::{CONTEXT_CHARS, WindowedSource};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;

/// From this many findings of one rule on one line, they are shown as one grouped diagnostic.
pub const GROUP_THRESHOLD: usize = 4;

/// How many locations of a group are underlined; the rest are listed by column.
const GROUP_LABELS: usize = 3;

/// Options for human rendering.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap width for messages.
    pub width: usize,
}

/// Options for the command line's human report.
#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap width for messages.
    pub width: usize,
    /// Show every finding of a flood (`--verbose`).
    pub verbose: bool,
}

/// More findings than this of one rule in one file are a flood: folded into a count and
/// [`FLOOD_EXAMPLES`] examples unless `--verbose`.
pub const FLOOD: usize = 10;

/// Examples shown of a folded flood.
pub const FLOOD_EXAMPLES: usize = 3;

/// One block of a file's report.
enum Item<'f> {
    /// One finding.
    Single(&'f Finding),
    /// Several findings of one rule on one line.
    Line(Vec<&'f Finding>),
    /// A rule's flood: its count and the first few findings.
    Flood {
        rule: &'f str,
        count: usize,
        examples: Vec<&'f Finding>,
    },
}

impl Item<'_> {
    fn severity(&self) -> Severity {
        match self {
            Item::Single(f) => f.severity,
            Item::Line(g) => g.iter().map(|f| f.severity).max().unwrap_or(Severity::Info),
            Item::Flood { examples, .. } => examples
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(Severity::Info),
        }
    }
}

/// Writes the report of one file (findings sorted by position): the most severe findings first
/// (in document order within a severity), a rule's flood folded unless `opts.verbose`, several
/// findings of one rule on one line grouped.
pub fn write_report(
    out: &mut dyn Write,
    path: &str,
    doc: &Document,
    findings: &[Finding],
    opts: ReportOptions,
) -> io::Result<()> {
    let handler = report_handler(opts.color, opts.width);
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *per_rule.entry(f.rule).or_default() += 1;
    }
    let floods: BTreeMap<&str, usize> = per_rule
        .into_iter()
        .filter(|&(_, n)| !opts.verbose && n > FLOOD)
        .collect();
    let mut items: Vec<Item> = Vec::new();
    let mut flood_items: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lines: BTreeMap<(&str, usize), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        if floods.contains_key(f.rule) {
            continue;
        }
        lines
            .entry((f.rule, doc.lines.line_of(f.span.start)))
            .or_default()
            .push(f);
    }
    for f in findings {
        if let Some(&count) = floods.get(f.rule) {
            match flood_items.get(f.rule) {
                None => {
                    flood_items.insert(f.rule, items.len());
                    items.push(Item::Flood {
                        rule: f.rule,
                        count,
                        examples: vec![f],
                    });
                }
                Some(&i) => {
                    if let Item::Flood { examples, .. } = &mut items[i]
                        && examples.len() < FLOOD_EXAMPLES
                    {
                        examples.push(f);
                    }
                }
            }
            continue;
        }
        let group = &lines[&(f.rule, doc.lines.line_of(f.span.start))];
        if group.len() >= GROUP_THRESHOLD {
            if std::ptr::eq(group[0], f) {
                items.push(Item::Line(group.clone()));
            }
        } else {
            items.push(Item::Single(f));
        }
    }
    // Errors first, then warnings, then information; document order within each.
    items.sort_by_key(|i| std::cmp::Reverse(i.severity()));
    let mut text = String::new();
    let mut first = true;
    let mut separate = |text: &mut String| {
        if !first {
            text.push('\n');
        }
        first = false;
    };
    for item in &items {
        match item {
            Item::Single(f) => {
                separate(&mut text);
                render_one(&handler, &mut text, doc, single_report(path, doc, f));
            }
            Item::Line(group) => {
                separate(&mut text);
                render_one(&handler, &mut text, doc, grouped_report(path, doc, group));
            }
            Item::Flood {
                rule,
                count,
                examples,
            } => {
                separate(&mut text);
                let head = format!(
                    "{rule}：{path} 中共 {count} 处，下面是前 {} 处；用 --verbose 显示全部",
                    examples.len()
                );
                if opts.color {
                    text.push_str(&format!("\x1b[1m{head}\x1b[0m\n"));
                } else {
                    text.push_str(&head);
                    text.push('\n');
                }
                for f in examples {
                    text.push('\n');
                    render_one(&handler, &mut text, doc, single_report(path, doc, f));
                }
            }
        }
        // Written block by block: a file's report is not held whole.
        out.write_all(text.as_bytes())?;
        text.clear();
    }
    Ok(())
}

fn report_handler(color: bool, width: usize) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false)
        .with_context_lines(0)
}

/// Renders one report; in a Word document a line is a paragraph, which the message says.
fn render_one(
    handler: &GraphicalReportHandler,
    out: &mut String,
    doc: &Document,
    mut report: Report,
) {
    if doc.kind == crate::document::SourceKind::Docx && !report.grouped {
        report.message = format!("段落 {}：{}", report.line, report.message);
    }
    let _ = handler.render_report(out, &report);
}

/// The closing line of the human report: files, findings per severity, and per severity the
/// rules by count (most first). Findings hidden by `--min-severity` are counted and said so.
pub fn summary(s: &super::Summary, min_severity: Severity) -> String {
    if s.no_rule_active || s.total() == 0 {
        return s.to_string();
    }
    let mut line = format!("检查了 {} 个文件", s.files);
    if s.failed > 0 {
        line.push_str(&format!("，{} 个文件无法检查", s.failed));
    }
    line.push_str(&format!("，发现 {} 处问题：", s.total()));
    let mut parts = Vec::new();
    let mut hidden = 0;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = s.by_severity.get(&severity).copied().unwrap_or(0);
        if n == 0 {
            continue;
        }
        if severity < min_severity {
            hidden += n;
        }
        let mut rules: Vec<(&str, usize)> = s
            .by_rule
            .iter()
            .map(|(r, c)| (*r, c[severity as usize]))
            .filter(|&(_, c)| c > 0)
            .collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let rules: Vec<String> = rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
        parts.push(format!(
            "{} {n} 处（{}）",
            severity.label_zh(),
            rules.join("，")
        ));
    }
    line.push_str(&parts.join("；"));
    line.push('。');
    if hidden > 0 {
        line.push_str(&format!("其中 {hidden} 处低于 --min-severity，未显示。"));
    }
    line
}

/// Renders all findings of one file (sorted by position) as text, in document order, every
/// finding shown (the rule fixtures' snapshots use it).
pub fn render_file(path: &str, doc: &Document, findings: &[Finding], opts: HumanOptions) -> String {
    let handler = report_handler(opts.color, opts.width);
    let mut out = String::new();

    // Group by (rule, line) when a rule fires often on one line. The groups are built in one pass
    // (findings are sorted by position, so each group keeps document order).
    let mut groups: BTreeMap<(&str, usize), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups
            .entry((f.rule, doc.lines.line_of(f.span.start)))
            .or_default()
            .push(f);
    }
    for f in findings {
        let key = (f.rule, doc.lines.line_of(f.span.start));
        let group = &groups[&key];
        let report = if group.len() >= GROUP_THRESHOLD {
            // Rendered once, at the group's first finding.
            if !std::ptr::eq(group[0], f) {
                continue;
            }
            grouped_report(path, doc, group)
        } else {
            single_report(path, doc, f)
        };
        if !out.is_empty() {
            out.push('\n');
        }
        render_one(&handler, &mut out, doc, report);
    }
    out
}

fn single_report(path: &str, doc: &Document, f: &Finding) -> Report {
    let mut spans = vec![f.span.clone()];
    spans.extend(f.related.iter().map(|r| r.span.clone()));
    let (source, translated) = WindowedSource::new(path, doc, &spans, CONTEXT_CHARS);
    // The message is printed above the snippet; a label under the primary span only helps when
    // other locations are shown too.
    let primary_label = (!f.related.is_empty()).then(|| short_label(f));
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        primary_label,
        translated[0].clone(),
    )];
    for (r, span) in f.related.iter().zip(&translated[1..]) {
        labels.push(LabeledSpan::new_with_span(
            Some(r.message.clone()),
            span.clone(),
        ));
    }
    let mut help = f.help.clone();
    if let Some(fix) = &f.fix {
        let suggestion = describe_edit(fix);
        help = Some(match help {
            Some(h) if fix.span.is_empty() || !h.contains(&fix.replacement) => {
                format!("{h}（{suggestion}）")
            }
            Some(h) => h,
            None => suggestion,
        });
    }
    Report {
        grouped: false,
        line: doc.lines.line_of(f.span.start),
        code: f.rule.to_owned(),
        message: f.message.clone(),
        severity: f.severity,
        help,
        labels,
        source,
    }
}

fn grouped_report(path: &str, doc: &Document, group: &[&Finding]) -> Report {
    let first = group[0];
    let line = doc.lines.line_of(first.span.start);
    let spans: Vec<_> = group
        .iter()
        .take(GROUP_LABELS)
        .map(|f| f.span.clone())
        .collect();
    let (source, translated) = WindowedSource::new(path, doc, &spans, CONTEXT_CHARS / 2);
    let labels = translated
        .into_iter()
        .enumerate()
        .map(|(i, span)| {
            if i == 0 {
                LabeledSpan::new_primary_with_span(None, span)
            } else {
                LabeledSpan::new_with_span(None, span)
            }
        })
        .collect();
    // At most 60 columns are listed; jsonl output has every finding.
    let mut columns: Vec<String> = group
        .iter()
        .take(60)
        .map(|f| {
            doc.lines
                .line_col(&doc.text, f.span.start)
                .column
                .to_string()
        })
        .collect();
    if group.len() > 60 {
        columns.push(format!(
            "……（另有 {} 处，完整列表请用 --format jsonl）",
            group.len() - 60
        ));
    }
    let same_message = group.iter().all(|f| f.message == first.message);
    let unit = doc.kind.line_unit();
    let message = if same_message {
        format!("第 {line} {unit}共 {} 处：{}", group.len(), first.message)
    } else {
        format!(
            "第 {line} {unit}共 {} 处：{} 等",
            group.len(),
            first.message
        )
    };
    Report {
        grouped: true,
        line,
        code: first.rule.to_owned(),
        message,
        severity: first.severity,
        help: Some(format!(
            "所在列：{}。{}",
            columns.join("、"),
            first.help.clone().unwrap_or_default()
        )),
        labels,
        source,
    }
}

/// The part of the message before its first colon, at most 24 characters.
fn short_label(f: &Finding) -> String {
    let head = f
        .message
        .split_once('：')
        .map_or(f.message.as_str(), |(head, _)| head);
    head.chars().take(24).collect()
}

/// A finding prepared for miette.
#[derive(Debug)]
struct Report {
    /// 1-based line of the (first) finding.
    line: usize,
    /// Whether this is several findings on one line, whose message names the line already
    /// (`第 N 段共 …`).
    grouped: bool,
    code: String,
    message: String,
    severity: Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: WindowedSource,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// How a suggested edit reads in help text; line breaks and invisible spaces are named.
fn describe_edit(fix: &crate::diagnostic::Edit) -> String {
    let visible: String = fix
        .replacement
        .chars()
        .map(|c| match c {
            '\n' => "〈换行〉".to_owned(),
            '\u{3000}' => "〈全角空格〉".to_owned(),
            '\t' => "〈制表符〉".to_owned(),
            ' ' => "〈空格〉".to_owned(),
            c => c.to_string(),
        })
        .collect();
    if fix.span.is_empty() {
        format!("建议在此处插入“{visible}”")
    } else if fix.replacement.is_empty() {
        "建议删除".to_owned()
    } else {
        format!("建议替换为“{visible}”")
    }
}
