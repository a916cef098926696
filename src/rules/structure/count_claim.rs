//! `count-claim`: a count claim (`五项重点`, `八个方面：`, `三大环节`) that does not match the list it
//! counts.

use crate::rules::analysis::word_lists::{self, WordList};
use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::{Finding, Severity};
use crate::document::numerals;
use crate::document::{Document, Heading};
use crate::rules::analysis::common::quoted;
use crate::rules::analysis::enumeration;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain count-claim`).
pub const DOCS: &str = r#"# count-claim：数量概括与所列内容不符

## 检查内容
公文常用数字概括前后列举的内容：`统筹抓好疫情防控、经济运行、城乡建设、“双招双引”、民生保障五项重点`、
`重点抓好八个方面：`、`“规划、建设、管理”三大环节`。本规则数一数实际列了几项，与数字核对：

- **前置列举**：数字紧跟在同一分句中用顿号（及最后的“和”“与”“及”）隔开的列举之后，
  如 `A、B、C三项工作`、`“A、B、C”三大环节`、`A、B和C三类主体`；
- **后置列举**：数字之后以冒号引出下文，如 `重点抓好八个方面：`，下文是一组同级标题
  （（一）（二）…）或一组“一是、二是”，数一数共几项。

列举后有“等”“等等”时，实际项数可以少于数字，但不能多于数字；“等”后面还有修饰语
（`国有企业、财税金融、土地要素等经济领域十大改革`）也一样，数字概括的是更大的范围。
`N级` 数的是层级，只在所列各项都是层级（`国家、省、市三级`、`区县、乡镇、村三级`）时核对。
列举中间一项明显长于其他各项、里面又开始了新的主谓结构时（`市、区协同共建甲区、乙区、丙区三个
科创走廊`），数字可以只概括这一项起的后几项，两种数法都不符才报告。后置列举的数字可以是汉字
（二至九十九、两）或阿拉伯数字；前置列举只核对汉字写的二至十，且数字之后要有名词（`五项重点`）——
`新建、改扩建机场33个`、`制定、修改、废止政府规章70件` 这类是统计数量，不是对列举的概括。

以下情况不检查：表示类别、等级的数字不是计数——`二类口岸`、`二级医院`（计数写作“两类”“两级”）、
`劣五类水体`、`三类以上`、`二级标准`、`三级及以上`，以及 `五星级`、`一流`、`三甲`、`一号文件`、
`第一批` 这类序数；列举的成员不在文中（`两大主线之一`、`十九大`、`一大批`、`十个指头`）；占位符数字（`*个`）；
`两个以上`、`三个百分点`、`两个月` 这类不是计数的说法；固定提法（`和平共处五项原则`、`四项基本原则`、
`铁人三项`）；各项自带数量的统计（`大棚300个、温室20个`）；列举本身看不清边界（分句中有动词、
“的”隔开，或“中央和省、市、自治区两级”这类可以两种分法的）。宁可漏报，不误报。

## 为什么
《党政机关公文处理工作条例》第二十条要求审核“数字……是否准确”。改稿时增删了一项而忘了改
数字，是起草中最常见、读者最容易发现的硬伤。

## 示例（错误→正确）
- `统筹抓好疫情防控、经济运行、城乡建设、民生保障三项重点` → 列了 4 项：改为“四项重点”或核对列举
- `重点抓好八个方面：` 之后只有（一）至（七） → 改为“七个方面”或补上缺少的一项
- `加快推进A、B、C等两大工程` → 已列 3 项，多于“两大”

## 配置项
本规则只有通用配置项：
```toml
[rules.count-claim]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct CountClaim;

/// Classifiers, longest first.
const CLASSIFIERS: [&str; 20] = [
    "个方面",
    "方面",
    "个",
    "项",
    "大",
    "类",
    "条",
    "种",
    "件",
    "点",
    "家",
    "所",
    "座",
    "名",
    "级",
    "支",
    "场",
    "张",
    "位",
    "批",
];

