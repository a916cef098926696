//! `halfwidth-punctuation`: ASCII `, . ; : ? ! ( ) " '` in Chinese running text.

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::document::marks::is_chinese;
use crate::rules::{Category, LintContext, NoOptions, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain halfwidth-punctuation`).
pub const DOCS: &str = r#"# halfwidth-punctuation：中文里用了半角标点

## 检查内容
紧挨汉字或全角标点的半角 `, . ; : ? ! ( ) " '` 应改为全角 `， 。 ； ： ？ ！ （ ） “” ‘’`。

不报告：小数和数字中的点、逗号、冒号（`3.5`、`1,000`、`10:30`）；段首的层次序号（`1.`、`(1)`
由 `malformed-marker` 检查）；网址和电子邮件地址；两边都是英文字母或数字的（英文词句）；以英文为主的
行（英文字母多于汉字）；
连续的点（`...` 由 `nonstandard-ellipsis` 检查）；一半全角、一半半角的括号（`（…)` 由
`unmatched-pair` 检查）；英文单词里的撇号（`don't`、`China's`）；表示分、秒或英尺、英寸的撇号
（`5'30"`、`30°15'20"`、段内引号配对后多出来的 `15"`）。

修改建议：`, ; : ? ! ( )` 和句末的 `.` 可安全自动替换；紧挨着同一个全角标点的半角 `.` `?` `!`
（`要求.。`）建议删去，以免替换后成了 `。。`。半角引号 `"` `'` 在一段之内配对，分别改为
前引号（`“` `‘`）或后引号（`”` `’`），需要人工确认：
- 配对把段内所有引号都算上，包括不挨着汉字、本身不报告的（`"AI" 和"大数据"`）和已经是全角的
  （`“放管服"` 里的 `"` 是后引号，`"一带一路”` 里的 `"` 是前引号）；
- 前后的字符也作判断：段首、空格、`，、；：（` 之后是前引号，`，。、；：！？）` 之前、段末是后引号；
- 跨段引文（每段以前引号开头、只有最后一段闭合）按段首的前引号配对；
- 一段里引号个数为奇数时，多出的一个按未闭合的前引号处理；只有上一段也留有未闭合的引号时，
  才考虑本段第一个是承接上一段的后引号；
- 配对不明时（如上一段留有未闭合的引号、本段引号个数又是奇数，前后都是汉字；或全角引号里套着
  一对半角引号 `“他说"放管服"改革”`），只提示，不给替换，以免把前引号改成后引号。

## 为什么
GB/T 15834-2011 第 5 章：标点符号占一个字的位置，即在中文中用全角形式。半角标点多来自英文
输入法或从网页复制，排版后字距不齐，也是审校最常见的问题之一。

## 示例（错误→正确）
- `加强领导,确保落实.` → `加强领导，确保落实。`
- `波鸿(中国)有限公司` → `波鸿（中国）有限公司`
- `"双招双引"` → `“双招双引”`
- `推进“放管服"改革` → `推进“放管服”改革`

## 配置项
本规则只有通用配置项：
```toml
[rules.halfwidth-punctuation]
severity = "warning"
enabled = true
```
"#;

/// The rule.
pub struct HalfwidthPunctuation;

fn full_width(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        '.' => "。",
        ';' => "；",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// Whether the `;` at `pos` ends an HTML entity (`&nbsp;`, `&#9826;`).
fn is_entity_end(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(10);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let head = &text[from..pos];
    head.rfind('&').is_some_and(|amp| {
        let name = &head[amp + 1..];
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'#')
    })
}

/// Whether the run of non-space ASCII around `pos` is a URL or an e-mail address.
fn in_address(text: &str, pos: usize) -> bool {
    let bytes = text.as_bytes();
    let is_token = |b: u8| b.is_ascii_graphic();
    let mut start = pos;
    while start > 0 && pos - start < 200 && is_token(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = pos;
    while end < bytes.len() && end - pos < 200 && is_token(bytes[end]) {
        end += 1;
    }
    let token = &text[start..end];
    token.contains("://") || token.contains("www.") || token.contains('@')
}

/// The ASCII quotation marks of a paragraph by position, with their directions.
pub(crate) type QuoteDirs = Vec<(usize, Option<Dir>)>;

/// Whether a quotation mark opens or closes a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Opens a quotation.
    Open,
    /// Closes it.
    Close,
}

/// One quotation mark of a paragraph, ASCII or full-width.
struct Quote {
    pos: usize,
    end: usize,
    ascii: bool,
    /// A full-width mark as written; an ASCII one as its neighbours tell, when they do.
    known: Option<Dir>,
}

/// Whether the `"` at `pos` is a double prime after minutes or feet (`5'30"`, `30°15'20"`).
fn is_double_prime(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    head.len() < pos
        && head.ends_with(['\'', '′'])
        && head[..head.len() - 1]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
}

/// What the neighbours of a quotation mark say about its direction: after the start of the
/// paragraph, a space or a mark that leads into text (`，、；：（—`) it opens; before the end, a space
/// or a mark that follows text (`，。、；：！？）…`) it closes. Between two characters of text (or
/// after `。！？`, which may end a quoted sentence or precede a new quotation) they do not tell.
fn context_dir(doc: &Document, para: usize, pos: usize, end: usize) -> Option<Dir> {
    let p = &doc.paragraphs[para];
    let prev = if pos <= p.content.start {
        None
    } else {
        doc.char_before(pos)
    };
    let next = if end >= p.content.end {
        None
    } else {
        doc.char_at(end)
    };
    let opens = prev.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '，' | '、'
                    | '；'
                    | '：'
                    | '（'
                    | '【'
                    | '《'
                    | '〈'
                    | '〔'
                    | '［'
                    | '「'
                    | '『'
                    | '“'
                    | '‘'
                    | '—'
                    | ','
                    | ';'
                    | ':'
                    | '('
                    | '['
            )
    });
    let closes = next.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '，' | '。'
                    | '、'
                    | '；'
                    | '：'
                    | '！'
                    | '？'
                    | '）'
                    | '】'
                    | '》'
                    | '〉'
                    | '〕'
                    | '］'
                    | '」'
                    | '』'
                    | '”'
                    | '’'
                    | '…'
                    | '—'
                    | ','
                    | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
            )
    });
    match (opens, closes) {
        (true, false) => Some(Dir::Open),
        (false, true) => Some(Dir::Close),
        _ => None,
    }
}

