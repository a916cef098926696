//! The document's own date, for rules whose findings depend on it (`deprecated-term`,
//! `political-formulation`): found in the text, the most authoritative source first.
//!
//! 1. 成文日期: a date standing on a line of its own after the opening lines (the last such line),
//!    or a labelled `成文日期：…` line anywhere;
//! 2. the date of the opening lines: a dated subtitle (`——2025年1月12日在…上`), a date line in
//!    brackets (`（2023年3月5日）`, `（2019年3月2日公布　2020年11月29日修订）` — the latest date), or a
//!    date on a line of its own under the title;
//! 3. a news dateline opening a paragraph (`新华社北京2022年12月14日电`);
//! 4. a web page's publication date (`发布时间：2022-12-14`);
//! 5. the year of the document number in the opening lines (`国发〔2023〕5号`), taken as 1 January;
//! 6. the year in the title (`2023年政府工作报告`, `关于2022年……的报告`; the latest year, not
//!    the end of a span such as `（2021—2025年）`), taken as 1 January of that year.
//!
//! Dates are written with Arabic digits (ASCII or full-width, spaces allowed: `2022 年 12 月 14 日`)
//! or Chinese numerals (`二〇二二年十二月十四日`, also with `○`, `零` or a letter O for zero).

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::Document;

/// A calendar date `(year, month, day)`.
pub type Ymd = (u32, u32, u32);

/// Where the document's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The rule's `document-date` option.
    Configured,
    /// 成文日期 at the end (or labelled as such).
    Closing,
    /// A dated subtitle or a date line under the title.
    Opening,
    /// A news dateline (`新华社北京2022年12月14日电`).
    Dateline,
    /// A web page's publication date.
    Published,
    /// The year of the document number (`国发〔2023〕5号`; 1 January of that year).
    DocNumberYear,
    /// A year in the title (1 January of that year).
    TitleYear,
}

impl DateSource {
    /// How the source is named in messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            DateSource::Configured => "配置的 document-date",
            DateSource::Closing => "成文日期",
            DateSource::Opening => "标题下的日期",
            DateSource::Dateline => "电头日期",
            DateSource::Published => "网页发布日期",
            DateSource::DocNumberYear => "发文字号的年份",
            DateSource::TitleYear => "标题中的年份",
        }
    }
}

/// The document's date and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    /// The date (for [`DateSource::TitleYear`], 1 January).
    pub date: Ymd,
    /// Its source.
    pub source: DateSource,
}

impl DocumentDate {
    /// `2023-03-05，取自成文日期`, or `2023 年，取自标题中的年份`.
    pub fn describe(&self) -> String {
        let (y, m, d) = self.date;
        match self.source {
            DateSource::TitleYear | DateSource::DocNumberYear => {
                format!("{y}年，取自{}", self.source.name_zh())
            }
            s => format!("{y}年{m}月{d}日，取自{}", s.name_zh()),
        }
    }
}

/// Paragraphs longer than this (in characters), or ending with a full stop, are body text: the
/// opening lines end before the first of them.
const BODY_CHARS: usize = 60;

/// At most this many non-blank lines count as opening lines (web pages put menus first).
const OPENING_LINES: usize = 40;

