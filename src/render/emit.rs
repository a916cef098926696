//! Streaming output. Every format has two halves:
//!
//! - a [`Renderer`] (shared by the worker threads) turns one checked file into the bytes that
//!   format prints for it, so serialisation runs in parallel;
//! - an [`Emitter`] (on the main thread) writes the opening, each file's bytes in path order as
//!   they come, and the closing. It keeps counts, never findings.
//!
//! JSON and SARIF are single documents: the array's (or the results') items are written between
//! the opening and the closing exactly as `serde_json::to_writer_pretty` would indent them, so the
//! output is byte-identical to serialising everything at once. SARIF puts `invocations` (which
//! lists the files that could not be checked) before `results`, so its results go through a
//! [`Spill`] (memory, then a temporary file) and are copied out at the end.

use std::io::{self, Read, Seek, Write};

use serde::Serialize;
use serde_json::json;

use super::human::{self, ReportOptions};
use super::{JsonFinding, JsonFix, JsonRelated, OutputFormat, Summary, machine};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::document::line_index::LineCol;

/// Bytes kept in memory by a [`Spill`] before the rest goes to a temporary file: a file with a
/// million findings is rendered in bounded memory.
pub const SPILL_AT: usize = 1 << 20;

/// A write buffer that moves to an anonymous temporary file once it holds [`SPILL_AT`] bytes.
#[derive(Debug, Default)]
pub struct Spill {
    memory: Vec<u8>,
    file: Option<std::fs::File>,
    len: u64,
}

impl Spill {
    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Bytes of memory held (the rest is in the temporary file).
    pub fn in_memory(&self) -> u64 {
        self.memory.capacity() as u64
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Copies everything written, in order, to `out`, and empties the buffer.
    pub fn drain_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.file.take() {
            None => out.write_all(&self.memory)?,
            Some(mut f) => {
                f.write_all(&self.memory)?;
                f.rewind()?;
                io::copy(&mut f, &mut WriteAdapter(out))?;
            }
        }
        self.memory = Vec::new();
        self.len = 0;
        Ok(())
    }

