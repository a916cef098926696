//! `unmatched-pair`: paired punctuation (《》“”（）【】…) without its partner, or crossed.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::rules::punctuation::halfwidth_punctuation::{Dir, QuoteDirs, paragraph_quotes};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// Embedded docs (`gwlint explain unmatched-pair`).
pub const DOCS: &str = r#"# unmatched-pair：成对标点不配对

## 检查内容
书名号《》〈〉、引号“”‘’、括号（）()【】〔〕、直角引号「」『』必须成对出现并正确嵌套，
检查范围是一个段落（一行）：
- 多出的后一半（如 `出台意见》` 前面没有“《”）报告在这个后一半上；
- 没有闭合的前一半报告在前一半上；
- 交叉嵌套（`《“》”`）报告在第二个前一半（“）上，并标出先闭合的“》”；
- 全角“（”用半角“)”闭合（或反过来）、前引号“用后单引号’闭合（或反过来，`“六五’期间`）报告在
  闭合的一半上，并给出替换建议。

不报告：跨段引文——GB/T 15834-2011 第 4.8 条规定，引文有多段时每段开头用前引号、只在最后一段
末尾用后引号；分两行排的标题（两行都较短、第一行不以标点结束）；网页导出时被拆到几行上的短小片段
（`【字号：`、`大`、`小`、`】` 各占一行，最多跨 6 行）；网页上当箭头用的 `》》`、`《《`；行内编号
`1）`、`a)`、`一）`；英文里的撇号 `China’s`；由半角引号补齐的一对（`“放管服"`、`"一带一路”`：
半角引号按段内配对算作后引号或前引号，它的宽度由 `halfwidth-punctuation` 报告）。

## 为什么
GB/T 15834-2011 规定引号、括号、书名号都由前后两半组成。只剩一半多是删改时丢了内容：例如
`出台《关于……的意见》` 删去文件名时连同“《”一起删掉，只留下 `出台意见》`。

## 示例（错误→正确）
- `出台意见》，在全市率先…` → `出台《关于加快科技创新的意见》，在全市率先…`
- `印发《关于进一步加强管理的通知` → `印发《关于进一步加强管理的通知》`
- `《“十四五”规划》`（正确）；`《“十四五》规划”` → 交叉嵌套
- `（详见附件)` → `（详见附件）`

## 配置项
```toml
[rules.unmatched-pair]
severity = "error"
# 检查哪些成对符号：每项两个字符，前一半在前
pairs = ["《》", "〈〉", "“”", "‘’", "（）", "()", "【】", "〔〕", "「」", "『』"]
# 允许跨段引文（每段以“开头、只有最后一段闭合）
multi-paragraph-quotes = true
```
"#;

/// Options.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Pairs as two-character strings, opener first (the list is data: in `rules/default.toml`).
    pub pairs: Vec<String>,
    /// Allow quotations running over several paragraphs.
    pub multi_paragraph_quotes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pairs: Vec::new(),
            multi_paragraph_quotes: true,
        }
    }
}

/// Mark indices standing for a half-width `"` and `'` (paired with “” and ‘’).
const ASCII_DOUBLE: usize = usize::MAX;
const ASCII_SINGLE: usize = usize::MAX - 1;

/// How deep the stack is searched for a closer's opener; deeper nesting is treated as unmatched,
/// which keeps adversarial input (100 000 nested brackets) linear.
const SEARCH_DEPTH: usize = 32;

/// The rule.
pub struct UnmatchedPair {
    /// (opener, closer) per pair index.
    pairs: Vec<(char, char)>,
    /// Multi-byte marks. Automaton pattern k is mark `wide_marks[k]`.
    automaton: Option<AhoCorasick>,
    /// Mark index (pair*2, +1 for the closer) of each automaton pattern.
    wide_marks: Vec<usize>,
    /// ASCII marks `(byte, mark index)`, found with memchr: one-byte patterns would defeat the
    /// automaton's prefilter (every CJK punctuation mark shares its first byte with 《 “ （).
    ascii_marks: Vec<(u8, usize)>,
    multi_paragraph_quotes: bool,
    /// Every configured mark is punctuation, so the shared scan finds them all.
    all_marks_scanned: bool,
    /// Configured marks in mark-index order (pair * 2, + 1 for the closer).
    mark_chars: Vec<char>,
}

#[derive(Debug, Clone)]
struct Open {
    pair: usize,
    pos: usize,
    crossed_by: Option<usize>,
    /// Line breaks this mark was carried over (a title over two lines, a fragment split by a
    /// web export; see [`UnmatchedPair::bridges_line_break`]).
    carried: usize,
    /// An ASCII `"` or `'` that pairing in its paragraph makes an opening quote: it may be closed
    /// by a full-width mark (`"一带一路”`), and is never reported itself (halfwidth-punctuation
    /// reports its width).
    ascii: bool,
}

