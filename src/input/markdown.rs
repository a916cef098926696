//! Markdown input: the rules see the prose only, laid out the way a plain-text report is (one
//! paragraph per line), and every finding is reported at its place in the original file.
//!
//! # How
//!
//! The file is parsed with `pulldown-cmark` (CommonMark plus tables, footnotes, strikethrough,
//! task lists and YAML front matter) and a *checked text* is built from its events, together with
//! a map from checked bytes back to the original. The rules run on a [`crate::document::Document`] of the checked
//! text; [`crate::lint`] then moves (with [`Prepared::map_finding`]) each finding (span, related spans, fix) back into the
//! original, and the renderer shows the original text, so lines and character columns are those
//! of the file.
//!
//! The checked text is not the same length as the original: Markdown syntax is left out instead
//! of being blanked. Blanking keeps offsets but leaves a gap the rules would have to step over —
//! `**加强**领导` or a term wrapped as `高质量\n发展` would no longer read as one word, and blanks
//! inside a line look like stray whitespace. Leaving it out gives the rules plain prose.
//!
//! What the checked text holds:
//! - every paragraph, heading, list item, block-quote paragraph and footnote text on a line of
//!   its own, without the syntax around it (`#`, `>`, `-`, `*`, emphasis marks, link targets);
//! - a paragraph hard-wrapped over several lines as one line: a soft line break is dropped (a
//!   space between two words that are not Chinese), so quotes, brackets, terms and sentences
//!   are seen whole. Two kinds of soft break still start a new paragraph, because the outline
//!   is read from line starts as in a plain-text report, and a file written one paragraph per
//!   line without blank lines is common: after a line that stands alone (it ends a sentence, or
//!   it is a short heading, title, signature or date line, and no quote or bracket is open on
//!   it), and before a line that starts with an outline marker (`一、`, `（二）`, `3.`,
//!   `第五条`) — unless it goes on a number or `第` wrapped at the end of the line before (`1\n979、`).
//!   A hard line break (two trailing spaces, `\`, `<br>`) ends the line. Trailing spaces are
//!   Markdown layout, not text;
//! - a `##` heading is an outline heading when its text starts with a marker (`## 一、总体要求`);
//! - an ordered-list item keeps its number as written when the list uses `1.` (so `1. 2. 4.` is
//!   a skipped number and `1.` under `（一）` is level 3); the space after it is list syntax.
//!   A list numbered lazily (every item the same number: `1. 1. 1.`) and a list with `1)` are
//!   numbered by the Markdown renderer, so their numbers are left out;
//! - each table cell on a line of its own after a `|` (a cell is not an outline heading and its
//!   padding is layout); a `<br>` inside a cell starts another such line;
//! - an inline code span, an autolink or an e-mail link as one letter, [`PLACEHOLDER`] (a word
//!   that is neither Chinese nor ASCII, so the text around it reads naturally); images,
//!   footnote references, inline HTML and task-list boxes as nothing;
//! - code blocks, HTML blocks, HTML comments and front matter not at all — except an indented
//!   "code block" that is mostly Chinese: that is a report indented with four spaces, saved
//!   with blank lines between paragraphs, and its lines are read like those of a paragraph.
//!
//! Entities and backslash escapes are given to the rules decoded (`&nbsp;` is a no-break space);
//! a finding on one covers the whole entity. A fix is kept only when its span maps onto one
//! stretch of the original (a fix across left-out syntax such as `**` would delete it). A
//! message that cites the line of a related location (`第 3 行已用过`) is given the file's line.
//!
//! HTML comments also carry suppressions: `<!-- gwlint-disable rule-a, rule-b -->` (or with no
//! ids: every rule) up to `<!-- gwlint-enable -->` or the end of the file, and
//! `<!-- gwlint-disable-next-line rule -->` for the following line of the file.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Finding;
use crate::document::line_index::LineIndex;

