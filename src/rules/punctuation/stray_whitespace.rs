//! `stray-whitespace`: whitespace inside Chinese running text, no-break and full-width spaces
//! inside a sentence, and invisible characters. Indentation, trailing blanks and whitespace that
//! lays text out (gaps, titles, tables, bylines, datelines …) are not findings.

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::document::marks::{is_chinese, is_cjk_punct, is_han};
use crate::rules::analysis::whitespace::{self, Line, Run, is_blank, is_invisible};
use crate::rules::analysis::word_lists::{self, WordList};
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain stray-whitespace`).
pub const DOCS: &str = r#"# stray-whitespace：正文中多余的空白和不可见字符

## 检查内容
- 正文句子中两个汉字之间的空格（`全面 推进`，包括句中误敲的两三个半角空格）；
- 全角标点前后的空格（`考虑： 一是`、`“三条保障线” 的`）；
- 句中单个的不间断空格（U+00A0，从网页复制时常见）、全角空格（U+3000）和各种宽度的空格
  （U+2000–U+200A 等），只要旁边有汉字或全角标点；
- 零宽字符（U+200B–U+200D、U+2060、行中的 U+FEFF）和软连字符（U+00AD）：看不见，却会让检索、
  比对和自动处理出错。段首和行尾的零宽字符也报告。

不报告（这些空白是版式，不是正文里的字）：
- 段首缩进：行首任何种类、任何数量的空白（半角空格、制表符、全角空格、不间断空格、U+2000–U+200A、
  U+FEFF 等及其混用），GB/T 9704 的“段首空二字”；行尾空白（看不见的版式，不影响正文）；
- 对齐用的连续空白：两个及以上的空白或制表符——表格拍平成一行时单元格之间的空白、推到右边的落款
  和成文日期、目录中标题与页码之间的空白；几段合成一行时留在行中的段首缩进由 `merged-paragraphs`
  每行提示一次；
- 层次序号之后的空白（由 `marker-spacing` 报告）；`第四条　`、`第一章 总则` 之后的空白，不论在
  行首还是行中；`4.2　`、`图1　`、`表2　`、`附件3　` 这类编号之后的空白；
- 标题、表格、名单、落款这类没有句末点号（`。！？；`）的短行（60 字以内）中的空白：`政 府 工 作 报 告`、
  `总理　李克强`、主副标题之间的空格（`热议政府工作报告 以奋勇争先之姿，乘势而为`）；长的表格行、
  名单行（两处以上全角空格或制表符、没有句号）；逐字拉开的标题和字段名（`主 题 词：`、`组　长：韩　正`）；
- 书名号内长标题两半之间的空格（`《关于构建数据基础制度 更好发挥数据要素作用的意见》`）、联合发文
  机关之间的空格（`中共中央办公厅 国务院办公厅`）、短口号两半之间的空格（`“好客山东 好品山东”`）；
- 署名和图片说明（`北京市市长 殷勇同志`、`本报记者 朱江 摄`、`（记者 张三 李四）`）、新闻电头
  （`新华社北京12月14日电 近日`、`本报讯 （记者…）`）；
- 法规题注中各次修订之间的空格（`……发布　根据……第一次修订　根据……`）；
- 英文词句之间的空格（含英文句点后的两个空格）、不间断空格；汉字与英文、数字之间的半角空格
  （写法习惯不同，本规则不管）；数字分节的窄空格（`1 000`、`1\u2009234`）；
- emoji 或其他文字中的零宽连接符（`👨\u200D👩\u200D👧`）。

修改建议是删除（夹在对齐空白中的零宽字符只删零宽字符），可安全自动修改。

## 为什么
GB/T 15834-2011 第 5 章：标点符号占一个字的位置，前后不另加空格；GB/T 9704-2012 只规定段首
空二字。多余的空白让排版错位，不可见字符会让“查找”“比对”找不到明明存在的文字。

## 示例（错误→正确）
- `主要基于以下考虑： 一是` → `主要基于以下考虑：一是`
- `全面 推进` → `全面推进`
- `高质量发展\u00A0的` → `高质量发展的`
- `职权　不够尊重`（句中全角空格）→ `职权不够尊重`

## 配置项
本规则只有通用配置项：
```toml
[rules.stray-whitespace]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct StrayWhitespace;

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

/// Up to `n` characters of the line before `pos` (the line starts at `from`).
fn before_in_line(text: &str, from: usize, pos: usize, n: usize) -> &str {
    let head = &text[from..pos];
    let cut = head
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[cut..]
}

