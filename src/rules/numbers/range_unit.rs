//! `range-unit`: a range whose first number drops a `%` or a 万/亿 that only the second carries
//! (`10～20%` → `10%～20%`, `3～5亿元` → `3亿～5亿元`), GB/T 15835-2011 §5.1.3.

use std::sync::OnceLock;

use crate::diagnostic::{Finding, Severity};
use crate::engine::prefilter::LexicalChars;
use crate::rules::analysis::written_numbers;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain range-unit`).
pub const DOCS: &str = r#"# range-unit：数值范围省略了不该省略的单位

## 检查内容
数值范围的后一个数带 `%`、`‰` 或“万”“亿”（包括“万元”“亿元”“百万”“千万”），前一个数却没有：
- `10～20%` → `10%～20%`；
- `3～5亿元` → `3亿～5亿元`；
- `13至17万元` → `13万至17万元`。

连接号是 `～`、`—`、`-`、`~` 或“至”都检查；起草占位符 `*` 也当作数。修改建议是在前一个数后补上
同样的符号或数级（可安全自动修改）。普通计量单位（`100～150kg`、`3～5年`）按标准可以省略，
不报告。

连接号本身也不规范时（`10-20%`），`range-separator` 同时启用的情况下两处问题合并为本规则的一条
报告，修改建议一次改好：`10-20%` → `10%～20%`、`3-5亿元` → `3亿～5亿元`、`10~20%` → `10%～20%`
（连接号按 `range-separator` 的配置）；`range-separator` 不再对这个范围单独报告。只启用本规则时
只补单位（`10%-20%`）。

## 为什么
GB/T 15835-2011 第 5.1.3 条：前后两个数值的附加符号或计量单位相同时，在不造成歧义的情况下，
前一个数值的附加符号或计量单位可省略；省略会造成歧义的不应省略。标准的例子：
`15%～30%`（不写为 `15～30%`），`9亿～16亿`（不写为 `9～16亿`），`13万元～17万元`（不应写为
`13～17万元`）——“13～17万元”可以读成“13元到17万元”。

## 示例（错误→正确）
- `增长10～20%` → `增长10%～20%`
- `投资3～5亿元` → `投资3亿～5亿元`

## 配置项
本规则只有通用配置项：
```toml
[rules.range-unit]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct RangeUnit;

/// `至` as a word term: its positions come from the word-start prefilter.
fn zhi_chars() -> &'static LexicalChars {
    static CHARS: OnceLock<LexicalChars> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut chars = LexicalChars::default();
        for c in ('0'..='9').chain('０'..='９').chain(['*', '＊']) {
            chars.add_term(&format!("至{c}"));
        }
        chars
    })
}

/// The unit that must be repeated, if `rest` starts with one.
fn repeated_unit(rest: &str) -> Option<&'static str> {
    ["%", "％", "‰", "百万", "千万", "万", "亿"]
        .into_iter()
        .find(|u| rest.starts_with(u))
}

impl Rule for RangeUnit {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "range-unit",
        summary: "数值范围省略了前一个数的 %、万、亿（10～20% → 10%～20%）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Number,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(RangeUnit)
    }

    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Some(zhi_chars())
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let starts = &*cx.word_starts_for(zhi_chars());
        for r in written_numbers::ranges_with_zhi(doc, starts) {
            let Some(unit) = repeated_unit(&text[r.to.span.end..]) else {
                continue;
            };
            // The first number already carries a unit or symbol of its own (`10%～20%`,
            // `3亿～5亿`, `5万～10亿`).
            if r.from.span.end != r.sep_span.start {
                continue;
            }
            let span = r.from.span.start..r.to.span.end + unit.len();
            let written = &text[span.clone()];
            let fixed = format!(
                "{}{unit}{}",
                &text[r.from.span.clone()],
                &text[r.from.span.end..span.end]
            );
            out.push(
                Finding::at(span,
                    format!("数值范围的前一个数省略了“{unit}”：“{written}”→“{fixed}”"),
                )
                .with_help("%、万、亿等不能只写在后一个数上，否则会产生歧义（GB/T 15835-2011 第 5.1.3 条）")
                .with_fix(r.from.span.end..r.from.span.end, unit, true),
            );
        }
    }
}

/// Merges `range-separator`'s finding on the same range into a `range-unit` finding (`10-20%`):
/// one finding whose fix adds the unit and replaces the connector (`10%～20%`), instead of two
/// whose suggestions contradict each other (`10～20` and `10%-20%`). Returns whether it merged
/// (the separator's fix must replace the connector right where the unit is inserted).
pub fn absorb_separator(text: &str, unit: &mut Finding, separator: &Finding) -> bool {
    let (Some(add), Some(sep)) = (unit.fix.as_ref(), separator.fix.as_ref()) else {
        return false;
    };
    if unit.rule != RangeUnit::META.id
        || !add.span.is_empty()
        || sep.span.start != add.span.start
        || sep.span.end > unit.span.end
    {
        return false;
    }
    let at = add.span.start;
    let written = &text[unit.span.clone()];
    let fixed = format!(
        "{}{}{}{}",
        &text[unit.span.start..at],
        add.replacement,
        sep.replacement,
        &text[sep.span.end..unit.span.end]
    );
    // A connector the standards allow (`5—6%`) is a house-style matter for range-separator.
    let should = if separator.severity == crate::diagnostic::Severity::Info {
        "宜"
    } else {
        "也应"
    };
    unit.message = format!(
        "数值范围的前一个数省略了“{}”，连接号“{}”{should}改为“{}”：“{written}”→“{fixed}”",
        add.replacement,
        &text[sep.span.clone()],
        sep.replacement
    );
    if let Some(help) = &separator.help {
        unit.help = Some(match unit.help.take() {
            Some(own) => format!("{own}；{help}"),
            None => help.clone(),
        });
    }
    unit.severity = unit.severity.max(separator.severity);
    unit.fix = Some(crate::diagnostic::Edit {
        span: at..sep.span.end,
        replacement: format!("{}{}", add.replacement, sep.replacement),
        safe: add.safe && sep.safe,
    });
    true
}
