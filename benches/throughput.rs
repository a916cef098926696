//! End-to-end throughput benchmark: `cargo bench --bench throughput` (`$GWLINT_BIN` to time
//! another gwlint binary, e.g. the one before a change).
//!
//! Replicates the real corpus (`../shared/corpus`, or `$GWLINT_CORPUS`) into a temporary directory
//! tree of about 100 MB (`$GWLINT_BENCH_MB`), runs `gwlint check --format jsonl <dir>` as a child
//! process three times and reports the best wall time as MB/s, together with the child's peak RSS
//! (VmHWM polled from /proc every 5 ms). It also times the single seed file as a whole process
//! (best of 20), and runs the corpus again with a generated user configuration of 2,000 term
//! pairs and 20 regex rules, to show what long user lists cost. As a yardstick from the same run,
//! ripgrep's `rg -c '\*'` is timed over the same tree and the ratio printed (skipped with a note
//! when no `rg` binary is found). The floors (issue 13: 400 MB/s, 5 ms) are printed as
//! PASS/FAIL for information only: a slow run never makes the benchmark fail. Only std is used.
//!
//! Output and memory (also without the corpus): the seed ×200 and ×2000 as one batch in every
//! output format (peak RSS must not grow with the batch), the time to the first byte of output,
//! and one file with a million findings.
//!
//! First, without the corpus, it checks inputs that once took quadratic time (MB-sized single
//! lines of spaces, dots, digits, nested brackets and markers; many headings) at ×1 and ×10 size
//! and prints the time ratio: about 10 for a linear path, about 100 for a quadratic one.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const DEFAULT_MB: u64 = 100;
const CORPUS_RUNS: usize = 3;
const SEED_RUNS: usize = 20;
const SEED: &str = "seeds/000_18ae15f2ea8019a0.txt";
const POLL: Duration = Duration::from_millis(5);

const FLOOR_MB_S: f64 = 400.0;
const FLOOR_PEAK_MB: f64 = 50.0;
const FLOOR_SEED_MS: f64 = 5.0;

