//! Configuration files: discovery (walking up from a checked file), `include`d files and their cycles.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::*;

/// File names looked for when walking up from a checked file.
pub const CONFIG_NAMES: &[&str] = &["gwlint.toml", ".gwlint.toml"];

/// A file read while loading a configuration: the user's file, a configuration it includes, or
/// a list file named in a rule table's `include`.
pub(super) struct LoadedFile {
    pub(super) path: PathBuf,
    pub(super) text: String,
    /// For a configuration file: the list files each rule table includes (indices into the
    /// loaded files).
    pub(super) rule_includes: HashMap<String, Vec<usize>>,
}

/// A file named in an `include`, resolved, with the span of its name.
pub(super) type Named = (PathBuf, Range<usize>);

/// How deep `include` may nest.
pub(super) const MAX_INCLUDE_DEPTH: usize = 8;

/// Reads `path` (already read as `text`) and, first, every configuration file it includes; the
/// configuration files go into `order` after the files they include.
pub(super) fn gather(
    path: &Path,
    text: String,
    files: &mut Vec<LoadedFile>,
    order: &mut Vec<usize>,
    stack: &mut Vec<PathBuf>,
) -> Result<(), ConfigError> {
    let display = path.display().to_string();
    let error = |span: Range<usize>, message: String, help: Option<String>| ConfigError {
        path: display.clone(),
        text: text.clone(),
        span: Some(span),
        message,
        help,
    };
    // Where the includes point (relative to this file), with the spans of the names.
    let mut top: Vec<Named> = Vec::new();
    let mut by_rule: Vec<(String, Vec<Named>)> = Vec::new();
    {
        let src = Source {
            path: display.clone(),
            text: &text,
        };
        let root = DeTable::parse(&text).map_err(|e| src.toml_error(&e, None))?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let names = |value: &Spanned<DeValue>| -> Result<Vec<Named>, ConfigError> {
            let DeValue::Array(items) = value.get_ref() else {
                return Err(src.error(
                    Some(value.span()),
                    "include 必须是文件名数组，例如 include = [\"本单位词表.toml\"]",
                    None,
                ));
            };
            items
                .iter()
                .map(|item| match item.get_ref() {
                    DeValue::String(name) => Ok((dir.join(name.as_ref()), item.span())),
                    _ => Err(src.error(
                        Some(item.span()),
                        "include 中的每一项必须是文件名字符串",
                        None,
                    )),
                })
                .collect()
        };
        for (key, value) in root.get_ref() {
            match key.get_ref().as_ref() {
                "include" => top = names(value)?,
                "rules" => {
                    if let DeValue::Table(rules) = value.get_ref() {
                        for (rule, table) in rules {
                            if let DeValue::Table(table) = table.get_ref()
                                && let Some((_, inc)) =
                                    table.iter().find(|(k, _)| k.get_ref() == "include")
                            {
                                by_rule.push((rule.get_ref().to_string(), names(inc)?));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    stack.push(canonical);
    for (child, span) in top {
        let key = std::fs::canonicalize(&child).unwrap_or_else(|_| child.clone());
        if stack.contains(&key) {
            return Err(error(
                span,
                format!("循环包含：{} 又包含了自己", child.display()),
                None,
            ));
        }
        if stack.len() >= MAX_INCLUDE_DEPTH {
            return Err(error(
                span,
                format!("include 嵌套超过 {MAX_INCLUDE_DEPTH} 层"),
                None,
            ));
        }
        let child_text = read_included(&child).map_err(|m| error(span.clone(), m, None))?;
        gather(&child, child_text, files, order, stack)?;
    }
    stack.pop();
    let mut rule_includes: HashMap<String, Vec<usize>> = HashMap::new();
    for (rule, list) in by_rule {
        for (file, span) in list {
            let list_text = read_included(&file).map_err(|m| error(span.clone(), m, None))?;
            files.push(LoadedFile {
                path: file,
                text: list_text,
                rule_includes: HashMap::new(),
            });
            rule_includes
                .entry(rule.clone())
                .or_default()
                .push(files.len() - 1);
        }
    }
    files.push(LoadedFile {
        path: path.to_path_buf(),
        text,
        rule_includes,
    });
    order.push(files.len() - 1);
    Ok(())
}

pub(super) fn read_included(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "无法读取被包含的文件 {}：{}",
            path.display(),
            crate::input::io_reason(&e)
        )
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("被包含的文件 {} 不是 UTF-8 编码", path.display()))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Finds the config file for `dir` by walking up to the filesystem root.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        for name in CONFIG_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        current = d.parent();
    }
    None
}