    /// Everything written, in order, as a reader.
    pub fn into_reader(mut self) -> io::Result<impl Read> {
        let head: Box<dyn Read> = match self.file.take() {
            Some(mut f) => {
                f.rewind()?;
                Box::new(f)
            }
            None => Box::new(io::empty()),
        };
        Ok(head.chain(io::Cursor::new(self.memory)))
    }
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.memory.extend_from_slice(buf);
        self.len += buf.len() as u64;
        if self.memory.len() >= SPILL_AT {
            let file = match &mut self.file {
                Some(f) => f,
                None => self.file.insert(tempfile::tempfile()?),
            };
            file.write_all(&self.memory)?;
            self.memory.clear();
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// `io::copy` wants a sized writer.
struct WriteAdapter<'a>(&'a mut dyn Write);

impl Write for WriteAdapter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Lines and character columns for byte offsets that mostly come in ascending order (findings are
/// sorted by position): each step counts only the characters since the previous offset, or since
/// its line's start. An offset behind the cursor is looked up in the line index instead.
pub struct LineCursor<'a> {
    doc: &'a Document,
    offset: usize,
    at: LineCol,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `doc`.
    pub fn new(doc: &'a Document) -> Self {
        LineCursor {
            doc,
            offset: 0,
            at: LineCol { line: 1, column: 1 },
        }
    }

    /// Line and column of `offset`; moves the cursor there when it is ahead.
    pub fn advance(&mut self, offset: usize) -> LineCol {
        if offset < self.offset {
            return self.doc.lines.line_col(&self.doc.text, offset);
        }
        let lc = relative(self.doc, self.offset, self.at, offset);
        self.offset = offset;
        self.at = lc;
        lc
    }
}

/// Line and column of `offset`, given those of an earlier `base` offset: counted from `base` when
/// both are on one line, from the line's start otherwise.
fn relative(doc: &Document, base: usize, base_lc: LineCol, offset: usize) -> LineCol {
    let text = doc.text.as_bytes();
    let offset = offset.min(text.len());
    if offset < base {
        return doc.lines.line_col(&doc.text, offset);
    }
    let line = doc.lines.line_of(offset);
    if line == base_lc.line {
        return LineCol {
            line,
            column: base_lc.column + count_chars(&text[base..offset]),
        };
    }
    let start = doc.lines.line_start(line);
    LineCol {
        line,
        column: count_chars(&text[start..offset]) + 1,
    }
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Builds the machine form of a finding, taking its strings. `start` is the line and column of
/// `f.span.start` (from a [`LineCursor`]).
pub(crate) fn json_finding(
    path: &str,
    doc: &Document,
    f: Finding,
    start: LineCol,
    encoding: &'static str,
    fix_region: bool,
) -> JsonFinding {
    let end = relative(doc, f.span.start, start, f.span.end);
    let related = f
        .related
        .into_iter()
        .map(|r| {
            let lc = relative(doc, f.span.start, start, r.span.start);
            JsonRelated {
                line: lc.line,
                column: lc.column,
                message: r.message,
            }
        })
        .collect();
    let fix = f.fix.map(|e| {
        let region = if fix_region {
            let a = relative(doc, f.span.start, start, e.span.start);
            let b = relative(doc, e.span.start, a, e.span.end);
            (a.line, a.column, b.line, b.column)
        } else {
            (0, 0, 0, 0)
        };
        JsonFix {
            replacement: e.replacement,
            byte_start: e.span.start,
            byte_end: e.span.end,
            safe: e.safe,
            region,
        }
    });
    JsonFinding {
        path: path.to_owned(),
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_start: f.span.start,
        byte_end: f.span.end,
        related,
        help: f.help,
        fix,
        encoding,
    }
}

/// Counts of one file's findings: what the summary, `--statistics` and the exit code need.
#[derive(Debug, Default, Clone)]
pub struct FileCounts {
    /// Findings per severity (indexed by `Severity as usize`: info, warning, error).
    pub by_severity: [usize; 3],
    /// Findings per rule and severity, in order of first appearance.
    pub by_rule: Vec<(&'static str, [usize; 3])>,
}

impl FileCounts {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> Self {
        let mut c = FileCounts::default();
        for f in findings {
            c.by_severity[f.severity as usize] += 1;
            match c.by_rule.iter_mut().find(|(r, _)| *r == f.rule) {
                Some((_, n)) => n[f.severity as usize] += 1,
                None => {
                    let mut n = [0; 3];
                    n[f.severity as usize] = 1;
                    c.by_rule.push((f.rule, n));
                }
            }
        }
        c
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.by_severity.iter().sum()
    }

    /// The most severe finding's severity.
    pub fn max_severity(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| self.by_severity[*s as usize] > 0)
    }
}

/// What a worker hands to the main thread for one file: its bytes in the chosen format.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The file's part of the output.
    pub bytes: Spill,
    /// GitHub: the file's rows of the step summary table.
    pub table: Spill,
    /// GitHub: rows in `table`.
    pub rows: usize,
    /// SARIF: the custom rules of this file's results, in order of first report.
    pub custom_rules: Vec<(&'static str, Severity)>,
    /// SARIF: where in `bytes` the `ruleIndex` of a custom rule's result goes, and which of
    /// `custom_rules` it is (the index is known only on the main thread, in path order).
    pub custom_at: Vec<(u64, usize)>,
}

/// What is printed and how: shared by the workers.
#[derive(Debug, Clone)]
pub struct Renderer {
    /// Output format.
    pub format: OutputFormat,
    /// Nothing per file is printed (`--statistics`, `--write-baseline`, `--quiet`).
    pub counts_only: bool,
    /// Findings below this severity are not shown (`--min-severity`).
    pub min_severity: Severity,
    /// Human output options.
    pub human: ReportOptions,
    /// GitHub: also render the step summary rows.
    pub github_table: bool,
}

/// Prefix of the placeholder a worker writes for a custom rule's SARIF `ruleIndex`.
const CUSTOM_INDEX_MARK: &[u8] = b"\"ruleIndex\": \"\\u0000\"";

impl Renderer {
    /// Renders one checked file. `findings` are sorted by position.
    pub fn render(
        &self,
        path: &str,
        doc: &Document,
        findings: Vec<Finding>,
        encoding: &'static str,
        notice: Option<&str>,
    ) -> io::Result<Rendered> {
        let mut r = Rendered::default();
        if self.counts_only {
            return Ok(r);
        }
        let shown = |f: &Finding| f.severity >= self.min_severity;
        if self.format == OutputFormat::Human {
            // How the file was read, when its content overrode its name (a Word document
            // named .txt): said even when nothing is found, so a surprise is never silent.
            if let Some(notice) = notice {
                write!(r.bytes, "{path}：{notice}\n\n")?;
            }
            let findings: Vec<Finding> = findings.into_iter().filter(shown).collect();
            if findings.is_empty() {
                return Ok(r);
            }
            if encoding != "UTF-8" {
                write!(
                    r.bytes,
                    "{path}：按 {encoding} 编码读取（行、列按解码后的文字计）\n\n"
                )?;
            }
            human::write_report(&mut r.bytes, path, doc, &findings, self.human)?;
            return Ok(r);
        }
        let mut cursor = LineCursor::new(doc);
        let mut scratch = Vec::new();
        for f in findings.into_iter().filter(shown) {
            let start = cursor.advance(f.span.start);
            let sarif = self.format == OutputFormat::Sarif;
            let j = json_finding(path, doc, f, start, encoding, sarif);
            match self.format {
                OutputFormat::Human => unreachable!("rendered above"),
                OutputFormat::Jsonl => {
                    serde_json::to_writer(&mut r.bytes, &j)?;
                    r.bytes.write_all(b"\n")?;
                }
                OutputFormat::Json => {
                    r.bytes.write_all(b",\n  ")?;
                    write_indented(&mut r.bytes, &mut scratch, &j, 2)?;
                }
                OutputFormat::Concise => writeln!(r.bytes, "{}", machine::concise(&j))?,
                OutputFormat::Github => {
                    writeln!(r.bytes, "{}", machine::github(&j))?;
                    if self.github_table {
                        r.table
                            .write_all(machine::github_summary_row(&j).as_bytes())?;
                        r.rows += 1;
                    }
                }
                OutputFormat::Sarif => {
                    r.bytes.write_all(b",\n        ")?;
                    match machine::builtin_rule_index(j.rule) {
                        Some(i) => {
                            let result = machine::sarif_result(&j, json!(i));
                            write_indented(&mut r.bytes, &mut scratch, &result, 8)?;
                        }
                        None => {
                            let k = match r.custom_rules.iter().position(|(id, _)| *id == j.rule) {
                                Some(k) => k,
                                None => {
                                    r.custom_rules.push((j.rule, j.severity));
                                    r.custom_rules.len() - 1
                                }
                            };
                            // The result without its index, and where the index goes.
                            let result = machine::sarif_result(&j, json!("\u{0}"));
                            scratch.clear();
                            serde_json::to_writer_pretty(&mut scratch, &result)?;
                            let at = memchr::memmem::find(&scratch, CUSTOM_INDEX_MARK)
                                .ok_or_else(|| io::Error::other("ruleIndex not serialised"))?;
                            let value_at = at + b"\"ruleIndex\": ".len();
                            write_lines_indented(&mut r.bytes, &scratch[..value_at], 8)?;
                            r.custom_at.push((r.bytes.len(), k));
                            write_lines_indented(
                                &mut r.bytes,
                                &scratch[at + CUSTOM_INDEX_MARK.len()..],
                                8,
                            )?;
                        }
                    }
                }
            }
        }
        Ok(r)
    }
}

/// Writes `value` as `serde_json::to_writer_pretty` would inside a container nested `indent`
/// spaces deep: pretty-printed, every line after the first indented. JSON strings never hold a
/// raw line break, so every `\n` is a line of the layout.
pub fn write_indented<T: Serialize>(
    out: &mut dyn Write,
    scratch: &mut Vec<u8>,
    value: &T,
    indent: usize,
) -> io::Result<()> {
    scratch.clear();
    serde_json::to_writer_pretty(&mut *scratch, value)?;
    write_lines_indented(out, scratch, indent)
}

/// Writes `bytes`, indenting every line after a `\n` by `indent` spaces.
fn write_lines_indented(out: &mut dyn Write, bytes: &[u8], indent: usize) -> io::Result<()> {
    let pad = &b"                "[..indent];
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=i])?;
        out.write_all(pad)?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)
}