/// Chinese numerals of a count (一 is left out: `一项` is not a claim to check).
fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Where claims can start. A claim is only checked against a `、`-list that ends right before it
/// or against what follows its colon, so only the text just after each `、` (up to the end of
/// the clause) and just before each colon is searched: two SIMD substring scans instead of a
/// character-by-character pass over the whole text. Sorted, without duplicates.
fn candidates(text: &str) -> Vec<usize> {
    static DUNHAO: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    static COLON: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let dunhao = DUNHAO.get_or_init(|| memchr::memmem::Finder::new("、"));
    let colon = COLON.get_or_init(|| memchr::memmem::Finder::new("："));
    let is_numeral = |c: char| c.is_ascii_digit() || is_cn_numeral(c);
    let mut out = Vec::new();
    let mut scanned_to = 0usize;
    for pos in dunhao.find_iter(text.as_bytes()) {
        let from = (pos + '、'.len_utf8()).max(scanned_to);
        let mut end = from;
        // The last item (at most ~16 characters, maybe quoted) and the claim after it.
        for (i, c) in text[from..].char_indices().take(28) {
            end = from + i;
            if matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '、' | '\n') {
                break;
            }
            if is_numeral(c) {
                out.push(from + i);
            }
        }
        scanned_to = end;
    }
    let ascii_colons = memchr::memchr_iter(b':', text.as_bytes());
    for pos in colon.find_iter(text.as_bytes()).chain(ascii_colons) {
        // `重点抓好八个方面：`, `以下3个方面的工作：`: the claim is within a dozen characters.
        let back = text[..pos]
            .char_indices()
            .rev()
            .take(14)
            .take_while(|&(_, c)| c != '\n')
            .filter(|&(_, c)| is_numeral(c))
            .map(|(i, _)| i);
        out.extend(back);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The claim starting at `start` (a numeral character): number, classifier and noun ranges.
fn claim_at(text: &str, start: usize) -> Option<(Range<usize>, Range<usize>, Range<usize>)> {
    let first = text[start..].chars().next()?;
    let arabic = first.is_ascii_digit();
    let same = |c: char| {
        if arabic {
            c.is_ascii_digit()
        } else {
            is_cn_numeral(c)
        }
    };
    if text[..start].chars().next_back().is_some_and(same) {
        return None; // not the start of the numeral
    }
    let max = if arabic { 2 } else { 3 };
    let mut num_end = start;
    for (n, c) in text[start..].chars().enumerate() {
        if n == max || !same(c) {
            break;
        }
        num_end += c.len_utf8();
    }
    let rest = &text[num_end..];
    let cls = CLASSIFIERS.iter().find(|c| rest.starts_with(*c))?;
    let cls_end = num_end + cls.len();
    let noun_len: usize = text[cls_end..]
        .chars()
        .take(8)
        .take_while(|&c| is_han(c) && c != '一' && !is_cn_numeral(c))
        .map(char::len_utf8)
        .sum();
    Some((
        start..num_end,
        num_end..cls_end,
        cls_end..cls_end + noun_len,
    ))
}

/// Characters that, right before the number, make it part of something else: a bigger number,
/// an ordinal, an approximation or a distributive (`一百二十个`, `第三个`, `近两年`, `各两名`).
/// `劣五类`, `超三类`, `准四类` name a grade (water quality classes, GB 3838-2002).
const NOT_BEFORE: &str = "第零〇一二三四五六七八九十百千万亿两几每各前后近约余多0123456789.．０１２３４５６７８９*＊×Xx劣超准";

/// The rule's word lists, parsed once.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Words {
    fixed_formulations: WordList,
    grade_nouns: WordList,
    level_chars: WordList,
    measures: WordList,
    predicates: WordList,
}

/// The shipped word lists (`rules/words/count-claim.toml`): data with sources, not code.
pub const WORDS_DATA: &str = include_str!("../../../rules/words/count-claim.toml");

pub(crate) fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| word_lists::embedded("count-claim", WORDS_DATA))
}

/// First characters of a "noun" that show the classifier ends the phrase (`十四大的基础上`,
/// `八大决议`, `12项和44项`).
const NOT_NOUN_START: &str = "的和与及或是在为中上以决精作召报通代提、";