/// A message that cites the line of a related location (`第 3 行已用过`) names the line of the
/// checked text; make it the file's.
pub(crate) fn cite_original_lines(
    mut f: Finding,
    prepared: &Prepared,
    checked: &LineIndex,
    original: &LineIndex,
) -> Finding {
    for r in &f.related {
        let from = checked.line_of(r.span.start);
        let to = original.line_of(prepared.map_span(r.span.clone()).start);
        let cited = format!("第 {from} 行");
        if from != to && f.message.contains(&cited) {
            f.message = f.message.replace(&cited, &format!("第 {to} 行"));
        }
    }
    f
}

/// How a stretch of the checked text relates to the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A copy of the original bytes.
    Exact,
    /// An entity or escape, decoded.
    Decoded,
    /// Added: a line break, a cell's `|`, the space of a soft break, a code placeholder.
    Synthetic,
}

/// One stretch of the checked text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    /// Start in the checked text.
    checked: usize,
    /// Length in the checked text.
    len: usize,
    /// The original bytes it stands for (empty for a line break added at a block's end).
    orig: Range<usize>,
    origin: Origin,
}

/// The checked text of a Markdown file and what is needed to report in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prepared {
    /// The prose, one paragraph per line (see the module docs).
    pub text: String,
    /// Stretches of `text`, in order, covering it.
    segments: Vec<Segment>,
    /// Suppressed byte ranges of the original and the rules they cover (empty: every rule).
    pub disabled: Vec<(Range<usize>, Vec<String>)>,
}

impl Prepared {
    /// The original offset of checked offset `pos` taken as a start.
    fn start_of(&self, pos: usize) -> usize {
        let i = self.segments.partition_point(|s| s.checked <= pos);
        let Some(seg) = i.checked_sub(1).map(|i| &self.segments[i]) else {
            return 0;
        };
        if pos >= seg.checked + seg.len {
            return seg.orig.end;
        }
        match seg.origin {
            Origin::Exact => seg.orig.start + (pos - seg.checked),
            _ => seg.orig.start,
        }
    }

    /// The original offset of checked offset `pos` taken as an end (`pos > 0`).
    fn end_of(&self, pos: usize) -> usize {
        let i = self.segments.partition_point(|s| s.checked < pos);
        let Some(seg) = i.checked_sub(1).map(|i| &self.segments[i]) else {
            return 0;
        };
        match seg.origin {
            Origin::Exact => seg.orig.start + (pos - seg.checked).min(seg.len),
            _ => seg.orig.end,
        }
    }

    /// Maps a checked span into the original.
    pub fn map_span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.start_of(span.start);
        if span.is_empty() {
            return start..start;
        }
        start..self.end_of(span.end).max(start)
    }

    /// The original span of a checked span that is one unbroken stretch of the original (only
    /// copied or decoded text, nothing left out in between): where a fix may replace text.
    fn exact_span(&self, span: Range<usize>) -> Option<Range<usize>> {
        if span.is_empty() {
            return Some(self.map_span(span));
        }
        let first = self
            .segments
            .partition_point(|s| s.checked + s.len <= span.start);
        let mut prev_end: Option<usize> = None;
        for seg in &self.segments[first..] {
            if seg.checked >= span.end {
                break;
            }
            match seg.origin {
                Origin::Synthetic => return None,
                Origin::Decoded if span.start > seg.checked || span.end < seg.checked + seg.len => {
                    return None;
                }
                _ => {}
            }
            if prev_end.is_some_and(|e| e != seg.orig.start) {
                return None;
            }
            prev_end = Some(seg.orig.end);
        }
        Some(self.map_span(span))
    }

    /// Moves a finding of the checked text into the original. A fix that would replace text
    /// across left-out syntax is dropped.
    pub fn map_finding(&self, mut f: Finding) -> Finding {
        if let Some(fix) = f.fix.take() {
            f.fix = self
                .exact_span(fix.span.clone())
                .map(|span| crate::diagnostic::Edit { span, ..fix });
        }
        f.span = self.map_span(f.span);
        for r in &mut f.related {
            r.span = self.map_span(r.span.clone());
        }
        f
    }
}

