//! `fold-expression`: multiples used wrongly — a decrease by N 倍, the blend 翻一倍.

use crate::diagnostic::Severity;
use crate::rules::analysis::patterns::{PatternData, PatternRule};
use crate::rules::{Category, RuleMeta};

/// The shipped rules (`rules/terms/fold-expression.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/fold-expression.toml");

/// Embedded docs (`gwlint explain fold-expression`).
pub const DOCS: &str = r#"# fold-expression：倍数表述不当

## 检查内容
- 数量减少不能用倍数表示：`成本降低2倍`、`能耗下降了一倍`——应改用百分数或分数
  （`降低到原来的三分之一`、`降低66.7%`），本规则只提示，不给改法；
- `翻一倍` 是“翻一番”与“增加一倍”的杂糅，建议改为 `翻一番`（需按原意确认）。

规则写在 `rules/terms/fold-expression.toml` 里，附有测试例子；可以用 `extend` 增加本单位的规则，
用 `disable` 关闭某条。

## 为什么
GB/T 15835-2011 与编校规范：倍数只用于增加；“降低N倍”在数学上不成立。“翻一番”指增加到原来的两倍，
“翻一倍”两边都不是。数字表述错误会直接改变文件的意思。

## 示例（错误→正确）
- `较去年翻一倍` → `较去年翻一番`（或 `较去年增加一倍`）
- `生产成本降低2倍` → `生产成本降低到原来的三分之一`

## 配置项
```toml
[rules.fold-expression]
severity = "warning"
disable = ["fan-yi-bei"]
```
"#;

/// The rule: the shipped patterns plus a user's additions ([`PatternRule`]).
pub type FoldExpression = PatternRule<FoldExpressionData>;

/// What `FoldExpression` declares.
pub struct FoldExpressionData;

impl PatternData for FoldExpressionData {
    const META: RuleMeta = RuleMeta {
        id: "fold-expression",
        summary: "倍数表述不当（降低2倍、翻一倍）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_examples() {
        crate::rules::analysis::patterns::check_examples(super::DATA);
    }
}