/// Up to `n` characters of the line after `pos` (the line ends at `to`).
fn after_in_line(text: &str, pos: usize, to: usize, n: usize) -> &str {
    let tail = &text[pos..to];
    let cut = tail.char_indices().nth(n).map_or(tail.len(), |(i, _)| i);
    &tail[..cut]
}

/// Marks that end a clause: the reach of a byline, a dateline or a revision note.
const CLAUSE_STOPS: [char; 6] = ['。', '！', '？', '；', '，', '、'];

/// The clause around a run: the text back to the previous clause stop and on to the next one,
/// each at most 32 characters.
fn clause<'a>(text: &'a str, line: &Line, run: &Run) -> (&'a str, &'a str) {
    let left = before_in_line(text, line.content.start, run.span.start, 32);
    let left = match left.rfind(|c: char| CLAUSE_STOPS.contains(&c)) {
        Some(i) => &left[i + left[i..].chars().next().map_or(1, char::len_utf8)..],
        None => left,
    };
    // A gap (two blanks or a tab) ends a clause too: it separates the cells of a row.
    let left = match gap_in(left).last() {
        Some(g) => &left[g.end..],
        None => left,
    };
    let right = after_in_line(text, run.span.end, line.content.end, 32);
    let right = right
        .find(|c: char| CLAUSE_STOPS.contains(&c))
        .map_or(right, |i| &right[..i]);
    let right = gap_in(right).first().map_or(right, |g| &right[..g.start]);
    (left, right)
}

/// The gaps (two or more blanks, or a tab) in `s`.
fn gap_in(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), 'x'))) {
        if is_blank(c) && i < s.len() {
            let (from, n) = start.unwrap_or((i, 0));
            start = Some((from, n + if c == '\t' { 2 } else { 1 }));
        } else if let Some((from, n)) = start.take()
            && n >= 2
        {
            out.push(from..i);
        }
    }
    out
}

/// `图1　汽车号牌编码规则`, `表2　重点项目清单`, `附件3　名单`: the space after the number of a
/// figure, a table or an attachment.
fn after_caption_number(text: &str, line: &Line, pos: usize) -> bool {
    let head = before_in_line(text, line.content.start, pos, 16);
    let number_at = head
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        .len();
    let (body, number) = head.split_at(number_at);
    number.starts_with(|c: char| c.is_ascii_digit())
        && ["附件", "附图", "附表", "附录", "图", "表"]
            .iter()
            .any(|w| {
                // The word stands on its own: not the end of 地图 or 代表.
                body.strip_suffix(w)
                    .is_some_and(|before| before.chars().next_back().is_none_or(|c| !is_han(c)))
            })
}

/// A title's own layout: a short line (a title, a table row, a signature or a list of names)
/// without a sentence end, where spaces lay the text out (`政 府 工 作 报 告`, `总理　李克强`,
/// `热议政府工作报告 以奋勇争先之姿，乘势而为`): not running text.
fn is_layout_line(text: &str, line: &Line) -> bool {
    let content = &text[line.content.clone()];
    !content.contains(['。', '！', '？', '；']) && content.chars().nth(60).is_none()
}

/// A table row or a list of names flattened into one long line (`委员：张三 李四 王五 ……`):
/// two or more blanks between cells, and no sentence end.
fn is_tabular(text: &str, line: &Line) -> bool {
    line.inner.len() >= 2 && !text[line.content.clone()].contains(['。', '！', '？'])
}

