//! `gwlint check`: lint files and directories, print the findings.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use super::statistics::write_statistics;
use super::*;
use crate::batch::{self, RunOptions, TargetError};
use crate::config::RuleFilter;
use crate::exit_codes;
use crate::render::{self, OutputFormat, Summary};
use crate::rules;

pub(super) fn check(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    if args.show_settings {
        return super::settings::show_settings(&args, out, err);
    }
    let color = use_color(args.color);
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

/// The `[check] extensions` of a config file; the default when there is none or it is broken
/// (a broken config is reported when the files under it are checked).
pub(super) fn extensions_of(config: Option<&PathBuf>, filter: &RuleFilter) -> Vec<String> {
    config
        .and_then(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            crate::config::load(Some((p, &text)), filter).ok()
        })
        .map(|s| s.extensions)
        .unwrap_or_else(|| vec!["txt".to_owned(), "md".to_owned(), "docx".to_owned()])
}
