//! End-to-end tests of the `gwlint` binary: exit codes, machine output, human output, config
//! errors, batch robustness, stdin and the auxiliary subcommands.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use encoding_rs::GB18030;
use predicates::prelude::*;
use serde_json::Value;

const SEED: &str = "seeds/000_18ae15f2ea8019a0.txt";

/// The fields of one JSON finding, in contract order.
const JSON_FIELDS: [&str; 14] = [
    "path",
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "byte_start",
    "byte_end",
    "related",
    "help",
    "fix",
    "encoding",
];

/// The four rules whose seed findings are the core contract (issue: "the four defects").
const CORE_RULES: [&str; 4] = [
    "duplicate-number",
    "skipped-number",
    "unfilled-placeholder",
    "unmatched-pair",
];

/// Every registered rule id, in registry order.
fn rule_ids() -> Vec<&'static str> {
    gwlint::rules::RULES.iter().map(|e| e.meta.id).collect()
}

/// `check --format jsonl` on the seed restricted to the core rules.
const SEED_CORE: [&str; 5] = [
    "check",
    "--select",
    "duplicate-number,skipped-number,unfilled-placeholder,unmatched-pair",
    "--format",
    "jsonl",
];

fn gwlint() -> Command {
    let mut cmd = Command::cargo_bin("gwlint").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs a command and returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("gwlint runs");
    let code = out
        .status
        .code()
        .expect("gwlint exited normally (not by a signal)");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr).expect("stderr is UTF-8");
    assert!(!stderr.contains("panicked"), "gwlint panicked:\n{stderr}");
    (code, stdout, stderr)
}

fn write(path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = path.as_ref();
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, contents).unwrap();
    path.to_path_buf()
}

fn parse_jsonl(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line is not JSON ({e}): {l}")))
        .collect()
}

fn rule_of(v: &Value) -> &str {
    v["rule"].as_str().unwrap()
}

fn of_rule<'a>(findings: &'a [Value], rule: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| rule_of(f) == rule).collect()
}