/// The document's date, if the text gives one.
pub fn document_date(doc: &Document) -> Option<DocumentDate> {
    let lines: Vec<(bool, &str)> = doc
        .paragraphs
        .iter()
        .filter(|p| !p.is_blank())
        .map(|p| (p.heading.is_some(), doc.text[p.content.clone()].trim_end()))
        .collect();
    // The opening lines: up to the first outline heading (`一、2024年工作回顾` is no title) or
    // the first body paragraph (a sentence, or a long line; a photo caption `报告。 记者 摄`
    // is neither).
    let opening = lines
        .iter()
        .take(OPENING_LINES)
        .position(|&(heading, l)| heading || l.ends_with('。') || l.chars().count() > BODY_CHARS)
        .unwrap_or(lines.len().min(OPENING_LINES));

    let found =
        |source: DateSource, date: Option<Ymd>| date.map(|date| DocumentDate { date, source });
    // 1. 成文日期.
    let closing = lines[opening..]
        .iter()
        .rev()
        .find_map(|(_, l)| standalone_date(l))
        .or_else(|| lines.iter().find_map(|(_, l)| labelled(l, "成文日期")));
    if let Some(d) = found(DateSource::Closing, closing) {
        return Some(d);
    }
    let head = &lines[..opening];
    // 2. The opening lines' own date.
    let opening_date = head
        .iter()
        .find_map(|(_, l)| {
            let t = l.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
            let undashed = t.trim_start_matches(['—', '－', '-', '―', '─']);
            let found = dates(undashed);
            if undashed.len() < t.len()
                || found
                    .first()
                    .is_some_and(|(r, _)| r.start == 0 && undashed[r.end..].starts_with('在'))
            {
                // A dated subtitle (`——2025年1月12日在…上`; web pages drop the dash): its
                // first date.
                found.first().map(|(_, d)| *d)
            } else if t.starts_with(['（', '(']) && t.ends_with(['）', ')']) {
                // Dates in brackets: the latest (公布、修订、通过).
                found.iter().map(|(_, d)| *d).max()
            } else {
                None
            }
        })
        .or_else(|| head.iter().find_map(|(_, l)| standalone_date(l)));
    if let Some(d) = found(DateSource::Opening, opening_date) {
        return Some(d);
    }
    // 3. A dateline opens the first paragraphs of the body.
    let dateline = lines
        .iter()
        .take(opening + 5)
        .find_map(|(_, l)| dateline(l));
    if let Some(d) = found(DateSource::Dateline, dateline) {
        return Some(d);
    }
    // 4. A web page's publication date.
    let published = head.iter().find_map(|(_, l)| {
        ["发布时间", "发布日期", "时间", "日期"]
            .iter()
            .find_map(|label| labelled(l, label))
            // `2026年02月10日 07时41分`, `2022-12-14 来源：新华社`.
            .or_else(|| {
                dates(l)
                    .first()
                    .filter(|(r, _)| r.start == 0)
                    .map(|(_, d)| *d)
            })
    });
    if let Some(d) = found(DateSource::Published, published) {
        return Some(d);
    }
    // 5. The year of the document number in the opening lines.
    let number_year = head.iter().find_map(|(_, l)| doc_number_year(l));
    if let Some(d) = found(DateSource::DocNumberYear, number_year.map(|y| (y, 1, 1))) {
        return Some(d);
    }
    // 6. The year in the title.
    let year = head.iter().find_map(|(_, l)| title_year(l));
    found(DateSource::TitleYear, year.map(|y| (y, 1, 1)))
}

/// The two Chinese forms of a date (groups 1–3 and 4–6), then the ISO form (groups 7–9).
const DATE_PATTERN: &str = r"([12０-９0-9][0-9０-９]{3})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日|([〇○零OＯ0０一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日|\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b";

/// The date regex. `without_iso`: the Chinese forms alone, for a text without `-`, where the ISO
/// form cannot match — the same matches and groups, but found by the fast automaton, which the
/// ISO form's Unicode `\b` turns away from any text with a Chinese character in it.
fn date_regex(without_iso: bool) -> &'static Regex {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static CJK: OnceLock<Regex> = OnceLock::new();
    if without_iso {
        CJK.get_or_init(|| {
            let cjk = DATE_PATTERN
                .strip_suffix(r"|\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")
                .expect("the ISO form is the last alternative");
            Regex::new(cjk).expect("static regex compiles")
        })
    } else {
        FULL.get_or_init(|| Regex::new(DATE_PATTERN).expect("static regex compiles"))
    }
}

/// Every well-formed date in `s`, with its span.
pub fn dates(s: &str) -> Vec<(Range<usize>, Ymd)> {
    date_regex(!s.contains('-'))
        .captures_iter(s)
        .filter_map(|c| {
            let m = c.get(0)?;
            let date = if let (Some(y), Some(mo), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
                (
                    arabic(y.as_str())?,
                    arabic(mo.as_str())?,
                    arabic(d.as_str())?,
                )
            } else if let (Some(y), Some(mo), Some(d)) = (c.get(4), c.get(5), c.get(6)) {
                (
                    chinese_part(y.as_str())?,
                    chinese_part(mo.as_str())?,
                    chinese_part(d.as_str())?,
                )
            } else {
                (
                    arabic(c.get(7)?.as_str())?,
                    arabic(c.get(8)?.as_str())?,
                    arabic(c.get(9)?.as_str())?,
                )
            };
            valid(date).then_some((m.range(), date))
        })
        .collect()
}