/// A line this short without closing punctuation may be the first line of a title or 题注 laid
/// out over two lines (GB/T 9704-2012 §7.3.1 allows multi-line titles).
const TITLE_LINE_CHARS: usize = 40;

/// A line of at most this many characters that ends no sentence is a fragment broken off a line
/// (web page widgets such as `【字号：` / `大` / `中` / `小` / `】`, words split by a scrape).
const FRAGMENT_CHARS: usize = 8;

/// How many line breaks a mark is carried over through fragments before it counts as unmatched.
const MAX_FRAGMENT_BRIDGES: usize = 6;

impl UnmatchedPair {
    /// Builds the automaton over every opener and closer.
    pub fn new(options: Options) -> Result<Self, String> {
        let mut pairs = Vec::new();
        for p in options.pairs {
            let chars: Vec<char> = p.chars().collect();
            if chars.len() != 2 || chars[0] == chars[1] {
                return Err(format!(
                    "pairs 中的“{p}”必须是两个不同的字符，前一半在前，例如 \"《》\""
                ));
            }
            if pairs
                .iter()
                .any(|&(o, c)| o == chars[0] || c == chars[1] || o == chars[1] || c == chars[0])
            {
                return Err(format!("pairs 中的“{p}”与其他项重复"));
            }
            pairs.push((chars[0], chars[1]));
        }
        let marks: Vec<char> = pairs.iter().flat_map(|&(o, c)| [o, c]).collect();
        let mut ascii_marks: Vec<(u8, usize)> = marks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii())
            .map(|(i, &c)| (c as u8, i))
            .collect();
        // memchr searches at most three bytes at once; more ASCII marks go to the automaton.
        let spill = ascii_marks.len().saturating_sub(3);
        let spilled: Vec<usize> = ascii_marks.drain(..spill).map(|(_, i)| i).collect();
        let wide_marks: Vec<usize> = (0..marks.len())
            .filter(|&i| !marks[i].is_ascii() || spilled.contains(&i))
            .collect();
        let patterns: Vec<String> = wide_marks.iter().map(|&i| marks[i].to_string()).collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(&patterns)
                    .map_err(|e| e.to_string())?,
            )
        };
        let all_marks_scanned = marks
            .iter()
            .all(|c| !c.is_alphanumeric() && *c != '\n' && *c != '\r');
        Ok(UnmatchedPair {
            all_marks_scanned,
            mark_chars: marks.clone(),
            pairs,
            automaton,
            wide_marks,
            ascii_marks,
            multi_paragraph_quotes: options.multi_paragraph_quotes,
        })
    }

    /// The mark index of `c`, if it is a configured mark (at most 20: a linear search is fastest).
    fn mark_of(&self, c: char) -> Option<usize> {
        self.mark_chars.iter().position(|&m| m == c)
    }

    /// The pair whose opener a closer of `pair` is often typed for: the other width of a
    /// bracket (`（…)`), or the other quotation mark (`“六五’`, `‘甲”`).
    fn counterpart(&self, pair: usize) -> Option<usize> {
        let (o, _) = self.pairs[pair];
        let other = match o {
            '（' => '(',
            '(' => '（',
            '“' => '‘',
            '‘' => '“',
            _ => return None,
        };
        self.pairs.iter().position(|&(oo, _)| oo == other)
    }
}

impl Rule for UnmatchedPair {
    type Options = Options;

    const META: RuleMeta = RuleMeta {
        id: "unmatched-pair",
        summary: "成对标点缺前一半或后一半，或交叉嵌套（如“出台意见》”）",
        docs: DOCS,
        default_severity: Severity::Error,
        category: Category::Punctuation,
        fixable: true,
    };

