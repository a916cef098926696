//! Line formats and SARIF, built from [`JsonFinding`]s (lines and character columns already
//! resolved): `concise`, GitHub Actions workflow commands, SARIF 2.1.0.

use serde_json::{Value, json};

use super::JsonFinding;
use crate::diagnostic::Severity;

/// `path:line:column: severity[rule] message`.
pub fn concise(j: &JsonFinding) -> String {
    format!(
        "{}:{}:{}: {}[{}] {}",
        j.path,
        j.line,
        j.column,
        j.severity.as_str(),
        j.rule,
        one_line(&j.message)
    )
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// A GitHub Actions workflow command: `::error file=…,line=…,col=…,title=rule::message`.
/// Columns are given only when the finding is on one line (the runner rejects them otherwise).
pub fn github(j: &JsonFinding) -> String {
    let level = match j.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut props = format!(
        "file={},line={},endLine={}",
        escape_property(&j.path),
        j.line,
        j.end_line
    );
    if j.line == j.end_line {
        props.push_str(&format!(",col={},endColumn={}", j.column, j.end_column));
    }
    props.push_str(&format!(",title={}", escape_property(j.rule)));
    let mut message = j.message.clone();
    if let Some(help) = &j.help {
        message.push('\n');
        message.push_str(help);
    }
    format!("::{level} {props}::{}", escape_data(&message))
}

/// A GitHub Actions error for a file that could not be checked.
pub fn github_failure(path: &str, message: &str) -> String {
    format!(
        "::error file={}::{}",
        escape_property(path),
        escape_data(message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The heading of the Markdown table for `$GITHUB_STEP_SUMMARY` (annotations are capped at ten
/// per type and step; the summary is not).
pub fn github_summary_head(files: usize, findings: usize) -> String {
    format!("### gwlint：检查了 {files} 个文件，发现 {findings} 处问题\n\n")
}

/// The table's column header, written when there is at least one row.
pub const GITHUB_SUMMARY_COLUMNS: &str = "| 位置 | 级别 | 规则 | 说明 |\n|---|---|---|---|\n";

/// One row of the step summary table.
pub fn github_summary_row(j: &JsonFinding) -> String {
    format!(
        "| `{}:{}:{}` | {} | `{}` | {} |\n",
        j.path,
        j.line,
        j.column,
        j.severity.label_zh(),
        j.rule,
        one_line(&j.message).replace('|', "\\|")
    )
}

/// Static description of a rule for SARIF's `tool.driver.rules`.
pub struct SarifRule<'a> {
    /// Id.
    pub id: &'a str,
    /// One-line summary.
    pub summary: &'a str,
    /// Markdown docs.
    pub docs: &'a str,
    /// Default level.
    pub severity: Severity,
}

impl SarifRule<'_> {
    /// A user's own rule (`[[rule]]`) that reported something.
    pub fn custom(id: &str, severity: Severity) -> SarifRule<'_> {
        SarifRule {
            id,
            summary: "自定义规则",
            docs: "本单位配置中的自定义规则（[[rule]]），说明见 gwlint explain",
            severity,
        }
    }
}

/// Every shipped rule, in registry order (the `ruleIndex` of a result).
pub fn builtin_sarif_rules() -> Vec<SarifRule<'static>> {
    crate::rules::RULES
        .iter()
        .map(|e| SarifRule {
            id: e.meta.id,
            summary: e.meta.summary,
            docs: e.meta.docs,
            severity: e.meta.default_severity,
        })
        .collect()
}

/// The `ruleIndex` of a shipped rule.
pub fn builtin_rule_index(id: &str) -> Option<usize> {
    crate::rules::RULES.iter().position(|e| e.meta.id == id)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative or absolute path as a URI reference: `/` kept, everything outside the unreserved
/// set percent-encoded (non-ASCII paths included: a URI, not an IRI).
pub fn path_uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One SARIF result. `rule_index` is the rule's position in `tool.driver.rules`.
pub fn sarif_result(j: &JsonFinding, rule_index: Value) -> Value {
    let uri = path_uri(&j.path);
    let mut result = json!({
        "ruleId": j.rule,
        "level": level(j.severity),
        "message": { "text": match &j.help {
            Some(h) => format!("{}（{h}）", j.message),
            None => j.message.clone(),
        } },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": {
                    "startLine": j.line,
                    "startColumn": j.column,
                    "endLine": j.end_line,
                    "endColumn": j.end_column,
                }
            }
        }],
        "ruleIndex": rule_index,
    });
    if !j.related.is_empty() {
        result["relatedLocations"] = j
            .related
            .iter()
            .enumerate()
            .map(|(k, r)| {
                json!({
                    "id": k,
                    "message": { "text": r.message },
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": r.line, "startColumn": r.column },
                    }
                })
            })
            .collect();
    }
    if let Some(fix) = &j.fix {
        let (l, c, el, ec) = fix.region;
        result["fixes"] = json!([{
            "description": { "text": format!("替换为“{}”", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri },
                "replacements": [{
                    "deletedRegion": {
                        "startLine": l, "startColumn": c, "endLine": el, "endColumn": ec,
                    },
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    result
}

/// A SARIF 2.1.0 log with one run, the rules and files that could not be checked as tool
/// notifications, and an empty `results` array: the emitter writes the results into it
/// ([`super::emit::SarifEmitter`]), with regions in Unicode characters.
pub fn sarif_log(rules: &[SarifRule<'_>], failures: &[(String, String)]) -> Value {
    let notifications: Vec<Value> = failures
        .iter()
        .map(|(path, message)| {
            json!({
                "level": "error",
                "message": { "text": message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": path_uri(path) } } }],
            })
        })
        .collect();
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.docs, "markdown": r.docs },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "gwlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "language": "zh-CN",
                    "rules": driver_rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": failures.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": [],
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("一\n二"), "一%0A二");
        assert_eq!(path_uri("文稿/a b.txt"), "%E6%96%87%E7%A8%BF/a%20b.txt");
        assert_eq!(
            github_failure("d,1:2%.txt", "无法读取\r\n50%"),
            "::error file=d%2C1%3A2%25.txt::无法读取%0D%0A50%25"
        );
    }
}
