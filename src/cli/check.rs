//! `gwlint check`: lint files and directories, print the findings.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::statistics::StatisticsEmitter;
use super::*;
use crate::batch::{self, RunOptions, TargetError};
use crate::config::RuleFilter;
use crate::exit_codes;
use crate::render::emit::{
    Emitter, FileEvent, GithubEmitter, JsonEmitter, LinesEmitter, Renderer, SarifEmitter,
};
use crate::render::human::ReportOptions;
use crate::render::{self, OutputFormat, Summary};

pub(super) fn check(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    if args.show_settings {
        return super::settings::show_settings(&args, out, err);
    }
    let Some(path) = args.output_file.clone() else {
        return check_to(args, out, err);
    };
    // The report goes to a temporary file that replaces FILE once it is complete.
    let mut code = exit_codes::ERROR;
    let written = crate::atomic_write::write_with(&path, |file| {
        code = check_to(args, file, err)?;
        Ok(())
    });
    match written {
        Ok(()) => Ok(code),
        Err(message) => {
            write!(err, "{}", render::render_error(&message, None, false))?;
            Ok(exit_codes::ERROR)
        }
    }
}

fn check_to(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    // A report written to a file is coloured only when asked for (--color always).
    let color = match args.output_file {
        Some(_) => args.color == ColorChoice::Always,
        None => use_color(args.color),
    };
    let filter = match RuleFilter::from_args(&args.select, &args.ignore) {
        Ok(f) => f,
        Err(message) => {
            write!(err, "{}", render::render_error(&message, None, false))?;
            return Ok(exit_codes::ERROR);
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    // Extensions for a directory walk come from --config, or from the config that governs that
    // directory (found by walking up from it), or the default. Each configuration is loaded once
    // for the walk and the batch together.
    let configs = std::cell::RefCell::new(crate::config::ConfigCache::new(filter.clone()));
    let extensions_for = |dir: &std::path::Path| -> Vec<String> {
        configs
            .borrow_mut()
            .extensions_for(args.config.as_deref(), dir)
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
    // What each worker renders: nothing per file when only counts are printed.
    let min_severity = args.min_severity.severity();
    let github_summary = std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from);
    let renderer = Renderer {
        format: args.format,
        counts_only: args.statistics || args.write_baseline.is_some() || args.quiet,
        min_severity,
        human: ReportOptions {
            color,
            width: 100,
            verbose: args.verbose,
        },
        github_table: args.format == OutputFormat::Github && github_summary.is_some(),
    };
    let opts = RunOptions {
        progress: !args.no_progress,
        baseline,
        record: args.write_baseline.is_some(),
        encoding: args.encoding.0,
        config: args.config.clone(),
        filter,
        renderer,
    };
    let result = match batch::run(targets, &opts, &mut configs.borrow_mut()) {
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
    let threshold = args.fail_on.threshold();
    let lines = |summary: bool| -> Box<dyn Emitter> {
        Box::new(LinesEmitter {
            format: args.format,
            summary,
            min_severity,
            quiet: args.quiet,
            printed: false,
        })
    };
    let mut emitter: Box<dyn Emitter> = if args.write_baseline.is_some() {
        lines(false)
    } else if args.statistics {
        Box::new(StatisticsEmitter::new(args.format))
    } else if args.quiet {
        lines(!args.no_summary)
    } else {
        match args.format {
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Jsonl => {
                lines(!args.no_summary)
            }
            OutputFormat::Json => Box::new(JsonEmitter::default()),
            OutputFormat::Sarif => Box::new(SarifEmitter::default()),
            OutputFormat::Github => Box::new(GithubEmitter::new(github_summary)),
        }
    };

    let mut failed = false;
    let mut recorded = Vec::new();
    let config_errors = result.config_errors.len();
    emitter.start(out)?;
    result.check_each(&opts, |outcome| match outcome.result {
        Ok(mut checked) => {
            summary.add_counts(&checked.counts);
            failed |= checked
                .counts
                .max_severity()
                .is_some_and(|s| s >= threshold);
            recorded.append(&mut checked.recorded);
            emitter.file(
                out,
                FileEvent::Checked {
                    path: &outcome.path,
                    encoding: checked.encoding,
                    counts: &checked.counts,
                    rendered: &mut checked.rendered,
                },
            )
        }
        Err(e) => {
            summary.failed += 1;
            let (message, help) = match e {
                TargetError::Input(i) => (i.to_string(), i.help().map(str::to_owned)),
                TargetError::Walk(reason) | TargetError::Output(reason) => (reason, None),
                TargetError::Config(p) => (
                    format!("未检查：适用的配置文件 {} 有错误（见上文）", p.display()),
                    None,
                ),
                TargetError::Crash(crash) => (crash.to_string(), None),
            };
            emitter.file(
                out,
                FileEvent::Failed {
                    path: &outcome.path,
                    message: &message,
                },
            )?;
            write!(
                err,
                "{}",
                render::render_error(
                    &format!("{}：{message}", outcome.path),
                    help.as_deref(),
                    err_color
                )
            )
        }
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
    emitter.finish(out, &summary)?;
    if let Some(notice) = emitter.notice() {
        writeln!(err, "{notice}")?;
    }
    Ok(if summary.failed > 0 || config_errors > 0 {
        exit_codes::ERROR
    } else if failed {
        exit_codes::FINDINGS
    } else {
        exit_codes::CLEAN
    })
}
