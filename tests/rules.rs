//! Rule fixtures: every `tests/fixtures/<rule-id>/<case>.{txt,md}` is checked with only that rule
//! enabled (options from `<case>.toml` when present). `fail_*` cases must produce findings and
//! `pass_*` cases none; the findings and their human rendering are pinned with insta snapshots.

use std::path::Path;

use gwlint::config::{self, RuleFilter};
use gwlint::render::JsonFinding;
use gwlint::render::human::{HumanOptions, render_file};

fn check_fixture(path: &Path) -> String {
    let rule = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    // Read the way the checker reads files: kind by name (and content), Markdown as prose.
    let source = gwlint::input::load(path, None).unwrap();
    let toml_path = path.with_extension("toml");
    let toml_text = std::fs::read_to_string(&toml_path).ok();
    let filter = RuleFilter {
        select: vec![rule.clone()],
        ignore: Vec::new(),
    };
    let settings = config::load(
        toml_text.as_deref().map(|t| (toml_path.as_path(), t)),
        &filter,
    )
    .unwrap_or_else(|e| panic!("{}: {}", toml_path.display(), e.message));
    assert_eq!(settings.rules.len(), 1, "only {rule} runs");
    let gwlint::Linted {
        document: doc,
        findings,
    } = gwlint::lint_document(&source, &settings);
    if name.starts_with("fail") {
        assert!(
            !findings.is_empty(),
            "{rule}/{name}: expected findings, got none"
        );
    } else {
        assert!(
            findings.is_empty(),
            "{rule}/{name}: expected no findings, got {findings:#?}"
        );
    }
    let display = format!("{rule}/{name}");
    let mut out = String::new();
    for f in &findings {
        let j = JsonFinding::new(&display, &doc, f);
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} {}\n",
            j.line, j.column, j.end_line, j.end_column, j.rule, j.severity, j.message
        ));
        for r in &j.related {
            out.push_str(&format!(
                "    related {}:{} {}\n",
                r.line, r.column, r.message
            ));
        }
        if let Some(fix) = &j.fix {
            out.push_str(&format!(
                "    fix → {:?} (safe: {})\n",
                fix.replacement, fix.safe
            ));
        }
    }
    if findings.is_empty() {
        out.push_str("（无）\n");
    }
    out.push_str("\n---- human ----\n");
    out.push_str(&render_file(
        &display,
        &doc,
        &findings,
        HumanOptions {
            color: false,
            width: 80,
        },
    ));
    out
}

#[test]
fn rule_fixtures() {
    insta::glob!("fixtures/*/*.{txt,md,docx}", |path| {
        insta::assert_snapshot!(check_fixture(path));
    });
}
