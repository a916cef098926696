//! `deprecated-term`: official renamings with the day they took effect (新冠肺炎→新冠病毒感染 from
//! 2022-12-26), reported only in documents dated on or after that day.

use serde::Deserialize;

use crate::rules::analysis::document_date::{DateSource, DocumentDate, Ymd, document_date};

use crate::diagnostic::{Finding, Severity};
use crate::rules::analysis::terms::{TermList, TermOptions};
use crate::rules::{Category, LintContext, Reporter, Rule, RuleMeta};

/// The shipped list (`rules/terms/deprecated-term.toml`).
pub const DATA: &str = include_str!("../../../rules/terms/deprecated-term.toml");

/// Embedded docs (`gwlint explain deprecated-term`).
pub const DOCS: &str = r#"# deprecated-term：已更名的提法

## 检查内容
国家正式更名或停用的提法，自生效日起不应再用于描述当前情况：
- `新型冠状病毒肺炎`、`新冠肺炎` → `新型冠状病毒感染`、`新冠病毒感染`（2022 年 12 月 26 日起）；
- `乙类甲管` → `乙类乙管`（2023 年 1 月 8 日起）。

只有文件日期在生效日当天或以后才按配置的级别报告，消息里写明所用的文件日期及其来源。
文件日期按可靠程度依次取自：
1. 配置项 `document-date`（如 `"2023-03-05"`）；
2. 成文日期：开头几行之后单独成行的日期（取最后一个），如落款下的 `2023年3月5日`、
   `二〇二三年三月五日`（也认 `二O二三年`、`○`、全角数字和字间空格），版记中的
   `某某办公厅　　2023年1月10日印发`，或标明“成文日期：”的行；
3. 标题下的日期：题注 `——2025年1月12日在……上`（网页转载丢了破折号的 `2025年1月12日在……`
   也算）、括号里的日期行 `（2023年3月5日）`（法规题注有公布、修订多个日期时取最后的），
   或标题下单独成行的日期；
4. 电头：段首的 `新华社北京2022年12月14日电`、`本报北京……讯`（没有年份的电头不用）；
5. 网页的发布时间：`发布时间：2022-12-14`、`时间：2026-02-09`、标题下的 `2026年02月10日 07时41分`；
6. 开头几行中发文字号的年份（`国办发〔2023〕5号`），按当年 1 月 1 日计；
7. 标题中的年份：`2023年政府工作报告`、`关于2022年……的报告`（取最晚的年份，`（2021—2035年）`
   这样的起止年份取起始年），按当年 1 月 1 日计。

“开头几行”指第一个层次标题、第一个以句号结尾的段落或第一个长段落之前的各行；层次标题
（`一、2024年工作回顾`）和正文句子里的日期、年份都不算文件日期。

都没有时，只作“提示”，并说明无法确定日期；早于生效日的文件（如 2021 年的报告、
2022 年 10 月的党代会报告、2022 年 12 月上旬的电讯）不报告。

书名号内的文件标题（`《新型冠状病毒肺炎防控方案（第九版）》`）和加引号提到的名称本身
（`将“新冠肺炎”更名为“新冠病毒感染”`）是引用，不报告；回顾当时的工作时，旧称可以保留——
修改建议需要人工确认。

## 为什么
提法随政策调整而更名；已更名的提法出现在新文件中，是审核常见的“时效性”差错。

## 示例（错误→正确）
- （2023 年的文件）`新冠肺炎疫情防控` → `新冠病毒感染疫情防控`

## 数据来源
国家卫生健康委员会公告 2022 年第 7 号（2022 年 12 月 26 日）。词表在 `rules/terms/deprecated-term.toml`。

## 配置项
```toml
[rules.deprecated-term]
severity = "warning"
# 文件日期（不写则从正文推断）
document-date = "2023-03-05"
extend = [["旧称", "新称"]]   # 本单位补充，随时生效
disable = ["covid-management-2023"]
```
"#;

/// Options.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The document's date, `YYYY-MM-DD`.
    pub document_date: Option<String>,
    /// Extra `[old, new]` pairs (always in force).
    pub extend: Option<Vec<(String, String)>>,
    /// Entries or set ids to turn off.
    pub disable: Option<Vec<String>>,
    /// Whole sets of the user's (`[[set]]`, with `since`), usually from an `include`d file.
    pub set: Option<Vec<crate::rules::analysis::terms::TermSet>>,
}

/// The keys of [`Options`] whose arrays add up over the configuration layers.
pub const APPEND_KEYS: &[&str] = crate::rules::analysis::terms::TERM_APPEND_KEYS;

/// A list of terms that go out of use on a date (`since`), checked against the document's date:
/// `deprecated-term` and `political-formulation`.
pub struct DatedTerms {
    list: TermList,
    document_date: Option<Ymd>,
}

impl DatedTerms {
    /// Compiles `data` (term sets with `since`) with the user's options.
    pub fn build(data: &str, o: Options, user_message: &str) -> Result<Self, String> {
        let document_date = match o.document_date {
            Some(d) => Some(
                parse_iso_date(&d)
                    .ok_or_else(|| format!("document-date 应写成“YYYY-MM-DD”，不是“{d}”"))?,
            ),
            None => None,
        };
        let list = TermList::build(
            data,
            TermOptions {
                extend: o.extend,
                disable: o.disable,
                set: o.set,
            },
            user_message,
        )?;
        Ok(DatedTerms {
            list,
            document_date,
        })
    }
}

