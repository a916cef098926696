//! Metamorphic tests: layout must not change findings.
//!
//! Every text fixture and seed is re-laid out — re-indented with each kind of Unicode white space
//! (1, 2 and 4 of it, and mixes), given CRLF, `\r\r\n` or CR-only line ends, a UTF-8 BOM, trailing
//! spaces on every line, or every blank line doubled — and must then give the same findings: the
//! same rules and messages on the corresponding lines, with columns shifted by exactly the width
//! inserted before them. A difference is a bug in a rule, never in this test.
//!
//! The same check over every document of `../shared/corpus` is opt-in (slow in a debug build):
//! `cargo test --release --test layout -- --ignored`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gwlint::config::{self, RuleFilter, Settings};
use gwlint::document::{Document, SourceKind};
use gwlint::render::JsonFinding;

mod common;
use common::corpus_dir;

/// The indentation characters of the issue that asked for this test: every Unicode white space
/// that is not a line break, and U+FEFF.
const SPACES: &[char] = &[
    '\t', ' ', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}',
    '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{202F}', '\u{205F}',
    '\u{3000}', '\u{FEFF}',
];

/// Mixed indentations as exports write them.
const MIXES: &[&str] = &[
    "\u{3000} ",
    " \u{3000}\u{3000}",
    "\u{2003}\u{2002}\t",
    "\u{A0}\u{A0}\u{3000}",
];

/// One finding as compared: rule, start and end (line, character column), message, fix text.
type Row = (String, usize, usize, usize, usize, String, Option<String>);

/// A re-laid-out text and how its positions relate to the original's.
struct Variant {
    name: String,
    bytes: Vec<u8>,
    /// For each original line (0-based): its line number in the variant (1-based) and the
    /// characters added before its content (negative when indentation was removed).
    lines: Vec<(usize, isize)>,
}

fn lines_of(text: &str) -> Vec<&str> {
    text.split('\n').collect()
}

fn indent_chars(line: &str) -> usize {
    line.chars()
        .take_while(|&c| gwlint::document::layout::is_space(c))
        .count()
}

fn identity_lines(text: &str) -> Vec<(usize, isize)> {
    (0..lines_of(text).len()).map(|i| (i + 1, 0)).collect()
}

fn reindent(text: &str, indent: &str, name: String) -> Variant {
    let mut out = Vec::new();
    let mut lines = Vec::new();
    for (i, line) in lines_of(text).into_iter().enumerate() {
        let body = line.trim_start_matches(gwlint::document::layout::is_space);
        if body.is_empty() || body == "\r" {
            out.push(line.to_owned());
            lines.push((i + 1, 0));
        } else {
            out.push(format!("{indent}{body}"));
            // A U+FEFF that opens the file is its byte-order mark, not text.
            let bom = usize::from(out.len() == 1 && indent.starts_with('\u{FEFF}'));
            lines.push((
                i + 1,
                (indent.chars().count() - bom) as isize - indent_chars(line) as isize,
            ));
        }
    }
    Variant {
        name,
        bytes: out.join("\n").into_bytes(),
        lines,
    }
}

fn variants(text: &str) -> Vec<Variant> {
    let mut out = Vec::new();
    for &c in SPACES {
        for n in [1, 2, 4] {
            let indent: String = std::iter::repeat_n(c, n).collect();
            out.push(reindent(
                text,
                &indent,
                format!("indent {n}×U+{:04X}", c as u32),
            ));
        }
    }
    for mix in MIXES {
        out.push(reindent(text, mix, format!("indent {mix:?}")));
    }
    for (name, end) in [("CRLF", "\r\n"), ("CRCRLF", "\r\r\n"), ("CR", "\r")] {
        out.push(Variant {
            name: name.to_owned(),
            bytes: text.replace('\n', end).into_bytes(),
            lines: identity_lines(text),
        });
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    out.push(Variant {
        name: "BOM".to_owned(),
        bytes: bom,
        lines: identity_lines(text),
    });
    for trailing in ["  ", "\u{3000}", "\t "] {
        let body: Vec<String> = lines_of(text)
            .into_iter()
            .map(|l| match l.strip_suffix('\r') {
                Some(l) => format!("{l}{trailing}\r"),
                None => format!("{l}{trailing}"),
            })
            .collect();
        out.push(Variant {
            name: format!("trailing {trailing:?}"),
            bytes: body.join("\n").into_bytes(),
            lines: identity_lines(text),
        });
    }
    let mut doubled = Vec::new();
    let mut lines = Vec::new();
    for line in lines_of(text) {
        doubled.push(line);
        lines.push((doubled.len(), 0));
        if line
            .trim_matches(gwlint::document::layout::is_space)
            .trim_end_matches('\r')
            .is_empty()
        {
            doubled.push(line);
        }
    }
    // A doubled last blank line would add a line after the end: keep the text's own ending.
    if text.ends_with('\n') {
        doubled.pop();
    }
    out.push(Variant {
        name: "blank lines doubled".to_owned(),
        bytes: doubled.join("\n").into_bytes(),
        lines,
    });
    out
}

/// Lints bytes the way the checker reads a `.txt` file (decoding included).
fn lint(bytes: &[u8], settings: &Settings) -> Vec<Row> {
    let source = gwlint::input::load_bytes(bytes.to_vec(), "x.txt", None).expect("decodes");
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&source, settings);
    findings
        .iter()
        .map(|f| {
            let j = JsonFinding::new("x", &doc, f);
            (
                j.rule.to_owned(),
                j.line,
                j.column,
                j.end_line,
                j.end_column,
                j.message.clone(),
                j.fix.as_ref().map(|f| without_indentation(&f.replacement)),
            )
        })
        .collect()
}

