//! Batch checking: collect targets, find each file's configuration, check files in parallel,
//! and hand per-file outcomes on in a deterministic order as soon as a file and all before it are
//! done (a bounded reorder window over rayon), so that output starts early and memory does not
//! grow with the number of files. Each worker also renders its file in the output format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::config::{self, ConfigCache, ConfigError, RuleFilter, Settings};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::input::{self, InputError};
use crate::render::emit::{FileCounts, Rendered, Renderer};

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file (named on the command line or found in a directory).
    File(PathBuf),
    /// Standard input, shown under the given name.
    Stdin(String),
}

/// A problem with one target that prevented checking it.
#[derive(Debug, Clone)]
pub enum TargetError {
    /// Reading or decoding failed.
    Input(InputError),
    /// A path on the command line does not exist or a directory could not be walked.
    Walk(String),
    /// The configuration that governs the file is broken (reported once, separately).
    Config(PathBuf),
    /// gwlint itself failed on this file (a bug, caught so that the batch goes on).
    Crash(crate::engine::crash::Crash),
    /// The file's output could not be held for writing (no room for a temporary file).
    Output(String),
}

/// The result for one target.
#[derive(Debug)]
pub struct Outcome {
    /// Path as shown to the user.
    pub path: String,
    /// Findings and their renderings, or why the file was not checked.
    pub result: Result<Checked, TargetError>,
}

/// A checked file: counts and its rendering, no findings.
#[derive(Debug, Default)]
pub struct Checked {
    /// Counts of its findings (all of them, before display filters).
    pub counts: FileCounts,
    /// Its part of the output, in the chosen format.
    pub rendered: Rendered,
    /// The encoding the file was read in.
    pub encoding: &'static str,
    /// Baseline entries of the findings (with `--write-baseline`).
    pub recorded: Vec<crate::baseline::Entry>,
}

/// Options for a batch run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// `--config`: one file for everything; otherwise discovered per directory.
    pub config: Option<PathBuf>,
    /// `--select` / `--ignore`.
    pub filter: RuleFilter,
    /// Renders each checked file in the output format (in the worker that checked it).
    pub renderer: Renderer,
    /// `--encoding` (`None`: detect).
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `--baseline`: findings recorded there are not reported.
    pub baseline: Option<Arc<crate::baseline::Index>>,
    /// `--write-baseline`: record every finding's fingerprint.
    pub record: bool,
    /// Show a progress bar on a terminal when checking many files.
    pub progress: bool,
}

/// A target with what governs it: its walk error, if any, and its settings (or the broken
/// configuration file that would have given them).
type Job = (Target, Option<String>, Result<Arc<Settings>, PathBuf>);

/// Files in flight at most: being checked, or checked and waiting for an earlier file to be
/// handed on. Output starts after the first file; memory holds at most this many outcomes,
/// however many files there are.
const WINDOW: usize = 64;

/// Rendered output held in memory by files waiting for an earlier one, beyond which no new file
/// is started: a batch of files with large reports stays within this, whatever their number.
const HELD_BYTES: u64 = 8 << 20;

/// Output bytes an outcome holds in memory.
fn outcome_bytes(outcome: &Outcome) -> u64 {
    match &outcome.result {
        Ok(checked) => checked.rendered.bytes.in_memory() + checked.rendered.table.in_memory(),
        Err(_) => 0,
    }
}

/// A prepared run: configurations resolved, targets waiting to be checked
/// ([`RunResult::check_each`]).
#[derive(Debug, Default)]
pub struct RunResult {
    /// The targets, with their settings.
    jobs: Vec<Job>,
    /// Broken configuration files (each reported once).
    pub config_errors: Vec<ConfigError>,
    /// Rules that are off in the configuration but run because `--select` names them.
    pub enabled_by_select: Vec<&'static str>,
    /// Whether any configuration in use runs at least one rule (else nothing was checked, and
    /// "no problems found" would mislead).
    pub any_rule_active: bool,
}

impl RunResult {
    /// How many targets the run has.
    pub fn targets(&self) -> usize {
        self.jobs.len()
    }