fn rules_in(findings: &[Value]) -> Vec<&str> {
    let mut rules: Vec<&str> = findings.iter().map(rule_of).collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

// ---------------------------------------------------------------------------------------------
// Machine output on the seed document
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_jsonl_findings() {
    let (code, stdout, stderr) = run(gwlint().args(SEED_CORE).arg(SEED));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    let findings = parse_jsonl(&stdout);

    for f in &findings {
        let obj = f.as_object().expect("each line is a JSON object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = JSON_FIELDS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected, "fields of {f}");
        assert_eq!(f["path"], SEED);
        assert!(CORE_RULES.contains(&rule_of(f)), "unexpected rule in {f}");
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
    }

    let dup = of_rule(&findings, "duplicate-number");
    assert_eq!(dup.len(), 1, "{dup:#?}");
    assert_eq!(
        (dup[0]["line"].as_u64(), dup[0]["column"].as_u64()),
        (Some(18), Some(1))
    );
    let related = dup[0]["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{related:#?}");
    assert_eq!(related[0]["line"], 2);
    assert_eq!(related[0]["column"], 1);

    let skipped = of_rule(&findings, "skipped-number");
    assert_eq!(skipped.len(), 1, "{skipped:#?}");
    assert_eq!(
        (skipped[0]["line"].as_u64(), skipped[0]["column"].as_u64()),
        (Some(48), Some(1))
    );
    assert!(
        skipped[0]["message"].as_str().unwrap().contains("三、"),
        "{}",
        skipped[0]
    );

    let pair = of_rule(&findings, "unmatched-pair");
    assert_eq!(pair.len(), 1, "{pair:#?}");
    assert_eq!(
        (pair[0]["line"].as_u64(), pair[0]["column"].as_u64()),
        (Some(9), Some(103))
    );

    let bytes = fs::read(SEED).unwrap();
    let placeholders = of_rule(&findings, "unfilled-placeholder");
    assert_eq!(placeholders.len(), 223);
    for p in &placeholders {
        let start = p["byte_start"].as_u64().unwrap() as usize;
        let end = p["byte_end"].as_u64().unwrap() as usize;
        assert_eq!(end - start, 1, "{p}");
        assert_eq!(bytes[start], b'*', "{p}");
        assert_eq!(p["end_line"], p["line"], "{p}");
        assert_eq!(
            p["end_column"].as_u64().unwrap(),
            p["column"].as_u64().unwrap() + 1,
            "{p}"
        );
    }

    assert_eq!(findings.len(), 1 + 1 + 1 + 223, "nothing else is reported");
}

#[test]
fn seed_json_array_matches_jsonl() {
    let (code, jsonl, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    assert_eq!(code, 1);
    let (code, json, stderr) = run(gwlint().args(["check", "--format", "json", SEED]));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    let array: Value = serde_json::from_str(&json).expect("--format json prints one JSON document");
    let array = array.as_array().expect("a JSON array").clone();
    let lines = parse_jsonl(&jsonl);
    assert_eq!(array.len(), lines.len());
    assert_eq!(
        array, lines,
        "json and jsonl carry the same objects in the same order"
    );
}

#[test]
fn seed_human_output() {
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--color", "never", "--select"])
        .arg(CORE_RULES.join(","))
        .arg(SEED));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    assert!(stdout.contains(&format!("{SEED}:18:1")), "{stdout}");
    assert!(stdout.contains(&format!("{SEED}:48:1")), "{stdout}");
    assert!(stdout.contains(&format!("{SEED}:9:103")), "{stdout}");
    assert!(
        !stdout.contains('\x1b'),
        "no ANSI escapes with --color never"
    );
    assert!(!stderr.contains('\x1b'));
    let last = stdout.trim_end().lines().last().unwrap();
    assert!(last.starts_with("检查了 1 个文件"), "last line: {last}");
    assert!(last.contains("226"), "last line: {last}");
}

#[test]
fn color_always_uses_ansi() {
    let (code, stdout, _) = run(gwlint().args(["check", "--color", "always", SEED]));
    assert_eq!(code, 1);
    assert!(stdout.contains('\x1b'));

    // auto: stdout is a pipe here, so no colour.
    let (code, stdout, _) = run(gwlint().args(["check", SEED]));
    assert_eq!(code, 1);
    assert!(!stdout.contains('\x1b'));
}

#[test]
fn no_summary_flag() {
    let (code, stdout, _) = run(gwlint().args(["check", "--color", "never", "--no-summary", SEED]));
    assert_eq!(code, 1);
    assert!(!stdout.contains("检查了"), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// Exit codes and rule selection
// ---------------------------------------------------------------------------------------------

#[test]
fn fail_on_levels() {
    let dir = tempfile::tempdir().unwrap();
    let warn = write(dir.path().join("warn.txt"), "数据为*亿元。\n");
    let clean = write(dir.path().join("clean.txt"), "一、总体要求\n二、主要任务\n");

    gwlint()
        .args(["check", "--color", "never", "--fail-on", "error"])
        .arg(&warn)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("unfilled-placeholder"));
    gwlint()
        .args(["check", "--color", "never"])
        .arg(&warn)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unfilled-placeholder"));
    gwlint()
        .args(["check", "--color", "never", "--fail-on", "warning"])
        .arg(&warn)
        .assert()
        .code(1);
    gwlint()
        .args(["check", "--color", "never", "--fail-on", "info"])
        .arg(&warn)
        .assert()
        .code(1);
    gwlint()
        .args(["check", "--color", "never"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("检查了 1 个文件，未发现问题"));
    gwlint()
        .args(["check", "--format", "jsonl"])
        .arg(&clean)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn select_enables_a_rule_that_is_off_and_says_so() {
    // political-formulation ships with enabled = false.
    let (_, stdout, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    assert!(!stdout.contains("political-formulation"));
    let (_, stdout, stderr) = run(gwlint().args([
        "check",
        "--format",
        "jsonl",
        "--select",
        "political-formulation",
        SEED,
    ]));
    assert_eq!(rules_in(&parse_jsonl(&stdout)), ["political-formulation"]);
    assert!(
        stderr.contains("political-formulation") && stderr.contains("因 --select 明确指定而启用"),
        "{stderr}"
    );
    // A rule that is on is not announced.
    let (_, _, stderr) = run(gwlint().args(["check", "--select", "typo", SEED]));
    assert!(!stderr.contains("--select 明确指定"), "{stderr}");
}

#[test]
fn a_run_without_active_rules_says_so() {
    let (code, stdout, stderr) = run(gwlint().args([
        "check", "--color", "never", "--select", "typo", "--ignore", "typo", SEED,
    ]));
    assert_eq!(code, 0);
    assert!(stdout.contains("没有启用任何规则，未做检查"), "{stdout}");
    assert!(!stdout.contains("未发现问题"), "{stdout}");
    assert!(stderr.contains("没有启用任何规则"), "{stderr}");
}

#[test]
fn select_and_ignore() {
    let (code, stdout, _) = run(gwlint().args([
        "check",
        "--format",
        "jsonl",
        "--select",
        "duplicate-number",
        SEED,
    ]));
    assert_eq!(code, 1);
    let findings = parse_jsonl(&stdout);
    assert_eq!(rules_in(&findings), ["duplicate-number"]);
    assert_eq!(findings.len(), 1);

    let (code, stdout, _) = run(gwlint().args([
        "check",
        "--format",
        "jsonl",
        "--select",
        "duplicate-number,skipped-number",
        SEED,
    ]));
    assert_eq!(code, 1);
    assert_eq!(
        rules_in(&parse_jsonl(&stdout)),
        ["duplicate-number", "skipped-number"]
    );

    let (code, stdout, _) = run(gwlint().args([
        "check",
        "--format",
        "jsonl",
        "--ignore",
        "unfilled-placeholder,marker-spacing",
        SEED,
    ]));
    assert_eq!(code, 1);
    let findings = parse_jsonl(&stdout);
    assert!(
        !rules_in(&findings).contains(&"unfilled-placeholder")
            && !rules_in(&findings).contains(&"marker-spacing"),
        "{findings:#?}"
    );
    assert_eq!(
        of_rule(&findings, "duplicate-number").len()
            + of_rule(&findings, "skipped-number").len()
            + of_rule(&findings, "unmatched-pair").len(),
        3
    );

    let (code, stdout, stderr) = run(gwlint().args(["check", "--select", "nosuch-rule", SEED]));
    assert_eq!(code, 2);
    assert!(stderr.contains("nosuch-rule"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");

    let (code, _, stderr) = run(gwlint().args(["check", "--ignore", "nosuch-rule", SEED]));
    assert_eq!(code, 2);
    assert!(stderr.contains("nosuch-rule"), "{stderr}");
}

#[test]
fn nonexistent_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-file.txt");
    let (code, _, stderr) = run(gwlint().args(["check", "--color", "never"]).arg(&missing));
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-file.txt"), "{stderr}");
    assert!(stderr.contains("不存在"), "{stderr}");

    // Still exits 2 when another file on the command line has findings.
    let (code, stdout, _) = run(gwlint().args(SEED_CORE).arg(SEED).arg(&missing));
    assert_eq!(code, 2, "errors win over findings");
    assert_eq!(parse_jsonl(&stdout).len(), 226);
}

// ---------------------------------------------------------------------------------------------
// Configuration errors
// ---------------------------------------------------------------------------------------------

/// Runs `check --config <file>` on a file with findings; asserts exit 2, the position and that
/// every `names` string is mentioned on stderr. Returns stderr.
fn bad_config(toml: &str, position: &str, names: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path().join("bad.toml"), toml);
    let doc = write(dir.path().join("doc.txt"), "一、甲\n一、乙\n");
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--color", "never", "--config"])
        .arg(&config)
        .arg(&doc));
    assert_eq!(
        code, 2,
        "config {toml:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let located = format!("{}:{position}", config.display());
    assert!(
        stderr.contains(&located),
        "expected {located} in:\n{stderr}"
    );
    for name in names {
        assert!(stderr.contains(name), "expected {name:?} in:\n{stderr}");
    }
    assert!(
        !stdout.contains("duplicate-number"),
        "nothing is checked with a broken --config"
    );
    stderr
}

#[test]
fn config_malformed_toml() {
    bad_config("[rules\nx = ", "1:7", &["配置错误"]);
    bad_config(
        "[rules.duplicate-number]\nseverity = \"error\n",
        "2:",
        &["配置错误"],
    );
}

#[test]
fn config_unknown_rule() {
    let stderr = bad_config(
        "[rules.dupliate-number]\nseverity = \"info\"\n",
        "1:8",
        &["dupliate-number"],
    );
    assert!(
        stderr.contains("duplicate-number"),
        "suggests the right id:\n{stderr}"
    );
}

#[test]
fn config_unknown_key() {
    bad_config("[rules.duplicate-number]\nfoo = 1\n", "2:1", &["“foo”"]);
}

#[test]
fn config_wrong_type() {
    bad_config(
        "[rules.unmatched-pair]\nmulti-paragraph-quotes = \"yes\"\n",
        "2:26",
        &["multi-paragraph-quotes", "类型错误"],
    );
}

#[test]
fn config_bad_severity() {
    bad_config(
        "[rules.duplicate-number]\nseverity = \"fatal\"\n",
        "2:12",
        &["severity", "fatal"],
    );
    bad_config(
        "[rules.duplicate-number]\nseverity = 3\n",
        "2:12",
        &["severity"],
    );
    bad_config(
        "[rules.duplicate-number]\nenabled = \"no\"\n",
        "2:11",
        &["enabled"],
    );
}

#[test]
fn config_bad_term_entries() {
    bad_config(
        "[rules.typo]\ndisable = [\"不存在的词\"]\n",
        "1:1",
        &["不存在的词", "disable"],
    );
    bad_config(
        "[rules.typo]\nextend = [[\"只有一个\"]]\n",
        "2:11",
        &["长度不对", "正确写法"],
    );
    bad_config(
        "[rules.variant-form]\nextend = [[\"同\", \"同\"]]\n",
        "1:1",
        &["相同"],
    );
    bad_config(
        "[rules.typo]\nextend = [[\"\", \"部署\"]]\n",
        "1:1",
        &["空的错误写法"],
    );
}

#[test]
fn config_bad_context_rules() {
    bad_config(
        "[rules.context-word]\nextend = [{ id = \"x\", regex = \"(\", message = \"m\" }]\n",
        "1:1",
        &["正则表达式无效", "x"],
    );
    bad_config(
        "[rules.context-word]\nextend = [{ id = \"x\", regex = \"a\" }]\n",
        "2:",
        &["message"],
    );
    bad_config(
        "[rules.context-word]\nextend = [{ id = \"baofa\", regex = \"a\", message = \"m\" }]\n",
        "1:1",
        &["重复"],
    );
    bad_config(
        "[rules.context-word]\ndisable = [\"nope\"]\n",
        "1:1",
        &["nope"],
    );
}

#[test]
fn config_bad_custom_rules() {
    let rule = |body: &str| format!("[[rule]]\nid = \"our-rule\"\nmessage = \"m\"\n{body}");
    bad_config(
        &rule("regex = '(a'\n"),
        "4:9",
        &["正则表达式无效", "圆括号没有闭合"],
    );
    bad_config(
        &rule("words = [\"甲\"]\n[[rule]]\nid = \"our-rule\"\nmessage = \"m\"\nwords = [\"乙\"]\n"),
        "6:6",
        &["重复"],
    );
    bad_config(
        "[[rule]]\nid = \"x\"\nwords = [\"甲\"]\n",
        "1:1",
        &["缺少必填项", "message"],
    );
    bad_config(&rule("words = [\"甲\"]\nfoo = 1\n"), "5:1", &["“foo”"]);
    bad_config(
        &rule("words = [\"甲\"]\nregex = \"乙\"\n"),
        "1:1",
        &["regex", "words", "pairs"],
    );
    bad_config(&rule(""), "1:1", &["regex", "words", "pairs"]);
    bad_config(
        "[[rule]]\nid = \"typo\"\nmessage = \"m\"\nwords = [\"甲\"]\n",
        "2:6",
        &["内置规则", "[rules.typo]"],
    );
    bad_config(
        "[[rule]]\nid = \"Our_Rule\"\nmessage = \"m\"\nwords = [\"甲\"]\n",
        "2:6",
        &["Our_Rule", "小写英文"],
    );
    bad_config(
        &rule(
            "regex = '领导同志们'\nreplace = '同志们'\nexamples = [[\"领导同志们\", \"领导们\"]]\n",
        ),
        "6:",
        &["示例不成立", "同志们"],
    );
    bad_config(&rule("pairs = [[\"甲\", \"甲\"]]\n"), "4:9", &["相同"]);
    bad_config(
        &rule("words = [\"甲\"]\n[rules.our-rule]\nregex = \"乙\"\n"),
        "6:1",
        &["[rules.our-rule]", "只能设置"],
    );
    bad_config("rule = 3\n", "1:8", &["[[rule]]"]);
    bad_config("[[rules]]\nid = \"x\"\n", "1:", &["[[rule]]"]);
    bad_config(
        "include = [\"nope.toml\"]\n",
        "1:12",
        &["nope.toml", "无法读取"],
    );
    bad_config("include = \"nope.toml\"\n", "1:11", &["include"]);
    bad_config("include = [\"bad.toml\"]\n", "1:12", &["循环包含"]);
    bad_config(
        "[rules.typo]\ninclude = [\"nope.toml\"]\n",
        "2:12",
        &["nope.toml"],
    );
}

#[test]
fn config_error_inside_included_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path().join("lists/词表.toml"), "[[set]]\nid = 1\n");
    write(
        dir.path().join("shared.toml"),
        "[[rule]]\nid = \"x\"\nmessage = \"m\"\nregex = '('\n",
    );
    let doc = write(dir.path().join("doc.txt"), "一、甲\n");
    for (config, position) in [
        (
            "[rules.typo]\ninclude = [\"lists/词表.toml\"]\n",
            "词表.toml:2:6",
        ),
        ("include = [\"shared.toml\"]\n", "shared.toml:4:9"),
    ] {
        let path = write(dir.path().join("gwlint.toml"), config);
        let (code, _, stderr) = run(gwlint()
            .args(["check", "--color", "never", "--config"])
            .arg(&path)
            .arg(&doc));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(position),
            "expected {position} in:\n{stderr}"
        );
    }
}

/// A user's list file, a shared configuration with a word-list rule, and a regex rule with
/// capture groups: findings with their spans, replacements and severities; `--select` and
/// `enabled = false` work on the user's rule ids.
#[test]
fn user_rules_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path().join("lists/本单位错别字.toml"),
        "[[set]]\nid = \"our-typos\"\nsource = \"本单位校对手册\"\nmessage = \"本单位词表：“{wrong}”应为“{right}”\"\n\
         examples = [[\"周密布暑\", \"周密部署\"]]\npairs = [[\"布暑\", \"部署\"]]\n",
    );
    write(
        dir.path().join("shared.toml"),
        "[[rule]]\nid = \"colloquial\"\nseverity = \"info\"\nmessage = \"口语化表述“{text}”\"\nwords = [\"搞定\", \"咋办\"]\n",
    );
    write(
        dir.path().join("gwlint.toml"),
        "include = [\"shared.toml\"]\n[rules.typo]\ninclude = [\"lists/本单位错别字.toml\"]\n\
         [[rule]]\nid = \"leader-title\"\nmessage = \"称呼不规范：“{text}”→“{fix}”\"\n\
         regex = '(各位)?领导同志们'\nreplace = '${1}同志们'\nexamples = [[\"各位领导同志们：\", \"各位同志们：\"]]\n",
    );
    let doc = write(
        dir.path().join("doc.txt"),
        "各位领导同志们：\n今年工作周密布暑，问题都搞定了。\n",
    );
    let (code, stdout, stderr) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&doc));
    assert_eq!(code, 1, "{stderr}");
    let findings = parse_jsonl(&stdout);
    let rows: Vec<(String, String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                rule_of(f).to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["fix"]["replacement"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let row = |r: &str, s: &str, l, c, f: &str| (r.to_owned(), s.to_owned(), l, c, f.to_owned());
    assert_eq!(
        rows,
        vec![
            row("leader-title", "warning", 1, 1, "各位同志们"),
            row("typo", "error", 2, 7, "部署"),
            row("colloquial", "info", 2, 13, ""),
        ]
    );
    assert_eq!(findings[0]["byte_end"], 21);

    let (code, stdout, _) = run(gwlint()
        .args(["explain", "leader-title", "--config"])
        .arg(dir.path().join("gwlint.toml")));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("自定义规则") && stdout.contains("(各位)?领导同志们"),
        "{stdout}"
    );

    let (code, stdout, _) = run(gwlint()
        .args(["check", "--format", "jsonl", "--select", "colloquial"])
        .arg(&doc));
    // An info finding does not fail the run (--fail-on warning).
    assert_eq!(code, 0);
    assert_eq!(rules_in(&parse_jsonl(&stdout)), vec!["colloquial"]);

    write(
        dir.path().join("gwlint.toml"),
        "include = [\"shared.toml\"]\n[rules.colloquial]\nenabled = false\n",
    );
    let (code, stdout, stderr) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&doc));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn config_bad_document_date() {
    bad_config(
        "[rules.deprecated-term]\ndocument-date = \"2023/03/05\"\n",
        "1:1",
        &["document-date", "YYYY-MM-DD"],
    );
}