/// One file's outcome as the emitter sees it.
pub enum FileEvent<'a> {
    /// A checked file.
    Checked {
        /// Path as shown.
        path: &'a str,
        /// The encoding it was read in.
        encoding: &'static str,
        /// Counts of all its findings (before display filters).
        counts: &'a FileCounts,
        /// Its rendering.
        rendered: &'a mut Rendered,
    },
    /// A file that could not be checked.
    Failed {
        /// Path as shown.
        path: &'a str,
        /// Why, in Chinese.
        message: &'a str,
    },
}

/// Writes one output format: opening, each file in path order, closing.
pub trait Emitter {
    /// Before the first file.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// One file, in path order; nothing of it is kept afterwards but counts.
    fn file(&mut self, out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()>;
    /// After the last file.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
    /// A note for standard error after the run (something that could not be written).
    fn notice(&mut self) -> Option<String> {
        None
    }
}

/// Human, concise and JSON Lines: each file's bytes as they come; the summary line at the end
/// (human and concise).
pub struct LinesEmitter {
    /// Which format (human and concise print a summary).
    pub format: OutputFormat,
    /// Print the closing summary.
    pub summary: bool,
    /// The display filter `--min-severity`, which the human summary mentions.
    pub min_severity: Severity,
    /// Nothing was printed per file (`--quiet`): no blank line before the summary.
    pub quiet: bool,
    /// Whether a file's report was printed yet.
    pub printed: bool,
}

impl Emitter for LinesEmitter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()> {
        if let FileEvent::Checked { rendered, .. } = event
            && !rendered.bytes.is_empty()
        {
            // Human reports of two files are set apart by a blank line.
            if self.format == OutputFormat::Human && self.printed {
                out.write_all(b"\n")?;
            }
            rendered.bytes.drain_to(out)?;
            self.printed = true;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !self.summary {
            return Ok(());
        }
        match self.format {
            OutputFormat::Human => {
                if summary.total() > 0 && !self.quiet {
                    writeln!(out)?;
                }
                writeln!(out, "{}", human::summary(summary, self.min_severity))
            }
            OutputFormat::Concise => {
                if summary.total() > 0 && !self.quiet {
                    writeln!(out)?;
                }
                writeln!(out, "{summary}")
            }
            _ => Ok(()),
        }
    }
}

/// `--format json`: one pretty-printed array, items streamed.
#[derive(Default)]
pub struct JsonEmitter {
    any: bool,
}

impl Emitter for JsonEmitter {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")
    }