    /// Checks every target in parallel and hands each outcome to `each` in path order as soon as
    /// it and all before it are done; at most [`WINDOW`] files are in flight, and no new one is
    /// started while those waiting hold more than [`HELD_BYTES`] of output. Nothing of a file
    /// is kept once `each` returns. An error from `each` (output that cannot be written) stops
    /// the run: files not yet started are skipped.
    pub fn check_each(
        self,
        opts: &RunOptions,
        mut each: impl FnMut(Outcome) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut jobs = self.jobs;
        jobs.sort_by_cached_key(|(target, _, _)| display_path(target));
        let progress = progress_bar(jobs.len(), opts.progress);
        let stop = AtomicBool::new(false);
        let (send, receive) = std::sync::mpsc::channel::<(usize, Outcome)>();
        let mut jobs = jobs.into_iter().enumerate();
        let mut result = Ok(());
        // The main thread only writes: workers check and render, the main thread waits for the
        // next file in path order and hands it on (a reorder window of WINDOW files).
        rayon::in_place_scope_fifo(|scope| {
            let spawn = |(index, (target, walk_error, settings)): (usize, Job)| {
                let send = send.clone();
                let (progress, stop) = (&progress, &stop);
                scope.spawn_fifo(move |_| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let path = display_path(&target);
                    let outcome = crate::engine::crash::isolate(|| {
                        check_target(target, walk_error, settings, opts)
                    })
                    .unwrap_or_else(|crash| Outcome {
                        path,
                        result: Err(TargetError::Crash(crash)),
                    });
                    progress.inc(1);
                    // The receiver is gone only when the run stopped.
                    let _ = send.send((index, outcome));
                });
            };
            let mut in_flight = 0;
            let mut next = 0;
            // Checked files waiting for an earlier one, and the output bytes they hold.
            let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
            let mut held = 0;
            loop {
                // The next file in path order is always in flight or waiting, so the loop ends.
                while in_flight < WINDOW && held < HELD_BYTES {
                    let Some(job) = jobs.next() else { break };
                    spawn(job);
                    in_flight += 1;
                }
                if in_flight == 0 {
                    break;
                }
                // A worker's panic is caught in `isolate`; a closed channel means every worker
                // has ended, which the counter rules out while files are in flight.
                let Ok((index, outcome)) = receive.recv() else {
                    break;
                };
                held += outcome_bytes(&outcome);
                waiting.insert(index, outcome);
                while let Some(outcome) = waiting.remove(&next) {
                    held -= outcome_bytes(&outcome);
                    in_flight -= 1;
                    next += 1;
                    if let Err(e) = each(outcome) {
                        stop.store(true, Ordering::Relaxed);
                        result = Err(e);
                        return;
                    }
                }
            }
        });
        progress.finish_and_clear();
        result
    }
}

/// The name a target is shown under (and sorted by).
fn display_path(target: &Target) -> String {
    match target {
        Target::File(p) => p.display().to_string(),
        Target::Stdin(name) => name.clone(),
    }
}

/// Expands command-line paths into targets. Directories are walked recursively (symbolic links to
/// directories are not followed, to avoid cycles) and filtered by extension; files named
/// explicitly are always checked. `extensions_for` gives the extensions for each directory argument
/// (from the config that governs it); `.doc`/`.wps` files are collected too, to be reported as
/// unsupported ([`input::UNSUPPORTED_EXTENSIONS`]). Version-control folders (.git, .hg, .svn) are
/// skipped.
pub fn collect_targets(
    paths: &[PathBuf],
    extensions_for: &dyn Fn(&Path) -> Vec<String>,
    stdin_name: &str,
) -> Vec<(Target, Option<String>)> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push((Target::Stdin(stdin_name.to_owned()), None));
            continue;
        }
        let meta = std::fs::symlink_metadata(p);
        let is_dir = std::fs::metadata(p).map(|m| m.is_dir()).unwrap_or(false);
        if meta.is_err() {
            out.push((Target::File(p.clone()), Some("路径不存在".to_owned())));
            continue;
        }
        if !is_dir {
            out.push((Target::File(p.clone()), None));
            continue;
        }
        let extensions = extensions_for(p);
        let walker = walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                !(e.file_type().is_dir()
                    && matches!(e.file_name().to_str(), Some(".git" | ".hg" | ".svn")))
            });
        for entry in walker {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() {
                        continue;
                    }
                    let ext = e
                        .path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .map(str::to_lowercase)
                        .unwrap_or_default();
                    // Word 97-2003 and WPS documents are not read, but said so (they are
                    // likely what the user meant to check): loading them reports the format.
                    if !extensions.contains(&ext)
                        && !input::UNSUPPORTED_EXTENSIONS.contains(&ext.as_str())
                    {
                        continue;
                    }
                    // Only regular files (or links to them) are read: opening a FIFO, socket
                    // or device found by walking would block the run or read endlessly. A
                    // broken link is passed on so that reading it says so.
                    let kind = match std::fs::metadata(e.path()) {
                        Ok(m) if m.is_dir() => continue,
                        Ok(m) => special_file_kind(&m.file_type()),
                        Err(_) => None,
                    };
                    let error = kind.map(|k| format!("不是普通文件（{k}），未检查"));
                    out.push((Target::File(e.into_path()), error));
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| p.clone());
                    let reason = match (err.io_error(), err.loop_ancestor()) {
                        (_, Some(_)) => "符号链接构成循环".to_owned(),
                        (Some(io), _) => input::io_reason(io),
                        (None, None) => "无法读取".to_owned(),
                    };
                    out.push((Target::File(path), Some(format!("无法遍历目录：{reason}"))));
                }
            }
        }
    }
    dedupe(out)
}