#[test]
fn config_unknown_top_level_key() {
    bad_config(
        "[check]\nextensions = [\"txt\"]\n[rulez]\n",
        "3:2",
        &["rulez"],
    );
}

#[test]
fn missing_explicit_config() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--config"])
        .arg(dir.path().join("nope.toml"))
        .arg(SEED));
    assert_eq!(code, 2);
    assert!(stderr.contains("nope.toml"), "{stderr}");
}

#[test]
fn discovered_broken_config() {
    let root = tempfile::tempdir().unwrap();
    let docs = root.path().join("docs");
    write(docs.join("gwlint.toml"), "[rules.dupliate-number]\n");
    write(docs.join("a.txt"), "一、甲\n一、乙\n");
    let elsewhere = root.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();

    let (code, stdout, stderr) = run(gwlint()
        .current_dir(&elsewhere)
        .args(["check", "--color", "never", "../docs"]));
    assert_eq!(code, 2, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stderr.contains("gwlint.toml:1:8"), "{stderr}");
    assert!(stderr.contains("dupliate-number"), "{stderr}");
    assert!(
        stderr.contains("a.txt"),
        "the unchecked file is named:\n{stderr}"
    );
    assert!(!stdout.contains("duplicate-number"), "{stdout}");
}

#[test]
fn discovered_config_is_honoured_walking_up() {
    let root = tempfile::tempdir().unwrap();
    let file = write(root.path().join("a/b/c/doc.txt"), "数据为*亿元。\n");
    let elsewhere = tempfile::tempdir().unwrap();

    // Without a config the placeholder is reported.
    let (code, stdout, _) = run(gwlint()
        .current_dir(elsewhere.path())
        .args(["check", "--format", "jsonl"])
        .arg(&file));
    assert_eq!(code, 1);
    assert_eq!(rules_in(&parse_jsonl(&stdout)), ["unfilled-placeholder"]);

    // A gwlint.toml two directories up turns the rule off.
    write(
        root.path().join("a/gwlint.toml"),
        "[rules.unfilled-placeholder]\nenabled = false\n",
    );
    let (code, stdout, stderr) = run(gwlint()
        .current_dir(elsewhere.path())
        .args(["check", "--format", "jsonl"])
        .arg(&file));
    assert_eq!(code, 0, "stderr:\n{stderr}");
    assert_eq!(stdout, "");

    // Same when the directory is given and gwlint runs from inside it.
    let (code, stdout, _) = run(gwlint()
        .current_dir(root.path().join("a/b"))
        .args(["check", "--format", "jsonl", "."]));
    assert_eq!(code, 0);
    assert_eq!(stdout, "");

    // A nearer .gwlint.toml wins over the farther one.
    write(
        root.path().join("a/b/c/.gwlint.toml"),
        "[rules.unfilled-placeholder]\nseverity = \"info\"\n",
    );
    let (code, stdout, _) = run(gwlint()
        .current_dir(elsewhere.path())
        .args(["check", "--format", "jsonl"])
        .arg(&file));
    assert_eq!(code, 0, "info does not fail with the default --fail-on");
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["severity"], "info");
}

// ---------------------------------------------------------------------------------------------
// Batches
// ---------------------------------------------------------------------------------------------

#[test]
fn batch_with_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d.join("good.txt"), "一、甲\n一、乙\n数据为*亿元。\n");
    write(d.join("empty.txt"), "");
    write(d.join("binary.txt"), b"\x00\x01\x02abc\x00");
    // A damaged GB18030 file: Chinese text with an invalid byte pair on line 2.
    let mut damaged = GB18030
        .encode("一、总体要求和主要目标任务。坚持以人民为中心的发展思想，推动高质量发展。\n二、")
        .0
        .into_owned();
    damaged.extend([0x81, 0x20, b'\n']);
    write(d.join("gbk.txt"), damaged);
    std::os::unix::fs::symlink("missing", d.join("broken.txt")).unwrap();

    let (code, stdout, stderr) = run(gwlint()
        .current_dir(d)
        .args(["check", "--format", "jsonl", "."]));
    assert_eq!(code, 2, "stderr:\n{stderr}");
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), 2, "{stdout}");
    assert!(
        findings
            .iter()
            .all(|f| f["path"].as_str().unwrap().ends_with("good.txt"))
    );
    assert_eq!(
        rules_in(&findings),
        ["duplicate-number", "unfilled-placeholder"]
    );

    let line_with = |name: &str| -> String {
        stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named on stderr:\n{stderr}"))
            .to_owned()
    };
    assert!(line_with("binary.txt").contains("二进制"), "{stderr}");
    assert!(line_with("gbk.txt").contains("GB18030"), "{stderr}");
    assert!(line_with("broken.txt").contains("不存在"), "{stderr}");
    assert!(
        !stderr.contains("empty.txt"),
        "an empty file is fine:\n{stderr}"
    );
    assert!(!stderr.contains("good.txt"), "{stderr}");

    // Human output: findings on stdout, summary counts the failed files.
    let (code, stdout, stderr) = run(gwlint()
        .current_dir(d)
        .args(["check", "--color", "never", "."]));
    assert_eq!(code, 2, "stderr:\n{stderr}");
    assert!(stdout.contains("good.txt:2:1"), "{stdout}");
    let last = stdout.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("检查了 2 个文件，3 个文件无法检查"),
        "{last}"
    );
}

#[test]
fn explicit_binary_and_non_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    let bin = write(dir.path().join("x.doc"), b"PK\x03\x04\x00\x00");
    let gbk = write(
        dir.path().join("y.txt"),
        "一、甲\n"
            .bytes()
            .chain(*b"\xd2\xbb\xa1\xa2")
            .collect::<Vec<u8>>(),
    );
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--color", "never"])
        .arg(&bin)
        .arg(&gbk));
    assert_eq!(code, 2);
    // A (damaged) zip archive, named .doc: what it is, not "binary".
    assert!(
        stderr.contains("x.doc")
            && stderr.contains("这是 zip 压缩文件（已损坏或不完整），gwlint 不能读取"),
        "{stderr}"
    );
    assert!(
        stderr.contains("y.txt") && stderr.contains("按 UTF-8 解码失败"),
        "{stderr}"
    );
    assert!(
        stderr.contains("第 2 行"),
        "position of the bad byte:\n{stderr}"
    );
}

#[test]
fn output_order_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    // Written in reverse order so that creation order cannot explain a sorted result.
    write(
        dir.path().join("b.txt"),
        "一、甲\n一、乙\n数据*。\n三、丙\n",
    );
    write(
        dir.path().join("a.txt"),
        "出台意见》。数据*亿元，**万人。\n一、甲\n一、乙\n",
    );

    let jsonl = |dir: &Path| {
        let (code, stdout, stderr) = run(gwlint()
            .current_dir(dir)
            .args(["check", "--format", "jsonl", "."]));
        assert_eq!(code, 1, "stderr:\n{stderr}");
        stdout
    };
    let first = jsonl(dir.path());
    for _ in 0..3 {
        assert_eq!(jsonl(dir.path()), first, "same output on every run");
    }
    let findings = parse_jsonl(&first);
    let keys: Vec<(String, u64, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["byte_start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by path, then position");
    let paths: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    assert!(paths.first().unwrap().ends_with("a.txt"));
    assert!(paths.last().unwrap().ends_with("b.txt"));

    let human = |dir: &Path| {
        run(gwlint()
            .current_dir(dir)
            .args(["check", "--color", "never", "."]))
        .1
    };
    let first = human(dir.path());
    assert_eq!(human(dir.path()), first);
    let a = first.find("a.txt:").expect("a.txt in human output");
    let b = first.find("b.txt:").expect("b.txt in human output");
    assert!(a < b, "a.txt before b.txt:\n{first}");
}

// ---------------------------------------------------------------------------------------------
// stdin
// ---------------------------------------------------------------------------------------------

