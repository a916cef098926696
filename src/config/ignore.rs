//! `[[ignore]]`: files (globs relative to the configuration file) and the rules not reported in them.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::*;

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct Ignore {
    pub(super) matcher: globset::GlobMatcher,
    /// Directory the glob is relative to.
    pub(super) base: PathBuf,
    /// Rule ids (empty: every rule).
    pub rules: Vec<String>,
}

impl Settings {
    /// Drops the findings that an `[[ignore]]` entry covers for the file at `path`.
    pub fn suppress(
        &self,
        path: &str,
        mut findings: Vec<crate::diagnostic::Finding>,
    ) -> Vec<crate::diagnostic::Finding> {
        if self.ignores.is_empty() || findings.is_empty() {
            return findings;
        }
        let given = Path::new(path);
        let absolute = std::fs::canonicalize(given).unwrap_or_else(|_| given.to_path_buf());
        for ig in &self.ignores {
            let relative = absolute.strip_prefix(&ig.base).unwrap_or(given);
            if ig.matcher.is_match(relative) || ig.matcher.is_match(given) {
                findings.retain(|f| !ig.rules.is_empty() && !ig.rules.iter().any(|r| r == f.rule));
            }
        }
        findings
    }
}

/// An `[[ignore]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IgnoreSpec {
    pub(super) path: Spanned<String>,
    #[serde(default)]
    pub(super) rules: Vec<Spanned<String>>,
}
