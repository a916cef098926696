//! Opt-in corpus check (slow, needs ../shared/corpus): `cargo test --test corpus -- --ignored --nocapture`.
//! Runs the default rule set over every corpus file, checks that nothing panics and that every span
//! is on character boundaries, and prints per-rule counts for review.

use std::collections::BTreeMap;

use gwlint::config::{self, RuleFilter};

mod common;
use common::corpus_dir;

#[test]
#[ignore = "slow; needs ../shared/corpus"]
fn corpus_has_no_panics_and_valid_spans() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $GWLINT_CORPUS): skipping");
        return;
    };
    let settings = config::load(None, &RuleFilter::default()).unwrap();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let source = gwlint::input::load(entry.path(), None).unwrap();
        let gwlint::Linted {
            document: doc,
            findings,
        } = gwlint::lint_document(&source, &settings);
        for f in findings {
            assert!(
                doc.text.is_char_boundary(f.span.start) && doc.text.is_char_boundary(f.span.end)
            );
            *counts.entry(f.rule).or_default() += 1;
        }
        files += 1;
    }
    eprintln!("{files} files: {counts:?}");
    assert!(files > 0);
}

#[test]
#[ignore = "slow; needs ../shared/corpus"]
fn short_gbk_snippets_are_read_as_gb18030() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus not found (../shared/corpus or $GWLINT_CORPUS): skipping");
        return;
    };
    let (mut total, mut wrong) = (0usize, Vec::new());
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let chars: Vec<char> = text.chars().filter(|c| *c != '\r').collect();
        for (k, len) in [6usize, 8, 10, 12, 16, 24, 40].into_iter().enumerate() {
            let start = chars.len() / 8 * (k + 1);
            if start + len > chars.len() {
                continue;
            }
            let snippet: String = chars[start..start + len].iter().collect();
            // Only Chinese text (ASCII-only snippets are UTF-8 as well).
            if snippet.is_ascii() {
                continue;
            }
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&snippet);
            if unmappable {
                continue;
            }
            total += 1;
            match gwlint::input::load_bytes(bytes.into_owned(), "snippet.txt", None) {
                Ok(d) if d.text == snippet => {}
                other => wrong.push(format!("{snippet:?}: {:?}", other.map(|d| d.encoding))),
            }
        }
    }
    eprintln!("{} of {total} GBK snippets misread", wrong.len());
    for w in wrong.iter().take(20) {
        eprintln!("  {w}");
    }
    assert!(wrong.len() * 100 <= total, "more than 1% misread");
}