/// The kind of a file that is neither a regular file nor a directory, in Chinese.
fn special_file_kind(ft: &std::fs::FileType) -> Option<&'static str> {
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("命名管道");
        }
        if ft.is_socket() {
            return Some("套接字");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("设备文件");
        }
    }
    Some("特殊文件")
}

/// Drops targets named more than once (`d d/ d/x.txt`): a file is checked and reported once,
/// under the first name it was given. Paths are compared after resolving `.`/`..` and links.
fn dedupe(targets: Vec<(Target, Option<String>)>) -> Vec<(Target, Option<String>)> {
    let mut seen = std::collections::HashSet::new();
    targets
        .into_iter()
        .filter(|(t, _)| {
            let key = match t {
                Target::File(p) => std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()),
                Target::Stdin(_) => PathBuf::from("-"),
            };
            seen.insert(key)
        })
        .collect()
}

/// Files from which a progress bar is shown (on a terminal only).
const PROGRESS_FROM: usize = 50;

/// A progress bar on standard error for `files` files, when standard error is a terminal and
/// there are many files; hidden otherwise (never in pipes, CI logs or tests).
fn progress_bar(files: usize, wanted: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !wanted || files < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} 个文件 {elapsed} 剩余约 {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Prepares a run: resolves the configuration of every target (loaded once per config file) and
/// checks `--select`/`--ignore`. [`RunResult::check_each`] then checks the files.
pub fn run(
    targets: Vec<(Target, Option<String>)>,
    opts: &RunOptions,
    configs: &mut ConfigCache,
) -> Result<RunResult, ConfigError> {
    // An explicit --config must be valid: it is fatal.
    let explicit = match &opts.config {
        Some(path) => Some(configs.settings(Some(path))?),
        None => None,
    };

    // Resolve settings per target: discovery once per directory, loading once per file.
    let mut jobs = Vec::with_capacity(targets.len());
    let cwd = std::env::current_dir().unwrap_or_default();
    for (target, walk_error) in targets {
        let settings = if let Some(s) = &explicit {
            Ok(s.clone())
        } else {
            let dir = match &target {
                Target::File(p) => p
                    .parent()
                    .map(Path::to_path_buf)
                    .filter(|d| !d.as_os_str().is_empty())
                    .unwrap_or_else(|| cwd.clone()),
                Target::Stdin(_) => cwd.clone(),
            };
            let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
            let found = configs.discover(&dir);
            configs
                .settings(found.as_deref())
                .map_err(|_| found.unwrap_or_default())
        };
        jobs.push((target, walk_error, settings));
    }
    // Only the configurations that govern a target count (an explicit --config replaces the
    // ones the directory walk looked at for extensions).
    let in_use_configs: Vec<&Result<Arc<Settings>, ConfigError>> = match &opts.config {
        Some(path) => configs
            .loaded()
            .filter(|(k, _)| k.as_deref() == Some(path.as_path()))
            .map(|(_, v)| v)
            .collect(),
        None => configs.loaded().map(|(_, v)| v).collect(),
    };
    // --select / --ignore may name the user's own rules: an id is unknown only when neither the
    // shipped rules nor any configuration in use defines it.
    let custom: Vec<&str> = in_use_configs
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .flat_map(|s| s.custom_ids.iter().copied())
        .collect();
    let unknown = |ids: &[String]| {
        ids.iter()
            .find(|id| crate::rules::find(id).is_none() && !custom.contains(&id.as_str()))
            .cloned()
    };
    if let Some((id, flag)) = unknown(&opts.filter.select)
        .map(|id| (id, "--select"))
        .or_else(|| unknown(&opts.filter.ignore).map(|id| (id, "--ignore")))
    {
        return Err(ConfigError {
            path: "命令行参数".to_owned(),
            text: String::new(),
            span: None,
            message: format!("未知规则“{id}”（{flag}）"),
            help: Some(config::suggest_rule(&id, &custom)),
        });
    }
    let in_use: Vec<&Settings> = in_use_configs
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|s| &**s)
        .collect();
    let mut enabled_by_select: Vec<&'static str> = in_use
        .iter()
        .flat_map(|s| s.enabled_by_select.iter().copied())
        .collect();
    enabled_by_select.sort_unstable();
    enabled_by_select.dedup();
    // With every configuration broken, the errors say what went wrong, not "no rule active".
    let any_rule_active = in_use.is_empty() || in_use.iter().any(|s| !s.rules.is_empty());
    let mut config_errors: Vec<ConfigError> = in_use_configs
        .iter()
        .filter_map(|r| r.as_ref().err().cloned())
        .collect();
    config_errors.sort_by(|a, b| a.path.cmp(&b.path));

    Ok(RunResult {
        jobs,
        config_errors,
        enabled_by_select,
        any_rule_active,
    })
}