/// The directions the quotes would have if they alternated starting with an opening
/// (`first_open`) or a closing mark, when that agrees with every known direction.
fn alternation(quotes: &[&Quote], first_open: bool) -> Option<Vec<Dir>> {
    let dirs: Vec<Dir> = (0..quotes.len())
        .map(|i| {
            if (i % 2 == 0) == first_open {
                Dir::Open
            } else {
                Dir::Close
            }
        })
        .collect();
    quotes
        .iter()
        .zip(&dirs)
        .all(|(q, d)| q.known.is_none_or(|k| k == *d))
        .then_some(dirs)
}

/// How many quotations of a reading hold a clause break (`，。；：！？`): 公文 mostly quote short
/// terms (“放管服”“一带一路”), so of two readings the one with fewer such quotations wins.
fn clause_breaks(text: &str, quotes: &[&Quote], dirs: &[Dir]) -> usize {
    let mut open = None;
    let mut n = 0;
    for (q, d) in quotes.iter().zip(dirs) {
        match d {
            Dir::Open => open = Some(q.end),
            Dir::Close => {
                if let Some(from) = open.take()
                    && let Some(inside) = text.get(from..q.pos)
                    && inside.contains(['，', '。', '；', '：', '！', '？'])
                {
                    n += 1;
                }
            }
        }
    }
    n
}