const MB: f64 = 1_000_000.0;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = std::env::var_os("GWLINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/corpus"));
    let target_mb = std::env::var("GWLINT_BENCH_MB")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| *v > 0.0)
        .unwrap_or(DEFAULT_MB as f64);

    let (bin, bin_source) = match locate_binary(manifest) {
        Ok(found) => found,
        Err(e) => {
            println!("gwlint binary not available ({e}); skipping");
            return;
        }
    };

    hostile_inputs(&bin);
    output_memory(&bin, manifest);

    if !corpus.is_dir() {
        println!(
            "corpus not found at {}; skipping the corpus runs",
            corpus.display()
        );
        return;
    }
    let mut sources = Vec::new();
    if let Err(e) = collect_txt(&corpus, &mut sources) {
        println!("cannot read corpus at {}: {e}; skipping", corpus.display());
        return;
    }
    sources.sort();
    let corpus_bytes: u64 = sources.iter().map(|(_, len)| len).sum();
    if corpus_bytes == 0 {
        println!("corpus at {} has no .txt files; skipping", corpus.display());
        return;
    }
    let copies = ((target_mb * MB) / corpus_bytes as f64).round().max(1.0) as usize;

    let work = TempDir::new();
    let tree = work.path.join("tree");
    let (files, total_bytes) = match replicate(&corpus, &sources, &tree, copies) {
        Ok(v) => v,
        Err(e) => {
            println!(
                "cannot replicate corpus into {}: {e}; skipping",
                tree.display()
            );
            return;
        }
    };
    let stderr_log = work.path.join("stderr.log");

    println!("gwlint throughput benchmark");
    println!("  binary: {} (via {bin_source})", bin.display());
    println!(
        "  corpus: {} files, {:.1} MB (replicated {copies}x from {})",
        group(files as u64),
        total_bytes as f64 / MB,
        corpus.display()
    );

    // Whole default rule set over the tree.
    let Some((secs, peak_mb, cpu)) = best_run(&bin, &tree, None, &stderr_log) else {
        return;
    };
    let mb_s = total_bytes as f64 / MB / secs;
    println!(
        "  whole default rule set: best of {CORPUS_RUNS} {secs:.2} s -> {mb_s:.0} MB/s, peak RSS {peak_mb:.1} MB{cpu}"
    );

    ripgrep_ratio(&tree, total_bytes, secs, &stderr_log);

    // The same with a large user configuration: long term lists must not slow the run.
    let config = work.path.join("gwlint.toml");
    if let Err(e) = fs::write(&config, large_user_config()) {
        println!("  cannot write the user configuration: {e}");
    } else if let Some((secs, peak_mb, cpu)) = best_run(&bin, &tree, Some(&config), &stderr_log) {
        let with = total_bytes as f64 / MB / secs;
        println!(
            "  plus {USER_PAIRS} user term pairs and {USER_RULES} user regex rules: best of {CORPUS_RUNS} {secs:.2} s -> {with:.0} MB/s ({:+.1}%), peak RSS {peak_mb:.1} MB{cpu}",
            (with / mb_s - 1.0) * 100.0
        );
    }

    // Single seed file as a process.
    let seed = manifest.join(SEED);
    let seed_line = match fs::metadata(&seed) {
        Err(_) => {
            println!(
                "  single seed file: not found at {}; skipped",
                seed.display()
            );
            None
        }
        Ok(meta) => {
            let mut best: Option<Duration> = None;
            for _ in 0..SEED_RUNS {
                let mut cmd = Command::new(&bin);
                cmd.args(["check", "--format", "jsonl", SEED])
                    .current_dir(manifest);
                match measure(cmd, &stderr_log, false) {
                    Ok(m) => {
                        if m.status.code() != Some(1) {
                            println!(
                                "  seed run: exit status {} (1 expected: the seed has findings)",
                                m.status
                            );
                            print_tail(&stderr_log);
                        }
                        if best.is_none_or(|b| m.wall < b) {
                            best = Some(m.wall);
                        }
                    }
                    Err(e) => {
                        println!("  seed run: cannot run gwlint: {e}");
                        break;
                    }
                }
            }
            best.map(|b| {
                let ms = b.as_secs_f64() * 1000.0;
                println!(
                    "  single seed file ({:.0} KB) as a process: best of {SEED_RUNS} {ms:.1} ms",
                    meta.len() as f64 / 1000.0
                );
                ms
            })
        }
    };

    println!("floors (informative, never fatal):");
    println!(
        "  throughput >= {FLOOR_MB_S:.0} MB/s: {:<4} ({mb_s:.0} MB/s)",
        verdict(mb_s >= FLOOR_MB_S)
    );
    println!(
        "  peak RSS   <  {FLOOR_PEAK_MB:.0} MB:   {:<4} ({peak_mb:.1} MB)",
        verdict(peak_mb < FLOOR_PEAK_MB)
    );
    match seed_line {
        Some(ms) => println!(
            "  seed file  <  {FLOOR_SEED_MS:.0} ms:   {:<4} ({ms:.1} ms)",
            verdict(ms < FLOOR_SEED_MS)
        ),
        None => println!("  seed file  <  {FLOOR_SEED_MS:.0} ms:   n/a"),
    }
}

/// Bytes of the ×1 hostile inputs (the ×10 ones are ten times larger).
const HOSTILE_BYTES: usize = 400_000;