fn parse_iso_date(s: &str) -> Option<Ymd> {
    let mut parts = s.trim().split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    (parts.next().is_none() && (1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// Whether the term at `span` is cited rather than used: inside a title in 《》 on its line (the
/// exact title of a document issued before the renaming, `《新冠肺炎诊疗方案（试行第九版）》`), or
/// the quoted name itself (`将“新冠肺炎”更名为……`).
fn cited(text: &str, span: std::ops::Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    let open_title = before
        .rfind('《')
        .is_some_and(|o| !before[o..].contains('》'));
    let closes_title = after.find('》').is_some_and(|c| !after[..c].contains('《'));
    let quoted = before.ends_with(['“', '"']) && after.starts_with(['”', '"']);
    (open_title && closes_title) || quoted
}

/// What a rule made of dated terms declares (`deprecated-term`, `political-formulation`): its
/// metadata, its data file and the message of a user's own entries. The rule is
/// [`DatedTermsRule`] of it.
pub trait DatedData: Send + Sync + 'static {
    /// The rule's metadata.
    const META: RuleMeta;
    /// The shipped list (`rules/terms/<id>.toml`).
    const DATA: &'static str;
    /// Message of an entry from the user's configuration (`{wrong}`, `{right}`).
    const USER_MESSAGE: &'static str;
}

/// A rule that reports dated terms, judged by the document's date.
pub struct DatedTermsRule<D> {
    terms: DatedTerms,
    data: std::marker::PhantomData<D>,
}

impl<D: DatedData> Rule for DatedTermsRule<D> {
    type Options = Options;

    const META: RuleMeta = D::META;

    const APPEND_KEYS: &'static [&'static str] = APPEND_KEYS;

    fn new(o: Options) -> Result<Self, String> {
        Ok(DatedTermsRule {
            terms: DatedTerms::build(D::DATA, o, D::USER_MESSAGE)?,
            data: std::marker::PhantomData,
        })
    }

    fn check(&self, cx: &LintContext, out: &mut Reporter) {
        self.terms.report(cx, out);
    }

    fn word_start_chars(&self) -> Option<&crate::engine::prefilter::LexicalChars> {
        Some(self.terms.chars())
    }

    fn data_size(&self) -> Option<usize> {
        Some(self.terms.len())
    }

    fn data_sources(&self) -> Vec<crate::rules::DataSource> {
        self.terms.sources()
    }
}

/// The rule: the shipped list plus a user's additions ([`DatedTermsRule`]).
pub type DeprecatedTerm = DatedTermsRule<DeprecatedTermData>;

/// What `DeprecatedTerm` declares.
pub struct DeprecatedTermData;

impl DatedData for DeprecatedTermData {
    const META: RuleMeta = RuleMeta {
        id: "deprecated-term",
        summary: "已更名的提法（新冠肺炎→新冠病毒感染，按文件日期判断）",
        docs: DOCS,
        default_severity: Severity::Warning,
        category: Category::Lexical,
        fixable: true,
    };

    const DATA: &'static str = DATA;

    const USER_MESSAGE: &'static str = "“{wrong}”已停用，应为“{right}”（本单位词表）";
}

impl DatedTerms {
    /// First and second characters of the terms, for the word-start prefilter.
    pub fn chars(&self) -> &crate::engine::prefilter::LexicalChars {
        self.list.chars()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Where the entries come from.
    pub fn sources(&self) -> Vec<crate::rules::DataSource> {
        self.list.sources().to_vec()
    }

    /// Reports the terms out of use at the document's date.
    pub fn report(&self, cx: &LintContext, out: &mut Reporter) {
        let doc = cx.doc;
        let hits = self.list.find_in(&doc.text, cx.word_starts());
        if hits.is_empty() {
            return;
        }
        let date = match self.document_date {
            Some(date) => Some(DocumentDate {
                date,
                source: DateSource::Configured,
            }),
            None => document_date(doc),
        };
        for (span, entry) in hits {
            if cited(&doc.text, span.clone()) {
                continue;
            }
            let since = entry.since.as_deref().and_then(parse_iso_date);
            let help = match &entry.source {
                Some(source) => format!(
                    "改为“{}”（依据：{source}）；引用旧文件标题、回顾当时工作时可保留",
                    entry.right
                ),
                None => format!("改为“{}”（本单位词表）", entry.right),
            };
            let finding = match (&date, since) {
                (Some(d), Some(s)) if d.date < s => continue,
                (None, Some(s)) => Finding::at(
                    span.clone(),
                    format!(
                        "{}：无法确定文件日期，请确认文件是否成文于{}年{}月{}日或以后",
                        entry.message, s.0, s.1, s.2
                    ),
                )
                .at_most(Severity::Info),
                (Some(d), Some(_)) => Finding::at(
                    span.clone(),
                    format!("{}（文件日期 {}）", entry.message, d.describe()),
                ),
                _ => Finding::at(span.clone(), entry.message.clone()),
            };
            out.push(
                finding
                    .with_help(help)
                    .with_fix(span, entry.right.clone(), false),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2022-12-26"), Some((2022, 12, 26)));
        assert_eq!(parse_iso_date("2022/12/26"), None);
    }

    #[test]
    fn shipped_examples() {
        crate::rules::analysis::terms::tests_support::check_examples(DATA);
    }
}