/// The parser options: CommonMark with GitHub's tables, strikethrough and task lists, footnotes
/// and front matter. No smart punctuation: the quotes stay as written.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// What the rules see for an inline code span or a URL: a letter, so that the text around it
/// reads as around a word, but not an ASCII one (`a）` would be an item label, `X` a placeholder,
/// `V` a Roman numeral) and not Chinese (no term can run into it, and spaces around it are not
/// spaces inside Chinese text).
pub const PLACEHOLDER: &str = "α";

/// Builds the checked text.
struct Builder<'a> {
    src: &'a str,
    out: String,
    segments: Vec<Segment>,
    /// End in the original of the last text given to the rules.
    last_end: usize,
    /// A soft line break waiting for the text after it: its range in the original.
    soft_break: Option<Range<usize>>,
    /// An ordered-list number was written and the item's text goes on the same line.
    after_marker: bool,
    /// What the rules' current line holds so far.
    line: LineState,
}

/// The current line of the checked text, kept up to date as text is added (a soft break asks
/// whether the line stands alone without reading it again).
#[derive(Debug, Clone, Copy, Default)]
struct LineState {
    /// Start of the line in the checked text.
    start: usize,
    /// Characters on it.
    chars: usize,
    /// Quotes and brackets opened and not closed: “”, （）, 《》, 【】〔〕, ‘’.
    open: [i32; 5],
    /// It holds `。！？；`.
    sentence: bool,
    /// It holds a comma.
    comma: bool,
}

impl LineState {
    fn add(&mut self, s: &str) {
        for c in s.chars() {
            self.chars += 1;
            let (i, d) = match c {
                '“' => (0, 1),
                '”' => (0, -1),
                '（' | '(' => (1, 1),
                '）' | ')' => (1, -1),
                '《' => (2, 1),
                '》' => (2, -1),
                '【' | '〔' | '[' => (3, 1),
                '】' | '〕' | ']' => (3, -1),
                '‘' => (4, 1),
                '’' => (4, -1),
                '。' | '！' | '？' | '；' => {
                    self.sentence = true;
                    continue;
                }
                '，' | ',' => {
                    self.comma = true;
                    continue;
                }
                _ => continue,
            };
            self.open[i] += d;
        }
    }
}

impl<'a> Builder<'a> {
    fn push(&mut self, s: &str, orig: Range<usize>, origin: Origin) {
        if s.is_empty() {
            return;
        }
        // Adjacent copies of adjacent original text are one segment.
        if origin == Origin::Exact
            && let Some(last) = self.segments.last_mut()
            && last.origin == Origin::Exact
            && last.orig.end == orig.start
            && last.checked + last.len == self.out.len()
        {
            last.len += s.len();
            last.orig.end = orig.end;
        } else {
            self.segments.push(Segment {
                checked: self.out.len(),
                len: s.len(),
                orig: orig.clone(),
                origin,
            });
        }
        self.out.push_str(s);
        if s == "\n" {
            self.line = LineState {
                start: self.out.len(),
                ..LineState::default()
            };
        } else {
            self.line.add(s);
        }
        if origin != Origin::Synthetic || !orig.is_empty() {
            self.last_end = orig.end;
        }
    }

