//! A bug must not cost the batch: a panic while checking one file is caught, reported as an error
//! for that file — naming the rule that was running and the gwlint version — and every other
//! file is still checked and printed.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::OnceLock;

thread_local! {
    /// The rule running on this thread, if any.
    static RULE: Cell<Option<&'static str>> = const { Cell::new(None) };
    /// Whether this thread is inside [`isolate`] (its panics are reported by the caller).
    static ISOLATING: Cell<bool> = const { Cell::new(false) };
    /// Where the last isolated panic happened (file:line).
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic caught by [`isolate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crash {
    /// The rule that was running, if the panic happened inside one.
    pub rule: Option<&'static str>,
    /// The panic message and where it happened.
    pub message: String,
}

impl std::fmt::Display for Crash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.rule {
            Some(rule) => write!(f, "gwlint 内部错误：规则 {rule} 检查此文件时崩溃")?,
            None => write!(f, "gwlint 内部错误：检查此文件时崩溃")?,
        }
        write!(
            f,
            "（{}）。这是 gwlint 的缺陷，请把此文件和这段信息报告给开发者（gwlint {}）；其余文件照常检查",
            self.message,
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// Runs `f`, turning a panic into a [`Crash`].
pub fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, Crash> {
    let was = ISOLATING.replace(true);
    RULE.set(None);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ISOLATING.set(was);
    result.map_err(|payload| {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "未知原因".to_owned());
        let message = match LOCATION.take() {
            Some(at) => format!("{text}，位于 {at}"),
            None => text,
        };
        Crash {
            rule: RULE.take(),
            message,
        }
    })
}

/// Runs rule `id`'s check, remembering which rule runs in case it panics.
pub fn in_rule<T>(id: &'static str, f: impl FnOnce() -> T) -> T {
    let outer = RULE.replace(Some(id));
    let result = f();
    RULE.set(outer);
    result
}

/// Installs a panic hook that keeps isolated panics quiet (the caller reports them, with the
/// place) and leaves every other panic to the default hook.
pub fn install_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if ISOLATING.get() {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            LOCATION.set(at);
        } else {
            default(info);
        }
    }));
}

/// The text that makes [`debug_panic`] fire, from `GWLINT_DEBUG_PANIC` (for testing that a
/// crash stays inside its file; unset in normal use).
fn debug_trigger() -> Option<&'static str> {
    static TRIGGER: OnceLock<Option<String>> = OnceLock::new();
    TRIGGER
        .get_or_init(|| {
            std::env::var("GWLINT_DEBUG_PANIC")
                .ok()
                .filter(|s| !s.is_empty())
        })
        .as_deref()
}

/// Panics when the document contains the `GWLINT_DEBUG_PANIC` text (see [`debug_trigger`]).
pub fn debug_panic(text: &str) {
    if let Some(trigger) = debug_trigger()
        && text.contains(trigger)
    {
        panic!("GWLINT_DEBUG_PANIC 触发的测试崩溃");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_names_its_rule() {
        let crash = isolate(|| in_rule("typo", || panic!("boom"))).unwrap_err();
        assert_eq!(crash.rule, Some("typo"));
        assert!(crash.message.starts_with("boom"), "{}", crash.message);
        assert_eq!(isolate(|| in_rule("typo", || 1)), Ok(1));
    }
}
