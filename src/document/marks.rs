//! The shared punctuation scanner: one pass over the text that lists every punctuation mark,
//! symbol and space (everything that is not a letter, digit or line break), with its byte offset.
//!
//! Character-level punctuation rules (`unmatched-pair`, `halfwidth-punctuation`,
//! `nonstandard-ellipsis`, `stray-whitespace` …) read this list instead of each scanning the text.
//! It is built lazily the first time a rule asks for it ([`crate::document::Document::marks`]),
//! and it is small: punctuation is about one character in ten of a report, and the commonest
//! marks — a `，` or `。` with no other mark next to it, over half of all punctuation — are left
//! out, because no rule looks at them (rules that need a neighbouring character read the text).

/// One non-letter, non-digit character of the text (lone `，` and `。` excepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the character.
    pub pos: usize,
    /// The character.
    pub ch: char,
}

impl Mark {
    /// Byte offset just after the character.
    pub fn end(&self) -> usize {
        self.pos + self.ch.len_utf8()
    }
}

/// Scans `text` once. CJK ideographs (three-byte sequences led by `E4`–`E9`, U+4000–U+9FFF) are
/// stepped over without decoding, which is most of a Chinese report.
pub fn scan(text: &str) -> Vec<Mark> {
    scan_with(text, None).0
}

/// [`scan`], and in the same pass the positions where a term of `lexical` may begin (see
/// [`crate::engine::prefilter`]): one walk over the text serves both families.
pub fn scan_with(
    text: &str,
    lexical: Option<&crate::engine::prefilter::LexicalChars>,
) -> (Vec<Mark>, Vec<usize>) {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 24);
    let mut starts = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if crate::engine::prefilter::is_cjk_lead(b) {
            // A run of CJK ideographs: never marks, stepped over three bytes at a time; for the
            // lexical starts the run is handed over whole.
            i = match lexical {
                Some(chars) => chars.starts_in_cjk_run(bytes, i, &mut starts),
                None => crate::engine::prefilter::cjk_run_end(bytes, i),
            };
            continue;
        }
        if let Some(chars) = lexical
            && chars.starts_at(bytes, i)
        {
            starts.push(i);
        }
        if b < 0x80 {
            if !(b.is_ascii_alphanumeric() || b == b'\n' || b == b'\r') {
                out.push(Mark {
                    pos: i,
                    ch: b as char,
                });
            }
            i += 1;
        } else {
            // A character boundary by construction: `i` only ever advances by whole characters.
            let ch = text[i..].chars().next().expect("non-empty");
            let len = ch.len_utf8();
            if is_mark_char(ch) {
                // A lone ， or 。 (half of all punctuation) matters to no rule; one that touches
                // another mark does (`，，`, `。。。`, `，”`).
                let lone = matches!(ch, '，' | '。')
                    && out.last().is_none_or(|m: &Mark| m.end() != i)
                    && text[i + len..].chars().next().is_none_or(|n| {
                        n.is_ascii_alphanumeric()
                            || n == '\n'
                            || n == '\r'
                            || !n.is_ascii() && !is_mark_char(n)
                    });
                if !lone {
                    out.push(Mark { pos: i, ch });
                }
            }
            i += len;
        }
    }
    (out, starts)
}

/// Whether a non-ASCII character is punctuation, a symbol or a space. The blocks Chinese
/// punctuation lives in are decided by range; the Unicode tables are consulted only for the rest.
fn is_mark_char(ch: char) -> bool {
    match ch {
        // CJK symbols and punctuation, except 々〆〇 and the Suzhou numerals.
        '\u{3000}'..='\u{303F}' => !matches!(
            ch,
            '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3031}'..='\u{3035}' | '\u{3038}'..='\u{303C}'
        ),
        // Full-width forms, except digits, letters and half-width kana/hangul.
        '\u{FF00}'..='\u{FFEF}' => !matches!(
            ch,
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '\u{FF66}'..='\u{FFDC}'
        ),
        // General punctuation (…—“”‘’, spaces, zero-width characters).
        '\u{2000}'..='\u{206F}' => true,
        // CJK ideographs: letters, decided without the Unicode tables.
        '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => false,
        _ => !ch.is_alphanumeric(),
    }
}

/// Whether [`scan`] always lists `c` (lone `，` and `。` are left out, letters and digits are
/// not marks).
pub fn is_scanned_mark(c: char) -> bool {
    let listed = if c.is_ascii() {
        !(c.is_ascii_alphanumeric() || c == '\n' || c == '\r')
    } else {
        is_mark_char(c)
    };
    listed && c != '，' && c != '。'
}