/// Inputs that once took quadratic time, each checked at ×1 and ×10 size: a linear path takes
/// about ten times as long for ten times the input, a quadratic one a hundred times.
fn hostile_inputs(bin: &Path) {
    type Make = fn(usize) -> String;
    let cases: [(&str, Make); 8] = [
        ("one line of spaces", |n| " ".repeat(n)),
        ("one line of `发展 `", |n| "发展 ".repeat(n / 7)),
        ("one line of `1.`", |n| "1.".repeat(n / 2)),
        ("one line of digits", |n| "1234567890".repeat(n / 10)),
        ("nested 《》", |n| {
            format!("{}{}", "《".repeat(n / 6), "》".repeat(n / 6))
        }),
        ("one line of markers", |n| {
            "（一）一、1.（1）".repeat(n / 20)
        }),
        ("headings, one per line", |n| {
            "一、标题。一是加强。\n".repeat(n / 28)
        }),
        ("one line of `*-`", |n| "*-".repeat(n / 2)),
    ];
    let work = TempDir::new();
    let log = work.path.join("stderr.log");
    println!(
        "hostile inputs (×1 = {} KB; time ×10 / time ×1, linear ≈ 10):",
        HOSTILE_BYTES / 1000
    );
    for (name, make) in cases {
        let mut times = Vec::new();
        for scale in [1, 10] {
            let file = work.path.join(format!("hostile-{scale}.txt"));
            if let Err(e) = fs::write(&file, make(HOSTILE_BYTES * scale)) {
                println!("  {name}: cannot write input: {e}");
                return;
            }
            let mut cmd = Command::new(bin);
            cmd.args(["check", "--format", "jsonl"]).arg(&file);
            match measure(cmd, &log, true) {
                Ok(m) => times.push((m.wall.as_secs_f64(), m.peak_kb as f64 / 1024.0)),
                Err(e) => {
                    println!("  {name}: cannot run gwlint: {e}");
                    return;
                }
            }
        }
        let ((t1, m1), (t10, m10)) = (times[0], times[1]);
        let ratio = t10 / t1.max(1e-4);
        println!(
            "  {name:<24} ×1 {:>7.1} ms {m1:>6.1} MB   ×10 {:>8.1} ms {m10:>7.1} MB   ratio {ratio:>5.1}  {}",
            t1 * 1000.0,
            t10 * 1000.0,
            verdict(ratio < 25.0)
        );
    }
}

/// Copies of the seed checked as one batch, to show that memory does not grow with the output.
const MEMORY_SCALES: [usize; 2] = [200, 2000];
/// Formats whose memory is measured (JSON and SARIF are single documents, streamed too).
const MEMORY_FORMATS: [&str; 4] = ["jsonl", "json", "sarif", "human"];
const FLOOR_BATCH_PEAK_MB: f64 = 40.0;
const FLOOR_FIRST_OUTPUT_MS: f64 = 200.0;
/// `一、` headings in one file (13 MB), every one after the first a duplicate-number finding.
const HEADINGS: usize = 1_000_000;

/// Output and memory: peak RSS of the seed ×200 and ×2000 in every format (flat means the output
/// is streamed and nothing of a printed file is kept), the time until the first byte of output on
/// the ×2000 batch, and the peak RSS of one file with a million findings.
fn output_memory(bin: &Path, manifest: &Path) {
    let text = match fs::read(manifest.join(SEED)) {
        Ok(t) => t,
        Err(e) => {
            println!("output memory: seed not readable ({e}); skipped");
            return;
        }
    };
    let work = TempDir::new();
    let log = work.path.join("stderr.log");
    let mut dirs = Vec::new();
    for scale in MEMORY_SCALES {
        let dir = work.path.join(format!("seed-x{scale}"));
        let made = fs::create_dir_all(&dir).and_then(|()| {
            (0..scale).try_for_each(|i| fs::write(dir.join(format!("{i:05}.txt")), &text))
        });
        if let Err(e) = made {
            println!(
                "output memory: cannot write {}: {e}; skipped",
                dir.display()
            );
            return;
        }
        dirs.push((scale, dir));
    }
    println!(
        "output memory (seed ×{} and ×{}, peak RSS, stdout to /dev/null):",
        MEMORY_SCALES[0], MEMORY_SCALES[1]
    );
    for format in MEMORY_FORMATS {
        let mut runs = Vec::new();
        for (scale, dir) in &dirs {
            let mut cmd = Command::new(bin);
            cmd.args(["check", "--no-progress", "--format", format])
                .arg(dir);
            match measure(cmd, &log, true) {
                Ok(m) => runs.push((*scale, m.peak_kb as f64 / 1024.0, m.wall.as_secs_f64())),
                Err(e) => {
                    println!("  {format}: cannot run gwlint: {e}");
                    return;
                }
            }
        }
        let line: Vec<String> = runs
            .iter()
            .map(|(scale, mb, secs)| format!("×{scale} {mb:>5.1} MB {secs:>6.2} s"))
            .collect();
        let (small, large) = (runs[0].1, runs[runs.len() - 1].1);
        let flat = large <= small * 1.25 + 2.0;
        println!(
            "  {format:<6} {}   peak <= {FLOOR_BATCH_PEAK_MB:.0} MB and flat: {}",
            line.join("   "),
            verdict(large <= FLOOR_BATCH_PEAK_MB && flat)
        );
    }
    let (scale, dir) = &dirs[dirs.len() - 1];
    for format in ["jsonl", "human"] {
        match first_output(bin, dir, format) {
            Ok((first, all)) => {
                let ms = first.as_secs_f64() * 1000.0;
                println!(
                    "  first output ({format}, seed ×{scale}): {ms:.0} ms of {:.2} s   <= {FLOOR_FIRST_OUTPUT_MS:.0} ms: {}",
                    all.as_secs_f64(),
                    verdict(ms <= FLOOR_FIRST_OUTPUT_MS)
                );
            }
            Err(e) => println!("  first output ({format}): cannot run gwlint: {e}"),
        }
    }
    let file = work.path.join("headings.txt");
    if let Err(e) = fs::write(&file, "一、标题\n".repeat(HEADINGS)) {
        println!("  headings file: cannot write: {e}");
        return;
    }
    for format in ["jsonl", "sarif", "human"] {
        let mut cmd = Command::new(bin);
        cmd.args(["check", "--format", format]).arg(&file);
        match measure(cmd, &log, true) {
            Ok(m) => println!(
                "  {} `一、` headings in one 13 MB file, {format}: peak RSS {:.0} MB, {:.2} s",
                group(HEADINGS as u64),
                m.peak_kb as f64 / 1024.0,
                m.wall.as_secs_f64()
            ),
            Err(e) => println!("  headings file ({format}): cannot run gwlint: {e}"),
        }
    }
}

