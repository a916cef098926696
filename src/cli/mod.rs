//! Command-line interface (clap derive) and the command implementations.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::batch::{self, RunOptions, TargetError};
use crate::config::RuleFilter;
use crate::diagnostic::Severity;
use crate::document::{Document, SourceKind};
use crate::exit_codes;
use crate::render::{self, OutputFormat, Summary};
use crate::rules;

/// gwlint：公文、政府工作报告一致性检查工具。
///
/// 检查层次序号（一、/（一）/1./（1））是否重复或跳号、未填写的占位符（*、××、X月X日）、
/// 成对标点是否配对等人工校对容易漏掉的问题。默认规则集内置在程序中，可用 gwlint.toml 调整。
#[derive(Debug, Parser)]
#[command(
    name = "gwlint",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
#[command(
    after_help = "示例：\n  gwlint check 报告.txt            检查一个文件\n  gwlint check 文稿目录/           递归检查目录中的 .txt、.md 和 .docx 文件\n  gwlint check --format jsonl .    机器可读输出\n  gwlint outline 报告.txt          查看文档的层次结构\n  gwlint rules                     列出全部规则\n  gwlint explain duplicate-number  查看规则说明\n\n退出码：0 未发现达到 --fail-on 级别的问题；1 发现问题；2 用法、配置或读取错误。"
)]
pub struct Cli {
    /// 子命令
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查文件或目录（目录递归检查 .txt、.md 和 .docx 文件）
    Check(CheckArgs),
    /// 以目录形式显示文档的层次结构（标题、层级、行号）
    Outline(OutlineArgs),
    /// 列出全部规则（编号、默认级别、简介）
    Rules(RulesArgs),
    /// 显示规则的详细说明（检查内容、依据、示例、配置项）
    Explain(ExplainArgs),
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// 输出到终端时使用颜色
    Auto,
    /// 总是使用颜色
    Always,
    /// 不使用颜色
    Never,
}

/// `gwlint check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 要检查的文件或目录；“-”表示从标准输入读取。默认为当前目录
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// 配置文件（默认从每个文件所在目录逐级向上查找 gwlint.toml 或 .gwlint.toml）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// 只运行这些规则（逗号分隔的规则编号）；点名的规则即使在配置中关闭（enabled = false，如
    /// political-formulation）也会运行，并在标准错误中说明
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// 不运行这些规则（逗号分隔的规则编号）
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// 达到此级别的问题使退出码为 1
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// 颜色
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// 从标准输入读取时显示的文件名（也按扩展名判断 .docx、.md）
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,
    /// 不输出最后的统计行
    #[arg(long)]
    pub no_summary: bool,
    /// 不显示进度条（检查 50 个以上文件且标准错误是终端时才会显示）
    #[arg(long)]
    pub no_progress: bool,
    /// 把这次发现的全部问题记录为基线（JSON 文件），不输出问题；之后用 --baseline 只看新问题
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// 基线文件：其中记录过的问题不再报告（按规则、文件和前后文字匹配，不依赖行号）
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// 只输出统计：每条规则、每个级别的问题数和每个文件的合计（配合 --format json 得到机器可读的汇总，供档案审计）
    #[arg(long)]
    pub statistics: bool,
    /// 文件编码：auto（自动识别 UTF-8、UTF-16、GB18030/GBK 等）或 utf-8、gb18030、gbk、utf-16le、utf-16be、big5
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingArg,
}

/// `--encoding`: `None` is automatic detection.
#[derive(Debug, Clone, Copy)]
pub struct EncodingArg(pub Option<&'static encoding_rs::Encoding>);

fn parse_encoding(s: &str) -> Result<EncodingArg, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(EncodingArg(None));
    }
    crate::input::encoding_for_label(s)
        .map(|e| EncodingArg(Some(e)))
        .ok_or_else(|| {
            format!("不认识的编码“{s}”；可用 auto、utf-8、gb18030、gbk、utf-16le、utf-16be、big5")
        })
}

/// `--fail-on` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// 只有错误使退出码为 1
    Error,
    /// 错误和警告（默认）
    Warning,
    /// 任何问题
    Info,
}