/// A fix that breaks a paragraph inserts the document's own indentation after the line break,
/// and its own line break (`\r\n` in a CRLF file): that part follows the layout by design.
fn without_indentation(fix: &str) -> String {
    let mut out = String::new();
    for (i, part) in fix.split('\n').enumerate() {
        if i > 0 {
            out.truncate(out.trim_end_matches('\r').len());
            out.push('\n');
            out.push_str(part.trim_start_matches(gwlint::document::layout::is_space));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Where the original's finding should be in the variant.
fn expected(rows: &[Row], v: &Variant) -> Vec<Row> {
    let line_ref = regex::Regex::new(r"第 (\d+) 行").unwrap();
    let map = |line: usize, col: usize| {
        let (l, shift) = v.lines.get(line - 1).copied().unwrap_or((line, 0));
        (l, (col as isize + shift).max(1) as usize)
    };
    let mut out: Vec<Row> = rows
        .iter()
        .map(|(rule, l, c, el, ec, msg, fix)| {
            let (l, c) = map(*l, *c);
            let (el, ec) = map(*el, *ec);
            let msg = line_ref.replace_all(msg, |caps: &regex::Captures<'_>| {
                let n: usize = caps[1].parse().unwrap();
                format!("第 {} 行", map(n, 1).0)
            });
            (rule.clone(), l, c, el, ec, msg.into_owned(), fix.clone())
        })
        .collect();
    out.sort();
    out
}

/// Checks every variant of `text`; returns a description of each difference.
fn check_variants(label: &str, text: &str, settings: &Settings) -> Vec<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let base = lint(text.as_bytes(), settings);
    let mut problems = Vec::new();
    for v in variants(text) {
        let want = expected(&base, &v);
        let mut got = lint(&v.bytes, settings);
        got.sort();
        if got != want {
            let missing: Vec<_> = want.iter().filter(|r| !got.contains(r)).take(3).collect();
            let extra: Vec<_> = got.iter().filter(|r| !want.contains(r)).take(3).collect();
            problems.push(format!(
                "{label} [{}]: {} findings, expected {}\n    missing: {missing:?}\n    extra: {extra:?}",
                v.name,
                got.len(),
                want.len()
            ));
        }
    }
    problems
}

fn default_settings() -> Settings {
    config::load(None, &RuleFilter::default()).unwrap()
}

/// The fixture's own settings: its rule alone, with the options of `<case>.toml`.
fn fixture_settings(path: &Path) -> Settings {
    let rule = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    let toml_path = path.with_extension("toml");
    let toml_text = std::fs::read_to_string(&toml_path).ok();
    let filter = RuleFilter {
        select: vec![rule.to_owned()],
        ignore: Vec::new(),
    };
    config::load(
        toml_text.as_deref().map(|t| (toml_path.as_path(), t)),
        &filter,
    )
    .unwrap()
}

fn text_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn report(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} layout variants changed findings:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn fixtures_and_seeds_keep_their_findings_under_any_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let defaults = default_settings();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in text_files(&root.join("tests/fixtures")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let label = path.strip_prefix(root).unwrap().display().to_string();
        problems.extend(check_variants(&label, &text, &fixture_settings(&path)));
        problems.extend(check_variants(
            &format!("{label} (default rules)"),
            &text,
            &defaults,
        ));
        checked += 1;
    }
    for path in text_files(&root.join("seeds")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let label = path.strip_prefix(root).unwrap().display().to_string();
        problems.extend(check_variants(&label, &text, &defaults));
        checked += 1;
    }
    assert!(checked > 50, "only {checked} fixtures found");
    report(&problems);
}

#[test]
fn variants_change_what_they_claim() {
    let text = "一、甲\n\n　　正文。\n";
    let vs = variants(text);
    let by_name: BTreeMap<_, _> = vs.iter().map(|v| (v.name.as_str(), v)).collect();
    assert_eq!(by_name["CR"].bytes, "一、甲\r\r　　正文。\r".as_bytes());
    assert_eq!(
        by_name["indent 2×U+2003"].bytes,
        "\u{2003}\u{2003}一、甲\n\n\u{2003}\u{2003}正文。\n".as_bytes()
    );
    assert_eq!(by_name["indent 2×U+2003"].lines[2], (3, 0));
    assert_eq!(by_name["indent 1×U+2003"].lines[2], (3, -1));
    let doubled = by_name["blank lines doubled"];
    assert_eq!(doubled.bytes, "一、甲\n\n\n　　正文。\n".as_bytes());
    assert_eq!(doubled.lines[2], (4, 0));
}

