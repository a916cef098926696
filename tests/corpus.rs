//! Opt-in corpus check (slow, needs ../shared/corpus): `cargo test --test corpus -- --ignored --nocapture`.
//! Runs the default rule set over every corpus file, checks that nothing panics and that every span
//! is on character boundaries, and prints per-rule counts for review.

use std::collections::BTreeMap;
use std::path::PathBuf;

use gwlint::config::{self, RuleFilter};
use gwlint::document::{Document, SourceKind};

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GWLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    dir.is_dir().then_some(dir)
}

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
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let doc = Document::parse(text, SourceKind::Text);
        for f in gwlint::check_document(&settings, &doc) {
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
