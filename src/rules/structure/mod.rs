//! Rules on the outline and its numbering (GB/T 9704-2012 §7.3.3), enumerations and count claims.

pub mod auto_numbering;
pub mod count_claim;
pub mod duplicate_number;
pub mod enumeration_layout;
pub mod enumeration_sequence;
pub mod heading_punctuation;
pub mod malformed_marker;
pub mod marker_spacing;
pub mod merged_paragraphs;
pub mod misplaced_level;
pub mod skipped_number;