    /// Ends the current line unless it is empty (the checked text has no blank lines).
    fn end_line(&mut self) {
        self.soft_break = None;
        self.after_marker = false;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            let at = self.last_end;
            self.push("\n", at..at, Origin::Synthetic);
        }
    }

    /// Starts a block's text on a new line (or after the list number written just before).
    fn start_block(&mut self) {
        if self.after_marker {
            self.after_marker = false;
        } else {
            self.end_line();
        }
    }

    /// Text given to the rules; `content` is what they see for the original `range`.
    fn text(&mut self, content: &str, range: Range<usize>) {
        if content.is_empty() {
            return;
        }
        self.resolve_soft_break(content);
        self.after_marker = false;
        let origin = if self.src.get(range.clone()) == Some(content) {
            Origin::Exact
        } else {
            Origin::Decoded
        };
        self.push(content, range, origin);
    }

    /// A stand-in for something that is not prose but is part of the sentence (inline code, a
    /// URL): [`PLACEHOLDER`].
    fn placeholder(&mut self, range: Range<usize>) {
        self.resolve_soft_break(PLACEHOLDER);
        self.after_marker = false;
        self.push(PLACEHOLDER, range, Origin::Synthetic);
    }

    /// What a pending soft line break becomes before `next`: a line break when the line before
    /// it stands alone ([`Builder::stands_alone`]) or `next` opens with an outline marker; a space
    /// between two words that are not Chinese; else nothing (the wrapped paragraph goes on).
    fn resolve_soft_break(&mut self, next: &str) {
        let Some(range) = self.soft_break.take() else {
            return;
        };
        if self.stands_alone() || starts_with_marker(next) && !self.wrapped_number(next) {
            let at = self.last_end;
            self.push("\n", at..at, Origin::Synthetic);
        } else {
            // Two words of a language written with spaces (`wrapped\nline`) keep one.
            let word = |c: Option<char>| {
                c.is_some_and(|c| {
                    !c.is_whitespace() && !crate::document::marks::is_chinese(Some(c))
                })
            };
            if word(self.out.chars().next_back()) && word(next.chars().next()) {
                self.push(" ", range, Origin::Synthetic);
            }
        }
    }

    /// Whether `next`, a line that starts with what looks like an outline marker, goes on a number
    /// or an ordinal wrapped at the end of the current line (`增长1\n5.3%`, `第\n一、`): not a
    /// heading.
    fn wrapped_number(&self, next: &str) -> bool {
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        let before = self.out.chars().next_back();
        before == Some('第') || before.is_some_and(digit) && next.starts_with(digit)
    }

    /// Whether the current line, followed by a soft line break, is a paragraph of its own: in a
    /// file written like a plain-text report (one paragraph per line, no blank lines between:
    /// `一、总体要求\n（一）指导思想\n坚持……。\n`) rather than a hard-wrapped paragraph. So it is
    /// when no quote or bracket is open on it and it ends a sentence (`。！？；：…`, maybe before
    /// a closing quote or bracket), or it is a heading, a title, a signature or a date: no
    /// sentence punctuation, and at most 40 characters and no comma, or an outline marker and at
    /// most 30 characters. A hard-wrapped line is long and ends anywhere, mostly after a comma
    /// or in the middle of a clause.
    fn stands_alone(&self) -> bool {
        let line = &self.line;
        if line.open.iter().any(|&n| n > 0) {
            return false;
        }
        let text = &self.out[line.start..];
        let body = text
            .trim_end()
            .trim_end_matches(['”', '’', '）', ')', '》', '」', '』', '】', '〕']);
        if body.ends_with(['。', '！', '？', '；', '：', '…', '!', '?']) {
            return true;
        }
        !line.sentence
            && (line.chars <= 40 && !line.comma || line.chars <= 30 && starts_with_marker(text))
    }
}

/// Whether a line that starts with `text` starts with an outline marker.
fn starts_with_marker(text: &str) -> bool {
    // The head is enough for any marker and what follows it.
    let mut end = text.len().min(64);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let first = head.split('\n').next().unwrap_or_default();
    crate::document::outline::parse(first)
        .first()
        .is_some_and(|p| p.marker.is_some())
}

/// The number and delimiter of an ordered-list item whose source starts at `at`
/// (`12.` → (12, '.')).
fn item_number(src: &str, at: usize) -> Option<(u64, char, Range<usize>)> {
    let rest = &src[at..];
    let start = at + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    let digits = src[start..].bytes().take_while(u8::is_ascii_digit).count();
    let delim = src[start + digits..].chars().next()?;
    if digits == 0 || !matches!(delim, '.' | ')') {
        return None;
    }
    let value = src[start..start + digits].parse().ok()?;
    Some((value, delim, start..start + digits + 1))
}

