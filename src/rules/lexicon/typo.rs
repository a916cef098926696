//! `typo`: well-attested misspellings (拼博→拼搏), from shipped lists plus a user's own.

use crate::diagnostic::Severity;
use crate::rules::analysis::terms::{TermListData, TermListRule};
use crate::rules::{Category, RuleMeta};

/// The shipped list (`rules/terms/typo.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/typo.toml");

/// Embedded docs (`gwlint explain typo`).
pub const DOCS: &str = r#"# typo：错别字

## 检查内容
公开出版的差错统计和公文审校清单中反复出现的错别字：`拼博`→`拼搏`、`布署`→`部署`、
`再接再励`→`再接再厉`、`高新尖`→`高精尖`、`震憾`→`震撼` 等。修改建议是正确写法，可安全自动替换。

只收“任何语境下都错”的写法。`了望`、`凑和`、`既使`、`按排` 这类会在正确的句子里出现
（“除了望着”“拼凑和嫁接”“既使……又……”“按排名”）的，不收；要看语境的用 `context-word`。

## 为什么
错别字是读者最先发现、也最损害公文严肃性的差错。人工校对对常见词组的错字“视而不见”，
机器逐字比对不会。

## 示例（错误→正确）
- `有拼博精神` → `有拼搏精神`
- `发展氯碱下游高新尖产品` → `发展氯碱下游高精尖产品`

## 数据来源
词表在 `rules/terms/typo.toml`，每组注明出处，并带有“错误文本 → 改正后文本”的例子，由测试逐条检验：
- 《咬文嚼字》编辑部《当代汉语出版物中最常见的100个别字》（2005）；
- 公文写作、审核易错字词清单（正形以《现代汉语词典》为准）；
- 《咬文嚼字》2016 年十大语文差错（一揽子货币→一篮子货币）。

## 配置项
```toml
[rules.typo]
severity = "error"
# 本单位补充的词：[错误写法, 正确写法]
extend = [["布暑", "部署"]]
# 关闭某条（写错误写法）或整组（写组 id）
disable = ["一揽子货币"]
```
"#;

/// The rule: the shipped list plus a user's additions ([`TermListRule`]).
pub type Typo = TermListRule<TypoData>;

/// What `Typo` declares.
pub struct TypoData;

impl TermListData for TypoData {
    const META: RuleMeta = RuleMeta {
        id: "typo",
        summary: "错别字（拼博→拼搏、布署→部署、再接再励→再接再厉）",
        docs: DOCS,
        default_severity: Severity::Error,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;

    const USER_MESSAGE: &'static str = "错别字：“{wrong}”应为“{right}”（本单位词表）";
}
