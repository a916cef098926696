//! `dunhao-between-quoted`: 顿号 between items each fully in quotes or book-title marks.

use crate::rules::analysis::word_lists::{self, WordList};
use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain dunhao-between-quoted`).
pub const DOCS: &str = r#"# dunhao-between-quoted：引号、书名号并列成分之间的顿号

## 检查内容
并列的几项各自完整地带着引号或书名号时，项与项之间通常不用顿号：`《条例》、《规定》` →
`《条例》《规定》`，`“多规合一”、“多图合一”` → `“多规合一”“多图合一”`。若有其他成分插在中间
（如书名号之后还有括注：`《条例》（2012年）、《规定》`），用顿号是对的，不报告；只有一部分带引号的
（`“十强”产业、“四新”经济`）也不在此列。

最后一项的引号、书名号之后紧接着还有汉字时，这一项可能只有一部分在引号里（`落实“16条”、“1+3”
财政金融互动`、`“天问一号”、“嫦娥五号”、“奋斗者”号`），整串都不报告；也就是说，`“六稳”、“六保”工作`
这类共用中心语的写法同样不报告。列举中还有不带引号的项（`“一国两制”、“港人治港”、“澳人治澳”、高度自治的方针`、
`“大而全”、“小而全”和不合理重复建设`），或某一项前面加了说明成分（`《节约能源法》、国务院《公共机构
节能条例》、《民用建筑节能条例》`）时，带引号的几项不是全部并列成分，顿号照用，不报告。
最后一项之后是标点，或是“等”“和”“及”“以及”“或”“的”“之类”“分别”
“为”这类虚词、“两项”“三大”这类数量时，各项完整地带着引号，照常报告。

各单位习惯不同，可以配置：
- `style = "omit"`（默认）：报告 `”、“` 和 `》、《` 中的顿号，建议删去（可安全自动修改）；
- `style = "require"`：反过来，报告紧挨着的 `”“` 和 `》《`，建议加顿号；
- `style = "off"`：不检查。

## 为什么
GB/T 15834-2011 第 4.5.3.5 条：“标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号。
若有其他成分插在并列的引号之间或并列的书名号之间（如引语或书名号之后还有括注），宜用顿号。”

## 示例（错误→正确，默认 omit）
- `学习《宪法》、《监察法》` → `学习《宪法》《监察法》`
- `开展“大国工匠进校园”、“劳模进校园”等活动` → `开展“大国工匠进校园”“劳模进校园”等活动`
- `以“扩中”、“提低”为重点` → `以“扩中”“提低”为重点`

## 配置项
```toml
[rules.dunhao-between-quoted]
severity = "info"
# omit：并列的引号、书名号之间不用顿号；require：必须用顿号；off：不检查
style = "omit"
```
"#;

/// House style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// No 顿号 between fully quoted items (GB/T 15834 4.5.3.5).
    #[default]
    Omit,
    /// A 顿号 between them.
    Require,
    /// Not checked.
    Off,
}

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// `omit`, `require` or `off`.
    pub style: Style,
}

/// The rule.
pub struct DunhaoBetweenQuoted {
    style: Style,
}

impl Rule for DunhaoBetweenQuoted {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "dunhao-between-quoted",
        summary: "并列的引号、书名号之间用了顿号（《A》、《B》），可配置为要求顿号",
        docs: DOCS,
        default_severity: Severity::Info,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(o: Options) -> Result<Self, String> {
        Ok(DunhaoBetweenQuoted { style: o.style })
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        if self.style == Style::Off {
            return;
        }
        let marks = doc.marks();
        for (i, m) in marks.iter().enumerate() {
            let closes = match m.ch {
                '”' => '“',
                '》' => '《',
                _ => continue,
            };
            let Some(next) = marks.get(i + 1) else {
                continue;
            };
            match self.style {
                Style::Omit => {
                    let Some(after) = marks.get(i + 2) else {
                        continue;
                    };
                    if next.ch == '、'
                        && next.pos == m.end()
                        && after.ch == closes
                        && after.pos == next.end()
                        && chain_ends_cleanly(&doc.text, after.pos, closes, m.ch)
                        && !after_unquoted_item(&doc.text, m.pos, closes, m.ch)
                    {
                        let span = next.pos..next.end();
                        out.push(
                            Finding::at(span.clone(),
                                format!("并列的{}之间不用顿号", kind(m.ch)),
                            )
                            .with_help("删去顿号（GB/T 15834-2011 第 4.5.3.5 条）；本单位要求加顿号时可设置 style = \"require\"")
                            .with_fix(span, "", true),
                        );
                    }
                }
                Style::Require => {
                    if next.ch == closes && next.pos == m.end() {
                        let span = m.end()..m.end();
                        out.push(
                            Finding::at(m.pos..next.end(),
                                format!("并列的{}之间缺少顿号（本单位要求加顿号）", kind(m.ch)),
                            )
                            .with_help("加顿号，或把 style 设为 \"omit\"（GB/T 15834-2011 第 4.5.3.5 条的通常写法）")
                            .with_fix(span, "、", true),
                        );
                    }
                }
                Style::Off => {}
            }
        }
    }
}

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    item_end_chars: WordList,
}

/// The shipped word lists (`rules/words/dunhao-between-quoted.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/dunhao-between-quoted.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("dunhao-between-quoted", WORDS_DATA))
}