    fn file(&mut self, out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()> {
        if let FileEvent::Checked { rendered, .. } = event
            && !rendered.bytes.is_empty()
        {
            if self.any {
                rendered.bytes.drain_to(out)?;
            } else {
                // The first item has no comma before it.
                let mut skip = SkipFirst {
                    inner: out,
                    skip: 1,
                };
                rendered.bytes.drain_to(&mut skip)?;
            }
            self.any = true;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if self.any {
            out.write_all(b"\n]\n")
        } else {
            out.write_all(b"]\n")
        }
    }
}

/// A writer that drops the first `skip` bytes.
struct SkipFirst<'a> {
    inner: &'a mut dyn Write,
    skip: usize,
}

impl Write for SkipFirst<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.skip.min(buf.len());
        self.skip -= n;
        self.inner.write_all(&buf[n..])?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `--format github`: annotations as they come; the step summary table (`$GITHUB_STEP_SUMMARY`)
/// at the end, its rows kept in a [`Spill`].
pub struct GithubEmitter {
    /// Where the step summary goes, if anywhere.
    pub summary_path: Option<std::path::PathBuf>,
    rows: Spill,
    findings: usize,
    /// Errors writing the step summary, reported by the caller.
    pub summary_error: Option<io::Error>,
}

impl GithubEmitter {
    /// An emitter writing the step summary to `summary_path`.
    pub fn new(summary_path: Option<std::path::PathBuf>) -> Self {
        GithubEmitter {
            summary_path,
            rows: Spill::default(),
            findings: 0,
            summary_error: None,
        }
    }
}

impl Emitter for GithubEmitter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()> {
        match event {
            FileEvent::Checked { rendered, .. } => {
                rendered.bytes.drain_to(out)?;
                if self.summary_path.is_some() {
                    self.findings += rendered.rows;
                    rendered.table.drain_to(&mut self.rows)?;
                }
            }
            FileEvent::Failed { path, message } => {
                writeln!(out, "{}", machine::github_failure(path, message))?
            }
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let Some(path) = &self.summary_path else {
            return Ok(());
        };
        let mut head = machine::github_summary_head(summary.files, self.findings);
        if self.findings > 0 {
            head.push_str(machine::GITHUB_SUMMARY_COLUMNS);
        }
        let written = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .and_then(|f| {
                let mut f = io::BufWriter::new(f);
                f.write_all(head.as_bytes())?;
                self.rows.drain_to(&mut f)?;
                f.flush()
            });
        if let Err(e) = written {
            self.summary_error = Some(e);
        }
        Ok(())
    }

