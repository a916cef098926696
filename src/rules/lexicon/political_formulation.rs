//! `political-formulation`: political and time-sensitive formulations (以习近平同志为核心的党中央;
//! 全面贯彻党的十九大精神 after the 20th congress), as dated data. Off by default: the data
//! changes with every congress and plenum.

use crate::diagnostic::Severity;
use crate::rules::lexicon::deprecated_term::{DatedData, DatedTermsRule};
use crate::rules::{Category, RuleMeta};

/// The shipped list (`rules/terms/political-formulation.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/political-formulation.toml");

/// Embedded docs (`gwlint explain political-formulation`).
pub const DOCS: &str = r#"# political-formulation：政治性、时效性提法

## 检查内容
两类提法（数据在 `rules/terms/political-formulation.toml`，每组注明依据和生效日）：
- 任何时候都不规范的写法：`以习近平为核心的党中央` → `以习近平同志为核心的党中央`，
  `习近平新时代思想` → `习近平新时代中国特色社会主义思想`；
- 有时效的表述：文件日期在生效日当天或以后，作为当前表述就过时了——`全面贯彻党的十九大精神`
  （2022-10-22 后）、`决胜全面建成小康社会`（2021-07-01 后）、`打赢脱贫攻坚战`（2021-02-25 后）、
  `扫黑除恶专项斗争`（2021-03-29 后）。回顾性说法（`如期打赢脱贫攻坚战`、`扫黑除恶专项斗争取得
  重大成果`）不报告。

文件日期的确定方法与 `deprecated-term` 相同（配置项 `document-date`、成文日期、标题下的日期
和题注、电头、网页发布时间、发文字号年份、标题年份，详见 `gwlint explain deprecated-term`）；消息里写明所用的
日期及其来源，确定不了时只作“提示”并说明原因。书名号内的文件标题和加引号提到的提法本身是
引用，不报告。修改建议都需人工确认。

**默认关闭**：提法随每次党代会、全会调整，本表必须由使用单位按最新文件核对后再启用。

## 为什么
公文中的政治性提法必须与中央最新表述一致（《党政机关公文处理工作条例》第十九条：公文内容
符合党的理论路线方针政策）；过时的提法是审核退文的常见原因。

## 示例（错误→正确）
- `以习近平为核心的党中央` → `以习近平同志为核心的党中央`
- （2023 年的文件）`全面贯彻党的十九大精神` → `全面贯彻党的二十大精神`

## 数据来源
《中国共产党章程》；党的十九大、二十大报告；庆祝中国共产党成立 100 周年大会讲话；全国脱贫攻坚
总结表彰大会；全国扫黑除恶专项斗争总结表彰大会。

## 配置项
```toml
[rules.political-formulation]
enabled = true          # 默认关闭
severity = "info"
document-date = "2023-03-05"
extend = [["旧提法", "新提法"]]   # 本单位补充，随时生效
disable = ["saohei"]
```
"#;

/// The rule: the shipped list plus a user's additions ([`DatedTermsRule`]).
pub type PoliticalFormulation = DatedTermsRule<PoliticalFormulationData>;

/// What `PoliticalFormulation` declares.
pub struct PoliticalFormulationData;

impl DatedData for PoliticalFormulationData {
    const META: RuleMeta = RuleMeta {
        id: "political-formulation",
        summary: "不规范或已过时的政治性提法（按文件日期判断；默认关闭，启用前核对数据）",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;

    const USER_MESSAGE: &'static str = "“{wrong}”应为“{right}”（本单位词表）";
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_examples() {
        crate::rules::analysis::terms::tests_support::check_examples(super::DATA);
    }
}