/// Largest count checked against a list before it: larger numbers count things (`新建、改扩建
/// 机场33个`), not the listed items.
const MAX_BACKWARD: u32 = 10;

/// A claim found in the text.
struct Claim {
    value: u32,
    /// Number + classifier + noun, as written.
    span: Range<usize>,
    /// Number + classifier.
    head: Range<usize>,
    /// `N级` counts levels (`省、市、县三级`), not other things.
    levels: bool,
}

impl Rule for CountClaim {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "count-claim",
        summary: "数量概括（“五项重点”“八个方面：”）与实际列举的项数不符",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Structure,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(CountClaim)
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        word_lists::sources(WORDS_DATA)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let mut para = 0usize;
        for start in candidates(text) {
            let Some((num, cls, noun)) = claim_at(text, start) else {
                continue;
            };
            let all = num.start..cls.end;
            while para + 1 < doc.paragraphs.len() && doc.paragraphs[para].span.end < all.start {
                para += 1;
            }
            let Some(claim) = parse_claim(text, num.clone(), cls, noun.clone()) else {
                continue;
            };
            let p = &doc.paragraphs[para];
            let body_start = p
                .heading
                .map_or(p.content.start, |h| doc.headings[h].marker.end)
                .min(all.start);
            let before = &text[body_start..all.start];
            // Category counts are written in Chinese numerals (`五项重点`); `4个` states a quantity.
            if claim.value <= MAX_BACKWARD
                && !text.as_bytes()[num.start].is_ascii_digit()
                && text[noun.clone()]
                    .chars()
                    .next()
                    .is_some_and(|c| !NOT_NOUN_START.contains(c))
                && let Some(list) = backward_list(before, body_start)
            {
                // `规划审查、消防审查三级联审`: the items are not the levels counted.
                if !claim.levels || list.levels {
                    check_backward(doc, &claim, &list, out);
                }
                continue;
            }
            let after = &text[noun.end..p.span.end.max(noun.end)];
            if let Some(colon) = colon_after(after) {
                check_forward(
                    doc,
                    cx.get::<enumeration::Enumerations>(),
                    &claim,
                    para,
                    noun.end + colon,
                    out,
                );
            }
        }
    }
}

/// CJK unified ideographs (the basic block and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn parse_claim(
    text: &str,
    num: Range<usize>,
    cls: Range<usize>,
    noun: Range<usize>,
) -> Option<Claim> {
    let number = &text[num.clone()];
    let cls_text = &text[cls.clone()];
    if text[..num.start]
        .chars()
        .next_back()
        .is_some_and(|c| NOT_BEFORE.contains(c))
    {
        return None;
    }
    let value = if number.bytes().all(|b| b.is_ascii_digit()) {
        numerals::parse_arabic(number)?
    } else if number == "两" {
        2
    } else {
        numerals::parse_chinese(number)?
    };
    if !(2..=99).contains(&value) {
        return None;
    }
    let noun_text = &text[noun.clone()];
    if words().measures.starts(noun_text) {
        return None;
    }
    // 大 needs a noun (`三大环节`; `十九大` is a congress).
    if cls_text == "大" && noun_text.is_empty() {
        return None;
    }
    let head = &text[num.start..cls.end];
    let window_start = floor_char(text, num.start.saturating_sub(24));
    let window_end = ceil_char(text, (cls.end + 24).min(text.len()));
    let window = &text[window_start..window_end];
    if words()
        .fixed_formulations
        .words
        .iter()
        .any(|f| f.contains(head) && window.contains(f.as_str()))
    {
        return None;
    }
    // `两大主线之一`: the count is of a set the text does not list here.
    let look_end = ceil_char(text, (noun.start + 30).min(text.len()));
    if text[noun.start..look_end].contains("之一") {
        return None;
    }
    // `两位数`
    if cls_text == "位" && noun_text.starts_with('数') {
        return None;
    }
    // Grades, not counts: `二类口岸`, `二级医院` (a count of two is written 两类, 两级),
    // `三类水体`, `三级及以上`.
    if matches!(cls_text, "类" | "级") && (number == "二" || words().grade_nouns.starts(noun_text))
    {
        return None;
    }
    Some(Claim {
        value,
        span: num.start..noun.end,
        head: num.start..cls.end,
        levels: cls_text == "级",
    })
}