/// Whether `c` is a CJK ideograph (basic block or extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Whether `c` is full-width (CJK) punctuation: the marks of GB/T 15834 as set in Chinese text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '［'
            | '］'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
            | '．'
            | '／'
    )
}

/// Whether `c` belongs to Chinese running text: a Han character or full-width punctuation.
pub fn is_chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_punct(c))
}

/// Runs of adjacent marks (each starts where the previous one ends) whose characters satisfy
/// `pred`: `(first index, last index)` into `marks`, in order.
pub fn runs(marks: &[Mark], pred: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        if !pred(marks[i].ch) {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < marks.len() && pred(marks[i + 1].ch) && marks[i + 1].pos == marks[i].end() {
            i += 1;
        }
        out.push((start, i));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_marks_only() {
        let text = "一、总体,要求 (GDP)3.5%\n“好”……，好。，。。\n好，”";
        let marks: String = scan(text).iter().map(|m| m.ch).collect();
        assert_eq!(marks, "、, ().%“”……，。，。。，”");
        for m in scan(text) {
            assert!(text.is_char_boundary(m.pos));
            assert_eq!(text[m.pos..].chars().next(), Some(m.ch));
        }
    }

    /// The scan as first written: one character at a time, every test per character. The fast
    /// scan must list exactly the same marks and lexical starts.
    fn reference_scan(
        text: &str,
        lexical: Option<&crate::engine::prefilter::LexicalChars>,
    ) -> (Vec<Mark>, Vec<usize>) {
        let mut marks = Vec::new();
        let mut starts = Vec::new();
        for (i, ch) in text.char_indices() {
            if let Some(chars) = lexical
                && chars.starts_at(text.as_bytes(), i)
            {
                starts.push(i);
            }
            let listed = if ch.is_ascii() {
                !(ch.is_ascii_alphanumeric() || ch == '\n' || ch == '\r')
            } else {
                is_mark_char(ch)
            };
            if !listed {
                continue;
            }
            let len = ch.len_utf8();
            let lone = matches!(ch, '，' | '。')
                && marks.last().is_none_or(|m: &Mark| m.end() != i)
                && text[i + len..].chars().next().is_none_or(|n| {
                    n.is_ascii_alphanumeric()
                        || n == '\n'
                        || n == '\r'
                        || !n.is_ascii() && !is_mark_char(n)
                });
            if !lone {
                marks.push(Mark { pos: i, ch });
            }
        }
        (marks, starts)
    }

    fn lexical(terms: &[String]) -> crate::engine::prefilter::LexicalChars {
        let mut chars = crate::engine::prefilter::LexicalChars::default();
        for t in terms {
            chars.add_term(t);
        }
        chars
    }

    /// Characters texts are mostly drawn from: ideographs (runs of them are the fast path), the
    /// punctuation around them, ASCII, other scripts and astral characters.
    const TEXT_CHARS: &str = "一二三四五六七八九十年月日亿元拼搏博做出法的是在中国人民䶵鿿，。、；：“”（）…—　 a0Z\n\r.,*%éЖ😀𠀀";
    /// Terms drawn from the same characters.
    const TERM: &str = "[一二三年亿拼博做出的中人鿿a0，。😀𠀀]{1,3}";

    /// Mostly [`TEXT_CHARS`], sometimes any character at all. (A regex alternation with `\PC`
    /// would almost never pick the listed characters.)
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let listed: Vec<char> = TEXT_CHARS.chars().collect();
        proptest::collection::vec(
            prop_oneof![8 => proptest::sample::select(listed), 1 => any::<char>()],
            0..200,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn fast_scan_matches_reference(
            text in text(),
            terms in proptest::collection::vec(TERM, 0..12),
        ) {
            let chars = lexical(&terms);
            proptest::prop_assert_eq!(scan_with(&text, Some(&chars)), reference_scan(&text, Some(&chars)));
            proptest::prop_assert_eq!(scan_with(&text, None), reference_scan(&text, None));
            proptest::prop_assert_eq!(
                crate::engine::prefilter::scan(&text, &chars),
                reference_scan(&text, Some(&chars)).1
            );
        }
    }

    #[test]
    fn long_cjk_runs_fill_the_buffer() {
        // More than 64 starts in one run: the block buffer is flushed mid-run.
        let text = "拼博".repeat(200) + "拼";
        let chars = lexical(&["拼博".to_owned(), "博".to_owned()]);
        let (_, starts) = scan_with(&text, Some(&chars));
        assert_eq!(starts, reference_scan(&text, Some(&chars)).1);
        assert_eq!(starts.len(), 400);
    }
}