/// Pairs one family of quotation marks (double or single) of a paragraph. Every reading that fits
/// the known directions is tried:
/// - all marks alternating from an opening one (an even count), or, for an odd count, also from a
///   closing one (a quotation carried over from the previous paragraph, which must then have an
///   odd number of quotation marks);
/// - when ASCII and full-width marks are mixed, each width alternating on its own (ASCII quotes
///   nested in full-width ones), unless its quotations hold more clause breaks.
///
/// A mark gets the direction all readings agree on; otherwise only what its neighbours say
/// (`None`: ambiguous, no replacement is suggested).
fn resolve(text: &str, quotes: &[Quote], carried_in: bool) -> Vec<Option<Dir>> {
    let n = quotes.len();
    let all: Vec<&Quote> = quotes.iter().collect();
    let mut readings: Vec<(Vec<Option<Dir>>, usize)> = Vec::new();
    let from_open = alternation(&all, true);
    let from_close = alternation(&all, false);
    let merged: Vec<Vec<Dir>> = if n.is_multiple_of(2) {
        from_open.or(from_close).into_iter().collect()
    } else {
        // Starting with a closing mark needs a quotation left open by the previous paragraph.
        let from_close = from_close.filter(|_| carried_in);
        [from_open, from_close].into_iter().flatten().collect()
    };
    for r in merged {
        let breaks = clause_breaks(text, &all, &r);
        readings.push((r.into_iter().map(Some).collect(), breaks));
    }
    let ascii: Vec<&Quote> = quotes.iter().filter(|q| q.ascii).collect();
    let wide: Vec<&Quote> = quotes.iter().filter(|q| !q.ascii).collect();
    if !ascii.is_empty()
        && !wide.is_empty()
        && ascii.len().is_multiple_of(2)
        && let (Some(a), Some(w)) = (alternation(&ascii, true), alternation(&wide, true))
    {
        let breaks = clause_breaks(text, &ascii, &a) + clause_breaks(text, &wide, &w);
        let mut a = a.into_iter();
        readings.push((
            quotes
                .iter()
                .map(|q| if q.ascii { a.next() } else { q.known })
                .collect(),
            breaks,
        ));
    }
    let fewest = readings.iter().map(|r| r.1).min().unwrap_or(0);
    readings.retain(|r| r.1 == fewest);
    (0..n)
        .map(|i| match readings.first() {
            Some((r, _)) if readings.iter().all(|o| o.0[i] == r[i]) => r[i],
            _ => quotes[i].known,
        })
        .collect()
}

/// The ASCII quotation marks of a paragraph with their directions, by position. Apostrophes
/// (`don't`) and primes (`5'30"`) are left out.
pub(crate) fn paragraph_quotes(doc: &Document, para: usize) -> QuoteDirs {
    let text = doc.text.as_str();
    let span = doc.paragraphs[para].span.clone();
    let marks = doc.marks();
    let lo = marks.partition_point(|m| m.pos < span.start);
    let hi = marks.partition_point(|m| m.pos < span.end);
    let mut out = Vec::new();
    for (ascii_mark, open, close) in [('"', '“', '”'), ('\'', '‘', '’')] {
        let mut quotes = Vec::new();
        for m in &marks[lo..hi] {
            let prev = doc.char_before(m.pos);
            let next = doc.char_at(m.end());
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            let (ascii, known) = if m.ch == ascii_mark {
                if (m.ch == '\'' && latin(prev) && latin(next))
                    || (m.ch == '\''
                        && prev.is_some_and(|c| c.is_ascii_digit())
                        && next == Some('"'))
                    || (m.ch == '"' && is_double_prime(text, m.pos))
                {
                    continue;
                }
                (true, context_dir(doc, para, m.pos, m.end()))
            } else if m.ch == open {
                (false, Some(Dir::Open))
            } else if m.ch == close {
                // `China’s`: an apostrophe.
                if m.ch == '’' && latin(prev) && latin(next) {
                    continue;
                }
                (false, Some(Dir::Close))
            } else {
                continue;
            };
            quotes.push(Quote {
                pos: m.pos,
                end: m.end(),
                ascii,
                known,
            });
        }
        // `15"`: an inch (or second) mark after a number, when the paragraph's quotes pair up
        // without it.
        if !quotes.len().is_multiple_of(2)
            && let Some(k) = (0..quotes.len()).rev().find(|&k| {
                let q = &quotes[k];
                q.ascii
                    && doc.char_before(q.pos).is_some_and(|c| c.is_ascii_digit())
                    && q.known != Some(Dir::Open)
                    && alternation(
                        &quotes
                            .iter()
                            .enumerate()
                            .filter(|&(i, _)| i != k)
                            .map(|(_, q)| q)
                            .collect::<Vec<_>>(),
                        true,
                    )
                    .is_some()
            })
        {
            quotes.remove(k);
        }
        let carried_in = doc.paragraphs[..para]
            .iter()
            .rev()
            .find(|p| !p.is_blank())
            .is_some_and(|p| {
                let lo = marks.partition_point(|m| m.pos < p.span.start);
                let hi = marks.partition_point(|m| m.pos < p.span.end);
                let n = marks[lo..hi]
                    .iter()
                    .filter(|m| {
                        m.ch == open
                            || m.ch == close
                            || (m.ch == ascii_mark
                                && !(doc
                                    .char_before(m.pos)
                                    .is_some_and(|c| c.is_ascii_alphanumeric())
                                    && doc
                                        .char_at(m.end())
                                        .is_some_and(|c| c.is_ascii_alphanumeric())))
                    })
                    .count();
                n % 2 == 1
            });
        let dirs = resolve(text, &quotes, carried_in);
        out.extend(
            quotes
                .iter()
                .zip(dirs)
                .filter(|(q, _)| q.ascii)
                .map(|(q, d)| (q.pos, d)),
        );
    }
    out.sort_unstable_by_key(|q| q.0);
    out
}