impl FailOn {
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// `gwlint outline`.
#[derive(Debug, clap::Args)]
pub struct OutlineArgs {
    /// 要查看的文件；“-”表示从标准输入读取
    pub file: PathBuf,
    /// 文件编码（默认自动识别）
    #[arg(long, value_name = "ENCODING", default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingArg,
}

/// `gwlint rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// 输出格式
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// Formats of `gwlint rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// 表格
    Text,
    /// JSON 数组
    Json,
    /// Markdown 规则目录（含完整说明）
    Markdown,
}

/// `gwlint explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// 规则编号，例如 duplicate-number；也可以是配置文件中 [[rule]] 定义的自定义规则
    pub rule: String,
    /// 查找自定义规则时使用的配置文件（默认从当前目录逐级向上查找 gwlint.toml）
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Runs a parsed command line, writing to `out` and `err`. Returns the exit code.
///
/// Output is flushed before the exit code is decided: output that cannot be written (a full disk,
/// `> /dev/full`) is an error, exit 2. A reader that closes the pipe early (`| head`) is not: give
/// `out` through [`ClosablePipe`] and the run ends with the exit code its findings give, as
/// ripgrep does.
pub fn execute(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check(args, out, err),
        Command::Outline(args) => outline(args, out, err),
        Command::Rules(args) => list_rules(args, out),
        Command::Explain(args) => explain(args, out, err),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "gwlint：无法写出结果：{}", crate::input::io_reason(&e));
            exit_codes::ERROR
        }
    }
}

