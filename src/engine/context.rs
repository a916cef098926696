//! What a rule sees while it checks one document: the [`Document`], the analyses shared by
//! several rules (computed at most once per document and settings, on first use), and the
//! [`Reporter`] it hands its findings to.

use std::cell::OnceCell;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::engine::prefilter::LexicalChars;
use crate::rules::analysis::enumeration::Enumerations;
use crate::rules::analysis::numbering::Numbering;

/// An analysis of a whole document shared by several rules, computed at most once per
/// [`LintContext`] ([`LintContext::get`]). Each has its own slot in the context: adding one is
/// a field in [`LintContext`] and an impl of this trait.
pub trait Analysis: Sized {
    /// Computes the analysis.
    fn compute(doc: &Document) -> Self;
    /// The context's slot for it.
    fn slot<'c>(cx: &'c LintContext<'_>) -> &'c OnceCell<Self>;
}

/// One document being checked under one set of rules.
pub struct LintContext<'a> {
    /// The parsed document.
    pub doc: &'a Document,
    /// The word-start prefilter of the active rule set (the merged first characters and
    /// first-two-character pairs of every word rule's terms), if any rule has terms.
    word_chars: Option<&'a LexicalChars>,
    /// Where a term of the active rule set may begin, found on first use.
    word_starts: OnceCell<Vec<usize>>,
    enumerations: OnceCell<Enumerations>,
    numbering: OnceCell<Numbering>,
}

impl<'a> LintContext<'a> {
    /// A context for `doc`; `word_chars` is the word-start prefilter of the rules that will run
    /// ([`crate::config::Settings::word_prefilter`]).
    pub fn new(doc: &'a Document, word_chars: Option<&'a LexicalChars>) -> Self {
        LintContext {
            doc,
            word_chars,
            word_starts: OnceCell::new(),
            enumerations: OnceCell::new(),
            numbering: OnceCell::new(),
        }
    }

    /// The shared analysis `A` of the document, computed the first time a rule asks.
    pub fn get<A: Analysis>(&self) -> &A {
        A::slot(self).get_or_init(|| A::compute(self.doc))
    }

    /// Byte offsets where a term of any active word rule may begin, in order; `None` when no
    /// active rule has terms. The text is scanned once, on first use, together with the
    /// punctuation marks when those have not been scanned yet.
    pub fn word_starts(&self) -> Option<&[usize]> {
        let chars = self.word_chars?;
        Some(
            self.word_starts
                .get_or_init(|| self.doc.scan_word_starts(chars))
                .as_slice(),
        )
    }

    /// The positions where a term of `chars` (one rule's share of the prefilter) may begin: the
    /// shared positions when the active rule set has a prefilter (it includes `chars`' terms),
    /// else a scan for `chars` alone.
    pub fn word_starts_for(&self, chars: &LexicalChars) -> std::borrow::Cow<'_, [usize]> {
        match self.word_starts() {
            Some(c) => std::borrow::Cow::Borrowed(c),
            None => std::borrow::Cow::Owned(crate::engine::prefilter::scan(&self.doc.text, chars)),
        }
    }
}

impl Analysis for Enumerations {
    fn compute(doc: &Document) -> Self {
        crate::rules::analysis::enumeration::analyse(doc)
    }
    fn slot<'c>(cx: &'c LintContext<'_>) -> &'c OnceCell<Self> {
        &cx.enumerations
    }
}

impl Analysis for Numbering {
    fn compute(doc: &Document) -> Self {
        Numbering(crate::rules::analysis::numbering::analyse(doc))
    }
    fn slot<'c>(cx: &'c LintContext<'_>) -> &'c OnceCell<Self> {
        &cx.numbering
    }
}

/// Collects the findings of the rules that run over one document. The engine, not the rule,
/// stamps each finding's rule id and severity (the configured one, lowered to the finding's
/// `max_severity` cap when it has one).
pub struct Reporter {
    findings: Vec<Finding>,
    rule: &'static str,
    severity: Severity,
}

impl Reporter {
    pub(crate) fn new() -> Self {
        Reporter {
            findings: Vec::new(),
            rule: "",
            severity: Severity::Warning,
        }
    }

    /// The rule and severity the next findings are stamped with.
    pub(crate) fn start_rule(&mut self, rule: &'static str, severity: Severity) {
        self.rule = rule;
        self.severity = severity;
    }

    /// Reports a finding.
    pub fn push(&mut self, mut finding: Finding) {
        finding.rule = self.rule;
        finding.severity = match finding.max_severity {
            Some(max) => self.severity.min(max),
            None => self.severity,
        };
        self.findings.push(finding);
    }

    /// Reports several findings.
    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            self.push(f);
        }
    }

    /// The findings so far, in the order reported.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
