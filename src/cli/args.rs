//! Command-line arguments (clap derive) and their Chinese usage errors.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::render::OutputFormat;

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
    /// 列出全部规则（编号、级别、简介），按配置标出已关闭的规则并列出自定义规则
    Rules(RulesArgs),
    /// 显示规则的详细说明（检查内容、依据、示例、配置项）
    Explain(ExplainArgs),
    /// 输出命令行补全脚本（bash、zsh、fish、powershell、elvish）
    Completions(CompletionsArgs),
    /// 输出 man 手册页（roff 格式）
    Man,
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
    /// 不做检查，只显示对 PATH（默认当前目录）生效的配置：适用的配置文件（含 include）、扩展名、每条规则是否启用、级别和配置项及其出处、[[ignore]] 设置
    #[arg(long)]
    pub show_settings: bool,
    /// 只运行这些规则（规则编号，用逗号、顿号或空格分隔）；点名的规则即使在配置中关闭（enabled = false，如
    /// political-formulation）也会运行，并在标准错误中说明
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// 不运行这些规则（规则编号，用逗号、顿号或空格分隔）
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
    /// 只显示达到此级别的问题（默认全部显示）；只影响显示，退出码仍按全部问题和 --fail-on 计算，最后的统计行也计入全部问题
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = ShowLevel::Info)]
    pub min_severity: ShowLevel,
    /// 逐条显示全部问题：默认同一条规则在一个文件中超过 10 处时只显示总数和前 3 处示例（仅影响 human 格式）
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// 不逐条显示问题：human、concise 格式只输出最后的统计行，其他格式不输出；退出码不变
    #[arg(long, short = 'q', conflicts_with_all = ["verbose", "statistics", "write_baseline"])]
    pub quiet: bool,
    /// 把结果写入此文件而不是标准输出（先写临时文件，完成后替换，中途失败不会留下半个文件）
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

/// `--min-severity` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowLevel {
    /// 只显示错误
    Error,
    /// 显示错误和警告
    Warning,
    /// 显示全部问题（默认）
    Info,
}

impl ShowLevel {
    pub(crate) fn severity(self) -> Severity {
        match self {
            ShowLevel::Error => Severity::Error,
            ShowLevel::Warning => Severity::Warning,
            ShowLevel::Info => Severity::Info,
        }
    }
}

/// `--encoding`: `None` is automatic detection.
#[derive(Debug, Clone, Copy)]
pub struct EncodingArg(pub Option<&'static encoding_rs::Encoding>);

pub(super) fn parse_encoding(s: &str) -> Result<EncodingArg, String> {
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
    pub(crate) fn threshold(self) -> Severity {
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
    /// 配置文件（默认从当前目录逐级向上查找 gwlint.toml 或 .gwlint.toml）：列出其中的自定义规则，按其中的设置显示级别和是否关闭
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
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
    /// 配置文件（默认从当前目录逐级向上查找 gwlint.toml 或 .gwlint.toml）：用于查找自定义规则，并显示规则在其中的级别和配置项
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The command line as users see it: clap's own texts (help headings, the help and version
/// flags, possible and default values) in Chinese. `--help`, completions and the man page all
/// come from it.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = localise(Cli::command(), true);
    // The `help` subcommand exists once the command is built.
    cmd.build();
    cmd.mut_subcommand("help", |h| {
        h.about("显示帮助，或某个子命令的帮助（gwlint help check）")
    })
}

/// Parses the process's arguments with [`command`].
pub fn try_parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
}

fn localise(cmd: clap::Command, root: bool) -> clap::Command {
    use clap::{Arg, ArgAction};
    let mut cmd = cmd
        .help_template("{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("子命令")
        .subcommand_value_name("子命令")
        .mut_args(localise_arg)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助（-h 为简要帮助）")
                .help_heading("选项"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localise(s, false));
    }
    cmd
}

/// One argument: under 参数 or 选项, its possible and default values written into its help.
fn localise_arg(arg: clap::Arg) -> clap::Arg {
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let mut arg = arg.help_heading(heading);
    if !takes_value(&arg) {
        return arg;
    }
    let values: Vec<clap::builder::PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let default = if defaults.is_empty() {
        String::new()
    } else {
        format!("（默认：{}）", defaults.join("、"))
    };
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let short_values = if names.is_empty() {
        String::new()
    } else {
        format!("（可选值：{}）", names.join("、"))
    };
    let described: Vec<String> = values
        .iter()
        .map(|v| match v.get_help() {
            Some(h) => format!("\n  {}：{h}", v.get_name()),
            None => format!("\n  {}", v.get_name()),
        })
        .collect();
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let long = arg
        .get_long_help()
        .map(ToString::to_string)
        .unwrap_or_else(|| help.clone());
    let long_values = if described.is_empty() {
        String::new()
    } else {
        format!("\n\n可选值：{}", described.concat())
    };
    arg = arg
        .help(format!("{help}{short_values}{default}"))
        .long_help(format!("{long}{default}{long_values}"))
        .hide_possible_values(true)
        .hide_default_value(true);
    arg
}

/// Whether an option takes a value (`--format human`), not a switch (`--no-summary`).
pub(super) fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_num_args().is_none_or(|n| n.takes_values())
        && !matches!(
            arg.get_action(),
            clap::ArgAction::SetTrue
                | clap::ArgAction::SetFalse
                | clap::ArgAction::Count
                | clap::ArgAction::Help
                | clap::ArgAction::HelpLong
                | clap::ArgAction::HelpShort
                | clap::ArgAction::Version
        )
}

/// `gwlint completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// 命令行外壳（shell）
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
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
                "未知子命令“{}”；可用：check、outline、rules、explain、completions、man",
                get(ContextKind::InvalidSubcommand).unwrap_or_default()
            )
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少子命令：check、outline、rules、explain、completions 或 man".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能与 {} 同时使用",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值个数不对")
        }
        // The value parser's own message (Chinese, ours) says why.
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(why) => format!("参数 {arg} 的值无效：{why}"),
            None => format!(
                "参数 {arg} 的值“{}”无效",
                get(ContextKind::InvalidValue).unwrap_or_default()
            ),
        },
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
        command().debug_assert();
    }
}
