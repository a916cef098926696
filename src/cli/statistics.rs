//! `gwlint check --statistics`: findings per rule and severity, and per file.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::Severity;
use crate::render::emit::{Emitter, FileEvent, Spill, write_indented};
use crate::render::{OutputFormat, Summary};

/// `--statistics`: counts per rule and severity, and per file. The per-file part is streamed: in
/// JSON the `files` array comes first (keys are sorted) and is written as files come; the text
/// form prints it after the rule table, from a [`Spill`].
pub struct StatisticsEmitter {
    json: bool,
    files: Spill,
    any: bool,
}

impl StatisticsEmitter {
    /// JSON (`--format json`/`jsonl`) or text.
    pub fn new(format: OutputFormat) -> Self {
        StatisticsEmitter {
            json: matches!(format, OutputFormat::Json | OutputFormat::Jsonl),
            files: Spill::default(),
            any: false,
        }
    }
}

fn counts_json(c: &[usize; 3]) -> Value {
    json!({ "error": c[2], "warning": c[1], "info": c[0], "total": c.iter().sum::<usize>() })
}

impl Emitter for StatisticsEmitter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.json {
            out.write_all(b"{\n  \"files\": [")?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()> {
        let FileEvent::Checked {
            path,
            encoding,
            counts,
            ..
        } = event
        else {
            return Ok(());
        };
        let c = &counts.by_severity;
        if self.json {
            let mut v = counts_json(c);
            v["path"] = json!(path);
            v["encoding"] = json!(encoding);
            out.write_all(if self.any { b",\n    " } else { b"\n    " })?;
            write_indented(out, &mut Vec::new(), &v, 4)?;
        } else {
            let enc = if encoding == "UTF-8" {
                String::new()
            } else {
                format!("（{encoding}）")
            };
            writeln!(
                self.files,
                "{path}{enc}：{} 处（错误 {}，警告 {}，提示 {}）",
                counts.total(),
                c[2],
                c[1],
                c[0]
            )?;
        }
        self.any = true;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let by_rule = &summary.by_rule;
        if self.json {
            out.write_all(if self.any { b"\n  ],\n" } else { b"],\n" })?;
            let sev = |s| summary.by_severity.get(&s).copied().unwrap_or(0);
            let tail = json!({
                "files_checked": summary.files,
                "files_failed": summary.failed,
                "total": counts_json(&[sev(Severity::Info), sev(Severity::Warning), sev(Severity::Error)]),
                "rules": by_rule.iter().map(|(r, c)| {
                    let mut v = counts_json(c);
                    v["rule"] = json!(r);
                    v
                }).collect::<Vec<_>>(),
            });
            let text = serde_json::to_string_pretty(&tail)?;
            // Drop the tail object's own "{\n": its keys continue the outer object.
            out.write_all(&text.as_bytes()[2..])?;
            return out.write_all(b"\n");
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
        self.files.drain_to(out)?;
        writeln!(out, "\n{summary}")
    }
}
