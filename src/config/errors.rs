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
    syntax_error_zh(message).unwrap_or_else(|| message.to_owned())
}

/// A TOML syntax error (`unclosed table, expected `]``) in Chinese, when its description is
/// known; what the parser expected is kept (the literal marks are shown bare).
fn syntax_error_zh(message: &str) -> Option<String> {
    let (description, expected) = match message.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (message, None),
    };
    let zh = match description {
        "unclosed table" | "missing table open" => "表名的方括号没有配对（应写成 [表名]）",
        "unclosed array table" => "数组表名的方括号没有配对（应写成 [[表名]]）",
        "invalid table" => "表头无效",
        "unclosed array" => "数组没有闭合（少了 ]）",
        "missing array opening" => "数组缺少开头的 [",
        "unclosed inline table" => "内联表没有闭合（少了 }）",
        "missing inline table opening" => "内联表缺少开头的 {",
        "missing key for inline table element" => "内联表中缺少键",
        "invalid inline table element" => "内联表中的项无效",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing comma between key-value pairs" => "键值对之间缺少逗号",
        "extra comma in array" => "数组中多了逗号",
        "extra comma in inline table" => "内联表中多了逗号（TOML 的内联表末尾不能有逗号）",
        "missing assignment between key-value pairs" => "键和值之间缺少等号（=）",
        "extra assignment between key-value pairs" | "extra `=`" => "多了等号（=）",
        "unexpected `=` in array" => "数组中不能有等号（=）",
        "missing value" | "missing value for key" => "缺少值",
        "invalid value" => "值无效",
        "invalid key" | "invalid key-value pair" => "键无效",
        "invalid unquoted key" => {
            "键无效：不加引号的键只能由字母、数字、- 和 _ 组成，其他字符要加引号"
        }
        "unquoted keys cannot be empty" => "键不能为空",
        "duplicate key" => "键重复",
        "missing opening quote" => "字符串缺少开头的引号（\"）",
        "invalid string" | "invalid basic string" => {
            "字符串无效（引号没有配对，或有不能直接写的字符）"
        }
        "invalid multi-line basic string" => "多行字符串无效",
        "invalid literal string" => "单引号字符串无效",
        "invalid multi-line literal string" => "多行单引号字符串无效",
        "missing escaped value" => {
            "反斜杠（\\）后缺少转义字符；要写反斜杠本身请写两个，或改用单引号字符串"
        }
        "invalid integer number"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number" => "整数无效",
        "invalid float" | "invalid mantissa" | "invalid fraction" | "invalid exponent" => {
            "小数无效"
        }
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" => "多了正负号",
        "invalid boolean" => "布尔值无效（只能是 true 或 false）",
        "invalid date-time" => "日期时间无效",
        "invalid comment character" => "注释中有不允许的控制字符",
        "missing comment start" | "unexpected content between comment and newline" => {
            "行尾有多余的内容（注释以 # 开头）"
        }
        "unexpected content" | "unexpected key or value" => {
            "这里有多余的内容（每行只能写一个键值对）"
        }
        "string values must be quoted" => "字符串值要加引号",
        "key with no value" => "键后面缺少 = 和值",
        "`_` may only go between digits" => "数字中的 _ 只能写在两个数字之间",
        "carriage return must be followed by newline" => "回车符后面必须是换行符",
        "integers with a radix cannot be signed" | "redundant numeric sign" => "多了正负号",
        "radix must be lowercase" => "进制前缀要小写（0x、0o、0b）",
        "redundant integer number prefix" => "整数前缀多余",
        "too few unicode value digits" => "\\u 或 \\U 后的十六进制位数不够",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键不能是多行字符串"
        }
        "cannot recurse further; max recursion depth met" => "嵌套层数太多",
        _ => return None,
    };
    let expected = expected
        .filter(|e| {
            !e.is_empty()
                && *e != "nothing"
                && !matches!(
                    description,
                    "missing escaped value" | "string values must be quoted"
                )
        })
        .map(|e| {
            let items: Vec<String> = e
                .split(", ")
                .map(|item| {
                    match item {
                        "newline" => "换行",
                        "comment" => "注释",
                        "whitespace" => "空白",
                        "value" => "值",
                        "key" => "键",
                        "digits" | "numbers" => "数字",
                        "letters" => "字母",
                        "characters" => "字符",
                        "printable characters"
                        | "non-double-quote visible characters"
                        | "non-single-quote visible characters"
                        | "non-single-quote characters" => "可见字符",
                        "unicode hexadecimal value" => "Unicode 十六进制值",
                        "basic string" => "字符串",
                        "literal string" => "单引号字符串",
                        "multi-line basic string" => "多行字符串",
                        other => other.trim_matches('`'),
                    }
                    .to_owned()
                })
                .collect();
            match items.as_slice() {
                [one] => format!("；这里应为 {one}"),
                _ => format!("；这里应为以下之一：{}", items.join("　")),
            }
        })
        .unwrap_or_default();
    Some(format!("TOML 语法错误：{zh}{expected}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_syntax_errors_are_chinese() {
        for (text, expected) in [
            ("[rules\nx = 1\n", "表名的方括号没有配对"),
            ("x = \"\\q\"\n", "反斜杠"),
            ("x = [1 2]\n", "TOML 语法错误"),
            ("x = [1, 2 3]\n", "TOML 语法错误"),
            ("x = 1 y = 2\n", "TOML 语法错误"),
            ("x = tru\n", "TOML 语法错误"),
            ("x = 1\nx = 2\n", "TOML 语法错误"),
        ] {
            let e = toml::de::DeTable::parse(text)
                .map(|_| ())
                .err()
                .or_else(|| toml::from_str::<toml::Table>(text).map(|_| ()).err());
            let message = translate(e.expect(text).message());
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(!message.contains("expected"), "{text:?}: {message}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            closest_rule("dupliate-number", &[]),
            Some("duplicate-number")
        );
        assert_eq!(closest_rule("Skipped_Number", &[]), Some("skipped-number"));
        assert_eq!(closest_rule("unfilled", &[]), Some("unfilled-placeholder"));
        assert_eq!(
            closest_rule("leadr-title", &["leader-title"]),
            Some("leader-title")
        );
        // Prefixes shared by several ids and far-off names suggest nothing.
        assert_eq!(closest_rule("enumeration", &[]), None);
        assert_eq!(closest_rule("zzzzzzzz", &[]), None);
        assert!(suggest_rule("zzzzzzzz", &["mine"]).ends_with("；自定义规则：mine"));
    }
}
