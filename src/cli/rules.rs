//! `gwlint rules`: the rule list.

use std::io::{self, Write};

use super::*;
use crate::exit_codes;
use crate::rules;

/// Every shipped rule built from the embedded configuration, including the ones that ship
/// disabled (to describe their data).
pub(super) fn shipped_rules() -> Vec<crate::config::ConfiguredRule> {
    let all_on: String = rules::RULES
        .iter()
        .map(|e| format!("[rules.{}]\nenabled = true\n", e.meta.id))
        .collect();
    crate::config::load(
        Some((std::path::Path::new("gwlint.toml"), &all_on)),
        &Default::default(),
    )
    .map(|s| s.rules)
    .unwrap_or_default()
}

pub(super) fn list_rules(args: RulesArgs, out: &mut dyn Write) -> io::Result<i32> {
    // Entry counts of the data-driven rules, as shipped (the embedded default configuration).
    let shipped = shipped_rules();
    let sizes: std::collections::HashMap<&str, usize> = shipped
        .iter()
        .filter_map(|c| c.rule.data_size().map(|n| (c.rule.meta().id, n)))
        .collect();
    match args.format {
        RulesFormat::Text => {
            let width = rules::RULES
                .iter()
                .map(|e| e.meta.id.len())
                .max()
                .unwrap_or(0);
            for e in rules::RULES {
                let category = e.meta.category.name_zh();
                // Pad by display width: Chinese characters take two columns.
                let pad = 8usize.saturating_sub(unicode_width::UnicodeWidthStr::width(category));
                let data = sizes
                    .get(e.meta.id)
                    .map(|n| format!("（内置 {n} 条）"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {category}{}  {}{data}",
                    e.meta.id,
                    e.meta.default_severity.as_str(),
                    " ".repeat(pad),
                    e.meta.summary
                )?;
            }
            writeln!(
                out,
                "\n共 {} 条规则。详细说明：gwlint explain <规则>",
                rules::RULES.len()
            )?;
        }
        RulesFormat::Json => {
            let list: Vec<_> = rules::RULES
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "id": e.meta.id,
                        "severity": e.meta.default_severity,
                        "category": e.meta.category.name_zh(),
                        "summary": e.meta.summary,
                        "fixable": e.meta.fixable,
                        "entries": sizes.get(e.meta.id),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => {
            writeln!(out, "# gwlint 规则目录\n")?;
            for e in rules::RULES {
                writeln!(
                    out,
                    "{}\n",
                    e.meta
                        .docs
                        .trim_end()
                        .replacen("# ", "## ", 1)
                        .replace("\n## ", "\n### ")
                )?;
            }
        }
    }
    Ok(exit_codes::CLEAN)
}
