//! `range-separator`: the connector between the two numbers of a range — `～` for a range of
//! values, `—` for the start and end of a period (GB/T 15834-2011 §4.13, GB/T 15835-2011 §5.1.3).

use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::written_numbers::{self, NumericRange};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain range-separator`).
pub const DOCS: &str = r#"# range-separator：数值范围的连接号不规范

## 检查内容
两个数之间表示范围的连接号：
- 数值范围用浪纹线 `～`：`3～5年`、`10%～20%`；
- 时间（年份）起止用一字线 `—`：`2021—2025年`；
- 英文连字符 `-`、波浪号 `~`、全角连字符 `－`、日文波浪线 `〜`、短横 `–` 都不是中文连接号，
  报告为警告，建议改成上面两种之一；
- 标准允许的另一种写法（数值范围用一字线 `*—*年`，时间起止用浪纹线 `2021～2025年`）只作提示，
  可用 `value-range`、`time-range` 调整本单位的习惯。

两个数都是四位的年份（1000—2100）、前一个是四位年份而后一个是紧跟“年”的两位数（`2021—22年度`），
或后一个数紧跟“月、日、号、时、点”（`1—2月`、`5—10日`）时按时间起止处理；其余（包括 `3～5年`、`1～2个月` 这类时长）按数值范围处理；起草占位符 `*` 也当作数。
不报告：标准编号（`GB/T 9704-2012`）、型号（`COVID-19`）、电话号码（`0571-88888888`）、
连续的 `2021-01-05` 式日期（由 `date-format` 检查）、破折号 `——`。前一个数省略了 `%`、万、亿的范围
（`10-20%`、`3-5亿元`）在 `range-unit` 也启用时由 `range-unit` 合并报告，修改建议同时补单位、换连接号。

## 为什么
GB/T 15834-2011 第 4.13.3 条：标示数值范围用浪纹式连接号“～”，标示时间、地域的起止用一字线
“—”；GB/T 15835-2011 第 5.1.3 条的数值范围示例都用“～”。英文连字符在中文排版中过短，
容易误读为减号。

## 示例（错误→正确）
- `用*—*年的时间`（提示）→ `用*～*年的时间`
- `增长10-20%`：同时启用 `range-unit` 时由它报告一条、一次改为 `增长10%～20%`；只启用本规则时
  → `增长10～20%`
- `2021-2025年` → `2021—2025年`

## 配置项
```toml
[rules.range-separator]
severity = "warning"
# 数值范围：tilde 要求“～”（一字线只作提示）；dash 要求“—”；any 两者都可以
value-range = "tilde"
# 时间起止（年份、月、日）：dash 要求“—”（浪纹线只作提示）；tilde 要求“～”；any 两者都可以
time-range = "dash"
```
"#;

/// Which connector a house style wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// `～`.
    Tilde,
    /// `—`.
    Dash,
    /// Either.
    Any,
}

/// Options.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Connector for ranges of values.
    pub value_range: Style,
    /// Connector for spans of time (years, months, days).
    pub time_range: Style,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            value_range: Style::Tilde,
            time_range: Style::Dash,
        }
    }
}

/// The rule.
pub struct RangeSeparator {
    value_range: Style,
    time_range: Style,
}

/// Whether the range is the start and end of a period: years (`2021—2025`), months or days
/// (`1—2月`, `5—10日`), clock hours (`9—17时`). A count of time units (`3～5年`, `1～2个月`) is
/// a range of values.
pub fn is_time_span(text: &str, r: &NumericRange) -> bool {
    let year = |n: &written_numbers::Number| {
        n.chars(text) == 4 && n.integer(text).is_some_and(|v| (1000..=2100).contains(&v))
    };
    if year(&r.from) && year(&r.to) {
        return true;
    }
    // `2021-22年度`: a year span with the second year shortened to two digits.
    if year(&r.from) && r.to.chars(text) == 2 && text[r.to.span.end..].starts_with('年') {
        return true;
    }
    !r.from.placeholder
        && !r.to.placeholder
        && text[r.to.span.end..].starts_with(['月', '日', '号', '时', '点'])
}

/// Whether an ASCII-style hyphen between the numbers is part of something else: a standard
/// number (`GB/T 9704-2012`), a model or code (`COVID-19` has no number before), a telephone
/// number, a date `2021-01-05`, a chain `1-2-3`.
fn is_code(text: &str, r: &NumericRange) -> bool {
    let before = text[..r.from.span.start]
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>();
    let after = text[r.to.span.end..].chars().next();
    let code_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | ':' | '_' | '#');
    if before.first().is_some_and(|&c| code_char(c))
        || (before.first() == Some(&' ') && before.get(1).is_some_and(|&c| code_char(c)))
    {
        return true;
    }
    if after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_')) {
        return true;
    }
    let from = &text[r.from.span.clone()];
    let digits = |n: &written_numbers::Number| n.chars(text);
    (from.starts_with('0') && digits(&r.from) >= 3) || digits(&r.to) >= 7
}

impl Rule for RangeSeparator {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "range-separator",
        summary: "数值范围、时间起止的连接号不规范（10-20、2021~2025、*—*年）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Number,
        fixable: true,
    };

    fn new(o: Options) -> Result<Self, String> {
        Ok(RangeSeparator {
            value_range: o.value_range,
            time_range: o.time_range,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        for r in doc.numeric_ranges() {
            let time = is_time_span(text, r);
            let style = if time {
                self.time_range
            } else {
                self.value_range
            };
            let what = if time { "时间起止" } else { "数值范围" };
            let standard = matches!(r.sep, '～' | '—');
            if !standard && is_code(text, r) {
                continue;
            }
            // In English text (`1954–2025`) an en dash is right: only ranges in Chinese text.
            let before = text[..r.from.span.start].chars().next_back();
            let after = text[r.to.span.end..].chars().next();
            if !crate::document::marks::is_chinese(before)
                && !crate::document::marks::is_chinese(after)
            {
                continue;
            }
            let wanted = match (style, time) {
                (Style::Tilde, _) | (Style::Any, false) => '～',
                (Style::Dash, _) | (Style::Any, true) => '—',
            };
            if r.sep == wanted || (standard && style == Style::Any) {
                continue;
            }
            let span = r.from.span.start..r.to.span.end;
            let written = &text[span.clone()];
            let fixed = format!(
                "{}{wanted}{}",
                &text[r.from.span.start..r.sep_span.start],
                &text[r.sep_span.end..r.to.span.end]
            );
            let mut finding = if standard {
                // The other connector the standards allow: a house-style matter.
                Finding::at(span.clone(),
                    format!("{what}宜用“{wanted}”：“{written}”→“{fixed}”"),
                )
                .with_help(
                    "GB/T 15834-2011 第 4.13.3 条：数值范围用浪纹线“～”，时间起止用一字线“—”；两种写法标准都收，全文统一即可",
                )
                .at_most(Severity::Info)
            } else {
                Finding::at(span.clone(),
                    format!(
                        "{what}的连接号“{}”不规范：“{written}”→“{fixed}”",
                        r.sep
                    ),
                )
                .with_help("中文里数值范围用浪纹线“～”，时间起止用一字线“—”（GB/T 15834-2011 第 4.13.3 条）")
            };
            finding = finding.with_fix(r.sep_span.clone(), wanted.to_string(), standard);
            out.push(finding);
        }
    }
}