#[test]
fn stdin_input() {
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--color", "never", "-"])
        .write_stdin("一、甲\n一、乙\n"));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    assert!(stdout.contains("<stdin>:2:1"), "{stdout}");

    let (code, stdout, _) = run(gwlint()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin("一、甲\n一、乙\n"));
    assert_eq!(code, 1);
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], "<stdin>");
    assert_eq!(findings[0]["rule"], "duplicate-number");

    let (code, stdout, _) = run(gwlint()
        .args([
            "check",
            "--format",
            "jsonl",
            "--stdin-filename",
            "x.txt",
            "-",
        ])
        .write_stdin("一、甲\n一、乙\n"));
    assert_eq!(code, 1);
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings[0]["path"], "x.txt");

    let (code, stdout, _) = run(gwlint()
        .args(["check", "--color", "never", "-"])
        .write_stdin("一、总体要求\n二、主要任务\n"));
    assert_eq!(code, 0);
    assert!(stdout.contains("未发现问题"), "{stdout}");

    // UTF-8 with a stray byte: an error that says where, never mojibake.
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--color", "never", "-"])
        .write_stdin(
            "一、总体要求\n二、"
                .bytes()
                .chain([0xff])
                .collect::<Vec<u8>>(),
        ));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("<stdin>") && stderr.contains("UTF-8") && stderr.contains("第 2 行"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// rules / explain / outline / help
// ---------------------------------------------------------------------------------------------

#[test]
fn rules_lists_every_rule() {
    let (code, stdout, _) = run(gwlint().arg("rules"));
    assert_eq!(code, 0);
    for id in rule_ids() {
        assert!(
            stdout.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{stdout}"
        );
    }

    let (code, stdout, _) = run(gwlint().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&stdout).expect("rules --format json parses");
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, rule_ids());
    for r in list.as_array().unwrap() {
        assert!(
            ["error", "warning", "info"].contains(&r["severity"].as_str().unwrap()),
            "{r}"
        );
    }
    // Data-driven rules say how many entries they ship with.
    let entries = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .and_then(|r| r["entries"].as_u64())
    };
    assert!(entries("typo").is_some_and(|n| n >= 100), "{list}");
    assert!(entries("context-word").is_some_and(|n| n >= 5), "{list}");
    assert_eq!(entries("duplicate-number"), None);

    let (code, stdout, _) = run(gwlint().args(["rules", "--format", "markdown"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# gwlint 规则目录"));
}

#[test]
fn explain_rules() {
    for id in rule_ids() {
        let (code, stdout, _) = run(gwlint().args(["explain", id]));
        assert_eq!(code, 0, "{id}");
        assert!(stdout.contains("## 检查内容"), "{id}:\n{stdout}");
        assert!(stdout.contains(id), "{id}:\n{stdout}");
    }
    // Data-driven rules list where their data comes from, read from the data files.
    for (id, source) in [
        ("typo", "《咬文嚼字》编辑部"),
        ("context-word", "《现代汉语词典》"),
        ("inconsistent-term", "《现代汉语词典》作/做"),
        ("political-formulation", "第二十次全国代表大会"),
    ] {
        let (_, stdout, _) = run(gwlint().args(["explain", id]));
        assert!(stdout.contains("## 内置数据"), "{id}:\n{stdout}");
        assert!(stdout.contains(source), "{id}:\n{stdout}");
    }
    let (_, stdout, _) = run(gwlint().args(["explain", "political-formulation"]));
    assert!(stdout.contains("默认关闭"), "{stdout}");
    let (code, stdout, stderr) = run(gwlint().args(["explain", "nosuch"]));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("nosuch"), "{stderr}");
}

#[test]
fn outline_of_seed() {
    let (code, stdout, stderr) = run(gwlint().args(["outline", SEED]));
    assert_eq!(code, 0, "stderr:\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("2  一、目前已开展的工作")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("47    （八）")),
        "{stdout}"
    );
    assert!(
        lines.iter().any(|l| l.trim_start().starts_with("48  四、")),
        "{stdout}"
    );
    insta::assert_snapshot!("outline_seed", stdout);
}

#[test]
fn outline_errors() {
    let (code, _, stderr) = run(gwlint().args(["outline", "does/not/exist.txt"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("exist.txt"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let plain = write(dir.path().join("p.txt"), "没有标题的正文。\n");
    let (code, stdout, _) = run(gwlint().arg("outline").arg(&plain));
    assert_eq!(code, 0);
    assert!(stdout.contains("没有找到层次序号"), "{stdout}");
}

#[test]
fn help_mentions_exit_codes() {
    let (code, stdout, _) = run(gwlint().arg("--help"));
    assert_eq!(code, 0);
    assert!(stdout.contains("退出码"), "{stdout}");
    let (code, _, _) = run(&mut gwlint());
    assert_eq!(code, 2, "no arguments: usage error");
    let (code, _, _) = run(gwlint().args(["check", "--format", "xml", SEED]));
    assert_eq!(code, 2, "bad flag value: usage error");
}

// ---------------------------------------------------------------------------------------------
// Human output layout
// ---------------------------------------------------------------------------------------------

#[test]
fn long_line_is_windowed() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("{}*{}", "国".repeat(1500), "家".repeat(1499));
    assert_eq!(line.chars().count(), 3000);
    write(dir.path().join("long.txt"), format!("{line}\n"));

    let (code, stdout, stderr) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "long.txt"]));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    assert!(
        stdout.contains("long.txt:1:1501"),
        "character column in the header:\n{stdout}"
    );
    let snippet = stdout
        .lines()
        .find(|l| l.contains('*') && l.contains('国'))
        .unwrap_or_else(|| panic!("no snippet line:\n{stdout}"));
    assert!(snippet.contains('…'), "the long line is elided: {snippet}");
    for l in stdout.lines() {
        assert!(
            l.chars().count() < 200,
            "output line too long ({} chars): {l}",
            l.chars().count()
        );
    }

    let (_, stdout, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "long.txt"]));
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["column"], 1501);
    assert_eq!(findings[0]["byte_start"], 4500);
}

#[test]
fn cjk_alignment_snapshot() {
    let text = "一、总体要求\n\
                会议审议通过了《关于加强管理的意见》和实施方案》，要求各地（部门）认真落实。\n\
                二、主要任务\n\
                ab“cd”，数据为*亿元（同比增长**%），完成XX月XX日。\n";
    let (code, stdout, stderr) = run(gwlint()
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "align.txt",
            "-",
        ])
        .write_stdin(text));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    assert!(stdout.contains("align.txt:2:24"), "{stdout}");
    insta::assert_snapshot!("cjk_alignment", stdout);
}

/// `[check] extensions` comes from the config governing the walked directory, not from the
/// directory gwlint happens to run in.
#[test]
fn extensions_follow_the_walked_directory() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path().join("docs/gwlint.toml"),
        "[check]\nextensions = [\"text\"]\n",
    );
    write(root.path().join("docs/a.text"), "数据为*亿元。\n");
    write(root.path().join("docs/b.txt"), "数据为*亿元。\n");
    for cwd in [root.path().to_path_buf(), root.path().join("docs")] {
        let target = if cwd.ends_with("docs") { "." } else { "docs" };
        let (code, stdout, _) = run(gwlint()
            .current_dir(&cwd)
            .args(["check", "--format", "jsonl", target]));
        assert_eq!(code, 1, "from {}", cwd.display());
        let findings = parse_jsonl(&stdout);
        assert_eq!(findings.len(), 1);
        assert!(findings[0]["path"].as_str().unwrap().ends_with("a.text"));
    }
}

#[test]
fn outline_reads_stdin() {
    let (code, stdout, _) = run(gwlint()
        .args(["outline", "-"])
        .write_stdin("一、总体要求\n（一）指导思想\n"));
    assert_eq!(code, 0);
    assert!(stdout.contains("1  一、总体要求"), "{stdout}");
    assert!(stdout.contains("2    （一）指导思想"), "{stdout}");
}

/// `gwlint outline` of a Markdown file shows the outline the rules see (`## 一、…` is a heading,
/// front matter and syntax are not), at the file's line numbers.
#[test]
fn outline_of_markdown_uses_the_prose_and_file_lines() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        dir.path().join("r.md"),
        "---\ntitle: x\n---\n\n# 报告\n\n## 一、总体要求\n\n正文**加强**领导。\n\n### （一）主要目标\n\n1. 第一项\n2. 第二项\n",
    );
    let (code, stdout, stderr) = run(gwlint().arg("outline").arg(&md));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        " 7  一、总体要求\n11    （一）主要目标\n13      1.第一项\n14      2.第二项\n"
    );
}