/// `4.2　国家级应急响应`, `1.　加强领导`: a space after a decimal section number or an Arabic
/// marker standing at the line start or after other whitespace (a merged line).
fn after_section_number(text: &str, line: &Line, pos: usize) -> bool {
    let head = before_in_line(text, line.content.start, pos, 12);
    let token = match head.char_indices().rev().find(|&(_, c)| is_blank(c)) {
        // After a gap (a merged paragraph's indent), not after one space inside a number
        // (`1 5．3`).
        Some((i, c)) if c == '\u{3000}' || c == '\t' || head[..i].ends_with(is_blank) => {
            &head[i + c.len_utf8()..]
        }
        Some(_) => return false,
        // The whole line before the space, not the tail of a longer word.
        None if head.len() == pos - line.content.start => head,
        None => return false,
    };
    token.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && token.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// `第四条　国家建立……`, `第一章 总则`: the space after an article or chapter number, wherever it
/// stands (merged lines put it mid-line).
fn after_article(text: &str, line: &Line, pos: usize) -> bool {
    let head = before_in_line(text, line.content.start, pos, 10);
    let Some(body) = head.strip_suffix(['条', '章', '节', '编']) else {
        return false;
    };
    let digits = body
        .chars()
        .rev()
        .take_while(|&c| "一二三四五六七八九十百千零〇两".contains(c) || c.is_ascii_digit())
        .count();
    digits > 0 && body.chars().rev().nth(digits) == Some('第')
}

/// `《关于构建数据基础制度 更好发挥数据要素作用的意见》`: the space between the halves of a long
/// official title inside 《》.
fn inside_title(text: &str, line: &Line, run: &Run) -> bool {
    let left = before_in_line(text, line.content.start, run.span.start, 80);
    let right = after_in_line(text, run.span.end, line.content.end, 80);
    let opened = left.rfind('《').is_some_and(|i| !left[i..].contains('》'));
    let closes = right.find('》').is_some_and(|i| !right[..i].contains('《'));
    opened && closes
}

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    credit_words: WordList,
    credit_tails: WordList,
    positions: WordList,
}

/// The shipped word lists (`rules/words/stray-whitespace.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/stray-whitespace.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("stray-whitespace", WORDS_DATA))
}

/// A byline or a photo credit: `本报记者 朱江 摄`, `。 宁夏日报记者 王鼎 摄`, `（记者 张三 李四）`,
/// `北京市市长 殷勇同志`; and a news dateline: `新华社北京12月14日电 近日`, `本报讯 （记者…）`.
fn byline_or_dateline(left: &str, right: &str, tail: &str) -> bool {
    let whole = left.chars().count() + right.chars().count();
    if whole <= 30 && (words().credit_words.within(left) || words().credit_words.within(right)) {
        return true;
    }
    // Inside the reporters' bracket of a dateline: `（记者 张三 李四）`.
    if let Some(i) = left.rfind(['（', '('])
        && !left[i..].contains(['）', ')'])
        && words().credit_words.within(&left[i..])
        && right
            .find(['）', ')'])
            .is_some_and(|j| right[..j].chars().count() <= 12)
    {
        return true;
    }
    let right_word = right.trim_matches(is_blank);
    if words().credit_tails.has(right_word) && left.chars().count() <= 24 {
        return true;
    }
    // A position, then a name of two to four characters (a two-character name may be padded
    // to three: `李　强`) and 同志, a blank or the line end — not a word (`省长 负责制，`).
    if words().positions.ends(left) && name_follows(tail) {
        return true;
    }
    // The space before such a byline: `……会议上 陕西省省长 赵刚`.
    if words().positions.words.iter().any(|p| {
        tail.find(p).is_some_and(|i| {
            let org = &tail[..i];
            let after = &tail[i + p.len()..];
            org.chars().count() <= 12
                && !org.contains(is_blank)
                && after.starts_with(is_blank)
                && name_follows(after.trim_start_matches(is_blank))
        })
    }) {
        return true;
    }
    // A dateline, with or without the reporters in brackets after it.
    let mut head = left.trim_end_matches(is_blank);
    if head.ends_with(['）', ')'])
        && let Some(i) = head.rfind(['（', '('])
    {
        head = &head[..i];
    }
    ["日电", "社电", "报电", "讯"]
        .iter()
        .any(|w| head.ends_with(w))
        && head.chars().count() <= 30
}

/// Whether `right` (the rest of the line) opens with a personal name: two to four Han characters
/// (or `X　Y`, a two-character name padded to three) then the line end, a blank, 同志/先生/女士
/// or 作报告/讲话/主持; or a transcribed name with `·`.
fn name_follows(right: &str) -> bool {
    let chars: Vec<char> = right.chars().take(8).collect();
    let ends = |rest: &[char]| {
        let rest: String = rest.iter().take(7).collect();
        rest.is_empty()
            || rest.starts_with(is_blank)
            || [
                "同志",
                "先生",
                "女士",
                "作报告",
                "作政府工作报告",
                "作重要讲话",
                "讲话",
                "主持",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
    };
    let padded = chars.len() >= 3 && is_han(chars[0]) && is_blank(chars[1]) && is_han(chars[2]);
    if padded {
        return ends(&chars[3..]);
    }
    if (2..=4)
        .any(|n| chars.len() >= n && chars[..n].iter().all(|&c| is_han(c)) && ends(&chars[n..]))
    {
        return true;
    }
    // A transcribed name with a middle dot early on: `艾尔肯·吐尼亚孜`. Where it ends cannot be
    // told; the dot is evidence enough.
    let long: Vec<char> = right.chars().take(6).collect();
    let n = long.iter().take_while(|&&c| is_han(c)).count();
    (1..=4).contains(&n) && long.get(n) == Some(&'·') && long.get(n + 1).is_some_and(|&c| is_han(c))
}

/// The revision notes of a regulation: `（……国务院令第142号发布　根据……第一次修订　根据……）`,
/// one full-width space between notes.
fn between_revision_notes(left: &str, right: &str) -> bool {
    const DONE: [&str; 9] = [
        "发布", "公布", "通过", "修订", "修正", "施行", "批准", "颁布", "废止",
    ];
    DONE.iter().any(|w| left.ends_with(w))
        && (["根据", "自", "经", "第"]
            .iter()
            .any(|w| right.starts_with(w))
            || right.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)))
}

