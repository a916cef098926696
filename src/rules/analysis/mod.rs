//! Shared analyses and matchers that several rules read: helpers, numbering and enumeration analyses, whitespace, the document date, term lists, pattern lists and written numbers.

pub mod common;
pub mod document_date;
pub mod enumeration;
pub mod numbering;
pub mod patterns;
pub mod terms;
pub mod whitespace;
pub mod word_lists;
pub mod written_numbers;
