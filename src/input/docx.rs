//! Word documents (`.docx`): the paragraphs of `word/document.xml` in document order — body
//! paragraphs and table-cell paragraphs — each as one line of the linted text, so a finding's
//! line is its paragraph number. Read with a real zip reader and a streaming XML reader.
//!
//! What is text and what is not:
//! - `w:t` is text, including tracked insertions (`w:ins`); deleted text (`w:delText`) and field
//!   codes (`w:instrText`) are not; the fallback copy of a text box (`mc:Fallback`) is skipped so
//!   its text is not read twice.
//! - `w:tab` is a tab; a manual line break (`w:br`) joins the two parts (Chinese needs no space),
//!   so that one paragraph stays one line.
//! - Word's automatic numbering (`w:numPr`, on the paragraph or inherited from its style in
//!   `styles.xml`, as heading styles linked to a list are) is not text: the paragraphs that carry
//!   it are recorded, and the `auto-numbering` rule reports them instead of missing a gap
//!   silently.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The text of a Word document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    /// One line per paragraph, joined with `\n`.
    pub text: String,
    /// 0-based indices of paragraphs numbered automatically by Word.
    pub auto_numbered: Vec<usize>,
}

/// Largest `word/document.xml` read (uncompressed), against zip bombs.
const MAX_XML: u64 = 256 * 1024 * 1024;

/// A zip error in Chinese.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(io) => crate::input::io_reason(io),
        ZipError::InvalidArchive(_) => "zip 结构损坏或文件不完整".to_owned(),
        ZipError::UnsupportedArchive(_) => "用了不支持的 zip 功能（如加密或分卷）".to_owned(),
        ZipError::FileNotFound => "缺少所需的部件".to_owned(),
        ZipError::InvalidPassword => "文件已加密".to_owned(),
        _ => "zip 格式错误".to_owned(),
    }
}

/// Extracts the paragraphs of a `.docx` file.
pub fn extract(bytes: &[u8]) -> Result<DocxText, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("不是有效的 .docx（zip）文件：{}", zip_reason(&e)))?;
    let mut read = |name: &str| -> Result<Option<String>, String> {
        let entry = match zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("无法读取 {name}：{}", zip_reason(&e))),
        };
        if entry.size() > MAX_XML {
            return Err(format!("{name} 过大（{} 字节）", entry.size()));
        }
        let mut xml = String::new();
        entry
            .take(MAX_XML)
            .read_to_string(&mut xml)
            .map_err(|e| format!("无法解压 {name}：{}", crate::input::io_reason(&e)))?;
        Ok(Some(xml))
    };
    let xml = read("word/document.xml")?
        .ok_or_else(|| "缺少 word/document.xml，不是 Word 文档".to_owned())?;
    let styles = match read("word/styles.xml")? {
        Some(styles) => numbered_styles(&styles)?,
        None => HashSet::new(),
    };
    paragraphs_with_styles(&xml, &styles)
}

/// The paragraph styles of a `styles.xml` that number their paragraphs (a `w:numPr` with a
/// non-zero `w:numId`, on the style or inherited through `w:basedOn`).
pub fn numbered_styles(xml: &str) -> Result<HashSet<String>, String> {
    let mut reader = Reader::from_str(xml);
    // style id → (own numbering: Some(on/off) or None, based on)
    let mut styles: HashMap<String, (Option<bool>, Option<String>)> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "styles.xml 解析失败（位置 {}）：{}",
                reader.error_position(),
                xml_error_zh(&e)
            )
        })?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                if e.name().into_inner() == "w:style" {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let val = || {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == "w:val")
                .map(|a| a.value.to_string())
        };
        match e.name().into_inner() {
            "w:style" if !empty => {
                current = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "w:styleId")
                    .map(|a| a.value.to_string());
                if let Some(id) = &current {
                    styles.entry(id.clone()).or_default();
                }
            }
            "w:basedOn" => {
                if let (Some(id), Some(base)) = (&current, val()) {
                    styles.entry(id.clone()).or_default().1 = Some(base);
                }
            }
            "w:numId" => {
                if let Some(id) = &current {
                    styles.entry(id.clone()).or_default().0 = Some(val().as_deref() != Some("0"));
                }
            }
            _ => {}
        }
    }
    let numbered = |id: &str| -> bool {
        let mut at = id;
        for _ in 0..32 {
            match styles.get(at) {
                Some((Some(on), _)) => return *on,
                Some((None, Some(base))) => at = base,
                _ => return false,
            }
        }
        false
    };
    Ok(styles.keys().filter(|id| numbered(id)).cloned().collect())
}

