//! `gwlint outline`: the numbered outline as the parser sees it.

use std::io::{self, Write};

use super::*;
use crate::document::line_index::LineIndex;
use crate::document::{Document, Heading};
use crate::exit_codes;
use crate::render;

pub(super) fn outline(
    args: OutlineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let source = if args.file.as_os_str() == "-" {
        crate::input::load_stdin("-", args.encoding.0)
    } else {
        crate::input::load(&args.file, args.encoding.0)
    };
    let source = match source {
        Ok(s) => s,
        Err(e) => {
            write!(
                err,
                "{}",
                render::render_error(&format!("{}：{e}", args.file.display()), e.help(), false)
            )?;
            return Ok(exit_codes::ERROR);
        }
    };
    if let Some(notice) = &source.notice {
        writeln!(err, "{}：{notice}", args.file.display())?;
    }
    // The outline the rules see: of a Markdown file its prose (`## 一、…` is a heading), with
    // the file's line numbers.
    let doc = Document::parse(source.checked_text(), source.kind);
    let original = LineIndex::new(&source.text);
    let line_of = |h: &Heading| original.line_of(source.original_span(h.marker.clone()).start);
    write!(
        out,
        "{}",
        outline_lines(&doc, original.line_count(), &line_of)
    )?;
    Ok(exit_codes::CLEAN)
}

/// The indented table of contents printed by `gwlint outline`.
pub fn outline_text(doc: &Document) -> String {
    outline_lines(doc, doc.lines.line_count(), &|h| h.paragraph + 1)
}

/// The outline of `doc`, each heading shown at `line_of(heading)` (1-based) of a text of `lines`
/// lines.
fn outline_lines(doc: &Document, lines: usize, line_of: &dyn Fn(&Heading) -> usize) -> String {
    let mut s = String::new();
    if doc.headings.is_empty() {
        s.push_str("（没有找到层次序号：一、（一）1.（1）或 第X章/条）\n");
        return s;
    }
    let width = lines.to_string().len();
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
        let line = line_of(h);
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
