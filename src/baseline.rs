//! Baselines for archives: `--write-baseline FILE` records today's findings, `--baseline FILE`
//! reports only new ones. A finding is matched by its rule, its file and the text around it —
//! not by line number — so an edit further up does not make old findings look new. The same
//! fingerprint may occur several times in a file: each recorded occurrence covers one finding.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Finding;
use crate::document::Document;

/// Characters of context taken on each side of a finding (within its line).
const CONTEXT: usize = 8;

/// The baseline file.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Recorded findings.
    pub findings: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Path as shown when the baseline was written (`./` dropped).
    pub path: String,
    /// Rule id.
    pub rule: String,
    /// Hash of rule, path and the text around the finding.
    pub fingerprint: String,
    /// Line when written (for people reading the file; not used to match).
    pub line: usize,
    /// Message when written (for people).
    pub message: String,
}

/// Remaining recorded occurrences per file and fingerprint.
#[derive(Debug, Default, Clone)]
pub struct Index {
    by_path: HashMap<String, HashMap<String, usize>>,
}

/// The path as stored: `./` and backslashes normalised.
pub fn normalise(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_owned()
}

/// The fingerprint of `f` in `doc` at `path`: FNV-1a over rule, path, the finding's text and a
/// few characters on each side within its line (whitespace runs collapsed).
pub fn fingerprint(path: &str, doc: &Document, f: &Finding) -> String {
    let text = &doc.text;
    let line_start = text[..f.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[f.span.end..]
        .find('\n')
        .map_or(text.len(), |i| f.span.end + i);
    let before: String = text[line_start..f.span.start]
        .chars()
        .rev()
        .take(CONTEXT)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[f.span.end..line_end.max(f.span.end)]
        .chars()
        .take(CONTEXT)
        .collect();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        f.rule,
        &normalise(path),
        &squash(&before),
        &squash(&text[f.span.clone()]),
        &squash(&after),
    ] {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            format!(
                "无法读取基线文件 {}：{}",
                path.display(),
                crate::input::io_reason(&e)
            )
        })?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("基线文件 {} 格式不对：{e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "基线文件 {} 的版本 {} 不受支持（应为 1）",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// Writes the baseline atomically, following links, keeping the mode, replacing only a
    /// regular file ([`crate::atomic_write`]).
    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut json =
            serde_json::to_string_pretty(self).map_err(|e| format!("无法生成基线：{e}"))?;
        json.push('\n');
        crate::atomic_write::write(path, json.as_bytes())
    }

    /// The lookup structure used while checking.
    pub fn index(&self) -> Index {
        let mut by_path: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for e in &self.findings {
            *by_path
                .entry(normalise(&e.path))
                .or_default()
                .entry(e.fingerprint.clone())
                .or_default() += 1;
        }
        Index { by_path }
    }
}

impl Index {
    /// Drops from `findings` those the baseline recorded for `path`.
    pub fn filter(&self, path: &str, doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
        let Some(known) = self.by_path.get(&normalise(path)) else {
            return findings;
        };
        let mut left = known.clone();
        findings
            .into_iter()
            .filter(|f| {
                let fp = fingerprint(path, doc, f);
                match left.get_mut(&fp) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;

    #[test]
    fn fingerprints_survive_edits_above() {
        let f = |text: &str| {
            let doc = Document::parse(text, SourceKind::Text);
            let pos = text.find("拼博").unwrap();
            let finding = Finding::new("typo", pos..pos + 6, "m");
            fingerprint("./a.txt", &doc, &finding)
        };
        let a = f("一、甲\n发扬拼博精神。\n");
        let b = f("新加的一段。\n\n一、甲\n发扬拼博精神。\n");
        assert_eq!(a, b);
        assert_ne!(a, f("一、甲\n发扬拼博作风。\n"));
    }
}
