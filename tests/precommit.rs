//! A real `pre-commit` run in a temporary git repository, with the hook from this checkout's
//! `.pre-commit-hooks.yaml` (`language: rust`: pre-commit builds gwlint from the commit at HEAD).
//!
//! Slow (pre-commit builds gwlint in release mode the first time), so opt-in:
//! `cargo test --test precommit -- --ignored`. `.ci/run` installs pre-commit from PyPI and runs
//! it with `GWLINT_REQUIRE_PRECOMMIT=1`, which turns a missing pre-commit into a failure instead
//! of a skip. The hook environment is kept in `target/pre-commit-home` between runs.

use std::path::Path;
use std::process::Command;

fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
#[ignore = "slow: pre-commit builds gwlint; run with --ignored (CI does)"]
fn pre_commit_hook_runs_gwlint() {
    let required = std::env::var_os("GWLINT_REQUIRE_PRECOMMIT").is_some();
    if !available("pre-commit") || !available("git") {
        assert!(!required, "pre-commit or git is not installed");
        eprintln!("pre-commit or git not installed; skipping");
        return;
    }
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rev = git(checkout, &["rev-parse", "HEAD"]);
    let home = checkout.join("target/pre-commit-home");

    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: gwlint\n",
            checkout.display()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("报告.txt"), "一、总体要求\n一、主要任务\n").unwrap();
    std::fs::write(dir.join("说明.md"), "二、`代码`不查\n").unwrap();
    git(dir, &["add", "."]);

    let run = || {
        Command::new("pre-commit")
            .args(["run", "--all-files", "--color", "never"])
            .env("PRE_COMMIT_HOME", &home)
            .current_dir(dir)
            .output()
            .expect("pre-commit runs")
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success(),
        "a duplicate heading fails the hook:\n{stdout}"
    );
    assert!(stdout.contains("duplicate-number"), "{stdout}");
    assert!(stdout.contains("报告.txt"), "{stdout}");

    std::fs::write(dir.join("报告.txt"), "一、总体要求\n二、主要任务\n").unwrap();
    git(dir, &["add", "."]);
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "fixed file passes:\n{stdout}");
}