/// A list that ends right before a claim: item count bounds and its span.
struct ListFound {
    span: Range<usize>,
    /// Items separated by `、`.
    min: u32,
    /// Upper bound when a `和/与/及` inside an item may join two items.
    max: u32,
    /// Items joined by conjunctions within the last `、` item.
    tail_parts: u32,
    /// Groups when only the conjunctions divide the list (`中央和省、市、自治区两级`).
    conj_groups: Option<u32>,
    /// `等` / `等等` after the list.
    open_ended: bool,
    /// Every item names an administrative or organisational level (`国家、省、市`).
    levels: bool,
    /// When the list restarts inside an earlier item (`市、区协同共建甲区、乙区、丙区三个`), the
    /// number of items from that item on: the claim may count only those.
    restart: Option<u32>,
}

/// Whether an item states a quantity of its own: a digit, or a numeral with a classifier
/// (`[0-9０-９]|[一二…万][个项…局]` as a regex; a walk over the characters needs no compiled
/// regex at start-up).
fn has_quantity(item: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十两百千万";
    const CLASSIFIERS: &str = "个项家所座条件名种类批大级省市地区县国方部委局";
    let mut after_numeral = false;
    for c in item.chars() {
        if c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || (after_numeral && CLASSIFIERS.contains(c))
        {
            return true;
        }
        after_numeral = NUMERALS.contains(c);
    }
    false
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn backward_list(before: &str, base: usize) -> Option<ListFound> {
    // Connectives between the list and the number.
    let mut end = before.len();
    let mut open_ended = false;
    loop {
        let rest = &before[..end];
        if let Some(r) = rest.strip_suffix("等等") {
            end = r.len();
            open_ended = true;
        } else if let Some(r) = rest.strip_suffix('等') {
            end = r.len();
            open_ended = true;
        } else if let Some(r) = rest
            .strip_suffix("这些")
            .or_else(|| rest.strip_suffix('这'))
            .or_else(|| rest.strip_suffix('共'))
        {
            end = r.len();
        } else {
            break;
        }
    }
    let list_text = &before[..end];
    let last = list_text.chars().next_back()?;
    // `促进经济增长的十项措施`: an attribute, not a list.
    if last == '的' {
        return None;
    }
    let quoted_list = last == '”';
    if !(quoted_list || last.is_alphanumeric() && !matches!(last, '和' | '与' | '及' | '或')) {
        return None;
    }
    // The clause holding the list: back to the nearest clause boundary (at most 200 chars).
    let mut start = end;
    let mut depth = 0i32;
    for (i, c) in list_text.char_indices().rev().take(200) {
        match c {
            '”' | '》' | '）' | ')' => depth += 1,
            '“' | '《' | '（' | '(' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '\n' if depth == 0 => {
                break;
            }
            _ => {}
        }
        start = i;
    }
    let mut clause = &list_text[start..end];
    let mut clause_start = base + start;
    // “A、B、C”三大环节: the list is the quotation.
    if quoted_list
        && let Some(open) = clause.rfind('“')
        && clause[open..].contains('、')
    {
        // “小生产、大市场，投入高、产出低”三大矛盾: a slogan, not a plain list.
        if clause[open..].contains('，') {
            return None;
        }
        clause_start += open + '“'.len_utf8();
        clause = &clause[open + '“'.len_utf8()..clause.len() - '”'.len_utf8()];
    }
    let mut items = split_items(clause)?;
    if items.len() < 2 {
        return None;
    }
    // `国有企业、财税金融、土地要素等经济领域十大改革`: a `等` inside the last item ends the list;
    // the claim counts a wider class.
    if let Some(at) = etc_in(items[items.len() - 1]) {
        let last = items.len() - 1;
        items[last] = &items[last][..at];
        open_ended = true;
    }
    // `市、区协同共建甲区、乙区、丙区三个科创走廊`: an item far longer than every later one holds
    // the start of a second list (subject, verb, first object); the claim may count from there.
    let restart = (1..items.len().saturating_sub(1)).rev().find_map(|i| {
        let n = items[i].chars().count();
        let others = items[1..]
            .iter()
            .enumerate()
            .filter(|&(k, _)| k + 1 != i)
            .map(|(_, s)| s.chars().count())
            .max()
            .unwrap_or(0);
        (n > 2 * others && n >= others + 3).then_some(((items.len() - i) as u32, i))
    });
    // Items must look parallel: short, and not a predicate (`A、B实现了两个转变`).
    let last_len = items.last().map_or(0, |s| s.chars().count());
    for (i, item) in items.iter().enumerate() {
        let n = item.chars().count();
        if n == 0 {
            return None;
        }
        if i > 0 && (n > 16 || item.contains('的') || words().predicates.within(item)) {
            return None;
        }
        // `二、从增加供给和抑制需求两方面`: an inline ordinal, not an item.
        if item
            .chars()
            .all(|c| "一二三四五六七八九十0123456789".contains(c))
        {
            return None;
        }
        if i > 0 && i + 1 < items.len() && n > (2 * last_len).max(last_len + 8) && restart.is_none()
        {
            return None;
        }
    }
    // Items that carry their own quantities (`大棚300个、温室20个`) are a tally, not a list.
    if items.iter().any(|item| has_quantity(item)) {
        return None;
    }
    let joins: u32 = items
        .iter()
        .map(|s| s.matches(['和', '与', '及']).count() as u32)
        .sum();
    let min = items.len() as u32;
    // `哈萨尔大街和西头道街两条`: the conjunction may bind the last items only.
    let tail_parts = items
        .last()
        .map_or(1, |t| t.matches(['和', '与', '及']).count() as u32 + 1);
    // The first item starts at the clause start (`建立国家`): only its end must be a level.
    let is_level = |item: &str| {
        let n = item.chars().count();
        (1..=4).contains(&n) && item.chars().all(|c| words().level_chars.has_char(c))
    };
    let levels = items[0]
        .chars()
        .next_back()
        .is_some_and(|c| words().level_chars.has_char(c))
        && items[1..].iter().all(|item| is_level(item));
    // A restarted list is shown from its restarting item.
    let shown_from = restart.map_or(0, |(_, i)| {
        items[i].as_ptr() as usize - clause.as_ptr() as usize
    });
    let restart = restart.map(|(count, _)| count);
    Some(ListFound {
        tail_parts,
        span: clause_start + shown_from..clause_start + clause.len(),
        min,
        max: min + joins,
        conj_groups: (joins > 0).then_some(joins + 1),
        open_ended,
        levels,
        restart,
    })
}

/// Byte offset of a `等` (“etc.”) inside `item`, not the one of `高等`, `同等`, `等级` ….
fn etc_in(item: &str) -> Option<usize> {
    const WORD_BEFORE: &str = "高中初平同对均相优上次头特超一二三四五六七八九十甲乙丙何";
    const WORD_AFTER: &str = "级同于待候额量值效距高次价";
    item.char_indices().find_map(|(i, c)| {
        let before = item[..i].chars().next_back();
        let after = item[i + c.len_utf8()..].chars().next();
        (c == '等'
            && i > 0
            && !before.is_some_and(|b| WORD_BEFORE.contains(b))
            && !after.is_some_and(|a| WORD_AFTER.contains(a)))
        .then_some(i)
    })
}

/// Splits a list on top-level `、`. Returns `None` when there is no top-level `、` (and no
/// adjacent quotations `“A”“B”`).
fn split_items(clause: &str) -> Option<Vec<&str>> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut last = 0usize;
    let mut adjacent_quotes = 0usize;
    let mut prev: Option<char> = None;
    for (i, c) in clause.char_indices() {
        match c {
            '“' | '《' | '（' | '(' | '‘' => {
                if c == '“' && prev == Some('”') && depth == 0 {
                    adjacent_quotes += 1;
                }
                depth += 1;
            }
            '”' | '》' | '）' | ')' | '’' => depth -= 1,
            '、' if depth == 0 => {
                items.push(&clause[last..i]);
                last = i + c.len_utf8();
            }
            _ => {}
        }
        prev = Some(c);
    }
    if items.is_empty() {
        if adjacent_quotes > 0 && clause.starts_with('“') && clause.ends_with('”') {
            // “多规合一”“多图合一”两项
            return Some(clause.split("”“").collect());
        }
        return None;
    }
    // The last item may hold a final conjunction (A、B和C): the caller allows for it.
    items.push(&clause[last..]);
    Some(items)
}