/// For each ordered list (by the index of its `Start(List)` event): whether its numbers are kept.
fn kept_numbers(src: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    for (i, (ev, _)) in events.iter().enumerate() {
        if !matches!(ev, Event::Start(Tag::List(Some(_)))) {
            continue;
        }
        let mut depth = 0usize;
        let mut numbers = Vec::new();
        for (ev, range) in &events[i + 1..] {
            match ev {
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) if depth == 0 => break,
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Start(Tag::Item) if depth == 0 => {
                    numbers.push(item_number(src, range.start));
                }
                _ => {}
            }
        }
        let dotted = numbers
            .iter()
            .all(|n| n.as_ref().is_some_and(|(_, d, _)| *d == '.'));
        let lazy = numbers.len() > 1
            && numbers
                .iter()
                .all(|n| n.as_ref().map(|(v, ..)| v) == numbers[0].as_ref().map(|(v, ..)| v));
        out.push((i, dotted && !lazy));
    }
    out
}

/// Builds the checked text of a Markdown file and reads its suppression comments.
pub fn prepare(src: &str) -> Prepared {
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(src, options()).into_offset_iter().collect();
    let kept = kept_numbers(src, &events);
    let mut b = Builder {
        src,
        out: String::with_capacity(src.len()),
        segments: Vec::new(),
        last_end: 0,
        soft_break: None,
        after_marker: false,
        line: LineState::default(),
    };
    let mut html: Vec<Range<usize>> = Vec::new();
    // Inside a code block, HTML block, front matter or image: no prose.
    let mut skip = 0usize;
    // Inside an autolink or e-mail link: its text is a URL.
    let mut url = 0usize;
    // Ordered lists open around the current event: whether their numbers are kept.
    let mut lists: Vec<Option<bool>> = Vec::new();
    let mut in_cell = false;
    // Inside an indented code block that is Chinese prose (see [`indented_prose`]).
    let mut prose_code = false;
    for (i, (ev, range)) in events.iter().enumerate() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(CodeBlockKind::Indented)
                    if skip == 0 && indented_prose(&events[i + 1..]) =>
                {
                    b.end_line();
                    prose_code = true;
                }
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    b.end_line();
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    if skip == 0 {
                        b.placeholder(range.clone());
                    }
                    url += 1;
                }
                Tag::List(start) => {
                    b.start_block();
                    lists.push(start.map(|_| {
                        kept.binary_search_by_key(&i, |&(at, _)| at)
                            .is_ok_and(|k| kept[k].1)
                    }));
                }
                Tag::Item => {
                    b.start_block();
                    if lists.last() == Some(&Some(true))
                        && let Some((_, _, marker)) = item_number(src, range.start)
                    {
                        b.push(&src[marker.clone()], marker, Origin::Exact);
                        b.after_marker = true;
                    }
                }
                Tag::TableCell => {
                    b.end_line();
                    in_cell = true;
                    b.push("|", range.start..range.start, Origin::Synthetic);
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => b.start_block(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock if prose_code => {
                    prose_code = false;
                    b.end_line();
                }
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                }
                TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::Link if url > 0 => url -= 1,
                TagEnd::List(_) => {
                    lists.pop();
                    b.end_line();
                }
                TagEnd::TableCell => {
                    in_cell = false;
                    b.end_line();
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => b.end_line(),
                _ => {}
            },
            Event::Text(t) if prose_code => prose_lines(&mut b, t, range.clone()),
            Event::Text(t) if skip == 0 && url == 0 => b.text(t, range.clone()),
            Event::Code(_) if skip == 0 => b.placeholder(range.clone()),
            Event::SoftBreak if skip == 0 && b.soft_break.is_none() && !b.out.ends_with('\n') => {
                b.soft_break = Some(range.clone());
            }
            Event::HardBreak if skip == 0 => line_break(&mut b, in_cell, range.start),
            Event::Html(_) => html.push(range.clone()),
            Event::InlineHtml(h) => {
                html.push(range.clone());
                if skip == 0 && is_br(h) {
                    line_break(&mut b, in_cell, range.start);
                }
            }
            Event::Rule => b.end_line(),
            _ => {}
        }
    }
    b.end_line();
    Prepared {
        disabled: suppressions(src, &html),
        text: b.out,
        segments: b.segments,
    }
}