    fn new(o: Options) -> Result<Self, String> {
        UnmatchedPair::new(o) // the inherent constructor
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let text = doc.text.as_str();
        // The shared punctuation scan lists every mark already; the rule's own search is only
        // needed when a configured mark is a letter or digit (which the scan leaves out).
        let marks: Box<dyn Iterator<Item = Mark> + '_> = if self.all_marks_scanned {
            Box::new(doc.marks().iter().filter_map(|m| {
                let ascii_quote = match m.ch {
                    '"' => self.mark_of('“').map(|_| ASCII_DOUBLE),
                    '\'' => self.mark_of('‘').map(|_| ASCII_SINGLE),
                    _ => None,
                };
                ascii_quote.or_else(|| self.mark_of(m.ch)).map(|mark| Mark {
                    start: m.pos,
                    end: m.end(),
                    mark,
                })
            }))
        } else {
            Box::new(self.marks(text))
        };
        let mut stack: Vec<Open> = Vec::new();
        let mut para = 0usize;
        // Directions of the current paragraph's half-width quotation marks.
        let mut quotes: Option<(usize, QuoteDirs)> = None;
        for m in marks {
            while doc.paragraphs[para].span.end <= m.start && para + 1 < doc.paragraphs.len() {
                self.flush(doc, para, &mut stack, out);
                para += 1;
            }
            if m.mark == ASCII_DOUBLE || m.mark == ASCII_SINGLE {
                // A half-width quotation mark: takes part in pairing with the direction its
                // paragraph gives it (`“放管服"` is closed, `"一带一路”` opened), never reported.
                if quotes.as_ref().is_none_or(|(p, _)| *p != para) {
                    quotes = Some((para, paragraph_quotes(doc, para)));
                }
                let dirs = &quotes.as_ref().expect("just set").1;
                let full = if m.mark == ASCII_DOUBLE { '“' } else { '‘' };
                let (Ok(k), Some(index)) = (
                    dirs.binary_search_by_key(&m.start, |q| q.0),
                    self.mark_of(full),
                ) else {
                    continue;
                };
                let pair = index / 2;
                match dirs[k].1 {
                    Some(Dir::Open) => stack.push(Open {
                        pair,
                        pos: m.start,
                        crossed_by: None,
                        carried: 0,
                        ascii: true,
                    }),
                    Some(Dir::Close) => {
                        self.close(text, &mut stack, pair, m.start, out);
                    }
                    None => {}
                }
                continue;
            }
            let pair = m.mark / 2;
            let is_open = m.mark % 2 == 0;
            if is_arrow(text, m.start, m.end) {
                continue;
            }
            if is_open {
                stack.push(Open {
                    pair,
                    pos: m.start,
                    crossed_by: None,
                    carried: 0,
                    ascii: false,
                });
                continue;
            }
            // Only the entries a closer could match are looked at (keeps deep nesting linear).
            let single_open = stack
                .iter()
                .rev()
                .take(SEARCH_DEPTH)
                .any(|o| self.pairs[o.pair].0 == '‘');
            // `（` broken off onto the line before `二）……`: the closer is the opener's, not an
            // inline ordinal's.
            let carried_opener = stack
                .last()
                .is_some_and(|o| o.pair == pair && o.carried > 0);
            if (!carried_opener && is_list_ordinal_closer(doc, para, m.start))
                || is_apostrophe(text, m.start, m.end, self.pairs[pair].1, single_open)
            {
                continue;
            }
            if self.close(text, &mut stack, pair, m.start, out) {
                continue;
            }
            let close_char = self.pairs[pair].1;
            if let Some(top) = stack.last()
                && !top.ascii
                && self.counterpart(pair) == Some(top.pair)
            {
                let (open_char, want) = self.pairs[top.pair];
                let top = stack.pop().expect("checked above");
                let (message, help) = if is_quote(open_char) {
                    (
                        format!("引号不一致：{}用{}闭合", mark(open_char), mark(close_char)),
                        format!("改为与前一半相配的{}", mark(want)),
                    )
                } else {
                    (
                        format!("括号宽度不一致：“{open_char}”用“{close_char}”闭合"),
                        format!("中文文本用全角括号，改为“{want}”"),
                    )
                };
                out.push(
                    Finding::at(m.start..m.end, message)
                        .with_related(top.pos..top.pos + open_char.len_utf8(), "前一半在这里")
                        .with_help(help)
                        .with_fix(m.start..m.end, want.to_string(), true),
                );
                continue;
            }
            let open_char = self.pairs[pair].0;
            out.push(
                Finding::at(
                    m.start..m.end,
                    format!("{}没有对应的{}", mark(close_char), mark(open_char)),
                )
                .with_help(format!(
                    "补上前面缺少的{}（删改时可能连同名称一起删掉了），或删去多余的{}",
                    mark(open_char),
                    mark(close_char)
                )),
            );
        }
        while !stack.is_empty() && para < doc.paragraphs.len() {
            self.flush(doc, para, &mut stack, out);
            para += 1;
        }
    }
}