    fn notice(&mut self) -> Option<String> {
        let e = self.summary_error.take()?;
        Some(format!(
            "gwlint：无法写入 GITHUB_STEP_SUMMARY：{}",
            crate::input::io_reason(&e)
        ))
    }
}

/// `--format sarif`: one log. Results are kept in a [`Spill`] (the log lists the files that could
/// not be checked before the results), custom rules get their index in order of first report.
#[derive(Default)]
pub struct SarifEmitter {
    results: Spill,
    any: bool,
    custom: Vec<(&'static str, Severity)>,
    failures: Vec<(String, String)>,
}

impl Emitter for SarifEmitter {
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, _out: &mut dyn Write, event: FileEvent<'_>) -> io::Result<()> {
        match event {
            FileEvent::Checked { rendered, .. } => {
                if rendered.bytes.is_empty() {
                    return Ok(());
                }
                // Streamed from the worker's buffer: a file's results are never held whole.
                let custom_at = std::mem::take(&mut rendered.custom_at);
                let mut reader = std::mem::take(&mut rendered.bytes).into_reader()?;
                let mut done = 0u64;
                if !self.any {
                    // The first result has no comma before it.
                    io::copy(&mut (&mut reader).take(1), &mut io::sink())?;
                    done = 1;
                }
                for (at, k) in custom_at {
                    io::copy(&mut (&mut reader).take(at - done), &mut self.results)?;
                    done = at;
                    let index = self.custom_index(rendered.custom_rules[k]);
                    write!(self.results, "{index}")?;
                }
                io::copy(&mut reader, &mut self.results)?;
                self.any = true;
            }
            FileEvent::Failed { path, message } => {
                self.failures.push((path.to_owned(), message.to_owned()));
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let mut rules = machine::builtin_sarif_rules();
        for (id, severity) in &self.custom {
            rules.push(machine::SarifRule::custom(id, *severity));
        }
        let log = machine::sarif_log(&rules, &self.failures);
        let text = serde_json::to_string_pretty(&log)?;
        let (head, tail) = split_after(&text, "\"results\": [");
        out.write_all(head.as_bytes())?;
        if self.any {
            self.results.drain_to(out)?;
            out.write_all(b"\n      ")?;
        }
        out.write_all(tail.as_bytes())?;
        out.write_all(b"\n")
    }
}

impl SarifEmitter {
    /// The `ruleIndex` of a custom rule: after the shipped rules, in order of first report.
    fn custom_index(&mut self, (id, severity): (&'static str, Severity)) -> usize {
        let k = match self.custom.iter().position(|(c, _)| *c == id) {
            Some(k) => k,
            None => {
                self.custom.push((id, severity));
                self.custom.len() - 1
            }
        };
        crate::rules::RULES.len() + k
    }
}

/// Splits `text` after the first occurrence of `marker` (which must be there).
fn split_after<'t>(text: &'t str, marker: &str) -> (&'t str, &'t str) {
    let at = text.find(marker).map_or(text.len(), |i| i + marker.len());
    text.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;

    #[test]
    fn cursor_matches_line_index() {
        let text = "一、目标\nab（一）c\n\n末尾有字\r\n最后";
        let doc = Document::parse(text.to_owned(), SourceKind::Text);
        let offsets: Vec<usize> = (0..=doc.text.len())
            .filter(|&i| doc.text.is_char_boundary(i))
            .collect();
        let mut cursor = LineCursor::new(&doc);
        for &o in &offsets {
            assert_eq!(cursor.advance(o), doc.lines.line_col(&doc.text, o), "{o}");
        }
        // Backwards and relative lookups agree too.
        for &o in offsets.iter().rev() {
            assert_eq!(cursor.advance(o), doc.lines.line_col(&doc.text, o), "{o}");
            for &p in &offsets {
                let base = doc.lines.line_col(&doc.text, o);
                assert_eq!(
                    relative(&doc, o, base, p),
                    doc.lines.line_col(&doc.text, p),
                    "{o} {p}"
                );
            }
        }
    }

    #[test]
    fn spill_keeps_order_across_the_file() {
        let mut s = Spill::default();
        let chunk: Vec<u8> = (0..=255u8).cycle().take(SPILL_AT / 3 + 7).collect();
        let mut expected = Vec::new();
        for _ in 0..7 {
            s.write_all(&chunk).unwrap();
            expected.extend_from_slice(&chunk);
        }
        assert!(s.file.is_some(), "spilled to a file");
        assert_eq!(s.len(), expected.len() as u64);
        let mut copy = Spill::default();
        copy.write_all(&expected).unwrap();
        let mut read = Vec::new();
        copy.into_reader().unwrap().read_to_end(&mut read).unwrap();
        assert_eq!(read, expected);
        let mut out = Vec::new();
        s.drain_to(&mut out).unwrap();
        assert_eq!(out, expected);
        assert!(s.is_empty());
    }

    #[test]
    fn indented_items_match_pretty_arrays() {
        let items = vec![
            json!({"a": [], "b": {"c": "x\ny", "d": [1, 2]}}),
            json!({"a": [{"e": null}]}),
        ];
        let mut out = Vec::new();
        out.extend_from_slice(b"[");
        for (i, v) in items.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
            write_indented(&mut out, &mut Vec::new(), v, 2).unwrap();
        }
        out.extend_from_slice(b"\n]");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&items).unwrap()
        );
    }
}
