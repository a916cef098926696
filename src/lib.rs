//! gwlint: a rule-based consistency linter for Chinese government reports and other 公文.
//!
//! Pipeline: text → [`document::Document`] (parsed once: paragraphs, outline tree, line index) →
//! rules ([`rules::Rule`]) emit plain [`diagnostic::Finding`]s with byte spans → renderers in
//! [`render`] (the only module that touches miette).

pub mod atomic_write;
pub mod baseline;
pub mod batch;
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
use document::Document;
use engine::{crash, overlap};

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
    let mut out = engine::context::Reporter::new();
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