impl UnmatchedPair {
    /// Every mark in `text`, in order: automaton matches merged with memchr hits.
    fn marks<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Mark> + 'a {
        let wide = self.automaton.iter().flat_map(move |ac| {
            ac.find_iter(text).map(move |m| Mark {
                start: m.start(),
                end: m.end(),
                mark: self.wide_marks[m.pattern().as_usize()],
            })
        });
        let bytes = text.as_bytes();
        let ascii: Box<dyn Iterator<Item = usize> + 'a> = match self.ascii_marks.as_slice() {
            [] => Box::new(std::iter::empty()),
            [(a, _)] => Box::new(memchr::memchr_iter(*a, bytes)),
            [(a, _), (b, _)] => Box::new(memchr::memchr2_iter(*a, *b, bytes)),
            [(a, _), (b, _), (c, _), ..] => Box::new(memchr::memchr3_iter(*a, *b, *c, bytes)),
        };
        let ascii = ascii.map(move |i| Mark {
            start: i,
            end: i + 1,
            mark: self
                .ascii_marks
                .iter()
                .find(|&&(b, _)| b == bytes[i])
                .map_or(0, |&(_, m)| m),
        });
        MergeByStart {
            a: wide.peekable(),
            b: ascii.peekable(),
        }
    }

    /// End of paragraph `para`: report what is still open, unless it is a quotation continued in the
    /// next paragraph (which then opens with the same quote mark).
    fn flush(&self, doc: &Document, para: usize, stack: &mut Vec<Open>, out: &mut Reporter) {
        // A half-width opening quote left open is halfwidth-punctuation's to report.
        stack.retain(|o| !o.ascii);
        if stack.is_empty() {
            return;
        }
        let text = doc.text.as_str();
        if self.multi_paragraph_quotes && stack.iter().all(|o| is_quote(self.pairs[o.pair].0)) {
            let outer = self.pairs[stack[0].pair].0;
            let next = doc.paragraphs[para + 1..].iter().find(|p| !p.is_blank());
            if next.is_some_and(|p| text[p.content.clone()].starts_with(outer)) {
                stack.clear();
                return;
            }
        }
        if self.bridges_line_break(doc, para, stack) {
            for open in stack.iter_mut() {
                open.carried += 1;
            }
            return;
        }
        for open in stack.drain(..) {
            let (o, c) = self.pairs[open.pair];
            out.push(
                Finding::at(
                    open.pos..open.pos + o.len_utf8(),
                    format!("{}没有对应的{}", mark(o), mark(c)),
                )
                .with_help(format!(
                    "在适当位置补上{}，或删去多余的{}",
                    mark(c),
                    mark(o)
                )),
            );
        }
    }

    /// Whether the open marks of line `para` continue on the next line instead of being
    /// unmatched:
    /// - a title or 题注 laid out over two lines (GB/T 9704-2012 §7.3.1 allows multi-line titles):
    ///   both lines short, the first without closing punctuation; bridged once;
    /// - a fragment that a web page or export broke off its line (`【字号：` `加大` `还原` `】`,
    ///   `（` then `三）改革开放……`, `“双向` `揭榜` `挂帅”`): a line of a few characters that ends
    ///   no sentence; bridged over at most [`MAX_FRAGMENT_BRIDGES`] lines.
    fn bridges_line_break(&self, doc: &Document, para: usize, stack: &[Open]) -> bool {
        let carried = stack.iter().map(|o| o.carried).max().unwrap_or(0);
        let Some(next) = doc.paragraphs.get(para + 1) else {
            return false;
        };
        let this = &doc.text[doc.paragraphs[para].content.clone()];
        let following = &doc.text[next.content.clone()];
        if this.is_empty() || following.is_empty() || next.heading.is_some() {
            return false;
        }
        let this_chars = this.chars().count();
        if this_chars <= FRAGMENT_CHARS
            && carried < MAX_FRAGMENT_BRIDGES
            && !this.ends_with(['。', '！', '？', '；', '，'])
        {
            return true;
        }
        carried == 0
            && this_chars <= TITLE_LINE_CHARS
            && following.chars().count() <= TITLE_LINE_CHARS
            && !this.ends_with(['。', '！', '？', '；', '：', '，'])
    }

    /// Closes the nearest open mark of `pair` (looking [`SEARCH_DEPTH`] deep), reporting a
    /// crossing when a mark opened inside it is still open. `false`: nothing to close.
    fn close(
        &self,
        text: &str,
        stack: &mut Vec<Open>,
        pair: usize,
        pos: usize,
        out: &mut Reporter,
    ) -> bool {
        let depth = stack.len().saturating_sub(SEARCH_DEPTH);
        let Some(j) = (depth..stack.len()).rev().find(|&j| stack[j].pair == pair) else {
            return false;
        };
        for above in &mut stack[j + 1..] {
            above.crossed_by.get_or_insert(pos);
        }
        let opened = stack.remove(j);
        if let Some(cross) = opened.crossed_by
            && !opened.ascii
        {
            out.push(self.crossing(text, &opened, cross));
        }
        true
    }

    fn crossing(&self, text: &str, opened: &Open, cross: usize) -> Finding {
        let (o, c) = self.pairs[opened.pair];
        let cross_char = text[cross..].chars().next().unwrap_or(' ');
        Finding::at(
            opened.pos..opened.pos + o.len_utf8(),
            format!(
                "成对标点交叉嵌套：{}在外层的{}之前打开，却在它之后才闭合",
                mark(o),
                mark(cross_char)
            ),
        )
        .with_related(cross..cross + cross_char.len_utf8(), "外层在这里先闭合")
        .with_help(format!(
            "调整为正确嵌套：{}和{}应完整地位于外层之内",
            mark(o),
            mark(c)
        ))
    }
}