/// Time until the first byte of `gwlint check --format <format> <dir>` arrives on a pipe, and
/// until the run ends.
fn first_output(bin: &Path, dir: &Path, format: &str) -> io::Result<(Duration, Duration)> {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args([
            "check",
            "--no-progress",
            "--color",
            "never",
            "--format",
            format,
        ])
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut out = child
        .stdout
        .take()
        .ok_or_else(|| io::Error::other("no stdout pipe"))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut first = None;
    loop {
        let n = out.read(&mut buf)?;
        if first.is_none() {
            first = Some(start.elapsed());
        }
        if n == 0 {
            break;
        }
    }
    child.wait()?;
    Ok((first.unwrap_or_default(), start.elapsed()))
}

/// Number of `[wrong, right]` pairs in the large user configuration.
const USER_PAIRS: usize = 2_000;
/// Number of `[[rule]]` regex rules in it.
const USER_RULES: usize = 20;

/// A configuration an editorial office might grow: thousands of extra typo pairs (generated
/// CJK words, deterministic) and a few dozen regex rules of its own.
fn large_user_config() -> String {
    let mut seed: u32 = 0x2545_f491;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    let mut word = |len: usize| -> String {
        (0..len)
            .map(|_| char::from_u32(0x4E00 + next() % 0x5000).unwrap_or('一'))
            .collect()
    };
    let mut out = String::from("[rules.typo]\nextend = [\n");
    for i in 0..USER_PAIRS {
        let wrong = word(2 + i % 3);
        let right = word(2 + i % 3);
        out.push_str(&format!("  [\"{wrong}\", \"{right}\"],\n"));
    }
    out.push_str("]\n");
    for i in 0..USER_RULES {
        let head = word(2);
        out.push_str(&format!(
            "\n[[rule]]\nid = \"bench-{i}\"\nmessage = \"{{text}}\"\nregex = '{head}(?:[0-9]+|{})'\n",
            word(2)
        ));
    }
    out
}