/// The seed in every supported encoding (and with CRLF line ends) gives the same findings at the
/// same line:column as the UTF-8 seed; JSON names the encoding, human output says it.
#[test]
fn encodings_give_the_same_findings() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |le: bool| -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(text.encode_utf16().flat_map(
                |u| {
                    if le { u.to_le_bytes() } else { u.to_be_bytes() }
                },
            ))
            .collect()
    };
    let variants: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "gb18030.txt",
            GB18030.encode(&text).0.into_owned(),
            "GB18030",
        ),
        ("utf16le.txt", utf16(true), "UTF-16LE"),
        ("utf16be.txt", utf16(false), "UTF-16BE"),
        (
            "bom.txt",
            b"\xEF\xBB\xBF"
                .iter()
                .copied()
                .chain(text.bytes())
                .collect(),
            "UTF-8",
        ),
        ("crlf.txt", text.replace('\n', "\r\n").into_bytes(), "UTF-8"),
    ];
    let rows = |stdout: &str| -> Vec<(String, u64, u64, u64)> {
        parse_jsonl(stdout)
            .iter()
            .map(|f| {
                (
                    rule_of(f).to_owned(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["end_column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (_, stdout, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    let expected = rows(&stdout);
    assert!(expected.len() > 200);
    for (name, bytes, encoding) in variants {
        let path = write(dir.path().join(name), bytes);
        let (code, stdout, stderr) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&path));
        assert_eq!(code, 1, "{name}: {stderr}");
        assert_eq!(rows(&stdout), expected, "{name}");
        assert!(
            parse_jsonl(&stdout)
                .iter()
                .all(|f| f["encoding"] == encoding),
            "{name}"
        );
    }
    let gb = dir.path().join("gb18030.txt");
    let (_, stdout, _) = run(gwlint().args(["check", "--color", "never"]).arg(&gb));
    assert!(stdout.contains("按 GB18030 编码读取"), "{stdout}");
    // Forced: the right encoding works, the wrong one is an error (exit 2), never garbage.
    let (code, _, _) = run(gwlint()
        .args(["check", "--format", "jsonl", "--encoding", "gbk"])
        .arg(&gb));
    assert_eq!(code, 1);
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--color", "never", "--encoding", "utf-8"])
        .arg(&gb));
    assert_eq!(code, 2);
    assert!(stderr.contains("按 UTF-8 解码失败"), "{stderr}");
    let (code, _, stderr) = run(gwlint().args(["check", "--encoding", "klingon", SEED]));
    assert_eq!(code, 2);
    assert!(stderr.contains("klingon"), "{stderr}");
}

/// The official SARIF 2.1.0 schema, as bundled by the `serde-sarif` crate (a dev-dependency,
/// fetched from crates.io with everything else): located through `cargo metadata`.
fn sarif_schema() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency")["manifest_path"]
        .as_str()
        .unwrap()
        .to_owned();
    let schema = Path::new(&manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    serde_json::from_str(&fs::read_to_string(&schema).unwrap()).unwrap()
}

#[test]
fn sarif_output_validates_against_the_schema() {
    let schema = sarif_schema();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    // The official schema has one malformed `pattern` for language tags (a stray `]`, which the
    // meta-schema rejects): replace it with the intended one; the rest is used as published.
    fn fix_language_pattern(v: &mut Value) -> usize {
        const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            Value::String(s) if s == BROKEN => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_owned();
                1
            }
            Value::Array(a) => a.iter_mut().map(fix_language_pattern).sum(),
            Value::Object(o) => o.values_mut().map(fix_language_pattern).sum(),
            _ => 0,
        }
    }
    let mut schema = schema;
    assert!(fix_language_pattern(&mut schema) >= 1);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path().join("坏文件.txt"), b"a\0b");
    let (code, stdout, _) = run(gwlint()
        .args(["check", "--format", "sarif", SEED])
        .arg(&bad));
    assert_eq!(code, 2);
    let log: Value = serde_json::from_str(&stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    let run0 = &log["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        rule_ids().len()
    );
    let results = run0["results"].as_array().unwrap();
    let (_, jsonl, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    assert_eq!(results.len(), parse_jsonl(&jsonl).len());
    // 出台意见》: the orphan 》 at 9:103, columns in characters.
    let orphan = results
        .iter()
        .find(|r| r["ruleId"] == "unmatched-pair")
        .unwrap();
    let region = &orphan["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(9), Some(103))
    );
    assert_eq!(orphan["level"], "error");
    // The unreadable file is a tool notification with a percent-encoded URI.
    let notes = run0["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("%E5%9D%8F%E6%96%87%E4%BB%B6.txt")
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn concise_github_and_statistics_formats() {
    let (code, stdout, _) = run(gwlint().args(["check", "--format", "concise", SEED]));
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!("{SEED}:18:1: error[duplicate-number] ")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("{SEED}:9:103: error[unmatched-pair] ")));
    let (_, jsonl, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    let n = parse_jsonl(&jsonl).len();
    assert_eq!(stdout.lines().filter(|l| l.starts_with(SEED)).count(), n);

    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let (code, stdout, _) = run(gwlint()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github", SEED]));
    assert_eq!(code, 1);
    let dup = stdout
        .lines()
        .find(|l| l.contains("title=duplicate-number"))
        .unwrap();
    assert!(
        dup.starts_with(&format!(
            "::error file={SEED},line=18,endLine=18,col=1,endColumn=3,"
        )),
        "{dup}"
    );
    assert!(
        stdout.lines().any(|l| l.starts_with("::notice ")),
        "info is a notice"
    );
    assert_eq!(stdout.lines().filter(|l| l.starts_with("::")).count(), n);
    let table = fs::read_to_string(&summary).unwrap();
    assert!(table.contains(&format!("发现 {n} 处问题")), "{table}");
    assert_eq!(table.lines().filter(|l| l.starts_with("| `")).count(), n);

    let (code, stdout, _) = run(gwlint().args(["check", "--statistics", "--color", "never", SEED]));
    assert_eq!(code, 1);
    let row = stdout
        .lines()
        .find(|l| l.starts_with("unfilled-placeholder"))
        .unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["unfilled-placeholder", "0", "223", "0", "223"]
    );
    assert!(!stdout.contains("╭─"), "no individual findings");
    let (_, stdout, _) = run(gwlint().args(["check", "--statistics", "--format", "json", SEED]));
    let stats: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats["files_checked"], 1);
    assert_eq!(stats["total"]["total"].as_u64().unwrap() as usize, n);
    assert_eq!(stats["files"][0]["encoding"], "UTF-8");
}

const REPORT_DOCX: &str = "tests/data/docx/report.docx";
const SEED_DOCX: &str = "tests/data/docx/seed.docx";

/// Word documents (generated with python-docx by tests/data/docx/make_docx.py): paragraphs are
/// lines, the seed as .docx gives the seed's findings, a duplicate heading is found, Word's
/// automatic numbering is reported once, and human output names paragraphs.
#[test]
fn docx_input() {
    let rows = |stdout: &str| -> Vec<(String, u64, u64)> {
        parse_jsonl(stdout)
            .iter()
            .map(|f| {
                (
                    rule_of(f).to_owned(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (_, txt, _) = run(gwlint().args(["check", "--format", "jsonl", SEED]));
    let (code, docx, stderr) = run(gwlint().args(["check", "--format", "jsonl", SEED_DOCX]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(rows(&docx), rows(&txt));

    let (code, stdout, _) = run(gwlint().args(["check", "--format", "jsonl", REPORT_DOCX]));
    assert_eq!(code, 1);
    let found = rows(&stdout);
    for expected in [
        ("typo", 3, 7),
        ("unmatched-pair", 3, 16),
        ("duplicate-number", 5, 1),
        ("range-unit", 7, 3),
        ("auto-numbering", 8, 1),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1, expected.2)),
            "{expected:?} in {found:?}"
        );
    }
    let auto = parse_jsonl(&stdout)
        .into_iter()
        .find(|f| rule_of(f) == "auto-numbering")
        .unwrap();
    assert!(
        auto["message"].as_str().unwrap().contains("段落 8、9、10"),
        "{auto}"
    );

    let (_, human, _) = run(gwlint().args(["check", "--color", "never", REPORT_DOCX]));
    assert!(human.contains("段落 5：一级标题序号“二、”重复"), "{human}");

    // From standard input, recognised by --stdin-filename.
    let bytes = fs::read(REPORT_DOCX).unwrap();
    let (code, stdout, _) = run(gwlint()
        .args([
            "check",
            "--format",
            "jsonl",
            "--stdin-filename",
            "草稿.docx",
            "-",
        ])
        .write_stdin(bytes));
    assert_eq!(code, 1);
    assert_eq!(rows(&stdout), found);

    // Directories include .docx by default; a broken .docx is an error, not skipped.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(REPORT_DOCX, dir.path().join("a.docx")).unwrap();
    write(dir.path().join("b.docx"), b"PK\x03\x04 not really");
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert!(stdout.contains("a.docx"));
    assert!(
        stderr.contains("b.docx") && stderr.contains("无法读取 Word 文档"),
        "{stderr}"
    );
}

/// A Word document is recognised by its content: piped on standard input without a name, or
/// renamed to .txt, it is read as Word (with a notice), and its messages count paragraphs (段),
/// not lines.
#[test]
fn docx_by_content_and_paragraph_messages() {
    let bytes = fs::read(REPORT_DOCX).unwrap();
    let (_, by_name, _) = run(gwlint().args(["check", "--format", "jsonl", REPORT_DOCX]));
    let dup = parse_jsonl(&by_name)
        .into_iter()
        .find(|f| rule_of(f) == "duplicate-number")
        .unwrap();
    assert_eq!(
        dup["message"],
        "一级标题序号“二、”重复：第 4 段已用过，此处应为“三、”"
    );
    // The same text as .txt counts lines.
    let dir = tempfile::tempdir().unwrap();
    let txt = write(
        dir.path().join("plain.txt"),
        "标题\n一、总体\n正文。\n二、问题\n二、安排\n",
    );
    let (_, stdout, _) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&txt));
    assert!(stdout.contains("第 4 行已用过"), "{stdout}");

    // Standard input without --stdin-filename.
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin(bytes.clone()));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout.replace("<stdin>", REPORT_DOCX), by_name);
    let (_, human, _) = run(gwlint()
        .args(["check", "--color", "never", "-"])
        .write_stdin(bytes.clone()));
    assert!(
        human.starts_with(
            "<stdin>：内容是 Word 文档（.docx），按 Word 文档读取（行号即段落序号）\n"
        ),
        "{human}"
    );
    assert!(
        human.contains("段落 5：一级标题序号“二、”重复：第 4 段已用过"),
        "{human}"
    );

    // Renamed to .txt, found in a directory.
    let renamed = write(dir.path().join("sub/report.txt"), &bytes);
    let (code, stdout, _) = run(gwlint()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path().join("sub")));
    assert_eq!(code, 1);
    let shown = renamed.display().to_string();
    assert_eq!(stdout.replace(&shown, REPORT_DOCX), by_name);
    let (_, human, _) = run(gwlint().args(["check", "--color", "never"]).arg(&renamed));
    assert!(
        human.starts_with(&format!(
            "{shown}：扩展名是 .txt，但内容是 Word 文档（.docx），按 Word 文档读取"
        )),
        "{human}"
    );

    // `gwlint outline` reads it too, and says so on standard error.
    let (code, stdout, stderr) = run(gwlint().args(["outline", "-"]).write_stdin(bytes));
    assert_eq!(code, 0);
    assert!(stdout.contains("二、下一步安排"), "{stdout}");
    assert!(stderr.contains("内容是 Word 文档"), "{stderr}");
}

/// Word 97-2003 (.doc) and WPS (.wps) documents and other office formats are reported as
/// unsupported, with the advice to save as .docx: in a directory (where they are not skipped)
/// and on the command line; the rest of the batch is checked.
#[test]
fn doc_and_wps_are_reported_not_skipped() {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path().join("a.txt"), "一、甲\n一、乙\n");
    write(dir.path().join("old.doc"), OLE);
    write(dir.path().join("old.WPS"), OLE);
    // Other office formats in a directory are not documents: not collected.
    write(dir.path().join("table.et"), OLE);
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path()));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.contains("a.txt"), "the batch goes on: {stdout}");
    assert!(
        stderr.contains("old.doc：这是 Word 97-2003 文档（.doc），gwlint 不能读取，未检查"),
        "{stderr}"
    );
    assert!(
        stderr.contains("old.WPS：这是 WPS 文字文档（.wps），gwlint 不能读取"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("另存为 .docx").count(), 2, "{stderr}");
    assert!(!stderr.contains("table.et"), "{stderr}");

    // Named on the command line; a .doc saved under .txt is recognised by its content.
    let disguised = write(dir.path().join("x.txt"), OLE);
    let (code, _, stderr) = run(gwlint()
        .args(["check"])
        .arg(dir.path().join("old.doc"))
        .arg(&disguised));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("old.doc：这是 Word 97-2003 文档（.doc）"),
        "{stderr}"
    );
    assert!(
        stderr.contains("x.txt：这是 Word 97-2003（.doc）/WPS 等旧版 Office 文件"),
        "{stderr}"
    );

    // An Excel workbook renamed to .txt is named as such.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"<workbook/>").unwrap();
    let xlsx = zip.finish().unwrap().into_inner();
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--stdin-filename", "表.txt", "-"])
        .write_stdin(xlsx));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("表.txt：这是 Excel 工作簿（.xlsx），gwlint 不能读取"),
        "{stderr}"
    );
}