/// `政 府 工 作 报 告`, `张　旭`: a space between two single characters that each stand alone
/// (a spaced-out title, a two-character name padded to three).
fn spaced_out(text: &str, line: &Line, run: &Run) -> bool {
    let left = before_in_line(text, line.content.start, run.span.start, 2);
    let right = after_in_line(text, run.span.end, line.content.end, 2);
    // A character stands alone between blanks, the line's edges, or a field label's colon
    // (`主 题 词：`, `组　长：韩　正`).
    let apart = |c: Option<char>| c.is_none_or(|c| is_blank(c) || c == '：' || c == ':');
    let lone_left = {
        let mut c = left.chars().rev();
        c.next()
            .is_some_and(|c| !c.is_ascii_punctuation() && !is_cjk_punct(c))
            && apart(c.next())
    };
    let lone_right = {
        let mut c = right.chars();
        c.next()
            .is_some_and(|c| !c.is_ascii_punctuation() && !is_cjk_punct(c))
            && apart(c.next())
    };
    lone_left && lone_right
}

/// `中共中央办公厅 国务院办公厅关于……`: joint issuers in a title are separated by a space.
fn joint_issuers(left: &str, right: &str) -> bool {
    const ORGANS: [&str; 5] = ["中央", "办公厅", "国务院", "委员会", "人民政府"];
    ORGANS.iter().any(|o| left.ends_with(o))
        && ["国务院", "中央", "中共", "全国", "中华人民共和国"]
            .iter()
            .any(|o| right.starts_with(o))
}

/// `“好客山东 好品山东”`: a space between the halves of a short quoted slogan.
fn slogan_halves(text: &str, line: &Line, run: &Run) -> bool {
    let before = before_in_line(text, line.content.start, run.span.start, 12);
    let after = after_in_line(text, run.span.end, line.content.end, 12);
    let opened = before
        .rfind('“')
        .is_some_and(|i| !before[i..].contains('”'));
    let closes = after.find('”').is_some_and(|i| !after[..i].contains('“'));
    opened && closes
}

/// `全面  推进改革，……。`: two or three ASCII spaces typed inside a sentence, between two Han
/// characters — not a gap that lays text out. The sentence goes on after the spaces; the text
/// before them is not a heading, a table cell or a 落款 (it starts the line, or is long, or holds
/// a comma).
fn double_space_in_sentence(text: &str, line: &Line, i: usize) -> bool {
    let run = &line.inner[i];
    if !(2..=3).contains(&run.chars.len()) || run.chars.iter().any(|&c| c != ' ') {
        return false;
    }
    let han = |c: Option<char>| c.is_some_and(is_han);
    if !(han(text[..run.span.start].chars().next_back())
        && han(text[run.span.end..].chars().next()))
    {
        return false;
    }
    let prev_span = whitespace::segment_before(line, i);
    let line_start = prev_span.start == line.content.start;
    let prev = &text[prev_span];
    let next = &text[whitespace::segment_after(line, i)];
    !whitespace::starts_with_marker(prev)
        && next.contains(['。', '！', '？', '；'])
        && (line_start || prev.chars().count() >= 15 || prev.contains('，'))
}

/// A zero-width joiner or non-joiner between two characters that are not Chinese: part of an
/// emoji sequence (👨‍👩‍👧) or of a script that needs it, not a stray.
fn joiner_outside_chinese(doc: &Document, span: &std::ops::Range<usize>, chars: &[char]) -> bool {
    chars
        .iter()
        .filter(|&&c| is_invisible(c) || c == '\u{FEFF}')
        .all(|&c| c == '\u{200C}' || c == '\u{200D}')
        && !is_chinese(doc.char_before(span.start))
        && !is_chinese(doc.char_at(span.end))
        && doc.char_before(span.start).is_some_and(|c| !is_blank(c))
        && doc.char_at(span.end).is_some_and(|c| !is_blank(c))
}