/// Runs `check --format jsonl <tree>` (with `--config`) [`CORPUS_RUNS`] times: the best wall time
/// in seconds, the highest peak RSS in MB, and the CPU time of the best run as text.
fn best_run(
    bin: &Path,
    tree: &Path,
    config: Option<&Path>,
    stderr_log: &Path,
) -> Option<(f64, f64, String)> {
    let mut best: Option<Duration> = None;
    let mut peak_kb: u64 = 0;
    let mut cpu_of_best = None;
    for run in 0..CORPUS_RUNS {
        let mut cmd = Command::new(bin);
        cmd.args(["check", "--format", "jsonl"]);
        if let Some(c) = config {
            cmd.arg("--config").arg(c);
        }
        cmd.arg(tree);
        let m = match measure(cmd, stderr_log, true) {
            Ok(m) => m,
            Err(e) => {
                println!("  run {}: cannot run gwlint: {e}", run + 1);
                return None;
            }
        };
        if !matches!(m.status.code(), Some(0 | 1)) {
            println!(
                "  run {}: unexpected exit status {} (0 or 1 expected)",
                run + 1,
                m.status
            );
            print_tail(stderr_log);
        }
        peak_kb = peak_kb.max(m.peak_kb);
        if best.is_none_or(|b| m.wall < b) {
            best = Some(m.wall);
            cpu_of_best = m.cpu;
        }
    }
    let secs = best.unwrap_or_default().as_secs_f64().max(1e-9);
    let cpu = cpu_of_best
        .map(|c: Duration| {
            format!(
                ", cpu {:.2} s ({:.1} cores busy)",
                c.as_secs_f64(),
                c.as_secs_f64() / secs
            )
        })
        .unwrap_or_default();
    Some((secs, peak_kb as f64 / 1024.0, cpu))
}

/// Times ripgrep's `rg -c '\*'` over the same tree (best of [`CORPUS_RUNS`]) and prints how many
/// times longer gwlint took: a yardstick from the same machine and the same run. The real `rg`
/// binary is looked up on `PATH` (`$GWLINT_RG` overrides); a script in its place, or none, is
/// reported and the ratio skipped.
fn ripgrep_ratio(tree: &Path, total_bytes: u64, gwlint_secs: f64, stderr_log: &Path) {
    let Some(rg) = find_ripgrep() else {
        println!("  ripgrep: no `rg` binary on PATH (or $GWLINT_RG); ratio skipped");
        return;
    };
    match fs::read(&rg).map(|b| b.starts_with(b"\x7fELF")) {
        Ok(true) => {}
        Ok(false) => {
            println!(
                "  ripgrep: {} is not an ELF binary (a wrapper script?); ratio skipped",
                rg.display()
            );
            return;
        }
        Err(e) => {
            println!(
                "  ripgrep: cannot read {}: {e}; ratio skipped",
                rg.display()
            );
            return;
        }
    }
    let mut best: Option<Duration> = None;
    for _ in 0..CORPUS_RUNS {
        let mut cmd = Command::new(&rg);
        cmd.args(["-c", r"\*"]).arg(tree);
        match measure(cmd, stderr_log, false) {
            // 0: matches, 1: none; anything else is an error of rg's.
            Ok(m) if matches!(m.status.code(), Some(0 | 1)) => {
                if best.is_none_or(|b| m.wall < b) {
                    best = Some(m.wall);
                }
            }
            Ok(m) => {
                println!("  ripgrep: exit status {}; ratio skipped", m.status);
                print_tail(stderr_log);
                return;
            }
            Err(e) => {
                println!("  ripgrep: cannot run {}: {e}; ratio skipped", rg.display());
                return;
            }
        }
    }
    let rg_secs = best.unwrap_or_default().as_secs_f64().max(1e-9);
    println!(
        "  ripgrep `rg -c '\\*'` ({}): best of {CORPUS_RUNS} {rg_secs:.3} s -> {:.0} MB/s; gwlint / rg = {:.1}",
        rg.display(),
        total_bytes as f64 / MB / rg_secs,
        gwlint_secs / rg_secs
    );
}

/// `$GWLINT_RG`, or the first `rg` file on `PATH`.
fn find_ripgrep() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GWLINT_RG") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("rg"))
        .find(|candidate| candidate.is_file())
}

fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "FAIL" }
}

/// The release-like binary cargo built for this bench, or a freshly built `target/release/gwlint`.
fn locate_binary(manifest: &Path) -> Result<(PathBuf, &'static str), String> {
    // `GWLINT_BIN=/path/to/old/gwlint cargo bench` measures another build (before/after).
    if let Some(p) = std::env::var_os("GWLINT_BIN") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok((p, "$GWLINT_BIN"))
        } else {
            Err(format!("$GWLINT_BIN: {} not found", p.display()))
        };
    }
    if let Some(p) = option_env!("CARGO_BIN_EXE_gwlint") {
        let p = PathBuf::from(p);
        if p.is_file() {
            return Ok((p, "CARGO_BIN_EXE_gwlint"));
        }
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--bin", "gwlint"])
        .current_dir(manifest)
        .status()
        .map_err(|e| format!("cargo build --release: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release exited with {status}"));
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target"));
    let p = target
        .join("release")
        .join(format!("gwlint{}", std::env::consts::EXE_SUFFIX));
    if p.is_file() {
        Ok((p, "cargo build --release"))
    } else {
        Err(format!("{} not found", p.display()))
    }
}

