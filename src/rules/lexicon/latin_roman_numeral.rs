//! `latin-roman-numeral`: Latin letters used as Roman numerals in Chinese text (地表水V类 → Ⅴ类).

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain latin-roman-numeral`).
pub const DOCS: &str = r#"# latin-roman-numeral：用拉丁字母代替罗马数字

## 检查内容
表示类别、等级、期次的罗马数字要用罗马数字字符（Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ Ⅵ Ⅶ Ⅷ Ⅸ Ⅹ Ⅺ Ⅻ），不用拉丁字母
I、V、X 拼写：`地表水V类` → `地表水Ⅴ类`，`III级` → `Ⅲ级`，`二期II标段` 中的 `II`（后接“标”）同理。

只报告前面不是英文字母（`HIV类` 不报告）、后面紧跟 `类`、`级`、`期`、`型`、`标`、`档` 的 I、V、X 组合，
且必须是 1 到 12 的合法罗马数字写法。修改建议是对应的罗马数字字符，可安全自动替换。

## 为什么
GB/T 15835-2011 第 4.2 条及编校规范：罗马数字是独立的数字符号；用拉丁字母拼写，检索、排序和
字宽都不对，“V类”与字母 V 也无法区分。

## 示例（错误→正确）
- `地表水V类标准` → `地表水Ⅴ类标准`
- `国家级(III级)应急响应` → `国家级(Ⅲ级)应急响应`

## 配置项
本规则只有通用配置项：
```toml
[rules.latin-roman-numeral]
severity = "info"
enabled = true
```
"#;

/// The rule.
pub struct LatinRomanNumeral;

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

impl Rule for LatinRomanNumeral {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "latin-roman-numeral",
        summary: "用拉丁字母代替罗马数字（V类→Ⅴ类、III级→Ⅲ级）",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Lexical,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(LatinRomanNumeral)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let bytes = text.as_bytes();
        let mut next_free = 0usize;
        // I, V and X are rare in Chinese text: memchr finds them at SIMD speed.
        for i in memchr::memchr3_iter(b'I', b'V', b'X', bytes) {
            if i < next_free {
                continue;
            }
            let run = bytes[i..]
                .iter()
                .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
                .count();
            next_free = i + run;
            if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
                continue;
            }
            let after = &text[i + run..];
            if !after.starts_with(['类', '级', '期', '型', '标', '档']) {
                continue;
            }
            let letters = &text[i..i + run];
            let Some(n) = ROMAN.iter().position(|r| *r == letters) else {
                continue;
            };
            let numeral = char::from_u32(0x2160 + n as u32).expect("U+2160..U+216B are chars");
            let span = i..i + run;
            out.push(
                Finding::at(
                    span.clone(),
                    format!("罗马数字用了拉丁字母：“{letters}”应为“{numeral}”"),
                )
                .with_help("改用罗马数字字符（GB/T 15835-2011）")
                .with_fix(span, numeral.to_string(), true),
            );
        }
    }
}
