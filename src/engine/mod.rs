//! The lint engine: runs the configured rules over a parsed document, isolates a rule that
//! panics ([`crash`]), and reconciles conflicting fixes ([`overlap`]). The word-start prefilter
//! shared by the word rules lives here too ([`prefilter`]).

pub mod crash;
pub mod overlap;
pub mod prefilter;
