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
    match rules::find(&args.rule) {
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
            Ok(exit_codes::CLEAN)
        }
        None => {
            // A rule of the user's own, from --config or the configuration governing the
            // current directory.
            let config = args.config.clone().or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| crate::config::discover(&d))
            });
            if let Some(path) = &config {
                let loaded = std::fs::read_to_string(path)
                    .map_err(|e| {
                        format!(
                            "无法读取配置文件 {}：{}",
                            path.display(),
                            crate::input::io_reason(&e)
                        )
                    })
                    .and_then(|text| {
                        crate::config::load(Some((path, &text)), &Default::default())
                            .map_err(|e| render::render_config_error(&e, false))
                    });
                match loaded {
                    Ok(settings) => {
                        if let Some(c) = settings
                            .rules
                            .iter()
                            .find(|c| c.rule.meta().id == args.rule)
                        {
                            let meta = c.rule.meta();
                            writeln!(out, "{}", meta.docs.trim_end())?;
                            writeln!(
                                out,
                                "\n级别：{}（{}）",
                                c.severity.as_str(),
                                c.severity.label_zh()
                            )?;
                            return Ok(exit_codes::CLEAN);
                        }
                    }
                    Err(message) => {
                        write!(err, "{message}")?;
                        return Ok(exit_codes::ERROR);
                    }
                }
            }
            let ids: Vec<&str> = rules::RULES.iter().map(|e| e.meta.id).collect();
            write!(
                err,
                "{}",
                render::render_error(
                    &format!("未知规则“{}”", args.rule),
                    Some(&format!("可用的规则：{}", ids.join("、"))),
                    false
                )
            )?;
            Ok(exit_codes::ERROR)
        }
    }
}