fn check_backward(doc: &Document, claim: &Claim, list: &ListFound, out: &mut Reporter) {
    let v = claim.value;
    let wrong = if list.open_ended {
        v < list.min && list.restart.is_none_or(|r| v < r)
    } else {
        (v < list.min || v > list.max)
            && list.conj_groups != Some(v)
            && !(list.tail_parts >= 2 && v == list.tail_parts)
            && list.restart != Some(v)
    };
    if !wrong {
        return;
    }
    let written = &doc.text[claim.span.clone()];
    let listed = if let Some(r) = list.restart {
        format!("{r} 项")
    } else if list.min == list.max {
        format!("{} 项", list.min)
    } else {
        format!("{}–{} 项", list.min, list.max)
    };
    let message = if list.open_ended {
        format!(
            "数量不符：{}之前列举了 {listed}（带“等”），多于“{}”",
            quoted(written),
            &doc.text[claim.head.clone()]
        )
    } else {
        format!(
            "数量不符：{}之前列举了 {listed}，与“{}”不一致",
            quoted(written),
            &doc.text[claim.head.clone()]
        )
    };
    let mut f = Finding::at(claim.head.clone(), message)
        .with_help("核对列举的内容：是漏写、多写了一项，还是数字没有随之修改")
        .with_related(list.span.clone(), "所列各项");
    if list.min == list.max && !list.open_ended && list.restart.is_none() {
        f = f.with_fix(claim.head.clone(), replacement(doc, claim, list.min), false);
    }
    out.push(f);
}