/// The names of the kinds of whitespace in `chars`, in order, each once.
fn names(chars: impl Iterator<Item = char>) -> String {
    let mut v: Vec<&str> = Vec::new();
    for c in chars {
        let d = describe(c);
        if !v.contains(&d) {
            v.push(d);
        }
    }
    v.join("、")
}

/// Reports the invisible characters of a run whose blanks are layout (indentation, trailing
/// blanks, a gap): the finding covers the invisible characters, and the blanks stay.
fn edge_invisible(doc: &Document, run: &Run, inside: bool, out: &mut Reporter) {
    // Inside a line U+FEFF is invisible too; at its edges it is a blank (a BOM, an indent).
    let invisible = |c: char| is_invisible(c) || (inside && c == '\u{FEFF}');
    let mut offsets = Vec::with_capacity(run.chars.len());
    let mut pos = run.span.start;
    for &c in &run.chars {
        offsets.push(pos);
        pos += c.len_utf8();
    }
    let Some(first) = run.chars.iter().position(|&c| invisible(c)) else {
        return;
    };
    let last = run
        .chars
        .iter()
        .rposition(|&c| invisible(c))
        .expect("one exists");
    let span = offsets[first]..offsets[last] + run.chars[last].len_utf8();
    let chars = &run.chars[first..=last];
    if joiner_outside_chinese(doc, &span, chars) {
        return;
    }
    let keep: String = chars.iter().filter(|&&c| !invisible(c)).collect();
    let what = names(chars.iter().copied().filter(|&c| invisible(c)));
    out.push(
        Finding::at(span.clone(), format!("不可见字符：{what}"))
            .with_help("删除看不见的字符")
            .with_fix(span, keep, true),
    );
}