/// The finding for an ASCII quotation mark: the full-width mark of the direction pairing gives,
/// or no replacement when the direction cannot be told.
fn quote_finding(c: char, dir: Option<Dir>, span: std::ops::Range<usize>) -> Finding {
    let help = "改为全角引号（GB/T 15834-2011 第 5 章）；前引号和后引号按引文的起止区分";
    let Some(dir) = dir else {
        let pair = if c == '"' { "“ ”" } else { "‘ ’" };
        return Finding::at(
            span,
            format!("半角引号（{c}）：中文里应使用全角引号（{pair}），前后配对不明，无法判断是前引号还是后引号"),
        )
        .with_help(help);
    };
    let (replacement, which, name) = match (c, dir) {
        ('"', Dir::Open) => ("“", "前引号", "前引号"),
        ('"', Dir::Close) => ("”", "后引号", "后引号"),
        (_, Dir::Open) => ("‘", "前引号", "前单引号"),
        (_, Dir::Close) => ("’", "后引号", "后单引号"),
    };
    Finding::at(
        span.clone(),
        format!("半角引号（{c}）：这里是{which}，中文里应使用全角{name}（{replacement}）"),
    )
    .with_help(help)
    .with_fix(span, replacement, false)
}

impl Rule for HalfwidthPunctuation {
    type Options = NoOptions;

