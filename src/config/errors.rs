//! Configuration errors: a Chinese message pointing into the file, TOML errors translated, rule-id suggestions.

use std::ops::Range;

use crate::rules;

/// A configuration error with the file text and a byte span into it.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    /// Path of the file (or a name for the embedded default).
    pub path: String,
    /// The file's text, for rendering the span.
    pub text: String,
    /// Byte span of the offending TOML, if known.
    pub span: Option<Range<usize>>,
    /// Chinese message.
    pub message: String,
    /// Chinese help.
    pub help: Option<String>,
}

/// The help for an unknown rule id `id`: the closest shipped or `custom` id ("did you mean"), or
/// the list of every id when none is close. One function for every place an id is typed:
/// `[rules.<id>]`, `[[ignore]] rules`, `--select`, `--ignore` and `gwlint explain`.
pub fn suggest_rule(id: &str, custom: &[&str]) -> String {
    match closest_rule(id, custom) {
        Some(name) => format!("是否想写“{name}”？运行 gwlint rules 查看全部规则"),
        None => {
            let all: Vec<&str> = rules::RULES.iter().map(|e| e.meta.id).collect();
            let mut help = format!("可用的规则：{}", all.join("、"));
            if !custom.is_empty() {
                help.push_str(&format!("；自定义规则：{}", custom.join("、")));
            }
            help
        }
    }
}

/// The known rule id (shipped, then `custom`) closest to `id`: an edit distance of at most 3
/// (ignoring case and `_` for `-`), or the only id that begins with `id` (`duplicate` for
/// `duplicate-number`). `None` when nothing is close.
pub fn closest_rule<'a>(id: &str, custom: &[&'a str]) -> Option<&'a str> {
    let typed = id.trim().to_lowercase().replace('_', "-");
    let known = || {
        rules::RULES
            .iter()
            .map(|e| -> &'a str { e.meta.id })
            .chain(custom.iter().copied())
    };
    let best = known()
        .map(|name| (edit_distance(&typed, name), name))
        .min_by_key(|&(d, _)| d);
    if let Some((d, name)) = best
        && d <= 3
        && d < name.chars().count()
    {
        return Some(name);
    }
    if typed.chars().count() >= 3 {
        let mut starting = known().filter(|name| name.starts_with(&typed));
        if let (Some(only), None) = (starting.next(), starting.next()) {
            return Some(only);
        }
    }
    None
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Turns serde's English messages into Chinese where the shape is known.
pub(super) fn translate(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = tail
            .split_once("expected ")
            .map(|(_, e)| e.replace('`', "“").replace(" or ", "、"))
            .unwrap_or_default();
        return if expected.is_empty() || tail.contains("there are no fields") {
            format!("未知配置项“{field}”：本规则只有 severity 和 enabled")
        } else {
            format!(
                "未知配置项“{field}”，可用的配置项：{}",
                expected
                    .trim_start_matches("one of ")
                    .replace('“', "")
                    .replace(", ", "、")
            )
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = |s: &str| -> String {
            let s = s.trim();
            let t = if s.contains("bool") {
                "布尔值（true 或 false）"
            } else if s.contains("sequence") {
                "数组（[...]）"
            } else if s.contains("map") || s.contains("struct") {
                "表（{...} 或 [表名]）"
            } else if s.contains("integer") {
                "整数"
            } else if s.contains("string") {
                "字符串"
            } else {
                return s.to_owned();
            };
            match s.split_once(' ') {
                Some((_, value)) if !s.starts_with("a ") && !s.starts_with("an ") => {
                    format!("{t} {value}")
                }
                _ => t.to_owned(),
            }
        };
        return format!("类型错误：应为{}，实际是{}", name(expected), name(found));
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if expected.contains("tuple of size 2") {
            return format!(
                "长度不对：每一项应写成 [\"错误写法\", \"正确写法\"] 两个字符串，实际有 {found} 个"
            );
        }
        return format!("长度不对：应为{expected}，实际是 {found}");
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = tail
            .split_once("expected ")
            .map(|(_, e)| {
                e.trim_start_matches("one of ")
                    .replace('`', "")
                    .replace(" or ", "、")
                    .replace(", ", "、")
            })
            .unwrap_or_default();
        return format!("取值“{value}”无效，可选值：{expected}");
    }
    if message.starts_with("missing field") {
        return format!(
            "缺少必填项：{}",
            message.trim_start_matches("missing field ")
        );
    }
    message.to_owned()
}
