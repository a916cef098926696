//! `gwlint explain`: a rule's documentation.

use std::io::{self, Write};

use super::rules::shipped_rules;
use super::*;
use crate::exit_codes;
use crate::render;
use crate::rules;

pub(super) fn explain(
    args: ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    // The configuration for the current directory (or --config): the user's own rules, and how
    // it sets the shipped ones. A broken configuration does not hide a shipped rule's docs.
    let configured = super::settings::settings_here(args.config.as_deref());
    let id = args.rule.trim();
    let here = configured
        .as_ref()
        .ok()
        .and_then(|s| s.rules.iter().find(|r| r.id == id).map(|r| (s, r)));
    match rules::find(id) {
        Some(e) => {
            writeln!(out, "{}", e.meta.docs.trim_end())?;
            // Where the shipped data comes from, read from the data itself.
            let enabled = crate::config::load(None, &Default::default())
                .map(|s| s.rules.iter().any(|c| c.rule.meta().id == e.meta.id))
                .unwrap_or(true);
            let sources = shipped_rules()
                .iter()
                .find(|c| c.rule.meta().id == e.meta.id)
                .map(|c| c.rule.data_sources())
                .unwrap_or_default();
            if !sources.is_empty() {
                let total: usize = sources.iter().map(|d| d.entries).sum();
                writeln!(out, "\n## 内置数据（共 {total} 条）")?;
                for d in &sources {
                    let source = d.source.as_deref().unwrap_or("本单位配置");
                    let url = d
                        .url
                        .as_deref()
                        .map(|u| format!("，{u}"))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "- {source}{url}：{} 条（{}）",
                        d.entries,
                        d.ids.join("、")
                    )?;
                }
            }
            writeln!(
                out,
                "\n默认级别：{}（{}）{}",
                e.meta.default_severity.as_str(),
                e.meta.default_severity.label_zh(),
                if enabled {
                    ""
                } else {
                    "；默认关闭，在配置中写 enabled = true 启用"
                }
            )?;
            if let Some((settings, r)) = here
                && let Some(config) = settings.files.get(1..).and_then(|f| f.last())
            {
                write_configured(out, r, config)?;
            }
            Ok(exit_codes::CLEAN)
        }
        None => {
            if let Some((settings, r)) = here {
                writeln!(out, "{}", r.docs.trim_end())?;
                let config = settings.files.last().map(String::as_str).unwrap_or("");
                write_configured(out, r, config)?;
                return Ok(exit_codes::CLEAN);
            }
            let custom: Vec<&str> = match &configured {
                Ok(s) => s
                    .rules
                    .iter()
                    .filter(|r| r.defined_in.is_some())
                    .map(|r| r.id.as_str())
                    .collect(),
                // The id may be one of the user's rules in the configuration that did not load.
                Err(message) => {
                    write!(err, "{message}")?;
                    return Ok(exit_codes::ERROR);
                }
            };
            write!(
                err,
                "{}",
                render::render_error(
                    &format!("未知规则“{id}”"),
                    Some(&crate::config::suggest_rule(id, &custom)),
                    false
                )
            )?;
            Ok(exit_codes::ERROR)
        }
    }
}

/// The rule as the configuration in use sets it.
fn write_configured(
    out: &mut dyn Write,
    r: &crate::config::EffectiveRule,
    config: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "\n按配置 {config}：级别 {}（{}）{}",
        r.severity.as_str(),
        r.severity.label_zh(),
        if r.enabled {
            "，启用"
        } else {
            "，已关闭"
        }
    )?;
    for o in &r.options {
        writeln!(out, "- {} = {}", o.key, o.value)?;
    }
    Ok(())
}
