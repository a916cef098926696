//! Plain findings produced by rules: byte spans into the checked text, no rendering.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Consistency or style: a person should look.
    Info,
    /// Very likely wrong, or a firm 公文 convention.
    Warning,
    /// A clear defect: broken numbering, unfilled draft marker, breach of a national standard.
    Error,
}

impl Severity {
    /// The lowercase English name used in configuration and machine output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Chinese label used in human output.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location that explains a finding (for example the first use of a repeated number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Byte range into the document text.
    pub span: Range<usize>,
    /// Short Chinese label shown at that location.
    pub message: String,
}

/// A mechanical replacement of `span` by `replacement`. `safe` means it preserves meaning and may be
/// applied without review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range into the document text.
    pub span: Range<usize>,
    /// Replacement text.
    pub replacement: String,
    /// Whether the edit may be applied automatically.
    pub safe: bool,
}

/// One defect found by one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (kebab-case).
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Chinese message stating the defect.
    pub message: String,
    /// Byte range into the document text; always on character boundaries.
    pub span: Range<usize>,
    /// Other locations that explain the finding.
    pub related: Vec<Related>,
    /// How to fix it, in Chinese.
    pub help: Option<String>,
    /// A suggested replacement, when one is mechanical.
    pub fix: Option<Edit>,
    /// The highest severity this finding may have whatever the configuration says (a finding
    /// the rule is unsure of, such as a dated term in an undated document).
    pub max_severity: Option<Severity>,
}

impl Finding {
    /// A finding with no related locations, help or fix. Severity is filled in by the engine.
    pub fn new(rule: &'static str, span: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Warning,
            message: message.into(),
            span,
            related: Vec::new(),
            help: None,
            fix: None,
            max_severity: None,
        }
    }

    /// A rule's finding at `span`, before the engine stamps it with the rule's id and the
    /// configured severity ([`crate::engine::context::Reporter`]).
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Finding::new("", span, message)
    }

    /// Caps the severity: the finding is reported at most at `max`.
    pub fn at_most(mut self, max: Severity) -> Self {
        self.max_severity = Some(max);
        self
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a suggested replacement.
    pub fn with_fix(
        mut self,
        span: Range<usize>,
        replacement: impl Into<String>,
        safe: bool,
    ) -> Self {
        self.fix = Some(Edit {
            span,
            replacement: replacement.into(),
            safe,
        });
        self
    }
}
