//! The configuration as `rules`, `explain` and `check --show-settings` see it: `--config`, or the
//! `gwlint.toml` / `.gwlint.toml` found from a path upwards, as `check` finds it.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthStr;

use super::*;
use crate::config::{EffectiveSettings, RuleFilter};
use crate::exit_codes;
use crate::render;

/// The configuration file for `start` (a file or a directory): `explicit` (`--config`), else the
/// one found from `start`'s directory upwards. `None`: only the embedded default applies.
pub(super) fn config_for(explicit: Option<&Path>, start: &Path) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let dir = if start.is_dir() {
        start.to_path_buf()
    } else {
        start
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    crate::config::discover(&dir)
}

/// Reads and resolves the configuration at `path` (none: the embedded default). The error is
/// rendered for standard error.
pub(super) fn effective_settings(
    path: Option<&Path>,
    filter: &RuleFilter,
) -> Result<EffectiveSettings, String> {
    let text = match path {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| {
            render::render_error(
                &format!(
                    "无法读取配置文件 {}：{}",
                    p.display(),
                    crate::input::io_reason(&e)
                ),
                None,
                false,
            )
        })?),
        None => None,
    };
    let user = path.zip(text.as_deref());
    crate::config::effective(user, filter).map_err(|e| render::render_config_error(&e, false))
}

/// The configuration for the current directory (`rules`, `explain`).
pub(super) fn settings_here(explicit: Option<&Path>) -> Result<EffectiveSettings, String> {
    let config = config_for(explicit, Path::new("."));
    effective_settings(config.as_deref(), &RuleFilter::default())
}

/// `gwlint check --show-settings [PATH]`.
pub(super) fn show_settings(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let target = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    if args.paths.len() > 1 {
        writeln!(
            err,
            "gwlint：--show-settings 只显示第一个路径 {} 的配置",
            target.display()
        )?;
    }
    let filter = match RuleFilter::from_args(&args.select, &args.ignore) {
        Ok(f) => f,
        Err(message) => {
            write!(err, "{}", render::render_error(&message, None, false))?;
            return Ok(exit_codes::ERROR);
        }
    };
    let config = if target == Path::new("-") {
        config_for(args.config.as_deref(), Path::new("."))
    } else {
        if let Err(e) = std::fs::metadata(&target) {
            let message = format!(
                "无法读取 {}：{}",
                target.display(),
                crate::input::io_reason(&e)
            );
            write!(err, "{}", render::render_error(&message, None, false))?;
            return Ok(exit_codes::ERROR);
        }
        config_for(args.config.as_deref(), &target)
    };
    let settings = match effective_settings(config.as_deref(), &filter) {
        Ok(s) => s,
        Err(message) => {
            write!(err, "{message}")?;
            return Ok(exit_codes::ERROR);
        }
    };
    write_settings(&target, &settings, &filter, out)?;
    Ok(exit_codes::CLEAN)
}

fn write_settings(
    target: &Path,
    s: &EffectiveSettings,
    filter: &RuleFilter,
    out: &mut dyn Write,
) -> io::Result<()> {
    let default_name = s.files.first().map(String::as_str).unwrap_or_default();
    let from = |f: &str| -> String {
        if f == default_name {
            "内置默认".to_owned()
        } else {
            f.to_owned()
        }
    };
    writeln!(out, "对 {} 生效的配置", target.display())?;
    writeln!(out, "\n配置文件（按叠加顺序，后面的覆盖前面的）：")?;
    for (i, f) in s.files.iter().enumerate() {
        writeln!(out, "  {}. {f}", i + 1)?;
    }
    if s.files.len() == 1 {
        writeln!(
            out,
            "  （没有找到 gwlint.toml 或 .gwlint.toml，只用内置默认规则）"
        )?;
    }
    let extensions: Vec<String> = s.extensions.iter().map(|e| format!(".{e}")).collect();
    writeln!(out, "\n检查目录时读取的扩展名：{}", extensions.join("、"))?;
    match s.max_findings_per_rule {
        0 => writeln!(out, "每个文件每条规则逐一列出的问题数：不限")?,
        n => writeln!(
            out,
            "每个文件每条规则逐一列出的问题数：最多 {n} 处，其余合并为一条说明"
        )?,
    }
    if !filter.select.is_empty() || !filter.ignore.is_empty() {
        let mut parts = Vec::new();
        if !filter.select.is_empty() {
            parts.push(format!("--select {}", filter.select.join("、")));
        }
        if !filter.ignore.is_empty() {
            parts.push(format!("--ignore {}", filter.ignore.join("、")));
        }
        writeln!(out, "命令行：{}", parts.join("；"))?;
    }

    let width = s.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let running = s.rules.iter().filter(|r| r.runs).count();
    writeln!(
        out,
        "\n规则（运行 {running} 条，共 {} 条）：",
        s.rules.len()
    )?;
    let mut custom_heading = false;
    for r in &s.rules {
        if r.defined_in.is_some() && !custom_heading {
            writeln!(out, "\n自定义规则（[[rule]]）：")?;
            custom_heading = true;
        }
        let state = match (r.runs, r.enabled) {
            (true, true) => "运行".to_owned(),
            (true, false) => "已关闭，因 --select 点名而运行".to_owned(),
            (false, false) => "已关闭".to_owned(),
            (false, true) if filter.ignore.contains(&r.id) => "不运行（--ignore）".to_owned(),
            (false, true) => "不运行（--select 未选）".to_owned(),
        };
        let defined = r
            .defined_in
            .as_deref()
            .map(|f| format!("  定义于 {f}"))
            .unwrap_or_default();
        let entries = r
            .entries
            .map(|n| format!("  数据 {n} 条"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<width$}  {:<7}  {state}{entries}{defined}",
            r.id,
            r.severity.as_str()
        )?;
        let key_width = r.options.iter().map(|o| o.key.width()).max().unwrap_or(0);
        for o in &r.options {
            writeln!(
                out,
                "      {}{} = {}    （{}）",
                o.key,
                " ".repeat(key_width - o.key.width()),
                o.value,
                from(&o.from)
            )?;
        }
    }
    writeln!(out, "\n忽略（[[ignore]]）：")?;
    if s.ignores.is_empty() {
        writeln!(out, "  无")?;
    }
    for ig in &s.ignores {
        let rules = if ig.rules.is_empty() {
            "全部规则".to_owned()
        } else {
            ig.rules.join("、")
        };
        writeln!(
            out,
            "  {}（相对于 {}）：{rules}",
            ig.glob,
            ig.base.display()
        )?;
    }
    Ok(())
}
