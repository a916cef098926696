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
    /// Findings listed per rule (0: no limit); see [`crate::config::Settings::max_findings_per_rule`].
    limit: usize,
    /// Findings of the current rule so far.
    listed: usize,
    /// The first finding of the current rule beyond the limit, and how many there were.
    overflow: Option<(Finding, usize)>,
}

impl Reporter {
    /// A reporter that lists at most `limit` findings per rule (0: no limit) and summarises the
    /// rest in one finding, so that a pathological file cannot fill memory with findings.
    pub(crate) fn with_limit(limit: usize) -> Self {
        Reporter {
            findings: Vec::new(),
            rule: "",
            severity: Severity::Warning,
            limit,
            listed: 0,
            overflow: None,
        }
    }

    /// The rule and severity the next findings are stamped with.
    pub(crate) fn start_rule(&mut self, rule: &'static str, severity: Severity) {
        self.close_rule();
        self.rule = rule;
        self.severity = severity;
        self.listed = 0;
    }

    /// Reports a finding.
    pub fn push(&mut self, mut finding: Finding) {
        finding.rule = self.rule;
        finding.severity = match finding.max_severity {
            Some(max) => self.severity.min(max),
            None => self.severity,
        };
        if self.limit > 0 && self.listed >= self.limit {
            match &mut self.overflow {
                Some((_, n)) => *n += 1,
                None => self.overflow = Some((finding, 1)),
            }
            return;
        }
        self.listed += 1;
        self.findings.push(finding);
    }

    /// Reports several findings.
    pub fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for f in findings {
            self.push(f);
        }
    }

    /// Ends the current rule: the findings beyond the limit become one finding at the first of
    /// them, which says how many were not listed.
    fn close_rule(&mut self) {
        let Some((first, n)) = self.overflow.take() else {
            return;
        };
        if n == 1 {
            self.findings.push(first);
            return;
        }
        let mut summary = Finding::at(
            first.span.clone(),
            format!(
                "{}（此后本规则在本文件中另有 {} 处问题未逐一列出：每个文件每条规则最多列出 {} 处）",
                first.message,
                n - 1,
                self.limit
            ),
        )
        .with_help(
            "文件中同类问题过多，多为整篇格式问题（如全部标题都用同一种错误写法）：先成批处理再检查；\
             需要全部列出时在配置中设置 [check] max-findings-per-rule = 0",
        );
        summary.rule = first.rule;
        summary.severity = first.severity;
        summary.max_severity = first.max_severity;
        self.findings.push(summary);
    }

    /// The findings so far, in the order reported.
    pub(crate) fn into_findings(mut self) -> Vec<Finding> {
        self.close_rule();
        self.findings
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{self, RuleFilter};
    use crate::document::{Document, SourceKind};

    fn only(ids: &[&str]) -> RuleFilter {
        RuleFilter {
            select: ids.iter().map(|s| (*s).to_owned()).collect(),
            ignore: Vec::new(),
        }
    }

    #[test]
    fn a_document_checked_under_two_settings_keeps_its_findings() {
        // `拼博` is a typo, `截止目前` a context word, `二○○八年` a date (scanned for marks).
        let text = "截止目前，各单位发扬拼博精神，落实“十四五”规划，\n";
        let typo_only = config::load(None, &only(&["typo"])).unwrap();
        let words = config::load(None, &only(&["typo", "context-word"])).unwrap();
        let fresh = crate::check_document(&words, &Document::parse(text, SourceKind::Text));
        assert!(fresh.iter().any(|f| f.rule == "context-word"), "{fresh:?}");
        assert!(fresh.iter().any(|f| f.rule == "typo"), "{fresh:?}");

        // The same document, first under the typo rule alone: the word starts it needs are a
        // subset of the second settings' ones, and must not be reused for them.
        let doc = Document::parse(text, SourceKind::Text);
        let first = crate::check_document(&typo_only, &doc);
        assert!(!first.is_empty() && first.iter().all(|f| f.rule == "typo"));
        let second = crate::check_document(&words, &doc);
        assert_eq!(format!("{second:?}"), format!("{fresh:?}"));
        // And back: nothing of the second run leaks into the first settings.
        assert_eq!(
            format!("{:?}", crate::check_document(&typo_only, &doc)),
            format!("{first:?}")
        );
    }

    #[test]
    fn shared_analyses_are_computed_once_per_context() {
        use crate::rules::analysis::enumeration::Enumerations;
        let doc = Document::parse(
            "一是加强领导。二是完善制度。四是强化督查。\n",
            SourceKind::Text,
        );
        let cx = super::LintContext::new(&doc, None);
        let a: *const Enumerations = cx.get::<Enumerations>();
        let b: *const Enumerations = cx.get::<Enumerations>();
        assert_eq!(a, b, "the second rule reads the first one's analysis");
        assert_eq!(cx.get::<Enumerations>().issues.len(), 1);
        assert!(
            cx.word_starts().is_none(),
            "no word rule, no prefilter scan"
        );
    }
}
