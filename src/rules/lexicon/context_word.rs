//! `context-word`: words that are right in one collocation and wrong in another (截止目前→截至目前,
//! 做出贡献→作出贡献), as regex rules in TOML data.

use crate::diagnostic::Severity;
use crate::rules::analysis::patterns::{PatternData, PatternRule};
use crate::rules::{Category, RuleMeta};

/// The shipped rules (`rules/terms/context-word.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/context-word.toml");

/// Embedded docs (`gwlint explain context-word`).
pub const DOCS: &str = r#"# context-word：依语境而定的用词

## 检查内容
两种写法都是词，只在特定搭配里用错：
- `截止目前` → `截至目前`（后接时间用“截至”；“报名于5月1日截止”不报告）；
- `必需加强` → `必须加强`（修饰动词用“必须”；“生活必需品”不报告）；
- `做出贡献`、`做出承诺`、`做出部署` → `作出……`（抽象意义用“作”）；
- `起用新印章` → `启用新印章`，`启用年轻干部` → `起用年轻干部`；
- `激动得不能自己。` → `不能自已`；
- `疫情爆发` → `疫情暴发`。

每条规则是一个正则表达式和替换模板，写在 `rules/terms/context-word.toml` 里，附有说明、出处和
测试例子（原文 → 改正后；原文无误时两者相同，证明不误报）。修改建议需人工确认。

## 为什么
这类词单看都对，拼写检查和错别字表都查不出；《现代汉语词典》和公文审校讲稿都把它们列为
高频错误。

## 示例（错误→正确）
- `为*区发展做出更大的贡献` → `为*区发展作出更大的贡献`
- `截止目前，全市已建成` → `截至目前，全市已建成`

## 数据来源
《现代汉语词典》截止/截至、必须/必需、启用/起用、暴发/爆发条；“作”“做”用法说明；
《咬文嚼字》2005 最常见 100 个别字；《中华人民共和国传染病防治法》用语。

## 配置项
```toml
[rules.context-word]
severity = "warning"
# 关闭某条规则（写 id）
disable = ["baofa"]
# 本单位的规则：id、regex、replace（可用 $1 等捕获组；留空表示只提示）、message（{text} {fix}）
extend = [
  { id = "lingdao-tongzhi", regex = '领导同志们', replace = '同志们', message = "称呼不规范：“{text}”→“{fix}”" },
]
```
"#;

/// The rule: the shipped patterns plus a user's additions ([`PatternRule`]).
pub type ContextWord = PatternRule<ContextWordData>;

/// What `ContextWord` declares.
pub struct ContextWordData;

impl PatternData for ContextWordData {
    const META: RuleMeta = RuleMeta {
        id: "context-word",
        summary: "依语境而定的用词（截止目前→截至目前、做出贡献→作出贡献、必需加强→必须加强）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::analysis::patterns::{Options, PatternSet, Spec};

    #[test]
    fn shipped_examples() {
        crate::rules::analysis::patterns::check_examples(DATA);
    }

    #[test]
    fn user_rule_and_errors() {
        let spec = Spec {
            id: "own".into(),
            regex: "领导同志们".into(),
            replace: "同志们".into(),
            message: "{text}→{fix}".into(),
            note: None,
            source: None,
            safe: true,
            examples: vec![],
        };
        let set = PatternSet::new(
            DATA,
            Options {
                extend: Some(vec![spec.clone()]),
                disable: Some(vec!["baofa".into()]),
                rule: None,
            },
        )
        .unwrap();
        let found: Vec<_> = set
            .matches("各位领导同志们，防止疫情爆发")
            .into_iter()
            .map(|(_, _, fix)| fix)
            .collect();
        assert_eq!(found, vec!["同志们".to_owned()]);
        let bad = Spec {
            regex: "(".into(),
            ..spec.clone()
        };
        let err = PatternSet::new(
            DATA,
            Options {
                extend: Some(vec![bad]),
                disable: None,
                rule: None,
            },
        )
        .err()
        .unwrap();
        assert!(err.contains("正则表达式无效"), "{err}");
        let err = PatternSet::new(
            DATA,
            Options {
                extend: None,
                disable: Some(vec!["nope".into()]),
                rule: None,
            },
        )
        .err()
        .unwrap();
        assert!(err.contains("nope"), "{err}");
    }
}
