//! `stray-whitespace`: whitespace inside Chinese running text, no-break and full-width spaces,
//! trailing spaces and invisible characters.

use super::{Rule, RuleMeta};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::punctuation::{is_cjk_punct, is_han, runs};

/// Embedded docs (`gwlint explain stray-whitespace`).
pub const DOCS: &str = r#"# stray-whitespace：正文中多余的空白和不可见字符

## 检查内容
- 两个汉字之间、全角标点前后的空格（半角空格、制表符）：`全面 推进`、`考虑： 一是`；
- 不间断空格（U+00A0，从网页复制时常见）、全角空格（U+3000）和各种宽度的空格（U+2000–U+200A），
  段首缩进以外的任何位置；
- 行尾空白；
- 零宽字符（U+200B–U+200D、U+2060、行中的 U+FEFF）和软连字符（U+00AD），看不见，却会让检索、
  比对和自动处理出错。

不报告：段首缩进（GB/T 9704 的“段首空二字”）；层次序号之后的空白（由 `marker-spacing` 报告）；
英文词句之间的空格；汉字与英文、数字之间的空格（写法习惯不同，本规则不管）；联合发文机关之间的
空格（`中共中央办公厅 国务院办公厅`）；短口号两半之间的空格（`“好客山东 好品山东”`）；没有句内
标点的短行（标题、表格、名单中用空格排版）；`4.2　` 这类条款编号后的空格。

修改建议是删除（英文词之间的不间断空格改为普通空格），可安全自动修改。

## 为什么
GB/T 15834-2011 第 5 章：标点符号占一个字的位置，前后不另加空格；GB/T 9704-2012 只规定段首
空二字。多余的空白让排版错位，不可见字符会让“查找”“比对”找不到明明存在的文字。

## 示例（错误→正确）
- `主要基于以下考虑： 一是` → `主要基于以下考虑：一是`
- `全面 推进` → `全面推进`
- `高质量发展\u00A0的` → `高质量发展的`

## 配置项
本规则只有通用配置项：
```toml
[rules.stray-whitespace]
severity = "warning"
enabled = true
```
"#;

super::rule_without_options! {
    /// The rule.
    StrayWhitespace {
        id: "stray-whitespace",
        summary: "正文中多余的空白：汉字间或标点旁的空格、不间断空格、行尾空白、零宽字符",
        severity: Warning,
        category: Punctuation,
        fixable: true,
    }
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

fn describe(c: char) -> &'static str {
    match c {
        ' ' => "空格",
        '\t' => "制表符",
        '\u{A0}' => "不间断空格 U+00A0",
        '\u{3000}' => "全角空格",
        '\u{200B}' => "零宽空格 U+200B",
        '\u{200C}' | '\u{200D}' => "零宽连接符",
        '\u{2060}' => "零宽不换行符 U+2060",
        '\u{FEFF}' => "零宽不换行空格 U+FEFF",
        '\u{AD}' => "软连字符 U+00AD",
        _ => "特殊宽度空格",
    }
}

/// `4.2　国家级应急响应`: the space after a decimal section number at the start of a line (the
/// numbering of 预案 and standards) is layout.
fn after_section_number(doc: &Document, p: &crate::document::Paragraph, pos: usize) -> bool {
    let Some(head) = doc.text.get(p.content.start..pos) else {
        return false;
    };
    !head.is_empty() && head.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// A short line without sentence punctuation is a title, a table cell or a list of names, where
/// spaces lay the text out (`政 府 工 作 报 告`, `张　旭　　研究员`): not running text.
fn is_layout_line(doc: &Document, p: &crate::document::Paragraph) -> bool {
    let line = &doc.text[p.content.clone()];
    line.chars().count() <= 60 && !line.contains(['。', '，', '；', '！', '？'])
}

/// `中共中央办公厅 国务院办公厅关于……`: joint issuers in a title are separated by a space.
fn joint_issuers(doc: &Document, span: std::ops::Range<usize>) -> bool {
    let before = &doc.text[..span.start];
    let after = &doc.text[span.end..];
    const ORGANS: [&str; 5] = ["中央", "办公厅", "国务院", "委员会", "人民政府"];
    ORGANS.iter().any(|o| before.ends_with(o))
        && ["国务院", "中央", "中共", "全国", "中华人民共和国"]
            .iter()
            .any(|o| after.starts_with(o))
}

/// `“好客山东 好品山东”`: a space between the halves of a short quoted slogan.
fn slogan_halves(doc: &Document, span: std::ops::Range<usize>) -> bool {
    let before: String = doc.text[..span.start].chars().rev().take(12).collect();
    let after: String = doc.text[span.end..].chars().take(12).collect();
    let opened = before.find('“').is_some_and(|i| !before[..i].contains('”'));
    let closes = after.find('”').is_some_and(|i| !after[..i].contains('“'));
    opened && closes
}

impl Rule for StrayWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let marks = doc.marks();
        for (mut first, last) in runs(marks, |c| is_space(c) || is_invisible(c)) {
            let p = &doc.paragraphs[doc.paragraph_at(marks[first].pos)];
            // A run that starts in the indentation (`　　\u{2002}正文`): only the part after it.
            while first < last
                && marks[first].pos < p.content.start
                && !is_invisible(marks[first].ch)
            {
                first += 1;
            }
            let span = marks[first].pos..marks[last].end();
            let chars: Vec<char> = marks[first..=last].iter().map(|m| m.ch).collect();
            let invisible = chars.iter().any(|&c| is_invisible(c));
            // Leading indentation, and spacing after an outline marker (marker-spacing's).
            if span.end <= p.content.start && !invisible {
                continue;
            }
            if let Some(h) = p.heading
                && span.start == doc.headings[h].marker.end
            {
                continue;
            }
            if !invisible && (after_section_number(doc, p, span.start) || is_layout_line(doc, p)) {
                continue;
            }
            let names: Vec<&str> = {
                let mut v: Vec<&str> = chars.iter().map(|&c| describe(c)).collect();
                v.dedup();
                v
            };
            let what = names.join("、");
            let before = doc.char_before(span.start);
            let after = doc.char_at(span.end);
            let trailing = span.end >= p.span.end;
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let (message, replacement) = if invisible {
                (format!("不可见字符：{what}"), "")
            } else if trailing {
                (format!("行尾有空白（{what}）"), "")
            } else if chars.iter().any(|&c| c != ' ' && c != '\t') {
                let r = if latin(before) && latin(after) {
                    " "
                } else {
                    ""
                };
                (format!("正文中有{what}"), r)
            } else {
                let cjk = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punct(c));
                let between_han = before.is_some_and(is_han) && after.is_some_and(is_han);
                let by_punct = before.is_some_and(is_cjk_punct) || after.is_some_and(is_cjk_punct);
                if !(between_han || by_punct) || !(cjk(before) || cjk(after)) {
                    continue;
                }
                if between_han
                    && (joint_issuers(doc, span.clone()) || slogan_halves(doc, span.clone()))
                {
                    continue;
                }
                let place = if by_punct {
                    "全角标点旁"
                } else {
                    "汉字之间"
                };
                (format!("{place}有多余的{what}"), "")
            };
            out.push(
                Finding::new(META.id, span.clone(), message)
                    .with_help("删除多余的空白（段首缩进除外）")
                    .with_fix(span, replacement, true),
            );
        }
    }
}
