//! What is layout rather than text: line breaks and the whitespace that indents, aligns or trails
//! a line. Decided here once, so that every rule sees a document the same way whatever editor,
//! export or operating system wrote it (the metamorphic tests in `tests/layout.rs` hold rules to
//! that).
//!
//! - **Line breaks**: `\n`, `\r\n`, `\r\r\n` (a CRLF file converted twice; published files have
//!   it) and a lone `\r` (old Mac exports) each end one line. [`normalize_line_breaks`] turns a
//!   lone `\r` into `\n` — the same byte length, so every offset into the text still points at the
//!   same character of the original — and a line's `\r`s before its `\n` are not part of its
//!   content ([`trim_line_end`]).
//! - **Layout spaces** ([`is_space`]): the spaces of every width — U+0009, U+0020, U+00A0,
//!   U+1680, U+2000–U+200A, U+202F, U+205F, U+3000 — and U+FEFF (a byte-order mark left inside a
//!   text by concatenation, invisible like a space). Word and web exports indent with EN/EM spaces
//!   (U+2002, U+2003) as often as with U+3000.

/// Whether `c` is white space that lays out a line: indentation, alignment, trailing space, or a
/// space inside the text. Not the line breaks `\n` and `\r`.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// The byte length of the layout spaces at the start of `s`.
pub fn leading_space_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

/// `line` without the `\r`s that end it before its `\n` (CRLF, `\r\r\n`).
pub fn trim_line_end(line: &str) -> &str {
    line.trim_end_matches('\r')
}

/// Turns every lone `\r` (one not followed, after more `\r`s, by `\n`) into `\n`, so that lines
/// can be split at `\n` alone. The text keeps its length and every other byte: offsets found in
/// the result are offsets into the original.
pub fn normalize_line_breaks(text: String) -> String {
    let Some(first) = memchr::memchr(b'\r', text.as_bytes()) else {
        return text;
    };
    let mut bytes = text.into_bytes();
    let mut i = first;
    while i < bytes.len() {
        if bytes[i] != b'\r' {
            i += 1 + memchr::memchr(b'\r', &bytes[i + 1..]).unwrap_or(bytes.len() - i - 1);
            continue;
        }
        let run_end = i + bytes[i..].iter().take_while(|&&b| b == b'\r').count();
        if bytes.get(run_end) != Some(&b'\n') {
            // CR-only line ends: each `\r` ends a line (`\r\r` is a blank line).
            bytes[i..run_end].fill(b'\n');
        }
        i = run_end;
    }
    String::from_utf8(bytes).expect("ASCII replaced by ASCII keeps UTF-8 valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks() {
        let n = |s: &str| normalize_line_breaks(s.to_owned());
        assert_eq!(n("甲\r乙\r\r丙"), "甲\n乙\n\n丙");
        assert_eq!(n("甲\r\n乙\r\r\n丙\r"), "甲\r\n乙\r\r\n丙\n");
        assert_eq!(n("无换行"), "无换行");
        assert_eq!(trim_line_end("甲\r\r"), "甲");
    }

    #[test]
    fn spaces() {
        for c in [
            ' ', '\t', '\u{A0}', '\u{1680}', '\u{2002}', '\u{2003}', '\u{200A}', '\u{202F}',
            '\u{205F}', '\u{3000}', '\u{FEFF}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['\n', '\r', '\u{200B}', '一', 'a'] {
            assert!(!is_space(c), "{c:?}");
        }
        assert_eq!(leading_space_len("\u{2003}\u{2003}一、"), 6);
    }
}
