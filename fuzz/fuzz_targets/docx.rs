//! Any bytes as a `.docx` file: extraction succeeds or fails with a message, never a panic,
//! never unbounded memory (a zip bomb is cut off); extracted text lints within the contract.
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
    let Ok(extracted) = gwlint::input::docx::extract(data) else {
        return;
    };
    let mut doc = Document::parse(extracted.text, SourceKind::Docx);
    doc.auto_numbered = extracted.auto_numbered;
    let findings = gwlint::check_document(settings(), &doc);
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("{broken}");
    }
});