/// Whether the run of items `“A”、“B”、…` that contains the opening mark at `open` ends with a
/// quoted item followed by punctuation, a function word or a count — not by more text of that
/// item.
fn chain_ends_cleanly(text: &str, open: usize, opener: char, closer: char) -> bool {
    let mut at = open;
    // Bounded, so that a pathological line of thousands of quoted items stays linear.
    for _ in 0..MAX_CHAIN {
        // The matching closing mark of the item opening at `at` (nesting of the same pair counted).
        let mut depth = 0usize;
        let mut close = None;
        for (i, c) in text[at..].char_indices().take(MAX_ITEM_CHARS) {
            if c == opener {
                depth += 1;
            } else if c == closer {
                depth -= 1;
                if depth == 0 {
                    close = Some(at + i + c.len_utf8());
                    break;
                }
            } else if c == '\n' {
                break;
            }
        }
        let Some(end) = close else {
            return false;
        };
        let rest = &text[end..];
        if let Some(more) = rest.strip_prefix('、')
            && more.starts_with(opener)
        {
            at = end + '、'.len_utf8();
            continue;
        }
        // `“一国两制”、“港人治港”、高度自治`, `“大而全”、“小而全”和不合理重复建设`: the list goes
        // on with an item that is not quoted, so the quoted items are not the whole list.
        let joined = ["、", "以及", "或者", "和", "与", "及", "或"]
            .iter()
            .find_map(|w| rest.strip_prefix(w));
        if let Some(next) = joined {
            return next.starts_with(opener);
        }
        return match rest.chars().next() {
            Some(c) if is_han(c) => words().item_end_chars.has_char(c),
            _ => true,
        };
    }
    false
}

/// Most items of one run followed forward or back (a longer run is not judged).
const MAX_CHAIN: usize = 40;
/// Longest quoted item looked through, in characters.
const MAX_ITEM_CHARS: usize = 200;

/// Whether the quoted item that closes at `close` (the offset of its closing mark) is preceded by
/// `X、` where X is not quoted (`（指恢复个体经济）、“自由化”、“翻案风”`), or is itself only partly
/// quoted (`、国务院《条例》、《规定》`): a mixed list.
fn after_unquoted_item(text: &str, close: usize, opener: char, closer: char) -> bool {
    let mut close = close;
    for _ in 0..MAX_CHAIN {
        let mut depth = 0usize;
        let mut open = None;
        for (i, c) in text[..close + closer.len_utf8()]
            .char_indices()
            .rev()
            .take(MAX_ITEM_CHARS)
        {
            if c == closer {
                depth += 1;
            } else if c == opener {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    open = Some(i);
                    break;
                }
            } else if c == '\n' {
                break;
            }
        }
        let Some(open) = open else {
            return false;
        };
        let mut before = text[..open].char_indices().rev().peekable();
        // `《节约能源法》、国务院《公共机构节能条例》、《民用建筑节能条例》`: a short prefix inserted
        // before the marks within the list makes the item only partly marked.
        let mut prefix = 0;
        while prefix <= 4 && before.peek().is_some_and(|&(_, c)| is_han(c)) {
            before.next();
            prefix += 1;
        }
        if before.next().map(|(_, c)| c) != Some('、') || prefix > 4 {
            return false;
        }
        if prefix > 0 {
            return true;
        }
        match before.next() {
            // An earlier quoted item of the same run: look at the run's first item.
            Some((i, c)) if c == closer => close = i,
            Some(_) => return true,
            None => return false,
        }
    }
    true
}

/// CJK unified ideographs (basic block and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn kind(c: char) -> &'static str {
    if c == '》' { "书名号" } else { "引号" }
}
