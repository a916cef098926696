//! Any bytes as a `.docx` file: extraction succeeds or fails with a message, never a panic,
//! never unbounded memory (a zip bomb is cut off); extracted text lints within the contract.
#![no_main]

use std::sync::OnceLock;

use gwlint::config::{RuleFilter, Settings};
use libfuzzer_sys::fuzz_target;

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        gwlint::config::load(None, &RuleFilter::default()).expect("default rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = gwlint::input::load_bytes(data.to_vec(), "fuzz.docx", None) else {
        return;
    };
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&source, settings());
    if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
        panic!("{broken}");
    }
});
