//! `repeated-punctuation`: doubled or stacked 点号 (`，，` `。。` `，。`).

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain repeated-punctuation`).
pub const DOCS: &str = r#"# repeated-punctuation：点号重复或叠用

## 检查内容
逗号、顿号、句号、分号、冒号（全角或半角）不能连用：`，，`、`。。`、`、、`、`，。`、`；。`、`：：`、
`。，`。同一个标点重复时，删去多余的一个（可安全自动修改）；不同标点叠用时，需要人工决定保留哪个。

允许：省略号 `……`、破折号 `——`、问号和叹号连用 `？！` `！？`，以及 `？？`、`！！`（加重语气）。
三个以上句号连写 `。。。` 是省略号写法问题，由 `nonstandard-ellipsis` 报告。

## 为什么
GB/T 15834-2011 第 4 章：每个点号表示一处停顿，一处停顿只用一个点号。叠用的点号多是修改时
删了内容、留下了标点。

## 示例（错误→正确）
- `加强领导，，确保落实` → `加强领导，确保落实`
- `完成全年任务。。` → `完成全年任务。`
- `坚持稳中求进，。` → 保留其中一个

## 配置项
本规则只有通用配置项：
```toml
[rules.repeated-punctuation]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct RepeatedPunctuation;

fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | '。' | '；' | '：' | ',' | ';' | ':')
}

impl Rule for RepeatedPunctuation {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "repeated-punctuation",
        summary: "点号重复或叠用（，，。。、、，。）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(RepeatedPunctuation)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let marks = doc.marks();
        let mut i = 0;
        while i + 1 < marks.len() {
            let (a, b) = (marks[i], marks[i + 1]);
            if !(is_pause(a.ch) && is_pause(b.ch) && b.pos == a.end()) {
                i += 1;
                continue;
            }
            // 。。。 is an ellipsis written with full stops (nonstandard-ellipsis).
            let stops = marks[i..]
                .iter()
                .zip(marks[i..].iter().skip(1))
                .take_while(|(x, y)| x.ch == '。' && y.ch == '。' && y.pos == x.end())
                .count();
            if stops >= 2 {
                i += stops + 1;
                continue;
            }
            // Digits around a half-width mark: `1,,000` is a typo too, but `10:30,` is not a pair.
            let span = a.pos..b.end();
            let written = &doc.text[span.clone()];
            let finding = if a.ch == b.ch {
                Finding::at(span, format!("标点重复：“{written}”"))
                    .with_help("删去多余的一个标点")
                    .with_fix(b.pos..b.end(), "", true)
            } else {
                Finding::at(span, format!("点号叠用：“{written}”"))
                    .with_help("一处停顿只用一个点号：核对后保留其中一个")
                    .with_fix(a.pos..a.end(), "", false)
            };
            out.push(finding);
            i += 2;
        }
    }
}