fn check_target(
    target: Target,
    walk_error: Option<String>,
    settings: Result<Arc<Settings>, PathBuf>,
    opts: &RunOptions,
) -> Outcome {
    let path = display_path(&target);
    let source = match &target {
        Target::File(_) => None,
        Target::Stdin(name) => Some(input::load_stdin(name, opts.encoding)),
    };
    if let Some(reason) = walk_error {
        return Outcome {
            path,
            result: Err(TargetError::Walk(reason)),
        };
    }
    let settings = match settings {
        Ok(s) => s,
        Err(config) => {
            return Outcome {
                path,
                result: Err(TargetError::Config(config)),
            };
        }
    };
    let source = match (source, &target) {
        (Some(source), _) => source,
        (None, Target::File(p)) => input::load(p, opts.encoding),
        (None, Target::Stdin(_)) => unreachable!("stdin read above"),
    };
    let mut source = match source {
        Ok(s) => s,
        Err(e) => {
            return Outcome {
                path,
                result: Err(TargetError::Input(e)),
            };
        }
    };
    let encoding = source.encoding;
    let notice = source.notice.take();
    let crate::Linted {
        document: doc,
        mut findings,
    } = crate::lint_into(source, &settings);
    if let Some(index) = &opts.baseline {
        findings = index.filter(&path, &doc, findings);
    }
    finish_file(path, &doc, findings, encoding, notice, opts)
}

/// Records a checked file's baseline entries, counts its findings and renders them in the output
/// format. The document and the findings are dropped here: only counts and bytes go on.
fn finish_file(
    path: String,
    doc: &Document,
    findings: Vec<Finding>,
    encoding: &'static str,
    notice: Option<String>,
    opts: &RunOptions,
) -> Outcome {
    let recorded = if opts.record {
        findings
            .iter()
            .map(|f| crate::baseline::Entry {
                path: crate::baseline::normalise(&path),
                rule: f.rule.to_owned(),
                fingerprint: crate::baseline::fingerprint(&path, doc, f),
                line: doc.lines.line_of(f.span.start),
                message: f.message.clone(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let counts = FileCounts::of(&findings);
    let result = match opts
        .renderer
        .render(&path, doc, findings, encoding, notice.as_deref())
    {
        Ok(rendered) => Ok(Checked {
            counts,
            rendered,
            encoding,
            recorded,
        }),
        Err(e) => Err(TargetError::Output(format!(
            "无法暂存这个文件的检查结果：{}",
            input::io_reason(&e)
        ))),
    };
    Outcome { path, result }
}
