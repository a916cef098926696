//! `gwlint check --statistics`: findings per rule and severity, and per file.

use std::io::{self, Write};

use crate::render::{OutputFormat, Summary};

/// `--statistics`: findings per rule and severity, and per file.
pub(super) fn write_statistics(
    out: &mut dyn Write,
    format: OutputFormat,
    summary: &Summary,
    per_file: &[(String, &'static str, [usize; 3])],
) -> io::Result<()> {
    let by_rule = &summary.by_rule;
    if matches!(format, OutputFormat::Json | OutputFormat::Jsonl) {
        let counts = |c: &[usize; 3]| serde_json::json!({ "error": c[2], "warning": c[1], "info": c[0], "total": c.iter().sum::<usize>() });
        let value = serde_json::json!({
            "files_checked": summary.files,
            "files_failed": summary.failed,
            "total": counts(&[
                summary.by_severity.get(&crate::diagnostic::Severity::Info).copied().unwrap_or(0),
                summary.by_severity.get(&crate::diagnostic::Severity::Warning).copied().unwrap_or(0),
                summary.by_severity.get(&crate::diagnostic::Severity::Error).copied().unwrap_or(0),
            ]),
            "rules": by_rule.iter().map(|(r, c)| {
                let mut v = counts(c);
                v["rule"] = serde_json::json!(r);
                v
            }).collect::<Vec<_>>(),
            "files": per_file.iter().map(|(p, enc, c)| {
                let mut v = counts(c);
                v["path"] = serde_json::json!(p);
                v["encoding"] = serde_json::json!(enc);
                v
            }).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        return writeln!(out);
    }
    let width = by_rule.keys().map(|r| r.len()).max().unwrap_or(4).max(4);
    // Chinese labels are two columns wide per character.
    let label = width - 2;
    writeln!(
        out,
        "{:<label$}  {:>6}  {:>6}  {:>6}  {:>6}",
        "规则", "错误", "警告", "提示", "合计"
    )?;
    for (rule, c) in by_rule {
        writeln!(
            out,
            "{rule:<width$}  {:>8}  {:>8}  {:>8}  {:>8}",
            c[2],
            c[1],
            c[0],
            c.iter().sum::<usize>()
        )?;
    }
    writeln!(out)?;
    for (path, enc, c) in per_file {
        let total: usize = c.iter().sum();
        let enc = if *enc == "UTF-8" {
            String::new()
        } else {
            format!("（{enc}）")
        };
        writeln!(
            out,
            "{path}{enc}：{total} 处（错误 {}，警告 {}，提示 {}）",
            c[2], c[1], c[0]
        )?;
    }
    writeln!(out, "\n{summary}")
}
