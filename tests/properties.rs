//! Property tests of the library: for any text, parsing, checking and rendering never panic, and
//! every span and reported position is consistent with the text.

use std::ops::Range;
use std::sync::OnceLock;

use gwlint::config::Settings;
use gwlint::diagnostic::Finding;
use gwlint::document::{Document, SourceKind};
use gwlint::invariants::naive_line_col;
use gwlint::render::JsonFinding;
use gwlint::render::human::{self, HumanOptions};
use proptest::prelude::*;

/// Strings made mostly of characters that outline markers, enumerators (一是, 第一，, 首先),
/// count claims (三项, 两大), placeholders and paired punctuation are built from, plus any other
/// printable character.
const OUTLINE_CHARS: &str = "([一二三四五六七八九十两、（）()《》“”‘’【】〔〕是要第条章首先其次最后项个大类等，。：；\\n\\r *×X○□某 a1.．]|\\PC){0,300}";

/// A short line of the same characters.
const SHORT_LINE: &str = "([一二三四五六七八九十两、（）()《》“”‘’【】〔〕是要第条章首先其次最后项个大类等，。：；\\r *×X○□某 a1.．]|\\PC){0,40}";

/// Outline markers as they appear at line starts, canonical and not.
const MARKERS: &[&str] = &[
    "",
    "",
    "一、",
    "二、",
    "三、",
    "五、",
    "十一、",
    "（一）",
    "（二）",
    "（四）",
    "(三)",
    "（一）、",
    "1.",
    "2.",
    "3．",
    "5、",
    "（1）",
    "（2）",
    "(3)",
    "第一条",
    "第二条",
    "第三章",
    "第一节",
    "　　一是",
    "二是",
    "第二，",
    "  ",
    "　　",
    "\r",
];

/// Documents made of lines that start with outline markers.
fn structured_text() -> impl Strategy<Value = String> {
    let line = (
        prop::sample::select(MARKERS),
        "([一二三四五六七八九十、（）()《》“”‘’【】*×X○□某 a1.．]|\\PC){0,12}",
    )
        .prop_map(|(marker, body)| format!("{marker}{body}"));
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

/// The default settings, loaded once (building the rules compiles their regexes).
fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let mut settings = gwlint::config::load(None, &Default::default())
            .expect("the embedded default config loads");
        // Every finding listed: the large cases below count them all.
        settings.max_findings_per_rule = 0;
        settings
    })
}

fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(span.start <= span.end, "{what}: start > end: {span:?}");
    assert!(
        span.end <= text.len(),
        "{what}: {span:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what}: start {span:?} not on a char boundary"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what}: end {span:?} not on a char boundary"
    );
}

fn check_text(text: &str, kind: SourceKind, settings: &Settings) {
    // The way the checker takes it: Markdown's rules read the prose, findings come back in the
    // file's coordinates.
    let source = gwlint::input::SourceFile::from_text("prop", text, kind);
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&source, settings);
    // The same text, but lone `\r` line ends read as `\n` (same length: offsets unchanged).
    assert_eq!(doc.text.len(), text.len());
    assert_eq!(doc.text.replace('\n', "\r"), text.replace('\n', "\r"));
    let text = doc.text.as_str();

    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("{broken}");
    }
    let key = |f: &Finding| (f.span.start, f.span.end, f.rule);
    assert!(
        findings.windows(2).all(|w| key(&w[0]) <= key(&w[1])),
        "findings are sorted by position"
    );

    for f in &findings {
        let json = JsonFinding::new("prop.txt", &doc, f);
        assert_eq!(json.byte_start, f.span.start);
        assert_eq!(json.byte_end, f.span.end);
        assert_eq!(json.related.len(), f.related.len());
        for (jr, r) in json.related.iter().zip(&f.related) {
            assert_eq!(
                (jr.line, jr.column),
                naive_line_col(text, r.span.start),
                "related of {f:?}"
            );
        }
        serde_json::to_string(&json).expect("a finding serializes");
    }

    for color in [false, true] {
        let out = human::render_file(
            "prop.txt",
            &doc,
            &findings,
            HumanOptions { color, width: 100 },
        );
        if findings.is_empty() {
            assert!(out.is_empty(), "{out}");
        } else {
            assert!(!out.is_empty());
        }
        if !color {
            human_headers_match(&doc, &findings, &out);
            for l in out.lines() {
                assert!(
                    l.chars().count() < 200,
                    "long output line {} chars: {l}\ntext: {:?}",
                    l.chars().count(),
                    doc.text
                );
            }
            assert!(!out.contains('\x1b'), "{out}");
        }
    }
    let _ = gwlint::cli::outline_text(&doc);
}

/// Every diagnostic header names the real line and character column of its finding.
fn human_headers_match(doc: &Document, findings: &[Finding], out: &str) {
    let mut per_line: std::collections::BTreeMap<(&str, usize), Vec<&Finding>> = Default::default();
    for f in findings {
        let line = naive_line_col(&doc.text, f.span.start).0;
        per_line.entry((f.rule, line)).or_default().push(f);
    }
    for group in per_line.values() {
        let shown: Vec<&&Finding> = if group.len() >= human::GROUP_THRESHOLD {
            group.iter().take(1).collect()
        } else {
            group.iter().filter(|f| f.related.is_empty()).collect()
        };
        for f in shown {
            let (line, column) = naive_line_col(&doc.text, f.span.start);
            let header = format!("[prop.txt:{line}:{column}]");
            assert!(
                out.contains(&header),
                "missing header {header} for {f:?} in:\n{out}\ntext: {:?}",
                doc.text
            );
        }
    }
}

