//! Any text as a `gwlint.toml`: loading either succeeds or gives an error whose span lies inside
//! the file — never a panic. A configuration that loads is used on a short text.
#![no_main]

use std::path::Path;

use gwlint::config::RuleFilter;
use gwlint::input::{SourceFile, SourceKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match gwlint::config::load(
        Some((Path::new("gwlint.toml"), text)),
        &RuleFilter::default(),
    ) {
        Ok(settings) => {
            let source = SourceFile::from_text(
                "fuzz.txt",
                "一、总体要求\n形成了拼博精神，出台意见》，约5000人左右。\n三、任务\n",
                SourceKind::Text,
            );
            let gwlint::Linted {
                document: doc,
                findings,
            } = gwlint::lint_document(&source, &settings);
            if let Some(broken) = gwlint::invariants::violation(&doc, &findings) {
                panic!("{broken}");
            }
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            if let Some(span) = e.span
                && e.text == text
            {
                assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
            }
        }
    }
});
