//! `gwlint outline`: the numbered outline as the parser sees it.

use std::io::{self, Write};

use super::*;
use crate::document::{Document, SourceKind};
use crate::exit_codes;
use crate::render;

pub(super) fn outline(
    args: OutlineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
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
