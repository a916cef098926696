//! Process exit codes. Scripts and pre-commit hooks depend on these; never change their meaning.

/// No finding at or above `--fail-on`.
pub const CLEAN: i32 = 0;
/// At least one finding at or above `--fail-on`.
pub const FINDINGS: i32 = 1;
/// Usage, configuration or I/O error (some files may still have been checked). Wins over 1.
pub const ERROR: i32 = 2;