/// Standard output for [`execute`]: once the reader has closed the pipe (`gwlint check … | head`),
/// further output is dropped instead of failing the run, so the exit code still reports the
/// findings. Every other write error is passed on.
#[derive(Debug)]
pub struct ClosablePipe<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosablePipe<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        ClosablePipe {
            inner,
            closed: false,
        }
    }

    fn guard<T>(&mut self, result: io::Result<T>, closed_value: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(closed_value)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosablePipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.guard(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.guard(result, ())
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn check(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let color = use_color(args.color);
    let filter = RuleFilter {
        select: args.select,
        ignore: args.ignore,
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    // Extensions for a directory walk come from --config, or from the config that governs that
    // directory (found by walking up from it), or the default.
    let fixed = args
        .config
        .as_ref()
        .map(|p| extensions_of(Some(p), &filter));
    let extensions_for = |dir: &std::path::Path| -> Vec<String> {
        match &fixed {
            Some(ext) => ext.clone(),
            None => {
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                extensions_of(crate::config::discover(&dir).as_ref(), &filter)
            }
        }
    };
    let targets = batch::collect_targets(&paths, &extensions_for, &args.stdin_filename);
    let baseline = match &args.baseline {
        Some(path) => match crate::baseline::Baseline::read(path) {
            Ok(b) => Some(std::sync::Arc::new(b.index())),
            Err(message) => {
                write!(err, "{}", render::render_error(&message, None, false))?;
                return Ok(exit_codes::ERROR);
            }
        },
        None => None,
    };
    let opts = RunOptions {
        progress: !args.no_progress,
        baseline,
        record: args.write_baseline.is_some(),
        encoding: args.encoding.0,
        config: args.config.clone(),
        filter,
        format: args.format,
        color,
    };
    let result = match batch::run(targets, &opts) {
        Ok(r) => r,
        Err(e) => {
            write!(
                err,
                "{}",
                render::render_config_error(&e, color && io::stderr().is_terminal())
            )?;
            return Ok(exit_codes::ERROR);
        }
    };
    let err_color = color && io::stderr().is_terminal();
    for e in &result.config_errors {
        write!(err, "{}", render::render_config_error(e, err_color))?;
    }
    if !result.enabled_by_select.is_empty() {
        writeln!(
            err,
            "gwlint：规则 {} 在配置中是关闭的（enabled = false），因 --select 明确指定而启用。",
            result.enabled_by_select.join("、")
        )?;
    }
    let mut summary = Summary {
        no_rule_active: !result.any_rule_active,
        ..Summary::default()
    };
    if summary.no_rule_active && result.targets() > 0 {
        writeln!(
            err,
            "gwlint：没有启用任何规则（--select、--ignore 和配置文件中的 enabled 把规则都排除了），文件未做任何检查。"
        )?;
    }
    let mut failed = false;
    let threshold = args.fail_on.threshold();
    let mut json_all = Vec::new();
    let mut failures: Vec<(String, String)> = Vec::new();
    let mut per_file: Vec<(String, &'static str, [usize; 3])> = Vec::new();
    let streaming = !args.statistics && args.write_baseline.is_none();
    let mut recorded = Vec::new();
    let config_errors = result.config_errors.len();
    result.check_each(&opts, |outcome| {
        match &outcome.result {
            Ok(checked) => {
                summary.add(&checked.findings);
                failed |= checked.findings.iter().any(|f| f.severity >= threshold);
                let mut counts = [0usize; 3];
                for f in &checked.findings {
                    counts[f.severity as usize] += 1;
                }
                per_file.push((outcome.path.clone(), checked.encoding, counts));
                recorded.extend(checked.recorded.iter().cloned());
                match args.format {
                    _ if !streaming => {}
                    OutputFormat::Human => out.write_all(checked.human.as_bytes())?,
                    OutputFormat::Jsonl => {
                        for j in &checked.json {
                            serde_json::to_writer(&mut *out, j)?;
                            out.write_all(b"\n")?;
                        }
                    }
                    OutputFormat::Concise => {
                        for j in &checked.json {
                            writeln!(out, "{}", render::machine::concise(j))?;
                        }
                    }
                    OutputFormat::Github => {
                        for j in &checked.json {
                            writeln!(out, "{}", render::machine::github(j))?;
                        }
                        json_all.extend(checked.json.iter().cloned());
                    }
                    OutputFormat::Json | OutputFormat::Sarif => {
                        json_all.extend(checked.json.iter().cloned())
                    }
                }
            }
            Err(e) => {
                summary.failed += 1;
                let (message, help) = match e {
                    TargetError::Input(i) => (i.to_string(), i.help().map(str::to_owned)),
                    TargetError::Walk(reason) => (reason.clone(), None),
                    TargetError::Config(p) => (
                        format!("未检查：适用的配置文件 {} 有错误（见上文）", p.display()),
                        None,
                    ),
                    TargetError::Crash(crash) => (crash.to_string(), None),
                };
                failures.push((outcome.path.clone(), message.clone()));
                if args.format == OutputFormat::Github {
                    writeln!(
                        out,
                        "::error file={}::{}",
                        outcome.path.replace(',', "%2C").replace(':', "%3A"),
                        message.replace('%', "%25").replace('\n', "%0A")
                    )?;
                }
                write!(
                    err,
                    "{}",
                    render::render_error(
                        &format!("{}：{message}", outcome.path),
                        help.as_deref(),
                        err_color
                    )
                )?;
            }
        }
        Ok(())
    })?;
    if let Some(path) = &args.write_baseline {
        let n = recorded.len();
        let baseline = crate::baseline::Baseline {
            version: 1,
            findings: recorded,
        };
        if let Err(message) = baseline.write(path) {
            write!(err, "{}", render::render_error(&message, None, false))?;
            return Ok(exit_codes::ERROR);
        }
        writeln!(
            out,
            "已把 {} 个文件中的 {n} 处问题记录到基线 {}；以后加 --baseline {} 只报告新问题。",
            summary.files,
            path.display(),
            path.display()
        )?;
        return Ok(if summary.failed > 0 || config_errors > 0 {
            exit_codes::ERROR
        } else {
            exit_codes::CLEAN
        });
    }
    if args.statistics {
        write_statistics(out, args.format, &summary, &per_file)?;
    } else {
        match args.format {
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &json_all)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Sarif => {
                let mut sarif_rules: Vec<render::machine::SarifRule> = rules::RULES
                    .iter()
                    .map(|e| render::machine::SarifRule {
                        id: e.meta.id,
                        summary: e.meta.summary,
                        docs: e.meta.docs,
                        severity: e.meta.default_severity,
                    })
                    .collect();
                // The user's own rules that reported something.
                for j in &json_all {
                    if !sarif_rules.iter().any(|r| r.id == j.rule) {
                        sarif_rules.push(render::machine::SarifRule {
                            id: j.rule,
                            summary: "自定义规则",
                            docs: "本单位配置中的自定义规则（[[rule]]），说明见 gwlint explain",
                            severity: j.severity,
                        });
                    }
                }
                let log = render::machine::sarif(&sarif_rules, &json_all, &failures);
                serde_json::to_writer_pretty(&mut *out, &log)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Github => {
                // Annotations are capped per step; the step summary lists everything.
                if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
                    let table = render::machine::github_summary(&json_all, summary.files);
                    let written = std::fs::OpenOptions::new()
                        .append(true)
                        .create(true)
                        .open(&path)
                        .and_then(|mut f| f.write_all(table.as_bytes()));
                    if let Err(e) = written {
                        writeln!(
                            err,
                            "gwlint：无法写入 GITHUB_STEP_SUMMARY：{}",
                            crate::input::io_reason(&e)
                        )?;
                    }
                }
            }
            _ => {}
        }
    }
    if matches!(args.format, OutputFormat::Human | OutputFormat::Concise)
        && !args.no_summary
        && !args.statistics
    {
        if summary.total() > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{summary}")?;
    }
    Ok(if summary.failed > 0 || config_errors > 0 {
        exit_codes::ERROR
    } else if failed {
        exit_codes::FINDINGS
    } else {
        exit_codes::CLEAN
    })
}

/// `--statistics`: findings per rule and severity, and per file.
fn write_statistics(
    out: &mut dyn Write,
    format: OutputFormat,
    summary: &Summary,
    per_file: &[(String, &'static str, [usize; 3])],
) -> io::Result<()> {
    let by_rule = &summary.by_rule;
    if matches!(format, OutputFormat::Json | OutputFormat::Jsonl) {
        let counts = |c: &[usize; 3]| serde_json::json!({ "error": c[2], "warning": c[1], "info": c[0], "total": c.iter().sum::<usize>() });
        let value = serde_json::json!({
            "files_checked": summary.files,
            "files_failed": summary.failed,
            "total": counts(&[
                summary.by_severity.get(&crate::diagnostic::Severity::Info).copied().unwrap_or(0),
                summary.by_severity.get(&crate::diagnostic::Severity::Warning).copied().unwrap_or(0),
                summary.by_severity.get(&crate::diagnostic::Severity::Error).copied().unwrap_or(0),
            ]),
            "rules": by_rule.iter().map(|(r, c)| {
                let mut v = counts(c);
                v["rule"] = serde_json::json!(r);
                v
            }).collect::<Vec<_>>(),
            "files": per_file.iter().map(|(p, enc, c)| {
                let mut v = counts(c);
                v["path"] = serde_json::json!(p);
                v["encoding"] = serde_json::json!(enc);
                v
            }).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut *out, &value)?;
        return writeln!(out);
    }
    let width = by_rule.keys().map(|r| r.len()).max().unwrap_or(4).max(4);
    // Chinese labels are two columns wide per character.
    let label = width - 2;
    writeln!(
        out,
        "{:<label$}  {:>6}  {:>6}  {:>6}  {:>6}",
        "规则", "错误", "警告", "提示", "合计"
    )?;
    for (rule, c) in by_rule {
        writeln!(
            out,
            "{rule:<width$}  {:>8}  {:>8}  {:>8}  {:>8}",
            c[2],
            c[1],
            c[0],
            c.iter().sum::<usize>()
        )?;
    }
    writeln!(out)?;
    for (path, enc, c) in per_file {
        let total: usize = c.iter().sum();
        let enc = if *enc == "UTF-8" {
            String::new()
        } else {
            format!("（{enc}）")
        };
        writeln!(
            out,
            "{path}{enc}：{total} 处（错误 {}，警告 {}，提示 {}）",
            c[2], c[1], c[0]
        )?;
    }
    writeln!(out, "\n{summary}")
}

/// The `[check] extensions` of a config file; the default when there is none or it is broken
/// (a broken config is reported when the files under it are checked).
fn extensions_of(config: Option<&PathBuf>, filter: &RuleFilter) -> Vec<String> {
    config
        .and_then(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            crate::config::load(Some((p, &text)), filter).ok()
        })
        .map(|s| s.extensions)
        .unwrap_or_else(|| vec!["txt".to_owned(), "md".to_owned(), "docx".to_owned()])
}

fn outline(args: OutlineArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let text = if args.file.as_os_str() == "-" {
        crate::input::read_stdin("-", args.encoding.0)
    } else {
        crate::input::read_path(&args.file, args.encoding.0)
    };
    let text = match text {
        Ok(t) => t.text,
        Err(e) => {
            write!(
                err,
                "{}",
                render::render_error(&format!("{}：{e}", args.file.display()), e.help(), false)
            )?;
            return Ok(exit_codes::ERROR);
        }
    };
    let doc = Document::parse(text, SourceKind::Text);
    write!(out, "{}", outline_text(&doc))?;
    Ok(exit_codes::CLEAN)
}

/// The indented table of contents printed by `gwlint outline`.
pub fn outline_text(doc: &Document) -> String {
    let mut s = String::new();
    if doc.headings.is_empty() {
        s.push_str("（没有找到层次序号：一、（一）1.（1）或 第X章/条）\n");
        return s;
    }
    let width = doc.lines.line_count().to_string().len();
    // Inline enumerators counted under the heading they follow, in one pass.
    let mut enumerators = vec![0usize; doc.headings.len()];
    let mut owner = None;
    let mut para = 0;
    for e in &doc.enumerators {
        while para <= e.paragraph {
            owner = doc.paragraphs[para].heading.or(owner);
            para += 1;
        }
        if let Some(h) = owner {
            enumerators[h] += 1;
        }
    }
    for (id, h) in doc.headings.iter().enumerate() {
        let mut depth = 0;
        let mut p = h.parent;
        while let Some(pid) = p {
            depth += 1;
            p = doc.headings[pid].parent;
        }
        let line = h.paragraph + 1;
        let title: String = doc.text[h.title.clone()].trim().chars().take(30).collect();
        let more = if doc.text[h.title.clone()].trim().chars().count() > 30 {
            "…"
        } else {
            ""
        };
        let count = enumerators[id];
        let note = if !h.canonical {
            "  ［序号写法不规范］"
        } else {
            ""
        };
        let enum_note = if count > 0 {
            format!("  （含 {count} 个“一是/一要”类条目）")
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{line:>width$}  {}{}{title}{more}{note}{enum_note}\n",
            "  ".repeat(depth),
            doc.marker_text(h),
        ));
    }
    s
}

/// Every shipped rule built from the embedded configuration, including the ones that ship
/// disabled (to describe their data).
fn shipped_rules() -> Vec<crate::config::ConfiguredRule> {
    let all_on: String = rules::RULES
        .iter()
        .map(|e| format!("[rules.{}]\nenabled = true\n", e.meta.id))
        .collect();
    crate::config::load(
        Some((std::path::Path::new("gwlint.toml"), &all_on)),
        &Default::default(),
    )
    .map(|s| s.rules)
    .unwrap_or_default()
}

fn list_rules(args: RulesArgs, out: &mut dyn Write) -> io::Result<i32> {
    // Entry counts of the data-driven rules, as shipped (the embedded default configuration).
    let shipped = shipped_rules();
    let sizes: std::collections::HashMap<&str, usize> = shipped
        .iter()
        .filter_map(|c| c.rule.data_size().map(|n| (c.rule.meta().id, n)))
        .collect();
    match args.format {
        RulesFormat::Text => {
            let width = rules::RULES
                .iter()
                .map(|e| e.meta.id.len())
                .max()
                .unwrap_or(0);
            for e in rules::RULES {
                let category = e.meta.category.name_zh();
                // Pad by display width: Chinese characters take two columns.
                let pad = 8usize.saturating_sub(unicode_width::UnicodeWidthStr::width(category));
                let data = sizes
                    .get(e.meta.id)
                    .map(|n| format!("（内置 {n} 条）"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<width$}  {:<7}  {category}{}  {}{data}",
                    e.meta.id,
                    e.meta.default_severity.as_str(),
                    " ".repeat(pad),
                    e.meta.summary
                )?;
            }
            writeln!(
                out,
                "\n共 {} 条规则。详细说明：gwlint explain <规则>",
                rules::RULES.len()
            )?;
        }
        RulesFormat::Json => {
            let list: Vec<_> = rules::RULES
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "id": e.meta.id,
                        "severity": e.meta.default_severity,
                        "category": e.meta.category.name_zh(),
                        "summary": e.meta.summary,
                        "fixable": e.meta.fixable,
                        "entries": sizes.get(e.meta.id),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => {
            writeln!(out, "# gwlint 规则目录\n")?;
            for e in rules::RULES {
                writeln!(
                    out,
                    "{}\n",
                    e.meta
                        .docs
                        .trim_end()
                        .replacen("# ", "## ", 1)
                        .replace("\n## ", "\n### ")
                )?;
            }
        }
    }
    Ok(exit_codes::CLEAN)
}

fn explain(args: ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    match rules::find(&args.rule) {
        Some(e) => {
            writeln!(out, "{}", e.meta.docs.trim_end())?;
            // Where the shipped data comes from, read from the data itself.
            let enabled = crate::config::load(None, &Default::default())
                .map(|s| s.rules.iter().any(|c| c.rule.meta().id == e.meta.id))
                .unwrap_or(true);
            let sources = shipped_rules()
                .iter()
                .find(|c| c.rule.meta().id == e.meta.id)
                .map(|c| c.rule.data_sources())
                .unwrap_or_default();
            if !sources.is_empty() {
                let total: usize = sources.iter().map(|d| d.entries).sum();
                writeln!(out, "\n## 内置数据（共 {total} 条）")?;
                for d in &sources {
                    let source = d.source.as_deref().unwrap_or("本单位配置");
                    let url = d
                        .url
                        .as_deref()
                        .map(|u| format!("，{u}"))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "- {source}{url}：{} 条（{}）",
                        d.entries,
                        d.ids.join("、")
                    )?;
                }
            }
            writeln!(
                out,
                "\n默认级别：{}（{}）{}",
                e.meta.default_severity.as_str(),
                e.meta.default_severity.label_zh(),
                if enabled {
                    ""
                } else {
                    "；默认关闭，在配置中写 enabled = true 启用"
                }
            )?;
            Ok(exit_codes::CLEAN)
        }
        None => {
            // A rule of the user's own, from --config or the configuration governing the
            // current directory.
            let config = args.config.clone().or_else(|| {
                std::env::current_dir()
                    .ok()
                    .and_then(|d| crate::config::discover(&d))
            });
            if let Some(path) = &config {
                let loaded = std::fs::read_to_string(path)
                    .map_err(|e| {
                        format!(
                            "无法读取配置文件 {}：{}",
                            path.display(),
                            crate::input::io_reason(&e)
                        )
                    })
                    .and_then(|text| {
                        crate::config::load(Some((path, &text)), &Default::default())
                            .map_err(|e| render::render_config_error(&e, false))
                    });
                match loaded {
                    Ok(settings) => {
                        if let Some(c) = settings
                            .rules
                            .iter()
                            .find(|c| c.rule.meta().id == args.rule)
                        {
                            let meta = c.rule.meta();
                            writeln!(out, "{}", meta.docs.trim_end())?;
                            writeln!(
                                out,
                                "\n级别：{}（{}）",
                                c.severity.as_str(),
                                c.severity.label_zh()
                            )?;
                            return Ok(exit_codes::CLEAN);
                        }
                    }
                    Err(message) => {
                        write!(err, "{message}")?;
                        return Ok(exit_codes::ERROR);
                    }
                }
            }
            let ids: Vec<&str> = rules::RULES.iter().map(|e| e.meta.id).collect();
            write!(
                err,
                "{}",
                render::render_error(
                    &format!("未知规则“{}”", args.rule),
                    Some(&format!("可用的规则：{}", ids.join("、"))),
                    false
                )
            )?;
            Ok(exit_codes::ERROR)
        }
    }
}

/// A command-line usage error in Chinese (clap's own messages are English), with what clap
/// knows: the argument, the value, the valid values and its suggestion.
pub fn usage_error_zh(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind: ContextKind| -> Option<String> {
        e.get(kind).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join("、"),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidValue => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            match get(ContextKind::ValidValue) {
                Some(valid) => format!("参数 {arg} 的值“{value}”无效；可选值：{valid}"),
                None => format!("参数 {arg} 的值“{value}”无效"),
            }
        }
        ErrorKind::UnknownArgument => format!("未知参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            format!(
                "未知子命令“{}”；可用：check、outline、rules、explain",
                get(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令：check、outline、rules 或 explain".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能与 {} 同时使用",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ValueValidation => format!(
            "参数 {arg} 的值“{}”无效",
            get(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("参数 {arg} 的值要用“=”连接"),
        ErrorKind::InvalidUtf8 => "参数中有无效的 UTF-8 字符".to_owned(),
        _ => format!("命令行参数有误：{}", e.render().to_string().trim()),
    };
    if let Some(suggested) = get(ContextKind::SuggestedArg)
        .or_else(|| get(ContextKind::SuggestedSubcommand))
        .or_else(|| get(ContextKind::SuggestedValue))
    {
        message.push_str(&format!("；你是不是要用 {suggested}？"));
    }
    format!("gwlint：{message}\n用 gwlint --help 查看用法。\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
