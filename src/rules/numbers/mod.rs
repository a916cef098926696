//! Number and unit rules (GB/T 15835-2011).

pub mod date_format;
pub mod fullwidth_digit;
pub mod percent_point;
pub mod range_separator;
pub mod range_unit;
pub mod stacked_approximation;
