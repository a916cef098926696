//! The lint engine: runs the configured rules over a parsed document with a shared
//! [`context::LintContext`] (the document, its shared analyses, the word-start prefilter of the
//! active rules) and [`context::Reporter`] (which stamps rule id and severity), isolates a rule
//! that panics ([`crash`]), and reconciles conflicting fixes ([`overlap`]).

pub mod context;
pub mod crash;
pub mod overlap;
pub(crate) mod prefilter;