proptest! {
    // No regression files: failures are reported with the minimal input instead.
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn outline_biased_text_never_breaks(text in OUTLINE_CHARS) {
        check_text(&text, SourceKind::Text, settings());
        check_text(&text, SourceKind::Markdown, settings());
    }

    #[test]
    fn any_text_never_breaks(text in any::<String>()) {
        check_text(&text, SourceKind::Text, settings());
        check_text(&text, SourceKind::Markdown, settings());
    }

    #[test]
    fn structured_documents_never_break(text in structured_text()) {
        check_text(&text, SourceKind::Text, settings());
        check_text(&text, SourceKind::Markdown, settings());
    }

    /// Any bytes decode to text or to an error, never a panic; decoded text is the input when
    /// the input was UTF-8.
    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = gwlint::input::load_bytes(bytes.clone(), "any.txt", None)
            && let Ok(s) = std::str::from_utf8(&bytes)
        {
            let s = s.strip_prefix('\u{feff}').unwrap_or(s);
            if !s.contains('\0') {
                prop_assert_eq!(d.text, s);
            }
        }
        let _ = gwlint::input::load_bytes(bytes, "any.docx", None);
    }

    /// GB18030 round trip: text encoded as GB18030 and read back as GB18030 is the same text.
    /// (A few random characters may be too short for the detector to tell GB18030 from Big5:
    /// then only "no panic" is checked; the seed-sized cases are in tests/cli.rs.)
    #[test]
    fn gb18030_round_trip(text in OUTLINE_CHARS) {
        let bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
        if let Ok(d) = gwlint::input::load_bytes(bytes, "gb.txt", None)
            && d.encoding == "GB18030"
        {
            prop_assert_eq!(d.text, text);
        }
    }

    /// Markdown syntax of every kind (fences, tables, lists, quotes, emphasis, HTML, entities,
    /// soft and hard breaks): findings map back onto the file's characters and lines.
    #[test]
    fn markdown_maps_into_the_file(text in "([`~<!\\-|>#*_\\[\\]()&;: 1.一、（）“”甲乙\n\r拼博]|\\PC){0,200}") {
        check_text(&text, SourceKind::Markdown, settings());
    }

    #[test]
    fn outline_lines_never_break(lines in prop::collection::vec(SHORT_LINE, 0..30)) {
        // Many short lines: more markers at line starts, CRLF and blank lines.
        let text = lines.join("\n");
        check_text(&text, SourceKind::Text, settings());
    }
}

/// Deeply nested brackets must neither overflow the stack nor take long. Runs on a test thread,
/// whose stack is smaller than the main thread's.
#[test]
fn deep_nesting_finishes() {
    let cases = [
        // 100,000 unclosed brackets: one finding each, rendered as one grouped diagnostic.
        (format!("{}文字\n", "（".repeat(100_000)), Some(100_000)),
        // Balanced nesting 100,000 deep.
        (
            format!(
                "{}文字{}",
                "《“（【".repeat(25_000),
                "】）”》".repeat(25_000)
            ),
            None,
        ),
        // 100,000 unopened closing brackets.
        (format!("正文{}结束", "）".repeat(100_000)), Some(100_000)),
        // Structure rules on many headings, enumerators and count claims: no rule may be
        // quadratic in them.
        (
            format!("{}一、标题\n", "（一）下级标题\n".repeat(20_000)),
            None,
        ),
        (
            "重点抓好三个方面：\n一是甲。\n二是乙。\n".repeat(20_000),
            None,
        ),
        (
            "甲、乙、丙三项重点，一是甲；二是乙；四是丙。".repeat(20_000),
            None,
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let source =
            gwlint::input::SourceFile::from_text("deep.txt", text.as_str(), SourceKind::Text);
        let gwlint::Linted {
            document: doc,
            findings,
        } = gwlint::lint_document(&source, settings());
        for f in &findings {
            assert_span(text, &f.span, f.rule);
        }
        if let Some(n) = expected {
            let pairs = findings
                .iter()
                .filter(|f| f.rule == "unmatched-pair")
                .count();
            assert_eq!(pairs, *n, "case {i}");
        }
        // Rendering 100,000 findings costs seconds in a debug build; do it fully once.
        let shown = if i == 0 {
            &findings[..]
        } else {
            &findings[..findings.len().min(100)]
        };
        let out = human::render_file(
            "deep.txt",
            &doc,
            shown,
            HumanOptions {
                color: false,
                width: 100,
            },
        );
        assert_eq!(out.is_empty(), shown.is_empty());
        if let Some(f) = findings.last() {
            let json = JsonFinding::new("deep.txt", &doc, f);
            assert_eq!((json.line, json.column), naive_line_col(text, f.span.start));
        }
        let _ = gwlint::cli::outline_text(&doc);
    }
}

/// Inputs the generators once found; kept as fixed cases.
#[test]
fn regressions() {
    // An ASCII opening quote closed by a single quote of the other kind: the related span must
    // cover the one-byte `"`, not a three-byte `“`.
    check_text("\"𑀀’", SourceKind::Text, settings());
}
