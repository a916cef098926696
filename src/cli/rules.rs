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

pub(super) fn list_rules(
    args: RulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    // As configured for the current directory (or --config): severities, what is off, the
    // user's own rules, and the entry counts of the data-driven rules.
    let settings = match super::settings::settings_here(args.config.as_deref()) {
        Ok(s) => s,
        Err(message) => {
            write!(err, "{message}")?;
            return Ok(exit_codes::ERROR);
        }
    };
    match args.format {
        RulesFormat::Text => {
            let width = settings.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &settings.rules {
                // Pad by display width: Chinese characters take two columns.
                let pad = 8usize
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(r.category.as_str()));
                // Under a configuration the count includes the user's entries.
                let data = r
                    .entries
                    .map(|n| {
                        let whose = if settings.files.len() > 1 {
                            "数据"
                        } else {
                            "内置"
                        };
                        format!("（{whose} {n} 条）")
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {}{}  {}{data}{}",
                    r.id,
                    r.severity.as_str(),
                    r.category,
                    " ".repeat(pad),
                    r.summary,
                    if r.enabled { "" } else { "（已关闭）" }
                )?;
            }
            let off = settings.rules.iter().filter(|r| !r.enabled).count();
            let custom = settings
                .rules
                .iter()
                .filter(|r| r.defined_in.is_some())
                .count();
            let mut footer = format!("\n共 {} 条规则", settings.rules.len());
            if custom > 0 {
                footer.push_str(&format!("（其中自定义 {custom} 条）"));
            }
            if off > 0 {
                footer.push_str(&format!(
                    "，{off} 条已关闭（在配置中写 enabled = true 启用）"
                ));
            }
            footer.push_str("。详细说明：gwlint explain <规则>");
            writeln!(out, "{footer}")?;
            if let Some(config) = settings.files.get(1..).and_then(|f| f.last()) {
                writeln!(out, "配置文件：{config}")?;
            }
        }
        RulesFormat::Json => {
            let list: Vec<_> = settings
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.severity,
                        "enabled": r.enabled,
                        "custom": r.defined_in.is_some(),
                        "category": r.category,
                        "summary": r.summary,
                        "fixable": rules::find(&r.id).is_some_and(|e| e.meta.fixable),
                        "entries": r.entries,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => {
            writeln!(out, "# gwlint 规则目录\n")?;
            for r in &settings.rules {
                writeln!(
                    out,
                    "{}\n",
                    r.docs
                        .trim_end()
                        .replacen("# ", "## ", 1)
                        .replace("\n## ", "\n### ")
                )?;
            }
        }
    }
    Ok(exit_codes::CLEAN)
}