/// The claim's number rewritten as `n`, in the same script.
fn replacement(doc: &Document, claim: &Claim, n: u32) -> String {
    let head = &doc.text[claim.head.clone()];
    let digits_end = head
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || "两二三四五六七八九十".contains(c)))
        .map_or(head.len(), |(i, _)| i);
    let number = if head.as_bytes()[0].is_ascii_digit() {
        n.to_string()
    } else if n == 2 && head.starts_with('两') {
        "两".to_owned()
    } else {
        numerals::to_chinese(n)
    };
    format!("{number}{}", &head[digits_end..])
}

/// `八个方面：` or `以下三个方面的工作：`: the byte offset of the colon in `after`, when the claim
/// leads into what follows.
fn colon_after(after: &str) -> Option<usize> {
    for (n, (i, c)) in after.char_indices().enumerate() {
        if c == '：' || c == ':' {
            return Some(i);
        }
        if n >= 8 || !c.is_alphanumeric() && c != '的' {
            return None;
        }
    }
    None
}

fn check_forward(
    doc: &Document,
    analysis: &enumeration::Enumerations,
    claim: &Claim,
    para: usize,
    colon: usize,
    out: &mut Reporter,
) {
    let p = &doc.paragraphs[para];
    let rest = doc.text[colon..p.span.end].trim_start_matches(['：', ':']);
    let counted: Option<(u32, Range<usize>, &str)> = if rest.trim().is_empty() {
        // The list follows in the next paragraphs: headings or enumerators.
        let next = (para + 1..doc.paragraphs.len()).find(|&i| !doc.paragraphs[i].is_blank());
        next.and_then(|n| {
            if let Some(h) = doc.paragraphs[n].heading {
                heading_run(doc, h).map(|(count, span)| (count, span, "个标题"))
            } else {
                let from = doc.paragraphs[n].span.start;
                sequence_from(doc, analysis, from, |e| {
                    e.paragraph == n && e.starts_paragraph
                })
                .map(|(count, span)| (count, span, "项"))
            }
        })
    } else {
        // Enumerators right after the colon in the same paragraph.
        let at = colon;
        sequence_from(doc, analysis, at, |e| {
            e.paragraph == para && e.span.start > at && e.span.start <= at + 12
        })
        .map(|(count, span)| (count, span, "项"))
    };
    let Some((count, span, what)) = counted else {
        return;
    };
    if count == claim.value {
        return;
    }
    // Fewer enumerated items than claimed, but the paragraph goes on to name more in prose
    // (`一是…二是…。在这两大类之间，还有…一类是…另一类是…`).
    if count < claim.value
        && doc.paragraphs[para].span.end > span.end
        && ["另一", "此外", "还有", "一类是", "再者"]
            .iter()
            .any(|w| doc.text[span.end..doc.paragraphs[para].span.end].contains(w))
    {
        return;
    }
    let written = &doc.text[claim.span.clone()];
    out.push(
        Finding::at(
            claim.head.clone(),
            format!("数量不符：{}，下文实际列了 {count} {what}", quoted(written)),
        )
        .with_help("核对下文各项：是漏写、多写了一项，还是数字没有随之修改")
        .with_related(span, "下文最后一项")
        .with_fix(claim.head.clone(), replacement(doc, claim, count), false),
    );
}

