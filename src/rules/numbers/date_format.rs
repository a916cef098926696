//! `date-format`: dates written against GB/T 9704 / GB/T 15835 — leading zeros in
//! `2021年01月05日`, shortened years `21年3月`, and one document mixing date styles
//! (`2021年1月5日` and `2021-01-05` and `2021.1.5`).

use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::{Finding, Severity};
use crate::engine::prefilter::LexicalChars;
use crate::rules::analysis::written_numbers::{digits_at, digits_value, is_digit, number_before};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain date-format`).
pub const DOCS: &str = r#"# date-format：日期写法不规范或不统一

## 检查内容
- 月、日加了前导零：`2021年01月05日` → `2021年1月5日`（可安全自动修改）；
- 年份简写：`21年3月` → 写全四位年份（世纪无法推断，只提示不改）；
- 一篇文件混用几种日期写法（`2021年1月5日`、`2021-01-05`、`2021.1.5`、`2021/1/5`）：
  以全文用得最多的写法为准（至少两处，且多于其他写法），报告其余写法，并指向一处该写法。
  后面跟着时刻的 `2026-02-03 09:02:33` 是网页、系统生成的时间戳，不算。
  这一项只作提示：表格、附件中的 `2021-01-05` 式可能是有意的。

只检查写全年月日或年月的日期；`2021.1` 这类年月简写、标准号、版本号不检查。

## 为什么
GB/T 9704-2012 第 7.3.5.4 条：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编
虚位（即 1 不编为 01）。GB/T 15835-2011 第 4.3 条：同类别的数字形式应一致；第 5.2.2 条：年份
不能简写。

## 示例（错误→正确）
- `2021年01月05日` → `2021年1月5日`
- `21年3月起施行` → `2021年3月起施行`

## 配置项
本规则只有通用配置项：
```toml
[rules.date-format]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct DateFormat;

/// `年` followed by a digit: candidates from the word-start prefilter.
fn year_chars() -> &'static LexicalChars {
    static CHARS: OnceLock<LexicalChars> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut chars = LexicalChars::default();
        for c in ('0'..='9').chain('０'..='９') {
            chars.add_term(&format!("年{c}"));
        }
        chars
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Chinese,
    Iso,
    Dotted,
    Slashed,
}

impl Style {
    fn example(self) -> &'static str {
        match self {
            Style::Chinese => "2021年1月5日",
            Style::Iso => "2021-01-05",
            Style::Dotted => "2021.1.5",
            Style::Slashed => "2021/1/5",
        }
    }
}

struct Date {
    span: Range<usize>,
    style: Style,
}

fn value(text: &str, r: &Range<usize>) -> u64 {
    digits_value(&text[r.clone()])
}

fn is_year(text: &str, r: &Range<usize>) -> bool {
    let s = &text[r.clone()];
    // A number before a separator may have a decimal point (`1.00-`): not a year.
    s.chars().count() == 4 && s.chars().all(is_digit) && (1900..=2100).contains(&value(text, r))
}