/// The paragraphs of a `document.xml` (no styles: only direct numbering is seen).
#[cfg(test)]
pub fn paragraphs(xml: &str) -> Result<DocxText, String> {
    paragraphs_with_styles(xml, &HashSet::new())
}

/// One paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    /// Numbering set on the paragraph itself (`numId` 0 switches it off).
    direct: Option<bool>,
    /// Its paragraph style.
    style: Option<String>,
}

/// The paragraphs of a `document.xml`; `numbered_styles` from [`numbered_styles`].
pub fn paragraphs_with_styles(
    xml: &str,
    numbered_styles: &HashSet<String>,
) -> Result<DocxText, String> {
    let mut reader = Reader::from_str(xml);
    let mut out = DocxText::default();
    // Open paragraphs (a text box inside a paragraph holds paragraphs of its own).
    let mut open: Vec<Para> = Vec::new();
    let mut count = 0usize;
    let mut in_text = false;
    let mut skip_depth = 0usize;
    let mut finish = |out: &mut DocxText, text: String, numbered: bool| {
        if count > 0 {
            out.text.push('\n');
        }
        // A paragraph is one line: stray line breaks inside `w:t` are dropped too.
        out.text
            .extend(text.chars().filter(|&c| c != '\n' && c != '\r'));
        if numbered {
            out.auto_numbered.push(count);
        }
        count += 1;
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "document.xml 解析失败（位置 {}）：{}",
                reader.error_position(),
                xml_error_zh(&e)
            )
        })?;
        match event {
            Event::Start(e) => {
                let qname = e.name();
                let name: &str = qname.into_inner();
                if skip_depth > 0 {
                    if is_skipped(name) {
                        skip_depth += 1;
                    }
                    continue;
                }
                match name {
                    "mc:Fallback" | "w:instrText" | "w:delText" => skip_depth = 1,
                    "w:p" => open.push(Para::default()),
                    "w:t" => in_text = true,
                    "w:numPr" => {
                        if let Some(p) = open.last_mut() {
                            p.direct = Some(true);
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                match e.name().into_inner() {
                    "w:tab" => {
                        if let Some(p) = open.last_mut() {
                            p.text.push('\t');
                        }
                    }
                    "w:pStyle" => {
                        let style = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == "w:val")
                            .map(|a| a.value.to_string());
                        if let Some(p) = open.last_mut() {
                            p.style = style;
                        }
                    }
                    "w:p" => finish(&mut out, String::new(), false),
                    "w:numId" => {
                        // `<w:numId w:val="0"/>` switches numbering off.
                        let off = e
                            .attributes()
                            .flatten()
                            .any(|a| a.key.as_ref() == "w:val" && a.value.as_ref() == "0");
                        if off && let Some(p) = open.last_mut() {
                            p.direct = Some(false);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let qname = e.name();
                let name: &str = qname.into_inner();
                if skip_depth > 0 {
                    if is_skipped(name) {
                        skip_depth -= 1;
                    }
                    continue;
                }
                match name {
                    "w:t" => in_text = false,
                    "w:p" => {
                        if let Some(p) = open.pop() {
                            let numbered = p.direct.unwrap_or_else(|| {
                                p.style
                                    .as_ref()
                                    .is_some_and(|s| numbered_styles.contains(s))
                            });
                            finish(&mut out, p.text, numbered);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                let text = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                if let Some(p) = open.last_mut() {
                    p.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                // `&amp;`, `&lt;` … and numeric character references.
                let name = r.xml_content(quick_xml::XmlVersion::Implicit1_0);
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let (Some(c), Some(p)) = (c, open.last_mut()) {
                    p.text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn is_skipped(name: &str) -> bool {
    matches!(name, "mc:Fallback" | "w:instrText" | "w:delText")
}

/// An XML error in Chinese, keeping the tag names it gives.
fn xml_error_zh(e: &quick_xml::Error) -> String {
    use quick_xml::errors::{IllFormedError as I, SyntaxError as S};
    match e {
        quick_xml::Error::Io(io) => crate::input::io_reason(io),
        quick_xml::Error::Syntax(s) => match s {
            S::InvalidBangMarkup => "“<!”之后的标记无效".to_owned(),
            S::UnclosedPI | S::UnclosedXmlDecl => "处理指令（<?…?>）没有闭合".to_owned(),
            S::UnclosedComment => "注释（<!--…-->）没有闭合".to_owned(),
            S::UnclosedDoctype => "DOCTYPE 没有闭合".to_owned(),
            S::UnclosedCData => "CDATA 段没有闭合".to_owned(),
            S::UnclosedTag => "标签没有闭合（缺少 >），文件可能不完整".to_owned(),
            S::UnclosedSingleQuotedAttributeValue | S::UnclosedDoubleQuotedAttributeValue => {
                "属性值的引号没有闭合".to_owned()
            }
        },
        quick_xml::Error::IllFormed(i) => match i {
            I::MissingEndTag(tag) => format!("<{tag}> 缺少结束标签，文件可能不完整"),
            I::UnmatchedEndTag(tag) => format!("结束标签 </{tag}> 没有对应的开始标签"),
            I::MismatchedEndTag { expected, found } => {
                format!("结束标签不匹配：应为 </{expected}>，实际是 </{found}>")
            }
            I::MissingDeclVersion(_) | I::UnknownVersion => {
                "XML 声明中的版本号缺失或无效".to_owned()
            }
            I::MissingDoctypeName => "DOCTYPE 缺少名称".to_owned(),
            I::DoubleHyphenInComment => "注释中有“--”".to_owned(),
            I::UnclosedReference => "实体引用（&…;）没有闭合".to_owned(),
        },
        quick_xml::Error::InvalidAttr(_) => "属性写法无效".to_owned(),
        quick_xml::Error::Encoding(_) => "文本编码无效".to_owned(),
        quick_xml::Error::Escape(_) => "转义字符（&…;）无效".to_owned(),
        quick_xml::Error::Namespace(_) => "命名空间前缀无效".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tables_and_numbering() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>主要任务</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">出台</w:t></w:r><w:del><w:r><w:delText>印发</w:delText></w:r></w:del><w:ins><w:r><w:t>意见》</w:t></w:r></w:ins><w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>续</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/>
<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent><w:fldChar/><w:instrText>PAGE</w:instrText></w:r></w:p>
</w:body></w:document>"#;
        let d = paragraphs(xml).unwrap();
        assert_eq!(
            d.text,
            "一、总体要求\n主要任务\n出台意见》\tA&B续\n表格\n\n框"
        );
        assert_eq!(d.auto_numbered, vec![1]);
        assert!(extract(b"PK\x03\x04junk").is_err());

        // Numbering inherited from a heading style linked to a list, switched off by numId 0.
        let styles = r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="Normal"/></w:style>
</w:styles>"#;
        let set = numbered_styles(styles).unwrap();
        assert!(set.contains("Heading1") && set.contains("MyHeading") && !set.contains("Plain"));
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:pPr><w:pStyle w:val="MyHeading"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Plain"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            paragraphs_with_styles(xml, &set).unwrap().auto_numbered,
            vec![0]
        );
        assert!(extract(b"not a zip").is_err());
    }
}