/// Siblings starting at heading `first` (numbered 1) that count on 1, 2, 3 …: their number and
/// the last one's marker.
fn heading_run(doc: &Document, first: usize) -> Option<(u32, Range<usize>)> {
    let h0: &Heading = &doc.headings[first];
    if h0.value != 1 {
        return None;
    }
    let mut count = 1u32;
    let mut last = h0.marker.clone();
    for h in &doc.headings[first + 1..] {
        if h.level < h0.level {
            break;
        }
        if h.level == h0.level && h.parent == h0.parent {
            if h.value == count + 1 {
                count += 1;
                last = h.marker.clone();
            } else {
                break;
            }
        }
    }
    Some((count, last))
}

/// The first sequence that starts at or after byte `from`, if its first item (numbered 1)
/// satisfies `pick`: its number of items and the last item. Sequences are ordered by their first
/// item, so this is a binary search.
fn sequence_from(
    doc: &Document,
    analysis: &enumeration::Enumerations,
    from: usize,
    pick: impl Fn(&crate::document::Enumerator) -> bool,
) -> Option<(u32, Range<usize>)> {
    let first_start = |s: &enumeration::EnumSequence| doc.enumerators[s.items[0]].span.start;
    let i = analysis
        .sequences
        .partition_point(|s| first_start(s) < from);
    let seq = analysis.sequences.get(i).filter(|s| {
        let e = &doc.enumerators[s.items[0]];
        e.value == 1 && pick(e)
    })?;
    // Items as written: a repeated 一是 is still an item (enumeration-sequence reports the number).
    let last = doc.enumerators[*seq.items.last().expect("non-empty")]
        .span
        .clone();
    Some((seq.items.len() as u32, last))
}

#[cfg(test)]
mod tests {
    #[test]
    fn has_quantity_is_the_regex_it_replaces() {
        let re = regex::Regex::new(
            r"[0-9０-９]|[一二三四五六七八九十两百千万][个项家所座条件名种类批大级省市地区县国方部委局]",
        )
        .unwrap();
        for item in [
            "",
            "甲区",
            "3家",
            "３家",
            "三个",
            "两项工作",
            "十大",
            "万",
            "个三",
            "一二",
            "三一个",
            "千人",
            "百强县",
            "五大洲",
            "第一",
            "两",
            "九个九",
            "X项",
            "一、二个",
        ] {
            assert_eq!(super::has_quantity(item), re.is_match(item), "{item:?}");
        }
    }
}
