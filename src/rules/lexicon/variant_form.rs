//! `variant-form`: non-recommended variant forms (GF 1001-2001 异形词; 给与→给予).

use crate::diagnostic::Severity;
use crate::rules::analysis::terms::{TermListData, TermListRule};
use crate::rules::{Category, RuleMeta};

/// The shipped list (`rules/terms/variant-form.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/variant-form.toml");

/// Embedded docs (`gwlint explain typo`).
pub const DOCS: &str = r#"# variant-form：非推荐词形（异形词）

## 检查内容
同一个词有几种写法时，用国家规范推荐的那一种：`成份`→`成分`、`座落`→`坐落`、`禀承`→`秉承`、
`澈底`→`彻底`、`给与`→`给予` 等。修改建议是推荐写法，可安全自动替换。

`定单`、`定户`、`定货` 虽在《第一批异形词整理表》中，但会出现在“确定单位”“规定货物”这类正确的
文字里，默认不收。`标识`（GF 1001 作“标志”）今已通用，不收。

## 为什么
GF 1001-2001《第一批异形词整理表》规定了异形词的推荐词形；公文用字应规范、统一。

## 示例（错误→正确）
- `在政策、税收等方面给与企业支持` → `在政策、税收等方面给予企业支持`
- `化学成份` → `化学成分`

## 数据来源
词表在 `rules/terms/variant-form.toml`，每组注明出处并带测试例子：
- 教育部、国家语委 GF 1001-2001《第一批异形词整理表》；
- 《现代汉语词典》以“给予”为主条。

## 配置项
```toml
[rules.variant-form]
severity = "warning"
extend = [["帐号", "账号"]]
disable = ["笔划"]
```
"#;

/// The rule: the shipped list plus a user's additions ([`TermListRule`]).
pub type VariantForm = TermListRule<VariantFormData>;

/// What `VariantForm` declares.
pub struct VariantFormData;

impl TermListData for VariantFormData {
    const META: RuleMeta = RuleMeta {
        id: "variant-form",
        summary: "非推荐词形（给与→给予、成份→成分、座落→坐落）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;

    const USER_MESSAGE: &'static str = "非推荐词形：“{wrong}”应写作“{right}”（本单位词表）";
}
