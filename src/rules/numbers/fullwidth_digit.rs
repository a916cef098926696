//! `fullwidth-digit`: full-width digits (１９９８) in Chinese text, where GB/T 15835 wants
//! half-width Arabic digits.

use crate::diagnostic::{Finding, Severity};
use crate::engine::prefilter::LexicalChars;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain fullwidth-digit`).
pub const DOCS: &str = r#"# fullwidth-digit：全角数字

## 检查内容
阿拉伯数字用半角形式：`１９９８年` → `1998年`，`８．５` → `8.5`，`１３，９８０` → `13,980`。
一个数（连同其中的全角小数点、千分位逗号）报告一次，修改建议是对应的半角写法，可安全自动替换。
一篇文件中超过 20 处时（整篇用全角数字录入的旧文本），只在第一处报告一条汇总，说明共有几处。

段首层次序号中的全角数字（`（１）`、`１．`）由 `malformed-marker` 报告，这里不重复。

## 为什么
GB/T 15835-2011 第 4.1.2 条等：阿拉伯数字使用半角形式。全角数字宽度不一、无法被检索和计算，
多来自旧排版系统或输入法误设。

## 示例（错误→正确）
- `本届政府１９９８年３月就职` → `本届政府1998年3月就职`

## 配置项
本规则只有通用配置项：
```toml
[rules.fullwidth-digit]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct FullwidthDigit;

fn digit_chars() -> &'static LexicalChars {
    static CHARS: std::sync::OnceLock<LexicalChars> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        let mut chars = LexicalChars::default();
        for c in '０'..='９' {
            chars.add_term(&c.to_string());
        }
        chars
    })
}

impl Rule for FullwidthDigit {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "fullwidth-digit",
        summary: "全角数字（１９９８→1998）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Number,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(FullwidthDigit)
    }

    fn word_start_chars(&self) -> Option<&LexicalChars> {
        Some(digit_chars())
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let candidates = &*cx.word_starts_for(digit_chars());
        let mut found: Vec<std::ops::Range<usize>> = Vec::new();
        let mut next_free = 0usize;
        for &start in candidates {
            if start < next_free || !text[start..].starts_with(|c| ('０'..='９').contains(&c)) {
                continue;
            }
            // The whole number: digits, and a full-width decimal point or thousands separator
            // between digits (`１３，９８０，０００`, `５．６３`).
            let mut len = 0usize;
            let mut chars = text[start..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let digit = ('０'..='９').contains(&c);
                let separator = matches!(c, '．' | '，')
                    && chars
                        .peek()
                        .is_some_and(|&(_, n)| ('０'..='９').contains(&n));
                if !(digit || separator) {
                    break;
                }
                len = i + c.len_utf8();
            }
            let span = start..start + len;
            next_free = span.end;
            let p = &doc.paragraphs[doc.paragraph_at(start)];
            if let Some(h) = p.heading
                && start < doc.headings[h].marker.end
            {
                continue;
            }
            found.push(span);
        }
        if found.len() > SUMMARY_AFTER {
            // A document set wholly in full-width digits (an old transcription): one finding
            // that says so, at the first number, instead of hundreds.
            let first = found[0].clone();
            out.push(
                Finding::at(
                    first.clone(),
                    format!(
                        "全文有 {} 处全角数字（首处“{}”）：阿拉伯数字应使用半角形式",
                        found.len(),
                        &text[first]
                    ),
                )
                .with_help("整篇统一转换为半角数字（GB/T 15835-2011）"),
            );
            return;
        }
        for span in found {
            let written = &text[span.clone()];
            let half: String = written
                .chars()
                .map(|c| match c {
                    '．' => '.',
                    '，' => ',',
                    c => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                })
                .collect();
            out.push(
                Finding::at(
                    span.clone(),
                    format!("全角数字“{written}”应写作半角“{half}”"),
                )
                .with_help("阿拉伯数字用半角形式（GB/T 15835-2011）")
                .with_fix(span, half, true),
            );
        }
    }
}

/// More findings than this in one document are reported as one summary.
const SUMMARY_AFTER: usize = 20;