#[test]
#[ignore = "slow in a debug build; needs ../shared/corpus"]
fn corpus_keeps_its_findings_under_any_layout() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $GWLINT_CORPUS): skipping");
        return;
    };
    let defaults = default_settings();
    let files = text_files(&dir);
    let problems: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<_> = files.chunks(files.len().div_ceil(2).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let defaults = &defaults;
                let dir = &dir;
                s.spawn(move || {
                    let mut out = Vec::new();
                    for path in chunk {
                        let text = std::fs::read_to_string(path).unwrap();
                        let label = path.strip_prefix(dir).unwrap().display().to_string();
                        out.extend(check_variants(&label, &text, defaults));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    eprintln!(
        "{} corpus files, {} differences",
        files.len(),
        problems.len()
    );
    report(&problems);
}

/// One numbering defect put into a real document: the line it is on and the text.
struct Injected {
    line: usize,
    text: String,
}

/// Numbering defects injected into `text`: for every run of three or more sibling headings
/// (same level and parent, numbered 1, 2, 3 … without a gap), the middle one repeats the number
/// before it (duplicate), or it and every later sibling are numbered one higher (skip).
fn inject_numbering_defects(text: &str) -> Vec<Injected> {
    let doc = Document::parse(text, SourceKind::Text);
    let mut groups: BTreeMap<(Option<usize>, u8), Vec<usize>> = BTreeMap::new();
    for (i, h) in doc.headings.iter().enumerate() {
        if h.level.is_marker() {
            groups.entry((h.parent, h.level as u8)).or_default().push(i);
        }
    }
    let number = |h: &gwlint::document::Heading, value: u32| {
        if h.raw.chinese {
            gwlint::document::numerals::to_chinese(value)
        } else {
            value.to_string()
        }
    };
    let mut out = Vec::new();
    for ids in groups.values() {
        let values: Vec<u32> = ids.iter().map(|&i| doc.headings[i].value).collect();
        if ids.len() < 3 || values.iter().enumerate().any(|(k, &v)| v != k as u32 + 1) {
            continue;
        }
        let k = ids.len() / 2;
        let target = &doc.headings[ids[k]];
        let line = doc.lines.line_of(target.marker.start);
        let mut dup = text.to_owned();
        dup.replace_range(target.number.clone(), &number(target, values[k - 1]));
        out.push(Injected { line, text: dup });
        let mut skip = text.to_owned();
        for &i in ids[k..].iter().rev() {
            let h = &doc.headings[i];
            skip.replace_range(h.number.clone(), &number(h, h.value + 1));
        }
        out.push(Injected { line, text: skip });
    }
    out
}

#[test]
#[ignore = "slow in a debug build; needs ../shared/corpus"]
fn injected_numbering_defects_are_found_under_any_indentation() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $GWLINT_CORPUS): skipping");
        return;
    };
    let settings = config::load(
        None,
        &RuleFilter {
            select: vec!["duplicate-number".into(), "skipped-number".into()],
            ignore: Vec::new(),
        },
    )
    .unwrap();
    let indents: Vec<String> = SPACES
        .iter()
        .map(|&c| std::iter::repeat_n(c, 2).collect())
        .chain(MIXES.iter().map(|m| (*m).to_owned()))
        .collect();
    let mut per_indent: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for path in text_files(&dir) {
        let original = std::fs::read_to_string(&path).unwrap();
        for injected in inject_numbering_defects(&original) {
            for indent in &indents {
                let v = reindent(&injected.text, indent, String::new());
                let found = lint(&v.bytes, &settings)
                    .iter()
                    .any(|r| r.1 == injected.line);
                let entry = per_indent.entry(format!("{indent:?}")).or_default();
                entry.0 += 1;
                if found {
                    entry.1 += 1;
                } else if missed.len() < 20 {
                    missed.push(format!("{}:{} {indent:?}", path.display(), injected.line));
                }
            }
        }
    }
    let (total, found) = per_indent
        .values()
        .fold((0, 0), |(t, f), (a, b)| (t + a, f + b));
    for (indent, (t, f)) in &per_indent {
        eprintln!("{indent:>28}: {f}/{t}");
    }
    eprintln!("injected numbering defects found: {found}/{total}");
    assert!(total > 0);
    for (indent, (t, f)) in &per_indent {
        assert!(
            *f * 100 >= *t * 99,
            "{indent}: only {f} of {t} injected defects found; missed e.g. {missed:#?}"
        );
    }
}
