//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The real-document corpus (`../shared/corpus` or `$GWLINT_CORPUS`), when it is there. Tests
/// that need it skip with a message without it (a user's clone does not have it).
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("GWLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus")));
    dir.is_dir().then_some(dir)
}