impl Rule for StrayWhitespace {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "stray-whitespace",
        summary: "正文中多余的空白：汉字间或标点旁的空格、句中的不间断空格和全角空格、零宽字符",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(StrayWhitespace)
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        for line in whitespace::lines(doc) {
            for run in &line.edges {
                edge_invisible(doc, run, false, out);
            }
            if line.inner.is_empty() {
                continue;
            }
            let merged = whitespace::merged_indents(doc, &line);
            let layout = is_layout_line(text, &line);
            let tabular = is_tabular(text, &line);
            let heading_end = {
                let p = &doc.paragraphs[doc.paragraph_at(line.content.start)];
                p.heading.map(|h| doc.headings[h].marker.end)
            };
            for (i, run) in line.inner.iter().enumerate() {
                let span = run.span.clone();
                let before = doc.char_before(span.start);
                let after = doc.char_at(span.end);
                let single = run.blanks() == 1 && !run.is_gap();
                // Between two words (not beside punctuation): where titles and slogans put a
                // space between their halves.
                let word =
                    |c: Option<char>| c.is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric());
                let between_words = word(before) && word(after);
                // Blanks that are layout: merged-paragraph indents (`merged-paragraphs`), gaps,
                // the spacing after a marker (`marker-spacing`), titles, tables, bylines …
                // Cheap tests first; the clause around the run is read only when needed.
                let layout_blank = merged.binary_search(&i).is_ok()
                    || (run.is_gap() && !double_space_in_sentence(text, &line, i))
                    || heading_end == Some(span.start)
                    || layout
                    || tabular
                    || !(is_chinese(before) || is_chinese(after))
                    // `1 000`, `3\u{2009}500`: a thin or no-break space grouping digits.
                    || (single
                        && !run.chars.contains(&'\u{3000}')
                        && before.is_some_and(|c| c.is_ascii_digit())
                        && after.is_some_and(|c| c.is_ascii_digit()))
                    || after_section_number(text, &line, span.start)
                    || after_article(text, &line, span.start)
                    || after_caption_number(text, &line, span.start)
                    || spaced_out(text, &line, run)
                    || {
                        let (left, right) = clause(text, &line, run);
                        let tail = after_in_line(text, span.end, line.content.end, 32);
                        byline_or_dateline(left, right, tail)
                            || between_revision_notes(left, right)
                            || (between_words
                                && (inside_title(text, &line, run)
                                    || joint_issuers(left, right)
                                    || slogan_halves(text, &line, run)))
                    };
                if run.has_invisible() {
                    if joiner_outside_chinese(doc, &span, &run.chars) {
                        continue;
                    }
                    if layout_blank {
                        // Only the invisible characters go; the blanks around them lay text out.
                        edge_invisible(doc, run, true, out);
                        continue;
                    }
                    let what = names(run.chars.iter().copied());
                    out.push(
                        Finding::at(span.clone(), format!("不可见字符：{what}"))
                            .with_help("删除看不见的字符")
                            .with_fix(span, "", true),
                    );
                    continue;
                }
                if layout_blank {
                    continue;
                }
                let what = names(run.chars.iter().copied());
                let message = if run.chars.iter().any(|&c| c != ' ') {
                    format!("正文中有{what}")
                } else {
                    let between_han = before.is_some_and(is_han) && after.is_some_and(is_han);
                    let by_punct =
                        before.is_some_and(is_cjk_punct) || after.is_some_and(is_cjk_punct);
                    if !(between_han || by_punct) {
                        continue;
                    }
                    let place = if by_punct {
                        "全角标点旁"
                    } else {
                        "汉字之间"
                    };
                    format!("{place}有多余的{what}")
                };
                out.push(
                    Finding::at(span.clone(), message)
                        .with_help("删除多余的空白（段首缩进除外）")
                        .with_fix(span, "", true),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;
    use crate::rules::structure::merged_paragraphs::MergedParagraphs;

    const SAMPLE: &str = concat!(
        "一、 总体要求\n",
        "　　全面 推进改革，“三条保障线” 的衔接。职权　不够尊重。\n",
        "　　交出合格\u{200B}答卷，全面  推进工作。\n",
        "　　第三条　遵循公正的原则。　　第四条　国家建立 统一的制度，实行分级管理。\n",
        "北京市市长 殷勇同志作政府工作报告。本报记者 戴冰 摄\n",
        "\n",
        "　　　　　　　　某某市人民政府\n",
        "签发人：　张三",
    );

    /// Each finding as its rule, message and the six characters of text before it.
    fn findings(text: &str) -> Vec<(&'static str, String, String)> {
        let doc = Document::parse(text, SourceKind::Text);
        let mut out = crate::rules::run_alone(&StrayWhitespace, &doc);
        out.extend(crate::rules::run_alone(&MergedParagraphs, &doc));
        out.iter()
            .map(|f| {
                let before: String = doc.text[..f.span.start]
                    .chars()
                    .rev()
                    .filter(|&c| !is_blank(c) && c != '\r' && c != '\n')
                    .take(6)
                    .collect();
                (f.rule, f.message.clone(), before)
            })
            .collect()
    }

    fn reindent(text: &str, indent: &str) -> String {
        text.split('\n')
            .map(|l| {
                let body = l.trim_start_matches(is_blank);
                if body.is_empty() {
                    l.to_owned()
                } else {
                    format!("{indent}{body}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn sample_findings() {
        let got: Vec<String> = findings(SAMPLE).into_iter().map(|f| f.1).collect();
        assert_eq!(
            got,
            vec![
                "汉字之间有多余的空格",
                "全角标点旁有多余的空格",
                "正文中有全角空格",
                "不可见字符：零宽空格 U+200B",
                "汉字之间有多余的空格",
                "汉字之间有多余的空格",
                "此行似由 2 段合并而成（段首缩进留在了行中）",
            ]
        );
    }

    #[test]
    fn layout_changes_change_nothing() {
        let expected = findings(SAMPLE);
        for indent in [
            "\t",
            " ",
            "  ",
            "    ",
            "\u{A0}",
            "\u{1680}",
            "\u{2003}\u{2003}",
            "\u{2000}\u{200A}",
            "\u{202F}\u{205F}",
            "\u{3000}\u{3000}\u{3000}\u{3000}",
            "\u{FEFF}",
            "\u{FEFF}\u{3000}\u{2002} \t",
            "",
        ] {
            assert_eq!(
                findings(&reindent(SAMPLE, indent)),
                expected,
                "indent {indent:?}"
            );
        }
        let trailing: String = SAMPLE
            .split('\n')
            .map(|l| format!("{l}  \u{3000}\t"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(findings(&trailing), expected, "trailing blanks");
        for end in ["\r\n", "\r\r\n", "\r", "\n\n"] {
            assert_eq!(
                findings(&SAMPLE.replace('\n', end)),
                expected,
                "line end {end:?}"
            );
        }
    }
}
