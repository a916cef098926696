//! Punctuation rules (GB/T 15834-2011).

pub mod dunhao_before_deng;
pub mod dunhao_between_quoted;
pub mod enumeration_punctuation;
pub mod halfwidth_punctuation;
pub mod malformed_doc_number;
pub mod nested_quote;
pub mod nonstandard_dash;
pub mod nonstandard_ellipsis;
pub mod repeated_punctuation;
pub mod stray_whitespace;
pub mod unmatched_pair;