fn valid((y, m, d): Ymd) -> bool {
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn arabic(s: &str) -> Option<u32> {
    crate::document::numerals::parse_arabic(s)
}

/// Value of a date part written in Chinese digits (`二〇二三`, `十二`, `三十一`).
fn chinese_part(s: &str) -> Option<u32> {
    if s.contains('十') {
        return crate::document::numerals::parse_chinese(s);
    }
    let mut v = 0u32;
    for c in s.chars() {
        let d = match c {
            '〇' | '○' | '零' | 'O' | 'Ｏ' | '0' | '０' => 0,
            c => crate::document::numerals::digit_value(c)?,
        };
        v = v * 10 + d;
    }
    Some(v)
}

/// A line that is only a date: `2022年12月14日`, `二〇二二年十二月十四日`, `（2023年3月5日）`, or the
/// 版记 line `国务院办公厅　　2022年12月14日印发`.
fn standalone_date(line: &str) -> Option<Ymd> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>'));
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']))
        .unwrap_or(t);
    if t.chars().count() > 40 {
        return None;
    }
    let found = dates(t);
    let [(span, date)] = found.as_slice() else {
        return None;
    };
    let before = t[..span.start].trim_end();
    let after = t[span.end..].trim();
    let before_ok = before.is_empty()
        // An issuing organ set apart from the date by spaces.
        || (span.start > before.len() && !before.contains(['，', '。', '：', ':']));
    let after_ok = after.is_empty() || matches!(after, "印发" | "发布" | "公布");
    (before_ok && after_ok).then_some(*date)
}

/// `label：date` (`成文日期：2022年12月14日`, `发布时间：2022-12-14 10:30`).
fn labelled(line: &str, label: &str) -> Option<Ymd> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '【' | '['));
    let rest = t
        .strip_prefix(label)?
        .strip_prefix(['：', ':'])?
        .trim_start();
    let found = dates(rest);
    let (span, date) = found.first()?;
    (span.start == 0).then_some(*date)
}

/// `新华社北京2022年12月14日电`, `本报北京2023年3月5日讯`, `（新华社北京2022年12月14日电）`: a date right
/// after a short place/agency name, followed by 电 or 讯.
fn dateline(line: &str) -> Option<Ymd> {
    let found = dates(line);
    let (span, date) = found.first()?;
    let before = &line[..span.start];
    let after = &line[span.end..];
    (before.chars().count() <= 20
        && !before.contains(['，', '。', '；', '：'])
        && after.starts_with(['电', '讯']))
    .then_some(*date)
}

/// The year of a document number: `国发〔2023〕5号`, `京政发[2022]12号`, `（2021）3号`.
fn doc_number_year(line: &str) -> Option<u32> {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let re = NUMBER.get_or_init(|| {
        Regex::new(r"[〔［\[（(]\s*((?:19|20)\d{2})\s*[〕］\]）)]\s*第?\s*\d{1,4}\s*号")
            .expect("static regex compiles")
    });
    re.captures(line).and_then(|c| arabic(&c[1]))
}

