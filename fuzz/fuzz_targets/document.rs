//! Any bytes, read as each kind of source the checker reads (plain text in any encoding the
//! detector picks, Markdown), linted with the default rules: no panic, and every finding keeps
//! the contract of `gwlint::invariants`.
#![no_main]

use std::sync::OnceLock;

use gwlint::config::{RuleFilter, Settings};
use gwlint::document::{Document, SourceKind};
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        gwlint::config::load(None, &RuleFilter::default()).expect("default rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = gwlint::input::decode(data.to_vec(), None) else {
        return;
    };
    let doc = Document::parse(decoded.text.clone(), SourceKind::Text);
    let findings = gwlint::check_document(settings(), &doc);
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("text: {broken}");
    }
    let _ = gwlint::cli::outline_text(&doc);
    let (doc, findings) = gwlint::input::markdown::check(settings(), decoded.text);
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("markdown: {broken}");
    }
});