/// Every `.txt` file under `dir` (recursively) with its size.
fn collect_txt(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            collect_txt(&path, out)?;
        } else if ty.is_file()
            && path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        {
            out.push((path, entry.metadata()?.len()));
        }
    }
    Ok(())
}

/// Copies the corpus `copies` times into `tree/copy_NNN/<relative path>`.
fn replicate(
    corpus: &Path,
    sources: &[(PathBuf, u64)],
    tree: &Path,
    copies: usize,
) -> io::Result<(usize, u64)> {
    let mut files = 0;
    let mut bytes = 0;
    for i in 0..copies {
        let root = tree.join(format!("copy_{i:03}"));
        for (src, _) in sources {
            let rel = src.strip_prefix(corpus).unwrap_or(src);
            let dst = root.join(rel);
            if let Some(parent) = dst.parent() {
                fs::create_dir_all(parent)?;
            }
            bytes += fs::copy(src, &dst)?;
            files += 1;
        }
    }
    Ok((files, bytes))
}

struct Measurement {
    wall: Duration,
    status: ExitStatus,
    /// Peak resident set size (VmHWM) in KiB, 0 when not polled or not readable.
    peak_kb: u64,
    /// User + system CPU time of the child, when /proc/self/stat is readable.
    cpu: Option<Duration>,
}

/// Runs `cmd` with stdout discarded and stderr sent to `stderr_log`. The wall time is taken by a
/// thread blocked in `wait`, so polling does not round it; when `poll_rss` is set, the main thread
/// reads the child's VmHWM every 5 ms meanwhile (monotonic, so the last value seen is the peak up to
/// at most 5 ms before exit).
fn measure(mut cmd: Command, stderr_log: &Path, poll_rss: bool) -> io::Result<Measurement> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(stderr_log)?);
    let cpu_before = children_cpu();
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let status_path = format!("/proc/{}/status", child.id());
    let waiter = thread::spawn(move || {
        let status = child.wait();
        (status, Instant::now())
    });
    let mut peak_kb = 0;
    if poll_rss {
        while !waiter.is_finished() {
            if let Some(kb) = vm_hwm_kb(&status_path) {
                peak_kb = peak_kb.max(kb);
            }
            thread::sleep(POLL);
        }
    }
    let (status, end) = waiter
        .join()
        .map_err(|_| io::Error::other("wait thread panicked"))?;
    let status = status?;
    let cpu = match (cpu_before, children_cpu()) {
        (Some(a), Some(b)) => b.checked_sub(a),
        _ => None,
    };
    Ok(Measurement {
        wall: end - start,
        status,
        peak_kb,
        cpu,
    })
}

fn vm_hwm_kb(status_path: &str) -> Option<u64> {
    let text = fs::read_to_string(status_path).ok()?;
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time (user + system) of this process's reaped children, from /proc/self/stat (cutime, cstime).
fn children_cpu() -> Option<Duration> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let cutime: u64 = fields.get(13)?.parse().ok()?;
    let cstime: u64 = fields.get(14)?.parse().ok()?;
    // USER_HZ is 100 on every mainstream Linux configuration.
    Some(Duration::from_millis((cutime + cstime) * 10))
}

fn print_tail(log: &Path) {
    let mut text = String::new();
    if fs::File::open(log)
        .and_then(|mut f| f.read_to_string(&mut text))
        .is_ok()
    {
        let lines: Vec<&str> = text.lines().collect();
        for l in &lines[lines.len().saturating_sub(5)..] {
            println!("    stderr: {l}");
        }
    }
}

fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `temp_dir()/gwlint-bench-<pid>`, removed on drop (also when the benchmark panics).
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Self {
        let path = std::env::temp_dir().join(format!("gwlint-bench-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        let _ = fs::create_dir_all(&path);
        Self { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.path);
    }
}