/// Markdown: code blocks, code spans and HTML comments are not prose; inline comments switch
/// rules off; `[[ignore]]` drops rules for paths.
#[test]
fn markdown_and_suppression() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        dir.path().join("稿.md"),
        "一、总体要求\n\n```\n一、代码里的序号\n拼博\n```\n\n二、主要任务`拼博`<!-- 一、拼博 -->\n\n\
         <!-- gwlint-disable typo -->\n拼博精神\n<!-- gwlint-enable -->\n\n\
         <!-- gwlint-disable-next-line -->\n拼博，，\n拼博\n",
    );
    let (code, stdout, _) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&md));
    assert_eq!(code, 1);
    let found: Vec<(String, u64)> = parse_jsonl(&stdout)
        .iter()
        .map(|f| (rule_of(f).to_owned(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, [("typo".to_owned(), 16)], "{stdout}");

    write(dir.path().join("附件/表.txt"), "一、甲\n一、乙\n拼博\n");
    write(dir.path().join("正文.txt"), "一、甲\n一、乙\n拼博\n");
    write(
        dir.path().join("gwlint.toml"),
        "[[ignore]]\npath = \"附件/**\"\nrules = [\"duplicate-number\"]\n\n[[ignore]]\npath = \"*.md\"\n",
    );
    let (_, stdout, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "."]));
    let mut found: Vec<(String, String)> = parse_jsonl(&stdout)
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                rule_of(f).to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("./正文.txt".to_owned(), "duplicate-number".to_owned()),
            ("./正文.txt".to_owned(), "typo".to_owned()),
            ("./附件/表.txt".to_owned(), "typo".to_owned()),
        ]
    );
    bad_config("[[ignore]]\npath = \"a/[\"\n", "2:8", &["通配符"]);
    bad_config(
        "[[ignore]]\npath = \"a\"\nrules = [\"typoo\"]\n",
        "3:10",
        &["typoo"],
    );
    bad_config("[[ignore]]\nrules = [\"typo\"]\n", "1:1", &["path"]);
}

/// Markdown through the checker: a hard-wrapped paragraph is one paragraph (a quote closed on the
/// next line is fine), table padding is layout, and a defect is reported at the file's line and
/// column.
#[test]
fn markdown_wrapped_paragraphs_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let md = write(
        dir.path().join("报告.md"),
        "## 一、总体要求\n\n推动“高质量\n发展”取得新成效，认真贯彻《意见\n精神。\n\n\
         | 项目   | 说明             |\n|--------|------------------|\n| 收入   | 同比增长3%，完成 |\n\n\
         <!--\n未闭合的注释，中文",
    );
    let (code, stdout, _) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&md));
    assert_eq!(code, 1);
    let found: Vec<(String, u64, u64)> = parse_jsonl(&stdout)
        .iter()
        .map(|f| {
            (
                rule_of(f).to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("unmatched-pair".to_owned(), 4, 14)], "{stdout}");
}

/// Baseline round trip: record, nothing new, an edit above keeps old findings old, a new defect
/// is reported; the baseline file is written atomically and a broken one is an error.
#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::read_to_string(SEED).unwrap();
    write(dir.path().join("r.txt"), &seed);
    let check = |extra: &[&str]| {
        run(gwlint()
            .current_dir(dir.path())
            .args(["check", "--format", "jsonl"])
            .args(extra)
            .arg("r.txt"))
    };
    let (code, stdout, _) = check(&["--write-baseline", "base.json"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("248 处问题记录到基线"), "{stdout}");
    let base: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    assert_eq!(base["version"], 1);
    assert_eq!(base["findings"].as_array().unwrap().len(), 248);
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "r.txt" && n != "base.json")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    let (code, stdout, _) = check(&["--baseline", "base.json"]);
    assert_eq!((code, stdout.as_str()), (0, ""));

    // Two paragraphs added on top, a new typo at the end.
    write(
        dir.path().join("r.txt"),
        format!("新增的一段说明。\n\n{seed}发扬拼博精神。\n"),
    );
    let (code, stdout, _) = check(&["--baseline", "base.json"]);
    assert_eq!(code, 1);
    let new = parse_jsonl(&stdout);
    assert_eq!(new.len(), 1, "{stdout}");
    assert_eq!(rule_of(&new[0]), "typo");
    assert_eq!(new[0]["line"], seed.lines().count() as u64 + 3);

    write(dir.path().join("bad.json"), "{");
    let (code, _, stderr) = check(&["--baseline", "bad.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("基线文件"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// front end: rules / explain under a configuration, --show-settings, rule-id suggestions,
// completions and the man page
// ---------------------------------------------------------------------------------------------

/// A directory with a `gwlint.toml` that includes `shared.toml` (a rule of the user's own, typo
/// made info), turns typo and the user's rule off, sets an option and ignores a folder.
fn configured_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path().join("shared.toml"),
        "[[rule]]\nid = \"leader-title\"\nmessage = \"称呼不规范\"\nseverity = \"warning\"\nregex = \"(各位)?领导同志们\"\n\n[rules.typo]\nseverity = \"info\"\n",
    );
    write(
        dir.path().join("gwlint.toml"),
        "include = [\"shared.toml\"]\n[check]\nextensions = [\"txt\"]\n[rules.typo]\nenabled = false\n[rules.misplaced-level]\nallow-skip = false\nseverity = \"error\"\n[[ignore]]\npath = \"附件/**\"\nrules = [\"unmatched-pair\"]\n",
    );
    fs::create_dir(dir.path().join("sub")).unwrap();
    dir
}

#[test]
fn rules_follow_the_configuration() {
    let dir = configured_dir();
    // Discovered from a subdirectory upwards, as check finds it.
    let (code, stdout, stderr) = run(gwlint().arg("rules").current_dir(dir.path().join("sub")));
    assert_eq!(code, 0, "{stderr}");
    let line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing:\n{stdout}"))
            .to_owned()
    };
    assert!(line("typo").contains(" info ") && line("typo").ends_with("（已关闭）"));
    assert!(line("typo").contains("（数据 "), "{stdout}");
    assert!(line("misplaced-level").contains(" error "));
    assert!(!line("duplicate-number").contains("已关闭"));
    assert!(line("leader-title").contains("自定义") && line("leader-title").contains("称呼不规范"));
    assert!(
        stdout.contains("共 38 条规则（其中自定义 1 条），2 条已关闭"),
        "{stdout}"
    );

    // The same through --config from elsewhere, as JSON.
    let (code, stdout, _) = run(gwlint()
        .args(["rules", "--format", "json", "--config"])
        .arg(dir.path().join("gwlint.toml")));
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&stdout).unwrap();
    let get = |id: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
    };
    let typo = get("typo").unwrap();
    assert_eq!(
        (&typo["enabled"], &typo["severity"]),
        (&Value::Bool(false), &Value::from("info"))
    );
    let mine = get("leader-title").unwrap();
    assert_eq!(
        (&mine["custom"], &mine["enabled"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
    assert_eq!(get("duplicate-number").unwrap()["custom"], false);

    // Without a configuration: the shipped list, political-formulation marked off.
    let (_, stdout, _) = run(gwlint().arg("rules"));
    assert!(!stdout.contains("leader-title"));
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("political-formulation") && l.ends_with("（已关闭）"))
    );
    assert_eq!(stdout.matches("（已关闭）").count(), 1, "{stdout}");

    // A broken configuration is an error, not a silent default list.
    write(
        dir.path().join("gwlint.toml"),
        "[rules.tpyo]\nenabled = false\n",
    );
    let (code, stdout, stderr) = run(gwlint().arg("rules").current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("是否想写“typo”"), "{stderr}");
}

#[test]
fn explain_follows_the_configuration() {
    let dir = configured_dir();
    let (code, stdout, stderr) = run(gwlint()
        .args(["explain", "leader-title"])
        .current_dir(dir.path().join("sub")));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(各位)?领导同志们"), "{stdout}");
    assert!(stdout.contains("级别 warning（警告），启用"), "{stdout}");
    let (code, stdout, _) = run(gwlint()
        .args(["explain", "misplaced-level"])
        .current_dir(dir.path()));
    assert_eq!(code, 0);
    assert!(stdout.contains("## 检查内容"));
    assert!(stdout.contains("级别 error（错误），启用"), "{stdout}");
    assert!(stdout.contains("- allow-skip = false"), "{stdout}");
    let (_, stdout, _) = run(gwlint().args(["explain", "typo"]).current_dir(dir.path()));
    assert!(stdout.contains("级别 info（提示），已关闭"), "{stdout}");
    // A typo of the user's own id is suggested from the configuration.
    let (code, stdout, stderr) = run(gwlint()
        .args(["explain", "leadr-title"])
        .current_dir(dir.path()));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("是否想写“leader-title”"), "{stderr}");
}