/// The year of a title line (short, no sentence punctuation): the latest year written as `2023年`
/// or `二〇二三年`, leaving out the end of a span (`2021—2025年`).
fn title_year(line: &str) -> Option<u32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let re = YEAR.get_or_init(|| {
        Regex::new(
            r"([12０-９0-9][0-9０-９]{3}|[〇○零OＯ一二三四五六七八九]{4})\s*(?:年|[—－\-～~至到]\s*(?:[12０-９0-9][0-9０-９]{3}|[〇○零OＯ一二三四五六七八九]{4})\s*年)",
        )
            .expect("static regex compiles")
    });
    if line.chars().count() > BODY_CHARS || line.contains(['。', '，', '；']) {
        return None;
    }
    re.captures_iter(line)
        .filter(|c| {
            let start = c.get(0).map_or(0, |m| m.start());
            !line[..start].ends_with(['—', '－', '-', '～', '~', '至', '到'])
        })
        .filter_map(|c| {
            let s = c.get(1)?.as_str();
            arabic(s).or_else(|| chinese_part(s))
        })
        .filter(|y| (1900..=2100).contains(y))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;

    #[test]
    fn the_regex_without_the_iso_form_finds_the_same_dates_in_text_without_dashes() {
        for text in [
            "国务院办公厅　　2022年12月14日印发",
            "二〇二三年十二月三十一日，2023 年 1 月 5 日和２０２４年１２月３日之间",
            "2023年13月1日；一九九九年二月三十日、2020年1月2日",
            "没有日期的一句话。",
        ] {
            let groups = |re: &Regex| -> Vec<Vec<Option<Range<usize>>>> {
                re.captures_iter(text)
                    .map(|c| (0..10).map(|g| c.get(g).map(|m| m.range())).collect())
                    .collect()
            };
            let full = groups(date_regex(false));
            assert!(!full.is_empty() || text.starts_with("没有"), "{text}");
            assert_eq!(groups(date_regex(true)), full, "{text}");
        }
    }

    fn date_of(text: &str) -> Option<(Ymd, DateSource)> {
        document_date(&Document::parse(text.to_owned(), SourceKind::Text))
            .map(|d| (d.date, d.source))
    }

    const BODY: &str = "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。过去一年，我们坚持稳中求进工作总基调，经济社会发展主要目标任务较好完成。";

    #[test]
    fn closing_date() {
        let text = format!("关于做好防控工作的通知\n{BODY}\n国务院办公厅\n二〇二三年一月十日\n");
        assert_eq!(date_of(&text), Some(((2023, 1, 10), DateSource::Closing)));
        let text = format!("通知\n{BODY}\n　　　　2021年3月5日　\n（此件公开发布）\n");
        assert_eq!(date_of(&text), Some(((2021, 3, 5), DateSource::Closing)));
        let text = format!("通知\n{BODY}\n二O二二年十二月十四日\n");
        assert_eq!(date_of(&text), Some(((2022, 12, 14), DateSource::Closing)));
        let text =
            format!("通知\n{BODY}\n抄送：各部委。\n国务院办公厅　　2022 年 12 月 14 日印发\n");
        assert_eq!(date_of(&text), Some(((2022, 12, 14), DateSource::Closing)));
        // A date inside a sentence is not a 成文日期.
        let text = format!("通知\n{BODY}\n正文，2021年3月5日召开会议。\n");
        assert_eq!(date_of(&text), None);
    }

    #[test]
    fn opening_dates() {
        let text = format!(
            "​\n\n政府工作报告\n\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n\n国务院总理　李克强\n{BODY}\n"
        );
        assert_eq!(date_of(&text), Some(((2021, 3, 5), DateSource::Opening)));
        let text = format!(
            "高举中国特色社会主义伟大旗帜\n——在中国共产党第二十次全国代表大会上的报告\n（2022年10月16日）\n习　近　平\n{BODY}\n"
        );
        assert_eq!(date_of(&text), Some(((2022, 10, 16), DateSource::Opening)));
        let text = format!(
            "某某条例\n（2004年1月1日国务院令第1号公布　根据2020年11月29日《国务院关于修改部分行政法规的决定》修订）\n{BODY}\n"
        );
        assert_eq!(date_of(&text), Some(((2020, 11, 29), DateSource::Opening)));
        let text = format!("新华社北京2022年12月14日电　{BODY}\n");
        assert_eq!(date_of(&text), Some(((2022, 12, 14), DateSource::Dateline)));
        let text = format!(
            "政府工作报告。 贵州日报记者 摄\n政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n{BODY}\n"
        );
        assert_eq!(date_of(&text), Some(((2026, 1, 27), DateSource::Opening)));
        let text = format!("2026年山西省政府工作报告\n来源：山西日报\n时间：2026-02-09\n{BODY}\n");
        assert_eq!(date_of(&text), Some(((2026, 2, 9), DateSource::Published)));
        let text = format!(
            "2026年四川省人民政府工作报告\n2026年02月10日 07时41分\n来源:\n【字体：\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n{BODY}\n"
        );
        assert_eq!(date_of(&text), Some(((2026, 2, 3), DateSource::Opening)));
    }

    #[test]
    fn title_years() {
        let text = format!("2024年政府工作报告\n{BODY}\n");
        assert_eq!(date_of(&text), Some(((2024, 1, 1), DateSource::TitleYear)));
        let text = format!(
            "关于2022年国民经济和社会发展计划执行情况与2023年国民经济和社会发展计划草案的报告\n{BODY}\n"
        );
        // The report on 2022 is made in 2023: the latest year.
        assert_eq!(date_of(&text), Some(((2023, 1, 1), DateSource::TitleYear)));
        let text = format!("关于2022年中央决算的报告\n{BODY}\n");
        assert_eq!(date_of(&text), Some(((2022, 1, 1), DateSource::TitleYear)));
        let text = format!("某省国土空间规划（2021—2035年）\n{BODY}\n");
        assert_eq!(date_of(&text), Some(((2021, 1, 1), DateSource::TitleYear)));
        let text = format!("正文，2021年3月5日召开会议。\n{BODY}\n");
        assert_eq!(date_of(&text), None);
        let text = format!("国务院办公厅关于做好疫情防控工作的通知\n国办发〔2023〕5号\n{BODY}\n");
        assert_eq!(
            date_of(&text),
            Some(((2023, 1, 1), DateSource::DocNumberYear))
        );
    }
}