/// Whether an indented code block (`events` after its start) is Chinese prose: a plain-text
/// report indented with four spaces, saved as Markdown with blank lines between paragraphs. So it
/// is when at least half of its visible characters are Chinese (Han characters or full-width
/// punctuation); code, even with Chinese comments, is mostly ASCII. Fenced code blocks are
/// always code.
fn indented_prose(events: &[(Event<'_>, Range<usize>)]) -> bool {
    let (mut chinese, mut visible) = (0usize, 0usize);
    for (ev, _) in events {
        match ev {
            Event::Text(t) => {
                for c in t.chars().filter(|c| !c.is_whitespace()) {
                    visible += 1;
                    if crate::document::marks::is_chinese(Some(c)) {
                        chinese += 1;
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    visible > 0 && chinese * 2 >= visible
}

/// The text of an indented code block that is prose: its line breaks are those of a paragraph
/// (a line that stands alone is a paragraph, a hard-wrapped one goes on).
fn prose_lines(b: &mut Builder<'_>, text: &str, range: Range<usize>) {
    if b.src.get(range.clone()) != Some(text) {
        b.text(text.trim_end(), range);
        b.end_line();
        return;
    }
    let mut at = range.start;
    for piece in text.split_inclusive('\n') {
        let line = piece.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            // A blank line ends the paragraph.
            b.end_line();
        }
        b.text(line, at..at + line.len());
        if line.len() < piece.len() && b.soft_break.is_none() && !b.out.ends_with('\n') {
            b.soft_break = Some(at + line.len()..at + piece.len());
        }
        at += piece.len();
    }
}

/// A forced line break inside a block: a new line (in a table cell, another `|` line).
fn line_break(b: &mut Builder<'_>, in_cell: bool, at: usize) {
    b.end_line();
    if in_cell {
        b.push("|", at..at, Origin::Synthetic);
    }
}

/// Whether inline HTML is a `<br>` (`<br/>`, `<BR />`).
fn is_br(html: &str) -> bool {
    let h = html.trim_start_matches('<').trim_start();
    h.len() >= 2 && h[..2].eq_ignore_ascii_case("br") && h[2..].trim_start().starts_with(['>', '/'])
}

/// Reads the `gwlint-disable` comments in the HTML of the file (`html`: the ranges of its HTML
/// events, in order).
fn suppressions(src: &str, html: &[Range<usize>]) -> Vec<(Range<usize>, Vec<String>)> {
    let bytes = src.as_bytes();
    let mut comments: Vec<(Range<usize>, &str)> = Vec::new();
    let mut at = 0usize;
    for r in html {
        let mut pos = r.start.max(at);
        while pos < r.end {
            let Some(i) = memchr::memmem::find(&bytes[pos..r.end], b"<!--") else {
                break;
            };
            let start = pos + i;
            // A comment may run over several HTML events (lines of an HTML block); unclosed,
            // it runs to the end of the file.
            let (body_end, end) = match memchr::memmem::find(&bytes[start + 4..], b"-->") {
                Some(j) => (start + 4 + j, start + 4 + j + 3),
                None => (src.len(), src.len()),
            };
            comments.push((start..end, src[start + 4..body_end].trim()));
            pos = end;
        }
        at = pos;
    }
    let ids = |rest: &str| -> Vec<String> {
        rest.split([',', ' ', '，'])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut disabled = Vec::new();
    let mut open: Option<(usize, Vec<String>)> = None;
    for (range, body) in comments {
        if let Some(rest) = body.strip_prefix("gwlint-disable-next-line") {
            let line_start =
                memchr::memchr(b'\n', &bytes[range.end..]).map_or(src.len(), |i| range.end + i + 1);
            let line_end =
                memchr::memchr(b'\n', &bytes[line_start..]).map_or(src.len(), |i| line_start + i);
            disabled.push((line_start..line_end, ids(rest)));
        } else if let Some(rest) = body.strip_prefix("gwlint-disable") {
            if let Some((start, rules)) = open.take() {
                disabled.push((start..range.start, rules));
            }
            open = Some((range.end, ids(rest)));
        } else if body.starts_with("gwlint-enable")
            && let Some((start, rules)) = open.take()
        {
            disabled.push((start..range.start, rules));
        }
    }
    if let Some((start, rules)) = open {
        disabled.push((start..src.len(), rules));
    }
    disabled
}

/// Whether a finding of `rule` starting at byte `pos` is suppressed.
pub fn is_disabled(disabled: &[(Range<usize>, Vec<String>)], rule: &str, pos: usize) -> bool {
    disabled
        .iter()
        .any(|(r, rules)| r.contains(&pos) && (rules.is_empty() || rules.iter().any(|x| x == rule)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checked text and, for each `needle`, the original offset its first occurrence in the
    /// checked text maps to.
    fn checked(src: &str) -> Prepared {
        let p = prepare(src);
        for seg in &p.segments {
            assert!(p.text.is_char_boundary(seg.checked));
            assert!(src.is_char_boundary(seg.orig.start) && src.is_char_boundary(seg.orig.end));
        }
        p
    }

    fn maps(p: &Prepared, src: &str, needle: &str) {
        let at = p.text.find(needle).unwrap();
        let span = p.map_span(at..at + needle.len());
        assert_eq!(&src[span], needle, "{needle}");
    }

    #[test]
    fn wrapped_paragraph_is_one_line() {
        let src = "## 一、总体要求\n\n推动“高质量\n发展”，\n  wrapped\nline 文字。\n";
        let p = checked(src);
        assert_eq!(
            p.text,
            "一、总体要求\n推动“高质量发展”，wrapped line 文字。\n"
        );
        maps(&p, src, "高质量");
        maps(&p, src, "发展”");
        maps(&p, src, "一、");
        // Across the left-out line break: the span covers it, no fix may replace it.
        let at = p.text.find("量发").unwrap();
        assert_eq!(&src[p.map_span(at..at + 6)], "量\n发");
        assert_eq!(p.exact_span(at..at + 6), None);
        assert!(p.exact_span(at..at + 3).is_some());
    }

    #[test]
    fn wrapped_line_starting_with_marker_is_a_paragraph() {
        let p = checked(
            "一、总体要求\n\n坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的\n\
             二十大精神，推动“高质量\n发展”取得新成效。\n（一）指导思想\n",
        );
        assert_eq!(
            p.text,
            "一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的\
             二十大精神，推动“高质量发展”取得新成效。\n（一）指导思想\n"
        );
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        // A plain-text report saved as .md: every line stands alone.
        let src = "关于做好2024年工作的通知\n一、总体要求\n（一）指导思想\n\
                   坚持稳中求进，推动“高质量发展”。\n（二）基本原则：\n1.坚持问题导向\n\
                   某市人民政府\n2024年1月5日\n";
        assert_eq!(checked(src).text, src);
        // Not when a line ends inside a sentence or a quotation.
        let p = checked("一、总体要求\n（一）指导思想。“坚持\n问题导向。”\n");
        assert_eq!(
            p.text,
            "一、总体要求（一）指导思想。“坚持问题导向。”\n".replacen("求（", "求\n（", 1)
        );
    }

    #[test]
    fn hard_breaks_end_lines() {
        let p = checked("甲乙  \n丙丁\\\n戊<br>己<BR/>庚\n");
        assert_eq!(p.text, "甲乙\n丙丁\n戊\n己\n庚\n");
    }

    #[test]
    fn tables_one_cell_per_line() {
        let src =
            "| 项目 | 金额 |\n|---|--:|\n| 一、收入   |  100 |\n| 说明，文字<br>（一）续 | `x` |\n";
        let p = checked(src);
        assert_eq!(
            p.text,
            format!("|项目\n|金额\n|一、收入\n|100\n|说明，文字\n|（一）续\n|{PLACEHOLDER}\n")
        );
        maps(&p, src, "一、收入");
    }

    #[test]
    fn code_html_and_front_matter_are_left_out() {
        let src = "---\ntitle: （甲\n---\n\n```\n一、（代码\n```\n\n    let x = f(1); // （注释\n\n<div>\n（块\n</div>\n\n\
                   运行`（`，见<https://a.b/（>、[链接](https://a.b/（)和![图（](x.png)[^1]。<!-- （ -->\n\n\
                   [^1]: 脚注。\n";
        let p = checked(src);
        assert_eq!(
            p.text,
            format!("运行{PLACEHOLDER}，见{PLACEHOLDER}、链接和。\n脚注。\n")
        );
        let at = p.text.find(PLACEHOLDER).unwrap();
        assert_eq!(&src[p.map_span(at..at + PLACEHOLDER.len())], "`（`");
    }

    #[test]
    fn indented_chinese_is_prose() {
        let src = "    一、总体要求\n\n    坚持稳中求进，推动“高质量\n    发展”。\n    （一）指导思想\n\n    \
                   （二）积极扩大国内需求特别是消费需求，增强内需对经济增长的拉动作用\n\n    一是扩大消费。\n";
        let p = checked(src);
        assert_eq!(
            p.text,
            "一、总体要求\n坚持稳中求进，推动“高质量发展”。\n（一）指导思想\n\
             （二）积极扩大国内需求特别是消费需求，增强内需对经济增长的拉动作用\n一是扩大消费。\n"
        );
        maps(&p, src, "高质量");
    }

    #[test]
    fn list_numbers() {
        // As written (a skipped number is a defect); lazy and `1)` lists are the renderer's.
        let p = checked(
            "1. 甲\n2. 乙\n4. 丙\n\n- 丁\n\n1. 戊\n1. 己\n\n1) 庚\n2) 辛\n\n3. 壬\n\n   续段\n",
        );
        assert_eq!(p.text, "1.甲\n2.乙\n4.丙\n丁\n戊\n己\n庚\n辛\n3.壬\n续段\n");
    }

    #[test]
    fn entities_and_escapes_are_decoded() {
        let src = "各地&nbsp;要\\*落实&amp;。\n";
        let p = checked(src);
        assert_eq!(p.text, "各地\u{a0}要*落实&。\n");
        let at = p.text.find('\u{a0}').unwrap();
        assert_eq!(p.exact_span(at..at + 2), Some(2 * 3..2 * 3 + 6));
        maps(&p, src, "*");
    }

    #[test]
    fn emphasis_is_left_out_and_fixes_across_it_dropped() {
        let src = "要**加强**领导。\n";
        let p = checked(src);
        assert_eq!(p.text, "要加强领导。\n");
        let at = p.text.find("加强领导").unwrap();
        assert_eq!(p.exact_span(at..at + 12), None);
        assert_eq!(&src[p.map_span(at..at + 12)], "加强**领导");
    }

    #[test]
    fn unclosed_comment_before_multibyte_text() {
        for src in [
            "<!--中文",
            "正文\n<!-- gwlint-disable\n中文",
            "<!--",
            "甲<!--乙",
            "<!-- -- 中 --",
        ] {
            let p = prepare(src);
            for (r, _) in &p.disabled {
                assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            }
        }
        // The unclosed comment runs to the end of the file: nothing after it is prose.
        assert_eq!(prepare("正文\n\n<!-- gwlint-disable\n中文").text, "正文\n");
    }

    #[test]
    fn suppressions_work() {
        let text = "甲\n\n<!-- gwlint-disable typo, stray-whitespace -->\n乙\n<!-- gwlint-enable -->\n\n丙\n\n<!-- gwlint-disable-next-line -->\n丁\n戊\n";
        let m = prepare(text);
        let at = |s: &str| text.find(s).unwrap();
        assert!(is_disabled(&m.disabled, "typo", at("乙")));
        assert!(!is_disabled(&m.disabled, "unmatched-pair", at("乙")));
        assert!(!is_disabled(&m.disabled, "typo", at("丙")));
        assert!(is_disabled(&m.disabled, "unmatched-pair", at("丁")));
        assert!(!is_disabled(&m.disabled, "typo", at("戊")));
        assert!(!is_disabled(&m.disabled, "typo", at("甲")));
    }
}
