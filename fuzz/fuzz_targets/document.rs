//! Any bytes, read as each kind of source the checker reads (plain text in any encoding the
//! detector picks, Markdown), linted with the default rules: no panic, and every finding keeps
//! the contract of `gwlint::invariants`.
#![no_main]

use std::sync::OnceLock;

use gwlint::config::{RuleFilter, Settings};
use gwlint::input::{SourceFile, SourceKind};
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        gwlint::config::load(None, &RuleFilter::default()).expect("default rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    // As the checker reads a `.txt` file (content sniffing and decoding included), then the same
    // text as Markdown.
    let Ok(source) = gwlint::input::load_bytes(data.to_vec(), "fuzz.txt", None) else {
        return;
    };
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&source, settings());
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("{:?}: {broken}", source.kind);
    }
    let _ = gwlint::cli::outline_text(&doc);
    let markdown = SourceFile::from_text("fuzz.md", source.text, SourceKind::Markdown);
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&markdown, settings());
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("markdown: {broken}");
    }
});