#[test]
fn show_settings_prints_the_effective_configuration() {
    let dir = configured_dir();
    let doc = write(dir.path().join("sub/r.txt"), "一、总则\n");
    let (code, stdout, stderr) = run(gwlint().args(["check", "--show-settings"]).arg(&doc));
    assert_eq!(code, 0, "{stderr}");
    let shared = dir.path().join("shared.toml").display().to_string();
    let main = dir.path().join("gwlint.toml").display().to_string();
    let at = |s: &str| {
        stdout
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{stdout}"))
    };
    // Layering order: the default, the included file, the including file.
    assert!(at("1. <内置默认规则") < at(&format!("2. {shared}")));
    assert!(at(&format!("2. {shared}")) < at(&format!("3. {main}")));
    assert!(
        stdout.contains("检查目录时读取的扩展名：.txt\n"),
        "{stdout}"
    );
    assert!(stdout.contains("规则（运行 36 条，共 38 条）"), "{stdout}");
    let rule_line = |id: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing:\n{stdout}"))
    };
    assert!(rule_line("typo").contains("info") && rule_line("typo").contains("已关闭"));
    assert!(rule_line("misplaced-level").contains("error"));
    assert!(
        stdout.contains(&format!("allow-skip = false    （{main}）")),
        "{stdout}"
    );
    assert!(stdout.contains("（内置默认）"), "{stdout}");
    assert!(rule_line("leader-title").contains(&format!("定义于 {shared}")));
    assert!(stdout.contains("附件/**（相对于"), "{stdout}");
    assert!(stdout.contains("：unmatched-pair"), "{stdout}");

    // --select / --ignore are applied and shown; typos in them are errors with a suggestion.
    let (code, stdout, _) = run(gwlint()
        .args([
            "check",
            "--show-settings",
            "--select",
            "typo, duplicate-number",
        ])
        .arg(&doc));
    assert_eq!(code, 0);
    assert!(
        stdout.contains("命令行：--select typo、duplicate-number"),
        "{stdout}"
    );
    assert!(stdout.contains("规则（运行 2 条"), "{stdout}");
    assert!(
        stdout.contains("已关闭，因 --select 点名而运行"),
        "{stdout}"
    );
    let (code, _, stderr) = run(gwlint()
        .args(["check", "--show-settings", "--ignore", "tpyo"])
        .arg(&doc));
    assert_eq!(code, 2);
    assert!(stderr.contains("是否想写“typo”"), "{stderr}");

    // No configuration: only the embedded default.
    let bare = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(gwlint()
        .args(["check", "--show-settings"])
        .current_dir(bare.path()));
    assert_eq!(code, 0);
    assert!(stdout.contains("只用内置默认规则"), "{stdout}");
    assert!(
        stdout.contains("检查目录时读取的扩展名：.txt、.md、.docx"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(gwlint()
        .args(["check", "--show-settings", "没有这个文件.txt"])
        .current_dir(bare.path()));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("文件不存在"), "{stderr}");
}

#[test]
fn rule_lists_on_the_command_line_tolerate_spaces_and_chinese_commas() {
    let select = |list: &str| {
        let (code, stdout, stderr) =
            run(gwlint().args(["check", "--format", "jsonl", "--select", list, SEED]));
        assert_eq!(code, 1, "{list}: {stderr}");
        let findings = parse_jsonl(&stdout);
        let mut rules: Vec<String> = rules_in(&findings).into_iter().map(str::to_owned).collect();
        rules.dedup();
        rules
    };
    let expected = select("duplicate-number,skipped-number");
    assert_eq!(expected, ["duplicate-number", "skipped-number"]);
    for list in [
        "duplicate-number, skipped-number",
        "duplicate-number，skipped-number",
        "duplicate-number、skipped-number",
        " duplicate-number  skipped-number ",
    ] {
        assert_eq!(select(list), expected, "{list}");
    }
}

#[test]
fn unknown_rule_ids_are_usage_errors_with_a_suggestion() {
    for (args, suggested) in [
        (
            &["check", "--select", "dupliate-number", SEED][..],
            "duplicate-number",
        ),
        (
            &["check", "--ignore", "Skipped_Number", SEED][..],
            "skipped-number",
        ),
        (
            &["check", "--select", "unfilled", SEED][..],
            "unfilled-placeholder",
        ),
        (&["explain", "tpyo"][..], "typo"),
    ] {
        let (code, stdout, stderr) = run(gwlint().args(args));
        assert_eq!(code, 2, "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            stderr.contains(&format!("是否想写“{suggested}”")),
            "{args:?}: {stderr}"
        );
    }
    let (_, _, stderr) = run(gwlint().args(["check", "--ignore", "typo,nosuch", SEED]));
    assert!(stderr.contains("未知规则“nosuch”（--ignore）"), "{stderr}");
    // An empty list (an empty shell variable) is not "every rule".
    let (code, stdout, stderr) = run(gwlint().args(["check", "--select", "", SEED]));
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("--select 没有给出规则编号"), "{stderr}");

    // [[ignore]] rules in a configuration.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path().join("gwlint.toml"),
        "[[ignore]]\npath = \"*.txt\"\nrules = [\"unmached-pair\"]\n",
    );
    let doc = write(dir.path().join("r.txt"), "正文。\n");
    let (code, _, stderr) = run(gwlint().arg("check").arg(&doc));
    assert_eq!(code, 2);
    assert!(stderr.contains("是否想写“unmatched-pair”"), "{stderr}");
}

#[test]
fn rule_ids_are_never_wrapped_at_hyphens() {
    // Nothing close: the whole list of ids is shown, wrapped at 100 columns.
    let (code, _, stderr) = run(gwlint().args(["check", "--select", "zzzzzzzzzzzz", SEED]));
    assert_eq!(code, 2);
    for id in rule_ids() {
        assert!(stderr.contains(id), "{id} broken:\n{stderr}");
    }
    assert!(
        !stderr.lines().any(|l| l.trim_end().ends_with('-')),
        "{stderr}"
    );
    // clap wraps help at spaces only, even at a narrow terminal.
    let (code, stdout, _) = run(gwlint().args(["check", "--help"]).env("COLUMNS", "30"));
    assert_eq!(code, 0);
    assert!(stdout.contains("political-formulation"), "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.trim_end().ends_with('-')),
        "{stdout}"
    );
}

#[test]
fn completions_and_man_page() {
    let (code, stdout, _) = run(gwlint().args(["completions", "bash"]));
    assert_eq!(code, 0);
    for sub in ["check", "outline", "rules", "explain", "completions", "man"] {
        assert!(
            stdout.contains(sub),
            "{sub} missing from the bash completions"
        );
    }
    assert!(stdout.contains("--show-settings") && stdout.contains("--select"));
    assert!(
        stdout.contains("complete -F _gwlint"),
        "not a bash completion script"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, _) = run(gwlint().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}");
        assert!(stdout.contains("show-settings"), "{shell}");
    }
    let (code, _, stderr) = run(gwlint().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("可选值"), "{stderr}");

    let (code, stdout, _) = run(gwlint().arg("man"));
    assert_eq!(code, 0);
    assert!(stdout.contains("\n.TH gwlint 1 "), "{stdout}");
    assert!(stdout.contains(".SH NAME\n"));
    for sub in ["check", "outline", "rules", "explain", "completions", "man"] {
        assert!(
            stdout.contains(&format!(".SH \"用法：gwlint {sub}\"")),
            "{sub}"
        );
    }
    assert!(stdout.contains("show\\-settings"), "options are documented");
    assert!(stdout.contains(".nh"), "no hyphenation: ids stay whole");
    assert!(!stdout.contains("Print help"), "English help text");
}

#[test]
fn parser_and_os_errors_are_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let doc = write(dir.path().join("r.txt"), "正文。\n");
    for (config, expected) in [
        (&b"[rules\nx = 1\n"[..], "TOML 语法错误：表名的方括号没有配对"),
        (&b"x = \"\\q\"\n"[..], "TOML 语法错误：反斜杠"),
        (&b"\xff\xfe[rules]\n"[..], "不是 UTF-8 编码的文本"),
        (
            &b"[rules.unfilled-placeholder]\nextend-patterns = [{ name = \"x\", regex = \"a{2,1}\", message = \"m\" }]\n"[..],
            "正则表达式无效：重复次数无效",
        ),
    ] {
        write(dir.path().join("gwlint.toml"), config);
        let (code, _, stderr) = run(gwlint().arg("check").arg(&doc));
        assert_eq!(code, 2);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("expected") && !stderr.contains("stream"), "{stderr}");
    }
    // A .docx whose XML is broken.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut zip, b"<w:document><w:body><w:p></w:body>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let docx = write(dir.path().join("bad.docx"), bytes);
    fs::remove_file(dir.path().join("gwlint.toml")).unwrap();
    let (code, _, stderr) = run(gwlint().arg("check").arg(&docx));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("应为 </w:p>，实际是 </w:body>"), "{stderr}");
    // A value parser's own reason is kept in the usage error.
    let (code, _, stderr) = run(gwlint().args(["check", "--encoding", "foo"]).arg(&doc));
    assert_eq!(code, 2);
    assert!(stderr.contains("不认识的编码“foo”"), "{stderr}");
}

#[test]
fn help_is_chinese() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["check", "--help"],
        &["check", "-h"],
        &["rules", "--help"],
        &["help", "explain"],
    ] {
        let (code, stdout, _) = run(gwlint().args(args));
        assert_eq!(code, 0, "{args:?}");
        assert!(stdout.contains("用法："), "{args:?}:\n{stdout}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "Print version",
            "possible values",
            "Possible values",
            "[default:",
        ] {
            assert!(!stdout.contains(english), "{args:?}: {english}\n{stdout}");
        }
    }
    let (_, stdout, _) = run(gwlint().args(["check", "--help"]));
    assert!(stdout.contains("human：带源文摘录的可读报告"), "{stdout}");
    assert!(stdout.contains("（默认：human）"), "{stdout}");
    let (_, stdout, _) = run(gwlint().args(["check", "-h"]));
    assert!(
        stdout.contains("（可选值：human、json、jsonl、concise、github、sarif）"),
        "{stdout}"
    );
    let (code, stdout, _) = run(gwlint().arg("--version"));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("gwlint "), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// Streaming output and the human report's front end (--min-severity, --verbose, --quiet,
// --output-file)
// ---------------------------------------------------------------------------------------------

/// The seed's human report leads with its errors, folds the 223 placeholders into a count and
/// three examples, and orders the summary by severity, then count.
#[test]
fn human_report_leads_with_errors_and_folds_floods() {
    let (code, stdout, stderr) = run(gwlint().args(["check", "--color", "never", SEED]));
    assert_eq!(code, 1, "stderr:\n{stderr}");
    let first = stdout
        .lines()
        .find(|l| l.trim_start().starts_with(['×', '⚠', '☞']))
        .unwrap();
    assert!(
        first.trim_start().starts_with('×'),
        "an error comes first: {first}"
    );
    let last_error = stdout.rfind("  × ").unwrap();
    let first_warning = stdout.find("  ⚠ ").unwrap();
    let first_info = stdout.find("  ☞ ").unwrap();
    assert!(last_error < first_warning && first_warning < first_info);
    assert!(
        stdout.contains(&format!(
            "unfilled-placeholder：{SEED} 中共 223 处，下面是前 3 处；用 --verbose 显示全部"
        )),
        "{stdout}"
    );
    assert_eq!(stdout.matches("未填写的占位符“*”").count(), 3, "{stdout}");
    assert!(
        stdout.lines().count() < 400,
        "{} lines",
        stdout.lines().count()
    );
    let last = stdout.trim_end().lines().last().unwrap();
    assert!(
        last.starts_with("检查了 1 个文件，发现 248 处问题：错误 5 处（typo 2，"),
        "{last}"
    );
    let (e, w, i) = (
        last.find("错误 5 处").unwrap(),
        last.find("警告 238 处（unfilled-placeholder 223，")
            .unwrap(),
        last.find("提示 5 处").unwrap(),
    );
    assert!(e < w && w < i, "{last}");

    // --verbose shows every finding, grouped by line as before.
    let (code, verbose, _) = run(gwlint().args(["check", "--color", "never", "--verbose", SEED]));
    assert_eq!(code, 1);
    assert!(!verbose.contains("中共 223 处"), "{verbose}");
    assert!(verbose.contains("第 5 行共 39 处：未填写的占位符“*”"));
    assert!(verbose.lines().count() > stdout.lines().count() + 300);
}

