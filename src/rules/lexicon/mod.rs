//! Word rules: typos, variant forms, context-dependent words, deprecated terms.

pub mod context_word;
pub mod deprecated_term;
pub mod fold_expression;
pub mod inconsistent_term;
pub mod latin_roman_numeral;
pub mod political_formulation;
pub mod typo;
pub mod variant_form;
