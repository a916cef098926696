//! gwlint: a rule-based consistency linter for Chinese government reports and other 公文.
//!
//! Pipeline: bytes → [`input::load`] (kind, encoding, Markdown prose, Word paragraphs) →
//! [`input::SourceFile`] → [`lint`]: a [`document::Document`] of the checked text (parsed once:
//! paragraphs, outline tree, line index) → rules ([`rules::Rule`]) emit plain
//! [`diagnostic::Finding`]s with byte spans, moved back into the original text → renderers in
//! [`render`] (the only module that touches miette).
//!
//! # Linting a text
//!
//! [`lint`] is the one entry the command line, the tests and every other front end use: give it
//! a [`input::SourceFile`] (read with [`input::load`] / [`input::load_bytes`], or made from text
//! in memory with [`input::SourceFile::from_text`]) and the [`config::Settings`] of a
//! configuration; it returns the findings, sorted, with byte spans into
//! [`input::SourceFile::text`], and prints nothing.
//!
//! ```
//! use gwlint::config::{self, RuleFilter};
//! use gwlint::input::{SourceFile, SourceKind};
//!
//! // The shipped rules with their defaults (or a gwlint.toml: `Some((path, text))`).
//! let settings = config::load(None, &RuleFilter::default()).expect("default rules load");
//! let text = "一、总体要求\n二、主要任务\n二、保障措施\n";
//! let source = SourceFile::from_text("报告.txt", text, SourceKind::for_name("报告.txt"));
//! let findings = gwlint::lint(&source, &settings);
//! let dup = findings
//!     .iter()
//!     .find(|f| f.rule == "duplicate-number")
//!     .expect("the second 二、 is reported");
//! assert_eq!(&source.text[dup.span.clone()], "二、");
//! assert!(dup.message.contains("第 2 行已用过"));
//!
//! // Bytes as read from a file or a network request: the kind, the encoding and a Word
//! // document under another name are detected.
//! let gbk = encoding_rs::GB18030.encode(text).0.into_owned();
//! let source = gwlint::input::load_bytes(gbk, "报告.txt", None).expect("decodes");
//! assert_eq!(source.encoding, "GB18030");
//! assert_eq!(gwlint::lint(&source, &settings), findings);
//! ```
//!
//! [`lint_document`] does the same and also hands back the [`document::Document`] of the original
//! text (line index, outline) that renderers need; [`lint_into`] takes the source by value and
//! moves its text into that document instead of copying it.

pub(crate) mod atomic_write;
pub(crate) mod baseline;
pub(crate) mod batch;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod exit_codes;
pub mod input;
pub mod invariants;
pub mod render;
pub mod rules;

use config::Settings;
use diagnostic::Finding;
use document::{Document, SourceKind};
use engine::{crash, overlap};
use input::SourceFile;

/// Findings of a source and the document they point into.
#[derive(Debug)]
pub struct Linted {
    /// The original text parsed ([`input::SourceFile::text`]; for Markdown the file, not the
    /// prose): its line index turns the findings' byte spans into lines and columns.
    pub document: Document,
    /// The findings, sorted by position, then rule id; spans into `document.text`.
    pub findings: Vec<Finding>,
}

/// Lints `source` with `settings`: the findings, sorted by position then rule id, with byte
/// spans into [`input::SourceFile::text`]. Markdown is checked on its prose and reported at the
/// places in the file; `<!-- gwlint-disable … -->` comments in Markdown and the configuration's
/// `[[ignore]]` entries (matched against [`input::SourceFile::name`]) are applied here. A
/// baseline is not: it is the batch's business ([`batch`]). See the crate docs for an example.
pub fn lint(source: &SourceFile, settings: &Settings) -> Vec<Finding> {
    lint_document(source, settings).findings
}

/// [`lint`], also returning the parsed original text (for rendering, baselines, outlines).
pub fn lint_document(source: &SourceFile, settings: &Settings) -> Linted {
    lint_text(source, source.text.clone(), settings)
}

/// [`lint_document`] taking the source, so that its text is moved into the document rather than
/// copied (a batch holds one copy of each file, not two).
pub fn lint_into(mut source: SourceFile, settings: &Settings) -> Linted {
    let text = std::mem::take(&mut source.text);
    lint_text(&source, text, settings)
}

/// Lints `source`, whose original text is `text` (`source.text` is not read).
fn lint_text(source: &SourceFile, text: String, settings: &Settings) -> Linted {
    let Some(prepared) = source.markdown() else {
        let mut document = Document::parse(text, source.kind);
        document.auto_numbered = source.auto_numbered.clone();
        let findings = check_document(settings, &document);
        let findings = settings.suppress(&source.name, findings);
        return Linted { document, findings };
    };
    // Markdown: the rules read the prose; findings go back to the file's coordinates.
    let checked = Document::parse(prepared.text.as_str(), SourceKind::Markdown);
    let document = Document::parse(text, SourceKind::Markdown);
    let mut findings: Vec<Finding> = check_document(settings, &checked)
        .into_iter()
        .map(|f| {
            let f =
                input::markdown::cite_original_lines(f, prepared, &checked.lines, &document.lines);
            prepared.map_finding(f)
        })
        .filter(|f| !input::markdown::is_disabled(&prepared.disabled, f.rule, f.span.start))
        .collect();
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
    let findings = settings.suppress(&source.name, findings);
    Linted { document, findings }
}

/// Runs every configured rule over `doc`; findings sorted by position, then rule id. Findings
/// whose fixes would conflict are combined or lose their fixes ([`overlap::resolve`]).
pub fn check_document(settings: &Settings, doc: &Document) -> Vec<Finding> {
    let mut all = run_rules(settings, doc);
    overlap::resolve(doc, &mut all);
    all.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
    all
}

/// Runs every configured rule over `doc`, with the configured severities, in rule order; fixes
/// are not yet reconciled (see [`check_document`]). The rules share one [`engine::context::LintContext`]:
/// each shared analysis and the word-start scan run at most once for the document.
pub fn run_rules(settings: &Settings, doc: &Document) -> Vec<Finding> {
    let cx = engine::context::LintContext::new(doc, settings.word_prefilter.as_ref());
    let mut out = engine::context::Reporter::with_limit(settings.max_findings_per_rule);
    for configured in &settings.rules {
        let id = configured.rule.meta().id;
        out.start_rule(id, configured.severity);
        crash::in_rule(id, || {
            crash::debug_panic(&doc.text);
            configured.rule.check(&cx, &mut out);
        });
    }
    out.into_findings()
}
