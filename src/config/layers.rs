//! Option layers: each file parsed into per-rule tables that are laid over the embedded default key by key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Severity;

use super::*;

pub(super) struct Source<'a> {
    pub(super) path: String,
    pub(super) text: &'a str,
}

impl Source<'_> {
    pub(super) fn error(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            path: self.path.clone(),
            text: self.text.to_owned(),
            span,
            message: message.into(),
            help,
        }
    }

    pub(super) fn toml_error(
        &self,
        e: &toml::de::Error,
        fallback: Option<Range<usize>>,
    ) -> ConfigError {
        let span = e.span().or(fallback);
        self.error(span, translate(e.message()), None)
    }
}

/// One rule's table in one file.
pub(super) struct RuleTable<'a> {
    pub(super) key_span: Range<usize>,
    pub(super) span: Range<usize>,
    pub(super) severity: Option<Severity>,
    pub(super) enabled: Option<bool>,
    pub(super) rest: DeTable<'a>,
}

pub(super) struct Layer<'a> {
    pub(super) check: Option<Spanned<DeValue<'a>>>,
    pub(super) rules: HashMap<String, RuleTable<'a>>,
    /// `[[rule]]` tables: the user's own rules.
    pub(super) custom: Vec<Spanned<DeValue<'a>>>,
    /// `[[ignore]]` tables.
    pub(super) ignore: Vec<Spanned<DeValue<'a>>>,
}

pub(super) fn parse_layer<'a>(src: &Source<'a>) -> Result<Layer<'a>, ConfigError> {
    let root = DeTable::parse(src.text).map_err(|e| src.toml_error(&e, None))?;
    let mut layer = Layer {
        check: None,
        rules: HashMap::new(),
        custom: Vec::new(),
        ignore: Vec::new(),
    };
    for (key, value) in root.into_inner() {
        match key.get_ref().as_ref() {
            "check" => {
                if !value.get_ref().is_table() {
                    return Err(src.error(Some(value.span()), "“check”必须是表（[check]）", None));
                }
                layer.check = Some(value);
            }
            "rules" => {
                let span = value.span();
                let DeValue::Table(table) = value.into_inner() else {
                    return Err(src.error(
                        Some(span),
                        "“rules”必须是表（[rules.<规则>]）",
                        Some(
                            "自己的规则写成 [[rule]]（单数），调整已有规则写 [rules.<规则>]"
                                .to_owned(),
                        ),
                    ));
                };
                for (rule_key, rule_value) in table {
                    let id = rule_key.get_ref().to_string();
                    // Whether the id names a rule is checked once the user's own rules are known.
                    let table = rule_table(src, rule_key.span(), rule_value)?;
                    layer.rules.insert(id, table);
                }
            }
            "rule" => {
                let span = value.span();
                let DeValue::Array(items) = value.into_inner() else {
                    return Err(src.error(
                        Some(span),
                        "自定义规则写成 [[rule]] 表（可以写多个）",
                        None,
                    ));
                };
                layer.custom.extend(items);
            }
            "ignore" => {
                let span = value.span();
                let DeValue::Array(items) = value.into_inner() else {
                    return Err(src.error(
                        Some(span),
                        "忽略规则写成 [[ignore]] 表：path = \"附件/**\"，rules = [\"规则\"]",
                        None,
                    ));
                };
                layer.ignore.extend(items);
            }
            // Resolved when the files are read (`gather`).
            "include" => {}
            other => {
                return Err(src.error(
                    Some(key.span()),
                    format!("未知配置项“{other}”"),
                    Some(
                        "顶层只能有 include、[check]、[rules.<规则>]、[[rule]]（自定义规则）和 [[ignore]]"
                            .to_owned(),
                    ),
                ));
            }
        }
    }
    Ok(layer)
}

pub(super) fn rule_table<'a>(
    src: &Source<'a>,
    key_span: Range<usize>,
    value: Spanned<DeValue<'a>>,
) -> Result<RuleTable<'a>, ConfigError> {
    let span = value.span();
    let DeValue::Table(table) = value.into_inner() else {
        return Err(src.error(
            Some(span),
            "规则配置必须是表，例如 [rules.duplicate-number]",
            Some("写法：[rules.<规则>] 之下写 severity = \"warning\" 等".to_owned()),
        ));
    };
    let mut out = RuleTable {
        key_span,
        span: span.clone(),
        severity: None,
        enabled: None,
        rest: DeTable::new(),
    };
    for (key, v) in table {
        match key.get_ref().as_ref() {
            "severity" => {
                let s = match v.get_ref() {
                    DeValue::String(s) => s.clone(),
                    _ => Cow::Borrowed(""),
                };
                out.severity = Some(match s.as_ref() {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    "info" => Severity::Info,
                    _ => {
                        return Err(src.error(
                            Some(v.span()),
                            "severity 的取值无效",
                            Some("可选值：\"error\"、\"warning\"、\"info\"；要关闭规则请写 enabled = false".to_owned()),
                        ));
                    }
                });
            }
            "enabled" => match v.get_ref() {
                DeValue::Boolean(b) => out.enabled = Some(*b),
                _ => return Err(src.error(Some(v.span()), "enabled 必须是 true 或 false", None)),
            },
            // List files, read with the configuration (`gather`).
            "include" => {}
            _ => {
                out.rest.insert(key, v);
            }
        }
    }
    Ok(out)
}
