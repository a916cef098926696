//! Human output: miette graphical diagnostics over windowed sources, grouped when one rule fires
//! many times on one line.

use std::collections::BTreeMap;
use std::fmt;

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

/// Renders all findings of one file (sorted by position) as text.
pub fn render_file(path: &str, doc: &Document, findings: &[Finding], opts: HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(0);
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
        let mut report = report;
        if doc.kind == crate::document::SourceKind::Docx && group.len() < GROUP_THRESHOLD {
            // Word has no line numbers: a line here is a paragraph (a group's message names it
            // already: 第 N 段共 …).
            report.message = format!("段落 {}：{}", key.1, report.message);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = handler.render_report(&mut out, &report);
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