/// A mark as named in messages: `“）”`, but quotation marks and book-title marks by name with
/// the mark set apart (`前引号（“）`, `后书名号（》）`), since quoting a quotation mark with
/// quotation marks is unreadable.
fn mark(c: char) -> String {
    let name = match c {
        '“' => "前引号",
        '”' => "后引号",
        '‘' => "前单引号",
        '’' => "后单引号",
        '《' => "前书名号",
        '》' => "后书名号",
        '〈' => "前单书名号",
        '〉' => "后单书名号",
        _ => return format!("“{c}”"),
    };
    format!("{name}（{c}）")
}

/// `》》点击进入专题《《`, `更多》》`: doubled book-title marks used as arrows on web pages. A book
/// title never opens or closes with two marks in a row (a title inside a title takes 〈〉).
fn is_arrow(text: &str, start: usize, end: usize) -> bool {
    let Some(c) = text[start..end]
        .chars()
        .next()
        .filter(|c| matches!(c, '《' | '》'))
    else {
        return false;
    };
    text[end..].starts_with(c) || text[..start].ends_with(c)
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『')
}

/// `1）`, `a)`, `一）` used as an inline list ordinal: a closer right after a short ordinal that
/// starts a clause.
fn is_list_ordinal_closer(doc: &Document, para: usize, pos: usize) -> bool {
    let text = doc.text.as_str();
    let close = text[pos..].chars().next();
    if !matches!(close, Some(')' | '）')) {
        return false;
    }
    let start = doc.paragraphs[para].content.start.min(pos);
    let before = &text[start..pos];
    let ordinal_len: usize = before
        .chars()
        .rev()
        .take_while(|c| {
            c.is_ascii_digit()
                || c.is_ascii_lowercase()
                || matches!(c, '一'..='十' if "一二三四五六七八九十".contains(*c))
        })
        .map(char::len_utf8)
        .sum();
    if ordinal_len == 0 || before[before.len() - ordinal_len..].chars().count() > 2 {
        return false;
    }
    let lead = before[..before.len() - ordinal_len].trim_end_matches([' ', '\u{3000}']);
    lead.is_empty() || lead.ends_with(['：', '；', '。', '，', ':', ';', '、'])
}

/// `’` between Latin letters is an apostrophe (China’s), and so is `’` before a two-digit year
/// (’99) when no `‘` is open.
fn is_apostrophe(text: &str, start: usize, end: usize, close: char, single_open: bool) -> bool {
    if close != '’' {
        return false;
    }
    let after: Vec<char> = text[end..].chars().take(3).collect();
    let short_year = !single_open
        && after.len() >= 2
        && after[0].is_ascii_digit()
        && after[1].is_ascii_digit()
        && after.get(2).is_none_or(|c| !c.is_ascii_digit());
    short_year
        || (text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && after
                .first()
                .is_none_or(|c| c.is_ascii_alphabetic() || c.is_whitespace()))
}

/// One paired-punctuation mark found in the text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    /// pair * 2, plus 1 for a closer.
    mark: usize,
}

/// Merges two position-sorted mark streams.
struct MergeByStart<A: Iterator<Item = Mark>, B: Iterator<Item = Mark>> {
    a: std::iter::Peekable<A>,
    b: std::iter::Peekable<B>,
}

impl<A: Iterator<Item = Mark>, B: Iterator<Item = Mark>> Iterator for MergeByStart<A, B> {
    type Item = Mark;

    fn next(&mut self) -> Option<Mark> {
        match (self.a.peek(), self.b.peek()) {
            (Some(x), Some(y)) if y.start < x.start => self.b.next(),
            (Some(_), _) => self.a.next(),
            (None, _) => self.b.next(),
        }
    }
}