impl Rule for DateFormat {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "date-format",
        summary: "日期写法不规范或不统一（2021年01月05日、21年3月、年月日式与 2021-01-05 混用）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Number,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(DateFormat)
    }

    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Some(year_chars())
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let starts = &*cx.word_starts_for(year_chars());
        let mut dates: Vec<Date> = Vec::new();
        // 2021年1月5日, 2021年01月, 21年3月.
        for &p in starts {
            if !text[p..].starts_with('年') {
                continue;
            }
            let Some(year) = number_before(text, p) else {
                continue;
            };
            if year.placeholder {
                continue;
            }
            let month = digits_at(text, p + '年'.len_utf8());
            if month.is_empty() || !text[month.end..].starts_with('月') {
                continue;
            }
            let m = value(text, &month);
            if !(1..=12).contains(&m) || text[month.clone()].chars().count() > 2 {
                continue;
            }
            let after_month = month.end + '月'.len_utf8();
            let day = digits_at(text, after_month);
            let day = (!day.is_empty()
                && text[day.end..].starts_with('日')
                && (1..=31).contains(&value(text, &day)))
            .then_some(day);
            let end = day
                .as_ref()
                .map_or(after_month, |d| d.end + '日'.len_utf8());
            let span = year.span.start..end;
            let year_len = year.chars(text);
            if year_len == 2 {
                out.push(
                    Finding::at(
                        year.span.clone(),
                        format!("年份简写：“{}”应写全四位年份", &text[span.clone()]),
                    )
                    .with_help(
                        "年份不能简写（GB/T 15835-2011 第 5.2.2 条；GB/T 9704-2012 第 7.3.5.4 条）",
                    ),
                );
                continue;
            }
            if !is_year(text, &year.span) {
                continue;
            }
            let zero = |r: &Range<usize>| {
                text[r.clone()].chars().count() == 2 && text[r.clone()].starts_with(['0', '０'])
            };
            if zero(&month) || day.as_ref().is_some_and(zero) {
                let strip = |r: &Range<usize>| {
                    let s = &text[r.clone()];
                    if zero(r) {
                        s.chars().skip(1).collect::<String>()
                    } else {
                        s.to_owned()
                    }
                };
                let fixed = format!(
                    "{}年{}月{}",
                    &text[year.span.clone()],
                    strip(&month),
                    day.as_ref()
                        .map(|d| format!("{}日", strip(d)))
                        .unwrap_or_default()
                );
                out.push(
                    Finding::at(
                        span.clone(),
                        format!(
                            "日期中的月、日不加前导零：“{}”→“{fixed}”",
                            &text[span.clone()]
                        ),
                    )
                    .with_help("月、日不编虚位，1 不编为 01（GB/T 9704-2012 第 7.3.5.4 条）")
                    .with_fix(span.clone(), fixed, true),
                );
            }
            if day.is_some() {
                dates.push(Date {
                    span,
                    style: Style::Chinese,
                });
            }
        }
        // 2021-01-05, 2021.1.5, 2021/1/5: the first separator is a mark.
        for m in doc.number_marks() {
            let style = match m.ch {
                '-' => Style::Iso,
                '.' | '．' => Style::Dotted,
                '/' => Style::Slashed,
                _ => continue,
            };
            let Some(year) = number_before(text, m.pos) else {
                continue;
            };
            if year.placeholder || !is_year(text, &year.span) {
                continue;
            }
            // Not inside a longer code (`GB/T 9704-2012`, `v2021.1.5`).
            if text[..year.span.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_'))
            {
                continue;
            }
            let month = digits_at(text, m.end());
            if month.is_empty()
                || text[month.clone()].chars().count() > 2
                || !(1..=12).contains(&value(text, &month))
            {
                continue;
            }
            if !text[month.end..].starts_with(m.ch) {
                continue;
            }
            let day = digits_at(text, month.end + m.ch.len_utf8());
            if day.is_empty()
                || text[day.clone()].chars().count() > 2
                || !(1..=31).contains(&value(text, &day))
            {
                continue;
            }
            if text[day.end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == m.ch)
            {
                continue;
            }
            // A timestamp (`2026-02-03 09:02:33`) is metadata, not a date of the text.
            let rest = text[day.end..].trim_start_matches([' ', '\u{3000}', 'T']);
            if rest.len() >= 3
                && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                && rest.as_bytes()[2] == b':'
            {
                continue;
            }
            dates.push(Date {
                span: year.span.start..day.end,
                style,
            });
        }
        if dates.len() < 2 {
            return;
        }
        dates.sort_by_key(|d| d.span.start);
        let styles = [Style::Chinese, Style::Iso, Style::Dotted, Style::Slashed];
        let count = |s: Style| dates.iter().filter(|d| d.style == s).count();
        let used = styles.iter().filter(|&&s| count(s) > 0).count();
        if used < 2 {
            return;
        }
        // The majority style; a tie goes to the 年月日 form of GB/T 9704.
        let main = styles
            .iter()
            .copied()
            .max_by_key(|&s| (count(s), s == Style::Chinese))
            .unwrap_or(Style::Chinese);
        // Only a clear house style makes the others inconsistent: at least two dates in it and
        // more than in any other.
        if count(main) < 2 || styles.iter().any(|&s| s != main && count(s) >= count(main)) {
            return;
        }
        let Some(first_main) = dates
            .iter()
            .find(|d| d.style == main)
            .map(|d| d.span.clone())
        else {
            return;
        };
        for d in dates.iter().filter(|d| d.style != main) {
            out.push(
                Finding::at(d.span.clone(),
                    format!(
                        "日期写法与全文不一致：“{}”，全文多用“{}”式（{} 处）",
                        &text[d.span.clone()],
                        main.example(),
                        count(main)
                    ),
                )
                .with_related(first_main.clone(), "全文通用的写法")
                .with_help("同类别的数字形式应一致（GB/T 15835-2011 第 4.3 条）；正文日期用“2021年1月5日”式")
                .at_most(Severity::Info),
            );
        }
    }
}
