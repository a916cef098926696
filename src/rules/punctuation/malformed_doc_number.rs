//! `malformed-doc-number`: a 发文字号 whose year is not in 六角括号 `〔〕`, or with 第 or a leading zero.

use crate::diagnostic::{Finding, Severity};
use crate::document::marks::is_han;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain malformed-doc-number`).
pub const DOCS: &str = r#"# malformed-doc-number：发文字号写法不规范

## 检查内容
发文字号由机关代字、年份和发文顺序号组成，写作 `国办发〔2021〕1号`：
- 年份用六角括号 `〔〕`，不用 `[]`、`【】`、`［］`、`（）`、`()`；
- 年份写全四位；
- 顺序号不编虚位（不写 `01`、`001`），不加“第”字。

本规则查找“汉字 + 括号 + 四位年份 + 括号 + 顺序号 + 号”的写法，修改建议是规范写法，可安全自动替换。

## 为什么
GB/T 9704-2012 第 7.2.5 条：发文字号由发文机关代字、年份、发文顺序号组成；年份、发文顺序号用
阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位
（即 1 不编为 01）。

## 示例（错误→正确）
- `国办发[2021]1号` → `国办发〔2021〕1号`
- `京政发【2020】12号` → `京政发〔2020〕12号`
- `国办函〔2019〕第05号` → `国办函〔2019〕5号`

## 配置项
本规则只有通用配置项：
```toml
[rules.malformed-doc-number]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct MalformedDocNumber;

fn closing(open: char) -> Option<char> {
    Some(match open {
        '〔' => '〕',
        '[' => ']',
        '【' => '】',
        '［' => '］',
        '（' => '）',
        '(' => ')',
        _ => return None,
    })
}

impl Rule for MalformedDocNumber {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "malformed-doc-number",
        summary: "发文字号写法不规范（[2021]、【2021】、第01号 → 〔2021〕1号）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(MalformedDocNumber)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        for m in doc.marks() {
            let Some(close) = closing(m.ch) else { continue };
            // 机关代字 before the bracket.
            if !doc.char_before(m.pos).is_some_and(is_han) {
                continue;
            }
            let rest = &text[m.end()..];
            let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
            if year_len != 4 || !(rest.starts_with("19") || rest.starts_with("20")) {
                continue;
            }
            let after_year = &rest[4..];
            let Some(after_close) = after_year.strip_prefix(close) else {
                continue;
            };
            let (di, serial_text) = match after_close.strip_prefix('第') {
                Some(s) => (true, s),
                None => (false, after_close),
            };
            let digits = serial_text.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || !serial_text[digits..].starts_with('号') {
                continue;
            }
            let serial = &serial_text[..digits];
            let trimmed = serial.trim_start_matches('0');
            let leading_zero = trimmed.len() < serial.len() && !trimmed.is_empty();
            if m.ch == '〔' && !di && !leading_zero {
                continue;
            }
            let end = text.len() - serial_text.len() + digits + '号'.len_utf8();
            let span = m.pos..end;
            let year = &rest[..4];
            let replacement = format!(
                "〔{year}〕{}号",
                if trimmed.is_empty() { serial } else { trimmed }
            );
            let mut problems = Vec::new();
            if m.ch != '〔' {
                problems.push(format!("年份应用六角括号“〔〕”，不用“{}{close}”", m.ch));
            }
            if di {
                problems.push("顺序号前不加“第”".to_owned());
            }
            if leading_zero {
                problems.push("顺序号不编虚位".to_owned());
            }
            out.push(
                Finding::at(
                    span.clone(),
                    format!("发文字号写法不规范：{}", problems.join("；")),
                )
                .with_help("按 GB/T 9704-2012 第 7.2.5 条写作“机关代字〔年份〕序号号”")
                .with_fix(span, replacement, true),
            );
        }
    }
}
