//! Draft residue: unfilled placeholders.

pub mod unfilled_placeholder;
