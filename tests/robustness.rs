//! Never crash, hang or lose output: regression tests for hostile inputs, broken outputs and
//! files that are not what they seem. Every "must finish" case is sized so that a quadratic
//! path would take minutes; none asserts a time.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SEED: &str = "seeds/000_18ae15f2ea8019a0.txt";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gwlint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// Runs to completion: (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.stdin(Stdio::null()).output().expect("gwlint runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "gwlint panicked:\n{stderr}");
    (
        out.status.code().expect("exited normally, not by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("no /dev/full here: skipping");
        return;
    }
    for args in [
        &["check", SEED][..],
        &["check", "--format", "jsonl", SEED],
        &["rules"],
        &["outline", SEED],
        &["explain", "typo"],
    ] {
        let sink = std::fs::OpenOptions::new().write(true).open(full).unwrap();
        let out = bin().args(args).stdout(sink).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("无法写出结果：磁盘空间已满"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_output_pipe_ends_quietly_with_the_findings_exit_code() {
    // Far more output than a pipe buffer holds, so writing goes on after the reader has gone.
    let dir = temp_dir();
    let seed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    for i in 0..20 {
        std::fs::write(dir.path().join(format!("{i:02}.txt")), &seed).unwrap();
    }
    let mut child = bin()
        .args(["check", "--color", "never"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here: like `| head -c 64`.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn usage_errors_are_in_chinese() {
    let (code, _, stderr) = run(bin().args(["check", "--fail-on", "fatal", SEED]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("参数 --fail-on") && stderr.contains("可选值：error、warning、info"),
        "{stderr}"
    );
    let (code, _, stderr) = run(bin().args(["chek", SEED]));
    assert_eq!(code, 2);
    assert!(stderr.contains("你是不是要用 check"), "{stderr}");
    let (code, _, stderr) = run(bin().args(["check", "--formt", "json", SEED]));
    assert_eq!(code, 2);
    assert!(stderr.contains("未知参数“--formt”"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn configuration_value_errors_are_in_chinese() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("gwlint.toml"),
        "[[rule]]\nid = \"my-x\"\nmessage = \"x\"\nregex = \"x\"\nseverity = \"fatal\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "测试。\n").unwrap();
    let (code, _, stderr) = run(bin().arg("check").arg(dir.path().join("a.txt")));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("取值“fatal”无效，可选值：info、warning、error"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown variant"), "{stderr}");
}

#[test]
fn missing_files_are_reported_in_chinese_with_the_system_code() {
    let dir = temp_dir();
    let link = dir.path().join("loop.txt");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&link, &link).unwrap();
        let (code, _, stderr) = run(bin().arg("check").arg(&link));
        assert_eq!(code, 2);
        assert!(stderr.contains("符号链接层数太多"), "{stderr}");
        assert!(stderr.contains("系统错误码 40"), "{stderr}");
        assert!(!stderr.contains("os error"), "{stderr}");
    }
    let _: PathBuf = link;
}

#[test]
fn a_crash_in_one_file_is_reported_and_the_batch_goes_on() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.txt"), "形成了拼博精神。\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "这一段会触发测试崩溃。\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "工作布署到位。\n").unwrap();
    let (code, stdout, stderr) = run(bin()
        .env("GWLINT_DEBUG_PANIC", "触发测试崩溃")
        .args(["check", "--format", "concise"])
        .arg(dir.path()));
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stdout.contains("a.txt:1:4: error[typo]"), "{stdout}");
    assert!(stdout.contains("c.txt:1:3: error[typo]"), "{stdout}");
    assert!(stderr.contains("b.txt"), "{stderr}");
    assert!(stderr.contains("gwlint 内部错误：规则"), "{stderr}");
    assert!(stderr.contains(env!("CARGO_PKG_VERSION")), "{stderr}");
    assert!(stdout.contains("1 个文件无法检查"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_fifo_found_in_a_directory_is_reported_not_opened() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.txt"), "形成了拼博精神。\n").unwrap();
    let fifo = dir.path().join("f.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: skipping");
        return;
    }
    // Opening the FIFO would block forever: the test would hang, not fail.
    let (code, stdout, stderr) = run(bin().args(["check", "--format", "concise"]).arg(dir.path()));
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.contains("a.txt:1:4: error[typo]"), "{stdout}");
    assert!(
        stderr.contains("f.txt") && stderr.contains("不是普通文件（命名管道）"),
        "{stderr}"
    );
}

#[test]
fn a_file_named_several_times_is_checked_once() {
    let dir = temp_dir();
    let file = dir.path().join("x.txt");
    std::fs::write(&file, "形成了拼博精神。\n").unwrap();
    let with_slash = format!("{}/", dir.path().display());
    let (code, stdout, _) = run(bin()
        .args(["check", "--format", "jsonl"])
        .arg(dir.path())
        .arg(&with_slash)
        .arg(&file));
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_input_is_an_error() {
    // `gwlint check - <&-`, through a shell.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' check - <&-", env!("CARGO_BIN_EXE_gwlint")))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("标准输入已关闭"), "{stderr}");
    // An empty input is still an empty file.
    let (code, stdout, _) = run(bin().args(["check", "-"]));
    assert_eq!(code, 0);
    assert!(stdout.contains("检查了 1 个文件"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn write_baseline_replaces_only_regular_files_and_keeps_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let fifo = dir.path().join("baseline.json");
    if !Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("mkfifo unavailable: skipping");
        return;
    }
    let (code, _, stderr) = run(bin()
        .args(["check", "--write-baseline"])
        .arg(&fifo)
        .arg(SEED));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("不是普通文件"), "{stderr}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    let file = dir.path().join("real.json");
    std::fs::write(&file, "{}").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let (code, _, stderr) = run(bin()
        .args(["check", "--write-baseline"])
        .arg(&link)
        .arg(SEED));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("fingerprint")
    );
}

/// Lints `text` with the default rules (or `config`), through the library.
fn lint_text(text: &str, config: Option<&str>) -> usize {
    let settings = gwlint::config::load(
        config.map(|c| (Path::new("gwlint.toml"), c)),
        &gwlint::config::RuleFilter::default(),
    )
    .expect("configuration loads");
    let doc = gwlint::document::Document::parse(text, gwlint::document::SourceKind::Text);
    gwlint::check_document(&settings, &doc).len()
}

// Each input below took minutes before its path was made linear (measured on a release build);
// they finish in well under a second now. No time is asserted: a regression shows as a hung test.

#[test]
fn a_long_line_of_dotted_numbers_finishes() {
    // date-format walked back through `1.1.1.…` once per dot.
    lint_text(&"1.".repeat(300_000), None);
}

#[test]
fn deeply_nested_book_titles_finish() {
    // nested-quote moved every inner pair up one level per closing mark.
    let text = format!("{}{}", "《".repeat(60_000), "》".repeat(60_000));
    assert!(lint_text(&text, None) > 0);
}

#[test]
fn a_user_regex_with_an_open_ended_middle_finishes_on_a_long_line() {
    // Each `的` started an anchored search to the end of the line.
    let config = "[[rule]]\nid = \"my-slow\"\nmessage = \"x\"\nregex = '的.*XYZ'\n";
    assert_eq!(lint_text(&"的发展改革".repeat(200_000), Some(config)), 0);
    let found = lint_text(&format!("{}XYZ", "的发展改革".repeat(1000)), Some(config));
    assert!(found >= 1);
}

#[test]
fn the_outline_of_many_headings_finishes() {
    // Every heading scanned every enumerator and the paragraphs before it.
    let text = "一、标题。一是加强。二是落实。\n".repeat(100_000);
    let doc = gwlint::document::Document::parse(text, gwlint::document::SourceKind::Text);
    let outline = gwlint::cli::outline_text(&doc);
    assert_eq!(outline.lines().count(), 100_000);
    assert!(outline.lines().all(|l| l.contains("（含 2 个")));
}

#[test]
fn an_unclosed_html_comment_before_chinese_in_markdown_is_checked() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.md"), "<!--一\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "形成了拼博精神。\n").unwrap();
    let (code, stdout, stderr) = run(bin().args(["check", "--format", "concise"]).arg(dir.path()));
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("b.txt:1:4: error[typo]"), "{stdout}");
    assert!(stdout.contains("检查了 2 个文件"), "{stdout}");
}

#[test]
fn long_lines_of_spaces_finish() {
    // stray-whitespace recounted the line for every run of white space.
    lint_text(&"发展 ".repeat(200_000), None);
    lint_text(&format!("一、{}。", " 甲".repeat(300_000)), None);
    lint_text(&" ".repeat(2_000_000), None);
}

#[test]
fn user_regex_rules_that_match_empty_or_are_huge_get_short_chinese_errors() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("a.txt"), "测试。\n").unwrap();
    for (regex, expected) in [
        (r"\\b".to_owned(), "能匹配空字符串"),
        ("a*".to_owned(), "能匹配空字符串"),
        // A megabyte-long pattern over the compiled-size limit: the error must not echo it.
        (
            format!(r"(\\w{{100}}){{100}}{}", "甲".repeat(300_000)),
            "正则表达式太大",
        ),
    ] {
        std::fs::write(
            dir.path().join("gwlint.toml"),
            format!("[[rule]]\nid = \"my-x\"\nmessage = \"x\"\nregex = \"{regex}\"\n"),
        )
        .unwrap();
        let (code, _, stderr) = run(bin().arg("check").arg(dir.path().join("a.txt")));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(
            stderr.len() < 4000,
            "the error echoes the pattern: {} bytes",
            stderr.len()
        );
        assert!(!stderr.contains("error:"), "{stderr}");
    }
}

#[test]
fn a_catastrophic_user_regex_finishes() {
    let config = "[[rule]]\nid = \"my-a\"\nmessage = \"x\"\nregex = '(a+)+$'\n";
    lint_text(&format!("{}\n", "a".repeat(200_000)), Some(config));
}

#[test]
fn a_damaged_docx_is_reported_in_chinese() {
    let dir = temp_dir();
    let file = dir.path().join("bad.docx");
    std::fs::write(&file, b"PK\x03\x04 this is not a zip archive").unwrap();
    let (code, _, stderr) = run(bin().arg("check").arg(&file));
    assert_eq!(code, 2);
    assert!(stderr.contains("不是有效的 .docx"), "{stderr}");
    assert!(!stderr.contains("invalid Zip"), "{stderr}");
}

#[test]
fn a_large_batch_is_printed_completely_in_path_order() {
    // More files than one chunk of the streaming runner, named so that walk order and path
    // order differ.
    let dir = temp_dir();
    for i in 0..150 {
        let sub = dir.path().join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("f{:03}.txt", (i * 37) % 150)),
            "形成了拼博精神。\n",
        )
        .unwrap();
    }
    let (code, stdout, _) = run(bin().args(["check", "--format", "jsonl"]).arg(dir.path()));
    assert_eq!(code, 1);
    let paths: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(paths.len(), 150);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}