/// A flood is folded per file and per rule, and only above the threshold.
#[test]
fn floods_are_folded_per_file_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..11).map(|i| format!("第{i}段数据为*亿元。\n")).collect();
    let few: String = (0..10).map(|i| format!("第{i}段数据为*亿元。\n")).collect();
    write(dir.path().join("many.txt"), &many);
    write(dir.path().join("few.txt"), &few);
    let (code, stdout, _) = run(gwlint().current_dir(dir.path()).args([
        "check",
        "--color",
        "never",
        "--select",
        "unfilled-placeholder",
        ".",
    ]));
    assert_eq!(code, 1);
    assert!(
        stdout.contains("unfilled-placeholder：./many.txt 中共 11 处，下面是前 3 处"),
        "{stdout}"
    );
    assert!(!stdout.contains("中共 10 处"), "{stdout}");
    // 10 shown for few.txt, 3 examples for many.txt.
    assert_eq!(stdout.matches("未填写的占位符“*”").count(), 13, "{stdout}");
    insta::assert_snapshot!("flood_folded", stdout);
}

/// `--min-severity` hides findings from every format but not from the exit code or the summary.
#[test]
fn min_severity_filters_display_not_exit_code() {
    let (code, stdout, _) =
        run(gwlint().args(["check", "--color", "never", "--min-severity", "error", SEED]));
    assert_eq!(code, 1);
    assert!(
        !stdout.contains("  ⚠ ") && !stdout.contains("  ☞ "),
        "{stdout}"
    );
    assert_eq!(stdout.matches("  × ").count(), 5, "{stdout}");
    let last = stdout.trim_end().lines().last().unwrap();
    assert!(last.contains("发现 248 处问题"), "{last}");
    assert!(
        last.ends_with("其中 243 处低于 --min-severity，未显示。"),
        "{last}"
    );

    let (code, stdout, _) = run(gwlint().args([
        "check",
        "--format",
        "jsonl",
        "--min-severity",
        "warning",
        SEED,
    ]));
    assert_eq!(code, 1);
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), 243);
    assert!(findings.iter().all(|f| f["severity"] != "info"));

    // Only warnings, none shown: the exit code still reports them.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path().join("w.txt"), "数据为*亿元。\n");
    let (code, stdout, _) = run(gwlint().current_dir(dir.path()).args([
        "check",
        "--format",
        "json",
        "--min-severity",
        "error",
        "w.txt",
    ]));
    assert_eq!((code, stdout.as_str()), (1, "[]\n"));
}

#[test]
fn quiet_prints_only_the_summary() {
    let (code, stdout, _) = run(gwlint().args(["check", "--color", "never", "--quiet", SEED]));
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("检查了 1 个文件，发现 248 处问题"),
        "{stdout}"
    );
    let (code, stdout, _) = run(gwlint().args(["check", "-q", "--format", "concise", SEED]));
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let (code, stdout, _) = run(gwlint().args(["check", "-q", "--format", "jsonl", SEED]));
    assert_eq!((code, stdout.as_str()), (1, ""));
    let (code, _, stderr) = run(gwlint().args(["check", "-q", "--verbose", SEED]));
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.jsonl");
    let seed = fs::canonicalize(SEED).unwrap();
    let (code, stdout, stderr) = run(gwlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "jsonl",
            "--output-file",
            "report.jsonl",
        ])
        .arg(&seed));
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    let (_, expected, _) = run(gwlint().args(["check", "--format", "jsonl"]).arg(&seed));
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);

    // Human output to a file is not coloured unless --color always asks for it.
    let (code, _, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "-o", "report.txt"])
        .arg(&seed));
    assert_eq!(code, 1);
    let text = fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(!text.contains('\x1b'));
    assert!(text.trim_end().ends_with('。'), "{text}");

    // A directory is not replaced; the old file survives a failed run.
    let (code, _, stderr) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--output-file", "."])
        .arg(&seed));
    assert_eq!(code, 2);
    assert!(stderr.contains("不会写入"), "{stderr}");
    let (code, _, stderr) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--output-file", "missing/dir/r.txt"])
        .arg(&seed));
    assert_eq!(code, 2);
    assert!(stderr.contains("临时文件"), "{stderr}");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".gwlint-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// JSON, SARIF and `--statistics --format json` are streamed piece by piece; the result is the
/// same document `serde_json::to_string_pretty` gives, with failed files, custom rules and files
/// without findings in between.
#[test]
fn streamed_documents_equal_their_pretty_print() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path().join("gwlint.toml"),
        "[[rule]]\nid = \"my-abc\"\nregex = \"ABC\"\nmessage = \"不要写ABC\"\nseverity = \"warning\"\n",
    );
    write(dir.path().join("a.txt"), "一、总体要求\n二、主要任务\n");
    write(
        dir.path().join("b.txt"),
        "数据为*亿元，内部ABC公司。\n一、甲\n一、乙\n",
    );
    write(dir.path().join("c.txt"), [0xff, 0xfe, 0, 0, b'x', 0, 1]);
    write(dir.path().join("d.txt"), "ABC公司，*号。\n");
    // Built from serde_json values, whose keys are sorted: a re-print must give the same bytes.
    for args in [
        &["--format", "sarif"][..],
        &["--statistics", "--format", "json"],
    ] {
        let (code, stdout, _) = run(gwlint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .arg("."));
        assert_eq!(code, 2, "{args:?}");
        let value: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            stdout,
            serde_json::to_string_pretty(&value).unwrap() + "\n",
            "{args:?}"
        );
    }
    let (_, sarif, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "."]));
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run0["results"].as_array().unwrap() {
        let i = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], result["ruleId"], "{result}");
    }
    assert_eq!(rules.last().unwrap()["id"], "my-abc");
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);

    // The JSON array holds the JSON Lines objects, items indented as a pretty array's.
    let (_, json, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."]));
    let (_, jsonl, _) = run(gwlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "."]));
    let array: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(array.as_array().unwrap(), &parse_jsonl(&jsonl));
    assert_eq!(array.as_array().unwrap().len(), 5);
    assert!(
        json.starts_with("[\n  {\n    \"path\": \"./b.txt\",\n"),
        "{json}"
    );
    assert!(json.ends_with("\n  }\n]\n"), "{json}");
    assert_eq!(json.matches("\n  },\n  {\n").count(), 4, "{json}");
}

/// One file whose output is larger than what a worker keeps in memory (it goes through a
/// temporary file) comes out whole and in order.
#[test]
fn a_file_with_many_findings_is_printed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let n = 12_000;
    write(dir.path().join("big.txt"), "数据为*亿元。\n".repeat(n));
    // Every finding listed (the default lists 10 000 per rule and summarises the rest).
    write(
        dir.path().join("gwlint.toml"),
        "[check]\nmax-findings-per-rule = 0\n",
    );
    let (code, stdout, _) = run(gwlint().current_dir(dir.path()).args([
        "check",
        "--format",
        "jsonl",
        "--select",
        "unfilled-placeholder",
        "big.txt",
    ]));
    assert_eq!(code, 1);
    assert!(stdout.len() > 2 << 20, "{} bytes", stdout.len());
    let findings = parse_jsonl(&stdout);
    assert_eq!(findings.len(), n);
    for (i, f) in findings.iter().enumerate() {
        assert_eq!(f["line"], i as u64 + 1);
        assert_eq!(f["column"], 4);
    }
}

/// Beyond `[check] max-findings-per-rule` (default 10 000) a rule's findings in one file are
/// counted, not kept: one finding at the first of them says how many more there are, so a
/// pathological file cannot fill memory; the limit can be raised or lifted.
#[test]
fn findings_beyond_the_limit_are_summarised() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path().join("big.txt"), "数据为*亿元。\n".repeat(25));
    let jsonl = |config: &str| {
        write(dir.path().join("gwlint.toml"), config);
        let (code, stdout, stderr) = run(gwlint().current_dir(dir.path()).args([
            "check",
            "--format",
            "jsonl",
            "--select",
            "unfilled-placeholder",
            "big.txt",
        ]));
        assert_eq!(code, 1, "{stderr}");
        parse_jsonl(&stdout)
    };
    let limited = jsonl("[check]\nmax-findings-per-rule = 10\n");
    assert_eq!(limited.len(), 11);
    assert_eq!(limited[9]["line"], 10);
    let last = &limited[10];
    assert_eq!(last["line"], 11, "at the first finding not listed");
    let message = last["message"].as_str().unwrap();
    assert!(message.contains("另有 14 处问题未逐一列出"), "{message}");
    assert!(message.contains("最多列出 10 处"), "{message}");
    // One beyond the limit is simply listed.
    assert_eq!(jsonl("[check]\nmax-findings-per-rule = 24\n").len(), 25);
    assert_eq!(jsonl("[check]\nmax-findings-per-rule = 0\n").len(), 25);
    assert_eq!(jsonl("").len(), 25);
}

/// The new flags are explained in Chinese, with the numbers the code uses.
#[test]
fn display_flags_are_documented() {
    use gwlint::render::human::{FLOOD, FLOOD_EXAMPLES};
    let (code, stdout, _) = run(gwlint().args(["check", "--help"]));
    assert_eq!(code, 0);
    for flag in ["--min-severity", "--verbose", "--quiet", "--output-file"] {
        assert!(stdout.contains(flag), "{flag} missing:\n{stdout}");
    }
    assert!(
        stdout.contains(&format!(
            "超过 {FLOOD} 处时只显示总数和前 {FLOOD_EXAMPLES} 处示例"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("退出码仍按全部问题"), "{stdout}");
}
