//! `stacked-approximation`: two words for "about" on one number (`约5000人左右`, `近300多家`).

use std::sync::OnceLock;

use crate::diagnostic::{Finding, Severity};
use crate::engine::prefilter::LexicalChars;
use crate::rules::analysis::written_numbers::{is_chinese_numeral, number_after};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain stacked-approximation`).
pub const DOCS: &str = r#"# stacked-approximation：概数叠用

## 检查内容
一个数前后同时用了两个表示约数的词：
- `约`、`大约`、`约为`、`约有` 与 `左右`、`上下`、`以上`、`多`、`余` 同用：`约5000人左右`、`约3成以上`；
- `近`、`将近`、`接近` 与 `多`、`余`、`以上`、`左右` 同用：`近300多家`、`近千余人`。

数可以是阿拉伯数字（含小数、`%`、起草占位符 `*`）或汉字数字（三成、百余）；数和后一个词之间
最多隔几个字的量词或单位（`约20亿元左右`）。修改建议需人工选择：删去前一个词或后一个词。
“约定”“近期”“接近于”等不跟数的用法不检查。

## 为什么
“约”“近”“左右”“多”都表示约数，叠用语义重复；“近”（不到）与“多”（超过）还互相矛盾。
公文审校把“概数不叠用”列为常见数字错误（参见 GB/T 15835-2011 第 4.2.2 条关于概数的说明）。

## 示例（错误→正确）
- `约5000人左右` → `约5000人` 或 `5000人左右`
- `近300多家企业` → `近300家企业` 或 `300多家企业`

## 配置项
本规则只有通用配置项：
```toml
[rules.stacked-approximation]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct StackedApproximation;

const NUMBER_STARTS: &str = "0123456789０１２３４５６７８９*＊一二三四五六七八九十百千万两几";

/// `约`/`近` (and `大约`, `将近`, `接近`) followed by a number: candidates from the shared
/// word-start prefilter.
fn chars() -> &'static LexicalChars {
    static CHARS: OnceLock<LexicalChars> = OnceLock::new();
    CHARS.get_or_init(|| {
        let mut chars = LexicalChars::default();
        for first in ['约', '近'] {
            for c in NUMBER_STARTS.chars().chain(['为', '有']) {
                chars.add_term(&format!("{first}{c}"));
            }
        }
        chars
    })
}

/// Units and measure words that may stand between the number and the trailing word.
fn is_unit_char(c: char) -> bool {
    c == '%'
        || c == '％'
        || c == '‰'
        || (crate::document::marks::is_han(c)
            && !matches!(
                c,
                '左' | '上'
                    | '以'
                    | '多'
                    | '余'
                    | '的'
                    | '和'
                    | '与'
                    | '及'
                    | '或'
                    | '是'
                    | '在'
                    | '为'
                    | '将'
                    | '比'
                    | '较'
            ))
}

impl Rule for StackedApproximation {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "stacked-approximation",
        summary: "概数叠用（约…左右、近…多）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Number,
        fixable: false,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(StackedApproximation)
    }

    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Some(chars())
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let starts = &*cx.word_starts_for(chars());
        let mut next_free = 0;
        for &p in starts {
            if p < next_free {
                continue;
            }
            let rest = &text[p..];
            let near = if rest.starts_with('约') {
                false
            } else if rest.starts_with('近') {
                true
            } else {
                continue;
            };
            // The word before: 大约, 将近, 接近 widen the span; 节约/签约/最近/附近 are other words.
            let before = text[..p].chars().next_back();
            if !near
                && matches!(
                    before,
                    Some(
                        '节' | '签'
                            | '制'
                            | '契'
                            | '合'
                            | '公'
                            | '违'
                            | '履'
                            | '特'
                            | '相'
                            | '预'
                            | '邀'
                            | '誓'
                            | '婚'
                    )
                )
            {
                continue;
            }
            if near
                && matches!(
                    before,
                    Some(
                        '最' | '附' | '邻' | '亲' | '贴' | '就' | '靠' | '新' | '远' | '临' | '晚'
                    )
                )
            {
                continue;
            }
            let start = match before {
                Some('大') if !near => p - '大'.len_utf8(),
                Some('将' | '接') if near => p - 3,
                _ => p,
            };
            let mut i = p + 3;
            // 约为、约有 3000 人
            if text[i..].starts_with(['为', '有']) {
                i += 3;
            }
            // The number: Arabic digits (or a placeholder), or Chinese numerals.
            let number_end = match number_after(text, i) {
                Some(n) => n.span.end,
                None => {
                    let len: usize = text[i..]
                        .chars()
                        .take_while(|&c| is_chinese_numeral(c))
                        .map(char::len_utf8)
                        .sum();
                    if len == 0 {
                        continue;
                    }
                    // 近一步 / 近几年来 / 约一半: 一 alone before a non-measure is not an amount.
                    i + len
                }
            };
            // 多/余 right after the number (近300多家, 近千余人), else after up to four
            // characters of unit (约20亿元左右).
            let mut j = number_end;
            let mut found = None;
            for _ in 0..=4 {
                let tail = &text[j..];
                let word = if near {
                    ["多", "余", "以上", "左右"]
                        .into_iter()
                        .find(|w| tail.starts_with(w))
                } else {
                    ["左右", "上下", "以上", "多", "余"]
                        .into_iter()
                        .find(|w| tail.starts_with(w))
                };
                if let Some(w) = word {
                    // 多 and 余 count only right after the number or a measure word (300多家,
                    // 3年多): not 约3成多数 … keep it simple: after at most one unit character.
                    if matches!(w, "多" | "余") && j - number_end > 3 {
                        break;
                    }
                    found = Some((j, w));
                    break;
                }
                match tail.chars().next() {
                    Some(c) if is_unit_char(c) => j += c.len_utf8(),
                    _ => break,
                }
            }
            let Some((at, word)) = found else {
                continue;
            };
            let end = at + word.len();
            let span = start..end;
            let written = &text[span.clone()];
            let head = &text[start..i];
            let head = head.trim_end_matches(['为', '有']);
            out.push(
                Finding::at(
                    span.clone(),
                    format!("概数叠用：“{written}”中“{head}”与“{word}”重复，删去其一"),
                )
                .with_help(format!(
                    "改为“{}”或“{}”",
                    &text[start..at],
                    &text[i..end]
                )),
            );
            next_free = end;
        }
    }
}