    const META: RuleMeta = RuleMeta {
        id: "halfwidth-punctuation",
        summary: "中文里用了半角标点（, . ; : ? ! ( ) \" '）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(_: NoOptions) -> Result<Self, String> {
        Ok(HalfwidthPunctuation)
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        let marks = doc.marks();
        // Brackets paired per paragraph: a half-width bracket whose partner is full-width is a
        // width mismatch, reported by unmatched-pair.
        let mut mixed: Vec<usize> = Vec::new();
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut para_end = 0usize;
        for m in marks {
            if m.pos > para_end {
                stack.clear();
                para_end = doc.paragraphs[doc.paragraph_at(m.pos)].span.end;
            }
            match m.ch {
                '(' | '（' => stack.push((m.pos, m.ch)),
                ')' | '）' => {
                    if let Some((open, och)) = stack.pop()
                        && (och == '(') != (m.ch == ')')
                    {
                        mixed.push(open);
                        mixed.push(m.pos);
                    }
                }
                _ => {}
            }
        }
        mixed.sort_unstable();

        // Directions of the paragraph's ASCII quotation marks, worked out once per paragraph.
        let mut quote_dirs: Option<(std::ops::Range<usize>, QuoteDirs)> = None;
        let mut english_line: Option<(usize, bool)> = None; // (paragraph, mostly English)
        for (i, m) in marks.iter().enumerate() {
            let c = m.ch;
            if !matches!(
                c,
                ',' | '.' | ';' | ':' | '?' | '!' | '(' | ')' | '"' | '\''
            ) {
                continue;
            }
            let prev = doc.char_before(m.pos);
            let next = doc.char_at(m.end());
            if !(is_chinese(prev) || is_chinese(next)) {
                continue;
            }
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                continue;
            }
            // `附件：1.国土资源部…`, `2月份.xlsx`, `www.gov.cn`: a list number, a file extension or a
            // domain, not a full stop.
            if c == '.'
                && (prev.is_some_and(|p| p.is_ascii_digit())
                    || next.is_some_and(|n| n.is_ascii_alphanumeric()))
            {
                continue;
            }
            // `&#9826;`: an HTML entity left by a web page (not a semicolon).
            if c == ';' && is_entity_end(text, m.pos) {
                continue;
            }
            // `…restarts at 一; some headings`: English text with a Chinese word in it.
            if matches!(c, ',' | '.' | ';' | ':' | '?' | '!')
                && text[m.end()..]
                    .trim_start_matches(' ')
                    .starts_with(|n: char| n.is_ascii_alphabetic())
                && text[m.end()..].starts_with(' ')
            {
                continue;
            }
            // A run of dots is an ellipsis (nonstandard-ellipsis).
            let dot_run = c == '.'
                && (marks
                    .get(i + 1)
                    .is_some_and(|n| n.ch == '.' && n.pos == m.end())
                    || (i > 0 && marks[i - 1].ch == '.' && marks[i - 1].end() == m.pos));
            if dot_run {
                continue;
            }
            let para = doc.paragraph_at(m.pos);
            // A line written mostly in English (a README, a quoted English passage) keeps its
            // English punctuation around the odd Chinese word.
            let english = match english_line {
                Some((p, e)) if p == para => e,
                _ => {
                    let line = &text[doc.paragraphs[para].span.clone()];
                    let latin = line.chars().filter(char::is_ascii_alphabetic).count();
                    let han = line
                        .chars()
                        .filter(|&c| crate::document::marks::is_han(c))
                        .count();
                    let e = latin > han;
                    english_line = Some((para, e));
                    e
                }
            };
            if english {
                continue;
            }
            if let Some(h) = doc.paragraphs[para].heading
                && m.pos < doc.headings[h].marker.end
            {
                continue;
            }
            if (c == '(' || c == ')') && mixed.binary_search(&m.pos).is_ok() {
                continue;
            }
            if c.is_ascii_punctuation() && in_address(text, m.pos) {
                continue;
            }
            let span = m.pos..m.end();
            let finding = match c {
                '"' | '\'' => {
                    let pspan = doc.paragraphs[para].span.clone();
                    if quote_dirs.as_ref().is_none_or(|(s, _)| *s != pspan) {
                        quote_dirs = Some((pspan.clone(), paragraph_quotes(doc, para)));
                    }
                    let dirs = &quote_dirs.as_ref().expect("just set").1;
                    let Ok(k) = dirs.binary_search_by_key(&m.pos, |q| q.0) else {
                        // An apostrophe or a prime (`5'30"`), not a quotation mark.
                        continue;
                    };
                    quote_finding(c, dirs[k].1, span)
                }
                // `要求.。`: the full-width mark is already there; replacing would double it.
                _ if matches!(c, '.' | '?' | '!')
                    && full_width(c).is_some_and(|w| {
                        let w = w.chars().next();
                        prev == w || next == w
                    }) =>
                {
                    let w = full_width(c).expect("listed above");
                    Finding::at(
                        span.clone(),
                        format!("半角标点“{c}”紧挨着全角“{w}”：删去多余的半角“{c}”"),
                    )
                    .with_help("同一处停顿只用一个标点（GB/T 15834-2011 第 4 章）")
                    .with_fix(span, "", true)
                }
                _ => {
                    let replacement = full_width(c).expect("listed above");
                    Finding::at(
                        span.clone(),
                        format!("半角标点“{c}”：中文里应使用全角“{replacement}”"),
                    )
                    .with_help("改为全角标点（GB/T 15834-2011 第 5 章）")
                    .with_fix(span, replacement, true)
                }
            };
            out.push(finding);
        }
    }
}
