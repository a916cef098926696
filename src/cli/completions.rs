//! `gwlint completions <shell>` (clap_complete) and `gwlint man` (a roff page from clap_mangen,
//! with a section per subcommand): both generated from the same argument definitions as `--help`.

use std::io::{self, Write};

use clap_complete::Shell;
use roff::{Roff, bold, roman};

use super::*;
use crate::exit_codes;

/// Writes the completion script for `shell`.
pub(super) fn completions(shell: Shell, out: &mut dyn Write) -> io::Result<i32> {
    let mut cmd = super::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "gwlint", &mut script);
    out.write_all(&script)?;
    Ok(exit_codes::CLEAN)
}

/// Writes the man page gwlint(1): the command's name, synopsis, description and subcommands
/// (clap_mangen), then one section per subcommand with its arguments, the examples and exit
/// codes, and the version.
pub(super) fn man(out: &mut dyn Write) -> io::Result<i32> {
    let mut cmd = super::command().disable_help_subcommand(true);
    cmd.build();
    let named = cmd.clone().about("公文、政府工作报告一致性检查工具");
    let page = clap_mangen::Man::new(named).manual("gwlint 手册");
    let mut buffer = Vec::new();
    page.render_title(&mut buffer)?;
    // No hyphenation and a ragged right margin: rule ids and option names stay whole.
    buffer.extend_from_slice(b".nh\n.ad l\n");
    page.render_name_section(&mut buffer)?;
    page.render_synopsis_section(&mut buffer)?;
    page.render_description_section(&mut buffer)?;
    let mut roff = Roff::new();
    for sub in cmd.get_subcommands() {
        roff.control("SH", [format!("用法：gwlint {}", sub.get_name()).as_str()]);
        roff.text([
            bold(format!("gwlint {}", sub.get_name())),
            roman(" "),
            roman(usage_of(sub)),
        ]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.control("PP", []);
            roff.text([roman(about.to_string())]);
        }
        let documented = sub.get_arguments().filter(|a| {
            !a.is_hide_set()
                && !matches!(
                    a.get_action(),
                    clap::ArgAction::Help
                        | clap::ArgAction::HelpLong
                        | clap::ArgAction::HelpShort
                        | clap::ArgAction::Version
                )
        });
        for arg in documented {
            roff.control("TP", []);
            roff.text([bold(arg_name(arg))]);
            // The short help: possible values and the default are in it (see `localise_arg`).
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            roff.text([roman(help)]);
        }
    }
    if let Some(after) = cmd.get_after_help() {
        roff.control("SH", ["示例与退出码"]);
        roff.control("nf", []);
        for line in after.to_string().lines() {
            roff.text([roman(line.trim_end())]);
        }
        roff.control("fi", []);
    }
    roff.control("SH", ["安装"]);
    roff.text([roman(
        "把本页保存为 gwlint.1 放入 man 目录（例如 gwlint man > ~/.local/share/man/man1/gwlint.1），\
         再用 man gwlint 查看；命令行补全见 gwlint completions --help。",
    )]);
    roff.control("SH", ["VERSION"]);
    roff.text([roman(format!("gwlint {}", env!("CARGO_PKG_VERSION")))]);
    buffer.extend_from_slice(roff.render().as_bytes());
    out.write_all(&buffer)?;
    Ok(exit_codes::CLEAN)
}

/// `--format <FORMAT>`, `-q`, `<PATH>...`.
fn arg_name(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .and_then(|n| n.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
    let mut names: Vec<String> = Vec::new();
    if let Some(s) = arg.get_short() {
        names.push(format!("-{s}"));
    }
    if let Some(l) = arg.get_long() {
        names.push(format!("--{l}"));
    }
    if names.is_empty() {
        return format!("<{value}>");
    }
    let names = names.join(", ");
    if takes_value(arg) {
        format!("{names} <{value}>")
    } else {
        names
    }
}

/// The positional part of a subcommand's usage: `[选项] <PATH>...`.
fn usage_of(sub: &clap::Command) -> String {
    let mut parts = vec!["[选项]".to_owned()];
    for arg in sub.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|n| n.first())
            .map(|n| n.to_string())
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        parts.push(if arg.is_required_set() {
            format!("<{name}>{dots}")
        } else {
            format!("[{name}]{dots}")
        });
    }
    parts.join(" ")
}
